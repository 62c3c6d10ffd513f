"""The public record of the PTC and the bodies close to it (issue 14), read back from the built
graph through the query library.

Every expected value was checked against the web page named in the comment next to it (the
``url`` of the source in data/sources.yaml); a broken meeting, chair, decision or lifecycle
record makes these tests fail.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pytest

from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import answer
from wcograph.query.library import named_query


def rows(
    built: BuiltGraph, query: str, as_of: date | None = None, **params: str
) -> list[dict[str, Any]]:
    result = answer(built.store, named_query(query), params, as_of=as_of)
    return [{key: _plain(value) for key, value in row.items()} for row in result.values()]


def _plain(value: Any) -> Any:
    return None if value is None else str(value)


def slug(value: str | None) -> str | None:
    """``id:ptc-229-230`` or a full IRI -> ``ptc-229-230``."""
    if value is None:
        return None
    return value.rsplit("/", 1)[-1].removeprefix("id:")


@pytest.fixture(scope="module")
def ptc_meetings(built: BuiltGraph) -> list[dict[str, Any]]:
    return rows(built, "cq/meetings-of-body", body="PTC")


def sessions_by_year(meetings: list[dict[str, Any]]) -> dict[int, list[int]]:
    years: dict[int, list[int]] = defaultdict(list)
    for row in meetings:
        if row["start"] and row["session"]:
            years[int(row["start"][:4])].append(int(row["session"]))
    return {year: sorted(numbers) for year, numbers in years.items()}


def test_two_ptc_session_pairs_a_year(ptc_meetings: list[dict[str, Any]]) -> None:
    by_year = sessions_by_year(ptc_meetings)
    # 2013: 199th/200th, 18-22 March (wcoomd.org/.../2013/march/wco-permanent-technical-committee)
    #       201st/202nd, 4-8 November (lawsdocbox copy of the 201st/202nd Executive Summary)
    assert by_year[2013] == [199, 201]
    # 2019: 223rd/224th, 5-8 March (.../2019/march/the-ptc-endorses-the-study-report-on-disruptive-
    #       technologies); 225th/226th, 28-31 October (.../2019/november/the-ptc-celebrates-...)
    assert by_year[2019] == [223, 225]
    # 2020: 227th/228th from 15 May (.../2020/may/launch-of-the-first-ptc-document-based-meeting);
    #       229th/230th from 28 September (.../2020/november/the-ptc-concludes-technical-...)
    assert by_year[2020] == [227, 229]
    # 2021: 231st/232nd, 19 April (.../2021/may/permanent-technical-committee-endorses-...);
    #       233rd/234th, 11 October (.../2021/october/permanent-technical-committee-advances-...)
    assert by_year[2021] == [231, 233]
    # 2022: 235th/236th, 25 April (.../2022/may/ptc-gives-green-light-...);
    #       237th/238th, 25 October (.../2022/october/the-ptc-met-in-person-...)
    assert by_year[2022] == [235, 237]


def test_ptc_session_dates_places_and_formats(ptc_meetings: list[dict[str, Any]]) -> None:
    by_id = {slug(row["meeting"]): row for row in ptc_meetings}
    # wcoomd.org/en/media/newsroom/2022/may/ptc-gives-green-light-to-a-number-of-tools-...:
    # "convened in a hybrid format from 25th to 29th April 2022"
    assert (by_id["ptc-235-236"]["start"], by_id["ptc-235-236"]["end"]) == (
        "2022-04-25",
        "2022-04-29",
    )
    assert by_id["ptc-235-236"]["format"] == "hybrid"
    # .../2020/november/the-ptc-concludes-technical-discussions-...: "held for the second time in
    # a fully virtual manner"; Phase I from 28 September, closed on 29 October
    assert by_id["ptc-229-230"]["format"] == "virtual"
    assert by_id["ptc-229-230"]["end"] == "2020-10-29"
    # .../2022/october/the-ptc-met-in-person-for-the-first-time-in-three-years.aspx
    assert by_id["ptc-237-238"]["format"] == "in-person"
    # .../2024/april/charting-the-future-of-customs-insights-from-the-243rd-244th-ptc-meetings:
    # "from 23 to 26 April 2024, in Brussels" (the id ptc-2024-04 is kept from the earlier record)
    assert by_id["ptc-2024-04"]["session"] == "243"
    assert (by_id["ptc-2024-04"]["end"], by_id["ptc-2024-04"]["place"]) == (
        "2024-04-26",
        "Brussels",
    )
    # .../2016/october/213th-214th-permanent-technical-committee-concludes-...: concluded on
    # Friday 14 October 2016 (the id ptc-2016-10 is kept from the earlier record)
    assert (by_id["ptc-2016-10"]["session"], by_id["ptc-2016-10"]["end"]) == ("213", "2016-10-14")


def chairs(built: BuiltGraph, body: str) -> set[tuple[str | None, str, str, str]]:
    return {
        (slug(row["meeting"]), row["role"], row["personLabel"], row["administrationLabel"])
        for row in rows(built, "cq/meeting-chairs", body=body)
    }


def test_ptc_chairs_and_their_countries(built: BuiltGraph) -> None:
    found = chairs(built, "PTC")
    # lawsdocbox copy of the 201st/202nd Executive Summary: "re-elected the Chairperson of the PTC,
    # Mr. Francois Abouzi (Togo), and the Vice-Chairperson, Mr. Mark Dillon (UK)"
    assert ("ptc-201-202", "chair", "François Abouzi", "Togo") in found
    assert ("ptc-201-202", "vice-chair", "Mark Dillon", "United Kingdom") in found
    # .../2016/october/213th-214th-...: Rob Van Kuik (The Netherlands) and Matome Mathole (South
    # Africa) re-elected Chairperson and Vice-Chairperson
    assert ("ptc-2016-10", "chair", "Rob van Kuik", "Netherlands") in found
    assert ("ptc-2016-10", "vice-chair", "Matome Mathole", "South Africa") in found
    # .../2018/november/the-ptc-launches-the-discussion-on-small-island-economies: "under the
    # Chairmanship of Mr. Ian Saunders (US)"
    assert ("ptc-221-222", "chair", "Ian Saunders", "United States") in found
    # .../2020/july/successful-close-of-the-document-based-ptc-meeting and .../2020/november/...:
    # Mr. Matthew Duckworth (Australia)
    assert ("ptc-227-228", "chair", "Matthew Duckworth", "Australia") in found
    assert ("ptc-229-230", "chair", "Matthew Duckworth", "Australia") in found


def test_working_body_chairs_and_their_countries(built: BuiltGraph) -> None:
    # .../2022/april/wco-working-group-on-performance-measurement-successfully-concludes-its-5th:
    # Sean Borg (Canada Border Services Agency) Chairperson, Youssef El Mazouri (Morocco) Vice
    assert ("wgpm-5", "chair", "Sean Borg", "Canada") in chairs(built, "wgpm")
    assert ("wgpm-5", "vice-chair", "Youssef El Mazouri", "Morocco") in chairs(built, "wgpm")
    # .../2021/april/passenger-facilitation-and-control-working-group-successfully-holds-its-first:
    # Mr. Paul Campbell from New Zealand elected Chairperson
    assert ("pfcwg-1", "chair", "Paul Campbell", "New Zealand") in chairs(built, "PFCWG")
    # .../2018/october/10th-tfa-working-group-meeting-agrees-on-its-monitoring-role-...:
    # L. Satya Srinivas (India) Chairperson, Jonathan Page (Canada) Vice-Chairperson
    tfawg = chairs(built, "TFAWG")
    assert ("tfawg-10", "chair", "L. Satya Srinivas", "India") in tfawg
    assert ("tfawg-10", "vice-chair", "Jonathan Page", "Canada") in tfawg
    # .../2019/june/imsc-discussed-key-features-of-information-management-for-smart-borders:
    # chaired by Mr. Sung Sig Kim of Korea Customs Service
    assert ("imsc-76", "chair", "Sung Sig Kim", "Korea") in chairs(built, "IMSC")


def decisions(built: BuiltGraph, meeting: str) -> list[tuple[str, str]]:
    return [
        (row["decisionType"], row["text"])
        for row in rows(built, "cq/meeting-decisions", meeting=meeting)
    ]


def test_what_the_229th_230th_sessions_endorsed(built: BuiltGraph) -> None:
    # .../2020/november/the-ptc-concludes-technical-discussions-on-major-wco-deliverables (para 4):
    # the ECP Phase V Action Plan, the Free Zones Guidelines, the Guidance for Small Island
    # Economies and the updated Compendium on Coordinated Border Management were endorsed
    endorsed = [text for kind, text in decisions(built, "ptc-229-230") if kind == "endorsed"]
    assert len(endorsed) == 4
    assert any("Economic Competitiveness Package" in text for text in endorsed)
    assert any("Small Island Economies" in text for text in endorsed)
    assert any("Coordinated Border Management" in text for text in endorsed)


def test_instruments_endorsed_by_named_sessions(built: BuiltGraph) -> None:
    concerned = rows(built, "cq/entity-history", entity="wco-data-model")
    # traceca-org.org/en/news/.../the_239th240th_sessions_...: "The PTC also discussed and
    # endorsed version 4.0.0. of the WCO Data Model."
    assert any(
        slug(row.get("meeting")) == "ptc-239-240" and row.get("decisionType") == "endorsed"
        for row in concerned
    ), concerned
    # .../2019/march/the-ptc-endorses-the-study-report-on-disruptive-technologies (para 2)
    assert (
        "endorsed",
        "endorsed, with broad support, the Study Report on Disruptive "
        "Technologies (seven technologies, from blockchain to 3D printing).",
    ) in decisions(built, "ptc-223-224")
    # .../2021/april/the-safe-working-group-endorses-the-safe-2021-framework (para 3)
    assert [kind for kind, _ in decisions(built, "swg-25")] == ["endorsed"]


def lifecycle(built: BuiltGraph) -> set[tuple[str | None, str, str | None]]:
    return {
        (slug(row["body"]), row["what"], row["date"][:7] if row["date"] else None)
        for row in rows(built, "cq/bodies-lifecycle")
    }


def test_lifecycle_of_the_working_bodies(built: BuiltGraph) -> None:
    events = lifecycle(built)
    # wcoomd.org/en/wco-working-bodies/procedures_and_facilitation/wg_comprehensive_review_rkc:
    # approved by the Policy Commission and confirmed by the Council in June 2018
    assert ("wgrkc", "established", "2018-06") in events
    # .../procedures_and_facilitation/ecommerce-working-group.aspx: "Established: July 2016"
    assert ("wgec", "established", "2016-07") in events
    # .../procedures_and_facilitation/safe_working_group.aspx: "Established : 2007"
    assert ("swg", "established", "2007-01") in events
    # .../information_management_sub_committee.aspx: "Established: 1996"
    assert ("imsc", "established", "1996-01") in events
    # .../capacity_building/working-group-on-performance-measurement.aspx: "Established: 2019"
    assert ("wgpm", "established", "2019-01") in events
    # .../2021/april/passenger-facilitation-and-control-working-group-...-first-meeting: ToR
    # endorsed by the 83rd Policy Commission and 137th Council in December 2020
    assert ("pfcwg", "established", "2020-12") in events


def test_reporting_lines_stated_in_terms_of_reference(built: BuiltGraph) -> None:
    to_ptc = {
        (slug(row["sub"]), row["evidence"])
        for row in rows(built, "cq/bodies-reporting-to", body="PTC")
    }
    # .../data-model-projects-team.aspx: "The DMPT reports to the Permanent Technical Committee"
    assert ("dmpt", "stated") in to_ptc
    # .../information_management_sub_committee.aspx: "reports to the PTC"
    assert ("imsc", "stated") in to_ptc
    # .../upu_wco_contact_committee.aspx: conclusions submitted for approval to the PTC
    assert ("wco-upu-contact-committee", "stated") in to_ptc
    # .../technical-experts-group-on-nii.aspx: "reports to the SAFE Working Group"
    to_swg = {slug(row["sub"]) for row in rows(built, "cq/bodies-reporting-to", body="swg")}
    assert "teg-nii" in to_swg

    # .../wg_comprehensive_review_rkc.aspx: deliverables presented to the RKC/MC for approval;
    # .../2020/december/the-rkc-mc-successfully-held-its-23rd-meeting-virtually (para 2): the
    # review mandate passed from the WGRKC to the RKC/MC in December 2020, ending the line
    def to_rkc_mc(day: date | None) -> set[str | None]:
        return {
            slug(row["sub"]) for row in rows(built, "cq/bodies-reporting-to", day, body="rkc-mc")
        }

    assert "wgrkc" in to_rkc_mc(date(2019, 6, 17))
    assert "wgrkc" not in to_rkc_mc(None)
