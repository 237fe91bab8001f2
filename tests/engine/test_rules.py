"""The 2024 rules data against the notice itself."""
import re

import pytest

from shibai_xl.rules import available_years
from tests.conftest import NOTICE, TYPES


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def notice() -> str:
    if not NOTICE.exists():
        pytest.skip("notice not at ../shared/seeds")
    return _squash(NOTICE.read_text("utf-8"))


def test_year_files_are_listed():
    assert 2024 in available_years()


@pytest.mark.parametrize("app_type,base,bonus,total", [("park", 100, 20, 120), ("base", 100, 20, 120),
                                                         ("enterprise", 100, 0, 100), ("team", 100, 0, 100)])
def test_rubric_totals(rules, app_type, base, bonus, total):
    items = rules.rubric(app_type)
    assert sum(i.points for i in items if not i.bonus) == base
    t = rules.types[app_type]
    assert (t.base_total, t.bonus_cap, t.total) == (base, bonus, total)
    # 开放创新: 提质增效 10 + 跨境 >50万 10 (or <50万 3): the best case reaches the cap exactly
    if bonus:
        best = max(i.points for i in items if i.bonus and "跨境" in i.text) + sum(
            i.points for i in items if i.bonus and "跨境" not in i.text)
        assert best == bonus


@pytest.mark.parametrize("app_type", TYPES)
def test_every_item_wording_is_printed_in_the_notice(rules, notice, app_type):
    for item in rules.rubric(app_type):
        assert _squash(item.text) in notice, item.id
        assert _squash(item.level1) in notice, item.level1
        if item.level2:
            assert _squash(item.level2) in notice, item.level2


@pytest.mark.parametrize("app_type", TYPES)
def test_titles_and_preconditions_are_printed(rules, notice, app_type):
    t = rules.types[app_type]
    assert _squash(t.form_title) in notice
    assert _squash(t.rubric_title) in notice
    assert _squash(t.condition_text) in notice
    assert _squash(rules.rubric_info(app_type).precondition) in notice
    for th in t.thresholds:
        assert _squash(th.text) in notice


def test_level2_points_add_up(rules):
    """Each 二级指标's printed "(N分)" equals the sum of its items."""
    for app_type in TYPES:
        groups = {}
        for item in rules.rubric(app_type):
            label = item.level2 or item.level1
            groups.setdefault(label, 0)
            groups[label] += item.points
        for label, got in groups.items():
            m = re.search(r"[（(](\d+)分[)）]", label)
            if m and "≤" not in label:
                assert int(m.group(1)) == got, (app_type, label)


def test_thresholds_in_wan(rules):
    th = {(t, x.field, x.when): x.value for t in TYPES for x in rules.types[t].thresholds}
    assert th[("park", "sb_trade_total", None)] == 30000        # 3 亿元
    assert th[("park", "sb_online_retail", None)] == 3000
    assert th[("base", "sb_trade_total", None)] == 5000
    assert th[("base", "sb_online_retail", None)] == 1000
    assert th[("enterprise", "sb_trade_total", "平台类")] == 1000
    assert th[("enterprise", "sb_sales", "服务类")] == 200
    assert th[("enterprise", "sb_online_retail", None)] == 100
    assert th[("team", "sb_live_sales", None)] == 500
    assert [rules.types[t].min_years for t in TYPES] == [2, 1, 1, 1]


def test_type_names(rules):
    for name, t in [("园区", "park"), ("直播基地", "base"), ("企业", "enterprise"), ("直播团队", "team"),
                    ("示范园区", "park"), ("team", "team"), ("PARK", "park")]:
        assert rules.type_id(name) == t
    assert rules.type_id("工厂") is None


def test_materials_cover_section_four(rules, notice):
    labels = " ".join(m.section + m.label for m in rules.materials)
    for word in ("推荐报告", "申报书", "申报表", "印证材料", "信用中国", "执行信息公开网", "裁判文书网", "征信",
                 "营业执照", "ICP", "审计报告", "许可证"):
        assert word in labels


def test_the_loader_stays_a_function_whatever_is_imported_first():
    """``shibai_xl.rules.load`` is the loader function, given lazily by the package: a module of the same name,
    imported first by another module (uscc reads its GB 32100 table through the loader's cache), would have
    replaced it with the module — and every later ``load()`` failed as 'module' object is not callable (QA)."""
    import subprocess
    import sys

    for first in ("shibai_xl.engine.parse.uscc", "shibai_xl.examples", "shibai_xl.rules.loader"):
        code = f"import {first}\nfrom shibai_xl.rules import load\nprint(load().year)"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert done.stdout.strip() == "2024", (first, done.stderr[-500:])
