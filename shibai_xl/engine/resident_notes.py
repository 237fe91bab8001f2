"""What a 入驻企业名单's 备注 claims of a company: a designation (示范, 统计调查, 上市, 授权 — the year file's
``[residents] note_keywords``) or a status (注销, 迁出), not negated ("未上市"), planned ("拟上市") or only applied or
prepared for ("拟申报省级示范企业", "省级上市后备企业")."""
from __future__ import annotations

# a designation only applied or prepared for, in the words before it in its clause ("拟申报省级示范企业", "正在申请…")
# or right after it ("省级上市后备企业", "上市培育企业"): no company so designated
_SOUGHT_BEFORE = ("申报", "申请", "争创", "培育", "后备", "储备")
_SOUGHT_AFTER = ("后备", "培育", "储备", "辅导", "申报中", "申请中", "创建中", "（申报中）", "(申报中)")
_CLAUSE_ENDS = "；;，,。、 "


def claims(note: str, word: str) -> bool:
    """Whether a 备注 claims the designation ``word`` (:func:`says`), not only one applied or prepared for.

    >>> [claims(n, w) for n, w in (("国家级电商示范企业", "示范"), ("拟申报省级示范企业", "示范"),
    ...                             ("省级上市后备企业", "上市"), ("后备上市企业", "上市"), ("已申报，获评省级示范企业", "示范"))]
    [True, False, False, False, True]
    """
    at = note.find(word)
    while at >= 0:
        clause = note[max(note.rfind(c, 0, at) for c in _CLAUSE_ENDS) + 1:at]
        if not note[max(0, at - 2):at].endswith(NEGATIONS) and not any(w in clause for w in _SOUGHT_BEFORE) \
                and not note[at + len(word):].startswith(_SOUGHT_AFTER):
            return True
        at = note.find(word, at + 1)
    return False


NEGATIONS = ("非", "未", "无", "不", "否", "拟", "没有", "暂无", "尚未", "准备", "计划")   # 未上市, 拟上市, 非示范企业


def says(note: str, word: str) -> bool:
    """Whether a 备注 claims ``word`` (上市 …): an occurrence not negated or merely planned just before it.

    >>> [says(n, "上市") for n in ("已上市", "上市公司", "未上市", "拟上市", "计划上市", "非上市；已上市")]
    [True, True, False, False, False, True]
    """
    at = note.find(word)
    while at >= 0:
        if not note[max(0, at - 2):at].endswith(NEGATIONS):
            return True
        at = note.find(word, at + 1)
    return False
