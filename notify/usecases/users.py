"""Platform users: create, read, update, check passwords (bcrypt; locked after Notify's limit), archive,
and the services and organisations each user belongs to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from attrs import field, frozen

from notify.domain import errors
from notify.domain.constants import AuthType, UserPermission, UserState
from notify.domain.organisation import Organisation, OrganisationUser
from notify.domain.recipients import PhoneNumber, validate_email_address
from notify.domain.service import Service, ServiceUser
from notify.domain.user_filter import UserFilter
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .services import forget_recipients


@frozen
class UserDetails:
    """A user with the services they belong to (and their permissions there)."""

    user: User
    memberships: Sequence[ServiceUser]
    organisations: Sequence[OrganisationUser] = field(factory=tuple)


@frozen
class OrganisationsAndServices:
    """What a user can reach: their organisations (with how many live services each) and their services."""

    organisations: Sequence[tuple[Organisation, int]]
    services: Sequence[Service]


# What a user may change about themselves through POST /user/{id} (platform_admin never).
UPDATABLE = frozenset({"name", "email_address", "mobile_number", "auth_type", "take_part_in_research",
                       "receives_new_features_email"})


def create_user(notify: Notify, *, name: str, email_address: str, password: str,
                mobile_number: str | None = None, **details: Any) -> User:
    email_address = _valid_email(email_address)
    if mobile_number:
        _valid_mobile(mobile_number)
    now = notify.clock.now()
    user = User(id=notify.ids.new(), name=name, email_address=email_address, mobile_number=mobile_number,
                password_hash=notify.passwords.hash(password), created_at=now, password_changed_at=now, **details)
    with notify.uow() as uow:
        if uow.users.find_by_email(email_address) is not None:
            raise errors.InvalidRequest("An account with that email address already exists", field="email_address")
        uow.users.add(user)
        uow.commit()
    return user


def get_user(notify: Notify, user_id: UUID) -> UserDetails:
    with notify.uow() as uow:
        return _details(uow, uow.users.get(user_id))


def get_user_by_email(notify: Notify, email_address: str) -> UserDetails:
    """Case-insensitive lookup; unknown → UserNotFound."""
    with notify.uow() as uow:
        user = uow.users.find_by_email(email_address.strip())
        if user is None:
            raise errors.UserNotFound()
        return _details(uow, user)


def update_user(notify: Notify, user_id: UUID, changes: Mapping[str, Any]) -> UserDetails:
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise errors.ValidationFailed({name: ["Not permitted to be updated"] for name in sorted(unknown)})
    changes = dict(changes)
    if "email_address" in changes:
        changes["email_address"] = _valid_email(changes["email_address"])
    if changes.get("mobile_number"):
        _valid_mobile(changes["mobile_number"])
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        if "email_address" in changes and changes["email_address"].lower() != user.email_address.lower():
            if uow.users.find_by_email(changes["email_address"]) is not None:
                raise errors.InvalidRequest("An account with that email address already exists",
                                            field="email_address")
        if all(getattr(user, name) == value for name, value in changes.items()):
            return _details(uow, user)
        updated = user.changed(now=notify.clock.now(), **changes)
        if updated.auth_type is AuthType.SMS and not updated.mobile_number:
            raise errors.InvalidRequest("Mobile number must be set if auth_type is set to sms_auth",
                                        field="mobile_number")
        uow.users.update(updated)
        uow.commit()
        for membership in uow.service_users.list_for_user(user_id):  # their address may be a trial recipient
            forget_recipients(notify, membership.service_id)
        return _details(uow, updated)


def verify_password(notify: Notify, user_id: UUID, password: str) -> None:
    """Right password: failed count back to 0. Wrong one (or any once locked): the count goes up, stored,
    then InvalidRequest. A user is locked once the count reaches MAX_FAILED_LOGIN_COUNT (10)."""
    now = notify.clock.now()
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        ok = not user.locked and notify.passwords.verify(password, user.password_hash)
        uow.users.update(user.logged_in(now=now) if ok else user.failed_login(now=now))
        uow.commit()
    if not ok:
        raise errors.InvalidRequest("Incorrect password", field="password")


def reset_failed_login_count(notify: Notify, user_id: UUID) -> UserDetails:
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        if user.failed_login_count:
            user = user.changed(now=notify.clock.now(), failed_login_count=0)
            uow.users.update(user)
            uow.commit()
        return _details(uow, user)


def activate_user(notify: Notify, user_id: UUID) -> UserDetails:
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        if user.state is UserState.ACTIVE:
            raise errors.InvalidRequest("User already active")
        user = user.changed(now=notify.clock.now(), state=UserState.ACTIVE)
        uow.users.update(user)
        uow.commit()
        return _details(uow, user)


def archive_user(notify: Notify, user_id: UUID) -> None:
    """Anonymise the user, make them inactive and take them out of every service and organisation. Refused
    while a service they belong to would be left without another member who can manage its settings."""
    now = notify.clock.now()
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        memberships = uow.service_users.list_for_user(user_id)
        for membership in memberships:
            others = [m for m in uow.service_users.list_for_service(membership.service_id) if m.user_id != user_id]
            if uow.services.get(membership.service_id).active and not any(
                    UserPermission.MANAGE_SETTINGS.value in m.permissions for m in others):
                raise errors.InvalidRequest("User can’t be removed from a service - check all services have "
                                            "another team member with manage_settings")
        for membership in memberships:
            uow.service_users.remove(membership.service_id, user_id)
        for organisation in uow.organisation_users.list_for_user(user_id):
            uow.organisation_users.remove(organisation.organisation_id, user_id)
        domain = user.email_address.rpartition("@")[2]
        uow.users.update(user.changed(
            now=now, name="Archived user", email_address=f"_archived_{now:%Y-%m-%d}_{user.id}@{domain}",
            mobile_number=None, state=UserState.INACTIVE, auth_type=AuthType.EMAIL,
            password_hash=notify.passwords.hash(str(notify.ids.new())), current_session_id=None))
        uow.commit()
    for membership in memberships:
        forget_recipients(notify, membership.service_id)


def organisations_and_services(notify: Notify, user_id: UUID) -> OrganisationsAndServices:
    with notify.uow() as uow:
        uow.users.get(user_id)
        organisations = []
        for membership in uow.organisation_users.list_for_user(user_id):
            organisation = uow.organisations.get(membership.organisation_id)
            if organisation.active:
                live = [s for s in uow.services.list_for_organisation(organisation.id)
                        if s.active and not s.restricted and s.count_as_live]
                organisations.append((organisation, len(live)))
        organisations.sort(key=lambda pair: pair[0].name.lower())
        services = sorted(uow.services.list(only_active=True, user_id=user_id), key=lambda s: s.name.lower())
        return OrganisationsAndServices(organisations, services)


def _details(uow: UnitOfWork, user: User) -> UserDetails:
    active = {s.id for s in uow.services.list(only_active=True, user_id=user.id)}
    memberships = [m for m in uow.service_users.list_for_user(user.id) if m.service_id in active]
    return UserDetails(user, memberships, uow.organisation_users.list_for_user(user.id))


def _valid_email(email_address: str) -> str:
    try:
        return validate_email_address(email_address)
    except errors.InvalidRequest:
        raise errors.InvalidRequest("Not a valid email address", field="email_address") from None


def _valid_mobile(mobile_number: str) -> None:
    try:
        PhoneNumber.parse(mobile_number)
    except errors.InvalidRequest as exc:
        raise errors.InvalidRequest(f"Invalid phone number: {exc.message}", field="mobile_number") from None


def users_list(notify: Notify, criteria: UserFilter) -> list[UserDetails]:
    """Every user the criteria match, oldest first, with their services and organisations."""
    with notify.read_uow() as uow:
        found = sorted((u for u in uow.users.list() if criteria.matches(u)), key=lambda u: (u.created_at, str(u.id)))
        return [_details(uow, u) for u in found]
