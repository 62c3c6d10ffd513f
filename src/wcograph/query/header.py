"""A query file's header: the leading comment block every ``.rq`` file opens with
(queries/README.md), read into a Header:

    # Question: Which bodies report directly to a body today?
    # Parameter: body (body) — the body reported to: acronym, label, IRI, CURIE or slug
    # As-of: cq/as-of/bodies-reporting-to
    # Sources: line
    # Ask: which bodies report (directly )?to {body}
    # Example: wcograph query cq/bodies-reporting-to --param body=PTC

The checks of queries/checks/ add ``# Violation:``, what one row means.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from wcograph.errors import Problem, QueryError

# Entity parameter types and the class an entity must belong to (None: any entity).
ENTITY_CLASSES: dict[str, str | None] = {
    "entity": None,
    "agent": "Agent",
    "body": "Body",
    "organisation": "Organisation",
    "person": "Person",
    "instrument": "Instrument",
    "meeting": "Event",
    "document": "Document",
}
VALUE_TYPES = ("date", "integer", "text", "label", "iri")
PARAMETER_TYPES = (*ENTITY_CLASSES, *VALUE_TYPES)

_KEY = re.compile(r"^(Question|Parameters?|As-of|Sources|Ask|Example|Violation|Note):\s*(.*)$")
_PARAMETER = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*) \((?P<type>[a-z]+)(?:, default (?P<default>[^)]+))?\)"
    r"\s+[—–-]+\s+(?P<description>.+)$"
)


# --- headers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def __str__(self) -> str:
        default = f", default {self.default}" if self.default else ""
        return f"{self.name} ({self.type}{default}) — {self.description}"


@dataclass(frozen=True)
class Header:
    """What a query's leading comment block declares."""

    question: str = ""
    parameters: tuple[Parameter, ...] = ()
    as_of: str | None = None
    sources: str | None = None
    asks: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    violation: str | None = None
    """A check's ``# Violation:`` text: what one row of it means (queries/checks/)."""

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def comment_block(text: str) -> list[str]:
    """The leading ``#`` lines, without the ``#`` and one following space."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return lines


def parse_header(text: str, origin: Path | None = None) -> Header:
    """Read the comment block. Lines indented under a key continue it; other lines are notes."""
    fields: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in comment_block(text):
        match = _KEY.match(line)
        if match:
            key = "Parameter" if match[1] == "Parameters" else match[1]
            last = fields.setdefault(key, [])
            last.append(match[2].strip())
        elif line.startswith("  ") and last:
            last[-1] = f"{last[-1]} {line.strip()}"
        elif line.strip():
            fields.setdefault("Note", []).append(line.strip())
            last = None
    parameters = tuple(
        _parameter(value, origin)
        for value in fields.get("Parameter", [])
        if value.rstrip(".") != "none"
    )
    return Header(
        question=" ".join(fields.get("Question", [])),
        parameters=parameters,
        as_of=_single(fields, "As-of", origin),
        sources=(_single(fields, "Sources", origin) or "").lstrip("?") or None,
        asks=tuple(fields.get("Ask", [])),
        examples=tuple(fields.get("Example", [])),
        notes=tuple(fields.get("Note", [])),
        violation=_single(fields, "Violation", origin),
    )


def _single(fields: Mapping[str, list[str]], key: str, origin: Path | None) -> str | None:
    values = fields.get(key, [])
    if len(values) > 1:
        raise QueryError(Problem(f"more than one '# {key}:' line", origin))
    return values[0] if values else None


def _parameter(value: str, origin: Path | None) -> Parameter:
    match = _PARAMETER.match(value)
    if not match or match["type"] not in PARAMETER_TYPES:
        raise QueryError(
            Problem(
                f"cannot read the parameter declaration {value!r}",
                origin,
                hint="write '# Parameter: name (type) — description' or '(type, default VALUE)'; "
                f"types: {', '.join(PARAMETER_TYPES)}",
            )
        )
    return Parameter(match["name"], match["type"], match["description"].strip(), match["default"])
