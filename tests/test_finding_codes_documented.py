"""Every finding code the tool can report is either in CONTRACT §5 or documented in the README (QA qa24):
a program reading ``check --json`` must be able to look up every ``code`` it receives."""
from __future__ import annotations

import re
from pathlib import Path

from shibai_xl.engine.findings import CODES

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_5 = {"ELIG_AGE", "ELIG_TRADE", "ELIG_RETAIL", "ELIG_LIVE_SALES", "ELIG_REGION", "ELIG_CREDIT", "ELIG_MISSING",
              "ELIG_ENTITY", "ELIG_MATERIALS", "ELIG_EVIDENCE", "FIELD_REQUIRED", "FIELD_USCC", "FIELD_AMOUNT",
              "FIELD_PERIOD", "FIELD_MOBILE", "FIELD_TEXT_SHORT", "XC_RESIDENT_COUNT", "XC_RESIDENT_TRADE",
              "XC_RESIDENT_RETAIL", "XC_RESIDENT_STAFF", "XC_RESIDENT_DUP", "XC_RESIDENT_ROW", "XC_CROSS_APP",
              "XC_SUMMARY_MISMATCH", "RULE_GAP"}


def test_every_code_beyond_the_contract_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Z]+_[A-Z_]+)`", readme))
    missing = sorted(set(CODES) - CONTRACT_5 - documented)
    assert not missing, f"finding codes neither in CONTRACT §5 nor documented in README.md: {missing}"


def test_every_code_is_one_the_tool_reports():
    """A code in the table that no rule or check reports would be documented for nothing (FILE_UNREADABLE was: an
    unreadable file is an ``error``, never a finding) (QA qa27)."""
    package = ROOT / "shibai_xl"
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*package.rglob("*.py"), *package.rglob("*.toml")]
                     if p.name != "findings.py")
    unused = sorted(c for c in CODES if f'"{c}"' not in text)
    assert not unused, f"finding codes nothing reports: {unused}"
