"""Commands for the curated YAML and its sources: check-data, fmt, schema, lint-notes, sources
(list, show, verify) and ingest (drafts for a curator)."""

from __future__ import annotations

from pathlib import Path

import click

from wcograph.assets import DIST_DIR
from wcograph.cli.options import (
    EXIT_FINDINGS,
    data_folder,
    data_option,
    echo_lines,
    format_option,
    sources_of,
)


@click.command("check-data")
@data_option
def check_data(data_dir: Path | None) -> None:
    """Load the curated YAML and report every problem with its file and line."""
    from wcograph.records.load import load_data

    folder = data_folder(data_dir)
    loaded = load_data(folder)
    click.echo(f"ok: {len(loaded.origins)} curated records in {folder}")


@click.command("fmt")
@click.argument("data", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--check", is_flag=True, help="Change nothing; list the files not in canonical form (exit 1)."
)
def fmt_command(data: Path | None, check: bool) -> None:
    """Rewrite the curated YAML in canonical form: keys in the model's order, unordered lists
    sorted, comments and layout kept (data/README.md, "Canonical form")."""
    from wcograph.records.fmt import not_canonical, rewrite, shown_paths

    folder = data_folder(data)
    if not folder.is_dir():
        raise click.UsageError(f"no such data folder: {folder}")
    changes = not_canonical(folder)
    paths = shown_paths(changes, folder)
    if check:
        echo_lines(f"not canonical: {path}" for path in paths)
        if changes:
            click.echo(f"{len(changes)} file(s) to format: run `wcograph fmt {folder}`", err=True)
            raise SystemExit(EXIT_FINDINGS)
        click.echo(f"ok: every curated file in {folder} is in canonical form")
        return
    rewrite(changes)
    echo_lines(f"formatted: {path}" for path in paths)
    click.echo(f"{len(changes)} file(s) formatted in {folder}")


@click.command("schema")
@click.option(
    "--check", is_flag=True, help="Change nothing; exit 1 when a schema file is out of date."
)
def schema_command(check: bool) -> None:
    """Write the JSON Schemas of the curated YAML (schema/*.schema.json), generated from the
    model, for editors (data/README.md, "Editor support")."""
    from wcograph.output import write_atomically
    from wcograph.records.json_schema import SCHEMA_DIR, schema_files, stale

    outdated = stale()
    if check:
        echo_lines(f"out of date: {path}" for path in outdated)
        if outdated:
            raise SystemExit(EXIT_FINDINGS)
        click.echo(f"ok: the JSON Schemas in {SCHEMA_DIR} match the model")
        return
    write_atomically(schema_files())
    click.echo(f"{len(outdated)} schema file(s) written in {SCHEMA_DIR}")


@click.command("lint-notes")
@data_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def lint_notes_command(data_dir: Path | None, fmt: str) -> None:
    """List the notes that still mention a date, a numbered meeting or an entity id that no
    triple of the node (or of an entity one link away) carries: facts waiting to be triples."""
    from wcograph.pipeline import graph_store
    from wcograph.validate.notes_lint import lint_notes, render_mentions

    click.echo(render_mentions(lint_notes(graph_store(data_dir)), fmt), nl=False)


@click.group()
def sources() -> None:
    """The source documents: list them, show a passage, check the citations against the texts."""


@sources.command("show")
@click.argument("doc")
@click.option(
    "--para", type=click.IntRange(min=1), default=None, help="Only this paragraph (or line)."
)
@data_option
@click.pass_context
def sources_show(ctx: click.Context, doc: str, para: int | None, data_dir: Path | None) -> None:
    """Print a source document's paragraphs, numbered as citations use them. DOC is its number
    (PC0737Ea), its id (pc0737) or its title, in any case."""
    from wcograph.validate.citations import render_paragraphs, source_text

    document, text = source_text(data_folder(data_dir), doc, sources_of(ctx))
    click.echo(render_paragraphs(document, text, para), nl=False)


@sources.command("list")
@data_option
@format_option("table", "json")
@click.pass_context
def sources_list(ctx: click.Context, data_dir: Path | None, fmt: str) -> None:
    """Each source document: number, date, kind, and whether its text is here (web: its URL)."""
    from wcograph.validate.citations import render_sources

    click.echo(render_sources(data_folder(data_dir), sources_of(ctx), fmt), nl=False)


@sources.command("verify")
@data_option
@format_option("text", "json")
@click.pass_context
def sources_verify(ctx: click.Context, data_dir: Path | None, fmt: str) -> None:
    """Check every citation against the source texts: each cited paragraph and line range must
    exist in its document. Web sources (cited by URL) are counted and skipped. Exit 0 all found,
    1 a citation points at nothing, 2 no texts or a text missing."""
    from wcograph.pipeline import graph_store
    from wcograph.validate.citations import all_citation_texts, with_counts_validated
    from wcograph.validate.findings import RENDERERS, only_violations

    folder = data_folder(data_dir)
    sources = sources_of(ctx)
    texts = all_citation_texts(folder, sources)
    report = only_violations(with_counts_validated(graph_store(folder, DIST_DIR, sources), texts))
    click.echo(texts.summary(), err=fmt == "json")
    click.echo(RENDERERS[fmt](report), nl=False)
    if not report.conforms:
        raise SystemExit(EXIT_FINDINGS)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source-id", help="Id the draft cites (default: from the file name).")
@format_option("yaml", "json", help="yaml: a meetings file to review; json: a list of meetings.")
@click.option("--write", is_flag=True, help="Save the YAML draft in the review folder.")
@click.option(
    "--review-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("review"),
    show_default=True,
    help="Where --write puts drafts (never data/).",
)
@data_option
def ingest(
    file: Path,
    source_id: str | None,
    fmt: str,
    write: bool,
    review_dir: Path,
    data_dir: Path | None,
) -> None:
    """Draft records (meeting, officers, decisions) from a plain-text article for a curator."""
    from wcograph.ingest.pipeline import draft_file, save_draft

    folder = data_folder(data_dir)
    drafted = draft_file(file, folder, source_id)
    if write:
        target = save_draft(drafted, review_dir, folder)
        click.echo(f"draft written to {target}: review it, then move it into {folder}/meetings/")
        return
    click.echo(drafted.as_json() if fmt == "json" else drafted.as_yaml(), nl=False)


COMMANDS = (check_data, fmt_command, schema_command, lint_notes_command, sources, ingest)
