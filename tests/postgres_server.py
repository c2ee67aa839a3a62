"""A PostgreSQL database of this test run's own. Never skips: a test run either gets one or fails loudly.

In order: NOTIFY_TEST_DATABASE_URL if set (used as it is, never dropped); else a fresh, uniquely named
database on the local server (127.0.0.1:5432, user postgres, trust auth), dropped at the end of the run;
else a throwaway cluster started from the installed binaries (initdb as a non-root user into a temp dir,
on a free port), stopped and deleted at the end; else `apt-get install -y postgresql` and the cluster again.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

LOCAL_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
MAINTENANCE_DATABASES = ("postgres", "test", "root")
_cache: dict[str, str] = {}
_cleanups: list[tuple[str, object]] = []


class NoPostgres(RuntimeError):
    pass


def database_url_for_this_run() -> str:
    """The URL of a database this run may do anything with (memoised: one per process)."""
    if "url" not in _cache:
        _cache["url"] = _find_or_make()
    return _cache["url"]


def cleanup() -> None:
    """Drop what this run made (registered with atexit too; safe to call twice)."""
    while _cleanups:
        kind, thing = _cleanups.pop()
        try:
            if kind == "database":
                admin_dsn, name = thing  # type: ignore[misc]
                with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            elif kind == "cluster":
                callable_ = thing
                callable_()  # type: ignore[operator]
        except Exception as exc:  # cleanup must not hide the test result
            print(f"postgres_server: cleanup of {kind} failed: {exc}")
    _cache.clear()


atexit.register(cleanup)


def _find_or_make() -> str:
    explicit = os.environ.get("NOTIFY_TEST_DATABASE_URL")
    if explicit:
        return explicit
    reasons = []
    try:
        return _fresh_database("127.0.0.1", 5432)
    except Exception as exc:
        reasons.append(f"local server 127.0.0.1:5432: {exc}")
    for attempt in range(2):
        try:
            host, port = _start_cluster()
            return _fresh_database(host, port)
        except Exception as exc:
            reasons.append(f"throwaway cluster: {exc}")
        if attempt == 0:
            try:
                _install_postgres()
            except Exception as exc:
                reasons.append(f"apt-get install postgresql: {exc}")
                break
    raise NoPostgres("no PostgreSQL for the tests. Tried:\n  " + "\n  ".join(reasons) +
                     "\nSet NOTIFY_TEST_DATABASE_URL=postgresql+psycopg://user@host:port/db to use a server of yours.")


STALE_AFTER_SECONDS = 6 * 3600


def _fresh_database(host: str, port: int) -> str:
    name = f"notify_test_{int(time.time())}_{uuid.uuid4().hex[:8]}"
    last: Exception | None = None
    for maintenance in MAINTENANCE_DATABASES:
        admin_dsn = f"host={host} port={port} user=postgres dbname={maintenance} connect_timeout=5"
        try:
            with psycopg.connect(admin_dsn, autocommit=True) as conn:
                _drop_stale(conn)
                conn.execute(f'CREATE DATABASE "{name}"')
        except psycopg.OperationalError as exc:
            last = exc
            continue
        _cleanups.append(("database", (admin_dsn, name)))
        return LOCAL_SERVER.replace("127.0.0.1:5432", f"{host}:{port}").format(database=name)
    raise NoPostgres(" ".join(str(last).split()))


def _drop_stale(conn: psycopg.Connection) -> None:
    """Databases of runs that were killed before their cleanup: named with their birth time, idle, old."""
    now = time.time()
    rows = conn.execute("SELECT datname FROM pg_database WHERE datname ~ '^notify_test_[0-9]+_[0-9a-f]+$' "
                        "AND datname NOT IN (SELECT datname FROM pg_stat_activity WHERE datname IS NOT NULL)")
    for (stale,) in rows.fetchall():
        if now - int(stale.split("_")[2]) > STALE_AFTER_SECONDS:
            try:
                conn.execute(f'DROP DATABASE IF EXISTS "{stale}"')
            except psycopg.Error:
                pass  # someone connected meanwhile: leave it


def _binaries() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_cluster() -> tuple[str, int]:
    bin_dir = _binaries()
    if bin_dir is None:
        raise NoPostgres("no initdb/pg_ctl installed")
    workdir = Path(tempfile.mkdtemp(prefix="notify-pg-"))
    data, port = workdir / "data", _free_port()
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as the `postgres` user (or nobody)
        user = "postgres"
        try:
            pwd.getpwnam(user)
        except KeyError:
            user = "nobody"
        shutil.chown(workdir, user)
        os.chmod(workdir, 0o700)
        run_as = ["runuser", "-u", user, "--"]
    _run(run_as + [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync",
                   "-E", "UTF8"])
    _run(run_as + [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "log"), "-w", "-t", "30",
                   "-o", f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off", "start"])

    def stop() -> None:
        subprocess.run(run_as + [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(workdir, ignore_errors=True)

    _cleanups.insert(0, ("cluster", stop))  # stopped after its databases are dropped
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", connect_timeout=2):
                return "127.0.0.1", port
        except psycopg.OperationalError:
            time.sleep(0.2)
    raise NoPostgres(f"throwaway cluster on port {port} did not answer; see {workdir / 'log'}")


def _install_postgres() -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=False, capture_output=True, timeout=600, env=env)
    _run(["apt-get", "install", "-y", "postgresql"], timeout=900, env=env)


def _run(command: list[str], timeout: float = 120, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    if result.returncode != 0:
        raise NoPostgres(f"{' '.join(command[:3])}… failed ({result.returncode}): "
                         f"{(result.stderr or result.stdout).strip()[-500:]}")
