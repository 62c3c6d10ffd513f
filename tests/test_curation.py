"""The curated data against the source text itself.

Each summary report is read from the sources folder: its agenda table and its "In conclusion,
the PTC:" blocks are counted here, independently of the curators, and the data must hold exactly
those agenda items and one decision per bullet. Every citation must point at a paragraph or line
range that exists, and decision texts must be the report's words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from wcograph.assets import DATA_DIR
from wcograph.records.load import LoadedData, load_data
from wcograph.records.model import Meeting, SourceDocument, SourceRef
from wcograph.records.sources import SourceText, sources_dir
from wcograph.validate.citations import text_of


@pytest.fixture(scope="module")
def loaded() -> LoadedData:
    return load_data(DATA_DIR)


def reports(loaded: LoadedData) -> list[SourceDocument]:
    return [doc for doc in loaded.curated.sources if doc.kind == "summary-report"]


def meeting_reported(loaded: LoadedData, document: SourceDocument) -> Meeting:
    [meeting_id] = document.describes
    for file in loaded.curated.meeting_files:
        for meeting in file.meetings:
            if meeting.id == meeting_id and file.document == document.id:
                return meeting
    raise AssertionError(f"{document.id}: no meetings/{document.id}.yaml describes {meeting_id}")


def normalise(text: str) -> str:
    """The words of a bullet without markdown, HTML tags, or the list's "; and" glue."""
    text = re.sub(r"<[^>]+>|\*\*|\*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(;|\.|;\s*and|,\s*and|\s+and)$", "", text).strip().lower()


REPORT_IDS = ["pc0517", "pc0737"]


@pytest.mark.parametrize("doc_id", REPORT_IDS)
def test_agenda_holds_exactly_the_items_of_the_report(loaded: LoadedData, doc_id: str) -> None:
    document = next(doc for doc in reports(loaded) if doc.id == doc_id)
    source = text_of(document, sources_dir())
    assert source is not None
    expected = {
        number if not letter else f"{number}.{letter}"
        for number, letters in source.agenda_table().items()
        for letter in ["", *letters]
    }
    meeting = meeting_reported(loaded, document)
    curated = {
        number
        for item in meeting.agenda
        for number in [item.number, *(f"{item.number}.{sub.number}" for sub in item.subitems)]
    }
    assert sorted(curated - expected) == [], "agenda items the report does not list"
    assert sorted(expected - curated) == [], "agenda items of the report missing from the data"


@pytest.mark.parametrize("doc_id", REPORT_IDS)
def test_one_decision_per_bullet_of_every_conclusion_block(loaded: LoadedData, doc_id: str) -> None:
    document = next(doc for doc in reports(loaded) if doc.id == doc_id)
    source = text_of(document, sources_dir())
    assert source is not None
    blocks = source.conclusion_blocks()
    meeting = meeting_reported(loaded, document)
    curated = {block.para: block for block in meeting.decisions}
    assert sorted(curated) == sorted(blocks), "conclusion blocks (by paragraph)"
    for para, bullets in blocks.items():
        texts = [normalise(bullet.text) for bullet in curated[para].bullets]
        assert len(texts) == len(bullets), f"paragraph {para}: bullets"
        for position, (ours, theirs) in enumerate(
            zip(texts, map(normalise, bullets), strict=True), 1
        ):
            similarity = difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()
            assert similarity > 0.9, f"paragraph {para} bullet {position}: {ours!r} != {theirs!r}"


def test_the_reports_have_the_expected_number_of_decisions(loaded: LoadedData) -> None:
    """Figures counted by hand in the two reports: 28 blocks and 56 bullets in PC0517 (one
    block, after paragraph 49, unnumbered; paragraph 110 misprinted "In conclusions"), 15
    blocks and 41 bullets in PC0737."""
    counts = {}
    for document in reports(loaded):
        meeting = meeting_reported(loaded, document)
        counts[document.id] = (
            len(meeting.decisions),
            sum(len(b.bullets) for b in meeting.decisions),
        )
    assert counts == {"pc0517": (28, 56), "pc0737": (15, 41)}


def all_citations(loaded: LoadedData) -> Iterator[tuple[str, SourceRef]]:
    """Every SourceRef anywhere in the curated records, with the record it belongs to."""

    def walk(value: object, owner: str) -> Iterator[tuple[str, SourceRef]]:
        if isinstance(value, SourceRef):
            yield owner, value
        elif isinstance(value, list | tuple):
            for element in value:
                yield from walk(element, owner)
        elif isinstance(value, BaseModel):
            name = getattr(value, "id", owner)
            for field in type(value).model_fields:
                yield from walk(getattr(value, field), name)

    curated = loaded.curated
    for bucket in (curated.bodies, curated.organisations, curated.people, curated.instruments):
        for record in bucket:
            yield from walk(record, record.id)
    for file in curated.meeting_files:
        for meeting in file.meetings:
            yield from walk(meeting, meeting.id)
            for block in meeting.decisions:
                yield meeting.id, SourceRef(doc=file.document, para=block.para)
        yield from walk(file.documents, file.document)


def test_every_citation_points_at_text_that_exists(loaded: LoadedData) -> None:
    texts: dict[str, SourceText | None] = {
        doc.id: text_of(doc, sources_dir()) for doc in loaded.curated.sources
    }
    broken = []
    count = 0
    for owner, ref in all_citations(loaded):
        count += 1
        source = texts[ref.doc]
        if source is None:
            continue
        if ref.para is not None and ref.para not in source.paragraphs:
            broken.append(f"{owner}: {ref.doc} paragraph {ref.para} does not exist")
        if ref.line_range and not source.has_lines(*ref.line_range):
            broken.append(f"{owner}: {ref.doc} lines {ref.lines} are outside the file")
    assert count > 500, "the walk found too few citations to be looking at the real data"
    assert broken == []


def test_every_decision_cites_its_conclusion_paragraph(loaded: LoadedData) -> None:
    for file in loaded.curated.meeting_files:
        document = next(doc for doc in loaded.curated.sources if doc.id == file.document)
        source = text_of(document, sources_dir())
        if source is None:
            continue  # a web page cited by URL: its text is not in the sources folder
        for meeting in file.meetings:
            for block in meeting.decisions:
                paragraph = source.paragraphs.get(block.para)
                assert paragraph is not None, f"{meeting.id}: paragraph {block.para} does not exist"
                if document.kind == "summary-report":
                    assert "In conclusion" in paragraph.text, f"{meeting.id} paragraph {block.para}"
                else:  # a news article: the decision's words stand in the cited paragraph
                    for bullet in block.bullets:
                        words = normalise(bullet.text)
                        match = difflib.SequenceMatcher(
                            None, words, paragraph.text.lower(), autojunk=False
                        )
                        longest = match.find_longest_match(0, len(words), 0, len(paragraph.text))
                        assert longest.size >= 0.5 * len(words), f"{meeting.id}: {bullet.text!r}"


def test_meetings_of_each_report_are_dated_as_the_report_says(loaded: LoadedData) -> None:
    """Title blocks: PC0517 "16 – 20 April 2018", PC0737 "24 – 26 October 2023"."""
    dates = {}
    for document in reports(loaded):
        meeting = meeting_reported(loaded, document)
        dates[meeting.id] = (str(meeting.start), str(meeting.end), meeting.sessions)
    assert dates == {
        "ptc-219-220": ("2018-04-16", "2018-04-20", [219, 220]),
        "ptc-241-242": ("2023-10-24", "2023-10-26", [241, 242]),
    }
