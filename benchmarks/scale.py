"""Scale the real curated graph N times, and break a copy of it on purpose.

The scaled graph is built the way the real one is: synthetic *records* (model.py) go through
``build.py``, so every synthetic node has exactly the shape of a real one. Each synthetic copy
``K`` (K = 1, 2, ...) repeats every real meetings file (data/meetings/*.yaml) as the report of
later sessions of the same bodies:

- its source document is a new summary report or news article (``<doc>-synK``) over the same
  seed text, so its paragraph and line counts are real and every cited paragraph exists;
- its meetings, agenda items, presentations, decisions and cited working documents get new ids
  (``<id>-synK``); meetings are held by the same real bodies ``K`` years later (at the real
  dates for a body that has ended, so that no body meets after its end), with session numbers
  moved on by ``K`` times the body's span of real session numbers; labels and document numbers
  say "synthetic copy K";
- decision types are drawn from the real scheme (ontology/decision-types.ttl) and concerns point
  at real instruments and bodies (a seeded share of them re-drawn among real entities of the same
  kind); presenters, chairs and forwarded-to bodies are the real ones;
- instrument stages and role assignments that the real data ties to a real meeting are repeated
  for the synthetic meeting (same body, same step, the synthetic meeting and decision).

The real bodies, organisations, people and instruments stay as they are, so the reporting tree
(wco:reportsTo and its closure wco:reportsUpTo) is the real one at every scale. Everything is
seeded: the same scale and seed give the same graph.

``inject_errors`` then adds a known set of errors to a scaled graph, for the validation
comparison (each one is a rule the shapes in shapes/ enforce).
"""

from __future__ import annotations

import calendar
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from wcograph.namespaces import ID, RDFS, WCO, XSD
from wcograph.records.load import LoadedData, Origin, known_decision_types
from wcograph.records.model import (
    Curated,
    Instrument,
    MeetingsFile,
    PartialDate,
    Person,
    SourceDocument,
    agenda_item_id,
    decision_id,
)
from wcograph.records.sources import sources_dir
from wcograph.triples.build import build_quads
from wcograph.triples.derive import ENDING_EVENTS
from wcograph.triples.store import vocabulary_quads
from wcograph.validate.citations import citation_texts

SEED = 7
"""The default seed (issue 7)."""

REDRAW_SHARE = 0.25
"""The share of synthetic decision types and concerns re-drawn at random (the rest are copied)."""

DECISION_ID = re.compile(r"^(?P<meeting>.+)-p(?P<para>\d+)-(?P<bullet>\d+)$")
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _wco(name: str) -> NamedNode:
    return NamedNode(WCO + name)


# --- scaling ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaledGraph:
    """A scaled graph: the ontology and decision types plus the built (real + synthetic) data."""

    scale: int
    copies: int
    seed: int
    quads: list[Quad]
    loaded: LoadedData

    @property
    def decisions(self) -> int:
        return sum(
            len(block.bullets)
            for file in self.loaded.curated.meeting_files
            for meeting in file.meetings
            for block in meeting.decisions
        )


def copies_for(scale: int, real_triples: int, triples_per_copy: int) -> int:
    """How many synthetic copies bring the graph to about ``scale`` times the real one's triples."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    return max(1, round((scale - 1) * real_triples / triples_per_copy)) if scale > 1 else 0


def scale_graph(loaded: LoadedData, scale: int, seed: int = SEED) -> ScaledGraph:
    """The real graph grown to about ``scale`` times its triples with synthetic copies."""
    vocabulary = vocabulary_quads()
    real = vocabulary + build_quads(loaded) + citation_counts(loaded)
    if scale == 1:
        return ScaledGraph(1, 0, seed, real, loaded)
    one_copy = build_quads(add_synthetic_copies(loaded, 1, seed))
    per_copy = len(one_copy) + len(vocabulary) - len(real)
    copies = copies_for(scale, len(real), per_copy)
    scaled = add_synthetic_copies(loaded, copies, seed)
    quads = vocabulary + build_quads(scaled) + citation_counts(scaled)
    return ScaledGraph(scale, copies, seed, quads, scaled)


def citation_counts(loaded: LoadedData) -> list[Quad]:
    """The source texts' paragraph and line counts, which the graph as `wcograph sources verify`
    validates it carries (the released graph does not): validation at scale includes the
    citation checks. Synthetic documents share their seed's text, so their counts are real."""
    return citation_texts(loaded.curated.sources, sources_dir()).count_quads()


def add_synthetic_copies(loaded: LoadedData, copies: int, seed: int = SEED) -> LoadedData:
    """The loaded records plus ``copies`` synthetic copies of every meetings file."""
    plan = _CopyPlan.of(loaded.curated, seed)
    curated = loaded.curated
    origins = dict(loaded.origins)
    sources = list(curated.sources)
    meeting_files = list(curated.meeting_files)
    stages: dict[str, list[Any]] = {}
    roles: dict[str, list[Any]] = {}
    for k in range(1, copies + 1):
        copy = _SyntheticCopy(plan, k)
        for document in plan.documents:
            sources.append(copy.document(document))
            origins[copy.rename(document.id)] = Origin(
                Path(f"data/synthetic/sources-syn{k}.yaml"), loaded.origins[document.id].line
            )
        for file in curated.meeting_files:
            synthetic = copy.meetings_file(file)
            meeting_files.append(synthetic)
            path = Path(f"data/synthetic/{file.document}-syn{k}.yaml")
            for real_id in plan.file_ids[file.document]:
                origins[copy.rename_any(real_id)] = Origin(path, loaded.origins[real_id].line)
        for instrument in curated.instruments:
            stages.setdefault(instrument.id, []).extend(copy.stages(instrument))
        for person in curated.people:
            roles.setdefault(person.id, []).extend(copy.roles(person))
    scaled = Curated(
        sources=sources,
        bodies=curated.bodies,
        organisations=curated.organisations,
        people=[_with_more(p, "roles", roles.get(p.id, [])) for p in curated.people],
        instruments=[_with_more(i, "stages", stages.get(i.id, [])) for i in curated.instruments],
        meeting_files=meeting_files,
        translations=curated.translations,
    )
    return LoadedData(scaled, loaded.data_dir, origins, loaded.decision_types)


def _with_more(record: Any, key: str, extra: list[Any]) -> Any:
    return record.model_copy(update={key: [*getattr(record, key), *extra]}) if extra else record


@dataclass(frozen=True)
class _CopyPlan:
    """What every copy repeats, read once from the real records."""

    seed: int
    documents: list[SourceDocument]
    cluster: frozenset[str]
    """Ids that get a new name in each copy: meeting documents, meetings, cited documents."""
    file_ids: dict[str, list[str]]
    """Every id a meetings file defines (meetings, agenda items, decisions, cited documents)."""
    session_span: dict[str | None, int]
    decision_types: list[str]
    ended: frozenset[str]
    """Bodies with an ending lifecycle event: their synthetic meetings keep the real dates, so no
    body meets after it ended (queries/checks/meeting-of-ended-body-violation.rq)."""
    kinds: dict[str, list[str]]
    kind_of: dict[str, str]

    @classmethod
    def of(cls, curated: Curated, seed: int) -> _CopyPlan:
        documents_with_meetings = {file.document for file in curated.meeting_files}
        documents = [doc for doc in curated.sources if doc.id in documents_with_meetings]
        meetings = [m for file in curated.meeting_files for m in file.meetings]
        cluster = (
            documents_with_meetings
            | {m.id for m in meetings}
            | {cited.id for file in curated.meeting_files for cited in file.documents}
        )
        sessions: dict[str | None, list[int]] = {}
        for meeting in meetings:
            sessions.setdefault(meeting.of, []).extend(meeting.sessions)
        kinds = {
            "body": sorted(b.id for b in curated.bodies),
            "instrument": sorted(i.id for i in curated.instruments),
        }
        return cls(
            seed=seed,
            documents=documents,
            cluster=frozenset(cluster),
            file_ids={file.document: list(_file_ids(file)) for file in curated.meeting_files},
            session_span={
                body: max(numbers) - min(numbers) + 1
                for body, numbers in sessions.items()
                if numbers
            },
            decision_types=sorted(known_decision_types()),
            ended=frozenset(
                b.id for b in curated.bodies if any(e.event in ENDING_EVENTS for e in b.lifecycle)
            ),
            kinds=kinds,
            kind_of={slug: kind for kind, slugs in kinds.items() for slug in slugs},
        )


def _file_ids(file: MeetingsFile) -> Iterator[str]:
    for meeting in file.meetings:
        yield meeting.id
        for item in meeting.agenda:
            yield agenda_item_id(meeting.id, item.number)
            for sub in item.subitems:
                yield agenda_item_id(meeting.id, f"{item.number}.{sub.number}")
        for block in meeting.decisions:
            for n, _ in enumerate(block.bullets, start=1):
                yield decision_id(meeting.id, block.para, n)
    for cited in file.documents:
        yield cited.id


@dataclass
class _SyntheticCopy:
    plan: _CopyPlan
    k: int
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.plan.seed}:{self.k}")

    # --- names, dates, numbers ----------------------------------------------------------------

    def rename(self, slug: str) -> str:
        return f"{slug}-syn{self.k}" if slug in self.plan.cluster else slug

    def rename_any(self, identifier: str) -> str:
        """A meeting, cited document, agenda item or decision id of the real data, renamed."""
        if identifier in self.plan.cluster:
            return self.rename(identifier)
        match = DECISION_ID.match(identifier)
        if match and match["meeting"] in self.plan.cluster:
            return decision_id(
                self.rename(match["meeting"]), int(match["para"]), int(match["bullet"])
            )
        for meeting in self.plan.cluster:
            if identifier.startswith(meeting + "-item-"):
                return self.rename(meeting) + identifier[len(meeting) :]
        raise ValueError(f"not an id of a meetings file: {identifier}")

    def shift(self, value: str | None, years: int | None = None) -> PartialDate | None:
        """A partial date (YYYY, YYYY-MM, YYYY-MM-DD) moved on by ``k`` years (or ``years``)."""
        if value is None:
            return None
        year = int(value[:4]) + (self.k if years is None else years)
        rest = value[4:]
        if rest == "-02-29" and not calendar.isleap(year):
            rest = "-02-28"
        return PartialDate.parse(f"{year:04d}{rest}")

    def label(self, text: str) -> str:
        return f"{text} (synthetic copy {self.k})"

    # --- records ------------------------------------------------------------------------------

    def document(self, document: SourceDocument) -> SourceDocument:
        return document.model_copy(
            update={
                "id": self.rename(document.id),
                "title": self.label(document.title),
                "number": f"{document.number}-S{self.k}" if document.number else None,
                "published": self.shift(document.published),
                "describes": [self.rename(m) for m in document.describes],
            }
        )

    def meetings_file(self, file: MeetingsFile) -> MeetingsFile:
        data = _renamed(file.model_dump(mode="json", by_alias=True), self.rename)
        for meeting in data["meetings"]:
            self._meeting(meeting)
        for cited in data["documents"]:
            cited["number"] = f"{cited['number']}-S{self.k}"
            if cited.get("title"):
                cited["title"] = self.label(cited["title"])
        return MeetingsFile.model_validate(data)

    def _meeting(self, meeting: dict[str, Any]) -> None:
        meeting["label"] = self.label(meeting["label"])
        meeting["alt_labels"] = [self.label(alt) for alt in meeting["alt_labels"]]
        span = self.plan.session_span.get(meeting.get("of"), 1)
        meeting["sessions"] = [n + self.k * span for n in meeting["sessions"]]
        years = 0 if meeting.get("of") in self.plan.ended else None
        meeting["start"] = self.shift(meeting["start"], years)
        meeting["end"] = self.shift(meeting["end"], years)
        for presentation in meeting["presentations"]:
            presentation["concerns"] = self._concerns(presentation["concerns"])
        for block in meeting["decisions"]:
            for bullet in block["bullets"]:
                if self.rng.random() < REDRAW_SHARE:
                    bullet["type"] = self.rng.choice(self.plan.decision_types)
                bullet["concerns"] = self._concerns(bullet["concerns"])
                bullet["follows"] = [self.rename_any(d) for d in bullet["follows"]]

    def _concerns(self, concerns: list[str]) -> list[str]:
        chosen: list[str] = []
        for slug in concerns:
            kind = self.plan.kind_of.get(slug)
            if kind and self.rng.random() < REDRAW_SHARE:
                slug = self.rng.choice(self.plan.kinds[kind])
            if slug not in chosen:
                chosen.append(slug)
        return chosen

    def stages(self, instrument: Instrument) -> list[Any]:
        """The instrument's stages taken at a real meeting, repeated at its synthetic copy."""
        return [
            stage.model_copy(
                update={
                    "at": self.rename(stage.at),
                    "decision": self.rename_any(stage.decision) if stage.decision else None,
                    "date": self.shift(stage.date),
                }
            )
            for stage in instrument.stages
            if stage.at in self.plan.cluster
        ]

    def roles(self, person: Person) -> list[Any]:
        """The person's roles attested at a real meeting, attested again at its synthetic copy."""
        return [
            role.model_copy(
                update={
                    "at": self.rename(role.at),
                    "from_": self.shift(role.from_),
                    "until": self.shift(role.until),
                }
            )
            for role in person.roles
            if role.at in self.plan.cluster
        ]


def _renamed(value: Any, rename: Any) -> Any:
    """Every string in a dumped record that is a renamed id, renamed."""
    if isinstance(value, dict):
        return {key: _renamed(item, rename) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, rename) for item in value]
    if isinstance(value, str):
        return rename(value)
    return value


# --- writing ----------------------------------------------------------------------------------


def write_ntriples(quads: Iterable[Quad], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        serialize((quad.triple for quad in quads), stream, format=RdfFormat.N_TRIPLES)


# --- injected errors --------------------------------------------------------------------------


@dataclass(frozen=True)
class InjectedError:
    """One error put into the graph on purpose, and the focus node a validator must report."""

    name: str
    focus: str
    rule: str
    """The shape (or constraint) of shapes/ that catches it."""


def inject_errors(quads: list[Quad], seed: int = SEED) -> tuple[list[Quad], list[InjectedError]]:
    """A copy of ``quads`` with one error of each kind below, on nodes chosen with ``seed``."""
    rng = random.Random(f"{seed}:errors")
    index = _Index(quads)
    removed: set[Quad] = set()
    added: list[Quad] = []
    errors: list[InjectedError] = []

    decision = rng.choice(index.instances("Decision"))
    removed.update(index.values(decision, _wco("decisionType")))
    errors.append(
        InjectedError("decision with no type", decision.value, "wcosh:Decision-decisionType")
    )

    meeting = rng.choice([m for m in index.instances("Meeting") if index.one(m, _wco("startDate"))])
    start = index.one(meeting, _wco("startDate"))
    assert start is not None
    removed.update(index.values(meeting, _wco("endDate")))
    added.append(Quad(meeting, _wco("endDate"), _date(_previous_day(start.object.value))))
    errors.append(
        InjectedError("meeting ends before it starts", meeting.value, "wcosh:Event-startDate")
    )

    top, bottom = index.reporting_edge(rng)
    added.append(Quad(top, _wco("reportsTo"), bottom))
    errors.append(InjectedError("reporting cycle", top.value, "wcosh:NoReportingCycle"))

    passage = rng.choice([p for p in index.instances("SourcePassage") if index.paragraph_count(p)])
    count = index.paragraph_count(passage)
    assert count is not None
    removed.update(index.values(passage, _wco("paragraph")))
    added.append(Quad(passage, _wco("paragraph"), _integer(count + 3)))
    errors.append(
        InjectedError("paragraph beyond the document", passage.value, "wcosh:ParagraphExists")
    )

    instrument = rng.choice(index.instances("Guidelines"))
    removed.update(index.values(instrument, NamedNode(RDFS + "label")))
    errors.append(InjectedError("missing label", instrument.value, "wcosh:Labelled-label"))

    presentation = rng.choice(index.instances("Presentation"))
    other_items = [
        i for i in index.instances("AgendaItem") if not _same_meeting(index, presentation, i)
    ]
    removed.update(index.values(presentation, _wco("underAgendaItem")))
    added.append(Quad(presentation, _wco("underAgendaItem"), rng.choice(other_items)))
    errors.append(
        InjectedError(
            "presentation under another meeting's agenda item",
            presentation.value,
            "wcosh:PresentationItemOnAgenda",
        )
    )

    broken = [quad for quad in quads if quad not in removed] + added
    return broken, errors


def _same_meeting(index: _Index, presentation: NamedNode, item: NamedNode) -> bool:
    meeting = index.one(presentation, _wco("presentedAt"))
    return meeting is not None and Quad(item, _wco("agendaItemOf"), meeting.object) in index.all  # type: ignore[arg-type]


class _Index:
    def __init__(self, quads: list[Quad]) -> None:
        self.all = set(quads)
        self.by_subject: dict[Any, list[Quad]] = {}
        self.types: dict[str, list[NamedNode]] = {}
        for quad in quads:
            self.by_subject.setdefault(quad.subject, []).append(quad)
            if quad.predicate == RDF_TYPE and quad.object.value.startswith(WCO):
                self.types.setdefault(quad.object.value[len(WCO) :], []).append(quad.subject)  # type: ignore[arg-type]
        self.quads = quads

    def instances(self, cls: str) -> list[NamedNode]:
        return sorted(self.types.get(cls, []), key=lambda node: node.value)

    def values(self, subject: NamedNode, predicate: NamedNode) -> list[Quad]:
        return [q for q in self.by_subject.get(subject, []) if q.predicate == predicate]

    def one(self, subject: NamedNode, predicate: NamedNode) -> Quad | None:
        found = self.values(subject, predicate)
        return found[0] if found else None

    def paragraph_count(self, passage: NamedNode) -> int | None:
        paragraph = self.one(passage, _wco("paragraph"))
        document = self.one(passage, _wco("inDocument"))
        if paragraph is None or document is None:
            return None
        count = self.one(document.object, _wco("paragraphCount"))  # type: ignore[arg-type]
        return int(count.object.value) if count else None

    def reporting_edge(self, rng: random.Random) -> tuple[NamedNode, NamedNode]:
        """A body at the top of a chain and one at least two steps below it (reportsUpTo)."""
        pairs = sorted(
            (q.object, q.subject)
            for q in self.quads
            if q.predicate == _wco("reportsUpTo")
            and Quad(q.subject, _wco("reportsTo"), q.object) not in self.all
        )
        if not pairs:
            raise ValueError("the graph has no reporting chain two steps long")
        top, bottom = rng.choice(pairs)
        return top, bottom  # type: ignore[return-value]


def _date(value: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + "date"))


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def _previous_day(iso: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def class_counts(quads: Iterable[Quad]) -> Counter[str]:
    """Instances per wco: class (asserted types only)."""
    return Counter(
        q.object.value[len(WCO) :]
        for q in set(quads)
        if q.predicate == RDF_TYPE
        and q.object.value.startswith(WCO)
        and q.subject.value.startswith(ID)
    )
