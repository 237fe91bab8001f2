"""Command-line options as clerks type them from the README (Windows cmd, a colleague's instructions): the forms
people really write for one value give the same result, and a value that is surely wrong is refused — exit 2,
nothing written, a Chinese message naming the option and the form expected (never argparse's English, never a
traceback)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.filled_cache import example_files

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def apps(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("options")
    example_files(base)
    return base / "申报表"


def _batches(summary: Path) -> set:
    ws = load_workbook(summary).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if "批次" in r)
    col = rows[head].index("批次")
    return {r[col] for r in rows[head + 1:] if r[1] and r[col]}


def _refused(code: int, err: str, option: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and CJK.search(err) and option in err, err


# notice 一、申报时间 “2024年4月-12月”; 三、(三) reviews in 5月、8月、12月 — a batch is a month of the year's window
@pytest.mark.parametrize("typed", ["2024-05", "2024年5月", "5月", "五月", "2024.5", "202405", "2024-5", "2024/05",
                                   "２０２４－０５", "2024年5月份", "第一批"])
def test_a_batch_typed_as_people_write_may_is_stored_as_one_month(typed, apps, tmp_path, capsys):
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", typed]) == 0, capsys.readouterr()
    assert _batches(summary) == {"2024-05"}


@pytest.mark.parametrize("typed", ["2024-13", "2024-00", "2023-05", "2025-05", "2024-03", "", "  ", "第四批", "abc",
                                   "2024年13月", "13月"])
def test_a_batch_no_review_round_can_match_is_refused(typed, apps, tmp_path, capsys):
    summary = tmp_path / "汇总表.xlsx"
    code = main(["refresh", str(summary), "--from", str(apps), "--batch", typed])
    _refused(code, capsys.readouterr().err, "--batch")
    assert not summary.exists()


@pytest.fixture(scope="module")
def summary(apps, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("summary") / "汇总表.xlsx"
    assert main(["refresh", str(out), "--from", str(apps), "--batch", "2024-05", "--city", "贵阳市"]) == 0
    return out


@pytest.mark.parametrize("typed", ["2024-13", "2024-00", "2023-05", "13月", "第四批"])
def test_a_round_that_is_no_month_of_the_notice_is_refused(typed, summary, tmp_path, capsys):
    rdir = tmp_path / "评审"
    code = main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--round", typed])
    _refused(code, capsys.readouterr().err, "--round")
    assert not rdir.exists()


def test_a_round_typed_two_ways_is_the_same_round(summary, tmp_path, capsys):
    said = []
    for typed in ("2024-05", "5月", "2024年5月"):
        rdir = tmp_path / typed.replace("/", "-")
        assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--round", typed]) == 0
        said.append(capsys.readouterr().out.replace(str(rdir), "DIR"))
    assert said[0] == said[1] == said[2] and "评审轮次 2024-05" in said[0]


def test_experts_separated_by_spaces_are_several_experts(summary, tmp_path, capsys):
    """``--experts "张三 李四 王五"`` (spaces, as a name list is typed on a command line) made one expert called
    “张三 李四 王五” with one workbook; a name padded inside (“张  三”, how a two-character name is aligned) stays one."""
    from shibai_xl.engine.review import parse_expert_cities, split_experts

    assert split_experts("张三 李四　王五") == ["张三", "李四", "王五"]
    assert split_experts("张  三") == ["张  三"] and split_experts("张三, 李 四") == ["张三", "李 四"]
    assert parse_expert_cities("张三=贵阳 李四＝遵义市", ["张三", "李四"]) == {"张三": "贵阳市", "李四": "遵义市"}
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "张三 李四 王五",
                 "--expert-cities", "张三=贵阳 李四=遵义市", "--round", "2024-05"]) == 0, capsys.readouterr()
    assert sorted(p.name for p in rdir.glob("专家评分表-*.xlsx")) == [
        "专家评分表-张三.xlsx", "专家评分表-李四.xlsx", "专家评分表-王五.xlsx"]


@pytest.fixture(scope="module")
def scored_round(summary, tmp_path_factory) -> Path:
    rdir = tmp_path_factory.mktemp("collect") / "评审"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--round", "2024-05"]) == 0
    return rdir


def test_a_pass_line_typed_with_its_unit_is_that_score(scored_round, tmp_path, capsys):
    """``--pass-line 60分`` (as the notice's tables write a score) was an argparse usage error; it is 60, as ``60`` is,
    and ``--trim-min 5人`` is 5."""
    said = []
    for line, trim in (("60", "5"), ("60分", "5人"), ("６０ 分", "５")):
        out = tmp_path / f"结果{len(said)}.xlsx"
        code = main(["review", "collect", str(scored_round), "--out", str(out), "--pass-line", line, "--trim-min", trim])
        said.append((code, capsys.readouterr().out.replace(str(out), "OUT")))
    assert said[0] == said[1] == said[2] and "分数线 60 分" in said[0][1]


@pytest.mark.parametrize("option, typed", [("--pass-line", "nan"), ("--pass-line", "inf"), ("--pass-line", "150"),
                                           ("--pass-line", "六十"), ("--trim-min", "5.5"), ("--trim-min", "abc")])
def test_a_pass_line_no_project_can_reach_is_refused(option, typed, scored_round, tmp_path, capsys):
    """NaN and infinity were taken (“达到分数线 NaN 分的 0 个”), and a line above every 附件5 total (100, 120 for parks
    and bases) shortlisted nobody without a word."""
    out = tmp_path / "结果.xlsx"
    try:
        code = main(["review", "collect", str(scored_round), "--out", str(out), option, typed])
    except SystemExit as e:     # a usage error: with the usage
        code = e.code
    err = capsys.readouterr().err
    assert code == 2 and option in err and CJK.search(err) and "Traceback" not in err, err
    assert not re.search(r"argument|invalid|could not|nan|inf", err.replace(f"“{typed}”", ""), re.I), err
    assert not out.exists()


@pytest.mark.parametrize("typed, kind", [("园区申报表", ("application", "park")),
                                         ("电商示范企业申报表", ("application", "enterprise")),
                                         ("电商直播团队申报表", ("application", "team")),
                                         ("电商示范直播基地申报表", ("application", "base")),
                                         ("园区评分表", ("rubric", "park")), ("评分表-园区", ("rubric", "park")),
                                         # typed with a Chinese IME left in full width
                                         ("ｐａｒｋ", ("application", "park")), ("ＴＥＡＭ", ("application", "team")),
                                         ("ｒｕｂｒｉｃ－ｂａｓｅ", ("rubric", "base")), ("ｓｕｍｍａｒｙ", ("summary", None))])
def test_new_takes_the_names_of_the_template_files(typed, kind, tmp_path, capsys):
    """README hands out workbooks/电商示范企业申报表.xlsx …; ``shibai new 电商示范企业申报表`` (or 园区申报表) was
    不认识的类型."""
    from shibai_xl.jobs.new_workbook import resolve_kind

    assert resolve_kind(typed) == kind
    assert main(["new", typed, "--out", str(tmp_path / "表.xlsx")]) == 0, capsys.readouterr()


@pytest.mark.parametrize("typed", ["评分表", "申报表", "parkk", "园区企业申报表x"])
def test_new_still_refuses_what_names_no_type(typed, tmp_path, capsys):
    assert main(["new", typed, "--out", str(tmp_path / "表.xlsx")]) == 2
    _refused(2, capsys.readouterr().err, "不认识的类型")


@pytest.mark.parametrize("command", [["new", "企业"], ["review", "collect", "评审"]])
@pytest.mark.parametrize("out", ["企业申报表", "企业申报表.xls"])
def test_an_out_file_without_xlsx_is_refused_naming_the_option_and_the_name_to_type(command, out, tmp_path, capsys,
                                                                                    monkeypatch):
    """“输出文件请使用 .xlsx 扩展名” named neither --out nor the name typed; the clerk is now told what to type."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "评审").mkdir()
    code = main([*command, "--out", out])
    err = capsys.readouterr().err
    _refused(code, err, "--out")
    assert f"“{out}”" in err and "企业申报表.xlsx" in err.replace(out + "”", ""), err


@pytest.mark.parametrize("out", [".", "..", "./"])
def test_an_out_naming_the_current_folder_is_not_told_to_become_a_dot_xlsx(out, tmp_path, capsys, monkeypatch):
    """``shibai new 企业 --out .`` (the folder meant, "here") was told “请写成例如 --out ..xlsx”: a name of dots that
    Explorer hides the stem of. The example is a name to type, as for a folder given as --out."""
    monkeypatch.chdir(tmp_path)
    code = main(["new", "企业", "--out", out])
    err = capsys.readouterr().err
    _refused(code, err, "--out")
    assert "..xlsx" not in err and "--out 生成的工作簿.xlsx" in err, err


@pytest.mark.parametrize("argv", [
    ["check", ""], ["check", "", "--json"], ["check", "  "],
    ["refresh", "汇总表.xlsx", "--from", ""],
    ["merge", "全省.xlsx", ""],
    ["review", "make", "", "--from", "汇总表.xlsx", "--experts", "甲"],
    ["review", "collect", "", "--out", "结果.xlsx"],
    ["demo", "--out", ""],
])
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(argv, apps, tmp_path, capsys, monkeypatch):
    """A script's empty variable (``shibai check "%1" --json`` run without a file, ``--from "$DIR"`` unset) gave
    "" — which Python takes for the current folder: the command checked or summarised whatever the folder it was
    started in holds (a user's home, recursively) and wrote there (the expert workbooks of ``review make ""``).
    An empty path is now a usage error: exit 2, nothing read or written, the argument named in Chinese."""
    import shutil

    shutil.copytree(apps, tmp_path / "申报表")
    monkeypatch.chdir(tmp_path / "申报表")
    before = sorted(p.name for p in Path.cwd().rglob("*"))
    with pytest.raises(SystemExit) as done:
        main(argv)
    err = capsys.readouterr()
    assert done.value.code == 2 and not err.out.strip(), err
    assert "Traceback" not in err.err and "为空" in err.err, err.err
    assert sorted(p.name for p in Path.cwd().rglob("*")) == before


def test_new_says_how_to_write_each_rubric_kind(tmp_path, capsys):
    """`shibai new 评分表 --out …` was refused with “rubric-park 等（评分表）”, and `shibai new -h` said the same: a clerk
    wanting the team's 附件5 评分表 was not told it is rubric-team (or 评分表-直播团队) (QA qa45d)."""
    from shibai_xl.jobs.new_workbook import resolve_kind

    assert main(["new", "评分表", "--out", str(tmp_path / "表.xlsx")]) == 2
    said = capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["new", "-h"])
    helped = capsys.readouterr().out
    for text in (said, helped):
        assert "rubric-park/base/enterprise/team" in text and "评分表-园区" in text, text
    assert resolve_kind("rubric-team") == ("rubric", "team") and resolve_kind("评分表-直播团队") == ("rubric", "team")


def test_a_folder_typed_with_a_backslash_before_its_closing_quote_is_the_folder(apps, tmp_path, capsys, monkeypatch):
    """On Windows ``shibai check "D:\\申报 材料\\"`` reaches the program as ``D:\\申报 材料"``: the C runtime takes
    ``\\"`` for a quote typed in the path. The folder was said not to exist; it is the folder meant, checked."""
    import shutil

    shutil.copytree(apps, tmp_path / "申报 材料")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "申报 材料\""])
    out = capsys.readouterr()
    assert code in (0, 1) and "不存在" not in out.err and "份申报表" in out.out + out.err, out


@pytest.mark.parametrize("argv", [
    ["check", "申报 材料\" --json"],
    ["refresh", "汇总表.xlsx", "--from", "申报 材料\" --batch 5月"],
])
def test_arguments_swallowed_by_a_backslash_quote_are_refused_with_the_fix(argv, apps, tmp_path, capsys, monkeypatch):
    """``--from "D:\\申报 材料\\" --batch 5月`` reaches the program as ONE argument ``D:\\申报 材料" --batch 5月`` (the
    quote never closes): the options typed after it are lost. Refused (exit 2, nothing written), saying to drop the
    backslash before the quote — never read as a folder named so, never a summary made without the batch."""
    import shutil

    shutil.copytree(apps, tmp_path / "申报 材料")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main(argv)
    err = capsys.readouterr().err
    assert done.value.code == 2 and "引号" in err and "反斜杠" in err and "Traceback" not in err, err
    assert not (tmp_path / "汇总表.xlsx").exists()
