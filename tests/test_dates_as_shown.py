"""A date cell whose number format shows no day is read as the month (or year) it shows.

Excel turns "2023年4月" typed into a cell into the date 2023-04-01 formatted yyyy"年"m"月" (built-in 57 in a
Chinese Excel); the person gave a month, as if the text had been typed (engine/parse/dates.py)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.numfmt import date_shows
from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.engine.conditions import PASS, UNKNOWN
from tests.conftest import example
from tests.test_workbooks import name_cell
from tests.zip_parts import read_parts, write_parts


def _with_format(path: Path, name: str, value, code: str) -> Path:
    wb = load_workbook(path)
    cell = name_cell(wb, name)
    cell.value, cell.number_format = value, code
    wb.save(path)
    return path


def _as_builtin(path: Path, code: str, builtin: int) -> Path:
    """The file as Excel saves a built-in format: the xf names its id, the styles part has no code for it."""
    parts = read_parts(path)
    styles = parts["xl/styles.xml"].decode()
    quoted = code.replace('"', "&quot;")
    m = re.search(r'<numFmt numFmtId="(\d+)" formatCode="' + re.escape(quoted) + '"/>', styles)
    if m is None:      # a code openpyxl itself writes as the built-in (mmm-yy: 17)
        assert f'numFmtId="{builtin}"' in styles
        return path
    styles = styles.replace(m.group(0), "").replace(f'numFmtId="{m.group(1)}"', f'numFmtId="{builtin}"')
    parts["xl/styles.xml"] = styles.encode()
    return write_parts(path, parts)


def _age(path: Path) -> tuple[str, str]:
    result = check(read_application(path))
    item = next(c for c in result.eligibility.conditions if c.topic == "age")
    return item.status, item.reason


@pytest.mark.parametrize("code,builtin", [('yyyy"年"m"月"', 57), ('yyyy"年"m"月"', None), ("yyyy/m", None),
                                          ("mmm-yy", 17), ('[$-804]yyyy"年"m"月";@', None)])
@pytest.mark.parametrize("app_type", ["enterprise", "team"])
def test_a_month_typed_into_excel_is_a_month(make_workbook, app_type, code, builtin):
    # 成立 2023年4月, 填表 2024-04-15: the 1 year is met only if it was founded on or before 15 April
    path = make_workbook(app_type, example(app_type, sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", date(2023, 4, 1), code)
    if builtin:
        _as_builtin(path, code, builtin)
    assert read_application(path).raw["sb_established"].value == "2023年4月"
    status, reason = _age(path)
    assert status == UNKNOWN and "成立日期只填到月份" in reason, reason


def test_a_month_well_past_the_boundary_passes(make_workbook):
    path = make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", date(2023, 3, 1), 'yyyy"年"m"月"')
    status, reason = _age(path)
    assert status == PASS and "2023年03月" in reason and "任何一天都已满" in reason


def test_a_date_showing_its_day_is_that_day(make_workbook):
    path = make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", date(2023, 4, 1), "yyyy-mm-dd")
    assert _age(path)[0] == PASS


def test_a_year_format_reads_as_the_year(make_workbook):
    path = make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", date(2020, 1, 1), 'yyyy"年"')
    app = read_application(path)
    assert app.raw["sb_established"].value == "2020年"
    assert _age(path)[0] == PASS


@pytest.mark.parametrize("code,shows", [('yyyy"年"m"月"', "month"), ("yyyy/m", "month"), ("mmm-yy", "month"),
                                        ('[DBNum1][$-804]yyyy"年"m"月"', "month"), ('yyyy"年"', "year"),
                                        ('yyyy"年"m"月"d"日"', None), ("yyyy-mm-dd", None), ("m/d/yy h:mm", None),
                                        ('0"年"', None), ("General", None), ("0.00%", None), ("@", None)])
def test_date_shows(code, shows):
    assert date_shows(code) == shows


@pytest.mark.parametrize("code", ['yyyy"年"m"月"d"日"', "General"])
def test_a_year_dot_month_number_is_that_month(make_workbook, code):
    # zh-CN Excel keeps "2022.3" typed into a cell as the number 2022.3 (a date cell then shows 1905年7月14日):
    # it is 2022年3月 as the text "2022.3" is, not "the year 2022" nor a 1905 date. 园区, 填表 2024-04-15: 达标.
    path = make_workbook("park", example("park", sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", 2022.3, code)
    status, reason = _age(path)
    assert status == PASS and "2022年03月" in reason, reason


def test_a_year_dot_one_is_january_or_october(make_workbook):
    # "2022.10" typed is stored as 2022.1: 2022年1月 (满2年) or 2022年10月 (不满) — 待定, not "the year 2022"
    path = make_workbook("park", example("park", sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", 2022.1, 'yyyy"年"m"月"d"日"')
    result = check(read_application(path))
    assert result.eligible is None
    messages = " ".join(f.message for f in result.findings if f.code == "FIELD_DATE")
    assert "2022年10月" in messages and "只填了年份" not in messages, messages



@pytest.mark.parametrize("typed", ["2026年12月", date(2026, 12, 1)])
def test_a_fill_date_in_the_future_typed_to_the_month_is_shown_as_typed(make_workbook, typed):
    """填表时间 “2026年12月” (text, or the date Excel makes of it, shown yyyy"年"m"月") checked on 2026-11-20: the
    warning shows 2026年12月, not 2026年12月01日, the day nobody typed; checked on 2026-12-01 (the month begun)
    nothing is said."""
    path = _with_format(make_workbook("team"), "sb_fill_date", typed, 'yyyy"年"m"月"')
    app = read_application(path)
    late = [f.message for f in check(app, today=date(2026, 11, 20)).findings
            if f.code == "FIELD_DATE" and "晚于今天" in f.message]
    assert len(late) == 1 and "“2026年12月”" in late[0] and "12月01日" not in late[0], late
    said = [f.message for f in check(app, today=date(2026, 11, 20)).findings if f.field == "sb_fill_date"]
    assert said and not [m for m in said if "12月01日" in m], said     # the 申报时间 window's error too
    assert not [f for f in check(app, today=date(2026, 12, 1)).findings if "晚于今天" in f.message]


@pytest.mark.parametrize(("typed", "month"), [(202201, "2022年01月"), (2022.3, "2022年03月"), (2020, "2020年")])
@pytest.mark.parametrize("code", ['yyyy"年"m"月"', "yyyy/m", 'yyyy"年"'])
def test_a_number_typed_into_a_month_cell_is_the_number_typed(make_workbook, typed, month, code):
    """202201 typed into a 成立日期 cell formatted to the month shows 2453年5月, 2020 shows 1905年7月: read as the
    text they show, check said 年份2453不合理 (待定); the README's reading is the month (year) typed, with a warning,
    as in a cell showing the day. 园区, 填表 2024-04-15: all three are over 2 years old."""
    path = make_workbook("park", example("park", sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", typed, code)
    result = check(read_application(path))
    status, reason = _age(path)
    assert status == PASS and month in reason, reason
    said = [f for f in result.findings if f.code == "FIELD_DATE" and f.field == "sb_established"]
    assert said and all(f.severity.value == "warning" for f in said) and "填进了日期格式的单元格" in said[0].message
