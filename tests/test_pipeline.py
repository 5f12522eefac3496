"""The stage order, written once (tasks/pipeline.py), and Prefect kept out of the stages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsprep.tasks.pipeline import STAGE_NAMES, StageContext, process_files, run_stages
from newsprep.tasks.read import read_document

ROOT = Path(__file__).resolve().parents[1]


def test_the_stages_run_in_their_one_order(seeds_dir: Path) -> None:
    assert STAGE_NAMES == (
        "clean-boilerplate",
        "remove-site-furniture",
        "split-stories",
        "detect-language",
        "extract-metadata",
        "flag-no-article",
    )
    path = next(iter(sorted(seeds_dir.iterdir())))
    before_metadata = run_stages([read_document(path, seeds_dir)], StageContext(), until="extract-metadata")[0]
    assert before_metadata.stories and all(story.title is None for story in before_metadata.stories)
    assert {story.language for story in before_metadata.stories} == {"en"}
    whole = process_files([path], seeds_dir, StageContext())[0]
    assert [story.text for story in whole.stories] and all(story.title for story in whole.stories)


def test_an_unknown_stage_is_refused() -> None:
    with pytest.raises(ValueError, match="no stage named 'clean'"):
        run_stages([], StageContext(), until="clean")


def test_only_the_task_wrappers_import_prefect() -> None:
    # Every module of tasks/ but tasks/prefect_tasks.py imports without Prefect: `explain`, the scripts and the
    # workers do not pay for it, and the stages stay plain code.
    modules = sorted(
        "newsprep." + ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "tasks").rglob("*.py")
    )
    assert "newsprep.tasks.prefect_tasks" in modules and "newsprep.tasks.clean.rules" in modules
    plain = [name for name in modules if name != "newsprep.tasks.prefect_tasks"]
    code = (
        "import importlib, sys\n"
        f"for name in {plain!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'prefect' or m.startswith('prefect.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
