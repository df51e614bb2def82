"""One agenda scored under several credit systems: CEUs, CPE, CME, contact hours, PDH.

Each credit system is a policy (a bundled profile such as ``nasba-halves``,
or any policy file); :func:`credit_statement` counts a program's contact time
under each with :func:`~ceurules.credits`, so every line goes through the same
counting rule (``ceu.unit``, D7, D8 and the profile's defaults CS1-CS12 in
docs/credit-systems.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import attrs

from ._convert import check_str, check_type, decimal_text, to_items
from ._display import escape, html_table, markdown_table, quoted
from ._json import JSON
from ._typed import typed_fields
from ._value import Value
from .decisions import SCHEMA_VERSION
from .errors import InvalidInputError
from .policy import Policy, check_policy
from .programs import Program
from .units import Credits, credits, program_contact, program_policy

__all__ = ["CreditLine", "CreditStatement", "credit_statement"]


def _minutes(value: Decimal | Fraction) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if not isinstance(value, Decimal):
        raise InvalidInputError("contact_minutes", value, "a Decimal number of minutes")
    return value


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class CreditLine(Value):
    """One credit system's answer: the policy, the contact minutes it counts, the credit.

    >>> from ceurules import Program, credit_statement
    >>> program = Program(title="Audit update", activity="workshop", contact_hours="2")
    >>> line = credit_statement(program, policies=["iacet"]).lines[0]
    >>> line.policy, str(line.credits), line.contact_minutes
    ('IACET continuing education unit', '0.2 CEU', Decimal('120'))
    """

    policy: str = attrs.field(validator=check_str)
    fingerprint: str = attrs.field(validator=check_str)
    contact_minutes: Decimal = attrs.field(converter=_minutes)
    credits: Credits = attrs.field(validator=check_type(Credits, "a Credits value"))
    #: What the credit is for: ``"session"`` (D15), ``"full packet"`` or ``"meeting"`` (a year-long program, D16).
    per: str = attrs.field(default="session", validator=check_str)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""
        return {
            "policy": {"name": self.policy, "fingerprint": self.fingerprint},
            "contact_minutes": str(self.contact_minutes),
            "credits": self.credits.to_dict(),
            "per": self.per,
        }


def _lines(value: Iterable[CreditLine]) -> tuple[CreditLine, ...]:
    return to_items(value, "lines", CreditLine, "a list of CreditLine", "a CreditLine")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class CreditStatement(Value):
    """A program's credit under each of several credit systems, one line per policy.

    >>> from ceurules import Program, credit_statement
    >>> program = Program(title="Audit update", activity="workshop", contact_hours="2")
    >>> print(credit_statement(program, policies=["iacet", "nasba-halves"]))
    Credit statement of 'Audit update'
      IACET continuing education unit                0.2 CEU  120 contact minutes
      NASBA CPE, group live, half-credit increments  2.0 CPE  100 contact minutes
    """

    subject: str = attrs.field(validator=check_str)
    lines: tuple[CreditLine, ...] = attrs.field(converter=_lines)

    def __str__(self) -> str:
        rows = self._rows()
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
        text = [
            f"  {name:<{widths[0]}}  {amount:>{widths[1]}} {unit:<{widths[2]}}  {minutes} contact minutes"
            + ("" if per == "session" else f" per {per}")
            for name, amount, unit, minutes, per in rows
        ]
        return "\n".join([f"Credit statement of {quoted(self.subject)}", *text])

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form, versioned by ``schema_version``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "subject": self.subject,
            "lines": [line.to_dict() for line in self.lines],
        }

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        return [
            (line.policy, str(line.credits.amount), line.credits.unit, decimal_text(line.contact_minutes), line.per)
            for line in self.lines
        ]

    def _repr_markdown_(self) -> str:
        return markdown_table(_HEADERS, self._rows(), title=f"Credit statement of {self.subject}")

    def _repr_html_(self) -> str:
        rows = [tuple(escape(cell) for cell in row) for row in self._rows()]
        return html_table(_HEADERS, rows, title=f"Credit statement of {self.subject}")


_HEADERS = ("policy", "credit", "unit", "contact minutes", "per")


def credit_statement(program: Program, *, policies: Iterable[Policy | str]) -> CreditStatement:
    """The credit ``program`` earns under each policy, in the order given.

    A policy is a :class:`~ceurules.Policy`, a policy file's path or text, or
    the name of a bundled profile:

    >>> from ceurules import Agenda, Program, Segment
    >>> program = Program(title="Audit update", activity="workshop", agenda=Agenda(segments=[
    ...     Segment(kind="instruction", start="09:00", end="10:30"),
    ...     Segment(kind="break", start="10:30", end="10:45"),
    ...     Segment(kind="discussion", start="10:45", end="11:15"),
    ... ]))
    >>> print(credit_statement(program, policies=["iacet", "nasba-fifths", "nasba-halves"]))
    Credit statement of 'Audit update'
      IACET continuing education unit                0.2 CEU  120 contact minutes
      NASBA CPE, group live, one-fifth increments    2.4 CPE  120 contact minutes
      NASBA CPE, group live, half-credit increments  2.0 CPE  120 contact minutes

    A line is what :func:`~ceurules.credits` and :func:`~ceurules.ceus` give
    for the program: for a year-long program, a full packet of meetings (D16).
    """
    if not isinstance(program, Program):
        raise InvalidInputError("program", program, "a Program")
    if isinstance(policies, str | Policy) or not isinstance(policies, Iterable):
        raise InvalidInputError("policies", policies, "a list of policies or bundled policy names")
    chosen = [check_policy(p, f"policies[{i}]") for i, p in enumerate(policies)]
    if not chosen:
        raise InvalidInputError("policies", [], "at least one policy")
    return CreditStatement(subject=program.title, lines=[_line(program, policy) for policy in chosen])


def _line(program: Program, policy: Policy) -> CreditLine:
    """The program's line under ``policy``: the blocks and the credit of :func:`~ceurules.credits` (D13, D15, D16)."""
    in_force = program_policy(program, policy=policy)
    blocks, per = program_contact(program, policy=in_force)
    return CreditLine(
        policy=policy.name,
        fingerprint=policy.fingerprint,
        contact_minutes=sum(blocks, Fraction(0)),
        credits=credits(program, policy=policy),
        per=per,
    )
