"""Business days: the calendar behind every business-day clock (D3).

:class:`BusinessCalendar` is the only module that touches the ``holidays``
package. It is pinned by its keywords (country, subdivision, categories,
observed dates, extra closures, removed holidays), so notebooks, CI and apps
built on the same calendar agree on every date.

Nothing here walks day by day per question. The first question about a year
builds a run of a few years around it: a running count of business days and
the list of business days, as two compact integer arrays. After that
``add_business_days`` is two array look-ups whatever ``n`` is. A question
outside the built years builds only what it needs: a far year gets a run of its
own; a run that must grow grows by half its size, so years touched one by one
are each built once. Runs that meet are joined. Answers never depend on which
years were built before. ``holidays`` itself is imported only when a run is built.
"""

from __future__ import annotations

import datetime as dt
import operator
from _thread import allocate_lock
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress
from typing import TYPE_CHECKING, Any, SupportsIndex

import attrs

from ._convert import check_bool, named, to_date, to_int, to_list, to_text
from ._value import Value, set_repr
from .errors import InvalidInputError, UnknownCalendarError

__all__ = ["BusinessCalendar"]

#: Years the calendar answers for (both included).
FIRST_YEAR = 1900
LAST_YEAR = 2199
_BLOCK = 4  # years built for the first question about a year
_HOT = 2  # years of the first run also keyed by date
_BUILDING = allocate_lock()  # one build at a time; questions about built years never wait
_date = dt.date
_fromordinal = dt.date.fromordinal


def _dates(value: object, field: str) -> frozenset[dt.date]:
    if isinstance(value, str | bytes | dt.date) or not hasattr(value, "__iter__"):
        raise InvalidInputError(field, value, "a collection of dates")
    return frozenset(to_date(v, f"{field}[{i}]") for i, v in enumerate(value))


def _categories(value: str | Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        value = (value,)
    if not hasattr(value, "__iter__"):
        raise InvalidInputError("categories", value, "a collection of holiday category names")
    cats = frozenset(to_text(v, "categories") for v in value)
    if not cats:
        raise InvalidInputError("categories", value, "at least one holiday category")
    return cats


def _country(value: str) -> str:
    return to_text(value, "country").upper()


def _subdivision(value: str | None) -> str | None:
    return None if value is None else to_text(value, "subdivision").upper()


def default_subdivision(country: str) -> str | None:
    """The subdivision of a calendar that names none: D3's Mississippi for the United States, none (the whole
    country) for any other, so that no country inherits another's subdivision."""
    return "MS" if country == "US" else None


def _weekend(value: Iterable[int]) -> frozenset[int]:
    if not hasattr(value, "__iter__"):
        raise InvalidInputError("weekend", value, "weekday numbers 0 (Monday) to 6 (Sunday)")
    days = frozenset(to_int(v, "weekend") for v in value)
    if not days <= set(range(7)):
        raise InvalidInputError("weekend", value, "weekday numbers 0 (Monday) to 6 (Sunday)")
    if len(days) == 7:  # some of the week, never all of it
        raise InvalidInputError("weekend", value, "a weekend that leaves a business day (not all seven weekdays)")
    return days


class _Run:
    """Business-day tables for the contiguous years ``first``..``last`` (both included).

    Day ``i`` of the run is the date of ordinal ``base + i``. ``cum[i]`` counts the
    business days before it and ``cum[i + 1]`` those up to and including it, from
    the run's own origin ``cum[0]``; ``bdays`` holds the ordinals of the run's
    business days in order, so the business day whose count-before is ``c`` is
    ``bdays[c - origin]``. Two compact integer arrays: a few hundred kilobytes for
    the whole 1900-2199 range.
    """

    __slots__ = ("base", "bdays", "cum", "first", "last", "origin")

    def __init__(self, first: int, last: int, cum: array[int], bdays: array[int]) -> None:
        self.first, self.last = first, last
        self.base = dt.date(first, 1, 1).toordinal()
        self.cum, self.bdays, self.origin = cum, bdays, cum[0]


class _Index:
    """The runs built so far, by year, and the holidays of their years.

    A holiday is its ordinal in ``holiday_days`` and, at the same place in
    ``holiday_names``, the position of its name in ``names``: a few kilobytes
    for three centuries.
    """

    __slots__ = ("arrays", "holiday_days", "holiday_names", "hot", "hot_days", "names", "runs")

    def __init__(self) -> None:
        self.runs: dict[int, _Run] = {}
        # The few years around the first question, also keyed by date: the everyday fast path.
        # ``hot[day]`` is twice the business days up to and including ``day`` (from the start of
        # those years) plus one for a business day; ``hot_days`` lists their business days.
        self.hot: dict[dt.date, int] = {}
        self.hot_days: list[dt.date] = []
        self.arrays: tuple[_Run, Any, Any] | None = None  # numpy copies of a run (arrays.py)
        self.holiday_days = array("i")
        self.holiday_names = array("H")
        self.names: list[str] = []

    def add_holidays(self, found: dict[dt.date, str]) -> None:
        names = self.names
        for day, name in found.items():
            if name not in names:
                names.append(name)
            self.holiday_days.append(day.toordinal())
            self.holiday_names.append(names.index(name))

    def warm(self, run: _Run) -> None:
        """Key the first ``_HOT`` years of ``run`` by date (done once, for the first run built)."""
        first = dt.date(min(run.first + 1, run.last), 1, 1).toordinal()  # the question's year and the next
        last = min(dt.date(run.first + 1 + _HOT, 1, 1).toordinal(), run.base + len(run.cum) - 1)
        cum, start, base = run.cum, run.cum[first - run.base], run.base
        hot, days = {}, []
        for ordinal in range(first, last):
            day = _fromordinal(ordinal)
            through = cum[ordinal - base + 1] - start
            is_open = through - cum[ordinal - base] + start
            hot[day] = 2 * through + is_open
            if is_open:
                days.append(day)
        self.hot_days, self.hot = days, hot  # the list first: a reader that finds a day finds its list

    def holidays(self) -> Iterator[tuple[dt.date, str]]:
        names, days, named = self.names, self.holiday_days, self.holiday_names
        for i in range(len(named)):  # a build may be appending: its day comes before its name
            yield _fromordinal(days[i]), names[named[i]]


def _shifted(cum: array[int], by: int) -> array[int]:
    """The counts ``cum``, each ``by`` more."""
    return array("i", map(by.__add__, cum)) if by else cum


def _span(run: _Run | None) -> int:
    return 0 if run is None else run.last - run.first + 1


def _join(pieces: list[_Run]) -> _Run:
    """One run from adjacent ``pieces`` (in year order), counting on from the largest one.

    Only the smaller pieces are renumbered, so growing the index year by year costs
    about as much as building it at once.
    """
    anchor = max(range(len(pieces)), key=lambda j: len(pieces[j].cum))
    cums = [piece.cum for piece in pieces]
    for j in range(anchor + 1, len(pieces)):
        cums[j] = _shifted(cums[j], cums[j - 1][-1] - cums[j][0])
    for j in range(anchor - 1, -1, -1):
        cums[j] = _shifted(cums[j], cums[j + 1][0] - cums[j][-1])
    if anchor == 0:  # grow the first piece in place: readers of its days see no change
        cum, bdays = cums[0], pieces[0].bdays
    else:
        cum, bdays = array("i", cums[0]), array("i", pieces[0].bdays)
    for j in range(1, len(pieces)):
        cum.extend(cums[j][1:])
        bdays.extend(pieces[j].bdays)
    if anchor == 0:
        pieces[0].last = pieces[-1].last
        return pieces[0]
    return _Run(pieces[0].first, pieces[-1].last, cum, bdays)


if TYPE_CHECKING:  # the input type mypy shows (see ``_convert``)

    def _closures(value: Iterable[dt.date | str], /) -> frozenset[dt.date]: ...

else:
    _closures = named(lambda value, field: _dates(value, field.name))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class BusinessCalendar(Value):
    """Which days are business days: Monday-Friday, less the holidays of a pinned calendar.

    The default is the reading's D3: United States federal plus Mississippi
    holidays, public category, observed dates included, as the ``holidays``
    package gives them. Mississippi belongs to the United States: a calendar of
    another country given without a subdivision has none (the whole country),
    never ``MS``; ``country="US"`` alone keeps ``MS``, and ``subdivision=None``
    is the whole United States (``attrs.evolve`` copies the subdivision: give
    ``subdivision=None`` with a new country). ``extra_closures`` adds closure days (a winter break);
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
    subdivision: str | None = attrs.field(
        default=attrs.Factory(lambda self: default_subdivision(self.country), takes_self=True), converter=_subdivision
    )
    categories: frozenset[str] = attrs.field(default=frozenset({"public"}), converter=_categories, repr=set_repr)
    observed: bool = attrs.field(default=True, validator=check_bool)
    extra_closures: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_closures, repr=set_repr)
    removed_holidays: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_closures, repr=set_repr)
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_weekend, repr=set_repr)
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
        """The holidays of the years ``first``..``last``: from the shipped snapshot if it fits, else live."""
        from ._holiday_snapshot import snapshot_for

        key = (self.country, self.subdivision, tuple(sorted(self.categories)), self.observed)
        table = snapshot_for(key, dt.date(first, 1, 1).toordinal(), dt.date(last, 12, 31).toordinal())
        if table is not None:
            return {_fromordinal(day): name for day, name in table.items()}
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

    def _fresh(self, first: int, last: int, after: _Run | None, before: _Run | None) -> _Run:
        """A run for the years ``first``..``last``, built from their holidays in one pass.

        Its counts carry on from the run ``after`` which it follows, or lead up to the
        run ``before`` which it precedes, so joining them renumbers nothing.
        """
        found = self._holidays(first, last)
        names = {d: n for d, n in found.items() if first <= d.year <= last and d not in self.removed_holidays}
        self._index.add_holidays(names)
        base = dt.date(first, 1, 1).toordinal()
        days = dt.date(last, 12, 31).toordinal() - base + 1
        week = bytes(0 if (base + i - 1) % 7 in self.weekend else 1 for i in range(7))  # ordinal 1 is a Monday
        flags = bytearray(week * (days // 7 + 1))[:days]
        for day in set(names) | self.extra_closures:
            if 0 <= day.toordinal() - base < days:
                flags[day.toordinal() - base] = 0
        origin = 0 if before is None else before.origin - sum(flags)
        origin = origin if after is None else after.cum[-1]
        cum = array("i", accumulate(flags, initial=origin))
        return _Run(first, last, cum, array("i", compress(range(base, base + days), flags)))

    def _cover(self, first: int, last: int) -> _Run:
        """The run covering the years ``first``..``last`` (clipped to the range), built if need be."""
        first, last = max(first, FIRST_YEAR), min(last, LAST_YEAR)
        runs = self._index.runs
        run = runs.get(first)
        if run is not None and run.last >= last:
            return run
        with _BUILDING:
            if first not in runs:  # a new year brings a few around it; a growing run grows by half its size
                first = max(first - max(1, _span(runs.get(first + 1)) // 2), FIRST_YEAR)
            if last not in runs:
                last = min(last + max(_BLOCK - 1, _span(runs.get(last - 1)) // 2), LAST_YEAR)
            for year in (first - 1, first):  # take in whole runs that touch the span
                if year in runs:
                    first = runs[year].first
            for year in (last + 1, last):
                if year in runs:
                    last = runs[year].last
            pieces: list[_Run] = []
            year = first
            while year <= last:
                if year in runs:
                    pieces.append(runs[year])
                    year = runs[year].last + 1
                    continue
                gap = year
                while year <= last and year not in runs:
                    year += 1
                pieces.append(self._fresh(gap, year - 1, pieces[-1] if pieces else None, runs.get(year)))
            run = _join(pieces)
            for year in range(run.first, run.last + 1):
                runs[year] = run
            if not self._index.hot:
                self._index.warm(run)
            return run

    # -- questions --------------------------------------------------------------------------

    def is_business_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a business day (not a weekend day, holiday or extra closure)."""
        if day.__class__ is _date:
            v = self._index.hot.get(day)
            if v is not None:
                return v & 1 == 1
            run = self._index.runs.get(day.year)
        else:
            run = None
        if run is None:
            day = _in_range(day, "day")
            run = self._cover(day.year, day.year)
        i = day.toordinal() - run.base
        return run.cum[i + 1] != run.cum[i]

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's name on ``day`` (``"Extra closure"`` for an added one), else ``None``."""
        day = _in_range(day, "day")
        self._cover(day.year, day.year)
        index = self._index
        if day.toordinal() in index.holiday_days:
            return index.names[index.holiday_names[index.holiday_days.index(day.toordinal())]]
        return "Extra closure" if day in self.extra_closures else None

    def closures(self, start: dt.date, end: dt.date) -> dict[dt.date, str]:
        """Holidays and extra closures from ``start`` to ``end``, both included, with names."""
        start, end = _in_range(start, "start"), _in_range(end, "end")
        if end < start:
            raise InvalidInputError("end", end, f"a date on or after start {start}")
        self._cover(start.year, end.year)
        found = {d: n for d, n in self._index.holidays() if start <= d <= end}
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
        if start.__class__ is _date and n.__class__ is int:
            index = self._index
            v = index.hot.get(start)
            if v is not None:
                k = (v >> 1) + n - 1 if n > 0 else (v >> 1) - (v & 1) + n
                if 0 <= k < len(index.hot_days):
                    return index.hot_days[k]
            run = index.runs.get(start.year)
            if run is not None:
                i = start.toordinal() - run.base
                k = (run.cum[i + 1] + n - 1 if n > 0 else run.cum[i] + n) - run.origin
                if 0 <= k < len(run.bdays):
                    return _fromordinal(run.bdays[k])
        return self._add_slow(_in_range(start, "start"), _whole(n, "n"))

    def _add_slow(self, start: dt.date, n: int) -> dt.date:
        """Extend the run holding ``start`` in the direction of the count until it holds the answer."""
        first = last = start.year
        while True:
            run = self._cover(first, last)
            i = start.toordinal() - run.base
            k = (run.cum[i + 1] + n - 1 if n > 0 else run.cum[i] + n) - run.origin
            if 0 <= k < len(run.bdays):
                return _fromordinal(run.bdays[k])
            if (run.first <= FIRST_YEAR) if n < 0 else (run.last >= LAST_YEAR):  # only the way the count runs
                raise InvalidInputError(
                    "n", n, f"a count that stays within the years {FIRST_YEAR}-{LAST_YEAR} from {start}"
                )
            years = max(-k, k - len(run.bdays)) // 200 + 1  # how far outside the run; a year has >= ~200 business days
            first, last = (run.first - years, start.year) if n < 0 else (start.year, run.last + years)

    def business_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many business days lie after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start`` (then: the business days after
        ``end`` up to and including ``start``, counted negative). For a business
        day ``end`` after ``start``, ``add_business_days(start, result) == end``.
        """
        start, end = _in_range(start, "start"), _in_range(end, "end")
        run = self._cover(min(start.year, end.year), max(start.year, end.year))
        return run.cum[end.toordinal() - run.base + 1] - run.cum[start.toordinal() - run.base + 1]

    def add_business_days_array(self, starts: Any, n: int) -> Any:
        """:meth:`add_business_days` for a numpy ``datetime64`` array of starts, as a ``datetime64[D]`` array.

        Needs numpy (``pip install "ceurules[arrays]"``); the same answers as
        :meth:`add_business_days`, element by element, computed by array indexing.
        """
        from .arrays import add_business_days_array

        return add_business_days_array(self, starts, n)

    def add_business_days_many(self, starts: Iterable[dt.date], n: int) -> list[dt.date]:
        """:meth:`add_business_days` for many start dates at once (same ``n``), in their order."""
        n = _whole(n, "n")
        starts = to_list(starts, "starts", "a list of dates")
        add, runs, date, fromordinal = self.add_business_days, self._index.runs, _date, _fromordinal
        shift = n - 1 if n > 0 else n
        after = 1 if n > 0 else 0
        out: list[dt.date] = []
        append = out.append
        for start in starts:
            run = runs.get(start.year) if start.__class__ is date else None
            if run is not None:
                k = run.cum[start.toordinal() - run.base + after] + shift - run.origin
                if 0 <= k < len(run.bdays):
                    append(fromordinal(run.bdays[k]))
                    continue
            append(add(start, n))
        return out


def _in_range(day: object, field: str) -> dt.date:
    """``day`` as a date the calendar covers (1900-2199, the years every date of the library lies in)."""
    return to_date(day, field)


def _whole(value: object, field: str) -> int:
    """A whole number of business days: an ``int``, or an integer of numpy's (``np.int64(2)``); never a bool."""
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, SupportsIndex):
        raise InvalidInputError(field, value, "a whole number of business days")
    return operator.index(value)
