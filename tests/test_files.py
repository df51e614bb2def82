"""One reader for every file the library loads: the size cap, unreadable paths, bad text, byte-order marks and
empty input."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from ceurules import load_policy
from ceurules.cases import load_cases, run_case
from ceurules.cli import main
from ceurules.educator_records import load_record
from ceurules.errors import ProgramFileError, RecordFileError, RenewalRuleError
from ceurules.program_files import load_program_file
from ceurules.renewal_rules import load_renewal_rule
from helpers import HEAD, WORKSHOP, run


@pytest.mark.parametrize(
    ("load", "error"),
    [(load_program_file, ProgramFileError), (load_record, RecordFileError), (load_renewal_rule, RenewalRuleError)],
)
def test_every_loader_refuses_a_file_over_the_cap(tmp_path: Path, load: object, error: type[Exception]) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (5 * 1024 * 1024 + 1))
    with pytest.raises(error, match="larger than"):
        load(big)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("load", "error"),
    [(load_program_file, ProgramFileError), (load_record, RecordFileError), (load_renewal_rule, RenewalRuleError)],
)
def test_every_loader_refuses_text_that_is_not_utf8(tmp_path: Path, load: object, error: type[Exception]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'title = "\xff"\n')
    with pytest.raises(error, match="not UTF-8"):
        load(bad)  # type: ignore[operator]


def test_a_record_in_csv_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    example = Path("docs/records/dana-whitfield.csv")
    with_bom = tmp_path / "dana-whitfield.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + example.read_bytes())
    assert load_record(with_bom).activities == load_record(example).activities


def test_a_missing_rule_name_lists_the_bundled_rules() -> None:
    with pytest.raises(RenewalRuleError, match=r"bundled rules: .*ms-class-a"):
        load_renewal_rule("no-such-rule")


# -- a UTF-8 byte-order mark is read as no mark, in every file and on stdin ---------------------


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


# -- empty input is said to be empty --------------------------------------------------------------


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
