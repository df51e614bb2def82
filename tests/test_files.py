"""One reader for every file the library loads: the size cap, unreadable paths and bad text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceurules.educator_records import load_record
from ceurules.errors import ProgramFileError, RecordFileError, RenewalRuleError
from ceurules.program_files import load_program_file
from ceurules.renewal_rules import load_renewal_rule


@pytest.mark.parametrize(
    ("load", "error"),
    [(load_program_file, ProgramFileError), (load_record, RecordFileError), (load_renewal_rule, RenewalRuleError)],
)
def test_every_loader_refuses_a_file_over_the_cap(tmp_path: Path, load: object, error: type[Exception]) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (5 * 1024 * 1024 + 1))
    with pytest.raises(error, match="larger than"):
        load(big)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("load", "error"),
    [(load_program_file, ProgramFileError), (load_record, RecordFileError), (load_renewal_rule, RenewalRuleError)],
)
def test_every_loader_refuses_text_that_is_not_utf8(tmp_path: Path, load: object, error: type[Exception]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'title = "\xff"\n')
    with pytest.raises(error, match="not UTF-8"):
        load(bad)  # type: ignore[operator]


def test_a_record_in_csv_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    example = Path("docs/records/dana-whitfield.csv")
    with_bom = tmp_path / "dana-whitfield.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + example.read_bytes())
    assert load_record(with_bom).activities == load_record(example).activities


def test_a_missing_rule_name_lists_the_bundled_rules() -> None:
    with pytest.raises(RenewalRuleError, match=r"bundled rules: .*ms-class-a"):
        load_renewal_rule("no-such-rule")
