"""The words a city types for its verdict in the 前置条件 column of a hand-typed 附件4, as `shibai merge` writes them
into the province table: 达标 / 不达标 / 待定 (CONTRACT §3), the city's own words kept in 市州备注, and what no word
says clearly never counted as 达标 nor left unsaid (notice 三（二）: the cities 审核把关 and 推荐 the projects)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries

from tests.acceptance.helpers import run

OFFICIAL = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
            "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]


def _city(tmp_path: Path, typed: list[str], title: str = "前置条件") -> Path:
    """遵义市's hand-typed 附件4: one 企业 row per verdict as typed, the company named 遵义第N电子商务有限公司."""
    city = tmp_path / "遵义市汇总表.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*OFFICIAL, title])
    for i, words in enumerate(typed):
        ws.append([i + 1, "遵义市", "汇川区", f"遵义第{i}电子商务有限公司", "汇川区", "企业", "民企", "业绩", "王",
                   "13985400009", 1000, 200, 88, words])
    wb.save(city)
    return city


def _merged(tmp_path: Path, typed: list[str], title: str = "前置条件") -> tuple[object, list[dict], list]:
    province = tmp_path / "全省.xlsx"
    p = run("merge", province, _city(tmp_path, typed, title))
    wb = load_workbook(province)
    ws = next(ws for ws in wb.worksheets if "sb_summary" in ws.tables)
    c1, r1, c2, r2 = range_boundaries(ws.tables["sb_summary"].ref)
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2)]
    by_name = {r[rows[0].index("企业名称")]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    stats = [list(r) for r in wb["统计"].iter_rows(values_only=True)]
    return p, [by_name[f"遵义第{i}电子商务有限公司"] for i in range(len(typed))], stats


def test_words_no_verdict_says_are_written_as_pending_and_named(tmp_path):
    """A city writes 待补充材料, 暂缓, 材料不全 in its 前置条件 column: merge wrote those words as typed into the province
    table's 前置条件 (CONTRACT §3: 达标 / 不达标 / 待定), its 统计 counted them as 未检查 and nothing was said. They say
    the city has not decided: 待定, the words in 市州备注, and the terminal and the row's 问题 name them."""
    typed = ["待补充材料", "暂缓", "材料不全", "达标"]
    p, rows, stats = _merged(tmp_path, typed)
    assert p.returncode == 0, p.stderr
    for words, row in zip(typed[:3], rows, strict=False):
        assert row["前置条件"] == "待定", (words, row["前置条件"])
        assert f"前置条件：{words}" in (row["市州备注"] or ""), row["市州备注"]
        assert f"前置条件填写为“{words}”" in (row["问题"] or ""), row["问题"]
    assert rows[3]["前置条件"] == "达标" and "前置条件" not in (rows[3]["问题"] or "")
    assert "3 行的“前置条件”" in p.stdout and "按待定计入" in p.stdout, p.stdout
    for words in typed[:3]:
        assert f"“{words}”" in p.stdout, p.stdout
    head = next(r for r in stats if "待定" in r and "达标" in r)
    total = next(r for r in stats if "全省合计" in r)
    at = head.index("达标")
    assert total[at:at + 3] == [1, 0, 3], (head, total)   # 达标, 不达标, 待定 (none 未检查)
    assert "未检查" not in head or not total[head.index("未检查")], (head, total)


def test_words_saying_the_verdict_are_not_named(tmp_path):
    """What the city's words do say (合格, 不推荐, ✓) is no row to name: no note, 前置条件 the verdict."""
    p, rows, _stats = _merged(tmp_path, ["合格", "不推荐", "✓"])
    assert p.returncode == 0, p.stderr
    assert [r["前置条件"] for r in rows] == ["达标", "不达标", "达标"]
    assert "按待定计入" not in p.stdout



def test_a_recommendation_in_the_clerks_words_is_its_verdict(tmp_path):
    """A city's clerk writes the verdict of its 初审 as the bureau says it: “拟推荐”, “初审通过”, “通过初审”, “审核合格”,
    “拟不推荐”, “初审不合格”. merge read none of them (each went into the province table as typed, since as 待定):
    the notice's cities 审核 and 推荐 (三（二）), so each says 达标 or 不达标, the words kept in 市州备注."""
    typed = {"拟推荐": "达标", "拟同意推荐": "达标", "初审通过": "达标", "通过初审": "达标", "审核合格": "达标",
             "初审合格。": "达标", "复核通过": "达标", "拟不推荐": "不达标", "初审不合格": "不达标", "拟不予推荐": "不达标",
             "暂缓": "待定", "推荐为基地": "待定"}
    p, rows, _stats = _merged(tmp_path, list(typed))
    assert p.returncode == 0, p.stderr
    assert {w: r["前置条件"] for w, r in zip(typed, rows, strict=True)} == typed
    assert all(f"前置条件：{w}" in r["市州备注"] for w, r in zip(typed, rows, strict=True))
    assert "2 行的“前置条件”" in p.stdout, p.stdout


def test_a_pass_with_materials_still_missing_is_no_pass(tmp_path):
    """“达标（材料待补）”, “符合，但缺审计报告”, “推荐（待补充审计报告）”: merge read the word before the note and wrote
    达标, counted 达标 without a word — yet the city says materials are still missing, and a project without its
    materials is not reviewed (notice 三（三）). 待定, named; a note that says nothing is missing stays 达标, a 不达标 stays."""
    typed = {"达标（材料待补）": "待定", "符合，但缺审计报告": "待定", "推荐（待补充审计报告）": "待定",
             "同意推荐，待核实": "待定", "符合（已实地核查）": "达标", "同意推荐（已补齐材料）": "达标",
             "不推荐（材料不全）": "不达标"}
    p, rows, _stats = _merged(tmp_path, list(typed))
    assert p.returncode == 0, p.stderr
    assert {w: r["前置条件"] for w, r in zip(typed, rows, strict=True)} == typed
    assert "4 行的“前置条件”" in p.stdout and "“达标（材料待补）”" in p.stdout, p.stdout


def test_a_yes_with_materials_still_missing_under_shi_fou_da_biao_is_no_pass(tmp_path):
    """是 under the city's 是否达标 title with a note that something is missing (“是（缺审计报告）”): 待定, named."""
    p, rows, _stats = _merged(tmp_path, ["是（缺审计报告）", "是（已核实）", "否"], title="是否达标")
    assert p.returncode == 0, p.stderr
    assert [r["前置条件"] for r in rows] == ["待定", "达标", "不达标"]
    assert "1 行的“前置条件”" in p.stdout, p.stdout
