"""The province's table changes between ``review make`` and ``review collect``: a project withdrawn (状态 已撤回, or its
row deleted) is listed with its scores but not ranked and does not make the round incomplete; a project added after
make is said, not silently missing; a company name corrected in the table is matched by its 统一社会信用代码.
Real round through the CLI: ``review make`` from a real summary, scores typed as experts do, ``review collect``.
"""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main

from .test_review import (
    BASE_ZY,
    ENT_LPS,
    ENT_SZ,
    ENT_TR,
    PARK_BJ,
    PARK_GY,
    SCORES_3,
    TEAM_AS,
    build_summary,
    results,
    type_scores,
)


def _made(tmp_path):
    summary = build_summary(tmp_path / "汇总")
    rdir = tmp_path / "第一轮"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙,丙",
                 "--expert-cities", "甲=贵阳市,乙=遵义", "--round", "2024-05"]) == 0
    for expert, plan in SCORES_3.items():
        type_scores(rdir / f"专家评分表-{expert}.xlsx", plan)
    return summary, rdir


def _scored_by_everyone(tmp_path, round_id="2024-05", folder="第一轮"):
    """A round of two experts with no recusal, each of whom scored every project (as ``_made`` with three)."""
    summary = build_summary(tmp_path / "汇总")
    rdir = tmp_path / folder
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--round", round_id]) == 0
    everyone = {name: {} for name in (PARK_GY, PARK_BJ, BASE_ZY, ENT_LPS, ENT_SZ, ENT_TR, TEAM_AS)}
    for expert in ("甲", "乙"):
        type_scores(rdir / f"专家评分表-{expert}.xlsx", everyone)
    return summary, rdir


def _edit_rows(summary, edit):
    """A person edits the summary's rows (``edit(ws, row_of_name, cols)``) and saves."""
    wb = load_workbook(summary)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}
    rows = {ws.cell(r, cols["企业名称"]).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, cols["企业名称"]).value}
    edit(ws, rows, cols)
    wb.save(summary)


def test_a_project_withdrawn_after_make_is_listed_with_its_scores_not_ranked(tmp_path, capsys):
    summary, rdir = _made(tmp_path)
    _edit_rows(summary, lambda ws, rows, cols: setattr(ws.cell(rows[ENT_TR], cols["状态"]), "value", "已撤回"))
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    # every expert scored every project (乙's 园区02 blank is another matter): only the withdrawal changed
    code = main(["review", "collect", str(rdir), "--out", str(out)])
    text = capsys.readouterr().out
    res = results(out)
    tr = res[ENT_TR]
    assert tr["排名"] in (None, "") and "已撤回" in tr["问题"] and "不参加排名" in tr["问题"]
    assert (tr["专家甲"], tr["专家乙"], tr["专家丙"]) == (70, 75, 50)   # its scores are still shown
    # the other 企业 are ranked without it: 企业01 85, 企业03 (90+85+80)/3 = 85 → both first
    assert (res[ENT_LPS]["排名"], res[ENT_SZ]["排名"]) == (1, 1)
    assert ENT_TR not in results(out, "sb_shortlist")
    assert ENT_TR in text and "已撤回" in text
    assert code == 1   # incomplete only because of 园区02 (乙 left a score blank, 丙 out of range) as before
    assert "撤回" not in _incomplete_line(out)


def test_a_project_whose_row_was_deleted_after_make_is_not_ranked(tmp_path, capsys):
    summary, rdir = _made(tmp_path)
    _edit_rows(summary, lambda ws, rows, cols: ws.delete_rows(rows[TEAM_AS]))
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(rdir), "--out", str(out)])
    team = results(out)[TEAM_AS]
    assert team["排名"] in (None, "") and "中已没有这一项目" in team["问题"]


def _add_late_project(ws, rows, cols, name="安顺后来电子商务有限公司", city="安顺市", county="西秀区"):
    """A clerk adds a project to the province table after ``review make``: a row under the table, the table grown."""
    r = max(rows.values()) + 1
    for k, v in (("市（州）", city), ("县区", county), ("企业名称", name), ("项目类型", "企业"),
                 ("前置条件", "达标"), ("状态", "有效"), ("批次", "2024-05")):
        ws.cell(r, cols[k]).value = v
    t = ws.tables["sb_summary"]
    t.ref = f"{t.ref.split(':')[0]}:{t.ref.split(':')[1].rstrip('0123456789')}{r}"
    if t.autoFilter is not None:
        t.autoFilter.ref = t.ref


def test_a_project_added_to_the_table_after_make_is_said(tmp_path, capsys):
    summary, rdir = _made(tmp_path)

    _edit_rows(summary, _add_late_project)
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    main(["review", "collect", str(rdir), "--out", str(out)])
    text = capsys.readouterr().out
    assert "安顺后来电子商务有限公司" in text and "不在专家评分表中" in text
    notes = [str(v) for row in _sheet(out, "评审说明") for v in row if v]
    assert any("安顺后来电子商务有限公司" in n for n in notes)


def _collected_renamed(tmp_path, rdir, fixed: str):
    """(the result workbook, the row of the company renamed to ``fixed``): collected under its new name, first, 85."""
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(rdir), "--out", str(out)])
    res = results(out)
    assert ENT_SZ not in res
    sz = res[fixed]
    assert sz["排名"] == 1 and sz["平均分"] == 85 and "已改为" in sz["问题"]
    return out, sz


def test_a_company_name_corrected_in_the_table_after_make_is_matched_by_its_code(tmp_path, capsys):
    summary, rdir = _made(tmp_path)
    fixed = "贵州山珍优品电子商务股份有限公司"
    _edit_rows(summary, lambda ws, rows, cols: setattr(ws.cell(rows[ENT_SZ], cols["企业名称"]), "value", fixed))
    out, sz = _collected_renamed(tmp_path, rdir, fixed)
    assert fixed in results(out, "sb_publish")


def _sheet(path, name):
    import python_calamine

    return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def _incomplete_line(path):
    return " ".join(str(v) for row in _sheet(path, "评审结果")[:4] for v in row if v)


def test_a_pending_project_found_eligible_after_make_is_published(tmp_path):
    summary, rdir = _made(tmp_path)
    _edit_rows(summary, lambda ws, rows, cols: setattr(ws.cell(rows[ENT_LPS], cols["前置条件"]), "value", "达标"))
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(rdir), "--out", str(out)])
    assert "前置条件在项目汇总表中已改为达标" in results(out)[ENT_LPS]["问题"]
    assert ENT_LPS in results(out, "sb_publish")


def test_a_moved_summary_is_named_with_from_and_its_absence_is_said(tmp_path, capsys):
    summary, rdir = _made(tmp_path)
    moved = tmp_path / "省厅" / "全省项目汇总表.xlsx"
    moved.parent.mkdir()
    summary.rename(moved)
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    main(["review", "collect", str(rdir), "--out", str(out)])
    assert "未找到生成评分表时的项目汇总表" in capsys.readouterr().out
    _edit_rows(moved, lambda ws, rows, cols: setattr(ws.cell(rows[ENT_TR], cols["状态"]), "value", "企业申请撤回"))
    main(["review", "collect", str(rdir), "--out", str(out), "--from", str(moved)])
    assert results(out)[ENT_TR]["排名"] in (None, "")


def test_a_companys_park_and_enterprise_stay_two_projects_when_one_is_withdrawn(tmp_path, capsys):
    """One operator applies for a 园区 and as an 企业 (one 统一社会信用代码): two projects in the books, and withdrawing
    the 企业 after make leaves the 园区 ranked."""
    summary = build_summary(tmp_path / "汇总")

    def park_of_the_same_company(ws, rows, cols):
        r = max(rows.values()) + 1
        code = ws.cell(rows[ENT_SZ], cols["统一社会信用代码"]).value
        assert code
        for k, v in (("市（州）", "黔东南州"), ("县区", "凯里市"), ("企业名称", ENT_SZ), ("项目类型", "园区"),
                     ("统一社会信用代码", code), ("前置条件", "达标"), ("状态", "有效"), ("批次", "2024-05")):
            ws.cell(r, cols[k]).value = v
        t = ws.tables["sb_summary"]
        t.ref = f"{t.ref.split(':')[0]}:{t.ref.split(':')[1].rstrip('0123456789')}{r}"
        if t.autoFilter is not None:
            t.autoFilter.ref = t.ref

    _edit_rows(summary, park_of_the_same_company)
    rdir = tmp_path / "第一轮"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--round", "2024-05"]) == 0
    for expert in ("甲", "乙"):
        type_scores(rdir / f"专家评分表-{expert}.xlsx", {ENT_SZ: {}})
    def withdraw_the_enterprise(ws, rows, cols):
        r = next(r for r in range(4, ws.max_row + 1)
                 if ws.cell(r, cols["企业名称"]).value == ENT_SZ and "企业" in str(ws.cell(r, cols["项目类型"]).value))
        ws.cell(r, cols["状态"]).value = "已撤回"

    _edit_rows(summary, withdraw_the_enterprise)
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(rdir), "--out", str(out)])
    wb = load_workbook(out, read_only=True)
    ws = wb["评审结果"]
    rows = [r for r in ws.iter_rows(values_only=True) if ENT_SZ in r]
    header = next(r for r in ws.iter_rows(values_only=True) if r and "排名" in r)
    by_type = {r[header.index("项目类型")]: r for r in rows}
    assert len(rows) == 2, rows
    park = next(v for k, v in by_type.items() if "园区" in str(k))
    ent = next(v for k, v in by_type.items() if "企业" in str(k))
    assert park[header.index("排名")] == 1 and "撤回" not in str(park[header.index("问题")] or "")
    assert ent[header.index("排名")] is None and "已撤回" in ent[header.index("问题")]


def test_a_name_corrected_on_a_row_without_a_code_is_matched_by_its_application_file(tmp_path):
    """毕节智慧电商产业园 was added by hand without a 统一社会信用代码; its name corrected after make still finds it by
    its 来源文件. A hand-typed row with neither, renamed slightly (铜仁 → 铜仁市), is the only look-alike of the same type
    and 市（州）: taken for the same project, ranked under its new name, the rename said (see the tests below)."""
    summary, rdir = _made(tmp_path)
    fixed = "毕节市智慧电商产业园"

    def rename(ws, rows, cols):
        ws.cell(rows[PARK_BJ], cols["企业名称"]).value = fixed
        ws.cell(rows[ENT_TR], cols["企业名称"]).value = "铜仁市梵净山珍电子商务有限公司"

    _edit_rows(summary, rename)
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(rdir), "--out", str(out)])
    res = results(out)
    assert res[fixed]["排名"] == 2 and "已改为" in res[fixed]["问题"]
    tr = res["铜仁市梵净山珍电子商务有限公司"]
    assert ENT_TR not in res and tr["排名"] == 3 and "已改为" in tr["问题"] and "认定为同一项目" in tr["问题"]


def test_experts_who_left_a_withdrawn_project_blank_do_not_make_the_round_incomplete(tmp_path, capsys):
    """Told that 企业02 was withdrawn, no expert scores it: the round is complete (exit 0), 企业02 listed, not ranked."""
    summary = build_summary(tmp_path / "汇总")
    rdir = tmp_path / "第一轮"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--round", "2024-05"]) == 0
    _edit_rows(summary, lambda ws, rows, cols: setattr(ws.cell(rows[ENT_TR], cols["状态"]), "value", "已撤回"))
    everyone_but = {name: {} for name in (PARK_GY, PARK_BJ, BASE_ZY, ENT_LPS, ENT_SZ, TEAM_AS)}
    for expert in ("甲", "乙"):
        type_scores(rdir / f"专家评分表-{expert}.xlsx", everyone_but)
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0
    tr = results(out)[ENT_TR]
    assert tr["排名"] in (None, "") and "已撤回" in tr["问题"]
    assert "不完整" not in _incomplete_line(out)


def test_a_project_added_after_make_makes_the_round_incomplete(tmp_path, capsys):
    """Every expert scored every project, then a city's project of this 批次 was added to the table: it was never
    scored, so the 拟认定名单 and 公示 lack it — the result says so at the top of its sheets and collect exits 1."""
    summary, rdir = _scored_by_everyone(tmp_path)
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0   # complete as made

    _edit_rows(summary, _add_late_project)
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    text = capsys.readouterr().out
    assert "安顺后来电子商务有限公司" in text and "新加入本轮的项目没有专家评分" in text and "补评新加入的项目" in text
    line = _incomplete_line(out)
    assert "不完整" in line and "安顺后来电子商务有限公司" in line
    assert "请勿公示" in str(_sheet(out, "公示")[0][0])


def _renamed_by_hand(new, late=None):
    """A clerk corrects the hand-typed 铜仁 企业's name (no 统一社会信用代码, no 来源文件) after make; ``late``: a project
    (name, 市（州）) added under the table as well."""
    def edit(ws, rows, cols):
        ws.cell(rows[ENT_TR], cols["企业名称"]).value = new
        if late:
            _add_late_project(ws, rows, cols, late[0], late[1], "碧江区")
    return edit


def test_a_hand_typed_projects_name_corrected_after_make_is_ranked_under_its_new_name(tmp_path, capsys):
    """Every expert scored every project; the clerk then corrected 铜仁梵净山珍电子商务有限公司 to 铜仁市梵净山珍电子商务有限公司:
    same 项目类型, same 市（州）, one gone and one added, names one character apart — a reviewer reads it as the same
    project: ranked under its new name, the rename said, the round complete."""
    summary, rdir = _scored_by_everyone(tmp_path)
    fixed = "铜仁市梵净山珍电子商务有限公司"
    _edit_rows(summary, _renamed_by_hand(fixed))
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    res = results(out)
    assert ENT_TR not in res
    assert res[fixed]["排名"] == 1 and res[fixed]["平均分"] == 100
    assert "已改为" in res[fixed]["问题"] and "同一市（州）" in res[fixed]["问题"]
    assert fixed in text and ENT_TR in text and "不在专家评分表中" not in text
    notes = " ".join(str(v) for row in _sheet(out, "评审说明") for v in row if v)
    assert fixed in notes and ENT_TR in notes and "改名" in notes
    assert "不完整" not in _incomplete_line(out)


def test_a_hand_typed_rename_to_another_company_form_with_a_stray_space_is_matched(tmp_path):
    summary, rdir = _made(tmp_path)
    fixed = "铜仁梵净山珍 电子商务股份有限公司"
    _edit_rows(summary, _renamed_by_hand(fixed))
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(rdir), "--out", str(out)])
    assert results(out)[fixed]["排名"] == 3   # 70, 75, 50 → 65, after 企业01 and 企业03 (85)


def test_two_look_alike_projects_for_one_renamed_row_keep_the_alarm_and_say_why(tmp_path, capsys):
    summary, rdir = _made(tmp_path)
    _edit_rows(summary, _renamed_by_hand("铜仁市梵净山珍电子商务有限公司", ("铜仁梵净山珍电子商务股份有限公司", "铜仁市")))
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    text = capsys.readouterr().out
    tr = results(out)[ENT_TR]
    assert tr["排名"] in (None, "") and "无法确定" in tr["问题"]
    assert "铜仁梵净山珍电子商务股份有限公司" in tr["问题"] and "铜仁市梵净山珍电子商务有限公司" in tr["问题"]
    assert "无法确定" in text


def test_a_different_company_or_a_look_alike_of_another_city_is_no_rename(tmp_path):
    summary, rdir = _made(tmp_path)
    _edit_rows(summary, _renamed_by_hand("铜仁碧江农特产品电子商务有限公司", ("铜仁梵净山珍电子商贸有限公司", "遵义市")))
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    tr = results(out)[ENT_TR]
    assert tr["排名"] in (None, "") and "中已没有这一项目" in tr["问题"]


def test_a_name_with_a_character_replaced_is_another_company_not_a_rename(tmp_path):
    """贵州甲电商 and 贵州乙电商 differ by one character as a corrected typo would: replacing a row with another
    company's is no rename — the new one has no scores, the round is incomplete."""
    summary, rdir = _made(tmp_path)
    _edit_rows(summary, _renamed_by_hand(ENT_TR.replace("梵净", "梵静")))
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    assert results(out)[ENT_TR]["排名"] in (None, "")


def test_a_code_retyped_with_dashes_and_lower_case_after_make_still_matches_its_project(tmp_path):
    """A province clerk retyped a project's 统一社会信用代码 as people write it ("9152-0102 ma6…", full-width digits,
    a trailing space) and corrected its name: collect said the project was gone (no longer in the table) and
    listed the renamed row as a new one, because codes were compared only upper-cased and without spaces. A code
    is read the one way everywhere (engine.parse.uscc.key)."""
    summary, rdir = _made(tmp_path)
    fixed = "贵州山珍优品电子商务股份有限公司"

    def retype(ws, rows, cols):
        code = ws.cell(rows[ENT_SZ], cols["统一社会信用代码"]).value
        assert code and len(code) == 18
        ws.cell(rows[ENT_SZ], cols["统一社会信用代码"]).value = (
            "代码：" + code[:4].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "-" + code[4:].lower() + " ")
        ws.cell(rows[ENT_SZ], cols["企业名称"]).value = fixed
        ws.cell(rows[ENT_SZ], cols["来源文件"]).value = None     # the row retyped by hand: no application to tell it by

    _edit_rows(summary, retype)
    out, sz = _collected_renamed(tmp_path, rdir, fixed)
    assert "已没有" not in sz["问题"]


def test_a_corrected_project_is_not_listed_among_the_projects_that_left_the_round(tmp_path, capsys):
    """铜仁 withdrawn and 山珍's name corrected in the table after make: the terminal said “已退出本轮的项目 1 个” and listed
    two — 山珍's rename as a second bullet under that heading, as if it had left the round too (it is ranked). The
    corrections now have a heading of their own, with their count; without a withdrawal they had none at all."""
    summary, rdir = _made(tmp_path)
    fixed = "贵州山珍优品电子商务股份有限公司"

    def edit(ws, rows, cols):
        ws.cell(rows[ENT_TR], cols["状态"]).value = "已撤回"
        ws.cell(rows[ENT_SZ], cols["企业名称"]).value = fixed
    _edit_rows(summary, edit)
    capsys.readouterr()
    main(["review", "collect", str(rdir), "--out", str(tmp_path / "评审结果.xlsx")])
    lines = capsys.readouterr().out.splitlines()
    gone = next(i for i, line in enumerate(lines) if line.startswith("已退出本轮的项目 1 个"))
    assert ENT_TR in lines[gone + 1] and not lines[gone + 2].startswith("  •"), lines[gone:gone + 3]
    heading = lines[gone + 2]
    assert heading.startswith("项目汇总表中改正了名称或前置条件的项目 1 个") and "照常排名" in heading, heading
    assert fixed in lines[gone + 3] and "已改为" in lines[gone + 3]


def test_a_network_path_recorded_in_the_plan_is_never_opened(tmp_path, capsys):
    """评审安排.xlsx records where the summary was (``sb_review_source``); collect read whatever it named — a round
    folder received from elsewhere whose plan names \\\\server\\share\\汇总.xlsx had 汇总专家评分 connect to that server
    (on Windows an SMB connection that hands over the user's credentials). A network path (\\\\server\\…, //server/…)
    from a workbook is never opened: said as not found, as a summary moved away is."""
    from shibai_xl.adapters.xlsx.review_layout import put_constant

    summary, rdir = _made(tmp_path)
    plan = load_workbook(rdir / "评审安排.xlsx")
    put_constant(plan, "sb_review_source", "/" + str(summary.resolve()))    # //tmp/…: on Linux the same file
    plan.save(rdir / "评审安排.xlsx")
    _edit_rows(summary, lambda ws, rows, cols: setattr(ws.cell(rows[ENT_TR], cols["状态"]), "value", "企业申请撤回"))
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    main(["review", "collect", str(rdir), "--out", str(out)])
    said = capsys.readouterr().out
    assert "未找到生成评分表时的项目汇总表" in said, said
    assert results(out)[ENT_TR]["排名"] not in (None, "")      # the withdrawal was not read from there


def test_what_collect_says_to_do_with_a_late_project_can_be_done(tmp_path, capsys):
    """A project added to this 批次 after the books went out: collect said “请重新生成评分表补评” — but make then refused
    (“专家甲已填写 … 项评分，不能覆盖”, rightly: a book's project list cannot change under the expert's scores), and
    moving the scored books away to make new ones means every expert scores every project again. It now says the
    ways that work: move the project to the next round's 批次 (collect is then complete), or make the round again
    and have every expert score anew; make's refusal names the project the books lack."""
    summary, rdir = _scored_by_everyone(tmp_path)
    _edit_rows(summary, _add_late_project)
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    text = capsys.readouterr().out.replace("\n", "")
    line = _incomplete_line(out)
    for said in (text, line):
        assert "请重新生成评分表补评" not in said and "批次改为下一轮" in said, said
        assert "全部重新评分" in said, said
    # the first way: make again is refused, and says why
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--round", "2024-05"]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "不能覆盖" in err and "安顺后来电子商务有限公司" in err and "全部重新评分" in err, err
    # the second way, as said: the late project moved to the next 批次, the round is complete
    _edit_rows(summary, lambda ws, rows, cols: setattr(ws.cell(rows["安顺后来电子商务有限公司"], cols["批次"]), "value",
                                                       "2024-08"))
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0


def test_a_late_project_moved_to_a_later_round_no_longer_keeps_this_round_incomplete(tmp_path, capsys):
    """The province made the August round from a table whose rows were all 批次 2024-05 (none of 2024-08: every row
    listed). A city's late project arrived after the experts had their books: collect said the round was incomplete,
    “请另行安排评审（例如下一轮），或重新生成评分表” — with no word of how; the province put it into the next round by
    writing 2024-12 in its 批次, and the round stayed incomplete for good (a table without a 2024-08 row still took
    every row, December's too). A row the table gives a later round is that round's, and the message says how."""
    summary, rdir = _scored_by_everyone(tmp_path, "2024-08", "八月")
    _edit_rows(summary, _add_late_project)
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    said = capsys.readouterr().out
    assert "批次改为下一轮" in said.replace("\n", ""), said

    _edit_rows(summary, lambda ws, rows, cols: setattr(ws.cell(rows["安顺后来电子商务有限公司"], cols["批次"]), "value",
                                                       "2024-12"))
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0
    assert "安顺后来电子商务有限公司" not in results(out) and "不完整" not in _incomplete_line(out)
