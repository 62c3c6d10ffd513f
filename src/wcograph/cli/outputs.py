"""Commands that carry the graph out: export, chart, site, serve and publish."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from wcograph.assets import DIST_DIR
from wcograph.cli.options import (
    EXIT_FINDINGS,
    answering_store,
    as_of_option,
    data_option,
    export_formats,
    format_option,
    only_kinds,
)
from wcograph.errors import WcographError


@click.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(export_formats),
    help="graphml/gexf (Gephi, yEd), cytoscape (cytoscape.js JSON), dot (Graphviz), "
    "mermaid, jsonld/nt/ttl (RDF), html (the interactive explorer).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (atomically); standard output when absent.",
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(only_kinds),
    help="Keep only these kinds of node (repeatable).",
)
@as_of_option()
@click.option(
    "--around", default=None, help="Keep the neighbourhood of this node (id, acronym or label)."
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="How many links from --around.",
)
@data_option
def export(
    fmt: str,
    out: Path | None,
    only: tuple[str, ...],
    as_of: date | None,
    around: str | None,
    depth: int,
    data_dir: Path | None,
) -> None:
    """Export the graph, or a filtered view of it, for visualisation tools."""
    from wcograph.export.formats import export_view
    from wcograph.output import refuse_inside, write_atomically
    from wcograph.pipeline import BUILD_OUTPUTS
    from wcograph.view import graph_view

    if out is not None:
        refuse_inside(out, DIST_DIR, BUILD_OUTPUTS)
    store = answering_store(data_dir)
    view = graph_view(store, only=only, as_of=as_of, around=around, depth=depth)
    content = export_view(view, fmt)
    if out is None:
        click.echo(content, nl=False)
        return
    write_atomically({out: content})
    click.echo(
        f"wrote {out} ({len(content):,} bytes: {view.number_of_nodes()} nodes, "
        f"{view.number_of_edges()} edges)",
        err=True,
    )


@click.command()
@click.argument("name", required=False)
@format_option("svg", "png", "html", help="html: the picture and the numbers behind it.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (PNG needs it); default: standard output.",
)
@click.option(
    "--top",
    type=click.IntRange(1, 40),
    default=12,
    show_default=True,
    help="Series drawn before the rest merge into 'other'.",
)
@click.option("--list", "list_charts", is_flag=True, help="List the charts.")
@data_option
def chart(
    name: str | None, fmt: str, out: Path | None, top: int, list_charts: bool, data_dir: Path | None
) -> None:
    """Draw a chart of the record over time (decisions, sessions, chairs, instruments)."""
    from wcograph.charts import CHARTS, chart_listing, render_chart
    from wcograph.output import write_atomically

    if list_charts or name is None:
        click.echo(chart_listing(), nl=False)
        return
    if name not in CHARTS:
        raise WcographError(f"no chart {name!r}; known: {', '.join(CHARTS)}")
    if fmt == "png" and out is None:
        raise WcographError("a PNG chart needs --out FILE")
    content = render_chart(answering_store(data_dir), name, fmt, top)
    if out is None:
        click.echo(content.decode("utf-8"), nl=False)
        return
    write_atomically({out: content})
    click.echo(f"wrote {out}", err=True)


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@data_option
def site(out: Path, data_dir: Path | None) -> None:
    """Write the documentation site into OUT: the ontology (pyLODE), the shapes' rules, the
    query catalogue with answers, and a page per entity (for GitHub Pages)."""
    from wcograph.serve import require_extra

    require_extra("jinja2", "pylode")
    from wcograph.serve.site import build_site

    count = build_site(
        answering_store(data_dir), out, progress=lambda step: click.echo(step, err=True)
    )
    click.echo(f"wrote {count} files into {out}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10,
    show_default=True,
    help="Seconds a query may run before it is stopped (503).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Query worker processes (each holds a copy of the graph).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Rows (or triples) an answer is cut at.",
)
@click.option(
    "--cache",
    "cache_mib",
    type=click.IntRange(min=0),
    default=64,
    show_default=True,
    help="MiB of answers kept to answer a repeated query at once (0: none).",
)
@click.option(
    "--rdf",
    "rdf_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Serve this RDF file instead of the graph of --data (e.g. a scaled benchmark graph).",
)
@data_option
def serve(
    host: str,
    port: int,
    timeout: float,
    workers: int,
    max_rows: int,
    cache_mib: int,
    rdf_file: Path | None,
    data_dir: Path | None,
) -> None:
    """Serve the current build read-only: SPARQL at /sparql, YASGUI at /, entity pages at /id/.

    The graph is dist/'s last build when it is current, else built in memory from --data."""
    from wcograph.serve import require_extra
    from wcograph.serve import serve as run_server
    from wcograph.triples.store import GraphStore

    require_extra()
    store = GraphStore.from_file(rdf_file) if rdf_file else answering_store(data_dir)
    click.echo(f"wcograph serve: http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    run_server(store, host, port, timeout, workers, max_rows, cache_mib)


@click.command()
@click.option(
    "--endpoint",
    required=True,
    help="The store's SPARQL 1.1 Graph Store Protocol URL (Fuseki: http://host:3030/DATASET).",
)
@click.option(
    "--query-endpoint",
    default=None,
    help="The store's SPARQL query URL, when it is not --endpoint (Virtuoso, Oxigraph).",
)
@click.option("--graph", "graph_iri", default=None, help="The named graph [default: per release].")
@click.option("--user", default=None, help="User name for the store.")
@click.option(
    "--password-env", default=None, metavar="VAR", help="Environment variable holding the password."
)
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)
@data_option
def publish(
    endpoint: str,
    query_endpoint: str | None,
    graph_iri: str | None,
    user: str | None,
    password_env: str | None,
    auth: str,
    data_dir: Path | None,
) -> None:
    """Load the release into a triple store (one named graph, replaced by one PUT) and check
    that the store answers every question of the library as wcograph does (exit 1 if not)."""
    import os

    from wcograph.serve import require_extra

    require_extra("httpx")
    from wcograph.serve import publish as release

    password = os.environ.get(password_env) if password_env else None
    target = release.target_of(endpoint, query_endpoint, user, password, auth)
    graph_iri = graph_iri or release.release_graph()
    click.echo(f"publishing <{graph_iri}> to {endpoint}; comparing the query library:")
    results = release.publish(
        answering_store(data_dir),
        target,
        graph_iri,
        progress=lambda result: click.echo(release.describe(result)),
    )
    click.echo(release.tally(results))
    if not all(result.same for result in results):
        raise SystemExit(EXIT_FINDINGS)


COMMANDS = (export, chart, site, serve, publish)
