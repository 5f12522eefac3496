#!/usr/bin/env python3
"""Title/author/date accuracy of tasks.metadata on the metadata evaluation set (one story per page).

Usage: python scripts/eval_metadata.py [SET_DIR] [--show title|author|date] [--limit N]
Scores like score.py's score_metadata (exact match after its `norm`; dates on YYYY-MM-DD).

       python scripts/eval_metadata.py --head-lines SET_DIR [--examples CLASS]
What the metadata stage does to the story bodies, per class of line it moves (headline, standfirst,
highlight, byline, date, caption) and the cleaner's verdict before it (`kept`, or its reason): how many of
those lines the gold counts as content or boilerplate.  Runs the flow's stages without Prefect (site furniture
learnt over the whole set, as one `newsprep ingest` run) and scores the bodies the way score.py does, before and
after the metadata stage.  metadata set: a line is content when a `with` segment is in it (or it in one),
boilerplate for a `without` one, else unjudged; boilerplate set (and stories): content when it is in the
gold body.  CLASS like `standfirst<headline` prints those lines.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_sets import BENCH  # noqa: E402  (scripts/ is on sys.path)
from eval_clean import load_score, read_page  # noqa: E402  (this script's folder is on sys.path)

from newsprep.tasks.clean import classify_lines  # noqa: E402
from newsprep.tasks.metadata import apply_metadata, extract_metadata  # noqa: E402

DEFAULT_SET = BENCH / "metadata"


def _pipeline_until_metadata(set_dir: Path) -> list:
    """Documents after read -> clean -> site furniture -> split -> language, as one ingest run of the set."""
    from newsprep.tasks.pipeline import StageContext, run_stages
    from newsprep.tasks.read import discover_files, read_document
    from newsprep.tasks.site import SiteMemory, page_line_keys

    docs_dir = set_dir / "docs"
    documents = [read_document(path, docs_dir) for path in discover_files(docs_dir)]
    memory = SiteMemory()
    for document in documents:
        if document.ok:
            memory.learn(document.sha256, page_line_keys(document.raw_text or ""))
    return run_stages(documents, StageContext(memory), until="extract-metadata")


def head_lines(set_dir: Path, examples: str | None) -> None:
    score = load_score(set_dir.parent)
    gold = {g["file"]: g for g in score.load_jsonl(set_dir / "gold.jsonl")}
    before = _pipeline_until_metadata(set_dir)
    after = [apply_metadata(document) for document in copy.deepcopy(before)]

    def rows(documents):
        return {
            Path(d.source_path).name: [
                {"text": s.text, "title": s.title, "authors": s.authors, "published_at": s.published_at}
                for s in d.stories
            ]
            for d in documents
        }

    scorer = score.score_metadata if "with" in next(iter(gold.values()), {}) else score.score_boilerplate
    print("before metadata:", json.dumps(scorer(set_dir, rows(before))))
    print("after metadata: ", json.dumps(scorer(set_dir, rows(after))))

    def verdict(name: str, text: str) -> str:
        g, t = gold.get(name, {}), score.norm(text)
        if "with" not in g:
            body = score.norm(g.get("body") or " ".join(g.get("bodies", [])))
            return "short" if len(t.split()) < 3 else ("content" if t in body else "boilerplate")

        def hit(segs):
            return any(
                score.norm(s) and (score.norm(s) in t or (len(t.split()) >= 3 and t in score.norm(s))) for s in segs
            )

        w, wo = hit(g.get("with", [])), hit(g.get("without", []))
        return "both" if w and wo else "content" if w else "boilerplate" if wo else "unjudged"

    table: dict[str, Counter] = defaultdict(Counter)
    shown: dict[str, list[str]] = defaultdict(list)
    for old, new in zip(before, after, strict=True):
        name = Path(new.source_path).name
        was = {line.number: line for line in old.lines}
        for line in new.lines:
            prev = was[line.number]
            if line.keep == prev.keep and line.reason == prev.reason:
                continue  # untouched by the metadata stage
            moved = f"{line.reason or 'body'}<{'kept' if prev.keep else prev.reason}"
            v = verdict(name, line.text)
            table[moved][v] += 1
            table[moved]["lines"] += 1
            shown[moved].append(f"{v:12s} {name}: {line.text[:140]}")
    for moved, counts in sorted(table.items(), key=lambda kv: -kv[1]["lines"]):
        print(f"  {moved:36s} " + "  ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    for row in shown.get(examples or "", []):
        print("   ", row)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    ap.add_argument("--show", choices=["title", "author", "date"], help="print the failures of one field")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--head-lines", action="store_true", help="per class of line the metadata stage moves")
    ap.add_argument("--examples", help="with --head-lines: print the lines of one class, e.g. standfirst<kept")
    args = ap.parse_args()
    if args.head_lines:
        head_lines(args.set_dir, args.examples)
        return
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
