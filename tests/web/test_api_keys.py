"""A service's API keys: a new key shown once (the string a client library takes, which the API accepts), the
list never showing a secret again, revoking one (the API refuses it from then on), another service's keys."""

from __future__ import annotations

import re

import falcon
import falcon.testing

from notify.embedded import Platform
from notify.testing.http import service_token

from .conftest import Browser
from .test_templates import new_service


def test_a_key_is_shown_once_works_and_is_revoked(signed_in: Browser, app: falcon.App,  # type: ignore[type-arg]
                                                   platform: Platform) -> None:
    service_id = new_service(signed_in)
    keys = f"/admin-ui/services/{service_id}/api-keys"
    assert "no API keys yet" in signed_in.get(keys).text
    signed_in.get(keys + "/new")
    assert signed_in.post(keys + "/new", {"name": "", "key_type": "normal"}).status_code == 400
    created = signed_in.post(keys + "/new", {"name": "Live system", "key_type": "normal"})
    found = re.search(rf'id="api-key">live_system-{service_id}-([0-9a-f-]{{36}})<', created.text)
    assert created.status_code == 200 and found
    secret = found.group(1)
    api = falcon.testing.TestClient(app)

    def now() -> float:
        return platform.core.clock.now().timestamp()

    def api_status() -> int:
        return api.simulate_get("/v2/notifications", headers={
            "Authorization": f"Bearer {service_token(service_id, secret, iat=now())}"}).status_code

    assert api_status() == 200
    listed = signed_in.get(keys)
    assert "Live system" in listed.text and secret not in listed.text
    revoke = re.search(r'href="([^"]+/revoke)"', listed.text)
    assert revoke
    signed_in.get(revoke.group(1))
    assert signed_in.post(revoke.group(1), {}).status_code == 303
    assert "Revoked" in signed_in.get(keys).text and api_status() == 403
    assert signed_in.get(revoke.group(1)).status_code == 404

    other = new_service(signed_in, "Other")
    assert signed_in.get(revoke.group(1).replace(service_id, other)).status_code == 404
