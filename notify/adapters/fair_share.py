"""Foreground first, within one process (ports.fair_share).

A checkpoint of background work costs one attribute read while no request is in flight. While one is, the
background thread blocks on a condition (giving the interpreter up) until the last request ends, or for at
most `max_wait`: under a steady flood of requests background work still runs between its pauses, so a job
is slowed down, never stopped."""

from __future__ import annotations

import threading


class ForegroundFirst:
    def __init__(self, *, max_wait: float = 0.1) -> None:
        self._max_wait = max_wait
        self._in_flight = 0
        self._idle = threading.Condition(threading.Lock())
        self._mine = threading.local()  # whether this thread's own foreground work is in flight

    def foreground_started(self) -> None:
        if getattr(self._mine, "foreground", False):
            return
        self._mine.foreground = True
        with self._idle:
            self._in_flight += 1

    def foreground_ended(self) -> None:
        if not getattr(self._mine, "foreground", False):
            return
        self._mine.foreground = False
        with self._idle:
            self._in_flight -= 1
            if not self._in_flight:
                self._idle.notify_all()

    def make_way(self) -> None:
        if not self._in_flight or getattr(self._mine, "foreground", False):
            return  # an unlocked read: at worst one checkpoint pauses late or not at all
        with self._idle:
            self._idle.wait_for(lambda: not self._in_flight, self._max_wait)

    @property
    def in_flight(self) -> int:
        """Threads doing foreground work now."""
        return self._in_flight
