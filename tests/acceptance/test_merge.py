"""`shibai merge` (CONTRACT §4, issues 5, 12, 17): hand-typed 附件4, old formats, unreadable cities, statistics."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

from .helpers import assert_no_traceback, has_chinese, make_app, run, sha, soffice_convert
from .test_refresh import table_rows

HAND_HEADER = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型\n（园区、基地、企业、团队）",
               "企业性质(国企/民企)", "企业运营情况及主要业绩（不少于150字）", "联系人", "电话",
               "(2023年1月-2023年12月)年度交易额（万元）", "(2023年1月-2023年12月)\n年度网络零售额(万元)", "市州评分"]
ZUNYI = [  # what a clerk in 遵义 types, as text where clerks type text
    [1, "遵义市", "汇川区", "遵义红色电商产业园", "遵义市汇川区上海路1号", "示范园区", "国企", "运营良好", "赵一",
     "13800000001", "32,000", "3,500", 85],
    [2, None, "红花岗区", "遵义黔北直播基地", "遵义市红花岗区中华路2号", "电商直播基地", "民企", "运营良好", "钱二",
     "13800000002", "8,000", "1,200.5", "90"],
    [3, None, "播州区", "贵州播州辣椒电子商务有限公司", "遵义市播州区3号", "示范企业", "民企", "运营良好", "孙三",
     "13800000003", 1500, 300, None],
]
ZUNYI_TRADE = 32000 + 8000 + 1500
ZUNYI_RETAIL = 3500 + 1200.5 + 300


def hand_typed_zunyi(path: Path, title_city: str = "遵义市") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = f"{title_city}2024年电商“十百千万”工程示范项目汇总表"
    ws.merge_cells("A1:M1")
    ws.append(HAND_HEADER)
    for row in ZUNYI:
        ws.append(row)
    ws.merge_cells("B3:B5")                       # the city typed once, merged down
    ws["B3"].alignment = Alignment(vertical="center")
    ws.append(["合计", None, None, None, None, None, None, None, None, None, "=SUM(K3:K5)", "=SUM(L3:L5)", None])
    ws.append([])
    ws.append(["填报人： 周四； 联系方式： 0851-12345678。"])
    ws.merge_cells("A8:M8")
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def cities(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cities")
    apps = tmp / "黔南申报表"
    apps.mkdir()
    make_app(apps, "park", name="园区.xlsx")
    make_app(apps, "team", name="团队.xlsx")
    qiannan = tmp / "黔南州汇总表.xlsx"
    p = run("refresh", qiannan, "--from", apps, "--city", "黔南州")
    assert p.returncode == 0, p.stderr
    zunyi = hand_typed_zunyi(tmp / "遵义市汇总表.xlsx")
    conv = soffice_convert([zunyi], "xls", tmp / "xls") + soffice_convert([zunyi], "ods", tmp / "ods")
    return {"tmp": tmp, "qiannan": qiannan, "zunyi": zunyi, "zunyi_xls": conv[0], "zunyi_ods": conv[1]}


def _province_rows(path):
    header, rows, ws, t = table_rows(path)
    projects = [r for r in rows if str(r.get("序号", "")).strip() not in ("合计", "总计")
                and r.get("企业名称") not in (None, "", "合计")]
    return header, projects


def _num(v):
    if v in (None, ""):
        return 0.0
    return float(str(v).replace(",", ""))


@pytest.mark.parametrize("fmt", ["zunyi", "zunyi_xls", "zunyi_ods"])
def test_merge_hand_typed_and_tool_summaries(cities, tmp_path, fmt):
    out = tmp_path / "全省.xlsx"
    inputs = [cities["qiannan"], cities[fmt]]
    hashes = [sha(p) for p in inputs]
    p = run("merge", out, *inputs)
    assert_no_traceback(p)
    assert p.returncode == 0, (p.returncode, p.stderr)
    header, rows = _province_rows(out)
    assert "市（州）" in header
    assert len(rows) == 5, [(r["市（州）"], r["企业名称"]) for r in rows]
    zy = [r for r in rows if r["市（州）"] == "遵义市"]
    qn = [r for r in rows if r["市（州）"] == "黔南州"]
    assert len(zy) == 3 and len(qn) == 2
    assert sorted(r["项目类型"] for r in zy) == ["企业", "园区", "基地"]
    # issue 12.5: '"8,000" written as text is a number in the province table'
    assert all(isinstance(r["年度交易额（万元）"], int | float) for r in zy), [r["年度交易额（万元）"] for r in zy]
    assert sum(_num(r["年度交易额（万元）"]) for r in zy) == pytest.approx(ZUNYI_TRADE)
    assert sum(_num(r["年度网络零售额（万元）"]) for r in zy) == pytest.approx(ZUNYI_RETAIL)
    assert {r["企业名称"]: r["市州评分"] for r in zy}["遵义红色电商产业园"] in (85, "85")
    assert sum(_num(r["年度交易额（万元）"]) for r in qn) == pytest.approx(36000 + 800)
    assert [sha(p) for p in inputs] == hashes
    wb = load_workbook(out)
    assert "统计" in wb.sheetnames


def test_merge_unreadable_city_exit_1_and_listed(cities, tmp_path):
    bad = tmp_path / "铜仁市汇总表.xlsx"
    bad.write_bytes(b"\x00" * 3000)
    out = tmp_path / "全省.xlsx"
    p = run("merge", out, cities["qiannan"], cities["zunyi"], bad)
    assert_no_traceback(p)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "铜仁市汇总表.xlsx" in p.stderr
    wb = load_workbook(out)
    assert "问题文件" in wb.sheetnames
    listed = " ".join(str(c.value) for row in wb["问题文件"].iter_rows() for c in row if c.value)
    assert "铜仁市汇总表.xlsx" in listed
    stats = " ".join(str(c.value) for row in wb["统计"].iter_rows() for c in row if c.value)
    assert "未能读取" in stats
    _, rows = _province_rows(out)
    assert len(rows) == 5


def test_merge_nothing_readable_exit_2_writes_nothing(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    a.write_bytes(b"")
    b.write_text("序号,企业名称\n1,某公司\n", encoding="utf-8")
    out = tmp_path / "全省.xlsx"
    p = run("merge", out, a, b)
    assert_no_traceback(p)
    assert p.returncode == 2
    assert has_chinese(p.stderr)
    assert not out.exists()


def test_merge_one_city_later_keeps_other_cities_and_notes(cities, tmp_path):
    out = tmp_path / "全省.xlsx"
    assert run("merge", out, cities["qiannan"], cities["zunyi"]).returncode == 0
    # the province writes a note on a 遵义 row (a column the person adds inside the table)
    header, rows, ws, t = table_rows(out)
    wb = load_workbook(out)
    ws = wb[ws.title]
    t = ws.tables[t.name]
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet.table import TableColumn
    c1, r1, c2, r2 = range_boundaries(t.ref)
    ws.cell(r1, c2 + 1).value = "省厅备注"
    t.tableColumns.append(TableColumn(id=len(t.tableColumns) + 1, name="省厅备注"))
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2 + 1)}{r2}"
    t.autoFilter = None
    target = next(r for r in rows if r["企业名称"] == "遵义黔北直播基地")
    ws.cell(target["_row"], c2 + 1).value = "需实地核查"
    wb.save(out)
    # 遵义 sends a renamed, corrected file: merge only 遵义
    renamed = hand_typed_zunyi(tmp_path / "遵义市汇总表（更正）.xlsx")
    wbz = load_workbook(renamed)
    wbz.active["K4"] = "9,000"
    wbz.save(renamed)
    p = run("merge", out, renamed)
    assert p.returncode == 0, p.stderr
    header, rows = _province_rows(out)
    assert len(rows) == 5, [(r["市（州）"], r["企业名称"], r.get("状态")) for r in rows]
    qn = [r for r in rows if r["市（州）"] == "黔南州"]
    assert len(qn) == 2 and all(r.get("状态") != "已撤回" for r in qn), qn
    base = next(r for r in rows if r["企业名称"] == "遵义黔北直播基地")
    assert base["省厅备注"] == "需实地核查"
    assert _num(base["年度交易额（万元）"]) == 9000
    assert base.get("状态") != "已撤回"


def test_title_city_differs_from_column(tmp_path):
    f = hand_typed_zunyi(tmp_path / "汇总表.xlsx", title_city="毕节市")
    out = tmp_path / "全省.xlsx"
    p = run("merge", out, f)
    assert p.returncode == 0, p.stderr
    header, rows = _province_rows(out)
    assert {r["市（州）"] for r in rows} == {"遵义市"}
    assert any("XC_SUMMARY_MISMATCH" in str(r.get("问题") or "") for r in rows), [r.get("问题") for r in rows]


def test_cross_city_duplicate_is_marked(cities, tmp_path):
    dup = hand_typed_zunyi(tmp_path / "毕节市汇总表.xlsx", title_city="毕节市")
    wb = load_workbook(dup)
    ws = wb.active
    ws.unmerge_cells("B3:B5")
    for r in (3, 4, 5):
        ws.cell(r, 2).value = "毕节市"
    wb.save(dup)
    out = tmp_path / "全省.xlsx"
    assert run("merge", out, cities["zunyi"], dup).returncode == 0
    header, rows = _province_rows(out)
    assert len(rows) == 6
    flagged = [r for r in rows if "XC_CROSS_APP" in str(r.get("问题") or "") or "重复" in str(r.get("问题") or "")]
    assert len(flagged) == 6, [(r["市（州）"], r["企业名称"], r.get("问题")) for r in rows]


def test_province_statistics_sums(cities, tmp_path):
    out = tmp_path / "全省.xlsx"
    assert run("merge", out, cities["qiannan"], cities["zunyi"]).returncode == 0
    wb = load_workbook(out)
    ws = wb["统计"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    flat_nums = [v for row in cells for v in row if isinstance(v, int | float)]
    # 全省合计 of 年度交易额 and 年度网络零售额 (万元) appear as numbers (hand-computed)
    total_trade = ZUNYI_TRADE + 36000 + 800
    total_retail = ZUNYI_RETAIL + 3600
    assert any(abs(v - total_trade) < 0.01 for v in flat_nums), cells
    assert any(abs(v - total_retail) < 0.01 for v in flat_nums), cells


def test_merge_output_xls_refused(cities, tmp_path):
    p = run("merge", tmp_path / "全省.xls", cities["qiannan"])
    assert_no_traceback(p)
    assert p.returncode == 2
    assert not (tmp_path / "全省.xls").exists()
