"""The service callback API (Notify's /service/{id}/callback-api): where a service wants delivery receipts,
complaints, returned letters and inbound texts posted, with the bearer token to send. One per (service, type).
Versioned: create writes version 1, every update a new version (as Notify's version_class), delete removes the
current row and keeps the history. The token is encrypted at rest by the store and never shown again."""

from __future__ import annotations

from uuid import UUID

from notify.domain import errors
from notify.domain.callback_api import ServiceCallbackApi, check_bearer_token, check_url
from notify.domain.constants import CallbackType
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .cache import CallbackApi

ONE_PER_TYPE = "You can only have one URL and bearer token for your service."  # Notify's words (field "name")
# DELETE's 404 names what was not found (Notify's messages; it has none for complaints, and answers a 500).
NOT_FOUND_ON_DELETE = {
    CallbackType.DELIVERY_STATUS: "Service delivery receipt API not found",
    CallbackType.RETURNED_LETTER: "Service returned letter API not found",
    CallbackType.INBOUND_SMS: "Service inbound API not found",
    CallbackType.COMPLAINT: "Service complaint API not found",
}


def find_cached(notify: Notify, service_id: UUID, callback_type: CallbackType) -> ServiceCallbackApi | None:
    """The service's callback of this type, or None, through the 2 s read cache (the delivery pipeline asks
    for every status change; a service without a callback costs a dictionary lookup)."""

    def load() -> ServiceCallbackApi | None:
        with notify.uow() as uow:
            return next((c for c in uow.callback_apis.list_for_service(service_id)
                         if c.callback_type is callback_type), None)

    return notify.cache.get_or_load(CallbackApi(service_id, callback_type), notify.clock.now(), load)


def create_callback_api(notify: Notify, service_id: UUID, *, url: str, bearer_token: str, updated_by_id: UUID,
                        callback_type: CallbackType) -> ServiceCallbackApi:
    check_url(url)
    check_bearer_token(bearer_token)
    callback = ServiceCallbackApi(id=notify.ids.new(), service_id=service_id, url=url, bearer_token=bearer_token,
                                  callback_type=callback_type, updated_by_id=updated_by_id,
                                  created_at=notify.clock.now())
    with notify.uow() as uow:
        uow.services.get(service_id)
        _check_user(uow, updated_by_id)
        if any(c.callback_type is callback_type for c in uow.callback_apis.list_for_service(service_id)):
            raise errors.InvalidRequest(ONE_PER_TYPE, field="name")
        try:
            uow.callback_apis.add(callback)
        except errors.AlreadyExists:  # a concurrent create of the same type won
            raise errors.InvalidRequest(ONE_PER_TYPE, field="name") from None
        uow.commit()
    notify.cache.forget_service(service_id)
    return callback


def update_callback_api(notify: Notify, service_id: UUID, callback_api_id: UUID, *, callback_type: CallbackType,
                        updated_by_id: UUID, url: str | None = None,
                        bearer_token: str | None = None) -> ServiceCallbackApi:
    """A new version with the given url and/or token (each optional) and who changed it. Notify finds the
    callback by id *and* type: one of another type is not found."""
    if url is not None:
        check_url(url)
    if bearer_token is not None:
        check_bearer_token(bearer_token)
    with notify.uow() as uow:
        current = _get(uow, service_id, callback_api_id, callback_type)
        _check_user(uow, updated_by_id)
        changes: dict[str, object] = {"updated_by_id": updated_by_id}
        if url is not None:
            changes["url"] = url
        if bearer_token is not None:
            changes["bearer_token"] = bearer_token
        updated = current.changed(now=notify.clock.now(), **changes)
        uow.callback_apis.update(updated)
        uow.commit()
    notify.cache.forget_service(service_id)
    return updated


def get_callback_api(notify: Notify, service_id: UUID, callback_api_id: UUID, *,
                     callback_type: CallbackType | None = None) -> ServiceCallbackApi:
    with notify.uow() as uow:
        return _get(uow, service_id, callback_api_id, callback_type)


def delete_callback_api(notify: Notify, service_id: UUID, callback_api_id: UUID, *,
                        callback_type: CallbackType | None = None) -> None:
    with notify.uow() as uow:
        try:
            callback = _get(uow, service_id, callback_api_id, callback_type)
        except errors.NotFound:
            if callback_type is None:
                raise
            raise errors.CallbackApiNotFound(NOT_FOUND_ON_DELETE[callback_type]) from None
        uow.callback_apis.remove(service_id, callback_api_id)
        uow.commit()
    notify.cache.forget_service(service_id)


def _get(uow: UnitOfWork, service_id: UUID, callback_api_id: UUID,
         callback_type: CallbackType | None) -> ServiceCallbackApi:
    """The service's callback with this id (and type, when given); an unknown service is 'not found' too."""
    uow.services.get(service_id)
    callback = uow.callback_apis.get(service_id, callback_api_id)
    if callback_type is not None and callback.callback_type is not callback_type:
        raise errors.CallbackApiNotFound()
    return callback


def _check_user(uow: UnitOfWork, user_id: UUID) -> None:
    try:
        uow.users.get(user_id)
    except errors.UserNotFound:
        raise errors.InvalidRequest(f"No user found with id {user_id}", field="updated_by_id") from None
