"""The readable Chinese terminal report of one check.

Text from a workbook or a file name is printed as :class:`~rich.text.Text`, never as a markup string: a name
holding "[link=…]" or "[red]" prints as typed (rich would make it a clickable link or a colour)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine.check import CheckResult
from ..engine.findings import SEVERITY_LABEL
from ..engine.fmt import fmt
from ..rules import Severity, Status

STATUS_STYLE = {Status.PASS: "bold green", Status.FAIL: "bold red", Status.UNKNOWN: "bold yellow", Status.VERIFY: "cyan"}
SEV_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_check(result: CheckResult, console: Console) -> None:
    t = result.rules.types[result.app.type]
    console.print(Text(f"{result.app.source}  ·  {t.label}  ·  {result.name or '（未填名称）'}", style="bold"))
    console.print(Text.assemble("前置条件：", (result.status, STATUS_STYLE[result.status])))
    cond = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    cond.add_column("条件", overflow="fold")   # Chinese has no spaces to wrap at: cut with “…”, a reason lost its end
    cond.add_column("结论", no_wrap=True)
    cond.add_column("说明", overflow="fold")
    for c in result.eligibility.conditions:
        cond.add_row(Text(c.label), Text(c.status, STATUS_STYLE[c.status]), Text(c.reason))
    console.print(cond)
    score = Table(title=f"建议得分 {fmt(result.score.auto)} / {fmt(result.score.max)}（仅供评审参考）",
                  show_header=True, header_style="bold", title_justify="left")
    score.add_column("一级指标")
    score.add_column("建议分", justify="right")
    score.add_column("满分", justify="right")
    for name, got, mx in result.score.subtotals():
        score.add_row(name, fmt(got), fmt(mx))
    console.print(score)
    if result.findings:
        for sev in Severity:
            group = [f for f in result.findings if f.severity == sev]
            if not group:
                continue
            console.print(Text(f"{SEVERITY_LABEL[sev]}（{len(group)}）", style=f"bold {SEV_STYLE[sev]}"))
            for f in group:
                where = f" [{place}]" if (place := result.where(f)) else ""
                console.print(Text.assemble(("  • ", SEV_STYLE[sev]), (f.code, "bold"), where, "  ", f.message))
    else:
        console.print(Text("没有发现问题。", style="green"))
    console.print(Text(f"上传文件名：{result.upload_name}"))


def print_check_table(checked, console: Console) -> None:
    """``check FOLDER``: one line per application (a :class:`~shibai_xl.jobs.check_file.CheckedMany`)."""
    table = Table(show_header=True, header_style="bold", title_justify="left",
                  title=f"检查了 {len(checked.items)} 份申报表")
    for name, justify in (("文件", "left"), ("类型", "left"), ("名称", "left"), ("前置条件", "left"),
                          ("建议得分", "right"), ("错误", "right"), ("警告", "right"), ("主要问题", "left")):
        table.add_column(name, justify=justify, no_wrap=name in ("前置条件", "建议得分", "错误", "警告"),
                         overflow="fold" if name in ("文件", "名称") else "ellipsis")
    counts = dict.fromkeys(Status.verdicts(), 0)
    for c in checked.items:
        if c.result is None:
            table.add_row(Text(c.label), "", "", Text("无法读取", "bold red"), "", "", "", Text((c.error or "")[:40]))
            continue
        r = c.result
        counts[r.status] += 1
        errors = [f for f in r.findings if f.severity == Severity.ERROR]
        warnings = [f for f in r.findings if f.severity == Severity.WARNING]
        main = "；".join(dict.fromkeys(f.short for f in errors or warnings))
        table.add_row(Text(c.label), r.rules.types[r.app.type].short, Text(r.name or "（未填名称）"),   # 附件4 words
                      Text(r.status, STATUS_STYLE[r.status]), f"{fmt(r.score.auto)} / {fmt(r.score.max)}",
                      str(len(errors)), str(len(warnings)), Text(main))
    console.print(table)
    line = "，".join(f"{s} {n} 份" for s, n in counts.items())
    if checked.unreadable:
        line += f"，无法读取 {checked.unreadable} 份"
    if checked.lists:
        line += f"；另有入驻企业名单 {len(checked.lists)} 份，已随对应的申报表一起读取"
    console.print(line + "。单份的详细报告：shibai check 文件名")
