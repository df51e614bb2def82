"""Regressions from the fourth user trial: each test uses the input the trial reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ceurules import ProgramFileError, load_program_file, review_program_file
from ceurules.cli import main

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
    apps = "".join(
        f'[[applications]]\nparticipant = "{name}"\nattended = [2199-12-31]\n' for name in ("A", "B", "C")
    )
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
