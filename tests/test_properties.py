"""Property-based tests (Hypothesis): the YAML loader under random perturbations of real curated
files, and the name resolver's case-insensitivity.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad

from wcograph.cli import main
from wcograph.errors import QueryError
from wcograph.namespaces import ID, RDF, RDFS, SKOS, WCO
from wcograph.query.resolve import resolve_entity
from wcograph.triples.store import GraphStore, vocabulary_quads

from .conftest import MINI_DATA

MINI_FILES = sorted(path.relative_to(MINI_DATA).as_posix() for path in MINI_DATA.rglob("*.yaml"))
# Characters YAML gives meaning to, and some that are not text at all.
NASTY = ":-[]{}&*!|>'\"#%@`,?\n\t \\\x00\x07\x1b\u202e\ufeffé"


@st.composite
def perturbed(draw: st.DrawFn) -> tuple[str, bytes]:
    """One mini file, changed in one random way: text inserted, a slice deleted, a line
    duplicated or moved, or bytes overwritten."""
    name = draw(st.sampled_from(MINI_FILES))
    content = (MINI_DATA / name).read_bytes()
    lines = content.splitlines(keepends=True)
    kind = draw(st.sampled_from(["insert", "delete", "duplicate", "move", "overwrite"]))
    at = draw(st.integers(0, len(content)))
    if kind == "insert":
        text = draw(st.text(alphabet=NASTY + "abc019", min_size=1, max_size=12))
        content = content[:at] + text.encode("utf-8") + content[at:]
    elif kind == "delete":
        content = content[:at] + content[at + draw(st.integers(1, 40)) :]
    elif kind in ("duplicate", "move"):
        line = draw(st.integers(0, len(lines) - 1))
        target = draw(st.integers(0, len(lines)))
        moved = lines.pop(line) if kind == "move" else lines[line]
        lines.insert(min(target, len(lines)), moved)
        content = b"".join(lines)
    else:
        noise = draw(st.binary(min_size=1, max_size=8))
        content = content[:at] + noise + content[at + len(noise) :]
    return name, content


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(perturbed())
def test_a_perturbed_curated_file_is_loaded_or_refused_never_a_traceback(
    change: tuple[str, bytes],
) -> None:
    name, content = change
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(MINI_DATA, data)
        (data / name).write_bytes(content)
        result = CliRunner().invoke(main, ["check-data", "--data", str(data)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        assert result.output.startswith("error: "), result.output


# --- the name resolver ------------------------------------------------------------------------

LETTERS = "abAB" + "éÉ"
acronyms = st.text(alphabet=LETTERS, min_size=2, max_size=3)
CLASSES = (WCO + "Committee", WCO + "WorkingGroup", WCO + "InternationalOrganisation")


@pytest.fixture(scope="module")
def vocabulary() -> list[Quad]:
    return vocabulary_quads()


def entity_store(vocabulary: list[Quad], acronyms_by_entity: list[tuple[str, int]]) -> GraphStore:
    """Entities ``id:entity-<n>`` of assorted classes, each with a label and one acronym."""
    quads = list(vocabulary)
    for n, (acronym, cls) in enumerate(acronyms_by_entity):
        node = NamedNode(f"{ID}entity-{n}")
        quads += [
            Quad(node, NamedNode(RDF + "type"), NamedNode(CLASSES[cls])),
            Quad(node, NamedNode(RDFS + "label"), Literal(f"Entity number {n}", language="en")),
            Quad(node, NamedNode(SKOS + "altLabel"), Literal(acronym, language="en")),
        ]
    return GraphStore.from_quads(quads)


def outcome(store: GraphStore, name: str) -> str:
    try:
        return resolve_entity(store, name).value
    except QueryError as err:
        return "ambiguous" if "is ambiguous" in str(err) else "unknown"


def case_variants(name: str) -> list[str]:
    return [name, name.upper(), name.lower(), name.swapcase(), name.capitalize()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(acronyms, st.integers(0, len(CLASSES) - 1)), min_size=1, max_size=5),
    acronyms,
)
def test_a_name_resolves_the_same_way_in_every_letter_case(
    vocabulary: list[Quad], entities: list[tuple[str, int]], name: str
) -> None:
    store = entity_store(vocabulary, entities)
    outcomes = {variant: outcome(store, variant) for variant in case_variants(name)}
    assert len(set(outcomes.values())) == 1, outcomes
    sharing = [n for n, (acronym, _) in enumerate(entities) if acronym.lower() == name.lower()]
    expected = {0: "unknown", 1: f"{ID}entity-{sharing[0]}" if sharing else ""}
    assert outcomes[name] == expected.get(len(sharing), "ambiguous")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(acronyms, st.integers(0, len(CLASSES) - 1), st.integers(0, len(CLASSES) - 1))
def test_an_acronym_two_entities_share_is_ambiguous_in_every_case(
    vocabulary: list[Quad], acronym: str, first: int, second: int
) -> None:
    store = entity_store(vocabulary, [(acronym, first), (acronym.swapcase(), second)])
    for variant in case_variants(acronym):
        assert outcome(store, variant) == "ambiguous", variant
