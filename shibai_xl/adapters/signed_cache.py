"""The refresh cache, signed with a key only this user has.

A refresh keeps each application's verdict and scores beside the summary (``.汇总表.xlsx.shibai-cache``)
and reuses them while the file is unchanged. A folder comes from other people — a city sends its summary
with whatever lies next to it — so a cache there is untrusted: one written by hand could put any verdict
into the summary. The cache is therefore signed (HMAC-SHA256) with a random key kept in the user's
configuration folder; a cache this user's tool did not write reads as no cache (everything is read again).
Where no key can be kept (no writable configuration folder), nothing is cached: slower, never wrong.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from ..user_dirs import config_dir

KEY_FILE = "cache.key"
HEADER = b"shibai-cache hmac-sha256 "
_KEYS: dict[Path, bytes] = {}


def _key(create: bool) -> bytes | None:
    """This user's key; made (once) only when a cache is written — reading one never writes anything."""
    path = config_dir() / KEY_FILE
    if path not in _KEYS:
        key = _read_key(path)
        if key is None and create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(secrets.token_bytes(32))
            except FileExistsError:   # another process made it first
                pass
            except OSError:           # nowhere to keep it
                return None
            key = _read_key(path)
        if key is None:
            return None
        _KEYS[path] = key
    return _KEYS[path]


def _read_key(path: Path) -> bytes | None:
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) >= 32 else None


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode()


def read_signed(path: Path) -> bytes | None:
    """The payload of a cache this user's tool wrote, else None (missing, damaged, forged, another user's)."""
    key = _key(create=False)
    if key is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, payload = data.partition(b"\n")
    if not head.startswith(HEADER) or not hmac.compare_digest(head[len(HEADER):], _mac(key, payload)):
        return None
    return payload


def write_signed(path: Path, payload: bytes) -> None:
    """Write ``payload`` signed (a temporary file replaced); raises OSError; writes nothing without a key."""
    key = _key(create=True)
    if key is None:
        return
    tmp = path.with_suffix(".tmp")
    try:
        with open(tmp, "wb") as fh:      # in two writes: a province's cache is megabytes, not copied once more
            fh.write(HEADER + _mac(key, payload) + b"\n")
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)      # a full disk: the half file would hold the space that is short
        raise
