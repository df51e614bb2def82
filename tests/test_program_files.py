"""Program files: the TOML/JSON loader, its errors and where they are written, numbers read exactly."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from ceurules import (
    ActivityType,
    InvalidInputError,
    Program,
    ProgramFile,
    ProgramFileError,
    SegmentKind,
    Verdict,
    check_eligibility,
    load_program,
    load_program_file,
)
from ceurules.program_files import load_program_text
from helpers import HEAD, WORKSHOP, run
from strategies import programs

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "docs" / "examples"


def problems(source: Any) -> dict[str, str]:
    with pytest.raises(ProgramFileError) as info:
        load_program_file(source)
    return dict(info.value.problems)


def test_workshop_example_loads_completely() -> None:
    pf = load_program_file(EXAMPLES / "workshop.ceu.toml")
    program = pf.program
    assert program.activity is ActivityType.WORKSHOP
    assert program.offering_dates == (dt.date(2026, 12, 15), dt.date(2027, 1, 12))
    assert [s.kind for s in program.agenda.segments][:3] == [
        SegmentKind.REGISTRATION,
        SegmentKind.INSTRUCTION,
        SegmentKind.BREAK,
    ]
    assert [p.name for p in program.instructors] == ["Dr. Ada Reyes", "Sam Whitfield"]
    assert pf.request is not None and pf.request.received == dt.date(2026, 11, 20)
    assert pf.request.documents.website == "https://example.org/literacy-workshop"
    assert pf.approval is not None and pf.approval.dates == program.offering_dates
    assert [a.participant for a in pf.applications] == ["Jordan Lee", "Riley Chen"]
    assert pf.applications[0].payment is not None
    assert check_eligibility(program).verdict is Verdict.PASS


def test_json_file_and_mapping_load_the_same_program() -> None:
    from_file = load_program(HERE / "files" / "minimal.json")
    from_mapping = load_program(
        {
            "title": "Directed Reading: The Science of Reading",
            "activity": "directed reading",
            "contact_hours": "12.5",
            "criteria": dict.fromkeys(
                ["organized", "need", "objective", "instructors", "performance", "evaluation"], True
            ),
        }
    )
    assert from_file == from_mapping
    assert from_file.contact_hours == Decimal("12.5")


def test_a_file_with_several_problems_lists_them_all_with_paths() -> None:
    with pytest.raises(ProgramFileError) as info:
        load_program_file(HERE / "files" / "many-problems.toml")
    err = info.value
    assert err.source.endswith("many-problems.toml")
    found = dict(err.problems)
    assert set(found) >= {
        "title",
        "activity",
        "academic_credit",
        "offering_dates[1]",
        "colour",
        "criteria.organized",
        "agenda[1].end",
        "agenda[2].kind",
    }
    assert "'hackathon'" in found["activity"]
    assert "'12/16/2026'" in found["offering_dates[1]"]
    assert found["agenda[1].end"] == "expected a time after the start 10:00 (this end is before the start), got 09:30"
    assert "unknown field" in found["colour"]
    assert "many-problems.toml" in str(err) and "agenda[2].kind" in str(err)


def test_overlap_is_reported_with_the_segment_path() -> None:
    found = problems(
        {
            "title": "T",
            "activity": "workshop",
            "agenda": [
                {"start": "09:00", "end": "10:00", "kind": "instruction"},
                {"start": "09:30", "end": "10:30", "kind": "instruction"},
            ],
        }
    )
    assert "agenda[1].start" in found


def test_missing_required_fields() -> None:
    found = problems({"activity": "workshop", "approval_request": {"documents": {}}})
    assert found["title"] == "required field is missing"
    assert found["approval_request.received"] == "required field is missing"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("bad-syntax.toml", "not valid TOML"),
        ("not-utf8.toml", "not UTF-8"),
        ("list-at-top.json", "expected a table"),
        ("does-not-exist.toml", "cannot read"),
    ],
)
def test_unreadable_files_name_the_file(name: str, says: str) -> None:
    with pytest.raises(ProgramFileError) as info:
        load_program_file(HERE / "files" / name)
    assert name in str(info.value)
    assert says in str(info.value)


def test_nested_sections() -> None:
    found = problems(
        {
            "title": "T",
            "activity": "workshop",
            "agenda": "09:00-10:00",
            "instructors": [{"name": ""}, 42],
            "approval_request": {"received": "2026-11-31", "documents": {"vitas": "Dr. Ada"}, "waiver": {}},
            "approval": {"dates": ["2026-12-15", "2026-12-15"]},
            "applications": [{"participant": "Jo", "attended": [], "paid": "soon", "extra": 1}],
            "packets": [{"term": "", "school_year": "2026", "sign_ins": []}],
        }
    )
    for path in [
        "agenda",
        "instructors[0].name",
        "instructors[1]",
        "approval_request.received",
        "approval_request.documents.vitas",
        "approval_request.waiver.circumstances",
        "approval.dates[1]",
        "applications[0].attended",
        "applications[0].paid",
        "applications[0].extra",
        "packets[0].term",
        "packets[0].school_year",
        "packets[0].sign_ins",
    ]:
        assert path in found, (path, found)


def test_datetime_values_in_toml_are_refused() -> None:
    found = problems({"title": "T", "activity": "workshop", "offering_dates": [dt.datetime(2026, 12, 15, 9, 0)]})
    assert "without a time of day" in found["offering_dates[0]"]


def test_source_must_be_a_path_or_mapping() -> None:
    with pytest.raises(InvalidInputError, match="source"):
        load_program_file(42)  # type: ignore[arg-type]


def test_deeply_nested_values_do_not_crash(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    path = tmp_path / "deep.json"
    path.write_text('{"title": "T", "activity": "workshop", "agenda": ' + deep + "}")
    with pytest.raises(ProgramFileError) as info:
        load_program_file(path)
    assert "deep.json" in str(info.value)


@given(program=programs())
def test_program_to_dict_round_trips_through_the_loader(program: Program) -> None:
    if program.agenda.segments:  # a file states contact hours or a timed agenda, not both
        program = attrs.evolve(program, contact_hours=None)
    data = program.to_dict()
    assert load_program(data) == program
    assert load_program(json.loads(json.dumps(data))) == program


def test_example_program_round_trips() -> None:
    program = load_program(EXAMPLES / "workshop.ceu.toml")
    assert load_program(program.to_dict()) == program
    assert program.to_dict()["agenda"][0] == {
        "start": "08:00",
        "end": "08:30",
        "kind": "registration",
        "title": "Sign-in and coffee",
    }


def _refusal(text: str) -> list[tuple[str, str, tuple[int, int] | None]]:
    with pytest.raises(ProgramFileError) as info:
        load_program_text(text, "p.ceu.toml", json_format=False)
    return [(p, m, w) for (p, m), w in zip(info.value.problems, info.value.locations, strict=True)]


def test_contact_hours_beside_a_timed_agenda_is_an_error_not_ignored() -> None:
    text = (
        'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15]\ncontact_hours = 40\n\n'
        '[[agenda]]\nstart = "09:00"\nend = "10:30"\nkind = "instruction"\n'
    )
    [(path, message, where)] = _refusal(text)
    assert (path, where) == ("contact_hours", (4, 17))
    assert "contact hours (40) stated beside a timed agenda" in message


def test_packets_in_a_program_that_is_not_year_long_are_an_error() -> None:
    text = 'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15]\n\n'
    text += '[[packets]]\nterm = "fall"\nschool_year = 2026\n'
    [(path, message, where)] = _refusal(text)
    assert (path, where) == ("packets", (5, 1))
    assert message.startswith("packets belong to a year-long program")


def test_sign_ins_for_a_day_that_is_not_a_meeting_are_an_error() -> None:
    text = (
        'title = "T"\nactivity = "educational training"\nyear_long = true\noffering_dates = [2026-08-18]\n\n'
        '[[packets]]\nterm = "fall"\nschool_year = 2026\n\n[packets.sign_ins]\n'
        '"2026-08-18" = ["Ana Ruiz"]\n"2026-08-19" = ["Ana Ruiz"]\n'
    )
    [(path, message, where)] = _refusal(text)
    assert (path, where) == ("packets[0].sign_ins.2026-08-19", (12, 16))
    assert message == "a sign-in sheet for 2026-08-19, which is not a meeting date"


def test_a_sheet_for_a_day_that_is_not_a_meeting_is_listed_beside_a_sheet_with_a_bad_date() -> None:
    """One sheet's key is no date: the other sheets are still checked against the meetings, in one run."""
    text = (
        'title = "T"\nactivity = "educational training"\nyear_long = true\noffering_dates = [2026-08-18]\n\n'
        '[[packets]]\nterm = "fall"\nschool_year = 2026\n\n[packets.sign_ins]\n'
        '"2027-13-01" = ["Ana Ruiz"]\n"2026-08-18" = ["Ana Ruiz"]\n"2026-12-25" = ["Ana Ruiz"]\n'
    )
    found = _refusal(text)
    assert [(path, where) for path, _, where in found] == [
        ("packets[0].sign_ins.2027-13-01", (11, 16)),
        ("packets[0].sign_ins.2026-12-25", (13, 16)),
    ]
    assert found[1][1] == "a sign-in sheet for 2026-12-25, which is not a meeting date"


def test_a_refused_date_time_is_shown_as_the_file_writes_it() -> None:
    """TOML date-times and times are shown from the file's text: the parsed value loses ``Z``, a space for
    ``T``, the digits of a fraction and seconds of zero."""
    text = (
        'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15, 2026-12-16T08:00:00]\n'
        "approval = 2026-12-16 10:00:00Z\n\n"
        '[[applications]]\nparticipant = "A"\nattended = [2026-12-15]\nsubmitted = 2026-12-16T00:00:00Z\n'
        "paid = 2026-12-16 10:00:00.500+02:00\nissued = 10:30:00\n"
    )
    shown = {path: message.rpartition(", got ")[2] for path, message, _ in _refusal(text)}
    assert shown == {
        "offering_dates[1]": "2026-12-16T08:00:00",
        "applications[0].submitted": "2026-12-16T00:00:00Z",
        "applications[0].paid": "2026-12-16 10:00:00.500+02:00",
        "applications[0].issued": "10:30:00",
        "approval": "2026-12-16 10:00:00Z",
    }
    inline = 'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15]\n'
    inline += 'applications = [{participant = "A", attended = [2026-12-15], paid = 2026-12-16T10:00:00}]\n'
    [(path, message, _)] = _refusal(inline)
    assert (path, message.rpartition(", got ")[2]) == ("applications[0].paid", "2026-12-16T10:00:00")


def test_a_participant_with_two_applications_for_one_meeting_is_an_error() -> None:
    """The credit of one meeting would count twice: each day a participant's later application lists again is
    named where the file writes it; another participant, or another day, is no problem."""
    text = (
        'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15, 2027-01-12]\n\n'
        '[[applications]]\nparticipant = "A"\nattended = [2026-12-15]\n\n'
        '[[applications]]\nparticipant = "B"\nattended = [2026-12-15]\n\n'
        '[[applications]]\nparticipant = "A"\nattended = [2027-01-12, 2026-12-15]\n'
    )
    [(path, message, where)] = _refusal(text)
    assert (path, where) == ("applications[2].attended[1]", (15, 25))
    assert message == (
        "a second application of 'A' for 2026-12-15 (first: applications[0].attended[0]); one per participant and "
        "meeting"
    )
    read = load_program_text(text.replace("2027-01-12, 2026-12-15", "2027-01-12"), "p.ceu.toml", json_format=False)
    assert [a.participant for a in read.applications] == ["A", "B", "A"]


def test_an_unknown_field_close_to_a_known_one_is_named_as_its_likely_misspelling() -> None:
    text = 'title = "T"\nactivty = "workshop"\noffering_dates = [2026-12-15]\ncolour = 1\n'
    found = {path: message.partition(";")[0] for path, message, _ in _refusal(text)}
    assert found["activty"] == "unknown field (a misspelling of 'activity'?)"
    assert found["colour"] == "unknown field"  # near nothing: no guess


def test_a_second_application_and_packets_of_a_program_not_year_long_are_listed_beside_other_problems() -> None:
    """Neither waits for the file's other problems to be mended: one run lists them all."""
    text = (
        'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15]\n\n'
        '[[applications]]\nparticipant = "O\'Brien \\"Bo\\" \\\\"\nattended = [2026-12-15]\n\n'
        '[[applications]]\nparticipant = "O\'Brien \\"Bo\\" \\\\"\nattended = [2026-12-15]\nsubmited = 2027-01-14\n\n'
        '[[packets]]\nterm = "fall"\nschool_year = 2026\nsign_ins = { "2026-13-01" = ["A"] }\n'
    )
    found = {path: message for path, message, _ in _refusal(text)}
    assert found["applications[1].attended[0]"].startswith(
        "a second application of 'O'Brien \"Bo\" \\' for 2026-12-15 (first: applications[0].attended[0])"
    )
    assert found["packets"].startswith("packets belong to a year-long program")
    assert set(found) == {
        "applications[1].attended[0]", "applications[1].submited", "packets", "packets[0].sign_ins.2026-13-01"
    }


def test_a_file_with_both_contact_hours_and_no_agenda_segments_is_read() -> None:
    data = {"title": "T", "activity": "directed reading", "contact_hours": "7.5", "agenda": []}
    assert load_program(data).contact_hours == Decimal("7.5")


# -- where a problem is written ----------------------------------------------------------------


def test_json_syntax_errors_name_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "T",\n "activity": }')
    with pytest.raises(ProgramFileError, match=r"line 2, column 14"):
        load_program_file(path)


def test_deeply_nested_mapping_in_memory() -> None:
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ProgramFileError, match=r"activity: expected one of .*, got \[\[\[\[\[\.\.\.\]\]\]\]\]"):
        load_program_file({"title": "T", "activity": deep})


def test_a_bad_value_is_located_at_its_own_line(tmp_path: Path) -> None:
    good = tmp_path / "p.toml"
    good.write_text('title = "T"\n\n[[agenda]]\nend = "x"\n')
    with pytest.raises(ProgramFileError) as info:
        load_program_file(good)
    where = dict(zip((p for p, _ in info.value.problems), info.value.locations, strict=True))
    assert where["agenda[0].end"] == (4, 7)


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        ('title = "x"\noffering_dates = [2026-12-15]\n\n[criteria]\norganized = true\n', "activity", 1),
        ('title = "x"\nactivity = "workshop"\noffering_dates = [2026-12-15]\n\n[approval_request]\n'
         'approval_form = true\n', "approval_request.received", 5),
    ],
)  # fmt: skip
def test_a_missing_field_is_placed_at_its_table_or_the_top(text: str, path: str, line: int) -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "missing.ceu.toml", json_format=False)
    problems = {p[0]: p for p in caught.value.problems}
    assert path in problems
    assert caught.value.locations[list(problems).index(path)] == (line, 1)


def test_a_missing_label_says_missing_not_null() -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_text('title = "x"\nactivity = "other"\noffering_dates = [2026-12-15]\n', "o", json_format=False)
    assert any(message.endswith("got missing") for _, message in caught.value.problems)
    assert not any("null" in message for _, message in caught.value.problems)


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


_HEAD = 'title = "X"\nactivity = "workshop"\n'
_NO_DATE = "is not a valid TOML date (a real date, written YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("text", "path", "place", "message"),
    [
        # a date that is no date: named with its indices, inline or over several lines, at its own place
        (_HEAD + "offering_dates = [2026-12-15]\napplications = [{participant = 'A', attended = [2026-12-32]}]\n",
         "applications[0].attended[0]", (4, 49), f"2026-12-32 {_NO_DATE}"),
        (_HEAD + "offering_dates = [\n  2026-12-15,\n  2026-02-30,\n]\n", "offering_dates[1]", (5, 3),
         f"2026-02-30 {_NO_DATE}"),
        (_HEAD + "offering_dates = [2026-12-15]\n[[applications]]\nparticipant = 'A'\n[[applications]]\n"
         "participant = 'B'\nattended = [2026-12-15,\n   2026-12-32]\n", "applications[1].attended[1]", (9, 4),
         f"2026-12-32 {_NO_DATE}"),
        # lines counted as TOML counts them: a line separator (U+2028) inside a string ends no line
        ('title = "a\u2028b"\nactivity = "workshop"\noffering_dates = [2026-12-15, 2026-02-30]\n',
         "offering_dates[1]", (3, 31), f"2026-02-30 {_NO_DATE}"),
        # a value left open: named, where the parser stopped (at the next line's key)
        (_HEAD + "offering_dates = [2026-12-15\ncontact_hours = 6\n", "offering_dates", (4, 1),
         "not valid TOML: Unclosed array"),
        (_HEAD + "offering_dates = [2026-12-15]\napplications = [{participant = 'A'}\ncontact_hours = 6\n",
         "applications", (5, 1), "not valid TOML: Unclosed array"),
        # a value that is no value: named, with the value as written, where the parser stopped
        ('title = "X\nactivity = "workshop"\n', "title", (1, 11),
         'not valid TOML: "X (a line ends inside a string: close it on its line, or use """ for several lines)'),
        (_HEAD + "offering_dates = [2026-12-15]\n[[applications]]\nparticipant = 'A'\n[[applications]]\n"
         "paid = soon\n", "applications[1].paid", (7, 8), "not valid TOML: soon (Invalid value)"),
    ],
)  # fmt: skip
def test_a_syntax_error_names_the_value_the_parser_was_reading(
    text: str, path: str, place: tuple[int, int], message: str
) -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "p", json_format=False)
    assert caught.value.problems == ((path, message),)
    assert caught.value.locations == (place,)


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ('title = "Math Night\nactivity = "workshop"\n', "title",
         'not valid TOML: "Math Night (a line ends inside a string: close it on its line, or use """ '
         "for several lines)"),
        ('title = "X"\n[approval]\napproved_on = 2026-11-01\n[approval]\n', "",
         "not valid TOML: the table [approval] is declared twice"),
        ('title = "X"\ntitle = "Y"\n', "title",
         'not valid TOML: "Y" (a key or a table given a second time; each is given once)'),
    ],
)  # fmt: skip
def test_a_syntax_error_is_said_in_the_file_s_terms_not_python_s(text: str, path: str, message: str) -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "p", json_format=False)
    assert caught.value.problems == ((path, message),)


def test_other_toml_syntax_errors_keep_the_parser_message() -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_file_text('title = "T"\n[approval]\napproved_on = tomorrow\n')
    assert caught.value.problems[0][0] == "approval.approved_on"
    assert caught.value.problems[0][1].startswith("not valid TOML: tomorrow (")
    with pytest.raises(ProgramFileError) as caught:
        load_program_file_text("[[applications\n")
    assert caught.value.problems[0][0] == ""


TWICE = "the key appears twice in one object; a key is given once"
BAD = "'2026-13-01'"


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        (
            '{\n  "title": "Again",\n  "title": "T",\n  "activity": "workshop", "offering_dates": ["2026-12-15"],\n'
            '  "applications": [{"participant": "A", "participant": "B", "attended": ["2026-12-15"]}]\n}\n',
            [(("title", TWICE), (3, 3)), (("applications[0].participant", TWICE), (5, 41))],
        ),
        (  # every other problem too, in the order of the file; a key's first value is the one read
            '{\n  "title": "Reading",\n  "activity": "workshop",\n  "offering_dates": ["2026-12-15"],\n'
            '  "contact_hours": 2.50,\n  "applications": [\n'
            '    {"participant": "Jordan Lee", "attended": ["2026-12-15"]},\n'
            '    {"participant": "Riley Chen", "attended": ["2026-12-15"], "paid": "2026-13-01",\n'
            '     "submitted": true, "paid": "2026-12-16", "issued": null}\n  ],\n  "title": "Again"\n}\n',
            [
                (("applications[1].paid", f"expected a real calendar date (YYYY-MM-DD), got {BAD}"), (8, 71)),
                (("applications[1].submitted", "expected an ISO date such as 2026-11-20, got true"), (9, 19)),
                (("applications[1].paid", TWICE), (9, 25)),
                (("applications[1].issued", "expected an ISO date such as 2026-11-20, got null"), (9, 57)),
                (("title", TWICE), (11, 3)),
            ],
        ),
        (  # a table given twice: read and placed by its first writing
            '{"title": "T", "activity": "workshop", "offering_dates": ["2026-12-15"],\n'
            ' "approval_request": {"received": "2026-13-01"},\n'
            ' "approval_request": {"documents": {"agenda": "yes"}, "received": "2026-11-20"}}\n',
            [
                (("approval_request.received", f"expected a real calendar date (YYYY-MM-DD), got {BAD}"), (2, 35)),
                (("approval_request", TWICE), (3, 2)),
            ],
        ),
    ],
    ids=["only keys twice", "with other problems", "a table twice"],
)
def test_a_json_key_given_twice_is_placed_and_listed_with_every_other_problem(
    text: str, listed: list[tuple[tuple[str, str], tuple[int, int]]]
) -> None:
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "dup.ceu.json", json_format=True)
    assert list(zip(caught.value.problems, caught.value.locations, strict=True)) == listed


def test_keys_given_twice_count_toward_the_cap_of_problems_listed() -> None:
    names = ", ".join('{"name": ""}' for _ in range(199))
    text = '{"title": "T", "activity": "workshop", "title": "U", "title": "V", "instructors": [' + names + "]}"
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "dup.ceu.json", json_format=True)
    assert len(caught.value.problems) == 200 and caught.value.omitted == 1
    assert [p for p, _ in caught.value.problems[:3]] == ["title", "title", "instructors[0].name"]


def test_the_problems_of_a_mapping_keep_the_order_of_its_fields() -> None:
    data = {"title": "T", "year_long": "no", "activity": "workshops", "offering_dates": ["2026-02-30"]}
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(data)
    assert [path for path, _ in caught.value.problems] == ["year_long", "activity", "offering_dates[0]"]
    assert caught.value.locations == (None, None, None)


@pytest.mark.parametrize(
    ("written", "path", "expected"),
    [
        ('"approval": null', "approval", "expected a table of fields, got null"),
        ('"applications": null', "applications", "expected a list of tables, got null"),
        ('"instructors": [null]', "instructors[0]", "expected a table of fields, got null"),
        ('"activity_label": null', "activity_label", "expected non-empty text, got null"),
        ('"applications": [{"participant": "A", "attended": ["2026-12-15"], "issued": null}]',
         "applications[0].issued", "expected an ISO date such as 2026-11-20, got null"),
    ],
)  # fmt: skip
def test_a_json_null_is_shown_as_null(written: str, path: str, expected: str) -> None:
    text = '{"title": "T", "activity": "workshop", "offering_dates": ["2026-12-15"], ' + written + "}"
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "null.ceu.json", json_format=True)
    assert caught.value.problems == ((path, expected),)


def test_json_null_at_the_top_is_shown_as_null() -> None:
    with pytest.raises(ProgramFileError, match=r"expected a table of fields at the top, got null$"):
        load_program_text("null", "null.ceu.json", json_format=True)


def test_an_approval_dated_before_its_request_arrived_is_refused_at_its_place() -> None:
    """approval.review: an approval answers a request after its review, so approved_on before received is a
    wrong date in the file; refused, naming the field, its line and both dates. On the day received: accepted."""
    text = (
        'title = "T"\nactivity = "workshop"\noffering_dates = [2026-12-15]\n\n[approval_request]\n'
        "received = 2026-11-20\n\n[approval]\napproved_on = {day}\n"
    )
    with pytest.raises(ProgramFileError) as caught:
        load_program_file_text(text.format(day="2026-11-10"))
    assert caught.value.problems == (
        (
            "approval.approved_on",
            "approved on 2026-11-10, before the request was received (2026-11-20); an approval answers a request "
            "after its review (approval.review), so one of the two dates is wrong",
        ),
    )
    assert caught.value.locations == ((9, 15),)
    pf = load_program_file_text(text.format(day="2026-11-20"))
    assert isinstance(pf, ProgramFile) and pf.approval is not None and pf.approval.approved_on == dt.date(2026, 11, 20)


def load_program_file_text(text: str) -> object:
    return load_program_text(text, "bad.ceu.toml", json_format=False)


# -- numbers in JSON and TOML files are read exactly, as written ------------------------------


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
        ("123456789012345678901234567890123456789", 'a number of hours from 0 to 1000000, such as 7.5 or "7.5"'),
        ("-" + "9" * 31, 'a number of hours from 0 to 1000000, such as 7.5 or "7.5"'),
        ("NaN", 'a number of hours from 0 to 1000000, such as 7.5 or "7.5"'),
        ("-Infinity", 'a number of hours from 0 to 1000000, such as 7.5 or "7.5"'),
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


def test_every_bad_item_of_a_list_is_listed_with_its_place() -> None:
    text = (
        'title = "x"\nactivity = "workshop"\noffering_dates = ["a", 2027-03-09, "c"]\ncontact_hours = "3"\n'
        "approval = { dates = [1800-01-01, 1801-01-01, 2300-01-01] }\n"
        '[[applications]]\nparticipant = "P"\nattended = ["x", "y"]\n'
        '[[packets]]\nterm = "fall"\nschool_year = 2026\nsign_ins = { "x" = ["A"], 2027-03-09 = ["", " B"] }\n'
    )
    iso, years = "expected an ISO date such as 2026-11-20", "expected a date in the years 1900-2199"
    name = "expected a name"
    found = [(p, m.split(",")[0].split(":")[0], w) for p, m, w in _refusal(text)]
    assert found == [
        ("offering_dates[0]", iso, (3, 19)),
        ("offering_dates[2]", iso, (3, 36)),
        ("approval.dates[0]", years, (5, 23)),
        ("approval.dates[1]", years, (5, 35)),
        ("approval.dates[2]", years, (5, 47)),
        ("applications[0].attended[0]", iso, (8, 13)),
        ("applications[0].attended[1]", iso, (8, 18)),
        ("packets", "packets belong to a year-long program; this one does not say year_long = true", (9, 1)),
        ("packets[0].sign_ins.x", "expected meeting dates as keys", (12, 20)),
        ("packets[0].sign_ins.2027-03-09[0]", name, (12, 41)),
        ("packets[0].sign_ins.2027-03-09[1]", name, (12, 45)),
    ]


def test_every_repeated_item_of_a_list_is_listed() -> None:
    text = HEAD.replace("[2027-03-09]", "[2027-03-09, 2027-03-09, 2027-03-10, 2027-03-10]")
    assert [(p, m) for p, m, _ in _refusal(text)] == [
        ("offering_dates[1]", "expected values that are not repeated, got 2027-03-09"),
        ("offering_dates[3]", "expected values that are not repeated, got 2027-03-10"),
    ]


def test_every_bad_item_of_a_list_in_a_mapping_is_listed() -> None:
    found = problems({"title": "x", "activity": "workshop", "offering_dates": ["a", "b", "c"], "contact_hours": "3"})
    assert list(found) == ["offering_dates[0]", "offering_dates[1]", "offering_dates[2]"]


def test_a_file_that_is_not_utf8_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    for raw, where in ((b'title = "x"\r\nactivity = "caf\xe9"\n', (2, 16)), (b'\xef\xbb\xbftitle = "\xe9"', (1, 10))):
        path = tmp_path / "latin.ceu.toml"
        path.write_bytes(raw)
        with pytest.raises(ProgramFileError) as caught:
            load_program_file(path)
        problem = "the file is not UTF-8 text: byte 0xe9 is not part of a UTF-8 character"
        assert (caught.value.problems, caught.value.locations) == ((("", problem),), (where,))


def test_a_lone_surrogate_in_text_is_refused_as_not_unicode() -> None:
    text = json.dumps({"title": "\ud800", "activity": "workshop", "offering_dates": ["2027-03-09"],
                       "contact_hours": "3", "instructors": ["Ana \udc00"]})  # fmt: skip
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(text, "s.ceu.json", json_format=True)
    refused = "expected text without lone surrogate code points (not valid Unicode), got "
    assert caught.value.problems == (
        ("title", refused + "'\\ud800'"),
        ("instructors[0].name", refused + "'Ana \\udc00'"),
    )


def test_a_sign_in_sheet_for_no_meeting_is_listed_beside_every_other_problem() -> None:
    """The sheets are checked against the file's meeting dates as read, also when another field (the title,
    the packet's own date) keeps the program or the packet from being built: every problem at once."""
    text = (Path(__file__).parent.parent / "docs" / "examples" / "plc-yearlong.ceu.toml").read_text(encoding="utf-8")
    broken = (
        text.replace('title = "Grade 4 Math PLC"', 'title = ""')
        .replace("school_year = 2026\nsubmitted = 2026-12-18", "school_year = 2026\nsubmitted = \"2026-02-30\"")
        .replace('"2026-12-08" = ["Ana Ruiz", "Ben Okafor"]', '"2026-12-09" = ["Ana Ruiz", "Ben Okafor"]')
    )
    with pytest.raises(ProgramFileError) as caught:
        load_program_text(broken, "plc", json_format=False)
    assert [path for path, _ in caught.value.problems] == [
        "title",
        "packets[0].submitted",
        "packets[0].sign_ins.2026-12-09",
    ]
