"""The HTML explorer in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright. It searches "PTC", clicks the node, reads the details panel, moves the date between
the 2018 and 2023 reports, and fails on any console error or network request. Screenshots go to
test-output/ (git-ignored), or to $WCOGRAPH_ARTIFACTS when set (CI keeps them).

Expected values come from the store (tests/test_export.py's triple-pattern helpers), not from the
page's own data.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from wcograph.assets import PROJECT_DIR
from wcograph.cli import main
from wcograph.export.formats import export_view
from wcograph.export.style import display_label
from wcograph.pipeline import BuiltGraph
from wcograph.triples.timeline import holds_on
from wcograph.view import around_node, graph_view

from .test_export import lines_on, meeting_days

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT_DIR = Path(os.environ.get("WCOGRAPH_ARTIFACTS") or PROJECT_DIR / "test-output")
VIEWPORT = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def explorer(built: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The explorer of the real graph, written by the command line."""
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    result = CliRunner().invoke(main, ["export", "--format", "html", "--out", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (Debian: chromium chromium-driver)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A page that records console errors, uncaught exceptions and every request it makes."""

    def __init__(self, browser: Any, viewport: dict[str, int] | None = None) -> None:
        self.page = browser.new_page(viewport=viewport or VIEWPORT)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                message.type in {"error", "warning"}
                and self.errors.append(f"console {message.type}: {message.text}")
            ),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def open(self, path: Path, fragment: str = "") -> None:
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def set_day(self, day: str) -> None:
        self.redrawn(lambda: self.page.fill("#as-of", day))
        self.page.wait_for_selector(f"body[data-as-of='{day}']", timeout=10_000)

    def redrawn(self, action: Any) -> None:
        """Does the action and waits until the chart is laid out again (elkjs answers later)."""
        before = self.page.get_attribute("body", "data-layout")
        action()
        self.page.wait_for_function(
            "before => document.body.getAttribute('data-layout') !== before", arg=before
        )

    def check(self, selector: str) -> None:
        self.redrawn(lambda: self.page.check(selector))

    def drawn_lines(
        self,
    ) -> tuple[set[tuple[str, str]], set[tuple[str, str]], set[tuple[str, str]]]:
        """The reporting lines the chart shows, as (body, superior) pairs: drawn as edges (from
        the superior down), a body in the box of the body it reports to, and a body anywhere
        inside a body's box (a line to that box needs no edge)."""
        edges, direct, nested = self.page.evaluate(
            """() => [
                 cy.edges('.reportsTo').map(e => [e.target().id(), e.source().id()]),
                 cy.nodes('.body').filter(n => n.parent().is('.body'))
                   .map(n => [n.id(), n.parent().id()]),
                 cy.nodes('.body').flatMap(n => n.ancestors('.body').map(a => [n.id(), a.id()]))]"""
        )
        return (
            {tuple(pair) for pair in edges},
            {tuple(pair) for pair in direct},
            {tuple(pair) for pair in nested},
        )

    def shows_exactly(self, expected: set[tuple[str, str]]) -> None:
        """Every line that holds is an edge or a nesting; every edge and every body put in the
        box of another is a line that holds."""
        edges, direct, nested = self.drawn_lines()
        assert edges | direct <= expected
        assert expected <= edges | nested
        drawn_bodies = set(self.page.evaluate("cy.nodes('.body').map(n => n.id())"))
        assert {body for pair in expected for body in pair} <= drawn_bodies

    def overlapping(self) -> list[str]:
        """Pairs of drawn nodes whose boxes overlap, other than a box and what it holds."""
        return self.page.evaluate(
            """() => { const nodes = cy.nodes().toArray();
                       const found = [];
                       nodes.forEach((a, i) => nodes.slice(i + 1).forEach(b => {
                         if (a.ancestors().contains(b) || b.ancestors().contains(a)) return;
                         const p = a.boundingBox({includeLabels: false}),
                               q = b.boundingBox({includeLabels: false});
                         if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2)
                           found.push(a.id() + '/' + b.id()); }));
                       return found; }"""
        )

    def click_node(self, node: str) -> None:
        x, y = self.page.evaluate(
            """id => { const node = cy.getElementById(id);
                       // a box that holds others is clicked in its padding, not on a child
                       const b = node.renderedBoundingBox({includeLabels: false});
                       const p = node.isParent() ? {x: b.x1 + 4, y: b.y1 + 4}
                                                 : node.renderedPosition();
                       const box = document.getElementById('cy').getBoundingClientRect();
                       return [box.left + p.x, box.top + p.y]; }""",
            node,
        )
        self.page.mouse.click(x, y)
        self.page.wait_for_selector(f"#details-body[data-node='{node}']", timeout=5_000)

    def listed(self, selector: str) -> dict[str, str]:
        return {
            item.get_attribute("data-id"): item.inner_text()
            for item in self.page.locator(selector).all()
        }

    def screenshot(self, name: str) -> Path:
        OUTPUT_DIR.mkdir(exist_ok=True)
        path = OUTPUT_DIR / name
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture()
def page(browser: Any) -> Iterator[Page]:
    page = Page(browser)
    yield page
    page.page.close()


def reporting_to(pairs: set[tuple[str, str]], superior: str) -> set[str]:
    return {body for body, above in pairs if above == superior}


def test_search_click_details_and_date(built: BuiltGraph, explorer: Path, page: Page) -> None:
    store = built.store
    view = graph_view(store)
    ptc = around_node(store, view, "PTC")
    page.open(explorer)

    page.page.locator("#search").press_sequentially("PTC", delay=40)
    first = page.page.locator("#search-results li").first
    assert first.get_attribute("data-id") == ptc
    assert view.nodes[ptc]["label"] in first.inner_text()
    page.page.keyboard.press("Escape")

    page.click_node(ptc)
    assert page.page.inner_text("#details-title") == view.nodes[ptc]["label"]
    today = page.page.get_attribute("body", "data-as-of")
    expected_now = reporting_to(lines_on(store, today), ptc)
    listed = page.listed("#reporting-bodies > li")
    assert set(listed) == expected_now
    for body, text in listed.items():
        assert view.nodes[body]["label"] in text

    early, late = meeting_days(store, "ptc", 2018)[-1], meeting_days(store, "ptc", 2023)[-1]
    seen = {}
    for day in (early, late):
        page.set_day(day)
        expected = lines_on(store, day)
        page.shows_exactly(expected)
        assert page.overlapping() == [], "bodies shown again are laid out at their full size"
        assert set(page.listed("#reporting-bodies > li")) == reporting_to(expected, ptc), day
        decisions = page.listed("#decisions > li")
        assert decisions, "the PTC's decisions are listed"
        for decision, text in decisions.items():
            data = view.nodes[decision]
            assert data["date"] <= day
            # a WCO document shows its number; a web source, which has none, its id
            shown_source = data.get("documentNumber") or data["document"]
            assert data["text"] in text and shown_source in text
            assert f"paragraph {data['paragraph']}" in text
        seen[day] = expected
    assert seen[early] != seen[late], (
        "the structure differs between 2018 and 2023, as the data says"
    )

    page.page.locator("#as-of").blur()
    page.screenshot("explorer.png")
    page.check("#show-instruments")
    responsible = {
        t
        for s, t, data in view.edges(data=True)
        if data["kind"] == "responsibleFor"
        and s in {b for pair in seen[late] for b in pair}
        and holds_on(late, data.get("validFrom"), data.get("validUntil"))
    }
    drawn = set(page.page.evaluate("cy.nodes('.instrument').map(n => n.id())"))
    assert drawn == responsible
    page.screenshot("explorer-instruments.png")
    assert page.errors == []
    assert page.requests == [explorer.as_uri()], "the page fetches nothing"


def drawable(view: nx.MultiDiGraph) -> int:
    """Bodies, and the instruments a body is responsible for: what the chart draws with every
    box ticked."""
    bodies = {n for n, kind in view.nodes(data="kind") if kind == "body"}
    attached = {
        t for s, t, kind in view.edges(data="kind") if kind == "responsibleFor" and s in bodies
    }
    return len(bodies | attached)


@pytest.mark.parametrize("copies", [1, 5])
def test_whole_graph_stays_responsive(
    built: BuiltGraph, page: Page, tmp_path: Path, copies: int
) -> None:
    """Everything drawn at once: the real graph, and five disjoint copies of it side by side."""
    view = graph_view(built.store)
    many = nx.union_all(
        [nx.relabel_nodes(view, lambda n, i=i: f"{n}~{i}" if i else n) for i in range(copies)]
    )
    path = tmp_path / "explorer.html"
    path.write_bytes(export_view(many, "html"))
    started = time.perf_counter()
    page.open(path)
    opened = time.perf_counter() - started
    for toggle in ("#all-periods", "#show-instruments", "#show-unlinked"):
        page.check(toggle)
    timing = page.page.evaluate(
        "async () => { const t = performance.now(); await explorer.redraw();"
        " return performance.now() - t; }"
    )
    drawn = page.page.evaluate("cy.nodes('.body, .instrument').length")
    assert drawn == drawable(many)
    assert timing < 3_000, f"a redraw of {drawn} nodes took {timing:.0f} ms"
    assert opened < 10, f"the page took {opened:.1f} s to open"
    page.page.locator("#search").press_sequentially("guide", delay=10)
    assert page.page.locator("#search-results li").count() > 0
    page.page.keyboard.press("Escape")
    assert page.overlapping() == []
    page.screenshot(f"explorer-everything-x{copies}.png")
    assert page.errors == []


def test_cytoscape_export_loads_in_cytoscape_js(
    built: BuiltGraph, explorer: Path, page: Page
) -> None:
    """The Cytoscape JSON export, handed to the vendored cytoscape.js: every element loads."""
    view = graph_view(built.store)
    document = json.loads(export_view(view, "cytoscape"))
    page.open(explorer)
    counts = page.page.evaluate(
        "doc => { const c = cytoscape({headless: true, elements: doc.elements});"
        " return [c.nodes().length, c.edges().length,"
        " c.edges().filter(e => e.source().empty()).length]; }",
        document,
    )
    assert counts == [view.number_of_nodes(), view.number_of_edges(), 0]
    assert page.errors == []


MERMAID_JS = Path(__file__).parent / "js" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"


def mermaid_diagrams(text: str) -> list[str]:
    """The diagrams of a Mermaid export: the text itself, or each ```mermaid block of the
    Markdown page a view too large for one diagram becomes."""
    if text.startswith("flowchart"):
        return [text]
    return [block.split("```", 1)[0] for block in text.split("```mermaid\n")[1:]]


@pytest.mark.skipif(not MERMAID_JS.exists(), reason="mermaid is not installed (npm ci in tests/js)")
def test_mermaid_export_parses_and_renders_with_mermaid_js(built: BuiltGraph, page: Page) -> None:
    """Mermaid's own parser (npm package mermaid, run in Chromium) accepts the whole graph's
    flowchart and renders the bodies' one to SVG; it still rejects a broken line."""
    store = built.store
    page.page.set_content("<!DOCTYPE html><html><body><div id='out'></div></body></html>")
    page.page.add_script_tag(path=str(MERMAID_JS))
    page.page.evaluate(
        "mermaid.initialize({startOnLoad: false, maxEdges: 100000, maxTextSize: 100000000})"
    )
    parse = """async text => { try { return (await mermaid.parse(text)).diagramType; }
                               catch (error) { return 'error: ' + (error.message || error); } }"""
    # the whole graph is a Markdown page of diagrams, one per subtree: each must parse
    whole = mermaid_diagrams(export_view(graph_view(store), "mermaid").decode())
    assert len(whole) > 1
    assert {page.page.evaluate(parse, diagram) for diagram in whole} == {"flowchart-v2"}
    bodies_view = graph_view(store, only=["bodies"])
    [bodies] = mermaid_diagrams(export_view(bodies_view, "mermaid").decode())
    drawn = page.page.evaluate(
        """async text => {
             const out = document.getElementById('out');
             out.innerHTML = (await mermaid.render('bodies', text)).svg;
             return Array.from(out.querySelectorAll('g.node')).map(n => n.textContent.trim()); }""",
        bodies,
    )
    assert sorted(drawn) == sorted(display_label(d) for _, d in bodies_view.nodes(data=True))
    broken = bodies.replace("-->|", '-->|"', 1)
    assert page.page.evaluate(parse, broken).startswith("error: Parse error")
    assert [error for error in page.errors if "error" in error] == []
