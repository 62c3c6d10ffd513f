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
from wcograph.triples.store import GraphStore

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


# --- the question types of the second round (conflicts, documents, events, instrument parts
# and relations, the facts issue 12 took out of notes, yes/no reporting questions) -----------

NEW_TYPES = {
    "Where do the sources disagree?": (
        "open-conflicts",
        "conflict",
        {"https://w3id.org/wcograph/id/conflict/pfcwg-6/1"},  # PC0737 line 21 vs para 14
    ),
    "Which documents were cited at the October 2023 sessions of the PTC?": (
        "documents-cited",
        "number",
        {"PC0726", "PC0734"},  # PC0737 paras 8 and 93
    ),
    "Which events took place in 2018?": (
        "events",
        "record",
        {"id:transit-workshop-wca-2018", "id:picard-conference-2018"},  # PC0517 paras 19, 171
    ),
    "What are the standards of the E-Commerce FoS?": (
        "instrument-parts",
        "part",
        {"id:e-commerce-fos-standard-1", "id:e-commerce-fos-standard-15"},  # PC0517 annex
    ),
    "What are the Immediate Release Guidelines based on?": (
        "instrument-relations",
        "other",
        {"id:wco-data-model"},  # PC0517 para 118, annex lines 1118-1119
    ),
    "Who chaired the April 2018 sessions of the PTC?": (
        "meeting-chair",
        "chair",
        {"id:rob-van-kuik"},  # PC0517 title block, para 166
    ),
    "Who was elected Chairperson of the PTC?": (
        "elections",
        "person",
        {"id:ian-saunders", "id:maka-khvedelidze"},  # PC0517 paras 164, 167
    ),
    "Who volunteered at the April 2018 sessions of the PTC?": (
        "meeting-offers",
        "by",
        {"id:georgia", "id:india"},  # PC0517 paras 15, 33
    ),
    "Which organisations observed the 6th Meeting of the PFCWG?": (
        "meeting-observers",
        "observer",
        {"id:clia", "id:imo", "id:iata", "id:icao"},  # PC0737 para 14
    ),
    "How many people attended the 6th Meeting of the PFCWG?": (
        "meeting-attendance",
        "count",
        {"50", "130"},  # PC0737 para 14
    ),
    "What next steps did the April 2018 sessions of the PTC plan?": (
        "planned-steps",
        "step",
        {"https://w3id.org/wcograph/id/next-step/ptc-219-220/1"},  # PC0517 para 137
    ),
    "Who funded the Women at Borders workshop?": (
        "funding",
        "funder",
        {"id:government-of-canada"},  # PC0737 para 122
    ),
    "Which memoranda of understanding has the WCO signed?": (
        "agreements",
        "agreement",
        {"id:wco-otif-mou", "id:wco-osjd-mou"},  # PC0517 para 13
    ),
    "Which meetings were only scheduled, not reported as held?": (
        "scheduled-meetings",
        "meeting",
        {"id:policy-commission-89"},  # PC0737 para 113
    ),
    "Does the DMPT report to the PTC?": ("reports-to-check", "answer", {"yes"}),
    "Does the PSCG report to the PTC?": ("reports-to-check", "answer", {"no"}),
}


@pytest.mark.parametrize("question", list(NEW_TYPES))
def test_new_question_types_answer_with_document_and_paragraph(
    built: BuiltGraph, question: str
) -> None:
    """Each new type maps to its bound query, and every row of a positive answer names the
    document and the paragraph (or line range) behind it."""
    intent, column, some = NEW_TYPES[question]
    asked = ask(built.store, question)
    assert asked.understood.intent is not None and asked.understood.intent.name == intent
    assert asked.ids_column == column
    assert some <= asked.ids, (question, sorted(asked.ids))
    for row in asked.result.values():
        if row.get(column) is None or row.get(column) == "no":
            continue  # "no": the sources hold no line, so no passage backs the row
        assert row["sourceDocument"], (question, row)
        assert row["sourceParagraph"] is not None or row["sourceLines"], (question, row)


def test_no_reporting_line_is_told_as_no(built: BuiltGraph) -> None:
    """The PSCG advises the Policy Commission (wco-page-pscg para 1): no line to the PTC."""
    asked = ask(built.store, "Does the PSCG report to the PTC?")
    assert [row["answer"] for row in asked.result.values()] == ["no"]
    assert "no reporting line" in asked.result.values()[0]["how"]


def test_an_indirect_line_says_through_which_body(built: BuiltGraph) -> None:
    asked = ask(built.store, "Does the SAFE Working Group report to the Council?")
    rows = asked.result.values()
    assert {row["answer"] for row in rows} == {"yes"}
    assert "id:ptc" in {row["via"] for row in rows}  # and the Policy Commission (SWG ToR)
    assert all(row["depth"] == 2 for row in rows)


def test_scheduled_and_held_meetings_are_told_apart(built: BuiltGraph) -> None:
    """PC0737 para 113 announces the 89th Policy Commission (December 2023); the 88th was held."""
    asked = ask(built.store, "Which sessions did the Policy Commission hold in 2023?")
    status = {row["meeting"]: row["meetingStatus"] for row in asked.result.values()}
    assert status["id:policy-commission-89"] == "scheduled"
    assert status["id:policy-commission-88"] == "held"
    columns = asked.result.variables
    assert columns.index("meetingStatus") == columns.index("meeting") + 1
    decided = ask(built.store, "What did the April 2018 sessions endorse?")
    assert {row["meetingStatus"] for row in decided.result.values()} == {"held"}


def test_the_cli_shows_the_status_column() -> None:
    result = CliRunner().invoke(
        main, ["ask", "When was the last session of the PTC?", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert "meetingStatus" in header
    assert ",held," in result.stdout


def test_as_of_is_a_parameter_of_the_understood_question(built: BuiltGraph) -> None:
    """--as-of goes where "as of 20 April 2018" in the text goes, the question left as asked."""
    given = understand(built.store, "Which bodies report to the PTC?", as_of=date(2018, 4, 20))
    worded = understand(built.store, "Which bodies reported to the PTC as of 20 April 2018?")
    assert given.question == "Which bodies report to the PTC?"
    assert (given.as_of, given.params, given.when) == (worded.as_of, worded.params, worded.when)
    years = understand(built.store, "What did the PTC endorse?", as_of=date(2018, 12, 31))
    assert (years.params["fromYear"], years.params["toYear"]) == ("0", "2018")
    in_2018 = ask(built.store, "Which bodies report to the PTC?", as_of=date(2018, 4, 20))
    assert "id:dmpt" not in in_2018.ids and "id:wgec" in in_2018.ids


def test_as_of_and_a_time_in_the_question_must_agree() -> None:
    result = CliRunner().invoke(
        main, ["ask", "Which bodies report to the PTC in 2023?", "--as-of", "2018-04-20"]
    )
    assert result.exit_code == 2
    assert "--as-of says 2018-04-20" in result.stderr
    explained = CliRunner().invoke(
        main,
        ["ask", "Which bodies report to the PTC?", "--as-of", "2018-04-20", "--explain"],
    )
    assert explained.exit_code == 0
    assert "# question: Which bodies report to the PTC?" in explained.stderr
    assert "# as of: 2018-04-20" in explained.stderr


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("Does the Galactic Customs Senate report to the PTC?", "Galactic Customs Senate"),
        ("What are the standards of the Galactic Treaty?", "Galactic Treaty"),
        ("Which organisations observed the picnic?", "picnic"),
        ("Who volunteered at the 999th Sessions?", "type: meeting-offers"),
    ],
)
def test_unanswerable_new_types_say_what_is_missing_and_offer_questions(
    question: str, missing: str
) -> None:
    result = CliRunner().invoke(main, ["ask", question])
    assert result.exit_code == 2
    assert "understood type:" in result.stderr and missing in result.stderr
    offered = result.stderr.split("questions it can answer:")[1].split("|")
    assert 2 <= len(offered) <= 3
    for near in offered:
        assert near.strip().endswith("?") and not set("()[]|\\^$*+") & set(near.strip())
