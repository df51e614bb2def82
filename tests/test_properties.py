"""Invariants of the rule functions over generated programs, requests, applications and policies."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from ceurules import (
    CLAUSES,
    DEFAULT_POLICY,
    Approval,
    ApprovalRequest,
    CreditApplication,
    Outcome,
    Packet,
    Policy,
    Program,
    Status,
    Verdict,
    application_deadline,
    check_approval_request,
    check_credit_application,
    check_eligibility,
    check_packet,
    credit_status,
    is_date_approved,
    packet_ceus,
    review_due,
    semester_batches,
    semi_osl_date,
    submission_deadline,
    timeline,
)
from helpers import d
from strategies import applications, dates, meeting_lists, policies, programs, requests


@given(request=requests(), policy=policies)
def test_approval_decision_agrees_with_the_deadline(request: ApprovalRequest, policy: Policy) -> None:
    decision = check_approval_request(request, policy=policy)
    assert decision.cited_clauses() <= set(CLAUSES)
    on_time = request.received <= submission_deadline(request.program.offering_dates, policy=policy)
    lead = [f.outcome for f in decision.findings if f.clause == "approval.lead-time"]
    assert lead == ([Outcome.MET] if on_time else [Outcome.NOT_MET if request.waiver is None else Outcome.NEEDS_REVIEW])
    if not on_time and request.waiver is None:
        assert decision.verdict is Verdict.FAIL


@given(request=requests())
def test_review_is_due_only_for_complete_requests(request: ApprovalRequest) -> None:
    decision = check_approval_request(request)
    review = next(f for f in decision.findings if f.clause == "approval.review")
    complete = not any(f.clause == "approval.documents" and f.outcome is Outcome.NOT_MET for f in decision.findings)
    assert ("review_due" in review.facts) is complete
    if complete:
        assert review.facts["review_due"] == review_due(request.received)


@given(app=applications(), as_of=st.none() | dates, approved=st.booleans())
def test_credit_decision_never_raises_and_fails_without_approval(
    app: CreditApplication, as_of: dt.date | None, approved: bool
) -> None:
    approval = Approval(dates=app.attendance.dates) if approved else None
    decision = check_credit_application(app, approval=approval, as_of=as_of)
    assert decision.cited_clauses() <= set(CLAUSES)
    if not approved or not app.attendance.completed:
        assert decision.verdict is Verdict.FAIL


@given(app=applications(), a=dates, b=dates)
def test_status_moves_forward_in_time(app: CreditApplication, a: dt.date, b: dt.date) -> None:
    order = [Status.NOT_COMPLETE, Status.IN_PROCESSING, Status.OVERDUE, Status.ISSUED]
    early, late = sorted((a, b))
    first, second = credit_status(app, as_of=early).status, credit_status(app, as_of=late).status
    if first is not Status.ISSUED and second is not Status.ISSUED:
        assert order.index(first) <= order.index(second)
    if first is Status.ISSUED:
        assert second is Status.ISSUED


@given(last=dates, policy=policies)
@example(last=d("2027-01-31"), policy=DEFAULT_POLICY)
def test_windows_never_end_before_they_start(last: dt.date, policy: Policy) -> None:
    assert application_deadline(last, policy=policy) >= last
    assert semi_osl_date(last, policy=policy) >= last


@given(program=programs(), policy=policies)
def test_timeline_is_ordered_and_cites_the_registry(program: Program, policy: Policy) -> None:
    line = timeline(program, policy=policy)
    days = [e.day for e in line.events]
    assert days == sorted(days)
    assert {e.clause for e in line.events} <= set(CLAUSES)
    assert set(program.offering_dates) <= set(days)


@given(program=programs(), policy=policies)
def test_eligibility_holds_under_policy_variants(program: Program, policy: Policy) -> None:
    decision = check_eligibility(program, policy=policy)
    assert decision.cited_clauses() <= set(CLAUSES)


@given(meetings=meeting_lists.filter(bool), minutes=st.integers(min_value=0, max_value=600))
def test_packets_check_and_credit_without_error(meetings: list[dt.date], minutes: int) -> None:
    batching = semester_batches(meetings)
    for batch in batching.batches:
        sheets = {day: ["Ana"] for day in batch.meetings}
        packet = Packet(sign_ins=sheets, applications=["Ana"], evaluations=["Ana"])
        assert check_packet(packet, batch, as_of=batch.due).verdict is Verdict.PASS
        fewer = Packet(sign_ins=dict(list(sheets.items())[:-1]))
        more = packet_ceus(packet, dt.timedelta(minutes=minutes))["Ana"]
        assert packet_ceus(fewer, dt.timedelta(minutes=minutes)).get("Ana", more) <= more


@given(day=dates, days=st.lists(dates, min_size=1, max_size=5, unique=True))
def test_an_approval_covers_exactly_its_dates(day: dt.date, days: list[dt.date]) -> None:
    assert is_date_approved(day, Approval(dates=days)) is (day in days)
