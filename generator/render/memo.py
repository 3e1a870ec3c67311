"""Pages from an earlier render, reused while what they were made from is unchanged.

The preview keeps one ``RenderMemo`` between rebuilds. Each group of pages is keyed by the
parsed documents it reads, compared by identity (``ParsedFiles`` hands back the very same
objects for a file that did not change on disk), and by plain values such as the render
settings. A full build passes no memo and renders everything: both give the same pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


class RenderMemo:
    def __init__(self) -> None:
        self._groups: dict[str, tuple[tuple, tuple, Any]] = {}
        self._used: dict[str, tuple[tuple, tuple, Any]] = {}
        self.rendered = 0  # groups made afresh in the last run, for the preview's log

    def get(self, name: str, sources: Iterable[object], values: tuple, make: Callable[[], T]) -> T:
        sources = tuple(sources)
        # The sources themselves are kept in the entry, so their ids cannot be reused.
        key = (tuple(map(id, sources)), values)
        known = self._groups.get(name)
        if known is not None and known[0] == key:
            result = known[2]
        else:
            result = make()
            self.rendered += 1
        self._used[name] = (key, sources, result)
        return result

    def start(self) -> None:
        self.rendered = 0

    def finish(self) -> None:
        """Forget the groups this run did not ask for (a deleted case, a renamed bank)."""
        self._groups, self._used = self._used, {}


def remember(
    memo: RenderMemo | None,
    name: str,
    sources: Iterable[object],
    values: tuple,
    make: Callable[[], T],
) -> T:
    """``make()``, or its earlier result when ``memo`` knows the same sources and values."""
    return make() if memo is None else memo.get(name, sources, values, make)
