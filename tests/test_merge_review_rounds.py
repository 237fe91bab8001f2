"""The province table over the review rounds (5月, 8月, 12月): the cities re-send their 项目汇总表 before each round,
the province merges them again into the same file and makes each round's review (QA qa31b)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, province_rows


def city(path: Path, name: str, projects: list[tuple], batch_column: bool = True) -> Path:
    """A city's 附件4 typed by its clerk: the printed header, then 批次 (unless ``batch_column`` is False: the
    official layout has none) and 前置条件. ``projects``: (县区, 企业名称, 项目类型, 年度交易额, 批次, 前置条件)."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = f"{name}电子商务“十百千万”工程项目汇总表"
    ws.merge_cells("A1:O1")
    ws.append([*PRINTED, *(["批次"] if batch_column else []), "前置条件"])
    for i, (county, company, kind, trade, batch, cond) in enumerate(projects, 1):
        ws.append([i, name, county, company, f"{county}某路{i}号", kind, "民企", "主要业绩" * 40, "联系人",
                   "0851-88550000", trade, trade / 2, 80, *([batch] if batch_column else []), cond])
    wb.save(path)
    return path


def listed(round_dir: Path) -> list[str]:
    ws = load_workbook(round_dir / "专家评分表-甲.xlsx")
    table = next(w for w in ws.worksheets if "sb_expert_scores" in w.tables)
    ref = table.tables["sb_expert_scores"].ref
    rows = list(table[ref])
    header = [c.value for c in rows[0]]
    return sorted({r[header.index("项目名称")].value for r in rows[1:] if r[header.index("项目名称")].value})


ZUNYI_MAY = [("红花岗区", "遵义甲电商有限公司", "企业", 3000, "2024-05", "达标"),
             ("汇川区", "遵义乙电商有限公司", "企业", 2000, "2024-05", "达标")]


def test_a_city_resending_its_table_without_a_batch_column_keeps_its_projects_in_their_round(tmp_path):
    """遵义 sent its May table with a 批次 column, and re-sent it in August in the official layout, without one (a
    corrected amount and a new project): the province's 批次 of its May projects was wiped, so the August round
    listed them again for review although the May round had reviewed them. The batch the province table had stays;
    the corrected amount counts."""
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY))]) == 0
    august = [("红花岗区", "遵义甲电商有限公司", "企业", 3500, None, "达标"), ZUNYI_MAY[1],
              ("播州区", "遵义丙电商有限公司", "企业", 2500, None, "达标")]
    resent = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", august, batch_column=False)
    guiyang = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("花溪区", "贵阳甲电商有限公司", "企业", 1500, "2024-08", "达标")])
    assert main(["merge", str(province), str(resent), str(guiyang)]) == 0
    got = {r["企业名称"]: (r["批次"], r["年度交易额（万元）"]) for r in province_rows(province)}
    assert got == {"贵阳甲电商有限公司": ("2024-08", 1500), "遵义甲电商有限公司": ("2024-05", 3500),
                   "遵义乙电商有限公司": ("2024-05", 2000),
                   "遵义丙电商有限公司": (None, 2500)}
    assert main(["review", "make", str(tmp_path / "r2"), "--from", str(province), "--experts", "甲,乙,丙",
                 "--round", "2024-08"]) == 0
    assert listed(tmp_path / "r2") == ["贵阳甲电商有限公司", "遵义丙电商有限公司"]


def test_a_project_a_city_no_longer_sends_is_named_when_the_merge_marks_it_withdrawn(tmp_path, capsys):
    """贵阳 sent two projects in May and re-sent its table in August without one of them: the province table marked
    that row 已撤回 and the count fell from 3 to 2, but the terminal said only “贵阳市 1 项” — nothing told the province
    clerk a project had left the count, or which. The merge names it, says it is not counted and what to do if the
    city left it out by mistake; the August round does not list it."""
    province = tmp_path / "全省.xlsx"
    may = [("南明区", "贵阳甲电商有限公司", "企业", 1200, "2024-05", "达标"),
           ("云岩区", "贵阳乙电商有限公司", "团队", 600, "2024-05", "达标")]
    zunyi = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY[:1])
    assert main(["merge", str(province), str(city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", may)), str(zunyi)]) == 0
    capsys.readouterr()
    august = [may[0], ("花溪区", "贵阳丙电商有限公司", "企业", 1500, "2024-08", "达标")]
    assert main(["merge", str(province), str(city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", august))]) == 0
    out = capsys.readouterr().out
    assert "有效项目 3 项" in out
    assert "标为“已撤回” 1 项" in out and "贵阳乙电商有限公司（贵阳市：汇总表中已没有这一行）" in out, out
    got = {r["企业名称"]: r["状态"] for r in province_rows(province)}
    assert got["贵阳乙电商有限公司"] == "已撤回"
    assert main(["review", "make", str(tmp_path / "r2"), "--from", str(province), "--experts", "甲,乙,丙",
                 "--round", "2024-08"]) == 0
    assert listed(tmp_path / "r2") == ["贵阳丙电商有限公司"]


def test_a_project_failing_in_a_reviewed_batch_and_passing_now_is_named_for_a_later_round(tmp_path, capsys):
    """遵义乙 was 不达标 in May (the May round took only 达标/待定 projects) and 遵义 re-sent it 达标 in December with its
    批次 still 2024-05: the December round left it out as 属于其他批次 and said other batches' projects had been
    reviewed in their rounds — no round ever reviewed it, and the merge said nothing. The merge names it and says to
    change its 批次 to the round that is to review it."""
    province = tmp_path / "全省.xlsx"
    may = [ZUNYI_MAY[0], ("汇川区", "遵义乙电商有限公司", "企业", 2000, "2024-05", "不达标")]
    assert main(["merge", str(province), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", may))]) == 0
    capsys.readouterr()
    december = [ZUNYI_MAY[0], ("汇川区", "遵义乙电商有限公司", "企业", 2000, "2024-05", "达标"),
                ("播州区", "遵义丙电商有限公司", "企业", 2500, "2024-12", "达标")]
    assert main(["merge", str(province), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", december))]) == 0
    out = capsys.readouterr().out
    assert "遵义乙电商有限公司（遵义市，批次 2024-05）" in out and "前置条件不达标" in out, out
    assert "遵义甲电商有限公司" not in out.split("前置条件不达标")[0].splitlines()[-1]


def test_review_make_of_another_round_into_the_folder_of_a_round_is_refused(tmp_path):
    """``review make`` of the 5月 round into the folder already holding the 8月 round replaced that round's books and
    评审安排 (left as .bak), so the books the experts return could no longer be checked. Refused, nothing written; the
    same round made again is still made over (its books not scored yet)."""
    summary = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(summary), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY + [
        ("播州区", "遵义丙电商有限公司", "企业", 2500, "2024-08", "达标")]))]) == 0
    folder = tmp_path / "评审"
    make = ["review", "make", str(folder), "--from", str(summary), "--experts", "甲,乙"]
    assert main([*make, "--round", "2024-08"]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main([*make, "--round", "2024-05"]) == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert main([*make, "--round", "8月"]) == 0 and listed(folder) == ["遵义丙电商有限公司"]


def test_review_collect_of_another_round_into_the_result_of_a_round_is_refused(tmp_path):
    """``review collect`` of the 5月 round with ``--out`` the 8月 round's result replaced it (only a .bak left)."""
    summary = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(summary), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY + [
        ("播州区", "遵义丙电商有限公司", "企业", 2500, "2024-08", "达标")]))]) == 0
    out = tmp_path / "评审结果.xlsx"
    for month in ("2024-08", "2024-05"):
        assert main(["review", "make", str(tmp_path / month), "--from", str(summary), "--experts", "甲",
                     "--round", month]) == 0
    assert main(["review", "collect", str(tmp_path / "2024-08"), "--out", str(out)]) == 1   # nobody scored yet
    before = out.read_bytes()
    assert main(["review", "collect", str(tmp_path / "2024-05"), "--out", str(out)]) == 2
    assert out.read_bytes() == before
    assert main(["review", "collect", str(tmp_path / "2024-08"), "--out", str(out)]) == 1   # the same round again


def test_the_refusal_of_another_round_suggests_a_folder_named_after_the_round_being_made(tmp_path, capsys):
    """Made into the 5月 round's folder, the 8月 round was refused with “例如 shibai review make 2024-05评审 …”: the
    folder the clerk was told to name after the round already there. The example names the round being made."""
    summary = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(summary), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY + [
        ("播州区", "遵义丙电商有限公司", "企业", 2500, "2024-08", "达标")]))]) == 0
    make = ["review", "make", str(tmp_path / "评审"), "--from", str(summary), "--experts", "甲,乙"]
    assert main([*make, "--round", "2024-05"]) == 0
    capsys.readouterr()
    assert main([*make, "--round", "8月"]) == 2
    err = capsys.readouterr().err
    assert "shibai review make 2024-08评审" in err and "2024-05评审" not in err, err


def test_a_project_another_city_reported_in_an_earlier_round_is_not_reviewed_again(tmp_path, capsys):
    """遵义 reported 遵义甲 in May (reviewed in the May round); 贵阳 reports the same company's enterprise project in
    August, its name spelled 有限责任公司 (a project two cities report, XC_CROSS_APP, counted once). The August round
    listed 贵阳's row: one project reviewed in two rounds. A project is reviewed in the round of its earliest batch;
    the later row is left out as a repeat, named, and a different project of the company (its team) stays."""
    province = tmp_path / "全省.xlsx"
    zunyi = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY)
    guiyang = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [
        ("花溪区", "遵义甲电商有限责任公司", "企业", 3000, "2024-08", "达标"),
        ("花溪区", "遵义甲电商有限公司", "团队", 800, "2024-08", "达标"),
        ("花溪区", "贵阳甲电商有限公司", "企业", 1500, "2024-08", "达标")])
    assert main(["merge", str(province), str(zunyi), str(guiyang)]) == 0
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "r8"), "--from", str(province), "--experts", "甲,乙,丙",
                 "--round", "2024-08"]) == 0
    out = capsys.readouterr().out
    assert listed(tmp_path / "r8") == sorted(["贵阳甲电商有限公司", "遵义甲电商有限公司"]), out   # the team, not the enterprise
    assert "重复 1 个" in out, out
    # the May round, made (again) afterwards, still lists the project: it is May's
    assert main(["review", "make", str(tmp_path / "r5"), "--from", str(province), "--experts", "甲,乙,丙",
                 "--round", "2024-05"]) == 0
    assert listed(tmp_path / "r5") == sorted(["遵义乙电商有限公司", "遵义甲电商有限公司"])


def test_every_book_of_another_round_mixed_into_a_round_folder_is_named_at_once(tmp_path, capsys):
    """The clerk saved every book the experts mailed back — 5月's and 8月's — into the 5月 folder. collect stopped at the
    first 8月 book it met, named that one only; moved away, the next run named the next one, and so on, once per book.
    Every book of another round is now named in the one refusal, with its round; nothing is written."""
    summary = tmp_path / "全省项目汇总表.xlsx"
    assert main(["merge", str(summary), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY + [
        ("播州区", "遵义丙电商有限公司", "企业", 2500, "2024-08", "达标")]))]) == 0
    for month in ("2024-05", "2024-08"):
        assert main(["review", "make", str(tmp_path / month), "--from", str(summary), "--experts", "甲,乙,丙",
                     "--round", month]) == 0
    may = tmp_path / "2024-05"
    for e in "甲乙":
        (tmp_path / "2024-08" / f"专家评分表-{e}.xlsx").rename(may / f"专家评分表-{e}（8月）.xlsx")
    capsys.readouterr()
    assert main(["review", "collect", str(may), "--out", str(tmp_path / "评审结果.xlsx")]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "专家评分表-甲（8月）.xlsx" in err and "专家评分表-乙（8月）.xlsx" in err and "2024-08" in err, err
    assert not (tmp_path / "评审结果.xlsx").exists()


def test_a_round_made_from_a_province_table_missing_a_city_says_so(tmp_path, capsys):
    """12月: 遵义's re-sent table could not be read (a half-copied file), so the province table kept its earlier rows
    and listed the file on its 问题文件 sheet; ``review make`` for the round then issued the experts' books without a
    word, though 遵义's new projects of the round were not in them. The report now names the unread file and says
    the round may lack its projects (notice 三、(三): every city's projects are reviewed in their round)."""
    province = tmp_path / "全省.xlsx"
    zunyi = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY)
    guiyang = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("花溪区", "贵阳甲电商有限公司", "企业", 1500, "2024-12", "达标")])
    assert main(["merge", str(province), str(zunyi)]) == 0
    zunyi.write_bytes(zunyi.read_bytes()[:600])        # December: the re-sent file arrived broken
    assert main(["merge", str(province), str(guiyang), str(zunyi)]) == 1
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "r3"), "--from", str(province), "--experts", "甲,乙,丙",
                 "--round", "2024-12"]) == 0
    out = capsys.readouterr().out
    assert listed(tmp_path / "r3") == ["贵阳甲电商有限公司"]
    assert "遵义市汇总表.xlsx" in out and "未能读取" in out, out
    main(["review", "collect", str(tmp_path / "r3"), "--out", str(tmp_path / "r3" / "评审结果.xlsx")])
    out = capsys.readouterr().out            # the result, about to be published, says it too
    assert "遵义市汇总表.xlsx" in out and "未能读取" in out, out
    notes = [c.value for ws in load_workbook(tmp_path / "r3" / "评审结果.xlsx") for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "遵义市汇总表.xlsx" in c.value]
    assert notes, "评审说明 does not name the unread table"


def test_a_round_made_from_a_province_table_whose_city_lacked_an_application_says_so(tmp_path, capsys):
    """贵阳's December table was itself incomplete (an application its refresh could not read, on its 问题文件
    sheet): the province table lists that gap on its 统计 sheet, and the round's books were made without a word.
    The report names it too."""
    guiyang = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("花溪区", "贵阳甲电商有限公司", "企业", 1500, "2024-12", "达标")])
    wb = load_workbook(guiyang)
    ws = wb.create_sheet("问题文件")
    ws.append(["无法读取的文件（其余文件已正常汇总）"])
    ws.append(["文件", "原因"])
    ws.append(["企业乙.xlsx", "文件已损坏或不完整"])
    wb.save(guiyang)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(guiyang)]) == 1
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "r3"), "--from", str(province), "--experts", "甲,乙,丙",
                 "--round", "2024-12"]) == 0
    out = capsys.readouterr().out
    assert "企业乙.xlsx" in out and "不完整" in out, out
