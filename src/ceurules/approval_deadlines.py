"""The two dates of an approval request: when it must arrive, and when its review is due.

Clauses ``approval.lead-time`` (D1) and ``approval.review`` (D2, D3). They are
part of :mod:`ceurules.approval` (and exported from there); they live apart from
its request and approval classes so that a deadline question loads neither those
classes nor the decisions they explain themselves with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ._convert import shift_days, to_date, to_dates
from .errors import InvalidInputError
from .policy import DEFAULT, Policy, check_policy

__all__ = ["lead_time_met", "review_due", "submission_deadline"]


def _offering_dates(offering_dates: object) -> tuple[dt.date, ...]:
    if isinstance(offering_dates, dt.date | str):  # one offering date (a datetime is refused by to_date)
        return (to_date(offering_dates, "offering_dates"),)
    days = to_dates(offering_dates, "offering_dates")
    if not days:
        raise InvalidInputError("offering_dates", offering_dates, "at least one offering date")
    return days


def submission_deadline(
    offering_dates: Iterable[dt.date] | dt.date | str, *, policy: Policy = DEFAULT
) -> dt.date:
    """The last day a request is on time: the earliest offering date less the lead time (D1).

    Calendar days; the deadline itself is on time.

    >>> submission_deadline([dt.date(2026, 12, 15), dt.date(2027, 1, 12)])
    datetime.date(2026, 12, 1)
    """
    policy = check_policy(policy)
    first = _offering_dates(offering_dates)[0]
    lead = policy.on(first).lead_time_days
    return shift_days(first, -lead, "offering_dates", "an offering date whose submission deadline is")


def review_due(received: dt.date, *, policy: Policy = DEFAULT) -> dt.date:
    """The day the review of a complete request is due (``approval.review``, D2, D3).

    A request received on a non-business day counts from the next business
    day; the review is due the policy's number of business days after that.

    >>> review_due(dt.date(2026, 11, 20))  # a Friday
    datetime.date(2026, 11, 25)
    >>> review_due(dt.date(2026, 11, 21))  # a Saturday; Thanksgiving is skipped
    datetime.date(2026, 11, 27)
    """
    policy = check_policy(policy)
    day = to_date(received, "received")
    in_force = policy.on(day)
    calendar = in_force.calendar
    try:
        return calendar.add_business_days(calendar.roll_forward(day), in_force.review_business_days)
    except InvalidInputError:  # the count leaves the years the calendar covers
        raise InvalidInputError("received", day, "a date whose review is due in the years 1900-2199") from None


def lead_time_met(received: dt.date, deadline: dt.date) -> bool:
    """The rule of ``approval.lead-time`` (D1): a request received on or before the deadline is on time."""
    return received <= deadline
