"""The program-file format, described once: tables, fields, value kinds, bounds, defaults, rules.

Both readers of the format are made from this description:
:mod:`ceurules.program_files` reads each table field by field with the value
kinds' ``read`` functions, and :mod:`ceurules.schema` writes the JSON Schema
from the same kinds' ``schema``. Each kind's two halves are written side by
side (the loader's check is the schema's keyword, read the way ``jsonschema``
reads it), and ``tests/test_format_agreement.py`` checks on generated documents
that the two accept and refuse the same files, except for the cross-field rules
of :data:`RULES_NOT_IN_SCHEMA`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._convert import DATE_TIME_TEXT, MAX_PLACES, NOT_REPEATED, SURROGATE_REFUSED, repeats
from ._value import Value
from .errors import InvalidInputError
from .policy import SegmentKind
from .programs import ActivityType

__all__ = [
    "FORMAT",
    "RULES_NOT_IN_SCHEMA",
    "Field",
    "Kind",
    "Table",
    "json_schema",
]

# ``(?![\s\S])`` ends a pattern at the very end of the text: Python's ``$``
# would also match before a final newline, and JavaScript has no ``\Z``.
_END = r"(?![\s\S])"
# Text without lone surrogate code points (JSON can carry them; they are not Unicode text).
_UNICODE = r"(?![\s\S]*[\ud800-\udfff])"
DATE_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})-[0-9]{2}-[0-9]{2}" + _END  # the years 1900-2199
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]" + _END
HOURS_PATTERN = r"^0{0,60}([0-9]{1,6}(\.[0-9]{1,30})?|1000000(\.0{1,30})?)" + _END
NAME_PATTERN = "^" + _UNICODE + r"\S([\s\S]*\S)?" + _END
TEXT_PATTERN = "^" + _UNICODE + r"[\s\S]*\S"
FREE_TEXT_PATTERN = "^" + _UNICODE  # possibly empty
MAX_HOURS = 1_000_000
MAX_TEXT = 2_000  # characters of any text field: a title, a name, a label
MIN_HOURS = 0.000001  # the smallest positive number of hours written as a number (JSON numbers are read exactly)


class Refused(Exception):
    """A value is not of its field's kind: ``expected`` says what is."""

    def __init__(self, expected: str, field: str = "", value: object = None, *, item: bool = False) -> None:
        super().__init__(expected)
        self.expected = expected
        self.field = field  # a part below the field (``[2]``), when an item was refused
        self.value = value  # the refused item, when ``item``
        self.item = item
        self.others: tuple[Refused, ...] = ()  # the other refused items of the same list, in order

    def each(self) -> tuple[Refused, ...]:
        """Every refused item this refusal stands for: itself and the others of its list."""
        return (self, *self.others)

    def under(self, part: str, raw: object) -> Refused:
        """This refusal as one of the item ``part`` (``[2]``) written as ``raw``, of the list that holds it."""
        return Refused(self.expected, part + self.field, self.value if self.item else raw, item=True)


def refusing(found: list[Refused]) -> Refused:
    """One refusal standing for every item of a list that was refused (``found``, in order)."""
    first = found[0]
    first.others = tuple(found[1:])
    return first


@attrs.frozen(repr=False, eq=False)
class Kind(Value):
    """A kind of value: its JSON Schema and the loader's reading of it (which raises :class:`Refused`)."""

    name: str
    schema: Mapping[str, Any]
    read: Callable[[object], Any]
    item: Kind | None = None  # the kind of a list's items


def _short(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise Refused(f"text of at most {MAX_TEXT} characters")
    return value


def _unicode(value: str) -> str:
    """``value`` when it has no lone surrogate code point (JSON can write one), said as what is wrong."""
    if not value.isascii() and re.search("[\ud800-\udfff]", value):
        raise Refused(SURROGATE_REFUSED)
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not re.search(TEXT_PATTERN, _unicode(_short(value))):
        raise Refused("non-empty text")
    return value.strip()


def _name(value: object) -> str:
    if not isinstance(value, str) or not re.search(NAME_PATTERN, _unicode(_short(value))):
        raise Refused("a name: non-empty text without spaces around it")
    return value


def _free_text(value: object) -> str:
    if not isinstance(value, str):
        raise Refused("text")
    return _unicode(_short(value))


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise Refused("true or false")
    return value


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _in_years(value)  # a TOML date
    if isinstance(value, str) and re.search(DATE_PATTERN, value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise Refused("a real calendar date (YYYY-MM-DD)") from None
    if isinstance(value, str) and re.search(_ANY_YEAR_DATE, value):
        raise Refused(_YEARS)  # written as a date, of a year the library does not answer for
    if isinstance(value, dt.datetime) or (isinstance(value, str) and re.match(DATE_TIME_TEXT, value)):
        raise Refused("a date without a time of day")
    raise Refused("an ISO date such as 2026-11-20")


_ANY_YEAR_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END
_YEARS = "a date in the years 1900-2199"


def _in_years(day: dt.date) -> dt.date:
    """``day`` when it is of the years every date of a file lies in (those the pattern allows), else refused."""
    if not 1900 <= day.year <= 2199:
        raise Refused(_YEARS)
    return day


def _time(value: object) -> dt.time:
    if isinstance(value, dt.time) and value.tzinfo is None and not value.second and not value.microsecond:
        return value  # a TOML local time in whole minutes
    if isinstance(value, str) and re.search(TIME_PATTERN, value):
        return dt.time(int(value[:2]), int(value[3:]))
    raise Refused("a time of day such as 08:30")


def _hours(value: object) -> Decimal:
    if isinstance(value, str) and re.search(HOURS_PATTERN, value):
        return Decimal(value)
    if isinstance(value, Decimal):  # a JSON number, read exactly as written
        return _exact_hours(value)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and (value == 0 or MIN_HOURS <= value <= MAX_HOURS):  # type: ignore[operator]
        return Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    raise Refused(f"a number of hours from 0 to {MAX_HOURS}, such as 7.5 or \"7.5\"")


_MIN_EXACT = Decimal(repr(MIN_HOURS))


def _exact_hours(value: Decimal) -> Decimal:
    """A number of hours the file wrote as a JSON number, by its exact value: compared, never rounded."""
    if not value.is_finite() or not (value.is_zero() or 0 < value <= MAX_HOURS):
        raise Refused(f"a number of hours from 0 to {MAX_HOURS}, such as 7.5 or \"7.5\"")
    if not value.is_zero() and value < _MIN_EXACT:
        raise Refused(f"a number of hours of at least {_MIN_EXACT} (or 0)")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        raise Refused(f"a number of hours with at most {MAX_PLACES} decimal places")
    return Decimal(value)


def _year(value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON Schema counts 2026.0 as an integer
    if isinstance(value, Decimal) and value.is_finite() and 1900 <= value <= 2199 and value == value.to_integral():
        value = int(value)  # 2026.0 or 2.026e3 in JSON, read exactly
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2199:
        raise Refused("a year from 1900 to 2199, such as 2026")
    return value


def _choice(values: list[str]) -> Callable[[object], str]:
    def read(value: object) -> str:
        if not isinstance(value, str) or value not in values:
            raise Refused("one of " + ", ".join(repr(v) for v in values))
        return value

    return read


TEXT = Kind("text", {"type": "string", "pattern": TEXT_PATTERN, "maxLength": MAX_TEXT}, _text)
NAME = Kind("name", {"type": "string", "pattern": NAME_PATTERN, "maxLength": MAX_TEXT}, _name)
FREE_TEXT = Kind(
    "text, possibly empty", {"type": "string", "pattern": FREE_TEXT_PATTERN, "maxLength": MAX_TEXT}, _free_text
)
BOOL = Kind("true or false", {"type": "boolean"}, _bool)
DATE = Kind("date", {"type": "string", "format": "date", "pattern": DATE_PATTERN}, _date)
TIME = Kind("time", {"type": "string", "pattern": TIME_PATTERN}, _time)
HOURS = Kind(
    "hours",
    {
        "oneOf": [
            {
                "type": "number",
                "minimum": 0,
                "maximum": MAX_HOURS,
                "not": {"exclusiveMinimum": 0, "exclusiveMaximum": MIN_HOURS},
            },
            {"type": "string", "pattern": HOURS_PATTERN},
        ]
    },
    _hours,
)
YEAR = Kind("school year", {"type": "integer", "minimum": 1900, "maximum": 2199}, _year)
ACTIVITY = Kind("activity", {"enum": [a.value for a in ActivityType]}, _choice([a.value for a in ActivityType]))
SEGMENT_KIND = Kind("segment kind", {"enum": [k.value for k in SegmentKind]}, _choice([k.value for k in SegmentKind]))


def list_of(item: Kind, *, unique: bool = True, min_items: int = 0) -> Kind:
    """A list of ``item`` values; with ``unique`` no value twice; at least ``min_items``."""
    schema: dict[str, Any] = {"type": "array", "items": dict(item.schema)}
    if unique:
        schema["uniqueItems"] = True
    if min_items:
        schema["minItems"] = min_items

    def read(value: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise Refused(f"a list of values of kind {item.name}")
        if len(value) < min_items:
            raise Refused(f"a list of at least {min_items} value(s)")
        found, bad = [], list[Refused]()
        for i, raw in enumerate(value):  # every item is read: each refused one is named
            try:
                found.append(item.read(raw))
            except Refused as err:
                bad.extend(one.under(f"[{i}]", raw) for one in err.each())
        if unique and not bad:
            bad = [Refused(NOT_REPEATED, f"[{i}]", value[i], item=True) for i in repeats(found)]
        if bad:
            raise refusing(bad)
        return tuple(found)

    return Kind(f"list of {item.name}", schema, read, item)


def _sign_ins(value: object) -> dict[dt.date, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise Refused("a table of meeting dates, each with the names signed in")
    sheets: dict[dt.date, tuple[str, ...]] = {}
    bad: list[Refused] = []
    for key, names in value.items():
        try:
            day = _date(key)
        except Refused as err:
            bad.append(Refused(f"meeting dates as keys: {err.expected}", f".{key}", key, item=True))
            continue
        try:
            sheets[day] = NAMES.read(names)
        except Refused as err:
            bad.extend(one.under(f".{key}", names) for one in err.each())
    if bad:
        raise refusing(bad)
    return sheets


def sheet_days(value: object) -> list[dt.date]:
    """The meeting dates of sign-in sheets whose keys read as dates, also when another key is refused (the
    sheets that can be checked against the meetings are checked, with the other problems of the file)."""
    days = []
    for key in value if isinstance(value, Mapping) else ():
        try:
            days.append(_date(key))
        except Refused:
            continue
    return days


NAMES = list_of(NAME)
DATES = list_of(DATE)
SIGN_INS = Kind(
    "sign-in sheets",
    {"type": "object", "propertyNames": dict(DATE.schema), "additionalProperties": dict(NAMES.schema)},
    _sign_ins,
)
SESSIONS = list_of(list_of(DATE, min_items=1), unique=False)


@attrs.frozen(repr=False, eq=False)
class Field(Value):
    """One field of a table: its key in the file, kind, whether required, its default in words."""

    key: str
    kind: Kind | Table
    doc: str
    required: bool = False
    default: str | None = None
    many: bool = False  # a list of tables (``[[key]]``)
    or_name: bool = False  # list items may also be a bare name (instructors)


@attrs.frozen(repr=False, eq=False)
class Table(Value):
    """A table of the file: its fields and the cross-field rules the JSON Schema can state."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    rules: tuple[Mapping[str, Any], ...] = ()

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


CRITERIA = Table(
    "criteria",
    "The six course criteria (course.*); a criterion left out is not stated.",
    tuple(
        Field(c, BOOL, f"whether the program meets course.{c}", default="not stated")
        for c in ("organized", "need", "objective", "instructors", "performance", "evaluation")
    ),
)
SEGMENT = Table(
    "agenda segment",
    "One timed part of the agenda (a Segment).",
    (
        Field("start", TIME, "start time, HH:MM", required=True),
        Field("end", TIME, "end time, HH:MM, after the start", required=True),
        Field("kind", SEGMENT_KIND, "what the time is used for", required=True),
        Field("title", FREE_TEXT, "the segment's title", default='""'),
        Field("day", DATE, "the offering date the segment is on (an agenda of several days)", default="every day"),
    ),
)
INSTRUCTOR = Table(
    "instructor",
    "An instructor or speaker (or just the name as text).",
    (
        Field("name", NAME, "the instructor's name", required=True),
        Field("qualifications", FREE_TEXT, "degrees, titles", default='""'),
    ),
)
DOCUMENTS = Table(
    "documents",
    "What the approval request carries (approval.documents).",
    (
        Field("approval_form", BOOL, "the completed approval form", default="false"),
        Field("timed_agenda", BOOL, "a timed agenda", default="false"),
        Field("vitas", NAMES, "the instructors whose vita or resume is attached", default="none"),
        Field("brochure", BOOL, "a brochure", default="false"),
        Field("flyer", BOOL, "a flyer", default="false"),
        Field("website", TEXT, "the program's website address", default="none"),
    ),
)
WAIVER = Table(
    "waiver",
    "A request to waive the lead time (approval.waiver).",
    (Field("circumstances", TEXT, "the extenuating circumstances", required=True),),
)
REQUEST = Table(
    "approval_request",
    "The approval request (an ApprovalRequest).",
    (
        Field("received", DATE, "the day the request was received", required=True),
        Field("documents", DOCUMENTS, "what it carries", default="nothing"),
        Field("waiver", WAIVER, "a lead-time waiver request", default="none"),
    ),
)
APPROVAL = Table(
    "approval",
    "The approval (an Approval).",
    (
        Field("dates", list_of(DATE, min_items=1), "the dates approved", default="every offering date"),
        Field("approved_on", DATE, "the day it was approved", default="not stated"),
    ),
)
APPLICATION = Table(
    "application",
    "A participant's credit application (a CreditApplication with its Attendance and Payment).",
    (
        Field("participant", NAME, "the participant's name", required=True),
        Field("attended", list_of(DATE, min_items=1), "the session dates attended", required=True),
        Field("completed", BOOL, "whether the participant completed", default="true"),
        Field("certificate_date", DATE, "the date on the certificate", default="none"),
        Field("submitted", DATE, "the day the application was submitted", default="not yet"),
        Field("proof_uploaded", BOOL, "whether the proof of attendance is uploaded", default="false"),
        Field("paid", DATE, "the day the participant paid", default="not yet"),
        Field("issued", DATE, "the day the certificate was issued", default="not yet"),
    ),
    rules=({"dependentRequired": {"issued": ["submitted", "paid"]}},),
)
PACKET = Table(
    "packet",
    "A year-long program's credit packet for one term (a PacketEntry).",
    (
        Field("term", TEXT, "the term, such as fall or spring", required=True),
        Field("school_year", YEAR, "the school year it starts in", required=True),
        Field("sign_ins", SIGN_INS, "meeting date -> names signed in", default="none"),
        Field("applications", NAMES, "participants whose application is in the packet", default="none"),
        Field("evaluations", NAMES, "participants whose evaluation is in the packet", default="none"),
        Field("submitted", DATE, "the day the packet was submitted", default="not yet"),
    ),
)
def _listed(key: str) -> dict[str, Any]:
    """Schema: ``key`` is there with at least one item."""
    return {"required": [key], "properties": {key: {"minItems": 1}}}


_NOT_YEAR_LONG = {"not": {"required": ["year_long"], "properties": {"year_long": {"const": True}}}}
_NO_APPROVAL_DATES = {"required": ["approval"], "properties": {"approval": {"not": {"required": ["dates"]}}}}
PROGRAM = Table(
    "program",
    "The top of the file: the program (a Program) and the other tables.",
    (
        Field("title", TEXT, "the program's title", required=True),
        Field("activity", ACTIVITY, "the kind of activity", required=True),
        Field("activity_label", TEXT, "what the activity is, for activity 'other'", default="none"),
        Field("academic_credit", BOOL, "whether it carries academic credit", default="false"),
        Field("criteria", CRITERIA, "the course criteria", default="none stated"),
        Field("offering_dates", DATES, "every date it is held (a year-long program: its meetings)", default="none"),
        Field("sessions", SESSIONS, "sessions of several days, each a list of dates (D15)", default="one per date"),
        Field("agenda", SEGMENT, "the timed agenda", default="none", many=True),
        Field("contact_hours", HOURS, "contact hours of a program without a timed agenda", default="none"),
        Field("instructors", INSTRUCTOR, "instructors and speakers", default="none", many=True, or_name=True),
        Field("year_long", BOOL, "whether the program runs over a school year", default="false"),
        Field("offers_semi_osl", BOOL, "whether SEMI/OSL credit is offered", default="false"),
        Field("approval_request", REQUEST, "the approval request", default="none"),
        Field("approval", APPROVAL, "the approval", default="not approved"),
        Field("applications", APPLICATION, "credit applications", default="none", many=True),
        Field("packets", PACKET, "credit packets of a year-long program", default="none", many=True),
    ),
    rules=(
        {
            "if": {"required": ["activity"], "properties": {"activity": {"const": "other"}}},
            "then": {"required": ["activity_label"]},
        },
        {"if": _listed("agenda"), "then": {"not": {"required": ["contact_hours"]}}},
        {"if": _NOT_YEAR_LONG, "then": {"not": _listed("packets")}},
        {"if": _NO_APPROVAL_DATES, "then": {"anyOf": [_listed("offering_dates"), _listed("sessions")]}},
    ),
)
FORMAT = PROGRAM
"""The whole program-file format."""

RULES_NOT_IN_SCHEMA: tuple[tuple[str, str], ...] = (
    (
        "agenda",
        "a segment ends after it starts; segments of one day do not overlap; a segment's day is one "
        "of the offering dates; a day on every segment or on none",
    ),
    ("sessions", "the sessions hold exactly the offering dates, and do not overlap"),
    ("instructors", "no two instructors have the same name"),
    ("approval.approved_on", "the approval is dated on or after the day the request was received"),
    ("applications[].attended", "no participant has two applications for one meeting (a day attended twice)"),
    ("applications[].certificate_date", "the certificate is dated on or after the first day attended"),
    ("applications[].issued", "the certificate is issued on or after the day the application is complete"),
    ("packets[]", "one packet per term and school year"),
    ("packets[].sign_ins", "sign-in sheets are for meetings of the program (its offering dates)"),
)
"""Cross-field rules JSON Schema cannot state: the loader checks them, the schema lists them."""


def refused(field: str, value: object, err: Refused) -> InvalidInputError:
    """The library's error for a refused value at ``field`` (naming each item refused, for a list)."""
    each = [InvalidInputError(field + one.field, one.value if one.item else value, one.expected) for one in err.each()]
    return InvalidInputError.of(each)


def _object(table: Table) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for field in table.fields:
        if isinstance(field.kind, Table):
            inner = _object(field.kind)
            if field.or_name:
                inner = {"oneOf": [dict(NAME.schema), inner]}
            properties[field.key] = {"type": "array", "items": inner} if field.many else inner
            if field.or_name:
                properties[field.key]["uniqueItems"] = True
        else:
            properties[field.key] = dict(field.kind.schema)
        properties[field.key]["description"] = field.doc + (f" (default: {field.default})" if field.default else "")
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f.key for f in table.fields if f.required]
    if required:
        schema["required"] = required
    for rule in table.rules:
        schema.setdefault("allOf", []).append(dict(rule))
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format, with the rules it cannot state in its description."""
    rules = "; ".join(f"{path}: {text}" for path, text in RULES_NOT_IN_SCHEMA)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ceurules.example/program-file.schema.json",
        "title": "ceurules program file",
        "description": (
            "One CEU program, its approval request, approval, credit applications and packets. "
            f"Rules the loader also checks, which this schema cannot state: {rules}."
        ),
        **_object(FORMAT),
    }
