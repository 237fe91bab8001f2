"""A city's 项目汇总表 through the year's review rounds (notice: 5月、8月、12月前报送一次推荐项目汇总表)."""
from __future__ import annotations

import shutil
from datetime import datetime

from shibai_xl.faces.cli import main
from tests.test_refresh import by_name

MAY, AUG = datetime(2024, 5, 10, 9, 0), datetime(2024, 8, 10, 9, 0)


def test_an_application_moved_into_a_county_folder_and_unreadable_there_keeps_its_row(tmp_path, make_workbook):
    """The clerk sorts the applications into one folder per county; the park's file is still there, only this
    time it cannot be opened (a copy cut short): its row keeps the last data, it is not 已撤回 (README: only a
    deleted application is marked 已撤回)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "enterprise"):
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05", "--city", "贵阳市"]) == 0
    (apps / "南明区").mkdir()
    (apps / "花溪区").mkdir()
    data = (apps / "park.xlsx").read_bytes()
    (apps / "park.xlsx").unlink()
    (apps / "南明区" / "park.xlsx").write_bytes(data[: len(data) // 2])
    shutil.move(apps / "enterprise.xlsx", apps / "花溪区" / "enterprise.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08", "--city", "贵阳市"]) == 1
    got = by_name(summary)
    park = got["贵阳黔货出山电子商务产业园"]
    assert park["状态"] == "有效" and park["问题"].startswith("本次无法读取，保留上次数据")
    assert park["批次"] == "2024-05" and park["年度交易额（万元）"] == 35000
    enterprise = got["贵州山珍优品电子商务有限公司"]
    assert enterprise["来源文件"] == "花溪区/enterprise.xlsx" and enterprise["批次"] == "2024-05"
