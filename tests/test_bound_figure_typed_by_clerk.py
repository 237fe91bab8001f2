"""An application's amount typed as a lower bound ("3000万以上") goes into the 项目汇总表 as 3000, its 问题 saying
年度交易额为下限数字（…按下限计，合计实际不低于所示）, the terminal asking 请核实后填写确切金额. The city's clerk does
just that — phones the company and types 3500 over the 3000 — and the next ``shibai refresh`` kept the 3500 but still
said it was a lower bound: the 问题 note stood, the terminal listed the project again (请核实后填写确切金额), the
city's 合计 row and the province's total were shown "≥" (QA qa66c).

The note goes, the mismatch says what the application holds and that the total counts the clerk's figure; the
province's total is an exact one. A bound typed back (the application's own "3000万以上") is still a bound."""
from __future__ import annotations

import shutil

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_dated_figure_filled_by_clerk import _type
from tests.test_refresh import by_name

COLUMN = "年度交易额（万元）"


def _city(tmp_path, make_workbook):
    folder = tmp_path / "申报表"
    folder.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total="3000万以上")), folder / "甲.xlsx")
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    (name,) = by_name(city)
    assert by_name(city)[name][COLUMN] == 3000 and "年度交易额为下限数字" in by_name(city)[name]["问题"]
    return folder, city, name


def test_the_exact_figure_the_clerk_typed_over_a_bound_is_no_bound(tmp_path, make_workbook, capsys):
    folder, city, name = _city(tmp_path, make_workbook)
    _type(city, name, COLUMN, 3500)
    for _ in range(2):
        capsys.readouterr()
        assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
        out = capsys.readouterr().out
        assert "下限数字" not in out and "汇总表与申报表不一致 1 处" in out, out
        got = by_name(city)[name]
        assert got[COLUMN] == 3500, got
        assert "为下限数字（" not in got["问题"], got["问题"]
        assert ("XC_SUMMARY_MISMATCH 汇总表不一致：年度交易额（万元）汇总表为3500，申报表填写“3000万以上”（下限数字），"
                "合计按汇总表所填计入") in got["问题"], got["问题"]
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 3500 万元" in out and "≥" not in out, out


def test_the_bound_typed_back_is_still_a_bound(tmp_path, make_workbook, capsys):
    folder, city, name = _city(tmp_path, make_workbook)
    _type(city, name, COLUMN, "3000万以上")
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    assert "1 处金额为下限数字" in capsys.readouterr().out
    said = by_name(city)[name]["问题"]
    assert "年度交易额为下限数字（申报表填写“3000万以上”" in said and "XC_SUMMARY_MISMATCH" not in said, said


def test_the_province_typing_the_exact_figure_over_a_citys_bound(tmp_path, make_workbook, capsys):
    """The province's clerk types the exact figure into the 全省表 over the city's bound: kept, no longer "≥"."""
    _folder, city, name = _city(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    _type(province, name, COLUMN, 3600)
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 3600 万元" in out and "≥" not in out, out
    got = by_name(province)[name]
    assert got[COLUMN] == 3600 and "为下限数字（" not in got["问题"], got
    assert ("年度交易额（万元）全省表为3600，市（州）汇总表为3000（申报表填写“3000万以上”，下限数字），合计按全省表所填计入"
            in got["问题"]), got["问题"]
