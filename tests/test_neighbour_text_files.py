"""Text files beside an application whose 入驻企业名单 is not in it: the check looks among its neighbours for a
separate 附件3 list (a .csv/.txt exported by the park's system). A folder such as 下载 also holds notes, logs and
exports of tens of megabytes, named .txt or .csv: each was decoded character by character in Python and read whole
as a table, so that checking one form there took many seconds and gigabytes. A neighbour is now only read whole
when its first rows hold the 附件3 header.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys

from shibai_xl.adapters.xlsx.resident_list import HEADER_SEARCH_ROWS

LIST_HEADER = ("序号,企业名称,联系人,联系方式,企业网址,所属行业（类型）,从业人数,年度网络交易额（万元）,"
               "年度网络零售额（万元）,备注\n")


def _check_cpu(path) -> tuple[dict, float]:
    """``shibai check PATH --json`` as a user runs it: (its JSON, the CPU seconds of its process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "check", str(path), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _codes(result: dict) -> list[str]:
    return sorted(f["code"] for f in result["findings"])


def test_a_park_beside_big_logs_and_exports_is_checked_as_alone_and_quickly(make_workbook, tmp_path):
    """A park whose list is not in its workbook, beside a 60 MB log (no table at all) and a 60 MB export whose
    columns say 名称 but no 附件3 header: the same answer as alone in its folder, in about the time of one form
    (before: 8.4 s of CPU and
    660 MB of memory here; now 0.8 s and 170 MB)."""
    alone = make_workbook("park", residents=[], name="园区.xlsx")
    baseline, _ = _check_cpu(alone)
    line = "2024-05-20 09:30:00 同步完成，记录 1024 条，耗时 0.35 秒\n"
    (tmp_path / "同步日志.txt").write_text(line * (60_000_000 // len(line.encode())), encoding="utf-8")
    row = "贵州某某商贸有限公司,91520100MA6DXXXX1X,贵阳市观山湖区,存续,2019-03-01\n"
    (tmp_path / "企业登记导出.csv").write_text("企业名称,统一社会信用代码,住所,登记状态,成立日期\n"
                                              + row * (60_000_000 // len(row.encode())), encoding="utf-8")
    beside, cpu = _check_cpu(alone)
    assert _codes(beside) == _codes(baseline) and beside["score"] == baseline["score"]
    assert cpu < 4, f"{cpu:.1f} 秒"


def test_a_list_csv_beside_the_park_is_still_found_with_its_header_under_title_lines(make_workbook, tmp_path):
    """The separate list as exported, with the 附件3 title lines above its header: still this park's list."""
    park = make_workbook("park", residents=[], name="园区.xlsx")
    alone, _ = _check_cpu(park)
    rows = "".join(f"{i},贵州第{i}电子商务有限公司,张三,13800000000,,电商,{5 + i},{100 + i},{50 + i},\n" for i in range(1, 41))
    (tmp_path / "入驻企业名单.csv").write_text("附件3\n入驻企业名单\n填报园区/基地：贵阳黔货出山电子商务产业园\n"
                                              + LIST_HEADER + rows, encoding="utf-8")
    found, _ = _check_cpu(park)
    assert _codes(found) != _codes(alone)
    assert not any(f["code"] == "ELIG_EVIDENCE" and "为空" in f["message"] for f in found["findings"])


def test_a_header_further_down_than_the_search_is_no_list(make_workbook, tmp_path):
    """The bound itself: a text whose 附件3 header comes after a long preamble is not taken for the list (a list's
    header sits under a few title lines)."""
    park = make_workbook("park", residents=[], name="园区.xlsx")
    alone, _ = _check_cpu(park)
    preamble = "说明：名称变更记录\n" * (HEADER_SEARCH_ROWS + 5)
    (tmp_path / "备忘.txt").write_text(preamble + LIST_HEADER + "1,贵州甲电子商务有限公司,张三,13800000000,,电商,8,120,60,\n",
                                       encoding="utf-8")
    assert _codes(_check_cpu(park)[0]) == _codes(alone)
