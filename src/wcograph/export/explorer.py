"""The interactive explorer: one self-contained, offline HTML file.

The page inlines the vendored cytoscape.js and cytoscape-dagre (``vendor/``, with their licences)
and the graph as JSON; ``templates/explorer.{html,css,js}`` are the page itself. No request
leaves the page: it opens from disk, from a web server, or from an e-mail attachment.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from wcograph.store import GraphStore

EXPORT_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = EXPORT_DIR / "templates"
VENDOR_DIR = EXPORT_DIR / "vendor"
VENDORED_SCRIPTS = ("cytoscape.min.js", "cytoscape-dagre.min.js")

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


def explorer_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page needs: bodies and instruments to draw, reporting lines, responsibilities
    and successions between them, and the meetings and decisions for the details panel."""
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
    return {
        "filters": dict(graph.graph.get("filters", {})),
        "nodes": nodes,
        "edges": edges,
        "meetings": meetings,
        "decisions": decisions,
    }


def render_explorer(graph: nx.MultiDiGraph) -> str:
    page = (TEMPLATES_DIR / "explorer.html").read_text(encoding="utf-8")
    parts = {
        "{{STYLE}}": (TEMPLATES_DIR / "explorer.css").read_text(encoding="utf-8"),
        "{{VENDOR_SCRIPTS}}": "\n".join(
            f"<script>/* {name}: see the licences at the end of this page */\n"
            f"{vendored_script(name)}</script>"
            for name in VENDORED_SCRIPTS
        ),
        "{{GRAPH_DATA}}": script_json(explorer_data(graph)),
        "{{EXPLORER_SCRIPT}}": _script_safe(
            (TEMPLATES_DIR / "explorer.js").read_text(encoding="utf-8")
        ),
        "{{LICENCES}}": _html_comment_safe(licences()),
    }
    for placeholder, content in parts.items():
        if placeholder not in page:
            raise AssertionError(f"templates/explorer.html lacks {placeholder}")
        page = page.replace(placeholder, content)
    return page


def export_html(graph: nx.MultiDiGraph, store: GraphStore) -> bytes:
    return render_explorer(graph).encode()


def vendored_script(name: str) -> str:
    """A vendored script, without its source-map comment (the map is not shipped)."""
    text = (VENDOR_DIR / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")]
    return _script_safe("\n".join(lines))


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
