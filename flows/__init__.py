"""newsprep's Prefect flows and command line.

Importing this package sets newsprep's defaults for Prefect before Prefect is imported, so that the Python
entry point (`from newsprep.flows.ingest import ingest`) runs like the CLI: no telemetry (the server's analytics,
and the SDK's, which only DO_NOT_TRACK turns off, with its first-run notice), and a temporary server given the time a
busy machine needs to start (Prefect's own default gives up after 20 s). A value the user set is kept.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
