"""Timelines: every dated event the policy implies for a program, in order, each with its clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import attrs

from ._convert import to_items
from ._display import (
    cite_html,
    cite_markdown,
    cited,
    escape,
    html_table,
    markdown_table,
    notes_html,
    notes_markdown,
    one_line,
    quoted,
)
from ._json import JSON
from ._typed import library_built, typed_fields
from .approval import ApprovalRequest, review_due, submission_deadline
from .credit import (
    CreditApplication,
    application_deadline,
    completing_field,
    processing_window,
    semi_osl_date,
    window_citation,
)
from .decisions import SCHEMA_VERSION, Explained, Finding, PolicyStamp
from .errors import InvalidInputError
from .policy import DEFAULT, Policy, check_policy
from .programs import Program

if TYPE_CHECKING:
    from .yearlong import YearLong

__all__ = ["Event", "Timeline", "timeline"]

T = TypeVar("T")


class Event(NamedTuple):
    """One dated event: what happens (or is due), and the clause that says so.

    A named tuple, like :class:`~ceurules.ApplicationSummary`: a timeline is an
    answer, built many at a time, not an input to validate.

    >>> from ceurules import timeline
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> event = timeline(pf.program).events[0]
    >>> event.day, event.what, event.clause
    (datetime.date(2026, 12, 1), 'last day to submit the approval request', 'approval.lead-time')
    """

    day: dt.date
    what: str
    clause: str
    default: str | None = None

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""
        return {"date": self.day.isoformat(), "what": self.what, "clause": self.clause, "default": self.default}


def _event(day: dt.date, what: str, clause: str, default: str | None = None) -> Event:
    """``Event(...)`` at a plain function call's cost (a named tuple's own constructor is slower)."""
    return _NEW(Event, (day, what, clause, default))


_NEW = tuple.__new__


def _events(v: Iterable[Event]) -> tuple[Event, ...]:
    events = to_items(v, "events", Event, "a list of Event", "an Event")
    return tuple(sorted(events, key=_DAY))


_DAY = attrgetter("day")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class Timeline(Explained):
    """The events of one program (and optionally one participant), in date order.

    An answer like a :class:`~ceurules.Decision`: each event is a note on its
    clause, so a timeline passes.

    >>> from ceurules import timeline
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> print(timeline(pf.program))
    Timeline of 'Literacy Strategies for the Middle Grades'
      2026-12-01 Tue  last day to submit the approval request (approval.lead-time, D1)
      2026-12-15 Tue  session (approval.dates)
      2027-01-12 Tue  session (approval.dates)
      2027-02-11 Thu  last day to apply and pay (from the last session) (credit.window, D4)
    """

    subject: str
    events: tuple[Event, ...] = attrs.field(converter=_events)
    #: The policy the timeline follows (``None``: not recorded).
    policy: PolicyStamp | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Each event as a note on its clause, in date order."""
        return tuple(Finding.note(e.clause, f"{e.day}: {e.what}.", default=e.default, day=e.day) for e in self.events)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""
        return {
            "schema_version": SCHEMA_VERSION,
            "subject": self.subject,
            "policy": self.policy.to_dict() if self.policy else None,
            "events": [e.to_dict() for e in self.events],
        }

    def __str__(self) -> str:
        lines = [f"Timeline of {quoted(self.subject)}"]
        for e in self.events:
            cite = e.clause + (f", {e.default}" if e.default else "")
            lines.append(f"  {e.day} {e.day:%a}  {one_line(e.what)} ({cite})")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        rows = [(str(e.day), f"{e.day:%a}", e.what, cite_markdown(e.clause, e.default)) for e in self.events]
        table = markdown_table(_HEADERS, rows, title=f"Timeline of {self.subject}")
        return table + notes_markdown(self._codes(), stamp=self.policy)

    def _repr_html_(self) -> str:
        esc = escape
        stamp = self.policy
        rows = [(str(e.day), f"{e.day:%a}", esc(e.what), cite_html(e.clause, e.default, stamp)) for e in self.events]
        return html_table(_HEADERS, rows, title=f"Timeline of {self.subject}") + notes_html(self._codes(), stamp=stamp)

    def _codes(self) -> list[str]:
        return cited((e.clause, e.default) for e in self.events)


#: A timeline the library computed (events sorted as ``Timeline`` sorts them), built without checking its fields.
_timeline = library_built(Timeline, converted=("events",))
_HEADERS = ("date", "day", "event", "clause")


def _session_events(program: Program) -> list[Event]:
    """Each session day; the days of a session of several days are numbered (D15)."""
    events = []
    for days in program.session_days:
        for i, day in enumerate(days, start=1):
            what = f"session, day {i} of {len(days)}" if len(days) > 1 else "session"
            events.append(_event(day=day, what=what, clause="approval.dates", default="D15" if len(days) > 1 else None))
    return events


def _yearlong_events(program: Program, policy: Policy) -> list[Event]:
    from .yearlong import semester_batches

    batching = semester_batches(program.offering_dates, policy=policy)
    events = []
    for batch in batching.batches:
        events += [_event(day=d, what=f"meeting ({batch.label} packet)", clause=batch.clause) for d in batch.meetings]
        events.append(
            _event(
                day=batch.due,
                what=f"{batch.label} packet due (sign-in sheets, CEU applications, evaluation forms); "
                f"credit issued {batch.issued_text}",
                clause=batch.clause,
                default="D10",
            )
        )
    events += [
        _event(day=u.meeting, what=f"meeting not batched: {u.reason}", clause=u.clause, default="D9")
        for u in batching.unbatched
    ]
    return events


def timeline(
    program: Program,
    *,
    request: ApprovalRequest | None = None,
    application: CreditApplication | None = None,
    policy: Policy = DEFAULT,
    year_long: YearLong | None = None,
) -> Timeline:
    """Every dated event the policy implies for ``program``, in order.

    With ``request`` the receipt and review due date are added; with
    ``application`` the participant's own window, payment and processing, or,
    for a year-long program, the participant's packet and when credit is
    expected from it (D14; ``year_long`` holds the packets submitted so far).

    >>> from ceurules import timeline
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> [e.what for e in timeline(pf.program, request=pf.request).events][:2]
    ['approval request received', 'review due (if the request is complete)']
    """
    policy = check_policy(policy)
    if not isinstance(program, Program):
        raise InvalidInputError("program", program, "a Program")
    if request is not None and not isinstance(request, ApprovalRequest):
        raise InvalidInputError("request", request, "an ApprovalRequest or None")
    if application is not None and not isinstance(application, CreditApplication):
        raise InvalidInputError("application", application, "a CreditApplication or None")
    packets = _packets(program, year_long)
    events = program_events(program, request=request, policy=policy, window=application is None)
    if application is not None:
        events += _refer(lambda: participant_events(application, policy=policy, year_long=packets), "application.")
    subject = program.title if application is None else f"{program.title} / {application.participant}"
    return _timeline(subject=subject, events=tuple(sorted(events, key=_DAY)), policy=policy.stamp)


def _packets(program: Program, year_long: object) -> YearLong | None:
    """The packets a year-long program's participants are judged by (none recorded when none are given);
    ``None`` for a program that is not year-long."""
    if year_long is None and not program.year_long:
        return None
    from .yearlong import YearLong  # imported only for a year-long program's packets

    if year_long is not None and not (isinstance(year_long, YearLong) and program.year_long):
        raise InvalidInputError("year_long", year_long, "the packets of a year-long program, or None")
    return year_long or YearLong()


def program_events(
    program: Program, *, request: ApprovalRequest | None, policy: Policy, window: bool = True
) -> list[Event]:
    """The program's own events and its request's (with ``window``: the participants' window from the last
    session); a refused date names ``offering_dates`` or the request's field (``request.received``).

    ``ceurules check`` asks for them too, so that both commands refuse the same dates.
    """
    policy = check_policy(policy)
    days = program.offering_dates
    events = []
    if days:
        deadline = submission_deadline(days, policy=policy)
        what = "last day to submit the approval request"
        events.append(_event(day=deadline, what=what, clause="approval.lead-time", default="D1"))
    if request is not None:
        events += request_events(request, policy=policy)
    return events + _program_events(program, policy, generic=window)


def request_events(request: ApprovalRequest, *, policy: Policy) -> list[Event]:
    """The request's receipt and the day its review is due (D2); a refused date names the request's field
    (``request.received``)."""
    return _refer(lambda: _request_events(request, policy), "request.")


def participant_events(
    application: CreditApplication, *, policy: Policy, year_long: YearLong | None = None
) -> list[Event]:
    """One participant's events (with ``year_long``, the packets of a year-long program: by packet, D14);
    a refused date names the application's field (``paid``)."""
    policy = check_policy(policy)
    if year_long is not None:
        return _packet_participant_events(application, year_long, policy)
    return _participant_events(application, policy)


def _program_events(program: Program, policy: Policy, *, generic: bool) -> list[Event]:
    """Sessions or packets, then, when no participant is asked about (``generic``), the window from the last
    session (D4); the SEMI/OSL date."""
    days = program.offering_dates
    if program.year_long:
        events = _yearlong_events(program, policy)
    elif days:
        events = _session_events(program)
        if generic:
            last_day = _refer(lambda: application_deadline(days[-1], policy=policy), "offering_dates")
            what = "last day to apply and pay (from the last session)"
            events.append(_event(day=last_day, what=what, clause="credit.window", default="D4"))
    else:
        events = []
    if program.offers_semi_osl and days:
        semi_osl = _refer(lambda: semi_osl_date(days[-1], policy=policy), "offering_dates")
        events.append(_event(day=semi_osl, what="SEMI/OSL credits submitted", clause="credit.semi-osl"))
    return events


def _request_events(request: ApprovalRequest, policy: Policy) -> list[Event]:
    due = review_due(request.received, policy=policy)
    return [
        _event(day=request.received, what="approval request received", clause="approval.lead-time"),
        _event(day=due, what="review due (if the request is complete)", clause="approval.review", default="D2"),
    ]


def _refer(answer: Callable[[], T], field: str) -> T:
    """``answer()``; a refusal names the program's ``field`` (ending in ``.``: a prefix to the refused field)."""
    try:
        return answer()
    except InvalidInputError as exc:
        if exc.field.startswith("year_long."):  # the packets the caller gave: named as given
            raise
        named = field + exc.field if field.endswith(".") else field
        raise InvalidInputError(named, exc.value, exc.expected) from None


def _participant_events(application: CreditApplication, policy: Policy) -> list[Event]:
    att = application.attendance
    events = [_event(day=d, what=f"{att.participant} attends", clause="approval.dates") for d in att.dates]
    if att.certificate_date:
        events.append(_event(day=att.certificate_date, what="certificate of completion", clause="credit.certificate"))
    deadline, cite = window_citation(application, policy)
    events.append(_event(day=deadline, what="last day to apply and pay", clause="credit.window", default=cite))
    events += _sent_events(application, timed_by="credit.window")
    complete = application.complete_on
    if complete:
        window = _refer(lambda: processing_window(complete, complete, policy=policy), completing_field(application))
        events.append(_event(day=window.earliest, what="CEUs expected from", clause="credit.processing", default="D6"))
        events.append(
            _event(day=window.latest, what="CEUs expected by (overdue after)", clause="credit.processing", default="D6")
        )
    if application.issued:
        events.append(_event(day=application.issued, what="certificate issued", clause="credit.record"))
    return events


def _sent_events(application: CreditApplication, *, timed_by: str) -> list[Event]:
    """The days the participant sent the credit application and the payment, as every timeline shows them; the
    payment cites the clause its day is judged by (``timed_by``: the window, or a year-long packet's rule)."""
    events = []
    if application.submitted:
        events.append(_event(day=application.submitted, what="credit application submitted", clause="credit.proof"))
    if application.payment:
        events.append(_event(day=application.payment.paid, what="payment received", clause=timed_by))
    return events


def _packet_participant_events(application: CreditApplication, year_long: YearLong, policy: Policy) -> list[Event]:
    """A year-long participant's events: meetings attended, then, in the packet of those meetings, the
    application and payment sent and the packet's days (D14)."""
    from .yearlong import packet_standing, sent_without

    att = application.attendance
    events = [_event(day=d, what=f"{att.participant} attends", clause="approval.dates") for d in att.dates]
    # the issue day is an event of its own: the packet's days do not depend on it
    standing = packet_standing(att.participant, att.dates, None, year_long, as_of=None, policy=policy)
    batch, arrived, latest = standing.batch, standing.arrived, standing.latest
    if batch is None:
        return events
    events += _sent_events(application, timed_by=batch.clause)  # judged by the packet, not the window
    if arrived is not None:
        events.append(_event(day=arrived, what=f"CEU application in the {batch.label} packet", clause=batch.clause))
    elif (without := sent_without(year_long, batch, att.participant, None)) is not None:
        what = f"the {batch.label} packet went in without this CEU application"
        events.append(_event(day=without[0], what=what, clause=batch.clause, default="D14"))
    if latest is not None:  # set with arrived
        events.append(_event(day=latest, what="credit expected by (overdue after)", clause=batch.clause, default="D14"))
    if application.issued:
        events.append(_event(day=application.issued, what="certificate issued", clause="credit.record"))
    return events
