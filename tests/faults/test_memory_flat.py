"""Memory stays flat under a sustained, bounded load (loopback only) on a real `notify serve`.

The server runs on a SQLite file with the delivery pipeline inside it (fake providers, receipts), as
`notify serve` does by default. Not on the in-memory store: that keeps every notification in the process and
grows by design. The server's RSS (/proc/<pid>/status VmRSS) is read when the warm-up ends (imports, pools,
caches and allocator arenas settled) and at the end; growth in between must stay under a fixed bound. The
10-minute version is bench/soak.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import Server, start_server, stop_server

from .load import EXPECTED_STEADY, provision, steady_load

pytestmark = pytest.mark.e2e

WARMUP_SECONDS = 12.0
MEASURED_SECONDS = 36.0
MAX_REQUESTS = 20_000  # bounded in count as well as in time
MAX_GROWTH_MIB = 20.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("memory-flat")
    running = start_server(workdir, {"NOTIFY_DATABASE_URL": f"sqlite:///{workdir / 'notify.db'}"})
    yield running
    stop_server(running)


def test_server_memory_stays_flat_under_sustained_load(server: Server) -> None:
    sender = provision(server)
    run = steady_load(sender, server.process.pid, seconds=MEASURED_SECONDS, warmup=WARMUP_SECONDS, threads=4,
                      max_requests=MAX_REQUESTS, sample_every=6.0)
    tally = run.tally
    samples = ", ".join(f"{t:.0f}s:{rss / 1024:.1f}" for t, rss in run.samples)
    print(f"\nmemory: {tally.sent} requests in {run.seconds:.0f} s ({dict(sorted(tally.statuses.items()))}); "
          f"RSS warm {run.warm_rss_kib / 1024:.1f} MiB -> end {run.end_rss_kib / 1024:.1f} MiB, "
          f"growth {run.growth_kib / 1024:+.1f} MiB ({100 * run.growth_kib / run.warm_rss_kib:+.1f}%)"
          f"\nRSS samples (MiB): {samples}")
    assert tally.transport_errors == [] and tally.other == [], (tally.transport_errors[:3], tally.other[:3])
    assert set(tally.statuses) <= EXPECTED_STEADY
    assert tally.statuses[201] > 500, "too little load to say anything about memory"
    assert run.growth_kib / 1024 < MAX_GROWTH_MIB
