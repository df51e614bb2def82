"""Decisions that explain themselves: a verdict and the findings behind it.

Every rule function returns a :class:`Decision`. Each :class:`Finding` cites a
clause ID of the registry (:mod:`ceurules.clauses`), says in plain English what
was found, and keeps the facts it used, so ``str(decision)`` in a terminal or a
CI log needs nothing else.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, runtime_checkable

import attrs

from ._convert import check_str, check_type, to_items, to_text
from ._display import (
    cited,
    findings_rows_html,
    findings_rows_markdown,
    html_table,
    markdown_table,
    notes_html,
    notes_markdown,
    outcome_label,
    quoted,
)
from ._json import JSON, plain
from ._value import Value
from .clauses import CLAUSES, DEFAULTS
from .errors import InvalidInputError

if TYPE_CHECKING:
    from .policy import Policy

__all__ = [
    "SCHEMA_VERSION",
    "Answer",
    "Decision",
    "Explained",
    "Finding",
    "Outcome",
    "PolicyStamp",
    "Reason",
    "Status",
    "Verdict",
    "verdict_of",
]

#: Version of the JSON shape produced by ``to_dict()`` methods.
SCHEMA_VERSION = 1
"""Version of the JSON shape the ``to_dict()`` methods produce (their ``schema_version``).

>>> from ceurules import SCHEMA_VERSION, Program, check_eligibility
>>> program = Program(title="Math Night", activity="workshop", offering_dates=["2026-12-15"], contact_hours="3")
>>> check_eligibility(program).to_dict()["schema_version"] == SCHEMA_VERSION
True
"""


class Outcome(enum.Enum):
    """What one finding says about its clause.

    >>> from ceurules import Outcome
    >>> [o.value for o in Outcome]
    ['met', 'not met', 'needs review', 'note']
    """

    MET = "met"
    NOT_MET = "not met"
    NEEDS_REVIEW = "needs review"
    NOTE = "note"


class Verdict(enum.Enum):
    """The overall answer of a decision (an eligibility decision words them "eligible" and "ineligible":
    :attr:`Decision.verdict_label`).

    >>> from ceurules import Verdict
    >>> [v.value for v in Verdict]
    ['pass', 'fail', 'needs review']
    """

    PASS = "pass"
    FAIL = "fail"
    NEEDS_REVIEW = "needs review"


class Status(enum.Enum):
    """Where a participant's credit stands on a given day.

    ``NOT_COMPLETE``, ``IN_PROCESSING`` and ``OUTSIDE_WINDOW`` (applied or
    paid outside the window, or the window closed first: ``credit.window``
    fails) are the single-workshop path (``credit.window``,
    ``credit.processing``); ``NOT_IN_PACKET`` and ``IN_PACKET`` the year-long
    path (D14); ``ISSUED`` and ``OVERDUE`` both.

    >>> from ceurules import Status
    >>> Status("overdue").value
    'overdue'
    """

    NOT_COMPLETE = "not yet complete"
    IN_PROCESSING = "in processing"
    OUTSIDE_WINDOW = "outside the application window"
    NOT_IN_PACKET = "not yet in a packet"
    IN_PACKET = "in the packet"
    OVERDUE = "overdue"
    ISSUED = "issued"


def in_by(day: dt.date | None, as_of: dt.date | None) -> dt.date | None:
    """``day`` if it has happened by ``as_of``, else ``None``: the one rule of every answer given as of a day.

    ``as_of`` is a point in time: an application submitted, a payment made or a
    certificate issued after it has not happened yet on ``as_of``, so it counts
    as not yet in (``credit.window``, ``credit.processing``, ``credit.record``, D6,
    D14). Without ``as_of`` (``None``) every date given counts.

    >>> import datetime as dt
    >>> in_by(dt.date(2027, 2, 20), dt.date(2026, 11, 29)), in_by(dt.date(2027, 2, 20), None)
    (None, datetime.date(2027, 2, 20))
    """
    return day if as_of is None or day is None or day <= as_of else None


def _check_clause(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or value not in CLAUSES:
        raise InvalidInputError(attribute.name, value, "a clause ID of the registry")


def _check_default(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or value not in DEFAULTS):
        raise InvalidInputError(attribute.name, value, "one of the reading's defaults D1-D16")


class Facts(dict[str, Any]):
    """A finding's facts: a ``dict`` (JSON writes it as one) that cannot be changed, as the finding that holds
    it cannot: findings compare by their facts. To change one, make a new finding (``attrs.evolve``)."""

    __slots__ = ()

    def _refused(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a finding's facts cannot be changed; make a new Finding with other facts (attrs.evolve)")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refused

    def __reduce__(self) -> tuple[type[Facts], tuple[dict[str, Any]]]:  # copied and pickled as a whole
        return Facts, (dict(self),)


def _facts(value: Mapping[str, Any]) -> Facts:
    if not isinstance(value, Mapping):
        raise InvalidInputError("facts", value, "a mapping of fact names to values")
    return Facts(value)


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    to_text(value, attribute.name)  # non-blank, valid Unicode


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return to_items(value, "findings", Finding, "a list of findings", "a Finding")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Finding(Value):
    """One thing a rule found: which clause, what outcome, in words, and on which facts.

    ``default`` names the reading's default (``"D7"``) when the finding rests on one.

    >>> from ceurules import Finding, Outcome
    >>> finding = Finding(clause="credit.window", outcome=Outcome.MET, message="Applied in time.", default="D4")
    >>> print(finding)
    [met] Applied in time. (credit.window, D4)
    """

    clause: str = attrs.field(validator=_check_clause)
    outcome: Outcome = attrs.field(validator=check_type(Outcome, "an Outcome"))
    message: str = attrs.field(validator=_text)
    facts: dict[str, Any] = attrs.field(factory=dict, converter=_facts, hash=False)
    default: str | None = attrs.field(default=None, validator=_check_default)

    @classmethod
    def of(cls, outcome: Outcome, clause: str, message: str, /, *, default: str | None = None, **facts: Any) -> Finding:
        """A finding with ``outcome`` on ``clause``, its message and the facts it used (as keywords)."""
        return cls(clause=clause, outcome=outcome, message=message, facts=facts, default=default)

    @classmethod
    def met(cls, clause: str, message: str, /, *, default: str | None = None, **facts: Any) -> Finding:
        """A finding that ``clause`` is met: ``Finding.met("ceu.noncredit", "The program is non-credit.")``."""
        return cls.of(Outcome.MET, clause, message, default=default, **facts)

    @classmethod
    def not_met(cls, clause: str, message: str, /, *, default: str | None = None, **facts: Any) -> Finding:
        """A finding that ``clause`` is not met (it fails the decision)."""
        return cls.of(Outcome.NOT_MET, clause, message, default=default, **facts)

    @classmethod
    def needs_review(cls, clause: str, message: str, /, *, default: str | None = None, **facts: Any) -> Finding:
        """A finding that staff must review ``clause`` (nothing decides it)."""
        return cls.of(Outcome.NEEDS_REVIEW, clause, message, default=default, **facts)

    @classmethod
    def note(cls, clause: str, message: str, /, *, default: str | None = None, **facts: Any) -> Finding:
        """A finding that informs (a due date, a status) without deciding ``clause``."""
        return cls.of(Outcome.NOTE, clause, message, default=default, **facts)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""
        return self.dict_with(plain)

    def dict_with(self, facts: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
        """:meth:`to_dict` with the facts given by ``facts`` (``plain`` makes them JSON-ready; the JSON
        writer of ``ceurules check`` takes a plain copy and converts dates and decimals itself)."""
        return {
            "clause": self.clause,
            "outcome": self.outcome._value_,  # ``.value`` is two Python calls on 3.11; every finding runs here
            "message": self.message,
            "default": self.default,
            "facts": facts(self.facts),
        }

    def __str__(self) -> str:
        cite = self.clause + (f", {self.default}" if self.default else "")
        return f"[{self.outcome.value}] {self.message} ({cite})"


#: How a note names each date the file may give after the day of the check, and what it counts as then.
_LATER = {
    "submitted": ("Submitted on", "not yet in"),
    "paid": ("Paid on", "not yet in"),
    "issued": ("Issued on", "not yet in"),
    "received": ("Received on", "not yet in"),
    "attended": ("Attended on", "not yet attended"),
    "sign_ins": ("Signed in for", "not yet attended"),
    "certificate_date": ("Certificate dated", "not yet issued"),
    "approved_on": ("Approved on", "not yet approved"),
}


def not_yet_in(
    given: Mapping[str, dt.date | Sequence[dt.date] | None], as_of: dt.date | None, clause: str, default: str | None
) -> list[Finding]:
    """A note for each field of ``given`` (``submitted``, ``attended``, ...: see :data:`_LATER`) with a date after
    the day of the check: by :func:`in_by` it has not happened yet on ``as_of``, so it counts as not yet in, and
    the note on that field (``about``) says so, citing the clause that waits for it. Every answer given as of a
    day says it so."""
    findings = []
    for field, value in given.items():
        days = (value,) if isinstance(value, dt.date) else tuple(value or ())
        later = [day for day in days if in_by(day, as_of) is None]
        if not later:
            continue
        said, counted = _LATER[field]
        shown = later[0] if isinstance(value, dt.date) else later
        message = f"{said} {', '.join(map(str, later))}, after the day of the check ({as_of}): counted as {counted}."
        facts: dict[str, Any] = {"field": field, "value": shown, "as_of": as_of}
        findings.append(Finding.note(clause, message, default=default, about=field, **facts))
    return findings


@attrs.frozen(kw_only=True, repr=False, eq=False)
class PolicyStamp(Value):
    """Which policy produced an answer: its name and fingerprint (see :attr:`Policy.fingerprint`).

    A stamp made by :attr:`Policy.stamp` also keeps the policy itself (not
    compared, not written), so a display explains the clauses cited in that
    policy's words.
    """

    name: str = attrs.field(validator=check_str)
    fingerprint: str = attrs.field(validator=check_str)
    policy: Policy | None = attrs.field(default=None, eq=False, hash=False, repr=False)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""
        return {"name": self.name, "fingerprint": self.fingerprint}


@runtime_checkable
class Reason(Protocol):
    """One finding behind an answer: a :class:`Finding` (which cites a clause) or a
    :class:`~ceurules.RenewalFinding` (which cites a node of a renewal rule).

    >>> from ceurules import Reason, check_eligibility
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> reason: Reason = check_eligibility(pf.program).findings[-1]
    >>> reason.outcome.value, reason.default
    ('met', 'D7')
    """

    @property
    def outcome(self) -> Outcome:
        """What the finding says about its clause or node."""

    @property
    def message(self) -> str:
        """The finding in plain English."""

    @property
    def default(self) -> str | None:
        """The reading's default the finding rests on, if any."""

    @property
    def facts(self) -> Mapping[str, Any]:
        """The facts the finding used (dates, counts)."""

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""


@runtime_checkable
class Answer(Protocol):
    """The one verb contract: what every rule area answers with.

    A verdict derived from the findings (:func:`verdict_of`), every finding
    behind it, a JSON-ready form and the notebook displays. :class:`Decision`
    is the common answer; :class:`~ceurules.CreditStatus`,
    :class:`~ceurules.ProcessingWindow`, :class:`~ceurules.Batching`,
    :class:`~ceurules.Timeline`, :class:`~ceurules.FileReport` and
    :class:`~ceurules.RenewalProgress` carry more, on the same footing.

    >>> from datetime import date
    >>> from ceurules import Answer, check_eligibility, credit_status
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> status = credit_status(pf.applications[1], as_of=date(2027, 1, 20))
    >>> answers: list[Answer] = [check_eligibility(pf.program), status]
    >>> [(a.verdict_label, len(a.findings)) for a in answers]
    [('eligible', 9), ('pass', 1)]
    """

    @property
    def verdict(self) -> Verdict:
        """The overall answer."""

    @property
    def verdict_label(self) -> str:
        """The verdict in the area's own words (``"eligible"``, ``"met"``)."""

    @property
    def findings(self) -> Sequence[Reason]:
        """Every finding behind the verdict, in order."""

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""

    def _repr_html_(self) -> str:
        """The answer as an HTML table (Jupyter)."""

    def _repr_markdown_(self) -> str:
        """The answer as a Markdown table."""


def verdict_of(findings: Iterable[Reason]) -> Verdict:
    """The verdict findings add up to: any *not met* fails; otherwise any *needs review* needs review;
    otherwise it passes."""
    outcomes = [f.outcome for f in findings]  # a list: ``in`` compares members by identity, without hashing
    if Outcome.NOT_MET in outcomes:
        return Verdict.FAIL
    if Outcome.NEEDS_REVIEW in outcomes:
        return Verdict.NEEDS_REVIEW
    return Verdict.PASS


class Explained(Value):
    """The verdict, its label and ``passed``, derived from ``findings``: the base of every answer but
    :class:`~ceurules.FileReport` and :class:`~ceurules.RenewalProgress`, which add up answers of their own."""

    __slots__ = ()

    @property
    def findings(self) -> Sequence[Finding]:
        """Every finding behind the verdict."""
        raise NotImplementedError  # pragma: no cover - every answer defines its findings

    @property
    def verdict(self) -> Verdict:
        """The overall answer, derived from the findings."""
        return verdict_of(self.findings)

    @property
    def verdict_label(self) -> str:
        """The verdict in words."""
        return self.verdict.value

    @property
    def passed(self) -> bool:
        """Whether the verdict is a pass."""
        return self.verdict is Verdict.PASS


_LABELS = {
    "eligibility": {Verdict.PASS.value: "eligible", Verdict.FAIL.value: "ineligible"},
}


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Decision(Explained):
    """A verdict on one subject, with every finding behind it.

    The verdict follows from the findings: any finding *not met* fails the
    decision; otherwise any finding that *needs review* makes it need review;
    otherwise it passes. All findings are kept, not just the first failure.

    >>> from ceurules import check_eligibility
    >>> from ceurules import load_program_file
    >>> pf = load_program_file("docs/examples/workshop.ceu.toml")
    >>> decision = check_eligibility(pf.program)
    >>> decision.verdict_label, decision.passed, len(decision.findings)
    ('eligible', True, 9)
    """

    topic: str = attrs.field(validator=_text)
    subject: str = attrs.field(validator=_text)
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    #: The policy the decision was made under (``None``: not recorded).
    policy: PolicyStamp | None = attrs.field(
        default=None, validator=check_type(PolicyStamp, "a PolicyStamp", optional=True)
    )

    @property
    def verdict_label(self) -> str:
        """The verdict in this topic's own words (``"eligible"`` for an eligibility pass)."""
        verdict: str = self.verdict._value_  # as in Finding.to_dict
        return _LABELS.get(self.topic, {}).get(verdict, verdict)

    def failures(self) -> tuple[Finding, ...]:
        """The findings that are not met."""
        return tuple(f for f in self.findings if f.outcome is Outcome.NOT_MET)

    def cited_clauses(self) -> frozenset[str]:
        """Every clause ID the findings cite."""
        return frozenset(f.clause for f in self.findings)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form (see the docs for the shape, versioned by ``schema_version``)."""
        return self.dict_with(plain)

    def dict_with(self, facts: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
        """:meth:`to_dict` with each finding's facts given by ``facts`` (see :meth:`Finding.dict_with`)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "topic": self.topic,
            "subject": self.subject,
            "verdict": self.verdict_label,
            "policy": self.policy.to_dict() if self.policy else None,
            "findings": [f.dict_with(facts) for f in self.findings],
        }

    def __str__(self) -> str:
        head = f"{self.topic.capitalize()} of {quoted(self.subject)}: {self.verdict_label.upper()}"
        return "\n".join([head, *(f"  {f}" for f in self.findings)])

    def _title(self) -> str:
        return f"{self.topic.capitalize()} of {self.subject}: {outcome_label(self.verdict_label.upper())}"

    def _cells(self) -> list[tuple[str, str, str | None, str]]:
        return [(f.outcome.value, f.clause, f.default, f.message) for f in self.findings]

    def _codes(self) -> list[str]:
        return cited((f.clause, f.default) for f in self.findings)

    def _repr_markdown_(self) -> str:
        return self._table_markdown() + notes_markdown(self._codes(), stamp=self.policy)

    def _repr_html_(self) -> str:
        table = html_table(_HEADERS, findings_rows_html(self._cells(), self.policy), title=self._title())
        return table + notes_html(self._codes(), stamp=self.policy)

    def _table_markdown(self) -> str:
        """The verdict and findings as Markdown, without the footnote (a file report gathers them once)."""
        return markdown_table(_HEADERS, findings_rows_markdown(self._cells()), title=self._title())

    def _table_html(self) -> str:
        """The findings as an HTML table, without title or footnote (a file report shows them in a fold)."""
        return html_table(_HEADERS, findings_rows_html(self._cells(), self.policy))


_HEADERS = ("outcome", "clause", "finding")
