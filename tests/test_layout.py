"""The package's shape: every module imports on its own, and no module imports itself back
through others (issue 17: query.py and resolve.py, validate.py and pipeline.py did)."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
import pytest

import wcograph

PACKAGE = Path(wcograph.__file__).resolve().parent


def module_files(package: Path) -> dict[str, Path]:
    """Every module of a package folder, by its dotted name."""
    modules = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules this module imports, at the top or inside a function (a lazy import
    is still a dependency); imports only for type checking are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    package = name.split(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != package:
                continue
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == package}
    return {module for module in found if module in modules and module != name}


def import_graph(package: Path) -> dict[str, set[str]]:
    modules = module_files(package)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_module_imports_itself_back_through_others() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 50, "the package's modules were all read"
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle_through_a_lazy_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import g\n\ndef f():\n    return g()\n")
    (package / "b.py").write_text("def g():\n    from pkg.a import f\n\n    return f\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg.a import f\n"
    )
    graph = import_graph(package)
    assert graph["pkg.c"] == set(), "an import for type checking only is no dependency"
    assert cycles(graph) == [["pkg.a", "pkg.b"]]


def _imports_alone(module: str) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=120
    )
    return module, done.stderr.strip().splitlines()[-1] if done.returncode else ""


@pytest.mark.slow
def test_every_module_imports_in_a_fresh_interpreter() -> None:
    modules = sorted(module_files(PACKAGE))
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = {module: error for module, error in pool.map(_imports_alone, modules) if error}
    assert failures == {}


STAGES = (
    (
        "wcograph",
        "wcograph.assets",
        "wcograph.errors",
        "wcograph.extras",
        "wcograph.inputs",
        "wcograph.namespaces",
        "wcograph.output",
        "wcograph.progress",
    ),
    ("wcograph.records",),
    ("wcograph.triples",),
    ("wcograph.query", "wcograph.validate"),
    ("wcograph.view",),
    (
        "wcograph.export",
        "wcograph.analyze",
        "wcograph.charts",
        "wcograph.reason",
        "wcograph.stats",
    ),
    (
        "wcograph.pipeline",
        "wcograph.api",
        "wcograph.ask",
        "wcograph.cli",
        "wcograph.diff",
        "wcograph.ingest",
        "wcograph.serve",
    ),
)
"""The stages in the order data flows through them (README, Layout): records -> triples ->
questions and checks -> the view -> outputs -> the commands that run it all."""


def stage_of(module: str) -> int | None:
    """The stage of the longest prefix that names the module or its package."""
    placed = [
        (len(prefix), stage)
        for stage, prefixes in enumerate(STAGES)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    return max(placed)[1] if placed else None


def test_each_stage_imports_only_from_itself_and_the_stages_before_it() -> None:
    graph = import_graph(PACKAGE)
    unplaced = sorted(module for module in graph if stage_of(module) is None)
    assert unplaced == [], "place every module in a stage of STAGES"
    upstream = sorted(
        f"{module} -> {imported}"
        for module, imports in graph.items()
        for imported in imports
        if stage_of(imported) > stage_of(module)  # type: ignore[operator]
    )
    assert upstream == []
    assert stage_of("wcograph.triples.build") == 2 and stage_of("wcograph.view") == 4


CLI_MODULE_LINES = 400
"""The most lines a module of the command line may have (the one cli.py had 1003)."""

COMMAND_STATEMENTS = 18
"""The most statements a command's function may hold, nested ones and its lazy imports counted,
its docstring not. The longest commands (build, fmt) hold 16: options checked, one or two calls
into the library, what to print and the exit code. Before the command line became a package,
four held 19 to 22 (publish, reason, build, sources list), each rendering its results in a loop."""


def cli_modules() -> dict[str, Path]:
    return {
        name: path
        for name, path in module_files(PACKAGE).items()
        if name == "wcograph.cli" or name.startswith("wcograph.cli.")
    }


def test_no_module_of_the_command_line_grows_past_its_limit() -> None:
    modules = cli_modules()
    assert {"wcograph.cli", "wcograph.cli.options", "wcograph.cli.__main__"} <= set(modules)
    lines = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules.items()
    }
    assert {name: n for name, n in lines.items() if n > CLI_MODULE_LINES} == {}


def commands_of(
    group: click.Group, prefix: str = "wcograph"
) -> Iterator[tuple[str, click.Command]]:
    """Every command under the group, subcommands too, by the words that call it."""
    for name, command in sorted(group.commands.items()):
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from commands_of(command, f"{prefix} {name}")


def body_statements(function: ast.FunctionDef) -> list[ast.stmt]:
    """The statements of a function's body at any depth, its docstring left out."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return [node for top in body for node in ast.walk(top) if isinstance(node, ast.stmt)]


def parsed(function: Callable[..., object]) -> ast.FunctionDef:
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    assert isinstance(tree.body[0], ast.FunctionDef)
    return tree.body[0]


def test_the_statement_count_takes_nested_statements_and_lazy_imports_not_the_docstring() -> None:
    source = (
        'def f(items):\n    """Print them."""\n    import json\n\n'
        "    if items:\n        for item in items:\n            print(json.dumps(item))\n"
        "    return None\n"
    )
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    kinds = [type(node).__name__ for node in body_statements(function)]
    assert sorted(kinds) == ["Expr", "For", "If", "Import", "Return"]


def test_every_command_is_a_short_function_of_the_command_line_package() -> None:
    """A command parses its options and calls the library: no loop over results (rendering
    belongs to the stage that owns them) and at most COMMAND_STATEMENTS statements."""
    from wcograph.cli import main

    commands = dict(commands_of(main))
    assert {"wcograph build", "wcograph query", "wcograph sources verify"} <= set(commands)
    functions = {name: inspect.unwrap(command.callback) for name, command in commands.items()}
    outside = {
        name: function.__module__
        for name, function in functions.items()
        if function.__module__ not in cli_modules()
    }
    assert outside == {}
    bodies = {name: body_statements(parsed(function)) for name, function in functions.items()}
    long = {name: len(body) for name, body in bodies.items() if len(body) > COMMAND_STATEMENTS}
    assert long == {}
    looping = sorted(
        name
        for name, body in bodies.items()
        if any(isinstance(node, (ast.For, ast.While)) for node in body)
    )
    assert looping == []
