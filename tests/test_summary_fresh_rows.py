"""The first refresh's short ways (a summary of 1000 new rows) give what the long ways give.

- ``set_cell`` binds plain text and numbers itself, as openpyxl's ``cell.value =`` does;
- ``same_value`` tells an empty cell from a value without normalising the value;
- ``text_lines`` counts the wide characters in C;
- a new row's cells are made with their style in one step, ``fit_height`` reads the alignment without a proxy,
  ``put`` finds a cell without ``ws.cell``: whole summaries, new and refreshed again, against the long ways;
- the cross-checks of resident lists find the same companies with fewer set operations.
"""
from __future__ import annotations

import shutil
from copy import copy
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ERROR_CODES

from shibai_xl.adapters.xlsx import styles as S
from shibai_xl.adapters.xlsx import summary_apply, summary_book, summary_rows, text_fit
from shibai_xl.adapters.xlsx.cells import set_cell, within_a_cell, xml_safe
from shibai_xl.adapters.xlsx.summary_applied import AppliedBook
from shibai_xl.adapters.xlsx.text_fit import text_lines
from shibai_xl.engine import summary as summary_engine
from shibai_xl.engine.parse.text import FORMULA_LEAD, normalize
from shibai_xl.engine.summary import SummaryRecord
from shibai_xl.engine.summary_amounts import typed_over_note
from shibai_xl.faces.cli import main
from shibai_xl.jobs import summary_update
from shibai_xl.jobs.refresh import refresh

NOW = datetime(2024, 5, 1, 12, 0)


# --- the long ways, as they were -------------------------------------------------------------------------------
def long_set_cell(cell, value) -> None:
    if isinstance(value, str):
        value = within_a_cell(xml_safe(value))     # a text longer than a cell: cut saying so, not openpyxl's silent cut
        cell.value = value
        if value.startswith(FORMULA_LEAD) or value in ERROR_CODES:   # text, never an error value
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    cell.value = value


def long_same(a, b) -> bool:
    if type(a) is type(b) and a == b:
        return True
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)) and not isinstance(a, bool):
        return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.000001")
    return normalize(a) == normalize(b)


def long_text_lines(text: str, width: float, small: bool = False) -> int:
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in (text or ""))
    per_line = max(1.0, width * (1.25 if small else 1.0) - 1)
    return max(1, int(-(-units // per_line)))


def long_put(self, row, name, value):
    cell = self.ws.cell(row, self.cols[name])
    if long_same(cell.value, value):
        return False
    long_set_cell(cell, value)
    self.changed = True
    return True


def long_style_row(self, row):
    template = row - 1 if row - 1 > self.r0 else None
    for c in range(self.c0, self.c1 + 1):
        cell = self.ws.cell(row, c)
        if cell.has_style:
            continue
        src = self.ws.cell(template, c) if template else None
        if src is not None and src.has_style:
            cell._style = copy(src._style)
        else:
            cell.border, cell.alignment = S.BOX, S.WRAP


def long_fit_height(self, row):
    widths = self._widths()
    lines = 1
    for c, width in widths.items():
        cell = self.ws.cell(row, c)
        value = cell.value
        if value is None:
            continue
        text = value if value.__class__ is str else str(value)
        if 2 * len(text) <= width - 1:
            continue
        if cell.alignment.wrap_text:
            lines = max(lines, text_fit.printed_lines(text, width))   # its words and capitals: text_lines at least
    height = summary_book.row_height(lines)
    current = self.ws.row_dimensions[row].height
    if lines > 1 and (current or 0) < height:
        self.ws.row_dimensions[row].height = height


def long_data_columns(self, rec, row, fresh, last):
    mismatches, untrue = [], set()
    for col in self.data_columns:
        new, current = rec.columns.get(col), self.book.get(row, col)
        if fresh or current in (None, "") or summary_rows.same_in(col, current, last.get(col)) or (
                col not in last and summary_rows.same_in(col, current, new)):
            self.book.put(row, col, new)
        else:   # an amount left blank (a date in the application) or a bound a person typed over: its note's part no longer true
            over = typed_over_note(rec.note or "", [p[2] for p in rec.problems], col, current, new,
                                   summary_engine.APPLICATION_SIDES)
            m = over[1] if over else summary_engine.summary_mismatch(current, new, col)
            untrue |= over[0] if over else set()
            if m:
                mismatches.append(m)
    return mismatches, untrue


def long_residents_listed_twice(valid):
    seen, twice = set(), set()
    for r in valid:
        if r.residents:
            keys = set(r.residents)
            twice |= keys & seen
            seen |= keys
    by_resident = {}
    for r in valid:
        for key in twice.intersection(r.residents):
            by_resident.setdefault(key, []).append(r)
    return by_resident


class _FoundEveryTime(AppliedBook):
    """The refresh's book finding its project rows (and those named by a picture) anew each time it is asked."""

    def _found(self):
        self._rows = None
        return super()._found()


def the_long_ways(monkeypatch) -> None:
    monkeypatch.setattr(summary_book, "set_cell", long_set_cell)
    monkeypatch.setattr(summary_book, "same_value", long_same)
    monkeypatch.setattr(summary_apply, "same_value", long_same)
    monkeypatch.setattr(summary_rows, "same_value", long_same)
    monkeypatch.setattr(text_fit, "text_lines", long_text_lines)
    text_fit.printed_lines.cache_clear()
    monkeypatch.setattr(summary_book.SummaryBook, "put", long_put)
    monkeypatch.setattr(summary_book.SummaryBook, "_style_row", long_style_row)
    monkeypatch.setattr(summary_book.SummaryBook, "fit_height", long_fit_height)
    monkeypatch.setattr(summary_apply._RowUpdate, "_data_columns", long_data_columns)
    monkeypatch.setattr(summary_engine, "_residents_listed_twice", long_residents_listed_twice)
    monkeypatch.setattr(summary_update, "AppliedBook", _FoundEveryTime)   # project rows found every time


# --- the pieces ------------------------------------------------------------------------------------------------
AWKWARD = ["", " ", "\u3000", "\u00a0", "  贵州 ", "=SUM(A1)", "+86 0851", "-3", "@x", "\tx", "\rx", "\nx", "=",
           "#N/A", "#DIV/0!", "#n/a", "x" * 40_000, "贵州\x01甲\ufffe", "\x01", "¨", "ＡＢＣ（贵阳）", 0, 1, -2.5, 1e300,
           float("inf"), True, False, None, Decimal("8.5"), datetime(2024, 5, 1), type("Sub", (str,), {})("子类")]


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_set_cell_binds_as_openpyxl_does(value):
    ws = Workbook().active
    fast, slow = ws.cell(1, 1), ws.cell(1, 2)
    set_cell(fast, value)
    long_set_cell(slow, value)
    assert (fast._value, type(fast._value), fast.data_type, fast.quotePrefix, fast.number_format) == \
        (slow._value, type(slow._value), slow.data_type, slow.quotePrefix, slow.number_format)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(categories=("Zs", "Cc", "Mn", "Sk", "Lo")), max_size=6),
                 st.integers(), st.floats(allow_nan=False), st.none()))
def test_set_cell_and_same_on_any_value(value):
    ws = Workbook().active
    fast, slow = ws.cell(1, 1), ws.cell(1, 2)
    set_cell(fast, value)
    long_set_cell(slow, value)
    assert (fast._value, fast.data_type, fast.quotePrefix) == (slow._value, slow.data_type, slow.quotePrefix)
    for empty in (None, ""):
        assert summary_book.same_value(empty, value) == long_same(empty, value)


@pytest.mark.parametrize("value", [*AWKWARD, "\xad", "\u200b", "\ufeff\u200e"], ids=range(len(AWKWARD) + 3))
def test_an_empty_cell_compares_as_before(value):
    assert summary_book.same_value(None, value) == long_same(None, value)


def test_no_character_normalises_to_white_space_unless_it_is_white_space():
    """What ``_same`` relies on to compare an empty cell without NFKC."""
    import sys
    import unicodedata
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        assert (unicodedata.normalize("NFKC", ch).replace("\u3000", " ").strip() == "") == (ch.strip() == ""), hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.floats(min_value=1, max_value=120), st.booleans())
def test_text_lines_counts_as_before(text, width, small):
    assert text_lines(text, width, small) == long_text_lines(text, width, small)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["A1", "A2", "B1", "名称:甲公司", "名称:乙公司", "C9"]), max_size=5),
                max_size=6))
def test_residents_listed_twice_as_before(lists):
    records = [SummaryRecord(file=f"{i}.xlsx", key=f"K{i}", type="park", columns={}, status="", score=0.0,
                             problems=[], residents=keys) for i, keys in enumerate(lists)]
    fast = summary_engine._residents_listed_twice(records)
    slow = long_residents_listed_twice(records)
    assert {k: [r.file for r in v] for k, v in fast.items()} == {k: [r.file for r in v] for k, v in slow.items()}


# --- whole summaries -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def applications(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("fresh")
    assert main(["demo", "--out", str(d / "demo")]) in (0, 1)
    return next(p for p in (d / "demo").rglob("*") if p.is_dir() and any(p.glob("*.xlsx")))


def _look(path: Path) -> dict:
    wb = load_workbook(path)
    out = {"names": sorted(wb.defined_names), "sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets]}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                out[(ws.title, c.coordinate)] = (c.value, c.data_type, c.number_format, repr(c.font), repr(c.fill),
                                                 repr(c.border), repr(c.alignment), c.quotePrefix)
        out[(ws.title, "heights")] = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
        out[(ws.title, "widths")] = {k: d.width for k, d in ws.column_dimensions.items()}
        out[(ws.title, "tables")] = [(t.displayName, t.ref) for t in ws.tables.values()]
    return out


def _two_rounds(folder: Path, out: Path, cross_edits: bool) -> tuple[dict, dict]:
    """A first refresh, then (a person's edits, an application gone) a second one: each summary's look."""
    work = out.parent / "applications"
    shutil.copytree(folder, work)
    refresh(out, work, batch="2024-05", now=NOW, workers=1)
    first = _look(out)
    wb = load_workbook(out)
    book = summary_book.SummaryBook(wb)
    row = book.r0 + 1
    book.ws.cell(row, book.cols["企业地址"]).value = "贵阳市观山湖区（人工改过）"
    book.ws.cell(row, book.cols["市州评分"]).value = 88
    wb.save(out)
    if cross_edits:
        sorted(work.glob("*.xlsx"))[-1].unlink()
    refresh(out, work, batch="2024-08", now=NOW, workers=1)
    return first, _look(out)


def test_a_new_summary_and_its_second_refresh_are_what_the_long_ways_make(applications, tmp_path, monkeypatch):
    fast = _two_rounds(applications, tmp_path / "fast" / "汇总表.xlsx", cross_edits=True)
    with monkeypatch.context() as m:
        the_long_ways(m)
        slow = _two_rounds(applications, tmp_path / "slow" / "汇总表.xlsx", cross_edits=True)
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]
    assert fast[1] != fast[0]                                            # the second round changed something
    assert "贵阳市观山湖区（人工改过）" in {v[0] for v in fast[1].values() if isinstance(v, tuple) and v}



def test_the_applied_table_finds_its_project_rows_again_after_a_write(applications, tmp_path):
    out = tmp_path / "汇总表.xlsx"
    refresh(out, applications, batch="2024-05", now=NOW, workers=1)
    wb = load_workbook(out)
    book = AppliedBook(wb)
    first = book.project_rows()
    assert first == summary_book.SummaryBook(wb).project_rows() and first
    book.put(first[0], "企业名称", "合计")          # a project row made a total: not a project any more
    assert book.project_rows() == first[1:]
    book.put_cell(book.ws.cell(first[0], book.cols["企业名称"]), "贵州乙公司")
    assert book.project_rows() == first
    book._add_column("审核意见")                      # the table's columns changed
    assert book.project_rows() == first
