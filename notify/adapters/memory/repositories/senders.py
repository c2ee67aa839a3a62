"""A service's text message senders and email reply-to addresses."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender

from .base import ServiceScopedRepository, both_live_defaults, live_for_service


class InMemorySmsSenderRepository(ServiceScopedRepository[ServiceSmsSender]):
    table_name = "service_sms_senders"
    not_found = errors.SmsSenderNotFound

    @staticmethod
    def _clash(sender: ServiceSmsSender) -> Callable[[ServiceSmsSender], bool]:
        """The SQL unique rules: an inbound number belongs to one sender; one live default per service."""
        def clashes(other: ServiceSmsSender) -> bool:
            return (sender.inbound_number_id is not None and other.inbound_number_id == sender.inbound_number_id) \
                or both_live_defaults(sender, other)
        return clashes

    def add(self, sender: ServiceSmsSender) -> None:
        self._insert(sender.id, sender, self._clash(sender), "sms sender")

    def update(self, sender: ServiceSmsSender) -> None:
        self._replace(sender.id, sender, self._clash(sender))

    def get(self, service_id: UUID, sender_id: UUID) -> ServiceSmsSender:
        return self._get_for(service_id, sender_id)

    def list_for_service(self, service_id: UUID, *, include_archived: bool = False) -> Sequence[ServiceSmsSender]:
        return sorted((s for s in self._rows.values() if s.service_id == service_id and (include_archived or
                                                                                        not s.archived)),
                      key=lambda s: (not s.is_default, s.created_at, s.id))

    def list_by_sms_sender(self, spellings: Collection[str]) -> Sequence[ServiceSmsSender]:
        wanted = set(spellings)
        return sorted((s for s in self._rows.values() if not s.archived and s.sms_sender in wanted),
                      key=lambda s: (s.inbound_number_id is None, s.created_at, s.id))


class InMemoryEmailReplyToRepository(ServiceScopedRepository[ServiceEmailReplyTo]):
    table_name = "service_email_reply_to"
    not_found = errors.ReplyToNotFound

    def add(self, reply_to: ServiceEmailReplyTo) -> None:
        self._insert(reply_to.id, reply_to, lambda other: both_live_defaults(reply_to, other), "email reply to")

    def update(self, reply_to: ServiceEmailReplyTo) -> None:
        self._replace(reply_to.id, reply_to, lambda other: both_live_defaults(reply_to, other))

    def get(self, service_id: UUID, reply_to_id: UUID) -> ServiceEmailReplyTo:
        return self._get_for(service_id, reply_to_id)

    def list_for_service(self, service_id: UUID, *,
                         include_archived: bool = False) -> Sequence[ServiceEmailReplyTo]:
        return live_for_service(self._rows.values(), service_id, include_archived=include_archived)
