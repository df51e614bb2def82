"""The public surface: __all__, version, value semantics, notebook display."""

from __future__ import annotations

import datetime as dt
import enum
import pickle
from decimal import Decimal
from fractions import Fraction
from importlib import import_module
from importlib.metadata import version

import attrs
import pytest

import ceurules
from ceurules import (
    DEFAULT_POLICY,
    ActivityType,
    Attendance,
    CourseCriteria,
    CreditApplication,
    Decision,
    Finding,
    InvalidInputError,
    Outcome,
    Payment,
    Program,
    Segment,
    Verdict,
    check_eligibility,
    semester_batches,
)
from ceurules._json import plain


def test_all_is_sorted_and_resolves() -> None:
    assert sorted(set(ceurules.__all__)) == sorted(ceurules.__all__)
    for name in ceurules.__all__:
        assert getattr(ceurules, name) is not None, name


def test_what_type_checkers_see_is_the_table_of_public_names() -> None:
    """The ``TYPE_CHECKING`` imports of ``ceurules/__init__.py`` re-export exactly the table's names, each from
    the module the table names, so mypy and the lazy loader agree."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(ceurules))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    seen = {
        alias.name: (node.module, alias.asname)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == {name: (module, name) for name, module in ceurules._EXPORTS.items()}
    assert all(getattr(import_module(f"ceurules.{module}"), name) is getattr(ceurules, name)
               for name, module in ceurules._EXPORTS.items())


def test_version_comes_from_metadata() -> None:
    assert ceurules.__version__ == version("ceurules")


def test_errors_form_one_tree_under_builtin_bases() -> None:
    assert issubclass(ceurules.InvalidInputError, ValueError)
    assert issubclass(ceurules.ProgramFileError, ValueError)
    assert issubclass(ceurules.UnknownCalendarError, LookupError)
    assert issubclass(ceurules.RuleNotInForceError, LookupError)
    assert issubclass(ceurules.CaseFileError, ceurules.PolicyFileError)  # a case file is read as a policy file is
    assert set(ceurules._MODULES["errors"]) == set(ceurules.errors.__all__)  # every error is public
    for name in ceurules._MODULES["errors"]:
        assert issubclass(getattr(ceurules, name), ceurules.CeuRulesError)
        assert issubclass(getattr(ceurules, name), ValueError | LookupError) or name == "CeuRulesError"


PROGRAM = Program(
    title="Workshop <Math> & Science",
    activity=ActivityType.WORKSHOP,
    criteria=CourseCriteria.all_met(),
    offering_dates=["2026-12-15"],
    agenda=[Segment(kind="instruction", start="09:00", end="12:00")],
)


@pytest.mark.parametrize(
    "value",
    [
        PROGRAM,
        DEFAULT_POLICY,
        check_eligibility(PROGRAM),
        semester_batches([dt.date(2026, 9, 1)]),
        CreditApplication(
            attendance=Attendance(participant="A", dates=["2026-12-15"]),
            submitted="2026-12-16",
            payment=Payment(paid="2026-12-16"),
        ),
    ],
)
def test_value_objects_pickle_and_compare_by_value(value: object) -> None:
    copy = pickle.loads(pickle.dumps(value))
    assert copy == value
    assert copy is not value


def test_value_objects_are_frozen_and_evolve() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PROGRAM.title = "x"  # type: ignore[misc]
    assert attrs.evolve(PROGRAM, title="Other").title == "Other"
    assert hash(PROGRAM) == hash(attrs.evolve(PROGRAM))


def test_friendly_inputs() -> None:
    assert PROGRAM.offering_dates == (dt.date(2026, 12, 15),)
    assert Program(title="S", activity="directed reading", contact_hours="7.5").contact_hours == Decimal("7.5")
    with pytest.raises(InvalidInputError, match=r"contact_hours: .*\(a float is not exact\), got 7.5"):
        Program(title="S", activity="directed reading", contact_hours=7.5)  # type: ignore[arg-type]


def test_decision_display_in_notebooks_escapes_and_tabulates() -> None:
    decision = check_eligibility(PROGRAM)
    html = decision._repr_html_()
    assert "Workshop &lt;Math&gt; &amp; Science: \u2713 ELIGIBLE" in html
    left = '<td style="text-align:left">'
    assert f"<tr>{left}\u2713 met</td>{left}<code title=" in html
    assert ">ceu.unit</code> (<code title=" in html and f"{left}3 h of contact time earns 0.3 CEU.</td></tr>" in html
    markdown = decision._repr_markdown_()
    assert markdown.splitlines()[0] == "**Eligibility of Workshop &lt;Math&gt; & Science: \u2713 ELIGIBLE**"
    assert "| \u2713 met | `ceu.unit` (D7) | 3 h of contact time earns 0.3 CEU. |" in markdown


def test_findings_validate_their_clause_and_default() -> None:
    with pytest.raises(InvalidInputError, match=r"ceu\.nope"):
        Finding(clause="ceu.nope", outcome=Outcome.MET, message="x")
    with pytest.raises(InvalidInputError, match="D99"):
        Finding(clause="ceu.unit", outcome=Outcome.MET, message="x", default="D99")
    with pytest.raises(InvalidInputError, match=r"findings\[0\]"):
        Decision(topic="t", subject="s", findings=["not a finding"])  # type: ignore[list-item]


# -- JSON values -------------------------------------------------------------------------------


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


def test_a_decision_fails_on_a_finding_not_met() -> None:
    decision = Decision(topic="eligibility", subject="S", findings=[])
    assert decision.verdict is Verdict.PASS
    more = attrs.evolve(decision, findings=[Finding(clause="ceu.unit", outcome=Outcome.NOT_MET, message="none")])
    assert more.verdict is Verdict.FAIL
