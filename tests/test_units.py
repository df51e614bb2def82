"""CEU arithmetic: ``ceu.unit`` with D7 (tenths, half up) and D8 (60-minute contact hour)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ceurules import DEFAULT_POLICY, InvalidInputError, Program, Rounding, ceus, contact_minutes, credits
from ceurules.errors import as_written
from ceurules.policy import Change
from strategies import minutes

td = dt.timedelta


# -- ceu.unit, D7: CEUs from contact time, in tenths, half up --------------------------------------


@pytest.mark.parametrize(
    ("contact_time", "expected"),
    [
        (td(hours=10), "1.0"),  # ceu.unit: ten contact hours are one CEU
        (td(minutes=450), "0.8"),  # D7: 7.5 hours = 0.75 CEU, half up to 0.8
        (td(minutes=30), "0.1"),  # D7: 0.05 CEU rounds up to 0.1
        (td(minutes=29), "0.0"),  # D7: 0.0483 CEU rounds down to 0.0
        (td(minutes=0), "0.0"),
        (td(hours=15), "1.5"),
        (td(minutes=390), "0.7"),  # 6.5 hours = 0.65, half up
        (12, "1.2"),
        (Decimal("7.5"), "0.8"),
        ("7.5", "0.8"),
        (" 2.25 ", "0.2"),  # 0.225 CEU -> 0.2
        (td(hours=1000), "100.0"),
    ],
)
def test_ceus_examples(contact_time: object, expected: str) -> None:
    result = ceus(contact_time)  # type: ignore[arg-type]
    assert result == Decimal(expected)
    assert str(result) == expected


def test_ceus_result_is_decimal_in_tenths() -> None:
    assert isinstance(ceus(td(minutes=450)), Decimal)
    assert ceus(td(minutes=450)).as_tuple().exponent == -1


def test_ceus_is_exact_where_floats_are_not() -> None:
    # 0.15 hours as a float is 0.1499999...: refused; as text it is exactly 9 minutes.
    assert contact_minutes("0.15") == 9
    with pytest.raises(InvalidInputError, match="exact contact time"):
        contact_minutes(0.15)  # type: ignore[arg-type]
    # 35 minutes = 0.058333... CEU: exact arithmetic, no drift at the half.
    assert ceus(td(minutes=35)) == Decimal("0.1")
    assert ceus(td(minutes=89)) == Decimal("0.1")  # 0.148
    assert ceus(td(minutes=90)) == Decimal("0.2")  # 0.15 exactly, half up


# -- ceu.unit, D7: another credit system's rounding, increment and minimum -------------------------


def test_a_variant_credit_system_is_data() -> None:
    # Another agency: CEUs rounded down, a 5-contact-hour minimum, quarter-unit increments.
    agency = attrs.evolve(
        DEFAULT_POLICY, ceu_rounding=Rounding.DOWN, minimum_contact_hours=Decimal(5), ceu_increment=Decimal("0.25")
    )
    assert ceus(td(minutes=450), policy=agency) == Decimal("0.75")
    assert ceus(td(hours=4, minutes=59), policy=agency) == Decimal("0.00")  # under the minimum
    assert ceus(td(hours=9, minutes=59), policy=agency) == Decimal("0.75")  # 0.998 rounded down
    fifty = attrs.evolve(DEFAULT_POLICY, minutes_per_contact_hour=50)
    assert ceus(10, policy=fifty) == Decimal("1.0")  # ten contact hours are one CEU, however long an hour is
    assert ceus(td(minutes=500), policy=fifty) == Decimal("1.0")  # ten 50-minute hours
    assert ceus(td(minutes=450), policy=fifty) == Decimal("0.9")


@pytest.mark.parametrize(
    ("rounding", "minutes_", "expected"),
    [
        (Rounding.HALF_UP, 30, "0.1"),
        (Rounding.HALF_EVEN, 30, "0.0"),
        (Rounding.HALF_EVEN, 90, "0.2"),
        (Rounding.DOWN, 59, "0.0"),
        (Rounding.UP, 1, "0.1"),
        (Rounding.HALF_UP, 31, "0.1"),
        (Rounding.HALF_EVEN, 31, "0.1"),
    ],
)
def test_rounding_modes(rounding: Rounding, minutes_: int, expected: str) -> None:
    policy = attrs.evolve(DEFAULT_POLICY, ceu_rounding=rounding)
    assert ceus(td(minutes=minutes_), policy=policy) == Decimal(expected)


def test_exact_multiples_are_never_rounded_up() -> None:
    up = attrs.evolve(DEFAULT_POLICY, ceu_rounding=Rounding.UP)
    assert ceus(td(minutes=60), policy=up) == Decimal("0.1")
    assert ceus(td(minutes=61), policy=up) == Decimal("0.2")
    assert ceus(td(minutes=0), policy=up) == Decimal("0.0")


@pytest.mark.parametrize(("minutes_", "expected"), [(150, "0.2"), (210, "0.4"), (270, "0.4"), (330, "0.6")])
def test_half_even_goes_to_the_even_tenth(minutes_: int, expected: str) -> None:
    even = attrs.evolve(DEFAULT_POLICY, ceu_rounding=Rounding.HALF_EVEN)
    assert ceus(td(minutes=minutes_), policy=even) == Decimal(expected)


def test_exactly_the_minimum_earns_credit() -> None:
    agency = attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=Decimal(5))
    assert ceus(td(hours=5), policy=agency) == Decimal("0.5")
    assert ceus(td(hours=4, minutes=59), policy=agency) == Decimal("0.0")


def test_under_the_minimum_is_zero_even_when_rounding_up() -> None:
    agency = attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=Decimal(5), ceu_rounding=Rounding.UP)
    assert ceus(td(hours=4), policy=agency) == Decimal("0.0")
    assert ceus(td(hours=5, minutes=1), policy=agency) == Decimal("0.6")


# -- ceu.unit, D8: hours read in the policy's contact hour -----------------------------------------


def test_hours_are_read_with_the_policy_s_minutes_per_contact_hour() -> None:
    fifty = attrs.evolve(DEFAULT_POLICY, minutes_per_contact_hour=50)
    assert contact_minutes("5", policy=fifty) == fifty.hours_to_minutes(Decimal(5)) == 250
    assert ceus("5", policy=fifty) == ceus(td(minutes=250), policy=fifty) == Decimal("0.5")
    assert credits("5", policy=fifty).amount == credits(td(minutes=250), policy=fifty).amount == Decimal("0.5")


def test_a_program_s_contact_time_is_an_exact_timedelta() -> None:
    from ceurules import Program

    stated = Program(title="Reading", activity="directed reading", contact_hours="7.5")
    assert stated.contact_time(policy=DEFAULT_POLICY) == td(hours=7, minutes=30)
    assert ceus(stated.contact_time(policy=DEFAULT_POLICY)) == ceus(stated) == Decimal("0.8")
    finer = Program(title="Reading", activity="directed reading", contact_hours="0.000000001")  # 3.6 microseconds
    with pytest.raises(InvalidInputError, match="contact_hours: expected contact time in whole microseconds"):
        finer.contact_time(policy=DEFAULT_POLICY)


# -- ceu.unit, D7, D8: invariants ------------------------------------------------------------------


@given(a=minutes, b=minutes)
@example(a=29, b=30)
@example(a=0, b=0)
def test_ceus_monotonic_in_contact_time(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert ceus(td(minutes=lo)) <= ceus(td(minutes=hi))


@given(a=minutes, b=minutes)
@example(a=30, b=30)
@example(a=29, b=29)
def test_ceus_add_up_within_one_increment(a: int, b: int) -> None:
    together = ceus(td(minutes=a + b))
    apart = ceus(td(minutes=a)) + ceus(td(minutes=b))
    assert abs(together - apart) <= DEFAULT_POLICY.ceu_increment


@given(m=minutes)
def test_ceus_within_half_an_increment_of_the_exact_value(m: int) -> None:
    exact = Decimal(m) / 600
    assert abs(ceus(td(minutes=m)) - exact) <= Decimal("0.05")
    assert ceus(td(minutes=m)) % Decimal("0.1") == 0


@given(hours=st.decimals(min_value=0, max_value=1000, places=3))
def test_hours_and_timedelta_agree(hours: Decimal) -> None:
    micro = int(hours * 3_600_000_000)
    if Decimal(micro) == hours * 3_600_000_000:
        assert ceus(hours) == ceus(td(microseconds=micro))


# -- refused input: contact time that is not a length of time (no clause) --------------------------


@pytest.mark.parametrize(
    "bad",
    [
        -1,
        Decimal("-0.5"),
        "-3",
        Decimal("NaN"),
        Decimal("Infinity"),
        float("nan"),
        float("inf"),
        6.5,  # a float is not exact contact time, even one that looks so
        0.15,
        "seven",
        "",
        None,
        True,
        [1],
        td(minutes=-1),
        10**9,
    ],
)
def test_ceus_refuses_bad_input_naming_the_value(bad: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        ceus(bad)  # type: ignore[arg-type]
    assert info.value.field == "contact_time"
    assert as_written(bad)[:10] in str(info.value)


@pytest.mark.parametrize(
    ("ask", "says"),
    [
        (
            lambda: ceus(Fraction(90)),  # type: ignore[arg-type]
            "contact_time: expected a timedelta or a number of hours (minutes: timedelta(minutes=...); "
            "a program: ceus(program)), got Fraction(90, 1)",
        ),
        (
            lambda: ceus(6.5),  # type: ignore[arg-type]
            "contact_time: expected exact contact time: a timedelta, or hours as an int, a Decimal or decimal "
            "text such as '6.5', got 6.5",
        ),
        (
            lambda: ceus("1", on="junk"),  # type: ignore[arg-type]
            "on: expected an ISO date such as 2026-11-20, got 'junk'",
        ),
        (
            lambda: credits("1", on="2026-02-30"),  # type: ignore[arg-type]
            "on: expected a real calendar date (YYYY-MM-DD), got '2026-02-30'",
        ),
    ],
)
def test_refused_contact_time_or_day_says_what_was_expected_in_full(ask: Any, says: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        ask()
    assert str(info.value) == says


def test_hours_are_counted_under_the_version_in_force_on_the_day_asked_about() -> None:
    # D13: 10 hours are 1.0 CEU at 10 hours a CEU, 2.0 at 5 hours a CEU from 2027-08-01.
    dated = attrs.evolve(
        DEFAULT_POLICY, changes=[Change(parameter="contact_hours_per_ceu", effective="2027-08-01", value=5)]
    )
    assert ceus("10", policy=dated, on=dt.date(2027, 9, 1)) == Decimal("2.0")
    assert ceus("10", policy=dated, on=dt.date(2027, 7, 31)) == Decimal("1.0")
    # A program is counted on its first offering unless the question names the day.
    program = Program(title="Workshop", activity="workshop", offering_dates=["2026-11-20"], contact_hours="10")
    assert ceus(program, policy=dated) == Decimal("1.0")
    assert ceus(program, policy=dated, on=dt.date(2027, 9, 1)) == Decimal("2.0")
