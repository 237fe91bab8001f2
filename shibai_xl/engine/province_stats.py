"""Province statistics for the 统计 sheet of ``shibai merge``: per 市（州） and 项目类型, the sums of
年度交易额 and 年度网络零售额 (万元, as in 附件4), the 前置条件 split and the mean 自动评分 and
市州评分, with a 小计 per 市（州） and the province total.

pandas does the grouping (``pivot_table``); only ``merge`` imports this module, so ``check``,
``refresh`` and ``new`` start without pandas. An amount or score left blank or not a number
is not counted in its sum or mean (the sum of a group with none is blank, not 0); a
自动评分 counts only where the tool checked the application (前置条件 filled in).

>>> t = province_table([ProjectFigures("遵义市", "企业", "达标", 100, 80, 70, None),
...                     ProjectFigures("贵阳市", "园区", "待定", 30000, None, 90, 85)])
>>> for row in t.rows: print(row[:5])
('贵阳市', '园区', 1, 30000, None)
('贵阳市', '小计', 1, 30000, None)
('遵义市', '企业', 1, 100, 80)
('遵义市', '小计', 1, 100, 80)
('全省合计', '', 2, 30100, 80)
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..rules import Status, load
from . import fields as F

STATUSES = Status.verdicts()
UNCHECKED = "未检查"
SUBTOTAL, TOTAL = "小计", "全省合计"


@dataclass(frozen=True)
class ProjectFigures:
    """One project row of the province table; numbers already parsed (None: blank or not a number)."""

    city: str
    type: str
    status: str
    trade: float | None        # 年度交易额（万元）
    retail: float | None       # 年度网络零售额（万元）
    auto: float | None         # 自动评分
    city_score: float | None   # 市州评分
    trade_bound: bool = False  # the 年度交易额 is a lower bound ("3000万以上" written as 3000): its sums are at least
    retail_bound: bool = False


AMOUNT_SUMS = {"trade": "年度交易额合计（万元）", "retail": "年度网络零售额合计（万元）"}


@dataclass
class ProvinceTable:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    bounded: set[tuple[int, str]] = field(default_factory=set)   # (row index, column) of sums adding a lower bound
    bounds: int = 0            # projects with an amount that is a lower bound


def _value(x: Any) -> Any:
    """A figure for the sheet; None (left blank) when there is none, or when a sum went beyond what a number holds
    (amounts typed absurdly large: their own rows say so)."""
    if x is None or pd.isna(x):
        return None
    x = float(x)
    if not math.isfinite(x):
        return None
    return int(x) if x.is_integer() else round(x, 6)


def _nothing(city: str, kind: str, statuses: Sequence[str]) -> tuple[Any, ...]:
    """The row of a city (or a province) with no project: counts 0, sums and means blank."""
    return (city, kind, 0, None, None, *(0 for _ in statuses), None, None, 0)


def _order(values: Sequence[str], first: Sequence[str]) -> list[str]:
    return sorted(values, key=lambda v: (first.index(v) if v in first else len(first), v))


def _figures(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Counts, sums, 前置条件 split and means per group of ``keys`` (a sum beyond what a number holds is infinite,
    without numpy's English warning on the user's screen)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _grouped_figures(df, keys)


def _grouped_figures(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = df.groupby(keys, sort=False)
    out = grouped.agg(n=("status", "size"), trade=("trade", lambda s: s.sum(min_count=1)),
                      retail=("retail", lambda s: s.sum(min_count=1)), auto=("auto", "mean"),
                      city_score=("city_score", "mean"), scored=("city_score", "count"),
                      trade_bound=("trade_bound", "any"), retail_bound=("retail_bound", "any"))
    split = df.pivot_table(index=keys, columns="status", values="one", aggfunc="sum", fill_value=0)
    return out.join(split)


def province_table(projects: Sequence[ProjectFigures], reported: Collection[str] = ()) -> ProvinceTable:
    """Figures per 市（州） and 项目类型, a 小计 per city and the 合计. ``reported``: cities that sent a summary (or have
    rows, all withdrawn): one with no project left is a 小计 of 0, not missing — a reader tells "reported none" from
    "did not report"."""
    df = pd.DataFrame([vars(p) for p in projects], columns=list(ProjectFigures.__dataclass_fields__))
    df["status"] = df["status"].where(df["status"].isin(STATUSES), UNCHECKED)
    df["auto"] = df["auto"].where(df["status"] != UNCHECKED)
    df["one"], df["all"] = 1, TOTAL
    for col in ("trade", "retail", "auto", "city_score"):
        df[col] = pd.to_numeric(df[col], errors="coerce")
    for col in AMOUNT_SUMS:   # a bound counts where its amount does
        df[f"{col}_bound"] = df[f"{col}_bound"].fillna(False).astype(bool) & df[col].notna()
    statuses = list(STATUSES) + ([UNCHECKED] if (df["status"] == UNCHECKED).any() else [])
    columns = ("市（州）", "项目类型", "项目数", "年度交易额合计（万元）", "年度网络零售额合计（万元）", *statuses,
               "自动评分平均", "市州评分平均", "市州已评分项目数")
    table = ProvinceTable(columns, bounds=int((df["trade_bound"] | df["retail_bound"]).sum()))
    counted = set(df["city"])
    empty = [c for c in reported if c and c not in counted]
    if df.empty:
        if empty:
            table.rows += [_nothing(c, SUBTOTAL, statuses) for c in _order(empty, F.CITIES)]
            table.rows.append(_nothing(TOTAL, "", statuses))
        return table
    by_type, by_city, total = _figures(df, ["city", "type"]), _figures(df, ["city"]), _figures(df, ["all"])
    type_order = tuple(t.short for t in load().types.values())   # 园区, 基地, 企业, 团队

    def row(city: str, kind: str, got: pd.Series) -> tuple[Any, ...]:
        table.bounded |= {(len(table.rows), name) for col, name in AMOUNT_SUMS.items() if got[f"{col}_bound"]}
        return (city, kind, int(got["n"]), _value(got["trade"]), _value(got["retail"]),
                *(int(got.get(s, 0)) for s in statuses), _value(got["auto"]), _value(got["city_score"]),
                int(got["scored"]))

    for city in _order([*df["city"].unique(), *empty], F.CITIES):
        if city in empty:
            table.rows.append(_nothing(city, SUBTOTAL, statuses))
            continue
        for kind in _order(df.loc[df["city"] == city, "type"].unique(), type_order):
            table.rows.append(row(city, kind, by_type.loc[(city, kind)]))
        table.rows.append(row(city, SUBTOTAL, by_city.loc[city]))
    table.rows.append(row(TOTAL, "", total.loc[TOTAL]))
    return table
