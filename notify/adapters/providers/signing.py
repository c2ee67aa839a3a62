"""HMAC signatures with a timestamp, for the HTTP SMS gateway in both directions (our requests to it, its
receipts to us): `X-Notify-Timestamp: <unix seconds>` and `X-Notify-Signature: sha256=<hex>` over
`<timestamp>.<body>`, so a signature cannot be moved to another body or replayed after MAX_SKEW."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

TIMESTAMP_HEADER = "X-Notify-Timestamp"
SIGNATURE_HEADER = "X-Notify-Signature"
MAX_SKEW = 300  # seconds either way


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(secret: str, body: bytes, now: datetime) -> dict[str, str]:
    timestamp = str(int(now.timestamp()))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, body)}


def check(secret: str, timestamp: str | None, given: str | None, body: bytes, now: datetime) -> str | None:
    """Why the signature does not hold (None when it does)."""
    if not timestamp or not given:
        return f"{SIGNATURE_HEADER} and {TIMESTAMP_HEADER} are required"
    if not hmac.compare_digest(signature(secret, timestamp, body), given):
        return "the signature does not match"
    try:
        skew = abs(now.timestamp() - int(timestamp))
    except ValueError:
        return f"{TIMESTAMP_HEADER} is not a number"
    if skew > MAX_SKEW:
        return f"the signature is {int(skew)} s away from now (at most {MAX_SKEW})"
    return None
