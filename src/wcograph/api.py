"""The Python API for analysts: the graph, a query's answer as rows or a pandas frame, and the
networkx view — the same answers the command line gives, for notebooks and scripts.

    from wcograph import api
    store = api.graph()
    api.frame("cq/bodies-reporting-to", body="PTC", as_of="2018-04-25")
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wcograph.errors import WcographError
from wcograph.query.answer import answer
from wcograph.query.library import named_query
from wcograph.triples.store import GraphStore

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


def graph(data_dir: Path | str | None = None) -> GraphStore:
    """The graph built from ``data_dir`` (default: ./data, the checkout's data/, else the graph
    bundled with the package); the last build when it is current."""
    from wcograph.pipeline import graph_store

    return graph_store(Path(data_dir) if data_dir is not None else None)


def rows(
    name: str,
    *,
    store: GraphStore | None = None,
    as_of: date | str | None = None,
    with_sources: bool = False,
    **params: str,
) -> list[dict[str, Any]]:
    """A library query's answer (``cq/bodies-reporting-to``), one dict per row, parameters by
    name as ``wcograph query --param`` takes them."""
    day = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    result = answer(
        store or graph(), named_query(name), params, as_of=day, with_sources=with_sources
    )
    return result.values()


def frame(name: str, **kwargs: Any) -> pd.DataFrame:
    """:func:`rows` as a pandas DataFrame, columns in the query's order."""
    try:
        import pandas as pd
    except ImportError:
        raise WcographError("frames need pandas: pip install pandas") from None
    found = rows(name, **kwargs)
    return pd.DataFrame.from_records(found)


def network(store: GraphStore | None = None, as_of: date | str | None = None) -> nx.MultiDiGraph:
    """The typed networkx view (bodies, instruments, meetings, decisions and their links),
    as it stood on ``as_of`` when given."""
    from wcograph.view import graph_view

    day = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return graph_view(store or graph(), as_of=day)
