"""``shibai addin build | install | status``: files, the xlwings settings the add-in reads, and the
refusal on Linux. Windows/macOS installs are exercised against a temporary home folder."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from shibai_xl.addin import commands as C
from shibai_xl.addin.build import ADDIN_PROJECT_NAME
from shibai_xl.faces.cli import main


def consoles():
    return (Console(record=True, width=200, file=io.StringIO()),
            Console(record=True, width=200, file=io.StringIO()))


def test_build_writes_the_add_in_and_no_fallback(tmp_path, capsys):
    assert main(["addin", "build", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    path = tmp_path / C.ADDIN_FILE
    assert f"已生成 {path}" in out
    with zipfile.ZipFile(path) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()
    assert [p.name for p in tmp_path.iterdir()] == [C.ADDIN_FILE]   # shibai_xl.xlam is no longer shipped
    with zipfile.ZipFile(tmp_path / C.ADDIN_FILE) as zf:
        assert "sb_check" in zf.read("customUI/customUI14.xml").decode("utf-8")


def test_build_without_out_writes_the_projects_add_in_wherever_it_is_run(tmp_path, monkeypatch, capsys):
    """`shibai addin build` rebuilds the project's workbooks/shibai.xlam (the file `addin status` reports and the
    maintainer commits), not a new workbooks folder in whatever folder the command prompt happens to be in."""
    project, elsewhere = tmp_path / "项目" / "workbooks", tmp_path / "别处"
    project.mkdir(parents=True)
    elsewhere.mkdir()
    monkeypatch.setattr(C, "WORKBOOKS", project)
    monkeypatch.chdir(elsewhere)
    assert main(["addin", "build"]) == 0
    assert (project / C.ADDIN_FILE).is_file()
    assert not any(elsewhere.iterdir())
    assert f"已生成 {project / C.ADDIN_FILE}" in capsys.readouterr().out


def test_install_on_linux_refuses_in_chinese(tmp_path):
    out, err = consoles()
    code = C.install(out, err, platform="linux", home=tmp_path)
    assert code != 0
    assert "Windows 或 macOS" in err.export_text()
    assert not any(tmp_path.iterdir())


@pytest.mark.skipif(C.supported(), reason="the real command would install on this machine")
def test_cli_install_on_this_linux_exits_non_zero(capsys):
    assert main(["addin", "install"]) != 0
    assert "Windows 或 macOS" in capsys.readouterr().err


def test_install_windows_writes_xlstart_and_shibai_conf(tmp_path):
    home, appdata = tmp_path / "home", tmp_path / "AppData" / "Roaming"
    conf = home / f".{ADDIN_PROJECT_NAME}" / f"{ADDIN_PROJECT_NAME}.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text('"LICENSE_KEY","noncommercial"\r\n"UDF MODULES","old_module"\r\n', "cp936")
    out, err = consoles()
    assert C.install(out, err, platform="win32", home=home, env={"APPDATA": str(appdata)},
                     interpreter=r"C:\Python311\python.exe") == 0
    addin = appdata / "Microsoft" / "Excel" / "XLSTART" / "shibai.xlam"
    assert addin.is_file() and zipfile.is_zipfile(addin)
    values = C.read_config(conf)
    assert values == {"LICENSE_KEY": "noncommercial", "INTERPRETER_WIN": r"C:\Python311\python.exe",
                      "PYTHONPATH": f"{C.UDFS_DIR};{C.REPO}", "UDF MODULES": "shibai_udfs"}
    text = out.export_text()
    assert str(addin) in text and "重新启动 Excel" in text
    # installing again changes nothing but the add-in's bytes
    C.install(out, err, platform="win32", home=home, env={"APPDATA": str(appdata)},
              interpreter=r"C:\Python311\python.exe")
    assert C.read_config(conf) == values


def test_install_macos_uses_excels_sandbox_paths(tmp_path, monkeypatch):
    import xlwings.cli

    called = []
    monkeypatch.setattr(xlwings.cli, "runpython_install", lambda args: called.append(args))
    out, err = consoles()
    assert C.install(out, err, platform="darwin", home=tmp_path, interpreter="/usr/local/bin/python3") == 0
    assert called == [None]
    startup = tmp_path / "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
    assert (startup / "shibai.xlam").is_file()
    conf = tmp_path / "Library/Containers/com.microsoft.Excel/Data/shibai.conf"
    assert C.read_config(conf)["INTERPRETER_MAC"] == "/usr/local/bin/python3"


def test_install_reports_a_locked_add_in(tmp_path, monkeypatch):
    def locked(path, config=None):
        raise PermissionError(13, "denied", str(path))

    monkeypatch.setattr(C, "build_addin", locked)
    out, err = consoles()
    assert C.install(out, err, platform="win32", home=tmp_path, env={"APPDATA": str(tmp_path)}) == C.EXIT_FAILED
    assert "退出 Excel" in err.export_text()


def test_chinese_windows_gets_the_settings_file_in_gbk(tmp_path):
    """xlwings' VBA reads shibai.conf with ``Open … For Input``: in the ANSI code page, 936 (GBK) on
    Chinese Windows. A user folder 张三 must arrive as 张三, not as mojibake."""
    appdata = tmp_path / "AppData"
    out, err = consoles()
    python = r"C:\Users\张三\项目\.venv\Scripts\pythonw.exe"
    assert C.install(out, err, platform="win32", home=tmp_path / "张三", env={"APPDATA": str(appdata)},
                     interpreter=python, encoding="cp936") == 0
    data = C.config_path("win32", tmp_path / "张三").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")                                       # what the earlier versions wrote: no more
    assert f'"INTERPRETER_WIN","{python}"\r\n'.encode("cp936") in data   # GBK bytes, CRLF like VBA's Write #
    assert C.read_config(C.config_path("win32", tmp_path / "张三"), "cp936")["INTERPRETER_WIN"] == python


def test_settings_file_keeps_what_the_user_and_xlwings_wrote(tmp_path):
    conf = tmp_path / "shibai.conf"
    # VBA's Write # (xlwings' SaveConfigToFile) writes quoted pairs; a person may leave a value unquoted
    conf.write_bytes('"SHOW CONSOLE","True"\r\n"Debug UDFs",False\r\n\r\n"CONDA PATH","D:\\工具\\conda"\r\n'
                     'a note in the file\r\n"interpreter_win","C:\\old\\python.exe"\r\n'.encode("cp936"))
    C.write_config(conf, {"INTERPRETER_WIN": r"C:\新\python.exe"}, "cp936")
    assert C.read_config(conf, "cp936") == {"SHOW CONSOLE": "True", "Debug UDFs": "False",
                                            "CONDA PATH": "D:\\工具\\conda", "INTERPRETER_WIN": r"C:\新\python.exe"}
    # a line that is no setting would make VBA's Input # misread the rest: it is dropped
    assert b"a note" not in conf.read_bytes() and conf.read_bytes().count(b"\r\n") == 4


def test_a_utf8_file_of_an_earlier_version_is_read_and_rewritten_in_gbk(tmp_path):
    conf = tmp_path / "shibai.conf"
    conf.write_text('"PYTHONPATH","D:\\申报\\udfs"\n', "utf-8")
    assert C.read_config(conf, "cp936") == {"PYTHONPATH": "D:\\申报\\udfs"}
    C.write_config(conf, {"UDF MODULES": "shibai_udfs"}, "cp936")
    assert conf.read_bytes() == '"PYTHONPATH","D:\\申报\\udfs"\r\n"UDF MODULES","shibai_udfs"\r\n'.encode("cp936")


def test_a_path_gbk_cannot_hold_is_refused_in_chinese_before_anything_is_written(tmp_path):
    from shibai_xl.errors import RefusedWrite, ShibaiError

    home, appdata = tmp_path / "home", tmp_path / "AppData"
    out, err = consoles()
    with pytest.raises(ShibaiError) as e:
        C.install(out, err, platform="win32", home=home, env={"APPDATA": str(appdata)},
                  interpreter=r"C:\Users\Şule\python.exe", encoding="cp936")
    assert "“Ş”" in str(e.value) and "cp936" in str(e.value) and "shibai addin install" in str(e.value)
    assert not home.exists() and not appdata.exists()
    # a RefusedWrite: the CLI shows its message (it catches ShibaiError), never a traceback
    assert isinstance(e.value, RefusedWrite)


def test_config_file_format_is_what_xlwings_reads(tmp_path):
    """xlwings' VBA (GetConfigFromFile) and xlwings.utils.read_user_config read "KEY","VALUE" lines."""
    from xlwings import utils

    conf = tmp_path / "shibai.conf"
    C.write_config(conf, C.config_values("C:\\py\\python.exe", "win32"), "cp936")
    lines = conf.read_text("cp936").splitlines()
    assert lines[0] == '"INTERPRETER_WIN","C:\\py\\python.exe"'
    import xlwings

    old = xlwings.USER_CONFIG_FILE
    try:
        xlwings.USER_CONFIG_FILE = str(conf)
        assert utils.read_user_config()["udf modules"] == "shibai_udfs"
    finally:
        xlwings.USER_CONFIG_FILE = old


def test_status_works_on_linux(tmp_path):
    conf = C.config_path("linux", tmp_path)
    C.write_config(conf, {"UDF MODULES": "shibai_udfs"})
    out, _ = consoles()
    assert C.status(out, platform="linux", home=tmp_path, workbooks=tmp_path) == 0
    text = out.export_text()
    assert "本系统没有 Excel" in text and str(conf) in text and "UDF MODULES = shibai_udfs" in text
    assert "未构建" in text


def test_status_after_windows_install(tmp_path):
    env = {"APPDATA": str(tmp_path / "AppData")}
    out, err = consoles()
    C.install(out, err, platform="win32", home=tmp_path, env=env)
    lines = C.status_lines(platform="win32", home=tmp_path, env=env, workbooks=tmp_path)
    assert any(line.startswith("已安装的加载项：") and line.endswith("shibai.xlam") for line in lines)
    assert any("PYTHONPATH = " in line and str(C.UDFS_DIR) in line for line in lines)


def test_cli_status_and_missing_subcommand(capsys):
    assert main(["addin", "status"]) == 0
    assert "xlwings" in capsys.readouterr().out
    assert main(["addin"]) == C.EXIT_USAGE


def test_udfs_folder_is_where_install_points():
    assert (C.UDFS_DIR / f"{C.UDF_MODULE}.py").is_file()
    assert C.config_path("win32", Path("/h")) == Path("/h/.shibai/shibai.conf")
