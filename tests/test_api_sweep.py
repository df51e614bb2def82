"""A sweep over the public API that finds its functions and constructors itself, from ``ceurules.__all__``.

Every public callable is either swept (called with the valid arguments in ``SWEPT``, then
with each junk value of ``JUNK`` in each argument its signature has) or listed in ``EXEMPT``
with the reason; a new public name fails the sweep until it is one or the other. Junk must
be refused with the library's own error, an ``InvalidInputError`` naming the argument; junk
that is accepted fails, unless it is a valid value there (``ACCEPTED``, with the reason;
``None`` where the argument is optional, ``True`` where it is a flag); ``is_*`` predicates
answer ``False`` instead of raising. Junk in ``policy=`` is always refused, and the library's
exceptions survive pickling, copying and a process pool with their fields.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import pickle
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import ceurules
import ceurules.errors
from ceurules import (
    DEFAULT_POLICY,
    Approval,
    ApprovalRequest,
    CeuRulesError,
    CourseCriteria,
    InvalidInputError,
    Outcome,
    Packet,
    ProgramFileError,
    YearLong,
    load_program_file,
    load_record,
)
from helpers import APP, BATCH, DAY, PROGRAM

D = DAY
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
RECORD = load_record(Path(__file__).parent.parent / "docs" / "records" / "dana-whitfield.toml")

# Valid arguments of every swept public function and constructor, by name.
SWEPT: dict[str, dict[str, Any]] = {
    "application_columns": {"last_day": [D], "certificate_date": [None], "submitted": [D], "paid": [D], "as_of": D},
    "application_deadline": {"last_day": D},
    "application_summaries": {"applications": [APP], "as_of": D},
    "bundled_renewal_rules": {},
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
    "is_eligible": {"program": attrs.evolve(PROGRAM, criteria=CourseCriteria.all_met(), activity="directed reading")},
    "is_on_time": {"application": APP},
    "is_renewal_met": {"record": RECORD, "rule": "ms-class-a"},
    "is_request_on_time": {"request": ApprovalRequest(program=PROGRAM, received=dt.date(2026, 11, 2))},
    "load_policy": {"source": "source"},
    "load_program": {"source": EXAMPLES / "workshop.ceu.toml"},
    "load_program_file": {"source": EXAMPLES / "workshop.ceu.toml"},
    "load_record": {"source": {"educator": "E", "license_expires": "2026-06-30"}},
    "load_renewal_rule": {"source": "il-pel"},
    "packet_ceus": {"packet": Packet(), "meeting_time": dt.timedelta(minutes=60)},
    "packet_rule": {"term": "fall", "school_year": 2026},
    "packet_standing": {"participant": "A", "attended": [D], "issued": None, "year_long": YearLong(), "as_of": D},
    "participant_ceus": {"meeting_time": dt.timedelta(minutes=90), "meetings": 3},
    "processing_window": {"applied": D, "paid": D},
    "renewal_progress": {"record": RECORD, "rule": "il-pel"},
    "review_due": {"received": D},
    "review_program_file": {"pf": load_program_file(EXAMPLES / "workshop.ceu.toml"), "as_of": D},
    "semester_batches": {"meeting_dates": [D]},
    "semi_osl_date": {"last_day": D},
    "submission_deadline": {"offering_dates": [D]},
    "timeline": {"program": PROGRAM},
    # Constructors of the inputs.
    "Activity": {"id": "a1", "date": D, "unit": "ceu", "amount": "1"},
    "Agenda": {},
    "Approval": {"dates": [D]},
    "ApprovalRequest": {"program": PROGRAM, "received": D},
    "Attendance": {"participant": "A", "dates": [D]},
    "BusinessCalendar": {},
    "Change": {"parameter": "lead_time_days", "effective": D, "value": 21},
    "CourseCriteria": {},
    "CreditApplication": {"attendance": APP.attendance},
    "CreditingRule": {"clause": "yearlong.semester", "effective": D, "terms": DEFAULT_POLICY.crediting_rules[1].terms},
    "Decision": {"topic": "t", "subject": "s", "findings": []},
    "Documents": {},
    "EducatorRecord": {"educator": "E", "license_expires": "2026-06-30"},
    "Finding": {"clause": "ceu.noncredit", "outcome": Outcome.MET, "message": "m"},
    "Instructor": {"name": "Ana"},
    "Packet": {},
    "PacketEntry": {"term": "fall", "school_year": 2026, "packet": Packet()},
    "Payment": {"paid": D},
    "Policy": {},
    "Program": {"title": "T", "activity": "workshop"},
    "RuleSource": {"document": "doc"},
    "Segment": {"kind": "instruction", "start": "09:00", "end": "10:00"},
    "Source": {"document": "doc"},
    "Term": {"name": "fall", "months": [8], "issued_month": 12},
    "WaiverRequest": {"circumstances": "storm"},
    "YearLong": {},
}

_RESULT = "a result the library builds and hands out, not an input"
_ERROR = "an exception class of the library's tree"
_ENUM = "an enum: its members are looked up, not built; arguments that take one convert text with a typed error"
# Public callables the sweep does not call, each with the reason.
EXEMPT: dict[str, str] = {
    **dict.fromkeys(
        ["ApplicationColumns", "ApplicationSummary", "Batch", "Batching", "CreditLine", "CreditStatement"], _RESULT
    ),
    **dict.fromkeys(["CreditStatus", "Credits", "Event", "FileReport", "PacketStanding", "ProcessingWindow"], _RESULT),
    **dict.fromkeys(["RenewalFinding", "RenewalProgress", "Timeline", "Unbatched"], _RESULT),
    **dict.fromkeys(["Clause"], "an entry of the clause registry, built once from the reading (see clause())"),
    **dict.fromkeys(
        ["RenewalRule", "RuleVersion", "Requirement", "RequirementGroup"],
        "a renewal rule's tree, built by load_renewal_rule from a file (swept through the loader)",
    ),
    **dict.fromkeys(["Answer", "Reason"], "a typing.Protocol: the contract, not a value"),
    "ProgramFile": "built by load_program_file from a file or mapping (swept through the loader)",
    **{name: _ERROR for name in ceurules.errors.__all__ if name in ceurules.__all__},
    **dict.fromkeys(
        ["ActivityType", "Origin", "Outcome", "RenewalWindow", "Rounding", "SegmentKind", "Standing", "Status"], _ENUM
    ),
    "Verdict": _ENUM,
}

# Junk, by a name the tables below use: wrong types, impossible and out-of-range dates, NaN and infinite
# decimals, huge and negative numbers, empty and blank text, a lone surrogate, very long text.
JUNK: dict[str, Any] = {
    "None": None,
    "True": True,
    "object()": object(),
    "3.5": 3.5,
    "float nan": float("nan"),
    "Decimal NaN": Decimal("NaN"),
    "Decimal sNaN": Decimal("sNaN"),
    "Decimal Infinity": Decimal("Infinity"),
    "Decimal -Infinity": Decimal("-Infinity"),
    "10**5000": 10**5000,
    "-10**9": -(10**9),
    "empty text": "",
    "blank text": "   ",
    "lone surrogate": "\ud800",
    "2026-02-30": "2026-02-30",
    "2026-13-45": "2026-13-45",
    "yesterday": "yesterday",
    "negative timedelta": dt.timedelta(days=-1),
    "empty list": [],
    "0": 0,
    "-1": -1,
    "10**12": 10**12,
    "float inf": float("inf"),
    "Decimal -1": Decimal("-1"),
    "12/16/2026": "12/16/2026",
    "time": dt.time(9, 0),
    "[None]": [None],
    "twice the same date": ["2026-11-20", "2026-11-20"],
    "empty mapping": {},
    "year 1": dt.date(1, 1, 1),
    "year 9999": dt.date(9999, 12, 31),
    "datetime": dt.datetime(2026, 11, 20, 9, 30),
    "bytes": b"2026-11-20",
    "[object()]": [object()],
    "{'a': 1}": {"a": 1},
    "long text": "x" * 100_000,
}
_TEXT = {"2026-02-30", "2026-13-45", "12/16/2026", "yesterday", "long text"}
_FREE_TEXT = "free text: any non-blank text is a valid value here"
_BLANK = "optional text: blank means none given"
_FLOAT = "a number of hours or CEUs: a float is read by its shortest decimal text (3.5 is 3.5)"
# Junk an argument accepts because it is a valid value there, with the reason. Besides these, None is
# valid where the argument is optional (annotated or defaulting to None), and True where it is a flag.
ACCEPTED: dict[str, tuple[set[str], str]] = {
    **dict.fromkeys(
        (
            "packet_standing.participant",
            "Activity.id",
            "Activity.category",
            "Activity.educator",
            "Activity.reference",
            "Activity.title",
            "Attendance.participant",
            "Decision.topic",
            "Decision.subject",
            "Documents.website",
            "EducatorRecord.educator",
            "EducatorRecord.source",
            "Finding.message",
            "Instructor.name",
            "Instructor.qualifications",
        "Policy.name",
        "Policy.unit_name",
        "Policy.unit_abbreviation",
            "Program.title",
            "Program.activity_label",
            "RuleSource.document",
            "RuleSource.section",
            "RuleSource.note",
            "Segment.title",
            "Source.document",
            "Source.section",
            "WaiverRequest.circumstances",
            "load_program_file.name",
            "load_record.name",
            "load_renewal_rule.name",
        ),
        (_TEXT, _FREE_TEXT),
    ),
    **{
        name: ({"blank text", *_TEXT}, _BLANK)
        for name in ("Activity.reference", "Activity.title", "Instructor.qualifications", "RuleSource.note")
    },
    **{name: ({"empty text", "blank text", *_TEXT}, _BLANK) for name in ("Documents.website", "Segment.title")},
    "EducatorRecord.source": ({"empty text", "blank text", *_TEXT}, "the file the record came from, as a label"),
    "Activity.grade": ({"empty text"}, "an empty CSV cell: not given"),
    "Activity.hours": ({"empty text", "3.5"}, "an empty CSV cell: not given; " + _FLOAT),
    "Activity.educator": ({"empty text", *_TEXT}, "an empty CSV cell: not given; else free text"),
    **{
        name: ({"3.5"}, _FLOAT)
        for name in (
        "ceus.contact_time",
        "contact_minutes.contact_time",
        "credits.contact_time_or_program",
        "Activity.amount",
        "Policy.contact_hours_per_ceu",
        "Policy.minimum_contact_hours",
        "Policy.first_award",
        "Program.contact_hours",
        )
    },
    "Finding.facts": ({"{'a': 1}", "empty mapping"}, "facts are any mapping of names to values"),
    "BusinessCalendar.categories": (
        {"{'a': 1}", "twice the same date", *_TEXT},
        "checked on first use, by the holidays package (a mapping is read by its keys)",
    ),
    "Segment.start": ({"time"}, "a time of day"),
    "Change.value": (set(JUNK), "checked against its parameter when the change is part of a Policy (Policy.changes)"),
    "CreditingRule.effective": ({"None"}, "the first crediting rule has no start date"),
    "BusinessCalendar.country": (_TEXT, "checked on first use: an unknown country raises UnknownCalendarError"),
    "BusinessCalendar.subdivision": (
        {"None", *_TEXT},
        "None: the whole country; else checked on first use, as the country",
    ),
    "BusinessCalendar.weekend": ({"empty text", "empty list"}, "no weekend days"),
    "Policy.name": ({"empty text", "blank text", *_TEXT}, "shown in reports; a policy file may leave it blank"),
    "Program.sessions": ({"empty list"}, "no sessions: the offering dates are the sessions"),
    "check_credit_application.approval": ({"None"}, "None: the program is not approved (credit.link)"),
    "check_credit_application.offered": ({"empty list"}, "no offering dates: every attended date is flagged"),
    **dict.fromkeys(
        (
            "semester_batches.meeting_dates",
            "full_packet.meeting_dates",
            "application_summaries.applications",
            "packet_standing.attended",
        ),
        ({"empty list"}, "no meetings (or applications): an empty answer"),
    ),
    "Decision.findings": ({"empty list"}, "a decision on nothing passes (the verdict of no findings)"),
    **dict.fromkeys(("Term.name", "Change.parameter"), (_TEXT, "a name the policy defines; checked in the Policy")),
    **dict.fromkeys(
        ("packet_rule.term", "PacketEntry.term"),
        (_TEXT, "a term no rule of the time had is judged by the version in force (a review reports the packet)"),
    ),
}


def _also(names: Iterable[str], accepted: tuple[set[str], str]) -> None:
    """More junk that these arguments accept, with the reason (added to what ACCEPTED lists)."""
    junk, reason = accepted
    for name in names:
        valid, why = ACCEPTED.get(name, (set(), ""))
        ACCEPTED[name] = (valid | junk, f"{why}; {reason}" if why else reason)


_also(
    (
        "ceus.contact_time",
        "contact_minutes.contact_time",
        "credits.contact_time_or_program",
        "participant_ceus.meetings",
        "Activity.amount",
        "Activity.hours",
        "Program.contact_hours",
        "Policy.application_window",
        "Policy.first_award",
        "Policy.lead_time_days",
        "Policy.minimum_contact_hours",
        "Policy.packet_credit_business_days",
        "Policy.processing_earliest_business_days",
        "Policy.review_business_days",
        "Policy.semi_osl_delay",
        ),
    ({"0"}, "zero is a valid amount, count or number of days here"),
)
_also(
    ("Documents.vitas", "Packet.applications", "Packet.evaluations"),
    ({"twice the same date", *_TEXT}, "names, read as a set: any text is a name, a repeat counts once"),
)
_also(
    ("BusinessCalendar.extra_closures", "BusinessCalendar.removed_holidays"),
    ({"twice the same date"}, "days, read as a set: a repeat counts once"),
)
_also(
    (f"application_columns.{column}" for column in ("certificate_date", "first_day", "paid", "submitted")),
    ({"[None]"}, "a column of optional dates: None is a row without one"),
)


# An argument whose refusals name the field as the user wrote it, not the argument's name.
ALIASES: dict[str, tuple[str, ...]] = {
    "clause.clause_id": ("clause",),
    "application_columns.last_day": ("certificate_date",),  # columns of unequal length: the one that differs
    "credits.contact_time_or_program": ("contact_time", "program"),
    "load_renewal_rule.source": ("rule",),
    "Attendance.dates": ("attended",),
    "Agenda.segments": ("agenda",),
    **{f"Documents.{flag}": (f"documents.{flag}",) for flag in ("approval_form", "timed_agenda", "brochure", "flyer")},
    "WaiverRequest.circumstances": ("waiver.circumstances",),
}
PUBLIC = {name: getattr(ceurules, name) for name in ceurules.__all__}
CALLABLES = sorted(name for name, value in PUBLIC.items() if callable(value))
ARGUMENTS = [
    (name, parameter)
    for name in sorted(SWEPT)
    for parameter in inspect.signature(PUBLIC[name]).parameters.values()
    if parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
]
FUNCTIONS = sorted(n for n in CALLABLES if inspect.isfunction(PUBLIC[n]))
WITH_POLICY = [n for n in FUNCTIONS if "policy" in inspect.signature(PUBLIC[n]).parameters]
POLICY_JUNK: list[Any] = [None, "strict", 3, {"lead_time_days": 14}, object(), DEFAULT_POLICY.calendar, Decimal("NaN")]


def test_every_public_callable_is_swept_or_exempt_with_a_reason() -> None:
    assert not set(SWEPT) & set(EXEMPT)
    missing = sorted(set(CALLABLES) - set(SWEPT) - set(EXEMPT))
    assert not missing, f"add valid arguments to SWEPT (or a reason to EXEMPT) for {missing}"
    assert sorted(set(SWEPT) | set(EXEMPT)) == CALLABLES, "SWEPT and EXEMPT name only public callables"
    assert all(EXEMPT.values())


@pytest.mark.parametrize("name", sorted(SWEPT))
def test_valid_arguments_are_answered(name: str) -> None:
    answer = PUBLIC[name](**SWEPT[name])
    if name.startswith("is_"):
        assert answer is True, "the valid arguments of a predicate answer yes, so junk that answers no is seen"


def _valid_junk(name: str, parameter: inspect.Parameter) -> set[str]:
    """The junk an argument accepts: None when optional, True when a flag, an empty list when it defaults
    to an empty collection, and what ACCEPTED lists."""
    annotation = str(parameter.annotation)
    valid = set(ACCEPTED.get(f"{name}.{parameter.name}", (set(), ""))[0])
    if "None" in annotation or parameter.default is None:
        valid.add("None")
    if annotation.startswith("bool"):
        valid.add("True")
    if _empty_by_default(PUBLIC[name], parameter):
        valid.add("empty list")
    if "empty list" in valid:
        valid.add("empty mapping")  # an empty collection of either kind says: none
    return valid


def _empty_by_default(function: object, parameter: inspect.Parameter) -> bool:
    default = parameter.default
    if isinstance(default, tuple | frozenset | list | set | dict) and not default:
        return True
    if not (isinstance(function, type) and attrs.has(function)):
        return False
    field = attrs.fields_dict(function).get(parameter.name)
    return field is not None and isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "parameter"), ARGUMENTS, ids=[f"{n}.{p.name}" for n, p in ARGUMENTS])
def test_junk_in_each_argument_is_refused_with_a_library_error(name: str, parameter: inspect.Parameter) -> None:
    """Junk in an argument raises the library's error naming the argument; accepted junk fails the test
    unless it is a valid value there; a predicate answers no, never raises."""
    function: Callable[..., object] = PUBLIC[name]
    valid = _valid_junk(name, parameter)
    names = (parameter.name, *ALIASES.get(f"{name}.{parameter.name}", ()))
    accepted = []
    for label, junk in JUNK.items():
        if label in valid or (isinstance(parameter.default, str) and junk == parameter.default):
            continue
        try:
            answer = function(**{**SWEPT[name], parameter.name: junk})
        except InvalidInputError as err:
            assert err.field.startswith(names), f"{label}: the error names {err.field!r}, not {names}"
            assert str(err)
            assert _shown_alone(err), f"{label}: refused while handling {err.__context__!r}"
            continue
        except CeuRulesError as err:
            assert str(err)
            assert _shown_alone(err), f"{label}: refused while handling {err.__context__!r}"
            continue
        if not (name.startswith("is_") and answer is False):
            accepted.append(label)
    assert not accepted, f"{name}({parameter.name}=...) accepted junk: {accepted}"


def _shown_alone(err: BaseException) -> bool:
    """A refusal whose traceback is its own: not raised while the library handled another exception."""
    return err.__context__ is None or err.__suppress_context__


@pytest.mark.parametrize("name", WITH_POLICY)
def test_policy_is_checked_by_every_function(name: str) -> None:
    function: Callable[..., object] = PUBLIC[name]
    for junk in POLICY_JUNK:
        if name.startswith("is_"):
            assert function(**SWEPT[name], policy=junk) is False
            continue
        with pytest.raises(InvalidInputError) as caught:
            function(**SWEPT[name], policy=junk)
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
