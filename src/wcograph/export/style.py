"""How each kind of node and edge is drawn, shared by the DOT and Mermaid exports."""

from __future__ import annotations

from typing import Any

import networkx as nx

NODE_COLOURS = {
    "body": "#dbe9f6",
    "organisation": "#e6e6e6",
    "instrument": "#fdf0c8",
    "meeting": "#dcefd9",
    "decision": "#f6e0ea",
    "task": "#eee3f5",
    "person": "#f9e2cf",
}
BORDER_COLOURS = {
    "body": "#2f6ea5",
    "organisation": "#6b6b6b",
    "instrument": "#b58a00",
    "meeting": "#3f8a3a",
    "decision": "#a8406f",
    "task": "#7a4f9a",
    "person": "#b9692a",
}


def short_name(data: dict[str, Any]) -> str | None:
    """The shortest acronym or other name, if any (``PTC``, not ``WCO Technical Committee``)."""
    acronyms = sorted(data.get("acronyms") or (), key=lambda name: (len(name), name))
    return acronyms[0] if acronyms else None


def display_label(data: dict[str, Any], limit: int = 60) -> str:
    """The acronym and the label (``PTC: Permanent Technical Committee``), shortened."""
    label = str(data.get("label", ""))
    acronym = short_name(data)
    if acronym and data.get("kind") in {"body", "organisation"} and acronym != label:
        label = f"{acronym}: {label}"
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def drawn_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, str | None]]:
    """The edges a drawing shows: one per source, target and kind, however many sourced lines
    it stands for, as (source, target, kind, last day) where the last day is set only when
    every line it stands for has ended (the latest of their ends)."""
    ends: dict[tuple[str, str, str], list[str | None]] = {}
    for source, target, data in graph.edges(data=True):
        ends.setdefault((source, target, data["kind"]), []).append(data.get("validUntil"))
    drawn = []
    for (source, target, kind), lasts in sorted(ends.items()):
        known = [last for last in lasts if last is not None]
        drawn.append((source, target, kind, max(known) if len(known) == len(lasts) else None))
    return drawn
