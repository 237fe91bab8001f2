"""``shibai check`` on real workbooks: the JSON contract, the report, exit codes, every finding code."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.faces.cli import main
from shibai_xl.jobs.workbook_files import FolderFiles
from tests.conftest import TYPES, all_materials, example


def run_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "exactly one JSON object on stdout"
    return json.loads(out)


@pytest.mark.parametrize("app_type", TYPES)
def test_json_contract_on_real_workbooks(make_workbook, capsys, app_type):
    path = make_workbook(app_type)
    j = run_json(path, capsys)
    assert list(j) == ["file", "type", "name", "eligible", "score", "findings"]
    assert j["file"] == path.name and j["type"] == app_type and j["name"] == example(app_type)["sb_name"]
    assert j["eligible"] is True
    assert j["score"]["max"] == (120 if app_type in ("park", "base") else 100)
    assert isinstance(j["score"]["auto"], (int, float))
    assert sum(i["auto"] for i in j["score"]["items"] if not i["id"].startswith("4.")) + min(
        20, sum(i["auto"] for i in j["score"]["items"] if i["id"].startswith("4."))) == j["score"]["auto"]
    for f in j["findings"]:
        assert f["severity"] in ("error", "warning", "info") and f["message"]
        assert f["severity"] != "error", f


def test_json_via_the_installed_command(make_workbook, tmp_path):
    """The console script itself: stdout is exactly one JSON object, nothing on stderr."""
    path = make_workbook("team")
    proc = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "check", str(path), "--json"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["type"] == "team"


RUN = "from shibai_xl.faces.cli import run; run()"   # what the installed ``shibai`` script calls


def test_the_command_ends_at_once_with_everything_written(make_workbook, tmp_path):
    """``run`` ends the process without the interpreter's teardown: the output is whole (a large JSON through a
    pipe), the exit code is main's, a refusal still reaches stderr, and a refresh's summary is complete on disk."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    for kind in ("park", "team"):
        make_workbook(kind).rename(folder / f"{kind}.xlsx")
    proc = subprocess.run([sys.executable, "-c", RUN, "check", str(folder), "--json"], capture_output=True)
    assert proc.returncode == 0
    assert sorted(o["file"] for o in json.loads(proc.stdout)) == ["park.xlsx", "team.xlsx"]
    refused = subprocess.run([sys.executable, "-c", RUN, "check", str(tmp_path / "没有.xlsx")], capture_output=True)
    assert refused.returncode == 2 and "找不到" in refused.stderr.decode("utf-8")
    summary = tmp_path / "汇总表.xlsx"
    done = subprocess.run([sys.executable, "-c", RUN, "refresh", str(summary), "--from", str(folder)], capture_output=True)
    assert done.returncode == 0 and "新增 2 行" in done.stdout.decode("utf-8")
    ws = load_workbook(summary)["项目汇总表"]
    assert sum(1 for row in ws.iter_rows(min_row=4, values_only=True) if row[3]) == 2


def test_file_field_is_the_same_however_the_file_is_given(make_workbook, tmp_path, capsys, monkeypatch):
    """CONTRACT §4: ``check F --json``, ``check F1 F2 --json`` and ``check FOLDER --json`` hold the same per-file
    object: ``file`` is the file's name when it is given directly, its path relative to the folder otherwise."""
    folder = tmp_path / "申报表"
    (folder / "县区").mkdir(parents=True)
    team = make_workbook("team").rename(folder / "县区" / "团队.xlsx")
    park = make_workbook("park").rename(folder / "园区.xlsx")

    def files(*args: str) -> list[str]:
        capsys.readouterr()
        assert main(["check", *args, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        return [o["file"] for o in out] if isinstance(out, list) else [out["file"]]

    assert files(str(team)) == ["团队.xlsx"]
    assert files(str(team), str(park)) == ["团队.xlsx", "园区.xlsx"]
    monkeypatch.chdir(tmp_path)
    assert files("申报表/县区/团队.xlsx", "./申报表/园区.xlsx") == ["团队.xlsx", "园区.xlsx"]
    assert sorted(files("申报表")) == [str(Path("县区") / "团队.xlsx"), "园区.xlsx"]
    assert files("申报表/县区") == ["团队.xlsx"]
    # two inputs of one name: each labelled by its path as given, so that a program tells which result is whose
    (tmp_path / "遵义").mkdir()
    make_workbook("team").rename(tmp_path / "遵义" / "团队.xlsx")
    assert files("申报表/县区", "遵义") == [str(Path("申报表/县区/团队.xlsx")), str(Path("遵义/团队.xlsx"))]
    assert files("申报表/县区/团队.xlsx", "遵义/团队.xlsx") == ["申报表/县区/团队.xlsx", "遵义/团队.xlsx"]
    # one file given twice, or a folder and a file in it: checked once
    assert files("遵义/团队.xlsx", "遵义/团队.xlsx") == ["团队.xlsx"]
    assert files("遵义", "遵义/团队.xlsx") == ["团队.xlsx"]


CLI = [sys.executable, "-m", "shibai_xl.faces.cli"]


@pytest.mark.parametrize("args", [["--json"], []], ids=["json", "report"])
def test_a_reader_that_closes_the_pipe_is_not_an_internal_error(make_workbook, tmp_path, args):
    """The reader of stdout goes away before anything is written (a real pipe, closed at once): quiet exit
    141 (128 + SIGPIPE, as a shell reports it), nothing on stderr — no traceback, no 程序内部错误."""
    path = make_workbook("park")
    for target in (path, path.parent):
        proc = subprocess.Popen([*CLI, "check", str(target), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace")
        assert proc.wait(timeout=120) == 141 and err == "", (target, err)


def test_check_piped_into_head(make_workbook):
    """`shibai check F --json | head -c 10`, as a person types it: head gets its 10 bytes and exits; whether
    shibai had written everything before (0) or not (141), nothing but head's bytes reaches the screen."""
    path = make_workbook("team")
    proc = subprocess.run(["bash", "-c", 'set -o pipefail; "$@" | head -c 10', "sh", *CLI, "check", str(path), "--json"],
                          capture_output=True, timeout=120)
    assert proc.returncode in (0, 141) and proc.stdout == b'{"file": "' and proc.stderr == b"", proc.stderr.decode()


def test_failing_application_still_exits_zero(make_workbook, capsys):
    path = make_workbook("base", example("base", sb_trade_total=4000))
    j = run_json(path, capsys)
    assert j["eligible"] is False
    f = next(f for f in j["findings"] if f["code"] == "ELIG_TRADE")
    assert f["sheet"] == "申报表" and f["cell"]


@pytest.mark.parametrize("content,word", [(b"", "空的"), (b"not a workbook at all", "文本文件"),
                                          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "xls")])
def test_unreadable_file_exits_nonzero_with_chinese_message(tmp_path, capsys, content, word):
    path = tmp_path / "坏文件.xls"
    path.write_bytes(content)
    assert main(["check", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and word in captured.err and "Traceback" not in captured.err


def test_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "没有这个文件.xlsx")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_terminal_report(make_workbook, capsys):
    path = make_workbook("park", example("park", sb_live_rooms=9))
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    for text in ("前置条件", "达标", "建议得分", "服务体系及设施", "上传文件名",
                 "贵阳市贵州黔货出山园区运营管理有限公司2024年十百千万工程示范项目示范园区申报资料.pdf"):
        assert text in out, text


def _codes(path, capsys) -> set[str]:
    return {f["code"] for f in run_json(path, capsys)["findings"]}


CASES = {
    "ELIG_AGE": ("park", dict(sb_established=date(2023, 1, 1))),
    "ELIG_TRADE": ("park", dict(sb_trade_total=2.5)),
    "ELIG_RETAIL": ("enterprise", dict(sb_online_retail=80)),
    "ELIG_LIVE_SALES": ("team", dict(sb_live_sales=300)),
    "ELIG_REGION": ("enterprise", dict(sb_uscc=make_uscc("330100"))),
    "ELIG_ENTITY": ("enterprise", dict(sb_uscc=make_uscc("520102", head="92"))),
    "ELIG_CREDIT": ("team", dict(sb_credit_ok="否")),
    "ELIG_MISSING": ("base", dict(sb_online_retail=None)),
    "FIELD_REQUIRED": ("team", dict(sb_name=None)),
    "FIELD_USCC": ("team", dict(sb_uscc="91520102MA6DKQ8X1A")),
    "FIELD_AMOUNT": ("team", dict(sb_live_sales="约五百万左右")),
    "FIELD_PERIOD": ("team", dict(sb_period_start=date(2023, 3, 1))),
    "FIELD_MOBILE": ("enterprise", dict(sb_leader_mobile="1234567")),
    "FIELD_TEXT_SHORT": ("enterprise", dict(sb_performance="业绩很好。")),
    "RULE_GAP": ("park", dict(sb_crossborder_usd=500000)),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_form_finding_code_on_a_real_workbook(make_workbook, capsys, code):
    app_type, changes = CASES[code]
    path = make_workbook(app_type, example(app_type, **changes))
    assert code in _codes(path, capsys)
    clean = make_workbook(app_type)
    assert code not in _codes(clean, capsys) or code == "RULE_GAP"


def _resident_case(make_workbook, mutate, app_type="park", **changes):
    rows = example_residents(app_type)
    mutate(rows)
    return make_workbook(app_type, example(app_type, **changes), residents=rows)


def test_resident_codes_on_real_workbooks(make_workbook, capsys):
    def drop_one(rows):
        rows.pop()

    def halve(rows):
        for r in rows:
            r["年度网络交易额（万元）"] /= 2

    def retail_down(rows):
        for r in rows:
            r["年度网络零售额（万元）"] /= 3

    def few_staff(rows):
        for r in rows:
            r["从业人数"] = 2

    def dup(rows):
        rows[5]["企业名称"] = rows[2]["企业名称"].replace("有限公司", "有限责任公司")

    def contradict(rows):
        rows[0]["年度网络零售额（万元）"] = rows[0]["年度网络交易额（万元）"] + 1

    expectations = [(drop_one, "XC_RESIDENT_COUNT"), (halve, "XC_RESIDENT_TRADE"), (retail_down, "XC_RESIDENT_RETAIL"),
                    (few_staff, "XC_RESIDENT_STAFF"), (dup, "XC_RESIDENT_DUP"), (contradict, "XC_RESIDENT_ROW")]
    for mutate, code in expectations:
        path = _resident_case(make_workbook, mutate)
        j = run_json(path, capsys)
        found = [f for f in j["findings"] if f["code"] == code]
        assert found, code
        if code in ("XC_RESIDENT_DUP", "XC_RESIDENT_ROW"):
            assert found[0]["sheet"] == "入驻企业名单" and found[0]["cell"], found[0]


def test_missing_material_is_reported(make_workbook, capsys, rules):
    mats = all_materials(rules)
    mats["sb_mat_audit"] = "否"          # the applicant's own material: not admitted to review (三（三）)
    mats["sb_mat_icp"] = "否"            # needed only with an own website: a warning
    path = make_workbook("enterprise", materials=mats)
    j = run_json(path, capsys)
    f = next(f for f in j["findings"] if f["code"] == "ELIG_MATERIALS")
    assert "审计报告" in f["message"] and f["sheet"] == "材料清单" and f["severity"] == "error"
    f = next(f for f in j["findings"] if f["code"] == "MAT_MISSING")
    assert "ICP" in f["message"] and f["sheet"] == "材料清单" and f["severity"] == "warning"
    assert j["eligible"] is False


def test_json_verdicts_of_the_notice_read_to_the_letter(make_workbook, capsys):
    """A 个体工商户 enterprise is not eligible; a park whose list does not reach 3000万 of 网络零售额 while the
    form says 3600万 is undecided; neither loses its suggested score."""
    clean = run_json(make_workbook("enterprise"), capsys)
    individual = run_json(make_workbook("enterprise", example("enterprise", sb_uscc=make_uscc("522601", head="92"))),
                          capsys)
    assert individual["eligible"] is False and clean["eligible"] is True
    assert individual["score"]["auto"] == clean["score"]["auto"] == 100
    rows = example_residents("park")
    for row in rows:
        row["年度网络零售额（万元）"] = 240          # 12 × 240 = 2880万
    park = run_json(make_workbook("park", example("park", sb_online_retail=3600), residents=rows), capsys)
    assert park["eligible"] is None
    assert any(f["code"] == "ELIG_EVIDENCE" and f["severity"] == "error" and "2880万元" in f["message"]
               and "3600万元" in f["message"] for f in park["findings"])
    assert park["score"]["auto"] == run_json(make_workbook("park"), capsys)["score"]["auto"] == 120


@pytest.mark.parametrize("command", [[], ["check"], ["new"], ["refresh"], ["merge"], ["demo"], ["review"],
                                     ["review", "make"], ["review", "collect"], ["serve"], ["wps"], ["wps", "install"],
                                     ["addin"], ["addin", "build"]])
def test_every_help_a_user_reads_is_chinese(command, capsys):
    """`shibai … --help`: the usage line's placeholders too (--from 文件夹, not FOLDER)."""
    with pytest.raises(SystemExit) as ended:
        main([*command, "--help"])
    assert ended.value.code == 0
    shown = capsys.readouterr().out
    words = set(re.findall(r"\b[A-Za-z][A-Za-z_]{2,}\b", shown)) - {"shibai", "help", "json", "write", "from", "batch",
                                                                        "city", "out", "title", "experts", "expert",
                                                                        "cities", "round", "pass", "line", "trim", "min",
                                                                        "port", "version"}
    allowed = {"WPS", "Excel", "JSON", "xlsx", "xls", "ods", "xlsb", "csv", "jsaddons", "publish", "xml", "xlam",
               "new", "check", "refresh", "merge", "demo", "review", "make", "collect", "serve", "wps", "addin",
               "build", "install", "status", "uninstall", "health", "Ctrl", "LibreOffice", "token", "sb_summary",
               "SHIBAI_RULES", "toml", "pdf", "Calc", "ribbon", "xlsm", "park", "base", "enterprise", "team",
               "summary", "rubric", "demo_output", "workbooks", "Windows", "macOS", "xlwings"}
    assert words <= allowed, sorted(words - allowed)



def test_merge_help_says_the_province_table_is_updated_and_which_city_files_it_reads(capsys):
    """`shibai merge -h` called the province table 输出的 (a clerk would make a new one each round and lose the
    province's own 撤回 marks and columns, README 第4步) and named no format of the city files (QA qa45d)."""
    with pytest.raises(SystemExit):
        main(["merge", "-h"])
    shown = capsys.readouterr().out
    assert "输出的全省汇总表" not in shown and "已有时更新" in shown
    assert all(ext in shown for ext in (".xls", ".ods", ".xlsb")) and "手工" in shown


def test_refresh_help_says_what_batch_is_and_how_it_may_be_written(capsys):
    """`--batch 批次，例如 2024-05` told a clerk neither that it is the 评审批次 a project keeps from its first refresh
    (README 第3步) nor that 5月 / 第一批 are taken (QA qa45d)."""
    with pytest.raises(SystemExit):
        main(["refresh", "-h"])
    shown = capsys.readouterr().out
    assert "评审批次" in shown and "第一批" in shown and "第一次汇总" in shown

def test_an_empty_folder_with_json_prints_an_empty_array(tmp_path, capsys):
    """CONTRACT §4: ``check FOLDER --json`` prints one JSON array — also when the folder holds no workbook (it
    printed nothing); the reason goes to stderr in Chinese and the exit is 2, as without --json."""
    (tmp_path / "空文件夹").mkdir()
    assert main(["check", str(tmp_path / "空文件夹"), "--json"]) == 2
    said = capsys.readouterr()
    assert json.loads(said.out) == [] and "没有找到要检查的申报表" in said.err


def test_a_folder_given_with_others_that_holds_no_workbook_is_said(make_workbook, tmp_path, capsys):
    """`shibai check 贵阳 遵义` where 遵义's applications are not there yet (an empty folder, or one holding only
    lock files and backups): the table showed 贵阳's results alone and said nothing of 遵义 — as if it had been
    checked and found fine. Each folder given that holds no workbook is said on the info line (stderr with --json),
    the exit staying what the files read make it."""
    given = tmp_path / "贵阳"
    given.mkdir()
    make_workbook("team").rename(given / "团队.xlsx")
    empty = tmp_path / "遵义"
    empty.mkdir()
    (empty / "团队.xlsx.bak").write_bytes(b"PK")
    capsys.readouterr()
    assert main(["check", str(given), str(empty), "--json"]) == 0
    said = capsys.readouterr()
    assert [o["file"] for o in json.loads(said.out)] == ["团队.xlsx"]
    assert f"文件夹 {empty} 中没有申报表工作簿" in said.err, said.err
    assert main(["check", str(given / "团队.xlsx"), str(empty)]) == 0
    assert f"文件夹 {empty} 中没有申报表工作簿" in capsys.readouterr().out


@pytest.mark.parametrize("given", [".", "./", "..", "{root}"])
def test_check_of_the_current_folder_or_a_drive_is_no_internal_error(make_workbook, tmp_path, capsys, monkeypatch,
                                                                      given):
    """A clerk opens a terminal in the applications' folder and types `shibai check .` (or `check ..` from a
    sub-folder, `check D:\\` for a drive's top): looking for the lock files of the workbooks given asked the name of
    “.”, which has none, and the command ended with 程序内部错误 (exit 3). The folder is checked as any other."""
    folder = tmp_path / "申报表"
    (folder / "子").mkdir(parents=True)
    make_workbook("team").rename(folder / "团队.xlsx")
    monkeypatch.chdir(folder / "子" if given == ".." else folder)
    if given == "{root}":   # a drive's top: its name is empty too
        given = folder.anchor
        monkeypatch.setattr("shibai_xl.jobs.check_file.folder_files", lambda *a, **k: FolderFiles([folder / "团队.xlsx"]))
    capsys.readouterr()
    assert main(["check", given, "--json"]) == 0, capsys.readouterr().err
    assert [o["type"] for o in json.loads(capsys.readouterr().out)] == ["team"]


def test_a_program_s_own_layout_missing_the_name_of_an_unused_cell_is_not_called_pasted(tmp_path, rules, capsys):
    """Another program writes a team application in its own layout, every answer under its CONTRACT §2 name,
    and has no cell for 类型（其他） (its 类型 is 民营企业). Nothing was read by printed labels: the note says
    which name is missing, not that the workbook lost its names by pasting and "0项" were read by labels."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    answers = {**example("team"), **all_materials(rules)}
    for r, (name, value) in enumerate(answers.items(), 1):
        ws.cell(r, 1, name)
        ws.cell(r, 2, value)
        wb.defined_names[name] = DefinedName(name, attr_text=f"'数据'!$B${r}")
    path = tmp_path / "团队.xlsx"
    wb.save(path)
    j = run_json(path, capsys)
    assert j["type"] == "team" and j["eligible"] is True
    (said,) = [f["message"] for f in j["findings"] if f["code"] == "FILE_LABELS"]
    assert "类型（其他）" in said and "0项" not in said and "粘贴" not in said, said


def test_a_name_or_file_name_written_like_terminal_markup_prints_literally(make_workbook, capsys, monkeypatch, tmp_path):
    """rich reads "[link=…]…[/link]" in a printed text as a clickable link and "[red]" as a colour: an applicant's
    name or file name holding them must print as typed, in the one-file report and in the folder table."""
    monkeypatch.setenv("COLUMNS", "400")
    name = "[link=http://evil.example]点我[/link][red]贵州某公司"
    folder = tmp_path / "apps"
    folder.mkdir()
    path = make_workbook("team", example("team", sb_name=name))
    path = path.rename(folder / "[red]申报[bold].xlsx")
    from shibai_xl.jobs.check_file import check_file

    upload = check_file(path).upload_name
    assert "[red]" in upload
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"上传文件名：{upload}" in out and name in out
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "[red]申报[bold].xlsx" in out and name in out


def test_demo_into_a_folder_whose_name_looks_like_terminal_markup_says_where_it_wrote(tmp_path, capsys):
    """A folder named "示例[/b]" made rich raise MarkupError on the last line: 程序内部错误 after the demo was written."""
    out = tmp_path / "示例[/b]"
    assert main(["demo", "--out", str(out)]) == 0
    assert f"示例文件已写入 {out.resolve()}" in capsys.readouterr().out


def test_check_folder_says_which_applications_are_one_company(make_workbook, tmp_path, capsys, monkeypatch):
    """CONTRACT §5 XC_CROSS_APP: a bureau checks its mailbox folder, where one company applied as 企业 and as
    直播团队, and another sent its form twice (a corrected version beside the original). ``check FOLDER`` said
    nothing of either (only ``refresh`` did): now it names them after the results (on stderr with --json) — two
    versions of one application say which one a refresh takes — while each file's object stays exactly what
    ``check FILE`` gives (CONTRACT §4: the array holds the per-file objects)."""
    folder = tmp_path / "邮箱"
    folder.mkdir()
    code = make_uscc("520102", "MA6DKQ8X2")
    make_workbook("enterprise", example("enterprise", sb_uscc=code, sb_name="贵州甲电商有限公司")
                  ).rename(folder / "甲-企业.xlsx")
    make_workbook("team", example("team", sb_uscc=code, sb_name="贵州甲电商有限公司")).rename(folder / "甲-团队.xlsx")
    make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 1))).rename(folder / "乙.xlsx")
    make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 28))).rename(folder / "乙-更正.xlsx")
    make_workbook("park").rename(folder / "丙园区.xlsx")
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    out = capsys.readouterr()
    got = {o["file"]: o for o in json.loads(out.out)}
    said = {f: [line for line in out.err.splitlines() if line.startswith(f"重复申报：{f}：")] for f in got}
    assert said["丙园区.xlsx"] == []
    for f, other in (("甲-企业.xlsx", "甲-团队.xlsx"), ("甲-团队.xlsx", "甲-企业.xlsx")):
        (msg,) = said[f]
        assert "贵州甲电商有限公司" in msg and other in msg, msg
    for f in ("乙.xlsx", "乙-更正.xlsx"):
        (msg,) = said[f]
        assert "2个版本" in msg and "采用“乙-更正.xlsx”" in msg, msg
    alone = {f: run_json(folder / f, capsys) for f in got}
    for f, o in got.items():   # each object is the file's own, as checked alone
        assert {**o, "file": f} == {**alone[f], "file": f}, f
    monkeypatch.setenv("COLUMNS", "400")
    assert main(["check", str(folder)]) == 0      # the terminal report names the duplicates too
    assert "重复申报：乙.xlsx：" in capsys.readouterr().out


def test_check_folder_shows_progress_on_stderr_and_json_alone_on_stdout(make_workbook, tmp_path, capsys, monkeypatch):
    """A folder of hundreds of applications on a slow shared drive: check FOLDER showed nothing until the end, as if
    it hung (refresh shows a bar). It now shows the same bar, on stderr in a terminal only, and stdout holds the JSON
    alone."""
    from shibai_xl.faces import cli, progress
    from shibai_xl.jobs.check_file import check_many

    folder = tmp_path / "邮箱"
    folder.mkdir()
    for i, kind in enumerate(("team", "enterprise", "park")):
        make_workbook(kind, example(kind, sb_uscc=make_uscc("520102", f"MA6DKQ8X{i}"))).rename(folder / f"{i}.xlsx")
    seen = []
    check_many([folder], progress=lambda i, n, name: seen.append((i, n, name)))
    assert seen == [(0, 3, "0.xlsx"), (1, 3, "1.xlsx"), (2, 3, "2.xlsx"), (3, 3, "")]   # the file being read
    shown = []
    begin = progress.TerminalProgress._begin
    monkeypatch.setattr(progress.TerminalProgress, "_begin",
                        lambda self: (shown.append((self.title, self.console)), begin(self)))
    monkeypatch.setattr(progress, "DELAY", 0)
    monkeypatch.setattr(cli.LazyConsole, "isatty", lambda self: self._stderr)   # stderr a terminal, stdout a pipe
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert [(title, console.stream) for title, console in shown[:1]] == [("检查申报表", sys.stderr)]


def test_a_wildcard_windows_does_not_expand_is_expanded_by_check(make_workbook, tmp_path, capsys):
    """On Windows the command prompt passes "D:\\申报\\*.xlsx" as typed (no shell expands it): check said
    "找不到文件：…*.xlsx". check expands it as a shell would; a pattern matching nothing says so."""
    folder = tmp_path / "申报"
    folder.mkdir()
    for i, kind in enumerate(("team", "enterprise")):
        make_workbook(kind, example(kind, sb_uscc=make_uscc("520102", f"MA6DKQ8Y{i}"))).rename(folder / f"{i}.xlsx")
    (folder / "申报书.docx").write_bytes(b"PK")
    capsys.readouterr()
    assert main(["check", str(folder / "*.xlsx"), "--json"]) == 0
    assert sorted(o["file"] for o in json.loads(capsys.readouterr().out)) == ["0.xlsx", "1.xlsx"]
    assert main(["check", str(folder / "1.xls?"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == "1.xlsx"      # one file: one object, as a shell gives it
    assert main(["check", str(folder / "*.xls")]) == 2
    err = capsys.readouterr().err
    assert "没有与" in err and "*.xls" in err and "找不到文件" not in err, err


@pytest.mark.parametrize("command", [["check", "申报表.xlsx", "--josn"], ["refresh", "汇总表.xlsx", "--from", "申报表",
                                                                         "--bath", "2024-05"],
                                     ["review", "collect", "评审", "--out", "结果.xlsx", "--passline", "60"]])
def test_a_mistyped_option_shows_the_usage_of_the_command_it_was_typed_for(command, capsys):
    """`shibai check 申报表.xlsx --josn` printed the usage of `shibai 命令 ...`, which lists no option of check: the
    clerk saw no --json to correct the typo to. It shows the usage of the command typed (exit 2, nothing done)."""
    with pytest.raises(SystemExit) as ended:
        main(command)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert f"用法：shibai {' '.join(command[:2] if command[0] == 'review' else command[:1])} " in err
    assert f"无法识别的参数：{command[-2] if command[-1][0].isdigit() else command[-1]}" in err


def test_a_wildcard_matching_nothing_with_json_prints_an_empty_array(tmp_path, capsys):
    """`shibai check D:\\申报\\*.xlsx --json` (several files, CONTRACT §4: one array) matching no file printed nothing,
    though an empty folder prints []: a program reading stdout failed to parse it. It prints [], the reason on
    stderr, exit 2, as for the empty folder."""
    assert main(["check", str(tmp_path / "*.xlsx"), "--json"]) == 2
    said = capsys.readouterr()
    assert json.loads(said.out) == [] and "没有与" in said.err


def test_reports_redirected_to_a_file_in_the_chinese_windows_code_page(flawed_park, tmp_path):
    """``shibai check 申报表.xlsx > 结果.txt`` on Chinese Windows: a redirected stdout is in the ANSI code page, GBK,
    which has no “•” (the findings' bullet) nor some rare characters of a company's name. The report ended with
    “程序内部错误” (exit 3) after the check was done; now a character GBK cannot hold is written as “?” and the
    rest of the report is there, exit 0 — for one file and for a folder's table alike."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    flawed_park.rename(folder / "园区.xlsx")
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    for target, words in ((folder / "园区.xlsx", "FIELD_USCC"), (folder, "检查了 1 份申报表")):
        proc = subprocess.run([sys.executable, "-c", RUN, "check", str(target)], capture_output=True, env=env)
        said = proc.stdout.decode("gbk")
        assert proc.returncode == 0, proc.stderr.decode("gbk", "replace")
        assert "程序内部错误" not in proc.stderr.decode("gbk", "replace")
        assert words in said, said
    proc = subprocess.run([sys.executable, "-c", RUN, "check", str(folder / "园区.xlsx"), "--json"],
                          capture_output=True, env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout.decode("utf-8"))["type"] == "park"   # JSON stays UTF-8


def test_a_folder_table_in_an_80_column_terminal_tells_a_base_from_a_team(make_workbook, tmp_path, capsys,
                                                                           monkeypatch):
    """``check 文件夹`` in an ordinary 80-column terminal cut 示范直播基地 and 示范直播团队 both to “示范直…”: the clerk
    could not tell the two types apart. The 类型 column now says 园区 / 基地 / 企业 / 团队 as 附件4 writes them."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    for t in TYPES:
        make_workbook(t).rename(folder / f"{t[0]}.xlsx")
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check", str(folder)]) == 0
    lines = {name: line for line in capsys.readouterr().out.splitlines()
             for name in TYPES if line.startswith(f"│ {name[0]}.xlsx")}
    shown = {name: line.split("│")[2].strip() for name, line in lines.items()}
    assert shown == {"park": "园区", "base": "基地", "enterprise": "企业", "team": "团队"}, lines
