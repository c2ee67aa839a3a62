"""Delivery receipts from providers: POST /notifications/{sms,email,letter}/fake/{provider}.

The fake providers report through the same use case in-process (delivery.receipt_sink); this endpoint is the
HTTP path a provider outside the process uses, as Notify's MMG/Firetext callbacks (no JWT; answered in the
admin format). Only the named provider may report: its callback verifier checks the request first
(provider_auth), and a provider without one is a 404. Body: {"id": "<notification id>", "status": "delivered" |
"permanent-failure" | "temporary-failure" | "technical-failure" | "pending" | "sent"}."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

import falcon

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.errors import ValidationFailed
from notify.domain.notification import FINAL_RECEIPT_STATUSES
from notify.usecases import delivery
from notify.usecases.app import Notify

from .operation import operation
from .provider_auth import json_object, verified_callback
from .schemas.provider_callbacks import FakeReceipt, ReceiptResult

TYPES = frozenset(t.value for t in NotificationType)


def _receipt(resource: FakeProviderCallbackResource, req: falcon.Request, params: Mapping[str, Any]) -> dict[str, Any]:
    """The receipt's id and status, once the path names a channel, the provider has verified the request, and
    the body holds a final status (refused in Notify's words for these callbacks)."""
    if params["notification_type"] not in TYPES:
        raise falcon.HTTPNotFound()
    data = json_object(verified_callback(resource.notify, req, params["provider"]))
    problems = [f"Fake callback failed: {name} missing" for name in ("id", "status") if not data.get(name)]
    if problems:
        raise ValidationFailed({"": problems})
    try:
        UUID(str(data["id"]))
        status = NotificationStatus(data["status"])
    except ValueError:
        raise ValidationFailed({"": ["Fake callback failed: id or status not valid"]}) from None
    if status not in FINAL_RECEIPT_STATUSES:
        raise ValidationFailed({"": [f"Fake callback failed: status {status.value} not valid"]})
    return {"id": str(data["id"]), "status": status.value}


class FakeProviderCallbackResource:
    auth = "provider"  # not a JWT: the provider's own credentials, checked before the body is read

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @operation(body=FakeReceipt, source=_receipt, response=ReceiptResult)
    def on_post(self, req: falcon.Request, notification_type: str, provider: str,
                body: FakeReceipt) -> ReceiptResult:
        """A delivery receipt from the named provider."""
        delivery.record_receipt(self.notify, provider=provider, notification_id=body.id, status=body.status)
        return ReceiptResult(result="success")
