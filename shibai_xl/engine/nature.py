"""附件4's 企业性质 (国企/民企) of one application, from the form's 运营机构类型 or 类型 as the applicant gave it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .parse.text import one_line

if TYPE_CHECKING:  # a refresh with nothing to read imports neither the checker nor the value parsers
    from .check import CheckResult

NATURE = {"国有或国有控股企业": "国企", "民营企业": "民企"}


def nature(result: CheckResult) -> str:
    """国企/民企 for the two choices 附件4 names; 其他 with the words of its blank ("其他（集体企业）"), or those words'
    choice (国有独资: 国企); another choice as it is; a type typed as no choice as typed (问题 says 选项无效)."""
    v = result.values
    kind = v.get("sb_operator_type") or v.get("sb_org_type")
    other = v.get("sb_operator_type_other") or v.get("sb_org_type_other")
    if kind in NATURE:
        return NATURE[kind]
    if kind == "其他" and other:
        # the blank of the form's "□其他____" holding the year file's words for a choice (国有独资, 民营) is that choice
        from .values import parse_choice

        f = result.rules.fields["sb_operator_type" if v.get("sb_operator_type") else "sb_org_type"]
        return NATURE.get(parse_choice(other, f.choices, f.aliases).value or "", f"其他（{other}）")
    if kind is None:   # typed as no choice ("集体所有制企业"): as typed, never a blank that hides it
        typed_words = v.invalid.get("sb_operator_type", v.invalid.get("sb_org_type"))
        return one_line(typed_words.strip()) if isinstance(typed_words, str) else ""
    return kind
