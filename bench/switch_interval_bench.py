"""Why `notify serve` and `notify worker` set a 1 ms switch interval (bootstrap.share_the_interpreter): a thread
that makes database round trips, as a request does, while three threads keep the interpreter busy, as
delivery, receipts and a job's rows do. Prints the p50/p99 of four round trips (SELECT 1) at 5 ms (Python's
default) and at 1 ms.

    .venv/bin/python bench/switch_interval_bench.py [--database-url postgresql+psycopg://...]"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--busy-threads", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    url = args.database_url
    if url is None:
        from tests.postgres_server import database_url_for_this_run

        url = database_url_for_this_run()
    connection = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True)
    for interval in (0.005, 0.001):
        sys.setswitchinterval(interval)
        stopping = threading.Event()

        def busy() -> None:
            while not stopping.is_set():
                sum(range(200))

        threads = [threading.Thread(target=busy, daemon=True) for _ in range(args.busy_threads)]
        for thread in threads:
            thread.start()
        latencies = []
        for _ in range(args.requests):
            began = time.perf_counter()
            for _ in range(4):
                connection.execute("SELECT 1").fetchone()
            latencies.append((time.perf_counter() - began) * 1000)
        stopping.set()
        for thread in threads:
            thread.join()
        latencies.sort()
        print(f"switch interval {interval * 1000:.0f} ms, {args.busy_threads} busy threads: four round trips "
              f"p50 {latencies[len(latencies) // 2]:.1f} ms, p99 {latencies[int(len(latencies) * 0.99)]:.1f} ms")


if __name__ == "__main__":
    main()
