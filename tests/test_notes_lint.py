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


def test_a_note_naming_its_own_source_or_the_sessions_it_reports_is_not_listed(
    mini_copy: Path,
) -> None:
    # dmpt cites pc0737 (published 4 December 2023, describing the PTC's 24-26 October 2023
    # sessions); the year inside an id names a page, it dates nothing.
    body = mini_copy / "bodies" / "dmpt.yaml"
    body.write_text(
        body.read_text(encoding="utf-8")
        + "note: As pc0737 says of the October 2023 sessions (see wco-news-2019-11-dmpt-70),"
        " it was set up in March 2019.\n",
        encoding="utf-8",
    )
    mentions = lint_notes(compile_graph(mini_copy).store)
    assert {(m.kind, m.text) for m in mentions if m.node == "dmpt"} == {("date", "March 2019")}


def test_a_sub_record_note_naming_a_source_its_holder_cites_is_not_listed(
    mini_copy: Path,
) -> None:
    sources = mini_copy / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "- id: wco-news-2023-05-dmpt-66\n  kind: news-article\n  title: DMPT 66th Meeting\n"
        "  url: https://www.wcoomd.org/en/media/newsroom/2023/may/dmpt-66.aspx\n"
        "  published: 2023-05\n  publisher: World Customs Organization\n  language: en\n"
        "  retrieved: 2026-12-05\n",
        encoding="utf-8",
    )
    body = mini_copy / "bodies" / "dmpt.yaml"
    body.write_text(
        body.read_text(encoding="utf-8").replace(
            "  source: {doc: pc0737, para: 20}\n",
            "  source: {doc: pc0737, para: 20}\n"
            "  note: The article wco-news-2023-05-dmpt-66 says so too, as ptc-241-242 heard.\n",
        ),
        encoding="utf-8",
    )

    def line_mentions() -> set[tuple[str, str, str]]:
        mentions = lint_notes(compile_graph(mini_copy).store)
        return {(m.node, m.kind, m.text) for m in mentions if m.node.startswith("reporting-line")}

    article = ("reporting-line/dmpt/1", "entity", "wco-news-2023-05-dmpt-66")
    meeting = ("reporting-line/dmpt/1", "entity", "ptc-241-242")
    assert line_mentions() == {article, meeting}
    # Once the body holding the line cites the article, naming it in the line's note adds nothing.
    body.write_text(
        body.read_text(encoding="utf-8").replace(
            "source: {doc: pc0737, para: 15}\n",
            "source: {doc: pc0737, para: 15}\n"
            "also_sourced:\n- {doc: wco-news-2023-05-dmpt-66, para: 1}\n",
            1,
        ),
        encoding="utf-8",
    )
    assert line_mentions() == {meeting}


def test_a_year_inside_an_instruments_name_is_not_a_date(mini_copy: Path) -> None:
    (mini_copy / "instruments" / "dmpt-work-programme-2023-2025.yaml").write_text(
        "id: dmpt-work-programme-2023-2025\ntype: WorkProgramme\n"
        "label: DMPT Work Programme 2023-2025\nsource: {doc: pc0737, para: 20}\n",
        encoding="utf-8",
    )
    body = mini_copy / "bodies" / "dmpt.yaml"
    body.write_text(
        body.read_text(encoding="utf-8")
        + "note: It updated the DMPT Work Programme 2023-2025, planned since 2021.\n",
        encoding="utf-8",
    )
    mentions = lint_notes(compile_graph(mini_copy).store)
    # "2025" inside the name names the programme (2023 is pc0737's own year); 2021 is a date.
    assert {(m.kind, m.text) for m in mentions if m.node == "dmpt"} == {("date", "2021")}


def test_a_note_pointing_at_a_recorded_conflict_names_what_its_claims_carry(
    mini_copy: Path,
) -> None:
    body = mini_copy / "bodies" / "dmpt.yaml"
    body.write_text(
        body.read_text(encoding="utf-8")
        + "note: The report dates its 66th Meeting to April 2023 or to May 2023.\n",
        encoding="utf-8",
    )

    def dmpt_mentions() -> set[tuple[str, str]]:
        mentions = lint_notes(compile_graph(mini_copy).store)
        return {(m.kind, m.text) for m in mentions if m.node == "dmpt"}

    dates = {("date", "April 2023"), ("date", "May 2023")}
    assert dates <= dmpt_mentions()
    body.write_text(
        body.read_text(encoding="utf-8")
        + "conflicts:\n- about: the dates of the DMPT's 66th Meeting\n  claims:\n"
        "  - says: held in April 2023\n    value: 2023-04\n    source: {doc: pc0737, para: 19}\n"
        "  - says: held in May 2023\n    value: 2023-05\n    source: {doc: pc0737, para: 20}\n",
        encoding="utf-8",
    )
    assert not dates & dmpt_mentions()
