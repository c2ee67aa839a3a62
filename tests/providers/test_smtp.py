"""Email by SMTP, against a real SMTP server (aiosmtpd) with STARTTLS and AUTH: what arrives (headers, both
MIME parts, one-click unsubscribe), pooled connections, and every failure path mapped to Notify's statuses or
to failover."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import quote
from uuid import UUID

import pytest

from notify.adapters.providers.smtp import BadSmtpUrl, SmtpEmailProvider, SmtpSettings
from notify.domain.constants import NotificationStatus, TemplateType
from notify.usecases import senders

from ..fakes import FrozenClock
from .conftest import Rig, rig
from .servers import SMTP_PASSWORD, SMTP_USER, SilentServer, SmtpServer, Certificate, free_port

MARKDOWN = """# Your application

Dear ((name)),

* first thing
* second thing, see [the guidance](https://www.gov.uk/guidance)

^ You must reply within 5 days.

---

Visit https://www.gov.uk/contact"""


def smtp_url(port: int, *, user: str = SMTP_USER, password: str = SMTP_PASSWORD, query: str = "") -> str:
    return f"smtp://{quote(user)}:{quote(password, safe='')}@localhost:{port}?starttls=required{query}"


def provider(server: SmtpServer, certificate: Certificate, *, timeout: float = 5.0, **kwargs: object
             ) -> SmtpEmailProvider:
    return SmtpEmailProvider("smtp", smtp_url(server.port, **kwargs),  # type: ignore[arg-type]
                             ssl_context=certificate.client_context(), connect_timeout=timeout, send_timeout=timeout)


@pytest.fixture
def smtp(smtp_server: SmtpServer, certificate: Certificate) -> Iterator[SmtpEmailProvider]:
    adapter = provider(smtp_server, certificate)
    yield adapter
    adapter.close()


@pytest.fixture
def mail_rig(notify: object, clock: FrozenClock, smtp: SmtpEmailProvider) -> Rig:
    r = rig(notify, clock, email=[smtp])  # type: ignore[arg-type]
    r.world.email = r.world.add_template(template_type=TemplateType.EMAIL, subject="About ((name))",
                                         content=MARKDOWN)
    return r


def test_an_email_arrives_over_starttls_with_auth_as_plain_text_and_html(mail_rig: Rig,
                                                                       smtp_server: SmtpServer) -> None:
    nid = mail_rig.send_email("person@example.com")

    (received,) = smtp_server.recorder.to("person@example.com")
    message = received.message
    assert message["Subject"] == "About Ada"
    assert message["To"] == "person@example.com"
    assert message["From"].addresses[0].display_name == mail_rig.world.service.name
    assert message["X-Notify-Reference"] == nid
    assert message.get_content_type() == "multipart/alternative"
    html = received.part("html")
    assert '<h2 style="' in html and "Your application</h2>" in html
    assert "<li " in html and 'href="https://www.gov.uk/guidance"' in html
    assert "<blockquote " in html and "You must reply within 5 days." in html
    assert '<a style="word-wrap: break-word; color: #1D70B8;" href="https://www.gov.uk/contact">' in html
    plain = received.part("plain")
    assert "Your application\n" + "-" * 65 in plain
    assert "• second thing, see the guidance: https://www.gov.uk/guidance" in plain
    assert "<" not in plain
    assert smtp_server.recorder.logins == 1
    stored = mail_rig.get(nid)
    assert (stored.status, stored.sent_by) == (NotificationStatus.SENDING, "smtp")
    assert stored.reference and nid in stored.reference


def test_one_click_unsubscribe_headers_only_when_the_send_has_an_unsubscribe_url(
        mail_rig: Rig, smtp_server: SmtpServer) -> None:
    mail_rig.send_email("with@example.com", one_click_unsubscribe_url="https://example.com/unsubscribe?u=1")
    mail_rig.send_email("without@example.com")

    (with_url,) = smtp_server.recorder.to("with@example.com")
    assert with_url.message["List-Unsubscribe"] == "<https://example.com/unsubscribe?u=1>"
    assert with_url.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Unsubscribe from these emails" not in with_url.part("plain")  # the sender's link: headers only
    (without,) = smtp_server.recorder.to("without@example.com")
    assert without.message["List-Unsubscribe"] is None and without.message["List-Unsubscribe-Post"] is None


def test_reply_to_is_the_services_reply_to_address(mail_rig: Rig, smtp_server: SmtpServer) -> None:
    senders.add_reply_to(mail_rig.notify, mail_rig.world.service.id, email_address="replies@example.gov.uk",
                         is_default=True)
    mail_rig.notify.cache.clear()
    mail_rig.send_email("reply@example.com")
    (received,) = smtp_server.recorder.to("reply@example.com")
    assert received.message["Reply-To"] == "replies@example.gov.uk"


def test_connections_are_pooled_and_reused_across_messages(mail_rig: Rig, smtp_server: SmtpServer,
                                                          smtp: SmtpEmailProvider) -> None:
    for n in range(12):
        mail_rig.send_email(f"person{n}@example.com")
    assert len(smtp_server.recorder.received) == 12
    assert smtp.connections_opened == 1
    assert smtp_server.recorder.logins == 1


@pytest.mark.parametrize(("recipient", "status"), [
    ("refuse5@example.com", NotificationStatus.PERMANENT_FAILURE),
    ("refuse4@example.com", NotificationStatus.TEMPORARY_FAILURE),
    ("spam@example.com", NotificationStatus.PERMANENT_FAILURE),
])
def test_smtp_refusals_become_notify_statuses_without_failover(mail_rig: Rig, smtp_server: SmtpServer,
                                                               recipient: str, status: NotificationStatus) -> None:
    nid = mail_rig.send_email(recipient)
    stored = mail_rig.get(nid)
    assert (stored.status, stored.sent_by) == (status, "smtp")
    assert mail_rig.fakes[1].sent == []  # no other provider was tried
    # The pooled connection is still good for the next message.
    mail_rig.send_email("next@example.com")
    assert len(smtp_server.recorder.to("next@example.com")) == 1


def test_a_temporary_refusal_after_data_fails_over_to_the_next_provider(mail_rig: Rig) -> None:
    nid = mail_rig.send_email("later@example.com")
    stored = mail_rig.get(nid)
    assert (stored.status, stored.sent_by) == (NotificationStatus.SENDING, "fake-email")
    assert [m.to for m in mail_rig.fakes[1].sent] == ["later@example.com"]


def test_a_server_going_away_421_fails_over(mail_rig: Rig, smtp_server: SmtpServer) -> None:
    smtp_server.recorder.down = True
    nid = mail_rig.send_email("person@example.com")
    assert mail_rig.get(nid).sent_by == "fake-email"


def test_a_connection_dropped_after_the_whole_message_is_never_sent_elsewhere(
        mail_rig: Rig, smtp_server: SmtpServer) -> None:
    """The server may have taken it: another provider could deliver it twice, so it stays with SMTP."""
    nid = mail_rig.send_email("drop@example.com")
    stored = mail_rig.get(nid)
    assert (stored.status, stored.sent_by) == (NotificationStatus.SENDING, "smtp")
    assert mail_rig.fakes[1].sent == []
    assert len(smtp_server.recorder.to("drop@example.com")) == 1
    mail_rig.send_email("after@example.com")  # the broken connection left the pool
    assert len(smtp_server.recorder.to("after@example.com")) == 1


def test_no_answer_after_the_message_within_the_send_timeout_is_not_sent_elsewhere(
        notify: object, clock: FrozenClock, smtp_server: SmtpServer, certificate: Certificate) -> None:
    adapter = provider(smtp_server, certificate, timeout=0.5)
    r = rig(notify, clock, email=[adapter])  # type: ignore[arg-type]
    started = time.monotonic()
    nid = r.send_email("slow@example.com")
    assert time.monotonic() - started < 2
    assert r.get(nid).sent_by == "smtp" and r.fakes[1].sent == []
    adapter.close()


def test_a_server_that_never_answers_times_out_and_fails_over(notify: object, clock: FrozenClock,
                                                              certificate: Certificate) -> None:
    silent = SilentServer()
    adapter = SmtpEmailProvider("smtp", f"smtp://localhost:{silent.port}", connect_timeout=0.3, send_timeout=0.3,
                                ssl_context=certificate.client_context())
    r = rig(notify, clock, email=[adapter])  # type: ignore[arg-type]
    started = time.monotonic()
    nid = r.send_email("person@example.com")
    assert time.monotonic() - started < 2
    assert r.get(nid).sent_by == "fake-email"
    silent.stop()


def test_a_refused_connection_fails_over(notify: object, clock: FrozenClock) -> None:
    adapter = SmtpEmailProvider("smtp", f"smtp://localhost:{free_port()}", connect_timeout=1, send_timeout=1)
    r = rig(notify, clock, email=[adapter])  # type: ignore[arg-type]
    assert r.get(r.send_email("person@example.com")).sent_by == "fake-email"


def test_wrong_credentials_fail_over(notify: object, clock: FrozenClock, smtp_server: SmtpServer,
                                     certificate: Certificate) -> None:
    adapter = provider(smtp_server, certificate, password="wrong")
    r = rig(notify, clock, email=[adapter])  # type: ignore[arg-type]
    assert r.get(r.send_email("person@example.com")).sent_by == "fake-email"
    assert smtp_server.recorder.received == []


def test_a_server_restart_between_messages_is_survived_by_reconnecting(
        notify: object, clock: FrozenClock, certificate: Certificate) -> None:
    server = SmtpServer(certificate).start()
    adapter = provider(server, certificate)
    r = rig(notify, clock, email=[adapter])  # type: ignore[arg-type]
    try:
        r.send_email("before@example.com")
        server.stop()  # the pooled connection is now closed at the other end
        server = SmtpServer(certificate, port=server.port).start()
        nid = r.send_email("after-restart@example.com")
        assert r.get(nid).sent_by == "smtp"
        assert len(server.recorder.to("after-restart@example.com")) == 1
        assert adapter.connections_opened == 2
    finally:
        adapter.close()
        server.stop()


def test_the_url_gives_host_port_credentials_tls_and_sender() -> None:
    s = SmtpSettings.from_url("smtps://user%40corp:p%40ss@mail.example.org?from=notify@example.org")
    assert (s.host, s.port, s.implicit_tls, s.user, s.password, s.from_address) == \
        ("mail.example.org", 465, True, "user@corp", "p@ss", "notify@example.org")
    assert "p@ss" not in repr(s)
    plain = SmtpSettings.from_url("smtp://relay:2525?starttls=never")
    assert (plain.port, plain.starttls, plain.user) == (2525, "never", None)
    for bad in ("http://x", "smtp://", "smtp://x?starttls=maybe", "smtp://x:port"):
        with pytest.raises(BadSmtpUrl):
            SmtpSettings.from_url(bad)


def test_the_configured_sender_replaces_the_address_and_keeps_the_services_name(
        notify: object, clock: FrozenClock, smtp_server: SmtpServer, certificate: Certificate) -> None:
    adapter = provider(smtp_server, certificate, query="&from=notify@example.org")
    r = rig(notify, clock, email=[adapter])  # type: ignore[arg-type]
    r.send_email("person@example.com")
    (received,) = smtp_server.recorder.to("person@example.com")
    assert received.mail_from == "notify@example.org"
    assert received.message["From"].addresses[0].addr_spec == "notify@example.org"
    assert received.message["From"].addresses[0].display_name == r.world.service.name
    adapter.close()


def test_a_batch_is_handed_over_on_several_connections_at_once_each_message_once(
        notify: object, clock: FrozenClock, smtp_server: SmtpServer, certificate: Certificate) -> None:
    import attrs

    from notify.usecases import delivery
    from notify.usecases.send_pool import SendPool

    adapter = provider(smtp_server, certificate)
    r = rig(notify, clock, email=[adapter])  # type: ignore[arg-type]
    r.queue.hold = True  # accepted, not delivered: one batch below
    ids = [r.send_email(f"person{n}@example.com") for n in range(40)]
    pool = SendPool(6)
    try:
        batch = [UUID(i) for i in [*ids, *ids[:5]]]  # duplicates allowed in a batch
        moved = delivery.deliver_many(attrs.evolve(r.notify, send_pool=pool), batch)
    finally:
        pool.stop()
        adapter.close()
    assert sorted(map(str, moved)) == sorted(ids)
    received = [str(m.message["X-Notify-Reference"]) for m in smtp_server.recorder.received]
    assert sorted(received) == sorted(ids)  # every one, once
    assert 1 < adapter.connections_opened <= 6  # in parallel, on the pool's connections
    assert {r.get(nid).sent_by for nid in ids} == {"smtp"}


def test_a_template_asking_for_an_unsubscribe_link_gets_ours_and_a_mail_client_can_post_it(
        mail_rig: Rig, smtp_server: SmtpServer) -> None:
    from urllib.parse import urlsplit

    import falcon.testing

    from notify.domain.constants import TemplateType
    from notify.entrypoints.http import create_app
    from notify.usecases.app import DEFAULT_PUBLIC_URL

    world = mail_rig.world
    newsletter = world.add_template(template_type=TemplateType.EMAIL, subject="News", content="Hello ((name))",
                                    has_unsubscribe_link=True, created_by=world.user.id)
    sent = world.client().post("/v2/notifications/email", json={
        "email_address": "reader@example.com", "template_id": str(newsletter.id), "personalisation": {"name": "A"}})
    assert sent.status_code == 201 and sent.json["content"]["one_click_unsubscribe_url"] is None  # as Notify's

    (message,) = smtp_server.recorder.to("reader@example.com")
    header = message.message["List-Unsubscribe"]
    assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = urlsplit(header.strip().strip("<>"))  # long: folded onto its own line
    assert f"{url.scheme}://{url.netloc}" == DEFAULT_PUBLIC_URL
    assert url.path.startswith(f"/unsubscribe/{sent.json['id']}/")
    one_click = header.strip().strip("<>").replace("\n", "").replace(" ", "")
    # The body ends with a link too, after a rule, in both parts: the same signed link, to the page where a
    # person confirms (a mail client's one-click POST goes to the header's).
    link = one_click.replace(f"{DEFAULT_PUBLIC_URL}/unsubscribe/", f"{DEFAULT_PUBLIC_URL}/admin-ui/unsubscribe/")
    html, plain = message.part("html"), message.part("plain")
    assert '<a style="' in html and f'href="{link}"' in html and "Unsubscribe from these emails</a>" in html
    assert "<hr" in html
    assert plain.rstrip().endswith(f"Unsubscribe from these emails: {link}")
    assert plain.startswith("Hello A\n")

    posted = falcon.testing.TestClient(create_app(mail_rig.notify)).simulate_post(
        url.path, body="List-Unsubscribe=One-Click", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert posted.status_code == 200 and posted.json == {"result": "success", "message": "Unsubscribe successful"}
    with mail_rig.notify.uow() as uow:
        [request] = uow.unsubscribe_requests.unbatched(world.service.id)
    assert (request.email_address, str(request.notification_id)) == ("reader@example.com", sent.json["id"])
