"""License renewal progress: is the renewal met, and what is the closest way to finish?

:func:`renewal_progress` takes an :class:`~ceurules.EducatorRecord` and a
:class:`~ceurules.RenewalRule` and returns a :class:`RenewalProgress`: met or
not, what counts toward each requirement of the chosen way and what is
missing, which activity went to which requirement, and which credit falls
outside the cycle. Each *way* is one choice at every any-of node; activities
are allocated to the requirements of a way so that the missing effort is the
least possible (exact search where requirements compete for an activity, R8),
and the way needing the least effort is the closest (R4).
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import enum
import functools
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ._convert import decimal_text, to_date
from ._display import cited, code_html, escape, html_table, markdown_table, notes_html, notes_markdown, outcome_label
from ._json import JSON, plain
from ._typed import exact_zip, library_built, typed_fields
from ._value import Value
from .decisions import SCHEMA_VERSION, Outcome, Verdict
from .educator_records import Activity, EducatorRecord
from .errors import CeuRulesError, InvalidInputError
from .renewal_rules import (
    GRADE_RANKS,
    UNITS,
    Accepting,
    RenewalRule,
    RenewalWindow,
    Requirement,
    RuleSource,
    RuleVersion,
    load_renewal_rule,
    unit_text,
    years_before,
)

__all__ = ["RenewalFinding", "RenewalProgress", "Standing", "is_renewal_met", "renewal_progress"]

_CARRY = ""  # the bucket of carried-over credit (no category is empty text)
_ZERO = Decimal(0)
_DAY = dt.timedelta(days=1)
_MISMATCH_TOLERANCE = Decimal("0.05")
_MAX_CONTESTED = 400  # activities competing within one way: the search recurses once per activity
_MAX_STATES = 100_000  # distinct partial allocations the search may visit
Effort = tuple[int, int, Decimal]  # options not yet open, missing credentials, clock hours (R4)


class Standing(enum.Enum):
    """Where an activity stands against the cycle.

    >>> from ceurules import Standing
    >>> Standing("in the previous cycle")
    <Standing.PREVIOUS: 'in the previous cycle'>
    """

    IN_CYCLE = "in the cycle"
    PREVIOUS = "in the previous cycle"
    OUTSIDE = "outside the cycle"
    NOT_YET = "after the as-of date"
    MISMATCH = "CEUs do not match the stated hours"


# -- the rule: which activity counts toward which requirement, and how much is missing ----------


class _Cycle:
    """The cycle's dates and the as-of date; ``final_open``: the final year has begun; ``carry``: for each
    requirement that carries credit over (by ``id()``), the days credit is carried from and the limit (R7)."""

    __slots__ = ("as_of", "carry", "end", "final_open", "final_year", "previous", "start")

    def __init__(self, start: dt.date, end: dt.date, final_year: dt.date, previous: dt.date, as_of: dt.date) -> None:
        self.start, self.end, self.final_year, self.previous, self.as_of = start, end, final_year, previous, as_of
        self.final_open = as_of >= final_year
        self.carry: dict[int, tuple[dt.date, dt.date, Decimal]] = {}

    def carried(self, req: Requirement) -> tuple[dt.date, dt.date, Decimal]:
        """First and last day credit carried over into ``req`` is earned on, and how much may count (R7; worked out
        by :func:`_carry_over` for every requirement that carries credit over)."""
        return self.carry[id(req)]


def _carry_over(cycle: _Cycle, profiles: Sequence[_Profile], version: RuleVersion) -> None:
    """Work out, for each requirement that carries credit over, its window and its limit for this record (R7).

    The window is the previous cycle, or the days of its final year the rule names
    (``carry_over_window``); with ``carry_over_excess`` the limit is at most what
    the previous cycle earned above the requirement's minimum.
    """
    end = min(cycle.start - _DAY, cycle.as_of)
    for i, req in enumerate(version.requirements):
        if not req.carry_over:
            continue
        first, last = cycle.previous, end
        if req.carry_over_window is not None:
            first, last = _window_days(req, cycle)
            last = min(last, end)
        limit = req.carry_over
        if req.carry_over_excess:
            earned = _ZERO
            for profile in profiles:
                for entry in version.by_unit.get(profile.unit, ()):
                    if entry[0] == i and _admits(entry, profile.category, profile.grade):
                        earned += profile.total(cycle.previous, end) * entry[1]
            limit = min(limit, max(earned - req.minimum, _ZERO))
        cycle.carry[id(req)] = (first, last, limit)


def _window_days(req: Requirement, cycle: _Cycle) -> tuple[dt.date, dt.date]:
    """The carry-over window's first and last day in the previous cycle's final year."""
    year_start = years_before(cycle.start - _DAY, 1) + _DAY
    days = []
    for month, day in req.carry_over_window or ():
        found = dt.date(year_start.year, month, day)
        days.append(found if found >= year_start else dt.date(year_start.year + 1, month, day))
    first, last = days
    if last < first:
        shown = [f"{m:02d}-{d:02d}" for m, d in req.carry_over_window or ()]
        raise InvalidInputError(
            f"{req.id}.carry_over_window", shown, f"a window whose first day comes first in the year from {year_start}"
        )
    return first, last


@functools.lru_cache(maxsize=1024)
def _cycle_dates(expires: dt.date, years: int) -> tuple[dt.date, dt.date, dt.date]:
    """Start of the cycle, of its final year and of the previous cycle (R2)."""
    start = years_before(expires, years) + _DAY
    return start, years_before(expires, 1) + _DAY, years_before(start - _DAY, years) + _DAY


def _mismatched(act: Activity, ratio: Decimal) -> bool:
    """A CEU certificate whose CEUs do not match its stated hours (R3)."""
    return act.hours is not None and abs(act.amount - act.hours / ratio) > _MISMATCH_TOLERANCE


def _standing(act: Activity, cycle: _Cycle, ratio: Decimal) -> Standing:
    if _mismatched(act, ratio):
        return Standing.MISMATCH
    day = act.date
    if day > cycle.end:
        return Standing.OUTSIDE  # R9: after the cycle it never counts, whatever the day of the answer
    if day > cycle.as_of:
        return Standing.NOT_YET  # R5: in the cycle, not yet
    if day >= cycle.start:
        return Standing.IN_CYCLE
    return Standing.PREVIOUS if day >= cycle.previous else Standing.OUTSIDE  # R7, R9


def _admits(entry: Accepting, category: str, grade: str | None) -> bool:
    """Whether a requirement's entry for a unit counts this category and grade (R6)."""
    _, _, categories, gate, _, _ = entry
    if categories is not None and category not in categories:
        return False
    return gate is None or GRADE_RANKS[grade or "P"] >= gate


Option = tuple[int, str, Decimal]  # requirement index, bucket, amount in the requirement's unit
_HELD, _FINAL = RenewalWindow.HELD, RenewalWindow.FINAL_YEAR


def _options(act: Activity, standing: Standing, version: RuleVersion, cycle: _Cycle) -> list[Option]:
    """Every requirement ``act`` can count toward, with the bucket and amount it adds there."""
    if standing is Standing.MISMATCH or standing is Standing.NOT_YET or act.date > cycle.end:
        return []
    found = []
    carried = standing is not Standing.IN_CYCLE
    for entry in version.by_unit.get(act.unit, ()):
        index, factor, _, _, window, carry = entry
        if not _admits(entry, act.category, act.grade):
            continue
        if window is _HELD:  # held whenever earned, up to the cycle's end
            found.append((index, act.category, act.amount * factor))
            continue
        if window is _FINAL and (act.date < cycle.final_year or not cycle.final_open):
            continue
        if carried and not (
            standing is Standing.PREVIOUS and carry and _carries(act.date, version.requirements[index], cycle)
        ):
            continue
        found.append((index, _CARRY if carried else act.category, act.amount * factor))
    return found


def _carries(day: dt.date, req: Requirement, cycle: _Cycle) -> bool:
    """Whether credit earned on ``day`` of the previous cycle may be carried into ``req`` (R7)."""
    first, last, limit = cycle.carried(req)
    return bool(limit) and first <= day <= last


@attrs.frozen(repr=False, eq=False)
class _Profile(Value):
    """Activities of one unit, category and grade, by date, with running sums of their amounts."""

    unit: str
    category: str
    grade: str | None
    dates: tuple[dt.date, ...]
    running: tuple[Decimal, ...]  # running[i]: sum of the first i amounts

    def total(self, first: dt.date, last: dt.date) -> Decimal:
        """Sum of the amounts dated from ``first`` to ``last``, both included."""
        if last < first:
            return _ZERO
        return self.running[bisect.bisect_right(self.dates, last)] - self.running[bisect.bisect_left(self.dates, first)]


def _profiles(record: EducatorRecord, ratio: Decimal) -> tuple[_Profile, ...]:
    """The record's counted activities grouped by unit, category and grade (built once per record and ratio)."""
    key = (_profiles, ratio)  # this function's entry in the record's cache
    if key not in record.cache:
        record.cache[key] = _grouped(record, ratio)
    return record.cache[key]  # type: ignore[no-any-return]


def _grouped(record: EducatorRecord, ratio: Decimal) -> tuple[_Profile, ...]:
    groups: dict[tuple[str, str, str | None], list[Activity]] = {}
    for act in record.activities:
        if not _mismatched(act, ratio):
            groups.setdefault((act.unit, act.category, act.grade), []).append(act)
    profiles = []
    for (unit, category, grade), acts in groups.items():
        acts.sort(key=lambda a: a.date)
        running = [_ZERO]
        for act in acts:
            running.append(running[-1] + act.amount)
        profiles.append(_Profile(unit, category, grade, tuple(a.date for a in acts), tuple(running)))
    return tuple(profiles)


def _requirement_sums(profiles: Sequence[_Profile], version: RuleVersion, cycle: _Cycle) -> list[dict[str, Decimal]]:
    """What each requirement of the version could count, per bucket, from the whole record."""
    sums: list[dict[str, Decimal]] = [{} for _ in version.requirements]
    last = min(cycle.end, cycle.as_of)  # R5
    for profile in profiles:
        in_cycle: Decimal | None = None
        for entry in version.by_unit.get(profile.unit, ()):
            index, factor, _, _, window, carry = entry
            if not _admits(entry, profile.category, profile.grade):
                continue
            if window is _FINAL:
                amount = profile.total(cycle.final_year, last) if cycle.final_open else _ZERO
            elif window is _HELD:
                amount = profile.total(dt.date.min, last)
            else:
                amount = in_cycle = profile.total(cycle.start, last) if in_cycle is None else in_cycle
            if amount:
                _add(sums[index], profile.category, amount * factor)
            if carry and window is not _FINAL:
                first, until, limit = cycle.carried(version.requirements[index])
                carried = profile.total(first, until) if limit else _ZERO
                if carried:  # no bucket when nothing is carried, as per activity
                    _add(sums[index], _CARRY, carried * factor)  # R7
    return sums


def _counted(req: Requirement, sums: Mapping[str, Decimal], cycle: _Cycle) -> tuple[Decimal, Decimal]:
    """What counts toward ``req`` from its buckets, and the least credit still missing."""
    if req.plain:
        counted = sum(sums.values(), _ZERO)
        return counted, (req.minimum - counted if counted < req.minimum else _ZERO)
    counted = _ZERO
    caps = req.caps
    for bucket, amount in sums.items():
        if bucket == _CARRY:
            counted += min(amount, cycle.carried(req)[2])  # R7
        else:
            cap = caps.get(bucket)
            counted += amount if cap is None or amount < cap else cap
    deficit = sum(_category_shortfalls(req, sums).values(), _ZERO)
    missing = req.minimum - counted
    return counted, max(missing, deficit, _ZERO)


def _category_shortfalls(req: Requirement, sums: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Each category minimum of ``req`` not met yet, with what it still lacks (carried-over credit counts toward
    the total only, R7; a cap is never below its category's minimum, so a capped sum short of it is not capped)."""
    return {c: least - sums.get(c, _ZERO) for c, least in req.category_minimums.items() if sums.get(c, _ZERO) < least}


#: One activity of the closest way to finish: requirement ID, unit, amount, and the category it must be of
#: (``None``: any category the requirement counts without a cap).
Step = tuple[str, str, Decimal, str | None]


def _steps(req: Requirement, sums: Mapping[str, Decimal], missing: Decimal) -> list[Step]:
    """The activities that finish ``req``: first what each short category minimum lacks, then the rest of the
    total in credit that is not capped (or, where every category counted is capped, below its cap) (R4)."""
    if not missing:
        return []
    short = _category_shortfalls(req, sums)
    steps: list[Step] = [(req.id, req.unit, amount, category) for category, amount in short.items()]
    rest = missing - sum(short.values(), _ZERO)
    allowed = req.categories
    if not rest:
        return steps
    if allowed is None or not allowed <= req.caps.keys():
        return [*steps, (req.id, req.unit, rest, None)]
    room = {c: req.caps[c] - min(sums.get(c, _ZERO), req.caps[c]) - short.get(c, _ZERO) for c in sorted(allowed)}
    placed = dict(short)
    for category, free in room.items():
        take = min(free, rest)
        if take > 0:
            placed[category], rest = placed.get(category, _ZERO) + take, rest - take
    steps = [(req.id, req.unit, amount, category) for category, amount in placed.items()]
    # What no category can take any more: caps that leave room for the minimum only with carried-over credit (R7).
    return [*steps, (req.id, req.unit, rest, _CARRY)] if rest else steps


def _steps_text(steps: Sequence[Step]) -> str:
    """``'5 clock hours of reading and 15 clock hours of any uncapped category'``; a lone step of any category:
    ``'20 clock hours'``."""
    parts = []
    for _, unit, amount, category in steps:
        text = unit_text(amount, unit)
        if category == _CARRY:
            text += " that only credit carried over from the previous cycle could give (R7)"
        elif category is not None or len(steps) > 1:
            text += f" of {category or 'any uncapped category'}"
        parts.append(text)
    return " and ".join(parts)


def _plan_text(way: Sequence[Requirement], steps: Sequence[Step]) -> str:
    """The steps by requirement: ``'20 clock hours of reading (hours-100) and 2 CEUs (ceus-5)'``."""
    found = [(r.id, [s for s in steps if s[0] == r.id]) for r in way]
    return " and ".join(f"{_steps_text(mine)} ({node})" for node, mine in found if mine)


_NONE: Effort = (0, 0, _ZERO)


def _shortfall(req: Requirement, missing: Decimal, rule: RenewalRule, cycle: _Cycle) -> Effort:
    """How far ``missing`` credit of ``req`` is from done (R4): options not open, credentials, hours."""
    if not missing:
        return _NONE
    closed = int(req.window is RenewalWindow.FINAL_YEAR and not cycle.final_open)
    if req.unit == "credential":
        return closed, 1, _ZERO
    return closed, 0, missing * rule.effort[req.unit]


def _total(efforts: Iterable[Effort]) -> Effort:
    closed = credentials = 0
    hours = _ZERO
    for a, b, c in efforts:
        closed, credentials, hours = closed + a, credentials + b, hours + c
    return closed, credentials, hours


def _effort(way: Sequence[Requirement], missing: Sequence[Decimal], rule: RenewalRule, cycle: _Cycle) -> Effort:
    return _total(_shortfall(r, m, rule, cycle) for r, m in exact_zip(way, missing))


def _add(sums: dict[str, Decimal], bucket: str, amount: Decimal) -> None:
    sums[bucket] = sums.get(bucket, _ZERO) + amount


def _saturation(req: Requirement, bucket: str, cycle: _Cycle) -> Decimal:
    """A bucket's sum beyond which more credit changes nothing for ``req`` (sums are clipped there)."""
    if bucket == _CARRY:
        return cycle.carried(req)[2]
    cap = req.caps.get(bucket)
    return cap if cap is not None else max(req.minimum, req.category_minimums.get(bucket, _ZERO))


def _search(
    way: tuple[Requirement, ...],
    fixed: list[dict[str, Decimal]],
    choices: list[tuple[int, list[tuple[int, str, Decimal]]]],
    rule: RenewalRule,
    cycle: _Cycle,
) -> dict[int, int]:
    """Exact branch and bound over activities several requirements of a way could use (R8).

    ``choices`` pairs an activity index with its options as positions in ``way``.
    Sums are clipped where more credit stops mattering, so equal partial
    allocations are explored once. The bound: an activity lowers a requirement's
    missing credit by at most its own amount (each unit of credit counts at most
    once toward the total and once toward a category minimum), so the effort
    still to gain is at most the remaining activities' best gains, and at most
    what each requirement still misses. The first allocation found with the
    least effort is kept: the answer is deterministic.
    """
    if len(choices) > _MAX_CONTESTED:
        raise InvalidInputError(
            "record", f"{len(choices)} activities", f"at most {_MAX_CONTESTED} activities that compete within one way"
        )
    return _Search(way, fixed, choices, rule, cycle).run()


class _Search:
    """The state of one branch and bound (see :func:`_search`): activities ranked by their best gain, the
    bounds on what the activities after each depth can still gain, the partial sums and picks."""

    def __init__(
        self,
        way: tuple[Requirement, ...],
        fixed: list[dict[str, Decimal]],
        choices: list[tuple[int, list[tuple[int, str, Decimal]]]],
        rule: RenewalRule,
        cycle: _Cycle,
    ) -> None:
        self.way, self.rule, self.cycle = way, rule, cycle
        self.weight = [_ZERO if r.unit == "credential" else rule.effort[r.unit] for r in way]
        self.ranked = self._ranked(choices)
        self._bounds()
        self.sums = [dict(s) for s in fixed]
        self.picked: list[int] = []
        self.best: Effort | None = None
        self.best_picks: list[int] = []
        self.seen: set[tuple[int, tuple[frozenset[tuple[str, Decimal]], ...]]] = set()

    def _ranked(
        self, choices: list[tuple[int, list[tuple[int, str, Decimal]]]]
    ) -> list[tuple[int, list[tuple[int, str, Decimal]], dict[int, Decimal]]]:
        """Each activity with its options, best gain first; the activities with the largest gain first."""
        ranked = []
        for act, options in choices:
            gains = {pos: amount * self.weight[pos] for pos, _, amount in options}
            ordered = sorted(options, key=lambda o: (-gains[o[0]], o[0]))
            ranked.append((act, ordered, gains))
        ranked.sort(key=lambda c: (-max(c[2].values()), c[0]))
        return ranked

    def _bounds(self) -> None:
        """What the activities from each depth on can gain at most: in all, per requirement, in credentials."""
        size, way = len(self.ranked), self.way
        self.best_gain_after = [_ZERO] * (size + 1)
        self.leaf_gain_after = [[_ZERO] * len(way) for _ in range(size + 1)]
        self.credentials_after: list[frozenset[int]] = [frozenset()] * (size + 1)
        for i in range(size - 1, -1, -1):
            _, ordered, gains = self.ranked[i]
            self.best_gain_after[i] = self.best_gain_after[i + 1] + max(gains.values())
            self.leaf_gain_after[i] = list(self.leaf_gain_after[i + 1])
            for pos, gain in gains.items():
                self.leaf_gain_after[i][pos] += gain
            credentials = {p for p, _, _ in ordered if way[p].unit == "credential"}
            self.credentials_after[i] = self.credentials_after[i + 1] | credentials

    def run(self) -> dict[int, int]:
        """The allocation with the least effort: activity index to position in the way."""
        self.walk(0)
        return {act: pos for (act, _, _), pos in exact_zip(self.ranked, self.best_picks)}

    def bound(self, depth: int, missing: list[Decimal]) -> Effort:
        """The least effort any allocation below ``depth`` could still reach."""
        closed, credentials, hours = _effort(self.way, missing, self.rule, self.cycle)
        reachable = sum(1 for p in self.credentials_after[depth] if missing[p])
        leaf = self.leaf_gain_after[depth]
        per_leaf = sum((min(missing[p] * self.weight[p], leaf[p]) for p in range(len(self.way))), _ZERO)
        return closed, credentials - reachable, hours - min(self.best_gain_after[depth], per_leaf)

    def walk(self, depth: int) -> None:
        """Try each option of the activity at ``depth``, pruning what cannot beat the best found."""
        way, sums = self.way, self.sums
        key = tuple(
            frozenset((b, min(v, _saturation(r, b, self.cycle))) for b, v in s.items() if v)
            for r, s in exact_zip(way, sums)
        )
        if (depth, key) in self.seen:  # the same clipped sums at the same depth: explored already
            return
        self.seen.add((depth, key))
        if len(self.seen) > _MAX_STATES:
            raise InvalidInputError(
                "record", f"{len(self.ranked)} competing activities", f"an allocation found within {_MAX_STATES} steps"
            )
        missing = [_counted(r, s, self.cycle)[1] for r, s in exact_zip(way, sums)]
        if self.best is not None and self.bound(depth, missing) >= self.best:
            return
        if depth == len(self.ranked):
            self.best, self.best_picks = _effort(way, missing, self.rule, self.cycle), list(self.picked)
            return
        for pos, bucket, amount in self.ranked[depth][1]:
            _add(sums[pos], bucket, amount)
            self.picked.append(pos)
            self.walk(depth + 1)
            self.picked.pop()
            sums[pos][bucket] -= amount


def _contested_way(
    way: tuple[Requirement, ...],
    index: tuple[int, ...],
    options: list[list[Option]],
    rule: RenewalRule,
    cycle: _Cycle,
) -> tuple[dict[int, int], list[dict[str, Decimal]]]:
    """The best allocation of a way whose requirements compete for activities: activity -> position."""
    position = {req: pos for pos, req in enumerate(index)}
    sums: list[dict[str, Decimal]] = [{} for _ in way]
    assigned: dict[int, int] = {}
    choices = []
    for act, opts in enumerate(options):
        mine = [(position[r], bucket, amount) for r, bucket, amount in opts if r in position]
        if len(mine) == 1:
            _add(sums[mine[0][0]], mine[0][1], mine[0][2])
            assigned[act] = mine[0][0]
        elif mine:
            choices.append((act, mine))
    if choices:
        picks = _search(way, sums, choices, rule, cycle)
        for act, mine in choices:
            pos = picks[act]
            _add(sums[pos], *next(o[1:] for o in mine if o[0] == pos))
        assigned.update(picks)
    return assigned, sums


# -- the answer ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class RenewalFinding(Value):
    """One thing found about a node of the rule (or an activity), citing the node's source.

    >>> from ceurules import load_record, renewal_progress
    >>> record = load_record("docs/records/dana-whitfield.toml")
    >>> progress = renewal_progress(record, "ms-class-a", as_of="2024-06-01")
    >>> finding = progress.findings[0]
    >>> finding.node, finding.outcome.value
    ('class-a', 'met')
    """

    node: str
    outcome: Outcome
    message: str
    source: RuleSource | None = None
    default: str | None = None
    facts: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form."""
        return {
            "node": self.node,
            "outcome": self.outcome.value,
            "message": self.message,
            "source": None if self.source is None else self.source.to_dict(),
            "default": self.default,
            "facts": plain(self.facts),
        }

    def cite(self) -> str:
        """The node, its source, and the renewal default the finding rests on."""
        parts = [self.node] + ([str(self.source)] if self.source else [])
        default = self._own_default()
        return "; ".join([*parts, default] if default else parts)

    def _own_default(self) -> str | None:
        """The renewal default the finding rests on, unless its source cites it already."""
        cited_by_source = self.source.default if self.source else None
        return self.default if self.default != cited_by_source else None

    def __str__(self) -> str:
        return f"[{self.outcome.value}] {self.message} ({self.cite()})"


@attrs.frozen(kw_only=True, field_transformer=typed_fields, repr=False, eq=False)
class RenewalProgress(Value):
    """Progress of one educator's renewal under one rule, as of a date.

    ``way`` is the way that meets the rule (or, when none does, the closest
    one); ``counted`` and ``missing`` follow it, in each requirement's unit.
    ``allocation`` (activity ID -> requirement ID) and ``standings`` are worked
    out on first use.

    >>> from ceurules import load_record, renewal_progress
    >>> record = load_record("docs/records/dana-whitfield.toml")
    >>> progress = renewal_progress(record, "ms-class-a", as_of="2024-06-01")
    >>> progress.met, progress.cycle_start, progress.cycle_end
    (True, datetime.date(2021, 7, 1), datetime.date(2026, 6, 30))
    """

    record: EducatorRecord = attrs.field(repr=False)
    rule: RenewalRule = attrs.field(repr=False)
    version: RuleVersion = attrs.field(repr=False)
    met: bool
    way: tuple[Requirement, ...] = attrs.field(repr=False)
    counted: tuple[Decimal, ...]
    missing: tuple[Decimal, ...]
    _way_results: tuple[list[tuple[Decimal, Decimal]], dict[int, Any], list[dict[str, Decimal]]] = attrs.field(
        repr=False, eq=False, alias="way_results"
    )
    findings: tuple[RenewalFinding, ...] = ()
    _cycle: _Cycle = attrs.field(repr=False, alias="cycle")
    _index: tuple[int, ...] = attrs.field(repr=False, alias="index")
    _assigned: dict[int, int] | None = attrs.field(repr=False, hash=False, alias="assigned")
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False, hash=False)

    @property
    def educator(self) -> str:
        return self.record.educator

    @property
    def as_of(self) -> dt.date:
        """The day credit is counted up to."""
        return self._cycle.as_of

    @property
    def cycle_start(self) -> dt.date:
        """First day of the renewal cycle (R2)."""
        return self._cycle.start

    @property
    def cycle_end(self) -> dt.date:
        """Last day of the renewal cycle: the license's expiration date."""
        return self._cycle.end

    @property
    def final_year_start(self) -> dt.date:
        """First day of the cycle's final year."""
        return self._cycle.final_year

    @property
    def verdict(self) -> Verdict:
        """``PASS`` when the renewal is met."""
        return Verdict.PASS if self.met else Verdict.FAIL

    @property
    def verdict_label(self) -> str:
        return "met" if self.met else "not met"

    @property
    def passed(self) -> bool:
        return self.met

    @property
    def standings(self) -> dict[str, Standing]:
        """Where each activity stands against the cycle, by activity ID."""
        if "standings" not in self._memo:
            ratio = self.rule.hours_per_ceu
            self._memo["standings"] = {a.id: _standing(a, self._cycle, ratio) for a in self.record.activities}
        return dict(self._memo["standings"])

    @property
    def allocation(self) -> dict[str, str]:
        """Activity ID -> the ID of the requirement of ``way`` it counts toward (R8)."""
        if "allocation" not in self._memo:
            self._memo["allocation"] = _allocation(self)
        return dict(self._memo["allocation"])

    @property
    def ways(self) -> tuple[tuple[tuple[str, ...], tuple[Decimal, ...]], ...]:
        """Every way of the rule (its requirement IDs) with the credit each still misses."""
        found = [self._answers(w)[0] for w in range(len(self.version.ways))]
        return tuple(
            (tuple(r.id for r in way), tuple(m for _, m in f)) for way, f in exact_zip(self.version.ways, found)
        )

    def _answers(self, w: int) -> tuple[list[tuple[Decimal, Decimal]], list[dict[str, Decimal]]]:
        """Counted and missing per requirement of way ``w``, and the credit per category each was given."""
        results, special, sums = self._way_results
        if w in special:
            return special[w][0], special[w][2]
        index = self.version.way_index[w]
        return [results[i] for i in index], [sums[i] for i in index]

    def _plan_of(self, w: int) -> list[Step]:
        found, sums = self._answers(w)
        way = self.version.ways[w]
        return [s for r, (_, m), b in exact_zip(way, found, sums) for s in _steps(r, b, m)]

    def plan(self) -> tuple[Step, ...]:
        """The activities that would finish the closest way, each as (requirement ID, unit, amount, category):
        what each short category minimum lacks, then the rest of the total (category ``None``: any category the
        requirement counts without a cap; ``""``: what only credit carried over from the previous cycle could
        give, where the caps leave no room for it, R7). Empty when met.

        >>> from ceurules import load_record, load_renewal_rule, renewal_progress
        >>> record = load_record("docs/records/dana-whitfield.toml")
        >>> district = load_renewal_rule("docs/renewal-rules/example-district.toml")
        >>> renewal_progress(record, district).plan()
        (('hours-100', 'clock_hour', Decimal('20'), 'reading'),)
        """
        return tuple(self._plan_of(self.version.way_index.index(self._index)))

    def closest(self) -> str:
        """The closest way to finish in the rule's units (``'2.5 CEUs (ceus-10)'``, ``'20 clock hours of reading
        (hours-100)'``), or ``''`` when met."""
        return _plan_text(self.way, self.plan())

    def outside_cycle(self) -> tuple[str, ...]:
        """IDs of activities whose credit falls outside the cycle and is not carried over (R9)."""
        allocation = self.allocation
        return tuple(
            a for a, s in self.standings.items() if s in (Standing.OUTSIDE, Standing.PREVIOUS) and a not in allocation
        )

    def transcript(self) -> list[dict[str, str]]:
        """One row per activity, with the requirement it counts toward (empty when none) and why not; then one row
        per activity still missing from the closest way (:meth:`plan`; note ``missing``, category empty: any)."""
        units = {r.id: r.unit for r in self.way}
        allocation, standings = self.allocation, self.standings
        rows = []
        for act in self.record.activities:
            node = allocation.get(act.id, "")
            standing = standings[act.id]
            note = "" if node else (standing.value if standing is not Standing.IN_CYCLE else "not needed by this way")
            row = {k: "" if v is None else str(v) for k, v in act.to_dict().items()}
            row.update(counts_toward=node, node_unit=units.get(node, ""), note=note)
            rows.append(row)
        for node, unit, amount, category in self.plan():  # what is still missing, one row per activity to add
            rows.append(
                dict.fromkeys(_TRANSCRIPT, "")
                | {"unit": unit, "amount": decimal_text(amount), "category": category or "", "counts_toward": node}
                | {"node_unit": unit, "note": "missing" if category != _CARRY else "missing: carried over only"}
            )
        return rows

    def transcript_csv(self) -> str:
        """The transcript as CSV text, ready for a licensure office."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_TRANSCRIPT, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.transcript())
        return out.getvalue()

    def to_dict(self) -> dict[str, JSON]:
        """JSON-ready form (``schema_version`` as every result)."""
        data: dict[str, JSON] = plain(
            {
                "schema_version": SCHEMA_VERSION,
                "topic": "renewal",
                "subject": self.educator,
                "verdict": self.verdict_label,
                "rule": {"name": self.rule.name, "title": self.rule.title, "version_from": self.version.effective},
                "as_of": self.as_of,
                "cycle": {"start": self.cycle_start, "end": self.cycle_end, "final_year_start": self.final_year_start},
                "met": self.met,
                "way": [
                    {"node": r.id, "unit": r.unit, "minimum": r.minimum, "counted": c, "missing": m}
                    for r, c, m in exact_zip(self.way, self.counted, self.missing)
                ],
                "closest": self.closest(),
                "plan": [
                    {"node": node, "unit": unit, "amount": amount, "category": category}
                    for node, unit, amount, category in self.plan()
                ],
                "allocation": self.allocation,
                "outside_cycle": list(self.outside_cycle()),
                "ways": [{"nodes": list(ids), "missing": list(miss)} for ids, miss in self.ways],
                "findings": [f.to_dict() for f in self.findings],
            }
        )
        return data

    def _title(self, *, marked: bool = False) -> str:
        verdict = self.verdict_label.upper()
        return (
            f"Renewal of {self.educator} under {self.rule.name} (version from {self.version.effective}), "
            f"cycle {self.cycle_start} to {self.cycle_end}, as of {self.as_of}: "
            + (outcome_label(verdict) if marked else verdict)
        )

    def __str__(self) -> str:
        return "\n".join([self._title(), *(f"  {f}" for f in self.findings)])

    def _codes(self) -> list[str]:
        codes = (c for f in self.findings for c in (f.source.default if f.source else None, f.default) if c)
        return cited((c, None) for c in codes)

    def _repr_markdown_(self) -> str:
        rows = [(outcome_label(f.outcome.value), f"`{f.node}`", f.message, f.cite()) for f in self.findings]
        return markdown_table(_HEADERS, rows, title=self._title(marked=True)) + notes_markdown(self._codes())

    def _repr_html_(self) -> str:
        esc = escape
        rows = [
            (esc(outcome_label(f.outcome.value)), code_html(f.node), esc(f.message), _cite_html(f))
            for f in self.findings
        ]
        return html_table(_HEADERS, rows, title=self._title(marked=True)) + notes_html(self._codes())


_HEADERS = ("outcome", "node", "finding", "source")


def _cite_html(finding: RenewalFinding) -> str:
    """The finding's source, and its renewal default explained on hover."""
    source = escape(str(finding.source)) if finding.source else ""
    default = finding._own_default()
    return source + (("; " if source else "") + code_html(default) if default else "")


_TRANSCRIPT = ["id", "date", "title", "unit", "amount", "hours", "category", "grade", "origin", "reference",
               "counts_toward", "node_unit", "note"]  # fmt: skip


#: The library's own answers, built from values it computed: not checked again (tests check them).
_progress = library_built(RenewalProgress)
_finding = library_built(RenewalFinding)


def _allocation(progress: RenewalProgress) -> dict[str, str]:
    acts = progress.record.activities
    way = progress.way
    if progress._assigned is not None:
        return {acts[a].id: way[pos].id for a, pos in sorted(progress._assigned.items())}
    version, cycle, ratio = progress.version, progress._cycle, progress.rule.hours_per_ceu
    position = {r: pos for pos, r in enumerate(progress._index)}
    found = {}
    for act in acts:
        for r, _, _ in _options(act, _standing(act, cycle, ratio), version, cycle):
            if r in position:
                found[act.id] = way[position[r]].id
    return found


def renewal_progress(
    record: EducatorRecord,
    rule: RenewalRule | str,
    *,
    as_of: dt.date | str | None = None,
    explain: bool = True,
) -> RenewalProgress:
    """Progress of ``record`` toward renewal under ``rule`` (a rule or a bundled name), as of a date.

    ``as_of`` defaults to the license's expiration date; activities dated after
    it do not count yet (R5). With ``explain=False`` the answer carries no
    findings (the numbers are the same).

    >>> from ceurules import load_record, renewal_progress
    >>> record = load_record("docs/records/dana-whitfield.toml")
    >>> progress = renewal_progress(record, "ms-class-a", as_of="2022-12-31")
    >>> progress.verdict_label, progress.missing
    ('not met', (Decimal('3'), Decimal('3.5')))
    """
    rule, day = _arguments(record, rule, as_of)
    if not isinstance(explain, bool):
        raise InvalidInputError("explain", explain, "true or false")
    progress = _measured(record, rule, day)
    if not explain:
        return progress
    fields = {(f.alias or f.name): getattr(progress, f.name) for f in attrs.fields(RenewalProgress) if f.init}
    return _progress(**(fields | {"findings": _findings(progress, progress._cycle)}))


def _measured(record: EducatorRecord, rule: RenewalRule, day: dt.date) -> RenewalProgress:
    """The answer's numbers as of ``day``, without findings: the version (R1), the cycle (R2), the closest way (R4)."""
    version = rule.version_on(record.license_expires)  # R1
    start, final_year, previous = _cycle_dates(record.license_expires, rule.cycle_years)
    cycle = _Cycle(start, record.license_expires, final_year, previous, day)
    reqs = version.requirements
    profiles = _profiles(record, rule.hours_per_ceu)
    _carry_over(cycle, profiles, version)
    sums = _requirement_sums(profiles, version, cycle)
    results = [_counted(req, s, cycle) for req, s in exact_zip(reqs, sums)]
    best, best_effort, special = _closest_way(record, rule, version, cycle, results)
    found, assigned_best = (
        special[best][:2] if best in special else ([results[i] for i in version.way_index[best]], None)
    )
    return _progress(
        record=record,
        rule=rule,
        version=version,
        met=best_effort == _NONE,
        way=version.ways[best],
        counted=tuple([c for c, _ in found]),
        missing=tuple([m for _, m in found]),
        cycle=cycle,
        way_results=(results, special, sums),
        index=version.way_index[best],
        assigned=assigned_best,
    )


#: For each way whose requirements compete for activities: counted and missing per requirement, the
#: allocation (activity index to position in the way), and the credit per category each requirement was given.
_Contested = dict[int, tuple[list[tuple[Decimal, Decimal]], dict[int, int], list[dict[str, Decimal]]]]


def _closest_way(
    record: EducatorRecord,
    rule: RenewalRule,
    version: RuleVersion,
    cycle: _Cycle,
    results: list[tuple[Decimal, Decimal]],
) -> tuple[int, Effort | None, _Contested]:
    """The way needing the least effort (R4; ties go to the way listed first), with the contested ways' answers."""
    reqs = version.requirements
    shortfalls = [_shortfall(req, m, rule, cycle) if m else _NONE for req, (_, m) in exact_zip(reqs, results)]
    options: list[list[Option]] | None = None
    special: _Contested = {}
    best, best_effort = 0, None
    for w, index in enumerate(version.way_index):
        if version.contested[w]:
            if options is None:
                ratio = rule.hours_per_ceu
                options = [_options(a, _standing(a, cycle, ratio), version, cycle) for a in record.activities]
            way = version.ways[w]
            assigned, way_sums = _contested_way(way, index, options, rule, cycle)
            way_found = [_counted(req, s, cycle) for req, s in exact_zip(way, way_sums)]
            special[w] = (way_found, assigned, way_sums)
            effort = _effort(way, [m for _, m in way_found], rule, cycle)
        else:
            effort = shortfalls[index[0]] if len(index) == 1 else _total([shortfalls[i] for i in index])
        if best_effort is None or effort < best_effort:
            best, best_effort = w, effort
            if effort == _NONE and not any(version.contested[w + 1 :]):
                break  # met: no later way can do better, and ties go to the way listed first (R4)
    return best, best_effort, special


def is_renewal_met(record: object, rule: object, *, as_of: dt.date | str | None = None) -> bool:
    """Whether ``record`` meets the renewal under ``rule`` (see :func:`renewal_progress`); never raises:
    anything it cannot answer is ``False``.

    >>> from ceurules import is_renewal_met, load_record
    >>> record = load_record("docs/records/dana-whitfield.toml")
    >>> is_renewal_met(record, "ms-class-a", as_of="2024-06-01"), is_renewal_met(record, "no-such-rule")
    (True, False)
    """
    try:
        checked, day = _arguments(record, rule, as_of)
        return _measured(record, checked, day).met  # type: ignore[arg-type]
    except CeuRulesError:
        return False


def _arguments(record: object, rule: object, as_of: object) -> tuple[RenewalRule, dt.date]:
    if not isinstance(record, EducatorRecord):
        raise InvalidInputError("record", record, "an EducatorRecord")
    if isinstance(rule, str):
        rule = load_renewal_rule(rule)
    elif not isinstance(rule, RenewalRule):
        raise InvalidInputError("rule", rule, "a RenewalRule or a bundled rule name")
    expires = rule.expires_on
    if expires is not None and (record.license_expires.month, record.license_expires.day) != expires:
        raise InvalidInputError(
            "license_expires", record.license_expires, f"a date on {expires[0]:02d}-{expires[1]:02d} ({rule.name})"
        )
    return rule, record.license_expires if as_of is None else to_date(as_of, "as_of")


def _findings(progress: RenewalProgress, cycle: _Cycle) -> tuple[RenewalFinding, ...]:
    found = [_root_finding(progress)]
    if cycle.as_of > cycle.end:
        found.append(_expired_finding(progress, cycle))
    allocation, standings = progress.allocation, progress.standings
    by_id = {a.id: a for a in progress.record.activities}
    plan = progress.plan()
    for req, counted, missing in exact_zip(progress.way, progress.counted, progress.missing):
        used = [a for a, node in allocation.items() if node == req.id]
        carried = _carried(req, [by_id[a] for a in used], cycle) if req.carry_over else _ZERO
        steps = [s for s in plan if s[0] == req.id]
        found.append(_requirement_finding(req, (counted, missing, carried), used, steps, cycle))
    chosen = tuple(r.id for r in progress.way)
    for w, (way, (ids, missing_per)) in enumerate(exact_zip(progress.version.ways, progress.ways)):
        if ids != chosen and not progress.met:  # the other ways, farther from done
            found.append(_other_way_finding(way, missing_per, progress._plan_of(w), cycle))
    for act in progress.record.activities:
        if act.id not in allocation and (why := _unused_finding(act, standings[act.id], progress.version)):
            found.append(why)
    return tuple(found)


def _unused_finding(act: Activity, standing: Standing, version: RuleVersion) -> RenewalFinding | None:
    """Why an activity the allocation leaves out does not count (``None``: it would, toward another way): that no
    requirement of the rule takes it, whenever it is dated, else its standing (R3, R5, R9)."""
    entries = version.by_unit.get(act.unit, ())
    if not any(_admits(entry, act.category, act.grade) for entry in entries):
        return _uncounted_finding(act, entries)
    return None if standing is Standing.IN_CYCLE else _activity_finding(act, standing)


def _root_finding(progress: RenewalProgress) -> RenewalFinding:
    version = progress.version
    ids = " + ".join(r.id for r in progress.way)
    if progress.met:
        message = f"renewal met by {ids}"
    else:
        message = f"renewal not met; the closest way to finish: {progress.closest()} more"
    facts = {"way": [r.id for r in progress.way], "cycle_start": progress.cycle_start, "cycle_end": progress.cycle_end}
    return _finding(
        node=version.root.id,
        outcome=Outcome.MET if progress.met else Outcome.NOT_MET,
        message=message,
        source=version.root.source,
        default="R4",
        facts=facts,
    )


def _expired_finding(progress: RenewalProgress, cycle: _Cycle) -> RenewalFinding:
    """The as-of date is past the license's expiry: the answer is for the cycle that ended then (R2, R9)."""
    message = (
        f"as of {cycle.as_of}, after the license expired on {cycle.end}: this is the cycle that ended then; "
        f"credit dated after {cycle.end} does not count toward it"
    )
    return _finding(
        node=progress.version.root.id,
        outcome=Outcome.NOTE,
        message=message,
        source=progress.version.root.source,
        default="R2",
        facts={"as_of": cycle.as_of, "license_expires": cycle.end},
    )


def _carried(req: Requirement, used: list[Activity], cycle: _Cycle) -> Decimal:
    """The credit carried over into ``req`` from the previous cycle by the activities allocated to it (R7)."""
    factors = req.factors
    earned = sum((a.amount * factors[a.unit] for a in used if a.date < cycle.start), _ZERO)
    return min(earned, cycle.carried(req)[2])


def _requirement_finding(
    req: Requirement, amounts: tuple[Decimal, Decimal, Decimal], used: list[str], steps: list[Step], cycle: _Cycle
) -> RenewalFinding:
    counted, missing, carried = amounts
    what = f"{unit_text(counted, req.unit)} counted of {req.text()}"
    if carried:
        what = f"{unit_text(counted, req.unit)} counted ({unit_text(carried, req.unit)} carried over from the "
        what += f"previous cycle, R7) of {req.text()}"
    if missing:
        what += f", {_steps_text(steps)} missing"
    if req.window is RenewalWindow.FINAL_YEAR and not cycle.final_open:
        what += f"; open only in the final year, from {cycle.final_year}"
    return _finding(
        node=req.id,
        outcome=Outcome.NOT_MET if missing else Outcome.MET,
        message=f"{req.label or req.id}: {what}",
        source=req.source,
        default=req.source.default,
        facts={"counted": counted, "missing": missing, "unit": req.unit, "activities": used}
        | ({"carried_over": carried} if req.carry_over else {})
        | ({"missing_categories": _category_amounts(steps)} if req.category_minimums else {}),
    )


def _other_way_finding(
    way: tuple[Requirement, ...], missing: tuple[Decimal, ...], steps: list[Step], cycle: _Cycle
) -> RenewalFinding:
    labels = " and ".join(r.label or r.text() for r in way)
    message = f"another way, {labels}: {_plan_text(way, steps)} missing"  # not met: every way misses something
    if not cycle.final_open and any(r.window is RenewalWindow.FINAL_YEAR for r in way):
        message += f"; open only in the final year, from {cycle.final_year}"
    return _finding(
        node=" + ".join(r.id for r in way),
        outcome=Outcome.NOTE,
        message=message,
        source=way[0].source,
        facts={"missing": {r.id: m for r, m in exact_zip(way, missing)}},
    )


def _category_amounts(steps: Sequence[Step]) -> dict[str, Decimal]:
    """What the steps need of each named category (``{"reading": Decimal(20)}``)."""
    return {category: amount for _, _, amount, category in steps if category is not None}


def _uncounted_finding(act: Activity, entries: Sequence[Accepting]) -> RenewalFinding:
    """An activity no requirement of the rule counts: of a unit none takes, a category none names (a misspelt
    one, often), or a grade below every gate (R6). Never left out without a word."""
    default = None
    if not entries:
        detail = f"no requirement of the rule counts {UNITS[act.unit][1]}"
    elif all(categories is not None and act.category not in categories for _, _, categories, _, _, _ in entries):
        named = sorted({c for _, _, categories, _, _, _ in entries for c in categories or ()})
        detail = f"no requirement counts category {act.category!r} (the rule's: {', '.join(named)})"
    else:
        detail, default = f"its grade {act.grade or 'P'} meets no requirement's grade", "R6"
    return _finding(
        node=f"activity {act.id}",
        outcome=Outcome.NOTE,
        message=f"activity {act.id} of {act.date} ({unit_text(act.amount, act.unit)}) does not count: {detail}",
        default=default,
        facts={"activity": act.id, "date": act.date, "unit": act.unit, "category": act.category, "grade": act.grade},
    )


_STANDING_DEFAULT = {Standing.MISMATCH: "R3", Standing.NOT_YET: "R5", Standing.OUTSIDE: "R9", Standing.PREVIOUS: "R9"}


def _activity_finding(act: Activity, standing: Standing) -> RenewalFinding:
    detail = standing.value
    if standing is Standing.MISMATCH:
        detail += f" ({unit_text(act.amount, 'ceu')} for {act.hours} clock hours)"
    return _finding(
        node=f"activity {act.id}",
        outcome=Outcome.NOTE,
        message=f"activity {act.id} of {act.date} ({unit_text(act.amount, act.unit)}) does not count: {detail}",
        default=_STANDING_DEFAULT[standing],
        facts={"activity": act.id, "date": act.date},
    )
