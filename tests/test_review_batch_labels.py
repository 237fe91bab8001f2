"""A 批次 written with Chinese numerals ("五月", "二〇二四年五月") is the round's month: review make lists the project in
its round instead of leaving it out as 属于其他批次 (QA qa25)."""
import pytest

from shibai_xl.engine.review import OTHER_BATCH, batch_month, same_batch, select_projects


@pytest.mark.parametrize("typed, month", [("五月", "2024-05"), ("五月份", "2024-05"), ("二〇二四年五月", "2024-05"),
                                          ("二零二四年八月", "2024-08"), ("十二月", "2024-12"),
                                          ("2024年十一月", "2024-11")])
def test_chinese_numeral_batch_is_its_month(typed, month):
    assert same_batch(batch_month(typed), month)
    other = "2024-08" if month != "2024-08" else "2024-05"
    assert not same_batch(batch_month(typed), other)


def test_a_wuyue_project_is_in_the_may_round(rules):
    def row(name, kind, city, batch):
        return {"企业名称": name, "项目类型": kind, "市（州）": city, "前置条件": "达标", "批次": batch}
    rows = [row("贵阳云岩电子商务有限公司", "企业", "贵阳市", "2024-05"),
            row("遵义播州电子商务有限公司", "企业", "遵义市", "五月"),
            row("遵义汇川直播电商基地", "基地", "遵义市", "八月")]
    projects, skipped = select_projects(rows, rules, "2024-05")
    assert sorted(p.name for p in projects) == sorted(["贵阳云岩电子商务有限公司", "遵义播州电子商务有限公司"])
    assert [(s.name, s.reason) for s in skipped] == [("遵义汇川直播电商基地", OTHER_BATCH)]


@pytest.mark.parametrize("round_id", ["五月", "5月", "5月份"])
def test_a_round_given_as_its_month_alone_picks_that_month_of_the_summary(rules, round_id):
    """``--round 五月`` on a summary whose 批次 are 2024-05 and 2024-08 is the May round: not “没有批次为5月的项目”
    and every batch listed (QA qa27)."""
    def row(name, batch):
        return {"企业名称": name, "项目类型": "企业", "市（州）": "贵阳市", "前置条件": "达标", "批次": batch}
    rows = [row("贵阳云岩电子商务有限公司", "2024-05"), row("贵阳花溪电子商务有限公司", "2024-08")]
    projects, skipped = select_projects(rows, rules, round_id)
    assert [p.name for p in projects] == ["贵阳云岩电子商务有限公司"]
    assert [(s.name, s.reason) for s in skipped] == [("贵阳花溪电子商务有限公司", OTHER_BATCH)]


@pytest.mark.parametrize("typed", ["第二批", "第2批", "第二批次", "2024年第二批"])
def test_a_batch_typed_as_the_second_batch_is_in_the_august_round(rules, typed):
    """The notice's reviews are in May, August and December; a city typed its August projects' 批次 as 第二批: the
    August round left them out as 属于其他批次, so no round ever reviewed them (QA qa31b). 第N批 is the N-th review
    month of the year file."""
    def row(name, batch):
        return {"企业名称": name, "项目类型": "企业", "市（州）": "安顺市", "前置条件": "达标", "批次": batch}
    rows = [row("安顺甲电子商务有限公司", "2024-05"), row("安顺乙电子商务有限公司", typed),
            row("安顺丙电子商务有限公司", "2024-08")]
    projects, skipped = select_projects(rows, rules, "2024-08")
    assert sorted(p.name for p in projects) == ["安顺丙电子商务有限公司", "安顺乙电子商务有限公司"]
    assert [(s.name, s.reason) for s in skipped] == [("安顺甲电子商务有限公司", OTHER_BATCH)]
    assert not same_batch(batch_month(typed), "2024-05")
