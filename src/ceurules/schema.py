"""The JSON Schema of program files, written from the format's one description.

Editors use it to validate program files as they are written (TOML dates are
written as ISO text in JSON). ``ceurules schema > docs/program-file.schema.json``
writes it; a test keeps the committed copy equal to what the format generates,
and another checks that the schema and the loader accept the same files.
"""

from __future__ import annotations

from typing import Any

from .program_format import json_schema

__all__ = ["program_file_schema"]


def program_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a program file (see :mod:`ceurules.program_format`)."""
    return json_schema()
