"""`wcograph fmt`: the curated YAML in one canonical form, so that two curators' edits of a file
differ only where the facts do.

The canonical form (data/README.md, "Canonical form"):

- **Key order** follows the model (wcograph.records.model): first the record's identity and names
  (``id``, ``type``, ``kind``, ``event``, ``stage``, ``label``,
  ``alt_labels``, ``definition``), then its other plain fields in the order the model declares
  them (a record's own fields before those it inherits), then its provenance (``source``,
  ``also_sourced``, ``note``), then its nested records (``reports_to``, ``agenda``,
  ``decisions`` ...). Keys the model does not know stay last, in their order (loading reports
  them).
- **Sorted lists** where the order carries no meaning: every list of names or dates (alt_labels,
  concerns, evidenced_at, successors ...) and every list of source references (also_sourced).
  Lists of records keep their order: it numbers their IRIs (reporting-line/swg/1) and decisions
  (the n-th bullet), and agenda items and sessions are in the order the source prints them
  (``sessions`` is kept as printed).
- **Layout** is ruamel.yaml's round trip: comments, block or flow style, quoting and folded
  text stay as the curator wrote them; lines are not re-wrapped; mappings are indented by two,
  lists start at their key's column.

Formatting never changes a triple (tests/test_fmt.py builds the graph before and after).
"""

from __future__ import annotations

import inspect
import io
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from wcograph.errors import DataError, Problem
from wcograph.output import write_atomically
from wcograph.records import model
from wcograph.records.load import ENTITY_FOLDERS, read_yaml, unexpected_files

IDENTITY = (
    "id",
    "type",
    "kind",
    "event",
    "stage",
    "label",
    "alt_labels",
    "definition",
)
PROVENANCE = ("source", "also_sourced", "note")
KEEP_ORDER = {(model.Meeting, "sessions")}
"""Lists of plain values whose order the source gives and a reader expects."""

TOP_MODELS: dict[str, type[BaseModel]] = {
    **ENTITY_FOLDERS,
    "meetings": model.MeetingsFile,
    "labels": model.LabelsFile,
}


@dataclass(frozen=True)
class Field:
    name: str
    """The key as the YAML writes it (``from`` for ``from_``)."""
    record: type[BaseModel] | None
    """The record type of the value, or of each element of a list."""
    is_list: bool


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line: a curator's line breaks are theirs
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def _record_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The record type an annotation holds (through Optional and list), and whether a list."""
    origin = typing.get_origin(annotation)
    if origin is list:
        inner, _ = _record_in(typing.get_args(annotation)[0])
        return inner, True
    if origin is not None:
        for arg in typing.get_args(annotation):
            inner, is_list = _record_in(arg)
            if inner is not None or is_list:
                return inner, is_list
        return None, False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def fields_of(record: type[BaseModel]) -> list[Field]:
    """The record's fields in canonical key order."""
    hints = typing.get_type_hints(record, vars(model))
    declared = [  # the record's own fields first, then those of the class it extends ...
        name
        for cls in record.__mro__
        for name in inspect.get_annotations(cls)
        if name in record.model_fields
    ]
    fields = [
        Field(record.model_fields[name].alias or name, *_record_in(hints[name]))
        for name in dict.fromkeys(declared)
    ]

    def rank(field: Field) -> tuple[int, int]:
        if field.name in IDENTITY:
            return 0, IDENTITY.index(field.name)
        if field.name in PROVENANCE:
            return 2, PROVENANCE.index(field.name)
        nested = field.record is not None and field.record is not model.SourceRef
        return (3 if nested else 1), 0

    return sorted(fields, key=rank)  # stable: model order within a rank


def _sort_key(value: Any) -> tuple[Any, ...]:
    if isinstance(value, dict):  # a source reference
        lines = str(value.get("lines") or "0").partition("-")[0]
        return (str(value.get("doc", "")), int(value.get("para") or 0), int(lines))
    if isinstance(value, date):
        return (value.isoformat(),)
    return (str(value),)


def canonical(node: Any, record: type[BaseModel]) -> None:
    """Put a mapping curated as ``record`` (and everything in it) in canonical form, in place."""
    if not isinstance(node, CommentedMap):
        return
    fields = fields_of(record)
    known = [f for f in fields if f.name in node]
    order = [f.name for f in known] + [key for key in node if key not in {f.name for f in known}]
    if list(node) != order:
        _reorder(node, order)
    for field in known:
        value = node[field.name]
        if field.record is not None and field.is_list and isinstance(value, CommentedSeq):
            for element in value:
                canonical(element, field.record)
        elif field.record is not None:
            canonical(value, field.record)
        if (
            field.is_list
            and isinstance(value, CommentedSeq)
            and (field.record is None or field.record is model.SourceRef)
            and (record, field.name) not in KEEP_ORDER
        ):
            _sort(value)


def _reorder(node: CommentedMap, order: list[str]) -> None:
    """Move the keys into ``order``, keeping each key's comments with it."""
    items = [(key, node[key]) for key in order]
    comments = {key: node.ca.items.get(key) for key in order}
    for key in order:
        del node[key]
    for key, value in items:
        node[key] = value
        if comments[key] is not None:
            node.ca.items[key] = comments[key]


def _sort(sequence: CommentedSeq) -> None:
    ordered = sorted(range(len(sequence)), key=lambda i: _sort_key(sequence[i]))
    if ordered == list(range(len(sequence))):
        return
    values = [sequence[i] for i in ordered]
    comments = [sequence.ca.items.get(i) for i in ordered]
    sequence.ca.items.clear()
    for index, (value, comment) in enumerate(zip(values, comments, strict=True)):
        sequence[index] = value
        if comment is not None:
            sequence.ca.items[index] = comment


def model_for(path: Path, data_dir: Path) -> type[BaseModel] | None:
    relative = path.relative_to(data_dir)
    if relative.as_posix() == "sources.yaml":
        return model.SourcesFile
    if len(relative.parts) == 2:
        return TOP_MODELS.get(relative.parts[0])
    return None


def curated_files(data_dir: Path) -> list[Path]:
    """The files the loader reads; a folder the loader refuses (a link, a stray file) is refused
    here too, before anything is read or written."""
    unexpected = unexpected_files(data_dir)
    if unexpected:
        raise DataError(unexpected)
    return [
        path
        for path in sorted(data_dir.rglob("*.yaml"))
        if model_for(path, data_dir) is not None
        and not any(part.startswith(".") for part in path.relative_to(data_dir).parts)
    ]


def formatted(path: Path, record: type[BaseModel]) -> str:
    """The file's text in canonical form."""
    read_yaml(path)  # the loader's checks first: size, encoding, aliases, duplicate keys
    yaml = _yaml()
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text)
    except YAMLError as err:  # pragma: no cover - read_yaml refuses what ruamel would
        raise DataError(Problem(f"malformed YAML: {err}", path)) from None
    canonical(data, record)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def not_canonical(data_dir: Path) -> dict[Path, str]:
    """The files whose text is not canonical, with their canonical text."""
    changes = {}
    for path in curated_files(data_dir):
        record = model_for(path, data_dir)
        assert record is not None
        text = formatted(path, record)
        if text != path.read_text(encoding="utf-8"):
            changes[path] = text
    return changes


def rewrite(changes: dict[Path, str]) -> None:
    write_atomically({path: text.encode("utf-8") for path, text in changes.items()})


def relative_names(paths: Iterable[Path], base: Path) -> list[str]:
    return [path.relative_to(base).as_posix() for path in paths]


def shown_paths(paths: Iterable[Path], base: Path) -> list[str]:
    """The files as ``wcograph fmt`` names them: under the folder it was given, with slashes."""
    return [(base / name).as_posix() for name in relative_names(paths, base)]
