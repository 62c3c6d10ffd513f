"""The main job, end to end: curated YAML -> records -> triples -> store -> dist/."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Quad

from wcograph.assets import DIST_DIR
from wcograph.output import write_atomically
from wcograph.sources import sources_dir
from wcograph.store import VOCABULARY_FILES, GraphStore, vocabulary_quads

if TYPE_CHECKING:
    from wcograph.load import LoadedData

DIST_NAMES = {"ttl": "wcograph.ttl", "nt": "wcograph.nt", "jsonld": "wcograph.jsonld"}
BUILD_INFO = "build-info.json"
CONTEXT = "context.jsonld"
BUILD_OUTPUTS = (*DIST_NAMES.values(), CONTEXT, BUILD_INFO)
"""Every file a build writes to dist/ (an export may not overwrite them)."""


@dataclass
class BuiltGraph:
    loaded: LoadedData
    data_quads: list[Quad]
    store: GraphStore

    @property
    def all_quads(self) -> list[Quad]:
        return vocabulary_quads() + self.data_quads


def compile_graph(data_dir: Path) -> BuiltGraph:
    # Imported here: pydantic and the YAML loader are the slowest imports, and a command that
    # can reuse the last build (graph_store) never needs them.
    from wcograph.build import build_quads
    from wcograph.load import load_data

    loaded = load_data(data_dir)
    data_quads = build_quads(loaded)
    store = GraphStore.from_quads(vocabulary_quads() + data_quads)
    return BuiltGraph(loaded, data_quads, store)


def write_dist(built: BuiltGraph, dist: Path) -> list[Path]:
    """Ontology + data as Turtle, N-Triples and JSON-LD (with its @context), atomically."""
    from wcograph.export.rdf import jsonld_context, serialize_rdf

    quads = list(built.store.quads())
    files = {dist / name: serialize_rdf(quads, fmt) for fmt, name in DIST_NAMES.items()}
    files[dist / CONTEXT] = jsonld_context()
    files[dist / BUILD_INFO] = json.dumps({"data": str(built.loaded.data_dir.resolve())}).encode()
    write_atomically(files)
    return sorted(files)


def graph_store(data_dir: Path, dist: Path = DIST_DIR) -> GraphStore:
    """The graph of ``data_dir``: the last build's N-Triples when that build came from the same
    folder and is newer than every file it was made from, else a fresh build in memory.

    Commands that only read the graph (query, validate, export, ...) then start in a fraction
    of the time, and never answer from a stale build.
    """
    built_nt = dist / DIST_NAMES["nt"]
    if _is_current_build(dist, data_dir):
        return GraphStore.from_file(built_nt)
    return compile_graph(data_dir).store


def _is_current_build(dist: Path, data_dir: Path) -> bool:
    try:
        info = json.loads((dist / BUILD_INFO).read_text())
        built_at = (dist / DIST_NAMES["nt"]).stat().st_mtime
    except (OSError, ValueError):
        return False
    if info.get("data") != str(data_dir.resolve()):
        return False
    # The seeds count too: the build reads each document's paragraph and line counts.
    inputs = [*data_dir.rglob("*.yaml"), *VOCABULARY_FILES, *sources_dir().glob("*")]
    return all(path.stat().st_mtime < built_at for path in inputs)


def graph_quads(
    data_dir: Path, rdf_file: Path | None = None, extra: Iterable[Path] = ()
) -> list[Quad]:
    """The quads a command works on: an RDF file's, or the graph built from data/; plus extras."""
    from wcograph.inputs import read_rdf

    quads = read_rdf(rdf_file) if rdf_file else compile_graph(data_dir).all_quads
    for path in extra:
        quads.extend(read_rdf(path))
    return quads
