"""Result types checked against their own annotations: one validator for every field of a result.

The library builds its answers (:class:`~ceurules.FileReport`, :class:`~ceurules.CreditStatus`,
...) with the right types; an application that builds one itself (a test double, a stored
answer read back) gets :class:`~ceurules.InvalidInputError` naming the field and the value
when a field holds the wrong kind of value, not an ``AttributeError`` much later.

``@attrs.frozen(field_transformer=typed_fields)`` adds the check to every field that ``__init__``
takes. The annotations are read on the first construction (they may name classes defined after
the class), then kept. A date is not a datetime, a number is not a bool; items of tuples, lists
and mappings are checked one by one.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from .errors import InvalidInputError

__all__ = ["typed_fields"]

_HINTS: dict[type, dict[str, Any]] = {}


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: each ``__init__`` field also checked against its annotation."""
    checked = []
    for field in fields:
        if field.init:
            check = _Check(cls, field.name)
            field = field.evolve(validator=attrs.validators.and_(field.validator, check) if field.validator else check)
        checked.append(field)
    return checked


class _Check:
    """The validator of one field: its value matches the field's annotation."""

    def __init__(self, cls: type, name: str) -> None:
        self.cls, self.name = cls, name

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        hints = _HINTS.get(self.cls)
        if hints is None:
            hints = _HINTS[self.cls] = typing.get_type_hints(self.cls)
        hint = hints.get(self.name, Any)
        if not _matches(value, hint):
            raise InvalidInputError(attribute.alias or attribute.name, value, f"a value of type {_describe(hint)}")


def _matches(value: object, hint: Any) -> bool:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any or hint is object:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    if origin is tuple:
        return isinstance(value, tuple) and _items_match(value, args)
    if origin is list:
        return isinstance(value, list) and all(_matches(item, args[0]) for item in value)
    if origin in (dict, Mapping):
        return isinstance(value, Mapping) and all(
            _matches(k, args[0]) and _matches(v, args[1]) for k, v in value.items()
        )
    if origin is not None:  # another generic (an iterable, a callable): its container only
        return isinstance(origin, type) and isinstance(value, origin)
    if hint is type(None):
        return value is None
    if not isinstance(hint, type):  # a type variable, a forward reference left unresolved
        return True
    if hint is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if hint in (int, float):
        return isinstance(value, hint) and not isinstance(value, bool)
    return isinstance(value, hint)


def _items_match(value: tuple[object, ...], args: tuple[Any, ...]) -> bool:
    if len(args) == 2 and args[1] is Ellipsis:
        return all(_matches(item, args[0]) for item in value)
    return len(value) == len(args) and all(_matches(item, arg) for item, arg in zip(value, args, strict=True))


def _describe(hint: Any) -> str:
    """The annotation as a reader would write it: ``tuple[Decision, ...] | None``."""
    text = hint.__name__ if isinstance(hint, type) and not typing.get_args(hint) else str(hint)
    text = re.sub(r"\b(?:[a-z_][\w]*\.)+([A-Za-z_]\w*)", r"\1", text)
    return text.replace("NoneType", "None").replace("typing.", "")
