"""The case files (tests/cases/*.toml), one test per case, and the runner that reads them.

Each case names its clause; every clause of the registry and every default
D1-D16 has at least three cases. ``ceurules test tests/cases`` runs the same
cases from the command line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from ceurules import DEFAULT_POLICY, ActivityType, Change, load_policy, program_files
from ceurules.cases import Case, Expected, case_files, clause_map, load_cases, run_case
from ceurules.clauses import CLAUSES, DEFAULTS
from ceurules.cli import main
from ceurules.errors import CaseFileError, InvalidInputError
from ceurules.policy_files import _parameter_names
from ceurules.program_format import PROGRAM

FOLDER = Path(__file__).parent / "cases"
CASES = [case for path in case_files([FOLDER]) for case in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    result = run_case(case)
    assert result.passed, str(result)


def test_every_clause_and_default_has_three_cases() -> None:
    clauses = Counter(c for case in CASES for c in case.clauses)
    defaults = Counter(d for case in CASES for d in case.defaults)
    assert {c: clauses[c] for c in CLAUSES if clauses[c] < 3} == {}
    assert {d: defaults[d] for d in DEFAULTS if defaults[d] < 3} == {}


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


# -- the runner --------------------------------------------------------------------------

BASE = """
[programs.w]
title = "W"
activity = "workshop"
offering_dates = [2026-12-15]
contact_hours = "6"
approval_request = { received = 2026-11-20 }
"""


def write(tmp_path: Path, text: str, name: str = "c.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def case_text(body: str) -> str:
    return BASE + '\n[[case]]\nname = "one"\nclause = "approval.lead-time"\nbased_on = "w"\n' + body


def test_a_case_that_does_not_hold_fails_naming_what_differs(tmp_path: Path) -> None:
    expect = (
        'expect.verdict = "pass"\nexpect.outcomes = { "approval.lead-time" = "not met" }\n'
        'expect.facts."approval.lead-time" = { deadline = 2026-12-02 }\nexpect.ceus = "0.5"\n'
        'expect.events = [{ clause = "approval.lead-time", day = 2026-12-02 }]\n'
    )
    path = write(tmp_path, case_text(expect))
    (case,) = load_cases(path)
    result = run_case(case)
    assert not result.passed
    text = str(result)
    assert text.startswith(f"FAIL c: one ({path}, line 9)")
    # differences as the case file writes them (TOML), never Python reprs, each with the line of its expectation
    assert '\n  - verdict (line 13): expected "pass", got "fail"\n' in text  # the documents are missing
    assert '\n  - outcomes of approval.lead-time (line 14): expected "not met", got "met"\n' in text
    assert "\n  - facts of approval.lead-time (line 15):\n      deadline: expected 2026-12-02, got 2026-12-01\n" in text
    assert '\n  - ceus (line 16): expected "0.5", got "0.6"\n' in text
    assert "{'" not in text and "['" not in text
    assert "\n  - event of approval.lead-time on 2026-12-02 (line 17): not in the timeline" in text
    assert text.endswith(
        "\n  - event of approval.lead-time on 2026-12-02 (line 17): not in the timeline (its approval.lead-time "
        "events: [2026-11-20, 2026-12-01])"
    )
    shown = [line.split(" (line ")[0] for line in text.splitlines() if line.startswith("  - ")]
    assert shown == [  # in the order the case file writes them
        "  - verdict", "  - outcomes of approval.lead-time", "  - facts of approval.lead-time", "  - ceus",
        "  - event of approval.lead-time on 2026-12-02",
    ]  # fmt: skip


def test_a_case_passes_and_says_so(tmp_path: Path) -> None:
    (case,) = load_cases(write(tmp_path, case_text('expect.outcomes = { "approval.lead-time" = ["met"] }\n')))
    assert str(run_case(case)) == "PASS c: one"


def test_a_case_whose_clause_is_not_cited_fails(tmp_path: Path) -> None:
    text = case_text('expect.ceus = "0.6"\n').replace('"approval.lead-time"', '"credit.semi-osl"')
    (case,) = load_cases(write(tmp_path, text))
    problem = "the case is about credit.semi-osl (line 11), but nothing in the answer cites it"
    assert run_case(case).problems == (problem,)


def test_the_problems_of_a_failed_case_are_in_the_order_the_file_writes_them(tmp_path: Path) -> None:
    text = case_text('expect.verdict = "pass"\n').replace('"approval.lead-time"', '"credit.semi-osl"')
    (case,) = load_cases(write(tmp_path, text))
    assert run_case(case).problems == (
        "the case is about credit.semi-osl (line 11), but nothing in the answer cites it",
        'verdict (line 13): expected "pass", got "fail"',
    )
    text = BASE + '\n[[case]]\nname = "one"\nbased_on = "w"\nexpect.verdict = "pass"\nclause = "credit.semi-osl"\n'
    (case,) = load_cases(write(tmp_path, text))
    assert run_case(case).problems == (
        'verdict (line 12): expected "pass", got "fail"',
        "the case is about credit.semi-osl (line 13), but nothing in the answer cites it",
    )
    partly = attrs.evolve(case, expected=attrs.evolve(case.expected, ceus=Decimal("1")), lines={"verdict": 1})
    assert run_case(partly).problems == (  # an expectation without a known line comes first
        "the case is about credit.semi-osl, but nothing in the answer cites it",
        'ceus: expected "1", got "0.6"',
        'verdict (line 1): expected "pass", got "fail"',
    )


def test_outcomes_and_events_that_differ_are_written_as_the_case_writes_them(tmp_path: Path) -> None:
    expect = (
        'expect.outcomes = { "approval.lead-time" = ["not met"] }\n'
        'expect.events = [{ clause = "credit.semi-osl", day = 2026-12-02 }]\n'
    )
    (case,) = load_cases(write(tmp_path, case_text(expect)))
    assert run_case(case).problems == (
        'outcomes of approval.lead-time (line 13): expected ["not met"], got ["met"]',
        "event of credit.semi-osl on 2026-12-02 (line 14): not in the timeline (its credit.semi-osl events: none)",
    )


def test_overrides_apply_over_the_policy_given(tmp_path: Path) -> None:
    text = case_text('policy.lead_time_days = 30\nexpect.outcomes = { "approval.lead-time" = "not met" }\n')
    (case,) = load_cases(write(tmp_path, text))
    assert run_case(case).passed
    assert case.policy(DEFAULT_POLICY).lead_time_days == 30
    assert case.policy(load_policy("iacet")).unit_abbreviation == load_policy("iacet").unit_abbreviation
    dated = [Change(parameter="lead_time_days", effective="2026-01-01", value=21),
             Change(parameter="review_business_days", effective="2026-01-01", value=3)]  # fmt: skip
    changed = case.policy(attrs.evolve(DEFAULT_POLICY, changes=dated))
    assert changed.changes == (dated[1],)  # the overridden parameter loses its dated versions, the others keep theirs
    assert case.policy() == case.policy(DEFAULT_POLICY)
    (plain,) = load_cases(write(tmp_path, case_text('expect.outcomes = { "approval.lead-time" = "met" }\n')))
    iacet = load_policy("iacet")
    assert plain.policy(iacet) is iacet


def test_input_the_rules_refuse_is_a_failed_case(tmp_path: Path) -> None:
    text = case_text('as_of = 2199-12-31\nexpect.ceus = "0.6"\n').replace("2026-12-15", "2199-12-20")
    text = text.replace("2026-11-20", "2199-12-01")
    text += 'program.applications = [{ participant = "Jo", attended = [2199-12-20] }]\n'
    (case,) = load_cases(write(tmp_path, text))
    (problem,) = run_case(case).problems
    refused = "expected a date whose application deadline is in the years 1900-2199 (2200-01-19 is not), got 2199-12-20"
    assert problem == (
        f"the rules refused the case's input: {tmp_path / 'c.toml'}: 2 problem(s)\n"
        f"  offering_dates: {refused}\n  applications[0].attended: {refused}"
    )
    shown = problem.replace("\n", "\n      ")  # the problem's lines indented below it
    assert str(run_case(case)) == f"FAIL c: one ({tmp_path / 'c.toml'}, line 9)\n  - {shown}"


def test_run_case_refuses_what_is_not_a_case_or_a_policy() -> None:
    with pytest.raises(InvalidInputError) as case:
        run_case("approval.toml")  # type: ignore[arg-type]
    assert str(case.value) == "case: expected a Case (see load_cases), got 'approval.toml'"
    with pytest.raises(InvalidInputError) as policy:
        run_case(CASES[0], policy=42)  # type: ignore[arg-type]
    assert str(policy.value) == (
        "policy: expected a Policy such as DEFAULT_POLICY, a policy file or a bundled policy name, got 42"
    )
    assert run_case(CASES[0], policy="source").passed  # type: ignore[arg-type]  # a bundled policy by name
    with pytest.raises(InvalidInputError) as base:
        CASES[0].policy(42)  # type: ignore[arg-type]
    assert str(base.value) == (
        "base: expected a Policy such as DEFAULT_POLICY, a policy file or a bundled policy name, got 42"
    )


BAD = [
    ("", None, None, "", "cannot read the file: No such file or directory"),
    ("x = = 1", 1, 5, "x", "not valid TOML: = 1 (Invalid value)"),
    ("x = ", 1, 5, "x", "not valid TOML: no value (Invalid value)"),  # read as program files are: at the end
    (
        "format = 1\n" + case_text('expect.ceus = "1"\n'),
        1,
        10,
        "format",
        "unknown field; expected one of programs, case",
    ),
    ("format = 1\n", None, None, "", "required field 'case' is missing"),
    ("programs = {}\n", None, None, "", "required field 'case' is missing"),
    ("case = []\n", 1, 8, "case", "expected one or more [[case]] tables"),
    ("case = [1]\n", 1, 9, "case[0]", "expected a table, got 1"),
    (
        case_text("expect = {}\n"),
        13,
        10,
        "case[0].expect",
        "expected at least one of verdict, ceus, outcomes, facts, events",
    ),
    (
        case_text('expect.verdict = "ok"\n'),
        13,
        18,
        "case[0].expect.verdict",
        'expected one of pass, fail, needs review, got "ok"',
    ),
    (
        case_text("expect.ceus = 0.5\n"),
        13,
        15,
        "case[0].expect.ceus",
        'expected CEUs written as text, such as "0.8", got 0.5',
    ),
    (
        case_text('expect.ceus = "half"\n'),
        13,
        15,
        "case[0].expect.ceus",
        'expected CEUs written as text, such as "0.8", got "half"',
    ),
    (
        case_text('expect.outcomes = { "x.y" = "met" }\n'),
        13,
        29,
        'case[0].expect.outcomes."x.y"',
        "unknown field; expected one of {clauses}",
    ),
    (
        case_text('expect.outcomes = { "ceu.unit" = "ok" }\n'),
        13,
        34,
        'case[0].expect.outcomes."ceu.unit"',
        'expected an outcome (met, not met, needs review, note) or a list of them, got "ok"',
    ),
    (
        case_text('expect.outcomes = { "ceu.unit" = ["ok"] }\n'),
        13,
        35,
        'case[0].expect.outcomes."ceu.unit"[0]',
        'expected an outcome (met, not met, needs review, note), got "ok"',
    ),
    (case_text("expect.facts = 1\n"), 13, 16, "case[0].expect.facts", "expected a table, got 1"),
    (case_text('program = 1\nexpect.ceus = "1"\n'), 13, 11, "case[0].program", "expected a table, got 1"),
    (case_text('policy = 1\nexpect.ceus = "1"\n'), 13, 10, "case[0].policy", "expected a table, got 1"),
    (
        case_text('expect.ceus = "1"\n').replace("[programs.w]\n", "[programs]\nw = 1\n[programs.v]\n"),
        3,
        5,
        "programs.w",
        "expected a table, got 1",
    ),
    (
        case_text('expect.facts = { "x.y" = { a = 1 } }\n'),
        13,
        26,
        'case[0].expect.facts."x.y"',
        "unknown field; expected one of {clauses}",
    ),
    (
        case_text('expect.facts = { "ceu.unit" = 1 }\n'),
        13,
        31,
        'case[0].expect.facts."ceu.unit"',
        "expected a table, got 1",
    ),
    (
        case_text('expect.facts = { "ceu.unit" = {} }\n'),
        13,
        31,
        'case[0].expect.facts."ceu.unit"',
        "expected one or more facts, such as deadline = 2026-12-01",
    ),
    (
        case_text('expect.facts."ceu.unit" = ["x", 2026-12-01]\n'),
        13,
        27,
        'case[0].expect.facts."ceu.unit"',
        'expected a table, got ["x", 2026-12-01]',
    ),
    (
        case_text(f'expect.verdict = "{"x" * 200}"\n'),
        13,
        18,
        "case[0].expect.verdict",
        'expected one of pass, fail, needs review, got "' + "x" * 116 + "...",
    ),
    (
        case_text(f'expect.verdict = "{"x" * 118}"\n'),
        13,
        18,
        "case[0].expect.verdict",
        'expected one of pass, fail, needs review, got "' + "x" * 118 + '"',  # 120 characters: shown whole
    ),
    (
        case_text('expect.facts."ceu.unit" = ["2026-12-01"]\n'),
        13,
        27,
        'case[0].expect.facts."ceu.unit"',
        'expected a table, got ["2026-12-01"]',  # text as the file writes it, though it reads as a date
    ),
    (
        case_text('expect.facts."approval.lead-time" = { deadline = "2026-13-01" }\n'),
        13,
        50,
        'case[0].expect.facts."approval.lead-time".deadline',
        'expected a real calendar date (YYYY-MM-DD), got "2026-13-01"',  # refused when read, quoted as written
    ),
    (
        case_text('expect.facts."ceu.unit" = { dates = ["2026-12-01", "2026-02-30"], at = { day = "2026-1-32" } }\n'),
        13,
        52,
        'case[0].expect.facts."ceu.unit".dates[1]',
        'expected a real calendar date (YYYY-MM-DD), got "2026-02-30"',  # in a list, in a table
    ),
    (
        case_text('expect.ceus = "1"\n').replace('clause = "approval.lead-time"', 'clause = { on = "2026-12-01" }'),
        11,
        10,
        "case[0].clause",
        'expected a clause ID or a list of them, got {{ on = "2026-12-01" }}',
    ),
    (case_text("expect.events = 1\n"), 13, 17, "case[0].expect.events", "expected a list of events, got 1"),
    (
        case_text("expect.events = [{ clause = 'ceu.unit' }]\n"),
        13,
        18,
        "case[0].expect.events[0]",
        "required field 'day' is missing",
    ),
    (
        case_text("expect.events = [{ clause = 'x.y', day = 2026-01-01 }]\n"),
        13,
        29,
        "case[0].expect.events[0].clause",
        'expected a clause ID, got "x.y"',
    ),
    (
        case_text("expect.events = [{ clause = 'ceu.unit', day = 1 }]\n"),
        13,
        47,
        "case[0].expect.events[0].day",
        "expected a date such as 2026-12-15, got 1",
    ),
    (
        case_text("expect.events = [{ clause = 'ceu.unit', day = 2026-01-01, default = 'D99' }]\n"),
        13,
        69,
        "case[0].expect.events[0].default",
        'expected one of the defaults D1-D16, got "D99"',
    ),
    (
        case_text('as_of = "2026-12-01"\nexpect.ceus = "1"\n'),
        13,
        9,
        "case[0].as_of",
        'expected a date such as 2026-12-15, got "2026-12-01"',
    ),
    (
        case_text('policy.lead_time = 3\nexpect.ceus = "1"\n'),
        13,
        20,
        "case[0].policy.lead_time",
        "unknown parameter; expected one of {parameters}",
    ),
    (
        case_text('policy.lead_time_days = -3\nexpect.ceus = "1"\n'),
        13,
        25,
        "case[0].policy.lead_time_days",
        "expected a whole number of at least 0, got -3",
    ),
    (
        case_text('participant = "Zed"\nexpect.ceus = "1"\n'),
        13,
        15,
        "case[0].participant",
        "expected the name of an application's participant, got \"Zed\"",
    ),
    (
        case_text('defaults = "D1"\nexpect.ceus = "1"\n'),
        13,
        12,
        "case[0].defaults",
        'expected a list such as ["D1"], got "D1"',
    ),
    (
        case_text('defaults = ["D0"]\nexpect.ceus = "1"\n'),
        13,
        13,
        "case[0].defaults[0]",
        'expected one of the defaults D1-D16, got "D0"',
    ),
    (
        case_text('program.title = ""\nexpect.ceus = "1"\n'),
        13,
        17,
        "case[0].program.title",
        "expected non-empty text, got ''",
    ),
    (
        case_text('program.agenda = [1, 2]\nexpect.ceus = "1"\n'),
        13,
        19,
        "case[0].program.agenda[0]",
        "expected a table of fields, got 1",
    ),
    (
        case_text('program.approval_request.received = "soon"\nexpect.ceus = "1"\n'),
        13,
        37,
        "case[0].program.approval_request.received",  # the case changes it, not the program it is based on
        "expected an ISO date such as 2026-11-20, got 'soon'",
    ),
    (
        case_text('program.X = 1\nexpect.ceus = "1"\n'),
        13,
        13,
        "case[0].program.X",
        "unknown field; expected one of {program_fields}",
    ),
    (
        case_text('expect.ceus = "1"\n').replace('title = "W"', 'title = "W"\nX = 1'),
        4,
        5,
        "programs.w.X",
        "unknown field; expected one of {program_fields}",
    ),
    (
        case_text('expect.ceus = "1"\n').replace('title = "W"', "title = 5"),
        3,
        9,
        "programs.w.title",
        "expected non-empty text, got 5",
    ),
    (
        case_text('expect.ceus = "1"\n').replace('based_on = "w"', 'based_on = "v"'),
        12,
        12,
        "case[0].based_on",
        'expected the name of a [programs] table or a program file (.toml, .json), got "v"',
    ),
    (
        case_text('expect.ceus = "1"\nextra = 1\n'),
        14,
        9,
        "case[0].extra",
        "unknown field; expected one of name, clause, defaults, based_on, program, as_of, participant, policy, expect",
    ),
    (
        case_text('expect.ceus = "1"\n').replace('name = "one"\n', ""),
        9,
        1,
        "case[0]",
        "required field 'name' is missing",
    ),
    (
        case_text('expect.ceus = "1"\n').replace('clause = "approval.lead-time"\n', ""),
        9,
        1,
        "case[0]",
        "required field 'clause' is missing",
    ),
    (case_text(""), 9, 1, "case[0]", "required field 'expect' is missing"),
    (
        case_text('expect.ceus = "1"\n').replace('name = "one"', "name = ' '"),
        10,
        8,
        "case[0].name",
        'expected non-empty text, got " "',
    ),
    (
        case_text('expect.ceus = "1"\n').replace('clause = "approval.lead-time"', "clause = []"),
        11,
        10,
        "case[0].clause",
        "expected a clause ID or a list of them, got []",
    ),
    (
        case_text('expect.ceus = "1"\n').replace('clause = "approval.lead-time"', 'clause = ["x"]'),
        11,
        11,
        "case[0].clause[0]",
        'expected a clause ID, got "x"',
    ),
    (
        case_text('expect.ceus = "1"\n') + '[[case]]\nname = "one"\nclause = "ceu.unit"\nbased_on = "w"\n'
        'expect.ceus = "1"\n',
        15,
        8,
        "case[1].name",
        "two cases are named 'one'",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "field", "message"), BAD, ids=[b[3] or b[4].split(":")[0] for b in BAD]
)
def test_a_bad_case_file_is_named_by_line_and_field(
    tmp_path: Path, text: str, line: int | None, column: int | None, field: str, message: str
) -> None:
    path = tmp_path / "missing.toml" if not text else write(tmp_path, text)
    with pytest.raises(CaseFileError) as caught:
        load_cases(path)
    err = caught.value
    assert (err.source, err.line, err.column, err.field) == (str(path), line, column, field), str(err)
    program_fields = ", ".join(sorted(PROGRAM.keys))
    assert err.message == message.format(
        path=path, clauses=", ".join(CLAUSES), parameters=_parameter_names(), program_fields=program_fields
    )


# -- the command -------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["test", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_runs_the_case_files_and_exits_0() -> None:
    code, out, err = run(str(FOLDER))
    assert (code, err) == (0, "")
    files = len(list(case_files([FOLDER])))
    assert out == f"=> {len(CASES)} case(s) in {files} file(s): {len(CASES)} passed, 0 failed\n"


def test_the_command_exits_1_when_a_case_fails_under_another_policy(tmp_path: Path) -> None:
    policy = write(tmp_path, "format = 1\n[parameters.lead_time_days]\nvalue = 30\n", "agency.toml")
    code, out, _ = run(str(FOLDER / "approval.toml"), "--policy", str(policy))
    assert code == 1
    assert "FAIL approval: a request 25 days ahead is on time" in out
    assert out.splitlines()[-1].endswith("failed")


def test_the_command_exits_2_on_a_bad_file_and_runs_the_others(tmp_path: Path) -> None:
    bad = write(tmp_path, "case = []\n")
    code, out, err = run(str(bad), str(FOLDER / "approval.toml"))
    assert code == 2
    assert err == f"ceurules: {bad}: 1 problem(s)\n  case (line 1, column 8): expected one or more [[case]] tables\n"
    assert " 0 failed" in out


def test_the_command_exits_2_on_a_folder_without_case_files(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 2
    assert "no case files" in err


def test_a_folder_of_cases_skips_the_program_files_beside_them(tmp_path: Path) -> None:
    write(tmp_path, BASE.replace("[programs.w]\n", ""), "w.ceu.toml")
    text = case_text('expect.outcomes = { "approval.lead-time" = "met" }\n').replace('"w"', '"w.ceu.toml"')
    cases = write(tmp_path, text, "cases.toml")
    assert list(case_files([tmp_path])) == [cases]
    assert run(str(tmp_path)) == (0, "=> 1 case(s) in 1 file(s): 1 passed, 0 failed\n", "")


def test_a_case_keeps_its_defaults_and_participant(tmp_path: Path) -> None:
    text = case_text('defaults = ["D1"]\nparticipant = "Jo"\nexpect.ceus = "0.6"\n')
    text += 'program.applications = [{ participant = "Jo", attended = [2026-12-15] }]\n'
    (case,) = load_cases(write(tmp_path, text))
    assert (case.defaults, case.participant) == (("D1",), "Jo")


def test_a_case_may_start_from_a_program_file_beside_it(tmp_path: Path) -> None:
    write(tmp_path, BASE.replace("[programs.w]\n", ""), "w.ceu.toml")
    text = case_text('expect.outcomes = { "approval.lead-time" = "met" }\n').replace('"w"', '"w.ceu.toml"')
    (case,) = load_cases(write(tmp_path, text))
    assert run_case(case).passed


@pytest.mark.parametrize(
    ("program", "message"),
    [
        (None, "no program named 'w.ceu.toml' in this file and no file w.ceu.toml beside it (looked for "),
        ("", "w.ceu.toml: <top level>: the file is empty"),
        ('title = "W"\n', "w.ceu.toml: activity (line 1, column 1): required field is missing"),
        (
            BASE.replace("[programs.w]\n", "").replace('"workshop"', '"dance"'),
            "w.ceu.toml: activity (line 3, column 12): ",  # where that file writes it
        ),
        ("title = \n", "w.ceu.toml: title (line 1, column 9): not valid TOML"),
        (b"\xff", "w.ceu.toml: <top level> (line 1, column 1): the file is not UTF-8 text: byte 0xff is not part of"),
        (Path("w.ceu.toml"), "w.ceu.toml: <top level>: cannot read the file: Is a directory"),
    ],
)
def test_a_program_file_that_cannot_be_read_names_based_on(
    tmp_path: Path, program: str | bytes | Path | None, message: str
) -> None:
    if isinstance(program, str):
        write(tmp_path, program, "w.ceu.toml")
    elif isinstance(program, bytes):
        (tmp_path / "w.ceu.toml").write_bytes(program)
    elif isinstance(program, Path):
        (tmp_path / program).mkdir()
    text = case_text('expect.ceus = "1"\n').replace('"w"', '"w.ceu.toml"')
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, text))
    assert (caught.value.field, caught.value.line) == ("case[0].based_on", 12)
    assert message in caught.value.message
    assert "Errno" not in str(caught.value)  # no raw OS text


def test_a_program_file_beside_a_case_is_named_without_a_place_when_it_has_none(tmp_path: Path) -> None:
    write(tmp_path, "[1]", "w.ceu.json")
    text = case_text('expect.ceus = "1"\n').replace('"w"', '"w.ceu.json"')
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, text))
    assert caught.value.problems == (
        ("case[0].based_on", "w.ceu.json: <top level>: expected a table of fields at the top, got [1]"),
    )


def test_a_program_file_beside_a_case_in_json_names_its_own_line_and_column(tmp_path: Path) -> None:
    program = {"title": "W", "activity": "dance", "offering_dates": ["2026-12-15"], "contact_hours": "6"}
    write(tmp_path, json.dumps(program), "w.ceu.json")  # one line: read as TOML, it would have no places
    text = case_text('expect.ceus = "1"\n').replace('"w"', '"w.ceu.json"')
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, text))
    assert (caught.value.field, caught.value.line, caught.value.column) == ("case[0].based_on", 12, 12)
    activities = ", ".join(repr(a.value) for a in ActivityType)
    expected = f"w.ceu.json: activity (line 1, column 28): expected one of {activities}, got 'dance'"
    assert caught.value.message == expected


@pytest.mark.parametrize(
    ("based_on", "field", "message"),
    [
        ("", "case[0].program", "the data is nested too deeply"),
        ('based_on = "w"\n', "programs.w", "the data is nested too deeply"),
        ('based_on = "w.ceu.toml"\n', "case[0].based_on", "w.ceu.toml: <top level>: the data is nested too deeply"),
    ],
)
def test_a_problem_of_a_case_s_whole_program_is_placed_where_the_program_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, based_on: str, field: str, message: str
) -> None:
    def too_deep(*args: object) -> None:
        raise RecursionError

    monkeypatch.setattr(program_files, "_program", too_deep)  # the reader's refusal of data nested too deeply
    write(tmp_path, BASE.replace("[programs.w]\n", ""), "w.ceu.toml")
    own = "" if based_on else 'program = { title = "W", activity = "workshop", offering_dates = [2026-12-15] }\n'
    text = BASE + f'\n[[case]]\nname = "one"\nclause = "approval.lead-time"\n{based_on}{own}expect.ceus = "1"\n'
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, text))
    assert caught.value.problems == ((field, message),)


def test_the_contributing_guide_example_is_a_passing_case(tmp_path: Path) -> None:
    guide = (Path(__file__).parent.parent / "docs" / "contributing.md").read_text()
    example = guide.split("## Case files", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (case,) = load_cases(write(tmp_path, example))
    assert run_case(case).passed, str(run_case(case))


def test_the_clause_map_reads_section_headers_and_wildcards(tmp_path: Path) -> None:
    headers = "# -- program.ineligible.*, credit.window, D4: the lists -----\n# -- not a clause ---\n"
    write(tmp_path, headers, "test_x.py")
    found = clause_map(tmp_path)  # no cases/ folder: test modules only
    named = {c for c, places in found.items() if places}
    assert named == {c for c in CLAUSES if c.startswith("program.ineligible.")} | {"credit.window"}
    assert found["credit.window"] == ((tmp_path / "test_x.py").as_posix(),)


def test_the_command_adds_where_each_clause_lives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FOLDER.parent.parent)
    out = io.StringIO()
    assert main(["rules", "--tests", "tests"], stdout=out, stderr=io.StringIO()) == 0
    assert "| `credit.semi-osl` | `credit.semi_osl_date` | `tests/cases/credit.toml`" in out.getvalue()
    assert out.getvalue() == (FOLDER.parent.parent / "docs" / "rules.md").read_text()  # the command that makes it


@pytest.mark.parametrize("folder", ["docs", "docs/cases", "docs/cases/"])
def test_the_command_finds_the_case_files_of_a_folder_or_of_its_cases_folder(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FOLDER.parent.parent)
    out = io.StringIO()
    assert main(["rules", "--tests", folder], stdout=out, stderr=io.StringIO()) == 0
    row = "| `approval.lead-time` | `approval_deadlines.submission_deadline` | `docs/cases/approval.toml` |"
    assert row in out.getvalue()
    assert "Generated by" not in out.getvalue()  # only `--tests tests`, which makes docs/rules.md, says so


def test_the_clause_map_of_a_folder_of_case_files_is_that_of_its_parent() -> None:
    assert clause_map(FOLDER) == {
        c: tuple(p for p in places if p.endswith(".toml")) for c, places in clause_map(FOLDER.parent).items()
    }


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda root: root / "nosuch", "an existing folder"),
        (lambda root: root, "a folder of case files"),  # an empty folder
        (lambda root: write(root, "not a case", "notes.txt").parent, "a folder of case files"),
        (lambda root: write(root, "x = 1", "a.ceu.toml").parent, "a folder of case files"),  # a program file
    ],
    ids=["missing", "empty", "other files", "program files only"],
)
def test_a_folder_without_cases_or_tests_is_a_usage_error(
    make: Callable[[Path], Path], expected: str, tmp_path: Path
) -> None:
    folder = str(make(tmp_path))
    with pytest.raises(InvalidInputError, match=rf"^folder: expected {expected}"):
        clause_map(folder)
    out, err = io.StringIO(), io.StringIO()
    assert main(["rules", "--tests", folder], stdout=out, stderr=err) == 2
    assert out.getvalue() == ""
    assert err.getvalue() == f"ceurules: --tests: expected {expected}" + err.getvalue().split(expected, 1)[1]
    assert err.getvalue().endswith(f", got {folder!r}\n")


def test_differences_are_written_as_the_case_file_writes_values() -> None:
    from ceurules.cases import as_case_writes

    value = {"approval.dates": [True, False, None], "due": dt.date(2026, 11, 25), "text": 'a "b"', "n": 3, "e": {}}
    assert as_case_writes(value) == (
        '{ "approval.dates" = [true, false, (none)], due = 2026-11-25, text = "a \\"b\\"", n = 3, e = {} }'
    )
    assert as_case_writes({"année": "été"}) == '{ "année" = "été" }'  # written as is, not escaped


# -- every problem at once ---------------------------------------------------------------


def test_every_problem_of_a_case_file_is_reported_at_once(tmp_path: Path) -> None:
    text = case_text('expect.verdit = "pass"\n').replace('clause = "approval.lead-time"', 'clause = "approval.lead"')
    text = text.replace('based_on = "w"', 'based_on = "nope.ceu.toml"')
    path = write(tmp_path, text)
    with pytest.raises(CaseFileError) as caught:
        load_cases(path)
    err = caught.value
    looked = f"no program named 'nope.ceu.toml' in this file and no file nope.ceu.toml beside it (looked for {tmp_path}"
    assert [field for field, _ in err.problems] == ["case[0].clause", "case[0].based_on", "case[0].expect.verdit"]
    assert err.locations == ((11, 10), (12, 12), (13, 17))  # in the order the file writes them
    assert (err.line, err.column, err.field) == (11, 10, "case[0].clause")  # the first, as before
    assert str(err).splitlines() == [
        f"{path}: 3 problem(s)",
        "  case[0].clause (line 11, column 10): expected a clause ID, got \"approval.lead\"",
        f"  case[0].based_on (line 12, column 12): {looked}/nope.ceu.toml)",
        "  case[0].expect.verdit (line 13, column 17): unknown field; expected one of verdict, ceus, outcomes, facts,"
        " events",
    ]
    code, out, stderr = run(str(path))
    assert code == 2
    assert stderr == f"ceurules: {err}\n"
    assert out == "=> 0 case(s) in 1 file(s): 0 passed, 0 failed, 1 file(s) not read (listed on stderr)\n"


MANY = """
[[case]]
name = "two"
clause = ["ceu.unit", "x"]
defaults = ["D1", "D0", "D99"]
based_on = "w"
as_of = "2026-12-01"
participant = "Zed"
policy = { lead_time = 3, lead_time_days = -3 }
program.title = ""
expect.ceus = 1
expect.verdict = "ok"
expect.outcomes = { "x.y" = "met", "ceu.unit" = ["ok", "met", "no"] }
expect.facts = { "ceu.unit" = {}, "approval.lead-time" = 1 }
expect.events = [{ clause = "x", day = 1, default = "D0", when = 1 }, { day = 2026-01-01 }, 3]

[[case]]
name = "one"
clause = "ceu.unit"
based_on = "v"
"""


def test_every_problem_of_every_case_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, case_text('expect.ceus = "x"\n') + MANY)
    with pytest.raises(CaseFileError) as caught:
        load_cases(path)
    fields = [field for field, _ in caught.value.problems]
    assert fields == [
        "case[0].expect.ceus",
        "case[1].clause[1]", "case[1].defaults[1]", "case[1].defaults[2]", "case[1].as_of",
        "case[1].policy.lead_time", "case[1].policy.lead_time_days", "case[1].program.title",
        "case[1].expect.ceus", "case[1].expect.verdict",
        'case[1].expect.outcomes."x.y"',
        'case[1].expect.outcomes."ceu.unit"[0]', 'case[1].expect.outcomes."ceu.unit"[2]',
        'case[1].expect.facts."ceu.unit"', 'case[1].expect.facts."approval.lead-time"',
        "case[1].expect.events[0].clause", "case[1].expect.events[0].day", "case[1].expect.events[0].default",
        "case[1].expect.events[0].when", "case[1].expect.events[1]", "case[1].expect.events[2]",
        "case[2]", "case[2].name", "case[2].based_on",
    ]  # fmt: skip
    messages = dict(caught.value.problems)
    assert messages["case[2]"] == "required field 'expect' is missing"
    assert messages["case[2].name"] == "two cases are named 'one'"
    assert messages["case[1].expect.events[1]"] == "required field 'clause' is missing"
    assert all(where is not None for where in caught.value.locations)


def test_a_participant_is_checked_once_the_program_reads(tmp_path: Path) -> None:
    text = case_text('participant = "Zed"\nprogram.title = ""\nexpect.ceus = "1"\n')
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, text))
    assert [field for field, _ in caught.value.problems] == ["case[0].program.title"]  # Zed: no program to look in


def test_a_problem_of_a_shared_program_is_reported_once(tmp_path: Path) -> None:
    text = case_text('expect.ceus = "1"\n').replace('title = "W"', "title = 5")
    text += '[[case]]\nname = "two"\nclause = "ceu.unit"\nbased_on = "w"\nexpect.ceus = "1"\n'
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, text))
    assert [field for field, _ in caught.value.problems] == ["programs.w.title"]


def test_a_bad_layout_stops_before_the_cases(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, 'programs = 1\nformat = 1\n[[case]]\nname = ""\n'))
    assert caught.value.problems == (
        ("programs", "expected a table, got 1"),
        ("format", "unknown field; expected one of programs, case"),
    )


def test_a_case_file_error_keeps_its_problems_through_pickling() -> None:
    import pickle

    err = CaseFileError("c.toml", 3, "case[0].name", "bad", 9, [("case[0].name", "bad"), ("", "worse")], [(3, 9)])
    again = pickle.loads(pickle.dumps(err))
    assert (again.line, again.column, again.problems, again.locations) == (3, 9, err.problems, ((3, 9), None))
    text = "c.toml: 2 problem(s)\n  case[0].name (line 3, column 9): bad\n  <top level>: worse"
    assert str(again) == str(err) == text
    old = CaseFileError("c.toml", 3, "case", "bad")  # built as before: one problem, no column
    assert (old.problems, old.locations) == ((("case", "bad"),), ((3, None),))
    assert str(old) == "c.toml: 1 problem(s)\n  case (line 3): bad"


# -- failure messages --------------------------------------------------------------------


def test_each_failed_facts_expectation_names_its_own_line(tmp_path: Path) -> None:
    facts = (
        'expect.facts."approval.lead-time" = { deadline = 2026-12-01 }\n'
        'expect.facts."approval.review" = { review_due = 2026-12-30 }\n'
    )
    (case,) = load_cases(write(tmp_path, case_text(facts)))
    assert [p.splitlines()[0] for p in run_case(case).problems] == ["facts of approval.review (line 14):"]


def test_a_failed_facts_expectation_lists_only_the_facts_that_differ(tmp_path: Path) -> None:
    facts = '[case.expect.facts."approval.lead-time"]\ndeadline = 2026-12-02\nlead_time_days = 14\nlate = 5\n'
    (case,) = load_cases(write(tmp_path, case_text(facts)))
    (problem,) = run_case(case).problems
    assert problem.splitlines() == [
        "facts of approval.lead-time (line 13):",
        "deadline: expected 2026-12-02, got 2026-12-01",  # lead_time_days is as expected: not shown
        "late: expected 5, but the finding has no such fact (its facts: received, first_offering, deadline,"
        " lead_time_days)",
    ]
    assert str(run_case(case)).splitlines()[1:3] == [
        "  - facts of approval.lead-time (line 13):",
        "      deadline: expected 2026-12-02, got 2026-12-01",
    ]


def test_a_failed_facts_expectation_shows_the_closest_finding_or_none(tmp_path: Path) -> None:
    applications = (
        "program.applications = ["
        '{ participant = "A", attended = [2026-12-15], submitted = 2026-12-20, paid = 2026-12-20 }, '
        '{ participant = "B", attended = [2026-12-15], submitted = 2026-12-21, paid = 2026-12-21 }]\n'
    )
    expect = 'expect.facts."credit.window" = { submitted = 2026-12-21, paid = 2026-12-22, deadline = 2027-01-15 }\n'
    (case,) = load_cases(write(tmp_path, case_text(applications + expect)))
    (problem,) = run_case(case).problems
    assert problem.splitlines() == [  # B's finding: its submitted day is as expected
        "facts of credit.window (line 14) (the closest of the 2 findings citing it):",
        "paid: expected 2026-12-22, got 2026-12-21",
        "deadline: expected 2027-01-15, got 2027-01-14",
    ]
    later = case_text(applications + 'expect.facts."credit.window" = { paid = 2026-12-21, submitted = 2026-12-22 }\n')
    (case,) = load_cases(write(tmp_path, later))
    assert run_case(case).problems == (  # B's finding, with one fact that differs (A's: two, written first)
        "facts of credit.window (line 14) (the closest of the 2 findings citing it):\n"
        "submitted: expected 2026-12-22, got 2026-12-21",
    )
    none = case_text('expect.facts."credit.window" = { deadline = 2026-12-01 }\n')
    (case,) = load_cases(write(tmp_path, none))
    assert run_case(case).problems == ("facts of credit.window (line 13): no finding cites it",)


def test_a_failed_facts_expectation_says_when_the_finding_has_no_facts() -> None:
    (case,) = [c for c in CASES if c.name == "a July meeting is in no semester's packet"]
    july = attrs.evolve(case.program.program, offering_dates=[dt.date(2026, 7, 21)])
    pf = attrs.evolve(case.program, program=july, packets=(), applications=())  # one meeting, in no term
    only_july = attrs.evolve(case, program=pf, expected=Expected(facts={"yearlong.semester": {"meetings": 9}}))
    assert run_case(only_july).problems == (  # the July meeting's note, on no facts
        "facts of yearlong.semester:\nmeetings: expected 9, but the finding has no such fact (its facts: none)",
    )


def test_a_failed_fact_written_as_text_is_quoted_as_written(tmp_path: Path) -> None:
    facts = 'expect.facts."approval.lead-time" = { deadline = "2026-12-02", lead_time_days = 14, late = "no" }\n'
    (case,) = load_cases(write(tmp_path, case_text(facts)))
    (problem,) = run_case(case).problems
    assert problem.splitlines()[1:] == [
        'deadline: expected "2026-12-02", got 2026-12-01',  # text in the case file, a date in the finding
        'late: expected "no", but the finding has no such fact (its facts: received, first_offering, deadline,'
        " lead_time_days)",
    ]
    facts = facts.replace('"2026-12-02"', '"2026-12-01"').replace(', late = "no"', "")
    (case,) = load_cases(write(tmp_path, case_text(facts)))
    assert run_case(case).passed  # a real date written as text is the date the finding carries


def test_a_case_built_by_hand_fails_without_lines(tmp_path: Path) -> None:
    (case,) = load_cases(write(tmp_path, case_text('expect.verdict = "pass"\n')))
    bare = attrs.evolve(case, lines={})
    assert run_case(bare).problems == ('verdict: expected "pass", got "fail"',)
    assert case.lines == {"clause": 11, "verdict": 13}


def test_outcomes_found_are_written_as_the_expectation_is() -> None:
    from ceurules.cases import _outcomes_as

    assert _outcomes_as("not met", ("met", "met")) == '"met"'
    assert _outcomes_as("not met", ("met", "not met", "met")) == '"met" and "not met"'
    assert _outcomes_as("met", ()) == "none (no finding cites it)"
    assert _outcomes_as(("met",), ("met", "not met")) == '["met", "not met"]'
