"""Program files: a program, its approval request and its participants, in TOML or JSON.

The format is documented in ``docs/program-files.md``. :func:`load_program_file`
checks every field and raises one :class:`~ceurules.ProgramFileError` naming the
file and listing every problem with its field path (``agenda[2].end``); it never
returns part of a file.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

import attrs

from .agenda import Agenda, Segment
from .approval import Approval, ApprovalRequest, Documents, WaiverRequest
from .credit import Attendance, CreditApplication, Payment
from .errors import InvalidInputError, ProgramFileError, as_written
from .locations import LocationIndex
from .programs import CourseCriteria, Instructor, Program
from .yearlong import Packet, PacketEntry

__all__ = ["PacketEntry", "ProgramFile", "load_program", "load_program_file", "load_program_text"]

T = TypeVar("T")
_MAX_BYTES = 5 * 1024 * 1024
_MAX_PROBLEMS = 200
_MAX_INT_DIGITS = 30


@attrs.frozen(kw_only=True)
class ProgramFile:
    """Everything one program file holds."""

    source: str
    program: Program
    request: ApprovalRequest | None = None
    approval: Approval | None = None
    applications: tuple[CreditApplication, ...] = ()
    packets: tuple[PacketEntry, ...] = ()
    locations: LocationIndex | None = attrs.field(default=None, eq=False, repr=False)
    """Where each field is written in the file (``None`` for an in-memory mapping)."""

    def where(self, path: str) -> tuple[int, int] | None:
        """``(line, column)`` of the value at ``path`` (or of its nearest table), if known."""
        found = self.locations.find(path) if self.locations is not None else None
        return (found.line, found.column) if found is not None else None


class _Reader:
    """Collects the problems of one file while its parts are built: the first ``_MAX_PROBLEMS``
    in full, the rest only counted, so a file of a million bad items costs no more to report."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self.omitted = 0

    def problem(self, path: str, message: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append((path, message))
        else:
            self.omitted += 1

    def table(self, value: object, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.problem(path, f"expected a table of fields, got {_show(value)}")
        return None

    def tables(self, value: object, path: str) -> list[tuple[str, Mapping[str, Any]]]:
        if not isinstance(value, list):
            self.problem(path, f"expected a list of tables, got {_show(value)}")
            return []
        found = []
        for i, item in enumerate(value):
            table = self.table(item, f"{path}[{i}]")
            if table is not None:
                found.append((f"{path}[{i}]", table))
        return found

    def build(
        self,
        cls: type[T],
        table: Mapping[str, Any],
        path: str,
        *,
        rename: Mapping[str, str] | None = None,
        given: Mapping[str, object] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> T | None:
        """Check each field of ``table`` with the field's own converter, then build ``cls``."""
        rename = rename or {}
        given = dict(given or {})
        fields = {a.name.lstrip("_"): a for a in attrs.fields(cast(Any, cls)) if a.init}
        known = {rename.get(k, k) for k in fields if k not in given} | skip
        ok = True
        for key in table:
            if key not in known:
                self.problem(_join(path, str(key)), f"unknown field; expected one of {', '.join(sorted(known))}")
                ok = False
        kwargs: dict[str, object] = {}
        for name, field in fields.items():
            key = rename.get(name, name)
            if name in given:
                if given[name] is None:  # a part that failed (reported already), or left out
                    ok &= field.default is not attrs.NOTHING
                else:
                    kwargs[name] = given[name]
                continue
            if key not in table:
                if field.default is attrs.NOTHING:
                    self.problem(_join(path, key), "required field is missing")
                    ok = False
                continue
            value = table[key]
            try:
                if field.converter is not None:
                    value = field.converter(value)
                elif field.type in ("bool", "bool | None") and not isinstance(value, bool):
                    raise InvalidInputError(key, value, "true or false")
            except InvalidInputError as err:
                self.problem(
                    _join(path, key) + _sub(err.field, key), f"expected {err.expected}, got {_show(err.value)}"
                )
                ok = False
                continue
            kwargs[name] = value
        if not ok:
            return None
        try:
            return cls(**kwargs)
        except InvalidInputError as err:
            self.problem(_join(path, err.field), f"expected {err.expected}, got {_show(err.value)}")
            return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _sub(field: str, key: str) -> str:
    """The part of an error's field path below ``key`` (``[2]`` of ``offering_dates[2]``)."""
    at = field.rfind(key)
    return field[at + len(key) :] if at >= 0 else ""


def _show(value: object) -> str:
    return as_written(value, 80)


def _program(reader: _Reader, data: Mapping[str, Any]) -> Program | None:
    criteria = None
    if "criteria" in data:
        table = reader.table(data["criteria"], "criteria")
        criteria = reader.build(CourseCriteria, table, "criteria") if table is not None else None
    segments: list[Segment] = []
    agenda_ok = True
    if "agenda" in data:
        for path, table in reader.tables(data["agenda"], "agenda"):
            seg = reader.build(Segment, table, path)
            agenda_ok &= seg is not None
            if seg is not None:
                segments.append(seg)
        agenda_ok &= isinstance(data["agenda"], list)
    agenda = None
    if agenda_ok:
        try:
            agenda = Agenda(segments=segments)
        except InvalidInputError as err:
            reader.problem(err.field, f"expected {err.expected}, got {_show(err.value)}")
    instructors: list[Instructor] = []
    people_ok = True
    if "instructors" in data:
        raw = data["instructors"]
        if isinstance(raw, list):
            for i, item in enumerate(raw):
                if isinstance(item, str):
                    item = {"name": item}
                table = reader.table(item, f"instructors[{i}]")
                person = reader.build(Instructor, table, f"instructors[{i}]") if table is not None else None
                people_ok &= person is not None
                if person is not None:
                    instructors.append(person)
        else:
            reader.problem("instructors", f"expected a list of instructors, got {_show(raw)}")
            people_ok = False
    given: dict[str, object] = {}
    if criteria is not None:
        given["criteria"] = criteria
    given["agenda"] = agenda if agenda is not None else Agenda()
    given["instructors"] = tuple(instructors)
    program = reader.build(
        Program,
        data,
        "",
        given=given,
        skip=frozenset(
            {"approval_request", "approval", "applications", "packets", "criteria", "agenda", "instructors"}
        ),
    )
    if ("criteria" in data and criteria is None) or agenda is None or not people_ok:
        return None
    return program


def _request(reader: _Reader, data: Mapping[str, Any], program: Program | None) -> ApprovalRequest | None:
    table = reader.table(data, "approval_request")
    if table is None:
        return None
    given: dict[str, object] = {"program": program}
    for key, cls in (("documents", Documents), ("waiver", WaiverRequest)):
        if key in table:
            path = f"approval_request.{key}"
            part = reader.table(table[key], path)
            given[key] = reader.build(cls, part, path) if part is not None else None
    nested = frozenset({"documents", "waiver"})
    return reader.build(ApprovalRequest, table, "approval_request", given=given, skip=nested)


def _approval(reader: _Reader, data: Mapping[str, Any], program: Program | None) -> Approval | None:
    table = reader.table(data, "approval")
    if table is None:
        return None
    if "dates" not in table and program is not None:
        return reader.build(Approval, table, "approval", given={"dates": program.offering_dates})
    return reader.build(Approval, table, "approval")


def _applications(reader: _Reader, data: object, program: Program | None) -> list[CreditApplication]:
    found = []
    for path, table in reader.tables(data, "applications"):
        attendance_keys = {"participant", "attended", "completed", "certificate_date"}
        attendance = reader.build(
            Attendance,
            {k: v for k, v in table.items() if k in attendance_keys},
            path,
            rename={"dates": "attended"},
            given={"session_last_day": None},
        )
        if attendance is not None and program is not None:  # D15: the window runs from the session's last day
            attendance = attrs.evolve(attendance, session_last_day=program.session_end(attendance.dates))
        payment = None
        if "paid" in table:
            payment = reader.build(Payment, {"paid": table["paid"]}, path)
        rest = {k: v for k, v in table.items() if k not in attendance_keys and k != "paid"}
        app = reader.build(
            CreditApplication,
            rest,
            path,
            given={"attendance": attendance, "payment": payment},
            skip=frozenset({*attendance_keys, "paid"}),
        )
        if app is not None:
            found.append(app)
    return found


def _packets(reader: _Reader, data: object) -> list[PacketEntry]:
    found: list[PacketEntry] = []
    seen: dict[tuple[str, int], str] = {}
    for path, table in reader.tables(data, "packets"):
        head = {k: table[k] for k in ("term", "school_year") if k in table}
        term, year = head.get("term"), head.get("school_year")
        if not isinstance(term, str) or not term.strip():
            reader.problem(_join(path, "term"), f"expected a term name such as 'fall', got {_show(term)}")
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2199:
            reader.problem(_join(path, "school_year"), f"expected a year such as 2026, got {_show(year)}")
        packet = reader.build(Packet, {k: v for k, v in table.items() if k not in head}, path)
        if packet is not None and isinstance(term, str) and term.strip() and isinstance(year, int):
            entry = PacketEntry(term=term, school_year=year, packet=packet)
            key = (entry.term, entry.school_year)
            if key in seen:
                second = f"a second packet for {entry.term} {entry.school_year} (first: {seen[key]}); one per term"
                reader.problem(path, second)
                continue
            seen[key] = path
            found.append(entry)
    return found


def read_capped(stream: BinaryIO, name: str) -> str:
    """Text of an open binary stream, read against the size cap (never whole first), as UTF-8."""
    try:
        raw = stream.read(_MAX_BYTES + 1)
    except OSError as err:
        raise ProgramFileError(name, [("", f"cannot read the file: {err.strerror or err}")]) from None
    if len(raw) > _MAX_BYTES:
        raise ProgramFileError(name, [("", f"the file is larger than {_MAX_BYTES} bytes")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProgramFileError(name, [("", f"the file is not UTF-8 text (byte {err.start})")]) from None


def _read(source: str | os.PathLike[str]) -> tuple[str, str]:
    name = os.fsdecode(source)
    if not name:
        raise ProgramFileError("<empty path>", [("", "the path is empty; name a program file")])
    try:
        with Path(name).open("rb") as stream:
            return name, read_capped(stream, name)
    except OSError as err:
        raise ProgramFileError(name, [("", f"cannot read the file: {err.strerror or err}")]) from None


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key given twice is refused, not taken last-wins."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Refused(f"the key {_show(key)} appears twice in one object")
        found[key] = value
    return found


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise _Refused(f"an integer of {len(text)} digits; at most {_MAX_INT_DIGITS} are read")
    return int(text)


class _Refused(Exception):
    """Raised inside the JSON parser to stop at a value the format refuses."""


def parse_text(text: str, name: str, *, json_format: bool) -> Mapping[str, Any]:
    """Parse program-file text as JSON or TOML; a syntax error names the file and the place."""
    try:
        data: object = (
            json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
            if json_format
            else tomllib.loads(text)
        )
    except json.JSONDecodeError as err:
        raise ProgramFileError(name, [("", f"not valid JSON: {err.msg}")], [(err.lineno, err.colno)]) from None
    except tomllib.TOMLDecodeError as err:
        raise ProgramFileError(name, *_toml_error(str(err), text)) from None
    except _Refused as err:
        raise ProgramFileError(name, [("", f"not accepted JSON: {err}")]) from None
    except ValueError:  # tomllib: an integer too long to convert
        raise ProgramFileError(name, [("", "not accepted TOML: an integer too long to read")]) from None
    except RecursionError:
        raise ProgramFileError(name, [("", "the data is nested too deeply")]) from None
    if not isinstance(data, Mapping):
        raise ProgramFileError(name, [("", f"expected a table of fields at the top, got {_show(data)}")])
    return data


def _toml_error(message: str, text: str) -> tuple[list[tuple[str, str]], list[tuple[int, int]]]:
    """The problem and place of a TOML syntax error (tomllib writes the place into its message)."""
    at = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    end = (text.count("\n") + 1, len(text) - text.rfind("\n"))  # "(at end of document)"
    where = (int(at[1]), int(at[2])) if at is not None else end
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    return [("", f"not valid TOML: {message}")], [where]


def load_program_text(text: str, name: str, *, json_format: bool) -> ProgramFile:
    """Read program-file text (TOML, or JSON with ``json_format``); problems carry lines and columns."""
    data = parse_text(text, name, json_format=json_format)
    return _load(data, name, LocationIndex(text, json_format=json_format))


def load_program_file(source: str | os.PathLike[str] | Mapping[str, Any], *, name: str | None = None) -> ProgramFile:
    """Read a program file (``.toml`` or ``.json``) or an in-memory mapping of the same shape.

    Raises :class:`~ceurules.ProgramFileError` listing every problem, each with its field path
    (and, for a file, the line and column of the value).
    """
    if isinstance(source, Mapping):
        return _load(source, name or "<mapping>", None)
    if isinstance(source, str | os.PathLike):
        label, text = _read(source)
        return load_program_text(text, name or label, json_format=Path(source).suffix.lower() == ".json")
    raise InvalidInputError("source", source, "a file path or a mapping")


def _load(data: Mapping[str, Any], label: str, locations: LocationIndex | None) -> ProgramFile:
    reader = _Reader()
    try:
        program = _program(reader, data)
        request = _request(reader, data["approval_request"], program) if "approval_request" in data else None
        approval = _approval(reader, data["approval"], program) if "approval" in data else None
        applications = _applications(reader, data["applications"], program) if "applications" in data else []
        packets = _packets(reader, data["packets"]) if "packets" in data else []
    except RecursionError:
        reader.problem("", "the data is nested too deeply")
    if reader.problems or program is None:
        order = {str(key): i for i, key in enumerate(data)}
        found = sorted(reader.problems, key=lambda p: order.get(re.split(r"[.\[]", p[0])[0], -1))
        found = found or [("", "the program could not be read")]
        where = [locations.find(path) if locations is not None else None for path, _ in found]
        raise ProgramFileError(label, found, [(w.line, w.column) if w else None for w in where], reader.omitted)
    return ProgramFile(
        source=label,
        program=program,
        request=request,
        approval=approval,
        applications=tuple(applications),
        packets=tuple(packets),
        locations=locations,
    )


def load_program(source: str | os.PathLike[str] | Mapping[str, Any]) -> Program:
    """The program of a program file or mapping (see :func:`load_program_file`)."""
    return load_program_file(source).program
