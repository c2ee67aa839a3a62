"""Admin API: /provider-details — list, read, change priority, active flag and stored credentials, and the
history."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import providers as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.providers import (
    ProviderItem, ProviderList, ProviderOut, ProviderVersionOut, UpdateProvider, only_changeable,
)
from .schemas.reading import checked_body


class ProviderResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /provider-details
    @operation(response=ProviderList)
    def on_get(self, req: falcon.Request) -> ProviderList:
        """Every provider, by channel and priority."""
        return ProviderList(provider_details=[ProviderOut.of(v) for v in usecases.list_providers(self._notify)])

    # /provider-details/{provider_id}
    @operation(response=ProviderItem)
    def on_get_item(self, req: falcon.Request, provider_id: UUID) -> ProviderItem:
        """One provider."""
        return ProviderItem(provider_details=ProviderOut.of(usecases.get_provider(self._notify, provider_id)))

    @operation(body=UpdateProvider, source=checked_body(only_changeable), response=ProviderItem)
    def on_post_item(self, req: falcon.Request, provider_id: UUID, body: UpdateProvider) -> ProviderItem:
        """Change a provider's priority and/or whether it is used (a new version), and/or its stored credentials
        (kept encrypted, never shown)."""
        view = usecases.update_provider(self._notify, provider_id, created_by=body.created_by,
                                        credentials=body.credential_changes(), **body.provider_changes())
        return ProviderItem(provider_details=ProviderOut.of(view))

    # /provider-details/{provider_id}/versions
    @operation(response=list[ProviderVersionOut], key="data")
    def on_get_versions(self, req: falcon.Request, provider_id: UUID) -> list[ProviderVersionOut]:
        """Every version of a provider, with who made it."""
        return [ProviderVersionOut.of(v) for v in usecases.provider_versions(self._notify, provider_id)]
