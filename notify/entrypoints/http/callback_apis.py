"""Admin API: a service's callback APIs (Notify's /service/{id}/callback-api): create, update, read, delete.
The bearer token goes in and is never given back."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.callback_api import ServiceCallbackApi
from notify.domain.constants import CallbackType
from notify.domain.errors import ValidationFailed
from notify.usecases import callback_apis as usecases
from notify.usecases.app import Notify

from .wire import body, dump, optional, parse, path_uuid, required


@define(kw_only=True)
class CreateCallbackApi:
    url: str = required()
    bearer_token: str = required()
    updated_by_id: UUID = required()
    callback_type: CallbackType = required()


@define(kw_only=True)
class UpdateCallbackApi:
    callback_type: CallbackType = required()
    updated_by_id: UUID = required()
    url: str = optional()
    bearer_token: str = optional()


def callback_api_json(callback: ServiceCallbackApi) -> dict[str, Any]:
    """Notify's serialisation: never the bearer token."""
    return {
        "id": str(callback.id),
        "service_id": str(callback.service_id),
        "url": callback.url,
        "updated_by_id": str(callback.updated_by_id),
        "created_at": dump(callback.created_at),
        "updated_at": dump(callback.updated_at),
    }


def query_callback_type(req: falcon.Request) -> CallbackType | None:
    """`?callback_type=`: optional on GET and DELETE; when given it must name the callback's type."""
    raw = req.get_param("callback_type")
    if raw is None or raw == "":
        return None
    try:
        return CallbackType(raw)
    except ValueError:
        raise ValidationFailed({"callback_type": [
            "Must be one of: " + ", ".join(t.value for t in CallbackType) + "."]}) from None


class CallbackApiResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/callback-api
    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        """Set where the service wants callbacks of one type posted (one per type)."""
        sid = path_uuid(service_id, "service_id")
        callback = usecases.create_callback_api(self._notify, sid, **parse(body(req), CreateCallbackApi))
        resp.status = falcon.HTTP_201
        resp.media = {"data": callback_api_json(callback)}

    # /service/{service_id}/callback-api/{callback_api_id}
    def on_post_item(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                     callback_api_id: str) -> None:
        """Change a callback's url and/or bearer token (a new version)."""
        sid, cid = path_uuid(service_id, "service_id"), path_uuid(callback_api_id, "callback_api_id")
        callback = usecases.update_callback_api(self._notify, sid, cid, **parse(body(req), UpdateCallbackApi))
        resp.media = {"data": callback_api_json(callback)}

    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                    callback_api_id: str) -> None:
        """One callback of the service (never its bearer token)."""
        sid, cid = path_uuid(service_id, "service_id"), path_uuid(callback_api_id, "callback_api_id")
        callback = usecases.get_callback_api(self._notify, sid, cid, callback_type=query_callback_type(req))
        resp.media = {"data": callback_api_json(callback)}

    def on_delete_item(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                       callback_api_id: str) -> None:
        """Stop posting callbacks of this type to the service."""
        sid, cid = path_uuid(service_id, "service_id"), path_uuid(callback_api_id, "callback_api_id")
        usecases.delete_callback_api(self._notify, sid, cid, callback_type=query_callback_type(req))
        resp.status = falcon.HTTP_204
