"""The official 申报表 of 附件2, row by row, as printed (typos and duplicated item
numbers included: base item 6 "驻电商企业…", team items 7–8 numbered twice).

Each row: (group, label, field name or None, unit). A blank in the printed form
becomes an input cell on its own row, labelled with the printed words before it. A question carrying one of the
notice's figures (粉丝数 100 万以上) is ``ASKED``: its words are the year file's (the field's ``printed``, else its
label), so that a later year's form asks that year's figure; :func:`form_rows` fills them in.
``SECTION`` rows are the form's band headings; ``APPROVAL`` is the
"市（州）商务主管部门审核意见" box.
"""
from __future__ import annotations

from ...engine.fmt import fmt
from ...rules import Rules, load

SUMMARY_SHEET = "项目汇总表"   # the 附件4 table's sheet in a summary the tool makes

SECTION, APPROVAL = "§", "审核意见"
ASKED = "¶"   # the label is the year file's wording of the field (Field.printed_for)
YN = "□是 □否"

Row = tuple[str, str, str | None, str]


def _header(leader_group: str, operator: bool) -> list[Row]:
    rows: list[Row] = [
        ("", "名称", "sb_name", ""),
        ("", "主管部门", "sb_authority", ""),
        ("", "地址", "sb_address", ""),
    ]
    if operator:
        rows += [
            ("运营机构", "名称", "sb_operator_name", ""),
            ("运营机构", "类型：□政府部门 □事业单位 □国有或国有控股企业 □民营企业 □其他", "sb_operator_type", "选择"),
            ("运营机构", "其他 _____", "sb_operator_type_other", ""),
        ]
    else:
        rows += [
            ("类型", "□国有或国有控股企业 □民营企业 □其他", "sb_org_type", "选择"),
            ("类型", "其他_____", "sb_org_type_other", ""),
        ]
    rows += [
        (leader_group, "姓名", "sb_leader_name", ""),
        (leader_group, "职务", "sb_leader_title", ""),
        (leader_group, "手机", "sb_leader_mobile", ""),
    ]
    return rows


def _services(group: str, lead: str, third: tuple[str, str], other: str, adm_lead: str, adm_other: str) -> list[Row]:
    """Items 12–13 (park) / 9–10 (base): one □ per row, the lead words and the 其他 blanks as each form prints them."""
    svc = [("sb_svc_live", "直播电商"), ("sb_svc_crossborder", "跨境电商"), third, ("sb_svc_logistics", "仓储物流"),
           ("sb_svc_photo", "摄影美工"), ("sb_svc_cs", "客服托管"), ("sb_svc_agency", "代运营"),
           ("sb_svc_accounting", "会计事务"), ("sb_svc_patent", "专利申办"), ("sb_svc_consulting", "评估咨询"),
           ("sb_svc_legal", "法律支持")]
    adm = [("sb_adm_registration", "工商注册"), ("sb_adm_annual", "年审年检"), ("sb_adm_tax", "税务登记"),
           ("sb_adm_project", "项目申报")]
    rows: list[Row] = [(group, (lead if i == 0 else "") + f"□{label}", name, "□") for i, (name, label) in enumerate(svc)]
    rows.append((group, other, "sb_svc_other", ""))
    rows += [(group, (adm_lead if i == 0 else "") + f"□{label}", name, "□") for i, (name, label) in enumerate(adm)]
    rows.append((group, adm_other, "sb_adm_other", ""))
    return rows


_PERIOD: list[Row] = [
    ("前置条件", "(202x年x月-202x年x月) 起", "sb_period_start", "年月"),
    ("前置条件", "(202x年x月-202x年x月) 止", "sb_period_end", "年月"),
]

PARK: list[Row] = [
    *_header("园区主要负责人", True),
    *_PERIOD,
    ("前置条件", "年度交易额达", "sb_trade_total", "亿元"),
    ("前置条件", "年度网络零售额达", "sb_online_retail", "万元"),
    (SECTION, "服务体系及设施", None, ""),
    ("硬件设施", "1. 园区面积", "sb_area_park", "平方米"),
    ("硬件设施", "电子商务业务区域使用面积", "sb_area_ecom", "平方米"),
    ("硬件设施", "电子商务配套服务区面积", "sb_area_service", "平方米"),
    ("硬件设施", "2. 园区与通讯商达成协议", "sb_telecom_agreement", YN),
    ("硬件设施", ASKED, "sb_bandwidth_100m", YN),
    ("硬件设施", "3. 有直播间", "sb_live_rooms", "间"),
    ("硬件设施", "公共区域（含培训、会议室）", "sb_public_areas", "个"),
    ("软件设施", "4. 有管理中台", "sb_has_platform", YN),
    ("软件设施", "5. 管理中台可查看入驻企业基本信息和统计销售数据", "sb_platform_stats", YN),
    ("软件设施", "6. 管理中台可实现现金流、物流、发票流三合一，协助企业数据入规入统", "sb_platform_three_flows", YN),
    (SECTION, "企业运营", None, ""),
    ("融合发展", "7. 园区已入驻电商企业", "sb_resident_count", "家"),
    ("融合发展", "8. 入驻电商企业中列为国家级或省级示范企业", "sb_demo_enterprises", "家"),
    ("融合发展", "列为商务部商贸流通典型统计调查企业", "sb_survey_enterprises", "家"),
    ("融合发展", "已上市企业", "sb_listed_enterprises", "家"),
    ("融合发展", "知名电商平台授权运营企业", "sb_authorized_enterprises", "家"),
    ("公共服务", ASKED, "sb_finance_coop", YN),
    ("公共服务", ASKED, "sb_talent_policy", YN),
    ("公共服务", "11. 每年孵化电商企业", "sb_incubated", "家"),
    ("公共服务", "孵化成功率", "sb_incubation_rate", "%"),
    *_services("公共服务", "12. 为入驻企业提供的专业服务类型：", ("sb_svc_collab", "协同服务"), "□其他专业服务_____",
               "13. 为入驻企业提供的行政服务类型：", "□其他行政便利化服务_____"),
    ("运营发展", "14. 建立专家团队、咨询机制、制定电商专项支持政策，能够开展政产学研多方面合作。", "sb_expert_team", YN),
    ("运营发展", "15. 入驻企业拥有或创建品牌数", "sb_brands", "个"),
    ("示范带动", ASKED, "sb_staff_50", YN),
    ("示范带动", "17. 在助力乡村振兴方面具备一定成效", "sb_rural", YN),
    (SECTION, "发展潜力", None, ""),
    ("发展潜力", "18. 提供完整并具备可行性的规划方案", "sb_plan_complete", YN),
    ("发展潜力", "19. 按照规划分阶段实施落地，能够完全实现规划内容", "sb_plan_phased", YN),
    (SECTION, "附加项", None, ""),
    ("开放创新", "20. 承担执行当地主管部门电商产业发展提质增效计划", "sb_quality_plan", YN),
    ("开放创新", "21. 跨境电商年销售额实现", "sb_crossborder_usd", "美元"),
    (APPROVAL, "市（州）商务主管部门审核意见", None, ""),
]

BASE: list[Row] = [
    *_header("基地主要负责人", True),
    *_PERIOD,
    ("前置条件", "年度交易额达", "sb_trade_total", "万元"),
    ("前置条件", "年度网络零售额达", "sb_online_retail", "万元"),
    (SECTION, "服务体系及设施", None, ""),
    ("硬件设施", "1. 电商区域面积", "sb_area_ecom", "平方米"),
    ("硬件设施", "2. 有公共直播间", "sb_live_rooms", "间"),
    ("硬件设施", "公共区域配套完善", "sb_public_area_ok", YN),
    ("硬件设施", "3. 有管理中台", "sb_has_platform", YN),
    ("硬件设施", "4. 管理中台可查看入驻企业基本信息和统计销售数据", "sb_platform_stats", YN),
    (SECTION, "企业运营", None, ""),
    ("融合发展", "5. 已入驻电商企业", "sb_resident_count", "家"),
    ("融合发展", "签约主播", "sb_anchors", "个"),
    ("融合发展", "6. 驻电商企业中列为国家级或省级示范企业", "sb_demo_enterprises", "家"),
    ("融合发展", "列为商务部商贸流通典型统计调查企业", "sb_survey_enterprises", "家"),
    ("融合发展", "已上市企业", "sb_listed_enterprises", "家"),
    ("融合发展", "知名电商平台授权运营企业", "sb_authorized_enterprises", "家"),
    ("融合发展", "7. 与金融机构建立合作关系", "sb_finance_coop", YN),
    ("融合发展", ASKED, "sb_talent_policy", YN),
    *_services("融合发展", "9. 为入驻企业提供的专业服务类型：", ("sb_svc_event", "活动策划"), "□其他专业服务 _____",
               "10. 入驻企业提供的行政服务类型：", "□其他行政便利化服务 _____"),
    ("运营发展", "11. 与知名电商、短视频、社交电商等平台合作，具备直播"
             "主播培训、货源展示对接等服务功能，具备打造区域产品品牌能力", "sb_platform_coop", YN),
    ("运营发展", "12. 入驻企业拥有或创建品牌数", "sb_brands", "个"),
    ("示范带动", "13. 在助力乡村振兴方面具备一定成效", "sb_rural", YN),
    (SECTION, "发展潜力", None, ""),
    ("发展潜力", "14. 提供完整并具备可行性的规划方案", "sb_plan_complete", YN),
    ("发展潜力", "15. 按照规划分阶段实施落地，能够完全实现规划内容", "sb_plan_phased", YN),
    (SECTION, "附加项", None, ""),
    ("开放创新", "16. 承担执行当地主管部门电商产业发展提质增效计划", "sb_quality_plan", YN),
    ("开放创新", "17. 跨境电商年销售额实现", "sb_crossborder_usd", "美元"),
    (APPROVAL, "市（州）商务主管部门审核意见", None, ""),
]

ENTERPRISE: list[Row] = [
    *_header("主要负责人", False),
    *_PERIOD,
    ("前置条件", "企业类别：(平台型企业) / (服务类企业)", "sb_enterprise_kind", "选择"),
    ("前置条件", "(平台型企业) 年度交易额", "sb_trade_total", "万元"),
    ("前置条件", "(服务类企业) 年度销售额", "sb_sales", "万元"),
    ("前置条件", "(平台型/服务类企业) 年度网络零售额达", "sb_online_retail", "万元"),
    (SECTION, "服务体系及设施", None, ""),
    ("软件及配套", "1. 有小程序、APP 或自媒体公众号", "sb_has_app", YN),
    ("软件及配套", "2. 与物流、供应链形成良好合作关系", "sb_logistics_coop", YN),
    (SECTION, "企业运营", None, ""),
    ("融合发展", ASKED, "sb_online_share_50", YN),
    ("融合发展", "4. 有专门的电商运营机构或部门、人才队伍、资金保障、健全制度、售后保障", "sb_ecom_dept", YN),
    ("企业资质", "5. 取得相应的经营批准证书，取得互联网信息服务增值电信业务经营许"
             "可证或已通过备案，取得非经营性互联网信息服务备案，取得 ICP 证号", "sb_icp", YN),
    ("示范带动", "6 社会效益显著，带动上下游关联企业协同发展", "sb_social_benefit", YN),
    ("助力乡村振兴", "7. 在助力乡村振兴方面成效显著", "sb_rural", YN),
    (APPROVAL, "市（州）商务主管部门审核意见", None, ""),
]

TEAM: list[Row] = [
    *_header("主要负责人", False),
    *_PERIOD,
    ("前置条件", "年度直播销售额", "sb_live_sales", "万元"),
    (SECTION, "服务体系及设施", None, ""),
    ("软件及配套", "1. 有小程序、APP 或自媒体公众号", "sb_has_app", YN),
    ("软件及配套", ASKED, "sb_experience_6m", YN),
    ("软件及配套", "3. 具备完善的仓配管理系统", "sb_warehouse_system", YN),
    (SECTION, "企业运营", None, ""),
    ("融合发展", "4. 落地在电商产业园内，对产业集聚有带动作用", "sb_in_park", YN),
    ("融合发展", ASKED, "sb_anchors_5", YN),
    ("融合发展", ASKED, "sb_fans_1m", YN),
    ("融合发展", ASKED, "sb_brand_case", YN),
    ("企业资质", "7. 取得相应的经营批准证书，信息公开可查", "sb_license", YN),
    ("示范带动", "8. 社会效益显著，带动上下游关联企业协同发展", "sb_social_benefit", YN),
    ("助力乡村振兴", "7. 在助力乡村振兴方面成效显著", "sb_rural", YN),
    ("助力乡村振兴", ASKED, "sb_agri_sales_50w", YN),
    (APPROVAL, "市（州）商务主管部门审核意见", None, ""),
]

FORMS: dict[str, list[Row]] = {"park": PARK, "base": BASE, "enterprise": ENTERPRISE, "team": TEAM}


def form_rows(app_type: str, rules: Rules) -> list[Row]:
    """The type's 申报表 rows with the ``ASKED`` questions in the words of the year file in force, and each answer's
    unit the year file's (the park's 年度交易额 in 亿元, 附件2): the unit the form prints is the one its figure is
    read in. A question a later year file adds to the type's form (a field of the contract the layout above does
    not place) is printed too, after the last row of the 附件5 group that scores it, else above the 审核意见; one it
    drops from the type's form is not."""
    rows = [(g, rules.fields[name].printed_for(app_type) if label == ASKED and name else label, name,
             name and rules.fields[name].unit_for(app_type) or unit)
            for g, label, name, unit in FORMS[app_type]
            if not name or name in rules.fields and app_type in rules.fields[name].types]   # one a year file dropped
    placed = {name for _g, _l, name, _u in rows if name}
    for f in rules.fields.values():
        if app_type not in f.types or f.supplementary or f.name in placed or f.name == "sb_fill_date":
            continue
        group = _scoring_group(f.name, app_type, rules)
        printed = f.printed_for(app_type)
        label = printed if printed != f.label_for(app_type) or not f.item else f"{f.item}. {printed}"
        at = max((i + 1 for i, r in enumerate(rows) if group and r[0] == group), default=len(rows) - 1)  # 审核意见 last
        rows.insert(at, (group, label, f.name, YN if f.kind == "yesno" else f.unit_for(app_type)))
    return rows


def _scoring_group(name: str, app_type: str, rules: Rules) -> str:
    """The 附件5 heading (second level, its points left out: “企业资质(10分)” → 企业资质) of the item scoring ``name``."""
    for item in rules.rubrics.get(app_type, ()):   # type: ignore[call-overload]
        if name in item.fields:
            return item.level2_name or item.level1_name
    return ""

# 补充信息: not part of the official form; the rules need it (CONTRACT.md section 2).
SUPP_SHEET = "补充信息"     # its sheet in a template (a form typed by hand has none)
# the 补充信息 fields that settle a 附件5 item the form asks only in part (CONTRACT §6), and the hint printed right
# of some 补充信息 answers: the template's words, never an applicant's answer (labels.py reads past them)
SETTLING_FIELDS = ("sb_finance_credit", "sb_base_functions", "sb_store_qianhuo", "sb_app_running")
_HINTS = {"sb_uscc": "18位，按营业执照填写", "sb_established": "按营业执照填写成立日期",
          "sb_fans": "各平台粉丝总数", "sb_credit_ok": "信用中国、执行信息公开网等无失信记录",
          **{n: "附件5评分项；填写后按此评分，不填按申报表" for n in SETTLING_FIELDS}}


def supplement_hints(rules: Rules) -> dict[str, str]:
    """The hints right of the 补充信息 answers, with the year file's figures (附件4's 不少于150字; the 线上交易占营业收入
    比例 附件5 企业 2.1.1 scores)."""
    share = next((c.value for item in rules.rubrics.get("enterprise", ()) for crit in item.criteria  # type: ignore[call-overload]
                  for c in (*crit.prefer, crit) if c.field == "sb_online_share" and c.value is not None), None)
    return {**_HINTS, "sb_performance": f"不少于{rules.common.performance_min_chars}字，用于项目汇总表",
            "sb_online_share": "例如 65%" + (f"（附件5按{fmt(share)}%评分）" if share is not None else "")}


def __getattr__(name: str) -> object:
    if name == "SUPPLEMENT_HINTS":   # under the rules in force
        return supplement_hints(load())
    raise AttributeError(name)
SUPPLEMENTARY_NOTE = "本表不属于官方申报表，是校验前置条件和生成项目汇总表所需的补充信息，请如实填写。"

# 附件3 and 附件4 headers as printed; the tool's own columns follow 附件4's thirteen.
RESIDENTS_TITLE = "贵州省电商示范园区/直播示范基地入驻电商企业名单"
SUMMARY_HEADER = ("序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩",
                  "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分")
SUMMARY_TOOL_COLUMNS = ("前置条件", "自动评分", "问题", "来源文件", "统一社会信用代码", "批次", "更新时间", "状态")
# printed after 附件4's columns (README); 来源文件 … 状态 are for screens
SUMMARY_PRINTED = ("市州评分", "前置条件", "自动评分", "问题")
SUMMARY_WIDTHS = {"序号": 5, "市（州）": 9, "县区": 9, "企业名称": 26, "企业地址": 24, "项目类型": 7, "企业性质": 7,
                  "企业运营情况及主要业绩": 40, "联系人": 8, "电话": 14, "年度交易额（万元）": 12,
                  "年度网络零售额（万元）": 12, "市州评分": 8, "前置条件": 8, "自动评分": 8, "问题": 40, "来源文件": 24,
                  "统一社会信用代码": 21, "批次": 9, "更新时间": 17, "状态": 8}
DEFAULT_COLUMN_WIDTH = 10   # a summary column of no width above (a title a person typed)
# 附件4's title (with the year) is the year file's summary_title: Rules.titles.summary_for(city)
