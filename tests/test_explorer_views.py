"""The explorer at the scale of the public record, in Chromium at a desktop's 1440x900 and a
phone's 390x844: labels readable and apart, the search list laid out without overlap and usable
from the keyboard, the permalink, the timeline against the store, the charts against their
queries. Screenshots go to $WCOGRAPH_ARTIFACTS or test-output/ (see test_explorer.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import NamedNode

from wcograph.charts import CHARTS, chart_rows
from wcograph.namespaces import ID
from wcograph.pipeline import BuiltGraph
from wcograph.query.run import run_named_query
from wcograph.view import graph_view

from .test_explorer import Page, browser, explorer  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
READABLE_PX = 10


@pytest.fixture(params=sorted(VIEWPORTS))
def sized(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Page]]:  # noqa: F811
    page = Page(browser, VIEWPORTS[request.param])
    yield request.param, page
    page.page.close()


LABELS = """() => {
  const zoom = cy.zoom();
  return cy.nodes().filter(n => n.style('label') !== '').map(n => ({
    id: n.id(), body: n.is('.body'), px: parseFloat(n.style('font-size')) * zoom,
    box: n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true})}));
}"""


@pytest.fixture()
def desktop(browser: Any) -> Iterator[Page]:  # noqa: F811
    page = Page(browser, VIEWPORTS["desktop"])
    yield page
    page.page.close()


def overlaps(p: dict[str, float], q: dict[str, float]) -> bool:
    return p["x1"] < q["x2"] and q["x1"] < p["x2"] and p["y1"] < q["y2"] and q["y1"] < p["y2"]


def label_clashes(labels: list[dict[str, Any]]) -> list[str]:
    return [
        f"{a['id']}/{b['id']}"
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if overlaps(a["box"], b["box"])
    ]


@pytest.mark.parametrize("fragment", ["", "#date=all"])
def test_labels_readable_and_apart_on_the_whole_structure(
    built: BuiltGraph,
    explorer: Path,  # noqa: F811
    sized: tuple[str, Page],
    fragment: str,
) -> None:
    """Every body, with instruments and the bodies outside the tree: at the default zoom every
    body's name is drawn, at least 10 px, and no two labels overlap; zoomed out, instruments
    collapse to the count of their box."""
    name, page = sized
    page.open(explorer, fragment)
    for toggle in ("#show-instruments", "#show-unlinked"):
        page.check(toggle)
    labels = page.page.evaluate(LABELS)
    bodies = page.page.evaluate("cy.nodes('.body').map(n => n.id())")
    assert len(bodies) > 50, "the whole structure is drawn"
    assert {label["id"] for label in labels if label["body"]} == set(bodies)
    small = [
        f"{label['id']}: {label['px']:.1f} px" for label in labels if label["px"] < READABLE_PX
    ]
    assert small == []
    assert label_clashes(labels) == []
    assert page.overlapping() == []
    suffix = "all" if fragment else "today"
    page.screenshot(f"explorer-{name}-{suffix}.png")

    page.page.evaluate("cy.zoom({level: 0.3, renderedPosition: {x: 0, y: 0}})")
    page.page.wait_for_function("document.body.getAttribute('data-zoom-labels') === 'partial'")
    bundles = page.page.evaluate(
        "cy.nodes('.bundle').map(b => [b.data('name'), b.children('.instrument').length])"
    )
    assert bundles and all(label.split()[0] == str(count) for label, count in bundles)
    view = graph_view(built.store)
    assert sum(count for _, count in bundles) == page.page.evaluate(
        "cy.nodes('.instrument').length"
    )
    assert {n for n in page.page.evaluate("cy.nodes('.instrument').map(n => n.id())")} <= {
        n for n, kind in view.nodes(data="kind") if kind == "instrument"
    }
    assert [label for label in page.page.evaluate(LABELS) if label["px"] < READABLE_PX] == []
    assert page.errors == []


def test_search_list_rows_and_columns_apart_and_keyboard(
    built: BuiltGraph,
    explorer: Path,  # noqa: F811
    sized: tuple[str, Page],
) -> None:
    name, page = sized
    page.open(explorer)
    page.page.locator("#search").press_sequentially("working", delay=10)
    rows = page.page.evaluate(
        """() => Array.from(document.querySelectorAll('#search-results li')).map(li => ({
             id: li.dataset.id,
             row: li.getBoundingClientRect().toJSON(),
             parts: Array.from(li.children).map(c => c.getBoundingClientRect().toJSON())
                         .filter(r => r.width > 0)}))"""
    )
    assert len(rows) >= 8
    boxes = [
        {
            "x1": r["row"]["left"],
            "x2": r["row"]["right"],
            "y1": r["row"]["top"],
            "y2": r["row"]["bottom"],
        }
        for r in rows
    ]
    assert [i for i in range(len(boxes) - 1) if overlaps(boxes[i], boxes[i + 1])] == []
    for row in rows:
        parts = [
            {"x1": p["left"], "x2": p["right"], "y1": p["top"], "y2": p["bottom"]}
            for p in row["parts"]
        ]
        clashes = [
            (i, j)
            for i in range(len(parts))
            for j in range(i + 1, len(parts))
            if overlaps(parts[i], parts[j])
        ]
        assert clashes == [], f"{row['id']}: acronym, label and kind overlap"
        assert all(p["x2"] <= row["row"]["right"] + 0.5 for p in parts), row["id"]
    page.screenshot(f"explorer-{name}-search.png")

    # keyboard: down twice, Enter opens the third; Escape closes the details; Tab moves on
    third = rows[2]["id"]
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("ArrowDown")
    assert page.page.get_attribute("#search", "aria-activedescendant") == "search-option-2"
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(f"#details-body[data-node='{third}']")
    assert page.page.inner_text("#details-title") == graph_view(built.store).nodes[third]["label"]
    assert page.page.locator("#search-results").is_hidden()
    page.page.locator("#search").blur()
    page.page.keyboard.press("Escape")
    assert page.page.locator("#details-body").is_hidden()
    page.page.focus("#search")
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.id") == "as-of"
    page.page.focus("#tab-structure")
    page.page.keyboard.press("ArrowRight")
    assert page.page.get_attribute("body", "data-view") == "timeline"
    assert page.errors == []


def test_permalink_restores_entity_date_and_view(
    built: BuiltGraph,
    explorer: Path,  # noqa: F811
    sized: tuple[str, Page],
) -> None:
    _, page = sized
    view = graph_view(built.store)
    page.open(explorer, "#entity=imsc&date=2018-04-25")
    assert page.page.inner_text("#details-title") == view.nodes["imsc"]["label"]
    assert page.page.input_value("#as-of") == "2018-04-25"
    assert page.page.get_attribute("body", "data-as-of") == "2018-04-25"
    assert page.page.evaluate("cy.getElementById('imsc').hasClass('chosen')")

    page.page.locator("#search").press_sequentially("HSC", delay=10)
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector("#details-body[data-node='hsc']")
    page.set_day("2023-10-30")
    hash_now = page.page.evaluate("location.hash")
    assert hash_now == "#entity=hsc&date=2023-10-30"

    again = Page(page.page.context.browser, VIEWPORTS["desktop"])
    try:
        again.open(explorer, hash_now + "&view=timeline")
        assert again.page.inner_text("#details-title") == view.nodes["hsc"]["label"]
        assert again.page.get_attribute("body", "data-view") == "timeline"
        assert (
            again.page.evaluate("explorer.isoDay(explorer.timeline.getCustomTime('as-of'))")
            == "2023-10-30"
        )
        assert again.errors == []
    finally:
        again.page.close()
    assert page.errors == []


def store_meetings(built: BuiltGraph, body: str) -> dict[str, str]:
    """The body's dated meetings and their status, asked of the store by the project's query."""
    rows = run_named_query(built.store, "cq/meetings-of-body", {"body": NamedNode(ID + body)})
    return {
        row["meeting"].removeprefix("id:"): row["status"] or "held" for row in rows if row["start"]
    }


@pytest.mark.parametrize("body", ["ptc", "hsc", "imsc", "wgec"])
def test_timeline_shows_the_sessions_the_store_holds(
    built: BuiltGraph,
    explorer: Path,  # noqa: F811
    sized: tuple[str, Page],
    body: str,
) -> None:
    name, page = sized
    # the permalink of the body on the timeline brings its lane into view, over its whole span
    page.open(explorer, f"#entity={body}&view=timeline&date=2018-04-25")
    page.page.wait_for_selector("body[data-timeline=ready]")
    page.page.wait_for_timeout(300)
    shown = page.page.evaluate(
        """body => Array.from(document.querySelectorAll(
             `#timeline .vis-item[data-kind=meeting][data-group="${body}"]`))
           .map(item => [item.dataset.entity,
                         item.classList.contains('scheduled') ? 'scheduled'
                         : item.classList.contains('cancelled') ? 'cancelled' : 'held'])""",
        body,
    )
    expected = store_meetings(built, body)
    assert expected, "the store holds dated meetings of the body"
    assert Counter(entity for entity, _ in shown) == Counter(expected.keys())
    assert dict(shown) == expected
    if body == "ptc":
        page.screenshot(f"explorer-{name}-timeline.png")

    # a session opens its details with the decisions made at it and their sources
    view = graph_view(built.store)
    made: dict[str, list[str]] = defaultdict(list)
    for node, data in view.nodes(data=True):
        if data["kind"] == "decision" and data.get("meeting") in expected:
            made[data["meeting"]].append(node)
    meeting = max(sorted(made), key=lambda m: len(made[m]), default=sorted(expected)[0])
    page.page.evaluate(
        "id => { explorer.timeline.setSelection(['meeting:' + id],"
        " {focus: true, animation: false}); explorer.choose(id, false); }",
        meeting,
    )
    page.page.wait_for_selector(f"#details-body[data-node='{meeting}']")
    assert page.page.inner_text("#details-title") == view.nodes[meeting]["label"]
    listed = page.listed("#decisions > li")
    assert set(listed) == set(made.get(meeting, []))
    for decision, text in listed.items():
        assert f"paragraph {view.nodes[decision]['paragraph']}" in text
    assert page.errors == []


def test_timeline_and_date_move_together(explorer: Path, desktop: Page) -> None:  # noqa: F811
    desktop.open(explorer, "#view=timeline&date=2018-04-25")
    desktop.page.wait_for_selector("body[data-timeline=ready]")
    marker = "explorer.isoDay(explorer.timeline.getCustomTime('as-of'))"
    assert desktop.page.evaluate(marker) == "2018-04-25"
    desktop.set_day("2020-06-30")
    assert desktop.page.evaluate(marker) == "2020-06-30"
    # a click on the timeline's time axis sets the date, once it has drawn the new day (until
    # then vis-timeline lays a loading screen over it)
    desktop.page.wait_for_selector("#timeline .vis-loading-screen", state="detached")
    point = desktop.page.evaluate(
        """() => { const t = explorer.timeline;
                   const panel = document.querySelector('#timeline .vis-panel.vis-top');
                   const box = panel.getBoundingClientRect(), w = t.getWindow();
                   const at = new Date('2019-07-01T12:00:00').getTime();
                   const x = box.left + box.width * (at - w.start) / (w.end - w.start);
                   return [x, box.top + box.height / 2]; }"""
    )
    desktop.redrawn(lambda: desktop.page.mouse.click(*point))
    clicked = desktop.page.get_attribute("body", "data-as-of")
    assert clicked.startswith("2019-0"), clicked
    assert desktop.page.input_value("#as-of") == clicked
    assert desktop.page.evaluate(marker) == clicked
    assert desktop.errors == []


def test_charts_tab_draws_the_chart_queries(
    built: BuiltGraph,
    explorer: Path,  # noqa: F811
    desktop: Page,
) -> None:
    desktop.open(explorer, "#view=charts")
    desktop.page.wait_for_selector("#charts-pane svg[data-chart]")
    for name in CHARTS:
        rows = chart_rows(built.store, name)
        if not rows:
            continue
        per_year: Counter[str] = Counter()
        for row in rows:
            per_year[str(row["year"])] += int(row["n"])
        drawn = desktop.page.evaluate(
            """name => Array.from(document.querySelectorAll(`svg[data-chart="${name}"] rect`))
                 .map(r => [r.dataset.year, Number(r.dataset.n)])""",
            name,
        )
        totals: Counter[str] = Counter()
        for year, n in drawn:
            totals[year] += n
        assert totals == per_year, name
    desktop.screenshot("explorer-charts.png")
    assert desktop.errors == []
