"""The shared ``__repr__``, ``__eq__`` and ``__hash__`` of the value classes answer as the ones ``attrs`` writes."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ceurules
from ceurules._value import Value


def _value_classes() -> list[type]:
    found = set()
    for module in pkgutil.iter_modules(ceurules.__path__):
        if module.name in ("__main__", "_holiday_snapshot", "_policy_snapshot"):
            continue
        loaded = importlib.import_module(f"ceurules.{module.name}")
        for item in vars(loaded).values():
            if isinstance(item, type) and attrs.has(item) and item.__module__.startswith("ceurules"):
                found.add(item)
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


VALUE_CLASSES = _value_classes()


def _twin(cls: type) -> type:
    """A class with the same fields, with the methods ``attrs`` writes."""
    fields = {f.name: attrs.field(eq=f.eq, hash=f.hash, repr=f.repr) for f in attrs.fields(cls)}
    return attrs.make_class(cls.__name__, fields, frozen=True)


def _made(cls: type, values: dict[str, Any]) -> Any:
    """An instance of ``cls`` holding ``values``, set without its checks (any value will do here)."""
    instance: Any = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return instance


def test_every_value_class_of_the_library_shares_the_methods_instead_of_compiling_its_own() -> None:
    assert len(VALUE_CLASSES) > 50
    for cls in VALUE_CLASSES:
        assert issubclass(cls, Value), cls
        assert cls.__eq__ is Value.__eq__, cls
        assert cls.__hash__ is Value.__hash__, cls
        if cls is not ceurules.Policy:  # a short repr of its own: the name and the fingerprint
            assert cls.__repr__ is Value.__repr__, cls


_VALUES = st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3), st.tuples(st.integers(0, 2)))


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__qualname__)
@settings(max_examples=30)
@given(data=st.data())
def test_the_shared_methods_answer_as_those_attrs_writes(cls: type, data: st.DataObject) -> None:
    names = [f.name for f in attrs.fields(cls)]
    first = {name: data.draw(_VALUES, label=name) for name in names}
    second = {name: data.draw(st.sampled_from([first[name], data.draw(_VALUES)]), label=name) for name in names}
    twin = _twin(cls)
    ours, theirs = (_made(cls, first), _made(cls, second)), (_made(twin, first), _made(twin, second))
    if cls is not ceurules.Policy:
        assert repr(ours[0]) == repr(theirs[0])
    assert (ours[0] == ours[1]) is (theirs[0] == theirs[1])
    assert (ours[0] != ours[1]) is (theirs[0] != theirs[1])
    if ours[0] == ours[1]:
        assert hash(ours[0]) == hash(ours[1])
    assert (ours[0] == theirs[0]) is False  # another class is never equal
    assert ours[0].__eq__(object()) is NotImplemented


def test_a_field_compared_by_a_key_is_refused_rather_than_compared_wrongly() -> None:
    @attrs.frozen(repr=False, eq=False)
    class Named(Value):
        name: str = attrs.field(eq=str.lower)

    with pytest.raises(TypeError, match="compared by a key"):
        _ = Named("a") == Named("A")


def test_a_class_of_one_field_or_none_compares_and_hashes_its_values() -> None:
    @attrs.frozen(repr=False, eq=False)
    class One(Value):
        n: int

    @attrs.frozen(repr=False, eq=False)
    class Empty(Value):
        pass

    assert One(1) == One(1) and One(1) != One(2) and hash(One(1)) == hash(One(1)) != hash(One(2))
    assert Empty() == Empty() and repr(Empty()) == "Empty()" and hash(Empty()) == hash(Empty())
    assert repr(One(1)) == "One(n=1)"


def test_each_field_s_own_repr_eq_and_hash_settings_are_honoured() -> None:
    @attrs.frozen(repr=False, eq=False)
    class Noted(Value):
        n: int
        shown: str = attrs.field(repr=lambda text: f"<{len(text)} characters>")
        hidden: str = attrs.field(default="h", repr=False)
        facts: dict[str, int] = attrs.field(factory=dict, hash=False)  # compared, not hashed (a dict has no hash)
        note: str = attrs.field(default="", eq=False)

    first = Noted(1, "abc", facts={"a": 1}, note="x")
    assert repr(first) == "Noted(n=1, shown=<3 characters>, facts={'a': 1}, note='x')"
    assert first == Noted(1, "abc", facts={"a": 1}, note="y")  # the note is not compared
    assert first != Noted(1, "abc", facts={"a": 2})
    assert hash(first) == hash(Noted(1, "abc", facts={"b": 2}))  # the facts are not hashed
    assert hash(first) != hash(Noted(2, "abc"))  # the compared values are


def test_a_class_defined_in_a_function_in_a_function_is_shown_by_its_own_name() -> None:
    def outer() -> type:
        def inner() -> type:
            @attrs.frozen(repr=False, eq=False)
            class Deep(Value):
                n: int

            return Deep

        return inner()

    deep = outer()
    assert deep.__qualname__.endswith("inner.<locals>.Deep")
    assert repr(deep(1)) == "Deep(n=1)" == repr(attrs.make_class("Deep", ["n"], frozen=True)(1))


def test_a_field_holding_sets_shows_them_in_order_whatever_the_hash_seed() -> None:
    """A set's own order changes from run to run (string hashing is seeded per process): the ``repr`` of a
    value with sets (vitas, closures, sign-in sheets) is the same in every run, as a notebook's stored output
    must be."""
    import os
    import subprocess
    import sys

    code = (
        "from ceurules import Documents, BusinessCalendar, Packet\n"
        "print(Documents(approval_form=True, timed_agenda=True, vitas=['Sam Whitfield', 'Dr. Ada Reyes', 'Lee']))\n"
        "print(BusinessCalendar(extra_closures=['2026-12-24', '2026-01-02'], weekend=[6, 5]))\n"
        "print(Packet(sign_ins={'2026-09-01': ['Zoe', 'Ana', 'Kim']}, applications=['Zoe', 'Ana']))\n"
    )
    shown = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(shown) == 1
    [text] = shown
    assert "vitas=frozenset({'Dr. Ada Reyes', 'Lee', 'Sam Whitfield'})" in text
    assert "sign_ins={datetime.date(2026, 9, 1): frozenset({'Ana', 'Kim', 'Zoe'})}" in text
    assert "applications=frozenset({'Ana', 'Zoe'})" in text and "weekend=frozenset({5, 6})" in text


def test_set_repr_orders_what_has_no_order_by_its_text() -> None:
    from ceurules import DEFAULT_POLICY
    from ceurules._value import set_repr

    assert set_repr(DEFAULT_POLICY.contact_kinds).startswith("frozenset({<SegmentKind.ASSESSMENT: 'assessment'>, ")
    assert (set_repr(frozenset()), set_repr(None), set_repr({2, 1})) == ("frozenset()", "None", "{1, 2}")
    assert set_repr({"b": frozenset({"z", "a"}), "a": None}) == "{'b': frozenset({'a', 'z'}), 'a': None}"
