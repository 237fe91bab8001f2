"""A project two cities report (XC_CROSS_APP) is one project: the province's 统计 and the terminal count it once,
under its own 市（州） (the notice: each project is recommended by its own 市州), and the other row stays in the
table with a note, never dropped."""
from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook, load_workbook

from shibai_xl.engine.parse.uscc import check_digit
from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge

HEAD = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人", "电话",
        "年度交易额（万元）", "年度网络零售额（万元）", "市州评分", "统一社会信用代码"]
ZUNYI_CODE = "91520303MA6H3B2K7" + check_digit("91520303MA6H3B2K7")   # registered in 遵义市汇川区


def _city(path, city, rows):
    wb = Workbook()
    ws = wb.active
    ws.append([f"{city}2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, (name, kind, trade, code) in enumerate(rows, 1):
        ws.append([i, city, "某县", name, "地址", kind, "民企", "业绩", "张三", "0851-1", trade, trade / 2, 80, code])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, sum(r[2] for r in rows)])
    ws.append(["填报人：李四；联系方式：0851-2"])
    wb.save(path)
    return path


def _figures(path):
    rows = list(load_workbook(path)["统计"].iter_rows(values_only=True))
    at = next(i for i in range(len(rows[1]) - 1) if rows[1][i:i + 3] == ("市（州）", "项目类型", "项目数"))
    return {(r[at], r[at + 1]): r[at + 2:at + 5] for r in rows[2:] if r[at]}


def test_a_project_two_cities_report_is_counted_once_under_its_own_city(tmp_path, capsys):
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色之旅直播电商基地", "基地", 8000, ZUNYI_CODE),
                                                      ("遵义甲公司", "企业", 2000, "")])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("遵义红色之旅直播电商基地", "示范直播基地", 8000, ""),
                                                      ("安顺乙公司", "企业", 3000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    printed = capsys.readouterr().out
    assert "全省汇总表有效项目 3 项，年度交易额合计 13000 万元" in printed
    figures = _figures(out)
    assert figures[("全省合计", None)] == (3, 13000, 6500)
    assert figures[("遵义市", "小计")] == (2, 10000, 5000)
    assert figures[("安顺市", "小计")] == (1, 3000, 1500)
    ws = load_workbook(out)["项目汇总表"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4) if r[3].value]
    assert len(rows) == 4    # nothing dropped: the second report stays, flagged and saying where it is counted
    anshun_row = next(r for r in rows if r[1] == "安顺市" and "红色" in r[3])
    assert "XC_CROSS_APP" in anshun_row[15] and "计入遵义市" in anshun_row[15]
    # merged again: the note is not repeated, the totals stay the same
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    assert _figures(out)[("全省合计", None)] == (3, 13000, 6500)
    ws = load_workbook(out)["项目汇总表"]
    assert sum(str(r[15].value).count("统计中未计入") for r in ws.iter_rows(min_row=4) if r[3].value) == 1


def test_a_city_an_earlier_merge_could_not_read_stays_missing_until_it_is_read(tmp_path, capsys):
    """A total is right or loudly incomplete: 黔南州's summary was cut short, the first merge said so (exit 1); a later
    merge of 贵阳市's new file alone had exit 0, an empty 问题文件 and a 统计 title saying nothing, while the province
    still had no row of 黔南州 (QA). The problem stays listed until 黔南州's file (or another of 黔南州) is read."""
    gy = _city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("贵阳甲公司", "企业", 2000, "")])
    qn = _city(tmp_path / "黔南州汇总表.xlsx", "黔南州", [("都匀乙公司", "企业", 3000, "")])
    whole = qn.read_bytes()
    qn.write_bytes(whole[: len(whole) // 2])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy), str(qn)]) == 1
    _city(gy, "贵阳市", [("贵阳甲公司", "企业", 2500, "")])
    capsys.readouterr()
    assert main(["merge", str(out), str(gy)]) == 1
    said = capsys.readouterr()
    assert "黔南州汇总表.xlsx" in said.out + said.err and "上次合并时未能读取" in said.out + said.err
    wb = load_workbook(out)
    assert [r[0] for r in wb["问题文件"].iter_rows(min_row=3, values_only=True) if r[0]] == ["黔南州汇总表.xlsx"]
    assert "合计不完整" in wb["统计"]["A1"].value
    qn.write_bytes(whole)                            # 黔南州 sends it again, whole
    assert main(["merge", str(out), str(qn)]) == 0
    wb = load_workbook(out)
    assert "问题文件" not in wb.sheetnames and "不完整" not in wb["统计"]["A1"].value
    assert _figures(out)[("黔南州", "企业")][0] == 1 and _figures(out)[("贵阳市", "企业")][0] == 1


def test_a_row_an_earlier_merge_could_not_count_stays_said_until_its_city_is_read(tmp_path, capsys):
    """遵义's row with amounts but no 企业名称 was listed (exit 1); a later merge of 安顺 alone said the province was
    complete, that row still not counted (QA)."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义乙公司", "企业", 2000, ""), (None, "企业", 500, "")])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺丙公司", "企业", 3000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 1
    capsys.readouterr()
    assert main(["merge", str(out), str(anshun)]) == 1
    said = capsys.readouterr().out
    assert "遵义市汇总表.xlsx（第4行）" in said and "上次合并时未能读取" in said and "不完整" in said
    _city(zunyi, "遵义市", [("遵义乙公司", "企业", 2000, ""), ("遵义丁公司", "企业", 500, "")])   # the name typed in
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert _figures(out)[("遵义市", "企业")][0] == 2


def test_a_file_naming_no_city_says_how_to_settle_it_and_a_deleted_line_settles_it(tmp_path, capsys):
    gy = _city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("贵阳甲公司", "企业", 2000, "")])
    odd = tmp_path / "附件4.xlsx"
    odd.write_bytes(b"PK\x03\x04 cut short")
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy), str(odd)]) == 1
    capsys.readouterr()
    assert main(["merge", str(out), str(gy)]) == 1
    said = capsys.readouterr().out
    assert "附件4.xlsx" in said and "文件名看不出是哪个市（州）的" in said and "删去这一行" in said
    wb = load_workbook(out)                            # the clerk deletes the line: settled by a person
    wb["问题文件"].delete_rows(3)
    wb.save(out)
    assert main(["merge", str(out), str(gy)]) == 0


def test_a_project_neither_of_whose_cities_is_its_home_says_where_its_code_is():
    """Registered in 贵阳, reported by 遵义 and 安顺: counted under the first in the official order, and the note
    says the code's city rather than that the code tells nothing (QA)."""
    from shibai_xl.jobs.merge_marks import _once, _Report

    code = "91520102MA6H3B2K7" + check_digit("91520102MA6H3B2K7")     # 贵阳市南明区
    reports = [_Report(1, code, "企业", "安顺市", "安顺市"), _Report(2, code, "企业", "遵义市", "遵义市")]
    (left_out, (kept, why)), = _once(reports).items()
    assert (left_out, kept.city) == (1, "遵义市") and "登记机关在贵阳市，不是报送的市（州）" in why


def test_a_city_summary_that_is_itself_incomplete_leaves_the_province_incomplete(make_workbook, tmp_path, capsys):
    """The city's refresh could not read one application (exit 1, listed on its 问题文件 sheet); merging that
    summary printed a complete province total with exit 0 (QA). The application it lacks is said, and the
    province's total is incomplete until the city sends a complete summary."""
    from tests.conftest import example

    apps = tmp_path / "贵阳申报表"
    apps.mkdir()
    make_workbook("enterprise", example("enterprise"), name="贵阳申报表/企业甲.xlsx")
    half = make_workbook("enterprise", example("enterprise", sb_name="贵阳乙电子商务有限公司"), name="贵阳申报表/企业乙.xlsx")
    whole = half.read_bytes()
    half.write_bytes(whole[: len(whole) // 2])                 # copied off a USB stick half-way
    city = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(apps), "--city", "贵阳市"]) == 1
    out = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(out), str(city)]) == 1
    said = capsys.readouterr().out
    assert "市（州）汇总表中有 1 份申报表未能汇总" in said and "企业乙.xlsx" in said and "不完整" in said
    assert "合计不完整" in load_workbook(out)["统计"]["A1"].value
    half.write_bytes(whole)                                    # the city reads it and sends its summary again
    assert main(["refresh", str(city), "--from", str(apps), "--city", "贵阳市"]) == 0
    assert main(["merge", str(out), str(city)]) == 0
    assert "不完整" not in load_workbook(out)["统计"]["A1"].value


def test_a_unit_line_the_amount_titles_contradict_is_said(tmp_path, capsys):
    """A clerk typed 元 under the official （万元） titles and wrote 金额单位：元 above: the titles decide (they stand on
    the columns), but 6,000,000 counted as 万元 is 600亿 — it must not pass without a word (QA)."""
    path = tmp_path / "安顺市汇总表.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["安顺市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(["金额单位：元"])
    ws.append(HEAD)
    ws.append([1, "安顺市", "西秀区", "安顺丙直播团队", "地址", "团队", "民企", "业绩", "张三", "0851-1",
               6000000, 3000000, 80, ""])
    wb.save(path)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(path)]) == 0
    said = capsys.readouterr().out
    assert "表格上方写“金额单位：元”，而“年度交易额（万元）”一栏的表头是万元" in said and "请核对金额的单位" in said


def _problems(path):
    ws = load_workbook(path)["项目汇总表"]
    head = [c.value for c in ws[3]]
    at, when = head.index("问题"), head.index("更新时间")
    return {(r[1], r[3]): (r[at] or "", r[when]) for r in ws.iter_rows(min_row=4, values_only=True) if r[3]}


def test_the_flag_does_not_depend_on_which_cities_are_merged_together(tmp_path):
    """Merged together, both rows of a project 遵义市 and 安顺市 report said XC_CROSS_APP; merged one city at a time,
    neither did (only this run's files were compared), and a row whose twin was withdrawn kept its notes (QA)."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色之旅直播电商基地", "基地", 8000, ZUNYI_CODE),
                                                      ("遵义甲公司", "企业", 2000, "")])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("遵义红色之旅直播电商基地", "示范直播基地", 8000, ""),
                                                      ("安顺乙公司", "企业", 3000, "")])
    together, apart = tmp_path / "全省-一起.xlsx", tmp_path / "全省-分别.xlsx"
    assert main(["merge", str(together), str(zunyi), str(anshun)]) == 0
    assert main(["merge", str(apart), str(zunyi)]) == 0
    assert main(["merge", str(apart), str(anshun)]) == 0
    both = {k: v[0] for k, v in _problems(together).items()}
    assert {k: v[0] for k, v in _problems(apart).items()} == both
    twin = "XC_CROSS_APP 重复申报：“遵义红色之旅直播电商基地”被2个市州汇总表报送（安顺市、遵义市）"
    assert both[("遵义市", "遵义红色之旅直播电商基地")] == twin
    assert both[("安顺市", "遵义红色之旅直播电商基地")].startswith(twin + "；统计中未计入")
    before = _problems(apart)
    merge(apart, [anshun], now=datetime(2030, 1, 1))
    assert _problems(apart) == before          # the same file again: no row changes, no 更新时间 either
    _city(anshun, "安顺市", [("安顺乙公司", "企业", 3000, "")])   # 安顺市 withdraws its row of the project
    merge(apart, [anshun], now=datetime(2030, 1, 2))
    after = _problems(apart)
    assert after[("遵义市", "遵义红色之旅直播电商基地")][0] == ""
    assert after[("遵义市", "遵义红色之旅直播电商基地")][1] != before[("遵义市", "遵义红色之旅直播电商基地")][1]
    assert after[("安顺市", "遵义红色之旅直播电商基地")][0].startswith("已撤回")
    assert "XC_CROSS_APP" not in after[("安顺市", "遵义红色之旅直播电商基地")][0]


def _round_projects(path):
    ws = load_workbook(path)["_sb_review"]
    head = [c.value for c in ws[1]]
    return [(r[head.index("项目名称")], r[head.index("市（州）")], r[head.index("回避")])
            for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]


def test_a_project_two_cities_report_is_reviewed_once_as_the_row_the_province_counts(tmp_path):
    """The province counts a project two cities report once, under the city of its code (here 安顺市, whose row
    comes after 遵义市's in the table, and only 安顺市 wrote the code): the experts score it once too, as that
    row — not twice (a second score, a second rank, the same company twice on the 公示), and not as 遵义市's
    row; the experts of both cities that sent it are recused (遵义市 recommended it too: qa77a)."""
    code = "91520402MA6J8N5P2" + check_digit("91520402MA6J8N5P2")     # registered in 安顺市西秀区
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("安顺黔味电子商务有限公司", "企业", 2000, ""),
                                                      ("遵义甲电子商务有限公司", "企业", 1000, "")])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺黔味电子商务有限公司", "示范企业", 2000, code)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi), str(anshun)]) == 0
    assert _figures(out)[("全省合计", None)][:2] == (2, 3000)
    assert main(["review", "make", str(tmp_path / "评审"), "--from", str(out), "--experts", "甲,乙",
                 "--expert-cities", "甲=安顺市,乙=遵义市"]) == 0
    assert _round_projects(tmp_path / "评审" / "专家评分表-乙.xlsx") == [
        ("遵义甲电子商务有限公司", "遵义市", "是"), ("安顺黔味电子商务有限公司", "安顺市", "是")]
    assert _round_projects(tmp_path / "评审" / "专家评分表-甲.xlsx") == [
        ("遵义甲电子商务有限公司", "遵义市", None), ("安顺黔味电子商务有限公司", "安顺市", "是")]


def test_a_company_with_two_projects_is_not_said_to_have_one_project_reported_by_two_cities(tmp_path, capsys):
    """贵阳市 reports a company's enterprise and its team (two projects, one code); 遵义市 reports the same company's
    enterprise again (without its code). The team row said “被2个市州汇总表报送（贵阳市、遵义市）” like the enterprise
    rows — but no other city reported the team. Each row names the cities and the project types each reported, so the
    province sees which project is doubled; both of 贵阳市's projects still count (two types, two projects)."""
    code = "91520102MA6H3B2K7" + check_digit("91520102MA6H3B2K7")     # 贵阳市南明区
    guiyang = _city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("贵州甲电子商务有限公司", "企业", 2000, code),
                                                      ("贵州甲电子商务有限公司", "团队", 500, code)])
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("贵州甲电子商务有限责任公司", "企业", 2000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(guiyang), str(zunyi)]) == 0
    assert _figures(out)[("全省合计", None)][:2] == (2, 2500)
    ws = load_workbook(out)["项目汇总表"]
    head = [c.value for c in ws[3]]
    said = {(r[1], r[head.index("项目类型")]): r[head.index("问题")] or ""
            for r in ws.iter_rows(min_row=4, values_only=True) if r[3]}
    for row, note in said.items():
        assert "XC_CROSS_APP" in note and "贵阳市的企业、团队" in note and "遵义市的企业" in note, (row, said)
