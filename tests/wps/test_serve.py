"""``shibai serve`` for real: a uvicorn server on a free port, every endpoint on real workbooks."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.addin.ribbon import RIBBON_BUTTONS
from shibai_xl.errors import BadOption
from shibai_xl.faces import serve as S
from shibai_xl.jobs.actions import ACTIONS, HELP_TEXT, PROVINCE_FILE, REVIEW_FOLDER
from shibai_xl.jobs.merge import PROVINCE_TITLE
from shibai_xl.jobs.new_workbook import new_workbook
from shibai_xl.jobs.refresh import refresh
from shibai_xl.wps.settings import ServeSettings

ACTION = "/api/action/"


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- who may call ------------------------------------------------------------------------------------

def test_health_needs_no_token_but_the_host_is_checked(service):
    status, _, data = service.call("GET", "/health", token=False)
    assert status == 200 and data["ok"] is True and data["service"] == "shibai-xl"
    status, _, data = service.call("GET", "/health", token=False, headers={"Host": f"evil.example:{service.port}"})
    assert status == 403 and "Host" in data["error"]
    status, _, _ = service.call("GET", "/health", token=False, headers={"Host": f"localhost:{service.port}"})
    assert status == 200


def test_health_proves_the_token_to_a_challenge_and_refuses_a_bad_nonce_in_chinese(service):
    from shibai_xl.wps.settings import health_proof

    for nonce in ("ab" * 16, "0123456789ABCDEF" * 8, "f" * 64):
        status, _, data = service.call("GET", f"/health?challenge={nonce}", token=False)
        assert status == 200 and data["service"] == "shibai-xl"
        assert data["proof"] == health_proof(service.settings.token, service.port, nonce) == hmac.new(
            service.settings.token.encode(), f"shibai-health:{service.port}:{nonce}".encode(), hashlib.sha256).hexdigest()
        assert data["proof"] != health_proof(service.settings.token, service.port + 1, nonce)   # signed for its port
    status, _, data = service.call("GET", "/health", token=False)
    assert status == 200 and "proof" not in data                       # install and status of earlier versions
    for nonce in ("", "abc", "a" * 31, "a" * 129, "g" * 64, "%E4%B8%AD" * 11, "a" * 31 + "%20"):
        status, _, data = service.call("GET", f"/health?challenge={nonce}", token=False)
        assert status == 400 and "challenge" in data["error"] and "十六进制" in data["error"], nonce


def test_every_action_needs_the_token(service, flawed_park):
    before = digest(flawed_park.parent)
    for headers in ({}, {S.TOKEN_HEADER: "wrong"}, {S.TOKEN_HEADER: service.settings.token + "x"}):
        status, _, data = service.call("POST", ACTION + "sb_check", {"path": str(flawed_park)}, headers=headers,
                                       token=False)
        assert status == 401 and "令牌不正确" in data["error"]
    status, _, _ = service.call("POST", "/api/findings", {"path": str(flawed_park)}, token=False)
    assert status == 401
    assert digest(flawed_park.parent) == before


def test_a_foreign_host_is_refused_even_with_the_token(service, flawed_park):
    status, _, data = service.call("POST", ACTION + "sb_check", {"path": str(flawed_park)},
                                   headers={"Host": "attacker.example"})
    assert status == 403 and "Host" in data["error"]


def test_cors_preflight_for_the_addin_origin_only(service):
    ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-shibai-token"}
    status, headers, _ = service.call("OPTIONS", ACTION + "sb_check", token=False, headers={"Origin": "null", **ask})
    assert status == 204
    assert headers["access-control-allow-origin"] == "null"
    assert "POST" in headers["access-control-allow-methods"]
    assert S.TOKEN_HEADER.lower() in headers["access-control-allow-headers"].lower()
    status, headers, _ = service.call("OPTIONS", ACTION + "sb_check", token=False,
                                      headers={"Origin": "null", "Access-Control-Request-Private-Network": "true", **ask})
    assert headers["access-control-allow-private-network"] == "true"

    status, headers, data = service.call("OPTIONS", ACTION + "sb_check", token=False,
                                         headers={"Origin": "https://evil.example", **ask})
    assert status == 403 and "access-control-allow-origin" not in headers and "evil.example" in data["error"]
    # a real request from that page is refused too, token or not
    status, _, _ = service.call("POST", ACTION + "sb_help", {}, headers={"Origin": "https://evil.example"})
    assert status == 403
    status, headers, data = service.call("POST", ACTION + "sb_help", {}, headers={"Origin": "null"})
    assert status == 200 and headers["access-control-allow-origin"] == "null" and data["message"] == HELP_TEXT


def _asgi_status(app, client, host: str) -> int:
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "method": "GET", "path": "/health", "raw_path": b"/health", "query_string": b"",
             "headers": [(b"host", host.encode())], "client": client, "server": ("127.0.0.1", 1),
             "scheme": "http", "http_version": "1.1", "root_path": ""}
    asyncio.run(app(scope, receive, send))
    return messages[0]["status"]


def test_only_loopback_clients_and_only_a_loopback_bind():
    settings = ServeSettings(port=27999, token="t")
    app = S.create_app(settings)
    assert _asgi_status(app, ("127.0.0.1", 50000), "127.0.0.1:27999") == 200
    assert _asgi_status(app, ("::1", 50000), "localhost:27999") == 200
    assert _asgi_status(app, ("192.168.1.20", 50000), "127.0.0.1:27999") == 403
    assert _asgi_status(app, None, "127.0.0.1:27999") == 403
    for host in ("0.0.0.0", "192.168.1.20", "::", "example.org"):
        with pytest.raises(BadOption, match="127.0.0.1"):
            S.make_server(settings, host=host)
    assert S.make_server(settings, host="127.0.0.1").config.host == "127.0.0.1"


def test_the_client_is_the_connections_address_not_a_forwarded_for_header(service, flawed_park):
    """No proxy stands before the service: a request's X-Forwarded-For (added by a tool on the machine, or written by
    any local program) neither turns the add-in's loopback request into one refused as from another computer, nor is
    taken for the client's address at all."""
    for claimed in ("8.8.8.8", "192.168.1.20, 127.0.0.1"):
        status, _, data = service.call("POST", "/api/findings", {"path": str(flawed_park)},
                                       headers={"X-Forwarded-For": claimed, "X-Forwarded-Proto": "https"})
        assert status == 200 and data["findings"], (claimed, data)
    assert S.make_server(ServeSettings(port=27999, token="t")).config.proxy_headers is False


# --- every ribbon action, on real workbooks ------------------------------------------------------------

def test_the_service_has_an_endpoint_for_every_ribbon_button():
    assert set(ACTIONS) == {b.id for b in RIBBON_BUTTONS}


def test_what_the_service_is_doing_needs_the_token_and_is_nothing_when_idle(service):
    """The add-in asks it while a button waits, for WPS's status bar (the Excel ribbon shows a job's progress in
    Excel's): the file names it holds are the user's, so the token is needed, and the job's lock is not."""
    status, _, data = service.call("POST", "/api/progress", {}, token=False)
    assert status == 401 and "令牌不正确" in data["error"]
    status, _, data = service.call("POST", "/api/progress", {})
    assert status == 200 and data == {"busy": False, "text": ""}


def test_a_click_queued_behind_another_windows_job_is_told_its_own_progress(service, monkeypatch):
    """Two WPS windows: 刷新汇总表 runs for the first (“3/10 甲.xlsx”), a click in the second waits its turn (one job at a
    time). The second window's status bar showed the first's job, as if its own were half done. Progress belongs to
    the job whose id the page sends: the running job its own text, a queued one that it waits, a job the service
    does not know (done already, or not arrived yet) nothing; a page that sends no id is told the running job's, as
    before."""
    import threading
    import time

    from shibai_xl.jobs import actions as A

    started, release = threading.Event(), threading.Event()

    def slow_job(view, inputs):
        inputs.progress("刷新汇总表")(3, 10, "甲.xlsx")
        started.set()
        release.wait(20)
        return A.Outcome("完成")

    monkeypatch.setitem(A.ACTIONS, "sb_help", slow_job)
    answers = {}
    clicks = [threading.Thread(target=lambda j=j: answers.setdefault(j, service.call("POST", ACTION + "sb_help",
                                                                                      {"job": j})))
              for j in ("window-1", "window-2")]
    clicks[0].start()
    assert started.wait(20)
    clicks[1].start()
    time.sleep(0.5)                                              # the second click has reached the service
    try:
        said = {j: service.call("POST", "/api/progress", {"job": j})[2] for j in ("window-1", "window-2", "other")}
        assert said["window-1"] == {"busy": True, "text": "刷新汇总表：3/10 甲.xlsx"}
        assert said["window-2"]["busy"] is True and "甲.xlsx" not in said["window-2"]["text"], said
        assert "等待" in said["window-2"]["text"], said
        assert said["other"] == {"busy": False, "text": ""}
        assert service.call("POST", "/api/progress", {})[2] == said["window-1"]   # an add-in sending no id
    finally:
        release.set()
        for t in clicks:
            t.join(30)
    assert all(answers[j][0] == 200 and answers[j][2]["message"] == "完成" for j in answers), answers
    assert service.call("POST", "/api/progress", {"job": "window-2"})[2] == {"busy": False, "text": ""}


def test_check_score_residents_upload_name(service, flawed_park):
    before = digest(flawed_park.parent)
    status, _, check = service.call("POST", ACTION + "sb_check", {"path": str(flawed_park)})
    assert status == 200 and "检查完成" in check["message"]
    edits = check["edits"]
    codes = {f["code"] for f in check["findings"]}
    assert {"FIELD_MOBILE", "XC_RESIDENT_DUP"} <= codes
    assert any(b["sheet"] == "校验结果" for b in edits["blocks"]) and edits["notes"] and edits["links"]
    assert {c["color"] for c in edits["colors"]} <= {"#FFC7CE", "#FFEB9C", "#FFF8DC"}

    status, _, score = service.call("POST", ACTION + "sb_score", {"path": str(flawed_park)})
    assert status == 200 and "建议得分" in score["message"]
    assert {b["sheet"] for b in score["edits"]["blocks"]} == {"评分"} and not score["edits"]["notes"]

    status, _, res = service.call("POST", ACTION + "sb_residents", {"path": str(flawed_park)})
    assert status == 200 and "重复企业" in res["message"]
    assert {c["sheet"] for c in res["edits"]["colors"]} == {"入驻企业名单"} and not res["edits"]["blocks"]

    status, _, up = service.call("POST", ACTION + "sb_upload_name", {"path": str(flawed_park)})
    assert status == 200 and up["message"].endswith("申报资料.pdf") and up["edits"]["blocks"] == []

    status, _, found = service.call("POST", "/api/findings", {"path": str(flawed_park)})
    assert status == 200 and {f["code"] for f in found["findings"]} == codes and found["status"] == "待定"
    assert digest(flawed_park.parent) == before           # the service never writes the open workbook


def test_new_writes_a_blank_template_next_to_the_workbook(service, make_workbook, rules):
    path = make_workbook("team")
    status, _, data = service.call("POST", ACTION + "sb_new", {"path": str(path)})
    out = path.parent / f"{rules.types['team'].form_title}（空白）.xlsx"
    assert status == 200 and out.is_file() and data["open_file"] == str(out)
    assert load_workbook(out).defined_names["sb_type"].attr_text == '"team"'


def test_new_from_a_never_saved_workbook_writes_into_documents(service, tmp_path, monkeypatch, rules):
    """An empty workbook never saved (WPS's 工作簿1) sent as its values: 新建申报表 answered “还没有保存……请先保存”;
    the four blanks go into 文档 as with no workbook open, and the workbook gets no edits."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    status, _, data = service.call("POST", ACTION + "sb_new", {"book": {"name": "工作簿1",
                                                                        "sheets": [{"name": "Sheet1", "values": []}]}})
    made = sorted(p.name for p in (home / "Documents").iterdir())
    assert status == 200 and made == sorted(f"{t.form_title}（空白）.xlsx" for t in rules.types.values()), data
    assert data["edits"]["blocks"] == [] and "没有改动" in data["message"]


def test_review_make_on_a_summary_of_two_batches_asks_the_round(service, tmp_path, make_workbook):
    """Without ``"round"`` the answer is the question, nothing made (an add-in too old to ask shows a Chinese message);
    with it, that round's books."""
    from ..test_ribbon_actions import _may_then_august

    summary = _may_then_august(tmp_path, make_workbook)
    status, _, data = service.call("POST", ACTION + "sb_review_make", {"path": str(summary), "experts": "甲"})
    assert status == 200 and data["ask"]["key"] == "round" and data["ask"]["default"] == "2024-08", data
    assert "重新安装" in data["message"] and not (tmp_path / REVIEW_FOLDER).exists()
    status, _, data = service.call("POST", ACTION + "sb_review_make",
                                   {"path": str(summary), "experts": "甲", "round": "第一批"})
    assert status == 200 and "ask" not in data and "本轮只列入批次为“2024-05”" in data["message"], data
    # "ask_first": the question only (the add-in asks it before saving the workbook), nothing made
    shutil.rmtree(tmp_path / REVIEW_FOLDER)
    status, _, data = service.call("POST", ACTION + "sb_review_make", {"path": str(summary), "ask_first": True})
    assert status == 200 and data["ask"]["default"] == "2024-08" and not (tmp_path / REVIEW_FOLDER).exists()
    status, _, data = service.call("POST", ACTION + "sb_review_make",
                                   {"path": str(summary), "ask_first": True, "round": "2024-05", "experts": "甲"})
    assert status == 200 and "ask" not in data and data["message"] == "" and not (tmp_path / REVIEW_FOLDER).exists()


def test_refresh_merge_and_review(service, tmp_path, demo_folder):
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    new_workbook("summary", summary)
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary)})
    assert status == 200 and "新增 4 行" in data["message"]
    assert data["edits"]["table"]["name"] == "sb_summary" and data["edits"]["blocks"]

    refresh(summary, tmp_path / "申报表")     # the summary as the city saved it
    status, _, data = service.call("POST", ACTION + "sb_merge", {"path": str(summary)})
    assert status == 200 and (tmp_path / PROVINCE_FILE).is_file() and "合并：贵阳市 4 项" in data["message"]

    province = tmp_path / "全省.xlsx"
    new_workbook("summary", province, PROVINCE_TITLE)
    status, _, data = service.call("POST", ACTION + "sb_merge", {"path": str(province)})
    assert status == 200 and data["edits"]["blocks"] and "贵阳市" in data["message"]

    status, _, data = service.call("POST", ACTION + "sb_review_make", {"path": str(summary)})
    assert status == 200 and "shibai review make" in data["message"]        # no names: the CLI line
    status, _, data = service.call("POST", ACTION + "sb_review_make", {"path": str(summary), "experts": "甲，乙,丙"})
    assert status == 200 and "为 3 位专家生成评分表" in data["message"]
    assert len(list((tmp_path / REVIEW_FOLDER).glob("专家评分表-*.xlsx"))) == 3
    status, _, data = service.call("POST", ACTION + "sb_review_collect", {"path": str(summary)})
    assert status == 200 and data["message"].startswith("评审结果：")


def test_review_make_takes_the_experts_cities_typed_after_their_names(service, tmp_path, demo_folder):
    """The WPS add-in's one line for the panel carries the experts' 市（州） (as ``--expert-cities``): 甲 of 贵阳市 is
    recused from the 贵阳市 projects, as the Excel ribbon and the CLI do."""
    from ..test_ribbon_review_cities import _recused

    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = refresh(tmp_path / "汇总.xlsx", tmp_path / "申报表", city="贵阳市").summary
    status, _, data = service.call("POST", ACTION + "sb_review_make", {"path": str(summary), "experts": "甲=贵阳市、乙"})
    assert status == 200 and "为 2 位专家生成评分表" in data["message"], data
    assert _recused(tmp_path / REVIEW_FOLDER / "专家评分表-甲.xlsx") and not _recused(
        tmp_path / REVIEW_FOLDER / "专家评分表-乙.xlsx")


def test_an_expert_name_with_half_an_emoji_is_refused_in_chinese(service, tmp_path, demo_folder):
    """A name typed into 专家评分表's prompt holding half an emoji (a pasted name cut short; the add-in sends it as
    \\udXXX) ended in 程序内部错误 when its workbook's file name could not be made; refused as a name that cannot
    be a file name, nothing written."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = refresh(tmp_path / "汇总.xlsx", tmp_path / "申报表").summary
    body = {"path": str(summary), "experts": "甲,乙\ud83d"}
    status, _, data = service.call("POST", ACTION + "sb_review_make", raw=json.dumps(body).encode())
    assert status == 422 and "不能用于文件名" in data["error"], data
    assert not (tmp_path / REVIEW_FOLDER).exists()


def test_help_needs_no_workbook(service):
    status, _, data = service.call("POST", ACTION + "sb_help", {})
    assert status == 200 and data["message"] == HELP_TEXT and data["edits"]["blocks"] == []


# --- bad input: a Chinese error, nothing written ------------------------------------------------------------

@pytest.mark.parametrize("control, body, expected", [
    ("sb_check", {"path": "relative.xlsx"}, "完整路径"),
    ("sb_check", {}, "没有收到工作簿"),
    ("sb_check", {"book": "not a workbook"}, "无法识别"),
    ("sb_check", {"book": {"sheets": [{"name": "Sheet1", "values": [["x"]]}]}}, "不是申报表"),
    ("sb_refresh", {"book": {"sheets": [{"name": "Sheet1", "values": [["x"]]}]}}, "不是本工具的项目汇总表"),
    ("sb_new", {"path": "relative.xlsx"}, "完整路径"),
])
def test_bad_requests_get_a_chinese_error(service, control, body, expected):
    status, _, data = service.call("POST", ACTION + control, body)
    assert status == 422 and expected in data["error"]


def test_bad_files_get_a_chinese_error_and_are_not_touched(service, tmp_path):
    summary = new_workbook("summary", tmp_path / "汇总.xlsx")
    (tmp_path / "假的.xlsx").write_text("a,b\n1,2\n", "utf-8")
    (tmp_path / "旧格式.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    before = digest(tmp_path)
    cases = [(summary, "不是申报表"), (tmp_path / "假的.xlsx", "文本文件"), (tmp_path / "旧格式.xls", "已损坏或不完整"),
             (tmp_path / "没有.xlsx", "找不到文件")]
    for path, expected in cases:
        status, _, data = service.call("POST", ACTION + "sb_check", {"path": str(path)})
        assert status == 422 and expected in data["error"], data
    status, _, data = service.call("POST", ACTION + "sb_check", raw=b"{not json")
    assert status == 422 and "不是 JSON" in data["error"]
    status, _, data = service.call("POST", ACTION + "sb_nonexistent", {"path": str(summary)})
    assert status == 404 and "未知的按钮" in data["error"]
    assert digest(tmp_path) == before


def test_a_body_past_the_limit_is_refused_in_chinese_before_it_is_read_whole(service, monkeypatch):
    """A request body larger than MAX_BODY is refused whether it says its length or not: one sent in chunks (no
    Content-Length) was read to its end into memory first — 100 MB, or as much as a sender kept sending, and an
    endless one was never answered. Now it is refused as soon as it passes the limit."""
    import socket

    monkeypatch.setattr(S, "MAX_BODY", 64 * 1024)
    status, _, data = service.call("POST", ACTION + "sb_check", raw=b'{"book": "' + b"a" * 70_000 + b'"}')
    assert status == 422 and "过大" in data["error"]
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        sock.sendall(f"POST {ACTION}sb_check HTTP/1.1\r\nHost: 127.0.0.1:{service.port}\r\n"
                     f"{S.TOKEN_HEADER}: {service.settings.token}\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n".encode())
        piece = b"a" * 16 * 1024
        for _ in range(8):                    # twice the limit, and the body never ends
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            got = sock.recv(65536)            # a timeout here: the service is still waiting for the body's end
            if not got:
                break
            answer += got
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 422") and "过大" in json.loads(body)["error"]
    status, _, data = service.call("POST", ACTION + "sb_help", {})       # and the service goes on
    assert status == 200


def test_every_refusal_is_chinese_json(service):
    """Errors are {"error": "中文说明"} (module docstring) — also for a path or method the service does not
    have, and for JSON nested too deep for the decoder (once a 500 quoting Python's English RecursionError)."""
    for method, path, raw in [("GET", "/api/findings", None), ("POST", "/health", b"{}"), ("POST", "/nothing", b"{}"),
                              ("GET", "/", None), ("POST", "/api/findings", b"[" * 100_000 + b"]" * 100_000),
                              ("POST", "/api/findings", b'{"path": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")]:
        status, headers, data = service.call(method, path, raw=raw)
        assert status in (404, 405, 422), (method, path, status, data)
        assert headers["content-type"] == "application/json", (method, path, data)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in data["error"]), data
        assert "Error" not in data["error"] and "Not Found" not in data["error"], data


# --- the command, the JSON, the layers ------------------------------------------------------------------

def test_shibai_serve_refuses_a_bad_or_busy_port_in_chinese(tmp_path, monkeypatch, capsys):
    import socket

    from shibai_xl.faces.cli import main

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert main(["serve", "--port", "70000"]) == 2
    assert "端口 70000 无效" in capsys.readouterr().err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert "已被占用" in capsys.readouterr().err
    assert (tmp_path / ".config/shibai-xl/serve.json").is_file()        # a token was made on first use


def test_services_started_at_once_leave_one_running_whose_id_is_kept(tmp_path):
    """``shibai wps install`` on a desktop with systemd starts the service twice at once (``systemctl --user enable
    --now`` and its own start), as a login's autostart and a clerk's ``shibai serve`` can. Both found the port free,
    the later one to bind printed “已启动”, then uvicorn's English “ERROR: [Errno 98] error while attempting to bind”,
    and on its way out deleted the process id file — of the service that kept running, which ``wps uninstall`` could
    then no longer stop. The one that does not get the port says so in Chinese and leaves the file alone."""
    import os
    import subprocess
    import sys
    import time

    from shibai_xl.wps.settings import pid_path

    from .conftest import free_port

    env = {**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(Path(S.__file__).resolve().parents[2])}
    env.pop("XDG_CONFIG_HOME", None)
    command = [sys.executable, "-m", "shibai_xl.faces.cli", "serve", "--port", str(free_port())]
    assert subprocess.run(command[:-3] + ["--version"], env=env, capture_output=True).returncode == 0
    for _ in range(4):
        started = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                   for _ in range(3)]
        try:
            deadline = time.monotonic() + 60
            while sum(p.poll() is None for p in started) > 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            [running] = [p for p in started if p.poll() is None]
            for p in started:
                if p is not running:
                    said = p.stderr.read()
                    assert p.returncode == 2 and "已被占用" in said, said
                    assert "ERROR" not in said and "Errno" not in said and "已启动" not in said, said
            while not pid_path(env={"HOME": str(tmp_path)}).exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert pid_path(env={"HOME": str(tmp_path)}).read_text("utf-8") == str(running.pid)
        finally:
            for p in started:
                if p.poll() is None:
                    p.terminate()
                    p.wait(20)
        assert not pid_path(env={"HOME": str(tmp_path)}).exists()     # the one that ran took its id away


def test_edits_json_gives_value2_values():
    import datetime as dt

    from shibai_xl.adapters.edits import edits_json, serial
    from shibai_xl.engine.plan import Block, Edits, Link

    edits = Edits(blocks=[Block("表", 2, 3, [[dt.datetime(2024, 5, 6, 7, 8)], [dt.date(2024, 5, 6)]]),
                          Block("表", 1, 1, [["'=1+2", 5, None]])],
                  links=[Link("表", "D5", "#'申报表'!C5", "申报表!C5")])
    data = edits_json(edits)
    assert data["blocks"][0] == {"sheet": "表", "range": "C2:C3", "values": [[serial(dt.datetime(2024, 5, 6, 7, 8))],
                                                                           [45418]]}
    assert serial(dt.date(2024, 5, 6)) == 45418 and abs(serial(dt.datetime(2024, 5, 6, 12)) - 45418.5) < 1e-9
    assert data["formats"] == [{"sheet": "表", "cell": "C2", "format": "yyyy-mm-dd hh:mm"},
                               {"sheet": "表", "cell": "C3", "format": "yyyy-mm-dd"}]
    assert data["blocks"][1]["range"] == "A1:C1" and data["links"][0]["target"] == "'申报表'!C5"


def test_the_faces_go_through_jobs_not_adapters():
    """Layers: the Excel ribbon and the service call jobs; neither imports an adapter."""
    import re

    def imports(path: Path) -> str:
        return "\n".join(re.findall(r"(?m)^\s*(?:from|import)\s+\S+", path.read_text("utf-8")))

    root = Path(S.__file__).parent
    for face in ("ribbon_actions.py", "serve.py"):
        assert "adapters" not in imports(root / face), face
    engine_plan = imports(root.parent / "engine" / "plan.py")
    assert not any(m in engine_plan for m in ("openpyxl", "xlwings", "calamine", "adapters"))


def test_a_resident_table_over_whole_columns_is_checked_at_once(service, flawed_park):
    """A 入驻企业名单 formatted as a table over whole columns (ref down to row 1048576, even out to XFD) is
    millions of cells: the marks of an earlier check are found without listing them one by one."""
    wb = load_workbook(flawed_park)
    for ws in wb.worksheets:
        for t in ws.tables.values():
            if t.displayName == "sb_residents":
                t.ref = t.ref.split(":")[0] + ":XFD1048576"
    wb.save(flawed_park)
    status, _, check = service.call("POST", ACTION + "sb_check", {"path": str(flawed_park)})
    assert status == 200 and "检查完成" in check["message"]
    assert "XC_RESIDENT_DUP" in {f["code"] for f in check["findings"]}
    assert any(c["sheet"] == "入驻企业名单" for c in check["edits"]["colors"])


def test_a_reinstall_while_the_service_runs_does_not_lock_the_addin_out(tmp_path, monkeypatch):
    """``shibai wps install`` makes a new token and writes it into the add-in and the saved settings; the running
    service takes it over at the add-in's first request instead of refusing it until the next login (the refusal
    says to reinstall, which would only make yet another token)."""
    from shibai_xl.wps import settings as WS

    from .conftest import free_port, start_service, stop_service

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    first = WS.ServeSettings(port=free_port(), token=WS.new_token())
    WS.save(first)
    svc = start_service(WS.load(), saved=WS.load)                           # as shibai serve starts it
    try:
        status, _, _ = svc.call("POST", ACTION + "sb_help", {})
        assert status == 200
        WS.save(WS.ServeSettings(port=first.port, token=WS.new_token()))     # what a reinstall does
        new = WS.load().token
        status, _, data = svc.call("POST", ACTION + "sb_help", {}, headers={S.TOKEN_HEADER: new}, token=False)
        assert status == 200 and data["message"] == HELP_TEXT
        status, _, _ = svc.call("POST", ACTION + "sb_help", {}, headers={S.TOKEN_HEADER: first.token}, token=False)
        assert status == 401                                                  # the old token is gone
        status, _, _ = svc.call("POST", ACTION + "sb_help", {}, headers={S.TOKEN_HEADER: "guess"}, token=False)
        assert status == 401
    finally:
        stop_service(svc)


def test_the_health_proof_follows_a_reinstalls_new_token(tmp_path, monkeypatch):
    """The proof is made with the token a request would be checked against: after a reinstall while running,
    the new one (the add-in, restarted, holds that one), never the old one."""
    from shibai_xl.wps import settings as WS

    from .conftest import free_port, start_service, stop_service

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    first = WS.ServeSettings(port=free_port(), token=WS.new_token())
    WS.save(first)
    svc = start_service(WS.load(), saved=WS.load)
    try:
        nonce = WS.new_nonce()
        _, _, data = svc.call("GET", f"/health?challenge={nonce}", token=False)
        assert data["proof"] == WS.health_proof(first.token, first.port, nonce)
        WS.save(WS.ServeSettings(port=first.port, token=WS.new_token()))     # what a reinstall does
        new = WS.load().token
        nonce = WS.new_nonce()
        _, _, data = svc.call("GET", f"/health?challenge={nonce}", token=False)
        assert data["proof"] == WS.health_proof(new, first.port, nonce) != WS.health_proof(first.token, first.port, nonce)
        status, _, _ = svc.call("POST", ACTION + "sb_help", {}, headers={S.TOKEN_HEADER: new}, token=False)
        assert status == 200                                                  # the proven token is the accepted one
    finally:
        stop_service(svc)


def test_half_an_emoji_in_a_workbook_comes_back_as_json(service, flawed_park):
    """A lone UTF-16 surrogate (LEFT() cutting an emoji) is valid in a WPS cell and in the add-in's JSON
    (\\udXXX); the answer carries it back the same way, never a 500 or an English encoding error."""
    import json

    import python_calamine

    from .conftest import value2

    values = python_calamine.CalamineWorkbook.from_path(str(flawed_park))
    wb = load_workbook(flawed_park)
    name = "贵阳黔货出山\ud83d"
    sheets = []
    for ws in wb.worksheets:
        rows = [[value2(v) for v in r] for r in values.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)]
        sheets.append({"name": ws.title, "values": rows, "notes": []})
    sheet, ref = wb.defined_names["sb_name"].attr_text.replace("$", "").replace("'", "").split("!")
    row, col = int(ref[1:]) - 1, ord(ref[0]) - 65
    next(s for s in sheets if s["name"] == sheet)["values"][row][col] = name
    book = {"name": "工作簿1", "sheets": sheets,
            "names": [{"name": n, "refers_to": "=" + dn.attr_text} for n, dn in wb.defined_names.items()],
            "tables": [{"name": t.displayName, "sheet": ws.title, "ref": t.ref} for ws in wb.worksheets
                       for t in ws.tables.values()]}
    raw = json.dumps({"book": book}).encode()                     # ensure_ascii: \ud83d, as JSON.stringify writes it
    status, _, data = service.call("POST", ACTION + "sb_check", raw=raw)
    assert status == 200 and data["message"].startswith("检查完成：" + name)
    status, _, data = service.call("POST", ACTION + "sb_check", raw=json.dumps({"path": "/tmp/\udc80.xlsx"}).encode())
    assert status == 422 and "\udc80" in data["error"]


def one_cell_table_ranges(good: Path, bad: Path) -> None:
    """``bad``: a copy of ``good`` whose tables' ranges are one cell (``ref="A5"``), as a hand edit or another
    program leaves them."""
    import re

    from tests.zip_parts import rewrite

    rewrite(good, bad, lambda name, data: re.sub(rb' ref="[A-Z]+\d+:[A-Z]+\d+"', b' ref="A5"', data)
            if name.startswith("xl/tables/") else data)


def test_a_resident_table_with_a_one_cell_range_is_checked_not_a_crash(service, tmp_path, flawed_park):
    """A resident table whose range is one cell (``ref="A5"``, as a hand-edited or other program's file has it):
    ``shibai check`` reports the range it cannot read; the ribbon's 检查本申报表 (WPS through the service) did the
    same check and then failed with 程序内部错误 while planning the marks. It answers like the CLI now."""
    bad = tmp_path / "园区-表格范围.xlsx"
    one_cell_table_ranges(flawed_park, bad)
    before = digest(tmp_path)
    status, _, data = service.call("POST", ACTION + "sb_check", {"path": str(bad)})
    assert status == 200, data
    assert data["message"].startswith("检查完成")
    assert any("无法识别" in f["message"] for f in data["findings"] if f["code"] == "XC_RESIDENT_ROW")
    assert digest(tmp_path) == before


def test_a_city_summary_with_a_one_cell_table_range_is_merged_and_reviewed(service, tmp_path, demo_folder):
    """A city's 项目汇总表 whose sb_summary table range is one cell (``ref="A5"``: a file another program wrote
    or someone edited): 合并市州汇总 and 专家评分表 failed with 程序内部错误 (ValueError unpacking the range). The
    merge now reads the summary by its 附件4 header, as a hand-made one; 专家评分表 says in Chinese what is wrong."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    good = tmp_path / "好.xlsx"
    new_workbook("summary", good)
    refresh(good, tmp_path / "申报表")
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    one_cell_table_ranges(good, summary)
    good.unlink()
    status, _, data = service.call("POST", ACTION + "sb_merge", {"path": str(summary)})
    assert status == 200 and "合并：贵阳市 4 项" in data["message"], data
    status, _, data = service.call("POST", ACTION + "sb_review_make", {"path": str(summary), "experts": "甲"})
    assert status == 422 and "A5" in data["error"], data


def test_refreshing_a_summary_with_a_one_cell_table_range_is_refused_in_chinese(service, tmp_path, demo_folder):
    """刷新汇总表 on a 项目汇总表 whose sb_summary table range is one cell (``ref="A5"``) failed with 程序内部错误
    (ValueError in SummaryBook); it is refused now with what to do, and the file is not touched."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    good = tmp_path / "好.xlsx"
    new_workbook("summary", good)
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    one_cell_table_ranges(good, summary)
    good.unlink()
    before = summary.read_bytes()
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary)})
    assert status == 422 and "A5" in data["error"] and "无法识别" in data["error"], data
    assert summary.read_bytes() == before


def test_refresh_of_a_summary_with_the_city_merged_over_its_rows_is_refused_as_the_command_refuses_it(
        service, tmp_path, demo_folder):
    """WPS sends the saved summary's path: a 市（州） column the clerk merged over the project rows is refused with
    the words `shibai refresh` uses (取消合并 …), and no edit is sent back."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表")
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    ws.merge_cells(f"B4:B{ws.max_row - 1}")
    wb.save(summary)
    next((tmp_path / "申报表").glob("*.xlsx")).unlink()
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary)})
    assert status == 422 and "取消合并" in data["error"] and "B4:B" in data["error"], data


def test_refresh_keeps_the_clerks_own_stats_sheet_as_a_new_sheet_and_says_so(service, tmp_path, demo_folder):
    """A 统计 sheet the clerk made in the summary is sent back as a new sheet 统计（原） with its values and formulas;
    the tool's counts go to 统计, and the message says so (it was overwritten cell by cell)."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    new_workbook("summary", summary)
    wb = load_workbook(summary)
    own = wb.create_sheet("统计")
    own["A1"], own["B1"] = "我市自己的统计", "=1+1"
    wb.save(summary)
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary)})
    assert status == 200 and "已改名为“统计（原）”" in data["message"]
    edits = data["edits"]
    assert {"name": "统计（原）", "hidden": False} in edits["new_sheets"]
    kept = [b for b in edits["blocks"] if b["sheet"] == "统计（原）"]
    assert kept and "我市自己的统计" in str(kept) and "=1+1" in str(kept)
    assert any(b["sheet"] == "统计" and "项目类型统计" in str(b) for b in edits["blocks"])


def test_a_kept_stats_sheets_formulas_reaching_other_files_or_programs_go_back_as_text_and_are_said(
        service, tmp_path, demo_folder):
    """The kept 统计（原） is written cell by cell into the open book: a DDE formula (=cmd|' /c calc'!A1), a
    WEBSERVICE() or a link to another workbook ([1]统计!B1, which means nothing once typed) was sent as a formula,
    so WPS/Excel entered it anew (a DDE starting a program) from a summary a city sent. They go back as text, said;
    the clerk's other formulas stay formulas."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    new_workbook("summary", summary)
    wb = load_workbook(summary)
    own = wb.create_sheet("统计")
    own["A1"], own["B1"], own["B2"] = "我市自己的统计", "=cmd|' /c calc'!A1", '=_xlfn.WEBSERVICE("http://x.example/")'
    own["B3"], own["B4"] = "=[1]统计!B1", "=SUM(1,2)"
    wb.save(summary)
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary)})
    assert status == 200, data
    sent = {b["range"]: b["values"] for b in data["edits"]["blocks"] if b["sheet"] == "统计（原）"}
    values = [v for rows in sent.values() for row in rows for v in row if isinstance(v, str) and "=" in v]
    assert sorted(values) == sorted(["'=cmd|' /c calc'!A1", "'=_xlfn.WEBSERVICE(\"http://x.example/\")", "'=[1]统计!B1",
                                     "=SUM(1,2)"]), sent
    assert "3 个" in data["message"] and "统计（原）" in data["message"] and "以文本写入" in data["message"]


def test_a_summary_sheets_own_link_to_another_workbook_is_left_alone_not_typed_in_again(service, tmp_path,
                                                                                        demo_folder):
    """Every formula of the summary's sheet went back into the open book on each refresh, as its file holds it: a
    clerk's link to a county's workbook (=[1]Sheet1!A1 in the file) typed into WPS means a workbook named “1”. A
    formula reaching outside that the refresh did not change is not written at all; the cell keeps its link."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    new_workbook("summary", summary)
    wb = load_workbook(summary)
    wb.worksheets[0]["T2"] = "=[1]Sheet1!A1"
    wb.save(summary)
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary)})
    assert status == 200, data
    sent = [v for b in data["edits"]["blocks"] for row in b["values"] for v in row]
    assert not any("[1]" in str(v) for v in sent) and "以文本写入" not in data["message"]


def test_the_service_follows_an_edit_of_the_year_file_without_a_restart(service, make_workbook, tmp_path, monkeypatch):
    """``shibai serve`` runs for as long as WPS is open, as Excel's formula server does: a year file edited while it
    runs reached the command line but the task pane kept the old one until the service was restarted (QA). Each
    request reads the file again when it has changed since it was read (rules.forget_if_edited)."""
    import os

    from shibai_xl.rules import ENV
    from tests.test_year_file import FORM_2025, make_2025

    path = make_workbook("team")
    rules_file = make_2025(tmp_path / "规则")
    monkeypatch.setenv(ENV, str(rules_file))
    status, _, data = service.call("POST", ACTION + "sb_new", {"path": str(path)})
    assert status == 200 and Path(data["open_file"]).name == f"{FORM_2025}（空白）.xlsx"
    rules_file.write_text(rules_file.read_text("utf-8").replace(FORM_2025, FORM_2025 + "（修订）"), "utf-8")
    st = rules_file.stat()
    os.utime(rules_file, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))   # a later save, whatever the clock's grain
    status, _, data = service.call("POST", ACTION + "sb_new", {"path": str(path)})
    assert status == 200 and Path(data["open_file"]).name == f"{FORM_2025}（修订）（空白）.xlsx"


@pytest.mark.parametrize("control", ["sb_check", "sb_refresh", "sb_merge", "sb_review_make", "sb_review_collect",
                                     "sb_new"])
@pytest.mark.parametrize("address", ["https://www.kdocs.cn/l/cA1b2C3d4/南明区项目汇总表.xlsx",
                                     "https://d.docs.live.net/0123abcd/文档/南明区项目汇总表.xlsx"])
def test_a_workbook_kept_in_the_cloud_is_asked_to_be_saved_on_this_computer(service, control, address):
    """A workbook in WPS 云文档/金山文档 (or OneDrive): WPS gives its address as FullName. The service said
    “工作簿路径必须是完整路径。请重新安装 WPS 加载项” — a reinstall changes nothing. It says where the workbook is
    and what to do: 另存为 to a folder on this computer, then click the button on that copy."""
    status, _, data = service.call("POST", ACTION + control, {"path": address})
    assert status == 422, data
    said = data["error"]
    assert "云" in said and address in said and "另存为" in said and "本机" in said, said
    assert "重新安装" not in said and "完整路径" not in said, said


@pytest.mark.parametrize("where", [("AppData", "Local", "Temp", "Rar$DIa7436.12345"),
                                   ("AppData", "Local", "Microsoft", "Windows", "INetCache", "Content.Outlook", "AB12CD34"),
                                   ("AppData", "Local", "Temp", "7zO8A1B2C3D"),
                                   ("AppData", "Local", "Temp", "Temp1_申报材料.zip")])
def test_a_workbook_opened_from_a_mail_or_zip_temp_folder_writes_nothing_there(service, tmp_path, demo_folder, where,
                                                                               monkeypatch, rules):
    """A summary double-clicked in a mail attachment or a zip (Outlook, WinRAR, 7-Zip, Explorer open it from a temp
    folder): 合并市州汇总 wrote 全省项目汇总表.xlsx, 专家评分表 the 专家评审 folder, 新建申报表 the blanks into that temp
    folder, where the clerk never finds them (and it is emptied), and 刷新汇总表 read that folder as the applications'.
    The buttons needing the folder say where the workbook is and to 另存为 first; 新建申报表 writes into 文档 and says so."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    temp = tmp_path.joinpath(*where)
    temp.mkdir(parents=True)
    summary = temp / "南明区项目汇总表.xlsx"
    refresh(summary, demo_folder)
    before = digest(temp)
    for control in ("sb_refresh", "sb_merge", "sb_review_make", "sb_review_collect"):
        status, _, data = service.call("POST", ACTION + control, {"path": str(summary), "experts": "甲,乙"})
        assert status == 422 and "临时文件夹" in data["error"] and str(temp) in data["error"], (control, data)
        assert "另存为" in data["error"], data
    status, _, data = service.call("POST", ACTION + "sb_new", {"path": str(summary)})
    assert status == 200 and "临时文件夹" in data["message"] and str(home / "Documents") in data["message"], data
    assert len(list((home / "Documents").iterdir())) == len(rules.types)
    assert digest(temp) == before


def test_checking_a_form_opened_from_a_mail_attachment_says_to_save_it_elsewhere(service, make_workbook, tmp_path):
    """检查本申报表 on a form Outlook opened from its attachment folder: the results were written into the open workbook
    and the clerk told “详见校验结果表” — saved with Ctrl+S they stay in that temp folder and are lost. The check is
    done (nothing is read or made beside it) and the message says where the workbook is and to 另存为."""
    temp = tmp_path.joinpath("AppData", "Local", "Microsoft", "Windows", "INetCache", "Content.Outlook", "AB12CD34")
    temp.mkdir(parents=True)
    form = make_workbook("team")
    shutil.move(form, temp / form.name)
    for control in ("sb_check", "sb_score"):
        status, _, data = service.call("POST", ACTION + control, {"path": str(temp / form.name)})
        assert status == 200 and data["edits"]["blocks"], data
        assert "临时文件夹" in data["message"] and str(temp) in data["message"] and "另存为" in data["message"], data
    status, _, data = service.call("POST", ACTION + "sb_check", {"path": str(make_workbook("team"))})
    assert status == 200 and "临时文件夹" not in data["message"], data


def test_refresh_that_would_leave_projects_without_a_batch_asks_it(service, tmp_path, make_workbook):
    """The add-in's refresh had no --batch: a new project got no 批次, a corrected one stayed in its past batch. The
    service asks the batch as it asks 专家评分表's round (the add-in asks and sends the button again); answered, the
    edits put both into it."""
    from ..test_ribbon_actions import _may_then_corrected

    apps, summary, _ = _may_then_corrected(tmp_path, make_workbook)
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary)})
    assert status == 200 and data["ask"]["key"] == "round" and "本次报送的批次" in data["ask"]["prompt"], data
    assert data["edits"]["blocks"] == []
    status, _, data = service.call("POST", ACTION + "sb_refresh", {"path": str(summary), "round": "第二批"})
    assert status == 200 and "ask" not in data, data
    written = str(data["edits"])
    assert "2024-08" in written and "2024-05 → 2024-08" in data["message"], data["message"]


def test_only_get_health_answers_without_the_token(service):
    """CONTRACT §4: ``GET /health`` answers without a token, everything else needs it. A path the service does not
    have, a method a path does not take (GET /api/findings, POST /health) or a trailing slash answered 404/405/307
    to a caller without the token — the routes listed to anyone. Without the token, each is the token's 401; with
    it, the 404/405 in Chinese as before."""
    asked = [("GET", "/"), ("POST", "/nothing"), ("GET", "/api/findings"), ("POST", "/health"),
             ("GET", "/api/action/sb_check"), ("POST", "/api/findings/"), ("GET", "/health/"),
             ("POST", "/api/action/sb_no_such_button")]
    for method, path in asked:
        for headers in ({}, {S.TOKEN_HEADER: "wrong"}):
            status, _, data = service.call(method, path, raw=b"{}", headers=headers, token=False)
            assert status == 401 and data["error"] == S.BAD_TOKEN, (method, path, headers, status, data)
        status, _, data = service.call(method, path, raw=b"{}")
        assert status in (404, 405), (method, path, status, data)
        assert "本服务" in data["error"] or "未知的按钮" in data["error"], data
    status, _, data = service.call("GET", "/health", token=False)
    assert status == 200 and data["ok"] is True
