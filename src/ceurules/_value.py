"""The base of the library's frozen values: one ``__repr__``, ``__eq__`` and ``__hash__`` for every class.

``attrs`` writes these three methods as source code for each class and compiles them
when the module is imported, every time: about two thirds of the cost of building a
class, and about 10 ms of a one-file ``ceurules check``. A value class declares
``@attrs.frozen(..., repr=False, eq=False)`` and derives from :class:`Value`, whose methods
read the class's fields instead; they answer as the compiled ones do (the same text,
the same equality, equal values hash alike), and honour each field's own ``repr``,
``eq`` and ``hash`` settings. ``tests/test_value.py`` compares them with the methods
``attrs`` writes, on every value class.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Value", "set_repr"]


#: What the three methods read for one class (built from its fields on the class's first use): the values
#: compared, the values hashed, and each shown field with how it is shown.
_Values = Callable[[Any], tuple[Any, ...]]
_Plan = tuple[_Values, _Values, tuple[tuple[str, Callable[[Any], str]], ...]]

_PLANS: dict[type, _Plan] = {}


def _getter(names: tuple[str, ...]) -> _Values:
    """A function giving the values of ``names`` of an instance, always as a tuple."""
    if len(names) == 1:
        get = operator.attrgetter(names[0])
        return lambda value: (get(value),)
    return operator.attrgetter(*names) if names else lambda value: ()


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        fields = attrs.fields(cls)
        if any(f.eq_key is not None for f in fields):
            raise TypeError(f"{cls.__name__}: a field compared by a key needs the methods attrs writes")
        compared = tuple(f.name for f in fields if f.eq)
        hashed = tuple(f.name for f in fields if f.hash or (f.hash is None and f.eq))
        shown = tuple((f.name, f.repr if callable(f.repr) else repr) for f in fields if f.repr)
        plan = _PLANS[cls] = (_getter(compared), _getter(hashed), shown)
    return plan


class Value:
    """``__repr__``, ``__eq__`` and ``__hash__`` of a frozen ``attrs`` class, shared instead of compiled per class."""

    __slots__ = ()

    def __repr__(self) -> str:
        cls = type(self)
        shown = ", ".join(f"{name}={show(getattr(self, name))}" for name, show in _plan(cls)[2])
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _plan(self.__class__)[0]
        return compared(self) == compared(other)

    def __hash__(self) -> int:
        return hash((self.__class__, *_plan(self.__class__)[1](self)))


def set_repr(value: object) -> str:
    """``repr`` of a field holding a set (or a mapping to sets), its items in order: a set's own order changes
    from run to run, and a notebook's output or a log would with it. ``attrs.field(repr=set_repr)``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {set_repr(item)}" for key, item in value.items()) + "}"
    if not isinstance(value, frozenset | set) or not value:
        return repr(value)
    try:
        items = sorted(value)
    except TypeError:  # items without an order (enum members): by their text
        items = sorted(value, key=repr)
    listed = "{" + ", ".join(map(repr, items)) + "}"
    return listed if type(value) is set else f"{type(value).__name__}({listed})"
