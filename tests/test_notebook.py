"""The shipped notebook, executed for real by a Jupyter kernel: every result type displays as a table.

Needs the ``docs`` extra (nbclient, nbformat, ipykernel), which CI installs;
without it these tests are skipped and say why. The notebook's stored outputs
are what a fresh run shows; ``python tests/notebooks.py --write`` regenerates them.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from ceurules import CLAUSES, DEFAULTS, RENEWAL_DEFAULTS

_WHY = "needs the docs extra (pip install -e '.[docs]'): {} is not installed"
for _name in ("nbclient", "nbformat", "ipykernel"):
    pytest.importorskip(_name, reason=_WHY.format(_name))

from notebooks import NOTEBOOK, executed_copy, rich_outputs  # noqa: E402

#: The result types the notebook shows, by the class name its plain repr starts with.
RESULT_TYPES = {
    "Batching", "CreditStatement", "CreditStatus", "Decision", "FileReport", "ProcessingWindow", "Program",
    "ProgramFile", "RenewalProgress", "Timeline",
}  # fmt: skip
CODES = {*CLAUSES, *DEFAULTS, *RENEWAL_DEFAULTS}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook, run once by a fresh kernel."""
    return executed_copy(tmp_path_factory.mktemp("notebook") / "notebook.ipynb")


@pytest.fixture(scope="module")
def outputs(fresh: Any) -> dict[str, list[dict[str, str]]]:
    """The rich outputs of each displayed result, by result type."""
    found: dict[str, list[dict[str, str]]] = {}
    for data in rich_outputs(fresh):
        if data.get("text/markdown"):  # a ceurules result (a DataFrame shows HTML and plain text only)
            found.setdefault(data["text/plain"].split("(")[0], []).append(data)
    return found


def test_data_frames_show_as_tables(fresh: Any) -> None:
    frames = [d for d in rich_outputs(fresh) if d and "text/markdown" not in d]
    assert len(frames) == 2 and all("<table" in d["text/html"] for d in frames)
    assert "in processing" in frames[0]["text/html"] and "credit.processing, D6" in frames[0]["text/html"]


def every(outputs: dict[str, list[dict[str, str]]]) -> list[tuple[str, dict[str, str]]]:
    return [(kind, data) for kind, shown in sorted(outputs.items()) for data in shown]


def test_the_stored_outputs_are_what_a_fresh_run_shows(fresh: Any) -> None:
    import nbformat

    stored = nbformat.read(NOTEBOOK, as_version=4)
    assert all(cell.execution_count for cell in stored.cells if cell.cell_type == "code"), "not executed"
    # ceurules' own displays (a DataFrame's HTML is pandas' to change)
    shown = [{k: v for k, v in d.items() if k != "text/plain"} for d in rich_outputs(fresh) if "text/markdown" in d]
    kept = [{k: v for k, v in d.items() if k != "text/plain"} for d in rich_outputs(stored) if "text/markdown" in d]
    assert kept == shown, "docs/notebook.ipynb is stale: regenerate it with python tests/notebooks.py --write"


def test_every_result_type_displays_as_a_table_in_html_and_markdown(outputs: dict[str, Any]) -> None:
    assert set(outputs) == RESULT_TYPES
    for kind, data in every(outputs):
        assert "<table" in data["text/html"] and "<td" in data["text/html"], kind
        assert re.search(r"^\|(:---\|)+$", data["text/markdown"], flags=re.M), kind


def test_text_is_left_aligned(outputs: dict[str, Any]) -> None:
    for kind, data in every(outputs):
        table, _, notes = data["text/html"].partition('<div class="ceurules-notes" ')
        cells = re.findall(r"<(?:td|th|table|p)(?=[ >])[^>]*>", table)
        assert cells and all('style="text-align:left' in cell for cell in cells), kind
        assert not notes or notes.startswith('style="text-align:left;'), kind
        assert "text-align:right" not in data["text/html"], kind


def test_outcomes_are_words_with_a_mark_that_needs_no_colour(outputs: dict[str, Any]) -> None:
    decisions = "".join(d["text/markdown"] for d in outputs["Decision"])
    assert "**Eligibility of Literacy Strategies for the Middle Grades: \u2713 ELIGIBLE**" in decisions
    assert ": \u2717 INELIGIBLE**" in decisions
    assert "| \u2717 not met | `program.ineligible.social` | A social event is not eligible for CEUs. |" in decisions
    report = outputs["FileReport"][0]
    assert "| Credit application of Riley Chen | \u2717 fail | 1 | 0 |" in report["text/markdown"]
    assert '<td style="text-align:left">\u2717 not met</td>' in report["text/html"]
    assert "<details open><summary>\u2717 FAIL: Credit application of Riley Chen</summary>" in report["text/html"]
    assert "| \u2022 note | `credit.processing` (D6) |" in outputs["CreditStatus"][0]["text/markdown"]
    assert "| \u2713 met | `sh-3` |" in outputs["RenewalProgress"][0]["text/markdown"]
    for kind, data in every(outputs):  # an outcome never shows as a bare word
        assert not re.search(r"<td[^>]*>(met|not met|note|needs review|pass|fail)</td>", data["text/html"]), kind


def test_every_code_is_explained_on_hover_and_in_a_footnote(outputs: dict[str, Any]) -> None:
    explained = 0
    for kind, data in every(outputs):
        table, _, notes = data["text/html"].partition('class="ceurules-notes"')
        for attributes, code in re.findall(r"<code([^>]*)>([^<]*)</code>", table):
            if code in CODES:
                assert attributes.startswith(' title="') and len(attributes) > 20, (kind, code)
                assert f"<li><code>{code}</code>: " in notes, (kind, code)
                assert f"- `{code}`: " in data["text/markdown"], (kind, code)
                explained += 1
    assert explained > 50
    window = outputs["ProcessingWindow"][0]["text/html"]
    assert '<code title="Processing starts on the later of application and payment' in window


def test_markup_in_a_title_shows_as_text(outputs: dict[str, Any]) -> None:
    hostile = "<script>alert('x')</script> Reading & Writing"
    shown = [d for kind in ("Decision", "Program") for d in outputs[kind] if "alert" in d["text/plain"]]
    assert len(shown) == 2
    for data in shown:
        assert "<script" not in data["text/html"] and "<script" not in data["text/markdown"]
        assert html.escape(hostile) in data["text/html"]
        assert "&lt;script&gt;alert('x')&lt;/script&gt; Reading & Writing" in data["text/markdown"]
