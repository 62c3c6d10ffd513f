"""Checks citations against the source texts themselves: the cited paragraph or lines must exist.

The texts are WCO documents this project does not redistribute, so they are optional: the graph
is built, validated and queried from data/ alone, and never carries a word of them. Where the
texts are at hand, each local document's paragraph and line counts (``wco:paragraphCount``,
``wco:lineCount``) are read from its text and added to the graph for one validation only; the
shapes in shapes/provenance.ttl (ParagraphExists, LinesExist) and the agenda-paragraphs check
then find any citation beyond the end of its document. The released graph stays the same with
or without the texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal, Quad

from wcograph.errors import DataError, Problem, WcographError
from wcograph.namespaces import entity, term, wco
from wcograph.records.model import SourceDocument
from wcograph.records.sources import SOURCES_ENV, SourceText
from wcograph.triples.store import GraphStore

if TYPE_CHECKING:
    from wcograph.validate.findings import ValidationReport

XSD_INTEGER = term("xsd", "integer")


def source_documents(data_dir: Path) -> dict[str, SourceDocument]:
    from wcograph.records.load import parse_record, read_yaml
    from wcograph.records.model import SourcesFile

    listing = parse_record(read_yaml(data_dir / "sources.yaml"), SourcesFile)
    return {doc.id: doc for doc in listing.documents}


def text_path(document: SourceDocument, sources: Path) -> Path | None:
    """Where the document's text would be; None for a web source (cited by URL)."""
    return None if document.file is None else sources / document.file


def text_of(document: SourceDocument, sources: Path) -> SourceText | None:
    """The document's text from the sources folder; None for a web source. A local document
    whose text is not there is an error naming the folder looked in."""
    path = text_path(document, sources)
    if path is None:
        return None
    if path.exists() and sources.resolve() not in path.resolve().parents:
        raise DataError(
            Problem(
                f"source document {document.id!r}: {document.file} leads out of the sources "
                "folder (a symbolic link?); it is not read",
                hint="put the document itself in the sources folder",
            )
        )
    if not path.is_file():
        raise DataError(
            Problem(
                f"the text of source document {document.id!r} is not at {path}",
                hint=f"give the folder of the source texts with --sources DIR or {SOURCES_ENV}",
            )
        )
    return SourceText(path, numbered=document.kind == "summary-report")


@dataclass
class CitationTexts:
    """Which documents' texts are at hand in a sources folder."""

    sources: Path
    texts: dict[str, SourceText] = field(default_factory=dict)
    web: list[SourceDocument] = field(default_factory=list)
    """Cited by URL: nothing local to check against."""
    missing: list[SourceDocument] = field(default_factory=list)
    """Local documents whose text is not in the folder."""

    @property
    def folder_exists(self) -> bool:
        return self.sources.is_dir()

    def count_quads(self) -> list[Quad]:
        """Each text's paragraph and line counts. Paragraphs are numbered 1..N without gaps
        (SourceText keeps the sequence), so a count tells whether a cited paragraph exists."""
        quads = []
        for doc_id, source in sorted(self.texts.items()):
            node = entity(doc_id)
            paragraphs = max(source.paragraphs, default=0)
            quads.append(Quad(node, wco("paragraphCount"), _integer(paragraphs)))
            quads.append(Quad(node, wco("lineCount"), _integer(len(source.lines))))
        return quads

    def summary(self) -> str:
        """One line: what was checked against which texts."""
        if not self.folder_exists:
            return (
                f"citations not checked against the source texts (no folder {self.sources}; "
                f"--sources DIR or {SOURCES_ENV} to check them)"
            )
        line = f"citations checked against {len(self.texts)} source texts in {self.sources}"
        if self.web:
            line += f"; {len(self.web)} web sources cited by URL, not checked"
        if self.missing:
            names = ", ".join(doc.id for doc in self.missing)
            line += f"; {len(self.missing)} not checked, text not there: {names}"
        return line


def citation_texts(documents: Iterable[SourceDocument], sources: Path) -> CitationTexts:
    found = CitationTexts(sources)
    for document in documents:
        path = text_path(document, sources)
        if path is None:
            found.web.append(document)
        elif found.folder_exists and path.is_file():
            found.texts[document.id] = SourceText(path, numbered=document.kind == "summary-report")
        else:
            found.missing.append(document)
    return found


def with_counts_validated(
    store: GraphStore, texts: CitationTexts, engine: str = "fast"
) -> ValidationReport:
    """Validate the store with the texts' counts added for the duration, so the shapes check
    every citation against its text; the store is left as it was."""
    from wcograph.validate.run import validate_store

    counts = texts.count_quads()
    store.store.extend(counts)
    try:
        return validate_store(store, engine)
    finally:
        for quad in counts:
            store.store.remove(quad)


def source_text(data_dir: Path, doc: str, sources: Path) -> tuple[SourceDocument, SourceText]:
    """A document by its id, its number or its title (any case), and its text."""
    document = find_document(source_documents(data_dir).values(), doc)
    text = text_of(document, sources)
    if text is None:
        raise DataError(
            Problem(
                f"{document.id!r} is a web source, cited by URL: {document.url}",
                hint="its text is not kept; open the address",
            )
        )
    return document, text


def find_document(documents: Iterable[SourceDocument], name: str) -> SourceDocument:
    wanted = name.strip().casefold()
    listed = list(documents)
    for document in listed:
        names = {document.id, document.number or "", document.title}
        if wanted in {value.casefold() for value in names if value}:
            return document
    known = ", ".join(sorted(document.number or document.id for document in listed))
    raise DataError(Problem(f"no source document {name!r}", hint=f"known: {known}"))


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def all_citation_texts(data_dir: Path, sources: Path) -> CitationTexts:
    """The texts of every local source document; an error when the folder or a text is not
    there (``wcograph sources verify`` checks nothing without them)."""
    texts = citation_texts(source_documents(data_dir).values(), sources)
    if not texts.folder_exists or texts.missing:
        missing = ", ".join(f"{doc.id} ({doc.file})" for doc in texts.missing)
        raise WcographError(
            Problem(
                f"no folder of source texts at {sources}"
                if not texts.folder_exists
                else f"texts not in {sources}: {missing}",
                hint="give the folder with --sources DIR or WCOGRAPH_SOURCES",
            )
        )
    return texts


def render_paragraphs(document: SourceDocument, text: SourceText, para: int | None = None) -> str:
    """The text's paragraphs (or the one numbered ``para``) as citations number them, a line
    each with the line it starts on."""
    paragraphs = text.paragraphs
    if para is not None:
        if para not in paragraphs:
            raise WcographError(
                f"{document.number or document.id} has no paragraph {para} "
                f"(it has {max(paragraphs, default=0)})"
            )
        paragraphs = {para: paragraphs[para]}
    return "".join(
        f"[{number}] (line {paragraph.first_line}) {paragraph.text}\n"
        for number, paragraph in paragraphs.items()
    )


SOURCE_COLUMNS = ("document", "date", "kind", "text", "title")


def source_rows(data_dir: Path, sources: Path) -> list[list[str]]:
    """Each source document: number, date, kind, whether its text is here (web: its URL), title."""
    rows = []
    for document in source_documents(data_dir).values():
        path = text_path(document, sources)
        if path is None:
            where = f"web {document.url}"
        else:
            where = "text here" if path.is_file() else f"no text ({document.file})"
        published = document.published
        rows.append(
            [
                document.number or document.id,
                published.first_day.isoformat() if published else "",
                document.kind,
                where,
                document.title,
            ]
        )
    return rows


def render_sources(data_dir: Path, sources: Path, fmt: str) -> str:
    """The listing of ``wcograph sources list``: a table (and the folder looked in) or JSON."""
    rows = source_rows(data_dir, sources)
    if fmt == "json":
        import json

        listing = [dict(zip(SOURCE_COLUMNS, row, strict=True)) for row in rows]
        return json.dumps(listing, indent=1, ensure_ascii=False) + "\n"
    from wcograph.query.tables import aligned

    return "\n".join(aligned(SOURCE_COLUMNS, rows)) + f"\n(sources folder: {sources})\n"
