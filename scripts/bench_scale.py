#!/usr/bin/env python3
"""Scale benchmark: `newsprep ingest` over corpora of distinct realistic pages, as a user runs it.

    python scripts/bench_scale.py 2000 --workers 1 2 --repeat 3     # A and B alternately, 3 rounds
    python scripts/bench_scale.py 1000 5000 20000 --workers 1 2      # corpora built with ../shared/bench/perf_corpus.py
    python scripts/bench_scale.py 3000 --repeat 3 --anchor-python /path/to/justext-venv/bin/python
    python scripts/bench_scale.py 3000 --repeat 2 --checkout /tmp/main-wt --first-only   # this code against another

With --anchor-python (an environment with justext, langdetect and pyarrow), each round also runs jusText over the
same pages ($NEWSPREP_BENCH/anchors.py justext: every line a paragraph), measured the same way, right after
newsprep's first runs: issue #20's yardstick is newsprep's first run on one worker against it.

For each corpus size, round and worker count: a first run (every page new), a re-run with nothing to do, and a
run after 1% of the files changed, each a separate `newsprep ingest` process. Printed per run: wall seconds, the
flow's own seconds (the run's summary: from the flow's start to its snapshot published, without the start of
Prefect's temporary server and the imports), CPU seconds of the whole process tree (user + sys of the CLI and every
process it started: the Prefect server, the Dask workers and their fork server), pages per CPU-second and per
wall-second, and the peak RSS of the largest process of the tree. Worker counts alternate within a round, so a
busy machine weighs on both alike; the last lines give medians and ratios. Corpora are cached in --work.

With --checkout DIR (repeatable: git worktrees of other commits), each round runs every version's CLI in turn, this
checkout's first (each version's code imported as the `newsprep` package, see bench_sets.checkout_env): a change's
cost or gain measured as the issue asks, alternately in one run. --first-only skips the re-runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from bench_sets import BENCH, checkout_env  # noqa: E402

POOLS = [BENCH / "boilerplate" / "docs", BENCH / "metadata" / "docs"]
RUNS = ("first", "no-op", "1% changed")


def corpus(work: Path, pages: int) -> Path:
    folder = work / f"corpus-{pages}"
    if not folder.is_dir():
        subprocess.run(
            [sys.executable, str(BENCH / "perf_corpus.py"), str(folder), str(pages), "--pool", *map(str, POOLS)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


# Each run is measured from a fresh intermediate process that makes itself the "subreaper" of the CLI's process
# tree: processes orphaned on the way (the fork server the Dask workers come from outlives the CLI by a moment) are
# re-parented to it and reaped by it, so its RUSAGE_CHILDREN covers exactly this run's process tree, and
# ru_maxrss is the peak RSS of the largest of them.
_MEASURE = """
import ctypes, json, os, resource, subprocess, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
cli = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
                  "code": cli.returncode, "stdout": cli.stdout}))
"""
_SUMMARY_SECONDS_RE = re.compile(r" in ([\d.]+) s\b")
_PREFECT_START_RE = re.compile(r"Prefect's start ([\d.]+) s")
NEWSPREP = [sys.executable, "-c", "from newsprep.flows.cli import main; main()"]


def run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """One command: wall and flow seconds, CPU seconds of its whole process tree, peak RSS of its largest process."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    figures = json.loads(result.stdout)
    if figures["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed ({figures['code']}): {figures['stdout']}")
    figures["wall"] = time.perf_counter() - started
    stdout = figures.pop("stdout")
    summary, prefect_start = _SUMMARY_SECONDS_RE.search(stdout), _PREFECT_START_RE.search(stdout)
    figures["flow"] = float(summary.group(1)) if summary else float("nan")
    if prefect_start:
        figures["flow"] -= float(prefect_start.group(1))
    return figures


def flat_copy(folder: Path) -> Path:
    """The corpus as anchors.py reads a set (SET/docs/*.txt, no sub-folders): hard links to the same files."""
    flat = folder.with_name(folder.name + "-flat")
    docs = flat / "docs"
    if not docs.is_dir():
        docs.mkdir(parents=True)
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                os.link(path, docs / f"{path.parent.name}__{path.stem}.txt")
    return flat


def change_one_percent(folder: Path) -> list[tuple[Path, bytes]]:
    """Append a line to every hundredth file; returns what to restore."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())[::100]
    originals = [(path, path.read_bytes()) for path in files]
    for path, data in originals:
        path.write_bytes(data + b"\nCorrection: an earlier version of this article misstated a date.\n")
    return originals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int, help="corpus sizes in pages")
    parser.add_argument("--workers", nargs="+", type=int, default=[1])
    parser.add_argument("--repeat", type=int, default=1, help="rounds; worker counts alternate within each")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsprep-bench")
    parser.add_argument("--anchor-python", help="a Python with justext, langdetect, pyarrow: run jusText too")
    parser.add_argument("--checkout", type=Path, action="append", default=[], help="another version's checkout")
    parser.add_argument("--first-only", action="store_true", help="only the first runs (every page new)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(args.work / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    # This checkout's code, whichever checkout the environment installed; then the others'.
    versions = {"this": checkout_env(ROOT, env)}
    versions.update((checkout.name, checkout_env(checkout, env)) for checkout in args.checkout)
    labels = RUNS[:1] if args.first_only else RUNS
    # Prefect creates its database on the first run in a PREFECT_HOME (~4 s of CPU), once on a user's machine: an
    # empty run first, so that no measured run pays it.
    empty = args.work / "empty"
    empty.mkdir(exist_ok=True)
    run([*NEWSPREP, "ingest", str(empty), "--output", str(args.work / "out-empty")], env)
    header = ("pages", "workers", "code", "run", "wall s", "flow s", "cpu s", "pages/cpu-s", "pages/s", "peak MB")
    print("{:>6} {:>7} {:<12} {:<10} {:>7} {:>7} {:>7} {:>11} {:>8} {:>8}".format(*header))
    results: dict[tuple[int, int, str, str], list[dict]] = defaultdict(list)

    def show(pages: int, workers: str, version: str, label: str, figures: dict) -> None:
        flow = f"{figures['flow']:>7.1f}" if "flow" in figures else f"{'':>7}"
        print(
            f"{pages:>6} {workers:>7} {version[:12]:<12} {label:<10} {figures['wall']:>7.1f} {flow} "
            f"{figures['cpu']:>7.1f} {pages / figures['cpu']:>11.1f} {pages / figures['wall']:>8.1f} "
            f"{figures['peak_rss_mb']:>8.0f}",
            flush=True,
        )

    for pages in args.sizes:
        folder = corpus(args.work, pages)
        for _ in range(args.repeat):
            for workers in args.workers:
                for version, version_env in versions.items():
                    output = args.work / f"out-{pages}-{workers}-{version}"
                    shutil.rmtree(output, ignore_errors=True)
                    cli = [*NEWSPREP, "ingest", str(folder), "--output", str(output), "--workers", str(workers)]
                    for label in labels:
                        originals = change_one_percent(folder) if label == "1% changed" else []
                        try:
                            figures = run(cli, version_env)
                        finally:
                            for path, data in originals:
                                path.write_bytes(data)
                        results[pages, workers, version, label].append(figures)
                        show(pages, str(workers), version, label, figures)
            if args.anchor_python:
                output = args.work / f"out-{pages}-justext"
                shutil.rmtree(output, ignore_errors=True)
                anchor = [args.anchor_python, str(BENCH / "anchors.py"), "justext", str(flat_copy(folder)), str(output)]
                figures = run(anchor, env)
                figures.pop("flow", None)
                results[pages, 0, "jusText", "first"].append(figures)
                show(pages, "-", "jusText", "", figures)
    print("\nmedians (ratio to this code's first run on the first worker count)")
    for (pages, workers, version, label), runs in results.items():
        if version == "jusText":
            continue
        median = {key: statistics.median(run[key] for run in runs) for key in ("wall", "flow", "cpu", "peak_rss_mb")}
        base_runs = results[pages, args.workers[0], "this", "first"]
        base = {key: statistics.median(run[key] for run in base_runs) for key in median}
        print(
            f"{pages:>6} {workers:>7} {version[:12]:<12} {label:<10} wall {median['wall']:.1f} s "
            f"(x{base['wall'] / median['wall']:.2f} faster), flow {median['flow']:.1f} s "
            f"(x{base['flow'] / median['flow']:.2f}), "
            f"cpu {median['cpu']:.1f} s ({median['cpu'] / base['cpu']:.1%}), peak {median['peak_rss_mb']:.0f} MB"
        )
    for pages in args.sizes:
        anchor = [run["cpu"] for run in results[pages, 0, "jusText", "first"]]
        if not anchor:
            continue
        for version in versions:
            ours = [run["cpu"] for run in results[pages, args.workers[0], version, "first"]]
            print(
                f"{pages:>6} pages: {version}'s first run on {args.workers[0]} worker(s) "
                f"{statistics.median(ours):.1f} s of CPU, jusText {statistics.median(anchor):.1f} s: "
                f"x{statistics.median(ours) / statistics.median(anchor):.2f} (per round: "
                + ", ".join(f"{a / b:.2f}" for a, b in zip(ours, anchor, strict=False))
                + ")"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
