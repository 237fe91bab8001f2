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
    conf.write_text('"LICENSE_KEY","noncommercial"\n"UDF MODULES","old_module"\n', "utf-8")
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


def test_config_file_format_is_what_xlwings_reads(tmp_path):
    """xlwings' VBA (GetConfigFromFile) and xlwings.utils.read_user_config read "KEY","VALUE" lines."""
    from xlwings import utils

    conf = tmp_path / "shibai.conf"
    C.write_config(conf, C.config_values("C:\\py\\python.exe", "win32"))
    lines = conf.read_text("utf-8").splitlines()
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
