"""The reader's short ways (issue #14, first refresh) give what the long ways give.

Each short way is checked against the long way it stands in for, on real workbooks made by ``shibai new``
and filled as a person would: the prolog check that inflates only a part's first bytes, the number formats
read for the percent fields alone, the structure parts parsed once per process, the resident rows read in
one loop, and the parallel read of a folder whose park keeps its list in a workbook of its own.
"""
from __future__ import annotations

import io
import time
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell as name_cell
from shibai_xl.adapters.xlsx.opc import SHORT_PROLOG, CheckedZip, UnreadableFile, _member_bytes, _member_head, open_zip
from shibai_xl.adapters.xlsx.package import cell_styles, cells_surely_blank, open_package
from shibai_xl.adapters.xlsx.reader import OpenWorkbook, read_application
from shibai_xl.engine.residents import totals
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import collect_records
from tests.zip_parts import rewrite

DTD = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
ROOT = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="0"/></styleSheet>'


@pytest.fixture(scope="module")
def team_book(tmp_path_factory):
    """One application made by ``shibai new`` for the zip-level tests (they only rewrite its parts)."""
    path = tmp_path_factory.mktemp("team") / "团队.xlsx"
    assert main(["new", "team", "--out", str(path)]) == 0
    return path


def _rezip(path, part: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The workbook's zip with one part's bytes replaced."""
    return rewrite(path, edit=lambda name, kept: data if name == part else kept, compression=method)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED], ids=["deflated", "stored"])
@pytest.mark.parametrize("prolog", [
    DECL + DTD,                                   # right after the declaration
    DTD,                                          # no declaration
    DECL + b"<!-- a comment -->" + DTD,           # behind a comment
    DECL + b"\n" * (SHORT_PROLOG * 3) + DTD,      # behind more white space than the short head holds
    b"<!--" + b"-" * SHORT_PROLOG + b"-->" + DTD,  # behind a long comment
    b"\xef\xbb\xbf" + DECL + DTD,                 # UTF-8 byte order mark
    "\ufeff<?xml version='1.0' encoding='UTF-16'?>".encode("utf-16-le") + DTD.decode().encode("utf-16-le"),
], ids=["decl", "bare", "comment", "long-space", "long-comment", "bom", "utf16"])
def test_a_dtd_anywhere_in_the_prolog_is_refused(team_book, prolog, method):
    data = _rezip(team_book, "xl/styles.xml", prolog + ROOT, method)
    with pytest.raises(UnreadableFile, match="DTD"):
        open_zip(data)


@pytest.mark.parametrize("prolog", [DECL, b"", b"\xef\xbb\xbf" + DECL, DECL + b"<!--" + b"x" * SHORT_PROLOG + b"-->"],
                         ids=["decl", "bare", "bom", "long-comment"])
def test_a_clean_prolog_passes(team_book, prolog):
    data = _rezip(team_book, "xl/styles.xml", prolog + ROOT)
    open_zip(data).close()


def test_the_short_head_is_the_members_first_bytes(make_workbook):
    """What the prolog check reads straight from the zip is what ZipFile itself inflates."""
    path = make_workbook("park")
    for source in (path, _rezip(path, "", b"", zipfile.ZIP_STORED)):
        with zipfile.ZipFile(path if source is path else io.BytesIO(source)) as zf:
            checked = 0
            for info in zf.infolist():
                head = _member_head(zf, info)
                with zf.open(info) as fh:
                    assert head == fh.read(len(head)), info.filename
                checked += bool(head)
            assert checked >= 10


def test_a_member_read_straight_is_what_zipfile_inflates(make_workbook):
    path = make_workbook("park")
    for source in (path, _rezip(path, "", b"", zipfile.ZIP_STORED)):
        with zipfile.ZipFile(path if source is path else io.BytesIO(source)) as zf:
            for info in zf.infolist():
                assert _member_bytes(zf, info) == zf.read(info), info.filename


def _flip_last_stored_byte(data: bytes, part: str) -> bytes:
    """A stored member's last byte changed on disk (its CRC then disagrees)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(part)
    name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
        int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    last = info.header_offset + 30 + name_len + extra_len + info.compress_size - 1
    return data[:last] + bytes([data[last] ^ 1]) + data[last + 1:]


def test_a_member_that_does_not_read_straight_goes_to_zipfile_which_refuses_it(make_workbook):
    stored = _rezip(make_workbook("team"), "", b"", zipfile.ZIP_STORED)
    bad = _flip_last_stored_byte(stored, "xl/workbook.xml")
    with zipfile.ZipFile(io.BytesIO(bad)) as zf:
        assert _member_bytes(zf, zf.getinfo("xl/workbook.xml")) is None
    with CheckedZip(io.BytesIO(bad)) as zf, pytest.raises(UnreadableFile, match="损坏"):
        zf.read("xl/workbook.xml")


@pytest.mark.parametrize("flag", [0x20, 0x40])
def test_a_member_zipfile_will_not_open_is_refused_as_before(make_workbook, flag):
    """A directory entry flagged "compressed patched data" or "strong encryption": ZipFile.open refuses it
    (NotImplementedError), and so does the straight read — not read as if the flag were not there."""
    data = bytearray(make_workbook("enterprise").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        names = zf.namelist()
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        name_len = int.from_bytes(data[entry + 28:entry + 30], "little")
        if data[entry + 46:entry + 46 + name_len] == b"xl/workbook.xml":
            data[entry + 8] |= flag
        entry = data.find(b"PK\x01\x02", entry + 46)
    assert "xl/workbook.xml" in names
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/workbook.xml")
        assert info.flag_bits & flag
        assert _member_bytes(zf, info) is None
    with CheckedZip(io.BytesIO(bytes(data))) as zf, pytest.raises(UnreadableFile, match="损坏"):
        zf.read("xl/workbook.xml")


def _field_cells(pkg, sheet: str) -> set[str]:
    return {loc[1] for n in pkg.names if (loc := pkg.named_cell(n)) and loc[0] == sheet}


@pytest.mark.parametrize("app_type, field", [("park", "sb_incubation_rate"), ("enterprise", "sb_online_share")])
def test_formats_of_the_percent_fields_alone_agree_with_the_full_scan(make_workbook, app_type, field):
    path = make_workbook(app_type)
    pkg = open_package(path)
    sheet, ref = pkg.named_cell(field)
    cells = _field_cells(pkg, sheet)
    full = cell_styles(pkg, sheet, cells)            # every cell asked about, the full scan
    short = cell_styles(pkg, sheet, cells, {ref})     # a sheet without formulas: the percent cell alone
    pkg.close()
    assert len(full) >= 10 and short == {ref: full[ref]} and short[ref][0] is True
    assert all(info[1] is None and info[3] is None for info in full.values())   # no formula, no error: all plain


def test_a_sheet_with_a_formula_or_an_error_gets_the_full_scan(make_workbook):
    path = make_workbook("park")
    wb = load_workbook(path)
    name_cell(wb, "sb_live_rooms").value = "=6+6"
    name_cell(wb, "sb_public_areas").value = "#DIV/0!"
    wb.save(path)
    pkg = open_package(path)
    sheet, ref = pkg.named_cell("sb_incubation_rate")
    cells = _field_cells(pkg, sheet)
    assert cell_styles(pkg, sheet, cells, {ref}) == cell_styles(pkg, sheet, cells)
    pkg.close()
    app = read_application(path)
    assert app.raw["sb_live_rooms"].formula_without_value and app.raw["sb_public_areas"].value == "#DIV/0!"
    assert app.raw["sb_incubation_rate"].percent_format


def test_structure_parts_parsed_once_still_belong_to_each_file(make_workbook):
    first, second = make_workbook("park"), make_workbook("park")
    wb = load_workbook(second)
    wb.defined_names["sb_name"].attr_text = "'申报表'!$D$9"     # the name moved by someone
    wb["入驻企业名单"].tables["sb_residents"].ref = "A5:K20"
    wb.save(second)
    a = open_package(first)
    a.names["sb_name"] = "changed"                     # a package's own copy: the next file is not touched
    b, again = open_package(second), open_package(first)
    assert b.named_cell("sb_name") == ("申报表", "D9") and again.named_cell("sb_name") != ("申报表", "D9")
    assert again.named_cell("sb_name") == open_package(first).named_cell("sb_name")
    assert b.tables["sb_residents"].ref == "A5:K20" != again.tables["sb_residents"].ref
    for p in (a, b, again):
        p.close()


def test_resident_rows_read_in_one_loop(make_workbook):
    """合计 rows, blank rows, a company whose name holds 计, rows typed under the table, numbers as people
    type them: the rows and sums are those of the list as a person reads it."""
    rows = example_residents("park", 6)
    rows[1]["企业名称"] = "贵州小计电子商务有限公司"                # a name with 计 is still a company
    rows[2]["年度网络交易额（万元）"] = "1,234.5"                   # text: the parser reads it
    rows[4]["从业人数"] = "１２"                                   # full-width digits
    path = make_workbook("park", residents=rows)
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    first, last = ws.tables["sb_residents"].ref.split(":")
    r0, r1 = int(first.lstrip("ABCDEFGHIJK")), int(last.lstrip("ABCDEFGHIJK"))
    header = {c.value: c.column for c in ws[r0]}
    name_col, seq_col = header["企业名称"], header["序号"]
    blanked = r0 + 4                                                     # rows[3]: a row a person cleared
    for c in range(1, 12):
        ws.cell(blanked, c).value = None
    ws.cell(r0 + len(rows) + 1, seq_col).value = "合 计"                 # a 合计 row after the companies
    ws.cell(r0 + len(rows) + 1, header["从业人数"]).value = 99
    ws.cell(r1 + 1, name_col).value = "贵州表下补录电子商务有限公司"      # typed right under the table
    ws.cell(r1 + 1, header["年度网络零售额（万元）"]).value = 12.25
    ws.cell(r1 + 3, name_col).value = "空行之后不再读取有限公司"          # after a blank row: not read
    wb.save(path)
    app = read_application(path)
    names = [r.get("企业名称") for r in app.residents]
    kept = rows[:3] + rows[4:]
    expected = [r["企业名称"] for r in kept] + ["贵州表下补录电子商务有限公司"]
    assert names == expected
    t, findings = totals(app.residents)
    assert t.companies == len(expected) and t.staff == sum(12 if r is rows[4] else r["从业人数"] for r in kept)
    assert t.retail == sum(Decimal(repr(r["年度网络零售额（万元）"])) for r in kept) + Decimal("12.25")
    assert t.trade == sum(Decimal(str(r["年度网络交易额（万元）"]).replace(",", "")) for r in kept)
    assert t.decimals == 2 and not [f for f in findings if f.code == "XC_RESIDENT_ROW"]


def test_parallel_read_finds_a_separate_list_as_the_serial_read_does(make_workbook, tmp_path):
    """Enough files for worker processes; the park's list is a workbook of its own next to it."""
    folder = tmp_path / "申报"
    folder.mkdir()
    park = make_workbook("park", residents=None, name="园区申报表.xlsx")
    park.rename(folder / park.name)
    lst = make_workbook("park", residents=example_residents("park"), name="入驻企业名单.xlsx")
    wb = load_workbook(lst)
    for ws in wb.worksheets:
        if ws.title != "入驻企业名单":
            del wb[ws.title]
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    wb.save(folder / "贵阳黔货出山电子商务产业园入驻企业名单.xlsx")
    for i in range(8):
        make_workbook("enterprise", name=f"企业{i}.xlsx").rename(folder / f"企业{i}.xlsx")
    serial = collect_records(folder, tmp_path / "汇总表1.xlsx", workers=1)
    parallel = collect_records(folder, tmp_path / "汇总表2.xlsx", workers=2)
    assert [r.to_dict() for r in parallel.records] == [r.to_dict() for r in serial.records]
    linked = next(r for r in parallel.records if r.file == "园区申报表.xlsx")
    assert linked.resident_file == "贵阳黔货出山电子商务产业园入驻企业名单.xlsx" and len(linked.residents) == 12
    assert parallel.lists == 1 and len(parallel.records) == 9


@pytest.mark.parametrize("typed", [None, 12, "12分", "=3*4"], ids=["blank", "number", "text", "formula"])
def test_reviewer_scores_read_the_same_when_the_score_sheet_is_skipped(make_workbook, monkeypatch, typed):
    """The 评分 sheet is not read when the file shows the reviewer's cells empty; what the reader finds is
    what reading the sheet finds, whatever a reviewer typed (a formula openpyxl saves without a value)."""
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    name_cell(wb, "sb_score_review_1_1_1").value = typed
    wb.save(path)
    pkg = open_package(path)
    sheet, ref = pkg.names["sb_score_review_1_1_1"].replace("$", "").rsplit("!", 1)
    assert cells_surely_blank(pkg, sheet.strip("'"), {ref}) is (typed is None)   # a formula: read, to be sure
    pkg.close()
    short = read_application(path).reviewer
    monkeypatch.setattr(OpenWorkbook, "surely_blank", lambda self, sheet, cells: False)
    assert read_application(path).reviewer == short
    assert ("1.1.1" in short) is (typed in (12, "12分"))


def test_the_names_of_a_folder_are_judged_once_and_hint_as_a_loop_over_them_would(tmp_path, monkeypatch):
    """_lists_beside's short way: the folder's file names judged once (not once per application: quadratic at
    1000 files), and the workbooks it names the same as a loop asking each name."""
    from shibai_xl.adapters.xlsx import resident_list as rl
    from shibai_xl.engine.parse.text import company_key

    names = ["贵阳电商产业园申报表", "贵阳电商产业园入驻企业名单", "附件3", "遵义直播基地", "名单（遵义直播基地）",
             "黔东南 电商园", "乙", "贵阳电商产业园（二期）", *(f"其他申报{i}" for i in range(300))]
    siblings = [tmp_path / f"{n}.xlsx" for n in names]
    keys = [company_key("贵阳电商产业园"), company_key("黔东南电商园")]
    expected = [p for p in siblings
                if any(w in rl.plain(p.stem) for w in rl.LIST_WORDS) or any(k in company_key(p.stem) for k in keys)]
    judged = []
    monkeypatch.setattr(rl, "company_key", lambda s: judged.append(s) or company_key(s))
    for _ in range(50):                       # fifty applications of one folder
        assert rl._FolderNames.of(siblings).hinted(keys) == expected
    assert len(judged) == len(siblings)       # each name once, not fifty times
    assert [p.stem for p in expected] == ["贵阳电商产业园申报表", "贵阳电商产业园入驻企业名单", "附件3",
                                          "名单（遵义直播基地）", "黔东南 电商园", "贵阳电商产业园（二期）"]
    other = list(siblings)                    # another folder (another list object): judged anew
    assert rl._FolderNames.of(other).hinted([company_key("遵义直播基地")])[-1].stem == "名单（遵义直播基地）"
    assert len(judged) == 2 * len(siblings)


X = b' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.mark.parametrize("added, refused", [
    (b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', True),                   # a far reference
    (b'<row r="1048576"><x:c r="XFD1048576"' + X + b"><x:v>1</x:v></x:c></row>", True),   # a prefixed cell
    (b'<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>', True),               # r not first
    (b'<row r="1048576"><c  r="XFD1048576"><v>1</v></c></row>', True),                   # two spaces before r
    (b'<row r="1048576"><c\nr="XFD1048576"><v>1</v></c></row>', True),                   # a line break
    (b'<row r="1048576">' + b"<c><v>1</v></c>" * 3 + b"</row>", True),                   # cells placed by count
    (b'<row r="99999"><c r="Z99999"><v>1</v></c></row>', False),                          # the short way's edge
    (b'<row r="100000"><c r="A100000"><v>1</v></c></row>', False),                        # past it: measured
    (b'<row r="7"><c r="AA7"><v>1</v></c></row>', False),                                 # two letters: measured
    (b'<row r="200000"><c r="A200000"><v>1</v></c></row>', False),                        # bounded by its last cell
    (b'<row r="1048576"><c r="A1048576"/></row>', False),                                 # beyond, no value: measured
    (b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>', True),                       # beyond, a value
    (b'<row r="10000000"><c r="A10000000"><v>1</v></c></row>', True),                     # eight digits: measured
], ids=["far", "prefixed", "r-second", "two-spaces", "line-break", "no-r", "edge", "row-100000", "two-letters",
        "row-200000", "empty-far", "value-far", "eight-digits"])
def test_the_extent_searches_agree_with_the_exact_measure(make_workbook, added, refused):
    """The short way (two searches over a sheet whose cells all begin ``<c r="A1"``) lets a sheet pass only where
    the exact measure, placing cells as calamine does, finds it within reach; each way round the grid guard holds."""
    from shibai_xl.adapters.xlsx.opc import MAX_GRID_CELLS, _extent, check_extent

    path = make_workbook("park")
    data = zipfile.ZipFile(path).read("xl/worksheets/sheet3.xml")
    assert check_extent(data, "入驻企业名单") is None
    data = data.replace(b"</sheetData>", added + b"</sheetData>")
    rows, cols = _extent(data)
    assert (rows * cols > MAX_GRID_CELLS) == refused
    if refused:
        with pytest.raises(UnreadableFile, match="远超"):
            check_extent(data, "入驻企业名单")
    else:
        assert check_extent(data, "入驻企业名单") is None


@pytest.mark.parametrize("needle", [b"strike", b"<!DOCTYPE", b"<!ENTITY", b"hidden="])
@pytest.mark.parametrize("where", ["none", "start", "end", "after-many-anchors", "anchors-only"])
def test_the_anchored_byte_search_agrees_with_in(make_workbook, needle, where):
    """holds() looks for a needle from one of its rare bytes ("k", "!") to the next, and falls back to the reverse
    search past 64 of them: the answer is always ``needle in data``, wherever the needle stands."""
    from shibai_xl.adapters.xlsx.opc import holds

    sheet = zipfile.ZipFile(make_workbook("park")).read("xl/worksheets/sheet3.xml")
    data = {"none": sheet, "start": needle + sheet, "end": sheet + needle,
            "after-many-anchors": b"<t>k!</t>" * 100 + needle + sheet, "anchors-only": b"kk!!<!k" * 100 + sheet}[where]
    assert holds(data, needle) is (needle in data)
    assert holds(data[1:], needle) is (needle in data[1:]) and holds(data[:-1], needle) is (needle in data[:-1])


def test_the_anchored_byte_search_agrees_with_in_on_random_bytes():
    """Bytes full of the anchors and the needles' other bytes: every way through holds() (an anchor at the start,
    exactly 64 of them, the reverse search over the rest) gives ``needle in data``."""
    import random

    from shibai_xl.adapters.xlsx.opc import holds

    r = random.Random(1)
    for _ in range(3000):
        data = bytes(r.choice(b"k!<ENTITYstrie DOC") for _ in range(r.randint(0, 300)))
        for needle in (b"strike", b"<!ENTITY", b"<!DOCTYPE"):
            assert holds(data, needle) is (needle in data), (data, needle)


def test_each_part_is_inflated_once_while_an_application_is_read(make_workbook):
    """The sheets and the styles are kept while the package is open: the formats shown and the struck cells of the
    list both look at the styles, the list's facts and calamine's caller at the same sheets."""
    from collections import Counter

    from shibai_xl.adapters.xlsx.reader import open_workbook, read_open
    from shibai_xl.rules import load

    path = make_workbook("park")
    wb = open_workbook(path)
    reads: list[str] = []
    inflate = wb.pkg.zf.read
    wb.pkg.zf.read = lambda name, pwd=None: reads.append(name) or inflate(name, pwd)
    try:
        read_open(wb, path, load())
    finally:
        wb.close()
    assert {"xl/styles.xml", "xl/worksheets/sheet3.xml"} <= set(reads)
    assert max(Counter(reads).values()) == 1, Counter(reads)


def test_relationships_parsed_once_still_belong_to_each_caller(make_workbook):
    """The same _rels bytes are parsed once a process; each caller gets its own dict, and a later id of the same
    bytes wins as it did (a dict built in document order)."""
    from shibai_xl.adapters.xlsx.opc import relationships_in

    data = zipfile.ZipFile(make_workbook("park")).read("xl/worksheets/_rels/sheet3.xml.rels")
    first = relationships_in(data, "xl/worksheets/sheet3.xml")
    assert any("/tables/" in t for t in first.values())
    first.clear()
    assert relationships_in(data, "xl/worksheets/sheet3.xml") and not first
    twice = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             b'<Relationship Id="rId1" Target="a.xml"/><Relationship Id="rId1" Target="b.xml"/>'
             b'<Relationship Id="rId2" Target="http://x" TargetMode="External"/></Relationships>')
    assert relationships_in(twice, "xl/workbook.xml") == {"rId1": "xl/b.xml"}


def test_a_sheet_of_more_than_100000_rows_within_reach_is_passed_by_searches(make_workbook):
    """A ledger of 120,000 rows beside an application (or read as a list): the grid guard placed each of its
    values in Python, which took longer than calamine reading the sheet (1.8 s and 1.2 s for 120,000 × 8 values).
    Now the last row and column of its cells bound it: here 170,000 rows of two values each took 0.8 s of CPU, now
    about 0.1 s; a value too far is still measured exactly and refused."""
    from shibai_xl.adapters.xlsx.opc import check_extent

    path = make_workbook("park")
    data = zipfile.ZipFile(path).read("xl/worksheets/sheet3.xml")
    rows = b"".join(b'<row r="%d"><c r="B%d"><v>1</v></c><c r="C%d"><v>2</v></c></row>' % (r, r, r)
                    for r in range(100_001, 270_001))      # × 11 columns (A–K): within reach
    long = data.replace(b"</sheetData>", rows + b"</sheetData>")
    start = time.process_time()
    assert check_extent(long, "入驻企业名单") is None
    spent = time.process_time() - start
    assert spent < 0.4, f"{spent:.2f} 秒"
    far = long.replace(b"</sheetData>", b'<row r="1048576"><c r="Z1048576"><v>1</v></c></row></sheetData>')
    with pytest.raises(UnreadableFile, match="远超"):
        check_extent(far, "入驻企业名单")
