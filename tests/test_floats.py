"""One rule for floats: wherever the library takes an exact quantity (hours, CEUs, units, amounts), a float
is refused, as ``ceus(7.5)`` is: it is not exact, and reading it as some decimal would be a guess.

The sweep finds the exact-quantity fields itself: every field of every public value class whose converter
takes ``Decimal("1.5")`` and gives a ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import ceurules
from ceurules import InvalidInputError, ceus, contact_minutes, credits
from ceurules._convert import convert
from ceurules.cases import load_cases

FLOATS = (7.5, 1 / 3, 6.0, 0.1)
DAY = dt.date(2027, 3, 9)
EXAMPLES = Path(__file__).parent.parent / "docs" / "renewal-rules"


def _exact_fields() -> list[tuple[str, attrs.Attribute[Any]]]:
    found = []
    for name in ceurules.__all__:
        cls = getattr(ceurules, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        for field in attrs.fields(cls):
            if field.init and field.converter is not None:
                try:
                    value = convert(field, Decimal("1.5"))
                except (InvalidInputError, TypeError):
                    continue
                if isinstance(value, Decimal):
                    found.append((f"{name}.{field.name}", field))
    return found


EXACT_FIELDS = _exact_fields()


def test_the_sweep_finds_the_exact_quantities() -> None:
    names = {name for name, _ in EXACT_FIELDS}
    assert {"Program.contact_hours", "Activity.amount", "Activity.hours", "Credits.amount"} <= names
    assert {"Policy.minimum_contact_hours", "Policy.contact_hours_per_ceu"} <= names


@pytest.mark.parametrize("field", [f for _, f in EXACT_FIELDS], ids=[n for n, _ in EXACT_FIELDS])
def test_every_exact_field_refuses_a_float(field: attrs.Attribute[Any]) -> None:
    for number in FLOATS:
        refused = r"(\(a float is not exact\)|a Decimal number of minutes), got "
        with pytest.raises(InvalidInputError, match=refused) as info:
            convert(field, number)
        assert info.value.field == field.name and info.value.value == number


CALLS: dict[str, Callable[[Any], object]] = {
    "ceus": ceus,
    "contact_minutes": contact_minutes,
    "credits": credits,
    "Program": lambda n: ceurules.Program(title="T", activity="workshop", offering_dates=[DAY], contact_hours=n),
    "Activity": lambda n: ceurules.Activity(id="w", date="2024-10-14", unit="ceu", amount=n),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
def test_a_float_is_refused_by_every_function_taking_hours(call: Callable[[Any], object]) -> None:
    for number in FLOATS:
        with pytest.raises(InvalidInputError, match=r"float is not exact|exact contact time"):
            call(number)
        call(Decimal(repr(number)) if number != 1 / 3 else "0.5")  # the exact number is taken


def test_a_number_written_in_a_file_is_read_as_written_not_refused_as_a_float(tmp_path: Path) -> None:
    policy = ceurules.load_policy("format = 1\n[parameters.minimum_contact_hours]\nvalue = 1.5\n")
    assert policy.minimum_contact_hours == Decimal("1.5")
    text = (
        (EXAMPLES / "example-district.toml").read_text(encoding="utf-8").replace("carry_over = 15", "carry_over = 1.5")
    )
    path = tmp_path / "rule.toml"
    path.write_text(text, encoding="utf-8")
    rule = ceurules.load_renewal_rule(path)
    assert "carry_over=Decimal('1.5')" in repr(rule)


def test_a_number_too_large_even_for_a_decimal_is_refused_in_policy_and_rule_files(tmp_path: Path) -> None:
    big = "1e" + "9" * 25
    with pytest.raises(ceurules.PolicyFileError, match="exponent too large"):
        ceurules.load_policy(f"format = 1\n[parameters.minimum_contact_hours]\nvalue = {big}\n")
    path = tmp_path / "rule.toml"
    path.write_text((EXAMPLES / "example-district.toml").read_text(encoding="utf-8").replace("= 15\n", f"= {big}\n"))
    with pytest.raises(ceurules.RenewalRuleError, match="exponent too large"):
        ceurules.load_renewal_rule(path)
    path.write_text(f'[[case]]\nname = "x"\nvalue = {big}\n', encoding="utf-8")
    with pytest.raises(ceurules.CaseFileError, match="exponent too large"):
        load_cases(path)
