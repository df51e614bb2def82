"""Error messages, pinned: what a user reads when a value is refused.

Every function and constructor of the robustness sweep is fed a few typical bad
values; the exception type and message (or "accepted") are compared with
``tests/golden/errors.json``. Regenerate after a deliberate change with
``CEURULES_UPDATE_GOLDEN=1 python -m pytest tests/test_error_messages.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from ceurules import (
    DEFAULT_POLICY,
    Agenda,
    Approval,
    Attendance,
    BusinessCalendar,
    CeuRulesError,
    CreditApplication,
    CreditingRule,
    Documents,
    Packet,
    Payment,
    Program,
    Segment,
    Term,
    ceus,
    packet_ceus,
    semester_batches,
    submission_deadline,
)
from test_robustness import CASES, CONSTRUCTORS, POLICY_FIELDS

GOLDEN = Path(__file__).parent / "golden" / "errors.json"
BAD: dict[str, Any] = {
    "None": None,
    "-1": -1,
    "3.5": 3.5,
    "True": True,
    "'yesterday'": "yesterday",
    "'2026-02-30'": "2026-02-30",
    "[]": [],
    "datetime": dt.datetime(2026, 11, 20, 9, 30),
}


def outcome(call: Callable[..., object], *args: Any, **kwargs: Any) -> str:
    try:
        call(*args, **kwargs)
    except CeuRulesError as err:
        return f"{type(err).__name__}: {err}"
    return "accepted"


def messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, case in CASES:
        for label, bad in BAD.items():
            found[f"{name}({label})"] = outcome(case, bad)
    for cls, base in CONSTRUCTORS:
        for field in attrs.fields(cls):
            if field.init:
                for label, bad in BAD.items():
                    found[f"{cls.__name__}({field.name}={label})"] = outcome(cls, **{**base, field.name: bad})
    for field_name in POLICY_FIELDS:
        for label, bad in BAD.items():
            found[f"Policy({field_name}={label})"] = outcome(attrs.evolve, DEFAULT_POLICY, **{field_name: bad})
    return found


def seg(start: str, end: str, day: str | None = None, kind: str = "instruction", title: str = "") -> Segment:
    return Segment(kind=kind, start=start, end=end, day=day, title=title)


TERM = Term(name="fall", months=(8, 9), issued_month=9)
APP = Attendance(participant="Jo", dates=["2026-12-15"])

#: Values of the right type that break a rule of their own: the messages a user meets most.
SEMANTIC: dict[str, Callable[[], object]] = {
    "segment with seconds": lambda: Segment(kind="instruction", start=dt.time(9, 0, 30), end="10:00"),
    "segment crossing midnight": lambda: seg("23:00", "01:00"),
    "agenda item not a segment": lambda: Agenda(segments=[seg("09:00", "10:00"), "10:00-11:00"]),  # type: ignore[list-item]
    "agenda dated and undated": lambda: Agenda(segments=[seg("09:00", "10:00"), seg("10:00", "11:00", "2026-12-15")]),
    "agenda overlap": lambda: Agenda(segments=[seg("09:00", "10:30", title="Keynote"), seg("10:00", "11:00")]),
    "term month 13": lambda: Term(name="x", months=(12, 13), issued_month=12),
    "term repeated month": lambda: Term(name="x", months=(1, 1), issued_month=1),
    "terms sharing a month": lambda: CreditingRule(clause="yearlong.semester", effective="2030-07-01",
                                                   terms=(TERM, attrs.evolve(TERM, name="b"))),
    "rule with unknown clause": lambda: CreditingRule(clause="yearlong.quarter", effective="2030-07-01", terms=(TERM,)),
    "rules on the same date": lambda: attrs.evolve(DEFAULT_POLICY, crediting_rules=DEFAULT_POLICY.crediting_rules * 2),
    "window with an absolute month": lambda: attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(month=1)),
    "window in hours": lambda: attrs.evolve(DEFAULT_POLICY, semi_osl_delay=relativedelta(hours=5)),
    "window negative": lambda: attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(days=-1)),
    "window too long": lambda: attrs.evolve(DEFAULT_POLICY, application_window=3661),
    "processing bounds reversed": lambda: attrs.evolve(DEFAULT_POLICY, processing_earliest_business_days=11),
    "zero increment": lambda: attrs.evolve(DEFAULT_POLICY, ceu_increment=0),
    "zero hours per CEU": lambda: attrs.evolve(DEFAULT_POLICY, contact_hours_per_ceu="0"),
    "unknown contact kind": lambda: attrs.evolve(DEFAULT_POLICY, contact_kinds=["nap"]),
    "no contact kinds": lambda: attrs.evolve(DEFAULT_POLICY, contact_kinds=[]),
    "certificate before the session": lambda: Attendance(participant="Jo", dates=["2026-12-15"],
                                                        certificate_date="2026-12-14"),
    "issued before applying": lambda: CreditApplication(attendance=APP, issued="2026-12-20"),
    "issued before paying in full": lambda: CreditApplication(attendance=APP, submitted="2026-12-18",
                                                              payment=Payment(paid="2026-12-19"), issued="2026-12-18"),
    "closures end before start": lambda: BusinessCalendar().closures(dt.date(2026, 12, 31), dt.date(2026, 12, 1)),
    "calendar before 1900": lambda: BusinessCalendar().is_business_day(dt.date(1899, 12, 31)),
    "calendar after 2199": lambda: BusinessCalendar().is_business_day(dt.date(2200, 1, 1)),
    "calendar offset past 2199": lambda: BusinessCalendar().add_business_days(dt.date(2199, 12, 1), 40),
    "calendar first and last days": lambda: [BusinessCalendar().is_business_day(dt.date(1900, 1, 2)),
                                             BusinessCalendar().is_business_day(dt.date(2199, 12, 31))],
    "weekend of seven days": lambda: BusinessCalendar(weekend=range(7)),
    "blank holiday category": lambda: BusinessCalendar(categories=["public", " "]),
    "holiday category not text": lambda: BusinessCalendar(categories=[3]),
    "sign-in sheet twice": lambda: Packet(sign_ins={"2026-08-18": ["Ana"], dt.date(2026, 8, 18): ["Bo"]}),  # type: ignore[arg-type]
    "sign-in sheet not a date": lambda: Packet(sign_ins={"August": ["Ana"]}),
    "vitas not names": lambda: Documents(vitas=["Ana", 7]),  # type: ignore[list-item]
    "approval without dates": lambda: Approval(dates=[]),
    "empty offering list": lambda: submission_deadline([]),
    "repeated instructor": lambda: Program(title="T", activity="workshop", instructors=["Ana", "Ana"]),
    "instructor not a name": lambda: Program(title="T", activity="workshop", instructors=[7]),  # type: ignore[list-item]
    "program agenda day not offered": lambda: Program(title="T", activity="workshop", offering_dates=["2026-12-15"],
                                                      agenda=[seg("09:00", "10:00", "2026-12-16")]),
    "other without label": lambda: Program(title="T", activity="other"),
    "negative duration": lambda: ceus(dt.timedelta(minutes=-5)),
    "packet minutes negative": lambda: packet_ceus(Packet(), dt.timedelta(minutes=-5)),
    "before any crediting rule": lambda: semester_batches([dt.date(1969, 6, 1)]),
}  # fmt: skip


def semantic() -> dict[str, str]:
    return {name: outcome(call) if name != "calendar first and last days" else repr(call()) for name, call in
            SEMANTIC.items()}  # fmt: skip


def test_error_messages_are_pinned() -> None:
    actual = {**messages(), **{f"semantic: {k}": v for k, v in semantic().items()}}
    if os.environ.get("CEURULES_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert set(actual) == set(expected)
    mismatched = {k: (expected[k], actual[k]) for k in expected if actual[k] != expected[k]}
    assert mismatched == {}
