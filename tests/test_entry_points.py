"""One rule, every entry point: the same applications answer, or are refused, alike everywhere.

The object API (``application_summaries`` of ``Attendance``s), the columns
(``application_columns``), the DataFrames (``check_applications``, pandas and
polars when installed) and ``application_deadline`` are fed the same generated
applications: multi-day sessions, a first day attended, certificate dates
around the first and last days. Each gives the same answers, or refuses the
same field of the same row with the same value (``credit.certificate``: a
certificate is dated on or after the first day attended; D15: a session ends
on or after the days attended), the rule of ``credit.attended_dates_problem``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceurules import (
    Attendance,
    CreditApplication,
    InvalidInputError,
    Payment,
    application_columns,
    application_deadline,
    application_summaries,
)
from ceurules.credit import attended_dates_problem
from helpers import d

LIBRARIES = [name for name in ("pandas", "polars") if importlib.util.find_spec(name) is not None]


class Row(NamedTuple):
    first_day: dt.date | None  # None: left out, the last day (a one-day session)
    last_day: dt.date
    certificate_date: dt.date | None
    submitted: dt.date | None
    paid: dt.date | None


def _shifted(base: dt.date, offsets: st.SearchStrategy[int]) -> st.SearchStrategy[dt.date | None]:
    return st.one_of(st.none(), offsets.map(lambda k: base + dt.timedelta(days=k)))


@st.composite
def rows(draw: st.DrawFn, base: dt.date) -> Row:
    """An application around ``base``: sessions of 1-4 days (now and then one ending before the first day
    attended), a certificate from two days before the first day to after the last, applying and paying
    around the window."""
    first = base + dt.timedelta(days=draw(st.integers(min_value=0, max_value=3)))
    last = first + dt.timedelta(days=draw(st.integers(min_value=-1, max_value=3)))
    certificate = draw(_shifted(first, st.integers(min_value=-2, max_value=5)))
    submitted, paid = draw(_shifted(first, st.integers(min_value=-3, max_value=40))), draw(
        _shifted(first, st.integers(min_value=-3, max_value=40))
    )
    given_first = None if first == last and draw(st.booleans()) else first
    return Row(given_first, last, certificate, submitted, paid)


#: What an entry point gives: the answers of each row, or the first refusal as (field with its row, value).
Outcome = tuple[str, Any]


def _refusal(err: InvalidInputError, row: int | None = None) -> Outcome:
    """A refusal named as the columns name it: an Attendance's ``session_last_day`` is the ``last_day``."""
    field = "last_day" if err.field == "session_last_day" else err.field
    return ("refused", (field if row is None else f"{field}[{row}]", err.value))


def _attempt(answer: Callable[[], Any]) -> Outcome:
    try:
        return ("answers", answer())
    except InvalidInputError as err:
        return _refusal(err)


def _by_objects(table: list[Row], as_of: dt.date) -> Outcome:
    apps = []
    for i, row in enumerate(table):
        try:
            attendance = Attendance(
                participant="P",
                dates=[row.first_day or row.last_day],
                certificate_date=row.certificate_date,
                session_last_day=row.last_day,
            )
        except InvalidInputError as err:
            return _refusal(err, i)
        payment = None if row.paid is None else Payment(paid=row.paid)
        app = CreditApplication(attendance=attendance, submitted=row.submitted, proof_uploaded=True, payment=payment)
        apps.append(app)
    summaries = application_summaries(apps, as_of=as_of)
    return ("answers", [(s.deadline, s.on_time, s.earliest, s.latest, s.status.value) for s in summaries])


def _by_deadlines(table: list[Row]) -> Outcome:
    deadlines = []
    for i, row in enumerate(table):
        try:
            deadlines.append(
                application_deadline(row.last_day, first_day=row.first_day, certificate_date=row.certificate_date)
            )
        except InvalidInputError as err:
            return _refusal(err, i)
    return ("answers", deadlines)


def _columns(table: list[Row]) -> dict[str, list[Any]]:
    return {name: [getattr(row, name) for row in table] for name in Row._fields}


def _by_columns(table: list[Row], as_of: dt.date) -> Outcome:
    def answer() -> list[tuple[Any, ...]]:
        columns: dict[str, Any] = _columns(table)
        answers = application_columns(columns.pop("last_day"), **columns, as_of=as_of)
        statuses = [s.value for s in answers.status]
        return list(zip(answers.deadline, answers.on_time, answers.earliest, answers.latest, statuses, strict=True))

    return _attempt(answer)


def _by_frame(table: list[Row], as_of: dt.date, library: str) -> Outcome:
    from ceurules.frames import check_applications

    def answer() -> list[tuple[Any, ...]]:
        columns = _columns(table)
        if library == "polars":
            import polars

            frame = polars.DataFrame(columns, schema=dict.fromkeys(columns, polars.Date))
            records = check_applications(frame, as_of=as_of).to_dicts()
        else:
            import pandas

            text = {name: [None if v is None else v.isoformat() for v in cells] for name, cells in columns.items()}
            records = check_applications(pandas.DataFrame(text), as_of=as_of).to_dict("records")
        names = ("deadline", "on_time", "earliest", "latest", "status")
        return [tuple(record[name] for name in names) for record in records]

    return _attempt(answer)


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    base=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    as_of_shift=st.integers(min_value=-5, max_value=70),
)
def test_every_entry_point_answers_or_refuses_alike(data: st.DataObject, base: dt.date, as_of_shift: int) -> None:
    table = data.draw(st.lists(rows(base), min_size=1, max_size=6))
    as_of = base + dt.timedelta(days=as_of_shift)
    objects = _by_objects(table, as_of)
    assert _by_columns(table, as_of) == objects
    for library in LIBRARIES:
        assert _by_frame(table, as_of, library) == objects, library
    deadlines = _by_deadlines(table)
    if objects[0] == "answers":
        assert deadlines == ("answers", [answer[0] for answer in objects[1]])
    else:
        assert deadlines == objects


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_certificate_on_the_first_of_two_days_is_answered_everywhere(library: str) -> None:
    """The trial's two-day session: a certificate dated on its first day anchors the window (D5)."""
    table = [Row(d("2026-12-14"), d("2026-12-15"), d("2026-12-14"), d("2027-01-13"), d("2027-01-13"))]
    expected = ("answers", [(d("2027-01-13"), True, d("2027-01-25"), d("2027-01-28"), "in processing")])
    as_of = d("2027-01-20")
    assert _by_objects(table, as_of) == _by_columns(table, as_of) == _by_frame(table, as_of, library) == expected
    assert _by_deadlines(table) == ("answers", [d("2027-01-13")])


def test_a_certificate_before_the_first_day_is_refused_everywhere() -> None:
    """Left out, the first day is the last (a one-day session): a certificate before it is refused, by
    application_deadline as by an Attendance."""
    table = [Row(None, d("2026-12-15"), d("2026-12-01"), None, None)]
    refused = ("refused", ("certificate_date[0]", d("2026-12-01")))
    assert _by_deadlines(table) == _by_objects(table, d("2027-01-20")) == _by_columns(table, d("2027-01-20")) == refused
    with pytest.raises(InvalidInputError) as caught:
        application_deadline(dt.date(2026, 12, 15), certificate_date=dt.date(2026, 12, 1))
    assert caught.value.expected == "a date on or after the first day attended 2026-12-15"


def test_the_rule_checks_the_certificate_first() -> None:
    problem = attended_dates_problem(d("2026-12-14"), d("2026-12-14"), d("2026-12-13"), d("2026-12-12"))
    assert problem is not None and (problem.field, problem.value) == ("certificate_date", d("2026-12-12"))
    assert attended_dates_problem(d("2026-12-14"), d("2026-12-15"), None, d("2026-12-14")) is None
