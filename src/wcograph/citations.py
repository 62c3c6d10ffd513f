"""Checks every citation against the source text itself: the paragraph or lines must exist."""

from __future__ import annotations

from pathlib import Path

from wcograph.errors import DataError, Problem
from wcograph.load import parse_record, read_yaml
from wcograph.model import SourceDocument, SourcesFile
from wcograph.sources import SourceText, sources_dir


def source_documents(data_dir: Path) -> dict[str, SourceDocument]:
    listing = parse_record(read_yaml(data_dir / "sources.yaml"), SourcesFile)
    return {doc.id: doc for doc in listing.documents}


def text_of(document: SourceDocument) -> SourceText | None:
    """The document's text from the sources folder; None for an external publication."""
    if document.file is None:
        return None
    folder = sources_dir()
    path = folder / document.file
    if path.exists() and folder.resolve() not in path.resolve().parents:
        raise DataError(
            Problem(
                f"source document {document.id!r}: {document.file} leads out of the sources "
                "folder (a symbolic link?); it is not read",
                hint="put the document itself in the sources folder",
            )
        )
    if not path.exists():
        raise DataError(
            Problem(
                f"source document {document.id!r} not found at {path}",
                hint="seeds live in ../shared/seeds; set WCOGRAPH_SOURCES to read them elsewhere",
            )
        )
    return SourceText(path, numbered=document.kind == "summary-report")


def source_text(data_dir: Path, doc: str) -> SourceText:
    documents = source_documents(data_dir)
    if doc not in documents:
        raise DataError(
            Problem(f"no source document {doc!r}", hint=f"known: {', '.join(sorted(documents))}")
        )
    text = text_of(documents[doc])
    if text is None:
        raise DataError(
            Problem(f"{doc!r} is an external publication; its text is not in the sources folder")
        )
    return text
