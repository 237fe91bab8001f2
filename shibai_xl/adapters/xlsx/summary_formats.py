"""The amount cells of a city's 附件4 whose number format shows a unit (0.00"亿元", 0"元"), in every format a summary
is read in: .xlsx/.xlsm from the sheet's XML and styles, .xls from its XF records, .ods from its data styles (the
readers an application's cells are read with); an .xlsb's formats stay unknown. What they mean is the engine's
(:func:`...engine.summary_units.read_as_shown`)."""
from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.parse.format_units import unit_shown
from ...engine.summary import AMOUNT_COLUMNS
from ...engine.summary_units import in_wan, read_as_shown, shows_other_unit, written_painted
from .cells import set_cell
from .package import Package, cell_styles, legacy_formats, may_show_units
from .shown_columns import shown_header


def painted_amounts(pkg: Package, sheet: str, rows: list[list[Any]], header: int, cols: dict[int, str]
                    ) -> dict[tuple[int, int], tuple[str, str]]:
    """(row, column) 0-based → (cell, number format code) of the amount cells under the header holding a number
    whose format shows an amount unit; {} when the file's formats cannot be read (as an application's: unknown)."""
    # an application's row of the tool's table (its 来源文件 filled) holds the figure the refresh wrote, in 万元,
    # whatever its cell was painted to show: only the figures a person typed are theirs to read as shown
    source = next((c for c, name in cols.items() if name == "来源文件"), None)
    refs = {f"{get_column_letter(c + 1)}{r + 1}": (r, c) for r in range(header + 1, len(rows))
            if source is None or source >= len(rows[r]) or rows[r][source] in (None, "")
            for c, name in cols.items() if name in AMOUNT_COLUMNS and c < len(rows[r])
            and isinstance(rows[r][c], (int, float)) and not isinstance(rows[r][c], bool)}
    if not refs:
        return {}
    try:
        if pkg.fmt in ("xls", "ods"):
            codes = {ref: unit for ref, (_pct, _date, unit) in legacy_formats(pkg, sheet, refs).items() if unit}
        elif not may_show_units(pkg):
            return {}           # nearly every .xlsx: no format of its styles shows a unit, no cell is looked at
        else:
            codes = {ref: info[5] for ref, info in cell_styles(pkg, sheet, set(refs), refs).items() if info[5]}
    except Exception:  # whatever a damaged file's parts make the parsers raise: its formats unknown, as before
        return {}
    return {refs[ref]: (ref, code) for ref, code in codes.items() if ref in refs}


def painted_copied(src: Any, ws: Worksheet, ref: str, skip: Collection[str] = ()) -> list[tuple[Any, str]]:
    """(cell, number format) of the amount cells of table ``ref`` on ``ws`` (a copy of an open summary's values: the
    ribbon's refresh, adapters/edits.py ``mirror``) whose format in the open workbook ``src`` (a ``BookView``) shows
    an amount unit, that format now set on the copy: the refresh then reads them as a file refresh reads the saved
    file's (:func:`painted_in_wan`, :func:`plain_written`). ``skip``: cells already copied (the 合计's). Only number
    cells are asked, none of a source whose formats show no unit; a column of one format (Excel tells it for the
    whole range) is asked once."""
    c0, r0, c1, r1 = range_boundaries(ref)
    amounts = [c for name, c in shown_header(ws, r0, c0, c1)[0].items() if name in AMOUNT_COLUMNS]
    columns = [{cell.coordinate: cell for r in range(r0 + 1, r1 + 1)
                if (cell := ws._cells.get((r, c))) is not None and cell.coordinate not in skip
                and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)} for c in amounts]
    if not any(columns) or not may_show_units(src):
        return []
    codes: dict[str, str | None] = {}
    for cells in filter(None, columns):
        refs = list(cells)
        whole = src.number_format(ws.title, f"{refs[0]}:{refs[-1]}") if len(refs) > 1 else None
        if isinstance(whole, str):       # one format down the column (COM: None where its cells differ)
            codes.update(dict.fromkeys(refs, whole if unit_shown(whole) else None))
        else:
            codes.update({k: info.unit_format for k, info in src.cell_info(ws.title, refs, refs).items() if k in cells})
    cells = {k: v for column in columns for k, v in column.items()}
    out = []
    for coordinate, code in codes.items():
        if code:
            cells[coordinate].number_format = code
            out.append((cells[coordinate], code))
    return out


def typed_amounts(ws: Worksheet, ref: str, skip: Collection[int] = ()) -> list[str]:
    """The 企业名称 of the projects of table ``ref`` typed by hand (no 来源文件) holding an amount as a number: what a
    source telling no number format (xlwings' remote engine) reads as typed where the file's format may show
    another unit. ``skip``: rows not a project's (the 合计)."""
    c0, r0, c1, r1 = range_boundaries(ref)
    cols = shown_header(ws, r0, c0, c1)[0]
    name, source = cols.get("企业名称"), cols.get("来源文件")
    amounts = [c for n, c in cols.items() if n in AMOUNT_COLUMNS]
    if not name:
        return []

    def value(r: int, c: int | None) -> Any:     # as ws.cell(…).value, adding no cell to the copy
        cell = ws._cells.get((r, c)) if c else None
        return None if cell is None else cell.value
    return [str(value(r, name)).strip() for r in range(r0 + 1, r1 + 1)
            if r not in skip and value(r, name) not in (None, "") and value(r, source) in (None, "")
            and any(isinstance(v := value(r, c), (int, float)) and not isinstance(v, bool) for c in amounts)]


def painted_in_wan(ws: Worksheet, rows: Iterable[int], cols: dict[int, str], units: dict[int, tuple[str, str]]
                   ) -> list[str]:
    """The amounts of ``rows`` (1-based) of a summary open in openpyxl whose number format shows a unit another than
    the column's (0.5 painted 0.00"亿元" under （万元）) as the sheet shows them (:func:`read_as_shown`, as merge reads
    them): in 万元 now — left for the caller to convert in a column of another unit (``units``: :func:`amount_units`)
    — the format made plain (a figure in 万元 under 0.00"亿元" would show 5000.00亿元); what to say. ``cols``: 0-based
    column → name. A figure in a unit it cannot be turned into stays as typed, said."""
    amounts = [c for c, n in cols.items() if n in AMOUNT_COLUMNS]
    painted = {(r - 1, c): (cell.coordinate, cell.number_format) for r in rows for c in amounts
               if (cell := ws._cells.get((r, c + 1))) is not None and cell.data_type == "n"
               and unit_shown(cell.number_format)
               and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)}
    if not painted:
        return []
    grid: list[list] = [[None] * (max(amounts) + 1) for _ in range(max(r for r, _c in painted) + 1)]
    for r, c in painted:
        grid[r][c] = ws.cell(r + 1, c + 1).value
    _said, lines = read_as_shown(grid, painted, cols, units)
    for r, c in painted:
        cell = ws.cell(r + 1, c + 1)
        if grid[r][c] != cell.value:        # read as shown, not a doubt left as typed
            set_cell(cell, grid[r][c] if c in units else in_wan(grid[r][c], "万元"))
            cell.number_format = "General"
    return lines


def plain_written(ws: Worksheet, rows: Iterable[int], cols: dict[int, str]) -> list[str]:
    """The amounts of ``rows`` (an application's rows: the refresh wrote them in 万元) whose cells a person painted with
    a format showing another unit, their format made plain (:func:`written_painted`); what to say, one line per
    column and format. ``cols``: 0-based column → name."""
    found: dict[tuple[int, str], list[int]] = {}
    other: dict[str, bool] = {}     # format code → whether it shows another unit than 万元
    amounts = [c for c, name in cols.items() if name in AMOUNT_COLUMNS]
    for r in rows:
        for c in amounts:
            cell = ws._cells.get((r, c + 1))      # as ws.cell(…), adding no cell
            if cell is None or cell.data_type != "n" or not unit_shown(code := cell.number_format):
                continue
            if code not in other:
                other[code] = shows_other_unit(code)
            if other[code]:
                found.setdefault((c, code), []).append(r)
                cell.number_format = "General"
    return [written_painted(cols[c], at, code) or "" for (c, code), at in found.items()]
