"""Dates and date ranges as news articles write them: "11 to 13 June 2015", "30 September -
2 October 2019", "April 29–30, 2025", "on 12 October 2022", "at the end of October 2025".

dateparser reads single dates well but not ranges whose month and year are shared ("22 to 24
June"), which is how nearly every session is dated; this small grammar reads exactly those.
Each result keeps the precision the text gives (day, month).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH = r"(?P<{0}>" + "|".join(m.capitalize() for m in MONTHS) + r")"
WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
DAY = WEEKDAY + r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<{0}>(?:19|20)\d\d)"
TO = r"\s*(?:-|–|—|to|until|and|through)\s*"

CROSS_MONTH = re.compile(
    DAY.format("d1")
    + r"\s+"
    + MONTH.format("m1")
    + TO
    + DAY.format("d2")
    + r"\s+"
    + MONTH.format("m2")
    + r",?\s+"
    + YEAR.format("y")
)
SAME_MONTH = re.compile(
    r"(?<!\d)"
    + DAY.format("d1")
    + TO
    + DAY.format("d2")
    + r"\s+"
    + MONTH.format("m")
    + r",?\s+"
    + YEAR.format("y")
)
MONTH_FIRST_RANGE = re.compile(
    MONTH.format("m")
    + r"\s+"
    + DAY.format("d1")
    + TO
    + DAY.format("d2")
    + r",?\s+"
    + YEAR.format("y")
)
MONTH_FIRST_DAY = re.compile(
    MONTH.format("m") + r"\s+" + DAY.format("d") + r",?\s+" + YEAR.format("y")
)
ONE_DAY = re.compile(
    r"(?<!\d)" + DAY.format("d") + r"\s+" + MONTH.format("m") + r",?\s+" + YEAR.format("y")
)
MONTH_YEAR = re.compile(MONTH.format("m") + r",?\s+" + YEAR.format("y"))


@dataclass(frozen=True)
class DateSpan:
    start: str
    end: str
    position: int
    """Where in the text it was written (to prefer the date nearest a mention of a session)."""

    @property
    def is_range(self) -> bool:
        return self.start != self.end


def find_dates(text: str) -> list[DateSpan]:
    """Every date or range in the text, most specific reading first at each position."""
    spans: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern, reader in (
        (CROSS_MONTH, _cross_month),
        (SAME_MONTH, _same_month),
        (MONTH_FIRST_RANGE, _same_month),
        (ONE_DAY, _one_day),
        (MONTH_FIRST_DAY, _one_day),
        (MONTH_YEAR, _month_year),
    ):
        for match in pattern.finditer(text):
            if any(a <= match.start() < b or a < match.end() <= b for a, b in taken):
                continue
            # An impossible date ("31 February") is not read again as its month.
            taken.append((match.start(), match.end()))
            span = reader(match)
            if span is not None:
                spans.append(span)
    return sorted(spans, key=lambda s: s.position)


def _iso(year: str, month: str, day: str | None = None) -> str | None:
    y, m = int(year), MONTHS[month.lower()]
    if day is None:
        return f"{y:04d}-{m:02d}"
    d = int(day)
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _span(match: re.Match[str], start: str | None, end: str | None) -> DateSpan | None:
    if start is None or end is None or end < start:
        return None
    return DateSpan(start, end, match.start())


def _cross_month(match: re.Match[str]) -> DateSpan | None:
    g = match.groupdict()
    return _span(match, _iso(g["y"], g["m1"], g["d1"]), _iso(g["y"], g["m2"], g["d2"]))


def _same_month(match: re.Match[str]) -> DateSpan | None:
    g = match.groupdict()
    return _span(match, _iso(g["y"], g["m"], g["d1"]), _iso(g["y"], g["m"], g["d2"]))


def _one_day(match: re.Match[str]) -> DateSpan | None:
    g = match.groupdict()
    day = _iso(g["y"], g["m"], g["d"])
    return _span(match, day, day)


def _month_year(match: re.Match[str]) -> DateSpan | None:
    g = match.groupdict()
    month = _iso(g["y"], g["m"])
    return _span(match, month, month)
