"""Service invitations in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.invite import InvitedOrganisationUser, InvitedUser
from notify.domain.join_request import ServiceJoinRequest

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

INVITED_USER = RowMap(InvitedUser)


class SqlAlchemyInvitedUserRepository(SqlRepository[InvitedUser]):
    table, map = t.invited_users, INVITED_USER
    not_found = errors.InviteNotFound
    what = "invited user"

    def add(self, invite: InvitedUser) -> None:
        self._insert(invite)

    def update(self, invite: InvitedUser) -> None:
        self._replace(invite.id, invite)

    def get(self, service_id: UUID, invite_id: UUID) -> InvitedUser:
        return self._get_by_id(invite_id, self.table.c.service_id == service_id)

    def find(self, invite_id: UUID) -> InvitedUser | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == invite_id))

    def list_for_service(self, service_id: UUID) -> Sequence[InvitedUser]:
        c = self.table
        return self._all(sa.select(c).where(c.c.service_id == service_id).order_by(c.c.created_at, c.c.id))


INVITED_ORGANISATION_USER = RowMap(InvitedOrganisationUser)


class SqlAlchemyInvitedOrganisationUserRepository(SqlRepository[InvitedOrganisationUser]):
    table, map = t.invited_organisation_users, INVITED_ORGANISATION_USER
    not_found = errors.InviteNotFound
    what = "invited organisation user"

    def add(self, invite: InvitedOrganisationUser) -> None:
        self._insert(invite)

    def update(self, invite: InvitedOrganisationUser) -> None:
        self._replace(invite.id, invite)

    def get(self, organisation_id: UUID, invite_id: UUID) -> InvitedOrganisationUser:
        return self._get_by_id(invite_id, self.table.c.organisation_id == organisation_id)

    def find(self, invite_id: UUID) -> InvitedOrganisationUser | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == invite_id))

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[InvitedOrganisationUser]:
        c = self.table
        return self._all(sa.select(c).where(c.c.organisation_id == organisation_id).order_by(c.c.created_at, c.c.id))


SERVICE_JOIN_REQUEST = RowMap(ServiceJoinRequest)


class SqlAlchemyServiceJoinRequestRepository(SqlRepository[ServiceJoinRequest]):
    table, map = t.service_join_requests, SERVICE_JOIN_REQUEST
    not_found = errors.JoinRequestNotFound
    what = "service join request"

    def add(self, request: ServiceJoinRequest) -> None:
        self._insert(request)

    def update(self, request: ServiceJoinRequest) -> None:
        self._replace(request.id, request)

    def get(self, service_id: UUID, request_id: UUID) -> ServiceJoinRequest:
        return self._get_by_id(request_id, self.table.c.service_id == service_id)
