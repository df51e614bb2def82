"""Typing-only checks of the public API, run by ``mypy --strict`` (not by pytest).

If a public signature changes type, mypy fails here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import assert_type

import attrs

import ceurules
from ceurules import (
    DEFAULT_POLICY,
    ApplicationSummary,
    Batching,
    BusinessCalendar,
    Decision,
    Policy,
    ProcessingWindow,
    Program,
    ProgramFile,
    Status,
    Timeline,
    Verdict,
)


def public_api(program: Program, day: dt.date) -> None:
    assert_type(ceurules.ceus(dt.timedelta(minutes=450)), Decimal)
    assert_type(ceurules.ceus("7.5", policy=DEFAULT_POLICY), Decimal)
    assert_type(ceurules.check_eligibility(program), Decision)
    assert_type(ceurules.check_eligibility(program).verdict, Verdict)
    assert_type(ceurules.is_eligible(program), bool)
    assert_type(ceurules.submission_deadline([day]), dt.date)
    assert_type(ceurules.review_due(day), dt.date)
    assert_type(ceurules.application_deadline(day, certificate_date=None), dt.date)
    assert_type(ceurules.processing_window(day, day), ProcessingWindow)
    earliest, latest = ceurules.processing_window(day, day)
    assert_type(earliest, dt.date)
    assert_type(latest, dt.date)
    assert_type(ceurules.semi_osl_date(day), dt.date)
    assert_type(ceurules.semester_batches([day]), Batching)
    assert_type(ceurules.timeline(program), Timeline)
    assert_type(ceurules.load_program("docs/examples/workshop.ceu.toml"), Program)
    assert_type(ceurules.load_program_file({"title": "T", "activity": "workshop"}), ProgramFile)
    assert_type(ceurules.application_summaries([], as_of=day), list[ApplicationSummary])
    calendar = BusinessCalendar(country="US", subdivision=None)
    assert_type(calendar.add_business_days(day, 3), dt.date)
    assert_type(calendar.is_business_day(day), bool)
    assert_type(calendar.business_days_between(day, day), int)
    policy = attrs.evolve(DEFAULT_POLICY, lead_time_days=30, calendar=calendar)
    assert_type(policy, Policy)
    status = ceurules.credit_status(
        ceurules.CreditApplication(attendance=ceurules.Attendance(participant="A", dates=[day])), as_of=day
    )
    assert_type(status.status, Status)
    assert_type(program.contact_time(policy=DEFAULT_POLICY), dt.timedelta)
    assert_type(program.contact_minutes(policy=DEFAULT_POLICY), Fraction)
    assert_type(program.agenda.contact_minutes(policy=DEFAULT_POLICY), Fraction)
    assert_type(ceurules.contact_minutes(dt.timedelta(minutes=90)), Fraction)
    assert_type(ceurules.participant_ceus(dt.timedelta(minutes=90), 3), Decimal)
    assert_type(ceurules.__version__, str)


def mistakes(
    program: Program,
    day: dt.date,
    packet: ceurules.Packet,
    request: ceurules.ApprovalRequest,
    source: ceurules.RuleSource,
    leaf: ceurules.Requirement,
) -> None:
    """Each line is a mistake mypy must refuse: were one accepted, its ``type: ignore`` would be unused,
    and ``warn_unused_ignores`` (on for this module) fails the check."""
    Program(title=42, activity="workshop")  # type: ignore[arg-type]
    Program(title="T", activity=3.14)  # type: ignore[arg-type]
    Program(title="T", activity="workshop", offering_dates=dt.date(2026, 1, 1))  # type: ignore[arg-type]
    Program(title="T", activity="workshop", contact_hours=dt.timedelta(hours=6))  # type: ignore[arg-type]
    ceurules.Segment(kind="instruction", start=9, end="10:00")  # type: ignore[arg-type]
    ceurules.Agenda(segments=[("09:00", "10:00")])  # type: ignore[list-item]
    ceurules.ApprovalRequest(program=program, received=20261120)  # type: ignore[arg-type]
    ceurules.Attendance(participant="A", dates=day)  # type: ignore[arg-type]
    ceurules.CreditApplication(attendance=ceurules.Attendance(participant="A", dates=[day]), submitted=1)  # type: ignore[arg-type]
    ceurules.Payment(paid=[day])  # type: ignore[arg-type]
    ceurules.Packet(evaluations=[1, 2])  # type: ignore[list-item]
    attrs.evolve(DEFAULT_POLICY, lead_time_days="14")  # type: ignore[arg-type]
    Policy(contact_hours_per_ceu=dt.timedelta(hours=10))  # type: ignore[arg-type]
    ceurules.Term(name="fall", months=[8, 9], issued_month="12")  # type: ignore[arg-type]
    ceurules.check_eligibility(request)  # type: ignore[arg-type]
    ceurules.semester_batches(day)  # type: ignore[arg-type]
    ceurules.submission_deadline([day], DEFAULT_POLICY)  # type: ignore[call-arg]
    ceurules.processing_window(day)  # type: ignore[call-arg]
    ceurules.check_packet(packet, packet)  # type: ignore[arg-type]
    ceurules.packet_ceus(packet, 90)  # type: ignore[arg-type]
    ceurules.participant_ceus(90, 3)  # type: ignore[arg-type]
    ceurules.YearLong(meeting_time=90)  # type: ignore[arg-type]
    BusinessCalendar(extra_closures=[20261224])  # type: ignore[list-item]
    BusinessCalendar(country=None)  # type: ignore[arg-type]
    ceurules.Requirement(id="ceus", label="", unit="ceu", minimum=dt.timedelta(hours=10), source=source)  # type: ignore[arg-type]
    ceurules.Requirement(id="ceus", label="", unit="ceu", minimum=10, accepts=[("ceu", 1)], source=source)  # type: ignore[arg-type]
    ceurules.Requirement(id="ceus", label="", unit="ceu", minimum=10, window=1, source=source)  # type: ignore[arg-type]
    ceurules.Requirement(id=7, label="", unit="ceu", minimum=10, source=source)  # type: ignore[arg-type]
    ceurules.RuleVersion(effective=20200701, root=leaf, source=source)  # type: ignore[arg-type]
    ceurules.RenewalRule(name="r", title="R", cycle_years="5", effort={}, versions=[], source=source)  # type: ignore[arg-type]
