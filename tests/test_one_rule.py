"""One rule, one function: the bulk summaries and the explained answers agree on every field."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import example, given, settings
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
    application_columns,
    application_deadline,
    application_summaries,
    check_credit_application,
    credit_status,
    processing_window,
)
from helpers import d
from strategies import any_applications, dated_credit_policies, dates


def explained(app: CreditApplication, as_of: dt.date, policy: Policy) -> ApplicationSummary:
    """The summary fields, read off the explained path: the check's findings and ``credit_status``.

    ``as_of`` is a point in time: the check says, for each date after it, that it counts as not yet in; the
    application is on time when both the application and the payment are in by ``as_of`` and the check's
    ``credit.window`` finding is met; the posting window is ``credit_status``'s (none until complete by ``as_of``,
    none outside the window).
    """
    decision = check_credit_application(app, approval=None, as_of=as_of, policy=policy)
    (window,) = [f for f in decision.findings if f.clause == "credit.window"]
    att = app.attendance
    deadline = application_deadline(att.last_day, certificate_date=att.certificate_date, policy=policy)
    assert window.facts["deadline"] == deadline
    given = {"submitted": app.submitted, "paid": app.payment.paid if app.payment else None, "issued": app.issued}
    said = {f.facts["field"]: f.facts["value"] for f in decision.findings if "after the day of the check" in f.message}
    attended = [day for day in att.dates if day > as_of]
    dated = {**given, "certificate_date": att.certificate_date}
    later: dict[str, object] = {k: v for k, v in dated.items() if v is not None and v > as_of}
    later |= {"attended": attended} if attended else {}
    assert said == later  # every later date, said, once, on its field
    (certificate,) = [f for f in decision.findings if f.clause == "credit.certificate" and "about" not in f.facts]
    pending = att.completed and bool(attended or "certificate_date" in later)
    assert certificate.outcome is (Outcome.NOTE if pending else Outcome.MET if att.completed else Outcome.NOT_MET)
    both_in = given["submitted"] is not None and given["paid"] is not None and not {"submitted", "paid"} & set(later)
    on_time = (window.outcome is Outcome.MET) if both_in else None
    status = credit_status(app, as_of=as_of, policy=policy)
    if status.status is not Status.OUTSIDE_WINDOW:  # else the status's finding is the window's, given once
        assert status.finding in decision.findings
    earliest, latest = status.window if status.window is not None else (None, None)
    return ApplicationSummary(att.participant, deadline, on_time, earliest, latest, status.status)


@st.composite
def applications_and_day(draw: st.DrawFn) -> tuple[list[CreditApplication], dt.date]:
    """Applications at any stage (before the first day, after the deadline, missing) and a day to answer on,
    mostly near their dates, so that some dates fall after it."""
    found = draw(st.lists(any_applications(), min_size=1, max_size=5))
    near = st.integers(-15, 110).map(lambda k: found[0].attendance.dates[0] + dt.timedelta(days=k))
    return found, draw(near | dates)


def columnar(applications: list[CreditApplication], as_of: dt.date, policy: Policy) -> list[ApplicationSummary]:
    """The answers of application_columns for the same applications (which carry no issue date), as summaries."""
    answers = application_columns(
        [a.attendance.session_end for a in applications],
        first_day=[a.attendance.dates[0] for a in applications],
        certificate_date=[a.attendance.certificate_date for a in applications],
        submitted=[a.submitted for a in applications],
        paid=[a.payment.paid if a.payment else None for a in applications],
        as_of=as_of,
        policy=policy,
    )
    return [ApplicationSummary("P", *row) for row in zip(*answers, strict=True)]


def framed(
    applications: list[CreditApplication], as_of: dt.date, policy: Policy
) -> list[tuple[ApplicationSummary, str]] | None:
    """The answers of ceurules.frames.check_applications (pandas), as summaries with the clause the status cites;
    ``None`` without pandas."""
    try:
        import pandas as pd
    except ImportError:  # the pandas extra is not installed: that part is skipped
        return None
    from ceurules.frames import check_applications

    table = {
        "first_day": [a.attendance.dates[0] for a in applications],
        "last_day": [a.attendance.session_end for a in applications],
        "certificate_date": [a.attendance.certificate_date for a in applications],
        "submitted": [a.submitted for a in applications],
        "paid": [a.payment.paid if a.payment else None for a in applications],
    }
    rows = check_applications(pd.DataFrame(table), as_of=as_of, policy=policy).to_dict("records")
    return [
        (
            ApplicationSummary(
                "P", row["deadline"], row["on_time"], row["earliest"], row["latest"], Status(row["status"])
            ),
            row["status_clause"],
        )
        for row in rows
    ]


@settings(deadline=None)
@given(applications_and_day(), st.just(DEFAULT_POLICY) | dated_credit_policies())
@example(  # applied before attending, paid after
    (
        [
            CreditApplication(
                attendance=Attendance(participant="P", dates=["2026-11-20"]),
                submitted="2026-11-18",
                payment=Payment(paid="2026-11-21"),
            )
        ],
        d("2026-12-31"),
    ),
    DEFAULT_POLICY,
)
@example(  # checked before the course: the attended day and the certificate's date are not yet in
    ([CreditApplication(attendance=Attendance(participant="P", dates=["2026-12-10"], certificate_date="2026-12-11"),
                        submitted="2026-12-12", payment=Payment(paid="2026-12-12"))], d("2026-12-01")),
    DEFAULT_POLICY,
)  # fmt: skip
@example(  # applied and paid after the deadline, and after the day of the check (the CLI's --today)
    ([CreditApplication(attendance=Attendance(participant="P", dates=["2026-12-10"]), submitted="2027-02-20",
                        payment=Payment(paid="2027-02-20"))], d("2026-11-29")),
    DEFAULT_POLICY,
)  # fmt: skip
def test_bulk_and_explained_give_the_same_answer(
    applications_on: tuple[list[CreditApplication], dt.date], policy: Policy
) -> None:
    """Every answer path agrees on status, on_time, earliest and latest, dates after as_of included: the check and
    credit_status (explained), application_summaries, application_columns and DataFrames (bulk)."""
    applications, as_of = applications_on
    bulk = application_summaries(applications, as_of=as_of, policy=policy)
    assert bulk == [explained(app, as_of, policy) for app in applications]
    plain = [attrs.evolve(app, issued=None) for app in applications]  # columns and frames carry no issue date
    expected = [s._replace(participant="P") for s in application_summaries(plain, as_of=as_of, policy=policy)]
    assert expected == [explained(app, as_of, policy)._replace(participant="P") for app in plain]
    assert columnar(plain, as_of, policy) == expected
    frame = framed(plain, as_of, policy)
    if frame is not None:
        status_findings = [credit_status(app, as_of=as_of, policy=policy).finding for app in plain]
        cites = [f"{f.clause}, {f.default}" if f.default else f.clause for f in status_findings]
        assert frame == list(zip(expected, cites, strict=True))


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
    assert policy.is_dated("application_window") and policy.on(d("2027-02-01")).is_dated("application_window")
    assert not policy.is_dated("lead_time_days") and not DEFAULT_POLICY.is_dated("application_window")
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
