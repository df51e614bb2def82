"""A JSON Schema for program files, generated from the value objects' fields.

Editors use it to validate program files as they are written (TOML dates are
written as ISO text in JSON). ``ceurules schema > docs/program-file.schema.json``
writes it; a test keeps the committed copy equal to what the model generates.
"""

from __future__ import annotations

from typing import Any

import attrs

from .agenda import Segment, SegmentKind
from .approval import Approval, ApprovalRequest, Documents, WaiverRequest
from .credit import Attendance, CreditApplication, Payment
from .programs import ActivityType, CourseCriteria, Instructor, Program
from .yearlong import Packet

__all__ = ["program_file_schema"]

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TIME = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}
_TEXT = {"type": "string", "minLength": 1}
_NUMBER = {"oneOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*$"}]}
_NAMES = {"type": "array", "items": _TEXT, "uniqueItems": True}

# The JSON form of each field type the file format uses (types as attrs records them).
_TYPES: dict[str, dict[str, Any]] = {
    "str": _TEXT,
    "str | None": _TEXT,
    "bool": {"type": "boolean"},
    "bool | None": {"type": "boolean"},
    "dt.date": _DATE,
    "dt.date | None": _DATE,
    "dt.time": _TIME,
    "tuple[dt.date, ...]": {"type": "array", "items": _DATE, "uniqueItems": True},
    "tuple[tuple[dt.date, ...], ...] | None": {
        "type": "array",
        "items": {"type": "array", "items": _DATE, "minItems": 1, "uniqueItems": True},
    },
    "Decimal | None": _NUMBER,
    "frozenset[str]": _NAMES,
    "ActivityType": {"enum": [a.value for a in ActivityType]},
    "SegmentKind": {"enum": [k.value for k in SegmentKind]},
    "dict[dt.date, frozenset[str]]": {
        "type": "object",
        "propertyNames": {"pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "additionalProperties": _NAMES,
    },
}


def _table(
    cls: type[Any],
    *,
    skip: frozenset[str] = frozenset(),
    rename: dict[str, str] | None = None,
    nested: dict[str, dict[str, Any]] | None = None,
    optional: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """An object schema for the fields of an attrs class, as the loader reads them."""
    rename, nested = rename or {}, nested or {}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init or field.name in skip:
            continue
        key = rename.get(field.name, field.name)
        properties[key] = nested[field.name] if field.name in nested else _TYPES[str(field.type)]
        if field.default is attrs.NOTHING and field.name not in optional:
            required.append(key)
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _application() -> dict[str, Any]:
    attendance = _table(Attendance, rename={"dates": "attended"}, skip=frozenset({"session_last_day"}))
    application = _table(CreditApplication, skip=frozenset({"attendance", "payment"}))
    payment = _table(Payment)
    merged = {**attendance["properties"], **application["properties"], **payment["properties"]}
    return {
        "type": "object",
        "properties": merged,
        "required": attendance["required"],
        "additionalProperties": False,
    }


def _packet() -> dict[str, Any]:
    packet = _table(Packet)
    packet["properties"] = {
        "term": _TEXT,
        "school_year": {"type": "integer", "minimum": 1900, "maximum": 2199},
        **packet["properties"],
    }
    packet["required"] = ["term", "school_year"]
    return packet


def program_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a program file."""
    request = _table(
        ApprovalRequest,
        skip=frozenset({"program"}),
        nested={"documents": _table(Documents), "waiver": _table(WaiverRequest)},
    )
    instructor = {"oneOf": [_TEXT, _table(Instructor)]}
    program = _table(
        Program,
        nested={
            "criteria": _table(CourseCriteria),
            "agenda": {"type": "array", "items": _table(Segment)},
            "instructors": {"type": "array", "items": instructor},
        },
    )
    program["properties"].update(
        {
            "approval_request": request,
            "approval": _table(Approval, optional=frozenset({"dates"})),  # default: the offering dates
            "applications": {"type": "array", "items": _application()},
            "packets": {"type": "array", "items": _packet()},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ceurules.example/program-file.schema.json",
        "title": "ceurules program file",
        "description": "One CEU program, its approval request, approval, credit applications and packets.",
        **program,
    }
