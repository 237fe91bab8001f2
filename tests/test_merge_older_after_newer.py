"""A city's corrected summary merged, then its first version (found later in a mail, copied from last round's
folder) given to a later merge: the province's rows of that city went back to the older figures without a word.
Now a summary saved earlier than the one merged last time, and reporting otherwise, is not merged and said so; the
same content, a later save, or a summary recording no save time is merged as before."""
from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import HEAD
from tests.test_ribbon_actions import Replay, open_remote, remote_engine  # noqa: F401 (the fixture)
from tests.zip_parts import saved_at


def _summary(path, city, rows, saved):
    wb = Workbook()
    ws = wb.active
    ws.append([f"{city}2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, (name, trade) in enumerate(rows, 1):
        ws.append([i, city, "某区", name, "地址", "企业", "民企", "业绩", "张三", "0851-1", trade, 100, 80, ""])
    ws.append(["合计"])
    wb.save(path)
    saved_at(path, saved)
    return path


def _trade(path):
    ws = load_workbook(path)["项目汇总表"]
    head = [c.value for c in ws[3]]
    at = head.index("年度交易额（万元）")
    return {r[3].value: r[at].value for r in ws.iter_rows(min_row=4) if r[3].value and r[1].value}


def test_an_older_summary_after_the_newer_one_is_not_merged_and_is_said(tmp_path, capsys):
    first = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-10T02:00:00Z")
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(fixed)]) == 0
    capsys.readouterr()
    assert _trade(province) == {"甲公司": 1500}
    before = province.read_bytes()

    # alone: nothing to merge, the province table as it was
    assert main(["merge", str(province), str(first)]) == 2
    said = capsys.readouterr()
    text = said.out + said.err
    assert "“遵义市汇总表.xlsx”未合并" in text and "2024-05-10 10:00" in text and "2024-05-20 10:00" in text
    assert "另存为" in text
    assert province.read_bytes() == before

    # beside another city's summary: that one merged, 遵义市's rows still the corrected figures
    guiyang = _summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("丙公司", 300)], "2024-05-21T02:00:00Z")
    assert main(["merge", str(province), str(first), str(guiyang)]) == 0
    out = capsys.readouterr().out
    assert "“遵义市汇总表.xlsx”未合并" in out and "合并：贵阳市 1 项" in out
    assert _trade(province) == {"甲公司": 1500, "丙公司": 300}
    assert "已撤回" not in out


def test_the_same_content_a_later_save_or_no_save_time_is_merged(tmp_path, capsys):
    province = tmp_path / "全省.xlsx"
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    assert main(["merge", str(province), str(fixed)]) == 0
    # a copy of the merged summary saved earlier (the same projects and figures): merged, nothing to say
    copy = _summary(tmp_path / "遵义市汇总表副本.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-01T02:00:00Z")
    assert main(["merge", str(province), str(copy)]) == 0
    assert "未合并" not in capsys.readouterr().out
    # the first version saved again (另存为) after it: the later one now, merged
    again = _summary(tmp_path / "遵义市汇总表-以此为准.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)],
                     "2024-05-25T02:00:00Z")
    assert main(["merge", str(province), str(again)]) == 0
    assert "未合并" not in capsys.readouterr().out
    assert _trade(province) == {"甲公司": 1000, "乙公司": 2000}
    # a summary recording no save time: nothing tells it older, merged as before
    plain = _summary(tmp_path / "遵义市汇总表2.xlsx", "遵义市", [("甲公司", 1200)], None)
    assert main(["merge", str(province), str(plain)]) == 0
    assert "未合并" not in capsys.readouterr().out
    assert _trade(province)["甲公司"] == 1200
    # and then an older one than the 25th: its record was forgotten with the file that had none, merged
    older = _summary(tmp_path / "遵义市汇总表3.xlsx", "遵义市", [("甲公司", 900)], "2024-05-02T02:00:00Z")
    assert main(["merge", str(province), str(older)]) == 0
    assert _trade(province)["甲公司"] == 900


def test_the_merge_button_keeps_the_record_and_leaves_an_older_summary_out(tmp_path, remote_engine):  # noqa: F811
    """合并市州汇总 on the open province table: it records the summary it took in its hidden sheet, and the next
    press with only an older summary of that city in the folder leaves the city's rows as they are, saying why."""
    from shibai_xl.faces import ribbon_actions as R

    province = tmp_path / "全省.xlsx"
    guiyang = _summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("丙公司", 300)], "2024-05-21T02:00:00Z")
    assert main(["merge", str(province), str(guiyang)]) == 0
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    book = open_remote(province)
    R.dispatch("sb_merge", book)
    replay = Replay(book)
    sent = {ref: v for (sheet, ref), v in replay.written.items() if sheet == "_sb_sent"}
    assert any(v == "遵义市" for v in sent.values()) and any("遵义市汇总表（修改版）.xlsx" in str(v) for v in sent.values())

    # the table as the button left it (the command's merge writes the same), then only the first version beside it
    assert main(["merge", str(province), str(guiyang), str(fixed)]) == 0
    fixed.unlink()
    _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-10T02:00:00Z")
    book = open_remote(province)
    R.dispatch("sb_merge", book)
    said = Replay(book).alerts[-1]
    assert "“遵义市汇总表.xlsx”未合并" in said, said


def test_both_versions_given_again_are_merged_as_the_first_time(tmp_path, capsys):
    """The folder a province merges from keeps the first version beside the corrected one: merged again (the button
    reads every summary in the folder at each press), the two are told apart as the first time — a row only the
    first has stays counted and noted, never withdrawn, and nothing is said to be left out."""
    first = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-10T02:00:00Z")
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    province = tmp_path / "全省.xlsx"
    for _ in range(2):
        assert main(["merge", str(province), str(first), str(fixed)]) == 0
        out = capsys.readouterr().out
        assert "未合并" not in out and "已撤回" not in out, out
        assert _trade(province) == {"甲公司": 1500, "乙公司": 2000}


def test_an_earlier_saved_summary_of_other_projects_is_another_send_and_merged(tmp_path, capsys):
    """8月: the city sends the summary of its new projects it had prepared before it sent the corrected May one (saved
    earlier, none of the projects merged): no version of that one, merged; its projects counted beside the others."""
    province = tmp_path / "全省.xlsx"
    may = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    assert main(["merge", str(province), str(may)]) == 0
    new = _summary(tmp_path / "遵义市汇总表（新增）.xlsx", "遵义市", [("丁公司", 700)], "2024-05-15T02:00:00Z")
    assert main(["merge", str(province), str(new)]) == 0
    assert "未合并" not in capsys.readouterr().out
    assert _trade(province) == {"甲公司": 1500, "丁公司": 700}


def test_an_older_summary_after_one_withdrawing_every_project_is_not_merged(tmp_path, capsys):
    """8月 the city withdraws all its projects (“（已撤回）” after each name); the May summary then given again (found
    in a mail) shares no project it reports, but those it withdraws: a version of it, not another send — it took the
    withdrawn rows back to 有效."""
    province = tmp_path / "全省.xlsx"
    may = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-20T02:00:00Z")
    aug = _summary(tmp_path / "遵义市汇总表（8月）.xlsx", "遵义市", [("甲公司（已撤回）", 1000), ("乙公司（已撤回）", 2000)],
                   "2024-08-20T02:00:00Z")
    assert main(["merge", str(province), str(may)]) == 0
    assert main(["merge", str(province), str(aug)]) == 0
    capsys.readouterr()
    before = province.read_bytes()
    assert main(["merge", str(province), str(may)]) == 2
    said = capsys.readouterr()
    assert "“遵义市汇总表.xlsx”未合并" in said.out + said.err
    assert province.read_bytes() == before


def test_a_summary_from_a_pc_whose_clock_says_2019_is_merged(tmp_path, capsys):
    """The August summary (the May projects corrected, a new one) saved on a PC whose clock says 2019: a save time
    before the notice's year is a wrong clock, not an older version — merged; its rows are the city's new data."""
    province = tmp_path / "全省.xlsx"
    may = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000)], "2024-05-20T02:00:00Z")
    assert main(["merge", str(province), str(may)]) == 0
    aug = _summary(tmp_path / "遵义市汇总表（8月）.xlsx", "遵义市", [("甲公司", 1800), ("丙公司", 500)], "2019-03-02T02:00:00Z")
    assert main(["merge", str(province), str(aug)]) == 0
    assert "未合并" not in capsys.readouterr().out
    assert _trade(province) == {"甲公司": 1800, "丙公司": 500}
    # and the May one given again after it: nothing tells it older than a file of no real save time, merged as before
    assert main(["merge", str(province), str(may)]) == 0


def test_an_older_summary_beside_a_later_one_of_its_city_is_left_out(tmp_path, capsys):
    """8月: the city's summary of its new projects given with its May first version (found in a mail; the corrected
    one merged in May is not in this folder): the first version no longer takes 甲公司 back to its first figure nor
    brings back 乙公司, which the corrected one dropped; the new projects are merged. With the corrected one given
    again as well, the three are told apart as versions, as the first time."""
    province = tmp_path / "全省.xlsx"
    first = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-10T02:00:00Z")
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    assert main(["merge", str(province), str(fixed)]) == 0
    aug = _summary(tmp_path / "遵义市汇总表（8月新增）.xlsx", "遵义市", [("丙公司", 300)], "2024-08-01T02:00:00Z")
    capsys.readouterr()
    assert main(["merge", str(province), str(first), str(aug)]) == 0
    out = capsys.readouterr().out
    assert "“遵义市汇总表.xlsx”未合并" in out and "遵义市的各行只按本次给出的其他汇总表更新" in out
    assert "仍是按" not in out
    assert _trade(province) == {"甲公司": 1500, "丙公司": 300}
    assert main(["merge", str(province), str(first), str(fixed), str(aug)]) == 0
    assert "未合并" not in capsys.readouterr().out
    assert _trade(province) == {"甲公司": 1500, "乙公司": 2000, "丙公司": 300}


def test_a_summary_saved_on_a_pc_a_day_ahead_does_not_hold_back_the_correction(tmp_path, capsys):
    """The May summary saved on a PC whose clock is a day ahead, merged; the city corrects a figure on another PC an
    hour later: its save time is before the first one's, yet it is the later — a save time after now is a wrong
    clock, remembered as none, and the correction is merged."""
    ahead = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    now = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    province = tmp_path / "全省.xlsx"
    may = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000)], ahead)
    assert main(["merge", str(province), str(may)]) == 0
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], now)
    assert main(["merge", str(province), str(fixed)]) == 0
    assert "未合并" not in capsys.readouterr().out
    assert _trade(province) == {"甲公司": 1500}


def test_the_merged_summary_sent_again_without_a_save_time_keeps_the_record(tmp_path, capsys):
    """The corrected summary merged; the city sends it again as a file recording no save time (CSV, a program that
    writes none), the same projects and figures; then the first version found in a mail: still left out."""
    province = tmp_path / "全省.xlsx"
    first = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-10T02:00:00Z")
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    again = _summary(tmp_path / "遵义市汇总表（再次报送）.xlsx", "遵义市", [("甲公司", 1500)], None)
    assert main(["merge", str(province), str(fixed)]) == 0
    assert main(["merge", str(province), str(again)]) == 0
    capsys.readouterr()
    assert main(["merge", str(province), str(first)]) == 2
    said = capsys.readouterr()
    assert "“遵义市汇总表.xlsx”未合并" in said.out + said.err
    assert _trade(province) == {"甲公司": 1500}


def test_the_province_table_saved_again_by_libreoffice_keeps_the_record_very_hidden(tmp_path, capsys):
    """The province table opened and saved in LibreOffice between two merges (another folder): its ``_sb_sent`` kept
    (LibreOffice keeps it only hidden); the first version given then is still left out, and the merge hides the
    sheet very again (the same summary merged again: a record changing nothing)."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    first = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-10T02:00:00Z")
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(fixed)]) == 0
    (tmp_path / "另存").mkdir()
    province = convert(tmp_path / "全省.xlsx", "xlsx", tmp_path / "另存")
    assert load_workbook(province)["_sb_sent"].sheet_state == "hidden"
    capsys.readouterr()
    assert main(["merge", str(province), str(first)]) == 2
    said = capsys.readouterr()
    assert "“遵义市汇总表.xlsx”未合并" in said.out + said.err
    assert main(["merge", str(province), str(fixed)]) == 0
    assert _trade(province) == {"甲公司": 1500}
    wb = load_workbook(province)
    assert wb["_sb_sent"].sheet_state == wb["_sb_state"].sheet_state == "veryHidden"


def test_a_send_of_new_projects_only_keeps_the_record_of_the_corrected_one(tmp_path, capsys):
    """12月 the city sends a summary of its new projects only (saved later); then the May first version is given
    (found in a mail): it is still an older version of the corrected May summary, not merged — the record of a city
    keeps each send of other projects, not only its latest file."""
    province = tmp_path / "全省.xlsx"
    first = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000), ("乙公司", 2000)], "2024-05-10T02:00:00Z")
    fixed = _summary(tmp_path / "遵义市汇总表（修改版）.xlsx", "遵义市", [("甲公司", 1500)], "2024-05-20T02:00:00Z")
    dec = _summary(tmp_path / "遵义市汇总表（12月新增）.xlsx", "遵义市", [("戊公司", 300)], "2024-12-01T02:00:00Z")
    assert main(["merge", str(province), str(fixed)]) == 0
    assert main(["merge", str(province), str(dec)]) == 0
    capsys.readouterr()
    assert main(["merge", str(province), str(first)]) == 2
    said = capsys.readouterr()
    assert "“遵义市汇总表.xlsx”未合并" in said.out + said.err and "“遵义市汇总表（修改版）.xlsx”" in said.out + said.err
    assert _trade(province) == {"甲公司": 1500, "戊公司": 300}
    # the 12月 one corrected later: merged, and the record of the May one still kept beside it
    dec2 = _summary(tmp_path / "遵义市汇总表（12月新增，修改）.xlsx", "遵义市", [("戊公司", 350)], "2024-12-05T02:00:00Z")
    assert main(["merge", str(province), str(dec2)]) == 0
    assert main(["merge", str(province), str(first)]) == 2
    assert main(["merge", str(province), str(dec)]) == 2
    assert _trade(province) == {"甲公司": 1500, "戊公司": 350}


def test_two_summaries_in_one_merge_one_from_a_pc_whose_clock_says_2019(tmp_path, capsys):
    """Both the May summary and the August one (from a PC whose clock says 2019, sent an hour after it) given to one
    merge: its 2019 save time does not make it the older; the file dates tell (the August one is the later)."""
    province = tmp_path / "全省.xlsx"
    may = _summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("甲公司", 1000)], "2024-05-20T02:00:00Z")
    aug = _summary(tmp_path / "遵义市汇总表（8月）.xlsx", "遵义市", [("甲公司", 1800), ("丙公司", 500)], "2019-03-02T02:00:00Z")
    os.utime(may, (1724112000, 1724112000))
    os.utime(aug, (1724115600, 1724115600))
    assert main(["merge", str(province), str(may), str(aug)]) == 0
    assert _trade(province) == {"甲公司": 1800, "丙公司": 500}
