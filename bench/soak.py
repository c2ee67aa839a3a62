"""Soak: a steady, bounded load on a real `notify serve` (loopback only) for 10 minutes, printing the server's
RSS (/proc/<pid>/status VmRSS) as it goes. Memory must stay flat: after the warm-up it may move within a few
MiB, and it must not climb with the number of requests.

    .venv/bin/python bench/soak.py                                   # 10 min, SQLite file in a temp dir
    .venv/bin/python bench/soak.py --minutes 2 --threads 4 --sample-every 10
    .venv/bin/python bench/soak.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/db --secret-key K

The load is that of tests/faults/test_memory_flat.py (eight sends, one read and one refused send in ten, each
signed with a fresh JWT) with the delivery pipeline running inside the server (fake providers, receipts).
Not on the in-memory store: that store keeps every notification in the process, so it grows by design.
Exits 1 when the growth after warm-up passes --max-growth-mib."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.conftest import start_server, stop_server  # noqa: E402
from tests.faults.load import provision, steady_load  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="measured time after the warm-up")
    parser.add_argument("--warmup", type=float, default=30.0, help="seconds of load before the first measure")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients")
    parser.add_argument("--max-requests", type=int, default=2_000_000, help="stop early after this many")
    parser.add_argument("--sample-every", type=float, default=30.0, help="seconds between RSS samples")
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a temp dir")
    parser.add_argument("--secret-key", default=None, help="NOTIFY_SECRET_KEY (needed for PostgreSQL)")
    parser.add_argument("--max-growth-mib", type=float, default=30.0)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="notify-soak-") as tmp:
        workdir = Path(tmp)
        env = {"NOTIFY_DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'soak.db'}"}
        if args.secret_key:
            env["NOTIFY_SECRET_KEY"] = args.secret_key
        server = start_server(workdir, env)
        try:
            sender = provision(server)
            print(f"soak: notify serve pid {server.process.pid} on {env['NOTIFY_DATABASE_URL']}, "
                  f"{args.threads} clients, {args.warmup:.0f} s warm-up + {args.minutes:g} min", flush=True)
            run = steady_load(sender, server.process.pid, seconds=args.minutes * 60, warmup=args.warmup,
                              threads=args.threads, max_requests=args.max_requests,
                              sample_every=args.sample_every, say=lambda line: print(line, flush=True))
        finally:
            stop_server(server)
    tally = run.tally
    rates = ", ".join(f"{code}: {count}" for code, count in sorted(tally.statuses.items()))
    peak = max(rss for _, rss in run.samples if _ >= args.warmup) if run.samples else run.end_rss_kib
    print(f"soak: {tally.sent} requests in {run.seconds:.0f} s ({tally.sent / run.seconds:.0f}/s; {rates}; "
          f"dropped connections: {len(tally.transport_errors)})")
    print(f"soak: RSS warm {run.warm_rss_kib / 1024:.1f} MiB, end {run.end_rss_kib / 1024:.1f} MiB, "
          f"peak after warm-up {peak / 1024:.1f} MiB, growth {run.growth_kib / 1024:+.1f} MiB")
    unexpected = [s for s in tally.other][:5]
    if unexpected or tally.transport_errors:
        print(f"soak: unexpected answers: {unexpected} {tally.transport_errors[:5]}")
        return 1
    return 0 if run.growth_kib / 1024 < args.max_growth_mib else 1


if __name__ == "__main__":
    sys.exit(main())
