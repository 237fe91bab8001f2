"""A city's 附件4 typed by hand (no sb_summary table), read alike by every job: ``review make --from`` it saved as
.xlsx was refused ("没有项目汇总表（名为 sb_summary 的表格）") while the same table saved as .xls was read by its header
with a note that the format had lost "本工具汇总表中的表格" — read what people have, saying what is missing."""
from __future__ import annotations

import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces import ribbon_actions as RA
from shibai_xl.faces.cli import main
from shibai_xl.jobs import review
from shibai_xl.jobs.province_stats import project_figures

from .libreoffice import convert
from .test_addin_next_steps import _ask, _said
from .test_ribbon_actions import open_remote, remote_engine  # noqa: F401 (the fixture)
from .test_summaries_real_world import PRINTED

NOW = datetime(2024, 5, 20, 9, 0)
# (县区, 企业名称, 项目类型, 年度交易额, 年度网络零售额, 市州评分, what the city typed in its verdict column)
PROJECTS = [
    ("红花岗区", "遵义甲电子商务有限公司", "园区", 32000, 3500, 90, "符合"),
    ("汇川区", "遵义乙电子商务有限公司", "基地", 8000, 1200, 85, "不符合"),
    ("播州区", "遵义丙电子商务有限公司", "企业", 1500, 300, 80, "同意推荐"),
    ("播州区", "遵义丁电子商务有限公司", "企业", 2500, 600, 70, "不推荐"),
    ("播州区", "遵义戊电子商务有限公司", "团队", 100, 60, 75, "✓"),
    ("播州区", "遵义己电子商务有限公司", "团队", 120, 70, 60, "×"),
    ("播州区", "遵义庚电子商务有限公司", "企业", 900, 400, 60, "未通过"),
    ("播州区", "遵义辛电子商务有限公司", "企业", 900, 400, 60, "合格"),
    ("播州区", "遵义壬电子商务有限公司", "企业", 900, 400, 60, "待补充材料"),
]
PASSED = {"遵义甲电子商务有限公司", "遵义丙电子商务有限公司", "遵义戊电子商务有限公司", "遵义辛电子商务有限公司"}
FAILED = {"遵义乙电子商务有限公司", "遵义丁电子商务有限公司", "遵义己电子商务有限公司", "遵义庚电子商务有限公司"}


def hand_typed(path: Path, verdict_title: str | None = "前置条件") -> Path:
    """附件4 as a clerk types it in Excel: a title, the printed header (and a verdict column of the city's own), the
    projects, a 合计 row and the 填报人 line."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "遵义市2024年电子商务“十百千万”工程示范项目汇总表"
    ws.append([*PRINTED, *([verdict_title] if verdict_title else [])])
    for i, (county, name, kind, trade, retail, score, verdict) in enumerate(PROJECTS, 1):
        ws.append([i, "遵义市", county, name, f"{county}某路{i}号", kind, "民企", "主要业绩" * 40, "张三", "13800000000",
                   trade, retail, score, *([verdict] if verdict_title else [])])
    last = 2 + len(PROJECTS)
    ws.append(["合计", *[None] * 9, f"=SUM(K3:K{last})", f"=SUM(L3:L{last})"])
    ws.append([])
    ws.append(["填报人：张三；联系方式：0851-88551234。"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("hand")
    xlsx = hand_typed(base / "遵义市汇总表.xlsx", verdict_title=None)
    return xlsx, convert(xlsx, "xls", base / "xls")


def test_review_make_reads_a_hand_typed_xlsx_by_its_header_as_its_xls(tables, tmp_path, capsys):
    xlsx, xls = tables
    from_xlsx = review.make(tmp_path / "xlsx", xlsx, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    from_xls = review.make(tmp_path / "xls", xls, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    assert [(p.name, p.type) for p in from_xlsx.projects] == [(p.name, p.type) for p in from_xls.projects]
    assert len(from_xlsx.projects) == len(PROJECTS) and from_xlsx.with_suggestion == 0
    for made in (from_xlsx, from_xls):
        said = made.describe()
        assert "手工填写的项目汇总表" in said and "建议分留空" in said and "均按待定" in said, said
        assert "保存不了本工具汇总表中的表格" not in said and "shibai refresh" in said, said
    assert main(["review", "make", str(tmp_path / "cli"), "--from", str(xlsx), "--experts", "甲,乙,丙"]) == 0
    assert "手工填写的项目汇总表" in capsys.readouterr().out


def test_the_review_button_in_a_hand_typed_xlsx_reads_it_and_says_the_refresh_button(tables, tmp_path,
                                                                                      monkeypatch):
    """专家评分表 in the open hand-typed 附件4: refused as "不是本工具的项目汇总表" while the command line reads it."""
    summary = tmp_path / "遵义市汇总表.xlsx"
    summary.write_bytes(tables[0].read_bytes())
    _ask(monkeypatch)
    book = open_remote(summary)
    RA.dispatch("sb_review_make", book)
    said = _said(book)
    assert "为 1 位专家生成评分表" in said and "手工填写的项目汇总表" in said, said
    assert "shibai" not in said and "刷新汇总表" in said, said


def _stats_by_verdict(path: Path) -> dict[str, int]:
    """The 统计 sheet of a city summary: 前置条件 → projects (its 合计 column)."""
    ws = load_workbook(path)["统计"]
    out = {}
    for row in ws.iter_rows(values_only=True):
        if row[0] in ("达标", "不达标", "待定", "待补充材料") and row[1] is not None:
            out[row[0]] = sum(v for v in row[1:5] if isinstance(v, int))
    return out


def test_one_hand_typed_table_is_read_alike_by_merge_refresh_statistics_and_review(tmp_path, demo_folder):
    """The city's own words in its 前置条件 column (符合, 不符合, 同意推荐, 不推荐, ✓, ×, 未通过, 合格): read as 达标 /
    不达标 by merge's 统计, the refresh's 统计 and review make alike — a 不推荐 row was counted 未检查 and went into the
    expert round as 待定; what no word says (待补充材料) is read as neither: 待定 in the province table (CONTRACT §3), its
    words in 市州备注, and named by review make from either table."""
    city = hand_typed(tmp_path / "遵义市汇总表.xlsx")
    province = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    figures = project_figures(load_workbook(province))
    assert Counter(str(f.status) for f in figures) == {"达标": 4, "不达标": 4, "待定": 1}
    assert sum(f.trade for f in figures) == sum(p[3] for p in PROJECTS)
    for source in (city, province):
        made = review.make(tmp_path / source.stem, source, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
        assert {p.name for p in made.projects} == PASSED | {"遵义壬电子商务有限公司"}, source
        assert {s.name for s in made.skipped if s.reason == "前置条件不达标"} == FAILED, source
        assert {p.name for p in made.projects if p.pending} == {"遵义壬电子商务有限公司"}, source
        assert "遵义壬电子商务有限公司”（前置条件：待补充材料）" in made.describe(), source
    refreshed = tmp_path / "刷新" / "遵义市汇总表.xlsx"
    refreshed.parent.mkdir()
    refreshed.write_bytes(city.read_bytes())
    apps = tmp_path / "刷新" / "申报表"
    apps.mkdir()
    shutil.copy(next((demo_folder / "申报表").glob("示范企业-贵州山珍优品*.xlsx")), apps)   # 达标, one 企业
    assert main(["refresh", str(refreshed), "--from", str(apps)]) == 0
    assert _stats_by_verdict(refreshed) == {"达标": 5, "不达标": 4, "待补充材料": 1}


@pytest.mark.parametrize("title", ["初审意见", "市（州）审核意见", "是否推荐", "市州意见", "市（州）商务主管部门意见"])
def test_a_row_the_city_did_not_recommend_in_its_own_column_is_no_project_of_the_round(title, tmp_path):
    """The city's verdict typed in a column of its own (初审意见：不推荐, ×): review make listed the row for the experts
    as 待定, silently — from the city's table as from the provincial one (its 市州备注). It is left out, saying why; a
    word that says neither (待补充材料) is listed 待定 and named in the report."""
    city = hand_typed(tmp_path / "遵义市汇总表.xlsx", verdict_title=title)
    province = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    xls = convert(city, "xls", tmp_path / "xls")
    for source in (city, xls, province):
        made = review.make(tmp_path / f"r-{source.stem}{source.suffix[1:]}", source, ["甲", "乙", "丙"], round_id="2024-05",
                           now=NOW)
        assert {p.name for p in made.projects} == PASSED | {"遵义壬电子商务有限公司"}, source
        assert {s.name for s in made.skipped} == FAILED, source
        said = made.describe()
        assert "市州意见" in said and "“不推荐”" in said and "遵义壬电子商务有限公司”（" in said, said
        assert "待补充材料）" in said and "无法识别为达标或不达标" in said, said


def test_a_row_withdrawn_in_the_citys_remarks_is_left_out_of_the_round_from_its_xls_too(tmp_path):
    """备注：已撤回 on a hand-typed 附件4 saved as .xls: its own columns were dropped when read by its header, and the
    withdrawn project went to the experts (merge leaves it out)."""
    city = hand_typed(tmp_path / "遵义市汇总表.xlsx", verdict_title="备注")
    wb = load_workbook(city)
    for row in wb.active.iter_rows(min_row=3):
        row[13].value = "企业已撤回（5月8日来函）" if row[3].value == "遵义甲电子商务有限公司" else None
    wb.save(city)
    made = review.make(tmp_path / "r", convert(city, "xls", tmp_path / "xls"), ["甲", "乙", "丙"], round_id="2024-05",
                       now=NOW)
    assert [(s.name, s.reason) for s in made.skipped] == [("遵义甲电子商务有限公司", "已撤回")]


@pytest.mark.parametrize("title", ["前置条件（达标/不达标）", "前置条件是否达标", "是否达标"])
def test_a_verdict_column_titled_in_the_citys_words_is_the_tables_qian_zhi_tiao_jian(title, tmp_path):
    """附件4's 前置条件 titled "前置条件（达标/不达标）": read as a remark of the city's only — merge's 统计 counted every
    project 未检查 and review make sent the 不达标 ones to the experts as 待定."""
    city = hand_typed(tmp_path / "遵义市汇总表.xlsx", verdict_title=title)
    province = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    assert Counter(str(f.status) for f in project_figures(load_workbook(province))) == {"达标": 4, "不达标": 4, "待定": 1}
    made = review.make(tmp_path / "r", city, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    assert {s.name: s.reason for s in made.skipped} == dict.fromkeys(FAILED, "前置条件不达标")


REMARKS = {"遵义乙电子商务有限公司": "不推荐", "遵义丁电子商务有限公司": "不符合申报条件，不推荐",
           "遵义庚电子商务有限公司": "初审不通过", "遵义己电子商务有限公司": "市州初审意见：不予推荐（材料不全）",
           "遵义甲电子商务有限公司": "推荐理由：园区规模大", "遵义丙电子商务有限公司": "不推荐的原因已整改",
           "遵义辛电子商务有限公司": "已实地核查", "遵义戊电子商务有限公司": "原不符合，整改后符合"}
NOT_RECOMMENDED = {n for n, v in REMARKS.items() if not v.startswith(("推荐理由", "不推荐的", "已实地", "原不"))}


def test_a_remark_that_plainly_says_not_recommended_leaves_the_row_out_as_a_verdict_column_does(tmp_path):
    """遵义市 typed its verdict in a plain 备注 column (“不推荐”, “不符合申报条件，不推荐”, “初审不通过”): review make sent
    those projects to the experts as 待定, while the same words under 初审意见 leave the row out. A 备注 that plainly is
    a negative verdict now has the same effect, from the city's table, its .xls and the province's 市州备注, the reason
    in the report and the plan's 未列入评审 list; a 备注 that merely holds such a word (“推荐理由：…”, “不推荐的原因已
    整改”) or says something else (“已实地核查”) leaves the row listed, and is not named as an unreadable verdict."""
    city = hand_typed(tmp_path / "遵义市汇总表.xlsx", verdict_title="备注")
    wb = load_workbook(city)
    for row in wb.active.iter_rows(min_row=3):
        row[13].value = REMARKS.get(row[3].value)
    wb.save(city)
    province = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    for source in (city, convert(city, "xls", tmp_path / "xls"), province):
        made = review.make(tmp_path / f"r-{source.stem}{source.suffix[1:]}", source, ["甲", "乙", "丙"],
                           round_id="2024-05", now=NOW)
        skipped = {s.name: s.reason for s in made.skipped}
        assert set(skipped) == NOT_RECOMMENDED, (source, skipped)
        assert skipped["遵义丁电子商务有限公司"] == "市州意见（备注）为“不符合申报条件，不推荐”", skipped
        said = made.describe()
        assert "无法识别为达标或不达标" not in said, said
        plan = load_workbook(next(made.round_dir.glob("评审安排*.xlsx")))
        listed = {r[1]: r[2] for ws in plan.worksheets for r in ws.iter_rows(values_only=True) if len(r) > 2}
        assert listed.get("遵义乙电子商务有限公司") == "市州意见（备注）为“不推荐”", listed


def _as_csv(xlsx: Path, csv_path: Path) -> Path:
    """The hand-typed 附件4 as the city saved it from Excel (“CSV（逗号分隔）”, GBK on Chinese Windows): its values."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in load_workbook(xlsx).active.iter_rows(values_only=True):
        writer.writerow(["" if v is None or str(v).startswith("=") else v for v in row])
    csv_path.write_bytes(out.getvalue().encode("gbk"))
    return csv_path


def test_review_make_reads_a_hand_typed_summary_sent_as_csv_as_merge_does(tables, tmp_path, capsys):
    """``review make --from 遵义市汇总表.csv``: refused “这是文本文件（.csv）……请另存为”, while merge reads the same
    CSV. Read by its 附件4 header through merge's reader, with the hand-typed 附件4's notes (no 来源文件, no
    suggested scores)."""
    sent = _as_csv(tables[0], tmp_path / "遵义市汇总表.csv")
    made = review.make(tmp_path / "csv", sent, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    from_xlsx = review.make(tmp_path / "xlsx", tables[0], ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    assert [(p.name, p.type) for p in made.projects] == [(p.name, p.type) for p in from_xlsx.projects]
    assert made.with_suggestion == 0
    said = made.describe()
    assert "手工填写的项目汇总表" in said and "建议分留空" in said and "另存为" not in said, said
    assert main(["review", "make", str(tmp_path / "cli"), "--from", str(sent), "--experts", "甲,乙,丙"]) == 0, \
        capsys.readouterr()
    assert "手工填写的项目汇总表" in capsys.readouterr().out


def test_the_review_button_in_a_csv_summary_open_in_excel_reads_it(tables, tmp_path, monkeypatch):
    """专家评分表 with the city's 汇总表.csv open in Excel: the saved CSV is what it reads, never “另存为”."""
    from .test_ribbon_actions import payload

    sent = _as_csv(tables[0], tmp_path / "遵义市汇总表.csv")
    shown = tmp_path / "shown.xlsx"
    wb = load_workbook(tables[0])
    wb.active.title = "遵义市汇总表"    # Excel names a CSV's one sheet after the file
    for row in wb.active.iter_rows():
        for c in row:                   # what Excel makes of the text as it opens it: a mobile a number, a 批次 a date
            if isinstance(c.value, str) and c.value.isdigit():
                c.value = int(c.value)
    wb.active["N2"], wb.active["N3"] = "批次", datetime(2024, 5, 1)
    wb.save(shown)
    lines = sent.read_bytes().decode("gbk").split("\r\n")
    lines[1], lines[2] = lines[1] + ",批次", lines[2] + ",2024-05"
    sent.write_bytes("\r\n".join(lines).encode("gbk"))
    _ask(monkeypatch)
    import xlwings as xw

    book = xw.Book(json=payload(shown, name=str(sent)))
    RA.dispatch("sb_review_make", book)
    said = _said(book)
    assert "为 1 位专家生成评分表" in said and "手工填写的项目汇总表" in said and "另存为" not in said, said


def test_the_review_button_of_the_wps_add_in_on_a_csv_summary_reads_it(tables, tmp_path, monkeypatch):
    """The WPS add-in sends the open CSV's path: the file is read as merge reads it."""
    from shibai_xl.jobs import actions

    sent = _as_csv(tables[0], tmp_path / "遵义市汇总表.csv")
    view = actions.request_view(str(sent))
    outcome = actions.review_make(view, actions.Inputs(ask=lambda prompt: "甲"))
    assert "为 1 位专家生成评分表" in outcome.message and "手工填写的项目汇总表" in outcome.message, outcome.message
