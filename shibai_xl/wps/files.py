"""Small text files of the installer (publish.xml, settings.js, autostart entries, the service's settings)."""
from __future__ import annotations

import os
from pathlib import Path

from ..adapters.files import chmod_as_new, fsync_file, new_temp


def write_text(path: Path, text: str, private: bool = False) -> None:
    """Temp file next to the target, written to disk, then an atomic replace: never half a file, and no temp file
    left when the write fails (a full disk). The temp file's name is this write's own: two services started at once
    (a login's autostart and ``systemctl --user enable --now``) each write the settings, and with one shared temp
    name the first to finish renamed away the file the other was about to rename (“找不到 .serve.json.shibai-tmp”).
    The temp file is :func:`new_temp`'s (0600, so a killed write's leftover is :func:`remove_stale_temps`'s).
    ``private``: readable by its user only (a token) from its creation; else the mode a new file gets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = new_temp(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        fsync_file(tmp)
        if not private:
            chmod_as_new(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
