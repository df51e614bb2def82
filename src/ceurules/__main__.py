"""``python -m ceurules``: the same as the ``ceurules`` command."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
