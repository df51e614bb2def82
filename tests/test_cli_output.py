"""Output of ``ceurules check``: closed pipes, streamed JSON and JSON lines, the summary line."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ceurules import DEFAULT_POLICY
from ceurules.cli import main
from test_cli import BROKEN, PLC, WORKSHOP, mixed_folder, run

SCRIPT = shutil.which("ceurules", path=str(Path(sys.executable).parent)) or "ceurules"


@pytest.fixture
def programs(tmp_path: Path) -> Path:
    """60 passing program files, then one that fails a rule as of 2027-07-05 (last in name order)."""
    for i in range(60):
        shutil.copy(WORKSHOP, tmp_path / f"p{i:03d}.ceu.toml")
    shutil.copy(PLC, tmp_path / "zz-late-packet.ceu.toml")
    return tmp_path


def piped_to_head(*args: str, stderr_too: bool = False) -> tuple[int, str, str]:
    """Run ``ceurules ARGS | head -1`` in a shell (``2>&1 |`` with ``stderr_too``); the exit status is
    ceurules', not head's."""
    command = " ".join([SCRIPT, *args]) + (" 2>&1" if stderr_too else "") + ' | head -1; exit "${PIPESTATUS[0]}"'
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False)
    return result.returncode, result.stdout, result.stderr


def test_check_piped_into_head_keeps_its_exit_code_without_a_traceback(programs: Path) -> None:
    code, out, err = piped_to_head("check", str(programs), "--today", "2027-07-05")
    assert err == ""
    assert code == 1  # the failing file comes after the reader has gone, and still counts
    assert out == f"policy: Source CEU policy (fingerprint {DEFAULT_POLICY.fingerprint})\n"  # the first line


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_with_its_problems_piped_into_head_too_keeps_its_exit_code_and_checks_every_file(
    fmt: str, programs: Path, tmp_path: Path
) -> None:
    # problems on stderr meet the closed pipe: the invalid file is first, the failing one last
    shutil.copy(BROKEN, programs / "a-broken.ceu.toml")
    code, out, _ = piped_to_head("check", str(programs), "--today", "2027-07-05", "--format", fmt, stderr_too=True)
    assert code == 2, out  # an uncaught BrokenPipeError would exit 1
    bad_policy = tmp_path / "policy.toml"
    bad_policy.write_text("format = 1\n[parameters.lead_time_days]\nvalue = -3\n", encoding="utf-8")
    code, _, _ = piped_to_head("check", WORKSHOP, "--policy", str(bad_policy), "--format", fmt, stderr_too=True)
    assert code == 2  # an uncaught BrokenPipeError would exit 1


class ClosedStderr(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_stderr_stops_the_problem_lists_not_the_checks(programs: Path) -> None:
    shutil.copy(BROKEN, programs / "a-broken.ceu.toml")
    out = io.StringIO()
    code = main(["check", str(programs), "--today", "2027-07-05"], stdout=out, stderr=ClosedStderr())
    assert code == 2
    assert out.getvalue().count("=> ") == 62  # every file's summary line, the failing file's last
    assert out.getvalue().rstrip().endswith("=> FAIL")


@pytest.mark.parametrize(
    "args",
    [["schema"], ["rules"], ["timeline", PLC], ["check", "--format", "json", WORKSHOP], ["check", "--format", "jsonl"]],
)
def test_other_commands_piped_into_head(args: list[str], programs: Path) -> None:
    if args[-1] == "jsonl":
        args = [*args, str(programs)]
    code, out, err = piped_to_head(*args)
    assert (code, err) == (0, ""), err
    assert len(out.splitlines()) == 1


class ClosedPipe(io.StringIO):
    """A stdout whose reader goes away after ``limit`` characters."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, text: str) -> int:
        if self.tell() + len(text) > self.limit:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)

    def flush(self) -> None:
        if self.tell() >= self.limit - 200:
            raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github"])
def test_a_closed_output_stops_the_writing_not_the_checks(fmt: str, programs: Path) -> None:
    out = ClosedPipe(limit=20_000)
    code = main(["check", str(programs), "--today", "2027-07-05", "--format", fmt], stdout=out, stderr=io.StringIO())
    assert code == 1
    assert 0 < len(out.getvalue()) <= 20_000


class FlushFails(io.StringIO):
    """A buffered stdout: writes succeed, the reader has gone by the time the buffer is flushed."""

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_pipe_closed_at_the_last_flush() -> None:
    assert main(["rules"], stdout=FlushFails()) == 0


def test_schema_to_a_closed_output() -> None:
    out = ClosedPipe(limit=250)
    assert main(["schema"], stdout=out) == 0
    assert out.getvalue().startswith("{")


def test_json_is_one_document_written_file_by_file() -> None:
    code, out, _ = run("check", WORKSHOP, BROKEN, PLC, "--format", "json", "--today", "2027-01-20")
    data = json.loads(out)
    assert code == 2 and list(data) == ["schema_version", "policy", "files", "exit_code"] and data["exit_code"] == 2
    assert data["policy"] == DEFAULT_POLICY.stamp.to_dict()
    assert all(f["policy"] == data["policy"] for f in data["files"] if "error" not in f)
    names = ["workshop.ceu.toml", "many-problems.toml", "plc-yearlong.ceu.toml"]
    assert [Path(f["file"]).name for f in data["files"]] == names
    assert [f["passed"] for f in data["files"]] == [True, False, True]
    assert len(out.splitlines()) == 5  # one line per file between the opening and the closing line


def test_json_of_no_file_entries_is_still_valid(tmp_path: Path) -> None:
    code, out, _ = run("check", "-", "--format", "json", stdin="title = 3\n")
    assert code == 2
    assert "title" in {p["path"] for p in json.loads(out)["files"][0]["error"]}


def test_jsonl_is_one_object_per_file() -> None:
    code, out, err = run("check", WORKSHOP, BROKEN, "--format", "jsonl", "--today", "2027-01-20")
    assert code == 2 and err == ""  # the problems are in the output, and only there
    good, bad = (json.loads(line) for line in out.splitlines())
    assert good["schema_version"] == 1 and good["passed"] is True and good["verdict"] == "pass"
    assert good["ceus"] == "0.7" and good["decisions"][0]["verdict"] == "eligible"
    assert bad["schema_version"] == 1 and bad["passed"] is False
    assert {p["path"] for p in bad["error"]} >= {"title", "agenda[2].kind"}


def test_json_and_jsonl_carry_the_same_entries(programs: Path) -> None:
    as_json = json.loads(run("check", str(programs), "--format", "json", "--strict")[1])["files"]
    lines = run("check", str(programs), "--format", "jsonl", "--strict")[1].splitlines()
    as_lines = [json.loads(line) for line in lines]
    assert as_json == as_lines


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_entry_names_the_policy_invalid_ones_too(tmp_path: Path, fmt: str) -> None:
    code, out, _ = run("check", str(mixed_folder(tmp_path)), "--format", fmt, "--policy", "nasba-halves")
    assert code == 2
    if fmt == "json":
        document = json.loads(out)
        entries, policy = document["files"], document["policy"]
    else:
        entries = [json.loads(line) for line in out.splitlines()]
        policy = entries[-1]["policy"]
    assert [e["passed"] for e in entries] == [False, True, True]
    assert "error" in entries[0]
    assert policy["name"].startswith("NASBA")
    assert [e["policy"] for e in entries] == [policy] * 3


def needs_review(tmp_path: Path) -> str:
    path = tmp_path / "review.ceu.toml"
    lines = ['title = "Peer coaching"', 'activity = "other"', 'activity_label = "peer coaching"', "contact_hours = 6"]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@pytest.mark.parametrize(
    ("strict", "code", "summary", "passed"),
    [(False, 0, "=> NEEDS REVIEW", True), (True, 1, "=> NEEDS REVIEW", False)],
)
def test_summary_line_of_a_file_that_needs_review(
    tmp_path: Path, strict: bool, code: int, summary: str, passed: bool
) -> None:
    args = ["check", needs_review(tmp_path), *(["--strict"] if strict else [])]
    got, out, _ = run(*args)
    assert (got, out.rstrip().splitlines()[-1]) == (code, summary)
    assert "=> PASS" not in out
    entry = json.loads(run(*args, "--format", "jsonl")[1])
    assert (entry["verdict"], entry["passed"]) == ("needs review", passed)


def test_summary_line_of_a_failing_file_is_fail() -> None:
    code, out, _ = run("check", PLC, "--today", "2027-07-05")
    assert (code, out.rstrip().splitlines()[-1]) == (1, "=> FAIL")


# -- --format github ---------------------------------------------------------------------------


def test_github_format_warns_on_needs_review(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    path.write_text('{"title": "Coaching", "activity": "other", "activity_label": "coaching", "contact_hours": 6}')
    out = io.StringIO()
    code = main(["check", str(path), "--format", "github"], stdout=out, stderr=io.StringIO())
    assert code == 0
    assert out.getvalue().startswith("::warning file=")


def test_github_format_on_one_line_json_gives_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "T", "activity": "workshop", "agenda": [{"start": "9am", "end": "10:00", "kind": "x"}]}')
    out = io.StringIO()
    assert main(["check", str(path), "--format", "github"], stdout=out, stderr=io.StringIO()) == 2
    assert "bad.json,line=1,col=61,title=ceurules invalid file::agenda[0].start" in out.getvalue()
    assert "bad.json,line=1,col=92,title=ceurules invalid file::agenda[0].kind" in out.getvalue()
    stdin_out = io.StringIO()
    code = main(["check", "-", "--format", "github"], stdout=stdin_out, stderr=io.StringIO(), stdin=io.StringIO("x ="))
    assert code == 2
    assert "::error file=<stdin>,line=1,col=4," in stdin_out.getvalue()


def test_github_format_on_an_unreadable_file() -> None:
    out = io.StringIO()
    path = str(Path(__file__).parent / "files" / "not-utf8.toml")
    assert main(["check", path, "--format", "github"], stdout=out, stderr=io.StringIO()) == 2
    assert out.getvalue().startswith("::error file=")


def test_every_problem_of_a_json_entry_carries_line_and_column(tmp_path: Path) -> None:
    big = tmp_path / "big.ceu.json"
    big.write_text(
        '{"title": "X", "activity": "seminar", "offering_dates": ["2027-03-10"],\n"contact_hours": 1' + "0" * 38 + "}"
    )
    empty = tmp_path / "empty.ceu.toml"
    empty.write_text("")
    code, out, _ = run("check", str(big), str(empty), "--format", "jsonl")
    entries = [json.loads(line)["error"] for line in out.splitlines()]
    expected = 'expected a number of hours from 0 to 1000000, such as 7.5 or "7.5", got 1' + "0" * 38
    assert code == 2 and entries == [
        [{"path": "contact_hours", "message": expected, "line": 2, "column": 18}],
        [{"path": "", "message": "the file is empty", "line": None, "column": None}],
    ]
