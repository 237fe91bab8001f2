"""Damaged workbooks found by a fuzzing pass over every command (qa76d): each is refused or read in Chinese,
never an internal error, never read differently from what Excel shows."""
from __future__ import annotations

import warnings

from shibai_xl.faces.cli import main
from tests.zip_parts import rewrite


def test_a_zip_holding_two_parts_of_one_name_is_refused_not_read_from_the_later_one(make_workbook, tmp_path, capsys):
    """A package with a second, empty "xl/worksheets/sheet1.xml": the check read the later (empty) one and listed
    every field of the 申报表 as missing (exit 0) — which part a reader takes is undefined, Excel calls the file
    damaged. Now it is refused as damaged, naming the part, exit 2."""
    good = make_workbook("team")
    bad = tmp_path / "两个同名部件.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # zipfile warns of the duplicate name it is told to write
        rewrite(good, bad, extra={"xl/worksheets/sheet1.xml": b"<worksheet/>"})
    before = bad.read_bytes()
    capsys.readouterr()
    assert main(["check", str(bad), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "同名" in err and "xl/worksheets/sheet1.xml" in err and "损坏" in err, err
    assert bad.read_bytes() == before
