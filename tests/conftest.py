"""Shared fixtures. Prefect runs in an isolated home with its own temporary server, never the user's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports prefect: its settings are read at import time.
_PREFECT_HOME = tempfile.mkdtemp(prefix="newsprep-test-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.pop("PREFECT_API_URL", None)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect server (about 5 s to start) shared by every test that runs a flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def prefect_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a newsprep subprocess: isolated Prefect home, no telemetry, no outside server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return env


# A page of furniture only: a menu, a date line, share buttons, a copyright line. Read fine, but no story in it.
FURNITURE_ONLY_PAGE = """Home
World
Politics
Business
Sport
Opinion
Published: 12 March 2025, 10:42
Share on Facebook
Share on Twitter
Share on WhatsApp
© 2025 Daily Example. All rights reserved.
"""


@pytest.fixture(scope="session")
def furniture_only_page() -> str:
    return FURNITURE_ONLY_PAGE
