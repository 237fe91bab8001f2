"""附件3 amounts typed in 元 under the list's （万元） header, as a park's accounts give them: the 零售额 total
10000 times the form's is said to look typed in 元, and a 交易额 column whose every figure was refused (each past a
company's possible 交易额, said on its row) is not called a column nobody filled."""
from __future__ import annotations

from shibai_xl.examples import example_residents
from tests.conftest import checked_json, example

TRADE, RETAIL = "年度网络交易额（万元）", "年度网络零售额（万元）"


def test_a_list_typed_in_yuan_is_said_so_and_its_refused_figures_are_not_called_blank(make_workbook, capsys):
    rows = example_residents("park")          # 35000 / 4200 万元, as the form declares
    for row in rows:
        row[TRADE], row[RETAIL] = round(row[TRADE] * 10000), round(row[RETAIL] * 10000)
    findings = checked_json(make_workbook("park", residents=rows), capsys)["findings"]
    said = {f["code"]: f["message"] for f in findings if f["code"] in ("XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL")}
    assert "名单金额像是按元填写的" in said["XC_RESIDENT_RETAIL"], said
    assert "都没有填写" not in said["XC_RESIDENT_TRADE"], said
    assert "12处都有误" in said["XC_RESIDENT_TRADE"] and said["XC_RESIDENT_TRADE"].endswith("请改正"), said
    rows_said = [f for f in findings if f["code"] == "XC_RESIDENT_ROW" and f["cell"].startswith("H")]
    assert len(rows_said) == 12              # each refused figure is said on its row, as before


def test_a_figure_refused_is_named_beside_a_total_that_disagrees(make_workbook, capsys):
    rows = example_residents("park")
    rows[0][RETAIL] = "见审计报告"              # no number: said on its row, not added
    said = [f["message"] for f in checked_json(make_workbook("park", residents=rows), capsys)["findings"]
            if f["code"] == "XC_RESIDENT_RETAIL"]
    assert said and "另有1处年度网络零售额数据有误，未计入" in said[0], said


def test_a_retail_column_every_figure_of_which_is_refused_is_no_blank_column(make_workbook, capsys):
    rows = example_residents("park")
    for row in rows:
        row[RETAIL] = "见审计报告"
    findings = checked_json(make_workbook("park", residents=rows), capsys)["findings"]
    said = {f["code"]: f["message"] for f in findings if f["code"] in ("ELIG_EVIDENCE", "XC_RESIDENT_RETAIL")}
    assert "12处都有误" in said["ELIG_EVIDENCE"] and "没有填写" not in said["ELIG_EVIDENCE"], said
    assert "12处都有误" in said["XC_RESIDENT_RETAIL"] and "没有填写" not in said["XC_RESIDENT_RETAIL"], said


def test_a_form_figure_typed_in_yi_is_not_a_list_typed_in_yuan(make_workbook, capsys):
    """The base's 2600万元 typed "0.26" (its 亿元 cell beside): the list of 2600万元 supports the 亿元 reading; the
    same factor of 10000 is no sign of a list in 元, and the park is not told to divide its right list by 10000."""
    findings = checked_json(make_workbook("base", example("base", sb_online_retail=0.26)), capsys)["findings"]
    said = [f["message"] for f in findings if f["code"] == "XC_RESIDENT_RETAIL"]
    assert said and "应是误按亿元填写" in said[0], said
    assert "按元填写" not in said[0], said


def test_a_list_near_but_not_10000_times_a_small_figure_is_not_called_in_yuan(make_workbook, capsys):
    """0.36 typed in the park's 万元 cell, the list 4200万元: 11667 times, neither the 亿元 reading nor a list in 元."""
    findings = checked_json(make_workbook("park", example("park", sb_online_retail=0.36)), capsys)["findings"]
    said = [f["message"] for f in findings if f["code"] == "XC_RESIDENT_RETAIL"]
    assert said and "也不相符" in said[0], said
    assert "1万倍" not in said[0], said


def test_a_form_figure_under_one_wan_typed_with_its_unit_is_not_a_list_typed_in_yuan(make_workbook, capsys):
    """"0.8万元" typed in the base's 万元 cell (0.8亿 meant; the unit written, so no 是否误按亿元填写 is asked): the
    list of 8000万元 is 10000 times it, yet the form is the slip, and the base is not told to divide its list."""
    findings = checked_json(make_workbook("base", example("base", sb_trade_total="0.8万元")), capsys)["findings"]
    said = [f["message"] for f in findings if f["code"] == "XC_RESIDENT_TRADE"]
    assert said and "按元填写" not in said[0], said
