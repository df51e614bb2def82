"""Result types checked against their own annotations: one validator for every field of a result.

The library builds its answers (:class:`~ceurules.FileReport`, :class:`~ceurules.CreditStatus`,
...) with the right types; an application that builds one itself (a test double, a stored
answer read back) gets :class:`~ceurules.InvalidInputError` naming the field and the value
when a field holds the wrong kind of value, not an ``AttributeError`` much later.

``@attrs.frozen(field_transformer=typed_fields)`` adds the check to every field that ``__init__``
takes. The annotations are read on the first construction (they may name classes defined after
the class), then kept. A date is not a datetime, a number is not a bool; items of tuples, lists
and mappings are checked one by one.

Where the cost shows (renewal progress), the library builds its own answers from values it has
just computed through :func:`library_built`: the same fields and defaults, without checking them
again; the test suite checks those answers against the annotations instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from .errors import InvalidInputError

__all__ = ["exact_zip", "library_built", "typed_fields"]

_HINTS: dict[type, dict[str, Any]] = {}
_BUILDERS: dict[tuple[type, tuple[str, ...]], Callable[..., Any]] = {}

_T = TypeVar("_T")
_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")

#: A compiled annotation: whether a value matches it.
_Match = Callable[[object], bool]


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: each ``__init__`` field also checked against its annotation."""
    checked = []
    for field in fields:
        if field.init:
            check = _Check(cls, field.name)
            field = field.evolve(validator=attrs.validators.and_(field.validator, check) if field.validator else check)
        checked.append(field)
    return checked


def library_built(cls: type[_T], *, converted: tuple[str, ...] = ()) -> Callable[..., _T]:
    """The constructor of ``cls`` for an answer the library computed: the fields of ``__init__``, by
    keyword, with its defaults, set without the field checks.

    Only for classes without ``__attrs_post_init__`` and without converters (what is set is what is
    given), except on the fields named in ``converted``: the caller gives those as their converter would
    make them (a timeline's events sorted, in a tuple).
    """
    build = _BUILDERS.get((cls, converted))
    if build is None:
        build = _BUILDERS[cls, converted] = _builder(cls, converted)
    return build


def _builder(cls: type[_T], converted: tuple[str, ...]) -> Callable[..., _T]:
    fields = attrs.fields(typing.cast(Any, cls))
    if hasattr(cls, "__attrs_post_init__") or any(f.converter is not None and f.name not in converted for f in fields):
        raise TypeError(f"{cls.__name__} converts its fields: build it with its own __init__")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, "set": object.__setattr__}
    params, lines = [], ["    self = new(cls)"]
    for i, f in enumerate(fields):
        default = f.default
        if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{f.name}: a default made from the instance")
        if f.init:
            name = f.alias or f.name
            value = f"{name}"
            if default is attrs.NOTHING:
                params.append(name)
            elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                namespace[f"factory{i}"] = default.factory
                params.append(f"{name}=nothing")
                value = f"factory{i}() if {name} is nothing else {name}"
            else:
                namespace[f"default{i}"] = default
                params.append(f"{name}=default{i}")
        elif default is attrs.NOTHING:  # left unset, as attrs leaves it
            continue
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            namespace[f"factory{i}"] = default.factory
            value = f"factory{i}()"
        else:
            namespace[f"default{i}"] = default
            value = f"default{i}"
        lines.append(f"    set(self, {f.name!r}, {value})")
    namespace["nothing"] = attrs.NOTHING
    source = f"def build(*, {', '.join(params)}):\n" + "\n".join([*lines, "    return self"])
    exec(compile(source, f"<library_built {cls.__qualname__}>", "exec"), namespace)
    return typing.cast(Callable[..., _T], namespace["build"])


class _Check:
    """The validator of one field: its value matches the field's annotation (compiled on first use)."""

    def __init__(self, cls: type, name: str) -> None:
        self.cls, self.name = cls, name
        self.hint: Any = None
        self.match: _Match | None = None

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        match = self.match
        if match is None:
            hints = _HINTS.get(self.cls)
            if hints is None:
                hints = _HINTS[self.cls] = typing.get_type_hints(self.cls)
            self.hint = hints.get(self.name, Any)
            match = self.match = _compile(self.hint)
        if not match(value):
            raise InvalidInputError(attribute.alias or attribute.name, value, f"a value of type {_describe(self.hint)}")


def _anything(value: object) -> bool:
    return True


def _compile(hint: Any) -> _Match:
    """The annotation read once into a function of the value: a date is not a datetime, a number not a bool."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any or hint is object or (origin is None and not isinstance(hint, type)):
        return _anything  # also a type variable, a forward reference left unresolved
    if origin in (typing.Union, types.UnionType):
        return _any_of(tuple(_compile(arg) for arg in args))
    if origin is typing.Literal:
        return lambda value: value in args
    if origin is tuple:
        return _tuple_of(args)
    if origin is list:
        return _items_of(list, args[0])
    if origin in (dict, Mapping):
        return _mapping_of(_compile(args[0]), _compile(args[1]))
    if origin is not None:  # another generic (an iterable, a callable): its container only
        container = origin if isinstance(origin, type) else None
        return lambda value: container is not None and isinstance(value, container)
    return _plain(hint)


def _plain_class(hint: Any) -> type | None:
    """The class when ``isinstance`` alone decides the annotation (not a date, an int or a float, nor a generic)."""
    special = (Any, object, dt.date, int, float)
    plain = isinstance(hint, type) and typing.get_origin(hint) is None and hint not in special
    return hint if plain else None


def _plain(hint: type) -> _Match:
    if hint is type(None):
        return lambda value: value is None
    if hint is dt.date:
        return lambda value: isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if hint in (int, float):
        return lambda value: isinstance(value, hint) and not isinstance(value, bool)
    return lambda value: isinstance(value, hint)


def _any_of(matches: tuple[_Match, ...]) -> _Match:
    return lambda value: any(match(value) for match in matches)


def _tuple_of(args: tuple[Any, ...]) -> _Match:
    if len(args) == 2 and args[1] is Ellipsis:
        return _items_of(tuple, args[0])
    plain = tuple(_plain_class(arg) for arg in args)
    if None not in plain:
        classes = typing.cast(tuple[type, ...], plain)
        return lambda value: (
            isinstance(value, tuple) and len(value) == len(classes) and all(map(isinstance, value, classes))
        )
    matches = tuple(_compile(arg) for arg in args)
    return lambda value: (
        isinstance(value, tuple)
        and len(value) == len(matches)
        and all(match(item) for match, item in zip(matches, value, strict=True))
    )


def _items_of(container: type, hint: Any) -> _Match:
    item, cls = _compile(hint), _plain_class(hint)
    if item is _anything:
        return lambda value: isinstance(value, container)
    if cls is not None:
        return lambda value: isinstance(value, container) and all(map(isinstance, value, itertools.repeat(cls)))  # type: ignore[call-overload]
    return lambda value: isinstance(value, container) and all(map(item, value))  # type: ignore[call-overload]


def _mapping_of(key: _Match, item: _Match) -> _Match:
    return lambda value: isinstance(value, Mapping) and all(key(k) and item(v) for k, v in value.items())


def _describe(hint: Any) -> str:
    """The annotation as a reader would write it: ``tuple[Decision, ...] | None``."""
    text = hint.__name__ if isinstance(hint, type) and not typing.get_args(hint) else str(hint)
    text = re.sub(r"\b(?:[a-z_][\w]*\.)+([A-Za-z_]\w*)", r"\1", text)
    return text.replace("NoneType", "None").replace("typing.", "")


@typing.overload
def exact_zip(a: Iterable[_A], b: Iterable[_B], /) -> Iterator[tuple[_A, _B]]: ...
@typing.overload
def exact_zip(a: Iterable[_A], b: Iterable[_B], c: Iterable[_C], /) -> Iterator[tuple[_A, _B, _C]]: ...
def exact_zip(*items: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """``zip(..., strict=True)`` of sequences the library built to one length (one item per requirement of a
    way, say): a difference is a bug of the library, never a shorter answer."""
    return zip(*items, strict=True)
