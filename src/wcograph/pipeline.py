"""The main job, end to end: curated YAML -> records -> triples -> store -> dist/."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse

from wcograph.build import build_quads
from wcograph.errors import Problem, WcographError
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


def graph_quads(
    data_dir: Path, rdf_file: Path | None = None, extra: Iterable[Path] = ()
) -> list[Quad]:
    """The quads a command works on: an RDF file's, or the graph built from data/; plus extras."""
    quads = read_rdf(rdf_file) if rdf_file else compile_graph(data_dir).all_quads
    for path in extra:
        quads.extend(read_rdf(path))
    return quads


def read_rdf(path: Path) -> list[Quad]:
    """Parse an RDF file (format from its extension); a missing or malformed file is bad input."""
    try:
        fmt = RdfFormat.from_extension(path.suffix.lstrip("."))
    except ValueError:
        fmt = None
    if fmt is None:
        raise WcographError(
            Problem(
                f"unknown RDF format {path.suffix!r}", path, hint="use .ttl, .nt, .jsonld, .rdf"
            )
        )
    try:
        return list(parse(path=str(path), format=fmt))
    except FileNotFoundError:
        raise WcographError(Problem("no such file", path)) from None
    except SyntaxError as err:
        raise WcographError(Problem(f"malformed RDF: {err}", path)) from None
