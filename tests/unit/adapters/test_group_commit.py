"""Group commit: every caller gets its own outcome, callers waiting together share a batch, one batch runs
at a time, and a batch that fails fails each of its callers."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pytest

from notify.adapters.group_commit import GroupCommit


class Recorder:
    def __init__(self, pause: float = 0.0) -> None:
        self.batches: list[list[int]] = []
        self.running = 0
        self.most_at_once = 0
        self.pause = pause
        self._lock = threading.Lock()

    def run(self, items: list[int]) -> Sequence[int | BaseException]:
        with self._lock:
            self.batches.append(items)
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        time.sleep(self.pause)  # a commit's round trips: others queue meanwhile
        with self._lock:
            self.running -= 1
        return [ValueError(f"odd {i}") if i % 7 == 3 else i * 10 for i in items]


def _submit_all(commit: GroupCommit[int, int], recorder: Recorder, count: int) -> dict[int, object]:
    outcomes: dict[int, object] = {}

    def call(i: int) -> None:
        try:
            outcomes[i] = commit.submit(i, recorder.run)
        except ValueError as exc:
            outcomes[i] = str(exc)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcomes


def test_a_lone_caller_runs_a_batch_of_one_at_once() -> None:
    recorder = Recorder()
    assert GroupCommit[int, int]().submit(5, recorder.run) == 50
    assert recorder.batches == [[5]]


def test_concurrent_callers_share_batches_and_each_gets_its_own_outcome() -> None:
    recorder = Recorder(pause=0.02)
    outcomes = _submit_all(GroupCommit(max_batch=8), recorder, 40)
    assert outcomes == {i: f"odd {i}" if i % 7 == 3 else i * 10 for i in range(40)}
    assert sorted(i for batch in recorder.batches for i in batch) == list(range(40))  # each exactly once
    assert len(recorder.batches) < 40 and max(len(b) for b in recorder.batches) <= 8
    assert recorder.most_at_once == 1


def test_a_failing_batch_fails_every_caller_in_it_and_the_next_batch_runs() -> None:
    commit: GroupCommit[int, int] = GroupCommit()

    def broken(items: list[int]) -> Sequence[int]:
        raise ConnectionError("the store is down")

    with pytest.raises(ConnectionError):
        commit.submit(1, broken)
    assert commit.submit(2, Recorder().run) == 20
