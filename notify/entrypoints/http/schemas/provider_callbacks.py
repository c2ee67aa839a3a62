"""Delivery receipts posted by providers."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from notify.domain.constants import NotificationStatus

from .fields import required


@define(kw_only=True)
class FakeReceipt:
    id: UUID = required()
    status: NotificationStatus = required()


@define(kw_only=True)
class ReceiptResult:
    result: str
