"""The 统一社会信用代码 check digit (GB 32100-2015 §5.2) against python-stdnum's, the reference it replaces."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from shibai_xl.engine.parse.uscc import _ALPHABET, _FIRST, LOST, check_digit, parse, rounded

BODIES = st.text(alphabet=_ALPHABET, min_size=17, max_size=17)
WELL_FORMED = st.builds(lambda a, b, div, rest: a + b + div + rest, st.sampled_from(_FIRST), st.sampled_from(_ALPHABET),
                        st.text(alphabet="0123456789", min_size=6, max_size=6),
                        st.text(alphabet=_ALPHABET, min_size=9, max_size=9))


@settings(max_examples=2000)
@given(BODIES)
def test_check_digit_is_stdnum_s(body: str) -> None:
    assert check_digit(body) == stdnum_uscc.calc_check_digit(body)


@given(WELL_FORMED)
def test_a_code_with_its_check_digit_parses_and_any_other_last_character_does_not(body: str) -> None:
    good = check_digit(body)
    assert parse(body + good).value == body + good
    for wrong in set(_ALPHABET) - {good}:
        # all digits, 0s after the 15th: Excel's number of a code copied as text (its last digits lost), said so
        said = LOST if rounded(body + wrong) else f"校验位错误（最后一位应为“{good}”），请核对"
        assert parse(body + wrong).error == said


def test_published_codes() -> None:
    # codes printed on business licences (the second from stdnum's own examples)
    assert parse("91110000600037341L").ok
    assert parse("91520102MA6DKQ8X18").ok
