"""Formulas a clerk types into the label columns (序号, 市（州）, 县区, 企业名称) of the city's 项目汇总表: a count
=COUNTA(D4:D9) on the 合计 row, =COUNTIF(F4:F9,"基地") on a line under it. The refresh reads the formula's text, the
province's merge the number Excel saved for it: both read a count, no project."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_refresh_clerk_edits import apps  # noqa: F401


def _counts_under_the_table(summary, project_row: bool = False) -> int:
    """A 合计 row (序号 合计, 企业名称 =COUNTA, amounts =SUM) and under it =COUNTIF in 企业名称 (with a project's
    县区, 项目类型 and amount when ``project_row``); the row of the =COUNTIF."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column_letter for c in ws[3] if c.value}
    last = max(r for r in range(4, ws.max_row + 1) if ws[f"{header['企业名称']}{r}"].value)
    d, f, k = header["企业名称"], header["项目类型"], header["年度交易额（万元）"]
    ws[f"A{last + 1}"] = "合计"
    ws[f"{d}{last + 1}"] = f"=COUNTA({d}4:{d}{last})"
    ws[f"{k}{last + 1}"] = f"=SUM({k}4:{k}{last})"
    ws[f"{d}{last + 2}"] = f'=COUNTIF({f}4:{f}{last},"基地")'
    if project_row:
        ws[f"{header['县区']}{last + 2}"], ws[f"{f}{last + 2}"], ws[f"{k}{last + 2}"] = "南明区", "基地", 3000
    wb.save(summary)
    return last + 2


def _merged(tmp_path, summary, capsys) -> tuple[int, str, list]:
    """The merge of the city summary as Excel saves it (LibreOffice's recalculation: each formula's result saved)."""
    saved = convert(summary, "xlsx", tmp_path / "saved")
    capsys.readouterr()
    code = main(["merge", str(tmp_path / "全省.xlsx"), str(saved)])
    out = capsys.readouterr()
    ws = load_workbook(tmp_path / "全省.xlsx")["项目汇总表"]
    names = [c.value for c in ws["D"][3:] if c.value]
    return code, out.out + out.err, names


def test_a_count_typed_under_the_total_row_is_no_project_to_refresh_or_merge(tmp_path, apps, capsys):  # noqa: F811
    """Before: the refresh said the =COUNTIF line was a project typed under the 合计 row the merge would count, and
    exited 1; the merge of the summary as Excel saved it counted a project named "2"."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    row = _counts_under_the_table(summary)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    err = capsys.readouterr().err
    assert "合计行、填报人行之下" not in err and f"第{row}行" not in err
    code, said, names = _merged(tmp_path, summary, capsys)
    assert code == 0 and "贵阳市 4 项" in said and "合计行" not in said
    assert len(names) == 4 and 2 not in names and "2" not in names


def test_a_projects_row_with_a_count_for_its_name_is_said_by_refresh_and_merge(tmp_path, apps, capsys):  # noqa: F811
    """A row with a 县区, 项目类型 and amount whose 企业名称 is a formula: no name to count it under, said by both (it
    was said by the refresh as a project the merge would count; now the merge's reading)."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    row = _counts_under_the_table(summary, project_row=True)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    out = capsys.readouterr()
    assert f"第{row}行有金额等数据但没有企业名称" in out.out
    assert f"没有企业名称，未计入统计，结果不完整（退出码 1）：第{row}行" in out.err
    code, said, names = _merged(tmp_path, summary, capsys)
    assert code == 1 and f"第{row}行）：这一行有金额等数据但没有企业名称" in said and len(names) == 4


def test_names_that_are_references_to_another_sheet_keep_their_text_for_the_merge_after_a_refresh(tmp_path, capsys):
    """A summary whose 企业名称 are =名单!B4 … (built from references to a list sheet), typed by hand. Before: the
    refresh saved it without the formulas' results and the province's merge read every name blank — "7 行缺企业名称",
    no project counted. Now saved with the text Excel (here LibreOffice's recalculation) shows."""
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    from tests.test_summaries_real_world import application

    wb = Workbook()
    ws = wb.active
    ws.title = "项目汇总表"
    names = wb.create_sheet("名单")
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
               "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    for i, (name, kind) in enumerate((("贵阳甲电商产业园", "园区"), ("贵州乙&丙电子商务有限公司", "企业")), start=3):
        names[f"B{i}"] = name
        ws.append([i - 2, "贵阳市", "南明区", f"=名单!B{i}", "地址", kind, "民企", "业绩", "张三", "0851-1", 3000, 900, None])
    summary = tmp_path / "贵阳市汇总表.xlsx"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    assert load_workbook(summary)["项目汇总表"]["D3"].value == "=名单!B3"     # the clerk's formula kept
    recalculated = convert(summary, "xlsx", tmp_path / "lo")
    saved, calc = ([row[3] for row in CalamineWorkbook.from_path(str(p)).get_sheet_by_name("项目汇总表").to_python()[2:4]]
                   for p in (summary, recalculated))
    assert saved == calc == ["贵阳甲电商产业园", "贵州乙&丙电子商务有限公司"]
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary)]) == 0
    assert "贵阳市 3 项" in capsys.readouterr().out


def test_counts_in_a_summary_are_saved_with_the_results_libreoffice_computes(tmp_path, apps, capsys):  # noqa: F811
    """=COUNTA / =COUNT / =COUNTIF with a plain text or number criterion: a refresh saves them with their result (a
    reader computing nothing saw blank where Excel shows 4); each equal to LibreOffice's recalculation. A wildcard,
    <> or a text compared by > gets no result rather than a guess."""
    from python_calamine import CalamineWorkbook

    summary, later = tmp_path / "贵阳市汇总表.xlsx", tmp_path / "team.xlsx"
    (apps / "team.xlsx").rename(later)      # its application arrives later: the refresh writes the summary
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    row = _counts_under_the_table(summary) + 1
    wb = load_workbook(summary)
    header = {c.value: c.column_letter for c in wb["项目汇总表"][3] if c.value}
    f, k = (f"项目汇总表!{header[n]}4:{header[n]}{row - 3}" for n in ("项目类型", "年度交易额（万元）"))
    side = wb.create_sheet("核对")
    side["B1"], side["B2"] = "Base", "x"
    computed = [f'=COUNTIF({f},"园区")', f'=COUNTIF({f},"=基地")', f'=COUNTIF({k},">1000")', f'=COUNTIF({k},"<=780")',
                f"=COUNTIF({k},780)", f"=COUNT({k})", f"=COUNTA({f})+COUNT({k})*10", '=COUNTIF(B1:B2,"base")']
    guessed = [f'=COUNTIF({f},"基*")', f'=COUNTIF({f},"<>基地")', f'=COUNTIF({f},">基地")', "=COUNT(1,2)"]
    for i, formula in enumerate(computed + guessed, start=1):
        side[f"A{i}"] = formula
    wb.save(summary)
    later.rename(apps / "team.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    recalculated = convert(summary, "xlsx", tmp_path / "lo")
    saved, calc = ({n: CalamineWorkbook.from_path(str(p)).get_sheet_by_name(n).to_python(skip_empty_area=False)
                    for n in ("项目汇总表", "核对")} for p in (summary, recalculated))
    d = ord(header["企业名称"]) - ord("A")
    assert [saved["项目汇总表"][r - 1][d] for r in (row - 1, row)] == [calc["项目汇总表"][r - 1][d] for r in (row - 1, row)]
    assert saved["项目汇总表"][row - 2][d] == 4.0
    column = [r[0] for r in saved["核对"]] + [""] * len(guessed)
    assert column[:len(computed)] == [r[0] for r in calc["核对"][:len(computed)]] and not any(column[len(computed):])


def test_names_made_references_to_a_list_sheet_are_not_said_to_differ_from_their_applications(tmp_path, apps, capsys):  # noqa: F811
    """The clerk turned the 企业名称 of the applications' rows into =名单!B4 … showing the same names. Before: every row
    was XC_SUMMARY_MISMATCH 企业名称汇总表为“=名单!B4” (the formula's text); now the text it shows is compared: the
    same name is no mismatch, another one is said as shown."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    ws, names = wb["项目汇总表"], wb.create_sheet("名单")
    header = {c.value: c.column_letter for c in ws[3] if c.value}
    rows = [r for r in range(4, ws.max_row + 1) if ws[f"{header['来源文件']}{r}"].value]
    for r in rows:
        names[f"B{r}"] = ws[f"{header['企业名称']}{r}"].value
        ws[f"{header['企业名称']}{r}"] = f"=名单!B{r}"
    names[f"B{rows[0]}"] = "贵州另一家电子商务有限公司"
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    said = [ws[f"{header['问题']}{r}"].value or "" for r in rows]
    assert "企业名称汇总表为“贵州另一家电子商务有限公司”" in said[0]
    assert not any("企业名称汇总表为" in s for s in said[1:])
    assert ws[f"{header['企业名称']}{rows[1]}"].value == f"=名单!B{rows[1]}"     # the clerk's reference kept
