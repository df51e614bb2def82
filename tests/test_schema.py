"""The JSON Schema of program files: generated from the model, and it agrees with the loader."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ceurules import ProgramFileError, load_program_file
from ceurules.schema import program_file_schema

ROOT = Path(__file__).parent.parent
SCHEMA_FILE = ROOT / "docs" / "program-file.schema.json"


def as_json(value: Any) -> Any:
    """TOML data as its JSON form (dates as ISO text, times as HH:MM)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schema_is_generated_from_the_model() -> None:
    # Regenerate with: ceurules schema > docs/program-file.schema.json
    assert json.loads(SCHEMA_FILE.read_text()) == program_file_schema()


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(program_file_schema())


@pytest.mark.parametrize("name", ["workshop.ceu.toml", "plc-yearlong.ceu.toml"])
def test_example_files_validate(name: str) -> None:
    data = as_json(tomllib.loads((ROOT / "docs" / "examples" / name).read_text()))
    jsonschema.validate(data, program_file_schema(), format_checker=jsonschema.FormatChecker())
    load_program_file(data)  # and the loader takes the same JSON


@pytest.mark.parametrize(
    "change",
    [
        {"activity": "hackathon"},
        {"colour": "blue"},
        {"offering_dates": ["12/16/2026"]},
        {"agenda": [{"start": "9am", "end": "10:00", "kind": "instruction"}]},
        {"applications": [{"participant": "Jo"}]},
        {"criteria": {"organized": "yes"}},
    ],
)
def test_schema_and_loader_both_refuse_bad_files(change: dict[str, Any]) -> None:
    data = {"title": "Math Night", "activity": "workshop", **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, program_file_schema(), format_checker=jsonschema.FormatChecker())
    with pytest.raises(ProgramFileError):
        load_program_file(data)
