"""The policy as data: every number and choice the rules use, in one frozen object.

``DEFAULT_POLICY`` is the source page as the reading settles it (D1-D13).
Another agency's policy is the same object with other values::

    >>> import attrs
    >>> from decimal import Decimal
    >>> from ceurules import DEFAULT_POLICY, Rounding
    >>> strict = attrs.evolve(
    ...     DEFAULT_POLICY,
    ...     lead_time_days=30,
    ...     minimum_contact_hours=Decimal(5),
    ...     ceu_rounding=Rounding.DOWN,
    ... )
    >>> strict.lead_time_days
    30
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs
from dateutil.relativedelta import relativedelta

from ._convert import check_str, check_type, to_date, to_decimal, to_int, to_text
from .agenda import SegmentKind
from .business_days import BusinessCalendar
from .clauses import CLAUSES
from .errors import InvalidInputError, RuleNotInForceError

__all__ = ["DEFAULT_POLICY", "CreditingRule", "Policy", "Rounding", "Term"]


class Rounding(enum.Enum):
    """How a CEU amount is brought to the award increment (D7)."""

    HALF_UP = decimal.ROUND_HALF_UP
    HALF_EVEN = decimal.ROUND_HALF_EVEN
    DOWN = decimal.ROUND_DOWN
    UP = decimal.ROUND_UP


def _month(value: object, field: str) -> int:
    month = to_int(value, field, minimum=1)
    if month > 12:
        raise InvalidInputError(field, value, "a month number from 1 to 12")
    return month


def _months(value: object) -> tuple[int, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        raise InvalidInputError("months", value, "a list of month numbers")
    months = tuple(_month(m, "months") for m in value)
    if not months or len(set(months)) != len(months):
        raise InvalidInputError("months", value, "one or more distinct month numbers")
    return months


def _name(v: object) -> str:
    return to_text(v, "name")


def _issued_month(v: object) -> int:
    return _month(v, "issued_month")


@attrs.frozen(kw_only=True)
class Term:
    """One crediting period of a school year: its name, calendar months in order, issue month.

    The packet is due on the last day of the last month (D10).
    """

    name: str = attrs.field(converter=_name)
    months: tuple[int, ...] = attrs.field(converter=_months)
    issued_month: int = attrs.field(converter=_issued_month)


def _terms(value: object) -> tuple[Term, ...]:
    terms = tuple(value) if isinstance(value, Iterable) else ()
    if not terms or not all(isinstance(t, Term) for t in terms):
        raise InvalidInputError("terms", value, "one or more Term values")
    taken = [m for t in terms for m in t.months]
    if len(set(taken)) != len(taken):
        raise InvalidInputError("terms", value, "terms that share no month")
    return terms


def _clause_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or value not in CLAUSES:
        raise InvalidInputError(attribute.name, value, "a clause ID of the registry")


def _effective(v: object) -> dt.date:
    return to_date(v, "effective")


@attrs.frozen(kw_only=True)
class CreditingRule:
    """One version of the year-long crediting rule, in force from ``effective`` (D13).

    Months no term lists (July under the default) are not batched (D9).
    """

    clause: str = attrs.field(validator=_clause_id)
    effective: dt.date = attrs.field(converter=_effective)
    terms: tuple[Term, ...] = attrs.field(converter=_terms)

    def term_of(self, month: int) -> Term | None:
        """The term that takes meetings of this calendar month, if any."""
        return next((t for t in self.terms if month in t.months), None)


def _rules(value: object) -> tuple[CreditingRule, ...]:
    rules = tuple(value) if isinstance(value, Iterable) else ()
    if not rules or not all(isinstance(r, CreditingRule) for r in rules):
        raise InvalidInputError("crediting_rules", value, "one or more CreditingRule values")
    ordered = tuple(sorted(rules, key=lambda r: r.effective))
    dates = [r.effective for r in ordered]
    if len(set(dates)) != len(dates):
        raise InvalidInputError("crediting_rules", value, "rule versions with distinct effective dates")
    return ordered


_MAX_WINDOW_DAYS = 3660  # ten years: no policy window is longer


def _relative_window(value: object, field: str) -> relativedelta:
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= _MAX_WINDOW_DAYS:
            raise InvalidInputError(field, value, f"a number of days from 0 to {_MAX_WINDOW_DAYS}")
        value = relativedelta(days=value)
    if not isinstance(value, relativedelta):
        raise InvalidInputError(field, value, "a dateutil relativedelta such as relativedelta(days=30)")
    if value.year is not None or value.month is not None or value.day is not None or value.weekday is not None:
        raise InvalidInputError(field, value, "a relative window (days=, months=), not absolute fields")
    if any((value.hours, value.minutes, value.seconds, value.microseconds)):
        raise InvalidInputError(field, value, "a window of whole days or months")
    probe = dt.date(2000, 1, 31)
    try:
        moved = probe + value
    except (OverflowError, ValueError):
        moved = dt.date.max
    if moved < probe or moved > probe + dt.timedelta(days=_MAX_WINDOW_DAYS):
        raise InvalidInputError(field, value, f"a window from 0 to {_MAX_WINDOW_DAYS} days")
    return value


def _application_window(value: object) -> relativedelta:
    return _relative_window(value, "application_window")


def _semi_osl_delay(value: object) -> relativedelta:
    return _relative_window(value, "semi_osl_delay")


def _check_processing(instance: Policy, attribute: attrs.Attribute[int], value: int) -> None:
    if instance.processing_latest_business_days < instance.processing_earliest_business_days:
        raise InvalidInputError(
            "processing_latest_business_days",
            instance.processing_latest_business_days,
            f"at least processing_earliest_business_days ({instance.processing_earliest_business_days})",
        )


def _positive_decimal(value: object, field: str, unit: str) -> Decimal:
    number = to_decimal(value, field, unit=unit)
    if number <= 0:
        raise InvalidInputError(field, value, "a number greater than zero")
    return number


def _contact_hours_per_ceu(value: object) -> Decimal:
    return _positive_decimal(value, "contact_hours_per_ceu", "hours")


def _ceu_increment(value: object) -> Decimal:
    return _positive_decimal(value, "ceu_increment", "CEUs")


def _contact_kinds(value: object) -> frozenset[SegmentKind]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputError("contact_kinds", value, "a collection of segment kinds")
    try:
        kinds = frozenset(SegmentKind(v) for v in value)
    except ValueError:
        raise InvalidInputError("contact_kinds", value, "segment kinds such as 'instruction'") from None
    if not kinds:
        raise InvalidInputError("contact_kinds", value, "at least one segment kind that counts as contact time")
    return kinds


_SEMESTERS = CreditingRule(
    clause="yearlong.semester",
    effective=dt.date(2016, 7, 1),
    terms=(
        Term(name="fall", months=(8, 9, 10, 11, 12), issued_month=12),
        Term(name="spring", months=(1, 2, 3, 4, 5, 6), issued_month=6),
    ),
)
_ANNUAL = CreditingRule(
    clause="yearlong.annual",
    effective=dt.date(1970, 7, 1),
    terms=(Term(name="year", months=(7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6), issued_month=6),),
)


def _minutes_per_contact_hour(v: object) -> int:
    return to_int(v, "minutes_per_contact_hour", minimum=1)


def _minimum_contact_hours(v: object) -> Decimal:
    return to_decimal(v, "minimum_contact_hours")


def _lead_time_days(v: object) -> int:
    return to_int(v, "lead_time_days")


def _review_business_days(v: object) -> int:
    return to_int(v, "review_business_days")


def _processing_earliest_business_days(v: object) -> int:
    return to_int(v, "processing_earliest_business_days")


def _processing_latest_business_days(v: object) -> int:
    return to_int(v, "processing_latest_business_days")


def _registration_history_from(v: object) -> dt.date:
    return to_date(v, "registration_history_from")


@attrs.frozen(kw_only=True)
class Policy:
    """Every parameter of the CEU rules, each with the clause or default it implements.

    Change any of them with ``attrs.evolve(DEFAULT_POLICY, field=value)``; the
    rule functions take the policy as their ``policy=`` keyword.
    """

    #: Name shown in reports.
    name: str = attrs.field(default="Source CEU policy", validator=check_str)
    #: ``ceu.unit``: contact hours that make one CEU.
    contact_hours_per_ceu: Decimal = attrs.field(default=Decimal(10), converter=_contact_hours_per_ceu)
    #: D8: minutes in one contact hour.
    minutes_per_contact_hour: int = attrs.field(default=60, converter=_minutes_per_contact_hour)
    #: D8: agenda segment kinds that count as contact time.
    contact_kinds: frozenset[SegmentKind] = attrs.field(
        default=frozenset(
            {SegmentKind.INSTRUCTION, SegmentKind.HANDS_ON, SegmentKind.DISCUSSION, SegmentKind.ASSESSMENT}
        ),
        converter=_contact_kinds,
    )
    #: D7: CEUs are awarded in steps of this size.
    ceu_increment: Decimal = attrs.field(default=Decimal("0.1"), converter=_ceu_increment)
    #: D7: how amounts between steps are rounded.
    ceu_rounding: Rounding = attrs.field(default=Rounding.HALF_UP, validator=check_type(Rounding, "a Rounding"))
    #: D7 alternative: a program below this many contact hours earns no CEU.
    minimum_contact_hours: Decimal = attrs.field(default=Decimal(0), converter=_minimum_contact_hours)
    #: ``approval.lead-time``, D1: calendar days between the request and the first offering.
    lead_time_days: int = attrs.field(default=14, converter=_lead_time_days)
    #: ``approval.review``, D2: business days for the review of a complete request.
    review_business_days: int = attrs.field(default=3, converter=_review_business_days)
    #: ``credit.window``, D4: how long after the anchor date a participant may apply and pay.
    application_window: relativedelta = attrs.field(default=relativedelta(days=30), converter=_application_window)
    #: ``credit.processing``, D6: earliest expected posting, business days after the later of applying and paying.
    processing_earliest_business_days: int = attrs.field(default=7, converter=_processing_earliest_business_days)
    #: ``credit.processing``, D6: latest expected posting; later than this is overdue.
    processing_latest_business_days: int = attrs.field(
        default=10,
        converter=_processing_latest_business_days,
        validator=_check_processing,
    )
    #: ``credit.semi-osl``: delay from the training's last day to the SEMI/OSL submission.
    semi_osl_delay: relativedelta = attrs.field(default=relativedelta(days=30), converter=_semi_osl_delay)
    #: ``credit.record``: from this day an issued certificate shows in the registration history.
    registration_history_from: dt.date = attrs.field(default=dt.date(2017, 7, 1), converter=_registration_history_from)
    #: ``yearlong.*``, D9, D10, D13: the versions of the year-long crediting rule.
    crediting_rules: tuple[CreditingRule, ...] = attrs.field(default=(_ANNUAL, _SEMESTERS), converter=_rules)
    #: D3: the business-day calendar of every business-day clock.
    calendar: BusinessCalendar = attrs.field(factory=BusinessCalendar)

    @calendar.validator
    def _check_calendar(self, attribute: attrs.Attribute[BusinessCalendar], value: object) -> None:
        if not isinstance(value, BusinessCalendar):
            raise InvalidInputError("calendar", value, "a BusinessCalendar")

    @property
    def minutes_per_ceu(self) -> Decimal:
        """Minutes of contact time that make one CEU."""
        return self.contact_hours_per_ceu * self.minutes_per_contact_hour

    def crediting_rule_on(self, day: dt.date) -> CreditingRule:
        """The crediting rule version in force on ``day`` (D13).

        A day before the first version raises :class:`~ceurules.RuleNotInForceError`.
        """
        day = to_date(day, "day")
        in_force = [r for r in self.crediting_rules if r.effective <= day]
        if not in_force:
            first = self.crediting_rules[0]
            raise RuleNotInForceError(
                f"no year-long crediting rule is in force on {day}: the first version "
                f"({first.clause}) takes effect on {first.effective}"
            )
        return in_force[-1]


def shifter(window: relativedelta) -> Callable[[dt.date], dt.date]:
    """A function that moves a day forward by a policy window (days, or months with month-end clamping)."""
    if not (window.years or window.months or window.leapdays):  # whole days: plain date arithmetic
        days = dt.timedelta(days=window.days)
        return lambda day: day + days
    return lambda day: day + window


def shift(day: dt.date, window: relativedelta) -> dt.date:
    """``day`` moved forward by a policy window (see :func:`shifter`)."""
    return shifter(window)(day)


#: The source page's policy, with the reading's defaults D1-D13.
DEFAULT_POLICY = Policy()
