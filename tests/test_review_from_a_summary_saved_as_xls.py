"""``review make --from`` a city summary that went through .xls (WPS's default, a clerk's "兼容格式" save): the
table sb_summary is lost in the round trip, and the tool said only "中没有项目汇总表（名为 sb_summary 的表格）" —
not that saving as .xls lost it, nor what to do. The summary is read by its 附件4 header as merge reads it."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from shibai_xl.errors import WrongKind
from shibai_xl.faces.cli import main
from shibai_xl.jobs import review

from .libreoffice import convert
from .test_review import build_summary

NOW = datetime(2024, 5, 20, 9, 0)


@pytest.fixture(scope="module")
def as_xls(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("xls")
    summary = build_summary(base / "汇总")
    return summary, convert(summary, "xls", base / "xls")


def test_review_make_from_a_summary_saved_as_xls_reads_it_by_its_header(as_xls, tmp_path):
    summary, xls = as_xls
    made = review.make(tmp_path / "xlsx", summary, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    from_xls = review.make(tmp_path / "xls", xls, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    assert [(p.name, p.type) for p in from_xls.projects] == [(p.name, p.type) for p in made.projects]
    said = from_xls.describe()
    assert "sb_summary" not in said and ".xls" in said and "表头" in said, said


def test_an_xls_without_a_summary_header_is_said_to_have_lost_its_table_with_what_to_do(tmp_path, capsys):
    wb = Workbook()
    wb.active.append(["企业名称", "得分"])
    wb.active.append(["贵州某公司", 80])
    wb.save(tmp_path / "名单.xlsx")
    xls = convert(tmp_path / "名单.xlsx", "xls", tmp_path / "xls")
    with pytest.raises(WrongKind) as e:
        review.make(tmp_path / "r", xls, ["甲", "乙", "丙"], now=NOW)
    said = str(e.value)
    assert ".xls" in said and "附件4" in said and "另存为" in said and "sb_summary" not in said, said
    assert main(["review", "make", str(tmp_path / "r"), "--from", str(xls), "--experts", "甲,乙,丙"]) == 2
    assert "Traceback" not in capsys.readouterr().err
