"""The clause registry: every rule of the CEU policy, once, with a stable ID.

The IDs are the ones of the policy reading (``shared/policy/READING.md`` in the
project's planning notes, reproduced in ``docs/rules.md``). Every finding the
library produces cites one of them. The registry holds each clause's and
default's ID and the parameters it reads; the wording is the policy's (the
``[clauses]`` and ``[defaults]`` tables of a policy file), a template over those
parameters. ``docs/rules.md`` is generated from the bundled policy by
``ceurules rules > docs/rules.md`` and a test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._convert import decimal_text, to_date
from ._value import Value

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from dateutil.relativedelta import relativedelta

    from .business_days import BusinessCalendar
    from .policy import CreditingRule, Policy, Term

__all__ = [
    "CLAUSES",
    "DECIDED_BY",
    "DEFAULTS",
    "TEXT_KEYS",
    "Clause",
    "Default",
    "clause",
    "default_text",
    "explanation",
    "render",
    "rules_reference",
    "text_of",
]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Clause(Value):
    """One clause of the policy: its ID and the parameters its rule reads.

    Its wording is the policy's (``[clauses]`` in a policy file): a template over
    those parameters, rendered by :meth:`text`. When a clause is in force is the
    policy's to say too (``registration_history_from``, the crediting rules'
    effective dates): see :meth:`period`.

    >>> from ceurules import clause
    >>> clause("credit.window").id
    'credit.window'
    """

    id: str
    #: The policy parameters the clause's rule reads: its template may name these.
    parameters: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The template of the source policy's wording (see :meth:`template`)."""
        return self.template()

    def template(self, *, policy: Policy | None = None) -> str:
        """The policy's wording of the clause, a template over its :attr:`parameters`."""
        return _policy(policy).text_of(self.id)

    def text(self, *, policy: Policy | None = None, on: dt.date | None = None) -> str:
        """The wording with the policy's values filled in (default: the source policy).

        A value that changes on a date reads with its later versions
        (``14 days (21 days from 2027-08-01)``); with ``on`` the text is the one
        in force on that day.
        """
        return text_of(self.id, policy=policy, on=on)

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

    def effective_text(self, *, policy: Policy | None = None) -> str:
        """The clause's period of force in words, as the rules reference shows it, with the days its values
        change."""
        effective, until = self.period(policy=policy)
        if effective is None and until is None:
            text = "always"
        elif until is None:
            text = f"from {effective}"
        elif effective is None:
            text = f"before {until}"
        else:
            text = f"from {effective} until {until}"
        changed = sorted({c.effective for c in _policy(policy).changes if c.parameter in self.parameters})
        return text + (f"; its values change on {', '.join(map(str, changed))}" if changed else "")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Default(Value):
    """One of the reading's defaults (D1-D16): its key and the parameters it reads.

    Its wording is the policy's (``[defaults]`` in a policy file), as for :class:`Clause`.
    """

    key: str
    #: The policy parameters the default sets: its template may name these.
    parameters: tuple[str, ...] = ()

    def template(self, *, policy: Policy | None = None) -> str:
        """The policy's wording of the default, a template over its :attr:`parameters`."""
        return _policy(policy).text_of(self.key)

    def text(self, *, policy: Policy | None = None, on: dt.date | None = None) -> str:
        """The wording with the policy's values filled in (see :meth:`Clause.text`)."""
        return text_of(self.key, policy=policy, on=on)

    def __str__(self) -> str:
        return self.text()


_CEU_UNIT = ("unit_name", "unit_abbreviation")
_COUNTING = (
    "contact_hours_per_ceu", "ceu_increment", "ceu_rounding", "first_award", "minimum_contact_hours", "sum_segments",
    *_CEU_UNIT,
)  # fmt: skip
_PROCESSING = ("processing_earliest_business_days", "processing_latest_business_days")

CLAUSES: dict[str, Clause] = {
    c.id: c
    for c in (
        Clause(id="ceu.unit", parameters=("contact_hours_per_ceu", *_CEU_UNIT)),
        Clause(id="ceu.noncredit", parameters=_CEU_UNIT),
        Clause(id="course.organized"),
        Clause(id="course.need"),
        Clause(id="course.objective"),
        Clause(id="course.instructors"),
        Clause(id="course.performance", parameters=_CEU_UNIT),
        Clause(id="course.evaluation"),
        Clause(id="program.eligible.format"),
        Clause(id="program.eligible.method"),
        Clause(id="program.eligible.license"),
        Clause(id="program.ineligible.meeting"),
        Clause(id="program.ineligible.recreation"),
        Clause(id="program.ineligible.social"),
        Clause(id="program.ineligible.work"),
        Clause(id="approval.lead-time", parameters=("lead_time_days",)),
        Clause(id="approval.waiver"),
        Clause(id="approval.documents"),
        Clause(id="approval.dates"),
        Clause(id="approval.review", parameters=("review_business_days", "calendar")),
        Clause(id="credit.certificate"),
        Clause(id="credit.link"),
        Clause(id="credit.proof"),
        Clause(id="credit.window", parameters=("application_window",)),
        Clause(id="credit.processing", parameters=(*_PROCESSING, "calendar", *_CEU_UNIT)),
        Clause(id="credit.semi-osl", parameters=("semi_osl_delay",)),
        Clause(id="credit.record", parameters=("registration_history_from",)),
        Clause(id="yearlong.semester", parameters=("crediting_rules", "packet_credit_business_days")),
        Clause(id="yearlong.annual", parameters=("crediting_rules",)),
    )
}
"""Every clause of the source policy by ID (the reading's clause IDs), each with its summary.

>>> from ceurules import CLAUSES
>>> CLAUSES["approval.review"].text()
'A complete request is reviewed within 3 business days.'
"""

#: The reading's settled defaults: what the policy text leaves open and how ceurules decides it.
DEFAULTS: dict[str, Default] = {
    d.key: d
    for d in (
        Default(key="D1", parameters=("lead_time_days",)),
        Default(key="D2", parameters=("review_business_days", "calendar")),
        Default(key="D3", parameters=("calendar",)),
        Default(key="D4", parameters=("application_window",)),
        Default(key="D5"),
        Default(key="D6", parameters=(*_PROCESSING, "calendar")),
        Default(key="D7", parameters=_COUNTING),
        Default(key="D8", parameters=("minutes_per_contact_hour", "contact_kinds")),
        Default(key="D9", parameters=("crediting_rules",)),
        Default(key="D10", parameters=("crediting_rules",)),
        Default(key="D11"),
        Default(key="D12"),
        Default(key="D13"),
        Default(key="D14", parameters=("packet_credit_business_days", "crediting_rules", "calendar")),
        Default(key="D15", parameters=_CEU_UNIT),
        Default(key="D16", parameters=("crediting_rules",)),
    )
}
"""The reading's defaults D1-D16 by ID, each worded with the policy's parameters in braces.

>>> from ceurules import DEFAULTS
>>> list(DEFAULTS)[:3]
['D1', 'D2', 'D3']
"""

#: Every wording a policy holds, in the order a policy file lists them: the clauses, then the defaults.
TEXT_KEYS: tuple[str, ...] = (*CLAUSES, *DEFAULTS)

#: Words a template may name that are derived from a parameter: the parameter each is derived from.
DERIVED: dict[str, str] = {"workdays": "calendar", "terms": "crediting_rules", "unbatched_months": "crediting_rules"}


#: Where each clause is decided: ``module.function`` of the one rule that answers it (in ``ceurules``).
#: A test checks that each function exists and that its module (or, for the activity lists,
#: ``programs.ACTIVITY_CLAUSES``) names the clause; ``docs/rules.md`` shows it beside the clause.
DECIDED_BY: dict[str, str] = {
    "ceu.unit": "units.ceus",
    "ceu.noncredit": "eligibility._credit_finding",
    **{f"course.{c}": "eligibility._criteria_findings"
       for c in ("organized", "need", "objective", "instructors", "performance", "evaluation")},
    **{f"program.{c}": "eligibility._activity_finding"
       for c in ("eligible.format", "eligible.method", "eligible.license", "ineligible.meeting",
                 "ineligible.recreation", "ineligible.social", "ineligible.work")},
    "approval.lead-time": "approval_deadlines.submission_deadline",
    "approval.waiver": "approval._waiver_finding",
    "approval.documents": "approval._document_findings",
    "approval.dates": "approval.is_date_approved",
    "approval.review": "approval_deadlines.review_due",
    "credit.certificate": "credit._certificate_finding",
    "credit.link": "credit._approval_findings",
    "credit.proof": "credit._proof_finding",
    "credit.window": "credit.window_finding",
    "credit.processing": "credit.processing_window",
    "credit.semi-osl": "credit.semi_osl_date",
    "credit.record": "credit.credit_status",
    "yearlong.semester": "yearlong.semester_batches",
    "yearlong.annual": "yearlong.semester_batches",
}  # fmt: skip


def placeholders(key: str) -> frozenset[str]:
    """The names the template of a clause or default may use: its parameters and the words derived from them."""
    entry = CLAUSES.get(key) or DEFAULTS[key]
    derived = {name for name, parameter in DERIVED.items() if parameter in entry.parameters}
    return frozenset(entry.parameters) - {"crediting_rules"} | derived  # the rules are said by their terms


@functools.lru_cache(maxsize=1024)
def check_template(key: object, template: object) -> str:
    """A clause's or default's template, checked: a text whose every ``{name}`` is a value the clause reads.

    Raises :class:`~ceurules.InvalidInputError` naming ``texts.<key>`` and the placeholder as written.
    """
    from _string import formatter_parser  # type: ignore[import-not-found]  # string.Formatter().parse, without string

    from .errors import InvalidInputError

    if not isinstance(key, str) or key not in TEXT_KEYS:
        raise InvalidInputError("texts", key, "a clause ID of the registry or a default D1-D16")
    field = f"texts.{key}"
    if not isinstance(template, str) or not template.strip():
        raise InvalidInputError(field, template, "a text")
    allowed = placeholders(key)
    expected = f"a value {key} reads: {', '.join('{' + n + '}' for n in sorted(allowed)) or 'none'}"
    try:
        parts = list(formatter_parser(template))
    except ValueError:
        raise InvalidInputError(field, template, "a template whose braces pair up ({{ and }} for a brace)") from None
    for _, name, spec, conversion in parts:
        if name is not None and (name not in allowed or spec or conversion):
            raise InvalidInputError(field, "{" + name + (f"!{conversion}" if conversion else "") + "}", expected)
    return template


@functools.cache
def source_texts() -> dict[str, str]:
    """The source policy's wording of every clause and default, as its bundled policy file holds it."""
    from ._policy_snapshot import bundled_table

    data = bundled_table("source")
    return {**data.get("clauses", {}), **data.get("defaults", {})}


def clause(clause_id: str) -> Clause:
    """The registered clause with this ID; an unknown ID raises :class:`~ceurules.InvalidInputError`.

    >>> from ceurules import clause
    >>> print(clause("approval.review").text())
    A complete request is reviewed within 3 business days.
    """
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


def _plural(count: int | Decimal, unit: str) -> str:
    shown = decimal_text(count) if isinstance(count, Decimal) else str(count)
    return f"{shown} {unit}{'' if count == 1 else 's'}"


def _window(value: relativedelta) -> str:
    parts = [(value.years, "year"), (value.months, "month"), (value.days, "calendar day")]
    return " and ".join(_plural(n, unit) for n, unit in parts if n) or "0 calendar days"


def _calendar(value: BusinessCalendar) -> str:
    where = value.country + (f"-{value.subdivision}" if value.subdivision else "")
    observed = "observed" if value.observed else "not observed"
    text = f"holidays of {where}, {'/'.join(sorted(value.categories))}, {observed}"
    if value.extra_closures:
        text += f", also closed on {', '.join(map(str, sorted(value.extra_closures)))}"
    if value.removed_holidays:
        text += f", open on {', '.join(map(str, sorted(value.removed_holidays)))}"
    return text


_UNITS = {
    "lead_time_days": "day",
    "review_business_days": "business day",
    "processing_earliest_business_days": "business day",
    "processing_latest_business_days": "business day",
    "packet_credit_business_days": "business day",
    "minutes_per_contact_hour": "minute",
}

_WORDS: dict[str, Callable[[Any], str]] = {
    "application_window": _window,
    "semi_osl_delay": _window,
    "calendar": _calendar,
    "contact_hours_per_ceu": lambda v: _plural(v, "contact hour"),
    "ceu_increment": decimal_text,
    "ceu_rounding": lambda v: str(v.name).lower().replace("_", " ").replace("even", "to even"),
    "minimum_contact_hours": lambda v: _plural(v, "contact hour") if v else "none",
    "first_award": lambda v: f"{decimal_text(v)} (less earns nothing)" if v else "none",
    "sum_segments": lambda v: "added up before counting" if v else "each counted on its own",
    "contact_kinds": lambda v: ", ".join(sorted(k.value for k in v)),
}


def _words(parameter: str, value: Any) -> str:
    """One parameter's value as the policy's texts say it: a count with its unit, a window, a phrase."""
    if parameter in _UNITS:
        return _plural(value, _UNITS[parameter])
    return _WORDS.get(parameter, str)(value)


def _terms(rule: CreditingRule) -> str:
    def months(t: Term) -> str:
        first, last = _MONTHS[rule.first_month(t)], _MONTHS[rule.last_month(t)]
        return first if first == last else f"{first}-{last}"

    return "; ".join(f"{t.name} ({months(t)}, credited in {_MONTHS[t.issued_month]})" for t in rule.terms)


def _values(policy: Policy, key: str) -> dict[str, str]:
    """Every value the template of ``key`` may name, in words; a dated parameter lists its later versions too."""
    values: dict[str, str] = {}
    for name in placeholders(key) - set(DERIVED):
        text = _words(name, getattr(policy, name))
        later = [f"{_words(c.parameter, c.value)} from {c.effective}" for c in policy.changes if c.parameter == name]
        values[name] = text + (f" ({'; '.join(later)})" if later else "")
    weekend = policy.calendar.weekend
    values["workdays"] = (
        "Monday-Friday" if weekend == {5, 6} else ", ".join(d for i, d in enumerate(_WEEKDAYS) if i not in weekend)
    )
    rules = [r for r in policy.crediting_rules if r.clause == key] or [policy.crediting_rules[-1]]
    values["terms"] = _terms(rules[-1])
    taken = {m for t in policy.crediting_rules[-1].terms for m in t.months}
    values["unbatched_months"] = ", ".join(_MONTHS[m] for m in range(1, 13) if m not in taken) or "none"
    return values


def text_of(key: str, *, policy: Policy | None = None, on: dt.date | None = None) -> str:
    """The policy's wording of a clause or default (``"approval.lead-time"``, ``"D1"``) with its values.

    With ``on``, the values in force on that day (D13); without, each dated value
    reads with its later versions and their dates.
    """
    policy = _policy(policy)
    if key not in TEXT_KEYS:
        clause(key)  # the typed error for an unknown ID
    shown = policy.on(to_date(on, "on")) if on is not None else policy
    return policy.text_of(key).format_map(_values(shown, key))


def render(template: str, policy: Policy, *, clause_id: str) -> str:
    """A template for the clause or default ``clause_id``, checked and filled with the policy's values."""
    return check_template(clause_id, template).format_map(_values(policy, clause_id))


def default_text(key: str, policy: Policy | None = None, *, on: dt.date | None = None) -> str:
    """The text of default ``key`` (``"D1"``) under the policy."""
    if key not in DEFAULTS:
        from .errors import InvalidInputError

        raise InvalidInputError("default", key, "one of the reading's defaults D1-D16")
    return text_of(key, policy=policy, on=on)


def explanation(code: str, policy: Policy | None = None) -> str | None:
    """What a clause ID or default says under the policy (default: the source policy); ``None`` for another code."""
    return text_of(code, policy=policy) if code in TEXT_KEYS else None


def _changes(policy: Policy) -> list[str]:
    """The rows of the reference's table of dated values: day, parameter, new value, the texts that say it."""
    rows = []
    for change in policy.changes:
        before = policy.on(change.effective - dt.timedelta(days=1)) if change.effective > dt.date.min else policy
        said = [f"`{k}`" for k in TEXT_KEYS if change.parameter in (CLAUSES.get(k) or DEFAULTS[k]).parameters]
        was, now = _words(change.parameter, getattr(before, change.parameter)), _words(change.parameter, change.value)
        rows.append(f"| {change.effective} | `{change.parameter}` | {now} (was {was}) | {', '.join(said) or '-'} |")
    return rows


def where_section(tested: Mapping[str, Sequence[str]]) -> list[str]:
    """The rules reference's table of where each clause lives: the rule deciding it, its cases and tests.

    ``tested`` maps a clause ID to the case files and test modules that exercise it
    (see :func:`ceurules.cases.clause_map`).
    """
    lines = ["", "## Where each clause lives", ""]
    lines += ["Each clause is decided by one function (in `ceurules`); its worked examples are case files",
              "and its tests are the test modules whose sections name it (see [contributing](contributing.md)).", ""]
    lines += ["| ID | decided by | cases and tests |", "|---|---|---|"]
    for clause_id in CLAUSES:
        places = ", ".join(f"`{p}`" for p in tested.get(clause_id, ())) or "none"
        lines.append(f"| `{clause_id}` | `{DECIDED_BY[clause_id]}` | {places} |")
    return lines


def rules_reference(
    policy: Policy | None = None,
    *,
    on: dt.date | None = None,
    tested: Mapping[str, Sequence[str]] | None = None,
    docs_page: bool = False,
) -> str:
    """The Markdown text of the rules reference for a policy (default: the source policy).

    Every clause summary and default is the policy's wording with its values.
    A dated value reads with its later versions, or with ``on`` as in force on
    that day; a table lists the days values change. ``docs_page`` makes it
    ``docs/rules.md``, which opens with the command that regenerates it
    (``ceurules rules --tests tests``): it needs the source policy, no ``on``
    and ``tested`` (the clause map of ``tests``).
    """
    policy = _policy(policy)
    is_docs = docs_page is True
    source = policy.fingerprint == _policy(None).fingerprint
    if docs_page is not False and (not is_docs or not source or on is not None or tested is None):
        from .errors import InvalidInputError

        expected = "true or false (true only with the source policy, tested given and no on)"
        raise InvalidInputError("docs_page", docs_page, expected)
    generated = (
        "<!-- Generated by `ceurules rules --tests tests > docs/rules.md`; a test checks it against the bundled "
        "policy and the tests. -->"
    )
    when = f" The texts say the values in force on {on}." if on is not None else ""
    lines = [
        "# Rules reference",
        "",
        *([generated, ""] if is_docs else []),  # only docs/rules.md says so
        f"Policy: **{policy.name}** (fingerprint `{policy.fingerprint}`).{when}",
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
    for c in CLAUSES.values():
        lines.append(f"| `{c.id}` | {c.effective_text(policy=policy)} | {c.text(policy=policy, on=on)} |")
    lines += ["", "## Defaults where the text is open", "", "| # | default |", "|---|---|"]
    lines += [f"| {key} | {d.text(policy=policy, on=on)} |" for key, d in DEFAULTS.items()]
    if policy.changes:
        lines += ["", "## Values that change on a date (D13)", ""]
        lines += ["| from | parameter | value | said in |", "|---|---|---|---|", *_changes(policy)]
    if tested is not None:
        lines += where_section(tested)
    return "\n".join(lines) + "\n"
