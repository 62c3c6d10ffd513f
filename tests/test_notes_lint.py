"""The notes lint (issue 12): notes that still hold a date, a numbered meeting or an entity id
that no triple near the node carries, on the real data and on a note written to trip it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from wcograph.cli import main
from wcograph.notes_lint import lint_notes
from wcograph.pipeline import BuiltGraph, compile_graph

CEILING = 248
"""Mentions left on the real data when issue 12 closed: it may only go down as facts move out."""


def test_the_real_notes_hold_no_more_facts_than_before(built: BuiltGraph) -> None:
    mentions = lint_notes(built.store)
    assert 0 < len(mentions) <= CEILING
    texts = {(m.node, m.text) for m in mentions}
    # Moved out of notes into triples by issue 12: the decisions behind lines, events and roles.
    for node, text in [
        ("reporting-line/imsc/1", "ptc-219-220-p12-5"),
        ("lifecycle-event/vwg-customs-railways/1", "ptc-219-220-p18-3"),
        ("role-assignment/ian-saunders/3", "ptc-219-220-p167-1"),
    ]:
        assert (node, text) not in texts


def test_a_note_with_facts_no_triple_carries_is_listed(mini_copy: Path) -> None:
    body = mini_copy / "bodies" / "dmpt.yaml"
    body.write_text(
        body.read_text(encoding="utf-8")
        + "note: Its 68th Meeting in March 2019 followed decision ptc-241-242-p36-5.\n",
        encoding="utf-8",
    )
    mentions = lint_notes(compile_graph(mini_copy).store)
    assert {(m.kind, m.text) for m in mentions if m.node == "dmpt"} == {
        ("meeting number", "68th Meeting"),
        ("date", "March 2019"),
        ("entity", "ptc-241-242-p36-5"),
    }


def test_lint_notes_prints_each_mention_with_its_file() -> None:
    result = CliRunner().invoke(main, ["lint-notes"])
    assert result.exit_code == 0, result.output
    assert "data/instruments/" in result.output
    assert result.output.strip().splitlines()[-1].endswith("carry no triple")
