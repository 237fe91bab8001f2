"""``review make`` run again in a round folder the experts have returned their books to — to reissue one expert's
book — where an expert renamed his returned book (“乙-已评完.xlsx”): it is his scored book, kept, never called another
list's book, and no blank book is issued beside it."""
from __future__ import annotations

import shutil

from shibai_xl.jobs import review

from .test_review import NOW, scored_round


def test_a_returned_book_renamed_by_its_expert_is_kept_and_no_blank_one_issued_beside_it(tmp_path):
    """乙 returned his scored book as “乙-已评完.xlsx”; 丙's book was moved out to be reissued, and the round made again
    with the same experts. Make issued a blank 专家评分表-乙.xlsx beside 乙's scored book and said “本次的评审安排没有
    列入这些专家（乙-已评完.xlsx）” of an expert it had just listed. 乙's renamed book is now his, kept as it is."""
    rdir = scored_round(tmp_path)
    (rdir / "专家评分表-乙.xlsx").rename(rdir / "乙-已评完.xlsx")
    shutil.move(rdir / "专家评分表-丙.xlsx", tmp_path / "丙-移出.xlsx")
    report = review.make(rdir, tmp_path / "汇总" / "项目汇总表.xlsx", ["甲", "乙", "丙"], expert_cities="甲=贵阳市,乙=遵义",
                         round_id="2024-05", now=NOW)
    said = report.describe()
    assert not (rdir / "专家评分表-乙.xlsx").exists(), said
    assert (rdir / "专家评分表-丙.xlsx").exists()
    assert "乙（遵义市）：乙-已评完.xlsx" in said and sorted(report.kept) == ["乙", "甲"], said
    assert "没有列入这些专家" not in said and "不属于本次名单" not in said, said
    collected = review.collect(rdir, tmp_path / "结果.xlsx", now=NOW).describe()
    assert "专家乙的另一份评分表" not in collected, collected
