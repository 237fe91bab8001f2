"""The summary's short ways (issue #14, one file changed among 1000) give what the long ways give.

- plain inline strings read straight from their ``<t>`` (``adapters/xlsx/inline_strings.py``) against
  openpyxl's own ``Text`` on every shape an inline string takes, and on whole summaries;
- openpyxl imported without numpy (``shibai_xl/lean_imports.py``), while pandas and numpy still work;
- a record's resident keys kept as one string (cache, worker processes), read back as the same record, old caches still read.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.text import Text
from openpyxl.worksheet import _reader

from shibai_xl.adapters.xlsx.inline_strings import PlainText
from shibai_xl.engine.summary import KEY_SEPARATOR, SummaryRecord
from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import cache_version, decode_cache, encode_cache
from tests.conftest import name_it

ROOT = Path(__file__).resolve().parents[1]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"


@pytest.mark.parametrize("body", [
    "<t>贵州黔货出山电子商务有限公司</t>",
    "<t/>",
    "",
    '<t xml:space="preserve">  两端有空格  </t>',
    "<t>x005F_x000D_ 转义</t>",
    "<r><t>粗</t></r><r><rPr><b/></rPr><t>体</t></r>",                       # rich-text runs
    '<t>贵阳</t><rPh sb="0" eb="2"><t>guiyang</t></rPh><phoneticPr fontId="1"/>',   # phonetic guide
    "<t>前</t><r><t>后</t></r>",                                            # plain text and a run
], ids=["plain", "empty-t", "empty-is", "spaces", "escape", "runs", "phonetic", "mixed"])
@pytest.mark.parametrize("ns", [NS, STRICT], ids=["transitional", "strict"])
def test_plain_text_is_what_openpyxl_reads(body, ns):
    node = etree.fromstring(f'<is xmlns="{ns}">{body}</is>')
    assert PlainText.from_tree(node).content == Text.from_tree(node).content


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    """A summary made by ``shibai refresh`` from the demo applications (long texts, numbers, 问题, 统计)."""
    d = tmp_path_factory.mktemp("speed")
    assert main(["demo", "--out", str(d / "demo")]) in (0, 1)
    folder = next(p for p in (d / "demo").rglob("*") if p.is_dir() and any(p.glob("*.xlsx")))
    out = d / "汇总表.xlsx"
    assert main(["refresh", str(out), "--from", str(folder), "--batch", "2024-05"]) in (0, 1)
    return out


def _cells(path: Path) -> dict:
    wb = load_workbook(path)
    return {(ws.title, c.coordinate): (c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.value is not None}


def test_a_whole_summary_loads_the_same_either_way(summary, monkeypatch):
    assert _reader.Text is PlainText             # installed by the summary module
    fast = _cells(summary)
    monkeypatch.setattr(_reader, "Text", Text)   # openpyxl's own reader
    slow = _cells(summary)
    assert fast == slow
    assert any(isinstance(v, str) and len(v) > 100 for v, _ in fast.values())   # the long 业绩 texts are there


PROBE = """
import sys
from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import cache_version, decode_cache, encode_cache
code = main(sys.argv[1:])
import openpyxl.compat.numbers as n
print("NUMPY:%s:%s EXIT:%s" % ("numpy" in sys.modules, n.NUMPY, code))
import pandas, numpy
from openpyxl import Workbook
ws = Workbook().active
ws["A1"] = numpy.float64(2.5)
ws["A2"] = float(pandas.Series([1, 2]).sum())
print("PANDAS:%s" % (ws["A1"].value + ws["A2"].value))
"""


def test_a_refresh_loads_openpyxl_without_numpy_and_pandas_still_works(summary, tmp_path):
    folder = summary.parent / "apps"
    folder.mkdir(exist_ok=True)
    assert main(["new", "企业", "--out", str(folder / "企业.xlsx")]) == 0
    name_it(folder / "企业.xlsx")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", PROBE, "refresh", str(tmp_path / "新汇总表.xlsx"), "--from", str(folder)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert "NUMPY:False:False EXIT:" in proc.stdout, proc.stdout + proc.stderr
    assert "PANDAS:5.5" in proc.stdout, proc.stdout + proc.stderr
    assert (tmp_path / "新汇总表.xlsx").exists()


def test_numpy_imported_first_leaves_openpyxl_as_it_is():
    code = "import numpy, shibai_xl, openpyxl.compat.numbers as n; print(n.NUMPY, numpy.int64 in n.NUMERIC_TYPES)"
    proc = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["True", "True"], proc.stderr


def _record(keys: list[str]) -> SummaryRecord:
    return SummaryRecord(file="园区.xlsx", key="915201020000000001", type="park", columns={"企业名称": "某园区"},
                         status="达标", score=88.5, problems=[("XC_RESIDENT_DUP", "warning", "重复")],
                         residents=keys, uscc="915201020000000001")


@pytest.mark.parametrize("keys", [
    ["915201020001000002", "名称:贵州某某电子商务有限公司", "名称:a,b;c"],
    [],
    ["名称:带\x1f分隔符", "915201020001000002"],   # a key holding the separator keeps the list
    [""],                                        # never made (a key is a code or "名称:…"), still kept
], ids=["codes-and-names", "none", "separator", "empty-key"])
def test_cached_resident_keys_read_back_the_same(keys):
    rec = _record(keys)
    entry = rec.to_dict()
    assert isinstance(entry["residents"], list) == (any(KEY_SEPARATOR in k for k in keys) or keys == [""])
    assert SummaryRecord.from_dict(decode_cache(encode_cache({"version": cache_version(), "e": entry}))["e"]) == rec
    assert SummaryRecord.from_dict(pickle.loads(pickle.dumps(entry))) == rec       # a worker process's answer


def test_a_cache_entry_of_the_earlier_format_still_reads():
    rec = _record(["915201020001000002", "名称:某公司"])
    assert SummaryRecord.from_dict({**rec.to_dict(), "residents": list(rec.residents)}) == rec
