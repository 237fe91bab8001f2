"""What a clerk adds to the 校验结果 sheet survives the next check (``check --write`` and 检查本申报表): a column
of their own beside the results stays beside its finding (matched by 代码+位置), a line typed under the results
stays under them, and what belonged to a finding that is gone is kept under “已解决的问题” and said."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.result_rows import RESOLVED_TITLE
from shibai_xl.faces.cli import main
from tests.conftest import example


def _rows(ws, first=5):
    return [[c.value for c in r[:6]] for r in ws.iter_rows(min_row=first)]


def _checked_with_notes(make_workbook):
    """A team application checked with two problems, then the clerk's notes typed into the 校验结果 sheet."""
    path = make_workbook("team", example("team", sb_leader_mobile="123", sb_uscc="91520102MA6DKQ8X1A"))
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    ws = wb["校验结果"]
    codes = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1)]
    mobile = 5 + codes.index("FIELD_MOBILE")
    ws.cell(mobile, 5).value = "处理意见：已电话通知补正"
    last = 5 + len([c for c in codes if c]) - 1
    ws.cell(last + 2, 1).value = "审核人：张三 2024-05-08"
    wb.save(path)
    return path, len([c for c in codes if c])


def test_a_clerks_column_and_line_under_the_results_survive_the_next_check(make_workbook, capsys):
    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]   # one problem fixed
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    rows = _rows(ws)
    results = [r for r in rows if r[1] and r[0] in ("错误", "警告", "提示")]
    assert len(results) < count
    mobile = next(r for r in results if r[1] == "FIELD_MOBILE")
    assert mobile[4] == "处理意见：已电话通知补正"
    assert sum(1 for r in rows if r[4] == "处理意见：已电话通知补正") == 1
    # the line typed one blank row under the results is still one blank row under them
    assert rows[len(results)][0] is None and rows[len(results) + 1][0] == "审核人：张三 2024-05-08"


def test_the_note_of_a_resolved_finding_is_kept_and_said(make_workbook, capsys):
    path, _ = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    named_cell(wb, "sb_leader_mobile").value = "13908510001"                      # the noted problem fixed
    wb.save(path)
    from shibai_xl.jobs import actions as A

    with A.request_view(str(path)) as view:           # 检查本申报表 says it too, in its message box
        said = A.check(view)
    assert "已解决的问题" in said.message
    assert any(RESOLVED_TITLE in row for b in said.edits.blocks if b.sheet == "校验结果" for row in b.values)
    capsys.readouterr()
    assert main(["check", str(path), "--write"]) == 0
    out = capsys.readouterr().out
    ws = load_workbook(path)["校验结果"]
    rows = _rows(ws)
    assert "FIELD_MOBILE" not in {r[1] for r in rows[:next(i for i, r in enumerate(rows) if not r[1])]}
    assert any(str(r[0] or "").startswith("已解决的问题") for r in rows)
    kept = next(r for r in rows if r[4] == "处理意见：已电话通知补正")
    assert kept[1] == "FIELD_MOBILE"
    assert any(r[0] == "审核人：张三 2024-05-08" for r in rows)
    assert "已解决的问题" in out
    # a check again changes nothing of the clerk's: the block and the line stay, once each
    assert main(["check", str(path), "--write"]) == 0
    rows2 = _rows(load_workbook(path)["校验结果"])
    assert sum(1 for r in rows2 if r[4] == "处理意见：已电话通知补正") == 1
    assert sum(1 for r in rows2 if r[0] == "审核人：张三 2024-05-08") == 1


def test_the_check_button_keeps_what_check_write_keeps(make_workbook, tmp_path):
    path, _ = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]
    wb.save(path)
    from shibai_xl.jobs import actions as A

    with A.request_view(str(path)) as view:           # 检查本申报表 in Excel/WPS
        edits = A.check(view).edits
    cells = {}
    for b in edits.blocks:
        if b.sheet == "校验结果":
            for i, row in enumerate(b.values):
                for j, v in enumerate(row):
                    cells[(b.row + i, b.col + j)] = v
    assert main(["check", str(path), "--write"]) == 0   # the file written by the CLI: the same cells
    ws = load_workbook(path)["校验结果"]
    for r in range(5, ws.max_row + 1):
        for c in range(1, 6):
            if (r, c) in cells:
                assert (cells[(r, c)] or None) == (ws.cell(r, c).value or None), (r, c)
    assert "处理意见：已电话通知补正" in cells.values() and "审核人：张三 2024-05-08" in cells.values()


def test_a_date_typed_under_the_results_stays_a_date_when_the_results_shrink(make_workbook):
    """The 审核日期 a clerk typed under the results moved up with them: written at its new row without its date
    format, it showed as 45420."""
    import datetime

    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    ws = wb["校验结果"]
    ws.cell(5 + count + 2, 1).value = "审核日期"
    ws.cell(5 + count + 2, 2).value = datetime.date(2024, 5, 8)
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "审核日期")
    assert row[0].row < 5 + count + 2
    assert row[1].value == datetime.datetime(2024, 5, 8) and row[1].is_date


def test_with_json_the_moved_note_is_said_on_stderr(make_workbook, capsys):
    path, _ = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    named_cell(wb, "sb_leader_mobile").value = "13908510001"
    wb.save(path)
    capsys.readouterr()
    assert main(["check", str(path), "--write", "--json"]) == 0
    out = capsys.readouterr()
    assert "已解决的问题" in out.err and "已解决的问题" not in out.out


def test_a_line_inserted_between_two_results_stays_under_its_finding(make_workbook):
    """A clerk inserted a row under the first finding and wrote 已电话通知: the next check took every result below
    it for lines typed under the results and wrote them again under the new ones, a fixed problem among them."""
    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    ws = wb["校验结果"]
    ws.insert_rows(6)
    ws.cell(6, 1).value = "已电话通知"
    ws.cell(6, 5).value = "张三"
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]   # FIELD_USCC fixed
    wb.save(path)
    from shibai_xl.jobs import actions as A

    with A.request_view(str(path)) as view:           # 检查本申报表: its links on the same rows as the file's
        links = {k.cell: k.target for k in A.check(view).edits.links if k.sheet == "校验结果"}
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    rows = _rows(ws)
    assert sum(1 for r in rows if r[1] == "FIELD_USCC") == 0
    assert sum(1 for r in rows if r[0] == "已电话通知") == 1
    at = next(i for i, r in enumerate(rows) if r[0] == "已电话通知")
    assert rows[at - 1][1] == "FIELD_MOBILE" and rows[at][:5] == ["已电话通知", None, None, None, "张三"]
    for r in range(5, 5 + len(rows)):
        cell = ws.cell(r, 4)
        assert (cell.hyperlink.location if cell.hyperlink else None) == (links.get(f"D{r}") or "").lstrip("#") \
            or (cell.hyperlink is None and f"D{r}" not in links), r
        if cell.hyperlink:
            assert cell.hyperlink.location.endswith(cell.value.split("!")[-1])
    assert ws.cell(5 + at, 4).hyperlink is None


def _with_formulas(make_workbook):
    """A checked application whose clerk typed formulas: a date and a length in his own column on the first
    finding's row, a count of the findings under them."""
    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    ws = wb["校验结果"]
    codes = [ws.cell(r, 2).value for r in range(5, 5 + count)]
    mobile = 5 + codes.index("FIELD_MOBILE")
    ws.cell(mobile, 6).value = "=TODAY()"
    ws.cell(mobile, 7).value = f"=LEN(C{mobile})"
    ws.cell(5 + count + 3, 1).value = "问题数"
    ws.cell(5 + count + 3, 2).value = f"=COUNTA(B5:B{5 + count - 1})"
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]   # one problem fixed: the results shrink
    wb.save(path)
    return path, count


def test_a_clerks_formulas_stay_formulas_pointing_where_their_rows_went(make_workbook):
    """A clerk's =TODAY(), =LEN(C5) and =COUNTA(B5:B9) came back empty (the value a file saved without computing
    them holds) or as the number they showed: now formulas, their rows moved with the results."""
    path, count = _with_formulas(make_workbook)
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    codes = [ws.cell(r, 2).value for r in range(5, 5 + count)]
    found = codes.index(next(c for c in codes if c is None or not str(c).isupper()))
    mobile = 5 + codes.index("FIELD_MOBILE")
    assert ws.cell(mobile, 6).value == "=TODAY()"
    assert ws.cell(mobile, 7).value == f"=LEN(C{mobile})"
    line = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "问题数")
    assert ws.cell(line, 2).value == f"=COUNTA(B5:B{5 + found - 1})"


def test_the_check_button_keeps_the_clerks_formulas_as_check_write_does(make_workbook):
    path, count = _with_formulas(make_workbook)
    from shibai_xl.adapters.edits import edits_json
    from shibai_xl.jobs import actions as A

    with A.request_view(str(path)) as view:
        edits = A.check(view).edits
    values = {v for b in edits_json(edits)["blocks"] if b["sheet"] == "校验结果" for row in b["values"] for v in row}
    assert "=TODAY()" in values and f"=COUNTA(B5:B{5 + count - 2})" in values
    assert not any(isinstance(v, str) and v.startswith("'=") for v in values)


def test_a_clerks_web_link_moves_with_his_note(make_workbook):
    """A clerk linked his note (通知函) to a web address in his own column: the next check moved the note and lost
    the link."""
    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    ws = wb["校验结果"]
    uscc = next(r for r in range(5, 5 + count) if ws.cell(r, 2).value == "FIELD_USCC")
    ws.cell(uscc, 5).value = "通知函"
    ws.cell(uscc, 5).hyperlink = "https://example.com/tongzhi.pdf"
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]   # fixed: the note goes under 已解决的问题
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    cell = next(c for row in ws.iter_rows(min_row=5, min_col=5, max_col=5) for c in row if c.value == "通知函")
    assert cell.row > uscc and cell.hyperlink is not None and cell.hyperlink.target == "https://example.com/tongzhi.pdf"
    assert all(c.hyperlink is None for row in ws.iter_rows(min_row=5, min_col=5, max_col=5) for c in row
               if c.value != "通知函")


def _share(path, sheet, col, first, last, formula):
    """Rewrite ``col``first…last of ``sheet`` as Excel stores a formula filled down: the text once, in the first
    cell (<f t="shared" ref=… si=…>), the cells under it only <f t="shared" si=…/>."""
    import re

    from tests.zip_parts import read_parts, write_parts

    part = f"xl/worksheets/sheet{load_workbook(path).sheetnames.index(sheet) + 1}.xml"
    parts = read_parts(path)
    xml = parts[part].decode()
    for r in range(first, last + 1):
        cell = re.search(rf'<c r="{col}{r}"[^>]*?>(<f>.*?</f>)', xml)
        shared = (f'<f t="shared" ref="{col}{first}:{col}{last}" si="0">{formula}</f>' if r == first
                  else '<f t="shared" si="0"/>')
        xml = xml[:cell.start(1)] + shared + xml[cell.end(1):]
    parts[part] = xml.encode()
    write_parts(path, parts)


def test_a_clerks_formula_filled_down_stays_a_formula_in_every_cell(make_workbook):
    """A clerk's =LEN(C5) filled down his own column (Excel stores it once, the cells below as 'shared'): the next
    check kept the first as a formula and turned the others into their values, or left them empty."""
    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    ws = wb["校验结果"]
    for r in range(5, 5 + count):
        ws.cell(r, 7).value = f"=LEN(C{r})"
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]   # one problem fixed: the results shrink
    wb.save(path)
    _share(path, "校验结果", "G", 5, 5 + count - 1, "LEN(C5)")
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    kept = [ws.cell(r, 7).value for r in range(5, ws.max_row + 1) if ws.cell(r, 7).value is not None]
    assert len(kept) == count
    assert all(isinstance(v, str) and v.startswith("=LEN(C") for v in kept), kept
    for r in range(5, ws.max_row + 1):   # each still measures the 说明 of its own finding's row
        if ws.cell(r, 7).value is not None and ws.cell(r, 2).value:
            assert ws.cell(r, 7).value == f"=LEN(C{r})"


def test_clerks_cells_taking_each_others_places_are_said_in_the_addins():
    """Two findings swapped places, each with the clerk's note beside it: the add-ins cannot copy a ring of cells one
    over the other, so those notes move as values only; that is said, never silent."""
    from shibai_xl.adapters.edits import moves
    from shibai_xl.adapters.xlsx.result_place import Placement

    where = Placement(result_sheet="校验结果", first_row=5, result_at=[0, 1], result_sources=[1, 0],
                      result_rows=[["错误", "A", "甲", "", "已通知"], ["错误", "B", "乙", "", "待补"]])
    assert moves("校验结果", where) == []
    assert any("E5" in line and "E6" in line and "格式" in line for line in where.moved)
    where = Placement(result_sheet="校验结果", first_row=5, result_at=[0], result_sources=[1, 2],
                      result_rows=[["错误", "B", "乙", "", "待补"], ["审核人：张三"]])
    assert moves("校验结果", where) == [("校验结果", "E6", "E5"), ("校验结果", "A7", "A6"),   # the cells they left:
                                      ("校验结果", "E6", None), ("校验结果", "A7", None)]  # formats off
    assert where.moved == []
