"""Small text files of the installer (publish.xml, settings.js, autostart entries)."""
from __future__ import annotations

import os
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Temp file next to the target, then an atomic replace: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.shibai-tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
