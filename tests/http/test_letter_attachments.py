"""Letter attachments through the admin API: attached to a template once, read by id, archived once; unknown
templates, attachments and users, and malformed bodies, answered in Notify's words."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from ..conftest import AdminClient


def _letter_template(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> str:
    created = admin.post(f"/service/{service['id']}/template", json={
        "name": "Reminder", "template_type": "letter", "subject": "Your tax", "content": "Pay it",
        "created_by": owner["id"]})
    assert created.status_code == 201
    return str(created.json["data"]["id"])


def _attach(admin: AdminClient, template: str, owner: dict[str, Any], **kw: Any) -> Any:
    return admin.post("/letter-attachment", json={"upload_id": str(uuid4()), "created_by_id": owner["id"],
                                                  "original_filename": "extra.pdf", "page_count": 2,
                                                  "template_id": template, **kw})


def test_a_template_gets_one_attachment_until_it_is_archived(admin: AdminClient, service: dict[str, Any],
                                                            owner: dict[str, Any]) -> None:
    template_id = _letter_template(admin, service, owner)
    upload_id = str(uuid4())
    created = _attach(admin, template_id, owner, upload_id=upload_id)
    assert (created.status_code, created.json) == (201, {
        "id": upload_id, "created_at": "2026-06-15T12:00:00.000000Z", "created_by_id": owner["id"],
        "archived_at": None, "archived_by_id": None, "original_filename": "extra.pdf", "page_count": 2})
    assert admin.get(f"/letter-attachment/{upload_id}").json == created.json
    shown = admin.get(f"/service/{service['id']}/template/{template_id}").json["data"]["letter_attachment"]
    assert shown == created.json
    second = _attach(admin, template_id, owner)
    assert (second.status_code, second.json) == (400, {"result": "error",
                                                       "message": "template-already-has-attachment"})

    archived = admin.post(f"/letter-attachment/{upload_id}/archive", json={"archived_by": owner["id"]})
    assert (archived.status_code, archived.text) == (204, "")
    shown = admin.get(f"/letter-attachment/{upload_id}").json
    assert (shown["archived_at"], shown["archived_by_id"]) == ("2026-06-15T12:00:00.000000Z", owner["id"])
    assert admin.get(f"/service/{service['id']}/template/{template_id}").json["data"]["letter_attachment"] is None
    again = admin.post(f"/letter-attachment/{upload_id}/archive", json={"archived_by": owner["id"]})
    assert (again.status_code, again.json["message"]) == (400, "letter-attachment-already-archived")
    assert _attach(admin, template_id, owner).status_code == 201


def test_unknown_templates_attachments_and_users(admin: AdminClient, service: dict[str, Any],
                                                 owner: dict[str, Any]) -> None:
    missing = _attach(admin, str(uuid4()), owner)
    assert (missing.status_code, missing.json) == (404, {"result": "error", "message": "template-not-found"})
    assert admin.get(f"/letter-attachment/{uuid4()}").status_code == 404
    assert admin.post(f"/letter-attachment/{uuid4()}/archive", json={"archived_by": owner["id"]}).status_code == 404
    template_id = _letter_template(admin, service, owner)
    nobody = _attach(admin, template_id, owner, created_by_id=str(uuid4()))
    assert (nobody.status_code, nobody.json["result"]) == (400, "error")
    attached = _attach(admin, template_id, owner).json["id"]
    bad_archiver = admin.post(f"/letter-attachment/{attached}/archive", json={"archived_by": str(uuid4())})
    assert bad_archiver.status_code == 400


def test_malformed_bodies_are_400s(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> None:
    template_id = _letter_template(admin, service, owner)
    for changes in ({"upload_id": "not-a-uuid"}, {"page_count": "two"}, {"page_count": 0},
                    {"original_filename": ""}, {"template_id": None}):
        result = _attach(admin, template_id, owner, **changes)
        assert (result.status_code, result.json["result"]) == (400, "error"), changes
    assert admin.post("/letter-attachment", json={}).status_code == 400
    attached = _attach(admin, template_id, owner).json["id"]
    assert admin.post(f"/letter-attachment/{attached}/archive", json={}).status_code == 400
