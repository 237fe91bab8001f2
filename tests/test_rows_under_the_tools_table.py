"""A project typed under the tool's table whose last row is its 合计 (Excel extended the table over the 合计 typed under
it, or its own 汇总行 turned on) or a 填报人 line: README — 合计行或“填报人”行下面又手工录入的项目不在表格内、不计入统计,
refresh names it and exits 1, the merge counts it and says so. The refresh took it into the table (the 合计 left in
the middle, its =SUM short of the project, nothing said; under Excel's 汇总行 the project even became the totals row and
was counted nowhere), the merge counted it without a word (QA)."""
from __future__ import annotations

import shutil

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.utils.cell import get_column_letter, range_boundaries

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import _figures
from tests.test_ribbon_actions import remote_engine, summary_with_excels_total_row  # noqa: F401  (the remote engine)
from tests.test_summaries_real_world import TRADE, _anshun_city, stats


def _type_project(ws, header, row, name, trade):
    for col, value in (("市（州）", "安顺市"), ("企业名称", name), ("项目类型", "企业"), (TRADE, trade),
                       ("年度网络零售额（万元）", trade // 2)):
        ws.cell(row, header[col]).value = value


def _refresh_then_merge(tmp_path, capsys, city, apps, row, name):
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 1
    captured = capsys.readouterr()
    assert f"第{row}行 {name}" in captured.err and "未计入统计" in captured.err, captured
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    said = capsys.readouterr().out
    assert f"第{row}行 {name}）" in said and "合计不含它们" in said, said


def test_a_project_typed_under_a_total_row_the_table_was_extended_over_is_left_out_and_said(tmp_path, make_workbook,
                                                                                           capsys):
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    k = ws.cell(4, header[TRADE]).column_letter
    ws.cell(5, 1).value, ws.cell(5, header[TRADE]).value = "合计（共1个）", f"=SUM({k}4:{k}4)"
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "5"          # Excel extended the table over the 合计 typed under it
    _type_project(ws, header, 6, "安顺合计下录入电子商务有限公司", 3000)   # typed in LibreOffice: the table not extended
    wb.save(city)
    _refresh_then_merge(tmp_path, capsys, city, apps, 6, "安顺合计下录入电子商务有限公司")
    ws = load_workbook(city)["项目汇总表"]
    assert ws.tables["sb_summary"].ref.endswith("5") and ws.cell(5, 1).value == "合计（共1个）"
    assert ws.cell(5, header[TRADE]).value == f"=SUM({k}4:{k}4)"


def test_a_project_typed_under_a_filler_line_inside_the_table_is_left_out_and_said(tmp_path, make_workbook, capsys):
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    ws.cell(5, 1).value = "填报人：张三    联系电话：0851-1234567"
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "5"
    _type_project(ws, header, 6, "安顺填报人下录入电子商务有限公司", 800)
    wb.save(city)
    _refresh_then_merge(tmp_path, capsys, city, apps, 6, "安顺填报人下录入电子商务有限公司")


def test_a_project_typed_under_excels_total_row_is_left_out_and_said(tmp_path, make_workbook, capsys):
    summary, apps, r1 = summary_with_excels_total_row(tmp_path, make_workbook)   # 汇总 in row r1 + 1
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    _type_project(ws, header, r1 + 2, "汇总行下录入电子商务有限公司", 3000)
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    captured = capsys.readouterr()
    # the new application's project is put above 汇总, the typed one moves down with it: named, not counted
    assert f"第{r1 + 3}行 汇总行下录入电子商务有限公司" in captured.err and "未计入统计" in captured.err, captured
    ws = load_workbook(summary).worksheets[0]
    assert ws.cell(r1 + 2, 1).value == "汇总" and range_boundaries(ws.tables["sb_summary"].ref)[3] == r1 + 2
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary)]) == 0
    said = capsys.readouterr().out
    assert f"第{r1 + 3}行 汇总行下录入电子商务有限公司）" in said and "合计不含它们" in said, said
    assert _figures(tmp_path / "全省.xlsx")[("全省合计", None)][0] == 4


def _total_then_project_inside_the_table(tmp_path, make_workbook):
    """安顺市's summary (row 4: the team) with a 合计 the clerk typed in row 5 and a project typed in row 6, Excel
    extending the table over both (ref to row 6): the 合计's =SUM stops at row 4."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    k = ws.cell(4, header[TRADE]).column_letter
    ws.cell(5, 1).value, ws.cell(5, header[TRADE]).value = "合计", f"=SUM({k}4:{k}4)"
    _type_project(ws, header, 6, "安顺合计下表内电子商务有限公司", 3000)
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "6"          # Excel extended the table over the 合计, then the project
    wb.save(city)
    return apps, city, header, k


def test_a_project_typed_under_a_total_row_inside_the_extended_table_is_left_out_and_said(tmp_path, make_workbook,
                                                                                          capsys):
    """Excel extends the table over a row typed right under it, the 合计 as well as the project typed under that: the
    refresh counted the project in 统计 and the merge counted it, while the printed 合计 (=SUM(K4:K4)) left it out —
    two totals, nothing said (QA). Under the 合计 it is out of the table, as when Excel did not extend it."""
    apps, city, header, k = _total_then_project_inside_the_table(tmp_path, make_workbook)
    _refresh_then_merge(tmp_path, capsys, city, apps, 6, "安顺合计下表内电子商务有限公司")
    ws = load_workbook(city)["项目汇总表"]
    assert range_boundaries(ws.tables["sb_summary"].ref)[3] == 5 and ws.cell(5, 1).value == "合计"
    assert ws.cell(5, header[TRADE]).value == f"=SUM({k}4:{k}4)"
    assert ws.cell(6, header["企业名称"]).value == "安顺合计下表内电子商务有限公司"    # the clerk's row kept as typed


def test_the_same_summary_saved_by_libreoffice_is_read_alike(tmp_path, make_workbook, capsys):
    from tests.acceptance.helpers import soffice_convert

    apps, city, _header, _k = _total_then_project_inside_the_table(tmp_path, make_workbook)
    saved = soffice_convert([city], "xlsx", tmp_path / "lo")[0]
    assert range_boundaries(load_workbook(saved)["项目汇总表"].tables["sb_summary"].ref)[3] == 6
    city.unlink()
    saved.rename(city)
    _refresh_then_merge(tmp_path, capsys, city, apps, 6, "安顺合计下表内电子商务有限公司")


def _sign_off_inside_the_table(tmp_path, make_workbook, lines):
    """安顺市's summary (row 4: the team) whose table Excel extended over the lines typed under it (``lines``, from row
    5), a column of the clerk's own (V, 备注) with a note on row 4 and on the last line; then an enterprise applies."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    for i, values in enumerate(lines):
        for col, value in values.items():
            ws.cell(5 + i, header.get(col) or col).value = value
    last = 4 + len(lines)
    own = max(header.values()) + 1
    ws.cell(3, own).value, ws.cell(4, own).value, ws.cell(last, own).value = "备注", "已实地核查", "盖章后报送"
    ws.cell(3, own + 1).value, ws.cell(4, own + 1).value = "亿元", f"={ws.cell(4, header[TRADE]).coordinate}/10000"
    ws.cell(last, 1).comment = Comment("请于5月20日前报送", "李四")
    table = ws.tables["sb_summary"]
    table.ref = table.ref.split(":")[0] + ":" + ws.cell(last, own).coordinate
    wb.save(city)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    ws = load_workbook(city)["项目汇总表"]
    names = [ws.cell(r, header["企业名称"]).value for r in range(4, last + 2)]
    return ws, header, own, names


def test_a_new_project_goes_above_a_filler_line_that_is_the_tables_last_row(tmp_path, make_workbook):
    """A 填报人 line Excel took into the table (typed right under it) was the table's last row: the new application's
    row was put under it, inside the printed sign-off (QA). New rows go above it; the line and the clerk's note on it
    stay last, with it."""
    sign = "填报人：张三    联系电话：0851-1234567"
    ws, header, own, names = _sign_off_inside_the_table(tmp_path, make_workbook, [{1: sign}])
    assert names[0] and names[1] and names[2] is None and ws.cell(6, 1).value == sign, names
    assert ws.cell(6, own).value == "盖章后报送" and ws.cell(4, own).value == "已实地核查"
    assert ws.cell(5, own).value is None and range_boundaries(ws.tables["sb_summary"].ref)[3] == 6
    k = ws.cell(4, header[TRADE]).column_letter
    assert ws.cell(4, own + 1).value == f"={k}4/10000" and ws.cell(6, 1).comment.text == "请于5月20日前报送"


def test_a_new_project_goes_above_the_total_when_a_filler_line_under_it_is_in_the_table(tmp_path, make_workbook):
    """The 合计 and the 填报人 line under it both in the table: the new row goes above the 合计, whose =SUM reaches it."""
    sign = "填报人：张三    联系电话：0851-1234567"
    ws, header, own, names = _sign_off_inside_the_table(tmp_path, make_workbook, [{1: "合计", TRADE: "=SUM(K4:K4)"},
                                                                                  {1: sign}])
    k = ws.cell(4, header[TRADE]).column_letter   # K, as the formula typed above says
    assert names[1] and ws.cell(6, 1).value == "合计" and ws.cell(7, 1).value == sign, names
    assert ws.cell(6, header[TRADE]).value == f"=SUM({k}4:{k}5)" and ws.cell(7, own).value == "盖章后报送"


def test_a_project_under_the_total_inside_the_table_is_said_by_a_merge_of_the_summary_as_saved(tmp_path, make_workbook,
                                                                                               capsys):
    """The city sends the summary as the clerk saved it, without a refresh: the merge counts the project and says the
    city's 合计 leaves it out."""
    _apps, city, _header, _k = _total_then_project_inside_the_table(tmp_path, make_workbook)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    said = capsys.readouterr().out
    assert "第6行 安顺合计下表内电子商务有限公司）" in said and "合计不含它们" in said, said
    assert _figures(tmp_path / "全省.xlsx")[("全省合计", None)][0] == 2


def test_a_project_under_the_total_of_a_table_reaching_far_below_is_left_out_and_said(tmp_path, make_workbook, capsys):
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    ws.cell(5, 1).value = "合计"
    _type_project(ws, header, 6, "安顺合计下远端电子商务有限公司", 900)
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "1048576"    # a whole-column table: its rows end at the last typed
    wb.save(city)
    _refresh_then_merge(tmp_path, capsys, city, apps, 6, "安顺合计下远端电子商务有限公司")
    assert range_boundaries(load_workbook(city)["项目汇总表"].tables["sb_summary"].ref)[3] == 5


def test_an_applications_row_an_earlier_refresh_put_under_the_sign_off_is_kept_counted_and_said(tmp_path,
                                                                                                 make_workbook, capsys):
    """An earlier version put a new application's row under the 填报人 line the table ended with: that row is the
    tool's (来源文件), not a project typed under the lines — it stays in the table, counted, never added a second
    time; the refresh says the 合计 above it leaves it out."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    k = ws.cell(4, header[TRADE]).column_letter
    ws.cell(5, 1).value, ws.cell(5, header[TRADE]).value = "合计", f"=SUM({k}4:{k}4)"
    ws.cell(6, 1).value = "填报人：张三"
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "6"
    wb.save(city)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    wb = load_workbook(city)     # as an earlier version left it: the enterprise's row under the 填报人 line
    ws = wb["项目汇总表"]
    width = get_column_letter(ws.max_column)
    ws.move_range(f"A5:{width}5", rows=3)
    ws.move_range(f"A6:{width}8", rows=-1)
    ws.cell(5, header[TRADE]).value = f"=SUM({k}4:{k}4)"
    assert ws.cell(7, header["来源文件"]).value == "企业.xlsx" and ws.cell(6, 1).value == "填报人：张三"
    wb.save(city)
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    said = capsys.readouterr().out
    assert "第7行 贵州山珍优品电子商务有限公司；" in said and "已计入统计，但合计行不含它们" in said, said
    ws = load_workbook(city)["项目汇总表"]
    assert [ws.cell(r, header["来源文件"]).value for r in range(4, 9)] == ["团队.xlsx", None, None, "企业.xlsx", None]
    assert stats(city) == {"达标": 2}
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0     # the province is told as well
    said = capsys.readouterr().out
    assert "第7行 贵州山珍优品电子商务有限公司）" in said and "合计不含它们" in said, said
    assert _figures(tmp_path / "全省.xlsx")[("全省合计", None)][0] == 2


def test_a_project_typed_under_the_total_whose_application_then_arrives_is_said_to_be_deleted_not_moved(
        tmp_path, make_workbook, capsys):
    """A clerk typed a project under the 合计 before its application arrived; the refresh adds the application's row
    above the 合计 and told the clerk to move the typed row there too — the project twice in the table, counted twice
    (QA). The typed row is said to be the table row's project, to be deleted."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    ws.cell(5, 1).value = "合计"
    _type_project(ws, header, 6, "贵州山珍优品电子商务有限公司", 2000)
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "6"
    wb.save(city)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 1
    said = capsys.readouterr().out
    assert "第7行 贵州山珍优品电子商务有限公司（与表格中第5行是同一项目" in said and "请删去这一行" in said, said


def test_the_ribbons_refresh_says_what_the_command_says_of_a_project_under_the_total(tmp_path, make_workbook):
    """刷新汇总表 in Excel on the summary with a project typed under its 合计: ``shibai refresh`` says it is left out
    AND that the province's merge will count it, the city's 合计 then differing from the province's; the ribbon (and
    WPS, the same job) said only that it was left out — a clerk sending the summary as it was learned nothing of
    the second total."""
    from shibai_xl.faces import ribbon_actions as R
    from tests.test_ribbon_actions import Replay, open_remote

    apps, city, header, _ = _total_then_project_inside_the_table(tmp_path, make_workbook)
    book = open_remote(city)
    R.dispatch("sb_refresh", book)
    said = Replay(book).alerts[-1]
    assert "第6行 安顺合计下表内电子商务有限公司" in said and "未计入统计" in said, said
    assert "全省合并会计入它们" in said, said


def test_a_note_row_inside_the_table_over_projects_with_the_total_under_the_table_ends_nothing(tmp_path, make_workbook,
                                                                                               capsys):
    """The clerk inserts a note row in the table (“注：以下为县区补报项目”) over the later projects, one an application's,
    one typed by hand, and types the 合计 under the table (LibreOffice does not extend it). The note was taken for the
    table's 填报人 / 注 end: the typed project was said to be under the 合计 line, left out of 统计 (exit 1), the
    application's row said to be put there by an earlier version, to be moved above the 合计. A 合计 under them
    all sums them: the note ends nothing, both are counted, nothing is said of rows under the 合计."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    width = get_column_letter(ws.max_column)
    ws.move_range(f"A5:{width}5", rows=1)          # the note row inserted over the enterprise's row
    ws.cell(5, header["企业名称"]).value = "注：以下为县区补报项目（5月20日收到）"
    _type_project(ws, header, 7, "安顺补报录入电子商务有限公司", 600)
    k = ws.cell(4, header[TRADE]).column_letter
    ws.cell(8, 1).value, ws.cell(8, header[TRADE]).value = "合计", f"=SUM({k}4:{k}7)"
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "7"
    wb.save(city)
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    said = capsys.readouterr()
    assert "合计行不含它们" not in said.out + said.err and "未计入统计" not in said.out + said.err, said
    assert sum(stats(city).values()) == 3, stats(city)
    ws = load_workbook(city)["项目汇总表"]
    assert ws.tables["sb_summary"].ref.endswith("7") and ws.cell(8, header[TRADE]).value == f"=SUM({k}4:{k}7)"
