"""GraphML, for yEd, Gephi, Cytoscape desktop and any networkx or igraph script.

Each node carries the layout hints of export/layout.py: ``level`` (depth in the reporting
hierarchy), ``parent``, ``group`` (its tree's root, or ``loose``), ``period`` and a position
``x``, ``y`` that Gephi reads on import, so the hierarchy opens laid out. yEd keeps positions
only in its own yFiles graphics, which networkx would read back in place of the labels, so they
are left out: in yEd, Layout > Hierarchic with ``level`` as the layer gives the same picture.
"""

from __future__ import annotations

import io

import networkx as nx

from wcograph.export.layout import layout_hints
from wcograph.view import flattened


def export_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML with typed ``<key>`` declarations; list values are joined with ``; ``."""
    flat = flattened(graph)
    for node, hints in layout_hints(graph).items():
        flat.nodes[node].update(hints)
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()
