"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ceurules import ActivityType, Agenda, CourseCriteria, Instructor, Program, Segment, SegmentKind

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
