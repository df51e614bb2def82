"""Messages shown to the authors of program files speak the file's terms, not Python's."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceurules import Outcome, ProgramFileError, load_program_file
from ceurules.errors import as_written

HERE = Path(__file__).parent
PYTHON_TERMS = re.compile(r"datetime\.|Decimal\(|Fraction\(|\.date\(\)|\bTrue\b|\bFalse\b|\bNone\b|\bno an?\b")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.date(2026, 12, 15), "2026-12-15"),
        (dt.time(9, 30), "09:30"),
        (dt.time(9, 30, 15), "09:30:15"),
        (dt.datetime(2026, 12, 15, 9, 30), "2026-12-15T09:30"),
        (True, "true"),
        (None, "null"),
        (Decimal("-0.5"), "-0.5"),
        ("fall", "'fall'"),
        ([dt.date(2026, 12, 15), 3], "[2026-12-15, 3]"),
        ({"day": dt.date(2026, 12, 15)}, "{'day': 2026-12-15}"),
    ],
)
def test_values_are_shown_as_written_in_a_file(value: object, shown: str) -> None:
    assert as_written(value) == shown


def test_a_huge_value_is_cut_without_rendering_all_of_it() -> None:
    text = as_written(list(range(10**6)))
    assert len(text) == 120 and text.startswith("[0, 1, 2") and text.endswith("...")


def test_times_and_date_times_in_the_wrong_place(tmp_path: Path) -> None:
    path = tmp_path / "times.ceu.toml"
    path.write_text(
        'title = "Workshop"\nactivity = "workshop"\noffering_dates = [2026-12-15T09:00:00]\n'
        "[[agenda]]\nstart = 2026-12-15\nend = 10:30:00\nkind = 'instruction'\n",
        encoding="utf-8",
    )
    with pytest.raises(ProgramFileError) as info:
        load_program_file(path)
    problems = dict(info.value.problems)
    assert problems["offering_dates[0]"] == "expected a date without a time of day, got 2026-12-15T09:00:00"
    assert problems["agenda[0].start"].endswith("got 2026-12-15")


@pytest.mark.parametrize("path", sorted((HERE / "corpus").iterdir()) + sorted((HERE / "files").iterdir()), ids=str)
def test_no_python_terms_in_the_messages_of_bad_files(path: Path) -> None:
    try:
        load_program_file(path)
    except ProgramFileError as exc:
        for field, message in exc.problems:
            assert not PYTHON_TERMS.search(message), f"{field}: {message}"


class Code(str):
    """A subclass of a plain JSON type."""


def test_json_ready_values_keep_subclasses_of_plain_types() -> None:
    from ceurules._json import plain

    assert plain({"code": Code("x"), "when": dt.datetime(2026, 12, 15, 9, 30)}) == {
        "code": "x",
        "when": "2026-12-15T09:30:00",
    }
    assert plain(MappingProxyType({1: dt.date(2026, 12, 15)})) == {"1": "2026-12-15"}


_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.dates(),
    st.datetimes(),
    st.decimals(allow_nan=False),
    st.sampled_from(Outcome),
    st.builds(Code, st.text(max_size=3)),
)
_DATA = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.frozensets(st.text(max_size=3), max_size=3),
        st.sets(st.integers(-3, 3), max_size=3),  # a value that cannot be looked up
        st.dictionaries(st.text(max_size=3), inner, max_size=3),
        st.dictionaries(st.dates(), inner, min_size=1, max_size=2),  # keys JSON has no type for
    ),
    max_leaves=12,
)


@given(_DATA)
def test_json_text_is_what_json_dumps_writes_of_the_plain_data(data: object) -> None:
    """``dumps`` lets the encoder convert dates, decimals and enums as it meets them: the text is the one
    ``json.dumps(plain(data))`` writes, also where a mapping's keys send the data through ``plain``."""
    from ceurules._json import dumps, plain

    assert dumps(data) == json.dumps(plain(data))


@given(_DATA)
def test_a_value_written_piece_by_piece_is_what_json_dumps_writes(data: object) -> None:
    """A report's JSON is written piece by piece (``value_text``, ``object_text``): the text is the one
    ``json.dumps(plain(data))`` writes, also for what the pieces leave to the encoder."""
    from ceurules._json import object_text, plain, value_text

    assert value_text(data) == json.dumps(plain(data))
    assert object_text({"value": data, "and": [data]}) == json.dumps(plain({"value": data, "and": [data]}))
    if isinstance(data, dict):  # its own keys: text, dates
        assert object_text(data) == json.dumps(plain(data))


def test_fact_names_written_before_are_written_the_same_when_the_kept_ones_are_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``object_text`` keeps each fact name's JSON text; when it keeps too many, it drops them and starts
    again, and the text stays what ``json.dumps`` writes."""
    from ceurules import _json

    monkeypatch.setattr(_json, "_KEY_TEXT", {})
    monkeypatch.setattr(_json, "_KEPT", 2)
    facts = {"a": True, "\u00e9": "x", "c": dt.date(2026, 12, 1), "d": None}
    for _ in range(2):
        assert _json.object_text(facts) == json.dumps(_json.plain(facts))
    assert len(_json._KEY_TEXT) <= 2


def test_each_piece_writer_makes_the_encoders_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """``json`` is imported when something is first written as JSON, by whichever writer comes first."""
    from ceurules import _json

    monkeypatch.setattr(_json, "_ENCODERS", [])
    assert _json.value_text("\u00e9") == '"\\u00e9"'
    monkeypatch.setattr(_json, "_ENCODERS", [])
    assert _json.object_text({"a": "b"}) == '{"a": "b"}'
    monkeypatch.setattr(_json, "_ENCODERS", [])
    assert _json.string_writer()("x") == '"x"'


_WORKSHOP = (HERE.parent / "docs" / "examples" / "workshop.ceu.toml").read_text()
#: Field paths written in the workshop file, paths it does not write (placed at their table), and none.
_PATHS = st.sampled_from(
    ["title", "criteria.need", "applications[1].paid", "offering_dates[1]", "agenda[3].kind", "approval.dates", ""]
)


def _text_strategy(size: int) -> st.SearchStrategy[str]:
    return st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=size).filter(str.strip)


@st.composite
def _reports(draw: st.DrawFn) -> Any:
    from ceurules import DEFAULT_POLICY, Decision, FileReport, Finding
    from ceurules.clauses import CLAUSES, DEFAULTS
    from ceurules.decisions import PolicyStamp
    from ceurules.locations import LocationIndex

    stamps = st.sampled_from([None, DEFAULT_POLICY.stamp, PolicyStamp(name='A "quoted" policy\u00e9', fingerprint="x")])
    facts = st.dictionaries(st.text(max_size=4), _DATA, max_size=3) | st.dictionaries(st.integers(), _DATA, max_size=2)
    finding = st.builds(
        Finding,
        clause=st.sampled_from(sorted(CLAUSES)),
        outcome=st.sampled_from(Outcome),
        message=_text_strategy(40),
        facts=facts,
        default=st.none() | st.sampled_from(sorted(DEFAULTS)),
    )
    decision = st.builds(
        Decision, topic=_text_strategy(12), subject=_text_strategy(12), findings=st.lists(finding, max_size=3),
        policy=stamps,
    )
    decisions = draw(st.lists(decision, max_size=3))
    fields = tuple(tuple(draw(st.lists(_PATHS, max_size=4))) for _ in range(draw(st.integers(0, len(decisions) + 1))))
    return FileReport(
        source=draw(_text_strategy(20)),
        ceus=draw(st.decimals(0, 10, places=2)),
        decisions=tuple(decisions),
        policy=draw(stamps),
        as_of=draw(st.none() | st.dates()),
        fields=fields,
        locations=draw(st.sampled_from([None, LocationIndex(_WORKSHOP)])),
    )


@given(_reports(), st.booleans())
def test_a_reports_json_written_piece_by_piece_is_json_dumps_of_its_dict(report: Any, strict: bool) -> None:
    """``FileReport.to_json`` writes each decision and finding from its values: the text is exactly what
    ``json.dumps`` writes of ``to_dict()``, with every kind of fact, text to escape, stamp, path and place."""
    assert report.to_json(strict=strict) == json.dumps(report.to_dict(strict=strict))


def test_dates_written_before_are_written_alike_and_equal_decimals_as_each_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ceurules import _json

    monkeypatch.setattr(_json, "_KEPT", 3)
    days = [dt.date(2026, 12, d) for d in (1, 2, 3, 4, 5, 1, 2)]
    data = {"days": days, "ceus": [Decimal("1.0"), Decimal("1"), Decimal("1.00")], "flag": True}
    assert _json.dumps(data) == json.dumps(_json.plain(data))
    assert _json.dumps(data).count('"2026-12-01"') == 2 and '["1.0", "1", "1.00"]' in _json.dumps(data)
    assert len(_json._converted) <= 3


def test_a_float_is_json_ready_as_it_is() -> None:
    from ceurules._json import plain

    assert plain({"share": 0.5, "items": [1.25]}) == {"share": 0.5, "items": [1.25]}


def test_a_misspelling_is_guessed_only_for_text_close_to_a_name() -> None:
    from ceurules.errors import misspelling_of

    assert misspelling_of("activty", ["activity", "title"]) == " (a misspelling of 'activity'?)"
    assert misspelling_of("colour", ["activity", "title"]) == misspelling_of(3, ["3"]) == ""


@pytest.mark.parametrize(
    "written", ["2026-12-16T10:00:00Z", "2026-12-18T00:00:00", "2026-12-18 10:00", "2026-12-18t09:30"]
)
def test_a_date_and_time_written_as_text_is_refused_for_its_time_of_day(written: str) -> None:
    """As a TOML date-time is: the time of day is what is wrong, not the form of the date."""
    import json as json_module

    from ceurules import Attendance, InvalidInputError
    from ceurules.program_files import load_program_text

    data = {"title": "T", "activity": "workshop", "offering_dates": [written]}
    with pytest.raises(ProgramFileError) as info:
        load_program_text(json_module.dumps(data), "p.ceu.json", json_format=True)
    assert dict(info.value.problems)["offering_dates[0]"] == f"expected a date without a time of day, got {written!r}"
    with pytest.raises(InvalidInputError, match="expected a date without a time of day"):
        Attendance(participant="A", dates=[written])
