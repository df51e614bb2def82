"""Business days on numpy ``datetime64`` arrays (the optional ``arrays`` extra).

``import ceurules`` never imports numpy; this module does, when
:meth:`BusinessCalendar.add_business_days_array` is first called. The answers
are those of :meth:`~ceurules.BusinessCalendar.add_business_days` for every
element (``n > 0``: strictly after; ``n < 0``: strictly before; ``n == 0``:
rolled forward), looked up in the calendar's own index by vectorised indexing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ._convert import AT_MIDNIGHT, FIRST_DAY, LAST_DAY, in_range, timed_positions
from .errors import InvalidInputError

if TYPE_CHECKING:
    from .business_days import BusinessCalendar

__all__ = ["add_business_days_array"]

_EPOCH = dt.date(1970, 1, 1).toordinal()  # datetime64[D] counts days from here


def _days(starts: object) -> Any:
    """``starts`` as a ``datetime64[D]`` array: NaT stays (an empty cell). Every start with a time of day (as in
    a DataFrame's date column) or outside the years the calendar covers is refused at once, each named by its
    flat position."""
    import numpy as np

    raw = np.asarray(starts)
    if raw.dtype.kind != "M":
        raise InvalidInputError("starts", starts, "a numpy datetime64 array")
    days = raw.astype("datetime64[D]")
    refused = {i: InvalidInputError(f"starts[{i}]", str(raw.flat[i]), AT_MIDNIGHT) for i in timed_positions(raw)}
    outside = (days < np.datetime64(FIRST_DAY)) | (days > np.datetime64(LAST_DAY))  # NaT is neither
    for i in np.flatnonzero(outside):
        refused.setdefault(int(i), _refusal(days.flat[i], f"starts[{i}]"))
    if refused:
        raise InvalidInputError.of(refused[i] for i in sorted(refused))
    return days


def _refusal(day: Any, field: str) -> InvalidInputError:
    """Why a start is refused: it lies outside the years the calendar covers (numpy's text past 9999, which no
    ``date`` holds)."""
    value = day.item()
    if not isinstance(value, dt.date):
        return InvalidInputError(field, str(day), "a date in the years 1900-2199")
    try:
        in_range(value, field, value)
    except InvalidInputError as err:
        return err
    raise AssertionError(f"{field}: {day} lies in the years 1900-2199")  # only starts outside them come here


def _tables(calendar: BusinessCalendar, first: int, last: int) -> tuple[Any, Any, Any]:
    """The run covering ``first``..``last`` as numpy arrays (copied once per run and size, under the build lock)."""
    import numpy as np

    from .business_days import _BUILDING

    run = calendar._cover(first, last)
    index = calendar._index
    with _BUILDING:  # no build resizes the run's arrays while they are copied
        if index.arrays is None or index.arrays[0] is not run or len(index.arrays[1]) != len(run.cum):
            cum = np.array(run.cum, dtype=np.int64) - run.origin
            index.arrays = (run, cum, np.array(run.bdays, dtype=np.int64) - _EPOCH)
        return index.arrays


def add_business_days_array(calendar: BusinessCalendar, starts: object, n: int) -> Any:
    """``calendar.add_business_days(start, n)`` for every element of ``starts``, as a ``datetime64[D]`` array;
    NaT (an empty cell) stays NaT, as the column and DataFrame answers take it."""
    import numpy as np

    from .business_days import _whole

    n = _whole(n, "n")
    days = _days(starts)
    dated = ~np.isnat(days)
    answers = np.full(days.shape, np.datetime64("NaT", "D"), dtype="datetime64[D]")
    answers[dated] = _shifted(calendar, days[dated].astype(np.int64) + _EPOCH, n)
    return answers


def _shifted(calendar: BusinessCalendar, ordinals: Any, n: int) -> Any:
    """The answers for day ordinals (no NaT), by indexing the calendar's cumulative business-day counts."""
    from .business_days import _in_range

    if ordinals.size == 0:
        return ordinals.astype("datetime64[D]")
    low, high = int(ordinals.min()), int(ordinals.max())
    first = _in_range(dt.date.fromordinal(low), "starts").year
    last = _in_range(dt.date.fromordinal(high), "starts").year
    after, shift = (1, n - 1) if n > 0 else (0, n)
    while True:
        run, cum, bdays = _tables(calendar, first, last)
        k = cum[ordinals - (run.base - after)] + shift
        if k.min() >= 0 and k.max() < len(bdays):
            return bdays[k].astype("datetime64[D]")
        # the start furthest the count's way: its answer extends the index that way, or is refused
        calendar.add_business_days(dt.date.fromordinal(low if n < 0 else high), n)
