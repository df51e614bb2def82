"""Worked credit cases, one TOML file per bundled credit-system profile (tests/credit_cases/*.toml).

Each ``[[case]]`` gives contact time (``minutes``, ``hours`` in the profile's own
contact hour, or a timed ``agenda``), the amount the source says it earns
(``expect.credits``), and the point of the source it exercises (``cite``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ceurules import Agenda, Credits, Program, Segment, credits, load_policy
from ceurules.policy_files import bundled_policies

FOLDER = Path(__file__).parent / "credit_cases"
PROFILES = [name for name in bundled_policies() if name != "source"]


#: A case's fields: ``name``, ``cite`` (the source's point, and a default CS1-CS12 it rests on), one
#: contact time, and under ``expect`` the credits earned (the ``[[case]]`` and ``expect`` layout of
#: tests/cases/, without the program files and clauses those cases are about).
FIELDS = {"name", "cite", "minutes", "hours", "agenda", "expect"}


def cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(FOLDER.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) == {"profile", "case"} and data["profile"] == path.stem, path.name
        for case in data["case"]:
            assert set(case) <= FIELDS and set(case["expect"]) == {"credits"}, f"{path.name}: {case['name']}"
        found += [(data["profile"], case) for case in data["case"]]
    return found


CASES = cases()


def test_every_profile_has_six_cited_cases_with_both_sides_of_a_boundary() -> None:
    for name in PROFILES:
        mine = [c for profile, c in CASES if profile == name]
        assert len(mine) >= 6, name
        assert all(c["cite"].strip() for c in mine), name
        amounts = {Decimal(c["expect"]["credits"]) for c in mine}
        assert len(amounts) >= 4, name


def score(profile: str, case: dict[str, Any]) -> Credits:
    policy = load_policy(profile)
    keys = {"minutes", "hours", "agenda"} & set(case)
    assert len(keys) == 1, case["name"]
    if "minutes" in case:
        return credits(dt.timedelta(minutes=case["minutes"]), policy=policy)
    if "hours" in case:
        return credits(case["hours"], policy=policy)
    agenda = Agenda(segments=[Segment(**s) for s in case["agenda"]])
    return credits(Program(title=case["name"], activity="workshop", agenda=agenda), policy=policy)


@pytest.mark.parametrize(("profile", "case"), CASES, ids=[f"{p}: {c['name']}" for p, c in CASES])
def test_case(profile: str, case: dict[str, Any]) -> None:
    result = score(profile, case)
    assert result.amount == Decimal(case["expect"]["credits"])
    assert result.unit == load_policy(profile).unit_abbreviation
