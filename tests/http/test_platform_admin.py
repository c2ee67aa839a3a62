"""Platform-admin lookups through the admin API: an id names its kind of record (with its service for records
that belong to one); an unknown id is a 404 and a malformed one a 400, both in the admin error shape."""

from __future__ import annotations

from uuid import uuid4

import falcon.testing

from notify.usecases import organisations
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient

FIND = "/platform-admin/find-by-uuid"


def test_an_id_names_its_kind_of_record(notify: Notify, admin: AdminClient) -> None:
    user = factories.create_user(notify)
    service = factories.create_service(notify, user=user)
    org = organisations.create_organisation(notify, name="Lookup Org")
    assert admin.post(FIND, json={"uuid": str(service.id)}).json == {"type": "service", "context": {}}
    assert admin.post(FIND, json={"uuid": str(user.id)}).json == {"type": "user", "context": {}}
    assert admin.post(FIND, json={"uuid": str(org.id)}).json == {"type": "organisation", "context": {}}


def test_a_notification_is_found_with_its_service(notify: Notify, admin: AdminClient) -> None:
    service = factories.create_service(notify)
    template = factories.create_template(notify, service)
    sent = factories.notification(service.id, template_id=template.id)
    with notify.uow() as uow:
        uow.notifications.add(sent)
        uow.commit()
    assert admin.post(FIND, json={"uuid": str(sent.id)}).json == {
        "type": "notification", "context": {"service_id": str(service.id)}}


def test_unknown_and_malformed_ids(admin: AdminClient) -> None:
    missing = admin.post(FIND, json={"uuid": str(uuid4())})
    assert missing.status_code == 404 and missing.json["result"] == "error"
    assert admin.post(FIND, json={"uuid": "not-an-id"}).status_code == 400
    assert admin.post(FIND, json={}).status_code == 400


def test_lookups_need_the_admin_token(app: falcon.App) -> None:
    assert falcon.testing.TestClient(app).simulate_post(FIND, json={"uuid": str(uuid4())}).status_code == 401
