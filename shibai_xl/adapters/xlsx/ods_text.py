"""The tabs of an .ods cell's text, which calamine drops.

A name or remark pasted from a Word table or a web page often carries a tab ("贵阳黔货出山\t电子商务产业园"). An .xlsx
or .xls keeps it in the cell's string; LibreOffice writes it in .ods as ``<text:tab/>``, which calamine skips: the
same application's name, remarks and resident companies were quoted differently from an .ods than from the .xlsx
it was saved from. A file that has no tab anywhere (nearly all: a byte search of content.xml) is never walked; one
that does has the sheet's cells holding a tab read once and their text put back where calamine's text is it
without the tabs.
"""
from __future__ import annotations

from typing import Any

from .ods_formats import OdsFormats, sheet_cells
from .opc import open_zip
from .package import Package, _legacy

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TAB_MARK = b"<text:tab"
MAX_CELLS = 10_000


def _text(el) -> str:
    """A paragraph's text as a spreadsheet shows it: spans and links read through, ``text:s`` its spaces."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == _TEXT + "tab":
            out.append("\t")
        elif tag == _TEXT + "s":
            out.append(" " * max(1, int(child.get(_TEXT + "c") or 1)))
        elif tag == _TEXT + "line-break":
            out.append("\n")
        elif tag != "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation":
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


def tab_cells(pkg: Package, sheet: str) -> dict[tuple[int, int], str]:
    """(row, column) from 1 → the text of each cell of ``sheet`` holding a tab; content.xml searched for a tab once a
    file, with the file's other .ods facts."""
    found: dict[tuple[int, int], str] = {}
    facts = _legacy(pkg)
    if not isinstance(facts, OdsFormats) or not facts.mentions(_TAB_MARK):
        return found
    with open_zip(pkg.path) as zf:
        with zf.open("content.xml") as fh:
            for row, first, last, el in sheet_cells(fh, sheet):
                if len(found) >= MAX_CELLS:
                    break
                if el.find(f".//{_TEXT}tab") is not None:
                    text = "\n".join(_text(p) for p in el if p.tag == _TEXT + "p")
                    for c in range(first, min(last, first + 255) + 1):
                        found[(row, c)] = text
    return found


def tabs_back(pkg: Package, sheet: str, rows: list[list[Any]]) -> list[list[Any]]:
    """calamine's rows of an .ods sheet with the tabs of its cells' text put back."""
    if pkg.fmt != "ods":
        return rows
    for (r, c), text in tab_cells(pkg, sheet).items():
        if r <= len(rows) and c <= len(rows[r - 1]) and rows[r - 1][c - 1] == text.replace("\t", ""):
            rows[r - 1][c - 1] = text
    return rows
