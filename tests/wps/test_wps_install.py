"""``shibai wps install | status | uninstall`` against a temporary home / APPDATA with another add-in installed."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from lxml import etree

from shibai_xl import __version__
from shibai_xl.errors import BadOption, RefusedWrite
from shibai_xl.faces.cli import main
from shibai_xl.wps import install as I
from shibai_xl.wps import settings as S

from .conftest import ADDIN, free_port, start_service, stop_service


def _wait_stopped(*ports: int) -> None:
    """Up to 10 s for each port's service to stop answering (a stopped process lets its port go within moments)."""
    for port in ports:
        for _ in range(100):
            if I.health(port) is None:
                break
            time.sleep(0.1)


OTHER = ('<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n'
         '  <jspluginonline name="wps-zotero" type="wps" url="http://127.0.0.1:3889/" enable="enable_dev" install="null"/>\n'
         '  <!-- 其他加载项的注释 -->\n'
         '  <jsplugin name="公文助手" type="wps" url="https://oa.example/gw.7z" version="2.1"/>\n'
         '</jsplugins>\n')


def linux_user(tmp_path: Path) -> I.Where:
    home = tmp_path / "home"
    (home / ".local/share/Kingsoft/wps/jsaddons").mkdir(parents=True)
    (home / ".local/share/Kingsoft/wps/jsaddons/publish.xml").write_text(OTHER, "utf-8")
    return I.Where(platform="linux", env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, home=home)


def entries(path: Path) -> list[dict]:
    root = etree.parse(str(path)).getroot()
    return [dict(e.attrib, tag=e.tag) for e in root if isinstance(e.tag, str)]


def test_install_copies_registers_and_keeps_other_addins(tmp_path):
    where = linux_user(tmp_path)
    jsaddons = tmp_path / "home/.local/share/Kingsoft/wps/jsaddons"
    (jsaddons / "shibai_0.0.1").mkdir()                          # an older version of ours
    lines = I.install(where, start=False)
    folder = jsaddons / f"shibai_{__version__}"
    assert folder.is_dir() and not (jsaddons / "shibai_0.0.1").exists()
    assert (folder / "ribbon.xml").read_bytes() == (ADDIN / "ribbon.xml").read_bytes()
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == \
        sorted(p.relative_to(ADDIN).as_posix() for p in ADDIN.rglob("*") if p.is_file())

    publish = jsaddons / "publish.xml"
    got = entries(publish)
    assert [e["name"] for e in got] == ["wps-zotero", "公文助手", "shibai"]
    assert got[0] == {"tag": "jspluginonline", "name": "wps-zotero", "type": "wps", "url": "http://127.0.0.1:3889/",
                      "enable": "enable_dev", "install": "null"}
    assert got[1]["url"] == "https://oa.example/gw.7z" and "其他加载项的注释" in publish.read_text("utf-8")
    assert got[2]["type"] == "et" and got[2]["url"] == folder.as_uri() + "/" and got[2]["version"] == __version__

    settings = S.load(**where.settings)
    assert settings and settings.port == S.DEFAULT_PORT and len(settings.token) >= 24
    assert I.installed_settings(folder) == {"port": settings.port, "token": settings.token}
    # no systemd user session here: the XDG autostart entry, and status says so
    desktop = tmp_path / "home/.config/autostart/shibai-serve.desktop"
    assert desktop.is_file() and "shibai_xl.faces.cli serve" in desktop.read_text("utf-8")
    assert any("没有可用的 systemd 用户会话" in line for line in lines)
    assert any("信任" in line and "重新启动 WPS" in line for line in lines)

    # idempotent: a second install leaves one entry of ours and the others byte for byte
    before = publish.read_text("utf-8")
    I.install(where, start=False)
    after = publish.read_text("utf-8")
    assert [e["name"] for e in entries(publish)] == ["wps-zotero", "公文助手", "shibai"]
    assert after.replace(S.load(**where.settings).token, "") == before.replace(settings.token, "")
    assert OTHER.splitlines()[2] in after and OTHER.splitlines()[4] in after


def test_status_says_what_is_installed_and_whether_the_service_answers(tmp_path):
    where = linux_user(tmp_path)
    lines = "\n".join(I.status(where))
    assert "未安装" in lines and "没有" in lines and "未设置" in lines

    I.install(where, port=free_port(), start=False)
    settings = S.load(**where.settings)
    lines = "\n".join(I.status(where))
    assert "已安装" in lines and "publish.xml 登记：有" in lines and "令牌已设置" in lines
    assert "没有 systemd 用户会话" in lines and "shibai serve：没有运行" in lines

    service = start_service(settings)                         # the service as the installer configured it
    try:
        assert f"shibai serve：正在运行（版本 {__version__}）" in "\n".join(I.status(where))
    finally:
        stop_service(service)
    # a token changed behind the add-in's back is noticed
    S.save(S.ServeSettings(port=settings.port, token="other"), **where.settings)
    assert "不一致" in "\n".join(I.status(where))


def test_uninstall_removes_only_ours(tmp_path):
    where = linux_user(tmp_path)
    I.install(where, start=False)
    I.uninstall(where)
    jsaddons = tmp_path / "home/.local/share/Kingsoft/wps/jsaddons"
    assert not list(jsaddons.glob("shibai_*"))
    assert [e["name"] for e in entries(jsaddons / "publish.xml")] == ["wps-zotero", "公文助手"]
    assert not (tmp_path / "home/.config/autostart/shibai-serve.desktop").exists()
    assert S.load(**where.settings) is None
    I.uninstall(where)                                         # twice is fine


def test_uninstall_says_only_what_it_did(tmp_path):
    """A second uninstall (or one where nothing was installed) said "已取消登录时自动启动 … 请重新启动 WPS" as if it had
    removed something: it says there was nothing to remove instead, and the first one says what it removed."""
    where = linux_user(tmp_path)
    I.install(where, start=False)
    first = "\n".join(I.uninstall(where))
    assert "已取消登录时自动启动" in first and "请重新启动 WPS" in first
    again = "\n".join(I.uninstall(where))
    assert "已取消" not in again and "已删除" not in again and "请重新启动 WPS" not in again, again
    assert "没有安装" in again, again


def test_uninstall_with_the_addin_folder_held_says_so_and_finishes_the_rest(tmp_path):
    """The add-in's folder cannot be deleted (WPS still running holds its files; here a folder its user may not
    write): uninstall stopped there with 没有权限访问“shibai.js”。请换一个有权限的文件夹 — no path, advice for another
    command, the login autostart and the settings left behind. It now finishes the rest and says which folder is
    left and why (quit WPS, run uninstall again), as install says it; the second run removes what was left."""
    import os
    import subprocess
    import sys

    from tests.conftest import unprivileged

    where = linux_user(tmp_path)
    I.install(where, port=free_port(), start=False)
    folder = where.jsaddons() / I.FOLDER
    prefix = unprivileged()          # root deletes anything: run as the user's account would
    env = {**os.environ, "HOME": str(where.home), "PYTHONPATH": str(Path(I.__file__).resolve().parents[2])}
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_RUNTIME_DIR", None)
    uninstall = [*prefix, sys.executable, "-c", "import sys; from shibai_xl.faces.cli import main; sys.exit(main())",
                 "wps", "uninstall"]
    os.chmod(folder / "js", 0o555)
    try:
        done = subprocess.run(uninstall, capture_output=True, text=True, env=env, timeout=120)
    finally:
        os.chmod(folder / "js", 0o755)
    said = done.stdout + done.stderr
    assert "Traceback" not in said and "换一个有权限的文件夹" not in said, said
    assert f"未能删除 {folder}" in said and "没有权限" in said and "退出 WPS" in said, said
    assert "shibai wps uninstall" in said, said
    assert [e["name"] for e in entries(where.jsaddons() / "publish.xml")] == ["wps-zotero", "公文助手"]
    assert not S.settings_path(**where.settings).exists()
    assert not (where.home / ".config/autostart/shibai-serve.desktop").exists()
    done = subprocess.run(uninstall, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and f"已删除 {folder}" in done.stdout and not folder.exists(), done.stdout + done.stderr


def test_uninstall_with_a_publish_xml_that_cannot_be_parsed_changes_nothing(tmp_path):
    """Refused as install refuses it, and before anything is removed: "未做改动" must be true (the add-in's folder,
    its autostart entry and settings were deleted before the refusal)."""
    where = linux_user(tmp_path)
    I.install(where, start=False)
    jsaddons = where.jsaddons()
    (jsaddons / "publish.xml").write_text("<jsplugins><jsplugin name='x'", "utf-8")
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    with pytest.raises(RefusedWrite, match="未做改动"):
        I.uninstall(where)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
    assert (jsaddons / f"shibai_{__version__}" / "ribbon.xml").is_file()


def test_comments_around_the_list_are_kept(tmp_path):
    """publish.xml is another installer's (or an administrator's) file too: a note before or after <jsplugins>
    survives install and uninstall, not only the entries inside."""
    where = linux_user(tmp_path)
    publish = where.jsaddons() / "publish.xml"
    publish.write_text(OTHER.replace("<jsplugins>", "<!-- 由单位信息中心统一部署，请勿删除 -->\n<jsplugins>")
                       + "<!-- 末尾的说明 -->\n", "utf-8")
    I.install(where, start=False)
    assert "单位信息中心" in publish.read_text("utf-8") and "末尾的说明" in publish.read_text("utf-8")
    I.uninstall(where)
    text = publish.read_text("utf-8")
    assert "单位信息中心" in text and "末尾的说明" in text
    assert [e["name"] for e in entries(publish)] == ["wps-zotero", "公文助手"]


BODY = OTHER.split("\n", 1)[1]      # the list without its <?xml?> declaration


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbf" + OTHER.encode("utf-8"),                               # UTF-8 with a BOM (Windows Notepad)
    ('<?xml version="1.0" encoding="GBK"?>\n' + BODY).encode("gbk"),       # GBK, declared
    BODY.encode("gbk"),                                                     # GBK, no declaration (Notepad's ANSI)
    OTHER.encode("gbk"),                                                    # GBK under a UTF-8 declaration
    b"\r\n".join(OTHER.encode("gbk").split(b"\n")),                         # ... with Windows line ends
], ids=["utf8-bom", "gbk-declared", "gbk-bare", "gbk-said-utf8", "gbk-crlf"])
def test_a_publish_xml_in_the_encodings_of_windows_keeps_every_other_addin(tmp_path, raw):
    """A publish.xml saved in GBK by a Chinese Windows' Notepad (ANSI) without saying so was refused as 无法解析
    （系统错误）— the user told to delete the list of every other add-in; it is read as GBK and written back as UTF-8,
    which says so, with every other entry and its Chinese name as it was."""
    where = linux_user(tmp_path)
    publish = where.jsaddons() / "publish.xml"
    publish.write_bytes(raw)
    I.install(where, start=False)
    assert [e["name"] for e in entries(publish)] == ["wps-zotero", "公文助手", "shibai"]
    text = publish.read_bytes().decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>') and "其他加载项的注释" in text
    assert "publish.xml 登记：有" in "\n".join(I.status(where))
    I.uninstall(where)
    assert [e["name"] for e in entries(publish)] == ["wps-zotero", "公文助手"]


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b" \r\n"], ids=["empty", "bom-only", "blank"])
def test_an_empty_publish_xml_is_a_list_of_none(tmp_path, raw):
    """An empty publish.xml (WPS stopped while writing it, or emptied by hand) holds no other add-in to keep: it was
    refused as 无法解析 and the add-in could not be installed until the user deleted it; it is an empty list."""
    where = linux_user(tmp_path)
    publish = where.jsaddons() / "publish.xml"
    publish.write_bytes(raw)
    assert "publish.xml 登记：没有" in "\n".join(I.status(where))
    I.install(where, start=False)
    assert [e["name"] for e in entries(publish)] == ["shibai"]


def test_windows_layout_under_appdata(tmp_path):
    appdata = tmp_path / "AppData" / "Roaming"
    where = I.Where(platform="win32", env={"APPDATA": str(appdata)}, home=tmp_path)
    assert where.jsaddons() == appdata / "kingsoft" / "wps" / "jsaddons"
    assert S.config_dir(**where.settings) == appdata / "shibai-xl"
    settings = S.ServeSettings(port=27315, token="t")
    folder = I.copy_addin(where, settings)
    publish = I.register(where, folder)
    assert publish == appdata / "kingsoft/wps/jsaddons/publish.xml"
    assert entries(publish) == [{"tag": "jspluginonline", "name": "shibai", "type": "et", "url": folder.as_uri() + "/",
                                 "enable": "enable_dev", "install": "null", "version": __version__}]
    python = tmp_path / "Python" / "python.exe"
    python.parent.mkdir()
    python.write_text("")
    (python.parent / "pythonw.exe").write_text("")
    assert I.serve_command(str(python), windows=True)[0].endswith("pythonw.exe")   # no console window at login


def test_a_publish_xml_that_cannot_be_parsed_is_not_touched(tmp_path):
    where = linux_user(tmp_path)
    publish = where.jsaddons() / "publish.xml"
    for text, said in (("<jsplugins><jsplugin name='x'", "无法解析"),
                       ('<!DOCTYPE jsplugins [<!ENTITY a "b">]><jsplugins>&a;</jsplugins>', "DOCTYPE")):
        publish.write_text(text, "utf-8")
        with pytest.raises(RefusedWrite, match=f"{said}.*未做改动"):
            I.install(where, start=False)
        assert publish.read_text("utf-8") == text
        assert "publish.xml 登记：无法读取——" in "\n".join(I.status(where))     # not "没有"


def test_cli_wps_commands(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert main(["wps", "status"]) == 0
    assert "未安装" in capsys.readouterr().out
    assert main(["wps", "install", "--port", str(free_port())]) == 0   # starts shibai serve in the background
    out = capsys.readouterr().out
    assert "已安装 WPS 加载项" in out and "已在后台启动 shibai serve" in out
    settings = json.loads((home / ".config/shibai-xl/serve.json").read_text("utf-8"))
    try:
        # install waited for the service it started: status straight after says it runs (it said 没有运行)
        assert "还在启动中" not in out
        assert main(["wps", "status"]) == 0 and "正在运行" in capsys.readouterr().out
        for _ in range(200):
            if I.health(settings["port"]) and (home / ".config/shibai-xl/serve.pid").exists():
                break
            time.sleep(0.1)
        assert I.health(settings["port"])["service"] == "shibai-xl"
        assert main(["wps", "status"]) == 0 and "正在运行" in capsys.readouterr().out
    finally:
        assert main(["wps", "uninstall"]) == 0          # stops the service it started, by its process id
    out = capsys.readouterr().out
    assert "已停止正在运行的 shibai serve" in out and "已删除" in out
    _wait_stopped(settings["port"])
    assert I.health(settings["port"]) is None


def test_the_service_started_at_install_does_not_run_code_from_the_current_folder(tmp_path):
    """``shibai wps install`` starts the service now with the installer's current folder; a received
    application's folder may hold a ``shibai_xl.py`` (or ``uvicorn.py`` …): the service never imports it."""
    import subprocess
    import sys

    folder = tmp_path / "来件"
    folder.mkdir()
    marker = tmp_path / "ran.txt"
    for module in ("shibai_xl", "uvicorn", "starlette"):
        (folder / f"{module}.py").write_text(f"open({str(marker)!r}, 'a').write({module!r})\n", "utf-8")
    command = I.serve_command(sys.executable) + ["--help"]
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)
    assert not marker.exists(), marker.read_text()
    assert done.returncode == 0 and "--port" in done.stdout


def test_the_token_in_the_addin_is_readable_by_its_user_only(tmp_path):
    """serve.json is private; so is the add-in's copy of the same token (another account on the machine reaches
    127.0.0.1 as well, and the token is all the service asks for)."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        where = linux_user(tmp_path)
        I.install(where, start=False)
    finally:
        os.umask(old)
    js = where.jsaddons() / f"shibai_{__version__}" / "js" / "settings.js"
    assert stat.S_IMODE(js.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(S.settings_path(**where.settings).stat().st_mode) & 0o077 == 0


def test_another_users_service_on_the_port_is_named_and_left_alone(tmp_path):
    """On a machine shared by several accounts the port may be held by another user's shibai serve, whose token
    ours is not: install refuses before changing anything and names the way out, status says so instead of
    正在运行, and uninstall never stops a process because something answered on the port. Our own service (and
    one of an earlier version, which says nothing of its owner) is ours."""
    import subprocess
    import sys

    where = linux_user(tmp_path)
    port = free_port()
    jsaddons = tmp_path / "home/.local/share/Kingsoft/wps/jsaddons"
    theirs = start_service(S.ServeSettings(port=port, token="their-token"), owner_id="0123456789abcdef")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with pytest.raises(BadOption, match=f"端口 {port} 上运行的是另一个用户.*--port {port + 1}.*未做改动"):
            I.install(where, port=port, start=False)
        assert not (jsaddons / I.FOLDER).exists() and (jsaddons / "publish.xml").read_text("utf-8") == OTHER
        I.install(where, port=free_port(), start=False)             # another port: installed
        settings = S.load(**where.settings)
        S.save(S.ServeSettings(port=port, token=settings.token), **where.settings)
        assert f"shibai serve：端口 {port} 上运行的是另一个用户" in "\n".join(I.status(where))
        S.pid_path(**where.settings).write_text(str(sleeper.pid), "utf-8")
        I.uninstall(where)
        assert sleeper.poll() is None                             # not ours: not stopped
    finally:
        sleeper.kill()
        stop_service(theirs)
    ours = start_service(S.ServeSettings(port=port, token="t"), owner_id=S.owner(**where.settings))
    try:
        assert not I.someone_elses(I.health(port), where)
    finally:
        stop_service(ours)


# --- a service of an earlier version, which cannot prove itself to the add-in --------------------------------

# what shibai serve of an earlier version answers: /health with the user's owner id and no proof
EARLIER_SERVICE = """
import http.server, json, sys
port, owner = int(sys.argv[1]), sys.argv[2]
class Earlier(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"ok": True, "service": "shibai-xl", "version": "0.0.9", "owner": owner}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Earlier).serve_forever()
"""


def start_earlier_service(port: int, owner: str):
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", EARLIER_SERVICE, str(port), owner])
    for _ in range(200):
        if I.health(port, timeout=0.5) is not None:
            return process
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("the earlier service did not start")


def test_status_says_when_the_running_service_cannot_prove_itself(tmp_path):
    where = linux_user(tmp_path)
    port = free_port()
    lines = I.install(where, port=port, start=False)
    earlier = start_earlier_service(port, S.owner(**where.settings))
    try:
        status = "\n".join(I.status(where))
        assert "正在运行（版本 0.0.9）" in status
        assert "不能证明自己是本机安装的服务（版本过旧或令牌不一致）" in status and "请重新运行 shibai wps install" in status
        lines = I.install(where, port=port, start=False)          # asked not to start anything: said, left alone
        assert any("是旧版本" in line and "不会向它发送请求" in line for line in lines)
        assert not any("无需重启" in line for line in lines) and earlier.poll() is None
    finally:
        earlier.kill()
        earlier.wait()
    service = start_service(S.load(**where.settings))
    try:
        status = "\n".join(I.status(where))
        assert f"正在运行（版本 {__version__}）" in status and "不能证明" not in status
    finally:
        stop_service(service)


def test_install_restarts_an_earlier_version_of_this_users_service(tmp_path, monkeypatch, capsys):
    """An earlier shibai serve of this user on the port gives the add-in no proof, so the add-in would refuse it:
    install stops it as uninstall does (by the process id it wrote) and starts this version's."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    port = free_port()
    earlier = start_earlier_service(port, S.owner())
    try:
        S.pid_path().parent.mkdir(parents=True, exist_ok=True)
        S.pid_path().write_text(str(earlier.pid), "utf-8")          # as shibai serve writes it
        assert main(["wps", "install", "--port", str(port)]) == 0
        out = capsys.readouterr().out
        assert f"端口 {port} 上运行的 shibai serve 是旧版本" in out and "已停止它，改为启动新版本" in out, out
        assert f"已在后台启动 shibai serve（http://127.0.0.1:{port}）。" in out and "无需重启" not in out
        assert earlier.wait(10) is not None                            # stopped
        settings = S.load()
        assert I.proves(port, settings.token)                          # this version answers, with the new token
        assert I.health(port)["version"] == __version__
        assert main(["wps", "status"]) == 0
        out = capsys.readouterr().out
        assert f"正在运行（版本 {__version__}）" in out and "不能证明" not in out
    finally:
        assert main(["wps", "uninstall"]) == 0
        if earlier.poll() is None:
            earlier.kill()
    _wait_stopped(port)
    assert I.health(port) is None


def test_install_leaves_this_versions_running_service_running(tmp_path):
    """A service that proves itself takes the new token over at the add-in's next request: no restart."""
    where = linux_user(tmp_path)
    port = free_port()
    I.install(where, port=port, start=False)
    service = start_service(S.load(**where.settings), saved=lambda: S.load(**where.settings),
                            owner_id=S.owner(**where.settings))
    try:
        lines = I.install(where, port=port)
        assert any("已在运行" in line and "无需重启" in line for line in lines)
        assert not any("旧版本" in line or "已在后台启动" in line for line in lines)
        assert I.proves(port, S.load(**where.settings).token)
    finally:
        stop_service(service)


def test_a_reinstall_keeps_the_port_chosen_before_and_the_help_says_so(tmp_path, capsys):
    """`shibai wps install --port 28000` once, then `shibai wps install` (after an update): the add-in and the service
    stay on 28000 — so the help must not say the default is 27315 (QA qa45d: it did, while serve's help said it right)."""
    where = linux_user(tmp_path)
    port = free_port()
    I.install(where, port=port, start=False)
    I.install(where, start=False)
    assert S.load(**where.settings).port == port
    with pytest.raises(SystemExit):
        main(["wps", "install", "-h"])
    shown = capsys.readouterr().out
    assert "默认 27315" not in shown and "上次安装" in shown and str(S.DEFAULT_PORT) in shown


FAKE_SYSTEMCTL = """#!/bin/sh
# systemd's user manager, as far as install uses it: "enable --now UNIT" starts the unit's ExecStart now
if [ "$1" = "--user" ] && [ "$2" = "enable" ] && [ "$3" = "--now" ]; then
  cmd=$(sed -n 's/^ExecStart=//p' "$HOME/.config/systemd/user/$4")
  sh -c "exec $cmd" >>"$HOME/unit.log" 2>&1 </dev/null &
fi
exit 0
"""


def _services_of(home: Path) -> list[int]:
    """The running ``shibai serve`` processes whose HOME is ``home`` (started by the test, directly or not)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            env = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"shibai_xl.faces.cli" in cmd and b"serve" in cmd and f"HOME={home}".encode() in env:
            found.append(int(proc.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="Linux only")
def test_install_on_a_systemd_desktop_starts_the_service_once(tmp_path, monkeypatch):
    """On UOS/麒麟 with a systemd user session, ``systemctl --user enable --now`` already starts the service, and
    install then started a second one of its own: one of the two could not get the port and exited with an error —
    when it was systemd's, systemd restarted it again and again until it marked the unit failed, and the service
    that ran was one systemd did not look after. Install now starts its own only when the unit's does not answer."""
    import os
    import signal

    home, run, bin_ = tmp_path / "home", tmp_path / "run", tmp_path / "bin"
    for d in (home, run, bin_):
        d.mkdir()
    (run / "bus").touch()
    (bin_ / "systemctl").write_text(FAKE_SYSTEMCTL, "utf-8")
    (bin_ / "systemctl").chmod(0o755)
    path = f"{bin_}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    for k, v in {"HOME": str(home), "PATH": path, "XDG_RUNTIME_DIR": str(run),
                 "PYTHONPATH": str(Path(I.__file__).resolve().parents[2])}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    where = I.Where(platform="linux", env=dict(os.environ), home=home)
    assert where.user_systemd()
    try:
        lines = I.install(where, port=free_port())
        assert any("systemd 用户服务" in line for line in lines) and any("已在后台启动" in line for line in lines)
        time.sleep(3)                             # a second service would have found the port taken by now
        assert len(_services_of(home)) == 1
        log = (home / "unit.log").read_text("utf-8")
        assert "已启动" in log and "已被占用" not in log, log          # systemd's is the one running
    finally:
        for pid in _services_of(home):
            os.kill(pid, signal.SIGTERM)


# --- the port held by a program that is not shibai serve -----------------------------------------------------

def _program_on(port: int, reply: bytes):
    """Another program listening on ``port``: each connection gets ``reply`` and is closed."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", port))
    server.listen(5)

    def run():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.recv(4096)
                conn.sendall(reply)
    threading.Thread(target=run, daemon=True).start()
    return server


NOT_HTTP = b"SSH-2.0-OpenSSH_8.9\r\n"
OTHER_JSON = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"status":"ok"}'


@pytest.mark.parametrize("reply", [NOT_HTTP, OTHER_JSON], ids=["not-http", "other-json"])
def test_a_port_held_by_another_program_is_said_not_a_crash_and_nothing_is_stopped(tmp_path, reply):
    """The port taken by a program that is not shibai serve (a banner that is no HTTP made status and install end in
    程序内部错误; a program answering other JSON was taken for an earlier shibai serve — status said 正在运行（版本
    None）, and uninstall sent SIGTERM to whatever process id serve.pid still held): status names the way out
    (docs/wps.md: 端口被其他程序占用时…用 shibai wps status 查看，或 shibai wps install --port 其他端口),
    install refuses before changing anything, uninstall stops nothing."""
    import subprocess
    import sys

    where = linux_user(tmp_path)
    jsaddons = where.jsaddons()
    port = free_port()
    I.install(where, port=port, start=False)
    program = _program_on(port, reply)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert I.health(port) is None
        status = "\n".join(I.status(where))
        assert f"端口 {port} 已被其他程序占用" in status and f"--port {port + 1}" in status, status
        assert "正在运行" not in status and "版本 None" not in status
        before = (jsaddons / "publish.xml").read_text("utf-8"), S.load(**where.settings)
        with pytest.raises(BadOption, match=f"端口 {port} 已被其他程序占用.*--port {port + 1}.*未做改动"):
            I.install(where, port=port, start=False)
        assert ((jsaddons / "publish.xml").read_text("utf-8"), S.load(**where.settings)) == before
        S.pid_path(**where.settings).write_text(str(sleeper.pid), "utf-8")   # left by a service killed long ago
        I.uninstall(where)
        assert sleeper.poll() is None
    finally:
        sleeper.kill()
        program.close()


# --- a port the system does not let this user listen on ---------------------------------------------------------

FORBIDDEN = 80      # below 1024: only with the right to bind low ports — as a Windows port Hyper-V/WSL reserved


def _without_low_ports() -> list[str]:
    """A command prefix for a process that may not listen on :data:`FORBIDDEN` (a user's account, not root)."""
    import os
    import shutil
    import subprocess
    import sys

    prefix = []
    if os.getuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("setpriv (util-linux) is needed to run without root's right to bind low ports")
        prefix = ["setpriv", "--inh-caps", "-all", "--bounding-set", "-net_bind_service"]
    probe = f"import socket; socket.socket().bind(('127.0.0.1', {FORBIDDEN}))"
    if subprocess.run([*prefix, sys.executable, "-c", probe], capture_output=True).returncode == 0:
        pytest.skip(f"port {FORBIDDEN} may be bound here (net.ipv4.ip_unprivileged_port_start)")
    return prefix


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="Linux only")
def test_a_port_the_system_forbids_is_said_as_forbidden_not_as_taken(tmp_path):
    """A port the system will not let this user listen on (on Windows one Hyper-V, WSL or Docker reserved — WinError
    10013; on Linux one below 1024): shibai serve said 端口已被占用（可能 shibai serve 已在运行：shibai wps status
    可查看）, and status then said nothing runs there; install went on, started a service that could not listen and
    said 它还在启动中. Both now say the port may not be used and to choose another; install changes nothing."""
    import os
    import subprocess
    import sys

    prefix = _without_low_ports()
    home = tmp_path / "home"
    (home / ".local/share/Kingsoft/wps/jsaddons").mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(Path(I.__file__).resolve().parents[2])}
    for drop in ("XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"):
        env.pop(drop, None)
    shibai = [*prefix, sys.executable, "-c", "import sys; from shibai_xl.faces.cli import main; sys.exit(main())"]
    for args in (["serve", "--port", str(FORBIDDEN)], ["wps", "install", "--port", str(FORBIDDEN)]):
        done = subprocess.run([*shibai, *args], capture_output=True, text=True, env=env, timeout=120)
        said = done.stdout + done.stderr
        assert done.returncode == 2 and f"端口 {FORBIDDEN} 不允许" in said and "已被占用" not in said, said
        assert "--port" in said and "Traceback" not in said, said
    assert not list((home / ".local/share/Kingsoft/wps/jsaddons").iterdir())    # install: nothing copied or listed


def test_install_on_another_port_stops_the_service_on_the_port_before(tmp_path, monkeypatch, capsys):
    """``shibai wps install --port 其他端口`` (docs/wps.md: how to change the port) while this user's service ran on
    the port before: a second service was started on the new port and the first went on holding the old one until
    the next logout — and, its process id no longer in serve.pid, nothing (uninstall included) ever stopped it.
    The service on the port before is stopped and the move said."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    before, after = free_port(), free_port()
    try:
        assert main(["wps", "install", "--port", str(before)]) == 0
        assert I.proves(before, S.load().token)
        capsys.readouterr()
        assert main(["wps", "install", "--port", str(after)]) == 0
        out = capsys.readouterr().out
        assert f"已停止端口 {before} 上原来的 shibai serve" in out, out
        assert I.proves(after, S.load().token)
        _wait_stopped(before)
        assert I.health(before) is None
    finally:
        assert main(["wps", "uninstall"]) == 0
        _wait_stopped(before, after)
    assert I.health(before) is None and I.health(after) is None



def test_moving_the_port_as_the_refusal_advises_keeps_the_service_started_on_the_new_one(tmp_path, monkeypatch,
                                                                                          capsys):
    """The port taken, ``shibai serve`` says: “如需换端口：shibai serve --port 其他端口，并重新运行 shibai wps install
    --port 同一端口”. Done while the login's service still ran on the port before, the one started by hand wrote its
    id over that one's in serve.pid, and install — stopping “the service on the port before” by that id — stopped
    the new one: it said both “已停止端口 … 上原来的” and “已在运行”, the old port stayed served and nothing answered
    the add-in on the new one. Each service's id is kept for its port."""
    import subprocess
    import sys

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    before, after = free_port(), free_port()
    by_hand = None
    try:
        assert main(["wps", "install", "--port", str(before)]) == 0
        assert I.proves(before, S.load().token)
        by_hand = subprocess.Popen([sys.executable, "-P", "-m", "shibai_xl.faces.cli", "serve", "--port", str(after)],
                                   env={**__import__("os").environ, "HOME": str(home)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            if I.health(after) and S.pid_path().exists() and S.pid_path().read_text("utf-8") == str(by_hand.pid):
                break
            time.sleep(0.1)
        assert I.health(after) is not None
        capsys.readouterr()
        assert main(["wps", "install", "--port", str(after)]) == 0
        out = capsys.readouterr().out
        assert f"已停止端口 {before} 上原来的 shibai serve" in out, out
        time.sleep(1)
        assert by_hand.poll() is None, out                       # the service the clerk started is left running
        assert I.proves(after, S.load().token)                   # and takes the new token over
        _wait_stopped(before)
        assert I.health(before) is None
        assert main(["wps", "uninstall"]) == 0
        assert "已停止正在运行的 shibai serve" in capsys.readouterr().out
        assert by_hand.wait(10) is not None                      # uninstall stops the service on the port in use
    finally:
        main(["wps", "uninstall"])
        if by_hand is not None and by_hand.poll() is None:
            by_hand.kill()
        _wait_stopped(before, after)
    assert I.health(before) is None and I.health(after) is None

def test_settings_written_at_once_by_several_services_all_land_whole(tmp_path):
    """Two services started at once (a login's autostart and ``systemctl --user enable --now``) write serve.json at the
    same moment: each write is whole and none fails on a temp file the other renamed away (“找不到
    .serve.json.shibai-tmp”), and no temp file is left."""
    import threading

    from shibai_xl.wps.files import write_text

    target = tmp_path / "serve.json"
    failures: list[BaseException] = []

    def write(n: int) -> None:
        for i in range(150):
            try:
                write_text(target, f'{{"writer": {n}, "i": {i}}}' + " " * 4000, private=True)
            except BaseException as e:  # noqa: BLE001 - any failure is the defect
                failures.append(e)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert target.read_text("utf-8").startswith('{"writer": ')
    assert [p.name for p in tmp_path.iterdir()] == ["serve.json"]
    assert target.stat().st_mode & 0o777 == 0o600
