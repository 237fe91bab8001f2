"""`shibai serve` (CONTRACT §4: /health without token; token required; foreign Host refused) and
`shibai wps install|status|uninstall` against a temporary home (issue 16)."""
from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from .helpers import SHIBAI, assert_no_traceback, has_chinese, make_app, run, sha


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def temp_home(tmp: Path) -> dict:
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
           "APPDATA": str(home / "AppData/Roaming"), "USERPROFILE": str(home)}
    return env


def clean_env(extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")}
    env.update(extra)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def request(port, method, path, body=None, headers=None, host=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    h = {"Host": host or f"127.0.0.1:{port}"}
    h.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        h["Content-Type"] = "application/json"
    conn.putrequest(method, path, skip_host=True)
    for k, v in h.items():
        conn.putheader(k, v)
    if data is not None:
        conn.putheader("Content-Length", str(len(data)))
    conn.endheaders(data)
    r = conn.getresponse()
    raw = r.read()
    conn.close()
    try:
        payload = json.loads(raw) if raw else None
    except ValueError:
        payload = raw.decode(errors="replace")
    return r.status, dict(r.getheaders()), payload


@contextlib.contextmanager
def started_serve(env: dict):
    """A real ``shibai serve`` on a free port, answering /health, with ``env``: (port, token, process); stopped after."""
    port = free_port()
    proc = subprocess.Popen([*SHIBAI, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if request(port, "GET", "/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            proc.kill()
            raise AssertionError(proc.stderr.read().decode(errors="replace"))
        settings = json.loads((Path(env["XDG_CONFIG_HOME"]) / "shibai-xl" / "serve.json").read_text("utf-8"))
        yield port, settings["token"], proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    env = clean_env(temp_home(tmp))
    with started_serve(env) as (port, token, proc):
        yield {"port": port, "token": token, "tmp": tmp, "env": env, "proc": proc}


def test_health_needs_no_token(server):
    status, headers, body = request(server["port"], "GET", "/health")
    assert status == 200 and body.get("ok") is True


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.nip.io:{port}", "10.0.0.1:{port}"])
def test_foreign_host_is_refused_even_for_health(server, host):
    status, _, body = request(server["port"], "GET", "/health", host=host.format(port=server["port"]))
    assert status in (400, 403, 421), (status, body)


def test_localhost_host_is_accepted(server):
    assert request(server["port"], "GET", "/health", host=f"localhost:{server['port']}")[0] == 200


def test_findings_need_the_token(server, tmp_path):
    app = make_app(tmp_path, "team", name="团队.xlsx")
    for headers in ({}, {"X-Shibai-Token": "wrong"}, {"X-Shibai-Token": ""}):
        status, _, body = request(server["port"], "POST", "/api/findings", {"path": str(app)}, headers)
        assert status in (401, 403), (status, body)
        assert has_chinese(json.dumps(body, ensure_ascii=False))


def test_findings_with_token_match_check(server, tmp_path):
    app = make_app(tmp_path, "enterprise", name="企业.xlsx", sb_online_retail=80, sb_leader_mobile="123")
    before = sha(app)
    status, _, body = request(server["port"], "POST", "/api/findings", {"path": str(app)},
                              {"X-Shibai-Token": server["token"]})
    assert status == 200, body
    p = run("check", app, "--json")
    obj = json.loads(p.stdout)
    assert sorted(f["code"] for f in body["findings"]) == sorted(f["code"] for f in obj["findings"])
    assert body["score"] == obj["score"]["auto"]
    status, _, plan = request(server["port"], "POST", "/api/action/sb_check", {"path": str(app)},
                              {"X-Shibai-Token": server["token"]})
    assert status == 200, plan
    assert sha(app) == before        # the service returns a plan; WPS writes, never the service


def test_foreign_origin_is_refused(server, tmp_path):
    app = make_app(tmp_path, "team", name="团队.xlsx")
    status, headers, body = request(server["port"], "POST", "/api/findings", {"path": str(app)},
                                    {"X-Shibai-Token": server["token"], "Origin": "https://evil.example"})
    assert status == 403, (status, body)
    assert "Access-Control-Allow-Origin" not in headers


def test_preflight_for_the_addin_origin(server):
    status, headers, _ = request(server["port"], "OPTIONS", "/api/findings", None,
                                 {"Origin": "null", "Access-Control-Request-Method": "POST",
                                  "Access-Control-Request-Headers": "content-type,x-shibai-token"})
    assert status in (200, 204)
    lower = {k.lower(): v for k, v in headers.items()}
    assert lower.get("access-control-allow-origin") == "null"
    assert "x-shibai-token" in lower.get("access-control-allow-headers", "").lower()


@pytest.mark.parametrize("payload", [{"path": "relative/团队.xlsx"}, {"path": "/no/such/申报表.xlsx"}, {}])
def test_bad_requests_get_chinese_errors(server, payload):
    status, _, body = request(server["port"], "POST", "/api/findings", payload, {"X-Shibai-Token": server["token"]})
    assert 400 <= status < 500, (status, body)
    assert has_chinese(body["error"]) and "Traceback" not in body["error"]


def test_junk_workbook_gets_a_chinese_error_and_stays(server, tmp_path):
    junk = tmp_path / "坏.xlsx"
    junk.write_bytes(b"\x00\x01" * 500)
    before = sha(junk)
    status, _, body = request(server["port"], "POST", "/api/action/sb_check", {"path": str(junk)},
                              {"X-Shibai-Token": server["token"]})
    assert 400 <= status < 500, (status, body)
    assert has_chinese(body["error"]) and "内部错误" not in body["error"]
    assert sha(junk) == before


def test_unknown_action_is_404(server):
    status, _, body = request(server["port"], "POST", "/api/action/rm_rf", {}, {"X-Shibai-Token": server["token"]})
    assert status == 404 and has_chinese(body["error"])


def test_port_in_use_and_bad_port(server, tmp_path):
    env = clean_env(temp_home(tmp_path))
    p = subprocess.run([*SHIBAI, "serve", "--port", str(server["port"])], env=env, capture_output=True, text=True,
                       timeout=30)
    assert p.returncode == 2 and has_chinese(p.stderr)
    assert_no_traceback(p)
    p = subprocess.run([*SHIBAI, "serve", "--port", "70000"], env=env, capture_output=True, text=True, timeout=30)
    assert p.returncode == 2 and has_chinese(p.stderr)
    assert_no_traceback(p)


# ------------------------------------------------------------------ shibai wps install / status / uninstall
OTHER_PUBLISH = ('<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n'
                 '  <jspluginonline name="otheraddin" type="et" url="http://127.0.0.1:3889/" enable="enable_dev"/>\n'
                 '</jsplugins>\n')


def test_wps_install_status_uninstall(tmp_path):
    extra = temp_home(tmp_path)
    env = clean_env(extra)
    home = Path(extra["HOME"])
    jsaddons = home / ".local/share/Kingsoft/wps/jsaddons"
    jsaddons.mkdir(parents=True)
    (jsaddons / "publish.xml").write_text(OTHER_PUBLISH, encoding="utf-8")
    other_dir = jsaddons / "otheraddin_1.0.0"
    other_dir.mkdir()
    (other_dir / "main.js").write_text("// someone else's add-in", encoding="utf-8")
    port = free_port()
    started = []
    try:
        p = subprocess.run([*SHIBAI, "wps", "install", "--port", str(port)], env=env, capture_output=True, text=True,
                           timeout=60)
        assert_no_traceback(p)
        assert p.returncode == 0, p.stderr
        pid_file = Path(extra["XDG_CONFIG_HOME"]) / "shibai-xl" / "serve.pid"
        for _ in range(100):
            if pid_file.exists():
                started.append(int(pid_file.read_text()))
                break
            time.sleep(0.2)
        publish = (jsaddons / "publish.xml").read_text(encoding="utf-8")
        assert "otheraddin" in publish and "shibai" in publish
        assert (other_dir / "main.js").exists()
        ours = [d for d in jsaddons.iterdir() if d.is_dir() and d.name.startswith("shibai")]
        assert len(ours) == 1
        assert (ours[0] / "ribbon.xml").exists()
        # the token the add-in carries is the one the service uses
        settings = json.loads((Path(extra["XDG_CONFIG_HOME"]) / "shibai-xl" / "serve.json").read_text("utf-8"))
        assert settings["token"] in "".join(p.read_text("utf-8", errors="replace") for p in ours[0].rglob("*.js"))
        # idempotent: a second install keeps one entry each
        p = subprocess.run([*SHIBAI, "wps", "install", "--port", str(port)], env=env, capture_output=True, text=True,
                           timeout=60)
        assert p.returncode == 0, p.stderr
        publish = (jsaddons / "publish.xml").read_text(encoding="utf-8")
        assert publish.count("otheraddin") == 1 and publish.lower().count('name="shibai') == 1, publish
        p = subprocess.run([*SHIBAI, "wps", "status"], env=env, capture_output=True, text=True, timeout=60)
        assert p.returncode == 0 and has_chinese(p.stdout)
        assert "已安装" in p.stdout
        p = subprocess.run([*SHIBAI, "wps", "uninstall"], env=env, capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        publish = (jsaddons / "publish.xml").read_text(encoding="utf-8")
        assert "otheraddin" in publish and "shibai" not in publish.lower()
        assert (other_dir / "main.js").exists()
        assert not any(d.name.startswith("shibai") for d in jsaddons.iterdir())
        assert not (home / ".config/autostart/shibai-serve.desktop").exists()
    finally:
        for pid in started:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
    # nothing written outside the temporary home
    assert all(str(p).startswith(str(home)) for p in home.rglob("*"))
