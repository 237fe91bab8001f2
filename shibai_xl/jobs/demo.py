"""``shibai demo``: the bundled example applications of all four types, written as real
workbooks, checked, and summarised into a 项目汇总表."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ..adapters.files import write_atomic
from ..adapters.xlsx.filler import fill
from ..adapters.xlsx.templates import new_application
from ..engine.batches import first_batch
from ..engine.fmt import fmt
from ..engine.parse.number import in_wan
from ..examples import EXAMPLE_YEAR, EXAMPLES, example_residents, flawed_examples, in_year
from ..rules import Rules, Severity, load, load_file
from ..rules.choice import packaged
from .check_file import check_file
from .refresh import refresh


def in_units(values: dict[str, Any], app_type: str, rules: Rules, written: dict[str, Any]) -> dict[str, Any]:
    """``values`` with each amount in the unit the year file ``rules`` asks it in: the examples are written in the
    units of ``written``, the fields of the year file they were filled for (附件2 for 2024: a park's 年度交易额 in
    亿元), which a later year file may change (unchanged for 2024); without the questions it drops from the type's
    form."""
    out = {name: value for name, value in values.items()
           if name not in written or name in rules.fields and app_type in rules.fields[name].types}
    for name, value in out.copy().items():
        f = rules.fields.get(name)
        if f is None or f.kind != "amount" or name not in written or isinstance(value, (bool, str)) or value is None:
            continue
        was, now = written[name].unit_for(app_type), f.unit_for(app_type)
        if was != now:
            out[name] = float(Decimal(str(value)) * in_wan(was) / in_wan(now))
    return out


def write_examples(folder: Path, flawed: bool = False) -> list[Path]:
    """One filled application workbook per type under ``folder/申报表`` (and, with ``flawed``, two with mistakes),
    dated for the year file in force (:func:`in_year`), its amounts in that file's units (:func:`in_units`)."""
    rules = load()
    written = load_file(packaged(EXAMPLE_YEAR)).fields    # read once: the units the examples are written in
    materials = {m.name: ("不涉及" if m.not_applicable else "是") for m in rules.materials}
    out = []
    apps = folder / "申报表"
    apps.mkdir(parents=True, exist_ok=True)
    for t, values in EXAMPLES.items():
        wb = new_application(t, rules)
        residents = example_residents(t) if rules.has_resident_list(t) else None
        fill(wb, in_units(in_year(values, rules.year), t, rules, written), residents, materials)
        path = apps / f"{rules.types[t].label}-{values['sb_name']}.xlsx"
        write_atomic(path, lambda tmp, wb=wb: wb.save(tmp), backup=False)
        out.append(path)
    for t, label, values, residents, answers in flawed_examples() if flawed else []:
        wb = new_application(t, rules)
        fill(wb, in_units(in_year(values, rules.year), t, rules, written), residents, {**materials, **answers})
        path = apps / f"{label}-{values['sb_name']}.xlsx"
        write_atomic(path, lambda tmp, wb=wb: wb.save(tmp), backup=False)
        out.append(path)
    return out


def run_demo(folder: Path, console: Console) -> int:
    paths = write_examples(folder, flawed=True)
    table = Table(title="示例申报表检查结果（shibai demo）", title_justify="left")
    for col in ("类型", "名称", "前置条件", "建议得分", "错误", "警告", "提示"):
        table.add_column(col)
    for path in paths:
        r = check_file(path, write=True)
        counts = [sum(1 for f in r.findings if f.severity == s) for s in Severity]
        table.add_row(r.type_label, r.name, r.status, f"{fmt(r.score.auto)}/{fmt(r.score.max)}", *map(str, counts))
    console.print(table)
    summary = folder / "项目汇总表.xlsx"
    # the examples come from several cities: the title keeps the template's "XX市（州）" (one city's title would
    # flag every other city's application as reported to the wrong city)
    report = refresh(summary, folder / "申报表", batch=first_batch())   # the year file's first round (2024-05)
    console.print(report.describe(), markup=False)
    console.print(f"示例文件已写入 {folder.resolve()}", markup=False)
    return 0
