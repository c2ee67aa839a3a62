"""Admin API: a service's API keys — create (secret shown once), list, revoke."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import api_keys as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.api_keys import ApiKeyList, ApiKeyOut, CreateApiKey, RevokeApiKey


class ApiKeyResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/api-key
    @operation(body=CreateApiKey, response=str, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateApiKey) -> str:
        """A new key; only its secret is answered, once (the admin app builds the full key)."""
        return usecases.create_api_key(self._notify, service_id, name=body.name, key_type=body.key_type,
                                       created_by=body.created_by).secret

    # /service/{service_id}/api-keys
    @operation(response=ApiKeyList)
    def on_get_list(self, req: falcon.Request, service_id: UUID) -> ApiKeyList:
        """The service's keys (never their secrets)."""
        return ApiKeyList(apiKeys=[ApiKeyOut.of(k) for k in usecases.list_api_keys(self._notify, service_id)])

    # /service/{service_id}/api-keys/{key_id}
    @operation(response=ApiKeyList)
    def on_get_item(self, req: falcon.Request, service_id: UUID, key_id: UUID) -> ApiKeyList:
        """One key, in a list of one as Notify answers."""
        return ApiKeyList(apiKeys=[ApiKeyOut.of(usecases.get_api_key(self._notify, service_id, key_id))])

    # /service/{service_id}/api-key/revoke/{key_id}
    @operation(body=RevokeApiKey, response=type(None), status=202)
    def on_post_revoke(self, req: falcon.Request, service_id: UUID, key_id: UUID, body: RevokeApiKey) -> None:
        """Revoke a key now (Notify answers a bare JSON null)."""
        usecases.revoke_api_key(self._notify, service_id, key_id, by=body.created_by)
