"""Admin API: /organisations — create, read, update, list; their services and members."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.constants import OrganisationType
from notify.domain.organisation import Organisation
from notify.usecases import organisations as usecases
from notify.usecases.app import Notify

from .users import user_json
from .wire import body, dump, optional, parse, path_uuid, required


@define(kw_only=True)
class OrganisationFields:
    """Everything the admin app may set on an organisation (all optional: updates are partial)."""

    name: str = optional(max_length=255, not_blank=True)
    active: bool = optional()
    crown: bool | None = optional()
    organisation_type: OrganisationType | None = optional()
    domains: list[str] = optional()
    agreement_signed: bool | None = optional()
    agreement_signed_at: datetime | None = optional()
    agreement_signed_by_id: UUID | None = optional()
    agreement_signed_on_behalf_of_name: str | None = optional(max_length=255)
    agreement_signed_on_behalf_of_email_address: str | None = optional(max_length=255)
    agreement_signed_version: float | None = optional()
    billing_contact_email_addresses: str | None = optional()
    billing_contact_names: str | None = optional()
    billing_reference: str | None = optional(max_length=255)
    purchase_order_number: str | None = optional(max_length=255)
    notes: str | None = optional()
    email_branding_id: UUID | None = optional()
    letter_branding_id: UUID | None = optional()


@define(kw_only=True)
class CreateOrganisation(OrganisationFields):
    name: str = required(max_length=255, not_blank=True)
    organisation_type: OrganisationType = required()


@define(kw_only=True)
class LinkService:
    service_id: UUID = required()


def _to_domain(values: dict[str, Any]) -> dict[str, Any]:
    if values.get("organisation_type") is not None:
        values["organisation_type"] = values["organisation_type"].value
    if "domains" in values:
        values["domains"] = frozenset(d.strip().lower() for d in values["domains"] if d.strip())
    return values


def organisation_json(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": str(organisation.id),
        "name": organisation.name,
        "active": organisation.active,
        "crown": organisation.crown,
        "organisation_type": organisation.organisation_type,
        "domains": sorted(organisation.domains),
        "agreement_signed": organisation.agreement_signed,
        "agreement_signed_at": dump(organisation.agreement_signed_at),
        "agreement_signed_by_id": dump(organisation.agreement_signed_by_id),
        "agreement_signed_version": organisation.agreement_signed_version,
        "agreement_signed_on_behalf_of_name": organisation.agreement_signed_on_behalf_of_name,
        "agreement_signed_on_behalf_of_email_address": organisation.agreement_signed_on_behalf_of_email_address,
        "email_branding_id": dump(organisation.email_branding_id),
        "letter_branding_id": dump(organisation.letter_branding_id),
        "billing_contact_email_addresses": organisation.billing_contact_email_addresses,
        "billing_contact_names": organisation.billing_contact_names,
        "billing_reference": organisation.billing_reference,
        "purchase_order_number": organisation.purchase_order_number,
        "notes": organisation.notes,
        "created_at": dump(organisation.created_at),
        "updated_at": dump(organisation.updated_at),
    }


class OrganisationResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /organisations (Notify returns a bare list here)
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = [
            {"id": str(o.id), "name": o.name, "active": o.active, "organisation_type": o.organisation_type,
             "domains": sorted(o.domains)}
            for o in usecases.list_organisations(self._notify)]

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        values = _to_domain(parse(body(req), CreateOrganisation))
        resp.status = falcon.HTTP_201
        resp.media = organisation_json(usecases.create_organisation(self._notify, **values))

    # /organisations/{organisation_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, organisation_id: str) -> None:
        resp.media = organisation_json(
            usecases.get_organisation(self._notify, path_uuid(organisation_id, "organisation_id")))

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, organisation_id: str) -> None:
        oid = path_uuid(organisation_id, "organisation_id")
        usecases.update_organisation(self._notify, oid, _to_domain(parse(body(req), OrganisationFields,
                                                                          partial=True)))
        resp.status = falcon.HTTP_204

    # /organisations/{organisation_id}/service
    def on_post_service(self, req: falcon.Request, resp: falcon.Response, organisation_id: str) -> None:
        oid = path_uuid(organisation_id, "organisation_id")
        usecases.link_service(self._notify, oid, parse(body(req), LinkService)["service_id"])
        resp.status = falcon.HTTP_204

    # /organisations/{organisation_id}/services
    def on_get_services(self, req: falcon.Request, resp: falcon.Response, organisation_id: str) -> None:
        found = usecases.organisation_services(self._notify, path_uuid(organisation_id, "organisation_id"))
        resp.media = [{"id": str(s.id), "name": s.name, "active": s.active, "restricted": s.restricted}
                      for s in found]

    # /organisations/{organisation_id}/users
    def on_get_users(self, req: falcon.Request, resp: falcon.Response, organisation_id: str) -> None:
        found = usecases.organisation_users(self._notify, path_uuid(organisation_id, "organisation_id"))
        resp.media = {"data": [user_json(u) for u in found]}

    # /organisations/{organisation_id}/users/{user_id}
    def on_post_user(self, req: falcon.Request, resp: falcon.Response, organisation_id: str, user_id: str) -> None:
        values = parse(body(req), AddOrganisationUser)
        user = usecases.add_user_to_organisation(self._notify, path_uuid(organisation_id, "organisation_id"),
                                                 path_uuid(user_id, "user_id"),
                                                 permissions=[p.permission for p in values.get("permissions", [])])
        resp.media = {"data": user_json(user)}

    def on_delete_user(self, req: falcon.Request, resp: falcon.Response, organisation_id: str,
                       user_id: str) -> None:
        usecases.remove_user_from_organisation(self._notify, path_uuid(organisation_id, "organisation_id"),
                                               path_uuid(user_id, "user_id"))
        resp.status = falcon.HTTP_204


@define(kw_only=True)
class OrganisationPermission:
    permission: str


@define(kw_only=True)
class AddOrganisationUser:
    permissions: list[OrganisationPermission] = optional()
