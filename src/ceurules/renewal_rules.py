"""License renewal rules as data: requirement trees, dated versions, cited sources.

A renewal rule set is a TOML file (format ``ceurules-renewal-rule``, version 1)
described in ``docs/renewal.md``. Its versions are dated (the version in force
on the license's expiration date applies, R1); each version is a tree of
*all-of* and *any-of* groups over *requirements* (a quantity of credit in one
unit, with conversions, category caps and minimums, a window, a grade gate and
a carry-over limit). Every node cites its source. Rules bundled with the
library are loaded by name::

    >>> from ceurules import load_renewal_rule
    >>> rule = load_renewal_rule("ms-class-a")
    >>> rule.name, rule.cycle_years
    ('ms-class-a', 5)
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import _convert as to
from . import _display as display
from ._convert import (
    check_str,
    check_type,
    decimal_text,
    named,
    to_date,
    to_decimal,
    to_int,
    to_items,
    to_label,
    to_list,
    to_text,
)
from ._fields import Problems, join, show
from ._files import parse_toml, path_name, read_file
from ._value import Value, set_repr
from .errors import InvalidInputError, RenewalRuleError, RuleNotInForceError, misspelling_of
from .policy import Source

__all__ = [
    "GRADE_RANKS",
    "RENEWAL_DEFAULTS",
    "UNITS",
    "RenewalRule",
    "RenewalWindow",
    "Requirement",
    "RequirementGroup",
    "RuleSource",
    "RuleVersion",
    "bundled_renewal_rules",
    "load_renewal_rule",
    "unit_text",
]

FORMAT = "ceurules-renewal-rule"
FORMAT_VERSION = 1
_MAX_WAYS = 256
_MAX_BYTES = 1024 * 1024

#: The units credit is counted in: singular and plural names.
UNITS: dict[str, tuple[str, str]] = {
    "ceu": ("CEU", "CEUs"),
    "clock_hour": ("clock hour", "clock hours"),
    "semester_hour": ("semester hour", "semester hours"),
    "quarter_hour": ("quarter hour", "quarter hours"),
    "semi_credit": ("SEMI credit", "SEMI credits"),
    "credential": ("credential", "credentials"),
}

#: Points the renewal rules leave open, and how this library settles them (docs/renewal.md).
RENEWAL_DEFAULTS: dict[str, str] = {
    "R1": "the rule version applied is the one in force on the license's expiration date",
    "R2": "the cycle is the cycle_years years ending on the expiration date, both ends included; "
    "the final year is its last year",
    "R3": "a CEU certificate matches its clock hours when its CEUs equal hours / hours_per_ceu "
    "to within 0.05 CEU (rounding to tenths)",
    "R4": "ways to finish are compared by options not yet open, then missing credentials, then effort "
    "in clock hours from the rule's effort table; ties go to the way listed first",
    "R5": "an activity dated after the as-of date, in the cycle, does not count yet",
    "R6": "grades are letters A-F with + or -; a minus below the gate's letter does not meet it; "
    "a pass grade (P) meets no letter gate",
    "R7": "carried-over credit counts toward a requirement's total only, up to its carry-over limit; with a "
    "carry-over window, only credit dated in that window of the previous cycle's final year; with carry-over of "
    "the excess only, no more than the previous cycle earned above the requirement's minimum (every "
    "previous-cycle activity the requirement accepts, converted, caps not applied)",
    "R8": "an activity counts whole toward one requirement of the way, never split",
    "R9": "credit outside the cycle (other than carry-over) does not count and is reported",
    "R10": "a value this library could not verify against the current rule text: check before relying on it",
}
"""The renewal defaults R1-R10 by ID: how the library settles what renewal rules leave open.

>>> from ceurules import RENEWAL_DEFAULTS
>>> RENEWAL_DEFAULTS["R1"]
"the rule version applied is the one in force on the license's expiration date"
"""


#: Letter grades from best to worst (R6): a gate ``"C"`` admits every grade ranked at least C's.
GRADE_RANKS: dict[str, int] = {
    "A+": 13, "A": 12, "A-": 11, "B+": 10, "B": 9, "B-": 8, "C+": 7, "C": 6, "C-": 5, "D+": 4, "D": 3, "D-": 2,
    "F": 0, "P": -1,
}  # fmt: skip


class RenewalWindow(enum.Enum):
    """When an activity must fall for a requirement to count it (R2): in the cycle, in its final year, or at
    any time up to the cycle's end (``held``: a credential held, such as National Board certification).

    >>> from ceurules import RenewalWindow
    >>> RenewalWindow("final-year")
    <RenewalWindow.FINAL_YEAR: 'final-year'>
    """

    CYCLE = "cycle"
    FINAL_YEAR = "final-year"
    HELD = "held"


def unit_text(amount: Decimal, unit: str) -> str:
    """``Decimal('2.5'), 'ceu'`` -> ``'2.5 CEUs'``."""
    one, many = UNITS[unit]
    return f"{decimal_text(amount)} {one if amount == 1 else many}"


def _unit(value: object, field: str) -> str:
    if not isinstance(value, str) or value not in UNITS:
        raise InvalidInputError(field, value, f"a unit ({', '.join(UNITS)})")
    return value


def _id(value: object, field: str) -> str:
    text = to_text(value, field)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
        raise InvalidInputError(field, value, "an ID of lower-case letters, digits and dashes")
    return text


def _amounts(value: object, field: str, *, keys: str) -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(field, value, f"a table of {keys} and amounts")
    out = {}
    for key, amount in value.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidInputError(field, key, f"a table keyed by {keys}")
        out[key] = to_decimal(amount, f"{field}.{key}", unit="units")
    return out


def _categories(value: object, field: str) -> frozenset[str] | None:
    if value is None:
        return None
    items = to_list(value, field, "a list of category names")
    return frozenset(to_text(v, f"{field}[{i}]") for i, v in enumerate(items))


def _grade(value: object, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.strip().upper() not in GRADE_RANKS or value.strip().upper() == "P":
        raise InvalidInputError(field, value, "a letter grade gate such as C or B-")
    return value.strip().upper()


def _default_id(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or value not in RENEWAL_DEFAULTS):
        raise InvalidInputError(attribute.name, value, "one of the renewal defaults R1-R10")


def _month_days(value: object, field: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``["04-01", "06-30"]``: the first and last month-day of the carry-over window (no February 29)."""
    if value is None:
        return None
    expected = 'two month-days such as ["04-01", "06-30"], February 29 excluded'
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInputError(field, value, expected)
    days = list(value)
    if len(days) != 2:
        raise InvalidInputError(field, value, expected)
    first, last = (_month_day(d, f"{field}[{i}]") for i, d in enumerate(days))
    if first is None or last is None or (2, 29) in (first, last):
        raise InvalidInputError(field, value, expected)
    return first, last


def _years(value: object, field: str) -> int:
    years = to_int(value, field, minimum=1)
    if years > 20:
        raise InvalidInputError(field, value, "a cycle of 1 to 20 years")
    return years


def _table(value: object, field: attrs.Attribute[Any]) -> dict[str, Decimal]:
    return _amounts(value, field.name, keys=field.metadata["keys"])


# Field converters, named by attrs (``Converter(..., takes_field=True)``, see ``_convert``); mypy shows the
# constructors' input types from the stubs.
if TYPE_CHECKING:
    Amount = Decimal | int | str

    def _node_id(value: str, /) -> str: ...
    def _unit_name(value: str, /) -> str: ...
    def _amount(value: Amount, /) -> Decimal: ...
    def _amount_table(value: Mapping[str, Amount], /) -> dict[str, Decimal]: ...
    def _category_set(value: Iterable[str] | None, /) -> frozenset[str] | None: ...
    def _window_of(value: RenewalWindow | str, /) -> RenewalWindow: ...
    def _grade_gate(value: str | None, /) -> str | None: ...
    def _carry_window(
        value: Iterable[str | tuple[int, int]] | None, /
    ) -> tuple[tuple[int, int], tuple[int, int]] | None: ...
    def _effective(value: dt.date | str, /) -> dt.date: ...
    def _cycle_years(value: int, /) -> int: ...
    def _month_day_of(value: str | tuple[int, int] | None, /) -> tuple[int, int] | None: ...

else:
    _node_id = named(lambda value, field: _id(value, field.name))
    _unit_name = named(lambda value, field: _unit(value, field.name))
    _amount = named(lambda value, field: _positive(value, field.name))
    _amount_table = named(_table)
    _category_set = named(lambda value, field: _categories(value, field.name))
    _window_of = named(lambda value, field: _window(value, field.name))
    _grade_gate = named(lambda value, field: _grade(value, field.name))
    _carry_window = named(lambda value, field: _month_days(value, field.name))
    _effective = named(lambda value, _field: to_date(value, "from"))  # the rule file's name of the field
    _cycle_years = named(lambda value, field: _years(value, field.name))
    _month_day_of = named(lambda value, field: _month_day(value, field.name))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RuleSource(Source):
    """Where a node of a renewal rule comes from: the policy files' :class:`~ceurules.Source`
    (document, section), with a note and, when the value is this library's reading rather
    than the rule's text, the renewal default it rests on (``"R10"``).

    >>> from ceurules import load_renewal_rule
    >>> source = load_renewal_rule("ms-class-a").source
    >>> source.document
    'MDE Office of Educator Licensure, Renewal/Reinstatement'
    """

    note: str = attrs.field(default="", validator=check_str)
    default: str | None = attrs.field(default=None, validator=_default_id)

    def __str__(self) -> str:
        where = self.document + (f", {self.section}" if self.section else "")
        return where + (f"; library default {self.default}" if self.default else "")

    def to_dict(self) -> dict[str, str | None]:
        """JSON-ready form."""
        retrieved = self.retrieved.isoformat() if self.retrieved else None
        return {
            "document": self.document,
            "section": self.section,
            "url": self.url,
            "retrieved": retrieved,
            "note": self.note,
            "default": self.default,
        }


def _positive(value: object, field: str) -> Decimal:
    amount = to_decimal(value, field, unit="units")
    if amount <= 0:
        raise InvalidInputError(field, value, "an amount above zero")
    return amount


#: Every node, version and rule names where it comes from.
_SOURCE = check_type(RuleSource, "a RuleSource (the document it comes from)")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Requirement(Value):
    """A quantity of credit in one unit: the leaf of a requirement tree.

    ``accepts`` maps other units to how many of this unit one of them is worth
    (``{"semester_hour": 15}`` for clock hours). ``categories`` (``None``: any)
    restricts what counts; ``caps`` limit what a category contributes and
    ``category_minimums`` must be met inside the total. ``carry_over`` is how
    much credit from the previous cycle may count (R7); ``carry_over_window``
    (first and last month-day) limits it to credit earned in those days of the
    previous cycle's final year, and ``carry_over_excess`` to what the previous
    cycle earned above ``minimum``.

    >>> from ceurules import load_renewal_rule
    >>> rule = load_renewal_rule("ms-class-a")
    >>> requirement = next(r for r in rule.versions[-1].requirements if r.id == "ceus-10")
    >>> requirement.unit, requirement.minimum
    ('ceu', Decimal('10'))
    """

    id: str = attrs.field(converter=_node_id)
    label: str = attrs.field(validator=check_str)
    unit: str = attrs.field(converter=_unit_name)
    minimum: Decimal = attrs.field(converter=_amount)
    accepts: dict[str, Decimal] = attrs.field(factory=dict, converter=_amount_table, metadata={"keys": "units"})
    categories: frozenset[str] | None = attrs.field(default=None, converter=_category_set, repr=set_repr)
    caps: dict[str, Decimal] = attrs.field(factory=dict, converter=_amount_table, metadata={"keys": "categories"})
    category_minimums: dict[str, Decimal] = attrs.field(
        factory=dict, converter=_amount_table, metadata={"keys": "categories"}
    )
    window: RenewalWindow = attrs.field(default=RenewalWindow.CYCLE, converter=_window_of)
    grade: str | None = attrs.field(default=None, converter=_grade_gate)
    carry_over: Decimal = attrs.field(default=Decimal(0), converter=to.decimal_number, metadata={"unit": "units"})
    carry_over_window: tuple[tuple[int, int], tuple[int, int]] | None = attrs.field(
        default=None, converter=_carry_window
    )
    carry_over_excess: bool = attrs.field(default=False, validator=check_type(bool, "true or false"))
    source: RuleSource = attrs.field(validator=_SOURCE)
    #: No caps, category minimums or carry-over: what counts is the plain sum.
    plain: bool = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for unit in self.accepts:
            _unit(unit, f"accepts.{unit}")
        if self.carry_over and self.window is RenewalWindow.HELD:
            raise InvalidInputError("carry_over", self.carry_over, "no carry-over where credit is held whenever earned")
        if self.carry_over <= 0 and (self.carry_over_window is not None or self.carry_over_excess):
            field = "carry_over_window" if self.carry_over_window is not None else "carry_over_excess"
            raise InvalidInputError(field, _shown_window(self), "a carry-over limit (carry_over) above 0 first")
        _satisfiable(self)
        object.__setattr__(self, "plain", not (self.caps or self.category_minimums or self.carry_over))

    @property
    def factors(self) -> dict[str, Decimal]:
        """Every unit this requirement counts, with its worth in this requirement's unit."""
        return {**self.accepts, self.unit: Decimal(1)}

    def text(self) -> str:
        """``'10 CEUs'``."""
        return unit_text(self.minimum, self.unit)


def _shown_window(req: Requirement) -> list[str] | bool:
    window = req.carry_over_window
    if window is None:
        return req.carry_over_excess
    return [f"{m:02d}-{d:02d}" for m, d in window]


def _window(value: object, field: str) -> RenewalWindow:
    if isinstance(value, RenewalWindow):
        return value
    try:
        return RenewalWindow(value)
    except ValueError:
        raise InvalidInputError(field, value, "'cycle', 'final-year' or 'held'") from None


def _satisfiable(req: Requirement) -> None:
    """Refuse a requirement no record could ever meet (minimums above caps)."""
    allowed = req.categories
    for name, table in (("caps", req.caps), ("category_minimums", req.category_minimums)):
        for category in table:
            if allowed is not None and category not in allowed:
                raise InvalidInputError(f"{name}.{category}", category, "a category the requirement counts")
    for category, least in req.category_minimums.items():
        cap = req.caps.get(category)
        if cap is not None and least > cap:
            raise InvalidInputError(f"category_minimums.{category}", least, f"at most the category's cap {cap}")
    if allowed is not None and allowed and all(c in req.caps for c in allowed):
        room = sum(req.caps.values()) + req.carry_over  # caps of every category counted: at least one
        if room < req.minimum:
            raise InvalidInputError("caps", room, f"caps that leave room for the minimum {req.minimum}")


class Kind(enum.Enum):
    """How a group combines its children."""

    ALL = "all"
    ANY = "any"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RequirementGroup(Value):
    """All of / any of several nodes.

    >>> from ceurules import load_renewal_rule
    >>> root = load_renewal_rule("ms-class-a").versions[-1].root
    >>> root.id, root.kind.value, len(root.children) > 1
    ('class-a', 'any', True)
    """

    id: str = attrs.field(converter=_node_id)
    label: str = attrs.field(validator=check_str)
    kind: Kind = attrs.field(validator=check_type(Kind, "a Kind (Kind.ALL or Kind.ANY)"))
    children: tuple[Requirement | RequirementGroup, ...] = attrs.field(converter=tuple)
    source: RuleSource = attrs.field(validator=_SOURCE)

    def __attrs_post_init__(self) -> None:
        if not self.children:
            raise InvalidInputError(self.kind.value, [], "at least one node")
        for i, child in enumerate(self.children):
            _check_node(child, f"children[{i}]")


def _check_node(node: object, field: str) -> None:
    if not isinstance(node, Requirement | RequirementGroup):
        raise InvalidInputError(field, node, "a Requirement or a RequirementGroup")


def _ways(node: Requirement | RequirementGroup) -> list[tuple[Requirement, ...]]:
    """The tree's ways to renew: one choice at every any-of, as a tuple of requirements."""
    if isinstance(node, Requirement):
        return [(node,)]
    parts = [_ways(child) for child in node.children]
    if node.kind is Kind.ANY:
        return [way for part in parts for way in part]
    ways: list[tuple[Requirement, ...]] = [()]
    for part in parts:
        ways = [a + b for a, b in itertools.product(ways, part)]
        if len(ways) > _MAX_WAYS:
            raise InvalidInputError("nodes", len(ways), f"a tree with at most {_MAX_WAYS} ways to renew")
    return ways


def _overlap(a: Requirement, b: Requirement) -> bool:
    """Whether some activity could count toward both requirements."""
    if not set(a.factors) & set(b.factors):
        return False
    return a.categories is None or b.categories is None or bool(a.categories & b.categories)


def _contested(way: tuple[Requirement, ...]) -> bool:
    return any(_overlap(a, b) for a, b in itertools.combinations(way, 2))


#: How a requirement counts a unit: its index, factor, categories, grade gate, window, carry-over.
Accepting = tuple[int, Decimal, "frozenset[str] | None", "int | None", RenewalWindow, bool]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RuleVersion(Value):
    """One dated version of a rule set: its requirement tree, from ``effective`` on.

    >>> from ceurules import load_renewal_rule
    >>> version = load_renewal_rule("ms-class-a").versions[-1]
    >>> version.effective
    datetime.date(2020, 7, 1)
    """

    effective: dt.date = attrs.field(converter=_effective)
    root: Requirement | RequirementGroup = attrs.field(validator=lambda _, __, node: _check_node(node, "root"))
    source: RuleSource = attrs.field(validator=_SOURCE)
    ways: tuple[tuple[Requirement, ...], ...] = attrs.field(init=False, repr=False)
    contested: tuple[bool, ...] = attrs.field(init=False, repr=False)
    requirements: tuple[Requirement, ...] = attrs.field(init=False, repr=False)
    way_index: tuple[tuple[int, ...], ...] = attrs.field(init=False, repr=False)
    by_unit: dict[str, tuple[Accepting, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        ways = tuple(_ways(self.root))
        reqs = tuple({id(r): r for way in ways for r in way}.values())
        position = {id(r): i for i, r in enumerate(reqs)}
        by_unit: dict[str, list[Accepting]] = {}
        for i, req in enumerate(reqs):
            for unit, factor in req.factors.items():
                gate = None if req.grade is None else GRADE_RANKS[req.grade]
                by_unit.setdefault(unit, []).append((i, factor, req.categories, gate, req.window, req.carry_over > 0))
        object.__setattr__(self, "ways", ways)
        object.__setattr__(self, "contested", tuple(_contested(w) for w in ways))
        object.__setattr__(self, "requirements", reqs)
        object.__setattr__(self, "way_index", tuple(tuple(position[id(r)] for r in way) for way in ways))
        object.__setattr__(self, "by_unit", {u: tuple(v) for u, v in by_unit.items()})

    def nodes(self) -> Iterable[Requirement | RequirementGroup]:
        """Every node, parents before children."""
        stack: list[Requirement | RequirementGroup] = [self.root]
        while stack:
            node = stack.pop(0)
            yield node
            if isinstance(node, RequirementGroup):
                stack[:0] = node.children


def _month_day(value: object, field: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, tuple) and len(value) == 2:  # already read (attrs.evolve)
        value = f"{value[0]:02d}-{value[1]:02d}"
    if isinstance(value, str) and re.fullmatch(r"\d\d-\d\d", value):
        month, day = int(value[:2]), int(value[3:])
        try:
            dt.date(2000, month, day)
        except ValueError:
            pass
        else:
            return month, day
    raise InvalidInputError(field, value, "a month and day such as 06-30")


def _by_date(versions: Iterable[RuleVersion]) -> tuple[RuleVersion, ...]:
    found = to_items(versions, "versions", RuleVersion, "a list of rule versions", "a RuleVersion")
    return tuple(sorted(found, key=lambda v: v.effective))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RenewalRule(Value):
    """A renewal rule set: cycle length, CEU/hour ratio, effort table and dated versions.

    >>> from ceurules import load_renewal_rule
    >>> rule = load_renewal_rule("ms-class-a")
    >>> rule.name, rule.cycle_years
    ('ms-class-a', 5)
    """

    name: str = attrs.field(converter=_node_id)
    title: str = attrs.field(validator=check_str)
    cycle_years: int = attrs.field(converter=_cycle_years)
    expires_on: tuple[int, int] | None = attrs.field(default=None, converter=_month_day_of)
    hours_per_ceu: Decimal = attrs.field(default=Decimal(10), converter=_amount)
    effort: dict[str, Decimal] = attrs.field(converter=_amount_table, metadata={"keys": "units"})
    versions: tuple[RuleVersion, ...] = attrs.field(converter=_by_date)
    source: RuleSource = attrs.field(validator=_SOURCE)
    _starts: tuple[dt.date, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.versions:
            raise InvalidInputError("versions", [], "at least one dated version")
        object.__setattr__(self, "_starts", tuple(v.effective for v in self.versions))
        for unit in self.effort:
            _unit(unit, f"effort.{unit}")
        for version in self.versions:
            for node in version.nodes():
                if isinstance(node, Requirement) and node.unit != "credential" and node.unit not in self.effort:
                    raise InvalidInputError(f"effort.{node.unit}", None, f"the effort of one {node.unit} (R4)")

    def version_on(self, day: dt.date) -> RuleVersion:
        """The version in force on ``day`` (R1 applies it to the expiration date)."""
        at = bisect.bisect_right(self._starts, day)
        if not at:
            first = self.versions[0].effective
            raise RuleNotInForceError(f"{self.name}: no version in force on {day} (the first is from {first})")
        return self.versions[at - 1]

    def _repr_markdown_(self) -> str:
        return display.sections_markdown(display.renewal_rule_sections(self))

    def _repr_html_(self) -> str:
        return display.sections_html(display.renewal_rule_sections(self))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (February 29 becomes February 28)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# -- loading ------------------------------------------------------------------------------------

_LEAF_KEYS = frozenset(
    {
        "id",
        "label",
        "unit",
        "minimum",
        "accepts",
        "categories",
        "caps",
        "category_minimums",
        "window",
        "grade",
        "carry_over",
        "carry_over_window",
        "carry_over_excess",
        "source",
    }
)
_GROUP_KEYS = frozenset({"id", "label", "all", "any", "source"})
_TOP_KEYS = frozenset(
    {
        "format",
        "format_version",
        "name",
        "title",
        "cycle_years",
        "expires_on",
        "hours_per_ceu",
        "effort",
        "source",
        "versions",
    }
)


_SOURCE_KEYS = ("document", "section", "url", "retrieved", "note", "default")


def _source(p: Problems, value: object, path: str, inherited: RuleSource | None) -> RuleSource | None:
    if value is None:
        if inherited is None:
            p.add(path, "required field is missing")
        return inherited
    table = p.table(value, path)
    if table is None:
        return None
    p.unknown(table, _SOURCE_KEYS, path)
    try:
        return RuleSource(**{k: table[k] for k in _SOURCE_KEYS if k in table})
    except InvalidInputError as err:
        p.refused(join(path, err.field), err)
    except TypeError:
        p.add(path, "a source needs a document (and a section)")
    return None


def _leaf(p: Problems, table: Mapping[str, Any], path: str, source: RuleSource) -> Requirement | None:
    p.unknown(table, _LEAF_KEYS, path)
    kwargs = {k: table[k] for k in _LEAF_KEYS - {"source"} if k in table}
    kwargs.setdefault("label", "")
    try:
        return Requirement(source=source, **kwargs)
    except InvalidInputError as err:
        p.refused(join(path, err.field), err)
    except TypeError:
        p.add(path, "a requirement needs id, unit and minimum")
    return None


def _version(p: Problems, table: Mapping[str, Any], path: str, top: RuleSource | None) -> RuleVersion | None:
    p.unknown(table, ("from", "root", "source", "nodes"), path)
    effective = p.get(table, "from", path, to_date)
    source = _source(p, table.get("source"), join(path, "source"), top)
    root_id = p.get(table, "root", path, _id)
    raw: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for node_path, node in p.tables(table.get("nodes"), join(path, "nodes")):
        try:
            node_id = _id(node.get("id"), "id")
        except InvalidInputError as err:
            p.refused(join(node_path, "id"), err)
            continue
        if node_id in raw:
            p.add(join(node_path, "id"), f"the node ID {node_id!r} is used twice")
        raw[node_id] = (node_path, node)
    if effective is None or source is None or root_id is None:
        return None
    if root_id not in raw:
        p.add(join(path, "root"), f"no node has the ID {root_id!r}")
        return None
    built: dict[str, Requirement | RequirementGroup | None] = {}
    root = _node(p, root_id, raw, built, source, ())
    unused = sorted(set(raw) - set(built))
    for node_id in unused:
        p.add(join(raw[node_id][0], "id"), f"the node {node_id!r} is not reachable from the root")
    if root is None or unused:
        return None
    try:
        return RuleVersion(effective=effective, root=root, source=source)
    except InvalidInputError as err:
        p.refused(path, err)
        return None


def _node(
    p: Problems,
    node_id: str,
    raw: Mapping[str, tuple[str, Mapping[str, Any]]],
    built: dict[str, Requirement | RequirementGroup | None],
    inherited: RuleSource,
    parents: tuple[str, ...],
) -> Requirement | RequirementGroup | None:
    path, table = raw[node_id]
    if node_id in built:
        p.add(path, f"the node {node_id!r} is used by more than one group")
        return None
    built[node_id] = None
    source = _source(p, table.get("source"), join(path, "source"), inherited)
    if source is None:
        return None
    kinds = [k for k in ("all", "any") if k in table]
    if not kinds:
        node: Requirement | RequirementGroup | None = _leaf(p, table, path, source)
    elif len(kinds) == 2 or any(k in table for k in _LEAF_KEYS - _GROUP_KEYS):
        p.add(path, "a node is a group (all or any) or a requirement (unit, minimum), not both")
        return None
    else:
        node = _group(p, table, path, Kind(kinds[0]), raw, built, source, (*parents, node_id))
    built[node_id] = node
    return node


def _group(
    p: Problems,
    table: Mapping[str, Any],
    path: str,
    kind: Kind,
    raw: Mapping[str, tuple[str, Mapping[str, Any]]],
    built: dict[str, Requirement | RequirementGroup | None],
    source: RuleSource,
    parents: tuple[str, ...],
) -> RequirementGroup | None:
    p.unknown(table, _GROUP_KEYS, path)
    ids = table[kind.value]
    if not isinstance(ids, list) or not ids:
        p.add(join(path, kind.value), f"expected a list of node IDs, got {show(ids)}")
        return None
    children = []
    for i, child in enumerate(ids):
        where = f"{join(path, kind.value)}[{i}]"
        if child in parents:
            p.add(where, f"the node {child!r} contains itself")
        elif not isinstance(child, str) or child not in raw:
            p.add(where, f"no node has the ID {show(child)}")
        else:
            children.append(_node(p, child, raw, built, source, parents))
    if len(children) != len(ids) or None in children:
        return None
    try:
        label = table.get("label", "")
        return RequirementGroup(id=table["id"], label=label, kind=kind, children=children, source=source)  # type: ignore[arg-type]
    except InvalidInputError as err:
        p.refused(join(path, err.field), err)
        return None


def _rule(p: Problems, data: Mapping[str, Any]) -> RenewalRule | None:
    p.unknown(data, _TOP_KEYS, "")
    if data.get("format") != FORMAT:
        p.add("format", f"expected {FORMAT!r}, got {show(data.get('format'))}")
    if data.get("format_version") != FORMAT_VERSION:
        p.add(
            "format_version",
            f"expected {FORMAT_VERSION} (the version this library reads), got {show(data.get('format_version'))}",
        )
    top = _source(p, data.get("source"), "source", None)
    versions = [_version(p, t, path, top) for path, t in p.tables(data.get("versions", []), "versions")]
    if not versions:
        p.add("versions", "at least one dated version is needed")
    keys = ("name", "title", "cycle_years", "expires_on", "hours_per_ceu", "effort")
    kwargs = {k: data[k] for k in keys if k in data}
    if p.found or top is None:
        return None
    try:
        return RenewalRule(versions=[v for v in versions if v is not None], source=top, **kwargs)
    except InvalidInputError as err:
        p.refused(err.field, err)
    except TypeError:
        p.add("", "a rule needs name, title, cycle_years and effort")
    return None


_BUNDLED = "renewal_files"


def bundled_renewal_rules() -> tuple[str, ...]:
    """Names of the rule sets bundled with the library.

    >>> from ceurules import bundled_renewal_rules
    >>> "ms-class-a" in bundled_renewal_rules()
    True
    """
    folder = resources.files("ceurules") / _BUNDLED
    return tuple(sorted(f.name[: -len(".toml")] for f in folder.iterdir() if f.name.endswith(".toml")))


def load_renewal_rule(source: str | os.PathLike[str] | Mapping[str, Any], *, name: str | None = None) -> RenewalRule:
    """A rule set by bundled name (``"ms-class-a"``), from a TOML file, or from a mapping.

    Raises :class:`~ceurules.RenewalRuleError` listing every problem with its field path.

    >>> from ceurules import load_renewal_rule
    >>> load_renewal_rule("ms-class-a").title
    'Mississippi standard license, Class A'
    """
    if isinstance(source, Mapping):
        label, data = to_label(name, "<mapping>"), source
    elif isinstance(source, str) and source in bundled_renewal_rules():
        label = to_label(name, source)
        data = _parse((resources.files("ceurules") / _BUNDLED / f"{source}.toml").read_text("utf-8"), label)
    elif isinstance(source, str | os.PathLike):
        use = "pass its fields as a mapping"
        given = path_name(source, error=RenewalRuleError, what="a rule file or a bundled rule", text_use=use)
        label = to_label(name, given)
        data = _parse(_read(Path(source), label), label)
    else:
        raise InvalidInputError("rule", source, "a bundled rule name, a file path or a mapping")
    p = Problems()
    rule = _rule(p, data)
    if rule is None:  # never without a problem found
        raise RenewalRuleError(label, p.found)
    return rule


def _read(path: Path, label: str) -> str:
    bundled = bundled_renewal_rules()
    hint = f"{misspelling_of(path.name, bundled)} (bundled rules: {', '.join(bundled)})" if not path.suffix else ""
    return read_file(path, label, error=RenewalRuleError, limit=_MAX_BYTES, hint=hint)


def _parse(text: str, label: str) -> Mapping[str, Any]:
    """A rule file's text read as every file is (:func:`~ceurules._files.parse_toml`): numbers as written."""
    return parse_toml(text, label, error=RenewalRuleError)
