"""Read an article, link it to the curated data, draft records: what ``wcograph ingest`` runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from wcograph.errors import DataError, Problem, WcographError
from wcograph.ingest.article import Article, read_article
from wcograph.ingest.draft import DraftMeeting, draft
from wcograph.ingest.lexicon import Lexicon
from wcograph.ingest.records import as_json, as_yaml, write_review
from wcograph.records.load import LoadedData, load_data

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REVIEW_IS_NOT_DATA = "drafts go to a review folder; curated files in data/ are edited by hand"


@dataclass(frozen=True)
class Drafted:
    article: Article
    source_id: str
    meetings: list[DraftMeeting]
    lexicon: Lexicon
    known_meetings: frozenset[str]

    def as_json(self) -> str:
        return as_json(self.meetings)

    def as_yaml(self) -> str:
        return as_yaml(
            self.meetings, self.source_id, self.article.path, self.lexicon, set(self.known_meetings)
        )

    def save(self, review_dir: Path) -> Path:
        return write_review(review_dir, self.source_id, self.as_yaml())


def draft_file(file: Path, data_dir: Path, source_id: str | None = None) -> Drafted:
    identifier = source_id or _slug(file.stem)
    if not SLUG.match(identifier):
        raise DataError(Problem(f"--source-id {identifier!r} is not a lowercase kebab-case id"))
    article = read_article(file)
    loaded = load_data(data_dir)
    lexicon = Lexicon.from_data(loaded)
    meetings = draft(article, lexicon)
    return Drafted(article, identifier, meetings, lexicon, _meeting_ids(loaded))


def _meeting_ids(loaded: LoadedData) -> frozenset[str]:
    return frozenset(m.id for f in loaded.curated.meeting_files for m in f.meetings)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "article"


def save_draft(drafted: Drafted, review_dir: Path, data_dir: Path) -> Path:
    """Save the YAML draft in the review folder, which must lie outside the data folder."""
    if review_dir.resolve().is_relative_to(data_dir.resolve()):
        raise WcographError(f"--review-dir {review_dir} is inside {data_dir}: {REVIEW_IS_NOT_DATA}")
    return drafted.save(review_dir)
