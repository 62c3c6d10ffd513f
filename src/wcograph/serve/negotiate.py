"""Content negotiation: the media type to answer with, from the Accept header and what the
answer can be (solutions, a boolean, a graph, a page)."""

from __future__ import annotations

from dataclasses import dataclass

SOLUTIONS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
}
ENTITY = {**GRAPH, "text/html": "html", "application/xhtml+xml": "html"}
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class NotAcceptable(Exception):
    accept: str
    offered: tuple[str, ...]

    def __str__(self) -> str:
        return f"cannot answer in any of {self.accept!r}; available: {', '.join(self.offered)}"


def accepted(header: str | None) -> list[tuple[str, float]]:
    """The Accept header's media ranges, best first (ties keep the header's order)."""
    ranges: list[tuple[str, float, int]] = []
    for position, item in enumerate((header or "*/*").split(",")):
        kind, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if kind:
            ranges.append((kind.lower(), quality, position))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(kind, quality) for kind, quality, _ in ranges if quality > 0]


def choose(header: str | None, offered: dict[str, str]) -> str:
    """The format key (json, ttl, html, ...) for the best acceptable range; the first offered
    type answers ``*/*`` and ``type/*``."""
    for kind, _ in accepted(header):
        if kind in offered:
            return offered[kind]
        major = kind.removesuffix("/*")
        if kind == "*/*" or kind.endswith("/*"):
            for media in offered:
                if kind == "*/*" or media.startswith(major + "/"):
                    return offered[media]
    raise NotAcceptable(header or "", tuple(offered))
