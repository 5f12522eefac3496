"""scripts/bench_stages.py times the stages outside Prefect: its dataset must be the one a real run makes, or its
figures would time some other work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).parents[1]
COMPARED = ["source_path", "story_index", "title", "text", "language", "authors", "minhash"]


def _stories(output: Path) -> pd.DataFrame:
    stories = pd.read_parquet(output / "stories")[COMPARED]
    stories["authors"] = stories["authors"].map(list)
    return stories.sort_values(["source_path", "story_index"]).reset_index(drop=True)


def test_the_stage_benchmark_makes_the_dataset_of_a_run(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    bench = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_stages.py"), str(seeds_dir), "--output", str(tmp_path / "b")],
        env=prefect_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bench.returncode == 0, bench.stderr
    assert "extract-metadata" in bench.stdout and "pages per CPU-second" in bench.stdout
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsprep.flows.cli import main; main()",
            "ingest",
            str(seeds_dir),
            "--output",
            str(tmp_path / "r"),
            "--workers",
            "1",
        ],
        env=prefect_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    made, expected = _stories(tmp_path / "b"), _stories(tmp_path / "r")
    assert len(expected) >= 5
    pd.testing.assert_frame_equal(made, expected)


def test_the_stage_benchmark_replaces_only_its_own_output(seeds_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    bench = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_stages.py"), str(seeds_dir), "--output", str(other)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bench.returncode != 0 and "holds no newsprep output" in bench.stderr
    assert (other / "keep.txt").read_text() == "mine"
