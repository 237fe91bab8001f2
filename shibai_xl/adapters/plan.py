"""Moved to :mod:`shibai_xl.engine.plan` (pure data every layer may use); kept so imports in flight still work."""
from ..engine.plan import COMMENT_AUTHOR, MAX_COMMENT, RESULT_FIRST_ROW, Mark, WritePlan, plan_check, score_names  # noqa: F401
