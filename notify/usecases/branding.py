"""Email and letter branding: create, read, update, list. Setting one on a service is a service update."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from notify.domain import errors
from notify.domain.branding import EmailBranding, LetterBranding, check_colour, unused_name

from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .branding_usage import branding_users

EMAIL_FIELDS = frozenset({"name", "colour", "logo", "text", "alt_text", "brand_type"})
LETTER_FIELDS = frozenset({"name", "filename"})


def create_email_branding(notify: Notify, *, name: str, created_by: UUID | None = None,
                          **details: Any) -> EmailBranding:
    _only(details, EMAIL_FIELDS)
    check_colour(details.get("colour"))
    branding = EmailBranding(id=notify.ids.new(), name=name, created_by=created_by,
                             created_at=notify.clock.now(), **details)
    with notify.uow() as uow:
        _known_user(uow, created_by, "created_by")
        if any(b.name == name for b in uow.email_branding.list()):
            raise errors.InvalidRequest("Email branding already exists, name must be unique.", field="name")
        uow.email_branding.add(branding)
        uow.commit()
    return branding


def update_email_branding(notify: Notify, branding_id: UUID, changes: Mapping[str, Any], *,
                          by: UUID | None = None) -> EmailBranding:
    _only(changes, EMAIL_FIELDS)
    check_colour(changes.get("colour"))
    with notify.uow() as uow:
        branding = uow.email_branding.get(branding_id)
        _known_user(uow, by, "updated_by")
        if "name" in changes and any(b.name == changes["name"] and b.id != branding_id
                                     for b in uow.email_branding.list()):
            raise errors.InvalidRequest("Email branding already exists, name must be unique.", field="name")
        if all(getattr(branding, key) == value for key, value in changes.items()):
            return branding
        updated = branding.changed(now=notify.clock.now(), updated_by=by, **changes)
        uow.email_branding.update(updated)
        uow.commit()
    return updated


def get_email_branding(notify: Notify, branding_id: UUID) -> EmailBranding:
    with notify.uow() as uow:
        return uow.email_branding.get(branding_id)


def list_email_branding(notify: Notify) -> Sequence[EmailBranding]:
    with notify.uow() as uow:
        return uow.email_branding.list()


def create_letter_branding(notify: Notify, *, name: str, filename: str,
                           created_by: UUID | None = None) -> LetterBranding:
    branding = LetterBranding(id=notify.ids.new(), name=name, filename=filename, created_by=created_by,
                              created_at=notify.clock.now())
    with notify.uow() as uow:
        _known_user(uow, created_by, "created_by")
        _refuse_letter_clash(uow.letter_branding.list(), branding)
        uow.letter_branding.add(branding)
        uow.commit()
    return branding


def update_letter_branding(notify: Notify, branding_id: UUID, changes: Mapping[str, Any], *,
                           by: UUID | None = None) -> LetterBranding:
    _only(changes, LETTER_FIELDS)
    with notify.uow() as uow:
        branding = uow.letter_branding.get(branding_id)
        _known_user(uow, by, "updated_by")
        if all(getattr(branding, key) == value for key, value in changes.items()):
            return branding
        updated = branding.changed(now=notify.clock.now(), updated_by=by, **changes)
        _refuse_letter_clash(uow.letter_branding.list(), updated)
        uow.letter_branding.update(updated)
        uow.commit()
    return updated


def get_letter_branding(notify: Notify, branding_id: UUID) -> LetterBranding:
    with notify.uow() as uow:
        return uow.letter_branding.get(branding_id)


def list_letter_branding(notify: Notify) -> Sequence[LetterBranding]:
    with notify.uow() as uow:
        return uow.letter_branding.list()


def _refuse_letter_clash(existing: Sequence[LetterBranding], branding: LetterBranding) -> None:
    for other in existing:
        if other.id == branding.id:
            continue
        if other.name == branding.name:
            raise errors.InvalidRequest("Name already in use", field="name")
        if other.filename == branding.filename:
            raise errors.InvalidRequest("Filename already in use", field="filename")


def _only(values: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise errors.ValidationFailed({name: ["Unknown field."] for name in sorted(unknown)})


def _known_user(uow: UnitOfWork, user_id: UUID | None, field: str) -> None:
    if user_id is None:
        return
    try:
        uow.users.get(user_id)
    except errors.UserNotFound:
        raise errors.InvalidRequest(f"No user found with id {user_id}", field=field) from None


def email_branding_name_for(notify: Notify, alt_text: str) -> str:
    """A name for a new email branding made from its alt text, unused by any other."""
    return unused_name(alt_text, (b.name for b in list_email_branding(notify)))


def unused_letter_branding_name(notify: Notify, name: str) -> str:
    """`name`, or an alternate of it, unused by any letter branding."""
    return unused_name(name, (b.name for b in list_letter_branding(notify)))


def archive_email_branding(notify: Notify, branding_id: UUID) -> None:
    """Refused while a live service or organisation uses it; taken out of every organisation's pool."""
    users = branding_users(notify, "email", branding_id)
    if users.services or users.organisations:
        raise errors.InvalidRequest("Email branding is in use and so it can't be archived.")
    with notify.uow() as uow:
        branding = uow.email_branding.get(branding_id)
        if not branding.active:
            return
        uow.branding_pools.remove_everywhere("email", branding_id)
        uow.email_branding.update(branding.archived(now=notify.clock.now()))
        uow.commit()
