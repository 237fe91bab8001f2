"""The 申报表 and 补充信息 retyped by hand with the labels shortened or reworded as a clerk types them: 信用代码 /
统一代码 / 营业执照号 for 统一社会信用代码, 注册日期 for 成立日期, 法定代表人 for 主要负责人 姓名, 年交易额 for
年度交易额达, 直播间数量 for 有直播间, a unit in brackets after the words ("年度交易额（亿元）")… No defined names:
each answer is read under its reworded label, and no reworded label takes another field's place."""
from __future__ import annotations

from datetime import date

import pytest

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_inline_answers import _SUPPLEMENT, _book, _park
from tests.test_printed_label_notes import _rows


def _team(tmp_path, **relabel):
    return read_application(_book(tmp_path / "团队.xlsx", _rows(**relabel)))


def _required(app):
    return [f.message for f in check(app).findings if f.code in ("FIELD_REQUIRED", "ELIG_MISSING")]


@pytest.mark.parametrize("label", ["统一代码", "社会统一信用代码", "营业执照号", "营业执照号码", "营业执照统一社会信用代码",
                                   "统一社会信用代码（营业执照号）"])
def test_the_uscc_under_the_words_clerks_type_for_it(tmp_path, label):
    app = _team(tmp_path, 统一社会信用代码=label)
    assert app.value("sb_uscc") == "91520402MA6J8N5P2W", label
    assert not _required(app)


def test_the_licence_material_is_no_uscc_label(tmp_path):
    """材料清单's 营业执照 (a 是/否 of the material) stays the material; the 营业执照号 beside it is the code."""
    rows = _rows(统一社会信用代码="营业执照号") + [["材料清单"], ["营业执照", "是"]]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.value("sb_uscc") == "91520402MA6J8N5P2W" and app.materials["sb_mat_license"].value == "是"


@pytest.mark.parametrize("label", ["注册时间", "注册日期", "成立年月", "设立日期", "企业成立时间", "团队成立时间",
                                   "公司成立时间", "注册成立时间", "成立日期（以营业执照为准）"])
def test_the_founding_date_under_the_words_clerks_type_for_it(tmp_path, label):
    app = _team(tmp_path, 成立日期=label)
    assert app.value("sb_established") == "2022年6月1日", label
    assert not _required(app)
    assert app.value("sb_experience_6m") == "☑是 □否"      # item 2 "成立时间 1 年以上…" stays the item


@pytest.mark.parametrize("label", ["联系人姓名", "项目联系人", "申报联系人", "联系人（姓名）"])
def test_the_contact_under_the_words_clerks_type_for_it(tmp_path, label):
    app = _team(tmp_path, 联系人=label)
    assert app.value("sb_contact") == "李红", label
    assert app.value("sb_contact_phone") == "0851-88552573" and app.value("sb_leader_name") == "王明", label


@pytest.mark.parametrize("label", ["联系人联系方式", "电话号码", "联系人电话号码", "联系号码"])
def test_the_contacts_phone_under_more_words_clerks_type_for_it(tmp_path, label):
    app = _team(tmp_path, 联系电话=label)
    assert app.value("sb_contact_phone") == "0851-88552573", label
    assert app.value("sb_leader_mobile") == "13908510001", label


@pytest.mark.parametrize("city, county", [("所在市州", "所在县区"), ("所属地市", "县（市、区）"),
                                          ("所在市（州）", "所属县（市、区）"), ("市（州）", "县（市、区、特区）")])
def test_the_city_and_county_under_the_words_clerks_type_for_them(tmp_path, city, county):
    app = _team(tmp_path, **{"所属市（州）": city, "县（区）": county})
    assert (app.value("sb_city"), app.value("sb_county")) == ("安顺市", "西秀区"), (city, county)


@pytest.mark.parametrize("credit, finance", [("信用记录良好", "财务制度"), ("无失信记录", "财务管理制度健全"),
                                             ("信用状况良好", "财务制度健全（是/否）")])
def test_the_credit_and_finance_answers_under_shortened_labels(tmp_path, credit, finance):
    app = _team(tmp_path, **{"信用记录良好（信用中国等查询无失信记录）": credit, "财务制度健全": finance})
    assert (app.value("sb_credit_ok"), app.value("sb_finance_ok")) == ("是", "是"), (credit, finance)
    assert not [f for f in check(app).findings if f.code == "ELIG_CREDIT"]


@pytest.mark.parametrize("label", ["运营情况及主要业绩", "主要业绩", "企业运营情况及业绩", "团队运营情况及主要业绩",
                                   "企业（团队）运营情况及主要业绩"])
def test_the_performance_text_under_shortened_labels(tmp_path, label):
    app = _team(tmp_path, **{"企业运营情况及主要业绩（不少于150字）": label})
    assert str(app.value("sb_performance")).startswith("本单位自成立以来"), label


@pytest.mark.parametrize("label", ["项目名称", "申报主体", "申报主体名称", "公司名称", "企业（团队）名称", "申报企业名称",
                                   "企业全称"])
def test_the_name_under_the_words_clerks_type_for_it(tmp_path, label):
    app = _team(tmp_path, 名称=label)
    assert app.value("sb_name") == "安顺黔味文化传媒有限公司", label


def _park_rows(name_label, operator):
    rows = [list(r) for r in _park(4200)] + [list(r) for r in _SUPPLEMENT] + [["成立日期", "2020年6月1日"]]
    rows[2][0] = name_label
    rows[4] = operator
    return rows


@pytest.mark.parametrize("name_label, operator", [
    ("项目名称", ["运营机构", "名称", "贵州黔货出山园区运营管理有限公司"]),
    ("项目名称", ["运营机构", "公司名称", "贵州黔货出山园区运营管理有限公司"]),
    ("项目名称", ["运营机构名称", "贵州黔货出山园区运营管理有限公司"]),
    ("申报主体", ["运营机构", "企业名称", "贵州黔货出山园区运营管理有限公司"]),
])
def test_the_parks_name_and_its_operators_told_apart_under_reworded_labels(tmp_path, name_label, operator):
    app = read_application(_book(tmp_path / "园区.xlsx", _park_rows(name_label, operator)))
    assert app.value("sb_name") == "贵阳黔货出山电子商务产业园", (name_label, operator)
    assert app.value("sb_operator_name") == "贵州黔货出山园区运营管理有限公司", (name_label, operator)


@pytest.mark.parametrize("label", ["上级主管部门", "行业主管部门", "主管商务部门", "上级主管单位"])
def test_the_authority_under_the_words_clerks_type_for_it(tmp_path, label):
    app = _team(tmp_path, 名称=lambda r, lab=label: [*r[:2], lab, *r[3:]])
    assert app.value("sb_authority") == "安顺市西秀区商务局", label


@pytest.mark.parametrize("label", ["注册地", "注册地址（住所）", "住所", "联系地址", "公司地址", "所在地址", "团队地址"])
def test_the_address_under_the_words_clerks_type_for_it(tmp_path, label):
    app = _team(tmp_path, 地址=label)
    assert app.value("sb_address") == "贵州省安顺市西秀区黄果树大街18号", label


def _leader(*cells):
    return lambda r: ["主要负责人", *cells]


@pytest.mark.parametrize("label", ["法定代表人", "法人", "法人代表", "法定代表人（负责人）", "负责人", "负责人姓名",
                                   "法定代表人姓名"])
def test_the_leader_under_the_words_clerks_type_for_him(tmp_path, label):
    app = _team(tmp_path, 主要负责人=_leader(label, "王明", "职务", "总经理", "手机", "13908510001"))
    assert app.value("sb_leader_name") == "王明", label
    assert app.value("sb_leader_title") == "总经理" and app.value("sb_leader_mobile") == "13908510001", label
    assert app.value("sb_contact") == "李红", label           # the 补充信息's 联系人 stays the contact


@pytest.mark.parametrize("title", ["法定代表人", "负责人", "法人代表"])
def test_a_title_that_is_also_a_leaders_label_is_his_title(tmp_path, title):
    """职务 | 法定代表人: the answer, not the next label (nor the leader's name)."""
    app = _team(tmp_path, 主要负责人=_leader("姓名", "王明", "职务", title, "手机", "13908510001"))
    assert (app.value("sb_leader_name"), app.value("sb_leader_title")) == ("王明", title)
    assert app.value("sb_leader_mobile") == "13908510001"


@pytest.mark.parametrize("title_label, mobile_label", [("职位", "负责人手机"), ("担任职务", "负责人电话"),
                                                       ("职务/职称", "负责人联系电话")])
def test_the_leaders_title_and_mobile_under_reworded_labels(tmp_path, title_label, mobile_label):
    app = _team(tmp_path, 主要负责人=_leader("姓名", "王明", title_label, "总经理", mobile_label, "13908510001"))
    assert (app.value("sb_leader_title"), app.value("sb_leader_mobile")) == ("总经理", "13908510001")


def test_the_contact_does_not_take_the_leaders_place(tmp_path):
    """No leader's name typed: the 联系人 of 补充信息 is not taken for the 法定代表人."""
    app = _team(tmp_path, 主要负责人=_leader("法定代表人", None, "职务", "总经理", "手机", "13908510001"))
    assert app.value("sb_leader_name") is None and app.value("sb_contact") == "李红"


_TITLES = {"park": "电商示范园区申报表", "base": "电商示范直播基地申报表", "enterprise": "电商示范企业申报表",
           "team": "电商直播团队申报表"}
_HEAD = {"sb_name", "sb_authority", "sb_address", "sb_leader_name", "sb_leader_title", "sb_leader_mobile",
         "sb_period_start", "sb_period_end"}


def _typed_form(tmp_path, app_type, relabel=None, answers=None, supplement=(), units=None):
    """The type's 申报表 typed as a clerk does: group | label | answer | unit, one item a row (the printed labels, but
    those of ``relabel``; the printed units, but those of ``units``), then the 补充信息."""
    from shibai_xl.adapters.xlsx.layout import APPROVAL, SECTION, form_rows
    from shibai_xl.rules import load
    relabel, answers, units = relabel or {}, answers or {}, units or {}
    rows = [[_TITLES[app_type]], ["填表时间：2024年4月15日"], ["名称", "贵州某某电子商务有限公司"],
            ["主管部门", "贵阳市南明区商务局"], ["地址", "贵州省贵阳市南明区花果园1号"],
            ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", "13908510001"],
            ["前置条件", "统计期", "2023年1月-2023年12月"]]
    for group, label, name, unit in form_rows(app_type, load()):
        if name is None or group in (SECTION, APPROVAL) or name in _HEAD:
            continue
        value = answers.get(name, "是" if "是" in unit else "民营企业" if unit == "选择" else "5" if unit else "无")
        if name == "sb_enterprise_kind":
            value = "平台型企业"
        group = "" if group == "类型" else group     # printed as the row's own label: "类型 | □国有… □民营企业"
        rows.append([group, relabel.get(name, label), value, units.get(name, "" if unit == "选择" or "是" in unit else unit)])
    supp = [list(r) for r in _SUPPLEMENT] + [["成立日期", "2020年6月1日"], *supplement]
    return read_application(_book(tmp_path / f"{app_type}.xlsx", rows + supp))


@pytest.mark.parametrize("app_type, name, labels", [
    ("park", "sb_trade_total", ["年交易额", "交易额", "年度电商交易额", "电商交易额", "年度网络交易额", "园区年度交易额"]),
    ("base", "sb_trade_total", ["年交易额", "交易额", "基地年度交易额"]),
    ("enterprise", "sb_trade_total", ["年交易额", "交易额", "平台年度交易额"]),
    ("enterprise", "sb_sales", ["年销售额", "销售额"]),
    ("park", "sb_online_retail", ["网络零售额", "年网络零售额", "网上零售额", "年度网上零售额"]),
    ("team", "sb_live_sales", ["直播销售额", "年直播销售额", "直播带货销售额", "年度直播带货销售额"]),
])
def test_the_thresholds_amounts_under_the_words_clerks_type_for_them(tmp_path, app_type, name, labels):
    for label in labels:
        app = _typed_form(tmp_path, app_type, {name: label}, {name: "12345"})
        assert app.value(name) == "12345", (app_type, label)


@pytest.mark.parametrize("app_type, name, labels", [
    ("park", "sb_live_rooms", ["直播间数量", "直播间数", "公共直播间"]),
    ("base", "sb_live_rooms", ["直播间", "直播间数量", "公共直播间数量"]),
    ("park", "sb_resident_count", ["入驻企业数", "入驻数", "入驻电商企业", "入驻电商企业数", "入驻企业家数", "已入驻企业"]),
    ("base", "sb_resident_count", ["入驻企业数", "入驻电商企业数量"]),
    ("base", "sb_anchors", ["主播数", "主播数量", "主播人数"]),
    ("park", "sb_brands", ["品牌数", "品牌数量", "拥有或创建品牌数", "自有品牌数"]),
    ("park", "sb_incubated", ["孵化电商企业", "孵化企业数", "年孵化电商企业数"]),
    ("park", "sb_area_park", ["园区总面积", "占地面积", "总面积"]),
    ("park", "sb_crossborder_usd", ["跨境电商销售额", "跨境销售额", "跨境电商交易额"]),
])
def test_the_items_counts_under_the_words_clerks_type_for_them(tmp_path, app_type, name, labels):
    for label in labels:
        app = _typed_form(tmp_path, app_type, {name: label}, {name: "17"})
        assert app.value(name) == "17", (app_type, label)


def test_a_shortened_count_label_does_not_take_another_items_answer(tmp_path):
    """入驻企业数 typed for item 7, and items 8/15/16 that begin with 入驻 as printed: each keeps its own answer."""
    app = _typed_form(tmp_path, "park", {"sb_resident_count": "入驻企业数"},
                      {"sb_resident_count": "17", "sb_demo_enterprises": "2", "sb_brands": "6"})
    assert (app.value("sb_resident_count"), app.value("sb_demo_enterprises"), app.value("sb_brands")) == ("17", "2", "6")
    assert app.value("sb_staff_50") == "是"


@pytest.mark.parametrize("label", ["粉丝数", "粉丝量", "粉丝", "全网粉丝数", "各平台粉丝总数", "粉丝数（人）"])
def test_the_teams_fans_under_the_words_clerks_type_for_them(tmp_path, label):
    app = _typed_form(tmp_path, "team", supplement=[[label, 1200000]])
    assert app.value("sb_fans") == 1200000, label
    assert app.value("sb_fans_1m") == "是"


@pytest.mark.parametrize("label", ["带动农产品销售额", "农产品销售额", "带动贵州农产品销售额", "年度农产品销售额（万元）"])
def test_the_teams_farm_sales_under_the_words_clerks_type_for_them(tmp_path, label):
    app = _typed_form(tmp_path, "team", supplement=[[label, 80]])
    assert app.value("sb_agri_sales") == 80, label


@pytest.mark.parametrize("app_type, name, label", [("park", "sb_trade_total", "2023年交易额"),
                                                   ("base", "sb_online_retail", "2023年网络零售额"),
                                                   ("team", "sb_live_sales", "2023年直播销售额")])
def test_an_amount_labelled_with_its_year_without_nian_du(tmp_path, app_type, name, label):
    """"2023年交易额" is read as "2023年度交易额" is."""
    app = _typed_form(tmp_path, app_type, {name: label}, {name: "12345"})
    assert app.value(name) == "12345", label


@pytest.mark.parametrize("app_type, label, figure, wan", [("base", "年度交易额（亿元）", "0.8", 8000),
                                                         ("park", "年度交易额（万元）", "35000", 35000),
                                                         ("park", "交易额（万元）", "35000", 35000),
                                                         ("base", "年交易额(亿元)", 1.2, 12000),
                                                         ("park", "交易额（万）", "35000", 35000)])
def test_the_unit_named_in_an_amounts_label_is_its_unit(tmp_path, app_type, label, figure, wan):
    """"年度交易额（亿元） | 0.8" on a base's form (附件2 prints 万元 there): 0.8亿元, not 0.8万元 — which failed
    通知 二（二）2's 5000万元 — and the park's "（万元） | 35000" is not 35000亿元; a warning at the cell says so."""
    app = _typed_form(tmp_path, app_type, {"sb_trade_total": label}, {"sb_trade_total": figure}, units={"sb_trade_total": ""})
    result = check(app)
    assert result.values["sb_trade_total"] == wan, label
    said = [f for f in result.findings if f.code == "FIELD_AMOUNT"]
    assert len(said) == 1 and said[0].severity.value == "warning" and "标签" in said[0].message, said
    assert not [f for f in result.findings if f.code == "ELIG_TRADE"]


def test_the_printed_unit_in_an_amounts_label_changes_nothing(tmp_path):
    app = _typed_form(tmp_path, "park", {"sb_trade_total": "年度交易额（亿元）"}, {"sb_trade_total": "3.5"},
                      units={"sb_trade_total": ""})
    result = check(app)
    assert result.values["sb_trade_total"] == 35000 and not [f for f in result.findings if f.code == "FIELD_AMOUNT"]


@pytest.mark.parametrize("app_type, name, label", [("enterprise", "sb_org_type", "企业类型"),
                                                   ("team", "sb_org_type", "企业性质"),
                                                   ("enterprise", "sb_org_type", "单位性质"),
                                                   ("park", "sb_operator_type", "运营机构性质")])
def test_the_type_under_the_words_clerks_type_for_it(tmp_path, app_type, name, label):
    """类型 as 附件4 heads it (企业性质) or as people label it: the one type chosen, typed as a word."""
    app = _typed_form(tmp_path, app_type, {name: label})
    assert app.value(name) == "民营企业", label
    assert not [f for f in check(app).findings if f.code == "FIELD_REQUIRED"]


@pytest.mark.parametrize("label", ["线上交易占比", "线上交易占营业收入比例", "线上销售占比", "线上交易比例"])
def test_the_enterprises_online_share_under_shortened_labels(tmp_path, label):
    app = _typed_form(tmp_path, "enterprise", supplement=[[label, "65%"]])
    assert app.value("sb_online_share") == "65%", label


@pytest.mark.parametrize("app_type", ["park", "base"])
def test_item_8s_four_counts_under_shortened_labels(tmp_path, app_type):
    """"8. 入驻电商企业中列为国家级或省级示范企业 _家，列为…典型统计调查企业 _家，已上市企业 _家，…授权运营企业 _家"
    typed as a column of four short heads."""
    names = {"sb_demo_enterprises": "国家级或省级示范企业", "sb_survey_enterprises": "典型统计调查企业",
             "sb_listed_enterprises": "上市企业", "sb_authorized_enterprises": "平台授权运营企业"}
    figures = {name: str(i) for i, name in enumerate(names, 2)}
    app = _typed_form(tmp_path, app_type, names, figures)
    assert {name: app.value(name) for name in names} == figures


@pytest.mark.parametrize("fill, period", [("填报日期", "统计期间"), ("申报日期", "统计周期"), ("填报时间", "统计时段"),
                                          ("申报时间", "数据统计期"), ("填表日期", "统计期（年月）")])
def test_the_fill_date_and_period_under_the_words_clerks_type_for_them(tmp_path, fill, period):
    """附件3/附件4's 填报日期 for the form's 填表时间, and the 统计期 as people head it: both months in one cell."""
    from openpyxl import load_workbook
    _typed_form(tmp_path, "team")
    wb = load_workbook(tmp_path / "team.xlsx")
    ws = wb.active
    assert (ws["A2"].value, ws["B7"].value) == ("填表时间：2024年4月15日", "统计期")
    ws["A2"], ws["B7"] = f"{fill}：2024年4月15日", period
    wb.save(tmp_path / "改.xlsx")
    app = read_application(tmp_path / "改.xlsx")
    result = check(app)
    assert app.value("sb_fill_date") == "2024年4月15日", fill
    assert (result.values["sb_period_start"], result.values["sb_period_end"]) == (date(2023, 1, 1), date(2023, 12, 1)), period


@pytest.mark.parametrize("label", ["运营单位名称", "运营主体名称", "运营公司名称", "运营主体", "运营单位"])
def test_the_operators_name_under_the_words_clerks_type_for_it(tmp_path, label):
    """A park's 运营机构 名称 typed on a row of its own, no 运营机构 heading: the operator's, the park's 名称 stays."""
    app = read_application(_book(tmp_path / "园区.xlsx", _park_rows("名称", [label, "贵州黔货出山园区运营管理有限公司"])))
    assert app.value("sb_operator_name") == "贵州黔货出山园区运营管理有限公司", label
    assert app.value("sb_name") == "贵阳黔货出山电子商务产业园", label


@pytest.mark.parametrize("label", ["公共区域配套", "公共区域"])
def test_the_bases_public_area_item_under_shortened_labels(tmp_path, label):
    app = _typed_form(tmp_path, "base", {"sb_public_area_ok": label})
    assert app.value("sb_public_area_ok") == "是", label


def test_the_leaders_name_right_of_his_heading_when_no_xingming_is_typed(tmp_path):
    """"主要负责人 | 王明 | 职务 | 总经理 | 手机 | …": the heading is the name's label; with 姓名 typed it stays a heading."""
    app = _team(tmp_path, 主要负责人=lambda r: ["主要负责人", "王明", "职务", "总经理", "手机", "13908510001"])
    assert (app.value("sb_leader_name"), app.value("sb_leader_title")) == ("王明", "总经理")
    app = _team(tmp_path, 主要负责人=lambda r: ["主要负责人", "姓名", None, "职务", "总经理", "手机", "13908510001"])
    assert (app.value("sb_leader_name"), app.value("sb_leader_title")) == (None, "总经理")


@pytest.mark.parametrize("title", ["法定代表人", "负责人"])
def test_a_title_that_is_also_a_leaders_label_under_its_label(tmp_path, title):
    """"姓名 | 职务 | 手机" as a header row, "王明 | 法定代表人 | …" under it: his title, not a label."""
    rows = [r for r in _rows() if r and r[0] != "主要负责人"]
    at = next(i for i, r in enumerate(rows) if r[0] == "类型")
    rows[at + 1:at + 1] = [["姓名", "职务", "手机"], ["王明", title, "13908510001"]]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert (app.value("sb_leader_name"), app.value("sb_leader_title"), app.value("sb_leader_mobile")) == \
        ("王明", title, "13908510001")


@pytest.mark.parametrize("name_label, title", [("负责人姓名", "负责人"), ("负责人", "法定代表人"), ("法人", "法人代表"),
                                               ("法定代表人", "负责人")])
def test_a_title_that_is_a_leaders_label_does_not_take_the_names_place(tmp_path, name_label, title):
    """"负责人姓名 | 王明 | 职务 | 负责人 | …": the 负责人 right of 职务 is the title answered, not the name's label."""
    app = _team(tmp_path, 主要负责人=_leader(name_label, "王明", "职务", title, "手机", "13908510001"))
    assert (app.value("sb_leader_name"), app.value("sb_leader_title")) == ("王明", title), name_label


@pytest.mark.parametrize("label, figure", [("粉丝数（万）", 150), ("粉丝总数（万人）", "150"), ("粉丝量(万)", 150),
                                           ("粉丝数（万）", "150万"), ("粉丝数（万人）", "150万人")])
def test_a_count_labelled_in_wan_is_read_in_wan(tmp_path, label, figure):
    """"粉丝数（万） | 150" on a team's form: 150万人, which meets 附件5 团队 2.1.2 粉丝总数达100万以上 — not a blank
    left to the 是/否 box; a bare figure gets a warning at its cell naming the label, "150万" is not taken twice."""
    app = _typed_form(tmp_path, "team", supplement=[[label, figure]])
    result = check(app)
    assert result.values["sb_fans"] == 1500000, label
    said = [f for f in result.findings if f.code == "FIELD_AMOUNT" and f.field == "sb_fans"]
    if isinstance(figure, str) and "万" in figure:
        assert not said, said
    else:
        assert len(said) == 1 and said[0].severity.value == "warning" and "标签" in said[0].message, said
        assert "1500000人" in said[0].message or "150万人" in said[0].message, said[0].message


def test_a_count_labelled_in_people_is_read_as_typed(tmp_path):
    result = check(_typed_form(tmp_path, "team", supplement=[["粉丝数（人）", 1500000]]))
    assert result.values["sb_fans"] == 1500000
    assert not [f for f in result.findings if f.code == "FIELD_AMOUNT" and f.field == "sb_fans"]
