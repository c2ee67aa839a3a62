"""Admin API: /email-branding/{id}/orgs_and_services and /letter-branding/{id}/orgs_and_services."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

import falcon

from notify.usecases.app import Notify
from notify.usecases.branding_usage import branding_users

from .operation import operation
from .schemas.branding_usage import BrandingUsersOut


class BrandingUsersResource:
    auth = "admin"

    def __init__(self, notify: Notify, kind: Literal["email", "letter"]) -> None:
        self._notify, self._kind = notify, kind

    @operation(response=BrandingUsersOut, key="data")
    def on_get(self, req: falcon.Request, branding_id: UUID) -> BrandingUsersOut:
        """The active services and organisations that use the branding, by name."""
        found = branding_users(self._notify, self._kind, branding_id)
        return BrandingUsersOut.of(found.services, found.organisations)
