"""Junk in, clear errors out: every public function and constructor, fed bad values.

The only exceptions allowed are the library's own, and an InvalidInputError
names the field. The ``is_*`` predicates never raise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

from ceurules import (
    DEFAULT_POLICY,
    Agenda,
    Approval,
    ApprovalRequest,
    Attendance,
    BusinessCalendar,
    CeuRulesError,
    CourseCriteria,
    CreditApplication,
    CreditingRule,
    Documents,
    Instructor,
    InvalidInputError,
    Packet,
    Payment,
    Program,
    Segment,
    Term,
    WaiverRequest,
    application_deadline,
    application_summaries,
    ceus,
    check_approval_request,
    check_credit_application,
    check_eligibility,
    check_packet,
    contact_minutes,
    credit_status,
    is_date_approved,
    is_eligible,
    load_program,
    load_program_file,
    packet_ceus,
    processing_window,
    review_due,
    semester_batches,
    semi_osl_date,
    submission_deadline,
    timeline,
)

JUNK: list[Any] = [
    None,
    True,
    0,
    -1,
    10**12,
    3.5,
    float("nan"),
    float("inf"),
    Decimal("NaN"),
    Decimal("-1"),
    "",
    "   ",
    "2026-13-45",
    "2026-02-30",
    "yesterday",
    "12/16/2026",
    "x" * 10_000,
    b"2026-11-20",
    dt.datetime(2026, 11, 20, 9, 30),
    dt.time(9, 0),
    dt.timedelta(days=-1),
    [],
    [None],
    ["2026-11-20", "2026-11-20"],
    {},
    {"a": 1},
    object(),
]

D = dt.date(2026, 11, 20)
PROGRAM = Program(title="T", activity="workshop", offering_dates=[D], contact_hours=3)
APP = CreditApplication(attendance=Attendance(participant="A", dates=[D]), submitted=D, payment=Payment(paid=D))
APPROVAL = Approval(dates=[D])
CAL = BusinessCalendar()
BATCH = semester_batches([dt.date(2026, 9, 1)]).batches[0]


def evolve(obj: Any, **change: Any) -> Callable[[], object]:
    return lambda: attrs.evolve(obj, **change)


# Each case: a name and a function of the junk value.
CASES: list[tuple[str, Callable[[Any], object]]] = [
    ("ceus", lambda j: ceus(j)),
    ("contact_minutes", lambda j: contact_minutes(j)),
    ("submission_deadline", lambda j: submission_deadline(j)),
    ("submission_deadline[0]", lambda j: submission_deadline([j])),
    ("review_due", lambda j: review_due(j)),
    ("application_deadline.last_day", lambda j: application_deadline(j)),
    ("application_deadline.certificate_date", lambda j: application_deadline(D, certificate_date=j)),
    ("processing_window.applied", lambda j: processing_window(j, D)),
    ("processing_window.paid", lambda j: processing_window(D, j)),
    ("semi_osl_date", lambda j: semi_osl_date(j)),
    ("semester_batches", lambda j: semester_batches(j)),
    ("semester_batches[0]", lambda j: semester_batches([j])),
    ("check_eligibility", lambda j: check_eligibility(j)),
    ("check_approval_request", lambda j: check_approval_request(j)),
    ("check_credit_application", lambda j: check_credit_application(j, approval=APPROVAL)),
    ("check_credit_application.approval", lambda j: check_credit_application(APP, approval=j)),
    ("check_credit_application.as_of", lambda j: check_credit_application(APP, approval=APPROVAL, as_of=j)),
    ("credit_status", lambda j: credit_status(j, as_of=D)),
    ("credit_status.as_of", lambda j: credit_status(APP, as_of=j)),
    ("application_summaries", lambda j: application_summaries(j, as_of=D)),
    ("application_summaries[0]", lambda j: application_summaries([j], as_of=D)),
    ("application_summaries.as_of", lambda j: application_summaries([APP], as_of=j)),
    ("timeline", lambda j: timeline(j)),
    ("timeline.request", lambda j: timeline(PROGRAM, request=j)),
    ("timeline.application", lambda j: timeline(PROGRAM, application=j)),
    ("check_packet", lambda j: check_packet(j, BATCH)),
    ("check_packet.batch", lambda j: check_packet(Packet(), j)),
    ("check_packet.as_of", lambda j: check_packet(Packet(), BATCH, as_of=j)),
    ("packet_ceus", lambda j: packet_ceus(Packet(), j)),
    ("load_program", lambda j: load_program(j)),
    ("load_program_file.title", lambda j: load_program_file({"title": j, "activity": "workshop"})),
    ("load_program_file.agenda", lambda j: load_program_file({"title": "T", "activity": "workshop", "agenda": j})),
    ("calendar.is_business_day", lambda j: CAL.is_business_day(j)),
    ("calendar.add_business_days.start", lambda j: CAL.add_business_days(j, 1)),
    ("calendar.add_business_days.n", lambda j: CAL.add_business_days(D, j)),
    ("calendar.add_business_days_many", lambda j: CAL.add_business_days_many(j, 1)),
    ("calendar.add_business_days_many[0]", lambda j: CAL.add_business_days_many([j], 1)),
    ("calendar.business_days_between", lambda j: CAL.business_days_between(j, D)),
    ("calendar.business_days_between.end", lambda j: CAL.business_days_between(D, j)),
    ("calendar.closures", lambda j: CAL.closures(D, j)),
    ("calendar.closures.start", lambda j: CAL.closures(j, D)),
    ("calendar.add_business_days_many.n", lambda j: CAL.add_business_days_many([D], j)),
    ("calendar.holiday_name", lambda j: CAL.holiday_name(j)),
    ("calendar.roll_forward", lambda j: CAL.roll_forward(j)),
    ("policy.crediting_rule_on", lambda j: DEFAULT_POLICY.crediting_rule_on(j)),
]

CONSTRUCTORS: list[tuple[type[Any], dict[str, Any]]] = [
    (Program, {"title": "T", "activity": "workshop"}),
    (CourseCriteria, {}),
    (Instructor, {"name": "Ana"}),
    (Segment, {"kind": "instruction", "start": "09:00", "end": "10:00"}),
    (Agenda, {}),
    (Documents, {}),
    (WaiverRequest, {"circumstances": "storm"}),
    (ApprovalRequest, {"program": PROGRAM, "received": D}),
    (Approval, {"dates": [D]}),
    (Attendance, {"participant": "A", "dates": [D]}),
    (Payment, {"paid": D}),
    (CreditApplication, {"attendance": APP.attendance}),
    (Packet, {}),
    (BusinessCalendar, {}),
    (Term, {"name": "fall", "months": [8], "issued_month": 12}),
    (CreditingRule, {"clause": "yearlong.semester", "effective": D, "terms": DEFAULT_POLICY.crediting_rules[1].terms}),
]
FIELD_CASES = [
    (f"{cls.__name__}.{field.name}", cls, base, field.name)
    for cls, base in CONSTRUCTORS
    for field in attrs.fields(cls)
    if field.init
]
POLICY_FIELDS = [field.name for field in attrs.fields(type(DEFAULT_POLICY)) if field.init]


# Junk that a function may accept, because it is a valid value there (by the repr of the junk).
ACCEPTED: dict[str, set[str]] = {
    "ceus": {"0", "3.5"},
    "contact_minutes": {"0", "3.5"},
    "application_deadline.certificate_date": {"None"},
    "semester_batches": {"[]"},
    "check_credit_application.approval": {"None"},
    "check_credit_application.as_of": {"None"},
    "application_summaries": {"[]"},
    "timeline.request": {"None"},
    "timeline.application": {"None"},
    "check_packet.as_of": {"None"},
    "load_program_file.title": {"'2026-13-45'", "'2026-02-30'", "'yesterday'", "'12/16/2026'", repr("x" * 10_000)},
    "load_program_file.agenda": {"[]"},
    "calendar.add_business_days.n": {"0", "-1"},
    "calendar.add_business_days_many": {"[]", "['2026-11-20', '2026-11-20']"},
    "calendar.add_business_days_many.n": {"0", "-1"},
}


def assert_clear_error(call: Callable[[], object], junk: Any, name: str) -> None:
    """Junk gives a library error that names its field; accepted junk fails, unless ``ACCEPTED``
    lists it for ``name``."""
    try:
        call()
    except CeuRulesError as err:  # shown alone: not raised while the library handled another exception
        assert err.__context__ is None or err.__suppress_context__, f"{name}: raised while handling {err.__context__!r}"
        _check_refusal(err, junk)
    else:
        assert repr(junk) in ACCEPTED.get(name, set()), f"{name} accepted junk {repr(junk)[:80]}"


def _check_refusal(err: CeuRulesError, junk: Any) -> None:
    if isinstance(err, InvalidInputError):
        assert err.field, "an InvalidInputError must name its field"
        assert isinstance(err.expected, str) and err.expected, "and say what was expected"
        if err.value is None:  # the refused value is shown, unless it really was None
            assert junk is None or (isinstance(junk, list | dict) and (None in junk or not junk)), err
    assert str(err)


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_functions_raise_only_library_errors(name: str, case: Callable[[Any], object]) -> None:
    for junk in JUNK:
        assert_clear_error(lambda junk=junk: case(junk), junk, name)  # type: ignore[misc]


# Junk in every argument of every constructor (the Policy's fields too), with what it may accept:
# tests/test_api_sweep.py, which finds the constructors itself.


def test_predicates_never_raise() -> None:
    for junk in JUNK:
        assert is_eligible(junk) is False
        assert is_date_approved(junk, APPROVAL) is False
        assert is_date_approved(D, junk) is False


ACCEPTS: dict[str, Callable[[Any], bool]] = {
    # For fields of these types, junk of any other type must be refused, never stored.
    "bool": lambda j: isinstance(j, bool),
    "bool | None": lambda j: j is None or isinstance(j, bool),
    "str": lambda j: isinstance(j, str),
    "dt.date": lambda j: False,
    "dt.date | None": lambda j: j is None,
    "dt.time": lambda j: isinstance(j, dt.time),
}
TYPED_FIELDS = [case for case in FIELD_CASES if str(attrs.fields_dict(case[1])[case[3]].type) in ACCEPTS]


@pytest.mark.parametrize(("name", "cls", "base", "field"), TYPED_FIELDS, ids=[c[0] for c in TYPED_FIELDS])
def test_wrong_types_are_refused_not_stored(name: str, cls: type[Any], base: dict[str, Any], field: str) -> None:
    accepts = ACCEPTS[str(attrs.fields_dict(cls)[field].type)]
    for junk in JUNK:
        if accepts(junk):
            continue
        with pytest.raises(InvalidInputError) as info:
            cls(**{**base, field: junk})
        assert info.value.field.split(".")[-1].split("[")[0] in (field.lstrip("_"), "dates", "attended", "day")
