"""Year-long programs: semester batching, credit packets and packet credit (``yearlong.*``, D9, D10, D13, D14, D16).

A year-long program (a PLC meeting monthly, say) is credited in packets. From
2016-07-01 (``yearlong.semester``) August-December meetings go in a fall packet
due December 31 and January-June meetings in a spring packet due June 30;
credit is issued in December and June. Before that date
(``yearlong.annual``) one packet covered the school year, July to June. Each
meeting is batched by the rule version in force on its own date (D13), and
July meetings under the semester rule go in no packet (D9).

A participant's credit runs through the packet of their meetings' term, never
through the 30-day window (D14): :func:`packet_standing` is the one decision,
which every credit answer for a year-long participant reads.
"""

from __future__ import annotations

import calendar as _months
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from . import _convert as to
from . import _display as show
from ._convert import (
    FIRST_DAY,
    LAST_DAY,
    NOT_REPEATED,
    duration_minutes,
    repeats,
    to_date,
    to_dates,
    to_int,
    to_optional_date,
    to_text,
)
from ._display import cite_html, cite_markdown, cited, escape, html_table, markdown_table, notes_html, notes_markdown
from ._json import JSON
from ._typed import typed_fields
from ._value import Value, set_repr
from .credit import issued_finding
from .decisions import Decision, Explained, Finding, Outcome, PolicyStamp, Status, in_by, not_yet_in
from .errors import InvalidInputError, RuleNotInForceError
from .policy import DEFAULT, CreditingRule, Policy, Term, check_policy
from .units import ceus_for_minutes

if TYPE_CHECKING:
    from .programs import Program

__all__ = [
    "Batch",
    "Batching",
    "Packet",
    "PacketEntry",
    "PacketStanding",
    "Unbatched",
    "YearLong",
    "check_packet",
    "credit_expected",
    "full_packet",
    "packet_ceus",
    "packet_rule",
    "packet_standing",
    "participant_ceus",
    "semester_batches",
]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _months.monthrange(year, month)[1])


def term_label(term: str, school_year: int) -> str:
    """A term of a school year as every message names it: ``"fall 2026-27"`` (the school year 2026)."""
    return f"{term} {school_year}-{(school_year + 1) % 100:02d}"


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class Batch(Value):
    """One credit packet's meetings: term, school year, meetings, due date, issue month, clause.

    ``school_year`` is the calendar year the school year starts in (2026 for
    2026-27). ``due`` is the last day of the term's last month (D10), never
    before the last meeting.

    >>> from ceurules import semester_batches
    >>> batch = semester_batches(["2026-09-15", "2026-10-20"]).batches[0]
    >>> batch.label, batch.due, batch.clause
    ('fall 2026-27', datetime.date(2026, 12, 31), 'yearlong.semester')
    """

    term: str
    school_year: int
    meetings: tuple[dt.date, ...]
    due: dt.date
    issued: dt.date  # the first day of the month credit is issued in
    clause: str

    @property
    def label(self) -> str:
        """``"fall 2026-27"``."""
        return term_label(self.term, self.school_year)

    @property
    def issue_month(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the month credit is issued in."""
        return self.issued, _month_end(self.issued.year, self.issued.month)

    @property
    def issued_text(self) -> str:
        """The month credit is issued in, as written in answers and JSON: ``"2026-12"``."""
        return f"{self.issued:%Y-%m}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "term": self.term,
            "school_year": self.school_year,
            "meetings": [d.isoformat() for d in self.meetings],
            "due": self.due.isoformat(),
            "issued": self.issued_text,
            "clause": self.clause,
        }


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class Unbatched(Value):
    """A meeting no packet takes, with the reason (D9).

    >>> from ceurules import semester_batches
    >>> left = semester_batches(["2026-07-21"]).unbatched[0]
    >>> left.meeting, left.clause
    (datetime.date(2026, 7, 21), 'yearlong.semester')
    """

    meeting: dt.date
    reason: str
    clause: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"meeting": self.meeting.isoformat(), "reason": self.reason, "clause": self.clause, "default": "D9"}


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class Batching(Explained):
    """The packets of a year-long program, and the meetings none of them takes.

    An answer like a :class:`~ceurules.Decision`: a note for each packet (its due
    date, D10) and for each meeting no packet takes (D9); notes only, so it passes.

    >>> from ceurules import semester_batches
    >>> batching = semester_batches(["2026-07-21", "2026-09-15"])
    >>> [b.label for b in batching.batches], [u.meeting for u in batching.unbatched]
    (['fall 2026-27'], [datetime.date(2026, 7, 21)])
    """

    batches: tuple[Batch, ...]
    unbatched: tuple[Unbatched, ...]
    #: The answering policy, whose words explain the cited clauses and defaults in displays.
    policy: PolicyStamp | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """A note per packet, then one per meeting in no packet."""
        return (*map(_batch_finding, self.batches), *self.unbatched_findings())

    def unbatched_findings(self) -> tuple[Finding, ...]:
        """A note for each meeting no packet takes, with the reason (D9)."""
        return tuple(Finding.note(u.clause, f"{u.meeting}: {u.reason}.", default="D9") for u in self.unbatched)

    def batch_of(self, meeting: dt.date) -> Batch | None:
        """The packet holding ``meeting``, if any (``None`` for a meeting no packet takes, D9)."""
        return next((b for b in self.batches if meeting in b.meetings), None)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""
        return {
            "batches": [b.to_dict() for b in self.batches],
            "unbatched": [u.to_dict() for u in self.unbatched],
        }

    def _cells(self) -> list[tuple[str, str, str, str, tuple[str, str], str]]:
        """Rows: packet, meetings, due, credit issued, (clause, default), note."""
        rows = [(b.label, _meetings(b), str(b.due), b.issued_text, (b.clause, "D10"), "") for b in self.batches]
        rows += [("not in a packet", str(u.meeting), "", "", (u.clause, "D9"), u.reason) for u in self.unbatched]
        return rows

    def _codes(self) -> list[str]:
        return cited(row[4] for row in self._cells())

    def _repr_markdown_(self) -> str:
        rows = [(*row[:4], cite_markdown(*row[4]), row[5]) for row in self._cells()]
        notes = notes_markdown(self._codes(), stamp=self.policy)
        return markdown_table(_BATCH_HEADERS, rows, title=_BATCH_TITLE) + notes

    def _repr_html_(self) -> str:
        esc = escape
        rows = [(*(esc(c) for c in row[:4]), cite_html(*row[4], self.policy), esc(row[5])) for row in self._cells()]
        return html_table(_BATCH_HEADERS, rows, title=_BATCH_TITLE) + notes_html(self._codes(), stamp=self.policy)

    def __str__(self) -> str:
        lines = [
            f"{b.label}: {len(b.meetings)} meeting(s) {b.meetings[0]}..{b.meetings[-1]}, "
            f"due {b.due}, credit issued {b.issued_text} ({b.clause})"
            for b in self.batches
        ]
        lines += [f"not batched: {u.meeting}: {u.reason} ({u.clause}, D9)" for u in self.unbatched]
        return "\n".join(lines)


_BATCH_HEADERS = ("packet", "meetings", "due", "credit issued", "clause", "note")
_BATCH_TITLE = "Credit packets of a year-long program"


def _batch_finding(batch: Batch) -> Finding:
    """A packet's meetings, due date (D10) and issue month."""
    count, issued = len(batch.meetings), batch.issued_text
    message = f"The {batch.label} packet takes {count} meeting(s), is due {batch.due}, credit issued {issued}."
    return Finding.note(batch.clause, message, default="D10", meetings=list(batch.meetings), due=batch.due)


def _meetings(batch: Batch) -> str:
    return f"{len(batch.meetings)}: {batch.meetings[0]} .. {batch.meetings[-1]}"



def semester_batches(meeting_dates: Iterable[dt.date], *, policy: Policy = DEFAULT) -> Batching:
    """Group a year-long program's meetings into credit packets (``yearlong.*``, D9, D10, D13).

    >>> from datetime import date
    >>> result = semester_batches([date(2026, 8, 15), date(2026, 12, 10), date(2027, 1, 14)])
    >>> [(b.term, b.school_year, b.due) for b in result.batches]
    [('fall', 2026, datetime.date(2026, 12, 31)), ('spring', 2026, datetime.date(2027, 6, 30))]

    Duplicate dates are an error. Batches come in date order.
    """
    policy = check_policy(policy)
    meetings = to_dates(meeting_dates, "meeting_dates")
    groups: dict[tuple[str, str, int], list[dt.date]] = {}
    rules: dict[tuple[str, str, int], tuple[CreditingRule, Term]] = {}
    unbatched: list[Unbatched] = []
    for day in meetings:
        rule = policy.crediting_rule_on(day)
        term = rule.term_of(day.month)
        if term is None:
            reason = f"{day:%B} lies in no term of the rule in force (its version {rule.since})"  # clause cited beside
            unbatched.append(Unbatched(meeting=day, reason=reason, clause=rule.clause))
            continue
        key = (rule.clause, term.name, rule.school_year(day))
        groups.setdefault(key, []).append(day)
        rules[key] = (rule, term)
    batches = [_batch(*rules[key], key[2], days) for key, days in groups.items()]
    batches.sort(key=lambda b: b.meetings[0])
    return Batching(batches=tuple(batches), unbatched=tuple(unbatched), policy=policy.stamp)


def _batch(rule: CreditingRule, term: Term, school_year: int, days: list[dt.date]) -> Batch:
    last_month = rule.last_month(term)
    return Batch(
        term=term.name,
        school_year=school_year,
        meetings=tuple(days),
        due=_month_end(rule.year_of(school_year, last_month), last_month),
        issued=dt.date(rule.year_of(school_year, term.issued_month), term.issued_month, 1),
        clause=rule.clause,
    )


def full_packet(meeting_dates: Iterable[dt.date], *, policy: Policy = DEFAULT) -> Batch | None:
    """The packet with the most meetings (the earliest of equals): what a full packet carries (D16).

    >>> from ceurules import full_packet
    >>> full_packet(["2026-09-15", "2026-10-20"]).label
    'fall 2026-27'
    """
    policy = check_policy(policy)
    batches = semester_batches(meeting_dates, policy=policy).batches
    return max(batches, key=lambda b: len(b.meetings), default=None)


def packet_rule(term: str, school_year: int, *, policy: Policy = DEFAULT) -> CreditingRule:
    """The rule version a packet named by its term and school year falls under (D13): the version in force on the
    term's first day. A term that no version in force then has (``"winter"``, or ``"fall"`` before 2016-07-01)
    is refused: no packet of that name exists.

    >>> from ceurules import packet_rule
    >>> packet_rule("spring", 2026).effective
    datetime.date(2016, 7, 1)
    """
    policy = check_policy(policy)
    given, term = term, _term(term)  # read as a packet names its term
    school_year = to_int(school_year, "school_year", minimum=FIRST_DAY.year, maximum=LAST_DAY.year - 1)
    rule = _term_rule(term, school_year, policy)
    if rule is not None:
        return rule
    opening = school_year_rule(school_year, policy=policy)
    names = ", ".join(t.name for t in opening.terms)
    label = f"{school_year}-{(school_year + 1) % 100:02d}"
    raise InvalidInputError("term", given, f"a term of the rule in force in school year {label} ({names})")


def _term_rule(term: str, school_year: int, policy: Policy) -> CreditingRule | None:
    """The version with a term named ``term`` that is in force on that term's first day of ``school_year``; else,
    when no version is in force then (before the first one's start), the version the school year falls back on
    (:func:`school_year_rule`) if it has that term."""
    for rule in reversed(policy.crediting_rules):
        named = next((t for t in rule.terms if t.name == term), None)
        if named is not None:
            first = rule.first_month(named)
            if _in_force(rule, dt.date(rule.year_of(school_year, first), first, 1), policy):
                return rule
    opening = school_year_rule(school_year, policy=policy)
    if _in_force(opening, dt.date(school_year, opening.school_year_start, 1), policy):
        return None
    return opening if any(t.name == term for t in opening.terms) else None


def school_year_rule(school_year: int, *, policy: Policy = DEFAULT) -> CreditingRule:
    """The version in force when ``school_year`` begins (the first version before any is in force): the rule a
    packet of no known term is read under, to cite."""
    for rule in reversed(policy.crediting_rules):
        if rule.effective is None or rule.effective <= dt.date(school_year, rule.school_year_start, 1):
            return rule
    return policy.crediting_rules[0]


def _in_force(rule: CreditingRule, day: dt.date, policy: Policy) -> bool:
    try:
        return policy.crediting_rule_on(day) is rule
    except RuleNotInForceError:
        return False


def _names(value: object, field: str) -> frozenset[str]:
    """Participant names, none twice: refused as a program file refuses them (:func:`~ceurules._convert.repeats`)."""
    given = to.to_list(value, field, "a list of participant names")
    names = [to_text(v, field) for v in given]
    again = repeats(names)
    if again:
        raise InvalidInputError(f"{field}[{again[0]}]", given[again[0]], NOT_REPEATED)
    return frozenset(names)


def _sign_ins(value: Mapping[dt.date, Iterable[str]] | Mapping[str, Iterable[str]]) -> dict[dt.date, frozenset[str]]:
    if not isinstance(value, Mapping):
        raise InvalidInputError("sign_ins", value, "a mapping of meeting date to the names signed in")
    sheets: dict[dt.date, frozenset[str]] = {}
    for key, names in value.items():
        day = to_date(key, "sign_ins")
        if day in sheets:
            raise InvalidInputError(f"sign_ins[{day}]", key, "one sign-in sheet per meeting date")
        sheets[day] = _names(names, f"sign_ins[{day}]")
    return dict(sorted(sheets.items()))


if TYPE_CHECKING:  # the input type mypy shows (see ``_convert``)

    def _participants(value: Iterable[str], /) -> frozenset[str]: ...

else:
    _participants = to.named(lambda value, field: _names(value, field.name))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Packet(Value):
    """A semester packet as assembled: sign-in sheets per meeting, CEU applications, evaluation forms.

    ``sign_ins`` maps each meeting date whose sheet is in the packet to the
    participants who signed in; ``applications`` and ``evaluations`` name the
    participants whose CEU application and evaluation form are in it.
    ``submitted`` is the day the packet went in (``None``: not yet).

    >>> from ceurules import Packet
    >>> packet = Packet(sign_ins={"2026-09-15": ["Ann", "Bo"]}, applications=["Ann"], evaluations=["Ann"])
    >>> sorted(packet.participants)
    ['Ann', 'Bo']
    """

    sign_ins: dict[dt.date, frozenset[str]] = attrs.field(factory=dict, converter=_sign_ins, hash=False, repr=set_repr)
    applications: frozenset[str] = attrs.field(default=frozenset(), converter=_participants, repr=set_repr)
    evaluations: frozenset[str] = attrs.field(default=frozenset(), converter=_participants, repr=set_repr)
    submitted: dt.date | None = attrs.field(default=None, converter=to.optional_date)

    @property
    def participants(self) -> frozenset[str]:
        """Everyone who signed in to at least one meeting."""
        return frozenset().union(*self.sign_ins.values())


def check_packet(
    packet: Packet, batch: Batch, *, as_of: dt.date | None = None, policy: Policy = DEFAULT
) -> Decision:
    """Check a packet against its batch: every sheet, application and form, the due date (D10), and,
    once submitted, when credit is expected (D14, read from ``policy``).

    >>> from ceurules import check_packet, semester_batches
    >>> from ceurules import load_program_file
    >>> plc = load_program_file("docs/examples/plc-yearlong.ceu.toml")
    >>> batch = semester_batches(plc.program.offering_dates).batches[0]
    >>> check_packet(plc.packets[0].packet, batch, as_of="2027-01-20").verdict_label
    'pass'
    """
    policy = check_policy(policy)
    if not isinstance(packet, Packet):
        raise InvalidInputError("packet", packet, "a Packet")
    if not isinstance(batch, Batch):
        raise InvalidInputError("batch", batch, "a Batch")
    as_of = to_optional_date(as_of, "as_of")
    findings = [_contents_finding(packet, batch, as_of), *_unsigned_forms(packet, batch)]
    extra = sorted(d for d in packet.sign_ins if d not in batch.meetings)
    if extra:
        message = "Sign-in sheets for meetings outside this packet: " + ", ".join(map(str, extra)) + "."
        findings.append(Finding.not_met(batch.clause, message, outside=extra))
    sheets = tuple(d for d in packet.sign_ins if d in batch.meetings)  # the outside ones fail above
    findings += not_yet_in({"sign_ins": sheets}, as_of, batch.clause, "D16")
    findings += sent_before(packet.submitted, sheets, as_of, what="The packet", clause=batch.clause)
    submitted = in_by(packet.submitted, as_of)  # a packet sent after as_of is not yet in on as_of
    findings += not_yet_in({"submitted": packet.submitted}, as_of, batch.clause, "D10")
    findings.append(_due_finding(submitted, batch, as_of))
    if submitted is not None:
        try:
            findings.append(_expected_finding(batch, submitted, policy))
        except InvalidInputError as err:  # credit_expected's refusal of the day of arrival: the day it was submitted
            raise InvalidInputError("packet.submitted", err.value, err.expected) from None
    return Decision(topic="credit packet", subject=batch.label, findings=findings, policy=policy.stamp)


def _contents_finding(packet: Packet, batch: Batch, as_of: dt.date | None) -> Finding:
    """A packet holds a sign-in sheet for each meeting and, for each participant, a CEU application and an
    evaluation form. A meeting after the day of the check has not been held on it (:func:`in_by`): its sheet is
    neither asked for nor counted."""
    held = [d for d in batch.meetings if in_by(d, as_of)]
    sheets = {d: names for d, names in packet.sign_ins.items() if in_by(d, as_of)}
    people = frozenset().union(*sheets.values())
    missing = (
        [f"the sign-in sheet of {d}" for d in held if d not in sheets]
        + [f"the CEU application of {p}" for p in sorted(people - packet.applications)]
        + [f"the evaluation form of {p}" for p in sorted(people - packet.evaluations)]
    )
    facts: dict[str, Any] = {"meetings": held, "participants": sorted(people), "missing": missing}
    if missing:
        message = f"The {batch.label} packet is incomplete; missing: " + "; ".join(missing) + "."
        return Finding.not_met(batch.clause, message, **facts)
    by = f" held by {as_of}" if len(held) < len(batch.meetings) else ""
    message = (
        f"The {batch.label} packet holds a sign-in sheet for each of {len(held)} meeting(s){by} and an "
        f"application and evaluation form for each of {len(people)} participant(s)."
    )
    return Finding.met(batch.clause, message, **facts)


def _unsigned_forms(packet: Packet, batch: Batch) -> list[Finding]:
    """The CEU applications and evaluation forms of the packet whose participant signed none of its sheets: a
    misspelt name, or a form for another packet. The packet holds them for its participants (``yearlong.*``); a
    name on no sheet is asked about, never passed over."""
    signed, findings = packet.participants, []
    for about, form in (("applications", "CEU application"), ("evaluations", "evaluation form")):
        names = sorted(getattr(packet, about) - signed)
        if names:
            near = _near(names, signed)
            message = (
                f"The {batch.label} packet holds the {form}{'s' if len(names) > 1 else ''} of {', '.join(names)}, "
                "who signed none of its sheets (a misspelt name, or a form for another packet?)"
                + (f"; the sheets show {', '.join(near)}." if near else ".")
            )
            findings.append(Finding.needs_review(batch.clause, message, about=about, names=names, near=near))
    return findings


def _near(names: Iterable[str], signed: Iterable[str]) -> list[str]:
    """The names on the sheets close to one of ``names`` (as a misspelt key is matched to its parameter)."""
    import difflib  # only for a name on no sheet

    candidates = sorted(signed)
    return sorted({m for name in names for m in difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)})


def sent_before(
    sent: dt.date | None,
    recorded: Iterable[dt.date],
    as_of: dt.date | None,
    *,
    what: str,
    clause: str,
    about: str = "submitted",
) -> list[Finding]:
    """A packet or a CEU application submitted (by the day of the check) before meetings it records: needs review.

    The packet of a term holds the sign-in sheets of its meetings (``yearlong.*``) and is due at the term's end
    (D10), and the application goes in with it (D14); neither the policy nor the reading says whether a packet or
    an application sent before some of its meetings counts for them (the 30-day window's check of an early
    application, D5, is not the year-long route, D14). So staff decide, and the meetings stay counted as given.

    ``about`` names the date's field, as the finding's ``about`` fact (``packet.submitted``: the packet's date,
    in a finding of the participant's application).
    """
    sent = in_by(sent, as_of)
    later = sorted(d for d in recorded if sent is not None and d > sent)
    if not later:
        return []
    message = (
        f"{what} was submitted {sent}, before meeting(s) it records: {', '.join(map(str, later))}; "
        "the policy does not say whether a record sent before its meeting counts."
    )
    return [Finding.needs_review(clause, message, default="D14", about=about, submitted=sent, later=later)]


def sent_after_packet(
    sent: dt.date | None, arrived: dt.date | None, as_of: dt.date | None, *, clause: str
) -> list[Finding]:
    """A CEU application submitted (by the day of the check) after the packet that holds it went in: needs review.

    The packet carries the applications sent with it (``yearlong.*``) and decides the participant's credit (D14);
    an application dated after the packet contradicts the packet's list, and neither the policy nor the reading
    says which to believe, so staff decide (the packet still decides the answer).
    """
    sent = in_by(sent, as_of)
    if sent is None or arrived is None or sent <= arrived:
        return []
    message = (
        f"The CEU application was submitted {sent}, after the packet that lists it went in ({arrived}); "
        "the policy does not say whether an application sent after its packet counts."
    )
    return [Finding.needs_review(clause, message, default="D14", about="submitted", submitted=sent, arrived=arrived)]


def _due_finding(submitted: dt.date | None, batch: Batch, as_of: dt.date | None) -> Finding:
    """Whether the packet went in by its due date (D10); ``submitted`` as it stands on ``as_of`` (:func:`in_by`)."""
    due_facts = {"due": batch.due, "submitted": submitted, "as_of": as_of}
    if submitted is not None:
        on_time = submitted <= batch.due
        outcome = Outcome.MET if on_time else Outcome.NOT_MET
        message = f"Submitted {submitted}, {'on or before' if on_time else 'after'} the due date {batch.due}."
    elif as_of is not None and as_of > batch.due:
        outcome = Outcome.NOT_MET
        message = f"Past due: the packet was due {batch.due} and is not submitted as of {as_of}."
    else:
        outcome, message = Outcome.NOTE, f"Due {batch.due}; credit is issued in {batch.issued_text}."
    return Finding.of(outcome, batch.clause, message, default="D10", **due_facts)


def credit_expected(batch: Batch, arrived: dt.date, *, policy: Policy = DEFAULT) -> tuple[dt.date, dt.date]:
    """When credit from a packet that arrived on ``arrived`` is expected: earliest and latest (D14).

    Not before the issue month nor the packet's arrival; by the end of the
    issue month, or by the policy's ``packet_credit_business_days``-th
    business day after the packet arrives (moved to the next business day
    first, as D2) when that is later. Later than that is overdue. A bound
    that changes on a date is read in the version in force when the packet
    arrives (D13).

    >>> fall = semester_batches([dt.date(2026, 9, 10)]).batches[0]
    >>> credit_expected(fall, dt.date(2026, 11, 20))
    (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
    >>> credit_expected(fall, dt.date(2026, 12, 18))
    (datetime.date(2026, 12, 18), datetime.date(2027, 1, 5))
    """
    policy = check_policy(policy)
    arrived = to_date(arrived, "arrived")
    if not isinstance(batch, Batch):
        raise InvalidInputError("batch", batch, "a Batch (see semester_batches)")
    first, last = batch.issue_month
    policy = policy.on(arrived)  # the values in force when the packet arrives (D13)
    add = policy.calendar.add_business_days
    try:
        clock = add(add(arrived, 0), policy.packet_credit_business_days)
    except InvalidInputError:  # the count leaves the years the calendar covers
        expected = "a date whose expected credit falls in the years 1900-2199"
        raise InvalidInputError("arrived", arrived, expected) from None
    return max(first, arrived), max(last, clock)


def _expected_finding(batch: Batch, arrived: dt.date, policy: Policy) -> Finding:
    earliest, latest = credit_expected(batch, arrived, policy=policy)
    message = (
        f"Credit is expected between {earliest} and {latest}: in the issue month {batch.issued_text}, "
        f"or by the {_ordinal(policy.on(arrived).packet_credit_business_days)} business day after the packet "
        "arrived, whichever is later."
    )
    facts = {"arrived": arrived, "issued": batch.issued_text, "earliest": earliest, "latest": latest}
    return Finding.note(batch.clause, message, default="D14", **facts)


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def packet_ceus(packet: Packet, meeting_time: dt.timedelta, *, policy: Policy = DEFAULT) -> dict[str, Decimal]:
    """Each participant's CEUs for a packet: ``meeting_time`` of contact time per meeting signed in to.

    ``meeting_time`` is a ``timedelta`` (``timedelta(minutes=90)``); a bare number is refused.

    >>> from datetime import timedelta
    >>> from ceurules import Packet, packet_ceus
    >>> packet = Packet(sign_ins={"2026-09-15": ["Ann", "Bo"], "2026-10-20": ["Ann"]}, applications=["Ann", "Bo"])
    >>> packet_ceus(packet, timedelta(minutes=90))
    {'Ann': Decimal('0.3'), 'Bo': Decimal('0.2')}
    """
    policy = check_policy(policy)
    if not isinstance(packet, Packet):
        raise InvalidInputError("packet", packet, "a Packet")
    minutes = duration_minutes(meeting_time, "meeting_time")
    counts: dict[str, int] = {}
    for names in packet.sign_ins.values():
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return {name: meetings_ceus(minutes, n, policy) for name, n in sorted(counts.items())}


def participant_ceus(meeting_time: dt.timedelta, meetings: int, *, policy: Policy = DEFAULT) -> Decimal:
    """A participant's CEUs for one packet (D16): the contact time of every meeting signed in for, added up,
    then rounded once (D7).

    ``meeting_time`` is one meeting's contact time, a ``timedelta``; a bare number is refused.

    >>> participant_ceus(dt.timedelta(minutes=29), 5)
    Decimal('0.2')
    """
    policy = check_policy(policy)
    return meetings_ceus(duration_minutes(meeting_time, "meeting_time"), meetings, policy)


def meetings_ceus(minutes: Fraction, meetings: int, policy: Policy) -> Decimal:
    """CEUs for ``meetings`` meetings of ``minutes`` exact contact minutes each, added up, rounded once (D16)."""
    return ceus_for_minutes(minutes * to_int(meetings, "meetings", maximum=1000), policy=policy)


def _term(v: str) -> str:
    return to_text(v, "term").strip().lower()


def _packet_year(v: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 1900 <= v <= 2199:
        raise InvalidInputError("school_year", v, "a year such as 2026")
    return v


def _packet(v: Packet) -> Packet:
    if not isinstance(v, Packet):
        raise InvalidInputError("packet", v, "a Packet")
    return v


@attrs.frozen(kw_only=True, repr=False, eq=False)
class PacketEntry(Value):
    """A packet of a year-long program, with the term and school year it is for (``"fall"``, 2026).

    >>> from ceurules import load_program_file
    >>> plc = load_program_file("docs/examples/plc-yearlong.ceu.toml")
    >>> entry = plc.packets[0]
    >>> entry.term, entry.school_year, entry.packet.submitted
    ('fall', 2026, datetime.date(2026, 12, 18))
    """

    term: str = attrs.field(converter=_term)
    school_year: int = attrs.field(converter=_packet_year)
    packet: Packet = attrs.field(converter=_packet)


def _entries(value: Iterable[PacketEntry]) -> tuple[PacketEntry, ...]:
    entries = to.to_items(value, "packets", PacketEntry, "a list of PacketEntry values", "a PacketEntry")
    keys = [(e.term, e.school_year) for e in entries]
    for i, key in enumerate(keys):
        if key in keys[:i]:
            raise InvalidInputError(f"packets[{i}]", f"{key[0]} {key[1]}", "one packet per term and school year")
    return entries


def _meeting_time(instance: object, attribute: attrs.Attribute[dt.timedelta | None], value: object) -> None:
    if value is not None:
        duration_minutes(value, attribute.name)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class YearLong(Value):
    """The packets a year-long program has submitted so far: what its participants' credit is judged by (D14).

    Pass ``year_long=YearLong(packets=...)`` to the credit functions for a
    participant of a year-long program (``YearLong()`` when no packet is in yet).
    With ``meeting_time`` (one meeting's contact time, a ``timedelta``) the answers also say
    the CEUs each participant earns in their packet (D16);
    :meth:`for_program` sets it from the program.

    >>> from ceurules import YearLong
    >>> from ceurules import load_program_file
    >>> plc = load_program_file("docs/examples/plc-yearlong.ceu.toml")
    >>> year_long = YearLong.for_program(plc.program, plc.packets)
    >>> len(year_long.packets)
    1
    """

    packets: tuple[PacketEntry, ...] = attrs.field(default=(), converter=_entries)
    meeting_time: dt.timedelta | None = attrs.field(default=None, validator=_meeting_time)

    @classmethod
    def for_program(
        cls, program: Program, packets: Iterable[PacketEntry] = (), *, policy: Policy = DEFAULT
    ) -> YearLong:
        """The packets of ``program``, with its meetings' contact time under ``policy``."""
        return cls(packets=tuple(packets), meeting_time=program.contact_time(policy=policy))

    def entry(self, batch: Batch) -> PacketEntry | None:
        """The submitted packet for ``batch``, if the program has one."""
        return next((e for e in self.packets if (e.term, e.school_year) == (batch.term, batch.school_year)), None)


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class PacketStanding(Value):
    """Where one year-long participant's credit stands (D14), without explanations.

    ``batches`` are the packets the attended meetings belong to (one, unless
    the application wrongly spans several); ``batch`` is that one packet.
    ``packet`` is the submitted packet holding the application and
    ``arrived`` the day it went in; ``signed_in`` the packet's meetings whose
    sheet the participant signed, and ``ceus`` what they earn (D16: their
    contact time added up, rounded once; ``None`` without the meeting time);
    ``on_time`` whether that was by the due date (``None``: not yet in);
    ``earliest``/``latest`` when credit is expected once it is in.

    >>> from ceurules import YearLong, packet_standing
    >>> from ceurules import load_program_file
    >>> plc = load_program_file("docs/examples/plc-yearlong.ceu.toml")
    >>> year_long = YearLong.for_program(plc.program, plc.packets)
    >>> app = plc.applications[0]
    >>> standing = packet_standing(app.participant, app.attendance.dates, None, year_long, as_of="2027-01-20")
    >>> standing.status.value
    'overdue'
    """

    status: Status
    batches: tuple[Batch, ...]
    unbatched: tuple[Unbatched, ...]
    issued: dt.date | None = None
    packet: Packet | None = None
    signed_in: tuple[dt.date, ...] = ()
    ceus: Decimal | None = None
    arrived: dt.date | None = None
    on_time: bool | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None

    @property
    def batch(self) -> Batch | None:
        """The one packet of the attended meetings (``None`` when none or several)."""
        return self.batches[0] if len(self.batches) == 1 else None

    @property
    def due(self) -> dt.date | None:
        """The due date of that packet."""
        return self.batch.due if self.batch else None

    @property
    def clause(self) -> str:
        """The clause of the rule version the attended meetings fall under (their one packet's, else the last's)."""
        return (self.batches or self.unbatched)[-1].clause  # with one packet, that one's

    def _repr_markdown_(self) -> str:
        return show.sections_markdown(show.packet_standing_sections(self))

    def _repr_html_(self) -> str:
        return show.sections_html(show.packet_standing_sections(self))


def packet_standing(
    participant: str,
    attended: Iterable[dt.date],
    issued: dt.date | None,
    year_long: YearLong,
    *,
    as_of: dt.date | None,
    policy: Policy = DEFAULT,
) -> PacketStanding:
    """The year-long credit decision for one participant (D14): the rule every credit answer reads.

    The application is in when the program's packet for the attended
    meetings' term names the participant among its applications and was
    submitted (on or before ``as_of``); it is on time when that packet went
    in by its due date. Then credit is expected per :func:`credit_expected`;
    later than that, without an issue date, it is overdue.

    >>> from ceurules import YearLong, packet_standing
    >>> from ceurules import load_program_file
    >>> plc = load_program_file("docs/examples/plc-yearlong.ceu.toml")
    >>> year_long = YearLong.for_program(plc.program, plc.packets)
    >>> app = plc.applications[0]
    >>> packet_standing(app.participant, app.attendance.dates, None, year_long, as_of="2027-01-20").status.value
    'overdue'
    """
    policy = check_policy(policy)
    participant = to_text(participant, "participant")
    issued, as_of = to_optional_date(issued, "issued"), to_optional_date(as_of, "as_of")
    if not isinstance(year_long, YearLong):
        raise InvalidInputError("year_long", year_long, "a YearLong (the program's packets)")
    try:
        batching = semester_batches(attended, policy=policy)
    except InvalidInputError as err:  # the meetings are the participant's attended days
        raise err.renamed(lambda field: field.replace("meeting_dates", "attended")) from None
    batches = batching.batches
    standing = PacketStanding(status=Status.NOT_IN_PACKET, batches=batches, unbatched=batching.unbatched)
    issued = in_by(issued, as_of)  # a day after as_of has not happened yet on it
    if issued is not None:
        standing = attrs.evolve(standing, status=Status.ISSUED, issued=issued)
    if len(batches) != 1:
        return standing
    batch = batches[0]
    entry = year_long.entry(batch)
    packet = entry.packet if entry is not None and participant in entry.packet.applications else None
    arrived = None if packet is None else in_by(packet.submitted, as_of)  # a packet sent after as_of is not yet in
    if packet is None or arrived is None:
        return standing
    try:
        return _in_packet(standing, packet, arrived, year_long.meeting_time, participant, as_of, policy)
    except InvalidInputError as err:  # credit_expected's refusal of the day of arrival: the packet's submission day
        where = f"year_long.packets[{year_long.packets.index(entry)}].submitted"
        raise InvalidInputError(where, err.value, err.expected) from None


def _in_packet(
    standing: PacketStanding,
    packet: Packet,
    arrived: dt.date,
    meeting_time: dt.timedelta | None,
    participant: str,
    as_of: dt.date | None,
    policy: Policy,
) -> PacketStanding:
    """A participant whose application is in the submitted packet of their term: on time by its due date (D10),
    credit expected per :func:`credit_expected`, CEUs from the sheets they signed (D16)."""
    batch = standing.batches[0]
    earliest, latest = credit_expected(batch, arrived, policy=policy)
    status = standing.status if standing.status is Status.ISSUED else _open_status(latest, as_of)
    signed = tuple(d for d in _signed(packet, batch, participant) if in_by(d, as_of))  # held by as_of
    ceus = None if meeting_time is None else participant_ceus(meeting_time, len(signed), policy=policy)
    return attrs.evolve(
        standing,
        status=status,
        packet=packet,
        signed_in=signed,
        ceus=ceus,
        arrived=arrived,
        on_time=arrived <= batch.due,
        earliest=earliest,
        latest=latest,
    )


def _signed(packet: Packet, batch: Batch, participant: str) -> tuple[dt.date, ...]:
    """The packet's meetings whose sign-in sheet shows ``participant``, on any day."""
    return tuple(d for d in batch.meetings if participant in packet.sign_ins.get(d, ()))


def _open_status(latest: dt.date, as_of: dt.date | None) -> Status:
    return Status.OVERDUE if as_of is not None and as_of > latest else Status.IN_PACKET


def packet_findings(
    standing: PacketStanding, participant: str, *, as_of: dt.date | None, year_long: YearLong | None = None
) -> list[Finding]:
    """The explained form of a standing's packet part: which packet, and whether in on time (D14). With the
    program's packets (``year_long``), a term's packet that went in without the application is named."""
    batch = standing.batch
    if batch is None:
        return [_no_packet_finding(standing)]
    facts: dict[str, object] = {"packet": batch.label, "due": batch.due, "arrived": standing.arrived}
    if standing.packet is not None:  # a standing gets its packet and its arrival day together
        when = "on or before" if standing.on_time else "after"
        message = f"In the {batch.label} packet, submitted {standing.arrived}, {when} its due date {batch.due}."
        outcome = Outcome.MET if standing.on_time else Outcome.NOT_MET
        signed = _signed(standing.packet, batch, participant)
        return [
            Finding.of(outcome, batch.clause, message, default="D14", **facts),
            *sent_before(
                standing.arrived, signed, as_of, what="The packet", clause=batch.clause, about="packet.submitted"
            ),
            _sign_in_finding(standing, batch, participant),
            *_unsigned_findings(standing, batch, as_of),
            *not_yet_in({"sign_ins": signed}, as_of, "credit.proof", "D16"),
        ]
    past_due = as_of is not None and as_of > batch.due
    outcome = Outcome.NOT_MET if past_due else Outcome.NOTE
    without = sent_without(year_long, batch, participant, as_of)
    if without is not None:  # the term's packet is in, and does not list the participant (a misspelt name?)
        sent, names = without
        listed = ", ".join(sorted(names)) or "no application"
        due = f"it was due {batch.due}" if past_due else f"it is due {batch.due}"
        message = f"The {batch.label} packet went in on {sent} without this application (it lists {listed}); "
        facts |= {"sent": sent, "about": "packet.applications"}  # where the name would be mended
        return [Finding.of(outcome, batch.clause, message + f"{due}.", default="D14", **facts)]
    if past_due:
        message = f"The {batch.label} packet was due {batch.due}; as of {as_of} the application is in no packet."
    else:
        message = f"The application goes in the {batch.label} packet, due {batch.due}."
    return [Finding.of(outcome, batch.clause, message, default="D14", **facts)]


def sent_without(
    year_long: YearLong | None, batch: Batch, participant: str, as_of: dt.date | None
) -> tuple[dt.date, frozenset[str]] | None:
    """The day the term's packet went in (by ``as_of``) and the applications it lists, when it does not list the
    participant's (a misspelt name in its list, or an application left out): the credit check and the timeline
    both say so."""
    entry = year_long.entry(batch) if year_long is not None else None
    if entry is None or participant in entry.packet.applications:
        return None
    sent = in_by(entry.packet.submitted, as_of)
    return None if sent is None else (sent, entry.packet.applications)


def _no_packet_finding(standing: PacketStanding) -> Finding:
    if standing.batches:
        labels = " and ".join(b.label for b in standing.batches)
        message = f"The attended meetings fall in the {labels} packets; each packet takes its own CEU application."
        packets = [b.label for b in standing.batches]
        return Finding.not_met(standing.batches[-1].clause, message, default="D14", packets=packets)
    first = standing.unbatched[0]
    message = f"No packet takes the attended meetings: {first.meeting}: {first.reason}."
    return Finding.not_met(first.clause, message, default="D9", unbatched=[u.meeting for u in standing.unbatched])


def _sign_in_finding(standing: PacketStanding, batch: Batch, participant: str) -> Finding:
    """The packet's sign-in sheets are the participant's proof of attendance (``credit.proof``) and their CEUs
    (D16)."""
    signed = list(standing.signed_in)
    facts: dict[str, object] = {"signed_in": signed, "ceus": standing.ceus, "about": "sign_ins"}
    if not signed:
        message = f"No sign-in sheet of the {batch.label} packet shows {participant}."
        return Finding.not_met("credit.proof", message, default="D16", **facts)
    earned = f"; {standing.ceus} CEU for the packet" if standing.ceus is not None else ""
    meetings = ", ".join(map(str, signed))
    message = f"The packet's sign-in sheets show {participant} at {len(signed)} meeting(s): {meetings}{earned}."
    return Finding.met("credit.proof", message, default="D16", **facts)


def _unsigned_findings(standing: PacketStanding, batch: Batch, as_of: dt.date | None) -> list[Finding]:
    """A note on the meetings the application lists (by ``as_of``) that no sign-in sheet of its packet shows, when
    others do (when none does, the proof finding says so): the sheets are the proof and count the CEUs (D16), so
    those meetings do not count."""
    signed = standing.signed_in  # the meetings held by as_of whose sheet shows the participant
    unsigned = [d for d in batch.meetings if signed and in_by(d, as_of) and d not in signed]
    if not unsigned:
        return []
    days, label = ", ".join(map(str, unsigned)), batch.label
    message = f"The application also lists {days}, which no sign-in sheet of the {label} packet shows: not counted."
    return [Finding.note("credit.proof", message, default="D16", about="attended", unsigned=unsigned)]


def status_finding(standing: PacketStanding, *, as_of: dt.date, policy: Policy = DEFAULT) -> Finding:
    """The explained form of a standing's status on ``as_of`` (D14)."""
    batch, clause_id = standing.batch, standing.clause
    facts: dict[str, object] = {"as_of": as_of, "earliest": standing.earliest, "latest": standing.latest}
    if standing.status is Status.ISSUED:
        return issued_finding(standing.issued, as_of, clause_id, policy, facts)
    if batch is None:  # in no single packet: the reason, as the packet finding gives it (D9, D14)
        return _no_packet_finding(standing)
    due = batch.due
    outcome, message = {
        Status.NOT_IN_PACKET: (Outcome.NOTE, f"Not yet in a packet: the {batch.label} packet is due {due}.")
        if as_of <= due
        else (Outcome.NOT_MET, f"In no packet: the {batch.label} packet was due {due}."),
        Status.IN_PACKET: (Outcome.NOTE, f"In the {batch.label} packet, credit expected by {standing.latest}."),
        Status.OVERDUE: (
            Outcome.NOT_MET,
            f"Overdue: credit from the {batch.label} packet was expected by {standing.latest}.",
        ),
    }[standing.status]
    return Finding.of(outcome, clause_id, message, default="D14", **facts)
