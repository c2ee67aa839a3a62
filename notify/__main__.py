"""`notify serve` (the HTTP API under waitress), `notify worker` (Celery, with NOTIFY_QUEUE_URL), `notify purge`
(what is past retention, now), `notify facts` (the daily billing and status facts), `notify inbound-numbers
add` (numbers bought from a provider, into the pool services are given theirs from), `notify
protected-sender-ids add` (sender ids only their owners may use) and `notify db upgrade | downgrade REV | current`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from attrs import evolve

from notify.bootstrap import (StartupError, build_app, database_url, describe_providers, first_run_link, log_to_stdout,
                              open_engine, open_stores, purge_now, run_bulk, run_worker, settle_heap, shares_bulk_work)
from notify.config import ConfigError, MEMORY, Settings

if TYPE_CHECKING:
    from notify.usecases.app import Notify


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="notify", description="A notification platform with Notify's API.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=6011)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument("--workers", type=int, default=1, help="processes serving the port (one per core: the "
                                                              "interpreter runs Python on one core at a time)")
    serve.add_argument("--connection-limit", type=int, help="open connections kept (NOTIFY_HTTP_CONNECTION_LIMIT)")
    serve.add_argument("--channel-timeout", type=int, help="idle seconds before a connection is closed "
                                                            "(NOTIFY_HTTP_CHANNEL_TIMEOUT)")
    serve.add_argument("--request-timeout", type=int, help="seconds to receive one whole request "
                                                            "(NOTIFY_HTTP_REQUEST_TIMEOUT)")
    serve.add_argument("--cleanup-interval", type=int, help="seconds between timeout checks "
                                                             "(NOTIFY_HTTP_CLEANUP_INTERVAL)")
    serve.add_argument("--max-header-bytes", type=int, help="largest request head (NOTIFY_HTTP_MAX_HEADER_BYTES)")
    worker = commands.add_parser("worker", help="deliver notifications and process jobs from NOTIFY_QUEUE_URL")
    worker.add_argument("--concurrency", type=int, default=4, help="deliveries at once (threads)")
    commands.add_parser("purge", help="move notifications past their service's retention to history (no recipient, "
                                      "no content) and remove expired letter PDFs and job spreadsheets, now")
    db = commands.add_parser("db", help="manage the database schema (NOTIFY_DATABASE_URL)")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="migrate to the newest revision").add_argument(
        "revision", nargs="?", default="head")
    db_commands.add_parser("downgrade", help="migrate back to REV (base: an empty database)").add_argument(
        "revision")
    db_commands.add_parser("current", help="print the database's revision and the newest one")
    send = commands.add_parser("send-csv", help="send a CSV file as a job through a running notify (admin API)")
    send.add_argument("file")
    send.add_argument("--service", required=True, help="service id")
    send.add_argument("--template", required=True, help="template id")
    send.add_argument("--url", default="http://127.0.0.1:6011")
    send.add_argument("--scheduled-for", default=None, help="ISO date-time, at most 7 days ahead")
    send.add_argument("--no-wait", action="store_true", help="return once the job is created")
    facts = commands.add_parser("facts", help="build the daily billing and status facts from notifications "
                                              "(by default what the nightly run builds: yesterday and the 3 days "
                                              "before); building a day again replaces its facts")
    facts.add_argument("--from", dest="first", type=date.fromisoformat, help="first UK day, YYYY-MM-DD")
    facts.add_argument("--to", dest="last", type=date.fromisoformat, help="last UK day (default: --from)")
    numbers = commands.add_parser("inbound-numbers", help="the pool of numbers services are texted on")
    numbers_commands = numbers.add_subparsers(dest="numbers_command", required=True)
    add_numbers = numbers_commands.add_parser("add", help="put numbers bought from a provider into the pool")
    add_numbers.add_argument("--provider", required=True, help="who the numbers were bought from (mmg, firetext…)")
    add_numbers.add_argument("numbers", nargs="+", help="each as texts to it arrive, e.g. 07700900123")
    protected = commands.add_parser("protected-sender-ids",
                                    help="text message sender ids only their owners may use (a bank's name…)")
    protected_commands = protected.add_subparsers(dest="protected_command", required=True)
    protected_commands.add_parser("add", help="protect sender ids (compared without spaces, in any case)") \
        .add_argument("sender_ids", nargs="+")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
        if args.command == "db":
            return _db(settings, args)
        if args.command == "purge":
            return purge_now(settings, say=lambda line: print(line, flush=True))
        if args.command == "facts":
            return _facts(settings, args)
        if args.command == "inbound-numbers":
            return _add_inbound_numbers(settings, args)
        if args.command == "protected-sender-ids":
            return _add_protected_sender_ids(settings, args)
        if args.command == "send-csv":
            return _send_csv(settings, args)
        if args.command == "worker":
            log_to_stdout()
            return run_worker(settings, concurrency=args.concurrency, say=lambda line: print(line, flush=True))
        return _serve(settings, args)
    except (StartupError, ConfigError) as exc:
        print(f"notify: {exc}", file=sys.stderr, flush=True)
        return 2
    except Exception as exc:  # an operator gets one line (a port in use, an unreadable file), not a traceback
        print(f"notify: {type(exc).__name__}: {' '.join(str(exc).split())}", file=sys.stderr, flush=True)
        return 1


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    log_to_stdout()
    if settings.generated_admin_secret:
        # Printed once: the admin app (or a test) signs its tokens with it.
        print(f"NOTIFY_ADMIN_CLIENT_ID={settings.admin_client_id}", flush=True)
        print(f"NOTIFY_ADMIN_CLIENT_SECRET={settings.admin_client_secrets[0]}", flush=True)
    if settings.generated_provider_callback_token:
        # The fake providers' callbacks (receipts, inbound texts) posted from outside must carry it.
        print(f"NOTIFY_PROVIDER_CALLBACK_TOKEN={settings.provider_callback_tokens[0]}", flush=True)
    if settings.database_url is None:
        print(f"notify: NOTIFY_DATABASE_URL is not set: using the SQLite database {database_url(settings)}",
              flush=True)
    # Without NOTIFY_PUBLIC_URL, links in emails point where this server listens, never at a request's Host
    # header, which whoever sends the request chooses.
    settings = evolve(settings, listen_url=f"http://{args.host}:{args.port}")
    workers = max(1, args.workers)
    if workers > 1 and settings.database_url == MEMORY:
        raise StartupError("--workers needs a database the processes share: the in-memory store is one process's")
    stores = open_stores(settings, say=lambda line: print(line, flush=True))
    print(f"notify: storing in {stores.description}", flush=True)
    print(f"notify: providers: {describe_providers(settings, stores)}", flush=True)

    from notify.entrypoints.waitress_server import ServerOptions, serve

    http = settings.http

    def given(name: str, default: int) -> int:
        value = getattr(args, name)
        return default if value is None else max(1, value)

    options = ServerOptions(
        host=args.host, port=args.port, threads=args.threads, max_body_bytes=settings.max_body_bytes,
        connection_limit=given("connection_limit", http.connection_limit),
        channel_timeout=given("channel_timeout", http.channel_timeout),
        request_timeout=given("request_timeout", http.request_timeout),
        cleanup_interval=given("cleanup_interval", http.cleanup_interval),
        max_header_bytes=given("max_header_bytes", http.max_header_bytes))
    def say(line: str) -> None:
        sys.stdout.write(line + "\n")  # one write: worker processes share stdout, so lines must not interleave
        sys.stdout.flush()

    link = first_run_link(settings, stores, f"http://{options.host}:{options.port}")
    if link:
        say(f"notify: no users yet: create the first admin of the web pages at {link}")

    jobs_apart = shares_bulk_work(settings, stores)
    if jobs_apart:  # spawned, not forked; the workers forked below never use its watching thread
        from notify.entrypoints.bulk_process import BulkProcess

        bulk = BulkProcess(run_bulk, (settings,), say)
        bulk.start()
    try:
        if workers == 1:
            app = build_app(settings, stores, background=True, run_jobs=not jobs_apart)
            settle_heap()
            serve(app, options, say=say)
            return 0
        from notify.entrypoints import prefork

        for engine in stores.engines:  # migrated and keyed; each worker opens its own pool after the fork
            engine.dispose()
        listening = prefork.bind(options.host, options.port)
        say(f"notify: {workers} worker processes on http://{options.host}:{options.port}")

        def work() -> None:
            app = build_app(settings, open_stores(settings), background=True, run_jobs=not jobs_apart)
            settle_heap()
            serve(app, options, say=say, listening=listening)

        return prefork.run_workers(workers, work, say=say)
    finally:
        if jobs_apart:
            bulk.stop()


def _send_csv(settings: Settings, args: argparse.Namespace) -> int:
    from pathlib import Path

    from notify.entrypoints.send_csv import AdminApi, SendFailed, send_csv

    if settings.generated_admin_secret:
        print("notify: set NOTIFY_ADMIN_CLIENT_SECRET to the server's admin secret", file=sys.stderr)
        return 2
    api = AdminApi(args.url, settings.admin_client_id, settings.admin_client_secrets[0])
    try:
        job = send_csv(api, Path(args.file), service_id=args.service, template_id=args.template,
                       scheduled_for=args.scheduled_for, wait=not args.no_wait)
    except (SendFailed, OSError) as exc:
        print(f"notify: {exc}", file=sys.stderr)
        return 1
    print(f"job {job['id']}: {job['job_status']}, {job['notifications_sent']} of {job['notification_count']} sent")
    return 0


def _facts(settings: Settings, args: argparse.Namespace) -> int:
    from notify.bootstrap import build_notify
    from notify.usecases import facts

    if settings.database_url == MEMORY:
        print("notify: the in-memory store has no notifications to build facts from", flush=True)
        return 0
    stores = open_stores(settings)
    try:
        notify = build_notify(settings, stores)
        if args.first is None:
            built = facts.build_nightly(notify)
        else:
            built = facts.build_days(notify, args.first, args.last or args.first)
        for day in built:
            print(f"{day.day}: {day.billing_facts} billing facts, {day.status_facts} status facts", flush=True)
    finally:
        for engine in stores.engines:
            engine.dispose()
    return 0


def _add_inbound_numbers(settings: Settings, args: argparse.Namespace) -> int:
    from notify.usecases.inbound_numbers import add_inbound_numbers

    def add(notify: Notify) -> None:
        for number in add_inbound_numbers(notify, args.numbers, provider=args.provider):
            print(f"{number.number}: in the pool ({number.provider}, id {number.id})", flush=True)

    return _on_the_database(settings, "numbers", add)


def _add_protected_sender_ids(settings: Settings, args: argparse.Namespace) -> int:
    from notify.usecases.events import protect_sender_id

    def add(notify: Notify) -> None:
        for sender_id in args.sender_ids:
            protect_sender_id(notify, sender_id)
            print(f"{sender_id}: protected", flush=True)

    return _on_the_database(settings, "sender ids", add)


def _on_the_database(settings: Settings, what: str, action: Callable[[Notify], None]) -> int:
    """Run an operator's command against the configured database (the in-memory store would forget it)."""
    from notify.bootstrap import build_notify

    if settings.database_url == MEMORY:
        print(f"notify: the in-memory store forgets {what} when this command ends: set NOTIFY_DATABASE_URL",
              file=sys.stderr, flush=True)
        return 2
    stores = open_stores(settings)
    try:
        action(build_notify(settings, stores))
    finally:
        for engine in stores.engines:
            engine.dispose()
    return 0


def _db(settings: Settings, args: argparse.Namespace) -> int:
    from notify.adapters.sqlalchemy import migrate
    from notify.adapters.sqlalchemy.engine import describe

    if settings.database_url == MEMORY:
        print("notify: the in-memory store has no schema to migrate", flush=True)
        return 0
    engine = open_engine(database_url(settings), settings)
    try:
        if args.db_command == "upgrade":
            migrate.upgrade(engine, args.revision)
        elif args.db_command == "downgrade":
            migrate.downgrade(engine, args.revision)
        print(f"{describe(engine)}: at {migrate.current(engine) or 'base (empty)'}; newest is {migrate.head()}",
              flush=True)
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
