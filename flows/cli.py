"""The `newsprep` command line.

Prefect reads its settings when it is imported, so this module sets the environment first (quiet logs,
no telemetry) and imports the flow only inside the commands.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tasks.read import printable

app = typer.Typer(
    help="Turn folders of scraped news pages into clean, per-story Parquet datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)  # summary lines stay whole when piped or in narrow terminals
errors = Console(stderr=True)


def _fail(message: str) -> NoReturn:
    typer.echo(f"newsprep: error: {printable(message)}", err=True)  # plain: one line, never wrapped
    raise typer.Exit(code=2)


def _configure_process(verbose: bool) -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Arrow's own allocator (mimalloc) keeps the memory it freed: reading and merging the parts at publication
    # then raised the peak by ~50 MB, every batch's tables held ~30 MB more. The C library's malloc returns it.
    # Read by pyarrow when it is first imported, which is later (inherited by the workers and the fork server).
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    if not verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
        os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_LEVEL", "WARNING")
        # The Dask cluster's start and stop, and the cancelled tasks of an interrupted run: a worker's failure
        # reaches the flow (and Prefect's log) as the failed task's error anyway.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")


def _check_writable(output_dir: Path) -> None:
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=output_dir, prefix=".newsprep-write-test-"):
            pass
    except OSError as exc:
        _fail(f"output folder is not writable: {output_dir} ({exc.strerror or exc})")


def _parse_reference_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"--reference-time must be an ISO 8601 date or date-time, got {value!r}")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.callback()
def _main() -> None:
    """newsprep: scraped news pages in, per-story Parquet out (orchestrated by Prefect)."""


@app.command()
def ingest(
    input_dir: Annotated[Path, typer.Argument(help="Folder of scraped pages (.txt or no extension, recursive).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where the Parquet datasets go.")] = Path("output"),
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per Prefect task run.")] = 100,
    max_file_bytes: Annotated[
        int, typer.Option(min=1, help="Files larger than this are recorded as rejected, not read.")
    ] = 10 * 1024 * 1024,
    reference_time: Annotated[
        str | None,
        typer.Option(help="ISO date-time that relative dates ('10 months ago') count back from."),
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Process every file again, changed or not.")] = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify", help="Read and hash every file (default: one of the recorded size and time is unchanged)."
        ),
    ] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop the stories of files no longer below INPUT_DIR (default: keep).")
    ] = False,
    lock_wait: Annotated[
        float, typer.Option(min=0, help="Seconds to wait when another run is writing to the output folder.")
    ] = 0.0,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes running batches in parallel (a local Dask cluster); default: the cores."),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Run the batches on this Dask cluster (tcp://host:8786) instead of a local one."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own log lines.")] = False,
) -> None:
    """Run the ingest flow once over every file below INPUT_DIR (incremental: unchanged files are skipped)."""
    if not input_dir.is_dir():
        _fail(f"input folder not found: {input_dir}")
    _check_writable(output)
    reference = _parse_reference_time(reference_time)
    _configure_process(verbose)
    from flows.server import Interrupted, ServerStartError, stop_on_signals, temporary_server

    workers = workers or default_workers()
    try:
        with stop_on_signals(), temporary_server() as server:
            if workers > 1 and dask_address is None:  # the workers' start beside the Prefect server's, not after it
                threading.Thread(
                    target=_prepare_local_workers, args=(input_dir, output, full or verify), daemon=True
                ).start()
            server.wait_until_ready()
            summary = _run_ingest(
                input_dir=input_dir,
                output_dir=output,
                batch_size=batch_size,
                max_file_bytes=max_file_bytes,
                reference_time=reference,
                full=full,
                verify=verify,
                prune=prune,
                lock_wait_seconds=lock_wait,
                workers=workers,
                dask_address=dask_address,
            )
    except Interrupted as exc:
        typer.echo("newsprep: interrupted; the previous snapshot is untouched", err=True)
        raise typer.Exit(code=exc.code) from None
    except ServerStartError as exc:
        _fail(str(exc))
    _print_summary(summary)


def _prepare_local_workers(input_dir: Path, output: Path, read_all: bool) -> None:
    from flows.ingest import prepare_local_workers

    prepare_local_workers(input_dir, output, read_all)


def _run_ingest(**parameters) -> dict:
    """The ingest flow with a progress bar on a terminal; its summary."""
    from flows.ingest import ingest as ingest_flow
    from flows.ingest import progress_listener
    from tasks.write import OutputBusyError

    with Progress(
        TextColumn("[bold]ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    ) as progress:
        bar = progress.add_task("files", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(bar, completed=done, total=total)

        with progress_listener(advance):
            try:
                return ingest_flow(**parameters)
            except OutputBusyError as exc:
                _fail(str(exc))
            except Exception as exc:  # the flow's own failure, already logged by Prefect
                _fail(f"the ingest run failed: {exc}")


def default_workers() -> int:
    """The cores this process may use (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


DEPLOYMENT_NAME = "newsprep-schedule"


@app.command()
def serve(
    input_dir: Annotated[Path, typer.Argument(help="Folder the scraper keeps filling.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where the Parquet datasets go.")] = Path("output"),
    cron: Annotated[str | None, typer.Option(help="Cron schedule, e.g. '*/15 * * * *'.")] = None,
    interval: Annotated[float | None, typer.Option(min=1, help="Seconds between scheduled runs.")] = None,
    name: Annotated[str, typer.Option(help="Deployment name (trigger it with `newsprep trigger`).")] = DEPLOYMENT_NAME,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per Prefect task run.")] = 100,
    prune: Annotated[bool, typer.Option("--prune", help="Drop the stories of files that disappeared.")] = False,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes per run (a local Dask cluster); default: the cores.")
    ] = None,
    dask_address: Annotated[str | None, typer.Option(help="Run on this Dask cluster (tcp://host:8786).")] = None,
) -> None:
    """Serve the ingest flow as a Prefect deployment on a schedule, until interrupted (Ctrl-C).

    Needs a Prefect server: set PREFECT_API_URL (see the README). Runs triggered by hand (`newsprep trigger`,
    the UI) are executed by this process too. A run that finds another one writing waits for it."""
    if (cron is None) == (interval is None):
        _fail("give exactly one of --cron or --interval")
    if not input_dir.is_dir():
        _fail(f"input folder not found: {input_dir}")
    _check_writable(output)
    _configure_process(verbose=True)
    from flows.ingest import SERVED_FOLDERS_ENV
    from flows.ingest import ingest as ingest_flow

    # The Prefect API has no authentication: whoever reaches it can start this deployment with other parameters.
    # Runs of this process then only read below INPUT_DIR and write below the output folder (see the flow).
    os.environ[SERVED_FOLDERS_ENV] = os.pathsep.join([str(input_dir.resolve()), str(output.resolve())])
    ingest_flow.serve(
        name=name,
        cron=cron,
        interval=interval,
        parameters={
            "input_dir": str(input_dir.resolve()),
            "output_dir": str(output.resolve()),
            "batch_size": batch_size,
            "prune": prune,
            "lock_wait_seconds": 3600.0,
            "workers": workers or default_workers(),
            "dask_address": dask_address,
        },
        description="newsprep: scraped pages in, per-story Parquet out (incremental).",
        tags=["newsprep"],
        # Runs on one output serialise on its lock anyway; queueing them in Prefect (Late, then run in order)
        # keeps one process alive instead of a pile of processes each waiting on the lock.
        limit=1,
    )


@app.command()
def trigger(
    name: Annotated[str, typer.Option(help="Deployment name given to `newsprep serve`.")] = DEPLOYMENT_NAME,
    full: Annotated[bool, typer.Option("--full", help="Process every file again.")] = False,
    wait: Annotated[bool, typer.Option("--wait", help="Wait for the run to finish.")] = False,
) -> None:
    """Start a run of a served ingest deployment now (needs PREFECT_API_URL, like `serve`)."""
    _configure_process(verbose=False)
    from prefect.deployments import run_deployment

    try:
        run = run_deployment(
            f"newsprep-ingest/{name}", parameters={"full": full} if full else None, timeout=None if wait else 0
        )
    except Exception as exc:  # no server, no such deployment, ...
        _fail(f"could not trigger newsprep-ingest/{name}: {exc}")
    state = run.state.name if run.state else "unknown"
    console.print(f"flow run {run.name} ({run.id}): {state}", highlight=False)
    if wait and not (run.state and run.state.is_completed()):
        raise typer.Exit(code=1)


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="One scraped page.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output folder of earlier runs: use the site furniture they learnt."),
    ] = None,
    reference_time: Annotated[
        str | None, typer.Option(help="ISO date-time that relative dates count back from.")
    ] = None,
) -> None:
    """Print FILE with every line marked kept (+) or removed (-) and why, and where each story starts."""
    if not file.is_file():
        _fail(f"file not found: {file}")
    reference = _parse_reference_time(reference_time)
    _configure_process(verbose=False)
    from flows.explain import explain_document, render

    render(explain_document(file, output, reference), console)


def _print_summary(summary: dict) -> None:
    from flows.ingest import status_counts_text

    statuses = status_counts_text(summary["status_counts"])
    languages = ", ".join(f"{lang} {count}" for lang, count in summary["languages"].items()) or "none"
    gone = f", {summary['disappeared']} gone ({'pruned' if summary['pruned'] else 'stories kept'})"
    processes = f" on {len(summary['processes'])} processes" if len(summary["processes"]) > 1 else ""
    console.print(
        f"{summary['files']} files ({summary['new']} new, {summary['changed']} changed, {summary['unchanged']} "
        f"unchanged{gone if summary['disappeared'] else ''}); processed {summary['processed']} "
        f"({statuses}): {summary['stories']} stories in {summary['seconds']:.1f} s{processes} "
        f"-> {printable(summary['output_dir'])} (snapshot {summary['snapshot']})",
        markup=False,
        highlight=False,
    )
    console.print(f"languages: {languages}", highlight=False)
    # File names and reasons come from the input folder: escaped, so that no name can drive the terminal.
    for warning in summary.get("warnings", []):
        errors.print(f"warning: {printable(warning)}", markup=False, highlight=False)
    for path, reason in summary["rejected"].items():
        console.print(f"  not ingested: {printable(path)}: {printable(reason)}", markup=False, highlight=False)
    if summary.get("skipped"):
        console.print(f"  skipped {len(summary['skipped'])} entries:", highlight=False)
        for path, reason in summary["skipped"].items():
            console.print(f"    {printable(path)}: {printable(reason)}", markup=False, highlight=False)


def main() -> None:
    app(prog_name="newsprep")


if __name__ == "__main__":
    sys.exit(main())
