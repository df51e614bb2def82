"""docs/api.md from ``ceurules.__all__``: ``python tests/api_page.py --write`` regenerates it.

One ``::: ceurules.MODULE.NAME`` line per public name, grouped by the module
that defines it; ``tests/test_api_reference.py`` checks the page is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ceurules

PAGE = Path(__file__).parent.parent / "docs" / "api.md"

_HEAD = """# API reference

Every public name of `ceurules` (`ceurules.__all__`), with its docstring and an executed
example, generated from the code by mkdocstrings. `ceurules.frames` (DataFrames) follows at the end.
This page is generated: `python tests/api_page.py --write`.
"""

_TAIL = """## `ceurules.frames`

::: ceurules.frames

## `__version__`

`ceurules.__version__` is the installed version, read from the package metadata:

```pycon
>>> import ceurules
>>> from importlib.metadata import version
>>> ceurules.__version__ == version("ceurules")
True

```
"""


def page() -> str:
    """The page's text."""
    modules: dict[str, list[str]] = {}
    for name in sorted(set(ceurules.__all__) - {"__version__"}, key=lambda n: (n.lower(), n)):
        modules.setdefault(ceurules._EXPORTS[name], []).append(name)
    sections = [
        f"## `ceurules.{module}`\n\n" + "".join(f"::: ceurules.{module}.{name}\n\n" for name in names)
        for module, names in sorted(modules.items())
    ]
    return _HEAD + "\n" + "".join(sections) + _TAIL

if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/api_page.py --write")
    PAGE.write_text(page())
