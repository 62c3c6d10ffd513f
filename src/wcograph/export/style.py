"""How each kind of node and edge is drawn, shared by the DOT and Mermaid exports."""

from __future__ import annotations

import textwrap
from typing import Any, NamedTuple

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


class DrawnEdge(NamedTuple):
    source: str
    target: str
    kind: str
    until: str | None
    """Set only when every line the edge stands for has ended: the latest of their ends."""
    evidenced: str | None
    """Set only for reporting lines no source states, only evidences (a report submitted,
    outputs forwarded): the kinds of evidence, joined with ``, ``."""


def drawn_edges(graph: nx.MultiDiGraph) -> list[DrawnEdge]:
    """The edges a drawing shows: one per source, target and kind, however many sourced lines
    it stands for."""
    merged: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for source, target, data in graph.edges(data=True):
        merged.setdefault((source, target, data["kind"]), []).append(data)
    drawn = []
    for (source, target, kind), lines in sorted(merged.items()):
        lasts = [line.get("validUntil") for line in lines]
        known = [last for last in lasts if last is not None]
        evidence = sorted({str(line["evidence"]) for line in lines if line.get("evidence")})
        evidenced = ", ".join(evidence) if evidence and "stated" not in evidence else None
        until = max(known) if len(known) == len(lasts) else None
        drawn.append(DrawnEdge(source, target, kind, until, evidenced))
    return drawn


def is_scheduled(data: dict[str, Any]) -> bool:
    """A meeting a source only announces (issue 12's meeting status), drawn with a dashed
    border."""
    return data.get("status") in {"scheduled", "cancelled"}


def wrapped_label(data: dict[str, Any], width: int = 26) -> str:
    """The display label in lines of about ``width`` characters, for boxes that stay narrow."""
    return "\n".join(textwrap.wrap(display_label(data), width)) or display_label(data)
