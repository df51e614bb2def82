"""Regressions from the fourth user trial: each test uses the input the trial reported."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ceurules import (
    ProgramFileError,
    RecordFileError,
    load_policy,
    load_program_file,
    load_record,
    review_program_file,
)
from ceurules.cases import load_cases, run_case
from ceurules.cli import main
from ceurules.program_files import load_program_text

WORKSHOP = Path(__file__).parent.parent / "docs" / "examples" / "workshop.ceu.toml"
HEAD = 'title = "X"\nactivity = "workshop"\noffering_dates = [2027-03-09]\ncontact_hours = "6"\n'


def run(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


# Out-of-range dates: every one of a file in one run


def test_every_out_of_range_date_of_an_application_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "y9999c.ceu.toml"
    path.write_text(
        HEAD + '[[applications]]\nparticipant = "A"\nattended = [2027-03-09]\n'
        "submitted = 9999-12-31\npaid = 9999-12-31\nissued = 9999-12-31\n"
    )
    code, _, err = run(["check", str(path), "--today", "2027-03-20"])
    assert code == 2
    assert "y9999c.ceu.toml: 3 problem(s)\n" in err
    for field, line, column in (("submitted", 8, 13), ("paid", 9, 8), ("issued", 10, 10)):
        expected = f"applications[0].{field} (line {line}, column {column}): expected a date in the years 1900-2199"
        assert f"{expected}, got 9999-12-31\n" in err


def test_out_of_range_dates_across_tables_are_listed_together(tmp_path: Path) -> None:
    path = tmp_path / "y9999b.ceu.toml"
    path.write_text(
        HEAD + "[approval_request]\nreceived = 9999-12-30\n"
        '[[applications]]\nparticipant = "A"\nattended = [2027-03-09]\nsubmitted = 9999-12-31\n'
        "paid = 9999-12-31\ncertificate_date = 0001-01-01\nissued = 9999-12-31\n"
        '[[applications]]\nparticipant = "B"\nattended = [2200-01-01]\n'
    )
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    assert sorted(p for p, _ in caught.value.problems) == [
        "applications[0].certificate_date",
        "applications[0].issued",
        "applications[0].paid",
        "applications[0].submitted",
        "applications[1].attended[0]",
        "approval_request.received",
    ]
    assert all(where is not None for where in caught.value.locations)


@pytest.mark.parametrize("written", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_an_out_of_range_date_in_json_text_names_the_years(written: str) -> None:
    data = {"title": "X", "activity": "workshop", "contact_hours": "6", "offering_dates": [written]}
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(data)
    assert caught.value.problems == (("offering_dates[0]", f"expected a date in the years 1900-2199, got '{written}'"),)


def test_dates_the_rules_cannot_carry_are_listed_for_every_application(tmp_path: Path) -> None:
    apps = "".join(f'[[applications]]\nparticipant = "{name}"\nattended = [2199-12-31]\n' for name in ("A", "B", "C"))
    path = tmp_path / "late.ceu.toml"
    path.write_text(HEAD.replace("2027-03-09", "2199-12-31") + "[approval_request]\nreceived = 2199-12-30\n" + apps)
    with pytest.raises(ProgramFileError) as caught:
        review_program_file(load_program_file(path))
    assert [p for p, _ in caught.value.problems] == [
        "approval_request.received",
        "applications[0].attended",
        "applications[1].attended",
        "applications[2].attended",
    ]
    assert [where[0] if where else None for where in caught.value.locations] == [6, 9, 12, 15]


# Progress on a terminal: erased before any result is written, in every format

PROGRESS = re.compile(r"\rchecking \d+/\d+ \r\x1b\[K")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _files(tmp_path: Path) -> Path:
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "bad.ceu.toml").write_text('title = "X"\n')
    for name in ("good", "other"):
        shutil.copy(WORKSHOP, folder / f"{name}.ceu.toml")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github"])
def test_progress_is_erased_before_every_line_on_one_terminal(tmp_path: Path, fmt: str) -> None:
    screen = Terminal()
    code = main(["check", str(_files(tmp_path)), "--format", fmt], stdout=screen, stderr=screen, stdin=io.StringIO())
    assert code == 2
    shown = screen.getvalue()
    assert len(PROGRESS.findall(shown)) == 3
    rest = PROGRESS.sub("", shown)
    assert "checking" not in rest and "\r" not in rest and "\x1b" not in rest


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github"])
def test_progress_goes_to_a_terminal_stderr_in_every_format(tmp_path: Path, fmt: str) -> None:
    out, err = io.StringIO(), Terminal()
    main(["check", str(_files(tmp_path)), "--format", fmt], stdout=out, stderr=err, stdin=io.StringIO())
    assert "\rchecking 3/3 " in err.getvalue()
    assert err.getvalue().endswith("\r\x1b[K")  # nothing left on the line at the end
    assert "checking" not in out.getvalue()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_on_a_real_terminal_is_not_glued_to_the_report(tmp_path: Path) -> None:
    folder = _files(tmp_path)
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


# A UTF-8 byte-order mark is read as no mark, in every file and on stdin

BOM = b"\xef\xbb\xbf"
JSON_TEXT = '{"title": "X", "activity": "workshop", "offering_dates": ["2027-03-09"], "contact_hours": 6, "room": 1}'


JSON_ROOM = (1, JSON_TEXT.index('"room": 1') + 9)  # where the value 1 stands, counted without the mark


def _bytes_stdin(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "text", "where"), [("p.ceu.toml", HEAD + "room = 1\n", (5, 8)), ("p.ceu.json", JSON_TEXT, JSON_ROOM)]
)
def test_a_program_file_with_a_bom_reads_as_without(
    tmp_path: Path, name: str, text: str, where: tuple[int, int]
) -> None:
    path = tmp_path / name
    path.write_bytes(BOM + text.encode())
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    assert caught.value.problems[0][0] == "room"  # the file was read: only the unknown field is a problem
    assert caught.value.locations == (where,)  # columns as an editor counts them, without the mark
    path.write_bytes(BOM + text.replace("room = 1\n", "").replace(', "room": 1', "").encode())
    assert load_program_file(path).program.title == "X"


def test_a_bom_on_line_one_leaves_its_columns_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.ceu.toml"
    path.write_bytes(BOM + HEAD.replace('title = "X"', "title = 5").encode())
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    assert caught.value.locations == ((1, 9),)


@pytest.mark.parametrize(
    "stdin", [lambda: _bytes_stdin(BOM + JSON_TEXT.encode()), lambda: io.StringIO("\ufeff" + JSON_TEXT)]
)
def test_json_with_a_bom_on_stdin_is_read_as_json(stdin: Any) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "-"], stdout=out, stderr=err, stdin=stdin())
    assert code == 2
    assert err.getvalue().startswith(f"<stdin>: 1 problem(s)\n  room (line 1, column {JSON_ROOM[1]}): unknown field")
    assert "TOML" not in err.getvalue()


def test_a_policy_file_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "agency.toml"
    path.write_bytes(BOM + b'format = 1\nname = "Agency"\n[parameters.lead_time_days]\nvalue = 21\n')
    assert load_policy(path).lead_time_days == 21
    assert load_policy((BOM + path.read_bytes()[3:]).decode()).lead_time_days == 21


def test_a_case_file_and_its_program_file_with_a_bom_are_read(tmp_path: Path) -> None:
    (tmp_path / "w.ceu.toml").write_bytes(BOM + WORKSHOP.read_bytes())
    case = '[[case]]\nname = "the workshop"\nclause = "ceu.unit"\nbased_on = "w.ceu.toml"\nexpect.ceus = "0.7"\n'
    (tmp_path / "cases.toml").write_bytes(BOM + case.encode())
    (loaded,) = load_cases(tmp_path / "cases.toml")
    assert run_case(loaded).passed


# Empty input: said to be empty


def test_empty_stdin_is_said_to_be_empty() -> None:
    for stdin in (io.StringIO(""), _bytes_stdin(b""), _bytes_stdin(b"  \n\t\n")):
        out, err = io.StringIO(), io.StringIO()
        assert main(["check", "-"], stdout=out, stderr=err, stdin=stdin) == 2
        assert (
            err.getvalue()
            == "<stdin>: 1 problem(s)\n  <top level>: standard input is empty; give a program file's text\n"
        )


@pytest.mark.parametrize(
    ("name", "data"), [("e.ceu.toml", b""), ("e.ceu.json", b""), ("s.ceu.toml", b" \n\n"), ("b.ceu.json", BOM + b"\n")]
)
def test_an_empty_file_is_said_to_be_empty(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, _, err = run(["check", str(path)])
    assert code == 2
    assert err.endswith(f"{name}: 1 problem(s)\n  <top level>: the file is empty\n")


# Numbers in JSON (and TOML) files are read exactly, as written


def _json_program(hours: str) -> str:
    return '{"title": "X", "activity": "workshop", "offering_dates": ["2027-03-09"],\n"contact_hours": ' + hours + "}"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1e-400", "a number of hours of at least 0.000001 (or 0)"),
        ("1E-7", "a number of hours of at least 0.000001 (or 0)"),
        ("0.1234567890123456789012345678901", "a number of hours with at most 30 decimal places"),
        ("1e309", 'a number of hours from 0 to 1000000, such as 7.5 or "7.5"'),
        ("-1e-400", 'a number of hours from 0 to 1000000, such as 7.5 or "7.5"'),
    ],
)
def test_a_json_number_of_hours_is_refused_by_its_exact_value(tmp_path: Path, written: str, expected: str) -> None:
    path = tmp_path / "tiny.ceu.json"
    path.write_text(_json_program(written))
    code, _, err = run(["check", str(path)])
    assert code == 2
    assert err == f"{path}: 1 problem(s)\n  contact_hours (line 2, column 18): expected {expected}, got {written}\n"


def test_a_toml_float_of_hours_is_refused_by_its_exact_value(tmp_path: Path) -> None:
    path = tmp_path / "tiny.ceu.toml"
    path.write_text(HEAD.replace('"6"', "1e-400"))
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    assert caught.value.problems == (
        ("contact_hours", "expected a number of hours of at least 0.000001 (or 0), got 1e-400"),
    )
    assert caught.value.locations == ((4, 17),)


@pytest.mark.parametrize("written", ["0.10000000000000000001", "7.50", "2.5e1", "0.000001", "0"])
def test_a_json_number_of_hours_keeps_its_exact_value(written: str) -> None:
    pf = load_program_text(_json_program(written), "p.ceu.json", json_format=True)
    assert pf.program.contact_hours == Decimal(written)
    assert type(pf.program.contact_hours) is Decimal


PLC_JSON = (
    '{"title": "PLC", "activity": "educational training", "year_long": true, '
    '"offering_dates": ["2026-08-18", "2026-09-15"], "packets": [{"term": "fall", "school_year": YEAR}]}'
)


def test_a_json_school_year_is_read_exactly() -> None:
    for written, ok in (("2026.0", True), ("2.026e3", True), ("2026.5", False), ("2026.0000000000000000001", False)):
        text = PLC_JSON.replace("YEAR", written)
        if ok:
            assert load_program_text(text, "plc.ceu.json", json_format=True).packets[0].school_year == 2026
        else:
            with pytest.raises(ProgramFileError, match=f"packets.0..school_year.*got {re.escape(written)}"):
                load_program_text(text, "plc.ceu.json", json_format=True)


@pytest.mark.parametrize("json_format", [True, False])
def test_a_number_too_large_even_for_a_decimal_is_refused(json_format: bool) -> None:
    written = "1e" + "9" * 25
    text = _json_program(written) if json_format else HEAD.replace('"6"', written)
    with pytest.raises(ProgramFileError, match="has an exponent too large to read"):
        load_program_text(text, "big", json_format=json_format)


def test_a_record_reads_its_json_numbers_exactly(tmp_path: Path) -> None:
    activity = '{"id": "a", "date": "2024-05-10", "unit": "ceu", "amount": AMOUNT}'
    record = '{"educator": "D", "license_expires": "2026-06-30", "activities": [' + activity + "]}"
    path = tmp_path / "r.json"
    path.write_text(record.replace("AMOUNT", "0.10000000000000000001"))
    assert load_record(path).activities[0].amount == Decimal("0.10000000000000000001")
    path.write_text(record.replace("AMOUNT", "1e-400"))
    with pytest.raises(RecordFileError, match="amount"):
        load_record(path)
    path.write_text(record.replace("AMOUNT", "1e" + "9" * 25))
    with pytest.raises(RecordFileError, match=r"not accepted JSON: the number 1e9+ has an exponent too large to read"):
        load_record(path)


# Invalid files' entries in JSON output carry the policy, as every entry does


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_entry_names_the_policy_invalid_ones_too(tmp_path: Path, fmt: str) -> None:
    code, out, _ = run(["check", str(_files(tmp_path)), "--format", fmt, "--policy", "nasba-halves"])
    assert code == 2
    if fmt == "json":
        document = json.loads(out)
        entries, policy = document["files"], document["policy"]
    else:
        entries = [json.loads(line) for line in out.splitlines()]
        policy = entries[-1]["policy"]
    assert [e["passed"] for e in entries] == [False, True, True]
    assert "error" in entries[0]
    assert policy["name"].startswith("NASBA")
    assert [e["policy"] for e in entries] == [policy] * 3


# The docs extra installs what the documented notebook command needs


def test_the_docs_extra_installs_nbconvert() -> None:
    root = Path(__file__).parent.parent
    extras = tomllib.loads((root / "pyproject.toml").read_text())["project"]["optional-dependencies"]["docs"]
    assert "nbconvert" in {re.split(r"[<>=~!\[ ]", requirement)[0] for requirement in extras}
    page = (root / "docs" / "apps-and-notebooks.md").read_text()
    assert 'pip install -e ".[docs]"' in page and "jupyter nbconvert --to notebook --execute" in page
