"""``shibai addin build | install | status``.

* ``build`` writes the project's ``workbooks/shibai.xlam`` (the generated add-in), or into ``--out``.
* ``install`` (Windows/macOS) writes the add-in into Excel's startup folder
  (XLSTART), so Excel loads it on every start, and the xlwings settings the
  add-in reads: the add-in's VBA project is named ``shibai`` (xlwings'
  ``PROJECT_NAME``), so its settings file is ``%USERPROFILE%\\.shibai\\shibai.conf``
  on Windows and ``~/Library/Containers/com.microsoft.Excel/Data/shibai.conf`` on
  macOS (Excel's sandbox home). Settings: this Python (``INTERPRETER_WIN`` /
  ``INTERPRETER_MAC``), ``PYTHONPATH`` with the project's ``udfs/`` folder, and
  ``UDF MODULES`` = ``shibai_udfs`` (the Excel formulas SB_…).  The file is written
  the way xlwings' VBA reads it (``Open … For Input``): in the machine's ANSI code
  page on Windows (936, GBK, on Chinese Windows), CRLF line ends; every other
  setting already in it is kept.
* ``status`` shows what is configured; it works on Linux too.
"""
from __future__ import annotations

import locale
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console

from ..errors import RefusedWrite, why
from .build import ADDIN_PROJECT_NAME, build_addin

# a usage error is "nothing done": 2 like every command of the CLI (faces/cli.py), never 1 ("partly done")
# CONTRACT §4: the user's environment (Excel holding the add-in, a full disk) is 2, "nothing done"; 3 is a bug
EXIT_OK, EXIT_USAGE, EXIT_UNSUPPORTED, EXIT_FAILED = 0, 2, 2, 2
ADDIN_FILE = "shibai.xlam"
UDF_MODULE = "shibai_udfs"
REPO = Path(__file__).resolve().parents[2]
UDFS_DIR = REPO / "udfs"
WORKBOOKS = REPO / "workbooks"   # the project's add-in, wherever the command is run from (status reports the same file)
_LINE = re.compile(r'^\s*"([^"]*)"\s*,\s*(?:"([^"]*)"|([^",]*?))\s*$')


def supported(platform: str = sys.platform) -> bool:
    return platform.startswith("win") or platform == "darwin"


def config_path(platform: str = sys.platform, home: Path | None = None) -> Path:
    """Where the add-in (xlwings PROJECT_NAME ``shibai``) reads its user settings."""
    home = Path.home() if home is None else home
    name = f"{ADDIN_PROJECT_NAME}.conf"
    if platform == "darwin":
        return home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / name
    return home / f".{ADDIN_PROJECT_NAME}" / name


def xlstart_dir(platform: str = sys.platform, home: Path | None = None,
                env: Mapping[str, str] | None = None) -> Path | None:
    """Excel's per-user startup folder: workbooks and add-ins in it open with Excel."""
    home = Path.home() if home is None else home
    env = os.environ if env is None else env
    if platform.startswith("win"):
        appdata = env.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / "Microsoft" / "Excel" / "XLSTART"
    if platform == "darwin":
        return (home / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
                / "Startup.localized" / "Excel")
    return None


def config_values(interpreter: str = sys.executable, platform: str = sys.platform,
                  udfs_dir: Path = UDFS_DIR) -> dict[str, str]:
    key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    return {key: interpreter, "PYTHONPATH": ";".join([str(udfs_dir), str(udfs_dir.parent)]),
            "UDF MODULES": UDF_MODULE}


def settings_encoding(platform: str = sys.platform) -> str:
    """How xlwings' VBA reads the settings file: ``Open … For Input`` decodes it in the
    system's ANSI code page on Windows (``cp936``, GBK, on Chinese Windows).  Describing a
    Windows machine from elsewhere (tests), the project's users' code page, 936."""
    if platform.startswith("win"):
        return locale.getencoding() if sys.platform.startswith("win") else "cp936"
    return "utf-8"


def _decode(data: bytes, encoding: str) -> str:
    # Earlier versions wrote UTF-8; a Chinese path in GBK is practically never valid UTF-8.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    return text.removeprefix("\ufeff")


def _entries(text: str) -> list[tuple[str, str]]:
    """``(key, value)`` per ``"KEY","VALUE"`` line (the value may be unquoted, as VBA's ``Input #``
    reads it); other lines are not settings."""
    out = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            out.append((m.group(1), m.group(2) if m.group(2) is not None else m.group(3)))
    return out


def read_config(path: Path, encoding: str | None = None) -> dict[str, str]:
    """xlwings' settings file: one ``"KEY","VALUE"`` per line (``encoding``: :func:`settings_encoding`)."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    return dict(_entries(_decode(data, encoding or settings_encoding())))


def check_encodable(values: Mapping[str, str], encoding: str) -> None:
    """Refuse (:class:`RefusedWrite`) a value the settings file's code page cannot hold:
    xlwings would read something else, and Excel would not find Python."""
    for key, value in values.items():
        try:
            value.encode(encoding)
        except UnicodeEncodeError as e:
            raise RefusedWrite(
                f"设置 {key} 的值“{value}”中的“{value[e.start:e.end]}”不能用本机的代码页（{encoding}）保存，"
                "Excel 中的 xlwings 会读错它、找不到 Python。请把 Python 和本工具安装到路径只含汉字、英文字母和数字的"
                "文件夹（例如 D:\\shibai-xl），再运行 shibai addin install。") from None


def write_config(path: Path, values: Mapping[str, str], encoding: str | None = None) -> None:
    """Set ``values`` in the settings file, keeping every other setting already there, rewritten as
    quoted ``"KEY","VALUE"`` lines (a line that is no setting would make VBA's ``Input #`` misread
    the rest, so it is dropped). ``encoding``: :func:`settings_encoding`; CRLF line ends except in
    UTF-8 files. A value the code page cannot hold is refused before anything is written."""
    encoding = encoding or settings_encoding()
    check_encodable(values, encoding)
    try:
        old = _entries(_decode(path.read_bytes(), encoding))
    except OSError:
        old = []
    wanted = {k.upper() for k in values}
    lines = [f'"{key}","{value}"' for key, value in old if key.upper() not in wanted]
    lines += [f'"{k}","{v}"' for k, v in values.items()]
    newline = "\n" if encoding.replace("-", "").lower() == "utf8" else "\r\n"
    data = "".join(line + newline for line in lines).encode(encoding, errors="replace")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)   # a full disk: no half file left beside the settings
        raise


def build(out: Path) -> list[Path]:
    return [build_addin(out / ADDIN_FILE)]


def install(console: Console, err: Console, platform: str = sys.platform, home: Path | None = None,
            env: Mapping[str, str] | None = None, interpreter: str = sys.executable,
            encoding: str | None = None) -> int:
    """Install the add-in and its settings; ``encoding`` of the settings file defaults to
    :func:`settings_encoding` of ``platform``. A path the code page cannot hold is refused
    (:class:`RefusedWrite`) before anything is written."""
    if not supported(platform):
        err.print("Excel 加载项只能安装在 Windows 或 macOS 的 Excel 中，当前系统不支持。"
                  "在本机可以使用命令行：shibai check / shibai refresh 等（shibai -h 查看）。")
        return EXIT_UNSUPPORTED
    target_dir = xlstart_dir(platform, home, env)
    conf = config_path(platform, home)
    encoding = encoding or settings_encoding(platform)
    values = config_values(interpreter, platform)
    check_encodable(values, encoding)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        addin = build_addin(target_dir / ADDIN_FILE)
        write_config(conf, values, encoding)
    except PermissionError:
        err.print(f"无法写入 {target_dir}：加载项可能正被 Excel 使用。请先完全退出 Excel，再运行 shibai addin install。")
        return EXIT_FAILED
    except RefusedWrite as e:   # the add-in's write refused: Excel holding it, no permission, a full disk
        err.print(f"{e}如果 Excel 正在运行，请先完全退出 Excel，再运行 shibai addin install。", markup=False)
        return EXIT_FAILED
    except OSError as e:
        err.print(f"安装失败：{why(e)}（{getattr(e, 'filename', '') or target_dir}）。")
        return EXIT_FAILED
    if platform == "darwin":
        _mac_runpython(err)
    console.print(f"已安装加载项：{addin}", markup=False)
    console.print(f"已写入设置：{conf}", markup=False)
    if not UDFS_DIR.is_dir():
        err.print(f"提示：找不到 {UDFS_DIR}，Excel 公式（SB_AMOUNT 等）不可用；"
                  "请从项目源码目录以 pip install -e . 安装。")
    console.print("请重新启动 Excel，功能区上会出现“十百千万”选项卡。"
                  "如 Excel 提示启用宏，请选择启用（加载项中的宏只调用本工具）。")
    return EXIT_OK


def _mac_runpython(err: Console) -> None:
    """macOS Excel runs Python through an AppleScript that xlwings installs (``xlwings runpython install``)."""
    try:
        from xlwings.cli import runpython_install

        runpython_install(None)
    except Exception as e:  # the add-in still installs; RunPython will say what is missing
        err.print(f"提示：未能安装 xlwings 的 AppleScript（{why(e)}），请另行运行：xlwings runpython install")


def status_lines(platform: str = sys.platform, home: Path | None = None, env: Mapping[str, str] | None = None,
                 workbooks: Path | None = None) -> list[str]:
    workbooks = WORKBOOKS if workbooks is None else workbooks
    lines = []
    try:
        import xlwings

        lines.append(f"xlwings：{xlwings.__version__}")
    except Exception as e:  # xlwings missing or broken: say so, the rest still helps
        lines.append(f"xlwings：无法导入（{why(e)}）")
    lines.append(f"Python：{sys.executable}")
    p = workbooks / ADDIN_FILE
    lines.append(f"已构建的加载项 {ADDIN_FILE}：{p if p.exists() else '未构建（运行 shibai addin build）'}")
    target = xlstart_dir(platform, home, env)
    if target is None:
        lines.append("Excel 启动文件夹：本系统没有 Excel（加载项只能安装在 Windows/macOS）")
    else:
        installed = target / ADDIN_FILE
        lines.append(f"已安装的加载项：{installed if installed.exists() else '未安装（运行 shibai addin install）'}")
    conf = config_path(platform, home)
    values = read_config(conf, settings_encoding(platform))
    if values:
        lines.append(f"设置文件：{conf}")
        lines += [f"  {k} = {v}" for k, v in values.items()]
    else:
        lines.append(f"设置文件：{conf}（不存在或为空）")
    lines.append(f"公式模块 {UDF_MODULE}：{UDFS_DIR / (UDF_MODULE + '.py')}"
                 + ("" if (UDFS_DIR / f"{UDF_MODULE}.py").exists() else "（找不到）"))
    return lines


def status(console: Console, **kw: Any) -> int:
    for line in status_lines(**kw):
        console.print(line, markup=False)
    return EXIT_OK


def run(args: Any, console: Console, err: Console) -> int:
    """``shibai addin …`` as parsed by :mod:`shibai_xl.faces.cli`."""
    cmd = getattr(args, "addin_command", None)
    if cmd == "build":
        for p in build(Path(args.out) if getattr(args, "out", None) else WORKBOOKS):
            console.print(f"已生成 {p}", markup=False)
        return EXIT_OK
    if cmd == "install":
        return install(console, err)
    if cmd == "status":
        return status(console)
    err.print("请指定 shibai addin build、shibai addin install 或 shibai addin status")
    return EXIT_USAGE
