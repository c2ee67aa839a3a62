"""Admin API: a service's callback APIs (Notify's /service/{id}/callback-api): create, update, read, delete."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import callback_apis as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.callback_apis import CallbackApiOut, CallbackTypeQuery, CreateCallbackApi, UpdateCallbackApi


class CallbackApiResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/callback-api
    @operation(body=CreateCallbackApi, response=CallbackApiOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateCallbackApi) -> CallbackApiOut:
        """Set where the service wants callbacks of one type posted (one per type)."""
        return CallbackApiOut.of(usecases.create_callback_api(
            self._notify, service_id, url=body.url, bearer_token=body.bearer_token,
            updated_by_id=body.updated_by_id, callback_type=body.callback_type))

    # /service/{service_id}/callback-api/{callback_api_id}
    @operation(body=UpdateCallbackApi, response=CallbackApiOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, callback_api_id: UUID,
                     body: UpdateCallbackApi) -> CallbackApiOut:
        """Change a callback's url and/or bearer token (a new version)."""
        return CallbackApiOut.of(usecases.update_callback_api(
            self._notify, service_id, callback_api_id, callback_type=body.callback_type,
            updated_by_id=body.updated_by_id, url=body.url, bearer_token=body.bearer_token))

    @operation(query=CallbackTypeQuery, response=CallbackApiOut, key="data")
    def on_get_item(self, req: falcon.Request, service_id: UUID, callback_api_id: UUID,
                    query: CallbackTypeQuery) -> CallbackApiOut:
        """One callback of the service (never its bearer token)."""
        return CallbackApiOut.of(usecases.get_callback_api(self._notify, service_id, callback_api_id,
                                                           callback_type=query.callback_type))

    @operation(query=CallbackTypeQuery, status=204)
    def on_delete_item(self, req: falcon.Request, service_id: UUID, callback_api_id: UUID,
                       query: CallbackTypeQuery) -> None:
        """Stop posting callbacks of this type to the service."""
        usecases.delete_callback_api(self._notify, service_id, callback_api_id, callback_type=query.callback_type)
