"""The short way of writing plain rows (``adapters/xlsx/fast_rows.py``) writes the XML openpyxl's own writer
writes (its rows in UTF-8 instead of character references): on the workbooks this tool makes (templates, a
refreshed summary, an expert's 评分表) and on values people and hostile files put into cells — leading spaces, line
breaks, &<>, emoji, formulas, huge and tiny numbers, dates, rich text, comments, links, characters XML forbids."""
from __future__ import annotations

import gc
import io
import math
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import range_boundaries
from openpyxl.utils.exceptions import IllegalCharacterError

from shibai_xl.adapters.xlsx import fast_rows
from shibai_xl.adapters.xlsx import review_book as B
from shibai_xl.adapters.xlsx.review_issue import _FIRST_HELPER, SPARE_ROWS
from shibai_xl.adapters.xlsx.review_layout import HEADER_ROW, PERCENT_SHEET, SCORE_SHEET, TABLE, column_letter
from shibai_xl.adapters.xlsx.score_reading import reading_formulas
from shibai_xl.engine import review as R
from shibai_xl.faces.cli import main
from shibai_xl.jobs import review
from shibai_xl.jobs.refresh import refresh
from shibai_xl.rules import load
from tests.filled_cache import example_files

NOW = datetime(2024, 5, 20, 9, 30)


def saved_package(make, on: bool) -> io.BytesIO:
    """The workbook ``make()`` builds, saved by the short way (``on``) or openpyxl's own."""
    wb = make()
    fast_rows.install(on)
    try:
        out = io.BytesIO()
        wb.save(out)
    finally:
        fast_rows.install(True)
    return out


def saved(make, on: bool) -> dict[str, bytes]:
    """The parts of the workbook ``make()`` builds, saved by the short way (``on``) or openpyxl's own."""
    with zipfile.ZipFile(saved_package(make, on)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}   # core.xml: the time saved


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def assert_same_xml(make) -> None:
    """Every part the same: the worksheets as XML (their rows are UTF-8 where openpyxl writes &#N;), the rest
    byte for byte."""
    theirs, ours = saved(make, False), saved(make, True)
    assert sorted(theirs) == sorted(ours)
    for name in theirs:
        if name.startswith("xl/worksheets/sheet"):
            assert canonical(ours[name]) == canonical(theirs[name]), name
            ours[name].decode("utf-8")     # no declaration: UTF-8, which the rows written here are
            assert not ours[name].startswith(b"<?xml") or b"encoding" not in ours[name][:100]
        else:
            assert ours[name] == theirs[name], name


HOSTILE_TEXTS = [" 前后有空格 ", "行一\r\n行二\r行三\n", "\t制表", "A&B <c> \"d\" 'e'", "😀 emoji 𠀀", "中文" * 3000,
                 "=SUM(A1:A2)", "&#20013;", "]]>", "\u2028\u0085\x7f", "", "0"]
HOSTILE_NUMBERS = [0, -0.0, 1, -1, 0.1 + 0.2, 1e20, 1e-7, 123456789012345678901234567890, 2**53 + 1, 3.141592653589793,
                   True, False, 38834.5, -5e-324]


def hostile_book() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "项目汇总表"
    for r, text in enumerate(HOSTILE_TEXTS, 1):
        ws.cell(r, 1, text)
        ws.cell(r, 2, HOSTILE_NUMBERS[r % len(HOSTILE_NUMBERS)])
        ws.cell(r, 3).font = Font(bold=r % 2 == 0)                    # styled, no value
        ws.cell(r, 4, f'=IF(A{r}="<>",1,"a&b")')                       # a formula with quotes, & and <
    ws.row_dimensions[2].height = 40
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[30].height = 12                                  # a styled row without cells
    ws.cell(5, 6).fill = PatternFill("solid", fgColor="FFFF00")
    odd = wb.create_sheet("特殊")
    odd["A1"] = datetime(2024, 5, 20, 9, 30)                           # dates: openpyxl's way
    odd["B1"] = date(2024, 1, 31)
    odd["A2"] = CellRichText(["普通", TextBlock(InlineFont(b=True), "加粗")])
    odd["A3"] = "有批注"
    odd["A3"].comment = Comment("核对", "审核人")
    odd["A4"] = "链接"
    odd["A4"].hyperlink = "https://example.cn/a?b=1&c=2"
    odd["A5"] = math.nan
    odd["B5"] = math.inf
    odd["A6"] = "普通行"                                               # plain rows before and after odd ones
    odd["A7"] = 7
    for r in range(8, 600):                                           # a long plain run in the middle
        odd.cell(r, 1, f"第{r}行")
        odd.cell(r, 2, r * 1.5)
    odd["A600"] = datetime(2025, 1, 1)
    odd["A601"] = "最后"
    return wb


def test_hostile_values_are_written_as_openpyxl_writes_them():
    assert_same_xml(hostile_book)


def test_every_plain_row_is_taken_the_short_way():
    wb = hostile_book()
    ids: dict[bytes, str] = {}
    plain = [r for r in range(1, len(HOSTILE_TEXTS) + 1)
             if fast_rows._row_xml(wb.active, list(wb.active[r]), r, ids) is not None]
    assert plain == list(range(1, len(HOSTILE_TEXTS) + 1))
    odd = wb["特殊"]
    short = {r for r in range(1, 602) if fast_rows._row_xml(odd, list(odd[r]), r, ids) is not None}
    assert {1, 2, 3, 4, 5, 600} - short == {1, 2, 3, 4, 5, 600}       # dates, rich text, comment, link, NaN
    assert {6, 7, 8, 599, 601} <= short


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")   # openpyxl's zip, left by its error
def test_a_character_xml_forbids_fails_as_openpyxl_fails():
    def sneaky() -> Workbook:
        wb = Workbook()
        wb.active["A1"] = "正常"
        wb.active["A2"]._value = "控制字符\x01"                         # past openpyxl's check on assignment
        return wb

    with pytest.raises(Exception) as theirs:
        saved(sneaky, False)
    with pytest.raises(Exception) as ours:
        saved(sneaky, True)
    assert type(ours.value) is type(theirs.value)
    del theirs, ours
    gc.collect()        # the zips openpyxl left open on its error go now, under this test's warning filter
    with pytest.raises(IllegalCharacterError):
        Workbook().active["A1"] = "\x01"


@pytest.fixture(scope="module")
def tool_books(tmp_path_factory) -> list[Path]:
    base = tmp_path_factory.mktemp("books")
    books = []
    for kind in ("park", "base", "enterprise", "team"):
        path = base / f"{kind}.xlsx"
        assert main(["new", kind, "--out", str(path)]) == 0
        books.append(path)
    example_files(base / "轮次")
    summary = base / "轮次" / "项目汇总表.xlsx"
    refresh(summary, base / "轮次" / "申报表", batch="2024-05", now=NOW)
    review.make(base / "评审", summary, ["甲", "乙"], expert_cities="甲=贵阳市", round_id="2024-05", now=NOW)
    return [*books, summary, *sorted((base / "评审").glob("*.xlsx"))]


def test_the_tools_own_workbooks_are_saved_the_same(tool_books):
    assert len(tool_books) == 8
    for path in tool_books:
        assert_same_xml(lambda p=path: load_workbook(p))


def expert_book():
    """An expert's 评分表 as ``review make`` builds it, before it is saved: a project he recuses from, one pending."""
    projects = [R.Project("园区01", "某电子商务产业园", "park", "贵阳市"),
                R.Project("企业01", "某商贸有限公司", "enterprise", "遵义市", status=R.PENDING)]
    spec = B.ExpertBookSpec(round_id="2024-05", expert="甲", city="贵阳市", projects=projects, recused={"园区01"},
                            suggestions={}, round_fp="0" * 16, created=NOW)
    return B.build_expert_book(spec, load())


def test_held_formula_rows_are_written_as_openpyxl_writes_their_cells():
    """The spare rows' reading formulas and the 百分比 flags, held as text (never openpyxl cells), are saved as
    openpyxl saves them as cells: every part the same, the sheets' dimensions too."""
    assert_same_xml(expert_book)
    wb = expert_book()
    out = io.BytesIO()
    wb.save(out)
    saved_wb = load_workbook(out)
    ws, last = saved_wb[SCORE_SHEET], range_boundaries(saved_wb[SCORE_SHEET].tables[TABLE].ref)[3]
    own = f"INDEX(${column_letter('专家评分')}:${column_letter('专家评分')},ROW())"
    for r in (HEADER_ROW + 1, last, last + 1, last + SPARE_ROWS):   # table rows, the first and last spare row
        assert [ws.cell(r, _FIRST_HELPER + k).value for k in range(4)] == reading_formulas(own, r, _FIRST_HELPER, True)
    assert ws.cell(last + SPARE_ROWS + 1, _FIRST_HELPER).value is None
    assert saved_wb[PERCENT_SHEET].calculate_dimension() == f"A{HEADER_ROW + 1}:A{last + SPARE_ROWS + 200}"


def test_a_cell_put_in_a_held_row_keeps_the_rows_formulas():
    """Cells written into rows with held formulas after the book was built — a score in a spare row, a height, a
    value in a held cell, a date (a cell openpyxl writes itself) in a row of the table, a held cell only looked at
    — are saved as openpyxl saves them all as cells: the value put in a held cell stays, every other formula too."""
    spare = range_boundaries(expert_book()[SCORE_SHEET].tables[TABLE].ref)[3] + 5
    score, remark = f"{column_letter('专家评分')}{spare}", f"{column_letter('备注')}{HEADER_ROW + 1}"

    def changed():
        wb = expert_book()
        ws = wb[SCORE_SHEET]
        ws[score].value = 8
        ws.row_dimensions[spare + 1].height = 30
        ws.cell(spare + 2, _FIRST_HELPER + 1).value = "改"
        ws[remark].value = datetime(2024, 5, 20)
        assert ws.cell(spare + 3, _FIRST_HELPER).value is None     # held: not a cell until the save
        return wb
    assert_same_xml(changed)
    wb = changed()
    out = io.BytesIO()
    wb.save(out)
    ws = load_workbook(out)[SCORE_SHEET]
    assert ws[score].value == 8 and ws[remark].value == datetime(2024, 5, 20)
    assert ws.row_dimensions[spare + 1].height == 30
    assert ws.cell(spare + 2, _FIRST_HELPER + 1).value == "改"
    for r, k in ((spare, 0), (spare + 1, 3), (spare + 2, 0), (spare + 2, 2), (spare + 3, 0), (HEADER_ROW + 1, 3)):
        assert ws.cell(r, _FIRST_HELPER + k).value == reading_formulas(
            f"INDEX(${column_letter('专家评分')}:${column_letter('专家评分')},ROW())", r, _FIRST_HELPER, True)[k]


def test_only_formulas_are_held():
    wb = Workbook()
    for value in ("text", "=", "=A1&\"\x01\""):
        with pytest.raises(ValueError):
            fast_rows.hold_formulas(wb.active, range(1, 3), [(1, value)])


def test_sheets_written_in_memory_are_archived_as_openpyxl_archives_its_temporary_files():
    """Every member of the saved archive as openpyxl's own save makes it (compression, attributes, sizes, CRC,
    order), though no sheet is written to a temporary file first; only the time saved may differ."""
    def archived(on: bool) -> list[tuple]:
        with zipfile.ZipFile(saved_package(expert_book, on)) as z:
            return [(i.filename, i.compress_type, i.external_attr, i.create_system, i.create_version,
                     i.extract_version, i.flag_bits, i.internal_attr, i.extra, i.file_size > 0) for i in z.infolist()]
    assert archived(True) == archived(False)
