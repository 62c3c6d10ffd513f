"""The main job, end to end: curated YAML -> records -> triples -> store -> dist/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Quad

from wcograph.build import build_quads
from wcograph.export.rdf import jsonld_context, serialize_rdf
from wcograph.load import LoadedData, load_data
from wcograph.output import write_atomically
from wcograph.store import GraphStore, vocabulary_quads

DIST_NAMES = {"ttl": "wcograph.ttl", "nt": "wcograph.nt", "jsonld": "wcograph.jsonld"}


@dataclass
class BuiltGraph:
    loaded: LoadedData
    data_quads: list[Quad]
    store: GraphStore

    @property
    def all_quads(self) -> list[Quad]:
        return vocabulary_quads() + self.data_quads


def compile_graph(data_dir: Path) -> BuiltGraph:
    loaded = load_data(data_dir)
    data_quads = build_quads(loaded)
    store = GraphStore.from_quads(vocabulary_quads() + data_quads)
    return BuiltGraph(loaded, data_quads, store)


def write_dist(built: BuiltGraph, dist: Path) -> list[Path]:
    """Ontology + data as Turtle, N-Triples and JSON-LD (with its @context), atomically."""
    quads = list(built.store.quads())
    files = {dist / name: serialize_rdf(quads, fmt) for fmt, name in DIST_NAMES.items()}
    files[dist / "context.jsonld"] = jsonld_context()
    write_atomically(files)
    return sorted(files)
