"""GENERATED from ontology/vocabularies.ttl and ontology/wcograph.ttl by
``python -m wcograph.schemes --write``: do not edit. tests/test_vocabulary.py fails when
it is out of date."""

from __future__ import annotations

from typing import Literal

LifecycleKind = Literal[
    "established",
    "term-extended",
    "term-ended",
    "disbanded",
    "closed",
    "merged-into",
    "continued-as",
    "renamed",
    "archived",
    "launched",
    "reactivated",
]
"""The notations of id:lifecycle-event."""

StageKind = Literal[
    "drafted",
    "presented",
    "discussed",
    "endorsed",
    "approved",
    "adopted",
    "forwarded",
    "launched",
    "published",
    "updated",
    "reviewed",
    "extended",
    "entered-into-force",
]
"""The notations of id:stage-kind."""

Modality = Literal[
    "proposed",
    "recommended",
    "decided",
    "adopted",
    "expected",
    "claimed",
    "happened",
]
"""The notations of id:modality."""

MeetingStatus = Literal[
    "held",
    "scheduled",
    "cancelled",
]
"""The notations of id:meeting-status."""

ConflictStatus = Literal[
    "open",
    "resolved",
]
"""The notations of id:conflict-status."""

OfferKind = Literal[
    "lead",
    "draft",
    "contribute",
    "participate",
    "pilot",
    "host",
    "fund",
]
"""The notations of id:offer-kind."""

Appointment = Literal[
    "elected",
    "re-elected",
    "appointed",
]
"""The notations of id:appointment."""

Evidence = Literal[
    "stated",
    "report-submitted",
    "outputs-forwarded",
]
"""The notations of id:evidence."""

MeetingFormat = Literal[
    "in-person",
    "hybrid",
    "virtual",
]
"""The notations of id:meeting-format."""

AttendanceMode = Literal[
    "in-person",
    "online",
    "total",
]
"""The notations of id:attendance-mode."""

StepAction = Literal[
    "submit",
    "present",
    "report",
    "discuss",
    "consider",
    "review",
    "update",
]
"""The notations of id:step-action."""

TaskType = Literal[
    "maintenance",
    "advanced",
]
"""The notations of id:task-type."""

LineStatus = Literal[
    "stated",
    "evidenced",
    "presumed",
]
"""The notations of id:line-status."""

BodyType = Literal[
    "GoverningBody",
    "Committee",
    "ManagementCommittee",
    "SubCommittee",
    "WorkingGroup",
    "VirtualWorkingGroup",
    "ProjectTeam",
    "ContactCommittee",
    "MiniGroup",
    "ExpertGroup",
    "Secretariat",
    "RegionalStructure",
    "ExternalBody",
]
"""The subclasses of wco:Body."""

OrganisationClass = Literal[
    "InternationalOrganisation",
    "Member",
    "PrivateSectorAssociation",
    "Company",
    "AcademicInstitution",
    "RegionalOrganisation",
    "NationalAgency",
]
"""The subclasses of wco:Organisation."""

InstrumentType = Literal[
    "Convention",
    "FrameworkOfStandards",
    "Package",
    "Guidelines",
    "Handbook",
    "Compendium",
    "ActionPlan",
    "WorkProgramme",
    "DataModel",
    "StudyReport",
    "Recommendation",
    "Resolution",
    "Programme",
    "Project",
    "ExternalAgreement",
    "Tool",
    "StrategicPlan",
    "Glossary",
    "ConceptNote",
    "Procedure",
    "Declaration",
    "Theme",
    "Standard",
]
"""The subclasses of wco:Instrument."""
