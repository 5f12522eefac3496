#!/usr/bin/env python3
"""Title/author/date accuracy of tasks.metadata on the metadata evaluation set (one story per page).

Usage: python scripts/eval_metadata.py [SET_DIR] [--show title|author|date] [--limit N]
Scores like score.py's score_metadata (exact match after its `norm`; dates on YYYY-MM-DD).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval_clean import load_score, read_page  # noqa: E402  (this script's folder is on sys.path)

from tasks.clean import classify_lines  # noqa: E402
from tasks.metadata import extract_metadata  # noqa: E402

DEFAULT_SET = Path("/work/shared/bench/metadata")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    ap.add_argument("--show", choices=["title", "author", "date"], help="print the failures of one field")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    norm = load_score(args.set_dir.parent).norm
    gold = [json.loads(x) for x in (args.set_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    if args.limit:
        gold = gold[: args.limit]
    hits = {"title": 0, "author": 0, "date": 0}
    seen = dict.fromkeys(hits, 0)
    elapsed = 0.0
    fixed_now = datetime(2026, 1, 1, tzinfo=UTC)  # no file clock here: a fixed fallback keeps runs comparable
    for g in gold:
        lines = classify_lines(read_page(args.set_dir / "docs" / g["file"]))
        t0 = time.perf_counter()
        meta = extract_metadata(lines, fallback_time=fixed_now)
        elapsed += time.perf_counter() - t0
        pred = {
            "title": norm(meta.title),
            "author": sorted(norm(a) for a in meta.authors if norm(a)),
            "date": meta.published_at.strftime("%Y-%m-%d") if meta.published_at else "",
        }
        want = {}
        if "title" in g:
            want["title"] = norm(g["title"])
        if "author" in g:
            ga = g["author"] if isinstance(g["author"], list) else g["author"].split(";")
            want["author"] = sorted(norm(a) for a in ga if norm(a))
        if "date" in g:
            want["date"] = (g["date"] or "")[:10]
        for k, v in want.items():
            seen[k] += 1
            ok = pred[k] == v
            hits[k] += ok
            if args.show == k and not ok:
                print(f"{g['file']}: want {v!r} got {pred[k]!r}")
    n = len(gold)
    for k in hits:
        print(f"{k + '_accuracy':>20}  {hits[k] / seen[k]:.4f}  ({hits[k]}/{seen[k]})")
    print(f"{'ms_per_page':>20}  {1000 * elapsed / max(1, n):.2f}")


if __name__ == "__main__":
    main()
