"""One call for a program's CEUs: ``ceus(program)`` per session (D15), per full packet for a year-long one (D16)."""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ceurules
from ceurules import (
    DEFAULT_POLICY,
    InvalidInputError,
    Program,
    ceus,
    check_eligibility,
    load_program_file,
    review_program_file,
)
from ceurules.policy import Change
from ceurules.units import program_ceus, program_policy
from strategies import programs

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
_PROFILES = ["source", "iacet", "nasba-halves", "nasba-fifths", "ama-pra-1", "ancc"]


# -- ceu.unit, D7, D15: a program's CEUs per session -----------------------------------------------


def test_a_workshop_carries_its_session_ceus() -> None:
    program = load_program_file(EXAMPLES / "workshop.ceu.toml").program
    assert program.contact_minutes(policy=DEFAULT_POLICY) == 390  # 6.5 hours
    assert ceus(program) == Decimal("0.7")  # D7: 0.65 half up


def test_the_policy_is_read() -> None:
    program = Program(title="Workshop", activity="workshop", offering_dates=["2026-11-20"], contact_hours="6.5")
    assert ceus(program) == Decimal("0.7")
    assert ceus(program, policy=attrs.evolve(DEFAULT_POLICY, contact_hours_per_ceu=5)) == Decimal("1.3")
    assert ceus(program, policy=DEFAULT_POLICY, on=dt.date(2026, 11, 20)) == Decimal("0.7")


# -- ceu.unit, D16: a year-long program's CEUs per full packet -------------------------------------


def test_a_year_long_program_carries_ceus_per_full_packet() -> None:
    program = load_program_file(EXAMPLES / "plc-yearlong.ceu.toml").program
    assert program.contact_minutes(policy=DEFAULT_POLICY) == 90
    assert ceus(program) == Decimal("0.9")  # D16: 6 meetings of 90 minutes, rounded once


def test_a_year_long_program_without_a_packet_meeting_counts_one_meeting() -> None:
    program = Program(
        title="PLC", activity="workshop", offering_dates=["2026-07-15"], contact_hours="1.5", year_long=True
    )
    assert ceus(program) == Decimal("0.2")  # 90 minutes: 0.15, half up


def test_a_full_packet_is_the_answering_policys_packet() -> None:
    # Two fall meetings and one spring meeting of 90 minutes: under the source's fall and spring packets a full
    # packet is the fall's two (0.3 CEU); under a policy with one packet a year it is all three (0.45, 0.5).
    program = Program(
        title="PLC",
        activity="workshop",
        offering_dates=["2026-09-10", "2026-10-08", "2027-02-11"],
        contact_hours="1.5",
        year_long=True,
    )
    annual_only = attrs.evolve(DEFAULT_POLICY, crediting_rules=DEFAULT_POLICY.crediting_rules[:1])
    assert ceus(program) == Decimal("0.3")
    assert ceus(program, policy=annual_only) == Decimal("0.5")


def test_a_program_without_offering_dates_under_a_dated_counting_rule_is_refused() -> None:
    # D13: the counting rules in force on the first offering date; without one the question has no date.
    dated = attrs.evolve(
        DEFAULT_POLICY, changes=[Change(parameter="contact_hours_per_ceu", effective="2027-08-01", value=5)]
    )
    program = Program(title="Workshop", activity="workshop", offering_dates=[], contact_hours="10")
    with pytest.raises(InvalidInputError) as caught:
        program_policy(program, policy=dated)
    assert str(caught.value) == (
        "on: expected the date the question is about: the policy changes contact_hours_per_ceu from 2027-08-01,"
        " got null"
    )
    assert program_policy(program, policy=DEFAULT_POLICY) is DEFAULT_POLICY


def test_credits_and_the_credit_statement_of_a_year_long_program_are_per_full_packet() -> None:
    program = load_program_file(EXAMPLES / "plc-yearlong.ceu.toml").program
    assert ceurules.credits(program).amount == ceus(program) == Decimal("0.9")  # D16, not one meeting's 0.2
    (line,) = ceurules.credit_statement(program, policies=["source"]).lines
    assert (line.credits.amount, line.contact_minutes, line.per) == (Decimal("0.9"), Decimal(540), "full packet")
    assert str(ceurules.credit_statement(program, policies=["source"])).endswith(
        "0.9 CEU  540 contact minutes per full packet"
    )


# -- ceu.unit: one call, the same CEUs in every answer (invariants) --------------------------------


@given(programs())
def test_ceus_of_a_program_is_what_eligibility_and_the_file_report_say(program: Program) -> None:
    award = ceus(program)
    assert check_eligibility(program).findings[-1].facts["ceus"] == award


def test_file_report_ceus_come_from_the_same_call() -> None:
    for name in ("workshop.ceu.toml", "plc-yearlong.ceu.toml"):
        pf = load_program_file(EXAMPLES / name)
        assert review_program_file(pf).ceus == ceus(pf.program)


@given(programs(), st.booleans(), st.lists(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), max_size=12))
def test_credits_ceus_and_the_credit_statement_agree_on_any_program(
    program: Program, year_long: bool, meetings: list[dt.date]
) -> None:
    if year_long:
        program = attrs.evolve(program, year_long=True, offering_dates=sorted(set(meetings)))
    statement = ceurules.credit_statement(program, policies=_PROFILES)
    for name, line in zip(_PROFILES, statement.lines, strict=True):
        policy = ceurules.load_policy(name)
        amount, per = program_ceus(program, policy=program_policy(program, policy=policy))
        assert ceurules.credits(program, policy=policy).amount == ceus(program, policy=policy) == amount
        assert (line.credits.amount, line.per) == (amount, per)


# -- refused input: minutes as a number (no clause) ------------------------------------------------


def test_minutes_as_a_fraction_are_refused_not_read_as_hours() -> None:
    minutes = Fraction(390)
    with pytest.raises(InvalidInputError, match=r"timedelta\(minutes=\.\.\.\)"):
        ceus(minutes)  # type: ignore[arg-type]
    assert ceus(dt.timedelta(minutes=int(minutes))) == Decimal("0.7")


# -- the policy argument: keyword-only, shown by name and fingerprint (no clause) ------------------


def test_policy_is_keyword_only_in_every_public_function() -> None:
    positional = []
    for name in ceurules.__all__:
        obj = getattr(ceurules, name)
        public = [getattr(obj, m) for m in vars(obj) if not m.startswith("_")] if inspect.isclass(obj) else []
        members = [obj, *public]
        for member in members:
            if not callable(member) or name == "check_policy":
                continue
            try:
                params = inspect.signature(member).parameters
            except (TypeError, ValueError):
                continue
            found = params.get("policy")
            if found is not None and found.kind is not inspect.Parameter.KEYWORD_ONLY:
                positional.append(f"{name}.{getattr(member, '__name__', '')}")
    assert positional == []


def test_a_policy_shows_its_name_and_fingerprint_and_keeps_equality() -> None:
    shown = repr(DEFAULT_POLICY)
    assert shown == f"Policy(name='Source CEU policy', fingerprint='{DEFAULT_POLICY.fingerprint}')"
    assert len(inspect.signature(ceus).parameters["policy"].default.__repr__()) < 80
    other = attrs.evolve(DEFAULT_POLICY, lead_time_days=21)
    assert other != DEFAULT_POLICY
    assert attrs.evolve(other, lead_time_days=DEFAULT_POLICY.lead_time_days) == DEFAULT_POLICY
    assert repr(other) != shown  # same name, another fingerprint
