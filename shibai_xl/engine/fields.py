"""The field contract (CONTRACT.md section 2): every input of an application.

Each field has a workbook-level defined name (``sb_…``), the label printed on
the official form (附件2) or the supplementary block (补充信息), a kind that
decides how its raw cell value is parsed, and the unit printed on the form.
The fields themselves are data in the year file (``[contract]``); this module
names the kinds the engine knows how to parse and shows the contract of the
rules in force to code that has no :class:`~shibai_xl.rules.Rules` at hand.

>>> from shibai_xl.engine.fields import FIELDS   # read from the rules when first asked for
>>> FIELDS["sb_trade_total"].unit_for("park"), FIELDS["sb_trade_total"].unit_for("base")
('亿元', '万元')
>>> [f.name for f in fields_for("team")][:3]
['sb_name', 'sb_authority', 'sb_address']
"""
from __future__ import annotations

from typing import Any

from ..rules import AppType, Field, Severity, load

TYPES = tuple(AppType)
ALL = TYPES

# Kinds: how a raw cell value is read.
TEXT, LONGTEXT, DATE, MONTH, YESNO, CHOICE = "text", "longtext", "date", "month", "yesno", "choice"
AMOUNT, COUNT, AREA, PERCENT, USD, MOBILE, PHONE, USCC = (
    "amount", "count", "area", "percent", "usd", "mobile", "phone", "uscc")
NUMERIC_KINDS = {AMOUNT, COUNT, AREA, PERCENT, USD}
# a number in a %-formatted cell of these kinds is the percent typed ("15%" → 0.15 in a 0% cell), read as that text
# (engine/values.py): a count, an area or an amount is no percentage (said so), a 是/否 cell's figure answers its question
TYPED_PERCENT = {COUNT, AREA, AMOUNT, USD, YESNO}

# Required: "error" → FIELD_REQUIRED error when blank; "warning" → warning; None → optional.
REQ, ASK = Severity.ERROR, Severity.WARNING

# Views of the rules in force, read when first asked for (a bad SHIBAI_RULES is then a refusal
# inside the command, not an error at import).
_CHOICES = {"CITIES": "cities", "OPERATOR_TYPES": "operator_types", "ORG_TYPES": "org_types",
            "ENTERPRISE_KINDS": "enterprise_kinds"}


def __getattr__(name: str) -> Any:
    if name == "FIELDS":
        return load().fields
    if name in _CHOICES:
        return load().choices[_CHOICES[name]]
    raise AttributeError(name)


def fields_for(app_type: str) -> list[Field]:
    """The contract fields of one project type, in form order."""
    return load().fields_for(app_type)


def names_for(app_type: str) -> set[str]:
    return load().names_for(app_type)


def signature_names(app_type: str) -> set[str]:
    """Names only this type's workbook has, used to recognise its type."""
    return load().signature_names(app_type)


__all__ = ["Field", "TYPES", "ALL", "TEXT", "LONGTEXT", "DATE", "MONTH", "YESNO", "CHOICE", "AMOUNT", "COUNT", "AREA",
           "PERCENT", "USD", "MOBILE", "PHONE", "USCC", "NUMERIC_KINDS", "TYPED_PERCENT", "REQ", "ASK", "fields_for", "names_for",
           "signature_names"]
