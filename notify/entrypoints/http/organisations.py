"""Admin API: /organisations (enough to own services and name them in service responses)."""

from __future__ import annotations

from typing import Any

import falcon
from attrs import define

from notify.domain.constants import OrganisationType
from notify.domain.organisation import Organisation
from notify.usecases import organisations as usecases
from notify.usecases.app import Notify

from .wire import body, dump, optional, parse, path_uuid, required


@define(kw_only=True)
class CreateOrganisation:
    name: str = required(max_length=255, not_blank=True)
    active: bool = optional()
    crown: bool | None = optional()
    organisation_type: OrganisationType = required()
    domains: list[str] = optional()


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
        values = parse(body(req), CreateOrganisation)
        values["organisation_type"] = values["organisation_type"].value
        values["domains"] = frozenset(d.lower() for d in values.get("domains", []))
        resp.status = falcon.HTTP_201
        resp.media = organisation_json(usecases.create_organisation(self._notify, **values))

    # /organisations/{organisation_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, organisation_id: str) -> None:
        resp.media = organisation_json(
            usecases.get_organisation(self._notify, path_uuid(organisation_id, "organisation_id")))
