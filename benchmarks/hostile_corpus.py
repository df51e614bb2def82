"""A generated corpus of hostile program files, each under the 5 MB cap, and the cost of checking them.

``python benchmarks/hostile_corpus.py`` writes the corpus to a temporary folder,
runs ``ceurules check FILE --format F`` on every file in every output format,
and prints the wall time and peak memory of the worst run (target: <= 3 s and
<= 300 MB). ``benchmarks/run.py --only hostile`` reports the same as a row.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

CAP = 5 * 1024 * 1024
TOML_CAP = 1024 * 1024  # TOML text is read up to 1 MB
VALUES = 20_000  # list items and fields a program file holds at most
APPLICATIONS = 2_000
FORMATS = ("text", "json", "jsonl", "github")


def _days(count: int) -> list[str]:
    first = dt.date(1950, 1, 1)
    return [(first + dt.timedelta(days=i)).isoformat() for i in range(count)]


def _fill(make: Callable[[int], str], budget: int = CAP - 64 * 1024) -> str:
    """The largest text ``make(n)`` under ``budget`` bytes, by doubling then halving ``n``."""
    low, high = 1, 2
    while len(make(high).encode()) < budget:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if len(make(mid).encode()) < budget else (low, mid)
    return make(low)


HEAD = '"title": "T", "activity": "workshop", "contact_hours": "6"'


def files() -> Iterator[tuple[str, str]]:
    """(name, text) of each hostile file."""
    yield "bad-items.ceu.json", _fill(lambda n: "{" + HEAD + ', "instructors": [' + ",".join(['{"name": ""}'] * n) + "]}")  # noqa: E501
    yield "bad-numbers.ceu.json", _fill(lambda n: "{" + HEAD + ', "instructors": [' + ",".join(["1"] * n) + "]}")
    agenda = '[[agenda]]\nstart = "25:00"\nend = "x"\nkind = "y"\n'
    yield "bad-agenda.ceu.toml", _fill(lambda n: 'title = "T"\nactivity = "workshop"\n' + agenda * n, TOML_CAP - 1024)
    yield "bad-agenda-under-limit.ceu.toml", 'title = "T"\nactivity = "workshop"\n' + agenda * (VALUES // 4 - 1)
    yield "bad-agenda-over-cap.ceu.toml", _fill(lambda n: 'title = "T"\nactivity = "workshop"\n' + agenda * n)
    yield "many-keys.ceu.toml", _fill(lambda n: 'title = "T"\nactivity = "workshop"\n' + "".join(f"k{i} = 1\n" for i in range(n)), TOML_CAP - 1024)  # noqa: E501
    yield "instructors.ceu.json", _fill(
        lambda n: "{" + HEAD + ', "instructors": [' + ",".join(f'"P{i}"' for i in range(n)) + "]}"
    )
    yield "attended.ceu.json", _fill(
        lambda n: "{"
        + HEAD
        + f', "offering_dates": {json.dumps(_days(n))}, "approval": {{}},'
        + f' "applications": [{{"participant": "A", "attended": {json.dumps(_days(n)[::-1])}}}]}}'
    )
    yield "instructors-under-limit.ceu.json", json.dumps(
        {"title": "T", "activity": "workshop", "instructors": [f"P{i}" for i in range(VALUES - 10)]}
    )
    yield "applications.ceu.json", json.dumps(
        {
            "title": "T",
            "activity": "workshop",
            "contact_hours": "6",
            "offering_dates": ["2026-11-10", "2026-11-17"],
            "approval": {"approved_on": "2026-10-01"},
            "applications": [
                {"participant": f"P{i}", "attended": ["2026-11-10", "2026-11-12"], "submitted": "2026-12-30", "paid": "2026-11-20"}  # noqa: E501
                for i in range(APPLICATIONS)
            ],
        }
    )
    yield "tiny-number.ceu.toml", 'title = "T"\nactivity = "workshop"\ncontact_hours = "1e-999999999"\n'
    yield "deep.ceu.json", _fill(lambda n: "[" * n + "]" * n)
    yield "long-text.ceu.json", _fill(lambda n: '{"title": "' + "x" * n + '", "activity": "workshop"}')
    yield "many-keys.ceu.json", _fill(lambda n: "{" + HEAD + "," + ",".join(f'"k{i}": {i}' for i in range(n)) + "}")
    yield "giant-int.ceu.toml", 'title = "T"\nactivity = "workshop"\ncontact_hours = ' + "9" * 100_000 + "\n"


_PROBE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one command, run from a fresh probe process."""
    out = subprocess.run([sys.executable, "-c", _PROBE, *command], capture_output=True, text=True, check=True)
    seconds, kb = out.stdout.split()
    return float(seconds), int(kb) / 1024


def worst(folder: Path) -> list[tuple[str, str, float, float]]:
    """(file, format, seconds, MB) of every run, slowest first."""
    script = [sys.executable, "-m", "ceurules"]
    runs = []
    for name, text in files():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        assert path.stat().st_size <= CAP, name
        for fmt in FORMATS:
            seconds, mb = measure([*script, "check", str(path), "--format", fmt, "--today", "2027-06-01"])
            runs.append((name, fmt, seconds, mb))
    return sorted(runs, key=lambda r: -r[2])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        runs = worst(Path(tmp))
    for name, fmt, seconds, mb in runs:
        print(f"{name:24} {fmt:7} {seconds:6.2f} s {mb:7.1f} MB")
    print(f"worst time {max(r[2] for r in runs):.2f} s, worst memory {max(r[3] for r in runs):.1f} MB")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"({time.perf_counter() - start:.0f} s)", file=sys.stderr)
