"""Signed, expiring tokens for links sent by email (password reset, email confirmation, invitations): the
payload is readable but cannot be forged or changed without the key, and is refused once too old."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from . import errors


def sign(payload: Mapping[str, Any], *, key: str, purpose: str, now: datetime) -> str:
    """`purpose` separates token kinds: an invitation token is never accepted as a password reset one."""
    body = _b64(json.dumps({"p": dict(payload), "t": int(now.timestamp())}, separators=(",", ":")).encode())
    return f"{body}.{_mac(body, key, purpose)}"


def unsign(token: str, *, key: str, purpose: str, now: datetime, max_age: timedelta) -> dict[str, Any]:
    """The payload of a genuine token no older than `max_age`; InvalidToken otherwise."""
    body, _, mac = token.rpartition(".")
    if not body or not hmac.compare_digest(mac, _mac(body, key, purpose)):
        raise errors.InvalidToken("Invalid token")
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        payload, issued = dict(data["p"]), int(data["t"])
    except (ValueError, KeyError, TypeError):
        raise errors.InvalidToken("Invalid token") from None
    if now.timestamp() - issued > max_age.total_seconds():
        raise errors.InvalidToken("Token has expired", expired=True)
    return payload


def _mac(body: str, key: str, purpose: str) -> str:
    return _b64(hmac.new(f"{purpose}:{key}".encode(), body.encode(), hashlib.sha256).digest())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
