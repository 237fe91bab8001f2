"""Small text files of the installer (publish.xml, settings.js, autostart entries, the service's settings)."""
from __future__ import annotations

import os
from pathlib import Path


def write_text(path: Path, text: str, private: bool = False) -> None:
    """Temp file next to the target, then an atomic replace: never half a file, and no temp file left when the
    write fails (a full disk). ``private``: readable by its user only (a token) before it takes the name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.shibai-tmp")
    try:
        tmp.write_text(text, "utf-8")
        if private:
            try:
                os.chmod(tmp, 0o600)
            except OSError:
                pass
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
