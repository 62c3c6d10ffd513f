"""Notes that still hold facts: a curator's ``note`` that mentions a date, a numbered meeting or
an entity id that no triple of the node (or of an entity one link away) carries.

A fact a question could need belongs in a triple (BRIEF: "a fact a question could need is a
triple, not only words in a note"). This lint finds the candidates; what remains once the facts
have moved out is commentary (an ambiguity, a disagreement, a wording).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from wcograph.namespaces import slug_of
from wcograph.query_run import run_named_query
from wcograph.store import GraphStore

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE = re.compile(r"\b(?:(" + "|".join(MONTHS) + r") )?((?:19|20)\d\d)\b")
MEETING_NUMBER = re.compile(r"\b(\d+)(?:st|nd|rd|th)(?:/\d+(?:st|nd|rd|th))? (?:Meeting|Session)")
SLUG = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")


@dataclass(frozen=True, order=True)
class Mention:
    """A fact a note states that no triple near its node carries."""

    node: str
    kind: str
    """date, meeting number or entity"""
    text: str
    curated_at: str | None


def lint_notes(store: GraphStore) -> list[Mention]:
    carried: dict[str, set[str]] = defaultdict(set)
    for row in run_named_query(store, "support/dated-values"):
        carried[row["node"]].add(str(row["value"]))
    near: dict[str, set[str]] = defaultdict(set)
    values: dict[str, set[str]] = defaultdict(set)
    for name in ("support/note-links", "support/note-backlinks"):
        for row in run_named_query(store, name):
            near[row["node"]].add(_slug(row["near"]))
            values[row["node"]] |= carried[row["near"]]
    for node in list(near):
        values[node] |= carried[node]
    entities = {_slug(row["node"]) for row in run_named_query(store, "support/curated-ids")}
    found: set[Mention] = set()
    for row in run_named_query(store, "support/notes"):
        node, note, origin = row["node"], row["note"], row["curatedAt"]
        for mention in _unsupported(note, near[node], values[node], entities):
            found.add(Mention(_slug(node), *mention, origin))
    return sorted(found)


def _unsupported(
    note: str, near: set[str], values: set[str], entities: set[str]
) -> list[tuple[str, str]]:
    missing = []
    for match in DATE.finditer(note):
        month, year = match.groups()
        prefix = f"{year}-{MONTHS.index(month) + 1:02d}" if month else year
        if not any(value.startswith(prefix) for value in values):
            missing.append(("date", match.group(0)))
    for match in MEETING_NUMBER.finditer(note):
        if match.group(1) not in values:
            missing.append(("meeting number", match.group(0)))
    for match in SLUG.finditer(note):
        slug = match.group(0)
        if slug in entities and slug not in near:
            missing.append(("entity", slug))
    return missing


def _slug(value: str | None) -> str:
    value = value or ""
    slug = slug_of(value)
    return value if slug is None else slug
