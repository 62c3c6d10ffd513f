"""Time and meetings as questions word them.

Time: "in 2018", "today", "now", "before 2020", "since 2015", "between 2018 and 2023", "as of
20 April 2018". Meetings: "the 241st/242nd Sessions", "its 66th Meeting", "the April 2018
sessions", "the October 2023 PTC", "the last session", "the next meeting", resolved against the
meetings in the graph (queries/support/ask-meetings.rq). Full dates are read by the date grammar
of the article reader (wcograph.ingest.dates), not a second one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from wcograph.ingest.dates import MONTHS, find_dates
from wcograph.query.run import run_named_query
from wcograph.triples.store import GraphStore

MEETINGS = "support/ask-meetings"
_YEAR = re.compile(r"^(19|20)\d\d$")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)
NOW_WORDS = frozenset({"today", "now", "currently", "current", "present", "presently"})
MEETING_WORDS = frozenset({"session", "sessions", "meeting", "meetings", "ptc", "council"})


@dataclass(frozen=True)
class When:
    """What a question says about time: a day (as of), a span of years, or now."""

    day: date | None = None
    from_year: int = 0
    to_year: int = 9999
    now: bool = False
    words: str = ""

    @property
    def given(self) -> bool:
        return self.now or self.day is not None or self.from_year > 0 or self.to_year < 9999

    def as_of(self, today: date) -> date | None:
        """The day an as-of question is answered for (None: the graph's 'today' answer)."""
        if self.day is not None:
            return self.day
        if self.now or not self.given:
            return None
        year = self.to_year if self.to_year < 9999 else today.year
        return min(date(year, 12, 31), today)


def read_time(tokens: list[str], taken: set[int]) -> When:
    """The time a question names; the tokens it used are added to ``taken``."""
    folded = [t.lower() for t in tokens]
    text = " ".join(tokens)
    has_day = any(re.fullmatch(r"[0-3]?\d(st|nd|rd|th)?,?", t) for t in folded)
    for span in find_dates(text) if has_day else []:
        day = date.fromisoformat(span.start)
        _take_date(folded, day, taken)
        return When(day=day, words=f"as of {day.isoformat()}")
    iso = next((i for i, t in enumerate(tokens) if re.fullmatch(r"\d{4}-\d\d-\d\d", t)), None)
    if iso is not None:
        taken.add(iso)
        try:
            return When(day=date.fromisoformat(tokens[iso]), words=tokens[iso])
        except ValueError:
            pass
    years = [i for i, t in enumerate(folded) if _YEAR.match(t) and i not in taken]
    if len(years) >= 2:
        first, last = years[0], years[1]
        taken.update({first, last})
        low, high = sorted((int(folded[first]), int(folded[last])))
        return When(from_year=low, to_year=high, words=f"{low}-{high}")
    if years:
        i = years[0]
        taken.add(i)
        year = int(folded[i])
        before = folded[i - 1] if i else ""
        if before in {"before", "until", "till", "prior"}:
            return When(to_year=year - 1, words=f"before {year}")
        if before in {"since", "after", "from"}:
            return When(from_year=year + (before == "after"), words=f"{before} {year}")
        return When(from_year=year, to_year=year, words=f"in {year}")
    for i, word in enumerate(folded):
        if word in NOW_WORDS and i not in taken:
            taken.add(i)
            return When(now=True, words=word)
    return When()


def _take_date(folded: list[str], day: date, taken: set[int]) -> None:
    names = {str(day.year), calendar.month_name[day.month].lower(), str(day.day)}
    taken.update(i for i, t in enumerate(folded) if re.sub(r"(st|nd|rd|th)?,?$", "", t) in names)


@dataclass(frozen=True)
class MeetingRow:
    iri: str
    body: str
    numbers: frozenset[int]
    start: date | None
    label: str


def meetings_of(store: GraphStore) -> list[MeetingRow]:
    rows: dict[str, dict] = {}
    for row in run_named_query(store, MEETINGS):
        entry = rows.setdefault(
            row["meeting"],
            {"body": row["body"], "numbers": set(), "start": row.get("start"), "label": ""},
        )
        if row.get("number") is not None:
            entry["numbers"].add(int(row["number"]))
        entry["label"] = row.get("label") or entry["label"]
    return [
        MeetingRow(
            iri,
            e["body"],
            frozenset(e["numbers"]),
            date.fromisoformat(e["start"]) if e["start"] else None,
            e["label"],
        )
        for iri, e in rows.items()
    ]


@dataclass(frozen=True)
class MeetingReference:
    """A meeting named in a question, before it is resolved."""

    numbers: tuple[int, ...] = ()
    month: tuple[int, int] | None = None  # (year, month)
    relative: str | None = None  # "last" or "next"
    words: str = ""
    plural: bool = False


def read_meeting(tokens: list[str], taken: set[int]) -> MeetingReference | None:
    folded = [t.lower() for t in tokens]
    numbers = [(i, int(m[1])) for i, t in enumerate(tokens) if (m := _ORDINAL.match(t))]
    plural = any(w in {"sessions", "meetings"} for w in folded)
    if numbers:
        taken.update(i for i, _ in numbers)
        words = "/".join(tokens[i] for i, _ in numbers)
        return MeetingReference(numbers=tuple(n for _, n in numbers), words=words, plural=plural)
    for i, word in enumerate(folded[:-1]):
        if word in MONTHS and _YEAR.match(folded[i + 1]):
            following = folded[i + 2] if i + 2 < len(folded) else ""
            if following in MEETING_WORDS or (following.upper() == following and following):
                taken.update({i, i + 1})
                return MeetingReference(
                    month=(int(folded[i + 1]), MONTHS[word]),
                    words=f"{tokens[i]} {tokens[i + 1]}",
                    plural=plural,
                )
    for i, word in enumerate(folded[:-1]):
        nxt = folded[i + 1]
        if nxt in MEETING_WORDS or (i + 2 < len(folded) and folded[i + 2] in MEETING_WORDS):
            if word in {"last", "latest", "previous", "recent"}:
                taken.add(i)
                return MeetingReference(relative="last", words=f"the {word} meeting")
            if word in {"next", "upcoming", "following"}:
                taken.add(i)
                return MeetingReference(relative="next", words=f"the {word} meeting")
    return None


def resolve_meeting(
    reference: MeetingReference,
    meetings: list[MeetingRow],
    body: str | None,
    today: date,
) -> list[MeetingRow]:
    """The meetings a reference fits, best first; several only when the reference is ambiguous."""
    pool = [m for m in meetings if body is None or m.body == body]
    if reference.numbers:
        wanted = set(reference.numbers)
        fits = [m for m in pool if wanted <= m.numbers] or [m for m in pool if wanted & m.numbers]
    elif reference.month:
        year, month = reference.month
        last = calendar.monthrange(year, month)[1]
        fits = [
            m
            for m in pool
            if m.start and date(year, month, 1) <= m.start <= date(year, month, last)
        ]
        if len(fits) > 1 and reference.plural:
            fits = [m for m in fits if "Sessions" in m.label] or fits
    elif reference.relative == "last":
        dated = sorted(
            (m for m in pool if m.start and m.start <= today),
            key=lambda m: m.start or date.min,
        )
        fits = dated[-1:]
    else:
        dated = sorted(
            (m for m in pool if m.start and m.start > today),
            key=lambda m: m.start or date.min,
        )
        fits = dated[:1]
    return sorted(fits, key=lambda m: m.iri)
