"""The technical committees outside the PTC, read back from the built graph (issue 14).

Each expected value was checked against the public page named in the comment next to it (a WCO
newsroom article unless said otherwise); the data cite the same pages by paragraph. The graph is
the real one built from data/, so a lost, renamed or mis-typed record fails here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from pyoxigraph import NamedNode

from wcograph.namespaces import entity, term
from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import answer
from wcograph.query.library import named_query
from wcograph.query.run import python_value


def sessions_by_year(built: BuiltGraph, body: str) -> dict[int, list[int]]:
    """Session numbers of a body's meetings, grouped by the year the meeting started."""
    rows = answer(built.store, named_query("cq/meetings-of-body"), {"body": body}).values()
    years: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if row["start"] and row["session"] is not None:
            years[int(row["start"][:4])].append(row["session"])
    return {year: sorted(numbers) for year, numbers in years.items()}


def objects(built: BuiltGraph, subject: NamedNode, predicate: NamedNode) -> list[str]:
    quads = built.store.store.quads_for_pattern(subject, predicate, None, None)
    return sorted(python_value(quad.object) for quad in quads)


def chair_with_country(built: BuiltGraph, meeting: str, role: str = "chair") -> list[tuple]:
    """(person, administration) for the chair or vice-chairs of a meeting."""
    people = built.store.store.quads_for_pattern(entity(meeting), term("wco", role), None, None)
    return sorted(
        (python_value(quad.object), *objects(built, quad.object, term("org", "memberOf")))
        for quad in people
    )


def decisions(built: BuiltGraph, meeting: str) -> list[tuple[str, int, int]]:
    rows = answer(built.store, named_query("cq/meeting-decisions"), {"meeting": meeting}).values()
    return sorted((row["decisionType"], row["paragraph"], row["bullet"]) for row in rows)


def reporting_to(built: BuiltGraph, body: str, as_of: date | None = None) -> set[tuple[str, str]]:
    query = named_query("cq/bodies-reporting-to")
    rows = answer(built.store, query, {"body": body}, as_of=as_of).values()
    return {(row["sub"], row["evidence"]) for row in rows}


# --- sessions per body per year ----------------------------------------------------------------


def test_enforcement_committee_sessions_by_year(built: BuiltGraph) -> None:
    years = sessions_by_year(built, "enforcement-committee")
    # 35th: 29 Feb - 3 Mar 2016 (wcoomd.org/en/media/newsroom/2016/march/customs-enforcement-
    #   our-global-contribution-to-securing-borders-and-trade.aspx)
    # 37th: 19-23 Mar 2018 (pc0517 and .../2018/march/constructive-discussions-at-the-wco-
    #   enforcement-committee-on-how-to-secure-trade-and-travel.aspx)
    # 38th: 11-15 Mar 2019 (.../es-es/media/newsroom/2019/march/enforcement-committee-discusses-
    #   smart-borders-and-customs-control.aspx)
    # 40th: 24-28 Feb 2020 (http://www.rocb-ap.org/article-detail/533/)
    # 41st: Phase I from 22 Feb 2021 (.../2021/april/the-41st-session-of-the-wco-enforcement-
    #   committee-concludes-successfully.aspx)
    # 42nd: 28 Mar - 1 Apr 2022 (.../2022/april/42nd-session-of-wco-enforcement-committee-
    #   concludes-successfully.aspx)
    # 43rd: 27-31 Mar 2023 (indiashippingnews.com/wco-enforcement-committee-marks-its-40th-
    #   anniversary)
    # 44th: opened 18 Mar 2024 (.../2024/march/strategic-partnerships-at-the-forefront-of-the-
    #   44th-wco-enforcement-committee-session.aspx)
    # 45th: 24-28 Mar 2025 (.../2025/march/45th-session-of-the-enforcement-committee-reaffirms-
    #   customs-commitment.aspx)
    expected = {2016: [35], 2018: [37], 2019: [38], 2020: [40], 2021: [41], 2022: [42]}
    expected |= {2023: [43], 2024: [44], 2025: [45]}
    assert {year: years[year] for year in expected} == expected


def test_harmonized_system_committee_meets_twice_a_year(built: BuiltGraph) -> None:
    years = sessions_by_year(built, "HSC")  # found by its acronym too
    # 55th 11-20 Mar 2015 (.../2015/march/55th-session-harmonized-system-committee-concludes.aspx);
    # 56th 16-25 Sep 2015 (strtrade.com ... harmonized-system-committee-acts-on-classification-
    #   discusses-trade-statistics, year from the WCO site search listing);
    # 57th 9-18 Mar 2016 (.../ru-ru/media/newsroom/2016/april/57th-session-harmonized-system-
    #   committee-concludes.aspx); 58th 28 Sep - 7 Oct 2016 (.../es-es/.../2016/october/58th-
    #   session-harmonized-system-committee-concludes.aspx); 59th 15-24 Mar 2017
    #   (.../2017/march/the-wco-hsc-held-its-59th-session.aspx); 60th 27 Sep - 6 Oct 2017
    #   (internationaltradecomplianceupdate.com/2017/10/12/wco-completes-60th-session-of-hsc/);
    # 67th 12-30 Apr 2021 and 68th (article of 30 Sep 2021) (.../2021/may/ and /2021/september/
    #   successful-conclusion-of-the-6xth-session-of-the-harmonized-system-committee.aspx)
    assert years[2015] == [55, 56]
    assert years[2016] == [57, 58]
    assert years[2017] == [59, 60]
    # 62nd: 17-28 Sep 2018 (.../ru-ru/media/newsroom/2018/october/the-wco-harmonized-system-
    #   committee-held-its-62nd-session.aspx)
    assert years[2018] == [61, 62]
    assert years[2021] == [67, 68]
    # 73rd (March 2024) and 74th (ended 11 Oct 2024): freightnews.co.za/article/73rd-session-
    #   harmonized-system-committee, .../successful-conclusion-74th-session-hsc
    assert years[2024] == [73, 74]


def test_integrity_sub_committee_and_cap_group_sessions(built: BuiltGraph) -> None:
    isc = sessions_by_year(built, "integrity-sub-committee")
    # 9th: 30 Sep - 1 Oct 2010 (.../2010/october/cb_integritysubcommittee.aspx); 15th: 13-15 Apr
    # 2016; 16th: 9-10 Mar 2017; 17th: 1-2 Mar 2018 (pc0517); 22nd: 27-28 Feb 2023 (.../2023/
    # march/22nd-session-of-the-wco-integrity-sub-committee-harnessing-data-for-integrity.aspx);
    # 23rd: 26-27 Feb 2024; 24th: 3-4 Feb 2025 (.../2025/march/24th-session-of-the-wco-integrity-
    # sub-committee-advancing-integrity-in-customs.aspx)
    assert isc[2010] == [9]
    # 12th: 28 Feb - 1 Mar 2013; 13th: 3-4 Apr 2014; 14th: 26-27 Feb 2015 (.../2013/march/12th-
    # session-of-the-integrity-sub-committee.aspx, .../2014/april/13th-..., .../2015/march/14th-...)
    assert isc[2013] == [12] and isc[2014] == [13] and isc[2015] == [14]
    assert isc[2016] == [15] and isc[2017] == [16] and isc[2018] == [17]
    assert isc[2023] == [22] and isc[2024] == [23] and isc[2025] == [24]
    cap = sessions_by_year(built, "counterfeiting-and-piracy-group")
    # 17th: phase from 16 Oct 2020 (.../es-es/media/newsroom/2020/november/successful-conclusion-
    # of-the-17th-wco-counterfeiting-and-piracy-cap-group-meeting.aspx); 18th from 22 Oct 2021;
    # 19th from 31 Oct 2022; 21st 29-30 Oct 2024 (freightnews.co.za)
    assert {year: cap[year] for year in (2020, 2021, 2022, 2024)} == {
        2020: [17],
        2021: [18],
        2022: [19],
        2024: [21],
    }


def test_capacity_building_committee_and_technical_committees_by_year(built: BuiltGraph) -> None:
    cbc = sessions_by_year(built, "CBC")
    # 4th 25-27 Feb 2013, 5th 31 Mar - 2 Apr 2014, 6th 23-25 Feb 2015, 7th 11-13 Apr 2016 (WCO
    # newsroom), 8th 7-9 Mar 2017 (freightnews.co.za), 9th 26-28 Feb 2018 (pc0517), 10th 8-10 Apr
    # 2019 (.../ru-ru/media/newsroom/2019/april/cbc10-reflecting-on-the-past-embracing-the-
    # future.aspx); the 1st is dated only to 2010 (.../2010/october/cb_integritysubcommittee.aspx)
    expected = {2010: [1], 2013: [4], 2014: [5], 2015: [6], 2016: [7], 2017: [8], 2018: [9]}
    expected[2019] = [10]
    assert {year: cbc[year] for year in expected} == expected
    tccv = sessions_by_year(built, "TCCV")
    # 38th 5-9 May 2014, 50th opened 12 Oct 2020, 58th 15-19 Apr 2024, 60th 7-11 Apr 2025
    assert tccv == {2014: [38], 2020: [50], 2024: [58], 2025: [60]}
    tcro = sessions_by_year(built, "TCRO")
    # 39th 2 Feb 2021, 40th 7 Feb 2022, 42nd 7-9 Feb 2024, 43rd opened 5 Feb 2025
    assert {year: tcro[year] for year in (2021, 2022, 2024, 2025)} == {
        2021: [39],
        2022: [40],
        2024: [42],
        2025: [43],
    }


# --- chairs with their administrations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "role", "expected"),
    [
        # "Rebecca Jonassen from New Zealand as Chairperson, and Sarah Joyce from Ireland as
        # Vice-Chairperson" (.../2025/march/45th-session-of-the-enforcement-committee-...aspx)
        ("enforcement-committee-45", "chair", [("id:rebecca-jonassen", "id:new-zealand")]),
        ("enforcement-committee-45", "viceChair", [("id:sarah-joyce", "id:ireland")]),
        # "Under the Chairmanship of Mr. Jean Herby Nelson, from Haiti" (.../2021/april/...)
        ("enforcement-committee-41", "chair", [("id:jean-herby-nelson", "id:haiti")]),
        # "Mr. David Dolan from United States Customs and Border Protection" (indiashippingnews)
        ("enforcement-committee-43", "chair", [("id:david-dolan", "id:united-states")]),
        # "chaired by Ms. Lu GAN (China)" (.../2020/october/correlations-tables-for-the-hs-2022-...)
        ("hsc-66", "chair", [("id:lu-gan", "id:china")]),
        # "chaired by Ms. Ulla Larsson from Sweden" (.../2021/may/ and .../2021/september/...)
        ("hsc-67", "chair", [("id:ulla-larsson", "id:sweden")]),
        ("hsc-68", "chair", [("id:ulla-larsson", "id:sweden")]),
        # "Chaired by Qianyu Lin of China" (.../2025/april/tccv-adopts-three-key-instruments-...);
        # "chaired by Qianyu LIN from China" (etradeforall.org, 58th TCCV Session)
        ("tccv-60", "chair", [("id:qianyu-lin", "id:china")]),
        ("tccv-58", "chair", [("id:qianyu-lin", "id:china")]),
        # "Ms. Sun Hwa Cho from the Korea Customs Service" (.../2024/february/exploring-key-themes-
        # highlights-from-the-42nd-tcro.aspx); "Ms. DING Nan (China)" (.../2021/february/...)
        ("tcro-42", "chair", [("id:sun-hwa-cho", "id:korea")]),
        ("tcro-39", "chair", [("id:nan-ding", "id:china")]),
        # "Mr. Marcelin Djeuwo from Cameroon Customs" (.../2023/march/22nd-session-...aspx)
        ("integrity-sub-committee-22", "chair", [("id:marcelin-djeuwo", "id:cameroon")]),
        # "Mr. Hugo Richard Mayer from Austria as its Chair and Mr Cesar Augusto MO ISEM from
        # Guatemala as its Vice-Chair" (.../2022/december/the-9th-session-of-the-working-group-on-
        # revenue-compliance-and-fraud-successfully-completed.aspx)
        ("revenue-compliance-and-fraud-wg-9", "chair", [("id:hugo-richard-mayer", "id:austria")]),
        (
            "revenue-compliance-and-fraud-wg-9",
            "viceChair",
            [("id:cesar-augusto-mo-isem", "id:guatemala")],
        ),
        # "Mr. Olo Sib Pale, Customs Attaché from Côte d'Ivoire" (.../2022/november/19th-...)
        ("counterfeiting-and-piracy-group-19", "chair", [("id:olo-sib-pale", "id:cote-d-ivoire")]),
    ],
)
def test_chairs_and_their_administrations(
    built: BuiltGraph, meeting: str, role: str, expected: list[tuple]
) -> None:
    assert chair_with_country(built, meeting, role) == expected


def test_tccv_election_of_2014(built: BuiltGraph) -> None:
    # "Ms. Yuliya Gulis (United States) was duly elected as Chairperson. The outgoing Chairperson
    # is Mr. O. Aoufi (Morocco)." (wcoomd.org/en/media/newsroom/2014/may/the-technical-committee-
    # on-customs-valuation-holds-its-38th-session-in-brussels.aspx)
    assert decisions(built, "tccv-38") == [("elected", 4, 1)]
    concerned = objects(built, entity("tccv-38-p4-1"), term("wco", "concerns"))
    assert "id:yuliya-gulis" in concerned
    assert objects(built, entity("yuliya-gulis"), term("org", "memberOf")) == ["id:united-states"]
    assert objects(built, entity("o-aoufi"), term("org", "memberOf")) == ["id:morocco"]


# --- what a named session adopted --------------------------------------------------------------


def test_what_the_55th_hsc_session_decided(built: BuiltGraph) -> None:
    # paras 2-5 of .../2015/march/55th-session-harmonized-system-committee-concludes.aspx:
    # 785 classification decisions, 9 sets of EN amendments adopted, 16 Classification Opinions
    # approved; a draft Article 16 Recommendation adopted and 2012/2017 correlation tables agreed;
    # Terms of Reference update adopted and Advance Rulings guidelines agreed; 17 sets of
    # consequential EN amendments adopted.
    assert decisions(built, "hsc-55") == [
        ("adopted", 2, 2),
        ("adopted", 3, 1),
        ("adopted", 4, 1),
        ("adopted", 5, 1),
        ("agreed", 3, 2),
        ("agreed", 4, 2),
        ("approved", 2, 3),
        ("decided", 2, 1),
    ]
    guidelines = objects(built, entity("hsc-55-p4-2"), term("wco", "concerns"))
    assert guidelines == ["id:advance-rulings-technical-guidelines"]


@pytest.mark.parametrize(
    ("decision", "kind", "instrument"),
    [
        # "adopted a new instrument - Commentary 26.1" (etradeforall.org, 58th TCCV Session)
        ("tccv-58-p4-1", "adopted", "id:tccv-commentary-26-1"),
        # "endorsed the draft Enforcement Committee Work Programme" for 2025/2026 (45th EC)
        (
            "enforcement-committee-45-p2-1",
            "endorsed",
            "id:enforcement-committee-work-programme-2025-2026",
        ),
        # "The Compliance and Enforcement Package (CEP) Draft Action Plan ... was endorsed"
        ("enforcement-committee-41-p4-1", "endorsed", "id:cep-action-plan"),
        # "the session endorsed the ISC Work Programme" (22nd ISC)
        ("integrity-sub-committee-22-p4-2", "endorsed", "id:isc-work-programme"),
        # "discussed and approved a draft WGRCF Work Program for the financial year 2023/2024"
        ("revenue-compliance-and-fraud-wg-9-p5-1", "approved", "id:wgrcf-work-programme-2023-2024"),
        # "approved a draft WCO Council Recommendation ... Improvised Explosive Devices" (57th HSC)
        ("hsc-57-p3-1", "approved", "id:ied-subheadings-recommendation"),
    ],
)
def test_what_a_session_adopted(
    built: BuiltGraph, decision: str, kind: str, instrument: str
) -> None:
    assert objects(built, entity(decision), term("wco", "decisionType")) == [f"dt:{kind}"]
    assert instrument in objects(built, entity(decision), term("wco", "concerns"))


def test_hsc_forwarded_draft_recommendations_to_the_council(built: BuiltGraph) -> None:
    # "Both draft Recommendations will be submitted to the WCO Council for adoption at its
    # 127th/128th Sessions in July 2016" (57th HSC, para 3)
    for bullet in ("hsc-57-p3-1", "hsc-57-p3-2"):
        assert objects(built, entity(bullet), term("wco", "forwardedTo")) == ["id:council"]


# --- parents: reporting lines with their evidence ----------------------------------------------


def test_hsc_sub_bodies_report_to_the_hsc(built: BuiltGraph) -> None:
    # The 67th HSC "approved ... the Reports of the 56th Session of the Review Sub-Committee, the
    # Report of the presessional Working Party and the Reports of the 35th and 36th Sessions of
    # the Scientific Sub-Committee" (.../2021/may/successful-conclusion-of-the-67th-...aspx)
    assert reporting_to(built, "hsc") == {
        ("id:hs-review-sub-committee", "report-submitted"),
        ("id:hs-scientific-sub-committee", "report-submitted"),
        ("id:hs-working-party", "report-submitted"),
        # HS Working Party ToR: it "acts under the overall direction of the HS Committee" and
        # "reports to the HS Committee" (.../tarif_and_trade/harmonized_system_working_party.aspx)
        ("id:hs-working-party", "stated"),
    }


def test_stated_reporting_lines_from_terms_of_reference(built: BuiltGraph) -> None:
    council = reporting_to(built, "council")
    # EC ToR: "acts under the overall direction of the WCO Council and Policy Commission"
    # (wcoomd.org/zh-cn/wco-working-bodies/enforcement_and_compliance/enforcement_committee.aspx)
    assert ("id:enforcement-committee", "stated") in council
    # TCRO ToR: "the WCO Council exercises its supervision ... with regard to administrative
    # matters only" (.../tarif_and_trade/technical_committee_on_rules_of_origin.aspx)
    assert ("id:tcro", "stated") in council
    # "The CBC will report to the Policy Commission and Policy Council" (wcoomd.org/zh-cn/media/
    # newsroom/2009/november/cb_ar_firstsessioncbc_en.aspx)
    assert ("id:capacity-building-committee", "stated") in council
    assert ("id:capacity-building-committee", "stated") in reporting_to(built, "policy-commission")
    # HSC and TCCV drafts go to the Council for approval (55th/57th HSC; 58th/60th TCCV)
    assert ("id:hsc", "outputs-forwarded") in council
    # HSC ToR: "acts under the overall direction of the WCO Council and Policy Commission"
    # (.../tarif_and_trade/harmonized_system_committee.aspx)
    assert ("id:hsc", "stated") in council
    assert ("id:tccv", "outputs-forwarded") in council
    # CAP Group ToR: "The Group will deliver a factual report to the Permanent Technical
    # Committee after each session" (.../enforcement_and_compliance/wco_counterfeiting_and_piracy_
    # group.aspx)
    assert ("id:counterfeiting-and-piracy-group", "stated") in reporting_to(built, "ptc")
    # WGCF ToR: "acts under the overall direction of, and reports to the Enforcement Committee";
    # it was succeeded in November 2014 (Revenue Programme page), so the line holds in 2010 only.
    commercial_fraud = ("id:working-group-on-commercial-fraud", "stated")
    assert commercial_fraud in reporting_to(built, "enforcement-committee", date(2010, 6, 1))
    assert commercial_fraud not in reporting_to(built, "enforcement-committee")


def test_integrity_sub_committee_reports_to_the_policy_commission_not_the_cbc(
    built: BuiltGraph,
) -> None:
    # ISC Terms of Reference: "The Integrity Sub-Committee reports directly to the Policy
    # Commission" (wcoomd.org/es-es/wco-working-bodies/capacity_building/
    # integrity_sub_committee.aspx);
    # its joint sessions with the CBC (15th and 16th ISC articles) are no reporting line.
    superiors = objects(built, entity("integrity-sub-committee"), term("wco", "reportsTo"))
    assert superiors == ["id:policy-commission"]
    assert ("id:integrity-sub-committee", "stated") in reporting_to(built, "policy-commission")
    assert ("id:integrity-sub-committee", "stated") not in reporting_to(
        built, "capacity-building-committee"
    )


def test_lifecycle_dates_from_the_terms_of_reference(built: BuiltGraph) -> None:
    rows = answer(built.store, named_query("cq/bodies-lifecycle")).values()
    events = {(row["body"], row["what"], (row["date"] or "")[:7]) for row in rows}
    # "Established : 1983" (EC ToR), "Established : 1995" (TCRO ToR), "Established : 2009" (CAP
    # ToR), "Established : 1987" (SSC ToR), "established in November 2014" (Revenue Programme page),
    # "Established : January 2001" (ISC ToR), "April 2010" (CBC ToR), "1995" (TCCV ToR)
    assert {
        ("id:enforcement-committee", "established", "1983-01"),
        ("id:tcro", "established", "1995-01"),
        ("id:counterfeiting-and-piracy-group", "established", "2009-01"),
        ("id:hs-scientific-sub-committee", "established", "1987-01"),
        ("id:revenue-compliance-and-fraud-wg", "established", "2014-11"),
        ("id:integrity-sub-committee", "established", "2001-01"),
        ("id:capacity-building-committee", "established", "2010-04"),
        ("id:tccv", "established", "1995-01"),
        ("id:hsc", "established", "1988-01"),
        ("id:hs-working-party", "established", "1988-01"),
    } <= events
    successors = {(row["body"], row["successor"]) for row in rows if row["what"] == "continued as"}
    # "The Working Group replaces and succeeds the Working Group on Commercial Fraud" (1st WGRCF)
    assert ("id:working-group-on-commercial-fraud", "id:revenue-compliance-and-fraud-wg") in (
        successors
    )
