"""A service's text message senders and email reply-to addresses."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender

from .. import rows as R
from .. import tables as t
from .base import SqlRepository


class SqlAlchemySmsSenderRepository(SqlRepository[ServiceSmsSender]):
    table, map = t.service_sms_senders, R.SMS_SENDER
    not_found = errors.SmsSenderNotFound
    what = "sms sender"

    def add(self, sender: ServiceSmsSender) -> None:
        self._insert(sender)

    def update(self, sender: ServiceSmsSender) -> None:
        self._replace(sender.id, sender)

    def get(self, service_id: UUID, sender_id: UUID) -> ServiceSmsSender:
        return self._get_by_id(sender_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID, *, include_archived: bool = False) -> Sequence[ServiceSmsSender]:
        s = self.table
        statement = sa.select(s).where(s.c.service_id == service_id)
        if not include_archived:
            statement = statement.where(s.c.archived.is_(False))
        return self._all(statement.order_by(s.c.is_default.desc(), s.c.created_at, s.c.id))

    def list_by_sms_sender(self, spellings: Collection[str]) -> Sequence[ServiceSmsSender]:
        if not spellings:
            return []
        s = self.table
        return self._all(sa.select(s).where(s.c.sms_sender.in_(sorted(spellings)), s.c.archived.is_(False))
                         .order_by(s.c.inbound_number_id.is_(None), s.c.created_at, s.c.id))


class SqlAlchemyEmailReplyToRepository(SqlRepository[ServiceEmailReplyTo]):
    table, map = t.service_email_reply_to, R.EMAIL_REPLY_TO
    not_found = errors.ReplyToNotFound
    what = "email reply to"

    def add(self, reply_to: ServiceEmailReplyTo) -> None:
        self._insert(reply_to)

    def update(self, reply_to: ServiceEmailReplyTo) -> None:
        self._replace(reply_to.id, reply_to)

    def get(self, service_id: UUID, reply_to_id: UUID) -> ServiceEmailReplyTo:
        return self._get_by_id(reply_to_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID, *,
                         include_archived: bool = False) -> Sequence[ServiceEmailReplyTo]:
        r = self.table
        statement = sa.select(r).where(r.c.service_id == service_id)
        if not include_archived:
            statement = statement.where(r.c.archived.is_(False))
        return self._all(statement.order_by(r.c.is_default.desc(), r.c.created_at.desc(), r.c.id))
