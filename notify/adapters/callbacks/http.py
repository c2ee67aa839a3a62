"""Service callbacks over HTTP with the standard library (urllib.request), as Notify posts them: JSON body,
`Authorization: Bearer <token>`, a 5 s timeout. Redirects are not followed (a 3xx is a refusal): a callback
goes to the URL the service configured and nowhere else."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from notify.ports.callbacks import CallbackOutcome, RejectedCallbackError, RetryableCallbackError

DEFAULT_TIMEOUT = 5.0
USER_AGENT = "NOTIFY-API-PYTHON-CLIENT"  # nothing secret; lets a service tell Notify's callbacks apart
MAX_BODY_READ = 64 * 1024  # what is read of an answer before closing it (it is never used)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


class UrllibCallbackSender:
    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, ssl_context: ssl.SSLContext | None = None) -> None:
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = [_NoRedirects()]
        if ssl_context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=ssl_context))
        self._opener = urllib.request.build_opener(*handlers)

    def post(self, url: str, bearer_token: str, payload: Mapping[str, Any]) -> CallbackOutcome:
        try:
            request = urllib.request.Request(
                url, data=json.dumps(payload).encode("utf-8"), method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {bearer_token}",
                         "User-Agent": USER_AGENT})
        except ValueError as exc:  # not a URL urllib can use
            raise RejectedCallbackError(f"cannot post to this url: {exc}") from None
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                response.read(MAX_BODY_READ)
                return CallbackOutcome(status=response.status)
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
            if status >= 500 or status == 429:
                raise RetryableCallbackError(f"the service answered {status}", status=status) from None
            raise RejectedCallbackError(f"the service answered {status}", status=status) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLCertVerificationError):
                # a certificate problem is the service's to fix, but it may fix it in the next 25 minutes
                raise RetryableCallbackError(f"TLS certificate not accepted: {reason.verify_message}") from None
            raise RetryableCallbackError(f"cannot connect: {reason}") from None
        except (TimeoutError, socket.timeout):
            raise RetryableCallbackError(f"no answer within {self.timeout:g} s") from None
        except (ConnectionError, http.client.HTTPException, ssl.SSLError, OSError) as exc:
            raise RetryableCallbackError(f"connection failed: {type(exc).__name__}: {exc}") from None
        except (ValueError, UnicodeError) as exc:  # e.g. a header value http.client refuses
            raise RejectedCallbackError(f"cannot post to this url: {exc}") from None
