"""Service invitations, in memory: `id -> InvitedUser`."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.invite import InvitedOrganisationUser, InvitedUser
from notify.domain.join_request import ServiceJoinRequest

from .base import MemoryRepository, ServiceScopedRepository


class InMemoryInvitedUserRepository(ServiceScopedRepository[InvitedUser]):
    table_name = "invited_users"
    not_found = errors.InviteNotFound

    def add(self, invite: InvitedUser) -> None:
        self._insert(invite.id, invite, what="invited user")

    def update(self, invite: InvitedUser) -> None:
        self._replace(invite.id, invite)

    def get(self, service_id: UUID, invite_id: UUID) -> InvitedUser:
        return self._get_for(service_id, invite_id)

    def find(self, invite_id: UUID) -> InvitedUser | None:
        return self._rows.get(invite_id)

    def list_for_service(self, service_id: UUID) -> Sequence[InvitedUser]:
        return sorted((i for i in self._rows.values() if i.service_id == service_id),
                      key=lambda i: (i.created_at, i.id))


class InMemoryInvitedOrganisationUserRepository(MemoryRepository[InvitedOrganisationUser]):
    table_name = "invited_organisation_users"
    not_found = errors.InviteNotFound

    def add(self, invite: InvitedOrganisationUser) -> None:
        self._insert(invite.id, invite, what="invited organisation user")

    def update(self, invite: InvitedOrganisationUser) -> None:
        self._replace(invite.id, invite)

    def get(self, organisation_id: UUID, invite_id: UUID) -> InvitedOrganisationUser:
        found = self._rows.get(invite_id)
        if found is None or found.organisation_id != organisation_id:
            raise errors.InviteNotFound()
        return found

    def find(self, invite_id: UUID) -> InvitedOrganisationUser | None:
        return self._rows.get(invite_id)

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[InvitedOrganisationUser]:
        return sorted((i for i in self._rows.values() if i.organisation_id == organisation_id),
                      key=lambda i: (i.created_at, i.id))


class InMemoryServiceJoinRequestRepository(ServiceScopedRepository[ServiceJoinRequest]):
    table_name = "service_join_requests"
    not_found = errors.JoinRequestNotFound

    def add(self, request: ServiceJoinRequest) -> None:
        self._insert(request.id, request, what="service join request")

    def update(self, request: ServiceJoinRequest) -> None:
        self._replace(request.id, request)

    def get(self, service_id: UUID, request_id: UUID) -> ServiceJoinRequest:
        return self._get_for(service_id, request_id)
