"""A date typed into an application's amount (2024/5/1, stored 45413) leaves the 项目汇总表's amount blank and its
问题 says 年度交易额填的是日期（2024-05-01），不是金额，未计入合计. The city's clerk, having phoned the park, types the
real figure into that blank cell: the next ``shibai refresh`` kept the figure (a person's value is kept) but the 问题
still said 未计入合计 though the city's SUM and the province's total now count it (QA qa66c).

The note says what is true: the application holds a date, the summary the city's figure, which the totals count."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_dated_figures_in_summary import COMPANY, OTHER_PARK, PARK, _companies, _parks
from tests.test_refresh import by_name
from tests.test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine, for the ribbon's refresh)


def _type(city, name, column, value):
    """The clerk types ``value`` into ``column`` of ``name``'s row, as in Excel."""
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, header["企业名称"]).value == name)
    ws.cell(row, header[column]).value = value
    wb.save(city)


def test_a_park_trade_the_clerk_typed_over_the_date_is_said_as_counted(tmp_path, make_workbook, capsys):
    folder = _parks(tmp_path, make_workbook)
    city = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "贵阳市"]) == 0
    assert by_name(city)[PARK]["年度交易额（万元）"] is None
    _type(city, PARK, "年度交易额（万元）", 52000)
    for _ in range(2):   # and again: the row says the same
        capsys.readouterr()
        assert main(["refresh", str(city), "--from", str(folder), "--city", "贵阳市"]) == 0
        assert "汇总表与申报表不一致 1 处" in capsys.readouterr().out
        got = by_name(city)[PARK]
        assert got["年度交易额（万元）"] == 52000, got
        said = got["问题"]
        assert "未计入合计" not in said, said
        assert ("XC_SUMMARY_MISMATCH 汇总表不一致：年度交易额（万元）汇总表为52000，申报表填的是日期（2024-05-01），"
                "不是金额，合计按汇总表所填计入") in said, said
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 87000 万元" in out and "不完整" not in out.split("年度交易额合计")[1].split("\n")[0], out
    assert by_name(province)[OTHER_PARK]["年度交易额（万元）"] == 35000
    assert "未计入合计" not in by_name(province)[PARK]["问题"], by_name(province)[PARK]["问题"]


def test_a_company_retail_the_clerk_typed_then_cleared_is_said_as_left_out_again(tmp_path, make_workbook):
    folder = _companies(tmp_path, make_workbook)
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    _type(city, COMPANY, "年度网络零售额（万元）", 600)
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    said = by_name(city)[COMPANY]["问题"]
    assert "年度网络零售额（万元）汇总表为600，申报表填的是日期（2024-05-01），不是金额，合计按汇总表所填计入" in said, said
    assert "未计入合计" not in said, said
    _type(city, COMPANY, "年度网络零售额（万元）", None)
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    got = by_name(city)[COMPANY]
    assert got["年度网络零售额（万元）"] is None, got
    assert "年度网络零售额填的是日期（2024-05-01），不是金额，未计入合计，请核对申报表" in got["问题"], got["问题"]


def test_a_figure_past_a_cell_the_clerk_typed_is_said_as_counted(tmp_path, make_workbook):
    """The same of a number too big for a cell (320 digits pasted into a company's 年度网络零售额): left blank, the
    note said 未写入汇总表; filled by the clerk, the mismatch says the figure typed is counted."""
    from tests.conftest import example

    folder = tmp_path / "申报表"
    folder.mkdir()
    path = make_workbook("enterprise", example("enterprise", sb_online_retail="9" * 320))
    path.rename(folder / "甲.xlsx")
    city = tmp_path / "黔东南州汇总表.xlsx"
    main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"])
    (name,) = by_name(city)
    assert "年度网络零售额填写的数字过大" in by_name(city)[name]["问题"], by_name(city)[name]["问题"]
    _type(city, name, "年度网络零售额（万元）", 700)
    main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"])
    got = by_name(city)[name]
    assert got["年度网络零售额（万元）"] == 700, got
    assert "未写入汇总表" not in got["问题"], got["问题"]
    assert ("年度网络零售额（万元）汇总表为700，申报表填写的数字过大（超出 Excel 单元格能表示的范围），合计按汇总表所填计入"
            in got["问题"]), got["问题"]


def test_the_ribbons_refresh_says_the_clerks_figure_as_the_command_does(tmp_path, make_workbook):
    """刷新汇总表 in Excel (the same job, its edits made through xlwings) after the clerk's figure writes what
    ``shibai refresh`` writes: the figure kept, the mismatch said, no 未计入合计."""
    import shutil

    from shibai_xl.adapters.excel.book import OpenBook
    from shibai_xl.jobs.refresh import refresh
    from tests.test_ribbon_actions import NOW, Replay, assert_sheet_equal, open_remote, refresh_open

    folder = _companies(tmp_path, make_workbook)
    a, b = tmp_path / "项目汇总表.xlsx", tmp_path / "cli" / "项目汇总表.xlsx"
    b.parent.mkdir()
    refresh(a, folder, now=NOW)
    _type(a, COMPANY, "年度网络零售额（万元）", 600)
    shutil.copy(a, b)
    book = open_remote(a)
    refresh_open(OpenBook(book), folder, now=NOW)
    refresh(b, folder, now=NOW)
    said = by_name(b)[COMPANY]["问题"]
    assert "年度网络零售额（万元）汇总表为600，申报表填的是日期" in said and "未计入合计" not in said, said
    replay = Replay(book)
    for ws in load_workbook(b).worksheets:
        assert_sheet_equal(replay, ws)
