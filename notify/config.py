"""Settings from the environment: the only place that reads os.environ.

Storage:
  NOTIFY_DATABASE_URL        postgresql+psycopg://user:pass@host/db | sqlite:///path/to/file.db | memory
                             (unset: a SQLite file ./notify.db, created and migrated on first start)
  NOTIFY_DATABASE_BULK_URL   a read replica for heavy read-only queries (statistics, history, lists)
  NOTIFY_SECRET_KEY          comma-separated keys for encryption at rest; the first encrypts, all decrypt
  NOTIFY_DATABASE_MIGRATE    "false" to refuse to start on an out-of-date schema instead of upgrading it
  NOTIFY_DATABASE_POOL_SIZE, _POOL_TIMEOUT, _POOL_RECYCLE, _CONNECT_TIMEOUT, _TCP_USER_TIMEOUT_MS,
  _STATEMENT_TIMEOUT_MS      engine options (defaults: 5, 30 s, 300 s, 5 s, 5000 ms, 1200000 ms)
  NOTIFY_DATABASE_ADMISSION_LANES  group-committed send batches in flight at once, each on its own connection
                             and for its own services (PostgreSQL only; default 4)

HTTP:
  NOTIFY_TOKEN_REPLAY_CHECK  "true": a token that carries a `jti` is accepted once within its 30 s, across every
                             process sharing the store (default false: it costs an extra statement per such
                             request; Notify's clients send no `jti`)
  NOTIFY_MAX_BODY_BYTES      largest request body accepted; larger ones get 413 (default 10 MiB: emails may
                             carry 2 MB files, base64'd)
  NOTIFY_HTTP_CONNECTION_LIMIT  open client connections `notify serve` keeps (1000; the descriptor limit is
                             raised to fit)
  NOTIFY_HTTP_CHANNEL_TIMEOUT   seconds a connection may sit idle before it is closed (30)
  NOTIFY_HTTP_REQUEST_TIMEOUT   seconds a client has to send one whole request, headers and body (30)
  NOTIFY_HTTP_CLEANUP_INTERVAL  seconds between checks of both timeouts (2)
  NOTIFY_HTTP_MAX_HEADER_BYTES  largest request line plus headers (65536); larger ones get 431

Jobs and workers:
  NOTIFY_UPLOAD_DIR          where uploaded spreadsheets are kept (default ./uploads)
  NOTIFY_QUEUE_URL           a Celery broker (amqp://guest:guest@127.0.0.1:5672// or redis://127.0.0.1:6379/0):
                             `notify serve` queues work there and `notify worker` processes deliver it;
                             unset: deliveries and jobs run inside `notify serve`
  NOTIFY_QUEUE_NAME          the broker queue (default notify; jobs' rows go to <name>.bulk beside it);
                             processes sharing one system use the same
  NOTIFY_CLAIM_TIMEOUT       seconds a notification may wait in the broker in `created` before the sweep enqueues
                             it again (300)
  NOTIFY_SENDING_TIMEOUT     seconds after which a hand-over the provider never answered is a temporary-failure
                             (259200: Notify's 72 hours)
  NOTIFY_WORKER_NICE         how much lower than the API's `notify worker` (and `notify serve`'s bulk process) runs
                             on a shared machine's processors, as nice(1) (10; 0 keeps the same)
  NOTIFY_BULK_PROCESS        false: `notify serve` on PostgreSQL runs jobs in its own process, beside the API's
                             requests, instead of in a bulk process of their own (true)
  NOTIFY_SWEEP_INTERVAL      seconds between a delivering process's sweeps (stuck `created`, stale claims, overdue
                             receipts, due retries and jobs) (30)
  NOTIFY_PURGE_HOUR          the hour (UK time, 0-23) from which the sweep runs the night's purge of notifications
                             and job spreadsheets past their service's retention (3); `notify purge` runs it now
  NOTIFY_RECEIPT_WAIT        seconds a notification waits in `sending` for its receipt before the sweep asks the
                             provider that took it (600)
  NOTIFY_DELIVERY_ATTEMPTS   hand-overs of a notification whose providers all fail, before it is a
                             technical-failure (5)
  NOTIFY_DELIVERY_RETRY_DELAY, NOTIFY_DELIVERY_RETRY_MAX_DELAY
                             seconds before the second attempt, doubling after each, and at most (30, 900)

Callbacks to services (delivery-status receipts posted to a service's callback URL):
  NOTIFY_CALLBACK_RETRY_DELAY   seconds between attempts at a callback that failed retryably (300, as Notify)
  NOTIFY_CALLBACK_MAX_RETRIES   retries after the first attempt (5, as Notify); 0 never retries

Provider callbacks (delivery receipts and inbound texts posted to /notifications/...):
  NOTIFY_PROVIDER_CALLBACK_TOKEN  comma-separated tokens the fake providers' callbacks, and receipts and texts
                             in MMG's and Firetext's formats (/notifications/sms/mmg, /firetext, /receive/...),
                             must carry as `Authorization: Bearer <token>` or as the basic auth password
                             (unset: one is generated at start and printed)

Real providers (see ProviderSettings below; a channel with a real provider configured no longer uses its fake;
credentials stored through POST /provider-details/{id} win over these, field by field):
  NOTIFY_PUBLIC_URL          this server's public base URL: providers' callbacks and every link in an email (sign-in,
                             password reset, invitations, unsubscribe); default: the address notify serve listens on
  NOTIFY_SMTP_URL            email by SMTP: smtp[s]://user:password@host:port?starttls=auto|required|never&from=...
  NOTIFY_SES_REGION          email by Amazon SES (with NOTIFY_SES_FROM, the verified sender address)
  NOTIFY_TWILIO_ACCOUNT_SID  SMS by Twilio (with NOTIFY_TWILIO_AUTH_TOKEN, NOTIFY_TWILIO_FROM)
  NOTIFY_SMS_GATEWAY_URL     SMS by a generic HTTP gateway (with NOTIFY_SMS_GATEWAY_TOKEN and/or _SECRET)

Fake providers:
  NOTIFY_FAKE_PROVIDER_LOG   a folder where each process appends every message its fake providers accept
                             (one line: provider, notification id); for tests that count hand-overs
  NOTIFY_FAKE_RECEIPT_DELAY_MS  how long a fake provider waits before its delivery receipt (500)
  NOTIFY_DEV_OUTBOX          true: /admin-ui/dev/outbox shows anyone what the fake providers were handed (local
                             development: the first sign-in code); otherwise only a signed-in platform admin
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping

from attrs import field, frozen

DEFAULT_ADMIN_CLIENT_ID = "notify-admin"
DEFAULT_SQLITE_FILE = "notify.db"
MEMORY = "memory"
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_UPLOAD_DIR = "uploads"


class ConfigError(ValueError):
    """A setting has a value notify cannot use; the message names the variable."""


@frozen(kw_only=True)
class DatabaseOptions:
    pool_size: int = 5
    pool_timeout: float = 30
    pool_recycle: int = 300
    connect_timeout: int = 5
    tcp_user_timeout_ms: int = 5000
    statement_timeout_ms: int = 1_200_000
    admission_lanes: int = 4


@frozen(kw_only=True)
class HttpOptions:
    """How `notify serve` treats connections: sized and timed so idle or trickling clients cannot starve it."""

    connection_limit: int = 1000
    channel_timeout: int = 30
    request_timeout: int = 30
    cleanup_interval: int = 2
    max_header_bytes: int = 65536


@frozen(kw_only=True)
class Settings:
    admin_client_id: str = DEFAULT_ADMIN_CLIENT_ID
    # Several secrets may be current at once, so a secret can be rotated without downtime.
    admin_client_secrets: tuple[str, ...] = ()
    # None: a SQLite file ./notify.db; "memory": the in-memory store; else a SQLAlchemy URL.
    database_url: str | None = None
    database_bulk_url: str | None = None
    secret_keys: tuple[str, ...] = ()  # encryption at rest; first encrypts, all decrypt
    migrate_on_start: bool = True
    database: DatabaseOptions = field(factory=DatabaseOptions)
    generated_admin_secret: bool = False  # True when no secret was configured and one was made up
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    http: HttpOptions = field(factory=HttpOptions)
    # Jobs and workers: where uploaded spreadsheets are kept, and the queue broker (None: in-process).
    upload_dir: str = DEFAULT_UPLOAD_DIR
    queue_url: str | None = None
    queue_name: str = "notify"
    claim_timeout: int = 300
    sending_timeout: int = 72 * 3600
    sweep_interval: int = 30
    worker_nice: int = 10
    bulk_process: bool = True
    purge_hour: int = 3
    receipt_wait: int = 600
    delivery_attempts: int = 5
    delivery_retry_delay: int = 30
    delivery_retry_max_delay: int = 900
    fake_provider_log: str | None = None
    fake_receipt_delay_ms: int = 500
    dev_outbox: bool = False
    # Callbacks to services: Notify retries a failed one 5 times, 300 s apart.
    callback_retry_delay: int = 300
    callback_max_retries: int = 5
    provider_callback_tokens: tuple[str, ...] = ()
    token_replay_check: bool = False
    generated_provider_callback_token: bool = False  # True when none was configured and one was made up
    providers: ProviderSettings = field(factory=lambda: ProviderSettings())
    # Where `notify serve` listens: links in emails start with it when NOTIFY_PUBLIC_URL is not set.
    listen_url: str | None = None

    @property
    def links_url(self) -> str | None:
        return self.providers.public_url or self.listen_url

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        configured = _list(env.get("NOTIFY_ADMIN_CLIENT_SECRET", ""))
        callback_tokens = _list(env.get("NOTIFY_PROVIDER_CALLBACK_TOKEN", ""))
        return cls(
            admin_client_id=env.get("NOTIFY_ADMIN_CLIENT_ID") or DEFAULT_ADMIN_CLIENT_ID,
            admin_client_secrets=configured or (secrets.token_urlsafe(32),),
            database_url=(env.get("NOTIFY_DATABASE_URL") or "").strip() or None,
            database_bulk_url=(env.get("NOTIFY_DATABASE_BULK_URL") or "").strip() or None,
            secret_keys=_list(env.get("NOTIFY_SECRET_KEY", "")),
            migrate_on_start=_bool(env, "NOTIFY_DATABASE_MIGRATE", True),
            database=DatabaseOptions(
                pool_size=_int(env, "NOTIFY_DATABASE_POOL_SIZE", 5),
                pool_timeout=_int(env, "NOTIFY_DATABASE_POOL_TIMEOUT", 30),
                pool_recycle=_int(env, "NOTIFY_DATABASE_POOL_RECYCLE", 300),
                connect_timeout=_int(env, "NOTIFY_DATABASE_CONNECT_TIMEOUT", 5),
                tcp_user_timeout_ms=_int(env, "NOTIFY_DATABASE_TCP_USER_TIMEOUT_MS", 5000),
                statement_timeout_ms=_int(env, "NOTIFY_DATABASE_STATEMENT_TIMEOUT_MS", 1_200_000),
                admission_lanes=max(1, _int(env, "NOTIFY_DATABASE_ADMISSION_LANES", 4)),
            ),
            generated_admin_secret=not configured,
            max_body_bytes=_int(env, "NOTIFY_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
            http=HttpOptions(
                connection_limit=max(1, _int(env, "NOTIFY_HTTP_CONNECTION_LIMIT", 1000)),
                channel_timeout=max(1, _int(env, "NOTIFY_HTTP_CHANNEL_TIMEOUT", 30)),
                request_timeout=max(1, _int(env, "NOTIFY_HTTP_REQUEST_TIMEOUT", 30)),
                cleanup_interval=max(1, _int(env, "NOTIFY_HTTP_CLEANUP_INTERVAL", 2)),
                max_header_bytes=max(1024, _int(env, "NOTIFY_HTTP_MAX_HEADER_BYTES", 65536)),
            ),
            upload_dir=(env.get("NOTIFY_UPLOAD_DIR") or "").strip() or DEFAULT_UPLOAD_DIR,
            queue_url=(env.get("NOTIFY_QUEUE_URL") or "").strip() or None,
            queue_name=(env.get("NOTIFY_QUEUE_NAME") or "").strip() or "notify",
            claim_timeout=_int(env, "NOTIFY_CLAIM_TIMEOUT", 300),
            sending_timeout=_int(env, "NOTIFY_SENDING_TIMEOUT", 72 * 3600),
            sweep_interval=_int(env, "NOTIFY_SWEEP_INTERVAL", 30),
            worker_nice=min(19, _int(env, "NOTIFY_WORKER_NICE", 10)),
            bulk_process=_bool(env, "NOTIFY_BULK_PROCESS", True),
            purge_hour=min(23, max(0, _int(env, "NOTIFY_PURGE_HOUR", 3))),
            receipt_wait=_int(env, "NOTIFY_RECEIPT_WAIT", 600),
            delivery_attempts=max(1, _int(env, "NOTIFY_DELIVERY_ATTEMPTS", 5)),
            delivery_retry_delay=_int(env, "NOTIFY_DELIVERY_RETRY_DELAY", 30),
            delivery_retry_max_delay=_int(env, "NOTIFY_DELIVERY_RETRY_MAX_DELAY", 900),
            fake_provider_log=(env.get("NOTIFY_FAKE_PROVIDER_LOG") or "").strip() or None,
            fake_receipt_delay_ms=_int(env, "NOTIFY_FAKE_RECEIPT_DELAY_MS", 500),
            dev_outbox=_bool(env, "NOTIFY_DEV_OUTBOX", False),
            callback_retry_delay=_int(env, "NOTIFY_CALLBACK_RETRY_DELAY", 300),
            callback_max_retries=_int(env, "NOTIFY_CALLBACK_MAX_RETRIES", 5),
            provider_callback_tokens=callback_tokens or (secrets.token_urlsafe(32),),
            generated_provider_callback_token=not callback_tokens,
            token_replay_check=_bool(env, "NOTIFY_TOKEN_REPLAY_CHECK", False),
            providers=ProviderSettings.from_env(env),
        )


def _list(value: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in value.split(",") if s.strip())


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _str(env: Mapping[str, str], name: str) -> str | None:
    return (env.get(name) or "").strip() or None


@frozen(kw_only=True)
class ProviderSettings:
    """Real SMS and email providers; each is on when its first setting is set. Secrets come from here (the
    environment) and are never logged. Every provider call times out after `timeout` seconds."""

    public_url: str | None = None  # NOTIFY_PUBLIC_URL: where providers post callbacks and unsubscribe links point
    timeout: int = 10  # NOTIFY_PROVIDER_TIMEOUT: seconds, connect and each read/write
    # NOTIFY_PROVIDER_CONCURRENCY: a delivering process's hand-overs to real providers at once. Each waits on the
    # provider's round trips far more than it computes: 16 kept a local SMTP server fed where 8 left it idle.
    concurrency: int = 16
    # Failover that learns: NOTIFY_PROVIDER_FAILURES errors within NOTIFY_PROVIDER_FAILURE_WINDOW seconds move a
    # provider behind the others for NOTIFY_PROVIDER_COOLDOWN seconds.
    failures: int = 5
    failure_window: int = 60
    cooldown: int = 60
    smtp_url: str | None = None  # NOTIFY_SMTP_URL
    smtp_pool_size: int = 16  # NOTIFY_SMTP_POOL_SIZE: connections kept open (one per concurrent hand-over)
    ses_region: str | None = None  # NOTIFY_SES_REGION
    ses_endpoint_url: str | None = None  # NOTIFY_SES_ENDPOINT_URL: another endpoint (a local one in tests)
    ses_access_key_id: str | None = None  # NOTIFY_SES_ACCESS_KEY_ID / _SECRET_ACCESS_KEY, else boto3's own chain
    ses_secret_access_key: str | None = None
    ses_from: str | None = None  # NOTIFY_SES_FROM: the verified address mail is sent from
    ses_configuration_set: str | None = None  # NOTIFY_SES_CONFIGURATION_SET: where SES publishes events
    sns_topic_arns: tuple[str, ...] = ()  # NOTIFY_SNS_TOPIC_ARNS: the only topics accepted (empty: any)
    sns_cert_url_pattern: str = r"^https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[^?#]+\.pem$"  # NOTIFY_SNS_CERT_URL_PATTERN
    twilio_account_sid: str | None = None  # NOTIFY_TWILIO_ACCOUNT_SID
    twilio_auth_token: str | None = None  # NOTIFY_TWILIO_AUTH_TOKEN
    twilio_from: str | None = None  # NOTIFY_TWILIO_FROM: when the service has no SMS sender of its own
    twilio_messaging_service_sid: str | None = None  # NOTIFY_TWILIO_MESSAGING_SERVICE_SID
    twilio_base_url: str = "https://api.twilio.com"  # NOTIFY_TWILIO_BASE_URL
    sms_gateway_url: str | None = None  # NOTIFY_SMS_GATEWAY_URL
    sms_gateway_token: str | None = None  # NOTIFY_SMS_GATEWAY_TOKEN: sent as a bearer token
    sms_gateway_secret: str | None = None  # NOTIFY_SMS_GATEWAY_SECRET: HMAC-signs requests and receipts

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ProviderSettings:
        defaults = cls()
        return cls(
            public_url=_str(env, "NOTIFY_PUBLIC_URL"),
            timeout=max(1, _int(env, "NOTIFY_PROVIDER_TIMEOUT", defaults.timeout)),
            concurrency=max(1, _int(env, "NOTIFY_PROVIDER_CONCURRENCY", defaults.concurrency)),
            failures=max(1, _int(env, "NOTIFY_PROVIDER_FAILURES", defaults.failures)),
            failure_window=max(1, _int(env, "NOTIFY_PROVIDER_FAILURE_WINDOW", defaults.failure_window)),
            cooldown=_int(env, "NOTIFY_PROVIDER_COOLDOWN", defaults.cooldown),
            smtp_url=_str(env, "NOTIFY_SMTP_URL"),
            smtp_pool_size=max(1, _int(env, "NOTIFY_SMTP_POOL_SIZE", defaults.smtp_pool_size)),
            ses_region=_str(env, "NOTIFY_SES_REGION"),
            ses_endpoint_url=_str(env, "NOTIFY_SES_ENDPOINT_URL"),
            ses_access_key_id=_str(env, "NOTIFY_SES_ACCESS_KEY_ID"),
            ses_secret_access_key=_str(env, "NOTIFY_SES_SECRET_ACCESS_KEY"),
            ses_from=_str(env, "NOTIFY_SES_FROM"),
            ses_configuration_set=_str(env, "NOTIFY_SES_CONFIGURATION_SET"),
            sns_topic_arns=_list(env.get("NOTIFY_SNS_TOPIC_ARNS", "")),
            sns_cert_url_pattern=_str(env, "NOTIFY_SNS_CERT_URL_PATTERN") or defaults.sns_cert_url_pattern,
            twilio_account_sid=_str(env, "NOTIFY_TWILIO_ACCOUNT_SID"),
            twilio_auth_token=_str(env, "NOTIFY_TWILIO_AUTH_TOKEN"),
            twilio_from=_str(env, "NOTIFY_TWILIO_FROM"),
            twilio_messaging_service_sid=_str(env, "NOTIFY_TWILIO_MESSAGING_SERVICE_SID"),
            twilio_base_url=_str(env, "NOTIFY_TWILIO_BASE_URL") or defaults.twilio_base_url,
            sms_gateway_url=_str(env, "NOTIFY_SMS_GATEWAY_URL"),
            sms_gateway_token=_str(env, "NOTIFY_SMS_GATEWAY_TOKEN"),
            sms_gateway_secret=_str(env, "NOTIFY_SMS_GATEWAY_SECRET"),
        )

    def __repr__(self) -> str:  # attrs' repr would print the secrets
        return f"ProviderSettings(smtp={bool(self.smtp_url)}, ses={self.ses_region!r}, " \
               f"twilio={self.twilio_account_sid!r}, sms_gateway={self.sms_gateway_url!r})"
