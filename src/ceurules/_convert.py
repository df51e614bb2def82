"""Converters and validators used at the boundary of every value object.

Friendly input (ISO strings, hour strings) becomes the library's exact types
here, once; anything else is refused with :class:`InvalidInputError` naming the
field and the value.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

import attrs

from .errors import InvalidInputError

T = TypeVar("T")

_MAX_HOURS = 10**6
#: The forms an exact quantity is given in, as every refusal of a float names them.
EXACT_FORMS = "an int, a Decimal or decimal text such as '6.5'"
#: Decimal places a number may carry, and characters its text may have: more is refused
#: before any exact expansion, so a value such as ``1e-999999999`` costs nothing.
MAX_PLACES = 30
_MAX_NUMBER_TEXT = 100
#: The dates the library answers for: the years its business-day calendar covers.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)
_DATE_TEXT = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_SURROGATE = "[\ud800-\udfff]"
#: What text with a lone surrogate code point (JSON can write one) is refused as needing, everywhere.
SURROGATE_REFUSED = "text without lone surrogate code points (not valid Unicode)"
_TIME_TEXT = r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?"
#: The context of every Decimal operation of the library, whatever the caller's context is:
#: precise enough for any amount under the caps, and an inexact result is an error, not a rounding.
DECIMAL = decimal.Context(
    prec=200, rounding=decimal.ROUND_HALF_EVEN, Emax=999, Emin=-999, traps=[decimal.Inexact, decimal.Overflow]
)


#: A decimal number as written: ASCII digits, one optional point, an optional exponent; no digit separators.
_DECIMAL_TEXT = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"


@functools.cache
def pattern(text: str) -> re.Pattern[str]:
    """``text`` compiled on first use: a question that reads no text compiles no pattern."""
    return re.compile(text)


def decimal_text(value: Decimal) -> str:
    """A decimal as a file or a message writes it: ``10``, ``0.25`` (no exponent, no trailing zeros)."""
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


#: Text that starts as an ISO date and time (``2026-12-16T10:00``, ``2026-12-16 10:00:00Z``).
DATE_TIME_TEXT = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}"


def to_date(value: object, field: str) -> dt.date:
    """A ``date`` of the years 1900-2199 from a ``date`` or a ``YYYY-MM-DD`` string; never a ``datetime``."""
    if isinstance(value, dt.datetime):
        raise InvalidInputError(field, value, "a date without a time of day")
    if isinstance(value, str):
        if pattern(DATE_TIME_TEXT).match(value):  # `2026-12-16T10:00:00Z`: what is wrong is the time of day
            raise InvalidInputError(field, value, "a date without a time of day")
        if not pattern(_DATE_TEXT).fullmatch(value):
            raise InvalidInputError(field, value, "an ISO date such as 2026-11-20")
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(field, value, "a real calendar date (YYYY-MM-DD)") from None
    if not isinstance(value, dt.date):
        raise InvalidInputError(field, value, "a date or an ISO date string")
    return in_range(value, field, value)


def in_range(day: dt.date, field: str, value: object, what: str = "a date") -> dt.date:
    """``day`` when it lies in the years the library answers for (1900-2199), else the library's error.

    ``field`` and ``value`` name what the caller gave; ``what`` says how ``day`` came from it (the day is
    named in the message when it is not the value given: a deadline counted from it).
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        derived = "" if what == "a date" else f" ({day} is not)"
        raise InvalidInputError(field, value, f"{what} in the years {FIRST_DAY.year}-{LAST_DAY.year}{derived}")
    return day


def shift_days(day: dt.date, days: int, field: str, what: str) -> dt.date:
    """``day`` moved by ``days`` calendar days, refused (naming ``field``) outside 1900-2199."""
    try:
        moved = day + dt.timedelta(days=days)
    except OverflowError:
        moved = dt.date.max if days > 0 else dt.date.min
    return in_range(moved, field, day, what)


def to_optional_date(value: object, field: str) -> dt.date | None:
    """Like :func:`to_date`, with ``None`` allowed."""
    return None if value is None else to_date(value, field)


def to_dates(values: object, field: str) -> tuple[dt.date, ...]:
    """A sorted tuple of distinct dates; a duplicate date is an error, not merged."""
    if isinstance(values, str | bytes | dt.date | Mapping) or not isinstance(values, Iterable):
        raise InvalidInputError(field, values, "a list of dates")
    days = each_item(list(values), field, to_date)
    seen: set[dt.date] = set()
    repeated = []
    for i, day in enumerate(days):
        if day in seen:
            repeated.append(InvalidInputError(f"{field}[{i}]", day, "dates that are not repeated"))
        seen.add(day)
    if repeated:
        raise InvalidInputError.of(repeated)
    return tuple(sorted(days))


#: What a datetime must be to be read as a date, in a cell or as ``as_of``: at midnight (no time of day).
AT_MIDNIGHT = "a date (a datetime at midnight)"


def datetime64_days(values: Any, field: str, written: Sequence[object] | None = None) -> Any:
    """A numpy ``datetime64`` array as ``datetime64[D]`` (NaT stays NaT: an empty cell). A time of day is
    refused, as dropping it would hide data: every such element is named (``field[i]``, by flat position),
    with its value as written (``written[i]``, else numpy's text). Needs no ``import numpy``."""
    timed = timed_positions(values)
    if timed:
        shown = values.ravel() if written is None else written
        raise InvalidInputError.of(InvalidInputError(f"{field}[{i}]", str(shown[i]), AT_MIDNIGHT) for i in timed)
    return values.astype("datetime64[D]")


def timed_positions(values: Any) -> list[int]:
    """The flat positions of the elements of a numpy ``datetime64`` array that have a time of day (NaT has
    none: an empty cell)."""
    if values.dtype.str.endswith("[D]"):  # whole days already
        return []
    days = values.astype("datetime64[D]")
    return [int(i) for i in ((days != values) & (values == values)).ravel().nonzero()[0]]


def is_empty_cell(value: object) -> bool:
    """Whether a table's cell is empty: ``None``, NaN, NaT (pandas' or numpy's) or pandas' ``NA`` (which has
    no truth value, so it is known by its type)."""
    if value is None or type(value).__name__ == "NAType":
        return True
    try:
        return bool(value != value)  # NaN and NaT are unequal to themselves
    except (TypeError, ValueError):  # a value that cannot say
        return False


def optional_cell_date(value: object, field: str = "date") -> dt.date | None:
    """A table's cell read as :func:`cell_date` reads it; an empty cell (:func:`is_empty_cell`) is ``None``."""
    return None if is_empty_cell(value) else cell_date(value, field)


def cell_date(value: object, field: str) -> dt.date:
    """A date given as a table's cell may give it: a ``date``, ``YYYY-MM-DD`` text, or a datetime at midnight
    (a pandas ``Timestamp``, a numpy ``datetime64``); a time of day, or an empty NaT, is refused."""
    if type(value).__name__ == "datetime64" and hasattr(value, "astype"):  # numpy's, without importing numpy
        day = value.astype("datetime64[D]")
        if day != day:
            raise InvalidInputError(field, "NaT", "a date (not an empty cell)")
        if day != value:
            raise InvalidInputError(field, str(value), AT_MIDNIGHT)
        value = day.item()
    elif isinstance(value, dt.datetime):
        if value != value:  # pandas' NaT
            raise InvalidInputError(field, "NaT", "a date (not an empty cell)")
        if value.time() != dt.time(0):
            raise InvalidInputError(field, str(value), AT_MIDNIGHT)
        value = value.date()
    return to_date(value, field)


def each_item(values: list[Any], field: str, convert: Callable[[object, str], T]) -> list[T]:
    """``convert`` of every item of ``values`` (named ``field[i]``); every item is converted, and the error
    names each one refused (:meth:`InvalidInputError.each`), not the first alone."""
    found, refused = [], []
    for i, value in enumerate(values):
        try:
            found.append(convert(value, f"{field}[{i}]"))
        except InvalidInputError as err:
            refused.append(err)
    if refused:
        raise InvalidInputError.of(refused)
    return found


def to_time(value: object, field: str) -> dt.time:
    """A ``time`` of day from a ``time`` or ``HH:MM`` / ``HH:MM:SS`` text."""
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise InvalidInputError(field, value, "a local time of day without a time zone")
        return value
    if isinstance(value, str) and pattern(_TIME_TEXT).fullmatch(value):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInputError(field, value, "a time of day such as 08:30")


def to_fraction(value: object, field: str, *, unit: str = "hours") -> Fraction:
    """An exact, finite, non-negative number from an int, ``Decimal`` or decimal text.

    A float is refused wherever the library takes an exact quantity: it is not
    exact (``0.1`` is 0.1000000000000000055..., ``1/3`` is no third), and
    guessing the number meant would be a silent wrong answer. Write
    ``Decimal("7.5")`` or ``"7.5"``. (A number read from a file is never a
    float: it is read as written.)
    """
    from fractions import Fraction

    return Fraction(_exact_number(value, field, unit))


def _exact_number(value: object, field: str, unit: str) -> int | Decimal | Fraction:
    """What :func:`to_fraction` reads, checked, before it is made a ``Fraction`` (a decimal needs none: reading
    the default policy's decimals imports no ``fractions``)."""
    if isinstance(value, bool):
        raise InvalidInputError(field, value, f"a number of {unit}, not a bool")
    number: int | Decimal | Fraction
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        raise InvalidInputError(field, value, f"an exact number of {unit}: {EXACT_FORMS} (a float is not exact)")
    elif isinstance(value, Decimal | str):
        number = _bounded_decimal(value, field, unit, value)
    elif _is_fraction(value):
        number = value
    else:
        raise InvalidInputError(field, value, f"a number of {unit} (int, Decimal or decimal text)")
    if number < 0:
        raise InvalidInputError(field, value, f"a number of {unit} that is not negative")
    if number > _MAX_HOURS:
        raise InvalidInputError(field, value, f"at most {_MAX_HOURS} {unit}")
    return number


def _is_fraction(value: object) -> TypeGuard[Fraction]:
    from fractions import Fraction

    return isinstance(value, Fraction)


def _bounded_decimal(value: Decimal | str, field: str, unit: str, given: object) -> Decimal:
    """``value`` as a finite ``Decimal`` whose size and places are checked before any expansion."""
    if isinstance(value, str) and len(value) > _MAX_NUMBER_TEXT:
        raise InvalidInputError(field, given, f"a decimal number of {unit} of at most {_MAX_NUMBER_TEXT} characters")
    try:
        if isinstance(value, str) and not pattern(_DECIMAL_TEXT).fullmatch(value.strip()):
            raise InvalidOperation  # "7_5", or digits of another script, are decimals to Python: not as written here
        dec = Decimal(value.strip()) if isinstance(value, str) else value
    except InvalidOperation:
        raise InvalidInputError(field, given, f"a decimal number of {unit} such as 7.5") from None
    if not dec.is_finite():
        raise InvalidInputError(field, given, f"a finite number of {unit}")
    if dec.is_zero():
        return Decimal(0)
    if dec.adjusted() > 6:  # 10**7 or more: over the cap, whatever the digits
        raise InvalidInputError(field, given, f"at most {_MAX_HOURS} {unit}")
    exponent = dec.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        raise InvalidInputError(field, given, f"a number of {unit} with at most {MAX_PLACES} decimal places")
    return dec


def to_decimal(value: object, field: str, *, unit: str = "hours") -> Decimal:
    """A finite, non-negative ``Decimal`` (see :func:`to_fraction` for what is accepted)."""
    number = _exact_number(value, field, unit)
    if isinstance(value, str):
        return Decimal(value.strip())
    if isinstance(value, Decimal):
        return value if type(value) is Decimal else Decimal(value)  # a JSON number as written: its value only
    assert not isinstance(number, Decimal)  # an int or a Fraction: a decimal was returned above
    return DECIMAL.divide(Decimal(number.numerator), Decimal(number.denominator))


_MICROSECONDS_PER_MINUTE = 60_000_000
_MAX_DURATION = dt.timedelta(hours=10**6)  # the cap on hours given as numbers, for durations too


def duration_minutes(value: object, field: str) -> Fraction:
    """Exact minutes of contact time given as a ``timedelta`` (not negative, at most a million hours).

    A bare number is refused: minutes or hours, it would be a guess.
    """
    if not isinstance(value, dt.timedelta):
        expected = "a timedelta such as timedelta(minutes=90) (a bare number is not read as minutes)"
        raise InvalidInputError(field, value, expected)
    if value < dt.timedelta(0):
        raise InvalidInputError(field, value, "a duration that is not negative")
    if value > _MAX_DURATION:
        raise InvalidInputError(field, value, "a duration of at most 1000000 hours")
    from fractions import Fraction

    return Fraction(value // dt.timedelta(microseconds=1), _MICROSECONDS_PER_MINUTE)


def minutes_duration(minutes: Fraction, field: str, value: object) -> dt.timedelta:
    """``minutes`` as a ``timedelta``, exactly: contact time finer than a microsecond is refused, never rounded.

    ``field`` and ``value`` name what the caller gave that came to ``minutes``.
    """
    micro = minutes * _MICROSECONDS_PER_MINUTE
    if micro.denominator != 1:
        raise InvalidInputError(field, value, "contact time in whole microseconds")
    return dt.timedelta(microseconds=int(micro))


#: What a list that must not repeat a value expects of a repeated one, in a program file and a constructor alike.
NOT_REPEATED = "values that are not repeated"


def repeats(values: Iterable[Any]) -> list[int]:
    """The positions of the values equal to an earlier one: the one check of a list that must not repeat a
    value (program files' lists, a packet's names)."""
    seen: set[Any] = set()
    found = []
    for i, value in enumerate(values):
        if value in seen:
            found.append(i)
        seen.add(value)
    return found


def to_text(value: object, field: str) -> str:
    """Non-empty text with surrounding white space removed."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(field, value, "non-empty text")
    if not value.isascii() and pattern(_SURROGATE).search(value):
        raise InvalidInputError(field, value, SURROGATE_REFUSED)
    return value.strip()


def to_int(value: object, field: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number of at least ``minimum`` and, when given, at most ``maximum`` (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(field, value, f"a whole number of at least {minimum}")
    if maximum is not None and value > maximum:
        raise InvalidInputError(field, value, f"a whole number from {minimum} to {maximum}")
    return value


def check_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``value`` is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise InvalidInputError(attribute.name, value, "true or false")


def check_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``value`` is text (possibly empty), valid Unicode."""
    if not isinstance(value, str):
        raise InvalidInputError(attribute.name, value, "text")
    if not value.isascii() and pattern(_SURROGATE).search(value):
        raise InvalidInputError(attribute.name, value, SURROGATE_REFUSED)


def to_label(name: object, fallback: str) -> str:
    """The name a loader reports a source by: ``name`` when given (non-empty text), else ``fallback``."""
    return fallback if name is None else to_text(name, "name")


def check_type(kind: type[Any], expected: str, *, optional: bool = False) -> Callable[[Any, Any, Any], None]:
    """attrs validator: ``value`` is an instance of ``kind`` (or ``None`` when optional)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not (isinstance(value, kind) or (optional and value is None)):
            raise InvalidInputError(attribute.name, value, expected)

    return check


def to_list(value: object, field: str, what: str) -> list[Any]:
    """A list from any iterable that is not text or a mapping."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInputError(field, value, what)
    return list(value)


def to_items(value: object, field: str, kind: type[T], what: str, each: str) -> tuple[T, ...]:
    """The ``kind`` values of a list (:func:`to_list`); an item of another type is refused as ``field[i]``."""

    def check(item: object, name: str) -> T:
        if not isinstance(item, kind):
            raise InvalidInputError(name, item, each)
        return item

    return tuple(each_item(to_list(value, field, what), field, check))


# Field converters: attrs gives each one the field it converts (``Converter(..., takes_field=True)``), so a
# refusal names the field without a wrapper per field. Bounds and units come from the field's ``metadata``
# (``minimum``, ``maximum``, ``unit``). mypy's attrs plugin reads a converter's first parameter as the type
# the constructor accepts, but only from a function: the stubs below are those functions, with the documented
# input types, and each runtime converter is the checked conversion above, which refuses anything else with
# the library's error.


def named(convert: Callable[[Any, attrs.Attribute[Any]], T]) -> attrs.Converter[Any, T]:
    return attrs.Converter(convert, takes_field=True)


def _whole_number(value: object, field: attrs.Attribute[Any]) -> int:
    return to_int(value, field.name, minimum=field.metadata.get("minimum", 0), maximum=field.metadata.get("maximum"))


def _decimal(value: object, field: attrs.Attribute[Any]) -> Decimal:
    return to_decimal(value, field.name, unit=field.metadata.get("unit", "hours"))


def _optional(convert: Callable[[object, str], T]) -> Callable[[object, attrs.Attribute[Any]], T | None]:
    return lambda value, field: None if value is None else convert(value, field.name)


if TYPE_CHECKING:
    from fractions import Fraction

    def text(value: str, /) -> str: ...
    def optional_text(value: str | None, /) -> str | None: ...
    def date(value: dt.date | str, /) -> dt.date: ...
    def optional_date(value: dt.date | str | None, /) -> dt.date | None: ...
    def dates(value: Iterable[dt.date | str], /) -> tuple[dt.date, ...]: ...
    def time(value: dt.time | str, /) -> dt.time: ...
    def whole_number(value: int, /) -> int: ...
    def decimal_number(value: Decimal | int | str, /) -> Decimal: ...
    def optional_decimal(value: Decimal | int | str | None, /) -> Decimal | None: ...

else:
    text = named(lambda value, field: to_text(value, field.name))
    optional_text = named(_optional(to_text))
    date = named(lambda value, field: to_date(value, field.name))
    optional_date = named(_optional(to_date))
    dates = named(lambda value, field: to_dates(value, field.name))
    time = named(lambda value, field: to_time(value, field.name))
    whole_number = named(_whole_number)
    decimal_number = named(_decimal)
    optional_decimal = named(lambda value, field: None if value is None else _decimal(value, field))


def convert(field: attrs.Attribute[Any], value: object) -> Any:
    """``value`` through ``field``'s converter, as the constructor converts it (as is without a converter)."""
    converter = field.converter
    if isinstance(converter, attrs.Converter):
        return converter(value, None, field)  # type: ignore[operator]  # attrs calls it so (takes_field)
    return value if converter is None else converter(value)
