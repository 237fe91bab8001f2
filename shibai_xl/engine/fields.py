"""The field contract (CONTRACT.md section 2): every input of an application.

Each field has a workbook-level defined name (``sb_…``), the label printed on
the official form (附件2) or the supplementary block (补充信息), a kind that
decides how its raw cell value is parsed, and the unit printed on the form.

>>> FIELDS["sb_trade_total"].unit_for("park"), FIELDS["sb_trade_total"].unit_for("base")
('亿元', '万元')
>>> [f.name for f in fields_for("team")][:3]
['sb_name', 'sb_authority', 'sb_address']
"""
from __future__ import annotations

from dataclasses import dataclass, field

TYPES = ("park", "base", "enterprise", "team")
ALL = TYPES

# Kinds: how a raw cell value is read.
TEXT, LONGTEXT, DATE, MONTH, YESNO, CHOICE = "text", "longtext", "date", "month", "yesno", "choice"
AMOUNT, COUNT, AREA, PERCENT, USD, MOBILE, PHONE, USCC = (
    "amount", "count", "area", "percent", "usd", "mobile", "phone", "uscc")
NUMERIC_KINDS = {AMOUNT, COUNT, AREA, PERCENT, USD}

# Required: "error" → FIELD_REQUIRED error when blank; "warning" → warning; None → optional.
REQ, ASK = "error", "warning"

CITIES = ("贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔南州", "黔西南州", "贵安新区")
OPERATOR_TYPES = ("政府部门", "事业单位", "国有或国有控股企业", "民营企业", "其他")
ORG_TYPES = ("国有或国有控股企业", "民营企业", "其他")
ENTERPRISE_KINDS = ("平台类", "服务类")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str
    types: tuple[str, ...] = ALL
    unit: str | dict[str, str] = ""
    required: str | None = ASK
    choices: tuple[str, ...] = ()
    supplementary: bool = False
    item: str = ""  # item number as printed on the form (kept as printed, typos included)
    labels: dict[str, str] = field(default_factory=dict)  # per-type label where the forms differ

    def unit_for(self, app_type: str) -> str:
        return self.unit.get(app_type, "") if isinstance(self.unit, dict) else self.unit

    def label_for(self, app_type: str) -> str:
        return self.labels.get(app_type, self.label)

    def display(self, app_type: str) -> str:
        unit = self.unit_for(app_type)
        label = self.label_for(app_type)
        return f"{label}（{unit}）" if unit and f"（{unit}）" not in label else label


PB = ("park", "base")
ET = ("enterprise", "team")

_svc = [
    ("sb_svc_live", "直播电商", PB), ("sb_svc_crossborder", "跨境电商", PB),
    ("sb_svc_collab", "协同服务", ("park",)), ("sb_svc_event", "活动策划", ("base",)),
    ("sb_svc_logistics", "仓储物流", PB), ("sb_svc_photo", "摄影美工", PB), ("sb_svc_cs", "客服托管", PB),
    ("sb_svc_agency", "代运营", PB), ("sb_svc_accounting", "会计事务", PB), ("sb_svc_patent", "专利申办", PB),
    ("sb_svc_consulting", "评估咨询", PB), ("sb_svc_legal", "法律支持", PB),
]
_adm = [
    ("sb_adm_registration", "工商注册"), ("sb_adm_annual", "年审年检"),
    ("sb_adm_tax", "税务登记"), ("sb_adm_project", "项目申报"),
]
SVC_FIELDS = tuple(n for n, _, _ in _svc)
ADM_FIELDS = tuple(n for n, _ in _adm)
QUALIFIED_FIELDS = ("sb_demo_enterprises", "sb_survey_enterprises", "sb_listed_enterprises", "sb_authorized_enterprises")

_fields: list[Field] = [
    # --- all four types (official form header) ---
    Field("sb_name", "名称", TEXT, required=REQ),
    Field("sb_authority", "主管部门", TEXT),
    Field("sb_address", "地址", TEXT),
    Field("sb_fill_date", "填表时间", DATE, required=REQ),
    Field("sb_leader_name", "主要负责人姓名", TEXT),
    Field("sb_leader_title", "主要负责人职务", TEXT),
    Field("sb_leader_mobile", "主要负责人手机", MOBILE),
    Field("sb_period_start", "统计期起（年月）", MONTH, required=REQ),
    Field("sb_period_end", "统计期止（年月）", MONTH, required=REQ),
    # --- supplementary block (补充信息) ---
    Field("sb_city", "所属市（州）", CHOICE, choices=CITIES, supplementary=True),
    Field("sb_county", "县（区）", TEXT, supplementary=True),
    Field("sb_uscc", "统一社会信用代码", USCC, required=REQ, supplementary=True),
    Field("sb_established", "成立日期", DATE, required=REQ, supplementary=True),
    Field("sb_credit_ok", "信用记录良好（信用中国等查询无失信记录）", YESNO, supplementary=True),
    Field("sb_finance_ok", "财务制度健全", YESNO, supplementary=True),
    Field("sb_contact", "联系人", TEXT, supplementary=True),
    Field("sb_contact_phone", "联系电话", PHONE, supplementary=True),
    Field("sb_performance", "企业运营情况及主要业绩（不少于150字）", LONGTEXT, supplementary=True),
    # --- park / base: operator and preconditions ---
    Field("sb_operator_name", "运营机构名称", TEXT, PB),
    Field("sb_operator_type", "运营机构类型", CHOICE, PB, choices=OPERATOR_TYPES),
    Field("sb_operator_type_other", "运营机构类型（其他）", TEXT, PB, required=None),
    Field("sb_trade_total", "年度交易额", AMOUNT, ("park", "base", "enterprise"),
          unit={"park": "亿元", "base": "万元", "enterprise": "万元"}, required=REQ,
          labels={"enterprise": "（平台型企业）年度交易额"}),
    Field("sb_online_retail", "年度网络零售额", AMOUNT, ("park", "base", "enterprise"), unit="万元", required=REQ),
    # --- park items 1–21 / base items 1–17 ---
    Field("sb_area_park", "园区面积", AREA, ("park",), unit="平方米", item="1"),
    Field("sb_area_ecom", "电子商务业务区域使用面积", AREA, PB, unit="平方米", item="1",
          labels={"base": "电商区域面积"}),
    Field("sb_area_service", "电子商务配套服务区面积", AREA, ("park",), unit="平方米", item="1"),
    Field("sb_telecom_agreement", "园区与通讯商达成协议", YESNO, ("park",), item="2"),
    Field("sb_bandwidth_100m", "带宽不低于100Mbps", YESNO, ("park",), item="2"),
    Field("sb_live_rooms", "直播间", COUNT, PB, unit="间", item="3", labels={"base": "公共直播间"}),
    Field("sb_public_areas", "公共区域（含培训、会议室）", COUNT, ("park",), unit="个", item="3"),
    Field("sb_public_area_ok", "公共区域配套完善", YESNO, ("base",), item="2"),
    Field("sb_has_platform", "有管理中台", YESNO, PB, item="4"),
    Field("sb_platform_stats", "管理中台可查看入驻企业基本信息和统计销售数据", YESNO, PB, item="5"),
    Field("sb_platform_three_flows", "管理中台可实现现金流、物流、发票流三合一", YESNO, ("park",), item="6"),
    Field("sb_resident_count", "已入驻电商企业", COUNT, PB, unit="家", item="7"),
    Field("sb_anchors", "签约主播", COUNT, ("base",), unit="个", item="5"),
    Field("sb_demo_enterprises", "列为国家级或省级示范企业", COUNT, PB, unit="家", item="8"),
    Field("sb_survey_enterprises", "列为商务部商贸流通典型统计调查企业", COUNT, PB, unit="家", item="8"),
    Field("sb_listed_enterprises", "已上市企业", COUNT, PB, unit="家", item="8"),
    Field("sb_authorized_enterprises", "知名电商平台授权运营企业", COUNT, PB, unit="家", item="8"),
    Field("sb_finance_coop", "与金融机构建立合作关系", YESNO, PB, item="9"),
    Field("sb_talent_policy", "建立相关人才政策", YESNO, PB, item="10"),
    Field("sb_incubated", "每年孵化电商企业", COUNT, ("park",), unit="家", item="11"),
    Field("sb_incubation_rate", "孵化成功率", PERCENT, ("park",), unit="%", item="11"),
    *[Field(n, f"专业服务：{label}", YESNO, types, required=None, item="12") for n, label, types in _svc],
    Field("sb_svc_other", "其他专业服务", TEXT, PB, required=None, item="12"),
    *[Field(n, f"行政服务：{label}", YESNO, PB, required=None, item="13") for n, label in _adm],
    Field("sb_adm_other", "其他行政便利化服务", TEXT, PB, required=None, item="13"),
    Field("sb_expert_team", "建立专家团队、咨询机制、电商专项支持政策", YESNO, ("park",), item="14"),
    Field("sb_platform_coop", "与知名电商、短视频、社交电商等平台合作", YESNO, ("base",), item="11"),
    Field("sb_brands", "入驻企业拥有或创建品牌数", COUNT, PB, unit="个", item="15"),
    Field("sb_staff_50", "入驻企业员工总数不低于50个", YESNO, ("park",), item="16"),
    Field("sb_rural", "在助力乡村振兴方面具备一定成效", YESNO, ALL, item="17",
          labels={"enterprise": "在助力乡村振兴方面成效显著", "team": "在助力乡村振兴方面成效显著"}),
    Field("sb_plan_complete", "提供完整并具备可行性的规划方案", YESNO, PB, item="18"),
    Field("sb_plan_phased", "按照规划分阶段实施落地", YESNO, PB, item="19"),
    Field("sb_quality_plan", "承担执行当地主管部门电商产业发展提质增效计划", YESNO, PB, item="20"),
    Field("sb_crossborder_usd", "跨境电商年销售额", USD, PB, unit="美元", required=None, item="21"),
    # --- enterprise / team ---
    Field("sb_org_type", "类型", CHOICE, ET, choices=ORG_TYPES),
    Field("sb_org_type_other", "类型（其他）", TEXT, ET, required=None),
    Field("sb_enterprise_kind", "企业类别（平台类/服务类）", CHOICE, ("enterprise",), choices=ENTERPRISE_KINDS),
    Field("sb_sales", "（服务类企业）年度销售额", AMOUNT, ("enterprise",), unit="万元", required=None),
    Field("sb_has_app", "有小程序、APP 或自媒体公众号", YESNO, ET, item="1"),
    Field("sb_logistics_coop", "与物流、供应链形成良好合作关系", YESNO, ("enterprise",), item="2"),
    Field("sb_online_share_50", "线上交易占营业收入50%以上", YESNO, ("enterprise",), item="3"),
    Field("sb_ecom_dept", "有专门的电商运营机构或部门、人才队伍、资金保障、健全制度、售后保障", YESNO,
          ("enterprise",), item="4"),
    Field("sb_icp", "取得相应的经营批准证书及ICP证号", YESNO, ("enterprise",), item="5"),
    Field("sb_social_benefit", "社会效益显著，带动上下游关联企业协同发展", YESNO, ET, item="6"),
    Field("sb_online_share", "线上交易占营业收入比例", PERCENT, ("enterprise",), unit="%", required=None,
          supplementary=True),
    Field("sb_live_sales", "年度直播销售额", AMOUNT, ("team",), unit="万元", required=REQ),
    Field("sb_experience_6m", "成立时间1年以上，具备直播电商业务经验6个月以上", YESNO, ("team",), item="2"),
    Field("sb_warehouse_system", "具备完善的仓配管理系统", YESNO, ("team",), item="3"),
    Field("sb_in_park", "落地在电商产业园内，对产业集聚有带动作用", YESNO, ("team",), item="4"),
    Field("sb_anchors_5", "签约主播、直播艺人5人以上", YESNO, ("team",), item="5"),
    Field("sb_fans_1m", "粉丝数100万以上", YESNO, ("team",), item="5"),
    Field("sb_brand_case", "有1个以上品牌及产业带合作案例", YESNO, ("team",), item="6"),
    Field("sb_license", "取得相应的经营批准证书，信息公开可查", YESNO, ("team",), item="7"),
    Field("sb_agri_sales_50w", "年度带动贵州农产品销售50万元以上", YESNO, ("team",), item="8"),
    Field("sb_fans", "粉丝总数", COUNT, ("team",), unit="人", required=None, supplementary=True),
    Field("sb_agri_sales", "年度带动贵州农产品销售额", AMOUNT, ("team",), unit="万元", required=None,
          supplementary=True),
    # --- 补充信息 questions that settle a 附件5 criterion the form asks only in part (CONTRACT.md section 6):
    #     filled, they decide the item; empty, the form's answer stands ---
    Field("sb_finance_credit", "为入驻企业提供供应链金融纯信用授信，授信额不低于10万", YESNO, ("park",),
          required=None, supplementary=True),
    Field("sb_base_functions", "具备直播、选品、仓储、发货、售后等基础功能及产品拍摄、短视频录制等配套功能", YESNO,
          ("base",), required=None, supplementary=True),
    Field("sb_store_qianhuo", "有在运营中、以黔货出山为主要业务的小程序商城、APP商城或网店，或对助力贵州宣传起到重要作用的自媒体大号",
          YESNO, ("enterprise",), required=None, supplementary=True),
    Field("sb_app_running", "具备运营良好的APP或小程序（自媒体公众号不算）", YESNO, ("team",), required=None,
          supplementary=True),
]

FIELDS: dict[str, Field] = {f.name: f for f in _fields}


def fields_for(app_type: str) -> list[Field]:
    """The contract fields of one project type, in form order."""
    return [f for f in _fields if app_type in f.types]


def names_for(app_type: str) -> set[str]:
    return {f.name for f in fields_for(app_type)}


def signature_names(app_type: str) -> set[str]:
    """Names only this type's workbook has, used to recognise its type."""
    mine = names_for(app_type)
    others = set().union(*(names_for(t) for t in TYPES if t != app_type))
    return mine - others
