"""``review collect`` as a provincial office runs it (QA qa76b): the round folder as the experts' returns leave it,
and the terminal's two streams read apart, as a script that keeps ``2> 错误.txt`` reads them. Real round made by
``review make`` from a real summary, scores typed with openpyxl, the real CLI."""
from __future__ import annotations

import shutil

import pytest

from shibai_xl.faces.cli import main

from .test_review import PARK_BJ, results, scored_round, sheet_values, type_scores


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    return scored_round(tmp_path_factory.mktemp("office"))


def _round(issued, tmp_path):
    d = tmp_path / "第一轮"
    shutil.copytree(issued, d)
    return d


def test_stderr_read_apart_lists_the_unread_book_and_the_scores_not_counted(issued, tmp_path, capsys):
    """丙's workbook came back cut short (a mail client's broken download): the result is written and the exit code is
    1, but stderr said only “注意：评审结果不完整（退出码 1）” — a script keeping stderr apart (CONTRACT §4: the
    inputs not read are listed there, as refresh and merge list them) learnt neither which file nor why. It lists the
    file with its reason, and the scores of returned books not counted (乙 left an item of 园区02 blank)."""
    d = _round(issued, tmp_path)
    book = d / "专家评分表-丙.xlsx"
    book.write_bytes(book.read_bytes()[:3000])
    assert main(["review", "collect", str(d), "--out", str(tmp_path / "评审结果.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "注意：评审结果不完整（退出码 1）：" in err, err
    assert "  • 专家评分表-丙.xlsx：文件已损坏或不完整" in err, err
    assert f"  • 园区02 {PARK_BJ}：专家乙：" in err and "未评分" in err, err
    assert "专家丙的评分表无法读取" not in err, err   # said once, by its file, not again on each project


def test_stderr_read_apart_names_an_expert_who_sent_nothing(issued, tmp_path, capsys):
    d = _round(issued, tmp_path)
    (d / "专家评分表-丙.xlsx").unlink()
    assert main(["review", "collect", str(d), "--out", str(tmp_path / "评审结果.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "  • 专家丙未提交评分表" in err and err.count("专家丙") == 1, err


@pytest.mark.parametrize("lock", ["~$专家评分表-乙.xlsx", ".~lock.专家评分表-乙.xlsx#"])
def test_a_book_open_in_wps_or_libreoffice_is_said_to_be_read_as_saved(issued, tmp_path, capsys, lock):
    """The clerk had 乙's workbook open in WPS (or LibreOffice) to look at it, maybe typing a score the expert phoned
    in, when collecting: refresh and ``check`` name an application open beside its lock file, ``review collect`` said
    nothing and read the saved file — what was typed in the open window was silently left out. It names the book,
    in the terminal and the 评审说明 sheet; the exit code stays what the scores make it."""
    d = _round(issued, tmp_path)
    (d / lock).write_bytes(b"\x06zhangsan")
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(d), "--out", str(out)])
    said = capsys.readouterr().out.replace("\n", "")
    assert "以下专家评分表正被 Excel/WPS 等打开（旁边有锁文件）：专家评分表-乙.xlsx。读取的是它们已保存的内容" in said, said
    assert "保存（Ctrl+S）后再汇总" in said and "专家评分表-甲.xlsx、" not in said
    notes = " ".join(str(c) for row in sheet_values(out, "评审说明") for c in row if c)
    assert "正被 Excel/WPS 等打开（旁边有锁文件）：专家评分表-乙.xlsx" in notes, notes


def test_review_make_names_the_city_whose_row_of_a_project_two_cities_sent_is_left_out(tmp_path, capsys):
    """贵阳 and 遵义 both sent 贵州同名电商有限公司 (no credit code): merge marks both rows XC_CROSS_APP and counts it
    once, for 贵阳; review make lists it once — but said only “重复 1 个”, and the 评审安排 “与“贵州同名电商有限公司”
    重复”, a name repeating itself: which city's row the experts score was nowhere. Both name the two cities."""
    from .test_merge_review_rounds import city

    twin = ("贵州同名电商有限公司", "企业", 3000, "2024-05", "达标")
    gy = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("南明区", *twin), ("云岩区", "贵阳乙电商有限公司", "企业", 2500,
                                                                         "2024-05", "达标")])
    zy = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("红花岗区", *twin)])
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(gy), str(zy)]) == 0
    capsys.readouterr()
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(tmp_path / "全省.xlsx"), "--experts", "甲,乙,丙"]) == 0
    said = capsys.readouterr().out
    why = "与贵阳市报送的“贵州同名电商有限公司”重复（同一类型同一企业；本行为遵义市报送，评审列入贵阳市的一行）"
    assert f"  • 贵州同名电商有限公司：{why}" in said, said
    plan = [[c for c in row if c] for row in sheet_values(rdir / "评审安排.xlsx", "评审安排")]
    assert ["贵州同名电商有限公司", why] in plan, plan
    assert ["企业01", "贵州同名电商有限公司", "企业", "贵阳市"] in [r[:4] for r in plan]


def test_an_expert_of_the_other_city_that_sent_a_project_is_recused_from_it_too(tmp_path, capsys):
    """贵阳 and 遵义 both sent 贵州同名电商有限公司; the round lists it once, in 贵阳's row. Only 贵阳's expert 甲 was
    recused: 遵义's expert 乙 scored a project his own city recommended. He is recused too, in his workbook (the
    round's 回避, counted so by collect) and the 评审安排 says why."""
    from .test_merge_review_rounds import city

    twin = ("贵州同名电商有限公司", "企业", 3000, "2024-05", "达标")
    gy = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("南明区", *twin), ("云岩区", "贵阳乙电商有限公司", "企业", 2500,
                                                                         "2024-05", "达标")])
    zy = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("红花岗区", *twin)])
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(gy), str(zy)]) == 0
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(tmp_path / "全省.xlsx"), "--experts", "甲,乙,丙",
                 "--expert-cities", "甲=贵阳市,乙=遵义市"]) == 0
    capsys.readouterr()
    plan = [[c for c in row if c not in (None, "")] for row in sheet_values(rdir / "评审安排.xlsx", "评审安排")]
    experts = {r[0]: r for r in plan if r and r[0] in ("甲", "乙", "丙")}
    assert experts["乙"][-1] == "企业01" and experts["乙"][3:5] == [1, 1], experts
    assert "丙" in experts and len(experts["丙"]) == 5, experts        # no recusal: no 回避项目 listed
    row = next(r for r in plan if r[:2] == ["企业01", "贵州同名电商有限公司"])
    assert "甲、乙（遵义市也报送了本项目）" in row, row
    type_scores(rdir / "专家评分表-乙.xlsx", {"贵州同名电商有限公司": {}, "贵阳乙电商有限公司": {}})   # he scored it anyway
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(rdir), "--out", str(out)])
    got = results(out)["贵州同名电商有限公司"]
    assert got["专家乙"] == "回避" and "专家乙需回避（遵义市也报送了本项目），其填写的评分未计入" in got["问题"], got
    assert results(out)["贵阳乙电商有限公司"]["专家乙"] == 100


def test_review_make_takes_no_total_row_typed_inside_the_province_table_for_a_project(tmp_path, capsys):
    """The province clerk typed a 企业 小计 row and a 合计 row at the foot of the merged table, inside its table (the
    table grows as one types under it in Excel/WPS): review make listed “小计” as an 企业 project for every expert to
    score (前置条件 待定) and the 合计 row as a project whose 项目类型 “共3项” is not recognised. They are totals, as
    merge and refresh read them: no project, the round as merged."""
    from openpyxl import load_workbook

    from .test_merge_review_rounds import city

    gy = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("南明区", "贵阳甲电商有限公司", "企业", 3000, "2024-05", "达标"),
                                                   ("云岩区", "贵阳乙直播团队", "团队", 800, "2024-05", "达标")])
    zy = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("汇川区", "遵义甲电商有限公司", "企业", 2000, "2024-05", "达标")])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(gy), str(zy)]) == 0
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    first, last = table.ref.split(":")
    end = int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    for row, label, kind in ((end + 1, "企业类小计", "企业"), (end + 2, "合计", "共3项")):
        ws.cell(row, cols["企业名称"]).value, ws.cell(row, cols["项目类型"]).value = label, kind
        ws.cell(row, cols["年度交易额（万元）"]).value = f"=SUM(K4:K{end})"
    table.ref = table.autoFilter.ref = f"{first}:{last.rstrip('0123456789')}{end + 2}"
    wb.save(province)
    capsys.readouterr()
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(province), "--experts", "甲,乙,丙"]) == 0
    said = capsys.readouterr().out
    assert "评审项目 3 个（企业 2、团队 1）。" in said and "未列入评审" not in said, said
    plan = [[c for c in row if c] for row in sheet_values(rdir / "评审安排.xlsx", "评审安排")]
    assert not any("小计" in str(c) or "合计" == c for row in plan for c in row), plan


def _merged_province(tmp_path):
    from .test_merge_review_rounds import city

    gy = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("南明区", "贵阳甲电商有限公司", "企业", 3000, "2024-05", "达标"),
                                                   ("云岩区", "贵阳乙电商有限公司", "企业", 2500, "2024-05", "达标"),
                                                   ("花溪区", "贵阳丙直播团队", "团队", 800, "2024-05", "达标")])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(gy)]) == 0
    return province


def test_review_make_leaves_out_a_row_the_province_withdrew_in_its_own_column_or_by_striking_its_name(tmp_path, capsys):
    """After the merge the province clerk added a 备注 column to the table (Excel grows the table as one types beside
    it) and wrote “企业来函申请撤回（5月8日）” on 贵阳丙's row, and struck 贵阳乙's name through: the README has both
    withdraw the row (merge and review alike), and review make did leave them out of the same table saved as .xls —
    but from the .xlsx, its table read as the tool wrote it, both were listed for every expert to score."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.table import TableColumn

    province = _merged_province(tmp_path)
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    first, last = table.ref.split(":")
    col = ws.max_column + 1
    ws.cell(3, col).value = "备注"
    rows = {ws.cell(r, 4).value: r for r in range(4, ws.max_row + 1)}
    ws.cell(rows["贵阳丙直播团队"], col).value = "企业来函申请撤回（5月8日）"
    ws.cell(rows["贵阳乙电商有限公司"], 4).font = Font(strike=True)
    table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name="备注"))
    table.ref = table.autoFilter.ref = f"{first}:{ws.cell(3, col).column_letter}{last.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"
    wb.save(province)
    capsys.readouterr()
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(province), "--experts", "甲,乙,丙"]) == 0
    said = capsys.readouterr().out
    assert "评审项目 1 个（企业 1）。" in said and "未列入评审 2 个：已撤回 2 个。" in said, said
    plan = [[c for c in row if c] for row in sheet_values(rdir / "评审安排.xlsx", "评审安排")]
    assert ["贵阳乙电商有限公司", "已撤回"] in plan and ["贵阳丙直播团队", "已撤回"] in plan, plan


def test_review_make_from_a_table_whose_name_column_was_retitled_is_refused_naming_it(tmp_path, capsys):
    """The 企业名称 column retitled 单位名称 in the table: a refusal naming the column, not 程序内部错误."""
    from openpyxl import load_workbook

    province = _merged_province(tmp_path)
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    ws["D3"] = "单位名称"
    next(c for c in ws.tables["sb_summary"].tableColumns if c.name == "企业名称").name = "单位名称"
    wb.save(province)
    assert main(["review", "make", str(tmp_path / "评审"), "--from", str(province), "--experts", "甲,乙,丙"]) == 2
    assert "缺少列：企业名称" in capsys.readouterr().err
