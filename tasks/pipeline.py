"""The pipeline's stage order, written once.

    read -> clean boilerplate -> remove site furniture -> split stories -> detect language -> extract metadata
         -> flag files without a story (`no-article`) -> write

The ingest flow, `newsprep explain`, the evaluation scripts and the tests all run the stages through
`run_stages`, so none of them can drift from another. Pure code over plain data: Prefect wraps it in
tasks/prefect_tasks.py, the only module of tasks/ that imports Prefect.
"""

from __future__ import annotations

import gc
import os
import pickle
import socket
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .models import Document
from .read import DEFAULT_MAX_FILE_BYTES, read_documents
from .site import SiteMemory, remove_site_furniture


@dataclass(frozen=True, slots=True)
class StageContext:
    """What the stages know beyond the documents themselves: the run's settings and learnt state."""

    site_memory: SiteMemory = field(default_factory=SiteMemory)  # lines seen on many of a site's pages
    reference_time: datetime | None = None  # "10 months ago" counts back from this (else the page's clock)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str  # also the name a person sees (explain, logs)
    run: Callable[[list[Document], StageContext], list[Document]]


# The stages' own modules are imported when a stage first runs (or by warm_up): their compiled patterns and
# vocabularies cost ~0.5 s of CPU to import, which a run with nothing to process, and the survey, need not pay.
def _clean_boilerplate(documents: list[Document], context: StageContext) -> list[Document]:
    from .clean import clean_documents

    return clean_documents(documents)


def _split_stories(documents: list[Document], context: StageContext) -> list[Document]:
    from .split import split_documents

    return split_documents(documents)


def _detect_language(documents: list[Document], context: StageContext) -> list[Document]:
    from .language import detect_story_languages

    return detect_story_languages(documents)


def _extract_metadata(documents: list[Document], context: StageContext) -> list[Document]:
    from .metadata import add_metadata

    return add_metadata(documents, context.reference_time)


def _flag_no_article(documents: list[Document], context: StageContext) -> list[Document]:
    from .outcome import flag_no_article

    return flag_no_article(documents)


STAGES: tuple[Stage, ...] = (
    Stage("clean-boilerplate", _clean_boilerplate),
    Stage("remove-site-furniture", lambda documents, context: remove_site_furniture(documents, context.site_memory)),
    Stage("split-stories", _split_stories),
    Stage("detect-language", _detect_language),
    Stage("extract-metadata", _extract_metadata),
    Stage("flag-no-article", _flag_no_article),
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


# ------------------------------------------------------------------------------ running a batch anywhere

# A run's context travels to the processes that run its batches once, as a file in the run's staging folder
# (every worker of a cluster sees the output folder), not with every batch: each process loads it on its first
# batch and keeps it. The process that saved it keeps its own copy and never reads the file back.
_CONTEXTS: dict[str, StageContext] = {}
CONTEXT_FILE = "stage-context.pickle"


YOUNG_GENERATION_ALLOCATIONS = 50_000  # the cyclic garbage it can hold is a few MB at most


def warm_up(*, freeze_heap: bool = False) -> None:
    """Import every stage and load the language models: what a fresh worker process pays before its first batch,
    paid while the flow still surveys the files.

    `freeze_heap`, in a process newsprep owns (the CLI's, the local Dask workers' fork server): then every object
    alive is moved out of the garbage collector's sight (gc.freeze). Prefect's, the stages' compiled patterns and
    vocabularies and langdetect's profiles live as long as the process, and its full collections walked them again
    and again (1,000 pages: 0.78 -> 0.16 s of CPU). Never in a caller's process: frozen objects are never collected.
    The young generation is then collected every YOUNG_GENERATION_ALLOCATIONS allocations instead of every 700: the
    stages allocate lines, words and tuples by the million, almost none in a cycle, and each young collection only
    found them alive (1,000 pages: 1,346 collections, 0.51 s of CPU -> 10, 0.20 s)."""
    from . import clean, metadata, outcome, split  # noqa: F401  (the stages' modules: see STAGES)
    from .language import detect_language

    detect_language("The council met on Tuesday to approve the budget for the new library in the town.")
    if freeze_heap:
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_GENERATION_ALLOCATIONS, *gc.get_threshold()[1:])


def save_context(context: StageContext, path: Path) -> Path:
    """Write `context` for the run's batches to `path` (kept in this process too); returns the path."""
    with open(path, "wb") as handle:
        pickle.dump(context, handle, protocol=pickle.HIGHEST_PROTOCOL)
    _CONTEXTS.clear()  # one run at a time per process: the previous run's context goes
    _CONTEXTS[str(path)] = context
    return path


def load_context(path: Path) -> StageContext:
    """The context saved at `path`, read once per process."""
    context = _CONTEXTS.get(str(path))
    if context is None:
        with open(path, "rb") as handle:
            context = pickle.load(handle)  # noqa: S301 - our own file, written by save_context in this run
        _CONTEXTS.clear()
        _CONTEXTS[str(path)] = context
    return context


@dataclass(slots=True)
class BatchOutcome:
    """What the flow needs to know of a processed batch: counts, not the documents (they stay where they were
    processed; only this travels back to the flow)."""

    processed: int = 0
    stories: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    not_ok: dict[str, str] = field(default_factory=dict)  # source_path -> status and reason
    processes: set[str] = field(default_factory=set)  # "host:pid" of the processes that ran the batches
    unread: dict[str, str] = field(default_factory=dict)  # source_path -> why: published files unreadable now

    @classmethod
    def of(cls, documents: list[Document], unread: dict[str, str] | None = None) -> BatchOutcome:
        outcome = cls(processes={f"{socket.gethostname()}:{os.getpid()}"}, unread=dict(unread or {}))
        for document in documents:
            outcome.processed += 1
            outcome.stories += len(document.stories)
            outcome.statuses[document.status] += 1
            if not document.ok:
                outcome.not_ok[document.source_path] = document.status_line()
            outcome.languages.update(story.language for story in document.stories)
        return outcome

    def add(self, other: BatchOutcome) -> None:
        self.processed += other.processed
        self.stories += other.stories
        self.statuses.update(other.statuses)
        self.languages.update(other.languages)
        self.not_ok.update(other.not_ok)
        self.processes |= other.processes
        self.unread.update(other.unread)
