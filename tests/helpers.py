"""Small helpers shared by the tests: assertions that read like the policy, valid inputs, a command runner."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ceurules import Attendance, CreditApplication, Decision, Finding, Outcome, Payment, Program, semester_batches
from ceurules.cli import main


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


def only_finding(decision: Decision, clause: str) -> Finding:
    """The one finding of the decision on ``clause``."""
    matches = [f for f in decision.findings if f.clause == clause]
    assert len(matches) == 1, f"{len(matches)} findings on {clause}:\n{decision}"
    return matches[0]


#: A one-day workshop on a Friday, a participant who applied and paid that day, and a fall packet's batch:
#: valid arguments shared by the sweep over the public API and the contract tests.
DAY = dt.date(2026, 11, 20)
PROGRAM = Program(title="T", activity="workshop", offering_dates=[DAY], contact_hours=3)
APP = CreditApplication(attendance=Attendance(participant="A", dates=[DAY]), submitted=DAY, payment=Payment(paid=DAY))
BATCH = semester_batches([dt.date(2026, 9, 1)]).batches[0]

#: The example program file of the docs: a two-day workshop with its applications.
WORKSHOP = Path(__file__).parent.parent / "docs" / "examples" / "workshop.ceu.toml"

#: The required fields of a program file, in TOML, on lines 1-4: a one-day workshop of six contact hours.
HEAD = 'title = "X"\nactivity = "workshop"\noffering_dates = [2027-03-09]\ncontact_hours = "6"\n'


def run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    """Run the command line on ``args``: its exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, stdin=io.StringIO(stdin or ""))
    return code, out.getvalue(), err.getvalue()
