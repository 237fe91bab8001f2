"""Issue 2: 手机号 (11 digits, 1[3-9]…) as people type them. A number ending its sentence ("13908510001。", copied
from a letter) and two numbers separated by a space ("13908510001 13908510002", as "/" and "、" already were) were
FIELD_MOBILE errors “不是11位手机号” although every number in the cell is one."""
from __future__ import annotations

import pytest

from shibai_xl.engine.parse.phone import parse_mobile, parse_phone
from tests.conftest import checked_json, example


@pytest.mark.parametrize(("typed", "read"), [
    ("13908510001。", "13908510001"),
    ("13908510001.", "13908510001"),
    ("手机：13908510001。", "13908510001"),
    ("13908510001 13908510002", "13908510001、13908510002"),
    ("13908510001　13908510002", "13908510001、13908510002"),
    ("139 0851 0001", "13908510001"),
])
def test_mobiles_as_typed(typed, read):
    assert parse_mobile(typed).value == read


@pytest.mark.parametrize("typed", ["13908510001 1234", "1390851 0001 5", "13908510001。13908510002x"])
def test_what_is_no_mobile_stays_an_error(typed):
    assert parse_mobile(typed).error


def test_phone_numbers_separated_by_a_space():
    assert parse_phone("0851-85551234 13908510001").value == "0851-85551234、13908510001"
    assert parse_phone("0851 8555 1234").value == "0851-85551234"     # the area code kept apart


def test_check_takes_a_mobile_ending_its_sentence(make_workbook, capsys):
    path = make_workbook("team", example("team", sb_leader_mobile="13908510001。",
                                         sb_contact_phone="13908510001 13908510002"))
    got = checked_json(path, capsys)
    assert not [f for f in got["findings"] if f["code"] == "FIELD_MOBILE"], got["findings"]
