"""``wcograph serve``: the graph as a read-only SPARQL endpoint with a query editor and a page
for every entity IRI (app.py), its queries run in killable worker processes (workers.py)."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

from wcograph.errors import Problem, WcographError
from wcograph.triples.store import GraphStore

EXTRA = ("starlette", "uvicorn", "jinja2", "httpx")


def require_extra(*modules: str) -> None:
    """A clear error, not a traceback, when the `serve` extra is not installed."""
    import importlib.util

    missing = [name for name in modules or EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise WcographError(
            Problem(
                f"this command needs {', '.join(missing)}",
                hint="pip install 'wcograph[serve]'",
            )
        )


def serve(
    store: GraphStore,
    host: str,
    port: int,
    timeout: float,
    workers: int,
    max_rows: int,
    cache_mib: int = 64,
) -> None:
    """Serve ``store`` until interrupted. The workers load the graph from an N-Triples copy."""
    import uvicorn
    from pyoxigraph import DefaultGraph, RdfFormat

    from wcograph.serve.app import Settings, create_app
    from wcograph.serve.workers import WorkerPool

    with tempfile.TemporaryDirectory(prefix="wcograph-serve-") as folder:
        graph_file = Path(folder) / "graph.nt"
        store.store.dump(str(graph_file), RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
        with WorkerPool(graph_file, workers, timeout, cache_mib << 20) as pool:
            app = create_app(store, pool, Settings(timeout=timeout, max_rows=max_rows))
            # The objects made at start live as long as the server: keep the collector from
            # walking them again and again while requests are answered.
            gc.collect()
            gc.freeze()
            uvicorn.run(
                app,
                host=host,
                port=port,
                log_level="warning",
                access_log=False,
                timeout_graceful_shutdown=2,
            )
