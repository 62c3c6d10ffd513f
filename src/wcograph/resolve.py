"""Entity lookup: a name as a user types it -> exactly one IRI, or an error listing candidates.

A name can be an IRI, a CURIE (``id:ptc``), a slug (``ptc``), a label (``Permanent Technical
Committee``) or an acronym or other name (``PTC``, a skos:altLabel), labels and acronyms compared
without regard to case. The lookups are queries in queries/support/ with the name bound as a
literal (never spliced into their text).
"""

from __future__ import annotations

import difflib
import re

from pyoxigraph import Literal, NamedNode

from wcograph.errors import Problem, QueryError
from wcograph.namespaces import ID, PREFIXES, compact, term
from wcograph.store import GraphStore

BY_IRI = "support/entity-by-iri"
BY_NAME = "support/entity-by-name"
BY_NAME_ANY_CASE = "support/entity-by-name-any-case"
NAMES = "support/entity-names"
SUBCLASSES = "support/subclasses"
IS_A = "support/is-a"
# Where suggestions come from when a parameter may be any entity.
TOP_CLASSES = ("Agent", "Instrument", "Event", "Document", "WorkProgrammeTask")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9/._-]*$")  # ids are lowercase kebab-case


def candidate_iri(name: str) -> NamedNode | None:
    """The IRI a name would be if it were an IRI, a CURIE or a slug; None otherwise."""
    prefix, sep, local = name.partition(":")
    try:
        if name.startswith(("http://", "https://", "urn:")):
            return NamedNode(name)
        if sep and prefix in PREFIXES and local:
            return NamedNode(PREFIXES[prefix] + local)
        if _SLUG.match(name):
            return NamedNode(ID + name)
    except ValueError:
        return None
    return None


def resolve_entity(
    store: GraphStore, name: str, cls: NamedNode | None = None, kind: str = "entity"
) -> NamedNode:
    """The one entity ``name`` stands for (an instance of ``cls`` when given)."""
    from wcograph.query import named_query, select

    name = name.strip()
    if not name:
        raise QueryError(Problem(f"an empty name cannot stand for a {kind}"))
    labels: dict[NamedNode, str] = {}
    of_kind: list[NamedNode] = []
    for query_name, binding in _lookups(name, classes_under(store, cls)):
        lookup = named_query(query_name)
        for row in select(store, lookup.text, binding, lookup.path).rows:
            entity = row.get("entity", row.get("iri"))
            if isinstance(entity, NamedNode):
                labels.setdefault(entity, _text(row.get("label")))
        of_kind = [
            node
            for node in sorted(labels, key=lambda node: node.value)
            if cls is None or is_a(store, node, cls)
        ]
        if of_kind:
            break
    found = sorted(labels, key=lambda node: node.value)
    if len(of_kind) == 1:
        return of_kind[0]
    if len(of_kind) > 1:
        listed = "; ".join(_describe(node, labels[node]) for node in of_kind)
        raise QueryError(
            Problem(
                f"{name!r} is ambiguous: it names {len(of_kind)} {kind} entities: {listed}",
                hint="give the IRI or the id (slug) of the one you mean",
            )
        )
    if found:
        listed = "; ".join(_describe(node, labels[node]) for node in found)
        raise QueryError(
            Problem(f"{name!r} names no {kind}, only: {listed}", hint=f"give the name of a {kind}")
        )
    close = closest_names(store, name, cls)
    hint = "closest: " + "; ".join(close) if close else f"no {kind} has a similar name"
    raise QueryError(Problem(f"no {kind} is called {name!r}", hint=hint))


def _lookups(name: str, types: list[NamedNode]) -> list[tuple[str, dict[str, NamedNode | Literal]]]:
    """The lookups to try in turn, cheapest and most exact first: the IRI (from an IRI, a CURIE
    or a slug), the exact label or acronym, then the labels and acronyms of the class's
    instances ignoring case, class by class."""
    lookups: list[tuple[str, dict[str, NamedNode | Literal]]] = []
    iri = candidate_iri(name)
    if iri is not None:
        lookups.append((BY_IRI, {"iri": iri}))
    lookups.append((BY_NAME, {"name": Literal(name, language="en")}))
    lookups += [(BY_NAME_ANY_CASE, {"name": Literal(name), "type": one}) for one in types]
    return lookups


def classes_under(store: GraphStore, cls: NamedNode | None) -> list[NamedNode]:
    """The class and its subclasses (of the top classes of named things when ``cls`` is None)."""
    from wcograph.query import named_query, select

    query = named_query(SUBCLASSES)
    tops = [cls] if cls is not None else [term("wco", name) for name in TOP_CLASSES]
    found: dict[str, NamedNode] = {}
    for top in tops:
        for row in select(store, query.text, {"class": top}, query.path).rows:
            sub = row["sub"]
            if isinstance(sub, NamedNode):
                found.setdefault(sub.value, sub)
    return [found[key] for key in sorted(found)]


def is_a(store: GraphStore, node: NamedNode, cls: NamedNode) -> bool:
    from wcograph.query import named_query, select

    query = named_query(IS_A)
    return bool(select(store, query.text, {"entity": node, "class": cls}, query.path).rows)


def closest_names(store: GraphStore, name: str, cls: NamedNode | None, n: int = 5) -> list[str]:
    """Up to ``n`` entities whose label or acronym is closest to ``name``, as 'label (id:slug)'."""
    from wcograph.query import named_query, select

    query = named_query(NAMES)
    names: dict[str, set[NamedNode]] = {}
    for one in classes_under(store, cls):
        for row in select(store, query.text, {"type": one}, query.path).rows:
            entity, label = row["entity"], row["term"]
            if isinstance(entity, NamedNode) and isinstance(label, Literal):
                names.setdefault(label.value.lower(), set()).add(entity)
    wanted = name.lower()
    scored = sorted(
        names,
        key=lambda candidate: (-_similarity(wanted, candidate), candidate),
    )
    result: list[str] = []
    seen: set[NamedNode] = set()
    for candidate in scored:
        if _similarity(wanted, candidate) < 0.5 or len(result) >= n:
            break
        for entity in sorted(names[candidate] - seen, key=lambda node: node.value):
            seen.add(entity)
            result.append(f"{candidate} ({compact(entity.value)})")
    return result[:n]


def _similarity(wanted: str, candidate: str) -> float:
    ratio = difflib.SequenceMatcher(None, wanted, candidate).ratio()
    if wanted in candidate or candidate in wanted:
        ratio = max(ratio, 0.75)
    return ratio


def _describe(node: NamedNode, label: str) -> str:
    return f"{compact(node.value)} ({label})" if label else compact(node.value)


def _text(value: object) -> str:
    return value.value if isinstance(value, Literal) else ""
