"""The composition root: the one place that picks adapters and wires them into `Notify`."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from notify.adapters.admissions import GroupCommitAdmissions
from notify.adapters.jwt import PyJwtTokens
from notify.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from notify.adapters.system import BcryptPasswordHasher, SystemClock, Uuid4Generator
from notify.adapters.webauthn import PyWebauthnVerifier
from notify.config import DEFAULT_SQLITE_FILE, MEMORY, Settings
from notify.domain.errors import StoreUnavailable
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases.app import Notify
from notify.usecases.facts import NightlyFacts
from notify.usecases.providers import ensure_default_providers
from notify.usecases.purge import NightlyPurge
from notify.usecases.retry_policy import RetryPolicy

if TYPE_CHECKING:  # SQLAlchemy, Alembic and Falcon load only when a store or the app is built (`import notify`)
    import falcon
    import sqlalchemy as sa

    from notify.adapters.sqlalchemy import EngineOptions

Say = Callable[[str], None]


class StartupError(Exception):
    """Start-up cannot go on; the message is one line for the operator."""


@frozen
class Stores:
    uow: Callable[[], UnitOfWork]
    bulk_uow: Callable[[], UnitOfWork] | None
    description: str
    engines: tuple[sa.Engine, ...] = ()
    used_tokens: Any = None  # a UsedTokens on the same store (replay protection)
    cipher: Any = None  # the SQL store's Cipher; letter PDFs and emailed files are kept under it too


def database_url(settings: Settings) -> str:
    """The store's URL: as configured, else a SQLite file in the working directory."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{Path(DEFAULT_SQLITE_FILE).resolve()}"


def engine_options(settings: Settings) -> EngineOptions:
    from notify.adapters.sqlalchemy import EngineOptions

    d = settings.database
    return EngineOptions(pool_size=d.pool_size, pool_timeout=d.pool_timeout, pool_recycle=d.pool_recycle,
                         connect_timeout=d.connect_timeout, tcp_user_timeout_ms=d.tcp_user_timeout_ms,
                         statement_timeout_ms=d.statement_timeout_ms)


def open_engine(url: str, settings: Settings) -> sa.Engine:
    """An engine that has answered once; StartupError (one line) for a wrong URL or an unreachable server."""
    from notify.adapters.sqlalchemy import create_engine
    from notify.adapters.sqlalchemy.engine import BadDatabaseUrl, check_connection, parse_url

    try:
        parsed = parse_url(url)
    except BadDatabaseUrl as exc:
        raise StartupError(str(exc)) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StartupError(f"cannot create the SQLite database {parsed.database}: no folder {folder}")
    engine = create_engine(parsed, engine_options(settings))
    try:
        check_connection(engine)
    except StoreUnavailable as exc:
        engine.dispose()
        raise StartupError(exc.message) from None
    return engine


def secret_keys(settings: Settings, engine: sa.Engine, say: Say) -> tuple[str, ...]:
    """NOTIFY_SECRET_KEY, else (SQLite file only) a key kept in a file next to the database, made on first start.
    PostgreSQL without a key refuses to start: a key made up per process would lose every secret on restart."""
    from notify.adapters.sqlalchemy.crypto import generate_key

    if settings.secret_keys:
        return settings.secret_keys
    if engine.dialect.name != "sqlite":
        raise StartupError("NOTIFY_SECRET_KEY is not set: PostgreSQL needs it for encryption at rest "
                           "(comma-separated keys, the first encrypts; e.g. python -c \"import secrets; "
                           "print(secrets.token_urlsafe(32))\")")
    database = engine.url.database
    if database in (None, "", ":memory:"):
        return (generate_key(),)  # a database that dies with the process may as well have a key that does too
    key_file = Path(f"{database}.key")
    if key_file.exists():
        return tuple(k.strip() for k in key_file.read_text().split(",") if k.strip())
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(generate_key() + "\n")
    say(f"notify: generated NOTIFY_SECRET_KEY for {database} in {key_file} (keep it with the database)")
    return secret_keys(settings, engine, say)


def migrate_or_refuse(engine: sa.Engine, settings: Settings, say: Say) -> None:
    import sqlalchemy as sa

    from notify.adapters.sqlalchemy import migrate
    from notify.adapters.sqlalchemy.engine import describe

    try:
        if migrate.is_up_to_date(engine):
            return
        if not settings.migrate_on_start:
            raise StartupError(f"the database at {describe(engine)} is at revision {migrate.current(engine)}, "
                               f"not {migrate.head()}: run `notify db upgrade`")
        say(f"notify: migrating {describe(engine)} to {migrate.head()}")
        migrate.upgrade(engine)
    except sa.exc.DBAPIError as exc:
        raise StartupError(f"cannot migrate {describe(engine)}: {' '.join(str(exc.orig).split())[:300]}") from None


def open_stores(settings: Settings, say: Say = lambda _: None) -> Stores:
    if settings.database_url == MEMORY:
        store = InMemoryStore()
        from notify.adapters.memory.used_tokens import InMemoryUsedTokens

        return Stores(uow=lambda: InMemoryUnitOfWork(store), bulk_uow=None, description="the in-memory store",
                      used_tokens=InMemoryUsedTokens())
    from notify.adapters.sqlalchemy import Cipher, SqlAlchemyUnitOfWork
    from notify.adapters.sqlalchemy.engine import describe

    engine = open_engine(database_url(settings), settings)
    cipher = Cipher(secret_keys(settings, engine, say))
    migrate_or_refuse(engine, settings, say)
    engines = [engine]
    bulk = None
    if settings.database_bulk_url:
        bulk_engine = open_engine(settings.database_bulk_url, settings)
        engines.append(bulk_engine)
        bulk = lambda: SqlAlchemyUnitOfWork(bulk_engine, cipher)  # noqa: E731
    from notify.adapters.sqlalchemy.used_tokens import SqlAlchemyUsedTokens

    return Stores(uow=lambda: SqlAlchemyUnitOfWork(engine, cipher), bulk_uow=bulk, description=describe(engine),
                  engines=tuple(engines), used_tokens=SqlAlchemyUsedTokens(engine),
                  cipher=cipher)


def build_notify(settings: Settings, stores: Stores | None = None) -> Notify:
    stores = stores or open_stores(settings)
    ids = Uuid4Generator()
    return Notify(
        uow=stores.uow,
        bulk_uow=stores.bulk_uow,
        admissions=GroupCommitAdmissions(stores.uow, lanes=admission_lanes(settings, stores)),
        clock=SystemClock(),
        ids=ids,
        secrets=ids,
        passwords=BcryptPasswordHasher(),
        tokens=PyJwtTokens(),
        admin_client_id=settings.admin_client_id,
        admin_client_secrets=settings.admin_client_secrets,
        public_url=settings.links_url,
        webauthn=PyWebauthnVerifier(),
        used_tokens=stores.used_tokens if settings.token_replay_check else None,
        **file_stores(settings, stores),
    )


def file_stores(settings: Settings, stores: Stores) -> dict[str, Any]:
    """Letter PDFs and files sent by email: encrypted under the SQL store's key in NOTIFY_UPLOAD_DIR, or in memory
    beside the in-memory store; the PDF library when the `letters` extra is installed."""
    from notify.adapters.uploads import FileSystemUploadStore, InMemoryUploadStore

    if stores.cipher is None:
        return {"letter_pdfs": pdf_letters(), "letter_store": InMemoryUploadStore(),
                "documents": InMemoryUploadStore()}
    from notify.adapters.uploads.encrypted import EncryptedUploadStore

    root = Path(settings.upload_dir)
    return {"letter_pdfs": pdf_letters(),
            "letter_store": EncryptedUploadStore(FileSystemUploadStore(root / "letters"), stores.cipher),
            "documents": EncryptedUploadStore(FileSystemUploadStore(root / "documents"), stores.cipher)}


def pdf_letters() -> Any:
    try:
        from notify.adapters.pdf import PdfLetters
    except ImportError:  # the `letters` extra is not installed: no letter PDFs
        return None
    return PdfLetters()


def admission_lanes(settings: Settings, stores: Stores) -> int:
    """Batches of sends committed at once: several only where the database runs them side by side (PostgreSQL's
    row locks keep the counts exact, and its commits share WAL flushes); SQLite has one writer, memory one lock."""
    return settings.database.admission_lanes if on_postgresql(stores) else 1


def on_postgresql(stores: Stores) -> bool:
    return bool(stores.engines) and stores.engines[0].dialect.name == "postgresql"


BULK_JOB_TICK = 0.5  # seconds between a bulk process's looks for jobs: how a new job is found


def start_background(notify: Notify, settings: Settings, *, run_jobs: bool = True,
                     job_tick: float | None = None) -> Notify:
    """What `notify serve` runs beside the API: the upload store, fake providers reporting
    receipts to the receipt use case, the in-process delivery queue (with its sweeps: `created` left behind,
    stale claims) and, unless `run_jobs` is False (a bulk process runs them), the job runner (with the scheduler
    tick every `job_tick` seconds, or the runner's default), a job's work making way for the API's requests
    (adapters.fair_share). Returns the Notify the app must be built on; threads are daemons. With
    NOTIFY_QUEUE_URL, deliveries and jobs go to Celery instead (`wire_celery`) and nothing runs here."""
    if settings.queue_url:
        return wire_celery(notify, settings)
    notify = wire_callbacks(notify, settings)
    from notify.adapters.fair_share import ForegroundFirst
    from notify.adapters.queue import InProcessDeliveryQueue, InProcessJobRunner
    from notify.adapters.uploads import FileSystemUploadStore
    from notify.usecases import delivery, jobs

    queue = InProcessDeliveryQueue(sweep_interval=max(1, settings.sweep_interval))
    runner = None
    if run_jobs:
        runner = InProcessJobRunner() if job_tick is None else InProcessJobRunner(tick_interval=job_tick)
    wired = _with_providers(attrs.evolve(
        notify, uploads=notify.uploads or FileSystemUploadStore(settings.upload_dir),
        queue=notify.queue or queue, job_queue=notify.job_queue or runner,
        retry_policy=retry_policy(settings), fair_share=notify.fair_share or ForegroundFirst()), settings)
    ensure_default_providers(wired)  # a ProviderDetails row per adapter, so admins can see and rank them
    if wired.queue is queue:
        nightly = NightlyPurge(settings.purge_hour)
        facts_nightly = NightlyFacts()

        def sweep() -> None:
            sweep_deliveries(wired, settings, nightly)
            facts_nightly.run_if_due(wired)

        queue.start(batch=lambda ids, prepared: delivery.deliver_many(wired, ids, prepared), sweep=sweep)
    if runner is not None and wired.job_queue is runner:
        runner.start(lambda job_id: jobs.process_job(wired, job_id), tick=lambda: jobs.tick(wired))
    return wired


def shares_bulk_work(settings: Settings, stores: Stores) -> bool:
    """Whether `notify serve` runs jobs in a bulk process of their own (`run_bulk`): with deliveries in process
    on a database that processes share, unless NOTIFY_BULK_PROCESS says not to."""
    return settings.bulk_process and not settings.queue_url and on_postgresql(stores)


def run_bulk(settings: Settings) -> None:
    """`notify serve`'s bulk process (entrypoints.bulk_process): jobs, their rows' deliveries and receipts, at
    NOTIFY_WORKER_NICE; new jobs are found within BULK_JOB_TICK seconds. Runs until terminated."""
    log_to_stdout()
    yield_processors(settings.worker_nice)
    stores = open_stores(settings)
    start_background(build_notify(settings, stores), settings, job_tick=BULK_JOB_TICK)
    settle_heap()
    print(f"notify: bulk process {os.getpid()} runs the jobs", flush=True)
    threading.Event().wait()


def stop_background(notify: Notify) -> None:
    """Stop what `start_background` started (each finishes what it holds), before the stores go away."""
    for background in (notify.queue, notify.job_queue, notify.send_pool):
        stop = getattr(background, "stop", None)
        if stop is not None:
            stop()


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(attempts=settings.delivery_attempts, first_delay=float(settings.delivery_retry_delay),
                       max_delay=float(settings.delivery_retry_max_delay))


def _with_providers(notify: Notify, settings: Settings) -> Notify:
    """The provider adapters (the fakes unless `notify` has some), receipts wired to the receipts use case.
    An adapter that is not idempotent by our reference is guarded by the hand-over ledger (usecases.handover):
    it is then never sent a message twice, even by a retry after a worker died mid-call."""
    from notify.usecases import delivery
    from notify.usecases.handover import GuardedProvider

    from notify.usecases.providers import CredentialLookup

    fakes = fake_providers(settings)
    lookup = CredentialLookup(notify)
    notify = attrs.evolve(notify, credentials_changed=lookup.forget)
    real_sms, real_email = real_providers(settings, notify.clock, lookup)

    def guarded(chosen: Any) -> list[Any]:
        return [p if getattr(p, "idempotent", False) else GuardedProvider(p, notify) for p in chosen]

    wired = attrs.evolve(notify, sms_providers=guarded(notify.sms_providers or real_sms or [fakes[0]]),
                         email_providers=guarded(notify.email_providers or real_email or [fakes[1]]),
                         letter_providers=guarded(notify.letter_providers or [fakes[2]]),
                         provider_callback_verifiers={**notify_format_verifiers(settings),
                                                      **fake_callback_verifiers(settings, [
                             fake for fake, given in zip(fakes, (notify.sms_providers or real_sms,
                                                                 notify.email_providers or real_email,
                                                                 notify.letter_providers)) if not given]),
                             **notify.provider_callback_verifiers},
                         provider_health=provider_health(settings),
                         send_pool=notify.send_pool or (send_pool(settings) if real_sms or real_email else None),
                         provider_webhooks={**{p.name: p for p in [*real_sms, *real_email]},
                                            **notify.provider_webhooks})
    for provider in fakes:
        provider.connect(delivery.receipt_sink(wired))
    return wired


def sweep_deliveries(notify: Notify, settings: Settings, nightly: NightlyPurge | None = None) -> None:
    """What every delivering process runs now and then: re-enqueue what was left in `created` (a lost message,
    a process that stopped with ids in its queue), time out hand-overs to guarded providers that nobody
    recorded (usecases.handover), settle notifications whose receipt never came (usecases.overdue), make the
    retries a stopped process had scheduled (usecases.retries), delete expired counters, and once a night start
    the purge of what is past retention (usecases.purge) on a thread of its own: it may take minutes."""
    from datetime import timedelta

    from notify.domain.overdue import ReceiptDeadlines
    from notify.usecases import counters, delivery, handover, overdue, retries

    waited = timedelta(seconds=settings.claim_timeout)
    # In the broker a message may wait its turn for a while; in-process, a minute in `created` means lost.
    delivery.sweep_created(notify, older_than=max(waited, timedelta(minutes=1)) if settings.queue_url
                           else min(waited, timedelta(minutes=1)))
    handover.sweep_handovers(notify, older_than=waited, sending_timeout=timedelta(seconds=settings.sending_timeout))
    overdue.sweep_overdue(notify, ReceiptDeadlines(ask_after=timedelta(seconds=settings.receipt_wait),
                                                   give_up_after=timedelta(seconds=settings.sending_timeout)))
    retries.sweep_retries(notify, grace=min(retries.SWEEP_GRACE, waited))
    counters.remove_expired_counters(notify)
    if nightly is not None and nightly.due(notify):
        threading.Thread(target=_nightly_purge, args=(notify,), name="notify-purge", daemon=True).start()


def run_purge(notify: Notify, say: Say) -> None:
    """The purge now (`notify purge`), saying what it moved and removed."""
    import time

    from notify.usecases.purge import purge_expired

    started = time.monotonic()
    report = purge_expired(notify)
    say(f"notify purge: {report.moved} notifications past retention moved to history, "
        f"{report.letters_removed} letter PDFs, {report.jobs_archived} job spreadsheets and "
        f"{report.documents_removed} files sent by email removed, {report.unsubscribe_requests_removed} "
        f"unsubscribe requests archived, {report.reports_removed} reports removed "
        f"in {time.monotonic() - started:.1f} s")


def _nightly_purge(notify: Notify) -> None:
    import logging

    log = logging.getLogger("notify.purge")
    try:
        run_purge(notify, log.info)
    except Exception:  # the next night's purge picks up what this one left
        log.exception("the nightly purge failed")


def purge_now(settings: Settings, say: Say) -> int:
    """`notify purge`: the stores and the upload folder `notify serve` uses, purged once."""
    from notify.adapters.uploads import FileSystemUploadStore

    if settings.database_url == MEMORY:
        say("notify: the in-memory store lives in its server's process: nothing here to purge")
        return 0
    stores = open_stores(settings, say=say)
    try:
        notify = build_notify(settings, stores)
        run_purge(attrs.evolve(notify, uploads=FileSystemUploadStore(settings.upload_dir)), say)
    finally:
        for engine in stores.engines:
            engine.dispose()
    return 0


def wire_callbacks(notify: Notify, settings: Settings) -> Notify:
    """Delivery-status callbacks to services: posted over HTTP (standard library, 5 s timeout) by worker
    threads of this process, retried as NOTIFY_CALLBACK_RETRY_DELAY / NOTIFY_CALLBACK_MAX_RETRIES say; and
    background reports, made by a thread of their own.
    Collaborators already on `notify` (a test's fakes) are kept."""
    from notify.adapters.callbacks import BackgroundTaskRunner, UrllibCallbackSender
    from notify.domain.callback_api import CallbackRetry

    return attrs.evolve(
        notify, callbacks=notify.callbacks or UrllibCallbackSender(),
        callback_runner=notify.callback_runner or BackgroundTaskRunner("notify-callbacks", workers=4),
        report_runner=notify.report_runner or BackgroundTaskRunner("notify-reports", workers=1),
        callback_retry=CallbackRetry(max_retries=settings.callback_max_retries,
                                     delay_seconds=float(settings.callback_retry_delay)))


def fake_callback_verifiers(settings: Settings, in_use: list[Any]) -> dict[str, Any]:
    """Who may post the callbacks of the fakes in use: whoever holds NOTIFY_PROVIDER_CALLBACK_TOKEN (receipts by
    the fake's name; inbound texts as the provider "fake", which only the SMS fake can send)."""
    from notify.adapters.provider_callback_tokens import SharedTokenVerifier
    from notify.adapters.providers.fake import FakeSmsProvider

    verifier = SharedTokenVerifier(settings.provider_callback_tokens)
    names = [fake.name for fake in in_use] + ["fake" for fake in in_use if isinstance(fake, FakeSmsProvider)]
    return {name: verifier for name in names}


NOTIFY_FORMAT_PROVIDERS = ("mmg", "firetext")  # whose receipt and inbound formats /notifications/sms/… take


def notify_format_verifiers(settings: Settings) -> dict[str, Any]:
    """Who may post receipts and texts in MMG's and Firetext's formats: whoever holds
    NOTIFY_PROVIDER_CALLBACK_TOKEN (as a bearer token, or the basic auth password those providers send)."""
    from notify.adapters.provider_callback_tokens import SharedTokenVerifier

    verifier = SharedTokenVerifier(settings.provider_callback_tokens)
    return {name: verifier for name in NOTIFY_FORMAT_PROVIDERS}


def fake_providers(settings: Settings) -> tuple[Any, Any, Any]:
    """The SMS, email and letter fakes, as NOTIFY_FAKE_RECEIPT_DELAY_MS and NOTIFY_FAKE_PROVIDER_LOG say."""
    from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider

    options: dict[str, Any] = {"receipt_delay": settings.fake_receipt_delay_ms / 1000,
                               "log_dir": settings.fake_provider_log, "keep_sent": 1000, "batch_receipts": True}
    return FakeSmsProvider(**options), FakeEmailProvider(**options), FakeLetterProvider(**options)


def require_celery() -> None:
    """Celery is an extra (`notify[celery]`): without it, a one-line StartupError saying what to install."""
    from importlib import import_module

    try:
        for module in ("celery", "kombu"):
            import_module(module)
    except ImportError as exc:
        raise StartupError(f"NOTIFY_QUEUE_URL needs Celery, which is not installed (no {exc.name}): "
                           "pip install 'notify[celery]'") from None


def celery_app(settings: Settings) -> Any:
    require_celery()
    from notify.adapters.queue.celery_queue import make_celery

    assert settings.queue_url
    return make_celery(settings.queue_url, queue=settings.queue_name,
                       redis_visibility_timeout=max(60, settings.claim_timeout))


def wire_celery(notify: Notify, settings: Settings, app: Any = None, *, worker: bool = False) -> Notify:
    """Deliveries and jobs through Celery (NOTIFY_QUEUE_URL): `notify serve` only publishes, `notify worker`
    (`worker`) processes (run_worker)."""
    require_celery()
    from notify.adapters.queue.celery_queue import CeleryQueue
    from notify.adapters.uploads import FileSystemUploadStore

    notify = wire_callbacks(notify, settings)
    queue = CeleryQueue(app or celery_app(settings), keep_prepared=worker)
    wired = _with_providers(attrs.evolve(notify, uploads=notify.uploads or FileSystemUploadStore(settings.upload_dir),
                                         queue=queue, job_queue=queue, retry_policy=retry_policy(settings)),
                            settings)
    ensure_default_providers(wired)
    return wired


def run_worker(settings: Settings, *, concurrency: int = 4, say: Say = lambda _: None) -> int:
    """`notify worker`: a Celery worker (threads pool) delivering notifications and processing jobs, and
    sweeping every NOTIFY_SWEEP_INTERVAL seconds: `created` left behind, stale claims, due scheduled jobs."""
    require_celery()
    from notify.adapters.queue import celery_queue
    from notify.usecases import delivery, jobs

    if not settings.queue_url:
        raise StartupError("NOTIFY_QUEUE_URL is not set: `notify worker` needs a broker "
                           "(amqp://guest:guest@127.0.0.1:5672// or redis://127.0.0.1:6379/0)")
    yield_processors(settings.worker_nice)
    stores = open_stores(settings, say=say)
    app = celery_app(settings)
    wired = wire_celery(build_notify(settings, stores), settings, app, worker=True)
    queue = wired.queue
    assert isinstance(queue, celery_queue.CeleryQueue)
    celery_queue.register_tasks(app, deliver_many=lambda ids: delivery.deliver_many(wired, ids,
                                                                                   queue.take_prepared(ids)),
                                process_job=lambda job_id: jobs.process_job(wired, job_id))

    nightly, facts_nightly = NightlyPurge(settings.purge_hour), NightlyFacts()

    def sweep() -> None:
        sweep_deliveries(wired, settings, nightly)
        facts_nightly.run_if_due(wired)
        for job_id in jobs.tick(wired):
            queue = wired.job_queue
            assert queue is not None
            queue.enqueue_job(job_id)

    say(f"notify worker: {concurrency} threads on queue {settings.queue_name}, storing in {stores.description}")
    settle_heap()
    try:
        return celery_queue.run_worker(app, concurrency=concurrency, sweep=sweep,
                                       sweep_interval=settings.sweep_interval)
    finally:
        for engine in stores.engines:
            engine.dispose()


def log_to_stdout() -> None:
    """What the long-running commands log: INFO and up, timestamped, on standard output."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def yield_processors(niceness: int) -> None:
    """Lower this process's priority before it starts any thread (each inherits it): its background work then
    waits for the API's requests and the database's queries on a machine they share, and loses nothing
    where the machine is otherwise idle."""
    if niceness > 0:
        try:
            os.nice(niceness)
        except OSError:  # not allowed here: run as started
            pass


def settle_heap() -> None:
    """Once start-up has built what lives as long as the process (templates parsed, phone metadata, the ORM's
    tables): put it beyond the garbage collector's reach and collect the young less often. A full collection of
    that heap stopped every thread for ~56 ms every few seconds under load (a send's p99); after this ~3 ms."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
    share_the_interpreter()


def share_the_interpreter() -> None:
    """A request thread gives the interpreter up at each database round trip and, while delivery, receipts
    and a job's rows keep other threads busy, waits up to the switch interval to get it back, several times a
    request. 1 ms instead of 5 ms keeps an API send's p99 low while a big job runs."""
    import sys

    sys.setswitchinterval(0.001)


def build_app(settings: Settings | None = None, stores: Stores | None = None, *,
              background: bool = False, run_jobs: bool = True) -> falcon.App[Any, Any]:
    """`run_jobs` False: a bulk process runs them (`run_bulk`)."""
    from notify.entrypoints.http import create_app

    settings = settings or Settings.from_env()
    notify = build_notify(settings, stores)
    if background:
        notify = start_background(notify, settings, run_jobs=run_jobs)
    app = create_app(notify, max_body_bytes=settings.max_body_bytes)
    mount_web(app, notify, settings)
    return app


def mount_web(app: falcon.App[Any, Any], notify: Notify, settings: Settings) -> None:
    """The web pages beside the API, their sessions keyed by the admin secret; with the fake providers, the
    development outbox shows what they were handed (the sign-in codes among them): to a signed-in platform
    admin, or to anyone when NOTIFY_DEV_OUTBOX says so."""
    from notify.entrypoints import web

    fakes = [p for p in (*notify.email_providers, *notify.sms_providers) if hasattr(p, "sent")]
    outbox = (lambda: [m for fake in fakes for m in list(fake.sent)]) if fakes else None
    web.mount(app, notify, secret=settings.admin_client_secrets[0], outbox=outbox, outbox_open=settings.dev_outbox)


def first_run_link(settings: Settings, stores: Stores, base_url: str) -> str | None:
    """While there is no user: the one-time link that creates the first admin of the web pages."""
    from notify.entrypoints import web
    from notify.usecases import web_sign_in

    if not web_sign_in.needs_first_admin(build_notify(settings, stores)):
        return None
    return f"{base_url}{web.PREFIX}/set-up/{web.setup_token(settings.admin_client_secrets[0])}"


def send_pool(settings: Settings) -> Any:
    from notify.usecases.send_pool import SendPool

    return SendPool(settings.providers.concurrency)


def provider_health(settings: Settings) -> Any:
    from notify.usecases.provider_health import HealthPolicy, ProviderHealth

    p = settings.providers
    return ProviderHealth(HealthPolicy(failures=p.failures, window=float(p.failure_window),
                                       cooldown=float(p.cooldown)))


def real_providers(settings: Settings, clock: Any, credentials: Callable[[str], Mapping[str, str]] | None = None
                   ) -> tuple[list[Any], list[Any]]:
    """The SMS and email providers the settings configure (none: the fakes are used), named as their
    ProviderDetails rows and their callback routes (/provider-callbacks/<name>). With `credentials` (a provider's
    stored credentials by name, usecases.providers.CredentialLookup), each stored credential wins over the
    environment's, a provider whose stored credentials suffice is on without its environment variables, and
    each adapter is built again when its stored credentials change."""
    stored: Callable[[str], Mapping[str, str]] = credentials or (lambda _: {})
    sms: list[Any] = []
    email: list[Any] = []
    for name, build, channel in (("smtp", _smtp, email), ("ses", _ses, email), ("twilio", _twilio, sms),
                                 ("sms-gateway", _sms_gateway, sms)):
        adapter = build(settings, clock, stored(name))
        if adapter is None:
            continue
        channel.append(adapter if credentials is None else _following(name, build, settings, clock, credentials))
    return sms, email


def _following(name: str, build: Callable[[Settings, Any, Mapping[str, str]], Any], settings: Settings,
               clock: Any, credentials: Callable[[str], Mapping[str, str]]) -> Any:
    from notify.adapters.providers.stored_credentials import StoredCredentialsProvider

    return StoredCredentialsProvider(name, lambda stored: build(settings, clock, stored), lambda: credentials(name))


def _smtp(settings: Settings, clock: Any, stored: Mapping[str, str]) -> Any:
    p = settings.providers
    url = stored.get("url") or p.smtp_url
    if not url:
        return None
    from notify.adapters.providers.smtp import SmtpEmailProvider

    return SmtpEmailProvider("smtp", url, user=stored.get("user"), password=stored.get("password"),
                             pool_size=p.smtp_pool_size, connect_timeout=float(p.timeout),
                             send_timeout=float(p.timeout))


def _ses(settings: Settings, clock: Any, stored: Mapping[str, str]) -> Any:
    p = settings.providers
    if not p.ses_region:
        return None
    from notify.adapters.providers.ses import SesEmailProvider

    return SesEmailProvider(
        "ses", region=p.ses_region, endpoint_url=p.ses_endpoint_url,
        access_key_id=stored.get("access_key_id") or p.ses_access_key_id,
        secret_access_key=stored.get("secret_access_key") or p.ses_secret_access_key, from_address=p.ses_from,
        configuration_set=p.ses_configuration_set, topic_arns=p.sns_topic_arns,
        cert_url_pattern=p.sns_cert_url_pattern, timeout=float(p.timeout))


def _twilio(settings: Settings, clock: Any, stored: Mapping[str, str]) -> Any:
    p = settings.providers
    account_sid = stored.get("account_sid") or p.twilio_account_sid
    if not account_sid:
        return None
    from notify.adapters.providers.twilio import TwilioSmsProvider

    auth_token = stored.get("auth_token") or p.twilio_auth_token
    if not auth_token:
        raise StartupError("NOTIFY_TWILIO_AUTH_TOKEN is not set (NOTIFY_TWILIO_ACCOUNT_SID is)")
    return TwilioSmsProvider("twilio", account_sid=account_sid, auth_token=auth_token, base_url=p.twilio_base_url,
                             public_url=p.public_url, from_number=p.twilio_from,
                             messaging_service_sid=p.twilio_messaging_service_sid, timeout=float(p.timeout))


def _sms_gateway(settings: Settings, clock: Any, stored: Mapping[str, str]) -> Any:
    p = settings.providers
    url = stored.get("url") or p.sms_gateway_url
    if not url:
        return None
    from notify.adapters.providers.http_gateway import HttpSmsGateway

    token, secret = stored.get("token") or p.sms_gateway_token, stored.get("secret") or p.sms_gateway_secret
    if not (token or secret):
        raise StartupError("NOTIFY_SMS_GATEWAY_URL needs NOTIFY_SMS_GATEWAY_TOKEN or NOTIFY_SMS_GATEWAY_SECRET")
    return HttpSmsGateway("sms-gateway", url=url, bearer_token=token, secret=secret, timeout=float(p.timeout),
                          clock=clock)


def describe_providers(settings: Settings, stores: Stores | None = None) -> str:
    """One line for the operator: which provider each channel uses (no secrets), with the credentials stored
    in `stores` counted as real_providers counts them."""
    from urllib.parse import urlsplit

    from notify.usecases.providers import stored_credentials

    p = settings.providers
    stored = stored_credentials(build_notify(settings, stores)) if stores is not None else {}
    smtp_url = stored.get("smtp", {}).get("url") or p.smtp_url
    gateway_url = stored.get("sms-gateway", {}).get("url") or p.sms_gateway_url
    email = [f"smtp ({urlsplit(smtp_url).hostname})"] if smtp_url else []
    email += [f"ses ({p.ses_region})"] if p.ses_region else []
    sms = ["twilio"] if stored.get("twilio", {}).get("account_sid") or p.twilio_account_sid else []
    sms += [f"sms-gateway ({urlsplit(gateway_url).hostname})"] if gateway_url else []
    return f"sms: {', '.join(sms) or 'fake-sms'}; email: {', '.join(email) or 'fake-email'}; letter: fake-letter"
