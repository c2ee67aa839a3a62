"""Fair sharing of one process between work someone is waiting for (an HTTP request) and background work
(a job's rows, their hand-overs, receipts).

Background work in the same process competes with a request for the processor and, in Python, for the
interpreter lock: a request that gives the interpreter up at each database round trip then waits behind
every busy background thread to get it back. So the request marks itself in flight, and background work
calls `make_way` between small steps: at once when no request is in flight, else it pauses (for a bounded
while, so that it always keeps a share) until none is."""

from __future__ import annotations

from typing import Protocol


class FairShare(Protocol):
    def foreground_started(self) -> None:
        """The calling thread now serves someone who waits for it (until `foreground_ended`)."""
        ...

    def foreground_ended(self) -> None:
        """The calling thread's foreground work is over; a call without a matching start does nothing."""
        ...

    def make_way(self) -> None:
        """Background work's checkpoint: returns at once unless foreground work is in flight on another thread;
        then waits until none is, or a bounded while has passed. Called on a foreground thread, returns at once."""
        ...
