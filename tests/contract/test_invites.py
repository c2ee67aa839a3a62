"""Service invitations: stored, read within their service only, listed oldest first, status changed, on every
store."""

from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain import errors
from notify.domain.invite import InvitedUser, InviteStatus
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def test_invitations_are_scoped_to_their_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow, name="Other")
    first = InvitedUser(id=uuid4(), service_id=service.id, from_user_id=service.created_by,
                        email_address="a@example.gov.uk", permissions="send_messages", created_at=T0,
                        folder_permissions=f"{uuid4()},{uuid4()}")
    second = InvitedUser(id=uuid4(), service_id=service.id, from_user_id=service.created_by,
                         email_address="b@example.gov.uk", permissions="", created_at=later(minutes=1))
    with new_uow() as uow:
        uow.invited_users.add(second)
        uow.invited_users.add(first)
        uow.commit()
    with new_uow() as uow:
        assert uow.invited_users.list_for_service(service.id) == [first, second]
        assert uow.invited_users.list_for_service(other.id) == []
        assert uow.invited_users.get(service.id, first.id) == first
        assert uow.invited_users.find(first.id) == first and uow.invited_users.find(uuid4()) is None
        with pytest.raises(errors.InviteNotFound):
            uow.invited_users.get(other.id, first.id)
        uow.invited_users.update(first.with_status(InviteStatus.CANCELLED))
        uow.commit()
    with new_uow() as uow:
        assert uow.invited_users.get(service.id, first.id).status is InviteStatus.CANCELLED
        with pytest.raises(errors.InviteNotFound):
            uow.invited_users.update(InvitedUser(id=uuid4(), service_id=service.id, from_user_id=service.created_by,
                                                 email_address="c@example.gov.uk", permissions="", created_at=T0))
