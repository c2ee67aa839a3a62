"""Amazon SNS HTTP(S) messages, verified as Amazon documents: the signing certificate is fetched (only from a
URL matching the configured pattern, by default Amazon's own SNS hosts over HTTPS) and cached, and the
message's signature (SignatureVersion 1: SHA1, 2: SHA256, RSA PKCS#1 v1.5) is checked over the canonical
string of its fields. Stale messages (older than MAX_AGE) and topics not configured are refused too."""

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from notify.ports.provider_webhooks import CallbackRefused

MAX_AGE = timedelta(hours=1)
CACHED_CERTIFICATES = 16
SIGNED_FIELDS = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
    "UnsubscribeConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
}
OPTIONAL = {"Subject"}
ALGORITHMS: dict[str, Callable[[], hashes.HashAlgorithm]] = {"1": hashes.SHA1, "2": hashes.SHA256}


def string_to_sign(message: dict[str, Any]) -> bytes:
    names = SIGNED_FIELDS[message["Type"]]
    return "".join(f"{name}\n{message[name]}\n" for name in names if name in message).encode()


class SnsVerifier:
    def __init__(self, *, fetch: Callable[[str], bytes], cert_url_pattern: str,
                 topic_arns: Sequence[str] = ()) -> None:
        self._fetch = fetch
        self._cert_url = re.compile(cert_url_pattern)
        self._topics = frozenset(topic_arns)
        self._certificates: dict[str, x509.Certificate] = {}
        self._lock = threading.Lock()

    def verify(self, body: bytes, now: datetime) -> dict[str, Any]:
        """The SNS message, once it has proved to be one; CallbackRefused otherwise."""
        try:
            message = json.loads(body)
        except ValueError:
            raise CallbackRefused("not an SNS message (not JSON)", status=400) from None
        if not isinstance(message, dict) or message.get("Type") not in SIGNED_FIELDS:
            raise CallbackRefused("not an SNS message (no known Type)", status=400)
        if not all(isinstance(message.get(n), str) for n in ("Signature", "SignatureVersion", "SigningCertURL")):
            raise CallbackRefused("the SNS message is not signed", status=401)
        missing = [n for n in SIGNED_FIELDS[message["Type"]] if n not in OPTIONAL and not isinstance(message.get(n), str)]
        if missing:
            raise CallbackRefused(f"SNS message without {', '.join(missing)}", status=400)
        algorithm = ALGORITHMS.get(message["SignatureVersion"])
        if algorithm is None:
            raise CallbackRefused(f"SignatureVersion {message['SignatureVersion']} is not supported")
        if self._topics and message["TopicArn"] not in self._topics:
            raise CallbackRefused(f"topic {message['TopicArn']} is not one of ours")
        certificate = self._certificate(message["SigningCertURL"], now)
        try:
            signature = base64.b64decode(message["Signature"], validate=True)
            key = certificate.public_key()
            if not isinstance(key, rsa.RSAPublicKey):
                raise CallbackRefused("the signing certificate does not hold an RSA key")
            key.verify(signature, string_to_sign(message), padding.PKCS1v15(), algorithm())
        except (InvalidSignature, binascii.Error, ValueError):
            raise CallbackRefused("the SNS signature does not verify") from None
        try:
            sent = datetime.fromisoformat(message["Timestamp"].replace("Z", "+00:00"))
        except ValueError:
            raise CallbackRefused("the SNS Timestamp is not a timestamp", status=400) from None
        if sent.tzinfo is None or abs(now - sent) > MAX_AGE:
            raise CallbackRefused(f"the SNS message is stale (sent {message['Timestamp']})")
        return message

    def _certificate(self, url: str, now: datetime) -> x509.Certificate:
        if not self._cert_url.match(url):
            raise CallbackRefused("SigningCertURL is not an allowed certificate location")
        with self._lock:
            cached = self._certificates.get(url)
        if cached is None:
            try:
                cached = x509.load_pem_x509_certificate(self._fetch(url))
            except ValueError:
                raise CallbackRefused("SigningCertURL does not hold a certificate") from None
            with self._lock:
                if len(self._certificates) >= CACHED_CERTIFICATES:
                    self._certificates.clear()
                self._certificates[url] = cached
        if not cached.not_valid_before_utc <= now <= cached.not_valid_after_utc:
            raise CallbackRefused("the signing certificate has expired or is not valid yet")
        return cached

    def same_host(self, cert_url: str, url: str) -> bool:
        """A SubscribeURL is followed only to the host that signed the message."""
        a, b = urlsplit(cert_url), urlsplit(url)
        return (a.scheme, a.netloc) == (b.scheme, b.netloc)
