"""Damaged workbooks found by a fuzzing pass over every command (qa76d): each is refused or read in Chinese,
never an internal error, never read differently from what Excel shows."""
from __future__ import annotations

import warnings

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.zip_parts import rewrite


def test_a_zip_holding_two_parts_of_one_name_is_refused_not_read_from_the_later_one(make_workbook, tmp_path, capsys):
    """A package with a second, empty "xl/worksheets/sheet1.xml": the check read the later (empty) one and listed
    every field of the 申报表 as missing (exit 0) — which part a reader takes is undefined, Excel calls the file
    damaged. Now it is refused as damaged, naming the part, exit 2."""
    good = make_workbook("team")
    bad = tmp_path / "两个同名部件.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # zipfile warns of the duplicate name it is told to write
        rewrite(good, bad, extra={"xl/worksheets/sheet1.xml": b"<worksheet/>"})
    before = bad.read_bytes()
    capsys.readouterr()
    assert main(["check", str(bad), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "同名" in err and "xl/worksheets/sheet1.xml" in err and "损坏" in err, err
    assert bad.read_bytes() == before


def _without_form_sheet(path, target, names_to):
    """The application with its 申报表 sheet deleted; the names that pointed there now point to ``names_to``
    ("#REF!": as Excel leaves them when the sheet is deleted)."""
    wb = load_workbook(path)
    for name in list(wb.defined_names):
        d = wb.defined_names[name]
        if "申报表" in d.attr_text:
            d.attr_text = d.attr_text.replace("'申报表'!", f"{names_to}!").replace("申报表!", f"{names_to}!")
    del wb["申报表"]
    wb.save(target)
    return target


@pytest.mark.parametrize("names_to, said", [
    ("#REF", "工作表已被删除（名称显示为 #REF!）"),
    ("'旧申报表'", "工作表“旧申报表”不在工作簿中"),
])
def test_an_application_whose_form_sheet_was_deleted_says_so_and_what_is_missing(make_workbook, tmp_path, capsys,
                                                                                names_to, said):
    """The 申报表 sheet deleted in Excel: the refusal read "只找到 27 个申报表定义名称，缺少大部分字段（如 ）" — an
    empty example and a count that tells a clerk nothing. It says the sheet is gone and which items are missing."""
    bad = _without_form_sheet(make_workbook("team"), tmp_path / "删了申报表.xlsx", names_to)
    capsys.readouterr()
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert said in err and "未找到：名称、" in err and "（如 ）" not in err and "sb_" not in err, err


def _city_summary(make_workbook, tmp_path):
    """A city's summary made by ``shibai refresh`` from two applications."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    for t in ("team", "enterprise"):
        make_workbook(t).rename(folder / f"{t}.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--city", "贵阳市"]) in (0, 1)
    return summary, folder


def test_a_summary_whose_styles_name_an_undefined_number_format_is_refreshed_and_merged(make_workbook, tmp_path,
                                                                                      capsys):
    """Styles naming a custom number format (numFmtId 200) the file does not define, as some exporters write:
    Excel shows such cells as 常规; the refresh and the merge ended in 程序内部错误 (exit 3, openpyxl's "list index
    out of range" on the cell's format). They now update the table, those cells shown as 常规."""
    import re

    summary, folder = _city_summary(make_workbook, tmp_path)
    province = tmp_path / "全省汇总表.xlsx"
    assert main(["merge", str(province), str(summary)]) in (0, 1)

    def undefined_formats(name, data):
        return re.sub(rb'(<xf [^>]*?)numFmtId="\d+"', rb'\1numFmtId="200"', data) if name == "xl/styles.xml" else data

    for book in (summary, province):
        rewrite(book, book, undefined_formats)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder)]) in (0, 1)
    assert main(["merge", str(province), str(summary)]) in (0, 1)
    said = capsys.readouterr()
    assert "程序内部错误" not in said.err + said.out, said.err
    rows = list(load_workbook(province).worksheets[0].iter_rows(values_only=True))
    assert any(r and "贵阳市" in r for r in rows)


def test_a_summary_table_whose_range_is_reversed_is_refused_in_chinese(make_workbook, tmp_path, capsys):
    """The summary's sb_summary table with a range no sheet has ("P9:A4", reversed, or past XFD1048576): the refresh
    ended in 程序内部错误 (exit 3) or blamed the merged title row. It is refused naming the range, file untouched."""
    import re

    summary, folder = _city_summary(make_workbook, tmp_path)
    for ref in (b"P9:A4", b"A4:XFE1048577"):
        rewrite(summary, summary, lambda name, data, ref=ref: re.sub(
            rb'(<(?:table|autoFilter)\b[^>]*? ref=")[^"]*"', rb"\g<1>" + ref + b'"', data)
            if name.startswith("xl/tables/") else data)
        before = summary.read_bytes()
        capsys.readouterr()
        assert main(["refresh", str(summary), "--from", str(folder)]) == 2
        err = capsys.readouterr().err
        assert f"范围“{ref.decode()}”无法识别" in err and "程序内部错误" not in err, err
        assert summary.read_bytes() == before


def test_a_summary_whose_title_name_is_left_empty_is_refreshed(make_workbook, tmp_path, capsys):
    """The summary's ``sb_summary_title`` defined name with nothing in it (``<definedName …></definedName>``, a
    damaged or hand-edited file): the refresh ended in 程序内部错误 (exit 3, openpyxl failing on the name). The name
    points nowhere and the refresh goes on."""
    import re

    summary, folder = _city_summary(make_workbook, tmp_path)
    rewrite(summary, summary, lambda name, data: re.sub(
        rb'(<definedName [^>]*name="sb_summary_title"[^>]*>)[^<]*', rb"\1", data) if name == "xl/workbook.xml" else data)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder)]) in (0, 1)
    said = capsys.readouterr()
    assert "程序内部错误" not in said.err + said.out, said.err


def test_a_city_summary_with_a_cell_past_column_xfd_is_merged(make_workbook, tmp_path, capsys):
    """A city summary whose title cell stands at ZZZZ1 (past XFD, the last column any program has: a damaged file
    calamine still reads): the merge ended in 程序内部错误 (exit 3, openpyxl's "Invalid column index" naming the
    columns). The city is merged."""
    import re

    summary, _folder = _city_summary(make_workbook, tmp_path)
    rewrite(summary, summary, lambda name, data: re.sub(rb'<c r="A1"', b'<c r="ZZZZ1"', data, count=1)
            if name == "xl/worksheets/sheet1.xml" else data)
    province = tmp_path / "全省汇总表.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(summary)]) in (0, 1)
    said = capsys.readouterr()
    assert "程序内部错误" not in said.err + said.out, said.err
    assert any("贵阳市" in str(v) for row in load_workbook(province).worksheets[0].iter_rows(values_only=True)
               for v in row if v)


def test_a_summary_missing_a_sheets_part_is_refreshed_without_english_on_the_screen(make_workbook, tmp_path):
    """A summary whose 统计 sheet is listed but its part is missing from the file (a damaged copy): openpyxl's English
    "UserWarning: Defined names for sheet index 2 cannot be located" (with its source path) reached the clerk's screen.
    The sheet's print-area names go with the missing sheet, silently; the refresh writes 统计 anew."""
    import subprocess
    import sys

    from tests.zip_parts import read_parts

    summary, folder = _city_summary(make_workbook, tmp_path)
    part = next(n for n in read_parts(summary) if n.startswith("xl/worksheets/sheet") and n.endswith("3.xml"))
    rewrite(summary, summary, lambda name, data: None if name == part else data)
    done = subprocess.run([sys.executable, "-c", "import sys; from shibai_xl.faces.cli import main; sys.exit(main())",
                           "refresh", str(summary), "--from", str(folder)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    assert "Warning" not in done.stderr and "程序内部错误" not in done.stderr, done.stderr
    assert "统计" in load_workbook(summary).sheetnames


def test_a_damaged_province_table_is_called_damaged_not_another_workbook(make_workbook, tmp_path, capsys):
    """The provincial table made by an earlier merge, damaged inside (its styles cut short by a failed save):
    the merge said "“全省汇总表.xlsx”不是本工具生成的全省汇总表…请给它另起一个文件名" — as if the clerk had picked a
    wrong file. It says the table is damaged and to use its backup; the table is untouched, exit 2."""
    summary, _folder = _city_summary(make_workbook, tmp_path)
    province = tmp_path / "全省汇总表.xlsx"
    assert main(["merge", str(province), str(summary)]) in (0, 1)
    rewrite(province, province, lambda name, data: data[:len(data) // 2] if name == "xl/styles.xml" else data)
    before = province.read_bytes()
    capsys.readouterr()
    assert main(["merge", str(province), str(summary)]) == 2
    err = capsys.readouterr().err
    assert "全省汇总表“全省汇总表.xlsx”无法打开" in err and "损坏" in err and "备份" in err, err
    assert "不是本工具生成的全省汇总表" not in err and province.read_bytes() == before
