"""The domain's error families. No HTTP codes here: entrypoints map each family to a status."""

from __future__ import annotations


class NotifyError(Exception):
    """Base of every error the core raises on purpose. `message` is what a caller is shown."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the request field the error is about, where there is one


class NotFound(NotifyError):
    def __init__(self, message: str = "No result found", *, field: str | None = None) -> None:
        super().__init__(message, field=field)


class ServiceNotFound(NotFound): ...
class UserNotFound(NotFound): ...
class TemplateNotFound(NotFound): ...
class ApiKeyNotFound(NotFound): ...
class NotificationNotFound(NotFound): ...
class JobNotFound(NotFound): ...
class OrganisationNotFound(NotFound): ...
class ProviderNotFound(NotFound): ...
class BrandingNotFound(NotFound): ...
class CallbackApiNotFound(NotFound): ...
class SmsSenderNotFound(NotFound): ...
class ReplyToNotFound(NotFound): ...
class InboundSmsNotFound(NotFound): ...
class LetterContactNotFound(NotFound): ...


class AlreadyExists(NotifyError):
    """A unique rule refused a write (duplicate id, name, email...)."""


class ReplyToAlreadyInUse(AlreadyExists):
    """The service already has this reply-to address (Notify answers 409)."""


class ConcurrentUpdate(NotifyError):
    """Someone else wrote a newer version first; the caller may retry."""

    def __init__(self, message: str = "The record was changed by another request; try again") -> None:
        super().__init__(message)


class InvalidRequest(NotifyError):
    """A business rule refused the request; `message` is Notify's wording."""


class ValidationFailed(InvalidRequest):
    """Input is malformed: `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        first = next(iter(errors), None)
        text = "; ".join(f"{k} {' '.join(v)}" for k, v in errors.items())
        super().__init__(text, field=first)


class Forbidden(NotifyError):
    """Allowed caller, refused action (e.g. letters with a team key)."""


class AuthenticationFailed(NotifyError):
    """A token was presented and refused (403)."""


class MissingCredentials(AuthenticationFailed):
    """No usable token at all (401)."""


class RateLimitExceeded(NotifyError): ...


class DailyLimitExceeded(RateLimitExceeded): ...


class InvalidStatusTransition(NotifyError):
    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(f"Cannot move a notification from {current} to {wanted}")
        self.current = current
        self.wanted = wanted


class StoreUnavailable(NotifyError):
    """The store cannot be reached right now; retrying later may work (503)."""


class StoredDataUnreadable(NotifyError):
    """Encrypted data in the store cannot be read with the configured key(s): a wrong or missing
    NOTIFY_SECRET_KEY. Never retried, never shown as garbage; an operator must fix the key (500)."""


class InvalidToken(InvalidRequest):
    """A signed link's token is forged, garbled or (`expired`) too old."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


class InviteNotFound(NotFound): ...


class JoinRequestNotFound(NotFound): ...
