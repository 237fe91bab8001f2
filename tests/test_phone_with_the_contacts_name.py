"""手机 typed with the contact's name beside it, apart by a space, as bureaus copy a contact line: "13908510001 王经理",
"张三 13908510001", "13908510001 王经理、13608510002 李四". Each was FIELD_MOBILE “不是11位手机号” (an error) though
the cell holds a whole mobile; the name is a remark, as "（王经理）" in brackets already was. Words glued to the
number ("13908510001王经理") or a name alone stay errors."""
from __future__ import annotations

import pytest

from shibai_xl.engine.parse.phone import parse_mobile, parse_phone
from tests.conftest import checked_json, example


@pytest.mark.parametrize(("typed", "read"), [
    ("13908510001 王经理", "13908510001"), ("张三 13908510001", "13908510001"),
    ("13908510001 王经理、13608510002 李四", "13908510001、13608510002"),
])
def test_the_name_beside_is_no_part_of_the_number(typed, read):
    assert parse_mobile(typed).value == read


def test_a_landline_with_a_name():
    assert parse_phone("办公室 0851-88552573").value == "0851-88552573"


@pytest.mark.parametrize("typed", ["13908510001王经理", "王经理", "13908510001 1234"])
def test_no_mobile_stays_an_error(typed):
    assert parse_mobile(typed).error


def test_check_takes_it(make_workbook, capsys):
    path = make_workbook("team", example("team", sb_leader_mobile="13908510001 王经理"))
    got = checked_json(path, capsys)
    assert not [f for f in got["findings"] if f["code"] == "FIELD_MOBILE"], got["findings"]
