"""`wcograph ingest`: drafts from a plain-text article, measured against curated records.

The seed news articles are the development set (tests/ reads them from the sources folder);
`fixtures/ingest/` holds a short restatement, in our own words, of a real Council session.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from wcograph.assets import DATA_DIR
from wcograph.cli import main
from wcograph.ingest.dates import find_dates
from wcograph.ingest.evaluate import evaluate
from wcograph.records.load import load_data
from wcograph.records.model import MeetingsFile
from wcograph.records.sources import sources_dir

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEED_ARTICLES = {
    "news-2015-10": "002_ead271349fb7e0a0.txt",
    "news-2025-04": "001_8d72d4e3a3b4ac1d.txt",
    "news-2025-10": "000_e10e630a66cbad3c.txt",
}
needs_seeds = pytest.mark.skipif(
    not (sources_dir() / SEED_ARTICLES["news-2015-10"]).exists(),
    reason="the seed articles are not beside this checkout",
)


def ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *args, "--data", str(DATA_DIR)])
    return result.exit_code, result.output


@needs_seeds
def test_the_2015_article_is_drafted_as_the_ptc_sessions_it_reports() -> None:
    """news-2015-10 para 4: the committee "convened its 209th/210th sessions in Brussels" in
    October 2015."""
    code, output = ingest(str(sources_dir() / SEED_ARTICLES["news-2015-10"]), "--format", "json")
    assert code == 0
    [meeting] = json.loads(output)
    assert meeting["body"] == "ptc"
    assert meeting["session_numbers"] == [209, 210]
    assert (meeting["start_date"], meeting["end_date"]) == ("2015-10", "2015-10")
    assert meeting["place"] == "Brussels"


@needs_seeds
def test_drafts_of_the_seed_articles_match_the_curated_records() -> None:
    """The development set's figures, as the README reports them: every body, session number
    and date right; half the curated outcomes found."""
    texts = [(doc, sources_dir() / name) for doc, name in SEED_ARTICLES.items()]
    fields = {row["field"]: row for row in evaluate(texts, load_data(DATA_DIR)).rows()}
    for name in ("body", "start_date", "end_date", "session_numbers"):
        assert fields[name]["precision"] == fields[name]["recall"] == 1.0, name
    assert fields["decisions"]["right"] >= 3
    assert fields["decisions"]["recall"] >= 0.5


def test_a_council_session_in_our_own_words_gives_chair_country_format_and_outcome() -> None:
    code, output = ingest(str(FIXTURES / "council-137-own-words.txt"), "--format", "json")
    assert code == 0
    [meeting] = json.loads(output)
    assert meeting["body"] == "council"
    assert meeting["session_numbers"] == [137]
    assert (meeting["start_date"], meeting["end_date"]) == ("2020-12-10", "2020-12-12")
    assert meeting["format"] == "virtual"
    assert meeting["place"] is None  # "in Bahrain" is the chair's administration, not a venue
    assert meeting["chair"]["name"] == "Ahmed Al Khalifa"
    assert meeting["chair"]["country"] == "Bahrain"
    verbs = [(d["verb"], d["paragraph"]) for d in meeting["decisions"]]
    assert ("adopted", 4) in verbs


def test_the_yaml_draft_is_a_valid_meetings_file_in_the_review_folder(tmp_path: Path) -> None:
    review = tmp_path / "review"
    article = str(FIXTURES / "council-137-own-words.txt")
    code, output = ingest(article, "--write", "--review-dir", str(review), "--source-id", "c137")
    assert code == 0, output
    draft = review / "c137.yaml"
    record = MeetingsFile.model_validate(yaml.safe_load(draft.read_text()))
    assert record.document == "c137"
    assert record.meetings[0].id == "council-137"
    assert str(record.meetings[0].start) == "2020-12-10"
    before = draft.read_bytes()
    code, output = ingest(article, "--write", "--review-dir", str(review), "--source-id", "c137")
    assert code == 2
    assert "already waiting for review; not replaced" in output
    assert draft.read_bytes() == before


def test_drafts_never_go_into_the_data_folder(tmp_path: Path) -> None:
    article = str(FIXTURES / "council-137-own-words.txt")
    code, output = ingest(article, "--write", "--review-dir", str(DATA_DIR / "meetings"))
    assert code == 2
    assert "drafts go to a review folder" in output
    assert not (DATA_DIR / "meetings" / "council-137-own-words.yaml").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text(""), "the file is empty"),
        (lambda p: p.write_text("\n \n\t\n"), "the file is empty"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "a binary file"),
        (lambda p: p.write_bytes("Caf\xe9 des douanes".encode("latin-1")), "not UTF-8 text"),
        (lambda p: _sparse(p, 50 * 1024 * 1024), "more than an article or report"),
        (lambda p: p.write_text((FIXTURES / "french.txt").read_text()), "does not read as English"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "50MB", "french"],
)
def test_bad_input_is_refused_with_exit_2_and_nothing_written(
    tmp_path: Path, make, message: str
) -> None:
    article = tmp_path / "article.txt"
    make(article)
    review = tmp_path / "review"
    code, output = ingest(str(article), "--write", "--review-dir", str(review))
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert not review.exists()


def test_a_missing_file_and_a_bad_source_id_are_refused(tmp_path: Path) -> None:
    code, output = ingest(str(tmp_path / "nowhere.txt"))
    assert code == 2 and "not a readable file" in output
    code, output = ingest(str(FIXTURES / "council-137-own-words.txt"), "--source-id", "Bad Id")
    assert code == 2 and "is not a lowercase kebab-case id" in output


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)
    assert os.path.getsize(path) == size


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("held from 11 to 13 June 2015 in", [("2015-06-11", "2015-06-13")]),
        ("from 30 September - 2 October 2019", [("2019-09-30", "2019-10-02")]),
        ("in a hybrid format from April 29–30, 2025,", [("2025-04-29", "2025-04-30")]),
        ("from Monday 22 to Friday 26 March 2021", [("2021-03-22", "2021-03-26")]),
        ("at the end of October 2025", [("2025-10", "2025-10")]),
        ("on 31 February 2021", []),
    ],
)
def test_dates_as_articles_write_them(text: str, wanted: list[tuple[str, str]]) -> None:
    assert [(d.start, d.end) for d in find_dates(text)] == wanted
