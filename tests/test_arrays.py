"""Business days on numpy datetime64 arrays: the answers of add_business_days, element by element."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceurules import BusinessCalendar, InvalidInputError
from helpers import d

np = pytest.importorskip("numpy")

REFERENCE = BusinessCalendar()
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31))


@settings(max_examples=30)
@given(
    starts=st.lists(days, max_size=30),
    n=st.integers(min_value=-3000, max_value=3000),
    warm=st.sampled_from([None, 1950, 2026, 2180]),
)
def test_arrays_answer_as_add_business_days(starts: list[dt.date], n: int, warm: int | None) -> None:
    cal = BusinessCalendar()
    if warm is not None:
        cal.is_business_day(dt.date(warm, 1, 2))
    try:
        expected = np.array(REFERENCE.add_business_days_many(starts, n), dtype="datetime64[D]")
    except InvalidInputError:
        with pytest.raises(InvalidInputError):
            cal.add_business_days_array(np.array(starts, dtype="datetime64[D]"), n)
        return
    got = cal.add_business_days_array(np.array(starts, dtype="datetime64[D]"), n)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == expected.tolist()


def test_numpy_with_the_same_holidays_and_roll_backward_agrees() -> None:
    cal = BusinessCalendar()
    starts = np.arange(np.datetime64("2020-01-01"), np.datetime64("2031-01-01"))
    closed = [day for day in cal.closures(d("2015-01-01"), d("2036-12-31")) if day.weekday() < 5]
    numpy_calendar = np.busdaycalendar(holidays=np.array(closed, dtype="datetime64[D]"))
    for n, roll in ((10, "backward"), (-10, "forward")):
        assert (
            cal.add_business_days_array(starts, n) == np.busday_offset(starts, n, roll=roll, busdaycal=numpy_calendar)
        ).all()
    assert (
        cal.add_business_days_array(starts, 0) == np.busday_offset(starts, 0, roll="forward", busdaycal=numpy_calendar)
    ).all()


def test_shapes_units_and_empty_arrays() -> None:
    cal = BusinessCalendar()
    stamps = np.array([["2026-11-20T00:00", "2026-11-26T00:00"]], dtype="datetime64[m]")
    assert cal.add_business_days_array(stamps, 1).tolist() == [[d("2026-11-23"), d("2026-11-27")]]
    assert cal.add_business_days_array(np.array([], dtype="datetime64[D]"), 3).size == 0


def test_nat_is_an_empty_cell_as_in_columns_and_frames() -> None:
    starts = np.array([["2026-11-20", "NaT"], ["NaT", "2026-11-25"]], dtype="datetime64[D]")
    answers = BusinessCalendar().add_business_days_array(starts, 1)
    assert answers.dtype == np.dtype("datetime64[D]")
    assert answers.tolist() == [[d("2026-11-23"), None], [None, d("2026-11-27")]]  # Thanksgiving skipped
    assert BusinessCalendar().add_business_days_array(np.array(["NaT"], dtype="datetime64[D]"), 3).tolist() == [None]


def test_a_time_of_day_is_refused_naming_the_cell() -> None:
    stamps = np.array(["2026-11-20", "2026-11-20T10"], dtype="datetime64[h]")
    with pytest.raises(InvalidInputError) as caught:
        BusinessCalendar().add_business_days_array(stamps, 1)
    assert (caught.value.field, caught.value.value) == ("starts[1]", "2026-11-20T10")
    assert "a date (a datetime at midnight)" in str(caught.value)


@pytest.mark.parametrize(
    ("starts", "n", "field"),
    [
        (["2026-11-20"], 1, "starts"),  # not a datetime64 array
        (np.array(["1899-12-31"], dtype="datetime64[D]"), 1, "starts[0]"),
        (np.array(["2199-12-30"], dtype="datetime64[D]"), 5, "n"),
        (np.array(["1900-01-02"], dtype="datetime64[D]"), -5, "n"),
        (np.array(["2026-11-20"], dtype="datetime64[D]"), 1.0, "n"),
    ],
)
def test_refusals(starts: object, n: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        BusinessCalendar().add_business_days_array(starts, n)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_numpy_is_not_imported_by_ceurules() -> None:
    code = (
        "import sys, datetime, ceurules; ceurules.BusinessCalendar().is_business_day(datetime.date(2026, 1, 2)); "
        "print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_every_start_outside_the_calendar_s_years_is_named_by_its_position() -> None:
    starts = np.array(["2026-12-24", "1899-12-30", "NaT", "2200-01-03", "12000-01-01"], dtype="datetime64[D]")
    with pytest.raises(InvalidInputError) as caught:
        BusinessCalendar().add_business_days_array(starts, 1)
    assert [(one.field, one.value) for one in caught.value.each()] == [
        ("starts[1]", d("1899-12-30")),
        ("starts[3]", d("2200-01-03")),
        ("starts[4]", "12000-01-01"),  # past 9999: numpy's text, no date holds it
    ]
    assert caught.value.expected == "a date in the years 1900-2199"


def test_a_single_datetime64_and_a_numpy_integer_count() -> None:
    """As numpy's own ``busday_offset`` takes them: one start gives one answer (an array of no dimensions)."""
    cal = BusinessCalendar()
    answer = cal.add_business_days_array(np.datetime64("2026-12-24"), np.int64(1))
    assert answer.shape == () and answer.item() == d("2026-12-28")  # Christmas and the weekend skipped
    assert cal.add_business_days(d("2026-12-24"), np.int64(1)) == d("2026-12-28")
    for n in (np.float64(1.0), True, "1"):
        with pytest.raises(InvalidInputError, match=r"^n: expected a whole number of business days"):
            cal.add_business_days_array(np.datetime64("2026-12-24"), n)  # type: ignore[arg-type]


def test_a_time_of_day_and_a_start_outside_the_years_are_named_at_once() -> None:
    starts = np.array(["1850-01-01T00:00", "2027-11-25T10:00", "2027-11-25T00:00"], dtype="datetime64[m]")
    with pytest.raises(InvalidInputError) as caught:
        BusinessCalendar().add_business_days_array(starts, 3)
    assert [one.field for one in caught.value.each()] == ["starts[0]", "starts[1]"]
    assert "1900-2199, got 1850-01-01" in str(caught.value) and "a datetime at midnight" in str(caught.value)
