"""The pipeline's stage order, written once.

    read -> clean boilerplate -> remove site furniture -> split stories -> detect language -> extract metadata
         -> flag files without a story (`no-article`) -> write

The ingest flow, `newsprep explain`, the evaluation scripts and the tests all run the stages through
`run_stages`, so none of them can drift from another. Pure code over plain data: Prefect wraps it in
tasks/prefect_tasks.py, the only module of tasks/ that imports Prefect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tasks.clean import clean_documents
from tasks.language import detect_story_languages
from tasks.metadata import add_metadata
from tasks.models import Document
from tasks.outcome import flag_no_article
from tasks.read import DEFAULT_MAX_FILE_BYTES, read_documents
from tasks.site import SiteMemory, remove_site_furniture
from tasks.split import split_documents


@dataclass(frozen=True, slots=True)
class StageContext:
    """What the stages know beyond the documents themselves: the run's settings and learnt state."""

    site_memory: SiteMemory = field(default_factory=SiteMemory)  # lines seen on many of a site's pages
    reference_time: datetime | None = None  # "10 months ago" counts back from this (else the page's clock)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str  # also the name a person sees (explain, logs)
    run: Callable[[list[Document], StageContext], list[Document]]


STAGES: tuple[Stage, ...] = (
    Stage("clean-boilerplate", lambda documents, _: clean_documents(documents)),
    Stage("remove-site-furniture", lambda documents, context: remove_site_furniture(documents, context.site_memory)),
    Stage("split-stories", lambda documents, _: split_documents(documents)),
    Stage("detect-language", lambda documents, _: detect_story_languages(documents)),
    Stage("extract-metadata", lambda documents, context: add_metadata(documents, context.reference_time)),
    Stage("flag-no-article", lambda documents, _: flag_no_article(documents)),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def run_stages(documents: list[Document], context: StageContext, *, until: str | None = None) -> list[Document]:
    """Documents as read, through every stage in order; `until` stops before the stage of that name."""
    if until is not None and until not in STAGE_NAMES:
        raise ValueError(f"no stage named {until!r}; stages: {', '.join(STAGE_NAMES)}")
    for stage in STAGES:
        if stage.name == until:
            break
        documents = stage.run(documents, context)
    return documents


def process_files(
    paths: list[Path], input_dir: Path, context: StageContext, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> list[Document]:
    """Read a batch of files and run every stage over them."""
    return run_stages(read_documents(paths, input_dir, max_file_bytes), context)
