"""The adapters' structure as issue #15 wants it, checked: short modules, openpyxl's own A1 and formula
logic (and where a hand-written A1 helper remains, that it agrees with openpyxl), one recognition of the
tool's own notes, and the imports that keep ``check`` and an unchanged ``refresh`` fast."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, get_column_letter

from shibai_xl.adapters.view import FileBook
from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.adapters.xlsx.patch import XlsxPatch, shift_formula
from shibai_xl.adapters.xlsx.refs import col_index, col_letters, split_ref
from shibai_xl.adapters.xlsx.summary_book import SummaryBook
from shibai_xl.adapters.xlsx.templates import new_summary
from shibai_xl.engine.plan import OUR_NOTE, is_our_note
from shibai_xl.faces.cli import main
from tests.conftest import name_it

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "shibai_xl"
MAX_LINES = 800


# --- short modules ----------------------------------------------------------------------------------

def test_no_module_is_over_800_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


# --- A1 references and formulas: openpyxl's, or checked against it ----------------------------------

def test_the_read_paths_a1_helpers_agree_with_openpyxl_on_every_column():
    for n in range(1, 16385):
        letters = get_column_letter(n)
        assert col_letters(n) == letters and col_index(letters) == n == column_index_from_string(letters)


@pytest.mark.parametrize("ref", ["A1", "C5", "$C$5", "c5", "XFD1048576", "$AA$27", "Z9"])
def test_split_ref_agrees_with_openpyxl(ref):
    assert split_ref(ref) == coordinate_to_tuple(ref.replace("$", "").upper())


@pytest.mark.parametrize("ref", ["", "5C", "C", "ABCD1", "C5:D6", "'x'!C5"])
def test_split_ref_refuses_what_is_not_one_cell(ref):
    with pytest.raises(ValueError):
        split_ref(ref)


@pytest.mark.parametrize("formula, drow, dcol, moved", [
    # shared formulas as Excel and openpyxl write them, moved to the next cell of their group
    ("A2*2+$A$1", 1, 0, "A3*2+$A$1"),
    ("SUM(B3:E3)", 1, 0, "SUM(B4:E4)"),
    ("IF(M5=\"\",0,M5/J5)", 1, 0, "IF(M6=\"\",0,M6/J6)"),
    ("SUMPRODUCT((M5:M9>=0)*(M5:M9<=J5:J9))", 0, 1, "SUMPRODUCT((N5:N9>=0)*(N5:N9<=K5:K9))"),
    ("COUNTIF($G$5:$G$40,\"<>回避\")+F$2", 3, 2, "COUNTIF($G$5:$G$40,\"<>回避\")+H$2"),
    ("'x y'!D4&\"A1\"", 2, 1, "'x y'!E6&\"A1\""),     # quoted sheet moved, text left alone
    ("SUM(Table1[Col])+A1", 1, 0, "SUM(Table1[Col])+A2"),
    ("VLOOKUP(A2,Sheet2!$A:$C,3,FALSE)", 1, 0, "VLOOKUP(A3,Sheet2!$A:$C,3,FALSE)"),
    ("SUM(3:3)+SUM(A:A)", 1, 1, "SUM(4:4)+SUM(B:B)"),
    ("B2+sb_total", 1, 0, "B3+sb_total"),
    # moved off the sheet: #REF!, as Excel shows it
    ("XFD1+A1", 0, 1, "#REF!+B1"),
    ("A1048576+A1", 1, 0, "#REF!+A2"),
    ("SUM(A1:B$2)", -1, 0, "SUM(#REF!:B$2)"),
    ("Sheet1!A1+1", 0, -1, "Sheet1!#REF!+1"),
])
def test_shared_formulas_move_as_excel_moves_them(formula, drow, dcol, moved):
    assert shift_formula(formula, drow, dcol) == moved


@pytest.fixture
def summary_book():
    wb = new_summary()
    return SummaryBook(wb)


@pytest.mark.parametrize("formula, fixed", [
    ("=SUM(F5:F9)", "=SUM(F5:F30)"),
    ("=SUM($F$5:$F$9)", "=SUM($F$5:$F$30)"),
    ("=SUM(F$5:F9)+SUM(G5:G9)", "=SUM(F$5:F30)+SUM(G5:G30)"),
    ("=SUBTOTAL(109,H5:H12)", "=SUBTOTAL(109,H5:H30)"),
    ("=ROUND(SUM(F5:F9)/COUNT(F5:F9),2)", "=ROUND(SUM(F5:F30)/COUNT(F5:F30),2)"),
    ("=SUM(F5:G9)", "=SUM(F5:G30)"),                # a block of table columns: every row of them too
    ("=SUM('其他'!F5:F9)", "=SUM('其他'!F5:F9)"),     # another sheet's range
    ("=SUM(F5:F9)&\"F5:F9\"", "=SUM(F5:F30)&\"F5:F9\""),   # text in quotes is text
])
def test_total_row_formulas_are_re_pointed_at_every_row(summary_book, formula, fixed):
    assert summary_book.r0 < 5 and summary_book.c0 <= column_index_from_string("H") <= summary_book.c1
    assert summary_book._repoint_formula(formula, 5, 30) == fixed


def test_a_range_above_the_table_or_outside_its_columns_is_left_alone(summary_book):
    above = summary_book.r0 - 1
    outside = get_column_letter(summary_book.c1 + 3)
    for formula in (f"=SUM(F{above}:F9)", f"=SUM({outside}5:{outside}9)"):
        assert summary_book._repoint_formula(formula, 5, 30) == formula


# --- the tool's own notes: one regex ------------------------------------------------------------------

def _regex_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("compile", "match", "search", "fullmatch"):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, (str, bytes)):
                    out.append(arg.value if isinstance(arg.value, str) else arg.value.decode("latin-1"))
    return out


def test_only_engine_plan_says_what_our_notes_look_like():
    """No other module carries a pattern for "[CODE] …" notes or the finding-code families."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        hits = [p for p in _regex_literals(path) if "ELIG" in p or re.search(r"\\\[\[?A-Z", p)]
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert found == {}
    source = (PACKAGE / "engine" / "plan.py").read_text(encoding="utf-8")
    assert "OUR_NOTE = re.compile(" in source


@pytest.mark.parametrize("text, ours", [
    ("[ELIG_LIVE_SALES] 年度直播销售额低于门槛", True), ("  [XC_RESIDENT_DUP] 重复", True), ("[RULE_GAP] x", True),
    ("[TODO] 记得核实", False), ("请核实 [ELIG_AGE] ", False), ("[elig_age] x", False),
])
def test_every_adapter_takes_the_same_notes_for_ours(make_workbook, tmp_path, text, ours):
    """check --write's patch removes exactly the notes the Excel/WPS views call ours (same regex)."""
    assert is_our_note("王科员", text) is ours and bool(OUR_NOTE.match(text)) is ours
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, "sb_name").comment = Comment(text, "王科员")
    wb.save(path)
    sheet = named_cell(wb, "sb_name").parent.title
    ref = named_cell(wb, "sb_name").coordinate
    with FileBook(path) as view:
        assert dict(view.notes(sheet)) == {ref: ours}
    patch = XlsxPatch(path)
    patch.clear_marks()
    out = tmp_path / "cleared.xlsx"
    patch.save(out)
    kept = load_workbook(out)[sheet][ref].comment
    assert (kept is None) is ours


@pytest.mark.parametrize("author, text, ours", [
    ("shibai-xl", "[FIELD_USCC] 校验位错误\n[FIELD_DATE] 日期有误", True),
    ("shibai-xl", "[FIELD_USCC] 校验位错误\n王科员：已核实营业执照", False),
    ("王科员", "[FIELD_USCC] 校验位错误\n\n已核实营业执照", False),
])
def test_every_adapter_keeps_our_note_a_person_wrote_in(make_workbook, tmp_path, author, text, ours):
    """A reply typed into one of our notes makes it the person's for the Excel/WPS views and check --write alike
    (the views say it is such a note: its cell's mark colour still goes with the problem)."""
    from shibai_xl.engine.plan import ANSWERED, note_owner

    assert is_our_note(author, text) is ours and note_owner(author, text) == (True if ours else ANSWERED)
    path = make_workbook("team")
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_name")
    cell.comment = Comment(text, author)
    wb.save(path)
    sheet, ref = cell.parent.title, cell.coordinate
    with FileBook(path) as view:
        assert dict(view.notes(sheet)) == {ref: True if ours else ANSWERED}
    patch = XlsxPatch(path)
    patch.clear_marks()
    out = tmp_path / "cleared.xlsx"
    patch.save(out)
    kept = load_workbook(out)[sheet][ref].comment
    assert (kept is None) is ours and (ours or kept.text == text)


# --- imports: what stays out of check and of a refresh with nothing changed ---------------------------

PROBE = """
import sys
from shibai_xl.faces.cli import main
code = main(sys.argv[1:])
watched = ("openpyxl", "numpy", "lxml", "shibai_xl.adapters.xlsx.reader", "shibai_xl.engine.check")
print("IMPORTED:" + ",".join(m for m in watched if m in sys.modules), "EXIT:%s" % code)
"""


def _imported(args: list[str], cwd: Path) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("IMPORTED:"))
    assert line.endswith("EXIT:0"), proc.stdout + proc.stderr
    return {m for m in line.split()[0].removeprefix("IMPORTED:").split(",") if m}


def test_check_never_loads_openpyxl_and_an_unchanged_refresh_loads_no_reader(tmp_path):
    (tmp_path / "申报表").mkdir()
    assert main(["new", "企业", "--out", str(tmp_path / "申报表" / "企业.xlsx")]) == 0
    name_it(tmp_path / "申报表" / "企业.xlsx")
    # reading (calamine) and writing back (the XML patch) need neither openpyxl nor numpy (0.25 s to import)
    assert not {"openpyxl", "numpy"} & _imported(["check", "申报表/企业.xlsx", "--json"], tmp_path)
    assert not {"openpyxl", "numpy"} & _imported(["check", "申报表/企业.xlsx", "--write"], tmp_path)
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(tmp_path / "申报表")]) == 0
    # nothing changed: files are hashed, nothing is read or parsed
    assert _imported(["refresh", "汇总表.xlsx", "--from", "申报表"], tmp_path) == set()
