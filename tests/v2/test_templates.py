"""GET /v2/template/{id}[/version/{v}], GET /v2/templates, POST /v2/template/{id}/preview."""

from __future__ import annotations

from uuid import uuid4

from notify.domain.constants import TemplateType

from .conftest import ApiClient, World


def test_get_template_has_notifys_shape(world: World, api: ApiClient) -> None:
    body = api.get(f"/v2/template/{world.email.id}").json
    assert body == {
        "id": str(world.email.id), "type": "email", "created_at": "2026-06-15T12:00:00.000000Z", "updated_at": None,
        "created_by": world.user.email_address, "version": 1, "body": "Dear ((name)), hello",
        "subject": "Subject ((name))", "name": world.email.name, "personalisation": {"name": {"required": True}},
        "postage": None, "letter_contact_block": None}


def test_get_template_version(world: World, api: ApiClient) -> None:
    with world.notify.uow() as uow:
        uow.templates.update(world.sms.changed(now=world.clock.now(), content="Changed ((thing))"))
        uow.commit()
    assert api.get(f"/v2/template/{world.sms.id}").json["version"] == 2
    old = api.get(f"/v2/template/{world.sms.id}/version/1").json
    assert (old["version"], old["body"], old["subject"]) == (1, "Hello ((name))", None)
    assert api.get(f"/v2/template/{world.sms.id}/version/3").status_code == 404
    assert api.get(f"/v2/template/{world.sms.id}/version/x").json["errors"][0]["error"] == "NoResultFound"  # routing


def test_template_errors(world: World, api: ApiClient) -> None:
    assert api.get("/v2/template/nope").json["errors"] == [{"error": "ValidationError",
                                                            "message": "id is not a valid UUID"}]
    assert api.get(f"/v2/template/{uuid4()}").status_code == 404
    hidden = world.add_template(hidden=True)
    assert api.get(f"/v2/template/{hidden.id}").status_code == 404
    archived = world.add_template(archived=True)
    assert api.get(f"/v2/template/{archived.id}").status_code == 200


def test_list_templates_by_type(world: World, api: ApiClient) -> None:
    world.add_template(archived=True)
    names = [t["name"] for t in api.get("/v2/templates").json["templates"]]
    assert names == sorted([world.sms.name, world.email.name, world.letter.name])
    only = api.get("/v2/templates", query_string="type=email").json["templates"]
    assert [t["id"] for t in only] == [str(world.email.id)]
    assert api.get("/v2/templates", query_string="type=unknown").json["errors"] == [
        {"error": "ValidationError", "message": "type unknown is not one of [sms, email, letter]"}]


def test_preview(world: World, api: ApiClient) -> None:
    result = api.post(f"/v2/template/{world.email.id}/preview", json={"personalisation": {"name": "Jo"}})
    assert result.status_code == 200
    assert result.json == {"id": str(world.email.id), "type": "email", "version": 1, "body": "Dear Jo, hello",
                           "html": "<p>Dear Jo, hello</p>", "subject": "Subject Jo", "postage": None}
    sms = api.post(f"/v2/template/{world.sms.id}/preview", json={"personalisation": {"name": "Jo"}}).json
    assert (sms["body"], sms["subject"], sms["html"]) == ("Hello Jo", None, None)


def test_preview_with_an_empty_body_reports_missing_personalisation(world: World, api: ApiClient) -> None:
    result = api.post(f"/v2/template/{world.sms.id}/preview")
    assert result.status_code == 400
    assert result.json["errors"] == [{"error": "BadRequestError", "message": "Missing personalisation: name"}]
    assert TemplateType.SMS.value == "sms"
