"""The composition root: the one place that picks adapters and wires them into `Notify`."""

from __future__ import annotations

import falcon

from notify.adapters.jwt import PyJwtTokens
from notify.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from notify.adapters.system import BcryptPasswordHasher, SystemClock, Uuid4Generator
from notify.config import Settings
from notify.entrypoints.http import create_app
from notify.usecases.app import Notify


def build_notify(settings: Settings) -> Notify:
    if settings.database_url is not None:
        raise SystemExit("NOTIFY_DATABASE_URL is not supported yet: unset it to use the in-memory store")
    store = InMemoryStore()
    ids = Uuid4Generator()
    return Notify(
        uow=lambda: InMemoryUnitOfWork(store),
        clock=SystemClock(),
        ids=ids,
        secrets=ids,
        passwords=BcryptPasswordHasher(),
        tokens=PyJwtTokens(),
        admin_client_id=settings.admin_client_id,
        admin_client_secrets=settings.admin_client_secrets,
    )


def build_app(settings: Settings | None = None) -> falcon.App:
    return create_app(build_notify(settings or Settings.from_env()))
