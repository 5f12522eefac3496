"""The `newsprep` command, run as a user runs it: in a subprocess, through its console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

NEWSPREP = [sys.executable, "-c", "from flows.cli import main; main()"]


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEWSPREP, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_ingest_runs_and_prints_a_summary(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str], furniture_only_page: str
) -> None:
    inputs = tmp_path / "pages"
    shutil.copytree(seeds_dir, inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "furniture.txt").write_text(furniture_only_page, encoding="utf-8")  # read fine, no story in it
    result = _run(
        ["ingest", str(inputs), "--output", str(tmp_path / "out"), "--batch-size", "2"],
        prefect_env,
        Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    assert (
        "7 files (7 new, 0 changed, 0 unchanged); processed 7 (1 empty, 1 no-article, 5 ok): 6 stories" in result.stdout
    )
    assert "languages: en 6" in result.stdout
    assert "not ingested: empty.txt: empty" in result.stdout
    no_article = "not ingested: furniture.txt: no-article: all 11 lines removed (menu-run 6, share-widget 3, "
    assert no_article in result.stdout
    # Prefect's own INFO lines stay out of the way without --verbose.
    assert "Finished in state" not in result.stdout + result.stderr
    assert "distributed." not in result.stdout + result.stderr  # nor the Dask cluster's (it ran on the cores here)
    assert len(pd.read_parquet(tmp_path / "out" / "stories")) == 6
    documents = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_path")
    assert (documents.status["furniture.txt"], documents.story_count["furniture.txt"]) == ("no-article", 0)


def test_missing_input_folder_is_a_one_line_error(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    result = _run(["ingest", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")], prefect_env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"newsprep: error: input folder not found: {tmp_path / 'nowhere'}"]
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_a_one_line_error(seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _run(["ingest", str(seeds_dir), "--output", str(blocker / "out")], prefect_env, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsprep: error: output folder is not writable:")


def test_bad_reference_time_is_rejected(seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]) -> None:
    result = _run(
        ["ingest", str(seeds_dir), "-o", str(tmp_path), "--reference-time", "yesterday"], prefect_env, tmp_path
    )
    assert result.returncode == 2
    assert "--reference-time must be an ISO 8601" in result.stderr


def test_help_describes_the_commands(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    top = _run(["--help"], prefect_env, tmp_path)
    assert top.returncode == 0 and "ingest" in top.stdout
    sub = _run(["ingest", "--help"], prefect_env, tmp_path)
    assert sub.returncode == 0
    for option in ("--output", "--batch-size", "--reference-time", "--verbose"):
        assert option in sub.stdout


def test_explain_marks_every_line_with_plain_markers_when_piped(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    page = seeds_dir / "000_f979448debb8ed49.txt"
    result = _run(["explain", str(page)], prefect_env, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe
    assert [line.split(":")[0] for line in out if line.startswith("=== story")] == ["=== story 0", "=== story 1"]
    marked = [line for line in out if line.startswith(("+ ", "- "))]
    non_blank = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(marked) == len(non_blank)
    assert all(line.endswith("]") for line in marked if line.startswith("- "))
    assert any(line.startswith("+ ISLAMABAD: The Pakistan Tehreek-e-Insaf") for line in marked)


def test_explain_missing_file_is_a_one_line_error(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    result = _run(["explain", str(tmp_path / "nope.txt")], prefect_env, tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("newsprep: error: file not found")
