"""Every policy parameter is read: changing any field of `Policy` changes a documented answer.

The fields are discovered from the class, not listed here: a new field without
a variant below fails, and so does a field whose variant changes no answer
(a rule that ignores the policy and uses the default instead).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta

from ceurules import (
    DEFAULT_POLICY,
    ActivityType,
    Agenda,
    Attendance,
    BusinessCalendar,
    Change,
    CourseCriteria,
    CreditApplication,
    Payment,
    Policy,
    Program,
    Rounding,
    Segment,
    SegmentKind,
    application_deadline,
    application_summaries,
    ceus,
    check_credit_application,
    check_eligibility,
    credit_expected,
    credit_status,
    credits,
    load_program_file,
    processing_window,
    review_due,
    review_program_file,
    semester_batches,
    semi_osl_date,
    submission_deadline,
    timeline,
)
from ceurules.clauses import TEXT_KEYS, text_of
from helpers import d

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
_SEMESTERS = DEFAULT_POLICY.crediting_rules[-1]

def _files(policy: Policy, what: str) -> list[Any]:
    answers: list[Any] = []
    for name in ("workshop.ceu.toml", "plc-yearlong.ceu.toml"):
        pf = load_program_file(EXAMPLES / name)
        if what == "timelines":
            for app in (None, *pf.applications):
                line = timeline(pf.program, request=pf.request, application=app, policy=policy)
                answers.append(line.to_dict()["events"])
            continue
        for as_of in (None, d("2026-12-20"), d("2027-01-20"), d("2027-07-05"), d("2028-01-05")):
            report = review_program_file(pf, as_of=as_of, policy=policy)
            answers.append(report.ceus if what == "file ceus" else [x.to_dict()["findings"] for x in report.decisions])
    return answers


DAYS = [d("2026-01-01") + dt.timedelta(days=k) for k in range(0, 800, 3)]
APPLICATIONS = [
    CreditApplication(
        attendance=Attendance(participant="P", dates=["2026-11-20"]),
        submitted="2026-12-01",
        payment=Payment(paid="2026-12-02"),
        issued=issued,
    )
    for issued in (None, "2026-12-30")
]
AS_OF = [d("2026-12-10"), d("2026-12-18"), d("2026-12-28"), d("2027-01-05")]
BY_HOURS = Program(
    title="T", activity=ActivityType.WORKSHOP, criteria=CourseCriteria.all_met(), contact_hours="7.5",
    offering_dates=["2026-12-15"],
)  # fmt: skip
DURATIONS = [dt.timedelta(minutes=m) for m in (29, 30, 100, 450, 455, 600)]
SPLIT = Program(  # five half hours an hour apart: five contact blocks (sum_segments)
    title="Five half hours",
    activity=ActivityType.WORKSHOP,
    agenda=Agenda(segments=[Segment(kind="instruction", start=f"{h:02d}:00", end=f"{h:02d}:30") for h in range(8, 13)]),
)

#: Documented answers, each a function of the policy.
PROBES: dict[str, Any] = {
    "submission_deadline": lambda p: [submission_deadline(day, policy=p) for day in DAYS],
    "review_due": lambda p: [review_due(day, policy=p) for day in DAYS],
    "application_deadline": lambda p: [application_deadline(day, policy=p) for day in DAYS],
    "processing_window": lambda p: [processing_window(day, day, policy=p) for day in DAYS],
    "semi_osl_date": lambda p: [semi_osl_date(day, policy=p) for day in DAYS],
    "semester_batches": lambda p: semester_batches([d("2015-09-01"), d("2016-07-15"), d("2026-07-01")], policy=p),
    "application_summaries": lambda p: [application_summaries(APPLICATIONS, as_of=day, policy=p) for day in AS_OF],
    "credit_status": lambda p: [credit_status(a, as_of=day, policy=p).finding for a in APPLICATIONS for day in AS_OF],
    "check_credit_application": lambda p: [
        check_credit_application(a, approval=None, as_of=day, policy=p).findings for a in APPLICATIONS for day in AS_OF
    ],
    "ceus": lambda p: [ceus(x, policy=p) for x in DURATIONS],
    "eligibility by contact hours": lambda p: check_eligibility(BY_HOURS, policy=p).findings,
    "contact minutes of stated hours": lambda p: BY_HOURS.contact_minutes(policy=p),
    "file reports": lambda p: _files(p, "reports"),
    "file ceus": lambda p: _files(p, "file ceus"),
    "timelines": lambda p: _files(p, "timelines"),
    "credit_expected": lambda p: [
        credit_expected(semester_batches([d("2026-09-10")], policy=p).batches[0], day, policy=p) for day in DAYS
    ],
    "credits": lambda p: [*(credits(x, policy=p) for x in DURATIONS), credits(SPLIT, policy=p)],
    "stamp": lambda p: p.stamp,
    "clause texts": lambda p: [text_of(key, policy=p) for key in TEXT_KEYS],
}

#: For each field of Policy: a value that differs from the source policy's, and every answer that must change.
VARIANTS: dict[str, tuple[Any, list[str]]] = {
    "name": ("Another agency", ["stamp"]),
    "contact_hours_per_ceu": (Decimal(15), ["ceus", "eligibility by contact hours", "file ceus"]),
    "minutes_per_contact_hour": (50, ["ceus", "contact minutes of stated hours", "file ceus"]),
    "contact_kinds": (frozenset({SegmentKind.INSTRUCTION}), ["file ceus", "file reports"]),
    "ceu_increment": (Decimal("0.25"), ["ceus", "eligibility by contact hours", "file ceus"]),
    "ceu_rounding": (Rounding.DOWN, ["ceus", "eligibility by contact hours"]),
    "minimum_contact_hours": (Decimal(8), ["ceus", "eligibility by contact hours", "file ceus"]),
    "first_award": (Decimal(1), ["ceus", "eligibility by contact hours", "file ceus", "credits"]),
    "sum_segments": (False, ["credits"]),
    "unit_name": ("clock hour", ["credits"]),
    "unit_abbreviation": ("CEUs", ["credits", "eligibility by contact hours", "file reports"]),
    "lead_time_days": (21, ["submission_deadline", "file reports", "timelines"]),
    "review_business_days": (5, ["review_due", "file reports", "timelines"]),
    "application_window": (
        relativedelta(days=10),
        ["application_deadline", "application_summaries", "check_credit_application", "timelines"],
    ),
    "processing_earliest_business_days": (
        5,
        ["processing_window", "application_summaries", "credit_status", "timelines"],
    ),
    "processing_latest_business_days": (
        12,
        ["processing_window", "application_summaries", "credit_status", "check_credit_application", "timelines"],
    ),
    "semi_osl_delay": (relativedelta(days=45), ["semi_osl_date"]),
    "registration_history_from": (d("2027-07-01"), ["credit_status", "check_credit_application"]),
    "packet_credit_business_days": (15, ["credit_expected", "file reports"]),
    "crediting_rules": (
        (DEFAULT_POLICY.crediting_rules[0], attrs.evolve(_SEMESTERS, effective=d("2015-07-01"))),
        ["semester_batches"],
    ),
    "calendar": (
        BusinessCalendar(weekend={6}),
        ["review_due", "processing_window", "application_summaries", "file reports", "timelines"],
    ),
    "changes": (
        (Change(parameter="lead_time_days", effective="2020-01-01", value=30),),
        ["submission_deadline", "file reports", "timelines"],
    ),
    "sources": ((), ["stamp"]),
    "texts": ({"approval.lead-time": "Requests arrive {lead_time_days} ahead."}, ["stamp", "clause texts"]),
}


def fields() -> list[str]:
    return [a.name for a in attrs.fields(Policy) if a.init]


DEFAULT_ANSWERS = {name: probe(DEFAULT_POLICY) for name, probe in PROBES.items()}


def test_every_field_has_a_variant() -> None:
    assert set(fields()) == set(VARIANTS), "add a differing value, and the answers it changes, for each new field"


@pytest.mark.parametrize("field", fields())
def test_changing_the_field_changes_its_answers(field: str) -> None:
    value, changed = VARIANTS[field]
    variant = attrs.evolve(DEFAULT_POLICY, **{field: value})
    assert variant != DEFAULT_POLICY
    same = [name for name in changed if PROBES[name](variant) == DEFAULT_ANSWERS[name]]
    assert not same, f"{field} is not read by: {same}"
    if field != "changes" and field not in ("name", "sources"):
        assert variant.stamp != DEFAULT_POLICY.stamp
