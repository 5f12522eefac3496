"""Metadata of one story, read from the page text alone.

The flow hands us the story's span of lines (head + body + trailing furniture) with the cleaner's verdicts.
We locate the body start (first kept paragraph-shaped line), then read the *head* around it:

- title: the last title-shaped line before the body (a line printed twice wins), never a breadcrumb,
  clock, date, byline or caption;
- dates: candidates found by compiled regexes (numeric, month names in several languages, relative
  "10 months ago" / "vor 3 Tagen"); dateparser only resolves short relative strings, cached;
- authors: bylines ("By A and B", "Von A", "A | 10 months ago", "About the Author" blocks), cleaned of
  roles, dates, handles; precision first, a doubtful byline gives [];
- dateline, highlights/standfirst, image captions, and the site name from a copyright line;
- updated_at (an "Updated ..." date printed with the story) and date_precision (DATE_PRECISIONS:
  second, minute, hour, day, month, year; relative dates are as precise as the unit they count in).

Pure Python, no Prefect, no I/O.  Ideas (not code) from htmldate's text heuristics (bounded date range,
label-driven preference of publication over modification dates) and trafilatura's author cleaning.

Modules (each depends only on those above it): tasks.text.dates (dates in any text), lines (shapes of head
lines, captions), title / authors / dates (the headline, the bylines, the story's dates), head (extract_metadata
and the stage).
"""

from ..text.dates import DATE_PRECISIONS
from .head import StoryMetadata, add_metadata, apply_metadata, extract_metadata
from .lines import looks_like_caption

__all__ = [
    "DATE_PRECISIONS",
    "StoryMetadata",
    "add_metadata",
    "apply_metadata",
    "extract_metadata",
    "looks_like_caption",
]
