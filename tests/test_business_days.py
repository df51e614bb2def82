"""The business-day calendar (D3) and the clocks built on it."""

from __future__ import annotations

import datetime as dt
import pickle
from array import array
from bisect import bisect_left, bisect_right
from typing import Any

import holidays
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ceurules import BusinessCalendar, InvalidInputError, UnknownCalendarError
from helpers import assert_weekday, d
from strategies import dates

MS = BusinessCalendar()
FEDERAL = BusinessCalendar(country="US", subdivision=None)


# -- D3: business days of the calendar in force ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "business", "why"),
    [
        ("2026-11-26", False, "Thanksgiving"),
        ("2026-11-27", True, "the day after Thanksgiving is open"),
        ("2026-12-25", False, "Christmas"),
        ("2027-01-01", False, "New Year's Day"),
        ("2026-01-19", False, "MLK and Robert E. Lee's birthdays (MS)"),
        ("2026-04-27", False, "Confederate Memorial Day (MS)"),
        ("2026-10-12", True, "Columbus Day is not a Mississippi holiday"),
        ("2026-06-19", False, "Juneteenth, as the holidays package lists it"),
        ("2026-07-03", False, "Independence Day observed on Friday"),
        ("2026-11-21", False, "a Saturday"),
        ("2026-11-23", True, "a plain Monday"),
        ("2024-02-29", True, "leap day, a Thursday"),
    ],
)
def test_mississippi_business_days(day: str, business: bool, why: str) -> None:
    assert MS.is_business_day(d(day)) is business, why


def test_federal_calendar_differs_on_state_holidays() -> None:
    assert FEDERAL.is_business_day(d("2026-04-27"))  # Confederate Memorial Day is state-only
    assert not FEDERAL.is_business_day(d("2026-10-12"))  # Columbus Day is federal


# -- D2, D3: counting business days (approval.review, credit.processing) ---------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected", "weekday"),
    [
        ("2026-11-20", 3, "2026-11-25", "Wednesday"),  # Fri + 3: Mon, Tue, Wed
        ("2026-11-23", 3, "2026-11-27", "Friday"),  # Mon + 3 skips Thanksgiving
        ("2026-12-23", 2, "2026-12-28", "Monday"),  # skips Christmas and the weekend
        ("2026-12-30", 2, "2027-01-04", "Monday"),  # across New Year
        ("2027-01-04", -1, "2026-12-31", "Thursday"),  # back across New Year
        ("2026-11-21", 0, "2026-11-23", "Monday"),  # n = 0 rolls a Saturday forward
        ("2026-11-23", 0, "2026-11-23", "Monday"),  # n = 0 keeps a business day
        ("2026-11-22", -1, "2026-11-20", "Friday"),  # strictly before a Sunday
        ("2026-11-21", 1, "2026-11-23", "Monday"),  # strictly after a Saturday
    ],
)
def test_add_business_days(start: str, n: int, expected: str, weekday: str) -> None:
    result = MS.add_business_days(d(start), n)
    assert result == d(expected)
    assert_weekday(result, weekday)


def test_large_offsets_and_the_far_years() -> None:
    assert MS.add_business_days(d("1970-01-02"), 2500) > d("1979-01-01")
    far = MS.add_business_days(d("2100-12-01"), 10)
    assert far.year == 2100 and MS.is_business_day(far)
    assert MS.add_business_days(d("2100-12-31"), 2) > d("2100-12-31")  # the calendar covers 2101 too


def test_out_of_range_is_a_clear_error() -> None:
    with pytest.raises(InvalidInputError, match="1900-2199"):
        MS.is_business_day(d("1850-01-01"))
    with pytest.raises(InvalidInputError, match="1900-2199"):
        MS.add_business_days(d("2199-12-30"), 10)


def test_business_days_between() -> None:
    assert MS.business_days_between(d("2026-11-20"), d("2026-11-25")) == 3
    assert MS.business_days_between(d("2026-11-25"), d("2026-11-20")) == -3
    assert MS.business_days_between(d("2026-11-21"), d("2026-11-22")) == 0
    assert MS.business_days_between(d("2026-11-20"), d("2026-11-20")) == 0


def test_extra_closures_and_removed_holidays() -> None:
    winter_break = BusinessCalendar(extra_closures=[d("2026-12-28"), d("2026-12-29")])
    assert winter_break.add_business_days(d("2026-12-23"), 2) == d("2026-12-30")
    assert winter_break.holiday_name(d("2026-12-28")) == "Extra closure"
    statute = BusinessCalendar(removed_holidays=[d("2026-06-19")])  # Juneteenth is not in Miss. Code 3-3-7
    assert statute.is_business_day(d("2026-06-19"))
    assert statute.holiday_name(d("2026-06-19")) is None


def test_closures_lists_named_holidays_in_a_range() -> None:
    found = MS.closures(d("2026-11-01"), d("2026-12-31"))
    assert found == {
        d("2026-11-11"): "Veterans Day",
        d("2026-11-26"): "Thanksgiving Day",
        d("2026-12-25"): "Christmas Day",
    }
    with pytest.raises(InvalidInputError, match="end"):
        MS.closures(d("2026-12-31"), d("2026-11-01"))


@pytest.mark.parametrize(
    ("settings", "subdivision"),
    [
        ({}, "MS"),  # D3
        ({"country": "us"}, "MS"),
        ({"country": "US", "subdivision": None}, None),
        ({"country": "CA"}, None),  # Mississippi is no subdivision of Canada: the whole country
        ({"country": "de", "subdivision": "by"}, "BY"),
        ({"subdivision": "FL"}, "FL"),
    ],
)
def test_a_country_other_than_the_united_states_does_not_inherit_mississippi(
    settings: dict[str, Any], subdivision: str | None
) -> None:
    assert BusinessCalendar(**settings).subdivision == subdivision


def test_a_canadian_calendar_answers_with_canada_day() -> None:
    canada = BusinessCalendar(country="CA")
    assert not canada.is_business_day(d("2026-07-01"))  # Canada Day, a Wednesday
    assert canada.is_business_day(d("2026-07-03")) and canada.is_business_day(d("2026-07-06"))  # no 4th of July


def test_unknown_country_or_subdivision_is_our_error() -> None:
    with pytest.raises(UnknownCalendarError, match="XX"):
        BusinessCalendar(country="XX").is_business_day(d("2026-11-20"))
    with pytest.raises(UnknownCalendarError, match="ZZ"):
        BusinessCalendar(subdivision="ZZ").add_business_days(d("2026-11-20"), 1)
    with pytest.raises(LookupError):  # also a LookupError for callers who don't know ceurules
        BusinessCalendar(country="XX").is_business_day(d("2026-11-20"))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"country": ""}, "country"),
        ({"categories": []}, "categories"),
        ({"extra_closures": "2026-12-28"}, "extra_closures"),
        ({"extra_closures": ["2026-13-01"]}, "extra_closures[0]"),
        ({"weekend": [7]}, "weekend"),
        ({"weekend": range(7)}, "weekend"),
    ],
)
def test_bad_calendar_settings(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"country": ""}, "country: expected non-empty text, got ''"),
        ({"subdivision": ""}, "subdivision: expected non-empty text, got ''"),
        ({"categories": []}, "categories: expected at least one holiday category, got []"),
        ({"categories": 5}, "categories: expected a collection of holiday category names, got 5"),
        ({"categories": [""]}, "categories: expected non-empty text, got ''"),
        ({"extra_closures": "2026-12-28"}, "extra_closures: expected a collection of dates, got '2026-12-28'"),
        ({"extra_closures": dt.date(2026, 12, 28)}, "extra_closures: expected a collection of dates, got 2026-12-28"),
        ({"removed_holidays": 5}, "removed_holidays: expected a collection of dates, got 5"),
        (
            {"removed_holidays": [d("2026-01-01"), 1]},
            "removed_holidays[1]: expected a date or an ISO date string, got 1",
        ),
        ({"weekend": 5}, "weekend: expected weekday numbers 0 (Monday) to 6 (Sunday), got 5"),
        ({"weekend": [7]}, "weekend: expected weekday numbers 0 (Monday) to 6 (Sunday), got [7]"),
        (
            {"weekend": range(7)},
            "weekend: expected a weekend that leaves a business day (not all seven weekdays), got range(0, 7)",
        ),
        ({"weekend": ["x"]}, "weekend: expected a whole number of at least 0, got 'x'"),
    ],
)
def test_bad_calendar_settings_say_what_was_expected(kwargs: dict[str, object], says: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar(**kwargs)  # type: ignore[arg-type]
    assert str(info.value) == says


def test_calendar_settings_are_read_as_the_holidays_package_names_them() -> None:
    cal = BusinessCalendar(country="us", subdivision="ms", categories="public", weekend=[6, 0])
    assert (cal.country, cal.subdivision) == ("US", "MS")
    assert (cal.categories, cal.weekend) == (frozenset({"public"}), frozenset({0, 6}))
    assert cal == BusinessCalendar(weekend=(0, 6))
    assert cal.is_business_day(d("2026-11-21"))  # a Saturday is open, a Monday is not
    assert not cal.is_business_day(d("2026-11-23"))


@pytest.mark.parametrize(
    ("calendar", "says"),
    [
        (BusinessCalendar(country="XX"), "the holidays package has no calendar for country='XX', subdivision=None: "),
        (
            BusinessCalendar(subdivision="ZZ"),
            "the holidays package has no calendar for country='US', subdivision='ZZ': ",
        ),
        (BusinessCalendar(categories=["nope"]), "the holidays package refused categories=['nope'] for country='US': "),
    ],
)
def test_a_calendar_the_holidays_package_lacks_says_which(calendar: BusinessCalendar, says: str) -> None:
    with pytest.raises(UnknownCalendarError) as info:
        calendar.is_business_day(d("2026-11-20"))
    assert str(info.value).startswith(says)


def test_datetime_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="without a time of day"):
        MS.is_business_day(dt.datetime(2026, 11, 20, 9, 0))
    with pytest.raises(InvalidInputError, match="whole number"):
        MS.add_business_days(d("2026-11-20"), 1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ask", "says"),
    [
        (
            lambda: MS.holiday_name("junk"),  # type: ignore[arg-type]
            "day: expected an ISO date such as 2026-11-20, got 'junk'",
        ),
        (
            lambda: MS.closures("x", d("2026-01-01")),  # type: ignore[arg-type]
            "start: expected an ISO date such as 2026-11-20, got 'x'",
        ),
        (
            lambda: MS.closures(d("2026-01-01"), "y"),  # type: ignore[arg-type]
            "end: expected an ISO date such as 2026-11-20, got 'y'",
        ),
        (
            lambda: MS.closures(d("2026-01-02"), d("2026-01-01")),
            "end: expected a date on or after start 2026-01-02, got 2026-01-01",
        ),
        (
            lambda: MS.business_days_between("x", d("2026-01-01")),  # type: ignore[arg-type]
            "start: expected an ISO date such as 2026-11-20, got 'x'",
        ),
        (
            lambda: MS.business_days_between(d("2026-01-01"), "2026-13-01"),  # type: ignore[arg-type]
            "end: expected a real calendar date (YYYY-MM-DD), got '2026-13-01'",
        ),
        (lambda: MS.is_business_day("x"), "day: expected an ISO date such as 2026-11-20, got 'x'"),  # type: ignore[arg-type]
        (
            lambda: MS.add_business_days("2026-02-30", 1),  # type: ignore[arg-type]
            "start: expected a real calendar date (YYYY-MM-DD), got '2026-02-30'",
        ),
        (
            lambda: MS.add_business_days(d("2026-01-01"), "1"),  # type: ignore[arg-type]
            "n: expected a whole number of business days, got '1'",
        ),
        (
            lambda: MS.add_business_days_many("x", 1),  # type: ignore[arg-type]
            "starts: expected a list of dates, got 'x'",
        ),
        (
            lambda: MS.add_business_days_many([d("2026-01-01")], 1.5),  # type: ignore[arg-type]
            "n: expected a whole number of business days, got 1.5",
        ),
        (
            lambda: MS.add_business_days_many(["x"], 1),  # type: ignore[list-item]
            "start: expected an ISO date such as 2026-11-20, got 'x'",
        ),
    ],
)
def test_each_question_names_the_argument_it_refuses(ask: Any, says: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        ask()
    assert str(info.value) == says


def test_calendar_equality_pickling_and_hash_ignore_the_cache() -> None:
    fresh = BusinessCalendar()
    MS.is_business_day(d("2026-11-20"))
    assert fresh == MS and hash(fresh) == hash(MS)
    copy = pickle.loads(pickle.dumps(MS))
    assert copy == MS
    assert copy.add_business_days(d("2026-11-20"), 3) == d("2026-11-25")


def test_calendar_agrees_with_holidays_day_by_day_1970_2100() -> None:
    reference = holidays.country_holidays("US", subdiv="MS", years=range(1970, 2101), categories=("public",))
    cal = BusinessCalendar()
    day, end = d("1970-01-01"), d("2100-12-31")
    mismatches = []
    while day <= end:
        expected = day.weekday() < 5 and day not in reference
        if cal.is_business_day(day) is not expected:
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []


def walk(cal: BusinessCalendar, start: dt.date, n: int) -> dt.date:
    """The slow, obviously right definition, for comparison."""
    day = start
    if n == 0:
        while not cal.is_business_day(day):
            day += dt.timedelta(days=1)
        return day
    step = dt.timedelta(days=1 if n > 0 else -1)
    left = abs(n)
    while left:
        day += step
        left -= cal.is_business_day(day)
    return day


offsets = st.integers(min_value=-400, max_value=400)


@given(start=dates, n=offsets)
@example(start=d("2026-11-21"), n=3)
@example(start=d("2026-12-31"), n=1)
@example(start=d("2024-02-29"), n=-1)
def test_add_business_days_agrees_with_a_day_walk(start: dt.date, n: int) -> None:
    assert MS.add_business_days(start, n) == walk(MS, start, n)


@given(start=dates, n=offsets)
def test_result_is_a_business_day_on_the_right_side(start: dt.date, n: int) -> None:
    result = MS.add_business_days(start, n)
    assert MS.is_business_day(result)
    if n > 0:
        assert result > start
    elif n < 0:
        assert result < start
    else:
        assert result >= start


@given(start=dates, n=offsets)
def test_adding_n_then_minus_n_returns_to_the_roll(start: dt.date, n: int) -> None:
    rolled = MS.roll_forward(start)
    assert MS.add_business_days(MS.add_business_days(rolled, n), -n) == rolled


@given(start=dates, n=st.integers(min_value=1, max_value=400))
def test_between_agrees_with_add(start: dt.date, n: int) -> None:
    end = MS.add_business_days(start, n)
    assert MS.business_days_between(start, end) == n
    assert MS.business_days_between(end, start) == -n


@given(starts=st.lists(dates, max_size=30), n=offsets)
@example(starts=[d("1970-01-01"), d("2100-12-31"), d("2026-11-21")], n=0)
@example(starts=[d("2026-11-20")], n=1)
def test_many_at_once_agrees_with_one_by_one(starts: list[dt.date], n: int) -> None:
    cal = BusinessCalendar()
    cal.is_business_day(d("2026-11-20"))  # a table for a few years only: the rest take the slow path
    assert cal.add_business_days_many(starts, n) == [MS.add_business_days(s, n) for s in starts]


def test_a_count_that_ends_just_past_the_built_years_is_answered() -> None:
    cal = BusinessCalendar()
    cal.add_business_days(d("2026-06-01"), 0)  # builds 2025-2029
    assert cal.add_business_days_many([d("2029-12-31"), d("2025-01-01")], 1) == [d("2030-01-02"), d("2025-01-02")]
    assert cal.add_business_days(d("2029-12-31"), 1) == d("2030-01-02")
    assert cal.add_business_days_many([d("2025-01-02"), d("2029-12-31")], -1) == [d("2024-12-31"), d("2029-12-28")]


def test_the_first_year_of_a_table_keeps_its_holidays() -> None:
    cal = BusinessCalendar()
    assert cal.is_business_day(d("2026-11-20"))  # builds 2025-2029
    assert min(cal._index.runs) == 2025
    assert not cal.is_business_day(d("2025-01-01"))  # New Year's Day, the table's very first day
    assert not cal.is_business_day(d("2025-12-25"))
    assert cal.closures(d("2025-01-01"), d("2025-01-01")) == {d("2025-01-01"): "New Year's Day"}


def test_closures_include_both_ends() -> None:
    cal = BusinessCalendar(extra_closures=[d("2026-12-24"), d("2026-12-31")])
    found = cal.closures(d("2026-11-26"), d("2026-12-31"))
    assert list(found) == [d("2026-11-26"), d("2026-12-24"), d("2026-12-25"), d("2026-12-31")]
    assert found[d("2026-12-31")] == "Extra closure"
    assert cal.closures(d("2026-12-24"), d("2026-12-24")) == {d("2026-12-24"): "Extra closure"}


def test_observed_days_can_be_left_out() -> None:
    actual_days_only = BusinessCalendar(observed=False)
    assert actual_days_only.is_business_day(d("2026-07-03"))  # Independence Day falls on a Saturday
    assert not BusinessCalendar().is_business_day(d("2026-07-03"))


def test_removing_a_day_that_is_no_holiday_is_harmless() -> None:
    cal = BusinessCalendar(removed_holidays=[d("2026-11-20")])
    assert cal.is_business_day(d("2026-11-20"))


def test_a_count_near_one_end_of_the_range_ignores_the_other_end() -> None:
    """The edge check looks only at the end the count runs towards (1900 forwards, 2199 backwards)."""
    fresh = BusinessCalendar()
    assert fresh.add_business_days(d("1900-01-02"), 1016) == d("1904-01-04")
    assert BusinessCalendar().add_business_days(d("2199-12-30"), -1016) == walk(MS, d("2199-12-30"), -1016)
    assert BusinessCalendar().add_business_days_many([d("1900-01-02")], 1016) == [d("1904-01-04")]
    with pytest.raises(InvalidInputError, match="stays within the years"):
        BusinessCalendar().add_business_days(d("1900-01-02"), -1)
    with pytest.raises(InvalidInputError, match="stays within the years"):
        BusinessCalendar().add_business_days(d("2199-12-30"), 2)


def test_a_fresh_calendar_answers_a_count_from_a_closed_day_and_to_the_first_day_it_builds() -> None:
    """The first question of a calendar takes the path that builds the years: counting from a closed day
    (n = 1 is the next business day, not the one after), and an answer that is the first business day of
    the years built (1900-01-01 is a holiday, so the first is 1900-01-02)."""
    assert BusinessCalendar().add_business_days(d("2026-11-21"), 1) == d("2026-11-23")  # Saturday -> Monday
    assert BusinessCalendar().add_business_days(d("2026-11-26"), 1) == d("2026-11-27")  # Thanksgiving -> Friday
    assert BusinessCalendar().add_business_days(d("1900-01-01"), 1) == d("1900-01-02")
    assert BusinessCalendar().add_business_days(d("1900-01-01"), 0) == d("1900-01-02")
    assert BusinessCalendar().add_business_days(d("1900-01-03"), -1) == d("1900-01-02")


def test_a_roll_past_the_last_year_built_builds_on_even_when_the_run_starts_in_1900() -> None:
    """n = 0 rolls forward, so only the end of the range the roll runs towards can stop it, not a run that
    starts at 1900: 1904-12-31 is a Saturday, 1905-01-01 (New Year's Day) a Sunday, 1905-01-02 a Monday."""
    cal = BusinessCalendar()
    cal.add_business_days(d("1901-06-03"), 0)  # builds 1900-1904
    assert (min(cal._index.runs), max(cal._index.runs)) == (1900, 1904)
    assert cal.add_business_days(d("1904-12-31"), 0) == d("1905-01-02")


def test_a_count_past_the_built_years_extends_them_once_by_the_years_it_may_need() -> None:
    """2025-2029, built by the first question, hold 1,249 business days, 353 of them up to 2026-06-01, so the
    1,897th business day after it lies 1,000 business days past their end. One step builds 1000 // 200 + 1 = 6
    more years (a year has at least about 200 business days), to 2035, and three more, as every new end does."""
    cal = BusinessCalendar()
    cal.add_business_days(d("2026-06-01"), 0)
    assert cal.add_business_days(d("2026-06-01"), 1897) == d("2034-01-03")
    assert (min(cal._index.runs), max(cal._index.runs)) == (2025, 2038)


edge_starts = st.one_of(
    st.dates(min_value=d("1900-01-01"), max_value=d("1906-12-31")),
    st.dates(min_value=d("2193-01-01"), max_value=d("2199-12-31")),
    dates,
)


@given(
    start=edge_starts,
    n=st.integers(min_value=-2000, max_value=2000),
    warm=st.lists(st.integers(min_value=1900, max_value=2199), max_size=4),
)
@example(start=d("1900-01-02"), n=1016, warm=[1950])
@example(start=d("2199-12-30"), n=-1016, warm=[2150])
def test_answers_do_not_depend_on_what_the_calendar_was_asked_before(start: dt.date, n: int, warm: list[int]) -> None:
    def answer(cal: BusinessCalendar, batch: bool) -> object:
        try:
            return cal.add_business_days_many([start], n)[0] if batch else cal.add_business_days(start, n)
        except InvalidInputError as exc:
            return str(exc)

    warmed = BusinessCalendar()
    for year in warm:
        warmed.is_business_day(dt.date(year, 6, 1))
    for batch in (False, True):
        assert answer(warmed, batch) == answer(BusinessCalendar(), batch)


def _tables(cal: BusinessCalendar, first: int, last: int) -> tuple[array[int], list[int]]:
    """The business days of the years ``first``..``last`` and the counts at each new year, as the index holds them."""
    run = cal._cover(first, last)
    lo, hi = dt.date(first, 1, 1).toordinal(), dt.date(last, 12, 31).toordinal()
    at = [run.cum[dt.date(y, 1, 1).toordinal() - run.base] for y in range(first, last + 1)]
    at.append(run.cum[hi - run.base + 1])
    return run.bdays[bisect_left(run.bdays, lo) : bisect_right(run.bdays, hi)], [c - at[0] for c in at]


@settings(max_examples=25)
@given(years=st.lists(st.integers(min_value=1900, max_value=2199), min_size=1, max_size=12))
@example(years=[2026, 2190, 2100, 1950, 2199, 1900])
@example(years=[2000, 2010, 2005])  # a gap filled between two runs, the larger one on the left
@example(years=[2010, 2000, 2005, 2020])  # ... and on the right
def test_an_index_grown_in_any_order_equals_one_built_at_once(years: list[int]) -> None:
    grown = BusinessCalendar()
    for year in years:
        grown.is_business_day(dt.date(year, 3, 1))
    first, last = min(years), max(years)
    assert _tables(grown, first, last) == _tables(BUILT_AT_ONCE, first, last)
    assert len({id(r) for r in grown._index.runs.values()}) == 1  # covering the span joined every run


BUILT_AT_ONCE = BusinessCalendar()
BUILT_AT_ONCE._cover(1900, 2199)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The (first, last) years of each build step a calendar takes, in order."""
    steps: list[tuple[int, int]] = []
    fresh = BusinessCalendar._fresh

    def counting(self: BusinessCalendar, first: int, last: int, *args: Any) -> Any:
        steps.append((first, last))
        return fresh(self, first, last, *args)

    monkeypatch.setattr(BusinessCalendar, "_fresh", counting)
    return steps


def test_years_touched_one_by_one_in_either_direction_build_each_year_once(built: list[tuple[int, int]]) -> None:
    for order in (range(1900, 2200), range(2199, 1899, -1)):
        built.clear()
        cal = BusinessCalendar()
        for year in order:
            cal.is_business_day(dt.date(year, 6, 1))
        assert sum(last - first + 1 for first, last in built) == 300
        assert len(built) < 20  # a growing run grows by half its size, not a few years at a time
        assert _tables(cal, 1900, 2199) == _tables(BUILT_AT_ONCE, 1900, 2199)


def test_each_question_builds_the_years_around_it_and_joins_the_runs_it_meets(built: list[tuple[int, int]]) -> None:
    cal = BusinessCalendar()
    steps = [
        (2026, (2025, 2029), [(2025, 2029)]),  # the year before, the year and three after
        (2030, (2030, 2033), [(2025, 2033)]),  # grows by half its size (2), at least three years
        (2040, (2039, 2043), [(2025, 2033), (2039, 2043)]),  # a far year: a run of its own
        (2024, (2020, 2024), [(2020, 2033), (2039, 2043)]),  # grows back by half its size (4)
        (2035, (2034, 2038), [(2020, 2043)]),  # fills the gap and joins both runs
        (1901, (1900, 1904), [(1900, 1904), (2020, 2043)]),  # clipped to the first year
        (2198, (2197, 2199), [(1900, 1904), (2020, 2043), (2197, 2199)]),  # clipped to the last year
    ]
    for year, new, runs in steps:
        assert cal.is_business_day(dt.date(year, 6, 1)) == BUILT_AT_ONCE.is_business_day(dt.date(year, 6, 1))
        assert built[-1] == new
        assert sorted({(run.first, run.last) for run in cal._index.runs.values()}) == runs
    assert len(built) == len(steps)
    assert _tables(cal, 2020, 2043) == _tables(BUILT_AT_ONCE, 2020, 2043)


def test_questions_about_built_years_are_answered_from_the_tables_without_building(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cal = BusinessCalendar()
    cal.is_business_day(d("2026-06-01"))  # builds 2025-2029; 2026 and 2027 are also keyed by date
    hot = cal._index.hot
    assert (min(hot), max(hot), len(hot)) == (d("2026-01-01"), d("2027-12-31"), 730)
    assert len(cal._index.hot_days) == BUILT_AT_ONCE.business_days_between(d("2025-12-31"), d("2027-12-31"))
    covered: list[tuple[int, int]] = []
    cover = BusinessCalendar._cover

    def counting(self: BusinessCalendar, first: int, last: int) -> Any:
        covered.append((first, last))
        return cover(self, first, last)

    monkeypatch.setattr(BusinessCalendar, "_cover", counting)
    days = [d("2025-01-01"), d("2025-01-02"), d("2026-11-26"), d("2027-12-31"), d("2029-12-28"), d("2029-12-31")]
    counts = (-2, -1, 0, 1, 2)
    asked = [(x, n) for x in days for n in counts if not (x.year == 2025 and n < 0) and not (x.year == 2029 and n > 0)]
    assert [cal.is_business_day(x) for x in days] == [BUILT_AT_ONCE.is_business_day(x) for x in days]
    assert [cal.add_business_days(x, n) for x, n in asked] == [BUILT_AT_ONCE.add_business_days(x, n) for x, n in asked]
    one_by_one: list[dt.date] = []
    one = BusinessCalendar.add_business_days

    def counting_one(self: BusinessCalendar, start: dt.date, n: int) -> dt.date:
        one_by_one.append(start)
        return one(self, start, n)

    expected = {n: [BUILT_AT_ONCE.add_business_days(x, n) for x in days[:-2]] for n in (1, 2)}
    monkeypatch.setattr(BusinessCalendar, "add_business_days", counting_one)
    assert {n: cal.add_business_days_many(days[:-2], n) for n in (1, 2)} == expected
    monkeypatch.setattr(BusinessCalendar, "add_business_days", one)
    assert (covered, one_by_one) == ([], [])  # no build step, no start asked one by one: the run's arrays answer
    cal._index.runs.clear()  # the years keyed by date answer on their own
    keyed = [(x, n) for x in (d("2026-01-05"), d("2026-11-26"), d("2027-12-28")) for n in (-1, 0, 1)]
    assert [cal.add_business_days(x, n) for x, n in keyed] == [BUILT_AT_ONCE.add_business_days(x, n) for x, n in keyed]
    assert [cal.is_business_day(x) for x, _ in keyed] == [BUILT_AT_ONCE.is_business_day(x) for x, _ in keyed]
    assert covered == []


def test_a_first_question_in_the_last_years_keys_the_days_up_to_the_end_of_the_range() -> None:
    cal = BusinessCalendar()
    assert cal.is_business_day(d("2199-06-01")) == BUILT_AT_ONCE.is_business_day(d("2199-06-01"))
    hot = cal._index.hot
    assert (min(hot), max(hot), len(hot)) == (d("2199-01-01"), d("2199-12-31"), 365)
    assert cal.add_business_days(d("2199-12-27"), 1) == BUILT_AT_ONCE.add_business_days(d("2199-12-27"), 1)


def test_holiday_names_of_far_apart_runs() -> None:
    cal = BusinessCalendar()
    assert cal.holiday_name(d("2090-12-25")) == "Christmas Day"
    assert cal.holiday_name(d("1950-12-25")) == "Christmas Day"
    assert cal.holiday_name(d("1950-12-26")) is None
    assert list(cal.closures(d("1950-12-24"), d("1950-12-26")).values()) == ["Christmas Day"]
    far_closure = BusinessCalendar(extra_closures=[d("2150-06-01")])
    assert far_closure.is_business_day(d("2026-06-01")) and not far_closure.is_business_day(d("2150-06-01"))


def test_threads_growing_one_calendar_get_the_answers_of_one_thread() -> None:
    import random
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(13)
    questions = [
        (dt.date(rng.randrange(1900, 2200), rng.randrange(1, 13), 1), rng.randrange(-300, 300)) for _ in range(400)
    ]

    def answer(cal: BusinessCalendar, start: dt.date, n: int) -> object:
        try:
            return (cal.add_business_days(start, n), cal.is_business_day(start))
        except InvalidInputError as exc:
            return str(exc)

    expected = [answer(BUILT_AT_ONCE, s, n) for s, n in questions]
    shared = BusinessCalendar()
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda q: answer(shared, *q), questions))
    assert got == expected


# -- D3: calendars the holidays package lacks, holiday names, offsets far away -----------------


def test_unknown_holiday_category_is_our_error() -> None:
    with pytest.raises(UnknownCalendarError, match="categories"):
        BusinessCalendar(categories=["no-such-category"]).is_business_day(d("2026-11-20"))


def test_holiday_names() -> None:
    cal = BusinessCalendar()
    assert cal.holiday_name(d("2026-11-26")) == "Thanksgiving Day"
    assert cal.holiday_name(d("2026-11-27")) is None


def test_many_offsets_outside_the_built_years() -> None:
    cal = BusinessCalendar()
    cal.is_business_day(d("2026-11-20"))
    far = [d("2026-11-20"), d("1975-03-03"), d("2090-06-01")]
    assert cal.add_business_days_many(far, -3) == [cal.add_business_days(x, -3) for x in far]


def test_joining_runs_renumbers_only_the_smaller_side(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new run counts on from the run it follows, or up to the run it precedes, so growing renumbers no day;
    filling the gap between two runs renumbers only the smaller of them."""
    from ceurules import business_days

    renumbered: list[int] = []  # the length of each count array shifted by a non-zero amount
    shifted = business_days._shifted

    def recording(cum: array[int], by: int) -> array[int]:
        if by:
            renumbered.append(len(cum))
        return shifted(cum, by)

    monkeypatch.setattr(business_days, "_shifted", recording)
    cal = BusinessCalendar()
    for year in (2026, 2030, 2024, 2040):  # grows forwards, then backwards; a far year gets a run of its own
        cal.is_business_day(dt.date(year, 6, 1))
    assert renumbered == []
    cal.is_business_day(d("2035-06-01"))  # 2034-2038 joins 2020-2033 (kept) and 2039-2043 (renumbered)
    assert renumbered == [d("2044-01-01").toordinal() - d("2039-01-01").toordinal() + 1]
    assert _tables(cal, 2020, 2043) == _tables(BUILT_AT_ONCE, 2020, 2043)


def test_an_extra_closure_just_after_the_years_built_waits_for_its_own_year() -> None:
    cal = BusinessCalendar(extra_closures=[d("2029-12-31"), d("2030-01-02")])
    assert cal.is_business_day(d("2026-06-01"))  # builds 2025-2029; the closure of 2030 is not in them
    assert not cal.is_business_day(d("2029-12-31"))
    assert cal.add_business_days(d("2029-12-28"), 1) == d("2030-01-03")  # 2030-01-01 a holiday, 01-02 closed
    on_the_next_day = BusinessCalendar(extra_closures=[d("2030-01-01")])
    assert on_the_next_day.is_business_day(d("2026-06-01"))  # 2025-2029 again, the closure one day after
    assert on_the_next_day.add_business_days(d("2029-12-28"), 1) == d("2029-12-31")


def test_a_calendar_not_in_the_snapshot_closes_on_each_years_holidays_as_the_package_lists_them() -> None:
    """Florida's holidays come from the holidays package, asked for the years of each run as it is built: asked
    year by year, each year is in turn the last of a run; observed days included."""
    cal = BusinessCalendar(subdivision="FL")
    for year in range(2026, 2035):
        listed = holidays.country_holidays("US", subdiv="FL", years=year)
        assert cal.closures(dt.date(year, 1, 1), dt.date(year, 12, 31)) == dict(sorted(listed.items())), year
    observed = holidays.country_holidays("US", subdiv="FL", years=2029).get(d("2029-11-12"))  # Nov 11 a Sunday
    assert observed is not None and "Veterans Day" in observed
    assert cal.holiday_name(d("2029-11-12")) == observed and not cal.is_business_day(d("2029-11-12"))


def test_a_growing_run_grows_by_half_its_size(built: list[tuple[int, int]]) -> None:
    cal = BusinessCalendar()
    steps = [
        (2026, (2025, 2029)),
        (2030, (2030, 2033)),  # 5 years: grows by 3 (at least three years)
        (2034, (2034, 2038)),  # 9 years: by 4
        (2039, (2039, 2046)),  # 14 years: by 7
        (2024, (2013, 2024)),  # 22 years, backwards: by 11
        (2012, (1995, 2012)),  # 34 years: by 17
    ]
    for year, new in steps:
        cal.is_business_day(dt.date(year, 6, 1))
        assert built[-1] == new
    assert {(run.first, run.last) for run in cal._index.runs.values()} == {(1995, 2046)}


@pytest.mark.parametrize(
    ("day", "rolled"),
    [
        ("2026-11-20", "2026-11-20"),  # a Friday: itself
        ("2026-11-21", "2026-11-23"),  # Saturday: the Monday
        ("2026-11-26", "2026-11-27"),  # Thanksgiving: the Friday after
    ],
)
def test_rolling_forward_keeps_a_business_day_and_moves_any_other_to_the_next(day: str, rolled: str) -> None:
    assert MS.roll_forward(d(day)) == d(rolled)


def test_a_count_past_the_first_or_last_year_is_refused_with_the_count() -> None:
    with pytest.raises(InvalidInputError) as refused:
        BusinessCalendar().add_business_days(d("1900-01-02"), -5)
    assert str(refused.value) == "n: expected a count that stays within the years 1900-2199 from 1900-01-02, got -5"
