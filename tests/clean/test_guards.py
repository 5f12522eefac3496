"""Prefix guards: a guard may let through a line its regex then rejects, never reject a line its regex matches."""

from __future__ import annotations


def test_prefix_guard_never_rejects_a_line_its_regex_matches() -> None:
    from newsprep.tasks.clean.guards import _Guard
    from newsprep.tasks.clean.rules import _short_alternation

    short_re = _short_alternation()
    guard = _Guard(short_re)
    lines = ["Share", "share on facebook", "21°C", "5 min read", "Anzeige", "x", "A+", "12 Kommentare", "Suche"]
    for line in lines:
        assert short_re.fullmatch(line), line
        assert guard.fullmatch(line, line[:3].lower()), line
    assert not guard.possible("cit")  # most article lines skip the regex


def test_prefix_guard_of_repeats_and_cut_short_branches() -> None:
    import re

    from newsprep.tasks.clean.guards import _Guard

    cases = {
        r"^\d{4} at": ["2024 at", "1999 at"],  # more repetitions than the prefix is long
        r"^(?:ab|c)*d": ["d", "abd", "ccd", "abcabd"],
        r"^(?:a?){2,3}b": ["b", "ab", "aab"],
        r"^x[^y]z|^q": ["xaz", "q", "x-z"],  # [^y] is not enumerable: "x" is cut short
        r"^\s*(?:foo|ba)r?": ["  foo", "bar", "\tba"],
    }
    for pattern, lines in cases.items():
        rx = re.compile(pattern, re.I)
        guard = _Guard(rx)
        for line in lines + [line.upper() for line in lines]:
            assert rx.match(line), (pattern, line)
            assert guard.possible(line[:3].lower()), (pattern, line)
    assert not _Guard(re.compile(r"^(?:ab|c)*d")).possible("xyz")
