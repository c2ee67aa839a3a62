"""Sends per second through the embedding facade (`import notify`), one thread, fake providers, delivery
synchronous (each send is handed to its provider and its receipt recorded before the call returns): on the
in-memory store and on a SQLite file. Then the downstream-test figure: a fresh in-memory platform, 1,000
sends and a check of every one's status and of the outbox, timed as a test would run it.

    .venv/bin/python bench/embed_bench.py                 # 20,000 sends in memory, 2,000 on SQLite
    .venv/bin/python bench/embed_bench.py --sends 50000 --sqlite-sends 5000
    .venv/bin/python bench/embed_bench.py --profile       # cProfile of the in-memory run, top 25"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import notify  # noqa: E402


def _ready(platform: notify.Platform) -> tuple[notify.ApiKey, notify.Template]:
    owner = platform.create_user(name="Bench", email_address="bench@example.gov.uk", password="a long password")
    service = platform.create_service(name="Bench", owner=owner, restricted=False,
                                      sms_message_limit=10**9, rate_limit=10**9)
    template = platform.create_template(service, name="Bench", type="sms", content="Hello ((name)), code ((code))")
    return platform.create_api_key(service), template


def sends_per_second(platform: notify.Platform, sends: int) -> tuple[float, float]:
    """(sends per wall-clock second, sends per CPU second of this process): on a shared machine the second
    says what the code costs, the first what the machine gave it."""
    key, template = _ready(platform)
    for i in range(min(200, sends)):  # warm the caches and the code paths
        platform.send_sms(key, to="07700900123", template=template, personalisation={"name": "A", "code": i})
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(sends):
        platform.send_sms(key, to=f"07700900{500 + i % 400}", template=template,
                          personalisation={"name": "Ada", "code": i})
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    last = platform.list_notifications(key)[0]
    assert last.status is notify.NotificationStatus.DELIVERED, last.status
    return sends / elapsed, sends / cpu


def downstream_test_seconds(messages: int = 1000) -> tuple[float, float]:
    """What a downstream test costs end to end (wall clock, CPU): build, set up, send `messages`, assert on all
    of them."""
    started, cpu = time.perf_counter(), time.process_time()
    platform = notify.in_memory(password_rounds=4)
    key, template = _ready(platform)
    sent = [platform.send_sms(key, to=f"07700900{500 + i % 400}", template=template,
                              personalisation={"name": "Ada", "code": i}).id for i in range(messages)]
    for notification_id in sent:
        assert platform.get_notification(key, notification_id).status == "delivered"
    outbox = platform.outbox
    assert len(outbox) == messages
    assert all(message.content.startswith("Bench: Hello Ada, code ") for message in outbox)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=20_000)
    parser.add_argument("--sqlite-sends", type=int, default=2_000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="cProfile order with --profile (tottime...)")
    args = parser.parse_args()

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        platform = notify.in_memory(password_rounds=4)
        profiler.enable()
        sends_per_second(platform, args.sends)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(30)
        return

    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs (sends/s per wall-clock second; per CPU second)")
    wall, cpu = sends_per_second(notify.in_memory(password_rounds=4), args.sends)
    print(f"in memory: {wall:,.0f} sends/s; {cpu:,.0f} per CPU second ({args.sends:,} sends, one thread, "
          "delivered synchronously)")
    with tempfile.TemporaryDirectory() as folder:
        with notify.sqlite(Path(folder) / "bench.db", password_rounds=4) as platform:
            wall, cpu = sends_per_second(platform, args.sqlite_sends)
    print(f"SQLite file: {wall:,.0f} sends/s; {cpu:,.0f} per CPU second ({args.sqlite_sends:,} sends)")
    wall, cpu = min(downstream_test_seconds() for _ in range(3))
    print(f"downstream test (build, 1,000 sends, assert each status and the outbox): {wall:.3f} s; "
          f"{cpu:.3f} CPU s (best of 3)")

if __name__ == "__main__":
    main()
