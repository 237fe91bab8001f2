"""The province's clerk types the figure into the 全省表 over a city's amount the city typed as words (“约六千万”,
which no total counts): the next ``shibai merge`` stopped with 程序内部错误 (exit 3, 全省表 not updated) — the kept
figure was weighed against the city's words as if they were a number (QA qa66c). It is kept and said as any figure
the province typed (XC_SUMMARY_MISMATCH), counted in the total; a city's “6000万元” is the same figure, no mismatch."""
from __future__ import annotations

import pytest

from shibai_xl.faces.cli import main
from tests.test_dated_figure_filled_by_clerk import _type
from tests.test_dated_figures_in_summary import OTHER_PARK, _parks
from tests.test_refresh import by_name

COLUMN = "年度交易额（万元）"


@pytest.mark.parametrize("city_typed,said", [
    ("约六千万", "XC_SUMMARY_MISMATCH 汇总表不一致：年度交易额（万元）全省表为6000，市（州）汇总表为“约六千万”，"
                 "合计按全省表所填计入"),
    ("6000万元", None)])
def test_the_province_typing_a_figure_over_a_citys_words(tmp_path, make_workbook, capsys, city_typed, said):
    folder = _parks(tmp_path, make_workbook)
    city = tmp_path / "贵阳市汇总表.xlsx"
    main(["refresh", str(city), "--from", str(folder), "--city", "贵阳市"])
    _type(city, OTHER_PARK, COLUMN, city_typed)
    main(["refresh", str(city), "--from", str(folder), "--city", "贵阳市"])
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    _type(province, OTHER_PARK, COLUMN, 6000)
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) in (0, 1)
    out = capsys.readouterr().out
    assert "年度交易额合计 6000 万元" in out, out
    got = by_name(province)[OTHER_PARK]
    assert got[COLUMN] == 6000, got
    assert (said in got["问题"]) if said else "全省表为" not in got["问题"], got["问题"]
    assert "未计入合计" not in got["问题"], got["问题"]   # not 年度交易额（万元）“约六千万”无法识别，未计入合计


def test_the_province_filling_a_citys_blank_amount_no_longer_says_it_is_left_out(tmp_path, make_workbook, capsys):
    """The city's 年度交易额 blank (the park typed a date into its form): the province's clerk types the figure into
    the 全省表. Counted in the total, yet its 问题 still said 空白，未计入合计 and 未计入合计 of the date."""
    from tests.test_dated_figures_in_summary import PARK

    folder = _parks(tmp_path, make_workbook)
    city = tmp_path / "贵阳市汇总表.xlsx"
    main(["refresh", str(city), "--from", str(folder), "--city", "贵阳市"])
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    _type(province, PARK, COLUMN, 52000)
    for _ in range(2):
        capsys.readouterr()
        assert main(["merge", str(province), str(city)]) == 0
        out = capsys.readouterr().out
        assert "年度交易额合计 87000 万元\n" in out, out
        got = by_name(province)[PARK]
        assert got[COLUMN] == 52000, got
        assert "未计入合计" not in got["问题"], got["问题"]
        assert ("XC_SUMMARY_MISMATCH 汇总表不一致：年度交易额（万元）全省表为52000，市（州）汇总表空白（申报表填的是日期"
                "（2024-05-01），不是金额），合计按全省表所填计入") in got["问题"], got["问题"]
