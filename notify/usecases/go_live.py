"""A trial service's request to go live, told by email through the platform's own service: to the members of
its organisation who may make services live (and a receipt to the requester), then the next steps or the
refusal back to the requester."""

from __future__ import annotations

from uuid import UUID

from notify.domain import errors
from notify.domain.constants import UserState
from notify.domain.service import Service
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from . import platform_service
from .app import Notify
from .verify_codes import DEFAULT_ADMIN_BASE_URL

APPROVER_PERMISSION = "can_make_services_live"


def tell_approvers(notify: Notify, service_id: UUID, *, admin_base_url: str | None = None) -> None:
    """Email each active member of the service's organisation who may make services live; when there is one,
    tell the requester whom the request went to."""
    base = (admin_base_url or DEFAULT_ADMIN_BASE_URL).rstrip("/")
    with notify.read_uow() as uow:
        service, requester = _requested(uow, service_id)
        if service.organisation_id is None:
            raise errors.InvalidRequest("The service does not belong to an organisation")
        organisation = uow.organisations.get(service.organisation_id)
        allowed = [m.user_id for m in uow.organisation_users.list_for_organisation(organisation.id)
                   if APPROVER_PERMISSION in m.permissions]
        approvers = [u for u in uow.users.list(allowed) if u.state is UserState.ACTIVE] if allowed else []
    shared = {"service_name": service.name, "requester_name": requester.name,
              "requester_email_address": requester.email_address, "organisation_name": organisation.name,
              "make_service_live_link": f"{base}/services/{service.id}/make-service-live",
              "support_page_link": f"{base}/support"}
    for approver in sorted(approvers, key=lambda u: u.name):
        platform_service.send(notify, platform_service.GO_LIVE_REQUEST, approver.email_address,
                              {**shared, "name": approver.name})
    if approvers:
        platform_service.send(notify, platform_service.GO_LIVE_RECEIPT, requester.email_address, {
            "name": requester.name, "service_name": service.name, "organisation_name": organisation.name,
            "organisation_team_member_names": ", ".join(sorted(u.name for u in approvers))})


def send_next_steps(notify: Notify, service_id: UUID, *, to: str, service_name: str, body: str) -> None:
    """An organisation member's next steps for the request, to the address they give."""
    with notify.read_uow() as uow:
        _requested(uow, service_id)
    platform_service.send(notify, platform_service.GO_LIVE_NEXT_STEPS, to,
                          {"service_name": service_name, "body": body})


def send_rejection(notify: Notify, service_id: UUID, *, name: str, service_name: str, organisation_name: str,
                   reason: str, organisation_team_member_name: str, organisation_team_member_email: str) -> None:
    """The refusal, with its reason set off as inset text, to the team member who asked to go live."""
    with notify.read_uow() as uow:
        _, requester = _requested(uow, service_id)
    platform_service.send(notify, platform_service.GO_LIVE_REJECTED, requester.email_address, {
        "name": name, "service_name": service_name, "organisation_name": organisation_name,
        "reason": "\n".join(f"^ {line}" for line in reason.split("\n")),
        "organisation_team_member_name": organisation_team_member_name,
        "organisation_team_member_email": organisation_team_member_email})


def _requested(uow: UnitOfWork, service_id: UUID) -> tuple[Service, User]:
    """The service and who asked to make it live."""
    service = uow.services.get(service_id)
    if not service.asked_to_go_live or service.go_live_user_id is None:
        raise errors.InvalidRequest("The service has no open request to go live")
    return service, uow.users.get(service.go_live_user_id)
