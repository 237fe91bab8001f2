"""Cell values and formulas: what the patch writes into a cell, and what it must fix when a formula goes.

Text is always an inline string, never a formula. Removing the master of a shared
formula hands the formula over to the next cell of its group, moved there with
openpyxl's :class:`~openpyxl.formula.translate.Translator` (Excel's copy semantics).
When values changed, ``fullCalcOnLoad`` makes Excel recompute on open, and the formulas of the sheets written
lose their saved values (LibreOffice, as set up out of the box, recomputes on opening only formulas saved without
a value: a 总计 saved as 0 by LibreOffice or WPS kept showing 0 under the scores written above it); when a
formula was removed, ``calcChain.xml`` is dropped (Excel rebuilds it).
"""
from __future__ import annotations

import datetime as _dt
import decimal
import math
import numbers
import re

from lxml import etree

from ....engine.parse.text import MAX_TEXT
from ....engine.plan import Formula
from ..refs import col_index
from .parts import R_NS, Parts
from .sheet import MAX_COL, MAX_ROW, Sheet, Sheets, has_cells, parse_cell, parse_range, range_name
from .xmlpart import CELL_ORDER, WORKBOOK_ORDER, XML_SPACE, PatchError, insert_ordered, local, m, remove

RT_CALC_CHAIN = R_NS + "/calcChain"

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def xml_text(text: str) -> str:
    """Excel's escaping of characters XML cannot carry (``_x000B_``)."""
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _ILLEGAL_XML.sub(lambda c: f"_x{ord(c.group()):04X}_", text)


def text_element(parent, text: str):
    """A ``<t>`` child holding ``text`` (spaces kept where XML would drop them)."""
    t = etree.SubElement(parent, m("t"))
    t.text = xml_text(text)
    if text and (text[0].isspace() or text[-1].isspace() or "\n" in text or "\t" in text or "  " in text):
        t.set(XML_SPACE, "preserve")
    return t


def _number_text(value: float) -> str:
    if not math.isfinite(value):
        raise PatchError("不能写入无穷大或非数字（NaN）")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _serial(value, date1904: bool) -> float:
    if isinstance(value, _dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, _dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime.combine(value, _dt.time())
    value = value.replace(tzinfo=None)
    epoch = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
    delta = value - epoch
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    if not date1904 and serial < 61:
        serial -= 1                      # Excel's fictitious 1900-02-29
    if serial < (0 if date1904 else 1):
        raise PatchError(f"日期 {value:%Y-%m-%d} 早于 Excel 能表示的最早日期")
    return serial


def convert(value, date1904: bool) -> tuple[str | None, str | None]:
    """(cell kind "s"/"n"/"b" or None for empty, text) of a Python value."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
        return "n", _number_text(_serial(value, date1904))
    if isinstance(value, numbers.Integral):
        return "n", str(int(value))
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise PatchError("不能写入无穷大或非数字（NaN）")
        return "n", _number_text(float(value))
    if isinstance(value, numbers.Real):
        return "n", _number_text(float(value))
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise PatchError(f"文字过长（{len(value)} 字），Excel 单元格最多 {MAX_TEXT} 字")
        return "s", value
    raise PatchError(f"不支持写入 {type(value).__name__} 类型的值")


# --------------------------------------------------------------------------- formula shifting

def shift_formula(formula: str, drow: int, dcol: int) -> str:
    """Move the relative A1 references of a formula (without "=") by (drow, dcol), as Excel does when copying,
    with openpyxl's Translator.

    String literals, quoted sheet names and structured references are left alone; a
    reference moved off the sheet becomes ``#REF!``; a formula that cannot be tokenised
    is returned as it is.

    >>> print(shift_formula("SUM(A1:B$2)+$C3+'x y'!D4&\\"A1\\"", 2, 1))
    SUM(B3:C$2)+$C5+'x y'!E6&"A1"
    >>> shift_formula("A1*2", -1, 0), shift_formula("XFD1+A1", 0, 1)
    ('#REF!*2', '#REF!+B1')
    """
    # here, not at the top: only a shared formula's master being overwritten needs it, and importing
    # openpyxl imports numpy (0.25 s) into every ``check --write``
    from openpyxl.formula.tokenizer import TokenizerError
    from openpyxl.formula.translate import Translator, TranslatorError

    class SheetTranslator(Translator):
        """A reference moved off the sheet becomes ``#REF!`` as in Excel (openpyxl raises below row 1 /
        column A, and goes on past the last row and column)."""

        @classmethod
        def translate_range(cls, range_str, rdelta, cdelta):
            try:
                return super().translate_range(range_str, rdelta, cdelta)
            except TranslatorError:
                return cls.strip_ws_name(range_str)[0] + "#REF!"

        @staticmethod
        def translate_row(row_str, rdelta):
            out = Translator.translate_row(row_str, rdelta)
            if int(out.lstrip("$")) > MAX_ROW:
                raise TranslatorError("Formula out of range")
            return out

        @staticmethod
        def translate_col(col_str, cdelta):
            out = Translator.translate_col(col_str, cdelta)
            if col_index(out.lstrip("$")) > MAX_COL:
                raise TranslatorError("Formula out of range")
            return out

    try:
        return SheetTranslator("=" + formula, origin="A1").translate_formula(row_delta=drow, col_delta=dcol)[1:]
    except TokenizerError:
        return formula


# --------------------------------------------------------------------------- writing cells

class CellWriter:
    """Values and formulas of cells; remembers what Excel must recompute or rebuild on open."""

    def __init__(self, parts: Parts, sheets: Sheets):
        self.parts = parts
        self.sheets = sheets
        self.values_changed = False
        self.formulas_removed = False
        self.written: dict[str, Sheet] = {}   # part → the sheets whose values changed

    def _date1904(self) -> bool:
        pr = self.parts.doc(self.parts.workbook).root.find(m("workbookPr"))
        return pr is not None and pr.get("date1904") in ("1", "true")

    def set_value(self, sheet: str, ref: str, value) -> None:
        doc = self.sheets.by_name(sheet)
        r, c = parse_cell(ref)
        kind, text = convert(value, self._date1904())
        if kind is None:
            cell = doc.cell(r, c, create=False)
            if cell is not None and self.clear(doc, cell):
                self.values_changed = True
                self.written[doc.part] = doc
                doc.prune(cell)
                self.parts.touch(doc.part)
            return
        cell = doc.cell(r, c, create=True)
        self.clear(doc, cell)
        if isinstance(value, Formula):    # a person's formula kept: computed on opening (fullCalcOnLoad)
            insert_ordered(cell, etree.Element(m("f")), CELL_ORDER).text = value.removeprefix("=")
        elif kind == "s":
            cell.set("t", "inlineStr")
            text_element(insert_ordered(cell, etree.Element(m("is")), CELL_ORDER), text)
        else:
            if kind == "b":
                cell.set("t", "b")
            insert_ordered(cell, etree.Element(m("v")), CELL_ORDER).text = text
        doc.widen_dimension(r, c)
        self.values_changed = True
        self.written[doc.part] = doc
        self.parts.touch(doc.part)

    def clear(self, sheet: Sheet, cell, promote: bool = True) -> bool:
        """Remove value, formula and type of a cell; True when something was removed."""
        changed = False
        f = cell.find(m("f"))
        if f is not None:
            self.formulas_removed = True
            if promote and f.get("t") == "shared" and f.get("ref") and (f.text or "").strip():
                _promote_shared(sheet, cell, f)
        for child in list(cell):
            if local(child) in ("f", "v", "is"):
                remove(child)
                changed = True
        for attr in ("t", "cm", "vm"):
            if attr in cell.attrib:
                del cell.attrib[attr]
                changed = True
        return changed

    def clear_from(self, doc: Sheet, from_row: int) -> bool:
        """Clear every cell from ``from_row`` down; cells and rows left without anything go. True when changed."""
        changed = False
        for rn, row in doc.rows_from(from_row):
            for _, cell in doc.cells(row):
                # a shared formula's group lies below its master: all of it is cleared too
                if self.clear(doc, cell, promote=False):
                    changed = self.values_changed = True
                changed = doc.prune(cell) or changed
            if not has_cells(row) and set(row.attrib) <= {"r", "spans"}:
                doc.drop_row(rn)
                changed = True
        return changed

    def finish(self, recalc_on_open: bool) -> None:
        """calcChain dropped when a formula went; ``fullCalcOnLoad`` set when values changed."""
        parts, wb = self.parts, self.parts.workbook
        if self.formulas_removed:
            for rid, rtype, target, _ in parts.rels(wb):
                if rtype == RT_CALC_CHAIN:
                    if target and parts.exists(target):
                        parts.content_type(parts.find(target), None)
                        parts.delete(parts.find(target))
                    parts.remove_rel(wb, rid)
        if self.values_changed and recalc_on_open:
            root = parts.doc(wb).root
            calc = root.find(m("calcPr"))
            if calc is None:
                calc = insert_ordered(root, etree.Element(m("calcPr")), WORKBOOK_ORDER)
            if calc.get("fullCalcOnLoad") not in ("1", "true"):
                calc.set("fullCalcOnLoad", "1")
                parts.touch(wb)
            for doc in self.written.values():
                if _forget_formula_values(doc):
                    parts.touch(doc.part)


def _forget_formula_values(doc: Sheet) -> bool:
    """Drop the saved values of a sheet's formulas (the 评分 sheet's totals over the scores just written), so that
    every client computes them on opening; True when one was dropped."""
    dropped = False
    for _, row in doc.all_rows():
        for _, cell in doc.cells(row):
            if cell.find(m("f")) is None:
                continue
            for child in list(cell):
                if local(child) == "v":
                    remove(child)
                    dropped = True
            if cell.get("t") in ("str", "n", "b", "e"):
                del cell.attrib["t"]
    return dropped


def _promote_shared(sheet: Sheet, master, f) -> None:
    """The master of a shared formula loses its formula: the next cell of the group becomes master."""
    box = parse_range(f.get("ref", ""))
    si = f.get("si")
    if box is None or si is None:
        return
    r1, c1, r2, c2 = box
    mr, mc = parse_cell(master.get("r"))
    members = []
    for rn, row in sheet.rows_from(r1):
        if rn > r2:
            break
        for cn, c in sheet.cells(row):
            if c is master or not (c1 <= cn <= c2):
                continue
            g = c.find(m("f"))
            if g is not None and g.get("t") == "shared" and g.get("si") == si and not (g.text or "").strip():
                members.append((rn, cn, g))
    if not members:
        return
    rn, cn, g = members[0]
    for k, v in f.attrib.items():
        if k not in ("ref", "si", "t"):
            g.set(k, v)
    g.text = shift_formula(f.text, rn - mr, cn - mc)
    g.set("ref", range_name(min(x[0] for x in members), min(x[1] for x in members),
                            max(x[0] for x in members), max(x[1] for x in members)))
