"""The ``ceurules`` command line: check and timeline, exit codes 0/1/2, formats, progress on a terminal."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ceurules import load_policy
from ceurules.cli import _date, _parser, main

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "docs" / "examples"
WORKSHOP = str(EXAMPLES / "workshop.ceu.toml")
PLC = str(EXAMPLES / "plc-yearlong.ceu.toml")
BROKEN = str(HERE / "files" / "many-problems.toml")


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_check_passing_file_exits_0() -> None:
    code, out, err = run("check", WORKSHOP, "--today", "2027-01-20")
    assert code == 0, out + err
    assert "Eligibility of 'Literacy Strategies for the Middle Grades': ELIGIBLE" in out
    assert "0.7 CEU per session" in out
    assert "=> PASS" in out
    assert err == ""


def test_check_rule_failure_exits_1() -> None:
    code, out, _ = run("check", PLC, "--today", "2027-07-05")
    assert code == 1
    assert "Past due: the spring 2026-27 packet was due 2027-06-30" in out


def test_today_changes_the_answer() -> None:
    assert run("check", PLC, "--today", "2027-06-30")[0] == 0
    assert run("check", PLC)[0] == 0  # without --today no date-dependent check runs


def test_invalid_file_exits_2_with_paths_on_stderr_and_no_traceback() -> None:
    code, out, err = run("check", BROKEN, WORKSHOP)
    assert code == 2
    assert "many-problems.toml" in err and "agenda[1].end" in err
    assert "Traceback" not in err
    assert "=> PASS" in out  # the other file is still checked


def test_json_format(tmp_path: Path) -> None:
    code, out, _ = run("check", WORKSHOP, BROKEN, "--format", "json", "--today", "2027-01-20")
    data = json.loads(out)
    assert code == 2 and data["exit_code"] == 2
    good, bad = data["files"]
    assert good["passed"] is True and good["ceus"] == "0.7" and good["schema_version"] == 1
    assert good["decisions"][0]["verdict"] == "eligible"
    assert {p["path"] for p in bad["error"]} >= {"title", "agenda[2].kind"}


def test_github_format_annotates_the_file_and_line() -> None:
    code, out, _ = run("check", BROKEN, PLC, "--format", "github", "--today", "2027-07-05")
    assert code == 2
    lines = out.splitlines()
    activity = next(line for line in lines if "activity%3A" in line or "activity:" in line)
    assert activity.startswith("::error file=")
    assert ",line=3," in activity  # `activity = ...` is on line 3 of the file
    assert any(line.startswith("::error") and "Past due" in line and "plc-yearlong.ceu.toml" in line for line in lines)
    assert lines[-1] == "ceurules: 2 file(s) checked, exit code 2"


def test_strict_fails_needs_review(tmp_path: Path) -> None:
    path = tmp_path / "review.toml"
    path.write_text(
        'title = "Peer coaching"\nactivity = "other"\nactivity_label = "peer coaching"\ncontact_hours = 6\n'
    )
    code, out, _ = run("check", str(path))
    assert code == 0
    assert out.rstrip().endswith("=> NEEDS REVIEW") and "=> PASS" not in out
    code, out, _ = run("check", str(path), "--strict")
    assert code == 1
    assert out.rstrip().endswith("=> NEEDS REVIEW")


def test_directory_is_read_recursively(tmp_path: Path) -> None:
    nested = tmp_path / "district" / "fall"
    nested.mkdir(parents=True)
    shutil.copy(WORKSHOP, nested / "a.ceu.toml")
    shutil.copy(HERE / "files" / "minimal.json", tmp_path / "b.ceu.json")
    (tmp_path / "notes.txt").write_text("not a program")
    (nested / "ruff.toml").write_text("line-length = 120\n")  # another tool's file: not read
    (tmp_path / "package.json").write_text("{}")
    code, out, _ = run("check", str(tmp_path))
    assert code == 0
    assert out.count("=> PASS") == 2


def test_empty_directory_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path))
    assert code == 2
    assert "no program files (*.ceu.toml, *.ceu.json)" in err


def test_stdin_toml_and_json() -> None:
    toml_text = Path(WORKSHOP).read_text()
    assert run("check", "-", stdin=toml_text)[0] == 0
    json_text = (HERE / "files" / "minimal.json").read_text()
    code, out, _ = run("check", "-", stdin=json_text)
    assert code == 0 and "<stdin>: 1.3 CEU" in out


def test_bad_usage_exits_2() -> None:
    assert run("check")[0] == 2
    assert run("check", WORKSHOP, "--today", "tomorrow")[0] == 2
    assert run("frobnicate")[0] == 2


def test_timeline_text_and_json() -> None:
    code, out, _ = run("timeline", WORKSHOP)
    assert code == 0
    assert "2026-12-01 Tue  last day to submit the approval request (approval.lead-time, D1)" in out
    assert "2026-11-25 Wed  review due" in out
    code, out, _ = run("timeline", PLC, "--format", "json")
    events = json.loads(out)["events"]
    assert {"date": "2026-12-31", "clause": "yearlong.semester", "default": "D10"}.items() <= next(
        e for e in events if e["date"] == "2026-12-31"
    ).items()


def test_a_text_timeline_names_its_policy_first_as_check_does() -> None:
    from ceurules import load_policy

    iacet = load_policy("iacet")
    code, out, _ = run("timeline", WORKSHOP, "--policy", "iacet")
    assert code == 0 and out.startswith(f"policy: {iacet.name} (fingerprint {iacet.fingerprint})\n\nTimeline of ")
    code, out, err = run("timeline", WORKSHOP, "--participant", "Nobody")
    assert (code, out) == (2, "") and "no application of participant 'Nobody'" in err  # nothing before the refusal


def test_timeline_for_a_participant() -> None:
    code, out, _ = run("timeline", WORKSHOP, "--participant", "Riley Chen")
    assert code == 0
    assert "2027-02-01 Mon  CEUs expected by (overdue after) (credit.processing, D6)" in out
    code, _, err = run("timeline", WORKSHOP, "--participant", "Nobody")
    assert code == 2 and "Nobody" in err
    code, _, err = run("timeline", WORKSHOP, "--participant", "jordan lee")  # a name as written, not its case
    assert code == 2
    assert err.endswith(
        "no application of participant 'jordan lee' (names match exactly; "
        "the file's participants: 'Jordan Lee', 'Riley Chen')\n"
    )


def test_a_year_long_participant_s_timeline_shows_the_application_and_payment_sent() -> None:
    """As a workshop participant's does: the same events, from the same function."""
    code, out, _ = run("timeline", PLC, "--participant", "Ana Ruiz")
    assert code == 0
    assert "  2026-12-18 Fri  credit application submitted (credit.proof)\n" in out
    assert "  2026-12-18 Fri  payment received (yearlong.semester)\n" in out  # judged by its packet (D14)
    workshop = run("timeline", WORKSHOP, "--participant", "Riley Chen")[1]
    assert re.search(r"  \S+ \S+  credit application submitted \(credit\.proof\)\n", workshop)
    assert re.search(r"  \S+ \S+  payment received \(credit\.window\)\n", workshop)


def test_a_participant_s_timeline_shows_each_of_their_applications(tmp_path: Path) -> None:
    """A year-long participant has an application for each packet: the timeline shows every one of them."""
    spring = (
        '\n[[applications]]\nparticipant = "Ana Ruiz"\nattended = [2027-01-19, 2027-02-16]\n'
        "submitted = 2027-06-20\npaid = 2027-06-21\n"
    )
    path = tmp_path / "plc.ceu.toml"
    text = Path(PLC).read_text(encoding="utf-8")
    path.write_text(text.replace("\n[[packets]]", spring + "\n[[packets]]", 1), encoding="utf-8")
    code, out, _ = run("timeline", str(path), "--participant", "Ana Ruiz")
    assert code == 0
    for event in (
        "2026-12-18 Fri  credit application submitted (credit.proof)",
        "2027-01-19 Tue  Ana Ruiz attends (approval.dates)",
        "2027-06-20 Sun  credit application submitted (credit.proof)",
        "2027-06-21 Mon  payment received (yearlong.semester)",
    ):
        assert f"  {event}\n" in out
    assert out.count("last day to submit the approval request") == 1 and out.count("2026-08-18 Tue  meeting (fall") == 1


def _options() -> list[tuple[str, argparse.Action]]:
    commands: dict[str, argparse.ArgumentParser] = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr,assignment]
    return [(name, action) for name, command in commands.items() for action in command._actions]


@pytest.mark.parametrize(("command", "action"), _options(), ids=[f"{c} {a.dest}" for c, a in _options()])
def test_every_argument_has_help_and_every_date_option_says_today(command: str, action: argparse.Action) -> None:
    assert action.help, f"ceurules {command}: {action.dest} has no help"
    if action.type is _date:
        assert action.metavar == "DATE" and "YYYY-MM-DD or today" in action.help


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return parser._subparsers._group_actions[0].choices  # type: ignore[union-attr,return-value]


@pytest.mark.parametrize("command", sorted(_commands(_parser())))
def test_a_command_builds_its_own_parser_alone_and_the_same_as_among_all(command: str) -> None:
    alone = _commands(_parser([command, "x"]))
    assert list(alone) == [command]
    assert alone[command].format_help() == _commands(_parser())[command].format_help()


@pytest.mark.parametrize("argv", [[], ["--help"], ["chek", "x"], ["--version"], ["x", "check"]])
def test_without_a_command_first_every_command_is_built(argv: list[str]) -> None:
    assert list(_commands(_parser(argv))) == list(_commands(_parser()))
    assert len(_commands(_parser())) == 8


def test_the_policy_command_s_help_names_the_bundled_policies(capsys: pytest.CaptureFixture[str]) -> None:
    from ceurules.policy_files import bundled_policies

    assert main(["policy", "--help"]) == 0
    shown = "".join(capsys.readouterr().out.split())  # the help wraps lines, also after a hyphen
    assert "bundled:" + ",".join(bundled_policies()) in shown and "nasba-halves" in shown


def test_the_usage_of_a_mistake_after_a_command_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "docs/examples/workshop.ceu.toml", "--today", "2027-01-01"]) == 2
    usage = capsys.readouterr().err
    assert "{check,timeline,renewal,credits,test,rules,policy,schema}" in " ".join(usage.split())
    assert "unrecognized arguments: --today 2027-01-01" in usage


def test_a_misspelt_command_is_told_the_commands_there_are(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chek", "programs/"]) == 2
    assert "invalid choice: 'chek' (choose from 'check', 'timeline', 'renewal'," in capsys.readouterr().err


def test_timeline_cites_the_window_as_the_credit_check_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(WORKSHOP), "--participant", "Riley Chen"]) == 0
    assert "2027-02-11 Thu  last day to apply and pay (credit.window, D4)" in capsys.readouterr().out
    main(["check", str(WORKSHOP)])
    assert "within the window ending 2027-02-11. (credit.window, D4)" in capsys.readouterr().out
    assert main(["timeline", str(WORKSHOP), "--participant", "Jordan Lee"]) == 0  # certificate dated: D5
    assert "2027-01-14 Thu  last day to apply and pay (credit.window, D5)" in capsys.readouterr().out
    main(["check", str(WORKSHOP)])
    assert "within the window ending 2027-01-14. (credit.window, D5)" in capsys.readouterr().out


def test_timeline_of_an_invalid_file_exits_2() -> None:
    code, _, err = run("timeline", BROKEN)
    assert code == 2 and "many-problems.toml" in err


def test_rules_prints_the_reference() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "`approval.review`" in out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([WORKSHOP, "--today", "2027-01-20"], 0),
        ([PLC, "--today", "2027-07-05"], 1),
        ([BROKEN], 2),
    ],
)
def test_installed_console_script_end_to_end(args: list[str], code: int) -> None:
    script = shutil.which("ceurules", path=str(Path(sys.executable).parent)) or "ceurules"
    result = subprocess.run([script, "check", *args], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    for i in range(3):
        shutil.copy(WORKSHOP, tmp_path / f"p{i}.ceu.toml")
    err = FakeTerminal()
    code = main(["check", str(tmp_path)], stdout=io.StringIO(), stderr=err, stdin=io.StringIO())
    assert code == 0
    assert "\rchecking 3/3 " in err.getvalue()
    code, _, plain_err = run("check", str(tmp_path))
    assert code == 0
    assert plain_err == ""


PROGRESS = re.compile(r"\rchecking \d+/\d+ \r\x1b\[K")


def mixed_folder(tmp_path: Path) -> Path:
    """A folder of three program files: one that cannot be read, then two that pass."""
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "bad.ceu.toml").write_text('title = "X"\n')
    for name in ("good", "other"):
        shutil.copy(WORKSHOP, folder / f"{name}.ceu.toml")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github"])
def test_progress_is_erased_before_every_line_on_one_terminal(tmp_path: Path, fmt: str) -> None:
    screen = FakeTerminal()
    code = main(
        ["check", str(mixed_folder(tmp_path)), "--format", fmt], stdout=screen, stderr=screen, stdin=io.StringIO()
    )
    assert code == 2
    shown = screen.getvalue()
    assert len(PROGRESS.findall(shown)) == 3
    rest = PROGRESS.sub("", shown)
    assert "checking" not in rest and "\r" not in rest and "\x1b" not in rest


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github"])
def test_progress_goes_to_a_terminal_stderr_in_every_format(tmp_path: Path, fmt: str) -> None:
    out, err = io.StringIO(), FakeTerminal()
    main(["check", str(mixed_folder(tmp_path)), "--format", fmt], stdout=out, stderr=err, stdin=io.StringIO())
    assert "\rchecking 3/3 " in err.getvalue()
    assert err.getvalue().endswith("\r\x1b[K")  # nothing left on the line at the end
    assert "checking" not in out.getvalue()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_on_a_real_terminal_is_not_glued_to_the_report(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    main_fd, tty_fd = os.openpty()
    with os.fdopen(main_fd, "rb", buffering=0) as screen:
        command = [sys.executable, "-m", "ceurules", "check", str(folder), "--today", "2027-03-20"]
        child = subprocess.Popen(command, stdout=tty_fd, stderr=tty_fd)
        os.close(tty_fd)  # the child holds the terminal now: reading ends when it exits
        shown = b""
        while True:  # read while it writes, so a full terminal buffer never blocks it
            try:
                chunk = screen.read(65536)
            except OSError:  # the terminal closed: all is read
                break
            if not chunk:
                break
            shown += chunk
        done = child.wait(timeout=60)
    text = shown.decode().replace("\r\n", "\n")
    assert done == 2
    assert "bad.ceu.toml: 1 problem(s)" in text
    rest = PROGRESS.sub("", text)
    assert "checking" not in rest and "\r" not in rest


def test_schema_command_prints_the_program_file_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "ceurules program file"


def test_policy_prints_a_bundled_policy_in_full_as_its_file_reads(tmp_path: Path) -> None:
    from ceurules import DEFAULT_POLICY, load_policy

    assert run("policy") == (0, DEFAULT_POLICY.to_toml(), "")
    assert run("policy", "nasba-halves") == (0, load_policy("nasba-halves").to_toml(), "")
    code, out, _ = run("policy", _agency(tmp_path))  # a file of a few values, printed with every other value
    assert code == 0 and load_policy(out) == load_policy(_agency(tmp_path))
    assert "[parameters.lead_time_days]\nvalue = 21\n" in out
    code, out, err = run("policy", "nosuch")
    assert (code, out) == (2, "")
    assert err == (
        "ceurules: nosuch: no such file or bundled policy; bundled: ama-pra-1, ancc, hrci, iacet, nasba-fifths, "
        "nasba-halves, nasba-self-study, pdh, shrm, source\n"
    )


def _agency(tmp_path: Path, extra: str = "") -> str:
    path = tmp_path / "agency.toml"
    path.write_text(f'format = 1\nname = "Agency"\n[parameters.lead_time_days]\nvalue = 21\n{extra}', encoding="utf-8")
    return str(path)


def test_a_policy_file_that_cannot_be_read_is_said_in_each_format(tmp_path: Path) -> None:
    bad = _agency(tmp_path, "[parameters.review_business_dayz]\nvalue = 5\n")
    Path(bad).write_text(Path(bad).read_text(encoding="utf-8").replace("value = 21", "value = -3"), encoding="utf-8")
    said = [
        ("parameters.lead_time_days.value", "expected a whole number of at least 0, got -3", 4),
        ("parameters.review_business_dayz", "unknown key 'review_business_dayz' (a misspelling of", 5),
    ]
    answers = {f: run("check", WORKSHOP, "--format", f, "--policy", bad) for f in ("text", "github", "json", "jsonl")}
    assert {code for code, _, _ in answers.values()} == {2}
    # said in the output's format and only there, as an invalid program file is; text lists it on stderr
    assert [err == "" for _, _, err in answers.values()] == [False, True, True, True]
    assert answers["text"][2].startswith(f"ceurules: {bad}: 2 problem(s)\n  parameters.lead_time_days.value (line 4)")
    assert answers["text"][1] == f"policy: {bad}: cannot be read, listed on stderr\n=> INVALID\n\n"
    github = answers["github"][1].splitlines()
    assert [line.partition("::")[2].partition(": ")[0] for line in github[:2]] == [
        f"error file={bad},line={line},title=ceurules invalid policy::{path}" for path, _, line in said
    ]
    assert github[2] == "ceurules: 0 file(s) checked, exit code 2"
    assert len(answers["json"][1].splitlines()) == 3  # the entry on its own line, as a file's
    (entry,) = json.loads(answers["json"][1])["files"]
    assert entry == json.loads(answers["jsonl"][1])
    document = json.loads(answers["json"][1])
    assert (document["policy"], document["exit_code"]) == (None, 2)
    assert (entry["file"], entry["passed"], entry["policy"], entry["more_problems"]) == (bad, False, None, False)
    places = [(path, line, None) for path, _, line in said]
    assert [(p["path"], p["line"], p["column"]) for p in entry["error"]] == places
    assert all(p["message"].startswith(message) for p, (_, message, _) in zip(entry["error"], said, strict=True))
    Path(bad).write_text('format = 1\nname = "Agency\n', encoding="utf-8")  # a TOML syntax error: no key path
    _, out, _ = run("check", WORKSHOP, "--format", "github", "--policy", bad)
    assert out.startswith(f"::error file={bad},line=2,title=ceurules invalid policy::name: not valid TOML: ")
    _, out, _ = run("check", WORKSHOP, "--format", "github", "--policy", "nosuch")  # a name, not a file: no place
    assert out.startswith("::error title=ceurules invalid policy::nosuch: no such file or bundled policy; bundled: ")


def test_check_with_a_policy_file_applies_its_values(tmp_path: Path) -> None:
    code, out, _ = run("check", WORKSHOP, "--format", "json", "--policy", _agency(tmp_path))
    findings = [f for dec in json.loads(out)["files"][0]["decisions"] for f in dec["findings"]]
    lead = next(f for f in findings if f["clause"] == "approval.lead-time")
    assert lead["facts"]["lead_time_days"] == 21
    assert "21 days before the first offering" in lead["message"] or "after the deadline" in lead["message"]
    assert code in (0, 1)


def test_the_file_report_header_uses_the_policys_unit(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(WORKSHOP), "--policy", "nasba-halves"])
    out = capsys.readouterr().out
    nasba = load_policy("nasba-halves")
    header = f"policy: {nasba.name} (fingerprint {nasba.fingerprint})\n\n"  # which policy answered, first
    assert out.startswith(f"{header}{WORKSHOP}: 7.5 CPE per session\n")
    assert "earns 7.5 CPE" in out


def test_rules_with_a_policy_file_says_its_numbers(tmp_path: Path) -> None:
    code, out, _ = run("rules", "--policy", _agency(tmp_path))
    assert code == 0
    assert "must arrive 21 days or more" in out and "The lead time of 21 days" in out
    assert "14 days" not in out and "Policy: **Agency**" in out


def test_a_bad_policy_file_exits_2_naming_file_line_and_field(tmp_path: Path) -> None:
    bad = _agency(tmp_path, "[parameters.review_business_days]\nvalue = 'three'\n")
    for argv in (("check", WORKSHOP), ("timeline", WORKSHOP), ("rules",), ("schema",)):
        code, _, err = run(*argv, "--policy", bad)
        assert code == 2, argv
        assert (
            err == f"ceurules: {bad}, line 6: parameters.review_business_days.value: expected a whole number "
            "of at least 0, got 'three'\n"
        )
    code, _, err = run("rules", "--policy", "nosuchpolicy")
    assert code == 2 and "no such file or bundled policy" in err


def test_schema_policy_prints_the_policy_file_schema(tmp_path: Path) -> None:
    code, out, _ = run("schema", "--policy")
    assert code == 0 and json.loads(out)["title"] == "ceurules policy file"
    code, out, _ = run("schema", "--policy", _agency(tmp_path))
    assert code == 0 and json.loads(out)["title"] == "ceurules policy file"


def test_timeline_with_a_policy_file(tmp_path: Path) -> None:
    _, default, _ = run("timeline", WORKSHOP, "--format", "json")
    _, agency, _ = run("timeline", WORKSHOP, "--format", "json", "--policy", _agency(tmp_path))
    assert default != agency


# -- python -m ceurules ------------------------------------------------------------------------


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ceurules", "rules"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "# Rules reference" in result.stdout


def test_importing_the_entry_point_module_runs_nothing() -> None:
    # the console script imports ``run`` from it: only ``python -m ceurules`` runs the command
    import ceurules.__main__ as entry

    assert entry.__name__ == "ceurules.__main__" and callable(entry.run)


def test_the_command_freezes_its_imports_and_leaves_the_collector_on_while_it_runs() -> None:
    # the imports are kept out of the collector's passes, the command's own objects are not
    probe = "import gc, ceurules.cli as c; c.main = lambda: print(gc.isenabled(), gc.get_freeze_count() > 0) or 0"
    code = f"{probe}; from ceurules.__main__ import run; run()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout) == (0, "True True\n"), result.stderr


def test_an_unknown_policy_is_said_alike_by_every_command() -> None:
    answers = [
        run("check", WORKSHOP, "--policy", "nosuch"),
        run("credits", WORKSHOP, "--policy", "iacet", "--policy", "nosuch"),
        run("timeline", WORKSHOP, "--policy", "nosuch"),
    ]
    messages = {err for _, _, err in answers}
    assert {code for code, _, _ in answers} == {2}
    assert len(messages) == 1, messages
    (message,) = messages
    assert message.startswith("ceurules: nosuch: no such file or bundled policy") and "policies[" not in message


def test_today_stands_for_the_current_date_in_every_date_option() -> None:
    import datetime as dt

    today = dt.date.today().isoformat()
    assert run("check", WORKSHOP, "--today", "today") == run("check", WORKSHOP, "--today", today)
    record = str(HERE.parent / "docs" / "records" / "dana-whitfield.toml")
    as_of = run("renewal", record, "--rule", "ms-class-a", "--as-of", "today")
    assert as_of == run("renewal", record, "--rule", "ms-class-a", "--as-of", today)
    assert run("check", WORKSHOP, "--today", "tomorrow")[0] == 2  # only the one word


@pytest.mark.parametrize("today", ["2300-01-01", "0001-01-01", "20270120", "2027-1-20"])
def test_a_bad_today_is_a_usage_error(today: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(WORKSHOP), "--today", today]) == 2
    err = capsys.readouterr().err
    assert f"--today: expected a date such as 2026-11-28 in the years 1900-2199, got '{today}'" in err
    assert "as_of" not in err


def test_timeline_and_check_list_the_same_refused_dates(tmp_path: Path) -> None:
    """Every date of the file the rules cannot carry is listed at once, by `timeline` as by `check`: a refused
    date of the program does not hide the request's, nor the request's a participant's."""
    path = tmp_path / "late.ceu.toml"
    path.write_text(
        'title = "New"\nactivity = "workshop"\noffering_dates = [2199-12-31]\ncontact_hours = 2\n'
        "[approval_request]\nreceived = 2199-12-31\n"
        '[[applications]]\nparticipant = "A"\nattended = [2199-12-31]\nsubmitted = 2199-12-31\npaid = 2199-12-31\n',
        encoding="utf-8",
    )
    deadline = "expected a date whose application deadline is in the years 1900-2199 (2200-01-30 is not)"
    program = f"offering_dates (line 3, column 18): {deadline}, got 2199-12-31"
    request = "approval_request.received (line 6, column 12): expected a date whose review is due in the years"
    participant = f"applications[0].attended (line 9, column 12): {deadline}, got 2199-12-31"
    code, _, err = run("check", str(path))
    assert code == 2 and "3 problem(s)" in err and all(p in err for p in (program, request, participant))
    code, _, err = run("timeline", str(path), "--participant", "A")
    assert code == 2 and "3 problem(s)" in err and all(p in err for p in (program, request, participant))
    code, _, err = run("timeline", str(path))  # no participant: the program's dates and the request's
    assert code == 2 and "2 problem(s)" in err and program in err and request in err
