"""Case files: the policy's worked examples as data, and the one runner that checks them.

A case file is TOML. Its ``[programs.NAME]`` tables are programs in the
program-file format (``docs/program-files.md``); each ``[[case]]`` names the
clause it is about and the defaults (D1-D16) it exercises, takes a program
(``based_on`` one of the file's programs or a program file beside it, with
``[case.program]`` changes merged in table by table; a list or a value
replaces the base's), may set the day it is checked ``as_of`` and override policy
parameters in ``[case.policy]`` (the parameters and values of a policy file),
and says in ``[case.expect]`` what the rules must answer:

- ``verdict``: the answer for the whole program file (``pass``, ``fail``, ``needs review``);
- ``ceus``: the credit the program carries, written out (``"0.8"``);
- ``outcomes``: for a clause, the outcome every finding citing it has (``"met"``), or the
  outcomes of those findings in order (``["met", "not met"]``; ``[]``: none cites it);
- ``facts``: for a clause, facts one finding citing it carries (dates, CEUs, counts);
- ``events``: dated events of the timeline (``{ clause = ..., day = ..., default = ... }``).

A case also checks that its clause is cited by the answer (a finding or a
timeline event), so a case counted for a clause does exercise it. ``ceurules test`` runs case files
from the command line, and the test suite runs ``tests/cases/*.toml``.

A case file with mistakes raises one :class:`~ceurules.errors.CaseFileError` listing every
problem of the file and of each case in it (field path, line and column, the value as written),
so one run shows them all. A failed case names the line of each expectation that did not hold;
for ``facts``, only the facts that differ, of the finding closest to the expectation.

    >>> from ceurules.cases import load_cases, run_case
    >>> cases = load_cases("docs/cases/approval.toml")
    >>> [run_case(case).passed for case in cases]
    [True, True, True]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar, TypeVarTuple

import attrs

from ._files import file_text, parse_toml, path_name, read_file
from ._json import JSON, plain
from ._value import Value
from .clauses import CLAUSES, DEFAULTS
from .decisions import Finding, Outcome, Verdict
from .errors import (
    CaseFileError,
    CeuRulesError,
    InvalidInputError,
    PolicyFileError,
    ProgramFileError,
    field_label,
    place_label,
)
from .locations import LocationIndex
from .policy import DEFAULT, Policy, check_policy
from .program_files import ProgramFile, load_program_file
from .review import FileReport, review_program_file
from .timelines import Event, timeline
from .yearlong import YearLong

__all__ = ["Case", "CaseResult", "Expected", "case_files", "clause_map", "load_cases", "run_case"]

_CASE_KEYS = ("name", "clause", "defaults", "based_on", "program", "as_of", "participant", "policy", "expect")
_EXPECT_KEYS = ("verdict", "ceus", "outcomes", "facts", "events")
_EVENT_KEYS = ("clause", "day", "default")
_OUTCOMES = tuple(o.value for o in Outcome)
_VERDICTS = tuple(dict.fromkeys(v.value for v in Verdict))
_T = TypeVar("_T")
_Ts = TypeVarTuple("_Ts")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Expected(Value):
    """What a case says the rules answer (``None``, empty: not checked)."""

    verdict: str | None = None
    ceus: Decimal | None = None
    outcomes: Mapping[str, str | tuple[str, ...]] = attrs.field(factory=dict)
    facts: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict)
    """For each clause, facts as the case file writes them (dates as dates, text as text)."""
    events: tuple[tuple[str, dt.date, str | None], ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Case(Value):
    """One worked example of the policy: its clause, inputs and expected answer."""

    source: str
    line: int | None
    name: str
    clauses: tuple[str, ...]
    defaults: tuple[str, ...] = ()
    program: ProgramFile
    as_of: dt.date | None = None
    participant: str | None = None
    overrides: Mapping[str, object] = attrs.field(factory=dict)
    expected: Expected
    lines: Mapping[str, int | None] = attrs.field(factory=dict)
    """The line of each expectation, by its key below ``expect`` (``verdict``, ``facts."credit.window"``,
    ``events[0]``), and of ``clause``: a failed case names the line of what failed."""

    @property
    def id(self) -> str:
        """``file-stem: name``, unique among the cases of a folder (the test id)."""
        return f"{Path(self.source).stem}: {self.name}"

    @property
    def where(self) -> str:
        """The file and line of the case, as messages name it."""
        return self.source + (f", line {self.line}" if self.line is not None else "")

    def policy(self, base: Policy = DEFAULT) -> Policy:
        """``base`` with the case's overrides (an overridden parameter loses its dated versions)."""
        base = check_policy(base, "base")
        if not self.overrides:
            return base
        values: dict[str, Any] = {**self.overrides}
        values["changes"] = [c for c in base.changes if c.parameter not in self.overrides]
        return attrs.evolve(base, **values)


@attrs.frozen(repr=False, eq=False)
class CaseResult(Value):
    """A case run: what did not come out as the case says (nothing: it passed)."""

    case: Case
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.passed:
            return f"PASS {self.case.id}"
        shown = (f"  - {p}".replace("\n", "\n      ") for p in self.problems)  # a problem's details indented
        return "\n".join([f"FAIL {self.case.id} ({self.case.where})", *shown])


# -- reading ----------------------------------------------------------------------------


class _Problems(Exception):
    """Mistakes found by a check, ``(field path, message)`` each; the reader collects them and reads on."""

    def __init__(self, *found: tuple[str, str]) -> None:
        super().__init__(*found)
        self.found = found


class _Reader:
    """Reads one case file, collecting every mistake (with the line and column of the field at fault)."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.locations = LocationIndex(text)  # TOML
        self.problems: list[tuple[str, str]] = []
        self.beside: dict[str, LocationIndex] = {}  # the program files beside it that cases are based on

    def error(self, field: str, message: str) -> _Problems:
        return _Problems((field, message))

    @contextlib.contextmanager
    def each(self) -> Iterator[None]:
        """Note the problems raised inside, so reading goes on with the next field."""
        try:
            yield
        except _Problems as raised:
            self.problems.extend(raised.found)

    def line(self, field: str) -> int:
        found = self.locations.find(field)
        assert found is not None  # a field is placed, at worst at the top (only the file as a whole is not)
        return found.line

    def failure(self) -> CaseFileError:
        """Every problem noted, in the order the file writes them (each once)."""
        problems = list(dict.fromkeys(self.problems))
        places = [self.locations.find(_located(field)) for field, _ in problems]
        located = sorted(zip(places, problems, strict=True), key=lambda p: (p[0].line, p[0].column) if p[0] else (0, 0))
        (first, (field, message)) = located[0]
        return CaseFileError(
            self.source,
            first.line if first else None,
            field,
            message,
            first.column if first else None,
            [problem for _, problem in located],
            [(at.line, at.column) if at else None for at, _ in located],
        )

    def table(
        self, value: object, field: str, keys: Iterable[str] | None = None, required: Iterable[str] = ()
    ) -> dict[str, Any]:
        """``value`` as a table: each key not among ``keys`` (any key, without them) and each ``required`` key
        that is missing noted."""
        if not isinstance(value, dict):
            raise self.error(field, f"expected a table, got {plain_text(value)}")
        known = tuple(value if keys is None else keys)
        for key in value:
            if key not in known:
                self.problems.append((_key(field, key), f"unknown field; expected one of {', '.join(known)}"))
        for key in required:
            if key not in value:
                self.problems.append((field, f"required field {key!r} is missing"))
        return value

    def choice(self, value: object, field: str, allowed: Iterable[str], what: str) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.error(field, f"expected {what}, got {plain_text(value)}")
        return value

    def choices(self, values: Iterable[object], field: str, allowed: Iterable[str], what: str) -> tuple[str, ...]:
        """Each of ``values`` (``field[i]``) one of ``allowed``; every one that is not is noted."""
        found = []
        for i, value in enumerate(values):
            with self.each():
                found.append(self.choice(value, f"{field}[{i}]", allowed, what))
        return tuple(found)

    def date(self, value: object, field: str) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        raise self.error(field, f"expected a date such as 2026-12-15, got {plain_text(value)}")


def _located(field: str) -> str:
    """``field`` as the location index names it: a quoted key (a clause ID) without its quotes."""
    return re.sub(r'"([^"]*)"', r"\1", field)


def _key(field: str, key: str) -> str:
    """The path of ``key`` below ``field``, quoted as TOML quotes it when it holds a dot (a clause ID)."""
    name = f'"{key}"' if "." in key else key
    return f"{field}.{name}" if field else name


def plain_text(value: object) -> str:
    """A value as a case file (TOML) writes it, for messages (:func:`as_case_writes`), cut to 120 characters."""
    text = as_case_writes(value, as_read=True)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


_SHOWN = 120


def load_cases(path: str | Path) -> tuple[Case, ...]:
    """Every case of a case file; a file that cannot be read raises :class:`~ceurules.errors.CaseFileError`
    listing every problem found in it (each with its field, line and column)."""
    source = path_name(path, error=CaseFileError, what="a case file")
    text = file_text(read_file(path, source, error=CaseFileError), source, error=CaseFileError)
    data = parse_toml(text, source, error=CaseFileError)
    reader = _Reader(source, text)
    top = reader.table(data, "", ("programs", "case"), required=("case",))
    with reader.each():
        programs = reader.table(top.get("programs", {}), "programs")
        rows = top.get("case") or []  # required: when it is missing, the layout is wrong
        if "case" in top and (not isinstance(rows, list) or not rows):
            raise reader.error("case", "expected one or more [[case]] tables")
    if reader.problems:  # the file's layout is wrong: its cases cannot be told apart
        raise reader.failure()
    cases = [_checked(reader, _case, reader, programs, row, f"case[{i}]") for i, row in enumerate(rows)]
    names = [row.get("name") if isinstance(row, dict) else None for row in rows]
    for i, name in enumerate(names):
        if isinstance(name, str) and name in names[:i]:
            reader.problems.append((f"case[{i}].name", f"two cases are named {name!r}"))
    if reader.problems:
        raise reader.failure()
    return tuple(c for c in cases if c is not None)


def _checked(reader: _Reader, read: Callable[[*_Ts], _T], *args: *_Ts) -> _T | None:
    """``read(*args)``, or ``None`` when it finds a problem (every problem it finds is noted)."""
    before = len(reader.problems)
    with reader.each():
        found = read(*args)
        return found if len(reader.problems) == before else None
    return None


def _case(reader: _Reader, programs: Mapping[str, Any], row: object, field: str) -> Case:
    data = reader.table(row, field, _CASE_KEYS, required=("name", "clause", "expect"))
    name = _checked(reader, _name, reader, data["name"], f"{field}.name") if "name" in data else None
    clauses = _checked(reader, _clauses, reader, data["clause"], f"{field}.clause") if "clause" in data else None
    defaults = _checked(reader, _defaults, reader, data.get("defaults", []), f"{field}.defaults")
    program = _checked(reader, _program, reader, programs, data, field)
    participant = data.get("participant")
    known = {a.participant for a in program.applications} if program is not None else {participant}
    if participant is not None and participant not in known:  # checked once its program is read
        what = "the name of an application's participant"
        reader.problems.append((f"{field}.participant", f"expected {what}, got {plain_text(participant)}"))
    as_of = _checked(reader, reader.date, data["as_of"], f"{field}.as_of") if "as_of" in data else None
    overrides = _checked(reader, _overrides, reader, data.get("policy", {}), f"{field}.policy")
    expected = _checked(reader, _expected, reader, data["expect"], f"{field}.expect") if "expect" in data else None
    if name is None or clauses is None or defaults is None or program is None or overrides is None or expected is None:
        raise _Problems()  # each already noted
    return Case(
        source=reader.source,
        line=reader.line(field),
        name=name,
        clauses=clauses,
        defaults=defaults,
        program=program,
        as_of=as_of,
        participant=participant,
        overrides=overrides,
        expected=expected,
        lines=_lines(reader, data, field),
    )


def _name(reader: _Reader, name: object, field: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise reader.error(field, f"expected non-empty text, got {plain_text(name)}")
    return name


def _clauses(reader: _Reader, clause: object, field: str) -> tuple[str, ...]:
    if isinstance(clause, str):
        return (reader.choice(clause, field, CLAUSES, "a clause ID"),)
    if not isinstance(clause, list) or not clause:
        raise reader.error(field, f"expected a clause ID or a list of them, got {plain_text(clause)}")
    return reader.choices(clause, field, CLAUSES, "a clause ID")


def _defaults(reader: _Reader, defaults: object, field: str) -> tuple[str, ...]:
    if not isinstance(defaults, list):
        raise reader.error(field, f"expected a list such as [\"D1\"], got {plain_text(defaults)}")
    return reader.choices(defaults, field, DEFAULTS, "one of the defaults D1-D16")


def _lines(reader: _Reader, data: Mapping[str, Any], field: str) -> dict[str, int]:
    """The line of each expectation (``facts."credit.window"``, ``events[0]``) and of ``clause``."""
    expect = data["expect"]
    keys = ["clause", *(f"expect.{k}" for k in ("verdict", "ceus") if k in expect)]
    keys += [f"expect.events[{i}]" for i in range(len(expect.get("events", [])))]
    lines = {key.removeprefix("expect."): reader.line(f"{field}.{key}") for key in keys}
    for k in ("outcomes", "facts"):  # a clause ID is quoted in the name, not in the located path
        lines |= {_key(k, c): reader.line(f"{field}.expect.{k}.{c}") for c in expect.get(k, {})}
    return lines


def _merged(base: Mapping[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``change`` written over it, table by table (a list or value replaces)."""
    merged = dict(base)
    for key, value in change.items():
        old = merged.get(key)
        both = isinstance(old, Mapping) and isinstance(value, Mapping)
        merged[key] = _merged(old, value) if both else value  # type: ignore[arg-type]
    return merged


def _program(reader: _Reader, programs: Mapping[str, Any], data: Mapping[str, Any], field: str) -> ProgramFile:
    based_on = data.get("based_on")
    base = _base(reader, programs, based_on, f"{field}.based_on") if based_on is not None else {}
    change = reader.table(data.get("program", {}), f"{field}.program")
    try:
        return load_program_file(_merged(base, change), name=reader.source)
    except ProgramFileError as err:
        found = (_program_problem(reader, p, change, based_on, programs, field) for p in err.problems)
        raise _Problems(*found) from None


def _program_problem(
    reader: _Reader,
    problem: tuple[str, str],
    change: Mapping[str, Any],
    based_on: object,
    programs: Mapping[str, Any],
    field: str,
) -> tuple[str, str]:
    """Where a problem of a case's program is written: in ``[case.program]``, in the ``[programs]`` table it is
    based on, or in the program file beside the case file (then named by ``based_on``)."""
    path, message = problem
    if _has(change, path) or based_on is None:
        return f"{field}.program.{path}".rstrip("."), message
    if based_on in programs:
        return f"programs.{based_on}.{path}".rstrip("."), message
    where = reader.beside[str(based_on)].find(path)  # in that file
    at = place_label((where.line, where.column) if where else None)
    return f"{field}.based_on", f"{based_on}: {field_label(path)}{at}: {message}"


def _base(reader: _Reader, programs: Mapping[str, Any], based_on: object, field: str) -> Mapping[str, Any]:
    """The program a case is ``based_on``: a ``[programs]`` table of the file, else a program file beside it."""
    if isinstance(based_on, str) and based_on.endswith((".toml", ".json")) and based_on not in programs:
        return _program_file(reader, based_on, field)
    what = "the name of a [programs] table or a program file (.toml, .json)"
    name = reader.choice(based_on, field, programs, what)
    return reader.table(programs[name], f"programs.{name}")


def _program_file(reader: _Reader, name: str, field: str) -> Mapping[str, Any]:
    """The tables of a program file named relative to the case file (its own problems name that file)."""
    from .program_files import parse_text

    path = Path(reader.source).parent / name
    if not path.exists():
        looked = f"no program named {name!r} in this file and no file {name} beside it (looked for {path})"
        raise reader.error(field, looked)
    try:  # read as every program file is read (the one reader of ceurules._files), named as based_on names it
        text = file_text(read_file(path, name), name)
        tables = parse_text(text, name, json_format=name.endswith(".json"))
    except ProgramFileError as err:  # unreadable, or not TOML/JSON: where the parser stopped, in that file
        raise _Problems(*((field, f"{err.source}: {problem}") for problem in err.described())) from None
    reader.beside[name] = LocationIndex(text, json_format=name.endswith(".json"))
    return tables


def _has(table: Mapping[str, Any], path: str) -> bool:
    """Whether ``path`` (``approval_request.received``, ``applications[0].paid``) starts in ``table``."""
    head = path.split(".")[0].split("[")[0]
    return head in table


def _overrides(reader: _Reader, raw: object, field: str) -> dict[str, object]:
    from .policy_files import read_parameter

    table = reader.table(raw, field)
    values = {}
    for name, value in table.items():
        try:
            values[name] = read_parameter(name, value)
        except PolicyFileError as err:
            reader.problems.append((f"{field}.{name}", err.message))
    return values


def _expected(reader: _Reader, raw: object, field: str) -> Expected:
    data = reader.table(raw, field, _EXPECT_KEYS)
    if not data:
        raise reader.error(field, "expected at least one of " + ", ".join(_EXPECT_KEYS))
    verdicts = "one of " + ", ".join(_VERDICTS)
    return Expected(
        verdict=_checked(reader, reader.choice, data["verdict"], f"{field}.verdict", _VERDICTS, verdicts)
        if "verdict" in data else None,
        ceus=_checked(reader, _ceus, reader, data["ceus"], f"{field}.ceus") if "ceus" in data else None,
        outcomes=_checked(reader, _outcomes, reader, data.get("outcomes", {}), f"{field}.outcomes") or {},
        facts=_checked(reader, _facts, reader, data.get("facts", {}), f"{field}.facts") or {},
        events=_checked(reader, _events, reader, data.get("events", []), f"{field}.events") or (),
    )  # fmt: skip


def _ceus(reader: _Reader, raw: object, field: str) -> Decimal:
    try:
        if isinstance(raw, str):
            return Decimal(raw)
    except InvalidOperation:
        pass
    raise reader.error(field, f"expected CEUs written as text, such as \"0.8\", got {plain_text(raw)}")


def _outcomes(reader: _Reader, raw: object, field: str) -> dict[str, str | tuple[str, ...]]:
    table = reader.table(raw, field, CLAUSES)
    found: dict[str, str | tuple[str, ...]] = {}
    what = "an outcome (" + ", ".join(_OUTCOMES) + ")"
    for clause_id, value in table.items():
        where = _key(field, clause_id)
        if isinstance(value, list):
            found[clause_id] = reader.choices(value, where, _OUTCOMES, what)
        else:
            with reader.each():
                found[clause_id] = reader.choice(value, where, _OUTCOMES, what + " or a list of them")
    return found


def _facts(reader: _Reader, raw: object, field: str) -> dict[str, dict[str, object]]:
    table = reader.table(raw, field, CLAUSES)
    found = {}
    for clause_id, facts in table.items():
        where = _key(field, clause_id)
        with reader.each():
            facts = reader.table(facts, where)
            if not facts:
                raise reader.error(where, "expected one or more facts, such as deadline = 2026-12-01")
            found[clause_id] = {str(k): _fact(reader, v, _key(where, str(k))) for k, v in facts.items()}
    return found


def _fact(reader: _Reader, value: object, field: str) -> object:
    """An expected fact as the case file writes it; text written as a date (``"2026-12-01"``: a finding's facts
    hold dates as text) must be a real date, in a list or a table too; each one that is not is noted."""
    if isinstance(value, str) and _DATE_LIKE.fullmatch(value) and _real_day(value) is None:
        reader.problems.append((field, f"expected a real calendar date (YYYY-MM-DD), got {plain_text(value)}"))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _fact(reader, item, f"{field}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            _fact(reader, item, _key(field, str(key)))
    return value


def _real_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if _ISO_DAY.fullmatch(text) else None
    except ValueError:
        return None


def _events(reader: _Reader, raw: object, field: str) -> tuple[tuple[str, dt.date, str | None], ...]:
    if not isinstance(raw, list):
        raise reader.error(field, f"expected a list of events, got {plain_text(raw)}")
    found = [_checked(reader, _event, reader, item, f"{field}[{i}]") for i, item in enumerate(raw)]
    return tuple(event for event in found if event is not None)


def _event(reader: _Reader, item: object, field: str) -> tuple[str, dt.date, str | None]:
    event = reader.table(item, field, _EVENT_KEYS, required=("clause", "day"))
    if "clause" not in event or "day" not in event:
        raise _Problems()  # noted as missing
    with reader.each():
        reader.choice(event["clause"], f"{field}.clause", CLAUSES, "a clause ID")
    default = event.get("default")
    if default is not None:
        with reader.each():
            reader.choice(default, f"{field}.default", DEFAULTS, "one of the defaults D1-D16")
    return event["clause"], reader.date(event["day"], f"{field}.day"), default


def case_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The case files named: a file as named, a folder's ``*.toml`` files (searched recursively, in order)
    except program files (``*.ceu.toml``), which cases may name in ``based_on``."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(found for found in path.rglob("*.toml") if not found.name.endswith(".ceu.toml"))
        else:
            yield path


# -- running ----------------------------------------------------------------------------


def run_case(case: Case, *, policy: Policy = DEFAULT) -> CaseResult:
    """Run one case under ``policy`` (with the case's overrides) and compare the answer with its expectations."""
    if not isinstance(case, Case):
        raise InvalidInputError("case", case, "a Case (see load_cases)")
    policy = case.policy(check_policy(policy))  # a bad policy= raises before the case runs
    try:
        report = review_program_file(case.program, as_of=case.as_of, policy=policy)
        events = _timeline(case, policy)  # a clause may be cited by the timeline alone (credit.semi-osl, say)
    except CeuRulesError as err:
        return CaseResult(case, (f"the rules refused the case's input: {err}",))
    found = sorted(_problems(case, report, events), key=lambda p: case.lines.get(p[0]) or 0)  # in file order
    return CaseResult(case, tuple(text for _, text in found))


def _timeline(case: Case, policy: Policy) -> tuple[Event, ...]:
    pf = case.program
    chosen = [a for a in pf.applications if case.participant in (None, a.participant)]
    year_long = YearLong(packets=pf.packets) if pf.program.year_long else None  # its packets: the events need no CEUs
    application = chosen[0] if chosen else None
    return timeline(pf.program, request=pf.request, application=application, policy=policy, year_long=year_long).events


def _findings(report: FileReport) -> Iterator[Finding]:
    for decision in report.decisions:
        yield from decision.findings


def _problems(case: Case, report: FileReport, events: tuple[Event, ...]) -> Iterator[tuple[str, str]]:
    """Each expectation that failed: its key (as in ``Case.lines``) and what differed."""
    expected = case.expected
    findings = list(_findings(report))
    cited = {f.clause for f in findings} | {e.clause for e in events}
    for missing in [c for c in case.clauses if c not in cited]:
        yield "clause", f"the case is about {missing}{_line(case, 'clause')}, but nothing in the answer cites it"
    if expected.verdict is not None and report.verdict.value != expected.verdict:
        got = as_case_writes(report.verdict.value)
        yield "verdict", f"verdict{_line(case, 'verdict')}: expected {as_case_writes(expected.verdict)}, got {got}"
    if expected.ceus is not None and report.ceus != expected.ceus:
        got = as_case_writes(str(report.ceus))
        yield "ceus", f"ceus{_line(case, 'ceus')}: expected {as_case_writes(str(expected.ceus))}, got {got}"
    for clause_id, want in expected.outcomes.items():
        outcomes = tuple(f.outcome.value for f in findings if f.clause == clause_id)
        if (outcomes != want) if isinstance(want, tuple) else (not outcomes or set(outcomes) != {want}):
            key = _key("outcomes", clause_id)
            differ = f"expected {as_case_writes(want)}, got {_outcomes_as(want, outcomes)}"
            yield key, f"outcomes of {clause_id}{_line(case, key)}: {differ}"
    for clause_id, facts in expected.facts.items():
        yield from _facts_differ(case, clause_id, facts, [plain(f.facts) for f in findings if f.clause == clause_id])
    for i, (clause_id, day, default) in enumerate(expected.events):
        if not any(e.clause == clause_id and e.day == day and default in (None, e.default) for e in events):
            days = [e.day for e in events if e.clause == clause_id]
            found = as_case_writes(days) if days else "none"
            key = f"events[{i}]"
            missing = f"not in the timeline (its {clause_id} events: {found})"
            yield key, f"event of {clause_id} on {day}{_line(case, key)}: {missing}"


def _outcomes_as(want: str | tuple[str, ...], outcomes: tuple[str, ...]) -> str:
    """The outcomes found, written as the expectation is: a list beside a list; beside one outcome, the one
    outcome every finding has, or each distinct one (``"met" and "not met"``), or ``none``."""
    if isinstance(want, tuple):
        return as_case_writes(outcomes)
    distinct = list(dict.fromkeys(outcomes))
    return " and ".join(as_case_writes(o) for o in distinct) if distinct else "none (no finding cites it)"


def _line(case: Case, key: str) -> str:
    """`` (line N)``: where the case file writes ``key`` (an expectation, or ``clause``); empty if not known."""
    line = case.lines.get(key)
    return f" (line {line})" if line is not None else ""


def _facts_differ(
    case: Case, clause_id: str, want: Mapping[str, object], mine: list[JSON]
) -> Iterator[tuple[str, str]]:
    """The facts a case expects of ``clause_id`` that no finding citing it carries: of the finding closest to
    the expectation, only the facts that differ, one a line."""
    key = _key("facts", clause_id)
    head = f"facts of {clause_id}{_line(case, key)}"
    if not mine:
        yield key, f"{head}: no finding cites it"
        return
    differences = [_fact_differences(want, have) for have in mine]  # each a finding's facts, made plain
    if all(differences):
        closest: list[str] = min(differences, key=len)
        among = f" (the closest of the {len(mine)} findings citing it)" if len(mine) > 1 else ""
        yield key, f"{head}{among}:\n" + "\n".join(closest)


def _fact_differences(want: Mapping[str, object], have: Mapping[str, JSON]) -> list[str]:
    """``name: expected X, got Y`` for each expected fact that ``have`` does not carry as expected; X as the
    case file writes it (text quoted, even when it reads as a date)."""
    found = []
    for name, value in want.items():
        expected = f"{_toml_key(name)}: expected {as_case_writes(value, as_read=True)}"
        if name not in have:
            found.append(f"{expected}, but the finding has no such fact"
                         f" (its facts: {', '.join(map(_toml_key, have)) or 'none'})")
        elif have[name] != plain(value):
            found.append(f"{expected}, got {as_case_writes(have[name])}")
    return found


def as_case_writes(value: object, *, as_read: bool = False) -> str:
    """A value as a case file (TOML) writes it, for the differences a failed case shows: dates bare, text
    in double quotes, lists in brackets, tables inline (``{ review_due = 2026-11-25 }``); no Python repr.
    An ISO date in text shows bare too (a finding's facts hold dates as text), except ``as_read`` (a value
    read from a case file, where text is text)."""
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_toml_key(str(k))} = {as_case_writes(v, as_read=as_read)}" for k, v in value.items())
        return f"{{ {pairs} }}" if pairs else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(as_case_writes(v, as_read=as_read) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(none)"
    if isinstance(value, dt.date) or (not as_read and isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _toml_key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else json.dumps(name, ensure_ascii=False)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


# -- where each clause is tested ---------------------------------------------------------

_SECTION = re.compile(r"^# --+ (.+?) -+$")


def _named_in(header: str) -> set[str]:
    """The clause IDs a test module's section header names (``credit.window``, ``program.eligible.*``)."""
    named = set()
    for word in re.findall(r"[a-z][a-z-]*(?:\.[a-z*][a-z-]*)+", header):
        prefix = word.removesuffix("*")
        named |= {c for c in CLAUSES if c == word or (word.endswith(".*") and c.startswith(prefix))}
    return named


def clause_map(folder: str | Path) -> dict[str, tuple[str, ...]]:
    """For each clause, the case files and test modules of ``folder`` that are about it.

    The test modules are the ``test_*.py`` files of ``folder`` whose section headers
    (``# -- credit.window, D4 ---``) name the clause. The case files are those of its ``cases/``
    folder, or of ``folder`` itself when it has no ``cases/`` folder (a folder of case files), found as
    ``ceurules test`` finds them. A folder that does not exist, or holds neither, is refused.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InvalidInputError("folder", str(folder), "an existing folder")
    cases = root / "cases" if (root / "cases").is_dir() else root
    case_paths, modules = list(case_files([cases])), sorted(root.glob("test_*.py"))
    if not case_paths and not modules:
        holding = "a folder of case files (*.toml, or in its cases/ folder) or test modules (test_*.py)"
        raise InvalidInputError("folder", str(folder), holding)
    found: dict[str, list[str]] = {c: [] for c in CLAUSES}
    for path in case_paths:
        for clause_id in dict.fromkeys(c for case in load_cases(path) for c in case.clauses):
            found[clause_id].append(path.as_posix())
    for path in modules:
        lines = path.read_bytes().decode().splitlines()  # UTF-8
        named = set().union(*(_named_in(m.group(1)) for m in map(_SECTION.match, lines) if m))
        for clause_id in named:
            found[clause_id].append(path.as_posix())
    return {c: tuple(paths) for c, paths in found.items()}
