"""An educator's record of credit: activities toward a license renewal.

Each :class:`Activity` has a date, a unit, an amount, a category, a grade (for
college courses) and where it came from (a ceurules credit decision, a
transcript line, a certificate). A record is read from TOML, JSON or CSV by
:func:`load_record`, whose :class:`~ceurules.RecordFileError` names the file,
the field and, for CSV, the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import enum
import io
import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import _convert as to
from . import _display as display
from ._convert import check_str, to_date, to_decimal, to_label, to_text
from ._fields import Problems, join, show
from ._files import file_text, parse_json, parse_toml, path_name, read_file, without_bom
from ._value import Value
from .errors import InvalidInputError, RecordFileError, misspelling_of
from .renewal_rules import GRADE_RANKS, UNITS

if TYPE_CHECKING:
    from .credit import CreditApplication
    from .policy import Policy
    from .programs import Program

__all__ = ["Activity", "EducatorRecord", "Origin", "load_record"]

class Origin(enum.Enum):
    """Where an activity's credit comes from.

    >>> from ceurules import Origin
    >>> Origin("certificate")
    <Origin.CERTIFICATE: 'certificate'>
    """

    DECISION = "decision"
    TRANSCRIPT = "transcript"
    CERTIFICATE = "certificate"
    OTHER = "other"


def _unit(value: str) -> str:
    if not isinstance(value, str) or value.strip() not in UNITS:
        raise InvalidInputError("unit", value, f"a unit ({', '.join(UNITS)})")
    return value.strip()


def _grade(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value.strip().upper() not in GRADE_RANKS:
        raise InvalidInputError("grade", value, "a letter grade A-F (with + or -) or P")
    return value.strip().upper()


def _origin(value: Origin | str) -> Origin:
    if isinstance(value, Origin):
        return value
    try:
        return Origin(value)
    except ValueError:
        raise InvalidInputError("origin", value, f"one of {', '.join(o.value for o in Origin)}") from None


def _optional_hours(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None or value == "" else to_decimal(value, "hours")


def _optional_text(value: str | None) -> str | None:
    return None if value is None or value == "" else to_text(value, "educator")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Activity(Value):
    """One piece of credit: a certificate, a course, a credential.

    ``hours`` is the clock hours a CEU certificate states; when given, the
    CEUs must match them (R3). ``educator``, when given, must be the record's.

    >>> from ceurules import Activity
    >>> act = Activity(id="ceu-1", date="2024-05-10", unit="ceu", amount="1.5", hours="15")
    >>> act.amount, act.unit
    (Decimal('1.5'), 'ceu')
    """

    id: str = attrs.field(converter=to.text)
    date: dt.date = attrs.field(converter=to.date)
    unit: str = attrs.field(converter=_unit)
    amount: Decimal = attrs.field(converter=to.decimal_number, metadata={"unit": "units"})
    category: str = attrs.field(default="general", converter=to.text)
    grade: str | None = attrs.field(default=None, converter=_grade)
    hours: Decimal | None = attrs.field(default=None, converter=_optional_hours)
    origin: Origin = attrs.field(default=Origin.OTHER, converter=_origin)
    reference: str = attrs.field(default="", validator=check_str)
    title: str = attrs.field(default="", validator=check_str)
    educator: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.hours is not None and self.unit != "ceu":
            raise InvalidInputError("hours", self.hours, "no stated hours except on a CEU certificate")

    @classmethod
    def from_credit(
        cls, program: Program, application: CreditApplication, *, policy: Policy | None = None
    ) -> Activity:
        """The CEUs a ceurules credit decision awards, as an activity of the participant's record.

        The amount is the program's CEUs for one session under ``policy`` (``ceu.unit``,
        D7, D8), the stated hours its contact hours (when they are a finite decimal),
        the date the certificate date or else the
        last day of the session attended. The credit must have been issued
        (``credit.record``); a year-long program's credit comes from its packets (D14).
        """
        from .policy import DEFAULT_POLICY
        from .units import ceus_for_minutes

        policy = DEFAULT_POLICY if policy is None else policy
        if program.year_long:
            raise InvalidInputError("program", program.title, "a program that is not year-long (see packet_ceus)")
        if application.issued is None:
            raise InvalidInputError("application.issued", None, "the day the certificate was issued (credit.record)")
        minutes = program.contact_minutes(policy=policy)
        attendance = application.attendance
        day = attendance.certificate_date or attendance.session_end
        return cls(
            id=f"{program.title} ({day})",
            date=day,
            unit="ceu",
            amount=ceus_for_minutes(minutes, policy=policy),
            hours=_written_out(minutes / policy.minutes_per_contact_hour),
            origin=Origin.DECISION,
            reference=f"ceurules credit decision: {program.title}, issued {application.issued}",
            title=program.title,
            educator=attendance.participant,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "unit": self.unit,
            "amount": str(self.amount),
            "category": self.category,
            "grade": self.grade,
            "hours": None if self.hours is None else str(self.hours),
            "origin": self.origin.value,
            "reference": self.reference,
            "title": self.title,
        }


def _educator_license(cells: tuple[str, str]) -> str:
    """A row's educator and license expiry cells, as written (``'Dana Whitfield' expiring '2026-06-30'``)."""
    return f"{show(cells[0])} expiring {show(cells[1])}"


def _written_out(hours: Fraction) -> Decimal | None:
    """``hours`` as a decimal, or ``None`` when it is none (a third of an hour): the library's context refuses
    an inexact division."""
    try:
        return to.DECIMAL.divide(hours.numerator, hours.denominator)
    except decimal.Inexact:
        return None


def _activities(value: Iterable[Activity]) -> tuple[Activity, ...]:
    return to.to_items(value, "activities", Activity, "a list of activities", "an Activity")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class EducatorRecord(Value):
    """One educator's license (its expiration date) and the activities toward its renewal.

    >>> from ceurules import load_record
    >>> record = load_record("docs/records/dana-whitfield.toml")
    >>> record.educator, record.license_expires, len(record.activities)
    ('Dana Whitfield', datetime.date(2026, 6, 30), 5)
    """

    educator: str = attrs.field(converter=to.text)
    license_expires: dt.date = attrs.field(converter=to.date)
    activities: tuple[Activity, ...] = attrs.field(default=(), converter=_activities)
    source: str = attrs.field(default="", validator=check_str, eq=False)
    #: Indexes other modules build once per record (the record is frozen, so they never go stale).
    cache: dict[object, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        refused = []  # every activity of another educator, every ID used again: all named at once
        for i, act in enumerate(self.activities):
            if act.educator is not None and act.educator != self.educator:
                expected = f"the record's educator {self.educator!r} (one per record)"
                refused.append(InvalidInputError(f"activities[{i}].educator", act.educator, expected))
            if act.id in seen:
                refused.append(InvalidInputError(f"activities[{i}].id", act.id, "an activity ID not used before"))
            seen.add(act.id)
        if refused:
            raise InvalidInputError.of(refused)

    def _repr_markdown_(self) -> str:
        return display.sections_markdown(display.record_sections(self), title=display.record_title(self))

    def _repr_html_(self) -> str:
        return display.sections_html(display.record_sections(self), title=display.record_title(self))


# -- loading ------------------------------------------------------------------------------------

_ACTIVITY_FIELDS = (
    "id",
    "date",
    "unit",
    "amount",
    "category",
    "grade",
    "hours",
    "origin",
    "reference",
    "title",
    "educator",
)


def _activity(p: Problems, table: Mapping[str, Any], path: str, default_id: str) -> Activity | None:
    p.unknown(table, _ACTIVITY_FIELDS, path)
    kwargs = {k: table[k] for k in _ACTIVITY_FIELDS if k in table and table[k] is not None}
    kwargs.setdefault("id", default_id)
    for key in ("date", "unit", "amount"):
        if key not in kwargs:
            p.add(join(path, key), "required field is missing")
    refused = _refused_fields(kwargs)  # every field that does not read, not the first alone
    for err in refused:
        p.refused(join(path, err.field), err)
    if refused or any(k not in kwargs for k in ("date", "unit", "amount")):
        return None
    try:
        return Activity(**kwargs)  # the checks across fields (stated hours on a CEU certificate only)
    except InvalidInputError as err:
        p.refused(join(path, err.field), err)
        return None


def _refused_fields(given: Mapping[str, Any]) -> list[InvalidInputError]:
    """The refusal of each of ``given``'s fields that :class:`Activity`'s own converter or validator refuses, each
    read on its own."""
    refused = []
    for field in attrs.fields(Activity):
        if field.name not in given:
            continue
        value, convert = given[field.name], field.converter
        try:
            if isinstance(convert, attrs.Converter):  # the library's converters that read the field's name
                value = getattr(convert, "converter")(value, field)  # noqa: B009 (untyped in attrs' stubs)
            elif convert is not None:
                value = convert(value)
            if field.validator is not None:
                field.validator(None, field, value)
        except InvalidInputError as err:
            refused.append(err)
    return refused


def _record(
    p: Problems, head: Mapping[str, Any], acts: list[tuple[str, Activity | None]], where: str = ""
) -> EducatorRecord | None:
    """The record of the head's educator and license and of ``acts`` (each with its place in the file: its
    table's path, or its CSV line); ``None`` when anything of the file was refused (each refusal noted in ``p``)."""
    educator = p.get(head, "educator", where, to_text)
    expires = p.get(head, "license_expires", where, to_date)
    if p.found:
        return None
    assert educator is not None  # read, since nothing was refused
    assert expires is not None
    activities = [a for _, a in acts if a is not None]  # all of them: a refused one was noted in p
    try:
        return EducatorRecord(educator=educator, license_expires=expires, activities=activities)
    except InvalidInputError as err:
        for one in err.each():  # activities[i].field: the i-th activity's own place
            index, _, field = one.field.removeprefix("activities[").partition("].")
            p.add(join(acts[int(index)][0], field), f"expected {one.expected}, got {show(one.value)}")
        return None


def _from_mapping(p: Problems, data: Mapping[str, Any]) -> EducatorRecord | None:
    p.unknown(data, ("educator", "license_expires", "activities"))
    tables = p.tables(data.get("activities", []), "activities")
    acts = [(path, _activity(p, t, path, str(i + 1))) for i, (path, t) in enumerate(tables)]
    return _record(p, data, acts)


_CSV_REQUIRED = ("educator", "license_expires", "date", "unit", "amount")


#: What the CSV reader's complaints mean to the author of the file.
_CSV_ERRORS = {
    "unexpected end of data": 'a quoted cell is not closed: its " has no closing " before the end of the file',
    "',' expected after '\"'": 'a quoted cell goes on after its closing " (write "" for a quote inside it)',
    f"field larger than field limit ({csv.field_size_limit()})": (
        f"not valid CSV: a cell of more than {csv.field_size_limit():,} characters"
    ),
}


def _from_csv(p: Problems, text: str) -> EducatorRecord | None:
    # a quote left open is an error, not the rest of the file; `A, "B"`: the quote after a space starts the cell
    reader = csv.DictReader(io.StringIO(text), strict=True, skipinitialspace=True)
    try:
        return _csv_record(p, reader)
    except csv.Error as err:  # in the header: the columns are not known
        _csv_error(p, reader, err)
        return None


def _csv_error(p: Problems, reader: csv.DictReader[str], err: csv.Error) -> None:
    """A line the CSV reader refuses, said at the line it starts on (the reader goes on with the next)."""
    p.add(f"line {reader.line_num + 1}", _CSV_ERRORS.get(str(err), f"not valid CSV: {err}"))


def _csv_rows(p: Problems, reader: csv.DictReader[str]) -> Iterator[dict[str | Any, str | Any]]:
    """The rows of ``reader``, each line it refuses said (the other rows are still read)."""
    rows = iter(reader)
    while True:
        try:
            yield next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            _csv_error(p, reader, err)


def _expiry_reads(p: Problems, cells: tuple[str, str], line: int) -> bool:
    """Whether a row's license expiry, when written, reads as a date (else its problem is said at its line)."""
    return not cells[1] or p.get({"license_expires": cells[1]}, "license_expires", f"line {line}", to_date) is not None


def _csv_record(p: Problems, reader: csv.DictReader[str]) -> EducatorRecord | None:
    columns = reader.fieldnames = [name.strip() for name in reader.fieldnames or []]  # `educator, date`: no spaces
    known = {"educator", "license_expires", *_ACTIVITY_FIELDS}
    unknown = [c for c in columns if c and c not in known]  # said once, at the header (a blank name: per cell)
    for column in unknown:
        p.add("line 1", f"unknown column {show(column)}{misspelling_of(column, known)}; expected one of "
                        f"{', '.join(sorted(known))}")
    missing = [c for c in _CSV_REQUIRED if c not in columns]
    if missing:
        p.add("line 1", f"missing column(s): {', '.join(missing)}")
        return None
    heads: dict[tuple[str, str], int] = {}
    acts: list[tuple[str, Activity | None]] = []
    for row in _csv_rows(p, reader):
        line = f"line {reader.line_num}"
        if None in row:
            p.add(line, f"more cells than columns: {', '.join(map(show, row[None]))}")
            continue
        cells = {k: v.strip() for k, v in row.items() if v is not None and v.strip() and k not in unknown}
        heads.setdefault((cells.get("educator", ""), cells.get("license_expires", "")), reader.line_num)
        rest = {k: v for k, v in cells.items() if k not in ("educator", "license_expires")}  # checked per row above
        acts.append((line, _activity(p, rest, line, str(reader.line_num))))
    found = list(heads.items())
    if not found and p.found:  # no row could be read: its problems are said, an empty record's are not
        return None
    found[1:] = [head for head in found[1:] if _expiry_reads(p, *head)]  # `2026-06-31` is no other license
    if len(found) > 1:
        (first, first_line), (other, line_number) = found[:2]
        p.add(
            f"line {line_number}",
            f"a record holds one educator and one license; this row names {_educator_license(other)}, "
            f"line {first_line} names {_educator_license(first)}",
        )
        return None
    educator, expires = found[0][0] if found else ("", "")
    return _record(p, {"educator": educator, "license_expires": expires}, acts, "line 2")


def load_record(source: str | os.PathLike[str] | Mapping[str, Any], *, name: str | None = None) -> EducatorRecord:
    """Read an educator's record from a ``.toml``, ``.json`` or ``.csv`` file, or a mapping.

    Raises :class:`~ceurules.RecordFileError` listing every problem with its place.

    >>> from ceurules import load_record
    >>> load_record("docs/records/dana-whitfield.toml").activities[0].id
    'ceu-2022-fall'
    """
    p = Problems()
    written, kind = "", ""  # the TOML or JSON text, to place each problem in, and its kind
    if isinstance(source, Mapping):
        label = to_label(name, "<mapping>")
        record = _from_mapping(p, source)
    elif isinstance(source, str | os.PathLike):
        given = path_name(source, error=RecordFileError, what="a record file", text_use="pass its fields as a mapping")
        label = to_label(name, given)
        text, kind = read_file(source, label, error=RecordFileError), Path(source).suffix.lower()
        if kind == ".csv":  # a CSV problem's path names its line
            record = _from_csv(p, text)
        else:
            record, written = _from_mapping(p, _parse(text, label, kind)), text
    else:
        raise InvalidInputError("source", source, "a file path or a mapping")
    if record is None:  # never without a problem found
        raise RecordFileError(label, p.found, _places(p.found, written, json_format=kind == ".json"))
    return attrs.evolve(record, source=label)


def _places(found: list[tuple[str, str]], text: str, *, json_format: bool) -> list[tuple[int, int] | None]:
    """Where each problem's value is written in a TOML or JSON record's ``text`` (none without text): the file
    is scanned only when it has a problem."""
    if not text:
        return [None] * len(found)
    from .locations import LocationIndex

    places = LocationIndex(without_bom(text), json_format=json_format)
    return [places.line_column(path) for path, _ in found]


def _parse(text: str, label: str, kind: str) -> Mapping[str, Any]:
    """A record's TOML or JSON text, read by the one reader of every file kind (:mod:`ceurules._files`)."""
    text = file_text(text, label, error=RecordFileError)
    if kind == ".json":
        data = parse_json(text, label, error=RecordFileError)
    else:
        data = parse_toml(text, label, error=RecordFileError)
    if not isinstance(data, Mapping):
        raise RecordFileError(label, [("", f"expected a table of fields at the top, got {show(data)}")])
    return data
