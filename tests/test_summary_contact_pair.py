"""The 附件4's 联系人 and 电话 a refresh writes are one person's: an application naming its contact (李红) without the
contact's phone gave the row 李红 beside the 主要负责人's mobile, a number of someone else."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import example


def _row(summary):
    rows = [list(r) for r in load_workbook(summary, read_only=True)["项目汇总表"].iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "序号")
    return dict(zip(header, rows[rows.index(header) + 1]))


def test_contact_without_phone_keeps_no_leader_mobile(make_workbook, tmp_path):
    apps = tmp_path / "申报表"
    apps.mkdir()
    values = example("enterprise", sb_contact="李红", sb_contact_phone=..., sb_leader_name="王明",
                     sb_leader_mobile="13908510001")
    make_workbook("enterprise", values, name="申报表/企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08"]) == 0
    row = _row(summary)
    assert row["联系人"] == "李红" and row["电话"] in (None, ""), row    # not 王明's mobile beside 李红
    assert "FIELD_REQUIRED" in row["问题"], row["问题"]                   # the missing phone is said


def test_no_contact_gives_the_leader_and_the_leader_mobile(make_workbook, tmp_path):
    apps = tmp_path / "申报表"
    apps.mkdir()
    values = example("enterprise", sb_contact=..., sb_contact_phone=..., sb_leader_name="王明",
                     sb_leader_mobile="13908510001")
    make_workbook("enterprise", values, name="申报表/企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08"]) == 0
    row = _row(summary)
    assert (row["联系人"], str(row["电话"])) == ("王明", "13908510001"), row

