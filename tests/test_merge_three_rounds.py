"""The province's merges over three rounds as the cities send their summaries: corrected versions, projects added
and withdrawn, a late 贵安新区, the province's own edits (QA, qa57m)."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, official, province_rows

LPS = [("钟山区", "六盘水凉都电商产业园", "园区", "国企", 9800, 2100, 82),
       ("盘州市", "盘州刺梨直播团队", "团队", "民企", 4200, 1500, 79)]


@pytest.mark.parametrize("column, typed", [(1, "盘州刺梨直播团队（已撤回）"), (2, "团队（已撤回）")],
                         ids=["after-the-name", "after-the-type"])
def test_a_withdrawal_bracketed_after_the_name_in_a_later_round_marks_the_projects_row(tmp_path, capsys, column, typed):
    """六盘水市 sent 盘州刺梨直播团队 in round 1; in round 2 its clerk wrote “（已撤回）” after the name (or the type).
    The province table kept the old row (marked 已撤回 as gone from the city's table) and added a second row for the
    bracketed name, also 已撤回: one project on two rows, named twice on the terminal as withdrawn."""
    city = official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市项目汇总表", "六盘水市", LPS)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    capsys.readouterr()
    changed = [list(p) for p in LPS]
    changed[1][column] = typed
    official(city, "六盘水市项目汇总表", "六盘水市", [tuple(p) for p in changed])
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 1 项，年度交易额合计 9800 万元" in out, out
    assert "本次标为“已撤回” 1 项" in out, out
    rows = province_rows(province)
    assert [(r["企业名称"], r["状态"]) for r in rows] == [("六盘水凉都电商产业园", "有效"), ("盘州刺梨直播团队", "已撤回")], rows


def _strike(path, name):
    wb = load_workbook(path)
    for row in wb.active.iter_rows():
        for cell in row:
            if cell.value == name:
                cell.font = Font(strike=True)
    wb.save(path)
    return path


@pytest.mark.parametrize("how, said", [("struck", "企业名称划了删除线"), ("score", "“市州评分”写明“已撤回”")])
def test_a_project_a_city_withdraws_in_a_later_round_says_how_on_its_row(tmp_path, capsys, how, said):
    """Round 1 counted 盘州刺梨直播团队; in round 2 六盘水市 struck its name through (or wrote 已撤回 in its 市州评分).
    The terminal said how, but the province row's 问题 only said the city's table “已没有这一行或已标为已撤回” — not
    which, nor where — though at a first merge the row says it (README: 写明“企业名称划了删除线”). The row says it now,
    and a merge of the same files again changes nothing."""
    city = official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市项目汇总表", "六盘水市", LPS)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    if how == "struck":
        _strike(city, "盘州刺梨直播团队")
    else:
        official(city, "六盘水市项目汇总表", "六盘水市", [LPS[0], (*LPS[1][:6], "已撤回")])
    assert main(["merge", str(province), str(city)]) == 0
    capsys.readouterr()
    rows = {r["企业名称"]: r for r in province_rows(province)}
    left = rows["盘州刺梨直播团队"]
    assert left["状态"] == "已撤回" and said in left["问题"], left
    assert left["问题"].count(said) == 1, left
    assert main(["merge", str(province), str(city)]) == 0
    assert province_rows(province) == list(rows.values())


def test_the_terminal_names_the_cities_merged_in_the_notices_order(tmp_path, capsys):
    """`shibai merge 全省.xlsx 市州/*` lists the files as the shell sorts them (六盘水 before 贵阳, 黔东南 last but
    before 黔南 …): the “合并：” line named the cities in that order, though the table and 统计 go by the notice's."""
    files = [official(tmp_path / f"{city}汇总表.xlsx", f"{city}项目汇总表", city, [(county, name, "企业", "民企", 100, 50, 80)])
             for city, county, name in (("六盘水市", "钟山区", "六盘水甲公司"), ("贵阳市", "南明区", "贵阳甲公司"),
                                        ("遵义市", "汇川区", "遵义甲公司"))]
    assert main(["merge", str(tmp_path / "全省.xlsx"), *map(str, files)]) == 0
    assert "合并：贵阳市 1 项，遵义市 1 项，六盘水市 1 项\n" in capsys.readouterr().out


def test_guian_typed_short_as_guian_is_guian_xinqu(tmp_path, capsys):
    """贵安新区 sends for the first time in round 3; its clerk typed “贵安” in the 市（州） column (and named the file
    so), as others type “贵阳” or “黔东南”: the merge said “贵安” was no 市（州） — or, the title not naming it either,
    could not tell whose file it was — though the notice's list and the forms' 所属市（州） know “贵安” as 贵安新区."""
    city = official(tmp_path / "贵安汇总表.xlsx", "2024年电子商务“十百千万”工程示范项目汇总表", "贵安",
                    [("湖潮乡", "贵安数谷电商产业园", "园区", "国企", 22000, 5000, 89),
                     ("马场镇", "贵安樱花直播团队", "团队", "民企", 500, 300, 76)])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "合并：贵安新区 2 项\n" in out and "不是市（州）" not in out, out
    assert {(r["市（州）"], r["报送市州"]) for r in province_rows(province)} == {("贵安新区", "贵安新区")}


def _merged_then_edited(tmp_path, name, **edits):
    """六盘水市's summary merged into a new province table, then the province's clerk's ``edits`` (column → value)
    typed on the row of ``name``: (the city's file, the province table)."""
    city = official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市项目汇总表", "六盘水市", LPS)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    head = [c.value for c in ws[3]]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, head.index("企业名称") + 1).value == name)
    for column, value in edits.items():
        ws.cell(row, head.index(column) + 1, value)
    wb.save(province)
    return city, province

def test_a_province_withdrawal_kept_tells_the_clerk_to_merge_again_not_to_refresh(tmp_path, capsys):
    """Round 3: the province's clerk typed 企业申请撤回（5月8日来函） in a row's 状态. The merge kept it withdrawn and
    told them how to take it back — “…改为“有效”）后再刷新”: refresh is the city's command on its own summary; the
    province merges again."""
    city, province = _merged_then_edited(tmp_path, "盘州刺梨直播团队", 状态="企业申请撤回（5月8日来函）")
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "盘州刺梨直播团队" in out and "后再合并" in out and "刷新" not in out, out


TONGREN = [("碧江区", "铜仁梵净山电商产业园", "园区", "国企", 15000, 3000, 90),
           ("万山区", "万山朱砂直播团队", "团队", "民企", 6620, 1100, 83)]


def test_a_city_resending_on_a_neighbours_copy_whose_title_it_left_is_its_own_not_the_neighbours(tmp_path, capsys):
    """Round 2: 铜仁市 re-sent 铜仁市汇总表.xlsx typed on 遵义市's copy of the 附件4, the title left “遵义市2024年……”,
    every row's 市（州） 铜仁市. Going by the title alone, the merge took the file for 遵义市's: 遵义市's projects were
    marked 已撤回 (gone from “its” table), 铜仁市's were said to be reported by two cities, and the total lost 遵义市's
    20000 万元 — exit 0. The file name and the 市（州） column, agreeing, outweigh the title; the title is said."""
    zunyi = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                     [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 20000, 3200, 88)])
    tongren = official(tmp_path / "铜仁市汇总表.xlsx", "铜仁市项目汇总表", "铜仁市", TONGREN)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(zunyi), str(tongren)]) == 0
    capsys.readouterr()
    official(tongren, "遵义市2024年电子商务“十百千万”工程示范项目汇总表", "铜仁市", TONGREN, merge_city=False)
    assert main(["merge", str(province), str(tongren)]) == 0
    out = capsys.readouterr().out
    assert "合并：铜仁市 2 项\n" in out and "全省汇总表有效项目 3 项，年度交易额合计 41620 万元" in out, out
    assert "标题写的是遵义市" in out and "已撤回" not in out and "跨市州" not in out, out
    assert {(r["企业名称"], r["状态"], r["报送市州"]) for r in province_rows(province)} == {
        ("遵义黔北电商产业园", "有效", "遵义市"), ("铜仁梵净山电商产业园", "有效", "铜仁市"),
        ("万山朱砂直播团队", "有效", "铜仁市")}


def test_a_citys_stamped_pdf_beside_its_workbook_is_no_unreadable_summary(tmp_path, capsys):
    """Round 2: 遵义市 re-sent its table without 仁怀酱香直播团队 (withdrawn by deleting the row), with its 盖章 scan
    “遵义市汇总表（盖章）.pdf” beside it, and the clerk ran `shibai merge 全省.xlsx 市州/*`. The PDF was an unreadable
    遵义市 summary: 遵义市's rows were held at their last data — the deleted project kept and counted as “本次无法读取” —
    and the merge exit 1. The scan of a city whose workbook was read is named in one line; a city that sent only a
    scan stays unreadable, as before."""
    rows = [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 35000, 3200, 88),
            ("仁怀市", "仁怀酱香直播团队", "团队", "民企", 800, 500, 80)]
    folder = tmp_path / "市州"
    folder.mkdir()
    zunyi = official(folder / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", rows)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(zunyi)]) == 0
    official(zunyi, "遵义市项目汇总表", "遵义市", rows[:1])
    (folder / "遵义市汇总表（盖章）.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    capsys.readouterr()
    assert main(["merge", str(province), *map(str, sorted(folder.iterdir()))]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 1 项，年度交易额合计 35000 万元\n" in out and "遵义市汇总表（盖章）.pdf" in out, out
    states = {r["企业名称"]: r["状态"] for r in province_rows(province)}
    assert states == {"遵义黔北电商产业园": "有效", "仁怀酱香直播团队": "已撤回"}, states
    (folder / "六盘水市汇总表（盖章）.pdf").write_bytes(b"%PDF-1.4\n")   # 六盘水市 sent only its scan
    assert main(["merge", str(province), *map(str, sorted(folder.iterdir()))]) == 1
    assert "六盘水市汇总表（盖章）.pdf：这是 PDF 文件" in capsys.readouterr().out


@pytest.mark.parametrize("remark", ["撤回申报", "企业申请撤回申报（6月3日来函）", "已取消申报", "已撤销"])
def test_a_remark_withdrawing_in_the_words_of_an_official_letter_is_a_withdrawal(tmp_path, capsys, remark):
    """六盘水市 wrote in its own 备注 column the words of the company's letter — “撤回申报”, “已取消申报”,
    “已撤销” — beside a project it no longer recommends. Only “撤销申报”, “放弃申报”, “申请撤回” … were read as a
    withdrawal: the project was counted as valid, the 备注 carried into 市州备注, the total 4200 万元 too large, exit 0."""
    wb = Workbook()
    ws = wb.active
    ws.append(["六盘水市2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append([*PRINTED, "备注"])
    for i, (county, name, kind, nature, trade, retail, score) in enumerate(LPS, 1):
        ws.append([i, "六盘水市", county, name, "地址", kind, nature, "业绩", "联系人", "0858-1", trade, retail, score,
                   remark if i == 2 else None])
    city = tmp_path / "六盘水市汇总表.xlsx"
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 1 项，年度交易额合计 9800 万元" in out and remark in out, out
    assert {r["企业名称"]: r["状态"] for r in province_rows(province)}["盘州刺梨直播团队"] == "已撤回"


ZUNYI_MAY = [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 20000, 3200, 88),
             ("汇川区", "遵义红色直播团队", "团队", "民企", 600, 300, 80)]
ZUNYI_AUG = [("播州区", "遵义茶海直播基地", "基地", "民企", 5000, 1500, 84)]


def test_a_later_rounds_summary_of_new_projects_only_leaves_the_earlier_rounds_projects_counted(tmp_path, capsys):
    """The notice has each 市（州） send a 推荐项目汇总表 before 5月, 8月 and 12月; 遵义市's 8月 file lists only the
    project recommended that round. Merged on its own it marked both 5月 projects 已撤回 — 20600 万元 gone from the
    total, exit 0 — though the two files given together count all three (the earlier-only rows said 请核实). A new
    summary sharing no project with the one a row came from is not that summary re-sent: its rows stay counted,
    said on the terminal and in 问题; a later cumulative one leaving a project out still withdraws it."""
    may = official(tmp_path / "遵义市项目汇总表（5月）.xlsx", "遵义市项目汇总表", "遵义市", ZUNYI_MAY)
    aug = official(tmp_path / "遵义市项目汇总表（8月）.xlsx", "遵义市项目汇总表", "遵义市", ZUNYI_AUG)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(may)]) == 0
    capsys.readouterr()
    assert main(["merge", str(province), str(aug)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 3 项，年度交易额合计 25600 万元" in out, out
    assert "本次标为“已撤回”" not in out and "遵义黔北电商产业园（遵义市，“遵义市项目汇总表（5月）.xlsx”）" in out, out
    assert "只列了新增" in out, out
    rows = {r["企业名称"]: r for r in province_rows(province)}
    assert {n: r["状态"] for n, r in rows.items()} == dict.fromkeys(
        ("遵义黔北电商产业园", "遵义红色直播团队", "遵义茶海直播基地"), "有效")
    assert "遵义市项目汇总表（5月）.xlsx" in rows["遵义红色直播团队"]["问题"], rows
    assert main(["merge", str(province), str(aug)]) == 0   # the same file again: nothing changes
    assert province_rows(province) == list(rows.values())
    dec = official(tmp_path / "遵义市项目汇总表（12月）.xlsx", "遵义市项目汇总表", "遵义市", [ZUNYI_MAY[0], *ZUNYI_AUG])
    capsys.readouterr()
    assert main(["merge", str(province), str(dec)]) == 0
    out = capsys.readouterr().out
    assert "本次标为“已撤回” 1 项" in out and "全省汇总表有效项目 2 项，年度交易额合计 25000 万元" in out, out
    assert {r["企业名称"]: r["状态"] for r in province_rows(province)} == {
        "遵义黔北电商产业园": "有效", "遵义红色直播团队": "已撤回", "遵义茶海直播基地": "有效"}


@pytest.mark.parametrize("how", ["inserted", "moved"])
def test_a_column_out_of_place_in_the_province_table_tells_the_clerk_to_merge_again(tmp_path, capsys, how):
    """The province's clerk inserted “省厅初审意见” after 企业名称 in the province table (or cut 电话 to its end); the
    next merge said how to move it and “保存后再刷新” — refresh is a city's command on its own summary: the province
    merges again."""
    city = official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市项目汇总表", "六盘水市", LPS)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    if how == "inserted":
        ws.insert_cols(5)
        ws.cell(3, 5, "省厅初审意见")
    else:
        ws.move_range("J3:J5", cols=ws.max_column + 1 - 10)
        ws.delete_cols(10)
    wb.save(province)
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "再合并" in out and "再刷新" not in out, out


def test_a_type_the_province_corrected_keeps_its_row_and_edits_at_the_next_merge(tmp_path, capsys):
    """The province's clerk corrected 盘州刺梨直播团队's 项目类型 团队 → 企业 in the province table (and gave it 市州评分
    95). The next merge of the same city file found no row of the city's type: the corrected row was marked 已撤回 (its
    edits on a withdrawn row), the city's row added again at the end as 团队, and the terminal said the province had
    deleted a row by hand. The row is the project's still: the correction and the score kept, said as a mismatch."""
    city, province = _merged_then_edited(tmp_path, "盘州刺梨直播团队", 项目类型="企业", 市州评分=95)
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "已撤回" not in out and "手工删除" not in out and "全省汇总表有效项目 2 项" in out, out
    rows = province_rows(province)
    assert [(r["企业名称"], r["项目类型"], r["市州评分"], r["状态"]) for r in rows] == [
        ("六盘水凉都电商产业园", "园区", 82, "有效"), ("盘州刺梨直播团队", "企业", 95, "有效")], rows
    assert "项目类型" in rows[1]["问题"] and "XC_SUMMARY_MISMATCH" in rows[1]["问题"], rows[1]
    assert main(["merge", str(province), str(city)]) == 0   # the same file again: nothing changes
    assert province_rows(province) == rows
