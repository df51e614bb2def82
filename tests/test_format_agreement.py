"""The JSON Schema and the loader accept and refuse the same program files.

Both are made from :mod:`ceurules.program_format`; this checks that they agree
(``jsonschema``, draft 2020-12, with its format checker) on written-out cases
and on generated documents, valid ones and broken ones. The only refusals the
schema may miss are the cross-field rules it lists in its description
(:data:`~ceurules.program_format.RULES_NOT_IN_SCHEMA`).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ceurules import ProgramFileError, load_program_file, review_program_file
from ceurules.program_files import load_program_text
from ceurules.program_format import (
    FORMAT,
    RULES_NOT_IN_SCHEMA,
    Field,
    Kind,
    Table,
)
from ceurules.schema import program_file_schema

VALIDATOR = jsonschema.Draft202012Validator(program_file_schema(), format_checker=jsonschema.FormatChecker())
BASE = {"title": "Math Night", "activity": "workshop", "offering_dates": ["2026-12-15", "2026-12-16"]}
YEAR_LONG = {
    "title": "PLC",
    "activity": "educational training",
    "year_long": True,
    "offering_dates": ["2026-08-18", "2026-09-15"],
}


def loader_problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        load_program_file(doc)
    except ProgramFileError as err:
        return list(err.problems)
    return []


def _listed(path: str) -> bool:
    """Whether a refusal at ``path`` is one of the cross-field rules the schema cannot state."""
    general = re.sub(r"\[\d+\]", "[]", path)
    return any(general == rule or general.startswith((rule + ".", rule + "[")) for rule, _ in RULES_NOT_IN_SCHEMA)


def assert_agree(doc: dict[str, Any]) -> bool:
    """The schema and the loader agree on ``doc`` (up to the listed rules); returns whether it is accepted."""
    schema_ok = VALIDATOR.is_valid(doc)
    problems = loader_problems(doc)
    if schema_ok and problems:
        unlisted = [p for p in problems if not _listed(p[0])]
        assert not unlisted, f"the schema accepts, the loader refuses: {unlisted} in {doc}"
    if not schema_ok:
        errors = [e.message for e in VALIDATOR.iter_errors(doc)]
        assert problems, f"the schema refuses ({errors}), the loader accepts: {doc}"
    return schema_ok and not problems


def _with(base: dict[str, Any], **change: Any) -> dict[str, Any]:
    return {**copy.deepcopy(base), **change}


def _app(**change: Any) -> dict[str, Any]:
    return _with(BASE, applications=[{"participant": "Jordan Lee", "attended": ["2026-12-15"], **change}])


def _packet(**change: Any) -> dict[str, Any]:
    return _with(YEAR_LONG, packets=[{"term": "fall", "school_year": 2026, **change}])


def _documents(**change: Any) -> dict[str, Any]:
    return _with(BASE, approval_request={"received": "2026-11-20", "documents": change})


AGENDA = [{"start": "09:00", "end": "10:30", "kind": "instruction"}]
REFUSE, ACCEPT = "refuse", "accept"

# The cases the two used to disagree on, and their neighbours: each with the answer both now give.
CASES: list[tuple[str, dict[str, Any], str]] = [
    # accepted by the schema, refused by the loader
    ("impossible offering date", _with(BASE, offering_dates=["2026-02-30"]), REFUSE),
    ("title of spaces", _with(BASE, title="   "), REFUSE),
    ("other without a label", _with(BASE, activity="other"), REFUSE),
    ("other with a label", _with(BASE, activity="other", activity_label="coaching"), ACCEPT),
    ("nothing attended", _app(attended=[]), REFUSE),
    ("school year as 2026.0", _packet(school_year=2026.0), ACCEPT),
    ("impossible sign-in date", _packet(sign_ins={"2026-02-30": ["Ana Ruiz"]}), REFUSE),
    ("huge contact hours", _with(BASE, contact_hours=1e300), REFUSE),
    ("the same instructor twice", _with(BASE, instructors=["Ada Reyes", "Ada Reyes"]), REFUSE),
    ("a blank instructor name", _with(BASE, instructors=["  "]), REFUSE),
    ("a blank instructor name in a table", _with(BASE, instructors=[{"name": ""}]), REFUSE),
    # refused by the schema, accepted by the loader
    ("activity with a capital", _with(BASE, activity="Workshop"), REFUSE),
    ("activity by its Python name", _with(BASE, activity="short_course"), REFUSE),
    ("activity as written in the policy", _with(BASE, activity="short course"), ACCEPT),
    ("contact hours .5", _with(BASE, contact_hours=".5"), REFUSE),
    ("contact hours 1e2", _with(BASE, contact_hours="1e2"), REFUSE),
    ("contact hours -0", _with(BASE, contact_hours="-0"), REFUSE),
    ("contact hours as text", _with(BASE, contact_hours="7.5"), ACCEPT),
    ("contact hours as a number", _with(BASE, contact_hours=7.5), ACCEPT),
    ("a start with seconds", _with(BASE, agenda=[{**AGENDA[0], "start": "09:00:00"}]), REFUSE),
    ("an empty agenda title", _with(BASE, agenda=[{**AGENDA[0], "title": ""}]), ACCEPT),
    ("a number as an agenda title", _with(BASE, agenda=[{**AGENDA[0], "title": 5}]), REFUSE),
    ("empty qualifications", _with(BASE, instructors=[{"name": "Ada Reyes", "qualifications": ""}]), ACCEPT),
    ("an empty website", _documents(website=""), REFUSE),
    ("null activity label", _with(BASE, activity_label=None), REFUSE),
    ("null website", _documents(website=None), REFUSE),
    ("null certificate date", _app(certificate_date=None), REFUSE),
    ("the same vita twice", _documents(vitas=["Ada Reyes", "Ada Reyes"]), REFUSE),
    # neighbours: formats of dates, times, numbers and names
    ("a date with a time", _with(BASE, offering_dates=["2026-12-15T09:00"]), REFUSE),
    ("a date without dashes", _with(BASE, offering_dates=["20261215"]), REFUSE),
    ("an ISO week date", _with(BASE, offering_dates=["2026-W50-2"]), REFUSE),
    ("a date and a newline", _with(BASE, offering_dates=["2026-12-15\n"]), REFUSE),
    ("a time with one digit", _with(BASE, agenda=[{**AGENDA[0], "start": "9:00"}]), REFUSE),
    ("a time 24:00", _with(BASE, agenda=[{**AGENDA[0], "end": "24:00"}]), REFUSE),
    ("a time and a newline", _with(BASE, agenda=[{**AGENDA[0], "end": "10:30\n"}]), REFUSE),
    ("negative contact hours", _with(BASE, contact_hours=-1), REFUSE),
    ("contact hours with spaces", _with(BASE, contact_hours=" 7.5"), REFUSE),
    ("contact hours as true", _with(BASE, contact_hours=True), REFUSE),
    ("contact hours of 31 decimal places", _with(BASE, contact_hours="0." + "0" * 30 + "1"), REFUSE),
    ("contact hours too small to be meant", _with(BASE, contact_hours=5e-324), REFUSE),
    ("a date in 1899", _with(BASE, offering_dates=["1899-12-31"]), REFUSE),
    ("a date in 2200", _with(BASE, offering_dates=["2200-01-01"]), REFUSE),
    ("a lone surrogate in a title", _with(BASE, title="Math \ud800"), REFUSE),
    ("school year 1899", _packet(school_year=1899), REFUSE),
    ("school year as text", _packet(school_year="2026"), REFUSE),
    ("a participant with spaces around", _app(participant=" Jordan Lee"), REFUSE),
    ("a participant and a newline", _app(participant="Jordan Lee\n"), REFUSE),
    ("issued before applying", _app(issued="2027-01-05"), REFUSE),
    ("an unknown field", _with(BASE, colour="blue"), REFUSE),
    ("an approval of no dates", _with(BASE, offering_dates=[], approval={}), REFUSE),
    ("an approval of the offering dates", _with(BASE, approval={}), ACCEPT),
    # nothing silently ignored
    ("contact hours beside a timed agenda", _with(BASE, contact_hours=40, agenda=AGENDA), REFUSE),
    ("packets, not year-long", _with(BASE, packets=[{"term": "fall", "school_year": 2026}]), REFUSE),
    ("an empty packet list in a program that is not year-long", _with(BASE, packets=[]), ACCEPT),
]


@pytest.mark.parametrize(("name", "doc", "answer"), CASES, ids=[c[0] for c in CASES])
def test_schema_and_loader_agree_on_each_case(name: str, doc: dict[str, Any], answer: str) -> None:
    assert assert_agree(doc) == (answer == ACCEPT), name


def test_the_cases_cover_the_measured_disagreements() -> None:
    assert len(CASES) >= 35


# ---------------------------------------------------------------- generated documents

_NAME = st.text(alphabet="AbcÉz -'.", min_size=1, max_size=8).map(str.strip).filter(bool)
_DATE = st.dates().filter(lambda d: 1900 <= d.year <= 2199).map(lambda d: d.isoformat())
_VALID: dict[str, st.SearchStrategy[Any]] = {
    "text": st.text(min_size=1, max_size=8).filter(lambda s: re.search(r"\S", s) is not None),
    "name": _NAME,
    "text, possibly empty": st.text(max_size=6),
    "true or false": st.booleans(),
    "date": _DATE,
    "time": st.times().map(lambda t: f"{t:%H:%M}"),
    "hours": st.one_of(
        st.integers(0, 100),
        st.decimals(0, 100, places=2).map(str),
        st.floats(0, 100, allow_nan=False),
    ),
    "school year": st.integers(1900, 2199),
    "sign-in sheets": st.dictionaries(_DATE, st.lists(_NAME, unique=True, max_size=2), max_size=2),
}


def _kind(kind: Kind) -> st.SearchStrategy[Any]:
    if kind.name in _VALID:
        return _VALID[kind.name]
    if "enum" in kind.schema:
        return st.sampled_from(kind.schema["enum"])
    assert kind.item is not None, kind.name
    schema = kind.schema
    return st.lists(
        _kind(kind.item), min_size=schema.get("minItems", 0), max_size=3, unique=schema.get("uniqueItems", False)
    )


def _field(field: Field) -> st.SearchStrategy[Any]:
    if isinstance(field.kind, Table):
        table = _table(field.kind)
        if field.or_name:
            table = st.one_of(_NAME, table)
        return st.lists(table, max_size=2) if field.many else table
    return _kind(field.kind)


def _table(table: Table) -> st.SearchStrategy[dict[str, Any]]:
    required = {f.key: _field(f) for f in table.fields if f.required}
    optional = {f.key: _field(f) for f in table.fields if not f.required}
    return st.fixed_dictionaries(required, optional=optional)


_JUNK = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            0,
            -1,
            2026.0,
            1e300,
            "",
            " ",
            "x",
            "2026-02-30",
            "2026-12-15",
            "09:00",
            "09:00:00",
            ".5",
            "1e2",
            "-0",
            "7.5",
            "Workshop",
            "short_course",
            "other",
            "Ana\n",
            " Ana",
            "24:00",
            [],
            {},
            ["2026-12-15"],
            {"name": "A"},
            [{"start": "09:00"}],
            "1899-12-31",
            "2200-01-01",
            "A\ud800",
            5e-324,
            1e-7,
            "0." + "0" * 31 + "1",
            "0" * 61 + "1",
        ]
    ),
    st.integers(),
    st.text(max_size=4),
)


@st.composite
def _broken(draw: st.DrawFn) -> dict[str, Any]:
    doc = draw(_table(FORMAT))
    for _ in range(draw(st.integers(1, 2))):
        spots = list(_spots(doc))
        holder, key = draw(st.sampled_from(spots))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            holder[key] = copy.deepcopy(draw(_JUNK))
        elif action == "delete" and isinstance(holder, dict):
            del holder[key]
        elif isinstance(holder, dict):
            holder[draw(st.sampled_from(["colour", "Title", "paid"]))] = copy.deepcopy(draw(_JUNK))
    return doc


def _spots(data: Any) -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        found.append((data, key))
        found += _spots(value)
    return found


@settings(max_examples=300)
@given(_table(FORMAT))
def test_schema_and_loader_agree_on_generated_documents(doc: dict[str, Any]) -> None:
    assert_agree(doc)


@settings(max_examples=600)
@given(_broken())
@example(_with(BASE, instructors=[{"name": "A"}, {"name": "A", "qualifications": "A\ud800"}]))  # found by a run
def test_schema_and_loader_agree_on_broken_documents(doc: dict[str, Any]) -> None:
    assert_agree(doc)


def test_the_schema_lists_the_rules_it_cannot_state() -> None:
    description = program_file_schema()["description"]
    for path, rule in RULES_NOT_IN_SCHEMA:
        assert f"{path}: {rule}" in description


@settings(max_examples=150)
@given(
    _table(FORMAT),
    st.sampled_from([dt.date(2026, 11, 1), dt.date(2027, 1, 20), dt.date(2028, 6, 1)]),
    st.booleans(),
)
def test_a_files_json_line_is_its_report_as_json(doc: dict[str, Any], as_of: dt.date, strict: bool) -> None:
    """``ceurules check --format jsonl`` writes ``FileReport.to_json()``: the encoder converts the facts'
    dates and decimals itself, and must write exactly what ``json.dumps(to_dict())`` writes."""
    try:
        program_file = load_program_text(json.dumps(doc, indent=1), "generated.ceu.json", json_format=True)
        report = review_program_file(program_file, as_of=as_of)
    except ProgramFileError:  # refused by the loader, or a value the rules cannot carry (named in the file)
        return
    assert report.to_json(strict=strict) == json.dumps(report.to_dict(strict=strict))
