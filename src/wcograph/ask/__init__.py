"""``wcograph ask``: a plain question -> the bound query of the library that answers it.

understand.py reads the question (entities, meeting, time, kind, verb, count); this module runs
the query it maps onto through ``wcograph.query.answer.answer`` (so the day goes through the
library's as-of machinery), falls back to full-text search for topic questions, and words what it
could not answer with the nearest questions it can.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from wcograph.ask.understand import Understood, lexicon, understand
from wcograph.errors import Problem, QueryError
from wcograph.namespaces import expand
from wcograph.query.answer import answer
from wcograph.query.library import named_query
from wcograph.query.run import Answer, python_value, run_named_query
from wcograph.query.search import Hit
from wcograph.triples.store import GraphStore

__all__ = ["Asked", "ask", "nearest_questions", "understand"]


@dataclass(frozen=True)
class Asked:
    understood: Understood
    result: Answer
    ids_column: str

    @property
    def ids(self) -> set[str]:
        values = (python_value(row.get(self.ids_column)) for row in self.result.rows)
        return {str(v) for v in values if v is not None}

    @property
    def command(self) -> str:
        import shlex

        intent = self.understood.intent
        if intent is None:
            return shlex.join(["wcograph", "search", self.understood.topic or ""])
        words = ["wcograph", "query", intent.query]
        for key, value in self.understood.params.items():
            words += ["--param", f"{key}={value}"]
        if self.understood.as_of:
            words += ["--as-of", self.understood.as_of.isoformat()]
        command = shlex.join(words)
        if self.understood.topic:
            search = ["wcograph", "search", self.understood.topic, "--class", "wco:Decision"]
            command += f"  # rows kept to the hits of: {shlex.join(search)}"
        return command


def ask(
    store: GraphStore,
    question: str,
    *,
    with_sources: bool = True,
    today: date | None = None,
    as_of: date | None = None,
    cache_dir: Path | None = None,
) -> Asked:
    """Answer ``question``; ``as_of`` (``--as-of``) is read as the question's own "as of <day>"."""
    understood = understand(store, question, today, as_of)
    intent = understood.intent
    if understood.topic and understood.intent is None:
        return _search_answer(store, understood, cache_dir)
    if intent is None or understood.missing:
        raise not_understood(understood)
    query = named_query(intent.query)
    result = answer(
        store, query, understood.params, as_of=understood.as_of, with_sources=with_sources
    )
    if understood.topic:  # decisions about a topic: the bound answer, kept to the texts found
        found = {hit.node for hit in _hits(store, understood, cache_dir)}
        kept = [row for row in result.rows if python_value(row.get(intent.ids)) in found]
        result = replace(result, rows=kept)
    if intent.status:
        result = with_meeting_status(store, result, intent.status)
    return Asked(understood, result, intent.ids)


def with_meeting_status(store: GraphStore, result: Answer, column: str) -> Answer:
    """The answer with a ``meetingStatus`` column after ``column``: whether each meeting was
    held or only scheduled (or cancelled), as the sources say."""
    statuses = {row["meeting"]: row["status"] for row in run_named_query(store, STATUS_QUERY)}
    rows = [{**row, STATUS_COLUMN: _status_of(statuses, row.get(column))} for row in result.rows]
    variables = list(result.variables)
    variables.insert(variables.index(column) + 1 if column in variables else 0, STATUS_COLUMN)
    return replace(result, variables=variables, rows=rows)  # type: ignore[arg-type]


def _status_of(statuses: dict[str, str], meeting: object) -> Literal | None:
    status = statuses.get(str(python_value(meeting))) if meeting is not None else None
    return Literal(status) if status else None


def _hits(store: GraphStore, understood: Understood, cache_dir: Path | None) -> list[Hit]:
    from wcograph.query.search import search_graph

    return search_graph(
        store, understood.topic or "", understood.kind, limit=500, cache_dir=cache_dir
    )


def _search_answer(store: GraphStore, understood: Understood, cache_dir: Path | None) -> Asked:
    rows = [
        {
            "entity": NamedNode(expand(hit.node)),
            "label": Literal(hit.label),
            "class": NamedNode(expand(hit.cls)),
            "match": Literal(hit.snippet),
        }
        for hit in _hits(store, understood, cache_dir)
    ]
    result = Answer(["entity", "label", "class", "match"], rows)  # type: ignore[arg-type]
    return Asked(understood, result, "entity")


def nearest_questions(question: str, n: int = 3) -> list[str]:
    """The example questions most like ``question``, worded as questions."""
    from rapidfuzz import fuzz, process

    examples = [intent.example for intent in lexicon().intents]
    ranked = process.extract(question, examples, scorer=fuzz.token_set_ratio, limit=n)
    return [example for example, _, _ in ranked]


def not_understood(understood: Understood) -> QueryError:
    lines = understood.explain()[1:]
    near = nearest_questions(understood.question)
    understood_part = "; ".join(lines) if lines else "nothing it can map onto the graph"
    return QueryError(
        Problem(
            f"cannot answer {understood.question!r}: understood {understood_part}",
            hint="questions it can answer: " + " | ".join(near),
        )
    )


def with_count(asked: Asked) -> Asked:
    """The number of distinct answers, as a one-row table."""
    count = len(asked.ids)
    table = Answer(
        ["count"], [{"count": Literal(str(count), datatype=_INTEGER)}], asked.result.query
    )
    return replace(asked, result=table)


def trace(asked: Asked, explain: bool = False, show_query: bool = False) -> str:
    """What ``wcograph ask`` prints on standard error before the answer: the command it ran
    and, when asked, what it understood and the SPARQL with the values bound into it."""
    lines = [f"# {asked.command}"]
    if explain:
        lines.append("\n".join(f"# {line}" for line in asked.understood.explain()))
    if show_query and asked.result.query is not None:
        lines.append(asked.result.query.text.rstrip())
        lines += [f"# bound ?{name} = {value}" for name, value in asked.result.bindings.items()]
    return "\n".join(lines) + "\n"


STATUS_QUERY = "ask/meeting-status"
STATUS_COLUMN = "meetingStatus"
_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
