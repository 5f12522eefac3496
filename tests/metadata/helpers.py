"""A story's head over a fixed body, read by extract_metadata: shared by the metadata and date tests."""

from __future__ import annotations

from datetime import UTC, datetime

from newsprep.tasks.clean import classify_lines
from newsprep.tasks.metadata import extract_metadata

REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)
BODY = [
    "ISLAMABAD: The government and the opposition agreed on Thursday to resume talks next week, officials "
    "said, after months of tension over the release of political prisoners and the election results.",
    "The talks broke down last week when the opposition walked out of a meeting in the capital, saying the "
    "government had failed to meet its demands within the deadline both sides had agreed in December.",
    "Both sides said they hoped the new round would bring an agreement before the budget session of parliament "
    "begins in June, when the government needs the votes of the opposition to pass its spending plans.",
]


def _meta(head: list[str], body: list[str] = BODY, **kwargs):
    lines = classify_lines("\n".join([*head, *body]))
    return extract_metadata(lines, **{"reference_time": REFERENCE, "language": "en", **kwargs})


TITLE = "Government and opposition agree to resume talks"
