"""`wcograph chart`: each chart draws its query's numbers, the same bytes for the same data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from wcograph.charts import CHARTS, chart_rows, render_chart
from wcograph.cli import main
from wcograph.pipeline import BuiltGraph
from wcograph.query.run import run_query

DATED_DECISIONS = """
SELECT (COUNT(?decision) AS ?n) WHERE {
  ?decision wco:decisionType ?type ; wco:madeAt/wco:startDate ?start }"""


def test_every_chart_has_its_query_and_draws_svg(built: BuiltGraph) -> None:
    for name, chart in CHARTS.items():
        assert chart_rows(built.store, name), name
        svg = render_chart(built.store, name, "svg").decode()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert chart.title in svg  # text is kept as text (svg.fonttype none)


def test_decisions_per_year_counts_every_dated_decision_once(built: BuiltGraph) -> None:
    rows = chart_rows(built.store, "decisions-per-year")
    [total] = run_query(built.store, DATED_DECISIONS)
    assert sum(row["n"] for row in rows) == total["n"]
    by_year = {}
    for row in rows:
        by_year[row["year"]] = by_year.get(row["year"], 0) + row["n"]
    # PC0517 (April 2018): 56 "In conclusion" bullets; PC0737 (October 2023): 41.
    assert by_year[2018] >= 56
    assert by_year[2023] >= 41


def test_chairs_are_placed_by_their_country_code(built: BuiltGraph) -> None:
    rows = chart_rows(built.store, "chairs-by-country")
    ptc_2018 = [
        r for r in rows if r["body"] == "Permanent Technical Committee" and r["year"] == 2018
    ]
    # PC0517 para 1: the 219th/220th Sessions were chaired by Mr. Rob van Kuik (Netherlands).
    assert "NL" in {row["country"] for row in ptc_2018}


@pytest.mark.parametrize("fmt", ["svg", "png", "html"])
def test_charts_are_byte_identical_between_processes(tmp_path: Path, fmt: str) -> None:
    outputs = []
    for run in (1, 2):
        out = tmp_path / f"{run}.{fmt}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "wcograph.cli",
                "chart",
                "decisions-per-year",
                "--format",
                fmt,
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    if fmt == "png":
        assert outputs[0][:8] == b"\x89PNG\r\n\x1a\n"


def test_the_html_chart_escapes_labels_and_lists_the_numbers(built: BuiltGraph) -> None:
    page = render_chart(built.store, "sessions-per-body-year", "html").decode()
    assert "<table>" in page and "Permanent Technical Committee" in page
    assert not re.search(r"<script", page)


def test_chart_refuses_unknown_names_and_png_to_a_terminal() -> None:
    result = CliRunner().invoke(main, ["chart", "nope"])
    assert result.exit_code == 2 and "no chart 'nope'" in result.output
    result = CliRunner().invoke(main, ["chart", "decisions-per-year", "--format", "png"])
    assert result.exit_code == 2 and "needs --out" in result.output
    listing = CliRunner().invoke(main, ["chart", "--list"])
    assert all(name in listing.output for name in CHARTS)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_draws_the_same_bytes_in_every_format(built: BuiltGraph, name: str) -> None:
    """The four charts issue 18 asks for (decisions per year by verb and by body, sessions per
    body per year, chairs by country over time, most discussed instruments over time), each as
    SVG, PNG and HTML, twice over."""
    for fmt in ("svg", "png", "html"):
        first = render_chart(built.store, name, fmt)
        assert first == render_chart(built.store, name, fmt), (name, fmt)
        assert len(first) > 1000
    assert {"decisions-per-year", "decisions-per-body-year", "sessions-per-body-year"} <= set(
        CHARTS
    ) and {"chairs-by-country", "instruments-over-time"} <= set(CHARTS)
