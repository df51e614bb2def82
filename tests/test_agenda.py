"""Timed agendas and contact time (D8)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, cast

import attrs
import pytest
from hypothesis import given

from ceurules import DEFAULT_POLICY, Agenda, InvalidInputError, Program, Segment, SegmentKind
from ceurules._convert import to_time
from ceurules.policy import Change
from strategies import agendas


def seg(kind: str, start: str, end: str, day: str | None = None) -> Segment:
    return Segment(kind=kind, start=start, end=end, day=day)


# -- ceu.unit, D8: contact time of a timed agenda --------------------------------------------------


def test_contact_time_counts_instruction_not_breaks_meals_registration_social() -> None:
    agenda = Agenda(
        segments=[
            seg("registration", "08:00", "08:30"),
            seg("instruction", "08:30", "10:00"),
            seg("break", "10:00", "10:15"),
            seg("hands-on", "10:15", "12:00"),
            seg("meal", "12:00", "13:00"),
            seg("discussion", "13:00", "14:00"),
            seg("assessment", "14:00", "14:30"),
            seg("social", "14:30", "15:30"),
        ]
    )
    assert agenda.wall_minutes == 450
    assert agenda.contact_minutes(policy=DEFAULT_POLICY) == 90 + 105 + 60 + 30


def test_policy_decides_which_kinds_count() -> None:
    agenda = Agenda(segments=[seg("instruction", "09:00", "10:00"), seg("social", "10:00", "11:00")])
    generous = attrs.evolve(DEFAULT_POLICY, contact_kinds={SegmentKind.INSTRUCTION, SegmentKind.SOCIAL})
    assert agenda.contact_minutes(policy=DEFAULT_POLICY) == 60
    assert agenda.contact_minutes(policy=generous) == 120


# -- ceu.unit, D8: what a timed agenda may hold ----------------------------------------------------


_MIDNIGHT = "; a segment may not cross midnight (split it at midnight into two dated segments)"


@pytest.mark.parametrize(
    ("start", "end", "says"),
    [
        ("23:00", "01:00", f"a time after the start 23:00{_MIDNIGHT}"),  # 22 hours back: overnight
        ("20:00", "07:59", f"a time after the start 20:00{_MIDNIGHT}"),  # 12 h 1 min back
        ("20:00", "08:00", "a time after the start 20:00 (this end is before the start)"),  # 12 hours: not overnight
        ("15:45", "15:30", "a time after the start 15:45 (this end is before the start)"),  # a typo
        ("09:00", "09:00", "a time after the start 09:00"),
    ],
)
def test_an_end_at_or_before_the_start_mentions_midnight_only_when_it_looks_overnight(
    start: str, end: str, says: str
) -> None:
    with pytest.raises(InvalidInputError) as info:
        seg("instruction", start, end)
    assert (info.value.field, info.value.expected) == ("end", says)
    assert str(info.value) == f"end: expected {says}, got {end}"


def test_zero_length_segment_is_an_error() -> None:
    with pytest.raises(InvalidInputError, match="after the start"):
        seg("instruction", "09:00", "09:00")


def test_overlapping_segments_name_both() -> None:
    with pytest.raises(InvalidInputError, match=r"agenda\[0\]") as info:
        Agenda(segments=[seg("instruction", "09:00", "10:30"), seg("break", "10:15", "10:30")])
    assert info.value.field == "agenda[1].start"


def test_same_times_on_different_days_do_not_overlap() -> None:
    agenda = Agenda(
        segments=[
            seg("instruction", "09:00", "12:00", "2026-12-15"),
            seg("instruction", "09:00", "12:00", "2026-12-16"),
        ]
    )
    assert agenda.contact_minutes(policy=DEFAULT_POLICY) == 360


def test_mixing_dated_and_undated_segments_is_an_error() -> None:
    with pytest.raises(InvalidInputError, match="every segment or on none"):
        Agenda(segments=[seg("instruction", "09:00", "10:00", "2026-12-15"), seg("instruction", "11:00", "12:00")])


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "nap"), ("start", "9am"), ("start", "25:00"), ("end", 930), ("day", "2026-13-01")],
)
def test_bad_segment_fields_name_the_field(field: str, value: object) -> None:
    values: dict[str, object] = {"kind": "instruction", "start": "09:00", "end": "10:00"}
    values[field] = value
    with pytest.raises(InvalidInputError) as info:
        Segment(**values)  # type: ignore[arg-type]
    assert info.value.field == field
    assert repr(value) in str(info.value)


def test_seconds_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="whole minutes"):
        Segment(kind="instruction", start=dt.time(9, 0, 30), end="10:00")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (
            lambda: Segment(kind="nap", start="09:00", end="10:00"),
            "kind: expected one of instruction, hands-on, discussion, assessment, evaluation, break, meal, "
            "registration, social, got 'nap'",
        ),
        (
            lambda: Segment(kind="instruction", start=dt.time(9, 0, 0, 5), end="10:00"),
            "start: expected a time in whole minutes, got 09:00:00.000005",
        ),
        (
            lambda: Segment(kind="instruction", start="09:00", end=dt.time(10, 0, 30)),
            "end: expected a time in whole minutes, got 10:00:30",
        ),
        (
            lambda: Agenda(segments=[seg("hands-on", "09:00", "10:00", "2026-12-15"), seg("meal", "12:00", "13:00")]),
            "agenda[1].day: expected a day on every segment or on none, got null",
        ),
        (
            lambda: Agenda(segments=[seg("instruction", "09:00", "10:30"), seg("break", "10:15", "10:30")]),
            "agenda[1].start: expected a time at or after 10:30, when agenda[0] (instruction) ends; "
            "segments may not overlap, got 10:15",
        ),
        (lambda: Agenda(segments=cast(Any, 5)), "agenda: expected a list of segments, got 5"),
        (
            lambda: Agenda(segments=cast(Any, [seg("meal", "12:00", "13:00"), "x"])),
            "agenda[1]: expected a Segment, got 'x'",
        ),
    ],
)
def test_a_refused_segment_or_agenda_says_what_was_expected_in_full(make: Any, says: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        make()
    assert str(info.value) == says


@given(agenda=agendas())
def test_contact_time_never_exceeds_wall_time(agenda: Agenda) -> None:
    assert 0 <= agenda.contact_minutes(policy=DEFAULT_POLICY) <= agenda.wall_minutes


def test_segments_may_come_in_any_order() -> None:
    agenda = Agenda(segments=[seg("instruction", "10:00", "11:00"), seg("instruction", "09:00", "10:00")])
    assert agenda.contact_minutes(policy=DEFAULT_POLICY) == 120


def test_overlaps_are_found_across_the_days_of_a_multi_day_agenda() -> None:
    with pytest.raises(InvalidInputError) as info:
        Agenda(
            segments=[
                seg("instruction", "09:00", "12:00", "2026-12-15"),
                seg("instruction", "10:00", "11:00", "2026-12-16"),
                seg("break", "11:00", "11:30", "2026-12-15"),
            ]
        )
    assert info.value.field == "agenda[2].start"
    assert "when agenda[0] (instruction) ends" in str(info.value)


def test_overlap_message_uses_the_segment_title() -> None:
    with pytest.raises(InvalidInputError, match=r"when agenda\[0\] \(Keynote\) ends"):
        Agenda(
            segments=[
                Segment(kind="instruction", start="09:00", end="10:00", title="Keynote"),
                seg("break", "09:30", "10:30"),
            ]
        )


@pytest.mark.parametrize(
    ("days", "bad"),
    [([None, "2026-12-15"], "agenda[1].day"), (["2026-12-15", "2026-12-16", None], "agenda[2].day")],
)
def test_the_first_segment_that_breaks_the_dating_is_named(days: list[str | None], bad: str) -> None:
    segments = [seg("instruction", f"{9 + i:02d}:00", f"{9 + i:02d}:30", day) for i, day in enumerate(days)]
    with pytest.raises(InvalidInputError) as info:
        Agenda(segments=segments)
    assert info.value.field == bad


def test_segment_kinds_are_read_in_any_case_with_underscores() -> None:
    assert Segment(kind="HANDS_ON", start="09:00", end="10:00").kind is SegmentKind.HANDS_ON
    assert Segment(kind=" Hands-On ", start="09:00", end="10:00").kind is SegmentKind.HANDS_ON


# -- ceu.unit, D8: agenda times ----------------------------------------------------------------


def test_time_zones_are_refused_on_agenda_times() -> None:
    with pytest.raises(InvalidInputError, match="without a time zone"):
        to_time(dt.time(9, 0, tzinfo=dt.UTC), "start")


def test_dated_agenda_round_trips_and_must_use_offering_dates() -> None:
    segments = [Segment(kind="instruction", start="09:00", end="12:00", day="2026-12-15")]
    program = Program(title="T", activity="workshop", offering_dates=["2026-12-15"], agenda=segments)
    assert program.to_dict()["agenda"][0]["day"] == "2026-12-15"
    with pytest.raises(InvalidInputError, match=r"offering dates \(none\)"):
        Program(title="T", activity="workshop", agenda=segments)


def test_contact_blocks_follow_the_days_before_the_times() -> None:
    # Day one 09:00-11:00 without a gap is one block; day two's 09:30 start comes after it, not between.
    agenda = Agenda(
        segments=[
            Segment(kind="instruction", start="09:30", end="10:30", day="2026-11-21"),
            Segment(kind="instruction", start="10:00", end="11:00", day="2026-11-20"),
            Segment(kind="instruction", start="09:00", end="10:00", day="2026-11-20"),
        ]
    )
    assert agenda.contact_blocks(policy=DEFAULT_POLICY) == (Fraction(120), Fraction(60))


def test_a_question_without_a_date_under_dated_contact_kinds_is_refused() -> None:
    dated = attrs.evolve(
        DEFAULT_POLICY, changes=[Change(parameter="contact_kinds", effective="2027-08-01", value=["instruction"])]
    )
    agenda = Agenda(segments=[Segment(kind="instruction", start="09:00", end="10:00")])
    expected = (
        "on: expected the date the question is about: the policy changes contact_kinds from 2027-08-01, got null"
    )
    for question in (agenda.contact_minutes, agenda.contact_blocks):
        with pytest.raises(InvalidInputError) as caught:
            question(policy=dated)
        assert str(caught.value) == expected
    assert agenda.contact_minutes(policy=dated.on(dt.date(2027, 9, 1))) == 60
