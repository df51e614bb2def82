"""Carry-over into the next cycle (R7): a limit, a window of the previous cycle's final year, the excess only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceurules import Activity, EducatorRecord, InvalidInputError, RenewalRuleError, load_renewal_rule, renewal_progress
from ceurules.renewal_rules import RenewalRule, Requirement

SOURCE = {"document": "Test rule", "section": "1"}
EXPIRES = dt.date(2026, 6, 30)  # cycle 2021-07-01 - 2026-06-30; the previous cycle's final year 2020-07-01 - 2021-06-30


def rule(**leaf: Any) -> RenewalRule:
    node = {"id": "pd", "unit": "clock_hour", "minimum": 120, "accepts": {"semester_hour": 15}, **leaf}
    return load_renewal_rule(
        {
            "format": "ceurules-renewal-rule",
            "format_version": 1,
            "name": "carry-test",
            "title": "Carry-over test",
            "cycle_years": 5,
            "effort": {"clock_hour": 1, "semester_hour": 15},
            "source": SOURCE,
            "versions": [{"from": "2000-07-01", "root": "pd", "nodes": [node]}],
        }
    )


APRIL_JUNE = rule(carry_over=120, carry_over_window=["04-01", "06-30"], carry_over_excess=True)


def hours(id: str, day: str, amount: str, unit: str = "clock_hour") -> Activity:
    return Activity(id=id, date=day, unit=unit, amount=amount)


def record(*acts: Activity) -> EducatorRecord:
    return EducatorRecord(educator="T", license_expires=EXPIRES, activities=acts)


def carried(progress: Any) -> Decimal:
    (finding,) = [f for f in progress.findings if f.node == "pd" and "counted" in f.facts]
    return Decimal(finding.facts["carried_over"])


def test_hours_above_the_requirement_earned_april_to_june_carry_over() -> None:
    rec = record(
        hours("sept", "2020-09-15", "100"),
        hours("may", "2021-05-20", "40"),  # 140 in the previous cycle: 20 above 120, all of them April-June
        hours("now", "2023-02-01", "100"),
    )
    progress = renewal_progress(rec, APRIL_JUNE)
    assert progress.met and carried(progress) == 20
    assert progress.allocation == {"may": "pd", "now": "pd"}
    assert progress.outside_cycle() == ("sept",)
    assert "120 clock hours counted (20 clock hours carried over from the previous cycle, R7)" in str(progress)


def test_nothing_carried_is_an_exact_zero() -> None:
    """No activity of the previous cycle: the carried amount is the decimal 0, written "0" in JSON like every
    amount, not the number 0."""
    progress = renewal_progress(record(hours("now", "2023-02-01", "100")), APRIL_JUNE)
    (finding,) = [f for f in progress.findings if f.node == "pd" and "counted" in f.facts]
    assert repr(finding.facts["carried_over"]) == "Decimal('0')"
    assert finding.to_dict()["facts"]["carried_over"] == "0"


def test_only_window_hours_count_and_only_above_the_requirement() -> None:
    base = [hours("early", "2017-01-10", "150"), hours("now", "2023-02-01", "100")]
    # 150 before the window: 30 above the requirement, but no April-June hours to carry
    assert carried(renewal_progress(record(*base), APRIL_JUNE)) == 0
    # the window's first and last day count; March 31 and July 1 (the new cycle) are not carried
    rec = record(
        *base,
        hours("mar31", "2021-03-31", "5"),
        hours("apr1", "2021-04-01", "4"),
        hours("jun30", "2021-06-30", "3"),
        hours("jul1", "2021-07-01", "2"),
    )
    progress = renewal_progress(rec, APRIL_JUNE)
    assert carried(progress) == 7
    assert progress.counted == (Decimal(109),) and progress.missing == (Decimal(11),)
    assert "mar31" in progress.outside_cycle() and "apr1" not in progress.outside_cycle()
    # window hours the previous cycle needed to reach 120 are not carried: 100 + 30 in May leaves 10 above
    needed = record(hours("fall", "2020-10-01", "100"), hours("may", "2021-05-03", "2", "semester_hour"))
    assert carried(renewal_progress(needed, APRIL_JUNE)) == 10
    # the same hours with no window and no excess rule: every previous-cycle hour up to the limit
    assert carried(renewal_progress(needed, rule(carry_over=120))) == 120
    # with no window, the previous cycle ends the day before this one begins: July 1 and 2 count once, in the cycle
    edge = record(hours("jun30", "2021-06-30", "3"), hours("jul1", "2021-07-01", "2"), hours("jul2", "2021-07-02", "1"))
    progress = renewal_progress(edge, rule(carry_over=120))
    assert carried(progress) == 3 and progress.counted == (Decimal(6),)


def test_the_limit_caps_carry_over() -> None:
    rec = record(hours("fall", "2020-10-01", "120"), hours("may", "2021-05-03", "60"), hours("now", "2023-02-01", "80"))
    assert carried(renewal_progress(rec, APRIL_JUNE)) == 60
    capped = rule(carry_over=24, carry_over_window=["04-01", "06-30"], carry_over_excess=True)
    progress = renewal_progress(rec, capped)
    assert carried(progress) == 24 and progress.missing == (Decimal(16),)


def test_the_excess_is_of_the_credit_the_requirement_accepts() -> None:
    gated = rule(carry_over=120, carry_over_excess=True, categories=["workshop"], grade="C")
    rec = record(
        Activity(id="w", date="2019-03-01", unit="clock_hour", amount="130", category="workshop", grade="B"),
        Activity(id="conf", date="2019-04-01", unit="clock_hour", amount="50", category="conference", grade="B"),
        Activity(id="low", date="2019-05-01", unit="clock_hour", amount="40", category="workshop", grade="D"),
        Activity(id="now", date="2023-02-01", unit="clock_hour", amount="100", category="workshop", grade="B"),
    )
    progress = renewal_progress(rec, gated)  # 130 accepted hours in the previous cycle: 10 above 120 carry over
    assert carried(progress) == 10
    assert (progress.counted, progress.missing) == ((Decimal(110),), (Decimal(10),))
    assert progress.allocation == {"w": "pd", "now": "pd"}


_TWO_DAYS = 'expected two month-days such as ["04-01", "06-30"], February 29 excluded, got '
_LIMIT_FIRST = "expected a carry-over limit (carry_over) above 0 first, got "


@pytest.mark.parametrize(
    ("leaf", "path", "message"),
    [
        ({"carry_over_window": ["04-01", "06-30"]}, "carry_over_window", _LIMIT_FIRST + "['04-01', '06-30']"),
        ({"carry_over_excess": True}, "carry_over_excess", _LIMIT_FIRST + "true"),
        ({"carry_over": 5, "carry_over_window": ["04-01"]}, "carry_over_window", _TWO_DAYS + "['04-01']"),
        ({"carry_over": 5, "carry_over_window": "04-01"}, "carry_over_window", _TWO_DAYS + "'04-01'"),
        (
            {"carry_over": 5, "carry_over_window": ["02-29", "06-30"]},
            "carry_over_window",
            _TWO_DAYS + "['02-29', '06-30']",
        ),
        (
            {"carry_over": 5, "carry_over_window": ["04-31", "06-30"]},
            "carry_over_window[0]",
            "expected a month and day such as 06-30, got '04-31'",
        ),
        ({"carry_over": 5, "carry_over_excess": "yes"}, "carry_over_excess", "expected true or false, got 'yes'"),
        (
            {"carry_over": 5, "window": "held"},
            "carry_over",
            "expected no carry-over where credit is held whenever earned, got 5",
        ),
    ],
)
def test_bad_carry_over_fields_are_refused(leaf: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(RenewalRuleError) as err:
        rule(**leaf)
    assert err.value.problems == ((f"versions[0].nodes[0].{path}", message),)


def test_a_window_of_the_whole_final_year_starts_on_its_first_day() -> None:
    whole = rule(carry_over=50, carry_over_window=["07-01", "06-30"])
    days = {"before": "2020-06-30", "first": "2020-07-01", "last": "2021-06-30", "now": "2022-01-01"}
    amounts = {"before": "5", "first": "7", "last": "11", "now": "3"}
    progress = renewal_progress(record(*(hours(id, day, amounts[id]) for id, day in days.items())), whole)
    assert carried(progress) == 18 and progress.counted == (Decimal(21),)
    assert progress.allocation == {"first": "pd", "last": "pd", "now": "pd"}
    # a window of one day: its first day is its last
    one_day = renewal_progress(progress.record, rule(carry_over=50, carry_over_window=["06-30", "06-30"]))
    assert carried(one_day) == 11 and one_day.allocation == {"last": "pd", "now": "pd"}


def test_a_window_running_across_the_cycle_end_is_refused_when_used() -> None:
    odd = rule(carry_over=5, carry_over_window=["06-01", "07-15"])  # July 15 comes first in a year from July 1
    with pytest.raises(InvalidInputError) as caught:
        renewal_progress(record(hours("now", "2023-02-01", "100")), odd)
    assert str(caught.value) == (
        "pd.carry_over_window: expected a window whose first day comes first in the year from 2020-07-01, "
        "got ['06-01', '07-15']"
    )
    # the window survives attrs.evolve (already-read month-days)
    import attrs

    leaf = APRIL_JUNE.versions[0].root
    assert isinstance(leaf, Requirement)
    assert attrs.evolve(leaf, carry_over=Decimal(60)).carry_over_window == ((4, 1), (6, 30))


_PREVIOUS = st.dates(dt.date(2016, 7, 1), dt.date(2021, 6, 30))
_CURRENT = st.dates(dt.date(2021, 7, 1), dt.date(2026, 6, 30))
_AMOUNTS = st.integers(1, 80).map(Decimal)


@given(
    st.lists(st.tuples(_PREVIOUS, _AMOUNTS), max_size=8),
    st.lists(st.tuples(_CURRENT, _AMOUNTS), max_size=4),
    st.integers(1, 150),
)
def test_carry_over_never_exceeds_the_excess_nor_the_limit_and_counts_only_window_hours(
    previous: list[tuple[dt.date, Decimal]], current: list[tuple[dt.date, Decimal]], limit: int
) -> None:
    acts = [hours(f"p{i}", day.isoformat(), str(n)) for i, (day, n) in enumerate(previous)]
    acts += [hours(f"c{i}", day.isoformat(), str(n)) for i, (day, n) in enumerate(current)]
    capped = rule(carry_over=limit, carry_over_window=["04-01", "06-30"], carry_over_excess=True)
    progress = renewal_progress(record(*acts), capped)
    earned = sum((n for _, n in previous), Decimal(0))
    in_window = sum((n for day, n in previous if dt.date(2021, 4, 1) <= day), Decimal(0))
    got = carried(progress)
    assert got <= limit and got <= max(earned - 120, Decimal(0)) and got <= in_window
    assert got == min(limit, max(earned - 120, Decimal(0)), in_window)
    this_cycle = sum((n for _, n in current), Decimal(0))
    assert progress.counted == (this_cycle + got,)
    assert progress.met is (this_cycle + got >= 120)
    # moving hours of the previous cycle out of the window never adds carry-over
    moved = [
        hours(a.id, "2021-03-31", str(a.amount)) if a.id.startswith("p") and a.date >= dt.date(2021, 4, 1) else a
        for a in acts
    ]
    assert carried(renewal_progress(record(*moved), capped)) == 0
