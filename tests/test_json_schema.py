"""The JSON Schemas editors read (schema/*.schema.json): generated from the model, up to date,
and true to the real data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from wcograph.assets import DATA_DIR, PROJECT_DIR
from wcograph.cli import main
from wcograph.records.fmt import curated_files, model_for
from wcograph.records.json_schema import FILE_MODELS, SCHEMA_DIR, schema_files, stale

SCHEMA_OF_MODEL = {record: name for name, (record, _) in FILE_MODELS.items()}


def _as_an_editor_reads_it(value: Any) -> Any:
    """YAML 1.2 (yaml-language-server) reads 2023-10-24 as text; PyYAML makes it a date."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _as_an_editor_reads_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_an_editor_reads_it(item) for item in value]
    return value


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schemas_are_up_to_date() -> None:
    assert stale() == [], "run: wcograph schema"
    result = CliRunner().invoke(main, ["schema", "--check"])
    assert result.exit_code == 0, result.output


def test_a_stale_schema_is_reported(tmp_path: Path) -> None:
    files = schema_files(tmp_path)
    for path, content in files.items():
        path.write_bytes(content)
    body = tmp_path / "body.schema.json"
    body.write_text(body.read_text(encoding="utf-8").replace('"MiniGroup",', ""))
    assert stale(tmp_path) == [body]


def test_every_curated_file_conforms_to_its_schema() -> None:
    validators = {name: _validator(name) for name in FILE_MODELS}
    checked = 0
    for path in curated_files(DATA_DIR):
        record = model_for(path, DATA_DIR)
        data = _as_an_editor_reads_it(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = list(validators[SCHEMA_OF_MODEL[record]].iter_errors(data))
        assert errors == [], (path, [e.message for e in errors[:3]])
        checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda body: body.update(type="Committe"), "is not one of"),
        (lambda body: body.update(colour="blue"), "Additional properties"),
        (lambda body: body["reports_to"][0].update(evidence="rumour"), "is not one of"),
        (lambda body: body.update(id="PFCWG"), "does not match"),
    ],
)
def test_the_schema_catches_what_the_model_refuses(change: Any, expected: str) -> None:
    body = _as_an_editor_reads_it(yaml.safe_load((DATA_DIR / "bodies" / "pfcwg.yaml").read_text()))
    assert list(_validator("body").iter_errors(body)) == []
    change(body)
    messages = [error.message for error in _validator("body").iter_errors(body)]
    assert any(expected in message for message in messages), messages


def test_readmes_point_editors_at_the_schemas() -> None:
    for readme in (PROJECT_DIR / "README.md", DATA_DIR / "README.md"):
        text = readme.read_text(encoding="utf-8")
        assert "schema/body.schema.json" in text, readme
