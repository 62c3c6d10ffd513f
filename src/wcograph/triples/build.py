"""Records -> triples. The only place that mints IRIs.

Relationships that need their own source or validity are qualified nodes (a reporting line, a
responsibility, a lifecycle event, a role, an instrument stage), in the manner of the W3C
Organization Ontology's org:Membership and PROV-O's qualified terms; the plain shortcut triples
wco:responsibleFor and wco:successor restate them so queries stay short. Dates that follow from
the records (a body's end, what holds when, wco:reportsTo for the lines valid now) are derived
after, in derive.py; the build reads no file (the decision types come with the loaded data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from pyoxigraph import Literal, NamedNode, Quad

from wcograph.errors import DataError, Problem
from wcograph.namespaces import DECISION_TYPE, ID, WCO, entity, term, wco
from wcograph.records.countries import Country, by_code, by_name
from wcograph.records.load import LoadedData
from wcograph.records.model import (
    AgendaItem,
    Attested,
    Body,
    Conflict,
    DecisionBlock,
    Entity,
    Instrument,
    LabelsFile,
    Meeting,
    MeetingsFile,
    Organisation,
    PartialDate,
    Person,
    Responsibility,
    SourceDocument,
    SourceRef,
    agenda_item_id,
    decision_id,
)
from wcograph.triples.derive import derived_quads
from wcograph.triples.timeline import EvidenceDates

RDF_TYPE = term("rdf", "type")
LABEL = term("rdfs", "label")
ALT_LABEL = term("skos", "altLabel")
PREF_LABEL = term("skos", "prefLabel")
DEFINITION = term("skos", "definition")
SOURCE = term("dcterms", "source")
XSD_DATE = term("xsd", "date")
XSD_INTEGER = term("xsd", "integer")
XSD_BOOLEAN = term("xsd", "boolean")

ORGANISATION_CLASS = {"WCO": "InternationalOrganisation"}
DOCUMENT_CLASS = {
    "summary-report": "SummaryReport",
    "news-article": "NewsArticle",
    "web-page": "WebPage",
    "external-publication": "ExternalPublication",
}


def member_country(organisation: Organisation) -> Country | None:
    """The ISO country of a Member (or of any organisation whose curated record names one)."""
    if organisation.country:
        return by_code(organisation.country)
    return by_name(organisation.label) if organisation.type == "Member" else None


def en(text: str) -> Literal:
    return Literal(text, language="en")


def text(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)


def slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


class GraphBuilder:
    """Accumulates the triples of one build."""

    def __init__(self, loaded: LoadedData) -> None:
        self.loaded = loaded
        self.quads: list[Quad] = []
        self._passages: set[str] = set()
        self.documents = {doc.id: doc for doc in loaded.curated.sources}
        self.evidence = EvidenceDates(loaded.curated)
        self.decision_types = loaded.decision_types
        curated = loaded.curated
        self.labels = {
            record.id: record.label
            for bucket in (curated.bodies, curated.organisations, curated.people)
            for record in bucket
        }

    # --- primitives ---------------------------------------------------------------------------

    def add(self, subject: NamedNode, predicate: str | NamedNode, obj: NamedNode | Literal) -> None:
        if isinstance(predicate, str):
            predicate = wco(predicate)
        self.quads.append(Quad(subject, predicate, obj))

    def add_all(
        self, subject: NamedNode, predicate: str | NamedNode, objects: Iterable[NamedNode | Literal]
    ) -> None:
        for obj in objects:
            self.add(subject, predicate, obj)

    def link(self, subject: NamedNode, predicate: str, slug: str | None) -> None:
        """A link to the entity ``slug`` names, when the record gives one."""
        if slug:
            self.add(subject, predicate, entity(slug))

    def typed(self, node: NamedNode, cls: str) -> None:
        self.add(node, RDF_TYPE, wco(cls))

    def curated_at(self, node: NamedNode, record_id: str) -> None:
        origin = self.loaded.origins.get(record_id)
        if origin:
            self.add(node, "curatedAt", text(str(origin)))

    def date_of(
        self, node: NamedNode, predicate: str, value: PartialDate | None, *, end: bool = False
    ) -> None:
        if value is None:
            return
        self.add(node, predicate, day(value.last_day if end else value.first_day))
        if value.precision != "day":
            # One precision per date property (wco:validUntilPrecision ...): a node may give one
            # date to the day and another only to the month.
            self.add(node, f"{predicate}Precision", text(value.precision))

    def evidence_of(self, node: NamedNode, *statements: Attested) -> None:
        """wco:earliestEvidence / wco:latestEvidence: the days the sources attest it."""
        windows = []
        for statement in statements:
            meeting = getattr(statement, "at", None)  # a role's meeting is evidence too
            at = [*statement.evidenced_at, *([meeting] if meeting else [])]
            window = self.evidence.window(statement.source, at, statement.evidenced_on)
            if window is not None:
                windows.append(window)
            self.add_all(node, "evidencedAt", (entity(m) for m in statement.evidenced_at))
            self.add_all(node, "evidenceDecision", (entity(d) for d in statement.decisions))
        if windows:
            self.add(node, "earliestEvidence", day(min(first for first, _ in windows)))
            self.add(node, "latestEvidence", day(max(last for _, last in windows)))

    def sourced(self, node: NamedNode, source: SourceRef, note: str | None = None) -> None:
        self.add(node, SOURCE, self.passage(source))
        if note:
            self.add(node, "note", text(note))

    def passage(self, source: SourceRef) -> NamedNode:
        locator = f"p{source.para}" if source.para is not None else f"l{source.lines}"
        node = entity(f"passage/{source.doc}/{locator}")
        if node.value not in self._passages:
            self._passages.add(node.value)
            document = self.documents[source.doc]
            self.typed(node, "SourcePassage")
            self.add(node, "inDocument", entity(source.doc))
            name = document.number or document.title
            if source.para is not None:
                self.add(node, "paragraph", integer(source.para))
                self.add(node, LABEL, en(f"{name}, paragraph {source.para}"))
            else:
                first, last = source.line_range  # type: ignore[misc]
                self.add(node, "lineStart", integer(first))
                self.add(node, "lineEnd", integer(last))
                self.add(node, LABEL, en(f"{name}, lines {source.lines}"))
        return node

    def concept(self, scheme: str, notation: str) -> NamedNode:
        """A concept of ontology/vocabularies.ttl, which declares it (label, definition, scheme)
        once for the whole graph; the model admits only its notations (wcograph.vocabulary)."""
        return entity(f"{scheme}/{notation}")

    # --- records ------------------------------------------------------------------------------

    def build(self) -> list[Quad]:
        curated = self.loaded.curated
        for document in curated.sources:
            self.source_document(document)
        for body in curated.bodies:
            self.body(body)
        for organisation in curated.organisations:
            self.organisation(organisation)
        for person in curated.people:
            self.person(person)
        for instrument in curated.instruments:
            self.instrument(instrument)
        for file in curated.meeting_files:
            self.meetings_file(file)
        for labels in curated.translations:
            self.translations(labels)
        return self.quads

    def translations(self, labels: LabelsFile) -> None:
        """Names in another language as skos:prefLabel / skos:altLabel with their language tag:
        rdfs:label stays the one English label every query reads."""
        for translation in labels.labels:
            node = entity(translation.id)
            self.add(node, PREF_LABEL, Literal(translation.label, language=labels.language))
            self.add_all(
                node,
                ALT_LABEL,
                (Literal(alt, language=labels.language) for alt in translation.alt_labels),
            )
            self.add(node, SOURCE, self.passage(translation.source))

    def source_document(self, document: SourceDocument) -> None:
        node = entity(document.id)
        self.typed(node, DOCUMENT_CLASS[document.kind])
        self.add(node, LABEL, en(document.title))
        self.add(node, term("dcterms", "title"), en(document.title))
        self.curated_at(node, document.id)
        if document.number:
            self.add(node, "documentNumber", text(document.number))
        if document.published:
            self.date_of(node, "date", document.published)
        if document.publisher:
            self.add(node, term("dcterms", "publisher"), text(document.publisher))
        if document.url:
            self.add(node, term("foaf", "page"), NamedNode(document.url))
        if document.language:
            self.add(node, term("dcterms", "language"), text(document.language))
        if document.retrieved:
            self.add(node, "retrievedOn", day(document.retrieved.first_day))
        if document.file:
            self.add(node, "sourceFile", text(document.file))
        # Only the seed texts beside the checkout are "internal": anything read on the web is
        # cited by its address and cannot be checked against a local text.
        self.add(
            node,
            "isExternalSource",
            Literal(str(document.file is None).lower(), datatype=XSD_BOOLEAN),
        )
        self.add_all(node, "describes", (entity(m) for m in document.describes))
        # No paragraph or line counts here: they come from the texts, which the build does not
        # need; `wcograph sources verify` adds them while it checks the citations (citations.py).

    def entity_common(self, record: Entity, cls: str) -> NamedNode:
        node = entity(record.id)
        self.typed(node, cls)
        self.add(node, LABEL, en(record.label))
        self.add_all(node, ALT_LABEL, (en(alt) for alt in record.alt_labels))
        if record.definition:
            self.add(node, DEFINITION, en(record.definition))
        self.sourced(node, record.source, record.note)
        for extra in record.also_sourced:
            self.add(node, SOURCE, self.passage(extra))
        self.curated_at(node, record.id)
        self.conflicts(node, record.id, record.conflicts)
        return node

    def conflicts(self, about: NamedNode, owner: str, conflicts: list[Conflict]) -> None:
        """Sources that disagree, side by side: a wco:Conflict with one wco:Claim per source."""
        for index, conflict in enumerate(conflicts, start=1):
            node = entity(f"conflict/{owner}/{index}")
            self.typed(node, "Conflict")
            self.add(node, LABEL, en(conflict.about))
            self.add(node, "conflictAbout", about)
            self.add(
                node,
                "conflictStatus",
                self.concept("conflict-status", conflict.status),
            )
            if conflict.resolution:
                self.add(node, "resolution", en(conflict.resolution))
            for number, claim in enumerate(conflict.claims, start=1):
                claim_node = entity(f"conflict/{owner}/{index}/{number}")
                self.typed(claim_node, "Claim")
                self.add(node, "claim", claim_node)
                self.add(claim_node, LABEL, en(claim.says))
                if claim.value:
                    self.add(claim_node, "claimedValue", text(claim.value))
                self.sourced(claim_node, claim.source, claim.note)

    def body(self, body: Body) -> None:
        node = self.entity_common(body, body.type)
        if body.part_of:
            kind = "unitOf" if self._is_organisation(body.part_of) else "subOrganizationOf"
            self.add(node, term("org", kind), entity(body.part_of))
        for index, line in enumerate(body.reports_to, start=1):
            line_node = entity(f"reporting-line/{body.id}/{index}")
            self.typed(line_node, "ReportingLine")
            self.add(node, "reportingLine", line_node)
            self.add(line_node, "superior", entity(line.body))
            self.add(line_node, LABEL, en(f"{body.id} reports to {line.body}"))
            self.add(line_node, "evidence", text(line.evidence))
            self.date_of(line_node, "validFrom", line.from_)
            self.date_of(line_node, "validUntil", line.until, end=True)
            self.evidence_of(line_node, line)
            self.sourced(line_node, line.source, line.note)
        for index, event in enumerate(body.lifecycle, start=1):
            event_node = entity(f"lifecycle-event/{body.id}/{index}")
            self.typed(event_node, "LifecycleEvent")
            self.add(node, "lifecycleEvent", event_node)
            self.add(event_node, LABEL, en(f"{body.label}: {event.event}"))
            self.add(
                event_node,
                "eventKind",
                self.concept("lifecycle-event", event.event),
            )
            self.add(event_node, term("org", "originalOrganization"), node)
            self.add_all(
                event_node,
                term("org", "resultingOrganization"),
                (entity(s) for s in event.successors),
            )
            self.add_all(node, "successor", (entity(s) for s in event.successors))
            self.date_of(event_node, "date", event.date)
            self.add(event_node, "modality", self.modality(event.modality))
            self.link(event_node, "eventBy", event.by)
            self.link(event_node, "eventDecision", event.decision)
            if event.purpose:
                self.add(event_node, "purpose", en(event.purpose))
            self.sourced(event_node, event.source, event.note)
        # Its dates (established, ended, expected to end) are derived: derive.py.

    def modality(self, value: str) -> NamedNode:
        return self.concept("modality", value)

    def _is_organisation(self, slug: str) -> bool:
        return any(o.id == slug for o in self.loaded.curated.organisations)

    def organisation(self, organisation: Organisation) -> None:
        node = self.entity_common(
            organisation, ORGANISATION_CLASS.get(organisation.type, organisation.type)
        )
        if organisation.part_of:
            self.add(node, term("org", "subOrganizationOf"), entity(organisation.part_of))
        country = member_country(organisation)
        if country is not None:
            self.add(node, "country", NamedNode(country.iri))
            self.add(node, "countryCode", text(country.alpha_2))
            self.add(node, "countryCodeAlpha3", text(country.alpha_3))

    def person(self, person: Person) -> None:
        node = self.entity_common(person, "Person")
        if person.member_of:
            self.add(node, term("org", "memberOf"), entity(person.member_of))
        for index, role in enumerate(person.roles, start=1):
            role_node = entity(f"role-assignment/{person.id}/{index}")
            self.typed(role_node, "RoleAssignment")
            self.add(role_node, term("org", "member"), node)
            self.add(role_node, term("org", "organization"), entity(role.of))
            role_concept = entity(f"role/{slugify(role.role)}")
            self.add(role_concept, RDF_TYPE, wco("Role"))
            self.add(role_concept, LABEL, en(role.role))
            self.add(role_node, term("org", "role"), role_concept)
            self.add(role_node, "roleName", text(role.role))
            if role.how:
                self.add(role_node, "cameBy", self.concept("appointment", role.how))
            self.add(role_node, LABEL, en(f"{person.label}, {role.role}"))
            self.date_of(role_node, "validFrom", role.from_)
            self.date_of(role_node, "validUntil", role.until, end=True)
            self.evidence_of(role_node, role)
            if role.at:
                self.add(role_node, "attestedAt", entity(role.at))
            self.sourced(role_node, role.source, role.note)

    def instrument(self, instrument: Instrument) -> None:
        node = self.entity_common(instrument, instrument.type)
        if instrument.part_of:
            self.add(node, term("dcterms", "isPartOf"), entity(instrument.part_of))
        self.instrument_relations(node, instrument)
        # One qualified node per responsible body, however many passages attest it: its
        # evidence spans them all.
        by_body: dict[str, list[Responsibility]] = {}
        for responsibility in instrument.responsible:
            by_body.setdefault(responsibility.body, []).append(responsibility)
        for body, entries in by_body.items():
            qualified = entity(f"responsibility/{instrument.id}/{body}")
            self.typed(qualified, "Responsibility")
            self.add(qualified, LABEL, en(f"{body} responsible for {instrument.id}"))
            self.add(node, "qualifiedResponsibility", qualified)
            self.add(qualified, "responsibleBody", entity(body))
            self.add(entity(body), "responsibleFor", node)
            for responsibility in entries:
                self.date_of(qualified, "validFrom", responsibility.from_)
                self.date_of(qualified, "validUntil", responsibility.until, end=True)
                self.sourced(qualified, responsibility.source, responsibility.note)
            self.evidence_of(qualified, *entries)
        for index, stage in enumerate(instrument.stages, start=1):
            stage_node = entity(f"stage/{instrument.id}/{index}")
            self.typed(stage_node, "InstrumentStage")
            self.add(stage_node, "stageOf", node)
            self.add(stage_node, LABEL, en(f"{instrument.label}: {stage.stage} by {stage.by}"))
            self.add(
                stage_node,
                "stageKind",
                self.concept("stage-kind", stage.stage),
            )
            self.add(stage_node, "stageBy", entity(stage.by))
            self.add(stage_node, "order", integer(index))
            if stage.at:
                self.add(stage_node, "stageAt", entity(stage.at))
            if stage.decision:
                self.add(stage_node, "stageDecision", entity(stage.decision))
            self.add_all(stage_node, "sentTo", (entity(b) for b in stage.to))
            self.date_of(stage_node, "date", stage.date)
            self.add(stage_node, "modality", self.modality(stage.modality))
            self.sourced(stage_node, stage.source, stage.note)
        for index, task in enumerate(instrument.tasks, start=1):
            task_node = entity(task.id)
            self.typed(task_node, "WorkProgrammeTask")
            self.add(node, "task", task_node)
            self.add(task_node, LABEL, en(task.label))
            self.add(task_node, "topic", text(task.topic))
            self.add(task_node, "order", integer(index))
            if task.task_type:
                self.add(task_node, "taskType", text(task.task_type))
            self.add_all(task_node, "assignedTo", (entity(b) for b in task.responsible))
            if task.timeline:
                self.add(task_node, "timeline", text(task.timeline))
            if task.progress:
                self.add(task_node, "progress", text(task.progress))
            self.add_all(task_node, "concerns", (entity(c) for c in task.concerns))
            self.sourced(task_node, task.source, task.note)
            self.curated_at(task_node, task.id)

    def instrument_relations(self, node: NamedNode, instrument: Instrument) -> None:
        """Numbered parts, editions, what it is based on or replaces, parties and signature."""
        if instrument.number:
            self.add(node, "partNumber", text(instrument.number))
        self.link(node, "editionOf", instrument.edition_of)
        self.add_all(node, "basedOn", (entity(i) for i in instrument.based_on))
        self.add_all(node, term("dcterms", "replaces"), (entity(i) for i in instrument.replaces))
        self.add_all(node, "party", (entity(p) for p in instrument.parties))
        self.add_all(node, "fundedBy", (entity(f) for f in instrument.funded_by))
        self.date_of(node, "signedOn", instrument.signed)
        self.date_of(node, "expectedSigning", instrument.signing_expected)

    def meeting_facts(self, meeting: Meeting, node: NamedNode) -> None:
        """Offers, attendance, observers, funding and planned next steps of a meeting."""
        self.add_all(node, "observer", (entity(o) for o in meeting.observers))
        self.add_all(node, "fundedBy", (entity(f) for f in meeting.funded_by))
        for index, offer in enumerate(meeting.offers, start=1):
            offer_node = entity(f"offer/{meeting.id}/{index}")
            self.typed(offer_node, "Offer")
            self.add(offer_node, "offeredAt", node)
            self.add(offer_node, "offeredBy", entity(offer.by))
            self.add(offer_node, "offerKind", self.concept("offer-kind", offer.offer))
            self.add_all(offer_node, "concerns", (entity(c) for c in offer.concerns))
            by = self.labels.get(offer.by, offer.by)
            self.add(offer_node, LABEL, en(f"{by} offered to {offer.offer}"))
            self.sourced(offer_node, offer.source, offer.note)
        for index, attendance in enumerate(meeting.attendance, start=1):
            count_node = entity(f"attendance/{meeting.id}/{index}")
            self.typed(count_node, "Attendance")
            self.add(count_node, "attendanceOf", node)
            self.add(count_node, "count", integer(attendance.count))
            self.add(count_node, "attendanceMode", text(attendance.mode))
            self.add(count_node, "attendees", text(attendance.who))
            self.add(
                count_node, LABEL, en(f"{attendance.count} {attendance.who} ({attendance.mode})")
            )
            self.sourced(count_node, attendance.source, attendance.note)
        for index, step in enumerate(meeting.next_steps, start=1):
            step_node = entity(f"next-step/{meeting.id}/{index}")
            self.typed(step_node, "PlannedStep")
            self.add(step_node, "plannedAt", node)
            self.add(step_node, "stepAction", text(step.action))
            self.add(step_node, LABEL, en(step.text))
            self.add_all(step_node, "concerns", (entity(w) for w in step.what))
            self.link(step_node, "stepBy", step.by)
            self.link(step_node, "stepTo", step.to)
            self.link(step_node, "dueAt", step.at)
            self.date_of(step_node, "dueBy", step.due, end=True)
            self.sourced(step_node, step.source, step.note)

    def meetings_file(self, file: MeetingsFile) -> None:
        for meeting in file.meetings:
            self.meeting(meeting, file.document)
        for cited in file.documents:
            node = entity(cited.id)
            self.typed(node, "WorkingDocument")
            self.add(node, "documentNumber", text(cited.number))
            label = f"{cited.number}: {cited.title}" if cited.title else cited.number
            self.add(node, LABEL, en(label))
            self.sourced(node, cited.source, cited.note)
            self.curated_at(node, cited.id)

    def meeting(self, meeting: Meeting, document: str) -> None:
        """A meeting of the meetings file of ``document`` (the source its decisions cite)."""
        node = entity(meeting.id)
        self.typed(node, meeting.kind)
        self.add(node, LABEL, en(meeting.label))
        self.add_all(node, ALT_LABEL, (en(alt) for alt in meeting.alt_labels))
        self.sourced(node, meeting.source, meeting.note)
        self.curated_at(node, meeting.id)
        self.conflicts(node, meeting.id, meeting.conflicts)
        if meeting.of:
            self.add(node, "meetingOf", entity(meeting.of))
        self.add_all(node, "organiser", (entity(o) for o in meeting.organisers))
        self.add_all(node, "sessionNumber", (integer(n) for n in meeting.sessions))
        self.date_of(node, "startDate", meeting.start)
        self.date_of(node, "endDate", meeting.end or meeting.start, end=True)
        if meeting.place:
            self.add(node, "place", text(meeting.place))
        if meeting.format:
            self.add(node, "format", text(meeting.format))
        self.add(node, "meetingStatus", self.concept("meeting-status", meeting.status))
        self.add(node, "statusSource", self.passage(meeting.status_source or meeting.source))
        self.meeting_facts(meeting, node)
        if meeting.chair:
            self.add(node, "chair", entity(meeting.chair))
        self.add_all(node, "viceChair", (entity(v) for v in meeting.vice_chairs))
        order = 0
        for item in meeting.agenda:
            order += 1
            self.agenda_item(meeting, node, item, item.number, None, order)
            for sub in item.subitems:
                order += 1
                self.agenda_item(
                    meeting, node, sub, f"{item.number}.{sub.number}", item.number, order
                )
        for index, presentation in enumerate(meeting.presentations, start=1):
            p_node = entity(f"{meeting.id}-presentation-{index}")
            self.typed(p_node, "Presentation")
            self.add(p_node, "presentedAt", node)
            self.add(p_node, "presenter", entity(presentation.presenter))
            self.add(
                p_node, "underAgendaItem", entity(agenda_item_id(meeting.id, presentation.item))
            )
            label = (
                f"Presentation by {self.labels.get(presentation.presenter, presentation.presenter)}"
            )
            self.add(
                p_node, LABEL, en(f"{label}: {presentation.title}" if presentation.title else label)
            )
            self.add(p_node, "order", integer(index))
            self.add_all(p_node, "concerns", (entity(c) for c in presentation.concerns))
            self.sourced(p_node, presentation.source, presentation.note)
        for block in meeting.decisions:
            self.decision_block(meeting, node, block, document)

    def agenda_item(
        self,
        meeting: Meeting,
        meeting_node: NamedNode,
        item: AgendaItem,
        number: str,
        parent: str | None,
        order: int,
    ) -> None:
        item_id = agenda_item_id(meeting.id, number)
        node = entity(item_id)
        self.typed(node, "AgendaItem")
        self.add(node, "agendaItemOf", meeting_node)
        self.add(node, "itemNumber", text(number))
        self.add(node, LABEL, en(f"{number} {item.title}"))
        self.add(node, "order", integer(order))
        if parent:
            self.add(node, "subItemOf", entity(agenda_item_id(meeting.id, parent)))
        if item.action:
            self.add(node, "action", text(item.action))
        if item.paragraphs:
            first, _, last = item.paragraphs.partition("-")
            self.add(node, "firstParagraph", integer(int(first)))
            self.add(node, "lastParagraph", integer(int(last or first)))
        if item.reports_on:
            self.add(node, "reportsOn", entity(item.reports_on))
        self.add_all(node, "concerns", (entity(c) for c in item.concerns))
        self.add_all(node, term("dcterms", "references"), (entity(d) for d in item.documents))
        self.sourced(node, item.source)
        self.curated_at(node, item_id)

    def decision_block(
        self, meeting: Meeting, meeting_node: NamedNode, block: DecisionBlock, document: str
    ) -> None:
        passage = self.passage(SourceRef(doc=document, para=block.para))
        for n, bullet in enumerate(block.bullets, start=1):
            identifier = decision_id(meeting.id, block.para, n)
            node = entity(identifier)
            if bullet.type not in self.decision_types:
                origin = self.loaded.origins[identifier]
                raise DataError(
                    Problem(
                        f"unknown decision type {bullet.type!r} in {identifier}",
                        self.loaded.data_dir.parent / origin.file,
                        origin.line,
                        "known (ontology/decision-types.ttl): "
                        + ", ".join(sorted(self.decision_types)),
                    )
                )
            self.typed(node, "Decision")
            self.add(node, "madeAt", meeting_node)
            self.add(node, "decisionType", NamedNode(DECISION_TYPE + bullet.type))
            self.add(node, "text", text(bullet.text))
            self.add(node, LABEL, en(_short(bullet.text)))
            self.add(node, "paragraph", integer(block.para))
            self.add(node, "bulletNumber", integer(n))
            item = bullet.item or block.item
            if item:
                self.add(node, "underAgendaItem", entity(agenda_item_id(meeting.id, item)))
            self.add_all(node, "concerns", (entity(c) for c in bullet.concerns))
            self.add_all(node, "forwardedTo", (entity(b) for b in bullet.forwarded_to))
            self.add_all(node, "follows", (entity(d) for d in bullet.follows))
            self.add(node, SOURCE, passage)
            self.curated_at(node, identifier)


def _short(value: str, limit: int = 120) -> str:
    return value if len(value) <= limit else value[: limit - 1].rsplit(" ", 1)[0] + "…"


def build_quads(loaded: LoadedData) -> list[Quad]:
    """The records as triples, then what is derived from them (derive.py: the bodies' dates and
    what holds when, read by every query)."""
    minted = GraphBuilder(loaded).build()
    return minted + derived_quads(loaded, minted)


__all__ = ["ID", "WCO", "build_quads"]
