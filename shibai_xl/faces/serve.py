"""``shibai serve``: the ribbon's actions as a local HTTP service, for the WPS add-in.

The add-in (``workbooks/wps/shibai_<version>/``) sends the open workbook's saved path
(or, for an unsaved workbook, the values it read from it) and gets back what the
Excel ribbon would do — the message, the edits to make in the open workbook, the
findings — from the same jobs (:mod:`shibai_xl.jobs.actions`). The service never
writes the workbook the add-in has open; the add-in makes the edits in WPS.

Who may call it:

* it listens on 127.0.0.1 only and answers only loopback clients;
* the ``Host`` header must name this service (``127.0.0.1:PORT`` or ``localhost:PORT``),
  so a web page cannot reach it through a name it controls (DNS rebinding);
* a request from a page must come from an allowed origin (the add-in's local pages
  send ``Origin: null``); CORS preflights are answered for those origins only;
* every endpoint except ``GET /health`` needs the per-install token in ``X-Shibai-Token``
  (``shibai wps install`` writes it into the add-in's settings and the user's
  configuration folder);
* the other way round, ``GET /health?challenge=NONCE`` proves to the add-in that this is the service holding its
  token on its port (``proof``: :func:`~shibai_xl.wps.settings.health_proof`): the add-in sends the token only after checking
  it, so another account's program started first on the port never collects it.
* a connection that has not sent its request head within :data:`HEAD_TIMEOUT` seconds, or is silent for
  :data:`BODY_TIMEOUT` in its body, is closed (:class:`HeadTimeout`): silent connections from any local program cannot
  use up the service's file handles, nor keep it from stopping.

Endpoints: ``GET /health`` (``?challenge=`` 32–128 hex digits); ``POST /api/action/{control id}`` for each ribbon button
(``sb_check`` … ``sb_help``) with ``{"path": …}`` or ``{"book": snapshot}`` (and
``"experts"`` and ``"round"`` for 专家评分表 — without ``"round"`` on a summary of several 批次 the answer is
``{"ask": {"key", "prompt", "default"}}``, nothing done; ``"ask_first": true``: only that question —,
``"unsaved"``: the full paths of the other workbooks open with unsaved changes);
``POST /api/findings`` (the task pane's list); ``POST /api/progress``: what a job is doing, ``{"busy", "text"}``
(``"刷新汇总表：120/1000 文件名"``), for WPS's status bar while a button waits (never waits for the job itself). A
request may carry ``"job"``, an id the page chose for it (at most 64 characters); ``/api/progress`` with that id says
that job's progress — running: its text; waiting behind another window's job: :data:`QUEUED`; done or not arrived:
not busy — and without one the running job's, whoever's it is. Errors are ``{"error": "中文说明"}``.
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import os
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse as StarletteJSON
from starlette.responses import Response
from starlette.routing import Route
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..addin.ribbon import RIBBON_BUTTONS
from ..engine.parse.text import said_safe
from ..errors import BadOption, ShibaiError, environment_refusal, internal_error
from ..jobs import actions as A
from ..rules import forget_if_edited
from ..version import __version__
from ..wps.settings import (
    NONCE,
    SERVICE,
    ServeSettings,
    forbidden_port,
    health_proof,
    load,
    load_or_create,
    owner,
    pid_path,
    settings_path,
)
from .json_out import json_text
from .progress import progress_text

TOKEN_HEADER = "X-Shibai-Token"
MAX_BODY = 64 * 1024 * 1024
TOO_BIG = "发送的工作簿内容过大。请保存工作簿后再试（保存后只发送文件路径）。"
LOOPBACK = "127.0.0.1"
PREFLIGHT_MAX_AGE = "600"
BAD_TOKEN = "令牌不正确：请重新安装 WPS 加载项（shibai wps install），然后重新启动 WPS。"
BACKLOG = 2048             # uvicorn's
WORKBOOK_FREE = {b.id for b in RIBBON_BUTTONS if not b.needs_workbook}
QUEUED = "正在等待其他窗口的任务完成，完成后开始处理"
MAX_JOB_ID = 64
HEAD_TIMEOUT = 10          # seconds a connection has to send its request head
BODY_TIMEOUT = 60          # seconds a request's body may go without a byte
TOO_MANY_CONNECTIONS = (f"shibai serve：同时打开的连接太多（已达本机允许打开的文件数上限），暂时不能接受新的连接；"
                        f"没有发送请求的连接 {HEAD_TIMEOUT} 秒后关闭，之后自动恢复。")


class JSONResponse(StarletteJSON):
    """JSON that can carry any text a workbook holds: a lone UTF-16 surrogate (half an emoji left by LEFT() in a
    cell, sent by the add-in as \\udXXX) goes back escaped the same way instead of failing to encode as UTF-8."""

    def render(self, content: Any) -> bytes:
        return json_text(content, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": said_safe(message)}, status_code=status)


class Guard:
    """Loopback clients, this service's Host, allowed origins; CORS for those origins (ASGI middleware)."""

    def __init__(self, app: Any, settings: ServeSettings) -> None:
        self.app = app
        self.hosts = {f"{h}:{settings.port}" for h in ("127.0.0.1", "localhost", "[::1]")}
        self.origins = settings.allowed_origins()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self.preflight(origin, headers)(scope, receive, send)
            return

        async def send_with_cors(message: dict) -> None:
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                h["Access-Control-Allow-Origin"] = origin
                h.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def refusal(self, scope: dict) -> Response | None:
        client = scope.get("client")
        if not client or not is_loopback(str(client[0])):
            return error("shibai serve 只接受本机的请求。", 403)
        headers = Headers(scope=scope)
        if headers.get("host", "").lower() not in self.hosts:
            return error("请求的 Host 不是本服务（应为 127.0.0.1:端口），已拒绝。", 403)
        origin = headers.get("origin")
        if origin is not None and origin not in self.origins:
            return error(f"不接受来自“{origin}”的网页的请求。", 403)
        return None

    @staticmethod
    def preflight(origin: str, headers: Headers) -> Response:
        allow = {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "GET, POST",
                 "Access-Control-Allow-Headers": f"Content-Type, {TOKEN_HEADER}",
                 "Access-Control-Max-Age": PREFLIGHT_MAX_AGE, "Vary": "Origin"}
        if headers.get("access-control-request-private-network") == "true":
            allow["Access-Control-Allow-Private-Network"] = "true"   # Chromium's private network access
        return Response(status_code=204, headers=allow)


def create_app(settings: ServeSettings, saved: Callable[[], ServeSettings | None] | None = None,
               owner_id: str | None = None) -> Any:
    """The ASGI application: the routes inside :class:`Guard`; ``saved``: the saved settings, read again when a
    request's token differs (``shibai wps install`` made a new one while the service was running); ``owner_id``:
    whose settings these are, as ``GET /health`` says it (:func:`~shibai_xl.wps.settings.owner`)."""
    service = Service(settings, saved, owner_id)
    routes = [Route("/health", service.health, methods=["GET"]),
              Route("/api/action/{control}", service.action, methods=["POST"]),
              Route("/api/findings", service.findings, methods=["POST"]),
              Route("/api/progress", service.progress, methods=["POST"])]
    app = Starlette(routes=routes, exception_handlers={HTTPException: service.not_here})
    app.router.redirect_slashes = False   # "/health/" is no GET /health: a 404, behind the token as any other path
    return Guard(app, settings)


def not_here(request: Request, exc: HTTPException) -> Response:
    """Starlette's own refusals (no such path, wrong method) as the service's other errors: Chinese JSON."""
    if exc.status_code == 405:
        message = f"本服务的“{request.url.path}”不接受 {request.method} 请求。请重新安装 WPS 加载项（shibai wps install）。"
    else:
        message = f"本服务没有“{request.url.path}”。请重新安装 WPS 加载项（shibai wps install）。"
    return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)


class Service:
    """The endpoints: each authorised request runs one job, one at a time (one user, one WPS)."""

    def __init__(self, settings: ServeSettings, saved: Callable[[], ServeSettings | None] | None = None,
                 owner_id: str | None = None) -> None:
        self.settings = settings
        self.saved = saved
        self.owner_id = owner_id
        self.lock = threading.Lock()
        # the running job's (id, progress (progress_text; "" before any)), the id "" when the page sent none; None: idle
        self.now: tuple[str, str] | None = None
        self.waiting: dict[str, int] = {}   # the ids of the jobs waiting for the lock → how many requests
        self.waiting_lock = threading.Lock()

    def authorized(self, request: Request) -> bool:
        given = request.headers.get(TOKEN_HEADER, "")
        return self.matches(given) or (self.take_over() and self.matches(given))

    def take_over(self) -> bool:
        """A reinstall while running wrote a new token into the add-in and the saved settings: take it over (True),
        or the add-in's "reinstall" advice would never help until the next login."""
        fresh = self.saved() if self.saved is not None else None
        if fresh is not None and fresh.port == self.settings.port and fresh.token != self.settings.token:
            self.settings.token = fresh.token
            return True
        return False

    def matches(self, given: str) -> bool:
        token = self.settings.token
        return bool(token) and hmac.compare_digest(given.encode(), token.encode())

    async def not_here(self, request: Request, exc: HTTPException) -> Response:
        """No such path or method: to a caller with the token, which (:func:`not_here`); to one without, the token's
        refusal — only ``GET /health`` answers without it (CONTRACT §4), so the routes are not listed to anyone."""
        if not self.authorized(request):
            return error(BAD_TOKEN, 401)
        return not_here(request, exc)

    async def health(self, request: Request) -> Response:
        said: dict[str, Any] = {"ok": True, "service": SERVICE, "version": __version__}
        if self.owner_id:
            said["owner"] = self.owner_id
        nonce = request.query_params.get("challenge")
        if nonce is not None:
            if not NONCE.fullmatch(nonce):
                return error("challenge 参数应为 32–128 位十六进制数字。请重新安装 WPS 加载项（shibai wps install）。", 400)
            self.take_over()          # the proof is made with the token a request would be checked against
            if self.settings.token:
                said["proof"] = health_proof(self.settings.token, self.settings.port, nonce)
        return JSONResponse(said)

    async def action(self, request: Request) -> Response:
        control = request.path_params["control"]
        job = A.ACTIONS.get(control)
        if job is None:
            if not self.authorized(request):   # the buttons are not named to a caller without the token either
                return error(BAD_TOKEN, 401)
            return error(f"未知的按钮“{control}”。请重新安装 WPS 加载项（shibai wps install）。", 404)
        return await self.handle(request, lambda data: run_action(control, job, data, self.reporter(data)).to_json())

    async def findings(self, request: Request) -> Response:
        return await self.handle(request, lambda data: _with_view(data, A.findings))

    async def progress(self, request: Request) -> Response:
        if not self.authorized(request):
            return error(BAD_TOKEN, 401)
        try:
            job = job_id(await body_of(request))
        except ShibaiError:
            job = ""
        now = self.now
        if not job or (now is not None and now[0] == job):   # no id (an older add-in): the running job's, as before
            return JSONResponse({"busy": now is not None, "text": now[1] if now else ""})
        if self.waiting.get(job):
            return JSONResponse({"busy": True, "text": QUEUED})
        return JSONResponse({"busy": False, "text": ""})

    def reporter(self, data: dict) -> Callable[[str], Callable[[int, int, str], None]]:
        """The jobs' ``progress`` callback for the job of ``data`` (a worker thread calls it): kept for
        ``/api/progress``."""
        job = job_id(data)

        def progress(what: str) -> Callable[[int, int, str], None]:
            def report(i: int, n: int, name: str) -> None:
                self.now = (job, progress_text(what, i, n, name))
            return report
        return progress

    async def handle(self, request: Request, work: Callable[[dict], Any]) -> Response:
        """Token, body, the job in a worker thread; a refusal is 422 with its Chinese message."""
        if not self.authorized(request):
            return error(BAD_TOKEN, 401)
        try:
            data = await body_of(request)
            return JSONResponse(await run_in_threadpool(self.locked, work, data))
        except ShibaiError as e:
            return error(str(e), 422)
        except OSError as e:   # the machine's situation (a name too long, a folder gone), not a bug
            return error(str(environment_refusal(e)), 422)
        except Exception as e:  # last resort: a Chinese message, never a traceback
            if os.environ.get("SHIBAI_DEBUG"):
                traceback.print_exc()
            return error(internal_error(e), 500)

    def locked(self, work: Callable[[dict], Any], data: dict) -> Any:
        job = job_id(data)
        self._wait(job, 1)
        try:
            self.lock.acquire()
        finally:
            self._wait(job, -1)
        try:
            forget_if_edited()   # the service outlives an edit of the year file (WPS stays open): never the old rules
            self.now = (job, "")
            try:
                return work(data)
            finally:
                self.now = None
        finally:
            self.lock.release()

    def _wait(self, job: str, step: int) -> None:
        """Count a request of job ``job`` as waiting for the lock (+1) or no longer (-1)."""
        if not job:
            return
        with self.waiting_lock:
            left = self.waiting.get(job, 0) + step
            if left > 0:
                self.waiting[job] = left
            else:
                self.waiting.pop(job, None)


def job_id(data: dict) -> str:
    """The id the page gave a request's job ("" when none, or not a short text)."""
    job = data.get("job")
    return job if isinstance(job, str) and len(job) <= MAX_JOB_ID else ""


async def body_of(request: Request) -> dict:
    """The request's JSON object (at most :data:`MAX_BODY` bytes: one sent without a length, in chunks, is refused as
    soon as it passes that, never read whole into memory first); a caller gone before its body ends is refused."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY:
        raise BadOption(TOO_BIG)
    raw = bytearray()
    try:
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY:
                raise BadOption(TOO_BIG)
    except ClientDisconnect:   # the caller went (WPS closed, or silent too long mid-body): no internal error
        raise BadOption("请求尚未发送完连接就断开了。") from None
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, RecursionError):   # RecursionError: arrays nested deeper than the decoder goes
        raise BadOption("请求内容不是 JSON。请重新安装 WPS 加载项（shibai wps install）。") from None
    if not isinstance(data, dict):
        raise BadOption("请求内容格式不对。请重新安装 WPS 加载项（shibai wps install）。")
    return data


def _with_view(data: dict, fn):
    path = data.get("path")
    with A.request_view(path if isinstance(path, str) else None, data.get("book")) as view:
        return fn(view)


class Question(Exception):
    """A choice the job asks for (专家评分表's round, 刷新汇总表's 批次) that the request did not carry: the add-in asks
    it between requests (window.prompt) and sends the button again with the answer under ``key``."""

    def __init__(self, key: str, prompt: str, default: str) -> None:
        super().__init__(prompt)
        self.key, self.prompt, self.default = key, prompt, default

    def to_json(self) -> dict[str, Any]:
        # an add-in of an older version shows the message: it does not know the question
        said = A.Outcome("WPS 加载项需要更新才能选择批次。请重新安装 WPS 加载项（shibai wps install），"
                         "重新启动 WPS 后再点此按钮。", critical=True).to_json()
        return {**said, "ask": {"key": self.key, "prompt": said_safe(self.prompt), "default": self.default}}


def run_action(control: str, job, data: dict,
               progress: Callable[[str], Callable[[int, int, str], None]] | None = None) -> A.Outcome | Question:
    """One button's job; the buttons that need no workbook (帮助, 新建申报表) run without one when none was
    sent, as in Excel (新建申报表 with no workbook open writes into the user's documents). A choice the request does
    not answer (``"round"``) comes back as the :class:`Question` to ask; nothing was written. ``progress``: the
    :class:`~shibai_xl.jobs.actions.Inputs` ``progress`` (for ``/api/progress``)."""
    experts, unsaved, chosen = data.get("experts"), data.get("unsaved"), data.get("round")
    unsaved = [Path(p) for p in unsaved if isinstance(p, str) and p] if isinstance(unsaved, list) else []

    def choose(prompt: str, choices: list[str], default: str) -> str:
        if isinstance(chosen, str):
            return chosen
        raise Question("round", prompt, default)

    inputs = A.Inputs(ask=lambda prompt: experts if isinstance(experts, str) else None, choose=choose,
                      unsaved=lambda: unsaved, progress=progress or (lambda what: None))
    if data.get("ask_first") is True:    # the add-in asks before saving the workbook: only the question
        job = A.ASK_FIRST.get(control, job)
    try:
        if control in WORKBOOK_FREE and (job is A.show_help or not (data.get("path") or data.get("book") is not None)):
            return job(None, inputs)
        return _with_view(data, lambda view: job(view, inputs))
    except Question as q:
        return q


# --- running it ------------------------------------------------------------------------------------

def check_bind(host: str) -> None:
    if not is_loopback(host):
        raise BadOption(f"shibai serve 只在本机地址（127.0.0.1）上提供服务，不能监听 {host}。")


class Server(uvicorn.Server):
    """uvicorn's server, keeping ``pid_files`` (``shibai wps uninstall`` stops the service by the id in them:
    :func:`~shibai_xl.wps.settings.pid_path`) while it serves: written once it listens, removed as it stops — also
    when stopped by SIGTERM (uninstall, systemd), after which uvicorn raises the signal again and no code after
    :meth:`run` runs — and only while it holds this process's id (a service started later, on another port, wrote
    its own)."""

    pid_files: tuple[Path, ...] = ()
    said_full = float("-inf")

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().set_exception_handler(self.loop_trouble)
        await super().startup(sockets)
        if self.started:
            kept = []
            for pid_file in self.pid_files:
                try:
                    pid_file.write_text(str(os.getpid()), "utf-8")
                    kept.append(pid_file)
                except OSError:
                    pass
            self.pid_files = tuple(kept)

    def loop_trouble(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """The event loop's reports: out of file handles (every connection attempt while they are used up: asyncio
        prints a traceback for each, thousands a second) said once a minute in Chinese; the retries it scheduled
        failing on the listening socket closed as the service stops, not at all."""
        exc = context.get("exception")
        # only the selector loop's accept retries (Linux, macOS); Windows' proactor loop closes its socket instead
        if context.get("message") == "socket.accept() out of system resource" and isinstance(exc, OSError):
            if time.monotonic() - self.said_full > 60:
                self.said_full = time.monotonic()
                print(TOO_MANY_CONNECTIONS, file=sys.stderr, flush=True)
            return
        if self.should_exit and isinstance(exc, (OSError, ValueError)):
            return
        loop.default_exception_handler(context)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().shutdown(sockets)
        finally:
            for pid_file in self.pid_files:
                try:
                    if pid_file.read_text("utf-8").strip() == str(os.getpid()):
                        pid_file.unlink()
                except OSError:
                    pass


class HeadTimeout(H11Protocol):
    """uvicorn's HTTP/1.1 connection, closed when its request head has not arrived ``head_timeout`` seconds after it
    opened or after the previous answer (a byte at a time does not extend it), or when its body has been silent
    for ``body_timeout`` seconds. uvicorn times out only a kept-alive connection, and only until its first byte: one
    that says nothing, or never finishes its head, stays open for good, and enough of them (any local program) use
    up the service's file handles, so that nothing — the add-in included — can connect; one silent mid-body holds a
    job waiting for it, and Ctrl+C or ``shibai wps uninstall`` wait for that job. A body may come slowly (each byte
    starts its silence again) and a job whose request has arrived take minutes: neither is timed."""

    head_timeout: float = HEAD_TIMEOUT
    body_timeout: float = BODY_TIMEOUT
    timer: asyncio.TimerHandle | None = None
    timed: Any = None                                   # the h11 state the timer is for

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._time()

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.SEND_BODY:
            self._stop_timer()                          # a part of the body: its silence starts again
        super().data_received(data)

    def handle_events(self) -> None:
        super().handle_events()
        self._time()

    def _time(self) -> None:
        state = self.conn.their_state                   # IDLE: no head yet; SEND_BODY: in the body
        if state is not self.timed:
            self._stop_timer()
        if state in (h11.IDLE, h11.SEND_BODY) and self.timer is None:
            self.timed = state
            wait = self.head_timeout if state is h11.IDLE else self.body_timeout
            self.timer = self.loop.call_later(wait, self._late)

    def _stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = self.timed = None

    def _late(self) -> None:
        state, self.timer, self.timed = self.conn.their_state, None, None
        if state is h11.IDLE:
            self.timeout_keep_alive_handler()           # uvicorn's own close of an idle connection
        elif state is h11.SEND_BODY:
            if self.flow.read_paused:                   # not the caller's silence: the job has not read what came
                self._time()
            elif not self.transport.is_closing():
                self.transport.close()                  # the job waiting for the body hears it disconnected

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_timer()
        super().connection_lost(exc)


def make_server(settings: ServeSettings, host: str = LOOPBACK,
                saved: Callable[[], ServeSettings | None] | None = None, owner_id: str | None = None,
                head_timeout: float = HEAD_TIMEOUT, body_timeout: float = BODY_TIMEOUT) -> Server:
    """A uvicorn server for the app on ``host:settings.port`` (loopback only); a connection that has not sent its
    request head within ``head_timeout`` seconds, or is silent for ``body_timeout`` in its body, is closed
    (:class:`HeadTimeout`)."""
    check_bind(host)
    protocol = type("HeadTimeout", (HeadTimeout,), {"head_timeout": head_timeout, "body_timeout": body_timeout})
    # log_level error: uvicorn's warnings are English lines about other programs' malformed requests ("Invalid HTTP
    # request received.") that no one at the console can act on; proxy_headers off: no proxy stands before the service,
    # the client is the connection's own address (Guard), never what a request's X-Forwarded-For header claims
    config = uvicorn.Config(create_app(settings, saved, owner_id), host=host, port=settings.port, log_level="error",
                            access_log=False, lifespan="off", server_header=False, http=protocol, proxy_headers=False)
    return Server(config)


def claim_port(port: int, host: str = LOOPBACK) -> socket.socket:
    """The service's listening socket on ``host:port``, bound and listening before anything is said or written: two
    services started at once (an autostart and ``shibai wps install``'s own start) cannot both find the port free.
    Refused in Chinese when the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name != "nt":
        # as uvicorn binds (asyncio on POSIX): a service just stopped leaves connections in TIME_WAIT for a
        # minute, which are no listener; on Windows the option would let two listeners share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)   # a port only bound is no claim: another socket with SO_REUSEADDR may bind it too
    except PermissionError:    # reserved for another program (Windows: Hyper-V, WSL), or below 1024
        sock.close()
        raise BadOption(forbidden_port(port) + "。") from None
    except OSError:
        sock.close()
        raise BadOption(f"端口 {port} 已被占用（可能 shibai serve 已在运行：shibai wps status 可查看）。"
                        "如需换端口：shibai serve --port 其他端口，并重新运行 shibai wps install --port 同一端口。") from None
    return sock


def serve(port: int | None = None, out=sys.stderr) -> int:
    """``shibai serve [--port N]``: run until stopped."""
    if port is not None and not 0 < port < 65536:
        raise BadOption(f"端口 {port} 无效，应在 1–65535 之间。")
    settings = load_or_create(port)
    with claim_port(settings.port) as sock:
        print(f"shibai serve 已启动：http://{LOOPBACK}:{settings.port}（设置：{settings_path()}；按 Ctrl+C 停止）",
              file=out, flush=True)
        server = make_server(settings, saved=load, owner_id=owner())
        server.pid_files = (pid_path(), pid_path(settings.port))
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:   # the Ctrl+C the line above asks for: uvicorn ended the requests, then raised it
            # (the command's own Ctrl+C message would call the files its clicks wrote a job left unfinished, exit 1)
            print("shibai serve 已停止。", file=out, flush=True)
    return 0
