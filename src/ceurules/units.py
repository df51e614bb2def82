"""Contact time, CEUs and other credit units (``ceu.unit``, D7, D8).

One CEU is ten contact hours; a contact hour is sixty minutes of counted
instruction. Arithmetic is exact: contact time is held as a
:class:`fractions.Fraction` of minutes on the way in, and CEUs come out as a
``Decimal`` multiple of the policy's award increment. No binary float is used.

Other credit systems (CPE, AMA PRA credit, contact hours, PDH) are policies
with other counting parameters: :func:`credits` scores contact time under any
of them, through the same counting rule as :func:`ceus` (see
docs/credit-systems.md).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import attrs

from . import _convert as to
from ._convert import DECIMAL, check_str, duration_minutes, to_date, to_fraction
from ._display import escape, html_table, markdown_table
from ._json import JSON
from ._typed import typed_fields
from ._value import Value
from .errors import InvalidInputError
from .policy import CEU_PARAMETERS, DEFAULT, Policy, Rounding, check_policy
from .programs import Program

__all__ = [
    "ContactTime",
    "Credits",
    "ceus",
    "ceus_for_blocks",
    "ceus_for_minutes",
    "contact_minutes",
    "credits",
    "program_ceus",
]

#: Contact time as :func:`ceus` accepts it: a duration, or a number of contact **hours** (never minutes).
ContactTime = dt.timedelta | int | Decimal | str


def _in_force(policy: Policy, on: dt.date | None) -> Policy:
    """The policy's CEU arithmetic in force on ``on`` (D13); without a day, an undated one."""
    return policy.undated(*CEU_PARAMETERS) if on is None else policy.on(to_date(on, "on"))


def contact_minutes(
    contact_time: ContactTime, *, policy: Policy = DEFAULT, on: dt.date | None = None
) -> Fraction:
    """Exact minutes of contact time: a ``timedelta``, or hours as int, ``Decimal`` or decimal text.

    A float is refused: it is not exact (``0.15`` is 0.1499999...), so write
    ``Decimal("6.5")``, ``"6.5"`` or ``timedelta(minutes=390)``.

    Hours are converted with the policy's minutes per contact hour (D8), in
    the version in force on ``on`` (needed when the policy dates it, D13).

    >>> from datetime import timedelta
    >>> from ceurules import contact_minutes
    >>> contact_minutes(timedelta(hours=2, minutes=15)), contact_minutes("1.5")
    (Fraction(135, 1), Fraction(90, 1))
    """
    policy = _in_force(check_policy(policy), on)
    if isinstance(contact_time, dt.timedelta):
        return duration_minutes(contact_time, "contact_time")
    if isinstance(contact_time, Fraction):
        expected = "a timedelta or a number of hours (minutes: timedelta(minutes=...); a program: ceus(program))"
        raise InvalidInputError("contact_time", contact_time, expected)
    if isinstance(contact_time, float):
        expected = "exact contact time: a timedelta, or hours as an int, a Decimal or decimal text such as '6.5'"
        raise InvalidInputError("contact_time", contact_time, expected)
    return policy.hours_to_minutes(to_fraction(contact_time, "contact_time"))


def _round(units: Fraction, rounding: Rounding) -> int:
    """``units`` (not negative) to a whole number with the policy's rounding mode."""
    if rounding is Rounding.HALF_EVEN:
        return round(units)  # a half goes to the even neighbour
    if rounding is Rounding.HALF_UP:
        return math.floor(units + Fraction(1, 2))
    if rounding is Rounding.UP:
        return math.ceil(units)
    return math.floor(units)  # DOWN


def ceus(contact_time: ContactTime | Program, *, policy: Policy = DEFAULT, on: dt.date | None = None) -> Decimal:
    """CEUs earned for contact time, or for a full session of a program, exact, in the award increment (D7).

    Contact time is a ``timedelta`` (``timedelta(minutes=450)``) or a number
    of **hours** (``int``, ``Decimal``, decimal text). A bare number is never
    read as minutes; a ``Fraction`` (what :meth:`Program.contact_minutes
    <ceurules.Program.contact_minutes>` returns, in minutes) is refused, since
    it is ambiguous: pass ``timedelta(minutes=...)`` or the program itself.

    >>> from datetime import timedelta
    >>> ceus(timedelta(minutes=450))   # 7.5 hours
    Decimal('0.8')
    >>> ceus(timedelta(minutes=29)), ceus(timedelta(minutes=30))
    (Decimal('0.0'), Decimal('0.1'))
    >>> ceus("12")
    Decimal('1.2')

    A :class:`~ceurules.Program` gives the CEUs a participant earns for one
    full session (its contact blocks, D15). Every session of a program
    carries the same agenda, so this is one number. For a year-long program it
    is the CEUs for a full packet of meetings (D16; for the meetings of one
    meeting when no term's packet is full yet): see :func:`program_ceus`.

    Below the policy's ``minimum_contact_hours`` the award is zero. ``on`` is
    the day the contact time is for; it is needed when the policy changes its
    CEU arithmetic on a date (D13). For a program without ``on``, the version
    in force on its first offering is used.
    """
    policy = check_policy(policy)
    if isinstance(contact_time, Program):
        return credits(contact_time, policy=policy, on=on).amount
    policy = _in_force(policy, on)
    return ceus_for_minutes(contact_minutes(contact_time, policy=policy), policy=policy)


def program_ceus(program: Program, *, policy: Policy = DEFAULT) -> tuple[Decimal, str]:
    """The CEUs ``program`` carries and what they are for: ``"session"``, ``"full packet"`` or ``"meeting"``.

    A program's CEUs are per session (D15). A year-long program's are per full
    packet of meetings (D16, :func:`~ceurules.yearlong.participant_ceus` over
    the meetings of :func:`~ceurules.yearlong.full_packet`), or per meeting
    when no term's packet has a meeting yet.
    """
    blocks, per = program_contact(program, policy=policy)
    return ceus_for_blocks(blocks, policy=policy), per


def program_contact(program: Program, *, policy: Policy = DEFAULT) -> tuple[tuple[Fraction, ...], str]:
    """The contact blocks (exact minutes) ``program``'s CEUs count, and what they are for (see :func:`program_ceus`).

    A session's blocks (D15); for a year-long program, the meetings of a full
    packet added up into one block (D16), or one meeting's when no packet has
    a meeting yet.
    """
    if not program.year_long:
        return program.contact_blocks(policy=policy), "session"
    from .yearlong import full_packet  # imports units: imported here, and only for a year-long program

    minutes = program.contact_minutes(policy=policy)
    batch = full_packet(program.offering_dates, policy=policy)
    if batch is None:
        return (minutes,), "meeting"
    return (minutes * len(batch.meetings),), "full packet"


def _program_in_force(program: Program, policy: Policy, on: dt.date | None) -> Policy:
    """The counting rules for ``program``: on ``on`` if given, else on its first offering (D13)."""
    return program_policy(program, policy=policy) if on is None else _in_force(policy, on)


def ceus_for_minutes(minutes: Fraction, *, policy: Policy = DEFAULT) -> Decimal:
    """Units for an exact number of contact minutes: the one counting rule (see :func:`ceus`).

    Below the minimum activity length (``minimum_contact_hours``) nothing is
    earned. With a ``first_award``, less contact time than that award earns
    nothing, and more earns it plus the rounded whole increments beyond it;
    without one, the units are rounded to the increment.
    """
    policy = policy.undated(*CEU_PARAMETERS)
    if minutes < policy.hours_to_minutes(policy.minimum_contact_hours):
        minutes = Fraction(0)
    exact_ceus = minutes / Fraction(policy.minutes_per_ceu)
    first = policy.first_award
    if not first:
        steps = _round(exact_ceus / Fraction(policy.ceu_increment), policy.ceu_rounding)
        return DECIMAL.multiply(Decimal(steps), policy.ceu_increment)
    if exact_ceus < Fraction(first):
        return DECIMAL.multiply(Decimal(0), policy.ceu_increment)
    steps = _round((exact_ceus - Fraction(first)) / Fraction(policy.ceu_increment), policy.ceu_rounding)
    return DECIMAL.add(first, DECIMAL.multiply(Decimal(steps), policy.ceu_increment))


def ceus_for_blocks(blocks: Iterable[Fraction], *, policy: Policy = DEFAULT) -> Decimal:
    """Units for the contact minutes of a program's contact blocks (``sum_segments``).

    Blocks are added up and counted once; a policy that does not sum them
    counts each block on its own (its minimum and rounding included) and adds
    the awards.
    """
    minutes = tuple(blocks)
    if policy.sum_segments or len(minutes) == 1:
        return ceus_for_minutes(sum(minutes, Fraction(0)), policy=policy)
    total = DECIMAL.multiply(Decimal(0), policy.ceu_increment)
    for part in minutes:
        total = DECIMAL.add(total, ceus_for_minutes(part, policy=policy))
    return total


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class Credits(Value):
    """An exact amount of credit in one system's unit: ``Credits(amount=Decimal("1.5"), unit="CPE")``.

    ``unit`` is the abbreviation a policy gives (``unit_abbreviation``),
    ``unit_name`` its name in words.

    >>> from ceurules import credits
    >>> amount = credits("6.5")
    >>> amount.amount, amount.unit, str(amount)
    (Decimal('0.7'), 'CEU', '0.7 CEU')
    """

    amount: Decimal = attrs.field(converter=to.decimal_number, metadata={"unit": "units"})
    unit: str = attrs.field(validator=check_str)
    unit_name: str = attrs.field(default="", validator=check_str)

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form: the amount as exact decimal text."""
        return {"amount": str(self.amount), "unit": self.unit, "unit_name": self.unit_name}

    def _repr_markdown_(self) -> str:
        return markdown_table(_CREDIT_HEADERS, [(str(self.amount), self.unit, self.unit_name)])

    def _repr_html_(self) -> str:
        row = (escape(str(self.amount)), escape(self.unit), escape(self.unit_name))
        return html_table(_CREDIT_HEADERS, [row])


_CREDIT_HEADERS = ("amount", "unit", "unit name")


def credits(
    contact_time_or_program: ContactTime | Program, *, policy: Policy = DEFAULT, on: dt.date | None = None
) -> Credits:
    """Credit earned under ``policy``, exact, in the policy's unit.

    Takes contact time (as :func:`ceus` does: a duration or hours, one
    block) or a :class:`~ceurules.Program` (the contact blocks of one session,
    D15, counted with the policy's segment kinds; for a year-long program, a
    full packet of meetings, D16: see :func:`program_ceus`). Same counting
    rule as :func:`ceus`, and for a program the same answer:

    >>> from datetime import timedelta
    >>> from ceurules import load_policy
    >>> credits(timedelta(minutes=450))
    Credits(amount=Decimal('0.8'), unit='CEU', unit_name='continuing education unit')
    >>> print(credits(timedelta(minutes=90), policy=load_policy("nasba-fifths")))
    1.8 CPE

    A policy that changes its counting on a date is read in the version in
    force on ``on``, or for a program without ``on``, on its first offering (D13).
    """
    if isinstance(contact_time_or_program, Program):
        program = contact_time_or_program
        policy = _program_in_force(program, check_policy(policy), on)
        amount = program_ceus(program, policy=policy)[0]
    else:
        policy = _in_force(check_policy(policy), on)
        amount = ceus_for_minutes(contact_minutes(contact_time_or_program, policy=policy), policy=policy)
    return _checked_credits(amount, policy)


def program_policy(program: Program, *, policy: Policy) -> Policy:
    """The counting rules in force for ``program``: on its first offering date (D13)."""
    return policy.on_first(program.offering_dates, *CEU_PARAMETERS)


def _checked_credits(amount: Decimal, policy: Policy) -> Credits:
    """A ``Credits`` from values already checked: the counting rule's amount and the policy's unit."""
    result = object.__new__(Credits)
    object.__setattr__(result, "amount", amount)
    object.__setattr__(result, "unit", policy.unit_abbreviation)
    object.__setattr__(result, "unit_name", policy.unit_name)
    return result
