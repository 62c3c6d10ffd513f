"""The one place that knows where the project's files live.

In a source checkout (or an editable install) the assets are the repository's top-level
ontology/, shapes/ and queries/ folders; an installed wheel carries copies inside the package.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
INSTALLED = (PACKAGE_DIR / "ontology").is_dir()
"""True in an installed wheel, False in a source checkout or an editable install."""
_INSTALLED = INSTALLED
ASSETS_DIR = PACKAGE_DIR if _INSTALLED else PROJECT_DIR

ONTOLOGY_DIR = ASSETS_DIR / "ontology"
SHAPES_DIR = ASSETS_DIR / "shapes"
QUERIES_DIR = ASSETS_DIR / "queries"
DATA_DIR = Path("data") if _INSTALLED else PROJECT_DIR / "data"
DIST_DIR = Path("dist") if _INSTALLED else PROJECT_DIR / "dist"
BUNDLED_GRAPH_DIR = PACKAGE_DIR / "graph"
"""The built, validated graph a wheel carries (written at wheel-build time by setup.py)."""

ONTOLOGY_FILE = ONTOLOGY_DIR / "wcograph.ttl"
DECISION_TYPES_FILE = ONTOLOGY_DIR / "decision-types.ttl"
VOCABULARIES_FILE = ONTOLOGY_DIR / "vocabularies.ttl"


def default_sources_dir() -> Path:
    """The seeds beside the checkout (../shared/seeds); an installed copy looks beside the
    current folder instead."""
    base = Path.cwd() if _INSTALLED else PROJECT_DIR
    return base.parent / "shared" / "seeds"
