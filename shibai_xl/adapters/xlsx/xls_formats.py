"""What the number formats of a few cells of an .xls (BIFF8; WPS .et) show: a percentage, a date without its day;
and which cells hold an Excel error value (#N/A, #DIV/0! …), which calamine reads as blank.

The workbook globals hold the formats (FORMAT records: id → code, custom ones only) and the cell formats (XF
records, in order); each cell record of a sheet (NUMBER, RK, MULRK, LABELSST, FORMULA, BLANK …) names its XF.
One function decides for .xlsx and .xls alike (:func:`.numfmt.shows`). Anything unexpected → nothing known.
An error value is a BOOLERR record with fError set (Excel, for a typed #N/A) or a FORMULA record whose cached
result is an error ([MS-XLS] FormulaValue: byte 0x02, the BErr code two bytes on, fExprO 0xFFFF; LibreOffice
writes typed errors this way too). The same pass over a sheet's records reads both, and only in a file that
holds an error value at all does it go through every record of the sheet.
"""
from __future__ import annotations

import re
import struct
from collections.abc import Collection, Iterator

from .legacy import _BOF, _BOUNDSHEET, _records, _unicode, sheet_records
from .numfmt import shows
from .refs import col_letters, split_ref
from .xls_rich import Runs, sst_runs

_FORMAT, _XF, _FONT = 0x041E, 0x00E0, 0x0031
_STRUCK_OUT = 0x0008   # FONT's grbit: fStrikeOut ([MS-XLS] 2.4.122)
_BIFF8 = 0x0600
# NUMBER, LABELSST, RK, BOOLERR, FORMULA, LABEL, RSTRING, BLANK: (row, column, XF) at the start of each
_CELL = frozenset((0x0203, 0x00FD, 0x027E, 0x0205, 0x0006, 0x0204, 0x00D6, 0x0201))
_MULRK, _MULBLANK = 0x00BD, 0x00BE      # row, first column, then (XF, RK value) or XF for each column
_BOOLERR, _FORMULA, _LABELSST = 0x0205, 0x0006, 0x00FD
# [MS-XLS] BErr; the text Excel shows for each (an unknown code: UNKNOWN_ERROR)
BIFF_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
UNKNOWN_ERROR = "#错误"
# a BOOLERR record holding an error, a FORMULA record whose result is one: a file without either (nearly every
# one) is never walked for its errors. A stray match elsewhere in the stream only costs that walk.
_MAY_HOLD_ERROR = (re.compile(rb"\x05\x02\x08\x00.{7}\x01", re.S), re.compile(rb"\x06\x00.{8}\x02.{5}\xff\xff", re.S))

Shown = tuple[bool, str | None, str | None]   # numfmt.shows


class XlsFormats:
    """The formats of one Workbook stream; its globals are read once, a sheet's records when asked."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream
        self.xfs: list[Shown] = []
        self.sheets: dict[str, int] = {}      # sheet → offset of its BOF record in the stream
        self.errors_of: dict[str, dict[str, str]] = {}    # sheet → its cells holding an error value, once walked
        self.holds_errors = False
        self.struck: set[int] = set()
        self.rich: dict[int, tuple[str, Runs]] = {}   # shared string → (text, runs), read when a font is struck
        if stream[:2] != struct.pack("<H", _BOF) or len(stream) < 6 or struct.unpack_from("<H", stream, 4)[0] != _BIFF8:
            return                            # BIFF5 and older keep their strings otherwise: not read
        codes: dict[int, str] = {}
        fids: list[int] = []
        fonts: list[bool] = []   # struck out, by font index (index 4 is never written: BIFF skips it)
        ifnts: list[int] = []
        for rid, body in _records(stream):
            if rid == _FORMAT and len(body) >= 5:
                fid, cch = struct.unpack_from("<HH", body)
                codes[fid] = _unicode(body, 4, cch)[0]
            elif rid == _XF and len(body) >= 4:
                ifnt, fid = struct.unpack_from("<HH", body)
                fids.append(fid)
                ifnts.append(ifnt)
            elif rid == _FONT and len(body) >= 4:
                fonts.append(bool(struct.unpack_from("<H", body, 2)[0] & _STRUCK_OUT))
                if len(fonts) == 4:
                    fonts.append(False)
            elif rid == _BOUNDSHEET and len(body) >= 8:
                self.sheets[_unicode(body, 7, body[6])[0]] = struct.unpack_from("<I", body)[0]
        self.xfs = [shows(fid, codes.get(fid)) for fid in fids]
        self.struck = {i for i, f in enumerate(ifnts) if f < len(fonts) and fonts[f]}   # XFs whose font is struck out
        self.fonts, self.xf_fonts = fonts, ifnts
        if any(fonts):
            self.rich = {i: (t, runs) for i, (t, runs) in sst_runs(stream).items()
                         if any(f < len(fonts) and fonts[f] for _ich, f in runs)}
        self.holds_errors = any(p.search(stream) for p in _MAY_HOLD_ERROR)

    def cells(self, sheet: str, refs: Collection[str]) -> dict[str, Shown]:
        """ref → (percent?, "month"/"year" or None) for those of ``refs`` that have a cell record."""
        wanted: dict[tuple[int, int], str] = {}
        for ref in refs:
            row, col = split_ref(ref)
            wanted[(row - 1, col - 1)] = ref
        if not wanted or not self.xfs:
            return {}
        out = {}
        for place, xf in self._walk(sheet, {r for r, _ in wanted}):
            ref = wanted.get(place)
            if ref is not None and xf < len(self.xfs):
                out[ref] = self.xfs[xf]
        return out

    def struck_rows(self, sheet: str, column: int) -> set[int]:
        """The 1-based rows of ``sheet`` whose cell in ``column`` (0-based) is struck out."""
        return self.struck_cells(sheet, column)[0]

    def struck_cells(self, sheet: str, column: int) -> tuple[set[int], set[int]]:
        """The 1-based rows of ``sheet`` whose cell in ``column`` (0-based) is struck out (its format, or every
        character of its shared string's runs), and those whose shared string is struck in some of its runs only
        (a former name crossed out beside the new one)."""
        whole: set[int] = set()
        part: set[int] = set()
        if not self.struck and not self.rich:
            return whole, part
        pos = self.sheets.get(sheet)
        for rid, body, length in sheet_records(self.stream, pos) if pos is not None else ():
            if rid not in _CELL or length < 6:
                continue
            row, col, xf = struct.unpack_from("<HHH", self.stream, body)
            if col != column:
                continue
            isst = struct.unpack_from("<I", self.stream, body + 6)[0] if rid == _LABELSST and length >= 10 else None
            how = "all" if xf in self.struck else self._runs_struck(xf, self.rich.get(isst))
            (whole if how == "all" else part if how == "part" else set()).add(row + 1)
        return whole, part

    def _runs_struck(self, xf: int, rich: tuple[str, Runs] | None) -> str:
        """How much of a shared string's text its runs strike through, of the characters other than spaces: "all",
        "part", "" (none; the characters before the first run have the cell's font)."""
        if rich is None:
            return ""
        text, runs = rich
        struck = [self._font_struck(self.xf_fonts[xf] if xf < len(self.xf_fonts) else -1)] * len(text)
        for (ich, font), (end, _f) in zip(runs, [*runs[1:], (len(text), 0)]):
            struck[ich:end] = [self._font_struck(font)] * max(0, min(end, len(text)) - ich)
        shown = [s for ch, s in zip(text, struck) if not ch.isspace()]
        return "all" if shown and all(shown) else "part" if any(shown) else ""

    def _font_struck(self, font: int) -> bool:
        return 0 <= font < len(self.fonts) and self.fonts[font]

    def errors(self, sheet: str) -> dict[str, str]:
        """The cells of ``sheet`` holding an error value: ref → "#N/A"."""
        if self.holds_errors and sheet not in self.errors_of:
            for _ in self._walk(sheet, set()):
                pass
        return self.errors_of.get(sheet, {})

    def _walk(self, sheet: str, rows: set[int] | None) -> Iterator[tuple[tuple[int, int], int]]:
        """The cell records of ``sheet`` in ``rows`` (None: every row; :func:`_cell_xfs`), the sheet's errors kept on
        the way the first time in a file holding any."""
        pos = self.sheets.get(sheet)
        if pos is None:
            return
        errors = {} if self.holds_errors and sheet not in self.errors_of else None
        yield from _cell_xfs(self.stream, pos, rows, errors)
        if errors is not None:
            self.errors_of[sheet] = errors


def _cell_xfs(data: bytes, pos: int, rows: set[int] | None, errors: dict[str, str] | None = None
              ) -> Iterator[tuple[tuple[int, int], int]]:
    """((row, column), XF index) of the cell records of the worksheet substream at ``pos`` in ``rows`` (0-based;
    None: every row); with ``errors``, every cell of the sheet holding an error value is put there (ref → "#N/A")."""
    for rid, body, length in sheet_records(data, pos):
        if rid in _CELL and length >= 6:
            row, col, xf = struct.unpack_from("<HHH", data, body)
            if errors is not None and rid in (_BOOLERR, _FORMULA) and (error := _error(data, body, rid, length)):
                errors[f"{col_letters(col + 1)}{row + 1}"] = error
            if rows is None or row in rows:
                yield (row, col), xf
        elif rid in (_MULRK, _MULBLANK) and length >= 6:
            row, first = struct.unpack_from("<HH", data, body)
            if rows is not None and row not in rows:
                continue
            step = 6 if rid == _MULRK else 2
            for i in range((length - 6) // step):
                yield (row, first + i), struct.unpack_from("<H", data, body + 4 + step * i)[0]


def _error(data: bytes, body: int, rid: int, length: int) -> str | None:
    """The error value a BOOLERR or FORMULA record at ``body`` holds, if it holds one."""
    if rid == _BOOLERR and length >= 8 and data[body + 7] == 1:
        code = data[body + 6]
    elif rid == _FORMULA and length >= 14 and data[body + 6] == 2 and data[body + 12:body + 14] == b"\xff\xff":
        code = data[body + 8]
    else:
        return None
    return BIFF_ERRORS.get(code, UNKNOWN_ERROR)
