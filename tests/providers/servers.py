"""Local servers that speak the real protocols, for the provider adapters' tests: an SMTP server (aiosmtpd,
STARTTLS and AUTH) that records what it received, and small HTTP servers answering as providers' APIs do.
Certificates are made here with cryptography."""

from __future__ import annotations

import asyncio
import datetime
import email
import email.policy
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Callable
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from attrs import define, field
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

SMTP_USER = "notify"
SMTP_PASSWORD = "s3cret pass/word"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@define
class Certificate:
    cert_file: Path
    key_file: Path
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.cert_file))
        return context


def make_certificate(folder: Path, common_name: str = "localhost") -> Certificate:
    """A self-signed certificate for localhost and 127.0.0.1 (and, as a signing certificate, for SNS)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / f"{common_name}.pem", folder / f"{common_name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return Certificate(cert_file, key_file, key, cert)


# -- SMTP ----------------------------------------------------------------------------------------------------

@define
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes

    def part(self, subtype: str) -> str:
        for part in self.message.walk():
            if part.get_content_type() == f"text/{subtype}":
                return str(part.get_content()).replace("\r\n", "\n")
        raise AssertionError(f"no text/{subtype} part")


@define
class Recorder:
    """aiosmtpd handler: records each message; recipients' local parts script the answers:
    refuse5-* 550 at RCPT, refuse4-* 452 at RCPT, spam-* 554 after DATA, later-* 451 after DATA,
    drop-* the connection closed after the whole message arrived (no answer), slow-* the answer 2 s late."""

    received: list[Received] = field(factory=list)
    lock: threading.Lock = field(factory=threading.Lock)
    logins: int = 0
    sessions: int = 0
    down: bool = False  # answer 421 to every MAIL (the server is going away)

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          mail_options: list[str]) -> str:
        if self.down:
            return "421 4.3.2 Service shutting down"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address.startswith("refuse5"):
            return "550 5.1.1 No such user here"
        if address.startswith("refuse4"):
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        to = envelope.rcpt_tos[0]
        if to.startswith("spam"):
            return "554 5.7.1 Message rejected as spam"
        if to.startswith("later"):
            return "451 4.3.0 Try again later"
        raw = bytes(envelope.original_content or envelope.content)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message,  # type: ignore[arg-type]
                                          raw))
        if to.startswith("drop"):
            server.transport.close()
            return "250 never heard"
        if to.startswith("slow"):
            await asyncio.sleep(2)
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if address in r.rcpt_tos]


class SmtpServer:
    """A real SMTP server on 127.0.0.1: STARTTLS required and AUTH (LOGIN, PLAIN) required when `tls` is
    given, plain otherwise."""

    def __init__(self, certificate: Certificate | None = None, *, implicit_tls: bool = False,
                 auth: bool = True, port: int | None = None) -> None:
        self.recorder = Recorder()
        self.port = port or free_port()
        kwargs: dict[str, Any] = {}
        if certificate is not None and implicit_tls:
            kwargs["ssl_context"] = certificate.server_context()
        elif certificate is not None:
            kwargs.update(tls_context=certificate.server_context(), require_starttls=True)
        if auth:
            kwargs.update(authenticator=self._authenticate, auth_required=True,
                          auth_require_tls=certificate is not None)
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port,
                                     server_hostname="localhost", ready_timeout=10, **kwargs)
        if implicit_tls:
            self.controller._trigger_server = lambda: None  # type: ignore[method-assign]

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.login == SMTP_USER.encode() and \
            data.password == SMTP_PASSWORD.encode()
        if ok:
            self.recorder.logins += 1
        return AuthResult(success=ok)

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


# -- HTTP ----------------------------------------------------------------------------------------------------

@define
class HttpCall:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Answer = tuple[int, dict[str, str], bytes]


class HttpServer:
    """A threaded HTTP server on 127.0.0.1 that records every request and answers with `respond(call)`."""

    def __init__(self, respond: Callable[[HttpCall], Answer]) -> None:
        self.calls: list[HttpCall] = []
        self.respond = respond
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                call = HttpCall(self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                                self.rfile.read(length))
                outer.calls.append(call)
                status, headers, body = outer.respond(call)
                try:
                    self.send_response(status)
                    for name, value in {"Content-Length": str(len(body)), **headers}.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up waiting (a timeout test)
                    self.close_connection = True

            do_GET = do_POST = _any  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> HttpServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def json_answer(status: int, data: Any) -> Answer:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


class SilentServer:
    """Accepts connections and never says a word (a hung provider)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = int(self.socket.getsockname()[1])

    def stop(self) -> None:
        self.socket.close()


class AppServer:
    """Our own app served over real HTTP (waitress), for providers to post their callbacks to."""

    def __init__(self, app: Any) -> None:
        import waitress

        self.server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"  # type: ignore[union-attr]
        self._thread = threading.Thread(target=self.server.run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.server.close()


def post_form(url: str, form: dict[str, str], headers: dict[str, str]) -> tuple[int, bytes]:
    import urllib.error
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post_bytes(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
