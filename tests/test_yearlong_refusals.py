"""Year-long inputs that cannot be right are refused, each naming its field and the value as given: a packet of a
term the rule lacks, two terms of one name, credit issued before a term ends, a name twice in a packet."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import attrs
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
from ceurules.yearlong import school_year_rule

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
    (stray,) = [x for x in review_program_file(pf).decisions if x.subject == "winter 2026-27"]
    assert [(f.outcome.value, f.clause, f.message) for f in stray.findings] == [
        (
            "not met",
            "yearlong.semester",
            "The file has a packet for winter 2026-27, but the rule has no such term: expected a term of the rule"
            " in force in school year 2026-27 (fall, spring).",
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
        "<value>: crediting_rules[0].terms[0].issued_month: expected the term's last month (February) or a later"
        " month of the school year (which begins in July), got 12"
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


# -- D13: which rule version a packet's term and school year fall under -------------------------------------------

ANNUAL = DEFAULT_POLICY.crediting_rules[0]


def _rules(*rules: CreditingRule) -> Any:
    return attrs.evolve(DEFAULT_POLICY, crediting_rules=list(rules))


#: Both versions dated, each from the second day of July: none is in force before 2012-07-02.
LATE_STARTS = _rules(
    attrs.evolve(ANNUAL, effective=dt.date(2012, 7, 2)), attrs.evolve(SEMESTERS, effective=dt.date(2016, 7, 2))
)


def test_a_school_year_falls_under_the_version_in_force_on_its_first_day_else_the_first_version() -> None:
    assert [school_year_rule(year).clause for year in (2010, 2015, 2016)] == [
        "yearlong.annual",
        "yearlong.annual",
        "yearlong.semester",
    ]
    assert school_year_rule(2016, policy=LATE_STARTS) is LATE_STARTS.crediting_rules[0]  # 2016-07-02 is after 07-01
    assert school_year_rule(2010, policy=LATE_STARTS) is LATE_STARTS.crediting_rules[0]  # before every version


def test_a_term_before_every_version_falls_under_the_first_version_if_it_has_that_term() -> None:
    assert packet_rule("year", 2010, policy=LATE_STARTS) is LATE_STARTS.crediting_rules[0]
    assert refusal(packet_rule, "fall", 2010, policy=LATE_STARTS) == (
        "term: expected a term of the rule in force in school year 2010-11 (year), got 'fall'"
    )
    assert refusal(packet_rule, "winter", 2016, policy=LATE_STARTS) == (  # the answering policy's terms
        "term: expected a term of the rule in force in school year 2016-17 (year), got 'winter'"
    )


def test_a_term_is_read_under_the_version_in_force_on_its_own_first_day() -> None:
    """Semesters from 2016-08-02: fall 2016 begins 2016-08-01, under the annual rule, which has no fall. An annual
    rule from 2020-01-01 (or 2020-07-02): spring 2020 (fall 2020) begins under it, so the semesters in force when
    the school year began do not give that term."""
    from_august_2nd = _rules(ANNUAL, attrs.evolve(SEMESTERS, effective=dt.date(2016, 8, 2)))
    assert refusal(packet_rule, "fall", 2016, policy=from_august_2nd) == (
        "term: expected a term of the rule in force in school year 2016-17 (year), got 'fall'"
    )
    annual_in_2020 = _rules(
        attrs.evolve(SEMESTERS, effective=None), attrs.evolve(ANNUAL, effective=dt.date(2020, 1, 1))
    )
    assert refusal(packet_rule, "spring", 2019, policy=annual_in_2020) == (
        "term: expected a term of the rule in force in school year 2019-20 (fall, spring), got 'spring'"
    )
    annual_from_july_2nd = _rules(
        attrs.evolve(SEMESTERS, effective=None), attrs.evolve(ANNUAL, effective=dt.date(2020, 7, 2))
    )  # 2020-21 begins (2020-07-01) under the semesters, fall 2020 (2020-08-01) under the annual rule
    assert refusal(packet_rule, "fall", 2020, policy=annual_from_july_2nd) == (
        "term: expected a term of the rule in force in school year 2020-21 (fall, spring), got 'fall'"
    )


_PACKET_2199 = """title = "PLC"
activity = "educational training"
year_long = true
offering_dates = [2199-09-15, 2199-12-20]

[[agenda]]
start = "15:30"
end = "17:00"
kind = "instruction"

[[applications]]
participant = "Ana Ruiz"
attended = [2199-09-15, 2199-12-20]
submitted = 2199-12-30
paid = 2199-12-30

[[packets]]
term = "fall"
school_year = 2199
submitted = 2199-12-31
applications = ["Ana Ruiz"]
evaluations = ["Ana Ruiz"]
[packets.sign_ins]
"2199-09-15" = ["Ana Ruiz"]
"2199-12-20" = ["Ana Ruiz"]
"""


def test_a_packet_whose_credit_would_be_expected_after_2199_is_refused_at_its_submission_day(
    tmp_path: Path,
) -> None:
    """D14: the fall 2199 packet submitted 2199-12-31 would have credit expected ten business days later, past
    the calendar's last year. Each entry point names the packet's submission day, never the count it used."""
    from ceurules import check_packet, credit_expected, packet_standing, semester_batches, timeline
    from ceurules.cli import main

    path = tmp_path / "plc-2199.ceu.toml"
    path.write_text(_PACKET_2199, encoding="utf-8")
    pf = load_program_file(path)
    batch = semester_batches(pf.program.offering_dates).batches[0]
    app, year_long, last = pf.applications[0], pf.year_long(), dt.date(2199, 12, 31)
    assert year_long is not None
    expected = "expected a date whose expected credit falls in the years 1900-2199, got 2199-12-31"
    with pytest.raises(InvalidInputError, match=f"^arrived: {expected}$"):
        credit_expected(batch, last)
    with pytest.raises(InvalidInputError, match=f"^packet.submitted: {expected}$"):
        check_packet(pf.packets[0].packet, batch)
    with pytest.raises(InvalidInputError, match=rf"^year_long.packets\[0\].submitted: {expected}$"):
        packet_standing(app.participant, app.attendance.dates, None, year_long, as_of=last)
    with pytest.raises(InvalidInputError, match=rf"^year_long.packets\[0\].submitted: {expected}$"):
        timeline(pf.program, application=app, year_long=year_long)
    with pytest.raises(ProgramFileError) as refused:
        review_program_file(pf, as_of=last)
    assert list(refused.value.problems) == [("packets[0].submitted", expected)]
    assert list(refused.value.locations) == [(20, 13)]
    err = io.StringIO()
    assert main(["check", str(path), "--today", "2199-12-31"], stdout=io.StringIO(), stderr=err) == 2
    assert f"packets[0].submitted (line 20, column 13): {expected}" in err.getvalue()
    assert main(["timeline", str(path), "--participant", "Ana Ruiz"], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue().count("packets[0].submitted (line 20, column 13)") == 2


def test_a_year_long_meeting_time_the_packets_cannot_count_is_a_problem_of_the_file(tmp_path: Path) -> None:
    """D16 counts a year-long participant's CEUs from the meeting time, a whole number of microseconds: contact
    hours of 1.7439564585244405 are refused at ``contact_hours``, with the file's line and column, by `check`
    and `timeline` alike (found by the JSON-line property: the review raised a bare InvalidInputError)."""
    from ceurules.cli import main

    text = (
        '{"title": "PLC", "activity": "seminar", "contact_hours": 1.7439564585244405, "year_long": true,\n'
        ' "offering_dates": ["2026-09-15"], "applications": [{"participant": "A", "attended": ["2026-09-15"]}]}\n'
    )
    path = tmp_path / "plc.ceu.json"
    path.write_text(text, encoding="utf-8")
    expected = "expected contact time in whole microseconds, got 1.7439564585244405"
    with pytest.raises(ProgramFileError) as refused:
        review_program_file(load_program_file(path), as_of=dt.date(2026, 11, 1))
    assert list(refused.value.problems) == [("contact_hours", expected)]
    assert list(refused.value.locations) == [(1, 58)]
    for command in (["check", str(path)], ["timeline", str(path), "--participant", "A"]):
        err = io.StringIO()
        assert main(command, stdout=io.StringIO(), stderr=err) == 2
        assert f"contact_hours (line 1, column 58): {expected}" in err.getvalue(), command
