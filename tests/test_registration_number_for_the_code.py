"""An older company copying the 15-digit 营业执照注册号 of before 三证合一 (2015; "520102000012345", as text or as a
number cell) into 统一社会信用代码: it was "应为18位，现为15位", as if three characters were missed. It says what was
typed and what to type (FIELD_USCC, the verdict 待定 as before: 贵州省内注册 and 独立法人企业 read from the code)."""
from __future__ import annotations

import pytest

from tests.conftest import checked_json, example


@pytest.mark.parametrize("typed", ["520102000012345", 520102000012345])
def test_the_old_registration_number_is_named(make_workbook, capsys, typed):
    out = checked_json(make_workbook("enterprise", example("enterprise", sb_uscc=typed)), capsys)
    said = [f for f in out["findings"] if f["code"] == "FIELD_USCC"]
    assert said and "营业执照注册号" in said[0]["message"] and "18位统一社会信用代码" in said[0]["message"], said
    assert out["eligible"] is None, out["findings"]
