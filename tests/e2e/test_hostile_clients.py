"""`notify serve` against clients that connect and stall: hundreds of idle connections and slowloris ones
(a header byte every so often) leave the API answering, and the stalled ones are closed on time."""

from __future__ import annotations

import http.client
import resource
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Server, start_server, stop_server

pytestmark = pytest.mark.e2e

IDLE = 500
SLOWLORIS = 50
LOW_DESCRIPTOR_LIMIT = 256  # below what IDLE + SLOWLORIS need: the server must raise its own soft limit


def _start_with_few_descriptors() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (LOW_DESCRIPTOR_LIMIT, hard))


def _port(server: Server) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


def _connect(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", _port(server)), timeout=5)


def _timed_status(server: Server) -> float:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=5)
    try:
        connection.request("GET", "/_status")
        response = connection.getresponse()
        assert response.status == 200, response.read()
        response.read()
    finally:
        connection.close()
    return time.monotonic() - started


class Slowloris:
    """Connections that start a request and then send one more header byte every `interval` seconds."""

    def __init__(self, server: Server, count: int, interval: float = 0.5) -> None:
        self.sockets = [_connect(server) for _ in range(count)]
        for sock in self.sockets:
            sock.sendall(b"GET /_status HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        self.closed_by_server: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, args=(interval,), daemon=True)
        self._thread.start()

    def _trickle(self, interval: float) -> None:
        while not self._stop.wait(interval):
            for index, sock in enumerate(self.sockets):
                if index in self.closed_by_server:
                    continue
                try:
                    sock.sendall(b"a")
                except OSError:
                    self.closed_by_server.add(index)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()


@pytest.fixture
def crowd() -> Iterator[list[socket.socket]]:
    opened: list[socket.socket] = []
    yield opened
    for sock in opened:
        sock.close()


def test_idle_and_slowloris_connections_do_not_stop_the_api(tmp_path: Path, crowd: list[socket.socket]) -> None:
    server = start_server(tmp_path, {"NOTIFY_DATABASE_URL": "memory"}, preexec_fn=_start_with_few_descriptors)
    slow = None
    try:
        crowd.extend(_connect(server) for _ in range(IDLE))
        slow = Slowloris(server, SLOWLORIS)
        time.sleep(1.5)  # the server has accepted them all and the trickle is under way
        timings = []
        for _ in range(5):
            timings.append(_timed_status(server))
            time.sleep(0.5)
        # The idle connections were accepted (not left in the listen backlog): they can still be used.
        for sock in crowd[:: IDLE // 10]:
            sock.sendall(b"GET /_status HTTP/1.1\r\nHost: x\r\n\r\n")
            assert sock.recv(64).startswith(b"HTTP/1.1 200"), "an idle connection was never accepted"
        print(f"\n{IDLE} idle + {SLOWLORIS} slowloris connections: /_status answered in "  # noqa: T201
              f"{', '.join(f'{t * 1000:.0f} ms' for t in timings)}")
        assert max(timings) < 1.0, timings
        assert slow.closed_by_server == set(), "default timeouts are far longer than this test"
    finally:
        if slow is not None:
            slow.close()
        stop_server(server)


def test_stalled_connections_are_closed_after_their_timeouts(tmp_path: Path, crowd: list[socket.socket]) -> None:
    server = start_server(tmp_path, {"NOTIFY_DATABASE_URL": "memory"}, args=[
        "--channel-timeout", "2", "--request-timeout", "3", "--cleanup-interval", "1"])
    slow = None
    try:
        crowd.extend(_connect(server) for _ in range(20))
        slow = Slowloris(server, 20, interval=0.2)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and len(slow.closed_by_server) < 20:
            time.sleep(0.2)
        assert len(slow.closed_by_server) == 20, "a request trickling in for longer than its timeout stays open"
        for sock in crowd:
            sock.settimeout(5)
            assert sock.recv(1) == b"", "an idle connection outlived its timeout"
        assert _timed_status(server) < 1.0
    finally:
        if slow is not None:
            slow.close()
        stop_server(server)


def test_an_oversized_request_head_is_refused(tmp_path: Path) -> None:
    server = start_server(tmp_path, {"NOTIFY_DATABASE_URL": "memory"}, args=["--max-header-bytes", "4096"])
    try:
        connection = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=5)
        connection.request("GET", "/_status", headers={"X-Big": "a" * 8192})
        assert connection.getresponse().status == 431
        connection.close()
        assert _timed_status(server) < 1.0
    finally:
        stop_server(server)
