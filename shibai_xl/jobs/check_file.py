"""Check one application workbook file, optionally writing the result into it."""
from __future__ import annotations

from pathlib import Path

from ..adapters.files import write_atomic
from ..adapters.xlsx.reader import read_application
from ..engine.check import CheckResult, check
from ..rules import load


def check_file(path: str | Path, write: bool = False) -> CheckResult:
    """Read, check and (with ``write``) write the result into the workbook itself."""
    path = Path(path)
    rules = load()
    result = check(read_application(path, rules), rules)
    if write:
        write_result(path, result)
    return result


def write_result(path: Path, result: CheckResult) -> None:
    from ..engine.plan import plan_check
    from ..adapters.xlsx.result_writer import apply_plan

    plan = plan_check(result)
    write_atomic(path, lambda tmp: apply_plan(path, plan, tmp), verify=lambda tmp: read_application(tmp))
