"""Is a program eligible for CEUs, and why not? (``ceu.*``, ``course.*``, ``program.*``, D11)

:func:`check_eligibility` checks every clause and reports every finding, not
just the first failure. The verdict is *eligible* when all are met,
*ineligible* when any is not, and *needs review* when nothing fails but
something is unknown (an unnamed activity type, D11, or a criterion the program
does not state).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .decisions import Decision, Finding, Outcome
from .errors import CeuRulesError
from .policy import DEFAULT, Policy, check_policy
from .programs import CourseCriteria, Program
from .units import ceus_for_blocks, program_policy

__all__ = ["check_eligibility", "is_eligible"]

#: Shown amounts: 28 significant digits, whatever the caller's decimal context is.
_TEXT = decimal.Context(prec=28)

_CRITERIA: dict[str, tuple[str, str]] = {
    # attribute of CourseCriteria: (clause, what it means when met)
    "organized": ("course.organized", "is held in an organised, structured setting"),
    "need": ("course.need", "is planned to meet a specific educational need"),
    "objective": ("course.objective", "has a clear purpose and objective"),
    "instructors": ("course.instructors", "has qualified instructors directly involved"),
    "performance": ("course.performance", "sets the requirements for earning CEUs before it is offered"),
    "evaluation": ("course.evaluation", "has a participant evaluation process"),
}


def _credit_finding(program: Program) -> Finding:
    if program.academic_credit:
        message = "The program carries academic credit; only non-credit programs earn CEUs."
        return Finding.not_met("ceu.noncredit", message, academic_credit=True)
    return Finding.met("ceu.noncredit", "The program is non-credit.", academic_credit=False)


def _criteria_findings(criteria: CourseCriteria) -> list[Finding]:
    findings = []
    for name, (clause_id, meaning) in _CRITERIA.items():
        stated = getattr(criteria, name)
        if stated is True:
            outcome, message = Outcome.MET, f"The program {meaning}."
        elif stated is False:
            outcome, message = Outcome.NOT_MET, f"The program does not meet the criterion: it {meaning}."
        else:
            outcome = Outcome.NEEDS_REVIEW
            message = f"The program does not say whether it {meaning}."
        findings.append(Finding.of(outcome, clause_id, message, **{name: stated}))
    return findings


def _activity_finding(program: Program) -> Finding:
    """The activity type's clause: eligible, ineligible, eligible only when scheduled, or unnamed (D11)."""
    activity, name = program.activity, program.activity_name
    clause_id = activity.clause
    if clause_id is None:
        message = f"The policy does not name the activity type {name!r}; staff must review it."
        return Finding.needs_review("program.eligible.format", message, default="D11", activity=name)
    if clause_id.startswith("program.ineligible."):
        return Finding.not_met(clause_id, f"{_a(activity.value)} is not eligible for CEUs.", activity=name)
    if activity.needs_meeting_time:
        return _meeting_time_finding(program, clause_id)
    return Finding.met(clause_id, f"{_a(activity.value)} is eligible for CEUs.", activity=name)


def _meeting_time_finding(program: Program, clause_id: str) -> Finding:
    """An activity that qualifies only with a scheduled meeting time: offering dates and a timed agenda."""
    what = _a(program.activity.value)
    facts: dict[str, Any] = {
        "activity": program.activity_name,
        "offering_dates": len(program.offering_dates),
        "agenda_segments": len(program.agenda),
    }
    if not program.offering_dates or not program.agenda.segments:
        missing = "offering dates" if not program.offering_dates else "timed agenda"
        message = f"{what} qualifies only with a scheduled meeting time; the program has no {missing}."
        return Finding.not_met(clause_id, message, **facts)
    start = min(seg.start for seg in program.agenda.segments)
    message = f"{what} with a scheduled meeting time ({start:%H:%M} on each offering date) qualifies."
    return Finding.met(clause_id, message, **facts, starts=start.strftime("%H:%M"))


def _a(noun: str) -> str:
    """``noun`` with its indefinite article, capitalised: "A workshop", "An educational training"."""
    return ("An " if noun[0] in "aeiou" else "A ") + noun


def _hours_text(minutes: Fraction) -> str:
    hours, rest = divmod(minutes, 60)
    text = f"{int(hours)} h"
    return text + (f" {float(rest):g} min" if rest else "")


def _decimal_text(value: Fraction) -> str:
    """A fraction as decimal text ("450.6"); contact minutes from hours always have a finite one."""
    return str(_TEXT.divide(Decimal(value.numerator), Decimal(value.denominator)))


def _contact_basis(program: Program, policy: Policy) -> tuple[Fraction, str, dict[str, object], str]:
    """The contact time ``ceu.unit`` judges, its wording, facts and default.

    One offering; for a year-long program the meetings of its fullest packet
    (D16): a participant's contact time adds up over a packet and is rounded once.
    """
    minutes = program.contact_minutes(policy=policy)
    if not program.year_long:
        return minutes, "", {}, "D7"
    from .yearlong import full_packet  # imported only for a year-long program

    batch = full_packet(program.offering_dates, policy=policy)
    if batch is None:
        return minutes, "", {}, "D7"
    count = len(batch.meetings)
    facts: dict[str, object] = {
        "per": "full packet",
        "packet": batch.label,
        "meetings": count,
        "meeting_minutes": _minutes_fact(minutes),
    }
    basis = f"A full packet ({batch.label}: {count} meeting(s) of {_hours_text(minutes)}) carries "
    return minutes * count, basis, facts, "D16"


def _minutes_fact(minutes: Fraction) -> int | str:
    return int(minutes) if minutes.denominator == 1 else _decimal_text(minutes)


def _contact_finding(program: Program, policy: Policy) -> Finding:
    minutes, basis, extra, default = _contact_basis(program, policy)
    hours = minutes / policy.minutes_per_contact_hour
    blocks = (minutes,) if basis else program.contact_blocks(policy=policy)  # a packet is one total (D16)
    award = ceus_for_blocks(blocks, policy=policy)
    facts: dict[str, object] = {
        "contact_minutes": _minutes_fact(minutes),
        "ceus": award,
        "source": "agenda" if program.agenda.segments else "contact_hours",
        **extra,
    }
    if minutes == 0:
        message = "The program has no contact time: add a timed agenda with instruction, or its contact hours."
        return Finding.not_met("ceu.unit", message, default="D8", **facts)
    time = f"{basis}{_hours_text(minutes)}"  # basis is empty for one offering
    minimum = policy.minimum_contact_hours
    if minimum and hours < minimum:
        facts["minimum_contact_hours"] = minimum
        has = time if basis else f"The program has {time}"
        message = f"{has} of contact time, under the minimum of {minimum} hours."
        return Finding.not_met("ceu.unit", message, default=default, **facts)
    unit = policy.unit_abbreviation
    if award == 0:
        message = (
            f"{time} of contact time, which rounds to {award} {unit}."
            if basis
            else f"{time} of contact time rounds to {award} {unit}."
        )
        return Finding.not_met("ceu.unit", message, default=default, **facts)
    earns = ", earning" if basis else " earns"
    message = f"{time} of contact time{earns} {award} {unit}."
    return Finding.met("ceu.unit", message, default=default, **facts)


def check_eligibility(program: Program, *, policy: Policy = DEFAULT) -> Decision:
    """The eligibility decision for ``program``, with a finding for every clause it touches.

    >>> from ceurules import ActivityType, CourseCriteria, Program
    >>> program = Program(
    ...     title="Reading Across the Curriculum",
    ...     activity=ActivityType.DIRECTED_READING,
    ...     criteria=CourseCriteria.all_met(),
    ...     contact_hours="15",
    ... )
    >>> decision = check_eligibility(program)
    >>> decision.verdict_label
    'eligible'
    """
    policy = check_policy(policy)
    if not isinstance(program, Program):
        from .errors import InvalidInputError

        raise InvalidInputError("program", program, "a Program")
    findings = [
        _credit_finding(program),
        *_criteria_findings(program.criteria),
        _activity_finding(program),
        _contact_finding(program, program_policy(program, policy=policy)),
    ]
    return Decision(topic="eligibility", subject=program.title, findings=findings, policy=policy.stamp)


def is_eligible(program: object, *, policy: Policy = DEFAULT) -> bool:
    """Whether ``program`` is eligible outright; never raises (anything else is ``False``).

    >>> from ceurules import is_eligible
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> is_eligible(pf.program), is_eligible(pf.program, policy="nasba-halves"), is_eligible("not a program")
    (True, True, False)
    """
    if not isinstance(program, Program):
        return False
    try:
        return check_eligibility(program, policy=policy).passed  # the policy as every rule reads it
    except CeuRulesError:
        return False
