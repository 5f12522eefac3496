#!/usr/bin/env python3
"""Title/author/date accuracy of tasks.metadata on the metadata evaluation set (one story per page).

Usage: python scripts/eval_metadata.py [SET_DIR] [--show title|author|date] [--limit N]
Scores like score.py's score_metadata (exact match after its `norm`; dates on YYYY-MM-DD).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tasks.metadata import extract_metadata  # noqa: E402
from tasks.models import Line  # noqa: E402

try:
    from tasks.clean import classify_lines  # type: ignore  # noqa: E402
except Exception:  # noqa: BLE001 - the cleaner may not exist yet
    classify_lines = None

DEFAULT_SET = Path("/work/shared/bench/metadata")


def load_norm(set_dir: Path):
    """score.py's `norm`, imported from the bench folder next to the set."""
    spec = importlib.util.spec_from_file_location("bench_score", set_dir.parent / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.norm


def read_page(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").replace("\xa0", " ")


def page_lines(text: str) -> list[Line]:
    """The cleaner's verdicts when available, else a trivial stand-in (long lines are body)."""
    if classify_lines is not None:
        try:
            return list(classify_lines(text))
        except Exception as exc:  # noqa: BLE001 - report and fall back: a cleaner bug is not ours
            print(f"classify_lines failed: {exc!r}", file=sys.stderr)
    return [
        Line(number=i, text=t.strip(), keep=len(t.split()) >= 12)
        for i, t in enumerate(text.split("\n"), start=1)
        if t.strip()
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    ap.add_argument("--show", choices=["title", "author", "date"], help="print the failures of one field")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    norm = load_norm(args.set_dir)
    gold = [json.loads(x) for x in (args.set_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    if args.limit:
        gold = gold[: args.limit]
    hits = {"title": 0, "author": 0, "date": 0}
    seen = dict.fromkeys(hits, 0)
    elapsed = 0.0
    fixed_now = datetime(2026, 1, 1, tzinfo=UTC)  # no file clock here: a fixed fallback keeps runs comparable
    for g in gold:
        lines = page_lines(read_page(args.set_dir / "docs" / g["file"]))
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
    cleaner = "tasks.clean" if classify_lines else "stand-in"
    print(f"{'ms_per_page':>20}  {1000 * elapsed / max(1, n):.2f}  (cleaner: {cleaner})")


if __name__ == "__main__":
    main()
