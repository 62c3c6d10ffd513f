"""Time told by the evidence: when the sources attest a statement, and what holds on a day.

Two steps, one module, so that every query, export, analysis and the explorer read the same
answer:

1. ``EvidenceDates`` (records -> dates): the earliest and latest day at which a source attests a
   reporting line, a responsibility or a role, from the meetings its citing document reports
   on, the meetings it names (``evidenced_at``) and the dates it gives (``evidenced_on``).
2. ``derive_time`` (the built triples -> more triples): per line, responsibility and role the
   interval it holds (``wco:holdsFrom``/``wco:holdsUntil``), its last evidence and the caveats a
   reader needs; the shortcut ``wco:reportsTo`` for the lines that hold with no end, and, for
   chains of any depth, ``wco:ReportingPeriod`` nodes: body B reports up to A, at depth N, from
   D1 until D2 (the transitive closure of the lines, as it changes over time); ``wco:reportsUpTo``
   is the closure of today's lines.

The rule (README, "What holds on a day"): a statement holds from the start a source states,
else from its earliest evidence (never before); until the end a source states, or the end of
either body (``wco:endedOn``, or the day before ``wco:endedNoLaterThan`` for an undated end);
after its last evidence it is presumed to go on, and says so when a later source speaks of
either body without repeating it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from wcograph.namespaces import entity, term, wco

if TYPE_CHECKING:  # the views read the derived intervals without loading the YAML schema
    from wcograph.records.model import Curated, PartialDate, SourceRef

XSD_DATE = term("xsd", "date")
XSD_INTEGER = term("xsd", "integer")
XSD_BOOLEAN = term("xsd", "boolean")
RDF_TYPE = term("rdf", "type")
LABEL = term("rdfs", "label")


DERIVED_PREDICATES = frozenset(
    wco(name).value
    for name in (
        "holdsFrom",
        "holdsUntil",
        "endUndated",
        "lastEvidenced",
        "unconfirmedSince",
        "expectedEndOn",
        "reportsTo",
        "reportsUpTo",
        "holdsDuring",
    )
)
DERIVED_NODES = ("line-state/", "reporting-period/", "interval/", "day/")


def is_derived(quad: Quad) -> bool:
    """Whether ``derive_time`` wrote the triple: it depends on all the data (a later meeting of a
    body is new evidence), so it is not part of any one record's statements."""
    subject = str(quad.subject.value).removeprefix(entity("").value)  # type: ignore[union-attr]
    return quad.predicate.value in DERIVED_PREDICATES or subject.startswith(DERIVED_NODES)


def holds_on(day: str, start: str | None, end: str | None) -> bool:
    """Whether an interval (ISO dates, either end open when None) contains the day: how every
    reader of the derived intervals (the networkx view, its exports) tests a day."""
    return (start is None or start <= day) and (end is None or day <= end)


def last_day(ended_on: date | None, ended_no_later_than: date | None) -> tuple[date, bool] | None:
    """A body's last day and whether it stands for an undated end: ``wco:endedOn``, else the day
    before ``wco:endedNoLaterThan`` (it had ended by then); None for a body with no end."""
    if ended_on is not None:
        return ended_on, False
    if ended_no_later_than is not None:
        return ended_no_later_than - timedelta(days=1), True
    return None


def _day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)


# --- 1. evidence dates of curated statements --------------------------------------------------


class EvidenceDates:
    """The days at which the curated sources attest a statement."""

    def __init__(self, curated: Curated) -> None:
        self._meetings: dict[str, tuple[date, date]] = {}
        for file in curated.meeting_files:
            for meeting in file.meetings:
                if meeting.start and meeting.status == "held":
                    end = meeting.end or meeting.start
                    self._meetings[meeting.id] = (meeting.start.first_day, end.last_day)
        self._documents = {doc.id: doc for doc in curated.sources}

    def meeting(self, meeting_id: str) -> tuple[date, date] | None:
        return self._meetings.get(meeting_id)

    def of_document(self, doc: str) -> list[tuple[date, date]]:
        """A document attests what it says on the days of the meetings it reports on; a document
        reporting on none, on the day it was published; a web page with no date, on the day a
        curator read it (a body's terms of reference page says what holds when it is read)."""
        document = self._documents[doc]
        days = [self._meetings[m] for m in document.describes if m in self._meetings]
        dated = document.published or document.retrieved
        if not days and dated:
            days = [(dated.first_day, dated.last_day)]
        return days

    def window(
        self, source: SourceRef, at: Iterable[str] = (), on: Iterable[PartialDate] = ()
    ) -> tuple[date, date] | None:
        """(earliest, latest) evidence: a meeting counts from its first day, a date given to the
        month or year from its first day (the passage says "in April 2023", not when in it)."""
        days = list(self.of_document(source.doc))
        days += [d for d in (self.meeting(m) for m in at) if d]
        days += [(d.first_day, d.first_day) for d in on]
        if not days:
            return None
        return min(first for first, _ in days), max(first for first, _ in days)


# --- 2. derived validity ----------------------------------------------------------------------


@dataclass
class _Statement:
    node: NamedNode
    holder: NamedNode
    """The body (a line's or responsibility's body; a role's organisation)."""
    other: NamedNode | None
    """The superior of a reporting line; None otherwise."""
    stated_from: date | None = None
    stated_until: date | None = None
    earliest: date | None = None
    latest: date | None = None


@dataclass
class _Index:
    objects: dict[tuple[str, str], list[Literal | NamedNode]] = field(
        default_factory=lambda: defaultdict(list)
    )
    subjects: dict[tuple[str, str], list[NamedNode]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def one(self, node: NamedNode, name: str) -> Literal | NamedNode | None:
        values = self.objects.get((node.value, name))
        return values[0] if values else None

    def day(self, node: NamedNode, name: str) -> date | None:
        value = self.one(node, name)
        return date.fromisoformat(value.value) if value is not None else None


def _index(quads: Iterable[Quad]) -> _Index:
    index = _Index()
    for quad in quads:
        predicate = quad.predicate.value
        subject = quad.subject.value  # type: ignore[union-attr]
        index.objects[(subject, predicate)].append(quad.object)  # type: ignore[arg-type]
        if isinstance(quad.object, NamedNode) and predicate == wco("reportingLine").value:
            index.subjects[(quad.object.value, predicate)].append(quad.subject)  # type: ignore[arg-type]
    return index


def derive_time(quads: list[Quad]) -> list[Quad]:
    """The triples that say what holds when (see the module's docstring)."""
    index = _index(quads)
    typed = defaultdict(list)
    for quad in quads:
        if quad.predicate == RDF_TYPE and isinstance(quad.subject, NamedNode):
            typed[quad.object.value].append(quad.subject)  # type: ignore[union-attr]
    lines = [
        _statement(index, line, holder, index.one(line, wco("superior").value))
        for line in typed[wco("ReportingLine").value]
        for holder in index.subjects[(line.value, wco("reportingLine").value)]
    ]
    responsibilities = [
        _statement(index, node, index.one(node, wco("responsibleBody").value), None)
        for node in typed[wco("Responsibility").value]
    ]
    roles = [
        _statement(index, node, index.one(node, term("org", "organization").value), None)
        for node in typed[wco("RoleAssignment").value]
    ]
    out: list[Quad] = []
    evidence_days = _evidence_days_per_body(index, typed, lines)
    last_of_pair: dict[tuple[str, str], date] = {}
    for line in lines:
        if line.latest and line.other is not None:
            key = (line.holder.value, line.other.value)
            last_of_pair[key] = max(line.latest, last_of_pair.get(key, line.latest))
    intervals: list[tuple[str, str, date, date | None]] = []
    for line in lines:
        assert line.other is not None
        start, until, undated = _interval(index, line, (line.holder, line.other))
        out += _interval_quads(line.node, start, until, undated)
        last = last_of_pair.get((line.holder.value, line.other.value))
        if start is None or last is None:
            continue
        unconfirmed = _unconfirmed_since(line, last, until, evidence_days)
        expected = _expected_end(index, line) if until is None else None
        out.append(Quad(line.node, wco("lastEvidenced"), _day(last)))
        if unconfirmed is not None:
            out.append(Quad(line.node, wco("unconfirmedSince"), _day(unconfirmed)))
        if expected is not None:
            out.append(Quad(line.node, wco("expectedEndOn"), _day(expected[0])))
        out += _line_states(
            line,
            _LineTime(start, until, undated, line.earliest or start, last, unconfirmed, expected),
        )
        if until is None or start <= until:
            intervals.append((line.holder.value, line.other.value, start, until))
        if until is None:
            out.append(Quad(line.holder, wco("reportsTo"), line.other))
    for statement in (*responsibilities, *roles):
        bodies = (statement.holder,) if statement.holder is not None else ()
        start, until, undated = _interval(index, statement, bodies)
        out += _interval_quads(statement.node, start, until, undated)
    out += _reporting_periods(intervals)
    return _unique(out)


def _statement(index: _Index, node: NamedNode, holder: object, other: object) -> _Statement:
    return _Statement(
        node=node,
        holder=holder,  # type: ignore[arg-type]
        other=other,  # type: ignore[arg-type]
        stated_from=index.day(node, wco("validFrom").value),
        stated_until=index.day(node, wco("validUntil").value),
        earliest=index.day(node, wco("earliestEvidence").value),
        latest=index.day(node, wco("latestEvidence").value),
    )


def _interval(
    index: _Index, statement: _Statement, bodies: Iterable[NamedNode]
) -> tuple[date | None, date | None, bool]:
    """(first day, last day or None, whether the last day stands for an undated end)."""
    start = statement.stated_from or statement.earliest
    for body in bodies:
        established = index.day(body, wco("establishedOn").value)
        if start is not None and established is not None and established > start:
            start = established
    ends: list[tuple[date, bool]] = []
    if statement.stated_until:
        ends.append((statement.stated_until, False))
    for body in bodies:
        end = last_day(
            index.day(body, wco("endedOn").value), index.day(body, wco("endedNoLaterThan").value)
        )
        if end is not None:
            ends.append(end)
    if not ends:
        return start, None, False
    until, undated = min(ends)
    return start, until, undated


def _interval_quads(
    node: NamedNode, start: date | None, until: date | None, undated: bool = False
) -> list[Quad]:
    """The interval a node holds, twice over: ``wco:holdsFrom``/``wco:holdsUntil`` (dates, what
    the queries test) and, in OWL-Time, ``wco:holdsDuring`` an interval whose beginning and end
    are day instants (``time:inXSDDate``), shared by every node that holds over the same days."""
    quads = []
    if start is not None:
        quads.append(Quad(node, wco("holdsFrom"), _day(start)))
    if until is not None:
        quads.append(Quad(node, wco("holdsUntil"), _day(until)))
        if undated:
            quads.append(Quad(node, wco("endUndated"), Literal("true", datatype=XSD_BOOLEAN)))
    if start is not None and (until is None or start <= until):
        quads += _owl_time_interval(node, start, until)
    return quads


def _owl_time_interval(node: NamedNode, start: date, until: date | None) -> list[Quad]:
    """A day-granular OWL-Time interval: the first day it holds is its beginning, the last day
    its end; no end while it holds (``time:hasEnd`` left out, as OWL-Time allows)."""
    last = until.isoformat() if until else None
    interval = entity(f"interval/{start.isoformat()}/{last or 'open'}")
    label = f"{start.isoformat()} to {last}" if last else f"from {start.isoformat()}, no end known"
    quads = [
        Quad(node, wco("holdsDuring"), interval),
        Quad(interval, RDF_TYPE, term("time", "Interval")),
        Quad(interval, LABEL, Literal(label, language="en")),
        *_instant(interval, "hasBeginning", start),
    ]
    if until is not None:
        quads += _instant(interval, "hasEnd", until)
    return quads


def _instant(interval: NamedNode, bound: str, day: date) -> list[Quad]:
    """The day as a ``time:Instant``, linked as the interval's ``bound`` (hasBeginning, hasEnd)."""
    instant = entity(f"day/{day.isoformat()}")
    return [
        Quad(interval, term("time", bound), instant),
        Quad(instant, RDF_TYPE, term("time", "Instant")),
        Quad(instant, LABEL, Literal(day.isoformat(), language="en")),
        Quad(instant, term("time", "inXSDDate"), _day(day)),
    ]


def _evidence_days_per_body(
    index: _Index, typed: dict[str, list[NamedNode]], lines: list[_Statement]
) -> dict[str, set[date]]:
    """Every day a source attests something about a body: its held meetings, and the evidence
    of every reporting line from or to it."""
    days: dict[str, set[date]] = defaultdict(set)
    held = entity("meeting-status/held")
    for meeting in typed[wco("Meeting").value]:
        body = index.one(meeting, wco("meetingOf").value)
        status = index.one(meeting, wco("meetingStatus").value)
        start = index.day(meeting, wco("startDate").value)
        if body is not None and start is not None and status in (None, held):
            days[body.value].add(start)
    for line in lines:
        for end in (line.holder, line.other):
            if end is not None:
                days[end.value].update(d for d in (line.earliest, line.latest) if d)
    return days


def _unconfirmed_since(
    line: _Statement, last: date, until: date | None, evidence_days: dict[str, set[date]]
) -> date | None:
    """The first day after the line's last evidence on which a source speaks of the body or its
    superior without repeating the line."""
    assert line.other is not None
    later = [
        d
        for body in (line.holder, line.other)
        for d in evidence_days.get(body.value, ())
        if d > last and (until is None or d <= until)
    ]
    return min(later) if later else None


def _expected_end(index: _Index, line: _Statement) -> tuple[date, str] | None:
    """The earliest day either body was "due to end" (wco:expectedEnd): an expected end is not
    an end, so the line is not cut there, but its answers say so after that day."""
    expected = [
        (day, _slug(body.value))
        for body in (line.holder, line.other)
        if body is not None and (day := index.day(body, wco("expectedEnd").value)) is not None
    ]
    return min(expected) if expected else None


@dataclass(frozen=True)
class _LineTime:
    start: date
    until: date | None
    undated: bool
    earliest: date
    last: date
    unconfirmed: date | None
    expected: tuple[date, str] | None

    def breaks(self) -> list[date]:
        """The days on which the line's status or caveat changes, from its start."""
        days = {self.start, self.earliest, self.last + timedelta(days=1)}
        if self.unconfirmed:
            days.add(self.unconfirmed)
        if self.expected:
            days.add(self.expected[0] + timedelta(days=1))
        return sorted(
            d for d in days if d >= self.start and (self.until is None or d <= self.until)
        )

    def status(self, day: date) -> str:
        if day < self.earliest:
            return "stated"
        return "evidenced" if day <= self.last else "presumed"

    def caveat(self, day: date) -> str | None:
        texts = []
        if self.unconfirmed and day >= self.unconfirmed:
            texts.append(
                f"last evidenced {self.last.isoformat()}; sources from "
                f"{self.unconfirmed.isoformat()} on speak of these bodies"
                " without repeating the line"
            )
        if self.expected and day > self.expected[0]:
            texts.append(
                f"{self.expected[1]} was due to end by {self.expected[0].isoformat()}; "
                "no source reports that it did"
            )
        if self.undated and self.until is not None:
            ended_by = (self.until + timedelta(days=1)).isoformat()
            texts.append(f"ended by {ended_by} (the sources give no date)")
        return "; ".join(texts) or None


def _line_states(line: _Statement, time: _LineTime) -> list[Quad]:
    """``wco:LineState`` nodes: the line's status and caveat over each period in which neither
    changes, within the interval it holds. A query finds the state of its day with one interval
    test; the line's own interval is the union of its states."""
    breaks = time.breaks()
    spans: list[list] = []
    for position, first in enumerate(breaks):
        last = (
            breaks[position + 1] - timedelta(days=1) if position + 1 < len(breaks) else time.until
        )
        state = (time.status(first), time.caveat(first))
        if spans and spans[-1][2] == state:
            spans[-1][1] = last
        else:
            spans.append([first, last, state])
    quads: list[Quad] = []
    path = line.node.value.removeprefix(entity("").value)
    for first, last, (status, caveat) in spans:
        node = entity(f"line-state/{path.removeprefix('reporting-line/')}/{first.isoformat()}")
        quads += [
            Quad(node, RDF_TYPE, wco("LineState")),
            Quad(node, LABEL, Literal(f"{path} from {first.isoformat()}: {status}", language="en")),
            Quad(node, wco("stateOf"), line.node),
            Quad(node, wco("status"), Literal(status)),
            *_interval_quads(node, first, last),
        ]
        if caveat:
            quads.append(Quad(node, wco("caveat"), Literal(caveat)))
    return quads


def _reporting_periods(intervals: list[tuple[str, str, date, date | None]]) -> list[Quad]:
    """``wco:ReportingPeriod`` nodes: the transitive closure of the reporting lines between each
    pair of days on which a line starts or ends, merged into maximal periods per (body, body
    above, depth). Chains of any depth; one answer for every day."""
    bounds = sorted(
        {start for _, _, start, _ in intervals}
        | {until + timedelta(days=1) for *_, until in intervals if until is not None}
    )
    periods: dict[tuple[str, str, int], list[list[date | None]]] = defaultdict(list)
    for position, first in enumerate(bounds):
        last = bounds[position + 1] - timedelta(days=1) if position + 1 < len(bounds) else None
        above: dict[str, set[str]] = defaultdict(set)
        for body, superior, start, until in intervals:
            if start <= first and (until is None or first <= until):
                above[body].add(superior)
        for body in list(above):
            for ancestor, depth in _distances(body, above):
                spans = periods[(body, ancestor, depth)]
                if spans and spans[-1][1] is not None and spans[-1][1] + timedelta(days=1) == first:
                    spans[-1][1] = last
                else:
                    spans.append([first, last])
    quads: list[Quad] = []
    today: dict[str, set[str]] = defaultdict(set)
    for (body, ancestor, depth), spans in sorted(periods.items()):
        for period_start, period_end in spans:
            assert period_start is not None
            node = entity(
                f"reporting-period/{_slug(body)}/{_slug(ancestor)}/{depth}/{period_start.isoformat()}"
            )
            quads += [
                Quad(node, RDF_TYPE, wco("ReportingPeriod")),
                Quad(
                    node,
                    LABEL,
                    Literal(
                        f"{_slug(body)} reports up to {_slug(ancestor)} at depth {depth}"
                        f" from {period_start.isoformat()}",
                        language="en",
                    ),
                ),
                Quad(node, wco("lowerBody"), NamedNode(body)),
                Quad(node, wco("upperBody"), NamedNode(ancestor)),
                Quad(node, wco("depth"), Literal(str(depth), datatype=XSD_INTEGER)),
                *_interval_quads(node, period_start, period_end),
            ]
            if period_end is None:
                today[body].add(ancestor)
    for body, ancestors in sorted(today.items()):
        quads += [
            Quad(NamedNode(body), wco("reportsUpTo"), NamedNode(a))
            for a in sorted(ancestors)
            if a != body
        ]
    return quads


def _distances(body: str, above: dict[str, set[str]]) -> Iterator[tuple[str, int]]:
    """Every body above ``body`` with its shortest distance (breadth first; cycles stop)."""
    seen = {body}
    frontier = [body]
    depth = 0
    while frontier:
        depth += 1
        nxt: list[str] = []
        for node in frontier:
            for superior in sorted(above.get(node, ())):
                if superior not in seen:
                    seen.add(superior)
                    nxt.append(superior)
                    yield superior, depth
        frontier = nxt


def _slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _unique(quads: list[Quad]) -> list[Quad]:
    seen: set[Quad] = set()
    kept = []
    for quad in quads:
        if quad not in seen:
            seen.add(quad)
            kept.append(quad)
    return kept
