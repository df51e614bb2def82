"""Eligibility: ``ceu.noncredit``, ``course.*``, ``program.*``, ``ceu.unit`` and D11."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given

from ceurules import (
    CLAUSES,
    DEFAULT_POLICY,
    ActivityType,
    CourseCriteria,
    InvalidInputError,
    Outcome,
    Policy,
    Program,
    Segment,
    Verdict,
    check_eligibility,
    is_eligible,
)
from ceurules.programs import ACTIVITY_CLAUSES
from helpers import assert_finding, outcomes
from strategies import policies, programs

AGENDA = [
    Segment(kind="registration", start="08:30", end="09:00"),
    Segment(kind="instruction", start="09:00", end="12:00"),
    Segment(kind="meal", start="12:00", end="13:00"),
    Segment(kind="instruction", start="13:00", end="16:00"),
]


def workshop(**changes: Any) -> Program:
    base = Program(
        title="Classroom Management Workshop",
        activity=ActivityType.WORKSHOP,
        criteria=CourseCriteria.all_met(),
        offering_dates=["2026-12-15"],
        agenda=AGENDA,
    )
    return attrs.evolve(base, **changes)


# -- every clause of eligibility at once -----------------------------------------------------------


def test_a_complete_workshop_is_eligible_and_says_why() -> None:
    decision = check_eligibility(workshop())
    assert decision.verdict is Verdict.PASS
    assert decision.verdict_label == "eligible"
    assert_finding(decision, "program.eligible.format", Outcome.MET, says="scheduled meeting time (08:30")
    assert_finding(decision, "ceu.unit", Outcome.MET, says="6 h of contact time earns 0.6 CEU")
    assert "ELIGIBLE" in str(decision)


# -- ceu.noncredit ---------------------------------------------------------------------------------


def test_academic_credit_course_is_ineligible() -> None:
    decision = check_eligibility(workshop(academic_credit=True))
    assert decision.verdict is Verdict.FAIL
    assert_finding(decision, "ceu.noncredit", Outcome.NOT_MET, says="academic credit")


# -- course.organized, course.need, course.objective, course.instructors, course.performance, course.evaluation ---


@pytest.mark.parametrize(
    ("criterion", "clause"),
    [
        ("organized", "course.organized"),
        ("need", "course.need"),
        ("objective", "course.objective"),
        ("instructors", "course.instructors"),
        ("performance", "course.performance"),
        ("evaluation", "course.evaluation"),
    ],
)
def test_each_course_criterion_not_met_fails_with_its_clause(criterion: str, clause: str) -> None:
    criteria = attrs.evolve(CourseCriteria.all_met(), **{criterion: False})
    decision = check_eligibility(workshop(criteria=criteria))
    assert decision.verdict is Verdict.FAIL
    assert outcomes(decision, clause) == [Outcome.NOT_MET]
    assert [f.clause for f in decision.failures()] == [clause]


def test_unstated_criterion_needs_review() -> None:
    decision = check_eligibility(workshop(criteria=attrs.evolve(CourseCriteria.all_met(), evaluation=None)))
    assert decision.verdict is Verdict.NEEDS_REVIEW
    assert_finding(decision, "course.evaluation", Outcome.NEEDS_REVIEW, says="does not say")


def test_all_failures_are_reported_not_just_the_first() -> None:
    decision = check_eligibility(
        workshop(academic_credit=True, activity=ActivityType.SOCIAL_EVENT, criteria=CourseCriteria(need=False))
    )
    failed = {f.clause for f in decision.failures()}
    assert {"ceu.noncredit", "course.need", "program.ineligible.social"} <= failed
    assert len(decision.findings) == 9


ACTIVITY_CASES = [
    # (activity as a file would name it, clause, verdict)
    ("seminar", "program.eligible.format", Verdict.PASS),
    ("workshop", "program.eligible.format", Verdict.PASS),
    ("short course", "program.eligible.format", Verdict.PASS),
    ("certificate program", "program.eligible.format", Verdict.PASS),
    ("educational training", "program.eligible.format", Verdict.PASS),
    ("supervised online independent study", "program.eligible.method", Verdict.PASS),
    ("directed reading", "program.eligible.method", Verdict.PASS),
    ("project-based assignment", "program.eligible.method", Verdict.PASS),
    ("license renewal", "program.eligible.license", Verdict.PASS),
    ("paraprofessional training", "program.eligible.license", Verdict.PASS),
    ("committee meeting", "program.ineligible.meeting", Verdict.FAIL),
    ("business meeting", "program.ineligible.meeting", Verdict.FAIL),
    ("entertainment", "program.ineligible.recreation", Verdict.FAIL),
    ("recreation", "program.ineligible.recreation", Verdict.FAIL),
    ("athletics", "program.ineligible.recreation", Verdict.FAIL),
    ("cultural performance", "program.ineligible.social", Verdict.FAIL),
    ("social event", "program.ineligible.social", Verdict.FAIL),
    ("work experience", "program.ineligible.work", Verdict.FAIL),
    ("on-the-job training", "program.ineligible.work", Verdict.FAIL),
    ("apprenticeship", "program.ineligible.work", Verdict.FAIL),
    ("other", "program.eligible.format", Verdict.NEEDS_REVIEW),  # D11: not named by the policy
]


# -- program.eligible.*, program.ineligible.*: the activity lists ----------------------------------


def test_the_case_table_covers_every_activity_type() -> None:
    assert {ActivityType.parse(name) for name, _, _ in ACTIVITY_CASES} == set(ActivityType)


@pytest.mark.parametrize(("activity", "clause", "verdict"), ACTIVITY_CASES)
def test_every_activity_type_cites_its_clause(activity: str, clause: str, verdict: Verdict) -> None:
    label = "peer coaching circle" if activity == "other" else None
    decision = check_eligibility(workshop(activity=activity, activity_label=label))
    assert decision.verdict is verdict
    expected = {Verdict.PASS: Outcome.MET, Verdict.FAIL: Outcome.NOT_MET}.get(verdict, Outcome.NEEDS_REVIEW)
    assert outcomes(decision, clause) == [expected]
    if verdict is Verdict.NEEDS_REVIEW:
        finding = next(f for f in decision.findings if f.default == "D11")
        assert "peer coaching circle" in finding.message


def test_every_program_clause_names_some_activity_type() -> None:
    program_clauses = {c for c in CLAUSES if c.startswith("program.")}
    assert program_clauses == set(ACTIVITY_CLAUSES.values())


def test_format_needs_a_scheduled_meeting_time() -> None:
    no_agenda = check_eligibility(workshop(agenda=[], contact_hours="6"))
    assert_finding(no_agenda, "program.eligible.format", Outcome.NOT_MET, says="the program has no timed agenda.")
    no_dates = check_eligibility(workshop(offering_dates=[]))
    assert_finding(no_dates, "program.eligible.format", Outcome.NOT_MET, says="no offering dates")


def test_independent_study_needs_no_meeting_time_and_uses_contact_hours() -> None:
    study = Program(
        title="Supervised Online Study: Dyslexia",
        activity="supervised online independent study",
        criteria=CourseCriteria.all_met(),
        contact_hours="15",
    )
    decision = check_eligibility(study)
    assert decision.verdict is Verdict.PASS
    assert_finding(decision, "ceu.unit", Outcome.MET, says="15 h of contact time earns 1.5 CEU")


# -- ceu.unit, D7, D8 ------------------------------------------------------------------------------


def test_no_contact_time_is_ineligible() -> None:
    decision = check_eligibility(workshop(agenda=[Segment(kind="social", start="18:00", end="20:00")]))
    assert_finding(decision, "ceu.unit", Outcome.NOT_MET, says="no contact time")


def test_contact_time_that_rounds_to_zero_is_ineligible() -> None:
    decision = check_eligibility(workshop(agenda=[Segment(kind="instruction", start="09:00", end="09:29")]))
    assert_finding(decision, "ceu.unit", Outcome.NOT_MET, says="rounds to 0.0 CEU")


def test_another_agency_minimum_contact_hours_is_data_only() -> None:
    agency = attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=8)
    decision = check_eligibility(workshop(), policy=agency)
    assert_finding(decision, "ceu.unit", Outcome.NOT_MET, says="under the minimum of 8 hours")


# -- program.eligible.format, D11: activities the lists do not name --------------------------------


def test_other_activity_needs_a_label() -> None:
    with pytest.raises(InvalidInputError) as info:
        workshop(activity=ActivityType.OTHER)
    assert info.value.field == "activity_label"


def test_activity_parses_friendly_names() -> None:
    assert ActivityType.parse("Short Course") is ActivityType.SHORT_COURSE
    assert ActivityType.parse("ON_THE_JOB_TRAINING") is ActivityType.ON_THE_JOB_TRAINING
    assert ActivityType.parse("on the job training") is ActivityType.ON_THE_JOB_TRAINING
    with pytest.raises(InvalidInputError, match="'workshop'"):
        ActivityType.parse("hackathon")


# -- the answer as data; is_eligible ---------------------------------------------------------------


def test_decision_as_plain_dict() -> None:
    data = check_eligibility(workshop()).to_dict()
    assert data["verdict"] == "eligible"
    assert data["schema_version"] == 1
    findings = data["findings"]
    assert isinstance(findings, list)
    assert findings[-1] == {
        "clause": "ceu.unit",
        "outcome": "met",
        "message": "6 h of contact time earns 0.6 CEU.",
        "default": "D7",
        "facts": {"contact_minutes": 360, "ceus": "0.6", "source": "agenda"},
    }


def test_is_eligible_never_raises() -> None:
    assert is_eligible(workshop()) is True
    assert is_eligible(workshop(academic_credit=True)) is False
    assert is_eligible("not a program") is False
    assert is_eligible(None) is False


def test_check_eligibility_refuses_a_non_program() -> None:
    with pytest.raises(InvalidInputError, match="program"):
        check_eligibility({"title": "x"})  # type: ignore[arg-type]


@given(program=programs())
def test_eligibility_never_raises_on_valid_programs_and_cites_registered_clauses(program: Program) -> None:
    decision = check_eligibility(program)
    assert decision.cited_clauses() <= set(CLAUSES)
    assert decision.verdict in (Verdict.PASS, Verdict.FAIL, Verdict.NEEDS_REVIEW)
    if program.academic_credit:
        assert decision.verdict is Verdict.FAIL
    assert is_eligible(program) == (decision.verdict is Verdict.PASS)


def test_is_eligible_follows_the_policy() -> None:
    assert is_eligible(workshop()) is True
    assert is_eligible(workshop(), policy=attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=7)) is False


# -- program.*, course.*, ceu.unit: invariants -------------------------------------------------


@given(program=programs(), policy=policies)
def test_eligibility_holds_under_policy_variants(program: Program, policy: Policy) -> None:
    decision = check_eligibility(program, policy=policy)
    assert decision.cited_clauses() <= set(CLAUSES)
