"""The user's own folders for the tool: where it keeps what belongs to this user, never a workbook's folder.

Neutral (imports nothing of ours): the WPS installer's settings and the refresh cache's signing key both live
in the configuration folder.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path


def config_dir(platform: str = sys.platform, env: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """``%APPDATA%\\shibai-xl`` on Windows, ``$XDG_CONFIG_HOME/shibai-xl`` (``~/.config``) elsewhere."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home()) if home is None else home
    if platform.startswith("win"):
        appdata = env.get("APPDATA")
        return (Path(appdata) if appdata else home / "AppData" / "Roaming") / "shibai-xl"
    xdg = env.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else home / ".config") / "shibai-xl"


def cache_dir(platform: str = sys.platform, env: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """``%LOCALAPPDATA%\\shibai-xl\\cache`` on Windows, ``$XDG_CACHE_HOME/shibai-xl`` (``~/.cache``) elsewhere:
    what the tool can make again at any time (the parsed year file)."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home()) if home is None else home
    if platform.startswith("win"):
        local = env.get("LOCALAPPDATA")
        return (Path(local) if local else home / "AppData" / "Local") / "shibai-xl" / "cache"
    xdg = env.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else home / ".cache") / "shibai-xl"


def documents_dir(platform: str = sys.platform, env: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """The user's 文档 (Documents) folder: on Linux the one the XDG user-dirs file names (``~/文档`` on a Chinese
    UOS/Kylin desktop: ``XDG_DOCUMENTS_DIR="$HOME/文档"`` in ``~/.config/user-dirs.dirs``), else ``~/Documents``;
    the home folder when neither exists."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home()) if home is None else home
    named = [] if platform.startswith(("win", "darwin")) else [_xdg_documents(env, home)]
    return next((p for p in (*named, home / "Documents") if p is not None and p.is_dir()), home)


def _xdg_documents(env: Mapping[str, str], home: Path) -> Path | None:
    """XDG_DOCUMENTS_DIR from the environment or the user-dirs file (``"$HOME/文档"`` or an absolute path)."""
    value = env.get("XDG_DOCUMENTS_DIR")
    if not value:
        xdg = env.get("XDG_CONFIG_HOME")
        try:
            text = ((Path(xdg) if xdg else home / ".config") / "user-dirs.dirs").read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        lines = (line.strip() for line in text.splitlines())
        value = next((line.split("=", 1)[1].strip().strip('"') for line in lines
                      if line.startswith("XDG_DOCUMENTS_DIR=")), "")
    if value.startswith("$HOME"):
        return home / value.removeprefix("$HOME").lstrip("/")
    return Path(value) if value.startswith("/") else None
