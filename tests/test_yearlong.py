"""Year-long programs: ``yearlong.semester``, ``yearlong.annual`` with D9, D10, D13."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ceurules import (
    DEFAULT_POLICY,
    CreditingRule,
    InvalidInputError,
    Outcome,
    Packet,
    Rounding,
    RuleNotInForceError,
    Term,
    Verdict,
    check_packet,
    load_program_file,
    packet_ceus,
    review_program_file,
    semester_batches,
)
from ceurules.locations import Location
from ceurules.program_files import load_program_text
from helpers import d
from strategies import meeting_lists

SCHOOL_YEAR_2026 = [
    "2026-07-21", "2026-08-18", "2026-09-15", "2026-10-20", "2026-11-17", "2026-12-10",
    "2027-01-19", "2027-02-16", "2027-03-16", "2027-04-20", "2027-05-18", "2027-06-15",
]  # fmt: skip


# -- yearlong.semester, D9, D10: batching meetings into packets ------------------------------------


def test_fall_and_spring_packets_of_2026_27() -> None:
    result = semester_batches([d(x) for x in SCHOOL_YEAR_2026])
    fall, spring = result.batches
    assert (fall.term, fall.school_year, fall.due, fall.issued, fall.clause) == (
        "fall",
        2026,
        d("2026-12-31"),
        d("2026-12-01"),
        "yearlong.semester",
    )
    assert fall.meetings == tuple(d(x) for x in SCHOOL_YEAR_2026[1:6])
    assert (spring.term, spring.due, spring.issued) == ("spring", d("2027-06-30"), d("2027-06-01"))
    assert (fall.issued_text, fall.issue_month) == ("2026-12", (d("2026-12-01"), d("2026-12-31")))
    assert fall.to_dict()["issued"] == "2026-12"
    assert len(spring.meetings) == 6
    assert fall.label == "fall 2026-27"


def test_july_meetings_are_reported_not_batched_d9() -> None:
    result = semester_batches([d("2026-07-21"), d("2026-08-18")])
    assert [u.meeting for u in result.unbatched] == [d("2026-07-21")]
    assert "July lies in no term" in result.unbatched[0].reason
    assert result.batch_of(d("2026-07-21")) is None
    assert result.batch_of(d("2026-08-18")) is result.batches[0]
    assert "not batched: 2026-07-21" in str(result)


def test_batching_across_the_2016_change_in_words() -> None:
    meetings = [d(x) for x in ("2015-09-08", "2016-06-30", "2016-07-01", "2016-08-02", "2016-12-31", "2017-01-02")]
    assert str(semester_batches(meetings)).splitlines() == [
        "year 2015-16: 2 meeting(s) 2015-09-08..2016-06-30, due 2016-06-30, credit issued 2016-06 (yearlong.annual)",
        "fall 2016-17: 2 meeting(s) 2016-08-02..2016-12-31, due 2016-12-31, credit issued 2016-12 (yearlong.semester)",
        "spring 2016-17: 1 meeting(s) 2017-01-02..2017-01-02, due 2017-06-30, credit issued 2017-06 "
        "(yearlong.semester)",
        "not batched: 2016-07-01: July lies in no term of the rule in force (its version from 2016-07-01) "
        "(yearlong.semester, D9)",
    ]


def test_a_policy_that_folds_july_into_fall_is_data() -> None:
    fold = CreditingRule(
        clause="yearlong.semester",
        effective=d("2016-07-01"),
        terms=(
            Term(name="fall", months=(7, 8, 9, 10, 11, 12), issued_month=12),
            Term(name="spring", months=(1, 2, 3, 4, 5, 6), issued_month=6),
        ),
    )
    rules = (DEFAULT_POLICY.crediting_rules[0], fold)
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=rules)
    result = semester_batches([d("2026-07-21"), d("2026-08-18")], policy=policy)
    assert result.unbatched == ()
    assert result.batches[0].meetings == (d("2026-07-21"), d("2026-08-18"))


def test_batching_answers_in_full() -> None:
    result = semester_batches([d("2026-07-21"), d("2026-08-18"), d("2026-09-15"), d("2027-01-19")])
    assert result.to_dict() == {
        "batches": [
            {
                "term": "fall",
                "school_year": 2026,
                "meetings": ["2026-08-18", "2026-09-15"],
                "due": "2026-12-31",
                "issued": "2026-12",
                "clause": "yearlong.semester",
            },
            {
                "term": "spring",
                "school_year": 2026,
                "meetings": ["2027-01-19"],
                "due": "2027-06-30",
                "issued": "2027-06",
                "clause": "yearlong.semester",
            },
        ],
        "unbatched": [
            {
                "meeting": "2026-07-21",
                "reason": "July lies in no term of the rule in force (its version from 2016-07-01)",
                "clause": "yearlong.semester",
                "default": "D9",
            },
        ],
    }
    assert [(f.outcome, f.clause, f.default, f.message, f.facts) for f in result.findings] == [
        (
            Outcome.NOTE,
            "yearlong.semester",
            "D10",
            "The fall 2026-27 packet takes 2 meeting(s), is due 2026-12-31, credit issued 2026-12.",
            {"meetings": [d("2026-08-18"), d("2026-09-15")], "due": d("2026-12-31")},
        ),
        (
            Outcome.NOTE,
            "yearlong.semester",
            "D10",
            "The spring 2026-27 packet takes 1 meeting(s), is due 2027-06-30, credit issued 2027-06.",
            {"meetings": [d("2027-01-19")], "due": d("2027-06-30")},
        ),
        (
            Outcome.NOTE,
            "yearlong.semester",
            "D9",
            "2026-07-21: July lies in no term of the rule in force (its version from 2016-07-01).",
            {},
        ),
    ]
    assert str(result).splitlines()[1] == (
        "spring 2026-27: 1 meeting(s) 2027-01-19..2027-01-19, due 2027-06-30, credit issued 2027-06 (yearlong.semester)"
    )
    assert result.batches[1].issue_month == (d("2027-06-01"), d("2027-06-30"))


# -- yearlong.annual, D13: the rule in force on the meeting's date ---------------------------------


def test_before_july_2016_one_packet_per_school_year() -> None:
    meetings = [d("2015-07-14"), d("2015-10-13"), d("2016-02-09"), d("2016-06-14")]
    (batch,) = semester_batches(meetings).batches
    assert (batch.term, batch.school_year, batch.due, batch.clause) == (
        "year",
        2015,
        d("2016-06-30"),
        "yearlong.annual",
    )
    assert batch.meetings == tuple(meetings)


def test_meetings_straddling_2016_07_01_use_the_rule_of_their_own_date() -> None:
    result = semester_batches([d("2016-06-30"), d("2016-07-01"), d("2016-08-02"), d("2017-01-10")])
    summary = [(b.clause, b.term, b.school_year, b.meetings) for b in result.batches]
    assert summary == [
        ("yearlong.annual", "year", 2015, (d("2016-06-30"),)),
        ("yearlong.semester", "fall", 2016, (d("2016-08-02"),)),
        ("yearlong.semester", "spring", 2016, (d("2017-01-10"),)),
    ]
    assert [u.meeting for u in result.unbatched] == [d("2016-07-01")]  # July under the semester rule


def test_before_any_rule_version_is_a_clear_error() -> None:
    dated = attrs.evolve(DEFAULT_POLICY.crediting_rules[0], effective=d("1970-07-01"))
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(dated, DEFAULT_POLICY.crediting_rules[1]))
    with pytest.raises(RuleNotInForceError, match="1970-07-01"):
        semester_batches([d("1969-12-01")], policy=policy)


def test_a_future_rule_version_is_a_data_change() -> None:
    quarters = CreditingRule(
        clause="yearlong.semester",
        effective=d("2027-07-01"),
        terms=(
            Term(name="q1", months=(7, 8, 9), issued_month=9),
            Term(name="q2", months=(10, 11, 12), issued_month=12),
            Term(name="q3", months=(1, 2, 3), issued_month=3),
            Term(name="q4", months=(4, 5, 6), issued_month=6),
        ),
    )
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(*DEFAULT_POLICY.crediting_rules, quarters))
    result = semester_batches([d("2027-06-15"), d("2027-08-17"), d("2027-11-16")], policy=policy)
    assert [(b.term, b.due) for b in result.batches] == [
        ("spring", d("2027-06-30")),
        ("q1", d("2027-09-30")),
        ("q2", d("2027-12-31")),
    ]


# -- yearlong.semester: input and invariants of batching -------------------------------------------


def test_duplicate_meeting_dates_are_an_error() -> None:
    with pytest.raises(InvalidInputError, match=r"meeting_dates\[1\]"):
        semester_batches([d("2026-09-15"), d("2026-09-15")])


def test_rule_versions_must_have_distinct_dates_and_terms_distinct_months() -> None:
    with pytest.raises(InvalidInputError, match="distinct effective dates"):
        attrs.evolve(DEFAULT_POLICY, crediting_rules=DEFAULT_POLICY.crediting_rules * 2)
    with pytest.raises(InvalidInputError, match="share no month"):
        CreditingRule(
            clause="yearlong.semester",
            effective=d("2030-07-01"),
            terms=(Term(name="a", months=(1, 2), issued_month=2), Term(name="b", months=(2, 3), issued_month=3)),
        )
    with pytest.raises(InvalidInputError, match="month number"):
        Term(name="x", months=(13,), issued_month=1)


@given(meetings=meeting_lists)
@example(meetings=[d("2016-06-30"), d("2016-07-01")])
@example(meetings=[d("2026-12-31"), d("2027-01-01")])
def test_batching_partitions_its_input(meetings: list[dt.date]) -> None:
    result = semester_batches(meetings)
    placed = [m for b in result.batches for m in b.meetings] + [u.meeting for u in result.unbatched]
    assert sorted(placed) == sorted(meetings)
    assert len(placed) == len(set(placed))


@given(meetings=meeting_lists)
def test_each_meeting_goes_where_its_own_rule_says(meetings: list[dt.date]) -> None:
    result = semester_batches(meetings)
    for batch in result.batches:
        assert batch.due >= batch.meetings[-1]
        assert list(batch.meetings) == sorted(batch.meetings)
        for meeting in batch.meetings:
            rule = DEFAULT_POLICY.crediting_rule_on(meeting)
            term = rule.term_of(meeting.month)
            assert rule.clause == batch.clause
            assert term is not None and term.name == batch.term
    for item in result.unbatched:
        assert DEFAULT_POLICY.crediting_rule_on(item.meeting).term_of(item.meeting.month) is None


# -- packets -------------------------------------------------------------------------------------

FALL = semester_batches([d("2026-08-18"), d("2026-09-15")]).batches[0]
COMPLETE = Packet(
    sign_ins={"2026-08-18": ["Ana", "Bo"], "2026-09-15": ["Ana"]},
    applications=["Ana", "Bo"],
    evaluations=["Ana", "Bo"],
    submitted="2026-12-18",
)


def test_complete_packet_on_time_passes() -> None:
    decision = check_packet(COMPLETE, FALL)
    assert decision.verdict is Verdict.PASS
    assert "on or before the due date 2026-12-31" in str(decision)


def test_packet_names_every_missing_piece() -> None:
    packet = Packet(sign_ins={"2026-08-18": ["Ana", "Bo"]}, applications=["Ana"], evaluations=[])
    decision = check_packet(packet, FALL)
    assert decision.verdict is Verdict.FAIL
    assert decision.findings[0].facts["missing"] == [
        "the sign-in sheet of 2026-09-15",
        "the CEU application of Bo",
        "the evaluation form of Ana",
        "the evaluation form of Bo",
    ]
    assert decision.findings[0].message == (
        "The fall 2026-27 packet is incomplete; missing: the sign-in sheet of 2026-09-15; the CEU application of Bo; "
        "the evaluation form of Ana; the evaluation form of Bo."
    )


def test_forms_of_someone_on_no_sheet_of_the_packet_need_review() -> None:
    # "Jordon" signed no sheet: a misspelt name or a form of another packet; Ana's and Bo's pieces are all there
    packet = attrs.evolve(COMPLETE, applications=["Ana", "Bo", "Jordon"], evaluations=["Ana", "Bo", "Cy", "Jordon"])
    decision = check_packet(packet, FALL)
    assert decision.verdict is Verdict.NEEDS_REVIEW
    stray = [f for f in decision.findings if f.outcome is Outcome.NEEDS_REVIEW]
    assert [(f.clause, f.message, f.facts) for f in stray] == [
        (
            "yearlong.semester",
            "The fall 2026-27 packet holds the CEU application of Jordon, who signed none of its sheets "
            "(a misspelt name, or a form for another packet?).",
            {"about": "applications", "names": ["Jordon"], "near": []},
        ),
        (
            "yearlong.semester",
            "The fall 2026-27 packet holds the evaluation forms of Cy, Jordon, who signed none of its sheets "
            "(a misspelt name, or a form for another packet?).",
            {"about": "evaluations", "names": ["Cy", "Jordon"], "near": []},
        ),
    ]
    assert check_packet(COMPLETE, FALL).verdict is Verdict.PASS  # everyone's forms match a sheet
    sheets = {"2026-08-18": ["Ben Okafor", "Ana Ruiz"], "2026-09-15": ["Ana Ruiz"]}
    misspelt = Packet(sign_ins=sheets, applications=["Ana Ruiz", "Ben Okafur", "Ana Ruis", "Zed"])
    (near,) = [f for f in check_packet(misspelt, FALL).findings if f.outcome is Outcome.NEEDS_REVIEW]
    assert (near.facts["names"], near.facts["near"]) == (["Ana Ruis", "Ben Okafur", "Zed"], ["Ana Ruiz", "Ben Okafor"])
    assert near.message.endswith("another packet?); the sheets show Ana Ruiz, Ben Okafor.")


def test_a_name_on_no_sheet_is_matched_to_the_closest_sheet_name_only_and_only_when_close() -> None:
    sheets = {"2026-08-18": ["Ana Ruiz", "Ana Rui"], "2026-09-15": ["Ana Ruiz", "Ana Rui"]}
    for stray, near in (("Ana Ruis", ["Ana Rui"]), ("Anna R", [])):  # 0.93 and 0.875 alike; 0.71 to Ana Ruiz
        signed = ["Ana Ruiz", "Ana Rui"]
        packet = Packet(sign_ins=sheets, applications=[*signed, stray], evaluations=signed)
        (finding,) = [f for f in check_packet(packet, FALL).findings if f.outcome is Outcome.NEEDS_REVIEW]
        assert finding.facts["near"] == near


def test_packet_past_due_as_of_a_day_fails() -> None:
    packet = Packet(sign_ins={"2026-08-18": ["Ana"], "2026-09-15": ["Ana"]}, applications=["Ana"], evaluations=["Ana"])
    assert check_packet(packet, FALL, as_of=d("2026-12-31")).verdict is Verdict.PASS
    late = check_packet(packet, FALL, as_of=d("2027-01-01"))
    assert late.verdict is Verdict.FAIL
    assert any(f.outcome is Outcome.NOT_MET and "Past due" in f.message for f in late.findings)
    submitted_late = check_packet(attrs.evolve(packet, submitted="2027-01-04"), FALL)
    assert submitted_late.verdict is Verdict.FAIL


def test_a_packet_check_answers_in_full() -> None:
    packet = Packet(
        sign_ins={"2026-08-18": ["Ana", "Bo"], "2026-09-15": ["Ana"], "2027-01-19": ["Bo"]},
        applications=["Ana", "Bo"],
        evaluations=["Ana"],
        submitted="2027-01-04",
    )
    contents = (
        Outcome.NOT_MET,
        None,
        "The fall 2026-27 packet is incomplete; missing: the evaluation form of Bo.",
        {
            "meetings": [d("2026-08-18"), d("2026-09-15")],
            "participants": ["Ana", "Bo"],
            "missing": ["the evaluation form of Bo"],
        },
    )
    outside = (
        Outcome.NOT_MET,
        None,
        "Sign-in sheets for meetings outside this packet: 2027-01-19.",
        {"outside": [d("2027-01-19")]},
    )
    before = check_packet(packet, FALL, as_of=d("2027-01-03"))
    assert (before.topic, before.subject) == ("credit packet", "fall 2026-27")
    assert {f.clause for f in before.findings} == {"yearlong.semester"}
    assert [(f.outcome, f.default, f.message, f.facts) for f in before.findings] == [
        contents,
        outside,
        (
            Outcome.NOTE,
            "D10",
            "Submitted on 2027-01-04, after the day of the check (2027-01-03): counted as not yet in.",
            {"about": "submitted", "field": "submitted", "value": d("2027-01-04"), "as_of": d("2027-01-03")},
        ),
        (
            Outcome.NOT_MET,
            "D10",
            "Past due: the packet was due 2026-12-31 and is not submitted as of 2027-01-03.",
            {"due": d("2026-12-31"), "submitted": None, "as_of": d("2027-01-03")},
        ),
    ]
    after = check_packet(packet, FALL, as_of=d("2027-01-05"))
    assert [(f.outcome, f.default, f.message, f.facts) for f in after.findings] == [
        contents,
        outside,
        (
            Outcome.NOT_MET,
            "D10",
            "Submitted 2027-01-04, after the due date 2026-12-31.",
            {"due": d("2026-12-31"), "submitted": d("2027-01-04"), "as_of": d("2027-01-05")},
        ),
        (
            Outcome.NOTE,
            "D14",
            "Credit is expected between 2027-01-04 and 2027-01-19: in the issue month 2026-12, "
            "or by the 10th business day after the packet arrived, whichever is later.",
            {"arrived": d("2027-01-04"), "issued": "2026-12", "earliest": d("2027-01-04"), "latest": d("2027-01-19")},
        ),
    ]


def test_a_complete_packet_in_on_its_due_date_answers_in_full() -> None:
    packet = attrs.evolve(COMPLETE, submitted="2026-12-31")
    contents = (
        Outcome.MET,
        None,
        "The fall 2026-27 packet holds a sign-in sheet for each of 2 meeting(s) and an "
        "application and evaluation form for each of 2 participant(s).",
        {"meetings": [d("2026-08-18"), d("2026-09-15")], "participants": ["Ana", "Bo"], "missing": []},
    )
    assert [(f.outcome, f.default, f.message, f.facts) for f in check_packet(packet, FALL).findings] == [
        contents,
        (
            Outcome.MET,
            "D10",
            "Submitted 2026-12-31, on or before the due date 2026-12-31.",
            {"due": d("2026-12-31"), "submitted": d("2026-12-31"), "as_of": None},
        ),
        (
            Outcome.NOTE,
            "D14",
            "Credit is expected between 2026-12-31 and 2027-01-15: in the issue month 2026-12, "
            "or by the 10th business day after the packet arrived, whichever is later.",
            {"arrived": d("2026-12-31"), "issued": "2026-12", "earliest": d("2026-12-31"), "latest": d("2027-01-15")},
        ),
    ]
    day_before = check_packet(packet, FALL, as_of=d("2026-12-30")).findings
    assert [(f.outcome, f.message) for f in day_before[1:]] == [
        (Outcome.NOTE, "Submitted on 2026-12-31, after the day of the check (2026-12-30): counted as not yet in."),
        (Outcome.NOTE, "Due 2026-12-31; credit is issued in 2026-12."),
    ]


@pytest.mark.parametrize(
    ("days", "ordinal"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
    ],
)
def test_the_d14_bound_is_written_as_an_ordinal(days: int, ordinal: str) -> None:
    packet = Packet(sign_ins={"2026-08-18": ["Ana"], "2026-09-15": ["Ana"]}, submitted="2026-12-18")
    policy = attrs.evolve(DEFAULT_POLICY, packet_credit_business_days=days)
    expected = check_packet(packet, FALL, policy=policy).findings[-1]
    assert f"or by the {ordinal} business day after the packet arrived" in expected.message


def test_sheet_for_a_meeting_outside_the_packet_fails() -> None:
    packet = Packet(sign_ins={"2026-08-18": ["Ana"], "2026-09-15": ["Ana"], "2027-01-19": ["Ana"]},
                    applications=["Ana"], evaluations=["Ana"])  # fmt: skip
    assert "outside this packet: 2027-01-19" in str(check_packet(packet, FALL))
    two_more = Packet(sign_ins={"2026-07-21": ["Ana"], "2026-08-18": ["Ana"], "2027-01-19": ["Ana"]})
    (outside,) = [f for f in check_packet(two_more, FALL).findings if "outside" in f.facts]
    assert (outside.outcome, outside.clause, outside.default, outside.message, outside.facts) == (
        Outcome.NOT_MET,
        "yearlong.semester",
        None,
        "Sign-in sheets for meetings outside this packet: 2026-07-21, 2027-01-19.",
        {"outside": [d("2026-07-21"), d("2027-01-19")]},
    )


def test_participant_ceus_come_from_the_meetings_they_signed_in_to() -> None:
    packet = Packet(sign_ins={"2026-08-18": ["Ana", "Bo"], "2026-09-15": ["Ana"]})
    # 90-minute meetings: Ana 180 minutes = 0.3 CEU, Bo 90 minutes = 0.15 -> 0.2 (half up)
    assert packet_ceus(packet, dt.timedelta(minutes=90)) == {"Ana": Decimal("0.3"), "Bo": Decimal("0.2")}
    with pytest.raises(InvalidInputError, match="meeting_time"):
        packet_ceus(packet, dt.timedelta(minutes=-5))
    with pytest.raises(InvalidInputError, match="meeting_time: expected a timedelta such as timedelta"):
        packet_ceus(packet, 90)  # type: ignore[arg-type]


def test_packet_input_errors() -> None:
    with pytest.raises(InvalidInputError, match="sign_ins"):
        Packet(sign_ins=["2026-08-18"])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="sign_ins"):
        Packet(sign_ins={"2026-08-18": ["Ana"], dt.date(2026, 8, 18): ["Bo"]})  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="applications"):
        Packet(applications="Ana")


def test_batching_displays_as_a_table_in_notebooks() -> None:
    result = semester_batches([d("2026-07-21"), d("2026-08-18"), d("2026-09-15")])
    markdown = result._repr_markdown_()
    assert (
        "| fall 2026-27 | 2: 2026-08-18 .. 2026-09-15 | 2026-12-31 | 2026-12 | `yearlong.semester` (D10) |  |"
        in markdown
    )
    assert "| not in a packet | 2026-07-21 |" in markdown
    html = result._repr_html_()
    left = '<td style="text-align:left">'
    assert f"{left}fall 2026-27</td>{left}2: 2026-08-18 .. 2026-09-15</td>{left}2026-12-31</td>" in html
    assert result.to_dict()["unbatched"] == [
        {
            "meeting": "2026-07-21",
            "reason": "July lies in no term of the rule in force (its version from 2016-07-01)",
            "clause": "yearlong.semester",
            "default": "D9",
        }
    ]


def test_packet_ceus_follow_the_policy_and_allow_zero_minutes() -> None:
    packet = Packet(sign_ins={"2026-08-18": ["Ana"], "2026-09-15": ["Ana"]})
    down = attrs.evolve(DEFAULT_POLICY, ceu_rounding=Rounding.DOWN)
    three_quarters = dt.timedelta(minutes=45)
    assert packet_ceus(packet, three_quarters) == {"Ana": Decimal("0.2")}  # 90 minutes = 0.15 -> 0.2
    assert packet_ceus(packet, three_quarters, policy=down) == {"Ana": Decimal("0.1")}
    assert packet_ceus(packet, dt.timedelta(0)) == {"Ana": Decimal("0.0")}


def test_a_term_that_starts_the_school_year_is_due_that_year() -> None:
    summer = CreditingRule(
        clause="yearlong.semester",
        effective=d("2030-07-01"),
        terms=(
            Term(name="summer", months=(7,), issued_month=7),
            Term(name="fall", months=(8, 9, 10, 11, 12), issued_month=12),
            Term(name="spring", months=(1, 2, 3, 4, 5, 6), issued_month=6),
        ),
    )
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(*DEFAULT_POLICY.crediting_rules, summer))
    (batch,) = semester_batches([d("2030-07-16")], policy=policy).batches
    assert (batch.term, batch.school_year, batch.due) == ("summer", 2030, d("2030-07-31"))
    assert batch.issued == d("2030-07-01")


def test_batching_renders_exactly() -> None:
    result = semester_batches([d("2026-07-21"), d("2026-08-18"), d("2026-09-01"), d("2026-09-15")])
    markdown = result._repr_markdown_()
    assert markdown.split("\n\nClauses and defaults cited:")[0] == (
        "**Credit packets of a year-long program**\n\n"
        "| packet | meetings | due | credit issued | clause | note |\n"
        "|:---|:---|:---|:---|:---|:---|\n"
        "| fall 2026-27 | 3: 2026-08-18 .. 2026-09-15 | 2026-12-31 | 2026-12 | `yearlong.semester` (D10) |  |\n"
        "| not in a packet | 2026-07-21 |  |  | `yearlong.semester` (D9) | July lies in no term of the rule in force "
        "(its version from 2016-07-01) |"
    )
    d9 = "- `D9`: Meetings of a year-long program in a month no term takes (July) are reported as not batched."
    assert d9 in markdown
    html = result._repr_html_()
    assert html.startswith('<p style="text-align:left"><strong>Credit packets of a year-long program</strong></p>')
    d10 = "A semester packet is due on the last calendar day of the semester&#x27;s last month."
    assert f'<code title="{d10}">D10</code>' in html


def test_batching_and_packet_checks_explain_in_the_answering_policy_s_words() -> None:
    wait = "Summer meetings wait for fall."
    reworded = attrs.evolve(DEFAULT_POLICY, texts={"D9": wait})
    html = semester_batches([d("2026-07-21")], policy=reworded)._repr_html_()
    assert f'(<code title="{wait}">D9</code>)</td>' in html
    assert f"<li><code>D9</code>: {wait}</li>" in html
    due = "Packets are due when the term ends."
    decision = check_packet(COMPLETE, FALL, policy=attrs.evolve(DEFAULT_POLICY, texts={"D10": due}))
    assert f"- `D10`: {due}" in decision._repr_markdown_()


# -- yearlong.semester, D16: invariants --------------------------------------------------------


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


# -- yearlong.semester: a file's packet for a term without meetings ----------------------------


def test_file_review_reports_a_packet_for_a_term_without_meetings() -> None:
    pf = load_program_file(
        {
            "title": "PLC",
            "activity": "educational training",
            "year_long": True,
            "offering_dates": ["2026-09-15"],
            "packets": [{"term": "spring", "school_year": 2026}],
        }
    )
    report = review_program_file(pf)
    packet = [dec for dec in report.decisions if dec.topic == "credit packet"]
    assert [dec.subject for dec in packet] == ["spring 2026-27"]
    assert "no meeting falls in that term" in str(report)
    assert report.ceus == Decimal("0.0")


def test_a_file_s_packet_application_of_a_name_on_no_sheet_is_placed_at_the_packet_s_applications() -> None:
    with open("docs/examples/plc-yearlong.ceu.toml", encoding="utf-8") as file:
        text = file.read()
    misspelt = text.replace('applications = ["Ana Ruiz", "Ben Okafor"]', 'applications = ["Ana Ruiz", "Ben Okafur"]', 1)
    assert misspelt != text
    pf = load_program_text(misspelt, name="plc.ceu.toml", json_format=False)
    report = review_program_file(pf, as_of=d("2027-01-20"))
    assert report.verdict is Verdict.FAIL  # Ben's own application is missing from the packet
    review = [(path, where) for _, f, path, where in report.located() if f.outcome is Outcome.NEEDS_REVIEW]
    assert review == [("packets[0].applications", Location(51, 16))]
    (without,) = [(f.message, path, where) for _, f, path, where in report.located() if "went in" in f.message]
    assert without == (
        "The fall 2026-27 packet went in on 2026-12-18 without this application (it lists Ana Ruiz, Ben Okafur); "
        "it was due 2026-12-31.",
        "packets[0].applications",  # in Ben's application's decision, placed where his name would be mended
        Location(51, 16),
    )
    said = "the CEU application of Ben Okafur, who signed none of its sheets (a misspelt name, or a form for another "
    assert f"{said}packet?); the sheets show Ben Okafor." in str(report)
