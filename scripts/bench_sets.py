"""Where the evaluation sets are: the folder $NEWSPREP_BENCH names, else `../shared/bench` beside the repository.
The sets are not part of the repository (they are the benchmark's, with its scorer `score.py`); every script that
reads them takes the folder from here. Also how the scripts run another checkout's code (a git worktree of an older
commit, say) beside this one's: `checkout_env`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

BENCH = Path(os.environ.get("NEWSPREP_BENCH") or Path(__file__).resolve().parents[2] / "shared" / "bench")


def checkout_env(checkout: Path, env: dict[str, str]) -> dict[str, str]:
    """`env` for a Python that imports `checkout`'s code as the `newsprep` package: its flows/ and tasks/ linked into
    a temporary folder as the wheel lays them out, first on PYTHONPATH (before the installed package, whichever
    checkout that is). Run `python -m newsprep.flows.cli` with it (`flows.cli` for a checkout from before the
    package was named newsprep)."""
    package = Path(tempfile.mkdtemp(prefix="newsprep-checkout-")) / "newsprep"
    package.mkdir()
    for folder in ("flows", "tasks"):
        (package / folder).symlink_to(Path(checkout).resolve() / folder, target_is_directory=True)
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(package.parent), env.get("PYTHONPATH")]))}
