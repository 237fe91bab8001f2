"""An .xls with one stray value typed far away (IV65536, the last cell an .xls has): calamine builds every sheet's
whole grid as it opens an .xls, 536 MB for such a sheet, and the tool asked it for the sheet names before refusing
that sheet. The names now come from the BOUNDSHEET records where they are certainly calamine's, and calamine opens
such a workbook only if a sheet within reach is read.
"""
from __future__ import annotations

import json
import subprocess
import sys

import olefile
import python_calamine
from openpyxl import Workbook, load_workbook

from shibai_xl.adapters.xlsx.legacy import xls_sheet_names
from tests.libreoffice import convert_many

PEAK = """
import resource, sys
from shibai_xl.faces.cli import main
code = 1
try:
    code = main(sys.argv[1:] if len(sys.argv) > 2 else ["check", sys.argv[1], "--json"])
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def _check(*args) -> tuple[subprocess.CompletedProcess, int]:
    """``shibai check PATH --json`` (or the command ``args``) in a process of its own: (the run, its peak memory
    in kB)."""
    proc = subprocess.run([sys.executable, "-c", PEAK, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    return proc, int(proc.stderr.strip().splitlines()[-1])


def _stream(path) -> bytes:
    with olefile.OleFileIO(str(path)) as ole:
        return ole.openstream("Workbook").read()


def _with_stray(src, sheet: str, target):
    wb = load_workbook(src)
    (wb[sheet] if sheet in wb.sheetnames else wb.create_sheet(sheet))["IV65536"] = "误输入"
    wb.save(target)
    return target


def test_an_xls_reaching_iv65536_is_refused_without_calamine_building_its_grid(make_workbook, tmp_path):
    """The form itself reaches IV65536: refused with the Ctrl+End advice, in about the memory the same form takes
    to check without the stray value (before: 561 MB peak and 1.26 s of CPU for `shibai check` of the .xls,
    +525 MB over the plain form; now 36 MB and 0.40 s, +0 MB)."""
    team = make_workbook("team", name="团队.xlsx")
    far = _with_stray(team, "申报表", tmp_path / "团队-最远的格.xlsx")
    copies = convert_many([team, far], "xls", tmp_path / "xls")
    _plain, plain_kb = _check(copies[team])
    proc, peak_kb = _check(copies[far])
    assert proc.returncode == 2 and "第 65536 行、第 256 列" in proc.stderr and "Ctrl+End" in proc.stderr
    assert peak_kb - plain_kb < 100_000, f"{plain_kb} kB → {peak_kb} kB"


def test_a_far_sheet_beside_the_form_still_lets_the_form_be_read_as_before(make_workbook, tmp_path):
    """A stray value in another sheet (草稿): the form is read as from the same workbook without it — calamine is
    still opened, once a sheet within reach is read."""
    team = make_workbook("team", name="团队.xlsx")
    far = _with_stray(team, "草稿", tmp_path / "团队-草稿.xlsx")
    copies = convert_many([team, far], "xls", tmp_path / "xls")
    plain, _ = _check(copies[team])
    drafted, _ = _check(copies[far])
    assert plain.returncode == drafted.returncode == 0, drafted.stderr
    said, said_far = json.loads(plain.stdout), json.loads(drafted.stdout)
    assert said_far["score"] == said["score"]
    assert {f["code"] for f in said_far["findings"]} >= {f["code"] for f in said["findings"]}


def test_sheet_names_from_boundsheet_records_are_calamines_or_none(tmp_path):
    """Chinese and ASCII names are calamine's; a single-byte name beyond ASCII (decoded by the code page) gives
    None: calamine is asked."""
    books = {}
    for key, names in (("plain", ["申报表", "Sheet 2", "入驻企业名单（附件3）"]), ("latin", ["Données", "汇总"])):
        wb = Workbook()
        wb.active.title = names[0]
        for name in names[1:]:
            wb.create_sheet(name)
        wb.active["A1"] = 1
        wb.save(tmp_path / f"{key}.xlsx")
        books[key] = tmp_path / f"{key}.xlsx"
    copies = convert_many(list(books.values()), "xls", tmp_path / "xls")
    plain, latin = copies[books["plain"]], copies[books["latin"]]
    assert xls_sheet_names(_stream(plain)) == python_calamine.CalamineWorkbook.from_path(str(plain)).sheet_names
    assert xls_sheet_names(_stream(latin)) is None
    assert xls_sheet_names(b"\x09\x08\x10\x00\x00\x05" + bytes(12)) is None   # BIFF5: names in a code page


def test_a_far_reaching_xls_beside_a_park_costs_no_grid_of_it(make_workbook, tmp_path):
    """The same .xls in the folder of a park whose 入驻企业名单 is not in its workbook: every neighbour is classified,
    and this one no longer has calamine build its 16.7 million cells (before: 561 MB peak for `shibai check` of the
    park; now 37 MB, as alone); the park's answer is the same."""
    team = make_workbook("team", name="团队.xlsx")
    far = _with_stray(team, "申报表", tmp_path / "团队-最远的格.xlsx")
    xls = convert_many([far], "xls", tmp_path / "xls")[far]
    folder = tmp_path / "园区"
    folder.mkdir()
    park = make_workbook("park", residents=[], name="园区/园区.xlsx")
    alone, alone_kb = _check(park)
    xls.rename(folder / xls.name)
    beside, peak_kb = _check(park)
    assert alone.returncode == beside.returncode
    assert json.loads(beside.stdout)["score"] == json.loads(alone.stdout)["score"]
    assert peak_kb - alone_kb < 100_000, f"{alone_kb} kB → {peak_kb} kB"


def test_a_city_summary_xls_reaching_iv65536_is_refused_by_merge_without_its_grid(tmp_path):
    """``merge`` of a city's 汇总表 saved as .xls with a stray value in IV65536: refused in Chinese, in about the
    memory of merging the same summary without it (before: 568 MB peak and 0.87 s of CPU; now 44 MB and 0.48 s —
    the summary reader asked calamine for the sheet names, which built the whole grid)."""
    from shibai_xl.faces.cli import main

    assert main(["new", "summary", "--out", str(tmp_path / "汇总表.xlsx")]) == 0
    far = _with_stray(tmp_path / "汇总表.xlsx", "项目汇总表", tmp_path / "贵阳市汇总表.xlsx")
    copies = convert_many([tmp_path / "汇总表.xlsx", far], "xls", tmp_path / "xls")
    _plain, plain_kb = _check("merge", tmp_path / "全省-1.xlsx", copies[tmp_path / "汇总表.xlsx"])
    proc, peak_kb = _check("merge", tmp_path / "全省-2.xlsx", copies[far])
    assert proc.returncode == 2 and "第 65536 行、第 256 列" in proc.stderr
    assert peak_kb - plain_kb < 100_000, f"{plain_kb} kB → {peak_kb} kB"
