"""Foreground first: background work pauses at its checkpoints while a request is in flight on another
thread, for a bounded while, and never makes a request wait for itself."""

from __future__ import annotations

import threading

from notify.adapters.fair_share import ForegroundFirst


def make_way_on_a_thread(share: ForegroundFirst) -> threading.Event:
    """Calls share.make_way() on a background thread; the event is set once it has returned."""
    returned = threading.Event()
    threading.Thread(target=lambda: (share.make_way(), returned.set()), daemon=True).start()
    return returned


def test_background_goes_on_at_once_while_no_request_is_in_flight() -> None:
    share = ForegroundFirst(max_wait=600)
    assert make_way_on_a_thread(share).wait(5)


def test_background_waits_while_a_request_is_in_flight_and_goes_on_when_it_ends() -> None:
    share = ForegroundFirst(max_wait=600)
    request_started, request_may_end, request_ended = threading.Event(), threading.Event(), threading.Event()

    def request() -> None:
        share.foreground_started()
        request_started.set()
        request_may_end.wait(5)
        share.foreground_ended()
        request_ended.set()

    threading.Thread(target=request, daemon=True).start()
    assert request_started.wait(5) and share.in_flight == 1
    returned = make_way_on_a_thread(share)
    assert not returned.wait(0.3)  # held back while the request runs
    request_may_end.set()
    assert request_ended.wait(5) and returned.wait(5)
    assert share.in_flight == 0


def test_background_waits_no_longer_than_max_wait_so_it_keeps_a_share() -> None:
    share = ForegroundFirst(max_wait=0.05)
    request_started = threading.Event()
    threading.Thread(target=lambda: (share.foreground_started(), request_started.set(), threading.Event().wait(30)),
                     daemon=True).start()
    assert request_started.wait(5)
    assert make_way_on_a_thread(share).wait(5)  # the request never ends; background goes on anyway
    assert share.in_flight == 1


def test_a_request_never_waits_for_itself_and_is_counted_once() -> None:
    share = ForegroundFirst(max_wait=600)
    returned = threading.Event()

    def request() -> None:
        share.foreground_started()
        share.foreground_started()
        share.make_way()  # e.g. a receipt recorded inside a provider's callback request
        returned.set()
        share.foreground_ended()
        share.foreground_ended()

    threading.Thread(target=request, daemon=True).start()
    assert returned.wait(5)
    share.foreground_ended()  # without a start on this thread: nothing to end
    assert share.in_flight == 0
