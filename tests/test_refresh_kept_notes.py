"""A row kept because its application could not be read this time (a copy cut short, a file locked) keeps its last
data and says 本次无法读取，保留上次数据 — but its old 问题 stood as it was: a park whose 年度交易额 was a date said
“年度交易额填的是日期（2024-05-01），不是金额，未计入合计” though the clerk had typed 52000 there, which the city's SUM
and the province's total count (QA qa67b). The kept row says what is true of it now: not re-read, and the figure typed
as the mismatch a read application gives; a figure cleared since says 未计入合计 again. Through the CLI with forms made
by ``shibai new``."""
from __future__ import annotations

from shibai_xl.faces.cli import main
from tests.test_dated_figure_filled_by_clerk import _type
from tests.test_dated_figures_in_summary import PARK, _parks
from tests.test_refresh import by_name

TRADE = "年度交易额（万元）"
COUNTED = "年度交易额（万元）汇总表为52000，申报表填的是日期（2024-05-01），不是金额，合计按汇总表所填计入"
LEFT_OUT = "年度交易额填的是日期（2024-05-01），不是金额，未计入合计，请核对申报表"


def _refresh(city, folder, capsys, code=0):
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(folder), "--city", "贵阳市"]) == code
    return capsys.readouterr().out


def test_a_kept_row_whose_date_the_clerk_filled_says_the_figure_counted(tmp_path, make_workbook, capsys):
    folder = _parks(tmp_path, make_workbook)
    city = tmp_path / "贵阳市汇总表.xlsx"
    _refresh(city, folder, capsys)
    _type(city, PARK, TRADE, 52000)
    data = (folder / "甲园区.xlsx").read_bytes()
    (folder / "甲园区.xlsx").write_bytes(data[: len(data) // 2])   # cut short this time
    out = _refresh(city, folder, capsys, 1)
    assert "汇总表与申报表不一致 1 处" in out, out
    got = by_name(city)[PARK]
    assert got[TRADE] == 52000, got
    said = got["问题"]
    assert said.startswith("本次无法读取，保留上次数据；"), said
    assert "未计入合计" not in said and COUNTED in said, said
    (folder / "甲园区.xlsx").write_bytes(data)   # read again: its own note, and no word of typing in 问题
    out = _refresh(city, folder, capsys)
    assert "手工改过" not in out, out
    said = by_name(city)[PARK]["问题"]
    assert COUNTED in said and "本次无法读取" not in said and "未计入合计" not in said, said


def test_a_kept_row_whose_figure_the_clerk_cleared_says_it_left_out_again(tmp_path, make_workbook, capsys):
    folder = _parks(tmp_path, make_workbook)
    city = tmp_path / "贵阳市汇总表.xlsx"
    _refresh(city, folder, capsys)
    _type(city, PARK, TRADE, 52000)
    _refresh(city, folder, capsys)
    assert COUNTED in by_name(city)[PARK]["问题"]
    _type(city, PARK, TRADE, None)
    (folder / "甲园区.xlsx").write_bytes(b"locked by WPS")
    _refresh(city, folder, capsys, 1)
    got = by_name(city)[PARK]
    assert got[TRADE] is None, got
    assert got["问题"].startswith("本次无法读取，保留上次数据；") and LEFT_OUT in got["问题"], got["问题"]
    assert "合计按汇总表所填计入" not in got["问题"], got["问题"]


def test_a_kept_row_whose_problem_the_clerk_typed_keeps_their_words(tmp_path, make_workbook, capsys):
    """Words a clerk typed into 问题 are theirs: the kept row keeps them as they are (the next read says them as
    typing written over)."""
    folder = _parks(tmp_path, make_workbook)
    city = tmp_path / "贵阳市汇总表.xlsx"
    _refresh(city, folder, capsys)
    _type(city, PARK, TRADE, 52000)
    _type(city, PARK, "问题", "已电话核实交易额5.2亿元")
    (folder / "甲园区.xlsx").write_bytes(b"locked by WPS")
    _refresh(city, folder, capsys, 1)
    assert by_name(city)[PARK]["问题"] == "本次无法读取，保留上次数据；已电话核实交易额5.2亿元"


def test_a_province_row_kept_whose_blank_the_province_filled_says_the_figure_counted(tmp_path, make_workbook, capsys):
    """The province's clerk types the figure over a city's blank amount; at the next merge that city's summary cannot
    be read (a copy cut short): its rows are kept, and the kept row no longer says 空白，未计入合计."""
    from tests.test_summaries_real_world import official

    folder = _parks(tmp_path, make_workbook)
    city = tmp_path / "贵阳市汇总表.xlsx"
    _refresh(city, folder, capsys)
    other = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                     [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1000, 800, 85)])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city), str(other)]) == 0
    _type(province, PARK, TRADE, 52000)
    data = city.read_bytes()
    city.write_bytes(data[: len(data) // 2])
    capsys.readouterr()
    assert main(["merge", str(province), str(city), str(other)]) == 1
    said = by_name(province)[PARK]["问题"]
    assert said.startswith("本次无法读取，保留上次数据；") and "未计入合计" not in said, said
    assert ("年度交易额（万元）全省表为52000，市（州）汇总表空白（申报表填的是日期（2024-05-01），不是金额），"
            "合计按全省表所填计入") in said, said
