"""DataFrames in and out: a table of credit applications checked at once, findings and timelines as tables.

Works with pandas or polars, whichever the frame given is (``pip install
"ceurules[pandas]"`` or ``"ceurules[polars]"``); ``import ceurules`` loads
neither, and this module loads one only when a function here is called.

:func:`check_applications` takes one row per application (the columns of
:data:`APPLICATION_COLUMNS`) and gives the same frame with the answers of
:data:`ANSWER_COLUMNS` added. It answers on the columnar path
(:func:`~ceurules.application_columns`): the very rules of
:func:`~ceurules.application_summaries` and :func:`~ceurules.credit_status`,
asked once per distinct date.

>>> import pandas as pd
>>> from ceurules.frames import check_applications
>>> applications = pd.DataFrame({
...     "participant": ["Jordan Lee", "Riley Chen"],
...     "last_day": ["2026-12-15", "2027-01-12"],
...     "certificate_date": ["2026-12-15", None],
...     "submitted": ["2026-12-18", None],
...     "paid": ["2026-12-18", None],
... })
>>> answers = check_applications(applications, as_of="2026-12-22")
>>> print(answers[["participant", "deadline", "on_time", "status", "status_clause"]].to_string(index=False))
participant   deadline on_time           status         status_clause
 Jordan Lee 2027-01-14    True    in processing credit.processing, D6
 Riley Chen 2027-02-11    None not yet complete credit.processing, D6

Dates come back as ``datetime.date`` values, empty answers as ``None``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from ._convert import cell_date, is_empty_cell, optional_cell_date, timed_positions, to_date, to_items
from .columns import application_columns
from .credit import overdue_clause, window_breach, window_default
from .decisions import Decision, Status, in_by
from .errors import InvalidInputError
from .policy import DEFAULT_POLICY, Policy, check_policy
from .review import FileReport
from .timelines import Timeline

__all__ = [
    "ANSWER_COLUMNS",
    "APPLICATION_COLUMNS",
    "FINDING_COLUMNS",
    "TIMELINE_COLUMNS",
    "check_applications",
    "findings_frame",
    "timeline_frame",
]

Library = Literal["pandas", "polars"]

#: The columns :func:`check_applications` reads, one row per application; only ``last_day`` is required.
#: A cell is a date, ISO text, or empty (``None``, NaN or NaT); date and datetime columns are read as dates.
APPLICATION_COLUMNS: Mapping[str, str] = {
    "last_day": "the last day of the session the participant attended (required)",
    "first_day": "the first day the participant attended (empty: the last day, as for a one-day session)",
    "certificate_date": "the day of the certificate of completion (empty: not known)",
    "submitted": "the day the credit application was submitted (empty: not yet)",
    "paid": "the day the CEUs were paid for (empty: not yet)",
}

#: How close (``difflib`` ratio) an unknown column's name must be to a column read, absent, to be refused as a
#: misspelling of it (besides names differing only in case, spaces, hyphens or underscores).
_NEAR_MISS = 0.85

#: The columns :func:`check_applications` adds, with the clause behind each answer.
ANSWER_COLUMNS: Mapping[str, str] = {
    "deadline": "the last day to apply and pay",
    "on_time": "whether application and payment both came in the window (empty until both are in by as_of)",
    "deadline_clause": "the clause and default the deadline and on_time follow (credit.window, D4 or D5)",
    "earliest": "the earliest day the CEUs should post (empty until application and payment are in by as_of)",
    "latest": "the latest day the CEUs should post; overdue after it",
    "window_clause": "the clause and default of the processing window (credit.processing, D6)",
    "status": (
        "where the credit stands on as_of, in words"
        " (not yet complete, outside the application window, in processing, overdue)"
    ),
    "status_clause": (
        "the clause and default the status rests on (credit.window, D4 or D5; credit.processing or credit.record, D6)"
    ),
}

#: The columns of :func:`findings_frame`: one row per finding.
FINDING_COLUMNS = ("topic", "subject", "verdict", "outcome", "clause", "default", "message")
#: The columns of :func:`timeline_frame`: one row per event.
TIMELINE_COLUMNS = ("subject", "date", "event", "clause", "default")


def _library(frame: object) -> Library:
    """The library of a DataFrame; anything else, a polars LazyFrame included, is refused. A LazyFrame is a
    query not yet run: collecting it here would run the caller's whole plan (reading its files) unasked."""
    module = type(frame).__module__.split(".")[0]
    if module in ("pandas", "polars") and isinstance(frame, sys.modules[module].DataFrame):
        return module  # type: ignore[return-value]
    lazy = module == "polars" and type(frame).__name__ == "LazyFrame"
    expected = "a pandas or polars DataFrame" + (" (collect a LazyFrame first: frame.collect())" if lazy else "")
    raise InvalidInputError("applications", frame, expected)


def _labels(frame: Any, library: Library) -> list[str] | None:
    """How the rows of a frame are named in a refusal: by their index labels, when a pandas frame has an index
    other than its positions (0, 1, 2, ...); ``None`` (by position) otherwise, and always for polars."""
    if library == "polars":
        return None
    import pandas

    if frame.index.equals(pandas.RangeIndex(len(frame))):
        return None
    return [repr(label) if isinstance(label, str) else str(label) for label in frame.index]


def _by_label(labels: list[str]) -> Callable[[str], str]:
    """A cell's field (``last_day[1]``) named by its row's label (``last_day[20]``); other fields as they are."""

    def rename(field: str) -> str:
        cell = re.fullmatch(r"(\w+)\[(\d+)\]", field)
        return field if cell is None else f"{cell[1]}[{labels[int(cell[2])]}]"

    return rename


def _cells(frame: Any, library: Library, name: str) -> list[Any]:
    """A column as cells :func:`~ceurules.application_columns` reads: dates, ISO text or ``None``.

    A datetime column gives dates at midnight, read on its own clock when it has a time zone, and a cell with
    a time of day as it is (the columns refuse it, with every other refused cell of every column); null, NaN,
    NaT and pandas' NA are empty."""
    column = frame[name]
    if library == "polars":
        import polars

        if isinstance(column.dtype, polars.Datetime):
            local = column.dt.replace_time_zone(None) if column.dtype.time_zone else column
            return _datetime_cells(local.to_numpy(), column.to_list())
        cells = column.to_list()
    elif column.dtype.kind == "M":  # pandas datetime64, with or without a time zone
        local = column.dt.tz_localize(None) if getattr(column.dtype, "tz", None) is not None else column
        return _datetime_cells(local.to_numpy(), list(column))
    else:
        cells = column.tolist()
    return [None if is_empty_cell(cell) else cell for cell in cells]


def _datetime_cells(times: Any, written: list[Any]) -> list[Any]:
    """A datetime column's cells: dates (NaT: ``None``), and a cell with a time of day as ``written``."""
    cells: list[Any] = times.astype("datetime64[D]").tolist()
    for i in timed_positions(times):
        cells[i] = written[i]
    return cells


def _status_clause(status: Status, as_of: dt.date, policy: Policy, deadline_clause: str) -> str:
    """What :func:`~ceurules.credit_status` cites for a status of the columnar path: an application outside
    the window fails ``credit.window`` (as its deadline does, D4 or D5); an overdue credit the clause
    :func:`~ceurules.credit.overdue_clause` names (D6); any other status ``credit.processing`` (D6)."""
    if status is Status.OUTSIDE_WINDOW:
        return deadline_clause
    return (overdue_clause(as_of, policy) if status is Status.OVERDUE else "credit.processing") + ", D6"


def _early(given: dict[str, list[Any]], deadlines: list[dt.date], empty: list[None], as_of: dt.date) -> list[bool]:
    """Which rows applied or paid, by ``as_of``, before the first attended day: cited D5 as the check's
    ``credit.window`` finding does (:func:`~ceurules.credit.window_citation`)."""

    day = optional_cell_date  # a cell application_columns has read, read as it reads it

    def arrived(cell: Any) -> dt.date | None:
        return in_by(day(cell), as_of)  # applied or paid after as_of: not yet in (attendance is as written)

    firsts = [day(f) or day(last) for f, last in zip(given.get("first_day") or empty, given["last_day"], strict=True)]
    rows = zip(firsts, deadlines, given.get("submitted") or empty, given.get("paid") or empty, strict=True)
    return [
        any(window_breach(first, end, d) == "early" for d in map(arrived, (s, p)) if d is not None)  # type: ignore[arg-type]
        for first, end, s, p in rows
    ]


def _squeezed(name: str) -> str:
    return "".join(c for c in name.casefold() if c not in " -_")


def _refuse_near_misses(frame: Any, library: Library, names: list[Any]) -> None:
    """Refuse a column that is a near miss of a column read while that column is absent (``Paid`` for
    ``paid``): other columns are kept as they are, so a misspelt one would be silently ignored. A near miss
    differs only in case, spaces, hyphens or underscores, is a close match (``submited``), or holds dates under
    a name with a word of that column's (``payed``, ``paid_on``, ``date_paid`` for ``paid``: :data:`_WORDS`)."""
    written = [name for name in names if isinstance(name, str)]
    for expected in APPLICATION_COLUMNS:
        if expected in names:
            continue
        near = [name for name in written if _squeezed(name) == _squeezed(expected)]
        near = near or difflib.get_close_matches(expected, written, n=1, cutoff=_NEAR_MISS)
        near = near or [name for name in written if _worded(name, expected) and _dates(frame, library, name)]
        if near:
            expected_name = f"the column name {expected!r} (a near miss of a column read is refused, not ignored)"
            raise InvalidInputError(f"applications.{near[0]}", near[0], expected_name)


#: The beginnings of words that name each column read: a column holding dates whose name has a word beginning so
#: (``payed``, ``paid_on``, ``PaymentDate`` for ``paid``) is meant for it, when it is absent.
_WORDS: Mapping[str, tuple[str, ...]] = {
    "last_day": ("last",),
    "first_day": ("first",),
    "certificate_date": ("cert",),
    "submitted": ("submi",),
    "paid": ("paid", "pay"),
}


def _worded(name: str, expected: str) -> bool:
    """Whether a word of the column name ``name`` (split at spaces, hyphens, underscores and capitals) begins as
    a word of the column read ``expected`` does."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+", name)
    return any(word.casefold().startswith(_WORDS[expected]) for word in words)


def _dates(frame: Any, library: Library, name: str) -> bool:
    """Whether the column holds dates: at least one, and nothing else but empty cells."""
    try:
        cells = [cell for cell in _cells(frame, library, name) if cell is not None]
        return bool(cells) and all(to_date(cell, name) is not None for cell in cells)
    except (InvalidInputError, TypeError, ValueError, AttributeError):  # not a column of cells: no dates
        return False


def check_applications(applications: Any, *, as_of: dt.date | str, policy: Policy = DEFAULT_POLICY) -> Any:
    """The answers for a table of credit applications, one row each: the frame with :data:`ANSWER_COLUMNS` added.

    ``applications`` is a pandas or polars DataFrame with the columns of
    :data:`APPLICATION_COLUMNS` (others, such as ``participant``, are kept as
    they are, but a near miss of a column read, absent, is refused: ``Paid``
    for ``paid``); the answer is a frame of the same library. The answers are
    those of :func:`~ceurules.application_summaries` and
    :func:`~ceurules.credit_status` for the same applications (not year-long
    ones, nor issued certificates), each with the clause behind it. See the
    module's example. A polars ``LazyFrame`` is refused: collect it first.
    ``as_of`` is read as a cell is (a datetime at midnight is a date). A
    refused cell is named by its row's index label when a pandas frame has an
    index of its own (``last_day[20]``), else by its position.
    """
    library = _library(applications)
    policy = check_policy(policy)
    day = cell_date(as_of, "as_of")
    names = list(applications.columns)
    repeated = sorted({name for name in names if names.count(name) > 1} & set(APPLICATION_COLUMNS))
    if repeated:
        raise InvalidInputError(f"applications.{repeated[0]}", repeated[0], "a column given once")
    _refuse_near_misses(applications, library, names)
    if "last_day" not in names:
        raise InvalidInputError("applications", names, "a column named last_day")
    clash = sorted(set(names) & set(ANSWER_COLUMNS))
    if clash:
        raise InvalidInputError(f"applications.{clash[0]}", clash[0], "no column named as an answer")
    try:
        given = {name: _cells(applications, library, name) for name in APPLICATION_COLUMNS if name in names}
        answers = application_columns(**given, as_of=day, policy=policy)
    except InvalidInputError as err:  # a cell is named by its row's index label, if the frame has one
        labels = _labels(applications, library)
        raise (err if labels is None else err.renamed(_by_label(labels))) from None
    empty = [None] * len(answers.deadline)
    certified = [c is not None for c in given.get("certificate_date") or empty]
    early = _early(given, answers.deadline, empty, day)
    window_clauses = [
        f"credit.window, {window_default(early=e, certificate=c)}" for c, e in zip(certified, early, strict=True)
    ]
    added: dict[str, list[Any]] = {
        "deadline": answers.deadline,
        "on_time": answers.on_time,
        "deadline_clause": window_clauses,
        "earliest": answers.earliest,
        "latest": answers.latest,
        "window_clause": [None if e is None else "credit.processing, D6" for e in answers.earliest],
        "status": [s.value for s in answers.status],
        "status_clause": [
            _status_clause(s, day, policy, window_clause)
            for s, window_clause in zip(answers.status, window_clauses, strict=True)
        ],
    }
    return _with_columns(applications, library, added)


#: The polars type of each answer column that is not text: the same whether or not a row has an answer.
_POLARS_TYPES = {"deadline": "Date", "on_time": "Boolean", "earliest": "Date", "latest": "Date"}


def _with_columns(frame: Any, library: Library, added: dict[str, list[Any]]) -> Any:
    if library == "polars":
        import polars

        typed = {name: getattr(polars, _POLARS_TYPES.get(name, "String")) for name in added}
        return frame.with_columns(polars.Series(name, values, dtype=typed[name]) for name, values in added.items())
    import pandas

    out = frame.copy()
    for name, values in added.items():  # object columns: dates stay datetime.date, empty cells None
        out[name] = pandas.Series(values, dtype=object, index=frame.index)
    return out


def _frame(rows: list[tuple[Any, ...]], columns: Iterable[str], library: Library) -> Any:
    names = list(columns)
    if library == "polars":
        import polars

        return polars.DataFrame(rows, schema=names, orient="row")
    if library == "pandas":
        import pandas

        return pandas.DataFrame.from_records(rows, columns=names)
    raise InvalidInputError("library", library, "'pandas' or 'polars'")


def findings_frame(result: Decision | FileReport | Iterable[Decision], *, library: Library = "pandas") -> Any:
    """The findings of a decision (or of every decision of a file report), one row each (:data:`FINDING_COLUMNS`).

    >>> from ceurules import check_eligibility, load_program
    >>> from ceurules.frames import findings_frame
    >>> frame = findings_frame(check_eligibility(load_program("docs/examples/workshop.ceu.toml")))
    >>> print(frame[["outcome", "clause", "default"]].tail(2).to_string(index=False))
    outcome                  clause default
        met program.eligible.format     NaN
        met                ceu.unit      D7
    """
    decisions = _decisions(result)
    rows = [
        (d.topic, d.subject, d.verdict_label, f.outcome.value, f.clause, f.default, f.message)
        for d in decisions
        for f in d.findings
    ]
    return _frame(rows, FINDING_COLUMNS, library)


def _decisions(result: object) -> list[Decision]:
    if isinstance(result, Decision):
        return [result]
    if isinstance(result, FileReport):
        return list(result.decisions)
    return list(to_items(result, "result", Decision, "a Decision, a FileReport or a list of decisions", "a Decision"))


def timeline_frame(timeline: Timeline, *, library: Library = "pandas") -> Any:
    """The events of a timeline, one row each, in date order (:data:`TIMELINE_COLUMNS`).

    >>> from ceurules import load_program, timeline
    >>> from ceurules.frames import timeline_frame
    >>> frame = timeline_frame(timeline(load_program("docs/examples/workshop.ceu.toml")))
    >>> print(frame[["date", "event", "clause"]].head(2).to_string(index=False))
          date                                   event             clause
    2026-12-01 last day to submit the approval request approval.lead-time
    2026-12-15                                 session     approval.dates
    """
    if not isinstance(timeline, Timeline):
        raise InvalidInputError("timeline", timeline, "a Timeline")
    rows = [(timeline.subject, e.day, e.what, e.clause, e.default) for e in timeline.events]
    return _frame(rows, TIMELINE_COLUMNS, library)
