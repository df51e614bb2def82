"""Program files: a program, its approval request and its participants, in TOML or JSON.

The format is documented in ``docs/program-files.md``. :func:`load_program_file`
checks every field and raises one :class:`~ceurules.ProgramFileError` naming the
file and listing every problem with its field path (``agenda[2].end``); it never
returns part of a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from . import _display as show
from ._convert import to_label
from ._display import quoted
from ._fields import show as _show  # a refused value as the file wrote it
from ._files import KEY_TWICE, file_text, parse_toml, path_name, read_file, read_json
from ._value import Value
from .agenda import Agenda, Segment
from .approval import Approval, ApprovalRequest, Documents, WaiverRequest
from .credit import Attendance, CreditApplication, Payment
from .errors import InvalidInputError, ProgramFileError, misspelling_of
from .locations import LocationIndex
from .policy import DEFAULT, Policy, check_policy
from .program_format import FORMAT, NAME, Field, Refused, Table, refused, sheet_days
from .programs import CourseCriteria, Instructor, Program

if TYPE_CHECKING:  # a year-long program's packets: the module is imported by the files that hold some
    from .yearlong import PacketEntry, YearLong

__all__ = ["PacketEntry", "ProgramFile", "load_program", "load_program_file", "load_program_text"]

T = TypeVar("T")
_MAX_PROBLEMS = 200
#: Reading limits of program-file text, beside the 5 MB size cap: each keeps the check of any file within
#: seconds. TOML text is parsed about five times slower than JSON, so it is capped lower.
MAX_TOML_BYTES = 1024 * 1024
MAX_VALUES = 20_000  # list items and table fields, at every depth
MAX_APPLICATIONS = 2_000


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ProgramFile(Value):
    """Everything one program file holds.

    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> pf.program.title, len(pf.applications), pf.where("approval_request.received")
    ('Literacy Strategies for the Middle Grades', 2, (66, 12))
    """

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

    def year_long(self, *, policy: Policy = DEFAULT) -> YearLong | None:
        """The file's packets as the rules take them (the ``year_long=`` of :func:`~ceurules.is_on_time`,
        :func:`~ceurules.credit_status`, :func:`~ceurules.application_summaries` and
        :func:`~ceurules.timeline`), as ``ceurules check`` reads them; ``None`` for a program that is not
        year-long. An application of a year-long program judged without them is judged by the window of
        a workshop's participant (``credit.window``), not by its packet (D14).

        >>> from ceurules import is_on_time, load_program_file
        >>> pf = load_program_file("docs/examples/plc-yearlong.ceu.toml")
        >>> is_on_time(pf.applications[0], year_long=pf.year_long())
        True
        """
        if not self.program.year_long:
            return None
        from .yearlong import YearLong

        return YearLong.for_program(self.program, self.packets, policy=check_policy(policy))

    def _repr_markdown_(self) -> str:
        return show.sections_markdown(show.file_sections(self), title=f"Program file: {self.source}")

    def _repr_html_(self) -> str:
        return show.sections_html(show.file_sections(self), title=f"Program file: {self.source}")


class _Reader:
    """Reads the tables of one file by the format's description, collecting its problems with their paths.

    Reading stops at the first problem past ``_MAX_PROBLEMS`` (:class:`_Enough`), so a file of half a million
    bad items costs no more than one of two hundred; the rest of the file is not read.
    """

    def __init__(self, locations: LocationIndex | None) -> None:
        self.problems: list[tuple[str, str]] = []
        self.omitted = 0
        self.locations = locations

    def problem(self, path: str, message: str) -> None:
        if len(self.problems) >= _MAX_PROBLEMS:
            self.omitted = 1
            raise _Enough
        self.problems.append((path, message))

    def refused(self, err: InvalidInputError, below: str = "", *, built: bool = False) -> None:
        """Record a refusal, each item of it for a list; its field is named below the table at ``below``.
        A value is shown as the file wrote it, except in the refusal of an object ``built`` from the file's
        fields, where no value (``None``) is a field the file leaves out: ``missing``."""
        for one in err.each():
            path = _join(below, one.field)
            shown = "missing" if built and one.value is None else self.shown(path, one.value)
            self.problem(path, f"expected {one.expected}, got {shown}")

    def shown(self, path: str, value: object) -> str:
        """A refused value as the file wrote it; a TOML date-time or time from the file's text, which keeps what
        its parsed value does not (``Z``, a space for ``T``, the digits of a fraction of a second)."""
        if isinstance(value, dt.datetime | dt.time) and self.locations is not None:
            written = self.locations.written(path)
            if written is not None:
                return written
        return _show(value)

    def table(self, spec: Table, data: object, path: str) -> _Values | None:
        """The fields of ``data`` that read as ``spec`` says; ``complete`` when nothing was refused."""
        if not isinstance(data, Mapping):
            self.problem(path, f"expected a table of fields, got {self.shown(path, data)}")
            return None
        ok = True
        for key in data:
            if key not in spec.keys:
                near, known = misspelling_of(key, spec.keys), ", ".join(sorted(spec.keys))
                self.problem(_join(path, str(key)), f"unknown field{near}; expected one of {known}")
                ok = False
        values = _Values()
        for field in spec.fields:
            where = _join(path, field.key)
            if field.key not in data:
                if field.required:
                    self.problem(where, "required field is missing")
                    ok = False
                continue
            value = self.value(field, data[field.key], where)
            ok &= value is not _BAD and (not isinstance(value, _Values) or value.complete)
            ok &= not isinstance(value, list) or all(isinstance(v, _Values) and v.complete for v in value)
            if value is not _BAD:
                values[field.key] = value
        values.complete, values.given = ok, data
        return values

    def value(self, field: Field, raw: object, where: str) -> Any:
        if isinstance(field.kind, Table):
            if not field.many:
                found = self.table(field.kind, raw, where)
                return _BAD if found is None else found
            if not isinstance(raw, list):
                self.problem(where, f"expected a list of tables, got {self.shown(where, raw)}")
                return _BAD
            return [self.item(field, item, f"{where}[{i}]") for i, item in enumerate(raw)]
        try:
            return field.kind.read(raw)
        except Refused as err:
            self.refused(refused(where, raw, err))
            return _BAD

    def item(self, field: Field, raw: object, where: str) -> _Values | None:
        if field.or_name and isinstance(raw, str):  # an instructor written as just the name
            try:
                raw = {"name": NAME.read(raw)}
            except Refused as err:
                self.refused(refused(where + ".name", raw, err))
                return None
        assert isinstance(field.kind, Table)
        return self.table(field.kind, raw, where)

    def build(self, path: str, make: Callable[[], T]) -> T | None:
        """``make()``, with an object's refusal recorded below ``path``."""
        try:
            return make()
        except InvalidInputError as err:
            self.refused(err, path, built=True)
            return None


_BAD: Any = object()


class _Enough(Exception):
    """Raised by the reader at the first problem past ``_MAX_PROBLEMS``: the file is not read further."""


class _Values(dict[str, Any]):
    """The fields of a table that could be read; ``complete`` when no field of it (or below) was refused;
    ``given``, the table as the file gives it."""

    complete = True
    given: Mapping[Any, Any] = {}


def _complete(values: object) -> bool:
    return isinstance(values, _Values) and values.complete


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path and key else path or key




_PARTS = frozenset({"approval_request", "approval", "applications", "packets"})


def _program(reader: _Reader, values: _Values) -> Program | None:
    fields = {k: v for k, v in values.items() if k not in _PARTS}
    rows = fields.get("agenda", [])
    segments = [
        reader.build(f"agenda[{i}]", partial(Segment, **row)) if _complete(row) else None for i, row in enumerate(rows)
    ]
    if reader.problems:  # the program's own fields are not all readable
        return None
    if "criteria" in fields:
        fields["criteria"] = CourseCriteria(**fields["criteria"])
    instructors = [Instructor(**person) for person in fields.get("instructors", [])]
    agenda = reader.build("", lambda: Agenda(segments=cast(list[Segment], segments)))  # all built: no problem
    if agenda is None:
        return None
    fields.update(agenda=agenda, instructors=instructors)
    return reader.build("", lambda: Program(**fields))


def _request(reader: _Reader, values: dict[str, Any], program: Program) -> ApprovalRequest | None:
    documents = Documents(**values["documents"]) if "documents" in values else Documents()
    waiver = WaiverRequest(**values["waiver"]) if "waiver" in values else None
    return reader.build(
        "approval_request",
        lambda: ApprovalRequest(program=program, received=values["received"], documents=documents, waiver=waiver),
    )


def _approval(reader: _Reader, values: dict[str, Any], program: Program) -> Approval | None:
    dates = values.get("dates", program.offering_dates)
    return reader.build("", lambda: Approval(dates=dates, approved_on=values.get("approved_on")))


def _approved_after_request(reader: _Reader, request: ApprovalRequest | None, approval: Approval | None) -> None:
    """An approval answers a request, after its review (``approval.review``): one dated before the request was
    received holds a wrong date, and no answer could rest on both."""
    approved = approval.approved_on if approval is not None else None
    if request is not None and approved is not None and approved < request.received:
        reader.problem(
            "approval.approved_on",
            f"approved on {approved}, before the request was received ({request.received}); an approval answers "
            "a request after its review (approval.review), so one of the two dates is wrong",
        )


def _applications(reader: _Reader, rows: list[_Values | None], program: Program | None) -> list[CreditApplication]:
    found: list[CreditApplication] = []
    seen: dict[tuple[str, dt.date], str] = {}  # (participant, day) -> the first place an application lists it
    for i, row in enumerate(rows):
        path = f"applications[{i}]"
        once = row is None or _attended_once(reader, row, path, seen)  # also when another field is refused
        if row is None or not row.complete or not once:
            continue

        def make(row: dict[str, Any] = row) -> CreditApplication:
            attendance = Attendance(
                participant=row["participant"],
                dates=row["attended"],
                completed=row.get("completed", True),
                certificate_date=row.get("certificate_date"),
                session_last_day=program.session_end(row["attended"]) if program else None,  # D15
            )
            payment = Payment(paid=row["paid"]) if "paid" in row else None
            return CreditApplication(
                attendance=attendance,
                submitted=row.get("submitted"),
                proof_uploaded=row.get("proof_uploaded", False),
                payment=payment,
                issued=row.get("issued"),
            )

        app = reader.build(path, make)
        if app is not None:
            found.append(app)
    return found


def _attended_once(reader: _Reader, row: _Values, path: str, seen: dict[tuple[str, dt.date], str]) -> bool:
    """Whether no earlier application of the participant lists a day this one lists (each such day is a
    problem: the credit of one meeting would count twice); ``seen`` records the days of the applications read."""
    participant: str = row.get("participant", "")  # as read: a refused name or list leaves nothing to compare
    twice = False
    for j, day in enumerate(row.get("attended", ()) if participant else ()):  # as the file lists them
        first = seen.setdefault((participant, day), f"{path}.attended[{j}]")
        if not first.startswith(f"{path}."):
            reader.problem(
                f"{path}.attended[{j}]",
                f"a second application of {quoted(participant)} for {day} (first: {first}); one per participant "
                "and meeting",
            )
            twice = True
    return not twice


def _packets(reader: _Reader, values: _Values, program: Program | None) -> list[PacketEntry]:
    """The packets; each sign-in sheet is checked against the meeting dates, the program's, or the file's
    ``offering_dates`` as read when another field keeps the program from being built, so that its problem is
    listed with the others (and so is a packet of a program that is not year-long)."""
    found: list[PacketEntry] = []
    seen: dict[tuple[str, int], str] = {}
    rows: list[_Values | None] = values.get("packets", [])
    # the program's flag; else the file's as read (left out: not year-long; refused: not known, so not said)
    flag = program.year_long if program is not None else values.get("year_long", "year_long" in values.given)
    if rows and not flag:
        reader.problem("packets", "packets belong to a year-long program; this one does not say year_long = true")
        return found
    offered = values.get("offering_dates")
    meetings = program.offering_dates if program is not None else offered if isinstance(offered, tuple) else None
    for i, row in enumerate(rows):
        path = f"packets[{i}]"
        if row is None:
            continue
        # the sheets as read, also when another field of the packet, or another sheet's date, is refused
        for day in row["sign_ins"] if "sign_ins" in row else sheet_days(row.given.get("sign_ins")):
            if meetings is not None and day not in meetings:
                reader.problem(f"{path}.sign_ins.{day}", f"a sign-in sheet for {day}, which is not a meeting date")
        if not row.complete:
            continue
        head = {k: row[k] for k in ("term", "school_year")}
        rest = {k: v for k, v in row.items() if k not in head}
        entry = reader.build(path, partial(_packet_entry, head, rest))
        if entry is None:
            continue
        key = (entry.term, entry.school_year)
        if key in seen:
            from .yearlong import term_label

            reader.problem(path, f"a second packet for {term_label(*key)} (first: {seen[key]}); one per term")
            continue
        seen[key] = path
        found.append(entry)
    return found


def _packet_entry(head: dict[str, Any], rest: dict[str, Any]) -> PacketEntry:
    from .yearlong import Packet, PacketEntry

    return PacketEntry(**head, packet=Packet(**rest))



def _contact_hours(reader: _Reader, program: Program) -> None:
    if program.contact_hours is not None and program.agenda.segments:
        reader.problem(
            "contact_hours",
            f"contact hours ({program.contact_hours}) stated beside a timed agenda; contact time comes from the "
            "agenda, so leave contact_hours out (or the agenda, for a program without one)",
        )


def _read(source: str | os.PathLike[str]) -> tuple[str, str]:
    text_use = "to read program-file text, use ceurules.program_files.load_program_text(text, name, json_format=...)"
    name = path_name(source, error=ProgramFileError, what="a program file", text_use=text_use)
    return name, read_file(name, name)


def parse_text(text: str, name: str, *, json_format: bool) -> Mapping[str, Any]:
    """Parse program-file text as JSON or TOML (the one reader, :mod:`ceurules._files`); a syntax error, or
    a JSON key given twice, names the file and the place."""
    data, twice = _parsed(text, name, json_format=json_format)
    if twice:
        raise ProgramFileError(name, [(path, KEY_TWICE) for path, _ in twice], [where for _, where in twice])
    return data


def _parsed(text: str, name: str, *, json_format: bool) -> tuple[Mapping[str, Any], list[tuple[str, tuple[int, int]]]]:
    """Program-file text parsed, with the JSON keys it gives twice (their first values kept; see
    :func:`ceurules._files.read_json`)."""
    if not json_format and len(text) > MAX_TOML_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_TOML_BYTES:
        problem = f"TOML text larger than {MAX_TOML_BYTES} bytes; write a larger file as JSON"
        raise ProgramFileError(name, [("", problem)])
    data, twice = read_json(text, name) if json_format else (parse_toml(text, name), [])
    if not isinstance(data, Mapping):
        raise ProgramFileError(name, [("", f"expected a table of fields at the top, got {_show(data)}")])
    return data, twice


def _within_limits(data: Mapping[str, Any], name: str, locations: LocationIndex) -> None:
    """Refuse parsed text holding more values, or applications, than a program file is read with."""
    if _values_over(data, MAX_VALUES):
        problem = f"more than {MAX_VALUES} values (list items and fields); a program file holds at most that many"
        raise ProgramFileError(name, [("", problem)])
    applications = data.get("applications")
    if isinstance(applications, list) and len(applications) > MAX_APPLICATIONS:
        problem = (
            f"{len(applications)} applications; a program file holds at most {MAX_APPLICATIONS}: "
            "split them over several files of the same program"
        )
        where = locations.find("applications")
        raise ProgramFileError(name, [("applications", problem)], [(where.line, where.column) if where else None])


def _values_over(data: object, limit: int) -> bool:
    """Whether ``data`` holds more than ``limit`` list items and table fields; stops counting past it."""
    count, stack = 0, [data]
    while stack:
        node = stack.pop()
        items = node.values() if isinstance(node, Mapping) else node if isinstance(node, list) else ()
        count += len(items)
        if count > limit:
            return True
        stack.extend(items)
    return False


def load_program_text(text: str, name: str, *, json_format: bool) -> ProgramFile:
    """Read program-file text (TOML, or JSON with ``json_format``); problems carry lines and columns.

    A leading byte-order mark is read as no mark; text of nothing but white space is refused as empty.
    """
    text = file_text(text, name)
    data, twice = _parsed(text, name, json_format=json_format)
    locations = LocationIndex(text, json_format=json_format)
    _within_limits(data, name, locations)
    return _load(data, name, locations, twice)


def _is_json_name(source: str | os.PathLike[str]) -> bool:
    return os.path.splitext(os.fspath(source))[1].lower() == ".json"


def load_program_file(source: str | os.PathLike[str] | Mapping[str, Any], *, name: str | None = None) -> ProgramFile:
    """Read a program file (``.toml`` or ``.json``) or an in-memory mapping of the same shape.

    Raises :class:`~ceurules.ProgramFileError` listing every problem, each with its field path
    (and, for a file, the line and column of the value). ``source`` is a path, never file text: text (it
    holds a line break) is refused as such; :func:`load_program_text` reads text.

    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> [a.participant for a in pf.applications]
    ['Jordan Lee', 'Riley Chen']
    """
    if isinstance(source, Mapping):
        return _load(source, to_label(name, "<mapping>"), None)
    if isinstance(source, str | os.PathLike):
        label, text = _read(source)
        return load_program_text(text, to_label(name, label), json_format=_is_json_name(source))
    raise InvalidInputError("source", source, "a file path or a mapping")


def _load(
    data: Mapping[str, Any], label: str, locations: LocationIndex | None, twice: Sequence[Place] = ()
) -> ProgramFile:
    """The program file of ``data``; else every problem of it, and each JSON key given ``twice``, in one error
    (in the order of the file, for a file)."""
    reader = _Reader(locations)
    program = None
    try:
        values = reader.table(FORMAT, data, "")
        assert values is not None  # the top of a file is a table
        program = _program(reader, values)
        if program is not None:
            _contact_hours(reader, program)
        request = approval = None
        if program is not None and _complete(values.get("approval_request")):
            request = _request(reader, values["approval_request"], program)
        if program is not None and _complete(values.get("approval")):
            approval = _approval(reader, values["approval"], program)
        _approved_after_request(reader, request, approval)
        applications = _applications(reader, values.get("applications", []), program)
        packets = _packets(reader, values, program)
    except RecursionError:
        with contextlib.suppress(_Enough):
            reader.problem("", "the data is nested too deeply")
    except _Enough:
        pass
    if reader.problems or twice or program is None:
        raise _problems(reader, data, label, locations, twice)
    return ProgramFile(
        source=label,
        program=program,
        request=request,
        approval=approval,
        applications=tuple(applications),
        packets=tuple(packets),
        locations=locations,
    )


#: A field path and the ``(line, column)`` where it is written.
Place = tuple[str, tuple[int, int]]


def _problems(
    reader: _Reader, data: Mapping[str, Any], label: str, locations: LocationIndex | None, twice: Sequence[Place]
) -> ProgramFileError:
    """One error for every problem found: in the order of the file when it is text (the file as a whole
    first), else of the mapping's fields; a key given twice at its second writing."""
    order = {str(key): i for i, key in enumerate(data)}
    found = sorted(reader.problems, key=lambda p: order.get(re.split(r"[.\[]", p[0])[0], -1))
    if not found and not twice:
        found = [("", "the program could not be read")]
    places = [locations.line_column(path) if locations is not None else None for path, _ in found]
    listed = [*zip(found, places, strict=True), *(((path, KEY_TWICE), where) for path, where in twice)]
    if locations is not None:
        listed.sort(key=lambda problem: problem[1] or (0, 0))
    omitted = reader.omitted or int(len(listed) > _MAX_PROBLEMS)  # keys twice count toward the cap too
    listed = listed[:_MAX_PROBLEMS]
    return ProgramFileError(label, [p for p, _ in listed], [w for _, w in listed], omitted)


def load_program(source: str | os.PathLike[str] | Mapping[str, Any]) -> Program:
    """The program of a program file or mapping (see :func:`load_program_file`).

    >>> from ceurules import load_program
    >>> load_program("docs/examples/workshop.ceu.toml").offering_dates
    (datetime.date(2026, 12, 15), datetime.date(2027, 1, 12))
    """
    return load_program_file(source).program


def __getattr__(name: str) -> Any:
    """:class:`~ceurules.PacketEntry`, a packet as a file holds it, from :mod:`ceurules.yearlong` (read on first
    use: a file of a single workshop does not need the year-long rules)."""
    if name != "PacketEntry":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .yearlong import PacketEntry

    return PacketEntry
