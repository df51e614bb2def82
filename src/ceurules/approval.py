"""Approval requests: lead time, waivers, documents, review, approved dates.

Clauses ``approval.lead-time``, ``approval.waiver``, ``approval.documents``,
``approval.dates`` and ``approval.review``, with defaults D1, D2, D3 and D12.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from . import _convert as to
from . import _display as show
from ._convert import check_type, to_optional_date, to_text
from ._value import Value, set_repr
from .approval_deadlines import lead_time_met, review_due, submission_deadline
from .decisions import Decision, Finding, Outcome, in_by, not_yet_in
from .errors import CeuRulesError, InvalidInputError
from .policy import DEFAULT, Policy, check_policy

if TYPE_CHECKING:
    from .programs import Program

__all__ = [
    "Approval",
    "ApprovalRequest",
    "Documents",
    "WaiverRequest",
    "check_approval_request",
    "is_date_approved",
    "is_request_on_time",
    "review_due",
    "submission_deadline",
]


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset(to.each_item(to.to_list(value, "vitas", "a list of instructor names"), "vitas", to_text))


def _website(value: str | None) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_text(value, "website")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Documents(Value):
    """What an approval request carries (``approval.documents``).

    ``vitas`` names the instructors whose vita or resume is attached.
    Program materials are a brochure, a flyer or a website address; one is
    enough (D12).

    >>> from ceurules import Documents
    >>> docs = Documents(approval_form=True, timed_agenda=True, website="https://example.org")
    >>> docs.has_materials
    True
    """

    approval_form: bool = False
    timed_agenda: bool = False
    vitas: frozenset[str] = attrs.field(default=frozenset(), converter=_names, repr=set_repr)
    brochure: bool = False
    flyer: bool = False
    website: str | None = attrs.field(default=None, converter=_website)

    def __attrs_post_init__(self) -> None:
        for name in ("approval_form", "timed_agenda", "brochure", "flyer"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidInputError(f"documents.{name}", getattr(self, name), "true or false")

    @property
    def has_materials(self) -> bool:
        """Whether at least one program material is attached (D12)."""
        return self.brochure or self.flyer or self.website is not None


def _circumstances(v: str) -> str:
    return to_text(v, "waiver.circumstances")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class WaiverRequest(Value):
    """A request to waive the lead time, with the extenuating circumstances stated.

    >>> import attrs
    >>> from ceurules import ApprovalRequest, WaiverRequest, check_approval_request
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> waiver = WaiverRequest(circumstances="the district closed for a storm")
    >>> late = ApprovalRequest(program=pf.program, received="2026-12-10", waiver=waiver)
    >>> check_approval_request(late).verdict_label
    'fail'
    """

    circumstances: str = attrs.field(converter=_circumstances)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ApprovalRequest(Value):
    """A CEU approval request as received: the program, the day it arrived, what came with it.

    >>> from ceurules import ApprovalRequest, check_approval_request
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> request = ApprovalRequest(program=pf.program, received="2026-11-20")
    >>> check_approval_request(request).verdict_label
    'fail'
    """

    program: Program
    received: dt.date = attrs.field(converter=to.date)
    documents: Documents = attrs.field(factory=Documents)
    waiver: WaiverRequest | None = attrs.field(
        default=None, validator=check_type(WaiverRequest, "a WaiverRequest or None", optional=True)
    )

    def __attrs_post_init__(self) -> None:
        from .programs import Program  # deferred: the deadlines need no program class

        if not isinstance(self.program, Program):
            raise InvalidInputError("program", self.program, "a Program")
        if not isinstance(self.documents, Documents):
            raise InvalidInputError("documents", self.documents, "a Documents")

    def _repr_markdown_(self) -> str:
        return show.sections_markdown(show.approval_request_sections(self))

    def _repr_html_(self) -> str:
        return show.sections_html(show.approval_request_sections(self))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Approval(Value):
    """A granted approval: the dates it covers (``approval.dates``) and when it was granted.

    >>> from ceurules import Approval, is_date_approved
    >>> approval = Approval(dates=["2026-12-15"], approved_on="2026-11-24")
    >>> is_date_approved(approval.dates[0], approval)
    True
    """

    dates: tuple[dt.date, ...] = attrs.field(converter=to.dates)
    approved_on: dt.date | None = attrs.field(default=None, converter=to.optional_date)

    def __attrs_post_init__(self) -> None:
        if not self.dates:
            raise InvalidInputError("dates", self.dates, "at least one approved date")


def is_date_approved(day: dt.date, approval: Approval | None) -> bool:
    """Whether ``day`` is one of the approval's dates (``approval.dates``); never raises.

    >>> from ceurules import Approval, is_date_approved
    >>> is_date_approved("2026-12-16", Approval(dates=["2026-12-15"]))
    False
    """
    return isinstance(approval, Approval) and day in approval.dates


def _missing_documents(docs: Documents, program: Program) -> list[str]:
    """What the request lacks (``approval.documents``): the form, the timed agenda, each instructor's vita,
    program materials (one of brochure, flyer, website is enough, D12)."""
    missing: list[str] = []
    if not docs.approval_form:
        missing.append("the completed CEU approval form")
    if not docs.timed_agenda:
        missing.append("the timed agenda")
    lacking = [p.name for p in program.instructors if p.name not in docs.vitas]
    missing += [f"the vita or resume of {name}" for name in lacking]
    if not docs.has_materials:
        missing.append("program materials (a brochure, flyer or website address)")
    return missing


def is_request_on_time(request: object, *, policy: Policy = DEFAULT) -> bool:
    """Whether ``request`` came in by the lead time (``approval.lead-time``, D1); never raises.

    A request for a program without offering dates, or anything that is not an
    :class:`ApprovalRequest`, is ``False``. A waiver does not make a late request on time.

    >>> import attrs
    >>> from ceurules import is_request_on_time
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> is_request_on_time(pf.request), is_request_on_time(attrs.evolve(pf.request, received="2026-12-10"))
    (True, False)
    """
    if not isinstance(request, ApprovalRequest) or not request.program.offering_dates:
        return False
    try:
        deadline = submission_deadline(request.program.offering_dates, policy=check_policy(policy))
        return lead_time_met(request.received, deadline)
    except CeuRulesError:
        return False


def _document_findings(request: ApprovalRequest) -> list[Finding]:
    """One answer for ``approval.documents``: every instructor's vita is among the documents, so a program that
    names no instructor cannot show it has them all. Such a request is incomplete when another document is
    missing (NOT MET), else it needs review: never "every vita" of no one."""
    docs, program = request.documents, request.program
    missing = _missing_documents(docs, program)
    facts = {"instructors": [p.name for p in program.instructors], "vitas": sorted(docs.vitas), "missing": missing}
    unnamed = "the program names no instructor or speaker, so no vita can be checked"
    if missing:
        message = "The request is incomplete; missing: " + "; ".join(missing) + "."
        message += f" Also, {unnamed}." if not program.instructors else ""
        return [Finding.not_met("approval.documents", message, default="D12", **facts)]
    if not program.instructors:
        message = f"The request carries the form, the timed agenda and program materials, but {unnamed}."
        return [Finding.needs_review("approval.documents", message, default="D12", **facts)]
    message = "The request carries every document: form, timed agenda, every vita, program materials."
    return [Finding.met("approval.documents", message, default="D12", **facts)]


def _timeliness_findings(request: ApprovalRequest, policy: Policy, as_of: dt.date | None) -> list[Finding]:
    deadline = submission_deadline(request.program.offering_dates, policy=policy)
    if in_by(request.received, as_of) is None and as_of is not None and lead_time_met(as_of, deadline):
        message = f"Not yet received on the day of the check ({as_of}); it is on time if it arrives by {deadline}."
        return [Finding.note("approval.lead-time", message, default="D1", deadline=deadline, as_of=as_of)]
    first = request.program.offering_dates[0]
    lead_time_days = policy.on(first).lead_time_days
    facts = {
        "received": request.received,
        "first_offering": first,
        "deadline": deadline,
        "lead_time_days": lead_time_days,
        **policy.dated_facts(first, "lead_time_days"),
    }
    if lead_time_met(request.received, deadline):
        message = (
            f"Received {request.received}, on or before the deadline {deadline} "
            f"({lead_time_days} days before the first offering)."
        )
        return [Finding.met("approval.lead-time", message, default="D1", **facts)]
    late = (request.received - deadline).days
    outcome = Outcome.NOT_MET if request.waiver is None else Outcome.NEEDS_REVIEW
    message = (
        f"Received {request.received}, {late} day(s) after the deadline {deadline} "
        f"({lead_time_days} days before the first offering)."
    )
    lateness = Finding.of(outcome, "approval.lead-time", message, default="D1", **facts, days_late=late)
    return [lateness, _waiver_finding(request.waiver)]


def _waiver_finding(waiver: WaiverRequest | None) -> Finding:
    """A late request (``approval.waiver``): without a waiver request it fails; with one, staff decide."""
    if waiver is None:
        message = "The request is late and asks for no waiver of the lead time."
        return Finding.not_met("approval.waiver", message, waiver_requested=False)
    message = (
        "The request is late and asks for a waiver; staff must decide whether the stated "
        f"circumstances are extenuating: {waiver.circumstances!r}."
    )
    return Finding.needs_review("approval.waiver", message, waiver_requested=True, circumstances=waiver.circumstances)


def _dates_finding(program: Program) -> Finding:
    days = program.offering_dates
    if not days:
        message = "The request lists no offering date; an approval covers only the dates it lists."
        return Finding.not_met("approval.dates", message, offering_dates=[])
    message = f"An approval would cover exactly {len(days)} date(s): " + ", ".join(map(str, days)) + "."
    return Finding.note("approval.dates", message, offering_dates=list(days))


def _review_finding(received: dt.date, policy: Policy) -> Finding:
    """When the review of a complete request is due (``approval.review``, D2, D3)."""
    due = review_due(received, policy=policy)
    facts = {
        "received": received,
        "review_due": due,
        "business_days": policy.on(received).review_business_days,
        **policy.dated_facts(received, "review_business_days"),
    }
    message = f"The complete request received {received} is due for review by {due}."
    return Finding.note("approval.review", message, default="D2", **facts)


def _review_waits(received: dt.date) -> Finding:
    """An incomplete request: the review clock has not started (``approval.review``, D2)."""
    message = "The review clock starts only once the request is complete."
    return Finding.note("approval.review", message, default="D2", received=received)


def check_approval_request(
    request: ApprovalRequest, *, policy: Policy = DEFAULT, as_of: dt.date | str | None = None
) -> Decision:
    """Check a request for completeness, timeliness and dates, and say when its review is due.

    Every missing document is named, each missing vita by instructor. A late
    request with a waiver request needs review; without one it fails. With
    ``as_of``, a request received after that day has not arrived yet on it
    (:func:`~ceurules.decisions.in_by`): a note on ``received`` says so, its
    review has not started, and its lead time is undecided until the deadline
    has passed.

    >>> from ceurules import check_approval_request
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> decision = check_approval_request(pf.request)
    >>> decision.verdict_label, sorted(decision.cited_clauses())[:2]
    ('pass', ['approval.dates', 'approval.documents'])
    """
    policy = check_policy(policy)
    if not isinstance(request, ApprovalRequest):
        raise InvalidInputError("request", request, "an ApprovalRequest")
    as_of = to_optional_date(as_of, "as_of")
    findings = [_dates_finding(request.program), *_document_findings(request)]
    if request.program.offering_dates:
        findings += _timeliness_findings(request, policy, as_of)
    complete = not any(f.clause == "approval.documents" and f.outcome is Outcome.NOT_MET for f in findings)
    later = not_yet_in({"received": request.received}, as_of, "approval.review", "D2")
    if later:  # not yet arrived on as_of: its review has not started
        findings += later
    else:
        findings.append(_review_finding(request.received, policy) if complete else _review_waits(request.received))
    return Decision(topic="approval request", subject=request.program.title, findings=findings, policy=policy.stamp)
