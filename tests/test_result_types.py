"""Result types built by an application validate their fields: junk in any field is refused with the
library's error naming the field, never an AttributeError or TypeError later."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import ceurules
from ceurules import (
    InvalidInputError,
    credit_statement,
    credit_status,
    load_program_file,
    load_record,
    processing_window,
    renewal_progress,
    review_program_file,
    semester_batches,
    timeline,
)

DOCS = Path(__file__).parent.parent / "docs"
D = dt.date(2026, 11, 20)


def _results() -> dict[str, Any]:
    pf = load_program_file(DOCS / "examples" / "workshop.ceu.toml")
    report = review_program_file(pf, as_of=dt.date(2027, 1, 20))
    batching = semester_batches([dt.date(2026, 9, 1), dt.date(2027, 7, 1)])
    statement = credit_statement(pf.program, policies=["source"])
    progress = renewal_progress(load_record(DOCS / "records" / "dana-whitfield.toml"), "ms-class-a")
    return {
        "FileReport": report,
        "Decision": report.decisions[0],
        "Finding": report.decisions[0].findings[0],
        "CreditStatus": credit_status(pf.applications[0], as_of=dt.date(2027, 1, 20)),
        "ProcessingWindow": processing_window(D, D),
        "Timeline": timeline(pf.program),
        "Batching": batching,
        "Batch": batching.batches[0],
        "Unbatched": batching.unbatched[0],
        "CreditStatement": statement,
        "CreditLine": statement.lines[0],
        "Credits": statement.lines[0].credits,
        "RenewalProgress": progress,
        "RenewalFinding": progress.findings[0],
    }


RESULTS = _results()
FIELDS = [(name, f.alias or f.name) for name, obj in RESULTS.items() for f in attrs.fields(type(obj)) if f.init]
JUNK = [object(), dt.datetime(2026, 11, 20, 9, 0), True, b"bytes"]


def test_every_exported_result_type_is_swept() -> None:
    assert set(RESULTS) <= set(ceurules.__all__)
    for name, obj in RESULTS.items():
        assert type(obj).__name__ == name


@pytest.mark.parametrize(("name", "field"), FIELDS)
def test_junk_in_a_result_field_is_refused_naming_it(name: str, field: str) -> None:
    obj = RESULTS[name]
    assert attrs.evolve(obj) == obj  # the library's own values are accepted as they are
    refused = 0
    for junk in JUNK:
        try:
            attrs.evolve(obj, **{field: junk})
        except InvalidInputError as err:
            assert err.field.split("[")[0] == field
            refused += 1
    assert refused >= len(JUNK) - 2  # a field of any value (facts, a text default) may take some of them
    with pytest.raises(InvalidInputError, match=f"^{field}"):
        attrs.evolve(obj, **{field: JUNK[0]})


def test_items_of_a_result_list_are_checked_one_by_one() -> None:
    line = RESULTS["Timeline"]
    with pytest.raises(InvalidInputError, match=r"^events\[1\]: "):
        attrs.evolve(line, events=[line.events[0], "2026-12-01"])
    report = RESULTS["FileReport"]
    with pytest.raises(InvalidInputError, match=r"^decisions: "):
        attrs.evolve(report, decisions=(*report.decisions, "fail"))
    with pytest.raises(InvalidInputError, match=r"^fields: "):
        attrs.evolve(report, fields=(("title",), (1,)))


@pytest.mark.parametrize(
    ("hint", "good", "bad"),
    [
        ("Literal['a', 'b']", "a", "c"),
        ("list[int]", [1, 2], [1, True]),
        ("dict[str, int]", {"a": 1}, {1: 1}),
        ("Mapping[str, dt.date]", {"a": D}, {"a": dt.datetime(2026, 1, 1)}),
        ("Iterable[int]", [1], 1),
        ("tuple[int, str]", (1, "a"), (1, 2)),
        ("tuple[str, Any]", ("a", None), (1, None)),
        ("tuple[dt.date, dt.date]", (D, D), (D, dt.datetime(2026, 1, 1))),
        ("tuple[str, ...]", ("a", "b"), ("a", 1)),
        ("tuple[Any, ...]", (1, None), [1]),
        ("list[dt.date]", [D], [D, "2026-01-01"]),
        ("int | None", None, "1"),
        ("float", 1.5, False),
        ("T", object(), None),
    ],
)
def test_annotations_are_read_as_a_reader_would(hint: str, good: object, bad: object) -> None:
    from collections.abc import Iterable, Mapping  # noqa: F401 - named by the annotations
    from typing import Any, Literal, TypeVar  # noqa: F401

    from ceurules._typed import typed_fields

    T = TypeVar("T")
    namespace = {"attrs": attrs, "typed_fields": typed_fields, "dt": dt, **locals(), **globals()}
    source = f"@attrs.frozen(field_transformer=typed_fields)\nclass Made:\n    value: {hint}\n"
    exec(compile(source, "<made>", "exec", dont_inherit=True), namespace)  # annotations evaluated right away
    made = namespace["Made"]
    assert made(good).value == good
    if hint != "T":
        with pytest.raises(InvalidInputError, match=r"^value: expected a value of type "):
            made(bad)


@pytest.mark.parametrize(
    ("name", "converted"),
    [("RenewalProgress", ()), ("RenewalFinding", ()), ("ProcessingWindow", ()), ("Timeline", ("events",))],
)
def test_the_library_builds_the_same_answer_without_the_checks(name: str, converted: tuple[str, ...]) -> None:
    from ceurules._typed import library_built

    obj = RESULTS[name]
    cls = type(obj)
    given = {(f.alias or f.name): getattr(obj, f.name) for f in attrs.fields(cls) if f.init}
    built, checked = library_built(cls, converted=converted)(**given), cls(**given)
    assert built == checked
    for f in attrs.fields(cls):  # also the fields left out of ==, and those made by a default
        assert getattr(built, f.name) == getattr(checked, f.name)
    required = {f.alias or f.name: given[f.alias or f.name] for f in attrs.fields(cls) if f.default is attrs.NOTHING}
    assert library_built(cls, converted=converted)(**required) == cls(**required)  # the defaults, as __init__ gives


def test_classes_that_convert_are_built_with_their_own_init() -> None:
    from ceurules._typed import library_built

    with pytest.raises(TypeError, match="converts its fields"):
        library_built(ceurules.Attendance)
    with pytest.raises(TypeError, match="converts its fields"):  # a converter not named as given converted
        library_built(ceurules.Attendance, converted=("participant",))


@pytest.mark.parametrize(
    "change",
    [
        lambda facts: facts.__setitem__("x", 1),
        lambda facts: facts.__delitem__("a"),
        lambda facts: facts.clear(),
        lambda facts: facts.pop("a"),
        lambda facts: facts.popitem(),
        lambda facts: facts.setdefault("x", 1),
        lambda facts: facts.update(x=1),
        lambda facts: facts.__ior__({"x": 1}),
    ],
)
def test_a_finding_s_facts_cannot_be_changed_as_the_finding_cannot(change: Any) -> None:
    import copy
    import pickle

    from ceurules import Finding, Outcome

    finding = Finding(clause="credit.window", outcome=Outcome.MET, message="m", facts={"a": 1})
    twin = Finding(clause="credit.window", outcome=Outcome.MET, message="m", facts={"a": 1})
    with pytest.raises(TypeError, match="a finding's facts cannot be changed"):
        change(finding.facts)
    assert finding.facts == {"a": 1} and finding == twin and hash(finding) == hash(twin)
    assert pickle.loads(pickle.dumps(finding)) == finding and copy.deepcopy(finding) == finding
    assert attrs.evolve(finding, facts={"a": 2}).facts == {"a": 2} and finding.facts == {"a": 1}
    assert json.dumps(finding.facts) == '{"a": 1}' and isinstance(finding.facts, dict)
