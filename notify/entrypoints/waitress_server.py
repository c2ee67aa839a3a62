"""`notify serve`'s HTTP server: waitress, set up to outlast clients that connect and then stall.

Waitress reads every request whole on its event loop before a worker thread sees it, so idle and slow clients
cost connection slots and file descriptors, never threads. The defaults here make the slots plentiful (a poll
loop, not select's 1,024-descriptor ceiling; the descriptor limit raised to fit) and bound how long one may be
held: idle ones are closed after `channel_timeout`, and a request still arriving after `request_timeout`
(a client sending its headers a byte at a time) is dropped, which waitress has no setting for."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from typing import Any

from attrs import frozen

log = logging.getLogger("notify.serve")
# Descriptors beyond the connections: worker threads' database connections, log files, the wakeup pipe.
SPARE_DESCRIPTORS = 256


@frozen(kw_only=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 6011
    threads: int = 8
    connection_limit: int = 1000  # open client connections; beyond it waitress stops accepting for a while
    channel_timeout: int = 30  # seconds a connection may sit idle between requests
    request_timeout: int = 30  # seconds to receive one request, headers and body
    cleanup_interval: int = 2  # seconds between checks of both timeouts
    max_header_bytes: int = 65536
    max_body_bytes: int = 10 * 1024 * 1024


def raise_descriptor_limit(wanted: int) -> int:
    """Raise this process's soft RLIMIT_NOFILE towards `wanted` (never above the hard limit); returns the limit."""
    try:
        import resource
    except ImportError:  # not POSIX: nothing to raise
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    ceiling = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < ceiling:
        resource.setrlimit(resource.RLIMIT_NOFILE, (ceiling, hard))
        return ceiling
    return soft


def create_server(app: Callable[..., Any], options: ServerOptions, listening: socket.socket | None = None) -> Any:
    """A waitress server for `app` (call `.run()`), its channels timed out as `options` say; on `listening` (a
    socket already bound, perhaps shared with other processes) instead of binding options' host and port."""
    import waitress.server  # type: ignore[import-untyped]

    limit = raise_descriptor_limit(options.connection_limit + options.threads + SPARE_DESCRIPTORS)
    connections = min(options.connection_limit, max(1, limit - options.threads - SPARE_DESCRIPTORS))
    if connections < options.connection_limit:
        log.warning("descriptor limit %d allows only %d connections, not %d", limit, connections,
                    options.connection_limit)
    # Waitress warns of every request that waits for a free thread: under load that is nearly every request,
    # a line each that costs the busy process time and says only that it is busy.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    channels: dict[int, Any] = {}
    server = waitress.server.create_server(
        app, map=channels, threads=options.threads, ident="notify",
        **({"host": options.host, "port": options.port} if listening is None else {"sockets": [listening]}),
        connection_limit=connections, channel_timeout=options.channel_timeout,
        cleanup_interval=options.cleanup_interval, max_request_header_size=options.max_header_bytes,
        # Bodies a little over our own limit still reach the app, which answers its 413 in Notify's format;
        # far bigger ones are refused by waitress before they fill memory or disk.
        max_request_body_size=2 * options.max_body_bytes, asyncore_use_poll=True)
    started: dict[int, tuple[int, float]] = {}  # channel fd -> (id of its unfinished request, first seen)
    for listener in list(channels.values()):
        if isinstance(listener, waitress.server.BaseWSGIServer):
            _time_out_slow_requests(listener, options.request_timeout, started)
    return server


def _time_out_slow_requests(listener: Any, timeout: float, started: dict[int, tuple[int, float]]) -> None:
    """Extend the listener's periodic idle check: also close channels whose current request has been arriving
    for longer than `timeout` (waitress counts any byte as activity, so a trickle never looks idle)."""
    idle_check = listener.maintenance

    def maintenance(now: float) -> None:
        idle_check(now)
        seen: set[int] = set()
        for fd, channel in list(listener.active_channels.items()):
            request = channel.request
            if request is None or getattr(request, "completed", False):
                continue
            seen.add(fd)
            known = started.get(fd)
            if known is None or known[0] != id(request):
                started[fd] = (id(request), now)
            elif now - known[1] > timeout:
                channel.will_close = True
        for fd in list(started):
            if fd not in seen:
                del started[fd]

    listener.maintenance = maintenance


def serve(app: Callable[..., Any], options: ServerOptions, say: Callable[[str], None] = print,
          listening: socket.socket | None = None) -> None:
    server = create_server(app, options, listening)
    say(f"notify serving on http://{options.host}:{options.port}" +
        ("" if listening is None else f" (process {os.getpid()})"))
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
