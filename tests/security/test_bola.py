"""Broken object-level authorisation (OWASP API1): service B's API key never reads or changes service A's data,
and the answer is the same (status and body) whether the id exists or not. Walks every route of the app that
takes an id, so routes added later are covered without editing this file."""

from __future__ import annotations

import re
from uuid import uuid4

import pytest

from notify.domain.constants import KeyType
from notify.entrypoints.http.openapi import routes

from ..v2.conftest import ADDRESS, ApiClient, World, make_world

ID_PARAMS = ("service_id", "template_id", "notification_id", "job_id", "key_id", "user_id", "organisation_id",
             "provider_id", "branding_id")


@pytest.fixture
def a_and_b(world: World) -> tuple[World, World]:
    b = make_world(world.notify, world.clock)
    b.app = world.app
    return world, b


def _ids_of(a: World) -> dict[str, str]:
    sent = a.client().post("/v2/notifications/sms", json={"phone_number": "07700900555",
                                                           "template_id": str(a.sms.id),
                                                           "personalisation": {"name": "secret-of-A"}})
    assert sent.status_code == 201
    return {"service_id": str(a.service.id), "template_id": str(a.sms.id), "notification_id": sent.json["id"],
            "key_id": str(a.keys[KeyType.NORMAL].id), "user_id": str(a.user.id), "job_id": str(uuid4()),
            "organisation_id": str(uuid4()), "provider_id": str(uuid4()), "branding_id": str(uuid4())}


def _fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)(?::int)?}", lambda m: values.get(m.group(1), "1"), path)


def test_b_gets_the_same_answer_for_as_data_as_for_ids_that_do_not_exist(a_and_b: tuple[World, World]) -> None:
    a, b = a_and_b
    real = _ids_of(a)
    random = {name: str(uuid4()) for name in real}
    b_client: ApiClient = b.client()
    checked = 0
    for route in routes(a.app):
        params = set(re.findall(r"{(\w+)", route.path)) & set(ID_PARAMS)
        if not params or getattr(route.resource, "auth", "admin") == "none":
            continue
        body = {"personalisation": {"name": "x"}} if route.method == "POST" else None
        answers = []
        for values in (real, random):
            result = b_client._call(route.method, _fill(route.path, values), json=body)  # noqa: SLF001
            answers.append((result.status_code, result.text.replace(values.get("template_id", "-"), "<id>")))
        assert answers[0][0] in (400, 401, 403, 404), (route.method, route.path, answers[0])
        assert answers[0] == answers[1], (route.method, route.path)
        checked += 1
    assert checked >= 30


def test_b_cannot_send_with_or_list_as_data(a_and_b: tuple[World, World]) -> None:
    a, b = a_and_b
    real = _ids_of(a)
    client = b.client()
    for kind, body in (("sms", {"phone_number": "07700900555"}), ("email", {"email_address": "a@example.gov.uk"}),
                       ("letter", {"personalisation": ADDRESS})):
        for template in (getattr(a, kind).id, uuid4()):
            result = client.post(f"/v2/notifications/{kind}", json={**body, "template_id": str(template)})
            assert (result.status_code, result.json["errors"]) == (
                400, [{"error": "BadRequestError", "message": "Template not found"}])
    listed = client.get("/v2/notifications", query_string=f"older_than={real['notification_id']}")
    assert listed.status_code == 200 and listed.json["notifications"] == []
    assert all(n["id"] != real["notification_id"] for n in client.get("/v2/notifications").json["notifications"])
    assert a.sms.id not in {t["id"] for t in client.get("/v2/templates").json["templates"]}
    # A's data is unchanged: its notification still reads back to A
    assert a.client().get(f"/v2/notifications/{real['notification_id']}").status_code == 200
