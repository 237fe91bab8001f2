"""Every deliberate refusal a user can meet, through the real command line: exit 2 (nothing done), a
Chinese message on stderr that says what happened, no traceback, no "程序内部错误" — and the input
files untouched. One error model (``shibai_xl.errors``): the CLI catches exactly ``ShibaiError``.

Each case builds real files the way a person would get them (``shibai new`` and filled by defined name,
LibreOffice's .xls, a summary made by ``shibai refresh``, expert workbooks made by ``shibai review make``
and edited by hand) and returns the command line to run."""
from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import refresh
from tests.filled_cache import example_files

from .libreoffice import SOFFICE, convert

CJK = re.compile(r"[\u4e00-\u9fff]")
TRANSITIONAL = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
STRICT = ("http://purl.oclc.org/ooxml/spreadsheetml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships")


@dataclass
class Refusal:
    name: str
    setup: Callable[[Path, Callable[..., Path]], list[str]]   # (folder, make_workbook) → argv
    says: str                                                 # what the message must say


def _strict(src: Path, target: Path, parts: Callable[[str], bool]) -> Path:
    """``src`` rewritten with Strict Open XML namespaces in the parts ``parts`` selects (Excel's
    "Strict Open XML 电子表格" writes them in every part)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if parts(info.filename):
                text = data.decode("utf-8")
                for old, new in zip(TRANSITIONAL, STRICT):
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return target


def _summary(d: Path) -> Path:
    """A city's 项目汇总表 made by ``shibai refresh`` from the bundled examples (in ``d/申报表``)."""
    example_files(d)
    summary = d / "项目汇总表.xlsx"
    refresh(summary, d / "申报表", city="贵阳市")
    return summary


def _tampered_round(d: Path, make) -> list[str]:
    summary = _summary(d)
    round_dir = d / "评审"
    assert main(["review", "make", str(round_dir), "--from", str(summary), "--experts", "甲,乙", "--round", "2024-05"]) == 0
    book = round_dir / "专家评分表-甲.xlsx"
    wb = load_workbook(book)
    ws = wb["评分表"]
    col = next(c.column for c in ws[4] if c.value == "满分")
    ws.cell(5, col).value = 99           # an expert raises an item's full marks
    wb.save(book)
    return ["review", "collect", str(round_dir), "--out", str(d / "评审结果.xlsx")]


def _locked(lock: str):
    def setup(d: Path, make) -> list[str]:
        app = make("team")
        (app.parent / lock.format(name=app.name)).write_bytes(b"")
        return ["check", str(app), "--write"]
    return setup


def _xls(d: Path, make) -> list[str]:
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    return ["check", str(convert(make("enterprise"), "xls", d / "xls")), "--write"]


def _text_as_xlsx(d: Path, make) -> list[str]:
    (d / "申报表.xlsx").write_text("企业名称,金额\n甲,1\n", "utf-8")
    return ["check", str(d / "申报表.xlsx")]


def _empty_folder(d: Path, make) -> list[str]:
    (d / "空").mkdir()
    return ["check", str(d / "空")]


def _nothing_readable(d: Path, make) -> list[str]:
    (d / "apps").mkdir()
    (d / "apps" / "坏.xlsx").write_bytes(b"PK\x03\x04 not really")
    return ["refresh", str(d / "汇总表.xlsx"), "--from", str(d / "apps")]


def _summary_locked(d: Path, make) -> list[str]:
    summary = _summary(d)
    (d / f".~lock.{summary.name}#").write_text("someone,host,2024", "utf-8")
    return ["refresh", str(summary), "--from", str(d / "申报表")]


def _merge_nothing(d: Path, make) -> list[str]:
    (d / "贵阳市.xlsx").write_text("不是工作簿", "utf-8")
    return ["merge", str(d / "全省.xlsx"), str(d / "贵阳市.xlsx")]


def _merge_into_foreign(d: Path, make) -> list[str]:
    summary = _summary(d)
    return ["merge", str(make("park")), str(summary)]


def _merge_into_a_city(d: Path, make) -> list[str]:
    """The province argument forgotten: the first city summary would become the output."""
    first = _summary(d)
    second = d / "遵义市汇总表.xlsx"
    refresh(second, d / "申报表", city="遵义市")
    return ["merge", str(first), str(second)]


def _merge_into_an_input(d: Path, make) -> list[str]:
    summary = _summary(d)
    return ["merge", str(summary), str(summary)]


def _merge_only_the_province(d: Path, make) -> list[str]:
    """The province table made by merge, given again as its only input (``shibai merge 全省.xlsx *.xlsx`` in a folder
    holding only it): once a refusal listing no file — "没有一个市（州）汇总表能够读取：" and nothing after it."""
    province = d / "全省.xlsx"
    assert main(["merge", str(province), str(_summary(d))]) == 0
    return ["merge", str(province), str(province)]


def _damaged_publish_xml(d: Path, make) -> list[str]:
    jsaddons = d.parent / "home" / ".local/share/Kingsoft/wps/jsaddons"    # HOME is tmp_path/home (below)
    jsaddons.mkdir(parents=True)
    (jsaddons / "publish.xml").write_text("<jsplugins><jsplugin name='公文助手'", "utf-8")
    return ["wps", "install", "--port", "27399"]


def _foreign_expert_book(d: Path, make) -> list[str]:
    """``专家评分表-甲.xlsx`` is already there but is not an expert workbook (NotAReviewBook, a WrongKind)."""
    summary = _summary(d)
    (d / "r").mkdir()
    shutil.copy(make("team"), d / "r" / "专家评分表-甲.xlsx")
    return ["review", "make", str(d / "r"), "--from", str(summary), "--experts", "甲"]


CASES = [
    Refusal("check: a text file named .xlsx", _text_as_xlsx, "文本文件"),
    Refusal("check: a missing file", lambda d, make: ["check", str(d / "没有这个文件.xlsx")], "找不到"),
    Refusal("check: a workbook that is not an application", lambda d, make: (
        main(["new", "summary", "--out", str(d / "汇总.xlsx")]), ["check", str(d / "汇总.xlsx")])[1], "不是申报表"),
    Refusal("check: a Strict Open XML workbook", lambda d, make: [
        "check", str(_strict(make("team"), d / "strict.xlsx", lambda n: n.endswith((".xml", ".rels"))))],
        "Strict Open XML 电子表格"),
    Refusal("check --write: Strict Open XML, refused by the writer", lambda d, make: [
        "check", "--write", str(_strict(make("team"), d / "strict-rels.xlsx", lambda n: n == "_rels/.rels"))],
        "Strict Open XML"),
    Refusal("check --write: an .xls workbook", _xls, "另存为"),
    Refusal("check --write: open in Excel (~$)", _locked("~${name}"), "Excel/WPS"),
    Refusal("check --write: open in LibreOffice", _locked(".~lock.{name}#"), "LibreOffice"),
    Refusal("check --write: open in WPS on Linux", _locked(".~{name}"), "WPS"),
    Refusal("check --write with several files", lambda d, make: ["check", "--write", str(make("team")),
                                                                 str(make("park"))], "单个申报表"),
    Refusal("check: a folder without workbooks", _empty_folder, "没有找到"),
    Refusal("new: an unknown type", lambda d, make: ["new", "超市", "--out", str(d / "x.xlsx")], "不认识的类型"),
    Refusal("new: not .xlsx", lambda d, make: ["new", "企业", "--out", str(d / "x.xls")], ".xlsx"),
    Refusal("refresh: a folder that does not exist", lambda d, make: [
        "refresh", str(d / "汇总表.xlsx"), "--from", str(d / "没有")], "找不到申报表文件夹"),
    Refusal("refresh: an .xls summary", lambda d, make: [
        "refresh", str(d / "汇总表.xls"), "--from", str(make("team").parent)], "只写入 .xlsx"),
    Refusal("refresh: nothing readable", _nothing_readable, "都无法读取"),
    Refusal("refresh: an application given as the summary", lambda d, make: (
        lambda app: ["refresh", str(app), "--from", str(app.parent)])(make("park")), "汇总表"),
    Refusal("refresh: the summary open in LibreOffice", _summary_locked, "LibreOffice"),
    Refusal("merge: no city summary readable", _merge_nothing, "没有一个市（州）汇总表能够读取"),
    Refusal("merge: into a workbook that is not a provincial summary", _merge_into_foreign, "不是本工具生成的全省汇总表"),
    Refusal("merge: into a city summary (the province forgotten)", _merge_into_a_city, "不是全省汇总表"),
    Refusal("merge: the province among the inputs", _merge_into_an_input, "也在要合并的市（州）汇总表中"),
    Refusal("merge: the province table its only input", _merge_only_the_province, "没有要合并的市（州）汇总表"),
    Refusal("new: over an existing (filled) file", lambda d, make: ["new", "企业", "--out", str(make("enterprise"))],
            "已存在"),
    Refusal("new: over an existing file, through a folder that is not there", lambda d, make: [
        "new", "企业", "--out", str(make("enterprise").parent / "没有这个文件夹" / ".." / "enterprise-1.xlsx")], "已存在"),
    Refusal("review make: a bad round id", lambda d, make: [
        "review", "make", str(d / "r"), "--from", str(_summary(d)), "--experts", "甲", "--round", '"第一轮"'], "评审轮次"),
    Refusal("review make: the same expert twice", lambda d, make: [
        "review", "make", str(d / "r"), "--from", str(_summary(d)), "--experts", "甲,甲"], "重复"),
    Refusal("review make: an unknown city for an expert", lambda d, make: [
        "review", "make", str(d / "r"), "--from", str(_summary(d)), "--experts", "甲",
        "--expert-cities", "甲=北京"], "无法识别"),
    Refusal("review make: from an application, not a summary", lambda d, make: [
        "review", "make", str(d / "r"), "--from", str(make("park")), "--experts", "甲"], "sb_summary"),
    Refusal("review make: a foreign workbook where an expert's would go", _foreign_expert_book, "无法确认其中没有专家评分"),
    Refusal("review collect: trim below 3", lambda d, make: [
        "review", "collect", str(d), "--out", str(d / "r.xlsx"), "--trim-min", "2"], "不小于3"),
    Refusal("review collect: output not .xlsx", lambda d, make: [
        "review", "collect", str(d), "--out", str(d / "r.xls")], ".xlsx"),
    Refusal("review collect: no such folder", lambda d, make: [
        "review", "collect", str(d / "没有"), "--out", str(d / "r.xlsx")], "找不到评审文件夹"),
    Refusal("review collect: an expert workbook changed by hand", _tampered_round, "满分"),
    Refusal("serve: a port out of range", lambda d, make: ["serve", "--port", "70000"], "端口"),
    Refusal("wps install: a port out of range", lambda d, make: ["wps", "install", "--port", "0"], "端口"),
    Refusal("wps install: a publish.xml it cannot parse", _damaged_publish_xml, "未做改动"),
]


def _digests(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_refusal_exits_2_with_a_chinese_message(case, tmp_path, make_workbook, capsys, monkeypatch):
    monkeypatch.delenv("SHIBAI_DEBUG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))     # nothing a case does may reach the real home
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "APPDATA"):
        monkeypatch.delenv(var, raising=False)
    d = tmp_path / "work"
    d.mkdir()
    argv = case.setup(d, make_workbook)
    capsys.readouterr()
    before = _digests(tmp_path)
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (argv, out, err)
    assert "Traceback" not in out + err and "程序内部错误" not in err
    assert CJK.search(err) and case.says in err.replace("\n", ""), err
    assert "无法处理" in err, err
    assert _digests(tmp_path) == before, "a refusal changes no file"


def test_usage_errors_exit_2_with_the_usage(capsys):
    for argv in (["check"], ["refresh", "汇总表.xlsx"], ["check", "a.xlsx", "--bogus"], ["new", "企业"],
                 ["review", "collect", "评审", "--out", "x.xlsx", "--trim-min", "abc"], ["serve", "--port", "八千"],
                 ["refresh", "汇总表.xlsx", "--from"]):
        with pytest.raises(SystemExit) as e:
            main(argv)
        err = capsys.readouterr().err
        assert e.value.code == 2 and "用法：" in err and "错误：" in err, (argv, err)
        said = err.split("错误：", 1)[1]
        assert not re.search(r"argument|invalid|required|expected|unrecognized", said), (argv, err)   # all Chinese
    for argv in (["review"], ["addin"], ["wps"]):      # a command without its 操作
        assert main(argv) == 2
        assert "请指定 shibai " + argv[0] in capsys.readouterr().err


def test_an_internal_error_is_not_a_refusal(tmp_path, capsys, monkeypatch):
    """The control: what is not a ShibaiError is reported as a bug (exit 3), never as 无法处理."""
    monkeypatch.delenv("SHIBAI_DEBUG", raising=False)
    app = tmp_path / "t.xlsx"
    assert main(["new", "team", "--out", str(app)]) == 0
    monkeypatch.setattr("shibai_xl.jobs.check_file.check", lambda *a, **k: 1 / 0)
    capsys.readouterr()
    assert main(["check", str(app)]) == 3
    err = capsys.readouterr().err
    assert "程序内部错误（" in err and "无法处理" not in err and "Traceback" not in err
    # the user reads Chinese only; the exception and its traceback are in the log named, for technical support
    assert "ZeroDivisionError" not in err and "文件未改动" in err and "错误记录.log" in err
    log = err.split("详细信息已记录在“", 1)[1].split("”", 1)[0]
    assert "ZeroDivisionError" in Path(log).read_text("utf-8") and "Traceback" in Path(log).read_text("utf-8")


def test_an_internal_error_naming_a_file_not_in_utf8_is_logged_without_a_traceback(tmp_path, capsys, monkeypatch):
    """A file name that is not UTF-8 (a GBK name unpacked on Linux: surrogate escapes) in the exception's text: the
    log is still written, and the user still reads only the Chinese message (QA qa17)."""
    monkeypatch.delenv("SHIBAI_DEBUG", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    app = tmp_path / "t.xlsx"
    assert main(["new", "team", "--out", str(app)]) == 0

    def broken(*a, **k):
        raise ValueError("\udcd5\udcc5.xlsx")

    monkeypatch.setattr("shibai_xl.jobs.check_file.check", broken)
    capsys.readouterr()
    assert main(["check", str(app)]) == 3
    err = capsys.readouterr().err
    assert "程序内部错误（" in err and "Traceback" not in err and "错误记录.log" in err
    assert "\\udcd5" in next((tmp_path / "cache").rglob("错误记录.log")).read_text("utf-8")


def test_a_refusal_through_the_installed_command_prints_no_traceback(tmp_path):
    """The same through the console script, in its own process (what a user's terminal shows)."""
    exe = shutil.which("shibai")
    if exe is None:
        pytest.skip("the shibai console script is not installed")
    import subprocess

    (tmp_path / "x.xlsx").write_text("不是工作簿", "utf-8")
    proc = subprocess.run([exe, "refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "都无法读取" in proc.stderr
    assert not (tmp_path / "汇总表.xlsx").exists()


def test_refusals_are_of_the_kind_the_error_model_says():
    """errors.py: an input readable but not what the command needs is a WrongKind (not "unreadable"); a patch
    refusal is a RefusedWrite and nothing else (nothing catches ValueError for it)."""
    from shibai_xl.adapters.xlsx.book_kinds import OtherWorkbook
    from shibai_xl.adapters.xlsx.patch import PatchError
    from shibai_xl.adapters.xlsx.reader import NotAnApplication
    from shibai_xl.adapters.xlsx.review_read import NotAReviewBook
    from shibai_xl.errors import RefusedWrite, UnreadableInput, WrongKind

    for kind in (NotAnApplication, NotAReviewBook, OtherWorkbook):
        assert issubclass(kind, WrongKind) and not issubclass(kind, UnreadableInput), kind
    assert issubclass(PatchError, RefusedWrite) and not issubclass(PatchError, ValueError)


def test_a_strict_open_xml_application_in_a_folder_is_listed_with_how_to_convert(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    _strict(make_workbook("enterprise"), apps / "企业.xlsx", lambda n: n.endswith((".xml", ".rels")))
    capsys.readouterr()
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps)]) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "企业.xlsx" in x)
    assert "Strict Open XML" in line and "另存为" in line and "Excel 工作簿" in line and "不是申报表" not in line


@pytest.mark.parametrize("name,head,said", [
    ("~$申报表.xlsx", b"\x05zhang" + bytes(160), "临时锁定文件"),
    ("营业执照.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(100), "PDF 文件"),
    ("申报表.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(100), "图片"),
    ("申报表.xls", b"Rar!\x1a\x07\x00" + bytes(100), "压缩包"),
])
def test_a_file_given_that_is_no_workbook_is_named_for_what_it_is(tmp_path, capsys, name, head, said):
    path = tmp_path / name
    path.write_bytes(head)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err


def test_a_name_too_long_for_the_system_is_said_in_chinese(tmp_path, capsys):
    assert main(["check", str(tmp_path / ("申" * 200 + ".xlsx"))]) == 2
    err = capsys.readouterr().err
    assert "文件名或路径太长" in err and "程序内部错误" not in err and "Errno" not in err


def test_a_name_whose_backup_would_be_too_long_names_the_clerks_file_not_a_temp_file(tmp_path, capsys):
    """`check 申报表.xlsx --write` of a file whose name (252 bytes: 80-odd Chinese characters, as long names of
    companies make on 统信 UOS/麒麟) leaves no room for “.bak”: the refusal named
    “.shibai-5bce98-22812-my3ozjkd.bak.tmp”, a file the clerk never saw. It names the backup it could not make;
    the workbook is untouched, exit 2."""
    path = tmp_path / ("贵州山珍优品电子商务有限公司" * 5 + "示范企业申报表最终版本1234.xlsx")
    assert len(path.name.encode()) == 252
    assert main(["new", "team", "--out", str(path)]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["check", str(path), "--write"]) == 2
    err = capsys.readouterr().err
    assert "文件名或路径太长" in err and ".shibai-" not in err and ".bak" in err, err
    assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == [path]


def test_a_truncated_workbook_is_said_without_python_words(tmp_path, capsys):
    whole = tmp_path / "完整.xlsx"
    assert main(["new", "team", "--out", str(whole)]) == 0
    cut = tmp_path / "申报表.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert main(["check", str(cut)]) == 2
    err = capsys.readouterr().err
    assert "损坏" in err and not re.search(r"[A-Za-z]{5,}", err.replace("Excel", "").replace(".xlsx", "")), err


@pytest.mark.parametrize("argv", [["new", "team", "--out", "{f}/企业.xlsx"], ["merge", "{f}/全省.xlsx", "{city}"],
                                  ["demo", "--out", "{f}"], ["demo", "--out", "{f}/示例"],
                                  ["addin", "build", "--out", "{f}"]],
                         ids=["new", "merge", "demo", "demo-below", "addin-build"])
def test_a_file_where_the_output_folder_should_be_is_named(tmp_path, capsys, argv):
    """The folder given for the output is a file (a name without extension, a workbook typed for a folder): the user
    read '操作系统拒绝了对“…”的操作（系统错误 17）' or '找不到“…/申报表”' of a path they could see."""
    blocker = tmp_path / "申报材料"
    blocker.write_bytes(b"not a folder")
    city = tmp_path / "市汇总表.xlsx"
    assert main(["new", "summary", "--out", str(city)]) == 0
    capsys.readouterr()
    assert main([a.format(f=blocker, city=city) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "“申报材料”是文件，不是文件夹" in err and "系统错误" not in err and "找不到" not in err, err
    assert blocker.read_bytes() == b"not a folder"


@pytest.mark.parametrize("argv", [["review", "collect", "{round}", "--out", "{d}/评审结果.xlsx"],
                                  ["addin", "build", "--out", "{d}"]], ids=["review-collect", "addin-build"])
def test_a_folder_where_the_output_file_should_be_is_named(tmp_path, make_workbook, capsys, argv):
    """A folder stands where the output file goes: the user read '操作系统拒绝了对“…”的操作（是文件夹），请检查后重试'
    with no hint what to do, and for the add-in the name of a hidden temp file of ours."""
    target = tmp_path / "out"
    (target / "评审结果.xlsx").mkdir(parents=True)
    (target / "shibai.xlam").mkdir()
    rounds = tmp_path / "round"
    rounds.mkdir()
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, example_files(tmp_path / "demo")[0].parent)
    assert main(["review", "make", str(rounds), "--from", str(summary), "--experts", "甲,乙,丙"]) == 0
    capsys.readouterr()
    assert main([a.format(d=target, round=rounds) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "是文件夹，不是文件" in err and "请换一个文件名" in err and ".shibai-" not in err, err


def test_the_conversion_command_said_for_an_xls_summary_can_be_pasted_into_a_terminal(tmp_path, capsys):
    """refresh of 贵阳市汇总表.xls said to run soffice --headless --convert-to xlsx “贵阳市汇总表.xls”: pasted into a
    terminal, the curly quotes are part of the name and soffice finds no such file. The command quotes the name as a
    shell does."""
    (tmp_path / "申报表").mkdir()
    (tmp_path / "贵阳市汇总表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))   # a city's old table
    assert main(["refresh", str(tmp_path / "贵阳市汇总表.xls"), "--from", str(tmp_path / "申报表")]) == 2
    err = capsys.readouterr().err
    assert 'soffice --headless --convert-to xlsx "贵阳市汇总表.xls"' in err, err
    # beside a .xlsx of that name the command would overwrite it without asking: not said then
    (tmp_path / "贵阳市汇总表.xlsx").write_bytes(b"the clerk's own table")
    assert main(["refresh", str(tmp_path / "贵阳市汇总表.xls"), "--from", str(tmp_path / "申报表")]) == 2
    err = capsys.readouterr().err
    assert "soffice" not in err and "旁边已有“贵阳市汇总表.xlsx”" in err and "以免覆盖它" in err, err
    assert (tmp_path / "贵阳市汇总表.xlsx").read_bytes() == b"the clerk's own table"


@pytest.mark.parametrize("argv", [["refresh", "{d}/贵阳市汇总表.xls", "--from", "{d}/申报表"],
                                  ["merge", "{d}/贵阳市汇总表.xls", "{d}/遵义市汇总表.xlsx"]])
def test_an_xls_name_typed_for_a_table_still_to_be_made_is_told_to_write_xlsx(argv, tmp_path, capsys):
    """A clerk whose office keeps .xls typed "贵阳市汇总表.xls" for a summary the tool was to create: the refusal said
    the (absent) file was an Excel 97-2003 workbook, left unchanged, to be opened and saved as .xlsx or converted
    with soffice, a file that is not there. It says to write the name as .xlsx, which the tool creates."""
    (tmp_path / "申报表").mkdir()
    assert main([a.format(d=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "“贵阳市汇总表.xlsx”" in err and "还不存在" in err, err
    assert "soffice" not in err and "另存为" not in err and "未改动" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["申报表"]
