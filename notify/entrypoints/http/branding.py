"""Admin API: /email-branding and /letter-branding — create, read, update, list."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.branding import EmailBranding, LetterBranding
from notify.domain.constants import BrandType
from notify.usecases import branding as usecases
from notify.usecases.app import Notify

from .wire import body, dump, optional, parse, path_uuid, required


@define(kw_only=True)
class EmailBrandingFields:
    name: str = optional(max_length=255, not_blank=True)
    colour: str | None = optional(max_length=7)
    logo: str | None = optional(max_length=255)
    text: str | None = optional(max_length=255)
    alt_text: str | None = optional(max_length=255)
    brand_type: BrandType = optional()
    created_by: UUID | None = optional()
    updated_by: UUID | None = optional()


@define(kw_only=True)
class CreateEmailBranding(EmailBrandingFields):
    name: str = required(max_length=255, not_blank=True)


@define(kw_only=True)
class LetterBrandingFields:
    name: str = optional(max_length=255, not_blank=True)
    filename: str = optional(max_length=255, not_blank=True)
    created_by: UUID | None = optional()
    updated_by: UUID | None = optional()


@define(kw_only=True)
class CreateLetterBranding(LetterBrandingFields):
    name: str = required(max_length=255, not_blank=True)
    filename: str = required(max_length=255, not_blank=True)


def email_branding_json(b: EmailBranding) -> dict[str, Any]:
    return {"id": str(b.id), "name": b.name, "colour": b.colour, "logo": b.logo, "text": b.text,
            "alt_text": b.alt_text, "brand_type": b.brand_type.value, "created_by": dump(b.created_by),
            "created_at": dump(b.created_at), "updated_at": dump(b.updated_at), "updated_by": dump(b.updated_by)}


def letter_branding_json(b: LetterBranding) -> dict[str, Any]:
    return {"id": str(b.id), "name": b.name, "filename": b.filename, "created_by": dump(b.created_by),
            "created_at": dump(b.created_at), "updated_at": dump(b.updated_at), "updated_by": dump(b.updated_by)}


def _by(values: dict[str, Any]) -> UUID | None:
    created_by: UUID | None = values.pop("created_by", None)
    updated_by: UUID | None = values.pop("updated_by", None)
    return updated_by or created_by


class EmailBrandingResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /email-branding
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"email_branding": [email_branding_json(b) for b in usecases.list_email_branding(self._notify)]}

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        values = parse(body(req), CreateEmailBranding)
        by = _by(values)
        resp.status = falcon.HTTP_201
        resp.media = {"data": email_branding_json(usecases.create_email_branding(self._notify, created_by=by,
                                                                                 **values))}

    # /email-branding/{branding_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, branding_id: str) -> None:
        found = usecases.get_email_branding(self._notify, path_uuid(branding_id, "branding_id"))
        resp.media = {"email_branding": email_branding_json(found)}

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, branding_id: str) -> None:
        bid = path_uuid(branding_id, "branding_id")
        values = parse(body(req), EmailBrandingFields, partial=True)
        by = _by(values)
        resp.media = {"data": email_branding_json(usecases.update_email_branding(self._notify, bid, values, by=by))}


class LetterBrandingResources:
    """Notify answers letter branding as bare objects and lists (no `data` envelope)."""

    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /letter-branding
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = [letter_branding_json(b) for b in usecases.list_letter_branding(self._notify)]

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        values = parse(body(req), CreateLetterBranding)
        by = _by(values)
        resp.status = falcon.HTTP_201
        resp.media = letter_branding_json(usecases.create_letter_branding(self._notify, created_by=by, **values))

    # /letter-branding/{branding_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, branding_id: str) -> None:
        resp.media = letter_branding_json(
            usecases.get_letter_branding(self._notify, path_uuid(branding_id, "branding_id")))

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, branding_id: str) -> None:
        bid = path_uuid(branding_id, "branding_id")
        values = parse(body(req), LetterBrandingFields, partial=True)
        by = _by(values)
        resp.media = letter_branding_json(usecases.update_letter_branding(self._notify, bid, values, by=by))
