#!/usr/bin/env python3
"""The `world` set's article-body F1 by language (the bench's score.py gives only the total).

    python scripts/eval_dev.py world --out /tmp/run       # or: newsprep ingest ../shared/bench/world/docs ...
    python scripts/world_by_language.py /tmp/run/world     # one row per language, worst first

Each language is scored exactly as score.py scores the whole set (shingle F1 over that language's pages), so the
rows are comparable with the total printed last.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from eval_dev import BENCH, load_score  # the bench's own score.py, loaded the one way


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path, help="the run's output folder (holding stories/)")
    parser.add_argument("--set", type=Path, default=BENCH / "world", help="the set (docs/ and gold.jsonl)")
    parser.add_argument("--pages", action="store_true", help="also print each page's figures")
    args = parser.parse_args()
    score = load_score()
    stories = score.load_stories(args.output)
    by_language: dict[str, list] = defaultdict(list)
    every = []
    for gold in score.load_jsonl(args.set / "gold.jsonl"):
        predicted = "\n".join(s.get("text") or "" for s in stories.get(gold["file"], []))
        triple = score.tp_fp_fn(gold["body"], predicted)
        language = gold.get("lang") or gold["file"].split("_")[0]
        by_language[language].append(triple)
        every.append(triple)
        if args.pages:
            page = score.prf([triple])
            print(f"  {gold['file']:<14} f1 {page['f1']:.3f} p {page['precision']:.3f} r {page['recall']:.3f}")
    rows = sorted(((score.prf(t), lang, len(t)) for lang, t in by_language.items()), key=lambda r: r[0]["f1"])
    print(f"{'language':<9} {'pages':>5} {'f1':>6} {'prec':>6} {'recall':>6}")
    for figures, language, pages in rows:
        print(f"{language:<9} {pages:>5} {figures['f1']:>6.3f} {figures['precision']:>6.3f} {figures['recall']:>6.3f}")
    total = score.prf(every)
    print(f"{'all':<9} {len(every):>5} {total['f1']:>6.3f} {total['precision']:>6.3f} {total['recall']:>6.3f}")
    below = [language for figures, language, _ in rows if figures["f1"] < 0.85]
    print(f"below 0.85: {len(below)} ({' '.join(below) or 'none'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
