"""An .xls of tens of thousands of rows beside an application (another department's ledger saved as Excel 97–2003 in
下载): its shared strings run on in a thousand CONTINUE records, and reading the workbook's globals added each to the
whole of those before it — quadratic in the strings (a 17 MB .xls of 65,000 × 8 beside a park: check 5.9 s → 4.0 s
of CPU, of which the globals walk had been 8.5 s under the profiler)."""
from __future__ import annotations

import struct
import time

from shibai_xl.adapters.xlsx.legacy import _records, xls_names

BOF, BOUNDSHEET, SST, CONTINUE, EOF = 0x0809, 0x0085, 0x00FC, 0x003C, 0x000A


def _record(rid: int, body: bytes) -> bytes:
    return struct.pack("<HH", rid, len(body)) + body


def test_the_globals_of_a_workbook_of_many_strings_are_walked_in_time_linear_in_them():
    """10 MB of shared strings in 1200 CONTINUE records: the same records, joined; walking them three times took
    1.6 s, now a few hundredths."""
    parts = [bytes([i % 251]) * 8224 for i in range(1200)]
    sheet = _record(BOUNDSHEET, struct.pack("<IBBBB", 0, 0, 0, 6, 0) + b"Sheet1")
    stream = (_record(BOF, b"\x00\x06\x05\x00" + bytes(12)) + sheet + _record(SST, parts[0])
              + b"".join(_record(CONTINUE, p) for p in parts[1:]) + _record(EOF, b""))
    assert [(rid, len(body)) for rid, body in _records(stream)] == [(BOF, 16), (BOUNDSHEET, 14), (SST, 1200 * 8224),
                                                                    (EOF, 0)]
    assert dict(_records(stream))[SST] == b"".join(parts)
    start = time.process_time()
    for _ in range(3):
        assert xls_names(stream)[0] == ["Sheet1"]
    spent = time.process_time() - start
    assert spent < 0.3, f"{spent:.2f} 秒"
