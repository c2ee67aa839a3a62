"""Email by Amazon SES, against a local server answering as SES's API does (boto3 talks to it through the
configurable endpoint), and SES's notifications posted back as Amazon SNS messages signed with a test
certificate: delivered, bounced, complained about; forged, stale, replayed and malformed ones refused."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import Encoding

from notify.adapters.providers.ses import SesEmailProvider
from notify.domain.constants import NotificationStatus
from notify.usecases import complaints

from ..fakes import FrozenClock
from .conftest import Rig, rig
from .servers import AppServer, Certificate, HttpCall, HttpServer, make_certificate, post_bytes

TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-notifications"
SES_NS = "http://ses.amazonaws.com/doc/2010-12-01/"


class FakeAws:
    """One local server: SES's query API (SendRawEmail), the SNS signing certificate, and the SubscribeURL."""

    def __init__(self, certificate: Certificate) -> None:
        self.certificate = certificate
        self.sent: list[dict[str, str]] = []
        self.confirmed: list[str] = []
        self.server = HttpServer(self.respond).start()

    @property
    def cert_url(self) -> str:
        return f"{self.server.url}/SimpleNotificationService-test.pem"

    def respond(self, call: HttpCall) -> tuple[int, dict[str, str], bytes]:
        if call.method == "GET" and call.path.endswith(".pem"):
            return 200, {"Content-Type": "application/x-pem-file"}, self.certificate.cert.public_bytes(Encoding.PEM)
        if call.method == "GET" and call.path.startswith("/confirm"):
            self.confirmed.append(call.path)
            return 200, {"Content-Type": "text/xml"}, b"<ConfirmSubscriptionResponse/>"
        form = {k: v[-1] for k, v in parse_qs(call.body.decode()).items()}
        if form.get("Action") != "SendRawEmail":
            return self.error(400, "InvalidAction", "no such action")
        to = form["Destinations.member.1"]
        if to.startswith("invalid"):
            return self.error(400, "InvalidParameterValue", "Missing final '@domain'")
        if to.startswith("throttled"):
            return self.error(400, "Throttling", "Maximum sending rate exceeded.")
        if to.startswith("broken"):
            return self.error(500, "InternalFailure", "oops")
        form["MessageId"] = f"0100{uuid.uuid4().hex}-000000"
        form["raw"] = base64.b64decode(form["RawMessage.Data"]).decode()
        self.sent.append(form)
        body = (f'<SendRawEmailResponse xmlns="{SES_NS}"><SendRawEmailResult><MessageId>{form["MessageId"]}'
                f'</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId>'
                '</ResponseMetadata></SendRawEmailResponse>')
        return 200, {"Content-Type": "text/xml"}, body.encode()

    @staticmethod
    def error(status: int, code: str, message: str) -> tuple[int, dict[str, str], bytes]:
        body = (f'<ErrorResponse xmlns="{SES_NS}"><Error><Type>Sender</Type><Code>{code}</Code>'
                f'<Message>{message}</Message></Error><RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>')
        return status, {"Content-Type": "text/xml"}, body.encode()


def sns_message(certificate: Certificate, cert_url: str, kind: str, fields: dict[str, str], *,
                version: str = "2", when: datetime | None = None) -> dict[str, str]:
    """An SNS message signed as Amazon documents it (written out here, not the adapter's code)."""
    message = {"Type": kind, "MessageId": str(uuid.uuid4()), "TopicArn": TOPIC,
               "Timestamp": (when or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
               "SignatureVersion": version, "SigningCertURL": cert_url, **fields}
    order = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] if kind == "Notification" else \
        ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    text = "".join(f"{k}\n{message[k]}\n" for k in order if k in message)
    algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()
    signature = certificate.key.sign(text.encode(), padding.PKCS1v15(), algorithm)
    message["Signature"] = base64.b64encode(signature).decode()
    return message


def ses_event(kind: str, sent: dict[str, str], nid: str, **detail: Any) -> str:
    mail = {"timestamp": "2026-12-06T10:00:00.000Z", "messageId": sent["MessageId"],
            "destination": [sent["Destinations.member.1"]], "tags": {"notification_id": [nid]}}
    return json.dumps({"notificationType": kind, "mail": mail, **detail})


@pytest.fixture
def aws(certificate: Certificate) -> Iterator[FakeAws]:
    fake = FakeAws(certificate)
    yield fake
    fake.server.stop()


@pytest.fixture
def setup(notify: Any, clock: FrozenClock, aws: FakeAws) -> Iterator[tuple[Rig, AppServer]]:
    clock.set(datetime.now(timezone.utc))  # SNS messages and the test certificate are dated now
    adapter = SesEmailProvider("ses", region="eu-west-1", endpoint_url=aws.server.url, access_key_id="AKIDTEST",
                               secret_access_key="secret-for-tests", from_address="notify@example.org",
                               topic_arns=(TOPIC,), cert_url_pattern=r"^http://127\.0\.0\.1:\d+/[^?#]+\.pem$",
                               timeout=2)
    r = rig(notify, clock, email=[adapter], callbacks=[adapter])
    server = AppServer(r.world.app)
    yield r, server
    server.stop()


def post_sns(server: AppServer, message: dict[str, str]) -> int:
    return post_bytes(f"{server.url}/provider-callbacks/ses", json.dumps(message).encode(),
                      {"Content-Type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": message["Type"]})[0]


def test_an_email_goes_through_ses_tagged_with_its_notification(setup: tuple[Rig, AppServer], aws: FakeAws) -> None:
    r, _ = setup
    nid = r.send_email("person@example.com", one_click_unsubscribe_url="https://example.com/u/1")
    (sent,) = aws.sent
    assert sent["Source"] == "notify@example.org"
    assert sent["Destinations.member.1"] == "person@example.com"
    assert (sent["Tags.member.1.Name"], sent["Tags.member.1.Value"]) == ("notification_id", nid)
    raw = sent["raw"]
    assert "List-Unsubscribe: <https://example.com/u/1>" in raw and "multipart/alternative" in raw
    assert "text/html" in raw and "text/plain" in raw
    stored = r.get(nid)
    assert (stored.status, stored.sent_by, stored.reference) == (NotificationStatus.SENDING, "ses", sent["MessageId"])


@pytest.mark.parametrize(("event", "detail", "status"), [
    ("Delivery", {"delivery": {"recipients": ["person@example.com"]}}, NotificationStatus.DELIVERED),
    ("Bounce", {"bounce": {"bounceType": "Permanent", "bounceSubType": "General"}},
     NotificationStatus.PERMANENT_FAILURE),
    ("Bounce", {"bounce": {"bounceType": "Transient", "bounceSubType": "MailboxFull"}},
     NotificationStatus.TEMPORARY_FAILURE),
])
@pytest.mark.parametrize("version", ["1", "2"])
def test_signed_sns_notifications_settle_the_notification(setup: tuple[Rig, AppServer], aws: FakeAws,
                                                          certificate: Certificate, event: str,
                                                          detail: dict[str, Any], status: NotificationStatus,
                                                          version: str) -> None:
    r, server = setup
    nid = r.send_email("person@example.com")
    message = sns_message(certificate, aws.cert_url, "Notification",
                          {"Message": ses_event(event, aws.sent[0], nid, **detail)}, version=version)
    assert post_sns(server, message) == 200
    assert r.get(nid).status is status
    assert post_sns(server, message) == 409  # the same SNS message again


def test_a_complaint_is_stored_once_and_leaves_the_status_alone(setup: tuple[Rig, AppServer], aws: FakeAws,
                                                            certificate: Certificate, clock: FrozenClock) -> None:
    r, server = setup
    nid = r.send_email("person@example.com")
    complaint = {"complaint": {"feedbackId": "feedback-1", "complaintFeedbackType": "abuse",
                               "timestamp": "2026-12-06T10:05:00.000Z"}}
    message = sns_message(certificate, aws.cert_url, "Notification",
                          {"Message": ses_event("Complaint", aws.sent[0], nid, **complaint)})
    assert post_sns(server, message) == 200
    assert r.get(nid).status is NotificationStatus.SENDING
    (stored,) = complaints.list_complaints(r.notify, r.world.service.id)
    assert (stored.notification_id, stored.ses_feedback_id, stored.complaint_type) == \
        (UUID(nid), "feedback-1", "abuse")
    assert stored.complaint_date == datetime(2026, 12, 6, 10, 5, tzinfo=timezone.utc)
    # SNS delivers the same complaint again in a new message (a retry): still one complaint.
    again = sns_message(certificate, aws.cert_url, "Notification",
                        {"Message": ses_event("Complaint", aws.sent[0], nid, **complaint)})
    assert post_sns(server, again) == 200
    assert complaints.count_complaints(r.notify, r.world.service.id) == 1


def test_forged_stale_untrusted_and_malformed_sns_messages_are_refused(setup: tuple[Rig, AppServer], aws: FakeAws,
                                                                      certificate: Certificate,
                                                                      tmp_path: Any) -> None:
    r, server = setup
    nid = r.send_email("person@example.com")
    delivered = {"Message": ses_event("Delivery", aws.sent[0], nid)}

    forged = sns_message(make_certificate(tmp_path, "impostor"), aws.cert_url, "Notification", delivered)
    assert post_sns(server, forged) == 403  # signed with another key than the certificate's
    tampered = sns_message(certificate, aws.cert_url, "Notification", delivered)
    tampered["Message"] = tampered["Message"].replace("Delivery", "Bounce")
    assert post_sns(server, tampered) == 403
    elsewhere = sns_message(certificate, "https://attacker.example/cert.pem", "Notification", delivered)
    assert post_sns(server, elsewhere) == 403  # a certificate from a host not allowed
    stale = sns_message(certificate, aws.cert_url, "Notification", delivered,
                        when=datetime.now(timezone.utc) - timedelta(hours=2))
    assert post_sns(server, stale) == 403
    other_topic = sns_message(certificate, aws.cert_url, "Notification", {**delivered})
    other_topic["TopicArn"] = "arn:aws:sns:eu-west-1:999999999999:not-ours"
    assert post_sns(server, other_topic) == 403
    unsigned = {k: v for k, v in sns_message(certificate, aws.cert_url, "Notification", delivered).items()
                if k != "Signature"}
    assert post_sns(server, unsigned) == 401
    assert post_bytes(f"{server.url}/provider-callbacks/ses", b"not json", {})[0] == 400
    not_ses = sns_message(certificate, aws.cert_url, "Notification", {"Message": "hello"})
    assert post_sns(server, not_ses) == 400
    assert r.get(nid).status is NotificationStatus.SENDING


def test_a_notification_for_an_unknown_message_is_dropped(setup: tuple[Rig, AppServer], aws: FakeAws,
                                                          certificate: Certificate) -> None:
    r, server = setup
    r.send_email("person@example.com")
    message = sns_message(certificate, aws.cert_url, "Notification",
                          {"Message": ses_event("Delivery", aws.sent[0], str(uuid.uuid4()))})
    assert post_sns(server, message) == 200


def test_a_subscription_confirmation_is_confirmed_once_verified(setup: tuple[Rig, AppServer], aws: FakeAws,
                                                                certificate: Certificate) -> None:
    _, server = setup
    fields = {"Message": "You have chosen to subscribe", "Token": "tok",
              "SubscribeURL": f"{aws.server.url}/confirm?Action=ConfirmSubscription&Token=tok"}
    forged = sns_message(certificate, aws.cert_url, "SubscriptionConfirmation", fields)
    forged["Token"] = "other"
    assert post_sns(server, forged) == 403
    assert aws.confirmed == []
    assert post_sns(server, sns_message(certificate, aws.cert_url, "SubscriptionConfirmation", fields)) == 200
    assert aws.confirmed == ["/confirm?Action=ConfirmSubscription&Token=tok"]


@pytest.mark.parametrize(("recipient", "status", "sent_by"), [
    ("invalid@example.com", NotificationStatus.TECHNICAL_FAILURE, "ses"),
    ("throttled@example.com", NotificationStatus.SENDING, "fake-email"),
    ("broken@example.com", NotificationStatus.SENDING, "fake-email"),
])
def test_ses_errors_map_to_statuses_or_failover(setup: tuple[Rig, AppServer], recipient: str,
                                                status: NotificationStatus, sent_by: str) -> None:
    r, _ = setup
    stored = r.get(r.send_email(recipient))
    assert (stored.status, stored.sent_by) == (status, sent_by)


def test_a_complaint_is_posted_to_the_services_complaint_callback(notify: Any, clock: FrozenClock, aws: FakeAws,
                                                                 certificate: Certificate) -> None:
    import attrs

    from notify.adapters.callbacks.fake import FakeCallbackSender
    from notify.domain.constants import CallbackType
    from notify.usecases import callback_apis

    clock.set(datetime.now(timezone.utc))
    sender = FakeCallbackSender()
    sender.script(503)  # the service is briefly down: the complaint is posted again
    adapter = SesEmailProvider("ses", region="eu-west-1", endpoint_url=aws.server.url, access_key_id="AKIDTEST",
                               secret_access_key="secret-for-tests", topic_arns=(TOPIC,),
                               cert_url_pattern=r"^http://127\.0\.0\.1:\d+/[^?#]+\.pem$", timeout=2)
    r = rig(attrs.evolve(notify, callbacks=sender), clock, email=[adapter], callbacks=[adapter])
    callback_apis.create_callback_api(r.notify, r.world.service.id, url="https://service.example/complaints",
                                      bearer_token="complaint-token-1234", updated_by_id=r.world.user.id,
                                      callback_type=CallbackType.COMPLAINT)
    nid = r.send_email("person@example.com", reference="client-ref-1")
    server = AppServer(r.world.app)
    try:
        complaint = {"complaint": {"feedbackId": "feedback-9", "timestamp": "2026-12-06T10:05:00.000Z"}}
        message = sns_message(certificate, aws.cert_url, "Notification",
                              {"Message": ses_event("Complaint", aws.sent[0], nid, **complaint)})
        assert post_sns(server, message) == 200
    finally:
        server.stop()
    (stored,) = complaints.list_complaints(r.notify, r.world.service.id)
    assert [c.url for c in sender.sent] == ["https://service.example/complaints"] * 2
    assert sender.sent[-1].bearer_token == "complaint-token-1234"
    assert sender.payloads[-1] == {"notification_id": nid, "complaint_id": str(stored.id),
                                   "reference": "client-ref-1", "to": "person@example.com",
                                   "complaint_date": "2026-12-06T10:05:00.000000Z"}
