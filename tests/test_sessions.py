"""Sessions of one or more dated days (D15): CEUs per session, the window from the session's last day."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from ceurules import (
    DEFAULT_POLICY,
    ActivityType,
    Attendance,
    CreditApplication,
    InvalidInputError,
    Outcome,
    Payment,
    Program,
    Segment,
    check_credit_application,
    load_program,
    load_program_file,
    review_program_file,
    timeline,
)
from ceurules.schema import program_file_schema
from helpers import assert_finding, d

TWO_DAY = Path(__file__).parent / "files" / "two-day-workshop.ceu.toml"


def _three_day() -> Program:
    return Program(
        title="Summer Institute",
        activity=ActivityType.WORKSHOP,
        sessions=[["2026-06-08", "2026-06-09", "2026-06-10"], ["2026-07-13", "2026-07-14", "2026-07-15"]],
        agenda=[Segment(start="09:00", end="12:00", kind="instruction")],
    )


# -- ceu.unit, D15: CEUs per session ---------------------------------------------------------------


def test_a_two_day_workshop_offered_twice_carries_its_ceus_per_session() -> None:
    pf = load_program_file(TWO_DAY)
    assert pf.program.offering_dates == (d("2026-10-05"), d("2026-10-06"), d("2026-11-09"), d("2026-11-10"))
    assert pf.approval is not None and pf.approval.dates == pf.program.offering_dates  # every listed date
    report = review_program_file(pf, as_of=d("2026-12-09"))
    assert (str(report.ceus), report.per) == ("1.2", "session")
    assert str(report).startswith(f"{pf.source}: 1.2 CEU per session")


def test_ceus_are_per_session_for_an_undated_agenda_too() -> None:
    program = _three_day()
    assert program.session_days[1] == (d("2026-07-13"), d("2026-07-14"), d("2026-07-15"))
    assert program.contact_minutes(policy=DEFAULT_POLICY) == 180


def test_a_dated_agenda_over_every_day_counts_one_session() -> None:
    days = ["2026-10-05", "2026-10-06", "2026-11-09", "2026-11-10"]
    program = Program(
        title="T",
        activity="workshop",
        sessions=[days[:2], days[2:]],
        agenda=[Segment(day=day, start="09:00", end="15:00", kind="instruction") for day in days],
    )
    assert program.contact_minutes(policy=DEFAULT_POLICY) == 720  # 12 h per session, not 24 h
    assert program.agenda.contact_minutes(policy=DEFAULT_POLICY) == 1440


# -- credit.window, D5, D15: the window runs from the last day of the session attended -------------


def test_a_participant_at_the_first_day_only_applies_from_the_session_s_last_day() -> None:
    pf = load_program_file(TWO_DAY)
    (application,) = pf.applications
    assert application.attendance.session_last_day == d("2026-11-10")
    assert application.attendance.window_anchor == d("2026-11-10")
    decision = check_credit_application(application, approval=pf.approval)
    # 2026-12-08 is 29 days after day 1 (2026-11-09): on time either way; the deadline is what moved.
    assert_finding(decision, "credit.window", Outcome.MET, says="within the window ending 2026-12-10")


def test_a_session_of_three_days_where_the_participant_attended_only_the_first() -> None:
    program = _three_day()
    assert program.session_end([d("2026-06-08")]) == d("2026-06-10")
    attendance = Attendance(
        participant="Ann", dates=["2026-06-08"], session_last_day=program.session_end([d("2026-06-08")])
    )
    late = CreditApplication(attendance=attendance, submitted="2026-07-10", payment=Payment(paid="2026-07-10"))
    decision = check_credit_application(late, approval=None)
    assert_finding(decision, "credit.window", Outcome.MET, says="within the window ending 2026-07-10")
    one_day = CreditApplication(
        attendance=Attendance(participant="Ann", dates=["2026-06-08"]),
        submitted="2026-07-10",
        payment=Payment(paid="2026-07-10"),
    )
    assert_finding(check_credit_application(one_day, approval=None), "credit.window", Outcome.NOT_MET)
    events = timeline(program, application=late).events
    assert any(e.day == d("2026-07-10") and e.what == "last day to apply and pay" for e in events)
    assert program.session_end([d("2026-08-01")]) is None and program.session_end([]) is None


def test_a_session_last_day_before_the_last_day_attended_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="session_last_day"):
        Attendance(participant="Ann", dates=["2026-06-09"], session_last_day="2026-06-08")


def test_the_last_day_attended_stays_available() -> None:
    attendance = Attendance(participant="Ann", dates=["2026-06-08"], session_last_day="2026-06-10")
    assert (attendance.last_day, attendance.session_end) == (d("2026-06-08"), d("2026-06-10"))


# -- approval.dates, D15: the sessions' days are the offering dates --------------------------------


def test_a_plain_list_of_dates_is_one_session_per_date() -> None:
    program = Program(title="T", activity="workshop", offering_dates=["2026-10-05", "2026-11-09"])
    assert program.sessions is None
    assert program.session_days == ((d("2026-10-05"),), (d("2026-11-09"),))
    assert program.session_of(d("2026-11-09")) == (d("2026-11-09"),)
    assert "sessions" not in program.to_dict()


def test_sessions_and_offering_dates_must_agree() -> None:
    same = Program(title="T", activity="workshop", offering_dates=["2026-10-05"], sessions=[["2026-10-05"]])
    assert same.offering_dates == (d("2026-10-05"),)
    with pytest.raises(InvalidInputError, match="exactly the offering dates"):
        Program(title="T", activity="workshop", offering_dates=["2026-10-05"], sessions=[["2026-10-06"]])


# -- sessions in program files and the timeline (no clause) ----------------------------------------


def test_sessions_round_trip_through_program_files() -> None:
    program = load_program(TWO_DAY)
    data = program.to_dict()
    assert data["sessions"] == [["2026-10-05", "2026-10-06"], ["2026-11-09", "2026-11-10"]]
    assert "offering_dates" not in data
    assert load_program(data) == program
    jsonschema.validate(data, program_file_schema())


@pytest.mark.parametrize(
    ("sessions", "field", "says"),
    [
        ([["2026-10-05", "2026-10-07"], ["2026-10-06"]], r"sessions\[1\]", "a session after 2026-10-07"),
        ([[]], r"sessions\[0\]", "one or more dates"),
        ("2026-10-05", "sessions", "a list of sessions"),
        ([["2026-10-05", "2026-10-05"]], r"sessions\[0\]\[1\]", "not repeated"),
    ],
)
def test_bad_sessions_are_refused(sessions: object, field: str, says: str) -> None:
    with pytest.raises(InvalidInputError, match=field) as err:
        Program(title="T", activity="workshop", sessions=sessions)  # type: ignore[arg-type]
    assert says in str(err.value)


def test_a_program_file_cannot_state_the_session_s_last_day() -> None:
    from ceurules import ProgramFileError

    data = {
        "title": "T",
        "activity": "workshop",
        "offering_dates": ["2026-10-05"],
        "applications": [{"participant": "A", "attended": ["2026-10-05"], "session_last_day": "2026-10-09"}],
    }
    with pytest.raises(ProgramFileError, match="session_last_day"):
        load_program_file(data)


def test_the_timeline_numbers_the_days_of_a_session() -> None:
    events = [
        (e.day, e.what, e.default) for e in timeline(load_program(TWO_DAY)).events if e.what.startswith("session")
    ]
    assert events[:2] == [
        (d("2026-10-05"), "session, day 1 of 2", "D15"),
        (d("2026-10-06"), "session, day 2 of 2", "D15"),
    ]
    assert len(events) == 4
