"""`import notify` as an embedding app uses it: the same rules and errors as the HTTP API, deliveries done
before the send returns, receipts recorded, on memory, a SQLite file and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import notify
from notify.testing import FrozenClock, build_test_platform
from tests.postgres_server import database_url_for_this_run

MOBILE = "07700900123"
TRIAL_MODE = ("Can’t send to this recipient when service is in trial mode – see "
              "https://www.notifications.service.gov.uk/trial-mode")


def _ready(platform: notify.Platform, **service: Any) -> tuple[notify.Service, notify.Template, notify.ApiKey]:
    owner = platform.create_user(name="Ada", email_address="ada@example.gov.uk", password="a long password",
                                 mobile_number=MOBILE)
    made = platform.create_service(name="Reminders", owner=owner, **service)
    template = platform.create_template(made, name="Hello", type="sms", content="Hello ((name))")
    return made, template, platform.create_api_key(made)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def platform(clock: FrozenClock) -> notify.Platform:
    return build_test_platform(clock)


def test_an_sms_is_delivered_before_the_send_returns(platform: notify.Platform) -> None:
    _, template, key = _ready(platform)
    sent = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"}, reference="r1")
    assert sent.status is notify.NotificationStatus.CREATED  # as it was created
    stored = platform.get_notification(key, sent.id)
    assert stored.status == "delivered" and stored.client_reference == "r1"
    [handed] = platform.outbox
    assert (handed.to, handed.content, handed.notification_id) == ("447700900123", "Reminders: Hello Ada", sent.id)


def test_trial_mode_refuses_a_recipient_outside_the_team_with_notifys_message(platform: notify.Platform) -> None:
    _, template, key = _ready(platform)
    with pytest.raises(notify.InvalidRequest) as refused:
        platform.send_sms(key, to="07700900456", template=template, personalisation={"name": "Bo"})
    assert refused.value.message == TRIAL_MODE
    assert platform.outbox == []


def test_a_live_service_sends_to_anyone_and_validation_errors_are_domain_errors(platform: notify.Platform) -> None:
    _, template, key = _ready(platform, restricted=False)
    platform.send_sms(key, to="07700900456", template=template, personalisation={"name": "Bo"})
    with pytest.raises(notify.ValidationFailed, match="Not enough digits"):
        platform.send_sms(key, to="0770", template=template, personalisation={"name": "Bo"})
    with pytest.raises(notify.InvalidRequest, match="Missing personalisation: name"):
        platform.send_sms(key, to="07700900456", template=template)


def test_a_revoked_key_cannot_send(platform: notify.Platform) -> None:
    _, template, key = _ready(platform)
    platform.revoke_api_key(key)
    with pytest.raises(notify.AuthenticationFailed, match="API key revoked"):
        platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})


def test_a_test_key_never_reaches_a_provider_but_its_notification_is_delivered(platform: notify.Platform) -> None:
    service, template, _ = _ready(platform)
    test_key = platform.create_api_key(service, name="tests", key_type="test")
    sent = platform.send_sms(test_key, to=MOBILE, template=template, personalisation={"name": "Ada"})
    assert platform.get_notification(test_key, sent.id).status == "delivered"
    assert platform.outbox == []


def test_email_and_letter_are_sent_rendered(platform: notify.Platform) -> None:
    service, _, key = _ready(platform, restricted=False)
    email = platform.create_template(service, name="Mail", type="email", subject="Hi ((name))",
                                     content="Dear ((name))")
    letter = platform.create_template(service, name="Letter", type="letter", subject="Your tax",
                                      content="Dear ((name))", postage="second")
    mailed = platform.send_email(key, to="bo@example.com", template=email, personalisation={"name": "Bo"})
    posted = platform.send_letter(key, template=letter, personalisation={
        "name": "Bo", "address_line_1": "Bo Jones", "address_line_2": "1 High Street", "postcode": "SW1A 1AA"})
    assert platform.get_notification(key, mailed.id).status == "delivered"
    assert platform.get_notification(key, posted.id).status == "delivered"
    assert platform.fakes is not None
    [mail], [post] = platform.fakes.email.sent, platform.fakes.letter.sent
    assert (mail.to, mail.content, mail.details["subject"]) == ("bo@example.com", "Dear Bo", "Hi Bo")
    assert post.details["address"][-1] == "SW1A 1AA" and "Dear Bo" in post.content


def test_scripted_outcomes_and_a_provider_outage(platform: notify.Platform) -> None:
    _, template, key = _ready(platform, restricted=False)
    assert platform.fakes is not None
    platform.fakes.script("447700900456", "permanent-failure")
    failed = platform.send_sms(key, to="07700900456", template=template, personalisation={"name": "Bo"})
    assert platform.get_notification(key, failed.id).status == "permanent-failure"

    platform.fakes.fail_next(1)
    retried = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
    assert platform.get_notification(key, retried.id).status == "created"  # waits out the backoff
    assert platform.run_retries() == 1
    assert platform.get_notification(key, retried.id).status == "delivered"


def test_held_deliveries_wait_until_asked() -> None:
    platform = build_test_platform(delivery="held")
    _, template, key = _ready(platform)
    sent = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
    assert platform.get_notification(key, sent.id).status == "created"
    assert platform.deliver_pending() == 1
    assert platform.get_notification(key, sent.id).status == "delivered"


def test_held_receipts_leave_the_notification_sending_until_flushed() -> None:
    platform = build_test_platform(receipts="held")
    _, template, key = _ready(platform)
    sent = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
    assert platform.get_notification(key, sent.id).status == "sending"
    assert platform.fakes is not None and platform.fakes.flush_receipts() == 1
    assert platform.get_notification(key, sent.id).status == "delivered"


def test_listing_and_statistics(platform: notify.Platform, clock: FrozenClock) -> None:
    service, template, key = _ready(platform)
    first = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "A"}, reference="a")
    clock.advance(seconds=1)
    second = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "B"}, reference="b")
    assert [n.id for n in platform.list_notifications(key)] == [second.id, first.id]
    assert [n.id for n in platform.list_notifications(key, reference="a")] == [first.id]
    assert platform.statistics(service)["sms"] == {"requested": 2, "delivered": 2, "failed": 0}


def test_template_versions_and_another_services_notifications(platform: notify.Platform) -> None:
    service, template, key = _ready(platform)
    changed = platform.update_template(template, content="Bye ((name))")
    assert changed.version == template.version + 1
    sent = platform.send_sms(key, to=MOBILE, template=template.id, personalisation={"name": "Ada"})
    assert sent.template_version == changed.version
    other_owner = platform.create_user(name="Eve", email_address="eve@example.gov.uk", password="a long password")
    other = platform.create_service(name="Other", owner=other_owner)
    with pytest.raises(notify.NotFound):
        platform.get_notification(platform.create_api_key(other), sent.id)


class RecordingSms:
    """A provider adapter of the embedding app's own: anything with `name` and `send_sms`."""

    name = "recording"
    idempotent = True

    def __init__(self) -> None:
        self.handed: list[tuple[str, str]] = []

    def send_sms(self, *, to: str, content: str, reference: Any, sender: str | None,
                 international: bool = False) -> Any:
        from notify.ports.providers import ProviderReceipt

        self.handed.append((to, content))
        return ProviderReceipt(provider=self.name, reference=f"r-{len(self.handed)}")


def test_a_provider_adapter_passed_in_is_handed_the_messages() -> None:
    provider = RecordingSms()
    platform = notify.in_memory(providers=[provider], password_rounds=4)
    _, template, key = _ready(platform)
    sent = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
    assert provider.handed == [("447700900123", "Reminders: Hello Ada")]
    assert platform.get_notification(key, sent.id).status == "sending"  # until the provider reports
    assert platform.fakes is None


def test_a_sqlite_file_keeps_everything_across_reopening(tmp_path: Path) -> None:
    with notify.sqlite(tmp_path / "app.db", password_rounds=4) as platform:
        _, template, key = _ready(platform)
        sent = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
    assert (tmp_path / "app.db.key").exists()
    with notify.sqlite(tmp_path / "app.db", password_rounds=4) as again:
        stored = again.get_notification(key, sent.id)
    assert stored.status == "delivered" and stored.personalisation == {"name": "Ada"}


@pytest.mark.postgres
def test_postgresql_by_url() -> None:
    with notify.postgres(database_url_for_this_run(), secret_key="k", password_rounds=4) as platform:
        owner = platform.create_user(name="Pg", email_address="pg.embedded@example.gov.uk",
                                     password="a long password", mobile_number=MOBILE)
        service = platform.create_service(name="Embedded on PostgreSQL", owner=owner)
        template = platform.create_template(service, name="Hello", type="sms", content="Hello ((name))")
        key = platform.create_api_key(service)
        sent = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
        assert platform.get_notification(key, sent.id).status == "delivered"


def test_importing_and_using_notify_in_memory_loads_no_web_framework_migrations_or_queue() -> None:
    script = (
        "import sys, notify\n"
        "p = notify.in_memory(password_rounds=4)\n"
        "u = p.create_user(name='A', email_address='a@example.gov.uk', password='a long password',"
        " mobile_number='07700900123')\n"
        "s = p.create_service(name='S', owner=u)\n"
        "t = p.create_template(s, name='T', type='sms', content='Hi')\n"
        "k = p.create_api_key(s)\n"
        "assert p.get_notification(k, p.send_sms(k, to='07700900123', template=t).id).status == 'delivered'\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'falcon', 'waitress', 'alembic', 'sqlalchemy', 'celery', 'kombu', 'redis'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_background_delivery_reaches_delivered_off_the_callers_thread() -> None:
    with notify.in_memory(delivery="background", password_rounds=4) as platform:
        _, template, key = _ready(platform)
        sent = platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
        deadline = time.monotonic() + 20
        while platform.get_notification(key, sent.id).status != "delivered" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert platform.get_notification(key, sent.id).status == "delivered"


def test_users_services_keys_and_archived_templates(platform: notify.Platform) -> None:
    service, template, key = _ready(platform)
    owner = platform.get_user(service.created_by)
    assert owner.email_address == "ada@example.gov.uk"
    assert [s.id for s in platform.list_services(user=owner)] == [service.id]
    assert [k.id for k in platform.list_api_keys(service)] == [key.id]
    platform.archive_template(template)
    with pytest.raises(notify.InvalidRequest, match="Template has been deleted"):
        platform.send_sms(key, to=MOBILE, template=template, personalisation={"name": "Ada"})
