"""Object mothers: domain objects with sensible defaults; override only what a test is about."""

from __future__ import annotations

import itertools
from typing import Any
from uuid import UUID, uuid4

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.notification import Notification
from notify.domain.service import Service, ServiceUser
from notify.domain.user import User
from notify.usecases import services, users
from notify.usecases.app import Notify

from .fakes import T0

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix} {next(_counter)}"


def user(**overrides: Any) -> User:
    n = next(_counter)
    values: dict[str, Any] = {"id": uuid4(), "name": f"User {n}", "email_address": f"user{n}@example.gov.uk",
                              "password_hash": "not-a-hash", "created_at": T0}
    return User(**{**values, **overrides})


def service(**overrides: Any) -> Service:
    values: dict[str, Any] = {"id": uuid4(), "name": unique("Service"), "created_by": uuid4(), "created_at": T0}
    return Service(**{**values, **overrides})


def notification(service_id: UUID, **overrides: Any) -> Notification:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "template_id": uuid4(),
                              "template_version": 1, "notification_type": NotificationType.SMS,
                              "to": "07700900123", "normalised_to": "447700900123", "created_at": T0,
                              "status": NotificationStatus.CREATED}
    return Notification(**{**values, **overrides})


def member(service_id: UUID, user_id: UUID, **overrides: Any) -> ServiceUser:
    return ServiceUser(service_id=service_id, user_id=user_id, **overrides)


# Through the use cases: whole, consistent aggregates in whatever store `notify` runs on.

def create_user(notify: Notify, **overrides: Any) -> User:
    n = next(_counter)
    values: dict[str, Any] = {"name": f"User {n}", "email_address": f"user{n}@example.gov.uk",
                              "password": "correct horse battery staple"}
    return users.create_user(notify, **{**values, **overrides})


def create_service(notify: Notify, *, user: User | None = None, **overrides: Any) -> Service:
    owner = user or create_user(notify)
    return services.create_service(notify, **{"name": unique("Service"), "user_id": owner.id, **overrides})


# -- sending: templates and API keys as domain objects, stored straight through a unit of work --

def template(service_id: UUID, **overrides: Any) -> "Template":
    from notify.domain.constants import TemplateType
    from notify.domain.template import Template

    kind = TemplateType(overrides.pop("template_type", TemplateType.SMS))
    values: dict[str, Any] = {
        "id": uuid4(), "service_id": service_id, "name": unique("Template"), "template_type": kind,
        "content": "Hello ((name))", "created_at": T0, "created_by": uuid4(),
        "subject": "Subject ((name))" if kind is not TemplateType.SMS else None,
        "postage": "second" if kind is TemplateType.LETTER else None,
    }
    return Template(**{**values, **overrides})


def api_key(service_id: UUID, **overrides: Any) -> "ApiKey":
    from notify.domain.api_key import ApiKey
    from notify.domain.constants import KeyType

    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "name": unique("Key"),
                              "secret": str(uuid4()), "key_type": KeyType.NORMAL, "created_at": T0,
                              "created_by": uuid4()}
    return ApiKey(**{**values, **overrides})


def store_template(notify: Notify, template_: "Template") -> "Template":
    with notify.uow() as uow:
        uow.templates.add(template_)
        uow.commit()
    return template_


def store_api_key(notify: Notify, key: "ApiKey") -> "ApiKey":
    with notify.uow() as uow:
        uow.api_keys.add(key)
        uow.commit()
    return key


# -- admin: templates and API keys through their use cases, so every rule and version applies --

def create_template(notify: Notify, service_: Service, **overrides: Any) -> "Template":
    from notify.domain.constants import TemplateType
    from notify.usecases import templates

    kind = TemplateType(overrides.pop("template_type", TemplateType.SMS))
    values: dict[str, Any] = {"name": unique("Template"), "content": "Hello ((name))",
                              "created_by": service_.created_by}
    if kind is not TemplateType.SMS:
        values["subject"] = "Subject ((name))"
    return templates.create_template(notify, service_.id, template_type=kind, **{**values, **overrides})


def create_api_key(notify: Notify, service_: Service, **overrides: Any) -> "ApiKey":
    from notify.domain.constants import KeyType
    from notify.usecases import api_keys

    values: dict[str, Any] = {"name": unique("Key"), "key_type": KeyType.NORMAL, "created_by": service_.created_by}
    return api_keys.create_api_key(notify, service_.id, **{**values, **overrides})


# -- notifications as a provider left them: stored directly, read back by id --

def store_notification(notify: Notify, service_id: UUID, **overrides: Any) -> UUID:
    stored = notification(service_id, **overrides)
    with notify.uow() as uow:
        uow.notifications.add(stored)
        uow.commit()
    return stored.id


def status_of(notify: Notify, notification_id: UUID) -> NotificationStatus:
    with notify.read_uow() as uow:
        found = uow.notifications.find(notification_id)
    assert found is not None
    return found.status
