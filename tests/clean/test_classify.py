"""classify_lines' contract: every non-blank line of the page gets a verdict, numbered as in the page."""

from __future__ import annotations

from newsprep.tasks.clean import classify_lines

from .helpers import PARAGRAPHS


def test_every_non_blank_line_is_accounted_for_with_its_number() -> None:
    lines = classify_lines("Home\n\n  " + PARAGRAPHS[0] + "  \n\n\n" + PARAGRAPHS[1] + "\n")
    assert [(line.number, line.text[:4]) for line in lines] == [(1, "Home"), (3, "The "), (6, "The ")]
    assert all(line.keep == (line.reason is None) for line in lines)
