"""A year-long answer given as of a day counts no meeting after it (``ceurules.decisions.in_by``), and a packet or
an application sent before meetings it records needs review (``yearlong.semester``, D14, D16)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from ceurules import (
    Approval,
    Attendance,
    CreditApplication,
    Outcome,
    Packet,
    PacketEntry,
    Payment,
    Verdict,
    YearLong,
    check_credit_application,
    check_packet,
    is_on_time,
    packet_standing,
    participant_ceus,
    semester_batches,
)
from helpers import d, run

PLC = Path(__file__).parent.parent / "docs" / "examples" / "plc-yearlong.ceu.toml"
SPRING_MEETINGS = ["2027-01-19", "2027-02-16", "2027-03-16", "2027-04-20", "2027-05-18", "2027-06-15"]
SPRING_DAYS = [d(m) for m in SPRING_MEETINGS]
SPRING = semester_batches([d(m) for m in SPRING_MEETINGS]).batches[0]
LATER = "2027-03-16, 2027-04-20, 2027-05-18, 2027-06-15"
EARLY = f"2027-02-16, {LATER}"
HOUR_AND_A_HALF = timedelta(minutes=90)


def spring_packet(submitted: str | None = "2027-02-01") -> Packet:
    """The user's spring packet: sent on 2027-02-01, with Ana's sign-ins for every spring meeting."""
    sheets = {m: ["Ana Ruiz"] for m in SPRING_MEETINGS}
    return Packet(sign_ins=sheets, applications=["Ana Ruiz"], evaluations=["Ana Ruiz"], submitted=submitted)


def year_long(packet: Packet) -> YearLong:
    return YearLong(packets=[PacketEntry(term="spring", school_year=2026, packet=packet)], meeting_time=HOUR_AND_A_HALF)


def ana(submitted: str = "2027-02-01") -> CreditApplication:
    attendance = Attendance(participant="Ana Ruiz", dates=SPRING_MEETINGS)
    return CreditApplication(attendance=attendance, submitted=submitted, payment=Payment(paid=submitted))


def lines(decision: object) -> list[str]:
    return str(decision).splitlines()[1:]


def test_a_standing_counts_only_the_meetings_held_by_the_day_of_the_check() -> None:
    standing = packet_standing("Ana Ruiz", SPRING_DAYS, None, year_long(spring_packet()), as_of=d("2027-03-01"))
    assert standing.signed_in == (d("2027-01-19"), d("2027-02-16"))
    assert standing.ceus == Decimal("0.3")  # 2 meetings of 90 minutes, not 6 (0.9)
    on_the_day = packet_standing("Ana Ruiz", SPRING_DAYS, None, year_long(spring_packet()), as_of=d("2027-03-16"))
    assert on_the_day.signed_in[-1] == d("2027-03-16")  # a meeting on the day of the check is held
    assert on_the_day.ceus == Decimal("0.5")
    every = packet_standing("Ana Ruiz", SPRING_DAYS, None, year_long(spring_packet()), as_of=None)
    assert (len(every.signed_in), every.ceus) == (6, Decimal("0.9"))  # without a day, every date given counts


def test_the_credit_check_of_the_users_spring_application_as_of_2027_03_01() -> None:
    approval = Approval(dates=SPRING_MEETINGS, approved_on="2026-07-01")
    decision = check_credit_application(
        ana(), approval=approval, as_of=d("2027-03-01"), year_long=year_long(spring_packet())
    )
    assert decision.verdict is Verdict.NEEDS_REVIEW
    assert lines(decision) == [
        "  [met] The program is approved; the facilitator passes on the credit-application link. (credit.link)",
        "  [met] Every attended date is an approved date. (approval.dates)",
        f"  [note] Attended on {LATER}, after the day of the check (2027-03-01): counted as not yet attended."
        " (credit.certificate)",
        "  [note] Not yet due on the day of the check (2027-03-01): the certificate follows completion, on 2027-06-15."
        " (credit.certificate)",
        f"  [needs review] The CEU application was submitted 2027-02-01, before meeting(s) it records: {EARLY}; the"
        " policy does not say whether a record sent before its meeting counts. (yearlong.semester, D14)",
        "  [met] In the spring 2026-27 packet, submitted 2027-02-01, on or before its due date 2027-06-30."
        " (yearlong.semester, D14)",
        f"  [needs review] The packet was submitted 2027-02-01, before meeting(s) it records: {EARLY}; the policy does"
        " not say whether a record sent before its meeting counts. (yearlong.semester, D14)",
        "  [met] The packet's sign-in sheets show Ana Ruiz at 2 meeting(s): 2027-01-19, 2027-02-16; 0.3 CEU for the"
        " packet. (credit.proof, D16)",
        f"  [note] Signed in for {LATER}, after the day of the check (2027-03-01): counted as not yet attended."
        " (credit.proof, D16)",
        "  [note] In the spring 2026-27 packet, credit expected by 2027-06-30. (yearlong.semester, D14)",
    ]
    proof = next(f for f in decision.findings if f.clause == "credit.proof" and f.outcome is Outcome.MET)
    assert proof.facts == {"signed_in": [d("2027-01-19"), d("2027-02-16")], "ceus": Decimal("0.3"), "about": "sign_ins"}
    later = next(f for f in decision.findings if f.facts.get("about") == "sign_ins" and f.outcome is Outcome.NOTE)
    assert later.facts["value"] == [d(m) for m in SPRING_MEETINGS[2:]]
    review = next(f for f in decision.findings if f.outcome is Outcome.NEEDS_REVIEW)
    assert review.facts == {
        "about": "submitted",
        "submitted": d("2027-02-01"),
        "later": [d(m) for m in SPRING_MEETINGS[1:]],
    }


def test_an_application_sent_after_the_day_of_the_check_is_not_yet_reviewed() -> None:
    """Ana's application is dated 2027-03-10: as of 2027-03-01 it is not in yet, so only the packet (sent 2027-02-01)
    is sent before meetings; as of 2027-03-10 the application is, before the four meetings from 2027-03-16."""
    approval, packets = Approval(dates=SPRING_MEETINGS, approved_on="2026-07-01"), year_long(spring_packet())
    reviews = []
    for as_of in ("2027-03-01", "2027-03-10"):
        decision = check_credit_application(ana("2027-03-10"), approval=approval, as_of=d(as_of), year_long=packets)
        reviews.append([(f.message, f.facts) for f in decision.findings if f.outcome is Outcome.NEEDS_REVIEW])
    unsaid = " the policy does not say whether a record sent before its meeting counts."
    packet = (
        f"The packet was submitted 2027-02-01, before meeting(s) it records: {EARLY};" + unsaid,
        {"about": "packet.submitted", "submitted": d("2027-02-01"), "later": SPRING_DAYS[1:]},  # the packet's date
    )
    application = (
        f"The CEU application was submitted 2027-03-10, before meeting(s) it records: {LATER};" + unsaid,
        {"about": "submitted", "submitted": d("2027-03-10"), "later": SPRING_DAYS[2:]},
    )
    after = (
        "The CEU application was submitted 2027-03-10, after the packet that lists it went in (2027-02-01); the policy"
        " does not say whether an application sent after its packet counts.",
        {"about": "submitted", "submitted": d("2027-03-10"), "arrived": d("2027-02-01")},
    )
    assert reviews == [[packet], [application, after, packet]]


def test_an_application_sent_after_its_packet_went_in_needs_review_and_the_packet_still_decides() -> None:
    """The fall packet went in 2026-12-10 listing Ana; her application is dated 2027-01-05, after it (and after
    the packet's due date): staff decide which to believe; the packet's answer (on time) stands meanwhile."""
    fall = ["2026-08-18", "2026-09-15"]
    packet = Packet(sign_ins={m: ["Ana Ruiz"] for m in fall}, applications=["Ana Ruiz"], submitted="2026-12-10")
    entry = PacketEntry(term="fall", school_year=2026, packet=packet)
    packets = YearLong(packets=[entry], meeting_time=HOUR_AND_A_HALF)
    attendance = Attendance(participant="Ana Ruiz", dates=fall)
    late = CreditApplication(attendance=attendance, submitted="2027-01-05", payment=Payment(paid="2027-01-05"))
    approval = Approval(dates=fall, approved_on="2026-07-01")
    decision = check_credit_application(late, approval=approval, as_of=d("2027-02-01"), year_long=packets)
    in_packet = "In the fall 2026-27 packet, submitted 2026-12-10, on or before its due date 2026-12-31."
    assert [f.outcome for f in decision.findings if f.message == in_packet] == [Outcome.MET]
    (review,) = [f for f in decision.findings if f.outcome is Outcome.NEEDS_REVIEW]
    assert (review.clause, review.default) == ("yearlong.semester", "D14")
    assert review.message == (
        "The CEU application was submitted 2027-01-05, after the packet that lists it went in (2026-12-10); the policy"
        " does not say whether an application sent after its packet counts."
    )
    assert is_on_time(late, year_long=packets) is True  # on time is the packet's (D14)
    on_the_day = check_credit_application(late, approval=approval, as_of=d("2026-12-20"), year_long=packets)
    assert not [f for f in on_the_day.findings if f.outcome is Outcome.NEEDS_REVIEW]
    same_day = attrs.evolve(late, submitted="2026-12-10")
    findings = check_credit_application(same_day, approval=approval, year_long=packets).findings
    assert not [f for f in findings if "after the packet" in f.message]


def test_an_application_and_payment_after_the_day_of_the_check_are_noted_as_not_yet_in() -> None:
    """As a workshop's are: Ana applies and pays on 2027-03-10; as of 2027-03-01 each date carries a note on its
    field, citing the packet's clause and D14 (the packet decides a year-long participant's credit)."""
    approval, packets = Approval(dates=SPRING_MEETINGS, approved_on="2026-07-01"), year_long(spring_packet())

    def dated_notes(as_of: str) -> list[str]:
        decision = check_credit_application(ana("2027-03-10"), approval=approval, as_of=d(as_of), year_long=packets)
        return [str(f) for f in decision.findings if f.facts.get("field") in ("submitted", "paid")]

    assert dated_notes("2027-03-01") == [
        "[note] Submitted on 2027-03-10, after the day of the check (2027-03-01): counted as not yet in."
        " (yearlong.semester, D14)",
        "[note] Paid on 2027-03-10, after the day of the check (2027-03-01): counted as not yet in."
        " (yearlong.semester, D14)",
    ]
    assert dated_notes("2027-03-10") == []


def test_a_packet_check_asks_no_sheet_of_a_meeting_not_yet_held() -> None:
    decision = check_packet(spring_packet(), SPRING, as_of=d("2027-03-01"))
    assert decision.verdict is Verdict.NEEDS_REVIEW
    assert lines(decision) == [
        "  [met] The spring 2026-27 packet holds a sign-in sheet for each of 2 meeting(s) held by 2027-03-01 and an"
        " application and evaluation form for each of 1 participant(s). (yearlong.semester)",
        f"  [note] Signed in for {LATER}, after the day of the check (2027-03-01): counted as not yet attended."
        " (yearlong.semester, D16)",
        f"  [needs review] The packet was submitted 2027-02-01, before meeting(s) it records: {EARLY}; the policy does"
        " not say whether a record sent before its meeting counts. (yearlong.semester, D14)",
        "  [met] Submitted 2027-02-01, on or before the due date 2027-06-30. (yearlong.semester, D10)",
        "  [note] Credit is expected between 2027-06-01 and 2027-06-30: in the issue month 2027-06, or by the 10th"
        " business day after the packet arrived, whichever is later. (yearlong.semester, D14)",
    ]
    assert decision.findings[0].facts["meetings"] == [d("2027-01-19"), d("2027-02-16")]


def test_a_packet_missing_a_held_meetings_sheet_fails_and_a_later_one_is_not_asked_for() -> None:
    sheets = {"2027-01-19": ["Ana Ruiz"], "2027-04-20": ["Bo Lee"]}
    packet = Packet(sign_ins=sheets, applications=["Ana Ruiz"], evaluations=["Ana Ruiz"])
    march = check_packet(packet, SPRING, as_of=d("2027-03-01"))
    assert march.findings[0].outcome is Outcome.NOT_MET
    assert (
        march.findings[0].message
        == "The spring 2026-27 packet is incomplete; missing: the sign-in sheet of 2027-02-16."
    )
    july = check_packet(packet, SPRING, as_of=d("2027-07-01"))
    assert july.findings[0].facts["missing"][-2:] == ["the CEU application of Bo Lee", "the evaluation form of Bo Lee"]


def test_a_packet_sent_after_its_last_meeting_needs_no_review() -> None:
    on_the_last_day = check_packet(spring_packet("2027-06-15"), SPRING, as_of=d("2027-06-20"))
    assert on_the_last_day.verdict is Verdict.PASS
    assert "held by" not in on_the_last_day.findings[0].message
    not_yet_sent = check_packet(spring_packet("2027-02-01"), SPRING, as_of=d("2027-01-31"))
    assert Outcome.NEEDS_REVIEW not in {f.outcome for f in not_yet_sent.findings}  # not in yet: nothing to review
    approval = Approval(dates=SPRING_MEETINGS, approved_on="2026-07-01")
    after = check_credit_application(
        ana("2027-06-15"), approval=approval, as_of=d("2027-06-20"), year_long=year_long(spring_packet("2027-06-15"))
    )
    assert after.verdict is Verdict.PASS
    assert after.findings[-2].message.endswith("2027-05-18, 2027-06-15; 0.9 CEU for the packet.")


def test_ceurules_check_on_the_users_file(tmp_path: Path) -> None:
    spring = "\n".join(f'"{m}" = ["Ana Ruiz"]' for m in SPRING_MEETINGS)
    attended = ", ".join(SPRING_MEETINGS)
    path = tmp_path / "plc.ceu.toml"
    path.write_text(
        PLC.read_text(encoding="utf-8").replace(
            "[[packets]]",
            "[[applications]]\n"
            f'participant = "Ana Ruiz"\nattended = [{attended}]\nsubmitted = 2027-02-01\npaid = 2027-02-01\n\n'
            "[[packets]]",
            1,
        )
        + '\n[[packets]]\nterm = "spring"\nschool_year = 2026\nsubmitted = 2027-02-01\napplications = ["Ana Ruiz"]\n'
        f'evaluations = ["Ana Ruiz"]\n\n[packets.sign_ins]\n{spring}\n',
        encoding="utf-8",
    )
    code, out, _ = run(["check", str(path), "--today", "2027-03-01"])
    assert code == 0, out  # needs review passes without --strict
    assert out.rstrip().splitlines()[-1] == "=> NEEDS REVIEW"
    assert (
        "    [met] The packet's sign-in sheets show Ana Ruiz at 2 meeting(s): 2027-01-19, 2027-02-16; 0.3 CEU for the"
        " packet. (credit.proof, D16)" in out.splitlines()
    )
    assert "at 6 meeting(s)" not in out
    assert "Credit packet of 'spring 2026-27': NEEDS REVIEW" in out
    assert run(["check", str(path), "--today", "2027-03-01", "--strict"])[0] == 1


@given(
    as_of=st.dates(min_value=dt.date(2026, 12, 1), max_value=dt.date(2027, 8, 1)),
    signed=st.lists(st.sampled_from(SPRING_DAYS), min_size=1, unique=True),
    submitted=st.none() | st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2027, 7, 31)),
)
def test_no_year_long_answer_counts_a_meeting_after_the_day_of_the_check(
    as_of: dt.date, signed: list[dt.date], submitted: dt.date | None
) -> None:
    packet = Packet(
        sign_ins={m: ["Ana Ruiz"] for m in signed},
        applications=["Ana Ruiz"],
        evaluations=["Ana Ruiz"],
        submitted=submitted,
    )
    held = sorted(m for m in signed if m <= as_of)
    standing = packet_standing("Ana Ruiz", SPRING_DAYS, None, year_long(packet), as_of=as_of)
    if standing.packet is not None:  # in only once sent by as_of
        assert list(standing.signed_in) == held
        assert standing.ceus == participant_ceus(HOUR_AND_A_HALF, len(held))  # the held meetings, rounded once
    contents = check_packet(packet, SPRING, as_of=as_of).findings[0]
    assert all(m <= as_of for m in contents.facts["meetings"])
    application = CreditApplication(attendance=Attendance(participant="Ana Ruiz", dates=SPRING_DAYS))
    decision = check_credit_application(application, approval=None, as_of=as_of, year_long=year_long(packet))
    for finding in decision.findings:
        assert all(m <= as_of for m in finding.facts.get("signed_in", ()))
        if finding.facts.get("about") == "sign_ins" and "value" in finding.facts:  # a sheet not yet held (D16)
            assert finding.facts["value"] == sorted(set(signed) - set(held))
