"""The page an email's body links to: the reader confirms, and the service gets one unsubscribe request."""

from __future__ import annotations

from urllib.parse import urlsplit
from uuid import UUID

from notify.domain.constants import NotificationType, TemplateType
from notify.embedded import Platform
from notify.usecases import unsubscribe

from .. import factories
from .conftest import Browser


def _body_link(platform: Platform) -> tuple[str, UUID]:
    notify = platform.core
    service = factories.create_service(notify)
    template = factories.create_template(notify, service, template_type=TemplateType.EMAIL, has_unsubscribe_link=True)
    n = factories.notification(service.id, template_id=template.id, template_version=template.version,
                               notification_type=NotificationType.EMAIL, to="reader@example.com",
                               normalised_to="reader@example.com")
    with notify.uow() as uow:
        uow.notifications.add(n)
        uow.commit()
    header, body = unsubscribe.unsubscribe_links(notify, n, template_asks=True)
    assert header is not None and body is not None
    return urlsplit(body).path, service.id


def test_the_reader_confirms_and_the_service_gets_one_request(browser: Browser, platform: Platform) -> None:
    page, service_id = _body_link(platform)
    assert page.startswith("/admin-ui/unsubscribe/")
    shown = browser.get(page)
    assert shown.status_code == 200 and "Unsubscribe from these emails" in shown.text
    assert unsubscribe.statistics(platform.core, service_id) is None  # following the link is not enough
    done = browser.post(page, {})
    assert done.status_code == 200 and "You are unsubscribed" in done.text
    stats = unsubscribe.statistics(platform.core, service_id)
    assert stats is not None and stats.waiting == 1


def test_a_forged_link_is_not_found(browser: Browser, platform: Platform) -> None:
    page, _ = _body_link(platform)
    forged = page[:-4] + "AAAA"
    assert browser.get(forged).status_code == 404
    assert browser.get("/admin-ui/unsubscribe/not-an-id/token").status_code == 404
