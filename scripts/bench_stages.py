#!/usr/bin/env python3
"""Stage benchmark: newsprep's per-page work without Prefect, stage by stage (a run of flows/ingest.py, in one process).

    python scripts/bench_stages.py INPUT_DIR [--output DIR] [--profile OUT.pstats] [--batch-size 100]

INPUT_DIR is best a corpus of distinct realistic pages ($NEWSPREP_BENCH/perf_corpus.py; repeated pages would flatter
the per-line caches). The output is a published dataset like a run's: compare two versions' with
scripts/compare_outputs.py. Use it to see where a run's CPU goes and to compare two versions of a stage (run them
alternately, several rounds: the machine's load weighs on both alike); scripts/bench_scale.py measures the CLI as a
user runs it.

Mirrors the flow with --workers 1: discover -> survey (survey_batch: read + line keys, SiteMemory.learn, batches of
5 x batch size) -> per batch of 100 (process_batch): read_documents, every stage of tasks.pipeline.STAGES, then the
Parquet part (Snapshot.write_documents) -> mark_duplicates + publish (compaction). The MinHash signing, which the flow
does inside write_documents (tasks/fields.py, column `minhash`), is timed apart here: the signatures are computed
first, and write_documents is given them (task_fields.story_signature patched to a lookup), so "write" excludes it.
Times are CPU seconds of this process (time.process_time) and wall seconds (perf_counter).
"""

from __future__ import annotations

import argparse
import cProfile
import shutil
import sys
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

T0_CPU, T0_WALL = time.process_time(), time.perf_counter()

from newsprep.flows.ingest import BatchOutcome, batched  # noqa: E402  (imports Prefect: counted apart below)

T_IMPORT = (time.process_time() - T0_CPU, time.perf_counter() - T0_WALL)

import newsprep.tasks.fields as task_fields  # noqa: E402
from newsprep.tasks.duplicates import story_signature  # noqa: E402
from newsprep.tasks.pipeline import STAGES, StageContext, warm_up  # noqa: E402
from newsprep.tasks.read import DEFAULT_MAX_FILE_BYTES, discover, read_documents  # noqa: E402
from newsprep.tasks.site import SiteMemory, survey_files  # noqa: E402
from newsprep.tasks.write import Snapshot  # noqa: E402

cpu = defaultdict(float)
wall = defaultdict(float)
order: list[str] = []


class timed:
    def __init__(self, name: str):
        self.name = name
        if name not in order:
            order.append(name)

    def __enter__(self):
        self.c, self.w = time.process_time(), time.perf_counter()

    def __exit__(self, *exc):
        cpu[self.name] += time.process_time() - self.c
        wall[self.name] += time.perf_counter() - self.w


def run(input_dir: Path, output_dir: Path, batch_size: int) -> dict:
    with timed("warm-up (language models)"):
        warm_up(freeze_heap=True)  # as the CLI's one-worker engine does
        story_signature("warm up the signature permutations once, as the first batch does " * 3)
    with timed("discover"):
        paths = discover(input_dir).paths
    memory = SiteMemory()
    with timed("survey (read + line keys + learn)"):
        for batch in batched(paths, batch_size * 5):
            for survey in survey_files(batch, input_dir, DEFAULT_MAX_FILE_BYTES):
                memory.learn(survey.sha256, survey.line_keys)
        len(memory)  # merge
    context = StageContext(memory, None)
    run_id, ingested_at = str(uuid.uuid4()), datetime.now(UTC)
    snapshot = Snapshot(output_dir, run_id, ingested_at)
    snapshot.begin()
    outcome = BatchOutcome()
    signatures: dict[str, bytes] = {}
    original = task_fields.story_signature
    task_fields.story_signature = lambda text: signatures.get(text) or original(text)
    pages = stories = 0
    for number, batch in enumerate(batched(paths, batch_size)):
        with timed("read (read_documents)"):
            documents = read_documents(batch, input_dir, DEFAULT_MAX_FILE_BYTES)
        for stage in STAGES:
            with timed(stage.name):
                documents = stage.run(documents, context)
        with timed("minhash signing (story_signature)"):
            signatures.clear()
            for document in documents:
                for story in document.stories:
                    signatures[story.text] = story_signature(story.text)
        with timed("write part (write_documents, no signing)"):
            snapshot.write_documents(number, documents, run_id, ingested_at)
            outcome.add(BatchOutcome.of(documents))
        pages += len(documents)
        stories += sum(len(d.stories) for d in documents)
    task_fields.story_signature = original
    with timed("publish: mark_duplicates"):
        duplicates = snapshot.mark_duplicates()
    with timed("publish: compact + swap"):
        snapshot.publish()
    return {"pages": pages, "stories": stories, "duplicates": duplicates, "statuses": dict(outcome.statuses)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input_dir", type=Path)
    ap.add_argument("--output", type=Path, default=Path("output/bench-stages"))
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--batch-size", type=int, default=100)
    args = ap.parse_args()
    if args.output.exists() and any(args.output.iterdir()):
        if not (args.output / "snapshots").is_dir():  # only an earlier output is replaced, never another folder
            sys.exit(f"{args.output} is not empty and holds no newsprep output: choose another --output")
        shutil.rmtree(args.output)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        result = run(args.input_dir, args.output, args.batch_size)
        profiler.disable()
        profiler.dump_stats(args.profile)
    else:
        result = run(args.input_dir, args.output, args.batch_size)
    print(f"import flows.ingest (Prefect + stages): {T_IMPORT[0]:.2f} s CPU, {T_IMPORT[1]:.2f} s wall")
    print(result)
    total_c, total_w = sum(cpu.values()), sum(wall.values())
    per_page = [name for name in order if name not in ("warm-up (language models)",)]
    print(f"{'stage':45s} {'CPU s':>8s} {'wall s':>8s} {'% CPU':>6s} {'ms/page':>8s}")
    for name in order:
        print(
            f"{name:45s} {cpu[name]:8.2f} {wall[name]:8.2f} {100 * cpu[name] / total_c:6.1f} "
            f"{1000 * cpu[name] / result['pages']:8.2f}"
        )
    print(f"{'total (after imports)':45s} {total_c:8.2f} {total_w:8.2f}")
    work = sum(cpu[n] for n in per_page)
    print(
        f"per page (no imports, no warm-up): {1000 * work / result['pages']:.2f} ms CPU = "
        f"{result['pages'] / work:.1f} pages per CPU-second"
    )
    print(f"process CPU at exit incl. imports: {time.process_time():.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
