"""The official 申报表 (附件2) retyped by hand and answered the way the printed lines invite: the boxes ticked inside
the item's own cell ("1. 有小程序、APP 或自媒体公众号☑是 □否"), several blanks of one printed line filled where they
stand ("(2023年1月-2023年12月)年度交易额达 3.5 亿元；年度网络零售额达 4200 万元"), the 附件3 list on a sheet
beside it, and the notice's own word 成立时间 for the 成立日期 of 补充信息. No defined names."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.examples import PERFORMANCE, make_uscc

_SUPPLEMENT = [["补充信息"], ["所属市（州）", "安顺市"], ["县（区）", "西秀区"],
               ["统一社会信用代码", make_uscc("520402", "MA6J8N5P2")],
               ["信用记录良好（信用中国等查询无失信记录）", "是"], ["财务制度健全", "是"], ["联系人", "李红"],
               ["联系电话", "0851-88552573"], ["企业运营情况及主要业绩（不少于150字）", PERFORMANCE]]


def _book(path, rows, extra=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    for r in rows:
        ws.append(r)
    for title, more in extra:
        other = wb.create_sheet(title)
        for r in more:
            other.append(r)
    wb.save(path)
    return path


def _team(ticks: dict[str, str], established_row):
    box = {"是": "☑是 □否", "否": "□是 ☑否", "": "□是 □否"}
    items = [("软件及配套", "1. 有小程序、APP 或自媒体公众号", "app"),
             ("", "2. 成立时间 1 年以上，具备直播电商业务经验 6 个月以上", "exp"),
             ("", "3. 具备完善的仓配管理系统", "wh"), ("融合发展", "4. 落地在电商产业园内，对产业集聚有带动作用", "park"),
             ("", "5. 签约主播、直播艺人 5 人以上", "anchors"), ("", "粉丝数 100 万以上", "fans"),
             ("", "6. 有 1 个以上品牌及产业带合作案例", "brand"), ("企业资质", "7. 取得相应的经营批准证书，信息公开可查", "lic"),
             ("示范带动", "8. 社会效益显著，带动上下游关联企业协同发展", "social"),
             ("助力乡村振兴", "7. 在助力乡村振兴方面成效显著", "rural"), ("", "8. 年度带动贵州农产品销售 50 万元以上", "agri")]
    return [["电商直播团队申报表"], ["填表时间：2024年4月15日"],
            ["名称", "安顺黔味文化传媒有限公司", "主管部门", "安顺市西秀区商务局"], ["地址", "贵州省安顺市西秀区黄果树大街18号"],
            ["类型", "□国有或国有控股企业 ☑民营企业 □其他_____"],
            ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", "13908510001"],
            ["前置条件", "(2023年1月-2023年12月)年度直播销售额", 780, "万元"],
            *[[group, label + box[ticks.get(key, "是")]] for group, label, key in items],
            *_SUPPLEMENT, established_row]


def test_boxes_ticked_in_the_items_own_cell_are_read(tmp_path):
    app = read_application(_book(tmp_path / "团队.xlsx", _team({}, ["成立日期", "2022年6月1日"])))
    result = check(app)
    assert result.score.auto == 100
    assert not [f for f in result.findings if f.code == "FIELD_REQUIRED"]


def test_a_no_ticked_in_the_cell_is_a_no_and_an_untouched_line_is_blank(tmp_path):
    app = read_application(_book(tmp_path / "团队.xlsx", _team({"app": "否", "rural": "否", "agri": ""},
                                                              ["成立日期", "2022年6月1日"])))
    result = check(app)
    assert app.value("sb_has_app") == "□是 ☑否" and app.value("sb_agri_sales_50w") is None
    assert result.score.auto == 100 - 15 - 10 - 10
    assert [f.field for f in result.findings if f.code == "FIELD_REQUIRED"] == ["sb_agri_sales_50w"]


def test_the_notices_word_for_the_founding_date(tmp_path):
    for row in (["成立时间", "2021年3月"], ["成立时间：2021年3月"]):
        app = read_application(_book(tmp_path / "团队.xlsx", _team({}, row)))
        result = check(app)
        assert result.eligible is True, [f.message for f in result.findings]


def _park(retail, telecom="☑是 □否"):
    return [["电商示范园区申报表"], ["填表时间：2024年4月15日"],
            ["名称", "贵阳黔货出山电子商务产业园", "", "主管部门", "贵阳市南明区商务局"],
            ["地址", "贵州省贵阳市南明区花果园大街1号"],
            ["运营机构", "名称", "贵州黔货出山园区运营管理有限公司"],
            ["", "类型", "□政府部门 □事业单位 ☑国有或国有控股企业 □民营企业 □其他_____"],
            ["园区主要负责人", "姓名", "王明", "职务", "总经理", "手机", "13908510001"],
            ["前置条件", f"(2023年1月-2023年12月)年度交易额达 3.5 亿元；年度网络零售额达 {retail} 万元"],
            ["硬件设施", "1. 园区面积 20000 平方米；电子商务业务区域使用面积 6000 平方米；电子商务配套服务区面积 8000 平方米。"],
            ["", f"2. 园区与通讯商达成协议 {telecom}，带宽不低于100Mbps ☑是 □否"],
            ["", "3. 有直播间 12 间，公共区域 6 个（含培训、会议室）"],
            ["软件设施", "4. 有管理中台", "是"], ["", "5. 管理中台可查看入驻企业基本信息和统计销售数据", "是"],
            ["", "6. 管理中台可实现现金流、物流、发票流三合一，协助企业数据入规入统", "是"],
            ["融合发展", "7. 园区已入驻电商企业", 2, "家"], ["", "8. 入驻电商企业中列为国家级或省级示范企业", 0, "家"],
            ["", "列为商务部商贸流通典型统计调查企业", 0, "家"], ["", "已上市企业", 0, "家"],
            ["", "知名电商平台授权运营企业", 0, "家"],
            ["公共服务", "9. 与金融机构建立合作关系，能提供供应链金融，授信额不低于 10 万", "是"],
            ["", "10. 建立相关人才政策，每年电商相关培训不少于 5 次，单次人数不少于 50 人，有职业技能鉴定渠道", "是"],
            ["", "11. 每年孵化电商企业", 2, "家"], ["", "孵化成功率", "50%"],
            ["", "12. 为入驻企业提供的专业服务类型：☑直播电商 □跨境电商 □协同服务 ☑仓储物流 □摄影美工 □客服托管 □代运营 "
                 "□会计事务 □专利申办 □评估咨询 □法律支持 □其他专业服务_____。"],
            ["", "13. 为入驻企业提供的行政服务类型：☑工商注册 □年审年检 □税务登记 □项目申报 □其他行政便利化服务_____。"],
            ["运营发展", "14. 建立专家团队、咨询机制、制定电商专项支持政策，能够开展政产学研多方面合作。", "是"],
            ["", "15. 入驻企业拥有或创建品牌数", 5, "个"], ["示范带动", "16. 入驻企业员工总数不低于 50 个", "是"],
            ["", "17. 在助力乡村振兴方面具备一定成效", "是"], ["发展潜力", "18. 提供完整并具备可行性的规划方案", "是"],
            ["", "19. 按照规划分阶段实施落地，能够完全实现规划内容", "是"],
            ["开放创新", "20. 承担执行当地主管部门电商产业发展提质增效计划", "否"],
            ["", "21. 跨境电商年销售额实现", "无", "美元"]]


_RESIDENTS = [["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
               "(2023年1月-2023年12月)年度网络交易额(万元)", "(2023年1月-2023年12月)年度网络零售额(万元)", "备注"],
              [1, "贵州测试1号电子商务有限公司", "张三", "13900000000", "", "农产品", 30, 17500, 2100, ""],
              [2, "贵州测试2号电子商务有限公司", "李四", "13900000001", "", "农产品", 30, 17500, 2100, ""]]


def test_blanks_filled_inside_one_printed_line(tmp_path):
    app = read_application(_book(tmp_path / "园区.xlsx", _park(4200) + [["成立日期", "2020年3月18日"]] + _SUPPLEMENT,
                                 [("附件3", _RESIDENTS)]))
    assert (app.value("sb_trade_total"), app.value("sb_online_retail")) == ("3.5亿元", "4200万元")
    assert (app.value("sb_area_ecom"), app.value("sb_live_rooms"),
            app.value("sb_public_areas")) == ("6000平方米", "12间", "6个")
    assert (app.value("sb_telecom_agreement"), app.value("sb_bandwidth_100m")) == ("☑是 □否", "☑是 □否")
    result = check(app)
    assert result.eligible is True, [f.message for f in result.findings]
    items = {i.id: i.auto for i in result.score.items}
    assert items["1.1.1"] == items["1.1.2"] == items["1.1.3"] == 5


def test_the_resident_list_header_is_no_answer_of_the_form(tmp_path):
    """The form's 年度网络零售额 line filled with nothing: the 附件3 header "年度网络零售额(万元)" on the next sheet is not
    taken for its label (its neighbour "备注" was read as the amount)."""
    rows = _park(4200)
    rows[7] = ["前置条件", "(2023年1月-2023年12月)年度交易额达 3.5 亿元；年度网络零售额达 ____ 万元"]
    app = read_application(_book(tmp_path / "园区.xlsx", rows + [["成立日期", "2020年3月18日"]] + _SUPPLEMENT,
                                 [("附件3", _RESIDENTS)]))
    assert app.value("sb_online_retail") is None
    assert "sb_online_retail" in {f.field for f in check(app).findings if f.code == "FIELD_REQUIRED"}


def _one_column(rows):
    """The same form retyped as a column: each printed label on its row, its answer in the row under it."""
    out = []
    for row in rows:
        cells = [v for v in row if v not in (None, "")]
        if len(cells) == 2 and isinstance(cells[0], str):
            out += [[cells[0]], [cells[1]]]
        else:
            out.append(row)
    return out


_COLUMN_FORM = [["电商直播团队申报表"], ["填表时间", "2024年4月15日"], ["名称", "安顺黔味文化传媒有限公司"],
                ["主管部门", "安顺市西秀区商务局"], ["主要负责人姓名", "王明"], ["主要负责人手机", "13908510001"],
                ["地址", "贵州省安顺市西秀区黄果树大街18号"], ["(2023年1月-2023年12月)年度直播销售额", 780],
                ["1. 有小程序、APP 或自媒体公众号", "是"], ["2. 成立时间 1 年以上，具备直播电商业务经验 6 个月以上", "是"],
                ["3. 具备完善的仓配管理系统", "是"], ["4. 落地在电商产业园内，对产业集聚有带动作用", "是"],
                ["粉丝数 100 万以上", "是"], ["6. 有 1 个以上品牌及产业带合作案例", "是"],
                ["7. 取得相应的经营批准证书，信息公开可查", "是"], ["8. 社会效益显著，带动上下游关联企业协同发展", "是"],
                ["7. 在助力乡村振兴方面成效显著", "是"], ["8. 年度带动贵州农产品销售 50 万元以上", "否"],
                *_SUPPLEMENT[1:], ["成立日期", "2022年6月1日"]]


def test_answers_typed_under_their_labels_are_read_as_beside_them(tmp_path):
    """A form retyped as one column — label, then its answer on the next row — reads as the printed layout does:
    the same verdict, score and answers (it read as blank: 0 points and 20 false 必填项为空)."""
    rows = _COLUMN_FORM
    beside = check(read_application(_book(tmp_path / "并排.xlsx", rows)))
    under = check(read_application(_book(tmp_path / "上下.xlsx", _one_column(rows))))
    assert beside.eligible is True and beside.score.auto == 90
    assert (under.eligible, under.score.auto) == (beside.eligible, beside.score.auto)
    assert {n: v for n, v in under.app.raw.items() if v.value is not None}.keys() == \
        {n: v for n, v in beside.app.raw.items() if v.value is not None}.keys()
    def required(result):
        return sorted(f.field for f in result.findings if f.code == "FIELD_REQUIRED")

    assert required(under) == required(beside) and "sb_has_app" not in required(under)


def test_a_group_title_under_a_label_is_no_answer(tmp_path):
    """In a form retyped as one column, an item left blank whose next row is the group title of the next items
    (融合发展) has no answer — the title is not read as one."""
    for label, name in (("4. 落地在电商产业园内，对产业集聚有带动作用", "sb_in_park"),
                        ("(2023年1月-2023年12月)年度直播销售额", "sb_live_sales")):
        rows = _one_column(_COLUMN_FORM)
        at = rows.index([label])
        rows[at + 1] = ["融合发展"]
        app = read_application(_book(tmp_path / "团队.xlsx", rows))
        assert app.value(name) is None and app.value("sb_has_app") == "是", name


def test_a_blank_answer_in_the_printed_layout_never_takes_the_next_row(tmp_path):
    """On the printed layout (answers right of the labels) an item left blank stays blank: the row under it is the
    next item, never its answer."""
    rows = _team({}, ["成立日期", "2022年6月1日"])
    rows[6] = ["前置条件", "(2023年1月-2023年12月)年度直播销售额", None, "万元"]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.value("sb_live_sales") is None


def test_a_figure_in_the_narrative_or_a_residents_note_is_no_answer_of_the_form(tmp_path):
    """A blank of the printed line stays blank when the 企业运营情况及主要业绩 narrative, or a resident's 备注 in the
    附件3 list, repeats the label with another year's figure (QA: 600万元 of 2022 was read, 前置条件 达标)."""
    rows = _team({}, ["成立日期", "2022年6月1日"])
    rows[6] = ["前置条件", "(2023年1月-2023年12月)年度直播销售额", None, "万元"]
    i = next(i for i, r in enumerate(rows) if str(r[0]).startswith("企业运营情况"))
    rows[i] = [rows[i][0], "团队2022年年度直播销售额 600 万元，2023年继续增长。" + rows[i][1]]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.value("sb_live_sales") is None and check(app).eligible is None
    park = _park(4200)
    park[7] = ["前置条件", "(2023年1月-2023年12月)年度交易额达 3.5 亿元；年度网络零售额达 ____ 万元"]
    residents = [r[:] for r in _RESIDENTS]
    residents[2][-1] = "2022年年度网络零售额 5000 万元"
    app = read_application(_book(tmp_path / "园区.xlsx", park + [["成立日期", "2020年3月18日"]] + _SUPPLEMENT,
                                 [("附件3", residents)]))
    assert app.value("sb_online_retail") is None and app.value("sb_trade_total") == "3.5亿元"


def test_the_teams_item_on_its_age_is_no_founding_date(tmp_path):
    """Item 2 of the team form retyped short ("2. 成立时间1年以上 | 是") and no 成立日期 line: 成立日期 is missing (said
    so), not "是" read as a date."""
    rows = [r for r in _team({}, ["成立日期", "2022年6月1日"]) if r[0] != "成立日期"]
    rows = [["", "2. 成立时间1年以上", "是"] if len(r) > 1 and str(r[1]).startswith("2. 成立时间") else r for r in rows]
    result = check(read_application(_book(tmp_path / "团队.xlsx", rows)))
    assert result.app.value("sb_established") is None
    assert "sb_established" in {f.field for f in result.findings if f.code in ("FIELD_REQUIRED", "ELIG_MISSING")}
    assert not [f for f in result.findings if f.code == "FIELD_DATE" and f.field == "sb_established"]


def test_a_printed_line_ending_in_its_full_stop_and_a_figure_with_its_own_wan(tmp_path):
    """Item 14 is printed "…能够开展政产学研多方面合作。□ 是 □ 否"; item 21 is written "实现 60万 美元"."""
    rows = _park(4200)
    rows[next(k for k, r in enumerate(rows) if len(r) > 1 and str(r[1]).startswith("14."))] = [
        "运营发展", "14. 建立专家团队、咨询机制、制定电商专项支持政策，能够开展政产学研多方面合作。☑ 是 □ 否"]
    rows[-1] = ["", "21. 跨境电商年销售额实现 60万 美元"]
    app = read_application(_book(tmp_path / "园区.xlsx", rows + [["成立日期", "2020年3月18日"]] + _SUPPLEMENT,
                                 [("附件3", _RESIDENTS)]))
    assert app.value("sb_expert_team") == "☑ 是 □ 否" and app.value("sb_crossborder_usd") == "60万美元"
    items = {i.id: i.auto for i in check(app).score.items}
    assert (items["2.3.1"], items["4.2"]) == (5, 10)


def test_answers_typed_after_a_space_in_the_labels_own_cell(tmp_path):
    """"名称 安顺某某有限公司", "主管部门　某某商务局" (a full-width space), "填表时间 2024年4月15日": the answer typed in the
    label's cell after a space instead of a colon is read (it was blank: 必填项为空). A printed label that has words
    after a space ("2. 成立时间 1 年以上…", "粉丝数 100 万以上") stays a label."""
    rows = _team({}, ["成立日期", "2022年6月1日"])
    rows[1] = ["填表时间 2024年4月15日"]
    rows[2] = ["名称 安顺黔味文化传媒有限公司", "主管部门　安顺市西秀区商务局"]
    rows[3] = ["地址  贵州省安顺市西秀区黄果树大街18号"]
    rows = [["联系人 李红"] if r and r[0] == "联系人" else r for r in rows]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert (app.value("sb_name"), app.value("sb_authority"), app.value("sb_address"), app.value("sb_contact")) == (
        "安顺黔味文化传媒有限公司", "安顺市西秀区商务局", "贵州省安顺市西秀区黄果树大街18号", "李红")
    assert app.where("sb_name") == ("申报表", "A3") and app.value("sb_established") == "2022年6月1日"
    result = check(app)
    assert result.eligible is True and result.score.auto == 100
    assert not [f for f in result.findings if f.code == "FIELD_REQUIRED"]


def test_an_answer_beside_a_label_with_a_spaced_note_is_the_answer(tmp_path):
    """Words after a space in a label cell are only read when nothing stands right of the label: "手机 （必填）" with
    the number beside it keeps the number."""
    rows = _team({}, ["成立日期", "2022年6月1日"])
    rows[2] = ["名称 （全称）", "安顺黔味文化传媒有限公司", "主管部门", "安顺市西秀区商务局"]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.value("sb_name") == "安顺黔味文化传媒有限公司"


def test_items_with_a_unit_or_boxes_answered_after_a_space(tmp_path):
    """"4. 有管理中台 是", "5. …销售数据 √", "7. 园区已入驻电商企业 2家", "15. …品牌数 5个": read from the label's cell;
    a printed line of several blanks keeps each blank's own answer ("1. 园区面积 20000 平方米；电子商务业务区域…" is
    20000平方米, not the rest of the line)."""
    rows = _park(4200) + [["成立日期", "2020年3月18日"]] + _SUPPLEMENT
    def at(prefix):
        return next(k for k, r in enumerate(rows) if len(r) > 1 and str(r[1]).startswith(prefix))
    rows[at("4.")] = ["软件设施", "4. 有管理中台 是"]
    rows[at("5.")] = ["", "5. 管理中台可查看入驻企业基本信息和统计销售数据 √"]
    rows[at("7. 园区")] = ["融合发展", "7. 园区已入驻电商企业 2家"]
    rows[at("15.")] = ["", "15. 入驻企业拥有或创建品牌数 5个"]
    app = read_application(_book(tmp_path / "园区.xlsx", rows, [("附件3", _RESIDENTS)]))
    assert (app.value("sb_has_platform"), app.value("sb_platform_stats"), app.value("sb_resident_count"),
            app.value("sb_brands")) == ("是", "√", "2家", "5个")
    assert (app.value("sb_area_park"), app.value("sb_area_ecom")) == ("20000平方米", "6000平方米")
    result = check(app)
    assert result.eligible is True and not [f for f in result.findings if f.code.startswith("FIELD_")]


def test_the_applicants_name_under_the_words_people_retype_it_with(tmp_path):
    """The form prints just "名称"; retyped, it becomes "企业名称", "单位名称", "申报单位名称", "团队名称": the name is read
    (it was blank: 必填项为空, and the 汇总表 row had no 企业名称). "运营机构 | 企业名称" stays the operator's."""
    for label in ("企业名称", "单位名称", "申报单位名称", "团队名称"):
        rows = _team({}, ["成立日期", "2022年6月1日"])
        rows[2] = [label, "安顺黔味文化传媒有限公司", "主管部门", "安顺市西秀区商务局"]
        app = read_application(_book(tmp_path / "团队.xlsx", rows))
        assert app.value("sb_name") == "安顺黔味文化传媒有限公司", label
    rows = _park(4200) + [["成立日期", "2020年3月18日"]] + _SUPPLEMENT
    rows[2] = ["园区名称", "贵阳黔货出山电子商务产业园", "", "主管部门", "贵阳市南明区商务局"]
    rows[4] = ["运营机构", "企业名称", "贵州黔货出山园区运营管理有限公司"]
    app = read_application(_book(tmp_path / "园区.xlsx", rows, [("附件3", _RESIDENTS)]))
    assert (app.value("sb_name"), app.value("sb_operator_name")) == (
        "贵阳黔货出山电子商务产业园", "贵州黔货出山园区运营管理有限公司")
    assert check(app).eligible is True


def test_the_period_typed_under_its_own_label(tmp_path):
    """The 统计期 retyped on rows of its own, as the tool's messages name it ("统计期起 | 2023年1月", "统计期止 | 2023年12月")
    or in one cell ("统计期 | 2023年1月-2023年12月", "统计期：2023年1月-2023年12月"): read (it was missing: 待定)."""
    periods = ([["前置条件", "统计期起", "2023年1月"], ["", "统计期止", "2023年12月"]],
               [["前置条件", "统计期", "2023年1月-2023年12月"]], [["前置条件", "统计期：2023年1月-2023年12月"]],
               [["前置条件", "统计期 2023年1月至2023年12月"]])
    for rows_of_period in periods:
        rows = _team({}, ["成立日期", "2022年6月1日"])
        rows[6:7] = [*rows_of_period, ["", "年度直播销售额", 780, "万元"]]
        result = check(read_application(_book(tmp_path / "团队.xlsx", rows)))
        assert result.eligible is True, (rows_of_period, [f.message for f in result.findings])
        assert not [f for f in result.findings if f.field in ("sb_period_start", "sb_period_end")]


def test_the_supplementary_items_under_the_words_people_retype_them_with(tmp_path):
    """补充信息 retyped as forms usually word it: 社会信用代码 (the code was missing: 前置条件 待定), 市（州）, 所属县（区）,
    联系方式."""
    for printed, typed, name in (("统一社会信用代码", "社会信用代码", "sb_uscc"), ("所属市（州）", "市（州）", "sb_city"),
                                 ("县（区）", "所属县（区）", "sb_county"), ("联系电话", "联系方式", "sb_contact_phone")):
        rows = [[typed, *r[1:]] if r and r[0] == printed else r for r in _team({}, ["成立日期", "2022年6月1日"])]
        result = check(read_application(_book(tmp_path / "团队.xlsx", rows)))
        assert result.eligible is True and result.app.value(name) is not None, typed
        assert not [f for f in result.findings if f.code == "FIELD_REQUIRED"], typed


def _with_remark(rows, item: str, remark: str, answer: str = "☑是 □否"):
    """The retyped rows with ``remark`` typed in the cell right of the printed line of ``item``, answered there with
    ``answer``."""
    return [[r[0], r[1].replace("☑是 □否", answer), *r[2:], remark]
            if len(r) > 1 and isinstance(r[1], str) and r[1].startswith(item) else r for r in rows]


@pytest.mark.parametrize("answer", ["☑是 □否", " 是"])
def test_a_remark_typed_right_of_a_line_answered_in_it_is_its_remark_not_its_answer(tmp_path, answer):
    """"8. 年度带动贵州农产品销售 50 万元以上☑是 □否" (or "…以上 是") | "2023年带动农产品销售80万元": the answer is in the
    line; the cell beside it is its remark. It was read as the answer ("应填“是”或“否”", item 2.4.2 no points)."""
    rows = _with_remark(_team({}, ["成立日期", "2022年6月1日"]), "8. 年度带动", "2023年带动农产品销售80万元", answer)
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.raw["sb_agri_sales_50w"].remark == "2023年带动农产品销售80万元", app.raw["sb_agri_sales_50w"]
    result = check(app)
    assert result.score.auto == 100, [(i.id, i.reason) for i in result.score.items if i.auto != i.max]
    assert not [f for f in result.findings if f.code in ("FIELD_CHOICE", "FIELD_INCONSISTENT")], result.findings


def test_a_remark_right_of_a_ticked_line_below_the_questions_figure_is_said_with_its_cell(tmp_path):
    rows = _with_remark(_team({}, ["成立日期", "2022年6月1日"]), "8. 年度带动", "全年带动农产品销售30万元")
    result = check(read_application(_book(tmp_path / "团队.xlsx", rows)))
    it = next(i for i in result.score.items if i.id == "2.4.2")
    assert it.auto == 0 and "申报表!C18" in it.reason and "30万元" in it.reason, it
    assert [f for f in result.findings if f.code == "FIELD_INCONSISTENT"], result.findings


def _ticks_under_items(rows):
    """The team's form with the boxes of items 1-4 typed on the line under their questions (the long questions fill
    the line) and the leader's 手机 under its label, which ends his line; the other answers right of their labels."""
    out = []
    for row in rows:
        if len(row) == 2 and str(row[1])[:2] in ("1.", "2.", "3.", "4.") and row[1][-5:] in ("☑是 □否", "□是 ☑否"):
            out += [[row[0], row[1][:-5]], ["", row[1][-5:]]]
        elif row[:1] == ["主要负责人"]:
            out += [row[:-1], [""] * 5 + [row[-1]]]
        else:
            out.append(row)
    return out


def test_answers_typed_under_their_labels_on_the_printed_layout_are_read(tmp_path):
    """The printed layout with the boxes of items 1-4 ticked on the line under their questions and the 手机 under its
    label, the other answers right of their labels: read as if ticked beside (they read as blank: 4 items without
    points, false 必填项为空 and 手机 missing)."""
    rows = _team({"app": "否"}, ["成立日期", "2022年6月1日"])
    beside = check(read_application(_book(tmp_path / "并排.xlsx", rows)))
    under = check(read_application(_book(tmp_path / "上下.xlsx", _ticks_under_items(rows))))
    assert (under.eligible, under.score.auto) == (beside.eligible, beside.score.auto) == (True, 85)
    assert under.app.value("sb_leader_mobile") == "13908510001" and under.app.value("sb_has_app") == "□是 ☑否"
    assert not [f for f in under.findings if f.code == "FIELD_REQUIRED"]


def test_a_row_under_a_blank_printed_item_holding_more_than_its_answer_is_no_answer(tmp_path):
    """Under an item left blank at the end of its line, a row with values in other columns (a remark beside a
    figure, the next item's group and question) is not taken for its answer."""
    rows = _ticks_under_items(_team({}, ["成立日期", "2022年6月1日"]))
    at = next(i for i, r in enumerate(rows) if len(r) > 1 and str(r[1]).startswith("3. 具备完善的仓配管理系统"))
    rows[at + 1] = ["", "☑是 □否", "（仓配系统在建）"]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.value("sb_warehouse_system") is None and app.value("sb_has_app") == "☑是 □否"


def _last_years_column_hidden(path):
    """The team's form reused from last year: last year's answers kept in column C, hidden, this year's typed in D."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    for row in _team({}, ["成立日期", "2022年6月1日"]):
        if len(row) == 2 and str(row[1]).endswith("☑是 □否"):
            ws.append([row[0], row[1][:-5], "□是 ☑否", "☑是 □否"])
        elif row[:1] == ["前置条件"]:
            ws.append([*row[:2], 80, 780, "万元"])
        else:
            ws.append(row)
    ws.column_dimensions["C"].hidden = True
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_answers_in_a_shown_column_win_over_last_years_in_a_hidden_one(tmp_path, fmt):
    """A form whose hidden column C holds last year's answers beside this year's in D, as the form shows and is
    stamped: the hidden ones were read (80万元, every item 否: 不达标, 0 points). The shown answers are read; a hidden
    column is still read where no shown one holds an answer (the 名称 and the header, all in B)."""
    path = _last_years_column_hidden(tmp_path / "团队.xlsx")
    if fmt != "xlsx":
        from .libreoffice import convert
        path = convert(path, fmt, tmp_path / fmt)
    result = check(read_application(path))
    assert (result.eligible, result.score.auto) == (True, 100)
    assert result.app.value("sb_live_sales") == 780 and result.app.value("sb_name") == "安顺黔味文化传媒有限公司"


def test_an_item_retyped_under_its_earlier_answer_kept_in_a_hidden_row_is_read_from_the_shown_row(tmp_path):
    """The 直播销售额 line and item 3 retyped under their first answers, the first rows hidden (an earlier answer kept
    out of sight, not deleted): the hidden rows were read (80万元: 不达标). The shown rows are read."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    for row in _team({}, ["成立日期", "2022年6月1日"]):
        if row[:1] == ["前置条件"] or str(row[1:2]).startswith("['3. 具备完善"):
            ws.append([row[0], row[1], 80, "万元"] if row[0] == "前置条件" else [row[0], row[1][:-5] + "□是 ☑否"])
            ws.row_dimensions[ws.max_row].hidden = True
            row = ["", *row[1:]]
        ws.append(row)
    wb.save(tmp_path / "团队.xlsx")
    result = check(read_application(tmp_path / "团队.xlsx"))
    assert (result.eligible, result.score.auto) == (True, 100)
    assert result.app.value("sb_live_sales") == 780 and result.app.value("sb_warehouse_system") == "☑是 □否"


def test_a_retyped_form_shown_wins_over_its_older_copy_on_a_hidden_sheet_before_it(tmp_path):
    """A retyped form whose older copy (80万元) is kept on a hidden sheet “申报表（旧）” before the shown “申报表”
    (780万元), no defined names: the hidden copy was read (不达标) and the form shown, printed and stamped was said
    to be the one not read. The shown sheet is read; the hidden copy is the one said (FILE_OTHER_FORM)."""
    wb = Workbook()
    old = wb.active
    old.title = "申报表（旧）"
    for row in _team({}, ["成立日期", "2022年6月1日"]):
        old.append([*row[:2], 80, "万元"] if row[:1] == ["前置条件"] else row)
    old.sheet_state = "hidden"
    shown = wb.create_sheet("申报表")
    for row in _team({}, ["成立日期", "2022年6月1日"]):
        shown.append(row)
    wb.save(tmp_path / "团队.xlsx")
    result = check(read_application(tmp_path / "团队.xlsx"))
    assert (result.eligible, result.app.value("sb_live_sales")) == (True, 780)
    said = [f for f in result.findings if f.code == "FILE_OTHER_FORM"]
    assert len(said) == 1 and "“申报表（旧）”（隐藏）" in said[0].message and said[0].severity.value == "warning"
