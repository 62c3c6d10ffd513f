"""The one family of errors that mean "the user's input is wrong" (exit code 2, no traceback).

Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the input."""

    message: str
    file: Path | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = (
                f"{_display(self.file)}:{self.line}: " if self.line else f"{_display(self.file)}: "
            )
        return where + self.message + (f"\n    hint: {self.hint}" if self.hint else "")


class WcographError(Exception):
    """Bad input: carries every problem found, so a curator can fix them in one pass."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class DataError(WcographError):
    """The curated YAML is malformed, breaks the schema, or refers to something unknown."""


class QueryError(WcographError):
    """A query is malformed or a parameter cannot be resolved."""


def _display(path: Path) -> str:
    # abspath, not resolve: a symbolic link is named as the user gave it, not by its target.
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)
