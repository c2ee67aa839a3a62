"""A PostgreSQL cluster of one test's own, that the test may stop, restart and crash at will.

The suite's shared database (tests/postgres_server.py) must stay up for everyone else, so the fault tests
start their own cluster from the installed binaries, with the same helpers: initdb into a temp dir (as the
`postgres` user when running as root, since initdb refuses root), a free loopback port, trust auth. Unlike
the shared one it keeps fsync on, so that "committed" means what it means in production."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from tests.postgres_server import NoPostgres, _binaries, _free_port, _install_postgres, _run


class Cluster:
    def __init__(self) -> None:
        bin_dir = _binaries()
        if bin_dir is None:
            _install_postgres()
            bin_dir = _binaries()
        if bin_dir is None:
            raise NoPostgres("no initdb/pg_ctl installed, and apt-get install postgresql did not provide them")
        self.bin_dir = bin_dir
        self.workdir = Path(tempfile.mkdtemp(prefix="notify-faults-pg-"))
        self.data = self.workdir / "data"
        self.port = _free_port()
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            user = "postgres"
            try:
                pwd.getpwnam(user)
            except KeyError:
                user = "nobody"
            shutil.chown(self.workdir, user)
            os.chmod(self.workdir, 0o700)
            self.run_as = ["runuser", "-u", user, "--"]
        _run(self.run_as + [str(bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                            "--no-sync", "-E", "UTF8"])
        self.restarts = 0

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres connect_timeout=5"

    def _pg_ctl(self, *args: str, timeout: float = 60) -> None:
        _run(self.run_as + [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *args], timeout=timeout)

    def start(self) -> None:
        self._pg_ctl("-l", str(self.workdir / "log"), "-w", "-t", "30",
                     "-o", f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1", "start")
        self.wait_until_up()

    def restart_fast(self) -> None:
        """`pg_ctl restart -m fast`: open sessions are terminated (57P01), in-flight transactions rolled back."""
        self._pg_ctl("-l", str(self.workdir / "log"), "-w", "-t", "30", "-m", "fast",
                     "-o", f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1", "restart")
        self.restarts += 1
        self.wait_until_up()

    def stop(self, mode: str = "fast") -> None:
        """`immediate` is a crash as far as the database knows: no shutdown checkpoint, recovery on start."""
        self._pg_ctl("-m", mode, "-w", "stop")

    def wait_until_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.dsn):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise NoPostgres(f"cluster on port {self.port} did not come back; see {self.workdir / 'log'}")
                time.sleep(0.1)

    def destroy(self) -> None:
        subprocess.run(self.run_as + [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                      "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.workdir, ignore_errors=True)
