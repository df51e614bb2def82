"""Review a whole program file: every decision the policy implies for it, as of a day.

This is what ``ceurules check`` runs for each file; apps can call it too.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._convert import to_optional_date
from ._display import (
    cited,
    escape,
    html_table,
    markdown_table,
    markdown_text,
    notes_html,
    notes_markdown,
    outcome_label,
)
from ._json import JSON, dumps, object_text, plain, string_writer
from ._typed import typed_fields
from ._value import Value
from .approval import check_approval_request
from .credit import CreditApplication, check_credit_application
from .decisions import SCHEMA_VERSION, Decision, Finding, Outcome, PolicyStamp, Verdict
from .eligibility import check_eligibility
from .errors import InvalidInputError, ProgramFileError, as_written
from .locations import Location, LocationIndex
from .policy import DEFAULT, Policy, check_policy
from .program_files import _MAX_PROBLEMS as MAX_PROBLEMS
from .program_files import ProgramFile
from .timelines import participant_events, program_events, request_events
from .units import program_ceus, program_policy

if TYPE_CHECKING:  # a year-long program's packets: their rules are imported by the checks of such a program
    from .yearlong import Batch, Packet, YearLong

__all__ = ["FileReport", "review_program_file"]

T = TypeVar("T")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class FileReport(Value):
    """The decisions for one program file and the CEUs its program carries.

    >>> from datetime import date
    >>> from ceurules import review_program_file
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> report = review_program_file(pf, as_of=date(2027, 1, 20))
    >>> report.verdict.value, report.ceus, len(report.decisions)
    ('pass', Decimal('0.7'), 4)
    """

    source: str
    ceus: Decimal
    decisions: tuple[Decision, ...]
    policy: PolicyStamp | None = None
    as_of: dt.date | None = None
    per: str = "session"
    #: The abbreviation of the policy's credit unit (``"CEU"``, ``"CPE"``, ...).
    unit: str = "CEU"
    fields: tuple[tuple[str, ...], ...] = ()
    """For each decision, the field path each of its findings is about (empty: not known)."""
    locations: LocationIndex | None = attrs.field(default=None, eq=False, repr=False)

    def located(self) -> Iterator[tuple[Decision, Finding, str, Location | None]]:
        """Every finding with its decision, the field it is about and where that field is written."""
        for decision, places in zip(self.decisions, self._places(), strict=True):
            for finding, (path, where) in zip(decision.findings, places, strict=True):
                yield decision, finding, path, None if where is None else Location(*where)

    #: The file's answer: it fails if a decision fails, else it needs review if one does, else it passes.
    verdict: Verdict = attrs.field(init=False, eq=False, repr=False)

    @verdict.default
    def _verdict(self) -> Verdict:
        given = self.decisions if isinstance(self.decisions, tuple) else ()  # anything else: refused just after
        verdicts = {d.verdict for d in given if isinstance(d, Decision)}
        for verdict in (Verdict.FAIL, Verdict.NEEDS_REVIEW):
            if verdict in verdicts:
                return verdict
        return Verdict.PASS

    @property
    def verdict_label(self) -> str:
        """The file's verdict in words."""
        return self.verdict.value

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of every decision, in order."""
        return tuple(f for d in self.decisions for f in d.findings)

    def passed(self, *, strict: bool = False) -> bool:
        """Whether the file passes: *needs review* passes, except with ``strict``."""
        return self.verdict is Verdict.PASS or (self.verdict is Verdict.NEEDS_REVIEW and not strict)

    def to_dict(self, *, strict: bool = False) -> dict[str, JSON]:
        """JSON-ready form."""
        return self.dict_with(plain, strict=strict)

    def to_json(self, *, strict: bool = False) -> str:
        """:meth:`to_dict` as JSON text on one line (what ``ceurules check --format jsonl`` writes for the file).

        Written piece by piece, each decision and finding from its values, not through a dict of the whole
        report (which costs more to build and encode): the text is exactly ``json.dumps(report.to_dict())``."""
        head = dumps(self.dict_with(dict.copy, strict=strict, decisions=False))
        quoted = string_writer()
        stamps: dict[int, str] = {}  # the decisions' policy stamps, each written once
        decisions = []
        for decision, places in zip(self.decisions, self._places(), strict=True):
            pairs = zip(decision.findings, places, strict=True)
            findings = ", ".join([_finding_text(finding, place, quoted) for finding, place in pairs])
            stamp = decision.policy
            if stamp is None:
                policy = "null"
            elif (policy := stamps.get(id(stamp), "")) == "":
                policy = stamps[id(stamp)] = object_text(stamp.to_dict())
            decisions.append(
                f'{{"schema_version": {SCHEMA_VERSION}, "topic": {quoted(decision.topic)}, "subject": '
                f'{quoted(decision.subject)}, "verdict": {quoted(decision.verdict_label)}, "policy": {policy}, '
                f'"findings": [{findings}]}}'
            )
        return f'{head[:-1]}, "decisions": [{", ".join(decisions)}]}}'

    def dict_with(
        self, facts: Callable[[dict[str, Any]], Any], *, strict: bool, decisions: bool = True
    ) -> dict[str, Any]:
        """:meth:`to_dict` with each finding's facts given by ``facts`` (see :meth:`Finding.dict_with`); without
        the ``decisions`` entry if ``decisions`` is false (the last entry: :meth:`to_json` writes it itself)."""
        data = {
            "schema_version": SCHEMA_VERSION,
            "file": self.source,
            "passed": self.passed(strict=strict),
            "verdict": self.verdict.value,
            "ceus": str(self.ceus),
            "ceus_per": self.per,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "policy": self.policy.to_dict() if self.policy else None,
        }
        if decisions:
            data["decisions"] = self._decision_dicts(facts)
        return data

    def _decision_dicts(self, facts: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
        """Each decision's JSON form, its findings with their field and location."""
        dicts = [d.dict_with(facts) for d in self.decisions]
        for data, places in zip(dicts, self._places(), strict=True):
            for finding, (path, where) in zip(data["findings"], places, strict=True):
                finding["field"] = path
                if where is not None:
                    finding["line"], finding["column"] = where
        return dicts

    def _places(self) -> list[list[tuple[str, tuple[int, int] | None]]]:
        """For each decision, each finding's field path and where it is written (as :meth:`located` gives
        them, without a Location object each: the locations of all findings are looked up at once)."""
        fields, paths = self.fields, []
        for i, decision in enumerate(self.decisions):
            known = fields[i] if i < len(fields) else ()
            paths.append([known[j] if j < len(known) else "" for j in range(len(decision.findings))])
        if self.locations is None:
            return [[(path, None) for path in group] for group in paths]
        places = iter(self.locations.line_columns([path for group in paths for path in group]))
        return [[(path, next(places)) for path in group] for group in paths]

    def __str__(self) -> str:
        lines = [f"{self.source}: {self.ceus} {self.unit} per {self.per}"]
        for decision in self.decisions:
            lines += ["  " + line for line in str(decision).splitlines()]
        return "\n".join(lines)

    def _headline(self) -> tuple[str, str]:
        """The title (file and verdict) and the line under it (CEUs, day, policy)."""
        parts = [f"{self.ceus} {self.unit} per {self.per}"]
        if self.as_of is not None:
            parts.append(f"as of {self.as_of}")
        if self.policy is not None:
            parts.append(f"policy {self.policy.name} ({self.policy.fingerprint})")
        return f"{self.source}: {outcome_label(self.verdict.value.upper())}", "; ".join(parts)

    def _summary_rows(self) -> list[tuple[str, str, str, str]]:
        return [
            (
                f"{d.topic.capitalize()} of {d.subject}",
                outcome_label(d.verdict_label),
                str(sum(f.outcome is Outcome.NOT_MET for f in d.findings)),
                str(sum(f.outcome is Outcome.NEEDS_REVIEW for f in d.findings)),
            )
            for d in self.decisions
        ]

    def _codes(self) -> list[str]:
        return cited((f.clause, f.default) for d in self.decisions for f in d.findings)

    def _repr_markdown_(self) -> str:
        title, line = self._headline()
        summary = markdown_table(_SUMMARY_HEADERS, self._summary_rows())
        parts = [f"**{markdown_text(title)}**", markdown_text(line), summary]
        parts += [d._table_markdown() for d in self.decisions]
        return "\n\n".join(parts) + notes_markdown(self._codes(), stamp=self.policy)

    def _repr_html_(self) -> str:
        esc = escape
        title, line = self._headline()
        rows = [tuple(esc(cell) for cell in row) for row in self._summary_rows()]
        parts = [f"<p{_LEFT}><strong>{esc(title)}</strong><br>{esc(line)}</p>", html_table(_SUMMARY_HEADERS, rows)]
        for d in self.decisions:
            opened = "" if d.passed else " open"  # what needs attention shows unfolded
            heading = esc(f"{outcome_label(d.verdict_label.upper())}: {d.topic.capitalize()} of {d.subject}")
            parts.append(f"<details{opened}><summary>{heading}</summary>{d._table_html()}</details>")
        return "".join(parts) + notes_html(self._codes(), stamp=self.policy)


_LEFT = ' style="text-align:left"'
_SUMMARY_HEADERS = ("decision", "verdict", "not met", "needs review")


# The field a finding is about, by clause, within the table its decision is about.
_PROGRAM_FIELDS = {
    "ceu.unit": "agenda",
    "ceu.noncredit": "academic_credit",
    **{f"course.{c}": f"criteria.{c}" for c in ("organized", "need", "objective", "instructors", "performance")},
    "course.evaluation": "criteria.evaluation",
}
_REQUEST_FIELDS = {
    "approval.lead-time": "approval_request.received",
    "approval.waiver": "approval_request.waiver",
    "approval.documents": "approval_request.documents",
    "approval.review": "approval_request.received",
}
_APPLICATION_FIELDS = {
    "credit.certificate": "certificate_date",
    "credit.proof": "proof_uploaded",
    "credit.window": "submitted",
    "credit.processing": "issued",
    "credit.record": "issued",
    "approval.dates": "attended",
}


def _application_field(finding: Finding) -> str:
    """The application field a finding is about: the one it names (``about``), else its clause's."""
    about = finding.facts.get("about")
    return about if isinstance(about, str) else _APPLICATION_FIELDS.get(finding.clause, "")


def _application_path(table: str, finding: Finding, packet: str) -> str:
    """Where a finding of an application is written: in its table, or outside it the approval's day or the
    sign-in sheets of the application's packet (``packet``: its table, D16)."""
    field = _application_field(finding)
    if field == "sign_ins" or field.startswith("packet."):  # the packet's sheets or its own date (packet.submitted)
        return _join(packet, field.removeprefix("packet."))
    return "approval.approved_on" if field == "approved_on" else _join(table, field)


def _packet_table(app: CreditApplication, year_long: YearLong, policy: Policy) -> str:
    """The table of the packet a year-long application's meetings fall in (``packets[1]``: the file's packets
    are ``year_long``'s, in order); ``packets`` when the file has no such packet, or the meetings fall in more
    than one."""
    from .yearlong import semester_batches

    batches = semester_batches(app.attendance.dates, policy=policy).batches
    entry = year_long.entry(batches[0]) if len(batches) == 1 else None
    return "packets" if entry is None else f"packets[{year_long.packets.index(entry)}]"


def _packet_path(table: str, finding: Finding) -> str:
    """Where a finding of a packet's decision is written: the field it names (``about``) in the packet's table
    (``packets[1].submitted``), else the table."""
    about = finding.facts.get("about")
    return _join(table, about) if isinstance(about, str) and table.startswith("packets[") else table


def _program_field(clause: str) -> str:
    return _PROGRAM_FIELDS.get(clause, "activity" if clause.startswith("program.") else "")


def _packet_decisions(pf: ProgramFile, as_of: dt.date | None, policy: Policy) -> list[tuple[Decision, str]]:
    """The packet decisions, each with the table it is about."""
    from .yearlong import semester_batches, term_label

    batching = semester_batches(pf.program.offering_dates, policy=policy)
    entries = {(e.term, e.school_year): (e.packet, f"packets[{i}]") for i, e in enumerate(pf.packets)}
    decisions = []
    for batch in batching.batches:
        packet, path = entries.pop((batch.term, batch.school_year), (None, ""))
        if packet is not None:
            decisions.append((_checked_packet(packet, batch, path, as_of, policy), path))
        elif as_of is not None and as_of > batch.due:
            message = f"Past due: the {batch.label} packet was due {batch.due} and the file records none."
            finding = Finding.not_met(batch.clause, message, default="D10", due=batch.due, as_of=as_of)
            decisions.append((_packet_decision(batch.label, finding, policy), "packets"))
    for (term, year), (_packet, path) in entries.items():
        finding = _stray_packet_finding(term, year, policy)
        decisions.append((_packet_decision(term_label(term, year), finding, policy), path))
    if batching.unbatched:
        findings = batching.unbatched_findings()
        batched = Decision(topic="year-long batching", subject=pf.program.title, findings=findings, policy=policy.stamp)
        decisions.append((batched, "offering_dates"))
    return decisions


def _checked_packet(packet: Packet, batch: Batch, path: str, as_of: dt.date | None, policy: Policy) -> Decision:
    """:func:`~ceurules.check_packet`, a refused date named at the packet's table (``packets[1].submitted``)."""
    from .yearlong import check_packet

    try:
        return check_packet(packet, batch, as_of=as_of, policy=policy)
    except InvalidInputError as err:
        raise err.renamed(lambda field: field.replace("packet.", f"{path}.", 1)) from None


def _stray_packet_finding(term: str, year: int, policy: Policy) -> Finding:
    """A packet of the file that takes no meeting: of a term no meeting falls in, or of a term the rule in force
    does not have (:func:`~ceurules.packet_rule` refuses it)."""
    from .yearlong import packet_rule, school_year_rule, term_label

    try:
        clause = packet_rule(term, year, policy=policy).clause
    except InvalidInputError as err:
        clause = school_year_rule(year, policy=policy).clause
        label = term_label(term, year)
        message = f"The file has a packet for {label}, but the rule has no such term: expected {err.expected}."
        return Finding.not_met(clause, message, term=term, school_year=year)
    message = f"The file has a packet for {term_label(term, year)}, but no meeting falls in that term."
    return Finding.not_met(clause, message, term=term, school_year=year)


def _packet_decision(subject: str, finding: Finding, policy: Policy) -> Decision:
    return Decision(topic="credit packet", subject=subject, findings=[finding], policy=policy.stamp)


class _Refusals:
    """The values the rules refused in one file, each a problem at its field path, raised together at the end:
    a review reports every refused date of a file at once, as loading reports every problem."""

    def __init__(self, pf: ProgramFile) -> None:
        self.pf = pf
        self.found: dict[str, tuple[str, tuple[int, int] | None]] = {}  # by field path: one problem a field

    def run(self, part: str, check: Callable[[], T]) -> T | None:
        """``check()``; ``None`` when it refused a value (recorded below ``part``)."""
        try:
            return check()
        except InvalidInputError as err:
            refused = refused_in_file(self.pf, err, part)
            (path, message), where = refused.problems[0], refused.locations[0]
            self.found.setdefault(path, (message, where))
            return None

    def raise_any(self) -> None:
        """Raise the refusals found, if any, as one :class:`~ceurules.ProgramFileError` of the file."""
        if self.found:
            kept = list(self.found.items())[:MAX_PROBLEMS]
            problems = [(path, message) for path, (message, _) in kept]
            raise ProgramFileError(
                self.pf.source, problems, [where for _, (_, where) in kept], len(self.found) - len(kept)
            )


def _program_dates(pf: ProgramFile, policy: Policy, refusals: _Refusals) -> None:
    """The program's dates and its request's, refused as `timeline` refuses them (each apart, so that a refusal
    of one does not hide the other's)."""
    refusals.run("", lambda: program_events(pf.program, request=None, policy=policy))
    if (request := pf.request) is not None:
        refusals.run("", lambda: request_events(request, policy=policy))


def refuse_timeline_dates(pf: ProgramFile, *, participant: str | None, policy: Policy = DEFAULT) -> None:
    """Raise :class:`~ceurules.ProgramFileError` listing every date a timeline of ``pf`` (and of
    ``participant``'s applications) cannot carry, as ``ceurules check`` lists them; else return."""
    refusals = _Refusals(pf)
    _program_dates(pf, policy, refusals)
    year_long = refusals.run("", lambda: pf.year_long(policy=policy))
    for i, app in enumerate(pf.applications):
        if app.participant == participant and (year_long is not None or not pf.program.year_long):
            check = functools.partial(participant_events, app, policy=policy, year_long=year_long)
            refusals.run(f"applications[{i}].", check)
    refusals.raise_any()


def refused_in_file(pf: ProgramFile, err: InvalidInputError, part: str = "") -> ProgramFileError:
    """A value a rule refused, as a problem of the file at its field path: ``part`` (``applications[2].``)
    before the field, ``approval_request.`` for the request's, the program's dates as they are."""
    if err.field.startswith(_PROGRAM_DATES):
        path = err.field
    elif err.field.startswith("year_long."):  # the program's packets, whoever asked about them
        path = err.field.removeprefix("year_long.")
    elif err.field.startswith("request."):
        path = "approval_request." + err.field.removeprefix("request.")
    else:
        path = part + err.field
    problem = (path, f"expected {err.expected}, got {as_written(err.value, 80)}")
    return ProgramFileError(pf.source, [problem], [pf.where(path)])


_PROGRAM_DATES = ("offering_dates", "meeting_dates", "sessions")


def _finding_text(finding: Finding, place: tuple[str, tuple[int, int] | None], quoted: Callable[[str], str]) -> str:
    """A finding of :meth:`FileReport.to_json`: its JSON form, with its field and where it is written."""
    path, where = place
    default = "null" if finding.default is None else quoted(finding.default)
    line = "" if where is None else f', "line": {where[0]}, "column": {where[1]}'
    return (
        f'{{"clause": {quoted(finding.clause)}, "outcome": {quoted(finding.outcome._value_)}, "message": '
        f'{quoted(finding.message)}, "default": {default}, "facts": {object_text(finding.facts)}, "field": '
        f"{quoted(path)}{line}}}"
    )


def review_program_file(
    pf: ProgramFile, *, as_of: dt.date | None = None, policy: Policy = DEFAULT
) -> FileReport:
    """Every decision for a loaded program file: eligibility, request, applications, packets.

    A date the rules cannot carry (a deadline past 2199) raises
    :class:`~ceurules.ProgramFileError` naming the file and the field, as loading does;
    every such date of the file is listed in it.

    >>> from datetime import date
    >>> from ceurules import review_program_file
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> print(str(review_program_file(pf, as_of=date(2027, 1, 20))).splitlines()[0])
    docs/examples/workshop.ceu.toml: 0.7 CEU per session
    """
    if not isinstance(pf, ProgramFile):
        raise InvalidInputError("pf", pf, "a ProgramFile (see load_program_file)")
    as_of = to_optional_date(as_of, "as_of")
    policy = check_policy(policy)
    program = pf.program
    eligibility = check_eligibility(program, policy=policy)
    located = [(eligibility, tuple(_program_field(f.clause) for f in eligibility.findings))]
    refusals = _Refusals(pf)
    _program_dates(pf, policy, refusals)
    located += _request_decisions(pf, as_of, policy, refusals) + _application_decisions(pf, as_of, policy, refusals)
    if program.year_long:
        packets = refusals.run("", lambda: list(_packet_decisions(pf, as_of, policy))) or []
        located += [(decision, tuple(_packet_path(table, f) for f in decision.findings)) for decision, table in packets]
    refusals.raise_any()
    counting = program_policy(program, policy=policy)
    ceus, per = program_ceus(program, policy=counting)
    return FileReport(
        source=pf.source,
        ceus=ceus,
        decisions=tuple(decision for decision, _ in located),
        policy=policy.stamp,
        as_of=as_of,
        per=per,
        unit=counting.unit_abbreviation,
        fields=tuple(fields for _, fields in located),
        locations=pf.locations,
    )


#: A decision with, for each of its findings, the field of the file it is about.
_Located = tuple[Decision, tuple[str, ...]]


def _request_decisions(
    pf: ProgramFile, as_of: dt.date | None, policy: Policy, refusals: _Refusals
) -> list[_Located]:
    """The approval request's decision, when the file has a request (and the rules carry its dates)."""
    request = pf.request
    if request is None:
        return []
    checked = refusals.run("approval_request.", lambda: check_approval_request(request, policy=policy, as_of=as_of))
    if checked is None:
        return []
    return [(checked, tuple(_REQUEST_FIELDS.get(f.clause, "approval_request") for f in checked.findings))]


def _application_decisions(
    pf: ProgramFile, as_of: dt.date | None, policy: Policy, refusals: _Refusals
) -> list[_Located]:
    """Each credit application's decision (a year-long program's through its packets, D14)."""
    year_long = refusals.run("", lambda: pf.year_long(policy=policy))  # its meeting time may be refused
    if year_long is None and pf.program.year_long:
        return []
    located = []
    for i, app in enumerate(pf.applications):
        table = f"applications[{i}]"
        check = functools.partial(_application_decision, pf, app, as_of, policy, year_long)
        decision = refusals.run(table + ".", check)
        if decision is None:
            continue
        packet = _packet_table(app, year_long, policy) if year_long is not None else "packets"
        fields = tuple(_application_path(table, f, packet) for f in decision.findings)
        located.append((decision, fields))
    return located


def _application_decision(
    pf: ProgramFile, app: CreditApplication, as_of: dt.date | None, policy: Policy, year_long: YearLong | None
) -> Decision:
    """One application's decision, after its dates are checked as `timeline` checks them."""
    participant_events(app, policy=policy, year_long=year_long)
    return check_credit_application(
        app, approval=pf.approval, as_of=as_of, policy=policy, year_long=year_long, offered=pf.program.offering_dates
    )


def _join(table: str, key: str) -> str:
    return f"{table}.{key}" if key else table
