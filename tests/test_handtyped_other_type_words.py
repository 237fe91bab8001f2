"""The printed type line typed by hand with the 其他 box ticked and its blank filled in the same cell ("□国有或国有控股企业
□民营企业 ☑其他：集体企业", as 附件2 prints "□其他_____"): the words were lost — the check asked for 类型（其他）
(FIELD_REQUIRED) and the city's 项目汇总表 showed a bare 其他. Now they are the blank's answer and 企业性质 shows them."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.faces.cli import main
from tests.conftest import checked_json
from tests.test_printed_layout import put_rows


def typed_team(path, type_line):
    """The team form of 附件2 typed from the Word notice, its answers ticked in the printed lines."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    put_rows(ws, [
        [("电商直播团队申报表", 6)],
        [("填表时间：2024年5月8日", 6)],
        ["名称", ("毕节乌蒙直播文化传媒有限公司", 2), "主管部门", ("毕节市七星关区商务局", 2)],
        ["地址", ("毕节市七星关区洪山路2号", 5)],
        ["类型", (type_line, 5)],
        ["主要负责人", "姓名", "李四", "职务", "总经理", "手机", "13985011234"],
        ["前置条件", ("(2023年1月-2023年12月)年度直播销售额 520 万元", 5)],
        [("服务体系及设施", 6)],
        ["软件及配套", ("1. 有小程序、APP 或自媒体公众号☑是 □否", 5)],
        [None, ("2. 成立时间 1 年以上，具备直播电商业务经验 6 个月以上☑是 □否", 5)],
        [None, ("3. 具备完善的仓配管理系统☑是 □否", 5)],
        [("企业运营", 6)],
        ["融合发展", ("4. 落地在电商产业园内，对产业集聚有带动作用☑是 □否", 5)],
        [None, ("5. 签约主播、直播艺人 5 人以上☑是 □否，粉丝数 100 万以上☑是 □否", 5)],
        [None, ("6. 有 1 个以上品牌及产业带合作案例☑是 □否", 5)],
        ["企业资质", ("7. 取得相应的经营批准证书，信息公开可查☑是 □否", 5)],
        ["示范带动", ("8. 社会效益显著，带动上下游关联企业协同发展☑是 □否", 5)],
        ["助力乡村振兴", ("7. 在助力乡村振兴方面成效显著☑是 □否", 5)],
        [None, ("8. 年度带动贵州农产品销售 50 万元以上☑是 □否", 5)],
    ])
    wb.save(path)
    return path


@pytest.mark.parametrize(("line", "words"), [
    ("□国有或国有控股企业 □民营企业 ☑其他：集体企业", "集体企业"),
    ("□国有或国有控股企业 □民营企业 ☑其他 集体企业", "集体企业"),
    ("□国有或国有控股企业 □民营企业 ☑其他__集体企业__", "集体企业"),
    ("□国有或国有控股企业 □民营企业 ☑其他（集体企业）", "集体企业"),
])
def test_the_words_in_the_ticked_other_blank_are_read(tmp_path, capsys, line, words):
    folder = tmp_path / "申报表"
    folder.mkdir()
    path = typed_team(folder / "团队.xlsx", line)
    app = read_application(path)
    assert (app.value("sb_org_type"), app.value("sb_org_type_other")) == ("其他", words)
    out = checked_json(path, capsys)
    assert not [f for f in out["findings"] if f["code"] == "FIELD_REQUIRED" and "类型" in f["message"]]
    main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)])
    ws = load_workbook(tmp_path / "汇总表.xlsx").worksheets[0]
    header = [c.value for c in ws[3]]
    assert ws.cell(4, header.index("企业性质") + 1).value == f"其他（{words}）"


@pytest.mark.parametrize("line", ["□国有或国有控股企业 □民营企业 ☑其他____", "□国有或国有控股企业 ☑民营企业 □其他 集体企业"])
def test_no_words_or_another_box_ticked_leave_the_blank_alone(tmp_path, line):
    app = read_application(typed_team(tmp_path / "团队.xlsx", line))
    assert app.value("sb_org_type_other") is None
