"""Contact time and CEUs (``ceu.unit``, D7, D8).

One CEU is ten contact hours; a contact hour is sixty minutes of counted
instruction. Arithmetic is exact: contact time is held as a
:class:`fractions.Fraction` of minutes on the way in, and CEUs come out as a
``Decimal`` multiple of the policy's award increment. No binary float is used.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from ._convert import DECIMAL, to_date, to_fraction
from .errors import InvalidInputError
from .policy import CEU_PARAMETERS, DEFAULT_POLICY, Policy, Rounding

__all__ = ["ContactTime", "ceus", "ceus_for_minutes", "contact_minutes", "exact_ceus"]

#: What :func:`ceus` accepts: a duration, or a number of contact hours.
ContactTime = dt.timedelta | int | Decimal | str | float

_MICROSECONDS_PER_MINUTE = 60_000_000
_MAX_DURATION = dt.timedelta(hours=10**6)  # the cap on hours given as numbers, for durations too


def _in_force(policy: Policy, on: dt.date | None) -> Policy:
    """The policy's CEU arithmetic in force on ``on`` (D13); without a day, an undated one."""
    return policy.undated(*CEU_PARAMETERS) if on is None else policy.on(to_date(on, "on"))


def contact_minutes(
    contact_time: ContactTime, *, policy: Policy = DEFAULT_POLICY, on: dt.date | None = None
) -> Fraction:
    """Exact minutes of contact time: a ``timedelta``, or hours as int, ``Decimal``, text or float.

    Hours are converted with the policy's minutes per contact hour (D8), in
    the version in force on ``on`` (needed when the policy dates it, D13).
    """
    policy = _in_force(policy, on)
    if isinstance(contact_time, dt.timedelta):
        if contact_time < dt.timedelta(0):
            raise InvalidInputError("contact_time", contact_time, "a duration that is not negative")
        if contact_time > _MAX_DURATION:
            raise InvalidInputError("contact_time", contact_time, "a duration of at most 1000000 hours")
        micro = contact_time // dt.timedelta(microseconds=1)
        return Fraction(micro, _MICROSECONDS_PER_MINUTE)
    hours = to_fraction(contact_time, "contact_time")
    return hours * policy.minutes_per_contact_hour


def _round(units: Fraction, rounding: Rounding) -> int:
    """``units`` (not negative) to a whole number with the policy's rounding mode."""
    whole, rest = divmod(units, 1)
    whole = int(whole)
    if rest == 0 or rounding is Rounding.DOWN:
        return whole
    if rounding is Rounding.UP:
        return whole + 1
    if rest != Fraction(1, 2):
        return whole + (rest > Fraction(1, 2))
    if rounding is Rounding.HALF_UP:
        return whole + 1
    return whole + (whole % 2)  # HALF_EVEN


def ceus(contact_time: ContactTime, *, policy: Policy = DEFAULT_POLICY, on: dt.date | None = None) -> Decimal:
    """CEUs earned for ``contact_time``, exact, in the policy's award increment (D7).

    >>> from datetime import timedelta
    >>> ceus(timedelta(minutes=450))   # 7.5 hours
    Decimal('0.8')
    >>> ceus(timedelta(minutes=29)), ceus(timedelta(minutes=30))
    (Decimal('0.0'), Decimal('0.1'))
    >>> ceus("12")
    Decimal('1.2')

    Below the policy's ``minimum_contact_hours`` the award is zero. ``on`` is
    the day the contact time is for; it is needed when the policy changes its
    CEU arithmetic on a date (D13).
    """
    policy = _in_force(policy, on)
    return ceus_for_minutes(contact_minutes(contact_time, policy=policy), policy=policy)


def ceus_for_minutes(minutes: Fraction, *, policy: Policy = DEFAULT_POLICY) -> Decimal:
    """CEUs for an exact number of contact minutes (see :func:`ceus`), with the policy's version in force."""
    policy = policy.undated(*CEU_PARAMETERS)
    if minutes < Fraction(policy.minimum_contact_hours) * policy.minutes_per_contact_hour:
        minutes = Fraction(0)
    exact_ceus = minutes / Fraction(policy.minutes_per_ceu)
    steps = _round(exact_ceus / Fraction(policy.ceu_increment), policy.ceu_rounding)
    return DECIMAL.multiply(Decimal(steps), policy.ceu_increment)


def exact_ceus(contact_time: ContactTime, *, policy: Policy = DEFAULT_POLICY, on: dt.date | None = None) -> Fraction:
    """CEUs before any rounding, as an exact fraction."""
    policy = _in_force(policy, on)
    return contact_minutes(contact_time, policy=policy) / Fraction(policy.minutes_per_ceu)
