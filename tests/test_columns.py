"""Credit applications in columns: the answers of application_summaries, without an object per row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceurules import (
    DEFAULT_POLICY,
    ApplicationColumns,
    Attendance,
    CreditApplication,
    InvalidInputError,
    Payment,
    Policy,
    Status,
    application_columns,
    application_summaries,
)
from helpers import d
from strategies import policies

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))
maybe = st.one_of(st.none(), st.integers(min_value=0, max_value=90))


@st.composite
def rows(draw: st.DrawFn) -> tuple[dt.date, dt.date | None, dt.date | None, dt.date | None]:
    last = draw(days)
    later = [None if k is None else last + dt.timedelta(days=k) for k in (draw(maybe), draw(maybe), draw(maybe))]
    return last, later[0], later[1], later[2]


def as_objects(table: list[tuple[Any, ...]]) -> list[CreditApplication]:
    return [
        CreditApplication(
            attendance=Attendance(participant="P", dates=(last,), certificate_date=certificate),
            submitted=submitted,
            proof_uploaded=True,
            payment=None if paid is None else Payment(paid=paid),
        )
        for last, certificate, submitted, paid in table
    ]


def as_columns(table: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
    names = ("last_day", "certificate_date", "submitted", "paid")
    return {name: [row[k] for row in table] for k, name in enumerate(names)}


@given(table=st.lists(rows(), max_size=40), as_of=days, policy=st.one_of(st.just(DEFAULT_POLICY), policies))
def test_columns_answer_as_application_summaries(table: list[tuple[Any, ...]], as_of: dt.date, policy: Policy) -> None:
    summaries = application_summaries(as_objects(table), as_of=as_of, policy=policy)
    columns = as_columns(table)
    answers = application_columns(
        columns["last_day"],
        certificate_date=columns["certificate_date"],
        submitted=columns["submitted"],
        paid=columns["paid"],
        as_of=as_of,
        policy=policy,
    )
    expected = [[getattr(s, name) for s in summaries] for name in ApplicationColumns._fields]
    assert answers == ApplicationColumns(*expected)
    as_text = {k: [None if v is None else v.isoformat() for v in col] for k, col in columns.items()}
    last = as_text.pop("last_day")
    assert application_columns(last, **as_text, as_of=as_of.isoformat(), policy=policy) == answers


@given(
    table=st.lists(rows(), min_size=1, max_size=12),
    picks=st.lists(st.integers(min_value=0, max_value=11), max_size=40),
    as_of=days,
    policy=st.one_of(st.just(DEFAULT_POLICY), policies),
)
def test_summaries_of_rows_that_share_days_are_each_rows_own(
    table: list[tuple[Any, ...]], picks: list[int], as_of: dt.date, policy: Policy
) -> None:
    """Rows of one day share that day's answer in a bulk call: each is still the answer for that row alone."""
    apps = as_objects([table[k % len(table)] for k in picks] + table)
    alone = [application_summaries([app], as_of=as_of, policy=policy)[0] for app in apps]
    assert application_summaries(apps, as_of=as_of, policy=policy) == alone


def test_columns_by_example() -> None:
    answers = application_columns(
        [d("2026-11-20"), d("2026-11-20"), d("2026-10-01")],
        certificate_date=[None, d("2026-11-23"), None],
        submitted=["2026-11-25", "2026-12-24", "2026-10-02"],
        paid=["2026-11-24", "2026-12-01", "2026-10-02"],
        as_of=d("2026-12-30"),
    )
    assert answers.deadline == [d("2026-12-20"), d("2026-12-23"), d("2026-10-31")]
    assert answers.on_time == [True, False, True]
    assert answers.earliest[0] == d("2026-12-07")  # 7th business day after 2026-11-25 (Thanksgiving closed)
    # the second applied after its deadline: outside the window, no posting window (credit.window, D5)
    assert answers.status == [Status.OVERDUE, Status.OUTSIDE_WINDOW, Status.OVERDUE]
    assert application_columns([], as_of=d("2026-12-30")) == ApplicationColumns([], [], [], [], [])


class FakeDatetime64:
    """The part of a numpy datetime64 array that the columns read (numpy stays optional)."""

    class dtype:
        kind = "M"
        str = "<M8[D]"  # whole days

    def __init__(self, values: list[dt.date | None]) -> None:
        self.values = values

    def astype(self, unit: str) -> FakeDatetime64:
        assert unit == "datetime64[D]"
        return self

    def tolist(self) -> list[dt.date | None]:
        return self.values

    def __iter__(self) -> Any:
        raise AssertionError("a datetime64 array is converted whole, not read item by item")


def test_datetime64_columns_are_converted_whole() -> None:
    last = FakeDatetime64([d("2026-11-20")])
    paid = FakeDatetime64([None])  # NaT
    answers = application_columns(last, submitted=[d("2026-11-21")], paid=paid, as_of=d("2026-12-01"))
    assert answers.status == [Status.NOT_COMPLETE]


def test_real_numpy_arrays() -> None:
    np = pytest.importorskip("numpy")
    last = np.array(["2026-11-20", "NaT"], dtype="datetime64[D]")[:1]
    stamp = np.array(["2026-11-25T00:00"], dtype="datetime64[m]")  # midnight: a date
    answers = application_columns(last, submitted=stamp, paid=stamp, as_of=np.datetime64("2026-12-01"))
    assert answers.earliest == [d("2026-12-07")]


def test_a_time_of_day_in_a_numpy_column_is_refused_not_dropped() -> None:
    """As a DataFrame's datetime column and the business-day arrays refuse it: 2026-11-20 at noon is not a
    date, and reading it as one would hide the time (the deadline would be 2026-12-20 without a word)."""
    np = pytest.importorskip("numpy")
    noon = np.array(["2026-11-20T12:00", "NaT", "2026-11-21T00:00", "2026-11-22T09:30"], dtype="datetime64[ns]")
    with pytest.raises(InvalidInputError) as refused:
        application_columns(noon, as_of="2026-12-22")
    assert [(one.field, one.value, one.expected) for one in refused.value.each()] == [
        ("last_day[0]", "2026-11-20T12:00:00.000000000", "a date (a datetime at midnight)"),
        ("last_day[3]", "2026-11-22T09:30:00.000000000", "a date (a datetime at midnight)"),
    ]
    for as_of, message in [
        (np.datetime64("2026-12-22T08:00"), "as_of: expected a date (a datetime at midnight), got '2026-12-22T08:00'"),
        (np.datetime64("NaT", "D"), "as_of: expected a date (not an empty cell), got 'NaT'"),
    ]:
        with pytest.raises(InvalidInputError) as refused:
            application_columns(noon[2:3], as_of=as_of)
        assert str(refused.value) == message


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"last_day": ["2026-13-01"]}, "last_day[0]"),
        ({"last_day": [None]}, "last_day[0]"),
        ({"last_day": "2026-11-20"}, "last_day"),
        ({"last_day": ["2026-11-20"], "paid": ["2026-11-20", "2026-11-21"]}, "paid"),
        ({"last_day": ["2026-11-20"], "submitted": [dt.datetime(2026, 11, 21, 9)]}, "submitted[0]"),
        ({"last_day": ["2026-11-20"], "certificate_date": ["2026-11-19"]}, "certificate_date[0]"),
    ],
)
def test_bad_columns_are_refused_naming_the_cell(kwargs: dict[str, Any], field: str) -> None:
    last = kwargs.pop("last_day")
    with pytest.raises(InvalidInputError) as caught:
        application_columns(last, **kwargs, as_of="2026-12-01")
    assert caught.value.field == field
    assert caught.value.__context__ is None  # the refusal alone, not raised while handling a first try


@pytest.mark.parametrize("enabled", [True, False])
def test_bulk_summaries_leave_the_garbage_collector_as_they_found_it(enabled: bool) -> None:
    import gc

    apps = as_objects([(d("2026-03-02"), None, d("2026-03-10"), d("2026-03-11"))])
    bad: list[Any] = [*apps, "not an application"]
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert len(application_summaries(apps, as_of=d("2026-06-01"))) == 1
        assert gc.isenabled() is enabled
        with pytest.raises(InvalidInputError):
            application_summaries(bad, as_of=d("2026-06-01"))
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_last_day_before_the_first_day_is_refused_naming_the_cell() -> None:
    """As an Attendance names its session_last_day when the session ends before a day attended."""
    with pytest.raises(InvalidInputError) as caught:
        application_columns(["2026-11-20", "2026-11-20"], first_day=[None, "2026-11-21"], as_of="2026-12-01")
    assert (caught.value.field, caught.value.value) == ("last_day[1]", d("2026-11-20"))
    assert caught.value.expected == "a date on or after every day attended (up to 2026-11-21)"


def test_every_certificate_dated_before_the_first_day_attended_is_named() -> None:
    """credit.certificate: a certificate is dated on or after the first day attended (the last day when the
    first is left out), not the session's last day; every refused row is named."""
    lasts, firsts = ["2026-12-15"] * 3, ["2026-12-14", None, "2026-12-14"]
    certificates = ["2026-12-14", None, None]
    answers = application_columns(lasts, first_day=firsts, certificate_date=certificates, as_of="2027-01-20")
    assert answers.deadline[0] == d("2027-01-13")  # D5: the certificate anchors the window
    certificates = [None, "2026-12-14", "2026-12-13"]
    with pytest.raises(InvalidInputError) as caught:
        application_columns(lasts, first_day=firsts, certificate_date=certificates, as_of="2027-01-20")
    assert [(one.field, one.value) for one in caught.value.each()] == [
        ("certificate_date[1]", d("2026-12-14")),
        ("certificate_date[2]", d("2026-12-13")),
    ]


def test_every_bad_cell_of_a_column_is_named() -> None:
    last = ["2026-13-01", "2026-11-20", None, "soon"]
    with pytest.raises(InvalidInputError) as caught:
        application_columns(last, as_of="2026-12-01")
    assert [one.field for one in caught.value.each()] == ["last_day[0]", "last_day[2]", "last_day[3]"]
    with pytest.raises(InvalidInputError) as caught:
        application_columns(["2026-11-20"] * 3, paid=[None, "x", "y"], as_of="2026-12-01")
    assert [(one.field, one.value) for one in caught.value.each()] == [("paid[1]", "x"), ("paid[2]", "y")]


def test_bulk_answers_are_json_ready() -> None:
    """An app sends bulk answers as JSON: each summary and the columns have a ``to_dict()`` as every answer
    does, with dates as ISO text and statuses in words."""
    import json

    from ceurules import Attendance, CreditApplication, Payment, application_summaries

    app = CreditApplication(
        attendance=Attendance(participant="Ann", dates=[d("2026-11-20")]),
        submitted=d("2026-11-25"),
        proof_uploaded=True,
        payment=Payment(paid=d("2026-11-24")),
    )
    (summary,) = application_summaries([app], as_of=d("2026-12-01"))
    assert json.loads(json.dumps(summary.to_dict())) == {
        "participant": "Ann",
        "deadline": "2026-12-20",
        "on_time": True,
        "earliest": "2026-12-07",
        "latest": "2026-12-10",
        "status": "in processing",
        "packet": None,
    }
    columns = application_columns(["2026-11-20"], submitted=["2026-11-25"], paid=["2026-11-24"], as_of="2026-12-01")
    assert json.loads(json.dumps(columns.to_dict())) == {
        "deadline": ["2026-12-20"],
        "on_time": [True],
        "earliest": ["2026-12-07"],
        "latest": ["2026-12-10"],
        "status": ["in processing"],
    }


def test_every_refused_cell_of_every_column_is_named_at_once() -> None:
    """A state's rows with bad cells in three columns are refused once, naming all of them, not one column a
    call (an analyst fixing one column would otherwise meet the next only on the next run)."""
    with pytest.raises(InvalidInputError) as refused:
        application_columns(
            ["2026-11-20", "x", "2026-11-22"],
            submitted=["2026-11-25", "2026-13-01", None],
            paid=["y", None, None],
            first_day=[None, None, "2026-11-23"],  # after its last day
            as_of="2026-12-01",
        )
    assert [one.field for one in refused.value.each()] == ["last_day[1]", "submitted[1]", "paid[0]"]
    with pytest.raises(InvalidInputError) as refused:
        application_columns(["2026-11-20", "x"], submitted=["2026-11-25"], as_of="2026-12-01")
    assert [(one.field, one.value) for one in refused.value.each()] == [("last_day[1]", "x"), ("submitted", 1)]


def test_a_list_s_cells_are_read_as_a_table_s_cells() -> None:
    """A datetime at midnight (or a pandas Timestamp, a numpy datetime64) is its date; None, NaT and pandas'
    NA are empty; a time of day is refused with the value as written; a pandas Series of datetimes is read as
    its numpy array."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    expected = application_columns(["2026-11-20"], paid=[None], as_of="2027-01-01")
    for last_day in (dt.datetime(2026, 11, 20), pd.Timestamp("2026-11-20"), np.datetime64("2026-11-20")):
        for empty in (None, pd.NaT, np.datetime64("NaT", "D"), pd.NA, float("nan")):
            assert application_columns([last_day], paid=[empty], as_of="2027-01-01") == expected
    series = pd.to_datetime(pd.Series(["2026-11-20", "2026-11-21"]))
    assert application_columns(series, as_of="2027-01-01").deadline == [d("2026-12-20"), d("2026-12-21")]
    with pytest.raises(InvalidInputError) as caught:
        application_columns([dt.datetime(2026, 11, 20, 9, 30), pd.NaT], as_of="2027-01-01")
    assert [(one.field, one.value, one.expected) for one in caught.value.each()] == [
        ("last_day[0]", "2026-11-20 09:30:00", "a date (a datetime at midnight)"),
        ("last_day[1]", "NaT", "a date (not an empty cell)"),
    ]


def test_an_empty_cell_is_none_nan_nat_or_pandas_na_and_nothing_else() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from ceurules._convert import is_empty_cell

    for empty in (None, float("nan"), pd.NaT, pd.NA, np.datetime64("NaT", "D"), np.float64("nan")):
        assert is_empty_cell(empty), empty
    for value in ("", "2026-11-20", 0, d("2026-11-20"), np.datetime64("2026-11-20"), np.array([1, 2]), [None]):
        assert not is_empty_cell(value), value  # an array cannot say whether it equals itself: not empty
