"""Small assertion helpers that make the tests read like the policy."""

from __future__ import annotations

import datetime as dt

from ceurules import Decision, Outcome


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
