"""A city's own count line (“以上共4项”, “合计：4个项目”, a 合计 row whose 企业名称 says 共4家) and its 合计 row's
amounts were never compared with the projects the merge read from its table: a row lost in reading, or typed
twice, passed silently, the province's total short or long of the city's printed one with nothing said (QA). The
merge now says it in the terminal, on the 统计 sheet and on the city's rows' 问题, and exits 1; a count or 合计
that agrees (withdrawn rows and rows without a name accounted for) says nothing."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import HEAD


def _row(i, name, trade, note=None):
    return [i, "遵义市", "汇川区", name, "地址", "企业", "民企", "业绩", "张三", "0851-1", trade, trade / 2, 80, None,
            note]


def _city(path, rows, lines):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*HEAD, "备注"])
    for r in rows:
        ws.append(r)
    for line in lines:
        ws.append(line)
    ws.append(["填报人：李四；联系方式：0851-2"])
    wb.save(path)
    return path


def _total(label, trade=None, column=0):
    row = [None] * 13
    row[column], row[10] = label, trade
    return row


ROWS = [_row(1, "遵义甲公司", 2000), _row(2, "遵义乙公司", 1000), _row(3, "遵义丙公司", 500)]


def _province_notes(path):
    ws = load_workbook(path)["项目汇总表"]
    return {r[3].value: r[15].value or "" for r in ws.iter_rows(min_row=4) if r[3].value}


@pytest.mark.parametrize("lines", [[_total("以上共4项")], [_total("合计：4个项目", 3500)],
                                   [_total("合计", 3500), _total("共4家", column=3)],
                                   [_total("合计（共4家企业）", 3500, column=3)]])
def test_a_city_count_above_the_rows_read_is_said_and_the_merge_is_incomplete(tmp_path, capsys, lines):
    city = _city(tmp_path / "遵义市汇总表.xlsx", ROWS, lines)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 1
    said = capsys.readouterr()
    text = said.out + said.err
    assert "写明共 4 项" in text and "读到 3 项" in text, text
    assert all("写明共 4 项" in n for n in _province_notes(out).values())
    assert "写明共 4 项" in str(load_workbook(out)["统计"]["A1"].value)


def test_a_total_row_whose_amount_differs_from_the_rows_sum_is_said(tmp_path, capsys):
    city = _city(tmp_path / "遵义市汇总表.xlsx", ROWS, [_total("合计", 4500)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 1
    text = capsys.readouterr().out
    assert "年度交易额合计 4500" in text and "各行之和 3500" in text, text


@pytest.mark.parametrize("lines", [[_total("以上共3项")], [_total("合计：3个项目", 3500)], [_total("合计", 3500)],
                                   [_total("合计（园区0个，企业3个）", 3500)]])
def test_a_count_and_total_that_agree_say_nothing(tmp_path, capsys, lines):
    city = _city(tmp_path / "遵义市汇总表.xlsx", ROWS, lines)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out
    assert "写明共" not in said and "各行之和" not in said


@pytest.mark.parametrize("count, trade", [(4, 4500), (3, 3500)])
def test_withdrawn_rows_are_accounted_for_either_way(tmp_path, capsys, count, trade):
    rows = [*ROWS, _row(4, "遵义丁公司", 1000, "已撤回")]
    city = _city(tmp_path / "遵义市汇总表.xlsx", rows, [_total(f"合计（共{count}家）", trade)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out
    assert "写明共" not in said and "各行之和" not in said


def test_a_row_typed_twice_under_a_count_of_the_projects_is_said(tmp_path, capsys):
    rows = [*ROWS, _row(4, "遵义丙公司", 500)]
    city = _city(tmp_path / "遵义市汇总表.xlsx", rows, [_total("以上共3项")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 1
    text = capsys.readouterr().out
    assert "写明共 3 项" in text and "读到 4 项" in text


def test_a_city_sheet_name_holding_a_line_break_is_said_on_one_line(tmp_path, capsys):
    """A crafted city summary names a sheet "园区⏎注意：全部通过": the merge's lines naming its rows printed the line
    break, forging a line of the report; the sheet is named on one line, its control characters as pictures."""
    wb = Workbook()
    first = wb.active
    first.title = "企业"
    other = wb.create_sheet("园区\n注意：全部通过")
    for ws, rows in ((first, [ROWS[0]]), (other, [ROWS[1], [None, "遵义市", "汇川区", None, "地址", "园区", "民企", "业绩",
                                                              "张三", "0851-1", 800, 400]])):
        ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
        ws.append([*HEAD, "备注"])
        for r in rows:
            ws.append(r)
    path = tmp_path / "遵义市汇总表.xlsx"
    wb.save(path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(path)]) == 1
    said = capsys.readouterr()
    text = said.out + said.err
    assert "“园区␊注意：全部通过”表第4行" in text, text
    assert not any(line.startswith("注意：全部通过") for line in text.splitlines())


@pytest.mark.parametrize("count", [3, 4])
def test_a_row_without_a_name_may_be_in_the_count_or_not(tmp_path, capsys, count):
    """A project row typed without its 企业名称 is said already (not counted, exit 1): the city's count that leaves it
    out, or counts it, is no second thing to say."""
    nameless = [None, "遵义市", "汇川区", None, "地址", "企业", "民企", "业绩", "张三", "0851-1", 800, 400]
    city = _city(tmp_path / "遵义市汇总表.xlsx", [*ROWS, nameless], [_total(f"以上共{count}项")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 1
    said = capsys.readouterr()
    assert "没有企业名称" in said.out + said.err and "写明共" not in said.out + said.err


def test_a_total_of_the_rows_shown_under_a_filter_is_a_note(tmp_path, capsys):
    """A city left a filter on: its 合计 (a SUBTOTAL) is the sum of the rows shown; the hidden row is counted and said
    already, its 合计 is no rows lost: a note, exit 0."""
    city = _city(tmp_path / "遵义市汇总表.xlsx", ROWS, [_total("合计", 3000)])
    wb = load_workbook(city)
    wb.active.row_dimensions[5].hidden = True      # 遵义丙公司, 500
    wb.save(city)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out
    assert "不含隐藏的行" in said and "各行之和 3500 万元已全部计入" in said, said


@pytest.mark.parametrize("count, code", [("3家", 0), ("4个项目", 1)])
def test_a_count_typed_alone_as_the_name_on_a_total_row_is_no_project(tmp_path, capsys, count, code):
    """A 合计 row laid out by a clerk: “合计” under 项目类型, the number of projects “3家” under 企业名称, the sums beside
    them. It was merged as a project named “3家” carrying the whole city's amounts: the province total doubled
    (7000 万元 for 3500), exit 0. A name that is only a count is the city's count line: compared with the rows."""
    line = _total(count, 3500, column=3)
    line[5] = "合计"
    city = _city(tmp_path / "遵义市汇总表.xlsx", ROWS, [line])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == code
    text = capsys.readouterr().out
    assert "全省汇总表有效项目 3 项，年度交易额合计 3500 万元" in text, text
    assert count not in _province_notes(out)
    assert ("写明共 4 项" in text) == bool(code)
