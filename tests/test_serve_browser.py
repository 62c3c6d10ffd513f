"""`wcograph serve` in a real browser (headless Debian Chromium, driven by Playwright, as for
the explorer): YASGUI runs a question of the library and shows the store's rows; an entity page
lists the store's reporting lines; a label holding `<script>` is shown as text, never run. The
pages fetch nothing from outside the server and log no errors.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wcograph.namespaces import ID
from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import bound_example
from wcograph.query.library import named_query
from wcograph.triples.timeline import holds_on

from .serving import Server, wcograph_server
from .test_explorer import OUTPUT_DIR, Page, browser  # noqa: F401 (the browser fixture)
from .test_export import lines_on, reporting_lines
from .test_serve import state_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = "<script>window.pwned = 1</script> Permanent Technical Committee"


@pytest.fixture(scope="module")
def server(built: BuiltGraph) -> Iterator[Server]:
    with wcograph_server("--workers", "1") as running:
        yield running


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The mini data set with the PTC's label holding a script element."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", data)
    body = data / "bodies" / "ptc.yaml"
    text = body.read_text(encoding="utf-8")
    body.write_text(text.replace("label: Permanent Technical Committee", f"label: '{HOSTILE}'"))
    with wcograph_server("--workers", "1", data=data) as running:
        yield running


@pytest.fixture()
def page(browser: Any) -> Iterator[Page]:  # noqa: F811
    opened = Page(browser)
    yield opened
    opened.page.close()


def only_local(page: Page, server: Server) -> None:
    outside = [url for url in page.requests if not url.startswith(server.url)]
    assert outside == [], "the page fetches nothing from outside the server"
    assert page.errors == []


def open_yasgui(page: Page, server: Server) -> None:
    page.page.goto(server.url + "/")
    page.page.wait_for_selector("body[data-ready=true]", timeout=15_000)


def run_active_tab(page: Page) -> list[list[str]]:
    """Press the run button of the open tab and read the rows of YASR's table."""
    page.page.click(".tabPanel.active .yasqe_queryButton")
    rows = ".tabPanel.active .yasr table.dataTable tbody tr"
    page.page.wait_for_selector(rows, timeout=15_000)
    return page.page.evaluate(
        """sel => [...document.querySelectorAll(sel)].map(
             tr => [...tr.querySelectorAll('td')].slice(1).map(td => td.innerText.trim()))""",
        rows,
    )


def active_columns(page: Page) -> list[str]:
    """The column headers of YASR's table (the row-number column left out)."""
    return page.page.evaluate(
        """[...document.querySelectorAll('.tabPanel.active .yasr table.dataTable thead th')]
             .slice(1).map(th => th.innerText.trim())"""
    )


def test_yasgui_runs_a_library_question(page: Page, server: Server, built: BuiltGraph) -> None:
    open_yasgui(page, server)
    page.page.get_by_role("tab", name="bodies-reporting-to", exact=True).click()
    editor = page.page.evaluate("yasgui.getTab().getYasqe().getValue()")
    question = named_query("cq/bodies-reporting-to").header.question
    assert editor.startswith(f"# Question: {question}")
    shown = run_active_tab(page)
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.page.screenshot(path=str(OUTPUT_DIR / "serve-yasgui.png"))

    query, bindings = bound_example(built.store, named_query("cq/bodies-reporting-to"))
    expected = list(built.store.select(query.text, bindings))
    assert len(shown) == len(expected) >= 5
    column = active_columns(page).index("sub")
    subs = [re.search(r"<([^>]+)>", row[column])[1] for row in shown]  # type: ignore[index]
    assert subs == [solution["sub"].value for solution in expected]
    only_local(page, server)


SHOWN_LINES = """[...document.querySelectorAll('#reporting-lines tbody tr')].map(
    tr => [tr.dataset.direction, tr.dataset.other, tr.dataset.line, tr.dataset.status || null,
           tr.querySelector('td:nth-child(2) a').getAttribute('href')])"""


def store_lines_on(built: BuiltGraph, body: str, day: str) -> set[tuple[str, str, str, str]]:
    """(direction, other body, line, status that day) of the body's lines that hold on the day,
    read from the store's triples (tests/test_export.py's reading of the derived intervals)."""
    found = set()
    for line in reporting_lines(built.store):
        pair_holds = (line["body"], line["superior"]) in lines_on(built.store, day)
        if not (pair_holds and holds_on(day, line["from"], line["until"])):
            continue
        state = state_on(built.store, ID + str(line["line"]), day)
        assert state is not None
        if line["superior"] == body:
            found.add(("down", ID + str(line["body"]), ID + str(line["line"]), state[0]))
        if line["body"] == body:
            found.add(("up", ID + str(line["superior"]), ID + str(line["line"]), state[0]))
    return found


def test_entity_page_lists_the_stores_reporting_lines(
    page: Page, server: Server, built: BuiltGraph
) -> None:
    page.page.goto(server.url + "/id/ptc")
    rows = page.page.evaluate(SHOWN_LINES)
    down = {(other, line) for direction, other, line, _, _ in rows if direction == "down"}
    expected = {
        (ID + str(line["body"]), ID + str(line["line"]))
        for line in reporting_lines(built.store)
        if line["superior"] == "ptc"
    }
    assert down == expected
    assert all(href == "/id/" + other.removeprefix(ID) for _, other, _, _, href in rows)
    # The as-of control, on two days: the lines that held then, with that day's status, as
    # the store has them (the E-Commerce WG reported in 2018; the Customs-Port Cooperation
    # mini group's line is first evidenced in October 2023, PC0737).
    for day in ("2018-04-25", "2024-06-01"):
        page.page.fill("#as-of", day)
        page.page.click("form.as-of button")
        page.page.wait_for_url(re.compile(f"as-of={day}"))
        shown = {tuple(row[:4]) for row in page.page.evaluate(SHOWN_LINES)}
        assert shown == store_lines_on(built, "ptc", day), day
        bodies = {other for _, other, _, _ in shown}
        early = day.startswith("2018")
        assert (ID + "wgec" in bodies) == early
        assert (ID + "customs-port-cooperation-mini-group" in bodies) != early
    page.page.screenshot(path=str(OUTPUT_DIR / "serve-entity.png"))
    only_local(page, server)


def test_a_script_in_a_label_is_shown_as_text(page: Page, hostile_server: Server) -> None:
    page.page.goto(hostile_server.url + "/id/ptc")
    assert page.page.inner_text("h1") == HOSTILE
    assert page.page.evaluate("window.pwned") is None
    assert page.page.evaluate("document.querySelectorAll('script').length") == 0

    open_yasgui(page, hostile_server)
    page.page.evaluate(
        "yasgui.getTab().getYasqe().setValue('SELECT ?label WHERE { id:ptc rdfs:label ?label }')"
    )
    shown = run_active_tab(page)
    assert HOSTILE in shown[0][0]
    assert page.page.evaluate("window.pwned") is None
    only_local(page, hostile_server)
