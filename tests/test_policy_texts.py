"""The wording of clauses and defaults is the policy's: templates in the policy file, over its values."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceurules import (
    DEFAULT_POLICY,
    ApprovalRequest,
    Documents,
    InvalidInputError,
    Policy,
    PolicyFileError,
    Program,
    check_approval_request,
    load_policy,
)
from ceurules.clauses import CLAUSES, DEFAULTS, TEXT_KEYS, default_text, placeholders, rules_reference, text_of
from ceurules.cli import main
from helpers import d
from strategies import dates, policy_documents

AGENCY = """format = 1
name = "Neighbouring agency"

[parameters.lead_time_days]
value = 21

[clauses]
"approval.lead-time" = "Send the request at least {lead_time_days} ahead of the first day of the program."

[defaults]
D1 = "Count {lead_time_days} back from the first day, weekends included: that day is still in time."
"""

DATED = """format = 1
[parameters.lead_time_days]
value = 14
versions = [{ from = 2027-08-01, value = 21 }]
"""


def test_a_changed_value_and_a_changed_template_both_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agency.toml"
    path.write_text(AGENCY, encoding="utf-8")
    agency = load_policy(path)
    assert CLAUSES["approval.lead-time"].text(policy=agency) == (
        "Send the request at least 21 days ahead of the first day of the program."
    )
    assert main(["rules", "--policy", str(path)]) == 0
    out = capsys.readouterr().out
    assert "| `approval.lead-time` | always | Send the request at least 21 days ahead of the first day" in out
    assert "| D1 | Count 21 days back from the first day, weekends included: that day is still in time. |" in out
    assert out == rules_reference(agency)
    assert "14" not in out.replace("| D14 |", "")
    # the clauses a decision cites are explained in its policy's words
    program = Program(title="Fall institute", activity="workshop", offering_dates=["2027-09-20"])
    request = ApprovalRequest(program=program, received="2027-09-10", documents=Documents())
    decision = check_approval_request(request, policy=agency)
    notes = decision._repr_markdown_()
    assert "- `approval.lead-time`: Send the request at least 21 days ahead" in notes
    assert "- `D1`: Count 21 days back from the first day" in notes
    assert "Send the request at least 21 days ahead" in decision._repr_html_()
    assert "The approval request must arrive 14 days" in check_approval_request(request)._repr_markdown_()
    # other texts keep the source policy's wording
    assert agency.text_of("approval.review") == DEFAULT_POLICY.text_of("approval.review")


def test_the_wording_round_trips_and_is_part_of_the_fingerprint() -> None:
    agency = load_policy(AGENCY)
    assert load_policy(agency.to_toml()) == agency
    reworded = attrs.evolve(agency, texts={"approval.lead-time": "At least {lead_time_days} ahead."})
    assert reworded != agency and reworded.fingerprint != agency.fingerprint
    assert '"approval.lead-time" = "At least {lead_time_days} ahead."' in reworded.to_toml()


@pytest.mark.parametrize(
    ("table", "line", "expected"),
    [
        ('"approval.lead-time" = "Arrive {lead_days} ahead."', "{lead_days}", "{lead_time_days}"),
        ('"approval.lead-time" = "Arrive {review_business_days} ahead."', "{review_business_days}", "lead_time_days"),
        ('"approval.lead-time" = "Arrive {lead_time_days:>4} ahead."', "{lead_time_days}", "lead_time_days"),
        ('"approval.lead-time" = "Arrive {lead_time_days!r} ahead."', "{lead_time_days!r}", "lead_time_days"),
        ('"approval.lead-time" = "Arrive {lead_time_days ahead."', "braces pair up", "braces"),
        ('"approval.lead-time" = ""', "got ''", "a text"),
        ('"approval.lead-time" = 14', "got 14", "a text"),
        ('"course.need" = "{lead_time_days}"', "{lead_time_days}", "a value course.need reads: none"),
    ],
)
def test_a_template_naming_a_value_the_clause_does_not_read_is_refused(table: str, line: str, expected: str) -> None:
    text = f"format = 1\n\n[clauses]\n\"ceu.unit\" = \"One {{unit_abbreviation}}.\"\n{table}\n"
    with pytest.raises(PolicyFileError) as err:
        load_policy(text)
    assert err.value.line == 5
    assert err.value.field == f"clauses.{table.split('=')[0].strip().strip(chr(34))}"
    assert line in str(err.value) and expected in str(err.value)


def test_an_unknown_text_key_is_refused_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agency.toml"
    path.write_text('format = 1\n[defaults]\nD1 = "{lead_time_days}"\nD17 = "More."\n', encoding="utf-8")
    with pytest.raises(PolicyFileError, match=r"line 4: defaults\.D17: unknown key 'D17'"):
        load_policy(path)
    assert main(["rules", "--policy", str(path)]) == 2
    assert "agency.toml, line 4: defaults.D17" in capsys.readouterr().err
    with pytest.raises(InvalidInputError, match=r"texts\.D2: expected a value D2 reads: .*got '\{lead_time_days\}'"):
        attrs.evolve(DEFAULT_POLICY, texts={"D2": "{lead_time_days}"})
    with pytest.raises(InvalidInputError, match=r"texts: expected a clause ID of the registry or a default"):
        attrs.evolve(DEFAULT_POLICY, texts={"D0": "text"})
    with pytest.raises(InvalidInputError, match=r"texts: expected a mapping"):
        attrs.evolve(DEFAULT_POLICY, texts="D1")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"texts: expected a mapping"):
        attrs.evolve(DEFAULT_POLICY, texts=[("D1",)])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match=r"clause: expected a clause ID"):
        text_of("approval.leadtime")
    with pytest.raises(InvalidInputError, match=r"default: expected one of the reading's defaults"):
        default_text("approval.lead-time")


def test_a_dated_value_reads_naturally_and_the_changes_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    dated = load_policy(DATED)
    reference = rules_reference(dated)
    assert (
        "| `approval.lead-time` | always; its values change on 2027-08-01 | The approval request must arrive "
        "14 days (21 days from 2027-08-01) or more before the program is first offered. |"
    ) in reference
    assert "| D1 | The lead time of 14 days (21 days from 2027-08-01) counts calendar days;" in reference
    assert "## Values that change on a date (D13)" in reference
    assert "| 2027-08-01 | `lead_time_days` | 21 days (was 14 days) | `approval.lead-time`, `D1` |" in reference
    assert "## Values that change" not in rules_reference()
    before, after = rules_reference(dated, on=d("2027-07-31")), rules_reference(dated, on=d("2027-08-01"))
    assert "must arrive 14 days or more before" in before and "21 days" not in before.split("## Values")[0]
    assert "must arrive 21 days or more before" in after and "The texts say the values in force on 2027-08-01." in after
    assert "Generated by" not in rules_reference(on=d("2027-08-01"))
    main(["rules", "--policy", DATED, "--on", "2027-08-01"])
    assert capsys.readouterr().out == after
    # the in-force column names each day a value a clause reads changes: the calendar too
    calendar = attrs.evolve(
        DEFAULT_POLICY,
        changes=[attrs.evolve(dated.changes[0], parameter="review_business_days", value=5, effective=d("2028-01-03"))],
    )
    assert CLAUSES["approval.review"].effective_text(policy=calendar) == "always; its values change on 2028-01-03"
    assert "review is due 3 business days (5 business days from 2028-01-03) after that" in default_text("D2", calendar)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    return set(_DATE.findall(text)) | set(_NUMBER.findall(_DATE.sub(" ", text)))


def _leaves(value: Any) -> list[str]:
    """Every value of a policy file's table as text, sources left out."""
    if isinstance(value, dict):
        return [leaf for k, v in value.items() if k != "source" for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [str(value)]


def _policy_values(policy: Policy) -> set[str]:
    """Every number the policy's values hold, read back from its file (sources left out)."""
    return set().union(*(_numbers(leaf) for leaf in _leaves(tomllib.loads(policy.to_toml())["parameters"])))


_WORDS = st.sampled_from(["the", "request", "arrives", "before", "CEUs", ";", "(", ")", ",", "days"])


@st.composite
def _reworded(draw: st.DrawFn) -> Policy:
    """A generated policy, some of its texts reworded: words without digits and any values the text may name."""
    policy = draw(policy_documents())
    keys = draw(st.lists(st.sampled_from(TEXT_KEYS), max_size=6, unique=True))
    texts = {}
    for key in keys:
        names = sorted(placeholders(key))
        parts = st.one_of(_WORDS, st.sampled_from(names).map(lambda n: "{" + n + "}")) if names else _WORDS
        texts[key] = " ".join(draw(st.lists(parts, min_size=1, max_size=8)))
    return attrs.evolve(policy, texts=texts)


@given(_reworded(), st.none() | dates)
def test_every_number_of_every_text_is_a_value_of_the_policy(policy: Policy, on: dt.date | None) -> None:
    allowed = _policy_values(policy)
    for key in TEXT_KEYS:
        text = text_of(key, policy=policy, on=on)
        assert _numbers(text) <= allowed, (key, text)
    assert load_policy(policy.to_toml()) == policy


def test_the_source_wording_holds_no_number_of_its_own() -> None:
    for key in TEXT_KEYS:
        assert not _NUMBER.search(DEFAULT_POLICY.text_of(key)), key
    assert set(DEFAULTS) | set(CLAUSES) == set(TEXT_KEYS)


def test_defaults_and_the_calendar_in_words() -> None:
    d7 = DEFAULTS["D7"]
    assert d7.template() == DEFAULT_POLICY.text_of("D7") and str(d7) == d7.text() == default_text("D7")
    assert "{contact_hours_per_ceu}" in d7.template(policy=load_policy(AGENCY))
    closed = attrs.evolve(
        DEFAULT_POLICY,
        calendar=attrs.evolve(DEFAULT_POLICY.calendar, removed_holidays=[d("2026-11-27")]),
    )
    assert default_text("D3", closed).endswith("(holidays of US-MS, public, observed, open on 2026-11-27).")
    from ceurules.clauses import render

    assert render("Within {review_business_days}.", closed, clause_id="approval.review") == "Within 3 business days."
    with pytest.raises(InvalidInputError, match=r"texts\.approval\.review"):
        render("Within {lead_time_days}.", closed, clause_id="approval.review")
