"""`notify serve --workers N`: N processes serving one port, so the API uses every core.

The parent binds the listening socket, then forks the workers before anything they use has opened a database
connection or started a thread (neither survives a fork). Each worker builds its own app, pools and background
threads and accepts from the shared socket; the kernel wakes the workers that wait, and whichever accepts first
takes the connection. Limits stay exact across workers because they are counted in the database under its row
locks, never in a process's memory. The parent only watches: a worker that dies is replaced, SIGTERM or SIGINT stops
them all, and a worker whose parent has gone stops itself."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from types import FrameType

BACKLOG = 1024
RESTART_PAUSE = 1.0  # seconds before replacing a worker that died, so a crash at start-up cannot spin


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    sock.setblocking(False)  # waitress polls it; a worker that loses the race for a connection must not block
    return sock


def run_workers(count: int, work: Callable[[], None], say: Callable[[str], None] = print) -> int:
    """Fork `count` processes each running `work` (it serves until killed); returns when told to stop."""
    children: dict[int, int] = {}  # pid -> worker number
    stopping = False

    def start(number: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            exit_with_parent(os.getppid())
            code = 0
            try:
                work()
            except BaseException as exc:  # one line, as `notify serve` reports a failed start
                say(f"notify: worker {number}: {type(exc).__name__}: {' '.join(str(exc).split())}")
                code = 1
            finally:
                os._exit(code)  # never run the parent's exit handlers or return into its code
        children[pid] = number

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        for number in range(1, count + 1):
            start(number)
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            number = children.pop(pid, 0)
            if number and not stopping:
                say(f"notify: worker {number} (process {pid}) exited ({_describe(status)}); starting another")
                time.sleep(RESTART_PAUSE)
                if not stopping:
                    start(number)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"status {os.waitstatus_to_exitcode(status)}"


def exit_with_parent(parent: int) -> None:
    """Leave no orphan (serving the port, holding claims) when the parent is killed outright (kill -9 sends its
    children nothing)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="notify-parent-watch", daemon=True).start()
