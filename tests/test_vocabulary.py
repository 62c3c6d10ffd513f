"""The schema said once: the controlled vocabularies live in ontology/ and every other place that
lists them (the model, the shapes, the build, the derivation) is tied to it here."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from wcograph import schemes
from wcograph.assets import ONTOLOGY_FILE, SHAPES_DIR, VOCABULARIES_FILE
from wcograph.namespaces import RDF, RDFS, SH, SKOS, WCO
from wcograph.pipeline import BuiltGraph
from wcograph.records import model
from wcograph.triples import timeline
from wcograph.triples.build import DOCUMENT_CLASS, ORGANISATION_CLASS

BY_NAME = {vocabulary.name: vocabulary for vocabulary in schemes.VOCABULARIES}

# Literal lists the model may keep: they name no concept or class of the ontology.
NOT_VOCABULARIES = {
    ("SourceDocument", "kind"),  # mapped onto wco:Document's subclasses (checked below)
    ("Meeting", "kind"),  # the event classes wco:Meeting, wco:Conference, wco:Event
    ("Person", "type"),  # always Person
    ("Citation", "external"),
}


def _shape_quads() -> list:
    return [
        quad
        for path in sorted(SHAPES_DIR.glob("*.ttl"))
        for quad in parse(path=str(path), format=RdfFormat.TURTLE)
    ]


def _rdf_list(quads: list, head: object) -> list:
    first, rest, nil = NamedNode(RDF + "first"), NamedNode(RDF + "rest"), NamedNode(RDF + "nil")
    by_subject: dict = {}
    for quad in quads:
        by_subject.setdefault((quad.subject, quad.predicate), quad.object)
    items = []
    while head != nil:
        items.append(by_subject[(head, first)])
        head = by_subject[(head, rest)]
    return items


def _sh_in_lists(quads: list) -> dict[str, list[list]]:
    """sh:in lists of the shapes, by the wco: property their shape's sh:path names."""
    paths = {q.subject: q.object for q in quads if q.predicate == NamedNode(SH + "path")}
    lists: dict[str, list[list]] = {}
    for quad in quads:
        if quad.predicate == NamedNode(SH + "in") and quad.subject in paths:
            path = paths[quad.subject]
            if isinstance(path, NamedNode) and path.value.startswith(WCO):
                lists.setdefault(path.value[len(WCO) :], []).append(_rdf_list(quads, quad.object))
    return lists


def _expected_terms(vocabulary: schemes.Vocabulary) -> set:
    assert vocabulary.scheme
    notations = schemes.values(vocabulary)
    if vocabulary.literal:
        return {Literal(n) for n in notations}
    return {NamedNode(schemes.concept_iri(vocabulary.scheme, n)) for n in notations}


def test_generated_module_is_the_ontologys_vocabularies() -> None:
    current = schemes.GENERATED_MODULE.read_text(encoding="utf-8")
    assert current == schemes.render_module(), "run: python -m wcograph.schemes --write"


def test_a_concept_added_to_the_ontology_makes_the_module_stale(tmp_path: Path) -> None:
    """The check above can fail: one more concept in the scheme changes the module."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/wcograph/id/modality/rumoured> skos:inScheme"
        ' <https://w3id.org/wcograph/id/modality> ; skos:notation "rumoured" .\n',
        encoding="utf-8",
    )
    quads = schemes.ontology_quads() + list(parse(path=str(extra), format=RdfFormat.TURTLE))
    assert '"rumoured"' in schemes.render_module(quads)
    assert schemes.render_module(quads) != schemes.GENERATED_MODULE.read_text(encoding="utf-8")


def _vocabulary_fields() -> list[tuple[str, str, object]]:
    fields = []
    for name in dir(model):
        cls = getattr(model, name)
        if isinstance(cls, type) and issubclass(cls, model.Record) and cls is not model.Record:
            hints = typing.get_type_hints(cls, vars(model))
            for field in cls.model_fields:
                if field in hints:
                    fields.append((name, field, hints[field]))
    return fields


def _literal_values(annotation: object) -> set[str]:
    """Every string a Literal inside the annotation admits (through Optional, unions, lists)."""
    if typing.get_origin(annotation) is typing.Literal:
        return {value for value in typing.get_args(annotation) if isinstance(value, str)}
    return {value for arg in typing.get_args(annotation) for value in _literal_values(arg)}


def test_every_closed_list_of_the_model_comes_from_the_ontology() -> None:
    """A field whose values form a closed list takes them from wcograph.vocabulary (generated
    from the ontology), so adding a value anywhere but in ontology/ fails here."""
    generated = {frozenset(schemes.values(v)) for v in schemes.VOCABULARIES}
    generated.add(frozenset([*schemes.values(BY_NAME["OrganisationClass"]), "WCO"]))
    for cls, field, annotation in _vocabulary_fields():
        admitted = _literal_values(annotation)
        if not admitted or (cls, field) in NOT_VOCABULARIES:
            continue
        assert frozenset(admitted) in generated, f"{cls}.{field}: {sorted(admitted)}"


def test_each_vocabulary_is_used_by_the_model() -> None:
    used = {frozenset(_literal_values(a)) for _, _, a in _vocabulary_fields()}
    for vocabulary in schemes.VOCABULARIES:
        if vocabulary.name == "LineStatus":  # derived at build time, never curated
            continue
        values = set(schemes.values(vocabulary))
        assert any(values <= admitted for admitted in used), vocabulary.name


def test_shapes_sh_in_lists_are_the_schemes() -> None:
    lists = _sh_in_lists(_shape_quads())
    for vocabulary in schemes.VOCABULARIES:
        if vocabulary.prop is None:
            continue
        assert vocabulary.prop in lists, f"no shape constrains wco:{vocabulary.prop} with sh:in"
        for listed in lists[vocabulary.prop]:
            assert set(listed) == _expected_terms(vocabulary), vocabulary.name
            assert len(listed) == len(set(listed))


def test_every_scheme_and_concept_is_declared_with_label_and_definition() -> None:
    quads = list(parse(path=str(VOCABULARIES_FILE), format=RdfFormat.TURTLE))
    typed = {(q.subject, q.object) for q in quads if q.predicate == NamedNode(RDF + "type")}
    described = {(q.subject, q.predicate) for q in quads}
    for vocabulary in schemes.VOCABULARIES:
        if vocabulary.scheme is None:
            continue
        scheme = NamedNode(schemes.concept_iri(vocabulary.scheme, "")[:-1])
        assert (scheme, NamedNode(SKOS + "ConceptScheme")) in typed
        for term in _expected_terms(vocabulary):
            concept = (
                NamedNode(schemes.concept_iri(vocabulary.scheme, term.value))
                if isinstance(term, Literal)
                else term
            )
            assert (concept, NamedNode(SKOS + "Concept")) in typed
            for predicate in ("prefLabel", "definition", "inScheme", "notation"):
                assert (concept, NamedNode(SKOS + predicate)) in described, (concept, predicate)


def test_class_vocabularies_are_classes_with_definitions() -> None:
    quads = list(parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE))
    described = {(q.subject.value, q.predicate.value) for q in quads}
    for name in ("BodyType", "OrganisationClass", "InstrumentType"):
        for cls in schemes.values(BY_NAME[name]):
            assert (WCO + cls, RDFS + "label") in described
            assert (WCO + cls, SKOS + "definition") in described
    documents = schemes.subclasses("Document", quads)
    assert set(DOCUMENT_CLASS.values()) <= set(documents)
    organisations = schemes.subclasses("Organisation", quads)
    assert set(ORGANISATION_CLASS.values()) <= set(organisations)
    assert set(typing.get_args(model.DocumentKind)) == set(DOCUMENT_CLASS)


def test_line_status_of_the_derivation_is_the_scheme() -> None:
    """timeline.py writes the statuses; each is a notation of id:line-status."""
    source = Path(timeline.__file__).read_text(encoding="utf-8")
    for status in schemes.values(BY_NAME["LineStatus"]):
        assert f'"{status}"' in source


@pytest.mark.parametrize(
    "vocabulary", [v for v in schemes.VOCABULARIES if v.prop], ids=lambda v: v.name
)
def test_the_build_writes_only_declared_values(built: BuiltGraph, vocabulary) -> None:
    allowed = _expected_terms(vocabulary)
    written = {
        quad.object
        for quad in built.store.quads()
        if quad.predicate == NamedNode(WCO + vocabulary.prop)
    }
    assert written, f"the real data uses no wco:{vocabulary.prop}"
    assert written <= allowed, written - allowed
