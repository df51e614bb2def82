"""Tables for notebooks: rows rendered as Markdown or HTML, one way for every result type.

Text is left-aligned (Jupyter right-aligns table cells by default), an outcome
is shown in words with a mark that does not depend on colour (:func:`outcome_label`),
and a clause ID or default (D1-D16) is explained on hover (a ``title``) and in a
footnote under the table (:func:`notes_html`, :func:`notes_markdown`), worded
as the result's policy words it (the source policy when the result names none). Every text is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .decisions import PolicyStamp

#: Marks shown before an outcome or verdict in words: readable without colour.
_MARKS = {
    "met": "\u2713",  # check mark
    "pass": "\u2713",
    "eligible": "\u2713",
    "not met": "\u2717",  # ballot x
    "fail": "\u2717",
    "ineligible": "\u2717",
    "overdue": "\u2717",
    "needs review": "?",
    "note": "\u2022",  # bullet
}

_LEFT = ' style="text-align:left"'


def escape(text: str) -> str:
    """``html.escape``, imported on the first display rather than with every result type."""
    from html import escape

    return escape(text)


def outcome_label(words: str) -> str:
    """An outcome or verdict in words with its mark: ``"✗ not met"`` (words alone when no mark fits)."""
    mark = _MARKS.get(words.lower())
    return f"{mark} {words}" if mark else words


def explanation(code: str, stamp: PolicyStamp | None = None) -> str | None:
    """What a clause ID or default (``"D7"``) or a renewal default (``"R3"``) says, in the words of the stamp's
    policy (else the source policy); ``None`` for another code."""
    from .clauses import explanation as words
    from .renewal_rules import RENEWAL_DEFAULTS

    return words(code, stamp.policy if stamp is not None else None) or RENEWAL_DEFAULTS.get(code)


def code_html(code: str) -> str:
    """A code in ``<code>``, explained on hover when it is a clause ID or default."""
    return _code_html(code)


def _code_html(code: str, stamp: PolicyStamp | None = None) -> str:
    text = explanation(code, stamp)
    title = f' title="{escape(text)}"' if text else ""
    return f"<code{title}>{escape(code)}</code>"


def cite_markdown(clause: str, default: str | None) -> str:
    """A clause ID (and the reading's default, if any) as a Markdown cell."""
    return f"`{clause}`" + (f" ({default})" if default else "")


def cite_html(clause: str, default: str | None, stamp: PolicyStamp | None = None) -> str:
    """A clause ID (and the reading's default, if any) as an HTML cell, each explained on hover."""
    return _code_html(clause, stamp) + (f" ({_code_html(default, stamp)})" if default else "")


def cited(pairs: Iterable[tuple[str, str | None]]) -> list[str]:
    """The clause IDs and defaults of ``(clause, default)`` pairs, each once, in order of first citation."""
    codes: dict[str, None] = {}
    for clause, default in pairs:
        codes[clause] = None
        if default:
            codes[default] = None
    return list(codes)


def notes_markdown(codes: Iterable[str], *, stamp: PolicyStamp | None = None) -> str:
    """A footnote explaining each clause ID and default cited (empty when none is known)."""
    lines = [f"- `{code}`: {text}" for code in codes if (text := explanation(code, stamp))]
    return "\n\n" + "\n".join([NOTES_HEAD, "", *lines]) if lines else ""


def notes_html(codes: Iterable[str], *, stamp: PolicyStamp | None = None) -> str:
    """The footnote of :func:`notes_markdown` as HTML."""
    esc = escape
    items = "".join(
        f"<li><code>{esc(code)}</code>: {esc(text)}</li>" for code in codes if (text := explanation(code, stamp))
    )
    if not items:
        return ""
    style = "text-align:left;font-size:smaller"
    return f'<div class="ceurules-notes" style="{style}"><p>{NOTES_HEAD}</p><ul>{items}</ul></div>'


NOTES_HEAD = "Clauses and defaults cited:"


def one_line(text: str) -> str:
    """``text`` on one line: line ends and other control characters are written as escapes (``\\n``), so
    that text from a file (a participant's name) cannot start a line of a report of its own."""
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def quoted(text: str) -> str:
    """A name or title in a text report: as typed, in single quotes, on one line (:func:`one_line`)."""
    return f"'{one_line(text)}'"


def markdown_text(text: str) -> str:
    """Text for Markdown that a renderer cannot take for HTML (``<`` and ``>`` become entities), on one line."""
    return one_line(text).replace("<", "&lt;").replace(">", "&gt;")


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None) -> str:
    """A Markdown table, with an optional bold title line; a ``|`` inside a cell becomes ``/``.

    Markup in a cell or the title shows as text (:func:`markdown_text`).
    """
    lines = [f"**{markdown_text(title)}**", ""] if title else []
    lines += ["| " + " | ".join(headers) + " |", "|" + ":---|" * len(headers)]
    lines += ["| " + " | ".join(markdown_text(cell).replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None) -> str:
    """A left-aligned HTML table of cells that are already HTML (escape text with :func:`html.escape` first)."""
    head = "".join(f"<th{_LEFT}>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td{_LEFT}>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    caption = f"<p{_LEFT}><strong>{escape(title)}</strong></p>" if title else ""
    return f"{caption}<table{_LEFT}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def findings_rows_html(
    findings: Iterable[tuple[str, str, str | None, str]], stamp: PolicyStamp | None = None
) -> list[tuple[str, str, str]]:
    """Rows (outcome with its mark, cited clause, message) from ``(outcome, clause, default, message)``."""
    esc = escape
    return [(esc(outcome_label(o)), cite_html(c, d, stamp), esc(m)) for o, c, d, m in findings]


def findings_rows_markdown(findings: Iterable[tuple[str, str, str | None, str]]) -> list[tuple[str, str, str]]:
    """The rows of :func:`findings_rows_html` as Markdown cells."""
    return [(outcome_label(o), cite_markdown(c, d), m) for o, c, d, m in findings]


# -- inputs: a program and a program file, shown as what they hold ---------------------------------


def _yes(value: object) -> str:
    return "not stated" if value is None else ("yes" if value else "no")


def _days(days: Iterable[object]) -> str:
    return ", ".join(map(str, days)) or "none"


def program_rows(program: Any) -> list[tuple[str, str]]:
    """``(field, value)`` rows of a :class:`~ceurules.Program`, in words."""
    sessions = program.session_days
    several = any(len(days) > 1 for days in sessions)
    dates = "; ".join(f"{days[0]} to {days[-1]}" for days in sessions) if several else _days(program.offering_dates)
    criteria = attrs.asdict(program.criteria)
    rows = [
        ("title", program.title),
        ("activity", program.activity_name),
        ("sessions" if several else "offering dates", dates),
        ("contact time", f"agenda of {len(program.agenda.segments)} segments" if program.agenda.segments
         else f"{program.contact_hours} h stated" if program.contact_hours is not None else "none stated"),
        ("instructors", ", ".join(p.name for p in program.instructors) or "none"),
        ("course criteria", "; ".join(f"{name}: {_yes(v)}" for name, v in criteria.items())),
        ("academic credit", _yes(program.academic_credit)),
        ("year-long", _yes(program.year_long)),
        ("SEMI/OSL offered", _yes(program.offers_semi_osl)),
    ]  # fmt: skip
    return rows


def agenda_rows(agenda: Any) -> list[tuple[str, str, str, str, str]]:
    """``(day, start, end, kind, title)`` rows of an agenda."""
    return [
        ("" if s.day is None else str(s.day), f"{s.start:%H:%M}", f"{s.end:%H:%M}", s.kind.value, s.title)
        for s in agenda.segments
    ]


def request_rows(pf: Any) -> list[tuple[str, str]]:
    """``(field, value)`` rows of a program file's approval request and approval (none when it has neither)."""
    rows = [] if pf.request is None else approval_request_rows(pf.request)
    if (approval := pf.approval) is not None:
        rows += [("approved on", str(approval.approved_on or "not stated")), ("approved dates", _days(approval.dates))]
    return rows


def approval_request_rows(request: Any) -> list[tuple[str, str]]:
    """``(field, value)`` rows of an approval request: when it came and what came with it."""
    docs = request.documents
    materials = [name for name in ("brochure", "flyer") if getattr(docs, name)] + [docs.website or ""]
    return [
        ("request received", str(request.received)),
        ("approval form", _yes(docs.approval_form)),
        ("timed agenda", _yes(docs.timed_agenda)),
        ("vitas", ", ".join(sorted(docs.vitas)) or "none"),
        ("materials", ", ".join(m for m in materials if m) or "none"),
        ("waiver asked", "no" if request.waiver is None else f"yes: {request.waiver.circumstances}"),
    ]


def application_rows(pf: Any) -> list[tuple[str, ...]]:
    """One row per credit application of a program file: who, what they attended, and each date."""
    rows: list[tuple[str, ...]] = []
    for app in pf.applications:
        att = app.attendance
        rows.append(
            (
                att.participant,
                _days(att.dates),
                _yes(att.completed),
                str(att.certificate_date or ""),
                str(app.submitted or ""),
                str(app.payment.paid if app.payment else ""),
                _yes(app.proof_uploaded),
                str(app.issued or ""),
            )
        )
    return rows


def packet_rows(pf: Any) -> list[tuple[str, ...]]:
    """One row per packet of a program file: its term, when it went in, and what it holds."""
    return [
        (
            f"{e.term} {e.school_year}",
            str(e.packet.submitted or "not yet"),
            str(len(e.packet.sign_ins)),
            ", ".join(sorted(e.packet.applications)),
            ", ".join(sorted(e.packet.evaluations)),
        )
        for e in pf.packets
    ]


FIELD_HEADERS = ("field", "value")
AGENDA_HEADERS = ("day", "start", "end", "kind", "title")
APPLICATION_HEADERS = ("participant", "attended", "completed", "certificate", "submitted", "paid", "proof", "issued")
PACKET_HEADERS = ("packet", "submitted", "sign-in sheets", "applications", "evaluations")


Section = tuple[str, Sequence[str], list[Any]]


def program_sections(program: Any) -> list[Section]:
    """A program's tables: its fields, then its agenda."""
    return [
        (f"Program: {program.title}", FIELD_HEADERS, program_rows(program)),
        ("Agenda", AGENDA_HEADERS, agenda_rows(program.agenda)),
    ]


def file_sections(pf: Any) -> list[Section]:
    """A program file's tables: its program, its request and approval, its applications and packets."""
    return [
        *program_sections(pf.program),
        ("Approval request and approval", FIELD_HEADERS, request_rows(pf)),
        ("Credit applications", APPLICATION_HEADERS, application_rows(pf)),
        ("Packets", PACKET_HEADERS, packet_rows(pf)),
    ]


def sections_markdown(sections: Iterable[Section], *, title: str | None = None) -> str:
    """Tables of text as Markdown, under an optional bold title; a table without rows is left out."""
    parts = [f"**{markdown_text(title)}**"] if title else []
    parts += [markdown_table(headers, rows, title=head) for head, headers, rows in sections if rows]
    return "\n\n".join(parts)


def sections_html(sections: Iterable[Section], *, title: str | None = None) -> str:
    """The tables of :func:`sections_markdown` as HTML, every text escaped."""
    head = f"<p{_LEFT}><strong>{escape(title)}</strong></p>" if title else ""
    return head + "".join(
        html_table(headers, [tuple(escape(cell) for cell in row) for row in rows], title=caption)
        for caption, headers, rows in sections
        if rows
    )


def approval_request_sections(request: Any) -> list[Section]:
    """An approval request's tables: its program, then the request."""
    return [*program_sections(request.program), ("Approval request", FIELD_HEADERS, approval_request_rows(request))]


def agenda_sections(agenda: Any) -> list[Section]:
    """An agenda's table."""
    return [("Agenda", AGENDA_HEADERS, agenda_rows(agenda))]


ACTIVITY_HEADERS = ("id", "date", "title", "amount", "unit", "hours", "category", "origin", "reference")


def record_title(record: Any) -> str:
    """An educator record's heading: whose it is and when the license expires."""
    return f"Record of {record.educator}, license expiring {record.license_expires}"


def record_sections(record: Any) -> list[Section]:
    """An educator record's table: one row per activity."""
    rows = [
        (a.id, str(a.date), a.title, str(a.amount), a.unit, "" if a.hours is None else str(a.hours), a.category,
         a.origin.value, a.reference)
        for a in record.activities
    ]  # fmt: skip
    return [(f"Activities ({len(rows)})", ACTIVITY_HEADERS, rows)]


def renewal_rule_sections(rule: Any) -> list[Section]:
    """A renewal rule's table: what it is, its cycle, its versions and where it comes from."""
    versions = "; ".join(f"from {v.effective}" for v in rule.versions)
    rows = [
        ("name", rule.name),
        ("title", rule.title),
        ("cycle", f"{rule.cycle_years} years"),
        ("hours per CEU", str(rule.hours_per_ceu)),
        ("versions", versions),
        ("source", str(rule.source)),
    ]
    return [(f"Renewal rule: {rule.title}", FIELD_HEADERS, rows)]


def _maybe(value: object) -> str:
    return "" if value is None else str(value)


def packet_standing_sections(standing: Any) -> list[Section]:
    """A year-long participant's standing (D14): the status, the packet and when credit is expected."""
    rows = [
        ("status", outcome_label(standing.status.value)),
        ("packet", ", ".join(b.label for b in standing.batches) or "none"),
        ("packet arrived", _maybe(standing.arrived) or "not yet"),
        ("on time", "" if standing.on_time is None else _yes(standing.on_time)),
        ("meetings signed in", _days(standing.signed_in)),
        ("CEUs", _maybe(standing.ceus)),
        ("credit expected", f"{standing.earliest} to {standing.latest}" if standing.latest else ""),
        ("issued", _maybe(standing.issued)),
    ]
    return [("Packet standing", FIELD_HEADERS, rows)]
