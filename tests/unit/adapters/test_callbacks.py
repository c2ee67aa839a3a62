"""The callback adapters: the urllib sender against a real HTTP server on loopback (plain http: the adapter
posts wherever it is told; https is the admin API's rule), and the background task runner."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from notify.adapters.callbacks import BackgroundTaskRunner, UrllibCallbackSender
from notify.ports.callbacks import CallbackOutcome, RejectedCallbackError, RetryableCallbackError


class Recorder(ThreadingHTTPServer):
    """Answers each POST with the next scripted status (default 200) and records what it was sent."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.received: list[dict[str, Any]] = []
        self.answers: list[int] = []
        self.pause = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/receipts"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (the timeout test) is not news


class Handler(BaseHTTPRequestHandler):
    server: Recorder

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        self.server.received.append({"path": self.path, "headers": dict(self.headers),
                                     "body": json.loads(self.rfile.read(length))})
        time.sleep(self.server.pause)
        status = self.server.answers.pop(0) if self.server.answers else 200
        self.send_response(status)
        if status in (301, 302, 307):
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Recorder]:
    recorder = Recorder()
    thread = threading.Thread(target=recorder.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield recorder
    recorder.shutdown()
    recorder.server_close()


def test_posts_json_with_the_bearer_token(server: Recorder) -> None:
    outcome = UrllibCallbackSender().post(server.url, "a-bearer-token", {"id": "n1", "template_version": 3})
    assert outcome == CallbackOutcome(status=200)
    [request] = server.received
    assert request["path"] == "/receipts"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["headers"]["Authorization"] == "Bearer a-bearer-token"
    assert request["body"] == {"id": "n1", "template_version": 3}


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_server_errors_and_429_are_retryable(server: Recorder, status: int) -> None:
    server.answers = [status]
    with pytest.raises(RetryableCallbackError) as failed:
        UrllibCallbackSender().post(server.url, "a-bearer-token", {})
    assert failed.value.status == status and failed.value.retryable


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 410, 422])
def test_other_4xx_are_not(server: Recorder, status: int) -> None:
    server.answers = [status]
    with pytest.raises(RejectedCallbackError) as failed:
        UrllibCallbackSender().post(server.url, "a-bearer-token", {})
    assert failed.value.status == status and not failed.value.retryable


@pytest.mark.parametrize("status", [301, 302, 307])
def test_redirects_are_not_followed(server: Recorder, status: int) -> None:
    server.answers = [status]
    with pytest.raises(RejectedCallbackError):
        UrllibCallbackSender().post(server.url, "a-bearer-token", {})
    assert len(server.received) == 1


def test_any_2xx_is_accepted(server: Recorder) -> None:
    server.answers = [204]
    assert UrllibCallbackSender().post(server.url, "a-bearer-token", {}).status == 204


def test_no_answer_within_the_timeout_is_retryable(server: Recorder) -> None:
    server.pause = 1.0
    started = time.monotonic()
    with pytest.raises(RetryableCallbackError):
        UrllibCallbackSender(timeout=0.2).post(server.url, "a-bearer-token", {})
    assert time.monotonic() - started < 0.9


def test_nothing_listening_is_retryable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(RetryableCallbackError):
        UrllibCallbackSender(timeout=1).post(f"http://127.0.0.1:{port}/", "a-bearer-token", {})


def test_a_url_or_token_that_cannot_be_sent_is_rejected() -> None:
    with pytest.raises(RejectedCallbackError):
        UrllibCallbackSender().post("not a url", "a-bearer-token", {})
    with pytest.raises(RejectedCallbackError):
        UrllibCallbackSender().post("http://127.0.0.1:9/", "token\r\nX-Injected: 1", {})


def test_the_default_timeout_is_notifys_five_seconds() -> None:
    assert UrllibCallbackSender().timeout == 5.0


# -- the background runner --------------------------------------------------------------------------------

def test_tasks_run_off_the_callers_thread() -> None:
    runner = BackgroundTaskRunner("test-tasks", workers=2)
    seen: list[str] = []
    try:
        runner.later(lambda: seen.append(threading.current_thread().name))
        assert runner.join(5)
    finally:
        runner.stop()
    assert seen and seen[0].startswith("test-tasks-") and seen[0] != threading.current_thread().name


def test_delayed_tasks_wait_their_delay_in_order_and_join_waits_for_them() -> None:
    runner = BackgroundTaskRunner("test-tasks")
    ran: list[tuple[str, float]] = []
    started = time.monotonic()
    try:
        runner.later(lambda: ran.append(("late", time.monotonic() - started)), delay=0.3)
        runner.later(lambda: ran.append(("soon", time.monotonic() - started)), delay=0.1)
        runner.later(lambda: ran.append(("now", time.monotonic() - started)))
        assert runner.waiting == 2
        assert runner.join(5)
    finally:
        runner.stop()
    assert [name for name, _ in ran] == ["now", "soon", "late"]
    assert ran[1][1] >= 0.1 and ran[2][1] >= 0.3


def test_a_failing_task_does_not_stop_the_workers() -> None:
    runner = BackgroundTaskRunner("test-tasks", workers=1)
    ran: list[int] = []

    def boom() -> None:
        raise RuntimeError("task failed")

    try:
        runner.later(boom)
        runner.later(lambda: ran.append(1))
        assert runner.join(5)
    finally:
        runner.stop()
    assert ran == [1]


def test_past_max_waiting_new_delayed_tasks_are_dropped() -> None:
    runner = BackgroundTaskRunner("test-tasks", max_waiting=2)
    try:
        for _ in range(5):
            runner.later(lambda: None, delay=60)
        assert runner.waiting == 2
    finally:
        runner.stop()
