"""The official 申报表 (附件2) retyped by hand in its printed layout, as city bureaus receive it: answers merged over
several columns next to their label, the 统计期 written into "(202x年x月-202x年x月)年度交易额达", the line split at
its blanks ("_____家，列为商务部…" leaves "家，列为商务部…" in one cell), the 专业服务/行政服务 and 类型 boxes
ticked on one printed line ("☑直播电商 □跨境电商"). No defined names: the reader goes by the printed labels."""
from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check


def put_rows(ws, rows, start=1):
    """Rows of a hand-typed form from row ``start``: each cell a value, or (value, columns it is merged across)."""
    for r, row in enumerate(rows, start):
        c = 1
        for e in row:
            value, span = e if isinstance(e, tuple) else (e, 1)
            if value is not None:
                ws.cell(r, c, value)
            if span > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
            c += span


def _supplementary(wb, uscc, established):
    ws = wb.create_sheet("补充信息")
    for r, (k, v) in enumerate([("所属市（州）", "贵阳市"), ("县（区）", "南明区"), ("统一社会信用代码", uscc),
                                ("成立日期", established), ("信用记录良好（信用中国等查询无失信记录）", "是"),
                                ("财务制度健全", "是")], 1):
        ws.cell(r, 1, k)
        ws.cell(r, 2, v)


def printed_park(path, retail="3,000万元"):
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    put_rows(ws, [
        [("电商示范园区申报表", 8)],
        ["填表时间：", "2024年5月10日"],
        ["名称", ("贵阳黔货出山电子商务产业园", 3), "主管部门", ("贵阳市南明区商务局", 3)],
        ["地址", ("贵州省贵阳市南明区花果园大街1号", 7)],
        ["运营机构", "名称", ("贵州黔货出山园区运营管理有限公司", 6)],
        [None, "类型", ("□政府部门 □事业单位 □国有或国有控股企业 ☑民营企业 □其他 _____", 6)],
        ["园区\n主要负责人", "姓名", "王明", "职务", "总经理", "手机", ("13908510001", 2)],
        ["前置条件", "(2023年1月-2023年12月)年度交易额达", "3亿元", "亿元；年度网络零售额达", retail, "万元"],
        [("服务体系及设施", 8)],
        ["硬件设施", "1. 园区面积", "20000", "平方米；电子商务业务区域使用面积", "1,000",
         "平方米；电子商务配套服务区面积", "5000", "平方米。"],
        [None, "2. 园区与通讯商达成协议", "是 √", "带宽不低于100Mbps", "☑是□否"],
        [None, "3. 有直播间", "10", "间，公共区域", "5", "个（含培训、会议室）"],
        ["软件设施", "4. 有管理中台", "是"],
        [None, "5. 管理中台可查看入驻企业基本信息和统计销售数据", "☑是 □否"],
        [None, "6. 管理中台可实现现金流、物流、发票流三合一，协助企业数据入规入统", "是"],
        [("企业运营", 8)],
        ["融合发展", "7. 园区已入驻电商企业", "10", "家"],
        [None, "8. 入驻电商企业中列为国家级或省级示范企业", "1", "家，列为商务部商贸流通典型统计调查企业", "0",
         "家，已上市企业", "0", "家，知名电商平台授权运营企业", "0", "家"],
        ["公共服务", "9. 与金融机构建立合作关系，能提供供应链金融，授信额不低于 10 万", "是"],
        [None, "10. 建立相关人才政策，每年电商相关培训不少于 5 次，单次人数不少于 50 人，有职业技能鉴定渠道", "是"],
        [None, "11. 每年孵化电商企业", "10", "家，孵化成功率", "50%", "%"],
        [None, "12. 为入驻企业提供的专业服务类型：", ("☑直播电商 □跨境电商 □协同服务 ☑仓储物流 □会计事务", 6)],
        [None, "13. 为入驻企业提供的行政服务类型：", ("☑工商注册 □年审年检 ☑税务登记 □项目申报", 6)],
        ["运营发展", "14. 建立专家团队、咨询机制、制定电商专项支持政策，能够开展政产学研多方面合作。", "是"],
        [None, "15. 入驻企业拥有或创建品牌数", "5", "个"],
        ["示范带动", "16. 入驻企业员工总数不低于 50 个", "是"],
        [None, "17. 在助力乡村振兴方面具备一定成效", "是"],
        [("发展潜力", 8)],
        ["发展潜力", "18. 提供完整并具备可行性的规划方案", "是"],
        [None, "19. 按照规划分阶段实施落地，能够完全实现规划内容", "是"],
        [("附加项", 8)],
        ["开放创新", "20. 承担执行当地主管部门电商产业发展提质增效计划", "是"],
        [None, "21. 跨境电商年销售额实现", "80万", "美元"],
    ])
    res = wb.create_sheet("附件3")
    header = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业\n（类型）", "从业人数",
              "（2023年1月-2023年12月）\n年度网络\n交易额(万元)", "（2023年1月-2023年12月）\n年度网络\n零售额(万元)", "备注"]
    for c, h in enumerate(header, 1):
        res.cell(3, c, h)
    for i in range(1, 11):
        for c, v in enumerate([i, f"贵州测试电商企业{i}有限公司", "张三", "13800000000", "", "农产品", 5, 3000, 300,
                               "省级示范企业" if i == 1 else ""], 1):
            res.cell(3 + i, c, v)
    res.cell(14, 1, "合计")
    res.cell(14, 7, 50)
    res.cell(14, 8, 30000)
    res.cell(14, 9, 3000)
    _supplementary(wb, "91520102MA6DKQ8X18", "2022年5月10日")
    wb.save(path)
    return path


def _team_items(yes: str) -> list[list]:
    """The team form's items 1–8 as 附件2 prints them (its own numbering kept), each answered ``yes``."""
    return [
        ["软件及配套", "1. 有小程序、APP 或自媒体公众号", yes],
        [None, "2. 成立时间 1 年以上，具备直播电商业务经验 6 个月以上", yes],
        [None, "3. 具备完善的仓配管理系统", yes],
        ["融合发展", "4. 落地在电商产业园内，对产业集聚有带动作用", yes],
        [None, "5. 签约主播、直播艺人 5 人以上", yes, "粉丝数 100 万以上", yes],
        [None, "6. 有 1 个以上品牌及产业带合作案例", yes],
        ["企业资质", "7. 取得相应的经营批准证书，信息公开可查", yes],
        ["示范带动", "8. 社会效益显著，带动上下游关联企业协同发展", yes],
        ["助力乡村振兴", "7. 在助力乡村振兴方面成效显著", yes],
        [None, "8. 年度带动贵州农产品销售 50 万元以上", yes],
    ]


def printed_team(path, live="500万元", fill_line=("填表时间：", "2024年5月10日"),
                 lead="(2023年1月-2023年12月)年度直播销售额"):
    wb = Workbook()
    ws = wb.active
    yes = "☑是 □否"
    put_rows(ws, [
        [("电商直播团队申报表", 8)],
        list(fill_line),
        ["名称", ("安顺黔味文化传媒有限公司", 3), "主管部门", ("安顺市西秀区商务局", 3)],
        ["地址", ("贵州省安顺市西秀区黄果树大街18号", 7)],
        ["类型", ("□国有或国有控股企业 ☑民营企业 □其他_____", 7)],
        ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", "13908510001"],
        ["前置条件", lead, live, "万元"],
        *_team_items(yes),
    ])
    _supplementary(wb, "91520402MA6J8N5P2W", "2023年5月10日")
    wb.save(path)
    return path


def test_printed_park_form_is_read_where_the_answers_stand(tmp_path):
    app = read_application(printed_park(tmp_path / "园区.xlsx"))
    where = {n: (app.raw[n].cell, app.raw[n].value) for n in app.raw}
    assert where["sb_name"] == ("B3", "贵阳黔货出山电子商务产业园")          # merged B3:D3, not the empty C3
    assert where["sb_fill_date"] == ("B2", "2024年5月10日")
    assert where["sb_address"][0] == "B4"
    assert where["sb_trade_total"] == ("C8", "3亿元") and where["sb_online_retail"] == ("E8", "3,000万元")
    assert where["sb_survey_enterprises"] == ("E18", "0") and where["sb_incubation_rate"] == ("E21", "50%")
    assert where["sb_public_areas"] == ("E12", "5")
    assert where["sb_crossborder_usd"] == ("C33", "80万")             # not taken for the 跨境电商 service box
    assert app.value("sb_svc_live") == "是" and app.value("sb_svc_crossborder") == "否"
    assert app.value("sb_adm_tax") == "是" and app.value("sb_operator_type") == "民营企业"
    result = check(app)
    assert result.values["sb_period_start"].month == 1 and result.values["sb_period_end"].month == 12
    said = next(f.message for f in result.findings if f.code == "FILE_LABELS")
    assert "统计期" not in said    # both months were read from the label: neither is "未找到"
    assert result.eligible is True
    items = {i.id: i.auto for i in result.score.items}
    assert items["1.1.3"] == 5 and items["2.2.3"] == 5 and items["2.2.4"] == 5 and items["4.2"] == 10
    assert result.score.auto == 120


def test_printed_park_just_under_the_retail_threshold(tmp_path):
    result = check(read_application(printed_park(tmp_path / "园区.xlsx", retail="2999万元")))
    assert result.eligible is False and "ELIG_RETAIL" in {f.code for f in result.findings}


def test_printed_team_form_at_and_under_its_threshold(tmp_path):
    at = check(read_application(printed_team(tmp_path / "团队.xlsx")))
    assert at.eligible is True and at.values["sb_live_sales"] == 500 and at.values["sb_name"] == "安顺黔味文化传媒有限公司"
    said = next(f.message for f in at.findings if f.code == "FILE_LABELS")
    assert "统计期" not in said    # both months were read from the label: neither is "未找到"
    under = check(read_application(printed_team(tmp_path / "团队2.xlsx", live="499.9万元")))
    assert under.eligible is False and "ELIG_LIVE_SALES" in {f.code for f in under.findings}


def test_a_blank_answer_beside_the_next_label_is_blank(tmp_path):
    """名称 left blank with 主管部门 in the next cell: the label is not the applicant's name."""
    path = printed_team(tmp_path / "团队.xlsx")
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb.active
    ws.unmerge_cells("B3:D3")
    ws["B3"] = None
    ws["C3"], ws["D3"] = "主管部门", "安顺市西秀区商务局"
    wb.save(path)
    app = read_application(path)
    assert app.value("sb_name") is None


def test_a_period_left_as_printed_and_the_date_after_its_label(tmp_path):
    """The applicant filled the amount but left "(202x年x月-202x年x月)" as printed, and typed 填表时间 into its label's
    cell: the amount and the date are read; only the 统计期 is missing."""
    for lead in ("(202x年x月-202x年x月)年度直播销售额", "(    年  月-    年  月)年度直播销售额"):
        result = check(read_application(printed_team(tmp_path / "团队.xlsx", fill_line=("填表时间：2024年5月10日",),
                                                     lead=lead)))
        assert result.values["sb_live_sales"] == 500 and result.values["sb_fill_date"].day == 10, lead
        missing = {f.field for f in result.findings if f.code in ("FIELD_REQUIRED", "ELIG_MISSING")}
        assert "sb_live_sales" not in missing and "sb_fill_date" not in missing
        assert result.eligible is None and {"sb_period_start", "sb_period_end"} & missing


def test_a_blank_answer_before_the_next_label_on_its_row_is_blank_wherever_the_answers_stand(tmp_path):
    """名称, 姓名 and the 平台型 年度交易额 left blank, each followed on its row by the next printed label and that
    label's answer (主管部门, 职务, 年度销售额): the blank is blank, never the next field's answer."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    put_rows(ws, [
        [("电商示范企业申报表", 8)],
        [("填表时间：2024年4月15日", 8)],
        ["名称", (None, 2), "主管部门", ("遵义市汇川区商务局", 4)],
        ["地址", ("贵州省遵义市汇川区上海路100号", 7)],
        ["类型", ("□国有或国有控股企业 ☑民营企业 □其他_____", 7)],
        ["主要负责人", "姓名", None, "职务", "总经理", "手机", ("13985012345", 2)],
        ["前置条件", "(平台型企业) (2023年1月-2023年12月) 年度交易额", None,
         "万元, (服务类企业) (2023年1月-2023年12月) 年度销售额", "350",
         "万元, (平台型/服务类企业) 年度网络零售额达", "150", "万元"],
        ["软件及配套", ("1. 有小程序、APP 或自媒体公众号 ☑是 □否 2. 与物流、供应链形成良好合作关系 ☑是 □否", 7)],
        ["融合发展", ("3 线上交易占营业收入 50%以上 □是 ☑否 4. 有专门的电商运营机构或部门、人才队伍、资金保障、健全制度、"
                      "售后保障 ☑是 □否", 7)],
        ["企业资质", ("5. 取得相应的经营批准证书，取得互联网信息服务增值电信业务经营许可证或已通过备案，取得非经营性互联网信息"
                      "服务备案，取得 ICP 证号 ☑是 □否", 7)],
        ["示范带动", ("6 社会效益显著，带动上下游关联企业协同发展 ☑是 □否", 7)],
        ["助力乡村振兴", ("7. 在助力乡村振兴方面成效显著 ☑是 □否", 7)],
    ])
    path = tmp_path / "企业.xlsx"
    wb.save(path)
    app = read_application(path)
    assert app.value("sb_name") is None and app.value("sb_leader_name") is None
    assert app.value("sb_trade_total") is None
    assert app.value("sb_authority") == "遵义市汇川区商务局" and app.value("sb_leader_title") == "总经理"
    assert app.value("sb_sales") == "350" and app.value("sb_online_retail") == "150"


def test_a_period_written_with_dashes_in_the_printed_label_keeps_the_amount(tmp_path):
    """"(2023-1-2023-12)年度直播销售额" and "(2023年1-12月)…": both months and the amount after the label are read."""
    for lead in ("(2023-1-2023-12)年度直播销售额", "(2023年1-12月)年度直播销售额", "(202301-202312)年度直播销售额"):
        result = check(read_application(printed_team(tmp_path / "团队.xlsx", lead=lead)))
        assert result.values["sb_live_sales"] == 500, lead
        assert (result.values["sb_period_start"].month, result.values["sb_period_end"].month) == (1, 12), lead
        assert result.eligible is True, lead


def test_a_period_typed_in_a_cell_of_its_own_on_the_amounts_row(tmp_path):
    """"前置条件 | 2023年1月-2023年12月 | 年度直播销售额 | 500万元": the period stands alone in a cell of that row."""
    path = printed_team(tmp_path / "团队.xlsx", lead="年度直播销售额")
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb.active
    ws["B7"], ws["C7"], ws["D7"] = "2023年1月-2023年12月", "年度直播销售额", "500万元"
    wb.save(path)
    result = check(read_application(path))
    assert (result.values["sb_period_start"].month, result.values["sb_period_end"].month) == (1, 12)
    assert result.values["sb_live_sales"] == 500 and result.eligible is True


def test_a_whole_year_written_into_the_printed_period_label(tmp_path):
    """"(2023年度)年度直播销售额", "(2023年全年)…": a clerk retyping the form means January to December 2023 — 12
    months, what "(2023年1月-2023年12月)" says (the whole year was not read: 统计期 missing, 待定)."""
    def said(result):
        return [f.message for f in result.findings if f.code in ("FIELD_DATE", "FIELD_PERIOD", "FIELD_REQUIRED")]

    months = check(read_application(printed_team(tmp_path / "团队.xlsx", lead="(2023年1月-2023年12月)年度直播销售额")))
    for lead in ("(2023年度)年度直播销售额", "(2023年全年)年度直播销售额", "（2023全年）年度直播销售额",
                 "(2023年1月至12月)年度直播销售额", "(2023.01-12)年度直播销售额", "(2023/1~12)年度直播销售额"):
        result = check(read_application(printed_team(tmp_path / "团队.xlsx", lead=lead)))
        assert result.values["sb_live_sales"] == 500, lead
        assert (result.values["sb_period_start"], result.values["sb_period_end"]) == (date(2023, 1, 1),
                                                                                      date(2023, 12, 1)), lead
        assert said(result) == said(months) and "FIELD_DATE" not in {f.code for f in result.findings}, lead
        assert result.eligible is True, lead


def test_answers_typed_after_the_colon_of_their_labels_stay_with_their_own_field(tmp_path):
    """"名称：贵阳…产业园" (the applicant's name in its label's cell, the 运营机构 名称 on its own row below) and
    "年度交易额达：3亿元 | 年度网络零售额达：3000万元" side by side: each answer is its own label's, never the next
    field's label cell (交易额 read as "年度网络零售额达：3000万元") nor the 运营机构's name."""
    from openpyxl import load_workbook
    path = printed_park(tmp_path / "园区.xlsx")
    wb = load_workbook(path)
    ws = wb["申报表"]
    ws.unmerge_cells("B3:D3")
    ws.unmerge_cells("F3:H3")
    for ref in ("B3", "D3", "E3", "F3", "D8", "E8", "F8"):
        ws[ref] = None
    ws["A3"], ws["C3"] = "名称：贵阳黔货出山电子商务产业园", "主管部门：贵阳市南明区商务局"
    ws["B8"], ws["C8"] = "(2023年1月-2023年12月)年度交易额达：3亿元", "年度网络零售额达：3000万元"
    wb.save(path)
    app = read_application(path)
    where = {n: (app.raw[n].cell, app.raw[n].value) for n in app.raw}
    assert where["sb_name"] == ("A3", "贵阳黔货出山电子商务产业园")
    assert where["sb_operator_name"] == ("C5", "贵州黔货出山园区运营管理有限公司")
    assert where["sb_authority"] == ("C3", "贵阳市南明区商务局")
    assert where["sb_trade_total"] == ("B8", "3亿元") and where["sb_online_retail"] == ("C8", "3000万元")
    result = check(app)
    assert result.values["sb_trade_total"] == 30000 and result.values["sb_online_retail"] == 3000
    assert result.values["sb_period_start"].month == 1 and result.eligible is True


def test_labels_typed_side_by_side_as_a_header_row_read_the_answers_under_them(tmp_path):
    """"名称 | 主管部门 | 地址 | 类型 | 姓名 | 职务 | 手机" with the answers on the row below, the rest in the printed
    layout: each answer is read under its label — not said blank at the next label's cell."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    yes = "☑是 □否"
    put_rows(ws, [
        [("电商直播团队申报表", 8)],
        ["填表时间：2024年5月10日"],
        ["名称", "主管部门", "地址", "类型", "姓名", "职务", "手机"],
        ["安顺黔味文化传媒有限公司", "安顺市西秀区商务局", "贵州省安顺市西秀区黄果树大街18号", "民营企业", "王明", "总经理",
         "13908510001"],
        ["前置条件", "(2023年1月-2023年12月)年度直播销售额", "500", "万元"],
        *_team_items(yes),
    ])
    _supplementary(wb, "91520402MA6J8N5P2W", "2023年5月10日")
    path = tmp_path / "团队.xlsx"
    wb.save(path)
    app = read_application(path)
    where = {n: (app.raw[n].cell, app.raw[n].value) for n in app.raw}
    assert where["sb_name"] == ("A4", "安顺黔味文化传媒有限公司")
    assert where["sb_authority"] == ("B4", "安顺市西秀区商务局")
    assert where["sb_org_type"] == ("D4", "民营企业")
    assert where["sb_leader_name"] == ("E4", "王明") and where["sb_leader_mobile"] == ("G4", "13908510001")
    assert where["sb_live_sales"] == ("C5", "500")
    result = check(app)
    assert not {f.field for f in result.findings if f.code == "FIELD_REQUIRED"} & {"sb_name", "sb_leader_mobile"}
    assert result.eligible is True


def test_a_row_of_blank_answers_is_no_header_row(tmp_path):
    """姓名, 职务 and 手机 all left blank in the printed layout: the row under them (the amounts) is not read as
    their answers."""
    from openpyxl import load_workbook
    path = printed_park(tmp_path / "园区.xlsx")
    wb = load_workbook(path)
    ws = wb["申报表"]
    ws.unmerge_cells("G7:H7")
    for ref in ("C7", "E7", "G7"):
        ws[ref] = None
    wb.save(path)
    app = read_application(path)
    assert [app.value(n) for n in ("sb_leader_name", "sb_leader_title", "sb_leader_mobile")] == [None] * 3


def test_the_operators_name_is_never_the_applicants(tmp_path):
    """The applicant's 名称 typed with its answer after a space ("名称 贵阳…产业园", no label cell of its own): the only
    "名称" label left stands on the 运营机构 row, and its answer is the operator's, not the applicant's name."""
    from openpyxl import load_workbook
    path = printed_park(tmp_path / "园区.xlsx")
    wb = load_workbook(path)
    ws = wb["申报表"]
    ws.unmerge_cells("B3:D3")
    ws["A3"], ws["B3"] = "名称 贵阳黔货出山电子商务产业园", None
    wb.save(path)
    app = read_application(path)
    assert app.value("sb_operator_name") == "贵州黔货出山园区运营管理有限公司"
    assert app.value("sb_name") != "贵州黔货出山园区运营管理有限公司"


def test_a_line_split_at_its_blanks_before_the_next_items_number(tmp_path):
    """The base form prints several items on one line ("1. 电商区域面积 ___平方米 2. 有公共直播间 ___间"): typed split at
    the blanks, the next item's label cell begins with the unit and the item number ("平方米 2. 有公共直播间",
    "个 6. 驻电商企业中列为…示范企业"), and its answer is read, not said missing."""
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.labels import label_key
    assert label_key("平方米 2. 有公共直播间") == "有公共直播间"
    assert label_key("个 6. 驻电商企业中列为国家级或省级示范企业") == "驻电商企业中列为国家级或省级示范企业"
    path = printed_park(tmp_path / "园区.xlsx")
    wb = load_workbook(path)
    ws = wb["申报表"]
    ws["H10"] = "平方米。 2. 园区与通讯商达成协议"
    ws["I10"] = "☑是 □否"
    ws["B11"] = ws["C11"] = None     # moved up to the end of item 1's line
    wb.save(path)
    app = read_application(path)
    assert (app.raw["sb_area_service"].cell, app.value("sb_area_service")) == ("G10", "5000")
    assert (app.raw["sb_telecom_agreement"].cell, app.value("sb_telecom_agreement")) == ("I10", "☑是 □否")


def _names_lost(path, out):
    """A filled template's cells copied into a new workbook (values only: no defined names), as a clerk pastes it."""
    from openpyxl import load_workbook
    src, new = load_workbook(path), Workbook()
    new.remove(new.active)
    for ws in src.worksheets:
        to = new.create_sheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and type(cell).__name__ == "Cell":
                    to.cell(cell.row, cell.column, cell.value)
    new.save(out)
    return out


# the notice's own words for base item 11 (the "具" at its page break typed twice, as the notice prints it), and
# printed questions retyped with their last clauses left off
_BASE_11 = "11. 与知名电商、短视频、社交电商等平台合作，具备直播主播培训、货源展示对接等服务功能"
RETYPED = [("base", "sb_platform_coop", "11. 与知名电商", _BASE_11 + "，具具备打造区域产品品牌能力"),
           ("base", "sb_platform_coop", "11. 与知名电商", _BASE_11),
           ("park", "sb_talent_policy", "10. 建立相关人才政策",
            "10. 建立相关人才政策，每年电商相关培训不少于 5 次，单次人数不少于 50 人"),
           ("enterprise", "sb_icp", "5. 取得相应的经营批准证书",
            "5. 取得相应的经营批准证书，取得互联网信息服务增值电信业务经营许可证或已通过备案"),
           ("team", "sb_in_park", "4. 落地在电商产业园", "4. 落地在电商产业园内")]


@pytest.mark.parametrize("app_type, field, printed, typed", RETYPED)
def test_a_printed_question_retyped_shorter_or_as_the_notice_prints_it_is_still_its_question(
        make_workbook, tmp_path, app_type, field, printed, typed):
    """A form pasted without its names, its question retyped from the notice: base item 11 as the notice prints
    it ("…服务功能，具具备打造区域产品品牌能力", the page break's "具" twice) or a question left without its last
    clauses. The question was not found: its 是 read as blank (FIELD_REQUIRED), 附件5 2.3.1 "数据缺失" and 10 points
    less than the same answers in the template. A long question typed as the start of the printed one, or off by
    a character or two, is that question."""
    from openpyxl import load_workbook
    filled = make_workbook(app_type)
    path = _names_lost(filled, tmp_path / "粘贴.xlsx")
    wb = load_workbook(path)
    ws = wb["申报表"]
    (cell,) = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(printed)]
    cell.value = typed
    wb.save(path)
    app = read_application(path)
    assert app.raw[field].value == read_application(filled).raw[field].value == "是", app.raw.get(field)
    got, want = check(app), check(read_application(filled))
    assert got.score.auto == want.score.auto and got.eligible == want.eligible
    assert not [f for f in got.findings if f.code == "FIELD_REQUIRED" and f.cell == app.raw[field].cell]


def test_a_question_not_found_on_the_form_is_never_answered_from_the_score_sheet(make_workbook, tmp_path):
    """A team form pasted without its names, item 4 retyped "4. 落地在电商产业园内" (its last clause left off): the
    label reader found the words at the head of 附件5 2.1.1 on the 评分 sheet ("落地在电商产业园内，对产业集聚有带动作用。
    (10分)") and read the item's 分值 beside it as the answer: FIELD_CHOICE "填写为“10”，应填“是”或“否”" at E5, a cell
    of no form. The 附件5 table (一级指标 … 三级指标) holds no answers: no field is read from it."""
    from openpyxl import load_workbook
    path = _names_lost(make_workbook("team"), tmp_path / "粘贴.xlsx")
    wb = load_workbook(path)
    wb["申报表"]["B19"] = "4. 落地在电商产业园"
    wb.save(path)
    app = read_application(path)
    assert all(raw.sheet != "评分" for raw in app.raw.values()), {n: r for n, r in app.raw.items() if r.sheet == "评分"}
    assert not [f for f in check(app).findings if f.code == "FIELD_CHOICE"]


@pytest.mark.parametrize("fill_line", [("填表日期：", "2024年5月10日"), ("填表日期：2024年5月10日",), ("填表日期", "2024.5.10")])
def test_the_fill_date_retyped_as_tianbiao_riqi_is_the_fill_date(tmp_path, fill_line):
    """A form retyped by hand with the date line written "填表日期：" (as 附件3/附件4's 填报日期 lines are): the label was
    not the printed "填表时间", so the date was said missing (FIELD_REQUIRED 填表时间) and the team, 达标 with the same
    answers as 填表时间, was 待定 (ELIG_MISSING: 成立年限 cannot be counted)."""
    path = printed_team(tmp_path / "团队.xlsx", fill_line=fill_line)
    result = check(read_application(path))
    assert result.values["sb_fill_date"] == date(2024, 5, 10)
    assert result.eligible is True, [f.message for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize("field, printed, typed", [
    ("sb_address", "地址", "企业地址"), ("sb_address", "地址", "单位地址"), ("sb_address", "地址", "注册地址："),
    ("sb_address", "地址", "详细地址"), ("sb_address", "地址", "通讯地址"),
    ("sb_name", "名称", "申报单位"), ("sb_authority", "主管部门", "主管单位"), ("sb_authority", "主管部门", "业务主管部门")])
def test_the_address_name_and_authority_under_the_words_forms_label_them_with(tmp_path, field, printed, typed):
    """A form retyped by hand with 地址 written as 附件4 heads it (企业地址) or as other forms do (单位地址, 注册地址…),
    名称 as 申报单位, 主管部门 as 主管单位: the answer was not found, "必填项为空：地址" was said of an address the applicant
    typed, and the summary's 企业地址 was left blank."""
    from openpyxl import load_workbook
    path = printed_team(tmp_path / "团队.xlsx")
    want = read_application(path).value(field)
    wb = load_workbook(path)
    (cell,) = [c for row in wb.active.iter_rows() for c in row if c.value == printed]
    cell.value = typed
    wb.save(path)
    result = check(read_application(path))
    assert result.values[field] == want, result.values.get(field)
    assert not [f for f in result.findings if f.code == "FIELD_REQUIRED" and f.field == field]


@pytest.mark.parametrize("lead", ["2023年度直播销售额", "2023年度直播销售额达", "2023 年度直播销售额", "2023年年度直播销售额"])
def test_a_year_written_before_the_label_without_brackets_is_the_whole_year(tmp_path, lead):
    """The printed "(202x年x月-202x年x月)年度直播销售额" retyped as 附件4's header often is, "2023年度直播销售额": the label
    was not found, so the 500万元 beside it and the 统计期 were both missing (FIELD_REQUIRED ×3) and a team 达标 with
    "(2023年度)年度直播销售额" was 待定. The year before 年度 is the whole year, January to December."""
    months = check(read_application(printed_team(tmp_path / "团队.xlsx", lead="(2023年度)年度直播销售额")))
    result = check(read_application(printed_team(tmp_path / "团队.xlsx", lead=lead)))
    assert result.values["sb_live_sales"] == 500
    assert (result.values["sb_period_start"], result.values["sb_period_end"]) == (date(2023, 1, 1), date(2023, 12, 1))
    assert result.eligible is True and result.score.auto == months.score.auto
    assert sorted(f.message for f in result.findings if f.code != "FILE_LABELS") == \
        sorted(f.message for f in months.findings if f.code != "FILE_LABELS")


def test_a_year_written_inside_the_enterprises_printed_label_is_the_whole_year(tmp_path):
    """The enterprise's "(平台型企业) (202x年x月-202x年x月) 年度交易额" retyped "(平台型企业) 2023年度交易额": the year
    follows the printed "(平台型企业)", and the 2600万元 and the 统计期 were read as missing (待定)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    put_rows(ws, [
        [("电商示范企业申报表", 8)], [("填表时间：2024年4月15日", 8)],
        ["名称", ("贵州山珍优品电子商务有限公司", 2), "主管部门", ("凯里市商务局", 4)],
        ["地址", ("贵州省黔东南州凯里市北京东路8号", 7)], ["类型", ("□国有或国有控股企业 ☑民营企业 □其他_____", 7)],
        ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", ("13985012345", 2)],
        ["前置条件", "(平台型企业) 2023年度交易额", "2600", "万元, (服务类企业) 2023年度销售额", None,
         "万元, (平台型/服务类企业) 年度网络零售额达", "900", "万元"],
        ["软件及配套", ("1. 有小程序、APP 或自媒体公众号 ☑是 □否 2. 与物流、供应链形成良好合作关系 ☑是 □否", 7)]])
    _supplementary(wb, "91522601MA6GQW4T34", "2020年3月18日")
    wb.save(tmp_path / "企业.xlsx")
    result = check(read_application(tmp_path / "企业.xlsx"))
    assert result.values["sb_trade_total"] == 2600 and result.values["sb_online_retail"] == 900
    assert (result.values["sb_period_start"], result.values["sb_period_end"]) == (date(2023, 1, 1), date(2023, 12, 1))
