"""Admin API: a service's letter contact blocks (/service/{id}/letter-contact). As Notify: the list and one
block answer bare, add, update and archive in a `data` envelope."""

from __future__ import annotations

from typing import Any

import falcon
from attrs import define

from notify.domain.letter_contact import ServiceLetterContact
from notify.usecases import letter_contacts as usecases
from notify.usecases.app import Notify

from .wire import body, dump, parse, path_uuid, required


@define(kw_only=True)
class LetterContactFields:
    contact_block: str = required(max_length=usecases.MAX_CONTACT_BLOCK_LENGTH, not_blank=True)
    is_default: bool = required()


def letter_contact_json(c: ServiceLetterContact) -> dict[str, Any]:
    return {"id": str(c.id), "service_id": str(c.service_id), "contact_block": c.contact_block,
            "is_default": c.is_default, "archived": c.archived, "created_at": dump(c.created_at),
            "updated_at": dump(c.updated_at)}


class LetterContactResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/letter-contact
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        found = usecases.list_letter_contacts(self._notify, path_uuid(service_id, "service_id"))
        resp.media = [letter_contact_json(c) for c in found]

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        values = parse(body(req), LetterContactFields)
        resp.status = falcon.HTTP_201
        resp.media = {"data": letter_contact_json(usecases.add_letter_contact(self._notify, sid, **values))}

    # /service/{service_id}/letter-contact/{letter_contact_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                    letter_contact_id: str) -> None:
        resp.media = letter_contact_json(usecases.get_letter_contact(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(letter_contact_id, "letter_contact_id")))

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                     letter_contact_id: str) -> None:
        sid, cid = path_uuid(service_id, "service_id"), path_uuid(letter_contact_id, "letter_contact_id")
        values = parse(body(req), LetterContactFields)
        resp.media = {"data": letter_contact_json(usecases.update_letter_contact(self._notify, sid, cid, **values))}

    # /service/{service_id}/letter-contact/{letter_contact_id}/archive
    def on_post_archive(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                        letter_contact_id: str) -> None:
        resp.media = {"data": letter_contact_json(usecases.archive_letter_contact(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(letter_contact_id, "letter_contact_id")))}
