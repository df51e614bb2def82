"""A sweep over the public API that finds its functions itself, from ``ceurules.__all__``.

Every public function is called with valid arguments (from ``VALID`` below; a new
function without an entry fails the sweep until one is added), then with junk in
each argument in turn. Only the library's own errors may come out; junk in
``policy=`` is always refused (``is_*`` predicates answer ``False`` instead), and
the library's exceptions survive pickling, copying and a process pool with their fields.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import ceurules
from ceurules import (
    DEFAULT_POLICY,
    Approval,
    ApprovalRequest,
    Attendance,
    CeuRulesError,
    CreditApplication,
    InvalidInputError,
    Packet,
    Payment,
    Program,
    ProgramFileError,
    YearLong,
    load_program_file,
    semester_batches,
)

D = dt.date(2026, 11, 20)
PROGRAM = Program(title="T", activity="workshop", offering_dates=[D], contact_hours=3)
APP = CreditApplication(attendance=Attendance(participant="A", dates=[D]), submitted=D, payment=Payment(paid=D))
BATCH = semester_batches([dt.date(2026, 9, 1)]).batches[0]
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"

# Valid arguments of every public function, by function; None: a function without arguments.
VALID: dict[str, dict[str, Any] | None] = {
    "application_columns": {"last_day": [D], "certificate_date": [None], "submitted": [D], "paid": [D], "as_of": D},
    "application_deadline": {"last_day": D},
    "application_summaries": {"applications": [APP], "as_of": D},
    "bundled_renewal_rules": None,
    "ceus": {"contact_time": "7.5"},
    "check_approval_request": {"request": ApprovalRequest(program=PROGRAM, received=D)},
    "check_credit_application": {"application": APP, "approval": Approval(dates=[D]), "as_of": D},
    "check_eligibility": {"program": PROGRAM},
    "check_packet": {"packet": Packet(), "batch": BATCH, "as_of": D},
    "clause": {"clause_id": "approval.lead-time"},
    "contact_minutes": {"contact_time": "7.5"},
    "credit_expected": {"batch": BATCH, "arrived": dt.date(2026, 12, 20)},
    "credit_statement": {"program": PROGRAM, "policies": ["source"]},
    "credit_status": {"application": APP, "as_of": D},
    "credits": {"contact_time_or_program": "7.5"},
    "full_packet": {"meeting_dates": [D]},
    "is_date_approved": {"day": D, "approval": Approval(dates=[D])},
    "is_eligible": {"program": PROGRAM},
    "is_on_time": {"application": APP},
    "is_renewal_met": None,
    "is_request_on_time": {"request": ApprovalRequest(program=PROGRAM, received=D)},
    "load_policy": {"source": "source"},
    "load_program": {"source": EXAMPLES / "workshop.ceu.toml"},
    "load_program_file": {"source": EXAMPLES / "workshop.ceu.toml"},
    "load_record": None,
    "load_renewal_rule": None,
    "packet_ceus": {"packet": Packet(), "meeting_time": dt.timedelta(minutes=60)},
    "packet_rule": {"term": "fall", "school_year": 2026},
    "packet_standing": {"participant": "A", "attended": [D], "issued": None, "year_long": YearLong(), "as_of": D},
    "participant_ceus": {"meeting_time": dt.timedelta(minutes=90), "meetings": 3},
    "processing_window": {"applied": D, "paid": D},
    "renewal_progress": None,
    "review_due": {"received": D},
    "review_program_file": {"pf": load_program_file(EXAMPLES / "workshop.ceu.toml"), "as_of": D},
    "semester_batches": {"meeting_dates": [D]},
    "semi_osl_date": {"last_day": D},
    "submission_deadline": {"offering_dates": [D]},
    "timeline": {"program": PROGRAM},
}
FUNCTIONS = sorted(n for n in ceurules.__all__ if inspect.isfunction(getattr(ceurules, n)))
WITH_POLICY = [n for n in FUNCTIONS if "policy" in inspect.signature(getattr(ceurules, n)).parameters]
JUNK: list[Any] = [None, "strict", 3, {"lead_time_days": 14}, object(), DEFAULT_POLICY.calendar, Decimal("NaN")]


def test_every_public_function_has_valid_arguments_in_the_sweep() -> None:
    assert sorted(VALID) == FUNCTIONS, "add the new function's valid arguments to VALID"


@pytest.mark.parametrize("name", [n for n in FUNCTIONS if VALID.get(n) is not None])
def test_valid_arguments_are_answered(name: str) -> None:
    getattr(ceurules, name)(**VALID[name])  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [n for n in FUNCTIONS if VALID.get(n) is not None])
def test_junk_in_any_argument_gives_only_library_errors(name: str) -> None:
    function: Callable[..., object] = getattr(ceurules, name)
    valid = VALID[name] or {}
    for parameter in valid:
        for junk in [*JUNK, "x" * 100_000, 10**5000, "\ud800", [D] * 3, -(10**9)]:
            try:
                function(**{**valid, parameter: junk})
            except CeuRulesError as err:
                str(err)  # the message builds
                assert err.__class__.__module__.startswith("ceurules")


@pytest.mark.parametrize("name", WITH_POLICY)
def test_policy_is_checked_by_every_function(name: str) -> None:
    function: Callable[..., object] = getattr(ceurules, name)
    for junk in JUNK:
        if name.startswith("is_"):
            assert function(**VALID[name] or {}, policy=junk) is False
            continue
        with pytest.raises(InvalidInputError) as caught:
            function(**VALID[name] or {}, policy=junk)
        assert caught.value.field == "policy"


ERRORS = [
    InvalidInputError("offering_dates[0]", dt.date(1899, 12, 31), "a date in the years 1900-2199"),
    ProgramFileError("p.ceu.toml", [("agenda[0].end", "expected a time")], [(4, 7)], omitted=3),
]


def _raise_invalid(day: str) -> object:
    return ceurules.submission_deadline([day])  # type: ignore[list-item]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_pickle_and_copy_with_their_fields(error: CeuRulesError) -> None:
    for twin in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(twin) is type(error)
        assert str(twin) == str(error)
        assert vars(twin) == vars(error)


def test_a_typed_error_crosses_a_process_pool() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_raise_invalid, "2026-W47-5")
        with pytest.raises(InvalidInputError) as caught:
            future.result()
    assert caught.value.field == "offering_dates[0]"
    assert caught.value.value == "2026-W47-5"
