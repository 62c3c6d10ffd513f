"""Facts derived from what the records say, after the records are minted as triples (build.py).

A body's dates follow from its lifecycle events: established on the day of an ``established``
event that happened; ended on the last day of its earliest dated end that happened, or, for an
end the sources report without a date, no later than the first day the reporting source speaks
of (``wco:endedNoLaterThan``); expected to end on the day an ``expected`` end names. Then
timeline.py derives from all of it what holds when. Nothing here mints an IRI: every subject is
a node build.py minted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pyoxigraph import Literal, Quad

from wcograph.namespaces import entity, term, wco
from wcograph.records.load import LoadedData
from wcograph.records.model import Body, PartialDate
from wcograph.triples.timeline import EvidenceDates, derive_time

ENDING_EVENTS = {"term-ended", "disbanded", "closed", "merged-into", "continued-as", "archived"}
XSD_DATE = term("xsd", "date")


def derived_quads(loaded: LoadedData, minted: list[Quad]) -> list[Quad]:
    """The derived triples: the bodies' dates, then what holds when (timeline.derive_time)."""
    evidence = EvidenceDates(loaded.curated)
    dates = [quad for body in loaded.curated.bodies for quad in body_dates(body, evidence)]
    return dates + derive_time(minted + dates)


def body_dates(body: Body, evidence: EvidenceDates) -> Iterable[Quad]:
    node = entity(body.id)
    for event in body.lifecycle:
        if event.modality == "expected" and event.event in ENDING_EVENTS and event.date:
            yield Quad(node, wco("expectedEnd"), _day(event.date.last_day))
        elif event.modality == "happened" and event.event == "established" and event.date:
            yield Quad(node, wco("establishedOn"), _day(event.date.first_day))
    ended = _ended(body)
    ended_by = _ended_no_later_than(body, evidence)
    if ended is not None:
        yield Quad(node, wco("endedOn"), _day(ended))
    elif ended_by is not None:
        yield Quad(node, wco("endedNoLaterThan"), _day(ended_by.first_day))


def _ended(body: Body) -> date | None:
    """The last day of the body's earliest dated end, or None."""
    ends = [
        e.date.last_day
        for e in body.lifecycle
        if e.event in ENDING_EVENTS and e.date and e.modality == "happened"
    ]
    return min(ends) if ends else None


def _ended_no_later_than(body: Body, evidence: EvidenceDates) -> PartialDate | None:
    """For an end the sources report without a date: the start of the meeting reported on by
    the earliest source that reports the end (the body had ended by then)."""
    attested = [
        _attested_from(e.source.doc, evidence)
        for e in body.lifecycle
        if e.event in ENDING_EVENTS and e.date is None and e.modality == "happened"
    ]
    known = [d for d in attested if d is not None]
    return min(known, key=lambda d: d.first_day) if known else None


def _attested_from(document: str, evidence: EvidenceDates) -> PartialDate | None:
    """The first day of the meeting the source document reports on (or its publication): an end
    reported without a date had happened by then."""
    days = evidence.of_document(document)
    return PartialDate.parse(min(days)[0]) if days else None


def _day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)
