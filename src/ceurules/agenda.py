"""Timed agendas: what a program's schedule says, and how much of it is contact time (D8).

An agenda is a list of segments, each of a kind (instruction, break, meal ...).
Only the kinds the policy counts (``Policy.contact_kinds``) are contact time.
A segment lies within one day: it may not end before it starts or cross
midnight, and segments of the same day may not overlap. An end more than 12
hours before its start (23:00 to 01:00) is refused as a segment crossing
midnight, with the advice to split it; a nearer one (15:45 to 15:30) as an end
before its start.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterable
from fractions import Fraction

import attrs

from . import _convert as to
from . import _display as show
from ._convert import check_str
from ._value import Value
from .errors import InvalidInputError
from .policy import Policy, SegmentKind

__all__ = ["Agenda", "Segment"]


def _kind(value: SegmentKind | str) -> SegmentKind:
    if isinstance(value, SegmentKind):
        return value
    try:
        return SegmentKind(str(value).strip().lower().replace("_", "-"))
    except ValueError:
        names = ", ".join(k.value for k in SegmentKind)
        raise InvalidInputError("kind", value, f"one of {names}") from None


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


#: An end more than this many minutes before its start looks like a segment that crossed midnight
#: (23:00 to 01:00); a nearer one (15:45 to 15:30) is an end before its start.
_OVERNIGHT = 12 * 60


def _end_expected(start: dt.time, end: dt.time) -> str:
    """What an end at or before its start should have been, with the midnight hint only when it looks overnight."""
    expected = f"a time after the start {start:%H:%M}"
    if -_minutes(start, end) > _OVERNIGHT:
        return f"{expected}; a segment may not cross midnight (split it at midnight into two dated segments)"
    return expected + (" (this end is before the start)" if end < start else "")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Segment(Value):
    """One timed part of an agenda, from ``start`` to ``end`` on one day (whole minutes).

    ``day`` is the date for a program that runs over several days; leave it
    ``None`` for an agenda that every offering repeats.

    >>> from ceurules import Segment
    >>> segment = Segment(kind="instruction", start="09:00", end="10:30", title="Reading")
    >>> segment.kind.value, segment.start
    ('instruction', datetime.time(9, 0))
    """

    kind: SegmentKind = attrs.field(converter=_kind)
    start: dt.time = attrs.field(converter=to.time)
    end: dt.time = attrs.field(converter=to.time)
    title: str = attrs.field(default="", validator=check_str)
    day: dt.date | None = attrs.field(default=None, converter=to.optional_date)

    def __attrs_post_init__(self) -> None:
        for name in ("start", "end"):
            t: dt.time = getattr(self, name)
            if t.second or t.microsecond:
                raise InvalidInputError(name, t, "a time in whole minutes")
        if self.end <= self.start:
            raise InvalidInputError("end", self.end, _end_expected(self.start, self.end))

    @property
    def minutes(self) -> int:
        """Length in minutes."""
        return _minutes(self.start, self.end)


def _segments(value: Iterable[Segment]) -> tuple[Segment, ...]:
    return to.to_items(value, "agenda", Segment, "a list of segments", "a Segment")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Agenda(Value):
    """A timed agenda: segments in order, none overlapping on the same day.

    Either every segment has a ``day`` (a multi-day program) or none has one
    (an agenda that each offering repeats).

    >>> from ceurules import Agenda, Program, Segment, ceus
    >>> agenda = Agenda(segments=[Segment(kind="instruction", start="09:00", end="10:30")])
    >>> ceus(Program(title="Math Night", activity="workshop", agenda=agenda))
    Decimal('0.2')
    """

    segments: tuple[Segment, ...] = attrs.field(default=(), converter=_segments)

    def __attrs_post_init__(self) -> None:
        dated = {seg.day is not None for seg in self.segments}
        if len(dated) > 1:
            i = next(i for i, s in enumerate(self.segments) if (s.day is None) != (self.segments[0].day is None))
            raise InvalidInputError(f"agenda[{i}].day", self.segments[i].day, "a day on every segment or on none")
        order = sorted(range(len(self.segments)), key=lambda i: (self._day_key(i), self.segments[i].start))
        for prev, cur in itertools.pairwise(order):
            a, b = self.segments[prev], self.segments[cur]
            if a.day == b.day and b.start < a.end:
                raise InvalidInputError(
                    f"agenda[{cur}].start",
                    b.start,
                    f"a time at or after {a.end:%H:%M}, when agenda[{prev}] ({a.title or a.kind.value}) ends; "
                    "segments may not overlap",
                )

    def _day_key(self, i: int) -> dt.date:
        return self.segments[i].day or dt.date.min

    def __len__(self) -> int:
        return len(self.segments)

    @property
    def wall_minutes(self) -> int:
        """Minutes from all segments, counted or not."""
        return sum(seg.minutes for seg in self.segments)

    def contact_minutes(self, *, policy: Policy, days: Collection[dt.date] | None = None) -> Fraction:
        """Exact minutes of the segments whose kind the policy counts as contact time (D8); with ``days``, of
        those days' segments only (one session of a dated agenda, D15)."""
        kinds = policy.undated("contact_kinds").contact_kinds
        counted = (seg.minutes for seg in self.segments if seg.kind in kinds and (days is None or seg.day in days))
        return Fraction(sum(counted))

    def contact_blocks(self, *, policy: Policy, days: Collection[dt.date] | None = None) -> tuple[Fraction, ...]:
        """Minutes of each contact block: a run of counted segments, each starting where the one before ends.

        Blocks are taken in time order (day, then start), so the order the
        segments are listed in does not matter. A segment of a kind the policy
        does not count, or a gap, ends a block. With ``days``, only those
        days' segments (as :meth:`contact_minutes`). The blocks add up to
        :meth:`contact_minutes`.
        """
        kinds = policy.undated("contact_kinds").contact_kinds
        counted = sorted(
            (seg for seg in self.segments if seg.kind in kinds and (days is None or seg.day in days)),
            key=lambda seg: (seg.day or dt.date.min, seg.start),
        )
        blocks: list[int] = []
        previous: Segment | None = None
        for seg in counted:
            if previous is not None and previous.day == seg.day and previous.end == seg.start:
                blocks[-1] += seg.minutes
            else:
                blocks.append(seg.minutes)
            previous = seg
        return tuple(Fraction(block) for block in blocks)

    def _repr_markdown_(self) -> str:
        return show.sections_markdown(show.agenda_sections(self))

    def _repr_html_(self) -> str:
        return show.sections_html(show.agenda_sections(self))
