"""Error messages, pinned: what a user reads when a value is refused.

Every function and constructor of the robustness sweep is fed a few typical bad
values; the exception type and message (or "accepted") are compared with
``tests/golden/errors.json``. Regenerate after a deliberate change with
``CEURULES_UPDATE_GOLDEN=1 python -m pytest tests/test_error_messages.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from ceurules import DEFAULT_POLICY, CeuRulesError
from test_robustness import CASES, CONSTRUCTORS, POLICY_FIELDS

GOLDEN = Path(__file__).parent / "golden" / "errors.json"
BAD: dict[str, Any] = {
    "None": None,
    "-1": -1,
    "3.5": 3.5,
    "True": True,
    "'yesterday'": "yesterday",
    "'2026-02-30'": "2026-02-30",
    "[]": [],
    "datetime": dt.datetime(2026, 11, 20, 9, 30),
}


def outcome(call: Callable[..., object], *args: Any, **kwargs: Any) -> str:
    try:
        call(*args, **kwargs)
    except CeuRulesError as err:
        return f"{type(err).__name__}: {err}"
    return "accepted"


def messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, case in CASES:
        for label, bad in BAD.items():
            found[f"{name}({label})"] = outcome(case, bad)
    for cls, base in CONSTRUCTORS:
        for field in attrs.fields(cls):
            if field.init:
                for label, bad in BAD.items():
                    found[f"{cls.__name__}({field.name}={label})"] = outcome(cls, **{**base, field.name: bad})
    for field_name in POLICY_FIELDS:
        for label, bad in BAD.items():
            found[f"Policy({field_name}={label})"] = outcome(attrs.evolve, DEFAULT_POLICY, **{field_name: bad})
    return found


def test_error_messages_are_pinned() -> None:
    actual = messages()
    if os.environ.get("CEURULES_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert set(actual) == set(expected)
    mismatched = {k: (expected[k], actual[k]) for k in expected if actual[k] != expected[k]}
    assert mismatched == {}
