"""`wcograph fmt`: one canonical form for the curated YAML, idempotent, that never changes a
triple."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wcograph.assets import DATA_DIR
from wcograph.cli import main
from wcograph.namespaces import WCO
from wcograph.pipeline import BuiltGraph, compile_graph
from wcograph.records.fmt import formatted, not_canonical
from wcograph.records.model import Body

CURATED_AT = WCO + "curatedAt"


@pytest.fixture(scope="module")
def formatted_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data, formatted by the command."""
    target = tmp_path_factory.mktemp("fmt") / "data"
    shutil.copytree(DATA_DIR, target)
    result = CliRunner().invoke(main, ["fmt", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _triples(built: BuiltGraph) -> set[tuple[object, object, object]]:
    """Every triple but the build's record of where a node was curated (file:line moves when
    keys are reordered; it is not part of the released graph)."""
    return {
        (q.subject, q.predicate, q.object)
        for q in built.store.quads()
        if q.predicate.value != CURATED_AT
    }


def test_fmt_changes_no_triple(built: BuiltGraph, formatted_copy: Path) -> None:
    after = compile_graph(formatted_copy)
    assert _triples(after) == _triples(built)


def test_fmt_is_idempotent(formatted_copy: Path) -> None:
    assert not_canonical(formatted_copy) == {}
    result = CliRunner().invoke(main, ["fmt", "--check", str(formatted_copy)])
    assert result.exit_code == 0, result.output


def test_fmt_keeps_comments(formatted_copy: Path) -> None:
    for name in ("sources.yaml", "labels/fr.yaml", "meetings/pc0517.yaml"):
        original = (DATA_DIR / name).read_text(encoding="utf-8")
        comments = [line.strip() for line in original.splitlines() if line.lstrip().startswith("#")]
        assert comments, name
        text = (formatted_copy / name).read_text(encoding="utf-8")
        for comment in comments:
            assert comment in text, (name, comment)


BODY = """\
note: Curator's remark.
lifecycle:
- event: established
  source: {doc: pc0737, para: 3}
  date: 2021
label: Passenger Facilitation and Control Working Group
source: {lines: "19-21", doc: pc0737}
also_sourced:
- {doc: pc0737, para: 18}
- {doc: pc0517, para: 20}
- {doc: pc0737, para: 14}
id: pfcwg  # the PFCWG
reports_to:
- evidence: report-submitted
  source: {doc: pc0737, para: 20}
  body: ptc
  evidenced_at: [pfcwg-6, pfcwg-5]
- body: ptc
  evidence: stated
  source: {doc: pc0737, para: 19}
alt_labels: [PFCWG, Passenger WG]
type: WorkingGroup
"""

CANONICAL_BODY = """\
id: pfcwg  # the PFCWG
type: WorkingGroup
label: Passenger Facilitation and Control Working Group
alt_labels: [PFCWG, Passenger WG]
source: {doc: pc0737, lines: "19-21"}
also_sourced:
- {doc: pc0517, para: 20}
- {doc: pc0737, para: 14}
- {doc: pc0737, para: 18}
note: Curator's remark.
reports_to:
- body: ptc
  evidence: report-submitted
  evidenced_at: [pfcwg-5, pfcwg-6]
  source: {doc: pc0737, para: 20}
- body: ptc
  evidence: stated
  source: {doc: pc0737, para: 19}
lifecycle:
- event: established
  date: 2021
  source: {doc: pc0737, para: 3}
"""


def test_canonical_form_of_a_body(tmp_path: Path) -> None:
    """Identity first, plain fields in the model's order, provenance, then nested records;
    lists of names and of sources sorted; lists of records in their order; comments kept."""
    path = tmp_path / "bodies" / "pfcwg.yaml"
    path.parent.mkdir()
    path.write_text(BODY, encoding="utf-8")
    assert formatted(path, Body) == CANONICAL_BODY
    path.write_text(CANONICAL_BODY, encoding="utf-8")
    assert formatted(path, Body) == CANONICAL_BODY


def test_fmt_check_lists_files_not_canonical_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    body = data / "bodies" / "pfcwg.yaml"
    body.write_text(BODY, encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", "--check", str(data)])
    assert result.exit_code == 1
    assert f"not canonical: {body.as_posix()}" in result.output
    assert body.read_text(encoding="utf-8") == BODY


def test_fmt_refuses_bad_yaml_naming_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    body = data / "bodies" / "pfcwg.yaml"
    body.write_text("id: pfcwg\ntype: WorkingGroup\nid: again\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    result = CliRunner().invoke(main, ["fmt", str(data)])
    assert result.exit_code == 2
    assert "pfcwg.yaml" in result.output and ":3" in result.output
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before  # nothing half-written
