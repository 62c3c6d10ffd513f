"""The public record of the WCO's governing bodies (issue 14), read back from the built graph.

Every expected value below was checked against the page named in the comment next to it (the
paragraph is the n-th paragraph of the page's text after its title and date). The answers come
from the query library (queries/cq), so a broken record, a lost session number, a chair linked
to the wrong administration or a query that no longer joins them all fail here.
"""

from __future__ import annotations

from typing import Any

import pytest

from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import answer
from wcograph.query.library import named_query

WCO_NEWS = "https://www.wcoomd.org/en/media/newsroom"


def rows(built: BuiltGraph, query: str, **params: str) -> list[dict[str, Any]]:
    return answer(built.store, named_query(query), params).values()


def by_meeting(built: BuiltGraph, body: str) -> dict[str, dict[str, Any]]:
    return {row["meeting"]: row for row in rows(built, "cq/sessions-of-body", body=body)}


# meeting -> (first and last session number, start, end, chair's administration)
COUNCIL_SESSIONS = {
    # wcoomd.org .../2010/june/successful-conclusion-to-the-2010-wco-council-sessions.aspx para 1
    "id:council-115-116": (115, 116, "2010-06-24", "2010-06-26", "New Zealand"),
    # ifcba.org/blog?page=80 (WCO press release of 25 June 2011): no numbers, no chair
    "id:council-2011-06": (None, None, "2011-06-23", "2011-06-25", None),
    # ifcba.org/node?page=102 (WCO press release of 30 June 2012), Josephine Feehily
    "id:council-119-120": (119, 120, "2012-06-28", "2012-06-30", "Ireland"),
    # WCO_NEWS/2013/june/wco-council-charts-a-clear-path-forward-for-the-customs-community.aspx
    "id:council-121-122": (121, 122, "2013-06-27", "2013-06-29", "Ireland"),
    # .../2014/june/wco-2014-council-sessions-conclude-in-brussels.aspx para 1
    "id:council-123-124": (123, 124, "2014-06-26", "2014-06-28", "Ireland"),
    # .../2015/june/wco-2015-council-sessions-conclude-in-brussels.aspx para 1, Zouhair Chorfi
    "id:council-125-126": (125, 126, "2015-06-11", "2015-06-13", "Morocco"),
    # .../2016/july/successful-conclusion-to-the-2016-council-sessions.aspx para 1
    "id:council-127-128": (127, 128, "2016-07-14", "2016-07-16", "Morocco"),
    # .../2017/july/wco-council-agrees-on-the-road-ahead-...aspx para 1, Ruslan Davydov
    "id:council-129-130": (129, 130, "2017-07-06", "2017-07-08", "Russian Federation"),
    # https://incu.org/2018-wco-council-sessions/ para 1: "132nd Annual Session", Enrique Canon
    "id:council-2018-06": (132, 132, "2018-06-28", "2018-06-30", "Uruguay"),
    # https://incu.org/2019-wco-council-sessions/ para 1: "133rd Annual Session", no chair named
    "id:council-133": (133, 133, "2019-06-27", "2019-06-29", None),
    # WCO_NEWS/2020/june/wco-council-reiterates-support-for-the-secretariat.aspx paras 1-2
    "id:council-135-136": (135, 136, "2020-06-25", "2020-06-25", "Bahrain"),
    # WCO_NEWS/2020/december/wco-council-maps-the-road-ahead.aspx para 1
    "id:council-137": (137, 137, "2020-12-10", "2020-12-12", "Bahrain"),
    # .../2021/june/wco-council-renews-support-for-the-secretariat-...aspx paras 1-2
    "id:council-138": (138, 138, "2021-06-24", "2021-06-26", "Bahrain"),
    # WCO_NEWS/2022/june/outcomes-of-the-2022-wco-council-sessions.aspx paras 1-2
    "id:council-139-140": (139, 140, "2022-06-23", "2022-06-25", "Bahrain"),
    # WCO_NEWS/2023/june/outcomes-of-the-2023-wco-council-sessions.aspx paras 1-2
    "id:council-141-142": (141, 142, "2023-06-22", "2023-06-24", "Bahrain"),
    # WCO_NEWS/2024/june/outcomes-of-the-2024-wco-council-sessions.aspx paras 1-2, Kieswetter
    "id:council-143-144": (143, 144, "2024-06-27", "2024-06-29", "South Africa"),
}


@pytest.mark.parametrize("meeting", sorted(COUNCIL_SESSIONS))
def test_council_sessions_have_their_numbers_dates_and_chairs(
    built: BuiltGraph, meeting: str
) -> None:
    first, last, start, end, member = COUNCIL_SESSIONS[meeting]
    row = by_meeting(built, "Council")[meeting]
    assert (row["session"], row["lastSession"]) == (first, last)
    assert (row["start"], row["end"]) == (start, end)
    assert row["chairMemberLabel"] == member


def test_every_annual_council_session_from_2009_to_2025_is_recorded(built: BuiltGraph) -> None:
    years = {
        int(row["start"][:4])
        for row in rows(built, "cq/sessions-of-body", body="Council")
        if row["start"]
    }
    assert set(range(2009, 2026)) <= years


def test_the_2020_and_2021_council_sessions_were_virtual(built: BuiltGraph) -> None:
    # the June 2020, December 2020 and June 2021 articles (para 1 each) say so
    formats = {
        row["meeting"]: row["format"] for row in rows(built, "cq/sessions-of-body", body="Council")
    }
    assert [m for m, f in formats.items() if f == "virtual"] == [
        "id:council-135-136",
        "id:council-137",
        "id:council-138",
    ]


def test_sessions_of_a_body_by_year(built: BuiltGraph) -> None:
    # 2020: the 135th/136th (25 June, WCO_NEWS/2020/june/...) and the 137th (10-12 December)
    assert [
        r["meeting"] for r in rows(built, "cq/sessions-of-body", body="Council", year="2020")
    ] == [
        "id:council-135-136",
        "id:council-137",
    ]


POLICY_COMMISSION = {
    # WCO_NEWS (es-es)/2009/august/cb_news_greenlight_en.aspx para 1
    "id:policy-commission-61": ("2009-06-22", "WCO Headquarters, Brussels", None, None),
    # wcoomd.org (zh-cn)/2013/november/briefing-by-wco-secretary-general-...aspx para 3
    "id:policy-commission-70": ("2013-12-09", "Dublin", None, None),
    # http://wcoasiapacific.org/news/327-72nd-session-of-the-policy-commission para 1
    "id:policy-commission-72": (
        "2014-12-08",
        "Instituto Ricardo Brennand, Recife, Brazil",
        None,
        "Morocco",
    ),
    # rta.customs.ru, "The 76th Session ... was held in Moscow, December 5 - 7, 2016", para 1
    "id:policy-commission-76": ("2016-12-05", "Moscow", None, "Russian Federation"),
    # customs.go.kr "Policy Commission held its 82nd Session in Seoul" para 1
    "id:policy-commission-82": ("2019-12-03", "Seoul", None, None),
    # http://wcoasiapacific.org/news/404-the-83rd-session-of-policy-commission para 1
    "id:policy-commission-83": ("2020-12-07", None, "virtual", "Bahrain"),
    # http://wcoasiapacific.org/news/424-the-85th-of-wco-policy-commission para 1
    "id:policy-commission-85": ("2021-12-13", "WCO Headquarters, Brussels", "hybrid", "Bahrain"),
    # http://wcoasiapacific.org/news/437-the-86th-session-of-wco-policy-commission para 1
    "id:policy-commission-86": ("2022-06-20", "WCO Headquarters, Brussels", None, "Bahrain"),
    # WCO_NEWS (es-es)/2024/december/91st-session-of-the-wco-policy-commission-...aspx para 1
    "id:policy-commission-91": ("2024-12-03", "Cape Town", None, None),
    # freightnews.co.za "WCO Policy Commission meeting builds on outcomes of new strategic plan"
    "id:policy-commission-93": ("2025-12-03", "Antigua, Guatemala", None, None),
    # domain-b.com "World Customs Organisation (WCO) meeting in Mumbai concludes": no date read
    "id:policy-commission-80": (None, "Mumbai", None, None),
}


@pytest.mark.parametrize("meeting", sorted(POLICY_COMMISSION))
def test_policy_commission_sessions_have_their_dates_place_format_and_chair(
    built: BuiltGraph, meeting: str
) -> None:
    start, place, format_, member = POLICY_COMMISSION[meeting]
    row = by_meeting(built, "Policy Commission")[meeting]
    assert (row["start"], row["place"], row["format"], row["chairMemberLabel"]) == (
        start,
        place,
        format_,
        member,
    )


def test_policy_commission_has_sessions_in_most_years(built: BuiltGraph) -> None:
    numbered = [r for r in rows(built, "cq/sessions-of-body", body="PC") if r["session"]]
    assert len(numbered) >= 15
    # its session numbers grow with its dates
    dated = sorted((r["start"], r["session"]) for r in numbered if r["start"])
    assert [n for _, n in dated] == sorted(n for _, n in dated)


def test_countries_that_chaired_the_council_since_2015(built: BuiltGraph) -> None:
    # Chorfi (2015 and 2016 articles), Davydov (rta.customs.ru; 2017 article), Canon (INCU 2018),
    # Al Khalifa (2020-2023 articles), Kieswetter (IOL 26 June 2023; 2024 article)
    answer_ = rows(built, "cq/countries-chaired", body="Council", since="2015")
    assert [r["memberLabel"] for r in answer_] == [
        "Morocco",
        "Russian Federation",
        "Uruguay",
        "Bahrain",
        "South Africa",
    ]
    bahrain = next(r for r in answer_ if r["memberLabel"] == "Bahrain")
    assert (bahrain["first"], bahrain["last"]) == ("2020-06-25", "2023-06-22")


def test_chairs_of_the_council_include_roles_held_at_other_bodies_meetings(
    built: BuiltGraph,
) -> None:
    chairs = rows(built, "cq/chairs-of-body", body="Council")
    # Kateshumbwa is named Council Chairperson at the 82nd Policy Commission (customs.go.kr para 3)
    assert any(
        r["person"] == "id:dicksons-kateshumbwa" and r["meeting"] == "id:policy-commission-82"
        for r in chairs
    )
    # IOL (26 June 2023) para 2: South Africa chaired the Council from 2001 to 2006
    gordhan = next(r for r in chairs if r["person"] == "id:pravin-gordhan")
    assert (gordhan["from"], gordhan["until"], gordhan["meeting"]) == (
        "2001-01-01",
        "2006-12-31",
        None,
    )
    # the 137th session's article calls Al Khalifa the Acting Chairperson (para 2)
    assert {"Chairperson", "Acting Chairperson"} <= {
        r["role"] for r in chairs if r["meeting"] == "id:council-137"
    }


def test_what_the_2022_council_adopted_and_endorsed(built: BuiltGraph) -> None:
    # WCO_NEWS/2022/june/outcomes-of-the-2022-wco-council-sessions.aspx paras 4-5
    outcomes = rows(built, "cq/session-outcomes", meeting="council-139-140")
    by_verb: dict[str, set[str]] = {}
    for row in outcomes:
        by_verb.setdefault(row["verb"], set()).add(row["concern"])
    assert by_verb["adopted"] == {"id:wco-data-strategy", "id:e-commerce-fos"}
    assert by_verb["endorsed"] == {"id:wco-strategic-plan-2022-2025"}
    assert "id:performance-measurement" in by_verb["approved"]


def test_session_outcomes_add_the_stages_other_sources_report(built: BuiltGraph) -> None:
    outcomes = rows(built, "cq/session-outcomes", meeting="council-143-144")
    # the ROCB A/P page on the 143rd/144th Sessions (para 6) reports the endorsement
    assert {
        (r["verb"], r["kind"], r["concern"])
        for r in outcomes
        if r["concern"] == "id:customs-industry-resilience-resolution"
    } == {("endorsed", "stage", "id:customs-industry-resilience-resolution")}


def test_elections_of_the_secretary_general_and_deputy(built: BuiltGraph) -> None:
    # https://incu.org/2018-wco-council-sessions/ para 5: Mikuriya re-elected on 30 June 2018
    assert {
        (r["verb"], r["concern"])
        for r in rows(built, "cq/session-outcomes", meeting="council-2018-06")
    } >= {("re-elected", "id:kunio-mikuriya"), ("adopted", "id:e-commerce-fos")}
    # https://ricardotrevino.org/at-the-wco/ para 1: elected in December 2017
    assert ("elected", "id:ricardo-trevino-chapa") in {
        (r["verb"], r["concern"])
        for r in rows(built, "cq/session-outcomes", meeting="council-2017-12")
    }


def test_the_governing_bodies_report_to_the_council(built: BuiltGraph) -> None:
    # Council terms of reference para 5 ("All WCO bodies report to the Council"), Finance Committee
    # terms of reference para 8, Audit Committee (ricardotrevino.org, 13 February 2019, para 2)
    under = {r["sub"]: r for r in rows(built, "cq/bodies-by-parent", body="Council")}
    assert {"id:policy-commission", "id:finance-committee", "id:audit-committee"} <= set(under)
    assert under["id:policy-commission"]["type"] == "governing body"
    assert under["id:finance-committee"]["type"] == "committee"
    assert {under[b]["evidence"] for b in ("id:policy-commission", "id:finance-committee")} == {
        "stated"
    }
    assert under["id:finance-committee"]["status"] == "no end recorded"


def test_establishment_dates_of_the_governing_bodies(built: BuiltGraph) -> None:
    # Council ToR para 2 (1950), Policy Commission ToR para 5 (1978),
    # Finance Committee ToR para 5 (1953)
    established = {
        r["body"]: r["date"]
        for r in rows(built, "cq/bodies-lifecycle")
        if r["what"] == "established"
    }
    assert established["id:council"] == "1950-01-01"
    assert established["id:policy-commission"] == "1978-01-01"
    assert established["id:finance-committee"] == "1953-01-01"
