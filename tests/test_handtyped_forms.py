"""附件2 forms typed by hand into Excel/WPS from the notice's Word form (no `shibai new` template, no defined names),
the way applicants really do it: numbering "1、", full-width colons, units typed into the value cell, √/有/无 for 是/否,
and the 附件3 resident list on a sheet of its own with its header a few rows down."""
from __future__ import annotations

from openpyxl import Workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_layout import put_rows


def typed_base(path, *, industry="直播电商", extra=(), yes="√"):
    """The base form typed from the Word notice, and its 附件3 list on a second sheet (header on row 4)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    put_rows(ws, [
        [("电商示范直播基地申报表", 6)],
        [("填表时间：2024年5月8日", 6)],
        ["名称：", ("遵义红花岗区黔北直播电商基地", 2), "主管部门：", ("遵义市红花岗区商务局", 2)],
        ["地址：", ("贵州省遵义市红花岗区海尔大道88号", 5)],
        ["运营机构", "名称", ("遵义黔北直播电商运营管理有限公司", 4)],
        [None, "类型", ("民营企业", 4)],
        ["基地主要负责人", "姓名", "李四", "职务", "总经理", "手机：13985011234"],
        ["前置条件", "(2023年1月-2023年12月)年度交易额达", "0.6亿元", "年度网络零售额达", "1200万元"],
        [("一、服务体系及设施", 6)],
        ["硬件设施", "1、电商区域面积", "800平方米"],
        [None, "2、有公共直播间", "6间", "公共区域配套完善", yes],
        [None, "3、有管理中台", "有", "4、管理中台可查看入驻企业基本信息和统计销售数据", yes],
        [("二、企业运营", 6)],
        ["融合发展", "5、已入驻电商企业", "12家", "签约主播", "15个"],
        [None, "6、驻电商企业中列为国家级或省级示范企业", "1家", "列为商务部商贸流通典型统计调查企业", "0家"],
        [None, "已上市企业", "0家", "知名电商平台授权运营企业", "1家"],
        ["公共服务", "7、与金融机构建立合作关系", yes],
        [None, "8、建立相关人才政策，每年电商相关培训不少于 2 次，单次人数不少于 20 人", yes],
        [None, "9、为入驻企业提供的专业服务类型：", ("☑直播电商 □跨境电商 ☑活动策划 ☑仓储物流 □摄影美工", 4)],
        [None, "10、入驻企业提供的行政服务类型：", ("☑工商注册 □年审年检 ☑税务登记 □项目申报", 4)],
        ["运营发展", "11、与知名电商、短视频、社交电商等平台合作，具备直播主播培训、货源展示对接等服务功能，"
                     "具备打造区域产品品牌能力", yes],
        [None, "12、入驻企业拥有或创建品牌数", "3个"],
        ["示范带动", "13、在助力乡村振兴方面具备一定成效", yes],
        [("三、发展潜力", 6)],
        ["发展潜力", "14、提供完整并具备可行性的规划方案", yes],
        [None, "15、按照规划分阶段实施落地，能够完全实现规划内容", yes],
        [("四、附加项", 6)],
        ["开放创新", "16、承担执行当地主管部门电商产业发展提质增效计划", "无"],
        [None, "17、跨境电商年销售额实现", "60万美元"],
        *extra,
    ])
    rs = wb.create_sheet("入驻企业名单")
    rs["A1"] = "贵州省电商示范园区/直播示范基地入驻电商企业名单"
    rs["A2"] = "填报园区/基地：遵义红花岗区黔北直播电商基地"
    header = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
              "(2023年1月-2023年12月)年度网络交易额(万元)", "(2023年1月-2023年12月)年度网络零售额(万元)", "备注"]
    put_rows(rs, [header] + [[i, f"遵义测试直播电商{i}号有限公司", "张三", "13800000000", None, industry, 5, 500, 100]
                         for i in range(1, 13)], start=4)
    wb.save(path)
    return path


def test_a_residents_industry_is_not_the_answer_of_the_service_box_of_that_name(tmp_path):
    """The residents' 所属行业 "直播电商" on the list sheet with 从业人数 5 right of it: the base's 专业服务 直播电商 is the
    box ticked on the form ("☑直播电商 □跨境电商 …"), not "5" from the list (said as a FIELD_CHOICE error)."""
    app = read_application(typed_base(tmp_path / "基地.xlsx"))
    assert (app.raw["sb_svc_live"].sheet, app.raw["sb_svc_live"].cell, app.value("sb_svc_live")) == ("Sheet1", "C19", "是")
    result = check(app)
    assert not [f for f in result.findings if f.sheet == "入驻企业名单" and f.code == "FIELD_CHOICE"]
    assert "直播电商" in next(i.reason for i in result.score.items if i.id == "2.2.3")


def test_a_form_typed_only_in_part_is_refused_saying_what_was_found_and_what_is_missing(tmp_path):
    """The team form's head typed by hand and its items left in the Word file: refused (exit 2), and the message
    counts the items found by their printed labels and names the missing ones in Chinese — not "只找到 0 个申报表定义
    名称，缺少…（如 sb_name…）", naming as missing the 名称 it did find."""
    from shibai_xl.faces.cli import main
    wb = Workbook()
    ws = wb.active
    for row in [["电商直播团队申报表"], ["填表时间", "2024年5月8日"], ["名称", "毕节乌蒙直播文化传媒有限公司"],
                ["主管部门", "毕节市七星关区商务局"], ["地址", "毕节市七星关区洪山路2号"], ["类型", "☑民营企业"],
                ["主要负责人姓名", "赵六"], ["职务", "执行董事"], ["手机", "13885701234"],
                ["（2023年1月-2023年12月）年度直播销售额", "600万元"], ["1. 有小程序、APP 或自媒体公众号", "√"]]:
        ws.append(row)
    path = tmp_path / "团队.xlsx"
    wb.save(path)
    import contextlib
    import io
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", str(path)])
    said = err.getvalue()
    assert code == 2 and "不是完整的申报表" in said and "sb_" not in said and "只找到0 个" not in said
    assert "“电商直播团队申报表”（附件2）印出的项目名称只找到11项" in said
    missing = said.split("未找到：", 1)[1]
    assert "具备完善的仓配管理系统" in missing and "名称、" not in missing and "统计期" not in missing


def test_word_check_boxes_copied_into_excel_are_ticks(tmp_path):
    """The form filled in Word with its check box controls (☒ checked, ☐ not) and the table copied into Excel: "☒是 ☐否"
    is 是 and "☐是 ☒否" is 否, as "☑是 □否" is — not FIELD_CHOICE "应填“是”或“否”" on every item; both ticked is
    still said."""
    wb = Workbook()
    ws = wb.active
    yes, no = "☒是 ☐否", "☐是 ☒否"
    for row in [["电商直播团队申报表"], ["填表时间：", "2024年5月8日"], ["名称", "毕节乌蒙直播文化传媒有限公司"],
                ["主管部门", "毕节市七星关区商务局"], ["地址", "毕节市七星关区洪山路2号"],
                ["类型", "☐国有或国有控股企业 ☒民营企业 ☐其他"], ["主要负责人", "姓名", "赵六", "职务", "执行董事",
                                                               "手机", "13885701234"],
                ["前置条件", "(2023年1月-2023年12月)年度直播销售额", "600", "万元"],
                ["软件及配套", "1. 有小程序、APP 或自媒体公众号", yes],
                [None, "2. 成立时间 1 年以上，具备直播电商业务经验 6 个月以上", yes],
                [None, "3. 具备完善的仓配管理系统", yes],
                ["融合发展", "4. 落地在电商产业园内，对产业集聚有带动作用", no],
                [None, "5. 签约主播、直播艺人 5 人以上", yes, "粉丝数 100 万以上", yes],
                [None, "6. 有 1 个以上品牌及产业带合作案例", yes],
                ["企业资质", "7. 取得相应的经营批准证书，信息公开可查", yes],
                ["示范带动", "8. 社会效益显著，带动上下游关联企业协同发展", "☒是 ☒否"],
                ["助力乡村振兴", "7. 在助力乡村振兴方面成效显著", yes],
                [None, "8. 年度带动贵州农产品销售 50 万元以上", yes]]:
        ws.append(row)
    path = tmp_path / "团队.xlsx"
    wb.save(path)
    result = check(read_application(path))
    choice = {f.field: f.message for f in result.findings if f.code == "FIELD_CHOICE"}
    assert list(choice) == ["sb_social_benefit"] and "都勾选了" in choice["sb_social_benefit"]
    assert result.values["sb_has_app"] == "是" and result.values["sb_in_park"] == "否"
    assert result.values["sb_org_type"] == "民营企业"
    items = {i.id: i.auto for i in result.score.items}
    assert items["1.1.1"] == 15 and items["2.1.1"] == 0 and items["2.1.2"] == 15 and items["2.3.1"] == 0


def _refusal(path) -> tuple[int, str]:
    import contextlib
    import io

    from shibai_xl.faces.cli import main
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", str(path)])
    return code, err.getvalue()


def test_a_form_that_cannot_be_read_keeps_its_reason_though_its_list_is_beside_it(tmp_path):
    """A base form typed only down to its 前置条件, its 附件3 list on the next sheet: refused for what is wrong with the
    form — not "这是入驻企业名单（附件3），不是申报表", which sends the clerk looking for another file."""
    from openpyxl import load_workbook
    path = typed_base(tmp_path / "基地.xlsx")
    wb = load_workbook(path)
    wb["Sheet1"].delete_rows(9, 30)
    wb.save(path)
    code, said = _refusal(path)
    assert code == 2 and "不是完整的申报表" in said and "入驻企业名单" not in said


def test_a_title_of_another_type_over_the_items_typed_is_refused_saying_both(tmp_path):
    """The base form's items typed under "电商示范园区申报表" (the title of another copy kept): the type decides the
    thresholds and the rubric — judged as a park it was 不达标 (交易额 6000万元 < 3亿元) with half its items "未找到".
    Refused (exit 2) naming the title and the form the items are of; the right title reads it as the base it is."""
    from openpyxl import load_workbook
    path = typed_base(tmp_path / "基地.xlsx")
    wb = load_workbook(path)
    wb["Sheet1"]["A1"] = "电商示范园区申报表"
    wb.save(path)
    code, said = _refusal(path)
    assert code == 2 and "申报类型不明" in said and "入驻企业名单" not in said
    assert "标题是“电商示范园区申报表”，填写的却是“电商示范直播基地申报表”的项目" in said
    wb["Sheet1"]["A1"] = "电商示范直播基地申报表"
    wb.save(path)
    assert read_application(path).type == "base"


def test_the_whole_annex_2_copied_in_and_one_form_filled_reads_the_filled_one(tmp_path):
    """The applicant copied all four forms of 附件2 into one workbook (a sheet each, in the notice's order) and filled
    only the enterprise's: that form is read — not the blank park form on the first sheet ("示范园区 · （未填名称）",
    待定, the enterprise's answers said of nobody), and its "类型 | 民营企业" is read though the blank team form
    beside it prints "类型：□国有或国有控股企业 □民营企业 □其他"."""
    import contextlib
    import io

    from openpyxl import load_workbook

    from shibai_xl.examples import make_uscc
    from shibai_xl.faces.cli import main
    wb = Workbook()
    wb.remove(wb.active)
    for title, kind in (("园区", "park"), ("直播基地", "base"), ("企业", None), ("团队", "team")):
        ws = wb.create_sheet(title)
        if kind:     # a blank form: `shibai new`'s, values only (as copied out of the notice)
            made = tmp_path / f"{kind}.xlsx"
            with contextlib.redirect_stdout(io.StringIO()):
                main(["new", kind, "--out", str(made)])
            for row in load_workbook(made).worksheets[0].iter_rows():
                for cell in row:
                    if cell.value is not None and type(cell).__name__ == "Cell":
                        ws.cell(cell.row, cell.column, cell.value)
            continue
        for row in [["电商示范企业申报表"], ["填表时间：", "2024.04.15"],
                    ["名称", "贵州黔山味道电子商务有限公司", "主管部门", "六盘水市钟山区商务局"],
                    ["地址", "六盘水市钟山区人民中路1号"], ["类型", "民营企业"],
                    ["主要负责人", "姓名：王芳", "职务：总经理", "手机：13908581234"],
                    ["前置条件", "(平台型企业)(2023年1月-2023年12月)年度交易额", None],
                    [None, "(服务类企业)(2023年1月-2023年12月)年度销售额", "350万元"],
                    [None, "(平台型/服务类企业)年度网络零售额达", "150万元"],
                    ["软件及配套", "1、有小程序、APP 或自媒体公众号", "是"], [None, "2、与物流、供应链形成良好合作关系", "是"],
                    ["融合发展", "3、线上交易占营业收入 50%以上", "是"],
                    [None, "4、有专门的电商运营机构或部门、人才队伍、资金保障、健全制度、售后保障", "是"],
                    ["企业资质", "5、取得相应的经营批准证书，取得互联网信息服务增值电信业务经营许可证或已通过备案，"
                                 "取得非经营性互联网信息服务备案，取得 ICP 证号", "是"],
                    ["示范带动", "6、社会效益显著，带动上下游关联企业协同发展", "是"],
                    ["助力乡村振兴", "7、在助力乡村振兴方面成效显著", "是"],
                    ["统一社会信用代码", make_uscc("520201", "MA6AB1234")], ["成立日期", "2021年3月"],
                    ["信用记录良好", "是"], ["财务制度健全", "是"]]:
            ws.append(row)
    path = tmp_path / "附件2.xlsx"
    wb.save(path)
    app = read_application(path)
    assert app.type == "enterprise" and app.value("sb_name") == "贵州黔山味道电子商务有限公司"
    assert (app.raw["sb_org_type"].sheet, app.value("sb_org_type")) == ("企业", "民营企业")
    result = check(app)
    assert result.eligible is True and result.score.auto == 100


def test_a_blank_copy_of_the_same_form_before_the_filled_one_is_not_what_is_read(tmp_path):
    """A blank copy of the base form (the printed form's cells, values only) kept on the first sheet and the form
    typed and filled on the second: the filled one is read — not the blank one ("（未填名称）", 待定, score 0 on most
    items) with the filled one never mentioned."""
    import contextlib
    import io

    from openpyxl import load_workbook

    from shibai_xl.faces.cli import main
    made = tmp_path / "模板.xlsx"
    with contextlib.redirect_stdout(io.StringIO()):
        main(["new", "base", "--out", str(made)])
    path = typed_base(tmp_path / "基地.xlsx")
    wb = load_workbook(path)
    blank = wb.create_sheet("空白表", 0)
    for row in load_workbook(made).worksheets[0].iter_rows():
        for cell in row:
            if cell.value is not None and type(cell).__name__ == "Cell":
                blank.cell(cell.row, cell.column, cell.value)
    wb.save(path)
    app = read_application(path)
    assert app.value("sb_name") == "遵义红花岗区黔北直播电商基地" and app.raw["sb_name"].sheet == "Sheet1"
    assert check(app).score.auto == 105
