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

    >>> from ceurules.cases import load_cases, run_case
    >>> cases = load_cases("docs/cases/approval.toml")
    >>> [run_case(case).passed for case in cases]
    [True, True, True]
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from ._files import without_bom
from ._json import JSON, plain
from .clauses import CLAUSES, DEFAULTS
from .decisions import Finding, Outcome, Verdict
from .errors import CaseFileError, CeuRulesError, PolicyFileError, ProgramFileError
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


@attrs.frozen(kw_only=True)
class Expected:
    """What a case says the rules answer (``None``, empty: not checked)."""

    verdict: str | None = None
    ceus: Decimal | None = None
    outcomes: Mapping[str, str | tuple[str, ...]] = attrs.field(factory=dict)
    facts: Mapping[str, Mapping[str, JSON]] = attrs.field(factory=dict)
    events: tuple[tuple[str, dt.date, str | None], ...] = ()


@attrs.frozen(kw_only=True)
class Case:
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


@attrs.frozen
class CaseResult:
    """A case run: what did not come out as the case says (nothing: it passed)."""

    case: Case
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.passed:
            return f"PASS {self.case.id}"
        return "\n".join([f"FAIL {self.case.id} ({self.case.where})", *(f"  - {p}" for p in self.problems)])


# -- reading ----------------------------------------------------------------------------


class _Reader:
    """Reads one case file, raising :class:`CaseFileError` with the line of the field at fault."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.locations = LocationIndex(text, json_format=False)

    def error(self, field: str, message: str) -> CaseFileError:
        found = self.locations.find(field) if field else None
        return CaseFileError(self.source, found.line if found else None, field, message)

    def table(self, value: object, field: str, keys: Iterable[str], required: Iterable[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(field, f"expected a table, got {plain_text(value)}")
        keys = tuple(keys)
        for key in value:
            if key not in keys:
                raise self.error(_key(field, key), f"unknown field; expected one of {', '.join(keys)}")
        for key in required:
            if key not in value:
                raise self.error(field, f"required field {key!r} is missing")
        return value

    def choice(self, value: object, field: str, allowed: Iterable[str], what: str) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.error(field, f"expected {what}, got {plain_text(value)}")
        return value

    def date(self, value: object, field: str) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        raise self.error(field, f"expected a date such as 2026-12-15, got {plain_text(value)}")


def _key(field: str, key: str) -> str:
    """The path of ``key`` below ``field``, quoted as TOML quotes it when it holds a dot (a clause ID)."""
    name = f'"{key}"' if "." in key else key
    return f"{field}.{name}" if field else name


def plain_text(value: object) -> str:
    """A value as a case file writes it, for messages."""
    from .errors import as_written

    return as_written(value)


def load_cases(path: str | Path) -> tuple[Case, ...]:
    """Every case of a case file; a file that cannot be read raises :class:`~ceurules.errors.CaseFileError`."""
    source = str(path)
    try:
        text = without_bom(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CaseFileError(source, None, "", f"cannot read the file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CaseFileError(source, _line_in(str(exc)), "", f"not valid TOML: {exc}") from None
    reader = _Reader(source, text)
    top = reader.table(data, "", ("programs", "case"), required=("case",))
    programs = reader.table(top.get("programs", {}), "programs", top.get("programs", {}))
    rows = top["case"]
    if not isinstance(rows, list) or not rows:
        raise reader.error("case", "expected one or more [[case]] tables")
    cases = tuple(_case(reader, programs, row, f"case[{i}]") for i, row in enumerate(rows))
    names = [c.name for c in cases]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise reader.error(f"case[{i}].name", f"two cases are named {name!r}")
    return cases


def _line_in(message: str) -> int | None:
    words = message.replace("(", " ").replace(",", " ").split()
    return next((int(b) for a, b in itertools.pairwise(words) if a == "line" and b.isdigit()), None)


def _case(reader: _Reader, programs: Mapping[str, Any], row: object, field: str) -> Case:
    data = reader.table(row, field, _CASE_KEYS, required=("name", "clause", "expect"))
    name = data["name"]
    if not isinstance(name, str) or not name.strip():
        raise reader.error(f"{field}.name", f"expected non-empty text, got {plain_text(name)}")
    clause = data["clause"]
    clauses = (clause,) if isinstance(clause, str) else clause
    if not isinstance(clauses, list | tuple) or not clauses:
        raise reader.error(f"{field}.clause", f"expected a clause ID or a list of them, got {plain_text(clause)}")
    for i, one in enumerate(clauses):
        reader.choice(one, f"{field}.clause" + (f"[{i}]" if clauses is clause else ""), CLAUSES, "a clause ID")
    defaults = data.get("defaults", [])
    if not isinstance(defaults, list):
        raise reader.error(f"{field}.defaults", f"expected a list such as [\"D1\"], got {plain_text(defaults)}")
    for i, key in enumerate(defaults):
        reader.choice(key, f"{field}.defaults[{i}]", DEFAULTS, "one of the defaults D1-D16")
    program = _program(reader, programs, data, field)
    participant = data.get("participant")
    if participant is not None and participant not in {a.participant for a in program.applications}:
        expected = "the name of an application's participant"
        raise reader.error(f"{field}.participant", f"expected {expected}, got {plain_text(participant)}")
    return Case(
        source=reader.source,
        line=reader.error(field, "").line,
        name=name,
        clauses=tuple(clauses),
        defaults=tuple(defaults),
        program=program,
        as_of=reader.date(data["as_of"], f"{field}.as_of") if "as_of" in data else None,
        participant=participant,
        overrides=_overrides(reader, data.get("policy", {}), f"{field}.policy"),
        expected=_expected(reader, data["expect"], f"{field}.expect"),
    )


def _merged(base: Mapping[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``change`` written over it, table by table (a list or value replaces)."""
    merged = dict(base)
    for key, value in change.items():
        old = merged.get(key)
        both = isinstance(old, Mapping) and isinstance(value, Mapping)
        merged[key] = _merged(old, value) if both else value  # type: ignore[arg-type]
    return merged


def _program(reader: _Reader, programs: Mapping[str, Any], data: Mapping[str, Any], field: str) -> ProgramFile:
    base: Mapping[str, Any] = {}
    based_on = data.get("based_on")
    if isinstance(based_on, str) and based_on.endswith((".toml", ".json")) and based_on not in programs:
        base = _program_file(reader, based_on, f"{field}.based_on")
    elif based_on is not None:
        what = "the name of a [programs] table or a program file (.toml, .json)"
        based_on = reader.choice(based_on, f"{field}.based_on", programs, what)
        base = reader.table(programs[based_on], f"programs.{based_on}", programs[based_on])
    change = reader.table(data.get("program", {}), f"{field}.program", data.get("program", {}))
    try:
        return load_program_file(_merged(base, change), name=reader.source)
    except ProgramFileError as err:
        path, message = err.problems[0]
        written = f"{field}.program.{path}" if _has(change, path) or not base else f"programs.{based_on}.{path}"
        if not _has(change, path) and based_on not in programs and base:  # a problem of the program file itself
            written, message = f"{field}.based_on", f"{based_on}: {path}: {message}"
        more = f" (and {len(err.problems) + err.omitted - 1} more problem(s))" if len(err.problems) > 1 else ""
        raise reader.error(written.rstrip("."), message + more) from None


def _program_file(reader: _Reader, name: str, field: str) -> Mapping[str, Any]:
    """The tables of a program file named relative to the case file (its own problems name that file)."""
    from .program_files import parse_text

    path = Path(reader.source).parent / name
    try:
        text = without_bom(path.read_text(encoding="utf-8"))
        return parse_text(text, str(path), json_format=name.endswith(".json"))
    except (OSError, ValueError) as exc:  # unreadable, or not TOML/JSON (a ProgramFileError)
        raise reader.error(field, f"cannot read the program file {name!r}: {exc}") from None


def _has(table: Mapping[str, Any], path: str) -> bool:
    """Whether ``path`` (``approval_request.received``, ``applications[0].paid``) starts in ``table``."""
    head = path.split(".")[0].split("[")[0]
    return head in table


def _overrides(reader: _Reader, raw: object, field: str) -> dict[str, object]:
    from .policy_files import read_parameter

    table = reader.table(raw, field, raw if isinstance(raw, dict) else ())
    values = {}
    for name, value in table.items():
        try:
            values[name] = read_parameter(name, value)
        except PolicyFileError as err:
            raise reader.error(f"{field}.{name}", err.message) from None
    return values


def _expected(reader: _Reader, raw: object, field: str) -> Expected:
    data = reader.table(raw, field, _EXPECT_KEYS)
    if not data:
        raise reader.error(field, "expected at least one of " + ", ".join(_EXPECT_KEYS))
    verdict = reader.choice(data["verdict"], f"{field}.verdict", _VERDICTS, "one of " + ", ".join(_VERDICTS)) if (
        "verdict" in data
    ) else None
    return Expected(
        verdict=verdict,
        ceus=_ceus(reader, data["ceus"], f"{field}.ceus") if "ceus" in data else None,
        outcomes=_outcomes(reader, data.get("outcomes", {}), f"{field}.outcomes"),
        facts=_facts(reader, data.get("facts", {}), f"{field}.facts"),
        events=_events(reader, data.get("events", []), f"{field}.events"),
    )


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
            found[clause_id] = tuple(reader.choice(v, f"{where}[{i}]", _OUTCOMES, what) for i, v in enumerate(value))
        else:
            found[clause_id] = reader.choice(value, where, _OUTCOMES, what + " or a list of them")
    return found


def _facts(reader: _Reader, raw: object, field: str) -> dict[str, dict[str, JSON]]:
    table = reader.table(raw, field, CLAUSES)
    found = {}
    for clause_id, facts in table.items():
        where = _key(field, clause_id)
        facts = reader.table(facts, where, facts if isinstance(facts, dict) else ())
        if not facts:
            raise reader.error(where, "expected one or more facts, such as deadline = 2026-12-01")
        found[clause_id] = {str(k): plain(v) for k, v in facts.items()}
    return found


def _events(reader: _Reader, raw: object, field: str) -> tuple[tuple[str, dt.date, str | None], ...]:
    if not isinstance(raw, list):
        raise reader.error(field, f"expected a list of events, got {plain_text(raw)}")
    found = []
    for i, item in enumerate(raw):
        where = f"{field}[{i}]"
        event = reader.table(item, where, _EVENT_KEYS, required=("clause", "day"))
        clause_id = reader.choice(event["clause"], f"{where}.clause", CLAUSES, "a clause ID")
        default = event.get("default")
        if default is not None:
            default = reader.choice(default, f"{where}.default", DEFAULTS, "one of the defaults D1-D16")
        found.append((clause_id, reader.date(event["day"], f"{where}.day"), default))
    return tuple(found)


def case_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The case files named: a file as named, a folder's ``*.toml`` files (searched recursively, in order)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.rglob("*.toml"))
        else:
            yield path


# -- running ----------------------------------------------------------------------------


def run_case(case: Case, *, policy: Policy = DEFAULT) -> CaseResult:
    """Run one case under ``policy`` (with the case's overrides) and compare the answer with its expectations."""
    if not isinstance(case, Case):
        from .errors import InvalidInputError

        raise InvalidInputError("case", case, "a Case (see load_cases)")
    policy = case.policy(check_policy(policy))  # a bad policy= raises before the case runs
    try:
        report = review_program_file(case.program, as_of=case.as_of, policy=policy)
        events = _timeline(case, policy) if case.expected.events or _wants_events(case, report) else ()
    except CeuRulesError as err:
        return CaseResult(case, (f"the rules refused the case's input: {err}",))
    return CaseResult(case, tuple(_problems(case, report, events)))


def _wants_events(case: Case, report: FileReport) -> bool:
    """Whether the case's clause is cited only by the timeline (credit.semi-osl, say)."""
    return not set(case.clauses) <= {f.clause for f in _findings(report)}


def _timeline(case: Case, policy: Policy) -> tuple[Event, ...]:
    pf = case.program
    chosen = [a for a in pf.applications if case.participant in (None, a.participant)]
    year_long = YearLong.for_program(pf.program, pf.packets, policy=policy) if pf.program.year_long else None
    application = chosen[0] if chosen else None
    return timeline(pf.program, request=pf.request, application=application, policy=policy, year_long=year_long).events


def _findings(report: FileReport) -> Iterator[Finding]:
    for decision in report.decisions:
        yield from decision.findings


def _problems(case: Case, report: FileReport, events: tuple[Event, ...]) -> Iterator[str]:
    expected = case.expected
    findings = list(_findings(report))
    cited = {f.clause for f in findings} | {e.clause for e in events}
    for missing in [c for c in case.clauses if c not in cited]:
        yield f"the case is about {missing}, but nothing in the answer cites it"
    if expected.verdict is not None and report.verdict.value != expected.verdict:
        yield f"verdict: expected {as_case_writes(expected.verdict)}, got {as_case_writes(report.verdict.value)}"
    if expected.ceus is not None and report.ceus != expected.ceus:
        yield f"ceus: expected {as_case_writes(str(expected.ceus))}, got {as_case_writes(str(report.ceus))}"
    for clause_id, want in expected.outcomes.items():
        got = tuple(f.outcome.value for f in findings if f.clause == clause_id)
        if (got != want) if isinstance(want, tuple) else (not got or set(got) != {want}):
            yield f"outcomes of {clause_id}: expected {as_case_writes(want)}, got {as_case_writes(got)}"
    for clause_id, facts in expected.facts.items():
        mine = [plain(f.facts) for f in findings if f.clause == clause_id]
        if not any(all(k in have and have[k] == v for k, v in facts.items()) for have in mine):
            shown = " or ".join(as_case_writes(have) for have in mine) or "no finding citing it"
            yield f"facts of {clause_id}: expected {as_case_writes(facts)}, got {shown}"
    for clause_id, day, default in expected.events:
        if not any(e.clause == clause_id and e.day == day and default in (None, e.default) for e in events):
            days = [e.day for e in events if e.clause == clause_id]
            found = as_case_writes(days) if days else "none"
            yield f"event of {clause_id} on {day}: not in the timeline (its {clause_id} events: {found})"


def as_case_writes(value: object) -> str:
    """A value as a case file (TOML) writes it, for the differences a failed case shows: dates bare, text
    in double quotes, lists in brackets, tables inline (``{ review_due = 2026-11-25 }``); no Python repr."""
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_toml_key(str(k))} = {as_case_writes(v)}" for k, v in value.items())
        return f"{{ {pairs} }}" if pairs else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(as_case_writes(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(none)"
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _toml_key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else json.dumps(name, ensure_ascii=False)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
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
    """For each clause, the case files (``cases/*.toml`` under ``folder``) with cases about it and the test
    modules (``test_*.py`` in ``folder``) whose section headers (``# -- credit.window, D4 ---``) name it."""
    root = Path(folder)
    found: dict[str, list[str]] = {c: [] for c in CLAUSES}
    for path in case_files([root / "cases"]) if (root / "cases").is_dir() else ():
        for clause_id in dict.fromkeys(c for case in load_cases(path) for c in case.clauses):
            found[clause_id].append(path.as_posix())
    for path in sorted(root.glob("test_*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        named = set().union(*(_named_in(m.group(1)) for m in map(_SECTION.match, lines) if m))
        for clause_id in named:
            found[clause_id].append(path.as_posix())
    return {c: tuple(paths) for c, paths in found.items()}
