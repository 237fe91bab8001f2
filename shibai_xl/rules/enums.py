"""The few closed sets every layer shares: project types, verdicts, severities.

``StrEnum`` members are the very strings of the contract (CONTRACT.md sections 1, 4 and 5): they
compare, hash and print as ``"park"``, ``"达标"``, ``"error"``, so JSON, workbooks and caches
see no difference.

>>> Status.PASS == "达标", f"{AppType.PARK}", Severity("warning").label
(True, 'park', '警告')
>>> sorted([Severity.INFO, Severity.ERROR, Severity.WARNING], key=Severity.rank)
[<Severity.ERROR: 'error'>, <Severity.WARNING: 'warning'>, <Severity.INFO: 'info'>]
"""
from __future__ import annotations

from enum import StrEnum
from typing import Any


class AppType(StrEnum):
    """The four project types of the notice (CONTRACT.md section 1)."""

    PARK = "park"
    BASE = "base"
    ENTERPRISE = "enterprise"
    TEAM = "team"


class Status(StrEnum):
    """A condition's or a verdict's 前置条件 status; 需核实 lists a condition and never decides."""

    PASS = "达标"
    FAIL = "不达标"
    UNKNOWN = "待定"
    VERIFY = "需核实"

    @classmethod
    def verdicts(cls) -> tuple[Status, Status, Status]:
        """The three a verdict can be (达标 / 不达标 / 待定), in the order people list them."""
        return cls.PASS, cls.FAIL, cls.UNKNOWN

    @classmethod
    def of(cls, eligible: bool | None) -> Status:
        return {True: cls.PASS, False: cls.FAIL, None: cls.UNKNOWN}[eligible]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _SEVERITY_LABELS[self]

    @staticmethod
    def rank(value: Any) -> int:
        """0 error, 1 warning, 2 info; anything else sorts last."""
        return _SEVERITY_RANKS.get(value, 9)


_SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_SEVERITY_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
