"""The policy as data: every number and choice the rules use, in one frozen object.

``DEFAULT_POLICY`` is the source page as the reading settles it (D1-D16).
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
import functools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from os import PathLike
from typing import TYPE_CHECKING, Any, cast

import attrs
from dateutil.relativedelta import relativedelta

from . import _convert as to
from ._convert import DECIMAL, check_str, check_type, named, to_date, to_decimal, to_int, to_text
from ._value import Value, set_repr
from .business_days import BusinessCalendar
from .clauses import CLAUSES
from .errors import InvalidInputError, RuleNotInForceError

if TYPE_CHECKING:
    from fractions import Fraction

    from .decisions import PolicyStamp

__all__ = ["DEFAULT_POLICY", "Change", "CreditingRule", "Policy", "Rounding", "SegmentKind", "Source", "Term"]


class SegmentKind(enum.Enum):
    """What happens in a segment of a timed agenda; ``Policy.contact_kinds`` says which kinds are contact time (D8).

    >>> from ceurules import SegmentKind
    >>> SegmentKind("hands-on")
    <SegmentKind.HANDS_ON: 'hands-on'>
    """

    INSTRUCTION = "instruction"
    HANDS_ON = "hands-on"
    DISCUSSION = "discussion"
    ASSESSMENT = "assessment"
    #: Time participants spend evaluating the activity itself (counted by ANCC, not by the default policy).
    EVALUATION = "evaluation"
    BREAK = "break"
    MEAL = "meal"
    REGISTRATION = "registration"
    SOCIAL = "social"


class Rounding(enum.Enum):
    """How a CEU amount is brought to the award increment (D7).

    >>> import attrs
    >>> from ceurules import DEFAULT_POLICY, Rounding, ceus
    >>> ceus("6.5", policy=attrs.evolve(DEFAULT_POLICY, ceu_rounding=Rounding.HALF_EVEN))
    Decimal('0.6')
    """

    HALF_UP = decimal.ROUND_HALF_UP
    HALF_EVEN = decimal.ROUND_HALF_EVEN
    DOWN = decimal.ROUND_DOWN
    UP = decimal.ROUND_UP


_MONTH_NAMES = ("", *(dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)))


def _month(value: object, field: str) -> int:
    month = to_int(value, field, minimum=1)
    if month > 12:
        raise InvalidInputError(field, value, "a month number from 1 to 12")
    return month


def _months(value: Iterable[int]) -> tuple[int, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        raise InvalidInputError("months", value, "a list of month numbers")
    months = tuple(_month(m, "months") for m in value)
    if not months or len(set(months)) != len(months):
        raise InvalidInputError("months", value, "one or more distinct month numbers")
    return months


_MAX_WINDOW_DAYS = 3660  # ten years: no policy window is longer
_MAX_BUSINESS_DAYS = 2600  # about ten years of business days
_WINDOW_DAYS = {"maximum": _MAX_WINDOW_DAYS}
_BUSINESS_DAYS = {"maximum": _MAX_BUSINESS_DAYS}


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
    if not _moves_forward(value.years, value.months, value.days, value.leapdays):
        expected = f"a window that ends 0 to {_MAX_WINDOW_DAYS} days after any day it starts from"
        raise InvalidInputError(field, value, expected)
    return value


@functools.lru_cache(maxsize=64)
def _moves_forward(years: int, months: int, days: int, leapdays: int) -> bool:
    """Whether the window moves every day of a four-year cycle (2000-2003, a leap year first) by 0 to the
    maximum number of days; a window of whole days moves every day alike, so one day is enough.

    At most ten years and a year of leap days (``months`` is always under 12: ``relativedelta`` carries
    whole years over); a window so long that it leaves the calendar (millions of days) is too long too.
    """
    if abs(years) > 10 or abs(leapdays) > 366:
        return False
    window = relativedelta(years=years, months=months, days=days, leapdays=leapdays)
    cycle = 1 if not (years or months or leapdays) else 4 * 365 + 1
    first, most = dt.date(2000, 1, 1), dt.timedelta(days=_MAX_WINDOW_DAYS)
    try:
        for offset in range(cycle):
            day = first + dt.timedelta(days=offset)
            if not day <= day + window <= day + most:
                return False
    except OverflowError:
        return False
    return True


def _positive_decimal(value: object, field: attrs.Attribute[Any]) -> Decimal:
    number = to_decimal(value, field.name, unit=field.metadata["unit"])
    if number <= 0:
        raise InvalidInputError(field.name, value, "a number greater than zero")
    return number


def _source(value: object, field: attrs.Attribute[Any]) -> Source | None:
    if value is not None and not isinstance(value, Source):
        raise InvalidInputError(field.name, value, "a Source or None")
    return value


if TYPE_CHECKING:  # the input types mypy shows (see ``_convert``)

    def _month_number(value: int, /) -> int: ...
    def _window(value: relativedelta | int, /) -> relativedelta: ...
    def _positive(value: Decimal | int | str, /) -> Decimal: ...
    def _optional_source(value: Source | None, /) -> Source | None: ...

else:
    _month_number = named(lambda value, field: _month(value, field.name))
    _window = named(lambda value, field: _relative_window(value, field.name))
    _positive = named(_positive_decimal)
    _optional_source = named(_source)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Term(Value):
    """One crediting period of a school year: its name, calendar months in order, issue month.

    The packet is due on the last day of the last month (D10). Credit is issued in that month or a later one of
    the school year: the :class:`CreditingRule` holding the term refuses an earlier issue month (only it knows
    the month its school years begin in).

    >>> from ceurules import packet_rule
    >>> term = packet_rule("fall", 2026).terms[0]
    >>> term.name, term.months, term.issued_month
    ('fall', (8, 9, 10, 11, 12), 12)
    """

    name: str = attrs.field(converter=to.text)
    months: tuple[int, ...] = attrs.field(converter=_months)
    issued_month: int = attrs.field(converter=_month_number)


def _terms(value: Iterable[Term]) -> tuple[Term, ...]:
    terms = tuple(value) if isinstance(value, Iterable) else ()
    if not terms or not all(isinstance(t, Term) for t in terms):
        raise InvalidInputError("terms", value, "one or more Term values")
    taken = [m for t in terms for m in t.months]
    if len(set(taken)) != len(taken):
        raise InvalidInputError("terms", value, "terms that share no month")
    again = to.repeats(t.name.lower() for t in terms)  # a packet names its term in lower case
    if again:
        raise InvalidInputError(f"terms[{again[0]}].name", terms[again[0]].name, "a name no other term has")
    return terms


def _issue_months(rule: CreditingRule, attribute: attrs.Attribute[tuple[Term, ...]], terms: tuple[Term, ...]) -> None:
    """Credit for a term is issued in its last month or later in the school year, never before it
    (``yearlong.*``: issued in December and June, the months the packets are due, D10, D14)."""
    for i, term in enumerate(terms):
        last = rule.last_month(term)
        if rule.school_order(term.issued_month) < rule.school_order(last):
            start = _MONTH_NAMES[rule.school_year_start]
            expected = (
                f"the term's last month ({_MONTH_NAMES[last]}) or a later month of the school year "
                f"(which begins in {start})"
            )
            raise InvalidInputError(f"terms[{i}].issued_month", term.issued_month, expected)


def _clause_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or value not in CLAUSES:
        raise InvalidInputError(attribute.name, value, "a clause ID of the registry")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class CreditingRule(Value):
    """One version of the year-long crediting rule, in force from ``effective`` (D13).

    ``effective`` is ``None`` for a first version with no known start (the
    annual rule, in force "before 2016-07-01"). Months no term lists (July
    under the default) are not batched (D9). A school year begins in the month
    ``school_year_start`` and is named after the calendar year it begins in;
    the order in which ``terms`` are listed does not matter.

    >>> from ceurules import packet_rule
    >>> rule = packet_rule("fall", 2026)
    >>> rule.clause, [t.name for t in rule.terms]
    ('yearlong.semester', ['fall', 'spring'])
    """

    clause: str = attrs.field(validator=_clause_id)
    effective: dt.date | None = attrs.field(converter=to.optional_date)
    terms: tuple[Term, ...] = attrs.field(converter=_terms, validator=_issue_months)
    school_year_start: int = attrs.field(default=7, converter=_month_number)

    def term_of(self, month: int) -> Term | None:
        """The term that takes meetings of this calendar month, if any."""
        return next((t for t in self.terms if month in t.months), None)

    def school_year(self, day: dt.date) -> int:
        """The calendar year the school year holding ``day`` begins in."""
        return day.year if day.month >= self.school_year_start else day.year - 1

    def year_of(self, school_year: int, month: int) -> int:
        """The calendar year of ``month`` within ``school_year``."""
        return school_year if month >= self.school_year_start else school_year + 1

    def last_month(self, term: Term) -> int:
        """The term's last month in school-year order, whatever order its months are listed in."""
        return max(term.months, key=self.school_order)

    def first_month(self, term: Term) -> int:
        """The term's first month in school-year order."""
        return min(term.months, key=self.school_order)

    def school_order(self, month: int) -> tuple[bool, int]:
        """Months from ``school_year_start`` on first, then those of the next calendar year (see :meth:`year_of`)."""
        return month < self.school_year_start, month

    @property
    def since(self) -> str:
        """When this version took effect, in words."""
        return f"from {self.effective}" if self.effective else "with no recorded start"


def _rules(value: Iterable[CreditingRule]) -> tuple[CreditingRule, ...]:
    rules = tuple(value) if isinstance(value, Iterable) else ()
    if not rules or not all(isinstance(r, CreditingRule) for r in rules):
        raise InvalidInputError("crediting_rules", value, "one or more CreditingRule values")
    ordered = tuple(sorted(rules, key=lambda r: r.effective or dt.date.min))
    dates = [r.effective for r in ordered]
    if len(set(dates)) != len(dates):
        raise InvalidInputError(
            "crediting_rules", value, "rule versions with distinct effective dates (at most one with no start)"
        )
    return ordered


def _check_processing(instance: Policy, attribute: attrs.Attribute[int], value: int) -> None:
    if instance.processing_latest_business_days < instance.processing_earliest_business_days:
        raise InvalidInputError(
            "processing_latest_business_days",
            instance.processing_latest_business_days,
            f"at least processing_earliest_business_days ({instance.processing_earliest_business_days})",
        )


def _check_counting(instance: Policy, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    """The counting parameters must not contradict each other (refused when the policy is made)."""
    if instance.ceu_increment > 1:
        raise InvalidInputError("ceu_increment", instance.ceu_increment, "an increment of at most one whole unit")
    if 0 < instance.first_award < instance.ceu_increment:
        raise InvalidInputError(
            "first_award", instance.first_award, f"0 or at least the increment ({instance.ceu_increment})"
        )


def _contact_kinds(value: Iterable[SegmentKind | str]) -> frozenset[SegmentKind]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputError("contact_kinds", value, "a collection of segment kinds")
    try:
        kinds = frozenset(SegmentKind(v) for v in value)
    except ValueError:
        raise InvalidInputError("contact_kinds", value, "segment kinds such as 'instruction'") from None
    if not kinds:
        raise InvalidInputError("contact_kinds", value, "at least one segment kind that counts as contact time")
    return kinds


# The registry's periods of force come from these versions (``Clause.period``), so the two always agree.
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
    effective=None,  # in force "before 2016-07-01", with no known start
    terms=(Term(name="year", months=(7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6), issued_month=6),),
)


def _url(v: str | None) -> str | None:
    if v is None:
        return None
    url = to_text(v, "url")
    if not url.startswith(("https://", "http://")):
        raise InvalidInputError("url", v, "a web address starting with https:// or http://")
    return url


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Source(Value):
    """Where a policy value comes from: a document, a section of it, its address, the day it was read.

    >>> from ceurules import DEFAULT_POLICY
    >>> dict(DEFAULT_POLICY.sources)["lead_time_days"].section
    'Approval requests (approval.lead-time); D1'
    """

    document: str = attrs.field(converter=to.text)
    section: str | None = attrs.field(default=None, converter=to.optional_text)
    retrieved: dt.date | None = attrs.field(default=None, converter=to.optional_date)
    url: str | None = attrs.field(default=None, converter=_url)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Change(Value):
    """A new value of one policy parameter, in force from ``effective`` on (D13).

    The policy's own field holds the value in force before its first change.

    >>> import attrs
    >>> from ceurules import DEFAULT_POLICY, Change
    >>> from datetime import date
    >>> change = Change(parameter="lead_time_days", effective="2027-07-01", value=21)
    >>> policy = attrs.evolve(DEFAULT_POLICY, changes=[change])
    >>> policy.on(date(2027, 7, 1)).lead_time_days, policy.on(date(2027, 6, 30)).lead_time_days
    (21, 14)
    """

    parameter: str = attrs.field(converter=to.text)
    effective: dt.date = attrs.field(converter=to.date)
    value: Any
    source: Source | None = attrs.field(default=None, converter=_optional_source)


def _changes(value: Iterable[Change]) -> tuple[Change, ...]:
    changes = to.to_items(value, "changes", Change, "a list of Change values", "a Change")
    seen = set()
    for i, change in enumerate(changes):
        if change.parameter not in DATED_PARAMETERS:
            expected = "a parameter that can change on a date"
            raise InvalidInputError(f"changes[{i}].parameter", change.parameter, expected)
        key = (change.parameter, change.effective)
        if key in seen:  # the second change of a parameter on one date, named with its date
            field = f"changes[{i}].effective ({change.parameter} from {change.effective})"
            raise InvalidInputError(field, change.effective, f"at most one change of {change.parameter} on one date")
        seen.add(key)
    return tuple(sorted(changes, key=lambda c: (c.effective, c.parameter)))


def _sources(value: Mapping[str, Source] | Iterable[tuple[str, Source]]) -> tuple[tuple[str, Source], ...]:
    expected = "a mapping of parameter names to Source values"
    items = value.items() if isinstance(value, Mapping) else value
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise InvalidInputError("sources", value, expected)
    pairs: dict[str, Source] = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Source)):
            raise InvalidInputError("sources", value, expected)
        if item[0] not in _PARAMETERS:
            raise InvalidInputError("sources", item[0], "the name of a policy parameter")
        pairs[item[0]] = item[1]
    return tuple(sorted(pairs.items()))


def _texts(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    from .clauses import TEXT_KEYS, check_template, source_texts

    items = value.items() if isinstance(value, Mapping) else value
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise InvalidInputError("texts", value, "a mapping of clause IDs and defaults to templates")
    given: dict[str, str] = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidInputError("texts", value, "a mapping of clause IDs and defaults to templates")
        given[item[0]] = check_template(*item)
    if len(given) < len(TEXT_KEYS):  # a clause or default left out keeps the source's wording (not read else)
        given = {**source_texts(), **given}
    return tuple((key, given[key]) for key in TEXT_KEYS)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Policy(Value):
    """Every parameter of the CEU rules, each with the clause or default it implements.

    Change any of them with ``attrs.evolve(DEFAULT_POLICY, field=value)``; the
    rule functions take the policy as their ``policy=`` keyword.

    >>> import attrs
    >>> from ceurules import DEFAULT_POLICY, submission_deadline
    >>> stricter = attrs.evolve(DEFAULT_POLICY, lead_time_days=21)
    >>> submission_deadline("2026-12-15"), submission_deadline("2026-12-15", policy=stricter)
    (datetime.date(2026, 12, 1), datetime.date(2026, 11, 24))
    """

    #: Name shown in reports.
    name: str = attrs.field(default="Source CEU policy", validator=check_str)
    #: ``ceu.unit``: contact hours that make one CEU.
    contact_hours_per_ceu: Decimal = attrs.field(default=Decimal(10), converter=_positive, metadata={"unit": "hours"})
    #: D8: minutes in one contact hour.
    minutes_per_contact_hour: int = attrs.field(
        default=60, converter=to.whole_number, metadata={"minimum": 1, "maximum": 24 * 60}
    )
    #: D8: agenda segment kinds that count as contact time.
    contact_kinds: frozenset[SegmentKind] = attrs.field(
        default=frozenset(
            {SegmentKind.INSTRUCTION, SegmentKind.HANDS_ON, SegmentKind.DISCUSSION, SegmentKind.ASSESSMENT}
        ),
        converter=_contact_kinds,
        repr=set_repr,
    )
    #: D7: CEUs are awarded in steps of this size.
    ceu_increment: Decimal = attrs.field(default=Decimal("0.1"), converter=_positive, metadata={"unit": "CEUs"})
    #: D7: how amounts between steps are rounded.
    ceu_rounding: Rounding = attrs.field(default=Rounding.HALF_UP, validator=check_type(Rounding, "a Rounding"))
    #: D7 alternative: a program below this many contact hours earns no CEU.
    minimum_contact_hours: Decimal = attrs.field(default=Decimal(0), converter=to.decimal_number)
    #: First award, in units: less contact time earns nothing, more earns it plus whole increments (0: none).
    first_award: Decimal = attrs.field(
        default=Decimal(0), converter=to.decimal_number, validator=_check_counting, metadata={"unit": "units"}
    )
    #: Whether contact blocks (runs of counted segments) are added up before counting; else each counts alone.
    sum_segments: bool = attrs.field(default=True, validator=check_type(bool, "true or false"))
    #: Name of the unit awarded, for messages.
    unit_name: str = attrs.field(default="continuing education unit", converter=to.text)
    #: Abbreviation of the unit awarded, for messages and amounts.
    unit_abbreviation: str = attrs.field(default="CEU", converter=to.text)
    #: ``approval.lead-time``, D1: calendar days between the request and the first offering.
    lead_time_days: int = attrs.field(default=14, converter=to.whole_number, metadata=_WINDOW_DAYS)
    #: ``approval.review``, D2: business days for the review of a complete request.
    review_business_days: int = attrs.field(default=3, converter=to.whole_number, metadata=_BUSINESS_DAYS)
    #: ``credit.window``, D4: how long after the anchor date a participant may apply and pay.
    application_window: relativedelta = attrs.field(default=relativedelta(days=30), converter=_window)
    #: ``credit.processing``, D6: earliest expected posting, business days after the later of applying and paying.
    processing_earliest_business_days: int = attrs.field(
        default=7, converter=to.whole_number, metadata=_BUSINESS_DAYS
    )
    #: ``credit.processing``, D6: latest expected posting; later than this is overdue.
    processing_latest_business_days: int = attrs.field(
        default=10,
        converter=to.whole_number,
        metadata=_BUSINESS_DAYS,
        validator=_check_processing,
    )
    #: ``credit.semi-osl``: delay from the training's last day to the SEMI/OSL submission.
    semi_osl_delay: relativedelta = attrs.field(default=relativedelta(days=30), converter=_window)
    #: ``credit.record``: from this day an issued certificate shows in the registration history.
    registration_history_from: dt.date = attrs.field(default=dt.date(2017, 7, 1), converter=to.date)
    #: ``yearlong.*``, D14: a year-long participant's credit is expected in the packet's issue month, or by
    #: this many business days after the packet arrives when that is later (clock as D2); later is overdue.
    packet_credit_business_days: int = attrs.field(default=10, converter=to.whole_number, metadata=_BUSINESS_DAYS)
    #: ``yearlong.*``, D9, D10, D13: the versions of the year-long crediting rule.
    crediting_rules: tuple[CreditingRule, ...] = attrs.field(default=(_ANNUAL, _SEMESTERS), converter=_rules)
    #: D3: the business-day calendar of every business-day clock.
    calendar: BusinessCalendar = attrs.field(factory=BusinessCalendar)
    #: D13: later values of parameters, each in force from its date (see :meth:`on`).
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_changes)
    #: Where each parameter's value comes from, by parameter name.
    sources: tuple[tuple[str, Source], ...] = attrs.field(default=(), converter=_sources)
    #: The wording of each clause and default (D1-D16), a template over the parameters it reads, by clause ID
    #: or default key; those not given keep the source policy's wording (see :func:`~ceurules.clauses.text_of`).
    texts: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_texts)
    _dated: tuple[tuple[dt.date, ...], tuple[Policy, ...]] = attrs.field(
        init=False, default=((), ()), eq=False, hash=False, repr=False
    )
    _origin: Policy | None = attrs.field(init=False, default=None, eq=False, hash=False, repr=False)
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, eq=False, hash=False, repr=False)

    @calendar.validator
    def _check_calendar(self, attribute: attrs.Attribute[BusinessCalendar], value: object) -> None:
        if not isinstance(value, BusinessCalendar):
            raise InvalidInputError("calendar", value, "a BusinessCalendar")

    def __attrs_post_init__(self) -> None:
        if not self.changes:
            return
        current = attrs.evolve(self, changes=())
        dates: list[dt.date] = [dt.date.min]
        snapshots: list[Policy] = [current]
        normalised: list[Change] = []
        for i, change in enumerate(self.changes):
            try:
                current = attrs.evolve(current, **{change.parameter: change.value})
            except InvalidInputError as exc:
                raise InvalidInputError(
                    f"changes[{i}].value ({change.parameter} from {change.effective})", change.value, exc.expected
                ) from None
            normalised.append(attrs.evolve(change, value=getattr(current, change.parameter)))
            if dates[-1] == change.effective:
                snapshots[-1] = current
            else:
                dates.append(change.effective)
                snapshots.append(current)
        for snapshot in snapshots:
            object.__setattr__(snapshot, "_origin", self)
        object.__setattr__(self, "changes", tuple(normalised))
        object.__setattr__(self, "_dated", (tuple(dates), tuple(snapshots)))

    def on(self, day: dt.date) -> Policy:
        """The policy with every parameter in the version in force on ``day`` (D13).

        A policy without dated changes is its own version on every day; the
        versions of a dated one answer like it (:attr:`stamp`, :meth:`on`).
        """
        if self._origin is not None:
            return self._origin.on(day)
        dates, snapshots = self._dated
        return snapshots[bisect_right(dates, day) - 1] if dates else self

    def is_dated(self, *parameters: str) -> bool:
        """Whether any of these parameters takes a new value on some date."""
        changes = (self._origin or self).changes
        return bool(changes) and any(c.parameter in parameters for c in changes)

    def undated(self, *parameters: str) -> Policy:
        """This policy, for a question that has no date; refused when one of ``parameters`` is dated.

        Raises :class:`~ceurules.InvalidInputError` naming ``on``: the question needs the date it is about.
        """
        origin = self._origin or self
        dated = sorted({f"{c.parameter} from {c.effective}" for c in origin.changes if c.parameter in parameters})
        if dated and self._origin is None:
            expected = f"the date the question is about: the policy changes {', '.join(dated)}"
            raise InvalidInputError("on", None, expected)
        return self

    def dated_facts(self, day: dt.date, *parameters: str) -> dict[str, dt.date | None]:
        """``{"<parameter>_from": <day the version took effect>}`` for each dated parameter (D13)."""
        return {f"{p}_from": self.version_from(p, day) for p in parameters if self.is_dated(p)}

    def on_first(self, days: tuple[dt.date, ...], *parameters: str) -> Policy:
        """The version in force on the first of ``days`` (a program's first offering, D13).

        Without days the question has no date: see :meth:`undated`.
        """
        return self.on(days[0]) if days else self.undated(*parameters)

    def version_from(self, parameter: str, day: dt.date) -> dt.date | None:
        """The day the version of ``parameter`` in force on ``day`` took effect (``None``: the first version)."""
        origin = self._origin or self
        found = [c.effective for c in origin.changes if c.parameter == parameter and c.effective <= day]
        return found[-1] if found else None

    def text_of(self, key: str) -> str:
        """The policy's wording (a template) of a clause (``"approval.lead-time"``) or default (``"D1"``)."""
        return dict(self.texts)[key]

    def source_of(self, parameter: str) -> Source | None:
        """Where the parameter's value comes from, when the policy says."""
        return dict((self._origin or self).sources).get(parameter)

    @property
    def fingerprint(self) -> str:
        """A stable hash of the policy's canonical form (:meth:`to_toml`): ``sha256:`` and 16 hex digits."""
        origin = self._origin or self
        if "fingerprint" not in origin._cache:
            digest = _sha256(origin.to_toml().encode("utf-8")).hexdigest()
            origin._cache["fingerprint"] = f"sha256:{digest[:16]}"
        return str(origin._cache["fingerprint"])

    def __repr__(self) -> str:
        """Short: the name and fingerprint (``help()`` on a rule function shows it as the ``policy=`` default).

        Every value is in :meth:`to_toml`; equality still compares every value.
        """
        return f"Policy(name={self.name!r}, fingerprint={self.fingerprint!r})"

    @property
    def stamp(self) -> PolicyStamp:
        """The policy's name and fingerprint, as every decision and JSON output carries them."""
        origin = self._origin or self
        if "stamp" not in origin._cache:
            from .decisions import PolicyStamp  # not needed by a policy's values: loaded on first stamp

            origin._cache["stamp"] = PolicyStamp(name=origin.name, fingerprint=origin.fingerprint, policy=origin)
        stamp: PolicyStamp = origin._cache["stamp"]
        return stamp

    def to_toml(self) -> str:
        """The policy as a policy file (TOML), canonical: equal policies give equal text.

        ``load_policy(policy.to_toml()) == policy`` for every policy.
        """
        from .policy_files import dump_policy

        return dump_policy(self._origin or self)

    @property
    def minutes_per_ceu(self) -> Decimal:
        """Minutes of contact time that make one CEU."""
        return DECIMAL.multiply(self.contact_hours_per_ceu, Decimal(self.minutes_per_contact_hour))

    def hours_to_minutes(self, hours: Decimal | Fraction | int) -> Fraction:
        """Exact minutes of ``hours`` contact hours, at the policy's minutes per contact hour (D8).

        The one conversion of hours to minutes: stated contact hours, hours given to
        :func:`~ceurules.ceus`, and the minimum activity length all go through it.

        >>> from ceurules import DEFAULT_POLICY
        >>> DEFAULT_POLICY.hours_to_minutes(Decimal("7.5"))
        Fraction(450, 1)
        """
        from fractions import Fraction  # loaded by the first question about contact time, not by a deadline

        return Fraction(hours) * self.minutes_per_contact_hour

    def crediting_rule_on(self, day: dt.date) -> CreditingRule:
        """The crediting rule version in force on ``day`` (D13).

        A day before the first version raises :class:`~ceurules.RuleNotInForceError`.
        """
        day = to_date(day, "day")
        in_force = [r for r in self.crediting_rules if r.effective is None or r.effective <= day]
        if not in_force:
            first = self.crediting_rules[0]
            raise RuleNotInForceError(
                f"no year-long crediting rule is in force on {day}: the first version "
                f"({first.clause}) takes effect on {first.effective}"
            )
        return in_force[-1]


def _sha256(data: bytes) -> Any:
    """SHA-256 from Python's own module: ``hashlib`` loads OpenSSL, which costs more than the policy."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11 (3.12: _sha2)
    except ImportError:  # pragma: no cover - later Pythons name the module otherwise
        from hashlib import sha256
    return sha256(data)


def check_policy(policy: object, field: str = "policy") -> Policy:
    """The one reading of every ``policy=`` argument.

    A :class:`Policy` is taken as it is; a string or path names a policy file
    or a bundled policy (read by :func:`~ceurules.load_policy`, bundled
    policies once). Anything else, or a name that is neither a file nor a
    bundled policy, raises the library's error naming ``field``.
    """
    if isinstance(policy, Policy):
        return policy
    if policy is DEFAULT:
        return _default[0] if _default else _load_default()
    if isinstance(policy, str | PathLike):
        from .policy_files import bundled_policies, policy_named

        found = policy_named(policy)
        if found is not None:
            return found
        expected = f"an existing policy file or a bundled policy name ({', '.join(bundled_policies())})"
        raise InvalidInputError(field, policy, expected)
    raise InvalidInputError(field, policy, "a Policy such as DEFAULT_POLICY, a policy file or a bundled policy name")


def shifter(window: relativedelta) -> Callable[[dt.date], dt.date]:
    """A function that moves a day forward by a policy window (days, or months with month-end clamping)."""
    if not (window.years or window.months or window.leapdays):  # whole days: plain date arithmetic
        days = dt.timedelta(days=window.days)
        return lambda day: day + days
    return lambda day: day + window


def shift(day: dt.date, window: relativedelta) -> dt.date:
    """``day`` moved forward by a policy window (see :func:`shifter`)."""
    return shifter(window)(day)


#: Parameters: every field of :class:`Policy` a policy file sets.
_PARAMETERS = frozenset(
    a.name for a in attrs.fields(Policy) if a.init and a.name not in ("name", "changes", "sources", "texts")
)
#: Parameters of the CEU arithmetic (D7, D8, ``ceu.unit``).
CEU_PARAMETERS = (
    "contact_hours_per_ceu",
    "minutes_per_contact_hour",
    "contact_kinds",
    "ceu_increment",
    "ceu_rounding",
    "minimum_contact_hours",
    "first_award",
    "sum_segments",
    "unit_name",
    "unit_abbreviation",
)
#: Parameters that can take a new value on a date (``crediting_rules`` are dated versions already).
DATED_PARAMETERS = _PARAMETERS - {"crediting_rules"}


if TYPE_CHECKING:
    #: The source page's policy, with the reading's defaults, read from the bundled policy file ``source``.
    DEFAULT_POLICY: Policy
    """The source page's policy with the reading's defaults (D1-D16), from the bundled policy file ``source``.

    It is read on first use; every rule function's ``policy=`` defaults to it.

    >>> from ceurules import DEFAULT_POLICY
    >>> DEFAULT_POLICY.name, DEFAULT_POLICY.lead_time_days
    ('Source CEU policy', 14)
    """


class _DefaultPolicy:
    """The ``policy=`` default of the rule functions: :data:`DEFAULT_POLICY`, read on first use.

    A stand-in, so that importing a rule module reads no policy file; :func:`check_policy`
    turns it into the policy itself. ``help()`` shows it as ``DEFAULT_POLICY``.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "DEFAULT_POLICY"

    def __getattr__(self, name: str) -> Any:
        return getattr(_load_default(), name)


#: The default of every ``policy=`` parameter (typed as the :class:`Policy` it stands for).
DEFAULT: Policy = cast(Policy, _DefaultPolicy())
_default: list[Policy] = []


def _load_default() -> Policy:
    if not _default:
        from .policy_files import load_policy

        _default.append(load_policy("source"))
    return _default[0]


def __getattr__(name: str) -> Policy:
    """``DEFAULT_POLICY`` is read from the bundled file on first use."""
    if name != "DEFAULT_POLICY":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    policy = globals()["DEFAULT_POLICY"] = _load_default()
    return policy
