"""Where the evaluation sets are: the folder $NEWSPREP_BENCH names, else `../shared/bench` beside the repository.
The sets are not part of the repository (they are the benchmark's, with its scorer `score.py`); every script that
reads them takes the folder from here."""

from __future__ import annotations

import os
from pathlib import Path

BENCH = Path(os.environ.get("NEWSPREP_BENCH") or Path(__file__).resolve().parents[2] / "shared" / "bench")
