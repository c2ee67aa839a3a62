"""Delivery receipts posted by providers."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from notify.domain.constants import NotificationStatus

from .fields import optional, required


@define(kw_only=True)
class FakeReceipt:
    id: UUID = required()
    status: NotificationStatus = required()


@define(kw_only=True)
class ReceiptResult:
    result: str


@define(kw_only=True)
class MmgReceipt:
    """MMG's delivery receipt (JSON): `CID` is the notification id we gave it, `status` 3 delivered, 4 failed
    for now, 2 or 5 failed for good; `substatus` why."""

    CID: UUID = required()
    status: str = required(max_length=255)
    substatus: str | None = optional(max_length=255)
    deliverytime: str | None = optional(max_length=255)


@define(kw_only=True)
class FiretextReceipt:
    """Firetext's delivery receipt (a form): `reference` is the notification id, `status` 0 delivered,
    1 declined, 2 pending; `code` says whether a decline is for good."""

    reference: UUID = required()
    status: str = required(max_length=255)
    code: str | None = optional(max_length=255)
    time: str | None = optional(max_length=255)


@define(kw_only=True)
class MmgInboundSms:
    """A text MMG received for us (JSON): from `MSISDN` to our `Number`; `Message` is +- and %-encoded."""

    MSISDN: str = required(max_length=255, not_blank=True)
    Number: str = required(max_length=255, not_blank=True)
    Message: str = required()
    ID: str = required(max_length=255)
    DateRecieved: str | None = optional(max_length=255)  # sic: MMG's spelling


@define(kw_only=True)
class FiretextInboundSms:
    """A text Firetext received for us (a form)."""

    source: str = required(max_length=255, not_blank=True)
    destination: str = required(max_length=255, not_blank=True)
    message: str = required()
    time: str | None = optional(max_length=255)


@define(kw_only=True)
class LetterStatusQuery:
    token: str = optional(default="", max_length=1000)  # the letter's signed callback token


@define(kw_only=True)
class LetterStatusReport:
    """What the printer's CloudEvent says (its `data.jobId`, the letter's id, and `data.jobStatus`; a despatched
    letter's `data.despatchProperties` must count its `totalSheets`)."""

    job_id: UUID = required()
    job_status: str = required(one_of=("DESPATCHED", "REJECTED"))
