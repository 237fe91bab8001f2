"""The verdict's parts: each condition of 二、申报条件 with its status and Chinese reason.

达标 / 不达标 / 待定 decide the verdict; 需核实 lists a condition the form cannot decide
for the officer and never changes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import Status
from .findings import Finding

PASS, FAIL, UNKNOWN, VERIFY = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.VERIFY


@dataclass
class Condition:
    label: str
    status: Status  # PASS / FAIL / UNKNOWN, or VERIFY (listed for the officer, never changes the verdict)
    reason: str
    topic: str = ""  # region, entity, credit, age, period, threshold, evidence, materials, verify


@dataclass
class Eligibility:
    conditions: list[Condition] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def eligible(self) -> bool | None:
        statuses = {c.status for c in self.conditions if c.status != VERIFY}
        if FAIL in statuses:
            return False
        if UNKNOWN in statuses or not statuses:
            return None
        return True

    @property
    def status(self) -> Status:
        return Status.of(self.eligible)

    def add(self, label: str, status: Status, reason: str, topic: str = "") -> None:
        self.conditions.append(Condition(label, status, reason, topic))
