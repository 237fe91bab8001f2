"""``shibai``: the command line. Every command converts arguments, calls one job, prints."""
from __future__ import annotations

import argparse
import atexit
import gc
import os
import re
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..engine.parse.text import said_safe
from ..errors import BadOption, RefusedWrite, ShibaiError, environment_refusal, internal_error, not_xlsx
from ..jobs.kinds_help import KINDS_HELP

# a command builds its modules' classes and tables (hundreds of thousands of objects, almost none in cycles):
# with the default threshold the cyclic collector walks them over and over while they are imported
START_GC_THRESHOLD = (20_000, 50, 100)

# CONTRACT §4: 0 every input read; 1 output written but some inputs unreadable; 2 nothing done.
# A usage error (argparse) is also "nothing done": 2, with the usage, never 1 (which means "partly done").
EXIT_OK, EXIT_PARTIAL, EXIT_UNREADABLE = 0, 1, 2
EXIT_USAGE = EXIT_UNREADABLE
# The reader of our output went away (`shibai check F --json | head -c 10`): not an error of ours. Quiet, with
# the code a shell gives a command killed by SIGPIPE (128 + 13), never 1 ("some inputs unreadable").
EXIT_PIPE_CLOSED = 141


# in a help text, put in when the help is shown (the rules are loaded only then): the year of the year file in
# force, its 汇总表 title for 贵阳市, and its first review round (2024-05) and that round's month (5) — examples under
# a 2025 file say 2025, and name a month its 一、申报时间 takes
YEAR, TITLE, ROUND, MONTH = "{年}", "{汇总表标题}", "{第一轮}", "{第一轮月}"


class ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    def _get_help_string(self, action):
        text = super()._get_help_string(action)
        return _with_year(text) if text and any(p in text for p in (YEAR, TITLE, ROUND, MONTH)) else text


def _with_year(text: str) -> str:
    """``text`` with :data:`YEAR`, :data:`TITLE`, :data:`ROUND` and :data:`MONTH` as the rules in force say them;
    under a year file that cannot be read the help is shown all the same."""
    try:
        from ..engine.batches import first_batch
        from ..rules import load

        rules = load()
        year, title, first = str(rules.year), rules.titles.summary_for("贵阳市"), first_batch(rules)
    except ShibaiError:   # the year file refused (its command says why): help is shown, with this year's figure
        from datetime import date

        year, title = str(date.today().year), "贵阳市电商“十百千万”工程示范项目汇总表"
        first = f"{year}-05"
    return (text.replace(TITLE, title).replace(YEAR, year).replace(ROUND, first)
            .replace(MONTH, str(int(first.split("-")[1]))))


class ChineseParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", ChineseHelp)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str) -> None:  # argparse's own messages are English
        self.print_usage(sys.stderr)
        print(f"错误：{chinese_usage_error(message)}。用 shibai -h 查看帮助。", file=sys.stderr)
        sys.exit(EXIT_USAGE)


_USAGE_WORDS = (
    (re.compile(r"argument (\S+): invalid (?:int|float) value: '(.*)'"), r"\1 需要一个数，“\2”不是数"),
    (re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)"),
     lambda m: f"{m[1]} 的值“{_typed(m[2])}”无效{_spaced(m[2])}，可选：{m[3]}"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 后面需要一个值"),
    (re.compile(r"argument (\S+): ignored explicit argument '(.*)'"), r"\1 不带值，“\2”是多余的，只写 \1 即可"),
    (re.compile(r"argument (\S+): (.*)"), r"\1：\2"),
    (re.compile(r"the following arguments are required: (.*)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"无法识别的参数：\1"),
    (re.compile(r"invalid choice: '(.*)' \(choose from (.*)\)"),
     lambda m: f"无效的选项“{_typed(m[1])}”{_spaced(m[1])}，可选：{m[2]}"),
    (re.compile(r"ambiguous option: (\S+?)(?:=.*)? could match (.*)"), r"选项 \1 没有写全，可能是 \2，请写出完整的选项名"),
)


def _typed(shown: str) -> str:
    """A value as typed, from argparse's repr of it (a full-width space shown as \\u3000)."""
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), shown)


def _spaced(shown: str) -> str:
    """``shibai check　申报表.xlsx``: the command and its file one argument, joined by a full-width space."""
    return "（其中有全角空格：参数之间请用半角空格分隔）" if "\u3000" in _typed(shown) else ""


def chinese_usage_error(message: str) -> str:
    """argparse's English error in Chinese (the argument names stay as typed).

    >>> chinese_usage_error("argument --trim-min: invalid int value: 'abc'")
    '--trim-min 需要一个数，“abc”不是数'
    >>> chinese_usage_error("the following arguments are required: --out")
    '缺少参数：--out'
    """
    for pattern, chinese in _USAGE_WORDS:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


def _typed_number(text: str, unit: str) -> str:
    """An option's number as a clerk types it: full-width digits, spaces, its unit ("60分", "5人")."""
    import unicodedata

    return re.sub(rf"\s+|{unit}$", "", unicodedata.normalize("NFKC", text).strip())


def _score(text: str) -> float:
    """``--pass-line``: "60", "60分", "６０", "60.5"; not NaN or infinity."""
    try:
        value = float(_typed_number(text, "分"))
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"应为分数，例如 60 或 60分，“{text}”不是分数")
    return value


def _count(text: str) -> int:
    """``--trim-min``: "5", "5人", "５"."""
    try:
        return int(_typed_number(text, "人"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为人数（整数），例如 5 或 5人，“{text}”不是人数") from None


def _cities(text: str) -> str:
    """--expert-cities: given empty (a script's unset variable) it would make a round with no 回避 at all, unseen."""
    if not text.strip():
        raise argparse.ArgumentTypeError("专家所属市（州）为空（脚本中的变量可能没有赋值）：没有专家需要回避时请不写 "
                                         "--expert-cities，否则写成例如 甲=贵阳市,乙=遵义市")
    return text


def _path(text: str) -> str:
    """A file or folder argument. An empty one (a script's unset variable: ``shibai check "%1"``) is no path, though
    Python takes "" for the current folder: the command would read, or write into, whatever folder it started in."""
    if not text.strip():
        raise argparse.ArgumentTypeError("路径为空：请写出文件或文件夹的名称（脚本中的变量可能没有赋值）")
    if '"' in text and not os.path.lexists(text):
        # Windows' C runtime reads "D:\申报\" as D:\申报" (\" is a quote typed in the path; no path holds one):
        # at the line's end the folder meant; with more after it, the options typed later swallowed unseen
        head, _, rest = text.partition('"')
        if head.strip() and not rest.strip():
            return head
        raise argparse.ArgumentTypeError(
            f"路径“{said_safe(text)}”中有引号：Windows 把路径末尾的反斜杠加引号（\\\"）当作引号，其后的参数被并进了路径。"
            "请去掉引号前的反斜杠再运行，例如 \"D:\\申报材料\"")
    bare = text.strip().strip("“”‘’「」『』").strip()
    if bare != text and not os.path.lexists(text) and os.path.lexists(bare):
        # a space pasted with a name ("申报表.xlsx ", a cmd script's "set F=申报表.xlsx "): 找不到文件 with it unseen;
        # Chinese quotes pasted from an instruction in Word or a chat, said back as if the message's own quotes
        return bare
    if "\u3000" in text and not os.path.lexists(text):
        _full_width_space(text)
    if re.match(r"~(?:$|[/\\])", text) and not os.path.lexists(text):
        # the home folder, as PowerShell and a quoted path pass it on: never a folder called “~” made in the current one
        return os.path.expanduser(text)
    return text


def _full_width_space(text: str) -> None:
    """A path naming nothing whose parts at a full-width space are arguments: the space between them typed in an
    input method's full-width mode (“申报表.xlsx　--json”, “甲.xlsx　乙.xlsx”), one argument to the shell. Said as
    such, rather than 找不到文件 with the space unseen in it; a new file's name may hold one (“贵阳市　汇总表.xlsx”)."""
    parts = [p for p in text.split("\u3000") if p.strip()]
    if len(parts) > 1 and (all(os.path.lexists(p) for p in parts) or any(
            p.startswith("-") or _TYPED_DASHES.match(p) for p in parts[1:])):
        raise argparse.ArgumentTypeError(
            f"“{said_safe(text)}”中有全角空格（中文输入法全角状态下输入的空格），"
            f"其中的“{'”“'.join(map(said_safe, parts))}”应是几个参数：参数之间请用半角空格分隔")


# what a dash of an option becomes when typed with a Chinese input method (“——” for "--" in Chinese punctuation mode,
# full-width "－－") or pasted from Word and chat, which turn "--" into a dash “—” or “–”
_TYPED_DASHES = re.compile("^[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+(?=[A-Za-z\uff21-\uff3a\uff41-\uff5a])")


def _ascii_dashes(argv: Sequence[str]) -> list[str]:
    """The arguments with an option typed with such dashes as the option (“——json” → --json, “－－out=a.xlsx” →
    --out=a.xlsx): taken for a file's name, it was “找不到文件：——json”, or “缺少参数：--from” beside a typed ——from.
    A file or folder of that name is left as it is."""
    import unicodedata

    out = []
    for arg in argv:
        if (dashes := _TYPED_DASHES.match(arg)) and not os.path.lexists(arg):
            name, sep, value = re.fullmatch(r"([^=＝]*)([=＝]?)(.*)", arg[dashes.end():], re.DOTALL).groups()
            name = unicodedata.normalize("NFKC", name)
            if re.fullmatch(r"[A-Za-z][A-Za-z-]*", name):
                arg = ("-" if len(name) == 1 else "--") + name + ("=" if sep else "") + value
        out.append(arg)
    return out


def _parser() -> ChineseParser:
    p = ChineseParser(prog="shibai", description="贵州省电子商务“十百千万”工程示范项目申报：申报表校验、评分、汇总表一键刷新。")
    p.add_argument("-V", "--version", action="store_true", help="显示版本和所用的规则文件")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=ChineseParser)

    d = sub.add_parser("demo", help="用内置示例演示：生成四类示例申报表和项目汇总表并显示检查结果")
    d.add_argument("--out", default="demo_output", type=_path, metavar="文件夹", help="示例文件输出文件夹（默认 demo_output）")

    n = sub.add_parser("new", help="生成空白申报表、项目汇总表或评分表")
    n.add_argument("kind", metavar="类型", help=KINDS_HELP)
    n.add_argument("--out", required=True, type=_path, metavar="文件", help="输出文件（.xlsx）")
    n.add_argument("--title", metavar="标题", help=f"汇总表标题，例如“{TITLE}”")

    c = sub.add_parser("check", help="检查申报表：前置条件、建议得分、问题清单（一份、几份或一个文件夹）")
    c.add_argument("file", metavar="文件", nargs="+", type=_path,
                   help="申报表工作簿（.xlsx/.xlsm/.xls/.xlsb/.ods/.et），可以是几个文件或一个文件夹（含子文件夹）")
    c.add_argument("--json", action="store_true",
                   help="只输出 JSON：一份申报表是一个对象，几份或文件夹是一个数组（供其他程序使用）")
    c.add_argument("--write", action="store_true", help="把结果写回工作簿（校验结果表、评分表建议分、问题单元格标色和批注）")

    r = sub.add_parser("refresh", help="从文件夹中的全部申报表刷新项目汇总表（保留人工填写的内容）")
    r.add_argument("summary", metavar="汇总表", type=_path, help="项目汇总表文件（不存在时自动新建）")
    r.add_argument("--from", dest="folder", required=True, type=_path, metavar="文件夹", help="申报表所在文件夹（含子文件夹）")
    r.add_argument("--batch", metavar="批次",
                   help=f"评审批次，例如 {ROUND}（或 {MONTH}月、第一批）：记为项目第一次汇总进来时的批次")
    r.add_argument("--city", metavar="市州", help="汇总表所属市（州），用于标题，例如 贵阳市")

    m = sub.add_parser("merge", help="合并各市（州）项目汇总表为全省汇总表")
    m.add_argument("province", metavar="全省汇总表", type=_path,
                   help="全省汇总表文件（不存在时新建；已有时更新，省厅写的状态、备注和自己加的列保留）")
    m.add_argument("cities", metavar="市州汇总表", nargs="+", type=_path,
                   help="各市（州）项目汇总表文件（.xlsx/.xls/.xlsb/.ods，手工做的附件4 也可以）")

    rv = sub.add_parser("review", help="省级专家评审：生成专家评分表、汇总专家评分")
    rsub = rv.add_subparsers(dest="review_command", metavar="操作", parser_class=ChineseParser)
    rm = rsub.add_parser("make", help="为每位专家生成评分工作簿")
    rm.add_argument("round_dir", metavar="评审文件夹", type=_path, help="本轮评审的文件夹：每位专家的评分表和评审安排写在这里")
    rm.add_argument("--from", dest="source", required=True, type=_path, metavar="汇总表", help="全省或市州项目汇总表")
    rm.add_argument("--experts", required=True, metavar="专家",
                    help="专家姓名，用逗号、顿号或空格分隔，例如 张三,李四,王五 或 张三、李四、王五")
    rm.add_argument("--expert-cities", metavar="专家=市州", type=_cities,
                    help="专家所属市（州），用于回避，例如 甲=贵阳市,乙=遵义市")
    rm.add_argument("--round", dest="round_id", metavar="轮次", help=f"评审轮次，例如 {ROUND}")
    rc = rsub.add_parser("collect", help="汇总专家评分，生成排名、拟认定名单和公示名单")
    rc.add_argument("round_dir", metavar="评审文件夹", type=_path, help="review make 生成、专家填好后放回的评分表所在的文件夹")
    rc.add_argument("--out", required=True, type=_path, metavar="文件", help="输出的评审结果工作簿")
    rc.add_argument("--from", dest="table", default=None, type=_path, metavar="汇总表",
                    help="当前的全省或市州项目汇总表，用于核对生成评分表之后撤回、新增的项目（默认读取生成评分表时的那一份）")
    rc.add_argument("--pass-line", type=_score, default=None, metavar="分数",
                    help="拟认定分数线（默认按年度规则文件，2024 年为 60 分）")
    rc.add_argument("--trim-min", type=_count, default=None, metavar="人数",
                    help="专家人数达到该数时去掉最高分和最低分（默认按年度规则文件，2024 年为 5 人）")

    a = sub.add_parser("addin", help="Excel 加载项：构建、安装、查看状态")
    asub = a.add_subparsers(dest="addin_command", metavar="操作", parser_class=ChineseParser)
    ab = asub.add_parser("build", help="从源码构建 workbooks/shibai.xlam")
    ab.add_argument("--out", default=None, type=_path, metavar="文件夹", help="输出文件夹（默认本项目的 workbooks 文件夹）")
    asub.add_parser("install", help="安装加载项并配置 xlwings（Windows/macOS）")
    asub.add_parser("status", help="显示加载项和 xlwings 的配置情况")

    sv = sub.add_parser("serve", help="本机服务：供 WPS 加载项调用（只监听 127.0.0.1）")
    sv.add_argument("--port", type=int, default=None, metavar="端口", help="端口（默认用安装时的设置，初始为 27315）")

    w = sub.add_parser("wps", help="WPS 加载项：安装、查看状态、卸载")
    wsub = w.add_subparsers(dest="wps_command", metavar="操作", parser_class=ChineseParser)
    wi = wsub.add_parser("install", help="安装 WPS 加载项，并设置 shibai serve 开机（登录）自动启动")
    wi.add_argument("--port", type=int, default=None, metavar="端口", help="服务端口（默认沿用上次安装的设置，初次安装为 27315）")
    wsub.add_parser("status", help="显示 WPS 加载项的安装情况和服务是否在运行")
    wsub.add_parser("uninstall", help="卸载 WPS 加载项和自动启动项")
    return p


terminal_safe = said_safe   # no control sequence, no direction override from an applicant's text (engine/parse/text)


class LazyConsole:
    """A rich Console made on first use: a command that prints only plain lines (refresh, merge, review)
    never imports rich, whose import alone costs more than a refresh with nothing changed."""

    def __init__(self, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console = None

    @property
    def rich(self):
        if self._console is None:
            from rich.console import Console

            class PipeAwareConsole(Console):
                def on_broken_pipe(self) -> None:   # rich would exit 1, which means "partly done" here
                    self.quiet = True
                    raise BrokenPipeError

                def _render_buffer(self, buffer):    # input text only: rich's own escapes are styles and controls
                    return super()._render_buffer(
                        seg if seg.control else seg._replace(text=terminal_safe(seg.text)) for seg in buffer)

            self._console = PipeAwareConsole(stderr=self._stderr, highlight=False, soft_wrap=True)
        return self._console

    def __getattr__(self, name: str) -> Any:     # print, is_terminal … of the rich Console
        return getattr(self.rich, name)

    @property
    def stream(self):
        return sys.stderr if self._stderr else sys.stdout

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError):
            return False

    def line(self, text: str) -> None:
        """Print ``text`` exactly (no markup), through rich only when it is already loaded."""
        if self._console is not None:
            self._console.print(text, markup=False)
            return
        stream = self.stream
        text = terminal_safe(text)
        try:
            stream.write(text + "\n")
        except UnicodeEncodeError:  # a console code page without some character (GBK and “•”)
            enc = getattr(stream, "encoding", None) or "utf-8"
            stream.write((text + "\n").encode(enc, "replace").decode(enc))
        stream.flush()


def _at_terminal(e: ShibaiError) -> str:
    """The refusal as the terminal says it: a file open in Excel can be worked on there, with the 十百千万 tab."""
    if isinstance(e, RefusedWrite) and e.open_in.startswith("Excel"):
        return str(e).rstrip("。") + "，或在 Excel 中使用“十百千万”选项卡直接处理。"
    return str(e)


def _refused(err: LazyConsole, text: str) -> None:
    if err.isatty():
        from rich.markup import escape

        err.print(f"[red]无法处理：[/red]{escape(text)}")
    else:
        err.line(f"无法处理：{text}")


def _null_streams() -> None:
    """A standard stream whose descriptor was closed when we started is None: what we print goes nowhere,
    instead of failing after the job is done (a summary written, then "程序内部错误…文件未改动")."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 — for the process
    # stdout in a code page without some character — a report redirected to a file on Chinese Windows is GBK, which
    # has no “•”, nor a rare character of a company's name — writes it as “?”, never fails once the work is done
    # (stderr does so already, with its escapes; the JSON is written in UTF-8 whatever the code page)
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):   # replaced or detached streams (tests, embedded interpreters)
        pass


def _typed_for(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub)parser of the command in ``args``: ``shibai review collect`` → collect's."""
    for dest in ("command", "review_command", "addin_command", "wps_command"):
        subs = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction) and a.dest == dest), None)
        if subs is None or getattr(args, dest, None) not in subs.choices:
            continue
        parser = subs.choices[getattr(args, dest)]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*START_GC_THRESHOLD)
    _null_streams()
    parser = _parser()
    args, extra = parser.parse_known_args(_ascii_dashes(sys.argv[1:] if argv is None else argv))
    if extra:   # a mistyped option: the usage of the command it was typed for, which lists the right spelling
        _typed_for(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
    console, err = LazyConsole(), LazyConsole(stderr=True)
    if not args.command and not args.version:
        parser.print_help()
        return EXIT_USAGE
    handler = _version if args.version else _handler(args)
    from ..jobs.interrupted import writes_recorded

    with writes_recorded() as written:
        return _run_handler(handler, args, console, err, written)


def _run_handler(handler: Handler, args: argparse.Namespace, console: LazyConsole, err: LazyConsole,
                 written: list[Path]) -> int:
    """The command's exit code; a refusal, Ctrl+C or a bug said in Chinese (``written``: the files the command
    wrote before it was stopped)."""
    try:
        code = handler(args, console, err)
        sys.stdout.flush()   # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        return _output_closed()
    except ShibaiError as e:
        _refused(err, _at_terminal(e))
        return EXIT_UNREADABLE
    except KeyboardInterrupt as e:
        from ..jobs.interrupted import interrupted

        err.line(interrupted(e, written))
        return EXIT_PARTIAL if written else EXIT_USAGE
    except OSError as e:   # the machine's situation (a name too long, a folder gone), not a bug
        _refused(err, str(environment_refusal(e)))
        return EXIT_UNREADABLE
    except Exception as e:  # last resort: never a traceback for a user
        from ..jobs.interrupted import failed_after

        err.line(internal_error(e, failed_after(written)))
        if "SHIBAI_DEBUG" in os.environ:
            raise
        return 3


def run() -> None:
    """The ``shibai`` command: :func:`main`, then the process ends at once. Everything it wrote is closed by then
    (files written whole and synced, locks released, helper processes joined); what is left is the memory of a
    province's records and a summary's cells, which the interpreter would otherwise free object by object —
    up to a tenth of a second the system does at once by ending the process."""
    code = main()
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)   # a job still running in a thread (the local service stopped mid-request): let it end
    try:   # what libraries left for the end: openpyxl's temp files of a save that failed, logging's handlers
        atexit._run_exitfuncs()
    except Exception:   # noqa: BLE001 — a library's clean-up must not change the exit code
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):   # a reader gone, a stream closed or None (fd closed)
            pass
    os._exit(code)


def _output_closed() -> int:
    """Our output's reader closed the pipe. What is still buffered, and the interpreter's flush at exit, go to
    the null device instead (Python docs, "Note on SIGPIPE"): no traceback, no "internal error"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout replaced by something without a descriptor (tests, embedding)
        pass
    return EXIT_PIPE_CLOSED


# --- one handler per command ------------------------------------------------------------------------
# Each handler imports its job's module itself (start-up: `shibai check` must never load what review,
# merge or serve need — pandas, xlwings, uvicorn — and a refresh with nothing changed must stay fast).

Handler = Callable[[argparse.Namespace, LazyConsole, LazyConsole], int]


def _expanded(files: list[str], keep_unmatched: bool = False) -> list[str]:
    """Wildcards expanded as a shell would: the Windows command prompt passes "D:\\申报\\*.xlsx" as typed. A name that
    exists is taken as it is ("[红]申报.xlsx"). A pattern matching nothing is refused, or with ``keep_unmatched``
    kept as typed (as a shell does): ``check`` lists it as an input it could not read, beside the files found."""
    out: list[str] = []
    for f in files:
        if not any(c in f for c in "*?[") or os.path.lexists(f):
            out.append(f)
            continue
        import glob

        from ..jobs.workbook_files import is_left_by_system

        found = sorted(p for p in glob.glob(f) if not is_left_by_system(Path(p)))   # as a folder's: no lock files
        if not found and not keep_unmatched:
            raise BadOption(f"没有与“{f}”匹配的文件")
        out += found or [f]
    return out


def _check(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    try:   # several inputs (CONTRACT §4: one array): a pattern matching nothing is one of them, not the end of all
        args.file = _expanded(args.file, keep_unmatched=len(args.file) > 1)
    except BadOption:   # a wildcard (several files) matching none: with --json still one array, as an empty folder
        if args.json:
            _print_json([])
        raise
    if len(args.file) > 1 or Path(args.file[0]).is_dir():
        return _check_many(args, console, err)
    from ..jobs.check_file import check_and_write, check_file

    path = args.file[0]
    result, written = check_and_write(path) if args.write else (check_file(path), None)
    if args.json:
        _print_json(result.to_json())
        if written is not None and (written.unwritten or written.moved):   # stdout holds the JSON alone
            err.line(written.message())
        return EXIT_OK
    from .report import print_check

    print_check(result, console)
    if written is not None:
        from rich.text import Text

        console.print(Text(written.message(), "yellow" if written.unwritten else "green"))
    return EXIT_OK


def _check_many(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    """``check FOLDER`` / ``check FILE FILE …``: one table, or one JSON array; exit 0/1/2 as refresh."""
    if args.write:
        raise BadOption("--write 只能用于单个申报表；请逐个文件使用 shibai check 文件 --write")
    from ..jobs.check_file import check_many
    from .progress import TerminalProgress

    try:
        with TerminalProgress(err, "检查申报表") as progress:   # stderr: with --json stdout holds the JSON alone
            checked = check_many(args.file, progress=progress)
    except BadOption:   # nothing to check: with --json still one array (CONTRACT §4), the reason on stderr, exit 2
        if args.json:
            _print_json([])
        raise
    if args.json:
        _print_json([c.to_json() for c in checked.items])
    else:
        from .report import print_check_table

        print_check_table(checked, console)
    if line := checked.skipped_line():   # an info line; with --json stdout holds the JSON alone
        (err if args.json else console).line(line)
    for label, message in checked.duplicates:   # across the files: no file's own object (as check FILE gives it)
        (err if args.json else console).line(f"重复申报：{label}：{message}")
    for c in checked.items:
        if c.error:
            from rich.text import Text

            err.print(Text.assemble(("无法读取：", "red"), f"{c.label}：{c.error}"))
    return checked.exit_code()


def _new(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    if Path(args.out).suffix.lower() != ".xlsx":
        raise not_xlsx(args.out, "生成的工作簿")
    from ..jobs.new_workbook import new_workbook

    console.line(f"已生成 {new_workbook(args.kind, args.out, args.title)}")
    return EXIT_OK


def _demo(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from ..jobs.demo import run_demo

    return run_demo(Path(args.out), console)


def _refresh(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from ..jobs.refresh import refresh
    from .progress import TerminalProgress

    with TerminalProgress(console, "刷新汇总表") as progress:
        report = refresh(args.summary, args.folder, batch=args.batch, city=args.city, progress=progress)
    console.line(report.describe())
    code = _partial(report.unreadable + report.other_forms, err, what=report.not_read)
    if report.update.outside:   # projects typed under the 合计/填报人 line: the city's counts leave them out
        err.line(f"注意：{len(report.update.outside)} 行项目在表格下方的合计行、填报人行之下，未计入统计，"
                 "结果不完整（退出码 1）；报送后全省合并会计入它们，与本表合计不一致"
                 + ("（见上）" if one_screen() else "：" + "、".join(report.update.outside)))
        code = code or EXIT_PARTIAL
    if nameless := report.update.nameless:   # projects typed in the table without 企业名称: in no count
        err.line(f"注意：{len(nameless)} 行项目没有企业名称，未计入统计，结果不完整（退出码 1）"
                 + ("（见上）" if one_screen() else "：" + "、".join(nameless)))
        code = code or EXIT_PARTIAL
    return code


def _merge(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from ..engine.province_rows import unreported_said
    from ..jobs.merge import merge
    from .progress import TerminalProgress

    with TerminalProgress(console, "合并市州汇总表") as progress:
        report = merge(args.province, _expanded(args.cities), progress=progress)
    console.line(report.describe())
    code = _partial(report.unreadable, err, rows=report.nameless)
    if report.unreported and not one_screen():   # late cities: said above where both streams reach one screen
        err.line(f"注意：{unreported_said(report.unreported)}")
    if report.amounts_left_out:   # listed in the report above; the totals are short all the same
        err.line(f"注意：{len(report.amounts_left_out)} 处金额无法识别，未计入合计，结果不完整（退出码 1）")
        code = code or EXIT_PARTIAL
    if report.differing:   # a row a city typed twice with two amounts: which one is right, nobody here knows
        err.line(f"注意：{len(report.differing)} 个项目在市（州）汇总表中重复填写且金额不一致，合计暂只计入一行，"
                 "结果不完整（退出码 1）")
        code = code or EXIT_PARTIAL
    if report.disputed:   # two cities' rows of a project with two amounts, no code telling whose it is
        err.line(f"注意：{len(report.disputed)} 个项目由两个以上市州报送且金额不一致，无法判断所属市（州），合计暂只计入一行，"
                 "结果不完整（退出码 1）")
        code = code or EXIT_PARTIAL
    if report.miscounted:   # a city's own count or 合计 says otherwise than its rows read: a row lost or typed twice
        err.line(f"注意：{len(report.miscounted)} 处市（州）汇总表写明的项目数或合计与读到的各行不一致，结果不完整（退出码 1）")
        code = code or EXIT_PARTIAL
    return code


def _review_make(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from ..engine.review import split_experts
    from ..jobs import review

    experts = split_experts(args.experts)
    report = review.make(args.round_dir, args.source, experts, expert_cities=args.expert_cities, round_id=args.round_id)
    console.line(report.describe())
    return EXIT_OK


def _review_collect(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from ..jobs import review

    report = review.collect(args.round_dir, args.out, pass_line=args.pass_line, trim_min=args.trim_min, table=args.table)
    console.line(report.describe())
    if not report.incomplete:
        return EXIT_OK
    # the report says why; stderr read apart (``2> 错误.txt``) lists it too, as refresh and merge list what they missed
    said = "注意：评审结果不完整（退出码 1）"
    if one_screen():
        err.line(f"{said}，原因见上")
        return EXIT_PARTIAL
    err.line(f"{said}：")
    for reason in report.reasons():
        err.line(f"  • {reason}")
    return EXIT_PARTIAL


def _addin(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from ..addin import commands

    return commands.run(args, console, err)


def _serve(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from .serve import serve

    return serve(args.port)


def _wps(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    from ..wps import install

    return install.run(args, console, err)


# command → handler, or (where the sub-command is parsed to, {sub-command: handler})
HANDLERS: dict[str, Handler | tuple[str, dict[str, Handler]]] = {
    "check": _check,
    "new": _new,
    "demo": _demo,
    "refresh": _refresh,
    "merge": _merge,
    "review": ("review_command", {"make": _review_make, "collect": _review_collect}),
    "addin": _addin,
    "serve": _serve,
    "wps": _wps,
}


def _version(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
    """``shibai --version``: the tool's version and the year file in force (``SHIBAI_RULES`` may choose another)."""
    from ..rules import load
    from ..version import __version__

    rules = load()
    console.line(f"shibai-xl {__version__}")
    console.line(f"规则：{rules.year} 年通知（{rules.source or '内置规则'}）")
    return 0


def _handler(args: argparse.Namespace) -> Handler:
    """The handler of the command (and sub-command) given."""
    entry = HANDLERS[args.command]
    if not isinstance(entry, tuple):
        return entry
    dest, subs = entry
    return subs.get(getattr(args, dest, None)) or _missing_subcommand(args.command, subs)


def _missing_subcommand(command: str, subs: dict[str, Handler]) -> Handler:
    def handler(args: argparse.Namespace, console: LazyConsole, err: LazyConsole) -> int:
        err.line("请指定 " + " 或 ".join(f"shibai {command} {sub}" for sub in subs))
        return EXIT_USAGE
    return handler


def _print_json(data: Any) -> None:
    """JSON for other programs: UTF-8 whatever the console's code page (GBK on Chinese Windows)."""
    try:
        sys.stdout.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):  # replaced or detached streams (tests, embedded interpreters)
        pass
    from .json_out import json_text

    print(json_text(data))


def _partial(unreadable: list[tuple[str, str]], err: LazyConsole, rows: int = 0, what: str = "") -> int:
    """Exit 1 and list the inputs that could not be read on stderr: the output is written but incomplete.
    ``rows``: how many of them are rows typed without 企业名称, not files; ``what``: the job's own words for what
    was left out (refresh's "1 个文件中另有申报表未读取": a file read, another form in it not). The report on stdout
    (refresh's, merge's) has just listed them with their reasons: where both streams reach one screen or file they
    are not listed twice."""
    if not unreadable:
        return EXIT_OK
    from ..engine.summary import not_read

    said = f"注意：{what or not_read(len(unreadable) - rows, rows)}，结果不完整（退出码 1）"
    if one_screen():
        err.line(f"{said}，原因见上")
        return EXIT_PARTIAL
    err.line(f"{said}：")
    for file, why in unreadable:
        err.line(f"  • {file}：{why}")
    return EXIT_PARTIAL


def one_screen() -> bool:
    """stdout and stderr reach one place — a terminal, ``> log.txt 2>&1``, one pipe — so that a list the report on
    stdout gives is read there already; a program reading stderr apart (another file, another pipe) still gets it
    (CONTRACT §4)."""
    try:
        out, err = os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):   # no stream, or one without a descriptor (a test's capture)
        return False
    if out.st_ino:
        return (out.st_dev, out.st_ino) == (err.st_dev, err.st_ino)
    try:    # Windows gives a console (and a pipe) no file id: one console it is only when both are it
        return sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


if __name__ == "__main__":
    sys.exit(main())
