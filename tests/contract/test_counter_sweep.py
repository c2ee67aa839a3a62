"""The counters table stays bounded: weeks of simulated traffic (a frozen clock moved forward), with the sweep
running as `notify serve` runs it, leave only the counters still in use, on every store."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from notify.adapters.admissions import GroupCommitAdmissions
from notify.adapters.jwt import PyJwtTokens
from notify.adapters.system import Uuid4Generator
from notify.bootstrap import sweep_deliveries
from notify.config import Settings
from notify.domain.constants import KeyType, NotificationType
from notify.domain.limits import send_limits
from notify.usecases import counters, notifications
from notify.usecases.app import Notify
from notify.usecases.auth import ServiceAuth
from notify.usecases.handover import LEDGER_KEEP, ledger_key
from tests import factories
from tests.fakes import FrozenClock, fast_password_hasher

from .helpers import NewUow


def _notify(new_uow: NewUow, clock: FrozenClock) -> Notify:
    ids = Uuid4Generator()
    return Notify(uow=new_uow, clock=clock, ids=ids, secrets=ids, passwords=fast_password_hasher(),
                  tokens=PyJwtTokens(), admissions=GroupCommitAdmissions(new_uow))


def _send(notify: Notify, auth: ServiceAuth, template_id: UUID) -> None:
    notifications.send_notification(notify, auth, notifications.SendRequest(
        notification_type=NotificationType.SMS, template_id=template_id, recipient="07700900123",
        personalisation={"name": "Jo"}))


def test_weeks_of_traffic_swept_hourly_leave_only_the_counters_still_in_use(new_uow: NewUow) -> None:
    clock = FrozenClock()
    notify = _notify(new_uow, clock)
    service = factories.create_service(notify, restricted=False)
    key = factories.store_api_key(notify, factories.api_key(service.id, key_type=KeyType.NORMAL))
    template = factories.store_template(notify, factories.template(service.id))
    auth = ServiceAuth(service=service, api_key=key)
    used: list[str] = []
    for _ in range(21 * 6):  # three weeks, a burst of sends every four hours, the sweep every hour
        for minute in range(3):
            _send(notify, auth, template.id)
            used += [limit.key for limit in send_limits(service, KeyType.NORMAL, NotificationType.SMS,
                                                        international_sms=False, count_daily=True, now=clock.now())]
            clock.advance(minutes=1)
        for _ in range(4):
            clock.advance(hours=1)
            counters.remove_expired_counters(notify)
    made = list(dict.fromkeys(used))
    with notify.uow() as uow:
        kept = [k for k in made if uow.counters.find(k) is not None]
    assert made[0] == f"rate:{service.id}:normal" and len(made) > 21  # a bucket, a daily key a day
    days = [f"{clock.now() - timedelta(days=back):%Y-%m-%d}" for back in (1, 0)]
    assert kept == [f"daily:{service.id}:sms:{day}" for day in days]  # yesterday's and today's daily counts
    with notify.uow() as uow:
        assert uow.counters.remove_expired(clock.now()) == 0  # the sweep left nothing expired behind


def test_the_background_sweep_removes_expired_counters_and_ledger_entries(new_uow: NewUow) -> None:
    clock = FrozenClock()
    notify = _notify(new_uow, clock)
    entry = ledger_key(Uuid4Generator().new())
    with notify.uow() as uow:
        uow.counters.increment(entry, expires_at=clock.now() + LEDGER_KEEP)
        uow.counters.increment("rate:kept", expires_at=clock.now() + LEDGER_KEEP + timedelta(minutes=2))
        uow.commit()
    clock.advance(seconds=LEDGER_KEEP.total_seconds() + 1)
    sweep_deliveries(notify, Settings())
    with notify.uow() as uow:
        assert uow.counters.find(entry) is None
        assert uow.counters.find("rate:kept") == 1
