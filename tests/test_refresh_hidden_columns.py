"""A city summary typed by hand whose clerk kept last year's 年度交易额（万元） column hidden left of this year's: a
refresh takes the column shown, as merge does, and says the hidden one was passed over."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_as_cities_send import _hidden_old_column
from tests.test_summaries_real_world import application


def _amounts(path, column):
    ws = load_workbook(path).worksheets[0]
    header = next(r for r in range(1, 6) if ws.cell(r, 4).value == "企业名称")
    return {ws.cell(r, 4).value: ws.cell(r, column).value for r in range(header + 1, ws.max_row + 1)
            if ws.cell(r, 4).value and "合计" not in str(ws.cell(r, 4).value)}


def test_refresh_of_a_typed_summary_writes_and_counts_the_shown_amount_column(tmp_path, capsys):
    city = _hidden_old_column(tmp_path / "六盘水市汇总表.xlsx")
    folder = tmp_path / "申报"
    application(folder, "enterprise", "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(folder)]) == 0
    out = capsys.readouterr().out
    hidden, shown = _amounts(city, 11), _amounts(city, 12)
    assert hidden["六盘水甲电商有限公司"] == 111 and shown["六盘水甲电商有限公司"] == 3000, (hidden, shown)
    new = next(n for n in shown if not n.startswith("六盘水"))
    assert hidden[new] is None and isinstance(shown[new], (int, float)), (hidden, shown)
    assert "隐藏" in out and "K列" in out, out
    assert main(["refresh", str(city), "--from", str(folder)]) == 0     # the next refresh reads the same columns
    assert _amounts(city, 11) == hidden and _amounts(city, 12) == shown


def test_a_two_row_header_s_hidden_amount_column_is_passed_over_too(tmp_path, capsys):
    """The amounts titled on a second header row under a merged “（2023年1月-2023年12月）”, last year's 年度交易额
    hidden left of this year's: the shown one is written and read."""
    from openpyxl import Workbook

    from tests.test_summaries_real_world import PRINTED
    wb = Workbook()
    ws = wb.active
    ws.append(["六盘水市项目汇总表"])
    ws.append([*PRINTED[:10], "（2023年1月-2023年12月）", None, None, "市州评分"])
    ws.append([None] * 10 + ["年度交易额（万元）", "年度交易额（万元）", "年度网络零售额（万元）"])
    ws.append([1, "六盘水市", "钟山区", "六盘水甲电商有限公司", "地址", "企业", "民企", "业绩" * 80, "张三", "0858-1",
               111, 3000, 100, 80])
    ws.merge_cells("K2:M2")
    ws.column_dimensions["K"].hidden = True
    city = tmp_path / "六盘水市汇总表.xlsx"
    wb.save(city)
    folder = tmp_path / "申报"
    application(folder, "enterprise", "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(folder)]) == 0
    out = capsys.readouterr().out
    hidden, shown = _amounts(city, 11), _amounts(city, 12)
    new = next(n for n in shown if not n.startswith("六盘水"))
    assert hidden == {"六盘水甲电商有限公司": 111, new: None} and shown["六盘水甲电商有限公司"] == 3000, (hidden, shown)
    assert isinstance(shown[new], (int, float)) and "隐藏" in out and "K列" in out, out


def _tool_summary_with_hidden_old_column(tmp_path):
    """A tool summary whose clerk added “年度交易额（万元）2” (Excel's name for a second column so titled) at the table's
    end for this year's figures and hid the old 年度交易额（万元） column: (summary, folder, old column, new column)."""
    from shibai_xl.jobs.refresh import refresh
    from tests.test_refresh_clerk_edits import T0, _add_column

    folder = tmp_path / "申报表"     # where the buttons look: beside the summary
    application(folder, "park", "园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, now=T0)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    old = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "年度交易额（万元）")
    new = _add_column(ws, ws.tables["sb_summary"], "年度交易额（万元）2")
    ws.cell(4, new).value = ws.cell(4, old).value
    ws.column_dimensions[ws.cell(3, old).column_letter].hidden = True
    wb.save(summary)
    application(folder, "enterprise", "企业.xlsx")
    return summary, folder, old, new


def test_refresh_of_the_open_summary_writes_the_shown_column_too(tmp_path, capsys):
    """The Excel/WPS button (the open workbook: its snapshot, which tells the hidden columns) writes the new
    project's amount into the shown column, as `shibai refresh` of the file does; the hidden one is said."""
    from shibai_xl.adapters.view import SnapshotBook
    from shibai_xl.jobs import actions as A
    from tests.test_refresh_clerk_edits import T1
    from tests.test_workbook_source import snapshot

    summary, folder, old, new = _tool_summary_with_hidden_old_column(tmp_path)
    snap = snapshot(summary)
    next(s for s in snap["sheets"] if s["name"] == "项目汇总表")["hidden_columns"] = [old]
    outcome = A.refresh_summary(SnapshotBook(snap), folder, now=T1)
    written = {(b.row + i, b.col + j): v for b in outcome.edits.blocks if b.sheet == "项目汇总表"
               for i, row in enumerate(b.values) for j, v in enumerate(row)}
    assert isinstance(written.get((5, new)), (int, float)) and written.get((5, old)) in (None, ""), written
    assert "隐藏" in outcome.message and f"{load_workbook(summary)['项目汇总表'].cell(3, old).column_letter}列" in \
        outcome.message, outcome.message
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    assert "隐藏" in capsys.readouterr().out
    ws = load_workbook(summary)["项目汇总表"]
    assert isinstance(ws.cell(5, new).value, (int, float)) and ws.cell(5, old).value is None
    assert ws.cell(5, new).value == written[(5, new)]


def test_the_province_merges_the_column_the_city_s_refresh_wrote(tmp_path, capsys):
    """The city's refreshed summary (the tool's table) with last year's 年度交易额（万元） hidden: merge took the hidden
    column (its exact title), counting figures the city's own 统计 does not; it takes the shown one, said."""
    summary, folder, old, new = _tool_summary_with_hidden_old_column(tmp_path)
    wb = load_workbook(summary)
    wb["项目汇总表"].cell(4, old).value = 1      # last year's figure, hidden
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    shown = _amounts(summary, new)
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    main(["merge", str(province), str(summary)])
    out = capsys.readouterr().out
    from tests.test_summaries_real_world import province_rows
    assert {r["企业名称"]: r["年度交易额（万元）"] for r in province_rows(province)} == shown, out
    assert "隐藏" in out, out
