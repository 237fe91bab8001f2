"""A project row a city clerk pastes into the 项目汇总表 without its 统一社会信用代码 and with the company name short of
its “贵州”/“贵州省” is the application's row at the next refresh (and merge): one row, counted once, the clerk's
市州评分 kept and the match said — a company whose name merely ends the same is not taken for it."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.acceptance import helpers
from tests.acceptance.helpers import assert_no_traceback, make_app, run, uscc


@pytest.fixture(autouse=True)
def _templates(tmp_path_factory):
    """The `shibai new` templates the acceptance helpers copy (as tests/acceptance/conftest.py sets them up)."""
    if not helpers.TEMPLATE_CACHE:
        helpers.TEMPLATE_CACHE[:] = [tmp_path_factory.mktemp("templates")]


def _refresh(summary, folder):
    done = run("refresh", summary, "--from", folder, "--batch", "2024-05", "--city", "贵阳")
    assert_no_traceback(done)
    assert done.returncode == 0, done.stderr
    return done


def _paste(summary, name: str) -> tuple[int, dict[str, int]]:
    """The clerk pastes a project row under the table (Excel takes it in): no code, no 来源文件, their 市州评分."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    col = {c.value: c.column for c in ws[3] if c.value}
    row = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    for column, value in {"序号": 2, "市（州）": "贵阳市", "县区": "南明区", "企业名称": name, "项目类型": "企业",
                          "企业性质": "民企", "年度交易额（万元）": 1500, "年度网络零售额（万元）": 200,
                          "市州评分": 85}.items():
        ws.cell(row, col[column]).value = value
    table.ref = table.ref.rstrip("0123456789") + str(row)
    wb.save(summary)
    return row, col


def _rows_named(summary, part: str) -> list[int]:
    ws = load_workbook(summary)["项目汇总表"]
    col = {c.value: c.column for c in ws[3] if c.value}
    return [r for r in range(4, ws.max_row + 1) if part in str(ws.cell(r, col["企业名称"]).value or "")]


def _round(tmp_path, applied: str, pasted: str):
    folder = tmp_path / "申报表"
    folder.mkdir()
    make_app(folder, "enterprise", "企业0.xlsx", sb_name="贵阳云岩电子商务有限公司",
             sb_uscc=uscc("91", "520102", "MA6HR0000"), sb_city="贵阳市", sb_county="南明区")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    _refresh(summary, folder)
    row, col = _paste(summary, pasted)
    make_app(folder, "enterprise", "茶香.xlsx", sb_name=applied, sb_uscc=uscc("91", "520102", "MA6HR0001"),
             sb_city="贵阳市", sb_county="南明区")
    return folder, summary, row, col


@pytest.mark.parametrize(("applied", "pasted"), [("贵州筑城茶香电子商务有限公司", "筑城茶香电子商务有限公司"),
                                                 ("贵州省筑城茶香电子商务有限公司", "贵州筑城茶香电子商务有限公司")])
def test_a_pasted_row_short_of_guizhou_is_the_applications_row(tmp_path, applied, pasted):
    folder, summary, row, col = _round(tmp_path, applied, pasted)
    again = _refresh(summary, folder)
    assert _rows_named(summary, "筑城茶香") == [row], again.stdout
    ws = load_workbook(summary)["项目汇总表"]
    assert ws.cell(row, col["来源文件"]).value == "茶香.xlsx"
    assert ws.cell(row, col["市州评分"]).value == 85
    assert ws.cell(row, col["状态"]).value != "已撤回"
    assert f"第{row}行" in again.stdout and "茶香.xlsx" in again.stdout and "“贵州”" in again.stdout, again.stdout

    province = tmp_path / "全省.xlsx"
    merged = run("merge", province, summary)
    assert merged.returncode == 0, merged.stderr
    assert "贵阳市 2 项" in merged.stdout, merged.stdout


def test_a_company_whose_name_merely_ends_the_same_is_not_matched(tmp_path):
    folder, summary, row, col = _round(tmp_path, "贵州甲电子商务有限公司", "乙甲电子商务有限公司")
    again = _refresh(summary, folder)
    assert len(_rows_named(summary, "甲电子商务")) == 2, again.stdout
    ws = load_workbook(summary)["项目汇总表"]
    assert ws.cell(row, col["企业名称"]).value == "乙甲电子商务有限公司"
    assert ws.cell(row, col["市州评分"]).value == 85


def test_the_province_matches_a_city_row_that_lost_its_guizhou_and_code(tmp_path):
    """Merged once with the application's name and code; the city's table re-sent with the row's name short of 贵州
    and its code blanked: the province's row is that row, not a second project of 贵阳市."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    make_app(folder, "enterprise", "茶香.xlsx", sb_name="贵州筑城茶香电子商务有限公司",
             sb_uscc=uscc("91", "520102", "MA6HR0001"), sb_city="贵阳市", sb_county="南明区")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    _refresh(summary, folder)
    province = tmp_path / "全省.xlsx"
    assert run("merge", province, summary).returncode == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    col = {c.value: c.column for c in ws[3] if c.value}
    (r,) = [r for r in range(4, ws.max_row + 1) if ws.cell(r, col["企业名称"]).value == "贵州筑城茶香电子商务有限公司"]
    ws.cell(r, col["企业名称"]).value = "筑城茶香电子商务有限公司"
    ws.cell(r, col["统一社会信用代码"]).value = None
    wb.save(summary)
    merged = run("merge", province, summary)
    assert_no_traceback(merged)
    assert merged.returncode == 0, merged.stderr
    assert "贵阳市 1 项" in merged.stdout, merged.stdout
    assert len(_rows_named(province, "筑城茶香")) == 1, merged.stdout
