"""`check` and `refresh` read the same files the same way (README: “check 文件 和 refresh 用同一个函数找名单，结论一致”):
前置条件 and 自动评分 of every summary row equal `check --json`'s eligible and score.auto for its file."""
from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

from .helpers import make_app, residents_for, run, uscc
from .test_refresh import table_rows

STATUS = {True: "达标", False: "不达标", None: "待定"}


def _separate_list(folder: Path, owner: str, retail_total: float) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append([f"填报园区/基地：{owner}"])
    ws.append(["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
               "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"])
    for r in residents_for("base", retail_total=retail_total):
        ws.append([r["序号"], r["企业名称"], r["联系人"], r["联系方式"], r["企业网址"], r["所属行业（类型）"],
                   r["从业人数"], r["年度网络交易额（万元）"], r["年度网络零售额（万元）"], r["备注"]])
    wb.save(folder / f"{owner}入驻企业名单.xlsx")


def test_every_row_agrees_with_check(tmp_path):
    f = tmp_path / "申报表"
    f.mkdir()
    n = iter(range(1, 100))

    def code(head="91", region="522701"):
        return uscc(head, region, f"MA6AG{next(n):04d}")

    make_app(f, "park", name="p-good.xlsx", sb_name="甲园区", sb_uscc=code())
    make_app(f, "park", name="p-evidence.xlsx", sb_name="乙园区", sb_uscc=code(),
             residents=residents_for("park", retail_total=2500))
    make_app(f, "park", name="p-empty-list.xlsx", sb_name="丙园区", sb_uscc=code(), residents=[])
    make_app(f, "park", name="p-93.xlsx", sb_name="丁园区", sb_uscc=code("93"))
    make_app(f, "base", name="b-text.xlsx", sb_name="甲基地", sb_uscc=code(), sb_trade_total="陆仟万元",
             sb_online_retail="1,200")
    make_app(f, "base", name="b-separate.xlsx", sb_name="乙直播基地", sb_uscc=code(), residents=[])
    _separate_list(f, "乙直播基地", 1200)
    make_app(f, "base", name="b-separate-short.xlsx", sb_name="丙直播基地", sb_uscc=code(), residents=[])
    _separate_list(f, "丙直播基地", 800)
    make_app(f, "enterprise", name="e-92.xlsx", sb_name="某网店", sb_uscc=code("92"))
    make_app(f, "enterprise", name="e-branch.xlsx", sb_name="某公司贵阳分公司", sb_uscc=code())
    make_app(f, "enterprise", name="e-mat.xlsx", sb_name="某材料缺失公司", sb_uscc=code(), sb_mat_wenshu="否")
    make_app(f, "team", name="t-young.xlsx", sb_name="某新团队", sb_uscc=code(), sb_established="2023年6月1日")
    make_app(f, "team", name="t-good.xlsx", sb_name="某好团队", sb_uscc=code())
    summary = tmp_path / "汇总.xlsx"
    p = run("refresh", summary, "--from", f)
    assert p.returncode == 0, p.stderr
    _, rows, _, _ = table_rows(summary)
    by_file = {r["来源文件"]: r for r in rows}
    apps = sorted(x for x in f.glob("*.xlsx") if "名单" not in x.name)
    c = run("check", *apps, "--json")
    objs = json.loads(c.stdout)
    assert len(objs) == len(apps) == len(rows), (len(objs), len(apps), [r["来源文件"] for r in rows])
    mismatches = []
    for path, obj in zip(apps, objs, strict=True):
        row = by_file[path.name]
        if (STATUS[obj["eligible"]], float(obj["score"]["auto"])) != (row["前置条件"], float(row["自动评分"])):
            mismatches.append((path.name, obj["eligible"], obj["score"]["auto"], row["前置条件"], row["自动评分"]))
    assert not mismatches, mismatches
    expected = {"p-good.xlsx": "达标", "p-evidence.xlsx": "待定", "p-empty-list.xlsx": "待定", "p-93.xlsx": "待定",
                "b-text.xlsx": "达标", "b-separate.xlsx": "达标", "b-separate-short.xlsx": "待定",
                "e-92.xlsx": "不达标", "e-branch.xlsx": "待定", "e-mat.xlsx": "不达标", "t-young.xlsx": "不达标",
                "t-good.xlsx": "达标"}
    assert {k: by_file[k]["前置条件"] for k in expected} == expected
