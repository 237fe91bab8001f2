"""The one result type of every parser."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Parsed:
    value: Any = None          # the parsed value, None when blank or invalid
    error: str | None = None   # a Chinese reason when the input cannot be read unambiguously
    blank: bool = False        # nothing was typed
    note: str | None = None    # something worth telling (e.g. a unit conversion that was applied)
    precision: str | None = None  # for dates: "day", "month" or "year"
    doubt: bool = False        # read, but so far beyond what the field can hold that the unit was likely mistaken
    bound: bool = False        # the figure is a lower bound the applicant typed ("100万以上", "不少于50人", "100-200万")
    upper: Any = None          # a range's upper end ("100-200万": 200万), read as its lower end is
    remark: str | None = None  # the words after a 是/否 ("是（50M）": "50m") or a figure ("12间（公共9间）"), normalised

    @property
    def ok(self) -> bool:
        return self.error is None and not self.blank


BLANK = Parsed(blank=True)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def fail(reason: str) -> Parsed:
    return Parsed(error=reason)
