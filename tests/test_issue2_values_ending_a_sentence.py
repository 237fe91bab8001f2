"""Issue 2: dates as text (2020年5月, 2024-04-15) and the 统一社会信用代码 are read as people type them. Copied from a
letter or a 营业执照 transcript, a value keeps the sentence's full stop: "2024年4月15日。" was FIELD_DATE 无法识别的日期格式
and "91520102MA6DKQ8X18。" FIELD_USCC 应为18位，现为19位 — while "3000万元。" in an amount was read."""
from __future__ import annotations

import datetime as dt

import pytest

from shibai_xl.engine.parse import dates, uscc
from shibai_xl.engine.parse.number import parse_amount, parse_count
from tests.conftest import checked_json, example


@pytest.mark.parametrize(("typed", "read", "precision"), [
    ("2024年4月15日。", dt.date(2024, 4, 15), "day"),
    ("2024年4月15日.", dt.date(2024, 4, 15), "day"),
    ("2020年5月。", dt.date(2020, 5, 1), "month"),
    ("2024.4.15。", dt.date(2024, 4, 15), "day"),
    ("2023.10.", dt.date(2023, 10, 1), "month"),
])
def test_a_date_ending_its_sentence(typed, read, precision):
    p = dates.parse(typed)
    assert (p.value, p.precision, p.error) == (read, precision, None)


@pytest.mark.parametrize("typed", ["3000万元.", "3000万元。", "3000万.", "3000."])
def test_an_amount_ending_its_sentence(typed):
    p = parse_amount(typed)
    assert (p.value, p.error) == (3000, None)


def test_a_count_ending_its_sentence():
    assert parse_count("12家.").value == 12 and parse_amount("3.").value == 3


def test_a_code_ending_its_sentence_is_read_and_said():
    p = uscc.parse("统一社会信用代码：91520102MA6DKQ8X18。")
    assert p.value == "91520102MA6DKQ8X18" and p.note
    assert uscc.key("91520102MA6DKQ8X18。") == "91520102MA6DKQ8X18"
    assert uscc.parse("91520102MA6DKQ8X19。").error     # a wrong code stays wrong


def test_check_reads_fill_date_and_code_ending_a_sentence(make_workbook, capsys):
    values = example("enterprise")
    path = make_workbook("enterprise", {**values, "sb_fill_date": "2024年4月15日。", "sb_uscc": values["sb_uscc"] + "。"})
    got = checked_json(path, capsys)
    assert got["eligible"] is True
    assert not [f for f in got["findings"] if f["code"] in ("FIELD_DATE", "ELIG_MISSING")], got["findings"]
    code, = [f for f in got["findings"] if f["code"] == "FIELD_USCC"]        # read, and asked to type the code alone
    assert code["severity"] == "warning" and "已按" in code["message"]
