"""Bundled example applications (fictitious companies) for ``shibai demo`` and the tests.

Values are what a person would type into the forms; each example meets the
conditions and most criteria, so a test can break one thing at a time.
"""
from __future__ import annotations

import random
from datetime import date
from typing import Any

from ..engine.parse.uscc import check_digit


def make_uscc(region: str = "520102", serial: str = "MA6DKQ8X1", head: str = "91") -> str:
    """A valid 统一社会信用代码 for a registering region (positions 3–8)."""
    body = head + region + serial
    return body + check_digit(body)


PERFORMANCE = (
    "本单位自成立以来深耕贵州特色农产品电商，围绕黔货出山搭建线上线下一体化销售体系，与多家知名电商平台和短视频平台建立稳定合作，"
    "年度网络交易额和网络零售额持续增长；建有标准化仓储物流中心和品控体系，带动周边农户和合作社稳定增收；"
    "常态化开展电商人才培训和直播带货孵化，累计培训学员数千人次，孵化本地主播和网店数百个，"
    "在助力乡村振兴、促进就业创业和区域品牌建设方面取得明显成效，获得当地党委政府和社会各界的充分肯定。"
)

_COMMON: dict[str, Any] = {
    "sb_authority": "贵阳市南明区商务局",
    "sb_address": "贵州省贵阳市南明区花果园大街1号",
    "sb_fill_date": date(2024, 4, 15),
    "sb_leader_name": "王明",
    "sb_leader_title": "总经理",
    "sb_leader_mobile": "13908510001",
    "sb_period_start": date(2023, 1, 1),
    "sb_period_end": date(2023, 12, 1),
    "sb_city": "贵阳市",
    "sb_county": "南明区",
    "sb_established": date(2020, 3, 18),
    "sb_credit_ok": "是",
    "sb_finance_ok": "是",
    "sb_contact": "李红",
    "sb_contact_phone": "0851-88552573",
    "sb_performance": PERFORMANCE,
}

_SERVICES_YES = {n: "是" for n in ("sb_svc_live", "sb_svc_crossborder", "sb_svc_logistics", "sb_svc_photo", "sb_svc_cs",
                                    "sb_svc_agency", "sb_svc_accounting", "sb_svc_patent", "sb_svc_consulting",
                                    "sb_svc_legal", "sb_adm_registration", "sb_adm_annual", "sb_adm_tax",
                                    "sb_adm_project")}

EXAMPLES: dict[str, dict[str, Any]] = {
    "park": {
        **_COMMON, **_SERVICES_YES,
        "sb_name": "贵阳黔货出山电子商务产业园",
        "sb_uscc": make_uscc("520102", "MA6DKQ8X1"),
        "sb_operator_name": "贵州黔货出山园区运营管理有限公司",
        "sb_operator_type": "国有或国有控股企业",
        "sb_trade_total": 3.5,            # 亿元
        "sb_online_retail": 4200,         # 万元
        "sb_area_park": 20000, "sb_area_ecom": 6000, "sb_area_service": 8000,
        "sb_telecom_agreement": "是", "sb_bandwidth_100m": "是",
        "sb_live_rooms": 12, "sb_public_areas": 6,
        "sb_has_platform": "是", "sb_platform_stats": "是", "sb_platform_three_flows": "是",
        "sb_resident_count": 12,
        "sb_demo_enterprises": 2, "sb_survey_enterprises": 1, "sb_listed_enterprises": 0, "sb_authorized_enterprises": 1,
        "sb_finance_coop": "是", "sb_talent_policy": "是",
        "sb_incubated": 12, "sb_incubation_rate": 60,    # %
        "sb_svc_collab": "是",
        "sb_expert_team": "是", "sb_brands": 8, "sb_staff_50": "是", "sb_rural": "是",
        "sb_plan_complete": "是", "sb_plan_phased": "是", "sb_quality_plan": "是",
        "sb_crossborder_usd": 800000,
    },
    "base": {
        **_COMMON, **_SERVICES_YES,
        "sb_name": "遵义红色之旅直播电商基地",
        "sb_city": "遵义市", "sb_county": "汇川区", "sb_authority": "遵义市汇川区商务局",
        "sb_address": "贵州省遵义市汇川区上海路10号",
        "sb_uscc": make_uscc("520303", "MA6H3B2K7"),
        "sb_operator_name": "遵义红色之旅文化传媒有限公司",
        "sb_operator_type": "民营企业",
        "sb_trade_total": 8000, "sb_online_retail": 2600,
        "sb_area_ecom": 1200, "sb_live_rooms": 8, "sb_public_area_ok": "是",
        "sb_has_platform": "是", "sb_platform_stats": "是",
        "sb_resident_count": 6, "sb_anchors": 25,
        "sb_demo_enterprises": 1, "sb_survey_enterprises": 0, "sb_listed_enterprises": 0, "sb_authorized_enterprises": 1,
        "sb_finance_coop": "是", "sb_talent_policy": "是",
        "sb_svc_event": "是",
        "sb_platform_coop": "是", "sb_brands": 5, "sb_rural": "是",
        "sb_plan_complete": "是", "sb_plan_phased": "是", "sb_quality_plan": "否",
        "sb_crossborder_usd": 120000,
    },
    "enterprise": {
        **_COMMON,
        "sb_name": "贵州山珍优品电子商务有限公司",
        "sb_city": "黔东南州", "sb_county": "凯里市", "sb_authority": "凯里市商务局",
        "sb_address": "贵州省黔东南州凯里市北京东路8号",
        "sb_uscc": make_uscc("522601", "MA6GQW4T3"),
        "sb_org_type": "民营企业",
        "sb_enterprise_kind": "平台类",
        "sb_trade_total": 2600, "sb_online_retail": 900,
        "sb_has_app": "是", "sb_logistics_coop": "是", "sb_online_share_50": "是", "sb_ecom_dept": "是",
        "sb_icp": "是", "sb_social_benefit": "是", "sb_rural": "是",
        "sb_online_share": 65,         # %
    },
    "team": {
        **_COMMON,
        "sb_name": "安顺黔味直播团队（安顺黔味文化传媒有限公司）",
        "sb_city": "安顺市", "sb_county": "西秀区", "sb_authority": "安顺市西秀区商务局",
        "sb_address": "贵州省安顺市西秀区黄果树大街18号",
        "sb_uscc": make_uscc("520402", "MA6J8N5P2"),
        "sb_established": date(2022, 6, 1),
        "sb_org_type": "民营企业",
        "sb_live_sales": 780,
        "sb_has_app": "是", "sb_experience_6m": "是", "sb_warehouse_system": "是", "sb_in_park": "是",
        "sb_anchors_5": "是", "sb_fans_1m": "是", "sb_brand_case": "是", "sb_license": "是",
        "sb_social_benefit": "是", "sb_rural": "是", "sb_agri_sales_50w": "是",
        "sb_fans": 1850000, "sb_agri_sales": 120,
    },
}

_INDUSTRIES = ("农产品", "食品加工", "服装", "工艺品", "物流", "直播服务", "茶叶", "白酒", "文旅", "数字服务")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def example_residents(app_type: str, n: int | None = None, seed: int = 7) -> list[dict[str, Any]]:
    """A 入驻企业名单 whose counts and sums agree with ``EXAMPLES[app_type]``.

    With ``n`` other than the declared count, the totals are spread over ``n`` rows (for benchmarks).
    """
    values = EXAMPLES[app_type]
    n = n or values["sb_resident_count"]
    trade_wan = float(values["sb_trade_total"]) * (10000 if app_type == "park" else 1)
    retail_wan = float(values["sb_online_retail"])
    rng = random.Random(seed)
    weights = [rng.uniform(0.5, 1.5) for _ in range(n)]
    total_w = sum(weights)
    trades = [round(trade_wan * w / total_w, 2) for w in weights]
    retails = [round(retail_wan * w / total_w, 2) for w in weights]
    trades[-1] = round(trade_wan - sum(trades[:-1]), 2)
    retails[-1] = round(retail_wan - sum(retails[:-1]), 2)
    notes = (["国家级电商示范企业"] * values.get("sb_demo_enterprises", 0)
             + ["商务部商贸流通典型统计调查企业"] * values.get("sb_survey_enterprises", 0)
             + ["已上市企业"] * values.get("sb_listed_enterprises", 0)
             + ["知名电商平台授权运营企业"] * values.get("sb_authorized_enterprises", 0))
    rows = []
    for i in range(n):
        region = "520102" if app_type == "park" else "520303"
        rows.append({
            "序号": i + 1,
            "企业名称": f"贵州{_SURNAMES[i % len(_SURNAMES)]}氏{_INDUSTRIES[i % len(_INDUSTRIES)]}电子商务有限公司{i + 1}号",
            "联系人": f"{_SURNAMES[(i * 7) % len(_SURNAMES)]}先生",
            "联系方式": f"139{(8510000 + i * 37) % 100000000:08d}",
            "企业网址": f"https://shop{i + 1}.example.cn",
            "所属行业（类型）": _INDUSTRIES[i % len(_INDUSTRIES)],
            "从业人数": 6 + (i % 9),
            "年度网络交易额（万元）": trades[i],
            "年度网络零售额（万元）": retails[i],
            "备注": notes[i] if i < len(notes) else "",
            "统一社会信用代码": make_uscc(region, f"MA{i:07d}"),
        })
    return rows


EXAMPLE_YEAR = 2024   # the notice year the examples are filled for (填表时间 2024-04-15, 统计期 2023)


def in_year(values: dict[str, Any], year: int) -> dict[str, Any]:
    """``values`` filled for the notice of ``year``: every date moved by the same whole years (填表时间 into that
    year's 一、申报时间, the 统计期 and 成立日期 as far before it as in 2024: a flaw such as 成立不足一年 stays one).

    >>> in_year(EXAMPLES["team"], 2025)["sb_fill_date"], in_year(EXAMPLES["team"], 2025)["sb_established"]
    (datetime.date(2025, 4, 15), datetime.date(2023, 6, 1))
    >>> in_year(EXAMPLES["team"], EXAMPLE_YEAR) == EXAMPLES["team"]
    True
    """
    shift = year - EXAMPLE_YEAR
    return {k: (v.replace(year=v.year + shift, day=min(v.day, 28) if v.month == 2 else v.day)
                if shift and isinstance(v, date) else v) for k, v in values.items()}


def flawed_examples() -> list[tuple[str, str, dict[str, Any], list[dict[str, Any]] | None, dict[str, str]]]:
    """Applications with the mistakes bureau staff meet every round, for ``shibai demo``:
    (type, file label, values, residents, material answers that differ from 是)."""
    enterprise = dict(EXAMPLES["enterprise"], sb_name="贵州黔味小作坊电子商务有限公司", sb_enterprise_kind="服务类",
                      sb_trade_total=None, sb_sales="一百八十万", sb_online_retail=120, sb_leader_mobile="0851-8855257",
                      sb_online_share=30, sb_online_share_50="是", sb_performance="主要做线上销售。",
                      sb_uscc=make_uscc("522301", "MA6KWE7R5"), sb_city="黔西南州", sb_county="兴义市")
    residents = example_residents("base")
    residents[4]["企业名称"] = residents[1]["企业名称"].replace("有限公司", "有限责任公司")
    residents[2]["年度网络零售额（万元）"] = residents[2]["年度网络交易额（万元）"] + 50
    base = dict(EXAMPLES["base"], sb_name="毕节乌蒙山直播电商基地", sb_operator_name="毕节乌蒙山文化传媒有限公司",
                sb_resident_count=9, sb_city="毕节市",
                sb_county="七星关区", sb_uscc=make_uscc("520502", "MA6P3L8T4"), sb_established=date(2023, 8, 1),
                sb_crossborder_usd=500000)
    return [
        ("enterprise", "示范企业-问题示例", enterprise, None, {"sb_mat_audit": "否"}),
        ("base", "示范直播基地-问题示例", base, residents, {}),
    ]
