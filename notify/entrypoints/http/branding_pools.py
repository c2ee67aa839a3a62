"""Admin API: /organisations/{id}/email-branding-pool and /letter-branding-pool (list, add, remove)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import branding_pools as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas import branding as wire
from .schemas.branding_pools import BrandingIds


class BrandingPoolResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /organisations/{organisation_id}/email-branding-pool
    @operation(response=list[wire.EmailBrandingOut], key="data")
    def on_get_email(self, req: falcon.Request, organisation_id: UUID) -> list[wire.EmailBrandingOut]:
        """The email brandings the organisation's services are offered."""
        return [wire.EmailBrandingOut.of(b) for b in usecases.email_branding_pool(self._notify, organisation_id)]

    @operation(body=BrandingIds, status=204)
    def on_post_email(self, req: falcon.Request, organisation_id: UUID, body: BrandingIds) -> None:
        """Add email brandings to the pool (those already there stay; unknown ids are passed over)."""
        usecases.add_to_pool(self._notify, organisation_id, "email", body.branding_ids)

    # /organisations/{organisation_id}/email-branding-pool/{email_branding_id}
    @operation(status=204)
    def on_delete_email_item(self, req: falcon.Request, organisation_id: UUID, email_branding_id: UUID) -> None:
        """Take an email branding out of the pool (404 when it is not in it)."""
        usecases.remove_from_pool(self._notify, organisation_id, "email", email_branding_id)

    # /organisations/{organisation_id}/letter-branding-pool
    @operation(response=list[wire.LetterBrandingOut], key="data")
    def on_get_letter(self, req: falcon.Request, organisation_id: UUID) -> list[wire.LetterBrandingOut]:
        """The letter brandings the organisation's services are offered."""
        return [wire.LetterBrandingOut.of(b) for b in usecases.letter_branding_pool(self._notify, organisation_id)]

    @operation(body=BrandingIds, status=204)
    def on_post_letter(self, req: falcon.Request, organisation_id: UUID, body: BrandingIds) -> None:
        """Add letter brandings to the pool (those already there stay; unknown ids are passed over)."""
        usecases.add_to_pool(self._notify, organisation_id, "letter", body.branding_ids)

    # /organisations/{organisation_id}/letter-branding-pool/{letter_branding_id}
    @operation(status=204)
    def on_delete_letter_item(self, req: falcon.Request, organisation_id: UUID, letter_branding_id: UUID) -> None:
        """Take a letter branding out of the pool (404 when it is not in it, 400 for the organisation's
        default)."""
        usecases.remove_from_pool(self._notify, organisation_id, "letter", letter_branding_id)
