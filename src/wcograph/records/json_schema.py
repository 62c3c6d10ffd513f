"""JSON Schemas of the curated YAML, generated from the model, for editors (yaml-language-server:
completion, hover text and errors while typing). One schema per kind of file; ``wcograph
schema`` writes them to ``schema/`` and tests/test_json_schema.py fails when they are stale.

They check one file's shape (keys, types, closed lists, id patterns); what needs the other files
(an id exists, is of the right kind, is unique) stays with ``wcograph check-data``.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from wcograph.assets import PROJECT_DIR
from wcograph.records import model

SCHEMA_DIR = PROJECT_DIR / "schema"
BASE = "https://w3id.org/wcograph/schema/"

FILE_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "sources": (model.SourcesFile, "data/sources.yaml"),
    "body": (model.Body, "data/bodies/*.yaml"),
    "organisation": (model.Organisation, "data/organisations/*.yaml"),
    "person": (model.Person, "data/people/*.yaml"),
    "instrument": (model.Instrument, "data/instruments/*.yaml"),
    "meetings": (model.MeetingsFile, "data/meetings/*.yaml"),
    "labels": (model.LabelsFile, "data/labels/*.yaml"),
}


def schema_of(name: str) -> dict[str, object]:
    record, files = FILE_MODELS[name]
    schema = record.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}{name}.schema.json",
        "$comment": f"GENERATED from src/wcograph/model.py by `wcograph schema`: do not edit. "
        f"For {files}.",
        **schema,
    }


def schema_files(folder: Path = SCHEMA_DIR) -> dict[Path, bytes]:
    return {
        folder / f"{name}.schema.json": (
            json.dumps(schema_of(name), indent=2, ensure_ascii=False) + "\n"
        ).encode("utf-8")
        for name in FILE_MODELS
    }


def stale(folder: Path = SCHEMA_DIR) -> list[Path]:
    """The schema files that are missing or differ from what the model generates."""
    return [
        path
        for path, content in schema_files(folder).items()
        if not path.is_file() or path.read_bytes() != content
    ]
