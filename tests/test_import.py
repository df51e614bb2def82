"""A light import: nothing heavy loads until it is used, and calendars build only what is asked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ceurules import BusinessCalendar
from helpers import d


def python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_import_loads_neither_holidays_nor_the_rule_modules() -> None:
    out = python(
        "import sys, ceurules; print(sorted(m for m in sys.modules if m.startswith(('holidays', 'ceurules'))))"
    )
    assert out == "['ceurules']"


def test_neither_ceurules_nor_its_frames_module_loads_a_data_frame_library() -> None:
    code = (
        "import sys, ceurules, ceurules.frames; ceurules.check_eligibility; "
        "print(sorted(m for m in ('pandas', 'polars', 'numpy', 'pyarrow') if m in sys.modules))"
    )
    assert python(code) == "[]"


def test_the_default_calendar_answers_from_the_snapshot_without_importing_holidays() -> None:
    code = (
        "import sys, datetime, ceurules; ceurules.review_due(datetime.date(2026, 11, 20)); "
        "print('holidays' in sys.modules)"
    )
    assert python(code) == "False"


def test_holidays_loads_on_the_first_question_to_another_calendar() -> None:
    code = (
        "import sys, datetime, ceurules; cal = ceurules.BusinessCalendar(subdivision=None); "
        "before = 'holidays' in sys.modules; cal.is_business_day(datetime.date(2026, 11, 20)); "
        "print(before, 'holidays' in sys.modules)"
    )
    assert python(code) == "False True"


def test_a_calendar_builds_only_a_few_years_around_the_question() -> None:
    cal = BusinessCalendar()
    cal.is_business_day(d("2026-11-20"))
    assert sorted(cal._index.runs) == [2025, 2026, 2027, 2028, 2029]
    cal.add_business_days(d("2026-11-20"), -600)  # about two and a half years back
    assert min(cal._index.runs) < 2025
    assert max(cal._index.runs) == 2029
    cal.is_business_day(d("2190-03-03"))  # a far year gets a run of its own: the years between stay unbuilt
    assert 2100 not in cal._index.runs and cal._index.runs[2190] is not cal._index.runs[2026]


def test_the_rule_modules_read_the_default_policy_on_first_use_only() -> None:
    code = (
        "import sys, datetime, ceurules.approval, ceurules.credit, ceurules.timelines, ceurules.yearlong; "
        "before = 'ceurules.policy_files' in sys.modules; "
        "ceurules.review_due(datetime.date(2026, 11, 20)); "
        "print(before, 'ceurules.policy_files' in sys.modules)"
    )
    assert python(code) == "False True"


def test_the_policy_default_is_shown_and_answers_as_default_policy() -> None:
    import inspect

    from ceurules import DEFAULT_POLICY, review_due

    default = inspect.signature(review_due).parameters["policy"].default
    assert repr(default) == "DEFAULT_POLICY"
    assert default.lead_time_days == DEFAULT_POLICY.lead_time_days  # reads through to the policy
    assert review_due(d("2026-11-20")) == review_due(d("2026-11-20"), policy=DEFAULT_POLICY)


def test_agenda_and_policy_do_not_import_each_other() -> None:
    """``SegmentKind`` lives with the policy that counts it (D8): the agenda imports the policy, never back."""
    import ast
    from pathlib import Path

    import ceurules

    def imported(module: str) -> set[str]:
        tree = ast.parse((Path(ceurules.__file__).parent / f"{module}.py").read_text(encoding="utf-8"))
        return {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1}

    assert "policy" in imported("agenda")
    assert "agenda" not in imported("policy")


def test_a_deadline_question_loads_neither_the_approval_classes_nor_decisions_nor_fractions() -> None:
    code = (
        "import sys, datetime, ceurules; ceurules.review_due(datetime.date(2026, 11, 20)); "
        "ceurules.submission_deadline('2026-12-15'); "
        "print(sorted(m for m in ('ceurules.approval', 'ceurules.decisions', 'fractions') if m in sys.modules))"
    )
    assert python(code) == "[]"


def test_the_deadline_functions_are_the_approval_modules_own() -> None:
    import ceurules.approval

    assert ceurules.approval.review_due is ceurules.review_due
    assert ceurules.approval.submission_deadline is ceurules.submission_deadline


def test_checking_one_program_file_loads_nothing_it_does_not_use() -> None:
    """What the pre-commit hook pays on every commit: no renewal or case-file modules, no holidays, no pathlib."""
    code = (
        "import sys, io; from ceurules import cli; "
        "cli.main(['check', 'docs/examples/workshop.ceu.toml', '--today', '2027-01-20'], stdout=io.StringIO()); "
        "heavy = ('pathlib', 'holidays', 'ceurules.cases', 'ceurules.renewal', 'ceurules.renewal_rules', "
        "'ceurules.educator_records', 'ceurules.frames', 'ceurules.columns'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    assert python(code) == "[]"


def test_a_single_workshop_is_checked_and_timed_without_the_year_long_rules() -> None:
    code = (
        "import sys, io; from ceurules.cli import main; "
        "main(['check', 'docs/examples/workshop.ceu.toml', '--today', '2027-01-20', '--format', 'json'], "
        "stdout=io.StringIO()); "
        "main(['timeline', 'docs/examples/workshop.ceu.toml', '--participant', 'Jordan Lee'], stdout=io.StringIO()); "
        "import ceurules, datetime; ceurules.application_summaries(ceurules.load_program_file("
        "'docs/examples/workshop.ceu.toml').applications, as_of=datetime.date(2027, 1, 20)); "
        "print('ceurules.yearlong' in sys.modules); import ceurules.program_files as f; f.PacketEntry; "
        "print('ceurules.yearlong' in sys.modules)"
    )
    assert python(code) == "False\nTrue"


def test_the_program_files_module_still_says_which_name_it_lacks() -> None:
    import ceurules.program_files as files

    with pytest.raises(AttributeError, match=r"'ceurules\.program_files' has no attribute 'PacketEntries'"):
        files.PacketEntries  # noqa: B018 - the attribute access is the test
