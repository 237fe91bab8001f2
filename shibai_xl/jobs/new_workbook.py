"""``shibai new``: an empty application workbook, a 项目汇总表 or a 评分表."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from ..adapters.files import write_atomic
from ..adapters.xlsx import templates
from ..errors import BadOption, RefusedWrite
from ..rules import Rules, load
from .kinds_help import KINDS_HELP


class UnknownKind(BadOption):
    """What ``shibai new`` was asked to make is not a kind of workbook it makes."""


def resolve_kind(kind: str, rules: Rules | None = None) -> tuple[str, str | None]:
    """('application'|'summary'|'rubric', type id or None) for what the user typed."""
    rules = rules or load()
    k = unicodedata.normalize("NFKC", kind or "").strip()   # ｐａｒｋ, ｒｕｂｒｉｃ－ｐａｒｋ: an IME in full width
    if k.lower() in ("summary", "汇总表", "项目汇总表"):
        return "summary", None
    for prefix in ("rubric-", "rubric:", "评分表-", "评分表:", "评分表"):
        if k.lower().startswith(prefix):
            t = rules.type_id(k[len(prefix):])
            if t:
                return "rubric", t
    t = rules.type_id(k)
    if t:
        return "application", t
    # the template files' names (workbooks/电商示范企业申报表.xlsx, 评分表-园区.xlsx), read as 项目类型 is
    from ..engine.summary_table import type_of  # start-up: only for a kind not typed as README lists it

    for suffix, what in (("申报表", "application"), ("评分表", "rubric")):
        if k.endswith(suffix) and (t := type_of(k[:-len(suffix)], rules)):
            return what, t
    raise UnknownKind(f"不认识的类型“{kind}”。可用：{KINDS_HELP}")


def build(kind: str, title: str | None = None):
    rules = load()
    what, t = resolve_kind(kind, rules)
    if title is not None and what != "summary":   # a title typed for a form would be dropped without a word
        raise BadOption(f"--title 只用于项目汇总表（shibai new summary --title …）；“{kind}”的标题按通知的格式生成，"
                        "请去掉 --title")
    if what == "summary":
        return templates.new_summary(title, rules)
    if what == "rubric":
        return templates.new_rubric(t, rules)
    return templates.new_application(t, rules)


def new_workbook(kind: str, out: str | Path, title: str | None = None) -> Path:
    """A blank workbook at ``out``; never over an existing file (a filled application would be lost once its
    backup was replaced by the next blank one)."""
    out = Path(os.path.normpath(out))    # "新建/../企业.xlsx" is 企业.xlsx, there or not yet
    wb = build(kind, title)
    if out.exists():
        raise RefusedWrite(f"“{out}”已存在，未改动：新建空白表格不会覆盖已有的文件。请换一个文件名，或先把原文件移走。")
    write_atomic(out, lambda tmp: wb.save(tmp))
    return out
