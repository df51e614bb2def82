"""Credit applications: ``credit.*`` with D4, D5, D6."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from ceurules import (
    CLAUSES,
    DEFAULT_POLICY,
    Approval,
    Attendance,
    Change,
    CreditApplication,
    InvalidInputError,
    Outcome,
    Payment,
    Policy,
    Status,
    Verdict,
    application_columns,
    application_deadline,
    application_summaries,
    check_credit_application,
    credit_status,
    is_on_time,
    processing_window,
    semi_osl_date,
)
from ceurules.credit import window_finding
from helpers import assert_finding, assert_weekday, d, only_finding
from strategies import any_applications, applications, dates, policies

APPROVAL = Approval(dates=["2026-12-15", "2027-01-12"], approved_on="2026-11-24")
MONTH = attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(months=1))


def application(**changes: Any) -> CreditApplication:
    base = CreditApplication(
        attendance=Attendance(participant="Jordan Lee", dates=["2026-12-15"], certificate_date="2026-12-15"),
        submitted="2026-12-18",
        proof_uploaded=True,
        payment=Payment(paid="2026-12-18"),
    )
    return attrs.evolve(base, **changes)


def refusal(call: Callable[[], object]) -> tuple[str, object, str]:
    """The field, the value and the expectation of the InvalidInputError that ``call`` raises."""
    with pytest.raises(InvalidInputError) as info:
        call()
    return info.value.field, info.value.value, info.value.expected


# -- credit.window, D4, D5 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_day", "certificate", "expected"),
    [
        ("2026-11-20", None, "2026-12-20"),  # 30 calendar days from the last session day
        ("2026-11-20", "2026-11-23", "2026-12-23"),  # D5: the certificate date wins
        ("2026-12-15", None, "2027-01-14"),  # across New Year
        ("2024-01-30", None, "2024-02-29"),  # into a leap day
    ],
)
def test_application_deadline_30_days(last_day: str, certificate: str | None, expected: str) -> None:
    cert = d(certificate) if certificate else None
    assert application_deadline(d(last_day), certificate_date=cert) == d(expected)


@pytest.mark.parametrize(
    ("last_day", "expected"),
    [
        ("2027-01-31", "2027-02-28"),  # Jan 31 + one month
        ("2028-01-31", "2028-02-29"),  # in a leap year
        ("2026-11-20", "2026-12-20"),
        ("2026-12-31", "2027-01-31"),
    ],
)
def test_application_deadline_one_month_variant(last_day: str, expected: str) -> None:
    assert application_deadline(d(last_day), policy=MONTH) == d(expected)


def test_window_must_not_be_negative() -> None:
    with pytest.raises(InvalidInputError, match="application_window"):
        attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(days=-1))
    with pytest.raises(InvalidInputError, match="application_window"):
        attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(month=2))
    with pytest.raises(InvalidInputError, match="application_window"):
        attrs.evolve(DEFAULT_POLICY, application_window="30 days")  # type: ignore[arg-type]


def test_a_whole_number_window_means_days() -> None:
    assert attrs.evolve(DEFAULT_POLICY, application_window=45).application_window == relativedelta(days=45)


@given(last=dates, gap=st.integers(min_value=0, max_value=20))
def test_window_never_ends_before_its_anchor(last: dt.date, gap: int) -> None:
    cert = last + dt.timedelta(days=gap)
    assert application_deadline(last) >= last
    assert application_deadline(last, certificate_date=cert) >= cert
    assert application_deadline(last, policy=MONTH) >= last


def test_applying_after_the_deadline_fails() -> None:
    late = application(submitted="2027-01-15", payment=Payment(paid="2027-01-15"))
    decision = check_credit_application(late, approval=APPROVAL)
    assert decision.verdict is Verdict.FAIL
    assert_finding(decision, "credit.window", Outcome.NOT_MET, says="after the deadline 2027-01-14")


def test_paying_late_fails_even_when_applying_on_time() -> None:
    decision = check_credit_application(application(payment=Payment(paid="2027-01-20")), approval=APPROVAL)
    assert_finding(decision, "credit.window", Outcome.NOT_MET, says="paid on 2027-01-20")


def test_last_day_of_window_is_on_time() -> None:
    edge = application(submitted="2027-01-14", payment=Payment(paid="2027-01-14"))
    assert_finding(check_credit_application(edge, approval=APPROVAL), "credit.window", Outcome.MET)


def test_not_yet_applied_open_then_closed() -> None:
    pending = application(submitted=None, payment=None)
    open_ = check_credit_application(pending, approval=APPROVAL, as_of=d("2027-01-10"))
    assert_finding(open_, "credit.window", Outcome.NOTE, says="until 2027-01-14")
    closed = check_credit_application(pending, approval=APPROVAL, as_of=d("2027-01-15"))
    assert_finding(closed, "credit.window", Outcome.NOT_MET, says="closed on 2027-01-14")


def test_applying_before_attending_is_refused() -> None:
    early = application(submitted="2026-12-01", payment=Payment(paid="2026-12-01"))
    decision = check_credit_application(early, approval=APPROVAL)
    assert_finding(decision, "credit.window", Outcome.NOT_MET, says="before attending")


def test_the_window_finding_in_full_open_then_closed_unused() -> None:
    pending = CreditApplication(attendance=Attendance(participant="Jo", dates=["2026-12-15", "2026-12-16"]))
    facts: dict[str, Any] = {"anchor": "2026-12-16", "anchor_is": "last session day", "deadline": "2027-01-15"}
    facts |= {"submitted": None, "paid": None}
    open_ = check_credit_application(pending, approval=APPROVAL, as_of=d("2027-01-15"))
    message = "The participant has until 2027-01-15 to apply and pay."
    expected = {"clause": "credit.window", "outcome": "note", "message": message, "default": "D4", "facts": facts}
    assert only_finding(open_, "credit.window").to_dict() == expected
    closed = check_credit_application(pending, approval=APPROVAL, as_of=d("2027-01-16"))
    message = "The window closed on 2027-01-15 without both the application and the payment."
    facts |= {"as_of": "2027-01-16"}
    expected = {"clause": "credit.window", "outcome": "not met", "message": message, "default": "D4", "facts": facts}
    assert only_finding(closed, "credit.window").to_dict() == expected
    assert window_finding(pending, d("2027-01-16"), DEFAULT_POLICY) == only_finding(closed, "credit.window")


def test_the_window_met_in_full_with_the_window_in_force_on_its_anchor() -> None:
    longer = Change(parameter="application_window", effective="2026-12-16", value=60)  # D13
    policy = attrs.evolve(DEFAULT_POLICY, changes=[longer])
    found = []
    for certificate in ("2026-12-16", "2026-12-15"):
        attended = Attendance(participant="Jo", dates=["2026-12-15"], certificate_date=certificate)
        app = CreditApplication(attendance=attended, submitted="2026-12-18", payment=Payment(paid="2026-12-21"))
        found.append(only_finding(check_credit_application(app, approval=None, policy=policy), "credit.window"))
    facts = {"anchor_is": "certificate date", "submitted": "2026-12-18", "paid": "2026-12-21"}
    assert [f.to_dict() for f in found] == [
        {
            "clause": "credit.window",
            "outcome": "met",
            "message": f"Applied and paid by 2026-12-21, within the window ending {deadline}.",
            "default": "D5",
            "facts": {"anchor": anchor, "deadline": deadline, **facts, "application_window_from": since},
        }
        for anchor, deadline, since in [("2026-12-16", "2027-02-14", "2026-12-16"), ("2026-12-15", "2027-01-14", None)]
    ]


def test_paying_before_attending_cites_d5_once_the_payment_is_in_by_the_day_of_the_check() -> None:
    attended = Attendance(participant="Jo", dates=["2026-12-15"])
    early = CreditApplication(attendance=attended, payment=Payment(paid="2026-12-10"))
    facts = {"anchor": "2026-12-15", "anchor_is": "last session day", "deadline": "2027-01-14", "submitted": None}
    facts |= {"paid": "2026-12-10"}
    message = "The participant paid on 2026-12-10, before attending (2026-12-15)."
    finding = only_finding(check_credit_application(early, approval=None), "credit.window")
    expected = {"clause": "credit.window", "outcome": "not met", "message": message, "default": "D5"}
    assert finding.to_dict() == {**expected, "facts": {"about": "paid", **facts}}
    finding = only_finding(check_credit_application(early, approval=None, as_of=d("2026-12-05")), "credit.window")
    message = "The participant has until 2027-01-14 to apply and pay."  # paid after the day of the check: not yet in
    expected = {"clause": "credit.window", "outcome": "note", "message": message, "default": "D4"}
    assert finding.to_dict() == {**expected, "facts": facts}


def test_a_deadline_past_the_calendar_names_the_anchor_field() -> None:
    expected = "a date whose application deadline is in the years 1900-2199 (2200-01-19 is not)"
    day = d("2199-12-20")
    assert refusal(lambda: application_deadline(day)) == ("last_day", day, expected)
    assert refusal(lambda: application_deadline(d("2199-11-01"), certificate_date=day)) == (
        "certificate_date",
        day,
        expected,
    )
    attended = CreditApplication(attendance=Attendance(participant="Jo", dates=[day]))
    certified = CreditApplication(attendance=Attendance(participant="Jo", dates=["2199-11-01"], certificate_date=day))
    assert refusal(lambda: credit_status(attended, as_of=day)) == ("attended", day, expected)
    assert refusal(lambda: credit_status(certified, as_of=day)) == ("certificate_date", day, expected)
    assert refusal(lambda: check_credit_application(attended, approval=None)) == ("attended", day, expected)


def test_a_last_day_before_the_first_day_attended_is_refused_as_the_last_day() -> None:
    with pytest.raises(InvalidInputError) as info:
        application_deadline(d("2026-12-15"), first_day=d("2026-12-16"))
    expected = "a date on or after every day attended (up to 2026-12-16)"
    assert str(info.value) == f"last_day: expected {expected}, got 2026-12-15"
    assert application_deadline(d("2026-12-16"), first_day=d("2026-12-15")) == d("2027-01-15")


# -- credit.link, approval.dates, credit.certificate, credit.proof -------------------------------


def test_a_good_application_passes_every_clause() -> None:
    decision = check_credit_application(application(), approval=APPROVAL)
    assert decision.verdict is Verdict.PASS
    assert {"credit.link", "approval.dates", "credit.certificate", "credit.proof", "credit.window"} <= (
        decision.cited_clauses()
    )


def test_unapproved_program_has_no_link() -> None:
    decision = check_credit_application(application(), approval=None)
    assert_finding(decision, "credit.link", Outcome.NOT_MET, says="not approved")


def test_an_approval_dated_after_the_day_of_the_check_is_not_yet_given() -> None:
    # approved 2026-11-24: on 2026-11-01 the program is not yet approved, on 2026-11-24 it is
    before = check_credit_application(application(), approval=APPROVAL, as_of=d("2026-11-01"))
    link = only_finding(before, "credit.link")
    assert link.outcome is Outcome.NOTE and link.facts["about"] == "approved_on"
    said = "Approved on 2026-11-24, after the day of the check (2026-11-01): counted as not yet approved."
    assert link.message == said
    on_the_day = check_credit_application(application(), approval=APPROVAL, as_of=d("2026-11-24"))
    assert_finding(on_the_day, "credit.link", Outcome.MET, says="The program is approved")
    unstated = attrs.evolve(APPROVAL, approved_on=None)  # an approval of no stated day counts whenever
    assert_finding(check_credit_application(application(), approval=unstated, as_of=d("2026-11-01")),
                   "credit.link", Outcome.MET)


def test_attended_date_outside_the_approval_fails() -> None:
    app = application(attendance=Attendance(participant="Jordan Lee", dates=["2026-12-16"]))
    decision = check_credit_application(app, approval=APPROVAL)
    assert_finding(decision, "approval.dates", Outcome.NOT_MET, says="2026-12-16")


def test_no_completion_no_certificate() -> None:
    app = application(attendance=Attendance(participant="Jordan Lee", dates=["2026-12-15"], completed=False))
    assert_finding(check_credit_application(app, approval=APPROVAL), "credit.certificate", Outcome.NOT_MET)


def test_missing_proof_fails() -> None:
    decision = check_credit_application(application(proof_uploaded=False), approval=APPROVAL)
    assert_finding(decision, "credit.proof", Outcome.NOT_MET, says="no proof of attendance")


LINK = "The program is not approved, so there is no credit-application link to apply through."
NO_LINK: dict[str, Any] = {"clause": "credit.link", "outcome": "not met", "message": LINK, "default": None}
NO_LINK["facts"] = {"approved": False}
THREE_DAYS = {"attendance": Attendance(participant="Jordan Lee", dates=["2026-12-15", "2026-12-16", "2026-12-17"])}


@pytest.mark.parametrize(
    ("approval", "offered", "expected"),
    [
        (None, None, [NO_LINK]),
        (None, ["2026-12-15", "2026-12-16", "2026-12-17"], [NO_LINK]),
        (
            None,
            ["2026-12-15", "2027-01-12"],
            [
                NO_LINK,
                {
                    "clause": "approval.dates",
                    "outcome": "not met",
                    "message": "Attended date(s) that are not offering dates, which an approval would not cover: "
                    "2026-12-16, 2026-12-17.",
                    "default": None,
                    "facts": {
                        "attended": ["2026-12-15", "2026-12-16", "2026-12-17"],
                        "offered": ["2026-12-15", "2027-01-12"],
                        "uncovered": ["2026-12-16", "2026-12-17"],
                    },
                },
            ],
        ),
        (
            APPROVAL,
            None,
            [
                {
                    "clause": "credit.link",
                    "outcome": "met",
                    "message": "The program is approved; the facilitator passes on the credit-application link.",
                    "default": None,
                    "facts": {"approved": True, "approved_on": "2026-11-24"},
                },
                {
                    "clause": "approval.dates",
                    "outcome": "not met",
                    "message": "Attended date(s) not covered by the approval: 2026-12-16, 2026-12-17.",
                    "default": None,
                    "facts": {
                        "attended": ["2026-12-15", "2026-12-16", "2026-12-17"],
                        "approved": ["2026-12-15", "2027-01-12"],
                        "uncovered": ["2026-12-16", "2026-12-17"],
                    },
                },
            ],
        ),
    ],
)
def test_the_link_and_the_dates_covered_in_full(
    approval: Approval | None, offered: list[str] | None, expected: list[dict[str, Any]]
) -> None:
    decision = check_credit_application(application(**THREE_DAYS), approval=approval, offered=offered)
    found = [f.to_dict() for f in decision.findings if f.clause in ("credit.link", "approval.dates")]
    assert found == expected


def test_the_certificate_finding_in_full() -> None:
    quit_ = Attendance(participant="Jordan Lee", dates=["2026-12-15"], completed=False)
    decision = check_credit_application(application(attendance=quit_), approval=APPROVAL)
    finding = only_finding(decision, "credit.certificate")
    message = "The participant did not complete the training, so no certificate is due."
    facts = {"completed": False, "certificate_date": None}
    assert finding.to_dict() == {
        "clause": "credit.certificate",
        "outcome": "not met",
        "message": message,
        "default": None,
        "facts": facts,
    }
    finding = only_finding(check_credit_application(application(), approval=APPROVAL), "credit.certificate")
    assert finding.message == "The participant completed and receives a certificate of completion dated 2026-12-15."


def test_a_certificate_not_yet_due_on_the_day_of_the_check_in_full() -> None:
    """Attended 2026-12-15 and 2026-12-16, certificate dated 2026-12-17, checked on 2026-12-15: the later day
    attended and the certificate's date are not yet in, and the certificate is pending (a note, never a failure)."""
    attended = Attendance(participant="Jordan Lee", dates=["2026-12-15", "2026-12-16"], certificate_date="2026-12-17")
    approval = Approval(dates=["2026-12-15", "2026-12-16"])
    on = d("2026-12-15")
    decision = check_credit_application(CreditApplication(attendance=attended), approval=approval, as_of=on)
    found = [(f.outcome, f.default, f.message, f.facts) for f in decision.findings if f.clause == "credit.certificate"]
    assert found == [
        (
            Outcome.NOTE,
            None,
            "Attended on 2026-12-16, after the day of the check (2026-12-15): counted as not yet attended.",
            {"about": "attended", "field": "attended", "value": [d("2026-12-16")], "as_of": on},
        ),
        (
            Outcome.NOTE,
            None,
            "Certificate dated 2026-12-17, after the day of the check (2026-12-15): counted as not yet issued.",
            {"about": "certificate_date", "field": "certificate_date", "value": d("2026-12-17"), "as_of": on},
        ),
        (
            Outcome.NOTE,
            None,
            "Not yet due on the day of the check (2026-12-15): the certificate follows completion, on 2026-12-16.",
            {"pending": True, "completed": True, "certificate_date": d("2026-12-17"), "as_of": on},
        ),
    ]


# -- credit.processing, credit.record, D6 ---------------------------------------------------------


def test_processing_window_from_the_later_of_application_and_payment() -> None:
    # Applied Friday 2026-11-20, paid Saturday 2026-11-21: the clock starts Monday 2026-11-23.
    earliest, latest = processing_window(d("2026-11-20"), d("2026-11-21"))
    assert (earliest, latest) == (d("2026-12-03"), d("2026-12-08"))
    assert_weekday(earliest, "Thursday")
    assert_weekday(latest, "Tuesday")


def test_processing_window_skips_mlk_day() -> None:
    window = processing_window(d("2027-01-15"), d("2027-01-14"))
    assert window.start == d("2027-01-15")
    assert (window.earliest, window.latest) == (d("2027-01-27"), d("2027-02-01"))


def test_processing_bounds_are_policy_data() -> None:
    slow = attrs.evolve(DEFAULT_POLICY, processing_earliest_business_days=10, processing_latest_business_days=15)
    assert tuple(processing_window(d("2026-11-23"), d("2026-11-23"), policy=slow)) == (d("2026-12-08"), d("2026-12-15"))
    with pytest.raises(InvalidInputError, match="processing_latest_business_days"):
        attrs.evolve(DEFAULT_POLICY, processing_earliest_business_days=12)


@given(applied=dates, paid=dates)
def test_processing_window_is_ordered_and_on_business_days(applied: dt.date, paid: dt.date) -> None:
    earliest, latest = processing_window(applied, paid)
    cal = DEFAULT_POLICY.calendar
    assert max(applied, paid) < earliest <= latest
    assert cal.is_business_day(earliest) and cal.is_business_day(latest)
    assert cal.business_days_between(earliest, latest) == 3


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2026-12-17", Status.NOT_COMPLETE),  # before applying
        ("2026-12-18", Status.IN_PROCESSING),
        ("2027-01-05", Status.IN_PROCESSING),  # the 10th business day: 12/18 + 10 skips Christmas and New Year
        ("2027-01-06", Status.OVERDUE),
    ],
)
def test_status_over_time(as_of: str, status: Status) -> None:
    assert credit_status(application(), as_of=d(as_of)).status is status


def test_issued_status_cites_the_registration_history() -> None:
    result = credit_status(application(issued="2026-12-30"), as_of=d("2027-01-10"))
    assert result.status is Status.ISSUED
    assert result.finding.clause == "credit.record"
    assert "registration history" in str(result)


def test_overdue_after_2017_says_missing_from_history() -> None:
    result = credit_status(application(), as_of=d("2027-02-01"))
    assert result.status is Status.OVERDUE
    assert result.finding.clause == "credit.record"
    assert "not in the registration history" in result.finding.message


def test_before_registration_history_existed_the_record_clause_is_not_cited() -> None:
    old = CreditApplication(
        attendance=Attendance(participant="Pat Old", dates=["2016-03-01"]),
        submitted="2016-03-02",
        proof_uploaded=True,
        payment=Payment(paid="2016-03-02"),
        issued="2016-03-10",
    )
    result = credit_status(old, as_of=d("2016-04-01"))
    assert result.status is Status.ISSUED
    assert result.finding.clause == "credit.processing"


def test_overdue_before_the_registration_history_says_only_when_ceus_were_expected() -> None:
    old = CreditApplication(
        attendance=Attendance(participant="Pat Old", dates=["2016-03-01"]),
        submitted="2016-03-02",
        payment=Payment(paid="2016-03-02"),
    )
    finding = credit_status(old, as_of=d("2016-04-01")).finding
    assert (finding.clause, finding.outcome, finding.default) == ("credit.processing", Outcome.NOT_MET, "D6")
    assert finding.message == "Overdue: CEUs were expected by 2016-03-16."


def test_status_is_reported_in_the_check_with_as_of() -> None:
    decision = check_credit_application(application(), approval=APPROVAL, as_of=d("2027-01-20"))
    assert_finding(decision, "credit.record", Outcome.NOT_MET, says="Overdue")


def _status_answer(status: str, verdict: str, as_of: str, finding: dict[str, Any], *, window: bool) -> dict[str, Any]:
    """A credit status's JSON form: the one finding, and the posting window of a file complete on 2026-12-21."""
    posting = {"earliest": "2026-12-31", "latest": "2027-01-06"} if window else None
    head = {"schema_version": 1, "status": status, "as_of": as_of, "verdict": verdict}
    return {**head, "findings": [finding], "window": posting}


COMPLETE = {"complete_on": "2026-12-21", "earliest": "2026-12-31", "latest": "2027-01-06"}


def _not_started(changes: dict[str, Any], said: str, *missing: str) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """A status case as of 2026-12-21 of an application whose ``missing`` parts are not yet in (D6)."""
    facts = {"as_of": "2026-12-21", "missing": list(missing)}
    message = f"Processing has not started: {said} not yet in."
    finding = {"clause": "credit.processing", "outcome": "note", "message": message, "default": "D6", "facts": facts}
    return changes, "2026-12-21", _status_answer("not yet complete", "pass", "2026-12-21", finding, window=False)


def _outside(changes: dict[str, Any], message: str, **facts: Any) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """A status case as of 2027-01-20 of an application outside its window (D5: the certificate of 2026-12-16)."""
    window = {"anchor": "2026-12-16", "anchor_is": "certificate date", "deadline": "2027-01-16"}
    finding: dict[str, Any] = {"clause": "credit.window", "outcome": "not met", "message": message, "default": "D5"}
    finding["facts"] = window | facts
    answer = _status_answer("outside the application window", "fail", "2027-01-20", finding, window=False)
    return changes, "2027-01-20", answer


@pytest.mark.parametrize(
    ("changes", "as_of", "expected"),
    [
        _not_started({"payment": None}, "the payment is", "the payment"),
        _not_started({"submitted": None}, "the application is", "the application"),
        _not_started(
            {"submitted": None, "payment": None},
            "the application and the payment are",
            "the application",
            "the payment",
        ),
        (
            {},
            "2026-12-21",
            _status_answer(
                "in processing",
                "pass",
                "2026-12-21",
                {
                    "clause": "credit.processing",
                    "outcome": "note",
                    "message": "In processing since 2026-12-21; CEUs expected between 2026-12-31 and 2027-01-06.",
                    "default": "D6",
                    "facts": {"as_of": "2026-12-21", **COMPLETE},
                },
                window=True,
            ),
        ),
        (
            {},
            "2027-01-20",
            _status_answer(
                "overdue",
                "fail",
                "2027-01-20",
                {
                    "clause": "credit.record",
                    "outcome": "not met",
                    "message": "Overdue: CEUs were expected by 2027-01-06; the event is not in the registration "
                    "history, so it has not been processed.",
                    "default": "D6",
                    "facts": {"as_of": "2027-01-20", **COMPLETE},
                },
                window=True,
            ),
        ),
        (
            {"issued": "2027-01-05"},
            "2027-01-20",
            _status_answer(
                "issued",
                "pass",
                "2027-01-20",
                {
                    "clause": "credit.record",
                    "outcome": "met",
                    "message": "The certificate was issued on 2027-01-05 and shows in the registration history.",
                    "default": None,
                    "facts": {"as_of": "2027-01-20", **COMPLETE, "issued": "2027-01-05"},
                },
                window=True,
            ),
        ),
        _outside(
            {"submitted": None, "payment": None},
            "The window closed on 2027-01-16 without both the application and the payment.",
            submitted=None,
            paid=None,
            as_of="2027-01-20",
        ),
        _outside(
            {"submitted": "2027-01-20"},
            "The participant applied on 2027-01-20, after the deadline 2027-01-16 (certificate date + window).",
            about="submitted",
            submitted="2027-01-20",
            paid="2026-12-21",
        ),
    ],
)
def test_every_status_in_full(changes: dict[str, Any], as_of: str, expected: dict[str, Any]) -> None:
    base = CreditApplication(
        attendance=Attendance(participant="Jordan Lee", dates=["2026-12-15"], certificate_date="2026-12-16"),
        submitted="2026-12-18",
        proof_uploaded=True,
        payment=Payment(paid="2026-12-21"),
    )
    status = credit_status(attrs.evolve(base, **changes), as_of=d(as_of), policy=MONTH)  # a window of a month
    assert status.to_dict() == expected
    assert status.policy == MONTH.stamp


def test_a_processing_window_in_full() -> None:
    window = processing_window(d("2026-12-18"), d("2026-12-21"), policy=MONTH)
    dates = {"start": "2026-12-21", "earliest": "2026-12-31", "latest": "2027-01-06"}
    message = "CEUs are expected between 2026-12-31 and 2027-01-06, counted from 2026-12-21."
    finding = {"clause": "credit.processing", "outcome": "note", "message": message, "default": "D6", "facts": dates}
    assert window.to_dict() == {"schema_version": 1, **dates, "verdict": "pass", "findings": [finding]}
    assert window.policy == MONTH.stamp


POSTING = "a date whose expected posting falls in the years 1900-2199"


def test_a_posting_past_the_calendar_names_the_later_of_application_and_payment() -> None:
    early, late = d("2199-12-20"), d("2199-12-30")
    assert refusal(lambda: processing_window(late, early)) == ("applied", late, POSTING)
    assert refusal(lambda: processing_window(early, late)) == ("paid", late, POSTING)
    assert refusal(lambda: processing_window(late, late)) == ("applied", late, POSTING)  # a tie: the application
    app = CreditApplication(attendance=Attendance(participant="Jo", dates=["2199-12-01"]), submitted=late)
    paid_early = attrs.evolve(app, payment=Payment(paid=early))
    assert refusal(lambda: credit_status(paid_early, as_of=late)) == ("submitted", late, POSTING)
    paid_late = attrs.evolve(app, submitted=early, payment=Payment(paid=late))
    assert refusal(lambda: credit_status(paid_late, as_of=late)) == ("paid", late, POSTING)


# -- credit.semi-osl -----------------------------------------------------------------------------


def test_semi_osl_submitted_30_days_after_training() -> None:
    assert semi_osl_date(d("2026-12-15")) == d("2027-01-14")
    assert semi_osl_date(d("2024-01-30")) == d("2024-02-29")


def test_a_semi_osl_date_past_the_calendar_is_refused() -> None:
    expected = "a last day whose SEMI/OSL date is in the years 1900-2199 (2200-01-19 is not)"
    assert refusal(lambda: semi_osl_date(d("2199-12-20"))) == ("last_day", d("2199-12-20"), expected)


def test_the_semi_osl_delay_is_the_one_in_force_on_the_last_day() -> None:
    longer = Change(parameter="semi_osl_delay", effective="2027-01-01", value=relativedelta(days=60))
    policy = attrs.evolve(DEFAULT_POLICY, changes=[longer])
    assert semi_osl_date(d("2026-12-31"), policy=policy) == d("2027-01-30")
    assert semi_osl_date(d("2027-01-01"), policy=policy) == d("2027-03-02")


# -- value objects -------------------------------------------------------------------------------


def test_application_input_errors() -> None:
    with pytest.raises(InvalidInputError, match="attended"):
        Attendance(participant="Jordan Lee", dates=[])
    with pytest.raises(InvalidInputError, match="certificate_date"):
        Attendance(participant="Jordan Lee", dates=["2026-12-15"], certificate_date="2026-12-01")
    with pytest.raises(InvalidInputError, match="issued"):
        application(submitted=None, issued="2027-01-05")
    with pytest.raises(InvalidInputError, match="issued"):
        application(issued="2026-12-17")
    with pytest.raises(InvalidInputError, match="paid"):
        Payment(paid=dt.datetime(2026, 12, 18, 12))
    with pytest.raises(InvalidInputError, match="as_of"):
        credit_status(application(), as_of="soon")  # type: ignore[arg-type]


def test_an_attendance_without_dates_or_with_a_completion_not_true_or_false_is_refused() -> None:
    assert refusal(lambda: Attendance(participant="Jo", dates=[])) == ("attended", (), "at least one session date")
    yes: Any = "yes"
    assert refusal(lambda: Attendance(participant="Jo", dates=["2026-12-15"], completed=yes)) == (
        "completed",
        "yes",
        "true or false",
    )


def test_each_refusal_of_an_attendance_or_an_application_in_full() -> None:
    """Each refusal names the field, the value as given and what was expected (the dates it is measured by)."""
    two_days = Attendance(participant="Jo", dates=["2026-12-15", "2026-12-16"])
    junk: Any = "2026-12-18"  # the values below are wrong on purpose
    refusals: list[tuple[Callable[[], object], str]] = [
        (
            lambda: Attendance(participant="Jo", dates=["2026-12-15", "2026-12-16"], certificate_date="2026-12-14"),
            "certificate_date: expected a date on or after the first day attended 2026-12-15, got 2026-12-14",
        ),
        (
            lambda: Attendance(participant="Jo", dates=["2026-12-15", "2026-12-16"], session_last_day="2026-12-15"),
            "session_last_day: expected a date on or after every day attended (up to 2026-12-16), got 2026-12-15",
        ),
        (lambda: CreditApplication(attendance=junk), "attendance: expected an Attendance, got '2026-12-18'"),
        (
            lambda: CreditApplication(attendance=two_days, payment=junk),
            "payment: expected a Payment or None, got '2026-12-18'",
        ),
        (
            lambda: CreditApplication(attendance=two_days, proof_uploaded=junk),
            "proof_uploaded: expected true or false, got '2026-12-18'",
        ),
        (
            lambda: CreditApplication(attendance=two_days, submitted="2026-12-18", issued="2027-01-05"),
            "issued: expected no issue date before the application and payment are in, got 2027-01-05",
        ),
        (
            lambda: CreditApplication(
                attendance=two_days, submitted="2026-12-18", payment=Payment(paid="2026-12-20"), issued="2026-12-19"
            ),
            "issued: expected a date on or after 2026-12-20, got 2026-12-19",
        ),
    ]
    messages = []
    for call, _ in refusals:
        with pytest.raises(InvalidInputError) as info:
            call()
        messages.append(str(info.value))
    assert messages == [message for _, message in refusals]
    on_its_days = attrs.evolve(two_days, certificate_date="2026-12-15", session_last_day="2026-12-16")
    assert (on_its_days.certificate_date, on_its_days.session_end) == (d("2026-12-15"), d("2026-12-16"))
    issued = CreditApplication(attendance=two_days, submitted="2026-12-18", payment=Payment(paid="2026-12-20"),
                               issued="2026-12-20")  # fmt: skip
    assert issued.issued == d("2026-12-20")


def test_an_impossible_date_written_as_iso_text_is_called_not_a_real_date() -> None:
    # paid = "2027-02-30" is in ISO form already: the message says the day does not exist.
    with pytest.raises(InvalidInputError, match=r"a real calendar date \(YYYY-MM-DD\), got '2027-02-30'"):
        Payment(paid="2027-02-30")
    with pytest.raises(InvalidInputError, match="an ISO date such as 2026-11-20, got '2027-2-3'"):
        Payment(paid="2027-2-3")


def test_what_is_not_an_application_approval_or_packet_list_is_refused() -> None:
    assert refusal(lambda: credit_status("Jo", as_of=d("2027-01-01"))) == (  # type: ignore[arg-type]
        "application",
        "Jo",
        "a CreditApplication",
    )
    expected = "a YearLong (the program's packets) or None"
    assert refusal(lambda: credit_status(application(), as_of=d("2027-01-01"), year_long=[])) == (  # type: ignore[arg-type]
        "year_long",
        [],
        expected,
    )
    assert refusal(lambda: check_credit_application(application(), approval="yes")) == (  # type: ignore[arg-type]
        "approval",
        "yes",
        "an Approval or None",
    )


# -- credit.window, credit.processing, credit.record, D6: a date after as_of is not yet in ----------------


def test_a_late_application_dated_after_the_day_of_the_check_is_not_yet_in() -> None:
    """Attended 2026-12-10 (deadline 2027-01-09), applied and paid 2027-02-20, checked on 2026-11-29: on that day
    nothing is in yet, so the window is still open; each later date is said, on its field; no failure."""
    app = CreditApplication(
        attendance=Attendance(participant="Max Li", dates=["2026-12-10"]),
        submitted="2027-02-20",
        proof_uploaded=True,
        payment=Payment(paid="2027-02-20"),
    )
    decision = check_credit_application(app, approval=Approval(dates=["2026-12-10"]), as_of=d("2026-11-29"))
    messages = [f.message for f in decision.findings if f.clause in ("credit.window", "credit.processing")]
    assert messages == [
        "Submitted on 2027-02-20, after the day of the check (2026-11-29): counted as not yet in.",
        "Paid on 2027-02-20, after the day of the check (2026-11-29): counted as not yet in.",
        "The participant has until 2027-01-09 to apply and pay.",
        "Processing has not started: the application and the payment are not yet in.",
    ]
    notes = [f for f in decision.findings if "after the day of the check" in f.message]
    on = d("2026-11-29")
    assert [(f.outcome, f.default, dict(f.facts)) for f in notes] == [
        (Outcome.NOTE, None, {"about": "attended", "field": "attended", "value": [d("2026-12-10")], "as_of": on}),
        *[
            (Outcome.NOTE, "D6", {"about": field, "field": field, "value": d("2027-02-20"), "as_of": d("2026-11-29")})
            for field in ("submitted", "paid")
        ],
    ]
    assert [str(f) for f in decision.findings if f.clause == "credit.certificate"] == [
        "[note] Attended on 2026-12-10, after the day of the check (2026-11-29): counted as not yet attended."
        " (credit.certificate)",
        "[note] Not yet due on the day of the check (2026-11-29): the certificate follows completion, on 2026-12-10."
        " (credit.certificate)",
    ]
    assert decision.verdict is Verdict.PASS and "credit.proof" not in decision.cited_clauses()  # not yet applied
    (summary,) = application_summaries([app], as_of=d("2026-11-29"))
    assert summary[2:] == (None, None, None, Status.NOT_COMPLETE, None)  # on_time, earliest, latest, status
    # once the day of the check is past the dates, they are in, and late
    later = check_credit_application(app, approval=Approval(dates=["2026-12-10"]), as_of=d("2027-03-01"))
    assert_finding(later, "credit.window", Outcome.NOT_MET, says="paid on 2027-02-20, after the deadline 2027-01-09")
    assert not [f for f in later.findings if "day of the check" in f.message]
    assert check_credit_application(app, approval=None).findings[-1].outcome is Outcome.NOT_MET  # no as_of: all in


def test_columns_dated_after_as_of_have_no_answer_yet() -> None:
    """Last day 2027-03-15 (deadline 2027-04-14), applied 2027-04-20 and paid 2027-04-22: as of 2027-04-01 not yet
    in (no on_time, no posting window), as credit_status says; as of 2027-05-10 late, outside the window."""
    app = CreditApplication(
        attendance=Attendance(participant="P", dates=["2027-03-15"]), submitted="2027-04-20",
        payment=Payment(paid="2027-04-22"),
    )  # fmt: skip
    cases = [("2027-04-01", None, Status.NOT_COMPLETE), ("2027-05-10", False, Status.OUTSIDE_WINDOW)]
    for as_of, on_time, status in cases:
        answers = application_columns(["2027-03-15"], submitted=["2027-04-20"], paid=["2027-04-22"], as_of=as_of)
        assert answers == ([d("2027-04-14")], [on_time], [None], [None], [status])
        explained = credit_status(app, as_of=d(as_of))
        assert (explained.status, explained.window) == (status, None)
    assert is_on_time(app) is False  # no day of the check: every date given counts
    paid_later = application_columns(["2027-03-15"], submitted=["2027-03-20"], paid=["2027-04-02"], as_of="2027-04-01")
    assert (paid_later.on_time, paid_later.latest, paid_later.status) == ([None], [None], [Status.NOT_COMPLETE])
    in_time = application_columns(["2027-03-15"], submitted=["2027-03-20"], paid=["2027-04-02"], as_of="2027-04-02")
    assert (in_time.on_time, in_time.earliest, in_time.latest) == ([True], [d("2027-04-13")], [d("2027-04-16")])


def test_a_certificate_issued_after_as_of_is_not_yet_issued() -> None:
    """Complete 2026-12-18, issued 2027-01-08: as of 2027-01-06 still in processing (expected by 2027-01-05: overdue),
    and the check says the issue date is after the day of the check, on the issued field."""
    app = CreditApplication(
        attendance=Attendance(participant="P", dates=["2026-12-15"]), submitted="2026-12-18", proof_uploaded=True,
        payment=Payment(paid="2026-12-18"), issued="2027-01-08",
    )  # fmt: skip
    assert credit_status(app, as_of=d("2027-01-06")).status is Status.OVERDUE
    assert credit_status(app, as_of=d("2027-01-08")).status is Status.ISSUED
    decision = check_credit_application(app, approval=None, as_of=d("2027-01-06"))
    (note,) = [f for f in decision.findings if "day of the check" in f.message]
    assert note.message == "Issued on 2027-01-08, after the day of the check (2027-01-06): counted as not yet in."
    assert (note.clause, note.facts["about"]) == ("credit.processing", "issued")
    (summary,) = application_summaries([app], as_of=d("2027-01-06"))
    assert (summary.status, summary.latest) == (Status.OVERDUE, d("2027-01-05"))


# -- many applications at once -------------------------------------------------------------------


@given(
    last=dates,
    applied_after=st.none() | st.integers(min_value=0, max_value=60),
    paid_after=st.integers(min_value=0, max_value=60),
    issued_after=st.none() | st.integers(min_value=0, max_value=30),
    as_of_after=st.integers(min_value=-5, max_value=90),
)
def test_summaries_agree_with_the_single_functions(
    last: dt.date, applied_after: int | None, paid_after: int, issued_after: int | None, as_of_after: int
) -> None:
    submitted = None if applied_after is None else last + dt.timedelta(days=applied_after)
    paid = last + dt.timedelta(days=paid_after)
    issued = None
    if submitted is not None and issued_after is not None:
        issued = max(submitted, paid) + dt.timedelta(days=issued_after)
    app = CreditApplication(
        attendance=Attendance(participant="Jo", dates=[last]),
        submitted=submitted,
        proof_uploaded=True,
        payment=Payment(paid=paid),
        issued=issued,
    )
    as_of = last + dt.timedelta(days=as_of_after)
    (summary,) = application_summaries([app], as_of=as_of)
    assert summary.deadline == application_deadline(last)
    assert summary.status is credit_status(app, as_of=as_of).status
    if submitted is None or max(submitted, paid) > as_of:  # a day after as_of is not yet in
        assert summary.on_time is None
        assert (summary.earliest, summary.latest) == (None, None)
        return
    assert summary.on_time == (max(submitted, paid) <= summary.deadline)
    if summary.status is Status.OUTSIDE_WINDOW:  # outside the window: no posting window
        assert (summary.earliest, summary.latest) == (None, None)
    else:
        assert (summary.earliest, summary.latest) == tuple(processing_window(submitted, paid))


def test_summaries_refuse_what_is_not_an_application() -> None:
    with pytest.raises(InvalidInputError, match=r"applications\[1\]"):
        application_summaries([application(), "Jordan"], as_of=d("2027-01-01"))  # type: ignore[list-item]


def test_summaries_refuse_junk_and_dates_past_the_calendar_naming_the_row() -> None:
    assert refusal(lambda: application_summaries(3, as_of=d("2027-01-01"))) == (  # type: ignore[arg-type]
        "applications",
        3,
        "a list of credit applications",
    )
    rows: list[Any] = [application(), "Jordan"]
    assert refusal(lambda: application_summaries(rows, as_of=d("2027-01-01"))) == (
        "applications[1]",
        "Jordan",
        "a CreditApplication",
    )
    last = CreditApplication(attendance=Attendance(participant="Jo", dates=["2199-12-01"]))
    (summary,) = application_summaries([last], as_of=d("2199-12-31"))  # the deadline is the calendar's last day
    assert summary.deadline == d("2199-12-31")
    beyond = CreditApplication(attendance=Attendance(participant="Jo", dates=["2199-12-02"]))
    expected = "a date whose application deadline is in the years 1900-2199"
    assert refusal(lambda: application_summaries([last, beyond], as_of=d("2199-12-31"))) == (
        "applications[1]",
        beyond,
        expected,
    )
    applied = attrs.evolve(last, submitted="2199-12-30", payment=Payment(paid="2199-12-30"))
    assert refusal(lambda: application_summaries([last, applied], as_of=d("2199-12-31"))) == (
        "applications[1]",
        applied,
        POSTING,
    )


def test_summaries_take_an_application_of_a_subclass() -> None:
    class Imported(CreditApplication):
        """An application as some other system's records build it."""

    imported = Imported(attendance=Attendance(participant="Jo", dates=["2026-12-15"]))
    (summary,) = application_summaries([imported], as_of=d("2026-12-20"))
    assert (summary.participant, summary.deadline, summary.status) == ("Jo", d("2027-01-14"), Status.NOT_COMPLETE)


@pytest.mark.parametrize(("days", "deadline"), [(0, "2026-12-15"), (3660, "2036-12-22")])
def test_window_bounds_are_inclusive(days: int, deadline: str) -> None:
    policy = attrs.evolve(DEFAULT_POLICY, application_window=days)
    assert application_deadline(d("2026-12-15"), policy=policy) == d(deadline)


@pytest.mark.parametrize("days", [-1, 3661])
def test_window_beyond_bounds_is_refused(days: int) -> None:
    with pytest.raises(InvalidInputError, match="from 0 to 3660"):
        attrs.evolve(DEFAULT_POLICY, application_window=days)
    with pytest.raises(InvalidInputError, match="ends 0 to 3660 days after"):
        attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(days=days))


def test_equal_processing_bounds_are_allowed() -> None:
    same = attrs.evolve(DEFAULT_POLICY, processing_earliest_business_days=10)
    window = processing_window(d("2026-11-23"), d("2026-11-23"), policy=same)
    assert window.earliest == window.latest


@pytest.mark.parametrize("window", [relativedelta(weekday=0), relativedelta(day=31), relativedelta(month=1)])
def test_absolute_window_fields_are_refused(window: relativedelta) -> None:
    with pytest.raises(InvalidInputError, match="not absolute fields"):
        attrs.evolve(DEFAULT_POLICY, semi_osl_delay=window)


def test_status_carries_its_processing_window() -> None:
    app = application()
    for as_of, status in (("2026-12-20", Status.IN_PROCESSING), ("2027-02-01", Status.OVERDUE)):
        result = credit_status(app, as_of=d(as_of))
        assert result.status is status
        assert result.window == processing_window(d("2026-12-18"), d("2026-12-18"))
    issued = credit_status(application(issued="2026-12-30"), as_of=d("2027-01-01"))
    assert issued.window is not None and issued.window.latest == d("2027-01-05")
    assert credit_status(application(), as_of=d("2026-12-17")).window is None


def test_status_on_the_days_things_happen() -> None:
    app = application(submitted="2026-12-18", payment=Payment(paid="2026-12-19"))
    assert credit_status(app, as_of=d("2026-12-19")).status is Status.IN_PROCESSING  # paid today counts
    late = credit_status(app, as_of=d("2026-12-18"))
    assert late.finding.facts["missing"] == ["the payment"]  # applied today counts too


def test_registration_history_starts_on_its_first_day() -> None:
    old = CreditApplication(
        attendance=Attendance(participant="Pat", dates=["2017-06-01"]),
        submitted="2017-06-02",
        proof_uploaded=True,
        payment=Payment(paid="2017-06-02"),
        issued="2017-06-20",
    )
    assert credit_status(old, as_of=d("2017-06-30")).finding.clause == "credit.processing"
    assert credit_status(old, as_of=d("2017-07-01")).finding.clause == "credit.record"


def test_checks_use_the_policy_window() -> None:
    monthly = attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(months=1))
    app = application(
        attendance=Attendance(participant="Mo", dates=["2027-01-31"]),
        submitted="2027-03-01",
        payment=Payment(paid="2027-03-01"),
    )
    assert_finding(check_credit_application(app, approval=None), "credit.window", Outcome.MET)
    assert_finding(check_credit_application(app, approval=None, policy=monthly), "credit.window", Outcome.NOT_MET)


def test_paid_today_but_applying_later_lists_only_the_application() -> None:
    app = application(submitted="2026-12-20", payment=Payment(paid="2026-12-18"))
    result = credit_status(app, as_of=d("2026-12-18"))
    assert result.status is Status.NOT_COMPLETE
    assert result.finding.facts["missing"] == ["the application"]


def test_status_and_check_follow_the_policy_processing_bounds() -> None:
    slow = attrs.evolve(DEFAULT_POLICY, processing_earliest_business_days=15, processing_latest_business_days=20)
    as_of = d("2027-01-06")  # day 11 after 2026-12-18: overdue by default, still in processing for the slow agency
    assert credit_status(application(), as_of=as_of).status is Status.OVERDUE
    assert credit_status(application(), as_of=as_of, policy=slow).status is Status.IN_PROCESSING
    decision = check_credit_application(application(), approval=APPROVAL, as_of=as_of, policy=slow)
    assert_finding(decision, "credit.processing", Outcome.NOTE, says="In processing since 2026-12-18")


# -- credit.window, credit.processing: one summary per participant (D4, D6) ---------------


def _summary_apps() -> list[CreditApplication]:
    base = CreditApplication(
        attendance=Attendance(participant="Jo", dates=["2026-12-15"], certificate_date="2026-12-16"),
        submitted="2026-12-20",
        proof_uploaded=True,
        payment=Payment(paid="2026-12-21"),
    )
    return [
        base,
        attrs.evolve(base, submitted=None),
        attrs.evolve(base, issued="2027-01-04"),
        attrs.evolve(base, submitted="2027-01-20"),
        CreditApplication(attendance=Attendance(participant="Mo", dates=["2027-01-31"]), submitted="2027-02-28",
                          proof_uploaded=True, payment=Payment(paid="2027-02-28")),
    ]  # fmt: skip




OUT = "outside the application window"


@pytest.mark.parametrize(
    ("as_of", "policy", "expected"),
    [
        ("2026-12-20", DEFAULT_POLICY, ["not yet complete"] * 5),
        ("2027-01-05", DEFAULT_POLICY, ["in processing", *["not yet complete"], "issued", *["not yet complete"] * 2]),
        ("2027-01-06", DEFAULT_POLICY, ["in processing", *["not yet complete"], "issued", *["not yet complete"] * 2]),
        # the 2nd never applied and the window closed; the 4th applied after it (credit.window)
        ("2027-03-20", DEFAULT_POLICY, ["overdue", OUT, "issued", OUT, "overdue"]),
        ("2027-03-20", MONTH, ["overdue", OUT, "issued", OUT, "overdue"]),
    ],
)  # fmt: skip
def test_summaries_give_each_participant_status_deadline_window(as_of: str, policy: Any, expected: list[str]) -> None:
    found = application_summaries(_summary_apps(), as_of=d(as_of), policy=policy)
    assert [s.status.value for s in found] == expected
    month = policy is MONTH
    deadlines = ["2027-01-16" if month else "2027-01-15"] * 4 + ["2027-02-28" if month else "2027-03-02"]
    assert [str(s.deadline) for s in found] == deadlines
    # as_of is a point in time: an application complete after it is not yet in (no on_time, no posting window)
    complete = [a.complete_on is not None and a.complete_on <= d(as_of) for a in _summary_apps()]
    on_time = [True, None, True, False, True]
    assert [s.on_time for s in found] == [t if c else None for t, c in zip(on_time, complete, strict=True)]
    windows = [("2026-12-31", "2027-01-06")] * 3 + [("2027-01-29", "2027-02-03"), ("2027-03-10", "2027-03-15")]
    rows = zip(windows, complete, found, strict=True)
    windows = [w if c and s.status.value != OUT else ("None", "None") for w, c, s in rows]
    assert [(str(s.earliest), str(s.latest)) for s in found] == windows


# -- credit.link, credit.certificate: invariants -----------------------------------------------


@given(app=applications(), as_of=st.none() | dates, approved=st.booleans())
def test_credit_decision_never_raises_and_fails_without_approval(
    app: CreditApplication, as_of: dt.date | None, approved: bool
) -> None:
    approval = Approval(dates=app.attendance.dates) if approved else None
    decision = check_credit_application(app, approval=approval, as_of=as_of)
    assert decision.cited_clauses() <= set(CLAUSES)
    if not approved or not app.attendance.completed:
        assert decision.verdict is Verdict.FAIL


# -- credit.processing, D6: invariants ---------------------------------------------------------


@given(app=applications(), a=dates, b=dates)
def test_status_moves_forward_in_time(app: CreditApplication, a: dt.date, b: dt.date) -> None:
    order = [Status.NOT_COMPLETE, Status.IN_PROCESSING, Status.OVERDUE, Status.ISSUED]
    early, late = sorted((a, b))
    first, second = credit_status(app, as_of=early).status, credit_status(app, as_of=late).status
    if first is Status.OUTSIDE_WINDOW or second is Status.OUTSIDE_WINDOW:  # once missed, the window stays missed
        assert first in (Status.NOT_COMPLETE, Status.OUTSIDE_WINDOW)
        assert second in (Status.OUTSIDE_WINDOW, Status.ISSUED)
    elif first is not Status.ISSUED and second is not Status.ISSUED:
        assert order.index(first) <= order.index(second)
    if first is Status.ISSUED:
        assert second is Status.ISSUED


# -- credit.window, credit.semi-osl, D4: invariants --------------------------------------------


@given(last=dates, policy=policies)
@example(last=d("2027-01-31"), policy=DEFAULT_POLICY)
def test_windows_never_end_before_they_start(last: dt.date, policy: Policy) -> None:
    assert application_deadline(last, policy=policy) >= last
    assert semi_osl_date(last, policy=policy) >= last


# -- credit.window, D4: windows the policy refuses ---------------------------------------------


@pytest.mark.parametrize(
    "window", [relativedelta(hours=5), relativedelta(years=30), relativedelta(days=10**6), relativedelta(years=9000)]
)
def test_windows_out_of_bounds(window: relativedelta) -> None:
    with pytest.raises(InvalidInputError, match="application_window"):
        attrs.evolve(DEFAULT_POLICY, application_window=window)


def test_a_late_application_is_outside_the_window_not_in_processing() -> None:
    """A late application's status says the window closed, citing it, as the check does (credit.window, D4)."""
    late = CreditApplication(
        attendance=Attendance(participant="Sam Ortiz", dates=["2026-12-15"]),
        submitted="2027-02-01",
        proof_uploaded=True,
        payment=Payment(paid="2026-12-18"),
    )
    status = credit_status(late, as_of=d("2027-02-02"))
    assert status.status is Status.OUTSIDE_WINDOW and status.window is None
    assert (status.finding.clause, status.finding.default, status.finding.facts["deadline"]) == (
        "credit.window", "D4", d("2027-01-14"),
    )  # fmt: skip
    assert "after the deadline 2027-01-14" in status.finding.message
    (summary,) = application_summaries([late], as_of=d("2027-02-02"))
    assert (summary.on_time, summary.latest, summary.status) == (False, None, Status.OUTSIDE_WINDOW)


def test_paying_before_attending_is_outside_the_window_not_overdue() -> None:
    early = CreditApplication(
        attendance=Attendance(participant="Ann", dates=["2026-12-15"]),
        submitted="2026-12-01",
        payment=Payment(paid="2026-12-01"),
    )
    status = credit_status(early, as_of=d("2027-01-20"))
    assert (status.status, status.finding.clause, status.finding.default) == (
        Status.OUTSIDE_WINDOW, "credit.window", "D5",
    )  # fmt: skip
    assert "before attending (2026-12-15)" in status.finding.message


def test_a_window_that_closed_unused_is_said_so() -> None:
    unpaid = CreditApplication(attendance=Attendance(participant="Ann", dates=["2026-12-15"]), submitted="2026-12-20")
    assert credit_status(unpaid, as_of=d("2027-01-14")).status is Status.NOT_COMPLETE  # the last day of the window
    closed = credit_status(unpaid, as_of=d("2027-01-15"))
    assert (closed.status, closed.finding.outcome.value) == (Status.OUTSIDE_WINDOW, "not met")
    assert "closed on 2027-01-14" in closed.finding.message


@given(any_applications(), st.integers(-20, 120))
def test_the_status_and_the_check_agree_on_the_window(app: CreditApplication, after: int) -> None:
    """Status and check answer ``credit.window`` with one rule: outside the window exactly when the check fails it."""
    as_of = app.attendance.dates[0] + dt.timedelta(days=after)
    check = check_credit_application(app, approval=None, as_of=as_of)
    (window,) = [f for f in check.findings if f.clause == "credit.window"]
    status = credit_status(app, as_of=as_of)
    issued = app.issued is not None and app.issued <= as_of and app.complete_on is not None
    # dates after as_of included: both count only the dates in by as_of
    assert (status.status is Status.OUTSIDE_WINDOW) == (window.outcome.value == "not met" and not issued)
    if status.status is Status.OUTSIDE_WINDOW:  # the status cites the check's own finding
        assert status.finding == window and window.outcome.value == "not met"
    (summary,) = application_summaries([app], as_of=as_of)
    assert summary.status is status.status
    (column,) = application_columns(
        [app.attendance.session_end],
        certificate_date=[app.attendance.certificate_date],
        first_day=[app.attendance.dates[0]],
        submitted=[app.submitted],
        paid=[app.payment.paid if app.payment else None],
        as_of=as_of,
    ).status
    assert column is status.status or issued


def test_before_the_course_a_participant_who_did_not_complete_still_fails_the_certificate() -> None:
    """credit.certificate as of a day before the course: one who completes is not yet due a certificate (a note);
    one who did not complete fails on any day, and the later attended day is said all the same."""
    attended = Attendance(participant="Max Li", dates=["2026-12-10"], completed=False)
    app = CreditApplication(attendance=attended)
    decision = check_credit_application(app, approval=Approval(dates=["2026-12-10"]), as_of=d("2026-11-29"))
    assert [str(f) for f in decision.findings if f.clause == "credit.certificate"] == [
        "[note] Attended on 2026-12-10, after the day of the check (2026-11-29): counted as not yet attended."
        " (credit.certificate)",
        "[not met] The participant did not complete the training, so no certificate is due. (credit.certificate)",
    ]
    certified = attrs.evolve(app, attendance=attrs.evolve(attended, completed=True, certificate_date="2026-12-11"))
    on_the_day = check_credit_application(certified, approval=Approval(dates=["2026-12-10"]), as_of=d("2026-12-10"))
    assert [f.facts.get("field") for f in on_the_day.findings if f.clause == "credit.certificate"] == [
        "certificate_date",  # the certificate's date only: the attended day is in by then
        None,
    ]
