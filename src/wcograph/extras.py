"""Optional dependencies: the reference SHACL engine (rdflib + pyshacl) and the OWL reasoner
(owlready2) are extras, so a plain install stays small; a command that needs one names the
extra to install instead of failing with an ImportError."""

from __future__ import annotations

import importlib
from types import ModuleType

from wcograph.errors import Problem, WcographError

EXTRAS = {"pyshacl": "pyshacl", "rdflib": "pyshacl", "owlready2": "reason"}
"""Module -> the extra of pyproject.toml that installs it."""


def require(module: str, purpose: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = EXTRAS.get(module, module)
        raise WcographError(
            Problem(
                f"{purpose} needs {module}, which is not installed",
                hint=f"pip install 'wcograph[{extra}]'",
            )
        ) from None
