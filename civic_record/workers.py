"""Worker processes forked from the command, shared by the record reader and the page renderer.

A worker is forked, so it starts with what the command holds (the corpus, the configuration)
without copying it. Signals are the command's: SIGINT and SIGTERM are blocked while the
workers are forked, and each worker ignores SIGINT and dies on SIGTERM, so a Ctrl-C stops the
command (which stops its workers) without a traceback from each worker.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

JOBS_ENV = "CIVIC_RECORD_JOBS"
"""How many processes read records and render pages (``build --jobs``); by default, one per core."""

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """``CIVIC_RECORD_JOBS`` when set to a whole number from 1, else the cores this process may use."""
    value = os.environ.get(JOBS_ENV, "")
    if value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def start_worker() -> None:
    """A worker leaves signals to the command (which stops the workers) and logs nothing itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    root = logging.getLogger()
    for logger in (root, logging.getLogger("mkdocs")):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)


def forked_pool(jobs: int, initializer: Callable[[], None] = start_worker) -> ProcessPoolExecutor:
    """A pool of ``jobs`` forked workers (started by its first ``map``)."""
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=initializer)


def mapped(executor: ProcessPoolExecutor, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``executor.map``, its workers forked with SIGINT and SIGTERM blocked (see ``start_worker``)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        results = executor.map(function, items)  # starts the workers
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return results


def stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, work pending or not (after a failure or a signal)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()
