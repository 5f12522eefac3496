"""What a local Dask worker process starts with, imported once by the fork server the workers are forked from
(flows/ingest.py, `start_worker_server`): Dask, Prefect and the stages imported and the language models loaded
(lingua's all at once here, where a single process loads each on its first use), so that every worker starts
ready, the models shared copy-on-write, instead of each paying ~2 s of CPU.

Ctrl-C in a terminal goes to every process of its group: the workers ignore it (forked from here, they inherit
that), and the run that started them stops them (flows/server.py)."""

import signal

import distributed  # noqa: F401
import prefect_dask  # noqa: F401

import newsprep.tasks.prefect_tasks  # noqa: F401
from newsprep.tasks.language import preload_lingua_models
from newsprep.tasks.pipeline import warm_up

preload_lingua_models()
# The workers forked from here share what is alive now; frozen, the garbage collector neither walks it again in each
# worker nor touches its pages (they stay shared copy-on-write).
warm_up(freeze_heap=True)
signal.signal(signal.SIGINT, signal.SIG_IGN)
