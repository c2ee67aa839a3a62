"""Numbers out of range in a URL are a 400 in the API's own error shape on every store, never a 500 (they were:
PostgreSQL's INTEGER overflowed, SQLite's driver refused a 20-digit integer, date arithmetic overflowed)."""

from __future__ import annotations

import attrs
import pytest

from notify.adapters.uploads import InMemoryUploadStore
from notify.domain.constants import KeyType
from notify.usecases.app import Notify

from ..conftest import AdminClient
from ..fakes import FrozenClock
from ..v2.conftest import World, make_world

pytestmark = pytest.mark.parametrize(
    "new_uow", ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)



@pytest.fixture
def world(notify: Notify, clock: FrozenClock) -> World:
    return make_world(attrs.evolve(notify, uploads=InMemoryUploadStore()), clock)


HUGE = ["2147483648", "4611686018427387903", "99999999999999999999", "-2147483649"]


@pytest.mark.parametrize("version", HUGE)
def test_a_template_version_beyond_any_column_is_400_on_both_apis(world: World, version: str) -> None:
    api, admin = world.client(KeyType.NORMAL), AdminClient(world.app, world.clock)
    public = api.get(f"/v2/template/{world.sms.id}/version/{version}")
    assert public.status_code == 400, public.text
    assert public.json["status_code"] == 400
    [error] = public.json["errors"]
    assert error["error"] == "ValidationError"
    assert error["message"].startswith(f"version {version} is ")
    private = admin.get(f"/service/{world.service.id}/template/{world.sms.id}/version/{version}")
    assert private.status_code == 400, private.text
    assert private.json["result"] == "error"
    assert list(private.json["message"]) == ["version"]


@pytest.mark.parametrize("days", ["4611686018427387903", "999999999", "3651", "99999999999999999999"])
def test_statistics_and_jobs_refuse_a_look_back_no_calendar_holds(world: World, days: str) -> None:
    admin = AdminClient(world.app, world.clock)
    uploaded = admin.post(f"/service/{world.service.id}/job/upload", json={
        "template_id": str(world.sms.id), "original_file_name": "a.csv", "csv": "phone number,name\n07700900555,A\n"})
    assert uploaded.status_code == 201, uploaded.text
    created = admin.post(f"/service/{world.service.id}/job", json={
        "id": uploaded.json["data"]["id"], "created_by": str(world.user.id)})
    assert created.status_code == 201, created.text
    for path in (f"/service/{world.service.id}/statistics", f"/service/{world.service.id}/job"):
        result = admin.get(path, params={"limit_days": days})
        assert result.status_code == 400, (path, result.text)
        assert result.json == {"result": "error", "message": {"limit_days": [
            "Must be less than or equal to 3650." if len(days) < 12 or days.isdigit() else "Not a valid integer."]}}
    assert admin.get(f"/service/{world.service.id}/job", params={"limit_days": "3650"}).status_code == 200
    assert admin.get(f"/service/{world.service.id}/statistics", params={"limit_days": "3650"}).status_code == 200


@pytest.mark.parametrize("page", ["2147483648", "99999999999999999999"])
def test_a_page_beyond_any_column_is_400(world: World, page: str) -> None:
    admin = AdminClient(world.app, world.clock)
    result = admin.get(f"/service/{world.service.id}/job", params={"page": page})
    assert result.status_code == 400, result.text
    assert result.json["message"] == {"page": ["Must be less than or equal to 2147483647."]}
