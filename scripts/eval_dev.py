#!/usr/bin/env python3
"""The development sets through the pipeline in one process, scored as run_dev.sh scores them: fast figures.

    python scripts/eval_dev.py                        # every set, output in a temporary folder
    python scripts/eval_dev.py stories glued --out /tmp/run-a    # keep the datasets (compare_outputs.py compare)

Each set is run as one `newsprep ingest` run would run it, without Prefect: every file surveyed and the site
memory learnt first, then read -> tasks.pipeline.run_stages -> one Parquet part per batch of 100 -> publish. The
datasets are the flow's (compare_outputs.py shows them identical); `../shared/bench/run_dev.sh` stays the
reference (it runs the CLI). Scores come from the bench's own score.py, reading the Parquet as a user would.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_sets import BENCH  # noqa: E402

from newsprep.tasks.pipeline import StageContext, process_files  # noqa: E402
from newsprep.tasks.read import DEFAULT_MAX_FILE_BYTES, discover_files  # noqa: E402
from newsprep.tasks.site import SiteMemory, survey_files  # noqa: E402
from newsprep.tasks.write import Snapshot  # noqa: E402

SETS = ("boilerplate", "stories", "glued", "world", "metadata")
TASK = {"world": "boilerplate"}  # world is scored as article bodies
BATCH = 100


def load_score():
    spec = importlib.util.spec_from_file_location("bench_score", BENCH / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def ingest(docs_dir: Path, output_dir: Path) -> int:
    """One ingest run of `docs_dir` into `output_dir` (as the flow does it, without Prefect); returns the files."""
    paths = discover_files(docs_dir)
    memory = SiteMemory()
    for survey in survey_files(paths, docs_dir, DEFAULT_MAX_FILE_BYTES):
        memory.learn(survey.sha256, survey.line_keys)
    run_id, now = "eval-dev", datetime.now(UTC)
    snapshot = Snapshot(output_dir, run_id, now)
    snapshot.begin()
    context = StageContext(memory)
    for start in range(0, len(paths), BATCH):
        documents = process_files(paths[start : start + BATCH], docs_dir, context)
        snapshot.write_documents(start // BATCH, documents, run_id, now)
    snapshot.mark_duplicates()
    snapshot.publish()
    return len(paths)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--out", type=Path, help="keep the datasets here (OUT/<set>)")
    args = parser.parse_args()
    score = load_score()
    out = args.out or Path(tempfile.mkdtemp(prefix="eval-dev-"))
    for name in args.sets:
        set_dir = BENCH / name
        target = out / name
        shutil.rmtree(target, ignore_errors=True)
        started = time.process_time()
        files = ingest(set_dir / "docs", target)
        seconds = time.process_time() - started
        task = TASK.get(name, name)
        metrics = getattr(score, f"score_{task}")(set_dir, score.load_stories(target))
        print(f"== {name}: {files} files, {seconds:.1f} CPU s")
        print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
