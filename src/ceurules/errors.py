"""The one exception tree of ceurules.

Every error the library raises on purpose is a :class:`CeuRulesError`. Each
subclass also derives from the built-in exception a caller would expect, so
``except ValueError`` keeps working for code that does not know this library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

__all__ = [
    "CaseFileError",
    "CeuRulesError",
    "InvalidInputError",
    "PolicyFileError",
    "ProgramFileError",
    "RecordFileError",
    "RenewalRuleError",
    "RuleNotInForceError",
    "UnknownCalendarError",
]


class CeuRulesError(Exception):
    """Root of every error raised by ceurules.

    >>> from ceurules import CeuRulesError, ceus
    >>> try:
    ...     ceus("a lot")
    ... except CeuRulesError as err:
    ...     print(type(err).__name__, err)
    InvalidInputError contact_time: expected a decimal number of hours such as 7.5, got 'a lot'
    """


class InvalidInputError(CeuRulesError, ValueError):
    """A value handed to the library is not acceptable.

    ``field`` names the argument or attribute (``"offering_dates"``,
    ``"agenda[2].end"``) and ``value`` is the value that was refused.

    >>> from ceurules import InvalidInputError, Program
    >>> try:
    ...     Program(title="Math Night", activity="workshop", offering_dates=["Dec 16"])
    ... except InvalidInputError as err:
    ...     print(err.field, repr(err.value))
    offering_dates[0] 'Dec 16'

    A list with several bad items is refused with every one of them:
    ``others`` holds the refusals of the items after the first, and
    :meth:`each` gives them all, in order.

    >>> try:
    ...     Program(title="Math Night", activity="workshop", offering_dates=["Dec 16", "2026-12-17", "Dec 18"])
    ... except InvalidInputError as err:
    ...     print([(one.field, one.value) for one in err.each()])
    [('offering_dates[0]', 'Dec 16'), ('offering_dates[2]', 'Dec 18')]
    """

    def __init__(self, field: str, value: object, expected: str, others: tuple[InvalidInputError, ...] = ()) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.others = tuple(others)
        shown = [f"{one.field}: expected {one.expected}, got {as_written(one.value)}" for one in self.each()[:_SHOWN]]
        more = len(self.others) + 1 - _SHOWN
        super().__init__("; ".join(shown) + (f"; and {more} more item(s) refused" if more > 0 else ""))

    def each(self) -> tuple[InvalidInputError, ...]:
        """Every refusal this error stands for: itself, then the other refused items of its list."""
        return (self, *self.others)

    @classmethod
    def of(cls, errors: Iterable[InvalidInputError]) -> InvalidInputError:
        """One error for every refusal of ``errors`` (each with those it stands for), the first first."""
        found = [cls(one.field, one.value, one.expected) for err in errors for one in err.each()]
        return cls(found[0].field, found[0].value, found[0].expected, tuple(found[1:]))

    def renamed(self, rename: Callable[[str], str]) -> InvalidInputError:
        """The same refusals, every one of them with its field renamed (an argument named as its caller names it)."""
        each = self.each()
        return InvalidInputError.of(InvalidInputError(rename(one.field), one.value, one.expected) for one in each)

    def __reduce__(self) -> tuple[type[InvalidInputError], tuple[object, ...]]:
        return (type(self), (self.field, self.value, self.expected, self.others))


#: Refused items named in an error's message; every one of them is in :meth:`InvalidInputError.each`.
_SHOWN = 10


def misspelling_of(key: object, names: Iterable[str]) -> str:
    """`` (a misspelling of 'lead_time_days'?)`` when an unknown ``key`` is close to one of ``names``; else ``""``."""
    if not isinstance(key, str):
        return ""
    import difflib  # only for a key that is not known

    near = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    return f" (a misspelling of {near[0]!r}?)" if near else ""


def as_written(value: object, limit: int = 120) -> str:
    """A refused value as a file author wrote it, cut to ``limit`` characters so a huge value cannot flood a log.

    Dates read ``2026-12-15``, times ``09:30``, date-times ``2026-12-15T09:30``,
    flags ``true``/``false`` and a missing value ``null``; text keeps its quotes.
    """
    text = _render(value, limit)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _render(value: object, limit: int, depth: int = 0) -> str:
    """``value`` as written, built without expanding a giant value: long text and numbers, deep
    nesting and long lists are cut before they are rendered; lone surrogates come escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dt.datetime | dt.time):
        exact = value.second or value.microsecond
        return value.isoformat() if exact else value.isoformat(timespec="minutes")
    if isinstance(value, dt.date | Decimal):
        return str(value)
    if isinstance(value, int):
        return (
            repr(value)
            if value.bit_length() <= 600
            else f"<an integer of about {int(value.bit_length() * 0.30103)} digits>"
        )
    if isinstance(value, str):
        return repr(value[: limit + 1])  # repr escapes lone surrogates and control characters
    if isinstance(value, dict | list | tuple) and depth >= _DEPTH:
        return "{...}" if isinstance(value, dict) else "[...]"
    if isinstance(value, dict):
        pairs = (f"{_render(k, limit, depth + 1)}: {_render(v, limit, depth + 1)}" for k, v in value.items())
        return "{" + _joined(pairs, limit) + "}"
    if isinstance(value, list | tuple):
        return "[" + _joined((_render(v, limit, depth + 1) for v in value), limit) + "]"
    try:
        text = repr(value)[: limit + 1]
    except Exception:  # a value whose repr fails (or is too long to build) is still named
        return f"<{type(value).__name__} object>"
    if "\n" in text:  # a table or a Series, printed over several lines: named by its kind
        return f"a {type(value).__module__.split('.')[0]} {type(value).__name__}"
    return text


_DEPTH = 4


def _joined(parts: Iterator[str], limit: int) -> str:
    """Items joined with commas, stopping once ``limit`` characters are reached (a huge list is not rendered)."""
    shown: list[str] = []
    size = 0
    for part in parts:
        if size > limit:
            shown.append("...")
            break
        shown.append(part)
        size += len(part) + 2
    return ", ".join(shown)


class UnknownCalendarError(CeuRulesError, LookupError):
    """The ``holidays`` package has no calendar for a country or subdivision.

    >>> from ceurules import BusinessCalendar, UnknownCalendarError
    >>> try:
    ...     BusinessCalendar(country="XX").is_business_day("2026-11-20")
    ... except UnknownCalendarError as err:
    ...     print(type(err).__name__)
    UnknownCalendarError
    """


class RuleNotInForceError(CeuRulesError, LookupError):
    """A rule was asked about a date before any version of it took effect.

    >>> from datetime import date
    >>> from ceurules import RuleNotInForceError, load_renewal_rule
    >>> try:
    ...     load_renewal_rule("ms-class-a").version_on(date(2010, 9, 1))
    ... except RuleNotInForceError as err:
    ...     print(err)
    ms-class-a: no version in force on 2010-09-01 (the first is from 2016-07-01)
    """


def field_label(path: str) -> str:
    """A problem's field path as printed: the path, or ``<top level>`` for the file as a whole."""
    return path or "<top level>"


def place_label(where: tuple[int, int] | None) -> str:
    """`` (line L, column C)``, or nothing when the place is not known."""
    return f" (line {where[0]}, column {where[1]})" if where else ""


class ProgramFileError(CeuRulesError, ValueError):
    """A program file (or mapping) could not be read as a program.

    ``problems`` lists every ``(field path, message)`` found, so a file with
    several mistakes is reported in one go. ``source`` names the file, or
    ``"<mapping>"`` for in-memory data. ``locations`` holds, for each problem,
    the ``(line, column)`` of the offending value in the file (``None`` when
    there is no file text, or the problem is about the file as a whole).
    ``omitted`` is at least how many problems were found beyond those listed: a
    loader stops reading a file at its 201st problem, so it is a lower bound.

    >>> from ceurules import ProgramFileError, load_program_file
    >>> try:
    ...     load_program_file({"title": "Math Night"}, name="inline")
    ... except ProgramFileError as err:
    ...     print(str(err).splitlines()[0])
    inline: 1 problem(s)
    """

    def __init__(
        self,
        source: str,
        problems: Iterable[tuple[str, str]],
        locations: Iterable[tuple[int, int] | None] | None = None,
        omitted: int = 0,
    ) -> None:
        self.source = source
        self.problems = tuple(problems)
        found = tuple(locations) if locations is not None else ()
        self.locations = found + (None,) * (len(self.problems) - len(found))
        self.omitted = omitted
        count = f"at least {len(self.problems) + omitted}" if omitted else str(len(self.problems))
        lines = [f"{source}: {count} problem(s)", *(f"  {line}" for line in self.described())]
        if omitted:
            lines.append(f"  {self.more_line()}")
        super().__init__("\n".join(lines))

    def described(self) -> tuple[str, ...]:
        """Each problem as the message lists it: ``field (line L, column C): message`` (no place when none)."""
        return tuple(
            f"{field_label(path)}{place_label(where)}: {message}"
            for (path, message), where in zip(self.problems, self.locations, strict=False)
        )

    def more_line(self) -> str:
        """The line that says more problems were found than are listed."""
        return f"... and more problem(s), not listed: reading stopped after the first {len(self.problems)}"

    def __reduce__(self) -> tuple[type[ProgramFileError], tuple[object, ...]]:
        return (type(self), (self.source, self.problems, self.locations, self.omitted))


class PolicyFileError(CeuRulesError, ValueError):
    """A policy file could not be read as a policy.

    ``source`` names the file (``"<text>"`` for text, ``"bundled:NAME"`` for a
    bundled policy), ``line`` the line of the key concerned when it could be
    found (else ``None``), ``field`` the key's path in the file
    (``"parameters.lead_time_days.value"``; empty for the file as a whole).

    >>> from ceurules import PolicyFileError, load_policy
    >>> try:
    ...     load_policy("no-such-policy")
    ... except PolicyFileError as err:
    ...     print(type(err).__name__)
    PolicyFileError
    """

    def __init__(
        self,
        source: str,
        line: int | None,
        field: str,
        message: str,
        *,
        problems: Iterable[tuple[str, str]] = (),
        lines: Iterable[int | None] = (),
    ) -> None:
        self.source = source
        self.line = line
        self.field = field
        self.message = message
        self.problems = tuple(problems) or ((field, message),)
        found = tuple(lines) or (line,)
        self.lines = found + (None,) * (len(self.problems) - len(found))
        where = source + (f", line {line}" if line is not None else "")
        said = [f"{where}: {field + ': ' if field else ''}{message}"]
        if len(self.problems) > 1:  # every mistake of the file, in the order it writes them
            said = [f"{source}: {len(self.problems)} problem(s)"]
            for (path, text), at in zip(self.problems, self.lines, strict=True):
                said.append(f"  {path}{f' (line {at})' if at is not None else ''}: {text}")
        super().__init__("\n".join(said))

    def __reduce__(self) -> tuple[Callable[..., PolicyFileError], tuple[object, ...]]:
        return (_policy_file_error, (type(self), self.source, self.line, self.field, self.message, self.problems,
                                     self.lines))


def _policy_file_error(
    cls: type[PolicyFileError], source: str, line: int | None, field: str, message: str,
    problems: tuple[tuple[str, str], ...], lines: tuple[int | None, ...],
) -> PolicyFileError:
    """A pickled :class:`PolicyFileError` again (its problems are keyword-only)."""
    return cls(source, line, field, message, problems=problems, lines=lines)


class CaseFileError(PolicyFileError):
    """A case file (worked examples of the policy, see :mod:`ceurules.cases`) could not be read.

    Same shape as :class:`PolicyFileError` (and caught by ``except PolicyFileError``):
    ``source``, ``line`` (or ``None``), ``field`` (``"case[2].expect.outcomes"``)
    and ``message`` name the first problem, ``column`` its column. A file with
    several mistakes is reported in one go: ``problems`` lists every
    ``(field path, message)``, in the order they are written, and ``locations``
    the ``(line, column)`` of each (``None``: the file as a whole), as
    :class:`ProgramFileError` does. ``ceurules test`` reports it, runs the other
    files, and exits with 2.

    >>> import pathlib, tempfile
    >>> from ceurules import CaseFileError
    >>> from ceurules.cases import load_cases
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "credit.toml"
    >>> _ = path.write_text('case = [{ name = "late", clause = "credit.window" }]')
    >>> try:
    ...     load_cases(path)
    ... except CaseFileError as err:
    ...     print(err.line, err.column, err.field, err.message)
    1 9 case[0] required field 'expect' is missing
    """

    def __init__(
        self,
        source: str,
        line: int | None,
        field: str,
        message: str,
        column: int | None = None,
        problems: Iterable[tuple[str, str]] = (),
        locations: Iterable[tuple[int, int | None] | None] = (),
    ) -> None:
        super().__init__(source, line, field, message)
        self.column = column
        self.problems = tuple(problems) or ((field, message),)
        found = tuple(locations) or ((line, column) if line is not None else None,)
        self.locations = found + (None,) * (len(self.problems) - len(found))
        self.lines = tuple(at[0] if at else None for at in self.locations)
        lines = [f"{source}: {len(self.problems)} problem(s)"]
        for (path, text), where in zip(self.problems, self.locations, strict=False):
            at = f" (line {where[0]}" + (f", column {where[1]}" if where[1] is not None else "") + ")" if where else ""
            lines.append(f"  {field_label(path)}{at}: {text}")
        self.args = ("\n".join(lines),)

    def __reduce__(self) -> tuple[type[CaseFileError], tuple[object, ...]]:
        args = (self.source, self.line, self.field, self.message, self.column, self.problems, self.locations)
        return (type(self), args)


class RenewalRuleError(ProgramFileError):
    """A renewal rule file (or mapping) could not be read, or no record could ever meet it.

    Same shape as :class:`ProgramFileError`: ``source`` and every ``(path, message)``.

    >>> from ceurules import RenewalRuleError, load_renewal_rule
    >>> try:
    ...     load_renewal_rule({"name": "x"}, name="inline")
    ... except RenewalRuleError as err:
    ...     print(str(err).splitlines()[0])
    inline: 4 problem(s)
    """


class RecordFileError(ProgramFileError):
    """An educator's record (TOML, JSON or CSV) could not be read.

    Same shape as :class:`ProgramFileError`; a CSV problem's path names the line
    (``line 4.unit``).

    >>> from ceurules import RecordFileError, load_record
    >>> try:
    ...     load_record({"educator": "Dana"}, name="inline")
    ... except RecordFileError as err:
    ...     print(str(err).splitlines()[0])
    inline: 1 problem(s)
    """
