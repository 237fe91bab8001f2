"""Hostile and broken inputs: nothing crashes, nothing is lost, nothing runs (issue: 安全与数据保护)."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge
from shibai_xl.jobs.refresh import refresh
from tests.hostile.corpus import ALL_CASES, PARK_CASES, TEAM_CASES, Case

CATEGORIES = {c.category for c in ALL_CASES}


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Every bad input, generated once from good workbooks made by ``shibai new``."""
    from shibai_xl.adapters.xlsx.filler import fill
    from shibai_xl.adapters.xlsx.templates import new_application
    from shibai_xl.examples import EXAMPLES, example_residents

    root = tmp_path_factory.mktemp("corpus")
    good = {}
    for t in ("team", "park"):
        wb = new_application(t)
        fill(wb, EXAMPLES[t], example_residents(t) if t == "park" else None)
        good[t] = root / f"good-{t}.xlsx"
        wb.save(good[t])
    bad = root / "bad"
    bad.mkdir()
    paths = {}
    for case in ALL_CASES:
        target = bad / case.filename
        case.build(good["park" if case in PARK_CASES else "team"], target)
        paths[case.name] = target
    return root, good, paths


def test_corpus_is_big_and_varied():
    assert len(ALL_CASES) >= 40
    assert len({c.name for c in ALL_CASES}) == len(ALL_CASES)
    assert {"不是工作簿", "旧格式", "加密", "不是申报表", "XML/压缩炸弹", "内容", "公式注入", "宏", "WPS", "超大"} <= CATEGORIES


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_check_behaves_exactly(corpus, case: Case):
    """Through the real command line, in its own process, with a one-minute bound."""
    _, _, paths = corpus
    path = paths[case.name]
    before = sha(path)
    proc = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "check", str(path), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.returncode == case.exit, proc.stderr
    if case.exit:
        assert proc.stdout == ""
        assert case.says in proc.stderr, proc.stderr
        assert "无法处理" in proc.stderr
    else:
        result = json.loads(proc.stdout)
        codes = {f["code"] for f in result["findings"]}
        assert case.codes <= codes, (case.codes - codes, [f["message"] for f in result["findings"]])
    assert sha(path) == before, "a read must never modify its input"


def test_formula_text_is_never_a_formula(corpus, tmp_path):
    _, _, paths = corpus
    for name in ("formula-name", "plus-name", "at-name", "tab-name", "cr-name", "minus-name"):
        case = next(c for c in TEAM_CASES if c.name == name)
        path = tmp_path / case.filename
        shutil.copy(paths[name], path)
        assert main(["check", str(path), "--write"]) == 0
        wb = load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f":
                        assert not any(bad in str(c.value) for bad in ("HYPERLINK", "cmd|", "1+2")), (ws.title, c.coordinate)
        assert wb.defined_names.get("sb_name") is not None


def test_refresh_goes_on_and_reports_every_bad_file(corpus, tmp_path):
    root, good, paths = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    for p in paths.values():
        shutil.copy(p, folder / p.name)
    shutil.copy(good["team"], folder / "正常团队.xlsx")
    before = {p.name: sha(p) for p in folder.iterdir()}
    summary = tmp_path / "汇总表.xlsx"
    report = refresh(summary, folder)
    from shibai_xl.jobs.workbook_files import CONVERT_SUFFIXES, SUFFIXES
    refused = {c.filename for c in ALL_CASES if c.exit and Path(c.filename).suffix in SUFFIXES + CONVERT_SUFFIXES}
    assert "文字.wps" not in refused and "旧格式.xls" in refused
    assert {f for f, _ in report.unreadable} == refused
    wb = load_workbook(summary)
    problems = {r[0]: r[1] for r in wb["问题文件"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert set(problems) == refused and all(problems.values())
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    names = [ws.cell(r, header["企业名称"]) for r in range(4, ws.max_row + 1) if ws.cell(r, header["企业名称"]).value]
    assert names and all(c.data_type == "s" for c in names)
    for sheet in wb.worksheets:
        if sheet.title != "统计":  # the tool's own SUM formulas live there
            assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"], sheet.title
    assert {p.name: sha(p) for p in folder.iterdir()} == before


def test_merge_skips_bad_city_files(corpus, tmp_path):
    root, good, paths = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(good["team"], folder / "团队.xlsx")
    city = tmp_path / "贵阳市汇总表.xlsx"
    refresh(city, folder, city="贵阳市")
    bad = [paths["zip-bomb"], paths["encrypted"], paths["csv-as-xlsx"], good["team"]]
    report = merge(tmp_path / "全省.xlsx", [city, *bad])
    assert len(report.unreadable) == 4 and [(c, n) for c, n, _f in report.cities] == [("贵阳市", 1)]
    assert all(why for _, why in report.unreadable)


def test_check_write_refused_while_open_in_excel(corpus, tmp_path, capsys):
    _, good, _ = corpus
    path = tmp_path / "申报表.xlsx"
    shutil.copy(good["team"], path)
    (tmp_path / "~$申报表.xlsx").write_bytes(b"lock")
    before = sha(path)
    assert main(["check", str(path), "--write"]) == 2
    assert "关闭" in capsys.readouterr().err and sha(path) == before


def test_write_keeps_one_backup_not_a_pile(corpus, tmp_path):
    _, good, _ = corpus
    path = tmp_path / "申报表.xlsx"
    shutil.copy(good["team"], path)
    for _ in range(3):
        assert main(["check", str(path), "--write"]) == 0
    backups = [p for p in tmp_path.iterdir() if p.name != path.name]
    assert [p.name for p in backups] == ["申报表.xlsx.bak"]


def test_review_collect_refuses_a_bad_workbook_by_name(corpus, tmp_path, capsys):
    _, _, paths = corpus
    round_dir = tmp_path / "评审"
    round_dir.mkdir()
    shutil.copy(paths["encrypted"], round_dir / "专家评分表-甲.xlsx")
    code = main(["review", "collect", str(round_dir), "--out", str(tmp_path / "结果.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.strip()
    assert not (tmp_path / "结果.xlsx").exists()


def test_folder_and_directory_named_like_a_workbook(tmp_path, capsys):
    d = tmp_path / "其实是文件夹.xlsx"
    d.mkdir()
    assert main(["check", str(d)]) == 2
    assert "文件夹" in capsys.readouterr().err
    assert main(["refresh", str(tmp_path / "s.xlsx"), "--from", str(tmp_path / "没有")]) == 2


def _cli(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_pipes_and_devices_named_like_workbooks_do_not_hang(corpus, tmp_path):
    """A named pipe called 申报表.xlsx blocked the open for ever; a link to /dev/zero was hashed for ever."""
    _, good, _ = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(good["team"], folder / "团队.xlsx")
    os.mkfifo(folder / "管道.xlsx")
    (folder / "设备.xlsx").symlink_to("/dev/zero")
    for path in (folder / "管道.xlsx", folder / "设备.xlsx"):
        proc = _cli("check", str(path), timeout=30)
        assert proc.returncode == 2 and "不是普通文件" in proc.stderr and "Traceback" not in proc.stderr
    proc = _cli("refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder), timeout=30)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr + proc.stdout
    out = proc.stdout + proc.stderr
    assert "管道.xlsx" in out and "设备.xlsx" in out and "不是普通文件" in out


def test_control_characters_reach_neither_terminal_nor_outputs(corpus, tmp_path):
    """Excel keeps pasted control characters as _x001B_: printed raw they retitled or cleared the terminal, and
    openpyxl refused the whole summary (IllegalCharacterError, 程序内部错误)."""
    _, _, paths = corpus
    path = paths["escaped-controls"]
    proc = _cli("check", str(path))
    assert proc.returncode == 0 and "黔货" in proc.stdout
    assert not [ch for ch in proc.stdout + proc.stderr if ord(ch) < 32 and ch not in "\n\t" or 0x7f <= ord(ch) <= 0x9f]
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    names = [c.value for row in load_workbook(summary)["项目汇总表"].iter_rows() for c in row
             if isinstance(c.value, str) and "黔货" in c.value]
    assert "黔货]0;pwned[2J电商" in names


def test_a_sheet_too_far_for_calamine_in_a_large_batch_is_listed_and_the_rest_read(corpus, tmp_path):
    """Enough files for the forked helpers, which read without the far-cell scan in a capped address space: the
    helper that meets the sheet ends (calamine's allocation fails), this process reads the rest with the scan,
    the sheet is refused in Chinese — and nothing of calamine's abort reaches the terminal."""
    root, good, paths = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    for i in range(12):
        shutil.copy(good["team"], folder / f"团队{i:02d}.xlsx")
    shutil.copy(paths["far-cell"], folder / "团队05b-最远的格.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    done = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "refresh", str(summary), "--from", str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    shown = done.stdout + done.stderr
    assert "团队05b-最远的格.xlsx" in shown and "Ctrl+End" in shown
    assert "memory allocation" not in shown and "panicked" not in shown and "Traceback" not in shown
    assert "申报表 13 份" in shown


def _stray_value(application: Path, cell: str, fmt: str, tmp_path: Path) -> Path:
    """The application with "误输入" typed far away on its form, saved by LibreOffice as ``fmt``."""
    from tests.libreoffice import convert

    wb = load_workbook(application)
    wb["申报表"][cell] = "误输入"
    wb.save(tmp_path / "团队-最远的格.xlsx")
    return convert(tmp_path / "团队-最远的格.xlsx", fmt, tmp_path / fmt)


def test_an_xls_with_a_value_in_its_last_cell_is_refused_not_read_as_16_million_cells(corpus, tmp_path, capsys):
    """An .xls reaches at most IV65536, yet that grid is 16.7 million cells: calamine and Python took 1 GB and
    seconds for one stray value there. The sheet's cell records say how far it reaches: `check`, `refresh` and
    `merge` refuse it with the Ctrl+End advice, in Chinese; the other files are read."""
    from tests.libreoffice import convert

    _root, good, _paths = corpus
    far = _stray_value(good["team"], "IV65536", "xls", tmp_path)
    assert main(["check", str(far)]) == 2
    err = capsys.readouterr().err
    assert "第 65536 行、第 256 列" in err and "Ctrl+End" in err
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(good["team"], folder / "团队.xlsx")
    shutil.copy(far, folder / far.name)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 1
    shown = capsys.readouterr()
    assert far.name in shown.out + shown.err and "Ctrl+End" in shown.out + shown.err
    typed = load_workbook(summary)
    typed["项目汇总表"]["IV65536"] = "误输入"
    typed.save(tmp_path / "贵阳市汇总表.xlsx")
    city = convert(tmp_path / "贵阳市汇总表.xlsx", "xls", tmp_path / "xls")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 2
    assert "第 65536 行、第 256 列" in capsys.readouterr().err


def test_an_ods_reaching_past_calamines_cell_limit_is_refused_as_such_not_as_damaged(corpus, tmp_path, capsys):
    """calamine refuses an .ods sheet of more than 100 million cells (a value in the last row of column AMJ) as it
    opens the file; the tool used to call that file damaged or password-protected. It says what it is, with the
    Ctrl+End advice."""
    _root, good, _paths = corpus
    far = _stray_value(good["team"], "AMJ1048576", "ods", tmp_path)
    assert main(["check", str(far)]) == 2
    err = capsys.readouterr().err
    assert "延伸得太远" in err and "Ctrl+End" in err and "损坏" not in err


def _xls_with_records(application: Path, tmp_path: Path, name: str, edit) -> Path:
    """The application saved by LibreOffice as .xls, its Workbook stream changed in place by ``edit(stream)``
    (same length: the records a damaged or forged file carries, as olefile rewrites them)."""
    import olefile

    from tests.libreoffice import convert

    xls = convert(application, "xls", tmp_path / "xls")
    target = tmp_path / name
    shutil.copy(xls, target)
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        assert edit(data), "no record to change"
        ole.write_stream("Workbook", bytes(data))
    return target


def _biff_records(data: bytearray):
    import struct

    pos = 0
    while pos + 4 <= len(data):
        rid, length = struct.unpack_from("<HH", data, pos)
        yield rid, pos + 4, length
        pos += 4 + length


def _dimensions_upside_down(data: bytearray) -> bool:
    """Every sheet's DIMENSIONS record (0x0200) says its first row lies after its last: calamine reserves a grid
    for (last − first) rows computed without sign, terabytes, and the allocation aborts the process."""
    import struct

    hit = False
    for rid, body, length in _biff_records(data):
        if rid == 0x0200 and length == 14:
            struct.pack_into("<I", data, body, 0x740000)
            hit = True
    return hit


def _cell_beyond_the_last_column(data: bytearray) -> bool:
    """The first LABELSST cell (0x00FD) moved to column 27395: past XFD, a column no Excel file has."""
    import struct

    for rid, body, length in _biff_records(data):
        if rid == 0x00FD and length >= 4:
            struct.pack_into("<H", data, body + 2, 27394)
            return True
    return False


@pytest.mark.parametrize("edit", [_dimensions_upside_down, _cell_beyond_the_last_column])
def test_an_xls_with_impossible_records_is_refused_and_the_batch_goes_on(corpus, tmp_path, edit):
    """A damaged or forged .xls whose records describe an impossible sheet (DIMENSIONS with its first row after
    its last; a cell past the last column Excel has) used to abort `check`, `refresh` and `merge` with Rust's
    "memory allocation of 3607747589880 bytes failed" (exit 134, nothing written: one file stopped the whole
    folder) or end `merge` with an internal error. It is refused as a damaged .xls in Chinese; the rest is read."""
    _root, good, _paths = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(good["team"], folder / "团队.xlsx")
    bad = _xls_with_records(good["team"], folder, "坏记录.xls", edit)
    before = sha(bad)
    env = {k: v for k, v in os.environ.items() if k != "RUST_BACKTRACE"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", *args], capture_output=True, text=True,
                              timeout=300, env=env)

    done = run("check", str(bad))
    assert done.returncode == 2 and "坏记录.xls" not in done.stdout, done.stderr
    assert "已损坏" in done.stderr and "allocation" not in done.stderr and "内部错误" not in done.stderr
    summary = tmp_path / "汇总表.xlsx"
    done = run("refresh", str(summary), "--from", str(folder))
    assert done.returncode == 1, done.stderr
    assert "坏记录.xls" in done.stdout + done.stderr and "新增 1 行" in done.stdout
    city = _xls_with_records(load_workbook(summary) and summary, tmp_path, "遵义市汇总表.xls", edit)
    done = run("merge", str(tmp_path / "全省.xlsx"), str(city), str(summary))
    assert done.returncode == 1, done.stderr
    assert "遵义市汇总表.xls" in done.stderr and "内部错误" not in done.stderr and "allocation" not in done.stderr
    assert sha(bad) == before


def _cut_xls(application: Path, tmp_path: Path, cut: int) -> Path:
    """The application saved by LibreOffice as .xls, its last ``cut`` bytes missing (a copy or download that
    stopped short)."""
    from tests.libreoffice import convert

    xls = convert(application, "xls", tmp_path / "xls")
    target = tmp_path / f"少了{cut}字节.xls"
    target.write_bytes(xls.read_bytes()[:-cut])
    return target


@pytest.mark.parametrize("cut", [100, 511])
def test_a_cut_off_xls_says_so_in_chinese_without_rusts_panic_text(corpus, tmp_path, cut):
    """calamine panics on some cut-off .xls files; the panic became a Chinese refusal, but Rust had already printed
    "thread '<unnamed>' panicked at …/cfb.rs … range end index 64 out of range … RUST_BACKTRACE" on the user's
    terminal, for `check`, `refresh` and `merge` alike. Nothing of it is shown now."""
    _root, good, _paths = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(good["team"], folder / "团队.xlsx")
    bad = _cut_xls(good["team"], folder, cut)
    env = {k: v for k, v in os.environ.items() if k != "RUST_BACKTRACE"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", *args], capture_output=True, text=True,
                              timeout=300, env=env)

    for done, code in ((run("check", str(bad)), 2), (run("check", str(folder), "--json"), 1),
                       (run("refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)), 1),
                       (run("merge", str(tmp_path / "全省.xlsx"), str(tmp_path / "汇总表.xlsx"), str(bad)), 1)):
        assert done.returncode == code, done.stderr
        assert "已损坏" in done.stderr and (code == 2 or bad.name in done.stderr + done.stdout)
        assert "panicked" not in done.stderr and "RUST_BACKTRACE" not in done.stderr, done.stderr


@pytest.mark.parametrize("cut", [1000, 4096])
def test_a_cut_off_xls_is_called_damaged_not_an_unsupported_format(corpus, tmp_path, cut, capsys):
    """An .xls whose compound-file structure is cut off was refused with "这是Excel 97-2003 工作簿（.xls），不是 .xlsx
    工作簿。请……另存为" — as if .xls were not read at all (it is), sending the user to a file Excel cannot open
    either. It is called damaged or incomplete, with the advice to fetch it again."""
    _root, good, _paths = corpus
    bad = _cut_xls(good["team"], tmp_path, cut)
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "不完整" in err and "重新获取" in err and "不是 .xlsx" not in err
    summary = tmp_path / "汇总表.xlsx"
    assert main(["new", "summary", "--out", str(summary)]) == 0
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary), str(bad)]) == 1
    err = capsys.readouterr().err
    assert bad.name in err and "不完整" in err and "不是 .xlsx" not in err


@pytest.mark.parametrize("target", ["'申报表'!$C$99999999", "'申报表'!$C$0", "'申报表'!$XFE$5"])
def test_a_defined_name_pointing_past_the_sheet_is_no_cell_not_an_internal_error(corpus, tmp_path, capsys, target):
    """A damaged or forged workbook whose sb_name points at row 99,999,999 (past the last row a sheet has) ended
    `check` with 程序内部错误 (exit 3) and listed it in a refresh as 处理时出错; row 0 or a column past XFD is no
    cell either. Such a name is not a cell reference: the application is read without it (by its printed
    labels), like a name pointing at a sheet that is gone."""
    _root, good, _paths = corpus
    wb = load_workbook(good["team"])
    name = wb.defined_names["sb_name"]
    name.attr_text = target
    bad = tmp_path / "名称越界.xlsx"
    wb.save(bad)
    assert main(["check", str(bad), "--json"]) == 0
    out = capsys.readouterr()
    assert "内部错误" not in out.err
    assert json.loads(out.out)["name"] == "安顺黔味直播团队（安顺黔味文化传媒有限公司）"


def test_readers_in_several_threads_put_stderr_back_once_all_are_done():
    """calamine's panic text is kept off the terminal by pointing fd 2 at the null device while it reads
    (quiet_panics). The local service reads in several threads at once: one reader's end must not restore the null
    device another saved as "stderr", nor any end leave stderr pointing nowhere."""
    import os
    import threading

    from shibai_xl.adapters.xlsx.package import quiet_panics

    def same_file(a: os.stat_result, b: os.stat_result) -> bool:
        return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)

    before = os.fstat(2)
    null = os.stat(os.devnull)
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def first():
        with quiet_panics():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with quiet_panics():        # entered while the first redirected: inside, fd 2 is the null device
            second_in.set()
            first_out.wait(5)       # the first has finished: still quiet for this one
            seen.append(same_file(os.fstat(2), null))
            with quiet_panics():    # nested in one thread
                pass
            seen.append(same_file(os.fstat(2), null))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [True, True]
    assert same_file(os.fstat(2), before) and not same_file(os.fstat(2), null)


@pytest.mark.parametrize("part, data", [
    ("_rels/.rels", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships \xff\xfe garbled"),
    ("_rels/.rels", b"<?xml version=\"1.0\"?><Relationships><Relationship Id=\"rId1\""),
    ("xl/workbook.xml", b"<?xml version=\"1.0\"?><workbook xmlns=\"x\"><sheets><sheet name=\"a\" </sheets>"),
    ("xl/_rels/workbook.xml.rels", b"not xml at all"),
])
def test_a_damaged_xml_part_is_said_in_chinese_without_the_parsers_english(tmp_path, make_workbook, part, data):
    """A workbook with a cut or garbled XML part: the refusal quoted lxml's English ("Invalid bytes in character
    encoding", "Start tag expected"); it says what and where in Chinese, exit 2."""
    import re
    import subprocess
    import sys

    from tests.zip_parts import rewrite

    good = make_workbook("team")
    bad = tmp_path / "部件损坏.xlsx"
    rewrite(good, bad, lambda name, kept: data if name == part else kept)
    done = subprocess.run([sys.executable, "-c", "import sys; from shibai_xl.faces.cli import main; sys.exit(main())",
                           "check", str(bad)], capture_output=True, text=True)
    said = done.stderr.replace(str(bad), "").replace(part, "")
    assert done.returncode == 2 and "损坏" in said and "Traceback" not in said, done.stderr
    assert not re.search(r"[A-Za-z]{3,}[ :][a-z]{2,}", said), done.stderr


def test_a_file_name_holding_terminal_markup_shows_literally_in_the_progress_bar_and_stops_nothing(monkeypatch):
    """The progress bar of a long refresh shows the file being read: "申报[/red].xlsx" made rich raise MarkupError
    (the refresh died with a traceback in a terminal) and "[link=…]" became a clickable link."""
    import io

    from rich.console import Console

    from shibai_xl.faces import progress

    monkeypatch.setattr(progress, "DELAY", 0)
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=200, color_system=None)
    with progress.TerminalProgress(console, "读取申报表") as bar:
        bar(1, 2, "[link=http://evil.example]点我[/link].xlsx")
        assert "[link=http://evil.example]点我[/link].xlsx" in buf.getvalue()
        bar(2, 2, "申报[/red].xlsx")
        assert "申报[/red].xlsx" in buf.getvalue()


def test_a_direction_override_in_a_file_or_company_name_does_not_reach_the_terminal(corpus, tmp_path):
    """A file named 团队\\u202excod.xlsx showed in the terminal as 团队xlsx.docx… — reversed by the override, a name
    that misleads about what was checked. Direction overrides and isolates are left out of what is printed."""
    _, good, _ = corpus
    path = tmp_path / "团队\u202exslx.xlsx"
    shutil.copy(good["team"], path)
    proc = _cli("check", str(path))
    shown = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "团队xslx.xlsx" in shown, shown
    assert not [ch for ch in shown if 0x202a <= ord(ch) <= 0x202e or 0x2066 <= ord(ch) <= 0x2069]


def _refreshed_source(tmp_path, folder) -> str:
    """The 来源文件 of the first row of a summary refreshed from ``folder`` (every file read: exit 0)."""
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    return ws.cell(4, header["来源文件"]).value


def test_a_file_named_in_gbk_is_read_and_named_as_windows_showed_it(corpus, tmp_path):
    """A zip made on Chinese Windows, unzipped on 统信 UOS/麒麟, leaves file names in GBK, which Python holds as lone
    surrogates: the file was said to be damaged (“工作簿内容无法读取（系统错误）”, calamine missed the path),
    ``check --json`` and ``refresh`` ended in 程序内部错误 (the name could not be encoded). It is read, and named
    as Windows showed it everywhere the name goes."""
    _, good, _ = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    path = folder / os.fsdecode("贵州团队申报表.xlsx".encode("gbk"))
    shutil.copy(good["team"], path)
    one = _cli("check", os.fsdecode(path), "--json")
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["file"] == "贵州团队申报表.xlsx"
    many = _cli("check", str(folder), "--json")
    assert many.returncode == 0, many.stderr
    assert [r["file"] for r in json.loads(many.stdout)] == ["贵州团队申报表.xlsx"]
    assert _refreshed_source(tmp_path, folder) == "贵州团队申报表.xlsx"


def test_a_file_named_in_gbk_in_a_subfolder_named_in_utf8_keeps_both_names(corpus, tmp_path):
    """申报表/遵义市/ made on this machine, the application in it unzipped from a Windows zip (GBK): the 来源文件 read
    the whole path as GBK, and neither the folder nor the file name came out (“申报表/ʾ\\xb7…”)."""
    _, good, _ = corpus
    folder = tmp_path / "apps"
    (folder / "遵义市").mkdir(parents=True)
    shutil.copy(good["team"], folder / "遵义市" / os.fsdecode("贵州团队申报表.xlsx".encode("gbk")))
    assert _refreshed_source(tmp_path, folder) == "遵义市/贵州团队申报表.xlsx"


def test_a_city_summary_named_in_gbk_is_merged_under_its_city_and_name(corpus, tmp_path):
    """贵阳市汇总表.xlsx in GBK (a zip from a city on Windows, unzipped on 统信 UOS): its rows' 来源文件 lost every
    character of the name (“лܱ.xlsx/团队.xlsx”) and its 市（州） was not read from the name."""
    _, good, _ = corpus
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(good["team"], folder / "团队.xlsx")
    city = tmp_path / os.fsdecode("贵阳市汇总表.xlsx".encode("gbk"))
    assert main(["refresh", str(city), "--from", str(folder)]) == 0
    wb = load_workbook(city)
    wb["项目汇总表"]["A1"].value = "项目汇总表"     # the title says no 市（州）: the file's name does
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) in (0, 1)
    ws = load_workbook(province)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert ws.cell(4, header["来源文件"]).value == "贵阳市汇总表.xlsx/团队.xlsx"
    assert ws.cell(4, header["报送市州"]).value == "贵阳市"


def test_external_links_and_data_connections_are_said_and_never_followed(corpus, tmp_path):
    """A form linked to another company's workbook on a share, with a web query refreshed on open: nothing said, so
    the clerk opened it and let Excel update (the share asked for the user's Windows credentials). FILE_LINKS names
    what it links to; the values read are those saved in the file, and no output carries the links."""
    _, _, paths = corpus
    proc = _cli("check", str(paths["external-links"]), "--json")
    links = [f["message"] for f in json.loads(proc.stdout)["findings"] if f["code"] == "FILE_LINKS"]
    assert len(links) == 1 and "\\\\evil.example\\share\\财务.xlsx" in links[0] and "数据连接" in links[0]
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(paths["external-links"], folder / "外部链接.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    import zipfile

    parts = zipfile.ZipFile(summary).namelist()
    assert not [p for p in parts if "externalLink" in p or "connections" in p], parts
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert "FILE_LINKS" in ws.cell(4, header["问题"]).value


def test_a_line_break_in_a_file_name_forges_no_line_of_the_report_nor_of_a_cell(tmp_path, capsys):
    """A zip unzipped on 统信 UOS/麒麟 may hold names no Windows allows: “企业⏎注意：以上申报表全部通过.xlsx” printed
    its second half as a line of the report, and the 来源文件 cell held two lines. Each control character of a file
    name is shown as its picture (␊), one name on one line; the file is still found by that name again."""
    from tests.test_summaries_real_world import application

    apps = tmp_path / "申报表"
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    (apps / "企业.xlsx").rename(apps / "企业\n注意：以上申报表全部通过.xlsx")
    (apps / "说明.docx\n注意：以上全部通过").write_bytes(b"x")
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    out = capsys.readouterr().out
    assert not [line for line in out.splitlines() if line.startswith("注意：以上")], out
    assert "说明.docx␊注意：以上全部通过" in out
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert ws.cell(4, header["来源文件"]).value == "企业␊注意：以上申报表全部通过.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert "汇总表内容没有变化" in capsys.readouterr().out
