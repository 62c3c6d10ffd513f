"""`wcograph ask` on analysts' questions (tests/ask/questions.yaml), the README's and issue 13's
headline questions as worded, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pyoxigraph import Literal, Quad

from wcograph.ask import ask, understand
from wcograph.cli import main
from wcograph.errors import WcographError
from wcograph.namespaces import entity, term
from wcograph.pipeline import BuiltGraph
from wcograph.store import GraphStore

QUESTIONS = yaml.safe_load((Path(__file__).parent / "ask" / "questions.yaml").read_text())
# The shares the README states; the test fails below them.
DEVELOPMENT_SHARE = 0.95
HELD_OUT_SHARE = 0.90


def answered_exactly(built: BuiltGraph, item: dict) -> bool:
    try:
        asked = ask(built.store, item["question"], with_sources=False)
    except WcographError:
        return False
    return sorted(asked.ids) == item["ids"]


def test_the_question_set_is_answered_at_the_stated_shares(built: BuiltGraph) -> None:
    assert len(QUESTIONS) >= 200
    shares = {}
    for held_out in (False, True):
        part = [q for q in QUESTIONS if q["held_out"] is held_out]
        right = [q for q in part if answered_exactly(built, q)]
        shares[held_out] = len(right) / len(part)
        print(f"held_out={held_out}: {len(right)}/{len(part)} = {shares[held_out]:.1%}")
    assert shares[False] >= DEVELOPMENT_SHARE
    assert shares[True] >= HELD_OUT_SHARE


HEADLINES = {
    "Which bodies report to the PTC today?": ("sub", {"id:dmpt", "id:pfc-mini-group", "id:swg"}),
    "Which bodies report to the PTC in 2018?": ("sub", {"id:wgec", "id:swg", "id:imsc"}),
    "What did the October 2023 sessions endorse?": ("decision", {"id:ptc-241-242-p36-5"}),
    "What became of the TFA Working Group?": (
        "event",
        {"https://w3id.org/wcograph/id/lifecycle-event/tfawg/2"},
    ),
    "Which instruments has the PTC discussed most?": ("instrument", {"id:safe-fos"}),
    "Who chairs the PTC?": ("person", {"id:rob-van-kuik"}),
    "What did the PTC decide about the SAFE Framework in 2018?": (
        "decision",
        {"id:ptc-219-220-p35-2"},
    ),
    "Which working groups were disbanded?": ("body", {"id:wgec", "id:tfawg"}),
    "List all instruments related to e-commerce": ("entity", {"id:e-commerce-fos"}),
}


@pytest.mark.parametrize("question", list(HEADLINES))
def test_headline_questions_are_answered_as_worded(built: BuiltGraph, question: str) -> None:
    column, some = HEADLINES[question]
    asked = ask(built.store, question)
    assert asked.ids_column == column
    assert some <= asked.ids, (question, sorted(asked.ids))


def test_time_goes_through_the_as_of_machinery(built: BuiltGraph) -> None:
    """2018 and today differ: the DMPT's line is evidenced in 2023 only."""
    in_2018 = ask(built.store, "Which bodies report to the PTC in 2018?").ids
    today = ask(built.store, "Which bodies report to the PTC today?").ids
    assert "id:dmpt" in today and "id:dmpt" not in in_2018


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 10_000, "characters long"),
        ("Who chairs\x00 the PTC?", "control characters"),
        ("Who chairs the Galactic Customs Senate?", "cannot answer"),
        ("what is the meaning of life?", "cannot answer"),
    ],
)
def test_bad_questions_are_exit_2(question: str, message: str) -> None:
    result = CliRunner().invoke(main, ["ask", question])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_show_query_and_explain() -> None:
    result = CliRunner().invoke(
        main, ["ask", "Who chairs the PTC?", "--show-query", "--explain", "--no-sources"]
    )
    assert result.exit_code == 0
    assert "type: chairs-of-body" in result.stderr
    assert "body: id:ptc" in result.stderr
    assert "SELECT" in result.stderr and "bound ?body" in result.stderr


def test_answers_carry_their_sources_by_default() -> None:
    result = CliRunner().invoke(main, ["ask", "What became of the TFAWG?", "--format", "csv"])
    assert result.exit_code == 0
    assert "sourceDocument" in result.stdout and "PC0737Ea" in result.stdout


def test_search_ranks_and_filters_by_class() -> None:
    result = CliRunner().invoke(
        main, ["search", "e-commerce", "--class", "wco:WorkingGroup", "--format", "csv"]
    )
    assert result.exit_code == 0
    assert "id:wgec" in result.stdout or "/id/wgec" in result.stdout
    assert "e-commerce-fos" not in result.stdout


@pytest.mark.parametrize(
    ("question", "slot", "expected"),
    [
        ("When did SAFE meet?", "body", "id:swg"),  # a body slot: the SAFE Working Group
        ("What is the history of SAFE?", "entity", "id:safe-fos"),  # the most discussed
        ("Who is responsible for SAFE?", "instrument", "id:safe-fos"),
        ("What became of the E-Commerce WG?", "body", "id:wgec"),  # words in another order
        ("Who chairs the Permanant Technical Comittee?", "body", "id:ptc"),  # typos
        ("Who reports to the Comité technique permanent?", "body", "id:ptc"),  # French name
        ("Who reports to the WCO Policy Commission?", "body", "id:policy-commission"),
    ],
)
def test_names_are_linked_by_variant_and_slot_type(
    built: BuiltGraph, question: str, slot: str, expected: str
) -> None:
    understood = understand(built.store, question)
    assert understood.params[slot] == expected


@pytest.mark.parametrize(
    ("question", "meeting"),
    [
        ("Where did the DMPT hold its 66th Meeting?", "id:dmpt-66"),
        ("What did the April 2018 sessions endorse?", "id:ptc-219-220"),
        ("What did the PTC decide at the last session?", "id:ptc-2025-10"),
        ("Who presented at the 241st/242nd Sessions?", "id:ptc-241-242"),
    ],
)
def test_meetings_are_named_as_reports_name_them(
    built: BuiltGraph, question: str, meeting: str
) -> None:
    assert understand(built.store, question).params["meeting"] == meeting


def test_the_next_meeting_is_after_today(built: BuiltGraph) -> None:
    with pytest.raises(WcographError, match="no meeting of Permanent Technical Committee after"):
        understand(built.store, "When is the next meeting of the PTC?", date(2026, 12, 5))
    later = understand(
        built.store, "What did the PTC decide at the next meeting?", date(2025, 5, 1)
    )
    assert later.params["meeting"] == "id:ptc-2025-10"


@pytest.mark.parametrize(
    ("question", "as_of", "years"),
    [
        ("Which bodies reported to the PTC as of 20 April 2018?", date(2018, 4, 20), None),
        ("Which bodies reported to the PTC before 2020?", date(2019, 12, 31), None),
        ("Which bodies report to the PTC now?", None, None),
        ("What did the PTC endorse between 2018 and 2023?", None, ("2018", "2023")),
    ],
)
def test_time_is_read(built: BuiltGraph, question: str, as_of: date | None, years: tuple) -> None:
    understood = understand(built.store, question)
    assert understood.as_of == as_of
    if years:
        assert (understood.params["fromYear"], understood.params["toYear"]) == years


def test_a_truly_ambiguous_name_is_asked_back(mini: BuiltGraph) -> None:
    """Two bodies with the same acronym and equal standing: the answer lists both."""
    extra = []
    for slug, label in (("xyz-one", "Xylophone Yard Zone"), ("xyz-two", "Xenon Yield Zone")):
        extra += [
            Quad(entity(slug), term("rdf", "type"), term("wco", "WorkingGroup")),
            Quad(entity(slug), term("rdfs", "label"), Literal(label, language="en")),
            Quad(entity(slug), term("skos", "altLabel"), Literal("XYZ", language="en")),
        ]
    store = GraphStore.from_quads([*mini.all_quads, *extra])
    with pytest.raises(WcographError) as caught:
        understand(store, "Who chairs the XYZ?")
    assert "id:xyz-one (Xylophone Yard Zone)" in str(caught.value)
    assert "id:xyz-two (Xenon Yield Zone)" in str(caught.value)


def test_count_questions_print_a_count() -> None:
    result = CliRunner().invoke(
        main, ["ask", "How many working groups were disbanded?", "--format", "csv"]
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["count", "3"]


def test_search_as_of_leaves_out_later_decisions() -> None:
    later = CliRunner().invoke(main, ["search", "resilience", "--format", "csv"])
    earlier = CliRunner().invoke(
        main, ["search", "resilience", "--as-of", "2018-12-31", "--format", "csv"]
    )
    assert "ptc-241-242-p120-2" in later.stdout
    assert "ptc-241-242-p120-2" not in earlier.stdout
