"""Delivery receipts from providers: POST /notifications/{sms,email,letter}/fake/{provider}.

The fake providers report through the same use case in-process (delivery.receipt_sink); this endpoint is the
HTTP path a provider outside the process uses, as Notify's MMG/Firetext callbacks (no JWT; answered in the
admin format). Only the named provider may report: its callback verifier checks the request first
(provider_auth), and a provider without one is a 404. Body: {"id": "<notification id>", "status": "delivered" | "permanent-failure" |
"temporary-failure" | "technical-failure" | "pending" | "sent"}."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.errors import ValidationFailed
from notify.domain.notification import FINAL_RECEIPT_STATUSES
from notify.usecases import delivery
from notify.usecases.app import Notify

from .provider_auth import json_object, verified_callback


class FakeProviderCallbackResource:
    auth = "provider"  # not a JWT: the provider's own credentials, checked by the responder

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def on_post(self, req: falcon.Request, resp: falcon.Response, notification_type: str, provider: str) -> None:
        if notification_type not in {t.value for t in NotificationType}:
            raise falcon.HTTPNotFound()
        data: dict[str, Any] = json_object(verified_callback(self._notify, req, provider))
        problems = [f"Fake callback failed: {name} missing" for name in ("id", "status") if not data.get(name)]
        if problems:
            raise ValidationFailed({"": problems})
        try:
            notification_id = UUID(str(data["id"]))
            status = NotificationStatus(data["status"])
        except ValueError:
            raise ValidationFailed({"": ["Fake callback failed: id or status not valid"]}) from None
        if status not in FINAL_RECEIPT_STATUSES:
            raise ValidationFailed({"": [f"Fake callback failed: status {status.value} not valid"]})
        delivery.record_receipt(self._notify, provider=provider, notification_id=notification_id, status=status)
        resp.media = {"result": "success"}
