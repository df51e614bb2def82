"""Error messages: what a user reads when a value is refused, checked by their parts.

Every function and constructor of the robustness sweep is fed a few typical bad
values: each is refused with an error naming the field and the value as written
(``field: expected ..., got value``), or is a value of the field's own kind,
listed in ``ACCEPTED``. Values that break a rule of their own (a segment crossing
midnight, terms sharing a month) are refused naming the field and the value.
The wording of the ``expected`` part is not pinned: the answers are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta

from ceurules import (
    DEFAULT_POLICY,
    Agenda,
    Approval,
    Attendance,
    BusinessCalendar,
    CeuRulesError,
    CreditApplication,
    CreditingRule,
    Documents,
    InvalidInputError,
    Packet,
    Payment,
    Program,
    ProgramFileError,
    Segment,
    Term,
    ceus,
    packet_ceus,
    semester_batches,
    submission_deadline,
)
from ceurules.errors import as_written
from test_robustness import CASES, CONSTRUCTORS, POLICY_FIELDS

BAD: dict[str, Any] = {
    "None": None,
    "-1": -1,
    "3.5": 3.5,
    "True": True,
    "'yesterday'": "yesterday",
    "'2026-02-30'": "2026-02-30",
    "[]": [],
    "datetime": dt.datetime(2026, 11, 20, 9, 30),
}


#: The bad values each function or field accepts: each is a value of the field's own kind (None for an
#: optional field, True for a flag, text for a text field, [] for a list that may be empty; a float
#: such as 3.5 is refused everywhere, as not exact).
ACCEPTED: dict[str, set[str]] = {
    "Agenda.segments": {"[]"},
    "Approval.approved_on": {"None"},
    "ApprovalRequest.waiver": {"None"},
    "Attendance.certificate_date": {"None"},
    "Attendance.completed": {"True"},
    "Attendance.participant": {"'2026-02-30'", "'yesterday'"},
    "Attendance.session_last_day": {"None"},
    "BusinessCalendar.categories": {"'2026-02-30'", "'yesterday'"},
    "BusinessCalendar.country": {"'2026-02-30'", "'yesterday'"},
    "BusinessCalendar.extra_closures": {"[]"},
    "BusinessCalendar.observed": {"True"},
    "BusinessCalendar.removed_holidays": {"[]"},
    "BusinessCalendar.subdivision": {"'2026-02-30'", "'yesterday'", "None"},
    "BusinessCalendar.weekend": {"[]"},
    **{f"CourseCriteria.{c}": {"None", "True"} for c in
       ("evaluation", "instructors", "need", "objective", "organized", "performance")},
    "CreditApplication.issued": {"None"},
    "CreditApplication.payment": {"None"},
    "CreditApplication.proof_uploaded": {"True"},
    "CreditApplication.submitted": {"None"},
    "CreditingRule.effective": {"None"},
    **{f"Documents.{c}": {"True"} for c in ("approval_form", "brochure", "flyer", "timed_agenda")},
    "Documents.vitas": {"[]"},
    "Documents.website": {"'2026-02-30'", "'yesterday'", "None"},
    "Instructor.name": {"'2026-02-30'", "'yesterday'"},
    "Instructor.qualifications": {"'2026-02-30'", "'yesterday'"},
    "Packet.applications": {"[]"},
    "Packet.evaluations": {"[]"},
    "Packet.submitted": {"None"},
    "Policy.changes": {"[]"},
    "Policy.name": {"'2026-02-30'", "'yesterday'"},
    "Policy.sources": {"[]"},
    "Policy.sum_segments": {"True"},
    "Policy.texts": {"[]"},  # no clause or default texts of its own: the registry's
    "Policy.unit_abbreviation": {"'2026-02-30'", "'yesterday'"},
    "Policy.unit_name": {"'2026-02-30'", "'yesterday'"},
    "Program.academic_credit": {"True"},
    "Program.activity_label": {"'2026-02-30'", "'yesterday'", "None"},
    "Program.agenda": {"[]"},
    "Program.contact_hours": {"None"},
    "Program.instructors": {"[]"},
    "Program.offering_dates": {"[]"},
    "Program.offers_semi_osl": {"True"},
    "Program.sessions": {"None", "[]"},
    "Program.title": {"'2026-02-30'", "'yesterday'"},
    "Program.year_long": {"True"},
    "Segment.day": {"None"},
    "Segment.title": {"'2026-02-30'", "'yesterday'"},
    "Term.name": {"'2026-02-30'", "'yesterday'"},
    "WaiverRequest.circumstances": {"'2026-02-30'", "'yesterday'"},
    "application_deadline.certificate_date": {"None"},
    "application_summaries": {"[]"},
    "calendar.add_business_days.n": {"-1"},
    "calendar.add_business_days_many": {"[]"},
    "calendar.add_business_days_many.n": {"-1"},
    "check_credit_application.approval": {"None"},
    "check_credit_application.as_of": {"None"},
    "check_packet.as_of": {"None"},
    "load_program_file.agenda": {"[]"},
    "load_program_file.title": {"'2026-02-30'", "'yesterday'"},
    "semester_batches": {"[]"},
    "timeline.application": {"None"},
    "timeline.request": {"None"},
}  # fmt: skip


#: Fields whose errors use the name a program file gives them.
FILE_NAMES = {"segments": "agenda", "dates": "attended"}


def targets() -> list[tuple[str, str | None, Callable[[Any], object]]]:
    """Every function and constructor field of the sweep: its name, the field it sets, how to call it with a value."""
    found: list[tuple[str, str | None, Callable[[Any], object]]] = [(name, None, case) for name, case in CASES]
    for cls, base in CONSTRUCTORS:
        for field in attrs.fields(cls):
            if field.init:
                call = (lambda c, b, f: lambda bad: c(**{**b, f: bad}))(cls, base, field.name)
                found.append((f"{cls.__name__}.{field.name}", field.name, call))
    for name in POLICY_FIELDS:
        call = (lambda f: lambda bad: attrs.evolve(DEFAULT_POLICY, **{f: bad}))(name)
        found.append((f"Policy.{name}", name, call))
    return found


TARGETS = targets()


def test_every_accepted_entry_names_a_target_and_a_bad_value() -> None:
    names = {name for name, _, _ in TARGETS}
    assert set(ACCEPTED) <= names
    assert set().union(*ACCEPTED.values()) <= set(BAD)


@pytest.mark.parametrize(("name", "field", "call"), TARGETS, ids=[t[0] for t in TARGETS])
def test_a_bad_value_is_refused_naming_the_field_and_the_value(
    name: str, field: str | None, call: Callable[[Any], object]
) -> None:
    for label, bad in BAD.items():
        try:
            call(bad)
        except InvalidInputError as err:
            assert label not in ACCEPTED.get(name, set()), f"{name}({label}) is refused: {err}"
            assert str(err) == f"{err.field}: expected {err.expected}, got {as_written(err.value)}"
            assert err.field and err.expected, f"{name}({label}): {err}"
            parts = re.split(r"[.\[]", err.field)
            assert field is None or {field, FILE_NAMES.get(field)} & set(parts), f"{name}({label}): {err}"
        except ProgramFileError as err:  # a program file's problems, each with its field path ('' for the file)
            assert err.problems, f"{name}({label}): {err}"
        else:
            assert label in ACCEPTED.get(name, set()), f"{name}({label}) is accepted"


def seg(start: str, end: str, day: str | None = None, kind: str = "instruction", title: str = "") -> Segment:
    return Segment(kind=kind, start=start, end=end, day=day, title=title)


TERM = Term(name="fall", months=(8, 9), issued_month=9)
APP = Attendance(participant="Jo", dates=["2026-12-15"])

#: Values of the right type that break a rule of their own: the messages a user meets most.
SEMANTIC: dict[str, Callable[[], object]] = {
    "segment with seconds": lambda: Segment(kind="instruction", start=dt.time(9, 0, 30), end="10:00"),
    "segment crossing midnight": lambda: seg("23:00", "01:00"),
    "agenda item not a segment": lambda: Agenda(segments=[seg("09:00", "10:00"), "10:00-11:00"]),  # type: ignore[list-item]
    "agenda dated and undated": lambda: Agenda(segments=[seg("09:00", "10:00"), seg("10:00", "11:00", "2026-12-15")]),
    "agenda overlap": lambda: Agenda(segments=[seg("09:00", "10:30", title="Keynote"), seg("10:00", "11:00")]),
    "term month 13": lambda: Term(name="x", months=(12, 13), issued_month=12),
    "term repeated month": lambda: Term(name="x", months=(1, 1), issued_month=1),
    "terms sharing a month": lambda: CreditingRule(clause="yearlong.semester", effective="2030-07-01",
                                                   terms=(TERM, attrs.evolve(TERM, name="b"))),
    "rule with unknown clause": lambda: CreditingRule(clause="yearlong.quarter", effective="2030-07-01", terms=(TERM,)),
    "rules on the same date": lambda: attrs.evolve(DEFAULT_POLICY, crediting_rules=DEFAULT_POLICY.crediting_rules * 2),
    "window with an absolute month": lambda: attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(month=1)),
    "window in hours": lambda: attrs.evolve(DEFAULT_POLICY, semi_osl_delay=relativedelta(hours=5)),
    "window negative": lambda: attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(days=-1)),
    "window too long": lambda: attrs.evolve(DEFAULT_POLICY, application_window=3661),
    "processing bounds reversed": lambda: attrs.evolve(DEFAULT_POLICY, processing_earliest_business_days=11),
    "zero increment": lambda: attrs.evolve(DEFAULT_POLICY, ceu_increment=0),
    "zero hours per CEU": lambda: attrs.evolve(DEFAULT_POLICY, contact_hours_per_ceu="0"),
    "unknown contact kind": lambda: attrs.evolve(DEFAULT_POLICY, contact_kinds=["nap"]),
    "no contact kinds": lambda: attrs.evolve(DEFAULT_POLICY, contact_kinds=[]),
    "certificate before the session": lambda: Attendance(participant="Jo", dates=["2026-12-15"],
                                                        certificate_date="2026-12-14"),
    "issued before applying": lambda: CreditApplication(attendance=APP, issued="2026-12-20"),
    "issued before paying in full": lambda: CreditApplication(attendance=APP, submitted="2026-12-18",
                                                              payment=Payment(paid="2026-12-19"), issued="2026-12-18"),
    "closures end before start": lambda: BusinessCalendar().closures(dt.date(2026, 12, 31), dt.date(2026, 12, 1)),
    "calendar before 1900": lambda: BusinessCalendar().is_business_day(dt.date(1899, 12, 31)),
    "calendar after 2199": lambda: BusinessCalendar().is_business_day(dt.date(2200, 1, 1)),
    "calendar offset past 2199": lambda: BusinessCalendar().add_business_days(dt.date(2199, 12, 1), 40),
    "calendar first and last days": lambda: [BusinessCalendar().is_business_day(dt.date(1900, 1, 2)),
                                             BusinessCalendar().is_business_day(dt.date(2199, 12, 31))],
    "weekend of seven days": lambda: BusinessCalendar(weekend=range(7)),
    "blank holiday category": lambda: BusinessCalendar(categories=["public", " "]),
    "holiday category not text": lambda: BusinessCalendar(categories=[3]),  # type: ignore[list-item]
    "sign-in sheet twice": lambda: Packet(sign_ins={"2026-08-18": ["Ana"], dt.date(2026, 8, 18): ["Bo"]}),  # type: ignore[arg-type]
    "sign-in sheet not a date": lambda: Packet(sign_ins={"August": ["Ana"]}),
    "vitas not names": lambda: Documents(vitas=["Ana", 7]),  # type: ignore[list-item]
    "approval without dates": lambda: Approval(dates=[]),
    "empty offering list": lambda: submission_deadline([]),
    "repeated instructor": lambda: Program(title="T", activity="workshop", instructors=["Ana", "Ana"]),
    "instructor not a name": lambda: Program(title="T", activity="workshop", instructors=[7]),  # type: ignore[list-item]
    "program agenda day not offered": lambda: Program(title="T", activity="workshop", offering_dates=["2026-12-15"],
                                                      agenda=[seg("09:00", "10:00", "2026-12-16")]),
    "other without label": lambda: Program(title="T", activity="other"),
    "negative duration": lambda: ceus(dt.timedelta(minutes=-5)),
    "packet minutes negative": lambda: packet_ceus(Packet(), dt.timedelta(minutes=-5)),
    "before any crediting rule": lambda: semester_batches([dt.date(1969, 6, 1)]),
}  # fmt: skip


#: For each value that breaks a rule of its own: the field the error names and the value as it shows it.
SEMANTIC_FIELDS: dict[str, tuple[str, str]] = {
    'segment with seconds': ('start', '09:00:30'),
    'segment crossing midnight': ('end', '01:00'),
    'agenda item not a segment': ('agenda[1]', "'10:00-11:00'"),
    'agenda dated and undated': ('agenda[1].day', '2026-12-15'),
    'agenda overlap': ('agenda[1].start', '10:00'),
    'term month 13': ('months', '13'),
    'term repeated month': ('months', '[1, 1]'),
    'terms sharing a month': ('terms', "[Term(name='fall', months=(8, 9), issued_month=9), Term(n..."),
    'rule with unknown clause': ('clause', "'yearlong.quarter'"),
    'rules on the same date': ('crediting_rules', "[CreditingRule(clause='yearlong.annual', effective=None, ..."),
    'window with an absolute month': ('application_window', 'relativedelta(month=1)'),
    'window in hours': ('semi_osl_delay', 'relativedelta(hours=+5)'),
    'window negative': ('application_window', 'relativedelta(days=-1)'),
    'window too long': ('application_window', '3661'),
    'processing bounds reversed': ('processing_latest_business_days', '10'),
    'zero increment': ('ceu_increment', '0'),
    'zero hours per CEU': ('contact_hours_per_ceu', "'0'"),
    'unknown contact kind': ('contact_kinds', "['nap']"),
    'no contact kinds': ('contact_kinds', '[]'),
    'certificate before the session': ('certificate_date', '2026-12-14'),
    'issued before applying': ('issued', '2026-12-20'),
    'issued before paying in full': ('issued', '2026-12-18'),
    'closures end before start': ('end', '2026-12-01'),
    'calendar before 1900': ('day', '1899-12-31'),
    'calendar after 2199': ('day', '2200-01-01'),
    'calendar offset past 2199': ('n', '40'),
    'weekend of seven days': ('weekend', 'range(0, 7)'),
    'blank holiday category': ('categories', "' '"),
    'holiday category not text': ('categories', '3'),
    'sign-in sheet twice': ('sign_ins[2026-08-18]', '2026-08-18'),
    'sign-in sheet not a date': ('sign_ins', "'August'"),
    'vitas not names': ('vitas[1]', '7'),
    'approval without dates': ('dates', '[]'),
    'empty offering list': ('offering_dates', '[]'),
    'repeated instructor': ('instructors[1].name', "'Ana'"),
    'instructor not a name': ('instructors[0]', '7'),
    'program agenda day not offered': ('agenda.day', '2026-12-16'),
    'other without label': ('activity_label', 'null'),
    'negative duration': ('contact_time', 'datetime.timedelta(days=-1, seconds=86100)'),
    'packet minutes negative': ('meeting_time', 'datetime.timedelta(days=-1, seconds=86100)'),
}  # fmt: skip


@pytest.mark.parametrize("name", [n for n in SEMANTIC if n not in SEMANTIC_FIELDS], ids=str)
def test_a_value_that_breaks_its_own_rule_is_accepted(name: str) -> None:
    SEMANTIC[name]()


def test_the_calendar_answers_for_its_first_and_last_days() -> None:
    assert SEMANTIC["calendar first and last days"]() == [True, True]


@pytest.mark.parametrize(("name", "field", "value"), [(n, *v) for n, v in SEMANTIC_FIELDS.items()], ids=str)
def test_a_value_that_breaks_a_rule_is_refused_naming_field_and_value(name: str, field: str, value: str) -> None:
    with pytest.raises(CeuRulesError) as caught:
        SEMANTIC[name]()
    err = caught.value
    assert isinstance(err, InvalidInputError)
    assert (err.field, as_written(err.value, 60)) == (field, value)
    assert str(err).startswith(f"{field}: expected ")
