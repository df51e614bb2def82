"""Edge cases that the rule-area tests do not reach on their way."""

from __future__ import annotations

import datetime as dt
import enum
import io
import runpy
from contextlib import redirect_stdout
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from dateutil.relativedelta import relativedelta

from ceurules import (
    DEFAULT_POLICY,
    ActivityType,
    Attendance,
    BusinessCalendar,
    CreditApplication,
    Decision,
    Finding,
    InvalidInputError,
    Outcome,
    Program,
    ProgramFileError,
    Segment,
    UnknownCalendarError,
    Verdict,
    load_program_file,
    review_program_file,
    timeline,
)
from ceurules._convert import to_time
from ceurules._json import plain
from ceurules.cli import main
from helpers import d


def test_python_dash_m_runs_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr("sys.argv", ["ceurules", "rules"])
    with redirect_stdout(out), pytest.raises(SystemExit) as info:
        runpy.run_module("ceurules", run_name="__main__")
    assert info.value.code == 0
    assert "# Rules reference" in out.getvalue()


def test_time_zones_are_refused_on_agenda_times() -> None:
    with pytest.raises(InvalidInputError, match="without a time zone"):
        to_time(dt.time(9, 0, tzinfo=dt.UTC), "start")


class Colour(enum.Enum):
    RED = "red"


def test_plain_json_values() -> None:
    class Thing:
        def to_dict(self) -> dict[str, int]:
            return {"n": 1}

    assert plain({"c": Colour.RED, "t": Thing(), "s": {"b", "a"}, "f": Fraction(1, 3)}) == {
        "c": "red",
        "t": {"n": 1},
        "s": ["a", "b"],
        "f": "1/3",
    }


def test_unknown_holiday_category_is_our_error() -> None:
    with pytest.raises(UnknownCalendarError, match="categories"):
        BusinessCalendar(categories=["no-such-category"]).is_business_day(d("2026-11-20"))


def test_holiday_names() -> None:
    cal = BusinessCalendar()
    assert cal.holiday_name(d("2026-11-26")) == "Thanksgiving Day"
    assert cal.holiday_name(d("2026-11-27")) is None


def test_many_offsets_outside_the_built_years() -> None:
    cal = BusinessCalendar()
    cal.is_business_day(d("2026-11-20"))
    far = [d("2026-11-20"), d("1975-03-03"), d("2090-06-01")]
    assert cal.add_business_days_many(far, -3) == [cal.add_business_days(x, -3) for x in far]


def test_a_decision_fails_on_a_finding_not_met() -> None:
    decision = Decision(topic="eligibility", subject="S", findings=[])
    assert decision.verdict is Verdict.PASS
    more = attrs.evolve(decision, findings=[Finding(clause="ceu.unit", outcome=Outcome.NOT_MET, message="none")])
    assert more.verdict is Verdict.FAIL


@pytest.mark.parametrize(
    "window", [relativedelta(hours=5), relativedelta(years=30), relativedelta(days=10**6), relativedelta(years=9000)]
)
def test_windows_out_of_bounds(window: relativedelta) -> None:
    with pytest.raises(InvalidInputError, match="application_window"):
        attrs.evolve(DEFAULT_POLICY, application_window=window)


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


def test_dated_agenda_round_trips_and_must_use_offering_dates() -> None:
    segments = [Segment(kind="instruction", start="09:00", end="12:00", day="2026-12-15")]
    program = Program(title="T", activity="workshop", offering_dates=["2026-12-15"], agenda=segments)
    assert program.to_dict()["agenda"][0]["day"] == "2026-12-15"
    with pytest.raises(InvalidInputError, match=r"offering dates \(none\)"):
        Program(title="T", activity="workshop", agenda=segments)


def test_file_review_reports_a_packet_for_a_term_without_meetings() -> None:
    pf = load_program_file(
        {
            "title": "PLC",
            "activity": "educational training",
            "year_long": True,
            "offering_dates": ["2026-09-15"],
            "packets": [{"term": "spring", "school_year": 2026}],
        }
    )
    report = review_program_file(pf)
    packet = [dec for dec in report.decisions if dec.topic == "credit packet"]
    assert [dec.subject for dec in packet] == ["spring 2026"]
    assert "no meeting falls in that term" in str(report)
    assert report.ceus == Decimal("0.0")


def test_timeline_of_a_program_without_dates_and_an_open_application() -> None:
    program = Program(title="Directed Reading", activity=ActivityType.DIRECTED_READING, contact_hours=10)
    assert timeline(program).events == ()
    app = CreditApplication(attendance=Attendance(participant="Jo", dates=["2026-12-15"]))
    events = timeline(program, application=app).events
    assert [e.what for e in events] == ["Jo attends", "last day to apply and pay"]


def test_github_format_warns_on_needs_review(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    path.write_text('{"title": "Coaching", "activity": "other", "activity_label": "coaching", "contact_hours": 6}')
    out = io.StringIO()
    code = main(["check", str(path), "--format", "github"], stdout=out, stderr=io.StringIO())
    assert code == 0
    assert out.getvalue().startswith("::warning file=")


def test_github_format_on_one_line_json_gives_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "T", "activity": "workshop", "agenda": [{"start": "9am", "end": "10:00", "kind": "x"}]}')
    out = io.StringIO()
    assert main(["check", str(path), "--format", "github"], stdout=out, stderr=io.StringIO()) == 2
    assert "bad.json,line=1,col=61,title=ceurules invalid file::agenda[0].start" in out.getvalue()
    assert "bad.json,line=1,col=92,title=ceurules invalid file::agenda[0].kind" in out.getvalue()
    stdin_out = io.StringIO()
    code = main(["check", "-", "--format", "github"], stdout=stdin_out, stderr=io.StringIO(), stdin=io.StringIO("x ="))
    assert code == 2
    assert "::error file=<stdin>,line=1,col=4," in stdin_out.getvalue()


def test_github_format_on_an_unreadable_file() -> None:
    out = io.StringIO()
    path = str(Path(__file__).parent / "files" / "not-utf8.toml")
    assert main(["check", path, "--format", "github"], stdout=out, stderr=io.StringIO()) == 2
    assert out.getvalue().startswith("::error file=")


def test_a_bad_value_is_located_at_its_own_line(tmp_path: Path) -> None:
    good = tmp_path / "p.toml"
    good.write_text('title = "T"\n\n[[agenda]]\nend = "x"\n')
    with pytest.raises(ProgramFileError) as info:
        load_program_file(good)
    where = dict(zip((p for p, _ in info.value.problems), info.value.locations, strict=True))
    assert where["agenda[0].end"] == (4, 7)
