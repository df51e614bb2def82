"""The clause registry: every rule of the CEU policy, once, with a stable ID.

The IDs are the ones of the policy reading (``shared/policy/READING.md`` in the
project's planning notes, reproduced in ``docs/rules.md``). Every finding the
library produces cites one of them. ``docs/rules.md`` is generated from this
table by ``ceurules rules > docs/rules.md`` and a test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt

import attrs

__all__ = ["CLAUSES", "DEFAULTS", "Clause", "clause", "rules_reference"]


@attrs.frozen(kw_only=True)
class Clause:
    """One clause of the policy.

    ``effective`` is the first day the clause applies (``None``: always);
    ``until`` is the first day it no longer applies (``None``: still in force).
    """

    id: str
    summary: str
    effective: dt.date | None = None
    until: dt.date | None = None

    def in_force(self, day: dt.date) -> bool:
        """Whether the clause applies on ``day`` (``effective`` included, ``until`` excluded)."""
        if self.effective is not None and day < self.effective:
            return False
        return self.until is None or day < self.until

    @property
    def effective_text(self) -> str:
        """The clause's period of force in words, as the rules reference shows it."""
        if self.effective is None and self.until is None:
            return "always"
        if self.until is None:
            return f"from {self.effective}"
        if self.effective is None:
            return f"before {self.until}"
        return f"from {self.effective} until {self.until}"  # pragma: no cover - none yet


def _c(
    id: str,
    summary: str,
    *,
    effective: dt.date | None = None,
    until: dt.date | None = None,
) -> Clause:
    return Clause(id=id, summary=summary, effective=effective, until=until)


_SEMESTER_START = dt.date(2016, 7, 1)

CLAUSES: dict[str, Clause] = {
    c.id: c
    for c in (
        _c("ceu.unit", "Ten contact hours of organised, directed, qualified instruction make 1.0 CEU."),
        _c("ceu.noncredit", "CEUs go only to non-credit programs, never to academic-credit courses."),
        _c("course.organized", "The course takes place in an organised, structured setting."),
        _c("course.need", "The course is planned to meet a specific educational need."),
        _c("course.objective", "The course states a clear purpose and objective."),
        _c("course.instructors", "Qualified instructors take a direct part in running the course."),
        _c(
            "course.performance",
            "What a participant must do to earn the CEUs is fixed before the course is offered.",
        ),
        _c("course.evaluation", "Participants are evaluated by a defined process."),
        _c(
            "program.eligible.format",
            "Seminars, workshops, short courses, certificate programs and educational trainings "
            "qualify when they meet at a scheduled time.",
        ),
        _c(
            "program.eligible.method",
            "Supervised online independent study, directed reading and project-based assignments qualify.",
        ),
        _c("program.eligible.license", "License renewal and paraprofessional training programs qualify."),
        _c("program.ineligible.meeting", "Committee meetings and other business meetings do not qualify."),
        _c(
            "program.ineligible.recreation",
            "Entertainment, recreation and athletics do not qualify.",
        ),
        _c("program.ineligible.social", "Cultural performances and social events do not qualify."),
        _c(
            "program.ineligible.work",
            "Work experience, on-the-job training and apprenticeships do not qualify.",
        ),
        _c(
            "approval.lead-time",
            "The approval request must arrive 14 days or more before the program is first offered.",
        ),
        _c(
            "approval.waiver",
            "The lead time is waived only when asked for, and only for extenuating circumstances.",
        ),
        _c(
            "approval.documents",
            "A request includes the approval form, a timed agenda, a vita or resume for each "
            "instructor or speaker, and program materials (brochure, flyer or website address).",
        ),
        _c(
            "approval.dates",
            "An approval covers only the dates it lists; a repeated program lists every date.",
        ),
        _c("approval.review", "A complete request is reviewed within 3 business days."),
        _c(
            "credit.certificate",
            "The facilitator gives each participant who completed a certificate of completion or proof of attendance.",
        ),
        _c(
            "credit.link",
            "Once the program is approved the facilitator receives the credit-application link "
            "and passes it to participants.",
        ),
        _c(
            "credit.proof",
            "The participant uploads the proof of attendance with the credit application.",
        ),
        _c(
            "credit.window",
            "Participants apply and pay within 30 days (elsewhere: one month) of the session's "
            "last day or of their certificate date.",
        ),
        _c(
            "credit.processing",
            "When application and payment are both in, CEUs are meant to post within 7 to 10 business days.",
        ),
        _c(
            "credit.semi-osl",
            "SEMI and OSL credits go to the state account 30 days after the training.",
        ),
        _c(
            "credit.record",
            "An issued certificate appears in the participant's registration history; an event "
            "missing there has not been processed yet.",
            effective=dt.date(2017, 7, 1),
        ),
        _c(
            "yearlong.semester",
            "Year-long programs are credited per semester: August-December meetings in a packet "
            "due at the end of December, January-June meetings in a packet due at the end of June; "
            "credit is issued in December and June. A packet holds sign-in sheets, CEU "
            "applications and evaluation forms.",
            effective=_SEMESTER_START,
        ),
        _c(
            "yearlong.annual",
            "Before semester crediting, year-long programs were credited once per school year.",
            until=_SEMESTER_START,
        ),
    )
}

#: The reading's settled defaults: what the policy text leaves open and how ceurules decides it.
DEFAULTS: dict[str, str] = {
    "D1": "The 14-day lead time counts calendar days; the first offering minus 14 days is still on time.",
    "D2": "A request received on a non-business day counts from the next business day; "
    "review is due on the 3rd business day after that.",
    "D3": "Business days are Monday-Friday minus the holidays of the calendar in force "
    "(default: US federal plus Mississippi, public, observed).",
    "D4": "The application window is 30 calendar days, counting from the anchor date (the last day included).",
    "D5": "The window is anchored on the certificate date when known, else on the session's last day.",
    "D6": "Processing starts on the later of application and payment and should end between "
    "7 and 10 business days later; after 10 it is overdue.",
    "D7": "CEU = contact hours / 10, exact, awarded in tenths rounded half up.",
    "D8": "A contact hour is 60 minutes of instruction; breaks, meals, registration and social time do not count.",
    "D9": "July meetings of a year-long program fall in no semester and are reported as not batched.",
    "D10": "A semester packet is due on the last calendar day of the semester's last month.",
    "D11": "An activity type the policy does not name needs review.",
    "D12": "Program materials means at least one of brochure, flyer or website address.",
    "D13": "A rule is applied in the version in force on the date it is about.",
}


def clause(clause_id: str) -> Clause:
    """The registered clause with this ID; an unknown ID raises :class:`~ceurules.InvalidInputError`."""
    try:
        return CLAUSES[clause_id]
    except KeyError:
        from .errors import InvalidInputError

        raise InvalidInputError("clause", clause_id, "a clause ID of the registry") from None


def rules_reference() -> str:
    """The Markdown text of ``docs/rules.md``, generated from the registry."""
    lines = [
        "# Rules reference",
        "",
        "<!-- Generated by `ceurules rules > docs/rules.md`; a test checks it against the registry. -->",
        "",
        "Every finding ceurules reports cites one of these clause IDs. Where the policy text is",
        "open, the reading's default (D1-D13) applies; each default is a field of",
        "[`Policy`](policy.md), so an agency can change it.",
        "",
        "## Clauses",
        "",
        "| ID | in force | what it says |",
        "|---|---|---|",
    ]
    lines += [f"| `{c.id}` | {c.effective_text} | {c.summary} |" for c in CLAUSES.values()]
    lines += ["", "## Defaults where the text is open", "", "| # | default |", "|---|---|"]
    lines += [f"| {key} | {text} |" for key, text in DEFAULTS.items()]
    return "\n".join(lines) + "\n"
