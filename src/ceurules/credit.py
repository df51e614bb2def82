"""Credit applications: certificates, the application window, processing and records.

Clauses ``credit.certificate``, ``credit.link``, ``credit.proof``,
``credit.window``, ``credit.processing``, ``credit.semi-osl`` and
``credit.record``, with defaults D4, D5 and D6.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from . import _convert as to
from . import _display as show
from ._convert import LAST_DAY, in_range, to_date, to_dates, to_list, to_optional_date
from ._gc import collection_paused
from ._json import JSON, plain
from ._memo import Memo
from ._typed import library_built, typed_fields
from ._value import Value
from .approval import Approval
from .decisions import SCHEMA_VERSION, Decision, Explained, Finding, PolicyStamp, Status, in_by, not_yet_in
from .errors import CeuRulesError, InvalidInputError
from .policy import DEFAULT, Policy, check_policy, shift, shifter

if TYPE_CHECKING:  # a year-long program's packets: the module is imported by the calls that are given them
    from .yearlong import PacketStanding, YearLong

__all__ = [
    "ApplicationSummary",
    "Attendance",
    "CreditApplication",
    "CreditStatus",
    "Payment",
    "ProcessingWindow",
    "Status",
    "application_deadline",
    "application_summaries",
    "check_credit_application",
    "credit_status",
    "is_on_time",
    "processing_window",
    "semi_osl_date",
]


_DEADLINE = "a date whose application deadline is"
_POSTING = "a date whose expected posting falls"


def _dates(v: Iterable[dt.date | str]) -> tuple[dt.date, ...]:
    return to_dates(v, "attended")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Attendance(Value):
    """A participant's attendance: the session dates attended, completion, certificate date.

    ``session_last_day`` is the last day of the session attended when the
    session lasts longer than the days attended (D15: someone at day 1 of a
    three-day session); :meth:`Program.session_end` gives it, and program
    files fill it in from the program's sessions.

    >>> from ceurules import Attendance
    >>> att = Attendance(participant="Jordan Lee", dates=["2026-12-15"], certificate_date="2026-12-16")
    >>> att.last_day, att.window_anchor
    (datetime.date(2026, 12, 15), datetime.date(2026, 12, 16))
    """

    participant: str = attrs.field(converter=to.text)
    dates: tuple[dt.date, ...] = attrs.field(converter=_dates)
    completed: bool = True
    certificate_date: dt.date | None = attrs.field(default=None, converter=to.optional_date)
    session_last_day: dt.date | None = attrs.field(default=None, converter=to.optional_date)

    def __attrs_post_init__(self) -> None:
        if not self.dates:
            raise InvalidInputError("attended", self.dates, "at least one session date")
        if not isinstance(self.completed, bool):
            raise InvalidInputError("completed", self.completed, "true or false")
        problem = attended_dates_problem(self.dates[0], self.dates[-1], self.session_last_day, self.certificate_date)
        if problem is not None:
            raise problem

    @property
    def last_day(self) -> dt.date:
        """The last session day attended."""
        return self.dates[-1]

    @property
    def session_end(self) -> dt.date:
        """The last day of the session attended (D15): ``session_last_day`` when given, else the last day attended."""
        return self.session_last_day or self.dates[-1]

    @property
    def window_anchor(self) -> dt.date:
        """The day the application window runs from: the certificate date when known, else the last day of the
        session attended (D5, D15)."""
        return window_anchor(self.session_end, self.certificate_date)


def attended_dates_problem(
    first_day: dt.date,
    last_attended: dt.date,
    session_last_day: dt.date | None,
    certificate_date: dt.date | None,
    *,
    session_field: str = "session_last_day",
) -> InvalidInputError | None:
    """The refusal of an attendance's dates, or ``None`` when they hold: the one rule every entry point
    (:class:`Attendance`, program files, :func:`application_deadline`, :func:`~ceurules.application_columns`,
    DataFrames) decides them by.

    A certificate of completion is proof of attendance (``credit.certificate``): it is dated on or after the
    first day attended, never before; one dated on day 1 of a two-day session is proof of that day and anchors
    the window (D5). The session attended ends on or after the last day attended (D15). The certificate is
    checked first. ``session_field`` is the caller's name for the session's last day.
    """
    if certificate_date is not None and certificate_date < first_day:
        expected = f"a date on or after the first day attended {first_day}"
        return InvalidInputError("certificate_date", certificate_date, expected)
    if session_last_day is not None and session_last_day < last_attended:
        expected = f"a date on or after every day attended (up to {last_attended})"
        return InvalidInputError(session_field, session_last_day, expected)
    return None


def window_anchor(last_day: dt.date, certificate_date: dt.date | None) -> dt.date:
    """The day the application window runs from: the certificate date when known, else the last day of the
    session (D5, D15)."""
    return certificate_date or last_day


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Payment(Value):
    """A payment for CEUs, by the day it was made.

    >>> from ceurules import Payment
    >>> Payment(paid="2026-11-24").paid
    datetime.date(2026, 11, 24)
    """

    paid: dt.date = attrs.field(converter=to.date)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class CreditApplication(Value):
    """A participant's credit application.

    ``submitted`` is ``None`` until the participant applies; ``payment`` until
    they pay; ``issued`` is the day the certificate was issued (it then shows
    in the registration history, ``credit.record``).

    >>> from ceurules import Attendance, CreditApplication, Payment
    >>> app = CreditApplication(
    ...     attendance=Attendance(participant="Ann", dates=["2026-11-20"]),
    ...     submitted="2026-11-25", proof_uploaded=True, payment=Payment(paid="2026-11-24"))
    >>> app.complete_on
    datetime.date(2026, 11, 25)
    """

    attendance: Attendance
    submitted: dt.date | None = attrs.field(default=None, converter=to.optional_date)
    proof_uploaded: bool = False
    payment: Payment | None = None
    issued: dt.date | None = attrs.field(default=None, converter=to.optional_date)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.attendance, Attendance):
            raise InvalidInputError("attendance", self.attendance, "an Attendance")
        if self.payment is not None and not isinstance(self.payment, Payment):
            raise InvalidInputError("payment", self.payment, "a Payment or None")
        if not isinstance(self.proof_uploaded, bool):
            raise InvalidInputError("proof_uploaded", self.proof_uploaded, "true or false")
        if self.issued is not None and (self.submitted is None or self.payment is None):
            raise InvalidInputError("issued", self.issued, "no issue date before the application and payment are in")
        if self.issued is not None and self.complete_on is not None and self.issued < self.complete_on:
            raise InvalidInputError("issued", self.issued, f"a date on or after {self.complete_on}")

    @property
    def participant(self) -> str:
        """The participant's name."""
        return self.attendance.participant

    @property
    def complete_on(self) -> dt.date | None:
        """The day both the application and the payment were in (D6), if they are."""
        return complete_on(self.submitted, None if self.payment is None else self.payment.paid)


def complete_on(submitted: dt.date | None, paid: dt.date | None) -> dt.date | None:
    """The day both the application and the payment were in: the later of the two (D6), if both are."""
    if submitted is None or paid is None:
        return None
    return max(submitted, paid)


def application_deadline(
    last_day: dt.date,
    *,
    certificate_date: dt.date | None = None,
    first_day: dt.date | None = None,
    policy: Policy = DEFAULT,
) -> dt.date:
    """The last day a participant may apply and pay (``credit.window``, D4, D5).

    The window runs from the certificate-of-completion date when known, else
    from the session's last day; the policy's ``application_window`` later is
    still on time. ``first_day`` is the first day the participant attended
    (left out: the last day, as for a one-day session); a certificate dated
    before it is refused (``credit.certificate``), as :class:`Attendance`,
    :func:`~ceurules.application_columns` and program files refuse it.

    >>> application_deadline(dt.date(2026, 11, 20))
    datetime.date(2026, 12, 20)
    >>> application_deadline(dt.date(2026, 11, 20), certificate_date=dt.date(2026, 11, 23))
    datetime.date(2026, 12, 23)
    """
    policy = check_policy(policy)
    last = to_date(last_day, "last_day")
    certificate = to_optional_date(certificate_date, "certificate_date")
    first = last if first_day is None else to_date(first_day, "first_day")
    problem = attended_dates_problem(first, first, last, certificate, session_field="last_day")
    if problem is not None:
        raise problem
    field = "last_day" if certificate is None else "certificate_date"
    anchor = window_anchor(last, certificate)
    return in_range(deadline_rule(policy=policy)(anchor), field, anchor, _DEADLINE)


def deadline_rule(*, policy: Policy) -> Callable[[dt.date], dt.date]:
    """The rule of ``credit.window`` (D4): the last day to apply and pay, from the window's anchor.

    The window is the version in force on the anchor date (D13). The explained,
    bulk and column answers all get their deadline from here.
    """
    if not policy.is_dated("application_window"):
        return shifter(policy.application_window)
    return lambda anchor: shift(anchor, policy.on(anchor).application_window)


def window_breach(first_day: dt.date, deadline: dt.date, day: dt.date) -> str | None:
    """Whether applying or paying on ``day`` breaks ``credit.window``: ``"early"`` before the first
    attended day (D5), ``"late"`` after the deadline (D4), else ``None``."""
    if day < first_day:
        return "early"
    return "late" if day > deadline else None


@attrs.frozen(field_transformer=typed_fields, repr=False, eq=False)
class ProcessingWindow(Explained):
    """When CEUs should post: ``earliest`` and ``latest``, counted from ``start`` (D6).

    An answer like a :class:`~ceurules.Decision` (one finding, a note, so it
    passes); it also unpacks as ``earliest, latest = window``.

    >>> from ceurules import processing_window
    >>> window = processing_window("2026-12-18", "2026-12-18")
    >>> window.earliest, window.latest
    (datetime.date(2026, 12, 30), datetime.date(2027, 1, 5))
    """

    start: dt.date
    earliest: dt.date
    latest: dt.date
    #: The clause and default the dates follow (a year-long packet's: its crediting clause and D14).
    clause: str = "credit.processing"
    default: str | None = "D6"
    #: The answering policy, whose words explain the cited clause and default in displays.
    policy: PolicyStamp | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __iter__(self) -> Iterator[dt.date]:
        return iter((self.earliest, self.latest))

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The one finding: when CEUs are expected, on the clause the dates follow."""
        message = f"CEUs are expected between {self.earliest} and {self.latest}, counted from {self.start}."
        facts = {"start": self.start, "earliest": self.earliest, "latest": self.latest}
        return (Finding.note(self.clause, message, default=self.default, **facts),)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form: the dates, the verdict and the finding."""
        return {
            "schema_version": SCHEMA_VERSION,
            "start": self.start.isoformat(),
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "verdict": self.verdict_label,
            "findings": [f.to_dict() for f in self.findings],
        }

    def _rows(self) -> list[tuple[str, str, str]]:
        return [
            ("the clock starts", str(self.start), f"{self.start:%a}"),
            ("earliest posting", str(self.earliest), f"{self.earliest:%a}"),
            ("latest posting (overdue after)", str(self.latest), f"{self.latest:%a}"),
        ]

    def _title(self) -> str:
        return f"When CEUs should post: {self.earliest} to {self.latest}"

    def _repr_markdown_(self) -> str:
        cite = f"Rule: {show.cite_markdown(self.clause, self.default)}"
        table = show.markdown_table(_WINDOW_HEADERS, self._rows(), title=self._title())
        notes = show.notes_markdown(show.cited([(self.clause, self.default)]), stamp=self.policy)
        return f"{table}\n\n{cite}{notes}"

    def _repr_html_(self) -> str:
        rows = [tuple(show.escape(cell) for cell in row) for row in self._rows()]
        cite = f'<p style="text-align:left">Rule: {show.cite_html(self.clause, self.default, self.policy)}</p>'
        return (
            show.html_table(_WINDOW_HEADERS, rows, title=self._title())
            + cite
            + show.notes_html(show.cited([(self.clause, self.default)]), stamp=self.policy)
        )


_WINDOW_HEADERS = ("", "date", "day")
#: A posting window the library computed, built without checking its fields.
_window = library_built(ProcessingWindow)


def processing_window(applied: dt.date, paid: dt.date, *, policy: Policy = DEFAULT) -> ProcessingWindow:
    """The expected posting window once the application and the payment are in (``credit.processing``, D6).

    The clock starts on the later of the two days, moved to the next business
    day if it is not one (as D2); posting is expected from the 7th to the 10th
    business day after.

    >>> earliest, latest = processing_window(dt.date(2026, 11, 20), dt.date(2026, 11, 21))
    >>> earliest, latest
    (datetime.date(2026, 12, 3), datetime.date(2026, 12, 8))
    """
    policy = check_policy(policy)
    applied, paid = to_date(applied, "applied"), to_date(paid, "paid")
    start = max(applied, paid)
    try:
        earliest, latest = posting_dates(policy=policy)(start)
    except InvalidInputError:  # the count leaves the years the calendar covers
        field = "applied" if applied >= paid else "paid"
        raise InvalidInputError(field, start, f"{_POSTING} in the years 1900-2199") from None
    return _window(start=start, earliest=earliest, latest=latest, policy=policy.stamp)


def _posting_dates(
    complete: dt.date, add: Callable[[dt.date, int], dt.date], early: int, late: int
) -> tuple[dt.date, dt.date]:
    """Earliest and latest expected posting for a file complete on ``complete`` (D6, with D2's clock rule)."""
    start = add(complete, 0)
    return add(start, early), add(start, late)


def _status(issued: dt.date | None, latest: dt.date, as_of: dt.date) -> Status:
    """Where an application complete by ``as_of`` stands on it (``credit.processing``, ``credit.record``);
    ``issued`` is the issue date if it is in by ``as_of`` (:func:`~ceurules.decisions.in_by`)."""
    if issued is not None:
        return Status.ISSUED
    return Status.IN_PROCESSING if as_of <= latest else Status.OVERDUE


def semi_osl_date(last_day: dt.date, *, policy: Policy = DEFAULT) -> dt.date:
    """The day SEMI and OSL credits go to the state account (``credit.semi-osl``).

    >>> semi_osl_date(dt.date(2026, 11, 20))
    datetime.date(2026, 12, 20)
    """
    policy = check_policy(policy)
    last = to_date(last_day, "last_day")
    delay = policy.on(last).semi_osl_delay
    return in_range(shift(last, delay), "last_day", last, "a last day whose SEMI/OSL date is")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class CreditStatus(Explained):
    """The status of an application as of a day, with its clause and explanation.

    An answer like a :class:`~ceurules.Decision` whose one finding is ``finding``:
    an overdue application fails, every other status passes.

    >>> from datetime import date
    >>> from ceurules import credit_status
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> status = credit_status(pf.applications[1], as_of=date(2027, 1, 20))
    >>> status.status.value, status.finding.clause
    ('in processing', 'credit.processing')
    """

    status: Status
    as_of: dt.date
    finding: Finding
    window: ProcessingWindow | None = None
    #: The answering policy, whose words explain the cited clause and default in displays.
    policy: PolicyStamp | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The one finding, as a tuple (the shape every answer has)."""
        return (self.finding,)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form: the status, the day, the verdict, the finding and the posting window."""
        return {
            "schema_version": SCHEMA_VERSION,
            "status": self.status.value,
            "as_of": self.as_of.isoformat(),
            "verdict": self.verdict_label,
            "findings": [f.to_dict() for f in self.findings],
            "window": plain({"earliest": self.window.earliest, "latest": self.window.latest}) if self.window else None,
        }

    def __str__(self) -> str:
        return f"{self.status.value} as of {self.as_of}: {self.finding}"

    def _cells(self) -> list[tuple[str, str, str | None, str]]:
        f = self.finding
        return [(f.outcome.value, f.clause, f.default, f.message)]

    def _title(self) -> str:
        return f"Credit status as of {self.as_of}: {show.outcome_label(self.status.value)}"

    def _codes(self) -> list[str]:
        return show.cited([(self.finding.clause, self.finding.default)])

    def _repr_markdown_(self) -> str:
        table = show.markdown_table(_STATUS_HEADERS, show.findings_rows_markdown(self._cells()), title=self._title())
        return table + show.notes_markdown(self._codes(), stamp=self.policy)

    def _repr_html_(self) -> str:
        rows = show.findings_rows_html(self._cells(), self.policy)
        table = show.html_table(_STATUS_HEADERS, rows, title=self._title())
        return table + show.notes_html(self._codes(), stamp=self.policy)


_STATUS_HEADERS = ("outcome", "clause", "explanation")


def credit_status(
    application: CreditApplication,
    *,
    as_of: dt.date,
    policy: Policy = DEFAULT,
    year_long: YearLong | None = None,
) -> CreditStatus:
    """Where ``application`` stands on ``as_of`` (``credit.processing``, ``credit.record``).

    For a participant of a year-long program pass ``year_long`` (its packets):
    the answer then comes from the packet (D14), never from ``credit.processing``.

    >>> from datetime import date
    >>> from ceurules import credit_status
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> print(credit_status(pf.applications[1], as_of=date(2027, 1, 20)).finding.message)
    In processing since 2027-01-15; CEUs expected between 2027-01-27 and 2027-02-01.
    """
    policy = check_policy(policy)
    as_of = to_date(as_of, "as_of")
    application = _application(application)
    year_long = _year_long(year_long)
    if year_long is not None:
        from .yearlong import status_finding

        standing = _standing(application, year_long, as_of, policy)
        finding = status_finding(standing, as_of=as_of, policy=policy)
        window = _packet_window(standing, policy)
        return CreditStatus(status=standing.status, as_of=as_of, finding=finding, window=window, policy=policy.stamp)
    days = arrived(application, as_of)
    submitted, paid, issued = days
    complete = complete_on(submitted, paid)
    missed = None if _issued_by(complete, issued) else _outside_window(application, days, as_of, policy)
    if missed is not None:  # the check's own finding: it fails credit.window
        return CreditStatus(status=Status.OUTSIDE_WINDOW, as_of=as_of, finding=missed, policy=policy.stamp)
    if complete is None:
        finding = _not_started(submitted, paid, as_of)
        return CreditStatus(status=Status.NOT_COMPLETE, as_of=as_of, finding=finding, policy=policy.stamp)
    try:
        window = processing_window(complete, complete, policy=policy)
    except InvalidInputError as err:
        raise InvalidInputError(completing_field(application), complete, err.expected) from None
    status = _status(issued, window.latest, as_of)
    finding = _processing_finding(status, window, issued, as_of, policy)
    return CreditStatus(status=status, as_of=as_of, finding=finding, window=window, policy=policy.stamp)


def _outside_window(application: CreditApplication, days: Arrived, as_of: dt.date, policy: Policy) -> Finding | None:
    """The failed ``credit.window`` finding if the window has failed on ``as_of`` (:func:`window_missed`, the bulk
    answers' rule too), else ``None``; ``days`` are the application's dates in by ``as_of`` (:func:`arrived`)."""
    citation = _citation(application, days, policy)
    submitted, paid, _ = days
    if not window_missed(application.attendance.dates[0], citation[0], submitted, paid, as_of):
        return None
    return _window_finding(application, days, citation, as_of, policy)


#: An application's submitted, paid and issued dates as they stand on a day (:func:`arrived`).
Arrived = tuple[dt.date | None, dt.date | None, dt.date | None]


def arrived(application: CreditApplication, as_of: dt.date | None) -> Arrived:
    """The application's submitted, paid and issued dates as they stand on ``as_of``: each one after ``as_of``
    has not happened yet, so it is ``None`` (:func:`~ceurules.decisions.in_by`); every date without ``as_of``."""
    paid = application.payment.paid if application.payment else None
    return in_by(application.submitted, as_of), in_by(paid, as_of), in_by(application.issued, as_of)


def _application(value: object) -> CreditApplication:
    if not isinstance(value, CreditApplication):
        raise InvalidInputError("application", value, "a CreditApplication")
    return value


def _not_started(submitted: dt.date | None, paid: dt.date | None, as_of: dt.date) -> Finding:
    """Processing has not started: the application or the payment (as they stand on ``as_of``) is not in (D6)."""
    missing = [name for name, day in (("the application", submitted), ("the payment", paid)) if day is None]
    verb = " are" if len(missing) > 1 else " is"
    message = "Processing has not started: " + " and ".join(missing) + verb + " not yet in."
    return Finding.note("credit.processing", message, default="D6", as_of=as_of, missing=missing)


def _processing_finding(
    status: Status, window: ProcessingWindow, issued: dt.date | None, as_of: dt.date, policy: Policy
) -> Finding:
    """A complete application on ``as_of``: issued (``credit.record`` once the registration history shows
    certificates), in processing, or overdue (``credit.processing``, D6)."""
    complete = window.start
    facts = {
        "as_of": as_of,
        "complete_on": complete,
        "earliest": window.earliest,
        "latest": window.latest,
        **policy.dated_facts(complete, *_POSTING_PARAMETERS),
    }
    if status is Status.ISSUED:
        return issued_finding(issued, as_of, "credit.processing", policy, facts)
    if status is Status.IN_PROCESSING:
        message = f"In processing since {complete}; CEUs expected between {window.earliest} and {window.latest}."
        return Finding.note("credit.processing", message, default="D6", **facts)
    clause = overdue_clause(as_of, policy)
    absent = "; the event is not in the registration history, so it has not been processed"
    message = f"Overdue: CEUs were expected by {window.latest}{absent if clause == 'credit.record' else ''}."
    return Finding.not_met(clause, message, default="D6", **facts)


def in_history(as_of: dt.date, policy: Policy) -> bool:
    """Whether issued certificates show in the registration history on ``as_of`` (``credit.record``)."""
    return as_of >= policy.on(as_of).registration_history_from


def issued_finding(
    issued: dt.date | None, as_of: dt.date, otherwise: str, policy: Policy, facts: Mapping[str, Any]
) -> Finding:
    """An issued certificate: ``credit.record`` once the registration history shows it, else ``otherwise``
    (the clause that was waiting for it)."""
    recorded = in_history(as_of, policy)
    where = " and shows in the registration history" if recorded else ""
    message = f"The certificate was issued on {issued}{where}."
    return Finding.met("credit.record" if recorded else otherwise, message, **facts, issued=issued)


def overdue_clause(as_of: dt.date, policy: Policy) -> str:
    """The clause an overdue credit fails on ``as_of`` (D6): ``credit.record`` once the registration history
    shows certificates (what it lacks is the record), else ``credit.processing``. The bulk answers cite it too."""
    return "credit.record" if in_history(as_of, policy) else "credit.processing"


def _year_long(value: object) -> YearLong | None:
    if value is None:
        return None
    from .yearlong import YearLong  # imported only when a program's packets are given

    if not isinstance(value, YearLong):
        raise InvalidInputError("year_long", value, "a YearLong (the program's packets) or None")
    return value


def _standing(
    application: CreditApplication, year_long: YearLong, as_of: dt.date | None, policy: Policy
) -> PacketStanding:
    from .yearlong import packet_standing

    att = application.attendance
    return packet_standing(att.participant, att.dates, application.issued, year_long, as_of=as_of, policy=policy)


def _packet_window(standing: PacketStanding, policy: Policy) -> ProcessingWindow | None:
    if standing.arrived is None or standing.earliest is None or standing.latest is None:
        return None
    clause = standing.batches[0].clause  # a packet is in only for the one packet of the attended meetings
    return _window(
        start=standing.arrived,
        earliest=standing.earliest,
        latest=standing.latest,
        clause=clause,
        default="D14",
        policy=policy.stamp,
    )


class ApplicationSummary(NamedTuple):
    """The dates and status of one application, without explanations (see :func:`application_summaries`).

    For a year-long participant (D14) ``deadline`` is the packet's due date
    (``None`` when the attended meetings are in no single packet), ``on_time``
    whether the packet holding the application went in by it, ``earliest`` and
    ``latest`` when credit is expected, and ``packet`` the packet's label.

    >>> from ceurules import Attendance, CreditApplication, application_summaries
    >>> app = CreditApplication(attendance=Attendance(participant="Ann", dates=["2026-11-20"]))
    >>> summary = application_summaries([app], as_of="2026-12-01")[0]
    >>> summary.participant, summary.deadline, summary.status.value
    ('Ann', datetime.date(2026, 12, 20), 'not yet complete')
    """

    participant: str
    deadline: dt.date | None
    on_time: bool | None  # None: not yet applied and paid by as_of (year-long: not yet in a packet)
    earliest: dt.date | None
    latest: dt.date | None
    status: Status
    packet: str | None = None

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form: dates as ISO text, the status in words.

        >>> from ceurules import Attendance, CreditApplication, application_summaries
        >>> app = CreditApplication(attendance=Attendance(participant="Ann", dates=["2026-11-20"]))
        >>> application_summaries([app], as_of="2026-12-01")[0].to_dict()["deadline"]
        '2026-12-20'
        """
        data: dict[str, JSON] = plain(self._asdict())
        return data


def application_summaries(
    applications: Iterable[CreditApplication],
    *,
    as_of: dt.date,
    policy: Policy = DEFAULT,
    year_long: YearLong | None = None,
) -> list[ApplicationSummary]:
    """Deadline, processing window and status of many applications at once, as of ``as_of``.

    The same answers as :func:`application_deadline`, :func:`processing_window`
    and :func:`credit_status`, without building findings: for checking every
    application of a state in one go. Use :func:`check_credit_application` to
    explain any one of them. With ``year_long`` (the applications are of one
    year-long program) every answer comes from :func:`~ceurules.packet_standing` (D14).

    >>> from datetime import date
    >>> from ceurules import application_summaries
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> [(s.participant, s.status.value) for s in application_summaries(pf.applications, as_of=date(2027, 1, 20))]
    [('Jordan Lee', 'issued'), ('Riley Chen', 'in processing')]
    """
    policy = check_policy(policy)
    as_of = to_date(as_of, "as_of")
    year_long = _year_long(year_long)
    # each rule asked once per distinct day: rows of a day share its answer and its date objects
    deadline_of = Memo(deadline_rule(policy=policy)).__getitem__
    posting = Memo(posting_dates(policy=policy)).__getitem__
    applications = to_list(applications, "applications", "a list of credit applications")
    out: list[ApplicationSummary] = []
    with collection_paused():  # the results are kept: no full collector passes over them (see _gc)
        for i, app in enumerate(applications):
            if app.__class__ is not CreditApplication and not isinstance(app, CreditApplication):  # exact class: fast
                raise InvalidInputError(f"applications[{i}]", app, "a CreditApplication")
            att = app.attendance
            if year_long is not None:
                out.append(_packet_summary(app, year_long, as_of, policy))
                continue
            deadline = deadline_of(att.window_anchor)
            if deadline > LAST_DAY:
                raise InvalidInputError(f"applications[{i}]", app, f"{_DEADLINE} in the years 1900-2199")
            paid = app.payment.paid if app.payment is not None else None
            try:
                answer = summarise(deadline, att.dates[0], app.submitted, paid, app.issued, as_of, posting)
            except InvalidInputError:  # the count leaves the years the calendar covers
                raise InvalidInputError(f"applications[{i}]", app, f"{_POSTING} in the years 1900-2199") from None
            out.append(ApplicationSummary(att.participant, *answer))
    return out


#: deadline, on time, earliest and latest posting, status: one application's summary without explanations.
SummaryDates = tuple[dt.date, bool | None, dt.date | None, dt.date | None, Status]


_POSTING_PARAMETERS = ("calendar", "processing_earliest_business_days", "processing_latest_business_days")


def posting_dates(*, policy: Policy) -> Callable[[dt.date], tuple[dt.date, dt.date]]:
    """The rule of ``credit.processing`` (D6, with D2's clock rule): earliest and latest expected posting
    for a file complete on a day, with the bounds in force on that day (D13)."""
    if policy.is_dated(*_POSTING_PARAMETERS):
        return lambda complete: _posting_in_force(policy.on(complete))(complete)
    return _posting_in_force(policy)


def _posting_in_force(policy: Policy) -> Callable[[dt.date], tuple[dt.date, dt.date]]:
    add = policy.calendar.add_business_days
    early, late = policy.processing_earliest_business_days, policy.processing_latest_business_days
    return lambda complete: _posting_dates(complete, add, early, late)


def summarise(
    deadline: dt.date,
    first_day: dt.date,
    submitted: dt.date | None,
    paid: dt.date | None,
    issued: dt.date | None,
    as_of: dt.date,
    posting: Callable[[dt.date], tuple[dt.date, dt.date]],
) -> SummaryDates:
    """The bulk rule for one application: its deadline, whether it was on time, its posting window and status.

    Shared by :func:`application_summaries` and :func:`~ceurules.application_columns`. An application
    outside the window (:func:`window_missed`) has no posting window, unless its certificate was issued.
    """
    submitted, paid, issued = in_by(submitted, as_of), in_by(paid, as_of), in_by(issued, as_of)
    complete = complete_on(submitted, paid)
    in_time = on_time(first_day, deadline, submitted, paid)
    if not _issued_by(complete, issued) and window_missed(first_day, deadline, submitted, paid, as_of):
        return deadline, in_time, None, None, Status.OUTSIDE_WINDOW
    return (deadline, in_time, *processing(complete, issued, as_of, posting))


def _issued_by(complete: dt.date | None, issued: dt.date | None) -> bool:
    """Whether the certificate of a complete application shows as issued (both as they stand on a day,
    ``credit.record``)."""
    return complete is not None and issued is not None


def window_missed(
    first_day: dt.date, deadline: dt.date, submitted: dt.date | None, paid: dt.date | None, as_of: dt.date | None
) -> bool:
    """Whether ``credit.window`` has failed on ``as_of`` (D4, D5): applied or paid before the first attended
    day or after the deadline, or the window closed with the application or the payment still missing on
    ``as_of``. ``submitted`` and ``paid`` are as they stand on ``as_of`` (:func:`arrived`,
    :func:`~ceurules.decisions.in_by`): every caller has already set a day after it to ``None``.

    When it has, the check's finding (:func:`window_finding`) fails ``credit.window`` too, and says why.
    """
    days = [day for day in (submitted, paid) if day is not None]
    if any(window_breach(first_day, deadline, day) for day in days):
        return True
    return len(days) < 2 and as_of is not None and as_of > deadline


def on_time(first_day: dt.date, deadline: dt.date, submitted: dt.date | None, paid: dt.date | None) -> bool | None:
    """Whether the application and the payment both came in the window (``credit.window``, D4, D5):
    not before the first attended day, not after the deadline. ``None`` until both are in: the answers as of a
    day pass the dates in by then (:func:`~ceurules.decisions.in_by`), :func:`is_on_time` every date given."""
    if submitted is None or paid is None:
        return None
    return window_breach(first_day, deadline, submitted) is None and window_breach(first_day, deadline, paid) is None


def processing(
    complete: dt.date | None,
    issued: dt.date | None,
    as_of: dt.date,
    posting: Callable[[dt.date], tuple[dt.date, dt.date]],
) -> tuple[dt.date | None, dt.date | None, Status]:
    """Earliest and latest posting and the status on ``as_of`` (``credit.processing``, ``credit.record``, D6) of
    an application complete on ``complete`` and issued on ``issued``, both as they stand on ``as_of``
    (:func:`~ceurules.decisions.in_by`): ``None`` while not yet in."""
    if complete is None:
        return None, None, Status.NOT_COMPLETE
    earliest, latest = posting(complete)
    return earliest, latest, _status(issued, latest, as_of)


def is_on_time(application: object, *, policy: Policy = DEFAULT, year_long: YearLong | None = None) -> bool:
    """Whether the application and the payment both came in the window (``credit.window``, D4, D5); for a
    year-long participant (``year_long``), whether their packet went in by its due date (D14). Never raises:
    an application not yet complete, or anything that is not a :class:`CreditApplication`, is ``False``.

    >>> from ceurules import is_on_time
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> is_on_time(pf.applications[0]), is_on_time("not an application")
    (True, False)
    """
    if not isinstance(application, CreditApplication):
        return False
    try:
        policy, packets = check_policy(policy), _year_long(year_long)
        if packets is not None:
            return _standing(application, packets, None, policy).on_time is True
        att, paid = application.attendance, application.payment.paid if application.payment else None
        deadline = deadline_rule(policy=policy)(att.window_anchor)
        return on_time(att.dates[0], deadline, application.submitted, paid) is True
    except CeuRulesError:
        return False


def _packet_summary(app: CreditApplication, year_long: YearLong, as_of: dt.date, policy: Policy) -> ApplicationSummary:
    s = _standing(app, year_long, as_of, policy)
    label = s.batch.label if s.batch else None
    return ApplicationSummary(app.participant, s.due, s.on_time, s.earliest, s.latest, s.status, label)


def completing_field(application: CreditApplication) -> str:
    """The field that made the application complete: ``submitted`` or ``paid`` (the later one)."""
    return "submitted" if application.complete_on == application.submitted else "paid"


def window_default(*, early: bool, certificate: bool) -> str:
    """The default a ``credit.window`` citation names: D5 when the participant applied or paid before attending
    (``early``) or a certificate date anchors the window, else D4 (the last session day alone)."""
    return "D5" if early or certificate else "D4"


def window_citation(application: CreditApplication, policy: Policy) -> tuple[dt.date, str]:
    """The deadline of ``credit.window`` for one application and the default its finding cites: D5 when the
    participant applied or paid before attending or the certificate date anchors the window, else D4.

    The credit check (:func:`window_finding`, which counts only the days in by its ``as_of``) and the
    participant's timeline both cite from here.
    """
    return _citation(application, arrived(application, None), policy)


def _citation(application: CreditApplication, days: Arrived, policy: Policy) -> tuple[dt.date, str]:
    """:func:`window_citation` from the application's dates as they stand on the day (:func:`arrived`)."""
    att = application.attendance
    field = "attended" if att.certificate_date is None else "certificate_date"
    deadline = in_range(deadline_rule(policy=policy)(att.window_anchor), field, att.window_anchor, _DEADLINE)
    submitted, paid, _ = days
    early = any(window_breach(att.dates[0], deadline, day) == "early" for day in (submitted, paid) if day is not None)
    return deadline, window_default(early=early, certificate=att.certificate_date is not None)


def window_finding(application: CreditApplication, as_of: dt.date | None, policy: Policy) -> Finding:
    """The ``credit.window`` finding of one application, its deadline in ``facts["deadline"]``. With ``as_of``
    only the days in by then count (:func:`arrived`): a day after it is not yet a breach."""
    days = arrived(application, as_of)
    return _window_finding(application, days, _citation(application, days, policy), as_of, policy)


def _window_finding(
    application: CreditApplication, days: Arrived, citation: tuple[dt.date, str], as_of: dt.date | None, policy: Policy
) -> Finding:
    """:func:`window_finding` from the dates in by ``as_of`` (:func:`arrived`) and their :func:`_citation`."""
    att = application.attendance
    deadline, cite = citation
    paid = application.payment.paid if application.payment else None
    submitted_by, paid_by, _ = days
    facts: dict[str, object] = {
        "anchor": att.window_anchor,
        "anchor_is": "certificate date" if att.certificate_date else "last session day",
        "deadline": deadline,
        "submitted": application.submitted,
        "paid": paid,
        **policy.dated_facts(att.window_anchor, "application_window"),
    }
    given = [("applied", "submitted", submitted_by), ("paid", "paid", paid_by)]
    breaches = [
        (window_breach(att.dates[0], deadline, day), f"{what} on {day}", field)
        for what, field, day in given
        if day is not None
    ]
    if any(kind for kind, _, _ in breaches):
        return _breach_finding(breaches, att.dates[0], facts, cite)
    return _window_open_or_closed(complete_on(submitted_by, paid_by), as_of, deadline, facts, cite)


def _breach_finding(
    breaches: list[tuple[str | None, str, str]], first_day: dt.date, facts: dict[str, object], cite: str
) -> Finding:
    """Applying or paying before attending (D5) or after the deadline (D4) fails ``credit.window``; the
    finding names, as ``about``, the application's field (``submitted`` or ``paid``) that broke it first."""
    early = [(text, field) for kind, text, field in breaches if kind == "early"]
    late = [(text, field) for kind, text, field in breaches if kind == "late"]
    said = " and ".join(text for text, _ in early or late)
    about = (early or late)[0][1]
    if early:
        message = f"The participant {said}, before attending ({first_day})."
    else:
        message = f"The participant {said}, after the deadline {facts['deadline']} ({facts['anchor_is']} + window)."
    return Finding.not_met("credit.window", message, default=cite, about=about, **facts)


def _window_open_or_closed(
    complete: dt.date | None, as_of: dt.date | None, deadline: dt.date, facts: dict[str, object], cite: str
) -> Finding:
    """No breach: applied and paid in the window, the window closed unused on ``as_of``, or still open."""
    if complete is not None:
        message = f"Applied and paid by {complete}, within the window ending {deadline}."
        return Finding.met("credit.window", message, default=cite, **facts)
    if as_of is not None and as_of > deadline:
        message = f"The window closed on {deadline} without both the application and the payment."
        return Finding.not_met("credit.window", message, default=cite, **facts, as_of=as_of)
    message = f"The participant has until {deadline} to apply and pay."
    return Finding.note("credit.window", message, default=cite, **facts)


def check_credit_application(
    application: CreditApplication,
    *,
    approval: Approval | None,
    as_of: dt.date | None = None,
    policy: Policy = DEFAULT,
    year_long: YearLong | None = None,
    offered: Iterable[dt.date | str] | None = None,
) -> Decision:
    """Check one participant's application against every ``credit.*`` clause.

    ``approval`` is the program's approval (``None``: not approved); for a
    program not yet approved, ``offered`` (its offering dates) flags attended
    dates outside them, as the approval will (``approval.dates``). With
    ``as_of`` the processing status on that day is reported too, and a
    window that has closed unused fails. For a participant of a year-long
    program pass ``year_long`` (its packets): the application is then judged
    by its packet (D14) instead of ``credit.window`` and ``credit.processing``.

    >>> from datetime import date
    >>> from ceurules import check_credit_application
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> decision = check_credit_application(pf.applications[0], approval=pf.approval, as_of=date(2027, 1, 20))
    >>> decision.verdict_label
    'pass'
    """
    policy = check_policy(policy)
    application = _application(application)
    if approval is not None and not isinstance(approval, Approval):
        raise InvalidInputError("approval", approval, "an Approval or None")
    as_of = to_optional_date(as_of, "as_of")
    year_long = _year_long(year_long)
    offering_dates = None if offered is None else to_dates(offered, "offered")
    att = application.attendance
    findings = [*_approval_findings(approval, att, offering_dates, as_of), *_certificate_findings(att, as_of)]
    if year_long is not None:
        findings += _packet_path(application, year_long, as_of, policy)
    else:
        findings += _window_path(application, as_of, policy)
    return Decision(topic="credit application", subject=att.participant, findings=findings, policy=policy.stamp)


def _approval_findings(
    approval: Approval | None, att: Attendance, offered: tuple[dt.date, ...] | None, as_of: dt.date | None
) -> list[Finding]:
    """Only an approved program has a credit-application link (``credit.link``), and credit covers only its
    approved dates (``approval.dates``): before approval, the dates it is asked for (the offering dates).
    An approval dated after the day of the check is not yet given on it (:func:`_link_findings`)."""
    if approval is None:
        message = "The program is not approved, so there is no credit-application link to apply through."
        link = Finding.not_met("credit.link", message, approved=False)
        asked = frozenset(offered or ())
        outside = [d for d in att.dates if d not in asked] if offered is not None else []
        if not outside:
            return [link]
        message = (
            "Attended date(s) that are not offering dates, which an approval would not cover: "
            + ", ".join(map(str, outside))
            + "."
        )
        facts: dict[str, Any] = {"attended": list(att.dates), "offered": list(offered or ()), "uncovered": outside}
        return [link, Finding.not_met("approval.dates", message, **facts)]
    links = _link_findings(approval, as_of)
    approved = frozenset(approval.dates)
    uncovered = [d for d in att.dates if d not in approved]
    facts = {"attended": list(att.dates), "approved": list(approval.dates), "uncovered": uncovered}
    if uncovered:
        message = "Attended date(s) not covered by the approval: " + ", ".join(map(str, uncovered)) + "."
        return [*links, Finding.not_met("approval.dates", message, **facts)]
    return [*links, Finding.met("approval.dates", "Every attended date is an approved date.", **facts)]


def _link_findings(approval: Approval, as_of: dt.date | None) -> list[Finding]:
    """The link of an approved program (``credit.link``); an approval dated after the day of the check is not
    yet given on it (:func:`~ceurules.decisions.in_by`): a note says so, and the link is not yet there."""
    later = not_yet_in({"approved_on": approval.approved_on}, as_of, "credit.link", None)
    if later:
        return later
    message = "The program is approved; the facilitator passes on the credit-application link."
    return [Finding.met("credit.link", message, approved=True, approved_on=approval.approved_on)]


def _certificate_findings(att: Attendance, as_of: dt.date | None) -> list[Finding]:
    """A participant who completed receives a certificate of completion (``credit.certificate``); on a day
    before the last day attended or the certificate's date (:func:`~ceurules.decisions.in_by`), it is not yet
    due (one who did not complete fails whenever), and a note on each later date says so."""
    dated = {"attended": att.dates, "certificate_date": att.certificate_date}
    notes = not_yet_in(dated, as_of, "credit.certificate", None)
    if not notes or not att.completed:  # not completing is not met whenever it is said
        return [*notes, _certificate_finding(att)]
    facts: dict[str, Any] = {"completed": att.completed, "certificate_date": att.certificate_date, "as_of": as_of}
    message = f"Not yet due on the day of the check ({as_of}): the certificate follows completion, on {att.last_day}."
    return [*notes, Finding.note("credit.certificate", message, pending=True, **facts)]


def _certificate_finding(att: Attendance) -> Finding:
    """A participant who completed receives a certificate of completion (``credit.certificate``)."""
    facts: dict[str, Any] = {"completed": att.completed, "certificate_date": att.certificate_date}
    if not att.completed:
        message = "The participant did not complete the training, so no certificate is due."
        return Finding.not_met("credit.certificate", message, **facts)
    dated = f" dated {att.certificate_date}." if att.certificate_date else "."
    message = "The participant completed and receives a certificate of completion" + dated
    return Finding.met("credit.certificate", message, **facts)


def _packet_path(
    application: CreditApplication, year_long: YearLong, as_of: dt.date | None, policy: Policy
) -> list[Finding]:
    """A year-long participant: the packet decides, never the 30-day window (D14)."""
    from .yearlong import packet_findings, sent_after_packet, sent_before, status_finding

    standing, att = _standing(application, year_long, as_of, policy), application.attendance
    what = "The CEU application"
    findings = sent_before(application.submitted, att.dates, as_of, what=what, clause=standing.clause)
    findings += sent_after_packet(application.submitted, standing.arrived, as_of, clause=standing.clause)
    findings += packet_findings(standing, application.participant, as_of=as_of, year_long=year_long)
    if as_of is not None:
        status = status_finding(standing, as_of=as_of, policy=policy)
        if standing.status is not Status.NOT_IN_PACKET:  # in no packet yet: the packet finding says so already
            findings.append(status)
        findings += _not_yet_in(application, as_of, ("submitted", "paid", "issued"), status.clause, "D14")
    return findings


def _window_path(application: CreditApplication, as_of: dt.date | None, policy: Policy) -> list[Finding]:
    """A single-workshop participant: proof with the application, the window, then processing."""
    findings = []
    if in_by(application.submitted, as_of) is not None:
        findings.append(_proof_finding(application))
    findings += _not_yet_in(application, as_of, ("submitted", "paid", "issued"), "credit.processing", "D6")
    status = None if as_of is None else credit_status(application, as_of=as_of, policy=policy)
    if status is not None and status.status is Status.OUTSIDE_WINDOW:
        return [*findings, status.finding]  # the window's own finding: it failed, and processing never began
    findings.append(window_finding(application, as_of, policy))
    return findings if status is None else [*findings, status.finding]


def _proof_finding(application: CreditApplication) -> Finding:
    """An application carries proof of attendance (``credit.proof``)."""
    if application.proof_uploaded:
        return Finding.met("credit.proof", "Proof of attendance is uploaded with the application.", proof_uploaded=True)
    message = "The application has no proof of attendance uploaded."
    return Finding.not_met("credit.proof", message, proof_uploaded=False)


def _not_yet_in(
    application: CreditApplication, as_of: dt.date | None, fields: Iterable[str], clause: str, default: str
) -> list[Finding]:
    """A date after the day of the check has not happened yet on that day (:func:`~ceurules.decisions.in_by`):
    it counts as not yet in, and a note on its field (``about``) says so, citing the clause that waits for it
    (``credit.processing``, D6: processing starts once both are in; a year-long packet's clause, D14)."""
    paid = application.payment.paid if application.payment else None
    given = {"submitted": application.submitted, "paid": paid, "issued": application.issued}
    return not_yet_in({field: given[field] for field in fields}, as_of, clause, default)
