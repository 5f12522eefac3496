#!/usr/bin/env python3
"""Score `tasks.clean.classify_lines` alone on the development evaluation sets.

The body of a page is built the way the product builds it: "\\n\\n".join of the kept lines' text.

    /work/venv/bin/python scripts/eval_clean.py                 # boilerplate + metadata + stories
    /work/venv/bin/python scripts/eval_clean.py boilerplate --worst 10
    /work/venv/bin/python scripts/eval_clean.py --bench /work/shared/bench metadata
    /work/venv/bin/python scripts/eval_clean.py boilerplate --repeat 5     # min-of-5 timing (noisy machine)
    /work/venv/bin/python scripts/eval_clean.py --impl /tmp/clean_old.py --dump /tmp/old.json   # equivalence
    /work/venv/bin/python scripts/eval_clean.py --compare /tmp/old.json                          # ... vs now

Timing: the cleaner caches what a line's text alone decides (a site's template repeats on every page), so the
first pass over a set is the fair "unseen pages" figure; --repeat N runs the set N times with the cache emptied
before each run and reports the fastest.

Equivalence: --dump writes every line's (number, keep, reason, looks_like_caption) for every page of the three
sets, seeds/ and synthetic pages built from the langid paragraphs (all scripts, some hard-wrapped); --compare
checks the current cleaner against such a dump. --impl PATH runs a single-file version of the cleaner instead (the
tasks/clean.py of a commit before tasks/clean/ became a package, e.g. `git show REV:tasks/clean.py >
/tmp/clean_old.py`), so old and new can be timed and dumped back to back.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import textwrap
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_sets import BENCH  # noqa: E402  (scripts/ is on sys.path)

import newsprep.tasks.clean as clean  # noqa: E402
import newsprep.tasks.clean.features as clean_features  # noqa: E402

classify_lines = clean.classify_lines
line_cache = clean_features._FACTS  # the cleaner's per-line cache (emptied before each timed run)


def use_impl(path: Path) -> None:
    """Run the cleaner in `path` (a single-file version of the cleaner) instead of the checkout's."""
    global clean, classify_lines, line_cache
    spec = importlib.util.spec_from_file_location("clean_impl", path)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    clean, classify_lines = module, module.classify_lines
    line_cache = getattr(module, "_FACTS", {})  # a dict or a LineCache: both have clear()


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
        line_cache.clear()
        total_s = 0.0
        for name, text in texts.items():
            start = time.perf_counter()
            lines = classify_lines(text)
            total_s += time.perf_counter() - start
            bodies[name] = "\n\n".join(line.text for line in lines if line.keep)
        best_s = min(best_s, total_s)
    n = max(1, len(docs))
    return bodies, 1000 * best_s / n, 1000 * best_s / max(1, total_bytes / 10240)


def equivalence_pages(bench: Path) -> dict[str, str]:
    """{name: page text}: every dev page of the three sets, the seeds, and one synthetic page per language of the
    langid paragraphs (paragraphs, short sentences and hard-wrapped paragraphs mixed) for the non-Latin paths."""
    pages: dict[str, str] = {}
    for name in ("boilerplate", "stories", "metadata"):
        for path in sorted((bench / name / "docs").glob("*.txt")):
            pages[f"{name}/{path.name}"] = read_page(path)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        pages[f"seeds/{path.name}"] = read_page(path)
    by_lang: dict[str, list[str]] = {}
    for kind in ("paragraphs", "sentences"):
        file = bench / "langid" / f"{kind}.jsonl"
        if file.exists():
            for row in map(json.loads, file.read_text(encoding="utf-8").splitlines()):
                by_lang.setdefault(row["lang"], []).append(row["text"])
    for lang, texts in sorted(by_lang.items()):
        parts = []
        for k, t in enumerate(texts[:120]):
            parts.append("\n".join(textwrap.wrap(t, 72)) if k % 5 == 4 else t)
        pages[f"langid/{lang}"] = "\n\n".join(parts)
    return pages


def dump(bench: Path) -> dict[str, list]:
    out = {}
    for name, text in equivalence_pages(bench).items():
        out[name] = [
            [line.number, line.keep, line.reason, clean.looks_like_caption(line.text)] for line in classify_lines(text)
        ]
    return out


def compare(ref: dict[str, list], now: dict[str, list]) -> int:
    """Print every differing line; returns the number of differences."""
    diffs = 0
    for name in sorted(set(ref) | set(now)):
        a, b = ref.get(name), now.get(name)
        if a == b:
            continue
        if a is None or b is None or len(a) != len(b):
            print(f"{name}: page differs ({len(a or [])} vs {len(b or [])} lines)")
            diffs += 1
            continue
        for x, y in zip(a, b, strict=True):
            if x != y:
                print(f"{name}: line {x[0]}: {x[1:]} -> {y[1:]}")
                diffs += 1
    return diffs


def fmt(d: dict) -> str:
    return "  ".join(f"{k}={v}" for k, v in d.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=["boilerplate", "metadata", "stories"])
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of each set")
    ap.add_argument("--repeat", type=int, default=1, help="time the set N times, report the fastest")
    ap.add_argument("--impl", type=Path, help="run this single-file version of the cleaner instead of tasks/clean/")
    ap.add_argument("--dump", type=Path, help="write every line's verdict on the equivalence pages to this file")
    ap.add_argument("--compare", type=Path, help="compare the verdicts on the equivalence pages with this dump")
    a = ap.parse_args()
    if a.impl:
        use_impl(a.impl)
    if a.dump or a.compare:
        now = dump(a.bench)
        if a.dump:
            a.dump.write_text(json.dumps(now), encoding="utf-8")
            print(f"dumped {sum(map(len, now.values()))} lines of {len(now)} pages to {a.dump}")
        if a.compare:
            diffs = compare(json.loads(a.compare.read_text(encoding="utf-8")), now)
            print(f"{diffs} differences over {sum(map(len, now.values()))} lines of {len(now)} pages")
            sys.exit(1 if diffs else 0)
        return
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
