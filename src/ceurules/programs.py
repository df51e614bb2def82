"""Programs: what is offered, to whom, when, and against which criteria.

The activity types are the ones the policy names, grouped by the clause that
names them, plus :attr:`ActivityType.OTHER` with a free-text label for anything
else (which then needs review, D11).
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from . import _convert as to
from . import _display as show
from ._convert import check_str, each_item, minutes_duration, to_dates
from ._value import Value
from .agenda import Agenda, Segment
from .errors import InvalidInputError

if TYPE_CHECKING:
    from decimal import Decimal

    from .policy import Policy

__all__ = ["ActivityType", "CourseCriteria", "Instructor", "Program"]


class ActivityType(enum.Enum):
    """Kinds of activity the policy names, and ``OTHER`` for the rest.

    >>> from ceurules import ActivityType
    >>> ActivityType.parse("short course")
    <ActivityType.SHORT_COURSE: 'short course'>
    """

    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    SHORT_COURSE = "short course"
    CERTIFICATE_PROGRAM = "certificate program"
    EDUCATIONAL_TRAINING = "educational training"
    ONLINE_INDEPENDENT_STUDY = "supervised online independent study"
    DIRECTED_READING = "directed reading"
    PROJECT_BASED_ASSIGNMENT = "project-based assignment"
    LICENSE_RENEWAL = "license renewal"
    PARAPROFESSIONAL_TRAINING = "paraprofessional training"
    COMMITTEE_MEETING = "committee meeting"
    BUSINESS_MEETING = "business meeting"
    ENTERTAINMENT = "entertainment"
    RECREATION = "recreation"
    ATHLETICS = "athletics"
    CULTURAL_PERFORMANCE = "cultural performance"
    SOCIAL_EVENT = "social event"
    WORK_EXPERIENCE = "work experience"
    ON_THE_JOB_TRAINING = "on-the-job training"
    APPRENTICESHIP = "apprenticeship"
    OTHER = "other"

    @property
    def clause(self) -> str | None:
        """The clause that names this type (``None`` for ``OTHER``)."""
        return ACTIVITY_CLAUSES.get(self)

    @property
    def needs_meeting_time(self) -> bool:
        """Whether the type qualifies only with a scheduled meeting time."""
        return self.clause == "program.eligible.format"

    @classmethod
    def parse(cls, value: object, field: str = "activity") -> ActivityType:
        """The type from its value (``"short course"``), name (``"SHORT_COURSE"``) or itself."""
        if isinstance(value, ActivityType):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace("_", " ")
            for member in cls:
                if key in (member.value, member.value.replace("-", " "), member.name.lower().replace("_", " ")):
                    return member
        choices = ", ".join(repr(m.value) for m in cls)
        raise InvalidInputError(field, value, f"one of {choices}")


ACTIVITY_CLAUSES: dict[ActivityType, str] = {
    **dict.fromkeys(
        (
            ActivityType.SEMINAR,
            ActivityType.WORKSHOP,
            ActivityType.SHORT_COURSE,
            ActivityType.CERTIFICATE_PROGRAM,
            ActivityType.EDUCATIONAL_TRAINING,
        ),
        "program.eligible.format",
    ),
    **dict.fromkeys(
        (
            ActivityType.ONLINE_INDEPENDENT_STUDY,
            ActivityType.DIRECTED_READING,
            ActivityType.PROJECT_BASED_ASSIGNMENT,
        ),
        "program.eligible.method",
    ),
    **dict.fromkeys((ActivityType.LICENSE_RENEWAL, ActivityType.PARAPROFESSIONAL_TRAINING), "program.eligible.license"),
    **dict.fromkeys((ActivityType.COMMITTEE_MEETING, ActivityType.BUSINESS_MEETING), "program.ineligible.meeting"),
    **dict.fromkeys(
        (ActivityType.ENTERTAINMENT, ActivityType.RECREATION, ActivityType.ATHLETICS),
        "program.ineligible.recreation",
    ),
    **dict.fromkeys((ActivityType.CULTURAL_PERFORMANCE, ActivityType.SOCIAL_EVENT), "program.ineligible.social"),
    **dict.fromkeys(
        (ActivityType.WORK_EXPERIENCE, ActivityType.ON_THE_JOB_TRAINING, ActivityType.APPRENTICESHIP),
        "program.ineligible.work",
    ),
}


def _stated(instance: object, attribute: attrs.Attribute[bool | None], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidInputError(attribute.name, value, "true, false, or left out (not stated)")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class CourseCriteria(Value):
    """The six course criteria of ``course.*``; ``None`` means the program does not say.

    >>> from ceurules import CourseCriteria
    >>> CourseCriteria.all_met().evaluation, CourseCriteria(need=True).organized
    (True, None)
    """

    organized: bool | None = attrs.field(default=None, validator=_stated)
    need: bool | None = attrs.field(default=None, validator=_stated)
    objective: bool | None = attrs.field(default=None, validator=_stated)
    instructors: bool | None = attrs.field(default=None, validator=_stated)
    performance: bool | None = attrs.field(default=None, validator=_stated)
    evaluation: bool | None = attrs.field(default=None, validator=_stated)

    @classmethod
    def all_met(cls) -> CourseCriteria:
        """Every criterion stated as met."""
        return cls(organized=True, need=True, objective=True, instructors=True, performance=True, evaluation=True)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Instructor(Value):
    """An instructor or speaker of a program.

    >>> from ceurules import Instructor
    >>> Instructor(name="Dr. Ada Reyes", qualifications="Ed.D.").name
    'Dr. Ada Reyes'
    """

    name: str = attrs.field(converter=to.text)
    qualifications: str = attrs.field(default="", validator=check_str)


def _instructors(value: Iterable[Instructor | str]) -> tuple[Instructor, ...]:
    given = to.to_list(value, "instructors", "a list of instructors")
    people = tuple(Instructor(name=v) if isinstance(v, str) else v for v in given)
    for i, person in enumerate(people):
        if not isinstance(person, Instructor):
            raise InvalidInputError(f"instructors[{i}]", person, "an Instructor or a name")
    seen: set[str] = set()
    for i, person in enumerate(people):
        if person.name in seen:
            raise InvalidInputError(f"instructors[{i}].name", person.name, "instructor names that are not repeated")
        seen.add(person.name)
    return people


def _activity(value: ActivityType | str) -> ActivityType:
    return ActivityType.parse(value)


def _agenda(value: Agenda | Iterable[Segment]) -> Agenda:
    if isinstance(value, Agenda):
        return value
    return Agenda(segments=value)


def _sessions(value: Iterable[Iterable[dt.date | str]] | None) -> tuple[tuple[dt.date, ...], ...] | None:
    """Sessions as lists of dated days (D15): none shared, each ending before the next begins."""
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInputError("sessions", value, "a list of sessions, each a list of dates")
    sessions = tuple(each_item(list(value), "sessions", to_dates))  # every bad date of every session named
    for i, days in enumerate(sessions):
        if not days:
            raise InvalidInputError(f"sessions[{i}]", days, "a session of one or more dates")
    order = sorted(range(len(sessions)), key=lambda i: sessions[i][0])
    for before, after in itertools.pairwise(order):
        if sessions[after][0] <= sessions[before][-1]:
            raise InvalidInputError(
                f"sessions[{after}]", sessions[after][0], f"a session after {sessions[before][-1]}, when another ends"
            )
    return tuple(sessions[i] for i in order)


def _segment_dict(seg: Segment) -> dict[str, Any]:
    data: dict[str, Any] = {"start": f"{seg.start:%H:%M}", "end": f"{seg.end:%H:%M}", "kind": seg.kind.value}
    if seg.title:
        data["title"] = seg.title
    if seg.day is not None:
        data["day"] = seg.day.isoformat()
    return data


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Program(Value):
    """A continuing-education program as submitted for CEU approval.

    ``offering_dates`` are all the dates the program is held (a repeated
    program lists each, ``approval.dates``); for a year-long program
    (``year_long=True``) they are its meetings. Each offering is a session
    (D15): by default one session per date; a program whose sessions last
    several days lists them in ``sessions`` (each a list of dates), and the
    offering dates are then all their days. ``contact_hours`` states the
    contact time of a program without a timed agenda (independent study,
    directed reading); with an agenda, contact time comes from the agenda.

    >>> from ceurules import Program, ceus
    >>> program = Program(title="Math Night", activity="workshop", offering_dates=["2026-12-15"], contact_hours="3")
    >>> program.first_offering, ceus(program)
    (datetime.date(2026, 12, 15), Decimal('0.3'))
    """

    title: str = attrs.field(converter=to.text)
    activity: ActivityType = attrs.field(converter=_activity)
    activity_label: str | None = attrs.field(default=None, converter=to.optional_text)
    academic_credit: bool = False
    criteria: CourseCriteria = attrs.field(factory=CourseCriteria)
    offering_dates: tuple[dt.date, ...] = attrs.field(default=(), converter=to.dates)
    sessions: tuple[tuple[dt.date, ...], ...] | None = attrs.field(default=None, converter=_sessions)
    agenda: Agenda = attrs.field(factory=Agenda, converter=_agenda)
    contact_hours: Decimal | None = attrs.field(default=None, converter=to.optional_decimal)
    instructors: tuple[Instructor, ...] = attrs.field(default=(), converter=_instructors)
    year_long: bool = False
    offers_semi_osl: bool = False

    def __attrs_post_init__(self) -> None:
        if self.activity is ActivityType.OTHER and not (self.activity_label or "").strip():
            raise InvalidInputError("activity_label", self.activity_label, "a description of the 'other' activity")
        if not isinstance(self.academic_credit, bool):
            raise InvalidInputError("academic_credit", self.academic_credit, "true or false")
        for name in ("year_long", "offers_semi_osl"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidInputError(name, getattr(self, name), "true or false")
        if not isinstance(self.criteria, CourseCriteria):
            raise InvalidInputError("criteria", self.criteria, "a CourseCriteria")
        if self.sessions is not None:
            held = tuple(sorted(d for session in self.sessions for d in session))
            if not self.offering_dates:
                object.__setattr__(self, "offering_dates", held)  # the sessions' days are the offering dates
            elif held != self.offering_dates:
                raise InvalidInputError("sessions", self.sessions, "sessions holding exactly the offering dates")
        days = {seg.day for seg in self.agenda.segments} - {None}
        stray = sorted(d for d in days if d is not None and d not in self.offering_dates)
        if stray:
            offered = ", ".join(map(str, self.offering_dates)) or "none"
            raise InvalidInputError("agenda.day", stray[0], f"one of the offering dates ({offered})")

    @property
    def activity_name(self) -> str:
        """The activity in words: the free-text label for ``OTHER``, else the type."""
        if self.activity is ActivityType.OTHER:
            return self.activity_label or "other"
        return str(self.activity.value)

    @property
    def session_days(self) -> tuple[tuple[dt.date, ...], ...]:
        """The days of each session, in order (D15): one session per offering date unless ``sessions`` says."""
        return self.sessions if self.sessions is not None else tuple((d,) for d in self.offering_dates)

    def session_of(self, day: dt.date) -> tuple[dt.date, ...] | None:
        """The days of the session that holds ``day``, if any."""
        return next((days for days in self.session_days if day in days), None)

    def session_end(self, attended: Iterable[dt.date]) -> dt.date | None:
        """The last day of the session a participant attended (D15): the session of their last attended day."""
        days = sorted(attended)
        session = self.session_of(days[-1]) if days else None
        return session[-1] if session else None

    @property
    def first_offering(self) -> dt.date | None:
        """The earliest offering date, if any."""
        return self.offering_dates[0] if self.offering_dates else None

    def to_dict(self) -> dict[str, Any]:
        """The program as program-file data (JSON-ready); ``load_program`` reads it back."""
        data: dict[str, Any] = {"title": self.title, "activity": self.activity.value}
        if self.activity_label is not None:
            data["activity_label"] = self.activity_label
        data["academic_credit"] = self.academic_credit
        criteria = {name: value for name, value in attrs.asdict(self.criteria).items() if value is not None}
        if criteria:
            data["criteria"] = criteria
        if self.sessions is not None:
            data["sessions"] = [[d.isoformat() for d in days] for days in self.sessions]
        else:
            data["offering_dates"] = [d.isoformat() for d in self.offering_dates]
        if self.agenda.segments:
            data["agenda"] = [_segment_dict(seg) for seg in self.agenda.segments]
        if self.contact_hours is not None:
            data["contact_hours"] = str(self.contact_hours)
        if self.instructors:
            data["instructors"] = [
                {"name": p.name, **({"qualifications": p.qualifications} if p.qualifications else {})}
                for p in self.instructors
            ]
        data["year_long"] = self.year_long
        data["offers_semi_osl"] = self.offers_semi_osl
        return data

    def _agenda_days(self) -> tuple[dt.date, ...] | None:
        """The days of the first session a dated agenda covers (D15); ``None`` for an undated agenda."""
        segments = self.agenda.segments
        if not segments or segments[0].day is None:
            return None
        dated = {seg.day for seg in segments}
        return next(days for days in self.session_days if dated.intersection(days))

    def contact_minutes(self, *, policy: Policy) -> Fraction:
        """Contact time a participant earns in one session, in exact minutes (D8, D15).

        From the agenda when there is one (an undated agenda is one session; a
        dated one counts the days of the first session it covers, since every
        session of a repeated program carries the same agenda), else from
        ``contact_hours``.
        """
        if self.agenda.segments:
            return self.agenda.contact_minutes(policy=policy, days=self._agenda_days())
        if self.contact_hours is not None:
            return policy.undated("minutes_per_contact_hour").hours_to_minutes(self.contact_hours)
        return Fraction(0)

    def contact_time(self, *, policy: Policy) -> dt.timedelta:
        """Contact time a participant earns in one session (as :meth:`contact_minutes`), as a ``timedelta``.

        What :func:`~ceurules.ceus`, :func:`~ceurules.participant_ceus` and
        ``YearLong(meeting_time=...)`` take. Stated hours finer than a
        microsecond are refused, never rounded.
        """
        return minutes_duration(self.contact_minutes(policy=policy), "contact_hours", self.contact_hours)

    def contact_blocks(self, *, policy: Policy) -> tuple[Fraction, ...]:
        """The contact time of one session (as :meth:`contact_minutes`), block by block, in exact minutes.

        A block is a run of counted agenda segments back to back (see
        :meth:`Agenda.contact_blocks`); a program without an agenda is one
        block of its ``contact_hours``. The blocks add up to :meth:`contact_minutes`.
        """
        if self.agenda.segments:
            return self.agenda.contact_blocks(policy=policy, days=self._agenda_days())
        return (self.contact_minutes(policy=policy),)

    def _repr_markdown_(self) -> str:
        return show.sections_markdown(show.program_sections(self))

    def _repr_html_(self) -> str:
        return show.sections_html(show.program_sections(self))
