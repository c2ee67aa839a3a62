"""Template email files through the admin API: added pending to an email template, made live (a name once per
template, any case), changed and archived (each a new template version); only email templates take them;
another service's templates and files are 404s."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.domain.service import Service
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient


@pytest.fixture
def service(notify: Notify) -> Service:
    return factories.create_service(notify)


@pytest.fixture
def email(notify: Notify, service: Service) -> Any:
    return factories.create_template(notify, service, template_type="email", subject="Your guide",
                                     content="Read it")


def base(service: Any, template: Any) -> str:
    return f"/service/{service.id}/templates/{template.id}/template_email_files"


def add(admin: AdminClient, service: Service, template: Any, filename: str = "guide.pdf", **fields: Any) -> Any:
    return admin.post(base(service, template), json={"filename": filename, "created_by_id": str(service.created_by),
                                                     **fields})


def version(admin: AdminClient, service: Service, template: Any) -> int:
    return int(admin.get(f"/service/{service.id}/template/{template.id}").json["data"]["version"])


def test_a_file_is_pending_until_made_live(admin: AdminClient, service: Service, email: Any) -> None:
    created = add(admin, service, email, link_text="the guide", retention_period=26)
    assert created.status_code == 201
    shown = created.json["data"]
    assert shown["pending"] is True and shown["template_version"] == 1 and shown["retention_period"] == 26
    assert shown["validate_users_email"] is True and shown["archived_at"] is None
    assert admin.get(base(service, email)).json == {"data": []}  # pending files are not on the template yet
    live = admin.post(f"{base(service, email)}/{shown['id']}", json={"pending": False})
    assert live.status_code == 200 and live.json["data"]["pending"] is False
    assert [f["id"] for f in admin.get(base(service, email)).json["data"]] == [shown["id"]]
    assert admin.get(f"{base(service, email)}/{shown['id']}").json["data"]["pending"] is False
    assert version(admin, service, email) == 1  # making a file live does not change the template
    files = admin.get(f"/service/{service.id}/template/{email.id}").json["data"]["email_files"]
    assert files == [{"id": shown["id"], "filename": "guide.pdf", "link_text": "the guide", "retention_period": 26,
                      "validate_users_email": True, "pending": False}]


def test_changing_and_archiving_a_live_file_make_new_template_versions(admin: AdminClient, service: Service,
                                                                      email: Any) -> None:
    shown = add(admin, service, email).json["data"]
    path = f"{base(service, email)}/{shown['id']}"
    admin.post(path, json={"pending": False})
    changed = admin.post(path, json={"link_text": "our guide"}).json["data"]
    assert changed["link_text"] == "our guide" and changed["template_version"] == 2
    assert version(admin, service, email) == 2
    unchanged = admin.post(path, json={"link_text": "our guide"}).json["data"]
    assert unchanged["template_version"] == 2
    archived = admin.post(f"{path}/archive", json={"archived_by_id": str(service.created_by)})
    assert archived.status_code == 200
    assert archived.json["data"]["archived_at"] is not None and archived.json["data"]["template_version"] == 3
    assert archived.json["data"]["archived_by_id"] == str(service.created_by)
    assert admin.get(base(service, email)).json == {"data": []}
    assert admin.get(f"/service/{service.id}/template/{email.id}").json["data"]["email_files"] == []


def test_a_name_is_live_once_per_template_whatever_the_case(admin: AdminClient, service: Service,
                                                            email: Any) -> None:
    first = add(admin, service, email).json["data"]
    admin.post(f"{base(service, email)}/{first['id']}", json={"pending": False})
    same = add(admin, service, email, "GUIDE.pdf")
    assert same.status_code == 400
    assert same.json == {"result": "error",
                         "message": f"File named GUIDE.pdf already exists for template id {email.id}"}
    pending = add(admin, service, email, "other.pdf").json["data"]
    renamed = admin.post(f"{base(service, email)}/{pending['id']}", json={"filename": "Guide.PDF", "pending": False})
    assert renamed.status_code == 400


def test_only_email_templates_take_files(admin: AdminClient, notify: Notify, service: Service) -> None:
    sms = factories.create_template(notify, service)
    result = add(admin, service, sms)
    assert result.status_code == 400
    assert result.json == {"result": "error", "message": "Cannot add an email file to a non-email template"}


def test_another_services_files_are_out_of_reach(admin: AdminClient, notify: Notify, service: Service,
                                                 email: Any) -> None:
    shown = add(admin, service, email).json["data"]
    other = factories.create_service(notify)
    theirs = factories.create_template(notify, other, template_type="email", subject="S", content="C")
    foreign = f"/service/{other.id}/templates/{email.id}/template_email_files"
    assert admin.get(foreign).status_code == 404
    assert admin.post(foreign, json={"filename": "x.pdf", "created_by_id": str(other.created_by)}).status_code == 404
    assert admin.get(f"{foreign}/{shown['id']}").status_code == 404
    assert admin.post(f"{foreign}/{shown['id']}", json={"pending": False}).status_code == 404
    assert admin.post(f"{foreign}/{shown['id']}/archive", json={"archived_by_id": str(other.created_by)}
                      ).status_code == 404
    wrong_template = f"{base(other, theirs)}/{shown['id']}"
    assert admin.get(wrong_template).status_code == 404
    assert admin.get(f"{base(service, email)}/{shown['id']}").json["data"]["pending"] is True


@pytest.mark.parametrize("body", [
    {"created_by_id": "{user}"},
    {"filename": "", "created_by_id": "{user}"},
    {"filename": "a.pdf", "created_by_id": "{user}", "retention_period": 0},
    {"filename": "a.pdf", "created_by_id": "{user}", "retention_period": "long"},
    {"filename": "a.pdf", "created_by_id": "{user}", "validate_users_email": "yes"},
    {"filename": "a.pdf", "created_by_id": "not-a-uuid"},
])
def test_bad_files_are_400s(admin: AdminClient, service: Service, email: Any, body: dict[str, Any]) -> None:
    body = {k: str(service.created_by) if v == "{user}" else v for k, v in body.items()}
    result = admin.post(base(service, email), json=body)
    assert result.status_code == 400 and result.json["result"] == "error"


def test_archiving_needs_who_archived(admin: AdminClient, service: Service, email: Any) -> None:
    shown = add(admin, service, email).json["data"]
    result = admin.post(f"{base(service, email)}/{shown['id']}/archive", json={})
    assert result.status_code == 400
    assert admin.get(f"{base(service, email)}/{uuid4()}").status_code == 404
