"""The in-memory unit of work: serialised by the store's lock, rolled back with an undo log."""

from __future__ import annotations

from typing import Any, Self

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
from .store import InMemoryStore

_MISSING = object()


class InMemoryUnitOfWork:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._undo: list[tuple[str, Any, Any]] = []
        self.services = InMemoryServiceRepository(self)
        self.guest_list = InMemoryGuestListRepository(self)
        self.service_users = InMemoryServiceUserRepository(self)
        self.users = InMemoryUserRepository(self)
        self.organisations = InMemoryOrganisationRepository(self)
        self.organisation_users = InMemoryOrganisationUserRepository(self)
        self.templates = InMemoryTemplateRepository(self)
        self.api_keys = InMemoryApiKeyRepository(self)
        self.notifications = InMemoryNotificationRepository(self)
        self.jobs = InMemoryJobRepository(self)
        self.providers = InMemoryProviderRepository(self)
        self.email_branding = InMemoryEmailBrandingRepository(self)
        self.letter_branding = InMemoryLetterBrandingRepository(self)
        self.callback_apis = InMemoryCallbackApiRepository(self)
        self.sms_senders = InMemorySmsSenderRepository(self)
        self.email_reply_to = InMemoryEmailReplyToRepository(self)
        self.inbound_sms = InMemoryInboundSmsRepository(self)
        self.counters = InMemoryCounterRepository(self)

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
