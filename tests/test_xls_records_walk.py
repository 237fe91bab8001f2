"""The cell records of an .xls are walked once as it opens (:func:`.legacy.xls_reach`), for both how far each sheet
reaches and whether its DIMENSIONS record is possible: each was a walk of its own in Python, and a 5.5 MB ledger of
60,000 rows beside a park's application was walked four times (`shibai check` of the park 1.86 s of CPU → 1.39 s;
the walks of one opening 0.35 s → 0.08 s). A record cut short by the stream's end ends the walk, where it was an
internal error.
"""
from __future__ import annotations

import shutil
import struct

import olefile
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert


def test_an_xls_whose_stream_ends_inside_a_cell_record_is_refused_as_damaged_not_an_internal_error(
        make_workbook, tmp_path, capsys):
    """The last record of the Workbook stream says it is a cell of 10 bytes, and the stream ends there: said to
    be a damaged .xls with what to do (before: 程序内部错误（压缩数据损坏）)."""
    team = make_workbook("team", name="团队.xlsx")
    load_workbook(team).save(tmp_path / "团队-保存.xlsx")
    xls = convert(tmp_path / "团队-保存.xlsx", "xls", tmp_path / "xls")
    cut = tmp_path / "团队-截断.xls"
    shutil.copy(xls, cut)
    with olefile.OleFileIO(str(cut), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        assert data[-4:] == struct.pack("<HH", 0x000A, 0)   # the last sheet's EOF
        data[-4:] = struct.pack("<HH", 0x00FD, 10)           # a LABELSST whose body is not there
        ole.write_stream("Workbook", bytes(data))
    assert main(["check", str(cut)]) == 2
    err = capsys.readouterr().err
    assert "无法读取" in err and "另存为" in err and "内部错误" not in err


def test_a_neighbour_workbook_is_opened_once_to_be_classified(make_workbook, tmp_path):
    """A workbook beside a park's application without its sb_type name: its package, opened to read that name, is
    the one read for its sheets (an .xls's streams read, its records walked and calamine asked its sheet names once,
    not twice: a 5.5 MB ledger of 60,000 rows beside a park, `shibai check` of the park 1.39 s → 1.20 s of CPU, and
    1.88 s → 1.20 s with the single walk above)."""
    from shibai_xl.adapters.xlsx.package import open_package
    from shibai_xl.adapters.xlsx.reader import open_workbook

    team = make_workbook("team", name="团队.xlsx")
    load_workbook(team).save(tmp_path / "团队-保存.xlsx")
    xls = convert(tmp_path / "团队-保存.xlsx", "xls", tmp_path / "xls")
    pkg = open_package(xls)
    wb = open_workbook(xls, pkg)
    fresh = open_workbook(xls)
    try:
        assert wb.pkg is pkg
        assert wb.sheet_names == fresh.sheet_names
        assert all(wb.grid(s).rows == fresh.grid(s).rows for s in wb.sheet_names)
    finally:
        wb.close()
        fresh.close()
