"""Notes that still hold facts: a curator's ``note`` that mentions a date, a numbered meeting or
an entity id that no triple of the node (or of an entity one link away) carries.

A source document the node cites (or, for a sub-record such as a lifecycle event, the record
holding it cites) is no new fact when the note names it, and the year inside an id
(``wco-news-2020-11-cap-17``) or inside an instrument's name ("PFCWG Work Programme 2022-2025")
dates nothing; nor does a note dating a fact to its own source
(the document's date, or the sessions it reports: "in development in October 2025"). A note
pointing at a recorded conflict names what the conflict's claims carry: their sources and values.

A fact a question could need belongs in a triple (BRIEF: "a fact a question could need is a
triple, not only words in a note"). This lint finds the candidates; what remains once the facts
have moved out is commentary (an ambiguity, a disagreement, a wording).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from wcograph.namespaces import slug_of
from wcograph.query.run import run_named_query
from wcograph.triples.store import GraphStore

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
ID_LETTER = re.compile(r"[a-z]")
"""An id has a letter; "2022-2025" in prose is a span of years, not an id."""


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
    described: dict[str, set[str]] = defaultdict(set)
    for row in run_named_query(store, "support/described-meetings"):
        described[row["doc"]].add(row["meeting"])
    for name in ("support/note-provenance", "support/note-holder-provenance"):
        for row in run_named_query(store, name):
            near[row["node"]].add(_slug(row["doc"]))
            values[row["node"]] |= carried[row["doc"]]
            for meeting in described[row["doc"]]:
                values[row["node"]] |= carried[meeting]
    for row in run_named_query(store, "support/note-conflicts"):
        near[row["node"]].add(_slug(row["doc"]))
        if row.get("value") is not None:
            values[row["node"]].add(str(row["value"]))
    for node in list(near):
        values[node] |= carried[node]
    entities = {_slug(row["node"]) for row in run_named_query(store, "support/curated-ids")}
    names = [str(row["name"]) for row in run_named_query(store, "support/dated-names")]
    found: set[Mention] = set()
    for row in run_named_query(store, "support/notes"):
        node, note, origin = row["node"], row["note"], row["curatedAt"]
        for mention in _unsupported(note, near[node], values[node], entities, names):
            found.add(Mention(_slug(node), *mention, origin))
    return sorted(found)


def _unsupported(
    note: str, near: set[str], values: set[str], entities: set[str], names: list[str]
) -> list[tuple[str, str]]:
    missing = []
    naming = _naming_spans(note, names)
    for match in DATE.finditer(note):
        if any(start <= match.start() < end for start, end in naming):
            continue  # a year inside an id or an instrument's name names, it dates nothing
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


def _naming_spans(note: str, names: list[str]) -> list[tuple[int, int]]:
    """Where the note writes an id (wco-news-2020-11-cap-17) or a dated instrument name (PFCWG
    Work Programme 2022-2025)."""
    spans = [match.span() for match in SLUG.finditer(note) if ID_LETTER.search(match.group(0))]
    for name in names:
        start = note.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = note.find(name, start + 1)
    return spans


def _slug(value: str | None) -> str:
    value = value or ""
    slug = slug_of(value)
    return value if slug is None else slug


def render_mentions(mentions: list[Mention], fmt: str) -> str:
    """The mentions as JSON, or a line each and a count of them and of their nodes."""
    if fmt == "json":
        import json

        return json.dumps([mention.__dict__ for mention in mentions], indent=1) + "\n"
    lines = [f"{m.curated_at or m.node}  {m.kind}: {m.text}" for m in mentions]
    nodes = len({mention.node for mention in mentions})
    lines.append(f"{len(mentions)} mentions in the notes of {nodes} nodes carry no triple")
    return "\n".join(lines) + "\n"
