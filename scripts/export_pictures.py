"""Draws the README's pictures of the large-graph exports, from the curated data:

- docs/img/export-dot-bodies.png: ``wcograph export --format dot --only bodies`` through
  Graphviz's ``dot`` (the reporting hierarchy by level, clusters per parent, the bodies without a
  line in their own grid);
- docs/img/export-graphml-layout.png: the whole graph at the positions the GraphML and GEXF
  exports give Gephi (read back from the GraphML with networkx, drawn with matplotlib);
- the Mermaid example in README.md, between its ``mermaid-example`` markers: the PTC and the
  bodies around it, which GitHub renders itself.

Run from the repository: ``.venv/bin/python scripts/export_pictures.py`` (needs Graphviz and the
charts extra). The same data gives the same files.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx

from wcograph.assets import DATA_DIR
from wcograph.export.formats import export_view
from wcograph.export.style import BORDER_COLOURS
from wcograph.output import write_atomically
from wcograph.pipeline import graph_store
from wcograph.view import graph_view

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img"
README = ROOT / "README.md"
MERMAID_EXAMPLE = re.compile(
    r"(<!-- mermaid-example:start -->\n).*?(<!-- mermaid-example:end -->)", re.S
)


def dot_picture(store) -> bytes:  # type: ignore[no-untyped-def]
    source = export_view(graph_view(store, only=["bodies"]), "dot")
    result = subprocess.run(
        ["dot", "-Tpng", "-Gdpi=96", "-Gsize=16,12"], input=source, capture_output=True, check=True
    )
    return result.stdout


def graphml_picture(store) -> bytes:  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    read = nx.read_graphml(io.BytesIO(export_view(graph_view(store), "graphml")))
    positions = {node: (data["x"], data["y"]) for node, data in read.nodes(data=True)}
    figure, axes = plt.subplots(figsize=(12, 6.5))
    nx.draw_networkx_edges(read, positions, ax=axes, edge_color="#c8c8c8", width=0.3, arrows=False)
    for kind, colour in BORDER_COLOURS.items():
        nodes = [node for node, data in read.nodes(data=True) if data["kind"] == kind]
        nx.draw_networkx_nodes(
            read, positions, nodelist=nodes, node_size=9, node_color=colour, ax=axes, label=kind
        )
    bodies = {
        node: data["acronyms"].split("; ")[0] if data.get("acronyms") else ""
        for node, data in read.nodes(data=True)
        if data["kind"] == "body" and data["level"] in (0, 1) and data["group"] == "council"
    }
    nx.draw_networkx_labels(read, positions, labels=bodies, font_size=7, ax=axes)
    axes.legend(fontsize=8, markerscale=2, loc="lower right", frameon=False)
    axes.set_axis_off()
    figure.suptitle(
        f"The whole graph ({read.number_of_nodes()} nodes) at the GraphML/GEXF positions",
        fontsize=10,
    )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def mermaid_example(store) -> str:  # type: ignore[no-untyped-def]
    view = graph_view(store, only=["bodies"], around="PTC", depth=1)
    return "```mermaid\n" + export_view(view, "mermaid").decode() + "```\n"


def main() -> int:
    store = graph_store(DATA_DIR)
    readme = README.read_text(encoding="utf-8")
    updated, count = MERMAID_EXAMPLE.subn(
        lambda match: match[1] + mermaid_example(store) + match[2], readme
    )
    if count != 1:
        print("README.md has no mermaid-example markers", file=sys.stderr)
        return 2
    IMAGES.mkdir(parents=True, exist_ok=True)
    write_atomically(
        {
            IMAGES / "export-dot-bodies.png": dot_picture(store),
            IMAGES / "export-graphml-layout.png": graphml_picture(store),
            README: updated.encode("utf-8"),
        }
    )
    for name in ("export-dot-bodies.png", "export-graphml-layout.png"):
        print(f"wrote docs/img/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
