"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from ceurules import (
    DEFAULT_POLICY,
    ActivityType,
    Agenda,
    ApprovalRequest,
    Attendance,
    BusinessCalendar,
    Change,
    CourseCriteria,
    CreditApplication,
    Documents,
    Instructor,
    Payment,
    Policy,
    Program,
    Rounding,
    Segment,
    SegmentKind,
    Source,
    WaiverRequest,
)

#: Dates the library promises to handle (1970-2100).
dates = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2100, 12, 31))

#: Dates that tend to break date code: leap days, year ends, days around the big holidays.
EDGE_DATES = [
    dt.date(2024, 2, 29),
    dt.date(2026, 12, 31),
    dt.date(2027, 1, 1),
    dt.date(2026, 11, 25),
    dt.date(2026, 11, 26),
    dt.date(2026, 11, 27),
    dt.date(2026, 12, 24),
    dt.date(2026, 12, 25),
    dt.date(2100, 12, 31),
    dt.date(1970, 1, 1),
]

edge_or_any_date = st.one_of(st.sampled_from(EDGE_DATES), dates)

#: Contact time as whole minutes (up to two working weeks).
minutes = st.integers(min_value=0, max_value=60 * 80)


@st.composite
def agendas(draw: st.DrawFn, *, max_segments: int = 8) -> Agenda:
    """A valid undated agenda: segments one after another inside one day, gaps allowed."""
    count = draw(st.integers(min_value=0, max_value=max_segments))
    start = draw(st.integers(min_value=6 * 60, max_value=9 * 60))
    segments = []
    for _ in range(count):
        start += draw(st.integers(min_value=0, max_value=30))
        length = draw(st.integers(min_value=5, max_value=120))
        end = start + length
        if end >= 24 * 60:
            break
        kind = draw(st.sampled_from(list(SegmentKind)))
        segments.append(Segment(kind=kind, start=dt.time(start // 60, start % 60), end=dt.time(end // 60, end % 60)))
        start = end
    return Agenda(segments=segments)


criteria = st.builds(
    CourseCriteria,
    organized=st.none() | st.booleans(),
    need=st.none() | st.booleans(),
    objective=st.none() | st.booleans(),
    instructors=st.none() | st.booleans(),
    performance=st.none() | st.booleans(),
    evaluation=st.none() | st.booleans(),
)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    """A valid program of any activity type."""
    activity = draw(st.sampled_from(list(ActivityType)))
    label = draw(st.text(min_size=1, max_size=20).filter(str.strip)) if activity is ActivityType.OTHER else None
    return Program(
        title=draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        activity=activity,
        activity_label=label,
        academic_credit=draw(st.booleans()),
        criteria=draw(criteria),
        offering_dates=draw(st.lists(dates, max_size=5, unique=True)),
        agenda=draw(agendas()),
        contact_hours=draw(st.none() | st.decimals(min_value=0, max_value=200, places=2)),
        instructors=[Instructor(name=n) for n in draw(st.lists(st.sampled_from(["Ana", "Bo", "Cy"]), unique=True))],
    )


#: School-year meeting lists: distinct dates, 1990-2040.
meeting_lists = st.lists(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)), unique=True, max_size=40
)


@st.composite
def requests(draw: st.DrawFn) -> ApprovalRequest:
    """An approval request for a program with at least one offering date, any documents, maybe a waiver."""
    program = draw(programs().filter(lambda p: bool(p.offering_dates)))
    names = [p.name for p in program.instructors]
    documents = Documents(
        approval_form=draw(st.booleans()),
        timed_agenda=draw(st.booleans()),
        vitas=draw(st.lists(st.sampled_from(names), unique=True)) if names else [],
        brochure=draw(st.booleans()),
        flyer=draw(st.booleans()),
        website=draw(st.none() | st.just("https://example.org")),
    )
    waiver = draw(st.none() | st.just(WaiverRequest(circumstances="storm damage")))
    received = program.offering_dates[0] + dt.timedelta(days=draw(st.integers(min_value=-60, max_value=10)))
    return ApprovalRequest(program=program, received=received, documents=documents, waiver=waiver)


@st.composite
def applications(draw: st.DrawFn) -> CreditApplication:
    """A participant's credit application at any stage: not yet applied, paid, issued."""
    first = draw(st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2090, 12, 31)))
    days = sorted({first + dt.timedelta(days=k) for k in draw(st.lists(st.integers(0, 5), min_size=1, max_size=3))})
    certificate = draw(st.none() | st.just(days[-1] + dt.timedelta(days=draw(st.integers(0, 3)))))
    attendance = Attendance(participant="P", dates=days, completed=draw(st.booleans()), certificate_date=certificate)
    submitted = draw(st.none() | st.integers(0, 60).map(lambda k: days[-1] + dt.timedelta(days=k)))
    paid = draw(st.none() | st.integers(0, 60).map(lambda k: days[-1] + dt.timedelta(days=k)))
    issued = None
    if submitted is not None and paid is not None and draw(st.booleans()):
        issued = max(submitted, paid) + dt.timedelta(days=draw(st.integers(0, 30)))
    return CreditApplication(
        attendance=attendance,
        submitted=submitted,
        proof_uploaded=draw(st.booleans()),
        payment=None if paid is None else Payment(paid=paid),
        issued=issued,
    )


#: Policy variants an agency might adopt: lead time, rounding, window, calendar.
policies = st.builds(
    lambda lead, rounding, window, federal: attrs.evolve(
        DEFAULT_POLICY,
        lead_time_days=lead,
        ceu_rounding=rounding,
        application_window=window,
        calendar=BusinessCalendar(subdivision=None) if federal else DEFAULT_POLICY.calendar,
    ),
    st.integers(min_value=0, max_value=45),
    st.sampled_from(list(Rounding)),
    st.sampled_from([relativedelta(days=30), relativedelta(months=1), relativedelta(days=45)]),
    st.booleans(),
)


def _changes(draw: st.DrawFn) -> list[Change]:
    """Dated new values of a few parameters, each valid on its own."""
    options = {
        "lead_time_days": st.integers(0, 60),
        "review_business_days": st.integers(0, 10),
        "application_window": st.sampled_from([relativedelta(days=45), relativedelta(months=2), 20]),
        "minimum_contact_hours": st.decimals(min_value=0, max_value=20, places=2),
        "ceu_rounding": st.sampled_from(list(Rounding)),
        "registration_history_from": dates,
        "contact_kinds": st.sets(st.sampled_from(list(SegmentKind)), min_size=1),
        "calendar": st.just(BusinessCalendar(country="US", subdivision=None)),
    }
    names = draw(st.lists(st.sampled_from(sorted(options)), max_size=3, unique=True))
    return [
        Change(parameter=name, effective=draw(dates), value=draw(options[name]), source=draw(st.none() | sources))
        for name in names
    ]


_texts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20)
sources = st.builds(
    Source,
    document=_texts.filter(str.strip),
    section=st.none() | _texts.filter(str.strip),
    retrieved=st.none() | dates,
    url=st.none() | _texts.map(lambda t: "https://example.org/" + t),
)


@st.composite
def policy_documents(draw: st.DrawFn) -> Policy:
    """Any policy a policy file can hold: the variants above, dated changes, sources, odd decimals."""
    base = draw(policies)
    return attrs.evolve(
        base,
        name=draw(_texts),
        contact_hours_per_ceu=draw(st.decimals(min_value="0.5", max_value=100, places=3)),
        ceu_increment=draw(st.sampled_from([Decimal("0.1"), Decimal("0.25"), Decimal(1), Decimal("0.010")])),
        first_award=draw(st.sampled_from([Decimal(0), Decimal(1), Decimal("1.5")])),
        sum_segments=draw(st.booleans()),
        unit_name=draw(_texts.filter(str.strip).map(str.strip)),
        unit_abbreviation=draw(_texts.filter(str.strip).map(str.strip)),
        semi_osl_delay=draw(st.sampled_from([relativedelta(days=30), relativedelta(years=1, months=2, days=3)])),
        changes=_changes(draw),
        sources=draw(
            st.dictionaries(st.sampled_from(["lead_time_days", "calendar", "semi_osl_delay"]), sources, max_size=2)
        ),
    )


@st.composite
def any_applications(draw: st.DrawFn) -> CreditApplication:
    """Applications at any stage, including applying or paying before the first attended day (D5)."""
    first = draw(st.sampled_from(EDGE_DATES) | st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2088, 12, 31)))
    days = sorted({first + dt.timedelta(days=k) for k in draw(st.lists(st.integers(0, 5), min_size=1, max_size=3))})
    certificate = draw(st.none() | st.just(days[-1] + dt.timedelta(days=draw(st.integers(0, 3)))))
    attendance = Attendance(participant="P", dates=days, certificate_date=certificate)
    offsets = st.none() | st.integers(-10, 70).map(lambda k: days[0] + dt.timedelta(days=k))
    submitted, paid = draw(offsets), draw(offsets)
    issued = None
    if submitted is not None and paid is not None and draw(st.booleans()):
        issued = max(submitted, paid) + dt.timedelta(days=draw(st.integers(0, 30)))
    payment = None if paid is None else Payment(paid=paid)
    return CreditApplication(attendance=attendance, submitted=submitted, payment=payment, issued=issued)


@st.composite
def dated_credit_policies(draw: st.DrawFn) -> Policy:
    """Policies whose credit parameters change on dates: window, processing bounds, calendar."""
    base = draw(policies)
    options = {
        "application_window": st.sampled_from([relativedelta(days=45), relativedelta(months=1), 10]),
        "processing_earliest_business_days": st.integers(0, 7),
        "processing_latest_business_days": st.integers(10, 20),
        "calendar": st.just(BusinessCalendar(subdivision=None, extra_closures=[dt.date(2026, 12, 24)])),
        "registration_history_from": dates,
    }
    changes = [
        Change(parameter=name, effective=draw(st.sampled_from(EDGE_DATES) | dates), value=draw(options[name]))
        for name in draw(st.lists(st.sampled_from(sorted(options)), max_size=4, unique=True))
    ]
    return attrs.evolve(base, changes=changes)
