"""The add-in sends its token only to a service that proves it holds the same token: ``GET /health?challenge=``
answers ``hex(HMAC-SHA256(token, "shibai-health:" + nonce))``, computed in the add-in by its own SHA-256/HMAC in
plain JS (WPS's browser may lack crypto.subtle). Another account's program started first on the port gets nothing."""
from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import random
import re
import subprocess
import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from shibai_xl import __version__
from shibai_xl.wps import settings as S

from .conftest import ADDIN, NODE, fake_book, needs_node, run_js, sheet_of

pytestmark = needs_node

SHIBAI_JS = ADDIN / "js" / "shibai.js"
# node: [[key hex, message hex], …] on stdin → [HMAC-SHA256 hex, …] by the add-in's own code
HMAC_IN_NODE = """
const S = require(process.argv[1]);
const bytes = (h) => (h.match(/../g) || []).map((b) => parseInt(b, 16));
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([k, m]) => S.hex(S.hmacSha256(bytes(k), bytes(m))))));
"""


def js(script: str, *args: str, stdin: str = "") -> str:
    done = subprocess.run([NODE, "-e", script, str(SHIBAI_JS), *args], input=stdin, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def js_hmac(cases: list[tuple[bytes, bytes]]) -> list[str]:
    return json.loads(js(HMAC_IN_NODE, stdin=json.dumps([[k.hex(), m.hex()] for k, m in cases])))


# RFC 4231 section 4: HMAC-SHA-256 test cases 1–4, 6, 7 (case 5 is a truncated output)
RFC_4231 = [
    (b"\x0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (b"\xaa" * 20, b"\xdd" * 50, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (bytes(range(1, 26)), b"\xcd" * 50, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    (b"\xaa" * 131, b"This is a test using a larger than block-size key and a larger than block-size data. The key "
     b"needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]


def test_the_addins_hmac_gives_the_rfc_4231_values_and_pythons():
    got = js_hmac([(k, m) for k, m, _ in RFC_4231])
    assert got == [want for *_, want in RFC_4231]
    assert got == [hmac.new(key, message, hashlib.sha256).hexdigest() for key, message, _ in RFC_4231]


def test_the_addins_hmac_equals_pythons_on_random_inputs():
    rng = random.Random(20240611)
    lengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 200, 1000]   # around SHA-256's padding edges
    cases = [(rng.randbytes(rng.choice(lengths)), rng.randbytes(rng.choice(lengths))) for _ in range(150)]
    cases += [(rng.randbytes(n), rng.randbytes(m)) for n in lengths for m in (0, 55, 56, 64)]
    assert js_hmac(cases) == [hmac.new(k, m, hashlib.sha256).hexdigest() for k, m in cases]


def test_the_addins_proof_is_the_services_for_any_token_text():
    tokens = [S.new_token() for _ in range(5)] + ["令牌-中文", "emoji 😀 token", "x" * 100]
    ports = [27315, 1, 65535, 50000, 8080, 27316, 443, 27315]
    nonces = [S.new_nonce() for _ in tokens]
    cases = list(zip(tokens, ports, nonces))
    script = ("const S = require(process.argv[1]); const c = JSON.parse(process.argv[2]);"
              "process.stdout.write(JSON.stringify(c.map(([t, p, n]) => S.proof(t, p, n))));")
    got = json.loads(js(script, json.dumps(cases, ensure_ascii=False)))
    assert got == [S.health_proof(t, p, n) for t, p, n in cases]


def test_each_challenge_is_fresh_hex_also_without_crypto():
    script = ("const S = require(process.argv[1]); const a = [S.nonce(), S.nonce()];"
              "Object.defineProperty(globalThis, 'crypto', {value: undefined, configurable: true});"
              "a.push(S.nonce(), S.nonce()); process.stdout.write(JSON.stringify(a));")
    nonces = json.loads(js(script))
    assert all(re.fullmatch(r"[0-9a-f]{64}", n) and S.NONCE.fullmatch(n) for n in nonces)
    assert len(set(nonces)) == 4


# --- end to end: the real service, the add-in in node ------------------------------------------------------

def test_a_button_asks_the_service_to_prove_itself_before_sending_the_token(service, flawed_park, tmp_path):
    clicked = run_js(tmp_path, fake_book(flawed_park), "sb_check", service)
    assert clicked["error"] is None and "前置条件：待定" in clicked["alerts"][-1]
    assert sheet_of(clicked, "校验结果")["written"]
    ask, post = clicked["requests"]
    assert ask["method"] == "GET" and not ask["token"]
    assert re.fullmatch(rf"http://127\.0\.0\.1:{service.port}/health\?challenge=[0-9a-f]{{64}}", ask["url"])
    assert post["method"] == "POST" and post["token"] and post["url"].endswith("/api/action/sb_check")
    again = run_js(tmp_path, None, "sb_help", service)
    assert again["error"] is None and again["requests"][0]["url"] != ask["url"]      # a fresh nonce each time


class Impostor(http.server.ThreadingHTTPServer):
    """A program on the add-in's port that answers /health as shibai serve does, with a proof of some kind, and
    says yes to everything else: without the check the add-in would hand it the token."""

    def __init__(self, proof):
        self.proof, self.seen = proof, []
        super().__init__(("127.0.0.1", 0), ImpostorHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]


class ImpostorHandler(http.server.BaseHTTPRequestHandler):
    server: Impostor

    def answer(self, data: dict) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        said = {"ok": True, "service": "shibai-xl", "version": __version__, "owner": S.owner()}
        nonce = parse_qs(urlsplit(self.path).query).get("challenge", [""])[0]
        proof = self.server.proof(nonce, self.server.port)
        self.answer(said if proof is None else {**said, "proof": proof})

    def do_POST(self):
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.answer({"message": "已收到", "edits": {}, "findings": []})

    def log_message(self, *args):
        pass


TOKEN = "the-users-own-token"
EARLIER = S.new_nonce()
PROOFS = {
    "no proof (an older shibai serve)": lambda nonce, port: None,
    "a wrong proof": lambda nonce, port: "0" * 64,
    "another account's token": lambda nonce, port: S.health_proof("their-token", port, nonce),
    "a proof collected earlier": lambda nonce, port: S.health_proof(TOKEN, port, EARLIER),
    # the challenge passed on to this user's own service listening on another port
    "relayed from another port": lambda nonce, port: S.health_proof(TOKEN, port + 1, nonce),
    "not text": lambda nonce, port: 12345,
}


@pytest.mark.parametrize("proof", PROOFS.values(), ids=PROOFS.keys())
def test_a_program_that_cannot_prove_itself_never_receives_the_token(proof, flawed_park, tmp_path, service):
    impostor = Impostor(proof)
    try:
        clicked = run_js(tmp_path, fake_book(flawed_park), "sb_check", service,
                         settings={"port": impostor.port, "token": TOKEN})
        pane = run_js(tmp_path, None, "sb_help", service, settings={"port": impostor.port, "token": TOKEN})
    finally:
        impostor.shutdown()
        impostor.server_close()
    for shown in (clicked, pane):
        message = shown["alerts"][-1]
        assert f"端口 {impostor.port} 上运行的不是本机安装的 shibai 服务" in message and "没有发送请求" in message
        assert "shibai wps status" in message and "shibai wps install" in message
        assert shown["error"] == message
    assert not sheet_of(clicked, "校验结果")["written"]
    assert [(m, p.split("?")[0]) for m, p, _ in impostor.seen] == [("GET", "/health")] * 2   # asked, nothing more
    for _, _, headers in impostor.seen:
        assert not any(k.lower() == "x-shibai-token" for k in headers) and TOKEN not in json.dumps(headers)
