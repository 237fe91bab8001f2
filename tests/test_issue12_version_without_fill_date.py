"""Issue 12.3, two versions of one application: "The later 填表时间 wins, then the later modification time." A version
whose 填表时间 is blank, or typed so that it cannot be read (四月三十一日 does not exist), is not earlier than a dated one:
the dates cannot order the two, so the later saved file decides — the corrected 年度交易额 1800 of the issue's
"2024.4.28更正-…xlsx" is not replaced by the original's 1500 because only the original carries a date."""
from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import rows

OLD, NEW = 1_712_000_000, 1_713_000_000


@pytest.mark.parametrize("typed", [..., "2024年4月31日"], ids=["blank", "unreadable"])
def test_a_correction_without_a_readable_fill_date_saved_later_is_the_one_summarised(tmp_path, make_workbook, capsys,
                                                                                       typed):
    folder = tmp_path / "申报表"
    folder.mkdir()
    original = folder / "黔南茶叶电商.xlsx"
    shutil.move(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 20), sb_trade_total=1500)),
                original)
    corrected = folder / "2024.4.28更正-黔南茶叶电商.xlsx"
    shutil.move(make_workbook("enterprise", example("enterprise", sb_fill_date=typed, sb_trade_total=1800)), corrected)
    os.utime(original, (OLD, OLD))
    os.utime(corrected, (NEW, NEW))

    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    out = capsys.readouterr().out
    [row] = [r for r in rows(summary) if r["项目类型"] == "企业"]
    assert row["年度交易额（万元）"] == 1800 and row["来源文件"] == corrected.name, row
    assert "填表时间较晚" not in row["问题"], row["问题"]          # nothing is later than a date nobody can read
    assert "修改时间较晚" in row["问题"] and original.name in row["问题"], row["问题"]
    assert corrected.name in out and "修改时间较晚" in out, out


def test_of_three_versions_an_earlier_dated_one_still_loses_to_the_later_dated(tmp_path, make_workbook):
    """The dates still decide between the versions that carry one: of 04-15 (saved last), 04-28 and a blank one saved
    before both, the 04-28 version is used — the blank one is compared with it by save time, the 04-15 one never wins."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    for name, fill, trade, when in (("原件.xlsx", date(2024, 4, 15), 1500, NEW + 1000),
                                    ("更正.xlsx", date(2024, 4, 28), 1800, NEW),
                                    ("草稿.xlsx", ..., 1600, OLD)):
        shutil.move(make_workbook("enterprise", example("enterprise", sb_fill_date=fill, sb_trade_total=trade)),
                    folder / name)
        os.utime(folder / name, (when, when))
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    [row] = [r for r in rows(summary) if r["项目类型"] == "企业"]
    assert row["年度交易额（万元）"] == 1800 and row["来源文件"] == "更正.xlsx", row
