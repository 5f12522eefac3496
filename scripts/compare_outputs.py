#!/usr/bin/env python3
"""Run `newsprep ingest` over the development sets, and compare two such runs column by column.

    python scripts/compare_outputs.py run OUT_DIR [SET ...]       # OUT_DIR/<set>/ for each set (default: all)
    python scripts/compare_outputs.py run --checkout /tmp/main-wt OUT_DIR   # another checkout's code
    python scripts/compare_outputs.py compare OLD_DIR NEW_DIR     # every set (or other run folder) found in both

`run` calls the CLI of this checkout, or of `--checkout` (e.g. a git worktree of main), with --full so every file
is processed: started in the checkout, with the checkout's folders as the `newsprep` package first on PYTHONPATH
(so the installed package, this checkout, is not what runs): `python -m newsprep.flows.cli`, or `-m flows.cli` for
a checkout from before the package was named newsprep (its code imports `tasks`).
`compare` reads `stories` and `documents` as a user would (pyarrow dataset) and reports, per set and column, how
many rows differ; rows are matched on (source_path, story_index) and source_path. Columns that differ from run to
run by nature (run_id, ingested_at, pipeline_version) are left out; a column only one side has is reported as
such. Exit 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parents[1]
from bench_sets import BENCH, checkout_env  # noqa: E402

SETS = ("boilerplate", "stories", "glued", "world", "metadata", "seeds")
VOLATILE = {"run_id", "ingested_at", "pipeline_version"}
KEYS = {"stories": ("source_path", "story_index"), "documents": ("source_path",)}


def run(out_dir: Path, sets: list[str], checkout: Path = ROOT) -> None:
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    env.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="prefect-home-"))
    env = checkout_env(checkout, env)
    named = "from newsprep." in (checkout / "flows" / "cli.py").read_text(encoding="utf-8")
    cli = "newsprep.flows.cli" if named else "flows.cli"
    for name in sets:
        source = ROOT / "seeds" if name == "seeds" else BENCH / name / "docs"
        target = out_dir / name
        command = [sys.executable, "-m", cli, "ingest", str(source), "--output", str(target), "--full"]
        done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
        print(f"{name}: exit {done.returncode}: {done.stdout.strip().splitlines()[-1:] or done.stderr[-300:]}")


def _rows(folder: Path, dataset: str) -> dict[tuple, dict]:
    table = ds.dataset(folder / dataset, format="parquet").to_table()
    keys = KEYS[dataset]
    return {tuple(row[k] for k in keys): row for row in table.to_pylist()}


def compare(old_dir: Path, new_dir: Path, examples: int = 3) -> int:
    differences = 0
    # The development sets, then any other folder both hold a run of (e.g. a scale corpus's, bench_stages.py's).
    others = sorted(
        folder.name for folder in old_dir.iterdir() if folder.name not in SETS and (folder / "stories").is_dir()
    )
    for name in (*SETS, *others):
        if not (old_dir / name / "stories").exists() or not (new_dir / name / "stories").exists():
            continue
        for dataset in ("stories", "documents"):
            old, new = _rows(old_dir / name, dataset), _rows(new_dir / name, dataset)
            lines = []
            if old.keys() != new.keys():
                only_old, only_new = len(old.keys() - new.keys()), len(new.keys() - old.keys())
                lines.append(f"  rows: {only_old} only before, {only_new} only after")
            shared = sorted(old.keys() & new.keys(), key=repr)
            columns = sorted(set().union(*map(dict.keys, [*old.values(), *new.values()])))
            for column in columns:
                if column in VOLATILE:
                    continue
                diff = [k for k in shared if old[k].get(column, "<absent>") != new[k].get(column, "<absent>")]
                if diff:
                    lines.append(f"  {column}: {len(diff)} of {len(shared)} rows differ")
                    for key in diff[:examples]:
                        before, after = old[key].get(column, "<absent>"), new[key].get(column, "<absent>")
                        lines.append(f"    {key}: {str(before)[:150]!r} -> {str(after)[:150]!r}")
            differences += len(lines)
            print(f"{name}/{dataset}: {'identical' if not lines else 'DIFFERENT'} ({len(shared)} rows)")
            for line in lines:
                print(line)
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run")
    p_run.add_argument("out_dir", type=Path)
    p_run.add_argument("sets", nargs="*", default=list(SETS))
    p_run.add_argument("--checkout", type=Path, default=ROOT)
    p_cmp = sub.add_parser("compare")
    p_cmp.add_argument("old_dir", type=Path)
    p_cmp.add_argument("new_dir", type=Path)
    p_cmp.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    if args.command == "run":
        run(args.out_dir.resolve(), args.sets, args.checkout.resolve())
        return 0
    return compare(args.old_dir, args.new_dir, args.examples)


if __name__ == "__main__":
    sys.exit(main())
