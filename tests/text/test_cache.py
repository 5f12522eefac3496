"""The per-line caches are bounded: a folder of any size costs the same memory."""

from __future__ import annotations

from newsprep.tasks.text.cache import LineCache


def test_a_line_cache_holds_at_most_two_generations() -> None:
    cache: LineCache[int] = LineCache(max_entries=100)
    for n in range(1000):
        cache.put(f"line {n}", n)
    assert len(cache) <= 200
    assert cache.get("line 999") == 999 and cache.get("line 0") is None


def test_a_line_still_in_use_survives_the_turn_of_a_generation() -> None:
    cache: LineCache[int] = LineCache(max_entries=100)
    cache.put("menu", 1)  # a template line, asked about on every page
    for n in range(1000):
        cache.put(f"article line {n}", n)
        assert cache.get("menu") == 1


def test_a_peek_finds_a_line_in_either_generation_without_keeping_it_alive() -> None:
    # Another stage asking about the cleaner's lines must not decide which of them survive.
    cache: LineCache[int] = LineCache(max_entries=2)
    cache.put("menu", 1)
    cache.put("a", 2)
    cache.put("b", 3)  # the young generation was full: "menu" and "a" are the old one now
    assert cache.peek("menu") == 1 and cache.peek("b") == 3 and cache.peek("never seen") is None
    cache.put("c", 4)
    cache.put("d", 5)  # the next turn: "menu", peeked at but not asked for, is gone
    assert cache.peek("menu") is None
