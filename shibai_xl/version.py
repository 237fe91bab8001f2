"""The tool's version: neutral like :mod:`shibai_xl.errors` (any layer may import it, it imports nothing of ours).

It lives here and not in ``shibai_xl/__init__.py`` because the package root is a face: its ``main()`` is
the entry point of the retired fallback add-in, so a layer importing the root would import the faces."""
from __future__ import annotations

import functools

__version__ = "0.1.0"

_CODE_SUFFIXES = (".py", ".toml", ".csv")


@functools.cache
def code_fingerprint() -> str:
    """What results computed by this installation depend on, beyond :data:`__version__`: the size and modification
    time of each of the package's code and rule files. A cached verdict or score (``jobs/refresh.py``) is stale
    after the tool is updated even when the version number was not raised; stat of ~140 files, about a millisecond.
    """
    import os

    return files_fingerprint(os.path.dirname(os.path.abspath(__file__)))


def files_fingerprint(root: str) -> str:
    """:func:`code_fingerprint` of the folder ``root``."""
    import hashlib
    import os

    digest = hashlib.sha256(__version__.encode())
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(_CODE_SUFFIXES):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
