"""The one place that knows where the project's files live."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

ONTOLOGY_DIR = PROJECT_DIR / "ontology"
SHAPES_DIR = PROJECT_DIR / "shapes"
QUERIES_DIR = PROJECT_DIR / "queries"
DATA_DIR = PROJECT_DIR / "data"
DIST_DIR = PROJECT_DIR / "dist"

ONTOLOGY_FILE = ONTOLOGY_DIR / "wcograph.ttl"
DECISION_TYPES_FILE = ONTOLOGY_DIR / "decision-types.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"


def default_sources_dir() -> Path:
    return PROJECT_DIR.parent / "shared" / "seeds"
