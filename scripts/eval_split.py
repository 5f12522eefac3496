#!/usr/bin/env python3
"""Score `tasks.split.split_stories` on the multi-story bench (cleaner + splitter, no metadata stage).

Each docs/*.txt is read as the pipeline reads it (utf-8, CRLF -> LF, no-break space -> space), classified with
`classify_lines`, split with `split_stories`; each span's body is `body_text(span)`. The bench's own
`score_stories` scores the result.

    .venv/bin/python scripts/eval_split.py                  # metrics only
    .venv/bin/python scripts/eval_split.py --show           # plus per-file counts and boundaries
    .venv/bin/python scripts/eval_split.py --show --only multi_003.txt
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_sets import BENCH  # noqa: E402  (scripts/ is on sys.path)
from eval_clean import load_score, read_page  # noqa: E402  (this script's folder is on sys.path)

from newsprep.tasks.clean import classify_lines  # noqa: E402
from newsprep.tasks.models import Line  # noqa: E402
from newsprep.tasks.split import body_text, split_stories  # noqa: E402

DEFAULT_SET = BENCH / "stories"


def _gold_start(lines: list[Line], body: str) -> int | None:
    """Line number of the first line of a gold body (matched on its first paragraph's opening)."""
    first = body.strip().split("\n")[0].strip()[:60]
    for line in lines:
        if first and line.text.startswith(first):
            return line.number
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="evaluation set dir (docs/ + gold.jsonl)")
    ap.add_argument("--score", type=Path, default=None, help="score.py (default: <set>/../score.py)")
    ap.add_argument("--show", action="store_true", help="per-file gold vs predicted counts and boundaries")
    ap.add_argument("--only", nargs="*", default=None, help="restrict --show to these file names")
    args = ap.parse_args()

    score = load_score(args.score.parent if args.score else args.set.parent)
    gold = {g["file"]: g["bodies"] for g in score.load_jsonl(args.set / "gold.jsonl")}
    stories: dict[str, list[dict[str, str]]] = {}
    for path in sorted((args.set / "docs").glob("*.txt")):
        lines = classify_lines(read_page(path))
        spans = split_stories(lines)
        stories[path.name] = [{"text": body_text(span)} for span in spans]
        if args.show and (args.only is None or path.name in args.only):
            bodies = gold.get(path.name, [])
            gold_starts = [_gold_start(lines, body) for body in bodies]
            predicted = [span[0].number for span in spans]
            mark = "ok " if len(spans) == len(bodies) else "BAD"
            f1s = [max((score.body_f1(body, s["text"]) for s in stories[path.name]), default=0.0) for body in bodies]
            print(
                f"{mark} {path.name}: gold {len(bodies)} pred {len(spans)}  "
                f"gold body starts {gold_starts}  pred span starts {predicted}  "
                f"gold F1s {[round(f, 2) for f in f1s]}"
            )
    result = score.score_stories(args.set, stories)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
