"""Policy files: the bundled source policy, loading, writing, errors that name file, line and field; the
``policy=`` argument that takes a policy, a bundled policy's name, or a policy file's path or text."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from dateutil.relativedelta import MO, relativedelta
from hypothesis import given

import ceurules
from ceurules import (
    DEFAULT_POLICY,
    Change,
    CreditingRule,
    InvalidInputError,
    Policy,
    PolicyFileError,
    RuleNotInForceError,
    Source,
    Term,
    ceus,
    check_eligibility,
    credit_statement,
    credits,
    load_policy,
    load_program,
)
from ceurules.policy_files import bundled_policies, dump_policy, line_of, policy_file_schema
from ceurules.program_files import load_program_text
from helpers import WORKSHOP, d
from strategies import policy_documents

BUNDLED = Path(ceurules.__file__).parent / "policies" / "source.toml"


def test_the_default_policy_is_the_bundled_file() -> None:
    assert "source" in bundled_policies()
    assert load_policy("source") == DEFAULT_POLICY
    assert load_policy(BUNDLED) == DEFAULT_POLICY
    assert load_policy(str(BUNDLED)) == DEFAULT_POLICY


def test_the_default_is_read_from_the_bundled_file_once_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    from ceurules import policy as policy_module

    monkeypatch.setattr(policy_module, "_default", [])  # as in a fresh process: nothing read yet
    default = policy_module.DEFAULT
    assert repr(default) == "DEFAULT_POLICY"
    assert default.name == "Source CEU policy"  # reads through to the policy, reading it first
    first = policy_module.check_policy(default)
    assert first == load_policy("source") == DEFAULT_POLICY
    assert policy_module._default == [first]
    assert policy_module.check_policy(default) is first  # read once
    monkeypatch.delattr(policy_module, "DEFAULT_POLICY", raising=False)  # not yet asked for by name
    assert policy_module.DEFAULT_POLICY is first
    assert vars(policy_module)["DEFAULT_POLICY"] is first  # kept: later reads are a plain look-up
    with pytest.raises(AttributeError) as info:
        policy_module.DEFAULT_POLICIES  # noqa: B018
    assert str(info.value) == "module 'ceurules.policy' has no attribute 'DEFAULT_POLICIES'"


def test_the_class_defaults_are_the_source_policy_values() -> None:
    assert attrs.evolve(DEFAULT_POLICY, sources=()) == Policy()


def test_the_bundled_file_is_canonical() -> None:
    # Regenerate with: python -c "import ceurules; print(ceurules.DEFAULT_POLICY.to_toml(), end='')" > the file
    assert BUNDLED.read_text(encoding="utf-8") == DEFAULT_POLICY.to_toml()


def test_every_source_value_cites_its_source() -> None:
    cited = {name for name, _ in DEFAULT_POLICY.sources}
    assert cited == {a.name for a in attrs.fields(Policy) if a.init} - {"name", "changes", "sources", "texts"}
    assert DEFAULT_POLICY.source_of("lead_time_days") == Source(
        document="Consortium CEU policy page", section="Approval requests (approval.lead-time); D1"
    )


@given(policy_documents())
def test_to_toml_round_trips_exactly(policy: Policy) -> None:
    text = policy.to_toml()
    again = load_policy(text)
    assert again == policy
    assert again.to_toml() == text
    assert again.fingerprint == policy.fingerprint


@given(policy_documents())
def test_policy_files_match_their_json_schema(policy: Policy) -> None:
    data = json.loads(json.dumps(tomllib.loads(policy.to_toml()), default=str))
    jsonschema.validate(data, policy_file_schema())


def test_the_schema_refuses_junk() -> None:
    schema = policy_file_schema()
    for junk in (
        {},
        {"format": 2},
        {"format": 1, "extra": 1},
        {"format": 1, "parameters": {"lead_time": {"value": 1}}},
        {"format": 1, "parameters": {"lead_time_days": {"value": -1}}},
        {"format": 1, "parameters": {"name": {"value": "x"}}},
        {"format": 1, "parameters": {"crediting_rules": {"versions": []}}},
        {"format": 1, "parameters": {"lead_time_days": {"versions": [{"value": 21}]}}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(junk, schema)


def test_a_short_file_keeps_the_source_values() -> None:
    policy = load_policy('format = 1\nname = "Agency"\n[parameters.lead_time_days]\nvalue = 21\n')
    assert policy == attrs.evolve(Policy(), name="Agency", lead_time_days=21)


def test_a_dated_parameter_is_one_edit_of_the_file() -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace(
        "[parameters.lead_time_days]\nvalue = 14\n",
        "[parameters.lead_time_days]\nvalue = 14\nversions = [{ from = 2027-08-01, value = 21 }]\n",
    )
    policy = load_policy(text)
    assert policy.changes == (Change(parameter="lead_time_days", effective=d("2027-08-01"), value=21),)
    assert policy.on(d("2027-07-31")).lead_time_days == 14
    assert policy.on(d("2027-08-01")).lead_time_days == 21
    assert policy.version_from("lead_time_days", d("2027-08-01")) == d("2027-08-01")
    assert policy.version_from("lead_time_days", d("2027-07-31")) is None
    assert policy.fingerprint != DEFAULT_POLICY.fingerprint


def test_versions_on_one_day_share_one_snapshot_and_snapshots_know_their_policy() -> None:
    policy = attrs.evolve(
        DEFAULT_POLICY,
        changes=[
            Change(parameter="lead_time_days", effective="2027-08-01", value=21),
            Change(parameter="review_business_days", effective="2027-08-01", value=5),
            Change(parameter="review_business_days", effective="2028-01-01", value=4),
        ],
    )
    snapshot = policy.on(d("2027-09-01"))
    assert (snapshot.lead_time_days, snapshot.review_business_days) == (21, 5)
    assert snapshot.on(d("2028-01-01")).review_business_days == 4
    assert snapshot.on(d("2020-01-01")).review_business_days == 3
    assert policy.on(d("2020-01-01")) == attrs.evolve(policy, changes=())
    assert snapshot.stamp == policy.stamp
    assert policy.stamp.to_dict() == {"name": "Source CEU policy", "fingerprint": policy.fingerprint}
    assert snapshot.source_of("lead_time_days") == policy.source_of("lead_time_days")
    assert snapshot.to_toml() == policy.to_toml()


def test_the_fingerprint_is_stable() -> None:
    assert DEFAULT_POLICY.fingerprint == load_policy("source").fingerprint
    assert DEFAULT_POLICY.fingerprint.startswith("sha256:") and len(DEFAULT_POLICY.fingerprint) == 23
    assert attrs.evolve(DEFAULT_POLICY, lead_time_days=15).fingerprint != DEFAULT_POLICY.fingerprint
    assert pickle.loads(pickle.dumps(DEFAULT_POLICY)) == DEFAULT_POLICY


def error(text: str) -> PolicyFileError:
    with pytest.raises(PolicyFileError) as caught:
        load_policy(text)
    assert isinstance(caught.value, ValueError)
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "field", "says"),
    [
        ("format = 1\n\n[parameters.lead_time_days]\nvalue = -3\n", 4, "parameters.lead_time_days.value",
         "expected a whole number of at least 0, got -3"),
        ("format = 1\n[parameters.lead_time]\nvalue = 3\n", 2, "parameters.lead_time", "unknown key 'lead_time'"),
        ("format = 2\n", 1, "format", "expected format = 1, got 2"),
        ("name = 'x'\n", None, "", "missing key 'format'"),
        ("format = 1\nname = 5\n", 2, "name", "expected text, got 5"),
        ("format = 1\n[parameters.ceu_rounding]\nvalue = 'sideways'\n", 3, "parameters.ceu_rounding.value",
         "expected one of down, half_even, half_up, up, got 'sideways'"),
        ("format = 1\n[parameters.application_window]\nvalue = { weeks = 2 }\n", 3,
         "parameters.application_window.value.weeks", "unknown key 'weeks'"),
        ("format = 1\n[parameters.application_window]\nvalue = { days = 'x' }\n", 3,
         "parameters.application_window.value.days", "expected a whole number, got 'x'"),
        ("format = 1\n[parameters.application_window]\nvalue = { days = -5 }\n", 3,
         "parameters.application_window.value",
         "expected a window that ends 0 to 3660 days after any day it starts from, got { days = -5 }"),
        ("format = 1\n[parameters.semi_osl_delay]\nvalue = '30 days'\n", 3, "parameters.semi_osl_delay.value",
         "expected a window such as { days = 30 } or { months = 1 } (years, months, days), or a whole number of "
         "days, got '30 days'"),
        ("format = 1\n[parameters.semi_osl_delay]\nvalue = true\n", 3, "parameters.semi_osl_delay.value",
         "or a whole number of days, got true"),
        ("format = 1\n[parameters.calendar]\nvalue = { country = 'XX' }\n", 3, "parameters.calendar.value",
         "the holidays package has no calendar for country='XX'"),
        ("format = 1\n[parameters.calendar]\nvalue = { land = 'US' }\n", 3, "parameters.calendar.value.land",
         "unknown key 'land'"),
        ("format = 1\n[parameters.crediting_rules]\nvalue = 3\n", 3, "parameters.crediting_rules.value",
         "expected a list of crediting rules"),
        ("format = 1\n[parameters.crediting_rules]\nvalue = [{ clause = 'yearlong.annual', effective = 2000-01-01 }]\n",
         3, "parameters.crediting_rules.value[0]", "missing key 'terms'"),
        ("format = 1\n[parameters.crediting_rules]\nvalue = [{ clause = 'yearlong.annual', effective = 2000-01-01, "
         "terms = { name = 'y', months = [13], issued_month = 6 } }]\n", 3,
         "parameters.crediting_rules.value[0].terms[0].months", "expected a month number from 1 to 12, got 13"),
        ("format = 1\n[parameters.crediting_rules]\nvalue = [{ clause = 'yearlong.nowhere', "
         "terms = { name = 'y', months = [1], issued_month = 6 } }]\n", 3,
         "parameters.crediting_rules.value[0].clause", "got 'yearlong.nowhere'"),
        ("format = 1\n[parameters.calendar]\nvalue = { extra_closures = ['2026-12-24', '2026-13-01'] }\n", 3,
         "parameters.calendar.value.extra_closures[1]", "expected a real calendar date (YYYY-MM-DD), got '2026-13-01'"),
        ("format = 1\n[parameters.calendar]\nvalue = { weekend = [7] }\n", 3,
         "parameters.calendar.value.weekend", "got [7]"),
        ("format = 1\n[parameters.crediting_rules]\nversions = [{ from = 2027-08-01, value = [] }]\n", 3,
         "parameters.crediting_rules.versions", "crediting_rules cannot change on a date"),
        ("format = 1\n[parameters.lead_time_days]\nversions = 21\n", 3, "parameters.lead_time_days.versions",
         "expected a list of {from = <date>, value = ...}"),
        ("format = 1\n[parameters.lead_time_days]\nversions = [{ from = 'soon', value = 21 }]\n", 3,
         "parameters.lead_time_days.versions[0].from", "expected an ISO date such as 2026-11-20, got 'soon'"),
        ("format = 1\n[parameters.lead_time_days]\nversions = [{ from = 2027-08-01 }]\n", 3,
         "parameters.lead_time_days.versions[0]", "missing key 'value'"),
        ("format = 1\n[parameters.lead_time_days]\nversions = [{ value = 21 }]\n", 3,
         "parameters.lead_time_days.versions[0]", "missing key 'from'"),
        ("format = 1\n[parameters.lead_time_days]\nsource = { document = '' }\n", 3,
         "parameters.lead_time_days.source.document", "expected non-empty text, got ''"),
        ("format = 1\n[parameters.processing_latest_business_days]\nversions = [{ from = 2027-08-01, value = 2 }]\n",
         3, "parameters.processing_latest_business_days.versions", "at least processing_earliest_business_days (7)"),
        ("format = 1\n[parameters.processing_earliest_business_days]\nvalue = 12\n", None,
         "parameters.processing_latest_business_days", "at least processing_earliest_business_days (12)"),
        ("format = 1\nparameters = 3\n", 2, "parameters", "expected a table, got 3"),
        ("format = 1\n[parameters]\nlead_time_days = 3\n", 3, "parameters.lead_time_days", "expected a table"),
        ("format = 1\nname = \n", 2, "name", "not valid TOML: no value (Invalid value)"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_naming_line_and_field(text: str, line: int | None, field: str, says: str) -> None:
    err = error(text)
    assert (err.source, err.line, err.field) == ("<text>", line, field)
    assert says in err.message
    assert str(err).startswith("<text>" + (f", line {line}" if line else "") + ": ")
    assert pickle.loads(pickle.dumps(err)).args == err.args


def test_every_mistake_of_a_policy_file_is_said_at_once_in_the_order_it_is_written() -> None:
    text = (
        "format = 1\n"
        "[parameters.lead_time_days]\nvalue = -3\nvalu = 4\n"  # lines 3 and 4
        "[parameters.oops]\nvalue = 1\n"  # line 5
        "[parameters.calendar]\nvalue = { country = 'XX' }\n"  # line 8
        "[clauses]\n'approval.lead-time' = 'Send it {lead_days} days ahead.'\n"  # line 10
    )
    err = error(text)
    assert [path for path, _ in err.problems] == [
        "parameters.lead_time_days.value", "parameters.lead_time_days.valu", "parameters.oops",
        "parameters.calendar.value", "clauses.approval.lead-time",
    ]
    assert err.lines == (3, 4, 5, 8, 10)
    assert (err.line, err.field) == (3, "parameters.lead_time_days.value")  # the first, as for one mistake
    assert str(err).splitlines()[:2] == [
        "<text>: 5 problem(s)",
        "  parameters.lead_time_days.value (line 3): expected a whole number of at least 0, got -3",
    ]
    again = pickle.loads(pickle.dumps(err))
    assert (again.problems, again.lines, str(again)) == (err.problems, err.lines, str(err))


def test_two_versions_from_one_date_are_named_by_the_parameter_and_the_date() -> None:
    text = (
        "format = 1\n[parameters.lead_time_days]\nvalue = 14\n"
        "versions = [{ from = 2027-08-01, value = 21 }, { from = 2027-01-01, value = 7 },"
        " { from = 2027-01-01, value = 9 }]\n"
    )
    err = error(text)
    assert err.problems == (
        (
            "parameters.lead_time_days.versions",
            "expected at most one change of lead_time_days on one date, got 2027-01-01",
        ),
    )
    assert err.lines == (4,)


def test_a_bad_file_on_disk_is_named(tmp_path: Path) -> None:
    path = tmp_path / "agency.toml"
    path.write_text("format = 1\n[parameters.lead_time_days]\nvalue = 'soon'\n", encoding="utf-8")
    with pytest.raises(PolicyFileError, match=r"agency\.toml, line 3: parameters\.lead_time_days\.value: "):
        load_policy(path)
    with pytest.raises(PolicyFileError, match="cannot read the file"):
        load_policy(tmp_path / "missing.toml")
    with pytest.raises(PolicyFileError, match=r"no such file or bundled policy; bundled: ama-pra-1, .*, source$"):
        load_policy("agency")
    with pytest.raises(ceurules.InvalidInputError):
        load_policy(3)  # type: ignore[arg-type]


def test_a_window_may_be_a_number_of_days_and_a_third_rule_version_shows_both_ends() -> None:
    from ceurules import CLAUSES

    policy = load_policy("format = 1\n[parameters.application_window]\nvalue = 45\n")
    assert policy.application_window == relativedelta(days=45)
    annual, semester = DEFAULT_POLICY.crediting_rules
    third = attrs.evolve(annual, effective=d("2030-07-01"))
    three = attrs.evolve(DEFAULT_POLICY, crediting_rules=(annual, semester, third))
    assert CLAUSES["yearlong.semester"].effective_text(policy=three) == "from 2016-07-01 until 2030-07-01"


def test_line_of_follows_tables_and_dotted_keys() -> None:
    text = 'format = 1\n[parameters]\nlead_time_days.value = 3\n\n[ "parameters" . calendar ] # x\nvalue = {}\n'
    assert line_of(text, "parameters.lead_time_days.value") == 3
    assert line_of(text, "parameters.calendar.value.country") == 6
    assert line_of(text, "parameters.semi_osl_delay") == 2
    assert line_of(text, "nowhere") is None


def test_changes_are_checked() -> None:
    with pytest.raises(ceurules.InvalidInputError, match=r"changes\[0\]\.parameter: .* got 'name'"):
        attrs.evolve(DEFAULT_POLICY, changes=[Change(parameter="name", effective="2027-01-01", value="x")])
    with pytest.raises(ceurules.InvalidInputError, match=r"changes\[0\]: expected a Change"):
        attrs.evolve(DEFAULT_POLICY, changes=[3])  # type: ignore[list-item]
    twice = [Change(parameter="lead_time_days", effective="2027-01-01", value=v) for v in (1, 2)]
    with pytest.raises(ceurules.InvalidInputError) as twice_refused:
        attrs.evolve(DEFAULT_POLICY, changes=twice)
    assert str(twice_refused.value) == (
        "changes[1].effective (lead_time_days from 2027-01-01): expected at most one change of lead_time_days on"
        " one date, got 2027-01-01"
    )
    with pytest.raises(ceurules.InvalidInputError, match=r"changes\[0\]\.value \(lead_time_days from 2027-01-01\)"):
        attrs.evolve(DEFAULT_POLICY, changes=[Change(parameter="lead_time_days", effective="2027-01-01", value=-1)])
    with pytest.raises(ceurules.InvalidInputError, match="sources: expected the name of a policy parameter"):
        attrs.evolve(DEFAULT_POLICY, sources={"lead_time": Source(document="x")})
    with pytest.raises(ceurules.InvalidInputError, match="source: expected a Source or None"):
        Change(parameter="lead_time_days", effective=date(2027, 1, 1), value=1, source="x")  # type: ignore[arg-type]


def test_lead_time_14_then_21_from_2027_08_01() -> None:
    from ceurules import Program, submission_deadline

    policy = load_policy(
        BUNDLED.read_text(encoding="utf-8").replace(
            "[parameters.lead_time_days]\nvalue = 14\n",
            "[parameters.lead_time_days]\nvalue = 14\nversions = [{ from = 2027-08-01, value = 21 }]\n",
        )
    )
    assert submission_deadline([d("2027-07-31")], policy=policy) == d("2027-07-17")
    assert submission_deadline([d("2027-08-01")], policy=policy) == d("2027-07-11")
    program = Program(title="T", activity="workshop", offering_dates=["2027-08-02", "2027-07-30"])
    request = ceurules.ApprovalRequest(program=program, received="2027-07-16", documents=ceurules.Documents())
    lead = next(f for f in ceurules.check_approval_request(request, policy=policy).findings
                if f.clause == "approval.lead-time")  # fmt: skip
    assert lead.facts["lead_time_days"] == 14 and lead.facts["lead_time_days_from"] is None
    later = attrs.evolve(request, program=attrs.evolve(program, offering_dates=[d("2027-08-02")]))
    lead = next(f for f in ceurules.check_approval_request(later, policy=policy).findings
                if f.clause == "approval.lead-time")  # fmt: skip
    assert lead.facts["lead_time_days"] == 21 and lead.facts["lead_time_days_from"] == d("2027-08-01")
    assert "4 day(s) after the deadline 2027-07-12 (21 days before the first offering)" in lead.message


def test_changes_of_two_parameters_on_one_date_make_one_version_after_an_earlier_one() -> None:
    from ceurules import Change

    policy = attrs.evolve(
        load_policy("source"),
        changes=[
            Change(parameter="lead_time_days", effective="2027-01-01", value=21),
            Change(parameter="review_business_days", effective="2028-01-01", value=5),
            Change(parameter="processing_latest_business_days", effective="2028-01-01", value=20),
        ],
    )
    versions = [
        (v.lead_time_days, v.review_business_days, v.processing_latest_business_days)
        for v in (policy.on(d(day)) for day in ("2026-06-01", "2027-06-01", "2028-06-01"))
    ]
    assert versions == [(14, 3, 10), (21, 3, 10), (21, 5, 20)]


def test_changes_that_are_no_list_are_refused_saying_so() -> None:
    with pytest.raises(InvalidInputError) as refused:
        attrs.evolve(load_policy("source"), changes=5)  # type: ignore[arg-type]
    assert str(refused.value) == "changes: expected a list of Change values, got 5"


def test_the_default_policy_is_read_on_first_use_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from ceurules import policy as policy_module

    monkeypatch.setattr(policy_module, "_default", [])
    first = policy_module.check_policy(policy_module.DEFAULT)  # what a rule gets when no policy is given
    assert first == load_policy("source") and policy_module.check_policy(policy_module.DEFAULT) is first


def test_ceu_questions_without_a_date_are_refused_when_the_policy_dates_the_arithmetic() -> None:
    from datetime import timedelta

    from ceurules import ceus

    down = Change(parameter="ceu_rounding", effective="2027-01-01", value=ceurules.Rounding.DOWN)
    policy = attrs.evolve(DEFAULT_POLICY, changes=[down])
    with pytest.raises(ceurules.InvalidInputError, match=r"on: expected the date .*ceu_rounding from 2027-01-01"):
        ceus(timedelta(minutes=450), policy=policy)
    assert ceus(timedelta(minutes=450), policy=policy, on=date(2026, 12, 31)) == ceurules.ceus("7.5")
    assert str(ceus(timedelta(minutes=450), policy=policy, on=date(2027, 1, 1))) == "0.7"
    assert ceus(timedelta(minutes=450), policy=DEFAULT_POLICY.on(date(2027, 1, 1))) == ceurules.ceus("7.5")


def test_a_question_without_a_date_names_every_dated_parameter_it_reads() -> None:
    changes = [
        Change(parameter="ceu_rounding", effective="2027-01-01", value=ceurules.Rounding.DOWN),
        Change(parameter="ceu_increment", effective="2028-01-01", value=Decimal("0.25")),
        Change(parameter="lead_time_days", effective="2026-01-01", value=21),  # not read by ceus
    ]
    policy = attrs.evolve(DEFAULT_POLICY, changes=changes)
    with pytest.raises(InvalidInputError) as info:
        ceus("7.5", policy=policy)
    assert str(info.value) == (
        "on: expected the date the question is about: the policy changes ceu_increment from 2028-01-01, "
        "ceu_rounding from 2027-01-01, got null"
    )
    assert policy.undated("lead_time_days2", "name") is policy  # no dated parameter read: no date needed
    in_2028 = policy.on(date(2028, 1, 1))
    assert in_2028.undated("ceu_rounding", "ceu_increment") is in_2028  # a version is a dated question already
    assert (str(ceus("7.5", policy=policy.on(date(2027, 1, 1)))), str(ceus("7.5", policy=in_2028))) == ("0.7", "0.75")


def test_a_calendar_in_a_policy_file_is_taken_as_written() -> None:
    """A subdivision applies only when the file gives one: never the source's Mississippi (D3)."""
    whole_us = load_policy('format = 1\n[parameters.calendar]\nvalue = { country = "US" }\n').calendar
    assert (whole_us.country, whole_us.subdivision) == ("US", None)
    assert whole_us.is_business_day(d("2027-04-26"))  # Confederate Memorial Day is Mississippi's alone
    assert not DEFAULT_POLICY.calendar.is_business_day(d("2027-04-26"))
    france = load_policy('format = 1\n[parameters.calendar]\nvalue = { country = "FR" }\n').calendar
    assert (france.country, france.subdivision) == ("FR", None)
    assert not france.is_business_day(d("2027-07-14"))
    florida = load_policy('format = 1\n[parameters.calendar]\nvalue = { country = "US", subdivision = "FL" }\n')
    assert florida.calendar.subdivision == "FL"


@pytest.mark.parametrize(
    ("text", "line", "field", "value"),
    [
        ("format = 1\n[parameters.lead_time_days]\nvalue = 14\nversions = [{ from = 2027-13-01, value = 21 }]\n",
         4, "parameters.lead_time_days.versions[0].from", "2027-13-01"),
        ("format = 1\n[parameters.lead_time_days]\nvalue = 14\n[[parameters.lead_time_days.versions]]\n"
         "from = 2027-02-30\nvalue = 3\n", 5, "parameters.lead_time_days.versions[0].from", "2027-02-30"),
    ],
)  # fmt: skip
def test_a_date_that_is_no_date_is_named_as_program_files_name_it(text: str, line: int, field: str, value: str) -> None:
    with pytest.raises(PolicyFileError) as caught:
        load_policy(text)
    assert (caught.value.line, caught.value.field) == (line, field)
    assert caught.value.message == f"{value} is not a valid TOML date (a real date, written YYYY-MM-DD)"
    program = f'title = "T"\nactivity = "workshop"\noffering_dates = [2026-01-05, {value}]\n'
    with pytest.raises(ceurules.ProgramFileError) as in_program:
        load_program_text(program, "p", json_format=False)
    assert in_program.value.problems[0] == ("offering_dates[1]", caught.value.message)  # the same words in both


# -- a policy value that cannot be read is refused: the whole message, for each check of the policy -----

_TERM = Term(name="fall", months=(8, 9), issued_month=9)


def _evolve(**changes: Any) -> Policy:
    return attrs.evolve(DEFAULT_POLICY, **changes)


REFUSED = [
    pytest.param(
        lambda: Term(name="x", months=(12, 13), issued_month=12),
        "months: expected a month number from 1 to 12, got 13",
        id="Term(months=(12, 13))",
    ),
    pytest.param(
        lambda: Term(name="x", months=(0,), issued_month=1),
        "months: expected a whole number of at least 1, got 0",
        id="Term(months=(0,))",
    ),
    pytest.param(
        lambda: Term(name="x", months=8, issued_month=8),  # type: ignore[arg-type]
        "months: expected a list of month numbers, got 8",
        id="Term(months=8)",
    ),
    pytest.param(
        lambda: Term(name="x", months="8", issued_month=8),  # type: ignore[arg-type]
        "months: expected a list of month numbers, got '8'",
        id="Term(months='8')",
    ),
    pytest.param(
        lambda: Term(name="x", months=(), issued_month=8),
        "months: expected one or more distinct month numbers, got []",
        id="Term(months=())",
    ),
    pytest.param(
        lambda: Term(name="x", months=(1, 1), issued_month=1),
        "months: expected one or more distinct month numbers, got [1, 1]",
        id="Term(months=(1, 1))",
    ),
    pytest.param(
        lambda: Term(name="x", months=(12,), issued_month=13),
        "issued_month: expected a month number from 1 to 12, got 13",
        id="Term(issued_month=13)",
    ),
    pytest.param(
        lambda: CreditingRule(clause="yearlong.semester", effective="2030-07-01", terms=()),
        "terms: expected one or more Term values, got []",
        id="terms=()",
    ),
    pytest.param(
        lambda: CreditingRule(clause="yearlong.semester", effective="2030-07-01", terms=5),  # type: ignore[arg-type]
        "terms: expected one or more Term values, got 5",
        id="terms=5",
    ),
    pytest.param(
        lambda: CreditingRule(clause="yearlong.semester", effective="2030-07-01", terms=("fall",)),  # type: ignore[arg-type]
        "terms: expected one or more Term values, got ['fall']",
        id="terms=('fall',)",
    ),
    pytest.param(
        lambda: CreditingRule(
            clause="yearlong.semester",
            effective="2030-07-01",
            terms=(_TERM, Term(name="s", months=(9,), issued_month=9)),
        ),
        "terms: expected terms that share no month, got [Term(name='fall', months=(8, 9), issued_month=9), "
        "Term(name='s', months=(9,), issued_month=9)]",
        id="terms share",
    ),
    pytest.param(
        lambda: CreditingRule(clause="yearlong.quarter", effective="2030-07-01", terms=(_TERM,)),
        "clause: expected a clause ID of the registry, got 'yearlong.quarter'",
        id="clause",
    ),
    pytest.param(
        lambda: CreditingRule(clause=5, effective="2030-07-01", terms=(_TERM,)),  # type: ignore[arg-type]
        "clause: expected a clause ID of the registry, got 5",
        id="clause 5",
    ),
    pytest.param(
        lambda: CreditingRule(
            clause="yearlong.semester", effective="2030-07-01", terms=(_TERM,), school_year_start=13,
        ),
        "school_year_start: expected a month number from 1 to 12, got 13",
        id="school_year_start=13",
    ),
    pytest.param(
        lambda: _evolve(crediting_rules=()),
        "crediting_rules: expected one or more CreditingRule values, got []",
        id="rules=()",
    ),
    pytest.param(
        lambda: _evolve(crediting_rules=5),
        "crediting_rules: expected one or more CreditingRule values, got 5",
        id="rules=5",
    ),
    pytest.param(
        lambda: _evolve(crediting_rules=(_TERM,)),
        "crediting_rules: expected one or more CreditingRule values, got [Term(name='fall', months=(8, 9), "
        "issued_month=9)]",
        id="rules=(T,)",
    ),
    pytest.param(
        lambda: _evolve(crediting_rules=(DEFAULT_POLICY.crediting_rules[0], DEFAULT_POLICY.crediting_rules[0])),
        "crediting_rules: expected rule versions with distinct effective dates (at most one with no start), "
        "got [CreditingRule(clause='yearlong.annual', effective=None, terms=(Term(name='year', months=(7, 8, "
        "9, 10, 11, 12, 1, 2, ...",
        id="rules same",
    ),
    pytest.param(
        lambda: _evolve(application_window=-1),
        "application_window: expected a number of days from 0 to 3660, got -1",
        id="window -1",
    ),
    pytest.param(
        lambda: _evolve(application_window=3661),
        "application_window: expected a number of days from 0 to 3660, got 3661",
        id="window 3661",
    ),
    pytest.param(
        lambda: _evolve(application_window=True),
        "application_window: expected a dateutil relativedelta such as relativedelta(days=30), got true",
        id="window True",
    ),
    pytest.param(
        lambda: _evolve(application_window="30"),
        "application_window: expected a dateutil relativedelta such as relativedelta(days=30), got '30'",
        id="window '30'",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(day=1)),
        "application_window: expected a relative window (days=, months=), not absolute fields, got "
        "relativedelta(day=1)",
        id="window day=1",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(month=1)),
        "application_window: expected a relative window (days=, months=), not absolute fields, got "
        "relativedelta(month=1)",
        id="window month=1",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(year=2026)),
        "application_window: expected a relative window (days=, months=), not absolute fields, got "
        "relativedelta(year=2026)",
        id="window year=2026",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(weekday=MO)),
        "application_window: expected a relative window (days=, months=), not absolute fields, got "
        "relativedelta(weekday=MO)",
        id="window weekday",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(hours=1)),
        "application_window: expected a window of whole days or months, got relativedelta(hours=+1)",
        id="window hours",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(minutes=1)),
        "application_window: expected a window of whole days or months, got relativedelta(minutes=+1)",
        id="window minutes",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(seconds=1)),
        "application_window: expected a window of whole days or months, got relativedelta(seconds=+1)",
        id="window seconds",
    ),
    pytest.param(
        lambda: _evolve(application_window=relativedelta(microseconds=1)),
        "application_window: expected a window of whole days or months, got relativedelta(microseconds=+1)",
        id="window microseconds",
    ),
    pytest.param(
        lambda: _evolve(semi_osl_delay=relativedelta(days=-1)),
        "semi_osl_delay: expected a window that ends 0 to 3660 days after any day it starts from, "
        "got relativedelta(days=-1)",
        id="window days=-1",
    ),
    pytest.param(
        lambda: _evolve(semi_osl_delay=relativedelta(days=3661)),
        "semi_osl_delay: expected a window that ends 0 to 3660 days after any day it starts from, "
        "got relativedelta(days=+3661)",
        id="window days=3661",
    ),
    pytest.param(
        lambda: _evolve(semi_osl_delay=relativedelta(months=121)),
        "semi_osl_delay: expected a window that ends 0 to 3660 days after any day it starts from, "
        "got relativedelta(years=+10, months=+1)",
        id="window months=121",
    ),
    pytest.param(
        lambda: _evolve(semi_osl_delay=relativedelta(years=11)),
        "semi_osl_delay: expected a window that ends 0 to 3660 days after any day it starts from, "
        "got relativedelta(years=+11)",
        id="window years=11",
    ),
    pytest.param(
        lambda: _evolve(semi_osl_delay=relativedelta(months=1, days=-31)),
        "semi_osl_delay: expected a window that ends 0 to 3660 days after any day it starts from, "
        "got relativedelta(months=+1, days=-31)",
        id="window months=1 days=-31",
    ),
    pytest.param(
        lambda: _evolve(contact_hours_per_ceu=0),
        "contact_hours_per_ceu: expected a number greater than zero, got 0",
        id="contact_hours_per_ceu 0",
    ),
    pytest.param(
        lambda: _evolve(ceu_increment="-1"),
        "ceu_increment: expected a number of CEUs that is not negative, got '-1'",
        id="ceu_increment -1",
    ),
    pytest.param(
        lambda: _evolve(ceu_increment=2),
        "ceu_increment: expected an increment of at most one whole unit, got 2",
        id="ceu_increment 2",
    ),
    pytest.param(
        lambda: _evolve(first_award=Decimal("0.05")),
        "first_award: expected 0 or at least the increment (0.1), got 0.05",
        id="first_award 0.05",
    ),
    pytest.param(
        lambda: _evolve(processing_latest_business_days=6),
        "processing_latest_business_days: expected at least processing_earliest_business_days (7), got 6",
        id="processing",
    ),
    pytest.param(
        lambda: _evolve(contact_kinds="instruction"),
        "contact_kinds: expected a collection of segment kinds, got 'instruction'",
        id="contact_kinds 'instruction'",
    ),
    pytest.param(
        lambda: _evolve(contact_kinds=5),
        "contact_kinds: expected a collection of segment kinds, got 5",
        id="contact_kinds 5",
    ),
    pytest.param(
        lambda: _evolve(contact_kinds=["lecture"]),
        "contact_kinds: expected segment kinds such as 'instruction', got ['lecture']",
        id="contact_kinds lecture",
    ),
    pytest.param(
        lambda: _evolve(contact_kinds=[]),
        "contact_kinds: expected at least one segment kind that counts as contact time, got []",
        id="contact_kinds []",
    ),
    pytest.param(
        lambda: _evolve(calendar="US"),
        "calendar: expected a BusinessCalendar, got 'US'",
        id="calendar",
    ),
    pytest.param(
        lambda: Source(document="d", url="ftp://x"),
        "url: expected a web address starting with https:// or http://, got 'ftp://x'",
        id="url",
    ),
    pytest.param(
        lambda: Source(document="d", url=5),  # type: ignore[arg-type]
        "url: expected non-empty text, got 5",
        id="url 5",
    ),
    pytest.param(
        lambda: _evolve(changes=[Change(parameter="crediting_rules", effective="2027-01-01", value=1)]),
        "changes[0].parameter: expected a parameter that can change on a date, got 'crediting_rules'",
        id="changes param",
    ),
    pytest.param(
        lambda: _evolve(
            changes=[
                Change(parameter="lead_time_days", effective="2027-01-01", value=1),
                Change(parameter="lead_time_days", effective="2027-01-01", value=2),
            ],
        ),
        "changes[1].effective (lead_time_days from 2027-01-01): expected at most one change of lead_time_days on"
        " one date, got 2027-01-01",
        id="changes twice",
    ),
    pytest.param(
        lambda: _evolve(changes=[Change(parameter="lead_time_days", effective="2027-01-01", value=-1)]),
        "changes[0].value (lead_time_days from 2027-01-01): expected a whole number of at least 0, got -1",
        id="changes value",
    ),
    pytest.param(
        lambda: Change(parameter="lead_time_days", effective="2027-01-01", value=1, source="x"),  # type: ignore[arg-type]
        "source: expected a Source or None, got 'x'",
        id="change source",
    ),
    pytest.param(
        lambda: _evolve(sources="x"),
        "sources: expected a mapping of parameter names to Source values, got 'x'",
        id="sources 'x'",
    ),
    pytest.param(
        lambda: _evolve(sources=5),
        "sources: expected a mapping of parameter names to Source values, got 5",
        id="sources 5",
    ),
    pytest.param(
        lambda: _evolve(sources=[("lead_time_days", "x")]),
        "sources: expected a mapping of parameter names to Source values, got [['lead_time_days', 'x']]",
        id="sources pair",
    ),
    pytest.param(
        lambda: _evolve(sources={"lead_time": Source(document="d")}),
        "sources: expected the name of a policy parameter, got 'lead_time'",
        id="sources name",
    ),
    pytest.param(
        lambda: _evolve(texts="x"),
        "texts: expected a mapping of clause IDs and defaults to templates, got 'x'",
        id="texts 'x'",
    ),
    pytest.param(
        lambda: _evolve(texts=5),
        "texts: expected a mapping of clause IDs and defaults to templates, got 5",
        id="texts 5",
    ),
    pytest.param(
        lambda: _evolve(texts=["D1"]),
        "texts: expected a mapping of clause IDs and defaults to templates, got ['D1']",
        id="texts item",
    ),
    pytest.param(
        lambda: DEFAULT_POLICY.crediting_rule_on("junk"),  # type: ignore[arg-type]
        "day: expected an ISO date such as 2026-11-20, got 'junk'",
        id="rule_on junk",
    ),
]


@pytest.mark.parametrize(
    "window",
    [
        relativedelta(years=10, days=8),  # 3661 days from 2000-01-01
        relativedelta(months=1, days=-29),  # 2001-02-01 would move back to 2001-01-31
        relativedelta(days=1, leapdays=-2),  # 2000-03-01 would move back to 2000-02-29
        relativedelta(years=1, days=-1, leapdays=-366),  # only days of 2003 from March on move back
        relativedelta(years=11, days=-400),  # 3617 days, but more than ten years
        relativedelta(leapdays=367),  # 367 days from 2000-03-01, but more than a year of leap days
        relativedelta(days=10**7),  # past the end of the calendar
        relativedelta(days=-(10**7)),  # before its start
        relativedelta(years=-1, days=10**6),
    ],
)
def test_a_window_that_moves_some_day_back_or_too_far_is_refused(window: relativedelta) -> None:
    with pytest.raises(InvalidInputError) as info:
        _evolve(semi_osl_delay=window)
    assert str(info.value) == (
        "semi_osl_delay: expected a window that ends 0 to 3660 days after any day it starts from, "
        f"got {window!r}"
    )


@pytest.mark.parametrize(
    "window",
    [
        0,
        3660,
        relativedelta(days=3660),
        relativedelta(years=10, days=7),  # 3660 days from 2000-01-01, fewer from other days
        relativedelta(months=120),
        relativedelta(months=1, days=-28),  # 2001-02-01 stays put
        relativedelta(days=1, leapdays=-1),  # 2000-03-01 stays put
        relativedelta(years=1, leapdays=-366),  # 2003-03-01 stays put
        relativedelta(years=10, days=-400),
        relativedelta(leapdays=366),
    ],
)
def test_a_window_from_0_to_3660_days_on_every_day_is_taken(window: relativedelta | int) -> None:
    taken = _evolve(semi_osl_delay=window).semi_osl_delay
    assert taken == (relativedelta(days=window) if isinstance(window, int) else window)


def test_values_at_the_edge_of_each_check_are_taken() -> None:
    edge = _evolve(processing_latest_business_days=7, ceu_increment=1, first_award=1)
    assert (edge.processing_latest_business_days, edge.ceu_increment, edge.first_award) == (7, Decimal(1), Decimal(1))
    assert _evolve(first_award=Decimal("0.1")).first_award == Decimal("0.1")
    assert Source(document="d", url="http://example.org").url == "http://example.org"
    assert Source(document="d", url="https://example.org").url == "https://example.org"


def test_a_window_moves_a_day_by_whole_days_or_by_calendar_months_and_leap_days() -> None:
    from ceurules.policy import shift

    assert shift(date(2026, 1, 31), relativedelta(days=30)) == date(2026, 3, 2)
    assert shift(date(2026, 1, 31), relativedelta(months=1)) == date(2026, 2, 28)  # the month's last day
    assert shift(date(2024, 2, 29), relativedelta(years=1)) == date(2025, 2, 28)
    assert shift(date(2024, 3, 1), relativedelta(days=1, leapdays=1)) == date(2024, 3, 3)  # a leap year
    assert shift(date(2023, 3, 1), relativedelta(days=1, leapdays=1)) == date(2023, 3, 2)


@pytest.mark.parametrize(("make", "says"), REFUSED)
def test_each_check_of_a_policy_value_says_what_it_expected(make: Any, says: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        make()
    assert str(info.value) == says


def test_a_term_s_first_and_last_months_are_in_school_year_order_whatever_order_they_are_listed_in() -> None:
    annual, semesters = DEFAULT_POLICY.crediting_rules
    year, fall, spring = annual.terms[0], *semesters.terms
    assert [(annual.first_month(t), annual.last_month(t)) for t in (year, fall, spring)] == [(7, 6), (8, 12), (1, 6)]
    shuffled = Term(name="winter", months=(2, 12, 7, 1), issued_month=2)
    assert (annual.first_month(shuffled), annual.last_month(shuffled)) == (7, 2)
    shuffled = attrs.evolve(shuffled, issued_month=12)  # issued in its last month: a January school year's December
    january = CreditingRule(clause="yearlong.annual", effective=None, terms=(shuffled,), school_year_start=1)
    assert (january.first_month(shuffled), january.last_month(shuffled)) == (1, 12)


def test_a_crediting_rule_asked_before_its_first_version_is_not_in_force() -> None:
    semesters = _evolve(crediting_rules=DEFAULT_POLICY.crediting_rules[1:])
    assert semesters.crediting_rule_on(date(2016, 7, 1)).clause == "yearlong.semester"
    with pytest.raises(RuleNotInForceError) as info:
        semesters.crediting_rule_on(date(2016, 6, 30))
    assert str(info.value) == (
        "no year-long crediting rule is in force on 2016-06-30: "
        "the first version (yearlong.semester) takes effect on 2016-07-01"
    )


# -- dated versions may give their dates as ISO text; JSON is said to be not read ----------------


QUOTED = '[parameters.lead_time_days]\nversions = [{ from = "2027-08-01", value = 21 }]\n'


def test_a_dated_version_may_give_its_date_as_iso_text() -> None:
    policy = load_policy("format = 1\n" + QUOTED)
    assert policy.on(dt.date(2027, 8, 1)).lead_time_days == 21
    assert policy.on(dt.date(2027, 7, 31)).lead_time_days == 14


def test_a_json_policy_file_is_said_to_be_not_read() -> None:
    with pytest.raises(PolicyFileError, match=r"policy files are TOML; JSON is not read"):
        load_policy('{"format": 1,\n "name": "x"}')
    assert "TOML" in policy_file_schema()["description"]


# -- policy= takes a policy, a bundled policy's name, a policy file's path or its text ---------


def test_policy_may_be_a_bundled_name_in_every_function() -> None:
    halves = load_policy("nasba-halves")
    assert ceus(750, policy="nasba-halves") == ceus(750, policy=halves)  # type: ignore[arg-type]
    assert credits(750, policy="nasba-halves") == credits(750, policy=halves)  # type: ignore[arg-type]
    program = load_program(WORKSHOP)
    assert check_eligibility(program, policy="source") == check_eligibility(program, policy=DEFAULT_POLICY)  # type: ignore[arg-type]


def test_policy_may_be_a_policy_file_path(tmp_path: Path) -> None:
    policy = load_policy("nasba-halves")
    path = tmp_path / "my=policy.toml"
    path.write_text(dump_policy(policy), encoding="utf-8")
    assert ceus(750, policy=path) == ceus(750, policy=policy)  # type: ignore[arg-type]
    assert ceus(750, policy=str(path)) == ceus(750, policy=policy)  # type: ignore[arg-type]
    assert ceus(750, policy=dump_policy(policy)) == ceus(750, policy=policy)  # type: ignore[arg-type]


def test_a_policy_argument_that_names_nothing_says_what_it_may_be() -> None:
    from ceurules.policy import check_policy

    with pytest.raises(InvalidInputError) as caught:
        check_policy("no-such-policy")
    names = ", ".join(bundled_policies())
    assert str(caught.value) == (
        f"policy: expected an existing policy file or a bundled policy name ({names}), got 'no-such-policy'"
    )
    with pytest.raises(InvalidInputError) as caught:
        check_policy(5, "rules")
    assert str(caught.value) == (
        "rules: expected a Policy such as DEFAULT_POLICY, a policy file or a bundled policy name, got 5"
    )


@pytest.mark.parametrize("junk", [None, {"lead_time_days": 14}, "no-such-policy", 1])
def test_policy_junk_is_refused_naming_policy(junk: Any) -> None:
    with pytest.raises(InvalidInputError) as caught:
        ceus(1, policy=junk)
    assert caught.value.field == "policy"
    with pytest.raises(InvalidInputError) as caught:
        check_eligibility(load_program(WORKSHOP), policy=junk)
    assert caught.value.field == "policy"


def test_a_broken_policy_file_given_as_policy_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[parameters\n", encoding="utf-8")
    with pytest.raises(PolicyFileError, match=r"broken\.toml"):
        ceus(1, policy=path)  # type: ignore[arg-type]


def test_credit_statement_names_the_policy_it_refuses() -> None:
    program = load_program(WORKSHOP)
    with pytest.raises(InvalidInputError) as caught:
        credit_statement(program, policies=["source", "no-such-policy"])
    assert caught.value.field == "policies[1]"


def test_an_existing_file_with_an_equals_sign_in_its_name_is_read_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``my=policy.toml`` names a file when one exists (text is told apart by a line break or an ``=``)."""
    from ceurules.cli import main
    from ceurules.policy_files import policy_named

    (tmp_path / "my=policy.toml").write_text(dump_policy(load_policy("iacet")), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("my=policy.toml", str(tmp_path / "my=policy.toml")):
        assert load_policy(name) == load_policy("iacet")
        assert policy_named(name) == load_policy("iacet")
    assert main(["rules", "--policy", "my=policy.toml"]) == 0
    with pytest.raises(PolicyFileError, match=r"<text>"):  # no such file: text, as before
        load_policy("other=policy.toml")


def test_every_mistake_of_every_version_is_said_at_once() -> None:
    text = (
        "format = 1\n[parameters.lead_time_days]\nversions = [{ from = '08/01/2027', value = 21 }, "
        "{ from = 2027-01-01, value = -3 }, { from = 'soon', value = 'x', colour = 1, source = { document = '' } }]\n"
    )
    where = "parameters.lead_time_days.versions"
    assert [(path, message.partition(", got")[0]) for path, message in error(text).problems] == [
        (f"{where}[0].from", "expected an ISO date such as 2026-11-20"),
        (f"{where}[1].value", "expected a whole number of at least 0"),
        (f"{where}[2].colour", "unknown key 'colour'; expected one of from, source, value"),
        (f"{where}[2].from", "expected an ISO date such as 2026-11-20"),
        (f"{where}[2].value", "expected a whole number of at least 0"),
        (f"{where}[2].source.document", "expected non-empty text"),
    ]


def test_a_misspelt_parameter_is_named_as_such() -> None:
    err = error("format = 1\n[parameters.lead_time_dys]\nvalue = 21\n")
    assert err.message.startswith("unknown key 'lead_time_dys' (a misspelling of 'lead_time_days'?); expected one of")


def test_a_misspelt_bundled_policy_name_is_named_as_such() -> None:
    with pytest.raises(PolicyFileError, match=r"bundled policy \(a misspelling of 'iacet'\?\); bundled: "):
        load_policy("iacte")
