"""A spreadsheet of recipients: row problems shown before anything is sent, then a job and its progress."""

from __future__ import annotations

import re

from notify.embedded import Platform

from .conftest import Browser
from .test_templates import new_service, new_template


def upload(browser: Browser, path: str, csv: str, *, token: str | None = None) -> object:
    boundary = "----notifyboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            f"{token or browser.csrf_token()}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n")
    return browser._remember(browser.client.simulate_post(
        path, cookies=browser.cookies, body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}))


def test_row_problems_are_shown_before_anything_is_sent(signed_in: Browser, platform: Platform) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id, "email", subject="Your tax")
    path = f"/admin-ui/services/{service_id}/templates/{template_id}/upload"
    assert "email address" in signed_in.get(path).text
    before = len(platform.outbox)
    result = upload(signed_in, path, "email address,name,date\nada@example.gov.uk,Ada,Friday\nnot-an-email,Bob,Monday\n")
    assert result.status_code == 400  # type: ignore[attr-defined]
    assert re.search(r"<td>3</td><td>email address</td>", signed_in.page), signed_in.page[signed_in.page.find("<main"):]
    assert len(platform.outbox) == before


def test_a_checked_file_becomes_a_job_whose_progress_is_shown(signed_in: Browser, platform: Platform) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id, "email", subject="Your tax")
    path = f"/admin-ui/services/{service_id}/templates/{template_id}/upload"
    signed_in.get(path)
    result = upload(signed_in, path, "email address,name,date\nada@example.gov.uk,Ada,Friday\n")
    assert result.status_code == 200 and "Send 1 message" in signed_in.page  # type: ignore[attr-defined]
    send_path = re.search(r'action="(/admin-ui/services/[^"]+/send)"', signed_in.page)
    assert send_path
    started = signed_in.post(send_path.group(1), {})
    assert started.status_code == 303
    job = signed_in.get(started.headers["location"].removeprefix("http://falconframework.org"))
    assert job.status_code == 200 and "people.csv" in job.text and "of 1 sent" in job.text
    assert signed_in.post(send_path.group(1), {}).status_code == 404  # started once only


def test_an_upload_needs_a_file_and_its_csrf_token(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id)
    path = f"/admin-ui/services/{service_id}/templates/{template_id}/upload"
    signed_in.get(path)
    assert upload(signed_in, path, "", token="forged").status_code == 403  # type: ignore[attr-defined]
    signed_in.get(path)
    assert upload(signed_in, path, "").status_code == 400  # type: ignore[attr-defined]
    assert "Choose a CSV file" in signed_in.page


def test_unknown_jobs_are_not_found(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    assert signed_in.get(f"/admin-ui/services/{service_id}/jobs/{service_id}").status_code == 404
