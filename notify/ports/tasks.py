"""Running work later, off the caller's thread: the use cases hand over a task (a callable taking no
arguments) and go on. For work whose outcome the caller does not wait for, such as callbacks to services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class TaskRunner(Protocol):
    def later(self, task: Callable[[], object], *, delay: float = 0.0) -> None:
        """Run `task` on a background worker, no sooner than `delay` seconds from now. Never blocks on the task
        and never raises what the task raises. In-process runners lose what is waiting when the process stops."""
        ...
