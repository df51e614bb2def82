"""The clause registry: complete, cited, and in step with docs/rules.md."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta

import ceurules
from ceurules import CLAUSES, DEFAULT_POLICY, DEFAULTS, InvalidInputError, clause, load_policy
from ceurules.cases import clause_map
from ceurules.clauses import DECIDED_BY, default_text, rules_reference
from helpers import d
from test_policy_files import QUOTED

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
    assert set(DEFAULTS) == {f"D{i}" for i in range(1, 17)}


def test_periods_of_force_come_from_the_policy() -> None:
    assert CLAUSES["credit.record"].period() == (d("2017-07-01"), None)
    assert CLAUSES["yearlong.semester"].period() == (d("2016-07-01"), None)
    assert CLAUSES["yearlong.annual"].period() == (None, d("2016-07-01"))
    assert CLAUSES["ceu.unit"].period() == (None, None)
    later = attrs.evolve(ceurules.DEFAULT_POLICY, registration_history_from=d("2018-01-01"))
    assert CLAUSES["credit.record"].period(policy=later) == (d("2018-01-01"), None)
    assert CLAUSES["credit.record"].effective_text(policy=later) == "from 2018-01-01"
    assert CLAUSES["yearlong.annual"].effective_text() == "before 2016-07-01"
    assert CLAUSES["ceu.unit"].effective_text() == "always"


def test_summaries_and_defaults_say_the_policy_s_numbers() -> None:
    agency = attrs.evolve(
        ceurules.DEFAULT_POLICY,
        lead_time_days=21,
        review_business_days=5,
        application_window=relativedelta(months=1),
        minimum_contact_hours=Decimal(5),
        ceu_rounding=ceurules.Rounding.HALF_EVEN,
        calendar=ceurules.BusinessCalendar(subdivision=None, weekend={4, 5}, extra_closures=[d("2026-12-24")]),
    )
    assert clause("approval.lead-time").text(policy=agency) == (
        "The approval request must arrive 21 days or more before the program is first offered."
    )
    assert clause("credit.window").text(policy=agency).startswith("Participants apply and pay within 1 month of")
    assert default_text("D1", agency) == (
        "The lead time of 21 days counts calendar days; the first offering minus 21 days is still on time."
    )
    assert "rounded half to even; first award: none; least contact time that earns any: 5 contact hours" in (
        default_text("D7", agency)
    )
    assert default_text("D3", agency) == (
        "Business days are Monday, Tuesday, Wednesday, Thursday, Sunday minus the holidays of the calendar "
        "in force (holidays of US, public, observed, also closed on 2026-12-24)."
    )
    reference = rules_reference(agency)
    assert "14" not in reference.replace("2014", "").replace("| D14 |", "")
    assert "within 5 business days" in reference


def test_a_dated_value_is_shown_with_its_date() -> None:
    dated = attrs.evolve(
        ceurules.DEFAULT_POLICY, changes=[ceurules.Change(parameter="lead_time_days", effective="2027-08-01", value=21)]
    )
    assert clause("approval.lead-time").text(policy=dated) == (
        "The approval request must arrive 14 days (21 days from 2027-08-01) or more before the program is first "
        "offered."
    )
    assert default_text("D1", dated, on=d("2027-08-01")) == (
        "The lead time of 21 days counts calendar days; the first offering minus 21 days is still on time."
    )
    before = clause("approval.lead-time").text(policy=dated, on=d("2027-07-31"))
    assert before.endswith("arrive 14 days or more before the program is first offered.")


def test_the_in_force_column_names_the_days_a_clauses_values_change() -> None:
    dated = load_policy("format = 1\n" + QUOTED)
    assert "| `approval.lead-time` | always; its values change on 2027-08-01 |" in rules_reference(dated)
    assert "| `approval.lead-time` | always |" in rules_reference(DEFAULT_POLICY)


def test_policy_rule_versions_match_the_registry_dates() -> None:
    rules = ceurules.DEFAULT_POLICY.crediting_rules
    for rule, following in zip(rules, (*rules[1:], None), strict=True):
        assert CLAUSES[rule.clause].period() == (rule.effective, following.effective if following else None)
    assert rules[0].effective is None  # "before 2016-07-01", with no start


def test_unknown_clause_lookup() -> None:
    assert clause("ceu.unit").summary.startswith("{contact_hours_per_ceu} of organised")
    with pytest.raises(InvalidInputError, match=r"ceu\.units"):
        clause("ceu.units")


def test_docs_rules_reference_is_generated_from_the_bundled_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    # Regenerate with: ceurules rules --tests tests > docs/rules.md
    monkeypatch.chdir(ROOT)
    assert (ROOT / "docs" / "rules.md").read_text() == rules_reference(tested=clause_map("tests"), docs_page=True)


def test_only_the_docs_page_says_it_is_generated() -> None:
    halves = rules_reference(load_policy("nasba-halves"), tested={})
    assert "Generated by" not in halves and halves.startswith("# Rules reference\n\nPolicy: ")
    page = rules_reference(DEFAULT_POLICY, tested={}, docs_page=True)
    assert "Generated by `ceurules rules --tests tests > docs/rules.md`" in page
    assert "Generated by" not in rules_reference(DEFAULT_POLICY)  # what `ceurules rules` prints: not the docs page
    assert "Generated by" not in rules_reference(DEFAULT_POLICY, tested={})  # another folder's map: not the page


@pytest.mark.parametrize(
    "kwargs",
    [
        {"policy": "nasba-halves", "tested": {}},
        {"on": dt.date(2027, 1, 1), "tested": {}},
        {},  # no clause map
        {"tested": {}, "docs_page": "yes"},
    ],
    ids=["another policy", "on a day", "no tests", "not a bool"],
)
def test_the_docs_page_is_refused_for_anything_else(kwargs: dict[str, Any]) -> None:
    kwargs = dict(kwargs)  # the parameter is shared by every run of the test in one process
    if "policy" in kwargs:
        kwargs["policy"] = load_policy(kwargs["policy"])
    kwargs.setdefault("docs_page", True)
    with pytest.raises(InvalidInputError, match=r"^docs_page: expected true or false \(true only with the source"):
        rules_reference(**kwargs)


# -- where each clause lives: its rule, its cases, its tests -----------------------------


@pytest.mark.parametrize("clause_id", list(CLAUSES))
def test_each_clause_is_decided_by_a_function_that_exists_and_names_it(clause_id: str) -> None:
    module_name, function = DECIDED_BY[clause_id].split(".")
    module = import_module(f"ceurules.{module_name}")
    assert callable(getattr(module, function))
    assert getattr(module, function).__module__ == module.__name__  # decided there, not only re-exported
    data = {"program": "programs", "yearlong": "policy"}.get(clause_id.split(".")[0])  # the lists and the rules
    written = inspect.getsource(module) + (inspect.getsource(import_module(f"ceurules.{data}")) if data else "")
    assert clause_id in written


def test_each_clause_has_cases_and_a_test_module_section_that_exist() -> None:
    tested = clause_map(ROOT / "tests")
    assert set(tested) == set(CLAUSES) == set(DECIDED_BY)
    for clause_id, places in tested.items():
        assert any(p.endswith(".toml") for p in places), clause_id
        assert any(p.endswith(".py") for p in places), clause_id
        assert all(Path(p).is_file() for p in places), clause_id


#: The test modules of the rule areas: each test sits in a section whose header names its clauses
#: (``# -- credit.window, D4 ---``) or says plainly what it tests instead (``# -- refused input (no clause) ---``).
RULE_AREA_TESTS = (
    "agenda", "approval", "business_days", "credit", "eligibility", "program_ceus", "sessions", "timeline", "units",
    "yearlong", "yearlong_credit",
)  # fmt: skip


@pytest.mark.parametrize("area", RULE_AREA_TESTS)
def test_each_test_of_a_rule_area_sits_in_a_section_and_the_module_names_its_clauses(area: str) -> None:
    path = ROOT / "tests" / f"test_{area}.py"
    lines = path.read_text(encoding="utf-8").splitlines()
    headers = [i for i, line in enumerate(lines) if re.match(r"^# --+ .+ -+$", line)]
    tests = [i for i, line in enumerate(lines) if re.match(r"^(async )?def test_", line)]
    assert headers and tests and headers[0] < tests[0], f"{path.name}: a test before the first section"
    assert path.as_posix() in {p for places in clause_map(ROOT / "tests").values() for p in places}


def test_the_rules_reference_names_where_a_clause_lives_only_when_asked() -> None:
    assert "## Where each clause lives" not in rules_reference()
    assert "Generated by" not in rules_reference()
    text = rules_reference(tested={"credit.window": ("tests/cases/credit.toml",)})
    assert "| `credit.window` | `credit.window_finding` | `tests/cases/credit.toml` |" in text
    assert "| `credit.link` | `credit._approval_findings` | none |" in text


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
    cited = set(re.findall(r"\bD1[0-6]\b|\bD[1-9]\b", text))
    assert set(DEFAULTS) - cited == set()
