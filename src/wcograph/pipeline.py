"""The main job, end to end: curated YAML -> records -> triples -> store -> dist/."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Quad

from wcograph import __version__
from wcograph.assets import (
    BUNDLED_GRAPH_DIR,
    DATA_DIR,
    DIST_DIR,
    ONTOLOGY_DIR,
    QUERIES_DIR,
    SHAPES_DIR,
)
from wcograph.errors import Problem, WcographError
from wcograph.namespaces import WCO
from wcograph.output import write_atomically
from wcograph.records.sources import sources_dir
from wcograph.triples.store import GraphStore, vocabulary_quads

if TYPE_CHECKING:
    from wcograph.records.load import LoadedData
    from wcograph.validate.citations import CitationTexts
    from wcograph.validate.findings import ValidationReport

CURATED_AT = WCO + "curatedAt"
DIST_NAMES = {"ttl": "wcograph.ttl", "nt": "wcograph.nt", "jsonld": "wcograph.jsonld"}
BUILD_INFO = "build-info.json"
CONTEXT = "context.jsonld"
CURATION = "curation.nt"
"""The build's own provenance beside the release: wco:curatedAt, the YAML file and line each node
was built from. Not part of the released graph (its files are DIST_NAMES); read back with it so
that reports from a cached build still point at the YAML."""
BUILD_OUTPUTS = (*DIST_NAMES.values(), CONTEXT, BUILD_INFO, CURATION)
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
    from wcograph.records.load import load_data
    from wcograph.triples.build import build_quads

    loaded = load_data(data_dir)
    data_quads = build_quads(loaded)
    store = GraphStore.from_quads(vocabulary_quads() + data_quads)
    return BuiltGraph(loaded, data_quads, store)


@dataclass
class CheckedBuild:
    """A build validated with, where the source texts are at hand, its citations checked."""

    built: BuiltGraph
    texts: CitationTexts
    report: ValidationReport
    sources: Path

    def write(self, dist: Path) -> list[Path]:
        info = build_info(
            self.built.loaded.data_dir, self.sources, citations_checked=bool(self.texts.texts)
        )
        return write_dist(self.built, dist, info)


def build_checked(data_dir: Path, sources: Path) -> CheckedBuild:
    """The main job, as `wcograph build` and the wheel's build hook (setup.py) run it."""
    from wcograph.validate.citations import citation_texts, with_counts_validated

    built = compile_graph(data_dir)
    texts = citation_texts(built.loaded.curated.sources, sources)
    return CheckedBuild(built, texts, with_counts_validated(built.store, texts), sources)


def write_dist(built: BuiltGraph, dist: Path, info: dict[str, object] | None = None) -> list[Path]:
    """Ontology + data as Turtle, N-Triples and JSON-LD (with its @context), the build info and,
    apart from the release, the curation origins (CURATION), atomically."""
    from wcograph.triples.serialize import jsonld_context, serialize_rdf

    quads = list(built.store.quads())
    released = [quad for quad in quads if quad.predicate.value != CURATED_AT]
    files = {dist / name: serialize_rdf(released, fmt) for fmt, name in DIST_NAMES.items()}
    files[dist / CURATION] = serialize_rdf(
        [quad for quad in quads if quad.predicate.value == CURATED_AT], "nt"
    )
    files[dist / CONTEXT] = jsonld_context()
    stamp = info if info is not None else build_info(built.loaded.data_dir, sources_dir())
    files[dist / BUILD_INFO] = json.dumps(stamp, indent=1).encode()
    write_atomically(files)
    return sorted(files)


# --- what a build depends on ------------------------------------------------------------------


def input_files(data_dir: Path) -> dict[str, Path]:
    """Every file a build (or a validation of it) reads, by a stable name: data/, the ontology,
    the shapes and the queries. Hidden files (editors' swap files) are not inputs."""
    folders = {"data": data_dir, "ontology": ONTOLOGY_DIR, "shapes": SHAPES_DIR}
    folders["queries"] = QUERIES_DIR
    files: dict[str, Path] = {}
    for name, folder in folders.items():
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            hidden = any(part.startswith(".") or part == "__pycache__" for part in relative.parts)
            if path.is_file() and not hidden:
                files[f"{name}/{relative.as_posix()}"] = path
    return files


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hash_of(entries: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()


def build_key(data_dir: Path, sources: Path) -> tuple[str, str]:
    """(the cache key, the data hash). The key changes with anything that can change an answer:
    the package version, the content of every input file, the set of those files, the data
    folder (its name is in the curation origins), the sources folder and its texts."""
    digests = {name: _digest(path) for name, path in input_files(data_dir).items()}
    data_hash = _hash_of({k: v for k, v in digests.items() if k.startswith("data/")})
    texts = (
        {path.name: _digest(path) for path in sorted(sources.iterdir()) if path.is_file()}
        if sources.is_dir()
        else {}
    )
    key = _hash_of(
        {
            "version": __version__,
            "inputs": _hash_of(digests),
            "data": str(data_dir.resolve()),
            "sources": str(sources.resolve()),
            "texts": _hash_of(texts),
        }
    )
    return key, data_hash


def build_info(data_dir: Path, sources: Path, citations_checked: bool = False) -> dict[str, object]:
    """The stamp written beside a build: what it is (version, date, data hash) and its key."""
    key, data_hash = build_key(data_dir, sources)
    return {
        "version": __version__,
        "built": build_time(),
        "data_hash": data_hash,
        "citations_checked": citations_checked,
        "key": key,
    }


def build_time() -> str:
    """Now, or $SOURCE_DATE_EPOCH for a reproducible release build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.fromtimestamp(int(epoch), tz=UTC) if epoch else datetime.now(tz=UTC)
    ).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def read_build_info(dist: Path) -> dict[str, object] | None:
    try:
        info = json.loads((dist / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and (dist / DIST_NAMES["nt"]).is_file() else None


# --- which graph answers ----------------------------------------------------------------------


@dataclass(frozen=True)
class AnsweringGraph:
    store: GraphStore
    description: str
    """Which graph answered, in words (for --version, stats and the installed command)."""
    bundled: bool = False


def choose_data_dir(data_dir: Path | None) -> Path | None:
    """The data folder to build from: the one given, else ./data, else the checkout's data/;
    None when there is none and the graph bundled with an installed wheel should answer."""
    if data_dir is not None:
        return data_dir
    if Path("data").is_dir():
        return Path("data")
    if DATA_DIR.is_dir():
        return DATA_DIR
    if (BUNDLED_GRAPH_DIR / DIST_NAMES["nt"]).is_file():
        return None
    raise WcographError(
        Problem(
            "no data/ folder here and no graph bundled with this installation",
            hint="run from a folder that has data/, or give --data DIR",
        )
    )


def open_graph(
    data_dir: Path | None, dist: Path = DIST_DIR, sources: Path | None = None
) -> AnsweringGraph:
    """The graph a read-only command answers from.

    From a data folder: the last build's N-Triples when its key matches the inputs (build_key),
    else a fresh build in memory, so a command never answers from a stale build. Without one:
    the graph bundled with the installed package.
    """
    chosen = choose_data_dir(data_dir)
    if chosen is None:
        store = built_store(BUNDLED_GRAPH_DIR)
        return AnsweringGraph(store, bundled_description(), True)
    info = _current_build(chosen, dist, sources)
    if info is not None:
        store = built_store(dist)
        return AnsweringGraph(store, f"the data in {chosen.resolve()} ({describe(info)})")
    return AnsweringGraph(
        compile_graph(chosen).store, f"the data in {chosen.resolve()} (built just now)"
    )


def built_store(folder: Path) -> GraphStore:
    """The graph a build wrote to ``folder``, with its curation origins when they are there."""
    store = GraphStore.from_file(folder / DIST_NAMES["nt"], limit=None)
    if (folder / CURATION).is_file():
        store.add_file(folder / CURATION, limit=None)
    return store


def _current_build(data_dir: Path, dist: Path, sources: Path | None) -> dict[str, object] | None:
    """The build info of dist/ when that build is of exactly these inputs, else None."""
    info = read_build_info(dist)
    if info is None or info.get("key") != build_key(data_dir, sources_dir(sources))[0]:
        return None
    return info


def which_graph(data_dir: Path | None, dist: Path = DIST_DIR, sources: Path | None = None) -> str:
    """Which graph a read-only command would answer from, without building anything."""
    try:
        chosen = choose_data_dir(data_dir)
    except WcographError:
        return "none: no data/ folder here and no bundled graph"
    if chosen is None:
        return bundled_description()
    info = _current_build(chosen, dist, sources)
    state = describe(info) if info else "no current build: built in memory when asked"
    return f"the data in {chosen.resolve()} ({state})"


def bundled_description() -> str:
    return f"the graph bundled with wcograph ({describe(read_build_info(BUNDLED_GRAPH_DIR) or {})})"


def describe(info: dict[str, object]) -> str:
    data_hash = str(info.get("data_hash", "?"))[:12]
    return f"version {info.get('version', '?')}, built {info.get('built', '?')}, data {data_hash}"


def graph_store(
    data_dir: Path | None, dist: Path = DIST_DIR, sources: Path | None = None
) -> GraphStore:
    return open_graph(data_dir, dist, sources).store


def validate_data(data_dir: Path | None, engine: str = "fast") -> ValidationReport:
    """Validate the graph of the curated YAML (the last build when it is current; the bundled
    graph of an installed package when there is no data/)."""
    from wcograph.validate.run import validate_store

    return validate_store(graph_store(data_dir), engine)


def graph_quads(
    data_dir: Path | None, rdf_file: Path | None = None, extra: Iterable[Path] = ()
) -> list[Quad]:
    """The quads a command works on: an RDF file's, or the graph built from data/; plus extras."""
    from wcograph.inputs import read_rdf

    if rdf_file:
        quads = read_rdf(rdf_file)
    else:
        chosen = choose_data_dir(data_dir)
        quads = (
            compile_graph(chosen).all_quads
            if chosen is not None
            else read_rdf(BUNDLED_GRAPH_DIR / DIST_NAMES["nt"], limit=None)
        )
    for path in extra:
        quads.extend(read_rdf(path))
    return quads
