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


LIST_HEADER = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数", "年度网络交易额（万元）",
               "年度网络零售额（万元）", "备注"]


def test_the_rows_of_a_long_list_are_not_made_label_keys_only_to_be_skipped(tmp_path):
    """The park's own list of 20,000 companies sent beside its form: asked whether it is a form, its rows under the
    附件3 header were each made label keys and then left out (``shibai check`` of the park: 1.51 s of CPU, now
    1.19 s; here making the index took 0.23 s, now 0.01 s); the labels above and below the list are still read, its
    rows still not."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("入驻企业名单")
    ws.append(["填报园区/基地：贵阳黔货出山电子商务产业园"])
    ws.append(LIST_HEADER)
    for i in range(1, ROWS + 1):
        ws.append([i, f"贵州第{i}电子商务有限公司", "张三", "13800000000", None, "直播电商", 5 + i % 50, 100 + i, 50 + i,
                   f"备注{i}"])
    ws.append([])
    ws.append(["联系人：王明"])
    path = tmp_path / "入驻企业名单.xlsx"
    wb.save(path)
    book = open_workbook(path)
    try:
        book.grid("入驻企业名单")        # reading the sheet, not what this test measures
        start = time.process_time()
        index = label_index(book)
        spent = time.process_time() - start
    finally:
        book.close()
    assert "填报园区/基地" in index.cells and "联系人" in index.cells
    assert "直播电商" not in index.cells and "贵州第1电子商务有限公司" not in index.cells
    assert spent < 0.08, f"{spent:.2f} 秒"
