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


def test_organisation_invitations_are_scoped_to_their_organisation(new_uow: NewUow) -> None:
    from notify.domain.invite import InvitedOrganisationUser

    from .helpers import add_user, organisation

    inviter, org, other = add_user(new_uow), organisation(), organisation(name="Other")
    with new_uow() as uow:
        uow.organisations.add(org)
        uow.organisations.add(other)
        uow.commit()
    made = InvitedOrganisationUser(id=uuid4(), organisation_id=org.id, invited_by_id=inviter.id,
                                   email_address="a@example.gov.uk", created_at=T0)
    with new_uow() as uow:
        uow.invited_organisation_users.add(made)
        uow.commit()
    with new_uow() as uow:
        assert uow.invited_organisation_users.list_for_organisation(org.id) == [made]
        assert uow.invited_organisation_users.list_for_organisation(other.id) == []
        assert uow.invited_organisation_users.find(made.id) == made
        with pytest.raises(errors.InviteNotFound):
            uow.invited_organisation_users.get(other.id, made.id)
        uow.invited_organisation_users.update(made.with_status(InviteStatus.CANCELLED))
        uow.commit()
    with new_uow() as uow:
        assert uow.invited_organisation_users.get(org.id, made.id).status is InviteStatus.CANCELLED


def test_join_requests_are_scoped_to_their_service_and_keep_their_decision(new_uow: NewUow) -> None:
    from notify.domain.join_request import JoinRequestStatus, ServiceJoinRequest

    from .helpers import add_user

    service, other = add_service(new_uow), add_service(new_uow, name="Other")
    requester = add_user(new_uow, email_address="joiner@example.gov.uk")
    made = ServiceJoinRequest(id=uuid4(), requester_id=requester.id, service_id=service.id, created_at=T0,
                              contacted_user_ids=str(service.created_by), reason=None)
    with new_uow() as uow:
        uow.service_join_requests.add(made)
        uow.commit()
    with new_uow() as uow:
        assert uow.service_join_requests.get(service.id, made.id) == made
        with pytest.raises(errors.JoinRequestNotFound):
            uow.service_join_requests.get(other.id, made.id)
        decided = made.decided(JoinRequestStatus.REJECTED, by=service.created_by, now=later(minutes=1))
        uow.service_join_requests.update(decided)
        uow.commit()
    with new_uow() as uow:
        assert uow.service_join_requests.get(service.id, made.id) == decided
