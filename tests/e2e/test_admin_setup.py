"""Issue #4 end to end: the admin app sets up a service (user, service, a template of each type, an API key)
through a real server, then the official client proves the key works."""

from __future__ import annotations

from uuid import uuid4

import pytest
from notifications_python_client import NotificationsAPIClient
from notifications_python_client.base import BaseAPIClient
from notifications_python_client.errors import HTTPError

from .conftest import Server, admin_client

pytestmark = pytest.mark.e2e


@pytest.fixture
def client(server: Server) -> BaseAPIClient:
    return admin_client(server)


def test_a_service_set_up_through_the_admin_api_works_with_the_official_client(
        server: Server, client: BaseAPIClient) -> None:
    tag = uuid4().hex[:8]
    user = client.post("/user", data={"name": "Setup", "email_address": f"setup.{tag}@example.gov.uk",
                                      "password": "a long enough password"})["data"]
    service = client.post("/service", data={"name": f"Setup service {tag}", "user_id": user["id"]})["data"]
    sid = service["id"]
    base = f"/service/{sid}/template"

    sms = client.post(base, data={"name": "Text", "template_type": "sms", "content": "Hi ((name))",
                                  "created_by": user["id"]})["data"]
    email = client.post(base, data={"name": "Email", "template_type": "email", "subject": "About ((ref))",
                                    "content": "Dear ((name))", "created_by": user["id"]})["data"]
    letter = client.post(base, data={"name": "Letter", "template_type": "letter", "subject": "Your letter",
                                     "content": "Dear ((name))", "postage": "first",
                                     "created_by": user["id"]})["data"]
    assert [t["version"] for t in (sms, email, letter)] == [1, 1, 1]

    edited = client.post(f"{base}/{sms['id']}", data={"content": "Hello ((name))"})["data"]
    assert edited["version"] == 2
    assert [v["version"] for v in client.get(f"{base}/{sms['id']}/versions")["data"]] == [2, 1]
    assert client.get(f"{base}/{sms['id']}/version/1")["data"]["content"] == "Hi ((name))"
    assert client.get(f"{base}/{email['id']}/preview", params={"name": "Jo", "ref": "42"})["subject"] == "About 42"
    assert {t["id"] for t in client.get(base)["data"]} == {sms["id"], email["id"], letter["id"]}

    with pytest.raises(HTTPError) as refused:
        client.post(base, data={"name": "No subject", "template_type": "email", "content": "x",
                                "created_by": user["id"]})
    assert refused.value.status_code == 400

    secret = client.post(f"/service/{sid}/api-key", data={"name": "Live", "key_type": "normal",
                                                          "created_by": user["id"]})["data"]
    keys = client.get(f"/service/{sid}/api-keys")["apiKeys"]
    assert [k["name"] for k in keys] == ["Live"] and secret not in str(keys)

    # The official client, with the combined key the admin app shows once: {key_name}-{service_id}-{secret}.
    # /v2/templates is the public API.
    combined = f"Live-{sid}-{secret}"
    notifications = NotificationsAPIClient(combined, base_url=server.base_url)
    listed = notifications.get_all_templates()["templates"]
    assert {t["id"] for t in listed} == {sms["id"], email["id"], letter["id"]}
    assert next(t for t in listed if t["id"] == sms["id"])["version"] == 2
