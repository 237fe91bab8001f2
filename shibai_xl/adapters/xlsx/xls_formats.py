"""What the number formats of a few cells of an .xls (BIFF8; WPS .et) show: a percentage, a date without its day.

The workbook globals hold the formats (FORMAT records: id → code, custom ones only) and the cell formats (XF
records, in order); each cell record of a sheet (NUMBER, RK, MULRK, LABELSST, FORMULA, BLANK …) names its XF.
One function decides for .xlsx and .xls alike (:func:`.numfmt.shows`). Anything unexpected → nothing known.
"""
from __future__ import annotations

import struct
from collections.abc import Collection

from .legacy import _BOF, _BOUNDSHEET, _EOF, _records, _unicode
from .numfmt import shows
from .refs import split_ref

_FORMAT, _XF = 0x041E, 0x00E0
_BIFF8 = 0x0600
# NUMBER, LABELSST, RK, BOOLERR, FORMULA, LABEL, RSTRING, BLANK: (row, column, XF) at the start of each
_CELL = frozenset((0x0203, 0x00FD, 0x027E, 0x0205, 0x0006, 0x0204, 0x00D6, 0x0201))
_MULRK, _MULBLANK = 0x00BD, 0x00BE      # row, first column, then (XF, RK value) or XF for each column

Shown = tuple[bool, str | None]


class XlsFormats:
    """The formats of one Workbook stream; its globals are read once, a sheet's records when asked."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream
        self.xfs: list[Shown] = []
        self.sheets: dict[str, int] = {}      # sheet → offset of its BOF record in the stream
        if stream[:2] != struct.pack("<H", _BOF) or len(stream) < 6 or struct.unpack_from("<H", stream, 4)[0] != _BIFF8:
            return                            # BIFF5 and older keep their strings otherwise: not read
        codes: dict[int, str] = {}
        fids: list[int] = []
        for rid, body in _records(stream):
            if rid == _FORMAT and len(body) >= 5:
                fid, cch = struct.unpack_from("<HH", body)
                codes[fid] = _unicode(body, 4, cch)[0]
            elif rid == _XF and len(body) >= 4:
                fids.append(struct.unpack_from("<H", body, 2)[0])
            elif rid == _BOUNDSHEET and len(body) >= 8:
                self.sheets[_unicode(body, 7, body[6])[0]] = struct.unpack_from("<I", body)[0]
        self.xfs = [shows(fid, codes.get(fid)) for fid in fids]

    def cells(self, sheet: str, refs: Collection[str]) -> dict[str, Shown]:
        """ref → (percent?, "month"/"year" or None) for those of ``refs`` that have a cell record."""
        pos = self.sheets.get(sheet)
        if pos is None or not self.xfs:
            return {}
        wanted: dict[tuple[int, int], str] = {}
        for ref in refs:
            row, col = split_ref(ref)
            wanted[(row - 1, col - 1)] = ref
        out = {}
        for place, xf in _cell_xfs(self.stream, pos, {r for r, _ in wanted}):
            ref = wanted.get(place)
            if ref is not None and xf < len(self.xfs):
                out[ref] = self.xfs[xf]
        return out


def _cell_xfs(data: bytes, pos: int, rows: set[int]):
    """((row, column), XF index) of the cell records of the worksheet substream at ``pos`` in ``rows`` (0-based)."""
    if data[pos:pos + 2] != struct.pack("<H", _BOF):
        return
    end = len(data)
    while pos + 4 <= end:
        rid, length = struct.unpack_from("<HH", data, pos)
        body = pos + 4
        pos = body + length
        if pos > end or rid == _EOF:
            return
        if rid in _CELL and length >= 6:
            row, col, xf = struct.unpack_from("<HHH", data, body)
            if row in rows:
                yield (row, col), xf
        elif rid in (_MULRK, _MULBLANK) and length >= 6:
            row, first = struct.unpack_from("<HH", data, body)
            if row not in rows:
                continue
            step = 6 if rid == _MULRK else 2
            for i in range((length - 6) // step):
                yield (row, first + i), struct.unpack_from("<H", data, body + 4 + step * i)[0]
