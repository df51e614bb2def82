"""Tables for notebooks: rows rendered as Markdown or HTML, one way for every result type."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence


def cite_markdown(clause: str, default: str | None) -> str:
    """A clause ID (and the reading's default, if any) as a Markdown cell."""
    return f"`{clause}`" + (f" ({default})" if default else "")


def cite_html(clause: str, default: str | None) -> str:
    """A clause ID (and the reading's default, if any) as an HTML cell."""
    return f"<code>{html.escape(clause)}</code>" + (f" ({html.escape(default)})" if default else "")


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None) -> str:
    """A Markdown table, with an optional bold title line; a ``|`` inside a cell becomes ``/``."""
    lines = [f"**{title}**", ""] if title else []
    lines += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None) -> str:
    """An HTML table of cells that are already HTML (escape text with :func:`html.escape` first)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    caption = f"<p><strong>{html.escape(title)}</strong></p>" if title else ""
    return f"{caption}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
