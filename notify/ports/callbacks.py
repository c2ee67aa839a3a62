"""Callbacks to services: posting a JSON payload to the URL a service configured, with its bearer token.

`post` answers a CallbackOutcome for a 2xx, or raises a CallbackFailed saying whether trying again later may
help (RetryableCallbackError: no connection, timeout, 5xx, 429) or not (RejectedCallbackError: any other
answer). What to do about it (Notify's retry rule) is the use case's business, not the adapter's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from attrs import frozen


@frozen
class CallbackOutcome:
    """The service accepted the callback."""

    status: int  # the HTTP status it answered (2xx)


class CallbackFailed(Exception):
    """The callback did not get through. `status` is the HTTP status when the service answered at all."""

    retryable: bool = False

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class RetryableCallbackError(CallbackFailed):
    """No connection, a timeout, a 5xx or a 429: the same request may succeed later."""

    retryable = True


class RejectedCallbackError(CallbackFailed):
    """Any other answer (a 4xx, a redirect) or a request that cannot be made: retrying will not help."""

    retryable = False


class CallbackSender(Protocol):
    def post(self, url: str, bearer_token: str, payload: Mapping[str, Any]) -> CallbackOutcome:
        """POST `payload` as JSON to `url` with `Authorization: Bearer <bearer_token>`; blocks for at most the
        adapter's timeout. Raises CallbackFailed (one of its two kinds) when the callback did not get through."""
        ...
