"""Which year file is in force: the package's ``y2024.toml`` unless the person running the tool names
another in the environment variable ``SHIBAI_RULES`` (a path to a year file, or a year whose file ships
with the package). This is the only place the choice is made: never from a workbook, its folder or
anything an applicant sends.

Kept apart from loading, so that a refresh with nothing new can tell whether the rules changed
(:func:`fingerprint`) without reading them.
"""
from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from ..errors import BadOption

ENV = "SHIBAI_RULES"
# the year files beside this module (not importlib.resources: importing it costs every command about 5 ms, and the
# package is always installed as files — setuptools package-data)
HERE = Path(__file__).resolve().parent
DEFAULT_YEAR = 2024


def selected_path() -> Path:
    """The year file in force: ``SHIBAI_RULES`` (a path, or a year the package has), else the default year's."""
    return _chosen_path(os.environ.get(ENV, "").strip())


@cache
def _chosen_path(choice: str) -> Path:
    if not choice:
        return packaged(DEFAULT_YEAR)
    if choice.isdigit():
        return packaged(int(choice))
    return Path(choice).expanduser().resolve()


def fingerprint() -> str:
    """SHA-256 of the year file in force, without parsing it: results cached under other rules are stale."""
    try:
        return hashlib.sha256(selected_path().read_bytes()).hexdigest()
    except OSError:
        return ""   # loading the rules reports it


def available_years() -> list[int]:
    return sorted(int(p.name[1:5]) for p in HERE.iterdir() if p.name.startswith("y") and p.name.endswith(".toml"))


def packaged(year: int) -> Path:
    path = HERE / f"y{year}.toml"
    if not path.is_file():
        shown = "、".join(map(str, available_years()))
        raise BadOption(f"没有{year}年的规则文件（本工具自带：{shown}）。请把环境变量 {ENV} 设为规则文件的路径，"
                        "例如复制 y2024.toml 按新通知修改后的文件")
    return path
