"""Who may send from a service's admin side: only a member of its team."""

from __future__ import annotations

from uuid import UUID

from notify.domain.errors import InvalidRequest
from notify.domain.service import Service
from notify.ports.unit_of_work import UnitOfWork


def check_team_member(uow: UnitOfWork, service: Service, user_id: UUID) -> None:
    """UserNotFound for an unknown user; Notify's refusal for a user outside the service's team."""
    user = uow.users.get(user_id)
    if uow.service_users.find(service.id, user_id) is None:
        raise InvalidRequest(f"Can’t create notification - {user.name} is not part of the \"{service.name}\" service")
