"""Hostile files and calls: each gets a clear refusal of the library, fast, whatever came before.

Every case here was once a traceback, a wrong exit code, a hang or a silent wrong answer.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, event, given, settings

from ceurules import (
    DEFAULT_POLICY,
    Attendance,
    CreditApplication,
    InvalidInputError,
    Outcome,
    Payment,
    ProgramFileError,
    Segment,
    application_deadline,
    application_summaries,
    ceus,
    credit_status,
    load_program_file,
    processing_window,
    review_due,
    review_program_file,
    semi_osl_date,
    submission_deadline,
)
from ceurules.cli import main
from helpers import HEAD, run
from strategies import extreme_json_files, hostile_json_files, hostile_toml_files

WORKSHOP = Path(__file__).parent.parent / "docs" / "examples" / "workshop.ceu.toml"
GOOD = {"title": "T", "activity": "workshop", "contact_hours": "6", "offering_dates": ["2026-12-15"]}


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if name.endswith(".json") else str(data), encoding="utf-8")
    return path


# 1. Dates out of range: refused with the field as the file writes it, never an OverflowError.


@pytest.mark.parametrize(
    ("rule", "day", "field"),
    [
        (submission_deadline, dt.date(1, 1, 5), "offering_dates"),
        (submission_deadline, dt.date(1900, 1, 5), "offering_dates"),
        (application_deadline, dt.date(9999, 12, 31), "last_day"),
        (application_deadline, dt.date(2199, 12, 20), "last_day"),
        (semi_osl_date, dt.date(9999, 12, 31), "last_day"),
        (semi_osl_date, dt.date(2199, 12, 20), "last_day"),
        (review_due, dt.date(2199, 12, 31), "received"),
        (review_due, dt.date(1899, 12, 30), "received"),
    ],
)
def test_shifted_dates_outside_the_years_are_refused(rule: object, day: dt.date, field: str) -> None:
    with pytest.raises(InvalidInputError, match=r"1900-2199") as caught:
        rule(day)  # type: ignore[operator]
    assert caught.value.field == field


def test_processing_window_past_2199_names_the_later_day() -> None:
    with pytest.raises(InvalidInputError, match="expected posting") as caught:
        processing_window(dt.date(2199, 12, 20), dt.date(2199, 12, 30))
    assert caught.value.field == "paid"


def test_status_and_summaries_past_2199_name_the_application() -> None:
    attendance = Attendance(participant="A", dates=["2199-12-01"])  # in the window: its CEUs would post in 2200
    app = CreditApplication(attendance=attendance, submitted="2199-12-30", payment=Payment(paid="2199-12-29"))
    with pytest.raises(InvalidInputError, match="expected posting") as caught:
        credit_status(app, as_of=dt.date(2199, 12, 31))
    assert caught.value.field == "submitted"
    with pytest.raises(InvalidInputError, match="expected posting") as caught:
        application_summaries([app], as_of=dt.date(2199, 12, 31))
    assert caught.value.field == "applications[0]"
    late = CreditApplication(attendance=Attendance(participant="B", dates=["2199-12-20"]))
    with pytest.raises(InvalidInputError, match="application deadline") as caught:
        application_summaries([late], as_of=dt.date(2199, 12, 31))
    assert caught.value.field == "applications[0]"


def test_application_deadline_checks_both_days() -> None:
    with pytest.raises(InvalidInputError, match="last_day"):
        application_deadline("garbage", certificate_date=dt.date(2026, 11, 20))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({**GOOD, "applications": [{"participant": "A", "attended": ["9999-12-20"]}]}, "applications[0].attended[0]"),
        (
            {**GOOD, "offering_dates": ["0001-01-05"], "approval_request": {"received": "2026-11-01"}},
            "offering_dates[0]",
        ),
        ({**GOOD, "approval_request": {"received": "1899-12-30"}}, "approval_request.received"),
    ],
)
def test_out_of_range_dates_in_a_file_are_named(data: dict[str, object], path: str) -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(data)
    assert [p for p, _ in caught.value.problems] == [path]


LATE = {**GOOD, "offering_dates": ["2199-12-20"], "applications": [{"participant": "A", "attended": ["2199-12-20"]}]}


def test_a_deadline_past_2199_is_a_problem_of_the_file() -> None:
    pf = load_program_file(LATE, name="late.json")
    with pytest.raises(ProgramFileError) as caught:
        review_program_file(pf)
    assert caught.value.source == "late.json"
    assert caught.value.problems[0][0] == "offering_dates"  # the program's own window, before any participant's
    certified = {
        **GOOD,
        "offering_dates": ["2199-11-20"],
        "applications": [{"participant": "A", "attended": ["2199-11-20"], "certificate_date": "2199-12-20"}],
    }
    with pytest.raises(ProgramFileError) as caught:
        review_program_file(load_program_file(certified))
    assert caught.value.problems[0][0] == "applications[0].certificate_date"


_LATE_FILES = {
    "offering": ("offering_dates = [2199-12-30]\n", "offering_dates"),
    "approved": ("offering_dates = [2199-12-30]\n[approval]\napproved_on = 2199-10-01\n", "offering_dates"),
    "received": (
        "offering_dates = [2199-12-01]\n[approval_request]\nreceived = 2199-12-31\n",
        "approval_request.received",
    ),
    "paid": (
        "offering_dates = [2199-10-01]\n[[applications]]\nparticipant = \"A\"\nattended = [2199-10-01]\n"
        "paid = 2199-12-30\nsubmitted = 2199-10-20\n",
        "applications[0].paid",
    ),
}


@pytest.mark.parametrize("case", sorted(_LATE_FILES))
def test_check_and_timeline_refuse_the_same_late_dates(tmp_path: Path, case: str) -> None:
    body, path = _LATE_FILES[case]
    program = tmp_path / "late.ceu.toml"
    program.write_text('title = "T"\nactivity = "workshop"\ncontact_hours = "6"\n' + body)
    checked = run(["check", str(program)])
    line = run(["timeline", str(program), *(["--participant", "A"] if case == "paid" else [])])
    assert checked[0] == line[0] == 2
    for _, _, err in (checked, line):
        assert f"late.ceu.toml: 1 problem(s)\n  {path} (line " in err


def test_a_request_date_past_the_years_is_listed_beside_refused_offering_dates(tmp_path: Path) -> None:
    program = tmp_path / "both.ceu.toml"
    program.write_text(
        'title = "T"\nactivity = "workshop"\ncontact_hours = "6"\noffering_dates = [1900-01-01, 2199-12-31]\n'
        "[approval_request]\nreceived = 2199-12-31\n"
    )
    code, _, err = run(["check", str(program)])
    assert code == 2
    assert "both.ceu.toml: 2 problem(s)\n  offering_dates (line 4, column 18): expected an offering date whose " in err
    assert "  approval_request.received (line 6, column 12): expected a date whose review is due in the years " in err


def test_one_bad_file_never_stops_the_run(tmp_path: Path) -> None:
    early = {**GOOD, "approval_request": {"received": "1899-12-30"}}
    names = [str(write(tmp_path, "a.json", LATE)), str(write(tmp_path, "b.json", early)), str(WORKSHOP)]
    for fmt in ("text", "json", "github"):
        code, out, err = run(["check", *names, "--format", fmt])
        assert code == 2
        problems = err if fmt == "text" else out
        assert "a.json" in problems and "offering_dates" in problems
        assert "b.json" in problems and "approval_request.received" in problems
        assert ("3 file(s) checked" if fmt == "github" else "workshop.ceu.toml") in out


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
        "offering_dates",  # the participants' window from the last session, as `timeline` shows it
        "approval_request.received",
        "applications[0].attended",
        "applications[1].attended",
        "applications[2].attended",
    ]
    assert [where[0] if where else None for where in caught.value.locations] == [3, 6, 9, 12, 15]


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


@pytest.mark.parametrize(
    "change",
    [
        {"lead_time_days": 10**6},
        {"lead_time_days": 3661},
        {"review_business_days": 2601},
        {"processing_latest_business_days": 10**9},
        {"packet_credit_business_days": 2601},
        {"minutes_per_contact_hour": 1441},
        {"application_window": relativedelta(months=1, days=-29)},
        {"application_window": relativedelta(days=3, leapdays=-5)},
        {"semi_osl_delay": relativedelta(years=11)},
        {"semi_osl_delay": relativedelta(days=-1)},
    ],
)
def test_policy_parameters_that_would_leave_the_dates_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError) as caught:
        attrs.evolve(DEFAULT_POLICY, **change)  # type: ignore[arg-type]
    assert caught.value.field == next(iter(change))


def test_policy_windows_in_months_that_move_forward_are_kept() -> None:
    policy = attrs.evolve(DEFAULT_POLICY, application_window=relativedelta(months=1))
    assert application_deadline(dt.date(2026, 1, 31), policy=policy) == dt.date(2026, 2, 28)


# Messages never fail to build.


def test_giant_integers_are_refused_without_a_traceback(tmp_path: Path) -> None:
    digits = "9" * 5000
    toml = write(tmp_path, "big.toml", f'title = "T"\nactivity = "workshop"\ncontact_hours = {digits}\n')
    js = tmp_path / "big.json"
    js.write_text(f'{{"title": "T", "activity": "workshop", "contact_hours": {digits}}}')
    for path in (toml, js):
        with pytest.raises(ProgramFileError, match="integer"):
            load_program_file(path)
    with pytest.raises(InvalidInputError, match="an integer of about") as caught:
        ceus(10**5000)
    assert len(str(caught.value)) < 300


def test_a_giant_toml_integer_is_named_by_its_field_and_place_not_by_digits_in_a_string(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "big.toml",
        f'title = "{"1" * 5000}"\nactivity = "workshop"\n[[applications]]\nparticipant = "A"\n'
        f"attended = [2026-12-15, {'9_' * 4400}9]\n",
    )
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    problem = ("applications[0].attended[1]", "not accepted TOML: an integer too long to read")
    assert (list(caught.value.problems), list(caught.value.locations)) == ([problem], [(5, 25)])
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(1000)  # an interpreter told to read fewer digits: the file as a whole
    try:
        with pytest.raises(ProgramFileError) as caught:
            load_program_file(write(tmp_path, "fewer.toml", f'title = "T"\ncontact_hours = {"9" * 2000}\n'))
    finally:
        sys.set_int_max_str_digits(limit)
    assert (list(caught.value.problems), list(caught.value.locations)) == ([("", problem[1])], [None])


def test_lone_surrogates_are_refused_and_never_break_output(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({**GOOD, "instructors": ["\ud800"], "\udc00": 1}), encoding="utf-8")
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    assert "instructors[0].name" in str(caught.value)
    for fmt in ("text", "github", "json"):
        done = subprocess.run(
            [sys.executable, "-m", "ceurules", "check", str(path), "--format", fmt],
            capture_output=True,
            env={"PYTHONIOENCODING": "utf-8", "PATH": ""},
        )
        assert done.returncode == 2, done.stderr
        assert b"Traceback" not in done.stderr


def test_a_lone_surrogate_in_text_that_may_be_empty_is_a_problem_of_the_file() -> None:
    """An instructor's qualifications and an agenda segment's title may be empty, but not invalid Unicode: each
    is named as the file writes it (the loader let the object's own check raise, unnamed by file)."""
    data = {
        **GOOD,
        "instructors": [{"name": "A", "qualifications": "Ed.D.\ud800"}],
        "agenda": [{"start": "09:00", "end": "15:00", "kind": "instruction", "title": "\udc00"}],
    }
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(data)
    refused = "expected text without lone surrogate code points (not valid Unicode), got"
    assert [(path, message.startswith(refused)) for path, message in caught.value.problems] == [
        ("instructors[0].qualifications", True),
        ("agenda[0].title", True),
    ]


def test_non_utf8_stdin_is_refused() -> None:
    command = [sys.executable, "-m", "ceurules", "check", "-"]
    done = subprocess.run(command, input=b"title = '\xff'", capture_output=True)
    assert done.returncode == 2
    assert b"not UTF-8" in done.stderr and b"Traceback" not in done.stderr


def test_over_long_and_unreachable_paths_are_reported(tmp_path: Path) -> None:
    long = str(tmp_path / ("x" * 300 + ".toml"))
    inside_a_file = str(WORKSHOP / "p.toml")
    code, out, err = run(["check", long, inside_a_file, str(WORKSHOP)])
    assert code == 2
    assert "cannot read" in err and err.count("cannot read") == 2
    assert "workshop.ceu.toml" in out


def test_an_unreadable_folder_fails_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "w.ceu.toml").write_text(WORKSHOP.read_text())
    (tmp_path / "locked").mkdir()
    real_scandir = __import__("os").scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("os.scandir", scandir)
    code, out, err = run(["check", str(tmp_path)])
    assert code == 2
    assert "locked: 1 problem" in err and "cannot read the folder" in err
    assert "w.ceu.toml" in out


def test_an_empty_path_is_refused() -> None:
    code, _, err = run(["check", ""])
    assert code == 2
    assert "empty path" in err
    with pytest.raises(ProgramFileError, match="empty"):
        load_program_file("")


# 3. Strict formats.


@pytest.mark.parametrize("text", ["2026-W47-5", "2026-333", "20261120", "2026-11-2 ", "\uff12\uff10\uff12\uff16-11-20"])
def test_dates_are_yyyy_mm_dd_only(text: str) -> None:
    with pytest.raises(ProgramFileError, match=r"offering_dates\[0\]: expected an ISO date"):
        load_program_file({**GOOD, "offering_dates": [text]})
    with pytest.raises(InvalidInputError):
        submission_deadline(text)


@pytest.mark.parametrize("text", ["09:00+05", "08:00Z", "9:00", "09:00:00.5", "0900", "09:00:00+00:00"])
def test_times_are_hh_mm_without_offset(text: str) -> None:
    with pytest.raises(InvalidInputError):
        Segment(kind="instruction", start=text, end="23:00")


def test_times_may_carry_seconds() -> None:
    assert Segment(kind="instruction", start="09:00:00", end="10:00").start == dt.time(9, 0)


def test_duplicate_json_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"title": "A", "activity": "workshop", "title": "B"}')
    with pytest.raises(ProgramFileError, match="appears twice"):
        load_program_file(path)
    code, _, err = run(["check", "-"], stdin='{"title": "A", "activity": "workshop", "title": "B"}')
    assert code == 2 and "appears twice" in err


def test_duplicate_packets_for_one_term_are_refused() -> None:
    text = (Path(__file__).parent.parent / "docs" / "examples" / "plc-yearlong.ceu.toml").read_text()
    first = text.index("[[packets]]")
    second = text.find("[[packets]]", first + 1)
    packet = text[first:second] if second > 0 else text[first:]
    code, _, err = run(["check", "-"], stdin=text + "\n" + packet)
    assert code == 2
    assert "a second packet for fall 2026" in err


def test_error_paths_are_printed_once() -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_file({**GOOD, "approval": {"dates": ["nope"]}})
    assert [p for p, _ in caught.value.problems] == ["approval.dates[0]"]


# 4. Answers independent of the caller's decimal context.


def test_decimal_context_of_the_caller_is_ignored() -> None:
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_DOWN):
        assert ceus("1234.5") == Decimal("123.5")
        assert ceus(Decimal("12345.67")) == Decimal("1234.6")
        policy = attrs.evolve(DEFAULT_POLICY, contact_hours_per_ceu=Decimal("12.345"))
        assert policy.minutes_per_ceu == Decimal("740.700")


# 2. Bounded work: numbers are checked against their caps before any exact expansion.


@pytest.mark.parametrize(
    "value",
    ["1e-999999999", "1e999999", Decimal("1e999999"), Decimal("1e-999999999"), "0." + "0" * 200 + "1", 1e-300],
)
def test_numbers_are_capped_before_expansion(value: object) -> None:
    with pytest.raises(InvalidInputError):
        ceus(value)  # type: ignore[arg-type]
    with pytest.raises(ProgramFileError):
        load_program_file({**GOOD, "contact_hours": value})


def test_api_decimals_and_durations_meet_the_cap() -> None:
    with pytest.raises(InvalidInputError, match="at most"):
        ceus(Decimal("1000001"))
    with pytest.raises(InvalidInputError, match="at most"):
        ceus(dt.timedelta(days=999_999_999))
    assert ceus(Decimal("0E+999999")) == Decimal("0.0")


def test_files_and_stdin_are_read_against_the_cap(tmp_path: Path) -> None:
    code, _, err = run(["check", "/dev/zero"])
    assert code == 2 and "larger than" in err
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([sys.executable, "-m", "ceurules", "check", "-"], stdin=zero, capture_output=True)
    assert done.returncode == 2 and b"larger than" in done.stderr


def test_reading_stops_after_200_problems() -> None:
    data = {**GOOD, "instructors": [{"name": ""}] * 5000}
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(data)
    assert len(caught.value.problems) == 200
    assert caught.value.omitted == 1
    assert str(caught.value).startswith("<mapping>: at least 201 problem(s)\n")
    assert str(caught.value).endswith("... and more problem(s), not listed: reading stopped after the first 200")


def test_values_and_applications_beyond_the_reading_limits_are_refused(tmp_path: Path) -> None:
    too_many = tmp_path / "values.ceu.json"
    too_many.write_text(json.dumps({**GOOD, "offering_dates": ["2026-11-10"] * 20_001}))
    with pytest.raises(ProgramFileError, match="more than 20000 values"):
        load_program_file(too_many)
    apps = [{"participant": f"P{i}", "attended": ["2026-11-10"]} for i in range(2001)]
    crowded = tmp_path / "apps.ceu.json"
    crowded.write_text(json.dumps({**GOOD, "offering_dates": ["2026-11-10"], "applications": apps}))
    with pytest.raises(ProgramFileError, match="2001 applications; a program file holds at most 2000") as caught:
        load_program_file(crowded)
    assert caught.value.problems[0][0] == "applications"
    assert caught.value.locations[0] is not None
    fits = {**GOOD, "offering_dates": ["2026-11-10"], "applications": apps[:2000]}
    (tmp_path / "fits.ceu.json").write_text(json.dumps(fits))
    assert len(load_program_file(tmp_path / "fits.ceu.json").applications) == 2000


def test_toml_text_over_1_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.ceu.toml"
    big.write_text('title = "T"\nactivity = "workshop"\n' + "# padding\n" * 110_000)
    with pytest.raises(ProgramFileError, match="TOML text larger than 1048576 bytes"):
        load_program_file(big)


# 5. Typed errors everywhere.


def test_review_program_file_checks_its_arguments() -> None:
    pf = load_program_file(WORKSHOP)
    assert review_program_file(pf, as_of="2027-08-01").as_of == dt.date(2027, 8, 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^policy: "):
        review_program_file(pf, policy="strict")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^as_of: "):
        review_program_file(pf, as_of="August")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^pf: "):
        review_program_file({"title": "T"})  # type: ignore[arg-type]


# CLI output for invalid files: one place per format, one label, a summary line in text.

_SYNTAX = 'title = "T"\n[[[\n'


@pytest.mark.parametrize("fmt", ["github", "json", "jsonl"])
def test_an_invalid_file_is_reported_once_in_machine_formats(tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "bad.ceu.toml"
    bad.write_text(_SYNTAX)
    code, out, err = run(["check", str(bad), "--format", fmt])
    assert code == 2 and err == ""
    assert "not valid TOML" in out


def test_a_problem_of_the_whole_file_has_one_label_in_every_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ceu.toml"
    bad.write_text(_SYNTAX)
    text = run(["check", str(bad)])[2]
    github = run(["check", str(bad), "--format", "github"])[1]
    assert "  <top level> (line 2, column " in text
    assert "title=ceurules invalid file::<top level>: not valid TOML" in github
    assert "file: " not in github


def test_an_invalid_file_ends_with_a_summary_line_in_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ceu.toml"
    bad.write_text(_SYNTAX)
    code, out, err = run(["check", str(bad), str(WORKSHOP)])
    assert code == 2
    policy = f"policy: {DEFAULT_POLICY.name} (fingerprint {DEFAULT_POLICY.fingerprint})\n\n"
    assert out.startswith(f"{policy}{bad}: 1 problem(s), listed on stderr\n=> INVALID\n\n")
    assert err.startswith(f"{bad}: 1 problem(s)\n  <top level> (line 2")


def test_more_problems_than_listed_are_said_in_every_format(tmp_path: Path) -> None:
    many = tmp_path / "many.ceu.json"
    many.write_text(json.dumps({**GOOD, "instructors": [{"name": ""}] * 300}))
    text = run(["check", str(many)])
    assert "at least 201 problem(s), listed on stderr\n=> INVALID" in text[1]
    assert text[2].endswith("... and more problem(s), not listed: reading stopped after the first 200\n")
    github = run(["check", str(many), "--format", "github"])[1]
    assert github.count("::error ") == 201 and "and more problem(s), not listed" in github
    entry = json.loads(run(["check", str(many), "--format", "jsonl"])[1])
    assert len(entry["error"]) == 200 and entry["more_problems"] is True


def test_an_attended_date_outside_the_offering_dates_is_flagged_before_approval(tmp_path: Path) -> None:
    app = {"participant": "A", "attended": ["2026-12-16"]}
    for approval in ({}, {"approval": {"approved_on": "2026-11-01"}}):
        data = {**GOOD, **approval, "applications": [app]}
        report = review_program_file(load_program_file(data))
        dates = [f for d in report.decisions for f in d.findings if f.clause == "approval.dates" and f.facts]
        assert [f.outcome for f in dates if "uncovered" in f.facts] == [Outcome.NOT_MET]
        assert dates[-1].facts["uncovered"] == [dt.date(2026, 12, 16)]
    on_time = {**GOOD, "applications": [{"participant": "A", "attended": ["2026-12-15"]}]}
    report = review_program_file(load_program_file(on_time))
    assert not [f for d in report.decisions[1:] for f in d.findings if f.clause == "approval.dates"]


# Generated hostile files: a typed refusal or an answer, never a traceback; bounded output in every format.

_OUTPUT_BOUND = 400_000  # characters: 200 problems at most per file, each message shortened


def _check_generated(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"hostile{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_program_file(path)
        except ProgramFileError as refused:
            assert refused.source == str(path) and refused.problems and len(refused.problems) <= 200
        for fmt in ("text", "json", "github"):
            code, out, err = run(["check", str(path), "--format", fmt, "--today", "2027-06-01"])
            assert code in (0, 1, 2), (code, err)
            event(f"{fmt}: exit {code}")
            assert len(out) + len(err) < _OUTPUT_BOUND
            assert "Traceback" not in err
            if fmt == "json":
                assert json.loads(out)["exit_code"] == code
            elif fmt == "text" and code == 2:
                assert err.startswith(str(path)) and "problem(s)" in err.partition("\n")[0]
                assert out.endswith("=> INVALID\n\n")
            elif fmt == "text":
                assert out.rstrip().endswith(("=> PASS", "=> NEEDS REVIEW", "=> FAIL"))
        code, out, err = run(["timeline", str(path)])
        assert code in (0, 2) and "Traceback" not in err and len(out) + len(err) < _OUTPUT_BOUND


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=hostile_json_files() | extreme_json_files())
def test_hostile_json_files_get_a_typed_refusal_or_an_answer(text: str) -> None:
    _check_generated(text, ".ceu.json")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=hostile_toml_files())
def test_hostile_toml_files_get_a_typed_refusal_or_an_answer(text: str) -> None:
    _check_generated(text, ".ceu.toml")
