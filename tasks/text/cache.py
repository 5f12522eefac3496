"""A bounded memo for per-line verdicts: what a line's text alone decides is computed once per distinct line.

A site's template lines (menus, share bars, footers) repeat on every one of its pages, so caching by line text
pays; but article lines never repeat, and a cache that kept them would grow with the folder. This one holds two
generations of at most `max_entries` each: when the young one is full it becomes the old one and the previous old
one is dropped; a line found in the old generation moves back to the young one. A line still in use (the
template of the sites being processed) survives; a line not seen for a generation is forgotten. Memory is
bounded by 2 x max_entries whatever the folder's size.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Value = TypeVar("Value")

# Sized so that they are full after a few hundred pages: a folder of 20,000 pages then costs the memory of one of
# 1,000. Per generation, enough for the template lines of the sites of a batch or two (LineCache, ~7 MB in the
# cleaner's, ~3 MB in the shared verdicts'); the functools memos of other per-line verdicts hold about a batch's
# distinct lines, so that the stages after the first find the lines of the batch's pages still there.
LINE_CACHE_ENTRIES = 10_000
LINE_MEMO_ENTRIES = 4_096


class LineCache(Generic[Value]):
    __slots__ = ("max_entries", "young", "old")

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self.young: dict[str, Value] = {}
        self.old: dict[str, Value] = {}

    def get(self, key: str) -> Value | None:
        value = self.young.get(key)
        if value is None and (value := self.old.get(key)) is not None:
            self.put(key, value)
        return value

    def peek(self, key: str) -> Value | None:
        """The value of `key` if either generation holds it, without moving it: a reader that is not the cache's
        owner (another stage asking about the same lines) must not decide which lines survive."""
        value = self.young.get(key)
        return value if value is not None else self.old.get(key)

    def put(self, key: str, value: Value) -> None:
        if len(self.young) >= self.max_entries:
            self.old, self.young = self.young, {}
        self.young[key] = value

    def clear(self) -> None:
        self.young, self.old = {}, {}

    def __len__(self) -> int:
        return len(self.young) + len(self.old)
