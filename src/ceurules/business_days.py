"""Business days: the calendar behind every business-day clock (D3).

:class:`BusinessCalendar` is the only module that touches the ``holidays``
package. It is pinned by its keywords (country, subdivision, categories,
observed dates, extra closures, removed holidays), so notebooks, CI and apps
built on the same calendar agree on every date.

Nothing here walks day by day per question. The first question about a year
builds an index for a few years around it (business-day flags, a running count
and the list of business days); after that ``add_business_days`` is two list
look-ups whatever ``n`` is. A question outside the built years extends the
index; it never wraps or guesses. ``holidays`` itself is imported only when
the first index is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from ._convert import check_bool, to_date, to_int, to_list, to_text
from .errors import InvalidInputError, UnknownCalendarError

__all__ = ["BusinessCalendar"]

#: Years the calendar answers for (both included).
FIRST_YEAR = 1900
LAST_YEAR = 2199
_BLOCK = 4  # years added to the index at a time


def _dates(value: object, field: str) -> frozenset[dt.date]:
    if isinstance(value, str | bytes | dt.date) or not hasattr(value, "__iter__"):
        raise InvalidInputError(field, value, "a collection of dates")
    return frozenset(to_date(v, f"{field}[{i}]") for i, v in enumerate(value))


def _categories(value: object) -> frozenset[str]:
    if isinstance(value, str):
        value = (value,)
    if not hasattr(value, "__iter__"):
        raise InvalidInputError("categories", value, "a collection of holiday category names")
    cats = frozenset(to_text(v, "categories") for v in value)
    if not cats:
        raise InvalidInputError("categories", value, "at least one holiday category")
    return cats


def _country(value: object) -> str:
    return to_text(value, "country").upper()


def _subdivision(value: object) -> str | None:
    return None if value is None else to_text(value, "subdivision").upper()


def _weekend(value: object) -> frozenset[int]:
    if not hasattr(value, "__iter__"):
        raise InvalidInputError("weekend", value, "weekday numbers 0 (Monday) to 6 (Sunday)")
    days = frozenset(to_int(v, "weekend") for v in value)
    if not days <= set(range(7)) or len(days) == 7:
        raise InvalidInputError("weekend", value, "weekday numbers 0 (Monday) to 6 (Sunday), not all seven")
    return days


class _Index:
    """Business-day tables for the years ``first``..``last`` (both included), keyed by date.

    ``before[d]`` counts the business days strictly before ``d`` and ``through[d]``
    those up to and including ``d`` (from the first day of the table);
    ``bdates`` lists the business days in order, so the n-th business day after
    ``d`` is ``bdates[through[d] + n - 1]``.
    """

    __slots__ = ("bdates", "before", "first", "last", "names", "status", "through")

    def __init__(self) -> None:
        self.first = 0
        self.last = -1
        self.status: dict[dt.date, bool] = {}
        self.before: dict[dt.date, int] = {}
        self.through: dict[dt.date, int] = {}
        self.bdates: list[dt.date] = []
        self.names: dict[dt.date, str] = {}


def _extra_closures(v: object) -> frozenset[dt.date]:
    return _dates(v, "extra_closures")


def _removed_holidays(v: object) -> frozenset[dt.date]:
    return _dates(v, "removed_holidays")


@attrs.frozen(kw_only=True)
class BusinessCalendar:
    """Which days are business days: Monday-Friday, less the holidays of a pinned calendar.

    The default is the reading's D3: United States federal plus Mississippi
    holidays, public category, observed dates included, as the ``holidays``
    package gives them. ``extra_closures`` adds closure days (a winter break);
    ``removed_holidays`` turns holidays the package lists back into business
    days. The calendar answers for the years 1900-2199.

    Building a calendar is free; an unknown country or subdivision raises
    :class:`~ceurules.UnknownCalendarError` on the first question asked.

    >>> from datetime import date
    >>> cal = BusinessCalendar()
    >>> cal.is_business_day(date(2026, 11, 26))  # Thanksgiving
    False
    >>> cal.add_business_days(date(2026, 11, 20), 3)
    datetime.date(2026, 11, 25)
    """

    country: str = attrs.field(default="US", converter=_country)
    subdivision: str | None = attrs.field(default="MS", converter=_subdivision)
    categories: frozenset[str] = attrs.field(default=frozenset({"public"}), converter=_categories)
    observed: bool = attrs.field(default=True, validator=check_bool)
    extra_closures: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_extra_closures)
    removed_holidays: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_removed_holidays)
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_weekend)
    _index: _Index = attrs.field(init=False, factory=_Index, eq=False, hash=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the settings only; the index is rebuilt on first use."""
        return {a.name: getattr(self, a.name) for a in attrs.fields(type(self)) if a.init}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_index", _Index())

    # -- building ---------------------------------------------------------------------------

    def _holidays(self, first: int, last: int) -> dict[dt.date, str]:
        import holidays  # deferred: importing holidays costs more than the rest of ceurules

        try:
            found = holidays.country_holidays(
                self.country,
                subdiv=self.subdivision,
                years=range(first, last + 1),
                observed=self.observed,
                categories=tuple(sorted(self.categories)),
            )
        except NotImplementedError as exc:
            raise UnknownCalendarError(
                f"the holidays package has no calendar for country={self.country!r}, "
                f"subdivision={self.subdivision!r}: {exc}"
            ) from None
        except ValueError as exc:
            raise UnknownCalendarError(
                f"the holidays package refused categories={sorted(self.categories)!r} "
                f"for country={self.country!r}: {exc}"
            ) from None
        return dict(found.items())

    def _build(self, first: int, last: int) -> _Index:
        first, last = max(first, FIRST_YEAR), min(last, LAST_YEAR)
        names = {d: n for d, n in self._holidays(first, last).items() if first <= d.year <= last}
        for day in self.removed_holidays:
            names.pop(day, None)
        closed = set(names) | self.extra_closures
        weekend = self.weekend
        index = _Index()
        status, before, through, bdates = index.status, index.before, index.through, index.bdates
        day, end, one = dt.date(first, 1, 1), dt.date(last, 12, 31), dt.timedelta(days=1)
        weekday = day.weekday()
        while day <= end:  # once per build, never per question
            before[day] = len(bdates)
            is_open = weekday not in weekend and day not in closed
            status[day] = is_open
            if is_open:
                bdates.append(day)
            through[day] = len(bdates)
            day += one
            weekday = (weekday + 1) % 7
        index.first, index.last, index.names = first, last, names
        return index

    def _cover(self, first: int, last: int) -> _Index:
        """The index, extended (if need be) to cover the years ``first``..``last``."""
        index = self._index
        if index.first <= first and last <= index.last:
            return index
        if index.last < index.first:  # empty: start a block around the request
            new_first, new_last = first - 1, last + _BLOCK - 1
        else:
            new_first = min(index.first, first - _BLOCK + 1)
            new_last = max(index.last, last + _BLOCK - 1)
        built = self._build(new_first, new_last)
        object.__setattr__(self, "_index", built)
        return built

    # -- questions --------------------------------------------------------------------------

    def is_business_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a business day (not a weekend day, holiday or extra closure)."""
        try:
            return self._index.status[day]
        except (KeyError, TypeError):  # outside the built years, or not a date
            day = _in_range(day, "day")
            return self._cover(day.year, day.year).status[day]

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's name on ``day`` (``"Extra closure"`` for an added one), else ``None``."""
        day = _in_range(day, "day")
        index = self._cover(day.year, day.year)
        if day in index.names:
            return index.names[day]
        return "Extra closure" if day in self.extra_closures else None

    def closures(self, start: dt.date, end: dt.date) -> dict[dt.date, str]:
        """Holidays and extra closures from ``start`` to ``end``, both included, with names."""
        start, end = _in_range(start, "start"), _in_range(end, "end")
        if end < start:
            raise InvalidInputError("end", end, f"a date on or after start {start}")
        index = self._cover(start.year, end.year)
        found = {d: n for d, n in index.names.items() if start <= d <= end}
        found.update({d: "Extra closure" for d in self.extra_closures if start <= d <= end})
        return dict(sorted(found.items()))

    def roll_forward(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a business day, else the next business day."""
        return self.add_business_days(day, 0)

    def add_business_days(self, start: dt.date, n: int) -> dt.date:
        """The business day ``n`` business days from ``start``.

        For ``n > 0`` the n-th business day strictly after ``start``; for
        ``n < 0`` the |n|-th strictly before; for ``n == 0`` ``start`` itself
        if it is a business day, else the next one. ``start`` need not be a
        business day. The cost does not grow with ``n``.
        """
        index = self._index
        try:
            if n.__class__ is int:
                k = index.through[start] + n - 1 if n > 0 else index.before[start] + n
                if k >= 0:
                    return index.bdates[k]
        except (KeyError, TypeError, IndexError):  # outside the built years, or not a date
            pass
        return self._add_slow(_in_range(start, "start"), _whole(n, "n"))

    def _add_slow(self, start: dt.date, n: int) -> dt.date:
        span = abs(n) // 200 + 1  # a year has at least ~200 business days on any real calendar
        first, last = start.year, start.year
        while True:
            index = self._cover(max(first, FIRST_YEAR), min(last, LAST_YEAR))
            k = index.through[start] + n - 1 if n > 0 else index.before[start] + n
            if 0 <= k < len(index.bdates):
                return index.bdates[k]
            if (first <= FIRST_YEAR) if n < 0 else (last >= LAST_YEAR):  # only the way the count runs
                raise InvalidInputError(
                    "n", n, f"a count that stays within the years {FIRST_YEAR}-{LAST_YEAR} from {start}"
                )
            if n < 0:
                first -= span
            else:
                last += span

    def business_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many business days lie after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start`` (then: the business days after
        ``end`` up to and including ``start``, counted negative). For a business
        day ``end`` after ``start``, ``add_business_days(start, result) == end``.
        """
        start, end = _in_range(start, "start"), _in_range(end, "end")
        index = self._cover(min(start.year, end.year), max(start.year, end.year))
        return index.through[end] - index.through[start]

    def add_business_days_many(self, starts: Iterable[dt.date], n: int) -> list[dt.date]:
        """:meth:`add_business_days` for many start dates at once (same ``n``), in their order."""
        n = _whole(n, "n")
        starts = to_list(starts, "starts", "a list of dates")
        add = self.add_business_days
        index = self._index
        through, before, bdates = index.through, index.before, index.bdates
        out: list[dt.date] = []
        append = out.append
        for start in starts:
            try:
                k = through[start] + n - 1 if n > 0 else before[start] + n
                append(bdates[k] if k >= 0 else add(start, n))
            except (KeyError, TypeError, IndexError):
                append(add(start, n))
        return out


def _in_range(day: object, field: str) -> dt.date:
    """``day`` as a date the calendar covers (1900-2199), or the library's error."""
    day = to_date(day, field)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInputError(field, day, f"a date in the years {FIRST_YEAR}-{LAST_YEAR}, which the calendar covers")
    return day


def _whole(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(field, value, "a whole number of business days")
    return value
