"""Regressions from a user trial: each test uses the input the trial reported."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from ceurules import (
    DEFAULT_POLICY,
    InvalidInputError,
    Payment,
    PolicyFileError,
    ProgramFileError,
    SegmentKind,
    ceus,
    check_eligibility,
    credit_statement,
    credits,
    load_policy,
    load_program,
    submission_deadline,
)
from ceurules.clauses import rules_reference
from ceurules.cli import _parser, main
from ceurules.policy_files import dump_policy, policy_file_schema
from ceurules.program_files import load_program_text

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
WORKSHOP = EXAMPLES / "workshop.ceu.toml"

# policy= read by one converter in every public function


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


# --today / --as-of read strictly at argument parsing


@pytest.mark.parametrize("today", ["2300-01-01", "0001-01-01", "20270120", "2027-1-20"])
def test_a_bad_today_is_a_usage_error(today: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(WORKSHOP), "--today", today]) == 2
    err = capsys.readouterr().err
    assert f"--today: expected a date such as 2026-11-28 in the years 1900-2199, got '{today}'" in err
    assert "as_of" not in err


# submission_deadline takes one date, given as a date or an ISO string


def test_submission_deadline_takes_one_iso_date() -> None:
    assert submission_deadline("2026-12-15") == submission_deadline(dt.date(2026, 12, 15)) == dt.date(2026, 12, 1)
    with pytest.raises(InvalidInputError) as caught:
        submission_deadline("2026-13-15")
    assert caught.value.field == "offering_dates"


# timeline: refusals named as in the file; the window cited as the credit check cites it


def test_timeline_refusal_names_the_file_and_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = WORKSHOP.read_text(encoding="utf-8")
    far = tmp_path / "far.ceu.toml"
    far.write_text(re.sub(r"(?m)^offering_dates = .*$", "offering_dates = [2199-12-30]", text), encoding="utf-8")
    assert main(["timeline", str(far)]) == 2
    err = capsys.readouterr().err
    assert f"{far}: 1 problem(s)" in err
    assert re.search(r"  offering_dates \(line \d+, column \d+\): expected a date whose application deadline", err)
    assert main(["check", str(far)]) == 2  # check refuses what timeline refuses
    cert = tmp_path / "cert.ceu.toml"
    cert.write_text(text.replace("certificate_date = 2026-12-15", "certificate_date = 2199-12-20"), encoding="utf-8")
    assert main(["timeline", str(cert), "--participant", "Jordan Lee"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"  applications\[0\]\.certificate_date \(line \d+, column \d+\): expected a date whose app", err)


def test_timeline_cites_the_window_as_the_credit_check_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(WORKSHOP), "--participant", "Riley Chen"]) == 0
    assert "2027-02-11 Thu  last day to apply and pay (credit.window, D4)" in capsys.readouterr().out
    main(["check", str(WORKSHOP)])
    assert "within the window ending 2027-02-11. (credit.window, D4)" in capsys.readouterr().out
    assert main(["timeline", str(WORKSHOP), "--participant", "Jordan Lee"]) == 0  # certificate dated: D5
    assert "2027-01-14 Thu  last day to apply and pay (credit.window, D5)" in capsys.readouterr().out
    main(["check", str(WORKSHOP)])
    assert "within the window ending 2027-01-14. (credit.window, D5)" in capsys.readouterr().out


# program files: syntax errors named by key and place


def test_a_bad_toml_date_in_a_nested_table_names_the_field(tmp_path: Path) -> None:
    text = WORKSHOP.read_text(encoding="utf-8")
    first = text.index("paid = ")
    second = text.index("paid = ", first + 1)
    end = text.index("\n", second)
    bad = text[:second] + "paid = 2027-03-32" + text[end:]
    line = bad[:second].count("\n") + 1
    with pytest.raises(ProgramFileError) as caught:
        load_program_file_text(bad)
    assert caught.value.problems == (
        ("applications[1].paid", "2027-03-32 is not a valid TOML date (a real date, written YYYY-MM-DD)"),
    )
    assert caught.value.locations == ((line, 8),)


def test_other_toml_syntax_errors_keep_the_parser_message() -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_file_text('title = "T"\n[approval]\napproved_on = tomorrow\n')
    assert caught.value.problems[0][0] == "approval.approved_on"
    assert caught.value.problems[0][1].startswith("not valid TOML: tomorrow (")
    with pytest.raises(ProgramFileError) as caught:
        load_program_file_text("[[applications\n")
    assert caught.value.problems[0][0] == ""


def test_a_json_key_given_twice_is_placed() -> None:
    text = '{\n  "title": "Again",\n  "title": "T",\n  "applications": [{"participant": "A", "participant": "B"}]\n}\n'
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "dup.ceu.json", json_format=True)
    assert caught.value.problems == (
        ("title", "the key appears twice in one object; a key is given once"),
        ("applications[0].participant", "the key appears twice in one object; a key is given once"),
    )
    assert caught.value.locations == ((3, 3), (4, 41))


def load_program_file_text(text: str) -> object:
    return load_program_text(text, "bad.ceu.toml", json_format=False)


# policy files: ISO text dates in versions; JSON named as not read

QUOTED = '[parameters.lead_time_days]\nversions = [{ from = "2027-08-01", value = 21 }]\n'


def test_a_dated_version_may_give_its_date_as_iso_text() -> None:
    policy = load_policy("format = 1\n" + QUOTED)
    assert policy.on(dt.date(2027, 8, 1)).lead_time_days == 21
    assert policy.on(dt.date(2027, 7, 31)).lead_time_days == 14


def test_a_json_policy_file_is_said_to_be_not_read() -> None:
    with pytest.raises(PolicyFileError, match=r"policy files are TOML; JSON is not read"):
        load_policy('{"format": 1,\n "name": "x"}')
    assert "TOML" in policy_file_schema()["description"]


# documentation lists what the code offers


def test_docs_list_every_command_format_and_segment_kind() -> None:
    root = Path(__file__).parent.parent
    synopsis = (root / "docs" / "cli.md").read_text(encoding="utf-8").split("```")[1]
    commands: dict[str, Any] = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr,assignment]
    assert sorted(commands) == sorted(
        {line.split()[1] for line in synopsis.splitlines() if line.startswith("ceurules ")}
    )
    check_formats = commands["check"]._option_string_actions["--format"].choices
    assert f"--format {'|'.join(check_formats)}`" in (root / "README.md").read_text(encoding="utf-8")
    kinds = ", ".join(k.value for k in SegmentKind)
    assert f"# {kinds}\n" in (root / "docs" / "program-files.md").read_text(encoding="utf-8")


def test_only_the_bundled_policys_reference_says_it_is_generated_for_docs() -> None:
    halves = rules_reference(load_policy("nasba-halves"))
    assert "Generated by" not in halves and halves.startswith("# Rules reference\n\nPolicy: ")
    assert "Generated by `ceurules rules --tests tests > docs/rules.md`" in rules_reference(DEFAULT_POLICY, tested={})
    assert "Generated by" not in rules_reference(DEFAULT_POLICY)  # what `ceurules rules` prints: not the docs page


def test_the_in_force_column_names_the_days_a_clauses_values_change() -> None:
    dated = load_policy("format = 1\n" + QUOTED)
    assert "| `approval.lead-time` | always; its values change on 2027-08-01 |" in rules_reference(dated)
    assert "| `approval.lead-time` | always |" in rules_reference(DEFAULT_POLICY)


def test_the_file_report_header_uses_the_policys_unit(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(WORKSHOP), "--policy", "nasba-halves"])
    out = capsys.readouterr().out
    nasba = load_policy("nasba-halves")
    header = f"policy: {nasba.name} (fingerprint {nasba.fingerprint})\n\n"  # which policy answered, first
    assert out.startswith(f"{header}{WORKSHOP}: 7.5 CPE per session\n")
    assert "earns 7.5 CPE" in out


def test_an_impossible_date_written_as_iso_text_is_called_not_a_real_date() -> None:
    # paid = "2027-02-30" is in ISO form already: the message says the day does not exist.
    with pytest.raises(InvalidInputError, match=r"a real calendar date \(YYYY-MM-DD\), got '2027-02-30'"):
        Payment(paid="2027-02-30")
    with pytest.raises(InvalidInputError, match="an ISO date such as 2026-11-20, got '2027-2-3'"):
        Payment(paid="2027-2-3")
