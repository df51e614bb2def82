"""Timelines: every dated event in order, each with its clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given

from ceurules import (
    CLAUSES,
    DEFAULT_POLICY,
    ActivityType,
    ApprovalRequest,
    Attendance,
    CourseCriteria,
    CreditApplication,
    Payment,
    Policy,
    Program,
    YearLong,
    load_program_file,
    timeline,
)
from ceurules.errors import InvalidInputError
from ceurules.timelines import Timeline, program_events
from strategies import applications, policies, programs, requests

PROGRAM = Program(
    title="Paraprofessional Training: Behavior Supports",
    activity=ActivityType.PARAPROFESSIONAL_TRAINING,
    criteria=CourseCriteria.all_met(),
    offering_dates=["2026-12-15", "2026-12-16"],
    contact_hours="12",
    offers_semi_osl=True,
)

JO_PARK = CreditApplication(
    attendance=Attendance(participant="Jo Park", dates=["2026-12-15", "2026-12-16"], certificate_date="2026-12-17"),
    submitted="2026-12-20",
    proof_uploaded=True,
    payment=Payment(paid="2026-12-21"),
    issued="2026-12-30",
)


# -- approval.lead-time, approval.review, credit.window, credit.semi-osl: dated events ------------


def test_program_timeline_in_order_with_clauses() -> None:
    line = timeline(PROGRAM, request=ApprovalRequest(program=PROGRAM, received="2026-11-21"))
    rows = [(e.day.isoformat(), e.clause) for e in line.events]
    assert rows == [
        ("2026-11-21", "approval.lead-time"),  # received Saturday
        ("2026-11-27", "approval.review"),  # due Friday, Thanksgiving skipped
        ("2026-12-01", "approval.lead-time"),  # last on-time day
        ("2026-12-15", "approval.dates"),
        ("2026-12-16", "approval.dates"),
        ("2027-01-15", "credit.window"),
        ("2027-01-15", "credit.semi-osl"),
    ]
    assert [e.day for e in line.events] == sorted(e.day for e in line.events)


def test_participant_timeline_adds_window_payment_and_processing() -> None:
    line = timeline(PROGRAM, application=JO_PARK)
    text = str(line)
    assert "2027-01-16 Sat  last day to apply and pay (credit.window, D5)" in text
    assert "2027-01-06 Wed  CEUs expected by (overdue after) (credit.processing, D6)" in text
    assert "2026-12-30 Wed  certificate issued (credit.record)" in text
    assert line.subject == "Paraprofessional Training: Behavior Supports / Jo Park"


def test_a_name_with_line_ends_stays_on_its_event_line_in_text_and_tables() -> None:
    spoof = attrs.evolve(JO_PARK, attendance=attrs.evolve(JO_PARK.attendance, participant="Jo\n=> PASS \x1b[0m"))
    line = timeline(PROGRAM, application=spoof)
    text = str(line)
    assert "  2026-12-15 Tue  Jo\\n=> PASS \\x1b[0m attends (approval.dates)\n" in text
    assert not any(row.startswith("=>") for row in text.splitlines())
    assert "| Jo\\n=&gt; PASS \\x1b[0m attends |" in line._repr_markdown_()
    assert "Jo\n=> PASS \x1b[0m attends" in [e.what for e in line.events]  # the data keeps the name as written


def test_yearlong_timeline_shows_packets_and_the_july_gap() -> None:
    plc = attrs.evolve(PROGRAM, year_long=True, offers_semi_osl=False,
                       offering_dates=["2026-07-21", "2026-08-18", "2027-01-19"])  # fmt: skip
    whats = {(e.day.isoformat(), e.what.split(" (")[0].split(":")[0], e.default) for e in timeline(plc).events}
    assert ("2026-07-21", "meeting not batched", "D9") in whats
    assert ("2026-12-31", "fall 2026-27 packet due", "D10") in whats
    assert ("2027-06-30", "spring 2026-27 packet due", "D10") in whats


def test_a_participant_s_timeline_says_when_the_term_s_packet_went_in_without_the_application() -> None:
    plc = load_program_file("docs/examples/plc-yearlong.ceu.toml")
    app = next(a for a in plc.applications if a.participant == "Ben Okafor")
    misspelt = tuple(attrs.evolve(e, packet=attrs.evolve(e.packet, applications=["Ana Ruiz", "Ben Okafur"]))
                     for e in plc.packets)  # fmt: skip
    events = {
        name: [(e.day.isoformat(), e.what, e.default) for e in timeline(pf.program, application=app,
                                                                        year_long=pf.year_long()).events]
        for name, pf in (("listed", plc), ("misspelt", attrs.evolve(plc, packets=misspelt)))
    }  # fmt: skip
    assert ("2026-12-18", "CEU application in the fall 2026-27 packet", None) in events["listed"]
    assert ("2026-12-18", "the fall 2026-27 packet went in without this CEU application", "D14") in events["misspelt"]
    assert not [e for e in events["misspelt"] if e[1].startswith(("CEU application in", "credit expected"))]
    assert not [e for e in events["listed"] if "went in without" in e[1]]


def test_timeline_renders_for_json_and_notebooks() -> None:
    line = timeline(PROGRAM)
    data = line.to_dict()
    assert data["schema_version"] == 1
    assert data["events"][0] == {
        "date": "2026-12-01",
        "what": "last day to submit the approval request",
        "clause": "approval.lead-time",
        "default": "D1",
    }
    markdown = line._repr_markdown_()
    assert "| 2026-12-01 | Tue | last day to submit the approval request | `approval.lead-time` (D1) |" in markdown
    html = line._repr_html_()
    assert (
        '<td style="text-align:left">2026-12-01</td><td style="text-align:left">Tue</td>' in html
        and ">credit.semi-osl</code>" in html
    )


# -- every clause's dates: invariants ----------------------------------------------------------


@given(program=programs(), policy=policies)
def test_timeline_is_ordered_and_cites_the_registry(program: Program, policy: Policy) -> None:
    line = timeline(program, policy=policy)
    days = [e.day for e in line.events]
    assert days == sorted(days)
    assert {e.clause for e in line.events} <= set(CLAUSES)
    assert set(program.offering_dates) <= set(days)


@given(program=programs(), request=requests(), application=applications(), policy=policies)
def test_a_timeline_the_library_builds_is_the_one_its_own_constructor_checks_and_sorts(
    program: Program, request: ApprovalRequest, application: CreditApplication, policy: Policy
) -> None:
    """``timeline`` builds its answer without the field checks: the checked constructor, given the same
    fields, makes an equal timeline (its events already in the order it sorts them, every field of its type)."""
    try:
        line = timeline(program, request=request, application=application, policy=policy)
    except InvalidInputError:
        return
    assert Timeline(subject=line.subject, events=list(line.events), policy=line.policy) == line
    assert attrs.evolve(line) == line


def test_timeline_of_a_program_without_dates_and_an_open_application() -> None:
    program = Program(title="Directed Reading", activity=ActivityType.DIRECTED_READING, contact_hours=10)
    assert timeline(program).events == ()
    app = CreditApplication(attendance=Attendance(participant="Jo", dates=["2026-12-15"]))
    events = timeline(program, application=app).events
    assert [e.what for e in events] == ["Jo attends", "last day to apply and pay"]


# -- approval.lead-time, approval.review, credit.window, credit.processing: a whole timeline -------


def test_a_participant_timeline_lists_every_event_of_the_request_and_the_application() -> None:
    line = timeline(PROGRAM, request=ApprovalRequest(program=PROGRAM, received="2026-11-21"), application=JO_PARK)
    assert str(line) == (
        "Timeline of 'Paraprofessional Training: Behavior Supports / Jo Park'\n"
        "  2026-11-21 Sat  approval request received (approval.lead-time)\n"
        "  2026-11-27 Fri  review due (if the request is complete) (approval.review, D2)\n"
        "  2026-12-01 Tue  last day to submit the approval request (approval.lead-time, D1)\n"
        "  2026-12-15 Tue  session (approval.dates)\n"
        "  2026-12-15 Tue  Jo Park attends (approval.dates)\n"
        "  2026-12-16 Wed  session (approval.dates)\n"
        "  2026-12-16 Wed  Jo Park attends (approval.dates)\n"
        "  2026-12-17 Thu  certificate of completion (credit.certificate)\n"
        "  2026-12-20 Sun  credit application submitted (credit.proof)\n"
        "  2026-12-21 Mon  payment received (credit.window)\n"
        "  2026-12-30 Wed  certificate issued (credit.record)\n"
        "  2026-12-31 Thu  CEUs expected from (credit.processing, D6)\n"
        "  2027-01-06 Wed  CEUs expected by (overdue after) (credit.processing, D6)\n"
        "  2027-01-15 Fri  SEMI/OSL credits submitted (credit.semi-osl)\n"
        "  2027-01-16 Sat  last day to apply and pay (credit.window, D5)"
    )
    assert [e.default for e in line.events][:3] == [None, "D2", "D1"]  # no default is None, not empty text


# -- every clause's dates: a refused date names the field it came from -----------------------------


def _late(offering: str, *, semi_osl: bool = True) -> Program:
    return attrs.evolve(PROGRAM, offering_dates=[offering], offers_semi_osl=semi_osl)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: timeline(_late("2199-12-30")),
            "offering_dates: expected a date whose application deadline is in the years 1900-2199 "
            "(2200-01-29 is not), got 2199-12-30",
        ),
        (  # with a participant, the program's own window is not asked: the SEMI/OSL date is refused
            lambda: timeline(
                _late("2199-12-10"),
                application=CreditApplication(attendance=Attendance(participant="A", dates=["2199-12-10"])),
            ),
            "offering_dates: expected a last day whose SEMI/OSL date is in the years 1900-2199 "
            "(2200-01-09 is not), got 2199-12-10",
        ),
        (
            lambda: timeline(
                _late("2199-12-01"), request=ApprovalRequest(program=_late("2199-12-01"), received="2199-12-31")
            ),
            "request.received: expected a date whose review is due in the years 1900-2199, got 2199-12-31",
        ),
        (
            lambda: timeline(
                _late("2199-10-01", semi_osl=False),
                application=CreditApplication(
                    attendance=Attendance(participant="A", dates=["2199-10-01"]),
                    submitted="2199-10-20",
                    payment=Payment(paid="2199-12-30"),
                ),
            ),
            "application.paid: expected a date whose expected posting falls in the years 1900-2199, got 2199-12-30",
        ),
        (
            lambda: timeline(
                _late("2199-10-01", semi_osl=False),
                application=CreditApplication(
                    attendance=Attendance(participant="A", dates=["2199-10-01"], certificate_date="2199-12-20")
                ),
            ),
            "application.certificate_date: expected a date whose application deadline is in the years 1900-2199 "
            "(2200-01-19 is not), got 2199-12-20",
        ),
        (lambda: timeline("x"), "program: expected a Program, got 'x'"),  # type: ignore[arg-type]
        (
            lambda: timeline(PROGRAM, request="x"),  # type: ignore[arg-type]
            "request: expected an ApprovalRequest or None, got 'x'",
        ),
        (
            lambda: timeline(PROGRAM, application="x"),  # type: ignore[arg-type]
            "application: expected a CreditApplication or None, got 'x'",
        ),
        (
            lambda: timeline(PROGRAM, year_long=YearLong()),
            "year_long: expected the packets of a year-long program, or None, got YearLong(packets=(), "
            "meeting_time=None)",
        ),
    ],
)
def test_a_refused_date_or_argument_names_its_field(call: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        call()
    assert str(caught.value) == message


def test_a_timeline_built_by_hand_takes_events_only() -> None:
    for events, message in (
        ("x", "events: expected a list of Event, got 'x'"),
        ([1], "events[0]: expected an Event, got 1"),
    ):
        with pytest.raises(InvalidInputError) as caught:
            Timeline(subject="s", events=events)  # type: ignore[arg-type]
        assert str(caught.value) == message


def test_the_program_s_own_events_include_the_participants_window_unless_asked_not_to() -> None:
    window = ("2027-01-15", "credit.window", "D4")  # from the last session (D4)
    events = [
        (e.day.isoformat(), e.clause, e.default) for e in program_events(PROGRAM, request=None, policy=DEFAULT_POLICY)
    ]
    assert window in events
    without = program_events(PROGRAM, request=None, policy=DEFAULT_POLICY, window=False)
    assert window not in [(e.day.isoformat(), e.clause, e.default) for e in without]


# -- every clause's dates: rendered in the words of the policy followed -----------------------------


def test_a_timeline_renders_in_the_words_of_its_policy() -> None:
    policy = attrs.evolve(DEFAULT_POLICY, lead_time_days=20)
    program = attrs.evolve(PROGRAM, title="A <b> & B", offering_dates=["2026-12-15"], offers_semi_osl=False)
    line = timeline(program, policy=policy)
    lead = "The approval request must arrive 20 days or more before the program is first offered."
    d1 = "The lead time of 20 days counts calendar days; the first offering minus 20 days is still on time."
    dates = "An approval covers only the dates it lists; a repeated program lists every date."
    window = (
        "Participants apply and pay within 30 calendar days of the session's last day or of their certificate date."
    )
    d4 = "The application window is 30 calendar days, counting from the anchor date (the last day included)."
    assert line._repr_markdown_() == (
        "**Timeline of A &lt;b&gt; & B**\n\n| date | day | event | clause |\n|:---|:---|:---|:---|\n"
        "| 2026-11-25 | Wed | last day to submit the approval request | `approval.lead-time` (D1) |\n"
        "| 2026-12-15 | Tue | session | `approval.dates` |\n"
        "| 2027-01-14 | Thu | last day to apply and pay (from the last session) | `credit.window` (D4) |\n\n"
        "Clauses and defaults cited:\n\n"
        f"- `approval.lead-time`: {lead}\n- `D1`: {d1}\n- `approval.dates`: {dates}\n"
        f"- `credit.window`: {window}\n- `D4`: {d4}"
    )
    td = '<td style="text-align:left">'
    html = line._repr_html_()
    assert html.startswith(
        '<p style="text-align:left"><strong>Timeline of A &lt;b&gt; &amp; B</strong></p><table style="text-align:left">'
    )
    assert (
        f"<tr>{td}2026-11-25</td>{td}Wed</td>{td}last day to submit the approval request</td>{td}"
        f'<code title="{lead}">approval.lead-time</code> (<code title="{d1}">D1</code>)</td></tr>'
    ) in html
    assert f'<tr>{td}2026-12-15</td>{td}Tue</td>{td}session</td>{td}<code title="{dates}">approval.dates</code>' in html
    assert html.endswith(
        '<div class="ceurules-notes" style="text-align:left;font-size:smaller"><p>Clauses and defaults cited:</p><ul>'
        f"<li><code>approval.lead-time</code>: {lead}</li><li><code>D1</code>: {d1}</li>"
        f"<li><code>approval.dates</code>: {dates}</li>"
        f"<li><code>credit.window</code>: {window.replace(chr(39), '&#x27;')}</li>"
        f"<li><code>D4</code>: {d4}</li></ul></div>"
    )
    data = line.to_dict()
    assert data["subject"] == "A <b> & B"
    assert data["policy"] == policy.stamp.to_dict()
    assert data["events"][1] == {"date": "2026-12-15", "what": "session", "clause": "approval.dates", "default": None}
    assert [(f.clause, f.outcome.value, f.message, f.default, f.facts) for f in line.findings] == [
        ("approval.lead-time", "note", "2026-11-25: last day to submit the approval request.", "D1",
         {"day": dt.date(2026, 11, 25)}),
        ("approval.dates", "note", "2026-12-15: session.", None, {"day": dt.date(2026, 12, 15)}),
        ("credit.window", "note", "2027-01-14: last day to apply and pay (from the last session).", "D4",
         {"day": dt.date(2027, 1, 14)}),
    ]  # fmt: skip
    assert timeline(program, policy=policy).to_dict() == data
    assert attrs.evolve(line, policy=None).to_dict()["policy"] is None
    longer = timeline(program, policy=attrs.evolve(DEFAULT_POLICY, application_window=45))
    assert str(longer).splitlines()[-1] == (
        "  2027-01-29 Fri  last day to apply and pay (from the last session) (credit.window, D4)"
    )  # 45 days from the last session


# -- yearlong.semester, D9, D10, D14: a year-long participant's packet under the policy followed ----------


def test_a_year_long_timeline_follows_the_policy_s_crediting_rule_and_packet_days() -> None:
    pf = load_program_file("docs/examples/plc-yearlong.ceu.toml")
    semesters = attrs.evolve(DEFAULT_POLICY.crediting_rules[-1], effective=None)
    policy = attrs.evolve(DEFAULT_POLICY, packet_credit_business_days=20, crediting_rules=[semesters])
    line = timeline(pf.program, application=pf.applications[0], year_long=YearLong(packets=pf.packets), policy=policy)
    lines = str(line).splitlines()
    assert lines[2] == (
        "  2026-07-21 Tue  meeting not batched: July lies in no term of the rule in force (its version with no "
        "recorded start) (yearlong.semester, D9)"
    )
    assert lines[13:19] == [
        "  2026-12-18 Fri  credit application submitted (credit.proof)",  # as a workshop participant's
        "  2026-12-18 Fri  payment received (yearlong.semester)",  # judged by the packet, not the window
        "  2026-12-18 Fri  CEU application in the fall 2026-27 packet (yearlong.semester)",
        "  2026-12-29 Tue  certificate issued (credit.record)",
        "  2026-12-31 Thu  fall 2026-27 packet due (sign-in sheets, CEU applications, evaluation forms); credit "
        "issued 2026-12 (yearlong.semester, D10)",
        "  2027-01-19 Tue  meeting (spring 2026-27 packet) (yearlong.semester)",
    ]
    assert (
        lines[19] == "  2027-01-20 Wed  credit expected by (overdue after) (yearlong.semester, D14)"
    )  # 20 business days
