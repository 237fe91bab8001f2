"""City summaries as the 市州 bureaus really send them to `shibai merge` (QA, qa30m)."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_summaries_real_world import official, province_rows

GUIYANG = [("南明区", "贵州甲电商有限公司", "企业", "民企", 1200, 800, 85),
           ("云岩区", "贵州乙电商有限公司", "团队", "国企", 600, 300, 80)]
ZUNYI = [("红花岗区", "遵义丙电商有限公司", "园区", "国企", 20000, 3000, 90)]


def test_an_ods_city_summary_reaching_far_is_refused_before_it_is_loaded_and_the_others_are_merged(tmp_path, capsys):
    """An .ods summary with a stray value far below its table (Z200000: 5.2 million cells) made calamine build the
    whole grid (60000 rows × 1024 columns took 1.9 GB and 5 s just to open; more aborts the process): merge had no
    extent check for .ods as it has for .xlsx/.xls/.xlsb. It is refused with the Ctrl+End advice, listed, exit 1,
    and the other city is merged."""
    typed = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG)
    wb = load_workbook(typed)
    wb.active["Z200000"] = "误输入"
    wb.save(typed)
    far = convert(typed, "ods", tmp_path / "ods")
    zunyi = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", ZUNYI)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(far), str(zunyi)]) == 1
    shown = capsys.readouterr()
    said = shown.out + shown.err
    assert "贵阳市汇总表.ods" in said and "Ctrl+End" in said and "第 200000 行" in said, said
    assert "Traceback" not in said
    assert [r["企业名称"] for r in province_rows(province)] == ["遵义丙电商有限公司"]
    assert "贵阳市汇总表.ods" in [r[0] for r in load_workbook(province)["问题文件"].iter_rows(values_only=True)]
