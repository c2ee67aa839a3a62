"""Templates pages: list, new with preview and fragment count, edit (a new version), versions, delete; another
service's pages are not found."""

from __future__ import annotations

import re
from uuid import UUID

from notify.domain.constants import TemplateType
from notify.embedded import Platform
from notify.usecases import services, template_folders, templates

from .conftest import Browser, sign_in


def new_service(browser: Browser, name: str = "Tax reminders") -> str:
    browser.get("/admin-ui/")
    result = browser.post("/admin-ui/", {"name": name})
    assert result.status_code == 303
    found = re.search(r"/services/([0-9a-f-]+)/templates$", result.headers["location"])
    assert found
    return found.group(1)


def new_template(browser: Browser, service_id: str, kind: str = "sms", **fields: str) -> str:
    path = f"/admin-ui/services/{service_id}/templates/new?type={kind}"
    browser.get(path)
    result = browser.post(path, {"name": "Reminder", "content": "Hello ((name)), pay by ((date))", **fields,
                                 "action": "save"})
    assert result.status_code == 303, result.text
    return result.headers["location"].rsplit("/", 1)[-1]


def test_a_new_text_message_template_is_previewed_with_its_fragment_count_then_saved(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    path = f"/admin-ui/services/{service_id}/templates/new?type=sms"
    signed_in.get(path)
    preview = signed_in.post(path, {"name": "Reminder", "content": "x" * 161, "action": "preview"})
    assert preview.status_code == 200 and "sent as 2 text messages" in preview.text
    template_id = new_template(signed_in, service_id)
    listed = signed_in.get(f"/admin-ui/services/{service_id}/templates")
    assert "Reminder" in listed.text and template_id in listed.text
    shown = signed_in.get(f"/admin-ui/services/{service_id}/templates/{template_id}")
    assert "Hello ((name)), pay by ((date))" in shown.text and "version 1" in shown.text


def test_an_email_template_needs_a_subject_and_shows_each_problem(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    path = f"/admin-ui/services/{service_id}/templates/new?type=email"
    signed_in.get(path)
    result = signed_in.post(path, {"name": "", "subject": "", "content": "", "action": "save"})
    assert result.status_code == 400
    for message in ("Enter a name for this template", "Enter a subject", "Enter the message"):
        assert message in result.text
    assert 'href="#subject"' in result.text


def test_editing_makes_a_new_version_and_the_history_shows_both(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id, "email", subject="Your tax")
    edit = f"/admin-ui/services/{service_id}/templates/{template_id}/edit"
    assert "Your tax" in signed_in.get(edit).text
    result = signed_in.post(edit, {"name": "Reminder", "subject": "Your tax", "content": "Changed ((name))",
                                   "action": "save"})
    assert result.status_code == 303
    versions = signed_in.get(f"/admin-ui/services/{service_id}/templates/{template_id}/versions")
    assert "Version 2" in versions.text and "Version 1" in versions.text and "Changed ((name))" in versions.text
    assert "Ada Admin" in versions.text


def test_a_deleted_template_leaves_the_list(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id, "letter", subject="Your tax")
    archive = f"/admin-ui/services/{service_id}/templates/{template_id}/archive"
    assert "Are you sure" in signed_in.get(archive).text
    assert signed_in.post(archive, {}).status_code == 303
    assert template_id not in signed_in.get(f"/admin-ui/services/{service_id}/templates").text
    assert signed_in.get(f"/admin-ui/services/{service_id}/templates/{template_id}").status_code == 404


def test_another_services_pages_are_not_found(signed_in: Browser, platform: Platform) -> None:
    owner = platform.create_user(name="Other", email_address="other@example.gov.uk", password="a long password")
    other = platform.create_service(name="Someone else's", owner=owner)
    template = platform.create_template(other, name="Theirs", type="sms", content="Hi")
    member = platform.create_user(name="Member", email_address="member@example.gov.uk", password="a long password")
    platform.create_service(name="Their own", owner=member)
    signed_in.get("/admin-ui/")
    signed_in.post("/admin-ui/sign-out", {})
    sign_in(signed_in, platform, "member@example.gov.uk", "a long password")
    assert "Their own" in signed_in.get("/admin-ui/").text
    for path in (f"/admin-ui/services/{other.id}/dashboard", f"/admin-ui/services/{other.id}/activity",
                 f"/admin-ui/services/{other.id}/templates",
                 f"/admin-ui/services/{other.id}/templates/new",
                 f"/admin-ui/services/{other.id}/templates/{template.id}", "/admin-ui/services/not-an-id/templates"):
        page = signed_in.get(path)
        assert page.status_code == 404 and "Page not found" in page.text, (path, page.text[-600:])


def test_unknown_templates_and_types_are_not_found(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    assert signed_in.get(f"/admin-ui/services/{service_id}/templates/new?type=fax").status_code == 404
    assert signed_in.get(f"/admin-ui/services/{service_id}/templates/{service_id}").status_code == 404


def test_a_template_in_a_folder_not_shared_with_a_member_is_hidden_from_them(signed_in: Browser,
                                                                            platform: Platform) -> None:
    service_id = new_service(signed_in)
    service = UUID(service_id)
    member = platform.create_user(name="Member", email_address="member@example.gov.uk", password="a long password")
    services.add_user_to_service(platform.core, service, member.id, permissions=["view_activity"])
    with platform.core.uow() as uow:
        ada = uow.users.find_by_email("ada@example.gov.uk")
    assert ada is not None
    private = template_folders.create_folder(platform.core, service, name="Private", parent_id=None)
    template_folders.update_folder(platform.core, service, private.folder.id, name="Private",
                                   users_with_permission=[ada.id])
    hidden = templates.create_template(platform.core, service, name="Hidden one", template_type=TemplateType.SMS,
                                       content="Hi", created_by=ada.id, folder_id=private.folder.id)
    shown = new_template(signed_in, service_id)
    folder = f"/admin-ui/services/{service_id}/templates?folder={private.folder.id}"
    top = signed_in.get(f"/admin-ui/services/{service_id}/templates").text
    assert "Private" in top and "Hidden one" not in top  # shared with Ada: the folder, its template inside
    assert "Hidden one" in signed_in.get(folder).text
    signed_in.post("/admin-ui/sign-out", {})
    sign_in(signed_in, platform, "member@example.gov.uk", "a long password")
    listed = signed_in.get(f"/admin-ui/services/{service_id}/templates")
    assert listed.status_code == 200 and shown in listed.text and "Private" not in listed.text
    assert signed_in.get(folder).status_code == 404
    assert signed_in.get(f"/admin-ui/services/{service_id}/templates/{hidden.id}").status_code == 404
    assert signed_in.get(f"/admin-ui/services/{service_id}/templates/{shown}").status_code == 200


def test_folders_made_on_the_page_hold_the_templates_made_in_them(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    page = f"/admin-ui/services/{service_id}/templates"
    signed_in.get(page)
    refused = signed_in.post(page, {"name": "  "})
    assert refused.status_code == 400 and "Enter a name for the folder" in refused.text
    made = signed_in.post(page, {"name": "Reminders"})
    assert made.status_code == 303
    folder_page = made.headers["location"].removeprefix("http://falconframework.org")
    signed_in.get(folder_page)
    inner = signed_in.post(folder_page, {"name": "Tax"})  # a folder inside it
    tax_page = inner.headers["location"].removeprefix("http://falconframework.org")
    listed = signed_in.get(folder_page).text
    assert "Tax" in listed and "Reminders" in listed
    new = tax_page.replace("/templates?folder=", "/templates/new?type=sms&folder=")
    signed_in.get(new)
    saved = signed_in.post(new, {"name": "Pay by Friday", "content": "Pay by Friday", "action": "save"})
    assert saved.status_code == 303
    assert "Pay by Friday" in signed_in.get(tax_page).text
    assert "Pay by Friday" not in signed_in.get(page).text and "Reminders" in signed_in.get(page).text
    assert signed_in.get(f"{page}?folder={service_id}").status_code == 404
