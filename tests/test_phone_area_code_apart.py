"""A landline typed with its area code set apart — in brackets, "(0851)86801234", "（0851）86801234", or by a space,
"0851 86801234" — as people write a 联系电话 on paper: the brackets and the space were dropped, and the 附件4's 电话
showed 085186801234, the area code run into the number (0851 or 085? the reader of the summary cannot tell).
It is shown 0851-86801234, as the notice's forms write a landline."""
from __future__ import annotations

import pytest

from shibai_xl.engine.parse.phone import parse_phone
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_summary_contact_pair import _row


@pytest.mark.parametrize(("typed", "shown"), [
    ("(0851)86801234", "0851-86801234"), ("（0851）86801234", "0851-86801234"), ("（0851）8680 1234", "0851-86801234"),
    ("(0851)-86801234", "0851-86801234"), ("0851 86801234", "0851-86801234"), ("(010)12345678", "010-12345678"),
    ("（0851）86801234-801", "0851-86801234-801"), ("(0851)86801234/13908510001", "0851-86801234、13908510001"),
    ("（0851）86801234（办公室）", "0851-86801234"), ("0851-86801234", "0851-86801234"),
])
def test_the_area_code_is_kept_apart(typed, shown):
    assert parse_phone(typed).value == shown


@pytest.mark.parametrize("typed", ["(0851)868", "(1234)86801234", "(0851)"])
def test_what_is_no_phone_stays_an_error(typed):
    assert parse_phone(typed).error


def test_refresh_shows_the_landline_with_its_area_code(make_workbook, tmp_path):
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", example("enterprise", sb_contact="李红", sb_contact_phone="（0851）86801234"),
                  name="申报表/企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08"]) == 0
    row = _row(summary)
    assert (row["联系人"], row["电话"]) == ("李红", "0851-86801234"), row
    assert "FIELD_MOBILE" not in (row["问题"] or ""), row["问题"]
