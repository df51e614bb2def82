"""Review a whole program file: every decision the policy implies for it, as of a day.

This is what ``ceurules check`` runs for each file; apps can call it too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ._json import JSON
from .approval import check_approval_request
from .credit import check_credit_application
from .decisions import SCHEMA_VERSION, Decision, Finding, Outcome, Verdict
from .eligibility import check_eligibility
from .policy import DEFAULT_POLICY, Policy
from .program_files import ProgramFile
from .units import ceus_for_minutes
from .yearlong import YearLong, check_packet, full_packet, packet_rule, semester_batches

__all__ = ["FileReport", "review_program_file"]


@attrs.frozen(kw_only=True)
class FileReport:
    """The decisions for one program file and the CEUs its program carries."""

    source: str
    ceus: Decimal
    decisions: tuple[Decision, ...]
    as_of: dt.date | None = None
    per: str = "session"

    @property
    def verdict(self) -> Verdict:
        """The file's answer: it fails if a decision fails, else it needs review if one does, else it passes."""
        verdicts = {d.verdict for d in self.decisions}
        for verdict in (Verdict.FAIL, Verdict.NEEDS_REVIEW):
            if verdict in verdicts:
                return verdict
        return Verdict.PASS

    def passed(self, *, strict: bool = False) -> bool:
        """Whether the file passes: *needs review* passes, except with ``strict``."""
        return self.verdict is Verdict.PASS or (self.verdict is Verdict.NEEDS_REVIEW and not strict)

    def to_dict(self, *, strict: bool = False) -> dict[str, JSON]:
        """JSON-ready form."""
        return {
            "schema_version": SCHEMA_VERSION,
            "file": self.source,
            "passed": self.passed(strict=strict),
            "verdict": self.verdict.value,
            "ceus": str(self.ceus),
            "ceus_per": self.per,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "decisions": [d.to_dict() for d in self.decisions],
        }

    def __str__(self) -> str:
        lines = [f"{self.source}: {self.ceus} CEU per {self.per}"]
        for decision in self.decisions:
            lines += ["  " + line for line in str(decision).splitlines()]
        return "\n".join(lines)


def _packet_decisions(pf: ProgramFile, as_of: dt.date | None, policy: Policy) -> list[Decision]:
    batching = semester_batches(pf.program.offering_dates, policy=policy)
    entries = {(e.term, e.school_year): e.packet for e in pf.packets}
    decisions = []
    for batch in batching.batches:
        packet = entries.pop((batch.term, batch.school_year), None)
        if packet is not None:
            decisions.append(check_packet(packet, batch, as_of=as_of, policy=policy))
        elif as_of is not None and as_of > batch.due:
            finding = Finding(
                clause=batch.clause,
                outcome=Outcome.NOT_MET,
                message=f"Past due: the {batch.label} packet was due {batch.due} and the file records none.",
                facts={"due": batch.due, "as_of": as_of},
                default="D10",
            )
            decisions.append(Decision(topic="credit packet", subject=batch.label, findings=[finding]))
    for (term, year), _packet in entries.items():
        finding = Finding(
            clause=packet_rule(term, year, policy=policy).clause,
            outcome=Outcome.NOT_MET,
            message=f"The file has a {term} {year} packet, but no meeting falls in that term.",
            facts={"term": term, "school_year": year},
        )
        decisions.append(Decision(topic="credit packet", subject=f"{term} {year}", findings=[finding]))
    if batching.unbatched:
        findings = [
            Finding(clause=u.clause, outcome=Outcome.NOTE, message=f"{u.meeting}: {u.reason}.", default="D9")
            for u in batching.unbatched
        ]
        decisions.append(Decision(topic="year-long batching", subject=pf.program.title, findings=findings))
    return decisions


def review_program_file(
    pf: ProgramFile, *, as_of: dt.date | None = None, policy: Policy = DEFAULT_POLICY
) -> FileReport:
    """Every decision for a loaded program file: eligibility, request, applications, packets."""
    program = pf.program
    decisions = [check_eligibility(program, policy=policy)]
    if pf.request is not None:
        decisions.append(check_approval_request(pf.request, policy=policy))
    year_long = YearLong(packets=pf.packets) if program.year_long else None
    decisions += [
        check_credit_application(app, approval=pf.approval, as_of=as_of, policy=policy, year_long=year_long)
        for app in pf.applications
    ]
    if program.year_long:
        decisions += _packet_decisions(pf, as_of, policy)
    ceus, per = _ceus(pf, policy)
    return FileReport(source=pf.source, ceus=ceus, decisions=tuple(decisions), as_of=as_of, per=per)


def _ceus(pf: ProgramFile, policy: Policy) -> tuple[Decimal, str]:
    """The CEUs the program carries: per session (D15), or for a year-long program per full packet (D16)."""
    minutes = pf.program.contact_minutes(policy)
    if not pf.program.year_long:
        return ceus_for_minutes(minutes, policy=policy), "session"
    batch = full_packet(pf.program.offering_dates, policy=policy)
    if batch is None:
        return ceus_for_minutes(minutes, policy=policy), "meeting"
    return ceus_for_minutes(minutes * len(batch.meetings), policy=policy), "full packet"
