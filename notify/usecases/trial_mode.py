"""Who a restricted send may reach (trial mode, team keys): the team and the guest list, as the domain
reads them (domain.sending.allowed_recipients)."""

from __future__ import annotations

from uuid import UUID

from notify.domain import sending
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .cache import AllowedRecipients


def allowed_recipients(uow: UnitOfWork, service_id: UUID) -> frozenset[str]:
    members = uow.service_users.list_for_service(service_id)
    return sending.allowed_recipients(uow.users.list([m.user_id for m in members]),
                                      uow.guest_list.list_for_service(service_id))


def cached_allowed_recipients(notify: Notify, service_id: UUID) -> frozenset[str]:
    """Through the 2 s read cache: the API's sends."""

    def load() -> frozenset[str]:
        with notify.uow() as uow:
            return allowed_recipients(uow, service_id)

    return notify.cache.get_or_load(AllowedRecipients(service_id), notify.clock.now(), load)
