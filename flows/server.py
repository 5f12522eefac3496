"""The Prefect server of a CLI run, and stopping a run on Ctrl-C or SIGTERM.

Without PREFECT_API_URL, Prefect starts a temporary server for the run itself, in the terminal's process group:
Ctrl-C killed it before the run could react (the run then hung for a minute and failed), and a run killed with
SIGKILL left it behind. newsprep starts that server itself, the way Prefect does (the same uvicorn command), but
in a session of its own, so a signal meant for the run does not reach it first, and set to receive SIGTERM when
the process that started it dies, so that no server outlives its run, even one killed with SIGKILL. The run
stops it when it ends, however it ends.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

SERVER_START_SECONDS = 120.0  # a busy machine needs more than Prefect's 20 s


class ServerStartError(RuntimeError):
    """The temporary Prefect server did not start."""


class TemporaryServer:
    """A Prefect server started for this run (see the module's docstring)."""

    def __init__(self, process: subprocess.Popen | None, url: str | None, errors: IO[bytes] | None = None) -> None:
        self.process, self.url, self.errors = process, url, errors  # errors: the server's stderr, for its last words

    def wait_until_ready(self, timeout: float = SERVER_START_SECONDS) -> None:
        """Return when the server answers; raises ServerStartError when it exits or does not answer in time."""
        if self.process is None:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.errors.seek(0)
                error = self.errors.read().decode(errors="replace").strip()
                raise ServerStartError(
                    f"the temporary Prefect server exited ({self.process.returncode}): {error[-500:]}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise ServerStartError(f"the temporary Prefect server did not answer within {timeout:.0f} s (a busy machine?)")


@contextmanager
def temporary_server() -> Iterator[TemporaryServer]:
    """Start a temporary Prefect server and point this process's Prefect at it (PREFECT_API_URL, set at once, so
    that Prefect imported from here on uses it) for the block; a user's own server (PREFECT_API_URL set) is used
    as it is. Call `wait_until_ready()` before running a flow; other work can go on while the server starts."""
    if os.environ.get("PREFECT_API_URL"):
        yield TemporaryServer(None, None)
        return
    port = _free_port()
    prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent  # without importing Prefect
    # A file, not a pipe: nobody reads a pipe during the run, and a server that wrote 64 KB to one would block.
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(prefect_dir.parent),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={
                **os.environ,
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
            },
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,  # Ctrl-C in the terminal reaches the run, which stops the server in turn
            # (started before any thread of this process; Linux only: prctl)
            preexec_fn=_die_with_parent(os.getpid()) if sys.platform.startswith("linux") else None,
        )
        url = f"http://127.0.0.1:{port}/api"
        os.environ["PREFECT_API_URL"] = url
        try:
            yield TemporaryServer(process, url, errors)
        finally:
            _send_pending_logs()
            os.environ.pop("PREFECT_API_URL", None)
            _stop(process)


def _send_pending_logs() -> None:
    """Deliver the log lines Prefect still holds for the API before the server goes (it would print "Error logging
    to API" at exit otherwise)."""
    if "prefect.logging.handlers" in sys.modules:
        from prefect.logging.handlers import APILogWorker

        with contextlib.suppress(Exception):  # the logs are a courtesy to the UI; stopping the server matters
            APILogWorker.drain_all(timeout=5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent(parent: int):
    def prepare() -> None:  # in the child, before it runs the server
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)

    return prepare


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Interrupted(Exception):  # noqa: N818 - named for what happened, like KeyboardInterrupt
    """The run was stopped by a signal; `code` is the exit status a shell expects (128 + the signal)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal.Signals(signal_number).name)
        self.code = 128 + signal_number


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM (systemd, docker stop) stop the block with Interrupted: the code in it unwinds
    (the output lock is released, the workers and the server stopped; the published snapshot is untouched).
    Raised as KeyboardInterrupt inside the block, which Prefect and Dask let through, and turned into Interrupted
    when it leaves."""
    received: list[int] = []

    def handle(number: int, frame) -> None:
        received.append(number)
        # What unwinds (Prefect's "Crash detected!", Dask's cancelled tasks) is not news: the one line below is.
        logging.disable(logging.CRITICAL)
        raise KeyboardInterrupt

    previous_hook = sys.unraisablehook

    def swallowed(unraisable) -> None:
        # A signal that arrives while the garbage collector runs is handled in the first finalizer (a `__del__`) that
        # runs next, and what a finalizer raises (this KeyboardInterrupt, or Prefect's TerminationSignal for SIGTERM
        # inside a flow) Python only reports: the run would go on as if nothing had come. Send it again, from outside.
        number = getattr(unraisable.exc_value, "signal", None)  # Prefect's TerminationSignal says which
        if number is None and isinstance(unraisable.exc_value, KeyboardInterrupt):
            number = received[-1] if received else signal.SIGINT
        if number in (signal.SIGINT, signal.SIGTERM):
            threading.Timer(0.01, os.kill, (os.getpid(), number)).start()
        else:
            previous_hook(unraisable)

    previous = {number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)}
    sys.unraisablehook = swallowed
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(received[0] if received else signal.SIGINT) from None
    finally:
        sys.unraisablehook = previous_hook
        for number, handler in previous.items():
            signal.signal(number, handler)
        logging.disable(logging.NOTSET)


UNRESPONSIVE_RUN_AUTOMATION = "newsprep: mark unresponsive runs Crashed"
MISSED_HEARTBEATS = 4  # heartbeats missed before a run counts as dead (one late beat is not a death)


def ensure_unresponsive_run_automation(heartbeat_seconds: int, flow_name: str) -> None:
    """Create, once per Prefect server, the automation that marks a flow run Crashed when its heartbeats stop
    (Prefect's recipe for "zombie" runs: the process was killed outright, the machine lost): without it such a run
    stays Running forever. Only runs of the flow `flow_name` are watched."""
    from datetime import timedelta

    from prefect.automations import Automation
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    try:
        Automation.read(name=UNRESPONSIVE_RUN_AUTOMATION)
        return
    except ValueError:  # not there yet
        pass
    Automation(
        name=UNRESPONSIVE_RUN_AUTOMATION,
        description="A newsprep run that stopped sending heartbeats is dead: mark it Crashed (made by newsprep serve).",
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={
                "prefect.flow-run.heartbeat",
                "prefect.flow-run.Completed",
                "prefect.flow-run.Failed",
                "prefect.flow-run.Cancelled",
                "prefect.flow-run.Crashed",
            },
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            match_related=ResourceSpecification({"prefect.resource.role": "flow", "prefect.resource.name": flow_name}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=timedelta(seconds=heartbeat_seconds * MISSED_HEARTBEATS),
        ),
        actions=[
            ChangeFlowRunState(
                state=StateType.CRASHED,
                message=f"no heartbeat for {heartbeat_seconds * MISSED_HEARTBEATS} s: the run's process died",
            )
        ],
    ).create()
