"""Per-user settings of ``shibai serve``: port, token, the origins the add-in's pages come from.

The installer writes them (``shibai wps install``) into the user's configuration
folder and the same port and token into the installed add-in's ``js/settings.js``;
the service reads them at start. Nothing here comes from a workbook.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..user_dirs import config_dir  # noqa: F401  (the installer's folder is the tool's, shared)
from .files import write_text

DEFAULT_PORT = 27315
# The add-in's pages are local files in WPS's jsaddons folder: a browser sends "Origin: null" for them.
DEFAULT_ORIGINS = ("null",)
SERVICE = "shibai-xl"   # what GET /health of every version of shibai serve says it is
SETTINGS_FILE = "serve.json"
PID_FILE = "serve.pid"
# GET /health?challenge=NONCE answers proof = health_proof(token, port, NONCE): the add-in checks it before it sends
# its token, so another program on the port (another account's, started first) never receives it; the port is signed
# too, so that such a program cannot pass the challenge on to this user's service listening on another port
PROOF_PREFIX = "shibai-health:"
NONCE = re.compile(r"[0-9a-fA-F]{32,128}")


@dataclass
class ServeSettings:
    port: int = DEFAULT_PORT
    token: str = ""
    origins: list[str] = field(default_factory=lambda: list(DEFAULT_ORIGINS))

    def allowed_origins(self) -> set[str]:
        """The add-in's origins and the service's own address (pages it serves itself)."""
        own = {f"http://{host}:{self.port}" for host in ("127.0.0.1", "localhost")}
        return set(self.origins) | own


def another_port(port: int) -> int:
    """The port to suggest instead of ``port``."""
    return port + 1 if port < 65535 else 50000


def forbidden_port(port: int) -> str:
    """What to say of a port the system does not let this user listen on: on Windows one that Hyper-V, WSL or Docker
    reserved (WinError 10013, ``netsh int ipv4 show excludedportrange``), on Linux one below 1024."""
    return (f"端口 {port} 不允许本用户使用（系统把它保留给了其他程序，如 Windows 的 Hyper-V、WSL、Docker，"
            f"或只有管理员才能使用）。请换一个端口：shibai wps install --port {another_port(port)}")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_nonce() -> str:
    return secrets.token_hex(32)


def health_proof(token: str, port: int, nonce: str) -> str:
    """hex(HMAC-SHA256(token, "shibai-health:PORT:" + nonce)); the add-in computes the same in js/shibai.js."""
    message = f"{PROOF_PREFIX}{port}:{nonce}".encode()
    return hmac.new(token.encode("utf-8"), message, hashlib.sha256).hexdigest()


def settings_path(**where) -> Path:
    return config_dir(**where) / SETTINGS_FILE


def owner(**where) -> str:
    """Whose service this is, as ``GET /health`` says it: a digest of the user's settings path (no secret). On a
    machine shared by several accounts the port may be taken by another user's ``shibai serve``, whose token
    ours is not; install and status tell that apart from our own service."""
    return hashlib.sha256(str(settings_path(**where)).encode("utf-8")).hexdigest()[:16]


def pid_path(port: int | None = None, **where) -> Path:
    """Where a running ``shibai serve`` writes its process id: ``serve.pid``, the last one started (as every version
    has written it); with ``port``, ``serve-PORT.pid``, the one on that port — a second service started by hand on
    another port (“shibai serve --port 其他端口”) does not take the place of the one that install or uninstall stops."""
    return config_dir(**where) / (PID_FILE if port is None else f"serve-{port}.pid")


def load(**where) -> ServeSettings | None:
    """The saved settings, or None when there are none (or they cannot be read)."""
    try:
        data = json.loads(settings_path(**where).read_text("utf-8"))
        port, token = int(data.get("port", DEFAULT_PORT)), str(data.get("token") or "")
        origins = [str(o) for o in data.get("origins", DEFAULT_ORIGINS) if isinstance(o, str)]
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if not token or not 0 < port < 65536:
        return None
    return ServeSettings(port, token, origins)


def save(settings: ServeSettings, **where) -> Path:
    path = settings_path(**where)
    write_text(path, json.dumps(asdict(settings), ensure_ascii=False, indent=2), private=True)   # the token is the user's
    return path


def load_or_create(port: int | None = None, **where) -> ServeSettings:
    """The saved settings (a token made and saved on first use); ``port`` overrides the saved port."""
    settings = load(**where)
    if settings is None:
        settings = ServeSettings(token=new_token())
        save(settings, **where)
    if port is not None:
        settings.port = port
    return settings
