"""Renewal rules, educator records and renewal_progress: the tree language, loaders and displays."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pickle
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import attrs
import pytest

from ceurules import (
    RENEWAL_DEFAULTS,
    Activity,
    EducatorRecord,
    InvalidInputError,
    Outcome,
    RecordFileError,
    RenewalProgress,
    RenewalRuleError,
    RequirementGroup,
    RuleNotInForceError,
    Standing,
    Verdict,
    bundled_renewal_rules,
    is_renewal_met,
    load_record,
    load_renewal_rule,
    renewal_progress,
)
from ceurules.cli import main
from ceurules.renewal_rules import Kind, RenewalWindow, Requirement, RuleSource, RuleVersion, unit_text

ROOT = Path(__file__).parent.parent
SOURCE = {"document": "Test rule", "section": "1"}


def rule_data(nodes: list[dict[str, Any]], root: str = "root", **top: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "ceurules-renewal-rule",
        "format_version": 1,
        "name": "test-rule",
        "title": "Test rule",
        "cycle_years": 5,
        "effort": {"ceu": 10, "clock_hour": 1, "semester_hour": 15},
        "source": SOURCE,
        "versions": [{"from": "2000-07-01", "root": root, "nodes": nodes}],
    }
    data.update(top)
    return data


def record(*activities: Activity, expires: str = "2026-06-30") -> EducatorRecord:
    return EducatorRecord(educator="Test", license_expires=expires, activities=activities)


def ceu(id: str, amount: str, day: str = "2023-01-10", **more: Any) -> Activity:
    return Activity(id=id, date=day, unit="ceu", amount=amount, **more)


# -- the tree language ----------------------------------------------------------------------------


def test_exclusive_allocation_finds_the_only_allocation_that_meets_an_all_of() -> None:
    # Reading credit could count toward either requirement; only giving it to "reading" meets both.
    rule = load_renewal_rule(
        rule_data(
            [
                {"id": "root", "all": ["any-5", "reading-3"]},
                {"id": "any-5", "unit": "ceu", "minimum": 5},
                {"id": "reading-3", "unit": "ceu", "minimum": 3, "categories": ["reading"]},
            ]
        )
    )
    assert rule.versions[0].contested == (True,)
    rec = record(ceu("r", "3", category="reading"), ceu("g", "5"))
    progress = renewal_progress(rec, rule)
    assert progress.met
    assert progress.allocation == {"r": "reading-3", "g": "any-5"}
    short = renewal_progress(record(ceu("r", "6", category="reading"), ceu("g", "1")), rule)
    assert not short.met
    # Reading to reading-3 leaves 4 CEUs missing; reading to any-5 leaves 3 reading CEUs missing: fewer.
    assert short.closest() == "3 CEUs (reading-3)"
    assert short.allocation == {"r": "any-5", "g": "any-5"}


def test_a_grade_gate_admits_its_letter_and_above_never_a_pass_or_no_grade() -> None:
    rule = load_renewal_rule(rule_data([{"id": "root", "unit": "semester_hour", "minimum": 20, "grade": "C"}]))
    grades = {"a": "A+", "c": "C", "c-minus": "C-", "pass": "P", "none": None}
    rec = record(
        *(Activity(id=i, date="2023-01-10", unit="semester_hour", amount=1, grade=g) for i, g in grades.items())
    )
    progress = renewal_progress(rec, rule)
    assert progress.allocation == {"a": "root", "c": "root"} and progress.counted == (Decimal(2),)


def test_a_credential_held_is_not_counted_before_the_day_it_is_dated() -> None:
    held = load_renewal_rule(rule_data([{"id": "root", "unit": "credential", "minimum": 1, "window": "held"}]))
    rec = record(Activity(id="nb", date="2025-01-10", unit="credential", amount=1))
    early = renewal_progress(rec, held, as_of="2024-01-01")
    assert (early.met, early.allocation, early.standings) == (False, {}, {"nb": Standing.NOT_YET})
    assert str(early.findings[-1]) == (
        "[note] activity nb of 2025-01-10 (1 credential) does not count: after the as-of date (activity nb; R5)"
    )
    assert renewal_progress(rec, held, as_of="2025-01-10").allocation == {"nb": "root"}


def test_carry_over_counts_up_to_its_limit_toward_the_total_only() -> None:
    rule = load_renewal_rule(
        rule_data([{"id": "root", "unit": "clock_hour", "minimum": 100, "carry_over": 20}], root="root")
    )
    rec = record(
        Activity(id="old", date="2021-01-10", unit="clock_hour", amount="50"),
        Activity(id="now", date="2023-01-10", unit="clock_hour", amount="70"),
    )
    progress = renewal_progress(rec, rule)
    assert (progress.counted, progress.missing) == ((Decimal(90),), (Decimal(10),))
    assert progress.allocation == {"old": "root", "now": "root"}
    assert progress.outside_cycle() == ()
    assert progress.standings["old"] is Standing.PREVIOUS


def test_final_year_option_is_closed_before_the_final_year_and_ranked_last() -> None:
    rule = load_renewal_rule("ms-class-a")
    rec = record(Activity(id="l", date="2025-07-01", unit="credential", amount=1, category="retirement-letter"))
    early = renewal_progress(rec, rule, as_of="2025-06-30")
    assert not early.met and early.way[0].id == "sh-6"
    assert renewal_progress(rec, rule, as_of="2025-07-01").met
    letter_way = [m for ids, m in early.ways if ids == ("retirement-letter",)]
    assert letter_way == [(Decimal(1),)]


def test_a_closed_final_year_option_leaves_the_activity_to_the_other_ways() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "root", "any": ["late", "any"]},
        {"id": "late", "unit": "ceu", "minimum": 3, "window": "final-year"},
        {"id": "any", "unit": "ceu", "minimum": 3},
    ]
    progress = renewal_progress(record(ceu("c", "1")), load_renewal_rule(rule_data(nodes)), as_of="2024-01-01")
    assert [r.id for r in progress.way] == ["any"]
    assert (progress.allocation, progress.missing) == ({"c": "any"}, (Decimal(2),))


def test_a_dated_version_applies_by_the_license_expiration_date() -> None:
    rule = load_renewal_rule("ms-class-a")
    assert renewal_progress(record(expires="2020-06-30"), rule).version.effective == dt.date(2016, 7, 1)
    assert renewal_progress(record(expires="2021-06-30"), rule).version.effective == dt.date(2020, 7, 1)
    with pytest.raises(RuleNotInForceError, match="no version in force on 2010-06-30"):
        renewal_progress(record(expires="2010-06-30"), rule)


def test_license_must_expire_on_the_rule_expiry_day() -> None:
    with pytest.raises(InvalidInputError) as caught:
        renewal_progress(record(expires="2026-05-31"), "ms-class-a")
    assert str(caught.value) == "license_expires: expected a date on 06-30 (ms-class-a), got 2026-05-31"


def test_february_29_cycles() -> None:
    rule = load_renewal_rule("tx-standard-teacher")
    progress = renewal_progress(record(expires="2028-02-29"), rule)
    assert progress.cycle_start == dt.date(2023, 3, 1)
    assert progress.final_year_start == dt.date(2027, 3, 1)


def test_every_default_is_documented() -> None:
    assert list(RENEWAL_DEFAULTS) == [f"R{i}" for i in range(1, 11)]
    text = (ROOT / "docs" / "renewal.md").read_text()
    for key in RENEWAL_DEFAULTS:
        assert f"| {key} |" in text


def test_the_cycle_s_first_and_last_days_the_as_of_day_and_the_r3_tolerance() -> None:
    rule = load_renewal_rule(rule_data([{**LEAF, "carry_over": 2}]))
    days = [
        "2016-06-30",
        "2016-07-01",
        "2021-06-30",
        "2021-07-01",
        "2024-01-01",
        "2024-01-02",
        "2026-06-30",
        "2026-07-01",
    ]
    stated = [("ok-high", "1.55"), ("ok-low", "1.45"), ("high", "1.56"), ("low", "1.44")]  # for 15 clock hours
    rec = record(
        *(ceu(day, "1", day) for day in days), *(ceu(id, amount, "2022-01-01", hours="15") for id, amount in stated)
    )
    early = renewal_progress(rec, rule, as_of="2024-01-01")
    assert {a: s.name for a, s in early.standings.items()} == {
        "2016-06-30": "OUTSIDE", "2016-07-01": "PREVIOUS", "2021-06-30": "PREVIOUS", "2021-07-01": "IN_CYCLE",
        "2024-01-01": "IN_CYCLE", "2024-01-02": "NOT_YET", "2026-06-30": "NOT_YET", "2026-07-01": "OUTSIDE",
        "ok-high": "IN_CYCLE", "ok-low": "IN_CYCLE", "high": "MISMATCH", "low": "MISMATCH",
    }  # fmt: skip  (after the cycle's last day: outside it, R9, never "not yet", R5)
    assert early.outside_cycle() == ("2016-06-30", "2026-07-01")
    assert (early.counted, early.missing) == ((Decimal("7"),), (Decimal(0),))  # 2 in-cycle days, 3 CEUs, 2 carried
    assert early.allocation == dict.fromkeys(["2016-07-01", "2021-06-30", "2021-07-01", "2024-01-01", "ok-high",
                                              "ok-low"], "root")  # fmt: skip
    late = renewal_progress(rec, rule, as_of="2026-07-01")
    assert [a for a, s in late.standings.items() if s is Standing.IN_CYCLE] == [
        "2021-07-01", "2024-01-01", "2024-01-02", "2026-06-30", "ok-high", "ok-low",
    ]  # fmt: skip
    assert late.standings["2026-07-01"] is Standing.OUTSIDE and late.counted == (Decimal("9"),)
    assert late.outside_cycle() == ("2016-06-30", "2026-07-01")
    # The same record under a rule of 15 clock hours a CEU: no certificate matches, whatever was asked before.
    fifteen = renewal_progress(rec, load_renewal_rule(rule_data([{**LEAF, "carry_over": 2}], hours_per_ceu=15)),
                               as_of="2024-01-01")  # fmt: skip
    assert [a for a, s in fifteen.standings.items() if s is Standing.MISMATCH] == ["ok-high", "ok-low", "high", "low"]
    assert (fifteen.counted, fifteen.missing) == ((Decimal(4),), (Decimal(1),))


def test_a_final_year_option_opens_on_the_final_year_s_first_day() -> None:
    leaf = {"id": "root", "unit": "ceu", "minimum": 2, "window": "final-year"}
    rule = load_renewal_rule(rule_data([leaf], expires_on="06-30"))
    rec = record(ceu("a", "1", "2025-06-30"), ceu("b", "1", "2025-07-01"), ceu("c", "1", "2026-06-30"))
    answers = [renewal_progress(rec, rule, as_of=day) for day in ("2025-06-30", "2025-07-01", "2026-06-30")]
    assert [(p.counted, p.missing, p.allocation) for p in answers] == [
        ((Decimal(0),), (Decimal(2),), {}),
        ((Decimal(1),), (Decimal(1),), {"b": "root"}),
        ((Decimal(2),), (Decimal(0),), {"b": "root", "c": "root"}),
    ]
    assert [str(p.findings[1]) for p in answers] == [
        "[not met] root: 0 CEUs counted of 2 CEUs, 2 CEUs missing; open only in the final year, from 2025-07-01 "
        "(root; Test rule, 1)",
        "[not met] root: 1 CEU counted of 2 CEUs, 1 CEU missing (root; Test rule, 1)",
        "[met] root: 2 CEUs counted of 2 CEUs (root; Test rule, 1)",
    ]


def test_bundled_rules() -> None:
    assert bundled_renewal_rules() == ("il-pel", "ms-administrator", "ms-class-a", "ms-class-aa", "tx-standard-teacher")
    for name in bundled_renewal_rules():
        rule = load_renewal_rule(name)
        assert rule.name == name
        for version in rule.versions:
            assert all(node.source.document for node in version.nodes())


def test_bundled_rules_cite_address_and_day_read_and_list_what_is_unverified() -> None:
    text = (ROOT / "docs" / "renewal.md").read_text()
    unverified = text[text.index("**Still unverified (R10).**") : text.index("**Not encoded.**")]
    for name in bundled_renewal_rules():
        rule = load_renewal_rule(name)
        for version in rule.versions:
            for source in [version.source, *(node.source for node in version.nodes())]:
                assert source.section, (name, source)
                assert source.url is not None and source.url.startswith("https://"), (name, source)
                assert source.retrieved == dt.date(2026, 11, 29), (name, source)
                assert source.to_dict()["retrieved"] == "2026-11-29"
                if source.default == "R10":
                    assert source.note, (name, source)
                    # A version's R10 is its date (the "all" row); a node's R10 is listed by rule name.
                    row = "| all |" if source is version.source else f"`{name}`"
                    assert row in unverified, (name, source)


def test_bad_arguments() -> None:
    refused: list[tuple[Callable[[], object], str]] = [
        (lambda: renewal_progress("x", "ms-class-a"), "record: expected an EducatorRecord, got 'x'"),  # type: ignore[arg-type]
        (lambda: renewal_progress(record(), 5), "rule: expected a RenewalRule or a bundled rule name, got 5"),  # type: ignore[arg-type]
        (
            lambda: renewal_progress(record(), "ms-class-a", as_of="soon"),
            "as_of: expected an ISO date such as 2026-11-20, got 'soon'",
        ),
        (lambda: renewal_progress(record(), "ms-class-a", explain=1), "explain: expected true or false, got 1"),  # type: ignore[arg-type]
        (lambda: load_renewal_rule(5), "rule: expected a bundled rule name, a file path or a mapping, got 5"),  # type: ignore[arg-type]
    ]
    for call, message in refused:
        with pytest.raises(InvalidInputError) as caught:
            call()
        assert str(caught.value) == message


# -- rule files -----------------------------------------------------------------------------------


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(RenewalRuleError) as info:
        load_renewal_rule(data, name="bad.toml")
    assert info.value.source == "bad.toml"
    return list(info.value.problems)


LEAF = {"id": "root", "unit": "ceu", "minimum": 5}


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"format": "other"}, "format", "expected 'ceurules-renewal-rule', got 'other'"),
        ({"format_version": 2}, "format_version", "expected 1 (the version this library reads), got 2"),
        (
            {"colour": "red"},
            "colour",
            "unknown field; expected one of cycle_years, effort, expires_on, format, format_version, hours_per_ceu, "
            "name, source, title, versions",
        ),
        ({"cycle_years": 0}, "cycle_years", "expected a whole number of at least 1, got 0"),
        ({"cycle_years": 21}, "cycle_years", "expected a cycle of 1 to 20 years, got 21"),
        ({"expires_on": "13-01"}, "expires_on", "expected a month and day such as 06-30, got '13-01'"),
        ({"expires_on": 630}, "expires_on", "expected a month and day such as 06-30, got 630"),
        ({"versions": "2020"}, "versions", "expected a list of tables, got '2020'"),
        (
            {"effort": {"ceu": 10, "furlong": 1}},
            "effort.furlong",
            "expected a unit (ceu, clock_hour, semester_hour, quarter_hour, semi_credit, credential), got 'furlong'",
        ),
        ({"effort": {"clock_hour": 1}}, "effort.ceu", "expected the effort of one ceu (R4), got null"),
        ({"versions": []}, "versions", "at least one dated version is needed"),
        ({"source": None}, "source", "required field is missing"),
        ({"source": {"section": "x"}}, "source", "a source needs a document (and a section)"),
        (
            {"source": {"document": "x", "section": "1", "default": "D3"}},
            "source.default",
            "expected one of the renewal defaults R1-R10, got 'D3'",
        ),
    ],
)
def test_rule_file_problems(change: dict[str, Any], path: str, message: str) -> None:
    data = rule_data([LEAF])
    data.update(change)
    if data["source"] is None:
        del data["source"]
    found = problems(data)
    assert (path, message) in found, found


@pytest.mark.parametrize(
    ("nodes", "path", "message"),
    [
        (
            [{**LEAF, "unit": "furlong"}],
            "versions[0].nodes[0].unit",
            "expected a unit (ceu, clock_hour, semester_hour, quarter_hour, semi_credit, credential), got 'furlong'",
        ),
        ([{**LEAF, "minimum": 0}], "versions[0].nodes[0].minimum", "expected an amount above zero, got 0"),
        (
            [{**LEAF, "accepts": {"furlong": 1}}],
            "versions[0].nodes[0].accepts.furlong",
            "expected a unit (ceu, clock_hour, semester_hour, quarter_hour, semi_credit, credential), got 'furlong'",
        ),
        (
            [{**LEAF, "window": "spring"}],
            "versions[0].nodes[0].window",
            "expected 'cycle', 'final-year' or 'held', got 'spring'",
        ),
        (
            [{**LEAF, "grade": "Q"}],
            "versions[0].nodes[0].grade",
            "expected a letter grade gate such as C or B-, got 'Q'",
        ),
        (
            [{**LEAF, "shape": 1}],
            "versions[0].nodes[0].shape",
            "unknown field; expected one of accepts, caps, carry_over, carry_over_excess, carry_over_window, "
            "categories, category_minimums, grade, id, label, minimum, source, unit, window",
        ),
        (
            [{"id": "Root"}],
            "versions[0].nodes[0].id",
            "expected an ID of lower-case letters, digits and dashes, got 'Root'",
        ),
        ([{"id": "root", "unit": "ceu"}], "versions[0].nodes[0]", "a requirement needs id, unit and minimum"),
        (
            [{"id": "root", "all": ["a"], "any": ["a"]}, {**LEAF, "id": "a"}],
            "versions[0].nodes[0]",
            "a node is a group (all or any) or a requirement (unit, minimum), not both",
        ),
        ([{"id": "root", "all": []}], "versions[0].nodes[0].all", "expected a list of node IDs, got []"),
        ([{"id": "root", "all": ["nope"]}], "versions[0].nodes[0].all[0]", "no node has the ID 'nope'"),
        ([{"id": "root", "all": ["root"]}], "versions[0].nodes[0].all[0]", "the node 'root' contains itself"),
        ([LEAF, {**LEAF, "id": "spare"}], "versions[0].nodes[1].id", "the node 'spare' is not reachable from the root"),
        ([LEAF, LEAF], "versions[0].nodes[1].id", "the node ID 'root' is used twice"),
        (
            [{"id": "root", "all": ["a", "b"]}, {"id": "b", "any": ["a"]}, {**LEAF, "id": "a"}],
            "versions[0].nodes[2]",
            "the node 'a' is used by more than one group",
        ),
        ([{**LEAF, "source": "x"}], "versions[0].nodes[0].source", "expected a table of fields, got 'x'"),
        ([{**LEAF, "caps": 5}], "versions[0].nodes[0].caps", "expected a table of categories and amounts, got 5"),
        ([{**LEAF, "accepts": {"": 1}}], "versions[0].nodes[0].accepts", "expected a table keyed by units, got ''"),
        (
            [{"id": "root", "any": ["a"], "label": 5}, {**LEAF, "id": "a"}],
            "versions[0].nodes[0].label",
            "expected text, got 5",
        ),
    ],
)
def test_tree_problems(nodes: list[dict[str, Any]], path: str, message: str) -> None:
    found = problems(rule_data(nodes))
    assert (path, message) in found, found


@pytest.mark.parametrize(
    ("leaf", "path", "message"),
    [
        (
            {"category_minimums": {"x": 10}, "caps": {"x": 5}},
            "category_minimums.x",
            "expected at most the category's cap 5, got 10",
        ),
        (
            {"categories": ["a", "b"], "caps": {"a": 1, "b": 1}},
            "caps",
            "expected caps that leave room for the minimum 5, got 2",
        ),
        ({"categories": ["a"], "caps": {"b": 1}}, "caps.b", "expected a category the requirement counts, got 'b'"),
        (
            {"categories": ["a"], "category_minimums": {"b": 1}},
            "category_minimums.b",
            "expected a category the requirement counts, got 'b'",
        ),
    ],
)
def test_a_rule_no_record_could_meet_is_refused(leaf: dict[str, Any], path: str, message: str) -> None:
    found = problems(rule_data([{**LEAF, **leaf}]))
    assert (f"versions[0].nodes[0].{path}", message) in found, found


def test_rule_without_a_name() -> None:
    data = rule_data([LEAF])
    del data["name"]
    assert ("", "a rule needs name, title, cycle_years and effort") in problems(data)


def test_rule_objects_built_in_python_are_checked() -> None:
    rule = load_renewal_rule("il-pel")
    version = rule.versions[0]
    with pytest.raises(InvalidInputError, match="at least one node"):
        RequirementGroup(id="g", label="", kind=Kind.ALL, children=[], source=version.source)
    source, nodes, none, junk = version.source, cast(Any, [version.requirements[0]]), cast(Any, None), cast(Any, "x")
    no_source = "source: expected a RuleSource (the document it comes from), got "
    builds: list[tuple[Callable[[], object], str]] = [
        (lambda: attrs.evolve(version, source=none), no_source + "null"),
        (lambda: attrs.evolve(rule, source=junk), no_source + "'x'"),
        (lambda: attrs.evolve(version, root=junk), "root: expected a Requirement or a RequirementGroup, got 'x'"),
        (lambda: RequirementGroup(id="g", label="", kind=junk, children=nodes, source=source),
         "kind: expected a Kind (Kind.ALL or Kind.ANY), got 'x'"),
        (lambda: RequirementGroup(id="g", label="", kind=Kind.ANY, children=[*nodes, junk], source=source),
         "children[1]: expected a Requirement or a RequirementGroup, got 'x'"),
        (lambda: RequirementGroup(id="g", label="", kind=Kind.ANY, children=nodes, source=none), no_source + "null"),
    ]  # fmt: skip
    for build, message in builds:
        with pytest.raises(InvalidInputError) as refused:
            build()
        assert str(refused.value) == message
    for versions, message in (
        ([], "versions: expected at least one dated version, got []"),
        ([1], "versions[0]: expected a RuleVersion, got 1"),
        (5, "versions: expected a list of rule versions, got 5"),
    ):
        with pytest.raises(InvalidInputError) as caught:
            attrs.evolve(rule, versions=versions)  # type: ignore[arg-type]
        assert str(caught.value) == message


def test_a_requirement_built_in_python_is_checked_as_a_rule_file_is() -> None:
    base: dict[str, Any] = {
        "id": "r",
        "label": "",
        "unit": "clock_hour",
        "minimum": 10,
        "source": RuleSource(document="d"),
    }
    req = Requirement(**base, window=RenewalWindow.FINAL_YEAR, accepts={"ceu": 10})
    assert (req.window, req.factors, req.text(), req.plain) == (
        RenewalWindow.FINAL_YEAR, {"ceu": Decimal(10), "clock_hour": Decimal(1)}, "10 clock hours", True
    )  # fmt: skip
    assert [Requirement(**base, **more).plain for more in ({"caps": {"a": 1}}, {"category_minimums": {"a": 1}},
                                                           {"carry_over": 1})] == [False, False, False]  # fmt: skip
    two = 'carry_over_window: expected two month-days such as ["04-01", "06-30"], February 29 excluded, got '
    for more, message in (
        ({"carry_over": 5, "carry_over_window": ["04-01", None]}, two + "['04-01', null]"),
        ({"carry_over": 5, "carry_over_window": b"04-01"}, two + "b'04-01'"),
        ({"carry_over": 5, "carry_over_window": 3}, two + "3"),
        ({"carry_over": 5, "carry_over_window": ["04-01", "06-30", "07-01"]}, two + "['04-01', '06-30', '07-01']"),
        ({"grade": 5}, "grade: expected a letter grade gate such as C or B-, got 5"),
        ({"unit": 5}, "unit: expected a unit (ceu, clock_hour, semester_hour, quarter_hour, semi_credit, credential), "
                      "got 5"),
        ({"categories": "ab"}, "categories: expected a list of category names, got 'ab'"),
        ({"id": 5}, "id: expected non-empty text, got 5"),
        ({"id": "Root"}, "id: expected an ID of lower-case letters, digits and dashes, got 'Root'"),
        ({"minimum": "ten"}, "minimum: expected a decimal number of units such as 7.5, got 'ten'"),
        ({"accepts": {1: 2}}, "accepts: expected a table keyed by units, got 1"),
        ({"unit": ["ceu"]}, "unit: expected a unit (ceu, clock_hour, semester_hour, quarter_hour, semi_credit, "
                            "credential), got ['ceu']"),
        ({"source": None}, "source: expected a RuleSource (the document it comes from), got null"),
        ({"source": "d"}, "source: expected a RuleSource (the document it comes from), got 'd'"),
    ):  # fmt: skip
        with pytest.raises(InvalidInputError) as caught:
            Requirement(**{**base, **more})
        assert str(caught.value) == message


def test_a_way_open_only_in_the_final_year_says_so() -> None:
    leaf = {"id": "root", "unit": "credential", "minimum": 1, "window": "final-year"}
    rule = load_renewal_rule(rule_data([leaf], expires_on="06-30"))
    progress = renewal_progress(record(), rule, as_of="2024-01-01")
    assert "open only in the final year, from 2025-07-01" in str(progress)
    assert progress.closest() == "1 credential (root)"


def test_rule_version_problems() -> None:
    data = rule_data([LEAF])
    data["versions"] = [
        {"root": "root", "nodes": [LEAF], "when": 1},
        {"from": "2001-01-01", "root": "x", "nodes": [LEAF]},
    ]
    assert problems(data) == [
        ("versions[0].when", "unknown field; expected one of from, nodes, root, source"),
        ("versions[0].from", "required field is missing"),
        ("versions[1].root", "no node has the ID 'x'"),
    ]


def test_rule_files_on_disk(tmp_path: Path) -> None:
    good = tmp_path / "rule.toml"
    good.write_text((ROOT / "src/ceurules/renewal_files/il-pel.toml").read_text())
    assert load_renewal_rule(good).name == "il-pel"
    bad = tmp_path / "bad.toml"
    bad.write_text("format = ")
    with pytest.raises(RenewalRuleError, match="not valid TOML"):
        load_renewal_rule(bad)
    (tmp_path / "latin.toml").write_bytes(b"title = '\xe9'")
    with pytest.raises(RenewalRuleError, match="not UTF-8"):
        load_renewal_rule(tmp_path / "latin.toml")
    with pytest.raises(RenewalRuleError, match=r"cannot read the file.*bundled rules: il-pel"):
        load_renewal_rule("ms-class-z")
    big = tmp_path / "big.toml"
    big.write_text("#" * (1024 * 1024 + 1))
    with pytest.raises(RenewalRuleError, match="larger than"):
        load_renewal_rule(big)


def _ways(pairs: int) -> list[dict[str, Any]]:
    """A tree of ``pairs`` any-of pairs under one all-of: 2 ** pairs ways."""
    nodes: list[dict[str, Any]] = [{"id": "root", "all": [f"g{i}" for i in range(pairs)]}]
    for i in range(pairs):
        nodes.append({"id": f"g{i}", "any": [f"a{i}", f"b{i}"]})
        nodes += [{**LEAF, "id": f"a{i}"}, {**LEAF, "id": f"b{i}"}]
    return nodes


def test_too_many_ways_is_refused() -> None:
    assert problems(rule_data(_ways(9))) == [("versions[0]", "expected a tree with at most 256 ways to renew, got 512")]
    root = load_renewal_rule(rule_data(_ways(8))).versions[0].root  # 256 ways: read
    assert isinstance(root, RequirementGroup)
    children = (root, root.children[0])
    group = RequirementGroup(id="root", label="", kind=Kind.ALL, children=children, source=root.source)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError) as caught:
        RuleVersion(effective="2000-07-01", root=group, source=root.source)
    assert str(caught.value) == "nodes: expected a tree with at most 256 ways to renew, got 512"


def test_every_problem_of_a_tree_is_listed_in_full() -> None:
    spare = "the node 'a' is not reachable from the root"
    cases: list[tuple[list[dict[str, Any]], list[tuple[str, str]]]] = [
        (
            [{"id": "root", "all": ["a"], "unit": "ceu"}, {**LEAF, "id": "a"}],
            [("versions[0].nodes[0]", "a node is a group (all or any) or a requirement (unit, minimum), not both"),
             ("versions[0].nodes[1].id", spare)],
        ),
        (
            [{"id": "root", "all": "a"}, {**LEAF, "id": "a"}],
            [("versions[0].nodes[0].all", "expected a list of node IDs, got 'a'"), ("versions[0].nodes[1].id", spare)],
        ),
        (
            [{"id": "root", "all": [5]}, {**LEAF, "id": "a"}],
            [("versions[0].nodes[0].all[0]", "no node has the ID 5"), ("versions[0].nodes[1].id", spare)],
        ),
        (
            [{**LEAF, "source": {"document": "d", "page": 3}}],
            [("versions[0].nodes[0].source.page",
              "unknown field; expected one of default, document, note, retrieved, section, url")],
        ),
        (
            [{**LEAF, "source": {"document": 5}}],
            [("versions[0].nodes[0].source.document", "expected non-empty text, got 5")],
        ),
        (
            [{"id": "root", "any": ["a"], "id2": 1}, {**LEAF, "id": "a"}],
            [("versions[0].nodes[0].id2",
              "unknown field (a misspelling of 'id'?); expected one of all, any, id, label, source")],
        ),
        (
            [{"id": "root", "any": ["a", "b"]}, {**LEAF, "id": "a"}, {"id": "b", "unit": "ceu"}],
            [("versions[0].nodes[2]", "a requirement needs id, unit and minimum")],
        ),
    ]  # fmt: skip
    for nodes, found in cases:
        assert problems(rule_data(nodes)) == found
    bad_root = rule_data([LEAF])
    bad_root["versions"][0].update({"root": "Bad", "from": "x"})
    assert problems(bad_root) == [
        ("versions[0].from", "expected an ISO date such as 2026-11-20, got 'x'"),
        ("versions[0].root", "expected an ID of lower-case letters, digits and dashes, got 'Bad'"),
    ]
    assert problems(rule_data([LEAF], hours_per_ceu=0, title=5)) == [
        ("hours_per_ceu", "expected an amount above zero, got 0"),
    ]  # one refusal: the rule is built from its values at once


def test_a_rule_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    bundled = ", ".join(bundled_renewal_rules())
    for source, name, message in (
        ("ms-class-z", None, f"ms-class-z: 1 problem(s)\n  <top level>: cannot read the file: No such file or "
                             f"directory (a misspelling of 'ms-class-a'?) (bundled rules: {bundled})"),
        (tmp_path / "x.toml", None, f"{tmp_path / 'x.toml'}: 1 problem(s)\n  <top level>: cannot read the file: No "
                                    "such file or directory"),
        (write_text(tmp_path / "bad.toml", "format = "), "mine",
         "mine: 1 problem(s)\n  format (line 1, column 10): not valid TOML: no value (Invalid value)"),
    ):  # fmt: skip
        with pytest.raises(RenewalRuleError) as caught:
            load_renewal_rule(source, name=name)
        assert str(caught.value) == message
    assert load_renewal_rule("il-pel", name="x").name == "il-pel"
    assert bundled_renewal_rules() == tuple(
        sorted(p.stem for p in (ROOT / "src/ceurules/renewal_files").glob("*.toml"))
    )


def write_text(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_rule_values_at_their_limits_are_read() -> None:
    assert [load_renewal_rule(rule_data([LEAF], cycle_years=n)).cycle_years for n in (1, 20)] == [1, 20]
    assert problems(rule_data([{**LEAF, "accepts": {" ": 1}}])) == [
        ("versions[0].nodes[0].accepts", "expected a table keyed by units, got ' '")
    ]
    assert problems(rule_data([{**LEAF, "source": {"document": "d", "default": 5}}])) == [
        ("versions[0].nodes[0].source.default", "expected one of the renewal defaults R1-R10, got 5")
    ]
    version = load_renewal_rule(rule_data([LEAF])).versions[0]
    refusals: list[tuple[Callable[[], object], str]] = [
        (
            lambda: RuleVersion(effective="x", root=version.root, source=version.source),
            "from: expected an ISO date such as 2026-11-20, got 'x'",  # as the rule file names it
        ),
        (
            lambda: Requirement(id="r", label="", unit="ceu", minimum=1, source=version.source, accepts={1: 2}),  # type: ignore[dict-item]
            "accepts: expected a table keyed by units, got 1",
        ),
    ]
    for call, message in refusals:
        with pytest.raises(InvalidInputError) as caught:
            call()
        assert str(caught.value) == message
    assert len(load_renewal_rule(rule_data(_ways(8))).versions[0].ways) == 256
    for leaf in (
        {"category_minimums": {"x": 5}, "caps": {"x": 5}},  # a minimum equal to its cap
        {"categories": ["a", "b"], "caps": {"a": 2, "b": 3}},  # caps that leave exactly the minimum
        {"categories": ["a", "b"], "caps": {"a": 2, "b": 2}, "carry_over": 1},  # with the carry-over
    ):
        assert load_renewal_rule(rule_data([{**LEAF, **leaf}])).versions[0].requirements[0].minimum == 5
    gate = load_renewal_rule(rule_data([{**LEAF, "grade": " b- "}])).versions[0].root
    assert isinstance(gate, Requirement) and gate.grade == "B-"
    assert problems(rule_data([{**LEAF, "grade": "P"}])) == [
        ("versions[0].nodes[0].grade", "expected a letter grade gate such as C or B-, got 'P'")
    ]
    assert problems(rule_data([{**LEAF, "categories": ["a", 1]}])) == [
        ("versions[0].nodes[0].categories[1]", "expected non-empty text, got 1")
    ]
    assert problems(rule_data([{**LEAF, "accepts": 3}])) == [
        ("versions[0].nodes[0].accepts", "expected a table of units and amounts, got 3")
    ]
    assert problems(rule_data([{**LEAF, "accepts": {"ceu": "x"}}])) == [
        ("versions[0].nodes[0].accepts.ceu", "expected a decimal number of units such as 7.5, got 'x'")
    ]


def test_sources_are_inherited_and_a_missing_one_is_named_where_it_is_needed() -> None:
    data = rule_data([LEAF])
    data["versions"][0]["source"] = {"document": "Version doc", "section": "7"}
    version = load_renewal_rule(data).versions[0]
    assert (str(version.source), str(version.root.source)) == ("Version doc, 7", "Version doc, 7")
    del data["source"]
    assert problems(data) == [("source", "required field is missing")]
    del data["versions"][0]["source"]
    assert problems(data) == [
        ("source", "required field is missing"),
        ("versions[0].source", "required field is missing"),
    ]
    data["format"] = "x"
    with pytest.raises(RenewalRuleError) as caught:
        load_renewal_rule(data)
    assert caught.value.source == "<mapping>"
    assert str(caught.value).startswith(
        "<mapping>: 3 problem(s)\n  format: expected 'ceurules-renewal-rule', got 'x'\n"
    )


def test_a_bad_node_id_is_named_and_the_other_nodes_are_read_on() -> None:
    assert problems(rule_data([{"id": "Bad"}, LEAF])) == [
        ("versions[0].nodes[0].id", "expected an ID of lower-case letters, digits and dashes, got 'Bad'")
    ]
    unlabelled = load_renewal_rule(rule_data([{"id": "root", "any": ["a"]}, {**LEAF, "id": "a"}])).versions[0]
    assert isinstance(unlabelled.root, RequirementGroup)
    assert (unlabelled.root.label, unlabelled.requirements[0].label) == ("", "")


def test_every_node_of_a_tree_is_read_parents_first() -> None:
    tree: list[dict[str, Any]] = [{"id": "root", "all": ["g", "b"]}, {"id": "g", "any": ["a", "c"]},
                                  {**LEAF, "id": "a"}, {**LEAF, "id": "b"}, {**LEAF, "id": "c"}]  # fmt: skip
    assert [n.id for n in load_renewal_rule(rule_data(tree)).versions[0].nodes()] == ["root", "g", "a", "c", "b"]
    late: list[dict[str, Any]] = [{"id": "root", "all": ["g", "b"]}, {"id": "g", "all": ["a"]}, {**LEAF, "id": "a"},
            {**LEAF, "id": "b", "unit": "quarter_hour"}]  # fmt: skip
    assert problems(rule_data(late)) == [
        ("effort.quarter_hour", "expected the effort of one quarter_hour (R4), got null")
    ]


def test_the_smallest_carry_over_limits_count() -> None:
    old, new = ceu("old", "3", "2020-01-01"), ceu("new", "3", "2022-01-01")
    one = renewal_progress(record(old, new), load_renewal_rule(rule_data([{**LEAF, "carry_over": 1}])))
    assert str(one.findings[1]) == (
        "[not met] root: 4 CEUs counted (1 CEU carried over from the previous cycle, R7) of 5 CEUs, 1 CEU missing "
        "(root; Test rule, 1)"
    )
    half = renewal_progress(record(old), load_renewal_rule(rule_data([{**LEAF, "carry_over": "0.5"}])))
    assert half.counted == (Decimal("0.5"),)


def test_sources_units_and_versions_read_as_written() -> None:
    source = RuleSource(document="Doc", section="4.2", url="https://x", retrieved="2025-01-02", note="n", default="R10")
    assert str(source) == "Doc, 4.2; library default R10"
    assert source.to_dict() == {
        "document": "Doc", "section": "4.2", "url": "https://x", "retrieved": "2025-01-02", "note": "n",
        "default": "R10",
    }  # fmt: skip
    bare = RuleSource(document="Doc")
    assert str(bare) == "Doc"
    for default in (["R10"], "D1"):
        with pytest.raises(InvalidInputError) as unknown:
            RuleSource(document="Doc", default=default)  # type: ignore[arg-type]
        assert str(unknown.value) == f"default: expected one of the renewal defaults R1-R10, got {default!r}"
    assert bare.to_dict() == {
        "document": "Doc", "section": None, "url": None, "retrieved": None, "note": "", "default": None,
    }  # fmt: skip
    assert [unit_text(Decimal(a), u) for a, u in (("1.0", "ceu"), ("2.50", "clock_hour"), ("1", "credential"))] == [
        "1 CEU",
        "2.5 clock hours",
        "1 credential",
    ]
    rule = load_renewal_rule(rule_data([LEAF]))
    with pytest.raises(RuleNotInForceError) as caught:
        rule.version_on(dt.date(2000, 6, 30))
    assert str(caught.value) == "test-rule: no version in force on 2000-06-30 (the first is from 2000-07-01)"
    assert rule.version_on(dt.date(2000, 7, 1)) is rule.versions[0]
    with pytest.raises(InvalidInputError) as refused:
        RequirementGroup(id="g", label="", kind=Kind.ALL, children=[], source=source)
    assert str(refused.value) == "all: expected at least one node, got []"


# -- records --------------------------------------------------------------------------------------


def test_record_mixing_educators_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        EducatorRecord(educator="A", license_expires="2026-06-30", activities=[ceu("x", "1", educator="B")])
    assert str(caught.value) == "activities[0].educator: expected the record's educator 'A' (one per record), got 'B'"


def test_record_value_checks() -> None:
    refused: list[tuple[Callable[[], object], str]] = [
        (lambda: record(ceu("x", "1"), ceu("x", "2")),
         "activities[1].id: expected an activity ID not used before, got 'x'"),
        (lambda: Activity(id="t", date="2023-01-01", unit="clock_hour", amount=3, hours=3),
         "hours: expected no stated hours except on a CEU certificate, got 3"),
        (lambda: Activity(id="t", date="2023-01-01", unit="hours", amount=3),
         "unit: expected a unit (ceu, clock_hour, semester_hour, quarter_hour, semi_credit, credential), got 'hours'"),
        (lambda: Activity(id="t", date="2023-01-01", unit="semester_hour", amount=3, grade="E"),
         "grade: expected a letter grade A-F (with + or -) or P, got 'E'"),
        (lambda: Activity(id="t", date="2023-01-01", unit="ceu", amount=3, origin="rumour"),
         "origin: expected one of decision, transcript, certificate, other, got 'rumour'"),
        (lambda: EducatorRecord(educator="A", license_expires="2026-06-30", activities="x"),  # type: ignore[arg-type]
         "activities: expected a list of activities, got 'x'"),
        (lambda: EducatorRecord(educator="A", license_expires="2026-06-30", activities=[1]),  # type: ignore[list-item]
         "activities[0]: expected an Activity, got 1"),
    ]  # fmt: skip
    for call, message in refused:
        with pytest.raises(InvalidInputError) as caught:
            call()
        assert str(caught.value) == message


def test_the_example_record_reads_the_same_from_toml_and_csv() -> None:
    toml = load_record(ROOT / "docs/records/dana-whitfield.toml")
    csv = load_record(ROOT / "docs/records/dana-whitfield.csv")
    assert toml == csv


def test_records_from_files(tmp_path: Path) -> None:
    toml = load_record(ROOT / "docs/records/dana-whitfield.toml")
    assert toml.educator == "Dana Whitfield" and len(toml.activities) == 5
    (tmp_path / "r.json").write_text(json.dumps({"educator": "A", "license_expires": "2026-06-30", "activities": [
        {"date": "2023-01-01", "unit": "ceu", "amount": "1.5"}]}))  # fmt: skip
    assert load_record(tmp_path / "r.json").activities[0].id == "1"
    csv_text = "educator,license_expires,date,unit,amount,grade\nA,2026-06-30,2023-01-01,semester_hour,3,B\n"
    (tmp_path / "r.csv").write_text(csv_text)
    rec = load_record(tmp_path / "r.csv")
    assert rec.activities[0].grade == "B" and rec.activities[0].id == "2"
    assert load_record({"educator": "A", "license_expires": "2026-06-30"}).activities == ()


_HEAD = 'educator = "A"\nlicense_expires = 2026-06-30\n'
_COLUMNS = "educator,license_expires,date,unit,amount\n"
_NO_HEAD = [
    ("line 2.educator", "expected non-empty text, got ''"),
    ("line 2.license_expires", "expected an ISO date such as 2026-11-20, got ''"),
]
_UNITS = "ceu, clock_hour, semester_hour, quarter_hour, semi_credit, credential"


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("r.toml", _HEAD + '[[activities]]\ndate = 2023-01-01\nunit = "hr"\namount = 1\n',
         [("activities[0].unit", f"expected a unit ({_UNITS}), got 'hr'")]),
        ("r.toml", _HEAD + '[[activities]]\nunit = "ceu"\n',
         [("activities[0].date", "required field is missing"), ("activities[0].amount", "required field is missing")]),
        ("r.toml", _HEAD + "activities = [1]\n", [("activities[0]", "expected a table of fields, got 1")]),
        ("r.toml", _HEAD + '[[activities]]\ndate = 2023-01-01\nunit = "ceu"\namount = 1\nnickname = "x"\n',
         [("activities[0].nickname", "unknown field; expected one of amount, category, date, educator, grade, hours, "
                                     "id, origin, reference, title, unit")]),
        ("r.toml", 'educator = "A"\nnickname = "B"\n',
         [("nickname", "unknown field; expected one of activities, educator, license_expires"),
          ("license_expires", "required field is missing")]),
        ("r.toml", "educator = ", [("educator", "not valid TOML: no value (Invalid value)")]),
        ("r.json", "[1]", [("", "expected a table of fields at the top, got [1]")]),
        ("r.toml", "", [("", "the file is empty")]),
        ("r.json", " \n", [("", "the file is empty")]),
        ("r.json", "{", [("", "not valid JSON: Expecting property name enclosed in double quotes")]),  # at 1:2
        ("r.csv", "educator,date\nA,2023-01-01\n", [("line 1", "missing column(s): license_expires, unit, amount")]),
        ("r.csv", _COLUMNS + "A,2026-06-30,2023-01-01,ceu,x\n",
         [("line 2.amount", "expected a decimal number of units such as 7.5, got 'x'")]),
        ("r.csv", _COLUMNS + "A,2026-06-30,2023-01-01,ceu,1,9\n",
         [("line 2", "more cells than columns: '9'")]),
        ("r.csv", _COLUMNS + "A,2026-06-30,2023-01-01,ceu,1\nB,2026-06-30,2023-01-02,ceu,1\n",
         [("line 3", "a record holds one educator and one license; this row names 'B' expiring '2026-06-30', "
                     "line 2 names 'A' expiring '2026-06-30'")]),
        ("r.csv", _COLUMNS + "A,2026-06-30,2023-01-01,ceu,1,9\nA,2026-06-30,2023-01-02,ceu,x\n",
         [("line 2", "more cells than columns: '9'"),
          ("line 3.amount", "expected a decimal number of units such as 7.5, got 'x'")]),  # read on past line 2
        ("r.csv", _COLUMNS + ",,2023-01-01,ceu,1\nA,2026-06-30,2023-01-02,ceu,1\nB,2026-06-30,2023-01-03,ceu,1\n",
         [("line 3", "a record holds one educator and one license; this row names 'A' expiring '2026-06-30', "
                     "line 2 names '' expiring ''")]),  # blank cells name no one; the first two told apart
        ("r.csv", _COLUMNS, _NO_HEAD),
        ("r.csv", _COLUMNS + "A,2026-06-30,2023-01-01,ceu,1\nA,2026-06-31,2023-01-02,ceu,1\n",
         [("line 3.license_expires", "expected a real calendar date (YYYY-MM-DD), got '2026-06-31'")]),  # no 2nd
        ("r.csv", "educator,license_expires,date,unit,amount,colour\n" + "A,2026-06-30,2023-01-01,ceu,1,red\n" * 3,
         [("line 1", "unknown column 'colour'; expected one of amount, category, date, educator, grade, hours, id, "
                     "license_expires, origin, reference, title, unit")]),  # once, not once a row
        ("r.csv", "educator,license_expires,date,unit,amout\n" + "A,2026-06-30,2023-01-01,ceu,1\n",
         [("line 1", "unknown column 'amout' (a misspelling of 'amount'?); expected one of amount, category, date, "
                     "educator, grade, hours, id, license_expires, origin, reference, title, unit"),
          ("line 1", "missing column(s): amount")]),
        ("r.csv", _COLUMNS + 'A, 2026-06-30, 2023-01-01, ceu, "1", "x, y"\n',
         [("line 2", "more cells than columns: 'x, y'")]),  # a quote after a space starts a quoted cell
        ("r.csv", _COLUMNS + 'A,2026-06-30,2023-01-01,ceu,1\nA,2026-06-30,"2023-01-02,ceu,1\n'
                  "A,2026-06-30,2023-01-03,ceu,1\n",
         [("line 3", 'a quoted cell is not closed: its " has no closing " before the end of the file')]),
        ("r.csv", _COLUMNS + 'A,2026-06-30,2023-01-01,ceu,1\nA,2026-06-30,"2023"-01-02,ceu,1\n'
                  "A,2026-06-30,2023-01-03,ceu,x\n",
         [("line 3", 'a quoted cell goes on after its closing " (write "" for a quote inside it)'),
          ("line 4.amount", "expected a decimal number of units such as 7.5, got 'x'")]),  # read on past line 3
        ("r.csv", _COLUMNS + 'A,2026-06-30,"2023"-01-01,ceu,1\n',
         [("line 2", 'a quoted cell goes on after its closing " (write "" for a quote inside it)')]),
        ("r.csv", 'educator,license_expires,"date\n', [("line 1", 'a quoted cell is not closed: its " has no closing " '
                                                                "before the end of the file")]),
        ("r.csv", _COLUMNS + "A,2026-06-30,2023-01-01,ceu," + "1" * 200_000 + "\n",
         [("line 2", "not valid CSV: a cell of more than 131,072 characters")]),
        ("r.csv", "", [("line 1", "missing column(s): educator, license_expires, date, unit, amount")]),
        ("r.toml", _HEAD + '[[activities]]\ndate = 2023-01-01\nunit = "ceu"\namount = 1e' + "9" * 25 + "\n",
         [("", "not accepted TOML: the number 1e" + "9" * 25 + " has an exponent too large to read")]),
    ],
)  # fmt: skip
def test_record_file_problems(tmp_path: Path, name: str, text: str, found: list[tuple[str, str]]) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(RecordFileError) as info:
        load_record(tmp_path / name)
    assert info.value.source == str(tmp_path / name)
    assert list(info.value.problems) == found


def test_a_csv_header_may_have_spaces_around_its_column_names(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("educator, license_expires , date, unit, amount\nA,2026-06-30,2023-01-01,ceu,1\n")
    record = load_record(tmp_path / "r.csv")
    assert (record.educator, record.activities[0].amount) == ("A", Decimal("1"))


def test_a_csv_record_reads_blank_and_missing_cells_as_not_given(tmp_path: Path) -> None:
    text = (
        "educator,license_expires,date,unit,amount,category,grade,hours\n"
        "A,2026-06-30,2023-01-01,semester_hour,3, ,,\n"  # blank cells
        "A,2026-06-30,2023-01-02,ceu,1.5\n"  # a short row: its last cells are missing
    )
    (tmp_path / "r.csv").write_text(text)
    expected = EducatorRecord(
        educator="A",
        license_expires="2026-06-30",
        activities=[
            Activity(id="2", date="2023-01-01", unit="semester_hour", amount="3"),
            Activity(id="3", date="2023-01-02", unit="ceu", amount="1.5"),
        ],
    )
    assert load_record(tmp_path / "r.csv") == expected


def test_a_record_names_its_source_as_given(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(_HEAD)
    assert load_record(path).source == str(path)
    assert load_record(path, name="Dana's record").source == "Dana's record"
    assert load_record({"educator": "A", "license_expires": "2026-06-30"}).source == "<mapping>"


@pytest.mark.parametrize(
    ("source", "name", "message"),
    [
        ("missing.csv", "upload", "upload: 1 problem(s)\n  <top level>: {missing}"),
        ("missing.csv", None, "{path}: 1 problem(s)\n  <top level>: {missing}"),
        ({"educator": "A"}, None, "<mapping>: 1 problem(s)\n  license_expires: required field is missing"),
    ],
)
def test_a_record_s_refusal_names_its_source_as_given(
    tmp_path: Path, source: str | dict[str, str], name: str | None, message: str
) -> None:
    with pytest.raises(RecordFileError) as caught:
        load_record(tmp_path / source if isinstance(source, str) else source, name=name)
    missing = "cannot read the file: No such file or directory"
    assert str(caught.value) == message.format(path=tmp_path / "missing.csv", missing=missing)


@pytest.mark.parametrize(
    ("name", "text", "place"),
    [
        (
            "r.toml",
            'educator = "T"\nlicense_expires = 2026-06-30\n\n[[activities]]\nid = "a"\ndate = "2023-02-30"\n'
            'unit = "ceu"\namount = 1\n',
            "line 6, column 8",
        ),
        (
            "r.json",
            '{"educator": "T", "license_expires": "2026-06-30",\n'
            ' "activities": [{"id": "a", "date": "2023-02-30", "unit": "ceu", "amount": 1}]}\n',
            "line 2, column 37",
        ),
        (
            "r.csv",
            "educator,license_expires,id,date,unit,amount\nT,2026-06-30,a,2023-02-30,ceu,1\n",
            None,
        ),
    ],
)
def test_a_record_file_s_problems_say_where_they_are_written(
    tmp_path: Path, name: str, text: str, place: str | None
) -> None:
    """In TOML and JSON by line and column, as program files do; in CSV the path names the line."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordFileError) as caught:
        load_record(path)
    (problem,) = str(caught.value).splitlines()[1:]
    expected = "expected a real calendar date (YYYY-MM-DD), got '2023-02-30'"
    if place is None:
        assert problem.startswith("  line 2") and problem.endswith(expected) and "column" not in problem
    else:
        assert problem == f"  activities[0].date ({place}): {expected}"


def test_a_record_file_s_kind_is_read_from_its_suffix_in_any_case(tmp_path: Path) -> None:
    (tmp_path / "R.JSON").write_text('{"educator": "A", "license_expires": "2026-06-30"}')
    assert load_record(tmp_path / "R.JSON").educator == "A"


def test_record_read_errors(tmp_path: Path) -> None:
    with pytest.raises(RecordFileError, match="cannot read the file"):
        load_record(tmp_path / "missing.toml")
    (tmp_path / "big.csv").write_text("#" * (5 * 1024 * 1024 + 1))
    with pytest.raises(RecordFileError, match="larger than"):
        load_record(tmp_path / "big.csv")
    (tmp_path / "latin.csv").write_bytes(b"educator\n\xe9\n")
    with pytest.raises(RecordFileError, match="not UTF-8"):
        load_record(tmp_path / "latin.csv")
    with pytest.raises(InvalidInputError, match="source"):
        load_record(3)  # type: ignore[arg-type]
    with pytest.raises(RecordFileError, match="one per record"):
        load_record({"educator": "A", "license_expires": "2026-06-30", "activities": [
            {"date": "2023-01-01", "unit": "ceu", "amount": 1, "educator": "B"}]})  # fmt: skip


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


# -- the answer -----------------------------------------------------------------------------------


def example() -> EducatorRecord:
    return load_record(ROOT / "docs/records/dana-whitfield.toml")


def test_a_rule_and_a_record_display_their_fields() -> None:
    rule = load_renewal_rule(rule_data([LEAF]))
    assert rule._repr_markdown_() == (
        "**Renewal rule: Test rule**\n\n| field | value |\n|:---|:---|\n| name | test-rule |\n| title | Test rule |\n"
        "| cycle | 5 years |\n| hours per CEU | 10 |\n| versions | from 2000-07-01 |\n| source | Test rule, 1 |"
    )
    td = '<td style="text-align:left">'
    html = rule._repr_html_()
    assert html.startswith('<p style="text-align:left"><strong>Renewal rule: Test rule</strong></p><table ')
    assert f"<tr>{td}cycle</td>{td}5 years</td></tr>" in html
    rec = record(ceu("a", "1.5", "2023-01-10", hours="15"))
    assert rec._repr_markdown_() == (
        "**Record of Test, license expiring 2026-06-30**\n\n**Activities (1)**\n\n"
        "| id | date | title | amount | unit | hours | category | origin | reference |\n"
        "|:---|:---|:---|:---|:---|:---|:---|:---|:---|\n| a | 2023-01-10 |  | 1.5 | ceu | 15 | general | other |  |"
    )
    html = rec._repr_html_()
    assert html.startswith(
        '<p style="text-align:left"><strong>Record of Test, license expiring 2026-06-30</strong></p>'
        '<p style="text-align:left"><strong>Activities (1)</strong></p><table '
    )
    assert f"<tr>{td}a</td>{td}2023-01-10</td>{td}</td>{td}1.5</td>" in html


def test_answer_displays() -> None:
    progress = renewal_progress(example(), "ms-class-a", as_of="2025-01-15")
    assert progress.verdict is Verdict.PASS and progress.passed and progress.verdict_label == "met"
    text = str(progress)
    assert text.startswith("Renewal of Dana Whitfield under ms-class-a (version from 2020-07-01)")
    assert "in the previous cycle (activity ceu-2020; R9)" in text
    assert "| \u2713 met | `sh-3` |" in progress._repr_markdown_()
    assert "<code>ceus-5</code>" in progress._repr_html_()
    data = json.loads(json.dumps(progress.to_dict()))
    assert data["verdict"] == "met" and data["cycle"]["start"] == "2021-07-01"
    assert data["allocation"]["edu-612"] == "sh-3"
    assert data["outside_cycle"] == ["ceu-2020"]
    assert data["ways"][0] == {"nodes": ["ceus-10"], "missing": ["4.7"]}
    assert pickle.loads(pickle.dumps(progress.to_dict())) == progress.to_dict()
    rows = progress.transcript()
    assert [r["counts_toward"] for r in rows] == ["ceus-5", "ceus-5", "sh-3", "ceus-5", ""]
    assert progress.transcript_csv().splitlines()[0].startswith("id,date,title,unit,amount")


def test_not_met_display_and_notes() -> None:
    rec = record(ceu("c1", "2", hours="30"), ceu("c2", "3"), Activity(id="t", date="2023-01-01", unit="semester_hour",
                 amount=1))  # fmt: skip
    progress = renewal_progress(rec, "ms-class-a", as_of="2024-01-01")
    assert progress.verdict is Verdict.FAIL and not progress.passed
    assert "renewal not met; the closest way to finish: 2 semester hours (sh-3) and 2 CEUs (ceus-5) more" in str(
        progress
    )
    assert "CEUs do not match the stated hours (2 CEUs for 30 clock hours)" in str(progress)
    rows = progress.transcript()
    assert rows[0]["note"] == "CEUs do not match the stated hours"
    unused = renewal_progress(record(ceu("c", "12"), Activity(id="t", date="2023-01-01", unit="semester_hour",
                              amount=1)), "ms-class-a")  # fmt: skip
    assert unused.transcript()[1]["note"] == "not needed by this way"


def test_quick_answer_has_the_same_numbers() -> None:
    full = renewal_progress(example(), "ms-class-a")
    quick = renewal_progress(example(), "ms-class-a", explain=False)
    assert quick.findings == () and full.findings
    assert (quick.met, quick.way, quick.counted, quick.missing, quick.ways) == (
        full.met,
        full.way,
        full.counted,
        full.missing,
        full.ways,
    )
    # The yes/no answer counts credit up to the as-of date too: not met at the end of 2022, met by mid-2024.
    for as_of in (None, "2022-12-31", "2024-06-01"):
        assert is_renewal_met(example(), "ms-class-a", as_of=as_of) is renewal_progress(example(), "ms-class-a",
                                                                                       as_of=as_of).met  # fmt: skip
    assert [is_renewal_met(example(), "ms-class-a", as_of=day) for day in ("2022-12-31", "2024-06-01")] == [False, True]
    # What it cannot answer is no, never an exception: an unknown rule, a record that is none, a bad day.
    assert [
        is_renewal_met(example(), "no-such-rule"),
        is_renewal_met("a record", "ms-class-a"),
        is_renewal_met(example(), "ms-class-a", as_of="2024-02-30"),
    ] == [False, False, False]


# -- the answer, whole: every kind of finding, its displays and the transcript --------------------

_TEST_SOURCE = {"document": "Test rule", "section": "1", "url": None, "retrieved": None, "note": "", "default": None}
_WAYS: list[dict[str, Any]] = [
    {"id": "root", "any": ["pair", "hours-40"], "label": "Renewal"},
    {"id": "pair", "all": ["ceus-4", "sh-3"]},
    {"id": "ceus-4", "label": "4 CEUs", "unit": "ceu", "minimum": 4,
     "source": {"document": "Guide", "section": "2", "default": "R10"}},
    {"id": "sh-3", "unit": "semester_hour", "minimum": 3, "window": "final-year", "grade": "C"},
    {"id": "hours-40", "label": "40 clock hours", "unit": "clock_hour", "minimum": 40, "carry_over": 10},
]  # fmt: skip


def test_a_whole_answer_not_met_with_every_kind_of_finding() -> None:
    rule = load_renewal_rule(rule_data(_WAYS, expires_on="06-30"))
    rec = record(
        ceu("c1", "1.5", "2022-03-01", hours="15"),
        ceu("c2", "2", "2023-03-01", hours="30"),  # R3: does not match
        Activity(id="h-old", date="2021-05-01", unit="clock_hour", amount="12"),  # carried over, up to 10
        Activity(id="h-older", date="2010-05-01", unit="clock_hour", amount="5"),  # R9
        Activity(id="h-now", date="2023-05-01", unit="clock_hour", amount="20"),
        Activity(id="sh-late", date="2026-01-10", unit="semester_hour", amount="3", grade="B"),  # R5
    )
    progress = renewal_progress(rec, rule, as_of="2024-01-01")
    assert str(progress) == (
        "Renewal of Test under test-rule (version from 2000-07-01), cycle 2021-07-01 to "
        "2026-06-30, as of 2024-01-01: NOT MET\n"
        "  [not met] renewal not met; the closest way to finish: 10 clock hours (hours-40) more "
        "(root; Test rule, 1; R4)\n"
        "  [not met] 40 clock hours: 30 clock hours counted (10 clock hours carried over from the "
        "previous cycle, R7) of 40 clock hours, 10 clock hours missing (hours-40; Test rule, 1)\n"
        "  [note] another way, 4 CEUs and 3 semester hours: 2.5 CEUs (ceus-4) and 3 semester hours "
        "(sh-3) missing; open only in the final year, from 2025-07-01 (ceus-4 + sh-3; Guide, 2; "
        "library default R10)\n"
        "  [note] activity c2 of 2023-03-01 (2 CEUs) does not count: CEUs do not match the stated "
        "hours (2 CEUs for 30 clock hours) (activity c2; R3)\n"
        "  [note] activity h-older of 2010-05-01 (5 clock hours) does not count: outside the cycle "
        "(activity h-older; R9)\n"
        "  [note] activity sh-late of 2026-01-10 (3 semester hours) does not count: after the "
        "as-of date (activity sh-late; R5)"
    )
    assert progress._repr_markdown_() == (
        "**Renewal of Test under test-rule (version from 2000-07-01), cycle 2021-07-01 to "
        "2026-06-30, as of 2024-01-01: ✗ NOT MET**\n"
        "\n"
        "| outcome | node | finding | source |\n"
        "|:---|:---|:---|:---|\n"
        "| ✗ not met | `root` | renewal not met; the closest way to finish: 10 clock hours "
        "(hours-40) more | root; Test rule, 1; R4 |\n"
        "| ✗ not met | `hours-40` | 40 clock hours: 30 clock hours counted (10 clock hours carried "
        "over from the previous cycle, R7) of 40 clock hours, 10 clock hours missing | hours-40; "
        "Test rule, 1 |\n"
        "| • note | `ceus-4 + sh-3` | another way, 4 CEUs and 3 semester hours: 2.5 CEUs (ceus-4) "
        "and 3 semester hours (sh-3) missing; open only in the final year, from 2025-07-01 | "
        "ceus-4 + sh-3; Guide, 2; library default R10 |\n"
        "| • note | `activity c2` | activity c2 of 2023-03-01 (2 CEUs) does not count: CEUs do not "
        "match the stated hours (2 CEUs for 30 clock hours) | activity c2; R3 |\n"
        "| • note | `activity h-older` | activity h-older of 2010-05-01 (5 clock hours) does not "
        "count: outside the cycle | activity h-older; R9 |\n"
        "| • note | `activity sh-late` | activity sh-late of 2026-01-10 (3 semester hours) does "
        "not count: after the as-of date | activity sh-late; R5 |\n"
        "\n"
        "Clauses and defaults cited:\n"
        "\n"
        "- `R4`: ways to finish are compared by options not yet open, then missing credentials, "
        "then effort in clock hours from the rule's effort table; ties go to the way listed first\n"
        "- `R10`: a value this library could not verify against the current rule text: check "
        "before relying on it\n"
        "- `R3`: a CEU certificate matches its clock hours when its CEUs equal hours / "
        "hours_per_ceu to within 0.05 CEU (rounding to tenths)\n"
        "- `R9`: credit outside the cycle (other than carry-over) does not count and is reported\n"
        "- `R5`: an activity dated after the as-of date, in the cycle, does not count yet"
    )
    assert progress._repr_html_() == (
        '<p style="text-align:left"><strong>Renewal of Test under test-rule (version from '
        "2000-07-01), cycle 2021-07-01 to 2026-06-30, as of 2024-01-01: ✗ NOT "
        'MET</strong></p><table style="text-align:left"><thead><tr><th '
        'style="text-align:left">outcome</th><th style="text-align:left">node</th><th '
        'style="text-align:left">finding</th><th '
        'style="text-align:left">source</th></tr></thead><tbody><tr><td style="text-align:left">✗ '
        'not met</td><td style="text-align:left"><code>root</code></td><td '
        'style="text-align:left">renewal not met; the closest way to finish: 10 clock hours '
        '(hours-40) more</td><td style="text-align:left">Test rule, 1; <code title="ways to finish '
        "are compared by options not yet open, then missing credentials, then effort in clock "
        "hours from the rule&#x27;s effort table; ties go to the way listed "
        'first">R4</code></td></tr><tr><td style="text-align:left">✗ not met</td><td '
        'style="text-align:left"><code>hours-40</code></td><td style="text-align:left">40 clock '
        "hours: 30 clock hours counted (10 clock hours carried over from the previous cycle, R7) "
        'of 40 clock hours, 10 clock hours missing</td><td style="text-align:left">Test rule, '
        '1</td></tr><tr><td style="text-align:left">• note</td><td '
        'style="text-align:left"><code>ceus-4 + sh-3</code></td><td '
        'style="text-align:left">another way, 4 CEUs and 3 semester hours: 2.5 CEUs (ceus-4) and 3 '
        "semester hours (sh-3) missing; open only in the final year, from 2025-07-01</td><td "
        'style="text-align:left">Guide, 2; library default R10</td></tr><tr><td '
        'style="text-align:left">• note</td><td style="text-align:left"><code>activity '
        'c2</code></td><td style="text-align:left">activity c2 of 2023-03-01 (2 CEUs) does not '
        "count: CEUs do not match the stated hours (2 CEUs for 30 clock hours)</td><td "
        'style="text-align:left"><code title="a CEU certificate matches its clock hours when its '
        "CEUs equal hours / hours_per_ceu to within 0.05 CEU (rounding to "
        'tenths)">R3</code></td></tr><tr><td style="text-align:left">• note</td><td '
        'style="text-align:left"><code>activity h-older</code></td><td '
        'style="text-align:left">activity h-older of 2010-05-01 (5 clock hours) does not count: '
        'outside the cycle</td><td style="text-align:left"><code title="credit outside the cycle '
        '(other than carry-over) does not count and is reported">R9</code></td></tr><tr><td '
        'style="text-align:left">• note</td><td style="text-align:left"><code>activity '
        'sh-late</code></td><td style="text-align:left">activity sh-late of 2026-01-10 (3 semester '
        'hours) does not count: after the as-of date</td><td style="text-align:left"><code '
        'title="an activity dated after the as-of date, in the cycle, does not count '
        'yet">R5</code></td></tr></tbody></table><div class="ceurules-notes" '
        'style="text-align:left;font-size:smaller"><p>Clauses and defaults '
        "cited:</p><ul><li><code>R4</code>: ways to finish are compared by options not yet open, "
        "then missing credentials, then effort in clock hours from the rule&#x27;s effort table; "
        "ties go to the way listed first</li><li><code>R10</code>: a value this library could not "
        "verify against the current rule text: check before relying on it</li><li><code>R3</code>: "
        "a CEU certificate matches its clock hours when its CEUs equal hours / hours_per_ceu to "
        "within 0.05 CEU (rounding to tenths)</li><li><code>R9</code>: credit outside the cycle "
        "(other than carry-over) does not count and is reported</li><li><code>R5</code>: an "
        "activity dated after the as-of date, in the cycle, does not count yet</li></ul></div>"
    )
    assert json.loads(json.dumps(progress.to_dict())) == {
        "schema_version": 1,
        "topic": "renewal",
        "subject": "Test",
        "verdict": "not met",
        "rule": {"name": "test-rule", "title": "Test rule", "version_from": "2000-07-01"},
        "as_of": "2024-01-01",
        "cycle": {"start": "2021-07-01", "end": "2026-06-30", "final_year_start": "2025-07-01"},
        "met": False,
        "way": [{"node": "hours-40", "unit": "clock_hour", "minimum": "40", "counted": "30", "missing": "10"}],
        "closest": "10 clock hours (hours-40)",
        "plan": [{"node": "hours-40", "unit": "clock_hour", "amount": "10", "category": None}],
        "allocation": {"h-old": "hours-40", "h-now": "hours-40"},
        "outside_cycle": ["h-older"],
        "ways": [{"nodes": ["ceus-4", "sh-3"], "missing": ["2.5", "3"]}, {"nodes": ["hours-40"], "missing": ["10"]}],
        "findings": [
            {
                "node": "root",
                "outcome": "not met",
                "message": "renewal not met; the closest way to finish: 10 clock hours (hours-40) more",
                "source": _TEST_SOURCE,
                "default": "R4",
                "facts": {"way": ["hours-40"], "cycle_start": "2021-07-01", "cycle_end": "2026-06-30"},
            },
            {
                "node": "hours-40",
                "outcome": "not met",
                "message": "40 clock hours: 30 clock hours counted (10 clock hours carried over from the "
                "previous cycle, R7) of 40 clock hours, 10 clock hours missing",
                "source": _TEST_SOURCE,
                "default": None,
                "facts": {
                    "counted": "30",
                    "missing": "10",
                    "unit": "clock_hour",
                    "activities": ["h-old", "h-now"],
                    "carried_over": "10",
                },
            },
            {
                "node": "ceus-4 + sh-3",
                "outcome": "note",
                "message": "another way, 4 CEUs and 3 semester hours: 2.5 CEUs (ceus-4) and 3 semester "
                "hours (sh-3) missing; open only in the final year, from 2025-07-01",
                "source": {
                    "document": "Guide",
                    "section": "2",
                    "url": None,
                    "retrieved": None,
                    "note": "",
                    "default": "R10",
                },
                "default": None,
                "facts": {"missing": {"ceus-4": "2.5", "sh-3": "3"}},
            },
            {
                "node": "activity c2",
                "outcome": "note",
                "message": "activity c2 of 2023-03-01 (2 CEUs) does not count: CEUs do not match the stated "
                "hours (2 CEUs for 30 clock hours)",
                "source": None,
                "default": "R3",
                "facts": {"activity": "c2", "date": "2023-03-01"},
            },
            {
                "node": "activity h-older",
                "outcome": "note",
                "message": "activity h-older of 2010-05-01 (5 clock hours) does not count: outside the cycle",
                "source": None,
                "default": "R9",
                "facts": {"activity": "h-older", "date": "2010-05-01"},
            },
            {
                "node": "activity sh-late",
                "outcome": "note",
                "message": "activity sh-late of 2026-01-10 (3 semester hours) does not count: after the as-of date",
                "source": None,
                "default": "R5",
                "facts": {"activity": "sh-late", "date": "2026-01-10"},
            },
        ],
    }
    assert progress.transcript_csv() == (
        "id,date,title,unit,amount,hours,category,grade,origin,reference,counts_toward,node_unit,note\n"
        "c1,2022-03-01,,ceu,1.5,15,general,,other,,,,not needed by this way\n"
        "c2,2023-03-01,,ceu,2,30,general,,other,,,,CEUs do not match the stated hours\n"
        "h-old,2021-05-01,,clock_hour,12,,general,,other,,hours-40,clock_hour,\n"
        "h-older,2010-05-01,,clock_hour,5,,general,,other,,,,outside the cycle\n"
        "h-now,2023-05-01,,clock_hour,20,,general,,other,,hours-40,clock_hour,\n"
        "sh-late,2026-01-10,,semester_hour,3,,general,B,other,,,,after the as-of date\n"
        ",,,clock_hour,10,,,,,,hours-40,clock_hour,missing\n"
    )
    # The rows themselves are the CSV's: every field of every row, as text (empty, never None).
    assert progress.transcript() == list(csv.DictReader(io.StringIO(progress.transcript_csv())))


# -- command line ---------------------------------------------------------------------------------


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_renewal() -> None:
    path = str(ROOT / "docs/records/dana-whitfield.toml")
    code, out, _ = cli("renewal", path, "--rule", "ms-class-a")
    assert code == 0 and "MET" in out
    code, out, _ = cli("renewal", path, "--rule", "ms-class-a", "--as-of", "2022-12-31", "--format", "json")
    assert code == 1 and json.loads(out)["closest"] == "3 semester hours (sh-3) and 3.5 CEUs (ceus-5)"
    code, out, _ = cli("renewal", path, "--rule", "ms-class-a", "--format", "csv")
    assert code == 0 and out.splitlines()[3].endswith(",sh-3,semester_hour,")
    code, _, err = cli("renewal", path, "--rule", "tx-nothing")
    assert code == 2 and "cannot read the file" in err
    code, _, err = cli("renewal", str(ROOT / "README.md"), "--rule", "ms-class-a")
    assert code == 2 and "ceurules:" in err


# -- every parameter of a rule set is read --------------------------------------------------------


def _sensitive_record() -> EducatorRecord:
    return record(
        ceu("c1", "4.5", hours=45, category="general"),
        ceu("c2", "1", day="2025-03-01", category="reading"),
        ceu("c3", "0.5", day="2025-08-01", category="reading"),
        ceu("old", "2", day="2021-05-01"),
        Activity(id="t1", date="2024-01-10", unit="semester_hour", amount=3, grade="C"),
        Activity(id="h1", date="2023-03-03", unit="clock_hour", amount=5),
    )


def _answer(rule: Any) -> tuple[Any, ...]:
    progress = renewal_progress(_sensitive_record(), rule, as_of="2025-09-01")
    return progress.met, tuple(r.id for r in progress.way), progress.ways, progress.allocation


SENSITIVE: list[dict[str, Any]] = [
    {"id": "root", "any": ["ceus", "bundle"]},
    {"id": "ceus", "unit": "ceu", "minimum": 8, "accepts": {"clock_hour": "0.1"}, "carry_over": 1,
     "caps": {"general": 5}, "category_minimums": {"reading": "0.5"}},
    {"id": "bundle", "all": ["sh", "late"]},
    {"id": "sh", "unit": "semester_hour", "minimum": 3, "grade": "C"},
    {"id": "late", "unit": "clock_hour", "minimum": 10, "accepts": {"ceu": 10}, "window": "final-year",
     "categories": ["reading"]},
]  # fmt: skip

CHANGES: list[tuple[str, Any]] = [
    ("ceus.minimum", 6),
    ("ceus.accepts", {}),
    ("ceus.carry_over", 0),
    ("ceus.caps", {"general": 3}),
    ("ceus.category_minimums", {"reading": 3}),
    ("sh.minimum", 4),
    ("sh.grade", "B"),
    ("late.window", "cycle"),
    ("late.categories", ["math"]),
    ("late.minimum", 20),
    ("hours_per_ceu", 20),
    ("cycle_years", 3),
    ("effort", {"ceu": 10, "clock_hour": "0.5", "semester_hour": 15}),
]


@pytest.mark.parametrize(("where", "value"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_rule_parameter_changes_an_answer(where: str, value: Any) -> None:
    base = rule_data([dict(n) for n in SENSITIVE])
    before = _answer(load_renewal_rule(base))
    changed = rule_data([dict(n) for n in SENSITIVE])
    if "." in where:
        node_id, key = where.split(".")
        node = next(n for n in changed["versions"][0]["nodes"] if n["id"] == node_id)
        node[key] = value
    else:
        changed[where] = value
    assert _answer(load_renewal_rule(changed)) != before


def test_competing_activities_are_searched_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    from ceurules import renewal

    nodes: list[dict[str, Any]] = [
        {"id": "root", "all": ["a", "b", "c"]},
        {"id": "a", "unit": "ceu", "minimum": 40, "caps": {"x": 7}},
        {"id": "b", "unit": "ceu", "minimum": 35, "category_minimums": {"y": 3}},
        {"id": "c", "unit": "ceu", "minimum": 50},
    ]
    rule = load_renewal_rule(rule_data(nodes))
    rec = record(*(ceu(f"a{i}", str(1 + (i * 37) % 13 / 10), category="xyz"[i % 3]) for i in range(30)))
    progress = renewal_progress(rec, rule, explain=False)
    # b's 26.5 missing CEUs: the 3 its minimum of y lacks, then credit of any uncapped category.
    assert (
        progress.closest() == "0.2 CEUs (a) and 3 CEUs of y and 23.5 CEUs of any uncapped category (b) and 50 CEUs (c)"
    )
    monkeypatch.setattr(renewal, "_MAX_STATES", 5)
    with pytest.raises(InvalidInputError) as steps:
        renewal_progress(rec, rule)
    assert str(steps.value) == "record: expected an allocation found within 5 steps, got '30 competing activities'"
    monkeypatch.setattr(renewal, "_MAX_CONTESTED", 3)
    with pytest.raises(InvalidInputError) as contested:
        renewal_progress(rec, rule)
    assert str(contested.value) == (
        "record: expected at most 3 activities that compete within one way, got '30 activities'"
    )


def test_at_most_400_activities_compete_within_one_way() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "root", "all": ["a", "b"]},
        {"id": "a", "unit": "ceu", "minimum": 1},
        {"id": "b", "unit": "ceu", "minimum": 1},
    ]
    rule = load_renewal_rule(rule_data(nodes))
    tenths = [ceu(f"c{i}", "0.1") for i in range(401)]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 5000))  # the search recurses once per activity; a tracer adds frames to each
    try:
        assert renewal_progress(record(*tenths[:400]), rule, explain=False).met
    finally:
        sys.setrecursionlimit(limit)
    with pytest.raises(InvalidInputError) as caught:
        renewal_progress(record(*tenths), rule, explain=False)
    assert (
        str(caught.value) == "record: expected at most 400 activities that compete within one way, got '401 activities'"
    )


def test_every_way_is_reported_when_an_early_way_meets_the_rule() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "root", "any": ["plain", "both"]},
        {"id": "plain", "unit": "ceu", "minimum": 1},
        {"id": "both", "all": ["x", "y"]},
        {"id": "x", "unit": "ceu", "minimum": 2},
        {"id": "y", "unit": "ceu", "minimum": 2},
    ]
    progress = renewal_progress(record(ceu("c", "3")), load_renewal_rule(rule_data(nodes)), explain=False)
    assert progress.met and [r.id for r in progress.way] == ["plain"]
    # The 3 CEUs go to one requirement of the competing way, never to both.
    assert progress.ways[1] in {(("x", "y"), (Decimal(0), Decimal(2))), (("x", "y"), (Decimal(2), Decimal(0)))}


def test_a_capped_category_counts_up_to_its_cap_toward_its_own_minimum() -> None:
    leaf = {"id": "root", "unit": "ceu", "minimum": 6, "caps": {"reading": 2}, "category_minimums": {"reading": 2}}
    rule = load_renewal_rule(rule_data([leaf]))
    progress = renewal_progress(record(ceu("r", "5", category="reading"), ceu("g", "3")), rule)
    assert (progress.counted, progress.missing) == ((Decimal(5),), (Decimal(1),))


def test_a_category_minimum_above_the_total_is_met_in_full_when_requirements_compete() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "root", "all": ["b", "a"]},
        {"id": "a", "unit": "ceu", "minimum": 2, "category_minimums": {"x": 3}},
        {"id": "b", "unit": "ceu", "minimum": 2},
    ]
    rule = load_renewal_rule(rule_data(nodes))
    # a's total is met by 2 CEUs, its minimum of x only by 3: credit beyond its total still matters to it.
    progress = renewal_progress(record(*(ceu(f"c{i}", n, category="x") for i, n in enumerate("221"))), rule)
    assert progress.met and progress.allocation == {"c0": "b", "c1": "a", "c2": "a"}
    assert (progress.counted, progress.missing) == ((Decimal(2), Decimal(3)), (Decimal(0), Decimal(0)))


def test_competing_requirements_count_carried_over_and_converted_credit_as_they_would_alone() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "root", "all": ["a", "b"]},
        {"id": "a", "unit": "ceu", "minimum": 5, "carry_over": 1, "accepts": {"clock_hour": "0.1"}},
        {"id": "b", "unit": "ceu", "minimum": 5, "accepts": {"clock_hour": "0.1"}},
    ]
    hours = Activity(id="n2", date="2023-02-01", unit="clock_hour", amount=40)  # 4 CEUs
    progress = renewal_progress(record(ceu("old", "4", "2021-01-10"), ceu("n1", "4"), hours, ceu("n3", "1")),
                                load_renewal_rule(rule_data(nodes)))  # fmt: skip
    assert progress.met and progress.counted == (Decimal(5), Decimal(5))  # a: 1 of the 4 old CEUs carried over
    assert progress.allocation == {"old": "a", "n1": "a", "n2": "b", "n3": "b"}


def test_requirements_compete_when_one_activity_could_count_toward_both() -> None:
    def leaf(id: str, unit: str = "ceu", **more: Any) -> dict[str, Any]:
        return {"id": id, "unit": unit, "minimum": 2, **more}

    ways = {
        "units apart": ([leaf("a"), leaf("b", "semester_hour")], False),
        "categories apart": ([leaf("a", categories=["x"]), leaf("b", categories=["y"])], False),
        "categories shared": ([leaf("a", categories=["x", "y"]), leaf("b", categories=["y", "z"])], True),
        "any category": ([leaf("a"), leaf("b", categories=["y"])], True),
        "a unit accepted": ([leaf("a"), leaf("b", "semester_hour", accepts={"ceu": 1})], True),
    }
    rules = {
        name: load_renewal_rule(rule_data([{"id": "root", "all": ["a", "b"]}, *leaves]))
        for name, (leaves, _) in ways.items()
    }
    assert {name: rule.versions[0].contested for name, rule in rules.items()} == {
        name: (contested,) for name, (_, contested) in ways.items()
    }
    shared = renewal_progress(record(ceu("c", "2", category="y")), rules["categories shared"])
    assert (shared.met, shared.missing, shared.allocation) == (False, (Decimal(0), Decimal(2)), {"c": "a"})  # R8


def test_credit_that_just_meets_a_minimum_or_a_cap_is_shown_as_written() -> None:
    plain = load_renewal_rule(rule_data([LEAF]))
    capped = load_renewal_rule(rule_data([{**LEAF, "caps": {"x": 3}, "category_minimums": {"x": 3}}]))
    x = [ceu("a", "1.5", category="x"), ceu("b", "1.5", category="x")]  # 3.0 CEUs: the cap, and the minimum
    answers = [
        renewal_progress(record(ceu("a", "2.5"), ceu("b", "2.5")), plain),  # 5.0 CEUs of 5: nothing missing
        renewal_progress(record(*x, ceu("c", "2")), capped),  # counted up to the cap, 3
        renewal_progress(record(*x, ceu("c", "4")), capped),
    ]
    assert [(str(p.counted[0]), str(p.missing[0])) for p in answers] == [("5.0", "0"), ("5", "0"), ("7", "0")]


def test_competing_ways_with_carry_over_repeated_activities_and_uncontested_records() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "root", "any": ["w1", "w2"]},
        {"id": "w1", "all": ["a", "b"]},
        {"id": "a", "unit": "ceu", "minimum": 3, "carry_over": 1},
        {"id": "b", "unit": "ceu", "minimum": 2, "categories": ["reading"]},
        {"id": "w2", "all": ["c", "d"]},
        {"id": "c", "unit": "ceu", "minimum": 1},
        {"id": "d", "unit": "clock_hour", "minimum": 5, "accepts": {"ceu": 10}, "categories": ["x", "y"],
         "caps": {"x": 3, "y": 3}},
    ]  # fmt: skip
    rule = load_renewal_rule(rule_data(nodes))
    assert rule.versions[0].contested == (True, True)
    rec = record(
        ceu("old", "1", day="2021-05-01"),
        ceu("r1", "1", category="reading"),
        ceu("r2", "1", category="reading"),
        Activity(id="h1", date="2023-01-10", unit="clock_hour", amount=2, category="x"),
    )
    progress = renewal_progress(rec, rule)
    assert [r.id for r in progress.way] == ["c", "d"]
    assert progress.closest() == "1 clock hour of x and 2 clock hours of y (d)"  # every category d counts is capped
    assert progress.ways[0] == (("a", "b"), (Decimal(0), Decimal(2)))  # a tie: the first allocation found
    assert renewal_progress(rec, rule, as_of="2021-06-01").ways[0][1] == (Decimal(2), Decimal(2))


def test_credit_beyond_a_cap_makes_equal_partial_allocations(monkeypatch: pytest.MonkeyPatch) -> None:
    from ceurules import renewal

    nodes: list[dict[str, Any]] = [
        {"id": "root", "all": ["a", "b"]},
        {"id": "a", "unit": "ceu", "minimum": 3, "caps": {"reading": 1}},
        {"id": "b", "unit": "ceu", "minimum": 2, "categories": ["reading"]},
    ]
    rec = record(ceu("g", "2"), *(ceu(f"r{i}", "1", category="reading") for i in range(3)))
    progress = renewal_progress(rec, load_renewal_rule(rule_data(nodes)))
    assert progress.met
    assert progress.allocation == {"g": "a", "r0": "a", "r1": "b", "r2": "b"}
    # Eight 2-CEU reading certificates for a (10 CEUs, reading capped at 2) and b (5 CEUs of reading): what a
    # is given beyond its cap changes nothing, so those partial allocations are explored once (34 in all).
    capped = [{**nodes[0]}, {**nodes[1], "minimum": 10, "caps": {"reading": 2}}, {**nodes[2], "minimum": 5}]
    eight = record(*(ceu(f"r{i}", "2", category="reading") for i in range(8)))
    monkeypatch.setattr(renewal, "_MAX_STATES", 34)
    progress = renewal_progress(eight, load_renewal_rule(rule_data(capped)))
    assert (progress.counted, progress.missing) == ((Decimal(2), Decimal(6)), (Decimal(8), Decimal(0)))


def test_an_activity_from_a_ceurules_credit_decision() -> None:
    from ceurules import ActivityType, Attendance, CourseCriteria, CreditApplication, Payment, Program, Segment

    program = Program(
        title="Reading Across the Content Areas",
        activity=ActivityType.WORKSHOP,
        criteria=CourseCriteria.all_met(),
        offering_dates=["2023-10-14"],
        agenda=[Segment(kind="instruction", start="08:00", end="15:30")],
    )
    attendance = Attendance(participant="Test", dates=["2023-10-14"])
    application = CreditApplication(
        attendance=attendance, submitted="2023-10-20", payment=Payment(paid="2023-10-20"), issued="2023-11-02"
    )
    act = Activity.from_credit(program, application)
    assert (act.unit, act.amount, act.hours, act.date) == ("ceu", Decimal("0.8"), Decimal("7.5"), dt.date(2023, 10, 14))
    assert act.reference == "ceurules credit decision: Reading Across the Content Areas, issued 2023-11-02"
    progress = renewal_progress(record(act), "ms-class-a")
    assert progress.allocation == {act.id: "ceus-5"}
    with pytest.raises(InvalidInputError, match="one per record"):
        EducatorRecord(educator="Someone else", license_expires="2026-06-30", activities=[act])
    thirds = attrs.evolve(program, agenda=[Segment(kind="instruction", start="08:00", end="08:20")])
    assert Activity.from_credit(thirds, application).hours is None  # 1/3 hour is no finite decimal
    fifths = attrs.evolve(program, agenda=[Segment(kind="instruction", start="08:00", end="14:12")])
    assert str(Activity.from_credit(fifths, application).hours) == "6.2"  # 31/5 hours, written out
    with pytest.raises(InvalidInputError, match="issued"):
        Activity.from_credit(program, attrs.evolve(application, issued=None))
    with pytest.raises(InvalidInputError, match="not year-long"):
        Activity.from_credit(attrs.evolve(program, year_long=True), application)


def test_an_activity_from_a_credit_decision_in_full_under_the_policy_followed() -> None:
    from ceurules import (
        DEFAULT_POLICY,
        ActivityType,
        Attendance,
        CourseCriteria,
        CreditApplication,
        Origin,
        Payment,
        Program,
        Segment,
    )

    program = Program(
        title="Reading Across the Content Areas",
        activity=ActivityType.WORKSHOP,
        criteria=CourseCriteria.all_met(),
        offering_dates=["2023-10-14", "2023-10-15"],
        agenda=[Segment(kind="instruction", start="08:00", end="15:30")],
    )
    attendance = Attendance(participant="Test", dates=["2023-10-14", "2023-10-15"], certificate_date="2023-10-16")
    application = CreditApplication(
        attendance=attendance, submitted="2023-10-20", payment=Payment(paid="2023-10-20"), issued="2023-11-02"
    )
    expected = Activity(
        id="Reading Across the Content Areas (2023-10-16)",  # the certificate date
        date="2023-10-16",
        unit="ceu",
        amount="0.8",
        hours="7.5",
        origin=Origin.DECISION,
        reference="ceurules credit decision: Reading Across the Content Areas, issued 2023-11-02",
        title="Reading Across the Content Areas",
        educator="Test",
    )
    assert Activity.from_credit(program, application) == expected
    fifty = attrs.evolve(DEFAULT_POLICY, minutes_per_contact_hour=50)
    assert Activity.from_credit(program, application, policy=fifty) == attrs.evolve(expected, amount="0.9", hours="9")
    refusals: list[tuple[Callable[[], object], str]] = [
        (
            lambda: Activity.from_credit(program, attrs.evolve(application, issued=None)),
            "application.issued: expected the day the certificate was issued (credit.record), got null",
        ),
        (
            lambda: Activity.from_credit(attrs.evolve(program, year_long=True), application),
            "program: expected a program that is not year-long (see packet_ceus), got "
            "'Reading Across the Content Areas'",
        ),
    ]
    for call, message in refusals:
        with pytest.raises(InvalidInputError) as caught:
            call()
        assert str(caught.value) == message


def test_activity_values_are_read_as_written_and_blanks_are_none() -> None:
    act = Activity(
        id=" x ", date="2024-01-01", unit=" semester_hour ", amount="3", grade=" b+ ", hours="", educator="",
        category="math",
    )  # fmt: skip
    assert (act.id, act.unit, act.grade, act.hours, act.educator, act.origin.value) == (
        "x", "semester_hour", "B+", None, None, "other"
    )  # fmt: skip
    assert act.to_dict() == {
        "id": "x", "date": "2024-01-01", "unit": "semester_hour", "amount": "3", "category": "math", "grade": "B+",
        "hours": None, "origin": "other", "reference": "", "title": "",
    }  # fmt: skip
    plain = Activity(id="y", date="2024-01-01", unit="ceu", amount="1", grade="", origin="transcript")
    assert (plain.grade, plain.category, plain.reference, plain.title) == (None, "general", "", "")
    assert Activity(id="p", date="2024-01-01", unit="semester_hour", amount="3", grade="p").grade == "P"
    head = {"educator": "A", "license_expires": "2026-06-30"}
    assert load_record(head, name="mine").source == "mine" and load_record(head).source == "<mapping>"
    two = [{"date": "2023-01-01", "unit": "ceu", "amount": 1, "grade": None}, {"date": "2023-01-02", "unit": "ceu",
           "amount": 2}]  # fmt: skip
    assert [a.id for a in load_record({**head, "activities": two}).activities] == ["1", "2"]
    for activity, problem in (
        ({"educator": "B"}, ("activities[0].educator", "expected the record's educator 'A' (one per record), got 'B'")),
        ({"hours": "x"}, ("activities[0].hours", "expected a decimal number of hours such as 7.5, got 'x'")),
    ):
        with pytest.raises(RecordFileError) as caught:
            load_record({**head, "activities": [{**two[0], **activity}]})
        assert caught.value.problems == (problem,)
    with pytest.raises(InvalidInputError) as refused:
        load_record(3)  # type: ignore[arg-type]
    assert str(refused.value) == "source: expected a file path or a mapping, got 3"


def test_when_not_met_every_other_way_is_noted() -> None:
    progress = renewal_progress(example(), "ms-class-a", as_of="2022-12-31")
    notes = [f.message for f in progress.findings if f.node in ("ceus-10", "sh-6", "retirement-letter")]
    assert notes == [
        "another way, 10 CEUs (or 100 contact/clock hours): 8.5 CEUs (ceus-10) missing",
        "another way, 6 semester hours: 6 semester hours (sh-6) missing",
        "another way, letter of intent to retire (final year only): 1 credential (retirement-letter) missing; "
        "open only in the final year, from 2025-07-01",
    ]
    nodes: list[dict[str, Any]] = [
        {"id": "root", "any": ["a", "b"]},
        {"id": "a", "unit": "ceu", "minimum": 5, "categories": ["reading"]},
        {"id": "b", "unit": "ceu", "minimum": 5, "window": "final-year"},
    ]
    early = renewal_progress(record(ceu("c", "5", category="reading")), load_renewal_rule(rule_data(nodes)),
                             as_of="2024-01-01")  # fmt: skip
    assert early.met and all(f.outcome.value != "note" for f in early.findings)


@pytest.mark.parametrize("error", [RecordFileError, RenewalRuleError])
def test_file_errors_survive_pickling(error: type[RecordFileError]) -> None:
    err = error("record.csv", [("line 3.unit", "expected a unit")])
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is error and again.problems == err.problems and str(again) == str(err)


def test_an_as_of_date_past_the_expiry_says_so() -> None:
    record = load_record(ROOT / "docs" / "records" / "dana-whitfield.toml")
    late = renewal_progress(record, "ms-class-a", as_of="2030-01-01")
    notes = [f for f in late.findings if f.default == "R2"]
    assert [f.outcome.value for f in notes] == ["note"]
    assert (notes[0].node, notes[0].source) == ("class-a", late.version.root.source)
    assert str(notes[0]) == (
        "[note] as of 2030-01-01, after the license expired on 2026-06-30: this is the cycle that ended then; "
        "credit dated after 2026-06-30 does not count toward it (class-a; MDE licensure guidelines, Class A "
        "renewal, options 1-6; library default R10; R2)"
    )
    assert notes[0].facts == {"as_of": dt.date(2030, 1, 1), "license_expires": dt.date(2026, 6, 30)}
    # A default the node's source cites already is shown once, as the source's.
    ceus = next(f for f in late.findings if f.node == "ceus-5")
    assert (ceus.default, ceus.source.default if ceus.source else None) == ("R10", "R10")
    shown = (
        "MDE licensure guidelines, Class A renewal: CEUs, or the matching contact or clock hours; library default R10"
    )
    assert ceus.cite() == f"ceus-5; {shown}"
    assert f'<td style="text-align:left">{shown}</td></tr>' in late._repr_html_()
    on_expiry = renewal_progress(record, "ms-class-a", as_of="2026-06-30")
    assert not [f for f in on_expiry.findings if f.default == "R2"]


# -- category minimums: the shortfall names the category, and the advice finishes ----------------


def _district(*activities: Activity) -> RenewalProgress:
    rule = load_renewal_rule(ROOT / "docs/renewal-rules/example-district.toml")
    return renewal_progress(record(*activities), rule)


def test_a_short_category_minimum_is_named_in_text_json_and_csv() -> None:
    general = Activity(id="g", date="2023-01-10", unit="clock_hour", amount=98)
    more = Activity(id="g2", date="2024-01-10", unit="clock_hour", amount=20)
    for progress, counted in ((_district(general), "98"), (_district(general, more), "118")):
        assert progress.plan() == (("hours-100", "clock_hour", Decimal(20), "reading"),)
        assert progress.closest() == "20 clock hours of reading (hours-100)"
        assert progress.findings[1].message == (
            f"100 hours in the five-year cycle: {counted} clock hours counted of 100 clock hours, "
            "20 clock hours of reading missing"
        )
        assert progress.findings[1].facts["missing_categories"] == {"reading": Decimal(20)}
        data = progress.to_dict()
        assert data["plan"] == [{"node": "hours-100", "unit": "clock_hour", "amount": "20", "category": "reading"}]
        assert progress.transcript_csv().splitlines()[-1] == ",,,clock_hour,20,,reading,,,,hours-100,clock_hour,missing"
    reading = Activity(id="r", date="2024-01-10", unit="clock_hour", amount=20, category="reading")
    done = _district(general, reading)
    assert (done.met, done.plan(), done.closest()) == (True, (), "")


def test_the_rest_of_the_total_follows_the_short_categories() -> None:
    conference = Activity(id="c", date="2023-01-10", unit="clock_hour", amount=50, category="conference")
    progress = _district(conference)  # 30 of 50 conference hours count: 70 missing, 20 of them reading
    assert progress.plan() == (
        ("hours-100", "clock_hour", Decimal(20), "reading"),
        ("hours-100", "clock_hour", Decimal(50), None),
    )
    assert progress.findings[1].message == (
        "100 hours in the five-year cycle: 30 clock hours counted of 100 clock hours, "
        "20 clock hours of reading and 50 clock hours of any uncapped category missing"
    )
    assert str(progress.findings[0]).startswith(
        "[not met] renewal not met; the closest way to finish: 20 clock hours of reading and 50 clock hours of "
        "any uncapped category (hours-100) more"
    )


def test_cli_renewal_names_the_missing_category() -> None:
    path = str(ROOT / "docs/records/dana-whitfield.toml")
    rule = str(ROOT / "docs/renewal-rules/example-district.toml")
    code, out, _ = cli("renewal", path, "--rule", rule)
    assert code == 1 and "98 clock hours counted of 100 clock hours, 20 clock hours of reading missing" in out
    code, out, _ = cli("renewal", path, "--rule", rule, "--format", "json")
    assert json.loads(out)["closest"] == "20 clock hours of reading (hours-100)"
    code, out, _ = cli("renewal", path, "--rule", rule, "--format", "csv")
    assert out.splitlines()[-1] == ",,,clock_hour,20,,reading,,,,hours-100,clock_hour,missing"


def test_where_every_category_counted_is_capped_the_rest_goes_below_the_caps() -> None:
    capped = {"categories": ["a", "b"], "caps": {"a": 2, "b": 3}}
    rule = load_renewal_rule(rule_data([{**LEAF, **capped, "category_minimums": {"b": 1}}]))
    progress = renewal_progress(record(ceu("x", "2", category="a")), rule)  # a at its cap: no room left there
    assert progress.plan() == (("root", "ceu", Decimal(3), "b"),)
    assert progress.closest() == "3 CEUs of b (root)"
    # Caps that leave room for the minimum only with carried-over credit: what no category can take is named so.
    carried = load_renewal_rule(
        rule_data([{**LEAF, "categories": ["a", "b"], "caps": {"a": 2, "b": 2}, "carry_over": 1}])
    )
    progress = renewal_progress(record(), carried)
    assert progress.plan() == (
        ("root", "ceu", Decimal(2), "a"),
        ("root", "ceu", Decimal(2), "b"),
        ("root", "ceu", Decimal(1), ""),
    )
    assert progress.closest() == (
        "2 CEUs of a and 2 CEUs of b and 1 CEU that only credit carried over from the previous cycle could give "
        "(R7) (root)"
    )
    assert progress.transcript_csv().splitlines()[-1] == ",,,ceu,1,,,,,,root,ceu,missing: carried over only"


def test_an_activity_no_requirement_counts_is_reported_with_the_reason() -> None:
    """Never left out without a word: an activity of a category no requirement names (a misspelt one), of a
    unit none takes, or with a grade below every gate (R6) is noted, in the cycle or out of it; one that another
    way of the rule would count is not."""
    rule = load_renewal_rule(
        rule_data(
            [
                {"id": "root", "any": ["hours", "course"]},
                {"id": "hours", "unit": "clock_hour", "minimum": 10, "categories": ["reading", "math"]},
                {"id": "course", "unit": "semester_hour", "minimum": 3, "grade": "C"},
            ]
        )
    )
    rec = record(
        Activity(id="typo", date="2023-01-10", unit="clock_hour", amount=4, category="readng"),
        Activity(id="old-typo", date="2019-01-10", unit="clock_hour", amount=4, category="readng"),
        Activity(id="later-typo", date="2024-05-10", unit="clock_hour", amount=4, category="readng"),
        Activity(id="ceus", date="2023-01-10", unit="ceu", amount=1),
        Activity(id="low", date="2023-01-10", unit="semester_hour", amount=3, grade="D"),
        Activity(id="ungraded", date="2023-01-10", unit="semester_hour", amount=3),
        Activity(id="math", date="2023-01-10", unit="clock_hour", amount=10, category="math"),
        Activity(id="spare", date="2023-02-10", unit="semester_hour", amount=1, grade="B"),  # the other way's
        Activity(id="later", date="2024-05-10", unit="clock_hour", amount=4, category="reading"),
    )
    progress = renewal_progress(rec, rule, as_of="2024-01-01")
    notes = {f.node: (f.message, f.default) for f in progress.findings if f.node.startswith("act")}
    assert notes == {
        "activity later-typo": (  # never, not "not yet": its category is none the rule names
            "activity later-typo of 2024-05-10 (4 clock hours) does not count: no requirement counts category "
            "'readng' (the rule's: math, reading)",
            None,
        ),
        "activity ungraded": (
            "activity ungraded of 2023-01-10 (3 semester hours) does not count: its grade P meets no requirement's "
            "grade",
            "R6",
        ),
        "activity later": (
            "activity later of 2024-05-10 (4 clock hours) does not count: after the as-of date",
            "R5",
        ),
        "activity typo": (
            "activity typo of 2023-01-10 (4 clock hours) does not count: no requirement counts category 'readng' "
            "(the rule's: math, reading)",
            None,
        ),
        "activity old-typo": (
            "activity old-typo of 2019-01-10 (4 clock hours) does not count: no requirement counts category "
            "'readng' (the rule's: math, reading)",
            None,
        ),
        "activity ceus": (
            "activity ceus of 2023-01-10 (1 CEU) does not count: no requirement of the rule counts CEUs",
            None,
        ),
        "activity low": (
            "activity low of 2023-01-10 (3 semester hours) does not count: its grade D meets no requirement's grade",
            "R6",
        ),
    }


def test_every_id_used_again_and_every_other_educator_is_named_at_its_own_place(tmp_path: Path) -> None:
    """A record names each activity with an ID used before and each of another educator, all at once: in TOML
    and JSON at the activity's line and column, in CSV at its line (the CSV's first data row is line 2)."""
    with pytest.raises(InvalidInputError) as caught:
        record(ceu("x", "1"), ceu("x", "2", educator="B"), ceu("x", "3"))
    assert [(one.field, one.value) for one in caught.value.each()] == [
        ("activities[1].educator", "B"),
        ("activities[1].id", "x"),
        ("activities[2].id", "x"),
    ]
    csv = tmp_path / "r.csv"
    csv.write_text(
        "educator,license_expires,id,date,unit,amount\n"
        "A,2026-06-30,x,2023-01-10,clock_hour,6\n\n"  # a blank line: the rows after it keep their own lines
        "A,2026-06-30,y,2023-01-10,clock_hour,6\nA,2026-06-30,x,2023-01-10,clock_hour,6\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordFileError) as refused:
        load_record(csv)
    assert list(refused.value.problems) == [("line 5.id", "expected an activity ID not used before, got 'x'")]
    toml = tmp_path / "r.toml"
    act = '[[activities]]\nid = "x"\ndate = 2023-01-10\nunit = "clock_hour"\namount = 6\n'
    toml.write_text('educator = "A"\nlicense_expires = 2026-06-30\n' + act * 3, encoding="utf-8")
    with pytest.raises(RecordFileError) as refused:
        load_record(toml)
    assert [p for p, _ in refused.value.problems] == ["activities[1].id", "activities[2].id"]
    assert [where[0] if where else None for where in refused.value.locations] == [9, 14]


def test_a_note_on_an_activity_no_requirement_counts_carries_its_facts() -> None:
    rule = load_renewal_rule(rule_data([{"id": "root", "unit": "clock_hour", "minimum": 10, "categories": ["math"]}]))
    rec = record(Activity(id="t", date="2023-01-10", unit="clock_hour", amount=4, category="mth", grade="B"))
    (note,) = [f for f in renewal_progress(rec, rule).findings if f.node == "activity t"]
    assert note.outcome is Outcome.NOTE
    assert note.facts == {
        "activity": "t",
        "date": dt.date(2023, 1, 10),
        "unit": "clock_hour",
        "category": "mth",
        "grade": "B",
    }


_EVERY_BAD_FIELD = [
    ("date", "expected a real calendar date (YYYY-MM-DD), got '2023-02-29'"),
    ("unit", "expected a unit (ceu, clock_hour, semester_hour, quarter_hour, semi_credit, credential), got 'ceus'"),
    ("amount", "expected a number of units that is not negative, got '-1'"),
    ("grade", "expected a letter grade A-F (with + or -) or P, got 'Z'"),
    ("hours", "expected a decimal number of hours such as 7.5, got 'abc'"),
]


@pytest.mark.parametrize("name", ["r.toml", "r.csv"])
def test_every_refused_field_of_an_activity_is_listed_at_once(tmp_path: Path, name: str) -> None:
    """A record's problems are reported together: each field of an activity (or a CSV row) that does not read,
    not the first alone."""
    if name == "r.toml":
        text = (
            'educator = "D"\nlicense_expires = 2026-06-30\n[[activities]]\nid = "b"\ndate = "2023-02-29"\n'
            'unit = "ceus"\namount = "-1"\nhours = "abc"\ngrade = "Z"\n'
        )
        where = "activities[0]."
    else:
        text = "educator,license_expires,id,date,unit,amount,hours,grade\nD,2026-06-30,b,2023-02-29,ceus,-1,abc,Z\n"
        where = "line 2."
    (tmp_path / name).write_text(text)
    with pytest.raises(RecordFileError) as info:
        load_record(tmp_path / name)
    assert sorted(info.value.problems) == sorted((where + field, message) for field, message in _EVERY_BAD_FIELD)


def test_a_check_across_an_activity_s_fields_waits_for_them_to_read_then_is_listed(tmp_path: Path) -> None:
    """Stated hours belong on a CEU certificate only: checked once every field reads, at the hours' place."""
    text = 'educator = "D"\nlicense_expires = 2026-06-30\n[[activities]]\nid = "b"\ndate = 2023-01-02\n'
    (tmp_path / "r.toml").write_text(text + 'unit = "clock_hour"\namount = "10"\nhours = "10"\n')
    with pytest.raises(RecordFileError) as info:
        load_record(tmp_path / "r.toml")
    assert info.value.problems == (
        ("activities[0].hours", "expected no stated hours except on a CEU certificate, got 10"),
    )
    (tmp_path / "r.toml").write_text(text + 'unit = "clock_hour"\namount = "ten"\nhours = "10"\n')
    with pytest.raises(RecordFileError) as info:
        load_record(tmp_path / "r.toml")
    assert [path for path, _ in info.value.problems] == ["activities[0].amount"]  # the amount first


def test_a_missing_row_of_the_transcript_writes_its_amount_as_the_other_rows_do() -> None:
    """112.0 clock hours counted (1.2 CEU at 10 hours each) leave 8 missing, written ``8`` as the text says it."""
    record = EducatorRecord(
        educator="K",
        license_expires="2026-06-30",
        activities=[
            Activity(id="a", date="2024-01-10", unit="clock_hour", amount="100"),
            Activity(id="b", date="2024-02-10", unit="ceu", amount="1.2"),
        ],
    )
    progress = renewal_progress(record, load_renewal_rule("il-pel"), as_of=dt.date(2026, 6, 30))
    assert progress.counted == (Decimal("112.0"),)
    [missing] = [row for row in progress.transcript() if row["note"] == "missing"]
    assert missing["amount"] == "8" and ",8,," in progress.transcript_csv().splitlines()[-1]


def test_a_misspelt_bundled_rule_name_is_named_as_such() -> None:
    with pytest.raises(RenewalRuleError, match=r"\(a misspelling of 'ms-class-a'\?\) \(bundled rules: "):
        load_renewal_rule("ms-clas-a")
