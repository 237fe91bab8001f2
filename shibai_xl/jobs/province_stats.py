"""The figures block of the province 统计 sheet (``shibai merge``): the merged table's rows →
sums, 前置条件 split and mean scores per 市（州） and 项目类型 (``engine.province_stats``, pandas),
written beside the count table, clear of its chart. Imported by ``merge`` only."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.workbook.workbook import Workbook

from ..adapters.xlsx.summary_book import WITHDRAWN, SummaryBook
from ..adapters.xlsx.summary_bounds import typed_bound
from ..adapters.xlsx.summary_stats import OWN_TABLE, UNKNOWN_TYPE, figures_block, mark_passed_over, mark_unreported, nameless_rows
from ..engine import fields as F
from ..engine.parse import number
from ..engine.parse.text import normalize
from ..engine.province_stats import ProjectFigures, province_table
from ..engine.review import city_name
from ..engine.row_marks import condition_verdict
from ..engine.summary import AMOUNT_COLUMNS, marked_bound
from ..engine.summary_amounts import amount_in_wan, bound_in_wan
from ..engine.summary_table import SCOPE_COLUMN, most_marks, row_city, type_short

TRADE, RETAIL = AMOUNT_COLUMNS


def _number(raw: Any, most: float | None = None) -> float | None:
    """A score as typed ("85分" is 85); None when none can be read or it lies outside 0…``most`` (said on its row)."""
    p = number.parse_score(raw)
    if not p.ok or p.value is None or (most is not None and not 0 <= p.value <= most):
        return None
    return float(p.value)


def _type(raw: Any) -> str:
    """园区/基地/企业/团队 however it was typed (示范园区 …); a type nobody can read stays as typed; a blank one is
    类型未识别, as in the count table (a blank label is the look of a 小计 row)."""
    return type_short(raw) or normalize(raw) or UNKNOWN_TYPE


def _city(raw: Any) -> str:
    """The 市（州） a row names, as the 所属市（州） field reads it (贵阳 and 黔东南苗族侗族自治州 are 贵阳市 and 黔东南州: one
    group each), or as a city summary's row is merged (凯里市, a county, is 黔东南州); a name that is none of them as
    typed, 未识别 when blank."""
    return city_name(raw) or row_city(raw) or normalize(raw) or "未识别"


def project_figures(wb: Workbook, rows: list[int] | None = None) -> list[ProjectFigures]:
    """The province table's projects (blank, 合计/小计 and 已撤回 rows left out, as in the count table); ``rows``:
    the rows to count, when the caller left some out (a project on two rows is counted once)."""
    book = SummaryBook(wb)
    if rows is None:
        rows = [r for r in book.project_rows() if book.get(r, "状态") != WITHDRAWN]
    return [ProjectFigures(city=_city(book.get(r, "市（州）")), type=_type(book.get(r, "项目类型")),
                           status=condition_verdict(book.get(r, "前置条件")) or "",
                           trade=_amount(book, r, TRADE), retail=_amount(book, r, RETAIL),
                           auto=_number(book.get(r, "自动评分")),
                           city_score=_number(book.get(r, "市州评分"), most_marks(book.get(r, "项目类型"))),
                           trade_bound=_bound(book, r, TRADE), retail_bound=_bound(book, r, RETAIL))
            for r in rows]


def _amount(book: SummaryBook, row: int, column: str) -> float | None:
    """An amount as the totals count it: a lower bound typed in the province table ("3000万以上") as its bound."""
    raw = book.get(row, column)
    wan = amount_in_wan(raw)
    return bound_in_wan(raw) if wan is None else wan


def _bound(book: SummaryBook, row: int, column: str) -> bool:
    """Whether the row's amount is a lower bound: its 问题 says so (an application's, a city's typed one), or it is
    typed as one in the province table."""
    return typed_bound(book.get(row, column)) or marked_bound(column, book.get(row, "问题"))


def trade_total(figures: list[ProjectFigures]) -> tuple[float, int]:
    """The 年度交易额 of all ``figures`` (万元) and how many of its amounts are lower bounds (the total is at least)."""
    counted = [f for f in figures if f.trade is not None]
    return float(sum(f.trade for f in counted)), sum(1 for f in counted if f.trade_bound)


NAMELESS = "这一行有金额等数据但没有企业名称，未计入统计和合计：请在全省表中补上企业名称（不是项目的行请删去）后重新合并"


def nameless_entries(wb: Workbook) -> list[tuple[str, str]]:
    """(“全省表（第N行）”, why) of each row of the province table typed as a project without its 企业名称
    (``nameless_rows``): listed with the rows of the cities' summaries no total counts."""
    return [(f"{OWN_TABLE}（第{r}行）", NAMELESS) for r in nameless_rows(SummaryBook(wb))]


def reported_cities(wb: Workbook, read: Iterable[str] = ()) -> set[str]:
    """The cities whose summaries the province table holds rows from (withdrawn ones too; its 报送市州, and a row the
    province typed itself its 市（州）) and those whose summary was ``read`` now: each is shown, with 0 where no project
    is left — a city that reported none is not a city that did not report; a project of 贵阳市 listed in 遵义市's
    summary (said there) is no summary of 贵阳市's, which is still named as not sent."""
    book = SummaryBook(wb)
    scoped = SCOPE_COLUMN in book.cols
    return {_city((scoped and book.get(r, SCOPE_COLUMN)) or book.get(r, "市（州）")) for r in book.project_rows()} | {
        _city(c) for c in read if c}


def province_figures_sheet(wb: Workbook, figures: list[ProjectFigures] | None = None, reported: Iterable[str] = (),
                           doubted: int = 0, unread: Iterable[str] = (), passed_over: Sequence[str] = ()) -> list[str]:
    """The figures block, from the table's projects (``figures``, when the caller has read them already); ``doubted``:
    how many of them have an amount in doubt counted as typed (said in its title). Returns the 市（州） nothing has come
    from yet, in the notice's order — neither ``reported`` nor the city of a file that could not be read (``unread``,
    listed as such) — named on the sheet's title too, after what is ``passed_over`` (a city's hidden old 附件4)."""
    table = province_table(project_figures(wb) if figures is None else figures, set(reported))
    figures_block(wb, table.columns, table.rows, table.bounded, table.bounds, doubted)
    unreported = [c for c in F.CITIES if c not in {*reported, *unread}]
    mark_passed_over(wb, passed_over)
    mark_unreported(wb, unreported)
    return unreported
