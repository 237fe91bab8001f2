"""A 项目汇总表 whose defined names come back in another case ("SB_SUMMARY_TITLE", "SB_STATS_SHEET": a program that
re-made the workbook upper-cased them, or a clerk typed the name by hand): Excel finds names whatever their case, as
the tool already found an application's (qa74h). The summary side did not: a refresh no longer knew the 市（州） of the
title — applications of another one went unsaid and --city of another one was not refused — nor the marks of its own
统计/问题文件 sheets, and wrote a second mark differing only in case, which Excel reports as a corrupt file."""
from __future__ import annotations

import re
import shutil

from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from shibai_xl.faces.cli import main


def _upper(path, dst, case=str.upper) -> None:
    """The workbook with the tool's names and tables upper-cased, as another program may write it (``case=str``: the
    same re-save, its names as they were)."""
    wb = load_workbook(path)
    for name in [n for n in wb.defined_names if n.lower().startswith("sb_")]:
        old = wb.defined_names.pop(name)
        wb.defined_names[case(name)] = DefinedName(case(name), attr_text=old.attr_text)
    for ws in wb.worksheets:
        for key in list(ws.tables):
            table = ws.tables.pop(key)
            table.displayName = table.name = case(key)
            ws.tables[case(key)] = table
    wb.save(dst)


def _names(path) -> list[str]:
    names = list(load_workbook(path).defined_names)
    assert len({n.casefold() for n in names}) == len(names), sorted(names)   # no two differing only in case
    return sorted(n.casefold() for n in names)


def _said(capsys) -> str:
    """What the command said, its file's name and how many applications it read again (a cache per file) left out."""
    out, err = capsys.readouterr()
    said = "\n".join(line for line in (out + err).splitlines() if "汇总表：" not in line)
    return re.sub(r"（重新读取 \d+ 份，未改动跳过 \d+ 份）", "", said)


def _city_summary(make_workbook, tmp_path, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    for kind in ("park", "team"):   # the examples are 贵阳市's and 安顺市's: not 黔南州's
        shutil.move(make_workbook(kind), apps / f"{kind}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "黔南州"]) == 0
    capsys.readouterr()
    return apps, summary


def test_a_refresh_finds_the_title_and_its_own_sheets_by_names_in_another_case(make_workbook, tmp_path, capsys):
    apps, summary = _city_summary(make_workbook, tmp_path, capsys)
    upper = tmp_path / "大写.xlsx"
    _upper(summary, upper)
    _upper(summary, summary, case=str)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    want = _said(capsys)
    assert main(["refresh", str(upper), "--from", str(apps)]) == 0
    got = _said(capsys)
    assert "不是本汇总表的黔南州" in want and got == want, got
    assert _names(upper) == _names(summary)
    assert load_workbook(upper).sheetnames == load_workbook(summary).sheetnames   # no 统计（原）

    assert main(["refresh", str(upper), "--from", str(apps), "--city", "遵义市"]) != 0   # the title is 黔南州's
    assert "标题是黔南州的" in _said(capsys)


def test_a_merge_replaces_its_own_sheets_of_a_province_table_whose_names_are_in_another_case(make_workbook, tmp_path,
                                                                                             capsys):
    _apps, city = _city_summary(make_workbook, tmp_path, capsys)
    province, upper = tmp_path / "全省.xlsx", tmp_path / "全省大写.xlsx"
    main(["merge", str(province), str(city)])
    _upper(province, upper)
    _upper(province, province, case=str)
    capsys.readouterr()
    main(["merge", str(province), str(city)])
    want = _said(capsys)
    main(["merge", str(upper), str(city)])
    assert _said(capsys) == want
    assert _names(upper) == _names(province)
    assert load_workbook(upper).sheetnames == load_workbook(province).sheetnames   # no 统计（原）、问题文件（原）
