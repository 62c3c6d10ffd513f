"""Plain questions -> a query of the library, by the ``# Ask:`` patterns in the query headers.

No language model: each pattern is a regular expression in which ``{name}`` stands for a
parameter; the question matches a pattern or it is not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wcograph.errors import Problem, QueryError
from wcograph.query import NamedQuery, bind_parameters, listed_queries
from wcograph.store import GraphStore

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Match:
    query: NamedQuery
    params: dict[str, str]

    @property
    def command(self) -> str:
        import shlex

        words = ["wcograph", "query", self.query.name]
        for key, value in self.params.items():
            words += ["--param", f"{key}={value}"]
        return shlex.join(words)


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """``which bodies report to {body}`` -> a case-insensitive regex with a group per parameter."""
    parts: list[str] = []
    position = 0
    for placeholder in _PLACEHOLDER.finditer(pattern):
        parts.append(pattern[position : placeholder.start()])
        parts.append(f"(?P<{placeholder[1]}>.+?)")
        position = placeholder.end()
    parts.append(pattern[position:])
    return re.compile("".join(parts), re.IGNORECASE)


def matches(question: str) -> list[Match]:
    """Every (query, parameters) a question fits, the most specific (most parameters) first."""
    text = " ".join(question.split()).strip().rstrip("?.!").strip()
    found: list[Match] = []
    for query in listed_queries():
        for pattern in query.header.asks:
            hit = pattern_regex(pattern).fullmatch(text)
            if hit:
                params = {key: _entity_words(value) for key, value in hit.groupdict().items()}
                found.append(Match(query, params))
                break
    return sorted(found, key=lambda match: (-len(match.params), match.query.name))


def match_question(store: GraphStore, question: str) -> Match:
    """The first match whose parameters resolve in the graph."""
    found = matches(question)
    if not found:
        examples = [ask for query in listed_queries() for ask in query.header.asks[:1]]
        raise QueryError(
            Problem(
                f"cannot map {question!r} onto a query of the library",
                hint="questions it knows look like: "
                + "; ".join(examples[:6])
                + " ... (wcograph query --list shows them all)",
            )
        )
    first_error: QueryError | None = None
    for match in found:
        try:
            bind_parameters(store, match.query, match.params)
        except QueryError as err:
            first_error = first_error or err
            continue
        return match
    assert first_error is not None
    raise first_error


def _entity_words(value: str) -> str:
    """``the PTC`` -> ``PTC``: a question's article is not part of a name."""
    value = value.strip().strip("\"'“”")
    return re.sub(r"^the\s+", "", value, flags=re.IGNORECASE)
