"""Domain objects for the contract suite, and a helper to store them in one committed unit of work."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

from notify.domain.api_key import ApiKey
from notify.domain.branding import EmailBranding, LetterBranding
from notify.domain.callback_api import ServiceCallbackApi
from notify.domain.constants import CallbackType, KeyType, NotificationType
from notify.domain.job import Job
from notify.domain.organisation import Organisation
from notify.domain.provider import ProviderDetails
from notify.domain.service import Service, ServiceUser
from notify.domain.template import Template
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork
from tests import factories
from tests.fakes import T0

NewUow = Callable[[], UnitOfWork]
_n = itertools.count(1)


def later(**delta: float) -> Any:
    return T0 + timedelta(**delta)


def template(service_id: UUID, created_by: UUID, **kw: Any) -> Template:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "name": f"Template {next(_n)}",
                              "template_type": NotificationType.SMS, "content": "Hello ((name))",
                              "created_at": T0, "created_by": created_by}
    return Template(**{**values, **kw})


def api_key(service_id: UUID, created_by: UUID, **kw: Any) -> ApiKey:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "name": f"Key {next(_n)}",
                              "secret": str(uuid4()), "key_type": KeyType.NORMAL, "created_at": T0,
                              "created_by": created_by}
    return ApiKey(**{**values, **kw})


def job(service_id: UUID, **kw: Any) -> Job:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "template_id": uuid4(), "template_version": 1,
                              "original_file_name": "people.csv", "notification_count": 3, "created_at": T0}
    return Job(**{**values, **kw})


def organisation(**kw: Any) -> Organisation:
    values: dict[str, Any] = {"id": uuid4(), "name": f"Organisation {next(_n)}", "created_at": T0}
    return Organisation(**{**values, **kw})


def provider(**kw: Any) -> ProviderDetails:
    n = next(_n)
    values: dict[str, Any] = {"id": uuid4(), "identifier": f"provider{n}", "display_name": f"Provider {n}",
                              "notification_type": NotificationType.SMS, "priority": 10}
    return ProviderDetails(**{**values, **kw})


def email_branding(**kw: Any) -> EmailBranding:
    return EmailBranding(**{"id": uuid4(), "name": f"Brand {next(_n)}", **kw})


def letter_branding(**kw: Any) -> LetterBranding:
    n = next(_n)
    return LetterBranding(**{"id": uuid4(), "name": f"Letter brand {n}", "filename": f"brand-{n}", **kw})


def callback(service_id: UUID, user_id: UUID, **kw: Any) -> ServiceCallbackApi:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "url": "https://example.gov.uk/cb",
                              "bearer_token": "a-secret-bearer-token-1234", "callback_type":
                                  CallbackType.DELIVERY_STATUS, "updated_by_id": user_id, "created_at": T0}
    return ServiceCallbackApi(**{**values, **kw})


def add_user(new_uow: NewUow, **kw: Any) -> User:
    user = factories.user(**kw)
    with new_uow() as uow:
        uow.users.add(user)
        uow.commit()
    return user


def add_service(new_uow: NewUow, owner: User | None = None, **kw: Any) -> Service:
    """A service, its creator and the creator's membership."""
    owner = owner or add_user(new_uow)
    service = factories.service(created_by=owner.id, **kw)
    with new_uow() as uow:
        uow.services.add(service)
        uow.service_users.add(ServiceUser(service_id=service.id, user_id=owner.id, created_at=T0))
        uow.commit()
    return service
