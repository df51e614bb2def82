"""Year-long inputs that cannot be right are refused, each naming its field and the value as given: a packet of a
term the rule lacks, two terms of one name, credit issued before a term ends, a name twice in a packet."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ceurules import (
    DEFAULT_POLICY,
    CreditingRule,
    InvalidInputError,
    Packet,
    PolicyFileError,
    ProgramFileError,
    Term,
    load_program_file,
    packet_rule,
    review_program_file,
)
from ceurules.policy_files import read_parameter

SEMESTERS = DEFAULT_POLICY.crediting_rules[1]


def refusal(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(InvalidInputError) as refused:
        call(*args, **kwargs)
    return str(refused.value)


def test_a_packet_of_a_term_the_rule_lacks_is_refused() -> None:
    assert refusal(packet_rule, "winter", 2016) == (
        "term: expected a term of the rule in force in school year 2016-17 (fall, spring), got 'winter'"
    )
    assert refusal(packet_rule, "year", 2026) == (
        "term: expected a term of the rule in force in school year 2026-27 (fall, spring), got 'year'"
    )
    assert packet_rule(" Spring ", 2016).clause == "yearlong.semester"  # a term is read as a packet names it


def test_a_file_packet_of_a_term_the_rule_lacks_fails_under_the_rule_of_its_school_year() -> None:
    pf = load_program_file(
        {
            "title": "PLC",
            "activity": "workshop",
            "year_long": True,
            "offering_dates": ["2026-09-15"],
            "packets": [{"term": "winter", "school_year": 2026}],
        }
    )
    (stray,) = [x for x in review_program_file(pf).decisions if x.subject == "winter 2026"]
    assert [(f.outcome.value, f.clause, f.message) for f in stray.findings] == [
        (
            "not met",
            "yearlong.semester",
            "The file has a winter 2026 packet, but the rule has no such term: expected a term of the rule in force"
            " in school year 2026-27 (fall, spring).",
        )
    ]


def test_two_terms_of_one_name_are_refused() -> None:
    terms = [Term(name="fall", months=[8, 9], issued_month=9), Term(name="Fall", months=[10], issued_month=10)]
    assert refusal(CreditingRule, clause="yearlong.semester", effective=None, terms=terms) == (
        "terms[1].name: expected a name no other term has, got 'Fall'"
    )


def test_credit_issued_before_a_term_ends_is_refused() -> None:
    early = Term(name="spring", months=[1, 2], issued_month=12)
    assert refusal(CreditingRule, clause="yearlong.semester", effective=None, terms=[early]) == (
        "terms[0].issued_month: expected the term's last month (February) or a later month of the school year"
        " (which begins in July), got 12"
    )
    fall = Term(name="fall", months=[8, 9, 10, 11, 12], issued_month=11)
    assert refusal(CreditingRule, clause="yearlong.semester", effective=None, terms=[fall]) == (
        "terms[0].issued_month: expected the term's last month (December) or a later month of the school year"
        " (which begins in July), got 11"
    )
    # The same months are right in a school year from January, and a later month of the school year is right too.
    assert CreditingRule(clause="yearlong.semester", effective=None, terms=[early], school_year_start=1).terms
    later = Term(name="fall", months=[8, 9, 10, 11, 12], issued_month=1)
    assert CreditingRule(clause="yearlong.semester", effective=None, terms=[later]).terms == (later,)


def test_a_policy_file_refuses_them_too() -> None:
    rule = {"clause": "yearlong.semester", "effective": dt.date(2016, 7, 1)}
    early = {**rule, "terms": [{"name": "spring", "months": [1, 2], "issued_month": 12}]}
    with pytest.raises(PolicyFileError) as refused:
        read_parameter("crediting_rules", [early])
    assert str(refused.value) == (
        "<value>: crediting_rules: expected the term's last month (February) or a later month of the school year"
        " (which begins in July), got 12"
    )


@pytest.mark.parametrize(
    ("given", "file_field", "field", "value"),
    [
        ({"applications": ["A", "A"]}, "packets[0].applications[1]", "applications[1]", "A"),
        ({"evaluations": ["B", "A", "B"]}, "packets[0].evaluations[2]", "evaluations[2]", "B"),
        ({"sign_ins": {"2026-09-15": ["A", "A"]}}, "packets[0].sign_ins.2026-09-15[1]", "sign_ins[2026-09-15][1]", "A"),
    ],
)
def test_a_name_twice_in_a_packet_is_refused_as_a_program_file_refuses_it(
    given: dict[str, Any], file_field: str, field: str, value: str
) -> None:
    assert refusal(Packet, **given) == f"{field}: expected values that are not repeated, got '{value}'"
    with pytest.raises(ProgramFileError) as in_file:
        load_program_file(
            {
                "title": "PLC",
                "activity": "workshop",
                "year_long": True,
                "offering_dates": ["2026-09-15"],
                "packets": [{"term": "fall", "school_year": 2026, **given}],
            }
        )
    assert str(in_file.value).splitlines()[1:] == [
        f"  {file_field}: expected values that are not repeated, got '{value}'"
    ]


def test_a_name_given_twice_with_spaces_around_it_is_the_same_name() -> None:
    assert refusal(Packet, applications=["Ana Ruiz", " Ana Ruiz "]) == (
        "applications[1]: expected values that are not repeated, got ' Ana Ruiz '"
    )
