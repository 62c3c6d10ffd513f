"""The notes lint (issue 12): notes that still hold a date, a numbered meeting or an entity id
that no triple near the node carries, on the real data and on a note written to trip it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from wcograph.cli import main
from wcograph.pipeline import BuiltGraph, compile_graph
from wcograph.query.answer import answer
from wcograph.query.library import named_query
from wcograph.validate.notes_lint import lint_notes

CEILING = 267
"""Mentions left on the real data once the public record's facts moved out of its notes (578
listed before, by a lint that also counted a note's own source and the years inside ids and
instrument names): it may only go down as facts move out."""


def test_the_real_notes_hold_no_more_facts_than_before(built: BuiltGraph) -> None:
    mentions = lint_notes(built.store)
    assert 0 < len(mentions) <= CEILING
    texts = {(m.node, m.text) for m in mentions}
    # Moved out of notes into triples by issue 12: the decisions behind lines, events and roles.
    for node, text in [
        ("reporting-line/imsc/1", "ptc-219-220-p12-5"),
        ("lifecycle-event/vwg-customs-railways/1", "ptc-219-220-p18-3"),
        ("role-assignment/ian-saunders/3", "ptc-219-220-p167-1"),
        # Moved out of the public record's notes into next steps, conflicts, meetings, stages,
        # lifecycle events and elections.
        ("co-common-dataset", "3rd Meeting"),
        ("resilience-concept-note", "29th Meeting"),
        ("customs-port-cooperation-guidelines", "April 2024"),
        ("rkc-review-virtual-working-group", "15th Meeting"),
        ("louritha-green", "wco-news-2017-05-imsc"),
        ("crbd", "2020"),
        ("teg-nii-6", "5th Meeting"),
        ("api-pnr-contact-committee-10", "April 2017"),
        ("tccv-38", "October 2014"),
    ]:
        assert (node, text) not in texts


def rows(built: BuiltGraph, query: str, **params: str) -> list[dict]:
    return answer(built.store, named_query(query), params).values()


def test_facts_moved_out_of_notes_are_answered_by_the_query_library(built: BuiltGraph) -> None:
    # pc0737 para 26: the IWG prepares Version 2 "for further discussion at the 3rd Meeting,
    # scheduled for November 2023".
    steps = rows(built, "cq/planned-steps", meeting="co-interconnectivity-iwg-2")
    assert {(r["what"], r["dueAt"], r["dueAtStatus"]) for r in steps} == {
        ("id:co-business-process-models", "id:co-interconnectivity-iwg-3", "scheduled"),
        ("id:co-common-dataset", "id:co-interconnectivity-iwg-3", "scheduled"),
    }
    # pc0737 para 113: the concept note goes to the 29th SWG Meeting and the 89th PC Session.
    steps = rows(built, "cq/planned-steps", meeting="ptc-241-242")
    assert {r["dueAt"] for r in steps if r["what"] == "id:resilience-concept-note"} == {
        "id:swg-29",
        "id:policy-commission-89",
    }
    # pc0517 lines 1083-1086 (November 2017) against wco-news-2017-04-rkc-mc-16 para 1
    # (November 2016): the disagreement is a conflict with both claims.
    conflicts = rows(built, "cq/open-conflicts")
    assert {
        r["value"] for r in conflicts if r["about"] == "id:rkc-review-virtual-working-group"
    } == {"2017-11", "2016-11"}
    # wco-news-2014-05-tccv-38 para 4: "The TCCV will meet again in October 2014."
    scheduled = {r["meeting"]: r for r in rows(built, "cq/scheduled-meetings")}
    assert scheduled["id:tccv-2014-10"]["start"] == "2014-10-01"
    assert scheduled["id:tccv-2014-10"]["status"] == "scheduled"


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
