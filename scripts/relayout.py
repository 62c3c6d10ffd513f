"""Rewrite the imports of wcograph's modules after they move or split (issue 17).

    python scripts/relayout.py MAP.json [--check]

MAP.json holds ``{"modules": {"old.dotted": "new.dotted", ...}, "splits": {"old.dotted":
{"symbol": "new.dotted", ...}}}``, names relative to ``wcograph``. Every ``from wcograph.OLD
import ...`` (one line or parenthesised), ``from wcograph import OLD``, ``import wcograph.OLD``
and dotted text ``wcograph.OLD`` (mock targets, docs in code) in src/, tests/, benchmarks/,
scripts/ and setup.py is rewritten, and ``src/wcograph/OLD.py`` in the READMEs; a split
module's names go to the module each now lives in. Apply a map once: its new names may start
with an old one (``validate`` -> ``validate.run``).
Moving the files themselves is ``git mv``'s job; this script only changes import lines, so the
same MAP can be re-applied to a branch edited meanwhile. Run ``ruff check --fix`` after it to
sort the rewritten imports.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOTS = ("src", "tests", "benchmarks", "scripts", "setup.py")
FROM_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)from wcograph\.(?P<module>[\w.]+) import "
    r"(?:\((?P<group>[^)]*)\)|(?P<names>[^\n#]+?))(?P<comment>[ \t]*#[^\n]*)?$",
    re.MULTILINE,
)
FROM_PACKAGE = re.compile(
    r"^(?P<indent>[ \t]*)from wcograph import (?P<names>[^\n(#]+?)$", re.MULTILINE
)


def python_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for name in ROOTS:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += sorted(p for p in path.rglob("*.py") if ".venv" not in p.parts)
    return files


def target(
    module: str, symbol: str, modules: dict[str, str], splits: dict[str, dict[str, str]]
) -> str:
    if module in splits:
        if symbol not in splits[module]:
            raise SystemExit(f"{module}.{symbol}: the map does not say where it went")
        return splits[module][symbol]
    return modules.get(module, module)


def rewrite(text: str, modules: dict[str, str], splits: dict[str, dict[str, str]]) -> str:
    def from_import(match: re.Match[str]) -> str:
        module = match["module"]
        if module not in splits:
            return match[0]
        indent, comment = match["indent"], match["comment"] or ""
        raw = match["group"] if match["group"] is not None else match["names"]
        names = [name.strip() for name in raw.replace("\n", " ").split(",") if name.strip()]
        by_module: dict[str, list[str]] = {}
        for name in names:
            symbol = name.split(" as ")[0].strip()
            by_module.setdefault(target(module, symbol, modules, splits), []).append(name)
        lines = [
            f"{indent}from wcograph.{new} import {', '.join(found)}"
            for new, found in sorted(by_module.items())
        ]
        lines[0] += comment
        return "\n".join(lines)

    def from_package(match: re.Match[str]) -> str:
        indent = match["indent"]
        kept, moved = [], []
        for name in (n.strip() for n in match["names"].split(",")):
            symbol = name.split(" as ")[0].strip()
            if symbol in modules:
                parent, _, leaf = modules[symbol].rpartition(".")
                alias = name.split(" as ")[1].strip() if " as " in name else symbol
                where = f"wcograph.{parent}" if parent else "wcograph"
                moved.append(
                    f"{indent}from {where} import {leaf}"
                    + (f" as {alias}" if alias != leaf else "")
                )
            else:
                kept.append(name)
        lines = ([f"{indent}from wcograph import {', '.join(kept)}"] if kept else []) + moved
        return "\n".join(lines)

    # Whole moves first, in one pass over the original text (a rewritten name is not read again):
    # this covers ``from wcograph.OLD import ...`` lines, mock targets and docstrings alike.
    if modules:
        moved = re.compile(
            r"\bwcograph\.("
            + "|".join(re.escape(old) for old in sorted(modules, key=len, reverse=True))
            + r")(?![\w])"
        )
        text = moved.sub(lambda match: f"wcograph.{modules[match[1]]}", text)
    for old, symbols in splits.items():
        for symbol, new in symbols.items():
            text = re.sub(
                rf"\bwcograph\.{re.escape(old)}\.{re.escape(symbol)}(?![\w])",
                f"wcograph.{new}.{symbol}",
                text,
            )
    text = FROM_IMPORT.sub(from_import, text)
    text = FROM_PACKAGE.sub(from_package, text)
    return text


DOCS = (
    "README.md",
    "queries/README.md",
    "shapes/README.md",
    "data/README.md",
    "ontology/README.md",
)


def rewrite_doc(text: str, modules: dict[str, str]) -> str:
    """``src/wcograph/OLD.py`` in the documentation -> the module's new path."""
    if not modules:
        return text
    moved = re.compile(
        r"\bsrc/wcograph/("
        + "|".join(
            re.escape(old.replace(".", "/")) for old in sorted(modules, key=len, reverse=True)
        )
        + r")\.py\b"
    )
    paths = {old.replace(".", "/"): new.replace(".", "/") for old, new in modules.items()}
    return moved.sub(lambda match: f"src/wcograph/{paths[match[1]]}.py", text)


def main(argv: list[str]) -> int:
    mapping = json.loads(Path(argv[0]).read_text())
    modules, splits = mapping.get("modules", {}), mapping.get("splits", {})
    check = "--check" in argv
    changed = []
    for path in python_files(Path.cwd()):
        before = path.read_text(encoding="utf-8")
        after = rewrite(before, modules, splits)
        if after != before:
            changed.append(path)
            if not check:
                path.write_text(after, encoding="utf-8")
    for name in DOCS:
        path = Path.cwd() / name
        if path.is_file():
            before = path.read_text(encoding="utf-8")
            after = rewrite_doc(before, modules)
            if after != before:
                changed.append(path)
                if not check:
                    path.write_text(after, encoding="utf-8")
    for path in changed:
        print(path)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
