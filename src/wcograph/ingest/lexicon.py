"""The names the curated data already knows, for linking mentions in a new text to ids.

Every label and alternative label of a body, instrument, organisation or person becomes a
pattern. Acronyms (SAFE, PTC) match in their own case only, so the adjective "safe" is not the
SAFE Framework; longer names match in any case. Among overlapping mentions the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from wcograph.records.load import LoadedData

Kind = Literal["body", "instrument", "organisation", "person"]
ACRONYM = re.compile(r"^[A-Z0-9/&.-]{2,8}$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    id: str
    kind: Kind
    name: str


@dataclass(frozen=True)
class Entry:
    id: str
    kind: Kind
    label: str
    member_type: str | None = None


class Lexicon:
    def __init__(self, entries: list[tuple[str, Entry]]) -> None:
        self._by_name: dict[str, Entry] = {}
        self._by_acronym: dict[str, Entry] = {}
        for name, entry in entries:
            if ACRONYM.match(name):
                self._by_acronym.setdefault(name, entry)
            else:
                self._by_name.setdefault(name.casefold(), entry)
        self.entries = {entry.id: entry for _, entry in entries}
        self._pattern = self._compile()

    @classmethod
    def from_data(cls, loaded: LoadedData) -> Lexicon:
        curated = loaded.curated
        entries: list[tuple[str, Entry]] = []
        groups: list[tuple[Kind, list]] = [
            ("body", curated.bodies),
            ("instrument", curated.instruments),
            ("organisation", curated.organisations),
            ("person", curated.people),
        ]
        for kind, records in groups:
            for record in records:
                entry = Entry(record.id, kind, record.label, getattr(record, "type", None))
                for name in (record.label, *record.alt_labels):
                    entries.extend((variant, entry) for variant in _variants(name))
        return cls(entries)

    def _compile(self) -> re.Pattern[str]:
        names = sorted(self._by_name, key=len, reverse=True)
        acronyms = sorted(self._by_acronym, key=len, reverse=True)
        alternatives = [f"(?i:{re.escape(n)})" for n in names] + [re.escape(a) for a in acronyms]
        return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")

    def mentions(self, text: str) -> list[Mention]:
        found = []
        for match in self._pattern.finditer(text):
            name = match.group(0)
            entry = self._by_acronym.get(name) or self._by_name.get(name.casefold())
            if entry is not None:
                found.append(Mention(match.start(), match.end(), entry.id, entry.kind, name))
        return found

    def find(self, text: str, kind: Kind) -> list[Mention]:
        return [m for m in self.mentions(text) if m.kind == kind]


def _variants(name: str) -> list[str]:
    """The name as written, and without a leading "WCO " (reports say both)."""
    variants = [name]
    for prefix in ("WCO ", "the WCO ", "World Customs Organization "):
        if name.startswith(prefix) and len(name) > len(prefix) + 3:
            variants.append(name[len(prefix) :])
    return variants
