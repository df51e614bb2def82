"""Converters and validators used at the boundary of every value object.

Friendly input (ISO strings, hour strings) becomes the library's exact types
here, once; anything else is refused with :class:`InvalidInputError` naming the
field and the value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import attrs

from .errors import InvalidInputError

_MAX_HOURS = Fraction(10**6)


def to_date(value: object, field: str) -> dt.date:
    """A ``date`` from a ``date`` or an ISO ``YYYY-MM-DD`` string; never a ``datetime``."""
    if isinstance(value, dt.datetime):
        raise InvalidInputError(field, value, "a date without a time of day")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise InvalidInputError(field, value, "an ISO date such as 2026-11-20")
    raise InvalidInputError(field, value, "a date or an ISO date string")


def to_optional_date(value: object, field: str) -> dt.date | None:
    """Like :func:`to_date`, with ``None`` allowed."""
    return None if value is None else to_date(value, field)


def to_dates(values: object, field: str) -> tuple[dt.date, ...]:
    """A sorted tuple of distinct dates; a duplicate date is an error, not merged."""
    if isinstance(values, str | bytes | dt.date) or not isinstance(values, Iterable):
        raise InvalidInputError(field, values, "a list of dates")
    days = [to_date(v, f"{field}[{i}]") for i, v in enumerate(values)]
    seen: set[dt.date] = set()
    for i, day in enumerate(days):
        if day in seen:
            raise InvalidInputError(f"{field}[{i}]", day, "dates that are not repeated")
        seen.add(day)
    return tuple(sorted(days))


def to_time(value: object, field: str) -> dt.time:
    """A ``time`` of day from a ``time`` or ``HH:MM`` / ``HH:MM:SS`` text."""
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise InvalidInputError(field, value, "a local time of day without a time zone")
        return value
    if isinstance(value, str) and 4 <= len(value) <= 8:
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInputError(field, value, "a time of day such as 08:30")


def to_fraction(value: object, field: str, *, unit: str = "hours") -> Fraction:
    """An exact, finite, non-negative number from an int, ``Decimal``, decimal text or float.

    A float is read through its shortest decimal form (``7.5`` is 7.5, ``0.1``
    is one tenth), never through its binary value.
    """
    if isinstance(value, bool):
        raise InvalidInputError(field, value, f"a number of {unit}, not a bool")
    number: Fraction
    if isinstance(value, int):
        number = Fraction(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInputError(field, value, f"a finite number of {unit}")
        number = Fraction(Decimal(repr(value)))
    elif isinstance(value, Decimal | str):
        try:
            dec = Decimal(value.strip()) if isinstance(value, str) else value
        except InvalidOperation:
            raise InvalidInputError(field, value, f"a decimal number of {unit} such as 7.5") from None
        if not dec.is_finite():
            raise InvalidInputError(field, value, f"a finite number of {unit}")
        number = Fraction(dec)
    else:
        raise InvalidInputError(field, value, f"a number of {unit} (int, Decimal or decimal text)")
    if number < 0:
        raise InvalidInputError(field, value, f"a number of {unit} that is not negative")
    if number > _MAX_HOURS:
        raise InvalidInputError(field, value, f"at most {_MAX_HOURS} {unit}")
    return number


def to_decimal(value: object, field: str, *, unit: str = "hours") -> Decimal:
    """A finite, non-negative ``Decimal`` (see :func:`to_fraction` for what is accepted)."""
    if isinstance(value, Decimal) and value.is_finite() and value >= 0:
        return value
    number = to_fraction(value, field, unit=unit)
    if isinstance(value, str):
        return Decimal(value.strip())
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(number.numerator) / Decimal(number.denominator)


def to_text(value: object, field: str) -> str:
    """Non-empty text with surrounding white space removed."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(field, value, "non-empty text")
    return value.strip()


def to_int(value: object, field: str, *, minimum: int = 0) -> int:
    """A whole number of at least ``minimum`` (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(field, value, f"a whole number of at least {minimum}")
    return value


def check_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``value`` is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise InvalidInputError(attribute.name, value, "true or false")


def check_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``value`` is text (possibly empty)."""
    if not isinstance(value, str):
        raise InvalidInputError(attribute.name, value, "text")


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
