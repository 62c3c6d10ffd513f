"""Every reference a record makes to another, with what kind it must be and where it sits.

One walk over the schema: the loader uses it to report unknown or mistyped references with
their line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from wcograph.records.model import (
    AgendaItem,
    Body,
    Entity,
    Instrument,
    LabelsFile,
    Meeting,
    MeetingsFile,
    Organisation,
    Person,
    SourceRef,
    SourcesFile,
    agenda_item_id,
)

AGENT = "body|organisation|person"
ANYTHING = "any"


@dataclass(frozen=True)
class Reference:
    target: str
    kind: str
    """Allowed kinds separated by "|", "any", or "source" for a source document."""
    role: str
    loc: tuple[Any, ...]


def references_of(record: BaseModel) -> Iterator[Reference]:
    if isinstance(record, SourcesFile):
        for index, doc in enumerate(record.documents):
            for n, target in enumerate(doc.describes):
                yield Reference(
                    target, "meeting", "describes", ("documents", index, "describes", n)
                )
        return
    if isinstance(record, MeetingsFile):
        yield Reference(record.document, "source", "document", ("document",))
        for index, meeting in enumerate(record.meetings):
            yield from _meeting(meeting, ("meetings", index))
        for index, cited in enumerate(record.documents):
            yield from _sources(cited, ("documents", index))
        return
    if isinstance(record, LabelsFile):
        for index, translation in enumerate(record.labels):
            yield Reference(translation.id, ANYTHING, "labels", ("labels", index, "id"))
            yield from _sources(translation, ("labels", index))
        return
    if isinstance(record, Entity):
        yield from _entity(record)


def _sources(record: BaseModel, loc: tuple[Any, ...]) -> Iterator[Reference]:
    """Source references anywhere inside a record."""
    for name, value in record:
        if isinstance(value, SourceRef):
            yield Reference(value.doc, "source", "source", (*loc, name, "doc"))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, SourceRef):
                    yield Reference(element.doc, "source", "source", (*loc, name, index, "doc"))


def _evidence(record: BaseModel, loc: tuple[Any, ...]) -> Iterator[Reference]:
    """The meetings a time-bound statement names as its evidence (``evidenced_at``)."""
    for n, meeting in enumerate(getattr(record, "evidenced_at", ())):
        yield Reference(meeting, "meeting", "evidenced_at", (*loc, "evidenced_at", n))
    for n, decision in enumerate(getattr(record, "decisions", ())):
        yield Reference(decision, "decision", "decisions", (*loc, "decisions", n))


def _conflicts(record: BaseModel, loc: tuple[Any, ...]) -> Iterator[Reference]:
    for index, conflict in enumerate(getattr(record, "conflicts", ())):
        for n, claim in enumerate(conflict.claims):
            yield from _sources(claim, (*loc, "conflicts", index, "claims", n))


def _entity(record: Entity) -> Iterator[Reference]:
    yield from _sources(record, ())
    yield from _conflicts(record, ())
    part_of = getattr(record, "part_of", None)
    if isinstance(record, Body | Organisation) and part_of:
        yield Reference(part_of, "organisation|body", "part_of", ("part_of",))
    if isinstance(record, Body):
        for index, line in enumerate(record.reports_to):
            yield Reference(line.body, "body", "reports_to", ("reports_to", index, "body"))
            yield from _sources(line, ("reports_to", index))
            yield from _evidence(line, ("reports_to", index))
        for index, event in enumerate(record.lifecycle):
            yield from _sources(event, ("lifecycle", index))
            if event.by:
                yield Reference(event.by, "body", "lifecycle by", ("lifecycle", index, "by"))
            if event.decision:
                yield Reference(
                    event.decision,
                    "decision",
                    "lifecycle decision",
                    ("lifecycle", index, "decision"),
                )
            for n, successor in enumerate(event.successors):
                yield Reference(
                    successor, "body", "successor", ("lifecycle", index, "successors", n)
                )
    if isinstance(record, Person):
        if record.member_of:
            yield Reference(record.member_of, "organisation|body", "member_of", ("member_of",))
        for index, role in enumerate(record.roles):
            yield Reference(role.of, "organisation|body", "role in", ("roles", index, "of"))
            if role.at:
                yield Reference(role.at, "meeting", "role attested at", ("roles", index, "at"))
            yield from _sources(role, ("roles", index))
            yield from _evidence(role, ("roles", index))
    if isinstance(record, Instrument):
        yield from _instrument(record)


def _instrument(record: Instrument) -> Iterator[Reference]:
    if record.part_of:
        yield Reference(record.part_of, "instrument", "part_of", ("part_of",))
    if record.edition_of:
        yield Reference(record.edition_of, "instrument", "edition_of", ("edition_of",))
    for name, kind in (
        ("based_on", "instrument"),
        ("replaces", "instrument"),
        ("parties", AGENT),
        ("funded_by", AGENT),
    ):
        for n, target in enumerate(getattr(record, name)):
            yield Reference(target, kind, name, (name, n))
    for index, responsibility in enumerate(record.responsible):
        yield Reference(responsibility.body, "body", "responsible", ("responsible", index, "body"))
        yield from _sources(responsibility, ("responsible", index))
        yield from _evidence(responsibility, ("responsible", index))
    for index, stage in enumerate(record.stages):
        loc = ("stages", index)
        yield Reference(stage.by, AGENT, "stage by", (*loc, "by"))
        if stage.at:
            yield Reference(stage.at, "meeting", "stage at", (*loc, "at"))
        if stage.decision:
            yield Reference(stage.decision, "decision", "stage decision", (*loc, "decision"))
        for n, body in enumerate(stage.to):
            yield Reference(body, "body", "forwarded to", (*loc, "to", n))
        yield from _sources(stage, loc)
    for index, task in enumerate(record.tasks):
        loc = ("tasks", index)
        for n, body in enumerate(task.responsible):
            yield Reference(body, "body", "task responsible", (*loc, "responsible", n))
        for n, target in enumerate(task.concerns):
            yield Reference(target, ANYTHING, "task concerns", (*loc, "concerns", n))
        yield from _sources(task, loc)


def _meeting(meeting: Meeting, loc: tuple[Any, ...]) -> Iterator[Reference]:
    yield from _sources(meeting, loc)
    yield from _conflicts(meeting, loc)
    if meeting.of:
        yield Reference(meeting.of, "body", "meeting of", (*loc, "of"))
    for n, organiser in enumerate(meeting.organisers):
        yield Reference(organiser, AGENT, "organiser", (*loc, "organisers", n))
    if meeting.chair:
        yield Reference(meeting.chair, "person", "chair", (*loc, "chair"))
    for n, vice in enumerate(meeting.vice_chairs):
        yield Reference(vice, "person", "vice-chair", (*loc, "vice_chairs", n))
    for index, item in enumerate(meeting.agenda):
        yield from _agenda_item(item, (*loc, "agenda", index))
    for n, observer in enumerate(meeting.observers):
        yield Reference(observer, AGENT, "observer", (*loc, "observers", n))
    for n, funder in enumerate(meeting.funded_by):
        yield Reference(funder, AGENT, "funded_by", (*loc, "funded_by", n))
    for index, offer in enumerate(meeting.offers):
        o_loc = (*loc, "offers", index)
        yield Reference(offer.by, AGENT, "offer by", (*o_loc, "by"))
        for n, target in enumerate(offer.concerns):
            yield Reference(target, ANYTHING, "offer concerns", (*o_loc, "concerns", n))
        yield from _sources(offer, o_loc)
    for index, attendance in enumerate(meeting.attendance):
        yield from _sources(attendance, (*loc, "attendance", index))
    for index, step in enumerate(meeting.next_steps):
        s_loc = (*loc, "next_steps", index)
        for n, target in enumerate(step.what):
            yield Reference(target, ANYTHING, "next step concerns", (*s_loc, "what", n))
        if step.by:
            yield Reference(step.by, AGENT, "next step by", (*s_loc, "by"))
        if step.to:
            yield Reference(step.to, "body", "next step to", (*s_loc, "to"))
        if step.at:
            yield Reference(step.at, "meeting", "next step at", (*s_loc, "at"))
        yield from _sources(step, s_loc)
    for index, presentation in enumerate(meeting.presentations):
        p_loc = (*loc, "presentations", index)
        yield _item_reference(meeting.id, presentation.item, (*p_loc, "item"))
        yield Reference(presentation.presenter, AGENT, "presenter", (*p_loc, "presenter"))
        for n, target in enumerate(presentation.concerns):
            yield Reference(target, ANYTHING, "concerns", (*p_loc, "concerns", n))
        yield from _sources(presentation, p_loc)
    for b_index, block in enumerate(meeting.decisions):
        b_loc = (*loc, "decisions", b_index)
        if block.item:
            yield _item_reference(meeting.id, block.item, (*b_loc, "item"))
        for n, bullet in enumerate(block.bullets):
            d_loc = (*b_loc, "bullets", n)
            if bullet.item:
                yield _item_reference(meeting.id, bullet.item, (*d_loc, "item"))
            for k, target in enumerate(bullet.concerns):
                yield Reference(target, ANYTHING, "concerns", (*d_loc, "concerns", k))
            for k, body in enumerate(bullet.forwarded_to):
                yield Reference(body, "body", "forwarded_to", (*d_loc, "forwarded_to", k))
            for k, earlier in enumerate(bullet.follows):
                yield Reference(earlier, "decision", "follows", (*d_loc, "follows", k))


def _agenda_item(item: AgendaItem, loc: tuple[Any, ...]) -> Iterator[Reference]:
    yield from _sources(item, loc)
    if item.reports_on:
        yield Reference(item.reports_on, "meeting", "reports_on", (*loc, "reports_on"))
    for n, target in enumerate(item.concerns):
        yield Reference(target, ANYTHING, "concerns", (*loc, "concerns", n))
    for n, document in enumerate(item.documents):
        yield Reference(document, "document", "documents", (*loc, "documents", n))
    for index, sub in enumerate(item.subitems):
        yield from _agenda_item(sub, (*loc, "subitems", index))


def _item_reference(meeting: str, number: str, loc: tuple[Any, ...]) -> Reference:
    return Reference(agenda_item_id(meeting, number), "agenda item", f"agenda item {number}", loc)
