#!/usr/bin/env python3
"""Fit the headline score (tasks/metadata/title.py) on the metadata dev pages, with cross-validation.

    python scripts/fit_title.py [SET_DIR] [--folds 5] [--l2 1.0] [--write]

Every title-shaped line around a story's body start is a candidate with the TITLE_FEATURES values
(`title_candidates`); the page's gold title says which candidate is right. The score is a conditional logit:
one weight per feature, the candidate of the highest weighted sum wins, and the weights maximise the
likelihood of the right candidate among its page's candidates (L2-regularised, plain gradient descent: 21
weights need no optimiser library). Pages are split into folds at random (fixed seed); each fold is scored
with weights fitted on the others. Printed: the candidate recall (a right candidate exists: the ceiling of any
weights), the cross-validated accuracy, the accuracy of the weights in use, and of weights fitted on all
pages. `--write` stores the latter, with the figures, in tasks/metadata/title_weights.json.

Only the main story of each page (the longest body, as score.py picks it) is used: the gold title is its
title. The stages before the metadata stage run as one `newsprep ingest` of the set would run them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_sets import BENCH  # noqa: E402  (scripts/ is on sys.path)
from eval_clean import load_score  # noqa: E402  (this script's folder is on sys.path)

from newsprep.tasks.metadata.head import _body_start  # noqa: E402
from newsprep.tasks.metadata.title import (  # noqa: E402
    _WEIGHTS_FILE,
    TITLE_FEATURES,
    TITLE_WEIGHTS,
    title_candidates,
    without_kicker,
)
from newsprep.tasks.split import body_text  # noqa: E402

DEFAULT_SET = BENCH / "metadata"


def pages(set_dir: Path) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per page with a gold title: its candidates' feature matrix and which of them are right (maybe none)."""
    from newsprep.tasks.pipeline import StageContext, run_stages
    from newsprep.tasks.read import discover, read_document
    from newsprep.tasks.site import SiteMemory, page_line_keys

    norm = load_score(set_dir.parent).norm
    gold = {g["file"]: g for g in map(json.loads, (set_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines())}
    docs_dir = set_dir / "docs"
    documents = [read_document(path, docs_dir) for path in discover(docs_dir).paths]
    memory = SiteMemory()
    for document in documents:
        if document.ok:
            memory.learn(document.sha256, page_line_keys(document.raw_text or ""))
    documents = run_stages(documents, StageContext(memory), until="extract-metadata")
    found = []
    for document in documents:
        want = norm(gold.get(Path(document.source_path).name, {}).get("title"))
        if not want or not document.stories:
            continue
        story = max(document.stories, key=lambda s: len(body_text(s.lines)))
        lines, language = story.lines, (story.language or "")[:2] or None
        candidates = title_candidates(lines, _body_start(lines))
        features = np.array([f for _, _, f in candidates], dtype=float).reshape(-1, len(TITLE_FEATURES))
        right = np.array(
            [norm(part or without_kicker(lines, i, language)) == want for i, part, _ in candidates], dtype=bool
        )
        found.append((features, right))
    return found


def fit(train: list[tuple[np.ndarray, np.ndarray]], l2: float, steps: int = 3000) -> np.ndarray:
    """Weights maximising the mean log-likelihood of the right candidate (softmax over a page's candidates)."""
    usable = [(x, r) for x, r in train if r.any()]
    x = np.vstack([x for x, _ in usable])
    scale = np.maximum(np.abs(x).max(axis=0), 1e-9)  # features on a like scale
    x = x / scale
    starts = np.cumsum([0] + [len(r) for _, r in usable[:-1]])  # each page's first row: pages are contiguous
    sizes = np.array([len(r) for _, r in usable])
    target = np.concatenate([r / r.sum() for _, r in usable])  # the right candidates share the page's mass
    weights = np.zeros(x.shape[1])
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    for step in range(1, steps + 1):  # Adam on the mean negative log-likelihood
        z = x @ weights
        z -= np.repeat(np.maximum.reduceat(z, starts), sizes)
        p = np.exp(z)
        p /= np.repeat(np.add.reduceat(p, starts), sizes)
        grad = l2 * weights / len(usable) - x.T @ (target - p) / len(usable)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        weights -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return weights / scale


def accuracy(data: list[tuple[np.ndarray, np.ndarray]], weights: np.ndarray) -> float:
    """Share of pages whose highest-scoring candidate is right (a page without candidates is a miss)."""
    hits = sum(bool(len(x)) and bool(r[int(np.argmax(x @ weights))]) for x, r in data)
    return hits / len(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--write", action="store_true", help="store the weights fitted on all pages")
    args = ap.parse_args()

    data = pages(args.set_dir)
    order = list(range(len(data)))
    random.Random(0).shuffle(order)
    folds = [order[k :: args.folds] for k in range(args.folds)]
    held_out_hits = 0
    for fold in folds:
        held = set(fold)
        weights = fit([data[i] for i in order if i not in held], args.l2, args.steps)
        held_out_hits += accuracy([data[i] for i in fold], weights) * len(fold)
    cross_validated = held_out_hits / len(data)
    recall = sum(bool(r.any()) for _, r in data) / len(data)
    in_use = accuracy(data, np.array(TITLE_WEIGHTS))
    weights = fit(data, args.l2, args.steps)
    print(f"{len(data)} pages with a gold title; a right candidate on {recall:.4f} of them")
    print(f"weights in use: {in_use:.4f}; {args.folds}-fold cross-validated: {cross_validated:.4f}; ", end="")
    print(f"fitted on all pages, on those pages: {accuracy(data, weights):.4f}")
    for name, weight in zip(TITLE_FEATURES, weights, strict=True):
        print(f"  {name:24s} {weight:8.3f}")
    if args.write:
        fitted = {
            "features": list(TITLE_FEATURES),
            "weights": [round(float(w), 5) for w in weights],
            "fitted_on": f"{args.set_dir.name} dev pages ({len(data)} with a gold title)",
            "cross_validated_accuracy": round(cross_validated, 4),
            "candidate_recall": round(recall, 4),
            "folds": args.folds,
            "l2": args.l2,
            "fitted_at": datetime.now(UTC).strftime("%Y-%m-%d"),
        }
        _WEIGHTS_FILE.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
        print(f"written to {_WEIGHTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
