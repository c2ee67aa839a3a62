"""Where service invitations are kept (domain.invite)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.invite import InvitedOrganisationUser, InvitedUser
from notify.domain.join_request import ServiceJoinRequest


class InvitedUserRepository(Protocol):
    def add(self, invite: InvitedUser) -> None: ...
    def update(self, invite: InvitedUser) -> None: ...
    def get(self, service_id: UUID, invite_id: UUID) -> InvitedUser: ...  # InviteNotFound in another service
    def find(self, invite_id: UUID) -> InvitedUser | None: ...
    def list_for_service(self, service_id: UUID) -> Sequence[InvitedUser]: ...  # oldest first


class InvitedOrganisationUserRepository(Protocol):
    def add(self, invite: InvitedOrganisationUser) -> None: ...
    def update(self, invite: InvitedOrganisationUser) -> None: ...
    def get(self, organisation_id: UUID, invite_id: UUID) -> InvitedOrganisationUser: ...  # InviteNotFound
    def find(self, invite_id: UUID) -> InvitedOrganisationUser | None: ...
    def list_for_organisation(self, organisation_id: UUID) -> Sequence[InvitedOrganisationUser]: ...  # oldest first


class ServiceJoinRequestRepository(Protocol):
    def add(self, request: ServiceJoinRequest) -> None: ...
    def update(self, request: ServiceJoinRequest) -> None: ...
    def get(self, service_id: UUID, request_id: UUID) -> ServiceJoinRequest: ...  # JoinRequestNotFound
