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
from wcograph.namespaces import ID, PREFIXES, compact, expand, term
from wcograph.query.library import named_query
from wcograph.query.run import select
from wcograph.triples.store import GraphStore, Term

BY_IRI = "support/entity-by-iri"
BY_NAME_ANY_CASE = "support/entity-by-name-any-case"
NAMES = "support/entity-names"
SUBCLASSES = "support/subclasses"
IS_A = "support/is-a"
# Where suggestions come from when a parameter may be any entity.
TOP_CLASSES = ("Agent", "Instrument", "Event", "Document", "WorkProgrammeTask")
MAX_NAME_LENGTH = 1500
"""No label is longer (shapes/labels.ttl, wcosh:LabelLength): a longer name is refused before
it is compared with every label."""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9/._-]*$")  # ids are lowercase kebab-case


def candidate_iri(name: str) -> NamedNode | None:
    """The IRI a name would be if it were an IRI, a CURIE or a slug; None otherwise."""
    try:
        if name.startswith(("http://", "https://", "urn:")):
            return NamedNode(name)
        if expand(name) != name:
            return NamedNode(expand(name))
        if _SLUG.match(name):
            return NamedNode(ID + name)
    except ValueError:
        return None
    return None


def resolve_entity(
    store: GraphStore, name: str, cls: NamedNode | None = None, kind: str = "entity"
) -> NamedNode:
    """The one entity ``name`` stands for (an instance of ``cls`` when given).

    An IRI or a CURIE names one entity exactly. Any other name is compared with every label and
    acronym ignoring case, together with the id it would be as a slug: every entity it names
    counts, so a name two entities share is ambiguous in every letter case.
    """
    name = name.strip()
    if not name:
        raise QueryError(Problem(f"an empty name cannot stand for a {kind}"))
    if len(name) > MAX_NAME_LENGTH:
        raise QueryError(
            Problem(f"a name of {len(name):,} characters is longer than any label ({kind})")
        )
    types = classes_under(store, cls)
    found = _by_iri(store, name)
    if not _is_explicit_iri(name):
        found.update(_by_name(store, name, types))
    of_kind = [
        node
        for node in sorted(found, key=lambda node: node.value)
        if cls is None or is_a(store, node, cls)
    ]
    if len(of_kind) == 1:
        return of_kind[0]
    if len(of_kind) > 1:
        listed = "; ".join(_describe(node, found[node]) for node in of_kind)
        raise QueryError(
            Problem(
                f"{name!r} is ambiguous: it names {len(of_kind)} {kind} entities: {listed}",
                hint="give the IRI or the CURIE (id:<slug>) of the one you mean",
            )
        )
    others = found or _by_name(store, name, None)
    if others:
        listed = "; ".join(
            _describe(node, others[node]) for node in sorted(others, key=lambda n: n.value)
        )
        raise QueryError(
            Problem(f"{name!r} names no {kind}, only: {listed}", hint=f"give the name of a {kind}")
        )
    close = closest_names(store, name, cls)
    hint = "closest: " + "; ".join(close) if close else f"no {kind} has a similar name"
    raise QueryError(Problem(f"no {kind} is called {name!r}", hint=hint))


def _is_explicit_iri(name: str) -> bool:
    prefix, sep, _ = name.partition(":")
    return name.startswith(("http://", "https://", "urn:")) or bool(sep and prefix in PREFIXES)


def _by_iri(store: GraphStore, name: str) -> dict[NamedNode, str]:
    """The entity whose IRI the name is (as an IRI, a CURIE or a slug), with its label."""
    iri = candidate_iri(name)
    if iri is None:
        return {}
    return {entity: label for entity, label, _ in _matches(store, BY_IRI, {"iri": iri}, "iri")}


def _by_name(store: GraphStore, name: str, types: list[NamedNode] | None) -> dict[NamedNode, str]:
    """Entities with this label or acronym in any letter case (instances of ``types`` if given,
    not counting subclasses: ``types`` lists them)."""
    allowed = None if types is None else {one.value for one in types}
    return {
        entity: label
        for entity, label, type_ in _matches(store, BY_NAME_ANY_CASE, {"name": Literal(name)})
        if allowed is None or type_ in allowed
    }


def _matches(
    store: GraphStore, query_name: str, binding: dict[str, Term], column: str = "entity"
) -> list[tuple[NamedNode, str, str]]:
    """(entity, label, class IRI or "") rows of a lookup query."""
    lookup = named_query(query_name)
    rows = select(store, lookup.text, binding, lookup.path).rows
    return [
        (entity, _text(row.get("label")), getattr(row.get("type"), "value", ""))
        for row in rows
        if isinstance(entity := row.get(column), NamedNode)
    ]


def classes_under(store: GraphStore, cls: NamedNode | None) -> list[NamedNode]:
    """The class and its subclasses (of the top classes of named things when ``cls`` is None)."""
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
    query = named_query(IS_A)
    return bool(select(store, query.text, {"entity": node, "class": cls}, query.path).rows)


def closest_names(store: GraphStore, name: str, cls: NamedNode | None, n: int = 5) -> list[str]:
    """Up to ``n`` entities whose label or acronym is closest to ``name``, as 'label (id:slug)'."""
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
