"""The platform admin's pages: services, organisations, users searched by address, providers (a change of
priority or use kept as a new version by this admin) and usage; for anyone else they are not found."""

from __future__ import annotations

import re
from datetime import timedelta

from notify.embedded import Platform
from notify.usecases import organisations, provider_health, providers

from .conftest import Browser, sign_in
from .test_templates import new_service

AREAS = ("services", "organisations", "users", "providers", "usage")


def test_each_list_shows_the_platform(signed_in: Browser, platform: Platform) -> None:
    new_service(signed_in, "Tax reminders")
    organisations.create_organisation(platform.core, name="Ministry of Tests")
    platform.create_user(name="Bea", email_address="bea@example.gov.uk", password="a long password")
    assert "/admin-ui/platform/services" in signed_in.get("/admin-ui/").text
    pages = {area: signed_in.get(f"/admin-ui/platform/{area}") for area in AREAS}
    assert all(page.status_code == 200 for page in pages.values())
    assert re.search(r"Tax reminders</a></td>\s*<td></td>\s*<td>trial</td>", pages["services"].text)
    named = signed_in.get("/admin-ui/platform/services?name=REMIND")
    assert "Tax reminders" in named.text and "Notify sign-in" not in named.text
    assert "No service found" in signed_in.get("/admin-ui/platform/services?name=nothing-like-it").text
    assert "Ministry of Tests" in pages["organisations"].text
    assert "bea@example.gov.uk" not in pages["users"].text  # nobody listed until searched for
    found = signed_in.get("/admin-ui/platform/users?email=BEA@")
    assert found.status_code == 200 and "bea@example.gov.uk" in found.text and "ada@example.gov.uk" not in found.text
    assert "No user found" in signed_in.get("/admin-ui/platform/users?email=nobody@").text
    assert re.search(r'<th scope="row">Emails</th><td>1</td>', pages["usage"].text)  # Ada's sign-in code


def test_an_admin_changes_a_providers_priority_and_use(signed_in: Browser, platform: Platform) -> None:
    providers.ensure_default_providers(platform.core)  # as notify serve does at start
    view = next(v for v in providers.list_providers(platform.core) if v.provider.notification_type.value == "sms")
    provider = view.provider
    page = signed_in.get("/admin-ui/platform/providers")
    assert f'id="provider-{provider.identifier}"' in page.text and "Healthy" in page.text
    result = signed_in.post(f"/admin-ui/platform/providers/{provider.id}", {"priority": "7"})  # box unticked
    assert result.status_code == 303
    page = signed_in.get("/admin-ui/platform/providers")
    assert f"{provider.display_name} changed" in page.text
    changed = providers.get_provider(platform.core, provider.id)
    assert (changed.provider.priority, changed.provider.active) == (7, False)
    assert changed.provider.version == provider.version + 1 and changed.created_by is not None
    assert changed.created_by.name == "Ada Admin"
    refused = signed_in.post(f"/admin-ui/platform/providers/{provider.id}", {"priority": "0", "active": "yes"})
    assert refused.status_code == 400 and f'href="#priority-{provider.id}"' in refused.text
    assert providers.get_provider(platform.core, provider.id).provider.priority == 7
    assert signed_in.post(f"/admin-ui/platform/providers/{platform.core.ids.new()}",
                          {"priority": "5"}).status_code == 404


def test_platform_pages_are_not_found_for_anyone_else(signed_in: Browser, platform: Platform) -> None:
    provider = providers.ensure_default_providers(platform.core)[0]
    platform.create_user(name="Bea", email_address="bea@example.gov.uk", password="a long password")
    signed_in.get("/admin-ui/")
    signed_in.post("/admin-ui/sign-out", {})
    sign_in(signed_in, platform, "bea@example.gov.uk", "a long password")
    assert "/platform/" not in signed_in.get("/admin-ui/").text
    for area in AREAS:
        page = signed_in.get(f"/admin-ui/platform/{area}")
        assert page.status_code == 404 and "Page not found" in page.text
    signed_in.get("/admin-ui/")
    assert signed_in.post(f"/admin-ui/platform/providers/{provider.id}", {"priority": "1"}).status_code == 404
    assert providers.get_provider(platform.core, provider.id).provider.priority == provider.priority


def test_a_provider_demoted_by_failover_shows_until_when(signed_in: Browser, platform: Platform) -> None:
    demoted, healthy = [p for p in providers.ensure_default_providers(platform.core)][:2]
    until = (platform.core.clock.now() + timedelta(minutes=5)).replace(microsecond=0)
    with platform.core.uow() as uow:
        provider_health.record_demotion(uow, demoted.identifier, until=until)
        uow.commit()
    page = signed_in.get("/admin-ui/platform/providers").text
    row = re.search(rf'id="provider-{demoted.identifier}">(.*?)</tr>', page, re.S)
    other = re.search(rf'id="provider-{healthy.identifier}">(.*?)</tr>', page, re.S)
    assert row and other
    assert f"Demoted until {until:%H:%M:%S} UTC" in row.group(1) and "Healthy" in other.group(1)
