#!/usr/bin/env python3
"""Scale benchmark: `newsprep ingest` over corpora of distinct realistic pages, as a user runs it.

    python scripts/bench_scale.py 1000 5000 --workers 1 2      # corpora built with ../shared/bench/perf_corpus.py

For each corpus size and worker count: a first run (every page new), then a re-run with nothing to do, each a
separate `newsprep ingest` process. Printed per run: wall seconds, CPU seconds of the whole process tree
(user + sys of the CLI and every process it started: the Prefect server, the Dask workers), pages per CPU-second
and per wall-second, and the peak RSS of the largest process of the tree. Corpora are cached in --work.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
POOLS = [BENCH / "boilerplate" / "docs", BENCH / "metadata" / "docs"]


def corpus(work: Path, pages: int) -> Path:
    folder = work / f"corpus-{pages}"
    if not folder.is_dir():
        subprocess.run(
            [sys.executable, str(BENCH / "perf_corpus.py"), str(folder), str(pages), "--pool", *map(str, POOLS)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


# Each run is measured from a fresh intermediate process whose only child is the CLI: its RUSAGE_CHILDREN then
# covers exactly this run's process tree (the CLI reaps the Prefect server and the Dask workers it started), and
# ru_maxrss is the peak RSS of the largest of them.
_MEASURE = """
import json, resource, subprocess, sys
subprocess.run([sys.executable, "-c", "from flows.cli import main; main()", *sys.argv[1:]], check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}))
"""


def run(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """One CLI run: wall seconds, CPU seconds of its whole process tree, peak RSS of its largest process."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    figures = json.loads(result.stdout)
    figures["wall"] = time.perf_counter() - started
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int, help="corpus sizes in pages")
    parser.add_argument("--workers", nargs="+", type=int, default=[1])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsprep-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(args.work / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    header = ("pages", "workers", "run", "wall s", "cpu s", "pages/cpu-s", "pages/s", "peak MB")
    print("{:>6} {:>7} {:<8} {:>8} {:>8} {:>11} {:>8} {:>8}".format(*header))
    for pages in args.sizes:
        folder = corpus(args.work, pages)
        for workers in args.workers:
            output = args.work / f"out-{pages}-{workers}"
            shutil.rmtree(output, ignore_errors=True)
            cli = ["ingest", str(folder), "--output", str(output), "--workers", str(workers)]
            for label in ("first", "no-op"):
                figures = run(cli, env)
                print(
                    f"{pages:>6} {workers:>7} {label:<8} {figures['wall']:>8.1f} {figures['cpu']:>8.1f} "
                    f"{pages / figures['cpu']:>11.1f} {pages / figures['wall']:>8.1f} {figures['peak_rss_mb']:>8.0f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
