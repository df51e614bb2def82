"""The clause registry: every rule of the CEU policy, once, with a stable ID.

The IDs are the ones of the policy reading (``shared/policy/READING.md`` in the
project's planning notes, reproduced in ``docs/rules.md``). Every finding the
library produces cites one of them. ``docs/rules.md`` is generated from this
table by ``ceurules rules > docs/rules.md`` and a test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .policy import CreditingRule, Policy, Term

__all__ = ["CLAUSES", "DEFAULTS", "Clause", "clause", "default_text", "render", "rules_reference"]


@attrs.frozen(kw_only=True)
class Clause:
    """One clause of the policy: its ID and its summary, a template over the policy's values.

    When a clause is in force is the policy's to say (``registration_history_from``,
    the crediting rules' effective dates): see :meth:`in_force`.
    """

    id: str
    summary: str

    def text(self, *, policy: Policy | None = None) -> str:
        """The summary with the policy's values filled in (default: the source policy)."""
        return render(self.summary, _policy(policy), clause_id=self.id)

    def period(self, *, policy: Policy | None = None) -> tuple[dt.date | None, dt.date | None]:
        """``(effective, until)`` under the policy: the first day the clause applies and the first day it no
        longer does (``None``: no limit on that side)."""
        policy = _policy(policy)
        if self.id == "credit.record":
            return policy.registration_history_from, None
        rules = policy.crediting_rules
        for i, rule in enumerate(rules):
            if rule.clause == self.id:
                nxt = next((r.effective for r in rules[i + 1 :] if r.clause != self.id), None)
                return rule.effective if i else None, nxt
        return None, None

    def in_force(self, day: dt.date, *, policy: Policy | None = None) -> bool:
        """Whether the clause applies on ``day`` (``effective`` included, ``until`` excluded)."""
        effective, until = self.period(policy=policy)
        if effective is not None and day < effective:
            return False
        return until is None or day < until

    def effective_text(self, *, policy: Policy | None = None) -> str:
        """The clause's period of force in words, as the rules reference shows it."""
        effective, until = self.period(policy=policy)
        if effective is None and until is None:
            text = "always"
        elif until is None:
            text = f"from {effective}"
        elif effective is None:
            text = f"before {until}"
        else:
            text = f"from {effective} until {until}"
        from string import Formatter

        named = {name for _, name, _, _ in Formatter().parse(self.summary) if name}
        changed = sorted({c.effective for c in _policy(policy).changes if c.parameter in named})
        return text + (f"; its values change on {', '.join(map(str, changed))}" if changed else "")


def _c(id: str, summary: str) -> Clause:
    return Clause(id=id, summary=summary)


CLAUSES: dict[str, Clause] = {
    c.id: c
    for c in (
        _c(
            "ceu.unit",
            "{contact_hours_per_ceu} contact hours of organised, directed, qualified instruction make 1.0 CEU.",
        ),
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
            "The approval request must arrive {lead_time_days} days or more before the program is first offered.",
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
        _c("approval.review", "A complete request is reviewed within {review_business_days} business days."),
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
            "Participants apply and pay within {application_window} of the session's last day "
            "or of their certificate date.",
        ),
        _c(
            "credit.processing",
            "When application and payment are both in, CEUs are meant to post within "
            "{processing_earliest_business_days} to {processing_latest_business_days} business days.",
        ),
        _c(
            "credit.semi-osl",
            "SEMI and OSL credits go to the state account {semi_osl_delay} after the training.",
        ),
        _c(
            "credit.record",
            "An issued certificate appears in the participant's registration history; an event "
            "missing there has not been processed yet.",
        ),
        _c(
            "yearlong.semester",
            "Year-long programs are credited per semester, each semester's meetings in a packet due "
            "at the end of its last month and credited in its issue month: {terms}. A packet holds "
            "sign-in sheets, CEU applications and evaluation forms.",
        ),
        _c(
            "yearlong.annual",
            "Before semester crediting, year-long programs were credited once per school year: {terms}.",
        ),
    )
}

#: The reading's settled defaults: what the policy text leaves open and how ceurules decides it.
DEFAULTS: dict[str, str] = {
    "D1": "The {lead_time_days}-day lead time counts calendar days; the first offering minus "
    "{lead_time_days} days is still on time.",
    "D2": "A request received on a non-business day counts from the next business day; "
    "review is due {review_business_days} business days after that.",
    "D3": "Business days are {workdays} minus the holidays of the calendar in force ({calendar}).",
    "D4": "The application window is {application_window}, counting from the anchor date (the last day included).",
    "D5": "The window is anchored on the certificate date when known, else on the session's last day.",
    "D6": "Processing starts on the later of application and payment and should end between "
    "{processing_earliest_business_days} and {processing_latest_business_days} business days later; "
    "after {processing_latest_business_days} it is overdue.",
    "D7": "{unit_abbreviation} = contact hours / {contact_hours_per_ceu}, exact, awarded in steps of {ceu_increment}"
    "{first_award} rounded {ceu_rounding}{minimum_contact_hours}{sum_segments}.",
    "D8": "A contact hour is {minutes_per_contact_hour} minutes of contact time ({contact_kinds}); "
    "other agenda time such as breaks, meals and registration does not count.",
    "D9": "Meetings of a year-long program in a month no term takes ({unbatched_months}) are reported as not batched.",
    "D10": "A semester packet is due on the last calendar day of the semester's last month.",
    "D11": "An activity type the policy does not name needs review.",
    "D12": "Program materials means at least one of brochure, flyer or website address.",
    "D13": "A rule is applied in the version in force on the date it is about.",
    "D14": "A year-long participant's credit runs through the packet of the meetings' term, not the "
    "application window: on time when in that packet submitted by its due date; expected in the issue month, "
    "or within {packet_credit_business_days} business days after the packet arrives when later; overdue after that.",
    "D15": "Each offering is a session of one or more dated days; CEUs are per session; the window "
    "runs from the last day of the session the participant attended.",
    "D16": "A year-long participant's contact time adds up over the meetings signed in for in one packet "
    "and is rounded once; eligibility judges what a full packet of meetings carries.",
}


def clause(clause_id: str) -> Clause:
    """The registered clause with this ID; an unknown ID raises :class:`~ceurules.InvalidInputError`."""
    try:
        return CLAUSES[clause_id]
    except (KeyError, TypeError):  # unknown, or not even a possible ID
        from .errors import InvalidInputError

        raise InvalidInputError("clause", clause_id, "a clause ID of the registry") from None


def _policy(policy: Policy | None) -> Policy:
    if policy is None:
        from .policy import DEFAULT_POLICY

        return DEFAULT_POLICY
    return policy


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def _words(parameter: str, value: Any) -> str:
    """One parameter's value as the rules reference says it."""
    if parameter in ("application_window", "semi_osl_delay"):
        parts = [(value.years, "year"), (value.months, "month"), (value.days, "calendar day")]
        return " and ".join(_plural(n, unit) for n, unit in parts if n) or "0 calendar days"
    if parameter == "ceu_rounding":
        return str(value.name).lower().replace("_", " ").replace("even", "to even")
    if parameter == "minimum_contact_hours":
        return f"; under {value} contact hours no CEU" if value else ""
    if parameter == "first_award":
        return f" after a first award of {value} (less earns nothing)" if value else ""
    if parameter == "sum_segments":
        return "" if value else "; each block of contact time is counted on its own"
    if parameter == "contact_kinds":
        return ", ".join(sorted(k.value for k in value))
    if parameter == "calendar":
        where = value.country + (f"-{value.subdivision}" if value.subdivision else "")
        extra = f", {len(value.extra_closures)} extra closure(s)" if value.extra_closures else ""
        removed = f", {len(value.removed_holidays)} holiday(s) removed" if value.removed_holidays else ""
        observed = "observed" if value.observed else "not observed"
        return f"holidays of {where}, {'/'.join(sorted(value.categories))}, {observed}{extra}{removed}"
    return str(value)


def _terms(rule: CreditingRule) -> str:
    def months(t: Term) -> str:
        first, last = _MONTHS[rule.first_month(t)], _MONTHS[rule.last_month(t)]
        return first if first == last else f"{first}-{last}"

    return "; ".join(f"{t.name} ({months(t)}, credited in {_MONTHS[t.issued_month]})" for t in rule.terms)


def _values(policy: Policy, clause_id: str | None) -> dict[str, str]:
    """Every value a template may name, in words; a dated parameter lists its later versions too."""
    import attrs

    values: dict[str, str] = {}
    for field in attrs.fields(type(policy)):
        if field.init and field.name not in ("changes", "sources", "crediting_rules"):
            text = _words(field.name, getattr(policy, field.name))
            changes = [c for c in policy.changes if c.parameter == field.name]
            later = [f"{_words(c.parameter, c.value)} from {c.effective}" for c in changes]
            values[field.name] = text + (f" ({'; '.join(later)})" if later else "")
    weekend = policy.calendar.weekend
    values["workdays"] = (
        "Monday-Friday" if weekend == {5, 6} else ", ".join(d for i, d in enumerate(_WEEKDAYS) if i not in weekend)
    )
    rules = [r for r in policy.crediting_rules if r.clause == clause_id] or [policy.crediting_rules[-1]]
    values["terms"] = _terms(rules[-1])
    taken = {m for t in policy.crediting_rules[-1].terms for m in t.months}
    values["unbatched_months"] = ", ".join(_MONTHS[m] for m in range(1, 13) if m not in taken) or "none"
    return values


def render(template: str, policy: Policy, *, clause_id: str | None = None) -> str:
    """A clause summary or default text with the policy's values filled in."""
    return template.format_map(_values(policy, clause_id))


def default_text(key: str, policy: Policy | None = None) -> str:
    """The text of default ``key`` (``"D1"``) under the policy."""
    return render(DEFAULTS[key], _policy(policy))


def rules_reference(policy: Policy | None = None) -> str:
    """The Markdown text of ``docs/rules.md`` for a policy (default: the source policy).

    Every clause summary and default is rendered with the policy's values.
    """
    policy = _policy(policy)
    generated = "<!-- Generated by `ceurules rules > docs/rules.md`; a test checks it against the bundled policy. -->"
    lines = [
        "# Rules reference",
        "",
        *([generated, ""] if policy.fingerprint == _policy(None).fingerprint else []),  # only docs/rules.md says so
        f"Policy: **{policy.name}** (fingerprint `{policy.fingerprint}`).",
        "",
        "Every finding ceurules reports cites one of these clause IDs. Where the policy text is",
        "open, the reading's default (D1-D16) applies; each default is a parameter of the",
        "[policy](policy.md), so an agency can change it in its policy file.",
        "",
        "## Clauses",
        "",
        "| ID | in force | what it says |",
        "|---|---|---|",
    ]
    lines += [f"| `{c.id}` | {c.effective_text(policy=policy)} | {c.text(policy=policy)} |" for c in CLAUSES.values()]
    lines += ["", "## Defaults where the text is open", "", "| # | default |", "|---|---|"]
    lines += [f"| {key} | {render(text, policy)} |" for key, text in DEFAULTS.items()]
    return "\n".join(lines) + "\n"
