"""The pytest plugin's fixtures, as a downstream app's tests use them (the plugin is enabled by installing
notify: its `pytest11` entry point)."""

from __future__ import annotations

import subprocess
import sys

import notify
from notify.embedded import FakeProviders
from notify.testing import FrozenClock, Outbox
from notify.testing.http import HttpClients


def _service(platform: notify.Platform) -> tuple[notify.Template, notify.ApiKey]:
    owner = platform.create_user(name="Ada", email_address="ada@example.gov.uk", password="a long password",
                                 mobile_number="07700900123")
    service = platform.create_service(name="Reminders", owner=owner, restricted=False)
    template = platform.create_template(service, name="Code", type="sms", content="Your code is ((code))")
    return template, platform.create_api_key(service)


def test_the_outbox_shows_what_each_provider_was_handed(notify_platform: notify.Platform,
                                                        notify_outbox: Outbox) -> None:
    template, key = _service(notify_platform)
    sent = notify_platform.send_sms(key, to="07700 900 456", template=template, personalisation={"code": "123"})
    assert len(notify_outbox) == 1
    message = notify_outbox.for_notification(sent.id)
    assert (message.to, message.content) == ("447700900456", "Reminders: Your code is 123")
    assert message.reference.startswith("fake-sms-") and notify_outbox.email == []


def test_scripted_outcomes_reach_the_notification(notify_platform: notify.Platform,
                                                  notify_providers: FakeProviders) -> None:
    template, key = _service(notify_platform)
    for number, outcome in [("07700 900456", "temporary-failure"), ("+447700900457", "technical-failure")]:
        notify_providers.script(number, outcome)
    first = notify_platform.send_sms(key, to="07700900456", template=template, personalisation={"code": "1"})
    second = notify_platform.send_sms(key, to="07700900457", template=template, personalisation={"code": "2"})
    assert notify_platform.get_notification(key, first.id).status == "temporary-failure"
    assert notify_platform.get_notification(key, second.id).status == "technical-failure"


def test_the_clock_is_the_platforms(notify_platform: notify.Platform, notify_clock: FrozenClock) -> None:
    template, key = _service(notify_platform)
    notify_clock.advance(days=1)
    sent = notify_platform.send_sms(key, to="07700900456", template=template, personalisation={"code": "1"})
    assert sent.created_at == notify_clock.now()


def test_signed_clients_reach_the_same_platform(notify_platform: notify.Platform, notify_http: HttpClients) -> None:
    template, key = _service(notify_platform)
    posted = notify_http.api(key).post("/v2/notifications/sms", json={
        "phone_number": "07700900456", "template_id": str(template.id), "personalisation": {"code": "9"}})
    assert posted.status_code == 201, posted.json
    read = notify_http.api(key).get(f"/v2/notifications/{posted.json['id']}")
    assert read.json["status"] == "delivered"
    assert notify_http.admin.get(f"/service/{key.service_id}").json["data"]["name"] == "Reminders"
    assert notify_http.admin.raw.simulate_get(f"/service/{key.service_id}").status_code == 401


def test_the_plugin_loads_no_web_framework_until_the_http_fixture_is_used() -> None:
    script = "import sys, notify.testing.plugin; print('falcon' in sys.modules, 'sqlalchemy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["False", "False"], result.stderr
