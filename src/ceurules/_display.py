"""Tables for notebooks: rows rendered as Markdown or HTML, one way for every result type.

Text is left-aligned (Jupyter right-aligns table cells by default), an outcome
is shown in words with a mark that does not depend on colour (:func:`outcome_label`),
and a clause ID or default (D1-D16) is explained on hover (a ``title``) and in a
footnote under the table (:func:`notes_html`, :func:`notes_markdown`), worded
as the source policy words it. Every text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

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


def outcome_label(words: str) -> str:
    """An outcome or verdict in words with its mark: ``"✗ not met"`` (words alone when no mark fits)."""
    mark = _MARKS.get(words.lower())
    return f"{mark} {words}" if mark else words


def explanation(code: str) -> str | None:
    """What a clause ID or default (``"D7"``) says, under the source policy; ``None`` for another code."""
    from .clauses import CLAUSES, DEFAULTS, default_text

    if code in CLAUSES:
        return CLAUSES[code].text()
    if code in DEFAULTS:
        return default_text(code)
    return None


def _code_html(code: str) -> str:
    text = explanation(code)
    title = f' title="{html.escape(text)}"' if text else ""
    return f"<code{title}>{html.escape(code)}</code>"


def cite_markdown(clause: str, default: str | None) -> str:
    """A clause ID (and the reading's default, if any) as a Markdown cell."""
    return f"`{clause}`" + (f" ({default})" if default else "")


def cite_html(clause: str, default: str | None) -> str:
    """A clause ID (and the reading's default, if any) as an HTML cell, each explained on hover."""
    return _code_html(clause) + (f" ({_code_html(default)})" if default else "")


def cited(pairs: Iterable[tuple[str, str | None]]) -> list[str]:
    """The clause IDs and defaults of ``(clause, default)`` pairs, each once, in order of first citation."""
    codes: dict[str, None] = {}
    for clause, default in pairs:
        codes[clause] = None
        if default:
            codes[default] = None
    return list(codes)


def notes_markdown(codes: Iterable[str]) -> str:
    """A footnote explaining each clause ID and default cited (empty when none is known)."""
    lines = [f"- `{code}`: {text}" for code in codes if (text := explanation(code))]
    return "\n\n" + "\n".join([NOTES_HEAD, "", *lines]) if lines else ""


def notes_html(codes: Iterable[str]) -> str:
    """The footnote of :func:`notes_markdown` as HTML."""
    esc = html.escape
    items = "".join(f"<li><code>{esc(code)}</code>: {esc(text)}</li>" for code in codes if (text := explanation(code)))
    if not items:
        return ""
    style = "text-align:left;font-size:smaller"
    return f'<div class="ceurules-notes" style="{style}"><p>{NOTES_HEAD}</p><ul>{items}</ul></div>'


NOTES_HEAD = "Clauses and defaults cited:"


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None) -> str:
    """A Markdown table, with an optional bold title line; a ``|`` inside a cell becomes ``/``."""
    lines = [f"**{title}**", ""] if title else []
    lines += ["| " + " | ".join(headers) + " |", "|" + ":---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None) -> str:
    """A left-aligned HTML table of cells that are already HTML (escape text with :func:`html.escape` first)."""
    head = "".join(f"<th{_LEFT}>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td{_LEFT}>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    caption = f"<p{_LEFT}><strong>{html.escape(title)}</strong></p>" if title else ""
    return f"{caption}<table{_LEFT}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def findings_rows_html(findings: Iterable[tuple[str, str, str | None, str]]) -> list[tuple[str, str, str]]:
    """Rows (outcome with its mark, cited clause, message) from ``(outcome, clause, default, message)``."""
    esc = html.escape
    return [(esc(outcome_label(o)), cite_html(c, d), esc(m)) for o, c, d, m in findings]


def findings_rows_markdown(findings: Iterable[tuple[str, str, str | None, str]]) -> list[tuple[str, str, str]]:
    """The rows of :func:`findings_rows_html` as Markdown cells."""
    return [(outcome_label(o), cite_markdown(c, d), m) for o, c, d, m in findings]
