"""Policy files: a whole :class:`~ceurules.Policy` as a TOML document.

A policy file holds every parameter of the policy, the source of each value,
and the values that change on a date (D13). The source policy ships as the
bundled file ``source``; :data:`~ceurules.DEFAULT_POLICY` is read from it.

    >>> from ceurules import load_policy
    >>> policy = load_policy('''
    ... format = 1
    ... name = "Neighbouring agency"
    ... [parameters.lead_time_days]
    ... value = 21
    ... ''')
    >>> policy.name, policy.lead_time_days
    ('Neighbouring agency', 21)
    >>> load_policy(policy.to_toml()) == policy
    True

A parameter the file leaves out keeps the source policy's value.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from os import PathLike
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from ._convert import convert, decimal_text, pattern, to_date
from ._files import file_text, parse_toml, path_name, read_file
from ._policy_snapshot import parsed_policy, snapshot_fingerprint
from .business_days import BusinessCalendar
from .clauses import CLAUSES, DEFAULTS, check_template
from .errors import CeuRulesError, InvalidInputError, PolicyFileError, as_written, misspelling_of
from .policy import DATED_PARAMETERS, Change, CreditingRule, Policy, Rounding, SegmentKind, Source, Term

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["FORMAT", "bundled_policies", "dump_policy", "load_policy", "policy_file_schema"]

#: Version of the policy-file format, written as ``format = 1`` at the top of every file.
FORMAT = 1

_BUNDLED = os.path.join(os.path.dirname(__file__), "policies")
_NAME = r"[a-z0-9][a-z0-9_-]*"

# -- writing ------------------------------------------------------------------------------


def _window(value: relativedelta) -> dict[str, int]:
    parts = {"years": value.years, "months": value.months, "days": value.days}
    return {k: v for k, v in parts.items() if v} or {"days": 0}


def _calendar(value: BusinessCalendar) -> dict[str, Any]:
    table: dict[str, Any] = {"country": value.country, "subdivision": value.subdivision or ""}
    table |= {
        "categories": sorted(value.categories),
        "observed": value.observed,
        "extra_closures": sorted(value.extra_closures),
        "removed_holidays": sorted(value.removed_holidays),
        "weekend": sorted(value.weekend),
    }
    return table


def _rule(value: CreditingRule) -> dict[str, Any]:
    terms = [{"name": t.name, "months": list(t.months), "issued_month": t.issued_month} for t in value.terms]
    start = {"effective": value.effective} if value.effective is not None else {}  # none: no known start
    return {"clause": value.clause, **start, "school_year_start": value.school_year_start, "terms": terms}


def _plain(value: Any) -> Any:
    """A policy value in the types TOML has."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, Rounding):
        return value.name.lower()
    if isinstance(value, relativedelta):
        return _window(value)
    if isinstance(value, BusinessCalendar):
        return _calendar(value)
    if isinstance(value, frozenset):
        return sorted(k.value for k in value)
    if isinstance(value, tuple):
        return [_rule(r) for r in value]
    return value


def _toml(value: Any, *, top: bool = True) -> str:
    """One TOML value, inline (a top-level array of tables: one table per line)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, str):
        # JSON's escapes are TOML basic-string escapes; TOML also wants DEL escaped.
        import json  # deferred: reading a policy needs no JSON

        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v, top=False)}" for k, v in value.items()) + " }" if value else "{}"
    items = [_toml(v, top=False) for v in value]
    if top and any(isinstance(v, dict) for v in value):
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
    return "[" + ", ".join(items) + "]"


def _source_table(source: Source) -> dict[str, Any]:
    table: dict[str, Any] = {"document": source.document}
    if source.section is not None:
        table["section"] = source.section
    if source.retrieved is not None:
        table["retrieved"] = source.retrieved
    if source.url is not None:
        table["url"] = source.url
    return table


def _version(change: Change) -> dict[str, Any]:
    table = {"from": change.effective, "value": _plain(change.value)}
    if change.source is not None:
        table["source"] = _source_table(change.source)
    return table


def dump_policy(policy: Policy) -> str:
    """The canonical policy file of ``policy`` (see :meth:`Policy.to_toml`)."""
    lines = ["# A ceurules policy file: see docs/policy.md.", f"format = {FORMAT}", f"name = {_toml(policy.name)}"]
    for name in _parameter_names():
        lines += ["", f"[parameters.{name}]", f"value = {_toml(_plain(getattr(policy, name)))}"]
        source = policy.source_of(name)
        if source is not None:
            lines.append(f"source = {_toml(_source_table(source))}")
        versions = [_version(c) for c in policy.changes if c.parameter == name]
        if versions:
            lines.append(f"versions = {_toml(versions)}")
    texts = dict(policy.texts)
    for table, keys in (("clauses", CLAUSES), ("defaults", DEFAULTS)):
        lines += ["", f"[{table}]", *(f"{_toml(key)} = {_toml(texts[key])}" for key in keys)]
    return "\n".join(lines) + "\n"


def _parameter_names() -> list[str]:
    return [a.name for a in attrs.fields(Policy) if a.init and a.name not in ("name", "changes", "sources", "texts")]


# -- reading ------------------------------------------------------------------------------


class _Problem(Exception):
    """Mistakes of a policy file, ``(path, message)`` each: the first is ``path`` and ``message``."""

    def __init__(self, path: str, message: str, *more: tuple[str, str]) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.found = ((path, message), *more)


class _Noted:
    """The mistakes noted while reading a policy file, so reading goes on with the next key."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    @contextlib.contextmanager
    def each(self) -> Iterator[None]:
        try:
            yield
        except _Problem as problem:
            self.found.extend(problem.found)


def _known(value: object, path: str, keys: Mapping[str, bool], noted: _Noted) -> dict[str, Any]:
    """The ``keys`` of a TOML table (``True``: required); every unknown or missing key is noted."""
    if not isinstance(value, dict):
        raise _Problem(path, f"expected a table, got {value!r}")
    for key in value:
        if key not in keys:
            where = f"{path}.{key}" if path else key
            near = misspelling_of(key, keys)
            noted.found.append((where, f"unknown key {key!r}{near}; expected one of {', '.join(sorted(keys))}"))
    for key, required in keys.items():
        if required and key not in value:
            noted.found.append((path, f"missing key {key!r}"))
    return {key: item for key, item in value.items() if key in keys}


def _table(value: object, path: str, keys: Mapping[str, bool]) -> dict[str, Any]:
    """A TOML table with only the ``keys`` given (``True``: required); else every key at fault is said."""
    noted = _Noted()
    table = _known(value, path, keys, noted)
    if noted.found:
        raise _Problem(*noted.found[0], *noted.found[1:])
    return table


def _read_window(raw: object, path: str) -> object:
    if isinstance(raw, dict):
        parts = _table(raw, path, {"years": False, "months": False, "days": False})
        for key, number in parts.items():
            if isinstance(number, bool) or not isinstance(number, int):
                raise _Problem(f"{path}.{key}", f"expected a whole number, got {_shown(number)}")
        return relativedelta(**parts)
    if isinstance(raw, bool) or not isinstance(raw, int):
        expected = "a window such as { days = 30 } or { months = 1 } (years, months, days), or a whole number of days"
        raise _Problem(path, f"expected {expected}, got {_shown(raw)}")
    return raw  # a whole number of days; the policy checks it


def _read_rounding(raw: object, path: str) -> object:
    names = {r.name.lower(): r for r in Rounding}
    if not isinstance(raw, str) or raw.lower() not in names:
        raise _Problem(path, f"expected one of {', '.join(sorted(names))}, got {_shown(raw)}")
    return names[raw.lower()]


def _read_calendar(raw: object, path: str) -> object:
    keys = {a.name: False for a in attrs.fields(BusinessCalendar) if a.init}
    table = dict(_table(raw, path, keys))
    # taken as written: a subdivision applies only when given ("" is the whole country too: TOML has no null),
    # never the source's Mississippi; for a country other than the United States this is also what
    # BusinessCalendar itself does (default_subdivision), and { country = "US" } is the whole country here
    table["subdivision"] = table.get("subdivision") or None
    calendar = _made(BusinessCalendar, table, path)
    if calendar != BusinessCalendar():  # a calendar the holidays package lacks is refused now, not later
        calendar.is_business_day(dt.date(2000, 1, 3))
    return calendar


def _read_rules(raw: object, path: str) -> object:
    if not isinstance(raw, list):
        raise _Problem(path, f"expected a list of crediting rules, got {raw!r}")
    rules = []
    for i, item in enumerate(raw):
        rule_keys = {"clause": True, "effective": False, "school_year_start": False, "terms": True}
        table = dict(_table(item, f"{path}[{i}]", rule_keys))
        terms = table.pop("terms")
        terms = terms if isinstance(terms, list) else [terms]
        keys = {"name": True, "months": True, "issued_month": True}
        at = [f"{path}[{i}].terms[{j}]" for j in range(len(terms))]
        made = [_made(Term, _table(t, at[j], keys), at[j]) for j, t in enumerate(terms)]
        rules.append(_made(CreditingRule, {"effective": None, **table, "terms": made}, f"{path}[{i}]"))
    return tuple(rules)


T = TypeVar("T")


def _made(kind: Callable[..., T], table: Mapping[str, Any], path: str) -> T:
    """``kind(**table)``, a refused value named at its own key below ``path`` (``...value.weekend``)."""
    try:
        return kind(**table)
    except InvalidInputError as exc:
        raise _Problem(f"{path}.{exc.field}", f"expected {exc.expected}, got {_shown(exc.value)}") from None


_READERS: dict[str, Callable[[object, str], object]] = {
    "application_window": _read_window,
    "semi_osl_delay": _read_window,
    "ceu_rounding": _read_rounding,
    "calendar": _read_calendar,
    "crediting_rules": _read_rules,
}


def _as_is(raw: object, path: str) -> object:
    return raw


_SOURCE_KEYS = {"document": True, "section": False, "retrieved": False, "url": False}


def _read_value(name: str, raw: object, path: str) -> object:
    try:
        value = _READERS.get(name, _as_is)(raw, path)
        if name == "name" and not isinstance(value, str):
            raise InvalidInputError(name, value, "text")
        return convert(_FIELDS[name], value)  # the policy's own checks
    except InvalidInputError as exc:
        written = _toml(_window(exc.value)) if isinstance(exc.value, relativedelta) else _shown(exc.value)
        raise _Problem(path, f"expected {exc.expected}, got {written}") from None  # a window as the file writes it
    except CeuRulesError as exc:
        raise _Problem(path, str(exc)) from None


def read_parameter(name: str, raw: object) -> object:
    """One parameter's value written as a policy file writes it (``{ days = 30 }``, ``"0.1"``), read and
    checked as :func:`load_policy` reads it; an unknown parameter or a bad value raises
    :class:`~ceurules.PolicyFileError` naming the parameter. Case files' ``[case.policy]`` use it."""
    if name not in _parameter_names():
        raise PolicyFileError("<value>", None, name, f"unknown parameter; expected one of {_parameter_names()}")
    try:
        return _read_value(name, raw, name)
    except _Problem as problem:
        raise PolicyFileError("<value>", None, problem.path, problem.message) from None


def _shown(raw: object) -> str:
    return as_written(raw)


def _read_source(raw: object, path: str) -> Source:
    try:
        return Source(**_table(raw, path, _SOURCE_KEYS))
    except InvalidInputError as exc:
        raise _Problem(f"{path}.{exc.field}", f"expected {exc.expected}, got {_shown(exc.value)}") from None


def _read_parameter(
    name: str, raw: object, fields: dict[str, object], changes: list[Change], sources: dict[str, Source]
) -> None:
    path = f"parameters.{name}"
    noted = _Noted()
    table = _known(raw, path, {"value": False, "source": False, "versions": False}, noted)
    with noted.each():
        if "value" in table:
            fields[name] = _read_value(name, table["value"], f"{path}.value")
    with noted.each():
        if "source" in table:
            sources[name] = _read_source(table["source"], f"{path}.source")
    with noted.each():
        _read_versions(name, table, changes)
    if noted.found:
        raise _Problem(*noted.found[0], *noted.found[1:])


def _read_versions(name: str, table: dict[str, Any], changes: list[Change]) -> None:
    path = f"parameters.{name}"
    versions = table.get("versions", [])
    if versions and name not in DATED_PARAMETERS:
        raise _Problem(f"{path}.versions", f"{name} cannot change on a date")
    if not isinstance(versions, list):
        raise _Problem(f"{path}.versions", f"expected a list of {{from = <date>, value = ...}}, got {versions!r}")
    noted = _Noted()
    for i, item in enumerate(versions):
        with noted.each():  # every version's mistakes, each of its keys read
            _read_version(name, item, f"{path}.versions[{i}]", changes)
    if noted.found:
        raise _Problem(*noted.found[0], *noted.found[1:])


def _read_version(name: str, item: object, vpath: str, changes: list[Change]) -> None:
    noted, read = _Noted(), dict[str, Any]()
    version = _known(item, vpath, {"from": True, "value": True, "source": False}, noted)
    with noted.each():
        try:  # a TOML date or an ISO date text, as every other date of a policy file
            read["effective"] = to_date(version["from"], "from") if "from" in version else None
        except InvalidInputError as err:
            raise _Problem(f"{vpath}.from", str(err).removeprefix("from: ")) from None
    with noted.each():
        read["value"] = _read_value(name, version["value"], f"{vpath}.value") if "value" in version else None
    with noted.each():
        read["source"] = _read_source(version["source"], f"{vpath}.source") if "source" in version else None
    if noted.found:
        raise _Problem(*noted.found[0], *noted.found[1:])
    changes.append(Change(parameter=name, **read))


def _read_texts(top: dict[str, Any], noted: _Noted) -> dict[str, str]:
    """The wording of the ``[clauses]`` and ``[defaults]`` tables, each template checked (each mistake noted)."""
    texts: dict[str, str] = {}
    for table, keys in (("clauses", CLAUSES), ("defaults", DEFAULTS)):
        with noted.each():
            for key, template in _known(top.get(table, {}), table, dict.fromkeys(keys, False), noted).items():
                try:
                    texts[key] = check_template(key, template)
                except InvalidInputError as exc:
                    noted.found.append((f"{table}.{key}", f"expected {exc.expected}, got {_shown(exc.value)}"))
    return texts


def _policy_from(data: dict[str, Any]) -> Policy:
    """The policy of a policy file's table; every mistake of the file is said at once (the checks across
    parameters, such as the processing days' order, once each parameter reads well)."""
    noted = _Noted()
    keys = {"format": True, "name": False, "parameters": False, "clauses": False, "defaults": False}
    top = _known(data, "", keys, noted)
    if "format" in top and top["format"] != FORMAT:
        noted.found.append(("format", f"expected format = {FORMAT}, got {top['format']!r}"))
    fields: dict[str, object] = {}
    changes: list[Change] = []
    sources: dict[str, Source] = {}
    with noted.each():
        if "name" in top:
            fields["name"] = _read_value("name", top["name"], "name")
    with noted.each():
        for name, raw in _known(top.get("parameters", {}), "parameters", _PARAMETER_KEYS, noted).items():
            with noted.each():
                _read_parameter(name, raw, fields, changes, sources)
    texts = _read_texts(top, noted)
    if noted.found:
        raise _Problem(*noted.found[0], *noted.found[1:])
    try:
        return Policy(**fields, changes=changes, sources=sources, texts=texts)  # type: ignore[arg-type]
    except InvalidInputError as exc:
        raise _Problem(_file_path(exc.field), f"expected {exc.expected}, got {_shown(exc.value)}") from None


def _file_path(field: str) -> str:
    """Where in the file a policy field's problem sits (``changes[i]...`` names a version)."""
    version = re.search(r"\((\w+) from", field)
    if version:
        return f"parameters.{version.group(1)}.versions"
    return f"parameters.{field.split('.')[0].split('[')[0]}"


_FIELDS = attrs.fields_dict(Policy)
_PARAMETER_KEYS = dict.fromkeys(_parameter_names(), False)


def _is_text(source: str) -> bool:
    """Whether ``source`` is policy-file text: it holds a line break, or an ``=`` and is no existing file's
    name (``my=policy.toml``)."""
    return "\n" in source or ("=" in source and not _exists(source))


def _exists(name: str) -> bool:
    """Whether a file of this name exists; a name no file can have (too long, NUL) does not."""
    try:
        return os.path.exists(name)
    except (OSError, ValueError):  # UnicodeError is a ValueError: a lone surrogate
        return False


def bundled_policies() -> list[str]:
    """The names of the policy files shipped with ceurules (``source`` is the default policy)."""
    return sorted(name.removesuffix(".toml") for name in os.listdir(_BUNDLED) if name.endswith(".toml"))


def load_policy(source: str | Path) -> Policy:
    """A policy from a policy file: a path, the file's text, or the name of a bundled policy.

    Text is recognised by a newline or an ``=``; a bare name such as
    ``"source"`` is a bundled policy (see :func:`bundled_policies`). A file
    that cannot be read as a policy raises :class:`~ceurules.PolicyFileError`
    naming the file, the line and the field.

    >>> from ceurules import load_policy
    >>> load_policy("iacet").name
    'IACET continuing education unit'
    """
    if isinstance(source, str) and _is_text(source):
        return _parse(source, "<text>")
    if isinstance(source, str) and pattern(_NAME).fullmatch(source) and not _exists(source):
        path = _bundled_path(source)
        if not _exists(path):
            names = bundled_policies()
            near, bundled = misspelling_of(source, names), ", ".join(names)
            raise PolicyFileError(source, None, "", f"no such file or bundled policy{near}; bundled: {bundled}")
        with open(path, encoding="utf-8") as file:
            text = file.read()
        parsed = parsed_policy(source, text)
        policy = _parse(text, f"bundled:{source}", parsed)
        if parsed is not None:  # the file the snapshot was taken from: its policy's fingerprint was taken too
            policy._cache.setdefault("fingerprint", snapshot_fingerprint(source))
        return policy
    if not isinstance(source, str | PathLike):
        raise InvalidInputError("source", source, "a path, policy-file text or a bundled policy name")
    return _load_file(source)


def _bundled_path(name: str) -> str:
    return os.path.join(_BUNDLED, f"{name}.toml")


def _load_file(source: str | PathLike[str]) -> Policy:
    name = path_name(source, error=PolicyFileError, what="a policy file or a bundled policy")
    return _parse(read_file(source, name, error=PolicyFileError), name)


def policy_named(source: str | PathLike[str]) -> Policy | None:
    """The policy a ``policy=`` string or path names, or ``None`` when it names no file or bundled policy.

    Policy-file text and existing files are read by :func:`load_policy` (a broken
    file raises its :class:`~ceurules.PolicyFileError`); bundled policies are read once.
    """
    if _exists(str(source)):
        return _load_file(source)
    if isinstance(source, str) and _is_text(source):
        return load_policy(source)
    if isinstance(source, str) and pattern(_NAME).fullmatch(source) and _exists(_bundled_path(source)):
        return _bundled(source)
    return None


@functools.cache
def _bundled(name: str) -> Policy:
    return load_policy(name)


def _parse(text: str, name: str, parsed: dict[str, Any] | None = None) -> Policy:
    """The policy of a policy file's ``text``; ``parsed``: its table, if parsed beforehand (a bundled file)."""
    text = file_text(text, name, error=PolicyFileError)
    data = _read_toml(text, name) if parsed is None else parsed
    try:
        return _policy_from(data)
    except _Problem as problem:  # every mistake, in the order the file writes them
        found = sorted(dict.fromkeys(problem.found), key=lambda p: line_of(text, p[0]) or 0)
        lines = [line_of(text, path) for path, _ in found]
        raise PolicyFileError(name, lines[0], *found[0], problems=found, lines=lines) from None


def _read_toml(text: str, name: str) -> dict[str, Any]:
    hint = " (policy files are TOML; JSON is not read)" if text.lstrip().startswith("{") else ""
    return parse_toml(text, name, error=PolicyFileError, hint=hint)


# -- finding lines ------------------------------------------------------------------------

# Patterns as text: ``re`` compiles them on the first error report, not on import.
_HEADER = r"\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$"
_ASSIGN = r"\s*([A-Za-z0-9_\-.\"' ]+?)\s*="


def _keys(dotted: str) -> list[str]:
    return [k.strip().strip("\"'") for k in dotted.split(".")]


def _paths(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each line that opens a table or assigns a key, with the key's full path."""
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(_HEADER, line)
        if header:
            table = _keys(header.group(1))
            yield number, table
            continue
        assign = re.match(_ASSIGN, line)
        if assign:
            yield number, table + _keys(assign.group(1))


def line_of(text: str, path: str) -> int | None:
    """The line of the table header or key assignment that best matches a field path.

    A small scan, not a TOML parser: it follows ``[table]`` headers and
    ``key =`` lines at the start of a line, so a key inside an inline table or
    a multi-line array is reported at the line of the key that holds it, and
    list positions (``versions[1]``) are not told apart.
    """
    target = [k for k in re.sub(r"\[\d+\]", "", path).split(".") if k]
    best, best_len = None, 0
    for number, keys in _paths(text):
        common = 0
        while common < min(len(keys), len(target)) and keys[common] == target[common]:
            common += 1
        if common > best_len and common == len(keys):
            best, best_len = number, common
    return best


# -- schema -------------------------------------------------------------------------------


def policy_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of policy files, as read from TOML (dates as ISO text)."""
    date = {"type": "string", "format": "date"}
    count = {"type": "integer", "minimum": 0}
    decimal_text = {"type": "string", "pattern": r"^\d+(\.\d+)?$"}
    decimal = {"oneOf": [decimal_text, {"type": "integer", "minimum": 0}]}
    window = {
        "oneOf": [
            count,
            {
                "type": "object",
                "additionalProperties": False,
                "properties": dict.fromkeys(["years", "months", "days"], count),
            },
        ]
    }
    strings = {"type": "array", "items": {"type": "string"}}
    dates = {"type": "array", "items": date}
    month = {"type": "integer", "minimum": 1, "maximum": 12}
    term = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "months", "issued_month"],
        "properties": {"name": {"type": "string"}, "months": {"type": "array", "items": month}, "issued_month": month},
    }
    values: dict[str, Any] = {
        "contact_hours_per_ceu": decimal,
        "minutes_per_contact_hour": {"type": "integer", "minimum": 1},
        "contact_kinds": {"type": "array", "items": {"enum": [k.value for k in SegmentKind]}},
        "ceu_increment": decimal,
        "ceu_rounding": {"enum": [r.name.lower() for r in Rounding]},
        "minimum_contact_hours": decimal,
        "first_award": decimal,
        "sum_segments": {"type": "boolean"},
        "unit_name": {"type": "string", "minLength": 1},
        "unit_abbreviation": {"type": "string", "minLength": 1},
        "lead_time_days": count,
        "review_business_days": count,
        "application_window": window,
        "processing_earliest_business_days": count,
        "processing_latest_business_days": count,
        "semi_osl_delay": window,
        "registration_history_from": date,
        "packet_credit_business_days": count,
        "crediting_rules": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["clause", "terms"],
                "properties": {
                    "clause": {"type": "string"},
                    "effective": date,
                    "school_year_start": month,
                    "terms": {"type": "array", "items": term},
                },
            },
        },
        "calendar": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "country": {"type": "string"},
                "subdivision": {"type": "string"},
                "categories": strings,
                "observed": {"type": "boolean"},
                "extra_closures": dates,
                "removed_holidays": dates,
                "weekend": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 6}},
            },
        },
    }
    source = {
        "type": "object",
        "additionalProperties": False,
        "required": ["document"],
        "properties": {
            "document": {"type": "string"},
            "section": {"type": "string"},
            "retrieved": date,
            "url": {"type": "string", "pattern": "^https?://"},
        },
    }

    def parameter(name: str, value: Any) -> dict[str, Any]:
        props: dict[str, Any] = {"value": value, "source": source}
        if name in DATED_PARAMETERS:
            version = {
                "type": "object",
                "additionalProperties": False,
                "required": ["from", "value"],
                "properties": {"from": date, "value": value, "source": source},
            }
            props["versions"] = {"type": "array", "items": version}
        return {"type": "object", "additionalProperties": False, "properties": props}

    def wording(keys: Iterable[str]) -> dict[str, Any]:
        text = {"type": "string", "minLength": 1, "description": "a template over the values it reads"}
        return {"type": "object", "additionalProperties": False, "properties": dict.fromkeys(keys, text)}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ceurules policy file",
        "description": "The structure of a policy file, which is written in TOML (JSON policy files are not read); "
        "dates are TOML dates or ISO date text such as 2027-08-01.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format"],
        "properties": {
            "format": {"const": FORMAT},
            "name": {"type": "string"},
            "parameters": {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: parameter(name, values[name]) for name in _parameter_names()},
            },
            "clauses": wording(CLAUSES),
            "defaults": wording(DEFAULTS),
        },
    }
