"""The shipped holiday snapshot: equal to the installed ``holidays`` day by day, used only when it fits."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from pathlib import Path
from typing import Any

import holidays
import pytest

from ceurules import BusinessCalendar
from ceurules import _holiday_data as data
from ceurules import _holiday_snapshot as snapshot

INSTALLED = importlib.metadata.version("holidays")
DEFAULT_KEY = ("US", "MS", ("public",), True)


def test_the_installed_version_is_read_without_importing_holidays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(__import__("sys").modules, "holidays")
    monkeypatch.setattr(snapshot, "_VERSION", [])
    assert snapshot.installed_holidays_version() == importlib.metadata.version("holidays")
    assert snapshot._VERSION == [INSTALLED]  # looked up once per process
    assert snapshot.installed_holidays_version() == INSTALLED


def test_an_unusual_install_is_not_trusted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "holidays").mkdir()
    (tmp_path / "holidays" / "__init__.py").write_text("")
    monkeypatch.delitem(__import__("sys").modules, "holidays")
    monkeypatch.setattr("sys.path", [str(tmp_path)])
    monkeypatch.setattr(snapshot, "_VERSION", [])
    assert snapshot.installed_holidays_version() is None  # no metadata folder beside it
    for name in ("holidays-1.0.dist-info", "holidays-2.0.dist-info"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "METADATA").write_text(f"Metadata-Version: 2.1\nName: holidays\nVersion: {name[9:12]}\n")
    monkeypatch.setattr(snapshot, "_VERSION", [])
    assert snapshot.installed_holidays_version() is None  # two of them: which one is installed?
    (tmp_path / "holidays-2.0.dist-info" / "METADATA").unlink()
    (tmp_path / "holidays-2.0.dist-info").rmdir()
    monkeypatch.setattr(snapshot, "_VERSION", [])
    assert snapshot.installed_holidays_version() == "1.0"
    (tmp_path / "holidays-1.0.dist-info" / "METADATA").write_text("Name: holidays\n")
    monkeypatch.setattr(snapshot, "_VERSION", [])
    assert snapshot.installed_holidays_version() is None  # metadata without a version
    monkeypatch.setattr("sys.path", [])
    monkeypatch.setattr(snapshot, "_VERSION", [])
    assert snapshot.installed_holidays_version() is None  # not installed at all


@pytest.mark.skipif(
    INSTALLED != data.HOLIDAYS_VERSION,
    reason="the snapshot is for another holidays version (the calendar asks holidays itself): "
    "regenerate it with `python -m ceurules._holiday_snapshot`",
)
def test_the_snapshot_equals_the_installed_holidays_day_by_day_1900_2199() -> None:
    live = snapshot.live_table(DEFAULT_KEY)
    whole = (dt.date(1900, 1, 1).toordinal(), dt.date(2199, 12, 31).toordinal())
    assert snapshot.snapshot_for(DEFAULT_KEY, *whole) == live
    shipped = BusinessCalendar()
    asked = BusinessCalendar(removed_holidays=[dt.date(1900, 1, 1)])  # another key: asks holidays itself
    asked.add_business_days(dt.date(1900, 1, 2), 0)
    shipped.add_business_days(dt.date(1900, 1, 2), 0)
    day, end = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
    mismatches = []
    while day <= end:
        expected = day.weekday() < 5 and day.toordinal() not in live
        if shipped.is_business_day(day) is not expected or shipped.holiday_name(day) != live.get(day.toordinal()):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []


def test_the_snapshot_is_used_only_for_its_calendar_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    lo, hi = dt.date(2026, 1, 1).toordinal(), dt.date(2026, 12, 31).toordinal()
    monkeypatch.setattr(snapshot, "installed_holidays_version", lambda: data.HOLIDAYS_VERSION)
    assert snapshot.snapshot_for(DEFAULT_KEY, lo, hi)
    assert snapshot.snapshot_for(("US", None, ("public",), True), lo, hi) is None
    assert snapshot.snapshot_for(("US", "MS", ("public",), False), lo, hi) is None
    monkeypatch.setattr(snapshot, "installed_holidays_version", lambda: "0.0-another")
    assert snapshot.snapshot_for(DEFAULT_KEY, lo, hi) is None


def test_another_holidays_version_falls_back_to_asking_holidays(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    real = holidays.country_holidays

    def spy(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs["years"])
        return real(*args, **kwargs)

    monkeypatch.setattr(holidays, "country_holidays", spy)
    BusinessCalendar().is_business_day(dt.date(2026, 11, 26))
    assert asked == [] or INSTALLED != data.HOLIDAYS_VERSION
    monkeypatch.setattr(snapshot, "installed_holidays_version", lambda: "0.0-another")
    cal = BusinessCalendar()
    assert not cal.is_business_day(dt.date(2026, 11, 26))
    assert cal.holiday_name(dt.date(2026, 11, 26)) == "Thanksgiving Day"
    assert asked


def test_the_snapshot_is_written_by_its_command(tmp_path: Path) -> None:
    out = tmp_path / "data.py"
    snapshot.write_snapshot(str(out))
    assert out.read_text(encoding="utf-8") == Path(data.__file__).read_text(encoding="utf-8") or (
        INSTALLED != data.HOLIDAYS_VERSION
    )
