"""references.py walks the model by hand; this ties it to the model: every field that names
another record (an id: a ``Slug``, or a decision or agenda item number) is a reference the
loader checks, at the location the walk reports, on every record of the real data."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from wcograph.assets import DATA_DIR
from wcograph.records import model
from wcograph.records.fmt import curated_files, model_for
from wcograph.records.load import read_yaml
from wcograph.records.references import references_of

NOT_REFERENCES = {
    (model.Entity, "id"),
    (model.SourceDocument, "id"),
    (model.Meeting, "id"),
    (model.CitedDocument, "id"),
    (model.WorkProgrammeTask, "id"),
    (model.DecisionBullet, "type"),  # a concept of ontology/decision-types.ttl, checked by build
}
"""Slug fields that name the record itself or a concept, not another record."""

TEXT_REFERENCES = {
    (model.Attested, "decisions"),
    (model.LifecycleEvent, "decision"),
    (model.InstrumentStage, "decision"),
    (model.DecisionBullet, "follows"),
    (model.DecisionBullet, "item"),
    (model.DecisionBlock, "item"),
    (model.Presentation, "item"),
}
"""Fields that name a decision (``<meeting>-p<para>-<n>``) or an agenda item by its number."""


def _names_records(hint: Any) -> bool:
    if hint == model.Slug:
        return True
    return any(_names_records(arg) for arg in typing.get_args(hint) if arg is not type(None))


def _declaring(record: type[BaseModel], field: str) -> type[BaseModel]:
    for cls in record.__mro__:
        if field in inspect.get_annotations(cls):
            return cls
    return record


def _reference_fields(record: type[BaseModel]) -> list[str]:
    hints = typing.get_type_hints(record, {**vars(model), "model": model}, include_extras=True)
    fields = []
    for name in record.model_fields:
        owner = _declaring(record, name)
        if any(issubclass(record, cls) and name == f for cls, f in NOT_REFERENCES):
            continue
        if _names_records(hints[name]) or (owner, name) in TEXT_REFERENCES:
            fields.append(name)
    return fields


def _locations(record: BaseModel, loc: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """Where the record (and what it holds) names another record."""
    references = set(_reference_fields(type(record)))
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        is_list = isinstance(value, list)
        for index, item in enumerate(items):
            where = (*loc, name, index) if is_list else (*loc, name)
            if isinstance(item, BaseModel):
                yield from _locations(item, where)
            elif item is not None and name in references:
                yield where


def test_references_py_walks_every_reference_the_model_declares() -> None:
    checked = 0
    for path in curated_files(DATA_DIR):
        record_type = model_for(path, DATA_DIR)
        assert record_type is not None
        record = record_type.model_validate(read_yaml(path).data)
        declared = set(_locations(record, ()))
        walked = {reference.loc for reference in references_of(record)}
        assert declared - walked == set(), f"{path}: references.py misses these"
        assert walked - declared == set(), f"{path}: references.py walks what is no reference"
        checked += len(declared)
    assert checked > 5000


def test_a_new_reference_field_would_be_caught() -> None:
    """The walk above sees every Slug field: a record naming a body the walk skips differs."""

    class Extended(model.Body):
        hosted_by: model.Slug | None = None

    body = Extended.model_validate(
        {
            "id": "x",
            "type": "WorkingGroup",
            "label": "X",
            "source": {"doc": "pc0737", "para": 1},
            "hosted_by": "ptc",
        }
    )
    declared = set(_locations(body, ()))
    walked = {reference.loc for reference in references_of(body)}
    assert declared - walked == {("hosted_by",)}
