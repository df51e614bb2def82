"""Approval requests: ``approval.lead-time``, ``approval.waiver``, ``approval.documents``,
``approval.dates``, ``approval.review`` with D1, D2, D3 and D12."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ceurules import (
    CLAUSES,
    DEFAULT_POLICY,
    ActivityType,
    Approval,
    ApprovalRequest,
    BusinessCalendar,
    Change,
    CourseCriteria,
    Documents,
    Instructor,
    InvalidInputError,
    Outcome,
    Policy,
    Program,
    Verdict,
    WaiverRequest,
    check_approval_request,
    is_date_approved,
    review_due,
    submission_deadline,
)
from helpers import assert_finding, assert_weekday, d, only_finding
from strategies import dates, policies, requests

PROGRAM = Program(
    title="Data Literacy Seminar",
    activity=ActivityType.SEMINAR,
    criteria=CourseCriteria.all_met(),
    offering_dates=["2026-12-15", "2027-01-12"],
    instructors=[Instructor(name="Dr. Ada Reyes"), Instructor(name="Sam Whitfield")],
)
ALL_DOCS = Documents(approval_form=True, timed_agenda=True, vitas=["Dr. Ada Reyes", "Sam Whitfield"], flyer=True)


def request(received: str, **changes: Any) -> ApprovalRequest:
    return attrs.evolve(ApprovalRequest(program=PROGRAM, received=received, documents=ALL_DOCS), **changes)


# -- approval.lead-time, approval.waiver, D1 ----------------------------------------------------------------------


def test_deadline_is_14_calendar_days_before_the_first_offering() -> None:
    # First offering Tuesday 2026-12-15: on time through Tuesday 2026-12-01.
    assert submission_deadline([d("2027-01-12"), d("2026-12-15")]) == d("2026-12-01")
    assert submission_deadline(d("2026-12-15")) == d("2026-12-01")


def test_deadline_across_new_year_and_leap_day() -> None:
    assert submission_deadline([d("2027-01-10")]) == d("2026-12-27")
    assert submission_deadline([d("2024-03-14")]) == d("2024-02-29")


def test_received_on_the_deadline_is_on_time_and_a_day_later_is_late() -> None:
    on_time = check_approval_request(request("2026-12-01"))
    assert on_time.verdict is Verdict.PASS
    assert_finding(on_time, "approval.lead-time", Outcome.MET, says="on or before the deadline 2026-12-01")
    late = check_approval_request(request("2026-12-02"))
    assert late.verdict is Verdict.FAIL
    assert_finding(late, "approval.lead-time", Outcome.NOT_MET, says="1 day(s) after the deadline")
    assert_finding(late, "approval.waiver", Outcome.NOT_MET, says="asks for no waiver")


def test_late_with_a_waiver_request_needs_a_waiver_decision() -> None:
    waiver = WaiverRequest(circumstances="The trainer's flight was rebooked after the hurricane.")
    decision = check_approval_request(request("2026-12-08", waiver=waiver))
    assert decision.verdict is Verdict.NEEDS_REVIEW
    assert_finding(decision, "approval.waiver", Outcome.NEEDS_REVIEW, says="hurricane")


LATE = "Received 2026-12-04, 3 day(s) after the deadline 2026-12-01 (14 days before the first offering)."


@pytest.mark.parametrize(
    ("received", "waiver", "expected"),
    [
        (
            "2026-12-01",
            None,
            [
                (
                    "approval.lead-time",
                    Outcome.MET,
                    "D1",
                    "Received 2026-12-01, on or before the deadline 2026-12-01 (14 days before the first offering).",
                ),
            ],
        ),
        (
            "2026-12-04",
            None,
            [
                ("approval.lead-time", Outcome.NOT_MET, "D1", LATE),
                (
                    "approval.waiver",
                    Outcome.NOT_MET,
                    None,
                    "The request is late and asks for no waiver of the lead time.",
                ),
            ],
        ),
        (
            "2026-12-04",
            "storm",
            [
                ("approval.lead-time", Outcome.NEEDS_REVIEW, "D1", LATE),
                (
                    "approval.waiver",
                    Outcome.NEEDS_REVIEW,
                    None,
                    "The request is late and asks for a waiver; staff must decide whether the stated "
                    "circumstances are extenuating: 'storm'.",
                ),
            ],
        ),
    ],
)
def test_the_lead_time_and_waiver_findings_state_the_deadline_and_the_lateness(
    received: str, waiver: str | None, expected: list[tuple[str, Outcome, str | None, str]]
) -> None:
    asked = None if waiver is None else WaiverRequest(circumstances=waiver)
    decision = check_approval_request(request(received, waiver=asked))
    timeliness = [f for f in decision.findings if f.clause in ("approval.lead-time", "approval.waiver")]
    assert [(f.clause, f.outcome, f.default, f.message) for f in timeliness] == expected
    lead = timeliness[0]
    assert (lead.facts["deadline"], lead.facts["first_offering"], lead.facts["lead_time_days"]) == (
        d("2026-12-01"),
        d("2026-12-15"),
        14,
    )
    if len(timeliness) == 2:
        assert lead.facts["days_late"] == 3
        assert timeliness[1].facts["waiver_requested"] is (waiver is not None)


def test_a_30_day_lead_time_is_policy_data() -> None:
    agency = attrs.evolve(DEFAULT_POLICY, lead_time_days=30)
    assert submission_deadline([d("2026-12-15")], policy=agency) == d("2026-11-15")
    assert check_approval_request(request("2026-11-20"), policy=agency).verdict is Verdict.FAIL


def test_deadline_input_errors() -> None:
    with pytest.raises(InvalidInputError) as info:
        submission_deadline([])
    assert str(info.value) == "offering_dates: expected at least one offering date, got []"
    with pytest.raises(InvalidInputError) as info:
        submission_deadline([d("1900-01-05")])
    assert (info.value.field, info.value.value) == ("offering_dates", d("1900-01-05"))
    assert str(info.value) == (
        "offering_dates: expected an offering date whose submission deadline is in the years 1900-2199"
        " (1899-12-22 is not), got 1900-01-05"
    )
    with pytest.raises(InvalidInputError, match="without a time of day"):
        submission_deadline([dt.datetime(2026, 12, 15, 9)])
    with pytest.raises(InvalidInputError, match=r"offering_dates\[1\]"):
        submission_deadline([d("2026-12-15"), d("2026-12-15")])


@given(days=st.lists(dates, min_size=1, max_size=6, unique=True))
def test_deadline_plus_lead_time_is_the_first_offering(days: list[dt.date]) -> None:
    deadline = submission_deadline(days)
    assert deadline + dt.timedelta(days=DEFAULT_POLICY.lead_time_days) == min(days)


def test_submission_deadline_takes_one_iso_date() -> None:
    assert submission_deadline("2026-12-15") == submission_deadline(dt.date(2026, 12, 15)) == dt.date(2026, 12, 1)
    with pytest.raises(InvalidInputError) as caught:
        submission_deadline("2026-13-15")
    assert caught.value.field == "offering_dates"


# -- approval.review, D2, D3 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due", "weekday"),
    [
        ("2026-11-20", "2026-11-25", "Wednesday"),  # Friday: Mon, Tue, Wed
        ("2026-11-21", "2026-11-27", "Friday"),  # Saturday counts from Monday; Thanksgiving skipped
        ("2026-11-22", "2026-11-27", "Friday"),  # Sunday, likewise
        ("2026-11-26", "2026-12-02", "Wednesday"),  # received on Thanksgiving: clock starts Friday
        ("2026-12-23", "2026-12-29", "Tuesday"),  # Christmas skipped
        ("2026-12-31", "2027-01-06", "Wednesday"),  # New Year skipped
        ("2027-01-15", "2027-01-21", "Thursday"),  # MLK / Robert E. Lee day skipped
        ("2027-04-23", "2027-04-29", "Thursday"),  # Confederate Memorial Day (Mon 2027-04-26) skipped
        ("2026-10-09", "2026-10-14", "Wednesday"),  # Columbus Day is not a Mississippi holiday
    ],
)
def test_review_due(received: str, due: str, weekday: str) -> None:
    result = review_due(d(received))
    assert result == d(due)
    assert_weekday(result, weekday)


def test_review_due_follows_the_policy_calendar() -> None:
    federal = attrs.evolve(DEFAULT_POLICY, calendar=BusinessCalendar(country="US", subdivision=None))
    assert review_due(d("2026-10-09"), policy=federal) == d("2026-10-15")  # Columbus Day is federal
    assert review_due(d("2027-04-23"), policy=federal) == d("2027-04-28")


@given(received=dates)
@example(received=d("2026-11-26"))
def test_review_due_is_a_business_day_after_receipt(received: dt.date) -> None:
    due = review_due(received)
    calendar = DEFAULT_POLICY.calendar
    assert due > received
    assert calendar.is_business_day(due)
    assert calendar.business_days_between(calendar.roll_forward(received), due) == 3


def test_complete_request_names_its_review_date() -> None:
    decision = check_approval_request(request("2026-11-20"))
    assert_finding(decision, "approval.review", Outcome.NOTE, says="due for review by 2026-11-25")


def test_the_review_finding_gives_the_due_day_or_says_the_clock_has_not_started() -> None:
    complete = only_finding(check_approval_request(request("2026-12-04")), "approval.review")
    assert (complete.outcome, complete.default) == (Outcome.NOTE, "D2")
    assert complete.message == "The complete request received 2026-12-04 is due for review by 2026-12-09."
    assert complete.facts == {"received": d("2026-12-04"), "review_due": d("2026-12-09"), "business_days": 3}
    incomplete = only_finding(check_approval_request(request("2026-12-04", documents=Documents())), "approval.review")
    assert (incomplete.outcome, incomplete.default) == (Outcome.NOTE, "D2")
    assert incomplete.message == "The review clock starts only once the request is complete."
    assert incomplete.facts == {"received": d("2026-12-04")}


def test_a_dated_review_period_is_the_one_in_force_on_the_day_received() -> None:
    # D13: from 2027-01-01 the review takes 5 business days; the finding says which version applied.
    change = Change(parameter="review_business_days", effective="2027-01-01", value=5)
    dated = attrs.evolve(DEFAULT_POLICY, changes=[change])
    before = only_finding(check_approval_request(request("2026-12-04"), policy=dated), "approval.review")
    assert (before.facts["business_days"], before.facts["review_business_days_from"]) == (3, None)
    after = only_finding(check_approval_request(request("2027-01-04"), policy=dated), "approval.review")
    assert (after.facts["business_days"], after.facts["review_business_days_from"]) == (5, d("2027-01-01"))
    assert after.facts["review_due"] == d("2027-01-11")


def test_a_review_due_past_the_calendar_is_refused_naming_the_day_received() -> None:
    with pytest.raises(InvalidInputError) as info:
        review_due(d("2199-12-30"))
    assert (info.value.field, info.value.value) == ("received", d("2199-12-30"))
    assert str(info.value) == "received: expected a date whose review is due in the years 1900-2199, got 2199-12-30"


# -- approval.documents, D12 ---------------------------------------------------------------------


def test_every_missing_document_and_vita_is_named() -> None:
    decision = check_approval_request(request("2026-11-20", documents=Documents(vitas=["Sam Whitfield"])))
    assert decision.verdict is Verdict.FAIL
    finding = next(f for f in decision.findings if f.clause == "approval.documents")
    assert finding.facts["missing"] == [
        "the completed CEU approval form",
        "the timed agenda",
        "the vita or resume of Dr. Ada Reyes",
        "program materials (a brochure, flyer or website address)",
    ]
    assert_finding(decision, "approval.review", Outcome.NOTE, says="only once the request is complete")
    assert only_finding(decision, "approval.documents").default == "D12"
    assert only_finding(decision, "approval.documents").message == (
        "The request is incomplete; missing: the completed CEU approval form; the timed agenda; "
        "the vita or resume of Dr. Ada Reyes; program materials (a brochure, flyer or website address)."
    )


def test_a_complete_request_says_it_carries_every_document() -> None:
    finding = only_finding(check_approval_request(request("2026-11-20")), "approval.documents")
    assert (finding.outcome, finding.default) == (Outcome.MET, "D12")
    assert finding.message == "The request carries every document: form, timed agenda, every vita, program materials."
    assert finding.facts == {
        "instructors": ["Dr. Ada Reyes", "Sam Whitfield"],
        "vitas": ["Dr. Ada Reyes", "Sam Whitfield"],
        "missing": [],
    }


@pytest.mark.parametrize("material", [{"brochure": True}, {"flyer": True}, {"website": "https://example.org"}])
def test_any_one_program_material_is_enough(material: dict[str, object]) -> None:
    docs = Documents(approval_form=True, timed_agenda=True, vitas=["Dr. Ada Reyes", "Sam Whitfield"], **material)  # type: ignore[arg-type]
    assert docs.has_materials
    assert check_approval_request(request("2026-11-20", documents=docs)).verdict is Verdict.PASS


def test_blank_website_is_no_material() -> None:
    assert not Documents(website="   ").has_materials


def test_program_without_instructors_needs_review() -> None:
    program = attrs.evolve(PROGRAM, instructors=[])
    decision = check_approval_request(ApprovalRequest(program=program, received="2026-11-20", documents=ALL_DOCS))
    assert decision.verdict is Verdict.NEEDS_REVIEW
    assert_finding(decision, "approval.documents", Outcome.NEEDS_REVIEW, says="no instructor")
    (review,) = [f for f in decision.findings if f.clause == "approval.documents"]  # one answer, never "met" too
    assert (review.message, review.default, review.facts) == (
        "The request carries the form, the timed agenda and program materials, but the program names no "
        "instructor or speaker, so no vita can be checked.",
        "D12",
        {"instructors": [], "vitas": ["Dr. Ada Reyes", "Sam Whitfield"], "missing": []},
    )


def test_program_without_instructors_missing_a_document_is_not_met_once() -> None:
    program = attrs.evolve(PROGRAM, instructors=[])
    docs = attrs.evolve(ALL_DOCS, timed_agenda=False)
    decision = check_approval_request(ApprovalRequest(program=program, received="2026-11-20", documents=docs))
    (answer,) = [f for f in decision.findings if f.clause == "approval.documents"]
    assert (answer.outcome, answer.message) == (
        Outcome.NOT_MET,
        "The request is incomplete; missing: the timed agenda. Also, the program names no instructor or speaker, "
        "so no vita can be checked.",
    )


# -- approval.dates ------------------------------------------------------------------------------


def test_approval_covers_only_its_dates() -> None:
    approval = Approval(dates=["2026-12-15", "2027-01-12"], approved_on="2026-11-24")
    assert is_date_approved(d("2026-12-15"), approval)
    assert not is_date_approved(d("2026-12-16"), approval)
    assert not is_date_approved(d("2026-12-15"), None)


def test_request_lists_the_dates_it_would_cover() -> None:
    decision = check_approval_request(request("2026-11-20"))
    assert_finding(decision, "approval.dates", Outcome.NOTE, says="2 date(s): 2026-12-15, 2027-01-12")
    undated = ApprovalRequest(program=attrs.evolve(PROGRAM, offering_dates=[]), received="2026-11-20")
    assert_finding(check_approval_request(undated), "approval.dates", Outcome.NOT_MET, says="no offering date")
    listed = only_finding(check_approval_request(request("2026-11-20")), "approval.dates")
    assert listed.message == "An approval would cover exactly 2 date(s): 2026-12-15, 2027-01-12."
    assert listed.facts == {"offering_dates": [d("2026-12-15"), d("2027-01-12")]}
    unlisted = only_finding(check_approval_request(undated), "approval.dates")
    assert unlisted.message == "The request lists no offering date; an approval covers only the dates it lists."
    assert unlisted.facts == {"offering_dates": []}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: ApprovalRequest(program=PROGRAM, received=dt.datetime(2026, 11, 20, 10)),
            "received: expected a date without a time of day, got 2026-11-20T10:00",
        ),
        (
            lambda: ApprovalRequest(program="Data Literacy", received="2026-11-20"),  # type: ignore[arg-type]
            "program: expected a Program, got 'Data Literacy'",
        ),
        (
            lambda: ApprovalRequest(program=PROGRAM, received="2026-11-20", documents="all"),  # type: ignore[arg-type]
            "documents: expected a Documents, got 'all'",
        ),
        (
            lambda: ApprovalRequest(program=PROGRAM, received="2026-11-20", waiver="storm"),  # type: ignore[arg-type]
            "waiver: expected a WaiverRequest or None, got 'storm'",
        ),
        (lambda: WaiverRequest(circumstances="  "), "waiver.circumstances: expected non-empty text, got '  '"),
        (lambda: Approval(dates=[]), "dates: expected at least one approved date, got []"),
        (lambda: Documents(flyer="yes"), "documents.flyer: expected true or false, got 'yes'"),  # type: ignore[arg-type]
        (lambda: Documents(vitas="Ana"), "vitas: expected a list of instructor names, got 'Ana'"),
        (lambda: Documents(vitas=["Ana", 3]), "vitas[1]: expected non-empty text, got 3"),  # type: ignore[list-item]
        (lambda: Documents(website=3), "website: expected non-empty text, got 3"),  # type: ignore[arg-type]
        (lambda: check_approval_request("Data Literacy"), "request: expected an ApprovalRequest, got 'Data Literacy'"),  # type: ignore[arg-type]
    ],
)
def test_request_input_errors(make: Any, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        make()
    assert str(info.value) == message


def test_the_review_date_in_a_decision_follows_the_policy_calendar() -> None:
    federal = attrs.evolve(DEFAULT_POLICY, calendar=BusinessCalendar(country="US", subdivision=None))
    program = attrs.evolve(PROGRAM, offering_dates=["2026-11-20"])
    req = ApprovalRequest(program=program, received="2026-10-09", documents=ALL_DOCS)
    assert_finding(check_approval_request(req), "approval.review", Outcome.NOTE, says="by 2026-10-14")
    assert_finding(check_approval_request(req, policy=federal), "approval.review", Outcome.NOTE, says="by 2026-10-15")


# -- approval.lead-time, D1: invariants --------------------------------------------------------


@given(request=requests(), policy=policies)
def test_approval_decision_agrees_with_the_deadline(request: ApprovalRequest, policy: Policy) -> None:
    decision = check_approval_request(request, policy=policy)
    assert decision.cited_clauses() <= set(CLAUSES)
    on_time = request.received <= submission_deadline(request.program.offering_dates, policy=policy)
    lead = [f.outcome for f in decision.findings if f.clause == "approval.lead-time"]
    assert lead == ([Outcome.MET] if on_time else [Outcome.NOT_MET if request.waiver is None else Outcome.NEEDS_REVIEW])
    if not on_time and request.waiver is None:
        assert decision.verdict is Verdict.FAIL


# -- approval.review, D2: invariants -----------------------------------------------------------


@given(request=requests())
def test_review_is_due_only_for_complete_requests(request: ApprovalRequest) -> None:
    decision = check_approval_request(request)
    review = next(f for f in decision.findings if f.clause == "approval.review")
    complete = not any(f.clause == "approval.documents" and f.outcome is Outcome.NOT_MET for f in decision.findings)
    assert ("review_due" in review.facts) is complete
    if complete:
        assert review.facts["review_due"] == review_due(request.received)


# -- approval.dates: invariants ----------------------------------------------------------------


@given(day=dates, days=st.lists(dates, min_size=1, max_size=5, unique=True))
def test_an_approval_covers_exactly_its_dates(day: dt.date, days: list[dt.date]) -> None:
    assert is_date_approved(day, Approval(dates=days)) is (day in days)


def test_a_request_received_after_the_day_of_the_check_has_not_arrived_yet() -> None:
    """As of 2026-11-01, a request received 2026-11-20 is not in yet: a note on received says so, the review clock
    has not started, and the lead time is undecided while the deadline (2026-12-01) is still ahead. As of
    2026-12-02, a request received 2026-12-04 is late already (the deadline passed without it)."""
    early = check_approval_request(request("2026-11-20"), as_of="2026-11-01")
    assert [str(f) for f in early.findings if f.clause in ("approval.lead-time", "approval.review")] == [
        "[note] Not yet received on the day of the check (2026-11-01); it is on time if it arrives by 2026-12-01."
        " (approval.lead-time, D1)",
        "[note] Received on 2026-11-20, after the day of the check (2026-11-01): counted as not yet in."
        " (approval.review, D2)",
    ]
    note = only_finding(early, "approval.review")
    assert note.facts == {"about": "received", "field": "received", "value": d("2026-11-20"), "as_of": d("2026-11-01")}
    assert only_finding(early, "approval.lead-time").facts == {"deadline": d("2026-12-01"), "as_of": d("2026-11-01")}
    assert early.verdict is Verdict.PASS
    late = check_approval_request(request("2026-12-04"), as_of="2026-12-02")
    assert_finding(late, "approval.lead-time", Outcome.NOT_MET, says="3 day(s) after the deadline 2026-12-01")
    assert only_finding(late, "approval.review").facts["field"] == "received"
    on_the_day = check_approval_request(request("2026-11-20"), as_of="2026-11-20")
    assert on_the_day == check_approval_request(request("2026-11-20"))
