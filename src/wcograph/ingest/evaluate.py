"""How good are the drafts? Precision and recall per field, drafted against curated by hand.

For each article the curated meeting is the one its meetings file records first for the body
the article reports on. A drafted value counts as right when it equals the curated one
(places by city, people by name tokens, countries by ISO code, decisions by verb and
paragraph); precision is right / drafted, recall is right / curated.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wcograph.ingest.article import read_article
from wcograph.ingest.draft import DraftMeeting, draft
from wcograph.ingest.lexicon import Lexicon
from wcograph.records.countries import by_name
from wcograph.records.load import LoadedData
from wcograph.records.model import Meeting

FIELDS = (
    "body",
    "session_numbers",
    "start_date",
    "end_date",
    "place",
    "format",
    "chair",
    "chair_country",
    "decisions",
)
TITLES = {"mr", "mrs", "ms", "dr", "prof", "professor"}


@dataclass
class Tally:
    right: int = 0
    drafted: int = 0
    curated: int = 0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.drafted += other.drafted
        self.curated += other.curated

    @property
    def precision(self) -> float | None:
        return self.right / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.right / self.curated if self.curated else None


@dataclass
class Evaluation:
    articles: list[str] = field(default_factory=list)
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})

    def rows(self) -> list[dict[str, object]]:
        return [
            {
                "field": name,
                "drafted": tally.drafted,
                "curated": tally.curated,
                "right": tally.right,
                "precision": _rounded(tally.precision),
                "recall": _rounded(tally.recall),
            }
            for name, tally in self.fields.items()
        ]


def evaluate(texts: Iterable[tuple[str, Path]], loaded: LoadedData) -> Evaluation:
    """Draft each (source id, text file) and compare with what curators recorded from it."""
    lexicon = Lexicon.from_data(loaded)
    people = {p.id: p for p in loaded.curated.people}
    members = {o.id: o for o in loaded.curated.organisations}
    result = Evaluation()
    for source_id, path in texts:
        curated = _curated_meeting(loaded, source_id)
        if curated is None:
            continue
        drafts = draft(read_article(path), lexicon)
        result.articles.append(source_id)
        drafted = drafts[0] if drafts else DraftMeeting(body=None, paragraph=0)
        for name, tally in _compare(drafted, curated, people, members).items():
            result.fields[name].add(tally)
    return result


def _curated_meeting(loaded: LoadedData, source_id: str) -> Meeting | None:
    for meetings_file in loaded.curated.meeting_files:
        if meetings_file.document == source_id:
            held = [m for m in meetings_file.meetings if m.kind == "Meeting"]
            return held[0] if held else None
    return None


def _compare(
    drafted: DraftMeeting, curated: Meeting, people: dict, members: dict
) -> dict[str, Tally]:
    chair = people.get(curated.chair) if curated.chair else None
    chair_country = _member_country(chair.member_of, members) if chair else None
    return {
        "body": _scalar(drafted.body, curated.of),
        "session_numbers": _scalar(
            tuple(drafted.session_numbers) or None, tuple(curated.sessions) or None
        ),
        "start_date": _scalar(drafted.start_date, str(curated.start) if curated.start else None),
        "end_date": _scalar(drafted.end_date, str(curated.end) if curated.end else None),
        "place": _place(drafted.place, curated.place),
        "format": _scalar(drafted.format, curated.format),
        "chair": _people(
            drafted.chair.name if drafted.chair else None, chair.label if chair else None
        ),
        "chair_country": _scalar(
            _iso(drafted.chair.country) if drafted.chair else None, chair_country
        ),
        "decisions": _decisions(drafted, curated),
    }


def _scalar(drafted: object, curated: object) -> Tally:
    return Tally(
        right=int(drafted is not None and drafted == curated),
        drafted=int(drafted is not None),
        curated=int(curated is not None),
    )


def _people(drafted: str | None, curated: str | None) -> Tally:
    same = drafted is not None and curated is not None and _same_person(drafted, curated)
    return Tally(int(same), int(drafted is not None), int(curated is not None))


def _same_person(a: str, b: str) -> bool:
    tokens_a, tokens_b = _name_tokens(a), _name_tokens(b)
    return bool(tokens_a) and (tokens_a <= tokens_b or tokens_b <= tokens_a)


def _name_tokens(name: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return {t for t in plain.replace(".", " ").split() if t not in TITLES and len(t) > 1}


def _place(drafted: str | None, curated: str | None) -> Tally:
    """Right when the drafted city is named in the curated place ("WCO Headquarters, Brussels")."""
    same = drafted is not None and curated is not None and drafted.casefold() in curated.casefold()
    return Tally(int(same), int(drafted is not None), int(curated is not None))


def _iso(country: str | None) -> str | None:
    found = by_name(country) if country else None
    return found.alpha_2 if found else None


def _member_country(member: str | None, members: dict) -> str | None:
    organisation = members.get(member) if member else None
    if organisation is None:
        return None
    if organisation.country:
        return str(organisation.country)
    return _iso(organisation.label)


def _decisions(drafted: DraftMeeting, curated: Meeting) -> Tally:
    wanted = Counter((b.type, block.para) for block in curated.decisions for b in block.bullets)
    got = Counter((d.verb, d.paragraph) for d in drafted.decisions)
    right = sum((wanted & got).values())
    return Tally(right, sum(got.values()), sum(wanted.values()))


def _rounded(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None
