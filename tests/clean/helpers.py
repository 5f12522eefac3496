"""Text the cleaner's tests build their small pages from, and _verdicts, which runs the cleaner on one."""

from __future__ import annotations

from newsprep.tasks.clean import classify_lines

BODY = (
    "The city council voted on Tuesday to approve a new budget for the public library, which had been closed "
    "for repairs since the storm last spring. "
)


PARAGRAPHS = [
    BODY + "Officials said the work would take a year.",
    BODY + "Residents welcomed the decision at the meeting.",
    BODY + "The mayor said it was a good day for the town.",
    BODY + "Critics said the cost was too high for the town.",
]


def _verdicts(lines: list[str]) -> dict[str, tuple[bool, str | None]]:
    return {line.text: (line.keep, line.reason) for line in classify_lines("\n".join(lines))}


# Lines for the speed-shortcut tests (test_rules.py, test_features.py).
GATE_LINES = [
    "Share",
    "share on facebook",
    "21°C",
    "5 min read",
    "Anzeige",
    "x",
    "A+",
    "12 Kommentare",
    "Suche",
    "Related Articles",
    "About the author",
    "Leave a Reply",
    "Impressum",
    "Home",
    "Photo: John Smith",
    "Security forces near the border. (AFP/File)",
    "A man walks past. [Name/AFP]",
    "The bridge at night. Photo by Jane Doe | CC BY-SA 2.0",
    "Crowds gather in the square via Getty Images",
    "IMAGE: Reuters",
    "Quelle: Reuters | © dpa",
    "John says:",
    "Reply",
    "12 Votes",
    "May 3, 2019 at 6:34 am",
    "(view all)",
    "Marie écrit :",
    "Rating: +5 points",
    "The council voted on Tuesday: the library stays open (for now).",
    PARAGRAPHS[0],
]
