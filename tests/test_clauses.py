"""The clause registry: complete, cited, and in step with docs/rules.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ceurules
from ceurules import CLAUSES, DEFAULTS, InvalidInputError, clause
from ceurules.clauses import rules_reference
from helpers import d

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "ceurules"

#: The clause IDs of the policy reading, exactly as written there.
READING_IDS = {
    "ceu.unit", "ceu.noncredit",
    "course.organized", "course.need", "course.objective", "course.instructors", "course.performance",
    "course.evaluation",
    "program.eligible.format", "program.eligible.method", "program.eligible.license",
    "program.ineligible.meeting", "program.ineligible.recreation", "program.ineligible.social",
    "program.ineligible.work",
    "approval.lead-time", "approval.waiver", "approval.documents", "approval.dates", "approval.review",
    "credit.certificate", "credit.link", "credit.proof", "credit.window", "credit.processing", "credit.semi-osl",
    "credit.record",
    "yearlong.semester", "yearlong.annual",
}  # fmt: skip


def test_registry_holds_every_clause_of_the_reading_once() -> None:
    assert set(CLAUSES) == READING_IDS
    assert all(c.id == key for key, c in CLAUSES.items())
    assert set(DEFAULTS) == {f"D{i}" for i in range(1, 14)}


def test_effective_dates() -> None:
    assert CLAUSES["credit.record"].effective == d("2017-07-01")
    assert CLAUSES["yearlong.semester"].effective == d("2016-07-01")
    assert CLAUSES["yearlong.annual"].until == d("2016-07-01")
    assert CLAUSES["yearlong.annual"].in_force(d("2016-06-30"))
    assert not CLAUSES["yearlong.annual"].in_force(d("2016-07-01"))
    assert CLAUSES["yearlong.semester"].in_force(d("2016-07-01"))
    assert not CLAUSES["credit.record"].in_force(d("2017-06-30"))
    assert CLAUSES["ceu.unit"].in_force(d("1970-01-01"))


def test_policy_rule_versions_match_the_registry_dates() -> None:
    for rule in ceurules.DEFAULT_POLICY.crediting_rules:
        c = CLAUSES[rule.clause]
        assert c.in_force(rule.effective)
    assert ceurules.DEFAULT_POLICY.crediting_rules[-1].effective == CLAUSES["yearlong.semester"].effective
    assert ceurules.DEFAULT_POLICY.registration_history_from == CLAUSES["credit.record"].effective


def test_unknown_clause_lookup() -> None:
    assert clause("ceu.unit").summary.startswith("Ten contact hours")
    with pytest.raises(InvalidInputError, match=r"ceu\.units"):
        clause("ceu.units")


def test_docs_rules_reference_is_generated_from_the_registry() -> None:
    # Regenerate with: ceurules rules > docs/rules.md
    assert (ROOT / "docs" / "rules.md").read_text() == rules_reference()


def _quoted_ids(paths: list[Path]) -> set[str]:
    text = "\n".join(p.read_text() for p in paths)
    return set(re.findall(r"[\"'`]([a-z]+\.[a-z.-]+)[\"'`]", text)) & set(CLAUSES)


def test_every_clause_is_cited_by_a_rule_and_by_a_test() -> None:
    rule_files = [p for p in SRC.glob("*.py") if p.name not in {"clauses.py", "__init__.py"}]
    test_files = [p for p in Path(__file__).parent.glob("test_*.py") if p.name != "test_clauses.py"]
    assert set(CLAUSES) - _quoted_ids(rule_files) == set(), "clauses no rule cites"
    assert set(CLAUSES) - _quoted_ids(test_files) == set(), "clauses no test cites"


def test_every_default_is_cited_by_a_rule() -> None:
    text = "\n".join(p.read_text() for p in SRC.glob("*.py") if p.name != "clauses.py")
    cited = set(re.findall(r"\bD1[0-3]\b|\bD[1-9]\b", text))
    assert set(DEFAULTS) - cited == set()
