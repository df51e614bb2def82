"""Worked renewal cases, one TOML file per bundled rule set (tests/renewal_cases/*.toml).

Each case gives an educator's activities and what the rule says: met or not,
the way chosen (the one that meets the rule, or the closest), the closest way
to finish, where activities went, and which credit falls outside the cycle.
Each case cites the nodes of the rule it exercises.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from ceurules import (
    Activity,
    EducatorRecord,
    RenewalProgress,
    bundled_renewal_rules,
    load_renewal_rule,
    renewal_progress,
)

FOLDER = Path(__file__).parent / "renewal_cases"
FILES = sorted(FOLDER.glob("*.toml"))


#: A case's fields: ``name``, ``cite`` (the rule's node IDs it exercises), the record (``activities``,
#: ``license_expires``, ``as_of``) and under ``expect`` the answer (the ``[[case]]`` and ``expect`` layout of
#: tests/cases/, with a rule's nodes where those cases name clauses of the policy).
FIELDS = {"name", "cite", "activities", "license_expires", "as_of", "expect"}
EXPECT = {"met", "way", "closest", "allocation", "outside", "notes", "version_from"}


def cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in FILES:
        data = tomllib.loads(path.read_text())
        assert set(data) == {"rule", "case"}, path.name
        for case in data["case"]:
            assert set(case) <= FIELDS and {"met", "way"} <= set(case["expect"]) <= EXPECT, case["name"]
            found.append((data["rule"], case))
    return found


CASES = cases()


def test_every_bundled_rule_has_ten_cited_cases() -> None:
    for name in bundled_renewal_rules():
        mine = [c for rule, c in CASES if rule == name]
        assert len(mine) >= 10, name
        assert all(c["cite"] for c in mine), name


def run(rule: str, case: dict[str, Any]) -> RenewalProgress:
    record = EducatorRecord(
        educator="Case educator",
        license_expires=case.get("license_expires", "2026-06-30"),
        activities=[Activity(**a) for a in case.get("activities", [])],
    )
    return renewal_progress(record, rule, as_of=case.get("as_of"))


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r}: {c['name']}" for r, c in CASES])
def test_case(rule: str, case: dict[str, Any]) -> None:
    progress, expect = run(rule, case), case["expect"]
    assert progress.met is expect["met"]
    assert [r.id for r in progress.way] == expect["way"]
    assert progress.closest() == expect.get("closest", "")
    if "version_from" in expect:
        assert progress.version.effective.isoformat() == expect["version_from"]
    if "allocation" in expect:
        assert progress.allocation == expect["allocation"]
    assert list(progress.outside_cycle()) == expect.get("outside", [])
    if "notes" in expect:
        notes = [f.node.removeprefix("activity ") for f in progress.findings if f.node.startswith("activity ")]
        assert notes == expect["notes"]
    # The cited nodes exist in the version applied, and the answer is the same without explanations.
    nodes = {n.id for n in progress.version.nodes()}
    assert set(case["cite"]) <= nodes, set(case["cite"]) - nodes
    quick = renewal_progress(progress.record, load_renewal_rule(rule), as_of=progress.as_of, explain=False)
    assert (quick.met, quick.way, quick.missing, quick.allocation) == (
        progress.met,
        progress.way,
        progress.missing,
        progress.allocation,
    )
