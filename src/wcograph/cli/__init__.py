"""The command line: parse arguments, call one function, render, choose the exit code.

Exit codes: 0 success / conforms, 1 findings (SHACL violations), 2 bad input or usage.

The commands live by stage of the work: ``curation`` (the curated YAML and its sources),
``checks`` (build and validate), ``answers`` (questions of the graph) and ``outputs`` (exports,
charts, the site, the server); ``options`` holds what they share.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import click

from wcograph import __version__
from wcograph.assets import DIST_DIR
from wcograph.cli import answers, checks, curation, outputs
from wcograph.cli.options import EXIT_BAD_INPUT, export_formats, only_kinds, sources_of
from wcograph.errors import WcographError

__all__ = ["export_formats", "main", "only_kinds", "run"]


class WcographGroup(click.Group):
    """Turns a WcographError from any command into a message on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WcographError as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from wcograph.pipeline import which_graph

    click.echo(f"wcograph {__version__}")
    click.echo(f"graph: {which_graph(None, DIST_DIR, sources_of(ctx))}")
    ctx.exit()


@click.group(cls=WcographGroup)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=False,
    callback=_print_version,
    help="Show the version and which graph answers (its version, build date and data hash).",
)
@click.option(
    "--sources",
    "sources",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="WCOGRAPH_SOURCES",
    metavar="DIR",
    default=None,
    help="Folder of the source texts, to check citations against (env WCOGRAPH_SOURCES; "
    "default: ../shared/seeds beside the checkout). Optional: the graph is built without them.",
)
@click.pass_context
def main(ctx: click.Context, sources: Path | None) -> None:
    """wcograph: a knowledge graph of the WCO's bodies, instruments and decisions."""
    ctx.obj = {"sources": sources}


for _command in (*curation.COMMANDS, *checks.COMMANDS, *answers.COMMANDS, *outputs.COMMANDS):
    main.add_command(_command)


def run() -> None:
    """The ``wcograph`` script: ``main`` under a Ctrl-C guard. Click turns Ctrl-C during a
    command into "Aborted!" and exit code 1; one that arrives as click exits is given the same
    ending here, and once the command has ended (its outputs are written atomically) a Ctrl-C
    during Python's shutdown is ignored, instead of ending the process by the signal (-2)."""
    try:
        main()
    except KeyboardInterrupt:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
