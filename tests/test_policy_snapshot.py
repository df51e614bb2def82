"""The shipped parse of the bundled policy files: equal to ``tomllib``'s, used only for the text it was taken from."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ceurules import _policy_data as data
from ceurules import _policy_snapshot as snapshot
from ceurules import load_policy
from ceurules import policy_files as pf
from ceurules.clauses import source_texts
from ceurules.policy_files import bundled_policies

FOLDER = Path(snapshot.__file__).parent / "policies"


def text_of(name: str) -> str:
    return (FOLDER / f"{name}.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", bundled_policies())
def test_each_bundled_file_comes_parsed_exactly_as_tomllib_parses_it(name: str) -> None:
    parsed = snapshot.parsed_policy(name, text_of(name))
    expected = tomllib.loads(text_of(name))
    assert parsed == expected
    assert repr(parsed) == repr(expected)  # the same types too: 1 == 1.0 == True would hide a change


@pytest.mark.parametrize("name", bundled_policies())
def test_each_bundled_policy_is_the_policy_of_its_file_parsed_by_tomllib(name: str) -> None:
    assert load_policy(name) == pf._parse(text_of(name), name)
    assert load_policy(name).to_toml() == pf._parse(text_of(name), name).to_toml()


@pytest.mark.parametrize("name", bundled_policies())
def test_each_bundled_policy_comes_with_the_fingerprint_its_policy_computes(name: str) -> None:
    computed = pf._parse(text_of(name), name).fingerprint  # read by tomllib: the fingerprint is taken anew
    assert snapshot.snapshot_fingerprint(name) == computed
    assert load_policy(name).fingerprint == computed
    assert load_policy(name).stamp.fingerprint == computed


def test_an_edited_bundled_file_takes_its_own_fingerprint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    edited = text_of("source").replace("value = 14", "value = 21", 1)
    (tmp_path / "source.toml").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(pf, "_BUNDLED", str(tmp_path))
    assert load_policy("source").fingerprint == pf._parse(edited, "edited").fingerprint
    assert load_policy("source").fingerprint != snapshot.snapshot_fingerprint("source")


def test_every_bundled_file_has_its_parse_and_no_other_is_shipped() -> None:
    assert sorted(data.PARSED) == bundled_policies()


def test_the_shipped_parse_is_the_one_its_command_writes_now(tmp_path: Path) -> None:
    out = tmp_path / "data.py"
    snapshot.write_snapshot(str(out))
    assert out.read_text(encoding="utf-8") == Path(data.__file__).read_text(encoding="utf-8"), (
        "the bundled policy files changed: run python -m ceurules._policy_snapshot"
    )


def test_another_text_is_not_answered_from_the_snapshot() -> None:
    text = text_of("source")
    assert snapshot.parsed_policy("source", text + "\n# edited\n") is None
    assert snapshot.parsed_policy("source", text.replace("value = 14", "value = 21", 1)) is None
    assert snapshot.parsed_policy("no-such-policy", text) is None


def test_an_edited_bundled_file_is_parsed_by_tomllib(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    edited = text_of("source").replace("value = 14", "value = 21", 1)
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "source.toml").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(snapshot, "_FOLDER", str(tmp_path))
    monkeypatch.setattr(pf, "_BUNDLED", str(tmp_path / "policies"))
    assert snapshot.bundled_table("source") == tomllib.loads(edited)
    assert load_policy("source").lead_time_days == 21


def test_each_answer_is_a_fresh_table() -> None:
    first = snapshot.parsed_policy("source", text_of("source"))
    assert first is not None
    first["parameters"].clear()
    assert snapshot.parsed_policy("source", text_of("source")) == tomllib.loads(text_of("source"))


def test_the_source_wording_is_the_bundled_files() -> None:
    table = tomllib.loads(text_of("source"))
    assert source_texts() == {**table["clauses"], **table["defaults"]}


def test_the_first_default_answer_parses_no_toml() -> None:
    code = (
        "import sys, datetime, ceurules; ceurules.review_due(datetime.date(2026, 11, 20)); "
        "print('tomllib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
