"""`wcograph site OUT`: the static documentation site, built once by the command line from the
real data. Every internal link and anchor resolves; the pages hold what the store and the shape
files say; the GitHub Pages workflow is valid YAML that builds and deploys the site."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from click.testing import CliRunner
from pyoxigraph import NamedNode, RdfFormat, parse

from wcograph.assets import PROJECT_DIR, SHAPES_DIR
from wcograph.cli import main
from wcograph.namespaces import ID, RDFS, SH
from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import answer, bound_example
from wcograph.query.library import listed_queries

from .test_export import reporting_lines

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(built: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(main, ["site", str(out)])
    assert result.exit_code == 0, result.output
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.rows: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        for name in ("href", "src"):
            if name in attributes and not (tag == "link" and "icon" in attributes.get("rel", "")):
                self.links.append(attributes[name])
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "tr" and "data-line" in attributes:
            self.rows.append(attributes)


def read(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(site: Path) -> Iterator[Path]:
    return site.rglob("*.html")


def test_no_broken_internal_link(site: Path) -> None:
    parsed = {path: read(path) for path in html_files(site)}
    assert len(parsed) > 1000
    broken = []
    checked = 0
    for path, page in parsed.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # outside the site (http:, https:, data:, mailto:)
            target = (
                path
                if not parts.path
                else Path(
                    posixpath.normpath(posixpath.join(path.parent.as_posix(), unquote(parts.path)))
                )
            )
            checked += 1
            if not target.is_file() or site not in target.parents:
                broken.append(f"{path.relative_to(site)}: {link}")
            elif parts.fragment and parts.fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(site)}: {link} (no such anchor)")
    assert broken == []
    assert checked > 10_000


def test_ontology_documentation(site: Path) -> None:
    html = (site / "ontology.html").read_text(encoding="utf-8")
    assert "pyLODE" in html
    ontology = {q.triple for q in parse(path=str(site / "ontology.ttl"), format=RdfFormat.TURTLE)}
    labels = [
        t.object.value
        for t in ontology
        if t.predicate == NamedNode(RDFS + "label") and t.subject.value.endswith("#ReportingLine")
    ]
    assert labels and all(label in html for label in labels)


def test_a_page_per_shape_file_with_its_rules(site: Path) -> None:
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        triples = [q.triple for q in parse(path=str(path), format=RdfFormat.TURTLE)]
        messages = {t.object.value for t in triples if t.predicate == NamedNode(SH + "message")}
        page = (site / "shapes" / f"{path.stem}.html").read_text(encoding="utf-8")
        for message in messages:
            assert _escaped(message) in page, (path.name, message)
        assert messages, path.name


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_query_catalogue_answers(site: Path, built: BuiltGraph) -> None:
    html = (site / "queries.html").read_text(encoding="utf-8")
    for query in listed_queries():
        assert f'<section id="{query.name}">' in html
        target, bindings = bound_example(built.store, query)
        rows = len(answer(built.store, target, {k: v.value for k, v in bindings.items()}).rows)
        section = html.split(f'<section id="{query.name}">')[1].split("</section>")[0]
        assert f'<p class="muted">{rows} rows</p>' in section, query.name


def test_entity_pages_match_the_store(site: Path, built: BuiltGraph) -> None:
    page = read(site / "id" / "ptc.html")
    down = {
        (row["data-other"], row["data-line"])
        for row in page.rows
        if row["data-direction"] == "down"
    }
    expected = {
        (ID + str(line["body"]), ID + str(line["line"]))
        for line in reporting_lines(built.store)
        if line["superior"] == "ptc"
    }
    assert down == expected
    assert "swg.html" in page.links
    assert (site / "id" / "passage" / "pc0737" / "p20.html").is_file()


def test_pages_workflow() -> None:
    workflow = yaml.safe_load((PROJECT_DIR / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any("wcograph site _site" in step.get("run", "") for step in steps)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in steps)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
