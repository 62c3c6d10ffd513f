"""Time told by the evidence (issue 12): what holds on a day, and why, on the real data.

The README's rule ("What holds on a day"): a reporting line holds from the start a source
states, else from its earliest evidence; until a stated end or the end of either body; after
its last evidence it is presumed to go on, with a caveat once later sources speak of either body
without repeating it. The examples are the issue's: before a report, between two reports,
"today", an endorsement "at its meeting in April 2023", a body "due to end", and chains of any
depth. The last tests run the same days through the queries, the export's network view and the
explorer's data, which must agree: there is one as-of implementation (timeline.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wcograph.export.explorer import explorer_data
from wcograph.pipeline import BuiltGraph, compile_graph
from wcograph.query.answer import answer
from wcograph.query.library import named_query
from wcograph.triples.timeline import holds_on
from wcograph.view import graph_view

DAYS = [
    "2017-01-01",
    "2017-06-01",
    "2018-01-01",
    "2018-04-25",
    "2020-06-30",
    "2023-05-01",
    "2023-10-25",
    "2024-06-01",
    "2026-01-01",
]


def rows(built: BuiltGraph, query: str, day: str | None = None, **params: str) -> list[dict]:
    result = answer(
        built.store,
        named_query(query),
        params,
        as_of=date.fromisoformat(day) if day else None,
    )
    return result.values()


def reporting_to_ptc(built: BuiltGraph, day: str | None = None) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for row in rows(built, "cq/bodies-reporting-to", day, body="PTC"):
        found.setdefault(row["sub"].removeprefix("id:"), []).append(row)
    return found


# --- the examples ----------------------------------------------------------------------


def test_before_the_2018_report_only_what_earlier_evidence_shows(built: BuiltGraph) -> None:
    """1 January 2018: PC0517 reports on April 2018, but names earlier evidence: the IMSC's 73rd
    Meeting (October 2017), the WCO/UPU CC's 37th (November 2017), the SWG's March 2017 report,
    the April 2017 PTC that set the VWG FC's priorities. Nothing PC0517 only shows in April. One
    line is older than any report: the CAP Group's Terms of Reference, confirmed by the Council in
    June 2009, state that it reports to the PTC (wco-page-cap-group paras 1 and 13)."""
    early = reporting_to_ptc(built, "2018-01-01")
    starts = {
        (sub, row["evidence"], row["from"], row["status"])
        for sub, lines in early.items()
        for row in lines
    }
    assert starts == {
        ("imsc", "report-submitted", "2017-10-30", "evidenced"),  # its 73rd Meeting
        ("wco-upu-contact-committee", "report-submitted", "2017-11-16", "evidenced"),  # 37th
        ("swg", "stated", "2017-03-01", "evidenced"),  # its March 2017 report
        ("vwg-fc", "outputs-forwarded", "2017-04-01", "evidenced"),  # the April 2017 PTC
        # Terms of reference, dated by the Council's confirmation that their pages give:
        ("counterfeiting-and-piracy-group", "stated", "2009-06-01", "stated"),  # from: June 2009
        ("imsc", "stated", "2005-06-01", "evidenced"),  # updated June 2005
        ("wgec", "stated", "2016-07-01", "evidenced"),  # confirmed July 2016
    }
    assert set(reporting_to_ptc(built, "2017-01-01")) == {
        "counterfeiting-and-piracy-group",
        "imsc",
        "wgec",
    }
    assert set(reporting_to_ptc(built, "2005-05-31")) == set()


def test_an_endorsement_at_its_meeting_in_april_2023_dates_the_line(built: BuiltGraph) -> None:
    """PC0737 para 107: "At its meeting in April 2023, the PTC examined and endorsed the
    Guidelines ... developed ... in a Mini Group": the line starts in April 2023, not at the
    October 2023 report; the PFCWG's 5th Meeting (13-14 April 2023) likewise."""
    between = reporting_to_ptc(built, "2023-05-01")
    [mini_group] = between["customs-port-cooperation-mini-group"]
    assert mini_group["from"] == "2023-04-01"
    assert mini_group["status"] == "evidenced"
    assert "pfcwg" in between
    # The DMPT's reports reach the PTC from its 66th Meeting (May 2023); its terms of reference,
    # confirmed by the Council in July 2022, already say so.
    dmpt = {(row["evidence"], row["from"]) for row in between["dmpt"]}
    assert dmpt == {("stated", "2022-07-01")}
    later = {
        (row["evidence"], row["from"]) for row in reporting_to_ptc(built, "2023-06-01")["dmpt"]
    }
    assert later == {("stated", "2022-07-01"), ("report-submitted", "2023-05-11")}


def test_between_two_reports_2018_lines_are_presumed_with_their_last_evidence(
    built: BuiltGraph,
) -> None:
    """Mid-2020: the lines PC0517 alone attests are presumed, last evidenced at its April 2018
    sessions; those a terms-of-reference page repeats are evidenced up to the day that page was
    read (a page with no date attests what holds when it is read: sources.yaml ``retrieved``)."""
    mid = reporting_to_ptc(built, "2020-06-30")
    assert set(mid) >= {"imsc", "swg", "vwg-fc", "wco-upu-contact-committee", "wgec"}
    for sub in ("vwg-fc", "api-pnr-contact-committee"):
        for row in mid[sub]:
            assert row["lastEvidenced"] == "2018-04-16"
            assert row["status"] == "presumed"
    for sub in ("imsc", "swg"):
        for row in mid[sub]:
            assert row["lastEvidenced"] == "2026-12-05"
            assert row["status"] == "evidenced"


def test_today_a_line_last_evidenced_in_2018_says_so(built: BuiltGraph) -> None:
    """Lines evidenced only in 2018 are still given (no source ends them), but each says that
    later sources on the PTC do not repeat it."""
    today = reporting_to_ptc(built)
    for sub in ("vwg-fc", "api-pnr-contact-committee"):
        for row in today[sub]:
            assert row["lastEvidenced"] == "2018-04-16"
            assert row["caveat"].startswith("last evidenced 2018-04-16; sources from ")
    for row in today["imsc"]:
        assert row["caveat"] is None, "its terms-of-reference page repeats the line"
    assert "wgec" not in today, "the WGEC ended (PC0737 para 43; news-2025-04 para 20)"


def test_due_to_end_is_an_expected_end_not_an_end(built: BuiltGraph) -> None:
    """PC0737 para 17: the PFCWG's term "was due to end in December 2023". Its lines are not cut
    there; after that day every answer says the end was only expected."""
    assert "pfcwg" in reporting_to_ptc(built, "2024-06-01")
    for row in reporting_to_ptc(built, "2024-06-01")["pfcwg"]:
        assert "was due to end by 2023-12-31" in row["caveat"]
    for row in reporting_to_ptc(built, "2023-10-25")["pfcwg"]:
        assert row["caveat"] is None
    became = rows(built, "cq/what-became-of", body="PFCWG")
    assert {row["what"]: row["modality"] for row in became} == {
        "established": "happened",
        "term ended": "expected",
        "archived": "claimed",
        "continued as": "decided",
    }


def test_scheduled_meetings_are_told_apart(built: BuiltGraph) -> None:
    """PC0517 para 170 announces the June 2018 Policy Commission; PC0737 para 153 schedules the
    next PTC for April 2024, which the 2024 newsroom article then reports as held: one meeting, now
    held, on the later source's word."""
    meetings = {
        row["meeting"]: row["status"] for row in rows(built, "cq/meetings-of-body", body="PTC")
    }
    assert meetings["id:ptc-2024-04"] == "held"
    assert meetings["id:ptc-241-242"] == "held"
    scheduled = {row["meeting"] for row in rows(built, "cq/scheduled-meetings")}
    assert {"id:policy-commission-2018-06", "id:policy-commission-89"} <= scheduled
    assert "id:ptc-2024-04" not in scheduled


def dmpt_line_after(built: BuiltGraph, day: str) -> dict:
    [line] = reporting_to_ptc(built, day)["dmpt"]
    return line


@pytest.mark.parametrize(("status", "caveat"), [("scheduled", False), ("held", True)])
def test_a_scheduled_meeting_is_no_evidence(mini_copy: Path, status: str, caveat: bool) -> None:
    """A meeting of the DMPT in April 2024 that a source only announces is no later source on the
    DMPT: its line to the PTC (last evidenced at the October 2023 sessions) gets no caveat; the
    same meeting, held without a word on the line, gives it the caveat from that day."""
    meetings = mini_copy / "meetings" / "pc0737.yaml"
    text = meetings.read_text(encoding="utf-8")
    announced = (
        "- id: dmpt-2024-04\n  label: April 2024 Meeting of the Data Model Projects Team\n"
        f"  of: dmpt\n  start: 2024-04-10\n  status: {status}\n"
        "  source: {doc: pc0737, para: 153}\n"
    )
    meetings.write_text(text.replace("meetings:\n", "meetings:\n" + announced, 1), "utf-8")
    built = compile_graph(mini_copy)
    line = dmpt_line_after(built, "2024-06-01")
    assert line["lastEvidenced"] == "2023-10-24"
    if caveat:
        assert line["caveat"].startswith("last evidenced 2023-10-24; sources from 2024-04-10 on")
    else:
        assert line["caveat"] is None


# --- chains of any depth -----------------------------------------------------------------------


def write_chain(data: Path, depth: int) -> BuiltGraph:
    """A chain of ``depth`` groups under the mini PTC, each reporting to the one above from a
    stated year: g1 -> PTC, g2 -> g1, ..."""
    for n in range(1, depth + 1):
        above = "ptc" if n == 1 else f"g{n - 1}"
        (data / "bodies" / f"g{n}.yaml").write_text(
            f"id: g{n}\ntype: WorkingGroup\nlabel: Group {n}\npart_of: wco\n"
            "source: {doc: pc0737, para: 14}\nreports_to:\n"
            f"- body: {above}\n  evidence: stated\n  from: {2010 + n}\n"
            "  source: {doc: pc0737, para: 20}\n",
            encoding="utf-8",
        )
    return compile_graph(data)


def test_chains_of_any_depth(mini_copy: Path) -> None:
    built = write_chain(mini_copy, 8)
    chain = rows(built, "cq/reporting-chain", "2020-01-01", body="g8")
    steps = {row["node"].removeprefix("id:"): row["step"] for row in chain}
    assert steps == {**{f"g{n}": 8 - n for n in range(1, 9)}, "ptc": 8}
    # On 1 January 2015 only g1..g5 reported (from 2011..2015): g8 is alone.
    assert {row["node"] for row in rows(built, "cq/reporting-chain", "2015-01-01", body="g8")} == {
        "id:g8"
    }
    under = rows(built, "cq/bodies-under", "2020-01-01", body="PTC")
    assert {row["sub"] for row in under} >= {f"id:g{n}" for n in range(1, 9)}
    assert max(row["depth"] for row in under) == 8


# --- one as-of implementation --------------------------------------------------------------------


def lines_from_queries(built: BuiltGraph, day: str) -> set[tuple[str, str]]:
    """(body, superior) for every line that holds on the day, from the query library: the tree
    under every body that is ever a superior (cq/bodies-under), each line once per tree."""
    superiors = {
        row["superior"].removeprefix("id:") for row in rows(built, "export/reporting-lines")
    }
    pairs = set()
    for top in sorted(superiors):
        for row in rows(built, "cq/bodies-under", day, body=top):
            pairs.add((row["sub"].removeprefix("id:"), row["reportsTo"].removeprefix("id:")))
    return pairs


def lines_from_view(built: BuiltGraph, day: str) -> set[tuple[str, str]]:
    view = graph_view(built.store, as_of=date.fromisoformat(day))
    return {(s, t) for s, t, kind in view.edges(data="kind") if kind == "reportsTo"}


def lines_from_explorer(built: BuiltGraph, day: str) -> set[tuple[str, str]]:
    """The explorer's own rule (explorer.js ``lineHolds``) applied to the data it embeds."""
    data = explorer_data(graph_view(built.store))
    nodes = {node["id"]: node for node in data["nodes"]}

    def exists(node: str) -> bool:
        body = nodes[node]
        return body["kind"] != "body" or holds_on(day, body.get("established"), body.get("ended"))

    return {
        (edge["source"], edge["target"])
        for edge in data["edges"]
        if edge["kind"] == "reportsTo"
        and holds_on(day, edge.get("validFrom"), edge.get("validUntil"))
        and exists(edge["source"])
        and exists(edge["target"])
    }


@pytest.mark.parametrize("day", DAYS)
def test_queries_exports_and_explorer_agree_on_every_day(built: BuiltGraph, day: str) -> None:
    from_queries = lines_from_queries(built, day)
    assert from_queries == lines_from_view(built, day) == lines_from_explorer(built, day)


def test_the_days_differ(built: BuiltGraph) -> None:
    """The comparison above is not vacuous: the structure changes across the days."""
    seen = {day: frozenset(lines_from_queries(built, day)) for day in DAYS}
    assert ("counterfeiting-and-piracy-group", "ptc") in seen["2017-01-01"]
    assert ("swg", "ptc") not in seen["2017-01-01"]
    assert len(set(seen.values())) >= 5


def test_the_view_carries_last_evidence_and_the_caveat_of_the_day(built: BuiltGraph) -> None:
    view = graph_view(built.store, as_of=date(2024, 6, 1))
    edges = {key: data for _, _, key, data in view.edges(keys=True, data=True)}
    vwg = edges["reporting-line/vwg-fc/1"]
    assert vwg["lastEvidenced"] == "2018-04-16"
    assert vwg["caveat"].startswith("last evidenced 2018-04-16")
    [row] = reporting_to_ptc(built, "2024-06-01")["vwg-fc"]
    assert vwg["caveat"] == row["caveat"]


def test_responsibilities_hold_from_their_evidence(built: BuiltGraph) -> None:
    """As of April 2018 no body is responsible for a 2022-2025 work programme: PC0737 is the
    first source of those responsibilities."""
    view = graph_view(built.store, as_of=date(2018, 4, 25))
    targets = {t for _, t, kind in view.edges(data="kind") if kind == "responsibleFor"}
    assert "pfcwg-work-programme-2022-2025" not in targets
    assert "dmpt-work-programme-2023-2025" not in targets
    later = graph_view(built.store, as_of=date(2023, 10, 25))
    assert "pfcwg-work-programme-2022-2025" in {
        t for _, t, kind in later.edges(data="kind") if kind == "responsibleFor"
    }


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CLASSES_THAT_HOLD_FOR_A_TIME = (
    "ReportingLine",
    "LineState",
    "ReportingPeriod",
    "Responsibility",
    "RoleAssignment",
)


def test_owl_time_intervals_give_the_same_days(built: BuiltGraph) -> None:
    """Every statement that holds for a time also holds during an OWL-Time interval (ORG's
    temporal pattern): its beginning and end are day instants with the same dates as
    wco:holdsFrom and wco:holdsUntil; an interval with no end known has no time:hasEnd."""
    from collections import defaultdict

    from wcograph.namespaces import ID, TIME, WCO

    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for quad in built.store.quads():
        values[quad.subject.value][quad.predicate.value].add(quad.object.value)

    def one(node: str, predicate: str) -> str | None:
        found = values[node][predicate]
        assert len(found) <= 1, (node, predicate, found)
        return next(iter(found), None)

    classes: set[str] = set()
    for node, properties in list(values.items()):
        start = one(node, WCO + "holdsFrom")
        if start is None:
            continue
        until = one(node, WCO + "holdsUntil")
        interval = one(node, WCO + "holdsDuring")
        if until is not None and until < start:
            assert interval is None, node
            continue
        assert interval == f"{ID}interval/{start}/{until or 'open'}", node
        beginning = one(interval, TIME + "hasBeginning")
        end = one(interval, TIME + "hasEnd")
        assert beginning is not None and one(beginning, TIME + "inXSDDate") == start
        assert (end and one(end, TIME + "inXSDDate")) == until
        classes |= properties[RDF_TYPE]
    assert {WCO + name for name in CLASSES_THAT_HOLD_FOR_A_TIME} <= classes
    # the first state of the DMPT's line to the IMSC runs from its earliest evidence (22 January
    # 2018) to its last (23 May 2019), after which it is presumed with a caveat
    state = f"{ID}line-state/dmpt/3/2018-01-22"
    assert one(state, WCO + "holdsDuring") == f"{ID}interval/2018-01-22/2019-05-23"
