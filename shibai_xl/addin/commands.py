"""``shibai addin build | install | status``.

* ``build`` writes ``workbooks/shibai.xlam`` (the generated add-in) and
  ``workbooks/shibai_xl.xlam`` (the fallback copy of xlwings' own ribbon add-in).
* ``install`` (Windows/macOS) writes the add-in into Excel's startup folder
  (XLSTART), so Excel loads it on every start, and the xlwings settings the
  add-in reads: the add-in's VBA project is named ``shibai`` (xlwings'
  ``PROJECT_NAME``), so its settings file is ``%USERPROFILE%\\.shibai\\shibai.conf``
  on Windows and ``~/Library/Containers/com.microsoft.Excel/Data/shibai.conf`` on
  macOS (Excel's sandbox home). Settings: this Python (``INTERPRETER_WIN`` /
  ``INTERPRETER_MAC``), ``PYTHONPATH`` with the project's ``udfs/`` folder, and
  ``UDF MODULES`` = ``shibai_udfs`` (the Excel formulas SB_…).
* ``status`` shows what is configured; it works on Linux too.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Mapping

from rich.console import Console

from .build import ADDIN_PROJECT_NAME, build_addin, build_fallback_addin

EXIT_OK, EXIT_USAGE, EXIT_UNSUPPORTED, EXIT_FAILED = 0, 1, 2, 3
ADDIN_FILE = "shibai.xlam"
FALLBACK_FILE = "shibai_xl.xlam"
UDF_MODULE = "shibai_udfs"
REPO = Path(__file__).resolve().parents[2]
UDFS_DIR = REPO / "udfs"
_LINE = re.compile(r'^\s*"([^"]*)"\s*,\s*"([^"]*)"\s*$')


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


def read_config(path: Path) -> dict[str, str]:
    """xlwings' settings file: one ``"KEY","VALUE"`` per line."""
    out = {}
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return out
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def write_config(path: Path, values: Mapping[str, str]) -> None:
    """Set ``values`` in the settings file, keeping every other setting already there."""
    merged = read_config(path)
    wanted = {k.upper(): k for k in values}
    merged = {k: v for k, v in merged.items() if k.upper() not in wanted}
    merged.update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(f'"{k}","{v}"\n' for k, v in merged.items()), "utf-8")
    tmp.replace(path)


def build(out: Path) -> list[Path]:
    return [build_addin(out / ADDIN_FILE), build_fallback_addin(out / FALLBACK_FILE)]


def install(console: Console, err: Console, platform: str = sys.platform, home: Path | None = None,
            env: Mapping[str, str] | None = None, interpreter: str = sys.executable) -> int:
    if not supported(platform):
        err.print("Excel 加载项只能安装在 Windows 或 macOS 的 Excel 中，当前系统不支持。"
                  "在本机可以使用命令行：shibai check / shibai refresh 等（shibai -h 查看）。")
        return EXIT_UNSUPPORTED
    target_dir = xlstart_dir(platform, home, env)
    conf = config_path(platform, home)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        addin = build_addin(target_dir / ADDIN_FILE)
        write_config(conf, config_values(interpreter, platform))
    except PermissionError:
        err.print(f"无法写入 {target_dir}：加载项可能正被 Excel 使用。请先完全退出 Excel，再运行 shibai addin install。")
        return EXIT_FAILED
    except OSError as e:
        err.print(f"安装失败：{e.strerror or type(e).__name__}（{getattr(e, 'filename', '') or target_dir}）。")
        return EXIT_FAILED
    if platform == "darwin":
        _mac_runpython(err)
    console.print(f"已安装加载项：{addin}", markup=False)
    console.print(f"已写入设置：{conf}", markup=False)
    if not UDFS_DIR.is_dir():
        err.print(f"提示：找不到 {UDFS_DIR}，Excel 公式（SB_AMOUNT 等）不可用；请从项目源码目录以 pip install -e . 安装。")
    console.print("请重新启动 Excel，功能区上会出现“十百千万”选项卡。如 Excel 提示启用宏，请选择启用（加载项中的宏只调用本工具）。")
    return EXIT_OK


def _mac_runpython(err: Console) -> None:
    """macOS Excel runs Python through an AppleScript that xlwings installs (``xlwings runpython install``)."""
    try:
        from xlwings.cli import runpython_install

        runpython_install(None)
    except Exception as e:  # the add-in still installs; RunPython will say what is missing
        err.print(f"提示：未能安装 xlwings 的 AppleScript（{type(e).__name__}），请另行运行：xlwings runpython install")


def status_lines(platform: str = sys.platform, home: Path | None = None, env: Mapping[str, str] | None = None,
                 workbooks: Path = REPO / "workbooks") -> list[str]:
    lines = []
    try:
        import xlwings

        lines.append(f"xlwings：{xlwings.__version__}")
    except Exception as e:  # xlwings missing or broken: say so, the rest still helps
        lines.append(f"xlwings：无法导入（{type(e).__name__}）")
    lines.append(f"Python：{sys.executable}")
    for name in (ADDIN_FILE, FALLBACK_FILE):
        p = workbooks / name
        lines.append(f"已构建的加载项 {name}：{p if p.exists() else '未构建（运行 shibai addin build）'}")
    target = xlstart_dir(platform, home, env)
    if target is None:
        lines.append("Excel 启动文件夹：本系统没有 Excel（加载项只能安装在 Windows/macOS）")
    else:
        installed = target / ADDIN_FILE
        lines.append(f"已安装的加载项：{installed if installed.exists() else '未安装（运行 shibai addin install）'}")
    conf = config_path(platform, home)
    values = read_config(conf)
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
        for p in build(Path(args.out)):
            console.print(f"已生成 {p}", markup=False)
        return EXIT_OK
    if cmd == "install":
        return install(console, err)
    if cmd == "status":
        return status(console)
    err.print("请指定 shibai addin build、shibai addin install 或 shibai addin status")
    return EXIT_USAGE
