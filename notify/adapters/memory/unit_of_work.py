"""The in-memory unit of work: serialised by the store's lock, rolled back with an undo log."""

from __future__ import annotations

from typing import Any, Self

from ..lazy import repository
from .repositories import (
    InMemoryApiKeyRepository,
    InMemoryCallbackApiRepository,
    InMemoryCounterRepository,
    InMemoryEmailBrandingRepository,
    InMemoryEmailReplyToRepository,
    InMemoryGuestListRepository,
    InMemoryInboundSmsRepository,
    InMemoryJobRepository,
    InMemoryLetterBrandingRepository,
    InMemoryNotificationRepository,
    InMemoryOrganisationRepository,
    InMemoryOrganisationUserRepository,
    InMemoryProviderRepository,
    InMemoryServiceRepository,
    InMemoryServiceUserRepository,
    InMemorySmsSenderRepository,
    InMemoryTemplateRepository,
    InMemoryUserRepository,
)
from .letter_contacts import InMemoryLetterContactRepository
from .store import InMemoryStore

_MISSING = object()


class InMemoryUnitOfWork:
    services = repository(InMemoryServiceRepository)
    guest_list = repository(InMemoryGuestListRepository)
    service_users = repository(InMemoryServiceUserRepository)
    users = repository(InMemoryUserRepository)
    organisations = repository(InMemoryOrganisationRepository)
    organisation_users = repository(InMemoryOrganisationUserRepository)
    templates = repository(InMemoryTemplateRepository)
    api_keys = repository(InMemoryApiKeyRepository)
    notifications = repository(InMemoryNotificationRepository)
    jobs = repository(InMemoryJobRepository)
    providers = repository(InMemoryProviderRepository)
    email_branding = repository(InMemoryEmailBrandingRepository)
    letter_branding = repository(InMemoryLetterBrandingRepository)
    callback_apis = repository(InMemoryCallbackApiRepository)
    sms_senders = repository(InMemorySmsSenderRepository)
    email_reply_to = repository(InMemoryEmailReplyToRepository)
    inbound_sms = repository(InMemoryInboundSmsRepository)
    counters = repository(InMemoryCounterRepository)
    letter_contacts = repository(InMemoryLetterContactRepository)

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._undo: list[tuple[str, Any, Any]] = []

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        self._undo = []
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._rollback()
        finally:
            self._store.lock.release()

    def commit(self) -> None:
        self._undo = []

    def _rollback(self) -> None:
        for name, key, old in reversed(self._undo):
            if old is _MISSING:
                self._store.tables[name].pop(key, None)
            else:
                self._store.tables[name][key] = old
        self._undo = []

    # -- used by the repositories -------------------------------------------------------------
    def table(self, name: str) -> dict[Any, Any]:
        return self._store.tables[name]

    def put(self, name: str, key: Any, value: Any) -> None:
        table = self._store.tables[name]
        self._undo.append((name, key, table.get(key, _MISSING)))
        table[key] = value

    def delete(self, name: str, key: Any) -> None:
        table = self._store.tables[name]
        if key in table:
            self._undo.append((name, key, table.pop(key)))
