"""Numbers read by ``to_decimal`` and ``to_fraction``: checked on the number as given, without making a
``Fraction`` of a decimal, with the answers and errors of reading every number as a ``Fraction`` first."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ceurules import InvalidInputError
from ceurules._convert import DECIMAL, EXACT_FORMS, _bounded_decimal, to_decimal, to_fraction

_CAP = Fraction(10**6)


def _as_fraction(value: object) -> Fraction:
    """The reading through a Fraction, as it was written before decimals skipped it."""
    if isinstance(value, bool):
        raise InvalidInputError("f", value, "a number of hours, not a bool")
    if isinstance(value, int | Fraction):
        number = Fraction(value)
    elif isinstance(value, float):  # never exact: refused, whatever its value
        raise InvalidInputError("f", value, f"an exact number of hours: {EXACT_FORMS} (a float is not exact)")
    elif isinstance(value, Decimal | str):
        number = Fraction(_bounded_decimal(value, "f", "hours", value))
    else:
        raise InvalidInputError("f", value, "a number of hours (int, Decimal or decimal text)")
    if number < 0:
        raise InvalidInputError("f", value, "a number of hours that is not negative")
    if number > _CAP:
        raise InvalidInputError("f", value, f"at most {_CAP} hours")
    return number


def _as_decimal(value: object) -> Decimal:
    number = _as_fraction(value)
    if isinstance(value, str):
        return Decimal(value.strip())
    if isinstance(value, Decimal):
        return value if type(value) is Decimal else Decimal(value)
    return DECIMAL.divide(Decimal(number.numerator), Decimal(number.denominator))


NUMBERS = st.one_of(
    st.integers(-(10**7), 10**7),
    st.sampled_from([10**6, 10**6 + 1, 0, -0.0, True, False, None, "x", [], "1e7", "-0", " 7.5 ", "1e-31"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(max_denominator=8).map(lambda f: f * 1000),
    st.decimals(min_value=-(10**7), max_value=10**7, places=3).map(str),
)


def _outcome(read: object, value: object) -> tuple[str, object]:
    try:
        result = read(value, "f") if read in (to_decimal, to_fraction) else read(value)  # type: ignore[operator]
    except InvalidInputError as exc:
        return "error", str(exc)
    except ArithmeticError as exc:  # a fraction without an exact decimal: decimal.Inexact either way
        return type(exc).__name__, None
    return type(result).__name__, str(result)


@given(NUMBERS)
def test_numbers_are_read_as_through_a_fraction(value: object) -> None:
    assert _outcome(to_fraction, value) == _outcome(_as_fraction, value)
    assert _outcome(to_decimal, value) == _outcome(_as_decimal, value)


def test_decimal_text_is_read_as_a_person_writes_it() -> None:
    """Python's ``Decimal`` reads digit separators and the digits of other scripts: "7_5" would be 75 hours
    and an Arabic-Indic seven 7 hours. Number text is ASCII digits, one point and an exponent; anything else
    is refused, as "7,5" is."""
    import pytest

    from ceurules import ceus

    for text in ("7_5", "1_000", "\u0667", "\uff17.5", "7,5", "NaN", "Infinity", "0x10"):
        with pytest.raises(InvalidInputError) as refused:
            ceus(text)
        assert (refused.value.value, refused.value.expected) == (text, "a decimal number of hours such as 7.5")
    assert [ceus(text) for text in ("7.5", " 7.5 ", ".5", "7.", "+3", "1e2", "-0")] == [
        Decimal("0.8"),
        Decimal("0.8"),
        Decimal("0.1"),
        Decimal("0.7"),
        Decimal("0.3"),
        Decimal("10.0"),
        Decimal("0.0"),
    ]
