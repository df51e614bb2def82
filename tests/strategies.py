"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import datetime as dt
import json
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


# --- Hostile program files, as text ------------------------------------------------------------------------------
# Values an attacker (or a broken generator) writes into a program file: numbers past every cap, dates far outside
# the years the library answers for, deep nesting, keys given twice, text that is not Unicode, and many problems at
# once. Each strategy draws the text of a whole file, so the parser, the loader, the rules and the output are all
# exercised together.

_FILE_KEYS = [
    "title", "activity", "activity_label", "academic_credit", "offering_dates", "agenda", "contact_hours",
    "instructors", "year_long", "offers_semi_osl", "approval_request", "approval", "applications", "packets",
    "start", "end", "kind", "received", "dates", "approved_on", "participant", "attended", "paid", "submitted",
    "issued", "certificate_date", "name", "term", "school_year", "sign_ins",
]  # fmt: skip
_HOSTILE_NUMBERS = [
    "1e999999", "-1e999999", "1e-999999999", "9" * 5000, "-" + "9" * 40, "1.0000000000000000000000000000001",
    "NaN", "Infinity", "-Infinity", "0", "-0", "6", "1000001", "0.000001", "1E+2",
]  # fmt: skip
_HOSTILE_DATES = [
    "0001-01-01", "0001-01-05", "9999-12-31", "9999-12-20", "1899-12-31", "1900-01-01", "2199-12-31",
    "2199-12-30", "2199-11-20", "2200-01-01", "2026-02-30", "2026-W47-5", "20261120", "2026-11-20T09:00",
    "2026-11-20T09:00+05:00", "2026-11-20",
]  # fmt: skip
_HOSTILE_TEXTS = [
    "\\ud800", "\\udfff tail", "\\u0000", "   ", "", "x" * 3000, "\\u202egnirts", "09:00+05", "25:61", "08:00Z",
    "workshop", "instruction", "fall", "spring",
]  # fmt: skip


def _json_string(body: str) -> str:
    return '"' + body + '"'  # bodies above are already JSON-escaped (\\ud800 stays an escape: a lone surrogate)


_json_scalars = st.one_of(
    st.sampled_from(_HOSTILE_NUMBERS),
    st.sampled_from(_HOSTILE_DATES).map(_json_string),
    st.dates().map(lambda d: _json_string(d.isoformat())),
    st.sampled_from(_HOSTILE_TEXTS).map(_json_string),
    st.text(max_size=12).map(json.dumps),
    st.sampled_from(["true", "false", "null"]),
)


def _json_object(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f'"{key}": {value}' for key, value in pairs) + "}"


_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(st.sampled_from(_FILE_KEYS), inner), max_size=5).map(_json_object),  # keys may repeat
    ),
    max_leaves=30,
)
_deep = st.integers(min_value=1, max_value=5000).map(lambda n: "[" * n + "]" * n)
_many_problems = st.integers(min_value=0, max_value=800).map(
    lambda n: "[" + ", ".join(['{"name": ""}'] * n) + "]"
)


_edge_days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)) | st.sampled_from(
    [dt.date(1900, 1, 1), dt.date(1900, 1, 20), dt.date(2199, 11, 15), dt.date(2199, 12, 31), dt.date(2000, 2, 29)]
)
_names = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]), min_size=1, max_size=40)


def _days_after(day: dt.date, days: int) -> dt.date:
    return min(day + dt.timedelta(days=days), dt.date(2199, 12, 31))


@st.composite
def extreme_json_files(draw: st.DrawFn) -> str:
    """The text of a JSON program file whose values are each accepted, but extreme: dates at the ends of the
    supported years, contact hours at their caps, unusual names, many instructors and participants."""
    days = sorted(set(draw(st.lists(_edge_days, min_size=1, max_size=6))))
    data: dict[str, object] = {
        "title": draw(_names),
        "activity": "workshop",
        "offering_dates": [d.isoformat() for d in days],
        "contact_hours": draw(st.sampled_from(["0", "0.000001", "7.5", "999999.999999", "1000000"])),
        "instructors": draw(st.lists(_names, max_size=50, unique=True)),
    }
    received: dt.date | None = draw(st.none() | _edge_days)
    if received is not None:
        data["approval_request"] = {"received": received.isoformat()}
    if draw(st.booleans()):  # an approval is dated on or after the request it answers (approval.review)
        approved = draw(_edge_days) if received is None else _days_after(received, draw(st.integers(0, 400)))
        data["approval"] = {"approved_on": approved.isoformat()}
    participants = draw(st.lists(_names, max_size=30, unique=True))
    data["applications"] = [
        {
            "participant": name,
            "attended": [draw(st.sampled_from(days)).isoformat()],
            **({"paid": draw(_edge_days).isoformat()} if draw(st.booleans()) else {}),
        }
        for name in participants
    ]
    return json.dumps(data)


@st.composite
def hostile_json_files(draw: st.DrawFn) -> str:
    """The text of a hostile JSON program file (a title and an activity, then hostile fields)."""
    pairs = [("title", '"T"'), ("activity", '"workshop"')]
    extra = st.tuples(st.sampled_from(_FILE_KEYS), st.one_of(_json_values, _deep))
    pairs += draw(st.lists(extra, max_size=8))
    if draw(st.booleans()):
        pairs.append(("instructors", draw(_many_problems)))
    return _json_object(pairs)


_toml_scalars = st.one_of(
    st.sampled_from([n for n in _HOSTILE_NUMBERS if n[-1].isdigit()] + ["inf", "nan", "-inf", "1_000", "0x1F"]),
    st.sampled_from(_HOSTILE_DATES[:10]),  # TOML dates, written bare
    st.sampled_from(_HOSTILE_DATES + _HOSTILE_TEXTS).map(_json_string),  # TOML basic strings share JSON escapes
    st.sampled_from(["true", "false", "09:00:00", "09:00:00.5", "1979-05-27T07:32:00Z"]),
)
_toml_values = st.recursive(
    _toml_scalars, lambda inner: st.lists(inner, max_size=5).map(lambda items: "[" + ", ".join(items) + "]")
)


@st.composite
def hostile_toml_files(draw: st.DrawFn) -> str:
    """The text of a hostile TOML program file: top-level fields (keys may repeat), then tables."""
    lines = ['title = "T"', 'activity = "workshop"']
    for key, value in draw(st.lists(st.tuples(st.sampled_from(_FILE_KEYS), _toml_values), max_size=6)):
        lines.append(f"{key} = {value}")
    depth = draw(st.integers(min_value=0, max_value=2000))
    if depth:
        lines.append("contact_hours = " + "[" * depth + "]" * depth)
    for table in draw(st.lists(st.sampled_from(["[[agenda]]", "[[applications]]", "[approval]", "[[packets]]"]))):
        lines.append(table)
        for key, value in draw(st.lists(st.tuples(st.sampled_from(_FILE_KEYS), _toml_scalars), max_size=4)):
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"
