"""The controlled vocabularies, read from the ontology: the one place that says which values a
curated field may take.

The SKOS concept schemes of ``ontology/vocabularies.ttl`` (each concept's ``skos:notation`` is
the value a YAML file writes) and the class hierarchy of ``ontology/wcograph.ttl`` (a body's
``type`` names a subclass of ``wco:Body``) are the source. ``src/wcograph/vocabulary.py`` is
generated from them (``python -m wcograph.schemes --write``) so that importing the model parses
no RDF; ``tests/test_vocabulary.py`` fails when that module, the shapes' ``sh:in`` lists or the
build disagree with the ontology.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from wcograph.assets import ONTOLOGY_FILE, PACKAGE_DIR, VOCABULARIES_FILE
from wcograph.namespaces import ID, RDF, RDFS, SKOS, WCO

GENERATED_MODULE = PACKAGE_DIR / "vocabulary.py"


@dataclass(frozen=True)
class Vocabulary:
    """One controlled vocabulary: the model's name for it and where its values come from."""

    name: str
    """The type alias in src/wcograph/vocabulary.py (``LifecycleKind``)."""
    scheme: str | None = None
    """The concept scheme's slug (``lifecycle-event``: id:lifecycle-event)."""
    root_class: str | None = None
    """For a vocabulary of classes: the class whose subclasses it lists (``Body``)."""
    prop: str | None = None
    """The wco: property whose values the vocabulary constrains in the graph."""
    literal: bool = False
    """Written into the graph as the notation (a plain literal), not as the concept's IRI."""


VOCABULARIES = (
    Vocabulary("LifecycleKind", "lifecycle-event", prop="eventKind"),
    Vocabulary("StageKind", "stage-kind", prop="stageKind"),
    Vocabulary("Modality", "modality", prop="modality"),
    Vocabulary("MeetingStatus", "meeting-status", prop="meetingStatus"),
    Vocabulary("ConflictStatus", "conflict-status", prop="conflictStatus"),
    Vocabulary("OfferKind", "offer-kind", prop="offerKind"),
    Vocabulary("Appointment", "appointment", prop="cameBy"),
    Vocabulary("Evidence", "evidence", prop="evidence", literal=True),
    Vocabulary("MeetingFormat", "meeting-format", prop="format", literal=True),
    Vocabulary("AttendanceMode", "attendance-mode", prop="attendanceMode", literal=True),
    Vocabulary("StepAction", "step-action", prop="stepAction", literal=True),
    Vocabulary("TaskType", "task-type", prop="taskType", literal=True),
    Vocabulary("LineStatus", "line-status", prop="status", literal=True),
    Vocabulary("BodyType", root_class="Body"),
    Vocabulary("OrganisationClass", root_class="Organisation"),
    Vocabulary("InstrumentType", root_class="Instrument"),
)

_TYPE = NamedNode(RDF + "type")
_SUBCLASS = NamedNode(RDFS + "subClassOf")
_CONCEPT = NamedNode(SKOS + "Concept")
_IN_SCHEME = NamedNode(SKOS + "inScheme")
_NOTATION = NamedNode(SKOS + "notation")


def _read(paths: Iterable[Path]) -> list[Quad]:
    return [quad for path in paths for quad in parse(path=str(path), format=RdfFormat.TURTLE)]


def concepts(scheme: str, quads: list[Quad]) -> list[str]:
    """The notations of a scheme's concepts, in the order the file declares them."""
    scheme_node = NamedNode(ID + scheme)
    members = [q.subject for q in quads if q.predicate == _IN_SCHEME and q.object == scheme_node]
    notations = {
        q.subject: q.object.value
        for q in quads
        if q.predicate == _NOTATION and isinstance(q.object, Literal)
    }
    return [notations[m] for m in members if m in notations]


def subclasses(root: str, quads: list[Quad]) -> list[str]:
    """Local names of the wco: classes below ``wco:<root>`` (any depth), in file order."""
    parents: dict[str, set[str]] = {}
    for q in quads:
        if (
            q.predicate == _SUBCLASS
            and isinstance(q.subject, NamedNode)
            and isinstance(q.object, NamedNode)
        ):
            parents.setdefault(q.subject.value, set()).add(q.object.value)

    def below(node: str, seen: frozenset[str] = frozenset()) -> bool:
        direct = parents.get(node, set())
        return WCO + root in direct or any(below(p, seen | {node}) for p in direct if p not in seen)

    names = dict.fromkeys(subject for subject in parents if subject.startswith(WCO))
    return [name[len(WCO) :] for name in names if below(name)]


def values(vocabulary: Vocabulary, quads: list[Quad] | None = None) -> list[str]:
    """The values a curated field of this vocabulary may take."""
    quads = quads if quads is not None else ontology_quads()
    if vocabulary.scheme:
        return concepts(vocabulary.scheme, quads)
    assert vocabulary.root_class
    return subclasses(vocabulary.root_class, quads)


def ontology_quads() -> list[Quad]:
    return _read((ONTOLOGY_FILE, VOCABULARIES_FILE))


def concept_iri(scheme: str, notation: str) -> str:
    return f"{ID}{scheme}/{notation}"


def render_module(quads: list[Quad] | None = None) -> str:
    """The text of src/wcograph/vocabulary.py."""
    quads = quads if quads is not None else ontology_quads()
    lines = [
        '"""GENERATED from ontology/vocabularies.ttl and ontology/wcograph.ttl by',
        "``python -m wcograph.schemes --write``: do not edit. tests/test_vocabulary.py fails when",
        'it is out of date."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Literal",
        "",
    ]
    for vocabulary in VOCABULARIES:
        source = (
            f"The notations of id:{vocabulary.scheme}."
            if vocabulary.scheme
            else f"The subclasses of wco:{vocabulary.root_class}."
        )
        members = [f'    "{value}",' for value in values(vocabulary, quads)]
        lines += [f"{vocabulary.name} = Literal[", *members, "]", f'"""{source}"""', ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render_module()
    if argv == ["--write"]:
        GENERATED_MODULE.write_text(text, encoding="utf-8")
        return 0
    if argv == ["--check"]:
        current = GENERATED_MODULE.read_text(encoding="utf-8")
        if current != text:
            print(f"{GENERATED_MODULE} is out of date: python -m wcograph.schemes --write")
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
