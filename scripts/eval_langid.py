"""Per-language accuracy of tasks.language on the langid dev set: macro figures, speed and worst confusions.

python scripts/eval_langid.py [--sample N] [--kind sentences|paragraphs] [--set DIR] [--errors]

--sample N takes the bench's sample (its seed; the bench uses 3000 sentences and 1500 paragraphs); without it the
whole set. --errors lists every wrong answer on langdetect's languages (the ones macro_langdetect_langs counts).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_sets import BENCH  # noqa: E402  (scripts/ is on sys.path)

from newsprep.tasks.language import _LANGDETECT_KNOWS, detect_language  # noqa: E402

LANGDETECT = _LANGDETECT_KNOWS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default=str(BENCH / "langid"))
    parser.add_argument("--kind", default="sentences")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (Path(args.set) / f"{args.kind}.jsonl").open(encoding="utf-8")]
    if args.sample:
        random.Random(0).shuffle(rows)
        rows = rows[: args.sample]
    ok: Counter[str] = Counter()
    n: Counter[str] = Counter()
    wrong: dict[str, Counter[str]] = defaultdict(Counter)
    bins: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    start = time.perf_counter()
    results = [detect_language(r["text"]) for r in rows]
    seconds = time.perf_counter() - start
    for row, result in zip(rows, results, strict=True):
        gold = row["lang"]
        n[gold] += 1
        hit = result.lang == gold
        ok[gold] += hit
        bins[min(9, int(result.confidence * 10))][0] += 1
        bins[min(9, int(result.confidence * 10))][1] += hit
        if not hit:
            wrong[gold][result.lang] += 1
            if args.errors and gold in LANGDETECT:
                text = " ".join(row["text"].split())
                print(f"{gold} -> {result.lang} ({result.confidence:.2f}): {text[:300]}")
    acc = {lang: ok[lang] / n[lang] for lang in n}
    sub = [a for lang, a in acc.items() if lang in LANGDETECT]
    print(
        f"{args.kind}: macro_all {sum(acc.values()) / len(acc):.4f}  langdetect-langs {sum(sub) / len(sub):.4f}"
        f"  {len(rows) / seconds:.0f} texts/s"
    )
    worst = sorted(acc, key=acc.get)[:15]
    print("worst:", "  ".join(f"{lang}:{acc[lang]:.2f}({','.join(wrong[lang])})" for lang in worst))
    print("confidence bins (n, accuracy):", {b / 10: (c[0], round(c[1] / c[0], 3)) for b, c in sorted(bins.items())})


if __name__ == "__main__":
    main()
