"""Reads the source documents themselves, so curated citations can be checked against them.

A summary report numbers its paragraphs ("14. The Chair of the ..."); a news article does not,
so there a paragraph is a non-blank line, counted from 1 (every seed article keeps one
paragraph per line). Annex tables are cited by line range instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from wcograph.assets import default_sources_dir
from wcograph.inputs import decode_text, read_bytes

MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""A source document larger than this is refused (the seeds are under 200 KB each)."""

# "14. The Chair", "  4. After", "- 6. In conclusion", "#### **68. In conclusion", "**2. In ..."
NUMBERED_PARAGRAPH = re.compile(r"^\s*(?:#+\s*)?(?:[-*•]\s+)?(?:\*\*)?(\d{1,3})\.\s+\S")
# "In conclusion, the PTC:"; PC0517 paragraph 110 misprints it "In conclusions, the PTC:".
CONCLUSION = re.compile(r"In conclusions?,?\s+the\s+PTC\b")
# A decision bullet starts with the verb in lower case ("took note", "the PTC adopted");
# sub-item headings ("a. **Report", "(b) Report", "**PFCWG Work Programme**") are not bullets.
BULLET = re.compile(r"^\s*[-•]\s+(?![a-z][.)]\s)(?=[a-z])")
CONTINUATION = re.compile(r"^\s*[a-z(]")
TABLE_ITEM = re.compile(r"^([IVXL]+)\.?\t")
BODY_ITEM_HEADING = re.compile(r"^(?:#+\s*)?(?:\*\*)?I?tem\s+([IVXL]+)\s*[–-]", re.IGNORECASE)
# "a. Update", "<p>a) Exchange"; in the 2018 table rows run together ("E-Commercec) Report").
SUB_ITEM = re.compile(r"(?:(?:^|(?<=[\s>]))([a-p])\.|([a-p])\))\s+(?=[A-Z•-])")
# "(a) Opening speech", "**h. Oral Report", "## **b. Facilitation", "- a. **Report from"; but not
# a lettered list inside a paragraph ("- a. Parts of the survey could ...").
BODY_SUB_HEADING = re.compile(
    r"^(?:(?:#+\s*)?(?:\*\*)?\(?([a-p])[.)]\s+[A-Z]|-\s+([a-p])\.\s+\*\*[A-Z])"
)
TAG = re.compile(r"<[^>]+>")
PARENTHESISED = re.compile(r"\([^()]*\)")
FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹]")


SOURCES_ENV = "WCOGRAPH_SOURCES"


def sources_dir(chosen: Path | None = None) -> Path:
    """The folder holding the source texts: the one chosen (``--sources``), else
    ``$WCOGRAPH_SOURCES``, else ``../shared/seeds`` beside the checkout.

    The texts are optional: the graph is built from data/ alone; with the texts, citations are
    also checked against them (``wcograph sources verify``).
    """
    if chosen is not None:
        return chosen
    override = os.environ.get(SOURCES_ENV)
    return Path(override) if override else default_sources_dir()


@dataclass(frozen=True)
class Paragraph:
    number: int
    first_line: int
    last_line: int
    text: str


@dataclass(frozen=True)
class SourceText:
    path: Path
    numbered: bool

    @cached_property
    def lines(self) -> list[str]:
        content = read_bytes(self.path, MAX_SOURCE_BYTES, "source document")
        return decode_text(content, self.path, "source document").splitlines()

    @cached_property
    def paragraphs(self) -> dict[int, Paragraph]:
        return _numbered_paragraphs(self.lines) if self.numbered else _line_paragraphs(self.lines)

    def has_lines(self, first: int, last: int) -> bool:
        return 1 <= first <= last <= len(self.lines)

    def conclusion_blocks(self) -> dict[int, list[str]]:
        """Paragraph number -> the bullets of each "In conclusion, the PTC:" block, in order."""
        blocks: dict[int, list[str]] = {}
        for number, paragraph in self.paragraphs.items():
            lines = paragraph.text.split("\n")
            # Usually the paragraph's first line; once (PC0517, after para 49) an unnumbered
            # line inside the paragraph above, which then owns the block.
            for index, line in enumerate(lines):
                if CONCLUSION.search(line):
                    blocks[number] = _bullets(lines[index + 1 :])
                    break
        return blocks

    def agenda_table(self) -> dict[str, list[str]]:
        """Item number -> sub-item letters, as the agenda table at the top of a report lists them.

        The table ends where the body's first item heading starts. Items the table lost in
        conversion but the body has as headings ("Item XX – Elections") are included with no
        sub-items.
        """
        heading = next(i for i, line in enumerate(self.lines) if BODY_ITEM_HEADING.match(line))
        items: dict[str, list[str]] = {}
        current: str | None = None
        for line in self.lines[:heading]:
            if line.startswith(("DAY ", "DISRUPTIVE", "* * *")):
                current = None  # the day programme repeats items out of order
            match = TABLE_ITEM.match(line)
            if match:
                current = match.group(1)
                items.setdefault(current, [])
            if current is not None:
                # Drop "(To take note)", "(16-17 October 2017)": their ")" is not a sub-item's.
                plain = PARENTHESISED.sub(" ", TAG.sub(" ", line))
                for dotted, bracketed in SUB_ITEM.findall(plain):
                    letter = dotted or bracketed
                    if letter not in items[current]:
                        items[current].append(letter)
        current = None
        for line in self.lines[heading : _annex_start(self.lines)]:
            match = BODY_ITEM_HEADING.match(line)
            if match:
                current = match.group(1)
                items.setdefault(current, [])
            sub = BODY_SUB_HEADING.match(line)
            letter = sub and (sub.group(1) or sub.group(2))
            if current and letter and letter not in items[current]:
                items[current].append(letter)
        return {number: sorted(letters) for number, letters in items.items()}


def _annex_start(lines: list[str]) -> int:
    """The first line after the body: the "*" separator that follows the last item."""
    closing = max(i for i, line in enumerate(lines) if BODY_ITEM_HEADING.match(line))
    return _body_end(lines, closing)


def _numbered_paragraphs(lines: list[str]) -> dict[int, Paragraph]:
    """Paragraphs in the report's own numbering.

    Only a number that continues the sequence starts a paragraph, so numbered lists inside
    paragraphs and the annexes' own numbering (which restart at 1) are not taken for one.
    """
    starts: list[tuple[int, int]] = []
    expected = 1
    for index, line in enumerate(lines):
        match = NUMBERED_PARAGRAPH.match(line)
        if match and expected <= int(match.group(1)) <= expected + 1:
            starts.append((int(match.group(1)), index))
            expected = int(match.group(1)) + 1
    paragraphs: dict[int, Paragraph] = {}
    for position, (number, start) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else _body_end(lines, start)
        text = "\n".join(line for line in lines[start:end] if line.strip())
        paragraphs[number] = Paragraph(number, start + 1, end, text)
    return paragraphs


def _body_end(lines: list[str], start: int) -> int:
    """The last paragraph runs to the first separator line ("*") after it."""
    for index in range(start + 1, len(lines)):
        if lines[index].strip() in {"*", "* * *"}:
            return index
    return len(lines)


def _line_paragraphs(lines: list[str]) -> dict[int, Paragraph]:
    numbered = [(index, line) for index, line in enumerate(lines) if line.strip()]
    return {
        number: Paragraph(number, index + 1, index + 1, line.strip())
        for number, (index, line) in enumerate(numbered, start=1)
    }


def _bullets(body: list[str]) -> list[str]:
    """Bullets of a conclusion block, up to the first line that is neither a bullet nor the
    lower-case continuation of one (a page break can split a bullet)."""
    bullets: list[str] = []
    for line in body:
        if BULLET.match(line):
            bullets.append(line.strip().lstrip("-•").strip())
        elif FOOTNOTE.match(line):
            continue
        elif bullets and not bullets[-1].endswith((".", ";")) and CONTINUATION.match(line):
            bullets[-1] += " " + line.strip()
        elif line.strip():
            break
    return bullets
