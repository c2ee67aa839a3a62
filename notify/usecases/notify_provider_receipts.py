"""Receipts in the formats of Notify's own providers: MMG's and Firetext's SMS delivery receipts and DVLA's
letter status, each moved onto the one receipts use case (usecases.delivery), so a repeated receipt changes
nothing. A receipt for a notification we do not know is logged and dropped: the provider must not retry it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from uuid import UUID

from notify.domain import errors
from notify.domain.constants import NotificationStatus
from notify.domain.sms_receipts import firetext_reason, firetext_status, mmg_status

from notify.ports.providers import DeliveryReceipt

from .account_links import make_token, read_token
from .app import Notify
from .delivery import record_receipts

log = logging.getLogger("notify.provider_receipts")

LETTER_CALLBACK = "letter-callback"
LETTER_CALLBACK_LIFETIME = timedelta(days=365)  # a letter may be reported despatched or rejected long after
DVLA = "dvla"
DESPATCHED, REJECTED = "DESPATCHED", "REJECTED"

StatusRule = Callable[[NotificationStatus], NotificationStatus]  # the status a receipt means, given the current one


def mmg_receipt(notify: Notify, *, reference: UUID, status: str, substatus: str | None = None) -> bool:
    """True when the notification moved."""
    return _record(notify, "mmg", reference, lambda _current: mmg_status(status),
                   f"status {status}, substatus {substatus}")


def firetext_receipt(notify: Notify, *, reference: UUID, status: str, code: str | None = None) -> bool:
    return _record(notify, "firetext", reference, lambda current: firetext_status(status, code, current),
                   f"status {status}, code {code}: {firetext_reason(code)}")


def letter_callback_token(notify: Notify, notification_id: UUID) -> str:
    """What the printer's status callback for one letter carries in its query string (`?token=`)."""
    return make_token(notify, LETTER_CALLBACK, {"id": str(notification_id)})


def letter_callback_notification(notify: Notify, token: str) -> UUID:
    """The letter a callback token was made for; AuthenticationFailed when it is not one of ours."""
    try:
        return UUID(str(read_token(notify, LETTER_CALLBACK, token, LETTER_CALLBACK_LIFETIME)["id"]))
    except (errors.InvalidToken, KeyError, ValueError):
        raise errors.AuthenticationFailed("A valid token must be provided in the query string") from None


def letter_status(notify: Notify, *, token: str, job_id: UUID, job_status: str) -> bool:
    """DVLA's word on a letter: despatched (delivered, as Notify counts it) or rejected (a technical failure)."""
    notification_id = letter_callback_notification(notify, token)
    if notification_id != job_id:
        raise errors.InvalidRequest("Notification ID in letter callback data does not match ID in token")
    status = NotificationStatus.DELIVERED if job_status == DESPATCHED else NotificationStatus.TECHNICAL_FAILURE
    return _record(notify, DVLA, notification_id, lambda _current: status, job_status)


def _record(notify: Notify, provider: str, notification_id: UUID, decide: StatusRule, detail: str) -> bool:
    with notify.read_uow() as uow:
        current = uow.notifications.find(notification_id)
    if current is None:
        log.warning("%s: receipt for an unknown notification %s (%s): dropped", provider, notification_id, detail)
        return False
    status = decide(current.status)
    log.info("%s: %s is %s (%s)", provider, notification_id, status.value, detail)
    return bool(record_receipts(notify, [DeliveryReceipt(provider, notification_id, status)]))
