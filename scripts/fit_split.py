#!/usr/bin/env python3
"""Fit the splitter's gap model (tasks/split.py) on glued dev pages, with cross-validation over pages.

    pip install -e '.[fit]'          # scikit-learn: only this script needs it
    python scripts/fit_split.py [--files 300] [--folds 5] [--trees 200] [--depth 3] [--write]

Training files are made the way a scraper makes them: whole saved pages one after another (an infinite-scroll
capture, a folder concatenated), 1 to 4 pages per file, drawn from the dev pages of the page sets (metadata/ and
boilerplate/ docs by default). Each gap of removed lines between two kept lines is a row of SPLIT_FEATURES
(`tasks.split.gaps`); it is a boundary when a page of the file starts inside it.

Pages, not files, are split into folds (by a hash of their name): every file is glued from the pages of one fold,
so a held-out fold's files hold only pages the model never saw. Each fold is scored with a model fitted on the
others, through `choose_starts` as the stage runs it. Printed: per fold and overall, files whose story count is
exact, and the precision / recall / F1 of the boundaries. `--write` fits on every fold and stores the trees with
the cross-validated figures in tasks/split_model.json.

The model is scikit-learn's gradient boosting (shallow trees: the evidence interacts -- a long seam means little
without a change of subject, a footer little inside a comment thread); the stage scores the stored trees in plain
Python (tasks/trees.py).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_sets import BENCH  # noqa: E402

from newsprep.tasks.language import detect_story_languages  # noqa: E402
from newsprep.tasks.metadata import add_metadata  # noqa: E402
from newsprep.tasks.models import Document, Line, Story  # noqa: E402
from newsprep.tasks.pipeline import StageContext, run_stages  # noqa: E402
from newsprep.tasks.read import discover, read_document  # noqa: E402
from newsprep.tasks.site import SiteMemory, page_line_keys  # noqa: E402
from newsprep.tasks.split import _MODEL_FILE, SPLIT_FEATURES, _Gap, body_text, choose_starts, gaps  # noqa: E402
from newsprep.tasks.trees import Tree, TreeEnsemble  # noqa: E402

DEFAULT_POOLS = (BENCH / "metadata" / "docs", BENCH / "boilerplate" / "docs")
PAGES_PER_FILE = {1: 0.15, 2: 0.4, 3: 0.3, 4: 0.15}
# An infinite-scroll capture appends the next story without its page's header and footer: a page after the first
# is, this often, only its story (the lines from a few above its first body line to its last body line).
STORY_ONLY = 0.5
HEAD_LINES = (2, 10)  # raw lines kept above the first body line of a story-only page without a headline found
# More of this evidence never makes a boundary less likely (+1), or never more likely (-1): the fitted score must
# not learn the opposite from a few dev pages.
MONOTONE = {
    "footer": 1,
    "footer_then_header": 1,
    "skip_link": 1,
    "header_repeat": 1,
    "headline": 1,
    "headline_twice": 1,
    "headline_cue": 1,
    "dateline": 1,
    "highlights": 1,
    "language_change": 1,
    "similarity": -1,
    "block_similarity": -1,
    "content_similarity": -1,
    "content_block_similarity": -1,
}


@dataclass
class GluedFile:
    fold: int
    starts: list[int]  # 1-based line numbers where each page starts
    lines: list[Line]  # after the stages before the splitter
    gaps: list[_Gap]


def page_pool(pools: list[Path]) -> list[tuple[str, str]]:
    """(name, decoded text) of every readable page of the pools."""
    pages = []
    for pool in pools:
        for path in discover(pool).paths:
            document = read_document(path, pool)
            if document.ok and document.raw_text and document.raw_text.strip():
                pages.append((f"{pool.parent.name}/{path.name}", document.raw_text.strip("\n")))
    return pages


def fold_of(name: str, folds: int) -> int:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % folds


def before_split(texts: list[str], memory: SiteMemory) -> list[Document]:
    """`texts` as files read by the pipeline and run through the stages before the splitter."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for n, text in enumerate(texts):
            paths.append(folder / f"{n:05d}.txt")
            paths[-1].write_text(text + "\n", encoding="utf-8")
        read = [read_document(path, folder) for path in paths]
        return run_stages(read, StageContext(memory), until="split-stories")


def story_only(pages: list[tuple[str, str]], memory: SiteMemory, rng: random.Random) -> list[str | None]:
    """Each page cut down to its story as an infinite scroll appends it: from its headline (as the metadata stage
    finds it on the page alone; else a few lines above the first body line) to its last body line. None when
    nothing of the page is kept."""
    documents = before_split([text for _, text in pages], memory)
    # Each page as one story (the splitter is what is being fitted), then its language and metadata.
    for document in documents:
        if document.ok:
            document.stories = [Story(story_index=0, lines=document.lines, text=body_text(document.lines))]
    documents = add_metadata(detect_story_languages(documents))
    stories: list[str | None] = []
    for (_, text), document in zip(pages, documents, strict=True):
        kept = [line.number for line in document.lines if line.keep]
        if not kept:
            stories.append(None)
            continue
        raw = text.split("\n")
        main = document.stories[0]
        body = next(line.number for line in main.lines if line.keep)
        title = main.title and next(
            (line.number for line in reversed(main.lines) if line.number < body and main.title in line.text), None
        )
        first = title - 1 - rng.randint(0, 2) if title else body - 1 - rng.randint(*HEAD_LINES)
        last = max(line.number for line in main.lines if line.keep)
        stories.append("\n".join(raw[max(0, first) : last]))
    return stories


def glued_files(pages: list[tuple[str, str]], folds: int, per_fold: int, seed: int) -> list[GluedFile]:
    """`per_fold` files per fold, each 1-4 pages of that fold glued together, through the stages before the split.
    The site memory learns every page once, as a run over the pages would (files repeat pages)."""
    rng = random.Random(seed)
    memory = SiteMemory()
    for _, text in pages:
        memory.learn(hashlib.sha256(text.encode()).hexdigest(), page_line_keys(text))
    stories = story_only(pages, memory, rng)
    by_fold: list[list[int]] = [[] for _ in range(folds)]
    for n, (name, _) in enumerate(pages):
        by_fold[fold_of(name, folds)].append(n)
    made: list[tuple[str, int, list[int]]] = []  # (the file's text, its fold, its pages' first lines)
    for fold in range(folds):
        for _ in range(per_fold):
            count = rng.choices(list(PAGES_PER_FILE), list(PAGES_PER_FILE.values()))[0]
            chosen = rng.sample(by_fold[fold], min(count, len(by_fold[fold])))
            texts = [
                stories[k] if position and stories[k] and rng.random() < STORY_ONLY else pages[k][1]
                for position, k in enumerate(chosen)
            ]
            starts, line = [], 1
            for text in texts:
                starts.append(line)
                line += text.count("\n") + 1
            made.append(("\n".join(texts), fold, starts))
    documents = before_split([text for text, _, _ in made], memory)
    return [
        GluedFile(fold, starts, document.lines, gaps(document.lines))
        for document, (_, fold, starts) in zip(documents, made, strict=True)
    ]


def is_boundary(file: GluedFile, gap: _Gap) -> bool:
    """A page of the file starts inside the gap (after the kept line before it, up to its body line)."""
    first, last = file.lines[gap.start - 1].number, file.lines[gap.body].number
    return any(first < start <= last for start in file.starts[1:])


def rows(files: list[GluedFile]) -> tuple[np.ndarray, np.ndarray]:
    x = [gap.features for file in files for gap in file.gaps]
    y = [is_boundary(file, gap) for file in files for gap in file.gaps]
    return np.array(x, dtype=float).reshape(-1, len(SPLIT_FEATURES)), np.array(y, dtype=bool)


def fit(files: list[GluedFile], trees: int, depth: int, seed: int, leaf: int = 1) -> TreeEnsemble:
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y = rows(files)
    model = HistGradientBoostingClassifier(
        max_iter=trees,
        max_depth=depth,
        min_samples_leaf=leaf,
        learning_rate=0.1,
        monotonic_cst=[MONOTONE.get(name, 0) for name in SPLIT_FEATURES],
        early_stopping=False,
        random_state=seed,
    )
    model.fit(x, y)
    fitted = []
    for (predictor,) in model._predictors:  # the fitted trees (scikit-learn keeps them as node arrays)
        nodes = predictor.nodes
        leaf_node = nodes["is_leaf"].astype(bool)
        fitted.append(
            Tree(
                tuple(int(f) for f in nodes["feature_idx"]),
                tuple(float(v) for v in nodes["num_threshold"]),
                tuple(-1 if is_leaf else int(c) for c, is_leaf in zip(nodes["left"], leaf_node, strict=True)),
                tuple(-1 if is_leaf else int(c) for c, is_leaf in zip(nodes["right"], leaf_node, strict=True)),
                tuple(float(v) for v in nodes["value"]),
            )
        )
    base = float(np.ravel(model._baseline_prediction)[0])
    ensemble = TreeEnsemble(SPLIT_FEATURES, base, tuple(fitted), {})
    # The plain-Python walk must agree with scikit-learn (thresholds compared in float32 there).
    raw = model.decision_function(x[:2000])
    mine = np.array([ensemble.log_odds(row) for row in x[:2000]])
    agree = float(np.mean(np.sign(raw) == np.sign(mine)))
    if agree < 0.999:
        raise SystemExit(f"the stored trees disagree with scikit-learn on {1 - agree:.2%} of rows")
    return ensemble


def score(files: list[GluedFile], model: TreeEnsemble) -> dict[str, float]:
    """Through `choose_starts`: files with the right number of cuts, and the precision, recall and F1 of the cuts.
    The boundaries are the gaps a page starts in; a page the cleaner left without a kept line shares its gap
    with the next page (or sits before the first or after the last body line) and cannot be cut off."""
    exact = right = cuts = truths = 0
    for file in files:
        starts = choose_starts(file.lines, file.gaps, model)[1:]
        by_position = {gap.position: gap for gap in file.gaps}
        chosen = {by_position[p].body for p in starts if p in by_position}
        boundaries = {gap.body for gap in file.gaps if is_boundary(file, gap)}
        exact += len(starts) == len(boundaries)
        cuts += len(starts)
        right += len(chosen & boundaries)
        truths += len(boundaries)
    precision, recall = right / max(1, cuts), right / max(1, truths)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "count_exact": round(exact / max(1, len(files)), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", type=Path, action="append", help="folder of single pages (repeatable)")
    ap.add_argument("--files", type=int, default=300, help="glued files per fold")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", action="store_true", help=f"store the model fitted on all folds in {_MODEL_FILE.name}")
    args = ap.parse_args()

    pools = args.pool or list(DEFAULT_POOLS)
    pages = page_pool(pools)
    files = glued_files(pages, args.folds, args.files, args.seed)
    x, y = rows(files)
    print(f"{len(pages)} pages, {len(files)} glued files, {len(y)} gaps, {int(y.sum())} boundaries")
    folds = []
    for fold in range(args.folds):
        model = fit([f for f in files if f.fold != fold], args.trees, args.depth, args.seed)
        figures = score([f for f in files if f.fold == fold], model)
        folds.append(figures)
        print(f"fold {fold}: {figures}")
    cross_validated = {key: round(float(np.mean([f[key] for f in folds])), 4) for key in folds[0]}
    print(f"cross-validated: {cross_validated}")
    if args.write:
        model = fit(files, args.trees, args.depth, args.seed)
        in_sample = score(files, model)
        print(f"in-sample: {in_sample}")
        model = TreeEnsemble(
            model.features,
            model.base,
            model.trees,
            {
                "fitted": datetime.now(UTC).strftime("%Y-%m-%d"),
                "pools": [f"{p.parent.name}/{p.name}" for p in pools],
                "pages": len(pages),
                "files": len(files),
                "trees": args.trees,
                "depth": args.depth,
                "cross_validated": cross_validated,
                "in_sample": in_sample,
            },
        )
        _MODEL_FILE.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {_MODEL_FILE}")


if __name__ == "__main__":
    main()
