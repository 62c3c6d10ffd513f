"""The curated data's schema: one pydantic record per YAML shape.

Unknown keys are errors (``extra="forbid"``) so a typo in a curated file fails loudly instead
of silently dropping a statement. Records hold what the YAML says and nothing derived: IRIs,
shortcut triples and closures are minted later, in ``build.py``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from wcograph.records.countries import by_code
from wcograph.vocabulary import (
    Appointment,
    AttendanceMode,
    BodyType,
    ConflictStatus,
    Evidence,
    InstrumentType,
    LifecycleKind,
    MeetingFormat,
    MeetingStatus,
    Modality,
    OfferKind,
    OrganisationClass,
    StageKind,
    StepAction,
    TaskType,
)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
"""A readable, stable, lowercase kebab-case identifier; it becomes the entity's IRI."""

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MAX_LABEL_LENGTH = 500
"""Labels, acronyms, titles and role names: the longest curated one has under 300 characters.
A label is copied into the labels of other nodes, so an unbounded one multiplies in dist/."""
MAX_TEXT_LENGTH = 10_000
"""Any other text (notes, definitions, decision texts): the longest note has under 5,000."""

Label = Annotated[str, Field(min_length=1, max_length=MAX_LABEL_LENGTH)]


class Record(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_max_length=MAX_TEXT_LENGTH,
        use_attribute_docstrings=True,  # the field docstrings become the JSON Schema's hover text
    )


class PartialDate(str):
    """A date the sources may give only to the year or month: ``2021``, ``2023-12``, ``2023-10-24``.

    ``first_day`` and ``last_day`` give the interval it stands for, so an "until December 2023"
    line stays valid on 2023-12-15.
    """

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        text = value.isoformat() if isinstance(value, date) else str(value)
        match = PARTIAL_DATE.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        cls._interval(text)  # rejects 2023-13 or 2023-02-30
        return cls(text)

    @staticmethod
    def _interval(text: str) -> tuple[date, date]:
        match = PARTIAL_DATE.match(text)
        assert match
        year, month, day = match.groups()
        y = int(year)
        if month is None:
            return date(y, 1, 1), date(y, 12, 31)
        m = int(month)
        if not 1 <= m <= 12:
            raise ValueError(f"{text!r} has month {m}; months run from 01 to 12")
        if day is None:
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        try:
            exact = date(y, m, int(day))
        except ValueError as err:
            raise ValueError(f"{text!r} is not a calendar date ({err})") from None
        return exact, exact

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # As an editor's YAML 1.2 reader sees it: 2021 is a number, 2023-10 and 2023-10-24 text.
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": PARTIAL_DATE.pattern},
            ],
            "description": "A date to the year, month or day: 2021, 2023-12, 2023-10-24.",
        }

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return {4: "year", 7: "month", 10: "day"}[len(self)]  # type: ignore[return-value]

    @property
    def first_day(self) -> date:
        return self._interval(self)[0]

    @property
    def last_day(self) -> date:
        return self._interval(self)[1]


class SourceRef(Record):
    """Where a statement comes from: a source document and a paragraph, or a line range.

    ``para`` is the report's own paragraph number (news articles: the n-th non-blank line of
    the file, from 1; every seed article keeps one paragraph per line). ``lines``
    ("1033-1060") is for passages without a paragraph number: title blocks, agenda tables,
    annex tables.
    """

    doc: Slug
    para: int | None = Field(default=None, ge=1)
    lines: str | None = Field(default=None, pattern=r"^\d+(-\d+)?$")

    @model_validator(mode="after")
    def _one_locator(self) -> SourceRef:
        if (self.para is None) == (self.lines is None):
            raise ValueError("a source names exactly one of 'para' or 'lines'")
        if self.lines:
            first, _, last = self.lines.partition("-")
            if last and int(last) < int(first):
                raise ValueError(f"line range {self.lines} ends before it starts")
        return self

    @property
    def line_range(self) -> tuple[int, int] | None:
        if self.lines is None:
            return None
        first, _, last = self.lines.partition("-")
        return int(first), int(last or first)


class Sourced(Record):
    source: SourceRef
    note: str | None = None
    """Curator's remark: an ambiguity, or what another source says differently."""


# --- source documents -------------------------------------------------------------------------

DocumentKind = Literal["summary-report", "news-article", "web-page", "external-publication"]


class SourceDocument(Record):
    id: Slug
    kind: DocumentKind
    title: Label
    number: str | None = None
    """The WCO document number as printed, e.g. ``PC0737Ea``."""
    file: str | None = None
    """File name inside the sources folder; external publications have ``url`` instead."""
    url: str | None = None
    """The public address of a document read on the web (a WCO newsroom article, a body's page)."""
    published: PartialDate | None = None
    publisher: str | None = None
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """BCP 47 language tag of the text cited (``en``, ``fr``)."""
    retrieved: PartialDate | None = None
    """When a curator read a web document: the page may change after that day."""
    describes: list[Slug] = []
    """Meetings the document reports on."""

    @model_validator(mode="after")
    def _located(self) -> SourceDocument:
        if (self.file is None) == (self.url is None):
            raise ValueError("a source document has either a 'file' (seeds) or a 'url' (external)")
        if self.file is not None:
            _check_file_name(self.file)
        if self.url is not None:
            _check_url(self.url)
            if self.retrieved is None:
                # A page may change: the day it was read dates what it attests (timeline.py).
                raise ValueError("a web source says when a curator read it: 'retrieved'")
        return self


def _check_file_name(name: str) -> None:
    """A seed is named by its file name inside the sources folder: no folder part, so it cannot
    point elsewhere (``../../etc/passwd``, ``/etc/passwd``)."""
    if not SEED_FILE.match(name) or name in {".", ".."}:
        raise ValueError(
            f"file {name!r} must be a plain file name inside the sources folder "
            "(no '/', no '..', no absolute path)"
        )


def _check_url(url: str) -> None:
    """A URL the graph can carry as an IRI: http(s), with a host, no spaces or brackets."""
    if not WEB_URL.match(url):
        raise ValueError(f"url {url!r} is not a valid http:// or https:// URL")


SEED_FILE = re.compile(r"^[^/\\\x00-\x1f]+$")
WEB_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?(/[^\s<>\"{}|\\^`]*)?$")


class SourcesFile(Record):
    documents: list[SourceDocument]


# --- entities ---------------------------------------------------------------------------------


class Attested(Sourced):
    """A statement that holds over time, and when the sources attest it.

    Its evidence dates are those of the meetings its citing document reports on, plus any
    meeting (``evidenced_at``) or date (``evidenced_on``: "at its meeting in April 2023") the
    passage names. ``from``/``until`` are kept for dates a source states as the start or end.
    """

    evidenced_at: list[Slug] = []
    """Meetings at which the source shows the statement held (a report presented there...)."""
    evidenced_on: list[PartialDate] = []
    """Dates the passage gives for it ("endorsed by the PTC at its meeting in April 2023")."""
    decisions: list[str] = []
    """Decisions (``<meeting>-p<para>-<n>``) that show it: the report adopted, the election."""


class ReportingLine(Attested):
    """A reporting line and what in the source shows it: the text says so (``stated``), the
    body's meeting reports are submitted to the superior for endorsement or adoption
    (``report-submitted``), or its drafts go up to the superior for decision
    (``outputs-forwarded``). Nothing else makes a reporting line."""

    body: Slug
    evidence: Evidence
    from_: PartialDate | None = Field(default=None, alias="from")
    until: PartialDate | None = None


class LifecycleEvent(Sourced):
    event: LifecycleKind
    date: PartialDate | None = None
    modality: Modality = "happened"
    by: Slug | None = None
    """The body that took the step (the working group that set up a mini group ...)."""
    decision: str | None = None
    """The decision that took the step: ``<meeting>-p<para>-<bullet>``."""
    purpose: str | None = None
    """Why, as the source gives it ("to discuss railway transportation issues ...")."""
    successors: list[Slug] = []
    """Bodies that take over the work (merged-into, continued-as, closed)."""


class RoleAssignment(Attested):
    role: Label
    """As the text words it: Chairperson, Vice-Chairperson, Deputy Secretary General, Director..."""
    of: Slug
    """The body or organisation the role is in."""
    from_: PartialDate | None = Field(default=None, alias="from")
    until: PartialDate | None = None
    at: Slug | None = None
    """A meeting at which the role is attested (e.g. chaired the 219th/220th Sessions)."""
    how: Appointment | None = None
    """How the person came to the role, when the source says (elected at the meeting ``at``)."""


class Claim(Sourced):
    """What one source says on a point where sources disagree, in the curator's words."""

    says: str = Field(min_length=3)
    value: str | None = None
    """The value the source gives, when there is one (a date, a number, a name)."""


class Conflict(Record):
    """Sources that disagree, kept side by side: each claim with its own source."""

    about: str = Field(min_length=3)
    """What they disagree on: "the dates of the 6th PFCWG Meeting"."""
    status: ConflictStatus = "open"
    resolution: str | None = None
    """For a resolved conflict: which claim the graph follows, and why."""
    claims: list[Claim] = Field(min_length=2)


class Citation(Record):
    """Marks an entity whose facts come from outside the seeds; ``source`` then names an
    ``external-publication`` document."""

    external: Literal[True] = True


class Entity(Sourced):
    id: Slug
    label: Label
    alt_labels: list[Label] = []
    """Acronyms and short names, as the sources write them."""
    definition: str | None = None
    also_sourced: list[SourceRef] = []
    """Further passages that name the entity."""
    conflicts: list[Conflict] = []
    """Points on which the sources disagree about the entity, each claim with its source."""


class Body(Entity):
    type: BodyType
    part_of: Slug | None = None
    """The organisation a body belongs to (``wco`` for WCO bodies; ``wto`` for the TFC...)."""
    reports_to: list[ReportingLine] = []
    lifecycle: list[LifecycleEvent] = []


OrganisationType = OrganisationClass | Literal["WCO"]
"""A subclass of wco:Organisation, or ``WCO`` for the WCO itself (built as an international
organisation)."""


class Organisation(Entity):
    type: OrganisationType
    part_of: Slug | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    """ISO 3166-1 alpha-2 code of a Member's country or territory, where its label is not an ISO
    name ("Korea" is KR, "Hong Kong, China" is HK); other Members get theirs from the label."""

    @field_validator("country")
    @classmethod
    def _known_country(cls, code: str | None) -> str | None:
        if code is not None:
            by_code(code)
        return code


class Person(Entity):
    type: Literal["Person"] = "Person"
    member_of: Slug | None = None
    """The administration or organisation the person comes from."""
    roles: list[RoleAssignment] = []


class Responsibility(Attested):
    body: Slug
    from_: PartialDate | None = Field(default=None, alias="from")
    until: PartialDate | None = None


class InstrumentStage(Sourced):
    """One step of an instrument's path through the bodies."""

    stage: StageKind
    by: Slug
    at: Slug | None = None
    """The meeting where it happened."""
    decision: str | None = None
    """The decision that took the step: ``<meeting>-p<para>-<bullet>``."""
    to: list[Slug] = []
    """For ``forwarded``: the bodies it was sent on to."""
    date: PartialDate | None = None
    modality: Modality = "happened"


class WorkProgrammeTask(Sourced):
    id: Slug
    label: Label
    topic: Label
    task_type: TaskType | None = None
    responsible: list[Slug] = []
    timeline: str | None = None
    progress: str | None = None
    concerns: list[Slug] = []


class Instrument(Entity):
    type: InstrumentType
    part_of: Slug | None = None
    number: str | None = None
    """The part's own number within the instrument it is part of ("12" for Standard 12)."""
    based_on: list[Slug] = []
    """Instruments this one is built on (a guideline based on a study report ...)."""
    edition_of: Slug | None = None
    """The work this is an edition or version of (FRBR-like: this node is one expression)."""
    replaces: list[Slug] = []
    parties: list[Slug] = []
    """For agreements: the organisations or administrations that signed it."""
    signed: PartialDate | None = None
    signing_expected: PartialDate | None = None
    """A signature a source announces but does not report (the MoU "targeted for October 2018")."""
    funded_by: list[Slug] = []
    responsible: list[Responsibility] = []
    stages: list[InstrumentStage] = []
    tasks: list[WorkProgrammeTask] = []


# --- meetings and decisions -------------------------------------------------------------------


class AgendaItem(Record):
    number: str = Field(pattern=r"^[IVXL]+$|^[a-z]$")
    title: Label
    action: str | None = None
    """What the item is for, as the agenda words it: "For decision", "To take note"..."""
    paragraphs: str | None = Field(default=None, pattern=r"^\d+(-\d+)?$")
    reports_on: Slug | None = None
    """A meeting of another body whose report is presented under this item."""
    concerns: list[Slug] = []
    documents: list[Slug] = []
    source: SourceRef
    subitems: list[AgendaItem] = []


class Presentation(Sourced):
    item: str = Field(pattern=r"^[IVXL]+(\.[a-z])?$")
    presenter: Slug
    title: Label | None = None
    concerns: list[Slug] = []


DecisionType = Slug  # checked against ontology/decision-types.ttl when the graph is built


class DecisionBullet(Record):
    type: DecisionType
    text: str = Field(min_length=3)
    concerns: list[Slug] = Field(min_length=1)
    item: str | None = Field(default=None, pattern=r"^[IVXL]+(\.[a-z])?$")
    """Overrides the block's agenda item when one bullet belongs to another sub-item."""
    forwarded_to: list[Slug] = []
    follows: list[str] = []
    """Decisions (``<meeting>-p<para>-<n>``) this one acts on, e.g. a working group's approval."""


class DecisionBlock(Record):
    """One "In conclusion, the PTC:" block: its paragraph, agenda item and bullets in order.

    A news article reports outcomes without an agenda: its blocks name no ``item``."""

    para: int = Field(ge=1)
    item: str | None = Field(default=None, pattern=r"^[IVXL]+(\.[a-z])?$")
    bullets: list[DecisionBullet] = Field(min_length=1)


class Offer(Sourced):
    """A delegation, organisation or person volunteering or offering to do something."""

    by: Slug
    offer: OfferKind
    concerns: list[Slug] = Field(min_length=1)


class Attendance(Sourced):
    """How many attended, as the source counts them."""

    count: int = Field(ge=0)
    mode: AttendanceMode = "total"
    who: str = "participants"


class NextStep(Sourced):
    """A step the meeting plans: something "to be submitted to" / "to be discussed at" a later
    meeting, or a task given to someone (the Secretariat) with its deadline."""

    action: StepAction
    text: str = Field(min_length=3)
    """The step in the curator's words."""
    what: list[Slug] = []
    by: Slug | None = None
    to: Slug | None = None
    """The body it goes to."""
    at: Slug | None = None
    """The later meeting it is planned for (the deadline, when the source gives one)."""
    due: PartialDate | None = None


MeetingKind = Literal["Meeting", "Conference", "Event"]
"""The event classes a meeting record may name (wco:Meeting, wco:Conference, wco:Event)."""


class Meeting(Sourced):
    id: Slug
    kind: MeetingKind = "Meeting"
    label: Label
    alt_labels: list[Label] = []
    of: Slug | None = None
    """The body that meets (required for kind Meeting)."""
    organisers: list[Slug] = []
    sessions: list[int] = []
    """Session or meeting numbers: [241, 242] for the 241st/242nd Sessions."""
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: Label | None = None
    format: MeetingFormat | None = None
    status: MeetingStatus = "held"
    """``scheduled`` for a meeting a source announces (the next session, with dates); a meeting
    reported on is ``held`` (the default)."""
    status_source: SourceRef | None = None
    """The passage that gives the status, when it is not the meeting's own source."""
    chair: Slug | None = None
    vice_chairs: list[Slug] = []
    agenda: list[AgendaItem] = []
    presentations: list[Presentation] = []
    decisions: list[DecisionBlock] = []
    conflicts: list[Conflict] = []
    offers: list[Offer] = []
    attendance: list[Attendance] = []
    observers: list[Slug] = []
    """Organisations the source names as observers."""
    next_steps: list[NextStep] = []
    funded_by: list[Slug] = []

    @model_validator(mode="after")
    def _body_meets(self) -> Meeting:
        if self.kind == "Meeting" and self.of is None:
            raise ValueError("a meeting names the body that meets: 'of'")
        if self.start and self.end and self.end.last_day < self.start.first_day:
            raise ValueError(f"meeting ends ({self.end}) before it starts ({self.start})")
        if self.status != "held" and self.decisions:
            raise ValueError(f"a {self.status} meeting took no decisions; it has 'decisions'")
        return self


def decision_id(meeting: str, para: int, bullet: int) -> str:
    """``ptc-241-242-p20-5``: the fifth bullet of the conclusion block in paragraph 20."""
    return f"{meeting}-p{para}-{bullet}"


def agenda_item_id(meeting: str, number: str) -> str:
    """``ptc-241-242-item-iii-f`` for item III.f."""
    return f"{meeting}-item-{number.lower().replace('.', '-')}"


class CitedDocument(Sourced):
    """A WCO working document the sources cite (``Doc. PC0725``)."""

    id: Slug
    number: str
    title: str | None = None


class MeetingsFile(Record):
    """Everything one source document says about meetings: ``data/meetings/<doc>.yaml``."""

    document: Slug
    meetings: list[Meeting] = []
    documents: list[CitedDocument] = []


class Translation(Sourced):
    """An entity's name in another language, as a page in that language writes it."""

    id: Slug
    label: str = Field(min_length=1, max_length=300)
    alt_labels: list[str] = []


class LabelsFile(Record):
    """``data/labels/<language>.yaml``: names of curated entities in one other language."""

    language: str = Field(pattern=r"^[a-z]{2,3}$")
    labels: list[Translation]


class Curated(Record):
    """All curated records, as loaded from ``data/``."""

    sources: list[SourceDocument]
    bodies: list[Body]
    organisations: list[Organisation]
    people: list[Person]
    instruments: list[Instrument]
    meeting_files: list[MeetingsFile]
    translations: list[LabelsFile] = []
