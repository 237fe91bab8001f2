"""Connections that never send their request: a local program opening sockets to ``shibai serve`` and saying nothing
must not keep them (each holds one of the service's file handles: enough of them and the add-in is locked out).
Real service, raw sockets."""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from shibai_xl.errors import ERROR_LOG
from shibai_xl.faces import serve as S
from shibai_xl.user_dirs import cache_dir
from shibai_xl.wps.settings import ServeSettings

from ..acceptance.helpers import SHIBAI
from ..acceptance.test_serve_wps import clean_env, request, temp_home
from .conftest import free_port, start_service, stop_service

HEAD = 1.0      # the head timeout these tests give the service (the real one is S.HEAD_TIMEOUT)
BODY = 2.0      # and the silence allowed inside a body (S.BODY_TIMEOUT)


@pytest.fixture(scope="module")
def quick():
    svc = start_service(ServeSettings(port=free_port(), token=secrets.token_urlsafe(16)), head_timeout=HEAD,
                        body_timeout=BODY)
    yield svc
    stop_service(svc)


def connect(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    return s


def closed_within(s: socket.socket, seconds: float) -> float | None:
    """Seconds until the service closed ``s`` (None: still open after ``seconds``)."""
    start = time.monotonic()
    s.settimeout(seconds)
    try:
        while True:
            data = s.recv(4096)
            if not data:
                return time.monotonic() - start
    except TimeoutError:
        return None
    except ConnectionResetError:
        return time.monotonic() - start


def answer(s: socket.socket) -> tuple[int, dict]:
    raw = b""
    s.settimeout(20)
    while b"\r\n\r\n" not in raw:
        raw += s.recv(4096)
    head, _, body = raw.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += s.recv(4096)
    return int(head.split()[1]), json.loads(body)


def test_a_connection_that_sends_nothing_is_closed_after_the_head_timeout(quick):
    s = connect(quick.port)
    took = closed_within(s, HEAD + 4)
    assert took is not None and took < HEAD + 2
    s.close()
    assert quick.call("GET", "/health", token=False)[0] == 200


def test_a_request_head_dribbled_a_byte_at_a_time_is_closed_all_the_same(quick):
    s = connect(quick.port)
    start = time.monotonic()
    s.sendall(b"GET /health HTTP/1.1\r\n")
    closed = False
    for byte in b"Host: 127.0.0.1:%d\r\nX-Padding: " % quick.port + b"x" * 40:
        time.sleep(0.1)
        try:
            s.sendall(bytes([byte]))
        except OSError:
            closed = True
            break
    took = closed_within(s, 3) if not closed else time.monotonic() - start
    assert took is not None and time.monotonic() - start < HEAD + 3
    s.close()


def test_a_body_arriving_slowly_after_its_head_is_not_cut(quick):
    body = json.dumps({"job": "slow-body"}).encode()
    s = connect(quick.port)
    s.sendall(b"POST /api/progress HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
              b"%s: %s\r\nContent-Length: %d\r\n\r\n" % (quick.port, S.TOKEN_HEADER.encode(),
                                                         quick.settings.token.encode(), len(body)))
    start = time.monotonic()
    for i in range(0, len(body), 4):          # the body over three head timeouts
        time.sleep(3 * HEAD / (len(body) / 4))
        s.sendall(body[i:i + 4])
    assert time.monotonic() - start > 2 * HEAD
    status, data = answer(s)
    assert status == 200 and data["busy"] is False
    s.close()


def test_a_body_that_stops_coming_is_given_up_and_the_service_can_still_stop():
    """A caller with the token that sends its head and then falls silent mid-body (a program hung while sending)
    held the connection, and a job waiting for it, for good: Ctrl+C and ``shibai wps uninstall`` then never
    stopped the service. After BODY seconds without a byte the connection is closed."""
    svc = start_service(ServeSettings(port=free_port(), token=secrets.token_urlsafe(16)), head_timeout=HEAD,
                        body_timeout=BODY)
    s = connect(svc.port)
    s.sendall(b"POST /api/findings HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s: %s\r\nContent-Length: 100\r\n\r\n{"
              % (svc.port, S.TOKEN_HEADER.encode(), svc.settings.token.encode()))
    took = closed_within(s, BODY + 5)
    assert took is not None and BODY - 0.5 < took < BODY + 2
    s.close()
    assert svc.call("GET", "/health", token=False)[0] == 200
    stop_service(svc)
    assert not svc.server._thread.is_alive()
    log = cache_dir() / ERROR_LOG          # a caller gone is no internal error for technical support
    assert not log.exists() or "ClientDisconnect" not in log.read_text("utf-8")


def test_the_add_in_keeps_its_connection_between_requests_and_an_idle_one_then_goes(quick):
    s = connect(quick.port)
    head = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % quick.port
    for _ in range(3):
        time.sleep(0.6 * HEAD)            # each request inside the timeout counted from the previous answer
        s.sendall(head)
        status, data = answer(s)
        assert status == 200 and data["ok"] is True
    s.sendall(b"GET /health HTTP/1.1\r\n")       # then a head never finished
    took = closed_within(s, HEAD + 4)
    assert took is not None and took < HEAD + 2
    s.close()


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_NOFILE is POSIX")
def test_idle_connections_using_up_the_services_file_handles_do_not_lock_the_add_in_out(tmp_path):
    """``shibai serve`` itself, with 128 file handles: 150 silent connections use them all up (nothing answers while
    they are open); after the head timeout the service has closed them and answers again. Its console says so in
    Chinese, once — no traceback each second — and nothing about other programs' malformed requests."""
    env = clean_env(temp_home(tmp_path))
    port = free_port()

    def few_handles():
        import resource  # POSIX only

        resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))

    console = tmp_path / "console.txt"
    with console.open("wb") as err:
        proc = subprocess.Popen([*SHIBAI, "serve", "--port", str(port)], env=env, stdout=err, stderr=err,
                                start_new_session=True, preexec_fn=few_handles)
    idle: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert request(port, "GET", "/health")[0] == 200
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        for junk in (b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n",      # TLS to a plain port
                     b"GET /health HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                     b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n" % port):
            s = connect(port)
            s.sendall(junk)
            assert s.recv(100).startswith(b"HTTP/1.1 ")
            s.close()
        idle = [connect(port) for _ in range(150)]
        opened = time.monotonic()
        deadline = opened + S.HEAD_TIMEOUT + 10
        while True:
            try:
                if request(port, "GET", "/health")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "shibai serve no longer answers"
            time.sleep(0.5)
        assert time.monotonic() - opened > S.HEAD_TIMEOUT - 1      # locked out until the timeout, not longer
        assert sum(closed_within(s, 1) is not None for s in idle[:100]) == 100
        token = json.loads((Path(env["XDG_CONFIG_HOME"]) / "shibai-xl" / "serve.json").read_text("utf-8"))["token"]
        status, _, body = request(port, "POST", "/api/progress", {}, {S.TOKEN_HEADER: token})
        assert status == 200 and body["busy"] is False
    finally:
        for s in idle:
            s.close()
        proc.send_signal(signal.SIGINT)        # Ctrl+C
        proc.wait(timeout=20)
    said = console.read_text("utf-8").splitlines()
    assert said[0].startswith("shibai serve 已启动") and said[-1] == "shibai serve 已停止。"
    assert said[1:-1] == [S.TOO_MANY_CONNECTIONS], said
