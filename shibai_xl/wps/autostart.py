"""``shibai serve`` at login: ``HKCU\\…\\Run`` with ``pythonw`` on Windows; on Linux a systemd user
unit where a user session bus exists, otherwise an XDG autostart entry (``~/.config/autostart``)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from .files import write_text
from .settings import ServeSettings
from .where import Where

SERVICE = "shibai-serve"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def serve_command(python: str = sys.executable, windows: bool = False) -> list[str]:
    exe = Path(python)
    if windows and exe.name.lower() == "python.exe" and (exe.parent / "pythonw.exe").exists():
        exe = exe.parent / "pythonw.exe"     # no console window at login
    # -P: no current folder on sys.path — start_now inherits the installer's, which may hold received files
    return [str(exe), "-P", "-m", "shibai_xl.faces.cli", "serve"]


def _quoted(args: list[str]) -> str:
    return " ".join(f'"{a}"' if " " in a or "\\" in a else a for a in args)


def desktop_entry(where: Where) -> Path:
    return where.config_home() / "autostart" / f"{SERVICE}.desktop"


def systemd_unit(where: Where) -> Path:
    return where.config_home() / "systemd" / "user" / f"{SERVICE}.service"


def enable_autostart(where: Where, python: str = sys.executable) -> tuple[str, bool]:
    """Register ``shibai serve`` at login: (a Chinese sentence saying how, whether that started it now too — a
    systemd user unit is enabled with ``--now``)."""
    command = serve_command(python, where.windows)
    if where.windows:
        import winreg  # Windows only: the module exists nowhere else

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, SERVICE, 0, winreg.REG_SZ, _quoted(command))
        return f"登录时自动启动：注册表 HKCU\\{RUN_KEY}\\{SERVICE}", False
    if where.user_systemd():
        unit = systemd_unit(where)
        write_text(unit, "[Unit]\nDescription=shibai-xl 本机服务（WPS 加载项使用）\n\n[Service]\n"
                          f"ExecStart={_quoted(command)}\nRestart=on-failure\n\n[Install]\nWantedBy=default.target\n")
        done = subprocess.run(["systemctl", "--user", "enable", "--now", unit.name], capture_output=True, text=True,
                              env=where.env)
        if done.returncode == 0:
            return f"登录时自动启动：systemd 用户服务 {unit}", True
        unit.unlink()
    entry = desktop_entry(where)
    write_text(entry, "[Desktop Entry]\nType=Application\nName=shibai-xl 本机服务\n"
                       "Comment=供 WPS 表格的“十百千万”加载项使用\n"
                       f"Exec={_quoted(command)}\nTerminal=false\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n")
    return f"登录时自动启动：{entry}（没有可用的 systemd 用户会话，改用桌面登录自启动）", False


def autostart_state(where: Where) -> str:
    if where.windows:
        try:
            import winreg  # Windows only

            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _ = winreg.QueryValueEx(key, SERVICE)
            return f"已设置（注册表 HKCU\\{RUN_KEY}\\{SERVICE}：{value}）"
        except OSError:
            return "未设置"
    if systemd_unit(where).exists():
        return f"已设置（systemd 用户服务 {systemd_unit(where)}）"
    if desktop_entry(where).exists():
        why = "" if where.user_systemd() else "；本机没有 systemd 用户会话，用的是桌面登录自启动"
        return f"已设置（{desktop_entry(where)}{why}）"
    return "未设置"


def disable_autostart(where: Where) -> bool:
    """Remove the login start; whether there was one to remove."""
    if where.windows:
        try:
            import winreg  # noqa: PLC0415

            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, SERVICE)
        except OSError:
            return False
        return True
    unit, entry = systemd_unit(where), desktop_entry(where)
    removed = unit.exists() or entry.exists()
    if unit.exists():
        if where.user_systemd():
            subprocess.run(["systemctl", "--user", "disable", "--now", unit.name], capture_output=True, env=where.env)
        unit.unlink()
    entry.unlink(missing_ok=True)
    return removed


def start_now(where: Where, settings: ServeSettings, python: str = sys.executable) -> None:
    """Start ``shibai serve`` in the background now, so that WPS works before the next login."""
    kwargs: dict[str, Any] = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if where.windows:
        kwargs["creationflags"] = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        kwargs["start_new_session"] = True
    subprocess.Popen(serve_command(python, where.windows), **kwargs)
