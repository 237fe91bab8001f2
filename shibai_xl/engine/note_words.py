"""Whether a remark claims a word: 上市 in a resident's 备注, 注销 in its 登记状态 — not when negated just before it
(未上市, 非示范企业), nor refused or merely sought or prepared for in its clause (未获平台授权, 正在申报省级示范企业,
省级上市后备企业)."""
from __future__ import annotations

import re

NEGATIONS = ("非", "未", "无", "不", "否", "拟", "没有", "暂无", "尚未", "准备", "计划")   # 未上市, 拟上市, 非示范企业
# anywhere earlier in the same clause: not granted (未获平台授权, 未被列为示范) …
REFUSED = ("没有", "暂无", "尚未", "未获", "未取得", "未被", "未列", "未入选")
# … or only sought or prepared for (正在申报省级示范企业, 后备上市企业), unless it was granted since (2023年申报并获评…)
SOUGHT = re.compile(r"准备|计划|申报|申请|争创|正在|培育|后备|储备")
# … or so right after it: 省级上市后备企业, 上市培育企业, 示范企业（申报中）
SOUGHT_AFTER = ("后备", "培育", "储备", "辅导", "申报中", "申请中", "创建中", "(申报中)", "（申报中）")
GRANTED = re.compile(r"获|已|评为|认定|列为|入选|成功|通过")
_CLAUSE = re.compile(r"[，,；;。、/|\s]")


def says(note: str, word: str) -> bool:
    """Whether a 备注 claims ``word`` (上市 …): an occurrence not negated just before it, nor refused or merely
    sought earlier in its clause.

    >>> [says(n, "上市") for n in ("已上市", "上市公司", "未上市", "拟上市", "计划上市", "非上市；已上市")]
    [True, True, False, False, False, True]
    >>> [says(n, "授权") for n in ("获天猫授权", "未获平台授权", "无线业务，天猫授权")]
    [True, False, True]
    >>> [says(n, "示范") for n in ("省级示范企业", "正在申报省级示范企业", "未被列为示范企业", "2023年申报并获评省级示范")]
    [True, False, False, True]
    >>> [says(n, "上市") for n in ("省级上市后备企业", "后备上市企业", "上市培育企业", "已上市（主板）")]
    [False, False, False, True]
    """
    at = note.find(word)
    while at >= 0:
        clause = _CLAUSE.split(note[:at])[-1]
        sought = SOUGHT.search(clause)
        if (not note[max(0, at - 2):at].endswith(NEGATIONS) and not any(w in clause for w in REFUSED)
                and not (sought and not GRANTED.search(clause[sought.end():]))
                and not note[at + len(word):].startswith(SOUGHT_AFTER)):
            return True
        at = note.find(word, at + 1)
    return False
