"""Timelines: every dated event in order, each with its clause."""

from __future__ import annotations

import attrs
from hypothesis import given

from ceurules import (
    CLAUSES,
    ActivityType,
    ApprovalRequest,
    Attendance,
    CourseCriteria,
    CreditApplication,
    Payment,
    Policy,
    Program,
    timeline,
)
from strategies import policies, programs

PROGRAM = Program(
    title="Paraprofessional Training: Behavior Supports",
    activity=ActivityType.PARAPROFESSIONAL_TRAINING,
    criteria=CourseCriteria.all_met(),
    offering_dates=["2026-12-15", "2026-12-16"],
    contact_hours="12",
    offers_semi_osl=True,
)


# -- approval.lead-time, approval.review, credit.window, credit.semi-osl: dated events ------------


def test_program_timeline_in_order_with_clauses() -> None:
    line = timeline(PROGRAM, request=ApprovalRequest(program=PROGRAM, received="2026-11-21"))
    rows = [(e.day.isoformat(), e.clause) for e in line.events]
    assert rows == [
        ("2026-11-21", "approval.lead-time"),  # received Saturday
        ("2026-11-27", "approval.review"),  # due Friday, Thanksgiving skipped
        ("2026-12-01", "approval.lead-time"),  # last on-time day
        ("2026-12-15", "approval.dates"),
        ("2026-12-16", "approval.dates"),
        ("2027-01-15", "credit.window"),
        ("2027-01-15", "credit.semi-osl"),
    ]
    assert [e.day for e in line.events] == sorted(e.day for e in line.events)


def test_participant_timeline_adds_window_payment_and_processing() -> None:
    app = CreditApplication(
        attendance=Attendance(participant="Jo Park", dates=["2026-12-15", "2026-12-16"], certificate_date="2026-12-17"),
        submitted="2026-12-20",
        proof_uploaded=True,
        payment=Payment(paid="2026-12-21"),
        issued="2026-12-30",
    )
    line = timeline(PROGRAM, application=app)
    text = str(line)
    assert "2027-01-16 Sat  last day to apply and pay (credit.window, D5)" in text
    assert "2027-01-06 Wed  CEUs expected by (overdue after) (credit.processing, D6)" in text
    assert "2026-12-30 Wed  certificate issued (credit.record)" in text
    assert line.subject == "Paraprofessional Training: Behavior Supports / Jo Park"


def test_yearlong_timeline_shows_packets_and_the_july_gap() -> None:
    plc = attrs.evolve(PROGRAM, year_long=True, offers_semi_osl=False,
                       offering_dates=["2026-07-21", "2026-08-18", "2027-01-19"])  # fmt: skip
    whats = {(e.day.isoformat(), e.what.split(" (")[0].split(":")[0], e.default) for e in timeline(plc).events}
    assert ("2026-07-21", "meeting not batched", "D9") in whats
    assert ("2026-12-31", "fall 2026-27 packet due", "D10") in whats
    assert ("2027-06-30", "spring 2026-27 packet due", "D10") in whats


def test_timeline_renders_for_json_and_notebooks() -> None:
    line = timeline(PROGRAM)
    data = line.to_dict()
    assert data["schema_version"] == 1
    assert data["events"][0] == {
        "date": "2026-12-01",
        "what": "last day to submit the approval request",
        "clause": "approval.lead-time",
        "default": "D1",
    }
    markdown = line._repr_markdown_()
    assert "| 2026-12-01 | Tue | last day to submit the approval request | `approval.lead-time` (D1) |" in markdown
    html = line._repr_html_()
    assert (
        '<td style="text-align:left">2026-12-01</td><td style="text-align:left">Tue</td>' in html
        and ">credit.semi-osl</code>" in html
    )


# -- every clause's dates: invariants ----------------------------------------------------------


@given(program=programs(), policy=policies)
def test_timeline_is_ordered_and_cites_the_registry(program: Program, policy: Policy) -> None:
    line = timeline(program, policy=policy)
    days = [e.day for e in line.events]
    assert days == sorted(days)
    assert {e.clause for e in line.events} <= set(CLAUSES)
    assert set(program.offering_dates) <= set(days)


def test_timeline_of_a_program_without_dates_and_an_open_application() -> None:
    program = Program(title="Directed Reading", activity=ActivityType.DIRECTED_READING, contact_hours=10)
    assert timeline(program).events == ()
    app = CreditApplication(attendance=Attendance(participant="Jo", dates=["2026-12-15"]))
    events = timeline(program, application=app).events
    assert [e.what for e in events] == ["Jo attends", "last day to apply and pay"]
