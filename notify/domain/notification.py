"""Notifications: one message to one recipient, and the statuses it moves through."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import evolve, field, frozen

from .constants import (
    COMPLETED_STATUSES,
    FAILURE_STATUSES,
    UPDATABLE_STATUSES,
    KeyType,
    NotificationStatus,
    NotificationType,
)
from .errors import InvalidStatusTransition
from .replace import replacer


@frozen(kw_only=True)
class Notification:
    id: UUID
    service_id: UUID
    template_id: UUID
    template_version: int
    notification_type: NotificationType
    to: str
    created_at: datetime
    key_type: KeyType = KeyType.NORMAL
    api_key_id: UUID | None = None
    normalised_to: str | None = None
    status: NotificationStatus = NotificationStatus.CREATED
    personalisation: dict[str, Any] = field(factory=dict)
    job_id: UUID | None = None
    job_row_number: int | None = None
    sent_at: datetime | None = None
    sent_by: str | None = None
    updated_at: datetime | None = None
    billable_units: int = 0
    rate_multiplier: float | None = None
    international: bool = False
    phone_prefix: str | None = None
    client_reference: str | None = None
    reference: str | None = None  # the provider's reference
    postage: str | None = None
    created_by_id: UUID | None = None
    reply_to_text: str | None = None
    one_click_unsubscribe_url: str | None = None

    @property
    def completed(self) -> bool:
        return self.status in COMPLETED_STATUSES

    @property
    def hand_over_status(self) -> NotificationStatus:
        """What a provider taking it makes it: `sent` for an international text message (no receipt is relied
        on from abroad), else `sending`."""
        international = self.notification_type is NotificationType.SMS and self.international
        return NotificationStatus.SENT if international else NotificationStatus.SENDING

    def may_move_to(self, status: NotificationStatus) -> bool:
        return may_move(self.status, status)

    def change(self, status: NotificationStatus) -> StatusChange:
        """The compare-and-set that moves this notification (as read) to `status`; InvalidStatusTransition when
        the table of transitions does not allow it."""
        return StatusChange(self.id, self.status, status)

    def mark_sending(self, *, provider: str, now: datetime, status: NotificationStatus = NotificationStatus.SENDING,
                     billable_units: int | None = None, reference: str | None = None) -> Notification:
        if not may_hand_over(self.status, status):
            raise InvalidStatusTransition(self.status, status)
        return evolve(
            self,
            status=status,
            sent_by=provider,
            sent_at=now,
            updated_at=now,
            billable_units=self.billable_units if billable_units is None else billable_units,
            reference=reference or self.reference,
        )

    def with_status(self, status: NotificationStatus, *, now: datetime) -> Notification:
        """Apply a receipt. Completed notifications never move again (Notify's update guard)."""
        if not self.may_move_to(status):
            raise InvalidStatusTransition(self.status, status)
        return _with_status(self, status, now)

    def receipt(self, status: NotificationStatus, *, now: datetime,
                receipts_trusted: bool = True) -> Notification | None:
        """The notification after a provider's receipt, or None when the receipt must be ignored (see
        `receipt_change`)."""
        change = self.receipt_change(status, receipts_trusted=receipts_trusted)
        return None if change is None else _with_status(self, status, now)

    def receipt_change(self, status: NotificationStatus, *, receipts_trusted: bool = True) -> StatusChange | None:
        return self.receipt_target.receipt_change(status, receipts_trusted=receipts_trusted)

    @property
    def receipt_target(self) -> ReceiptTarget:
        return ReceiptTarget(self.id, self.service_id, self.notification_type, self.status, self.international,
                             self.phone_prefix)

    @property
    def public_status(self) -> str:
        """The status the public API shows: letters report `accepted` / `received` (Notify's aliases)."""
        if self.notification_type is NotificationType.LETTER:
            if self.status in (NotificationStatus.CREATED, NotificationStatus.SENDING):
                return LETTER_ACCEPTED
            if self.status in (NotificationStatus.DELIVERED, NotificationStatus.RETURNED_LETTER):
                return LETTER_RECEIVED
        return self.status.value


_with_status = replacer(Notification, "status", "updated_at")


@frozen
class ReceiptTarget:
    """What a provider's receipt needs of a stored notification: whose it is, what it is and its status (nothing
    that is kept encrypted, so reading many is cheap)."""

    id: UUID
    service_id: UUID
    notification_type: NotificationType
    status: NotificationStatus
    international: bool
    phone_prefix: str | None

    def receipt_change(self, status: NotificationStatus, *, receipts_trusted: bool = True) -> StatusChange | None:
        """The compare-and-set a provider's receipt makes, or None when the receipt must be ignored: the
        notification already completed (late or duplicate receipt), or an international SMS sent to a country
        whose receipts are not trusted (it stays `sent`)."""
        if not may_move(self.status, status):
            return None
        if self.status is NotificationStatus.SENT and self.international and not receipts_trusted:
            return None
        return StatusChange(self.id, self.status, status)


@frozen
class Handover:
    """A provider took a claimed notification: who, its reference, what it costs, and the status it moves to
    (`sending`, or `sent` for international SMS). The provider's details are recorded whatever the status is by
    then; the status moves only where the table of transitions allows (a quick receipt may have come first)."""

    notification_id: UUID
    provider: str
    reference: str | None
    billable_units: int
    status: NotificationStatus = field(validator=lambda _, __, value: _check_hand_over_status(value))

    def status_after(self, current: NotificationStatus) -> NotificationStatus:
        return self.status if may_hand_over(current, self.status) else current


@frozen
class StatusChange:
    """A compare-and-set of one notification's status (a receipt, a retry, a failure): only a move the table
    of transitions allows can be made into one."""

    notification_id: UUID
    expected: NotificationStatus
    status: NotificationStatus

    def __attrs_post_init__(self) -> None:
        if not may_move(self.expected, self.status):
            raise InvalidStatusTransition(self.expected, self.status)


LETTER_ACCEPTED = "accepted"
LETTER_RECEIVED = "received"
# Receipts a fake or real provider may report, by the status they end in.
FINAL_RECEIPT_STATUSES = frozenset({
    NotificationStatus.DELIVERED, NotificationStatus.PERMANENT_FAILURE, NotificationStatus.TEMPORARY_FAILURE,
    NotificationStatus.TECHNICAL_FAILURE, NotificationStatus.PENDING, NotificationStatus.SENT,
})


HAND_OVER_STATUSES = frozenset({NotificationStatus.SENDING, NotificationStatus.SENT})
# The moves a notification may make, from each status. A hand-over to a provider takes it out of `created`
# only; receipts (and delivery's failures) move it while it is in flight, never back to `created`; once
# completed it never moves again (Notify's update guard).
HAND_OVERS: dict[NotificationStatus, frozenset[NotificationStatus]] = {NotificationStatus.CREATED: HAND_OVER_STATUSES}
RECEIPTS: dict[NotificationStatus, frozenset[NotificationStatus]] = {
    status: FINAL_RECEIPT_STATUSES - {status} for status in UPDATABLE_STATUSES}
TRANSITIONS: dict[NotificationStatus, frozenset[NotificationStatus]] = {
    status: HAND_OVERS.get(status, frozenset()) | RECEIPTS.get(status, frozenset())
    for status in HAND_OVERS.keys() | RECEIPTS.keys()}


_NOWHERE: frozenset[NotificationStatus] = frozenset()


def may_move(current: NotificationStatus, status: NotificationStatus) -> bool:
    return status in TRANSITIONS.get(current, _NOWHERE)


def may_hand_over(current: NotificationStatus, status: NotificationStatus) -> bool:
    return status in HAND_OVERS.get(current, _NOWHERE)


def hand_over_sources(status: NotificationStatus) -> frozenset[NotificationStatus]:
    """The statuses a hand-over to `status` moves a notification out of (for an adapter's guard in SQL)."""
    return frozenset(current for current, targets in HAND_OVERS.items() if status in targets)


def _check_hand_over_status(status: NotificationStatus) -> None:
    if status not in HAND_OVER_STATUSES:
        raise ValueError(f"a hand-over leaves a notification sending or sent, not {status}")


def statuses_for_filter(names: list[str]) -> list[NotificationStatus] | None:
    """Public `status` filter values to stored statuses: `failed` is every failure, letter `accepted` is
    created + sending, `received` is delivered. None (no filter) when no names are given."""
    if not names:
        return None
    wanted: set[NotificationStatus] = set()
    for name in names:
        if name == NotificationStatus.FAILED.value:
            wanted |= FAILURE_STATUSES | {NotificationStatus.FAILED, NotificationStatus.RETURNED_LETTER}
        elif name == LETTER_ACCEPTED:
            wanted |= {NotificationStatus.CREATED, NotificationStatus.SENDING}
        elif name == LETTER_RECEIVED:
            wanted.add(NotificationStatus.DELIVERED)
        else:
            wanted.add(NotificationStatus(name))
    return sorted(wanted)
