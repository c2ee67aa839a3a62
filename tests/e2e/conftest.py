"""A real `notify serve` process on a free loopback port, for tests that talk HTTP like a client does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from attrs import frozen
from notifications_python_client.base import BaseAPIClient

ADMIN_CLIENT_ID = "notify-admin"
ADMIN_SECRET = "e2e-admin-secret-0123456789abcdef0123456789"
START_TIMEOUT_SECONDS = 30


@frozen
class Server:
    base_url: str
    admin_client_id: str
    admin_secret: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(workdir: Path, extra_env: dict[str, str] | None = None, *, args: Sequence[str] = (),
                 preexec_fn: Callable[[], None] | None = None) -> Server:
    port = free_port()
    env = {**os.environ, "NOTIFY_ADMIN_CLIENT_ID": ADMIN_CLIENT_ID, "NOTIFY_ADMIN_CLIENT_SECRET": ADMIN_SECRET,
           **(extra_env or {})}
    log = workdir / "server.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "notify", "serve", "--host", "127.0.0.1", "--port", str(port), *args],
        cwd=workdir, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, preexec_fn=preexec_fn)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"notify serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/_status", timeout=1) as response:
                if response.status == 200:
                    return Server(base_url, ADMIN_CLIENT_ID, ADMIN_SECRET, process, log)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"notify serve did not answer within {START_TIMEOUT_SECONDS}s:\n{log.read_text()}")


def admin_client(server: Server, secret: str | None = None) -> BaseAPIClient:
    """Notify's client signed as the admin app. Its constructor only parses service API keys, so the admin
    app (like Notify's) sets the issuer and secret directly."""
    client = BaseAPIClient(api_key="x" * 74, base_url=server.base_url)
    client.service_id = server.admin_client_id
    client.api_key = secret or server.admin_secret
    return client


@frozen
class LiveService:
    """A live (not trial) service made through the admin API: its owner, a template per channel, a key."""

    user_id: str
    service_id: str
    templates: dict[str, str]  # notification type -> template id
    secret: str  # of a normal API key

    def api_key(self, name: str = "live") -> str:
        """The combined key the admin app shows once, as Notify's clients take it."""
        return f"{name}-{self.service_id}-{self.secret}"


def provision_live_service(server: Server, name: str, **settings: Any) -> LiveService:
    admin = admin_client(server)
    suffix = uuid4().hex[:8]
    user = admin.post("/user", data={"name": name, "email_address": f"{name.lower()}.{suffix}@example.gov.uk",
                                     "password": "a long enough password", "mobile_number": "07700900555"})["data"]
    sid = admin.post("/service", data={"name": f"{name} {suffix}", "user_id": user["id"], "restricted": False,
                                       **settings})["data"]["id"]
    templates = {}
    for kind, subject, content in (("sms", None, "Hello ((name))"), ("email", "Hi ((name))", "Dear ((name))"),
                                   ("letter", "Letter ((name))", "Dear ((name))")):
        body = {"name": f"{kind} template", "template_type": kind, "content": content, "service": sid,
                "created_by": user["id"], **({"subject": subject} if subject else {})}
        templates[kind] = admin.post(f"/service/{sid}/template", data=body)["data"]["id"]
    secret = admin.post(f"/service/{sid}/api-key",
                        data={"name": "live", "key_type": "normal", "created_by": user["id"]})["data"]
    return LiveService(user["id"], sid, templates, secret)


def niceness(pid: int) -> int:
    """A process's nice value, from /proc."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the e2e session, on the default store, in a scratch working directory."""
    running = start_server(tmp_path_factory.mktemp("notify-serve"))
    yield running
    stop_server(running)
