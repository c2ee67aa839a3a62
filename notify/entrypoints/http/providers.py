"""Admin API: /provider-details — list, read, change priority and active flag, and the history."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.errors import ValidationFailed
from notify.usecases import providers as usecases
from notify.usecases.app import Notify
from notify.usecases.providers import ProviderView

from .wire import body, dump, optional, parse, path_uuid

CHANGEABLE = ("priority", "active")


@define(kw_only=True)
class UpdateProvider:
    priority: int = optional(minimum=0)
    active: bool = optional()
    created_by: UUID | None = optional()
    reason: str | None = optional()  # accepted as Notify's admin app sends it; not stored yet


def provider_json(view: ProviderView) -> dict[str, Any]:
    p = view.provider
    return {
        "id": str(p.id),
        "display_name": p.display_name,
        "identifier": p.identifier,
        "priority": p.priority,
        "notification_type": p.notification_type.value,
        "active": p.active,
        "updated_at": dump(p.updated_at),
        "supports_international": p.supports_international,
        "created_by_name": view.created_by.name if view.created_by else None,
        "reason": None,
        "current_month_billable_sms": 0,
    }


def provider_version_json(view: ProviderView) -> dict[str, Any]:
    user = view.created_by
    return {**provider_json(view), "version": view.provider.version,
            "created_by": None if user is None else {"id": str(user.id), "name": user.name,
                                                     "email_address": user.email_address}}


class ProviderResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /provider-details
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"provider_details": [provider_json(v) for v in usecases.list_providers(self._notify)]}

    # /provider-details/{provider_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, provider_id: str) -> None:
        view = usecases.get_provider(self._notify, path_uuid(provider_id, "provider_id"))
        resp.media = {"provider_details": provider_json(view)}

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, provider_id: str) -> None:
        pid = path_uuid(provider_id, "provider_id")
        data = body(req)
        refused = sorted(set(data) - set(CHANGEABLE) - {"created_by", "reason"})
        if refused:
            raise ValidationFailed({name: ["Not permitted to be updated"] for name in refused})
        values = parse(data, UpdateProvider, partial=True)
        values.pop("reason", None)
        view = usecases.update_provider(self._notify, pid, **values)
        resp.media = {"provider_details": provider_json(view)}

    # /provider-details/{provider_id}/versions
    def on_get_versions(self, req: falcon.Request, resp: falcon.Response, provider_id: str) -> None:
        found = usecases.provider_versions(self._notify, path_uuid(provider_id, "provider_id"))
        resp.media = {"data": [provider_version_json(v) for v in found]}
