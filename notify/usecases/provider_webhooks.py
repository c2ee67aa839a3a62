"""Signed callbacks from real providers (POST /provider-callbacks/{provider}): delivery receipts, inbound text
messages, email complaints, SNS subscription confirmations.

Nothing acts on a callback before its provider's adapter has verified it (ports.provider_callbacks); a refused
one is logged, counted (`provider-callbacks-refused:<provider>:<day>`) and changes nothing else. A verified one
is remembered by its replay key for REPLAY_KEEP, and the same key again is refused. Receipts are idempotent
(the status moves once, by compare-and-set); a receipt for a notification we do not know is logged and
dropped."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from attrs import frozen

from notify.domain.errors import ProviderNotFound
from notify.ports.provider_callbacks import ProviderCallback
from notify.ports.provider_webhooks import CallbackRefused, ComplaintReport, VerifiedCallback
from notify.ports.providers import DeliveryReceipt

from .app import Notify
from .delivery import record_receipts
from .inbound_sms import receive_sms

log = logging.getLogger("notify.provider_webhooks")

REPLAY_KEEP = timedelta(days=2)  # longer than any provider's retries and any signature's freshness window


@frozen
class CallbackAnswer:
    content_type: str
    body: str
    receipts: int = 0  # how many notifications moved
    dropped: int = 0  # receipts for notifications we do not know


def receive_provider_callback(notify: Notify, provider: str, request: ProviderCallback) -> CallbackAnswer:
    """Verify, refuse replays, then act. Raises CallbackRefused (nothing changed) or ProviderNotFound."""
    callbacks = notify.provider_webhooks.get(provider)
    if callbacks is None:
        raise ProviderNotFound()
    now = notify.clock.now()
    try:
        verified = callbacks.verify_callback(request, now=now)
    except CallbackRefused as refused:
        _count_refused(notify, provider, refused)
        raise
    seen = f"provider-callback-seen:{provider}:{verified.replay_key}"
    with notify.uow() as uow:
        if uow.counters.increment(seen, expires_at=now + REPLAY_KEEP) != 1:
            replayed = CallbackRefused("this callback was received before", status=409)
            _count_refused(notify, provider, replayed)
            raise replayed
        uow.commit()
    try:
        answer = _act(notify, provider, verified)
    except BaseException:
        with notify.uow() as uow:  # not done: the provider's retry must not be refused as a replay
            uow.counters.increment(seen, expires_at=now + REPLAY_KEEP, amount=-1)
            uow.commit()
        raise
    if verified.subscribe_url:
        callbacks.confirm_subscription(verified.subscribe_url)
        log.info("%s: subscription confirmed", provider)
    return answer


def _act(notify: Notify, provider: str, verified: VerifiedCallback) -> CallbackAnswer:
    moved, dropped = _receipts(notify, provider, verified)
    for text in verified.inbound:
        receive_sms(notify, provider=provider, source=text.source, destination=text.destination,
                    message=text.message, provider_reference=text.provider_reference,
                    provider_date=text.provider_date)
    if verified.complaints:
        _complaints(notify, provider, verified.complaints)
    content_type, body = verified.answer
    return CallbackAnswer(content_type, body, moved, dropped)


def _receipts(notify: Notify, provider: str, verified: VerifiedCallback) -> tuple[int, int]:
    receipts = [DeliveryReceipt(provider, r.notification_id, r.status, r.reason)
                for r in verified.receipts if r.notification_id is not None]
    unknown = [r for r in verified.receipts if r.notification_id is None]
    for r in verified.receipts:
        if r.reason:
            log.info("%s: %s is %s: %s", provider, r.notification_id or r.provider_reference, r.status.value,
                     r.reason)
    if receipts:
        with notify.uow() as uow:
            known = {n.id for n in uow.notifications.find_many([r.notification_id for r in receipts])}
        unknown += [r for r in verified.receipts if r.notification_id is not None and r.notification_id not in known]
        receipts = [r for r in receipts if r.notification_id in known]
    for r in unknown:
        log.warning("%s: receipt for an unknown notification (%s, provider reference %s): dropped", provider,
                    r.notification_id, r.provider_reference)
    moved = record_receipts(notify, receipts) if receipts else []
    return len(moved), len(unknown)


def _complaints(notify: Notify, provider: str, complaints: Sequence[ComplaintReport]) -> None:
    from .complaints import record_complaints

    record_complaints(notify, provider, complaints)


def _count_refused(notify: Notify, provider: str, refused: CallbackRefused) -> None:
    log.warning("%s callback refused (%d): %s", provider, refused.status, refused.message)
    now = notify.clock.now()
    try:
        with notify.uow() as uow:
            uow.counters.increment(f"provider-callbacks-refused:{provider}:{now:%Y%m%d}",
                                   expires_at=now + timedelta(days=8))
            uow.commit()
    except Exception:  # the refusal stands whether or not it could be counted
        log.exception("could not count a refused %s callback", provider)
