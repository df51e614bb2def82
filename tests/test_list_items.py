"""A list with several bad items is refused naming every one of them, in the Python API as in files."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from ceurules import Attendance, Documents, InvalidInputError, Program, submission_deadline
from ceurules._fields import Problems


def _refused(call: object) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as info:
        call()  # type: ignore[operator]
    return info.value


def test_every_bad_date_of_a_program_is_named() -> None:
    err = _refused(lambda: Program(title="T", activity="workshop", offering_dates=["a", "2027-03-09", "b", "c"]))
    assert [(one.field, one.value) for one in err.each()] == [
        ("offering_dates[0]", "a"),
        ("offering_dates[2]", "b"),
        ("offering_dates[3]", "c"),
    ]
    assert (err.field, err.value) == ("offering_dates[0]", "a")  # the first, as before
    expected = "expected an ISO date such as 2026-11-20"
    refused = ((0, "a"), (2, "b"), (3, "c"))
    assert str(err) == "; ".join(f"offering_dates[{i}]: {expected}, got '{v}'" for i, v in refused)


def test_every_date_out_of_the_years_and_every_repeat_is_named() -> None:
    err = _refused(lambda: submission_deadline([dt.date(1800, 1, 1), dt.date(1801, 1, 1), dt.date(2300, 1, 1)]))
    assert [one.field for one in err.each()] == ["offering_dates[0]", "offering_dates[1]", "offering_dates[2]"]
    err = _refused(lambda: Attendance(participant="A", dates=["2027-03-09", "2027-03-09", "x", "y"]))
    assert [one.field for one in err.each()] == ["attended[2]", "attended[3]"]
    days = ["2027-03-09", "2027-03-09", "2027-03-10", "2027-03-10"]
    err = _refused(lambda: Attendance(participant="A", dates=days))
    assert [(one.field, one.expected) for one in err.each()] == [
        ("attended[1]", "dates that are not repeated"),
        ("attended[3]", "dates that are not repeated"),
    ]


def test_a_long_list_of_bad_items_is_named_in_full_and_shown_in_part() -> None:
    err = _refused(lambda: Program(title="T", activity="workshop", offering_dates=[str(i) for i in range(25)]))
    assert len(err.each()) == 25
    assert str(err).count("expected") == 10 and str(err).endswith("; and 15 more item(s) refused")


def test_the_error_of_several_items_survives_pickling() -> None:
    err = _refused(lambda: Program(title="T", activity="workshop", offering_dates=["a", "b"]))
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and [one.field for one in again.each()] == ["offering_dates[0]", "offering_dates[1]"]


def test_a_collector_of_problems_records_every_item() -> None:
    err = _refused(lambda: Attendance(participant="A", dates=["x", "y"]))
    paths = (("applications[0].attended[0]", "applications[0].attended[1]"), ("rows.attended", "rows.attended[1]"))
    for path, expected in paths:
        problems = Problems()
        problems.refused(path, err)
        assert [p for p, _ in problems.found] == [path, expected]


def test_every_bad_date_of_every_session_and_every_bad_vita_is_named() -> None:
    sessions = [["x", "2027-03-09"], ["2027-03-10", "y"]]
    err = _refused(lambda: Program(title="T", activity="workshop", sessions=sessions))
    assert [(one.field, one.value) for one in err.each()] == [("sessions[0][0]", "x"), ("sessions[1][1]", "y")]
    err = _refused(lambda: Documents(vitas=["", "Ana", 5]))  # type: ignore[list-item]
    assert [(one.field, one.value) for one in err.each()] == [("vitas[0]", ""), ("vitas[2]", 5)]
