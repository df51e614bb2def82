"""DataFrames in and out: the answers of the one-by-one API, on the columnar path, for pandas and polars.

Skipped, saying which, when pandas or polars is not installed (the docs extra installs both).
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceurules import (
    DEFAULT_POLICY,
    CreditApplication,
    InvalidInputError,
    Policy,
    application_summaries,
    check_eligibility,
    credit_status,
    load_program_file,
    review_program_file,
    timeline,
)
from ceurules.credit import window_finding
from ceurules.frames import ANSWER_COLUMNS, APPLICATION_COLUMNS, check_applications, findings_frame, timeline_frame
from helpers import d
from strategies import any_applications, dated_credit_policies

pd = pytest.importorskip("pandas", reason="needs the pandas extra: pip install -e '.[pandas]'")
pl = pytest.importorskip("polars", reason="needs the polars extra: pip install -e '.[polars]'")

ROOT = Path(__file__).parent.parent
WORKSHOP = load_program_file(ROOT / "docs" / "examples" / "workshop.ceu.toml")
DATES = dict.fromkeys(APPLICATION_COLUMNS, pl.Date)


def table(applications: list[CreditApplication]) -> dict[str, list[Any]]:
    """The applications as the columns of APPLICATION_COLUMNS, plus the participant."""
    return {
        "participant": [a.attendance.participant for a in applications],
        "first_day": [a.attendance.dates[0] for a in applications],
        "last_day": [a.attendance.session_end for a in applications],
        "certificate_date": [a.attendance.certificate_date for a in applications],
        "submitted": [a.submitted for a in applications],
        "paid": [a.payment.paid if a.payment else None for a in applications],
    }


def rows(frame: Any) -> list[dict[str, Any]]:
    """A frame's rows as dicts, pandas or polars, empty cells as None."""
    if isinstance(frame, pl.DataFrame):
        return list(frame.to_dicts())
    return [{k: (None if v is None or v != v else v) for k, v in row.items()} for row in frame.to_dict("records")]


def cite(clause: str, default: str | None) -> str:
    return clause + (f", {default}" if default else "")


@settings(max_examples=60, deadline=None)
@given(
    found=st.lists(any_applications().map(lambda a: attrs.evolve(a, issued=None)), max_size=12),
    as_of=st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2088, 12, 31)),
    policy=st.one_of(st.just(DEFAULT_POLICY), dated_credit_policies()),
    library=st.sampled_from(["pandas", "polars"]),
)
def test_the_frame_answers_as_the_one_by_one_api(
    found: list[CreditApplication], as_of: dt.date, policy: Policy, library: str
) -> None:
    columns = table(found)
    frame = pd.DataFrame(columns) if library == "pandas" else pl.DataFrame(columns, schema_overrides=DATES)
    answers = rows(check_applications(frame, as_of=as_of, policy=policy))
    summaries = application_summaries(found, as_of=as_of, policy=policy)
    assert len(answers) == len(found)
    for app, summary, row in zip(found, summaries, answers, strict=True):
        expected = (summary.deadline, summary.on_time, summary.earliest, summary.latest, summary.status.value)
        assert (row["deadline"], row["on_time"], row["earliest"], row["latest"], row["status"]) == expected
        status = credit_status(app, as_of=as_of, policy=policy).finding
        assert row["status_clause"] == cite(status.clause, status.default)
        window = window_finding(app, as_of, policy)
        assert row["deadline_clause"] == cite(window.clause, window.default)
        assert row["window_clause"] == (None if summary.earliest is None else "credit.processing, D6")
        assert row["participant"] == app.attendance.participant


def test_a_course_after_as_of_with_an_early_payment_cites_d5() -> None:
    """Attendance is read as written; only applying and paying wait for as_of (credit.window, D5)."""
    frame = pd.DataFrame({"last_day": ["2024-02-29"], "paid": ["2024-02-28"]})
    (row,) = check_applications(frame, as_of="2024-02-28").to_dict("records")
    assert row["deadline_clause"] == "credit.window, D5"
    (later,) = check_applications(frame, as_of="2024-02-27").to_dict("records")
    assert later["deadline_clause"] == "credit.window, D4"  # paid after as_of: not yet in, so not early


def test_the_columns_are_documented_on_the_page() -> None:
    page = (ROOT / "docs" / "dataframes.md").read_text()
    for name in (*APPLICATION_COLUMNS, *ANSWER_COLUMNS):
        assert f"`{name}`" in page, name


def test_pandas_dates_as_text_datetimes_and_empty_cells() -> None:
    frame = pd.DataFrame(
        {
            "last_day": pd.to_datetime(["2026-12-15", "2026-12-15", "2027-01-12"]),
            "submitted": ["2026-12-18", float("nan"), None],
            "paid": pd.to_datetime(["2026-12-18", None, None]),
            "note": ["kept", "as", "is"],
        },
        index=[10, 20, 30],
    )
    answers = check_applications(frame, as_of="2026-12-22")
    assert list(answers.index) == [10, 20, 30] and list(answers["note"]) == ["kept", "as", "is"]
    assert list(answers["deadline"]) == [d("2027-01-14"), d("2027-01-14"), d("2027-02-11")]
    assert list(answers["status"]) == ["in processing", "not yet complete", "not yet complete"]
    assert list(answers["on_time"]) == [True, None, None]
    assert list(frame.columns) == ["last_day", "submitted", "paid", "note"]  # the frame given is left as it was


def test_a_mixed_column_of_text_dates_and_midnight_datetimes_is_read_as_dates() -> None:
    """A column of objects (text beside ``Timestamp``s and ``datetime``s at midnight, as a spreadsheet gives
    them) answers as the same column written as text, in every column read, early payments (D5) included."""
    mixed = pd.DataFrame(
        {
            "first_day": [pd.Timestamp("2026-12-14"), "2026-12-15", dt.datetime(2027, 1, 12)],
            "last_day": [pd.Timestamp("2026-12-15"), "2026-12-15", dt.datetime(2027, 1, 12)],
            "certificate_date": [dt.datetime(2026, 12, 15), "2026-12-15", None],
            "submitted": ["2026-12-18", dt.datetime(2026, 12, 10), pd.Timestamp("2027-01-13")],
            "paid": [pd.Timestamp("2026-12-18"), "2026-12-10", dt.datetime(2027, 1, 13)],
        }
    )
    text = mixed.map(lambda cell: None if cell is None else str(cell)[:10])
    answers, expected = check_applications(mixed, as_of="2027-01-20"), check_applications(text, as_of="2027-01-20")
    assert answers.drop(columns=list(mixed.columns)).equals(expected.drop(columns=list(text.columns)))
    assert answers["status"][1] == "outside the application window"  # paid before the first day attended (D5)


def test_polars_datetimes_must_be_whole_days() -> None:
    frame = pl.DataFrame({"last_day": [dt.datetime(2026, 12, 15), None], "paid": [None, dt.datetime(2026, 12, 18, 10)]})
    with pytest.raises(InvalidInputError, match=r"paid\[1\]: expected a date \(a datetime at midnight\)"):
        check_applications(frame, as_of="2026-12-22")
    whole = pl.DataFrame({"last_day": [dt.datetime(2026, 12, 15)]})
    assert check_applications(whole, as_of="2026-12-22")["deadline"].to_list() == [d("2027-01-14")]


def test_pandas_datetimes_must_be_whole_days() -> None:
    frame = pd.DataFrame({"last_day": pd.to_datetime(["2026-12-15 09:30", None])})
    with pytest.raises(InvalidInputError, match=r"last_day\[0\]: expected a date \(a datetime at midnight\), got '20"):
        check_applications(frame, as_of="2026-12-22")
    stamps = ["2026-12-15 09:30", "2026-12-16", None, "2026-12-17 10:00"]
    frame = pd.DataFrame({"last_day": pd.to_datetime(stamps, format="ISO8601")})
    with pytest.raises(InvalidInputError) as caught:
        check_applications(frame, as_of="2026-12-22")
    # every such cell, and the empty last day beside them (a last day is required)
    assert [one.field for one in caught.value.each()] == ["last_day[0]", "last_day[2]", "last_day[3]"]


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ({"participant": ["Ann"]}, "applications: expected a column named last_day"),
        ({"last": ["2026-12-15"]}, "applications.last: expected the column name 'last_day'"),  # dates: meant for it
        ({"last_day": ["2026-12-15"], "status": ["x"]}, "applications.status: expected no column named as an answer"),
        ({"last_day": ["Dec 15"]}, "expected an ISO date"),
    ],
)
def test_bad_tables_are_refused_by_name(frame: dict[str, list[str]], message: str) -> None:
    for made in (pd.DataFrame(frame), pl.DataFrame(frame)):
        with pytest.raises(InvalidInputError, match=message):
            check_applications(made, as_of="2026-12-22")


@pytest.mark.parametrize("library", ["pandas", "polars"])
@pytest.mark.parametrize(
    ("columns", "written", "expected"),
    [
        ({"last_day": ["2026-12-15"], "Paid": ["2026-12-16"]}, "Paid", "paid"),  # case
        ({"Last Day": ["2026-12-15"]}, "Last Day", "last_day"),  # case and a space
        ({"last_day": ["2026-12-15"], "certificate-date": ["2026-12-15"]}, "certificate-date", "certificate_date"),
        ({"last_day": ["2026-12-15"], "firstday": ["2026-12-15"]}, "firstday", "first_day"),
        ({"last_day": ["2026-12-15"], "submited": ["2026-12-16"]}, "submited", "submitted"),  # close: 0.94
        ({"last_day": ["2026-12-15"], "payed": ["2026-12-16"]}, "payed", "paid"),  # 0.67, but dates under "pay"
        ({"last_day": ["2026-12-15", "2026-12-15"], "paid_on": ["2026-12-16", None]}, "paid_on", "paid"),  # 0.73
        ({"last_day": ["2026-12-15"], "PaymentDate": ["2026-12-16"]}, "PaymentDate", "paid"),
        ({"last_day": ["2026-12-15"], "date submitted": ["2026-12-16"]}, "date submitted", "submitted"),
        ({"last_day": ["2026-12-15"], "cert_issued": ["2026-12-16"]}, "cert_issued", "certificate_date"),
    ],
)
def test_a_near_miss_of_a_column_read_is_refused_naming_both(
    library: str, columns: dict[str, list[str]], written: str, expected: str
) -> None:
    """A misspelt column would be kept as another column and its dates ignored (paid on 2026-12-16 read as not
    paid: outside the window as of 2027-01-20); it is refused, naming the column as written and the one read."""
    frame = pd.DataFrame(columns) if library == "pandas" else pl.DataFrame(columns)
    with pytest.raises(InvalidInputError) as refused:
        check_applications(frame, as_of="2027-01-20")
    assert (refused.value.field, refused.value.value) == (f"applications.{written}", written)
    assert str(refused.value) == (
        f"applications.{written}: expected the column name {expected!r} (a near miss of a column read is refused,"
        f" not ignored), got {written!r}"
    )


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_columns_that_are_no_near_miss_are_kept(library: str) -> None:
    """Another column is kept as it is: one far from every column read (``paid_by``: 0.73, ``last``), or one near
    a column read that is there too (``Paid`` beside ``paid``)."""
    columns = {"last_day": ["2026-12-15"], "paid": ["2026-12-16"], "Paid": ["x"], "paid_by": ["card"], "last": [1]}
    frame = pd.DataFrame(columns) if library == "pandas" else pl.DataFrame(columns)
    (row,) = rows(check_applications(frame, as_of="2027-01-20"))
    assert (row["Paid"], row["paid_by"], row["status"]) == ("x", "card", "outside the application window")


def test_only_a_data_frame_is_taken() -> None:
    with pytest.raises(InvalidInputError, match="applications: expected a pandas or polars DataFrame"):
        check_applications({"last_day": ["2026-12-15"]}, as_of="2026-12-22")
    with pytest.raises(InvalidInputError, match="applications: expected a pandas or polars DataFrame"):
        check_applications(pd.Series(["2026-12-15"]), as_of="2026-12-22")
    with pytest.raises(InvalidInputError, match="applications: expected a pandas or polars DataFrame"):
        check_applications(pl.Series(["2026-12-15"]), as_of="2026-12-22")


def test_a_polars_lazy_frame_is_refused_by_name_without_a_warning() -> None:
    """A LazyFrame is a query not yet run: refused (typed, naming applications), never collected unasked;
    its schema is not resolved to find out (polars would warn of that)."""
    lazy = pl.DataFrame({"last_day": ["2026-12-15"]}).lazy()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(InvalidInputError) as refused:
            check_applications(lazy, as_of="2027-01-20")
    assert caught == []
    assert (refused.value.field, refused.value.value) == ("applications", lazy)
    assert refused.value.expected == "a pandas or polars DataFrame (collect a LazyFrame first: frame.collect())"
    assert check_applications(lazy.collect(), as_of="2027-01-20")["deadline"].to_list() == [d("2027-01-14")]


@pytest.mark.parametrize("as_of", [pd.Timestamp("2027-01-20"), dt.datetime(2027, 1, 20), "2027-01-20", d("2027-01-20")])
def test_as_of_is_read_as_a_cell_is(as_of: Any) -> None:
    """A datetime at midnight (a pandas Timestamp included) is a date, in as_of as in a cell."""
    paid = ["2027-01-13"]
    frame = pd.DataFrame({"last_day": pd.to_datetime(["2026-12-15"]), "submitted": paid, "paid": paid})
    (row,) = check_applications(frame, as_of=as_of).to_dict("records")
    assert (row["deadline"], row["on_time"], row["status"]) == (d("2027-01-14"), True, "in processing")


@pytest.mark.parametrize("as_of", [pd.Timestamp("2027-01-20 10:00"), dt.datetime(2027, 1, 20, 0, 0, 1)])
def test_a_time_of_day_in_as_of_is_refused_as_in_a_cell(as_of: Any) -> None:
    with pytest.raises(InvalidInputError) as refused:
        check_applications(pd.DataFrame({"last_day": ["2026-12-15"]}), as_of=as_of)
    assert (refused.value.field, refused.value.value) == ("as_of", str(as_of))
    assert refused.value.expected == "a date (a datetime at midnight)"


@pytest.mark.parametrize(
    ("index", "fields"),
    [
        ([10, 20, 30], ["last_day[20]", "last_day[30]"]),
        (["A-7", "B-2", "C-9"], ["last_day['B-2']", "last_day['C-9']"]),
        (None, ["last_day[1]", "last_day[2]"]),  # the default index: labels are the positions
    ],
)
def test_a_bad_cell_is_named_by_its_rows_index_label(index: list[Any] | None, fields: list[str]) -> None:
    table = {"last_day": ["2026-12-15", "soon", "2026-02-30"]}
    with pytest.raises(InvalidInputError) as refused:
        check_applications(pd.DataFrame(table, index=index), as_of="2027-01-20")
    assert [one.field for one in refused.value.each()] == fields


def test_a_row_of_a_filtered_frame_and_a_broken_rule_are_named_by_label() -> None:
    frame = pd.DataFrame({"last_day": ["2026-12-15", "2026-12-15"], "certificate_date": [None, "2026-12-01"]})
    with pytest.raises(InvalidInputError) as refused:
        check_applications(frame.iloc[[1]], as_of="2027-01-20")  # index [1]: position 0, label 1
    assert (refused.value.field, refused.value.value) == ("certificate_date[1]", d("2026-12-01"))
    last = pd.to_datetime(["2026-12-15", "2026-12-16T10:00"], format="ISO8601")
    times = pd.DataFrame({"last_day": last}, index=[5, 6])
    with pytest.raises(InvalidInputError, match=r"^last_day\[6\]: expected a date \(a datetime at midnight\)"):
        check_applications(times, as_of="2027-01-20")


def test_a_polars_cell_is_named_by_its_position() -> None:
    with pytest.raises(InvalidInputError, match=r"^last_day\[1\]: "):
        check_applications(pl.DataFrame({"last_day": ["2026-12-15", "soon"]}), as_of="2027-01-20")


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_findings_frame_has_a_row_per_finding_of_every_decision(library: str) -> None:
    report = review_program_file(WORKSHOP, as_of=d("2027-01-20"))
    frame = rows(findings_frame(report, library=library))  # type: ignore[arg-type]
    expected = [
        (x.topic, x.subject, x.verdict_label, f.outcome.value, f.clause, f.default, f.message)
        for x in report.decisions
        for f in x.findings
    ]
    assert [tuple(row.values()) for row in frame] == expected
    one = check_eligibility(WORKSHOP.program)
    assert len(findings_frame(one, library=library)) == len(one.findings)  # type: ignore[arg-type]
    assert len(findings_frame(list(report.decisions), library=library)) == len(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_timeline_frame_has_a_row_per_event_in_order(library: str) -> None:
    events = timeline(WORKSHOP.program, request=WORKSHOP.request, application=WORKSHOP.applications[0])
    frame = rows(timeline_frame(events, library=library))  # type: ignore[arg-type]
    assert [tuple(row.values()) for row in frame] == [
        (events.subject, e.day, e.what, e.clause, e.default) for e in events.events
    ]


def test_conversions_refuse_what_they_do_not_convert() -> None:
    with pytest.raises(InvalidInputError, match="result: expected a Decision, a FileReport or a list of decisions"):
        findings_frame("eligible")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"result\[0\]: expected a Decision"):
        findings_frame([timeline(WORKSHOP.program)])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="timeline: expected a Timeline"):
        timeline_frame(check_eligibility(WORKSHOP.program))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="library: expected 'pandas' or 'polars'"):
        timeline_frame(timeline(WORKSHOP.program), library="arrow")  # type: ignore[arg-type]



@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_other_columns_without_dates_are_kept_beside_an_absent_column_read(library: str) -> None:
    """A column whose name has a word of an absent column read is kept when it holds no dates (``payment_method``,
    ``paid_by``, ``amount_paid``), and so is a column of dates named by no column read (``registered_on``)."""
    columns = {
        "last_day": ["2026-12-15"],
        "participant": ["Jordan Lee"],
        "payment_method": ["card"],
        "paid_by": ["employer"],
        "amount_paid": ["45.00"],
        "registered_on": ["2026-11-01"],
        "submission_id": ["A-17"],
    }
    frame = pd.DataFrame(columns) if library == "pandas" else pl.DataFrame(columns)
    (row,) = rows(check_applications(frame, as_of="2026-12-20"))
    assert (row["payment_method"], row["registered_on"], row["status"]) == ("card", "2026-11-01", "not yet complete")


def test_as_of_as_a_numpy_datetime64_and_an_empty_nat() -> None:
    np = pytest.importorskip("numpy")
    frame = pd.DataFrame({"last_day": ["2026-12-15"], "submitted": ["2027-01-13"], "paid": ["2027-01-13"]})
    (row,) = check_applications(frame, as_of=np.datetime64("2027-01-20")).to_dict("records")
    assert row["status"] == "in processing"
    for empty in (pd.NaT, np.datetime64("NaT", "D")):
        with pytest.raises(InvalidInputError) as refused:
            check_applications(frame, as_of=empty)
        assert str(refused.value) == "as_of: expected a date (not an empty cell), got 'NaT'"


def test_a_datetime_column_with_a_time_zone_is_read_on_its_own_clock() -> None:
    """Midnight in Chicago is 2026-12-15 there (06:00 UTC): read as that day, without numpy's warning about
    time zones; a time of day in that zone is still refused."""
    local = pd.to_datetime(["2026-12-15 00:00", "2026-12-16 08:00"]).tz_localize("America/Chicago")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InvalidInputError) as refused:
            check_applications(pd.DataFrame({"last_day": local}), as_of="2027-01-20")
        assert [one.field for one in refused.value.each()] == ["last_day[1]"]
        answers = check_applications(pd.DataFrame({"last_day": local[:1]}), as_of="2027-01-20")
        assert answers["deadline"].to_list() == [d("2027-01-14")]
        polars = pl.DataFrame({"last_day": [dt.datetime(2026, 12, 15)]}).with_columns(
            pl.col("last_day").dt.replace_time_zone("America/Chicago")
        )
        assert check_applications(polars, as_of="2027-01-20")["deadline"].to_list() == [d("2027-01-14")]


def test_nan_is_an_empty_cell_in_polars_as_in_pandas() -> None:
    frame = {"last_day": ["2026-12-15", "2026-12-15"], "paid": [float("nan"), None]}
    polars = check_applications(pl.DataFrame(frame), as_of="2027-01-20")
    pandas = check_applications(pd.DataFrame(frame), as_of="2027-01-20")
    assert polars["status"].to_list() == pandas["status"].to_list() == ["outside the application window"] * 2


def test_polars_answer_columns_have_their_types_whatever_the_rows() -> None:
    """A frame whose rows have no posting window yet still gets Date and Boolean columns, not polars' Null
    type: a fixed schema check in an app sees the same types for every batch."""
    frame = pl.DataFrame({"last_day": ["2026-12-15"]})  # not applied: no on_time, no window
    answers = check_applications(frame, as_of="2026-12-20")
    assert answers.schema["on_time"] == pl.Boolean
    assert (answers.schema["deadline"], answers.schema["earliest"], answers.schema["latest"]) == (pl.Date,) * 3
    assert answers.schema["status"] == answers.schema["window_clause"] == pl.String
    assert answers["on_time"].to_list() == answers["earliest"].to_list() == [None]


def test_pandas_empty_cells_of_every_kind_are_empty() -> None:
    """pandas' NA (a ``string`` column's empty cell, which has no truth value), NaN, NaT and None are empty
    cells, not a crash; a required last day left empty is refused by its row."""
    frame = pd.DataFrame(
        {
            "last_day": ["2026-11-20", "2026-11-21", "2026-11-22"],
            "paid": pd.array(["2026-11-24", None, None], dtype="string"),
            "submitted": ["2026-11-24", float("nan"), None],
        }
    )
    answers = check_applications(frame, as_of="2027-01-01")
    assert answers["on_time"].tolist() == [True, None, None]
    empty_last_day = pd.DataFrame({"last_day": pd.array(["2026-11-20", None], dtype="string")})
    with pytest.raises(InvalidInputError) as caught:
        check_applications(empty_last_day, as_of="2027-01-01")
    assert [(one.field, one.value) for one in caught.value.each()] == [("last_day[1]", None)]


def test_a_time_of_day_and_a_bad_cell_in_another_column_are_named_at_once() -> None:
    for frame in (
        pd.DataFrame(
            {
                "last_day": pd.to_datetime(["2026-11-20 10:00", "2026-11-20"], format="ISO8601"),
                "paid": pd.to_datetime(["2026-11-24", "1850-01-01"]),
            }
        ),
        pl.DataFrame(
            {"last_day": [dt.datetime(2026, 11, 20, 10), dt.datetime(2026, 11, 20)],
             "paid": [dt.datetime(2026, 11, 24), dt.datetime(1850, 1, 1)]}
        ),
    ):  # fmt: skip
        with pytest.raises(InvalidInputError) as caught:
            check_applications(frame, as_of="2027-01-01")
        assert [one.field for one in caught.value.each()] == ["last_day[0]", "paid[1]"]


def test_a_column_read_twice_is_refused_by_name_and_a_series_is_named_by_its_kind() -> None:
    twice = pd.DataFrame([["2026-12-15", "2026-12-16", "x"]], columns=["last_day", "last_day", "note"])
    with pytest.raises(InvalidInputError) as caught:
        check_applications(twice, as_of="2027-01-20")
    assert (caught.value.field, caught.value.expected) == ("applications.last_day", "a column given once")
    noted_twice = pd.DataFrame([["2026-12-15", "x", "y"]], columns=["last_day", "note", "note"])
    assert check_applications(noted_twice, as_of="2027-01-20")["deadline"].tolist() == [d("2027-01-14")]
    with pytest.raises(InvalidInputError) as caught:
        check_applications(pd.Series(["2026-12-15"]), as_of="2027-01-20")
    assert str(caught.value) == "applications: expected a pandas or polars DataFrame, got a pandas Series"
