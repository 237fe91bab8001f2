"""Summaries and the tool's own outputs lying among the applications. Clerks keep 全省.xlsx, an older city
summary or a hand-made 附件4 next to the applications, and review rounds end up there too: ``refresh`` and
``check FOLDER`` skip them with one line ("跳过 N 份项目汇总表（不是申报表）：…"), not as unreadable, and the
exit code stays 0. A workbook that is none of these stays unreadable, as before.

Every file is made the way a person gets it: applications from the bundled examples, summaries by
``refresh`` and ``merge``, a 附件4 typed by hand, a summary saved as .xls by LibreOffice (its table lost),
an expert workbook scored by hand and collected by ``review collect``, a rubric by ``shibai new``."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs import review
from shibai_xl.jobs.merge import merge
from shibai_xl.jobs.refresh import refresh
from tests.filled_cache import example_files
from tests.libreoffice import convert
from tests.test_refresh import rows
from tests.test_summaries_real_world import official

SUMMARY, EXPERT, PLAN, RESULT, RUBRIC = "项目汇总表", "专家评分表", "评审安排", "评审结果", "评分表（附件5）"


def _score_everything(path: Path) -> None:
    """The expert gives every item its full marks, typing into the 专家评分 column."""
    wb = load_workbook(path)
    ws = wb["评分表"]
    cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, cols["满分"]).value is not None:
            ws.cell(r, cols["专家评分"]).value = ws.cell(r, cols["满分"]).value
    wb.save(path)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("next-to-applications")
    apps_made = example_files(root)
    apps = root / "申报表"
    city = root / "贵阳市汇总表.xlsx"
    refresh(city, apps, city="贵阳市")
    others = {"贵阳市汇总表（上一批）.xlsx": SUMMARY, "全省.xlsx": SUMMARY, "遵义市汇总表（手工）.xlsx": SUMMARY,
              "旧格式/贵阳市汇总表.xls": SUMMARY, "园区评分表.xlsx": RUBRIC, "评审/专家评分表-甲.xlsx": EXPERT,
              "评审/评审安排.xlsx": PLAN, "评审结果.xlsx": RESULT}
    shutil.copy(city, apps / "贵阳市汇总表（上一批）.xlsx")
    merge(apps / "全省.xlsx", [city])
    official(apps / "遵义市汇总表（手工）.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
             [("红花岗区", "遵义黔北电商产业园", "示范园区", "国企", "8,000", "1,200", 88),
              ("播州区", "遵义辣椒电子商务有限公司", "示范企业", "民企", 6500, "900", 85)])
    convert(city, "xls", apps / "旧格式")
    assert main(["new", "rubric-park", "--out", str(apps / "园区评分表.xlsx")]) == 0
    review.make(apps / "评审", city, ["甲"], round_id="2024-05")
    _score_everything(apps / "评审" / "专家评分表-甲.xlsx")
    review.collect(apps / "评审", apps / "评审结果.xlsx")
    assert {str(p.relative_to(apps)) for p in apps.rglob("*.xls*")} == {p.name for p in apps_made} | set(others)
    return {"root": root, "apps": apps, "applications": sorted(p.name for p in apps_made), "others": others}


def test_refresh_skips_summaries_and_outputs_with_one_line(folder, capsys):
    summary = folder["root"] / "新汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder["apps"])]) == 0
    out, err = capsys.readouterr()
    line = next(x for x in out.splitlines() if x.startswith("跳过"))
    assert line.startswith(f"跳过 {len(folder['others'])} 份") and "（不是申报表）" in line
    for file, kind in folder["others"].items():
        assert f"{file}（{kind}）" in line, line
    assert "无法读取" not in out + err and "不完整" not in out + err
    assert sorted(r["来源文件"] for r in rows(summary)) == folder["applications"]
    assert "问题文件" not in load_workbook(summary).sheetnames
    report = refresh(summary, folder["apps"])                     # the second time from the cache: the same
    assert report.unreadable == [] and dict(report.skipped) == folder["others"]


def test_check_folder_skips_them_and_lists_only_applications(folder, capsys):
    capsys.readouterr()
    assert main(["check", str(folder["apps"]), "--json"]) == 0
    out, err = capsys.readouterr()
    assert sorted(o["file"] for o in json.loads(out)) == folder["applications"]
    assert err.startswith(f"跳过 {len(folder['others'])} 份") and all(f in err for f in folder["others"])
    assert main(["check", str(folder["apps"])]) == 0
    out, _ = capsys.readouterr()
    assert f"检查了 {len(folder['applications'])} 份申报表" in out and "无法读取" not in out
    assert "跳过" in out and "全省.xlsx" in out


def test_one_kind_only_is_named_once(folder, tmp_path, capsys):
    apps = tmp_path / "申报表"
    shutil.copytree(folder["apps"], apps, ignore=shutil.ignore_patterns("评审*", "园区评分表.xlsx", "旧格式"))
    assert main(["check", str(apps)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("跳过"))
    assert line == "跳过 3 份项目汇总表（不是申报表）：全省.xlsx、贵阳市汇总表（上一批）.xlsx、遵义市汇总表（手工）.xlsx"


def test_a_workbook_that_is_none_of_these_stays_unreadable(folder, tmp_path, capsys):
    apps = tmp_path / "申报表"
    shutil.copytree(folder["apps"], apps)
    wb = Workbook()
    wb.active.append(["品名", "数量", "单价"])
    wb.active.append(["辣椒酱", 100, 12.5])
    wb.save(apps / "采购清单.xlsx")
    capsys.readouterr()
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps)]) == 1
    out, err = capsys.readouterr()
    assert "采购清单.xlsx" in err and "不是申报表" in err
    assert "全省.xlsx" not in err                                    # the summaries are still only skipped
    assert main(["check", str(apps), "--json"]) == 1
    by_file = {o["file"]: o for o in json.loads(capsys.readouterr().out)}
    assert set(by_file) == {*folder["applications"], "采购清单.xlsx"} and "error" in by_file["采购清单.xlsx"]


def test_checking_a_summary_says_what_it_is(folder, capsys):
    for file, kind in (("全省.xlsx", SUMMARY), ("遵义市汇总表（手工）.xlsx", SUMMARY), ("评审结果.xlsx", RESULT)):
        capsys.readouterr()
        assert main(["check", str(folder["apps"] / file)]) == 2
        err = capsys.readouterr().err
        assert f"这是{kind}，不是申报表" in err and "Traceback" not in err


@pytest.fixture
def with_materials(tmp_path) -> Path:
    """An application folder as bureaus receive it: the workbook, the 申报书 in Word, a scanned 营业执照, a
    county's applications still zipped, and what Excel, Windows and macOS leave behind."""
    apps = tmp_path / "申报表"
    made = example_files(tmp_path)[0]
    for p in (tmp_path / "申报表").glob("*.xlsx"):
        if p != made:
            p.unlink()
    (apps / "申报书.docx").write_bytes(b"PK\x03\x04 word")
    (apps / "证明材料").mkdir()
    (apps / "证明材料" / "营业执照.pdf").write_bytes(b"%PDF-1.4")
    (apps / "县里报来的申报表.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    for quiet in ("Thumbs.db", ".DS_Store", "desktop.ini", "._申报书.docx"):
        (apps / quiet).write_bytes(b"x")
    return apps


def test_refresh_names_files_that_are_no_workbook_and_an_archive_makes_it_incomplete(with_materials, tmp_path, capsys):
    capsys.readouterr()
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(with_materials)]) == 1
    out, err = capsys.readouterr()
    line = next(x for x in out.splitlines() if x.startswith("另有 2 个文件不是 Excel 工作簿"))
    assert "申报书.docx" in line and "证明材料/营业执照.pdf" in line and "Word 里填写的申报表" in line
    assert "县里报来的申报表.zip：压缩包，其中的申报表不会被读取：请解压到这个文件夹后再运行" in out + err
    assert not any(q in out + err for q in ("Thumbs.db", ".DS_Store", "desktop.ini", ".bak"))
    assert len(rows(tmp_path / "汇总表.xlsx")) == 1


def test_check_folder_names_them_too(with_materials, capsys):
    capsys.readouterr()
    assert main(["check", str(with_materials), "--json"]) == 1
    out, err = capsys.readouterr()
    got = json.loads(out)
    assert [o.get("error", "")[:3] for o in got if o["file"].endswith(".zip")] == ["压缩包"]
    assert "另有 2 个文件不是 Excel 工作簿" in err


def test_a_folder_of_word_files_only_says_what_it_holds(tmp_path, capsys):
    (tmp_path / "申报表.docx").write_bytes(b"PK")
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "没有找到要检查的申报表" in err and "申报表.docx" in err


@pytest.mark.parametrize("name", ["入驻企业名单.csv", "申报表.txt"])
def test_a_text_file_given_by_name_is_not_said_to_carry_a_table_s_extension(tmp_path, capsys, name):
    """A clerk checks the CSV the applicant exported: the reason says what the file is, not that its extension
    is a table's (it is .csv), and exit 2 as for any file that cannot be read."""
    path = tmp_path / name
    path.write_text("序号,企业名称\n1,贵州某电子商务有限公司\n", encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "不是 Excel 工作簿" in err and "扩展名为表格" not in err, err


@pytest.mark.parametrize("name", ["企业申报表.xlsx.crdownload", "企业申报表.xls.part", "企业申报表.xlsx.download",
                                  "企业申报表.et.xltd"])
def test_an_application_still_downloading_is_unread_not_a_file_that_needs_no_reading(with_materials, tmp_path,
                                                                                      capsys, name):
    """A bureau downloads the applications from its mailbox and runs check/refresh while one is still coming in
    (Chrome/Edge .crdownload, Firefox .part, Safari .download, 迅雷 .xltd). It was named among "不是 Excel 工作簿
    …申报书、证明材料等不需要读取" and the result looked complete (exit 0). It is an application not read: listed
    as such with what to do, the result incomplete (exit 1), in check FOLDER and refresh alike; a Word file still
    downloading is no application and stays in the one line."""
    (with_materials / "县里报来的申报表.zip").unlink()
    (with_materials / name).write_bytes(b"PK\x03\x04" + bytes(300))
    (with_materials / "申报书.docx.crdownload").write_bytes(b"PK\x03\x04")
    capsys.readouterr()
    assert main(["check", str(with_materials), "--json"]) == 1
    out, err = capsys.readouterr()
    got = {o["file"]: o for o in json.loads(out)}
    assert "下载" in got[name]["error"] and "完成" in got[name]["error"], got[name]
    others = next(x for x in err.splitlines() if x.startswith("另有"))
    assert name not in others and "申报书.docx.crdownload" in others
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(with_materials)]) == 1
    out, err = capsys.readouterr()
    assert f"{name}：{got[name]['error']}" in out + err


def test_a_zip_of_applications_checked_by_name_says_to_unzip_it(tmp_path, capsys):
    """A county mails its applications zipped and the clerk runs ``shibai check 县里的申报表.zip``: it said
    "这是压缩包，但不是 Excel 工作簿（缺少 workbook.xml）" — a part name a clerk does not know, and nothing of the
    applications inside. Now it says how many workbooks the archive holds and to unzip it first (as check FOLDER
    says of it); a zip with no workbook in it says the file is probably the wrong one."""
    import zipfile

    made = example_files(tmp_path)[0]
    bundle = tmp_path / "县里的申报表.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.write(made, "申报表/企业.xlsx")
        z.write(made, "申报表/团队.xls")
        z.writestr("申报表/申报书.docx", b"word")
    capsys.readouterr()
    assert main(["check", str(bundle)]) == 2
    err = capsys.readouterr().err
    assert "2 个工作簿" in err and "解压" in err and "workbook.xml" not in err, err
    other = tmp_path / "资料.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("说明.txt", "hello")
    assert main(["check", str(other)]) == 2
    err = capsys.readouterr().err
    assert "不是 Excel 工作簿" in err and "没有工作簿" in err and "workbook.xml" not in err, err


def test_a_folder_holding_only_summaries_says_there_is_no_application(tmp_path, capsys):
    """A clerk checks the folder where only last month's summary lies: it printed an empty table "检查了 0 份申报表"
    and exited 2 ("nothing done") without saying so. Now, as for an empty folder, it says no application was
    found, what it skipped, and prints one empty JSON array with --json."""
    folder = tmp_path / "汇总"
    folder.mkdir()
    assert main(["new", "summary", "--out", str(folder / "贵阳市汇总表.xlsx")]) == 0
    capsys.readouterr()
    assert main(["check", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert "检查了 0 份" not in out
    assert "没有找到要检查的申报表" in err and "贵阳市汇总表.xlsx" in err, err
    assert main(["check", str(folder), "--json"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out) == [] and "没有找到要检查的申报表" in err


def test_an_application_whose_name_begins_with_a_tilde_is_read_and_lock_files_are_not(tmp_path, capsys):
    """An applicant names the file "~贵州某团队申报表.xlsx": check FILE read it, but check FOLDER and refresh left it
    out without a word (every name beginning with "~" was taken for a lock file). Lock and temp files are "~$…"
    (Excel, WPS), ".~lock.…#" (LibreOffice) and ".~…" (WPS on Linux): those stay unsaid, the application is read."""
    made, other = example_files(tmp_path)[:2]
    apps = made.parent
    tilde = other.rename(apps / "~贵州某团队申报表.xlsx")
    for p in apps.glob("*.xlsx"):
        if p not in (made, tilde):
            p.unlink()
    for lock in ("~$贵州某团队申报表.xlsx", ".~lock.贵州某团队申报表.xlsx#", ".~贵州某团队申报表.xlsx"):
        (apps / lock).write_bytes(b"\x08zhangsan" + bytes(156))
    capsys.readouterr()
    assert main(["check", str(apps), "--json"]) == 0
    out, err = capsys.readouterr()
    assert sorted(o["file"] for o in json.loads(out)) == sorted([made.name, tilde.name]) and "lock" not in err, err
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert tilde.name in [r["来源文件"] for r in rows(summary)]


@pytest.mark.parametrize("suffix", [".xltx", ".xltm", ".xlt", ".ots"])
def test_an_application_saved_as_a_template_is_read_in_a_folder_as_by_name(tmp_path, capsys, suffix):
    """An applicant picks "Excel 模板" (or LibreOffice's) in 另存为: check FILE read the form, but check FOLDER and
    refresh named it among "不是 Excel 工作簿…不需要读取" and left it out, exit 0 (WPS's .ett was read). Now it
    is read in a folder as by name."""
    made, other = example_files(tmp_path)[:2]
    apps = made.parent
    for p in apps.glob("*.xlsx"):
        if p not in (made, other):
            p.unlink()
    template = other.with_suffix(suffix)
    if suffix in (".xltx", ".xltm"):
        other.rename(template)
    else:
        convert(other, "xls" if suffix == ".xlt" else "ods", tmp_path / "lo").rename(template)
        other.unlink()
    capsys.readouterr()
    assert main(["check", str(template), "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert main(["check", str(apps), "--json"]) == 0
    out, err = capsys.readouterr()
    got = {o["file"]: o for o in json.loads(out)}
    assert got[template.name]["eligible"] == alone["eligible"] and template.name not in err, err
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps)]) == 0
    assert template.name in [r["来源文件"] for r in rows(tmp_path / "汇总表.xlsx")]
