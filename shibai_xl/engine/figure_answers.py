"""A figure typed in a 是/否 cell instead of the answer: "185万" for 附件2 团队 item 5 "粉丝数 100 万以上 ☐是 ☐否", as
applicants on pasted or hand-made forms (no drop-down) answer. A question printing its figure (the year file's
``remark_claims``: pattern, units, the figure and its unit) is answered by it — 是 when the figures typed meet every
figure the question prints, 否 when one is surely below — and said; a bare number is taken in the question's unit
("185" for 粉丝数100万以上: 185万). What cannot decide the question (a lower bound under it, one figure of a question
printing two, a question printing none) stays unread, with what to type.

>>> from shibai_xl.rules import load
>>> claims = [c for c in load().consistency.remark_claims if c.answer == "sb_fans_1m"]
>>> answer(claims, "185万"), answer(claims, "80")[0]
((True, '按填写的数字读取为“是”（185万，达到100万）', '185万'), False)
>>> answer(claims, "80万以上")[1]
'应填“是”或“否”：所填数字无法判断是否达到100万；本项问“粉丝数100万以上”，达到填“是”，未达到填“否”（数字可写在“是”“否”后的括号里）'
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ..rules import Rules
from ..rules.model import RemarkClaim
from . import claim_figures as cf
from .fmt import fmt

_BARE = re.compile(r"\d+(?:\.\d+)?")
NO_FIGURE = "应填“是”或“否”：本项问是否具备，不按数字判断，具备填“是”，不具备填“否”"


def answer(claims: Sequence[RemarkClaim], text: str) -> tuple[bool | None, str, str]:
    """The answer the figures of ``text`` (a 是/否 cell's text, as yes_no.typed_text reads it) give to the question of
    ``claims`` (its year file's remark claims), the Chinese note saying so, and the text as the answer's remark
    ("185" read in 万: "185万"); (None, what to type, "") when they cannot decide it."""
    if not claims:
        return None, NO_FIGURE, ""
    remark = _with_unit(claims[0], text) if _BARE.fullmatch(text) and len(claims) == 1 else text
    claims = [cf.per_remark(c, remark) for c in claims]
    read = [(c, cf.figures(c, remark), cf.caps(c, remark), cf.bounds(c, remark)) for c in claims]
    asked = "".join(f"“{c.text}”" for c in claims)
    said = "；".join(_said(c, figs, caps, text if text != remark else "") for c, figs, caps, _ in read if figs)
    if all(cf.all_meet(c, figs, caps) for c, figs, caps, _ in read):
        return True, f"按填写的数字读取为“是”（{said}）", remark
    below = [c for c, figs, caps, bounds in read if figs and not any(cf.meets(c, figs, caps))
             and cf.under(c, figs, caps) and not any(a or b for a, b in bounds)]
    if below:
        return False, f"按填写的数字读取为“否”（{said}）", remark
    return None, f"应填“是”或“否”：{_undecided(read)}本项问{asked}，达到填“是”，未达到填“否”" \
        "（数字可写在“是”“否”后的括号里）", ""


def _with_unit(c: RemarkClaim, text: str) -> str:
    """A bare number in the question's unit ("185": 185万); one of 1万 or more in a question counted in 万 (粉丝数100万,
    50万元) would be 1亿 or more: it is the count itself, in 万 ("800000": 80万), as the year file's doubt_below of
    粉丝总数 reads a bare number under 1万 as 万 left out."""
    if c.unit.startswith("万") and Decimal(text) >= _WAN:
        return f"{fmt(Decimal(text) / _WAN)}{c.unit.lower()}"
    return text + c.unit.lower()


_WAN = Decimal(10000)


def _undecided(read: list) -> str:
    """Why the figures typed decide nothing: one only a lower bound under the question's ("80万以上"), or the other
    figure of a question printing two left out ("6次" for 培训不少于5次、单次人数不少于50人); "" when none is read."""
    for c, figs, caps, _ in read:
        if figs and not cf.all_meet(c, figs, caps):
            return f"所填数字无法判断是否达到{fmt(c.value)}{c.unit}；"
    missing = "".join(f"“{c.text}”" for c, figs, _, _ in read if not figs)
    return f"所填数字没有写明{missing}；" if missing and any(figs for _, figs, _, _ in read) else ""


def _said(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]], bare: str) -> str:
    """"185万，达到100万" (``bare``, a number typed without unit: "185按万计，即185万，…", "800000即80万，…"),
    "抖音120万、快手65万" as "120万、65万，合计185万，…"."""
    total = sum(figures) if c.total and len(figures) > 1 else None
    shown = "、".join(f"{fmt(f)}{c.unit}" for f in figures) + (f"，合计{fmt(total)}{c.unit}" if total else "")
    if bare:
        shown = f"{bare}按{c.unit}计，即{shown}" if Decimal(bare) < _WAN or not c.unit.startswith("万") else \
            f"{bare}即{shown}"
    return f"{shown}，{'达到' if cf.all_meet(c, figures, caps) else '未达到'}{fmt(c.value)}{c.unit}"


def claims_of(rules: Rules, field: str, app_type: str) -> list[RemarkClaim]:
    """The year file's claims of the question ``field`` prints for ``app_type``."""
    return [c for c in rules.consistency.remark_claims if c.answer == field and app_type in c.types]
