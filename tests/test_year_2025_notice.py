"""The commands and faces under a 2025 year file as the province would publish it (``tests/notice_2025.py``): every
fact of the notice comes from the file, none is kept from 2024 in code. 2024 itself is covered unchanged by the
rest of the suite."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import fill
from shibai_xl.examples import EXAMPLES, in_year
from shibai_xl.faces.cli import main
from shibai_xl.rules import ENV, load
from tests.conftest import all_materials
from tests.notice_2025 import CERT_LABEL, make_2025
from tests.test_year_file import _check  # check --json, exit 0


@pytest.fixture
def year_2025(tmp_path, monkeypatch):
    path = make_2025(tmp_path / "规则")
    monkeypatch.setenv(ENV, str(path))
    return path


def _team(folder: Path, name: str = "团队.xlsx", **changes) -> Path:
    """``shibai new team`` under the rules in force, filled as a person would (the examples moved into 2025)."""
    path = folder / name
    assert main(["new", "team", "--out", str(path)]) == 0
    wb = load_workbook(path)
    rules = load()
    fill(wb, {**in_year(EXAMPLES["team"], rules.year), **changes}, None, all_materials(rules))
    wb.save(path)
    return path


def test_a_question_the_year_file_adds_is_on_the_form_and_scored(year_2025, tmp_path, capsys):
    """A 是/否 question the 2025 file adds for the team (主播持证上岗, 附件5 2.2.2) was on no sheet of ``shibai new team``:
    ``check`` then asked “必填项为空：主播持证上岗…请在申报表填写” of a form with no such cell, and the item was 0 分 for
    every team. It is printed in its 附件5 group (企业资质) and read and scored like the others."""
    path = _team(tmp_path)
    wb = load_workbook(path)
    sheet, cell = next(iter(wb.defined_names["sb_anchor_cert"].destinations))
    ws = wb[sheet]
    at = ws[cell.replace("$", "")]
    assert sheet == "申报表" and ws.cell(at.row, 2).value == f"9. {CERT_LABEL}"
    assert ws.cell(at.row - 1, 2).value.startswith("7. 取得相应的经营批准证书")      # under 企业资质, after item 7
    j = _check(path, capsys)
    assert not [f for f in j["findings"] if f.get("field") == "sb_anchor_cert"]
    at.value = "是"
    wb.save(path)
    j = _check(path, capsys)
    item = next(i for i in j["score"]["items"] if i["id"] == "2.2.2")
    assert (item["auto"], item["max"]) == (5, 5)
    assert not [f for f in j["findings"] if f.get("field") == "sb_anchor_cert"]


def test_the_province_table_is_known_by_the_year_files_title(year_2025, tmp_path, capsys):
    """The 2025 file titles the provincial table “贵州省2025年…推荐汇总表” (no 全省): in Excel and WPS it was taken for a
    city's summary — 刷新汇总表 on it looked for applications, 合并市州汇总 wrote a second 全省项目汇总表.xlsx beside it
    and listed the open table itself as an unreadable city summary (合计不完整)."""
    from shibai_xl.adapters.view import PROVINCE, FileBook
    from shibai_xl.jobs import actions

    apps = tmp_path / "申报表"
    apps.mkdir()
    _team(apps)
    folder = tmp_path / "省厅"
    folder.mkdir()
    city = folder / "安顺市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市", "--batch", "2025-04"]) == 0
    province = folder / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    assert load_workbook(province).worksheets[0]["A1"].value == "贵州省2025年电子商务“十百千万”工程示范项目推荐汇总表"
    with FileBook(province) as book:
        assert book.kind() == PROVINCE
        assert "这是全省汇总表" in actions.refresh(book).message
    with FileBook(province) as book:
        outcome = actions.merge(book)
    assert "不完整" not in outcome.message and sorted(p.name for p in folder.glob("*.xlsx")) == ["全省.xlsx", "安顺市汇总表.xlsx"]


def test_a_question_the_year_file_drops_is_left_off_the_form(tmp_path, monkeypatch, make_workbook, capsys):
    """A 2025 file that drops the park's question 6 (三流合一, its 附件5 item gone) from ``[contract]`` ended ``shibai
    new park``, ``check`` of a park's form and ``shibai demo`` in 程序内部错误 (exit 3): the form's layout asked the
    year file for the field. The question is left off the form, and a form that still asks it is read without it."""
    made_2024 = make_workbook("park")
    path = make_2025(tmp_path / "规则")
    text = "\n".join(line for line in path.read_text("utf-8").splitlines() if '"sb_platform_three_flows"' not in line)
    path.write_text(text + "\n", "utf-8")
    monkeypatch.setenv(ENV, str(path))
    form = tmp_path / "园区.xlsx"
    assert main(["new", "park", "--out", str(form)]) == 0
    wb = load_workbook(form)
    assert "sb_platform_three_flows" not in wb.defined_names
    assert not [c.value for c in wb["申报表"]["B"] if c.value and "三合一" in str(c.value)]
    capsys.readouterr()
    assert main(["check", str(made_2024), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["score"]["max"] == 120
    assert main(["demo", "--out", str(tmp_path / "示例")]) == 0
