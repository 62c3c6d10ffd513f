"""A plain-text article or summary report, read safely and cut into citable paragraphs.

Paragraphs are numbered the way curators cite news articles: the n-th non-blank line, from 1.
Anything that is not English plain text of a sensible size is refused before any work is done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from wcograph.errors import DataError, Problem

MAX_BYTES = 5 * 1024 * 1024
"""A summary report with annexes is about 300 KB; ten times that is still plausible."""

MIN_WORDS_FOR_LANGUAGE = 20
ENGLISH_SHARE = 0.12
"""Share of running words that are English function words; English prose scores 0.25-0.40,
French or Spanish prose under 0.05."""

ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "was",
        "were",
        "for",
        "on",
        "with",
        "by",
        "as",
        "at",
        "its",
        "from",
        "that",
        "this",
        "are",
        "be",
        "has",
        "have",
        "had",
        "it",
        "an",
        "which",
        "their",
        "been",
        "will",
        "also",
        "or",
        "not",
        "into",
        "under",
    ]
)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A full stop after a title or an initial ("Mr. A. Al Khalifa") does not end the sentence.
NOT_AN_END = "".join(
    rf"(?<!\b{abbreviation}\.)"
    for abbreviation in ("Mr", "Ms", "Dr", "Mrs", "Prof", "No", "St", "[A-Z]")
)
SENTENCE_END = re.compile(rf"(?<=[.!?]){NOT_AN_END}\s+(?=[A-Z“\"(])")


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str

    def sentences(self) -> list[str]:
        return [s for s in SENTENCE_END.split(self.text) if s.strip()]


@dataclass(frozen=True)
class Article:
    path: Path
    paragraphs: tuple[Paragraph, ...]

    @property
    def title(self) -> str:
        return self.paragraphs[0].text


def read_article(path: Path) -> Article:
    """The article's paragraphs; DataError (exit 2) for a file that is not English text."""
    if not path.is_file():
        raise DataError(Problem("not a readable file", file=path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataError(
            Problem(
                f"{size:,} bytes is more than an article or report ({MAX_BYTES:,} bytes at most)",
                file=path,
            )
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise DataError(Problem("a binary file, not plain text", file=path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(
            Problem(
                f"not UTF-8 text (byte {err.start})",
                file=path,
                hint="convert it first, e.g. iconv -f latin1 -t utf-8",
            )
        ) from None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = tuple(
        Paragraph(number, line) for number, line in enumerate((x for x in lines if x), start=1)
    )
    if not paragraphs:
        raise DataError(Problem("the file is empty: nothing to draft from", file=path))
    _require_english(path, " ".join(p.text for p in paragraphs))
    return Article(path, paragraphs)


def _require_english(path: Path, text: str) -> None:
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if share < ENGLISH_SHARE:
        raise DataError(
            Problem(
                "the text does not read as English (ingest's rules are written for English "
                f"articles: {share:.0%} English function words)",
                file=path,
            )
        )
