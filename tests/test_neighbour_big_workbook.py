"""A big workbook of another department beside an application whose 入驻企业名单 is not in it (a 8 MB ledger of
120,000 rows in 下载): the check asks every neighbour whether it is one of the four forms, comparing the forms'
printed labels with the neighbour's texts. Each label was compared with every distinct text of the workbook, a
prefix at a time (about 600 labels × 900,000 texts): 25 s of CPU for that one neighbour."""
from __future__ import annotations

import time

from openpyxl import Workbook

from shibai_xl.adapters.xlsx.reader import label_index, open_workbook, type_by_labels

ROWS = 20_000


def test_a_ledger_of_many_distinct_texts_is_no_form_and_is_told_so_quickly(tmp_path, rules):
    """``shibai check`` of a park beside that ledger: 25.3 s of CPU before, 7.4 s now (the rest is reading its
    million cells). Here 20,000 rows of distinct texts: which form it shows took 2.4 s; now a few hundredths."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("明细")
    ws.append(["日期", "单位名称", "项目", "经办人", "备注"])
    for i in range(ROWS):
        ws.append([f"2024-05-{i % 28 + 1:02d}", f"贵阳市某某单位{i}", f"采购项目{i}", f"张{i % 50}", f"备注{i * 7919}"])
    path = tmp_path / "财务明细.xlsx"
    wb.save(path)
    book = open_workbook(path)
    try:
        label_index(book)                 # reading the texts, not what this test measures
        start = time.process_time()
        found = type_by_labels(book, rules)
        spent = time.process_time() - start
    finally:
        book.close()
    assert found is None
    assert spent < 0.5, f"{spent:.2f} 秒"
