"""What the add-ins' message boxes tell a clerk to do next: the button to press or the cell to fill, never an option
of the command line (--round, --from) the ribbon has no way to give — while ``shibai`` at the terminal still names
its options. The jobs report what happened; each face words the next step its own way (jobs/next_steps.py)."""
from __future__ import annotations

import shutil
import types

from openpyxl import load_workbook

from shibai_xl.faces import ribbon_actions as R
from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import refresh

from .test_merge_review_rounds import city
from .test_review import ENT_LPS, ENT_TR, PARK_BJ, _set_batches, build_summary
from .test_ribbon_actions import NOW, WithCom, open_remote, remote_engine  # noqa: F401 (the fixture)
from .test_ribbon_actions import Replay as _Replay


def _said(book) -> str:
    return _Replay(book).alerts[-1]


def _ask(monkeypatch, answer: str = "甲") -> None:
    """The experts typed; a question with an answer offered (专家评分表's 批次: the latest) taken with 确定."""
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": default or answer)


def _city_summary(tmp_path, demo_folder):
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    return summary


def test_review_make_in_excel_names_no_round_option_and_says_the_collect_button(tmp_path, monkeypatch):
    """专家评分表 on a summary kept over the year (several 批次): Excel's box said "没有指定评审轮次（--round），按最新的
    批次" and "运行 shibai review collect" — the ribbon has no round to give and no terminal. It says the latest batch
    was taken and that 汇总专家评分 collects the scores; the command line still names --round and its command."""
    summary = build_summary(tmp_path / "汇总")
    _set_batches(summary, {ENT_LPS: "2024年8月", ENT_TR: 202408, PARK_BJ: None})
    _ask(monkeypatch)
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    said = _said(book)
    assert "为 1 位专家生成评分表" in said and "按最新的批次" in said, said
    assert "--" not in said and "shibai" not in said and "汇总专家评分" in said, said


def test_collect_from_an_experts_workbook_without_the_summary_names_no_from_option(tmp_path, demo_folder,
                                                                                     monkeypatch):
    """汇总专家评分 clicked in an expert's 评分表 after the 项目汇总表 was renamed: Excel's box (and the result's
    评审说明 sheet it wrote) said "请用 --from 指定当前的项目汇总表后重新汇总". It says to click the button in the
    current 项目汇总表, which is read again then."""
    summary = _city_summary(tmp_path, demo_folder)
    _ask(monkeypatch, "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    summary.rename(summary.with_name("项目汇总表（改）.xlsx"))
    expert = next((tmp_path / R.REVIEW_FOLDER).glob("专家评分表-甲*.xlsx"))
    book = open_remote(expert)
    R.dispatch("sb_review_collect", book)
    said = _said(book)
    assert "未找到生成评分表时的项目汇总表" in said and "--from" not in said, said
    assert "打开当前的项目汇总表" in said and "汇总专家评分" in said, said
    notes = [c for row in load_workbook(tmp_path / "专家评审结果.xlsx")["评审说明"].iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert any("打开当前的项目汇总表" in c for c in notes) and not any("--from" in c for c in notes), notes


def test_merge_in_excel_names_no_round_option_for_a_late_batch(tmp_path):
    """合并市州汇总 with a project a city sends late (its 批次 before the province's latest): Excel's box said "之后的轮次
    （--round）只列入本轮批次的项目". The same words without the option; the command line keeps it."""
    province = tmp_path / "全省项目汇总表.xlsx"
    december = [("播州区", "遵义丙电商有限公司", "企业", 2500, "2024-12", "达标")]
    assert main(["merge", str(province), str(city(tmp_path / "遵义市汇总表.xlsx", "遵义市", december))]) == 0
    city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("西秀区", "安顺甲电商有限公司", "企业", 1800, "2024-05", "达标")])
    book = open_remote(province)
    R.dispatch("sb_merge", book)
    said = _said(book)
    assert "安顺甲电商有限公司" in said and "之后的轮次只列入本轮批次的项目" in said and "--round" not in said, said


def test_review_make_in_a_summary_whose_table_was_renamed_says_the_refresh_button(tmp_path, demo_folder, monkeypatch):
    """专家评分表 in a summary whose table was renamed (表1, the tool's name lost): Excel's box said "请指定 shibai refresh
    或 shibai merge 生成的…项目汇总表". Its projects are read by the 附件4 header (what people have is read, as merge
    reads it), and the box says the table is missing and to click 刷新汇总表 to have the tool's summary again."""
    summary = _city_summary(tmp_path, demo_folder)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    table = ws.tables.pop("sb_summary")
    table.name = table.displayName = "表1"
    ws.add_table(table)
    wb.save(summary)
    _ask(monkeypatch)
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    said = _said(book)
    assert "为 1 位专家生成评分表" in said and "按附件4的表头行读取" in said, said
    assert "没有本工具的项目汇总表表格" in said and "shibai" not in said and "刷新汇总表" in said, said


def test_a_file_open_in_excel_is_refused_in_excel_without_saying_to_use_the_excel_ribbon(tmp_path, demo_folder,
                                                                                         monkeypatch, capsys):
    """专家评分表 while 专家评分表-甲.xlsx is open in Excel (its lock file beside it): the box in Excel said "请先关闭该
    文件再操作，或在 Excel 中使用“十百千万”选项卡直接处理" — what the clerk was doing. Excel says to close it; the
    command line still offers the ribbon."""
    summary = _city_summary(tmp_path, demo_folder)
    folder = tmp_path / R.REVIEW_FOLDER
    folder.mkdir()
    (folder / "~$专家评分表-甲.xlsx").write_bytes(b"x")
    _ask(monkeypatch)
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    said = _said(book)
    assert "专家评分表-甲.xlsx" in said and "请先关闭该文件" in said and "选项卡" not in said, said
    assert main(["review", "make", str(folder), "--from", str(summary), "--experts", "甲"]) != 0
    assert "或在 Excel 中使用“十百千万”选项卡直接处理" in capsys.readouterr().err


def test_review_make_with_an_application_open_and_unsaved_in_excel_asks_to_save_it(tmp_path, demo_folder,
                                                                                    monkeypatch):
    """专家评分表 takes each project's suggested score from its application's saved file: one corrected in Excel and
    not saved gave the old score without a word. Excel tells which workbooks have unsaved changes: the application is
    named, nothing is written; another folder's unsaved workbook does not stop it."""
    summary = _city_summary(tmp_path, demo_folder)
    app_file = next((tmp_path / "申报表").glob("*.xlsx"))
    book = open_remote(summary)
    unsaved = WithCom(open_remote(app_file), Saved=False)
    unsaved.fullname = str(app_file)
    other = WithCom(open_remote(summary), Saved=False)
    other.fullname = str(tmp_path.parent / "别处" / "预算.xlsx")
    alerts = []
    _ask(monkeypatch)

    def excel(*books):
        return types.SimpleNamespace(books=[WithCom(book, Saved=True), *books], status_bar="", api=None,
                                     alert=lambda text, **kw: alerts.append(text), engine=book.app.engine)
    R.dispatch("sb_review_make", book, excel(unsaved, other))
    assert app_file.name in alerts[-1] and "未保存" in alerts[-1] and "专家评分表" in alerts[-1], alerts[-1]
    assert not (tmp_path / R.REVIEW_FOLDER).exists()
    R.dispatch("sb_review_make", book, excel(other))
    assert "为 1 位专家生成评分表" in alerts[-1], alerts[-1]


def test_refresh_in_excel_of_a_handmade_summary_with_the_templates_title_says_to_type_the_city(tmp_path, demo_folder):
    """刷新汇总表 in a 附件4 typed by hand under the printed title "XX市（州）…" (taken over into the tool's summary beside
    it): Excel's box said "或刷新时加上 --city（例如 --city 贵阳市）" — the ribbon has no --city. It says to change the
    title; the command line keeps --city."""
    from openpyxl import Workbook

    from shibai_xl.rules import load

    from .test_summaries_real_world import PRINTED

    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    wb = Workbook()
    wb.active.append([load().titles.summary_for()])
    wb.active.append(PRINTED)
    wb.save(summary := tmp_path / "项目汇总表.xlsx")
    shutil.copy(summary, tmp_path / "cli.xlsx")
    book = open_remote(summary)
    R.dispatch("sb_refresh", book)
    said = _said(book)
    assert "标题中的“XX市（州）”改为本市（州）名称" in said and "--city" not in said, said
    assert "--city 贵阳市" in refresh(tmp_path / "cli.xlsx", tmp_path / "申报表").describe()


def test_collect_in_excel_over_a_workbook_of_the_results_name_says_to_move_it(tmp_path, demo_folder, monkeypatch):
    """汇总专家评分 where the folder already holds a “专家评审结果.xlsx” the tool did not make (a clerk's own table): the
    box said "请给评审结果另起一个文件名，例如：shibai review collect 评审文件夹 --out 评审结果.xlsx" — the button
    always writes that name. It says to rename or move that file; it is not touched."""
    from openpyxl import Workbook

    summary = _city_summary(tmp_path, demo_folder)
    _ask(monkeypatch, "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    Workbook().save(own := tmp_path / "专家评审结果.xlsx")
    before = own.read_bytes()
    book = open_remote(summary)
    R.dispatch("sb_review_collect", book)
    said = _said(book)
    assert "不是本工具生成的评审结果" in said and "--out" not in said and "shibai" not in said, said
    assert "改名或移到别处" in said and own.read_bytes() == before, said


def test_merge_in_excel_over_a_workbook_of_the_provinces_name_says_to_move_it(tmp_path, demo_folder):
    """合并市州汇总 in a city's summary where the folder holds a 全省项目汇总表.xlsx that is no provincial table (a
    clerk's own): the box said "请换一个文件名" — the button always writes that name. It says to rename or move it."""
    from openpyxl import Workbook

    summary = _city_summary(tmp_path, demo_folder)
    Workbook().save(own := tmp_path / R.PROVINCE_FILE)
    before = own.read_bytes()
    book = open_remote(summary)
    R.dispatch("sb_merge", book)
    said = _said(book)
    assert "不是本工具生成的全省汇总表" in said and "改名或移到别处" in said and "shibai" not in said, said
    assert own.read_bytes() == before


def test_refresh_in_excel_of_a_handmade_summary_on_several_sheets_names_no_command(tmp_path, capsys):
    """刷新汇总表 in a 附件4 typed by hand with one sheet per 项目类型: Excel's box ended "或者给 shibai refresh 一个新的
    文件名，新建汇总表后把市州评分抄过去" — the ribbon has no file name to give. It says only to gather the rows on one
    sheet; the command line keeps its command."""
    from openpyxl import Workbook

    from .test_adopt_layouts import UPPER
    from .test_summaries_real_world import application

    wb = Workbook()
    wb.remove(wb.active)
    for kind, name in (("园区", "遵义甲电商产业园"), ("基地", "遵义丙直播基地")):
        ws = wb.create_sheet(kind)
        ws.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
        ws.append([1, "遵义市", "汇川区", name, "地址", kind, "民企", "业绩", "张三", "0851-1", 1000, 100])
    wb.save(summary := tmp_path / "遵义市汇总表.xlsx")
    application(tmp_path / "申报表", "base", "基地.xlsx", sb_city="遵义市", sb_name="遵义丙直播基地")
    book = open_remote(summary)
    R.dispatch("sb_refresh", book)
    said = _said(book)
    assert "项目分在几个工作表中" in said and "shibai" not in said, said
    assert "“遵义市汇总表.xlsx”" in said and "十百千万汇总表" not in said, said   # the open book, not the removed copy
    code = main(["refresh", str(summary), "--from", str(tmp_path / "申报表")])
    assert code == 2 and "或者给 shibai refresh 一个新的文件名" in capsys.readouterr().err
