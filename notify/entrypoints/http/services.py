"""Admin API: /service and everything hanging off one service (the seed's 13 endpoints)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.errors import ValidationFailed
from notify.domain.constants import OrganisationType, ServicePermission
from notify.domain.service import Service, ServiceUser
from notify.domain.user import User
from notify.usecases import services as usecases
from notify.usecases import statistics
from notify.usecases.app import Notify

from .schemas.fields import MAX_DAYS
from .users import PermissionEntry, user_json
from .wire import (
    body, dump, optional, parse, path_uuid, query_bool, query_date, query_int, query_required, query_uuid, required,
)

# Wire names that differ from the domain's attribute names.
RENAMED = {"email_branding": "email_branding_id", "letter_branding": "letter_branding_id",
           "organisation": "organisation_id", "go_live_user": "go_live_user_id"}
# Sent by Notify's admin app, meaningful only to it: accepted and ignored.
IGNORED = ("created_by", "confirmed_unique", "has_active_go_live_request", "confirmed_email_sender_name", "id")


@define(kw_only=True)
class ServiceSettings:
    """Every service setting the admin API accepts (all optional; creation adds name and user_id)."""

    name: str = optional(max_length=255, not_blank=True)
    active: bool = optional()
    restricted: bool = optional()
    organisation_type: OrganisationType | None = optional()
    permissions: list[ServicePermission] = optional()
    rate_limit: int = optional(minimum=0)
    sms_message_limit: int = optional(minimum=0)
    email_message_limit: int = optional(minimum=0)
    letter_message_limit: int = optional(minimum=0)
    international_sms_message_limit: int = optional(minimum=0)
    prefix_sms: bool = optional()
    count_as_live: bool = optional()
    email_sender_local_part: str = optional(max_length=255, not_blank=True)
    custom_email_sender_name: str | None = optional(max_length=255)
    contact_link: str | None = optional(max_length=255)
    email_branding: UUID | None = optional()
    letter_branding: UUID | None = optional()
    organisation: UUID | None = optional()
    billing_contact_email_addresses: str | None = optional()
    billing_contact_names: str | None = optional()
    billing_reference: str | None = optional(max_length=255)
    purchase_order_number: str | None = optional(max_length=255)
    notes: str | None = optional()
    consent_to_research: bool | None = optional()
    go_live_at: datetime | None = optional()
    go_live_user: UUID | None = optional()
    volume_email: int | None = optional(minimum=0)
    volume_sms: int | None = optional(minimum=0)
    volume_letter: int | None = optional(minimum=0)
    created_by: UUID = optional()
    confirmed_unique: bool = optional()
    has_active_go_live_request: bool = optional()
    confirmed_email_sender_name: bool = optional()
    id: UUID = optional()


@define(kw_only=True)
class CreateService(ServiceSettings):
    name: str = required(max_length=255, not_blank=True)
    user_id: UUID = required()


@define(kw_only=True)
class AddServiceUser:
    permissions: list[PermissionEntry] = optional()
    folder_permissions: list[UUID] = optional()


@define(kw_only=True)
class GuestList:
    email_addresses: list[str] = optional()
    phone_numbers: list[str] = optional()


def _to_domain(values: dict[str, Any]) -> dict[str, Any]:
    for name in IGNORED:
        values.pop(name, None)
    if "permissions" in values:
        values["permissions"] = frozenset(p.value for p in values["permissions"])
    if values.get("organisation_type") is not None:
        values["organisation_type"] = values["organisation_type"].value
    return {RENAMED.get(name, name): value for name, value in values.items()}


def service_json(service: Service, *, organisation_name: str | None = None) -> dict[str, Any]:
    return {
        "id": str(service.id),
        "name": service.name,
        "active": service.active,
        "restricted": service.restricted,
        "created_at": dump(service.created_at),
        "updated_at": dump(service.updated_at),
        "created_by": str(service.created_by),
        "version": service.version,
        "organisation": dump(service.organisation_id),
        "organisation_type": service.organisation_type,
        "organisation_name": organisation_name,
        "email_branding": dump(service.email_branding_id),
        "letter_branding": dump(service.letter_branding_id),
        "permissions": sorted(service.permissions),
        "rate_limit": service.rate_limit,
        "sms_message_limit": service.sms_message_limit,
        "email_message_limit": service.email_message_limit,
        "letter_message_limit": service.letter_message_limit,
        "international_sms_message_limit": service.international_sms_message_limit,
        "count_as_live": service.count_as_live,
        "prefix_sms": service.prefix_sms,
        "email_sender_local_part": service.email_sender_local_part,
        "custom_email_sender_name": service.custom_email_sender_name,
        "contact_link": service.contact_link,
        "billing_contact_email_addresses": service.billing_contact_email_addresses,
        "billing_contact_names": service.billing_contact_names,
        "billing_reference": service.billing_reference,
        "purchase_order_number": service.purchase_order_number,
        "notes": service.notes,
        "consent_to_research": service.consent_to_research,
        "go_live_at": dump(service.go_live_at),
        "go_live_user": dump(service.go_live_user_id),
        "volume_email": service.volume_email,
        "volume_sms": service.volume_sms,
        "volume_letter": service.volume_letter,
        "service_callback_api": [],
    }


def service_history_json(service: Service) -> dict[str, Any]:
    return {
        "id": str(service.id),
        "name": service.name,
        "version": service.version,
        "created_at": dump(service.created_at),
        "updated_at": dump(service.updated_at),
        "active": service.active,
        "restricted": service.restricted,
        "created_by_id": str(service.created_by),
        "sms_message_limit": service.sms_message_limit,
        "email_message_limit": service.email_message_limit,
        "letter_message_limit": service.letter_message_limit,
        "custom_email_sender_name": service.custom_email_sender_name,
        "email_sender_local_part": service.email_sender_local_part,
    }


def member_json(user: User, member: ServiceUser) -> dict[str, Any]:
    return {**user_json(user), "permissions": sorted(member.permissions),
            "folder_permissions": sorted(str(f) for f in member.folder_permissions)}


class ServiceResources:
    """All /service routes; Falcon suffixes pick the handler (see app.py)."""

    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        user_id = query_uuid(req, "user_id")
        found = usecases.list_services(self._notify, only_active=query_bool(req, "only_active"), user_id=user_id)
        names = usecases.organisation_names(self._notify, found)
        data = [service_json(s, organisation_name=names.get(s.organisation_id)) for s in found]  # type: ignore[arg-type]
        if query_bool(req, "detailed"):
            stats = statistics.statistics_for_services(
                self._notify, [s.id for s in found], start=query_date(req, "start_date"),
                end=query_date(req, "end_date"),
                include_test_key=query_bool(req, "include_from_test_key", default=True))
            for item, service in zip(data, found):
                item["statistics"] = stats[service.id]
        resp.media = {"data": data}

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        values = parse(body(req), CreateService)
        created_by = values.get("created_by")
        service = usecases.create_service(self._notify, created_by=created_by, **_to_domain(values))
        resp.status = falcon.HTTP_201
        resp.media = {"data": service_json(service)}

    # /service/find-services-by-name
    def on_get_find(self, req: falcon.Request, resp: falcon.Response) -> None:
        found = usecases.find_services_by_name(self._notify, query_required(req, "service_name"))
        names = usecases.organisation_names(self._notify, found)
        resp.media = {"data": [
            {"id": str(s.id), "name": s.name, "active": s.active, "restricted": s.restricted,
             "organisation_name": names.get(s.organisation_id)}  # type: ignore[arg-type]
            for s in found]}

    # /service/{service_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        service = usecases.get_service(self._notify, sid)
        names = usecases.organisation_names(self._notify, [service])
        data = service_json(service, organisation_name=names.get(service.organisation_id))  # type: ignore[arg-type]
        if query_bool(req, "detailed"):
            data["statistics"] = statistics.service_statistics(
                self._notify, sid, today_only=query_bool(req, "today_only"))
        resp.media = {"data": data}

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        changes = _to_domain(parse(body(req), ServiceSettings, partial=True))
        resp.media = {"data": service_json(usecases.update_service(self._notify, sid, changes))}

    # /service/{service_id}/archive
    def on_post_archive(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        usecases.archive_service(self._notify, path_uuid(service_id, "service_id"))
        resp.status = falcon.HTTP_204

    # /service/{service_id}/users
    def on_get_users(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        members = usecases.service_users(self._notify, path_uuid(service_id, "service_id"))
        resp.media = {"data": [member_json(user, member) for user, member in members]}

    # /service/{service_id}/users/{user_id}
    def on_post_user(self, req: falcon.Request, resp: falcon.Response, service_id: str, user_id: str) -> None:
        sid, uid = path_uuid(service_id, "service_id"), path_uuid(user_id, "user_id")
        values = parse(body(req), AddServiceUser)
        service = usecases.add_user_to_service(
            self._notify, sid, uid,
            permissions=[p.permission.value for p in values.get("permissions", [])],
            folder_permissions=values.get("folder_permissions", []))
        data = service_json(service)
        data["users"] = [{"id": str(u.id), "name": u.name} for u, _ in usecases.service_users(self._notify, sid)]
        resp.status = falcon.HTTP_201
        resp.media = {"data": data}

    def on_delete_user(self, req: falcon.Request, resp: falcon.Response, service_id: str, user_id: str) -> None:
        usecases.remove_user_from_service(self._notify, path_uuid(service_id, "service_id"),
                                          path_uuid(user_id, "user_id"))
        resp.status = falcon.HTTP_204

    # /service/{service_id}/history
    def on_get_history(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        history = usecases.service_history(self._notify, path_uuid(service_id, "service_id"))
        resp.media = {"data": {
            "service_history": [service_history_json(s) for s in history.services],
            "api_key_history": [
                {"id": str(k.id), "name": k.name, "service_id": str(k.service_id), "key_type": k.key_type.value,
                 "expiry_date": dump(k.expiry_date), "revoked_at": dump(k.expiry_date),
                 "created_at": dump(k.created_at), "updated_at": dump(k.updated_at),
                 "created_by_id": str(k.created_by), "version": k.version}
                for k in history.api_keys],
            "template_history": [
                {"id": str(t.id), "name": t.name, "template_type": t.template_type.value, "version": t.version,
                 "archived": t.archived, "created_at": dump(t.created_at), "updated_at": dump(t.updated_at),
                 "created_by_id": str(t.created_by)}
                for t in history.templates],
        }}

    # /service/{service_id}/guest-list
    def on_get_guest_list(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        entries = usecases.get_guest_list(self._notify, path_uuid(service_id, "service_id"))
        resp.media = {
            "email_addresses": [e.recipient for e in entries if e.recipient_type == "email"],
            "phone_numbers": [e.recipient for e in entries if e.recipient_type == "mobile"],
        }

    def on_put_guest_list(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        values = parse(body(req), GuestList)
        usecases.replace_guest_list(self._notify, sid, email_addresses=values.get("email_addresses", []),
                                    phone_numbers=values.get("phone_numbers", []))
        resp.status = falcon.HTTP_204

    # /service/{service_id}/statistics
    def on_get_statistics(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        resp.media = {"data": statistics.service_statistics(
            self._notify, sid, today_only=query_bool(req, "today_only"),
            limit_days=query_int(req, "limit_days", 7, minimum=1, maximum=MAX_DAYS) or 7)}

    # /service/{service_id}/notifications/monthly
    def on_get_monthly(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        year = query_int(req, "year", message="Year must be a number", minimum=2000, maximum=9998)
        if year is None:
            raise ValidationFailed({"year": ["Year must be a number"]})
        resp.media = {"data": statistics.monthly_statistics(self._notify, sid, year=year)}
