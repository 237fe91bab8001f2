"""Excel 公式（xlwings 用户自定义函数）：十百千万申报的金额换算、信用代码校验、门槛、评分等。

安装：``shibai addin install``（把本文件夹加入 PYTHONPATH，UDF MODULES = shibai_udfs），
然后在 Excel 的 xlwings 选项卡点 “Import Functions”。公式出错时返回以“错误：”开头的说明，
不会显示 Python 报错。

Only thin wrappers: every function's logic is in :mod:`shibai_xl.faces.udf_functions`
(tested without Excel); xlwings takes each function's name as the formula name and its argument
names as the VBA wrapper's parameter names, so none may be a VBA keyword (``type``, ``date`` …).
Every argument is read with ``err_to_str=True``: a cell holding #N/A reaches the function as the text "#N/A"
(xlwings' default makes it None, a blank), so a formula says what ``shibai check`` says about it instead of
leaving the figure out of a total or scoring it 0 without a word.
"""
import xlwings as xw

from shibai_xl.faces import udf_functions as U

CATEGORY = "十百千万"


def _number_format(rng):
    try:
        return rng.number_format
    except Exception:   # a cell whose format cannot be read: its value as it is
        return None


class AsShown(xw.conversion.Converter):
    """A date argument as its cell shows it: a cell showing 2021年3月 (yyyy"年"m"月", yyyy-mm) holds 2021-03-01, and
    the person gave the month — ``shibai check`` reads the file's cell so, and so must the formula. The value is read
    as xlwings reads any argument (err_to_str …); a value typed into the formula itself has no cell."""

    @classmethod
    def reader(cls, options):
        return xw.conversion.ValueAccessor.reader(options).append_stage(cls.shown)

    @staticmethod
    def shown(ctx):
        if ctx.range is not None and not isinstance(ctx.value, (list, tuple)):
            ctx.value = U.as_shown(ctx.value, _number_format(ctx.range))


class AmountShown(AsShown):
    """An amount argument as its cell shows it: 0.15 in a cell painted 0% is the "15%" typed, no amount; 0.42 in a
    cell painted 0.00"亿元" is the 0.42亿元 shown — ``shibai check`` reads the file's cell so, and so must the formula."""

    @staticmethod
    def shown(ctx):
        if ctx.range is not None and not isinstance(ctx.value, (list, tuple)):
            ctx.value = U.amount_as_shown(ctx.value, _number_format(ctx.range))


@xw.func(category=CATEGORY)
@xw.arg("value", AmountShown, err_to_str=True, doc="金额：数字或文字，例如 3.5、3.5亿、3500万元、叁亿")
@xw.arg("unit", err_to_str=True, doc="该金额所在栏的单位：元、万元（默认）或 亿元（园区年度交易额为亿元）")
def SB_AMOUNT(value, unit="万元"):
    """把填写的金额换算为万元；无法确定的写法（约、左右、范围）返回“错误：…”。"""
    return U.amount(value, unit)


@xw.func(category=CATEGORY)
@xw.arg("code", err_to_str=True, doc="统一社会信用代码（18位，可含空格或横线）")
def SB_USCC(code):
    """校验统一社会信用代码（格式和校验位），正确时返回去掉空格的代码，否则返回“错误：…”。"""
    return U.uscc(code)


@xw.func(category=CATEGORY)
@xw.arg("code", err_to_str=True, doc="统一社会信用代码（18位）")
def SB_REGION(code):
    """按统一社会信用代码第3-8位（登记机关行政区划码）返回所属市（州）；不是贵州的代码返回“错误：…”。"""
    return U.region(code)


@xw.func(category=CATEGORY)
@xw.arg("text", err_to_str=True, doc="手机号码，可含空格、横线或 +86")
def SB_MOBILE(text):
    """校验手机号码，正确时返回11位号码，否则返回“错误：…”。"""
    return U.mobile(text)


class _WithRange(xw.conversion.Converter):
    """A range argument's values, then ``shown``: what else the function needs to know of the range."""

    @classmethod
    def reader(cls, options):
        return xw.conversion.ValueAccessor.reader(options).append_stage(cls.shown)


class WithRowsShown(_WithRange):
    """A list's values, which of its rows nobody sees (a filter left on, rows hidden by hand) — ``shibai check``
    counts and says them, and so must the formula — the rows above it, the number formats of its figures' cells
    (0.3 painted 0.00"亿元" is 3000万元 to check), its cells merged over rows (a 备注 over two companies), and its
    企业名称 struck through (删除线: a company crossed out, no resident to check), and which of two columns of one
    amount is hidden (last year's kept beside this year's). Excel is asked a block of rows at a
    time (Range.EntireRow.Hidden, Range.MergeCells, Range.Font.Strikethrough: True, False, or Null when mixed); a
    value given without a range (an array constant) comes alone."""

    @staticmethod
    def shown(ctx):
        rng = ctx.range
        if rng is not None:
            ctx.value = (ctx.value, U.RowsShown(lambda a, b: rng[a - 1:b, 0].api.EntireRow.Hidden, rng.row,
                                                _sheet_hidden(rng), _rows_above(rng), _table_ends(rng),
                                                lambda a, b, c: rng[a - 1:b, c - 1].number_format,
                                                lambda a, b, c: rng[a - 1:b, c - 1].merge_cells,
                                                lambda r, c: _merge_area(rng, r, c),
                                                lambda a, b, c: rng[a - 1:b, c - 1].api.Font.Strikethrough,
                                                lambda c: rng[0, c - 1].api.EntireColumn.Hidden))


def _merge_area(rng, r, c):
    """The merged area holding the range's cell (r, c), 1-based: its first and last row in the range, its address."""
    area = rng[r - 1, c - 1].merge_area
    return area.row - rng.row + 1, area.last_cell.row - rng.row + 1, area.address.replace("$", "")


def _table_ends(rng):
    """The sheet row on which the sheet's table (ListObject) whose header is on a given row ends (None where no
    table's header is): ``shibai check`` reads the rows under a table only while they are not blank."""
    def end(header_row):
        tables = rng.sheet.api.ListObjects
        for i in range(1, tables.Count + 1):
            table = tables.Item(i)
            if table.HeaderRowRange is not None and table.HeaderRowRange.Row == header_row:
                return table.Range.Row + table.Range.Rows.Count - 1
        return None
    return end


def _rows_above(rng):
    """The sheet's rows just above the range, from column A to its last column: a list selected from its header row
    has its "金额单位：元" line there (``shibai check`` looks above the header, and so must the formula)."""
    first = max(1, rng.row - U.UNIT_LINE_ROWS)
    if first == rng.row:
        return ()
    try:
        return rng.sheet.range((first, 1), (rng.row - 1, rng.column + rng.shape[1] - 1)).options(
            ndim=2, err_to_str=True).value or ()
    except Exception:   # rows that cannot be read: the range alone
        return ()


def _sheet_hidden(rng):
    try:
        return rng.sheet.api.Visible not in (-1, True)     # xlSheetVisible
    except Exception:   # a sheet whose state cannot be read: as shown
        return False


@xw.func(category=CATEGORY)
@xw.arg("project_type", err_to_str=True, doc="申报类型：园区、直播基地、企业、直播团队")
@xw.arg("metric", err_to_str=True, doc="指标：交易额、网络零售额、直播销售额、销售额 或 成立年限")
def SB_THRESHOLD(project_type, metric):
    """通知规定的前置条件门槛：金额以万元计（成立年限以年计）。"""
    return U.threshold(project_type, metric)


@xw.func(category=CATEGORY)
@xw.arg("project_type", err_to_str=True, doc="申报类型：园区、直播基地、企业、直播团队")
@xw.arg("established", AsShown, err_to_str=True, doc="成立日期")
@xw.arg("fill_date", AsShown, err_to_str=True, doc="填表时间")
@xw.arg("trade", AmountShown, err_to_str=True,
        doc="年度交易额（园区为亿元，其余为万元）；直播团队填年度直播销售额；服务类企业填年度销售额")
@xw.arg("retail", AmountShown, err_to_str=True, doc="年度网络零售额（万元）；直播团队不填")
@xw.arg("enterprise_kind", err_to_str=True, doc="企业类别：平台类 或 服务类（仅企业）")
def SB_ELIGIBLE(project_type, established, fill_date, trade, retail=None, enterprise_kind=None):
    """按成立年限和金额门槛判断前置条件：达标、不达标 或 待定（注册地、信用、统计期请用“检查本申报表”）。"""
    return U.eligible(project_type, established, fill_date, trade, retail, enterprise_kind)


class WithFormats(_WithRange):
    """A range's values, and each cell's number format, asked only of the cells a function needs (SB_SCORE: a
    percentage's — 0.6 in a cell not formatted as % is 0.6%, as ``shibai check`` reads the file's cell — and a count's
    or a 是/否 answer's number: 0.15 shown as 15% is the "15%" typed — and an amount's: 80 shown 80万美元 is read as
    shown); a value given without a range (an array constant) comes alone."""

    @staticmethod
    def shown(ctx):
        rng = ctx.range
        if rng is not None:
            ctx.value = (ctx.value, U.FormatsShown(lambda r, c: _number_format(rng[r - 1, c - 1])))


@xw.func(category=CATEGORY)
@xw.arg("project_type", err_to_str=True, doc="申报类型：园区、直播基地、企业、直播团队")
@xw.arg("names", WithFormats, err_to_str=True, ndim=2, doc="定义名称（如 sb_has_platform）所在区域；或两列区域：名称 | 值")
@xw.arg("values", WithFormats, err_to_str=True, ndim=2, doc="与名称一一对应的值所在区域（给了两列区域时不填）")
def SB_SCORE(project_type, names, values=None):
    """按评选指标体系（附件5）计算建议总分（仅供评审参考）。"""
    return U.score(project_type, names, values)


@xw.func(category=CATEGORY)
@xw.arg("table", WithRowsShown, err_to_str=True, ndim=2, doc="入驻企业名单区域，第一行为附件3表头")
def SB_RESIDENTS(table):
    """汇总入驻企业名单：家数、从业人数合计、交易额合计、零售额合计、重复企业、数据有误处数（两列结果；隐藏的行照样计入并写明）。"""
    return U.residents(*table) if isinstance(table, tuple) else U.residents(table)


@xw.func(category=CATEGORY)
@xw.arg("city", err_to_str=True, doc="所属市（州），例如 贵阳市")
@xw.arg("company", err_to_str=True, doc="公司名称")
@xw.arg("project_type", err_to_str=True, doc="申报类型：园区、直播基地、企业、直播团队")
def SB_UPLOAD_NAME(city, company, project_type):
    """按通知要求生成申报材料扫描件（PDF）的文件名。"""
    return U.upload_name(city, company, project_type)
