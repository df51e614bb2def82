"""MkDocs hook: docstring examples (``>>>`` blocks, as doctest reads them) show as Python console code.

Docstrings hold bare doctest blocks; Markdown would read ``>>>`` as a quote.
Each run of lines from a ``>>>`` line to the next blank line is fenced as
``pycon``, outside existing fences. Used by ``mkdocs.yml`` (``hooks:``).
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor


class _DoctestBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = block = False
        for line in lines:
            text = line.lstrip()
            if text.startswith(("```", "~~~")) and not block:
                fenced = not fenced
            elif not fenced and not block and text.startswith(">>> "):
                block = True
                out.append(line[: len(line) - len(text)] + "```pycon")
            elif block and not text:
                block = False
                out.append(line + "```")
            out.append(line)
        return [*out, "```"] if block else out


class DoctestBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # the name Markdown calls
        md.preprocessors.register(_DoctestBlocks(md), "doctest_blocks", 30)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestBlocks())
    return config
