"""Reviewer calibration: where each expert's totals sit against the published 去极值平均分,
how far apart the experts are on each project, and the 附件5 items they disagree on most.

An analysis for the review chair before publishing. The published figures (平均分,
去极值平均分, ranks) are those ``review.aggregate`` computed with exact arithmetic; this
module only reads them. pandas does the grouping here (and in ``province_stats``); only
``review collect`` and ``merge`` import these two modules, so ``check``, ``refresh`` and
``new`` start without pandas.

* An expert's deviation on a project is his counted total minus the project's published
  去极值平均分; his mean deviation is taken over the projects where at least two experts'
  totals counted (alone, an expert has nobody to differ from). Positive: scores high.
* A project's spread: highest, lowest, range and (sample) standard deviation of the
  counted totals.
* An item's disagreement, per 项目类型: over the projects of that type where at least two
  experts gave the item a valid score, the mean and largest range and the mean standard
  deviation of those scores; items are listed by mean range as a share of the item's
  points, largest first, and items every expert scored alike are left out. 分歧项目数
  counts the projects whose 分歧指标 name the item.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ..rules import Rules
from . import review as R

EXPERT_COLUMNS = ("专家", "所属市（州）", "评分项目数", "回避项目数", "未计入项目数", "平均总分", "比较项目数", "平均偏差",
                  "平均绝对偏差", "说明")
PROJECT_COLUMNS = ("项目编号", "项目名称", "项目类型", "计入专家数", "去极值平均分", "最高分", "最低分", "极差", "标准差")
ITEM_COLUMNS = ("项目类型", "指标编号", "满分", "比较项目数", "平均极差", "最大极差", "平均标准差", "平均极差占满分",
                "分歧项目数", "指标")
LENIENT, STRICT = "评分最宽松", "评分最严格"


@dataclass
class Calibration:
    """Plain rows (numbers as float or int, None for blank), in the order of the ``*_COLUMNS`` above."""

    experts: list[tuple[Any, ...]] = field(default_factory=list)
    projects: list[tuple[Any, ...]] = field(default_factory=list)
    items: list[tuple[Any, ...]] = field(default_factory=list)
    lenient: str | None = None     # the expert with the largest positive mean deviation
    strict: str | None = None      # the expert with the most negative mean deviation

    def deviation(self, expert: str) -> float | None:
        row = next((r for r in self.experts if r[0] == expert), None)
        return None if row is None else row[EXPERT_COLUMNS.index("平均偏差")]

    def headline(self) -> str:
        """One sentence naming the most lenient and the most strict expert ('' when none differs)."""
        named = [f"{name}平均{word}于去极值平均分 {two_places(abs(self.deviation(name)))} 分"
                 for name, word in ((self.lenient, "高"), (self.strict, "低")) if name]
        return f"专家评分校准（见“评分校准”表）：{'，'.join(named)}。" if named else ""


def two_places(x: float) -> str:
    """An analysis figure in a sentence: two decimals, half up like the published figures."""
    return str(Decimal(repr(x)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _value(x: Any) -> Any:
    """A pandas scalar → a plain Python number (None for NaN); floats rounded off their binary noise."""
    if x is None or pd.isna(x):
        return None
    x = float(x)
    return int(x) if x.is_integer() else round(x, 6)


def _totals(results: Sequence[R.ProjectResult]) -> pd.DataFrame:
    """One row per expert and project whose total counted, with the published 去极值平均分."""
    rows = [{"expert": e.expert, "no": r.project.no, "total": float(e.total),
             "trimmed": float(r.trimmed) if r.trimmed is not None else None, "counted": r.count}
            for r in results for e in r.experts if e.status == R.COUNTED and e.total is not None]
    return pd.DataFrame(rows, columns=["expert", "no", "total", "trimmed", "counted"])


def _expert_rows(results: Sequence[R.ProjectResult], experts: Sequence[str], cities: dict[str, str],
                 totals: pd.DataFrame, unread: Collection[str]) -> tuple[list[tuple[Any, ...]], str | None, str | None]:
    status = pd.DataFrame([{"expert": e.expert, "status": e.status} for r in results for e in r.experts],
                          columns=["expert", "status"])
    counts = status.groupby("expert")["status"].value_counts().unstack(fill_value=0)
    compared = totals[totals["counted"] >= 2].assign(dev=lambda d: d["total"] - d["trimmed"])
    by_expert = compared.groupby("expert").agg(n=("dev", "size"), mean=("dev", "mean"),
                                               mean_abs=("dev", lambda s: s.abs().mean()))
    mean_total = totals.groupby("expert")["total"].mean()
    means = by_expert["mean"]
    # named only for a deviation the sheet shows (two decimals): −0.0033 is 0.00, nobody to name
    lenient = means.idxmax() if len(means) and float(two_places(float(means.max()))) > 0 else None
    strict = means.idxmin() if len(means) and float(two_places(float(means.min()))) < 0 else None
    rows = []
    for name in experts:
        def count(s: str, name: str = name) -> int:
            return int(counts.at[name, s]) if name in counts.index and s in counts.columns else 0

        scored = count(R.COUNTED)
        dev = _value(by_expert.at[name, "mean"]) if name in by_expert.index else None
        if count(R.NOT_RETURNED):   # returned unreadable is not “not submitted”: nobody chases an expert who did
            note = "评分表无法读取" if name in unread else "评分表未提交"
        elif dev is None:
            note = _why_none(scored, count(R.RECUSED), count(R.NOT_COUNTED))
        else:
            word = "高" if dev > 0 else "低"
            note = (f"平均比去极值平均分{word}{two_places(abs(dev))}分" if float(two_places(dev))
                    else "平均与去极值平均分一致")
            note += f"（{LENIENT}）" if name == lenient else (f"（{STRICT}）" if name == strict else "")
        rows.append((name, cities.get(name, ""), scored, count(R.RECUSED), count(R.NOT_COUNTED),
                     _value(mean_total.get(name)), int(by_expert.at[name, "n"]) if name in by_expert.index else 0,
                     dev, _value(by_expert.at[name, "mean_abs"]) if name in by_expert.index else None, note))
    return rows, lenient, strict


def _why_none(scored: int, recused: int, not_counted: int) -> str:
    """Why an expert has no deviation: his own totals (none counted, or he recused from every project), or nobody
    else counted where he did."""
    if scored:
        return "没有可比较的项目（计入评分的专家不足2人）"
    if recused and not not_counted:
        return "回避了全部项目，无从比较"
    return "没有计入的评分（见“评审结果”表的“问题”列），无从比较"


def _project_rows(results: Sequence[R.ProjectResult], totals: pd.DataFrame, rules: Rules) -> list[tuple[Any, ...]]:
    matrix = totals.pivot_table(index="no", columns="expert", values="total", aggfunc="first")
    spread = pd.DataFrame({"high": matrix.max(axis=1), "low": matrix.min(axis=1), "std": matrix.std(axis=1)})
    rows = []
    for r in R.ordered(results):
        p = r.project
        got = spread.loc[p.no] if p.no in spread.index else None
        high, low = (_value(got["high"]), _value(got["low"])) if got is not None else (None, None)
        rows.append((p.no, p.name, rules.types[p.type].short, r.count, R.number_value(r.trimmed), high, low,
                     _value(got["high"] - got["low"]) if got is not None else None,
                     _value(got["std"]) if got is not None else None))
    return rows


def _item_rows(results: Sequence[R.ProjectResult], rules: Rules) -> list[tuple[Any, ...]]:
    scores = pd.DataFrame([{"type": r.project.type, "no": r.project.no, "item": item, "score": v}
                           for r in results for e in r.experts if e.status in (R.COUNTED, R.NOT_COUNTED)
                           for item, v in e.items.items() if v is not None],
                          columns=["type", "no", "item", "score"])
    per_project = scores.groupby(["type", "item", "no"])["score"].agg(["max", "min", "std", "count"])
    per_project = per_project[per_project["count"] >= 2].assign(range=lambda d: d["max"] - d["min"])
    per_item = per_project.groupby(["type", "item"]).agg(n=("range", "size"), mean_range=("range", "mean"),
                                                         max_range=("range", "max"), mean_std=("std", "mean"))
    flagged = Counter((r.project.type, d.split("（")[0]) for r in results for d in r.divergent)
    rows = []
    for t in R.TYPE_ORDER:
        listed = []
        for order, item in enumerate(rules.rubric(t)):
            if (t, item.id) not in per_item.index:
                continue
            got = per_item.loc[(t, item.id)]
            if not got["max_range"]:
                continue   # every expert gave the same score on every project
            share = got["mean_range"] / float(item.points)
            listed.append((-share, order, (rules.types[t].short, item.id, R.number_value(item.points), int(got["n"]),
                                           _value(got["mean_range"]), _value(got["max_range"]), _value(got["mean_std"]),
                                           _value(share), flagged[(t, item.id)], item.label)))
        rows += [row for _, _, row in sorted(listed, key=lambda x: x[:2])]
    return rows


def calibrate(results: Sequence[R.ProjectResult], rules: Rules, experts: Sequence[str],
              cities: dict[str, str] | None = None, unread: Collection[str] = ()) -> Calibration:
    """The three tables of the 评分校准 sheet from the collected results (``review.aggregate``); ``unread``: the
    experts whose workbook was returned but cannot be read (``aggregate``'s ``unreadable``)."""
    totals = _totals(results)
    expert_rows, lenient, strict = _expert_rows(results, experts, cities or {}, totals, set(unread))
    return Calibration(experts=expert_rows, projects=_project_rows(results, totals, rules),
                       items=_item_rows(results, rules), lenient=lenient, strict=strict)
