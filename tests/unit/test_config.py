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


def test_callback_retries_are_notifys_unless_configured() -> None:
    from notify.adapters.callbacks import BackgroundTaskRunner, UrllibCallbackSender
    from notify.bootstrap import build_notify, wire_callbacks

    assert (Settings.from_env({}).callback_max_retries, Settings.from_env({}).callback_retry_delay) == (5, 300)
    settings = Settings.from_env({"NOTIFY_CALLBACK_RETRY_DELAY": "7", "NOTIFY_CALLBACK_MAX_RETRIES": "0",
                                  "NOTIFY_DATABASE_URL": "memory"})
    wired = wire_callbacks(build_notify(settings), settings)
    assert isinstance(wired.callbacks, UrllibCallbackSender) and wired.callbacks.timeout == 5.0
    assert isinstance(wired.callback_runner, BackgroundTaskRunner)
    assert (wired.callback_retry.max_retries, wired.callback_retry.delay_seconds) == (0, 7.0)


def test_http_connection_settings_default_to_surviving_stalled_clients_and_can_be_set() -> None:
    defaults = Settings.from_env({}).http
    assert (defaults.connection_limit, defaults.channel_timeout, defaults.request_timeout) == (1000, 30, 30)
    configured = Settings.from_env({"NOTIFY_HTTP_CONNECTION_LIMIT": "5000", "NOTIFY_HTTP_CHANNEL_TIMEOUT": "10",
                                    "NOTIFY_HTTP_REQUEST_TIMEOUT": "7", "NOTIFY_HTTP_CLEANUP_INTERVAL": "1",
                                    "NOTIFY_HTTP_MAX_HEADER_BYTES": "8192"}).http
    assert (configured.connection_limit, configured.channel_timeout, configured.request_timeout,
            configured.cleanup_interval, configured.max_header_bytes) == (5000, 10, 7, 1, 8192)
