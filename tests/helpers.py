"""Small assertion helpers that make the tests read like the policy."""

from __future__ import annotations

import datetime as dt

from ceurules import Attendance, CreditApplication, Decision, Outcome, Payment, Program, semester_batches


def d(text: str) -> dt.date:
    """A date from ISO text: ``d("2026-11-20")``."""
    return dt.date.fromisoformat(text)


def assert_weekday(day: dt.date, name: str) -> None:
    """The date falls on the named weekday ("Friday")."""
    assert day.strftime("%A") == name, f"{day} is a {day:%A}, not a {name}"


def outcomes(decision: Decision, clause: str) -> list[Outcome]:
    """The outcomes of the decision's findings on one clause."""
    return [f.outcome for f in decision.findings if f.clause == clause]


def assert_finding(decision: Decision, clause: str, outcome: Outcome, *, says: str = "") -> None:
    """The decision has a finding on ``clause`` with ``outcome`` whose message contains ``says``."""
    matches = [f for f in decision.findings if f.clause == clause and f.outcome is outcome]
    assert matches, f"no {outcome.value!r} finding on {clause}:\n{decision}"
    assert any(says in f.message for f in matches), f"no finding on {clause} says {says!r}:\n{decision}"


#: A one-day workshop on a Friday, a participant who applied and paid that day, and a fall packet's batch:
#: valid arguments shared by the sweep over the public API and the contract tests.
DAY = dt.date(2026, 11, 20)
PROGRAM = Program(title="T", activity="workshop", offering_dates=[DAY], contact_hours=3)
APP = CreditApplication(attendance=Attendance(participant="A", dates=[DAY]), submitted=DAY, payment=Payment(paid=DAY))
BATCH = semester_batches([dt.date(2026, 9, 1)]).batches[0]
