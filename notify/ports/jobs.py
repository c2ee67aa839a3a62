"""The job queue: hands a job that is ready to run (pending) to whatever processes it, outside the request.
At-least-once: processing claims the job with a compare-and-set, so a second hand-over is a no-op."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID


class JobQueue(Protocol):
    def enqueue_job(self, job_id: UUID) -> None: ...
