"""The session cookie: a JSON payload signed with HMAC-SHA256 (the server's key never leaves it), HttpOnly,
SameSite=Lax, Secure when the request came over https, and expiring: a signed issue time older than
SESSION_SECONDS is no session. Every form carries a CSRF token derived from the session's random nonce."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

import falcon

COOKIE = "notify_session"
SESSION_SECONDS = 20 * 60 * 60  # a working day, as Notify's admin app
CODE_SECONDS = 15 * 60


class Sessions:
    def __init__(self, key: bytes, *, clock: Any = time.time) -> None:
        self._key = key
        self._clock = clock

    def _sign(self, data: bytes) -> str:
        return base64.urlsafe_b64encode(hmac.new(self._key, data, hashlib.sha256).digest()).decode().rstrip("=")

    def load(self, req: falcon.Request) -> dict[str, Any]:
        """The request's session (a fresh one when missing, tampered with or expired)."""
        raw = req.cookies.get(COOKIE)
        if raw and "." in raw:
            body, signature = raw.rsplit(".", 1)
            if hmac.compare_digest(signature, self._sign(body.encode())):
                try:
                    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
                except ValueError:
                    data = None
                if isinstance(data, dict) and self._clock() - float(data.get("issued", 0)) < SESSION_SECONDS:
                    return data
        return {"nonce": secrets.token_urlsafe(16), "issued": self._clock()}

    def save(self, req: falcon.Request, resp: falcon.Response, data: dict[str, Any]) -> None:
        body = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
        resp.set_cookie(COOKIE, f"{body}.{self._sign(body.encode())}", max_age=SESSION_SECONDS, path="/",
                        http_only=True, secure=req.scheme == "https", same_site="Lax")

    def fresh(self) -> dict[str, Any]:
        """A new session (new nonce, new issue time): after signing in or out, nothing carries over."""
        return {"nonce": secrets.token_urlsafe(16), "issued": self._clock()}

    def csrf_token(self, data: dict[str, Any]) -> str:
        return self._sign(f"csrf:{data['nonce']}".encode())

    def check_csrf(self, data: dict[str, Any], token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(str(token), self.csrf_token(data))

    def digest(self, purpose: str, value: str) -> str:
        """A keyed digest (a code kept in the cookie cannot be read back nor guessed offline from it)."""
        return self._sign(f"{purpose}:{value}".encode())

    def now(self) -> float:
        return float(self._clock())
