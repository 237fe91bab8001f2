"""A city's 项目汇总表 holding WPS's 嵌入单元格图片, refreshed by the clerk (QA qa72a): a picture pasted into 企业名称 of
a row typed by hand is said as a picture and counted as no project; the pictures WPS keeps in its own part
(``xl/cellimages.xml``) stay in the summary the refresh saves, so WPS still shows them."""
from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
import zipfile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from shibai_xl.engine.parse.text import PICTURE_SAID
from tests.libreoffice import convert
from tests.wps_cell_images import CELL_IMAGE_REL, CELL_IMAGE_TYPE, PNG, with_wps_pictures
from tests.zip_parts import rewrite


def _refresh(summary, folder) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "refresh", str(summary), "--from", str(folder),
                           "--batch", "2024-08", "--city", "黔东南州"], capture_output=True, text=True)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    return done


def _summary(make_workbook, tmp_path):
    """(the city's summary refreshed from one application, the folder, the table's header row and columns)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    summary = tmp_path / "黔东南州汇总表.xlsx"
    _refresh(summary, apps)
    ws = load_workbook(summary)["项目汇总表"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    return summary, apps, header, {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}


def _typed_row(summary, row: int, cols: dict, name: str | None) -> None:
    """A project the clerk types by hand on ``row`` of the table."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    for title, value in (("县区", "凯里市"), ("企业名称", name), ("项目类型", "示范企业"), ("企业性质", "民企"),
                         ("年度交易额（万元）", 3000), ("年度网络零售额（万元）", 1000)):
        ws.cell(row, cols[title]).value = value
    wb.save(summary)


def _stats_text(summary) -> str:
    return " ".join(str(v) for r in load_workbook(summary)["统计"].iter_rows(values_only=True) for v in r if v is not None)


def test_a_picture_pasted_for_a_typed_name_is_said_and_not_counted(make_workbook, tmp_path):
    """The clerk types a project under the table in WPS and pastes the business licence's screenshot into its 企业名称:
    the refresh counted a 企业 named “=_xlfn.DISPIMG(…)” on 统计 (未检查 1), exit 0, nothing said. The row is said as a
    picture, left out of 统计 (which says it is incomplete), and the refresh exits 1, as the province's merge does."""
    summary, apps, header, cols = _summary(make_workbook, tmp_path)
    row = header + 2
    _typed_row(summary, row, cols, "占位")
    with_wps_pictures(summary, "项目汇总表", [f"{get_column_letter(cols['企业名称'])}{row}"])
    done = _refresh(summary, apps)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert f"第{row}行的企业名称{PICTURE_SAID}，没有文字" in said and "未计入统计" in said, said   # the one wording
    assert "DISPIMG" not in said and f"第{row}行有金额等数据但没有企业名称" not in said, said
    assert "（计入统计）" not in said and "其中 1 行企业名称是图片，未计入统计" in said, said   # typed under the table
    stats = _stats_text(summary)
    assert "未检查" not in stats and f"第{row}行的企业名称{PICTURE_SAID}" in stats, stats
    assert "DISPIMG" not in stats, stats


def test_a_typed_project_named_in_text_is_still_counted(make_workbook, tmp_path):
    """The same row with its name typed as text: counted on 统计, nothing said of pictures."""
    summary, apps, header, cols = _summary(make_workbook, tmp_path)
    _typed_row(summary, header + 2, cols, "凯里市某某电子商务有限公司")
    done = _refresh(summary, apps)
    assert "图片" not in done.stdout + done.stderr
    assert "未检查" in _stats_text(summary)


def test_wps_pictures_in_the_summary_are_kept_by_the_refresh(make_workbook, tmp_path):
    """A clerk places pictures (the 市州评分 signed, a screenshot for a 企业名称) in the summary in WPS, then refreshes:
    the save dropped WPS's part ``xl/cellimages.xml``, every picture lost (only said, with the ``.bak``). The saved
    summary keeps the part, its images, the workbook's relationship and content type, so WPS shows them again; the
    loss is no longer said; LibreOffice opens the file."""
    summary, apps, header, cols = _summary(make_workbook, tmp_path)
    row = header + 2
    _typed_row(summary, row, cols, "占位")
    refs = [f"{get_column_letter(cols['企业名称'])}{row}", f"{get_column_letter(cols['市州评分'])}{header + 1}"]
    with_wps_pictures(summary, "项目汇总表", refs)
    before = zipfile.ZipFile(summary).read("xl/cellimages.xml")
    done = _refresh(summary, apps)
    said = done.stdout + done.stderr
    assert "没有保留" not in said and ".bak" not in said, said
    assert f"第{header + 1}行市州评分是嵌入单元格的图片" in said, said   # still no figure for the merge
    with zipfile.ZipFile(summary) as z:
        assert z.read("xl/cellimages.xml") == before
        rels = z.read("xl/_rels/cellimages.xml.rels").decode()
        images = re.findall(r'Target="([^"]+)"', rels)
        assert len(images) == 2 and all(z.read(posixpath.join("xl", t)) == PNG for t in images), rels
        assert CELL_IMAGE_REL in z.read("xl/_rels/workbook.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        assert f'PartName="/xl/cellimages.xml" ContentType="{CELL_IMAGE_TYPE}"' in types, types
        assert 'Extension="png"' in types, types
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("DISPIMG(") == 2, sheet
    # a second refresh (nothing new) keeps them all the same
    _refresh(summary, apps)
    assert zipfile.ZipFile(summary).read("xl/cellimages.xml") == before
    out = tmp_path / "lo"
    shutil.copy(summary, tmp_path / "again.xlsx")
    assert convert(tmp_path / "again.xlsx", "ods", out, recalc=False).exists()   # LibreOffice opens and saves it


def test_pictures_excel_saved_are_still_said_lost(make_workbook, tmp_path):
    """Saved by Excel, WPS's file has the DISPIMG cells without WPS's part (Excel drops it): nothing to keep, the
    loss said as before."""
    summary, apps, header, cols = _summary(make_workbook, tmp_path)
    _typed_row(summary, header + 2, cols, "凯里市某某电子商务有限公司")   # a change: the refresh saves
    with_wps_pictures(summary, "项目汇总表", [f"{get_column_letter(cols['市州评分'])}{header + 1}"])
    rewrite(summary, summary, lambda name, data: None if "cellimages" in name else data)
    said = _refresh(summary, apps).stdout
    assert "1 个嵌入单元格的图片（WPS）没有保留" in said, said


def test_pictures_with_a_damaged_part_are_said_lost_and_the_refresh_goes_on(make_workbook, tmp_path):
    """WPS's part of pictures with its relationships cut short (a file copied half): nothing kept of it, the loss said
    as before, the summary refreshed all the same (not refused for a part of WPS's own)."""
    summary, apps, header, cols = _summary(make_workbook, tmp_path)
    _typed_row(summary, header + 2, cols, "凯里市某某电子商务有限公司")
    with_wps_pictures(summary, "项目汇总表", [f"{get_column_letter(cols['市州评分'])}{header + 1}"])
    rewrite(summary, summary, lambda name, data: data[:40] if name == "xl/_rels/cellimages.xml.rels" else data)
    done = _refresh(summary, apps)
    assert "1 个嵌入单元格的图片（WPS）没有保留" in done.stdout, done.stdout + done.stderr
    assert "xl/cellimages.xml" not in zipfile.ZipFile(summary).namelist()


def test_wps_pictures_in_the_province_table_are_kept_by_the_merge(tmp_path):
    """The province's staff place a picture (an expert's note) in a cell of the province table in WPS and merge a
    city again: the merge's save kept no picture (WPS's part dropped, only said). It keeps them."""
    from shibai_xl.faces.cli import main
    from tests.test_merge_picture_names import GUIYANG
    from tests.test_summaries_real_world import official

    city = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    ws = load_workbook(province).worksheets[0]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value == "联系人")
    with_wps_pictures(province, ws.title, [f"{get_column_letter(column)}{header + 1}"])
    before = zipfile.ZipFile(province).read("xl/cellimages.xml")
    official(city, "贵阳市项目汇总表", "贵阳市", [*GUIYANG, ("花溪区", "贵州丙电商有限公司", "企业", "民企", 900, 500, 82)])
    main(["merge", str(province), str(city)])
    with zipfile.ZipFile(province) as z:
        assert z.read("xl/cellimages.xml") == before
        assert CELL_IMAGE_REL in z.read("xl/_rels/workbook.xml.rels").decode()
    assert "贵州丙电商有限公司" in {r[3] for r in load_workbook(province).worksheets[0].iter_rows(values_only=True)}
