"""Drafts as a curator receives them: JSON for tools, or YAML in the curated schema to edit.

The YAML is a meetings file (data/meetings/<source>.yaml) with every value marked as drafted;
it goes to a review folder, never into data/, and never over an existing file.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import yaml

from wcograph.errors import DataError, Problem
from wcograph.ingest.draft import DraftDecision, DraftMeeting, Officer
from wcograph.ingest.lexicon import Lexicon
from wcograph.output import write_atomically

REVIEW_HEADER = (
    "# Drafted by `wcograph ingest` from {file}.\n"
    "# Check every value against the text, write each decision's text in your own words, create\n"
    "# the people and instruments it names, then move the file into data/meetings/ and register\n"
    "# the source in data/sources.yaml.\n"
)


def as_json(meetings: list[DraftMeeting]) -> str:
    return json.dumps([_meeting_dict(m) for m in meetings], indent=2, ensure_ascii=False) + "\n"


def _meeting_dict(meeting: DraftMeeting) -> dict[str, Any]:
    fields = dataclasses.asdict(meeting)
    fields["chair"] = _officer_dict(meeting.chair)
    fields["vice_chair"] = [_officer_dict(o) for o in meeting.vice_chair]
    return fields


def _officer_dict(officer: Officer | None) -> dict[str, Any] | None:
    return dataclasses.asdict(officer) if officer else None


def as_yaml(
    meetings: list[DraftMeeting], source_id: str, file: Path, lexicon: Lexicon, known: set[str]
) -> str:
    document = {
        "document": source_id,
        "meetings": [_meeting_record(m, source_id, lexicon, known) for m in meetings],
    }
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return REVIEW_HEADER.format(file=file.name) + body


def meeting_id(meeting: DraftMeeting) -> str:
    body = meeting.body or "unknown-body"
    if meeting.session_numbers:
        return "-".join([body, *map(str, meeting.session_numbers)])
    return f"{body}-{meeting.start_date or 'undated'}"[:60]


def _meeting_record(
    meeting: DraftMeeting, source_id: str, lexicon: Lexicon, known: set[str]
) -> dict[str, Any]:
    identifier = meeting_id(meeting)
    body_label = lexicon.entries[meeting.body].label if meeting.body else "an unidentified body"
    record: dict[str, Any] = {
        "id": identifier,
        "label": _label(meeting.session_numbers, body_label),
        "of": meeting.body,
        "sessions": meeting.session_numbers,
        "start": meeting.start_date,
        "end": meeting.end_date,
        "place": meeting.place,
        "format": meeting.format,
        "chair": _person_id(meeting.chair),
        "vice_chairs": [_person_id(o) for o in meeting.vice_chair],
        "source": {"doc": source_id, "para": meeting.paragraph},
        "note": _note(meeting, identifier in known),
        "decisions": _decision_blocks(meeting.decisions, meeting.body),
    }
    return {key: value for key, value in record.items() if value not in (None, [], "")}


def _label(numbers: list[int], body_label: str) -> str:
    if not numbers:
        return f"Session of the {body_label}"
    ordinals = "/".join(_ordinal(n) for n in numbers)
    return f"{ordinals} Session{'s' if len(numbers) > 1 else ''} of the {body_label}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _person_id(officer: Officer | None) -> str | None:
    if officer is None:
        return None
    return officer.id or re.sub(r"[^a-z0-9]+", "-", officer.name.lower()).strip("-")


def _note(meeting: DraftMeeting, exists: bool) -> str:
    parts = [f"Drafted (body confidence {meeting.confidence})."]
    if exists:
        parts.append("A meeting with this id is already curated in data/: compare, do not add.")
    for role, officer in [
        ("chair", meeting.chair),
        *(("vice-chair", o) for o in meeting.vice_chair),
    ]:
        if officer is not None:
            where = f", {officer.country}" if officer.country else ""
            status = "known" if officer.id else "new person: create data/people file"
            parts.append(f"{role} {officer.name}{where} (para {officer.paragraph}; {status}).")
    return " ".join(parts)


def _decision_blocks(decisions: list[DraftDecision], body: str | None) -> list[dict[str, Any]]:
    blocks: dict[int, list[dict[str, Any]]] = {}
    for decision in decisions:
        concerns = decision.concerns or decision.proposed or ([body] if body else [])
        blocks.setdefault(decision.paragraph, []).append(
            {
                "type": decision.verb,
                "text": f"{decision.verb.replace('-', ' ')} {decision.object}",
                "concerns": concerns,
            }
        )
    return [{"para": para, "bullets": bullets} for para, bullets in sorted(blocks.items())]


def write_review(review_dir: Path, source_id: str, content: str) -> Path:
    """The draft in the review folder; an existing draft or curated file is never replaced."""
    target = review_dir / f"{source_id}.yaml"
    if target.exists() or target.is_symlink():
        raise DataError(
            Problem(
                "a draft for this source is already waiting for review; not replaced",
                file=target,
                hint="review and move or delete it first, or give another --source-id",
            )
        )
    write_atomically({target: content.encode("utf-8")})
    return target
