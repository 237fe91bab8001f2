"""``shibai check --write``: the result goes into the workbook; everything else in it survives."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces.cli import main
from tests import libreoffice as lo
from tests.acceptance.test_real_files import _strip_names as strip_names
from tests.conftest import example
from tests.test_patch import _png, _PngImage
from tests.test_workbooks import make_xlsm

TIME = re.compile(r"检查时间：\d{4}-\d\d-\d\d \d\d:\d\d".encode())


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: TIME.sub(b"T", z.read(n)) for n in z.namelist()}


def test_write_puts_the_result_in_the_workbook(make_workbook, tmp_path):
    path = make_workbook("park", example("park", sb_trade_total=2.5, sb_live_rooms=9, sb_leader_mobile="123"))
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    assert named_cell(wb, "sb_result_status").value.startswith("不达标")
    assert named_cell(wb, "sb_result_score").value.endswith("/ 120")
    ws = wb["校验结果"]
    rows = [[c.value for c in r[:4]] for r in ws.iter_rows(min_row=5) if r[1].value]
    codes = {r[1] for r in rows}
    assert {"ELIG_TRADE", "FIELD_MOBILE"} <= codes
    trade = next(r for r in ws.iter_rows(min_row=5) if r[1].value == "ELIG_TRADE")
    assert trade[3].hyperlink is not None and "申报表" in (trade[3].hyperlink.location or "")
    assert all(r[2].alignment.wrap_text for r in ws.iter_rows(min_row=5) if r[1].value)   # long messages wrap
    # the 评分 sheet: suggestion and reason filled, the reviewer's column untouched
    assert named_cell(wb, "sb_score_auto_1_1_3").value == 0                          # 9 rooms < 10
    assert "直播间9间" in named_cell(wb, "sb_score_reason_1_1_3").value
    assert named_cell(wb, "sb_score_review_1_1_3").value is None
    # marks on the cells with findings
    mobile = named_cell(wb, "sb_leader_mobile")
    assert mobile.fill.fgColor.rgb.endswith("FFC7CE") and "FIELD_MOBILE" in mobile.comment.text
    assert mobile.comment.author == "shibai-xl"


def test_fixed_problems_lose_their_marks(make_workbook):
    path = make_workbook("team", example("team", sb_leader_mobile="123"))
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    named_cell(wb, "sb_leader_mobile").value = "13908510001"
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_leader_mobile")
    assert cell.comment is None and cell.fill.fgColor.rgb.endswith("FFF8DC")
    assert "FIELD_MOBILE" not in {r[1].value for r in wb["校验结果"].iter_rows(min_row=5)}


def test_marks_go_after_the_applicant_saved_the_checked_file_in_libreoffice(make_workbook, tmp_path):
    """The applicant opens the checked workbook in LibreOffice (WPS, Excel), saves it and puts the mistakes right:
    the program renumbered the styles, so the record of the marks no longer fitted and the red fills stayed on
    the corrected cells for good, check after check (QA qa29a)."""
    from openpyxl.comments import Comment

    from tests.libreoffice import convert

    path = make_workbook("enterprise", example("enterprise", sb_leader_mobile="1390851000",
                                               sb_uscc="91520102MA6DKQ8X1A"))
    wb = load_workbook(path)
    named_cell(wb, "sb_contact_phone").comment = Comment("申报单位：白天打这个", "张三")   # the applicant's own note
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    saved = convert(path, "xlsx", tmp_path / "lo")                  # opened and saved in LibreOffice
    wb = load_workbook(saved)
    named_cell(wb, "sb_leader_mobile").value = "13908510001"
    named_cell(wb, "sb_uscc").value = example("enterprise")["sb_uscc"]
    wb.save(saved)
    assert main(["check", str(saved), "--write"]) == 0
    wb = load_workbook(saved)
    for name in ("sb_leader_mobile", "sb_uscc"):
        cell = named_cell(wb, name)
        assert cell.comment is None and cell.fill.fgColor.rgb.endswith("FFF8DC"), (name, cell.fill.fgColor.rgb)
    assert named_cell(wb, "sb_contact_phone").comment.text == "申报单位：白天打这个"
    assert {"FIELD_MOBILE", "FIELD_USCC"}.isdisjoint({r[1].value for r in wb["校验结果"].iter_rows(min_row=5)})


def test_long_messages_get_rows_tall_enough_and_a_later_check_gives_them_back(make_workbook):
    """LibreOffice and WPS show a row at its stored height: a wrapped message needs its row made taller."""
    path = make_workbook("base", example("base", sb_established="2023-08-01", sb_anchors=3, sb_crossborder_usd=500000))
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    rows = [r for r in ws.iter_rows(min_row=5) if r[1].value]
    long = [r for r in rows if len(str(r[2].value)) > 40]
    assert long and all(ws.row_dimensions[r[0].row].height >= 2 * 14.5 for r in long)
    assert all(ws.row_dimensions[r[0].row].height is None for r in rows if len(str(r[2].value)) < 25)
    tall = [r[0].row for r in long]
    wb = load_workbook(path)
    for name, value in example("base").items():     # every problem put right: fewer, shorter rows
        if name.startswith("sb_") and value is not None:
            try:
                named_cell(wb, name).value = value
            except (KeyError, ValueError, AttributeError):
                pass
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    still = {r[0].row for r in ws.iter_rows(min_row=5) if r[1].value and len(str(r[2].value)) > 40}
    assert all(ws.row_dimensions[r].height is None for r in tall if r not in still)


def test_every_suggested_reason_fits_its_row_in_the_score_sheet(make_workbook):
    """The 评分 sheet's rows were sized for the 指标 text: a longer 建议理由 was cut on screen and paper (QA)."""
    from openpyxl.utils import get_column_letter

    from shibai_xl.adapters.xlsx.text_fit import row_height, text_lines

    path = make_workbook("base", example("base", sb_established="2023-08-01", sb_anchors=3))
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["评分"]
    header = next(r for r in ws.iter_rows() if any(c.value == "建议理由" for c in r))
    col = next(c.column for c in header if c.value == "建议理由")
    width = ws.column_dimensions[get_column_letter(col)].width
    reasons = [(r, ws.cell(r, col).value) for r in range(header[0].row + 1, ws.max_row + 1) if ws.cell(r, col).value]
    assert len(reasons) >= 10 and any(text_lines(t, width) > 2 for _, t in reasons)
    assert all((ws.row_dimensions[r].height or 15) >= row_height(text_lines(t, width)) for r, t in reasons)


def test_everything_else_survives_and_twice_is_once(make_workbook, tmp_path):
    path = make_workbook("base", example("base", sb_anchors=3))
    wb = load_workbook(path)
    wb["补充信息"].add_image(_PngImage(_png(16, 16), 16, 16), "D2")   # a picture the applicant pasted
    wb.save(path)
    before = parts(path)
    assert main(["check", str(path), "--write"]) == 0
    once = parts(path)
    assert main(["check", str(path), "--write"]) == 0
    twice = parts(path)
    assert once == twice, [n for n in once if once[n] != twice.get(n)]
    changed = {n for n in before if before[n] != once.get(n)}
    allowed = {"xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"}
    allowed |= {n for n in once if "worksheets/" in n or "comments" in n or "vmlDrawing" in n}
    assert changed <= allowed, changed - allowed
    for name in before:                                        # image, drawing, theme, tables: byte for byte
        if name.startswith(("xl/media/", "xl/drawings/drawing", "xl/theme/", "xl/tables/", "docProps/")):
            assert before[name] == once[name], name
    assert any(n.startswith("xl/media/") for n in once), "the picture survives"
    wb = load_workbook(path)
    assert wb["申报表"].data_validations.dataValidation and wb["申报表"].protection.sheet
    assert wb["申报表"].page_setup.orientation == "portrait"
    assert set(load_workbook(path).defined_names) >= {"sb_name", "sb_uscc", "sb_type"}


def test_xlsm_keeps_its_macros_byte_for_byte(make_workbook, tmp_path):
    xlsm = make_xlsm(make_workbook("enterprise"), tmp_path / "企业.xlsm")
    with zipfile.ZipFile(xlsm) as z:
        vba = z.read("xl/vbaProject.bin")
    assert main(["check", str(xlsm), "--write"]) == 0
    with zipfile.ZipFile(xlsm) as z:
        assert z.read("xl/vbaProject.bin") == vba
        assert b"macroEnabled" in z.read("[Content_Types].xml")
    assert (tmp_path / "企业.xlsm.bak").exists()


def test_write_never_writes_applicant_text_as_a_formula(make_workbook):
    path = make_workbook("team", example("team", sb_name="=1+2", sb_address="@SUM(A1)"))
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    formulas = [(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f" and ws.title not in ("评分", "入驻企业名单")]
    assert formulas == []


def test_notes_left_by_the_excel_add_in_are_replaced_user_notes_kept(make_workbook):
    from openpyxl.comments import Comment
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, "sb_live_sales").comment = Comment("[ELIG_LIVE_SALES] 年度直播销售额低于门槛（上次检查）", "王科员")
    named_cell(wb, "sb_name").comment = Comment("请核实营业执照名称", "王科员")
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    assert named_cell(wb, "sb_live_sales").comment is None           # the stale add-in note is gone
    assert named_cell(wb, "sb_name").comment.text == "请核实营业执照名称"  # the person's note stays


def test_a_reply_typed_into_the_tools_note_is_kept(make_workbook):
    """A cell holds one note: a clerk answering a mark types into the tool's note (Excel keeps its author). The
    next check --write replaced the note with its own text, or removed it with the fixed problem: the reply was
    lost. A note a person added to is theirs now; a note of ours quoting a value typed on two lines still goes."""
    from openpyxl.comments import Comment

    path = make_workbook("enterprise", example("enterprise", sb_uscc="91520102MA6DKQ8X1A", sb_leader_mobile="123",
                                               sb_contact_phone="139\n0851"))
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    replies = {}
    for name in ("sb_uscc", "sb_leader_mobile"):
        cell = named_cell(wb, name)
        assert cell.comment is not None and cell.comment.author == "shibai-xl"
        replies[name] = cell.comment.text + "\n县商务局王科员：已电话核实"
        cell.comment = Comment(replies[name], "shibai-xl")
    assert "\n" not in named_cell(wb, "sb_contact_phone").comment.text.strip()   # the value's line break: a space
    named_cell(wb, "sb_leader_mobile").value = "13908510001"      # put right; the 信用代码 stays wrong
    named_cell(wb, "sb_contact_phone").value = "13908510002"
    wb.save(path)
    from shibai_xl.engine.plan import INPUT_COLOR
    from shibai_xl.jobs import actions as A

    where = {name: (named_cell(wb, name).parent.title, named_cell(wb, name).coordinate)
             for name in ("sb_uscc", "sb_leader_mobile")}
    with A.request_view(str(path)) as view:           # 检查本申报表 in Excel/WPS: the same, colour put back
        edits = A.check(view).edits
    assert not set(where.values()) & set(edits.clear_notes)
    assert not set(where.values()) & {(s, c) for s, c, _ in edits.notes}
    assert (*where["sb_leader_mobile"], INPUT_COLOR) in edits.colors
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    for name in ("sb_uscc", "sb_leader_mobile"):
        assert named_cell(wb, name).comment.text == replies[name], name
    assert named_cell(wb, "sb_uscc").fill.fgColor.rgb.endswith("FFC7CE")       # still marked: the colour says so
    assert named_cell(wb, "sb_leader_mobile").fill.fgColor.rgb.endswith("FFF8DC")
    assert named_cell(wb, "sb_contact_phone").comment is None


def test_problems_of_a_separate_resident_list_are_not_marked_in_the_application(make_workbook, tmp_path, capsys):
    """A base's list sent as a workbook of its own (its sheet named 入驻企业名单, as the template's): the list's
    duplicate and bad row were marked and annotated on the empty cells of the application's own 入驻企业名单 sheet,
    and the 校验结果 rows linked there. They are in the other file: its name and cell are said, nothing marked."""
    import json
    import shutil

    from shibai_xl.examples import example_residents
    from tests.test_real_applications import BASE_NAME, hand_typed_list

    folder = tmp_path / "申报"
    folder.mkdir()
    app = make_workbook("base", residents=None, name="基地申报表.xlsx")
    app = Path(shutil.move(app, folder / app.name))
    rows = example_residents("base")
    rows.append(dict(rows[0]))
    rows[1]["年度网络零售额（万元）"] = 99999
    listed = hand_typed_list(folder / f"{BASE_NAME}入驻企业名单.xlsx", "入驻电商企业名单", rows)
    wb = load_workbook(listed)
    wb.active.title = "入驻企业名单"
    wb.save(listed)
    capsys.readouterr()
    assert main(["check", str(app), "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    # the JSON names the other workbook too (QA qa37c): a bare 入驻企业名单 read as the application's own sheet
    in_list = [f for f in before["findings"] if f["sheet"] == f"[{listed.name}]入驻企业名单"]
    assert {"XC_RESIDENT_DUP", "XC_RESIDENT_ROW"} <= {f["code"] for f in in_list}
    assert main(["check", str(app), "--write"]) == 0
    wb = load_workbook(app)
    ws = wb["入驻企业名单"]
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.comment], "nothing noted in the empty list"
    assert not [c.coordinate for row in ws.iter_rows() for c in row
                if (c.fill.fgColor.rgb or "").endswith(("FFC7CE", "FFEB9C"))]
    result = {r[1].value: r for r in wb["校验结果"].iter_rows(min_row=5) if r[1].value}
    for f in in_list:
        where = result[f["code"]][3]
        assert where.value == f"[{listed.name}]入驻企业名单!{f['cell']}" and where.hyperlink is None, where.value
    capsys.readouterr()
    assert main(["check", str(app), "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert (after["eligible"], after["score"], after["findings"]) == (before["eligible"], before["score"],
                                                                      before["findings"])


def test_a_row_a_clerk_inserted_above_the_results_keeps_their_header(make_workbook):
    """A clerk inserts a row for the 初审意见 above the 级别/代码/说明/位置 header of the 校验结果 sheet: the next check
    wrote its rows from row 5 as ever, over the header, which was gone for good. The rows go under the header."""
    path = make_workbook("team", example("team", sb_leader_mobile="123"))
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    ws = wb["校验结果"]
    first = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value]
    ws.insert_rows(4)
    ws["A4"] = "县商务局初审意见：请补充负责人手机号（王科员）"
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    ws = load_workbook(path)["校验结果"]
    assert ws["A4"].value.startswith("县商务局初审意见")
    assert [c.value for c in ws[5]][:4] == ["级别", "代码", "说明", "位置"]
    assert ws["B6"].value == "FIELD_MOBILE" and ws["D6"].hyperlink is not None
    assert [ws.cell(r, 2).value for r in range(6, ws.max_row + 1) if ws.cell(r, 2).value] == first
    from shibai_xl.jobs import actions as A

    with A.request_view(str(path)) as view:           # 检查本申报表 in Excel/WPS: the same rows
        edits = A.check(view).edits
    assert [(b.row, b.values[0][1]) for b in edits.blocks if b.sheet == "校验结果" and b.col == 1 and b.row > 3] == \
        [(6, "FIELD_MOBILE")]
    assert {k.cell for k in edits.links if k.sheet == "校验结果"} >= {"D6"}


def test_reviewer_scores_out_of_range_are_reported(make_workbook, capsys):
    import json
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    named_cell(wb, "sb_score_review_1_1_1").value = 15      # within 0…15
    named_cell(wb, "sb_score_review_2_2_1").value = 12      # 企业资质 is worth 10
    wb.save(path)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "SCORE_RANGE"]
    assert len(found) == 1 and "2.2.1" in found[0]["message"] and found[0]["sheet"] == "评分"


def test_a_reviewer_score_typed_as_a_percentage_counts_as_it_shows(make_workbook, capsys, tmp_path):
    """A reviewer types “10%” into a 评审得分 cell of the application's 评分 sheet: Excel/WPS store 0.1 shown as 10%.
    Review books count it as 10 (the text “10%” counts 10, README); the application's 评分 sheet counted 0.1 — in the
    tool (16% of a 10-point item passed) and in the sheet's own totals. Both now read it as review books do."""
    import json
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    named_cell(wb, "sb_score_review_2_2_1").value = 0.16      # 企业资质 is worth 10: 16% shown, 16 out of range
    named_cell(wb, "sb_score_review_2_2_1").number_format = "0%"
    named_cell(wb, "sb_score_review_1_1_1").value = 0.1       # 10% shown: 10 of 15, in range
    named_cell(wb, "sb_score_review_1_1_1").number_format = "0%"
    wb.save(path)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "SCORE_RANGE"]
    assert len(found) == 1 and "指标2.2.1评分16%超出0～10分" in found[0]["message"], found
    assert found[0]["sheet"] == "评分"
    if lo.SOFFICE is not None:   # the sheet's own reading of the score, as LibreOffice computes it
        out = lo.convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "recalc")
        import python_calamine
        grid = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("评分").to_python()
        cell = named_cell(load_workbook(path), "sb_score_review_1_1_1")
        assert 10 in grid[cell.row - 1][cell.column:], grid[cell.row - 1]


def test_reviewer_scoring_both_crossborder_items_is_reported(make_workbook, capsys):
    """附件5: 跨境电商年销售额 大于50万美金 (10分) and 小于50万美金 (3分) describe one figure; a reviewer who gives
    points to both on the 评分 sheet counts a bonus no project can earn (5 + 10 + 3 = 18, not at most 15)."""
    import json
    path = make_workbook("park")
    wb = load_workbook(path)
    for item, points in (("4_1", 5), ("4_2", 10), ("4_3", 3)):
        named_cell(wb, f"sb_score_review_{item}").value = points
    wb.save(path)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "SCORE_RANGE"]
    assert len(found) == 1 and found[0]["severity"] == "warning", found
    assert "4.2" in found[0]["message"] and "4.3" in found[0]["message"] and "只能符合其一" in found[0]["message"]
    assert found[0]["sheet"] == "评分" and found[0]["cell"]
    wb = load_workbook(path)
    named_cell(wb, "sb_score_review_4_3").value = 0          # one of the two: nothing to say
    wb.save(path)
    assert main(["check", str(path), "--json"]) == 0
    assert not [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "SCORE_RANGE"]


def _strip_names(path: Path) -> None:
    """The workbook as a pasted or retyped form: no defined names, no tables (read by its printed labels)."""
    strip_names(path, path)


def test_a_form_without_names_gets_the_current_result_not_the_old_one(make_workbook, capsys):
    path = make_workbook("team")
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    sales = named_cell(wb, "sb_live_sales")
    assert named_cell(wb, "sb_result_status").value == "达标"
    sales.value = "约五百万"
    wb.save(path)
    _strip_names(path)
    capsys.readouterr()
    assert main(["check", str(path), "--write"]) == 0
    assert "结果已写入" in capsys.readouterr().out
    wb = load_workbook(path)
    result = wb["校验结果"]
    assert result["B2"].value.startswith("待定"), result["B2"].value
    codes = {r[1].value for r in result.iter_rows(min_row=5)}
    assert {"FIELD_AMOUNT", "FILE_LABELS"} <= codes
    score = wb["评分"]
    row = next(r for r in score.iter_rows(min_row=4) if r[2].value == "1.1.1")
    assert row[5].value == 15 and row[6].value.startswith("符合")       # 建议分, 建议理由 of this run


def _custom_layout(tmp_path: Path) -> Path:
    """Another program's workbook: every field named, on one sheet, no 校验结果 or 评分 sheet (CONTRACT §2)."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    from shibai_xl.engine import fields as F
    wb = Workbook()
    ws = wb.active
    ws.title = "我的表"
    for i, f in enumerate(F.fields_for("team"), 3):
        ws.cell(i, 1, f.label)
        ws.cell(i, 2, example("team").get(f.name))
        wb.defined_names[f.name] = DefinedName(f.name, attr_text=f"'我的表'!$B${i}")
    path = tmp_path / "外部程序生成.xlsx"
    wb.save(path)
    return path


def test_a_workbook_without_result_sheets_gets_them(tmp_path, capsys):
    path = _custom_layout(tmp_path)
    assert main(["check", str(path), "--write"]) == 0
    assert "“校验结果”表（新增）、“评分”表（新增）" in capsys.readouterr().out
    wb = load_workbook(path)
    assert wb.sheetnames == ["我的表", "校验结果", "评分"]
    assert wb["校验结果"]["B2"].value == "达标" and wb["校验结果"]["D2"].value == "100 / 100"
    scores = {r[0].value: (r[2].value, r[3].value) for r in wb["评分"].iter_rows(min_row=4)}
    assert scores["1.1.1"] == (15, 15)
    # the next run finds them by their names: no third sheet, the same result
    wb["我的表"]["B3"] = None                                   # 名称 now missing
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    out = capsys.readouterr().out
    assert "结果已写入" in out and "新增" not in out
    wb = load_workbook(path)
    assert wb.sheetnames == ["我的表", "校验结果", "评分"]
    assert "FIELD_REQUIRED" in {r[1].value for r in wb["校验结果"].iter_rows(min_row=5)}


def pasted_form_with_own_result_sheet(make_workbook) -> Path:
    """A team form pasted without its names, whose 校验结果 sheet now holds a person's own note."""
    path = make_workbook("team")
    _strip_names(path)
    wb = load_workbook(path)
    mine = wb["校验结果"]
    mine.delete_rows(1, mine.max_row)
    mine["A1"] = "市局初审意见：材料齐全"
    wb.save(path)
    return path


def test_a_persons_own_result_sheet_is_left_alone_and_said_so(make_workbook, capsys):
    path = pasted_form_with_own_result_sheet(make_workbook)
    assert main(["check", str(path), "--write"]) == 0
    out = capsys.readouterr().out
    assert "未写入：“校验结果”表" in out and "结果已写入" in out and "“评分”表" in out
    wb = load_workbook(path)
    assert [c.value for r in wb["校验结果"].iter_rows() for c in r if c.value] == ["市局初审意见：材料齐全"]


def test_a_persons_own_result_sheet_with_a_前置条件_column_is_left_alone(make_workbook, capsys):
    """A county's 初审记录 on a sheet called 校验结果 that happens to have a 前置条件 column is not the tool's sheet
    (it lacks the 建议得分 label beside it): left as it is, and the message says so."""
    path = make_workbook("enterprise")
    _strip_names(path)
    wb = load_workbook(path)
    mine = wb["校验结果"]
    mine.delete_rows(1, mine.max_row)
    for row in (["序号", "审核项", "前置条件", "审核人", "备注"], [1, "信用中国", "已查询", "王五", "无失信"]):
        mine.append(row)
    wb.save(path)
    before = [[c.value for c in r] for r in load_workbook(path)["校验结果"].iter_rows()]
    main(["check", str(path), "--write"])
    out = capsys.readouterr().out
    assert "未写入：“校验结果”表" in out
    assert [[c.value for c in r] for r in load_workbook(path)["校验结果"].iter_rows()] == before


def test_sheets_added_to_a_hand_typed_form_are_laid_out_to_be_read(tmp_path, capsys):
    """The official form retyped by hand (no template, no names): the 校验结果 and 评分 sheets the check adds have
    the template's column widths, wrap their long texts in rows tall enough, print across a landscape page, and
    the 位置 of an item the form has no cell for is the item's printed name, never a defined name."""
    from tests.test_printed_layout import printed_park

    path = printed_park(tmp_path / "园区.xlsx")
    assert main(["check", str(path), "--write"]) == 0
    out = capsys.readouterr().out
    assert "“校验结果”表（新增）" in out and "sb_" not in out
    wb = load_workbook(path)
    result, score = wb["校验结果"], wb["评分"]
    assert {c: result.column_dimensions[c].width for c in "ABCD"} == {"A": 8, "B": 20, "C": 70, "D": 22}
    assert {c: score.column_dimensions[c].width for c in "BE"} == {"B": 50, "E": 36}
    for ws in (result, score):
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    rows = list(result.iter_rows(min_row=5))
    places = [r[3].value for r in rows if r[3].value]
    assert places and not any(re.search(r"\bsb_", p) for p in places)
    assert "联系电话（表中未找到此项）" in places
    labels = next(r for r in rows if r[1].value == "FILE_LABELS")
    assert labels[2].alignment.wrap_text and labels[2].alignment.vertical == "center"
    assert labels[1].alignment.vertical == "center" and not labels[1].alignment.wrap_text
    assert result.row_dimensions[labels[2].row].height >= 60        # its five lines at width 70 shown, not cut
    reasons = {r[0].value: r for r in score.iter_rows(min_row=4)}
    assert reasons["1.1.3"][4].alignment.wrap_text and score.row_dimensions[reasons["1.1.3"][4].row].height >= 40
    # a second check finds the sheets and changes nothing of their layout
    assert main(["check", str(path), "--write"]) == 0
    again = load_workbook(path)
    assert again.sheetnames == wb.sheetnames
    assert again["校验结果"].column_dimensions["C"].width == 70


def test_a_reason_cell_merged_into_the_one_above_is_said_not_lost(make_workbook, capsys):
    """A person merged the 建议理由 cells of two items (G of 1.1.1 and 1.1.2): the second one's reason would be
    written where nothing shows. It is not written, and the check says which cell and item, and what to do."""
    path = make_workbook("park")
    wb = load_workbook(path)
    ws = wb["评分"]
    rows = {ws.cell(r, 3).value: r for r in range(1, ws.max_row + 1)}
    first, second = rows["1.1.1"], rows["1.1.2"]
    ws.merge_cells(f"G{first}:G{second}")
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    out = capsys.readouterr().out
    assert f"“评分”表G{second}（已与G{first}合并）的指标1.1.2的建议理由" in out and "请取消合并" in out
    ws = load_workbook(path)["评分"]
    assert ws[f"G{first}"].value.startswith("符合") and ws[f"G{second}"].value is None
    assert ws[f"F{second}"].value == 5                      # the 建议分 beside it is not merged: written


def test_a_styles_part_with_an_empty_cell_format_list_is_written(tmp_path, capsys):
    """<cellXfs count="0"/> (LibreOffice opens such a file): the check adds its sheets and marks, with a default
    format made first (it ended in an internal error, IndexError)."""
    import re as regex

    from tests.test_printed_layout import printed_park
    from tests.zip_parts import rewrite

    def unstyled(name, data):
        if name == "xl/styles.xml":
            return regex.sub(rb"<cellXfs.*?</cellXfs>", b'<cellXfs count="0"/>', data, flags=regex.S)
        return regex.sub(rb' s="\d+"', b"", data) if name.startswith("xl/worksheets/") else data

    path = tmp_path / "园区.xlsx"
    rewrite(printed_park(tmp_path / "原.xlsx"), path, unstyled)
    assert main(["check", str(path), "--write"]) == 0
    assert "“校验结果”表（新增）" in capsys.readouterr().out
    wb = load_workbook(path)
    assert wb["校验结果"]["C5"].alignment.wrap_text and wb["校验结果"].column_dimensions["C"].width == 70


def test_a_result_row_links_to_a_sheet_whose_name_holds_an_apostrophe(make_workbook):
    """A workbook whose 补充信息 sheet is called “补充'信息” (renamed by hand, its names following it): the result
    row's hyperlink went to '补充'信息'!B6, which Excel, WPS and LibreOffice cannot follow; a quote inside a quoted
    sheet name is doubled, as in a formula."""
    path = make_workbook("park", example("park", sb_uscc="91520102MA6DKQ8X1A"))
    wb = load_workbook(path)
    wb["补充信息"].title = "补充'信息"
    for dn in wb.defined_names.values():
        dn.attr_text = dn.attr_text.replace("'补充信息'!", "'补充''信息'!").replace("补充信息!", "'补充''信息'!")
    wb.save(path)
    assert main(["check", str(path), "--write"]) == 0
    rows = list(load_workbook(path)["校验结果"].iter_rows())
    links = [r[3].hyperlink.location for r in rows if len(r) > 3 and r[1].value == "FIELD_USCC" and r[3].hyperlink]
    assert links == ["'补充''信息'!B6"]


def test_score_totals_show_the_written_scores_in_libreoffice_as_set_up(make_workbook, tmp_path):
    """An application saved by LibreOffice or WPS carries the 评分 sheet's totals with their saved value (0, no
    score yet). After ``check --write`` the 基础分小计 / 加分 / 总计 must show the written 建议分 in LibreOffice as
    it is set up out of the box (it does not recalculate Excel files on opening; it computes only formulas saved
    without a value) — they showed 0 under a column of 5s and 10s."""
    typed = make_workbook("base", name="基地.xlsx")
    saved = lo.convert(typed, "xlsx", tmp_path / "saved-by-libreoffice")
    assert main(["check", str(saved), "--write"]) == 0
    base, bonus, total = (named_cell(load_workbook(saved), n).coordinate
                          for n in ("sb_score_base_auto", "sb_score_bonus_auto", "sb_score_total_auto"))
    scores = load_workbook(saved)["评分"]
    autos = [scores[f"F{r}"].value for r in range(4, scores.max_row + 1)]
    assert sum(v for v in autos if isinstance(v, (int, float))) > 0
    shown = load_workbook(lo.convert(saved, "xlsx", tmp_path / "opened", recalc=False), data_only=True)["评分"]
    again = load_workbook(lo.convert(saved, "xlsx", tmp_path / "recalculated"), data_only=True)["评分"]
    assert again[total].value > 0
    for ref in (base, bonus, total):
        assert shown[ref].value == again[ref].value, ref



def test_write_into_a_workbook_whose_long_name_leaves_no_room_for_a_lock_file_name(make_workbook, capsys):
    """An upload name of 82 Chinese characters (246 bytes of the 255 a Linux file name may have; the .bak fits):
    check --write refused it, saying the path ".~lock.长长…#" was too long — the name of a LibreOffice lock file
    that cannot exist for it, looked for before writing. A lock name too long to exist is no lock: it is written."""
    path = make_workbook("team")
    path = path.rename(path.with_name("长" * 82 + ".xlsx"))
    capsys.readouterr()
    assert main(["check", str(path), "--write"]) == 0
    said = capsys.readouterr()
    assert "太长" not in said.err and "结果已写入" in said.out, said.err
    assert load_workbook(path)["校验结果"] is not None
