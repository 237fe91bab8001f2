"""The words people type for a field's label besides the printed ones (附件2's form, the tool's 补充信息): data for
labels.py, which finds fields by their labels."""
from __future__ import annotations

from .label_text import label_key

# the notice's own words for a 补充信息 item, as an applicant retyping the form writes them: 通知 二（二） and 附件1
# say "成立时间在 1 年以上", "企业（团队）成立时间"
SUPPLEMENTARY_WORDING = {"sb_established": ("成立时间",),
                         # and the 补充信息 items (the tool's own sheet) as people retype them, in the words forms use
                         "sb_uscc": ("社会信用代码", "信用代码"), "sb_city": ("市州", "所属市"),
                         "sb_county": ("所属县区", "区县", "所属区县"), "sb_contact_phone": ("联系方式",)}
# the form prints the applicant's name as just "名称" (附件2); retyped, it is labelled as the 附件4 list heads it
# (企业名称) or by what applies: 单位名称, 申报单位名称, 园区/基地/团队名称 (under 运营机构 still the operator's);
# the printed "(202x年x月-202x年x月)" as the tool's messages name it: 统计期起, 统计期止, or one 统计期 holding both
# months ("2023年1月-2023年12月": one start value, which the engine splits)
# the form's "填表时间：" (附件2), retyped as people label a date line ("填表日期：", "填报日期：" as 附件3/附件4 print it,
# "申报日期：")
FILL_DATE_WORDS = ("填表时间", "填表日期", "填报日期", "填报时间", "申报日期", "申报时间")
FORM_WORDING = {"sb_name": ("企业名称", "单位名称", "申报单位名称", "申报单位", "园区名称", "基地名称", "团队名称"),
                # 地址 as 附件4 heads it (企业地址) and as other forms label it; 主管部门 as 主管单位
                "sb_address": ("企业地址", "单位地址", "注册地址", "详细地址", "通讯地址", "办公地址", "经营地址"),
                "sb_authority": ("主管单位", "业务主管部门", "业务主管单位"),
                "sb_operator_name": ("企业名称", "单位名称", "公司名称"),
                "sb_period_start": ("统计期起", "统计期"), "sb_period_end": ("统计期止",)}
# the words people label a phone with, that name no field alone ("手机号码", "电话"): taken as the label of the
# field only on the row of the field found just before it or the row under it — the leader's 手机 on his row of the
# 申报表 (姓名, 职务, 手机), the contact's phone with 联系人 in 补充信息 — so that neither takes the other's
NEAR_WORDING = {"sb_leader_mobile": ("手机号码", "手机号", "移动电话", "联系电话", "电话", "联系方式", "电话号码",
                                     "联系号码"),
                "sb_contact_phone": ("手机号码", "手机号", "手机", "移动电话", "电话", "联系人电话", "联系人手机",
                                     "联系人手机号码", "联系手机", "电话号码", "联系号码")}
# the labels a Guizhou clerk types for a field of 附件2's form or the 补充信息, shortened or reworded (after the printed
# words and the wordings above, as label keys: brackets and a unit in them dropped): 统一社会信用代码 as the business
# licence's number, 营业执照号
TYPED_WORDING = {"sb_uscc": ("统一代码", "社会统一信用代码", "营业执照号", "营业执照号码", "营业执照统一社会信用代码"),
                 # 成立日期 as the licence (注册日期) and 附件1's 提纲 ("企业（团队）成立时间", "园区（基地）成立时间") word it
                 "sb_established": ("注册时间", "注册日期", "成立年月", "设立日期", "设立时间", "注册成立时间",
                                    "企业成立时间", "团队成立时间", "企业团队成立时间", "公司成立时间", "园区成立时间",
                                    "基地成立时间"),
                 # 附件4's 联系人 / 电话 as a 申报 form asks them (项目联系人), the phone named with its person
                 "sb_contact": ("联系人姓名", "项目联系人", "申报联系人", "项目联系人姓名", "申报联系人姓名"),
                 "sb_contact_phone": ("联系人联系方式", "联系人电话号码", "联系人联系电话", "项目联系人电话"),
                 # 所属市（州）/ 县（区） as Guizhou's own forms print them: 县（市、区）, 县（市、区、特区）; one label for
                 # both ("所在地区", "所在市（州）/县（区）": "贵阳市南明区" is both, as the 所属市（州） cell reads it)
                 "sb_city": ("所在市州", "所属地市", "所在地市", "所在市", "所在地区", "所属地区", "所在市州县区",
                             "所在市州/县区", "所在市州区县", "所在市州/区县"),
                 "sb_county": ("所在县区", "所在区县", "县市区", "所属县市区", "所在县市区", "县市区特区", "所属县市区特区"),
                 # the 补充信息's long 是/否 labels cut short
                 "sb_credit_ok": ("信用记录良好", "信用记录", "无失信记录", "信用状况良好", "信用良好",
                                  "信用记录是否良好", "是否信用记录良好"),
                 "sb_finance_ok": ("财务制度", "财务管理制度健全", "财务管理制度", "财务制度是否健全",
                                   "是否财务制度健全", "财务管理制度是否健全"),
                 # (附件4's own header, the form's label without its "（不少于150字）")
                 "sb_performance": ("企业运营情况及主要业绩", "运营情况及主要业绩", "主要业绩", "运营情况及业绩",
                                    "企业运营情况及业绩", "团队运营情况及主要业绩", "企业团队运营情况及主要业绩",
                                    "园区运营情况及主要业绩", "基地运营情况及主要业绩"),
                 # the form's 名称 as the applicant is called (项目名称, 申报主体, 企业（团队）名称); under 运营机构 still
                 # the operator's (labels._in_group), and a park's 公司名称 there too
                 "sb_name": ("项目名称", "申报主体", "申报主体名称", "申报企业", "申报企业名称", "企业团队名称",
                             "园区基地名称", "企业全称", "单位全称", "公司名称"),
                 "sb_authority": ("上级主管部门", "上级主管单位", "行业主管部门", "主管商务部门"),
                 "sb_address": ("注册地", "住所", "联系地址", "公司地址", "所在地址", "园区地址", "基地地址", "团队地址"),
                 # 主要负责人 姓名 / 职务 / 手机 as the licence names the person (法定代表人) or as people head the row
                 # (the heading 主要负责人 last: "主要负责人 | 王明 | 职务 | …" with no 姓名, else it is the row's heading)
                 "sb_leader_name": ("法定代表人", "法定代表人姓名", "法定代表人负责人", "法人", "法人代表", "法人姓名",
                                    "法人代表姓名", "负责人", "负责人姓名", "主要负责人", "园区主要负责人",
                                    "基地主要负责人"),
                 "sb_leader_title": ("职位", "职务职称", "职务/职称", "担任职务"),
                 "sb_leader_mobile": ("负责人手机", "负责人手机号码", "负责人电话", "负责人联系电话", "法定代表人手机",
                                      "法人手机"),
                 # 前置条件's amounts (通知 二（二）) without the printed 年度…达, as 附件3/附件4 and people head them
                 # (电子商务交易额 the statistic's own name; 线上零售额 as 附件4 is read with it, summary_table)
                 "sb_trade_total": ("年交易额", "交易额", "年度电商交易额", "电商交易额", "年度网络交易额", "网络交易额",
                                    "园区年度交易额", "基地年度交易额", "平台年度交易额", "年度交易总额",
                                    "电子商务交易额", "年度电子商务交易额", "电子商务年交易额"),
                 "sb_sales": ("年销售额", "销售额", "年度营业销售额", "服务类年度销售额"),
                 "sb_online_retail": ("网络零售额", "年网络零售额", "网上零售额", "年度网上零售额", "年度网络零售总额",
                                      "线上零售额", "年度线上零售额", "电商零售额", "年度电商零售额", "电子商务零售额",
                                      "年度电子商务零售额", "电子商务网络零售额", "年度电子商务网络零售额"),
                 "sb_live_sales": ("直播销售额", "年直播销售额", "直播带货销售额", "年度直播带货销售额", "直播销售总额",
                                   "直播电商销售额", "年度直播电商销售额"),
                 # the items' counts and areas as people head a column of figures: 直播间数量, 入驻企业数, 品牌数
                 "sb_live_rooms": ("直播间", "直播间数量", "直播间数", "公共直播间", "公共直播间数量", "公共直播间数"),
                 "sb_resident_count": ("入驻企业数", "入驻企业数量", "入驻企业家数", "入驻企业总数", "入驻数",
                                       "入驻电商企业", "入驻电商企业数", "入驻电商企业数量", "已入驻企业", "已入驻企业数"),
                 "sb_public_area_ok": ("公共区域配套", "公共区域"),
                 "sb_anchors": ("主播数", "主播数量", "主播人数", "签约主播人数"),
                 "sb_brands": ("品牌数", "品牌数量", "拥有或创建品牌数", "自有品牌数", "创建品牌数", "入驻企业品牌数"),
                 "sb_incubated": ("孵化电商企业", "孵化电商企业数", "孵化企业数", "孵化企业", "年孵化电商企业数",
                                  "每年孵化企业"),
                 "sb_incubation_rate": ("孵化率",),
                 "sb_area_park": ("园区总面积", "占地面积", "总面积", "园区占地面积"),
                 # item 8 (park) / 6 (base), four blanks of one printed line, as four short heads
                 "sb_demo_enterprises": ("国家级或省级示范企业", "国家级省级示范企业", "省级以上示范企业", "示范企业",
                                         "示范企业数"),
                 "sb_survey_enterprises": ("典型统计调查企业", "商贸流通典型统计调查企业", "统计调查企业"),
                 "sb_listed_enterprises": ("上市企业", "上市企业数"),
                 "sb_authorized_enterprises": ("平台授权运营企业", "电商平台授权运营企业", "授权运营企业"),
                 "sb_crossborder_usd": ("跨境电商销售额", "跨境销售额", "跨境电商交易额", "跨境电商年交易额"),
                 # the team's 补充信息 figures (item 5's 粉丝数, item 8's 农产品销售) as people write them
                 "sb_fans": ("粉丝数", "粉丝量", "粉丝", "粉丝数量", "粉丝总量", "全网粉丝数", "全网粉丝总数", "各平台粉丝总数",
                             "全平台粉丝总数"),
                 "sb_agri_sales": ("带动农产品销售额", "农产品销售额", "带动贵州农产品销售额", "年度农产品销售额",
                                   "年度带动农产品销售额", "贵州农产品销售额"),
                 # 类型 as 附件4 heads it (企业性质) and as people label it, the one type typed as a word
                 "sb_org_type": ("企业类型", "企业性质", "单位类型", "单位性质", "团队类型", "主体类型", "申报主体类型"),
                 "sb_operator_name": ("运营单位名称", "运营主体名称", "运营公司名称", "运营企业名称", "运营主体", "运营单位",
                                      "运营公司"),
                 "sb_operator_type": ("运营机构性质", "运营主体类型", "运营主体性质", "运营单位类型", "运营单位性质"),
                 # the printed "(202x年x月-202x年x月)" headed as people head a period: both months in one cell
                 "sb_period_start": ("统计期间", "统计周期", "统计时段", "统计时间段", "统计区间", "数据统计期",
                                     "数据统计期间", "统计期年月"),
                 # the enterprise's 补充信息 share (附件5 企业 2.1.1) cut short
                 "sb_online_share": ("线上交易占比", "线上交易比例", "线上交易额占比", "线上销售占比", "网络销售占比",
                                     "线上交易占营业收入比重")}
# a typed label that is also another field's answer: a leader's 职务 is often his 法定代表人 or 负责人
ALSO_ANSWERS = {"sb_leader_title": frozenset(("法定代表人", "法定代表人负责人", "法人", "法人代表", "负责人"))}
# matched as typed only: "成立时间" begins the team's item 2 ("成立时间1年以上…"), whose 是 is no founding date; a
# typed wording begins other labels ("营业执照" is 材料清单's licence, "入驻企业" begins items 8, 15 and 16)
TYPED_KEYS = {name: tuple(label_key(w) for w in wording) for name, wording in TYPED_WORDING.items()}  # as matched
EXACT_ONLY = frozenset([*(label_key(k) for keys in SUPPLEMENTARY_WORDING.values() for k in keys),
                        *(k for keys in TYPED_KEYS.values() for k in keys)])
