"""One rule, one function: the bulk summaries and the explained answers agree on every field."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from ceurules import (
    DEFAULT_POLICY,
    ApplicationSummary,
    Attendance,
    Change,
    CreditApplication,
    Outcome,
    Payment,
    Policy,
    Status,
    application_deadline,
    application_summaries,
    check_credit_application,
    credit_status,
    processing_window,
)
from helpers import d
from strategies import any_applications, dated_credit_policies, dates


def explained(app: CreditApplication, as_of: dt.date, policy: Policy) -> ApplicationSummary:
    """The summary fields, read off the explained path."""
    decision = check_credit_application(app, approval=None, as_of=as_of, policy=policy)
    window = next(f for f in decision.findings if f.clause == "credit.window")
    att = app.attendance
    deadline = application_deadline(att.last_day, certificate_date=att.certificate_date, policy=policy)
    assert window.facts["deadline"] == deadline
    earliest = latest = on_time = None
    if app.submitted is not None and app.payment is not None:
        earliest, latest = processing_window(app.submitted, app.payment.paid, policy=policy)
        on_time = window.outcome is Outcome.MET
    status = credit_status(app, as_of=as_of, policy=policy).status
    if status is Status.OUTSIDE_WINDOW:  # credit.window failed: no posting window
        earliest = latest = None
    return ApplicationSummary(att.participant, deadline, on_time, earliest, latest, status)


@given(st.lists(any_applications(), min_size=1, max_size=5), dates, st.just(DEFAULT_POLICY) | dated_credit_policies())
@example(
    [
        CreditApplication(
            attendance=Attendance(participant="P", dates=["2026-11-20"]),
            submitted="2026-11-18",
            payment=Payment(paid="2026-11-21"),
        )
    ],
    d("2026-12-31"),
    DEFAULT_POLICY,
)
def test_bulk_and_explained_give_the_same_answer(
    applications: list[CreditApplication], as_of: dt.date, policy: Policy
) -> None:
    bulk = application_summaries(applications, as_of=as_of, policy=policy)
    assert bulk == [explained(app, as_of, policy) for app in applications]


def test_applying_before_attending_is_not_on_time_in_bulk() -> None:
    app = CreditApplication(
        attendance=Attendance(participant="P", dates=["2026-11-20"]),
        submitted="2026-11-18",
        payment=Payment(paid="2026-11-21"),
    )
    (summary,) = application_summaries([app], as_of=d("2026-12-31"))
    assert summary.on_time is False
    paid_early = attrs.evolve(app, submitted=d("2026-11-21"), payment=Payment(paid="2026-11-19"))
    assert application_summaries([paid_early], as_of=d("2026-12-31"))[0].on_time is False


def test_each_answer_uses_the_version_in_force_on_its_date() -> None:
    policy = attrs.evolve(
        DEFAULT_POLICY,
        changes=[
            Change(parameter="application_window", effective="2027-01-01", value=45),
            Change(parameter="processing_latest_business_days", effective="2027-03-01", value=15),
        ],
    )
    before = Attendance(participant="A", dates=["2026-12-31"])
    after = Attendance(participant="B", dates=["2027-01-01"])
    assert application_deadline(before.last_day, policy=policy) == d("2027-01-30")
    assert application_deadline(after.last_day, policy=policy) == d("2027-02-15")
    later = Attendance(participant="B", dates=["2027-02-01"])  # its window (45 days) ends 2027-03-18
    app = CreditApplication(attendance=later, submitted="2027-02-10", payment=Payment(paid="2027-03-01"))
    window = processing_window(d("2027-02-10"), d("2027-03-01"), policy=policy)
    assert (window.earliest, window.latest) == (d("2027-03-10"), d("2027-03-22"))
    decision = check_credit_application(app, approval=None, as_of=d("2027-03-23"), policy=policy)
    facts = {k: v for f in decision.findings for k, v in f.facts.items() if k.endswith("_from")}
    assert facts == {
        "application_window_from": d("2027-01-01"),
        "processing_latest_business_days_from": d("2027-03-01"),
    }
    assert credit_status(app, as_of=d("2027-03-23"), policy=policy).status is Status.OVERDUE
    assert decision.to_dict()["policy"] == policy.stamp.to_dict()


def test_columns_apply_the_same_window_rule() -> None:
    from ceurules import application_columns

    answers = application_columns(
        ["2026-11-21", "2026-11-21", "2026-11-21"],
        first_day=["2026-11-20", "2026-11-20", None],
        submitted=["2026-11-19", "2026-11-20", "2026-11-20"],
        paid=["2026-11-22", "2026-11-22", "2026-11-22"],
        as_of="2026-12-31",
    )
    assert answers.on_time == [False, True, False]  # without first_day, the last day is the first (one-day session)


def test_json_output_is_byte_identical_across_runs() -> None:
    import subprocess
    import sys
    from pathlib import Path

    example = str(Path(__file__).parent.parent / "docs" / "examples" / "workshop.ceu.toml")
    argv = [sys.executable, "-m", "ceurules", "check", example, "--format", "json", "--today", "2027-01-20"]
    first, second = (subprocess.run(argv, capture_output=True, check=False).stdout for _ in range(2))
    assert first == second and DEFAULT_POLICY.fingerprint.encode() in first
