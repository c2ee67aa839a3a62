"""Failover that learns: a provider down for a while is moved behind the others (visible in GET
/provider-details), tried again after the cooldown, and takes traffic again once it is back. Sends go on
throughout: nothing is lost and nothing is sent twice."""

from __future__ import annotations

import time
from typing import Any

from notify.adapters.providers.smtp import SmtpEmailProvider
from notify.usecases.provider_health import HealthPolicy, ProviderHealth
from notify.usecases.providers import ensure_default_providers

from ..conftest import AdminClient
from ..fakes import FrozenClock
from .conftest import rig
from .servers import Certificate, SmtpServer
from .test_smtp import smtp_url


def test_a_provider_down_for_a_while_is_demoted_then_recovers_and_nothing_is_lost_or_sent_twice(
        notify: Any, clock: FrozenClock, certificate: Certificate) -> None:
    primary_server = SmtpServer(certificate).start()
    secondary_server = SmtpServer(certificate).start()
    servers = [primary_server, secondary_server]
    primary = SmtpEmailProvider("smtp-primary", smtp_url(primary_server.port), connect_timeout=0.5,
                                send_timeout=0.5, ssl_context=certificate.client_context())
    secondary = SmtpEmailProvider("smtp-secondary", smtp_url(secondary_server.port), connect_timeout=2,
                                  send_timeout=2, ssl_context=certificate.client_context())
    r = rig(notify, clock, email=[primary, secondary], fallback=False,
            health=HealthPolicy(failures=2, window=10, cooldown=1.0))
    ensure_default_providers(r.notify)
    admin = AdminClient(r.world.app, clock)
    sent: list[str] = []
    demoted_seen: list[str] = []
    phases: dict[str, list[str]] = {"before": [], "down": [], "after": []}
    try:
        for n in range(10):
            phases["before"].append(r.send_email(f"before{n}@example.com"))
        primary_server.stop()
        down_until = time.monotonic() + 2.0  # down for two seconds while sends go on
        n = 0
        while time.monotonic() < down_until:
            phases["down"].append(r.send_email(f"down{n}@example.com"))
            n += 1
            if not demoted_seen:
                listed = admin.get("/provider-details").json["provider_details"]
                demoted_seen = [p["identifier"] for p in listed if p["demoted_until"]]
            time.sleep(0.02)
        primary_server = SmtpServer(certificate, port=primary_server.port).start()
        servers.append(primary_server)
        time.sleep(1.1)  # the cooldown ends: the primary gets its turn again
        for n in range(10):
            phases["after"].append(r.send_email(f"after{n}@example.com"))
        sent = [nid for ids in phases.values() for nid in ids]
    finally:
        primary.close()
        secondary.close()
        primary_server.stop()
        secondary_server.stop()

    received = [str(m.message["X-Notify-Reference"]) for server in servers for m in server.recorder.received]
    by_provider = {nid: r.get(nid).sent_by for nid in sent}
    assert set(by_provider.values()) <= {"smtp-primary", "smtp-secondary"}
    assert all(by_provider[nid] == "smtp-primary" for nid in phases["before"])
    assert all(by_provider[nid] == "smtp-secondary" for nid in phases["down"])  # nothing lost
    assert all(by_provider[nid] == "smtp-primary" for nid in phases["after"])  # recovered
    assert len(received) == len(set(received))  # nothing twice
    assert set(received) == set(sent)  # nothing lost
    assert demoted_seen == ["smtp-primary"]
    assert len(phases["down"]) > 10
    assert isinstance(r.notify.provider_health, ProviderHealth)
    assert r.notify.provider_health.demoted_names() == set()


def test_a_demoted_provider_is_still_tried_when_every_other_one_fails() -> None:
    health = ProviderHealth(HealthPolicy(failures=1, window=60, cooldown=60))

    class P:
        def __init__(self, name: str) -> None:
            self.name = name

    a, b = P("a"), P("b")
    assert health.order([a, b]) == [a, b]
    assert health.failed("a") == 60
    assert health.order([a, b]) == [b, a]  # behind, not gone
    assert health.failed("a") is None  # already demoted: not again
    health.succeeded("a")  # a success during the cooldown does not end it early
    assert health.order([a, b]) == [b, a]
