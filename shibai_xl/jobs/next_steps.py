"""How a job's report words the next step: at the terminal by the command and its options, in the add-ins (Excel
ribbon, WPS) by the button to press or the cell to fill — the ribbon has no --round or --from to give.

A job reports what happened; its ``describe`` (and what it writes into a result workbook for the person) takes the
face's :class:`NextSteps`. The command line's is the default; :mod:`.actions` passes :data:`ADDIN`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NextSteps:
    latest_round: str    # review make given no round: the latest 批次 was taken
    check_round: str     # the round given matched no 批次
    collect: str         # after make: how the experts' scores are collected
    summary_again: str   # collect without the summary make read: how to have the current one read
    later_rounds: str    # the rounds after this one (a merge's late batches)
    tool_summary: str    # review make given a workbook without the tool's summary table
    hand_summary: str    # review make from a 附件4 typed by hand: how its applications give suggested scores
    title_city: str      # a summary still titled "XX市（州）…": besides typing the 市（州） into the title
    other_result: str    # collect's result name taken by a workbook the tool did not make
    other_province: str  # merge's provincial table name taken by a workbook that is no provincial table
    several_sheets: str  # a 附件4 by hand on several sheets: besides gathering its rows on one sheet
    other_round: str     # review make into a folder holding another round's 评审安排 ({round}: the round being made)
    other_round_result: str   # collect's result name taken by another round's result
    batch_again: str     # a project corrected at a refresh without a batch: how it gets this round's 批次


COMMAND_LINE = NextSteps(
    latest_round="没有指定评审轮次（--round），按最新的批次；",
    check_round="请检查 --round 或汇总表的“批次”列",
    collect="运行 shibai review collect",
    summary_again="请用 --from 指定当前的项目汇总表后重新汇总",
    later_rounds="之后的轮次（--round）",
    tool_summary="请指定 shibai refresh 或 shibai merge 生成的市州或全省项目汇总表",
    hand_summary="请用 shibai refresh 汇总表 --from 申报表文件夹 把它转为本工具的项目汇总表，再用转好的汇总表生成专家评分表",
    title_city="，或刷新时加上 --city（例如 --city 贵阳市）",
    other_result="请给评审结果另起一个文件名，例如：shibai review collect 评审文件夹 --out 评审结果.xlsx",
    other_province="合并的第一个文件是要写出的全省汇总表，请给它另起一个文件名（本工具会新建），例如："
                   "shibai merge 全省项目汇总表.xlsx 贵阳市汇总表.xlsx 遵义市汇总表.xlsx …",
    several_sheets="或者给 shibai refresh 一个新的文件名，新建汇总表后把市州评分抄过去。",
    other_round="请给本轮另指定一个评审文件夹（例如 shibai review make {round}评审 …），或先把那一轮的文件移走",
    other_round_result="请用 --out 给本轮的评审结果另起一个文件名（例如 --out 评审结果-本轮.xlsx），或先把原来的文件移走",
    batch_again="报送前请带上本轮的批次再刷新一次（--batch 写本轮的月份），它的批次会改为本轮；或在“批次”列中改为本轮",
)

ADDIN = NextSteps(
    latest_round="按最新的批次；",
    check_round="请检查汇总表的“批次”列",
    collect="打开项目汇总表或任一专家评分表，点“汇总专家评分”",
    summary_again="请打开当前的项目汇总表，在其中点“汇总专家评分”（会重新核对）",
    later_rounds="之后的轮次",
    tool_summary="请先点“刷新汇总表”（全省汇总表点“合并市州汇总”）生成本工具的项目汇总表，再在其中点“专家评分表”",
    hand_summary="请把申报表放在汇总表旁，先在这个汇总表中点“刷新汇总表”（会在旁边生成本工具的项目汇总表），"
                 "再在生成的汇总表中点“专家评分表”",
    title_city="",
    other_result="“汇总专家评分”总是写入这个文件名：请把这个文件改名或移到别处，再点“汇总专家评分”",
    other_province="“合并市州汇总”总是写入这个文件名：请把这个文件改名或移到别处，再点“合并市州汇总”",
    several_sheets="",
    other_round="“专家评分表”总是写入汇总表旁的“专家评审”文件夹：请先把这个文件夹改名（例如在名字后加上它的轮次）或移走，"
                "再点“专家评分表”；那一轮的“汇总专家评分”在改名后的文件夹里打开任一专家评分表点击",
    other_round_result="“汇总专家评分”总是写入这个文件名：请先把它改名（例如在名字后加上它的轮次）或移走，再点“汇总专家评分”",
    batch_again="报送前请在它的“批次”列中改为本轮的批次（本轮的月份），否则哪一轮都不会评审它",
)
