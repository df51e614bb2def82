"""Turn the library's values into JSON-ready data (dates as ISO text, decimals as text)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

JSON = Any


_AS_IS = frozenset({type(None), bool, int, float, str})


def plain(value: object) -> JSON:
    """``value`` with dates, decimals, enums and containers made JSON-ready."""
    # The common cases first, by exact type: JSON output of many files runs through here.
    if type(value) in _AS_IS:
        return value
    if isinstance(value, dict):  # a plain value or a date inside is converted without a call
        return {
            str(k): v if type(v) in _AS_IS else v.isoformat() if type(v) is dt.date else plain(v)
            for k, v in value.items()
        }
    if type(value) is dt.date:
        return value.isoformat()
    if type(value) is list or type(value) is tuple:
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, bool | int | str):  # subclasses of the plain types
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        items = [plain(v) for v in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return str(value)


class _Converted(dict[object, JSON]):
    """What the encoder writes for a value JSON has no type for (``converted[value]``): as :func:`plain` does.

    Dates are most of them, and the reports of one run repeat the same few hundred dates, so a date's ISO
    text is kept once made (up to :data:`_KEPT` of them): writing a date costs a look-up, where making the
    text costs several times that. Nothing else is kept: a decimal equals another written otherwise
    (``Decimal("1.0") == Decimal("1")``), and a date equals no other kind of value.
    """

    def __missing__(self, value: object) -> JSON:
        if type(value) is not dt.date:
            return plain(value)
        if len(self) >= _KEPT:
            self.clear()
        text = self[value] = value.isoformat()
        return text


#: How many dates' ISO text :class:`_Converted` keeps (a school year's days, several times over).
_KEPT = 4096

_converted = _Converted()


#: The two encoders of :func:`dumps`, made on first use (``json`` is not imported until something is written
#: as JSON): JSON text on one line without the check for circular references (data made of fresh dicts and
#: lists), and the same with what JSON has no type for (dates, decimals, enums, sets) converted as
#: :func:`plain` does.
_ENCODERS: list[Callable[[Any], str]] = []


def _encoders() -> list[Callable[[Any], str]]:
    if not _ENCODERS:
        import json.encoder

        _ENCODERS.append(json.JSONEncoder(check_circular=False).encode)
        _ENCODERS.append(json.JSONEncoder(check_circular=False, default=_converted.__getitem__).encode)
        _ENCODERS.append(json.encoder.encode_basestring_ascii)  # what the encoders write a string with
    return _ENCODERS


def dumps(data: object) -> str:
    """``data`` as JSON text on one line, as ``json.dumps(plain(data))`` writes it where its mappings are
    keyed by text (as a report's are).

    The encoder converts dates, decimals and enums where it meets them, so data
    need not be copied through :func:`plain` first. A mapping keyed by what
    JSON has no key for (a date), or a value that cannot be looked up (a set),
    sends the whole of ``data`` through :func:`plain`."""
    encode, encode_values, _ = _ENCODERS or _encoders()
    try:
        return encode_values(data)
    except TypeError:
        return encode(plain(data))


def string_writer() -> Callable[[str], str]:
    """The function that writes a string as JSON text, as :func:`dumps` writes it (non-ASCII characters
    escaped): ``json``'s own, in C (a writer of many strings looks it up once)."""
    return (_ENCODERS or _encoders())[2]


def object_text(data: Mapping[str, object]) -> str:
    """A mapping as JSON text, exactly as :func:`dumps` writes it.

    A report's JSON is written piece by piece (see :meth:`~ceurules.FileReport.to_json`): each finding's facts
    go through here. The kinds facts hold (text, dates, numbers, flags, lists of them) are written without a
    call to the encoder, which costs more to start than such a mapping costs to write; anything else goes
    through :func:`dumps`, and a mapping with a key that is not text through :func:`plain` first, as
    :func:`dumps` sends it.
    """
    if not data:
        return "{}"
    quote = string_writer()
    parts = []
    for key, value in data.items():
        if type(key) is not str:
            return dumps(plain(data))
        head = _KEY_TEXT.get(key)
        if head is None:
            if len(_KEY_TEXT) >= _KEPT:
                _KEY_TEXT.clear()
            head = _KEY_TEXT[key] = quote(key) + ": "
        parts.append(head + value_text(value))
    return "{" + ", ".join(parts) + "}"


#: Fact names as JSON text with the colon after them: the findings of a run use a few dozen names, again
#: and again (up to :data:`_KEPT` of them are kept).
_KEY_TEXT: dict[str, str] = {}


def value_text(value: object) -> str:
    """``value`` as JSON text, exactly as :func:`dumps` writes it (see :func:`object_text`)."""
    kind = type(value)
    if kind is str:
        return string_writer()(value)  # type: ignore[arg-type]  # (the type is known: str)
    if kind is dt.date:
        return f'"{_converted[value]}"'
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is Decimal:
        return f'"{value}"'  # (a decimal's text has no character to escape)
    if kind is list or kind is tuple:
        return "[" + ", ".join(map(value_text, value)) + "]"  # type: ignore[call-overload]
    if kind is dict:
        return object_text(value)  # type: ignore[arg-type]
    return dumps(value)
