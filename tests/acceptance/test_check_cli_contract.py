"""`shibai check` as a program: the JSON of CONTRACT §4 exactly, folders, exit codes, hostile files."""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .helpers import TYPES, assert_no_traceback, check_json, has_chinese, make_app, run, sha, template

CONTRACT_CODES = {"ELIG_AGE", "ELIG_TRADE", "ELIG_RETAIL", "ELIG_LIVE_SALES", "ELIG_REGION", "ELIG_CREDIT",
                  "ELIG_MISSING", "ELIG_ENTITY", "ELIG_MATERIALS", "ELIG_EVIDENCE", "FIELD_REQUIRED", "FIELD_USCC",
                  "FIELD_AMOUNT", "FIELD_PERIOD", "FIELD_MOBILE", "FIELD_TEXT_SHORT", "XC_RESIDENT_COUNT",
                  "XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL", "XC_RESIDENT_STAFF", "XC_RESIDENT_DUP",
                  "XC_RESIDENT_ROW", "XC_CROSS_APP", "XC_SUMMARY_MISMATCH", "RULE_GAP"}


def assert_contract_object(obj: dict) -> None:
    assert set(obj) == {"file", "type", "name", "eligible", "score", "findings"}, sorted(obj)
    assert isinstance(obj["file"], str) and obj["file"]
    assert obj["type"] in TYPES
    assert isinstance(obj["name"], str)
    assert obj["eligible"] in (True, False, None)
    assert set(obj["score"]) == {"auto", "max", "items"}, sorted(obj["score"])
    assert obj["score"]["max"] == (120 if obj["type"] in ("park", "base") else 100)
    assert isinstance(obj["score"]["auto"], int | float) and not isinstance(obj["score"]["auto"], bool)
    for it in obj["score"]["items"]:
        assert set(it) == {"id", "label", "max", "auto", "reason"}, sorted(it)
        assert isinstance(it["id"], str) and re.fullmatch(r"\d+(\.\d+)*", it["id"]), it["id"]
        assert isinstance(it["label"], str) and has_chinese(it["label"])
        assert isinstance(it["max"], int | float) and isinstance(it["auto"], int | float)
        assert isinstance(it["reason"], str) and has_chinese(it["reason"])
    for f in obj["findings"]:
        assert set(f) == {"code", "severity", "message", "sheet", "cell"}, sorted(f)
        assert re.fullmatch(r"[A-Z][A-Z0-9_]+", f["code"]), f
        assert f["severity"] in ("error", "warning", "info"), f
        assert isinstance(f["message"], str) and has_chinese(f["message"]), f
        assert f["sheet"] is None or isinstance(f["sheet"], str)
        assert f["cell"] is None or re.fullmatch(r"\$?[A-Z]{1,3}\$?\d+", f["cell"]), f
        if f["cell"] is not None:
            assert f["sheet"], f


@pytest.mark.parametrize("kind", ["park", "base", "enterprise", "team"])
def test_json_object_shape_on_a_flawed_application(tmp_path, kind):
    # flawed on purpose so that findings with cells exist: bad mobile, short text, bad amount
    path = make_app(tmp_path, kind, sb_leader_mobile="0851-123", sb_performance="很好。",
                    sb_fill_date="2024年13月", sb_uscc="91522701ABC")
    p = run("check", path, "--json")
    assert p.returncode == 0, p.stderr
    assert_no_traceback(p)
    obj = json.loads(p.stdout)           # exactly one JSON document and nothing else on stdout
    assert isinstance(obj, dict)
    assert_contract_object(obj)
    found = {f["code"] for f in obj["findings"]}
    assert {"FIELD_MOBILE", "FIELD_TEXT_SHORT", "FIELD_USCC"} <= found, found
    mob = [f for f in obj["findings"] if f["code"] == "FIELD_MOBILE"][0]
    wb = load_workbook(path)
    (sheet, ref), = list(wb.defined_names["sb_leader_mobile"].destinations)
    assert (mob["sheet"], mob["cell"]) == (sheet, ref.replace("$", ""))


@pytest.mark.parametrize("chinese, kind", [("园区", "park"), ("直播基地", "base"), ("企业", "enterprise"),
                                           ("直播团队", "team"), ("示范园区", "park"), ("示范直播团队", "team")])
def test_new_accepts_chinese_type_names(tmp_path, chinese, kind):
    out = tmp_path / f"{chinese}.xlsx"
    p = run("new", chinese, "--out", out)
    assert p.returncode == 0, p.stderr
    wb = load_workbook(out)
    assert "sb_name" in wb.defined_names
    assert ("sb_residents" in {t for ws in wb.worksheets for t in ws.tables}) == (kind in ("park", "base"))
    rc, obj, err = check_json(out)
    assert rc == 0, err
    assert obj["type"] == kind


def test_new_unknown_type_is_refused_in_chinese(tmp_path):
    p = run("new", "合作社", "--out", tmp_path / "x.xlsx")
    assert p.returncode == 2
    assert has_chinese(p.stderr)
    assert_no_traceback(p)
    assert not (tmp_path / "x.xlsx").exists()


def test_empty_template_is_not_eligible_true(tmp_path):
    out = tmp_path / "空白.xlsx"
    assert run("new", "enterprise", "--out", out).returncode == 0
    rc, obj, err = check_json(out)
    assert rc == 0
    assert_contract_object(obj)
    assert obj["eligible"] is None
    assert "ELIG_MISSING" in {f["code"] for f in obj["findings"]}
    assert obj["score"]["auto"] == 0


# ------------------------------------------------------------------ hostile and broken files
def _junk(p: Path):
    p.write_bytes(bytes(range(256)) * 40)


def _empty(p: Path):
    p.write_bytes(b"")


def _csv(p: Path):
    p.write_text("名称,年度交易额\n贵州某公司,3600\n", encoding="utf-8")


def _truncated(p: Path, tpl: Path):
    data = tpl.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def _encrypted(p: Path, tpl: Path):
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(tpl, "rb") as fh, open(p, "wb") as out:
        OOXMLFile(fh).encrypt("密码123", out)


def _zip_not_xlsx(p: Path):
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "not a workbook")


def _docx_like(p: Path):
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", "<w:document/>")


def _random_workbook(p: Path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active["A1"] = "月度报表"
    wb.active["B2"] = 123
    wb.save(p)


HOSTILE = {
    "junk.xlsx": _junk,
    "empty.xlsx": _empty,
    "csv-renamed.xlsx": _csv,
    "truncated.xlsx": _truncated,
    "encrypted.xlsx": _encrypted,
    "zip-not-xlsx.xlsx": _zip_not_xlsx,
    "docx-like.xlsx": _docx_like,
    "random-workbook.xlsx": _random_workbook,
    "notes.txt": _csv,
}


def _make_hostile(tmp: Path, tpl_dir: Path, name: str) -> Path:
    p = tmp / name
    fn = HOSTILE[name]
    if fn in (_truncated, _encrypted):
        fn(p, template("team", tpl_dir))
    else:
        fn(p)
    return p


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_single_file(tmp_path, tpl_dir, name):
    p = _make_hostile(tmp_path, tpl_dir, name)
    before = sha(p)
    for args in (("check", p), ("check", p, "--json")):
        proc = run(*args, timeout=60)
        assert_no_traceback(proc)
        assert proc.returncode != 0, (name, proc.stdout[-500:])
        assert proc.returncode != 3, proc.stderr
        assert has_chinese(proc.stderr), (name, proc.stderr)
        if "--json" in args:
            # stdout is either empty or valid JSON; never a half report
            assert not proc.stdout.strip() or json.loads(proc.stdout) is not None
    assert sha(p) == before


def test_encrypted_message_says_password(tmp_path, tpl_dir):
    p = _make_hostile(tmp_path, tpl_dir, "encrypted.xlsx")
    proc = run("check", p)
    assert "密码" in proc.stderr or "加密" in proc.stderr, proc.stderr


def test_missing_file_is_a_chinese_refusal(tmp_path):
    proc = run("check", tmp_path / "不存在.xlsx")
    assert proc.returncode == 2, proc.returncode
    assert has_chinese(proc.stderr)
    assert_no_traceback(proc)


def test_unknown_option_is_usage_exit_2():
    proc = run("check", "--frobnicate")
    assert proc.returncode == 2
    assert_no_traceback(proc)


# ------------------------------------------------------------------ folders (README; CONTRACT §4)
def test_check_folder_json_array_with_unreadable_files(tmp_path, tpl_dir):
    folder = tmp_path / "申报表"
    folder.mkdir()
    good = [make_app(folder, "team", name="团队.xlsx"), make_app(folder, "enterprise", name="企业.xlsx")]
    sub = folder / "县区"
    sub.mkdir()
    make_app(sub, "park", name="园区.xlsx")
    # a workbook a person has open in Excel leaves this lock file: not an application
    (folder / "~$团队.xlsx").write_bytes(b"\x00" * 165)
    _make_hostile(folder, tpl_dir, "junk.xlsx")
    shutil.copyfile(template("team", tpl_dir), folder / "template-team.xlsx")  # an untouched blank form
    hashes = {p: sha(p) for p in folder.rglob("*") if p.is_file()}
    p = run("check", folder, "--json")
    assert_no_traceback(p)
    assert p.returncode == 1, (p.returncode, p.stderr)
    arr = json.loads(p.stdout)
    assert isinstance(arr, list)
    names = {Path(o["file"]).name: o for o in arr}
    assert "~$团队.xlsx" not in names
    assert {"团队.xlsx", "企业.xlsx", "园区.xlsx", "junk.xlsx"} <= set(names), sorted(names)
    err = names["junk.xlsx"]
    assert set(err) == {"file", "error"}, err
    assert has_chinese(err["error"])
    for n in ("团队.xlsx", "企业.xlsx", "园区.xlsx"):
        assert_contract_object(names[n])
        assert names[n]["eligible"] is True, names[n]["findings"]
    assert {p: sha(p) for p in hashes} == hashes
    assert good


def test_check_folder_all_good_exit_0(tmp_path):
    folder = tmp_path / "ok"
    folder.mkdir()
    make_app(folder, "team", name="a.xlsx")
    make_app(folder, "base", name="b.xlsx")
    p = run("check", folder, "--json")
    assert p.returncode == 0, p.stderr
    assert len(json.loads(p.stdout)) == 2


def test_check_folder_none_readable_exit_2(tmp_path, tpl_dir):
    folder = tmp_path / "bad"
    folder.mkdir()
    _make_hostile(folder, tpl_dir, "junk.xlsx")
    _make_hostile(folder, tpl_dir, "empty.xlsx")
    p = run("check", folder, "--json")
    assert_no_traceback(p)
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    arr = json.loads(p.stdout)
    assert len(arr) == 2 and all(set(o) == {"file", "error"} for o in arr)


def test_check_several_files_terminal_table(tmp_path, tpl_dir):
    a = make_app(tmp_path, "team", name="甲团队.xlsx")
    b = make_app(tmp_path, "enterprise", name="乙企业.xlsx", sb_online_retail=50)
    bad = _make_hostile(tmp_path, tpl_dir, "empty.xlsx")
    p = run("check", a, b, bad)
    assert_no_traceback(p)
    assert p.returncode == 1
    out = p.stdout + p.stderr
    for word in ("甲团队", "乙企业", "empty"):
        assert word in out, out[-2000:]


# ------------------------------------------------------------------ big and odd values
def test_huge_strings_and_long_resident_list(tmp_path):
    from .helpers import residents_for
    rows = residents_for("park", n=3000)
    path = make_app(tmp_path, "park", residents=rows, sb_resident_count=3000,
                    sb_name="都匀" + "电商" * 15000, sb_performance="业" * 32000)
    before = sha(path)
    proc = run("check", path, "--json", timeout=60)
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert_contract_object(obj)
    assert obj["eligible"] is True, [(f["code"], f["message"][:80]) for f in obj["findings"]]
    assert sha(path) == before


def test_formula_text_in_name_stays_text_in_write(tmp_path):
    path = make_app(tmp_path, "team", sb_leader_mobile="12345")
    wb = load_workbook(path)
    (sheet, ref), = list(wb.defined_names["sb_name"].destinations)
    c = wb[sheet][ref.replace("$", "")]
    c.value = '=HYPERLINK("http://example.com/x","点我")'
    c.data_type = "s"  # typed as text (with a leading apostrophe in Excel)
    wb.save(path)
    rc, obj, err = check_json(path)
    assert rc == 0, err
    assert obj["name"] == '=HYPERLINK("http://example.com/x","点我")'
    p = run("check", path, "--write")
    assert p.returncode == 0, p.stderr
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "HYPERLINK(\"http://example.com" in cell.value:
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
