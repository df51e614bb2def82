"""A rule's answers by day, each asked once: the bulk answers' cache."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo(dict[Any, Any]):
    """``rule``'s answers by day, each asked once (one rule, asked once per distinct day): ``memo[day]``.

    The bulk answers share one answer (and its date objects) among the rows of a day, instead of
    building it again for each row.
    """

    def __init__(self, rule: Callable[[Any], Any]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, day: Any) -> Any:
        answer = self[day] = self.rule(day)
        return answer
