"""A short-lived in-process read cache for the hot path (Notify caches service, keys and templates ~2 s).

Entries expire by the injected clock, so tests move time instead of sleeping. A stale entry lives at most
`ttl` seconds: a key revoked or a service archived is refused by every process within that time.

Keys are the classes below, one per kind of entry, each typed with the value it holds and each belonging to
one service: a write to anything of a service calls `forget_service`, the one invalidation point, and this
process sees the change at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Generic, ParamSpec, TypeVar
from uuid import UUID

from attrs import frozen

from notify.domain.api_key import ApiKey
from notify.domain.callback_api import ServiceCallbackApi
from notify.domain.constants import CallbackType, KeyType, NotificationType
from notify.domain.letter_contact import ServiceLetterContact
from notify.domain.limits import Limit
from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender
from notify.domain.service import Service
from notify.domain.template import Template

T = TypeVar("T")
P = ParamSpec("P")


class CacheKey(Generic[T]):
    """A cache key whose entries hold a T, for one service."""

    __slots__ = ()
    service_id: UUID


@frozen
class ServiceAndKeys(CacheKey[tuple[Service | None, Sequence[ApiKey]]]):
    service_id: UUID


@frozen
class CurrentTemplate(CacheKey[Template]):
    service_id: UUID
    template_id: UUID


@frozen
class TemplateVersion(CacheKey[Template]):
    service_id: UUID
    template_id: UUID
    version: int


@frozen
class AllowedRecipients(CacheKey[frozenset[str]]):
    service_id: UUID


@frozen
class SendLimits(CacheKey[tuple[Limit, ...]]):
    """The limits of every send of a service version, key type and channel within one minute, as at its start
    (`limits_at` moves a bucket's floor to each send's time)."""

    service_id: UUID
    service_version: int
    key_type: KeyType
    notification_type: NotificationType
    international_sms: bool
    count_daily: bool
    minute: datetime


@frozen
class SmsSenders(CacheKey[tuple[ServiceSmsSender, ...]]):
    service_id: UUID


@frozen
class EmailReplyTos(CacheKey[tuple[ServiceEmailReplyTo, ...]]):
    service_id: UUID


@frozen
class CallbackApi(CacheKey["ServiceCallbackApi | None"]):
    service_id: UUID
    callback_type: CallbackType


@frozen
class LetterContacts(CacheKey[tuple[ServiceLetterContact, ...]]):
    service_id: UUID


@frozen
class PrecompiledTemplate(CacheKey[Template]):
    """The service's hidden "Pre-compiled PDF" letter template."""
    service_id: UUID


class ReadCache:
    def __init__(self, ttl_seconds: float = 2.0, max_entries: int = 10_000) -> None:
        self.ttl = timedelta(seconds=ttl_seconds)
        self._off = ttl_seconds <= 0
        self._max = max_entries
        self._entries: dict[CacheKey[Any], tuple[datetime, Any]] = {}
        self._lock = threading.Lock()

    def get_or_load(self, key: CacheKey[T], now: datetime, load: Callable[P, T], /, *args: P.args,
                    **kwargs: P.kwargs) -> T:
        """The entry for `key`, else `load(*args, **kwargs)` kept for `ttl` (the arguments spare a hot caller
        making a closure on every hit)."""
        if self._off:
            return load(*args, **kwargs)
        found = self._entries.get(key)  # one dict read is atomic; writers replace or change it under the lock
        if found is not None and found[0] > now:
            return found[1]  # type: ignore[no-any-return]
        value = load(*args, **kwargs)
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
                if len(self._entries) >= self._max:
                    self._entries.clear()
            self._entries[key] = (now + self.ttl, value)
        return value

    def forget(self, key: CacheKey[Any]) -> None:
        """Drop one entry, to read it afresh (an item asked for that the cached list does not have)."""
        with self._lock:
            self._entries.pop(key, None)

    def forget_service(self, service_id: UUID) -> None:
        """Something of this service changed: drop every entry of it."""
        with self._lock:
            self._entries = {k: v for k, v in self._entries.items() if k.service_id != service_id}

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

