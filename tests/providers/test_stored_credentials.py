"""Credentials stored for a provider (POST /provider-details/{id}) win over the environment's, in the adapters
the composition root builds and, changed, without a restart: against the real SMTP server with AUTH."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from notify.adapters.providers.smtp import SmtpEmailProvider
from notify.adapters.providers.stored_credentials import StoredCredentialsProvider
from notify.bootstrap import build_notify, describe_providers, open_stores, real_providers
from notify.config import Settings
from notify.domain.constants import NotificationType
from notify.usecases.app import Notify
from notify.usecases.providers import CredentialLookup, ProviderSpec, ensure_default_providers, update_provider

from ..fakes import FrozenClock
from .conftest import rig
from .servers import SMTP_PASSWORD, Certificate, SmtpServer
from .test_smtp import smtp_url

SPECS = (ProviderSpec("smtp", "SMTP", NotificationType.EMAIL, 60),
         ProviderSpec("fake-email", "Fake email", NotificationType.EMAIL, 40))


def test_a_stored_password_wins_over_the_environments_and_takes_effect_without_a_restart(
        notify: Notify, clock: FrozenClock, smtp_server: SmtpServer, certificate: Certificate) -> None:
    lookup = CredentialLookup(notify)

    def build(stored: Mapping[str, str]) -> SmtpEmailProvider:  # as bootstrap builds it, with the test's TLS
        return SmtpEmailProvider("smtp", smtp_url(smtp_server.port, password="the environment's, wrong"),
                                 user=stored.get("user"), password=stored.get("password"),
                                 ssl_context=certificate.client_context(), connect_timeout=5, send_timeout=5)

    adapter = StoredCredentialsProvider("smtp", build, lambda: lookup("smtp"))
    r = rig(attrs.evolve(notify, credentials_changed=lookup.forget), clock, email=[adapter])
    smtp = {p.identifier: p for p in ensure_default_providers(r.notify, SPECS)}["smtp"]
    assert r.get(r.send_email("before@example.com")).sent_by == "fake-email"  # refused: failed over
    update_provider(r.notify, smtp.id, credentials={"password": SMTP_PASSWORD})
    assert r.get(r.send_email("after@example.com")).sent_by == "smtp"
    assert len(smtp_server.recorder.to("after@example.com")) == 1 and len(smtp_server.recorder.received) == 1
    assert SMTP_PASSWORD not in repr(adapter)


def test_stored_credentials_turn_a_provider_on_and_win_over_the_environment(notify: Notify) -> None:
    env = {"NOTIFY_SMS_GATEWAY_URL": "https://env.example.org/send", "NOTIFY_SMS_GATEWAY_TOKEN": "env-token"}
    ensure_default_providers(notify, (ProviderSpec("smtp", "SMTP", NotificationType.EMAIL, 100),
                                      ProviderSpec("sms-gateway", "Gateway", NotificationType.SMS, 100)))
    ids = {p.identifier: p.id for p in ensure_default_providers(notify, ())}
    update_provider(notify, ids["smtp"], credentials={"url": "smtp://mail.example.org:2525", "password": "pw-1"})
    update_provider(notify, ids["sms-gateway"], credentials={"token": "stored-token"})
    sms, email = real_providers(Settings.from_env(env), FrozenClock(), CredentialLookup(notify))
    assert [p.name for p in email] == ["smtp"] and [p.name for p in sms] == ["sms-gateway"]
    assert email[0].settings.port == 2525 and email[0].settings.password == "pw-1"
    assert sms[0].current()._bearer == "stored-token"
    assert not [shown for shown in map(repr, [*sms, *email]) if "pw-1" in shown or "token" in shown]
    assert real_providers(Settings.from_env({}), FrozenClock(), CredentialLookup(notify))[1][0].name == "smtp"


def test_the_start_up_line_counts_providers_on_by_their_stored_credentials() -> None:
    settings = attrs.evolve(Settings.from_env({}), database_url="memory")
    stores = open_stores(settings)
    notify = build_notify(settings, stores)
    ensure_default_providers(notify, (ProviderSpec("smtp", "SMTP", NotificationType.EMAIL, 100),))
    [smtp] = ensure_default_providers(notify, ())
    assert describe_providers(settings, stores).startswith("sms: fake-sms; email: fake-email;")
    update_provider(notify, smtp.id, credentials={"url": "smtp://relay.example.org:587", "password": "pw-2"})
    line = describe_providers(settings, stores)
    assert "email: smtp (relay.example.org)" in line and "pw-2" not in line
