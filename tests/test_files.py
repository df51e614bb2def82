"""One reader for every file the library loads: the size cap, unreadable paths, bad text, byte-order marks and
empty input."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ceurules import load_policy
from ceurules.cases import load_cases, run_case
from ceurules.cli import main
from ceurules.educator_records import load_record
from ceurules.errors import CaseFileError, PolicyFileError, ProgramFileError, RecordFileError, RenewalRuleError
from ceurules.program_files import load_program, load_program_file
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


# -- a path argument: never empty, never file text ----------------------------------------------

LOADERS = [
    (load_program_file, ProgramFileError, "a program file", "ceurules.program_files.load_program_text(text, name"),
    (load_program, ProgramFileError, "a program file", "ceurules.program_files.load_program_text(text, name"),
    (load_record, RecordFileError, "a record file", "pass its fields as a mapping"),
    (load_renewal_rule, RenewalRuleError, "a rule file or a bundled rule", "pass its fields as a mapping"),
    (load_cases, CaseFileError, "a case file", ""),
    (load_policy, PolicyFileError, "a policy file or a bundled policy", None),  # reads text: see below
]


@pytest.mark.parametrize(("load", "error", "what", "use"), LOADERS, ids=[one[0].__name__ for one in LOADERS])
def test_every_loader_says_a_path_is_empty(load: Any, error: type[Exception], what: str, use: str | None) -> None:
    with pytest.raises(error) as caught:
        load("")
    assert str(caught.value).startswith("<empty path>:")
    assert str(caught.value).endswith(f"the path is empty; name {what}")


@pytest.mark.parametrize(("load", "error", "what", "use"), LOADERS[:-1], ids=[one[0].__name__ for one in LOADERS[:-1]])
def test_every_loader_refuses_file_text_given_as_a_path_without_repeating_it(
    load: Any, error: type[Exception], what: str, use: str
) -> None:
    text = 'title = "Math Night"\nactivity = "workshop"\noffering_dates = [2026-12-15]\n'
    with pytest.raises(error) as caught:
        load(text)
    message = str(caught.value)
    assert message.startswith("<text>:") and "Math Night" not in message
    assert f"expected the path of {what}, got text of 3 lines: file text, not a path" in message
    assert use in message


def test_a_policy_is_read_from_text_as_documented() -> None:
    assert load_policy('format = 1\nname = "Agency"\n').name == "Agency"


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


# -- one reader for the four file kinds: exact numbers, refusals with their places --------------------------------

_CASE = (
    '# a case\n[[case]]\nname = "n"\nclause = "approval.lead-time"\n'
    'based_on = "../../../docs/examples/workshop.ceu.toml"\n{line}\nexpect.verdict = "pass"\n'
)
#: Each kind: how to load a file, its error, and a file whose 6th line holds ``{line}``.
_KINDS = {
    "program": (load_program_file, ProgramFileError, "p.ceu.toml",
                'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15]\n\n[approval_request]\n{line}\n'),
    "record": (load_record, RecordFileError, "r.toml", 'educator = "A"\n\n\n\nlicense_expires = 2027-06-30\n{line}\n'),
    "policy": (load_policy, PolicyFileError, "policy.toml",
               'format = 1\nname = "p"\n\n\n[parameters.lead_time_days]\n{line}\n'),
    "case": (load_cases, CaseFileError, "c.toml", _CASE),
}  # fmt: skip


def _place(err: BaseException) -> tuple[str, int | None, int | None, str]:
    """The field, line, column and message of a file kind's error (the first problem)."""
    if isinstance(err, ProgramFileError):
        (path, message), where = err.problems[0], err.locations[0]
        return path, where[0] if where else None, where[1] if where else None, message
    assert isinstance(err, PolicyFileError)
    return err.field, err.line, getattr(err, "column", None), err.message


@pytest.mark.parametrize("kind", list(_KINDS))
def test_every_file_kind_places_a_date_that_is_no_date(tmp_path: Path, kind: str) -> None:
    """An unquoted TOML date that is no date: tomllib words it as another error; each kind names the date and its
    field, line and column (the policy file names no column)."""
    load, error, name, text = _KINDS[kind]
    key = {"program": "received", "record": "nickname", "policy": "value", "case": "as_of"}[kind]
    path = tmp_path / "cases" / "x" / name
    path.parent.mkdir(parents=True)
    path.write_text(text.format(line=f"{key} = 2026-02-30"), encoding="utf-8")
    with pytest.raises(error) as caught:
        load(path)  # type: ignore[operator]
    field, line, column, message = _place(caught.value)
    assert message == "2026-02-30 is not a valid TOML date (a real date, written YYYY-MM-DD)"
    table = {"program": "approval_request.", "policy": "parameters.lead_time_days.", "case": "case[0]."}
    assert (field, line) == (table.get(kind, "") + key, 6)
    assert column == (None if kind == "policy" else len(key) + 4)


@pytest.mark.parametrize("kind", list(_KINDS))
def test_every_file_kind_refuses_a_number_too_large_to_read(tmp_path: Path, kind: str) -> None:
    """A TOML float with an exponent too large to hold even exactly is refused by the one reader, in the same
    words for every kind (a policy or case file read it through a float, as inf)."""
    load, error, name, text = _KINDS[kind]
    path = tmp_path / name
    path.write_text(text.format(line="x = 1e9999999999999999999"), encoding="utf-8")
    with pytest.raises(error) as caught:
        load(path)  # type: ignore[operator]
    too_large = "not accepted TOML: the number 1e9999999999999999999 has an exponent too large to read"
    assert _place(caught.value)[3] == too_large


def test_a_float_in_a_policy_file_is_read_exactly_or_refused_by_its_field() -> None:
    """A decimal parameter takes the number as written (a float would give 1.1); a whole number, a flag or text
    refuses it, naming the field and the number as written."""
    exact = "1.10000000000000000001"
    policy = load_policy(f"format = 1\n[parameters.contact_hours_per_ceu]\nvalue = {exact}\n")
    assert policy.contact_hours_per_ceu == Decimal(exact)
    for parameter, expected in [("lead_time_days", "a whole number of at least 0"), ("sum_segments", "true or false")]:
        with pytest.raises(PolicyFileError) as caught:
            load_policy(f"format = 1\n[parameters.{parameter}]\nvalue = {exact}\n")
        assert caught.value.message == f"expected {expected}, got {exact}"


def test_a_float_in_a_case_files_policy_is_read_exactly(tmp_path: Path) -> None:
    exact = "10.000000000000000000001"
    path = tmp_path / "cases" / "x" / "c.toml"
    path.parent.mkdir(parents=True)
    text = _CASE.format(line=f"policy.contact_hours_per_ceu = {exact}")
    path.write_text(text.replace("../../../docs/examples/workshop.ceu.toml", str(WORKSHOP.resolve())), encoding="utf-8")
    (case,) = load_cases(path)
    assert case.policy().contact_hours_per_ceu == Decimal(exact)


def test_a_json_record_with_a_key_twice_is_refused_at_the_second(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"educator": "A",\n "educator": "B", "license_expires": "2027-06-30"}', encoding="utf-8")
    with pytest.raises(RecordFileError) as caught:
        load_record(path)
    assert caught.value.problems == (("educator", "the key appears twice in one object; a key is given once"),)
    assert caught.value.locations == ((2, 2),)


def test_a_policy_or_case_file_that_is_empty_is_said_to_be_empty(tmp_path: Path) -> None:
    for load, name in ((load_policy, "p.toml"), (load_cases, "c.toml")):
        path = tmp_path / name
        path.write_bytes(BOM + b" \n")
        with pytest.raises(PolicyFileError) as caught:
            load(path)
        assert (caught.value.field, caught.value.message) == ("", "the file is empty")


def test_a_json_record_reads_integers_against_their_cap(tmp_path: Path) -> None:
    """The one JSON reader keeps an integer of more than 30 digits as written, for records too, so its field
    refuses it by its bound; a long run of digits in text does not make an integer refused (each is read one
    by one only then)."""
    path = tmp_path / "r.json"
    head = '{"educator": "A", "license_expires": "2027-06-30", "activities": [{"date": "2023-01-01", "unit": "ceu", '
    path.write_text(head + '"amount": 1' + "0" * 40 + "}]}", encoding="utf-8")
    with pytest.raises(RecordFileError) as caught:
        load_record(path)
    big = "1" + "0" * 40
    assert caught.value.problems == (("activities[0].amount", f"expected at most 1000000 units, got {big}"),)
    path.write_text(head + '"amount": 2, "id": "' + "7" * 40 + '"}]}', encoding="utf-8")
    assert load_record(path).activities[0].amount == 2
