"""Charts of the record over time: decisions, sessions, chairs, instruments.

Each chart is one query in queries/charts/ drawn with matplotlib. matplotlib rather than
Vega-Lite: it writes SVG and PNG itself, offline, with no browser or JavaScript runtime, and its
output is byte-identical for the same data once the SVG id salt and the file dates are fixed
(which is done here), so charts can be committed, diffed and tested.
"""

from __future__ import annotations

import html
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from wcograph.errors import WcographError
from wcograph.query.run import Row, run_named_query
from wcograph.triples.store import GraphStore

FORMATS = ("svg", "png", "html")
OTHER = "other"


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    draw: Callable[[list[Row], int], tuple[object, str]]
    """Draws the query's answer; returns the figure and a one-line caption."""


def _stacked(rows: list[Row], top: int, ylabel: str) -> tuple[object, str]:
    """Bars per year, one stacked segment per series; series past ``top`` merge into "other"."""
    import matplotlib.pyplot as plt

    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        counts[str(row["series"])][int(row["year"])] += int(row["n"])
    ranked = sorted(counts, key=lambda s: (-sum(counts[s].values()), s))
    kept, rest = ranked[:top], ranked[top:]
    if rest:
        merged = counts[OTHER] = defaultdict(int, counts.get(OTHER, {}))
        for series in rest:
            for year, n in counts[series].items():
                merged[year] += n
        kept.append(OTHER)
    years = sorted({year for series in counts.values() for year in series})
    figure, axes = plt.subplots(figsize=(10, 5.5))
    bottoms = [0] * len(years)
    colours = plt.get_cmap("tab20")
    for index, series in enumerate(kept):
        heights = [counts[series].get(year, 0) for year in years]
        axes.bar(
            [str(y) for y in years],
            heights,
            bottom=bottoms,
            label=series,
            color=colours(index % 20),
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_ylabel(ylabel)
    axes.set_xlabel("year (of the meeting's start)")
    axes.tick_params(axis="x", labelrotation=45)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    total = sum(bottoms)
    caption = f"{total} in all, {len(years)} years, {len(ranked)} series"
    return figure, caption + (f" ({len(rest)} merged into 'other')" if rest else "")


def _chairs(rows: list[Row], top: int) -> tuple[object, str]:
    """A grid: one row per body, one column per year, the chair's country code in the cell."""
    import matplotlib.pyplot as plt

    cells: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in rows:
        cells[(str(row["body"]), int(row["year"]))].append(str(row["country"]))
    bodies = sorted({body for body, _ in cells})
    years = sorted({year for _, year in cells})
    figure, axes = plt.subplots(figsize=(max(6, 0.6 * len(years) + 3), 0.5 * len(bodies) + 1.5))
    for (body, year), countries in sorted(cells.items()):
        axes.text(
            years.index(year),
            bodies.index(body),
            "/".join(sorted(set(countries))),
            ha="center",
            va="center",
            fontsize=9,
        )
    axes.set_xticks(range(len(years)), [str(y) for y in years], rotation=45)
    axes.set_yticks(range(len(bodies)), bodies)
    axes.set_xlim(-0.5, len(years) - 0.5)
    axes.set_ylim(len(bodies) - 0.5, -0.5)
    axes.grid(True, color="#dddddd")
    axes.set_axisbelow(True)
    named = {c for values in cells.values() for c in values}
    return figure, f"{len(cells)} body-years with a named chair, {len(named)} countries"


CHARTS = {
    chart.name: chart
    for chart in (
        Chart(
            "decisions-per-year",
            "Decisions per year, by kind of decision",
            lambda a, top: _stacked(a, top, "decisions"),
        ),
        Chart(
            "decisions-per-body-year",
            "Decisions per year, by body",
            lambda a, top: _stacked(a, top, "decisions"),
        ),
        Chart(
            "sessions-per-body-year",
            "Sessions per year, by body",
            lambda a, top: _stacked(a, top, "meetings"),
        ),
        Chart(
            "instruments-over-time",
            "Decisions about the most discussed instruments, per year",
            lambda a, top: _stacked(a, top, "decisions concerning the instrument"),
        ),
        Chart("chairs-by-country", "Chairs of each body's sessions, by country", _chairs),
    )
}


def chart_rows(store: GraphStore, name: str) -> list[Row]:
    return run_named_query(store, f"charts/{name}")


def render_chart(store: GraphStore, name: str, fmt: str, top: int = 12) -> bytes:
    """The chart as SVG, PNG or an HTML page (the SVG and the numbers behind it)."""
    try:
        import matplotlib
    except ImportError:
        raise WcographError(
            "charts need matplotlib, an optional dependency: pip install 'wcograph[charts]'"
        ) from None

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chart = CHARTS[name]
    rows = chart_rows(store, name)
    with matplotlib.rc_context({"svg.hashsalt": "wcograph", "svg.fonttype": "none"}):
        figure, caption = chart.draw(rows, top)
        figure.suptitle(chart.title, fontsize=11)  # type: ignore[attr-defined]
        figure.tight_layout(rect=(0, 0, 1, 0.95))  # type: ignore[attr-defined]
        buffer = io.BytesIO()
        image_format = "png" if fmt == "png" else "svg"
        metadata = {"Software": None} if image_format == "png" else {"Date": None, "Creator": None}
        figure.savefig(buffer, format=image_format, dpi=100, metadata=metadata)  # type: ignore[attr-defined]
        plt.close(figure)  # type: ignore[arg-type]
    if fmt != "html":
        return buffer.getvalue()
    return _page(chart, caption, buffer.getvalue().decode("utf-8"), rows).encode("utf-8")


def _page(chart: Chart, caption: str, svg: str, data: list[Row]) -> str:
    columns = list(data[0]) if data else []
    header = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(row[c]))}</td>" for c in columns) + "</tr>"
        for row in data
    )
    svg_body = svg[svg.index("<svg") :]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(chart.title)}</title>"
        "<style>body{font-family:sans-serif;max-width:1100px;margin:1em auto}"
        "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;"
        "padding:2px 6px}</style></head><body>"
        f"<h1>{html.escape(chart.title)}</h1><figure>{svg_body}"
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        f"<details><summary>The numbers ({len(data)} rows, query charts/{chart.name})"
        f"</summary><table><tr>{header}</tr>{rows}</table></details></body></html>\n"
    )


def chart_listing() -> str:
    """The charts, a line each: name and title."""
    return "".join(f"{name:<26}{spec.title}\n" for name, spec in CHARTS.items())
