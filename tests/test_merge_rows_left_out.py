"""Rows of a city's table that the province's totals leave out (the city withdrew them): each named, on the terminal
and in the province table, never left out without a word (QA, qa55m)."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import refresh
from tests.test_summaries_real_world import PRINTED, T0, T1, application, province_rows


def _tool_city(tmp_path: Path) -> Path:
    """贵阳市's table made by refresh, then refreshed again after the enterprise's application was taken out of the
    folder: the tool's own 状态 “已撤回” on its row."""
    apps = tmp_path / "贵阳申报表"
    application(apps, "park", "园区.xlsx")
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    city = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(city, apps, city="贵阳市", now=T0)
    (apps / "企业.xlsx").unlink()
    refresh(city, apps, city="贵阳市", now=T1)
    return city


def _typed_city(path: Path) -> Path:
    """遵义市's 附件4 typed by hand with a 备注 column of its own, one project's 备注 saying it was withdrawn."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append([*PRINTED, "备注"])
    ws.append([1, "遵义市", "红花岗区", "遵义甲电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 1200, 800,
               85, None])
    ws.append([2, "遵义市", "汇川区", "遵义乙电商有限公司", "地址", "企业", "民企", "业绩", "李四", "0851-2", 900, 300,
               80, "企业申请撤回（5月8日来函）"])
    wb.save(path)
    return path


def test_rows_a_city_withdrew_are_named_and_kept_as_withdrawn_at_the_first_merge(tmp_path, capsys):
    """At the province's first merge a row the city's table marks withdrawn (its 状态 “已撤回”, written by the city's
    refresh) was left out of the province table with nothing said at all (a 备注 saying so: said on the terminal
    only): the province could not tell a project the city withdrew from one lost in reading. Each is now a row of the
    province table with 状态 已撤回 and why, named on the terminal, and not counted."""
    guiyang = _tool_city(tmp_path)
    zunyi = _typed_city(tmp_path / "遵义市汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(guiyang), str(zunyi)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 2 项，年度交易额合计 36200 万元" in out, out
    rows = {r["企业名称"]: r for r in province_rows(province)}
    left = [n for n, r in rows.items() if r["状态"] == "已撤回"]
    assert sorted(left) == ["贵州山珍优品电子商务有限公司", "遵义乙电商有限公司"], rows
    for name in left:
        assert name in out, out
        assert rows[name]["问题"].startswith("已撤回") and "汇总表中这一行" in rows[name]["问题"], rows[name]
    assert "“状态”为“已撤回”" in rows["贵州山珍优品电子商务有限公司"]["问题"]
    assert "企业申请撤回（5月8日来函）" in rows["遵义乙电商有限公司"]["问题"]
    assert rows["遵义乙电商有限公司"]["市（州）"] == "遵义市" and rows["遵义乙电商有限公司"]["报送市州"] == "遵义市"
    # merged again: the same rows, still withdrawn, said no more as new
    assert main(["merge", str(province), str(guiyang), str(zunyi)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 2 项，年度交易额合计 36200 万元" in out and "本次标为“已撤回”" not in out, out
    again = {r["企业名称"]: r["状态"] for r in province_rows(province)}
    assert again == {n: r["状态"] for n, r in rows.items()}
    # the city takes the withdrawal back: the same row is the project again, counted
    wb = load_workbook(zunyi)
    wb.active["N4"] = None
    wb.save(zunyi)
    assert main(["merge", str(province), str(guiyang), str(zunyi)]) == 0
    assert "全省汇总表有效项目 3 项，年度交易额合计 37100 万元" in capsys.readouterr().out
    back = [r for r in province_rows(province) if r["企业名称"] == "遵义乙电商有限公司"]
    assert [(r["状态"], r["问题"]) for r in back] == [("有效", None)], back


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "xlsx-resaved", "xlsb"])
def test_a_project_the_city_struck_through_is_named_and_kept_as_withdrawn(tmp_path, capsys, fmt):
    """遵义市 crossed out 遵义乙电商有限公司 in its 附件4 (the row's font struck through, as clerks strike a project
    out) and left its 合计 without it: the merge counted it as a valid project (2100 万元 for the city's 1200) with
    nothing said. A struck-through 企业名称 is now read as the city withdrawing the project: not counted, kept in the
    province table as 已撤回 saying so, named on the terminal."""
    city = _typed_city(tmp_path / "遵义市汇总表.xlsx")
    wb = load_workbook(city)
    ws = wb.active
    ws["N4"] = None
    for cell in ws[4]:
        cell.font = Font(strike=True)
    ws.append(["合计", *[None] * 9, 1200, 800, None])
    wb.save(city)
    # WPS's and many a clerk's .xls (XF → FONT records), a 信创 machine's .ods (its cell style), an .xlsx re-saved by
    # LibreOffice (<strike val="true"/>)
    if fmt == "xlsb":    # Excel's binary workbook: BrtCell's XF → BrtXF's font → BrtFont with fStrikeout
        from tests.test_xlsb_files import as_xlsb

        city = as_xlsb(city, tmp_path / "xlsb" / "遵义市汇总表.xlsb")
    elif fmt != "xlsx":
        from tests.libreoffice import convert

        city = convert(city, fmt.split("-")[0], tmp_path / fmt)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 1 项，年度交易额合计 1200 万元" in out, out
    assert "删除线" in out and "遵义乙电商有限公司" in out, out
    rows = {r["企业名称"]: r for r in province_rows(province)}
    assert rows["遵义乙电商有限公司"]["状态"] == "已撤回" and "删除线" in rows["遵义乙电商有限公司"]["问题"], rows
    assert rows["遵义甲电商有限公司"]["状态"] == "有效"
    if fmt == "ods":     # the city takes the strike off and sends its .ods again: the project is back, counted
        wb = load_workbook(_typed_city(tmp_path / "遵义市汇总表.xlsx"))
        wb.active["N4"] = None
        wb.save(tmp_path / "遵义市汇总表.xlsx")
        assert main(["merge", str(province), str(convert(tmp_path / "遵义市汇总表.xlsx", "ods", tmp_path / "ods2"))]) == 0
        assert "全省汇总表有效项目 2 项，年度交易额合计 2100 万元" in capsys.readouterr().out
        assert {r["企业名称"]: r["状态"] for r in province_rows(province)}["遵义乙电商有限公司"] == "有效"


@pytest.mark.parametrize("fmt", ["ods", "xlsx", "xlsx-shared", "xls"])
@pytest.mark.parametrize("struck, withdrawn", [("遵义乙电商有限公司（原名遵义丙商贸）", True), ("原名遵义丙商贸", False)],
                         ids=["whole", "part"])
def test_a_name_struck_through_as_text_is_read_when_all_of_it_is(tmp_path, capsys, fmt, struck, withdrawn):
    """A clerk double-clicked 遵义乙's name, selected it and struck it through: the strike is on the text's runs (an
    .xlsx's rich text, inline or shared; an .ods's spans), not the cell's format, and the row was counted as a
    project (an .ods: as any struck row was). A name struck through in all of its text is now withdrawn as a struck
    cell is; a strike over a part of it (the former name crossed out beside the new one) is no crossing out of the
    project, in every format."""
    import zipfile

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from tests.libreoffice import convert

    city = _typed_city(tmp_path / "遵义市汇总表.xlsx")
    wb = load_workbook(city)
    ws = wb.active
    ws["N4"] = None
    runs = ("遵义乙电商有限公司", "（", "原名遵义丙商贸", "）")
    ws["D4"] = CellRichText(*[TextBlock(InlineFont(strike=t == runs[2] if fmt == "xlsx-shared" else t in struck), t)
                              for t in runs])
    wb.save(city)
    if fmt in ("ods", "xls"):
        city = convert(city, fmt, tmp_path / fmt)
    elif fmt == "xlsx-shared":   # as Excel saves it: the runs in xl/sharedStrings.xml, each with its own font (a
        # part struck, which LibreOffice keeps as runs; then the rest struck too, as Excel keeps it)
        saved = convert(city, "xlsx", tmp_path / "lo")
        with zipfile.ZipFile(saved) as src, zipfile.ZipFile(city, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == "xl/sharedStrings.xml" and withdrawn:
                    data = data.replace(b"<rPr><sz", b'<rPr><strike val="true"/><sz')
                dst.writestr(item, data)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    states = {r["企业名称"]: r["状态"] for r in province_rows(province)}
    assert states["遵义乙电商有限公司（原名遵义丙商贸）"] == ("已撤回" if withdrawn else "有效"), (states, out)
    assert ("删除线" in out) == withdrawn, out


def test_review_make_from_a_typed_city_table_saved_as_xls_leaves_out_the_row_its_remark_withdraws(tmp_path, capsys):
    """review make --from a hand-typed 附件4 saved as .xls (read by its header row as merge reads it) listed 遵义乙,
    whose 备注 says 企业申请撤回, for the experts to score, while merge leaves it out: the reading dropped the city's
    own columns. It is left out as merge leaves it out."""
    from tests.libreoffice import convert

    sent = convert(_typed_city(tmp_path / "遵义市汇总表.xlsx"), "xls", tmp_path / "xls")
    assert main(["review", "make", str(tmp_path / "round"), "--from", str(sent), "--experts", "甲,乙"]) == 0
    out = capsys.readouterr().out
    assert "评审 1 个项目" in out, out
    wb = load_workbook(tmp_path / "round" / "专家评分表-甲.xlsx")
    names = {r[1] for r in wb["评分表"].iter_rows(min_row=5, values_only=True) if r[1]}
    assert names == {"遵义甲电商有限公司"}, names


@pytest.mark.parametrize("column, typed", [(0, "撤回"), (3, "遵义乙电商有限公司（已撤回）"), (12, "已撤回"), (13, "已撤回")],
                         ids=["serial", "after-the-name", "city-score", "problem-column"])
def test_a_withdrawal_typed_in_the_row_of_a_hand_typed_table_is_not_counted(tmp_path, capsys, column, typed):
    """A hand-typed 附件4 has no 状态 column: its clerk writes the withdrawal where there is room — in the 序号, after
    the name “（已撤回）”, in the 市州评分, in a 问题 column of their own. Only a 备注 was read: the others were counted as
    valid projects (2100 万元 for the city's 1200; a 市州评分 “已撤回” said only as an unreadable score), exit 0."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append([*PRINTED, "问题"])
    ws.append([1, "遵义市", "红花岗区", "遵义甲电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 1200, 800, 85])
    row = [2, "遵义市", "汇川区", "遵义乙电商有限公司", "地址", "企业", "民企", "业绩", "李四", "0851-2", 900, 300, 80, None]
    row[column] = typed
    ws.append(row)
    city = tmp_path / "遵义市汇总表.xlsx"
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 1 项，年度交易额合计 1200 万元" in out, out
    assert f"写明“{typed}”" in out, out
    (left,) = [r for r in province_rows(province) if r["状态"] == "已撤回"]
    assert left["企业名称"].startswith("遵义乙电商有限公司") and f"写明“{typed}”" in left["问题"], left
    assert "FIELD_AMOUNT" not in left["问题"]


def test_a_project_added_under_a_struck_through_row_is_not_struck_through(tmp_path, capsys):
    """贵阳市 struck out the last project of its table (删除线 on the row). The next refresh added a new application's
    row under it with the look of the row above — struck through too: the province's merge left the new project out
    as crossed out by the city, which never touched it. A new row takes the row above's look without its strike."""
    apps = tmp_path / "贵阳申报表"
    application(apps, "park", "园区.xlsx")
    city = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(city, apps, city="贵阳市", now=T0)
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    last = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == "贵阳黔货出山电子商务产业园")
    for cell in ws[last]:
        cell.font = Font(strike=True)
    wb.save(city)
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    refresh(city, apps, city="贵阳市", now=T1)
    ws = load_workbook(city)["项目汇总表"]
    new = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == "贵州山珍优品电子商务有限公司")
    assert not any(c.font.strike for c in ws[new]), new
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    states = {r["企业名称"]: r["状态"] for r in province_rows(province)}
    assert states["贵州山珍优品电子商务有限公司"] == "有效", states


PART_STRUCK = "企业名称部分文字有删除线，未按撤回处理，请核实"


@pytest.mark.parametrize("fmt", ["xlsx", "xlsx-shared", "ods", "xls"])
def test_a_name_struck_through_in_part_is_pointed_out_on_its_row(tmp_path, capsys, fmt):
    """The city crossed out 遵义乙's former name beside its new one (a strike over part of the text): counted, as
    documented — but nothing said so, and a clerk who meant to withdraw the project by it never learnt it was not.
    The province row's 问题 says it once; a row struck in full and an unstruck one say nothing of it."""
    import zipfile

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from tests.libreoffice import convert

    city = _typed_city(tmp_path / "遵义市汇总表.xlsx")
    wb = load_workbook(city)
    ws = wb.active
    ws["N4"] = None
    runs = ("遵义乙电商有限公司", "（", "原名遵义丙商贸", "）")
    ws["D4"] = CellRichText(*[TextBlock(InlineFont(strike=t == runs[2]), t) for t in runs])
    wb.save(city)
    if fmt in ("ods", "xls"):    # LibreOffice/WPS on a 信创 machine: the struck run a <text:span> of a struck text
        # style; an .xls: the shared string's rich-text runs, each with a FONT record (its fStrikeOut)
        city = convert(city, fmt, tmp_path / fmt)
    elif fmt == "xlsx-shared":     # as Excel saves it: the runs in xl/sharedStrings.xml
        saved = convert(city, "xlsx", tmp_path / "lo")
        with zipfile.ZipFile(saved) as src, zipfile.ZipFile(city, "w") as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item))
    province = tmp_path / "全省.xlsx"
    for _ in range(2):   # merged again (the city's other files came): said once still
        assert main(["merge", str(province), str(city)]) == 0
    capsys.readouterr()
    rows = {r["企业名称"]: r for r in province_rows(province)}
    partly = rows["遵义乙电商有限公司（原名遵义丙商贸）"]
    assert partly["状态"] == "有效" and (partly["问题"] or "").count(PART_STRUCK) == 1, rows
    assert PART_STRUCK not in (rows["遵义甲电商有限公司"]["问题"] or "")
