"""Service administration: create, change, archive, membership, guest list and history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from uuid import UUID

from attrs import evolve, fields, frozen

from notify.domain import errors
from notify.domain.api_key import ApiKey
from notify.domain.constants import DEFAULT_SERVICE_PERMISSIONS, GuestListRecipientType, UserPermission
from notify.domain.organisation import Organisation
from notify.domain.recipients import PhoneNumber, validate_email_address
from notify.domain.service import GuestListEntry, Service, ServiceUser, email_local_part
from notify.domain.template import Template
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .billing import new_service_allowance
from .senders import default_sms_sender
from .template_folders import own_folders

ALL_USER_PERMISSIONS = frozenset(
    p.value for p in UserPermission if p not in (UserPermission.PLATFORM_ADMIN, UserPermission.SEND_MESSAGES,
                                                 UserPermission.MANAGE_SERVICE)
)
# Service attributes an admin may set; the rest (id, version, timestamps) are the system's.
SETTABLE = frozenset(a.name for a in fields(Service)) - {"id", "version", "created_at", "updated_at"}


@frozen
class ServiceHistory:
    services: Sequence[Service]
    api_keys: Sequence[ApiKey]
    templates: Sequence[Template]


def create_service(notify: Notify, *, name: str, user_id: UUID, created_by: UUID | None = None,
                   permissions: Iterable[str] | None = None, **settings: Any) -> Service:
    now = notify.clock.now()
    with notify.uow() as uow:
        user = _user_or_field_error(uow, user_id, "user_id")
        if created_by is not None and created_by != user_id:
            _user_or_field_error(uow, created_by, "created_by")
        _refuse_duplicate_name(uow, name)
        organisation = _organisation_for_email(uow, user.email_address)
        if organisation is not None:
            settings.setdefault("organisation_id", organisation.id)
            settings.setdefault("organisation_type", organisation.organisation_type)
        settings.setdefault("email_sender_local_part", email_local_part(name))
        service = Service(
            id=notify.ids.new(),
            name=name,
            created_by=created_by or user_id,
            created_at=now,
            permissions=DEFAULT_SERVICE_PERMISSIONS if permissions is None else permissions,
            **_only_settable(settings),
        )
        uow.services.add(service)
        uow.sms_senders.add(default_sms_sender(notify, service))  # every service starts sending as GOVUK
        uow.annual_billing.put(new_service_allowance(notify, service))
        uow.service_users.add(ServiceUser(service_id=service.id, user_id=user_id,
                                          permissions=ALL_USER_PERMISSIONS, created_at=now))
        uow.commit()
    return service


def update_service(notify: Notify, service_id: UUID, changes: Mapping[str, Any]) -> Service:
    changes = _only_settable(changes)
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        if "name" in changes and changes["name"].lower() != service.name.lower():
            _refuse_duplicate_name(uow, changes["name"])
        if "organisation_id" in changes and changes["organisation_id"] is not None:
            uow.organisations.get(changes["organisation_id"])
        for branding in ("email_branding_id", "letter_branding_id"):
            if changes.get(branding) is not None:
                try:
                    getattr(uow, branding.removesuffix("_id")).get(changes[branding])
                except errors.BrandingNotFound:  # a body id, not the URL's: 400 naming the wire field
                    raise errors.InvalidRequest(f"No {branding.removesuffix('_id').replace('_', ' ')} found "
                                                f"with id {changes[branding]}",
                                                field=branding.removesuffix("_id")) from None
        if all(getattr(service, key) == value for key, value in changes.items()):
            return service  # nothing changed: no new version
        updated = service.changed(now=notify.clock.now(), **changes)
        uow.services.update(updated)
        uow.commit()
    notify.cache.forget_service(service_id)  # this process sends by the new settings at once
    return updated


def archive_service(notify: Notify, service_id: UUID) -> None:
    """Deactivate, archive every template and revoke every key, in one transaction. Irreversible."""
    now = notify.clock.now()
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        if not service.active:
            return
        uow.services.update(service.archived(now=now))
        for template in uow.templates.list_for_service(service_id):
            uow.templates.update(template.changed(now=now, archived=True))
        for key in uow.api_keys.list_for_service(service_id):
            if not key.revoked:
                uow.api_keys.update(key.revoke(now=now))
        uow.commit()
    notify.cache.forget_service(service_id)


def get_service(notify: Notify, service_id: UUID) -> Service:
    with notify.uow() as uow:
        return uow.services.get(service_id)


def list_services(notify: Notify, *, only_active: bool = False, user_id: UUID | None = None) -> Sequence[Service]:
    with notify.read_uow() as uow:
        return uow.services.list(only_active=only_active, user_id=user_id)


def find_services_by_name(notify: Notify, fragment: str) -> Sequence[Service]:
    with notify.read_uow() as uow:
        return uow.services.search_by_name(fragment)


def organisation_names(notify: Notify, services: Sequence[Service]) -> dict[UUID, str]:
    wanted = {s.organisation_id for s in services if s.organisation_id is not None}
    if not wanted:
        return {}
    with notify.read_uow() as uow:
        return {o.id: o.name for o in uow.organisations.list() if o.id in wanted}


def service_users(notify: Notify, service_id: UUID) -> list[tuple[User, ServiceUser]]:
    with notify.uow() as uow:
        uow.services.get(service_id)
        members = uow.service_users.list_for_service(service_id)
        users = {u.id: u for u in uow.users.list([m.user_id for m in members])}
    return [(users[m.user_id], m) for m in members if m.user_id in users]


def add_user_to_service(notify: Notify, service_id: UUID, user_id: UUID, *, permissions: Iterable[str],
                        folder_permissions: Iterable[UUID] = ()) -> Service:
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        uow.users.get(user_id)
        if uow.service_users.find(service_id, user_id) is not None:
            raise errors.InvalidRequest(f"User id: {user_id} already part of service id: {service_id}")
        uow.service_users.add(ServiceUser(service_id=service_id, user_id=user_id, permissions=permissions,
                                          folder_permissions=own_folders(uow, service_id, folder_permissions),
                                          created_at=notify.clock.now()))
        uow.commit()
    forget_recipients(notify, service_id)
    return service


def set_user_permissions(notify: Notify, service_id: UUID, user_id: UUID, *, permissions: Iterable[str],
                         folder_permissions: Iterable[UUID] = ()) -> None:
    with notify.uow() as uow:
        member = uow.service_users.find(service_id, user_id)
        if member is None:
            raise errors.UserNotFound("User not found")
        uow.service_users.update(evolve(member, permissions=frozenset(permissions),
                                        folder_permissions=own_folders(uow, service_id, folder_permissions)))
        uow.commit()


def remove_user_from_service(notify: Notify, service_id: UUID, user_id: UUID) -> None:
    with notify.uow() as uow:
        uow.services.get(service_id)
        if uow.service_users.find(service_id, user_id) is None:
            raise errors.UserNotFound("User not found")
        if len(uow.service_users.list_for_service(service_id)) <= 1:
            raise errors.InvalidRequest("User cannot be removed from the service")
        uow.service_users.remove(service_id, user_id)
        uow.commit()
    forget_recipients(notify, service_id)


def service_history(notify: Notify, service_id: UUID) -> ServiceHistory:
    with notify.read_uow() as uow:
        return ServiceHistory(
            services=uow.services.history(service_id) or _missing(uow, service_id),
            api_keys=uow.api_keys.history_for_service(service_id),
            templates=uow.templates.history_for_service(service_id),
        )


def get_guest_list(notify: Notify, service_id: UUID) -> Sequence[GuestListEntry]:
    with notify.uow() as uow:
        uow.services.get(service_id)
        return uow.guest_list.list_for_service(service_id)


def replace_guest_list(notify: Notify, service_id: UUID, *, email_addresses: Iterable[str],
                       phone_numbers: Iterable[str]) -> None:
    """Replace the whole list atomically; one bad entry refuses the lot and keeps the old list."""
    now = notify.clock.now()
    entries = []
    for field_name, recipient_type, values in (
        ("email_addresses", GuestListRecipientType.EMAIL, email_addresses),
        ("phone_numbers", GuestListRecipientType.MOBILE, phone_numbers),
    ):
        for value in values:
            if value == "":
                continue  # the admin app sends blank rows of its form; Notify skips them
            if not _valid_recipient(recipient_type, value):
                raise errors.InvalidRequest(
                    f'Invalid guest list: "{value}" is not a valid email address or phone number', field=field_name)
            entries.append(GuestListEntry(id=notify.ids.new(), service_id=service_id, recipient_type=recipient_type,
                                          recipient=value, created_at=now))
    with notify.uow() as uow:
        uow.services.get(service_id)
        uow.guest_list.replace(service_id, entries)
        uow.commit()
    forget_recipients(notify, service_id)


def forget_recipients(notify: Notify, service_id: UUID) -> None:
    """The team or guest list changed: this process's senders see it at once (others within the cache's TTL)."""
    notify.cache.forget_service(service_id)


def _valid_recipient(recipient_type: GuestListRecipientType, value: str) -> bool:
    try:
        if recipient_type is GuestListRecipientType.EMAIL:
            validate_email_address(value)
        else:
            PhoneNumber.parse(value)
    except errors.InvalidRequest:
        return False
    return True


def _only_settable(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - SETTABLE
    if unknown:
        raise errors.ValidationFailed({name: ["Unknown field."] for name in sorted(unknown)})
    return dict(values)


def _refuse_duplicate_name(uow: UnitOfWork, name: str) -> None:
    if uow.services.find_by_name(name) is not None:
        raise errors.InvalidRequest(f"Duplicate service name '{name}'", field="name")


def _user_or_field_error(uow: UnitOfWork, user_id: UUID, field_name: str) -> User:
    try:
        return uow.users.get(user_id)
    except errors.UserNotFound:
        raise errors.InvalidRequest(f"No user found with id {user_id}", field=field_name) from None


def _organisation_for_email(uow: UnitOfWork, email_address: str) -> Any:
    domain = email_address.rpartition("@")[2].lower()
    for organisation in uow.organisations.list():
        if any(domain == d or domain.endswith("." + d) for d in organisation.domains):
            return organisation
    return None


def _missing(uow: UnitOfWork, service_id: UUID) -> Sequence[Service]:
    uow.services.get(service_id)  # raises ServiceNotFound
    return []


def service_organisation(notify: Notify, service_id: UUID) -> Organisation | None:
    """The organisation a service belongs to, if any (ServiceNotFound for an unknown service)."""
    with notify.read_uow() as uow:
        service = uow.services.get(service_id)
        return uow.organisations.get(service.organisation_id) if service.organisation_id else None
