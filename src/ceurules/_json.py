"""Turn the library's values into JSON-ready data (dates as ISO text, decimals as text)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

JSON = Any


_AS_IS = frozenset({type(None), bool, int, str})


def plain(value: object) -> JSON:
    """``value`` with dates, decimals, enums and containers made JSON-ready."""
    # The common cases first, by exact type: JSON output of many files runs through here.
    if type(value) in _AS_IS:
        return value
    if type(value) is dict:  # a plain value or a date inside is converted without a call
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
