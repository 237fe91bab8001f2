"""Small text files of the installer (publish.xml, settings.js, autostart entries, the service's settings)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_text(path: Path, text: str, private: bool = False) -> None:
    """Temp file next to the target, written to disk, then an atomic replace: never half a file, and no temp file
    left when the write fails (a full disk). The temp file's name is this write's own: two services started at once
    (a login's autostart and ``systemctl --user enable --now``) each write the settings, and with one shared temp
    name the first to finish renamed away the file the other was about to rename (“找不到 .serve.json.shibai-tmp”).
    ``private``: readable by its user only (a token) from its creation."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.shibai-tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666)
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
