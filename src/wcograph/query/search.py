"""``wcograph search TEXT``: ranked full-text search over the graph's texts with SQLite FTS5.

The index (labels, alternative names, notes, decision texts, agenda titles: the rows of
queries/export/search-texts.rq) is built from the store a command reads and cached in one
SQLite file keyed to the graph's content, so a new build makes a new index and an unchanged
graph reuses it. FTS5 ranks by BM25 and cuts snippets; nothing here is hand-written ranking.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pyoxigraph import Literal, RdfFormat, serialize

from wcograph.errors import Problem, QueryError
from wcograph.namespaces import compact
from wcograph.query.library import named_query
from wcograph.query.run import Answer, run_named_query
from wcograph.triples.store import GraphStore

TEXTS_QUERY = "export/search-texts"
INDEX_NAME = "search.sqlite"
SCHEMA = (
    "CREATE VIRTUAL TABLE texts USING fts5("
    "node UNINDEXED, class UNINDEXED, field UNINDEXED, day UNINDEXED, label UNINDEXED, text,"
    " tokenize = 'porter unicode61 remove_diacritics 2')"
)


@dataclass(frozen=True)
class Hit:
    node: str
    label: str
    cls: str
    field: str
    day: str | None
    snippet: str
    score: float


def graph_key(store: GraphStore) -> str:
    """A digest of what the index is made of: the graph's content (its sorted N-Quads, blank
    node labels left out, as they differ each time the same file is loaded) and the query that
    reads the texts from it."""
    text = serialize(store.quads(), format=RdfFormat.N_QUADS)
    lines = re.sub(rb"_:[A-Za-z0-9]+", b"_:", text or b"").splitlines()
    digest = hashlib.sha256(named_query(TEXTS_QUERY).text.encode())
    digest.update(b"\n".join(sorted(lines)))
    return digest.hexdigest()[:20]


_OPEN: dict[int, tuple[GraphStore, sqlite3.Connection]] = {}


def open_index(store: GraphStore, cache_dir: Path | None = None) -> sqlite3.Connection:
    """The search index of the graph, opened once per store in a process."""
    if id(store) not in _OPEN or _OPEN[id(store)][0] is not store:
        _OPEN[id(store)] = (store, _open_index(store, cache_dir))
    return _OPEN[id(store)][1]


def _open_index(store: GraphStore, cache_dir: Path | None) -> sqlite3.Connection:
    """The cached index when its key matches the graph, else one built anew (and cached,
    atomically, when ``cache_dir`` is writable)."""
    key = graph_key(store)
    path = cache_dir / INDEX_NAME if cache_dir is not None else None
    if path is not None and path.exists():
        connection = sqlite3.connect(path, check_same_thread=False)
        try:
            (cached,) = connection.execute("SELECT value FROM meta WHERE key = 'graph'").fetchone()
            if cached == key:
                return connection
        except (sqlite3.DatabaseError, TypeError):
            pass
        connection.close()
    if path is None:
        connection = sqlite3.connect(":memory:")
        _fill(connection, store, key)
        return connection
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".sqlite.tmp")
        os.close(handle)
        connection = sqlite3.connect(temporary)
        _fill(connection, store, key)
        connection.close()
        os.replace(temporary, path)
        return sqlite3.connect(path, check_same_thread=False)
    except OSError:
        connection = sqlite3.connect(":memory:")
        _fill(connection, store, key)
        return connection


def _fill(connection: sqlite3.Connection, store: GraphStore, key: str) -> None:
    connection.execute(SCHEMA)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    rows = run_named_query(store, TEXTS_QUERY)
    labels = {r["node"]: r["text"] for r in rows if r["field"] == "label"}
    days = {r["node"]: r["day"] for r in rows if r.get("day")}
    records = {
        (
            r["node"],
            r["class"],
            r["field"],
            days.get(r["node"]),
            labels.get(r["node"], ""),
            r["text"],
        )
        for r in rows
    }
    connection.executemany(
        "INSERT INTO texts (node, class, field, day, label, text) VALUES (?, ?, ?, ?, ?, ?)",
        sorted(records, key=lambda record: tuple(str(v) for v in record)),  # type: ignore[union-attr]
    )
    connection.execute("INSERT INTO meta VALUES ('graph', ?)", (key,))
    connection.commit()


def fts_query(text: str) -> str:
    """Plain words -> an FTS5 query: each word quoted (so no word is read as an operator),
    all required; a hyphenated word stays a phrase ("e-commerce")."""
    words = [w for w in text.replace('"', " ").split() if any(c.isalnum() for c in w)]
    if not words:
        raise QueryError(Problem(f"nothing to search for in {text!r}", hint="give a word or two"))
    return " ".join(f'"{w.strip(".,;:?!()")}"' for w in words)


def search(
    connection: sqlite3.Connection,
    text: str,
    classes: frozenset[str] | None = None,
    as_of: date | None = None,
    limit: int = 20,
) -> list[Hit]:
    """The best ``limit`` hits for ``text``: one per node, best first (BM25)."""
    rows = connection.execute(
        "SELECT node, label, class, field, day, snippet(texts, 5, '[', ']', '…', 12), bm25(texts)"
        " FROM texts WHERE texts MATCH ? ORDER BY bm25(texts)",
        (fts_query(text),),
    ).fetchall()
    hits: dict[str, Hit] = {}
    for node, label, cls, field_, day, snippet, score in rows:
        if classes is not None and compact(cls) not in classes:
            continue
        if as_of is not None and day and day > as_of.isoformat():
            continue
        if node not in hits:
            hits[node] = Hit(compact(node), label, compact(cls), field_, day, snippet, -score)
        if len(hits) >= limit:
            break
    return list(hits.values())


def class_closure(store: GraphStore, cls: str) -> frozenset[str]:
    """A class and its subclasses, as CURIEs (``--class wco:Instrument`` finds guidelines too)."""
    from wcograph.query.binding import iri_term
    from wcograph.query.resolve import classes_under

    top = iri_term(cls if ":" in cls else f"wco:{cls}", "--class")
    return frozenset(compact(node.value) for node in classes_under(store, top))


def search_graph(
    store: GraphStore,
    text: str,
    cls: str | None = None,
    as_of: date | None = None,
    limit: int = 20,
    cache_dir: Path | None = None,
) -> list[Hit]:
    """``search`` over the store's index (cached in ``cache_dir``), kept to the nodes of the
    class ``cls`` and its subclasses when given."""
    connection = open_index(store, cache_dir)
    classes = class_closure(store, cls) if cls else None
    return search(connection, text, classes, as_of, limit)


HIT_COLUMNS = ["node", "label", "class", "field", "snippet"]


def hits_answer(hits: list[Hit]) -> Answer:
    """The hits as a table, to render as a query's answer is."""
    from wcograph.query.binding import iri_term

    rows = [
        {
            "node": iri_term(hit.node),
            "label": Literal(hit.label),
            "class": iri_term(hit.cls),
            "field": Literal(hit.field),
            "snippet": Literal(hit.snippet),
        }
        for hit in hits
    ]
    return Answer(list(HIT_COLUMNS), rows)  # type: ignore[arg-type]
