"""Settings come from the environment; an unset admin secret is generated, never empty."""

from __future__ import annotations

from notify.config import DEFAULT_ADMIN_CLIENT_ID, Settings


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings.admin_client_id == DEFAULT_ADMIN_CLIENT_ID
    assert settings.generated_admin_secret is True
    assert len(settings.admin_client_secrets) == 1 and len(settings.admin_client_secrets[0]) >= 32


def test_a_generated_secret_differs_each_start() -> None:
    assert Settings.from_env({}).admin_client_secrets != Settings.from_env({}).admin_client_secrets


def test_several_admin_secrets_allow_rotation() -> None:
    settings = Settings.from_env({"NOTIFY_ADMIN_CLIENT_ID": "admin", "NOTIFY_ADMIN_CLIENT_SECRET": "new, old"})
    assert (settings.admin_client_id, settings.admin_client_secrets) == ("admin", ("new", "old"))
    assert settings.generated_admin_secret is False
