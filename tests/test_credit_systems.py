"""Credit systems as policy files: counting parameters, bundled profiles, credits() and statements."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceurules import (
    DEFAULT_POLICY,
    Agenda,
    Change,
    CreditLine,
    Credits,
    CreditStatement,
    InvalidInputError,
    Policy,
    PolicyFileError,
    Program,
    Rounding,
    Segment,
    SegmentKind,
    ceus,
    check_eligibility,
    credit_statement,
    credits,
    load_policy,
)
from ceurules.cli import main
from ceurules.policy import CEU_PARAMETERS
from ceurules.policy_files import bundled_policies
from ceurules.units import ceus_for_blocks, ceus_for_minutes

PROFILES = [name for name in bundled_policies() if name != "source"]
COUNTING = CEU_PARAMETERS  # the counting parameters a credit-system profile sets
RETRIEVED = dt.date(2026, 11, 29)


def program(*segments: tuple[str, str, str]) -> Program:
    agenda = Agenda(segments=[Segment(kind=k, start=s, end=e) for k, s, e in segments])
    return Program(title="Joint event", activity="workshop", agenda=agenda)


FIVE_HALF_HOURS = program(
    ("instruction", "09:00", "09:30"),
    ("break", "09:30", "09:45"),
    ("instruction", "09:45", "10:15"),
    ("break", "10:15", "10:30"),
    ("instruction", "10:30", "11:00"),
    ("meal", "11:00", "12:00"),
    ("instruction", "12:00", "12:30"),
    ("break", "12:30", "12:45"),
    ("instruction", "12:45", "13:15"),
)


# -- the bundled profiles ------------------------------------------------------------------


def test_the_profiles_are_bundled_and_loaded_by_name() -> None:
    assert PROFILES == [
        "ama-pra-1",
        "ancc",
        "hrci",
        "iacet",
        "nasba-fifths",
        "nasba-halves",
        "nasba-self-study",
        "pdh",
        "shrm",
    ]
    halves = load_policy("nasba-halves")
    counting = (halves.minutes_per_ceu, halves.first_award, halves.ceu_increment)
    assert counting == (Decimal(50), Decimal(1), Decimal("0.5"))
    assert halves.ceu_rounding is Rounding.DOWN
    assert (halves.unit_name, halves.unit_abbreviation) == ("CPE credit", "CPE")


@pytest.mark.parametrize("name", PROFILES)
def test_each_profile_cites_a_dated_web_source_for_every_counting_rule(name: str) -> None:
    policy = load_policy(name)
    for parameter in COUNTING:
        source = policy.source_of(parameter)
        assert source is not None, parameter
        assert source.section and source.url and source.url.startswith("http"), parameter
        assert source.retrieved == RETRIEVED, parameter
    assert load_policy(policy.to_toml()) == policy


@pytest.mark.parametrize("name", PROFILES)
def test_a_profile_changes_only_the_counting_rules(name: str) -> None:
    policy = load_policy(name)
    others = {a.name for a in attrs.fields(Policy) if a.init} - set(COUNTING) - {"name", "sources"}
    for parameter in others:
        assert getattr(policy, parameter) == getattr(DEFAULT_POLICY, parameter), parameter


def test_only_ancc_counts_evaluation_time() -> None:
    counting = [name for name in PROFILES if SegmentKind.EVALUATION in load_policy(name).contact_kinds]
    assert counting == ["ancc"]
    assert SegmentKind.EVALUATION not in DEFAULT_POLICY.contact_kinds


# -- the source policy is unchanged --------------------------------------------------------


@given(st.integers(min_value=0, max_value=100_000))
def test_credits_under_the_default_policy_are_the_ceus(minutes: int) -> None:
    time = dt.timedelta(minutes=minutes)
    assert credits(time) == Credits(amount=ceus(time), unit="CEU", unit_name="continuing education unit")
    assert str(credits(time).amount) == str(ceus(time))


def test_iacet_scores_as_the_source_policy() -> None:
    iacet = load_policy("iacet")
    for minutes in range(0, 1500, 7):
        time = dt.timedelta(minutes=minutes)
        assert credits(time, policy=iacet).amount == ceus(time)


# -- properties ----------------------------------------------------------------------------

profiles = st.sampled_from([*PROFILES, "source"]).map(load_policy)
unsummed = profiles.map(lambda p: attrs.evolve(p, sum_segments=False))
minutes = st.fractions(min_value=0, max_value=3000, max_denominator=60)


@given(profiles | unsummed, minutes, minutes)
def test_credits_never_decrease_as_contact_time_grows(policy: Policy, a: Fraction, b: Fraction) -> None:
    low, high = sorted((a, b))
    assert ceus_for_minutes(low, policy=policy) <= ceus_for_minutes(high, policy=policy)


@given(profiles, minutes)
def test_every_award_is_the_first_award_plus_whole_increments(policy: Policy, time: Fraction) -> None:
    award = ceus_for_minutes(time, policy=policy)
    if award:
        assert award >= policy.first_award
        assert (award - policy.first_award) % policy.ceu_increment == 0
        assert award <= time / Fraction(policy.minutes_per_ceu) + Fraction(policy.ceu_increment)


@st.composite
def agendas(draw: st.DrawFn) -> list[Segment]:
    kinds = st.sampled_from(list(SegmentKind))
    lengths = draw(st.lists(st.tuples(kinds, st.integers(1, 90), st.integers(0, 20)), min_size=1, max_size=8))
    segments, start = [], 7 * 60
    for kind, length, gap in lengths:
        start += gap
        begin, end = dt.time(*divmod(start, 60)), dt.time(*divmod(start + length, 60))
        segments.append(Segment(kind=kind, start=begin, end=end))
        start += length
    return segments


@given(profiles | unsummed, agendas(), st.randoms(use_true_random=False))
def test_segment_order_does_not_change_the_answer(policy: Policy, segments: list[Segment], rnd: random.Random) -> None:
    shuffled = list(segments)
    rnd.shuffle(shuffled)
    first = Program(title="A", activity="workshop", agenda=Agenda(segments=segments))
    again = Program(title="A", activity="workshop", agenda=Agenda(segments=shuffled))
    assert credits(first, policy=policy) == credits(again, policy=policy)
    assert first.contact_blocks(policy=policy) == again.contact_blocks(policy=policy)


# -- counting rules ------------------------------------------------------------------------


def test_segments_are_added_up_before_counting_or_counted_alone() -> None:
    halves = load_policy("nasba-halves")
    assert credits(FIVE_HALF_HOURS, policy=halves).amount == 3
    apart = attrs.evolve(halves, sum_segments=False)
    assert FIVE_HALF_HOURS.contact_blocks(policy=apart) == (Fraction(30),) * 5
    assert credits(FIVE_HALF_HOURS, policy=apart).amount == 0  # no block reaches the first credit
    shrm = attrs.evolve(load_policy("shrm"), sum_segments=False)
    assert credits(FIVE_HALF_HOURS, policy=shrm) == Credits(
        amount=Decimal("2.50"), unit="PDC", unit_name="professional development credit"
    )


def test_adjacent_counted_segments_are_one_block() -> None:
    joined = program(("instruction", "09:00", "09:30"), ("discussion", "09:30", "09:50"), ("break", "09:50", "10:00"))
    apart = attrs.evolve(load_policy("nasba-halves"), sum_segments=False)
    assert joined.contact_blocks(policy=apart) == (Fraction(50),)
    assert credits(joined, policy=apart).amount == 1
    dated = Program(
        title="Two days",
        activity="workshop",
        offering_dates=["2027-03-01", "2027-03-02"],
        sessions=[["2027-03-01", "2027-03-02"]],
        agenda=Agenda(
            segments=[
                Segment(kind="instruction", start="09:00", end="09:50", day="2027-03-02"),
                Segment(kind="instruction", start="09:50", end="10:40", day="2027-03-01"),
            ]
        ),
    )
    assert dated.contact_blocks(policy=apart) == (Fraction(50), Fraction(50))
    assert credits(dated, policy=apart).amount == 2
    one_day_each = attrs.evolve(dated, sessions=None)  # two sessions of one day: credit is per session (D15)
    assert one_day_each.contact_blocks(policy=apart) == (Fraction(50),)
    assert credits(one_day_each, policy=apart).amount == 1


def test_a_program_without_an_agenda_is_one_block_of_its_hours() -> None:
    hours = Program(title="Reading", activity="directed reading", contact_hours="1.5")
    assert hours.contact_blocks(policy=DEFAULT_POLICY) == (Fraction(90),)
    assert credits(hours, policy=load_policy("shrm")).amount == Decimal("1.5")
    # hours without an agenda are hours of the profile's own contact hour (CS2): 1.5 x 50 minutes
    assert credits(hours, policy=load_policy("nasba-halves")).amount == Decimal("1.5")
    assert ceus_for_blocks([], policy=attrs.evolve(DEFAULT_POLICY, sum_segments=False)) == 0


def test_the_first_award_needs_its_full_time_and_rounding_applies_beyond_it() -> None:
    ama = load_policy("ama-pra-1")
    assert credits(dt.timedelta(minutes=14), policy=ama).amount == 0
    assert credits(dt.timedelta(minutes=15), policy=ama).amount == Decimal("0.25")
    odd = attrs.evolve(DEFAULT_POLICY, first_award=Decimal("0.15"), ceu_increment=Decimal("0.1"))
    assert credits(dt.timedelta(minutes=89), policy=odd).amount == 0
    assert credits(dt.timedelta(minutes=90), policy=odd).amount == Decimal("0.15")
    assert credits(dt.timedelta(minutes=119), policy=odd).amount == Decimal("0.15")  # 0.198: beyond 0.048 -> 0
    assert credits(dt.timedelta(minutes=120), policy=odd).amount == Decimal("0.25")  # beyond 0.05: halves up


def test_each_new_counting_parameter_changes_an_answer() -> None:
    time = dt.timedelta(minutes=150)
    base = credits(FIVE_HALF_HOURS, policy=DEFAULT_POLICY)
    changed = {
        "first_award": attrs.evolve(DEFAULT_POLICY, first_award=Decimal(1)),
        "sum_segments": attrs.evolve(DEFAULT_POLICY, sum_segments=False),
        "unit_name": attrs.evolve(DEFAULT_POLICY, unit_name="clock hour"),
        "unit_abbreviation": attrs.evolve(DEFAULT_POLICY, unit_abbreviation="CEUs"),
    }
    for field, policy in changed.items():
        assert credits(FIVE_HALF_HOURS, policy=policy) != base, field
    assert credits(time, policy=changed["first_award"]).amount == 0
    assert credits(FIVE_HALF_HOURS, policy=changed["sum_segments"]).amount == Decimal("0.5")
    decision = check_eligibility(FIVE_HALF_HOURS, policy=changed["unit_abbreviation"])
    assert "earns 0.3 CEUs." in str(decision)


# -- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "says"),
    [
        ('[parameters.ceu_increment]\nvalue = "1.5"', "parameters.ceu_increment", "at most one whole unit"),
        ('[parameters.first_award]\nvalue = "0.05"', "parameters.first_award", "at least the increment"),
        ('[parameters.minimum_contact_hours]\nvalue = "-1"', "parameters.minimum_contact_hours", "not negative"),
        ('[parameters.first_award]\nvalue = "-1"', "parameters.first_award", "not negative"),
        ("[parameters.sum_segments]\nvalue = 1", "parameters.sum_segments", "true or false"),
        ('[parameters.unit_abbreviation]\nvalue = ""', "parameters.unit_abbreviation", "non-empty text"),
        ('[parameters.contact_kinds]\nvalue = ["evaluating"]', "parameters.contact_kinds", "segment kinds"),
    ],
)
def test_contradictory_profiles_are_refused_when_loaded(text: str, field: str, says: str) -> None:
    with pytest.raises(PolicyFileError, match=f"line [23]: {field}.*{says}"):
        load_policy("format = 1\n" + text + "\n")


def test_contradictions_are_refused_in_code_and_in_dated_versions() -> None:
    with pytest.raises(InvalidInputError, match="ceu_increment"):
        attrs.evolve(DEFAULT_POLICY, ceu_increment=Decimal(2))
    with pytest.raises(InvalidInputError, match="first_award"):
        attrs.evolve(load_policy("nasba-halves"), ceu_increment=Decimal(1), first_award=Decimal("0.5"))
    text = load_policy("nasba-fifths").to_toml().replace(
        '[parameters.ceu_increment]\nvalue = "0.2"\n',
        '[parameters.ceu_increment]\nvalue = "0.2"\nversions = [{ from = 2027-01-01, value = "2" }]\n',
    )
    with pytest.raises(PolicyFileError, match=r"parameters\.ceu_increment\.versions"):
        load_policy(text)
    with pytest.raises(InvalidInputError, match="url"):
        attrs.evolve(load_policy("pdh").sources[0][1], url="ftp://example.org")


# -- results and displays ------------------------------------------------------------------


def test_credits_is_an_exact_quantity_with_its_unit() -> None:
    result = credits(dt.timedelta(minutes=90), policy=load_policy("nasba-fifths"))
    assert result == Credits(amount="1.8", unit="CPE", unit_name="CPE credit")
    assert str(result) == "1.8 CPE"
    assert repr(result) == "Credits(amount=Decimal('1.8'), unit='CPE', unit_name='CPE credit')"
    assert result.to_dict() == {"amount": "1.8", "unit": "CPE", "unit_name": "CPE credit"}
    assert "| 1.8 | CPE | CPE credit |" in result._repr_markdown_()
    assert '<td style="text-align:left">1.8</td><td style="text-align:left">CPE</td>' in result._repr_html_()
    with pytest.raises(InvalidInputError, match="amount"):
        Credits(amount="-1", unit="CPE")
    with pytest.raises(InvalidInputError, match="unit"):
        Credits(amount=1, unit=None)  # type: ignore[arg-type]


def test_one_agenda_under_several_systems() -> None:
    event = program(
        ("registration", "08:00", "08:30"),
        ("instruction", "08:30", "10:00"),
        ("break", "10:00", "10:15"),
        ("discussion", "10:15", "11:00"),
        ("evaluation", "11:00", "11:10"),
    )
    statement = credit_statement(event, policies=["source", load_policy("nasba-halves"), "ama-pra-1", "ancc"])
    assert [str(line.credits) for line in statement.lines] == ["0.2 CEU", "2.5 CPE", "2.25 AMA PRA Cat. 1", "2.41 CH"]
    assert [line.contact_minutes for line in statement.lines] == [135, 135, 135, 145]
    text = str(statement)
    assert text.splitlines()[0] == "Credit statement of 'Joint event'"
    assert "ANCC nursing contact hours                     2.41 CH              145 contact minutes" in text
    data = statement.to_dict()
    assert data["subject"] == "Joint event" and data["schema_version"] == 1
    halves = statement.lines[1]
    assert data["lines"][1] == {
        "policy": {"name": halves.policy, "fingerprint": halves.fingerprint},
        "contact_minutes": "135",
        "credits": {"amount": "2.5", "unit": "CPE", "unit_name": "CPE credit"},
        "per": "session",
    }
    assert "| NASBA CPE, group live, half-credit increments | 2.5 | CPE | 135 |" in statement._repr_markdown_()
    left = '<td style="text-align:left">'
    assert f"{left}2.41</td>{left}CH</td>{left}145</td>" in statement._repr_html_()


def test_a_statement_line_keeps_decimal_minutes() -> None:
    line = CreditLine(policy="p", fingerprint="f", contact_minutes=Decimal("7.5"), credits=credits(1))
    assert line.to_dict()["contact_minutes"] == "7.5"


def test_statement_lines_show_fractional_minutes_exactly() -> None:
    reading = Program(title="Reading", activity="directed reading", contact_hours="0.0125")
    (line,) = credit_statement(reading, policies=["source"]).lines
    assert line.contact_minutes == Decimal("0.75")
    assert "0.75 contact minutes" in str(credit_statement(reading, policies=["source"]))


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: credit_statement(FIVE_HALF_HOURS, policies=[]), "policies"),
        (lambda: credit_statement(FIVE_HALF_HOURS, policies="nasba-halves"), "policies"),
        (lambda: credit_statement(FIVE_HALF_HOURS, policies=[3]), "policies[0]"),  # type: ignore[list-item]
        (lambda: credit_statement("workshop", policies=["source"]), "program"),  # type: ignore[arg-type]
        (lambda: CreditStatement(subject="x", lines=[3]), "lines[0]"),  # type: ignore[list-item]
        (
            lambda: CreditLine(policy="p", fingerprint="f", contact_minutes=1.5, credits=credits(1)),  # type: ignore[arg-type]
            "contact_minutes",
        ),
    ],
)
def test_statement_refuses_junk_naming_the_field(call: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


def test_the_credits_command_prints_the_statement(tmp_path: object) -> None:
    workshop = "docs/examples/workshop.ceu.toml"
    out, err = io.StringIO(), io.StringIO()
    argv = ["credits", workshop, "--policy", "nasba-halves", "--policy", "ama-pra-1"]
    assert main(argv, stdout=out, stderr=err) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "Credit statement of 'Literacy Strategies for the Middle Grades'"
    assert "7.5 CPE" in lines[1] and "6.50 AMA PRA Cat. 1" in lines[2]
    out = io.StringIO()
    assert main(["credits", workshop, "--format", "json"], stdout=out, stderr=err) == 0
    data = json.loads(out.getvalue())
    assert data["lines"][0]["credits"] == {"amount": "0.7", "unit": "CEU", "unit_name": "continuing education unit"}
    err = io.StringIO()
    assert main(["credits", workshop, "--policy", "no-such-system"], stdout=io.StringIO(), stderr=err) == 2
    assert "no-such-system: no such file or bundled policy" in err.getvalue()  # as every command says it


def test_a_dated_counting_rule_is_read_on_the_day_asked() -> None:
    halves = load_policy("nasba-halves")
    dated = attrs.evolve(halves, changes=[Change(parameter="ceu_increment", effective="2027-01-01", value="0.2")])
    time = dt.timedelta(minutes=90)
    with pytest.raises(InvalidInputError) as caught:
        credits(time, policy=dated)
    assert caught.value.field == "on"
    assert credits(time, policy=dated, on=dt.date(2026, 12, 31)).amount == Decimal("1.5")
    assert credits(time, policy=dated, on=dt.date(2027, 1, 1)).amount == Decimal("1.8")
    workshop = Program(
        title="Ninety minutes",
        activity="workshop",
        offering_dates=["2027-02-01"],
        agenda=Agenda(segments=[Segment(kind="instruction", start="09:00", end="10:30")]),
    )
    assert credits(workshop, policy=dated).amount == Decimal("1.8")
    assert credits(workshop, policy=dated, on=dt.date(2026, 6, 1)).amount == Decimal("1.5")
    (line,) = credit_statement(workshop, policies=[dated]).lines
    assert str(line.credits) == "1.8 CPE"
    assert line.fingerprint == dated.fingerprint


def test_the_rules_reference_states_a_profiles_counting() -> None:
    from ceurules.clauses import rules_reference

    apart = attrs.evolve(load_policy("nasba-halves"), sum_segments=False)
    (d7,) = [line for line in rules_reference(policy=apart).splitlines() if line.startswith("| D7 |")]
    assert "One CPE for every 1 contact hour, counted exactly and awarded in steps of 0.5 rounded down" in d7
    assert "; first award: 1 (less earns nothing);" in d7
    assert "; contact blocks: each counted on its own." in d7
