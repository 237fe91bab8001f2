"""`shibai check --write` (issue 4) and the terminal report with the upload file name (notice 三(一)3)."""
from __future__ import annotations

import re
import zipfile

from openpyxl import load_workbook

from .helpers import assert_no_traceback, has_chinese, make_app, run, sha


def _cell(wb, name):
    (sheet, ref), = list(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "")]


def _values(path):
    wb = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_write_fills_results_keeps_reviewer_and_own_sheets(tmp_path):
    path = make_app(tmp_path, "park", name="园区.xlsx", sb_leader_mobile="0851-123", sb_live_rooms=9)
    wb = load_workbook(path)
    _cell(wb, "sb_score_review_1_1_1").value = 4                # the reviewer's own score
    mine = wb.create_sheet("我的备注")
    mine["A1"] = "市局初审意见：材料齐全"
    n_validations = sum(len(ws.data_validations.dataValidation) for ws in wb.worksheets)
    wb.save(path)
    before = sha(path)
    p = run("check", path, "--write")
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    assert sha(path) != before
    bak = [x for x in tmp_path.iterdir() if x.name.startswith("园区.xlsx") and x.name.endswith(".bak")]
    assert len(bak) == 1 and sha(bak[0]) == before
    wb = load_workbook(path)
    assert _cell(wb, "sb_score_review_1_1_1").value == 4
    assert _cell(wb, "sb_score_auto_1_1_3").value == 0                 # 9 直播间 < 10
    assert _cell(wb, "sb_score_auto_1_1_1").value == 5
    assert wb["我的备注"]["A1"].value == "市局初审意见：材料齐全"
    assert sum(len(ws.data_validations.dataValidation) for ws in wb.worksheets) == n_validations
    result_text = " ".join(str(c.value) for row in wb["校验结果"].iter_rows() for c in row if c.value)
    assert "FIELD_MOBILE" in result_text
    mobile = _cell(wb, "sb_leader_mobile")
    assert mobile.comment is not None and has_chinese(mobile.comment.text)
    # twice == once
    once = _values(path)
    assert run("check", path, "--write").returncode == 0
    twice = _values(path)
    for sheet in once:
        if sheet == "校验结果":
            strip = [[v for v in row if not (isinstance(v, str) and re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", v))]
                     for row in once[sheet]]
            strip2 = [[v for v in row if not (isinstance(v, str) and re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", v))]
                      for row in twice[sheet]]
            assert strip == strip2
        else:
            assert once[sheet] == twice[sheet], sheet


def test_fixing_the_cell_clears_its_mark(tmp_path):
    path = make_app(tmp_path, "team", name="团队.xlsx", sb_leader_mobile="0851-123")
    assert run("check", path, "--write").returncode == 0
    wb = load_workbook(path)
    _cell(wb, "sb_leader_mobile").value = "13985400001"
    wb.save(path)
    assert run("check", path, "--write").returncode == 0
    wb = load_workbook(path)
    assert _cell(wb, "sb_leader_mobile").comment is None
    text = " ".join(str(c.value) for row in wb["校验结果"].iter_rows() for c in row if c.value)
    assert "FIELD_MOBILE" not in text


def test_write_refused_when_open_in_excel(tmp_path):
    path = make_app(tmp_path, "team", name="团队.xlsx")
    (tmp_path / "~$团队.xlsx").write_bytes(b"\x00" * 162)
    before = sha(path)
    p = run("check", path, "--write")
    assert_no_traceback(p)
    assert p.returncode == 2 and has_chinese(p.stderr)
    assert sha(path) == before


def test_write_keeps_untouched_parts_byte_identical(tmp_path):
    path = make_app(tmp_path, "enterprise", name="企业.xlsx")
    with zipfile.ZipFile(path) as z:
        before = {n: z.read(n) for n in z.namelist()}
    assert run("check", path, "--write").returncode == 0
    with zipfile.ZipFile(path) as z:
        after = {n: z.read(n) for n in z.namelist()}
    assert set(before) <= set(after)
    for part in ("xl/styles.xml",):
        assert part in after
    # the form sheet (申报表) has no finding here: its XML must be unchanged
    wb = load_workbook(path)
    index = wb.sheetnames.index("申报表") + 1
    assert before[f"xl/worksheets/sheet{index}.xml"] == after[f"xl/worksheets/sheet{index}.xml"]


def test_terminal_report_and_upload_name(tmp_path):
    path = make_app(tmp_path, "enterprise", name="企业.xlsx")
    p = run("check", path)
    assert p.returncode == 0
    assert "达标" in p.stdout
    assert "黔南州贵州都匀茶香电子商务有限公司2024年十百千万工程示范项目示范企业申报资料.pdf" in p.stdout


def test_upload_name_is_safe_for_windows(tmp_path):
    path = make_app(tmp_path, "team", name="团队.xlsx", sb_name='贵州"剑江"直播/传媒:有限公司*?<>|')
    p = run("check", path)
    assert p.returncode == 0
    line = next(x for x in p.stdout.splitlines() if "申报资料" in x and ".pdf" in x)
    name = line.split("：", 1)[-1].strip()
    assert name.endswith("示范直播团队申报资料.pdf"), name
    assert not set('\\/:*?"<>|') & set(name), name
    assert name.startswith("黔南州贵州") and "剑江" in name
