"""Malformed and hostile program files: the loader raises only its own error, names the path, never hangs."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceurules import ProgramFile, ProgramFileError, load_program_file

CORPUS = sorted((Path(__file__).parent / "corpus").iterdir())
KEYS = [
    "title", "activity", "activity_label", "academic_credit", "criteria", "offering_dates", "agenda",
    "contact_hours", "instructors", "year_long", "offers_semi_osl", "approval_request", "approval",
    "applications", "packets", "start", "end", "kind", "day", "received", "documents", "waiver", "dates",
    "participant", "attended", "paid", "submitted", "issued", "sign_ins", "term", "school_year", "name",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2026-12-15", "09:00", "workshop", "instruction", "fall", "2026-02-30", "25:61"]),
    st.dates().map(dt.date.isoformat),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    max_leaves=25,
)
files = st.dictionaries(st.sampled_from(KEYS), values, max_size=10).map(
    lambda d: {"title": "T", "activity": "workshop", **d}
)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_files_fail_with_named_paths(path: Path) -> None:
    with pytest.raises(ProgramFileError) as info:
        load_program_file(path)
    err = info.value
    assert err.source == str(path)
    assert err.problems
    assert all(message for _, message in err.problems)
    assert path.name in str(err)


@settings(max_examples=300, deadline=2000)
@given(data=files)
def test_generated_files_load_or_fail_cleanly(data: dict[str, Any]) -> None:
    start = time.perf_counter()
    try:
        result = load_program_file(data)
    except ProgramFileError as err:
        assert err.problems
        for path, message in err.problems:
            assert isinstance(path, str)
            assert message
    else:
        assert isinstance(result, ProgramFile)  # nothing partial: a whole file or an error
    assert time.perf_counter() - start < 2


@settings(max_examples=100, deadline=2000)
@given(data=files)
def test_generated_json_text_loads_or_fails_cleanly(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "program.json"
    try:
        path.write_text(json.dumps(data, allow_nan=True))
    except ValueError:
        return
    try:
        load_program_file(path)
    except ProgramFileError as err:
        assert str(path) in str(err)


def test_a_10_megabyte_string_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(json.dumps({"title": "x" * 10_000_000, "activity": "workshop"}))
    start = time.perf_counter()
    with pytest.raises(ProgramFileError, match="larger than"):
        load_program_file(path)
    assert time.perf_counter() - start < 5


def test_huge_values_are_reported_shortly() -> None:
    with pytest.raises(ProgramFileError) as info:
        load_program_file({"title": "x" * 1_000_000, "activity": ["workshop"] * 1000, "year_long": "y" * 10**6})
    assert len(str(info.value)) < 1000
    assert "..." in str(info.value)
