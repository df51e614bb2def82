"""The one verb contract: every rule area answers with an :class:`~ceurules.Answer`.

Each area's answer type is checked at run time (``isinstance`` against the
runtime-checkable protocol, then its behaviour: the verdict follows from the
findings, every finding is a :class:`~ceurules.Reason`, the JSON form dumps,
the displays render) and statically (the annotated assignments below are
checked by mypy). The ``is_*`` predicates agree with the explained answers and
never raise.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ceurules
from ceurules import (
    Answer,
    Approval,
    ApprovalRequest,
    Attendance,
    CreditApplication,
    Outcome,
    Packet,
    Payment,
    Program,
    Reason,
    Verdict,
    YearLong,
    check_approval_request,
    check_credit_application,
    check_eligibility,
    check_packet,
    credit_status,
    is_on_time,
    is_renewal_met,
    is_request_on_time,
    load_program_file,
    load_record,
    processing_window,
    renewal_progress,
    review_program_file,
    semester_batches,
    timeline,
)
from ceurules.decisions import verdict_of
from helpers import APP, BATCH, DAY, PROGRAM

D = DAY
LATE = CreditApplication(
    attendance=Attendance(participant="B", dates=[D]), submitted=dt.date(2027, 1, 5), payment=Payment(paid=D)
)
ROOT = Path(__file__).parent.parent
RECORD = load_record(ROOT / "docs" / "records" / "dana-whitfield.toml")
FILE = load_program_file(ROOT / "docs" / "examples" / "workshop.ceu.toml")

# Every rule area's answer, by the function that gives it (mypy checks each is an Answer).
eligibility: Answer = check_eligibility(PROGRAM)
approval: Answer = check_approval_request(ApprovalRequest(program=PROGRAM, received=D))
credit: Answer = check_credit_application(APP, approval=Approval(dates=[D]), as_of=D)
status: Answer = credit_status(APP, as_of=dt.date(2027, 2, 1))
window: Answer = processing_window(D, D)
batching: Answer = semester_batches([dt.date(2026, 7, 10), dt.date(2026, 9, 1), dt.date(2027, 2, 1)])
packet: Answer = check_packet(Packet(), BATCH, as_of=D)
dates: Answer = timeline(PROGRAM, application=APP)
review: Answer = review_program_file(FILE, as_of=D)
renewal: Answer = renewal_progress(RECORD, "il-pel")

ANSWERS: dict[str, Answer] = {
    "check_eligibility": eligibility,
    "check_approval_request": approval,
    "check_credit_application": credit,
    "credit_status": status,
    "processing_window": window,
    "semester_batches": batching,
    "check_packet": packet,
    "timeline": dates,
    "review_program_file": review,
    "renewal_progress": renewal,
}

# Public functions that answer with something else, and why.
NOT_ANSWERS = {
    "application_columns": "bulk: columns of dates and statuses, no findings (explained: check_credit_application)",
    "application_summaries": "bulk: one row per application, no findings (explained: check_credit_application)",
    "packet_standing": "the record every year-long credit answer reads (explained by check_credit_application)",
    "credit_statement": "an amount in each credit system, not a decision",
}


def test_every_public_function_returning_a_result_type_is_in_the_contract() -> None:
    """A public function is an answer of the contract, a plain value (date, number, bool, loaded input),
    or listed with its reason."""
    plain = ("dt.date", "Decimal", "bool", "Fraction", "dict[str, Decimal]", "tuple[dt.date, dt.date]")
    loaded = ("load_", "bundled_", "clause", "packet_rule", "full_packet")
    for name in ceurules.__all__:
        function = getattr(ceurules, name)
        if not callable(function) or isinstance(function, type) or name.startswith(loaded):
            continue
        returns = str(function.__annotations__.get("return"))
        if returns in plain or returns.startswith("Credits"):
            continue
        assert name in ANSWERS or name in NOT_ANSWERS, f"{name} returns {returns}: an Answer, or say why not"


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_each_area_answers_with_the_contract(name: str) -> None:
    answer = ANSWERS[name]
    assert isinstance(answer, Answer)
    assert isinstance(answer.verdict, Verdict)
    assert answer.verdict is verdict_of(answer.findings), "the verdict follows from the findings"
    assert isinstance(answer.verdict_label, str) and answer.verdict_label
    assert answer.findings, "an answer explains itself"
    for finding in answer.findings:
        assert isinstance(finding, Reason)
        assert isinstance(finding.outcome, Outcome) and finding.message
    data = answer.to_dict()
    json.dumps(data)
    assert data
    assert "<table" in answer._repr_html_()
    assert "|" in answer._repr_markdown_()
    assert str(answer)


def test_the_verdict_is_the_worst_outcome() -> None:
    assert status.verdict is Verdict.FAIL  # overdue
    assert window.verdict is Verdict.PASS  # a note
    assert verdict_of([]) is Verdict.PASS


def test_a_processing_window_still_unpacks() -> None:
    earliest, latest = processing_window(D, D)
    assert (earliest, latest) == (window.findings[0].facts["earliest"], window.findings[0].facts["latest"])


def _finding(answer: Answer, clause: str) -> Any:
    return next(f for f in answer.findings if getattr(f, "clause", None) == clause)


def test_is_on_time_agrees_with_the_window_finding() -> None:
    for app in (APP, LATE, CreditApplication(attendance=APP.attendance)):
        explained = check_credit_application(app, approval=None)
        assert is_on_time(app) is (_finding(explained, "credit.window").outcome is Outcome.MET)
    assert is_on_time(APP) is True
    assert is_on_time(LATE) is False


def test_is_on_time_reads_the_packet_for_a_year_long_participant() -> None:
    program = Program(title="PLC", activity="workshop", offering_dates=[dt.date(2026, 9, 10)], year_long=True)
    app = CreditApplication(attendance=Attendance(participant="A", dates=[dt.date(2026, 9, 10)]))
    on_time = Packet(sign_ins={dt.date(2026, 9, 10): ["A"]}, applications=["A"], submitted=dt.date(2026, 12, 1))
    late = Packet(sign_ins={dt.date(2026, 9, 10): ["A"]}, applications=["A"], submitted=dt.date(2027, 1, 5))
    for packet, expected in ((on_time, True), (late, False)):
        packets = YearLong.for_program(program, [ceurules.PacketEntry(term="fall", school_year=2026, packet=packet)])
        assert is_on_time(app, year_long=packets) is expected


def test_is_request_on_time_agrees_with_the_lead_time_finding() -> None:
    for received in (dt.date(2026, 11, 6), dt.date(2026, 11, 7)):
        request = ApprovalRequest(program=PROGRAM, received=received)
        explained = check_approval_request(request)
        assert is_request_on_time(request) is (_finding(explained, "approval.lead-time").outcome is Outcome.MET)
    assert is_request_on_time(ApprovalRequest(program=Program(title="T", activity="workshop"), received=D)) is False


def test_is_renewal_met_agrees_with_the_progress() -> None:
    for rule in ceurules.bundled_renewal_rules():
        assert is_renewal_met(RECORD, rule) is renewal_progress(RECORD, rule).met


PREDICATES: dict[str, Callable[[Any], bool]] = {
    "is_on_time": lambda j: is_on_time(j),
    "is_on_time.year_long": lambda j: is_on_time(APP, year_long=j),
    "is_request_on_time": lambda j: is_request_on_time(j),
    "is_renewal_met.record": lambda j: is_renewal_met(j, "il-pel"),
    "is_renewal_met.rule": lambda j: is_renewal_met(RECORD, j),
    "is_renewal_met.as_of": lambda j: is_renewal_met(RECORD, "il-pel", as_of=j),
}


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_predicates_answer_false_to_junk_and_never_raise(name: str) -> None:
    optional = name in ("is_on_time.year_long", "is_renewal_met.as_of")  # None: the argument's default
    for junk in ([] if optional else [None]) + [3, "", "x", "\ud800", object(), [D], {"a": 1}, 10**5000]:
        assert PREDICATES[name](junk) is False, repr(junk)
