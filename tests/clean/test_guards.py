"""Prefix guards: a guard may let through a line its regex then rejects, never reject a line its regex matches."""

from __future__ import annotations


def test_prefix_guard_never_rejects_a_line_its_regex_matches() -> None:
    from newsprep.tasks.clean.guards import _Guard
    from newsprep.tasks.clean.rules import _SHORT_RE

    guard = _Guard(_SHORT_RE)
    lines = ["Share", "share on facebook", "21°C", "5 min read", "Anzeige", "x", "A+", "12 Kommentare", "Suche"]
    for line in lines:
        assert _SHORT_RE.fullmatch(line), line
        assert guard.fullmatch(line, line[:3].lower()), line
    assert not guard.possible("cit")  # most article lines skip the regex
