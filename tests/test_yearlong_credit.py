"""A year-long participant's credit runs through the packet (D14), with D13, D16 and terms in any order."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ceurules
from ceurules import (
    DEFAULT_POLICY,
    ActivityType,
    Attendance,
    CourseCriteria,
    CreditApplication,
    CreditingRule,
    InvalidInputError,
    Outcome,
    Packet,
    PacketEntry,
    PacketStanding,
    Payment,
    Policy,
    Program,
    RuleNotInForceError,
    Segment,
    Status,
    Term,
    Verdict,
    YearLong,
    application_summaries,
    check_credit_application,
    check_eligibility,
    check_packet,
    credit_expected,
    credit_status,
    load_program_file,
    packet_rule,
    packet_standing,
    participant_ceus,
    review_program_file,
    semester_batches,
)
from ceurules.cli import main
from ceurules.yearlong import packet_findings, status_finding
from helpers import assert_finding, d

SCENARIO = Path(__file__).parent / "files" / "yearlong-fall-packet.ceu.toml"
FALL_MEETINGS = ["2026-08-13", "2026-09-10", "2026-12-10"]


def app(name: str, *attended: str, submitted: str | None = None, issued: str | None = None) -> CreditApplication:
    return CreditApplication(
        attendance=Attendance(participant=name, dates=[d(x) for x in attended]),
        submitted=submitted,
        payment=Payment(paid=submitted) if submitted else None,
        issued=issued,
    )


def packets(*entries: tuple[str, int, str | None, list[str]]) -> YearLong:
    return YearLong(
        packets=[
            PacketEntry(term=term, school_year=year, packet=Packet(applications=names, submitted=submitted))
            for term, year, submitted, names in entries
        ]
    )


FALL_IN = packets(("fall", 2026, "2026-12-18", ["A"]))
A = app("A", "2026-08-13", "2026-09-10", submitted="2026-12-18")


# --- yearlong.semester, credit.record, D14: the year-long path, end to end ------------------------------------------


def test_scenario_file_gives_the_application_on_time_in_the_fall_packet() -> None:
    report = review_program_file(load_program_file(SCENARIO), as_of=d("2026-12-20"))
    assert report.passed(), str(report)
    decision = next(x for x in report.decisions if x.topic == "credit application")
    assert decision.verdict is Verdict.PASS
    assert_finding(decision, "yearlong.semester", Outcome.MET, says="on or before its due date 2026-12-31")
    assert_finding(
        decision, "yearlong.semester", Outcome.NOTE, says="In the fall 2026-27 packet, credit expected by 2027-01-05"
    )
    assert not [f for f in decision.findings if f.clause in ("credit.window", "credit.processing")]
    assert (str(report.ceus), report.per) == ("0.6", "full packet")


def test_scenario_file_passes_ceurules_check() -> None:
    import io

    out = io.StringIO()
    code = main(
        ["check", str(SCENARIO), "--today", "2026-12-20"], stdout=out, stderr=io.StringIO(), stdin=io.StringIO()
    )
    assert code == 0, out.getvalue()
    assert "credit.window" not in out.getvalue()


def test_every_credit_answer_follows_the_packet() -> None:
    as_of = d("2026-12-20")
    status = credit_status(A, as_of=as_of, year_long=FALL_IN)
    assert status.status is Status.IN_PACKET
    assert status.window is not None and (status.window.start, status.window.latest) == (
        d("2026-12-18"),
        d("2027-01-05"),
    )
    (summary,) = application_summaries([A], as_of=as_of, year_long=FALL_IN)
    assert summary == ("A", d("2026-12-31"), True, d("2026-12-18"), d("2027-01-05"), Status.IN_PACKET, "fall 2026-27")
    # The same application without the year-long context would be judged by the 30-day window.
    assert application_summaries([A], as_of=as_of)[0].on_time is False


def test_d14_date_is_the_later_of_the_issue_month_and_ten_business_days() -> None:
    fall = semester_batches([d("2026-09-10")]).batches[0]
    assert credit_expected(fall, d("2026-11-20")) == (d("2026-12-01"), d("2026-12-31"))
    # 2026-12-18 is a Friday; the 10th business day after, skipping Christmas and New Year's Day:
    assert credit_expected(fall, d("2026-12-18")) == (d("2026-12-18"), d("2027-01-05"))
    # Arriving on a Saturday counts from the Monday (as D2).
    assert credit_expected(fall, d("2026-12-19"))[1] == credit_expected(fall, d("2026-12-21"))[1]


def test_a_packet_and_an_issue_date_after_as_of_are_not_yet_in() -> None:
    """Fall packet submitted 2026-12-18, certificate issued 2027-01-04: as of 2026-12-15 the packet is not in yet
    (not yet in a packet, no credit expected), and the packet check and the application's check say each later
    date, counted as not yet in; as of 2026-12-20 the packet is in, the certificate not yet issued."""
    fall = semester_batches([d(x) for x in FALL_MEETINGS]).batches[0]
    packet = Packet(applications=["A"], submitted="2026-12-18")
    early = check_packet(packet, fall, as_of=d("2026-12-15"))
    assert [(f.outcome, f.message) for f in early.findings if "2026-12-18" in f.message or "Due" in f.message] == [
        (Outcome.NOTE, "Submitted on 2026-12-18, after the day of the check (2026-12-15): counted as not yet in."),
        (Outcome.NOTE, "Due 2026-12-31; credit is issued in 2026-12."),
    ]
    assert "Credit is expected" not in str(early)
    assert "Submitted 2026-12-18, on or before the due date 2026-12-31." in str(check_packet(packet, fall))
    issued = attrs.evolve(A, issued=d("2027-01-04"))
    status = credit_status(issued, as_of=d("2026-12-15"), year_long=FALL_IN)
    assert (status.status, status.window) == (Status.NOT_IN_PACKET, None)
    later = check_credit_application(issued, approval=None, as_of=d("2026-12-20"), year_long=FALL_IN)
    (note,) = [f for f in later.findings if "day of the check" in f.message]
    assert note.message == "Issued on 2027-01-04, after the day of the check (2026-12-20): counted as not yet in."
    assert (note.clause, note.default, note.facts["about"]) == ("yearlong.semester", "D14", "issued")
    assert credit_status(issued, as_of=d("2026-12-20"), year_long=FALL_IN).status is Status.IN_PACKET
    assert credit_status(issued, as_of=d("2027-01-04"), year_long=FALL_IN).status is Status.ISSUED


# --- status answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "year_long", "issued", "status", "says"),
    [
        ("2026-12-17", FALL_IN, None, Status.NOT_IN_PACKET, "Not yet in a packet"),
        ("2026-12-18", FALL_IN, None, Status.IN_PACKET, "credit expected by 2027-01-05"),
        ("2027-01-05", FALL_IN, None, Status.IN_PACKET, "credit expected by 2027-01-05"),
        ("2027-01-06", FALL_IN, None, Status.OVERDUE, "Overdue: credit from the fall 2026-27 packet"),
        ("2027-01-06", FALL_IN, "2026-12-22", Status.ISSUED, "issued on 2026-12-22"),
        ("2027-03-01", YearLong(), None, Status.NOT_IN_PACKET, "In no packet: the fall 2026-27 packet was due"),
    ],
)
def test_status_answers(as_of: str, year_long: YearLong, issued: str | None, status: Status, says: str) -> None:
    application = attrs.evolve(A, issued=issued)
    answer = credit_status(application, as_of=d(as_of), year_long=year_long)
    assert answer.status is status
    assert says in answer.finding.message
    (summary,) = application_summaries([application], as_of=d(as_of), year_long=year_long)
    assert summary.status is status


def test_an_issued_status_reads_the_registration_history_of_the_policy_given() -> None:
    """Before the registration history begins (here moved to 2030), an issued certificate cites the packet's clause."""
    issued = attrs.evolve(A, issued="2027-01-04")
    later = attrs.evolve(DEFAULT_POLICY, registration_history_from=d("2030-01-01"))
    facts = {"as_of": "2027-01-20", "earliest": "2026-12-18", "latest": "2027-01-05", "issued": "2027-01-04"}
    message = "The certificate was issued on 2027-01-04."
    expected = {"clause": "yearlong.semester", "outcome": "met", "message": message, "default": None, "facts": facts}
    answer = credit_status(issued, as_of=d("2027-01-20"), year_long=FALL_IN, policy=later)
    assert answer.to_dict()["findings"] == [expected]
    window = answer.window
    assert answer.policy == later.stamp and window is not None and window.policy == later.stamp
    assert (window.start, window.earliest, window.latest) == (d("2026-12-18"), d("2026-12-18"), d("2027-01-05"))
    assert (window.clause, window.default) == ("yearlong.semester", "D14")
    check = check_credit_application(issued, approval=None, as_of=d("2027-01-20"), year_long=FALL_IN, policy=later)
    assert check.findings[-1].to_dict() == expected


SIGNED = YearLong(
    packets=[
        PacketEntry(
            term="fall",
            school_year=2026,
            packet=Packet(
                sign_ins={"2026-08-13": ["A"], "2026-09-10": ["A", "B"]}, applications=["A"], submitted="2026-12-18"
            ),
        )
    ],
    meeting_time=dt.timedelta(minutes=90),
)
SEMESTER = ("yearlong.semester", "D14")
IN_FALL = [
    (
        Outcome.MET,
        *SEMESTER,
        "In the fall 2026-27 packet, submitted 2026-12-18, on or before its due date 2026-12-31.",
        {"packet": "fall 2026-27", "due": d("2026-12-31"), "arrived": d("2026-12-18")},
    ),
    (
        Outcome.MET,
        "credit.proof",
        "D16",
        "The packet's sign-in sheets show A at 2 meeting(s): 2026-08-13, 2026-09-10; 0.3 CEU for the packet.",
        {"signed_in": [d("2026-08-13"), d("2026-09-10")], "ceus": Decimal("0.3"), "about": "sign_ins"},
    ),
]
EXPECTED = {"earliest": d("2026-12-18"), "latest": d("2027-01-05")}
NOT_IN = {"earliest": None, "latest": None}
FALL_DUE = {"packet": "fall 2026-27", "due": d("2026-12-31"), "arrived": None}
NOT_YET = [
    (Outcome.NOTE, *SEMESTER, "The application goes in the fall 2026-27 packet, due 2026-12-31.", FALL_DUE),
    (Outcome.NOTE, *SEMESTER, "Not yet in a packet: the fall 2026-27 packet is due 2026-12-31.", NOT_IN),
]
PAST_DUE = [
    (
        Outcome.NOT_MET,
        *SEMESTER,
        "The fall 2026-27 packet was due 2026-12-31; as of 2027-01-01 the application is in no packet.",
        FALL_DUE,
    ),
    (Outcome.NOT_MET, *SEMESTER, "In no packet: the fall 2026-27 packet was due 2026-12-31.", NOT_IN),
]
BOTH = (
    Outcome.NOT_MET,
    *SEMESTER,
    "The attended meetings fall in the fall 2026-27 and spring 2026-27 packets; each "
    "packet takes its own CEU application.",
    {"packets": ["fall 2026-27", "spring 2026-27"]},
)
JULY = (
    Outcome.NOT_MET,
    "yearlong.semester",
    "D9",
    "No packet takes the attended meetings: 2026-07-13: July lies in "
    "no term of the rule in force (its version from 2016-07-01).",
    {"unbatched": [d("2026-07-13"), d("2027-07-10")]},
)
THREE_YEARS = ["2014-09-10", "2015-09-10", "2016-09-10"]
ACROSS_2016 = (  # three packets under two rule versions: the last packet's clause is cited
    Outcome.NOT_MET,
    *SEMESTER,
    "The attended meetings fall in the year 2014-15 and year 2015-16 and fall 2016-17 packets; each "
    "packet takes its own CEU application.",
    {"packets": ["year 2014-15", "year 2015-16", "fall 2016-17"]},
)
# before the registration history, an issued certificate cites the clause that waited for it: the last packet's
ISSUED_ACROSS_2016: tuple[object, ...] = (
    Outcome.MET,
    "yearlong.semester",
    None,
    "The certificate was issued on 2016-12-20.",
    {"as_of": d("2017-01-06"), **NOT_IN, "issued": d("2016-12-20")},
)
ISSUED = (
    Outcome.MET,
    "credit.record",
    None,
    "The certificate was issued on 2026-12-22 and shows in the registration history.",
    {**EXPECTED, "issued": d("2026-12-22")},
)


@pytest.mark.parametrize(
    ("attended", "issued", "year_long", "as_of", "says"),
    [
        (
            FALL_MEETINGS[:2],
            None,
            SIGNED,
            "2026-12-20",
            [
                *IN_FALL,
                (Outcome.NOTE, *SEMESTER, "In the fall 2026-27 packet, credit expected by 2027-01-05.", EXPECTED),
            ],
        ),
        (
            FALL_MEETINGS[:2],
            None,
            SIGNED,
            "2027-01-06",
            [
                *IN_FALL,
                (
                    Outcome.NOT_MET,
                    *SEMESTER,
                    "Overdue: credit from the fall 2026-27 packet was expected by 2027-01-05.",
                    EXPECTED,
                ),
            ],
        ),
        (FALL_MEETINGS[:2], "2026-12-22", SIGNED, "2027-01-06", [*IN_FALL, ISSUED]),
        (FALL_MEETINGS[:2], None, SIGNED, "2026-12-17", NOT_YET),
        (FALL_MEETINGS[:2], None, YearLong(), "2026-12-31", NOT_YET),
        (FALL_MEETINGS[:2], None, YearLong(), "2027-01-01", PAST_DUE),
        (["2026-08-13", "2027-02-10"], None, SIGNED, "2027-01-06", [BOTH, BOTH]),
        (["2026-07-13", "2027-07-10"], None, SIGNED, "2027-01-06", [JULY, JULY]),
        (THREE_YEARS, None, SIGNED, "2017-01-06", [ACROSS_2016, ACROSS_2016]),
        (THREE_YEARS, "2016-12-20", SIGNED, "2017-01-06", [ACROSS_2016, ISSUED_ACROSS_2016]),
    ],
    ids=[
        "in",
        "overdue",
        "issued",
        "sent later",
        "not in by the due date",
        "past due",
        "two packets",
        "july",
        "three packets across 2016",
        "issued across 2016",
    ],
)
def test_packet_and_status_findings_in_full(
    attended: list[str], issued: str | None, year_long: YearLong, as_of: str, says: list[tuple[object, ...]]
) -> None:
    """The packet findings and the status finding of a standing; the status finding of one packet adds as_of."""
    day = d(as_of)
    standing = packet_standing(
        "A", [d(x) for x in attended], None if issued is None else d(issued), year_long, as_of=day
    )
    found = [*packet_findings(standing, "A", as_of=day), status_finding(standing, as_of=day)]
    *packet_says, (outcome, clause, default, message, facts) = says
    status_facts = {"as_of": day, **facts} if standing.batch and isinstance(facts, dict) else facts
    expected = [*packet_says, (outcome, clause, default, message, status_facts)]
    assert [(f.outcome, f.clause, f.default, f.message, f.facts) for f in found] == expected


def test_a_late_packet_without_the_participant_s_sheet_and_the_registration_history() -> None:
    """A fall 2016 packet in on 2017-01-03, three days late, whose sheets do not show A; A's certificate, issued
    2017-01-10, shows in the registration history from 2017-07-01 on. B signed in; without the meeting time the
    packet says no CEUs."""
    packet = Packet(sign_ins={"2016-08-16": ["B"]}, applications=["A", "B"], submitted="2017-01-03")
    year_long = YearLong(packets=[PacketEntry(term="fall", school_year=2016, packet=packet)])
    facts = {"earliest": d("2017-01-03"), "latest": d("2017-01-18"), "issued": d("2017-01-10")}
    for as_of, clause, shows in [
        ("2017-06-30", "yearlong.semester", ""),
        ("2017-07-01", "credit.record", " and shows in the registration history"),
    ]:
        standing = packet_standing("A", [d("2016-08-16")], d("2017-01-10"), year_long, as_of=d(as_of))
        assert (standing.status, standing.on_time, standing.signed_in, standing.ceus) == (
            Status.ISSUED,
            False,
            (),
            None,
        )
        found = [*packet_findings(standing, "A", as_of=d(as_of)), status_finding(standing, as_of=d(as_of))]
        assert [(f.outcome, f.clause, f.default, f.message, f.facts) for f in found] == [
            (
                Outcome.NOT_MET,
                "yearlong.semester",
                "D14",
                "In the fall 2016-17 packet, submitted 2017-01-03, after its due date 2016-12-31.",
                {"packet": "fall 2016-17", "due": d("2016-12-31"), "arrived": d("2017-01-03")},
            ),
            (
                Outcome.NOT_MET,
                "credit.proof",
                "D16",
                "No sign-in sheet of the fall 2016-17 packet shows A.",
                {"signed_in": [], "ceus": None, "about": "sign_ins"},
            ),
            (
                Outcome.MET,
                clause,
                None,
                f"The certificate was issued on 2017-01-10{shows}.",
                {"as_of": d(as_of), **facts},
            ),
        ]
    signed = packet_standing("B", [d("2016-08-16")], None, year_long, as_of=None)  # no meeting time: no CEUs
    (_, proof) = packet_findings(signed, "B", as_of=None)
    assert (proof.message, proof.facts) == (
        "The packet's sign-in sheets show B at 1 meeting(s): 2016-08-16.",
        {"signed_in": [d("2016-08-16")], "ceus": None, "about": "sign_ins"},
    )


def test_a_packet_submitted_on_its_due_date_is_on_time_and_one_day_after_is_late() -> None:
    on_due = packets(("fall", 2026, "2026-12-31", ["A"]))
    late = packets(("fall", 2026, "2027-01-01", ["A"]))
    ok = check_credit_application(A, approval=None, as_of=d("2027-01-04"), year_long=on_due)
    assert_finding(ok, "yearlong.semester", Outcome.MET, says="submitted 2026-12-31, on or before its due date")
    bad = check_credit_application(A, approval=None, as_of=d("2027-01-04"), year_long=late)
    assert_finding(
        bad, "yearlong.semester", Outcome.NOT_MET, says="submitted 2027-01-01, after its due date 2026-12-31"
    )
    summaries = application_summaries([A, A], as_of=d("2027-01-04"), year_long=on_due)
    assert [s.on_time for s in summaries] == [True, True]
    assert application_summaries([A], as_of=d("2027-01-04"), year_long=late)[0].on_time is False


def test_a_term_s_packet_that_went_in_without_the_application_says_so_and_whom_it_lists() -> None:
    others = packets(("fall", 2026, "2026-12-18", ["B", "a"]))  # "a": a misspelt name?
    said = "The fall 2026-27 packet went in on 2026-12-18 without this application (it lists B, a); "
    answers = {as_of: check_credit_application(A, approval=None, as_of=as_of, year_long=others) for as_of in
               (d("2027-01-01"), d("2026-12-31"), None)}  # fmt: skip
    past, before, undated = ([f for f in dec.findings if f.default == "D14"] for dec in answers.values())
    assert [(f.outcome, f.message) for f in past] == [(Outcome.NOT_MET, said + "it was due 2026-12-31.")]
    assert [(f.outcome, f.message) for f in before] == [(Outcome.NOTE, said + "it is due 2026-12-31.")]
    assert [(f.outcome, f.message) for f in undated] == [(Outcome.NOTE, said + "it is due 2026-12-31.")]
    assert past[0].facts == {
        "packet": "fall 2026-27",
        "due": d("2026-12-31"),
        "arrived": None,
        "sent": d("2026-12-18"),
        "about": "packet.applications",
    }
    # not in yet on the day asked about: the application is still to go in
    early = check_credit_application(A, approval=None, as_of=d("2026-12-17"), year_long=others)
    assert_finding(early, "yearlong.semester", Outcome.NOTE, says="goes in the fall 2026-27 packet, due 2026-12-31")
    nobody = packets(("fall", 2026, "2026-12-18", []))
    decision = check_credit_application(A, approval=None, year_long=nobody)
    (finding,) = [f for f in decision.findings if f.default == "D14"]
    assert "(it lists no application)" in finding.message


def test_a_packet_past_due_without_the_application_fails() -> None:
    decision = check_credit_application(A, approval=None, as_of=d("2027-01-01"), year_long=YearLong())
    assert_finding(
        decision, "yearlong.semester", Outcome.NOT_MET, says="as of 2027-01-01 the application is in no packet"
    )
    before = check_credit_application(A, approval=None, as_of=d("2026-12-31"), year_long=YearLong())
    assert_finding(before, "yearlong.semester", Outcome.NOTE, says="goes in the fall 2026-27 packet, due 2026-12-31")
    # A packet that holds other applications only does not hold A's.
    others = packets(("fall", 2026, "2026-12-18", ["B"]))
    assert credit_status(A, as_of=d("2026-12-20"), year_long=others).status is Status.NOT_IN_PACKET


def test_the_sign_in_sheets_are_the_proof_of_attendance() -> None:
    signed = YearLong(
        packets=[
            PacketEntry(
                term="fall",
                school_year=2026,
                packet=Packet(sign_ins={"2026-08-13": ["B"]}, applications=["A"], submitted="2026-12-18"),
            )
        ]
    )
    decision = check_credit_application(A, approval=None, year_long=signed)
    assert_finding(
        decision, "credit.proof", Outcome.NOT_MET, says="No sign-in sheet of the fall 2026-27 packet shows A"
    )


# --- boundaries: 2016-07-01, June and July, both packets ------------------------------------------


def test_meetings_on_2016_06_30_and_2016_07_01_in_one_program() -> None:
    june = app("J", "2016-06-30")
    july = app("K", "2016-07-01")
    year_long = packets(("year", 2015, "2016-06-30", ["J", "K"]))
    ok = check_credit_application(june, approval=None, as_of=d("2016-07-05"), year_long=year_long)
    assert_finding(ok, "yearlong.annual", Outcome.MET, says="In the year 2015-16 packet")
    assert credit_status(june, as_of=d("2016-07-05"), year_long=year_long).status is Status.IN_PACKET
    no = check_credit_application(july, approval=None, as_of=d("2016-07-05"), year_long=year_long)
    assert_finding(no, "yearlong.semester", Outcome.NOT_MET, says="No packet takes the attended meetings: 2016-07-01")
    assert credit_status(july, as_of=d("2016-07-05"), year_long=year_long).finding.clause == "yearlong.semester"


def test_a_june_meeting_and_a_july_meeting() -> None:
    year_long = packets(("spring", 2026, "2027-06-25", ["J", "K"]))
    june = credit_status(app("J", "2027-06-15"), as_of=d("2027-06-28"), year_long=year_long)
    assert june.status is Status.IN_PACKET and "spring 2026-27" in june.finding.message
    assert june.window is not None and june.window.latest == d("2027-07-12")  # 10 business days after, past June
    july = credit_status(app("K", "2027-07-13"), as_of=d("2027-07-20"), year_long=year_long)
    assert july.status is Status.NOT_IN_PACKET
    (summary,) = application_summaries([app("K", "2027-07-13")], as_of=d("2027-07-20"), year_long=year_long)
    assert (summary.deadline, summary.packet) == (None, None)


def test_a_participant_in_both_packets_of_a_school_year() -> None:
    year_long = packets(("fall", 2026, "2026-12-18", ["A"]), ("spring", 2026, "2027-06-18", ["A"]))
    fall = app("A", "2026-09-10", submitted="2026-12-18", issued="2026-12-30")
    spring = app("A", "2027-02-11", "2027-04-08", submitted="2027-06-18")
    summaries = application_summaries([fall, spring], as_of=d("2027-06-20"), year_long=year_long)
    assert [(s.packet, s.status, s.latest) for s in summaries] == [
        ("fall 2026-27", Status.ISSUED, d("2027-01-05")),
        # Juneteenth is observed on Friday 2027-06-18, so the clock starts on Monday 06-21 (as D2);
        # Independence Day is observed on Monday 07-05.
        ("spring 2026-27", Status.IN_PACKET, d("2027-07-06")),
    ]
    both = app("A", "2026-09-10", "2027-02-11")
    decision = check_credit_application(both, approval=None, year_long=year_long)
    assert_finding(decision, "yearlong.semester", Outcome.NOT_MET, says="each packet takes its own CEU application")
    assert credit_status(both, as_of=d("2027-06-20"), year_long=year_long).status is Status.NOT_IN_PACKET


# --- yearlong.annual, D13: the annual rule has no start; packets cite the rule in force ---------------------------


def test_any_date_before_2016_07_01_gets_the_annual_rule() -> None:
    for day in ("1900-01-02", "1969-09-01", "2016-06-30"):
        assert DEFAULT_POLICY.crediting_rule_on(d(day)).clause == "yearlong.annual"
    (batch,) = semester_batches([d("1969-09-01")]).batches
    assert (batch.clause, batch.school_year, batch.due) == ("yearlong.annual", 1969, d("1970-06-30"))


def test_a_first_version_with_a_start_still_refuses_earlier_dates() -> None:
    dated = attrs.evolve(DEFAULT_POLICY.crediting_rules[0], effective=d("1990-07-01"))
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(dated, DEFAULT_POLICY.crediting_rules[1]))
    with pytest.raises(RuleNotInForceError, match="takes effect on 1990-07-01"):
        semester_batches([d("1989-12-01")], policy=policy)
    assert packet_rule("year", 1980, policy=policy).clause == "yearlong.annual"
    with pytest.raises(InvalidInputError, match="at most one with no start"):
        attrs.evolve(
            policy,
            crediting_rules=(
                DEFAULT_POLICY.crediting_rules[0],
                attrs.evolve(DEFAULT_POLICY.crediting_rules[1], effective=None),
            ),
        )


@pytest.mark.parametrize(
    ("term", "year", "clause"),
    [("year", 2015, "yearlong.annual"), ("fall", 2015, "yearlong.annual"), ("fall", 2016, "yearlong.semester"),
     ("year", 2016, "yearlong.semester"), ("spring", 2015, "yearlong.annual")],
)  # fmt: skip
def test_a_packet_that_matches_no_meeting_cites_the_rule_in_force(term: str, year: int, clause: str) -> None:
    rule = DEFAULT_POLICY.crediting_rules[clause == "yearlong.semester"]
    if term in {t.name for t in rule.terms}:
        assert packet_rule(term, year).clause == clause
    else:  # a term the rule in force lacks names no packet: refused, and a file's packet of it is cited as below
        with pytest.raises(InvalidInputError) as refused:
            packet_rule(term, year)
        names = ", ".join(t.name for t in rule.terms)
        label = f"{year}-{(year + 1) % 100:02d}"
        expected = f"term: expected a term of the rule in force in school year {label} ({names}), got '{term}'"
        assert str(refused.value) == expected
    pf = load_program_file(
        {
            "title": "PLC",
            "activity": "workshop",
            "year_long": True,
            "offering_dates": ["2014-09-09"],
            "packets": [{"term": term, "school_year": year}],
        }
    )
    stray = [x for x in review_program_file(pf).decisions if x.subject == f"{term} {year}-{(year + 1) % 100:02d}"]
    assert [f.clause for x in stray for f in x.findings] == [clause]


@pytest.mark.parametrize(("effective", "spring"), [("2027-01-01", "2027-01-01"), ("2027-01-02", "2016-07-01")])
def test_a_version_from_mid_year_takes_the_packets_of_terms_starting_on_or_after_it(
    effective: str, spring: str
) -> None:
    """A version in force from 2027-01-01 takes the spring 2026-27 packet (its first day is 2027-01-01); one from
    2027-01-02 does not: the version of 2016-07-01 does. The summer 2026 packet of a term it adds is of no version
    in force on 2026-07-01: refused."""
    terms = (*DEFAULT_POLICY.crediting_rules[-1].terms, Term(name="summer", months=(7,), issued_month=7))
    mid_year = CreditingRule(clause="yearlong.semester", effective=d(effective), terms=terms)
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(*DEFAULT_POLICY.crediting_rules, mid_year))
    assert packet_rule("spring", 2026, policy=policy).effective == d(spring)
    with pytest.raises(InvalidInputError) as refused:
        packet_rule("summer", 2026, policy=policy)
    assert str(refused.value) == (
        "term: expected a term of the rule in force in school year 2026-27 (fall, spring), got 'summer'"
    )


def test_a_version_from_the_second_day_of_a_school_year_is_not_in_force_on_its_first() -> None:
    """A version from 2030-07-02 does not take the year 2030-31 packet: the version in force on 2030-07-01 lacks
    that term, so it is refused."""
    late = attrs.evolve(DEFAULT_POLICY.crediting_rules[-1], effective=d("2030-07-02"))
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(*DEFAULT_POLICY.crediting_rules, late))
    with pytest.raises(InvalidInputError) as refused:
        packet_rule("year", 2030, policy=policy)
    assert str(refused.value) == (
        "term: expected a term of the rule in force in school year 2030-31 (fall, spring), got 'year'"
    )
    assert packet_rule("fall", 2030, policy=policy).effective == d("2030-07-02")  # from 2030-08-01
    assert packet_rule("fall", 2029, policy=policy).effective == d("2016-07-01")


def test_a_packet_before_the_first_version_and_the_last_school_year() -> None:
    dated = attrs.evolve(DEFAULT_POLICY.crediting_rules[0], effective=d("1990-07-01"))
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(dated, DEFAULT_POLICY.crediting_rules[1]))
    assert packet_rule("year", 1980, policy=policy).clause == "yearlong.annual"  # no version in force on 1980-07-01
    with pytest.raises(InvalidInputError) as refused:  # nor one with a fall term
        packet_rule("fall", 1980, policy=policy)
    assert str(refused.value) == "term: expected a term of the rule in force in school year 1980-81 (year), got 'fall'"
    assert packet_rule("spring", 2198).effective == d("2016-07-01")
    with pytest.raises(InvalidInputError) as caught:
        packet_rule("fall", 2199)
    assert str(caught.value) == "school_year: expected a whole number from 1900 to 2198, got 2199"


# --- terms in any order ---------------------------------------------------------------------------


DEFAULT_TERMS = DEFAULT_POLICY.crediting_rules[-1].terms
THREE_TERMS = (
    Term(name="fall", months=(8, 9, 10, 11), issued_month=11),
    Term(name="winter", months=(12, 1, 2), issued_month=2),
    Term(name="spring", months=(3, 4, 5, 6), issued_month=6),
)


def _with_terms(terms: tuple[Term, ...]) -> Policy:
    rule = CreditingRule(clause="yearlong.semester", effective=d("2016-07-01"), terms=terms)
    return attrs.evolve(DEFAULT_POLICY, crediting_rules=(DEFAULT_POLICY.crediting_rules[0], rule))


@pytest.mark.parametrize("terms", [DEFAULT_TERMS, THREE_TERMS], ids=["semesters", "three terms"])
def test_the_school_year_does_not_depend_on_the_order_of_terms(terms: tuple[Term, ...]) -> None:
    meetings = [d("2016-09-01"), d("2016-12-06"), d("2017-01-10"), d("2017-02-01"), d("2017-06-30")]
    answers = set()
    for order in itertools.permutations(terms):
        batching = semester_batches(meetings, policy=_with_terms(order))
        answers.add(tuple((b.label, b.due, b.issued) for b in batching.batches))
    (answer,) = answers
    assert all(label.endswith("2016-17") for label, _, _ in answer)
    if terms is THREE_TERMS:
        assert answer[1] == ("winter 2016-17", d("2017-02-28"), d("2017-02-01"))


def test_months_of_a_term_may_be_listed_in_any_order() -> None:
    winter = (Term(name="winter", months=(2, 12, 1), issued_month=2), *THREE_TERMS[::2])
    (batch,) = semester_batches([d("2016-12-06")], policy=_with_terms(winter)).batches
    assert (batch.label, batch.due) == ("winter 2016-17", d("2017-02-28"))


# --- every year-long parameter is read --------------------------------------------------------------


def test_the_terms_change_the_answer() -> None:
    spring_from_december = (
        Term(name="fall", months=(8, 9, 10, 11), issued_month=12),
        Term(name="spring", months=(12, 1, 2, 3, 4, 5, 6), issued_month=6),
    )
    policy = _with_terms(spring_from_december)
    late = app("A", "2026-12-10")
    year_long = packets(("fall", 2026, "2026-12-18", ["A"]))
    assert credit_status(late, as_of=d("2026-12-20"), year_long=year_long).status is Status.IN_PACKET
    assert credit_status(late, as_of=d("2026-12-20"), year_long=year_long, policy=policy).status is Status.NOT_IN_PACKET


def test_the_issue_month_changes_the_answer() -> None:
    january = (Term(name="fall", months=(8, 9, 10, 11, 12), issued_month=1), DEFAULT_TERMS[1])
    early = packets(("fall", 2026, "2026-11-20", ["A"]))
    assert credit_status(A, as_of=d("2027-01-04"), year_long=early).status is Status.OVERDUE
    answer = credit_status(A, as_of=d("2027-01-04"), year_long=early, policy=_with_terms(january))
    assert answer.status is Status.IN_PACKET
    assert answer.window is not None and answer.window.latest == d("2027-01-31")


def test_the_d14_bound_changes_the_answer() -> None:
    policy = attrs.evolve(DEFAULT_POLICY, packet_credit_business_days=15)
    assert credit_status(A, as_of=d("2027-01-08"), year_long=FALL_IN).status is Status.OVERDUE
    assert credit_status(A, as_of=d("2027-01-08"), year_long=FALL_IN, policy=policy).status is Status.IN_PACKET
    fall = semester_batches([d("2026-09-10")]).batches[0]
    packet = Packet(submitted="2026-12-18")
    assert "2027-01-05" in str(check_packet(packet, fall))
    assert "2027-01-12" in str(check_packet(packet, fall, policy=policy))


def test_the_school_year_start_changes_the_answer() -> None:
    rule = attrs.evolve(DEFAULT_POLICY.crediting_rules[1], school_year_start=1)
    policy = attrs.evolve(DEFAULT_POLICY, crediting_rules=(DEFAULT_POLICY.crediting_rules[0], rule))
    assert semester_batches([d("2017-03-07")]).batches[0].label == "spring 2016-17"
    (batch,) = semester_batches([d("2017-03-07")], policy=policy).batches
    assert (batch.label, batch.due) == ("spring 2017-18", d("2017-06-30"))


# --- D16: year-long CEUs ---------------------------------------------------------------------------


def _plc(minutes: int, meetings: list[str]) -> Program:
    return Program(
        title="PLC",
        activity=ActivityType.WORKSHOP,
        criteria=CourseCriteria.all_met(),
        offering_dates=[d(x) for x in meetings],
        agenda=[Segment(start="15:00", end=f"15:{minutes:02d}", kind="instruction")],
        year_long=True,
    )


def test_short_meetings_are_judged_by_a_full_packet() -> None:
    program = _plc(29, ["2026-08-18", "2026-09-15", "2026-10-20", "2026-11-17", "2026-12-08", "2027-01-19"])
    decision = check_eligibility(program)
    assert decision.passed, str(decision)
    (unit,) = [f for f in decision.findings if f.clause == "ceu.unit"]
    assert unit.default == "D16"
    assert "A full packet (fall 2026-27: 5 meeting(s) of 0 h 29 min) carries 2 h 25 min" in unit.message
    assert (unit.facts["per"], unit.facts["meetings"], unit.facts["meeting_minutes"]) == ("full packet", 5, 29)
    assert str(unit.facts["ceus"]) == "0.2"
    one = check_eligibility(attrs.evolve(program, offering_dates=[d("2026-08-18")]))
    assert not one.passed and "rounds to 0.0 CEU" in str(one)


def test_a_year_long_program_with_no_batched_meeting_is_judged_per_meeting() -> None:
    program = _plc(29, ["2026-07-21"])
    (unit,) = [f for f in check_eligibility(program).findings if f.clause == "ceu.unit"]
    assert unit.default == "D7" and "per" not in unit.facts


# --- the one rule: bulk and explained answers agree --------------------------------------------------


@given(
    attended=st.lists(
        st.dates(min_value=d("2015-01-01"), max_value=d("2018-12-31")), min_size=1, max_size=3, unique=True
    ),
    submitted=st.one_of(st.none(), st.dates(min_value=d("2015-01-01"), max_value=d("2019-06-30"))),
    as_of=st.dates(min_value=d("2015-01-01"), max_value=d("2019-12-31")),
)
def test_bulk_and_explained_answers_agree(attended: list[dt.date], submitted: dt.date | None, as_of: dt.date) -> None:
    application = CreditApplication(attendance=Attendance(participant="P", dates=attended))
    batching = semester_batches(attended)
    entries = [
        PacketEntry(term=b.term, school_year=b.school_year, packet=Packet(applications=["P"], submitted=submitted))
        for b in batching.batches
    ]
    year_long = YearLong(packets=entries)
    standing = packet_standing("P", attended, None, year_long, as_of=as_of)
    status = credit_status(application, as_of=as_of, year_long=year_long)
    (summary,) = application_summaries([application], as_of=as_of, year_long=year_long)
    assert standing.status is status.status is summary.status
    assert (summary.on_time, summary.latest) == (standing.on_time, standing.latest)


def test_year_long_arguments_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="year_long"):
        credit_status(A, as_of=d("2026-12-20"), year_long=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"packets\[0\]"):
        YearLong(packets=["fall"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="packets"):
        YearLong(packets="fall")  # type: ignore[arg-type]
    entry = PacketEntry(term="Fall ", school_year=2026, packet=Packet())
    assert entry.term == "fall"
    with pytest.raises(InvalidInputError, match="one packet per term"):
        YearLong(packets=[entry, entry])
    with pytest.raises(InvalidInputError, match="school_year"):
        PacketEntry(term="fall", school_year=True, packet=Packet())
    with pytest.raises(InvalidInputError, match="packet"):
        PacketEntry(term="fall", school_year=2026, packet={})  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="policy"):
        check_packet(Packet(), semester_batches([d("2026-09-10")]).batches[0], policy=None)  # type: ignore[arg-type]


def _error(call: Callable[[], object]) -> str:
    with pytest.raises(InvalidInputError) as caught:
        call()
    return str(caught.value)


def test_year_long_input_errors_name_the_field_and_the_value() -> None:
    fall = semester_batches([d("2026-09-10")]).batches[0]
    junk: Any = ceurules  # the arguments below are wrong on purpose
    entry = PacketEntry(term="fall", school_year=2026, packet=Packet())
    errors = [
        (
            lambda: junk.Packet(sign_ins=["x"]),
            "sign_ins: expected a mapping of meeting date to the names signed in, got ['x']",
        ),
        (
            lambda: junk.Packet(sign_ins={"2026-08-18": ["A"], dt.date(2026, 8, 18): ["B"]}),
            "sign_ins[2026-08-18]: expected one sign-in sheet per meeting date, got 2026-08-18",
        ),
        (
            lambda: junk.Packet(sign_ins={"2026-08-18": "A"}),
            "sign_ins[2026-08-18]: expected a list of participant names, got 'A'",
        ),
        (lambda: junk.Packet(applications="Ana"), "applications: expected a list of participant names, got 'Ana'"),
        (lambda: junk.Packet(evaluations=[1]), "evaluations: expected non-empty text, got 1"),
        (lambda: junk.check_packet({}, fall), "packet: expected a Packet, got {}"),
        (lambda: junk.check_packet(Packet(), {}), "batch: expected a Batch, got {}"),
        (lambda: junk.credit_expected({}, "2026-12-01"), "batch: expected a Batch (see semester_batches), got {}"),
        (lambda: junk.credit_expected(fall, "x"), "arrived: expected an ISO date such as 2026-11-20, got 'x'"),
        (
            lambda: junk.packet_standing("A", ["2026-09-10", "2026-09-10"], None, YearLong(), as_of=None),
            "attended[1]: expected dates that are not repeated, got 2026-09-10",
        ),
        (  # every bad attended day is named, each as the participant's
            lambda: junk.packet_standing("A", ["bad", "2026-09-10", "worse"], None, YearLong(), as_of=None),
            "attended[0]: expected an ISO date such as 2026-11-20, got 'bad'; "
            "attended[2]: expected an ISO date such as 2026-11-20, got 'worse'",
        ),
        (
            lambda: junk.packet_standing("A", ["2026-09-10"], None, [], as_of=None),
            "year_long: expected a YearLong (the program's packets), got []",
        ),
        (
            lambda: junk.PacketEntry(term="fall", school_year=1899, packet=Packet()),
            "school_year: expected a year such as 2026, got 1899",
        ),
        (
            lambda: junk.PacketEntry(term="fall", school_year=2200, packet=Packet()),
            "school_year: expected a year such as 2026, got 2200",
        ),
        (
            lambda: junk.PacketEntry(term="fall", school_year="2026", packet=Packet()),
            "school_year: expected a year such as 2026, got '2026'",
        ),
        (lambda: junk.PacketEntry(term="fall", school_year=2026, packet={}), "packet: expected a Packet, got {}"),
        (
            lambda: junk.YearLong(
                packets=[entry, attrs.evolve(entry, term="spring"), attrs.evolve(entry, term=" FALL")]
            ),
            "packets[2]: expected one packet per term and school year, got 'fall 2026'",
        ),
        (
            lambda: junk.participant_ceus(dt.timedelta(minutes=60), 1001),
            "meetings: expected a whole number from 0 to 1000, got 1001",
        ),
        (
            lambda: junk.packet_standing(3, [], None, YearLong(), as_of=None),
            "participant: expected non-empty text, got 3",
        ),
        (
            lambda: junk.packet_standing("A", [], "x", YearLong(), as_of=None),
            "issued: expected an ISO date such as 2026-11-20, got 'x'",
        ),
        (
            lambda: junk.packet_standing("A", [], None, YearLong(), as_of="y"),
            "as_of: expected an ISO date such as 2026-11-20, got 'y'",
        ),
        (
            lambda: junk.check_packet(Packet(), fall, as_of="y"),
            "as_of: expected an ISO date such as 2026-11-20, got 'y'",
        ),
        (lambda: junk.packet_rule(3, 2026), "term: expected non-empty text, got 3"),
        (lambda: junk.PacketEntry(term=3, school_year=2026, packet=Packet()), "term: expected non-empty text, got 3"),
        (lambda: junk.semester_batches("x"), "meeting_dates: expected a list of dates, got 'x'"),
        (lambda: junk.packet_ceus({}, dt.timedelta(0)), "packet: expected a Packet, got {}"),
        (lambda: junk.YearLong(packets="fall"), "packets: expected a list of PacketEntry values, got 'fall'"),
        (lambda: junk.YearLong(packets=[entry, "fall"]), "packets[1]: expected a PacketEntry, got 'fall'"),
    ]
    assert [_error(call) for call, _ in errors] == [message for _, message in errors]
    assert [PacketEntry(term="fall", school_year=year, packet=Packet()).school_year for year in (1900, 2199)] == [
        1900,
        2199,
    ]
    assert participant_ceus(dt.timedelta(minutes=60), 1000) == Decimal("100.0")


def test_a_second_packet_for_one_term_is_a_file_problem() -> None:
    from ceurules import ProgramFileError

    entry = {"term": "fall", "school_year": 2026}
    with pytest.raises(ProgramFileError, match=r"packets\[1\].*a second packet for fall 2026"):
        load_program_file({"title": "PLC", "activity": "workshop", "year_long": True, "packets": [entry, entry]})


# --- the timeline follows the packet ----------------------------------------------------------------


def test_the_participant_timeline_follows_the_packet() -> None:
    from ceurules import timeline

    pf = load_program_file(SCENARIO)
    line = timeline(pf.program, application=pf.applications[0], year_long=YearLong(packets=pf.packets))
    events = [(e.day, e.what, e.clause, e.default) for e in line.events]
    assert (d("2026-12-18"), "CEU application in the fall 2026-27 packet", "yearlong.semester", None) in events
    assert (d("2027-01-05"), "credit expected by (overdue after)", "yearlong.semester", "D14") in events
    assert not [e for e in line.events if e.clause in ("credit.window", "credit.processing")]
    issued = attrs.evolve(pf.applications[0], issued=d("2026-12-30"))
    assert "certificate issued" in [e.what for e in timeline(pf.program, application=issued).events]
    july = app("K", "2026-07-16")
    assert [e.what for e in timeline(pf.program, application=july).events if "K" in e.what] == ["K attends"]
    with pytest.raises(InvalidInputError, match="year_long"):
        timeline(attrs.evolve(pf.program, year_long=False), year_long=YearLong())
    with pytest.raises(InvalidInputError, match="year_long"):
        timeline(pf.program, year_long=[])  # type: ignore[arg-type]


def test_a_year_long_file_with_no_batched_meeting_reports_ceus_per_meeting() -> None:
    pf = load_program_file(
        {"title": "PLC", "activity": "workshop", "year_long": True, "offering_dates": ["2026-07-21"]}
    )
    assert review_program_file(pf).per == "meeting"


def test_a_participant_s_ceus_add_up_over_the_packet_and_round_once() -> None:
    meetings = ["2026-08-18", "2026-09-15", "2026-10-20", "2026-11-17", "2026-12-08"]
    program = _plc(29, meetings)
    packet = Packet(
        sign_ins={day: ["Ana", "Ben"] if day != meetings[2] else ["Ana"] for day in meetings},
        applications=["Ana", "Ben"],
        submitted="2026-12-18",
    )
    year_long = YearLong.for_program(program, [PacketEntry(term="fall", school_year=2026, packet=packet)])
    assert year_long.meeting_time == dt.timedelta(minutes=29)
    ana = packet_standing("Ana", [d(x) for x in meetings], None, year_long, as_of=d("2026-12-20"))
    ben = packet_standing("Ben", [d(x) for x in meetings], None, year_long, as_of=d("2026-12-20"))
    # 5 x 29 = 145 min = 0.2417 CEU -> 0.2; 4 x 29 = 116 min = 0.1933 CEU -> 0.2 (one meeting alone: 0.0).
    assert (str(ana.ceus), len(ana.signed_in), str(ben.ceus), len(ben.signed_in)) == ("0.2", 5, "0.2", 4)
    decision = check_credit_application(app("Ben", *meetings), approval=None, year_long=year_long)
    assert_finding(decision, "credit.proof", Outcome.MET, says="at 4 meeting(s)")
    assert_finding(decision, "credit.proof", Outcome.MET, says="; 0.2 CEU for the packet.")
    without = packet_standing(
        "Ana", [d(x) for x in meetings], None, attrs.evolve(year_long, meeting_time=None), as_of=None
    )
    assert without.ceus is None and without.signed_in == ana.signed_in


def test_a_participant_s_standing_in_full_under_the_policy_s_ceu_unit() -> None:
    """Ben signed 4 of the 5 sheets of 29-minute meetings (116 minutes): 0.2 CEU at 10 hours a CEU, 0.4 at 5 hours;
    the standing holds the packet his application is in, the days he signed and when credit is expected."""
    meetings = [d(x) for x in ("2026-08-18", "2026-09-15", "2026-10-20", "2026-11-17", "2026-12-08")]
    packet = Packet(
        sign_ins={day: ["Ana", "Ben"] if day != meetings[2] else ["Ana"] for day in meetings},
        applications=["Ana", "Ben"],
        submitted="2026-12-18",
    )
    entry = PacketEntry(term="fall", school_year=2026, packet=packet)
    year_long = YearLong(packets=[entry], meeting_time=dt.timedelta(minutes=29))
    five_hours = attrs.evolve(DEFAULT_POLICY, contact_hours_per_ceu=5)
    standing = packet_standing("Ben", meetings, None, year_long, as_of=d("2026-12-20"), policy=five_hours)
    assert standing == PacketStanding(
        status=Status.IN_PACKET,
        batches=semester_batches(meetings).batches,
        unbatched=(),
        packet=packet,
        signed_in=(meetings[0], meetings[1], meetings[3], meetings[4]),
        ceus=Decimal("0.4"),
        arrived=d("2026-12-18"),
        on_time=True,
        earliest=d("2026-12-18"),
        latest=d("2027-01-05"),
    )
    assert packet_standing("Ben", meetings, None, year_long, as_of=d("2026-12-20")).ceus == Decimal("0.2")


def test_meeting_time_is_a_duration_and_a_bare_number_is_refused() -> None:
    assert YearLong(meeting_time=dt.timedelta(minutes=90)).meeting_time == dt.timedelta(hours=1, minutes=30)
    with pytest.raises(InvalidInputError, match="meeting_time: expected a timedelta such as timedelta"):
        YearLong(meeting_time=90)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="meeting_time: expected a duration that is not negative"):
        YearLong(meeting_time=dt.timedelta(minutes=-1))
    with pytest.raises(InvalidInputError, match="meeting_time"):
        YearLong(meeting_time="an hour")  # type: ignore[arg-type]


def test_a_dated_d14_bound_is_read_on_the_day_the_packet_arrives() -> None:
    from ceurules import Change

    dated = attrs.evolve(
        DEFAULT_POLICY, changes=[Change(parameter="packet_credit_business_days", effective="2027-01-01", value=20)]
    )
    fall = semester_batches([d("2026-09-10")]).batches[0]
    spring = semester_batches([d("2027-03-10")]).batches[0]
    assert credit_expected(fall, d("2026-12-18"), policy=dated)[1] == d("2027-01-05")  # 10 business days
    assert credit_expected(spring, d("2027-06-25"), policy=dated)[1] == d("2027-07-26")  # 20 business days


@given(
    meetings=st.lists(st.dates(min_value=d("2016-07-01"), max_value=d("2030-12-31")), unique=True, max_size=12),
    order=st.permutations(range(3)),
)
def test_any_order_of_terms_gives_the_same_packets(meetings: list[dt.date], order: list[int]) -> None:
    reordered = tuple(THREE_TERMS[i] for i in order)
    first = semester_batches(meetings, policy=_with_terms(THREE_TERMS))
    assert semester_batches(meetings, policy=_with_terms(reordered)) == first
    for batch in first.batches:  # every meeting lies in its packet's school year, before the due date
        assert all(m <= batch.due for m in batch.meetings)
        assert all(batch.school_year in (m.year, m.year - 1) for m in batch.meetings)


def test_participant_ceus_round_once() -> None:
    from ceurules import participant_ceus

    assert str(participant_ceus(dt.timedelta(minutes=29), 1)) == "0.0"
    assert str(participant_ceus(dt.timedelta(minutes=29), 5)) == "0.2"
    with pytest.raises(InvalidInputError, match="a bare number is not read as minutes"):
        participant_ceus(29, 5)  # type: ignore[arg-type]


@given(
    attended=st.sampled_from(
        [FALL_MEETINGS[:2], ["2026-08-13", "2027-02-10"], ["2027-07-13"], ["2027-02-10"], ["2026-07-13", "2027-07-10"]]
    ),
    year_long=st.sampled_from([YearLong(), FALL_IN, packets(("fall", 2026, "2027-01-05", ["A"]))]),
    as_of=st.dates(min_value=dt.date(2026, 8, 1), max_value=dt.date(2027, 9, 30)),
    issued=st.sampled_from([None, "2027-01-04"]),
)
def test_a_year_long_application_says_each_thing_once(
    attended: list[str], year_long: YearLong, as_of: dt.date, issued: str | None
) -> None:
    """yearlong.semester, D14: the packet finding and the status finding of an application in no packet said
    the same (twice the same finding when no packet takes the meetings): the decision says it once."""
    application = app("A", *attended, submitted="2026-12-18", issued=issued)
    findings = check_credit_application(application, approval=None, as_of=as_of, year_long=year_long).findings
    assert len(set(findings)) == len(findings), findings
    in_no_packet = [f for f in findings if "no packet" in f.message.lower()]
    assert len(in_no_packet) <= 1, in_no_packet


def test_an_application_in_no_packet_past_its_due_date_is_said_so_once() -> None:
    """The spring packet was due 2027-06-30 and the file records none: one finding says so, not two."""
    application = app("A", "2027-02-10", submitted="2027-06-20")
    decision = check_credit_application(application, approval=None, as_of=d("2027-07-20"), year_long=YearLong())
    said = [f.message for f in decision.findings if f.clause == "yearlong.semester"]
    assert said == ["The spring 2026-27 packet was due 2027-06-30; as of 2027-07-20 the application is in no packet."]
    assert decision.verdict is Verdict.FAIL


def test_a_meeting_the_application_lists_and_no_sheet_shows_is_said_not_to_count() -> None:
    """D16: the packet's sheets are the proof. B's application lists three fall meetings; the sheets show B at
    the first alone, so a note says the others do not count (nothing the file says is passed over). A meeting
    after the day of the check is not yet attended, and not listed."""
    meetings = [d("2016-08-16"), d("2016-09-13"), d("2016-10-11")]
    for submitted, as_of, unsigned in [
        ("2016-12-20", "2016-12-31", ["2016-09-13", "2016-10-11"]),
        ("2016-10-01", "2016-10-05", ["2016-09-13"]),  # 2016-10-11 is still to come
    ]:
        packet = Packet(
            sign_ins={"2016-08-16": ["B"], "2016-09-13": ["A"], "2016-10-11": ["A"]},
            applications=["A", "B"],
            submitted=submitted,
        )
        year_long = YearLong(packets=[PacketEntry(term="fall", school_year=2016, packet=packet)])
        standing = packet_standing("B", meetings, None, year_long, as_of=d(as_of))
        notes = [f for f in packet_findings(standing, "B", as_of=d(as_of)) if f.facts.get("about") == "attended"]
        listed = ", ".join(unsigned)
        assert [(n.outcome, n.clause, n.default, n.message, n.facts) for n in notes] == [
            (
                Outcome.NOTE,
                "credit.proof",
                "D16",
                f"The application also lists {listed}, which no sign-in sheet of the fall 2016-17 packet shows: "
                "not counted.",
                {"about": "attended", "unsigned": [d(u) for u in unsigned]},
            )
        ]
        signed_everywhere = packet_standing("A", meetings[1:], None, year_long, as_of=d(as_of))
        assert not [f for f in packet_findings(signed_everywhere, "A", as_of=d(as_of)) if "also lists" in f.message]
