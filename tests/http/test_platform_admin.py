"""Platform-admin lookups through the admin API: an id names its kind of record (with its service for records
that belong to one); an unknown id is a 404 and a malformed one a 400, both in the admin error shape."""

from __future__ import annotations

from datetime import datetime, timezone
from uuid import uuid4

import falcon.testing

from notify.usecases import organisations
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock

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


USERS = "/platform-admin/users-list"


def test_users_are_listed_by_sign_in_creation_and_research_consent(notify: Notify, admin: AdminClient,
                                                                   clock: FrozenClock) -> None:
    clock.set(datetime(2024, 3, 1, 10, tzinfo=timezone.utc))
    early = factories.create_user(notify, take_part_in_research=False)
    clock.set(datetime(2024, 5, 1, 10, tzinfo=timezone.utc))
    late = factories.create_user(notify)
    service = factories.create_service(notify, user=late)
    with notify.uow() as uow:
        uow.users.update(uow.users.get(late.id).changed(now=clock.now(), logged_in_at=clock.now()))
        uow.commit()

    def ids(body: dict[str, object]) -> list[str]:
        result = admin.post(USERS, json=body)
        assert result.status_code == 200, result.text
        return [u["id"] for u in result.json["data"]]

    assert str(early.id) in ids({"created_start": "2024-03-01", "created_end": "2024-03-01"})
    assert str(late.id) not in ids({"created_start": "2024-03-01", "created_end": "2024-03-01"})
    assert ids({"logged_in_start": "2024-05-01"}) == [str(late.id)]
    assert str(early.id) not in ids({"take_part_in_research": True})
    assert str(early.id) in ids({"take_part_in_research": False})
    shown = admin.post(USERS, json={"logged_in_start": "2024-05-01"}).json["data"][0]
    assert shown["services"] == [str(service.id)]


def test_a_users_list_needs_a_criterion_and_good_dates(admin: AdminClient) -> None:
    assert admin.post(USERS, json={}).status_code == 400
    assert admin.post(USERS, json={"created_start": "yesterday"}).status_code == 400
    assert admin.post(USERS, json={"nickname": "x"}).status_code == 400
