"""``shibai wps install | status | uninstall``: the WPS add-in for this user, and ``shibai serve`` at login.

* the add-in (``workbooks/wps/shibai_<version>/``) is copied into WPS's per-user
  ``jsaddons`` folder (``%APPDATA%\\kingsoft\\wps\\jsaddons`` on Windows,
  ``~/.local/share/Kingsoft/wps/jsaddons`` on Linux), older versions removed;
* its entry in ``jsaddons/publish.xml`` is added or updated; every other add-in's
  entry is left as it was (a file that cannot be parsed is not touched);
* the port and a per-install token go into the installed ``js/settings.js`` and the
  service's settings (:mod:`.settings`);
* ``shibai serve`` is registered to start at login (:mod:`.autostart`): the ``HKCU\\…\\Run`` key with
  ``pythonw`` on Windows; on Linux a systemd user unit where a user session bus
  exists, otherwise an XDG autostart entry (``~/.config/autostart``) — both say so
  in ``status``.
"""
from __future__ import annotations

import codecs
import hmac
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from lxml import etree
from rich.console import Console

from ..adapters.files import NO_PERMISSION, NO_SPACE, TEMP_SUFFIX, held_lock, new_temp_dir, remove_stale_temps
from ..errors import BadOption, RefusedWrite, UnreadableInput, why
from ..version import __version__
from . import settings as S
from .autostart import autostart_state, desktop_entry, disable_autostart, enable_autostart, serve_command, start_now  # noqa: F401
from .files import write_text
from .where import Where

ADDIN_NAME = "shibai"
ADDIN_TYPE = "et"                      # WPS 表格
FOLDER = f"{ADDIN_NAME}_{__version__}"
REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "workbooks" / "wps" / FOLDER
PUBLISH = "publish.xml"
ENTRY_TAGS = ("jspluginonline", "jsplugin")
# a usage error is "nothing done": 2 like every command of the CLI (faces/cli.py), never 1 ("partly done")
EXIT_OK, EXIT_USAGE, EXIT_FAILED = 0, 2, 2


# --- files ------------------------------------------------------------------------------------------

def settings_js(settings: S.ServeSettings) -> str:
    data = json.dumps({"port": settings.port, "token": settings.token})
    return f"// 由 shibai wps install 写入（端口和本机令牌），请勿外传。\nvar SHIBAI_SETTINGS = {data};\n"


def installed_settings(folder: Path) -> dict | None:
    try:
        text = (folder / "js" / "settings.js").read_text("utf-8")
        return json.loads(text[text.index("{"):text.rindex("}") + 1])
    except (OSError, ValueError):
        return None


def copy_addin(where: Where, settings: S.ServeSettings, source: Path = SOURCE) -> Path:
    """The add-in copied whole into a temp folder beside its place, then put there by renaming: a full disk or a
    killed install never leaves half an add-in under the name publish.xml gives (nor removes the working one)."""
    if not (source / "ribbon.xml").is_file():
        raise UnreadableInput(f"找不到 WPS 加载项源文件 {source}。请在项目源码文件夹中用 pip install -e . 安装本工具后再运行。")
    root = where.jsaddons()
    root.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(root)                  # a killed install's temp folder
    target, staging = root / FOLDER, new_temp_dir(root)
    try:
        shutil.copymode(source, staging)        # a temp folder is the user's alone; the add-in's is as shipped
        for path in sorted(source.rglob("*")):   # not copytree: it hides the disk-full error in a list of texts
            copy = staging / path.relative_to(source)
            if path.is_dir():
                copy.mkdir()
            else:
                shutil.copy2(path, copy)
        # the token is the user's, as in serve.json: other accounts reach 127.0.0.1 too
        write_text(staging / "js" / "settings.js", settings_js(settings), private=True)
        _put_in_place(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for old in root.glob(f"{ADDIN_NAME}_*"):
        if old.is_dir() and old != target:
            shutil.rmtree(old, ignore_errors=True)   # an older version WPS holds open goes at the next install
    return target


def _put_in_place(staging: Path, target: Path) -> None:
    """``staging`` renamed to ``target``; the add-in there before stays there if that fails."""
    if not target.exists():
        os.replace(staging, target)
        return
    aside = staging.with_name(staging.name[:-len(TEMP_SUFFIX)] + "-old" + TEMP_SUFFIX)
    os.replace(target, aside)
    try:
        os.replace(staging, target)
    except OSError:
        os.replace(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def environment(e: OSError) -> bool:
    """A full disk or no permission: the user's environment (CONTRACT §4: exit 2 with a message, never a bug)."""
    return e.errno in NO_SPACE or e.errno in NO_PERMISSION or isinstance(e, PermissionError)


def installer_refusal(e: OSError, root: Path, command: str, kept: str) -> RefusedWrite:
    """The Chinese message for the environment stopping ``shibai wps install|uninstall``; ``kept``: what is as it was."""
    done = "安装" if command == "install" else "卸载"
    if e.errno in NO_SPACE:
        return RefusedWrite(f"磁盘空间不足，WPS 加载项没有{done}完成（{root}），{kept}。"
                            f"请删除不需要的文件腾出空间后，重新运行 shibai wps {command}。")
    return RefusedWrite(f"无法写入“{e.filename or root}”（{why(e)}），WPS 加载项没有{done}完成，{kept}。"
                        f"如果 WPS 正在运行，请完全退出 WPS 后重新运行 shibai wps {command}；否则请检查该文件夹的权限。")


# --- publish.xml --------------------------------------------------------------------------------------

_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, load_dtd=False)


def _read_publish(path: Path):
    """The add-in list; none yet (no file, or an empty one) is an empty list. Saved in GBK by Notepad (ANSI) without
    saying so, it is read as GBK (and written back in UTF-8). Refused, in Chinese, when it cannot be understood."""
    try:
        raw = path.read_bytes() if path.exists() else b""
        if not raw.removeprefix(codecs.BOM_UTF8).strip():
            return etree.fromstring(b"<jsplugins>\n</jsplugins>", _PARSER).getroottree()
        tree = _parse_publish(raw)
    except (etree.XMLSyntaxError, OSError) as e:
        raise RefusedWrite(f"{path} 的内容无法解析（{why(e)}），为了不破坏其他加载项的设置，未做改动。"
                           "请检查或备份后删除该文件，再运行 shibai wps install。") from None
    if tree.docinfo.doctype:
        raise RefusedWrite(f"{path} 含有文档类型声明（DOCTYPE），WPS 自己写的加载项列表没有它，为了安全未做改动。"
                           "请检查或备份后删除该文件，再运行 shibai wps install。")
    if tree.getroot().tag != "jsplugins":
        raise RefusedWrite(f"{path} 不是 WPS 的加载项列表（根元素应为 jsplugins），未做改动。")
    return tree


def _parse_publish(raw: bytes):
    try:
        return etree.fromstring(raw, _PARSER).getroottree()
    except etree.XMLSyntaxError:
        text = _gbk(raw)
        if text is None:
            raise
    return etree.fromstring(_DECLARATION.sub("", text, count=1).encode("utf-8"), _PARSER).getroottree()


def _gbk(raw: bytes) -> str | None:
    """The text of bytes that are not UTF-8 (whatever their declaration says) but GBK — the ANSI code page of a
    Chinese Windows; None otherwise."""
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return None


def _entries(root) -> list:
    return [e for e in root if isinstance(e.tag, str) and e.tag in ENTRY_TAGS and e.get("name") == ADDIN_NAME]


def _save_publish(path: Path, tree) -> None:
    body = etree.tostring(tree, encoding="unicode")   # the whole document: comments and PIs around the root kept
    write_text(path, '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n")


def register(where: Where, folder: Path) -> Path:
    """Add or update this add-in's entry; other entries stay as they are."""
    path = where.jsaddons() / PUBLISH
    tree = _read_publish(path)
    root = tree.getroot()
    entries = _entries(root)
    for extra in entries[1:]:
        _remove(extra)
    entry = entries[0] if entries else None
    if entry is None:
        entry = etree.SubElement(root, "jspluginonline")
        _indent_new(root, entry)
    attrs = {"name": ADDIN_NAME, "type": ADDIN_TYPE, "url": folder.as_uri() + "/", "enable": "enable_dev",
             "install": "null", "version": __version__}
    for k, v in attrs.items():
        entry.set(k, v)
    _save_publish(path, tree)
    return path


def unregister(where: Where) -> bool:
    path = where.jsaddons() / PUBLISH
    if not path.exists():
        return False
    tree = _read_publish(path)
    entries = _entries(tree.getroot())
    for e in entries:
        _remove(e)
    if entries:
        _save_publish(path, tree)
    return bool(entries)


def _indent_new(root, entry) -> None:
    siblings = [e for e in root if e is not entry]
    if siblings:
        entry.tail = siblings[-1].tail
        siblings[-1].tail = (root.text or "\n  ")
    else:
        root.text, entry.tail = "\n  ", "\n"


def _remove(entry) -> None:
    parent, prev = entry.getparent(), entry.getprevious()
    if prev is not None:
        prev.tail = entry.tail
    else:
        parent.text = entry.tail
    parent.remove(entry)


def health(port: int, timeout: float = 2.0, challenge: str | None = None) -> dict | None:
    """What a ``shibai serve`` on ``port`` says of itself; None when none answers there — nothing listens, or another
    program does (an answer that is no HTTP, or HTTP that is not shibai's: :func:`occupied` tells those apart)."""
    query = f"?challenge={challenge}" if challenge else ""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health{query}", timeout=timeout) as res:
            answer = json.loads(res.read().decode("utf-8"))
    except (OSError, ValueError, http.client.HTTPException):
        return None
    return answer if isinstance(answer, dict) and answer.get("service") == S.SERVICE else None


def forbidden(port: int) -> bool:
    """Whether the system refuses this user a listening socket on the port (:func:`.settings.forbidden_port`)."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except PermissionError:
            return True
        except OSError:   # taken: said by occupied()
            pass
    return False


def occupied(port: int, timeout: float = 1.0) -> bool:
    """Whether some program accepts connections on the port (asked when no shibai serve answers there)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def proven(answer: dict | None, port: int, nonce: str, token: str | None) -> bool:
    """The answer to ``/health?challenge=nonce`` on ``port`` proves it comes from the service holding ``token``
    there, as the add-in checks before it sends the token; a service of an earlier version gives no proof."""
    proof = answer.get("proof") if answer else None
    if not token or not isinstance(proof, str):
        return False
    return hmac.compare_digest(proof.encode("utf-8"), S.health_proof(token, port, nonce).encode("utf-8"))


def proves(port: int, token: str | None, timeout: float = 2.0) -> bool:
    nonce = S.new_nonce()
    return proven(health(port, timeout, nonce), port, nonce, token)


STARTUP_WAIT = 8.0   # seconds install waits for the service it started to answer
STOP_WAIT = 8.0      # seconds install waits for a service it stopped to go


def _within(seconds: float, done: Callable[[], bool]) -> bool:
    """Whether ``done()`` comes true within ``seconds``, asked every 0.2 s."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.2)
    return False


def someone_elses(answer: dict | None, where: Where) -> bool:
    """A service on the port that says it is another user's (another settings folder): its token is not ours, so
    our add-in cannot use it. A service of an earlier version says nothing of its owner: taken for ours."""
    return answer is not None and answer.get("owner") not in (None, S.owner(**where.settings))


def _ours(port: int, where: Where) -> bool:
    """Whether a shibai serve of this user answers on the port."""
    answer = health(port)
    return answer is not None and not someone_elses(answer, where)


def _taken_by_another(port: int) -> str:
    return (f"端口 {port} 上运行的是另一个用户（或另一份设置）的 shibai serve，本用户的 WPS 加载项用不了它。"
            f"请换一个端口：shibai wps install --port {S.another_port(port)}")


def _taken_by_program(port: int) -> str:
    return (f"端口 {port} 已被其他程序占用（它不是 shibai serve），WPS 加载项用不了这个端口。"
            f"请换一个端口：shibai wps install --port {S.another_port(port)}")


def _outdated(port: int, tried: bool, stopped: bool) -> str:
    said = f"端口 {port} 上运行的 shibai serve 是旧版本（不能向加载项证明自己是本机安装的服务）"
    if stopped:
        return said + "，已停止它，改为启动新版本。"
    if tried:
        return said + "，而且无法自动停止它：请结束该进程（或注销后重新登录），然后重新运行 shibai wps install。"
    return said + "，加载项不会向它发送请求：请停止它，再运行 shibai serve。"


# --- the three commands -------------------------------------------------------------------------------

@contextmanager
def one_at_a_time(where: Where, create: bool = True) -> Iterator[None]:
    """One install or uninstall at a time for this user: two at once (a double click, two windows) swapped each
    other's add-in folder away (系统错误, "-old" temp folders left) and could leave the add-in with one token and the
    service with the other's. The lock is beside the service's settings (a jsaddons folder the user may not write
    is said by the installer's own message); ``create``: make that folder for it (uninstall: none, nothing there)."""
    settings = S.settings_path(**where.settings)
    with held_lock(settings, "安装或卸载", "WPS 加载项", "WPS 加载项") if create or settings.parent.is_dir() else nullcontext():
        yield


def install(where: Where | None = None, port: int | None = None, start: bool = True,
            python: str = sys.executable, source: Path = SOURCE) -> list[str]:
    where = where or Where()
    with one_at_a_time(where):
        return _install(where, port, start, python, source)


def _install(where: Where, port: int | None, start: bool, python: str, source: Path) -> list[str]:
    if port is not None and not 0 < port < 65536:
        raise BadOption(f"端口 {port} 无效，应在 1–65535 之间。")
    _read_publish(where.jsaddons() / PUBLISH)   # a publish.xml it would not touch is refused before anything is copied
    settings = S.load(**where.settings) or S.ServeSettings(token=S.new_token())
    old_token, settings.token = settings.token, S.new_token()     # a new token with every install
    old_port = settings.port
    if port is not None:
        settings.port = port
    nonce = S.new_nonce()
    running = health(settings.port, challenge=nonce)
    if someone_elses(running, where):
        raise BadOption(_taken_by_another(settings.port) + "。未做改动。")
    if running is None and occupied(settings.port):
        raise BadOption(_taken_by_program(settings.port) + "。未做改动。")
    if running is None and forbidden(settings.port):
        raise BadOption(S.forbidden_port(settings.port) + "。未做改动。")
    folder = None
    try:
        folder = copy_addin(where, settings, source)
        publish = register(where, folder)
        # this user's service on the port before (install --port 其他端口): stopped while serve.pid and serve.json
        # are still its, or it would hold that port until the next logout, stopped by nothing
        moved = start and old_port != settings.port and _ours(old_port, where) and stop_service(where)
        saved = S.save(settings, **where.settings)
        how, unit_started = enable_autostart(where, python)
    except OSError as e:
        if environment(e):
            raise installer_refusal(e, where.jsaddons(), "install", "新的加载项已复制，但登记或服务设置没有写完"
                                    if folder is not None else "原来安装的加载项、publish.xml 和服务设置都没有改动") from None
        raise
    lines = [f"已安装 WPS 加载项：{folder}", f"已登记到：{publish}", f"服务设置：{saved}（端口 {settings.port}）", how]
    if moved:
        lines.append(f"已停止端口 {old_port} 上原来的 shibai serve（改用端口 {settings.port}）。")
    outdated = running is not None and not proven(running, settings.port, nonce, old_token)
    if outdated:   # an earlier version gives no proof: the add-in would send it nothing
        stopped = start and stop_service(where) and _within(STOP_WAIT, lambda: health(settings.port, timeout=0.5) is None)
        lines.append(_outdated(settings.port, tried=start, stopped=stopped))
        running = None if stopped else running
    if start and running is None:
        def answers() -> bool:
            return proves(settings.port, settings.token, timeout=0.5)

        # systemd's unit, enabled --now, is starting it already: a second one would find the port taken, and when
        # that was the unit's, systemd would restart it until it marked it failed. Ours only if the unit's is silent.
        answered = unit_started and _within(STARTUP_WAIT, answers)
        if not answered:
            start_now(where, settings, python)
            # so that `wps status` right after says 正在运行
            answered = _within(STARTUP_WAIT, answers)
        lines.append(f"已在后台启动 shibai serve（http://127.0.0.1:{settings.port}）。" if answered else
                     f"已在后台启动 shibai serve（http://127.0.0.1:{settings.port}），它还在启动中，"
                     "稍后可用 shibai wps status 查看是否在运行。")
    elif running is not None and not outdated:
        lines.append("shibai serve 已在运行，加载项下次请求时它就改用新的令牌，无需重启。")
    lines.append("请完全退出并重新启动 WPS：第一次加载时 WPS 可能询问是否信任“shibai”加载项，请选择信任/允许；"
                 "之后 WPS 表格中会出现“十百千万”选项卡。")
    return lines


def status(where: Where | None = None) -> list[str]:
    where = where or Where()
    folder = where.jsaddons() / FOLDER
    lines = [f"WPS 加载项文件夹：{where.jsaddons()}"]
    others = sorted(p.name for p in where.jsaddons().glob(f"{ADDIN_NAME}_*") if p.name != FOLDER)
    lines.append(f"本版本加载项（{FOLDER}）：{'已安装' if folder.is_dir() else '未安装（运行 shibai wps install）'}"
                 + (f"；另有旧版本 {', '.join(others)}" if others else ""))
    try:
        entries = _entries(_read_publish(where.jsaddons() / PUBLISH).getroot())
        listed = f"有（{entries[0].get('url', '')}）" if entries else "没有"
    except RefusedWrite as e:
        listed = f"无法读取——{e}"
    lines.append(f"publish.xml 登记：{listed}")
    settings = S.load(**where.settings)
    if settings is None:
        lines.append(f"服务设置：{S.settings_path(**where.settings)}（没有，运行 shibai wps install）")
    else:
        lines.append(f"服务设置：{S.settings_path(**where.settings)}（端口 {settings.port}，令牌已设置）")
        addin = installed_settings(folder)
        if folder.is_dir() and (not addin or addin.get("token") != settings.token or addin.get("port") != settings.port):
            lines.append("  加载项中的端口或令牌与服务设置不一致：请重新运行 shibai wps install。")
    lines.append(f"登录时自动启动 shibai serve：{autostart_state(where)}")
    port = settings.port if settings else S.DEFAULT_PORT
    nonce = S.new_nonce()
    answer = health(port, challenge=nonce)
    if someone_elses(answer, where):
        lines.append(f"shibai serve：{_taken_by_another(port)}")
        return lines
    if answer is None and occupied(port):
        lines.append(f"shibai serve：没有运行——{_taken_by_program(port)}")
        return lines
    lines.append(f"shibai serve：{'正在运行（版本 ' + str(answer.get('version')) + '）' if answer else '没有运行'}"
                 f"（http://127.0.0.1:{port}）")
    if answer is not None and not proven(answer, port, nonce, settings.token if settings else None):
        lines.append("  正在运行的 shibai serve 不能证明自己是本机安装的服务（版本过旧或令牌不一致），"
                     "加载项不会向它发送请求：请重新运行 shibai wps install（会重新启动它）。")
    return lines


def stop_service(where: Where) -> bool:
    """Stop the ``shibai serve`` that answers on the configured port, by the process id it wrote for that port
    (an earlier version's: the one in serve.pid)."""
    settings, pid_file = S.load(**where.settings), S.pid_path(**where.settings)
    on_port = S.pid_path(settings.port, **where.settings) if settings is not None else None
    if on_port is not None and on_port.exists():
        pid_file = on_port
    try:
        pid = int(pid_file.read_text("utf-8").strip())
    except (OSError, ValueError):
        return False
    answer = health(settings.port) if settings is not None else None
    if answer is None or someone_elses(answer, where):
        pid_file.unlink(missing_ok=True)     # stale: nothing of ours answers, so nothing is stopped
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        return False
    return True


def uninstall(where: Where | None = None) -> list[str]:
    where = where or Where()
    with one_at_a_time(where, create=False):
        return _uninstall(where)


def _uninstall(where: Where) -> list[str]:
    publish = where.jsaddons() / PUBLISH
    if publish.exists():
        _read_publish(publish)   # a publish.xml it would not touch is refused before anything is removed, as in install
    lines = []
    try:   # the entry first: refused there, nothing is removed; after it, WPS no longer loads what is left
        if unregister(where):
            lines.append(f"已从 {where.jsaddons() / PUBLISH} 移除登记")
    except OSError as e:
        if environment(e):
            raise installer_refusal(e, where.jsaddons(), "uninstall", "加载项、publish.xml 和服务都没有改动") from None
        raise
    if stop_service(where):
        lines.append("已停止正在运行的 shibai serve")
    left = []    # a folder WPS holds open (Windows) or the user may not write: the rest is still undone
    for folder in where.jsaddons().glob(f"{ADDIN_NAME}_*"):
        if folder.is_dir():
            try:
                shutil.rmtree(folder)
                lines.append(f"已删除 {folder}")
            except OSError as e:
                left.append(f"未能删除 {folder}（{why(e)}），WPS 可能正在使用它：请完全退出 WPS 后重新运行 "
                            "shibai wps uninstall。")
    if disable_autostart(where):
        lines.append("已取消登录时自动启动")
    path = S.settings_path(**where.settings)
    if path.exists():
        path.unlink()
        lines.append(f"已删除服务设置 {path}")
    if not lines and not left:
        return [f"本机没有安装 WPS 加载项（{where.jsaddons()}），没有需要卸载的内容。"]
    return lines + left + ["请重新启动 WPS。"]


def run(args: Any, console: Console, err: Console) -> int:
    """``shibai wps …`` as parsed by :mod:`shibai_xl.faces.cli`."""
    cmd = getattr(args, "wps_command", None)
    if cmd == "install":
        lines = install(port=getattr(args, "port", None))
    elif cmd == "status":
        lines = status()
    elif cmd == "uninstall":
        lines = uninstall()
    else:
        err.print("请指定 shibai wps install、shibai wps status 或 shibai wps uninstall")
        return EXIT_USAGE
    for line in lines:
        console.print(line, markup=False)
    return EXIT_OK
