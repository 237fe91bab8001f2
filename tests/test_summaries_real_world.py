"""City and province summaries as people really make them (issue #12, part A): the official 附件4 typed by
hand, saved as .xls/.ods, a 合计 row, pasted rows, a corrected second version, a city file that cannot be read —
and never a wrong total."""
from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet.table import TableColumn

from shibai_xl.adapters.xlsx.filler import fill
from shibai_xl.adapters.xlsx.summary_reader import read_summary
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge
from shibai_xl.jobs.refresh import refresh
from shibai_xl.rules import load
from tests.conftest import all_materials, example
from tests.filled_cache import example_files
from tests.libreoffice import convert, convert_many
from tests.test_refresh import by_name, rows

T0, T1, T2 = datetime(2024, 5, 10, 9, 0), datetime(2024, 5, 11, 9, 0), datetime(2024, 5, 12, 9, 0)
KEPT = "本次无法读取，保留上次数据"
TRADE = "年度交易额（万元）"

# The 附件4 titles as the notice prints them (line breaks, notes, the period before the amounts) and as clerks vary them.
PRINTED = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型\n(园区、 基地、企 业 、团队)", "企业性质 (国企/民企)",
           "企业运营情况及主要业 绩 (不少于150字)", "联系人", "电话", "(2023年1月 -2023年 12月) 年度交易额 （万元）",
           "(2023年1月- 2023年12月) 年度网络零 售额 (万元)", "市州评分"]
VARIED = ["序号", "市(州)", "县(市、区)", "企业名称", "企业地址", "项目类型（园区、基地、企业、团队）",
          "企业性质（国企、民企）",
          "企业运营情况及主要业绩（200字）", "联系人", "联系电话", "2023年度交易额(万元)", "2023年度网络零售额(万元)",
          "市(州)评分"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def official(path: Path, title: str, city: str, projects: list[tuple], header=PRINTED, total: str | None = "formula",
             merge_city: bool = True) -> Path:
    """An official 附件4 typed in Excel by a clerk: merged title, the printed header, a 市（州） merged over its
    rows, amounts as typed (some as text "8,000"), a 合计 row (formulas or typed sums) and the 填报人 line.
    ``projects``: (县区, 企业名称, 项目类型, 企业性质, 年度交易额, 年度网络零售额, 市州评分)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = title
    ws.merge_cells("A1:M1")
    ws.append(list(header))
    first = 3
    for i, (county, name, kind, nature, trade, retail, score) in enumerate(projects, 1):
        ws.append([i, city if (i == 1 or not merge_city) else None, county, name, f"{county}某路{i}号", kind, nature,
                   "主要业绩" * 40, "联系人", "0851-88550000", trade, retail, score])
    last = first + len(projects) - 1
    if merge_city and len(projects) > 1:
        ws.merge_cells(f"B{first}:B{last}")
    if total == "formula":
        ws.append(["合计", None, None, None, None, None, None, None, None, None, f"=SUM(K{first}:K{last})",
                   f"=SUM(L{first}:L{last})", None])
    elif total == "typed":   # what the clerk's calculator said: text numbers left out, as Excel's SUM would
        ws.append(["合计", None, None, None, None, None, None, None, None, None,
                   sum(p[4] for p in projects if not isinstance(p[4], str)),
                   sum(p[5] for p in projects if not isinstance(p[5], str)), None])
    if total:
        ws.merge_cells(f"A{ws.max_row}:J{ws.max_row}")
    ws.append([])
    ws.append(["填报人：张三；联系方式：0851-88551234。"])
    ws.merge_cells(f"A{ws.max_row}:M{ws.max_row}")
    wb.save(path)
    return path


def application(folder: Path, app_type: str, name: str, **changes) -> Path:
    """An application made with ``shibai new`` and filled as a person would."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    assert main(["new", app_type, "--out", str(path)]) == 0
    wb = load_workbook(path)
    fill(wb, example(app_type, **changes), example_residents(app_type) if app_type in ("park", "base") else None,
         all_materials(load()))
    wb.save(path)
    return path


def province_rows(path: Path) -> list[dict]:
    return rows(path)


def table_rows(path: Path) -> dict[str, dict]:
    """The sb_summary rows by 企业名称, wherever the table is (an adopted workbook keeps its sheet name)."""
    wb = load_workbook(path)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    first, last = ws.tables["sb_summary"].ref.split(":")
    r0, r1 = (int("".join(ch for ch in x if ch.isdigit())) for x in (first, last))
    header = [c.value for c in ws[r0]]
    out = {}
    for r in range(r0 + 1, r1 + 1):
        values = {h: ws.cell(r, i + 1).value for i, h in enumerate(header) if h}
        if values.get("企业名称"):
            out[values["企业名称"]] = dict(values, _row=r)
    return out


def stats(path: Path) -> dict:
    ws = load_workbook(path)["统计"]
    out = {}
    for r in ws.iter_rows(min_row=3, max_col=5, values_only=True):
        if r[0] and r[0] != "合计":
            out[r[0]] = sum(x for x in r[1:5] if isinstance(x, int))
    return out


# --- six cities, 14 projects, 123,670 万元 ----------------------------------------------------------------

CITY_COUNTS = {"贵阳市": 2, "遵义市": 3, "六盘水市": 2, "安顺市": 3, "毕节市": 2, "铜仁市": 2}
TOTAL_PROJECTS, TOTAL_TRADE = 14, 123670


@pytest.fixture(scope="module")
def six_cities(tmp_path_factory) -> Path:
    """Six city summaries as they arrive at the province: two made by the tool (one of them saved as .xls by
    LibreOffice, losing its table), four typed by hand in the official layout (.xlsx, .xls, .ods)."""
    root = tmp_path_factory.mktemp("six")
    cities = root / "市州"
    cities.mkdir()
    gy = root / "贵阳申报表"
    application(gy, "park", "园区.xlsx")                                                      # 35,000 (3.5 亿元)
    application(gy, "enterprise", "企业.xlsx", sb_city="贵阳市")                              # 2,600
    refresh(cities / "贵阳市项目汇总表.xlsx", gy, city="贵阳市", now=T0)
    bj = root / "毕节申报表"
    application(bj, "base", "基地.xlsx", sb_city="毕节市")                                    # 8,000
    application(bj, "team", "团队.xlsx", sb_city="毕节市")                                    # 780
    refresh(root / "毕节市汇总表.xlsx", bj, city="毕节市", now=T0)
    official(cities / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
             [("红花岗区", "遵义黔北电商产业园", "示范园区", "国企", "8,000", "1,200", 88),
              ("汇川区", "遵义娄山关直播电商基地", "电商直播基地", "民企", 12000, 3000, None),
              ("播州区", "遵义辣椒电子商务有限公司", "示范企业", "民企", 6500, "900", "85")])
    lps = official(root / "六盘水.xlsx", "六盘水市2024年电商“十百千万”工程示范项目汇总表", "六盘水市",
                   [("钟山区", "六盘水凉都电商产业园", "园区", "国企", 9800, 2100, None),
                    ("盘州市", "盘州刺梨直播团队", "团队", "民企", 4200, 1500, None)], header=VARIED, total="typed")
    convert_many([root / "毕节市汇总表.xlsx", lps], "xls", cities)      # both .xls copies in one start
    asn = official(root / "安顺.xlsx", "安顺市2024年电商“十百千万”工程示范项目汇总表", "安顺市",
                   [("西秀区", "安顺屯堡电商产业园", "园区", "国企", 5000, 1000, None),
                    ("平坝区", "平坝樱花直播基地", "基地", "民企", 7300, 2000, None),
                    ("普定县", "普定韭黄电子商务有限公司", "企业", "民企", 2870, 600, None)])
    convert(asn, "ods", cities)
    official(cities / "铜仁市汇总表.xlsx", "铜仁市2024年电商“十百千万”工程示范项目汇总表", "铜仁市",
             [("碧江区", "铜仁梵净山电商产业园", "示范园区", "国企", 15000, 3000, None),
              ("万山区", "万山朱砂直播团队", "示范直播团队", "民企", 6620, 1100, None)], total="typed", merge_city=False)
    os.rename(cities / "六盘水.xls", cities / "六盘水市汇总表.xls")
    os.rename(cities / "安顺.ods", cities / "安顺市汇总表.ods")
    return cities


def city_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".xlsx", ".xls", ".ods") and not p.name.startswith("."))


def test_six_city_summaries_merge_into_every_project_and_the_right_total(six_cities, tmp_path, capsys):
    files = city_files(six_cities)
    assert len(files) == 6
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), *map(str, files)]) == 0
    got = province_rows(province)
    assert len(got) == TOTAL_PROJECTS
    assert all(isinstance(r[TRADE], (int, float)) for r in got)            # "8,000" typed as text is a number
    assert sum(r[TRADE] for r in got) == TOTAL_TRADE
    assert stats(province) == CITY_COUNTS
    assert {r["项目类型"] for r in got} == {"园区", "基地", "企业", "团队"}      # 示范园区, 电商直播基地 … understood
    zy = [r for r in got if r["市（州）"] == "遵义市"]
    assert {r["企业名称"] for r in zy} == {"遵义黔北电商产业园", "遵义娄山关直播电商基地", "遵义辣椒电子商务有限公司"}
    assert {r["市州评分"] for r in zy} == {88, None, 85}
    assert not any(r["企业名称"] in ("合计", None) or str(r["序号"]).startswith("合计") for r in got)
    assert all(r["状态"] == "有效" for r in got)
    out = capsys.readouterr().out
    assert f"有效项目 {TOTAL_PROJECTS} 项" in out and "123670 万元" in out and "不完整" not in out


def test_an_unreadable_city_is_never_dropped_silently(six_cities, tmp_path, capsys):
    files = city_files(six_cities)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), *map(str, files)]) == 0
    anshun = next(p for p in files if p.name.startswith("安顺"))
    broken = tmp_path / "市州" / anshun.name
    broken.parent.mkdir()
    broken.write_bytes(anshun.read_bytes()[:3000])                          # a download that did not finish
    files = [broken if p == anshun else p for p in files]
    capsys.readouterr()
    assert main(["merge", str(province), *map(str, files)]) == 1
    captured = capsys.readouterr()
    assert anshun.name in captured.err and "不完整" in captured.out
    wb = load_workbook(province)
    assert anshun.name in [r[0] for r in wb["问题文件"].iter_rows(min_row=3, values_only=True)]
    sheet_text = " ".join(str(c) for row in wb["统计"].iter_rows(values_only=True) for c in row if c)
    assert "未能读取" in sheet_text and anshun.name in sheet_text
    got = province_rows(province)
    anshun_rows = [r for r in got if r["市（州）"] == "安顺市"]
    assert len(anshun_rows) == 3                                             # last good data kept, not 已撤回
    assert all(r["状态"] == "有效" and KEPT in r["问题"] for r in anshun_rows)


def test_first_merge_with_an_unreadable_city_says_the_total_is_incomplete(six_cities, tmp_path, capsys):
    files = city_files(six_cities)
    bad = tmp_path / "黔南州汇总表.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), *map(str, files), str(bad)]) == 1
    got = province_rows(province)
    assert len(got) == TOTAL_PROJECTS and sum(r[TRADE] for r in got) == TOTAL_TRADE
    out = capsys.readouterr()
    assert "合计不完整" in out.out and bad.name in out.err


def test_merging_nothing_readable_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "遵义市汇总表.xlsx"
    bad.write_text("序号,企业名称\n1,甲\n", encoding="utf-8")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(bad)]) == 2
    assert not province.exists() and "未改动" in capsys.readouterr().err


def test_merging_one_city_replaces_only_that_city_and_notes_follow_renamed_files(six_cities, tmp_path):
    work = tmp_path / "市州"
    shutil.copytree(six_cities, work)
    files = city_files(work)
    province = tmp_path / "全省.xlsx"
    merge(province, files, now=T0)
    # the province adds its own column and a note on a 遵义 project
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    note_col = ws.max_column + 1
    ws.cell(3, note_col).value = "省厅备注"
    row = next(r["_row"] for r in rows(province) if r["企业名称"] == "遵义娄山关直播电商基地")
    ws.cell(row, note_col).value = "已实地核查"
    wb.save(province)
    # 遵义 sends a new version under another name, one project dropped and one amount corrected
    zy = work / "遵义市汇总表.xlsx"
    official(work / "遵义市汇总表（第二次报送）.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
             [("汇川区", "遵义娄山关直播电商基地", "基地", "民企", 12500, 3000, 90),
              ("播州区", "遵义辣椒电子商务有限公司", "企业", "民企", 6500, 900, 85)])
    zy.unlink()
    report = merge(province, [work / "遵义市汇总表（第二次报送）.xlsx"], now=T1)
    assert report.update.added == 0 and report.update.withdrawn == 1
    got = by_name(province)
    assert len(got) == TOTAL_PROJECTS
    assert got["遵义黔北电商产业园"]["状态"] == "已撤回"
    assert got["遵义黔北电商产业园"]["问题"].startswith("已撤回：该市（州）本次报送的汇总表中已没有这一行")
    assert all(r["状态"] == "有效" for n, r in got.items() if n != "遵义黔北电商产业园")   # other cities untouched
    base = got["遵义娄山关直播电商基地"]
    assert base["_row"] == row and base[TRADE] == 12500 and base["市州评分"] == 90
    assert load_workbook(province)["项目汇总表"].cell(row, note_col).value == "已实地核查"


def test_the_city_column_wins_over_the_title(tmp_path):
    path = official(tmp_path / "汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "铜仁市",
                    [("碧江区", "铜仁某电子商务有限公司", "企业", "民企", 3000, 800, None)])
    assert read_summary(path).city == "遵义市"
    province = tmp_path / "全省.xlsx"
    merge(province, [path], now=T0)
    (row,) = rows(province)
    assert row["市（州）"] == "铜仁市" and "XC_SUMMARY_MISMATCH" in row["问题"] and "遵义市" in row["问题"]


def test_hand_made_summary_rows_are_read_by_the_header_row(six_cities):
    summary = read_summary(next(p for p in city_files(six_cities) if p.name.startswith("六盘水")))
    assert summary.city == "六盘水市" and not summary.made_by_tool
    assert [(r["企业名称"], r["市（州）"], r[TRADE]) for r in summary.rows] == [
        ("六盘水凉都电商产业园", "六盘水市", 9800), ("盘州刺梨直播团队", "六盘水市", 4200)]
    tool = read_summary(next(p for p in city_files(six_cities) if p.name.startswith("毕节")))   # .xls: table lost
    assert tool.city == "毕节市" and len(tool.rows) == 2 and all(r["统一社会信用代码"] for r in tool.rows)


# --- refresh: exit codes, unreadable applications, versions ----------------------------------------------

def test_refresh_exit_codes(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    (apps / "损坏.xlsx").write_bytes(b"PK\x03\x04broken")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    err = capsys.readouterr().err
    assert "损坏.xlsx" in err and summary.exists()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1          # still incomplete, nothing changed
    (apps / "企业.xlsx").unlink()
    before = sha(summary)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 2          # nothing readable: nothing done
    assert sha(summary) == before and "未改动" in capsys.readouterr().err
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    assert main(["refresh", str(tmp_path / "新.xlsx"), "--from", str(empty)]) == 2
    assert not (tmp_path / "新.xlsx").exists()
    with pytest.raises(SystemExit) as e:                                      # usage error: nothing done, not 1
        main(["refresh", str(summary)])
    assert e.value.code == 2


def test_an_unreadable_application_keeps_its_row(tmp_path, make_workbook):
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    team_name = example("team")["sb_name"]
    data = (apps / "团队.xlsx").read_bytes()
    (apps / "团队.xlsx").write_bytes(data[: len(data) // 2])                   # damaged in an e-mail
    report = refresh(summary, apps, now=T1)
    got = by_name(summary)
    assert got[team_name]["状态"] == "有效" and got[team_name]["问题"].startswith(KEPT)
    assert got[team_name][TRADE] == 780 and report.update.withdrawn == 0 and report.update.kept == 1
    # re-sent as .xls: the old file is gone, the new one is that application (read, or kept while unreadable)
    convert(apps / "企业.xlsx", "xls", apps)
    (apps / "企业.xlsx").unlink()
    refresh(summary, apps, now=T2)
    got = by_name(summary)
    ent = got[example("enterprise")["sb_name"]]
    assert ent["状态"] == "有效" and (KEPT in (ent["问题"] or "") or ent["来源文件"] == "企业.xls")
    (apps / "团队.xlsx").unlink()                                             # now it is gone: 已撤回
    refresh(summary, apps, now=T2)
    assert by_name(summary)[team_name]["状态"] == "已撤回"


def test_two_versions_of_one_application_the_later_fill_date_wins(tmp_path, make_workbook):
    apps = tmp_path / "申报表"
    apps.mkdir()
    name = example("enterprise")["sb_name"]
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=1500)), apps / "贵州山珍优品申报表.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=1800, sb_fill_date=date(2024, 4, 28))),
                apps / "2024.4.28更正-贵州山珍优品申报表.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    (row,) = rows(summary)
    assert row["企业名称"] == name and row[TRADE] == 1800
    assert row["来源文件"] == "2024.4.28更正-贵州山珍优品申报表.xlsx"
    assert "贵州山珍优品申报表.xlsx" in row["问题"] and "采用“2024.4.28更正" in row["问题"]
    assert "XC_CROSS_APP" not in row["问题"]


def test_two_versions_with_the_same_fill_date_the_later_file_wins(tmp_path, make_workbook):
    apps = tmp_path / "申报表"
    apps.mkdir()
    newer, older = apps / "a-改.xlsx", apps / "b-原.xlsx"
    shutil.move(make_workbook("team", example("team", sb_live_sales=900)), newer)
    shutil.move(make_workbook("team", example("team", sb_live_sales=700)), older)
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_710_000_000, 1_710_000_000))
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    (row,) = rows(summary)
    assert row[TRADE] == 900 and row["来源文件"] == "a-改.xlsx"


def test_same_code_under_two_types_is_two_applications(tmp_path, make_workbook):
    apps = tmp_path / "申报表"
    apps.mkdir()
    code = example("enterprise")["sb_uscc"]
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    shutil.move(make_workbook("team", example("team", sb_uscc=code)), apps / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    got = rows(summary)
    assert sorted(r["项目类型"] for r in got) == ["企业", "团队"]
    assert all("XC_CROSS_APP" in r["问题"] for r in got)
    report = refresh(summary, apps, now=T1)
    assert report.update.added == 0 and len(rows(summary)) == 2


# --- 合计 rows and pasted rows ------------------------------------------------------------------------------

def _add_total(summary: Path, inside: bool, typed: bool) -> int:
    """A clerk types 合计 under the table; Excel extends the table over it (``inside``) or not."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    header = {c.value: c.column for c in ws[3]}
    last = int("".join(ch for ch in table.ref.split(":")[1] if ch.isdigit()))
    total = last + 1
    ws.cell(total, 1).value = "合计"
    for col in (TRADE, "年度网络零售额（万元）"):
        c = header[col]
        letter = ws.cell(3, c).column_letter
        ws.cell(total, c).value = (sum(ws.cell(r, c).value or 0 for r in range(4, last + 1)) if typed
                                   else f"=SUM({letter}4:{letter}{last})")
    if inside:
        table.ref = table.ref.split(":")[0] + ":" + "".join(ch for ch in table.ref.split(":")[1] if ch.isalpha()) + str(total)
        table.autoFilter.ref = table.ref
    ws.cell(total + 2, 1).value = "填报人：王五"
    wb.save(summary)
    return total


def summary_with_a_total(tmp_path: Path, make_workbook, name: str, inside: bool, typed: bool) -> tuple[Path, Path, int]:
    """(summary, applications folder, the 合计 row): an enterprise and a team summarised, 合计 typed under them."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / name
    refresh(summary, apps, now=T0)
    return summary, apps, _add_total(summary, inside, typed)


@pytest.mark.parametrize("inside", [True, False])
def test_total_row_stays_last_and_its_formulas_cover_every_row(tmp_path, make_workbook, inside):
    summary, apps, total = summary_with_a_total(tmp_path, make_workbook, "汇总表.xlsx", inside, typed=False)
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    shutil.move(make_workbook("base"), apps / "基地.xlsx")
    report = refresh(summary, apps, now=T1)
    assert report.update.added == 2 and report.update.withdrawn == 0
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    projects = [r for r in range(4, total + 3) if ws.cell(r, header["企业名称"]).value]
    assert len(projects) == 4 and max(projects) == total + 1
    assert ws.cell(total + 2, 1).value == "合计" and ws.cell(total + 4, 1).value == "填报人：王五"
    letter = ws.cell(3, header[TRADE]).column_letter
    assert ws.cell(total + 2, header[TRADE]).value == f"=SUM({letter}4:{letter}{total + 1})"
    assert all(ws.cell(r, header["状态"]).value == "有效" for r in projects)
    assert ws.cell(total + 2, header["状态"]).value is None and ws.cell(total + 2, header["来源文件"]).value is None
    counted = sum(c for row in load_workbook(summary)["统计"].iter_rows(min_row=3, max_col=5, values_only=True)
                  if row[0] != "合计" for c in row[1:] if isinstance(c, int))
    assert counted == 4                                                       # the 合计 row is no project


def test_typed_total_is_recomputed_and_said_so(tmp_path, make_workbook):
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    total = _add_total(summary, inside=True, typed=True)
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    report = refresh(summary, apps, now=T1)
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    cell = ws.cell(total + 1, header[TRADE])
    assert ws.cell(total + 1, 1).value == "合计" and cell.value == 2600 + 780
    assert "重新计算" in report.describe() and cell.comment is not None


@pytest.mark.parametrize("extended", [True, False])
def test_pasted_rows_without_code_are_matched_by_name(tmp_path, make_workbook, extended):
    """Pasted under the table; Excel extends the table over the row, another program's paste may not."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    table = ws.tables["sb_summary"]
    ws.cell(5, header["序号"]).value = 2                                      # pasted from last year's list
    ws.cell(5, header["企业名称"]).value = "贵州山珍优品电子商务 有限责任公司"
    ws.cell(5, header["项目类型"]).value = "示范企业"
    ws.cell(5, header[TRADE]).value = "2,600"
    ws.cell(5, header["市州评分"]).value = 91
    if extended:
        table.ref = table.ref.split(":")[0] + ":" + "".join(ch for ch in table.ref.split(":")[1] if ch.isalpha()) + "5"
    wb.save(summary)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    report = refresh(summary, apps, now=T1)
    got = rows(summary)
    assert len(got) == 2 and report.update.added == 0
    ent = next(r for r in got if r["_row"] == 5)
    assert ent["统一社会信用代码"] == example("enterprise")["sb_uscc"] and ent["来源文件"] == "企业.xlsx"
    assert ent["项目类型"] == "企业" and ent[TRADE] == 2600 and ent["市州评分"] == 91
    assert "XC_SUMMARY_MISMATCH" not in (ent["问题"] or "")


def test_pasted_rows_are_counted_by_their_type_however_it_is_spelt(tmp_path, make_workbook):
    """A row pasted from last year's list, typed 示范园区 and matching no application, is kept as typed and
    counted in the 统计 sheet as a 园区 (issue 12.5: such spellings are understood)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    for r, (name, kind) in enumerate((("贵阳某电商产业园", "示范园区"), ("贵阳某直播基地", "电商直播基地")), 5):
        ws.cell(r, header["序号"]).value = r - 3
        ws.cell(r, header["企业名称"]).value = name
        ws.cell(r, header["项目类型"]).value = kind
        ws.cell(r, header["前置条件"]).value = "达标"
    wb.save(summary)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    refresh(summary, apps, now=T1)
    assert {r["企业名称"]: r["项目类型"] for r in rows(summary)}["贵阳某电商产业园"] == "示范园区"   # a person's row: kept
    ws = load_workbook(summary)["统计"]
    counts = {r[0]: r[1:5] for r in ws.iter_rows(min_row=3, max_col=5, values_only=True) if r[0] and r[0] != "合计"}
    assert sum(sum(c) for c in counts.values()) == 4                  # team + enterprise + the two pasted rows
    assert [sum(c[i] for c in counts.values()) for i in range(4)] == [1, 1, 1, 1]   # 园区, 基地, 企业, 团队


# --- refresh adopts a hand-made 附件4; outputs stay .xlsx ---------------------------------------------------

def test_refresh_adopts_a_hand_made_official_summary(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_city="遵义市")), apps / "企业.xlsx")
    shutil.move(make_workbook("team", example("team", sb_city="遵义市")), apps / "团队.xlsx")
    shutil.move(make_workbook("park", example("park", sb_city="遵义市")), apps / "园区.xlsx")
    summary = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                       [("凯里市", "贵州山珍优品电子商务有限公司", "示范企业", "民企", "2,600", 900, 86),
                        ("西秀区", "安顺黔味直播团队(安顺黔味文化传媒有限公司)", "示范直播团队", "民企", 780, 350, 80),
                        ("汇川区", "遵义市某未申报企业", "企业", "民企", 1000, 200, 70)])
    wb0 = load_workbook(summary)
    wb0.create_sheet("说明", 0)                                                   # the table is not on the first sheet
    wb0.save(summary)
    original = sha(summary)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert "3 行中 2 行对应到申报表" in out and "1 行没有对应的申报表" in out
    assert sha(summary.with_name(summary.name + ".bak")) == original
    wb = load_workbook(summary)
    assert wb.worksheets[0].title == "Sheet1" and "sb_summary" in wb.worksheets[0].tables
    got = table_rows(summary)
    assert len(got) == 4
    ent, team = got["贵州山珍优品电子商务有限公司"], got["安顺黔味直播团队(安顺黔味文化传媒有限公司)"]
    assert ent["市州评分"] == 86 and ent[TRADE] == 2600 and ent["来源文件"] == "企业.xlsx" and ent["状态"] == "有效"
    assert team["市州评分"] == 80 and team["统一社会信用代码"] == example("team")["sb_uscc"]
    kept = got["遵义市某未申报企业"]
    assert kept["市州评分"] == 70 and kept["状态"] is None and kept["市（州）"] == "遵义市"
    park = got["贵阳黔货出山电子商务产业园"]
    ws = wb.worksheets[0]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    assert total == park["_row"] + 1                                           # new rows above the 合计 row
    end = int(ws.tables["sb_summary"].ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert end == total - 1                           # the 合计 row just under the table: no reader takes it for a project
    assert ws.cell(total, 11).value == f"=SUM(K3:K{total - 1})"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0          # now a tool summary: refresh again
    assert len(table_rows(summary)) == 4


def test_refresh_adopts_a_hand_made_summary_formatted_as_a_table_with_one_table_only(tmp_path, make_workbook):
    """A clerk formatted the typed 附件4 as a table (开始 → 套用表格格式: Excel names it 表1), or renamed the tool's
    sb_summary. The take-over added sb_summary over the same cells and left 表1 there: two tables on one range,
    which Excel refuses to open without "repairing" (it deletes a table). Now sb_summary takes 表1's place."""
    from openpyxl.worksheet.table import Table, TableStyleInfo

    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_city="遵义市")), apps / "企业.xlsx")
    summary = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                       [("汇川区", "遵义市某未申报企业", "企业", "民企", 1000, 200, 70),
                        ("红花岗区", "遵义市另一家企业", "企业", "民企", 1200, 300, 75)],
                       header=VARIED, total=None, merge_city=False)   # a table holds no merged cells
    wb0 = load_workbook(summary)
    ws0 = wb0.worksheets[0]
    typed = Table(displayName="表1", ref="A2:M4")
    typed.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws0.add_table(typed)
    wb0.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary).worksheets[0]
    assert list(ws.tables) == ["sb_summary"]
    assert ws.tables["sb_summary"].tableStyleInfo.name == "TableStyleMedium2"   # the clerk's look kept
    assert len(table_rows(summary)) == 3
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0          # a tool summary now
    assert list(load_workbook(summary).worksheets[0].tables) == ["sb_summary"] and len(table_rows(summary)) == 3


def test_outputs_stay_xlsx_and_an_xls_summary_is_refused_with_how_to_convert(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    xlsx = tmp_path / "汇总表.xlsx"
    refresh(xlsx, apps, now=T0)
    xls = convert(xlsx, "xls", tmp_path / "old")
    before = sha(xls)
    assert main(["refresh", str(xls), "--from", str(apps)]) == 2
    err = capsys.readouterr().err
    assert "另存为" in err and ".xlsx" in err and sha(xls) == before
    assert main(["merge", str(tmp_path / "全省.xls"), str(xlsx)]) == 2
    assert not (tmp_path / "全省.xls").exists()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(xls)]) == 0         # but an .xls city summary is read
    assert len(rows(tmp_path / "全省.xlsx")) == 1


def test_title_filler_blank_section_and_subtotal_rows_are_not_projects(tmp_path):
    """A clerk's layout: a subtitle, sections merged across the table, blank rows, 小计 and 合计 rows."""
    wb = Workbook()
    ws = wb.active
    ws.append(["黔南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(["填报单位：黔南州商务局（盖章）"])
    ws.append(PRINTED)
    ws.append(["一、示范园区"])
    ws.merge_cells(f"A{ws.max_row}:M{ws.max_row}")
    ws.append([1, "黔南州", "都匀市", "都匀毛尖电商产业园", "都匀市某路", "园区", "国企", "业绩", "甲", "1", 20000, "5,000",
               None])
    ws.append([])
    ws.append(["二、示范企业"])
    ws.merge_cells(f"A{ws.max_row}:M{ws.max_row}")
    ws.append([2, "黔南州", "福泉市", "福泉电子商务有限公司", "福泉市某路", "企业", "民企", "业绩", "乙", "2", "3 000", 700, 80])
    ws.append(["小 计", None, None, None, None, None, None, None, None, None, 3000, 700])
    ws.append(["合  计：", None, None, None, None, None, None, None, None, None, 23000, 5700])
    ws.append(["填报人：李四    联系方式：0854-8221234"])
    path = tmp_path / "黔南.xlsx"
    wb.save(path)
    summary = read_summary(convert(path, "ods", tmp_path / "ods"))
    assert summary.city == "黔南州"
    assert [(r["企业名称"], r[TRADE], r["年度网络零售额（万元）"]) for r in summary.rows] == [
        ("都匀毛尖电商产业园", 20000, "5,000"), ("福泉电子商务有限公司", "3 000", 700)]
    province = tmp_path / "全省.xlsx"
    merge(province, [path], now=T0)
    got = by_name(province)
    assert sorted(got) == ["福泉电子商务有限公司", "都匀毛尖电商产业园"]
    assert got["福泉电子商务有限公司"][TRADE] == 3000 and got["都匀毛尖电商产业园"]["年度网络零售额（万元）"] == 5000


def test_the_reader_knows_the_columns_the_templates_print():
    from shibai_xl.adapters.xlsx.layout import SUMMARY_HEADER, SUMMARY_TOOL_COLUMNS
    from shibai_xl.engine.summary_table import OFFICIAL_COLUMNS, TOOL_COLUMNS, header_name

    assert OFFICIAL_COLUMNS == SUMMARY_HEADER and set(SUMMARY_TOOL_COLUMNS) <= set(TOOL_COLUMNS)
    assert [header_name(h) for h in PRINTED] == [header_name(h) for h in VARIED] == list(OFFICIAL_COLUMNS)


def _anshun_city(tmp_path: Path, make_workbook):
    """安顺市's summary refreshed from one team application: (folder, summary, workbook, its sheet, column of each
    title), for a clerk to type into."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    city = tmp_path / "安顺市汇总表.xlsx"
    refresh(city, apps, city="安顺市", now=T0)
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    return apps, city, wb, ws, {c.value: c.column for c in ws[3]}


def test_rows_typed_under_a_city_table_are_merged(tmp_path, make_workbook):
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    for col, value in (("序号", 2), ("市（州）", "安顺市"), ("企业名称", "安顺手工录入电子商务有限公司"), ("项目类型", "企业"),
                       (TRADE, "1,250")):
        ws.cell(5, header[col]).value = value                              # typed under the table, not extended
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    got = by_name(province)
    assert len(got) == 2 and got["安顺手工录入电子商务有限公司"][TRADE] == 1250


def test_rows_typed_under_a_city_table_after_a_gap_are_merged_or_said(tmp_path, make_workbook, capsys):
    """A project typed under the table after a blank row, or after a row without 企业名称, is merged; the row
    without 企业名称 is said and the merge exits 1 (QA: both were dropped unseen, exit 0, total 'complete')."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    typed = {6: ("安顺隔行录入电子商务有限公司", "1,250"), 7: (None, "300"), 8: ("安顺无名之后电子商务有限公司", "400")}
    for r, (name, trade) in typed.items():      # row 5 left blank
        for col, value in (("市（州）", "安顺市"), ("企业名称", name), ("项目类型", "企业"), (TRADE, trade)):
            ws.cell(r, header[col]).value = value
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 1
    got = by_name(province)
    assert len(got) == 3
    assert got["安顺隔行录入电子商务有限公司"][TRADE] == 1250 and got["安顺无名之后电子商务有限公司"][TRADE] == 400
    assert "安顺市汇总表.xlsx（第7行）" in capsys.readouterr().err


def test_a_project_typed_under_the_city_table_after_a_gap_is_taken_into_it_by_refresh(tmp_path, make_workbook,
                                                                                       capsys):
    """The city's own refresh counts the project a clerk typed under the table after a blank row, as the merge
    does: the table is extended over it, the 统计 counts it, and the terminal says so (it was left outside the
    table, counted by neither the city's 统计 nor mentioned)."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    for col, value in (("序号", 2), ("市（州）", "安顺市"), ("企业名称", "安顺隔行录入电子商务有限公司"), ("项目类型", "企业"),
                       (TRADE, 1250)):
        ws.cell(6, header[col]).value = value          # row 5 left blank
    wb.save(city)
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    assert "表格下方手工输入的 1 行项目已并入汇总表表格" in capsys.readouterr().out
    wb = load_workbook(city)
    assert wb["项目汇总表"].tables["sb_summary"].ref.endswith("6")
    assert stats(city) == {"达标": 1, "未检查": 1}
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0   # once: nothing more to say
    assert "并入" not in capsys.readouterr().out


def test_a_summary_read_for_its_title_or_rows_is_not_changed_until_it_is_updated(tmp_path, make_workbook):
    """A SummaryBook made to read (the title's 市（州）, whether it is the province's, its rows) sees the project
    typed under the table as one of its rows but leaves the workbook as it was; the update takes the row in
    and says so (a reading book used to change the workbook behind the update's back)."""
    from shibai_xl.adapters.xlsx.summary_apply import apply_records
    from shibai_xl.adapters.xlsx.summary_book import SummaryBook, summary_city

    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    for col, value in (("序号", 2), ("市（州）", "安顺市"), ("企业名称", "安顺隔行录入电子商务有限公司"), ("项目类型", "企业")):
        ws.cell(6, header[col]).value = value          # row 5 left blank
    ref, columns = ws.tables["sb_summary"].ref, [c.value for c in ws[3]]
    assert summary_city(wb) == "安顺市"
    book = SummaryBook(wb)
    assert 6 in book.project_rows() and book.get(6, "企业名称") == "安顺隔行录入电子商务有限公司"
    assert (ws.tables["sb_summary"].ref, [c.value for c in ws[3]]) == (ref, columns)
    assert not book.changed and not book.notes
    update = apply_records(wb, [], {}, None, datetime(2024, 5, 1))
    assert update.changed and ws.tables["sb_summary"].ref.endswith("6")
    assert any("表格下方手工输入的 1 行项目已并入汇总表表格" in n for n in update.notes)


@pytest.mark.parametrize("filler", [False, True])
def test_a_project_typed_under_the_total_or_filler_line_is_said_and_refresh_exits_1(tmp_path, make_workbook, capsys,
                                                                                    filler):
    """A project a clerk typed under the 合计 row (or under the 填报人 line below it) is not taken into the table:
    the city's refresh must say so and exit 1, since merge counts it (QA: refresh said nothing, exit 0, 统计 one
    project short of the province's)."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    ws.cell(5, 1).value = "合计"
    ws.cell(5, header[TRADE]).value = f"=SUM({ws.cell(4, header[TRADE]).coordinate})"
    row = 6
    if filler:
        ws.cell(6, 1).value = "填报人：张三"
        row = 7
    for col, value in (("市（州）", "安顺市"), ("企业名称", "安顺合计下录入电子商务有限公司"), ("项目类型", "基地"),
                       (TRADE, 3000), ("年度网络零售额（万元）", 1500)):
        ws.cell(row, header[col]).value = value
    wb.save(city)
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 1
    captured = capsys.readouterr()
    assert "安顺合计下录入电子商务有限公司" in captured.out and "未计入统计" in captured.err
    assert "全省合并会计入它们" in captured.err          # as the merge reads it: counted there, said (below)
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 1   # and again, nothing else new
    assert "安顺合计下录入电子商务有限公司" in capsys.readouterr().err
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    said = capsys.readouterr().out
    assert "安顺市 2 项" in said       # what the city's exit 1 warned about
    assert f"第{row}行 安顺合计下录入电子商务有限公司）" in said and "合计不含它们" in said


def test_lines_under_the_total_are_re_pointed_when_a_project_is_added(tmp_path, make_workbook, capsys):
    """其中：企业合计 =SUMIF(F4:F4,"企业",K4:K4) typed under the 合计 row: when refresh adds a project above the 合计,
    that line's ranges reach the new row as the 合计's do, and the terminal says so (it stayed short: QA)."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    k, f = ws.cell(4, header[TRADE]).column_letter, ws.cell(4, header["项目类型"]).column_letter
    ws.cell(5, 1).value, ws.cell(5, header[TRADE]).value = "合计", f"=SUM({k}4:{k}4)"
    ws.cell(6, 1).value, ws.cell(6, header[TRADE]).value = "其中：企业合计", f'=SUMIF({f}4:{f}4,"企业",{k}4:{k}4)'
    wb.save(city)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    assert "第7行（其中：企业合计）的年度交易额（万元）公式已改为算到表格的最后一行（第5行）" in capsys.readouterr().out
    ws = load_workbook(city)["项目汇总表"]
    assert ws.cell(6, 1).value == "合计" and ws.cell(6, header[TRADE]).value == f"=SUM({k}4:{k}5)"
    assert ws.cell(7, header[TRADE]).value == f'=SUMIF({f}4:{f}5,"企业",{k}4:{k}5)'


def test_every_formula_over_the_rows_is_said_when_a_project_is_withdrawn(tmp_path, make_workbook, capsys):
    """A withdrawn project counts nowhere (统计, merge): the clerk's own formulas over the table that still count it
    — =COUNTA of the names and =AVERAGE of 市州评分 in the 合计 row, 其中：企业合计 =SUMIF(…) under it — are asked
    to be checked, as a non-SUM amount formula is (they printed 2 projects, the withdrawn one's score in the mean
    and its amount in 其中：企业合计, without a word)."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    refresh(city, apps, city="安顺市", now=T0)
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    col = {name: ws.cell(4, c).column_letter for name, c in header.items()}
    ws.cell(4, header["市州评分"]).value, ws.cell(5, header["市州评分"]).value = 80, 90
    ws.cell(6, 1).value = "合计"
    ws.cell(6, header["企业名称"]).value = f"=COUNTA({col['企业名称']}4:{col['企业名称']}5)"
    ws.cell(6, header["市州评分"]).value = f"=AVERAGE({col['市州评分']}4:{col['市州评分']}5)"
    ws.cell(6, header[TRADE]).value = f"=SUM({col[TRADE]}4:{col[TRADE]}5)"
    ws.cell(7, 1).value = "其中：企业合计"
    ws.cell(7, header[TRADE]).value = f'=SUMIF({col["项目类型"]}4:{col["项目类型"]}5,"企业",{col[TRADE]}4:{col[TRADE]}5)'
    wb.save(city)
    (apps / "企业.xlsx").unlink()                                       # the enterprise withdraws
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    out = capsys.readouterr().out.replace("\n", "")
    assert "合计行（第6行）的年度交易额（万元）公式已改为不计已撤回的项目" in out
    for where in ("合计行（第6行）的企业名称", "合计行（第6行）的市州评分", "第7行（其中：企业合计）的年度交易额（万元）公式"):
        assert where in out and "请核对它是否把已撤回的项目也算进去了" in out.split(where, 1)[1][:60], (where, out)


def test_a_project_one_city_typed_without_its_code_is_still_a_cross_city_duplicate(tmp_path, capsys):
    """贵阳's tool summary carries the 统一社会信用代码; 六盘水's hand-typed 附件4 has the same company by name only:
    the merge reports it reported twice (XC_CROSS_APP), as it does when both rows carry the code."""
    example_files(tmp_path / "demo")
    gy = tmp_path / "贵阳市汇总表.xlsx"
    refresh(gy, tmp_path / "demo" / "申报表", city="贵阳市", batch="2024-05")
    name = next(n for n in table_rows(gy) if "有限公司" in n)
    lps = official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市2024年电商“十百千万”工程示范项目汇总表", "六盘水市",
                   [("钟山区", name, "示范企业", "民企", 2600, 900, 80)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy), str(lps)]) == 0
    printed = capsys.readouterr().out
    assert "跨市州重复 1 项" in printed and name in printed
    ws = next(w for w in load_workbook(out).worksheets if "sb_summary" in w.tables)
    header = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    rows = [{h: ws.cell(r, c).value for h, c in header.items()} for r in range(4, ws.max_row + 1)
            if ws.cell(r, header["企业名称"]).value]
    twice = [r for r in rows if r["企业名称"] == name]
    assert {r["报送市州"] for r in twice} == {"贵阳市", "六盘水市"}
    assert all("XC_CROSS_APP" in str(r["问题"]) for r in twice)
    assert all(r["批次"] == "2024-05" for r in rows if r["报送市州"] == "贵阳市")    # the batch travels with the row


def test_a_provincial_summary_among_the_cities_is_listed_not_counted(tmp_path, capsys):
    """Merging 全省.xlsx as if it were a city's would count every province row again under one city: it is listed
    as not read (exit 1), the totals are the cities' alone."""
    example_files(tmp_path / "demo")
    gy = tmp_path / "贵阳市汇总表.xlsx"
    refresh(gy, tmp_path / "demo" / "申报表", city="贵阳市")
    province = tmp_path / "全省.xlsx"
    merge(province, [gy])
    capsys.readouterr()
    again = tmp_path / "全省2.xlsx"
    assert main(["merge", str(again), str(province), str(gy)]) == 1
    printed = capsys.readouterr()
    assert "是全省汇总表，不是市（州）的项目汇总表" in printed.out + printed.err
    assert len(table_rows(again)) == len(table_rows(gy))


def test_two_versions_of_one_city_summary_are_counted_once(tmp_path, capsys):
    """遵义 sends its 附件4, then "遵义市汇总表(修改版)" saved as .xls: one amount corrected, one row deleted, one row
    added. A project both files carry is counted once, from the later file; the row only the earlier file has is
    counted and says so, and the terminal names both files — never the city's projects twice."""
    title = "遵义市2024年电商“十百千万”工程示范项目汇总表"
    first = official(tmp_path / "遵义市汇总表.xlsx", title, "遵义市",
                     [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, 88),
                      ("汇川区", "遵义娄山关直播电商基地", "基地", "民企", 12000, 3000, None),
                      ("播州区", "遵义辣椒电子商务有限公司", "企业", "民企", 6500, 900, None)])
    typed = official(tmp_path / "遵义市汇总表(修改版).xlsx", title, "遵义市",
                     [("红花岗区", "遵义黔北电商产业园", "示范园区", "国企", 9000, 1300, 90),
                      ("汇川区", "遵义娄山关直播电商基地", "基地", "民企", 12000, 3000, None),
                      ("湄潭县", "湄潭翠芽直播团队", "团队", "民企", 500, 100, None)])
    second = convert(typed, "xls", tmp_path / "来件")
    os.utime(first, (T0.timestamp(), T0.timestamp()))
    os.utime(second, (T1.timestamp(), T1.timestamp()))
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(second), str(first)]) == 0
    printed = capsys.readouterr().out
    got = table_rows(province)
    assert sorted(got) == sorted(["遵义黔北电商产业园", "遵义娄山关直播电商基地", "遵义辣椒电子商务有限公司", "湄潭翠芽直播团队"])
    assert got["遵义黔北电商产业园"][TRADE] == 9000 and got["遵义黔北电商产业园"]["市州评分"] == 90
    assert "较早" in got["遵义辣椒电子商务有限公司"]["问题"] and "遵义市汇总表.xlsx" in got["遵义辣椒电子商务有限公司"]["问题"]
    assert "年度交易额合计 28000 万元" in printed
    assert "遵义市有 2 个汇总表" in printed and "遵义市汇总表(修改版).xls" in printed and "被替代 2 项" in printed
    assert stats(province) == {"遵义市": 4}


def _figures(path: Path) -> dict[tuple, dict]:
    """The 统计 sheet's figures block (市州 × 项目类型 → its columns)."""
    ws = load_workbook(path)["统计"]
    cells = [list(r) for r in ws.iter_rows(values_only=True)]
    r0 = next(r for r, row in enumerate(cells) if "市州评分平均" in row)
    head = cells[r0]
    start = head.index("项目类型") - 1
    return {(row[start], row[start + 1]): dict(zip(head[start:], row[start:])) for row in cells[r0 + 1:]
            if row[start]}


def test_a_city_score_typed_85fen_counts_and_an_unreadable_one_is_said(tmp_path):
    """市州评分 as clerks type it: "85分" is 85 in the province's mean; "优秀" is no number — left out and said on
    its row, never dropped silently."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, "85分"),
                     ("汇川区", "遵义新蒲电商产业园", "园区", "国企", 7000, 1000, 90),
                     ("播州区", "遵义播州电商产业园", "园区", "国企", 6000, 900, "优秀")])
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    park = _figures(province)[("遵义市", "园区")]
    assert park["市州评分平均"] == 87.5 and park["市州已评分项目数"] == 2
    assert "市州评分“优秀”无法识别" in table_rows(province)["遵义播州电商产业园"]["问题"]


def test_a_project_row_typed_without_its_name_is_listed_not_dropped(tmp_path, capsys):
    """A clerk filled 县区, 项目类型 and the amounts of a row but not its 企业名称: the row cannot be counted under a
    name, so the merge lists it (terminal and 统计 sheet), says the total is incomplete and exits 1."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, None),
                     ("汇川区", None, "基地", "民企", 12000, 3000, None)])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 1
    printed = capsys.readouterr()
    assert "遵义市汇总表.xlsx（第4行）" in printed.out and "没有企业名称" in printed.out
    assert "年度交易额合计 8000 万元（不完整）" in printed.out
    assert "注意：1 行缺企业名称未能计入" in printed.err and "文件未能读取" not in printed.err   # a row, not a file
    assert "（已列在“统计”表中）" in printed.out and "问题文件" not in load_workbook(province).sheetnames
    stats = load_workbook(province)["统计"]
    listed = [v for r in stats.iter_rows(values_only=True) for v in r if v]
    assert "遵义市汇总表.xlsx（第4行）" in listed
    assert "合计不完整：1 行缺企业名称未能计入" in stats["A1"].value and "文件未能读取" not in stats["A1"].value


def test_a_project_whose_cells_begin_like_a_note_under_the_table_is_a_project(tmp_path, capsys):
    """主要业绩 typed as "负责人张三带领…" and 电话 as "联系方式：…" are a project's cells, not the 填报人 line under the
    table: the row is merged and counted (it was dropped without a word)."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, None),
                     ("汇川区", "遵义汇川直播基地", "基地", "民企", 12000, 3000, None)])
    wb = load_workbook(city)
    ws = wb.active
    ws["H4"], ws["J4"] = "负责人张三带领团队深耕直播电商，" * 10, "联系方式：0851-88551234"
    ws.append(["注：金额单位为万元。"])
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    printed = capsys.readouterr().out
    assert "遵义市 2 项" in printed and "年度交易额合计 20000 万元" in printed and "不完整" not in printed


def test_columns_a_city_added_travel_to_the_province_as_its_notes(tmp_path, capsys):
    """A person's edit is never dropped: 六盘水's hand-typed 附件4 has two columns of its own after 市州评分 (备注,
    推荐意见; one of them sent as .xls), 贵阳's tool summary a column its clerk added to the table. The provincial
    table's 市州备注 carries them per row, "title：value"; a row with nothing there stays blank; a second merge keeps
    one such column."""
    example_files(tmp_path / "demo")
    gy = tmp_path / "贵阳市汇总表.xlsx"
    refresh(gy, tmp_path / "demo" / "申报表", city="贵阳市", batch="2024-05")
    wb = load_workbook(gy)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    first, last = table.ref.split(":")
    right = column_index_from_string("".join(ch for ch in last if ch.isalpha())) + 1
    ws.cell(3, right).value = "备注（市局）"
    named = {ws.cell(r, 4).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value}
    park = next(n for n in named if "产业园" in n)
    ws.cell(named[park], right).value = "已实地核查"
    table.ref = f"{first}:{ws.cell(3, right).column_letter}{''.join(ch for ch in last if ch.isdigit())}"
    table.tableColumns.append(TableColumn(id=right, name="备注（市局）"))     # Excel extends the table over it
    table.autoFilter.ref = table.ref
    wb.save(gy)
    typed = official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市2024年电商“十百千万”工程示范项目汇总表", "六盘水市",
                     [("钟山区", "六盘水凉都优品电子商务有限公司", "企业", "民企", 2600, 900, 80),
                      ("水城区", "六盘水野玉海直播基地", "基地", "民企", 9000, 2100, 85)], total=None)
    wb = load_workbook(typed)
    ws = wb.active
    ws["N2"], ws["O2"] = "备注", "推荐 意见"                 # 推荐意见 merged over two columns (县, 市)
    ws.merge_cells("O2:P2")
    ws["N3"], ws["O3"], ws["P3"], ws["Q3"] = "新申报", "同意推荐", "市同意", "无标题的一列"
    ws["O4"] = datetime(2024, 4, 30)
    wb.save(typed)
    lps = convert(typed, "xls", tmp_path / "xls")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(gy), str(lps)]) == 0
    got = by_name(province)
    assert got["六盘水凉都优品电子商务有限公司"]["市州备注"] == ("备注：新申报；推荐意见：同意推荐；推荐意见：市同意；"
                                                          "Q列：无标题的一列")
    assert got["六盘水野玉海直播基地"]["市州备注"] == "推荐意见：2024-04-30"
    assert got[park]["市州备注"] == "备注（市局）：已实地核查"
    assert all(r["市州备注"] is None for n, r in got.items() if n != park and r["报送市州"] == "贵阳市")
    assert main(["merge", str(province), str(gy), str(lps)]) == 0
    ws = next(w for w in load_workbook(province).worksheets if "sb_summary" in w.tables)
    assert [ws.cell(3, c).value for c in range(1, ws.max_column + 1)].count("市州备注") == 1


def test_a_header_over_two_rows_is_no_project_and_its_second_row_names_the_citys_columns(tmp_path, capsys):
    """附件4 typed with a two-row header: the official titles merged down over both rows, the city's 推荐意见 over
    县级 | 市级 below it. The second header row is no project (it was counted as one, named 企业名称), and its
    titles name the city's columns in 市州备注."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append([*PRINTED, "推荐意见", None])
    ws.append([None] * 13 + ["县级意见", "市级意见"])
    for c in range(1, 14):
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    ws.merge_cells("N2:O2")
    ws.append([1, "遵义市", "汇川区", "贵州遵义甲电子商务有限公司", "遵义市汇川区", "企业", "民企", "业绩" * 80, "王",
               "13800000001", 5000, 800, 85, "县同意", "市同意"])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(tmp_path / "遵义市汇总表.xlsx")]) == 0
    assert "遵义市 1 项" in capsys.readouterr().out
    got = by_name(tmp_path / "全省.xlsx")
    assert list(got) == ["贵州遵义甲电子商务有限公司"]
    assert got["贵州遵义甲电子商务有限公司"]["市州备注"] == "推荐意见/县级意见：县同意；推荐意见/市级意见：市同意"


def test_a_city_score_above_the_types_full_marks_is_said_and_not_averaged(tmp_path):
    """市州评分 101 for a 团队 (附件5: 100 in all) or 125 for a 园区 (120 with 开放创新) is a slip: said on its row
    and left out of the mean, as an unreadable one is; 120 for a 园区 counts."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, 120),
                     ("汇川区", "遵义新蒲电商产业园", "园区", "国企", 7000, 1000, 125),
                     ("湄潭县", "湄潭翠芽直播团队", "团队", "民企", 500, 100, 101),
                     ("播州区", "遵义播州直播团队", "团队", "民企", 600, 100, 80)])
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    figures = _figures(province)
    assert figures[("遵义市", "园区")]["市州评分平均"] == 120 and figures[("遵义市", "园区")]["市州已评分项目数"] == 1
    assert figures[("遵义市", "团队")]["市州评分平均"] == 80
    rows = table_rows(province)
    assert "市州评分101超出该类项目的0～100分，未计入平均分" in rows["湄潭翠芽直播团队"]["问题"]
    assert "市州评分125超出该类项目的0～120分" in rows["遵义新蒲电商产业园"]["问题"]
    assert "市州评分" not in (rows["遵义黔北电商产业园"]["问题"] or "")


def test_a_city_score_struck_through_is_blank_and_junk_is_still_said(tmp_path):
    """A city marks a project not scored yet with “-”, “—” or “/” in 市州评分, as it does an amount not applicable: the
    merge said “市州评分“-”无法识别，未计入平均分” on its row. Such a mark is a blank score (nothing said, not in the
    mean); a score nobody can read (“优”, “约80”) is still said."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, 90),
                     ("汇川区", "遵义甲公司", "企业", "民企", 700, 100, "-"),
                     ("湄潭县", "遵义乙公司", "企业", "民企", 500, 100, "—"),
                     ("播州区", "遵义丙公司", "企业", "民企", 600, 100, " / "),
                     ("桐梓县", "遵义丁公司", "企业", "民企", 600, 100, "优"),
                     ("正安县", "遵义戊公司", "企业", "民企", 600, 100, "约80")])
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    rows = table_rows(province)
    for name in ("遵义甲公司", "遵义乙公司", "遵义丙公司"):
        assert "市州评分" not in (rows[name]["问题"] or ""), rows[name]["问题"]
    assert "市州评分“优”无法识别，未计入平均分" in rows["遵义丁公司"]["问题"]
    assert "市州评分“约80”无法识别" in rows["遵义戊公司"]["问题"]
    assert next(v for k, v in _figures(province).items() if k[0] == "全省合计")["市州评分平均"] == 90


def test_a_city_score_above_every_types_full_marks_is_left_out_when_the_type_is_not_known(tmp_path):
    """项目类型 left blank or typed as no 附件5 type: 500 can be no project's score (120 at most) — it was counted in the
    city's and the province's 市州评分平均 (QA: 204 as the mean)."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, 100),
                     ("汇川区", "遵义某综合体", "综合体", "国企", 7000, 1000, 500),
                     ("湄潭县", "湄潭某公司", "", "民企", 500, 100, 110)])
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    figures = _figures(province)
    assert next(v for k, v in figures.items() if k[0] == "全省合计")["市州评分平均"] == 105, figures
    rows = table_rows(province)
    assert "市州评分500超出0～120分" in rows["遵义某综合体"]["问题"]
    assert "市州评分" not in (rows["湄潭某公司"]["问题"] or "")


def test_a_project_of_blank_or_unknown_type_is_counted_and_said(tmp_path):
    """项目类型 left blank or typed "综合体": the 统计 count table has a 类型未识别 column, so its 合计 is every
    project (it was 2 of 4), and the row says why."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, None),
                     ("汇川区", "遵义新蒲电商综合体", "综合体", "国企", 7000, 1000, None),
                     ("湄潭县", "湄潭翠芽直播团队", "团队", "民企", 500, 100, None),
                     ("播州区", "遵义播州电子商务有限公司", None, "民企", 600, 100, None)])
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    ws = load_workbook(province)["统计"]
    head = [c.value for c in ws[2]]
    assert head[:7] == ["市（州）", "园区", "基地", "企业", "团队", "类型未识别", "合计"]
    zunyi = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "遵义市")
    assert zunyi[1:6] == (1, 0, 0, 1, 2)
    rows = table_rows(province)
    assert "项目类型“综合体”无法识别" in rows["遵义新蒲电商综合体"]["问题"]
    assert "项目类型未填写" in rows["遵义播州电子商务有限公司"]["问题"]
    assert "项目类型" not in (rows["遵义黔北电商产业园"]["问题"] or "")


def test_a_summary_taken_over_is_never_said_to_be_left_unchanged(tmp_path, make_workbook, capsys):
    """The tool's own summary after its table was lost (.xls and back, 转换为区域), refreshed with nothing new: it is
    taken over and rewritten (table back, .bak made), and the terminal said 汇总表内容没有变化，文件未改写 (QA)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    wb = load_workbook(summary)
    del wb.worksheets[0].tables["sb_summary"]
    wb.save(summary)
    before = sha(summary)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert sha(summary) != before and "sb_summary" in load_workbook(summary).worksheets[0].tables
    assert "已改为本工具的汇总表" in out and "文件未改写" not in out


def test_natures_typed_in_full_reach_the_province_table_as_annex_4_asks(tmp_path):
    """附件4's 企业性质 is 国企/民企 (CONTRACT §3); a city types “国有企业”, “民营企业”, “私营企业”: the province table says
    国企/民企 as it says 园区/企业 for “示范园区”/“电商企业”, and leaves what is neither (“其他”) as typed."""
    path = official(tmp_path / "毕节市汇总表.xlsx", "毕节市2024年电商“十百千万”工程示范项目汇总表", "毕节市",
                    [("七星关区", "毕节乌蒙电商产业园", "示范园区", "国有企业", 15000, 3000, 90),
                     ("织金县", "织金竹荪电子商务有限公司", "电商企业", "民营企业", 1800, 600, 78),
                     ("大方县", "大方漆器电子商务有限公司", "企业", "私营企业", 1700, 500, 77),
                     ("威宁县", "威宁洋芋直播团队", "团队", "其他", 400, 350, 66)])
    province = tmp_path / "全省.xlsx"
    merge(province, [path], now=T0)
    got = {r["企业名称"]: (r["项目类型"], r["企业性质"]) for r in rows(province)}
    assert got == {"毕节乌蒙电商产业园": ("园区", "国企"), "织金竹荪电子商务有限公司": ("企业", "民企"),
                   "大方漆器电子商务有限公司": ("企业", "民企"), "威宁洋芋直播团队": ("团队", "其他")}


@pytest.mark.parametrize("label", ["全州合计", "共计", "黔南州合计", "本页小计（2个项目）", "全州共2家企业", "本州共 2 个项目"])
def test_a_total_labelled_in_the_name_column_is_no_project(tmp_path, label):
    """A clerk writes the total in the wide 企业名称 column as people say it (“全州合计”, “共计”, “黔南州合计”) and
    breaks it down under it (“其中：基地1个，企业1个”): neither is a project, so the city's total is not counted
    twice (7000 万元, 2 projects) — a company whose name holds 合计 in the middle still is one."""
    wb = Workbook()
    ws = wb.active
    ws.append(["黔南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    ws.append([1, "黔南州", "都匀市", "都匀毛尖直播基地", "地址", "基地", "民企", "业绩", "张三", "0854-1", 5000, 2000, 86])
    ws.append([2, "黔南州", "福泉市", "贵州联合计算电子商务有限公司", "地址", "企业", "民企", "业绩", "李四", "0854-2", 2000,
               500, 80])
    ws.append([None, None, None, label, None, None, None, None, None, None, 7000, 2500])
    ws.append([None, None, None, "其中：基地1个，企业1个", None, None, None, None, None, None, None, None])
    wb.save(tmp_path / "黔南州汇总表.xlsx")
    report = merge(tmp_path / "全省.xlsx", [tmp_path / "黔南州汇总表.xlsx"], now=T0)
    assert (report.projects, report.trade) == (2, 7000), report.describe()
    assert sorted(r["企业名称"] for r in rows(tmp_path / "全省.xlsx")) == ["贵州联合计算电子商务有限公司", "都匀毛尖直播基地"]


@pytest.mark.parametrize("kind", ["类小计", "类 合计", "类合计（1个）"])
def test_a_types_subtotal_labelled_by_its_class_is_no_project(tmp_path, kind):
    """A clerk sums each 项目类型 under its rows as people say it (“基地类小计”, “企业类 合计”): each was read as one more
    project without a 项目类型 — its subtotal counted again in the province (9000 万元, 4 projects, exit 0), a 类型未识别
    column in 统计 (QA). Like “园区小计”, it is a type's subtotal: 2 projects, 7000 万元."""
    wb = Workbook()
    ws = wb.active
    ws.append(["黔南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    ws.append([1, "黔南州", "都匀市", "都匀毛尖直播基地", "地址", "基地", "民企", "业绩", "张三", "0854-1", 5000, 2000, 86])
    ws.append([None, None, None, f"基地{kind}", None, None, None, None, None, None, 5000, 2000])
    ws.append([2, "黔南州", "福泉市", "福泉甲电子商务有限公司", "地址", "企业", "民企", "业绩", "李四", "0854-2", 2000, 500, 80])
    ws.append([None, None, None, f"企业{kind}", None, None, None, None, None, None, 2000, 500])
    ws.append([None, None, None, "全州合计", None, None, None, None, None, None, 7000, 2500])
    wb.save(tmp_path / "黔南州汇总表.xlsx")
    report = merge(tmp_path / "全省.xlsx", [tmp_path / "黔南州汇总表.xlsx"], now=T0)
    assert (report.projects, report.trade) == (2, 7000), report.describe()


def test_type_headings_typed_in_the_name_column_are_no_projects(tmp_path):
    """A clerk heads each type's projects with a line typed in the 企业名称 column (“一、示范直播基地”, “（二）电商企业”,
    “示范直播团队（1个）”) rather than merged across the table: headings, not projects — the province counts the
    city's 3 projects, not 6, and no 类型未识别 column appears in 统计."""
    wb = Workbook()
    ws = wb.active
    ws.append(["黔南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    ws.append([None, None, None, "一、示范直播基地"])
    ws.append([1, "黔南州", "都匀市", "都匀毛尖直播基地", "地址", "基地", "民企", "业绩", "张三", "0854-1", 5000, 2000, 86])
    ws.append([None, None, None, "（二）电商企业"])
    ws.append([1, "黔南州", "福泉市", "福泉电子商务有限公司", "地址", "企业", "民企", "业绩", "李四", "0854-2", 2000, 500, 80])
    ws.append([None, None, None, "示范直播团队（1个）"])
    ws.append([1, "黔南州", "荔波县", "荔波小七孔直播团队", "地址", "团队", "民企", "业绩", "王五", "0854-3", 300, 200, 75])
    wb.save(tmp_path / "黔南州汇总表.xlsx")
    report = merge(tmp_path / "全省.xlsx", [tmp_path / "黔南州汇总表.xlsx"], now=T0)
    assert (report.projects, report.trade) == (3, 7300), report.describe()
    assert sorted(r["企业名称"] for r in rows(tmp_path / "全省.xlsx")) == ["福泉电子商务有限公司", "荔波小七孔直播团队",
                                                                        "都匀毛尖直播基地"]


@pytest.mark.parametrize("mark", ["/", "—", "——", "－", "-", "／", "不涉及"])
def test_a_dash_or_slash_for_an_amount_a_project_does_not_have_is_blank_not_unreadable(tmp_path, capsys, mark):
    """A team has no 年度网络零售额: a clerk typing 附件4 by hand writes “/” or “—” there. That is an empty cell as
    the 统计 sheet counts it, not an amount nobody can read — the province total was called incomplete (exit 1)
    until the city sent its table again with the cell emptied."""
    path = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义某电子商务有限公司", "企业", "民企", 3000, 800, None),
                     ("汇川区", "遵义某文化传媒有限公司", "团队", "民企", 600, mark, None)])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(path)]) == 0, capsys.readouterr().err
    out = capsys.readouterr()
    assert "无法识别" not in out.out + out.err
    team = next(r for r in rows(province) if r["企业名称"] == "遵义某文化传媒有限公司")
    assert "FIELD_AMOUNT" not in str(team.get("问题") or "")
    report = merge(tmp_path / "全省2.xlsx", [path], now=T0)
    assert not report.incomplete and report.trade == 3600 and report.projects == 2


def test_amounts_a_city_typed_with_their_unit_are_numbers_in_the_province_table(tmp_path):
    """“1200万元”, “0.12亿元”, “12,000,000元” in a hand-typed 附件4: the 统计 sheet counted them (1200 each), but the
    province table kept the text, so a SUM over its 万元 column in Excel came out short. What no one can read stays."""
    path = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义甲电子商务有限公司", "企业", "民企", "1200万元", "0.12亿元", None),
                     ("汇川区", "遵义乙电子商务有限公司", "企业", "民企", "12,000,000元", "约六千万", None)])
    province = tmp_path / "全省.xlsx"
    report = merge(province, [path], now=T0)
    got = {r["企业名称"]: (r["年度交易额（万元）"], r["年度网络零售额（万元）"]) for r in rows(province)}
    assert got == {"遵义甲电子商务有限公司": (1200, 1200), "遵义乙电子商务有限公司": (1200, "约六千万")}, got
    assert report.trade == 2400 and report.amounts_left_out == ["遵义乙电子商务有限公司（年度网络零售额（万元））"]


def test_a_total_row_labelled_huizong_covers_the_new_projects(tmp_path, make_workbook):
    """"汇总" is what Excel and WPS (中文) write as a total row's label, and clerks type it too: such a row under the
    table was taken for a note, a new project was inserted above it and its =SUM(K4:K5) left short of it, silently."""
    summary, apps, total = summary_with_a_total(tmp_path, make_workbook, "汇总表.xlsx", inside=False, typed=False)
    wb = load_workbook(summary)
    wb["项目汇总表"].cell(total, 1).value = "汇总"
    wb.save(summary)
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    refresh(summary, apps, now=T1)
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    letter = ws.cell(3, header[TRADE]).column_letter
    assert ws.cell(total + 1, 1).value == "汇总"
    assert ws.cell(total + 1, header[TRADE]).value == f"=SUM({letter}4:{letter}{total})"


def test_a_park_typed_as_the_notice_names_it_is_a_park(tmp_path):
    """项目类型 typed "电商产业园", "电子商务产业园", "产业园" or "电商产业园区": 附件5 names the park type's rubric
    贵州省电商产业园区评选指标体系 and 通知二（二）1 has a 示范园区 built on a 产业园区 — no other type is meant. They
    were counted under 类型未识别 with a warning, the 园区 count one short and the row out of review make."""
    kinds = ("电商产业园", "电子商务产业园", "产业园", "电商产业园区", "电子商务产业园区", "农业产业园", "物流园")
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", f"遵义第{i}电商产业园", kind, "国企", 40000, 3500, None) for i, kind in enumerate(kinds, 1)])
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    ws = load_workbook(province)["统计"]
    head = [c.value for c in ws[2]]
    assert "类型未识别" not in head
    zunyi = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "遵义市")
    assert zunyi[1:5] == (7, 0, 0, 0)
    rows = table_rows(province)
    assert all(r["项目类型"] == "园区" and "项目类型" not in (r["问题"] or "") for r in rows.values())
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(province), "--experts", "甲,乙,丙"]) == 0
    assert len(list(rdir.glob("专家评分表-*.xlsx"))) == 3


def test_a_project_typed_twice_into_a_hand_made_summary_is_said_and_counted_once(tmp_path, capsys):
    """A city's own 附件4 with the enterprise typed on two rows (序号 1 and 3), taken over by refresh with its
    application in the folder: the first row was matched, the second said to be "没有对应的申报表，原样保留" and
    counted again in the 统计 sheet (3 projects for 2, the enterprise under 达标 and 未检查) without a word. The row
    typed by hand repeating a project of another row is named on the terminal and counted once, as merge does."""
    apps = tmp_path / "申报表"
    application(apps, "enterprise", "企业.xlsx")
    application(apps, "team", "团队.xlsx", sb_city="黔东南州", sb_county="凯里市")
    name, team = example("enterprise")["sb_name"], example("team")["sb_name"]
    summary = official(tmp_path / "黔东南州汇总表.xlsx", "黔东南州2024年电商“十百千万”工程示范项目汇总表", "黔东南州",
                       [("凯里市", name, "企业", "民企", 2600, 900, 85), ("凯里市", team, "团队", "民企", 600, None, 80),
                        ("凯里市", f"{name} ", "电商企业", "民营企业", 2600, 900, 86)])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    assert "重复填写" in said and "第5行" in said and name in said, said
    ws = load_workbook(summary)["统计"]
    counts = {r[0]: r[1:5] for r in ws.iter_rows(min_row=3, max_col=5, values_only=True) if r[0]}
    assert counts == {"达标": (0, 0, 1, 1), "合计": counts["合计"]}, counts


def test_an_amount_typed_by_hand_that_no_total_can_count_is_said_by_refresh(tmp_path, capsys):
    """A hand-made 附件4 taken over by refresh with “约500万元” typed in a row of no application: refresh said nothing
    of it (its note on the 合计 row names only the figures typed as text that it can count), and the city sent a
    summary whose merge leaves the amount out and is incomplete (exit 1). Refresh names the cell, as merge will."""
    apps = tmp_path / "申报表"
    application(apps, "team", "团队.xlsx", sb_city="贵阳市", sb_county="南明区")
    summary = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市",
                       [("云岩区", "贵州乙电子商务有限公司", "企业", "国企", 3000, "约500万元", 80),
                        ("花溪区", "贵州丁电子商务有限公司", "基地", "民企", 8000, "#N/A", 88)])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    said = capsys.readouterr().out
    assert "无法识别" in said and "约500万元" in said and "贵州乙电子商务有限公司" in said, said
    assert "#N/A" in said and "贵州丁电子商务有限公司" in said, said
