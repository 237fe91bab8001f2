"""City summaries as the 市州 bureaus really send them to `shibai merge` (QA, qa30m)."""
from __future__ import annotations

import shutil
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_summaries_real_world import PRINTED, application, official, province_rows

GUIYANG = [("南明区", "贵州甲电商有限公司", "企业", "民企", 1200, 800, 85),
           ("云岩区", "贵州乙电商有限公司", "团队", "国企", 600, 300, 80)]
ZUNYI = [("红花岗区", "遵义丙电商有限公司", "园区", "国企", 20000, 3000, 90)]


def test_an_ods_city_summary_reaching_far_is_refused_before_it_is_loaded_and_the_others_are_merged(tmp_path, capsys):
    """An .ods summary with a stray value far below its table (Z200000: 5.2 million cells) made calamine build the
    whole grid (60000 rows × 1024 columns took 1.9 GB and 5 s just to open; more aborts the process): merge had no
    extent check for .ods as it has for .xlsx/.xls/.xlsb. It is refused with the Ctrl+End advice, listed, exit 1,
    and the other city is merged."""
    typed = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG)
    wb = load_workbook(typed)
    wb.active["Z200000"] = "误输入"
    wb.save(typed)
    far = convert(typed, "ods", tmp_path / "ods")
    zunyi = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", ZUNYI)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(far), str(zunyi)]) == 1
    shown = capsys.readouterr()
    said = shown.out + shown.err
    assert "贵阳市汇总表.ods" in said and "Ctrl+End" in said and "第 200000 行" in said, said
    assert "Traceback" not in said
    assert [r["企业名称"] for r in province_rows(province)] == ["遵义丙电商有限公司"]
    assert "贵阳市汇总表.ods" in [r[0] for r in load_workbook(province)["问题文件"].iter_rows(values_only=True)]


def _two_row_header(path: Path, merged: bool) -> Path:
    """The 附件4 as a clerk lays it out: a title, a 填报单位/日期 line, then the header over two rows — the
    statistics period over the two amount columns, their titles on the second row, the other titles merged down
    over both rows (or, ``merged`` False, typed once on the first row with nothing under them)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市电子商务“十百千万”工程示范项目汇总表"])
    ws.merge_cells("A1:M1")
    ws.append(["填报单位（盖章）：遵义市商务局", *[None] * 9, "填报日期：2024年5月10日"])
    ws.append(["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
               "电话", "(2023年1月-2023年12月)", None, "市州评分"])
    ws.append([*[None] * 10, "年度交易额（万元）", "年度网络零售额（万元）", None])
    if merged:
        for c in "ABCDEFGHIJM":
            ws.merge_cells(f"{c}3:{c}4")
        ws.merge_cells("K3:L3")
    ws.append([1, "遵义市", "红花岗区", "遵义甲园区", "地址", "园区", "国企", "业绩" * 80, "张三", "0851-1", "1.5亿",
               "12,000.50", 88])
    ws.append([2, "遵义市", "汇川区", "遵义乙企业", "地址", "企业", "民企", "业绩" * 80, "李四", "0851-2", 3000, 2000, 85])
    ws.append(["合计", *[None] * 9, "=SUM(K5:K6)", "=SUM(L5:L6)", None])
    wb.save(path)
    return path


@pytest.mark.parametrize("merged", [True, False], ids=["merged-saved-as-ods", "typed-unmerged-xlsx"])
def test_a_header_over_two_rows_keeps_its_amount_columns(tmp_path, capsys, merged):
    """A header over two rows whose amount titles are on the second row: in an .ods calamine reports no merged
    cells, and a clerk may not merge at all; the header was taken from the first row alone, both amount columns
    were lost and every amount was read as blank — a total of 0 万元 and exit 0, nothing said. The second row's
    titles complete the header."""
    typed = _two_row_header(tmp_path / "遵义市汇总表.xlsx", merged)
    city = convert(typed, "ods", tmp_path / "ods") if merged else typed
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    assert "年度交易额合计 18000 万元" in capsys.readouterr().out
    got = {r["企业名称"]: (r["年度交易额（万元）"], r["年度网络零售额（万元）"], r["市州评分"]) for r in province_rows(province)}
    assert got == {"遵义甲园区": (15000, 12000.5, 88), "遵义乙企业": (3000, 2000, 85)}


def test_a_city_summary_whose_amount_column_is_not_recognised_leaves_the_total_loudly_incomplete(tmp_path, capsys):
    """A clerk titled the amount column in their own words ("年交易总额（万元）"): the header was found without it,
    every 年度交易额 read as blank and the province total said 0 万元 with exit 0 — a wrong total, nothing said (the
    figures only reached the 市州备注 column). The merge now says which file lacks which column, marks its rows
    and exits 1."""
    header = list(PRINTED)
    header[10] = "年交易总额（万元）"
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                    [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 85)], header=header)
    guiyang = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city), str(guiyang)]) == 1
    out = capsys.readouterr().out
    assert "（不完整）" in out and "遵义市汇总表.xlsx" in out and "年度交易额（万元）" in out, out
    rows = {r["企业名称"]: r for r in province_rows(province)}
    assert "年度交易额（万元）" in rows["遵义甲电商有限公司"]["问题"] and "未计入合计" in rows["遵义甲电商有限公司"]["问题"]
    assert not rows["贵州甲电商有限公司"]["问题"]


def _merged_zunyi(tmp_path, capsys, projects):
    """遵义市's 附件4 typed with ``projects`` merged into a new province table; the terminal must name the park
    whose 交易额 reads as 亿元. (the city's file, the province rows by 企业名称)"""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", projects)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    out = capsys.readouterr().out
    assert "遵义甲电商产业园" in out and "亿元" in out, out
    return city, {r["企业名称"]: r for r in province_rows(province)}


def test_a_parks_trade_typed_in_yi_yuan_as_on_its_form_is_said_on_its_row_and_in_the_report(tmp_path, capsys):
    """The park's 申报表 gives 年度交易额 in 亿元; a clerk copying it into the 附件4 (万元) typed 3.5 for 3.5 亿元: the
    province counted 3.5 万元 — 34996.5 万元 short — and said nothing, though the row's own 网络零售额 (3200 万元,
    "其中" of the 交易额) shows it cannot be. The row and the report now say it, with the 亿元 reading."""
    _, rows = _merged_zunyi(tmp_path, capsys, [("红花岗区", "遵义甲电商产业园", "园区", "国企", 3.5, 3200, 85),
                                                ("汇川区", "遵义乙电商有限公司", "企业", "民企", 1200, 800, 80)])
    note = rows["遵义甲电商产业园"]["问题"] or ""
    assert "3.5亿元" in note and "35000万元" in note, note
    assert not rows["遵义乙电商有限公司"]["问题"]


@pytest.mark.parametrize("retail", [None, 2.1], ids=["retail-blank", "retail-in-yi-too"])
def test_a_parks_trade_in_yi_yuan_is_said_without_a_larger_retail_beside_it(tmp_path, capsys, retail):
    """3.5 typed for a park's 3.5 亿元 with its 网络零售额 left blank (or typed in 亿元 too, 2.1): nothing was said,
    the province counted 3.5 万元 for a park whose condition is 3 亿元 (通知 二（二）1.), as refresh reads it too."""
    city, rows = _merged_zunyi(tmp_path, capsys, [
        ("红花岗区", "遵义甲电商产业园", "园区", "国企", 3.5, retail, 85),
        ("汇川区", "遵义乙电商有限公司", "企业", "民企", 3.5, 2.1, 80),
        ("播州区", "遵义丙电商产业园", "园区", "国企", 35000, 4200, 88),
        # typed with its unit: confirmed as the forms' amount cells read it, said by neither
        ("桐梓县", "遵义丁电商产业园", "园区", "国企", "3.5万元", "2万元", 70)])
    note = rows["遵义甲电商产业园"]["问题"] or ""
    assert "园区交易额单位存疑" in note and "3.5亿元" in note and "35000万元" in note, note
    assert not any(rows[n]["问题"] for n in ("遵义乙电商有限公司", "遵义丙电商产业园", "遵义丁电商产业园")), rows
    # refresh reads the same rows of the same table the same way
    folder = tmp_path / "申报"
    application(folder, "enterprise", "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(folder)]) == 0
    said = capsys.readouterr().out
    assert "园区交易额单位存疑" in said and "遵义甲电商产业园" in said, said
    assert "遵义丙电商产业园" not in said and "遵义丁电商产业园" not in said, said


RETAIL_ABOVE_ROWS = [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 1500, 85),
                     ("汇川区", "遵义乙电商团队", "团队", "民企", 600, "900", 80),
                     ("播州区", "遵义丙电商产业园", "园区", "国企", 35000, 42000, 88),
                     ("桐梓县", "遵义丁电商产业园", "园区", "国企", 3.5, 3200, 70),
                     ("仁怀市", "遵义戊直播基地", "基地", "国企", 3000, 2000, 75)]


def test_a_retail_above_the_trade_is_said_for_every_type_on_its_row_and_in_the_report(tmp_path, capsys):
    """附件4's 年度网络零售额 is part of the 年度交易额 (其中): a city row typing it larger is a typo or the two
    columns swapped. Merge said so only for a small park's figure read as 亿元; an enterprise's 1500 over 1200, a
    team's, a large park's 42000 over 35000 were counted without a word. Each is now said once, on its row and in
    the report; the park read as 亿元 keeps its one note."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", RETAIL_ABOVE_ROWS)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    out = capsys.readouterr().out
    rows = {r["企业名称"]: r for r in province_rows(province)}
    for name, retail, trade in (("遵义甲电商有限公司", 1500, 1200), ("遵义乙电商团队", 900, 600),
                                ("遵义丙电商产业园", 42000, 35000)):
        note = rows[name]["问题"] or ""
        assert f"年度网络零售额{retail}万元大于年度交易额{trade}万元" in note, (name, note)
        assert name in out, out
    park = rows["遵义丁电商产业园"]["问题"] or ""
    assert "园区交易额单位存疑" in park and "大于" not in park, park
    assert not rows["遵义戊直播基地"]["问题"]
    assert "网络零售额大于年度交易额" in out or "网络零售额大于交易额" in out, out


def test_refresh_says_a_hand_typed_rows_retail_above_its_trade_for_every_type(tmp_path, capsys):
    """refresh of a city's hand-typed table reads its rows as merge does: the retail above the trade is said."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", RETAIL_ABOVE_ROWS)
    folder = tmp_path / "申报"
    application(folder, "enterprise", "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(folder)]) == 0
    said = capsys.readouterr().out
    for name in ("遵义甲电商有限公司", "遵义乙电商团队", "遵义丙电商产业园"):
        assert name in said, said
    assert "年度网络零售额1500万元大于年度交易额1200万元" in said, said
    assert "遵义戊直播基地" not in said, said


def test_projects_on_hidden_rows_are_counted_and_said_and_a_hidden_old_copy_is_said_not_read(tmp_path, capsys):
    """A filter left on (rows hidden) and a hidden sheet holding projects: the merge counted them but said nothing —
    the city's own SUBTOTAL and what the clerk saw on screen showed fewer projects than the province counts. The
    hidden rows are counted and said; the hidden old copy of the table beside the shown one is said and not read
    (qa78a: the shown sheet is the one sent, as for an application's hidden “申报表（旧）”)."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                    [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 85),
                     ("汇川区", "遵义乙电商有限公司", "团队", "民企", 600, 300, 80)])
    wb = load_workbook(city)
    ws = wb.active
    ws.auto_filter.ref = "A2:M4"
    ws.row_dimensions[4].hidden = True
    old = wb.copy_worksheet(ws)
    old.title = "旧版"
    old["D3"] = "遵义丙电商有限公司"
    old.sheet_state = "hidden"
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert len(province_rows(province)) == 2 and "年度交易额合计 1800 万元" in out
    assert "隐藏的行" in out and "第4行" in out, out
    assert "“旧版”（隐藏）是另一份项目汇总表，其中 2 个项目未读取" in out, out


@pytest.mark.parametrize("fmt", ["xls", "ods", "xlsb"])
def test_projects_on_hidden_rows_of_a_summary_saved_as_xls_or_ods_are_said(tmp_path, capsys, fmt):
    """A city summary saved as .xls, .ods or .xlsb with a filter left on: its project on a hidden row is counted, as
    from an .xlsx, and was counted without a word (the merge read row visibility from .xlsx XML alone)."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                    [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 85),
                     ("汇川区", "遵义乙电商有限公司", "团队", "民企", 600, 300, 80)])
    wb = load_workbook(city)
    wb.active.auto_filter.ref = "A2:M4"
    wb.active.row_dimensions[4].hidden = True
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    if fmt == "xlsb":
        from tests.test_xlsb_files import as_xlsb
        sent = as_xlsb(city, tmp_path / fmt / "遵义市汇总表.xlsb")
    else:
        sent = convert(city, fmt, tmp_path / fmt)
    assert main(["merge", str(province), str(sent)]) == 0
    out = capsys.readouterr().out
    assert len(province_rows(province)) == 2
    assert "隐藏的行" in out and "第4行" in out, out


def test_a_county_subtotal_typed_in_the_name_or_county_column_is_not_a_project(tmp_path, capsys):
    """Clerks sum each county under its projects and write the label where it reads well: "红花岗区小计" in the
    企业名称 column was merged as a project — its sum counted a second time in the province total, silently —
    and in the 县区 column it was a row "without 企业名称" that made the merge say the total was incomplete."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市项目汇总表"])
    ws.append(list(PRINTED))
    ws.append([1, "遵义市", "红花岗区", "遵义甲电商有限公司", "地址", "企业", "民企", "业绩" * 80, "张三", "0851-1",
               1200, 800, 85])
    ws.append([2, "遵义市", "红花岗区", "遵义乙电商有限公司", "地址", "团队", "民企", "业绩" * 80, "李四", "0851-2",
               600, 300, 80])
    ws.append([None, None, None, "红花岗区小计", None, None, None, None, None, None, "=SUM(K3:K4)", "=SUM(L3:L4)", None])
    ws.append([1, "遵义市", "汇川区", "遵义丙电商有限公司", "地址", "企业", "民企", "业绩" * 80, "王五", "0851-3",
               3000, 2000, 90])
    ws.append([None, None, "汇川区小计", None, None, None, None, None, None, None, "=SUM(K6)", "=SUM(L6)", None])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, "=K5+K7", "=L5+L7", None])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    city = convert(tmp_path / "遵义市汇总表.xlsx", "xlsx", tmp_path / "saved")   # the sums' values, as Excel saves them
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    assert "年度交易额合计 4800 万元" in capsys.readouterr().out
    names = sorted(r["企业名称"] for r in province_rows(province))
    assert names == ["遵义丙电商有限公司", "遵义乙电商有限公司", "遵义甲电商有限公司"]


@pytest.mark.parametrize("numbers", [list(range(1, 14)), [str(i) for i in range(1, 14)]], ids=["numbers", "text"])
def test_a_row_numbering_the_columns_under_the_header_is_not_a_project(tmp_path, capsys, numbers):
    """Official forms often carry a 栏次 row (1, 2, … 13) under the header: it was merged as a project named "4"
    with a 年度交易额 of 11 万元 (its column number), counted in the province total, exit 0."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市项目汇总表"])
    ws.append(list(PRINTED))
    ws.append(numbers)
    ws.append([1, "遵义市", "红花岗区", "遵义甲电商有限公司", "地址", "企业", "民企", "业绩" * 80, "张三", "0851-1",
               1200, 800, 85])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(tmp_path / "遵义市汇总表.xlsx")]) == 0
    assert "年度交易额合计 1200 万元" in capsys.readouterr().out
    assert [r["企业名称"] for r in province_rows(province)] == ["遵义甲电商有限公司"]


def test_a_project_typed_twice_is_named_once_where_its_amounts_are_doubted(tmp_path, capsys):
    """A city pasted a row twice: merge counts it once and says so, but the report's lines of a park's 交易额 read as
    亿元 and of a retail above the trade named it twice (“2 个项目 … 甲、甲”). Each project is named once."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                    [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 1500, 85)] * 2
                    + [("汇川区", "遵义乙电商产业园", "园区", "国企", 3.5, 3200, 85)] * 2)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    out = capsys.readouterr().out
    above = next(line for line in out.splitlines() if "网络零售额大于年度交易额" in line)
    park = next(line for line in out.splitlines() if "亿元填写" in line)
    assert above.startswith("1 个项目") and above.count("遵义甲电商有限公司") == 1, above
    assert park.startswith("1 个园区") and park.count("遵义乙电商产业园") == 1, park


def test_a_city_that_sent_two_summaries_is_named_with_each_file_in_the_merged_line(tmp_path, capsys):
    """“合并：遵义市 3 项，遵义市 1 项” for a city's two versions read as one city counted twice, or a typo; each
    count now names its file, and a city sending one file keeps the plain line."""
    zunyi = [official(tmp_path / f"遵义市汇总表{v}.xlsx", "遵义市项目汇总表", "遵义市", rows) for v, rows in (
        ("", [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 85),
              ("汇川区", "遵义乙电商有限公司", "企业", "民企", 1200, 800, 85)]),
        ("(修改版)", [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1300, 800, 85)]))]
    guiyang = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(guiyang), *map(str, zunyi)]) == 0
    out = capsys.readouterr().out
    assert ("合并：贵阳市 2 项，遵义市 2 项（遵义市汇总表.xlsx），遵义市 1 项（遵义市汇总表(修改版).xlsx）\n") in out, out


def test_a_mobile_number_typed_in_a_city_rows_amount_is_said_on_its_row(tmp_path, capsys):
    """附件4 prints 电话 just left of 年度交易额（万元）: a clerk's paste one column off put the contact's mobile in
    the amount, and the province counted 13985012345万元 without a word (or, in the 零售额, said only that it was
    above the trade). The row's 问题 now says it looks like a mobile number; refresh reads the row alike."""
    rows = [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 13985012345, 800, 85),
            ("汇川区", "遵义乙电商团队", "团队", "民企", 600, "13985012346", 80)]
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", rows)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    capsys.readouterr()
    notes = {r["企业名称"]: r["问题"] or "" for r in province_rows(province)}
    assert "年度交易额“13985012345”像是手机号码" in notes["遵义甲电商有限公司"], notes
    assert "年度网络零售额“13985012346”像是手机号码" in notes["遵义乙电商团队"], notes
    assert "大于" not in notes["遵义乙电商团队"], notes


def test_an_amount_no_applicant_can_have_typed_in_a_city_row_is_said_on_its_row(tmp_path, capsys):
    """A 附件4 row's 年度交易额 of 1.5亿万元 (1.5万亿元: a 元 figure typed in the 万元 column) was summed into the province
    without a word, while the same figure in an application is doubted (the year file's plausible_max). The row's 问题
    now says it, as it says a mobile number typed there."""
    rows = [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 150000000, 800, 85),
            ("汇川区", "遵义乙电商团队", "团队", "民企", 600, "300000000", 80),
            ("播州区", "遵义丙电商有限公司", "企业", "民企", 100000000, 800, 85)]   # at the ceiling: nothing said
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", rows)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    capsys.readouterr()
    notes = {r["企业名称"]: r["问题"] or "" for r in province_rows(province)}
    assert "年度交易额1.5万亿元超出申报主体可能达到的范围" in notes["遵义甲电商有限公司"], notes
    assert "年度网络零售额3万亿元超出申报主体可能达到的范围" in notes["遵义乙电商团队"], notes
    assert "超出" not in notes["遵义丙电商有限公司"], notes


def test_an_amount_past_any_number_is_kept_as_the_city_typed_it(tmp_path, capsys):
    """A city's 年度交易额 typed as 400 digits (a row of 1s held down) was read as float infinity: the province table
    showed the amount blank and its 问题 said “inf”无法识别 — not what the city typed. The cell now keeps the city's
    text, is said as unreadable and left out of the totals like “约六千万”."""
    typed = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市",
                     [("南明区", "贵州甲电商有限公司", "企业", "民企", "1" * 400, 800, 85), GUIYANG[1]])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(typed)]) == 1
    capsys.readouterr()
    row = next(r for r in province_rows(province) if r["企业名称"] == "贵州甲电商有限公司")
    assert row["年度交易额（万元）"] == "1" * 400, row
    assert "inf" not in row["问题"] and "无法识别" in row["问题"], row["问题"]


@pytest.mark.parametrize("column, typed, shown", [
    ("批次", datetime(2024, 5, 1), "2024-05"),           # “2024/5” typed: Excel keeps a date
    ("县区", datetime(2024, 5, 1), "2024-05-01"),
    ("电话", time(8, 30), "08:30"),                      # “8:30” typed: Excel keeps a time of day
    ("年度交易额（万元）", datetime(2024, 5, 1), "2024-05-01"),
])
def test_a_date_or_time_a_city_typed_is_merged_as_shown(tmp_path, make_workbook, capsys, column, typed, shown):
    """A city's summary refreshed by the tool whose clerk typed “2024/5” into 批次 (a date cell to Excel) or “8:30”
    into 电话 (a time): every merge of it ended in 程序内部错误 (the province's record of what it wrote could not hold a
    date, TypeError in json). The cell is merged as the sheet shows it — 批次 as its month — and an amount that is a
    date is said as unreadable, not counted."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")
    city = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(apps), "--city", "贵阳市"]) == 0
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    header = [c.value for c in ws[3]]
    ws.cell(4, header.index(column) + 1).value = typed
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) in (0, 1)
    assert main(["merge", str(province), str(city)]) in (0, 1)   # and again, over its own record
    said = capsys.readouterr()
    assert "内部错误" not in said.out + said.err
    row = province_rows(province)[0]
    assert row[column] == shown, row
    if column.endswith("（万元）"):
        assert "无法识别" in row["问题"], row["问题"]


def test_a_score_of_hundreds_of_digits_is_merged_as_typed(tmp_path, capsys):
    """A 市州评分 typed as 400 digits (a key held down) was read as a whole number no cell can hold: saving the
    province table ended in 程序内部错误 (OverflowError). It is kept as the city typed it and said as out of range."""
    typed = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市",
                     [("南明区", "贵州甲电商有限公司", "企业", "民企", 1200, 800, "1" * 400), GUIYANG[1]])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(typed)]) in (0, 1)
    said = capsys.readouterr()
    assert "内部错误" not in said.out + said.err
    row = next(r for r in province_rows(province) if r["企业名称"] == "贵州甲电商有限公司")
    assert row["市州评分"] == "1" * 400 and "市州评分" in row["问题"], row


def test_an_amount_that_looks_typed_in_yuan_in_a_city_row_is_doubted_as_an_applications_is(tmp_path, capsys):
    """A 附件4 row's 年度交易额 of 99999999 in the 万元 column (9999亿元 for one applicant: a 元 figure) was counted
    without a word, while the same bare figure in an application's amount cell is doubted (the year file's
    doubt_above: 是否误按元填写). The row's 问题 now says it, counted as typed (as a mobile number there is); a figure
    typed with its unit is confirmed, as on the forms; refresh reads the rows alike."""
    rows = [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 99999999, 800, 85),
            ("汇川区", "遵义乙直播基地", "基地", "国企", 30000, 5000000, 80),
            ("播州区", "遵义丙电商团队", "团队", "民企", 200000, None, 75),
            ("桐梓县", "遵义丁电商有限公司", "企业", "民企", "99999999万元", 800, 70),
            ("仁怀市", "遵义戊电商产业园", "园区", "国企", 35000, 4200, 88)]
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", rows)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    out = capsys.readouterr().out
    notes = {r["企业名称"]: r["问题"] or "" for r in province_rows(province)}
    assert "年度交易额99999999万元即9999.9999亿元，是否误按元填写" in notes["遵义甲电商有限公司"], notes
    assert "已按所填计入合计" in notes["遵义甲电商有限公司"], notes
    assert "年度网络零售额5000000万元即500亿元，是否误按元填写" in notes["遵义乙直播基地"], notes
    assert "年度交易额200000万元即20亿元，是否误按元填写" in notes["遵义丙电商团队"], notes
    assert not notes["遵义丁电商有限公司"] and not notes["遵义戊电商产业园"], notes
    assert "200264998" in out.replace(",", ""), out       # counted as typed: 99999999 × 2 + 30000 + 200000 + 35000
    folder = tmp_path / "申报"
    application(folder, "enterprise", "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(folder)]) == 0
    said = capsys.readouterr().out
    assert "遵义甲电商有限公司" in said and "是否误按元填写" in said and "遵义丁电商有限公司" not in said, said
    assert "网络零售额大于" not in said, said


def test_the_merge_report_names_the_doubted_amounts_its_total_counts_as_typed(tmp_path, capsys):
    """A 元 figure, a mobile number or an amount past any applicant's in a city row is counted as typed and said on its
    row; the terminal (and the add-ins' message) said the parks read as 亿元 and the retail above the trade, but not
    these: “年度交易额合计 14185312345 万元” stood as the province's total, a 元 figure and a phone number in it, with
    no word (QA). The report now names them, as refresh does for a city's hand-typed rows."""
    rows = [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 99999999, 800, 85),
            ("汇川区", "遵义乙电商团队", "团队", "民企", 13985012345, 300, 80),
            ("播州区", "遵义丙电商有限公司", "企业", "民企", 150000000, 800, 85),
            ("仁怀市", "遵义戊电商产业园", "园区", "国企", 35000, 4200, 88)]
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", rows)
    main(["merge", str(tmp_path / "全省.xlsx"), str(city)])
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if "金额存疑" in x), "")
    assert line.startswith("3 个项目的金额存疑") and "已按所填计入合计" in line, out
    for name in ("遵义甲电商有限公司（遵义市）", "遵义乙电商团队（遵义市）", "遵义丙电商有限公司（遵义市）"):
        assert name in line, line
    assert "遵义戊电商产业园" not in line, line


def test_a_service_enterprise_sales_figure_typed_in_yuan_is_doubted_where_the_row_names_its_kind(tmp_path, capsys):
    """A 服务类 enterprise's 年度销售额 of 150000 in a city row's 年度交易额（万元） (15亿元: a 元 figure by the year file's
    doubt_above of sb_sales, 10亿元) was counted without a word: the column's larger 平台类 limit (100亿元) was used
    for every 企业. Where the row's 项目类型 or 企业性质 names the kind (“企业（服务类）”, 企业性质 typed “服务类”), that
    kind's limit is used, as on the form; a plain 企业 cannot tell and keeps the larger one. Refresh reads alike (its
    taking over of a typed table writes 项目类型 short, “企业”, as CONTRACT §3 asks: there 企业性质 still tells)."""
    rows = [("红花岗区", "遵义甲服务有限公司", "企业（服务类）", "民企", 150000, 800, 85),
            ("汇川区", "遵义乙服务有限公司", "企业", "服务类", 150000, 800, 80),
            ("播州区", "遵义丙平台有限公司", "企业（平台类）", "民企", 150000, 800, 75),
            ("桐梓县", "遵义丁电商有限公司", "企业", "民企", 150000, 800, 70)]
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", rows)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    capsys.readouterr()
    notes = {r["企业名称"]: r["问题"] or "" for r in province_rows(province)}
    for name in ("遵义甲服务有限公司", "遵义乙服务有限公司"):
        assert "年度交易额150000万元即15亿元，是否误按元填写" in notes[name], notes
    assert not notes["遵义丙平台有限公司"] and not notes["遵义丁电商有限公司"], notes
    folder = tmp_path / "申报"
    application(folder, "enterprise", "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(folder)]) == 0
    said = capsys.readouterr().out
    assert "遵义乙服务有限公司（年度交易额150000万元即15亿元" in said and "遵义丙平台有限公司" not in said, said


def _hidden_old_column(path: Path) -> Path:
    """A city's 附件4 whose clerk copied the 年度交易额（万元） column to type this year's figures and hid the old one,
    left of the new, its title unchanged."""
    wb = Workbook()
    ws = wb.active
    ws.append(["六盘水市2024年电商“十百千万”工程示范项目汇总表"])
    header = [*PRINTED[:10], "年度交易额（万元）", *PRINTED[10:]]
    ws.append(header)
    for i, (name, old, new) in enumerate((("六盘水甲电商有限公司", 111, 3000), ("六盘水乙电商有限公司", 222, 600)), 1):
        ws.append([i, "六盘水市", "钟山区", name, "地址", "企业", "民企", "业绩" * 80, "张三", "0858-1", old, new, 100, 80])
    ws.column_dimensions["K"].hidden = True
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_a_hidden_column_titled_as_an_amount_beside_the_shown_one_is_not_counted(tmp_path, capsys, fmt):
    """Two columns titled 年度交易额（万元）, the first hidden (last year's figures the clerk kept): the first was taken,
    so the province counted 333 万元 nobody sees on the city's screen instead of the 3600 万元 shown, exit 0, nothing
    said. The column shown is counted and the hidden one is said."""
    typed = _hidden_old_column(tmp_path / "六盘水市汇总表.xlsx")
    city = typed if fmt == "xlsx" else convert(typed, fmt, tmp_path / fmt)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 3600 万元" in out, out
    assert "隐藏" in out and "K列" in out, out
    assert {r["企业名称"]: r["年度交易额（万元）"] for r in province_rows(province)} == {
        "六盘水甲电商有限公司": 3000, "六盘水乙电商有限公司": 600}


def test_an_amount_marked_not_applicable_with_two_hyphens_or_a_long_dash_leaves_the_total_complete(tmp_path, capsys):
    """A team's 年度网络零售额 marked “--” (two ASCII hyphens, how many type a dash) or “————”, “//”: read as an amount
    nobody can read, so the province total was called incomplete, exit 1, and the city asked to correct a cell that
    says "not applicable" as “—” or “/” does (both read as blank). Any run of dashes or slashes is such a mark."""
    rows = [("南明区", "贵州甲电商团队", "团队", "民企", 600, "--", 80),
            ("云岩区", "贵州乙电商团队", "团队", "民企", 700, "————", 80),
            ("花溪区", "贵州丙电商团队", "团队", "民企", 800, "//", 80)]
    city = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", rows)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    said = capsys.readouterr()
    assert "年度交易额合计 2100 万元" in said.out and "不完整" not in said.out + said.err, said
    assert not any(r["问题"] for r in province_rows(province))


def test_two_cities_files_named_alike_are_told_apart_by_their_folders(tmp_path, capsys):
    """Every city sent “附件4.xlsx”, saved in a folder per city; 贵阳's was password-protected: the report and the
    问题文件 sheet said “附件4.xlsx：文件设置了打开密码”, not which city's; and a later merge of 遵义's 附件4.xlsx alone
    took the problem as settled (a file of that name read), exit 0, the province complete with 贵阳市 missing. Files
    of one name given together are labelled with their folder, and only that file read again settles it."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    typed = official(tmp_path / "贵阳.xlsx", "2024年电商示范项目汇总表", "", [("南明区", *GUIYANG[0][1:])], merge_city=False)
    for city in ("贵阳", "遵义"):
        (tmp_path / city).mkdir()
    locked = tmp_path / "贵阳" / "附件4.xlsx"
    with typed.open("rb") as f, locked.open("wb") as out:
        ooxml.OOXMLFile(f).encrypt("123", out)
    zunyi = official(tmp_path / "遵义" / "附件4.xlsx", "遵义市项目汇总表", "遵义市", ZUNYI)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(locked), str(zunyi)]) == 1
    said = capsys.readouterr()
    assert "贵阳/附件4.xlsx：文件设置了打开密码" in said.out + said.err, said
    assert [r["来源文件"] for r in province_rows(province)] == ["遵义/附件4.xlsx（第3行）"]
    assert main(["merge", str(province), str(zunyi)]) == 1
    said = capsys.readouterr()
    assert "贵阳/附件4.xlsx" in said.out + said.err and "上次合并时未能读取" in said.out + said.err, said
    shutil.copy(typed, locked)     # 贵阳 sends it again without the password
    assert main(["merge", str(province), str(locked)]) == 0
    assert "问题文件" not in load_workbook(province).sheetnames


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_project_over_two_rows_its_name_merged_down_is_one_project(tmp_path, capsys, fmt):
    """A project typed over two rows (two contacts and phones, its 业绩 in two paragraphs), its 企业名称 and amounts
    merged down over both: the second row was read as the same project typed twice — a second province row, both
    flagged XC_CROSS_APP 重复申报 the city never made, “合并：黔南州 3 项” for 2. It is one project, its second
    row's own cells added to it."""
    wb = Workbook()
    ws = wb.active
    ws.append(["黔南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    ws.append([1, "黔南州", "都匀市", "黔南甲电商产业园", "地址", "园区", "国企", "业绩第一段", "张三", "13800000001",
               30000, 3000, 90])
    ws.append([None, None, None, None, None, None, None, "业绩第二段", "李四", "13800000002", None, None, None])
    for c in "ABCDEFGKLM":
        ws.merge_cells(f"{c}3:{c}4")
    ws.append([2, "黔南州", "福泉市", "黔南乙电商有限公司", "地址", "企业", "民企", "业绩", "王五", "0854-1", 2000, 500, 80])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, "=SUM(K3:K5)", "=SUM(L3:L5)", None])
    typed = tmp_path / "黔南州汇总表.xlsx"
    wb.save(typed)
    city = typed if fmt == "xlsx" else convert(typed, fmt, tmp_path / fmt)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "黔南州 2 项" in out and "重复" not in out, out
    rows = province_rows(province)
    assert [r["企业名称"] for r in rows] == ["黔南甲电商产业园", "黔南乙电商有限公司"]
    first = rows[0]
    assert not first["问题"], first
    assert "业绩第一段" in first["企业运营情况及主要业绩"] and "业绩第二段" in first["企业运营情况及主要业绩"], first
    assert "李四" in first["联系人"] and "13800000002" in str(first["电话"]), first
    assert first["年度交易额（万元）"] == 30000


def test_a_summary_no_title_name_or_column_tells_the_city_of_is_said(tmp_path, capsys):
    """附件4 sent as “附件4.xlsx” with the printed title “XX市（州）…” left as it was and 市（州）, 县区 blank: its
    projects were counted under 未识别, 合并：未识别市州 2 项, exit 0, and nothing said of why nor what to do — the
    city's own count short of them on the 统计 sheet. The report now says it and how to settle it."""
    folder = tmp_path / "贵阳"
    folder.mkdir()
    city = official(folder / "附件4.xlsx", "XX市（州）2024年电商“十百千万”工程示范项目汇总表", None,
                    [(None, *GUIYANG[0][1:]), (None, *GUIYANG[1][1:])], merge_city=False)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "附件4.xlsx：" in out and "看不出是哪个市（州）" in out and "2 项" in out, out
    assert "在标题中写明市州名称" in out, out


def test_two_years_trade_columns_count_the_latest_and_say_the_other(tmp_path, capsys):
    """A city gave two years' 交易额: “2022年度交易额（万元）” then “2023年度交易额（万元）”: the first column was read,
    so the province counted 2022's 800 万元 for a 2023 application (附件4 asks the latest 12 months), nothing said.
    The latest year's column is read and the other is said."""
    wb = Workbook()
    ws = wb.active
    ws.append(["铜仁市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*PRINTED[:10], "2022年度交易额（万元）", "2023年度交易额（万元）", "2023年度网络零售额（万元）", "市州评分"])
    ws.append([1, "铜仁市", "碧江区", "铜仁甲电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0856-1", 800, 3000, 100, 80])
    city = tmp_path / "铜仁市汇总表.xlsx"
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 3000 万元" in out, out
    assert "L列" in out and "K列" in out and "未计入" in out, out


def test_a_tab_pasted_into_an_ods_city_rows_text_is_kept_as_from_the_xlsx(tmp_path, capsys):
    """A 企业运营情况 pasted from a Word table carries a tab: the .xlsx keeps it; the .ods LibreOffice saves writes it
    as <text:tab/>, which calamine skipped — the province row of the .ods differed from the .xlsx's (applications
    were mended first, adapters/xlsx/ods_text.py; a city's summary reads through the same helper)."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                    [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 85)])
    wb = load_workbook(city)
    wb.active["H3"] = "主营黔货\t年销售1200万元"
    wb.save(city)
    sent = convert(city, "ods", tmp_path / "ods")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(sent)]) == 0
    capsys.readouterr()
    (row,) = province_rows(province)
    assert row["企业运营情况及主要业绩"] == "主营黔货\t年销售1200万元", row


def test_a_linked_city_summary_whose_target_folder_is_named_shenbaobiao_is_quoted_as_it_is(tmp_path, capsys):
    """A city summary linked into the folder of summaries from a shared drive's “申报表” folder: the message named
    the link's target with “申报表” turned into “市（州）汇总表” (the folder's kind was swapped into the formatted
    text, path and all), so the clerk was sent to a folder that does not exist. The target is quoted exactly."""
    share = tmp_path / "共享盘" / "申报表"
    share.mkdir(parents=True)
    target = official(share / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", ZUNYI)
    folder = tmp_path / "各市汇总表"
    folder.mkdir()
    guiyang = official(folder / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG)
    (folder / "遵义.xlsx").symlink_to(target)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(guiyang), str(folder / "遵义.xlsx")]) == 1
    shown = capsys.readouterr()
    said = shown.out + shown.err
    assert f"（{target}）" in said, said
    assert "请把市（州）汇总表本身复制到这个文件夹" in said


def test_a_tool_summary_sent_as_csv_says_its_unread_applications_cannot_be_known(tmp_path, make_workbook, capsys):
    """贵阳市's refresh could not read 企业乙.xlsx (listed on its 问题文件 sheet); the clerk sent the summary exported
    as CSV (“CSV UTF-8”), which keeps the first sheet only. Merged from the .xlsx the total is loudly incomplete; from
    the CSV it was complete, exit 0, not a word. Nobody can know from the CSV: said, so the province asks for the
    workbook (the project rows are counted as before)."""
    import csv

    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业甲.xlsx")
    (apps / "企业乙.xlsx").write_bytes(b"PK\x03\x04broken")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 1
    sent = tmp_path / "市州" / "贵阳市汇总表.csv"
    sent.parent.mkdir()
    with sent.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(load_workbook(summary).worksheets[0].iter_rows(values_only=True))
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(sent)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 1 项" in out and "贵阳市汇总表.csv：" in out and "问题文件" in out, out
