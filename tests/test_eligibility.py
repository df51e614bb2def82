"""Eligibility: ``ceu.noncredit``, ``course.*``, ``program.*``, ``ceu.unit`` and D11."""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from ceurules import (
    CLAUSES,
    DEFAULT_POLICY,
    ActivityType,
    Change,
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
from helpers import assert_finding, only_finding, outcomes
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


def test_the_noncredit_finding_says_why_in_both_directions() -> None:
    credit = only_finding(check_eligibility(workshop(academic_credit=True)), "ceu.noncredit")
    assert credit.message == "The program carries academic credit; only non-credit programs earn CEUs."
    assert (credit.outcome, credit.facts) == (Outcome.NOT_MET, {"academic_credit": True})
    noncredit = only_finding(check_eligibility(workshop()), "ceu.noncredit")
    assert noncredit.message == "The program is non-credit."
    assert (noncredit.outcome, noncredit.facts) == (Outcome.MET, {"academic_credit": False})


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


CRITERIA_WORDING = [
    # (criterion, clause, what the program does when the criterion is met)
    ("organized", "course.organized", "is held in an organised, structured setting"),
    ("need", "course.need", "is planned to meet a specific educational need"),
    ("objective", "course.objective", "has a clear purpose and objective"),
    ("instructors", "course.instructors", "has qualified instructors directly involved"),
    ("performance", "course.performance", "sets the requirements for earning CEUs before it is offered"),
    ("evaluation", "course.evaluation", "has a participant evaluation process"),
]


@pytest.mark.parametrize(("criterion", "clause", "meaning"), CRITERIA_WORDING)
def test_each_criterion_says_what_it_asks_when_met_not_met_or_unstated(
    criterion: str, clause: str, meaning: str
) -> None:
    expected = {
        True: (Outcome.MET, f"The program {meaning}."),
        False: (Outcome.NOT_MET, f"The program does not meet the criterion: it {meaning}."),
        None: (Outcome.NEEDS_REVIEW, f"The program does not say whether it {meaning}."),
    }
    for stated, (outcome, message) in expected.items():
        criteria = attrs.evolve(CourseCriteria.all_met(), **{criterion: stated})
        finding = only_finding(check_eligibility(workshop(criteria=criteria)), clause)
        assert (finding.outcome, finding.message, finding.facts) == (outcome, message, {criterion: stated})


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


@pytest.mark.parametrize(
    ("changes", "clause", "outcome", "message", "facts"),
    [
        (
            {"activity": "educational training", "agenda": [], "contact_hours": "6"},
            "program.eligible.format",
            Outcome.NOT_MET,
            "An educational training qualifies only with a scheduled meeting time; the program has no timed agenda.",
            {"activity": "educational training", "offering_dates": 1, "agenda_segments": 0},
        ),
        (
            {"offering_dates": []},
            "program.eligible.format",
            Outcome.NOT_MET,
            "A workshop qualifies only with a scheduled meeting time; the program has no offering dates.",
            {"activity": "workshop", "offering_dates": 0, "agenda_segments": 4},
        ),
        (
            {"offering_dates": ["2026-12-15", "2027-01-12"]},
            "program.eligible.format",
            Outcome.MET,
            "A workshop with a scheduled meeting time (08:30 on each offering date) qualifies.",
            {"activity": "workshop", "offering_dates": 2, "agenda_segments": 4, "starts": "08:30"},
        ),
        (
            {"activity": "entertainment"},
            "program.ineligible.recreation",
            Outcome.NOT_MET,
            "An entertainment is not eligible for CEUs.",
            {"activity": "entertainment"},
        ),
        (
            {"activity": "directed reading"},
            "program.eligible.method",
            Outcome.MET,
            "A directed reading is eligible for CEUs.",
            {"activity": "directed reading"},
        ),
    ],
)
def test_the_activity_finding_names_the_activity_and_what_it_lacks(
    changes: dict[str, Any], clause: str, outcome: Outcome, message: str, facts: dict[str, object]
) -> None:
    finding = only_finding(check_eligibility(workshop(**changes)), clause)
    assert (finding.outcome, finding.message, finding.facts) == (outcome, message, facts)


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


def _plc(meetings: list[str]) -> Program:
    """A year-long learning community meeting 29 minutes a time (D16: judged by its fullest packet)."""
    segment = Segment(kind="instruction", start="15:00", end="15:29")
    return workshop(title="PLC", offering_dates=meetings, agenda=[segment], year_long=True)


PLC_MEETINGS = ["2026-08-18", "2026-09-15", "2026-10-20", "2026-11-17", "2026-12-08", "2027-01-19"]
FALL_PACKET = "A full packet (fall 2026-27: 5 meeting(s) of 0 h 29 min) carries 2 h 25 min of contact time"
ANNUAL_ONLY = attrs.evolve(DEFAULT_POLICY, crediting_rules=DEFAULT_POLICY.crediting_rules[:1])


@pytest.mark.parametrize(
    ("program", "policy", "outcome", "default", "message"),
    [
        (workshop(), DEFAULT_POLICY, Outcome.MET, "D7", "6 h of contact time earns 0.6 CEU."),
        (
            workshop(agenda=[Segment(kind="social", start="18:00", end="20:00")]),
            DEFAULT_POLICY,
            Outcome.NOT_MET,
            "D8",
            "The program has no contact time: add a timed agenda with instruction, or its contact hours.",
        ),
        (
            workshop(),
            attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=8),
            Outcome.NOT_MET,
            "D7",
            "The program has 6 h of contact time, under the minimum of 8 hours.",
        ),
        (
            workshop(agenda=[Segment(kind="instruction", start="09:00", end="09:29")]),
            DEFAULT_POLICY,
            Outcome.NOT_MET,
            "D7",
            "0 h 29 min of contact time rounds to 0.0 CEU.",
        ),
        (_plc(PLC_MEETINGS), DEFAULT_POLICY, Outcome.MET, "D16", f"{FALL_PACKET}, earning 0.2 CEU."),
        (
            _plc(PLC_MEETINGS),
            attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=3),
            Outcome.NOT_MET,
            "D16",
            f"{FALL_PACKET}, under the minimum of 3 hours.",
        ),
        (
            _plc(PLC_MEETINGS[:1]),
            DEFAULT_POLICY,
            Outcome.NOT_MET,
            "D16",
            "A full packet (fall 2026-27: 1 meeting(s) of 0 h 29 min) carries 0 h 29 min of contact time,"
            " which rounds to 0.0 CEU.",
        ),
        (  # the policy's crediting rules make the packet: one per school year
            _plc(PLC_MEETINGS),
            ANNUAL_ONLY,
            Outcome.MET,
            "D16",
            "A full packet (year 2026-27: 6 meeting(s) of 0 h 29 min) carries 2 h 54 min of contact time,"
            " earning 0.3 CEU.",
        ),
    ],
)
def test_the_contact_time_finding_states_the_time_the_minimum_and_the_award(
    program: Program, policy: Policy, outcome: Outcome, default: str, message: str
) -> None:
    finding = only_finding(check_eligibility(program, policy=policy), "ceu.unit")
    assert (finding.outcome, finding.default, finding.message) == (outcome, default, message)


def test_a_packets_contact_minutes_are_shown_exactly_whatever_the_callers_decimal_context() -> None:
    meetings = ["2026-09-15", "2026-10-20", "2026-11-17", "2026-12-08", "2027-01-19"]
    reading = Program(
        title="PLC",
        activity="directed reading",
        criteria=CourseCriteria.all_met(),
        offering_dates=meetings,
        contact_hours="2.0001",
        year_long=True,
    )
    with decimal.localcontext(prec=3):
        finding = only_finding(check_eligibility(reading), "ceu.unit")
    assert finding.message == (
        "A full packet (fall 2026-27: 4 meeting(s) of 2 h 0.006 min) carries 8 h 0.024 min of contact time,"
        " earning 0.8 CEU."
    )
    assert (finding.facts["contact_minutes"], finding.facts["meeting_minutes"]) == ("480.024", "120.006")
    assert (finding.facts["meetings"], finding.facts["packet"], finding.facts["per"]) == (
        4,
        "fall 2026-27",
        "full packet",
    )


def test_contact_time_is_judged_by_the_version_in_force_on_the_first_offering() -> None:
    # D13: from 2027-01-01 a CEU is 5 contact hours; the rule in force on the first offering decides.
    dated = attrs.evolve(
        DEFAULT_POLICY, changes=[Change(parameter="contact_hours_per_ceu", effective="2027-01-01", value=5)]
    )
    later = workshop(offering_dates=["2027-02-02"])
    assert only_finding(check_eligibility(later, policy=dated), "ceu.unit").facts["ceus"] == Decimal("1.2")
    assert only_finding(check_eligibility(workshop(), policy=dated), "ceu.unit").facts["ceus"] == Decimal("0.6")
    undated = Program(
        title="Reading", activity="directed reading", criteria=CourseCriteria.all_met(), contact_hours="6"
    )
    with pytest.raises(InvalidInputError) as info:
        check_eligibility(undated, policy=dated)
    assert info.value.field == "on"
    assert "the policy changes contact_hours_per_ceu from 2027-01-01" in str(info.value)


# -- program.eligible.format, D11: activities the lists do not name --------------------------------


def test_other_activity_needs_a_label() -> None:
    with pytest.raises(InvalidInputError) as info:
        workshop(activity=ActivityType.OTHER)
    assert info.value.field == "activity_label"


def test_an_unnamed_activity_is_left_to_staff_by_name() -> None:
    decision = check_eligibility(workshop(activity=ActivityType.OTHER, activity_label="peer coaching circle"))
    finding = only_finding(decision, "program.eligible.format")
    assert (finding.outcome, finding.default) == (Outcome.NEEDS_REVIEW, "D11")
    assert finding.message == "The policy does not name the activity type 'peer coaching circle'; staff must review it."
    assert finding.facts == {"activity": "peer coaching circle"}


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
    with pytest.raises(InvalidInputError) as info:
        check_eligibility({"title": "x"})  # type: ignore[arg-type]
    assert str(info.value) == "program: expected a Program, got {'title': 'x'}"


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


def test_is_eligible_reads_a_policy_named_or_in_a_file_as_check_eligibility_does(tmp_path: Path) -> None:
    stricter = tmp_path / "stricter.toml"
    stricter.write_text(attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=7).to_toml(), encoding="utf-8")
    for policy, eligible in (("source", True), ("nasba-halves", True), (str(stricter), False), (stricter, False)):
        assert check_eligibility(workshop(), policy=policy).passed is eligible  # type: ignore[arg-type]
        assert is_eligible(workshop(), policy=policy) is eligible  # type: ignore[arg-type]
    assert is_eligible(workshop(), policy="no-such-policy") is False  # type: ignore[arg-type]
    assert is_eligible(workshop(), policy=42) is False  # type: ignore[arg-type]


# -- program.*, course.*, ceu.unit: invariants -------------------------------------------------


@given(program=programs(), policy=policies)
def test_eligibility_holds_under_policy_variants(program: Program, policy: Policy) -> None:
    decision = check_eligibility(program, policy=policy)
    assert decision.cited_clauses() <= set(CLAUSES)
