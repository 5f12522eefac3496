#!/usr/bin/env python3
"""Score `tasks.clean.classify_lines` alone on the development evaluation sets.

The body of a page is built the way the product builds it: "\\n\\n".join of the kept lines' text.

    /work/venv/bin/python scripts/eval_clean.py                 # boilerplate + metadata + stories
    /work/venv/bin/python scripts/eval_clean.py boilerplate --worst 10
    /work/venv/bin/python scripts/eval_clean.py --bench /work/shared/bench metadata
    /work/venv/bin/python scripts/eval_clean.py boilerplate --repeat 5     # min-of-5 timing (noisy machine)

Timing: the cleaner caches what a line's text alone decides (a site's template repeats on every page), so the
first pass over a set is the fair "unseen pages" figure; --repeat N runs the set N times with the cache emptied
before each run and reports the fastest.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tasks.clean as clean  # noqa: E402
from tasks.clean import classify_lines  # noqa: E402


def load_score(bench: Path):
    """Import the benchmark's score.py by path (it is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def read_page(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")


def run_set(set_dir: Path, repeat: int = 1) -> tuple[dict[str, str], float, float]:
    """{file name: body} for every doc, mean ms per page and mean ms per 10 KB (fastest of `repeat` runs, each
    with an empty line cache)."""
    docs = sorted((set_dir / "docs").glob("*.txt"))
    texts = {path.name: read_page(path) for path in docs}
    total_bytes = sum(len(text.encode("utf-8")) for text in texts.values())
    bodies: dict[str, str] = {}
    best_s = float("inf")
    for _ in range(max(1, repeat)):
        getattr(clean, "_FACTS", {}).clear()
        total_s = 0.0
        for name, text in texts.items():
            start = time.perf_counter()
            lines = classify_lines(text)
            total_s += time.perf_counter() - start
            bodies[name] = "\n\n".join(line.text for line in lines if line.keep)
        best_s = min(best_s, total_s)
    n = max(1, len(docs))
    return bodies, 1000 * best_s / n, 1000 * best_s / max(1, total_bytes / 10240)


def fmt(d: dict) -> str:
    return "  ".join(f"{k}={v}" for k, v in d.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=["boilerplate", "metadata", "stories"])
    ap.add_argument("--bench", type=Path, default=Path("/work/shared/bench"))
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of each set")
    ap.add_argument("--repeat", type=int, default=1, help="time the set N times, report the fastest")
    a = ap.parse_args()
    score = load_score(a.bench)

    for name in a.sets:
        set_dir = a.bench / name
        bodies, ms, ms10k = run_set(set_dir, a.repeat)
        stories = {f: [{"text": b}] for f, b in bodies.items()}
        gold = score.load_jsonl(set_dir / "gold.jsonl")
        if name == "boilerplate":
            res = score.score_boilerplate(set_dir, stories)
            print(f"boilerplate: {fmt(res)}  ms/page={ms:.2f}  ms/10KB={ms10k:.2f}")
            per = []
            for g in gold:  # F1 with its precision and recall: tells a leaking page from a truncated one
                page = score.prf([score.tp_fp_fn(g["body"], bodies.get(g["file"], ""))])
                per.append((page["f1"], g["file"], f"P={page['precision']} R={page['recall']}"))
            per.sort()
        elif name == "metadata":
            res = score.score_metadata(set_dir, stories)
            keep = {k: v for k, v in res.items() if k.startswith("segment")}
            print(f"metadata: {fmt(keep)}  ms/page={ms:.2f}  ms/10KB={ms10k:.2f}")
            per = []
            for g in gold:
                body = score.norm(bodies.get(g["file"], ""))
                miss = sum(score.norm(s) not in body for s in g.get("with", []))
                leak = sum(score.norm(s) in body for s in g.get("without", []))
                per.append((-(miss + leak), g["file"], f"missed={miss} leaked={leak}"))
            per.sort()
        elif name == "stories":
            # The cleaner alone: recall of every glued story's body inside the file's kept text.
            recalls = []
            for g in gold:
                pred = bodies.get(g["file"], "")
                for body in g["bodies"]:
                    _tp, _fp, fn = score.tp_fp_fn(body, pred)
                    a_sh = score.shingles(body)
                    b_sh = score.shingles(pred)
                    hit = sum(min(c, b_sh.get(k, 0)) for k, c in a_sh.items())
                    recalls.append((hit / max(1, sum(a_sh.values())), g["file"]))
            mean = sum(r for r, _ in recalls) / max(1, len(recalls))
            print(f"stories: body_recall={mean:.4f} over {len(recalls)} stories  ms/page={ms:.2f}")
            per = sorted(recalls)
        else:
            sys.exit(f"unknown set {name}")
        for row in per[: a.worst]:
            print("   ", json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
