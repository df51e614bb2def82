"""Notebook displays: every result shows itself as a left-aligned table, outcomes in words with a mark,
clause IDs and defaults explained on hover and in a footnote, every text escaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

from ceurules import (
    Approval,
    Attendance,
    CourseCriteria,
    CreditApplication,
    Payment,
    Program,
    WaiverRequest,
    YearLong,
    credit_status,
    load_program_file,
    load_record,
    load_renewal_rule,
    packet_standing,
    processing_window,
    review_program_file,
    semester_batches,
)

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
D = dt.date


def application(name: str = "Jordan Lee", submitted: str = "2026-12-18") -> CreditApplication:
    return CreditApplication(
        attendance=Attendance(participant=name, dates=["2026-12-15"]),
        submitted=submitted,
        proof_uploaded=True,
        payment=Payment(paid="2026-12-18"),
    )


def every_result() -> list[object]:
    workshop = load_program_file(EXAMPLES / "workshop.ceu.toml")
    return [
        review_program_file(workshop, as_of=D(2027, 1, 20)),
        review_program_file(load_program_file(EXAMPLES / "plc-yearlong.ceu.toml"), as_of=D(2027, 1, 20)),
        credit_status(application(), as_of=D(2027, 1, 22)),
        processing_window(D(2026, 12, 18), D(2026, 12, 18)),
        semester_batches([D(2026, 7, 21), D(2026, 8, 18), D(2026, 9, 15)]),
    ]


@pytest.mark.parametrize("result", every_result(), ids=lambda r: type(r).__name__)
def test_every_cell_is_left_aligned_and_every_code_explained(result: object) -> None:
    html = result._repr_html_()  # type: ignore[attr-defined]
    assert "text-align:right" not in html
    cells = re.findall(r"<t[dh](?=[ >])[^>]*>", html)
    assert cells and all(cell.endswith(' style="text-align:left">') for cell in cells)
    assert re.findall(r"<code>", html.split('class="ceurules-notes"')[0]) == []  # each cited code has a title
    assert "Clauses and defaults cited:" in html
    assert "Clauses and defaults cited:" in result._repr_markdown_()  # type: ignore[attr-defined]


def test_a_file_report_shows_its_summary_first_then_each_decision_folded() -> None:
    pf = load_program_file(EXAMPLES / "workshop.ceu.toml")
    late = attrs.evolve(pf.applications[0], submitted=D(2027, 2, 1), issued=None)
    report = review_program_file(attrs.evolve(pf, applications=(late,)), as_of=D(2027, 2, 2))
    html = report._repr_html_()
    assert html.index("\u2717 FAIL") < html.index("<table") < html.index("<details")
    assert "0.7 CEU per session; as of 2027-02-02; policy Source CEU policy" in html
    assert html.count("<details") == len(report.decisions)
    assert "<details open><summary>\u2717 FAIL: Credit application of Jordan Lee</summary>" in html
    assert "<details><summary>\u2713 ELIGIBLE: Eligibility of" in html  # what passes stays folded
    assert '<td style="text-align:left">\u2717 not met</td>' in html
    markdown = report._repr_markdown_()
    assert markdown.splitlines()[0].endswith(": \u2717 FAIL**")
    assert "| Credit application of Jordan Lee | \u2717 fail | 1 | 0 |" in markdown
    assert markdown.count("Clauses and defaults cited:") == 1
    assert "- `credit.window`: " in markdown and "- `D5`: " in markdown  # the certificate date anchors the window


def test_text_from_a_file_is_escaped_everywhere() -> None:
    pf = load_program_file(EXAMPLES / "workshop.ceu.toml")
    hostile = "<script>alert('x')</script> & co"
    program = attrs.evolve(pf.program, title=hostile)
    apps = (
        attrs.evolve(pf.applications[0], attendance=attrs.evolve(pf.applications[0].attendance, participant=hostile)),
    )
    report = review_program_file(attrs.evolve(pf, program=program, applications=apps, source=hostile))
    html = report._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in html
    status = credit_status(application(name=hostile), as_of=D(2026, 12, 22))
    assert "<script>" not in status._repr_html_()


def test_a_credit_status_says_its_status_and_outcome_in_words_with_a_mark() -> None:
    status = credit_status(application(), as_of=D(2027, 1, 22))
    markdown = status._repr_markdown_()
    assert markdown.splitlines()[0] == "**Credit status as of 2027-01-22: \u2717 overdue**"
    assert "| \u2717 not met | `credit.record` (D6) | Overdue: CEUs were expected by 2027-01-05;" in markdown
    processing = credit_status(application(), as_of=D(2026, 12, 22))._repr_html_()
    assert "Credit status as of 2026-12-22: in processing" in processing
    assert "\u2022 note" in processing and 'title="When application and payment are both in' in processing


def test_a_processing_window_names_its_dates_and_rule() -> None:
    window = processing_window(D(2026, 12, 18), D(2026, 12, 18))
    markdown = window._repr_markdown_()
    assert markdown.splitlines()[0] == "**When CEUs should post: 2026-12-30 to 2027-01-05**"
    assert "| earliest posting | 2026-12-30 | Wed |" in markdown
    assert "| latest posting (overdue after) | 2027-01-05 | Tue |" in markdown
    assert "Rule: `credit.processing` (D6)" in markdown


def test_a_processing_window_in_html_has_its_title_rows_and_cited_rule() -> None:
    html = processing_window(D(2026, 12, 18), D(2026, 12, 21))._repr_html_()
    cell = '<td style="text-align:left">'
    title = "<strong>When CEUs should post: 2026-12-31 to 2027-01-06</strong>"
    assert html.startswith(f'<p style="text-align:left">{title}</p><table')
    rows = ["the clock starts", "2026-12-21", "Mon", "earliest posting", "2026-12-31", "Thu"]
    rows += ["latest posting (overdue after)", "2027-01-06", "Wed"]
    assert re.findall(f"{cell}([^<]*)</td>", html) == rows
    d6 = "Processing starts on the later of application and payment and should end between 7 business days"
    assert '<p style="text-align:left">Rule: <code title="When application and payment are both in' in html
    assert f'>credit.processing</code> (<code title="{d6}' in html
    assert f"<li><code>D6</code>: {d6}" in html


def test_a_year_long_window_cites_its_packet_rule() -> None:
    pf = load_program_file(EXAMPLES / "plc-yearlong.ceu.toml")
    year_long = YearLong.for_program(pf.program, pf.packets)
    found = [credit_status(app, as_of=D(2027, 1, 20), year_long=year_long).window for app in pf.applications]
    windows = [w for w in found if w is not None]
    assert windows and all((w.clause, w.default) == ("yearlong.semester", "D14") for w in windows)
    assert "Rule: `yearlong.semester` (D14)" in windows[0]._repr_markdown_()


def test_batching_has_a_heading_and_keeps_reasons_out_of_the_clause_column() -> None:
    html = semester_batches([D(2026, 7, 21), D(2026, 8, 18)])._repr_html_()
    assert html.startswith('<p style="text-align:left"><strong>Credit packets of a year-long program</strong></p>')
    clause_cells = re.findall(r"<td[^>]*>(<code[^<]*>[^<]*</code>[^<]*(?:<code[^<]*>[^<]*</code>\)?)?)</td>", html)
    assert clause_cells and all("lies in no term" not in cell for cell in clause_cells)


def test_a_program_file_shows_what_it_holds_part_by_part() -> None:
    pf = load_program_file(EXAMPLES / "workshop.ceu.toml")
    markdown = pf._repr_markdown_()
    assert markdown.startswith("**Program file: ") and markdown.splitlines()[0].endswith("workshop.ceu.toml**")
    heads = [line for line in markdown.splitlines() if line.startswith("**")][1:]
    assert heads == [
        "**Program: Literacy Strategies for the Middle Grades**",
        "**Agenda**",
        "**Approval request and approval**",
        "**Credit applications**",
    ]  # no packets: that table is left out
    assert "| offering dates | 2026-12-15, 2027-01-12 |" in markdown
    assert "| request received | 2026-11-20 |" in markdown and "| waiver asked | no |" in markdown
    assert "| Jordan Lee | 2026-12-15 | yes | 2026-12-15 | 2026-12-18 | 2026-12-18 | yes | 2027-01-05 |" in markdown
    assert "| Riley Chen | 2027-01-12 | yes |  | 2027-01-14 | 2027-01-15 | yes |  |" in markdown
    html = pf._repr_html_()
    assert html.count("<table") == 4 and "<th" in html and "ceurules-notes" not in html  # it cites no clause


def test_a_year_long_file_shows_its_packets() -> None:
    pf = load_program_file(EXAMPLES / "plc-yearlong.ceu.toml")
    markdown = pf._repr_markdown_()
    assert "**Packets**" in markdown and "| year-long | yes |" in markdown
    assert re.search(r"^\| fall 2026 \| 2026-12-\d\d \| \d+ \| ", markdown, flags=re.M)


def test_a_program_names_its_sessions_and_contact_time_in_words() -> None:
    program = Program(
        title="Summer institute", activity="seminar", sessions=[["2026-07-06", "2026-07-07"], ["2026-08-03"]],
        contact_hours="12", instructors=["Ada Reyes"], criteria=CourseCriteria(organized=True),
    )  # fmt: skip
    markdown = program._repr_markdown_()
    assert "| sessions | 2026-07-06 to 2026-07-07; 2026-08-03 to 2026-08-03 |" in markdown
    assert "| contact time | 12 h stated |" in markdown and "| instructors | Ada Reyes |" in markdown
    assert "| course criteria | organized: yes; need: not stated; objective: not stated;" in markdown
    assert "**Agenda**" not in markdown and "Agenda" not in program._repr_html_()
    bare = Program(title="Reading circle", activity="workshop", offering_dates=["2026-07-06"])
    assert "| contact time | none stated |" in bare._repr_markdown_()


def test_a_request_with_a_waiver_and_materials_says_so() -> None:
    pf = load_program_file(EXAMPLES / "workshop.ceu.toml")
    assert pf.request is not None
    documents = attrs.evolve(pf.request.documents, brochure=True, website=None)
    request = attrs.evolve(pf.request, documents=documents, waiver=WaiverRequest(circumstances="storm closure"))
    markdown = attrs.evolve(pf, request=request, approval=None)._repr_markdown_()
    assert "| materials | brochure |" in markdown and "| waiver asked | yes: storm closure |" in markdown
    assert "approved on" not in markdown
    assert "| approved on | not stated |" in attrs.evolve(pf, approval=Approval(dates=["2026-12-15"]))._repr_markdown_()


def test_markup_in_markdown_shows_as_text() -> None:
    pf = load_program_file(EXAMPLES / "workshop.ceu.toml")
    hostile = "<script>alert('x')</script> & co"
    program = attrs.evolve(pf.program, title=hostile)
    report = review_program_file(attrs.evolve(pf, program=program, source=hostile))
    shown_file = attrs.evolve(pf, source=hostile)._repr_markdown_()
    for shown in (report._repr_markdown_(), program._repr_markdown_(), shown_file):
        assert "<script" not in shown and "&lt;script&gt;alert('x')&lt;/script&gt; & co" in shown
    assert "<script" not in program._repr_html_()


def inputs_and_standings() -> list[object]:
    pf = load_program_file(EXAMPLES / "workshop.ceu.toml")
    plc = load_program_file(EXAMPLES / "plc-yearlong.ceu.toml")
    app = plc.applications[0]
    year_long = YearLong.for_program(plc.program, plc.packets)
    return [
        pf.request,
        pf.program.agenda,
        load_record(EXAMPLES.parent / "records" / "dana-whitfield.toml"),
        load_renewal_rule("ms-class-a"),
        packet_standing(app.participant, app.attendance.dates, None, year_long, as_of=D(2027, 1, 20)),
        packet_standing(app.participant, app.attendance.dates, None, YearLong(), as_of=D(2026, 9, 1)),
    ]


@pytest.mark.parametrize("value", inputs_and_standings(), ids=lambda v: type(v).__name__)
def test_inputs_and_standings_display_as_left_aligned_tables(value: object) -> None:
    html = value._repr_html_()  # type: ignore[attr-defined]
    cells = re.findall(r"<t[dh](?=[ >])[^>]*>", html)
    assert cells and all(cell.endswith(' style="text-align:left">') for cell in cells)
    assert re.search(r"^\|(:---\|)+$", value._repr_markdown_(), flags=re.M)  # type: ignore[attr-defined]


def test_each_shows_what_matters_in_words() -> None:
    shown = [v._repr_markdown_() for v in inputs_and_standings()]  # type: ignore[attr-defined]
    request, agenda, record, rule, standing, waiting = shown
    assert "**Approval request**" in request and "| request received | 2026-11-20 |" in request
    assert "| **Program: " not in request and request.startswith("**Program: Literacy Strategies")
    assert agenda.startswith("**Agenda**") and "| 13:00 | 15:45 | instruction | Vocabulary routines |" in agenda
    assert record.startswith("**Record of Dana Whitfield, license expiring 2026-06-30**")
    assert "| edu-612 | 2024-05-10 | EDU 612 Assessment and Evaluation | 3 | semester_hour |  |" in record
    assert "| versions | from 2016-07-01; from 2020-07-01 |" in rule and "| cycle | 5 years |" in rule
    assert "| status | \u2717 overdue |" in standing and "| credit expected | 2026-12-18 to 2027-01-05 |" in standing
    assert "| packet arrived | not yet |" in waiting and "| on time |  |" in waiting


def test_an_educator_record_escapes_what_its_file_says() -> None:
    record = load_record(EXAMPLES.parent / "records" / "dana-whitfield.toml")
    hostile = attrs.evolve(record, educator="<b>Dana</b>")
    assert "<b>" not in hostile._repr_html_() and "&lt;b&gt;Dana&lt;/b&gt;" in hostile._repr_html_()
    assert "<b>" not in hostile._repr_markdown_()


def test_a_footnote_is_left_out_when_no_code_is_known() -> None:
    from ceurules._display import notes_html, notes_markdown

    assert notes_html(["no-such-code"]) == "" and notes_markdown(["no-such-code"]) == ""


# -- displays explain citations in the answering policy's words -----------------------------------


def test_status_window_and_batching_notes_use_the_answering_policys_values() -> None:
    """A policy with a 4-6 business-day posting window is explained as 4 and 6 days, never the source's 7 and 10."""
    import datetime as dt

    import attrs

    from ceurules import DEFAULT_POLICY, Attendance, CreditApplication, Payment, credit_status, semester_batches

    policy = attrs.evolve(DEFAULT_POLICY, processing_earliest_business_days=4, processing_latest_business_days=6)
    attendance = Attendance(participant="A", dates=["2026-12-15"], certificate_date="2026-12-15")
    application = CreditApplication(
        attendance=attendance, submitted="2026-12-16", proof_uploaded=True, payment=Payment(paid="2026-12-16")
    )
    status = credit_status(application, as_of=dt.date(2026, 12, 17), policy=policy)
    assert status.window is not None
    for shown in (status, status.window):
        for text in (shown._repr_html_(), shown._repr_markdown_()):
            assert "4 business days" in text and "6 business days" in text, text
            assert "7 business days" not in text and "10 business days" not in text, text
    wait = "Summer meetings wait for fall."
    texts = tuple((key, wait if key == "D9" else text) for key, text in DEFAULT_POLICY.texts)
    reworded = attrs.evolve(DEFAULT_POLICY, texts=texts)
    batching = semester_batches([dt.date(2026, 7, 21)], policy=reworded)
    for text in (batching._repr_html_(), batching._repr_markdown_()):
        assert wait in text, text


def test_a_name_in_a_text_report_is_shown_as_typed_on_one_line() -> None:
    """Quotes, backslashes, accents and emoji as the staff member typed them; only what would break the line
    (a line end, a tab) is escaped."""
    from ceurules import Decision, Finding, timeline

    name = 'José "Pepe" Núñez\\ 🎉\tO\'Brien\nnext'
    decision = Decision(topic="credit application", subject=name, findings=[Finding.met("credit.link", "Linked.")])
    shown = "'José \"Pepe\" Núñez\\ 🎉\\tO'Brien\\nnext'"
    assert str(decision).splitlines()[0] == f"Credit application of {shown}: PASS"
    program = Program(title=name, activity="workshop", offering_dates=["2026-12-15"], contact_hours="6")
    assert str(timeline(program)).splitlines()[0] == f"Timeline of {shown}"
