"""Template folders through the admin API: a tree per service, shared with the team members given it; only
an empty folder is deleted; moves keep the tree a tree; another service's folders are 404s."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from ..conftest import AdminClient


@pytest.fixture
def base(service: dict[str, Any]) -> str:
    return f"/service/{service['id']}/template-folder"


def create(admin: AdminClient, base: str, name: str = "Reminders", parent_id: str | None = None) -> dict[str, Any]:
    result = admin.post(base, json={"name": name, "parent_id": parent_id})
    assert result.status_code == 201, result.json
    return result.json["data"]


def template(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any], **fields: Any) -> dict[str, Any]:
    result = admin.post(f"/service/{service['id']}/template", json={
        "name": "Reminder", "template_type": "sms", "content": "Hi", "created_by": owner["id"], **fields})
    assert result.status_code == 201, result.json
    return result.json["data"]


def member(admin: AdminClient, service: dict[str, Any], email: str, folders: list[str] | None = None) -> str:
    user = admin.post("/user", json={"name": "Colleague", "email_address": email,
                                     "password": "a long password"}).json["data"]
    added = admin.post(f"/service/{service['id']}/users/{user['id']}",
                       json={"permissions": [], "folder_permissions": folders or []})
    assert added.status_code == 201, added.json
    return str(user["id"])


def folders_of(admin: AdminClient, service: dict[str, Any], user_id: str) -> list[str]:
    members = admin.get(f"/service/{service['id']}/users").json["data"]
    return next(m["folder_permissions"] for m in members if m["id"] == user_id)


def test_a_top_folder_is_shared_with_the_team_and_a_subfolder_with_its_parents_users(
        admin: AdminClient, base: str, service: dict[str, Any], owner: dict[str, Any]) -> None:
    top = create(admin, base, "  Reminders  ")
    assert top["name"] == "Reminders" and top["parent_id"] is None and top["service_id"] == service["id"]
    assert top["users_with_permission"] == [owner["id"]]
    colleague = member(admin, service, "colleague@example.gov.uk")  # joins after: not given the folder
    inner = create(admin, base, "Overdue", top["id"])
    assert inner["parent_id"] == top["id"] and inner["users_with_permission"] == [owner["id"]]
    assert folders_of(admin, service, colleague) == []
    listed = admin.get(base).json["template_folders"]
    assert sorted(f["id"] for f in listed) == sorted([top["id"], inner["id"]])


def test_renaming_and_sharing_a_folder(admin: AdminClient, base: str, service: dict[str, Any],
                                       owner: dict[str, Any]) -> None:
    folder = create(admin, base)
    colleague = member(admin, service, "colleague@example.gov.uk")
    result = admin.post(f"{base}/{folder['id']}", json={"name": "Renamed", "users_with_permission": [colleague]})
    assert result.status_code == 200
    assert result.json["data"]["name"] == "Renamed" and result.json["data"]["users_with_permission"] == [colleague]
    assert folders_of(admin, service, colleague) == [folder["id"]]
    assert folders_of(admin, service, owner["id"]) == []
    renamed_only = admin.post(f"{base}/{folder['id']}", json={"name": "Again"}).json["data"]
    assert renamed_only["users_with_permission"] == [colleague]  # left out: who may see it is unchanged


def test_sharing_with_someone_outside_the_team_is_a_404(admin: AdminClient, base: str) -> None:
    folder = create(admin, base)
    result = admin.post(f"{base}/{folder['id']}", json={"name": "X", "users_with_permission": [str(uuid4())]})
    assert result.status_code == 404
    assert admin.get(base).json["template_folders"][0]["name"] == "Reminders"


def test_templates_and_folders_move_in_and_out(admin: AdminClient, base: str, service: dict[str, Any],
                                               owner: dict[str, Any]) -> None:
    a, b = create(admin, base, "A"), create(admin, base, "B")
    t = template(admin, service, owner)
    moved = admin.post(f"{base}/{a['id']}/contents", json={"templates": [t["id"]], "folders": [b["id"]]})
    assert moved.status_code == 204
    shown = admin.get(f"/service/{service['id']}/template/{t['id']}").json["data"]
    assert shown["folder"] == a["id"] and shown["version"] == 1  # filing a template is not a new version
    assert {f["id"]: f["parent_id"] for f in admin.get(base).json["template_folders"]} == {a["id"]: None,
                                                                                          b["id"]: a["id"]}
    back = admin.post(f"{base}/contents", json={"templates": [t["id"]], "folders": [b["id"]]})
    assert back.status_code == 204
    assert admin.get(f"/service/{service['id']}/template/{t['id']}").json["data"]["folder"] is None
    assert all(f["parent_id"] is None for f in admin.get(base).json["template_folders"])


@pytest.mark.parametrize("into, message", [
    ("self", "You cannot move a folder to itself"),
    ("child", "You cannot move a folder to one of its subfolders"),
    ("grandchild", "You cannot move a folder to one of its subfolders"),
])
def test_a_folder_cannot_move_into_itself_or_below(admin: AdminClient, base: str, into: str, message: str) -> None:
    top = create(admin, base, "Top")
    child = create(admin, base, "Child", top["id"])
    grandchild = create(admin, base, "Grandchild", child["id"])
    target = {"self": top, "child": child, "grandchild": grandchild}[into]
    result = admin.post(f"{base}/{target['id']}/contents", json={"templates": [], "folders": [top["id"]]})
    assert result.status_code == 400
    assert result.json == {"result": "error", "message": message}


def test_only_an_empty_folder_is_deleted(admin: AdminClient, base: str, service: dict[str, Any],
                                         owner: dict[str, Any]) -> None:
    top = create(admin, base, "Top")
    child = create(admin, base, "Child", top["id"])
    refused = admin.delete(f"{base}/{top['id']}")
    assert refused.status_code == 400 and refused.json == {"result": "error", "message": "Folder is not empty"}
    t = template(admin, service, owner, parent_folder_id=child["id"])
    assert t["folder"] == child["id"]
    assert admin.delete(f"{base}/{child['id']}").status_code == 400
    archived = admin.post(f"/service/{service['id']}/template/{t['id']}", json={"archived": True})
    assert archived.status_code == 200 and archived.json["data"]["folder"] is None  # archiving empties it
    assert admin.delete(f"{base}/{child['id']}").status_code == 204
    assert admin.delete(f"{base}/{top['id']}").status_code == 204
    assert admin.get(base).json["template_folders"] == []
    assert folders_of(admin, service, owner["id"]) == []


def test_another_services_folders_are_out_of_reach(admin: AdminClient, base: str, service: dict[str, Any],
                                                   owner: dict[str, Any]) -> None:
    theirs = admin.post("/service", json={"name": "Other", "user_id": owner["id"]}).json["data"]
    folder = create(admin, base)
    other_base = f"/service/{theirs['id']}/template-folder"
    assert admin.get(other_base).json["template_folders"] == []
    assert admin.post(f"{other_base}/{folder['id']}", json={"name": "Mine"}).status_code == 404
    assert admin.delete(f"{other_base}/{folder['id']}").status_code == 404
    assert admin.post(f"{other_base}/{folder['id']}/contents", json={"templates": [], "folders": []}
                      ).status_code == 404
    moved = admin.post(f"{other_base}/contents", json={"templates": [], "folders": [folder["id"]]})
    assert moved.status_code == 400
    assert moved.json["message"] == f"No folder found with id {folder['id']} for service {theirs['id']}"
    inner = admin.post(other_base, json={"name": "Inner", "parent_id": folder["id"]})
    assert inner.status_code == 400 and inner.json["message"] == "parent_id not found"
    t = template(admin, service, owner)
    filed = admin.post(f"/service/{theirs['id']}/template", json={
        "name": "R", "template_type": "sms", "content": "Hi", "created_by": owner["id"],
        "parent_folder_id": folder["id"]})
    assert filed.status_code == 400 and filed.json["message"] == "parent_folder_id not found"
    stolen = admin.post(f"{other_base}/contents", json={"templates": [t["id"]], "folders": []})
    assert stolen.status_code == 400
    assert stolen.json["message"] == (f"Could not move to folder: No template found with id {t['id']} "
                                      f"for service {theirs['id']}")
    assert admin.get(base).json["template_folders"][0]["name"] == "Reminders"


@pytest.mark.parametrize("body", [
    {"name": "", "parent_id": None},
    {"name": "   ", "parent_id": None},
    {"parent_id": None},
    {"name": "X"},
    {"name": "X", "parent_id": "not-a-uuid"},
    {"name": 5, "parent_id": None},
])
def test_bad_folders_are_400s(admin: AdminClient, base: str, body: dict[str, Any]) -> None:
    result = admin.post(base, json=body)
    assert result.status_code == 400
    assert result.json["result"] == "error"
    assert admin.get(base).json["template_folders"] == []


@pytest.mark.parametrize("body", [{"templates": []}, {"folders": []}, {"templates": ["x"], "folders": []}])
def test_bad_moves_are_400s(admin: AdminClient, base: str, body: dict[str, Any]) -> None:
    result = admin.post(f"{base}/contents", json=body)
    assert result.status_code == 400 and result.json["result"] == "error"


def test_a_member_is_given_only_the_services_own_folders(admin: AdminClient, base: str, service: dict[str, Any],
                                                         owner: dict[str, Any]) -> None:
    mine = create(admin, base)
    theirs = admin.post("/service", json={"name": "Other", "user_id": owner["id"]}).json["data"]
    their_folder = create(admin, f"/service/{theirs['id']}/template-folder", "Theirs")
    colleague = member(admin, service, "colleague@example.gov.uk", [mine["id"], their_folder["id"], str(uuid4())])
    assert folders_of(admin, service, colleague) == [mine["id"]]
    changed = admin.post(f"/user/{colleague}/service/{service['id']}/permission", json={
        "permissions": [], "folder_permissions": [their_folder["id"]]})
    assert changed.status_code == 204
    assert folders_of(admin, service, colleague) == []
