"""An applicant without a 统一社会信用代码 corrects the 企业名称 in the same form file (贵州山珍优品电子商务有线公司 →
…有限公司): the city's next refresh keeps the clerk's row (its 市州评分) with the corrected name and says so — the row
was withdrawn as “现在是另一个项目的申报表” and the project added again. Real forms (``shibai new`` filled as an
applicant does), the real ``shibai refresh``."""
from __future__ import annotations

import shutil
from datetime import datetime

from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import refresh
from tests.conftest import example
from tests.test_refresh import rows
from tests.test_refresh_clerk_edits import ENTERPRISE, _edit

TYPO = "贵州山珍优品电子商务有线公司"


def _scored(tmp_path, make_workbook, name):
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_uscc=..., sb_name=name)), apps / "企业.xlsx")
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=datetime(2024, 5, 10, 9, 0))
    _edit(summary, lambda ws, table, header, row_of: setattr(ws.cell(row_of[name], header["市州评分"]), "value", 91))
    return apps, summary


def test_a_name_the_applicant_corrected_in_the_same_form_keeps_the_clerks_row(tmp_path, make_workbook, capsys):
    apps, summary = _scored(tmp_path, make_workbook, TYPO)
    shutil.move(make_workbook("enterprise", example("enterprise", sb_uscc=..., sb_name=ENTERPRISE)), apps / "企业.xlsx")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out.replace("\n", "")
    got = rows(summary)
    assert [(r["企业名称"], r["状态"]) for r in got if r["来源文件"] == "企业.xlsx"] == [(ENTERPRISE, "有效")], got
    row = next(r for r in got if r["来源文件"] == "企业.xlsx")
    assert row["市州评分"] == 91 and TYPO in row["问题"] and ENTERPRISE in row["问题"], row
    assert "新增 0 行" in out and "标记已撤回 0 行" in out and "现在是" not in out and TYPO in out and "认作同一项目" in out, out
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0     # again: the same row, nothing said
    assert TYPO not in capsys.readouterr().out and len(rows(summary)) == 2


def test_another_company_in_the_same_file_is_still_another_project(tmp_path, make_workbook, capsys):
    """The file now holds 贵州山珍优选电子商务 (one character apart, another contact and address): not taken for the
    old row, which is withdrawn as the file's former project, said as before."""
    apps, summary = _scored(tmp_path, make_workbook, ENTERPRISE)
    other = "贵州山珍优选电子商务有限公司"
    shutil.move(make_workbook("enterprise", example("enterprise", sb_uscc=..., sb_name=other, sb_contact="赵六",
                                                    sb_contact_phone="13900000000", sb_address="贵阳市白云区白云大道4号")),
                apps / "企业.xlsx")
    capsys.readouterr()
    main(["refresh", str(summary), "--from", str(apps)])
    got = {r["企业名称"]: r for r in rows(summary)}
    assert got[ENTERPRISE]["状态"] == "已撤回" and got[ENTERPRISE]["市州评分"] == 91, got
    assert got[other]["状态"] == "有效" and got[other]["市州评分"] is None, got
    assert "认作同一项目" not in capsys.readouterr().out
