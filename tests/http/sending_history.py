"""What the billing and statistics tests send: notifications as they stand after delivery, stored directly
(a day in the past, each status), and the nightly facts built from them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from notify.domain.constants import KeyType, NotificationStatus as S, NotificationType as T
from notify.domain.service import Service
from notify.usecases import facts
from notify.usecases.app import Notify

from .. import factories
from ..fakes import T0

YESTERDAY = T0 - timedelta(days=1)  # 14 June 2026, financial year 2026
BEFORE = T0 - timedelta(days=2)
SMS_RATE, SECOND, FIRST, EUROPE = 0.0227, 0.68, 1.31, 1.5


def send(notify: Notify, service: Service, count: int = 1, **kw: Any) -> None:
    with notify.uow() as uow:
        uow.notifications.add_many([factories.notification(service.id, **kw) for _ in range(count)])
        uow.commit()


def sms(**kw: Any) -> dict[str, Any]:
    return {"notification_type": T.SMS, "created_at": YESTERDAY, "status": S.DELIVERED, "sent_by": "mmg",
            "billable_units": 2, "rate_multiplier": 1.0, **kw}


def letter(postage: str, sheets: int, **kw: Any) -> dict[str, Any]:
    return {"notification_type": T.LETTER, "created_at": YESTERDAY, "status": S.SENDING, "sent_by": "dvla",
            "postage": postage, "billable_units": sheets, "to": "A Person", **kw}


def central_service(notify: Notify) -> Service:
    return factories.create_service(notify, organisation_type="central")


@pytest.fixture
def sent(notify: Notify) -> tuple[Service, Service]:
    """A service's texts, letters and emails over two days (some not paid for), and another service's texts."""
    mine, theirs = central_service(notify), central_service(notify)
    send(notify, mine, 2, **sms(created_at=BEFORE))
    send(notify, mine, 3, **sms())
    send(notify, mine, **sms(international=True, rate_multiplier=3.0, billable_units=1, status=S.SENT))
    send(notify, mine, **sms(status=S.TECHNICAL_FAILURE))
    send(notify, mine, **sms(status=S.CREATED, sent_by=None))
    send(notify, mine, **sms(key_type=KeyType.TEST))
    send(notify, mine, 2, **letter("second", 1, status=S.DELIVERED))
    send(notify, mine, **letter("first", 2))
    send(notify, mine, **letter("europe", 1, international=True))
    send(notify, mine, **letter("second", 1, status=S.CANCELLED))
    send(notify, mine, 2, notification_type=T.EMAIL, created_at=YESTERDAY, status=S.DELIVERED, to="a@b.gov.uk")
    send(notify, theirs, 50, **sms())
    facts.build_nightly(notify)
    return mine, theirs


