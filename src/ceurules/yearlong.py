"""Year-long programs: semester batching and credit packets (``yearlong.*``, D9, D10, D13).

A year-long program (a PLC meeting monthly, say) is credited in packets. From
2016-07-01 (``yearlong.semester``) August-December meetings go in a fall packet
due December 31 and January-June meetings in a spring packet due June 30;
credit is issued in December and June. Before that date
(``yearlong.annual``) one packet covered the school year, July to June. Each
meeting is batched by the rule version in force on its own date (D13), and
July meetings under the semester rule go in no packet (D9).
"""

from __future__ import annotations

import calendar as _months
import datetime as dt
import html
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from ._convert import to_date, to_dates, to_optional_date, to_text
from ._display import html_table, markdown_table
from .decisions import Decision, Finding, Outcome
from .errors import InvalidInputError
from .policy import DEFAULT_POLICY, CreditingRule, Policy, Term
from .units import ceus_for_minutes

__all__ = [
    "Batch",
    "Batching",
    "Packet",
    "Unbatched",
    "check_packet",
    "packet_ceus",
    "semester_batches",
]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _months.monthrange(year, month)[1])


@attrs.frozen(kw_only=True)
class Batch:
    """One credit packet's meetings: term, school year, meetings, due date, issue month, clause.

    ``school_year`` is the calendar year the school year starts in (2026 for
    2026-27). ``due`` is the last day of the term's last month (D10), never
    before the last meeting.
    """

    term: str
    school_year: int
    meetings: tuple[dt.date, ...]
    due: dt.date
    issued: str  # "YYYY-MM": the month credit is issued
    clause: str

    @property
    def label(self) -> str:
        """``"fall 2026-27"``."""
        return f"{self.term} {self.school_year}-{(self.school_year + 1) % 100:02d}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "term": self.term,
            "school_year": self.school_year,
            "meetings": [d.isoformat() for d in self.meetings],
            "due": self.due.isoformat(),
            "issued": self.issued,
            "clause": self.clause,
        }


@attrs.frozen(kw_only=True)
class Unbatched:
    """A meeting no packet takes, with the reason (D9)."""

    meeting: dt.date
    reason: str
    clause: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"meeting": self.meeting.isoformat(), "reason": self.reason, "clause": self.clause, "default": "D9"}


@attrs.frozen(kw_only=True)
class Batching:
    """The packets of a year-long program, and the meetings none of them takes."""

    batches: tuple[Batch, ...]
    unbatched: tuple[Unbatched, ...]

    def batch_of(self, meeting: dt.date) -> Batch | None:
        """The batch holding ``meeting``, if any."""
        return next((b for b in self.batches if meeting in b.meetings), None)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "batches": [b.to_dict() for b in self.batches],
            "unbatched": [u.to_dict() for u in self.unbatched],
        }

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        rows = [
            (b.label, f"{len(b.meetings)}: {b.meetings[0]} .. {b.meetings[-1]}", str(b.due), b.issued, b.clause)
            for b in self.batches
        ]
        rows += [("not batched", str(u.meeting), "", "", f"{u.clause}, D9: {u.reason}") for u in self.unbatched]
        return rows

    def _repr_markdown_(self) -> str:
        return markdown_table(_BATCH_HEADERS, self._rows())

    def _repr_html_(self) -> str:
        return html_table(_BATCH_HEADERS, [[html.escape(cell) for cell in row] for row in self._rows()])

    def __str__(self) -> str:
        lines = [
            f"{b.label}: {len(b.meetings)} meeting(s) {b.meetings[0]}..{b.meetings[-1]}, "
            f"due {b.due}, credit issued {b.issued} ({b.clause})"
            for b in self.batches
        ]
        lines += [f"not batched: {u.meeting}: {u.reason} ({u.clause}, D9)" for u in self.unbatched]
        return "\n".join(lines)


_BATCH_HEADERS = ("packet", "meetings", "due", "credit issued", "clause")


def _school_year(rule: CreditingRule, day: dt.date) -> int:
    start_month = rule.terms[0].months[0]
    return day.year if day.month >= start_month else day.year - 1


def _year_of(rule: CreditingRule, school_year: int, month: int) -> int:
    start_month = rule.terms[0].months[0]
    return school_year if month >= start_month else school_year + 1


def semester_batches(meeting_dates: Iterable[dt.date], *, policy: Policy = DEFAULT_POLICY) -> Batching:
    """Group a year-long program's meetings into credit packets (``yearlong.*``, D9, D10, D13).

    >>> from datetime import date
    >>> result = semester_batches([date(2026, 8, 15), date(2026, 12, 10), date(2027, 1, 14)])
    >>> [(b.term, b.school_year, b.due) for b in result.batches]
    [('fall', 2026, datetime.date(2026, 12, 31)), ('spring', 2026, datetime.date(2027, 6, 30))]

    Duplicate dates are an error. Batches come in date order.
    """
    meetings = to_dates(meeting_dates, "meeting_dates")
    groups: dict[tuple[str, str, int], list[dt.date]] = {}
    rules: dict[tuple[str, str, int], tuple[CreditingRule, Term]] = {}
    unbatched: list[Unbatched] = []
    for day in meetings:
        rule = policy.crediting_rule_on(day)
        term = rule.term_of(day.month)
        if term is None:
            unbatched.append(
                Unbatched(
                    meeting=day,
                    reason=f"{day:%B} lies in no term of the rule in force ({rule.clause}, from {rule.effective})",
                    clause=rule.clause,
                )
            )
            continue
        key = (rule.clause, term.name, _school_year(rule, day))
        groups.setdefault(key, []).append(day)
        rules[key] = (rule, term)
    batches = []
    for key, days in groups.items():
        rule, term = rules[key]
        school_year = key[2]
        last_month = term.months[-1]
        due = _month_end(_year_of(rule, school_year, last_month), last_month)
        issued_year = _year_of(rule, school_year, term.issued_month)
        batches.append(
            Batch(
                term=term.name,
                school_year=school_year,
                meetings=tuple(days),
                due=due,
                issued=f"{issued_year}-{term.issued_month:02d}",
                clause=rule.clause,
            )
        )
    batches.sort(key=lambda b: b.meetings[0])
    return Batching(batches=tuple(batches), unbatched=tuple(unbatched))


def _names(value: object, field: str) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputError(field, value, "a list of participant names")
    return frozenset(to_text(v, field) for v in value)


def _sign_ins(value: object) -> dict[dt.date, frozenset[str]]:
    if not isinstance(value, Mapping):
        raise InvalidInputError("sign_ins", value, "a mapping of meeting date to the names signed in")
    sheets: dict[dt.date, frozenset[str]] = {}
    for key, names in value.items():
        day = to_date(key, "sign_ins")
        if day in sheets:
            raise InvalidInputError(f"sign_ins[{day}]", key, "one sign-in sheet per meeting date")
        sheets[day] = _names(names, f"sign_ins[{day}]")
    return dict(sorted(sheets.items()))


def _applications(v: object) -> frozenset[str]:
    return _names(v, "applications")


def _evaluations(v: object) -> frozenset[str]:
    return _names(v, "evaluations")


def _submitted(v: object) -> dt.date | None:
    return to_optional_date(v, "submitted")


@attrs.frozen(kw_only=True)
class Packet:
    """A semester packet as assembled: sign-in sheets per meeting, CEU applications, evaluation forms.

    ``sign_ins`` maps each meeting date whose sheet is in the packet to the
    participants who signed in; ``applications`` and ``evaluations`` name the
    participants whose CEU application and evaluation form are in it.
    ``submitted`` is the day the packet went in (``None``: not yet).
    """

    sign_ins: dict[dt.date, frozenset[str]] = attrs.field(factory=dict, converter=_sign_ins, hash=False)
    applications: frozenset[str] = attrs.field(default=frozenset(), converter=_applications)
    evaluations: frozenset[str] = attrs.field(default=frozenset(), converter=_evaluations)
    submitted: dt.date | None = attrs.field(default=None, converter=_submitted)

    @property
    def participants(self) -> frozenset[str]:
        """Everyone who signed in to at least one meeting."""
        return frozenset().union(*self.sign_ins.values()) if self.sign_ins else frozenset()


def check_packet(
    packet: Packet, batch: Batch, *, as_of: dt.date | None = None, policy: Policy = DEFAULT_POLICY
) -> Decision:
    """Check a packet against its batch: every sheet, application and form, and the due date."""
    if not isinstance(packet, Packet):
        raise InvalidInputError("packet", packet, "a Packet")
    if not isinstance(batch, Batch):
        raise InvalidInputError("batch", batch, "a Batch")
    as_of = to_optional_date(as_of, "as_of")
    clause_id = batch.clause
    findings: list[Finding] = []
    no_sheet = [d for d in batch.meetings if d not in packet.sign_ins]
    extra = sorted(d for d in packet.sign_ins if d not in batch.meetings)
    people = packet.participants
    no_app = sorted(people - packet.applications)
    no_eval = sorted(people - packet.evaluations)
    missing = (
        [f"the sign-in sheet of {d}" for d in no_sheet]
        + [f"the CEU application of {p}" for p in no_app]
        + [f"the evaluation form of {p}" for p in no_eval]
    )
    facts = {"meetings": list(batch.meetings), "participants": sorted(people), "missing": missing}
    if missing:
        message = f"The {batch.label} packet is incomplete; missing: " + "; ".join(missing) + "."
        findings.append(Finding(clause=clause_id, outcome=Outcome.NOT_MET, message=message, facts=facts))
    else:
        message = (
            f"The {batch.label} packet holds a sign-in sheet for each of {len(batch.meetings)} meeting(s) and an "
            f"application and evaluation form for each of {len(people)} participant(s)."
        )
        findings.append(Finding(clause=clause_id, outcome=Outcome.MET, message=message, facts=facts))
    if extra:
        findings.append(
            Finding(
                clause=clause_id,
                outcome=Outcome.NOT_MET,
                message="Sign-in sheets for meetings outside this packet: " + ", ".join(map(str, extra)) + ".",
                facts={"outside": extra},
            )
        )
    due_facts = {"due": batch.due, "submitted": packet.submitted, "as_of": as_of}
    if packet.submitted is not None:
        on_time = packet.submitted <= batch.due
        findings.append(
            Finding(
                clause=clause_id,
                outcome=Outcome.MET if on_time else Outcome.NOT_MET,
                message=f"Submitted {packet.submitted}, "
                f"{'on or before' if on_time else 'after'} the due date {batch.due}.",
                facts=due_facts,
                default="D10",
            )
        )
    elif as_of is not None and as_of > batch.due:
        findings.append(
            Finding(
                clause=clause_id,
                outcome=Outcome.NOT_MET,
                message=f"Past due: the packet was due {batch.due} and is not submitted as of {as_of}.",
                facts=due_facts,
                default="D10",
            )
        )
    else:
        findings.append(
            Finding(
                clause=clause_id,
                outcome=Outcome.NOTE,
                message=f"Due {batch.due}; credit is issued in {batch.issued}.",
                facts=due_facts,
                default="D10",
            )
        )
    return Decision(topic="credit packet", subject=batch.label, findings=findings)


def packet_ceus(packet: Packet, meeting_minutes: int, *, policy: Policy = DEFAULT_POLICY) -> dict[str, Decimal]:
    """Each participant's CEUs for a packet: ``meeting_minutes`` of contact time per meeting signed in to."""
    if isinstance(meeting_minutes, bool) or not isinstance(meeting_minutes, int) or meeting_minutes < 0:
        raise InvalidInputError("meeting_minutes", meeting_minutes, "a whole number of minutes, not negative")
    counts: dict[str, int] = {}
    for names in packet.sign_ins.values():
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return {name: ceus_for_minutes(Fraction(meeting_minutes * n), policy=policy) for name, n in sorted(counts.items())}
