"""What to ask of a summary row's two amounts as a city typed them (附件4): a park's 交易额 copied in 亿元, a figure past
what any applicant can have or typed in 元, a 网络零售额 above the 交易额 it is part of, a phone number pasted a column off; and
what no total or mean can count on a merged row (an amount, 项目类型 or 市州评分 that cannot be read). Merge and
refresh read a summary's rows with it alike."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..rules import AppType, Rules, load
from .fmt import fmt
from .fmt import typed as as_typed
from .parse import number
from .parse.number import bare_number
from .parse.plausible import checked, typed_phone
from .parse.result import Parsed
from .parse.text import PICTURE_SAID, is_picture, normalize
from .summary import AMOUNT_COLUMNS
from .summary_amounts import amount_in_wan, no_amount, unreadable_amount
from .summary_table import full_marks, most_marks, plain, type_of, type_short

PARK_IN_YI = "园区交易额单位存疑"   # a park's 年度交易额 copied from its form (亿元) into the 附件4's 万元
AS_TYPED = "已按所填计入合计，请市（州）核实改正"   # how each question of amounts_doubt but PARK_IN_YI's ends
AS_WAN = "已按万元计入合计，请市（州）核实改正"     # how PARK_IN_YI's ends
PARK_IN_WAN = "园区交易额疑为按万元填写"   # a park's 万元 typed in its form's 亿元 cell, ×10000 into the 附件4's 万元


def park_trade_in_yi(kind: Any, trade: Any, retail: Any, rules: Rules | None = None) -> str | None:
    """What to ask of a park's 年度交易额 typed bare in the 附件4's 万元 column that reads as its form's 亿元 (the park
    form asks it in 亿元, 通知 附件2): smaller than the 网络零售额 that is part of it, or under the figure from which a
    亿元 cell's number is itself doubted (100: 3.5 is 3.5亿元, a park's condition being 3亿元 — 通知 二（二）1.).
    Merge and refresh read a summary's rows with it alike; None for the rest, and for every row when the year file
    asks the park's 年度交易额 in another unit.

    >>> park_trade_in_yi("园区", 3.5, None).split("；")[0]
    '园区交易额单位存疑：年度交易额3.5万元不足100万元，像是按园区申报表的亿元填写（3.5亿元=35000万元）'
    >>> park_trade_in_yi("园区", 35000, 4200), park_trade_in_yi("企业", 3.5, None), park_trade_in_yi("园区", "3.5万元", 1)
    (None, None, None)
    >>> park_trade_in_yi("园区", 35000, 42000) is None, park_trade_in_yi("园区", 30, 3200).split("，")[0]
    (True, '园区交易额单位存疑：年度交易额30万元小于其中的网络零售额3200万元')
    """
    if type_short(kind) != "园区" or trade in (None, "") or not bare_number(trade):
        return None
    field = (rules or load()).fields["sb_trade_total"]
    if field.unit_for(AppType.PARK.value) != "亿元":
        return None
    wan, part = amount_in_wan(trade), amount_in_wan(retail)
    limit = field.doubt_for(AppType.PARK.value)
    if wan is None or wan <= 0 or (limit is not None and wan >= limit):   # 35000 under a 42000 retail: no 亿元 figure
        return None
    if part is not None and wan < part:
        why = f"小于其中的网络零售额{fmt(part)}万元"
    elif limit is not None:
        why = f"不足{fmt(limit)}万元"
    else:
        return None
    return (f"{PARK_IN_YI}：年度交易额{fmt(wan)}万元{why}，像是按园区申报表的亿元填写"
            f"（{fmt(wan)}亿元={fmt(wan * 10000)}万元）；{AS_WAN}")


def park_trade_in_wan(kind: Any, trade: Any, rules: Rules | None = None) -> str | None:
    """What to ask of a park's 年度交易额 in the 附件4's 万元 column that is, on the park's form (亿元, 通知 附件2), a
    figure the form's own 亿元 cell doubts as 万元 typed there (from ``doubt_above``, 100亿元): 30000 typed meaning
    30000万元 = 3亿元 reaches the summary as 300000000万元 — the slip named with the figure it likely is, not “超出申报
    主体可能达到的范围” nor “按元填写” (the same 3亿元 either way). Counted as typed (合计 likely too large), the row says
    what to correct; None for the rest, a figure typed with its unit, and every row when the park's 年度交易额 is
    asked in another unit.

    >>> park_trade_in_wan("园区", 300000000).split("？")[0]
    '园区交易额疑为按万元填写：年度交易额300000000万元即园区申报表的30000亿元，疑为按万元填写：30000万元即3亿元'
    >>> park_trade_in_wan("园区", 999999), park_trade_in_wan("企业", 300000000), park_trade_in_wan("园区", "3亿万元")
    (None, None, None)
    """
    if type_short(kind) != "园区" or trade in (None, "") or not bare_number(trade):
        return None
    field = (rules or load()).fields["sb_trade_total"]
    limit = field.doubt_for(AppType.PARK.value)
    wan = amount_in_wan(trade)
    if field.unit_for(AppType.PARK.value) != "亿元" or limit is None or wan is None or wan < limit * 10000:
        return None
    yi = Decimal(str(wan)) / 10000          # the figure on the park's form, in its 亿元
    meant = yi / 10000                      # that figure as the 万元 it likely is, in 亿元
    return (f"{PARK_IN_WAN}：年度交易额{fmt(wan)}万元即园区申报表的{fmt(yi)}亿元，疑为按万元填写：{fmt(yi)}万元即"
            f"{fmt(meant)}亿元？确是{fmt(meant)}亿元的，园区申报表的交易额应填{fmt(meant)}（亿元）、汇总表应填{fmt(yi)}"
            f"（万元）；{AS_TYPED}")


def past_ceiling(label: str, raw: Any, rules: Rules | None = None) -> str | None:
    """What to say of a summary row's amount past what any applicant's can be (the largest ``plausible_max`` of the
    year file's amounts, 1万亿元: an application's own figure past it is doubted the same way); None for the rest.

    >>> past_ceiling("年度交易额", 150000000).split("，")[0]
    '年度交易额1.5万亿元超出申报主体可能达到的范围（年度交易额不超过1万亿元）'
    >>> past_ceiling("年度交易额", 100000000), past_ceiling("年度交易额", "约六千万")
    (None, None)
    """
    wan = amount_in_wan(raw)
    ceiling = amount_ceiling(rules or load())
    if wan is None or ceiling is None or wan <= ceiling:
        return None
    note = checked(Parsed(value=Decimal(str(wan))), raw, label, "万元", float(ceiling)).note or ""
    return f"{label}{note.removesuffix('。')}；{AS_TYPED}"


def amount_ceiling(rules: Rules) -> Decimal | None:
    """The most any applicant's amount can be, in 万元: the largest ``plausible_max`` of the year file's amount fields."""
    out = [Decimal(str(limit)) * (10000 if f.unit_for(t) == "亿元" else 1)
           for f in rules.fields.values() if f.kind == "amount" for t in f.types
           if (limit := f.plausible_for(t)) is not None]
    return max(out, default=None)


def enterprise_kind(*typed: Any, rules: Rules | None = None) -> str | None:
    """The enterprise kind (平台类 / 服务类, 通知 二（二）3.) a row's 项目类型 or 企业性质 names as cities write it
    ("企业（服务类）", "平台型企业", 企业性质 typed "服务类"): the one whose first two characters appear; None when
    neither or both do (a plain 企业: 附件4 has no column for it).

    >>> enterprise_kind("企业（服务类）", "民企"), enterprise_kind("企业", "平台型"), enterprise_kind("企业", "民企")
    ('服务类', '平台类', None)
    """
    kinds = (rules or load()).types[AppType.ENTERPRISE].kinds()
    named = {k for k in kinds for t in typed if isinstance(t, str) and k[:2] in normalize(t)}
    return named.pop() if len(named) == 1 else None


def typed_in_yuan(label: str, raw: Any, kind: Any, rules: Rules | None = None, nature: Any = None) -> str | None:
    """What to ask of a summary row's amount typed bare at or above the year file's ``doubt_above`` of the fields it
    comes from (the type's largest; any type's when 项目类型 cannot be read; an enterprise's kind's own where 项目类型
    or 企业性质 ``nature`` names it, :func:`enterprise_kind`): a 元 figure typed in the 万元 column, as an application's
    own amount is doubted (values.doubtful); a figure typed with its unit is confirmed. None else.

    >>> typed_in_yuan("年度交易额", 99999999, "企业").split("？")[0]
    '年度交易额99999999万元即9999.9999亿元，是否误按元填写'
    >>> typed_in_yuan("年度交易额", "99999999万元", "企业"), typed_in_yuan("年度交易额", 900000, "企业")
    (None, None)
    >>> typed_in_yuan("年度交易额", 200000, "团队") is None, typed_in_yuan("年度网络零售额", 200000, "企业") is None
    (False, False)
    >>> typed_in_yuan("年度交易额", 150000, "企业") is None, typed_in_yuan("年度交易额", 150000, "企业", nature="服务类") is None
    (True, False)
    """
    rules = rules or load()
    tid = type_of(kind, rules)
    named = enterprise_kind(kind, nature, rules=rules)
    fields = [(rules.fields[n], t) for t, pt in rules.types.items() if tid in (None, t)
              for n in (pt.amount_fields(named) if label == "年度交易额" else ("sb_online_retail",))
              if n in rules.fields and t.value in rules.fields[n].types]
    limits = [Decimal(str(limit)) * number.in_wan(f.unit_for(t.value)) for f, t in fields
              if (limit := f.doubt_for(t.value)) is not None]
    if not limits or raw in (None, "") or not bare_number(raw):
        return None
    p = number.parse_amount(raw, "万元", doubt_above=float(max(limits)))
    if not p.doubt:
        return None
    return f"{label}{p.note.removeprefix('该栏单位是万元，')}；{AS_TYPED}"


RETAIL_ABOVE = "网络零售额大于交易额"   # a row's 年度网络零售额 (其中) larger than the 年度交易额 it is part of


def amounts_doubt(kind: Any, trade: Any, retail: Any, rules: Rules | None = None, nature: Any = None) -> str | None:
    """What to ask of a summary row's two amounts as typed, said once: a park's 交易额 read as 亿元
    (:func:`park_trade_in_yi`) or its form's 亿元 typed in 万元 (:func:`park_trade_in_wan`), else a 年度网络零售额
    larger than the 年度交易额 it is part of (附件4 “其中”; the forms of 附件2 ask it so, as an application's own check
    says it) — for every 项目类型; ``nature``: the row's 企业性质, which may name an enterprise's kind
    (:func:`typed_in_yuan`). Merge and refresh read a summary's rows with it alike; None for the rest.

    >>> amounts_doubt("企业", 1200, "1,500").split("（")[0]
    '网络零售额大于交易额：年度网络零售额1500万元大于年度交易额1200万元'
    >>> amounts_doubt("团队", 13985012345, 300).split("（")[0]
    '年度交易额“13985012345”像是手机号码'
    >>> amounts_doubt("园区", 30, 3200).startswith(PARK_IN_YI), amounts_doubt("团队", 600, 600), amounts_doubt(None, None, 9)
    (True, None, None)
    """
    for label, typed_in in (("年度交易额", trade), ("年度网络零售额", retail)):   # 电话 is the column left of them
        if typed_phone(typed_in):
            return (f"{label}“{as_typed(typed_in)}”像是手机号码（附件4的“电话”一栏就在金额左边，可能粘贴错位），"
                    + AS_TYPED)
    doubt = park_trade_in_wan(kind, trade, rules)   # a park's 亿元 slip: past any applicant's too, said as the slip
    if doubt:
        return doubt
    for label, typed_in in (("年度交易额", trade), ("年度网络零售额", retail)):
        past = past_ceiling(label, typed_in, rules)
        if past:
            return past
    doubt = park_trade_in_yi(kind, trade, retail, rules)
    if doubt:
        return doubt
    for label, typed_in in (("年度交易额", trade), ("年度网络零售额", retail)):
        if doubt := typed_in_yuan(label, typed_in, kind, rules, nature):
            return doubt
    wan, part = amount_in_wan(trade), amount_in_wan(retail)
    if wan is None or part is None or part <= wan:
        return None
    return (f"{RETAIL_ABOVE}：年度网络零售额{fmt(part)}万元大于年度交易额{fmt(wan)}万元（网络零售额是交易额中的一部分，"
            f"附件4），两栏可能填反或有误；{AS_TYPED}")


def doubt_kind(text: str) -> str | None:
    """Which question of :func:`amounts_doubt` a row's problem ``text`` is: PARK_IN_YI, RETAIL_ABOVE, or "" for the
    rest (a mobile number, a 元 figure, one past any applicant's: counted as typed, the total likely too large); None
    for a text that is none of them.

    >>> doubt_kind(amounts_doubt("企业", 99999999, 800)), doubt_kind(amounts_doubt("园区", 3.5, None))
    ('', '园区交易额单位存疑')
    >>> doubt_kind("年度交易额“约六千万”无法识别，未计入合计") is None
    True
    """
    marked = next((m for m in (PARK_IN_YI, RETAIL_ABOVE) if text.startswith(m)), None)
    return marked if marked is not None else ("" if text.endswith(AS_TYPED) else None)


def amount_doubted(note: object) -> bool:
    """Whether a row's 问题 asks one of :func:`amounts_doubt`'s questions: its amount is counted as typed, in doubt.

    >>> amount_doubted("FIELD_AMOUNT " + amounts_doubt("企业", 99999999, 800)), amount_doubted(None)
    (True, False)
    """
    return any(end in str(note or "") for end in (AS_TYPED, AS_WAN))


def blank_amounts(kind: Any, trade: Any, retail: Any) -> list[tuple[str, str]]:
    """(column, what is typed) of a project row's amounts left blank (or “/”“—”) that the project has: every type's
    年度交易额 (a team's 直播销售额, a 服务类 enterprise's 销售额 too), the 年度网络零售额 of a park, base or enterprise —
    a team has none, nor is it asked of a row whose 项目类型 cannot be read. No total counts them: said, not silent.

    >>> blank_amounts("企业", None, "/"), blank_amounts("团队", "", None), blank_amounts("园区", 3, 1)
    ([('年度交易额（万元）', '空白'), ('年度网络零售额（万元）', '填写为“/”')], [('年度交易额（万元）', '空白')], [])
    >>> blank_amounts("示范项目", None, None)
    [('年度交易额（万元）', '空白')]
    """
    short = type_short(kind)
    asked = AMOUNT_COLUMNS if short in ("园区", "基地", "企业") else AMOUNT_COLUMNS[:1]
    return [(c, "空白" if raw is None or not str(raw).strip() else f"填写为“{normalize(raw)}”")
            for c, raw in zip(AMOUNT_COLUMNS, (trade, retail)) if c in asked and no_amount(raw)]


def row_problems(columns: dict, doubt: str | None = None) -> list[tuple[str, str, str]]:
    """FIELD_AMOUNT for an amount typed so that no total can count it ("约六千万", a negative) or left blank
    (:func:`blank_amounts`), or a 市州评分 no
    mean can count ("优秀"): said on the row, as the 统计 sheet's "空白或无法识别的数不计入" leaves it out; and for
    ``doubt``, what the row's two amounts as typed contradict (:func:`amounts_doubt`: a park's 交易额 read as 亿元, a
    网络零售额 above the 交易额)."""
    out = []
    for c in AMOUNT_COLUMNS:
        raw = columns.get(c)
        if not unreadable_amount(raw):
            continue
        out.append(("FIELD_AMOUNT", "warning", f"{_unread(c, raw)}，未计入合计{_resave(raw)}"))
    out += [("FIELD_AMOUNT", "warning", f"{c}{said}，未计入合计（请市（州）补填后重新报送）")
            for c, said in blank_amounts(columns.get("项目类型"), *(columns.get(c) for c in AMOUNT_COLUMNS))]
    if doubt:
        out.append(("FIELD_AMOUNT", "warning", doubt))
    typed = normalize(columns.get("项目类型"))
    if not type_short(typed):   # counted under 类型未识别 on the 统计 sheet: its row says why
        out.append(("FIELD_CHOICE", "warning", f"项目类型“{typed}”无法识别（应为园区、基地、企业、团队）" if typed
                    else "项目类型未填写"))
    if nature := unknown_nature(columns.get("企业性质")):   # as typed, in no statistic: said, for the city to correct
        out.append(("FIELD_CHOICE", "warning", f"企业性质“{nature}”不是附件4的国企、民企，也不是申报表的选项，原样写入，请核实"))
    score = columns.get("市州评分")
    if said := score_left_out(columns.get("项目类型"), score):
        out.append(("FIELD_AMOUNT", "warning", f"{said}，未计入平均分{_resave(score)}"))
    return out


NEGATIVE = "不能为负数"   # number.parse_score's error of a negative score (“-5”, -5)
# what a city types into a 市州评分 it has not given yet: a blank score (not in the mean, nothing to say), kept as typed
NOT_SCORED_WORDS = frozenset({"未评分", "未评", "暂未评分", "尚未评分", "待评", "待评分", "待定", "未打分", "暂未打分"})


def score_left_out(kind: Any, score: Any) -> str:
    """Why a 市州评分 no mean counts (unreadable, a picture, a formula without its result, past the 0…max of the
    project's type: 附件5's full marks); "" for a score counted, and a blank or “-”, “/” (not scored yet).

    >>> score_left_out("园区", "优秀"), score_left_out("企业", 150), score_left_out("园区", "85分"), score_left_out("团队", "/")
    ('市州评分“优秀”无法识别', '市州评分150超出该类项目的0～100分', '', '')
    >>> score_left_out("企业", -5), score_left_out("团队", "-5分")
    ('市州评分-5是负数，超出该类项目的0～100分', '市州评分“-5分”是负数，超出该类项目的0～100分')
    >>> score_left_out("企业", "未评分"), score_left_out("园区", " 待 评 "), score_left_out("团队", "待定")
    ('', '', '')
    """
    if no_amount(score):   # blank, or struck through as not scored yet (“-”, “—”, “/”): as an amount is
        return ""
    if isinstance(score, str) and plain(score) in NOT_SCORED_WORDS:   # “未评分”, “待评”: not scored yet either
        return ""
    read = number.parse_score(score)
    parsed = read.value
    if parsed is None and read.error == NEGATIVE and full_marks(kind) is not None:   # a number, not 无法识别
        shown = fmt(score) if isinstance(score, (int, float)) else f"“{normalize(score)}”"
        return f"市州评分{shown}是负数，超出该类项目的0～{fmt(most_marks(kind))}分"
    if parsed is None:
        return _unread("市州评分", score)
    most = most_marks(kind)
    if 0 <= parsed <= most:
        return ""
    if full_marks(kind) is not None:
        return f"市州评分{fmt(parsed)}超出该类项目的0～{fmt(most)}分"
    return f"市州评分{fmt(parsed)}超出0～{fmt(most)}分（项目类型未识别，按附件5各类项目的最高分）"



def unknown_nature(raw: Any) -> str:
    """A 企业性质 typed as neither the 附件4's 国企、民企 nor a choice of the forms' 运营机构类型 (政府部门, 其他 and their
    words, the "其他（外资）" a refresh writes): as typed; '' for the rest and a blank.

    >>> unknown_nature("名企"), unknown_nature("民营企业"), unknown_nature("外资企业"), unknown_nature("其他（外资）")
    ('名企', '', '', '')
    """
    text = normalize(raw) if isinstance(raw, str) else ""
    if not text or text in ("国企", "民企") or text.startswith("其他"):
        return ""
    from .values import parse_choice

    field = load().fields["sb_operator_type"]
    return "" if parse_choice(text, field.choices, field.aliases).ok else text


def _unread(label: str, raw: object) -> str:
    """Why the cell ``label`` is not counted: unreadable, a formula the file holds no result of (a summary saved by a
    program that computes none, as a refresh saves it: no figure is known till it is opened and saved in Excel/WPS),
    or WPS's picture placed in the cell (DISPIMG: no figure whatever program saves it).

    >>> _unread("市州评分", "=AVERAGE(90,80)"), _unread("市州评分", "优秀")
    ('市州评分“=AVERAGE(90,80)”是公式，文件中没有保存计算结果', '市州评分“优秀”无法识别')
    >>> _resave("=AVERAGE(90,80)")
    '（请在 Excel/WPS 中打开汇总表、保存后重新报送）'
    >>> _unread("市州评分", '=_xlfn.DISPIMG("ID_6F2A",1)'), _resave('=DISPIMG("ID_6F2A",1)')
    ('市州评分是嵌入单元格的图片（WPS“嵌入单元格图片”），不是数字', '（请删去图片、直接填写数值后重新报送）')
    """
    if is_picture(raw):
        return f"{label}{PICTURE_SAID}，不是数字"
    return f"{label}“{raw}”" + ("是公式，文件中没有保存计算结果" if str(raw).startswith("=") else "无法识别")


def _resave(raw: object) -> str:
    if is_picture(raw):
        return "（请删去图片、直接填写数值后重新报送）"
    return "（请在 Excel/WPS 中打开汇总表、保存后重新报送）" if str(raw).startswith("=") else ""
