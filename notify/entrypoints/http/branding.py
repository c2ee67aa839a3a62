"""Admin API: /email-branding and /letter-branding — create, read, update, list, suggest an unused name."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import branding as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas import branding as wire


class EmailBrandingResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /email-branding
    @operation(response=wire.EmailBrandingList)
    def on_get(self, req: falcon.Request) -> wire.EmailBrandingList:
        """Every email branding."""
        return wire.EmailBrandingList(email_branding=[
            wire.EmailBrandingOut.of(b) for b in usecases.list_email_branding(self._notify)])

    @operation(body=wire.CreateEmailBranding, response=wire.EmailBrandingOut, key="data", status=201)
    def on_post(self, req: falcon.Request, body: wire.CreateEmailBranding) -> wire.EmailBrandingOut:
        """A new email branding."""
        return wire.EmailBrandingOut.of(usecases.create_email_branding(self._notify, created_by=body.by,
                                                                       **body.details()))

    # /email-branding/{branding_id}
    @operation(response=wire.EmailBrandingItem)
    def on_get_item(self, req: falcon.Request, branding_id: UUID) -> wire.EmailBrandingItem:
        """One email branding."""
        return wire.EmailBrandingItem(email_branding=wire.EmailBrandingOut.of(
            usecases.get_email_branding(self._notify, branding_id)))

    @operation(body=wire.EmailBrandingFields, response=wire.EmailBrandingOut, key="data")
    def on_post_item(self, req: falcon.Request, branding_id: UUID,
                     body: wire.EmailBrandingFields) -> wire.EmailBrandingOut:
        """Change the named fields of an email branding."""
        return wire.EmailBrandingOut.of(usecases.update_email_branding(self._notify, branding_id, body.details(),
                                                                       by=body.by))

    # /email-branding/{branding_id}/archive
    @operation(status=204)
    def on_post_archive(self, req: falcon.Request, branding_id: UUID) -> None:
        """Archive an email branding no live service or organisation uses (400 while one does): it leaves every
        organisation's pool and the list, and its name is free again."""
        usecases.archive_email_branding(self._notify, branding_id)

    # /email-branding/get-name-for-alt-text
    @operation(body=wire.AltText, response=wire.UnusedName)
    def on_post_name(self, req: falcon.Request, body: wire.AltText) -> wire.UnusedName:
        """A name for a new email branding, from its alt text, that no other email branding has."""
        return wire.UnusedName(name=usecases.email_branding_name_for(self._notify, body.alt_text))


class LetterBrandingResources:
    """Notify answers letter branding as bare objects and lists (no `data` envelope)."""

    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /letter-branding
    @operation(response=list[wire.LetterBrandingOut])
    def on_get(self, req: falcon.Request) -> list[wire.LetterBrandingOut]:
        """Every letter branding."""
        return [wire.LetterBrandingOut.of(b) for b in usecases.list_letter_branding(self._notify)]

    @operation(body=wire.CreateLetterBranding, response=wire.LetterBrandingOut, status=201)
    def on_post(self, req: falcon.Request, body: wire.CreateLetterBranding) -> wire.LetterBrandingOut:
        """A new letter branding."""
        return wire.LetterBrandingOut.of(usecases.create_letter_branding(
            self._notify, name=body.name, filename=body.filename, created_by=body.by))

    # /letter-branding/{branding_id}
    @operation(response=wire.LetterBrandingOut)
    def on_get_item(self, req: falcon.Request, branding_id: UUID) -> wire.LetterBrandingOut:
        """One letter branding."""
        return wire.LetterBrandingOut.of(usecases.get_letter_branding(self._notify, branding_id))

    @operation(body=wire.LetterBrandingFields, response=wire.LetterBrandingOut)
    def on_post_item(self, req: falcon.Request, branding_id: UUID,
                     body: wire.LetterBrandingFields) -> wire.LetterBrandingOut:
        """Change the named fields of a letter branding."""
        return wire.LetterBrandingOut.of(usecases.update_letter_branding(self._notify, branding_id, body.details(),
                                                                         by=body.by))

    # /letter-branding/get-unique-name
    @operation(body=wire.WantedName, response=wire.UnusedName)
    def on_post_name(self, req: falcon.Request, body: wire.WantedName) -> wire.UnusedName:
        """The name asked for, or an alternate of it, that no other letter branding has."""
        return wire.UnusedName(name=usecases.unused_letter_branding_name(self._notify, body.name))
