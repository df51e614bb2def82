"""Doc examples that need an optional extra are skipped, saying which, when it is not installed."""

from __future__ import annotations

import importlib.util

import pytest

#: The site's MkDocs hook: no examples, and it imports markdown (the docs extra).
collect_ignore = ["docs/hooks.py"]

#: Files whose examples need a package of an optional extra, by file name.
_NEEDS = {"frames.py": ("pandas",), "dataframes.md": ("pandas", "polars")}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for needed in _NEEDS.get(item.path.name, ()):
            if importlib.util.find_spec(needed) is None:
                item.add_marker(pytest.mark.skip(reason=f"needs the {needed} extra: pip install -e '.[{needed}]'"))
