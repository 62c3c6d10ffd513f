"""What the commands share: the exit codes, the options every command spells the same way, and
the three things a command asks of the command line: which data folder, which source texts,
which graph answers.

It imports nothing beyond click and the foundations at the top: ``wcograph --version`` and
``wcograph query`` start fast (benchmarks/run.py times them), so the stages load inside the
functions that need them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from wcograph.assets import DIST_DIR, INSTALLED

if TYPE_CHECKING:
    from wcograph.triples.store import GraphStore

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2

# The choices of export's --format and --only, spelled out rather than read from
# export.formats.EXPORTERS and view.ONLY_CHOICES, which would load networkx at start-up;
# tests/test_export.py checks that they are the same.
only_kinds = ("bodies", "organisations", "instruments", "meetings", "decisions", "tasks", "persons")
export_formats = ("graphml", "gexf", "cytoscape", "dot", "mermaid", "jsonld", "nt", "ttl", "html")
query_formats = ("table", "csv", "json", "markdown")


def format_option(*choices: str, help: str | None = None) -> Any:
    """``--format``, the same option on every command that prints data; the first choice is the
    default (``table`` or ``text`` for people)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of curated YAML [default: ./data, else the checkout's data/, else the graph "
    "bundled with the package].",
)


def _day(_ctx: click.Context, _param: click.Parameter, value: datetime | None) -> date | None:
    return value.date() if value else None


def as_of_option(help: str = "The structure on that day (YYYY-MM-DD).") -> Any:
    """``--as-of YYYY-MM-DD``, given to the command as a date (None when absent)."""
    return click.option(
        "--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None, callback=_day, help=help
    )


def echo_lines(lines: Iterable[str], err: bool = False) -> None:
    """Each line on its own; nothing at all when there are none."""
    for line in lines:
        click.echo(line, err=err)


def sources_of(ctx: click.Context) -> Path:
    """The folder of source texts: --sources, WCOGRAPH_SOURCES, or the default beside the
    checkout."""
    from wcograph.records.sources import sources_dir

    root = ctx.find_root()
    chosen = (root.obj or {}).get("sources") if root.obj else root.params.get("sources")
    return sources_dir(chosen)


NO_DATA = "this needs data/ (the curated YAML): run it where data/ is"


def data_folder(data_dir: Path | None, missing: str = NO_DATA) -> Path:
    """The curated YAML a command needs: --data, else ./data or the checkout's data/; a usage
    error saying ``missing`` when there is none."""
    from wcograph.pipeline import choose_data_dir

    chosen = choose_data_dir(data_dir)
    if chosen is None:
        raise click.UsageError(missing)
    return chosen


def answering_store(data_dir: Path | None) -> GraphStore:
    """The store a read-only command answers from; an installed package says which graph."""
    from wcograph.pipeline import open_graph

    ctx = click.get_current_context()
    graph = open_graph(data_dir, DIST_DIR, sources_of(ctx))
    if INSTALLED or graph.bundled:
        click.echo(f"# answered by {graph.description}", err=True)
    return graph.store
