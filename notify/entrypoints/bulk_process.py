"""`notify serve`'s bulk process (PostgreSQL, no broker): jobs are processed, and their rows delivered and
their receipts recorded, in a process of their own at a lower priority (NOTIFY_WORKER_NICE).

In one process a big job's Python would hold the interpreter the API's requests wait for, however often it
paused for them; apart, the operating system schedules the two, and the API goes first. The API process
leaves a new job `pending` in the database, where the bulk process finds it within a tick (`jobs.tick`, as
it finds a stalled or scheduled one). The process is started with `spawn` (a fresh interpreter: safe from a
process that already has threads and connections), started again should it die, stopped with the server,
and it stops itself when the server is killed outright."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

from .prefork import RESTART_PAUSE, exit_with_parent


class BulkProcess:
    def __init__(self, target: Callable[..., None], args: tuple[Any, ...], say: Callable[[str], None]) -> None:
        self._target, self._args, self._say = target, args, say
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._stopping = threading.Event()

    def start(self) -> None:
        self._spawn()
        threading.Thread(target=self._watch, name="notify-bulk-watch", daemon=True).start()

    def _spawn(self) -> None:
        self._process = self._context.Process(target=_run, args=(self._target, self._args), name="notify-bulk",
                                              daemon=False)
        self._process.start()

    def _watch(self) -> None:
        while not self._stopping.is_set():
            process = self._process
            process.join()
            if self._stopping.wait(RESTART_PAUSE):
                return
            self._say(f"notify: the bulk process ({process.pid}) exited (status {process.exitcode}); "
                      "starting another")
            self._spawn()

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL after `timeout`: what it had not finished, the next one's sweeps take up."""
        self._stopping.set()
        process = self._process
        if process is None or not process.is_alive():
            return
        process.terminate()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(timeout)


def _run(target: Callable[..., None], args: tuple[Any, ...]) -> None:
    exit_with_parent(os.getppid())
    target(*args)
