"""`newsprep explain`: one page through the same stages as the ingest flow, without Prefect, for a person.

The stages run through tasks.pipeline.run_stages, as in the flow, so what is shown is exactly what the flow would
write for this page, furniture learnt from earlier runs into `output_dir` included.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.text import Text

from newsprep.flows.cli import counted
from newsprep.tasks.models import Document
from newsprep.tasks.outcome import reason_counts
from newsprep.tasks.pipeline import StageContext, run_stages
from newsprep.tasks.read import DEFAULT_MAX_FILE_BYTES, document_from_bytes, printable, read_document
from newsprep.tasks.site import SiteMemory, page_line_keys

STDIN = "-"  # `newsprep explain -`: the page comes on standard input


def explain_document(
    path: Path | str, output_dir: Path | None = None, reference_time: datetime | None = None
) -> Document:
    """Run one file (or standard input, for "-") through every stage of the pipeline (tasks.pipeline.STAGES)."""
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(DEFAULT_MAX_FILE_BYTES + 1)
        if len(data) > DEFAULT_MAX_FILE_BYTES:
            raise ValueError(f"standard input holds more than {DEFAULT_MAX_FILE_BYTES:,} bytes: not one page")
        document = document_from_bytes(data, "<stdin>")
    else:
        path = Path(path)
        document = read_document(path, path.parent, DEFAULT_MAX_FILE_BYTES)
    if not document.ok:
        return document
    memory = SiteMemory.load(output_dir) if output_dir else SiteMemory()
    memory.learn(document.sha256, page_line_keys(document.raw_text or ""))
    return run_stages([document], StageContext(memory, reference_time))[0]


def render(document: Document, console: Console) -> None:
    """Every line of the page, kept (+) or removed (-) with its reason; a header where each story starts."""
    if not document.readable:
        console.print(f"{printable(document.source_path)}: {printable(document.status_line())}", markup=False)
        return
    starts = {story.lines[0].number: story for story in document.stories if story.lines}
    for line in document.lines:
        story = starts.get(line.number)
        if story is not None:
            console.print(_story_header(story), markup=False, highlight=False)
        if line.keep:
            console.print(Text("+ ", style="bold green") + Text(line.text), highlight=False)
        else:
            console.print(
                Text("- ", style="red") + Text(line.text, style="dim") + Text(f"  [{line.reason}]", style="yellow"),
                highlight=False,
            )
    kept = sum(line.keep for line in document.lines)
    console.print(
        f"\n{kept} lines kept, {len(document.lines) - kept} removed ({reason_counts(document.lines) or 'none'}); "
        f"{counted(len(document.stories), 'story')}",
        markup=False,
        highlight=False,
    )
    if not document.ok:  # read, but no story: say so as the documents dataset does
        console.print(
            f"{printable(document.source_path)}: {printable(document.status_line())}", markup=False, highlight=False
        )


def _story_header(story) -> str:
    facts = [
        f"title: {story.title!r}" if story.title else "no title",
        f"published: {story.published_at.isoformat()}" if story.published_at else "no date",
        f"authors: {', '.join(story.authors)}" if story.authors else "no authors",
        f"language: {story.language} ({story.language_confidence:.2f})",
    ]
    if story.dateline:
        facts.append(f"dateline: {story.dateline}")
    return f"=== story {story.story_index}: " + "; ".join(facts) + " ==="
