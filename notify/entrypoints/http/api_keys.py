"""Admin API: a service's API keys — create (secret shown once), list, revoke."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType
from notify.usecases import api_keys as usecases
from notify.usecases.app import Notify

from .wire import body, dump, optional, parse, path_uuid, required


@define(kw_only=True)
class CreateApiKey:
    name: str = required(max_length=255, not_blank=True)
    key_type: KeyType = required()
    created_by: UUID = required()


@define(kw_only=True)
class RevokeApiKey:
    created_by: UUID | None = optional()


def api_key_json(key: ApiKey) -> dict[str, Any]:
    """Never the secret."""
    return {
        "id": str(key.id),
        "name": key.name,
        "key_type": key.key_type.value,
        "service_id": str(key.service_id),
        "expiry_date": dump(key.expiry_date),
        "created_at": dump(key.created_at),
        "updated_at": dump(key.updated_at),
        "created_by": str(key.created_by),
        "version": key.version,
    }


class ApiKeyResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/api-key
    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        key = usecases.create_api_key(self._notify, sid, **parse(body(req), CreateApiKey))
        resp.status = falcon.HTTP_201
        resp.media = {"data": key.secret}  # only the secret, once: the admin app builds the full key

    # /service/{service_id}/api-keys
    def on_get_list(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        keys = usecases.list_api_keys(self._notify, path_uuid(service_id, "service_id"))
        resp.media = {"apiKeys": [api_key_json(k) for k in keys]}

    # /service/{service_id}/api-keys/{key_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, key_id: str) -> None:
        key = usecases.get_api_key(self._notify, path_uuid(service_id, "service_id"), path_uuid(key_id, "key_id"))
        resp.media = {"apiKeys": [api_key_json(key)]}

    # /service/{service_id}/api-key/revoke/{key_id}
    def on_post_revoke(self, req: falcon.Request, resp: falcon.Response, service_id: str, key_id: str) -> None:
        sid, kid = path_uuid(service_id, "service_id"), path_uuid(key_id, "key_id")
        values = parse(body(req), RevokeApiKey)
        usecases.revoke_api_key(self._notify, sid, kid, by=values.get("created_by"))
        resp.status = falcon.HTTP_202
        resp.content_type = falcon.MEDIA_JSON
        resp.text = "null"  # Notify answers a bare JSON null
