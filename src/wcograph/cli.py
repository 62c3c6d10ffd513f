"""The command line: parse arguments, call one function, render, choose the exit code.

Exit codes: 0 success / conforms, 1 findings (SHACL violations), 2 bad input or usage.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from wcograph import __version__
from wcograph.assets import DATA_DIR, DIST_DIR
from wcograph.errors import WcographError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class WcographGroup(click.Group):
    """Turns a WcographError from any command into a message on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WcographError as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


@click.group(cls=WcographGroup)
@click.version_option(__version__, prog_name="wcograph")
def main() -> None:
    """wcograph: a knowledge graph of the WCO's bodies, instruments and decisions."""


data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=DATA_DIR,
    show_default=True, help="Folder of curated YAML.",
)


@main.command("check-data")
@data_option
def check_data(data_dir: Path) -> None:
    """Load the curated YAML and report every problem with its file and line."""
    from wcograph.load import load_data

    loaded = load_data(data_dir)
    click.echo(f"ok: {len(loaded.origins)} curated records in {data_dir}")


@main.command()
@data_option
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=DIST_DIR,
              show_default=True, help="Where to write the built graph.")
def build(data_dir: Path, dist: Path) -> None:
    """Build the graph from the curated data and write it to dist/ (Turtle, N-Triples, JSON-LD)."""
    from wcograph.pipeline import compile_graph, write_dist
    from wcograph.query import run_named_query

    built = compile_graph(data_dir)
    written = write_dist(built, dist)
    rows = run_named_query(built.store, "stats/entities-per-class")
    click.echo(f"built {len(built.store)} triples ({len(built.data_quads)} from data/) into {dist}:")
    for path in written:
        click.echo(f"  {path.name}")
    click.echo("entities per class:")
    for row in rows:
        click.echo(f"  {row['class']:<28} {row['entities']:>6}")


@main.command()
@click.argument("rdf_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_option
@click.option("--with", "extra", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Further RDF files to reason over together with the graph.")
def reason(rdf_file: Path | None, data_dir: Path, extra: tuple[Path, ...]) -> None:
    """Run the OWL reasoner (HermiT): consistency, inferred classes, transitive reporting chains.

    Reasons over the graph built from data/, or over RDF_FILE (which should include the
    ontology). Exit 0 consistent, 1 inconsistent, 2 bad input.
    """
    from wcograph.pipeline import graph_quads
    from wcograph.reason import reason as run_reasoner

    report = run_reasoner(graph_quads(data_dir, rdf_file, extra))
    if not report.consistent:
        click.echo("INCONSISTENT: the ontology and data contradict each other.")
        if report.explanation:
            click.echo(report.explanation)
        raise SystemExit(EXIT_FINDINGS)
    click.echo(f"consistent; {len(report.inferred_types)} inferred class memberships:")
    for individual, cls in report.inferred_types:
        click.echo(f"  {individual:<40} a {cls}")
    click.echo(f"{len(report.reporting_chains)} reporting chains (wco:reportsUpTo):")
    for body, above in report.reporting_chains:
        click.echo(f"  {body:<40} -> {above}")


@main.command()
@data_option
def stats(data_dir: Path) -> None:
    """Coverage of the curated data: entities, decisions per meeting and type, presenters,
    documents, and the share of statements that carry a source."""
    from wcograph.pipeline import compile_graph
    from wcograph.stats import coverage

    figures = coverage(compile_graph(data_dir).store)
    for title, rows in figures.sections.items():
        click.echo(f"{title}:")
        for row in rows:
            click.echo("  " + "  ".join(str(value) for value in row.values() if value is not None))
    click.echo(
        f"statements with a source: {figures.sourced}/{figures.statements} "
        f"({figures.sourced_share:.1%})"
    )


@main.group()
def sources() -> None:
    """Look at the source documents."""


@sources.command("show")
@click.argument("doc")
@data_option
def sources_show(doc: str, data_dir: Path) -> None:
    """Print a source document's paragraphs, numbered as citations use them."""
    from wcograph.citations import source_text

    for number, paragraph in source_text(data_dir, doc).paragraphs.items():
        click.echo(f"[{number}] (line {paragraph.first_line}) {paragraph.text}")


if __name__ == "__main__":
    sys.exit(main())
