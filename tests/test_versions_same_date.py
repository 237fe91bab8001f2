"""Two versions whose dates tell nothing: a city's two summaries or an applicant's two forms unpacked from one zip or
copied from one USB stick carry one file date, and a program that saved them in one go (or none at all) one save
time. Which one is counted went by the order the files were given (merge) or by their names' sort order (refresh),
and the terminal said "按较晚保存的…" of a file that was not later. Now the names decide when they say it (终版,
修改版, v2), the same content is one file read once, and otherwise nothing is counted and both files are named."""
from __future__ import annotations

import os

from shibai_xl.faces.cli import main
from tests.test_merge_sheets_and_repeats import _bijie, _projects
from tests.zip_parts import saved_at

T = 1_715_000_000     # one date for every file, as an unzip gives them


def _pair(folder, a: tuple[str, int], b: tuple[str, int], saved: str | None = None):
    folder.mkdir(exist_ok=True)
    paths = []
    for name, trade in (a, b):
        path = _bijie(folder / name, trade)
        saved_at(path, saved)
        os.utime(path, (T, T))
        paths.append(path)
    return paths


def test_a_final_version_beside_the_original_with_one_date_is_counted_whatever_the_order_given(tmp_path, capsys):
    """毕节市汇总表.xlsx (7000) and 毕节市汇总表-终版.xlsx (7500) from one zip, no save time recorded: given one way round
    the merge counted 7500, the other way round 7000 — and said both times "按较晚保存的…（按文件修改时间）"."""
    for i, saved in enumerate((None, "2024-05-01T09:00:00Z")):     # none recorded, or both the same
        first, final = _pair(tmp_path / str(i), ("毕节市汇总表.xlsx", 7000), ("毕节市汇总表-终版.xlsx", 7500), saved)
        for order in ((first, final), (final, first)):
            province = tmp_path / str(i) / f"全省{order[0] == first}.xlsx"
            assert main(["merge", str(province), *map(str, order)]) == 0
            out = capsys.readouterr().out
            (row,) = _projects(province)
            assert row["年度交易额（万元）"] == 7500 and row["来源文件"].startswith("毕节市汇总表-终版.xlsx（"), (order, row)
            assert "文件名注明“终版”" in out and "“毕节市汇总表-终版.xlsx”" in out, out
            assert "文件名注明“终版”" in row["问题"] and "毕节市汇总表.xlsx" in row["问题"], row


def test_a_plain_copy_of_a_city_summary_is_read_once_and_said_to_be_the_same(tmp_path, capsys):
    """“毕节市汇总表 - 副本.xlsx” beside the original, the same bytes: the merge said the copy was "较晚保存的" and that
    the original's project was "被替代"."""
    original, copy = _pair(tmp_path, ("毕节市汇总表.xlsx", 7000), ("毕节市汇总表 - 副本.xlsx", 7000))
    copy.write_bytes(original.read_bytes())
    os.utime(copy, (T, T))
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(original), str(copy)]) == 0
    out = capsys.readouterr().out
    (row,) = _projects(tmp_path / "全省.xlsx")
    assert row["年度交易额（万元）"] == 7000 and "内容相同" in row["问题"] and "副本.xlsx" in row["问题"], row
    assert "内容相同" in out and "较晚保存" not in out and "被替代" not in out, out


def test_two_different_summaries_nothing_tells_apart_are_refused_naming_both(tmp_path, capsys):
    """毕节市汇总表.xlsx and 毕节市汇总表(1).xlsx, one date, different amounts: whichever was given last was counted."""
    a, b = _pair(tmp_path, ("毕节市汇总表.xlsx", 7000), ("毕节市汇总表(1).xlsx", 7500))
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(a), str(b)]) == 2
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert "“毕节市汇总表.xlsx”" in said and "“毕节市汇总表(1).xlsx”" in said and "无法判断" in said, said
    assert "移出" in said and not province.exists()


def test_of_two_summaries_with_one_date_the_one_holding_every_row_of_the_other_is_counted(tmp_path, capsys):
    """The city added a project and resent: both files carry one date and no name says which is later. The one
    holding every project of the other with the same figures, and more, is the later one: nothing is said to be only
    in an earlier file."""
    from openpyxl import load_workbook

    a, b = _pair(tmp_path, ("毕节市汇总表.xlsx", 7000), ("毕节市汇总表 - 副本.xlsx", 7000))
    wb = load_workbook(a)
    wb.active.append([2, "毕节市", "七星关区", "毕节甲产业园", "毕节", "园区", "民企", "业绩", "李", "139", 35000, 4200, 90])
    wb.save(a)
    saved_at(a, None)
    os.utime(a, (T, T))
    for order in ((a, b), (b, a)):
        province = tmp_path / f"全省{order[0] == a}.xlsx"
        assert main(["merge", str(province), *map(str, order)]) == 0
        out = capsys.readouterr().out
        rows = _projects(province)
        assert {r["来源文件"].split("（")[0] for r in rows} == {"毕节市汇总表.xlsx"} and len(rows) == 2, rows
        assert "包含" in out and "较早" not in "".join(r["问题"] or "" for r in rows), out


def _forms(apps, make_workbook, a: tuple[str, int], b: tuple[str, int]):
    """Two forms of one application with one 填表时间, saved in one go and unpacked with one date."""
    from tests.conftest import example

    apps.mkdir(exist_ok=True)
    paths = []
    for name, trade in (a, b):
        path = make_workbook("enterprise", example("enterprise", sb_trade_total=trade)).rename(apps / name)
        saved_at(path, "2024-04-20T02:00:00Z")
        os.utime(path, (T, T))
        paths.append(path)
    return paths


def test_refresh_and_check_take_the_form_whose_name_says_final_when_the_dates_tell_nothing(tmp_path, make_workbook,
                                                                                          capsys):
    """申报表.xlsx (2600) and 申报表-终版.xlsx (3000): the refresh took whichever name sorted last — the original — and
    said "文件修改时间较晚" of two files of one date."""
    from tests.test_versions_of_one_application import refreshed_one

    apps = tmp_path / "申报表"
    _forms(apps, make_workbook, ("申报表.xlsx", 2600), ("申报表-终版.xlsx", 3000))
    row, said, _ = refreshed_one(tmp_path, apps, capsys)
    assert row["来源文件"] == "申报表-终版.xlsx" and row["年度交易额（万元）"] == 3000, row
    assert "文件名注明“终版”" in row["问题"] and "文件名注明“终版”" in said and "修改时间较晚" not in said, said
    assert main(["check", str(apps)]) == 0
    assert "采用“申报表-终版.xlsx”" in capsys.readouterr().out


def test_refresh_reads_a_plain_copy_of_a_form_once_and_says_it_is_the_same(tmp_path, make_workbook, capsys):
    from tests.test_refresh import rows

    apps = tmp_path / "申报表"
    original, copy = _forms(apps, make_workbook, ("申报表.xlsx", 2600), ("申报表 - 副本.xlsx", 2600))
    copy.write_bytes(original.read_bytes())
    os.utime(copy, (T, T))
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    (row,) = rows(summary)
    assert "内容相同" in row["问题"] and "内容相同" in said and "修改时间较晚" not in said, said


def test_refresh_refuses_two_different_forms_nothing_tells_apart_and_check_says_so(tmp_path, make_workbook, capsys):
    """申报表.xlsx (2600) and 申报表(1).xlsx (3000), one 填表时间, one date, no name saying which is later: the refresh
    summarised whichever name sorted last. It now changes nothing and names both; check says it on each file."""
    apps = tmp_path / "申报表"
    _forms(apps, make_workbook, ("申报表.xlsx", 2600), ("申报表(1).xlsx", 3000))
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 2
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert "“申报表.xlsx”" in said and "“申报表(1).xlsx”" in said and "无法判断" in said and "移出" in said, said
    assert not summary.exists()
    assert main(["check", str(apps)]) == 0
    out = capsys.readouterr().out
    assert "无法判断" in out and "采用" not in out, out


def test_a_second_refresh_with_nothing_new_counts_the_versions_the_dates_tell_apart(tmp_path, make_workbook, capsys):
    """申报表.xlsx and 申报表(1).xlsx told apart by their file dates: a refresh with nothing new to read still counts
    them as one application (it looks at the dates as the refresh that wrote the table did)."""
    apps = tmp_path / "申报表"
    _a, b = _forms(apps, make_workbook, ("申报表.xlsx", 2600), ("申报表(1).xlsx", 3000))
    os.utime(b, (T + 60, T + 60))
    summary = tmp_path / "汇总表.xlsx"
    for _ in range(2):
        assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    assert "未变 1 行" in capsys.readouterr().out


def test_a_city_summary_sent_as_xlsx_and_as_xls_with_the_same_rows_is_read_once(tmp_path, capsys):
    """The city saved its summary twice, as .xlsx and as .xls, and sent both: the same rows, the amounts read as
    7000 from one and 7000.0 from the other. They are one summary, read once, not two versions."""
    from tests.libreoffice import convert

    original = _bijie(tmp_path / "毕节市汇总表.xlsx", 7000)
    old = convert(original, "xls", tmp_path / "xls")
    for path in (original, old):
        os.utime(path, (T, T))
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(original), str(old)]) == 0
    out = capsys.readouterr().out
    assert "内容相同" in out and "被替代" not in out, out


def test_a_version_named_as_corrected_but_saved_earlier_is_said_so(tmp_path, make_workbook, capsys):
    """The original was opened and saved again after 遵义市汇总表(修改版).xlsx was made (Excel asks to save on closing):
    its save time is the later, and it is counted — the documented rule — but nothing told the clerk that the file
    named 修改版 lost to it. The terminal and the rows now say so (merge and refresh alike)."""
    from tests.test_refresh import rows

    original, corrected = _pair(tmp_path / "m", ("毕节市汇总表.xlsx", 7000), ("毕节市汇总表(修改版).xlsx", 7500),
                                "2024-05-01T00:00:00Z")
    saved_at(original, "2024-05-10T09:00:00Z")
    saved_at(corrected, "2024-05-08T09:00:00Z")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(original), str(corrected)]) == 0
    out = capsys.readouterr().out
    (row,) = _projects(province)
    assert row["年度交易额（万元）"] == 7000
    assert "文件名注明“修改”的“毕节市汇总表(修改版).xlsx”保存时间反而较早" in out, out
    assert "文件名注明“修改”的“毕节市汇总表(修改版).xlsx”保存时间反而较早" in row["问题"], row
    apps = tmp_path / "申报表"
    first, fixed = _forms(apps, make_workbook, ("申报表.xlsx", 2600), ("申报表(修改版).xlsx", 3000))
    saved_at(first, "2024-04-25T02:00:00Z")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    (row,) = rows(summary)
    assert row["年度交易额（万元）"] == 2600
    assert "文件名注明“修改”的“申报表(修改版).xlsx”保存时间反而较早" in row["问题"], row
    assert "文件名注明“修改”的“申报表(修改版).xlsx”保存时间反而较早" in said, said


def test_versions_with_names_in_gbk_go_by_their_dates(tmp_path, make_workbook, capsys):
    """A zip made on Chinese Windows unpacked on 统信 UOS: the file names are GBK bytes, labelled as Windows showed
    them. The refresh looked for their dates under those labels, found no file, and took the two versions for
    undated: their names decided (or, naming nothing, the refresh stopped), though the files' dates told."""
    from tests.test_refresh import rows

    apps = tmp_path / "申报表"
    a, b = _forms(apps, make_workbook, ("申报表.xlsx", 2600), ("申报表-张三.xlsx", 3000))
    gbk = {}
    for path, when in ((a, T + 60), (b, T)):       # the first one is the later by its date
        moved = path.with_name(os.fsdecode(path.name.encode("gbk")))
        path.rename(moved)
        os.utime(moved, (when, when))
        gbk[path.name] = moved
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (row,) = rows(summary)
    assert row["来源文件"] == "申报表.xlsx" and row["年度交易额（万元）"] == 2600, row
    assert "文件修改时间较晚" in row["问题"], row


def test_a_copy_of_the_later_summary_beside_it_and_an_earlier_one(tmp_path, capsys):
    """The later summary and its copy (one date, unzipped together) beside the city's earlier summary: the copy is
    read once, the later one counted, the earlier one's project replaced — not an internal error."""
    later, copy = _pair(tmp_path, ("毕节市汇总表(5月).xlsx", 7500), ("毕节市汇总表(5月) - 副本.xlsx", 7500))
    copy.write_bytes(later.read_bytes())
    earlier = _bijie(tmp_path / "毕节市汇总表.xlsx", 7000)
    saved_at(earlier, None)
    for path, when in ((later, T + 60), (copy, T + 60), (earlier, T)):
        os.utime(path, (when, when))
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(earlier), str(later), str(copy)]) == 0
    out = capsys.readouterr().out
    assert [r["年度交易额（万元）"] for r in _projects(tmp_path / "全省.xlsx")] == [7500]
    assert "内容相同" in out and "被替代 1 项" in out and "按较晚保存的“毕节市汇总表(5月).xlsx”" in out, out


def test_refresh_takes_the_later_form_whose_copy_lies_beside_it(tmp_path, make_workbook, capsys):
    """申报表-修改.xlsx and its copy (one date) beside the earlier 申报表.xlsx: the refresh would stop, taking the two
    copies for two versions nothing tells apart. The copy is the same form: the later one is summarised."""
    from tests.test_refresh import rows

    apps = tmp_path / "申报表"
    earlier, later = _forms(apps, make_workbook, ("申报表.xlsx", 2600), ("申报表(1).xlsx", 3000))
    copy = apps / "申报表(1) - 副本.xlsx"
    copy.write_bytes(later.read_bytes())
    for path, when in ((earlier, T), (later, T + 60), (copy, T + 60)):
        os.utime(path, (when, when))
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (row,) = rows(summary)
    assert row["年度交易额（万元）"] == 3000 and "内容相同" in row["问题"] and "文件修改时间较晚" in row["问题"], row


def test_two_summaries_saved_half_a_minute_apart_with_one_date_go_by_the_save_time(tmp_path, capsys):
    """The city fixed one amount and saved again 30 seconds later, then zipped both: one file date, no name saying
    which is later. A minute is too close for the save time to outrank the files' dates, but with the dates equal
    it still tells: the merge refused instead of counting the later save."""
    a, b = _pair(tmp_path, ("毕节市汇总表.xlsx", 7000), ("毕节市汇总表(1).xlsx", 7500), "2024-05-10T09:00:00Z")
    saved_at(a, "2024-05-10T09:00:30Z")
    saved_at(b, "2024-05-10T09:00:00Z")
    for path in (a, b):
        os.utime(path, (T, T))
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(b), str(a)]) == 0
    out = capsys.readouterr().out
    assert [r["年度交易额（万元）"] for r in _projects(tmp_path / "全省.xlsx")] == [7000]
    assert "按较晚保存的“毕节市汇总表.xlsx”（工作簿内记录的保存时间 2024-05-10 17:00" in out, out
