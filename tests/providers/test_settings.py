"""Real providers from the environment: each one on when configured, named as its routes are, secrets never in
a repr, start-up refused for an incomplete configuration."""

from __future__ import annotations

import pytest

from notify.bootstrap import StartupError, describe_providers, real_providers
from notify.config import Settings
from notify.usecases.send_pool import SendPool

from ..fakes import FrozenClock

ENV = {
    "NOTIFY_SMTP_URL": "smtp://user:smtp-secret@mail.example.org:587?starttls=required",
    "NOTIFY_SES_REGION": "eu-west-1", "NOTIFY_SES_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "NOTIFY_SES_SECRET_ACCESS_KEY": "ses-secret", "NOTIFY_SES_FROM": "notify@example.org",
    "NOTIFY_TWILIO_ACCOUNT_SID": "AC123", "NOTIFY_TWILIO_AUTH_TOKEN": "twilio-secret",
    "NOTIFY_SMS_GATEWAY_URL": "https://sms.example.org/send", "NOTIFY_SMS_GATEWAY_SECRET": "gateway-secret",
    "NOTIFY_PROVIDER_TIMEOUT": "3", "NOTIFY_PROVIDER_FAILURES": "2", "NOTIFY_PROVIDER_COOLDOWN": "5",
}
SECRETS = ("smtp-secret", "ses-secret", "twilio-secret", "gateway-secret")


def test_every_configured_provider_is_built_and_named_without_its_secrets() -> None:
    settings = Settings.from_env(ENV)
    sms, email = real_providers(settings, FrozenClock())
    assert [p.name for p in sms] == ["twilio", "sms-gateway"]
    assert [p.name for p in email] == ["smtp", "ses"]
    assert all(p.timeout == 3 for p in [*sms, email[1]]) and email[0].send_timeout == 3
    line = describe_providers(settings)
    assert line == "sms: twilio, sms-gateway (sms.example.org); email: smtp (mail.example.org), ses (eu-west-1); " \
                   "letter: fake-letter"
    shown = " ".join([repr(settings), repr(settings.providers), line, *map(repr, [*sms, *email]),
                      repr(email[0].settings)])
    assert not [secret for secret in SECRETS if secret in shown]
    assert (settings.providers.failures, settings.providers.cooldown) == (2, 5)


def test_nothing_configured_means_the_fakes() -> None:
    settings = Settings.from_env({})
    assert real_providers(settings, FrozenClock()) == ([], [])
    assert describe_providers(settings) == "sms: fake-sms; email: fake-email; letter: fake-letter"


@pytest.mark.parametrize("env", [{"NOTIFY_TWILIO_ACCOUNT_SID": "AC123"},
                                 {"NOTIFY_SMS_GATEWAY_URL": "https://sms.example.org/send"}])
def test_a_provider_without_its_credentials_refuses_to_start(env: dict[str, str]) -> None:
    with pytest.raises(StartupError):
        real_providers(Settings.from_env(env), FrozenClock())


def test_the_send_pool_answers_in_the_order_given() -> None:
    pool = SendPool(4)
    try:
        assert pool.map(lambda n: n * 2, range(200)) == [n * 2 for n in range(200)]
    finally:
        pool.stop()
    assert SendPool(1).map(lambda n: n + 1, [1, 2]) == [2, 3]
