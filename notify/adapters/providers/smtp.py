"""Email through any SMTP server or relay, configured by one URL:

    smtp://user:password@host:587?starttls=required&from=notify@example.org
    smtps://user:password@host:465?from=notify@example.org        (TLS from the first byte)

`starttls`: `auto` (default: upgrade when the server offers it), `required` (refuse a server that does not),
`never`. `from`: the envelope sender and From address (the service's name stays the display name), since a
relay takes mail only from its own domains. User and password are percent-decoded.

Connections are pooled (at most `pool_size`, kept open between messages, replaced when the server closed
one) and every socket operation has a timeout. Replies map to Notify's statuses: a recipient refused with
5xx is a `permanent-failure`, with 4xx a `temporary-failure` (DeliveryRefused, no failover); a message refused
with 5xx after DATA is a `permanent-failure`; anything else that fails before the message is complete
(connection refused, 421, bad credentials, a timeout, a 4xx to DATA) is a ProviderError: the next provider
may take it, or it is retried later. A connection that breaks after the whole message was written
is DeliveryUncertain: the server may have taken it, so no other provider is tried."""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formataddr, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit
from uuid import UUID

import attrs
from attrs import frozen

from notify.domain.constants import NotificationStatus
from notify.ports.providers import DeliveryRefused, DeliveryUncertain, ProviderError, ProviderReceipt

from .email_content import build_message

log = logging.getLogger("notify.providers.smtp")

_LEADING_DOT = re.compile(rb"(?m)^\.")
_STARTTLS = ("auto", "required", "never")


class BadSmtpUrl(ValueError):
    """The SMTP URL cannot be used; the message says why (never the password)."""


@frozen(kw_only=True)
class SmtpSettings:
    host: str
    port: int
    implicit_tls: bool = False
    starttls: str = "auto"
    user: str | None = None
    password: str | None = None
    from_address: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SmtpSettings:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise BadSmtpUrl("an SMTP URL starts smtp:// or smtps://")
        if not parts.hostname:
            raise BadSmtpUrl("the SMTP URL names no host")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        starttls = query.get("starttls", "auto").lower()
        if starttls not in _STARTTLS:
            raise BadSmtpUrl(f"starttls must be one of {', '.join(_STARTTLS)}")
        try:
            port = parts.port
        except ValueError:
            raise BadSmtpUrl("the SMTP URL's port is not a number") from None
        implicit = parts.scheme == "smtps"
        return cls(host=parts.hostname, port=port or (465 if implicit else 25), implicit_tls=implicit,
                   starttls="never" if implicit else starttls,
                   user=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password else None,
                   from_address=query.get("from") or None)

    def __repr__(self) -> str:  # never the password, whoever logs this
        return f"SmtpSettings(host={self.host!r}, port={self.port}, user={self.user!r})"


class SmtpEmailProvider:
    """The EmailProvider port over SMTP (see the module docstring)."""

    idempotent = False  # an SMTP server delivers a message handed over twice twice

    def __init__(self, name: str, url: str, *, user: str | None = None, password: str | None = None,
                 pool_size: int = 8, connect_timeout: float = 10.0, send_timeout: float = 30.0,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        """`user` and `password`, when given, replace the URL's (stored credentials may hold them apart)."""
        self.name = name
        settings = SmtpSettings.from_url(url)
        self.settings = attrs.evolve(settings, user=user or settings.user, password=password or settings.password)
        self.connect_timeout = connect_timeout
        self.send_timeout = send_timeout
        self._ssl = ssl_context or ssl.create_default_context()
        self._idle: list[smtplib.SMTP] = []
        self._slots = threading.BoundedSemaphore(pool_size)
        self._lock = threading.Lock()
        self.connections_opened = 0

    # -- the port ------------------------------------------------------------------------------------------
    def send_email(self, *, to: str, subject: str, body: str, html: str | None, reference: UUID,
                   from_address: str, reply_to: str | None = None,
                   unsubscribe_url: str | None = None) -> ProviderReceipt:
        sender = self._sender(from_address)
        envelope_from = parseaddr(sender)[1]
        message = build_message(to=to, subject=subject, body=body, html=html, reference=reference,
                                from_address=sender, reply_to=reply_to, unsubscribe_url=unsubscribe_url,
                                domain=envelope_from.rpartition("@")[2] or None)
        payload = message.data
        if not self._slots.acquire(timeout=self.connect_timeout + self.send_timeout):
            raise ProviderError(f"{self.name}: no SMTP connection free")
        try:
            with self._connection() as (conn, reused):
                try:
                    self._mail(conn, envelope_from, to)
                except (smtplib.SMTPServerDisconnected, OSError) as exc:
                    if not reused:
                        raise ProviderError(f"{self.name}: {type(exc).__name__}: {exc}") from None
                    raise _Stale() from None
                self._data(conn, payload, to)
        except _Stale:
            with self._connection(fresh=True) as (conn, _):
                self._mail(conn, envelope_from, to)
                self._data(conn, payload, to)
        finally:
            self._slots.release()
        return ProviderReceipt(provider=self.name, reference=message.message_id)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            _quietly_quit(conn)

    # -- one message ---------------------------------------------------------------------------------------
    def _sender(self, from_address: str) -> str:
        if self.settings.from_address is None:
            return from_address
        name = parseaddr(from_address)[0]
        return formataddr((name, self.settings.from_address)) if name else self.settings.from_address

    def _mail(self, conn: smtplib.SMTP, envelope_from: str, to: str) -> None:
        code, reply = conn.mail(envelope_from)
        if code != 250:
            _reset(conn)
            raise ProviderError(f"{self.name}: sender refused: {code} {_text(reply)}")
        code, reply = conn.rcpt(to)
        if code in (250, 251):
            return
        _reset(conn)
        if code == 421 or not 400 <= code < 600:
            raise ProviderError(f"{self.name}: {code} {_text(reply)}")
        status = NotificationStatus.PERMANENT_FAILURE if code >= 500 else NotificationStatus.TEMPORARY_FAILURE
        raise DeliveryRefused(self.name, status, f"{code} {_text(reply)}")

    def _data(self, conn: smtplib.SMTP, payload: bytes, to: str) -> None:
        code, reply = conn.docmd("DATA")
        if code != 354:
            _reset(conn)
            raise ProviderError(f"{self.name}: DATA refused: {code} {_text(reply)}")
        body = _LEADING_DOT.sub(b"..", payload)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        conn.send(body + b".\r\n")  # raises before the end: an incomplete message is never delivered
        try:
            code, reply = conn.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise DeliveryUncertain(f"{self.name}: no answer after the message was sent: {exc}") from None
        if code == 250:
            return
        if code >= 500:
            raise DeliveryRefused(self.name, NotificationStatus.PERMANENT_FAILURE, f"{code} {_text(reply)}")
        raise ProviderError(f"{self.name}: message refused for now: {code} {_text(reply)}")

    # -- the pool ------------------------------------------------------------------------------------------
    @contextmanager
    def _connection(self, *, fresh: bool = False) -> Iterator[tuple[smtplib.SMTP, bool]]:
        conn = None if fresh else self._take_idle()
        reused = conn is not None
        if conn is None:
            conn = self._open()
        try:
            yield conn, reused
        except (DeliveryRefused, ProviderError):
            if _usable(conn):
                self._give_back(conn)  # a refused recipient leaves the session usable (after RSET)
            else:
                _quietly_close(conn)
            raise
        except _Stale:
            _quietly_close(conn)
            raise
        except (smtplib.SMTPException, OSError) as exc:
            _quietly_close(conn)
            raise ProviderError(f"{self.name}: {type(exc).__name__}: {exc}") from None
        except BaseException:
            _quietly_close(conn)
            raise
        else:
            self._give_back(conn)

    def _take_idle(self) -> smtplib.SMTP | None:
        with self._lock:
            return self._idle.pop() if self._idle else None

    def _give_back(self, conn: smtplib.SMTP) -> None:
        with self._lock:
            self._idle.append(conn)

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        try:
            conn: smtplib.SMTP
            if s.implicit_tls:
                conn = smtplib.SMTP_SSL(s.host, s.port, timeout=self.connect_timeout, context=self._ssl)
            else:
                conn = smtplib.SMTP(s.host, s.port, timeout=self.connect_timeout)
            if conn.sock is not None:
                conn.sock.settimeout(self.send_timeout)
            conn.ehlo()
            if s.starttls != "never" and conn.has_extn("starttls"):
                conn.starttls(context=self._ssl)
                conn.ehlo()
            elif s.starttls == "required":
                _quietly_quit(conn)
                raise ProviderError(f"{self.name}: {s.host} does not offer STARTTLS, which is required")
            if s.user is not None:
                conn.login(s.user, s.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise ProviderError(f"{self.name}: {s.host} refused the credentials of {s.user}: {exc.smtp_code}")\
                from None
        except (smtplib.SMTPException, OSError) as exc:
            raise ProviderError(f"{self.name}: cannot connect to {s.host}:{s.port}: {type(exc).__name__}: {exc}")\
                from None
        with self._lock:
            self.connections_opened += 1
        return conn


class _Stale(Exception):  # noqa: N818
    """A pooled connection the server had closed: open a new one and start again (nothing was sent)."""


def _usable(conn: smtplib.SMTP) -> bool:
    return conn.sock is not None


def _reset(conn: smtplib.SMTP) -> None:
    try:
        conn.rset()
    except (smtplib.SMTPException, OSError):
        _quietly_close(conn)


def _text(reply: bytes) -> str:
    return reply.decode("utf-8", "replace")


def _quietly_quit(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (smtplib.SMTPException, OSError):
        _quietly_close(conn)


def _quietly_close(conn: smtplib.SMTP) -> None:
    try:
        conn.close()
    except OSError:
        pass
