"""Run every ceurules benchmark and print a table of medians and ratios.

    python benchmarks/run.py            # all sections
    python benchmarks/run.py --quick    # fewer repeats

Peers (numpy, pandas, workalendar) come from the optional ``bench`` extra:
``python -m pip install -e ".[bench]"``. A peer that is not installed is reported
as skipped. Every ratio compares figures measured in this same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import holidays

import ceurules
from ceurules import BusinessCalendar

ROOT = Path(__file__).resolve().parent.parent
ROWS: list[tuple[str, str, str]] = []
REPEAT = 7


def per_call(fn: Callable[[], Any], calls: int) -> float:
    """Median seconds per call of ``fn`` (which makes ``calls`` calls) over REPEAT runs."""
    runs = timeit.repeat(fn, number=1, repeat=REPEAT)
    return statistics.median(runs) / calls


def fmt(seconds: float) -> str:
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def row(name: str, seconds: float, note: str = "") -> float:
    ROWS.append((name, fmt(seconds), note))
    return seconds


def skipped(name: str, why: str) -> None:
    ROWS.append((name, "skipped", why))


def sample_dates(count: int, seed: int = 7) -> list[dt.date]:
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1).toordinal()
    return [dt.date.fromordinal(start + rng.randrange(3650)) for _ in range(count)]


# -- 1, 2, 3: business-day arithmetic ------------------------------------------------------------


def business_days() -> None:
    cal = BusinessCalendar()
    days = sample_dates(2000)
    for d in (dt.date(2019, 1, 1), dt.date(2031, 12, 31), dt.date(2045, 1, 1)):  # build the index first
        cal.add_business_days(d, 2600)
    reference = holidays.country_holidays("US", subdiv="MS", years=range(2015, 2046), categories=("public",))
    closed = sorted(d for d in reference if d.weekday() < 5)

    def ours(n: int) -> Callable[[], None]:
        add = cal.add_business_days
        return lambda: [add(d, n) for d in days] and None

    t3 = row("add_business_days n=3", per_call(ours(3), len(days)))
    t10 = row("add_business_days n=10", per_call(ours(10), len(days)))
    t2500 = per_call(ours(2500), len(days))
    row("add_business_days n=2500", t2500, f"{(t2500 / t3):.2f}x n=3 (target <= 1.3x)")

    try:
        import numpy as np

        hol = np.array(closed, dtype="datetime64[D]")
        bdc = np.busdaycalendar(holidays=hol)

        def numpy_scalar() -> None:
            for d in days:
                np.busday_offset(np.datetime64(d, "D"), 10, roll="forward", busdaycal=bdc).astype(dt.date)

        tn = row("numpy busday_offset scalar n=10 (date in/out)", per_call(numpy_scalar, len(days)))
        ROWS.append(("  ratio numpy / ceurules (n=10)", f"{tn / t10:.1f}x", "target >= 5x"))
        many = sample_dates(100_000, seed=11)
        t_batch = row(
            "add_business_days_many, 100,000 dates",
            per_call(lambda: cal.add_business_days_many(many, 7), 1),
        )
        as_np = lambda: np.busday_offset(
            np.array(many, dtype="datetime64[D]"), 7, roll="forward", busdaycal=bdc
        ).tolist()
        t_np_batch = row("numpy busday_offset, same list (with conversions)", per_call(as_np, 1))
        ROWS.append(("  ratio numpy / ceurules (batch)", f"{t_np_batch / t_batch:.1f}x", "target > 1x"))
    except ImportError:
        skipped("numpy busday_offset", "numpy not installed (bench extra)")

    h = holidays.country_holidays("US", subdiv="MS", categories=("public",))
    few = days[:200]
    th = row(
        "holidays get_nth_working_day n=10",
        per_call(lambda: [h.get_nth_working_day(d, 10) for d in few] and None, len(few)),
    )
    ROWS.append(("  ratio holidays / ceurules (n=10)", f"{th / t10:.0f}x", "target >= 20x"))
    row(
        "holidays get_nth_working_day n=250",
        per_call(lambda: [h.get_nth_working_day(d, 250) for d in few[:20]] and None, 20),
    )

    try:
        import pandas as pd

        cbd = pd.offsets.CustomBusinessDay(holidays=closed)
        row("pandas CustomBusinessDay n=10", per_call(lambda: [(d + 10 * cbd).date() for d in few] and None, len(few)))
    except ImportError:
        skipped("pandas CustomBusinessDay", "pandas not installed (bench extra)")

    try:
        from workalendar.usa import Mississippi

        wk = Mississippi()
        row(
            "workalendar add_working_days n=3",
            per_call(lambda: [wk.add_working_days(d, 3) for d in few] and None, len(few)),
        )
        row(
            "workalendar add_working_days n=250",
            per_call(lambda: [wk.add_working_days(d, 250) for d in few[:20]] and None, 20),
        )
    except ImportError:
        skipped("workalendar", "workalendar not installed (bench extra)")

    fs = frozenset(days[:1000])
    t_set = row("frozenset membership", per_call(lambda: [d in fs for d in days] and None, len(days)))
    t_is = row("is_business_day", per_call(lambda: [cal.is_business_day(d) for d in days] and None, len(days)))
    ROWS.append(("  ratio is_business_day / frozenset", f"{t_is / t_set:.1f}x", "target <= 3x"))


# -- 4: import time ------------------------------------------------------------------------------


def command_time(code: str, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time() -> None:
    base = row("python -c 'import attrs, dateutil.relativedelta'", command_time("import attrs, dateutil.relativedelta"))
    ours = row("python -c 'import ceurules'", command_time("import ceurules"))
    ROWS.append(("  ratio ceurules / attrs+dateutil", f"{ours / base:.2f}x", "target <= 1.15x"))
    row(
        "python -c 'import ceurules; ceurules.DEFAULT_POLICY'", command_time("import ceurules; ceurules.DEFAULT_POLICY")
    )
    row("python -c 'import holidays'", command_time("import holidays"))


# -- 5: bulk rule checks -------------------------------------------------------------------------


class DayWalkCalendar(BusinessCalendar):
    """The naive way: a business-day calendar that walks day by day over a ``holidays`` object."""

    def __init__(self, h: holidays.HolidayBase) -> None:
        super().__init__()
        object.__setattr__(self, "walk_over", h)

    def is_business_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.walk_over  # type: ignore[attr-defined]

    def add_business_days(self, start: dt.date, n: int) -> dt.date:
        day, one = start, dt.timedelta(days=1)
        if n == 0:
            while not self.is_business_day(day):
                day += one
            return day
        step, left = (one, n) if n > 0 else (-one, -n)
        while left:
            day += step
            left -= self.is_business_day(day)
        return day


def bulk() -> None:
    import attrs

    from ceurules import (
        DEFAULT_POLICY,
        ApprovalRequest,
        Attendance,
        CreditApplication,
        Payment,
        Program,
        application_deadline,
        application_summaries,
        credit_status,
        processing_window,
        timeline,
    )

    walking = attrs.evolve(DEFAULT_POLICY, calendar=DEFAULT_POLICY.calendar)
    object.__setattr__(
        walking, "calendar", DayWalkCalendar(holidays.country_holidays("US", subdiv="MS", categories=("public",)))
    )
    rng = random.Random(5)
    apps = []
    for last in sample_dates(100_000, seed=3):
        paid = last + dt.timedelta(days=rng.randrange(1, 30))
        apps.append(
            CreditApplication(
                attendance=Attendance(participant="P", dates=(last,)),
                submitted=paid,
                proof_uploaded=True,
                payment=Payment(paid=paid),
            )
        )
    as_of = dt.date(2031, 1, 1)

    def bulk_check(items: list[CreditApplication], policy: Any) -> Callable[[], None]:
        return lambda: application_summaries(items, as_of=as_of, policy=policy) and None

    def one_by_one(items: list[CreditApplication], policy: Any) -> Callable[[], None]:
        def run() -> None:
            for app in items:
                application_deadline(app.attendance.last_day, policy=policy)
                processing_window(app.submitted, app.payment.paid, policy=policy)  # type: ignore[arg-type, union-attr]
                credit_status(app, as_of=as_of, policy=policy)

        return run

    t_ours = per_call(bulk_check(apps, DEFAULT_POLICY), len(apps))
    row("application_summaries, 100,000 applications", t_ours * len(apps), f"{fmt(t_ours)} per application")
    t_walk = per_call(bulk_check(apps[:5000], walking), 5000)
    row("  the same on a day-walking holidays calendar", t_walk, "per application")
    ROWS.append(("  ratio day-walk / ceurules (bulk, per application)", f"{t_walk / t_ours:.1f}x", "target >= 10x"))
    t_one = per_call(one_by_one(apps[:20_000], DEFAULT_POLICY), 20_000)
    row("deadline + processing_window + credit_status, one by one", t_one, "per application, with explanations")
    t_one_walk = per_call(one_by_one(apps[:5000], walking), 5000)
    row("  the same on a day-walking holidays calendar", t_one_walk, "per application")
    ROWS.append(("  ratio day-walk / ceurules (one by one)", f"{t_one_walk / t_one:.1f}x", ""))

    programs = []
    for i, d in enumerate(sample_dates(10_000, seed=9)):
        program = Program(
            title=f"P{i}",
            activity="workshop",
            offering_dates=(d, d + dt.timedelta(days=7)),
            contact_hours=6,
            offers_semi_osl=True,
        )
        request = ApprovalRequest(program=program, received=d - dt.timedelta(days=20))
        app = CreditApplication(
            attendance=Attendance(participant="P", dates=(d,)),
            submitted=d + dt.timedelta(days=3),
            proof_uploaded=True,
            payment=Payment(paid=d + dt.timedelta(days=4)),
        )
        programs.append((program, request, app))

    def lines(items: list[Any], policy: Any) -> Callable[[], None]:
        return lambda: [timeline(p, request=r, application=a, policy=policy) for p, r, a in items] and None

    t_lines = per_call(lines(programs, DEFAULT_POLICY), len(programs))
    row("10,000 timelines (program, request, participant)", t_lines * len(programs), f"{fmt(t_lines)} per timeline")
    t_walk_lines = per_call(lines(programs[:2000], walking), 2000)
    row("  the same timelines on a day-walking holidays calendar", t_walk_lines, "per timeline")
    ROWS.append(("  ratio day-walk / ceurules (per timeline)", f"{t_walk_lines / t_lines:.1f}x", "target >= 10x"))


# -- 6: the CLI over many files ------------------------------------------------------------------


def cli_files() -> None:
    script = shutil.which("ceurules", path=str(Path(sys.executable).parent))
    if script is None:
        skipped("ceurules check over 1,000 files", "console script not installed")
        return
    example = ROOT / "docs" / "examples" / "workshop.ceu.toml"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "programs"
        folder.mkdir()
        for i in range(1000):
            shutil.copy(example, folder / f"program-{i:04d}.toml")
        one = [script, "check", str(folder / "program-0000.toml"), "--today", "2027-01-20"]
        many = [script, "check", str(folder), "--today", "2027-01-20"]

        def run(cmd: list[str]) -> float:
            times = []
            for _ in range(5):
                start = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
            return statistics.median(times)

        t1 = row("ceurules check, 1 file", run(one))
        t1000 = row("ceurules check, 1,000 files", run(many))
        ROWS.append(("  marginal cost per file", fmt((t1000 - t1) / 999), "target < 2 ms"))


# -- 7: license renewal ---------------------------------------------------------------------------


def renewal() -> None:
    from ceurules import Activity, EducatorRecord, load_renewal_rule, renewal_progress

    start = dt.date(2021, 8, 2)
    activities = [
        Activity(id=f"a{i}", date=start + dt.timedelta(days=85 * i), unit="ceu", amount="0.5", hours="5")
        if i % 4
        else Activity(id=f"a{i}", date=start + dt.timedelta(days=85 * i), unit="semester_hour", amount=1, grade="B")
        for i in range(20)
    ]
    record = EducatorRecord(educator="Bench", license_expires="2026-06-30", activities=activities)
    rule = load_renewal_rule("ms-class-a")
    as_of = dt.date(2026, 6, 30)
    calls = 2000

    def run(*, explain: bool) -> Callable[[], None]:
        def go() -> None:
            for _ in range(calls):
                renewal_progress(record, rule, as_of=as_of, explain=explain)

        return go

    def cpu(fn: Callable[[], None]) -> float:
        """Median CPU seconds per call: on a shared machine the wall clock also counts other jobs."""
        return statistics.median(timeit.repeat(fn, number=1, repeat=REPEAT, timer=time.process_time)) / calls

    quick = row("renewal_progress, Class A, 20 activities (CPU)", cpu(run(explain=False)), "target <= 20 µs")
    full = row("  with explanations (CPU)", cpu(run(explain=True)), "target <= 10x the line above")
    ROWS.append(("  explained / quick", f"{full / quick:.1f}x", ""))
    row("  wall clock, quick", per_call(run(explain=False), calls), "includes waiting for other jobs")

    def cold() -> None:
        for _ in range(calls):
            record.cache.clear()  # the record's grouped index, otherwise built once per record
            renewal_progress(record, rule, as_of=as_of, explain=False)

    row("  quick, index rebuilt every call (CPU)", cpu(cold), "first call on a record")


def main() -> None:
    global REPEAT
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=("business", "import", "bulk", "cli", "renewal"))
    args = parser.parse_args()
    if args.quick:
        REPEAT = 3
    sections = {"business": business_days, "import": import_time, "bulk": bulk, "cli": cli_files, "renewal": renewal}
    for name, section in sections.items():
        if args.only in (None, name):
            section()
    print(
        f"ceurules {ceurules.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores; medians of {REPEAT} runs"
    )
    width = max(len(r[0]) for r in ROWS)
    print(f"| {'benchmark'.ljust(width)} | median | note |")
    print(f"|{'-' * (width + 2)}|---|---|")
    for name, value, note in ROWS:
        print(f"| {name.ljust(width)} | {value} | {note} |")


if __name__ == "__main__":
    main()
