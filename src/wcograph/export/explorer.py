"""The interactive explorer: one self-contained, offline HTML file.

The page inlines the vendored cytoscape.js, elkjs and vis-timeline (``vendor/``, with their
licences) and the graph as JSON: the structure, the meetings with their status, the bodies'
lifecycle events and the rows of the charts (``queries/charts/``);
``templates/explorer.{html,css,js}`` are the page itself. No request leaves the page: it opens
from disk, from a web server, or from an e-mail attachment.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from wcograph.charts import CHARTS, chart_rows
from wcograph.query.run import run_named_query
from wcograph.triples.store import GraphStore
from wcograph.view import _slug, store_of

EXPORT_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = EXPORT_DIR / "templates"
VENDOR_DIR = EXPORT_DIR / "vendor"
VENDORED_SCRIPTS = ("cytoscape.min.js", "elk.bundled.js", "vis-timeline-graph2d.min.js")

DRAWN_KINDS = ("body", "instrument")
DRAWN_EDGES = ("reportsTo", "responsibleFor", "successor")
NODE_FIELDS = (
    "kind",
    "type",
    "label",
    "acronyms",
    "established",
    "ended",
    "endedBy",
    "endDateGiven",
    "firstStage",
    "curatedAt",
)
EDGE_FIELDS = (
    "validFrom",
    "validUntil",
    "endDateGiven",
    "evidence",
    "passage",
    "event",
    "lastEvidenced",
    "status",
    "caveat",
)
DECISION_FIELDS = (
    "date",
    "decisionType",
    "decisionTypeLabel",
    "text",
    "meeting",
    "paragraph",
    "bullet",
    "passage",
    "document",
    "documentNumber",
    "documentTitle",
)


def explorer_data(graph: nx.MultiDiGraph, store: GraphStore | None = None) -> dict[str, Any]:
    """What the page needs: bodies and instruments to draw, reporting lines, responsibilities
    and successions between them, and the meetings and decisions for the details panel; with
    the store, also each meeting's status, the bodies' lifecycle events and the charts' rows."""
    nodes = [
        {"id": node, **_pick(data, NODE_FIELDS)}
        for node, data in sorted(graph.nodes(data=True))
        if data["kind"] in DRAWN_KINDS
    ]
    drawn = {node["id"] for node in nodes}
    edges = [
        {
            "id": f"{source}|{key}|{target}",
            "kind": data["kind"],
            "source": source,
            "target": target,
            **_pick(data, EDGE_FIELDS),
        }
        for source, target, key, data in sorted(
            graph.edges(keys=True, data=True), key=lambda e: e[:3]
        )
        if data["kind"] in DRAWN_EDGES and source in drawn and target in drawn
    ]
    meetings = {
        node: {"label": data["label"], **_pick(data, ("start", "end", "place"))}
        for node, data in sorted(graph.nodes(data=True))
        if data["kind"] == "meeting"
    }
    for meeting, body, kind in graph.edges(data="kind"):
        if kind == "meetingOf" and meeting in meetings:
            meetings[meeting]["body"] = body
    concerns: dict[str, list[str]] = defaultdict(list)
    for decision, target, kind in graph.edges(data="kind"):
        if kind == "concerns":
            concerns[decision].append(target)
    decisions = [
        {"id": node, **_pick(data, DECISION_FIELDS), "concerns": sorted(concerns.get(node, []))}
        for node, data in graph.nodes(data=True)
        if data["kind"] == "decision"
    ]
    decisions.sort(
        key=lambda d: (
            d.get("date", ""),
            d.get("meeting", ""),
            d.get("paragraph", 0),
            d.get("bullet", 0),
        )
    )
    data = {
        "filters": dict(graph.graph.get("filters", {})),
        "nodes": nodes,
        "edges": edges,
        "meetings": meetings,
        "decisions": decisions,
        "lifecycle": [],
        "charts": [],
    }
    if store is not None:
        _add_store_facts(data, store, drawn)
    return data


def _add_store_facts(data: dict[str, Any], store: GraphStore, drawn: set[str]) -> None:
    """Meeting status (held unless a source says scheduled or cancelled), lifecycle events and
    the charts: what the timeline and the charts tab draw."""
    meetings = data["meetings"]
    for meeting in meetings.values():
        meeting["status"] = "held"
    for row in run_named_query(store, "cq/scheduled-meetings"):
        meeting = _slug(row["meeting"])
        if meeting in meetings and row["status"]:
            meetings[meeting]["status"] = row["status"]
    # The view reduces each line's states to the day's; the timeline draws them all.
    states: dict[str, list[list[str | None]]] = defaultdict(list)
    for row in run_named_query(store, "export/line-states"):
        line_id = _slug(row["line"])
        assert line_id is not None, "every line state names its line"
        states[line_id].append([row["from"], row["until"], row["status"], row["caveat"]])
    for edge in data["edges"]:
        line = edge["id"].split("|")[1]
        if edge["kind"] == "reportsTo" and line in states:
            edge["states"] = sorted(states[line], key=lambda state: state[0] or "")
    events = []
    for row in run_named_query(store, "cq/bodies-lifecycle"):
        body = _slug(row["body"])
        if body not in drawn:
            continue
        event = {
            "id": _slug(row["event"]),
            "body": body,
            "what": row["what"],
            **{name: row[name] for name in ("modality", "date", "precision") if row[name]},
        }
        successor = _slug(row["successor"])
        if successor in drawn:
            event["successor"] = successor
        events.append(event)
    events.sort(key=lambda e: (e["body"], e.get("date", ""), e["id"], e.get("successor", "")))
    data["lifecycle"] = events
    data["charts"] = [
        {"name": name, "title": chart.title, "rows": chart_rows(store, name)}
        for name, chart in CHARTS.items()
    ]


def render_explorer(graph: nx.MultiDiGraph, store: GraphStore | None = None) -> str:
    page = (TEMPLATES_DIR / "explorer.html").read_text(encoding="utf-8")
    parts = {
        "{{STYLE}}": (TEMPLATES_DIR / "explorer.css").read_text(encoding="utf-8"),
        "{{VENDOR_SCRIPTS}}": "\n".join(
            f"<script>/* {name}: see the licences at the end of this page */\n"
            f"{vendored_script(name)}</script>"
            for name in VENDORED_SCRIPTS
        ),
        "{{GRAPH_DATA}}": script_json(explorer_data(graph, store)),
        "{{EXPLORER_SCRIPT}}": _script_safe(
            (TEMPLATES_DIR / "explorer.js").read_text(encoding="utf-8")
        ),
        "{{VENDOR_STYLE}}": _style_safe(vendored_text("vis-timeline-graph2d.min.css")),
        "{{LICENCES}}": _html_comment_safe(licences()),
    }
    for placeholder, content in parts.items():
        if placeholder not in page:
            raise AssertionError(f"templates/explorer.html lacks {placeholder}")
        page = page.replace(placeholder, content)
    return page


def export_html(graph: nx.MultiDiGraph) -> bytes:
    return render_explorer(graph, store_of(graph)).encode()


def vendored_script(name: str) -> str:
    return _script_safe(vendored_text(name))


def vendored_text(name: str) -> str:
    """A vendored file without its source-map comment (``//#`` or ``/*#``: the map is not
    shipped)."""
    text = (VENDOR_DIR / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "# sourceMappingURL=" not in line]
    return "\n".join(lines)


def _style_safe(text: str) -> str:
    if "</style" in text.lower():
        raise AssertionError("a style sheet to inline contains </style")
    return text


def licences() -> str:
    return "\n\n".join(
        f"{path.stem}:\n{path.read_text(encoding='utf-8').strip()}"
        for path in sorted(VENDOR_DIR.glob("*.LICENSE"))
    )


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: every ``<`` escaped, so no ``</script>`` or ``<!--``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _script_safe(text: str) -> str:
    if "</script" in text.lower() or "<!--" in text:
        raise AssertionError("a script to inline contains </script or <!--")
    return text


def _html_comment_safe(text: str) -> str:
    return text.replace("--", "- -")


def _pick(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {
        name: list(data[name]) if isinstance(data[name], tuple) else data[name]
        for name in fields
        if name in data and data[name] not in (None, "", ())
    }
