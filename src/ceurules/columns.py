"""Credit applications in columns: a state's rows checked without building an object per row.

:func:`application_columns` takes plain columns (the last session day, the
certificate date, the day the application was submitted and the day it was
paid), as lists of dates or ISO strings, or numpy ``datetime64`` arrays, and
answers in columns. It applies the very rule functions of
:func:`~ceurules.application_summaries` (``credit.window``,
``credit.processing``; D4-D6), once per distinct date: rows that share a date
share its answer.

>>> from ceurules import application_columns
>>> answers = application_columns(
...     ["2026-11-20", "2026-11-20"],
...     certificate_date=[None, "2026-11-23"],
...     submitted=["2026-11-25", None],
...     paid=["2026-11-24", None],
...     as_of="2026-12-01",
... )
>>> answers.deadline
[datetime.date(2026, 12, 20), datetime.date(2026, 12, 23)]
>>> answers.on_time, answers.latest
([True, None], [datetime.date(2026, 12, 10), None])
>>> [status.value for status in answers.status]
['in processing', 'not yet complete']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from ._convert import cell_date, datetime64_days, each_item, is_empty_cell, optional_cell_date, to_list
from ._json import JSON, plain
from ._memo import Memo
from .credit import (
    attended_dates_problem,
    complete_on,
    deadline_rule,
    on_time,
    posting_dates,
    processing,
    window_anchor,
    window_missed,
)
from .decisions import Status, in_by
from .errors import InvalidInputError
from .policy import DEFAULT, Policy, check_policy

__all__ = ["ApplicationColumns", "application_columns"]


class ApplicationColumns(NamedTuple):
    """The answers of :func:`application_columns`, one list per answer, in the order of the rows.

    >>> from ceurules import application_columns
    >>> answers = application_columns(
    ...     ["2026-11-20"], submitted=["2026-11-25"], paid=["2026-11-24"], as_of="2026-12-01"
    ... )
    >>> answers._fields
    ('deadline', 'on_time', 'earliest', 'latest', 'status')
    """

    deadline: list[dt.date]
    on_time: list[bool | None]  # None: not yet applied and paid by as_of
    earliest: list[dt.date | None]
    latest: list[dt.date | None]
    status: list[Status]

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form: each answer's column, dates as ISO text, statuses in words.

        >>> from ceurules import application_columns
        >>> application_columns(["2026-11-20"], as_of="2026-12-01").to_dict()["status"]
        ['not yet complete']
        """
        data: dict[str, JSON] = plain(self._asdict())
        return data


def _column(values: object, field: str, length: int | None, known: Memo) -> list[dt.date | None]:
    """A column as dates (``None`` where empty); ``values=None`` is a column of empty cells.

    Each distinct text is read once (``known`` holds what was read), by the
    library's one date reader.
    """
    if values is None and length is not None:
        return [None] * length
    if getattr(getattr(values, "dtype", None), "kind", None) == "M" and hasattr(values, "to_numpy"):
        values = values.to_numpy()  # a pandas Series of datetimes: its numpy array (of Timestamps, with a time zone)
    if getattr(getattr(values, "dtype", None), "kind", None) == "M":  # numpy datetime64: converted in C
        values = datetime64_days(values, field).tolist()  # NaT becomes None; a time of day refused, not dropped
    cells = to_list(values, field, "a list of dates")
    if length is not None and len(cells) != length:
        raise InvalidInputError(field, len(cells), f"{length} values, one per last day")
    read = known.__getitem__ if length is not None else Memo(lambda cell: cell_date(cell, field)).__getitem__
    try:
        return list(map(read, cells))
    except (InvalidInputError, TypeError):  # a bad or unhashable cell: named below, outside this handler
        pass  # (so that the refusal is shown alone, not as raised while handling the first)
    empty = length is not None
    return each_item(cells, field, lambda cell, name: None if empty and is_empty_cell(cell) else cell_date(cell, name))


def _columns(last_day: object, *others: object) -> list[list[dt.date | None]]:
    """The last days, then the certificate, submitted, paid and first-day columns (one value per last day), as
    dates; every refused cell of every column is named at once, not a column at a time."""
    known = Memo(optional_cell_date)  # each distinct cell read once
    refused: list[InvalidInputError] = []

    def read(values: object, field: str, rows: int | None) -> list[dt.date | None]:
        try:
            return _column(values, field, rows, known)
        except InvalidInputError as err:
            refused.append(err)
            return []

    lasts = read(last_day, "last_day", None)
    rows = len(lasts) if not refused else len(to_list(last_day, "last_day", "a list of dates"))
    rest = [read(values, field, rows) for values, field in zip(others, _OTHER_COLUMNS, strict=True)]
    if refused:
        raise InvalidInputError.of(refused)
    return [lasts, *rest]


_OTHER_COLUMNS = ("certificate_date", "submitted", "paid", "first_day")


def _firsts(
    firsts: list[dt.date | None], lasts: list[dt.date | None], certificates: list[dt.date | None]
) -> list[dt.date | None]:
    """The first attended day of each row (an empty cell is the last day: a one-day session), its dates
    checked by the rule an :class:`~ceurules.Attendance` follows
    (:func:`~ceurules.credit.attended_dates_problem`); every refused row is named."""
    days = [first or last for first, last in zip(firsts, lasts, strict=True)]
    problems = list(map(attended_dates_problem, days, days, lasts, certificates))  # type: ignore[arg-type]
    refused = [problem.renamed(_in_row(i)) for i, problem in enumerate(problems) if problem is not None]
    if refused:
        raise InvalidInputError.of(refused)
    return days


def _in_row(i: int) -> Callable[[str], str]:
    """A field of :func:`~ceurules.credit.attended_dates_problem` named as the columns name it, in row ``i``:
    the session's last day is ``last_day``."""
    return lambda field: f"{'last_day' if field == 'session_last_day' else field}[{i}]"


def _in_by(days: list[dt.date | None], as_of: dt.date) -> list[dt.date | None]:
    """The column as it stands on ``as_of``: a day after it has not happened yet (:func:`~ceurules.decisions.in_by`)."""
    return list(map(in_by, days, repeat(as_of)))


#: The posting window and status of an application outside the window (``credit.window`` fails).
_OUTSIDE = (None, None, Status.OUTSIDE_WINDOW)


def application_columns(
    last_day: object,
    *,
    certificate_date: object = None,
    first_day: object = None,
    submitted: object = None,
    paid: object = None,
    as_of: object,
    policy: Policy = DEFAULT,
) -> ApplicationColumns:
    """Deadline, on time, processing window and status of many applications given as columns.

    Row ``i`` is the application whose last session day is ``last_day[i]``,
    with ``certificate_date[i]``, ``submitted[i]`` and ``paid[i]`` (each may be
    empty: ``None``, or NaT in a numpy array; a column left out is empty
    throughout). ``first_day[i]`` is the first day the participant attended
    (left out or empty: the last day, as for one-day sessions); applying or paying
    before it is not on time (D5). The answers are those of
    :func:`~ceurules.application_summaries` for the same applications (not
    year-long ones, nor issued certificates).

    >>> from ceurules import application_columns
    >>> answers = application_columns(
    ...     ["2026-11-20"], submitted=["2026-11-25"], paid=["2026-11-24"], as_of="2026-12-01"
    ... )
    >>> answers.deadline, answers.latest
    ([datetime.date(2026, 12, 20)], [datetime.date(2026, 12, 10)])
    """
    policy = check_policy(policy)
    as_of = cell_date(as_of, "as_of")  # read as a cell is
    lasts, certificates, applied, payments, first = _columns(last_day, certificate_date, submitted, paid, first_day)
    applied, payments = _in_by(applied, as_of), _in_by(payments, as_of)  # a day after as_of is not yet in
    firsts = _firsts(first, lasts, certificates)
    # column by column, each rule asked once per distinct day: no object per row for the collector to walk
    deadline_of = Memo(deadline_rule(policy=policy)).__getitem__
    posting = posting_dates(policy=policy)
    processed = Memo(lambda complete: processing(complete, None, as_of, posting)).__getitem__
    deadlines = list(map(deadline_of, map(window_anchor, lasts, certificates)))  # type: ignore[arg-type]
    completes = list(map(complete_on, applied, payments))
    missed = map(window_missed, firsts, deadlines, applied, payments, repeat(as_of))  # type: ignore[arg-type]
    windows = [_OUTSIDE if out else processed(complete) for out, complete in zip(missed, completes, strict=True)]
    return ApplicationColumns(
        deadlines,
        list(map(on_time, firsts, deadlines, applied, payments)),  # type: ignore[arg-type]
        list(map(itemgetter(0), windows)),
        list(map(itemgetter(1), windows)),
        list(map(itemgetter(2), windows)),
    )
