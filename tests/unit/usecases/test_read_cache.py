"""The read cache: typed keys, expiry by the clock, and one invalidation point per service."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from notify.domain.constants import CallbackType
from notify.usecases.cache import AllowedRecipients, CallbackApi, ReadCache, SmsSenders

from ...fakes import T0


def test_an_entry_is_loaded_once_until_it_expires() -> None:
    cache, loads = ReadCache(ttl_seconds=2), []
    key = AllowedRecipients(uuid4())

    def load() -> frozenset[str]:
        loads.append(1)
        return frozenset({"447700900123"})

    assert cache.get_or_load(key, T0, load) == {"447700900123"}
    cache.get_or_load(AllowedRecipients(key.service_id), T0 + timedelta(seconds=1), load)  # equal keys
    assert len(loads) == 1
    cache.get_or_load(key, T0 + timedelta(seconds=2), load)
    assert len(loads) == 2


def test_forgetting_a_service_drops_every_entry_of_it_and_only_those() -> None:
    cache = ReadCache()
    changed, other = uuid4(), uuid4()
    for service_id in (changed, other):
        cache.get_or_load(SmsSenders(service_id), T0, lambda: ())
        cache.get_or_load(CallbackApi(service_id, CallbackType.DELIVERY_STATUS), T0, lambda: None)
    cache.forget_service(changed)
    reloaded: list[object] = []
    for service_id in (changed, other):
        cache.get_or_load(SmsSenders(service_id), T0, lambda: reloaded.append(service_id) or ())
        cache.get_or_load(CallbackApi(service_id, CallbackType.DELIVERY_STATUS), T0,
                          lambda: reloaded.append(service_id))
    assert reloaded == [changed, changed]
