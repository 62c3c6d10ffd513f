"""Commands that build the graph and check it: build, validate, reason and ontology-report."""

from __future__ import annotations

from pathlib import Path

import click

from wcograph.assets import DIST_DIR
from wcograph.cli.options import EXIT_FINDINGS, data_folder, data_option, format_option, sources_of
from wcograph.validate.findings import DEFAULT_LIMIT


@click.command()
@data_option
@click.option(
    "--dist",
    type=click.Path(file_okay=False, path_type=Path),
    default=DIST_DIR,
    show_default=True,
    help="Where to write the built graph.",
)
@click.option("--verbose", "-v", is_flag=True, help="Also list the entities per class.")
@click.pass_context
def build(ctx: click.Context, data_dir: Path | None, dist: Path, verbose: bool) -> None:
    """Build the graph from the curated data, validate it, and write it to dist/ (Turtle,
    N-Triples, JSON-LD). With the source texts at hand, citations are checked against them."""
    from wcograph.pipeline import build_checked
    from wcograph.stats import render_entities_per_class
    from wcograph.validate.findings import render_text

    chosen = data_folder(data_dir, "nothing to build: no data/ folder here (give --data DIR)")
    checked = build_checked(chosen, sources_of(ctx))
    built, report = checked.built, checked.report
    if not report.conforms:
        click.echo(render_text(report), nl=False)
        click.echo(f"not written: validation failed, {dist} keeps its previous build", err=True)
        raise SystemExit(EXIT_FINDINGS)
    written = checked.write(dist)
    click.echo(f"validation {report.summary()}")
    click.echo(checked.texts.summary())
    click.echo(
        f"built {len(built.store):,} triples ({len(built.data_quads):,} from {chosen}) into "
        f"{dist}: {', '.join(path.name for path in written)}"
    )
    if verbose:
        click.echo(render_entities_per_class(built.store), nl=False)


@click.command()
@click.argument("rdf_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--shapes",
    type=click.Path(path_type=Path),
    help="A SHACL shapes file or folder (*.ttl): validate RDF_FILE against it alone.",
)
@format_option(
    "text", "turtle", "json", help="text (by shape and node), turtle (a SHACL report), json."
)
@click.option(
    "--engine",
    type=click.Choice(["fast", "pyshacl", "pyrudof"]),
    default="fast",
    show_default=True,
    help="fast (wcograph's own), pyshacl (the reference; pip install 'wcograph[pyshacl]') or "
    "pyrudof (rudof, in Rust; pip install 'wcograph[rudof]').",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Findings shown per shape (0: all); the totals are always printed.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the violations and the summary.")
def validate(
    rdf_file: Path | None,
    data_dir: Path | None,
    shapes: Path | None,
    fmt: str,
    engine: str,
    limit: int,
    quiet: bool,
) -> None:
    """Validate against SHACL shapes.

    Without --shapes: the graph built from data/, or RDF_FILE (any RDF; the ontology is added),
    against the project's shapes (shapes/) and checks (queries/checks/); exit 0 conforms
    (warnings allowed), 1 violations, 2 bad input. With --shapes: RDF_FILE as it is against those
    shapes; exit 0 conforms (no results at all), 1 results, 2 bad input or shapes the engine
    cannot run.
    """
    from wcograph.pipeline import validate_data
    from wcograph.validate.findings import render_report
    from wcograph.validate.run import validate_file, validate_with_shapes

    if shapes is not None:
        if rdf_file is None:
            raise click.UsageError("--shapes validates an RDF_FILE: name one")
        report = validate_with_shapes(rdf_file, shapes, engine)
    else:
        report = validate_file(rdf_file, engine) if rdf_file else validate_data(data_dir, engine)
    click.echo(render_report(report, fmt, limit, quiet), nl=False)
    if not report.conforms:
        raise SystemExit(EXIT_FINDINGS)


@click.command()
@click.argument("rdf_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Further RDF files to reason over together with the graph.",
)
@format_option("table", "json")
def reason(rdf_file: Path | None, data_dir: Path | None, extra: tuple[Path, ...], fmt: str) -> None:
    """Run the OWL reasoner (HermiT): consistency, inferred classes, transitive reporting chains.

    Reasons over the graph built from data/, or over RDF_FILE (which should include the
    ontology). Exit 0 consistent, 1 inconsistent, 2 bad input.
    """
    from wcograph.pipeline import graph_quads
    from wcograph.reason import reason as run_reasoner
    from wcograph.reason import render_reasoning

    report = run_reasoner(graph_quads(data_dir, rdf_file, extra))
    click.echo(render_reasoning(report, fmt), nl=False)
    if not report.consistent:
        raise SystemExit(EXIT_FINDINGS)


@click.command("ontology-report")
@data_option
@click.option("--no-data", is_flag=True, help="Check the ontology, shapes and queries only.")
def ontology_report_command(data_dir: Path | None, no_data: bool) -> None:
    """A ROBOT-style report on the ontology: missing labels, definitions and isDefinedBy,
    definitions that repeat the term, duplicate labels, deprecated terms without a replacement,
    terms the data, shapes or queries use but the ontology does not declare. Exit 1 on an
    error."""
    from wcograph.ontology_report import render, report
    from wcograph.pipeline import compile_graph

    quads = None if no_data else compile_graph(data_folder(data_dir)).data_quads
    findings = report(quads)
    click.echo(render(findings))
    if any(finding.level == "ERROR" for finding in findings):
        raise SystemExit(EXIT_FINDINGS)


COMMANDS = (build, validate, reason, ontology_report_command)
