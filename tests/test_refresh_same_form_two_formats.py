"""One application sent twice in two formats: 企业甲.xlsx and the 企业甲.xls it was also saved as (LibreOffice here,
"另存为 Excel 97-2003" in WPS), the same content. The .xls became the row's 来源文件 and the refresh counted 更新 1 行
though nothing had changed. The same content in another format is the same application: no update, the row's source
unchanged, the duplicate said once. QA qa58d."""
from __future__ import annotations

import os

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.libreoffice import convert, need_soffice
from tests.test_refresh import rows


def test_an_identical_xls_copy_beside_the_xlsx_is_no_update(tmp_path, make_workbook, capsys):
    need_soffice()
    apps = tmp_path / "申报表"
    apps.mkdir()
    src = make_workbook("enterprise", example("enterprise")).rename(apps / "企业甲.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (before,) = rows(summary)
    xls = convert(src, "xls", tmp_path / "out")
    os.replace(xls, apps / "企业甲.xls")
    capsys.readouterr()
    code = main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"])
    said = capsys.readouterr().out
    (row,) = rows(summary)
    assert row["来源文件"] == before["来源文件"] == "企业甲.xlsx", row
    assert "更新 0 行" in said and "未变 1 行" in said, said
    assert said.count("企业甲.xls") >= 1 and "内容相同" in said, said
    assert code == 0
    assert said.count("内容相同") == 1 and "版本" not in said, said
    assert "版本" not in (row["问题"] or ""), row
    # a summary made afresh from the folder holding both: the form's own .xlsx, though the .xls is newer on disk
    fresh = tmp_path / "新汇总表.xlsx"
    assert main(["refresh", str(fresh), "--from", str(apps), "--batch", "2024-05"]) == 0
    (row,) = rows(fresh)
    assert row["来源文件"] == "企业甲.xlsx" and "版本" not in (row["问题"] or ""), row
    capsys.readouterr()
    assert main(["check", str(apps)]) == 0
    assert "刷新汇总表时采用“企业甲.xlsx”" in capsys.readouterr().out


def test_an_xls_whose_only_correction_is_no_summary_column_is_a_version_not_a_copy(tmp_path, make_workbook, capsys):
    """The county checked 企业甲.xlsx with --write (FIELD_MOBILE on the 主要负责人手机); the applicant put the number
    right in the checked workbook and sent it back saved as 企业甲.xls. The 手机 is no column of 附件4, so the two read
    alike in every column and score: the refresh said “企业甲.xls”与“企业甲.xlsx”内容相同 and summarised the old
    .xlsx, its 问题 still FIELD_MOBILE. A form whose findings differ is another version: the later one is used."""
    need_soffice()
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.filler import named_cell
    from tests.zip_parts import saved_at

    apps = tmp_path / "申报表"
    apps.mkdir()
    src = make_workbook("enterprise", example("enterprise", sb_leader_mobile="1390851000"))
    saved_at(src, "2024-04-15T02:00:00Z")
    assert main(["check", str(src), "--write"]) == 0
    wb = load_workbook(src)
    named_cell(wb, "sb_leader_mobile").value = "13908510001"
    corrected = tmp_path / "企业甲.xlsx"
    wb.save(corrected)
    os.replace(convert(corrected, "xls", tmp_path / "out"), apps / "企业甲.xls")
    os.replace(src, apps / "企业甲.xlsx")           # the county's written copy, newer on disk
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    (row,) = rows(summary)
    assert row["来源文件"] == "企业甲.xls" and "FIELD_MOBILE" not in (row["问题"] or ""), row
    assert "内容相同" not in said and "2个版本" in said, said
