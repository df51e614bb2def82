"""Regressions from a user trial: each test uses the input the trial reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ceurules import (
    DEFAULT_POLICY,
    InvalidInputError,
    PolicyFileError,
    ceus,
    check_eligibility,
    credit_statement,
    credits,
    load_policy,
    load_program,
)
from ceurules.policy_files import dump_policy

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
WORKSHOP = EXAMPLES / "workshop.ceu.toml"

# policy= read by one converter in every public function


def test_policy_may_be_a_bundled_name_in_every_function() -> None:
    halves = load_policy("nasba-halves")
    assert ceus(750, policy="nasba-halves") == ceus(750, policy=halves)  # type: ignore[arg-type]
    assert credits(750, policy="nasba-halves") == credits(750, policy=halves)  # type: ignore[arg-type]
    program = load_program(WORKSHOP)
    assert check_eligibility(program, policy="source") == check_eligibility(program, policy=DEFAULT_POLICY)  # type: ignore[arg-type]


def test_policy_may_be_a_policy_file_path(tmp_path: Path) -> None:
    policy = load_policy("nasba-halves")
    path = tmp_path / "my=policy.toml"
    path.write_text(dump_policy(policy), encoding="utf-8")
    assert ceus(750, policy=path) == ceus(750, policy=policy)  # type: ignore[arg-type]
    assert ceus(750, policy=str(path)) == ceus(750, policy=policy)  # type: ignore[arg-type]


@pytest.mark.parametrize("junk", [None, {"lead_time_days": 14}, "no-such-policy", 1])
def test_policy_junk_is_refused_naming_policy(junk: Any) -> None:
    with pytest.raises(InvalidInputError) as caught:
        ceus(1, policy=junk)
    assert caught.value.field == "policy"
    with pytest.raises(InvalidInputError) as caught:
        check_eligibility(load_program(WORKSHOP), policy=junk)
    assert caught.value.field == "policy"


def test_a_broken_policy_file_given_as_policy_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[parameters\n", encoding="utf-8")
    with pytest.raises(PolicyFileError, match=r"broken\.toml"):
        ceus(1, policy=path)  # type: ignore[arg-type]


def test_credit_statement_names_the_policy_it_refuses() -> None:
    program = load_program(WORKSHOP)
    with pytest.raises(InvalidInputError) as caught:
        credit_statement(program, policies=["source", "no-such-policy"])
    assert caught.value.field == "policies[1]"
