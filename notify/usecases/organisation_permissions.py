"""What a member of an organisation may do there (Notify has one such permission)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from attrs import evolve

from notify.domain import errors

from .app import Notify

ORGANISATION_PERMISSIONS = frozenset({"can_make_services_live"})


def set_organisation_permissions(notify: Notify, user_id: UUID, organisation_id: UUID,
                                 permissions: Iterable[str]) -> None:
    """Replace the member's permissions; a user outside the organisation is a 404."""
    wanted = frozenset(permissions)
    unknown = sorted(wanted - ORGANISATION_PERMISSIONS)
    if unknown:
        raise errors.ValidationFailed({"permissions": [f"{p} is not a valid permission" for p in unknown]})
    with notify.uow() as uow:
        uow.users.get(user_id)
        uow.organisations.get(organisation_id)
        member = uow.organisation_users.find(organisation_id, user_id)
        if member is None:
            raise errors.UserNotFound()
        uow.organisation_users.update(evolve(member, permissions=wanted))
        uow.commit()
