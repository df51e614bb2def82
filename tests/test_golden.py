"""Golden decisions: the full explained output of the rules, pinned case by case.

Each case's JSON (verdict, every finding's clause, outcome, message, facts and
default) is compared with ``tests/golden/<group>.json``. A change in wording or
facts shows up here as a diff to review. After a deliberate change, regenerate
with ``CEURULES_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and
review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta

from ceurules import (
    DEFAULT_POLICY,
    ActivityType,
    Approval,
    ApprovalRequest,
    Attendance,
    CourseCriteria,
    CreditApplication,
    Documents,
    Instructor,
    Packet,
    Payment,
    Program,
    Segment,
    WaiverRequest,
    application_summaries,
    check_approval_request,
    check_credit_application,
    check_eligibility,
    check_packet,
    credit_status,
    load_program_file,
    review_program_file,
    semester_batches,
    timeline,
)
from ceurules._json import plain

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
D = dt.date.fromisoformat

AGENDA = [
    Segment(kind="registration", start="08:30", end="09:00"),
    Segment(kind="instruction", start="09:00", end="12:00"),
    Segment(kind="meal", start="12:00", end="13:00"),
    Segment(kind="hands-on", start="13:00", end="15:15"),
]
WORKSHOP = Program(
    title="Workshop",
    activity=ActivityType.WORKSHOP,
    criteria=CourseCriteria.all_met(),
    offering_dates=["2026-12-15", "2027-01-12"],
    agenda=AGENDA,
    instructors=[Instructor(name="Ana"), Instructor(name="Bo")],
)
DOCS = Documents(approval_form=True, timed_agenda=True, vitas=["Ana", "Bo"], brochure=True)
APPROVAL = Approval(dates=["2026-12-15", "2027-01-12"], approved_on="2026-11-24")


def application(**change: Any) -> CreditApplication:
    base = CreditApplication(
        attendance=Attendance(participant="Jo", dates=["2026-12-15"], certificate_date="2026-12-16"),
        submitted="2026-12-20",
        proof_uploaded=True,
        payment=Payment(paid="2026-12-21"),
    )
    return attrs.evolve(base, **change)


def eligibility() -> dict[str, Any]:
    cases: dict[str, Program] = {
        "workshop": WORKSHOP,
        "academic credit": attrs.evolve(WORKSHOP, academic_credit=True),
        "criteria false and unstated": attrs.evolve(
            WORKSHOP, criteria=CourseCriteria(organized=False, need=True, objective=None)
        ),
        "no agenda": attrs.evolve(WORKSHOP, agenda=[], contact_hours="6"),
        "no dates": attrs.evolve(WORKSHOP, offering_dates=[]),
        "no contact time": attrs.evolve(WORKSHOP, agenda=[Segment(kind="social", start="18:00", end="19:00")]),
        "rounds to zero": attrs.evolve(WORKSHOP, agenda=[Segment(kind="instruction", start="09:00", end="09:20")]),
        "odd minutes": attrs.evolve(WORKSHOP, agenda=[Segment(kind="instruction", start="09:00", end="10:25")]),
        "other activity": attrs.evolve(WORKSHOP, activity="other", activity_label="coaching"),
        "fractional minutes": attrs.evolve(WORKSHOP, agenda=[], contact_hours="7.51", activity="directed reading"),
    }
    cases.update({f"activity {a.value}": attrs.evolve(WORKSHOP, activity=a) for a in ActivityType if a.clause})
    result = {name: check_eligibility(p).to_dict() for name, p in cases.items()}
    agency = attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=Decimal(8))
    result["under an 8-hour minimum"] = check_eligibility(WORKSHOP, policy=agency).to_dict()
    exact = attrs.evolve(DEFAULT_POLICY, minimum_contact_hours=Decimal("5.25"))
    result["exactly the 5.25-hour minimum"] = check_eligibility(WORKSHOP, policy=exact).to_dict()
    return result


def approval() -> dict[str, Any]:
    def req(received: str, **change: Any) -> ApprovalRequest:
        return attrs.evolve(ApprovalRequest(program=WORKSHOP, received=received, documents=DOCS), **change)

    cases = {
        "on time": req("2026-11-20"),
        "on the deadline": req("2026-12-01"),
        "late": req("2026-12-04"),
        "late with waiver": req("2026-12-04", waiver=WaiverRequest(circumstances="storm")),
        "incomplete": req("2026-11-20", documents=Documents(vitas=["Bo"])),
        "no instructors": ApprovalRequest(
            program=attrs.evolve(WORKSHOP, instructors=[]), received="2026-11-21", documents=DOCS
        ),
        "no dates": ApprovalRequest(program=attrs.evolve(WORKSHOP, offering_dates=[]), received="2026-11-20"),
    }
    return {name: check_approval_request(r).to_dict() for name, r in cases.items()}


def credit() -> dict[str, Any]:
    cases: dict[str, tuple[CreditApplication, Approval | None, dt.date | None]] = {
        "good": (application(), APPROVAL, None),
        "good as of processing": (application(), APPROVAL, D("2026-12-28")),
        "good as of overdue": (application(), APPROVAL, D("2027-02-01")),
        "issued": (application(issued="2027-01-04"), APPROVAL, D("2027-01-10")),
        "not approved": (application(), None, None),
        "date not approved": (
            application(attendance=Attendance(participant="Jo", dates=["2026-12-16"])),
            APPROVAL,
            None,
        ),
        "not completed": (
            application(attendance=Attendance(participant="Jo", dates=["2026-12-15"], completed=False)),
            APPROVAL,
            None,
        ),
        "no proof": (application(proof_uploaded=False), APPROVAL, None),
        "applied late": (application(submitted="2027-01-20"), APPROVAL, None),
        "paid late": (application(payment=Payment(paid="2027-01-16")), APPROVAL, None),
        "applied early": (application(submitted="2026-12-01"), APPROVAL, None),
        "applied and paid early": (
            application(submitted="2026-12-01", payment=Payment(paid="2026-12-02")),
            APPROVAL,
            None,
        ),
        "applied and paid late": (
            application(submitted="2027-01-20", payment=Payment(paid="2027-01-21")),
            APPROVAL,
            None,
        ),
        "two dates not approved": (
            application(attendance=Attendance(participant="Jo", dates=["2026-12-15", "2026-12-16", "2026-12-17"])),
            APPROVAL,
            None,
        ),
        "applied and paid on the session day": (
            application(submitted="2026-12-15", payment=Payment(paid="2026-12-15")),
            APPROVAL,
            D("2026-12-15"),
        ),
        "open window": (application(submitted=None, payment=None), APPROVAL, D("2027-01-15")),
        "closed window": (application(submitted=None, payment=None), APPROVAL, D("2027-01-16")),
        "no certificate date": (
            application(attendance=Attendance(participant="Jo", dates=["2026-12-15"])),
            APPROVAL,
            None,
        ),
    }
    result: dict[str, Any] = {
        name: check_credit_application(app, approval=appr, as_of=as_of).to_dict()
        for name, (app, appr, as_of) in cases.items()
    }
    old = CreditApplication(
        attendance=Attendance(participant="Old", dates=["2016-03-01"]),
        submitted="2016-03-02",
        proof_uploaded=True,
        payment=Payment(paid="2016-03-03"),
    )
    for as_of in ("2016-03-01", "2016-03-10", "2016-04-01"):
        result[f"status 2016 as of {as_of}"] = str(credit_status(old, as_of=D(as_of)))
    result["status issued 2016"] = str(credit_status(attrs.evolve(old, issued="2016-03-09"), as_of=D("2016-03-20")))
    result["status not yet paid"] = str(credit_status(application(payment=None), as_of=D("2026-12-22")))
    monthly = attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(months=1))
    apps = [
        application(),
        application(submitted=None),
        application(issued="2027-01-04"),
        application(submitted="2027-01-20"),
        application(attendance=Attendance(participant="Mo", dates=["2027-01-31"]), submitted="2027-02-28",
                    payment=Payment(paid="2027-02-28")),
    ]  # fmt: skip
    for as_of in ("2026-12-20", "2027-01-05", "2027-01-06", "2027-03-20"):
        result[f"summaries as of {as_of}"] = plain([s._asdict() for s in application_summaries(apps, as_of=D(as_of))])
    result["summaries, one-month window"] = plain(
        [s._asdict() for s in application_summaries(apps, as_of=D("2027-03-20"), policy=monthly)]
    )
    return result


def yearlong() -> dict[str, Any]:
    meetings = [D(x) for x in ("2015-09-08", "2016-06-30", "2016-07-01", "2016-08-02", "2016-12-31", "2017-01-02")]
    result: dict[str, Any] = {"straddling 2016": semester_batches(meetings).to_dict()}
    result["straddling 2016, text"] = str(semester_batches(meetings))
    fall = semester_batches([D("2026-08-18"), D("2026-09-15")]).batches[0]
    full = Packet(
        sign_ins={"2026-08-18": ["Ana", "Bo"], "2026-09-15": ["Ana"]},
        applications=["Ana", "Bo"],
        evaluations=["Ana", "Bo"],
    )
    packets = {
        "complete, not submitted": (full, None),
        "submitted on the due date": (attrs.evolve(full, submitted="2026-12-31"), None),
        "submitted late": (attrs.evolve(full, submitted="2027-01-01"), None),
        "past due": (full, D("2027-01-01")),
        "on the due date": (full, D("2026-12-31")),
        "incomplete": (Packet(sign_ins={"2026-08-18": ["Ana"], "2026-10-01": ["Ana"], "2026-10-08": ["Bo"]}), None),
    }
    for name, (packet, as_of) in packets.items():
        result[f"packet {name}"] = check_packet(packet, fall, as_of=as_of).to_dict()
    return result


def files() -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, as_of in (("workshop.ceu.toml", "2027-01-20"), ("plc-yearlong.ceu.toml", "2027-07-05")):
        pf = load_program_file(EXAMPLES / name, name=name)
        result[name] = review_program_file(pf, as_of=D(as_of)).to_dict()
        result[f"{name} timeline"] = timeline(pf.program, request=pf.request).to_dict()
        if pf.applications:
            result[f"{name} timeline, first participant"] = timeline(
                pf.program, request=pf.request, application=pf.applications[0]
            ).to_dict()
    return result


GROUPS: dict[str, Callable[[], dict[str, Any]]] = {
    "eligibility": eligibility,
    "approval": approval,
    "credit": credit,
    "yearlong": yearlong,
    "files": files,
}


@pytest.mark.parametrize("group", list(GROUPS))
def test_golden(group: str) -> None:
    actual = json.loads(json.dumps(GROUPS[group](), indent=1, sort_keys=True))
    path = GOLDEN / f"{group}.json"
    if os.environ.get("CEURULES_UPDATE_GOLDEN"):
        path.write_text(json.dumps(actual, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(path.read_text())
    assert set(actual) == set(expected)
    for case in expected:
        assert actual[case] == expected[case], case
