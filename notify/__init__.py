"""notify: SMS, email and letters from versioned templates, with GOV.UK Notify's API.

Embedded in your own process (nothing here loads a web framework, a migration tool or a task queue until
it is used):

    import notify

    platform = notify.in_memory()
    owner = platform.create_user(name="Ada", email_address="ada@example.gov.uk",
                                 password="a long password", mobile_number="07700900123")
    service = platform.create_service(name="Reminders", owner=owner)
    template = platform.create_template(service, name="Hello", type="sms", content="Hello ((name))")
    key = platform.create_api_key(service)
    sent = platform.send_sms(key, to="07700900123", template=template, personalisation={"name": "Ada"})
    assert platform.get_notification(key, sent.id).status == "delivered"

The stable names are those in `__all__`: the builders (`in_memory`, `sqlite`, `postgres`), `Platform`,
the domain types it returns and takes, and the domain exceptions it raises. `notify.testing` is a pytest
plugin with fixtures for tests of an app that embeds notify. `notify serve` runs the HTTP API."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module: loaded on first use, so `import notify` (and `import notify.domain...`) stays light.
_PUBLIC = {
    "Platform": "notify.embedded",
    "FakeProviders": "notify.embedded",
    "in_memory": "notify.embedded",
    "sqlite": "notify.embedded",
    "postgres": "notify.embedded",
    "ApiKey": "notify.domain.api_key",
    "Notification": "notify.domain.notification",
    "Service": "notify.domain.service",
    "Template": "notify.domain.template",
    "User": "notify.domain.user",
    "KeyType": "notify.domain.constants",
    "NotificationStatus": "notify.domain.constants",
    "NotificationType": "notify.domain.constants",
    "TemplateType": "notify.domain.constants",
    "NotifyError": "notify.domain.errors",
    "NotFound": "notify.domain.errors",
    "AlreadyExists": "notify.domain.errors",
    "InvalidRequest": "notify.domain.errors",
    "ValidationFailed": "notify.domain.errors",
    "Forbidden": "notify.domain.errors",
    "AuthenticationFailed": "notify.domain.errors",
    "RateLimitExceeded": "notify.domain.errors",
    "DailyLimitExceeded": "notify.domain.errors",
}

__all__ = [  # the same names as _PUBLIC, spelled out for type checkers
    "__version__", "Platform", "FakeProviders", "in_memory", "sqlite", "postgres",
    "ApiKey", "Notification", "Service", "Template", "User",
    "KeyType", "NotificationStatus", "NotificationType", "TemplateType",
    "NotifyError", "NotFound", "AlreadyExists", "InvalidRequest", "ValidationFailed", "Forbidden",
    "AuthenticationFailed", "RateLimitExceeded", "DailyLimitExceeded",
]

if TYPE_CHECKING:
    from notify.domain.api_key import ApiKey
    from notify.domain.constants import KeyType, NotificationStatus, NotificationType, TemplateType
    from notify.domain.errors import (AlreadyExists, AuthenticationFailed, DailyLimitExceeded, Forbidden,
                                      InvalidRequest, NotFound, NotifyError, RateLimitExceeded, ValidationFailed)
    from notify.domain.notification import Notification
    from notify.domain.service import Service
    from notify.domain.template import Template
    from notify.domain.user import User
    from notify.embedded import FakeProviders, Platform, in_memory, postgres, sqlite


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'notify' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
