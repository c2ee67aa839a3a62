"""One HTTP request to a provider's API, with a hard timeout: the standard library's client, kept small
(providers' APIs are simple form or JSON posts). Connection failures and timeouts are ProviderErrors."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from collections.abc import Mapping

from attrs import frozen

from notify.ports.providers import ProviderError


@frozen
class HttpAnswer:
    status: int
    body: bytes


def post(url: str, body: bytes, headers: Mapping[str, str], *, timeout: float, provider: str) -> HttpAnswer:
    """POST and return the answer, whatever its status; ProviderError when there was no complete answer."""
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (URL from settings)
            return HttpAnswer(response.status, response.read())
    except urllib.error.HTTPError as error:
        try:
            return HttpAnswer(error.code, error.read())
        finally:
            error.close()
    except (urllib.error.URLError, http.client.HTTPException, socket.timeout, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ProviderError(f"{provider}: no answer from its API: {type(exc).__name__}: {reason}") from None


def get(url: str, *, timeout: float, provider: str) -> HttpAnswer:
    request = urllib.request.Request(url, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (URL verified by caller)
            return HttpAnswer(response.status, response.read())
    except urllib.error.HTTPError as error:
        try:
            return HttpAnswer(error.code, error.read())
        finally:
            error.close()
    except (urllib.error.URLError, http.client.HTTPException, socket.timeout, OSError) as exc:
        raise ProviderError(f"{provider}: cannot fetch {url}: {type(exc).__name__}") from None
