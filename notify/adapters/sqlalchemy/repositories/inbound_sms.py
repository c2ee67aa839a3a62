"""Text messages received on a service's inbound numbers."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.inbound_sms import InboundSms

from .. import rows as R
from .. import tables as t
from .base import SqlRepository


class SqlAlchemyInboundSmsRepository(SqlRepository[InboundSms]):
    table, map = t.inbound_sms, R.INBOUND_SMS
    not_found = errors.InboundSmsNotFound
    what = "inbound sms"

    def add(self, inbound: InboundSms) -> None:
        self._insert(inbound)

    def get(self, service_id: UUID, inbound_id: UUID) -> InboundSms:
        return self._get_by_id(inbound_id, self.table.c.service_id == service_id)

    def _conditions(self, service_id: UUID, user_number: str | None,
                    created_after: datetime | None) -> list[sa.ColumnElement[bool]]:
        m = self.table
        conditions = [m.c.service_id == service_id]
        if user_number is not None:
            conditions.append(m.c.user_number == user_number)
        if created_after is not None:
            conditions.append(m.c.created_at >= created_after)
        return conditions

    def list_for_service(self, service_id: UUID, *, user_number: str | None = None,
                         created_after: datetime | None = None, older_than: UUID | None = None,
                         limit: int | None = None,
                         notify_numbers: Collection[str] | None = None) -> Sequence[InboundSms]:
        m = self.table
        conditions = self._conditions(service_id, user_number, created_after)
        if notify_numbers is not None:
            conditions.append(m.c.notify_number.in_(list(notify_numbers)))
        if older_than is not None:
            anchor = self._exec(sa.select(m.c.created_at).where(m.c.id == older_than,
                                                                m.c.service_id == service_id)).first()
            if anchor is None:
                return []
            conditions.append(m.c.created_at < anchor.created_at)
        statement = sa.select(m).where(*conditions).order_by(m.c.created_at.desc(), m.c.id.desc())
        if limit is not None:
            statement = statement.limit(max(limit, 0))
        return self._all(statement)

    def count_for_service(self, service_id: UUID, *, created_after: datetime | None = None) -> int:
        m = self.table
        statement = sa.select(sa.func.count()).select_from(m).where(*self._conditions(service_id, None, created_after))
        return int(self._exec(statement).scalar_one())
