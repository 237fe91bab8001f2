"""The README's promise: a later year's notice is a new year file, not a code change.

A copy of ``y2024.toml`` made into 2025 (higher team threshold, a stricter 附件5 criterion, new
titles) is chosen with ``SHIBAI_RULES``, the one documented way; ``shibai new``, ``check`` and
``refresh`` then follow it, and the same workbook checked under 2024 and 2025 gets each year's
verdict. The choice comes from the user's environment only, never from a workbook.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from shibai_xl.adapters.xlsx.filler import fill
from shibai_xl.faces.cli import main
from shibai_xl.rules import ENV, load
from tests.conftest import ROOT, all_materials, example

YEAR_FILE = ROOT / "shibai_xl" / "rules" / "y2024.toml"
TEAM_2024, TEAM_2025 = 500, 800            # 年度直播销售额 threshold, 万元
FANS_2024, FANS_2025 = 1000000, 2000000    # 附件5 team 2.1.2 粉丝总数
FORM_2025 = "2025年电商直播团队申报表"


def _swap(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def make_2025(folder: Path) -> Path:
    """y2024.toml edited the way a new notice would be: year, titles, a threshold, a criterion."""
    text = YEAR_FILE.read_text("utf-8")
    text = _swap(text, "year = 2024", "year = 2025")
    text = _swap(text, 'title = "贵州省2024年', 'title = "贵州省2025年')
    text = _swap(text, 'summary_title = "{city}2024年', 'summary_title = "{city}2025年')
    text = _swap(text, 'province_title = "贵州省2024年', 'province_title = "贵州省2025年')
    text = _swap(text, 'application_window = ["2024-04", "2024-12"]', 'application_window = ["2024-04", "2025-12"]')
    text = _swap(text, 'form_title = "电商直播团队申报表"', f'form_title = "{FORM_2025}"')
    text = _swap(text, f'{{ code = "ELIG_LIVE_SALES", field = "sb_live_sales", op = ">=", value = {TEAM_2024},',
                 f'{{ code = "ELIG_LIVE_SALES", field = "sb_live_sales", op = ">=", value = {TEAM_2025},')
    text = _swap(text, "年度直播销售额达到 500 万以上", "年度直播销售额达到 800 万以上", 2)
    text = _swap(text, f'{{ field = "sb_fans", op = ">=", value = {FANS_2024} }}',
                 f'{{ field = "sb_fans", op = ">=", value = {FANS_2025} }}')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "y2025.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def year_2025(tmp_path, monkeypatch):
    path = make_2025(tmp_path / "规则")
    monkeypatch.setenv(ENV, str(path))
    return path


def _team(folder: Path, name: str = "团队.xlsx") -> Path:
    """A team application made with ``shibai new`` under the rules in force, filled as a person would."""
    path = folder / name
    assert main(["new", "直播团队", "--out", str(path)]) == 0
    wb = load_workbook(path)
    # 780万 and 185万 fans: enough for 2024, not for 2025
    fill(wb, example("team", sb_live_sales=780, sb_fans=1850000, sb_fans_1m="否"), None, all_materials(load()))
    wb.save(path)
    return path


def _check(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _fans_item(j: dict) -> dict:
    return next(i for i in j["score"]["items"] if i["id"] == "2.1.2")


def test_the_2025_file_is_used_by_new_check_and_refresh(year_2025, tmp_path, monkeypatch, capsys):
    assert load().year == 2025
    apps = tmp_path / "申报表"
    apps.mkdir()
    team = _team(apps)
    ws = load_workbook(team)["申报表"]
    assert ws["A1"].value == FORM_2025                                   # the template's title

    j = _check(team, capsys)
    assert j["eligible"] is False                                        # 780万 < 800万
    live = next(f for f in j["findings"] if f["code"] == "ELIG_LIVE_SALES")
    assert "800" in live["message"]
    assert _fans_item(j)["auto"] == 0                                    # 185万 fans < 200万

    summary = tmp_path / "安顺市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "安顺市"]) == 0
    sheet = load_workbook(summary).worksheets[0]
    assert sheet["A1"].value == "安顺市2025年电商“十百千万”工程示范项目汇总表"
    assert [c.value for c in sheet[4]][13] == "不达标"                   # 前置条件, after 附件4's 13 columns

    blank = tmp_path / "空白汇总表.xlsx"
    assert main(["new", "summary", "--out", str(blank)]) == 0
    assert load_workbook(blank).worksheets[0]["A1"].value == "XX市（州）2025年电商“十百千万”工程示范项目汇总表"

    capsys.readouterr()
    assert main(["check", str(team)]) == 0
    assert "2025年十百千万工程示范项目示范直播团队申报资料.pdf" in capsys.readouterr().out   # upload name

    # the same files under the package's own 2024 file: each year's verdict, and the refresh redoes it
    monkeypatch.delenv(ENV)
    assert load().year == 2024
    j = _check(team, capsys)
    assert j["eligible"] is True and _fans_item(j)["auto"] == 15
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "安顺市"]) == 0
    assert [c.value for c in load_workbook(summary).worksheets[0][4]][13] == "达标"


def test_a_workbook_cannot_choose_the_rules(tmp_path, monkeypatch, capsys):
    """A submitted workbook that says 2025 (sb_year) or sits next to a y2025.toml is still checked by
    the rules the person running the tool chose."""
    monkeypatch.delenv(ENV, raising=False)
    folder = tmp_path / "来件"
    folder.mkdir()
    team = _team(folder)
    make_2025(folder)
    wb = load_workbook(team)
    wb.defined_names["sb_year"] = DefinedName("sb_year", attr_text='"2025"')
    wb.save(team)
    monkeypatch.chdir(folder)
    assert _check(team, capsys)["eligible"] is True


@pytest.mark.parametrize("value,word", [("/nowhere/y2031.toml", "无法读取规则文件"), ("2031", "没有2031年的规则文件")])
def test_a_wrong_choice_is_a_refusal_with_a_chinese_message(make_workbook, monkeypatch, capsys, value, word):
    path = make_workbook("team")
    monkeypatch.setenv(ENV, value)
    capsys.readouterr()
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert word in err and "Traceback" not in err and "No such file" not in err


def test_a_broken_year_file_is_a_refusal(make_workbook, tmp_path, monkeypatch, capsys):
    path = make_workbook("team")
    broken = make_2025(tmp_path / "规则")
    broken.write_text(broken.read_text("utf-8").replace("[residents]", "[residentz]"), "utf-8")
    monkeypatch.setenv(ENV, str(broken))
    capsys.readouterr()
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "规则文件" in err and "residents" in err and "Traceback" not in err and "KeyError" not in err


def test_a_year_file_with_a_typo_says_where_in_chinese(make_workbook, tmp_path, monkeypatch, capsys):
    path = make_workbook("team")
    broken = make_2025(tmp_path / "规则")
    broken.write_text("[types\n" + broken.read_text("utf-8"), "utf-8")
    monkeypatch.setenv(ENV, str(broken))
    capsys.readouterr()
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "TOML 格式有误（第 1 行" in err and "Expected" not in err


HELP_EXAMPLES = [["new"], ["refresh"], ["review", "make"]]   # --title, --batch, --round: examples with a year


def _help(command: list[str], capsys) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        main([*command, "--help"])
    assert ended.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", HELP_EXAMPLES)
def test_the_help_examples_follow_the_year_file(year_2025, command, capsys):
    """`shibai new -h` under the 2025 file showed “贵阳市2024年…汇总表” and 批次“2024-05”: the examples now take the
    year file's year (and its summary title)."""
    shown = _help(command, capsys)
    assert "2024" not in shown and "2025" in shown, shown


@pytest.mark.parametrize("command", HELP_EXAMPLES)
def test_the_help_examples_under_the_2024_file_are_unchanged(command, capsys):
    shown = _help(command, capsys)
    assert "贵阳市2024年电商“十百千万”工程示范项目汇总表" in shown or "2024-05" in shown, shown


def test_the_help_still_shows_under_a_broken_year_file(tmp_path, monkeypatch, capsys):
    broken = make_2025(tmp_path / "规则")
    broken.write_text("[types\n" + broken.read_text("utf-8"), "utf-8")
    monkeypatch.setenv(ENV, str(broken))
    shown = _help(["refresh"], capsys)
    assert "--batch" in shown and "Traceback" not in shown


def _demo_dates(folder: Path, capsys) -> list[tuple[str, str]]:
    """`shibai demo` into ``folder``, then `check --json` of what it made: its 日期/统计期 findings (file, code)."""
    assert main(["demo", "--out", str(folder)]) == 0
    capsys.readouterr()
    made = sorted((folder / "申报表").glob("*.xlsx"))
    assert len(made) == 6
    main(["check", *map(str, made), "--json"])
    return [(r["file"], f["code"]) for r in json.loads(capsys.readouterr().out) for f in r["findings"]
            if f["code"] in ("FIELD_DATE", "FIELD_PERIOD")]


def test_the_demo_is_filled_in_the_year_file_s_year(tmp_path, monkeypatch, capsys):
    """`shibai demo` under a 2025 file (一、申报时间 2025年4月-12月) filled 填表时间 2024-04-15 and 统计期 2023: every
    example got FIELD_DATE (outside the window). Its dates now follow the year file's year: the same date findings
    as under 2024 (the flawed base's 成立不足一年 only), 填表时间 2025-04-15."""
    monkeypatch.delenv(ENV, raising=False)
    in_2024 = _demo_dates(tmp_path / "2024", capsys)
    text = make_2025(tmp_path / "规则").read_text("utf-8")
    text = _swap(text, 'application_window = ["2024-04", "2025-12"]', 'application_window = ["2025-04", "2025-12"]')
    text = _swap(text, 'application_window_text = "2024年4月-12月"', 'application_window_text = "2025年4月-12月"')
    path = tmp_path / "规则" / "y2025.toml"
    path.write_text(text, "utf-8")
    monkeypatch.setenv(ENV, str(path))
    assert _demo_dates(tmp_path / "2025", capsys) == in_2024
    assert all(code == "FIELD_PERIOD" and "问题示例" in file for file, code in in_2024), in_2024
    made = sorted((tmp_path / "2025" / "申报表").glob("*.xlsx"))[0]
    wb = load_workbook(made)
    sheet, cell = next(iter(wb.defined_names["sb_fill_date"].destinations))
    assert str(wb[sheet][cell.replace("$", "")].value).startswith("2025-04-15")


def test_the_help_examples_name_a_month_the_year_file_accepts(tmp_path, monkeypatch, capsys):
    """`shibai refresh -h` gave “例如 2025-05（或 5月、第一批）” for --batch under a notice opening in June (rounds 7月、
    10月、12月): the month was written in code, and the example itself was refused. It is the first review round."""
    path = make_2025(tmp_path / "规则")
    text = _swap(path.read_text("utf-8"), "review_months = [5, 8, 12]", "review_months = [7, 10, 12]")
    path.write_text(_swap(text, 'application_window = ["2024-04", "2025-12"]', 'application_window = ["2025-06", "2025-12"]'),
                    "utf-8")
    monkeypatch.setenv(ENV, str(path))
    assert "例如2025-07（或7月、第一批）" in _help(["refresh"], capsys).replace("\n", "").replace(" ", "")
    assert "例如 2025-07" in _help(["review", "make"], capsys)


def test_formulas_follow_an_edit_of_the_year_file_without_restarting_excel(tmp_path, monkeypatch):
    """Excel's SB_ formulas run in one Python for as long as Excel is open, the buttons in a new one each click: a
    threshold edited in the year file in force reached 检查本申报表 but SB_THRESHOLD and SB_ELIGIBLE kept the old one
    until Excel was restarted — the formula said 达标 where the button said 不达标 (QA). A formula reads the file
    again when it has changed since it was read."""
    import os
    from datetime import date

    from shibai_xl.faces import udf_functions as U

    path = make_2025(tmp_path / "规则")
    monkeypatch.setenv(ENV, str(path))
    assert U.threshold("直播团队", "直播销售额") == TEAM_2025
    assert U.eligible("直播团队", date(2020, 1, 1), date(2025, 4, 15), 850) == "达标"
    path.write_text(_swap(path.read_text("utf-8"), f"value = {TEAM_2025},", "value = 900,"), "utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))   # a later save, whatever the clock's grain
    assert U.threshold("直播团队", "直播销售额") == 900
    assert U.eligible("直播团队", date(2020, 1, 1), date(2025, 4, 15), 850) == "不达标"


def test_a_year_file_without_the_review_defaults_is_refused_naming_them(make_workbook, tmp_path, monkeypatch, capsys):
    team = make_workbook("team")
    rules = tmp_path / "y2025.toml"
    rules.write_text(_swap(YEAR_FILE.read_text("utf-8"), "review_pass_line = 60", "# review_pass_line = 60"), "utf-8")
    monkeypatch.setenv(ENV, str(rules))
    assert main(["check", str(team)]) == 2
    err = capsys.readouterr().err
    assert "review_pass_line" in err and "Traceback" not in err
