"""The OpenAPI document is true: every route and method of the app is in it, and what the app answers to a
representative call of every documented operation matches the documented shape (jsonschema)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import attrs
import falcon
import jsonschema
import pytest

from notify.domain.constants import KeyType, NotificationType
from notify.entrypoints.http import create_app
from notify.entrypoints.http.openapi import build_document, routes, undocumented, wire_classes
from notify.usecases.app import Notify
from notify.usecases import platform_service, unsubscribe

from .. import factories
from ..conftest import AdminClient
from ..fakes import PROVIDER_AUTH, FrozenClock
from ..v2.conftest import ADDRESS, Fakes, make_world, wire



GATEWAY_SECRET = "gateway-secret-for-tests"


@pytest.fixture
def wired(notify: Notify) -> Notify:
    from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider
    from notify.adapters.queue import SynchronousDeliveryQueue
    from notify.adapters.uploads.memory import InMemoryUploadStore

    from notify.adapters.providers.http_gateway import HttpSmsGateway

    from notify.bootstrap import notify_format_verifiers
    from notify.config import Settings

    from ..fakes import PROVIDER_TOKEN

    gateway = HttpSmsGateway("sms-gateway", url="http://127.0.0.1:9/unused", secret=GATEWAY_SECRET)
    notify = attrs.evolve(notify, uploads=InMemoryUploadStore(), provider_webhooks={gateway.name: gateway},
                          provider_callback_verifiers=notify_format_verifiers(
                              Settings(provider_callback_tokens=(PROVIDER_TOKEN,))))
    return wire(notify, Fakes(FakeSmsProvider(receipt_delay=None), FakeEmailProvider(receipt_delay=None),
                              FakeLetterProvider(receipt_delay=None), SynchronousDeliveryQueue()))


def _served(app: falcon.App) -> set[tuple[str, str]]:
    """What Falcon itself routes (its private tree: only this test reads it, to hold the route table true)."""
    found, stack = set(), list(app._router._roots)  # noqa: SLF001
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        for method, responder in (node.method_map or {}).items():
            if node.resource is not None and getattr(responder, "__self__", None) is node.resource:
                found.add((method, node.uri_template))
    return found


def test_every_route_and_method_of_the_app_is_in_the_document(app: falcon.App) -> None:
    assert undocumented(app) == []
    document = build_document(app)
    documented = {(m.upper(), p) for p, item in document["paths"].items() for m in item}
    answered = {(r.method, r.path) for r in routes(app)}
    assert answered == _served(app)
    assert documented == {(m, p.replace("{version:int}", "{version}")) for m, p in answered}
    assert len(answered) >= 60


def test_every_wire_class_is_in_the_document(app: falcon.App) -> None:
    """Each request and response class of the schemas package is what some route reads or writes (or a base
    of one), so none can linger undocumented."""
    import importlib
    import pkgutil

    from notify.entrypoints.http import schemas

    declared = set()
    for module_info in pkgutil.iter_modules(schemas.__path__):
        module = importlib.import_module(f"{schemas.__name__}.{module_info.name}")
        declared |= {value for value in vars(module).values()
                     if attrs.has(value) and value.__module__ == module.__name__ and isinstance(value, type)}
    declared -= {c for c in declared if c.__module__.endswith(".reading")}  # the reader's own bookkeeping
    covered = wire_classes(app.route_table)
    shared_bases = {base for c in covered for base in c.__mro__[1:]}
    assert declared - covered - shared_bases == set()
    assert len(covered) >= 20


def test_the_document_is_served_without_credentials(app: falcon.App) -> None:
    result = falcon.testing.TestClient(app).simulate_get("/openapi.json")
    assert result.status_code == 200
    assert result.json["openapi"] == "3.1.0"
    assert result.json == build_document(app)
    for path, item in result.json["paths"].items():
        for method, operation in item.items():
            auth = operation["x-auth"]
            assert (operation["security"] == []) == (auth == "none"), (method, path)
            assert "400" in operation["responses"], (method, path)


def _schema(document: dict[str, Any], method: str, path: str, status: int) -> dict[str, Any] | None:
    path = path.replace("{version:int}", "{version}")
    response = document["paths"][path][method.lower()]["responses"][str(status)]
    content = response.get("content")
    if content is None or "application/json" not in content:  # no body, or not JSON (a PDF, a page, a file)
        return None
    return {**content["application/json"]["schema"], "components": document["components"]}


def test_every_documented_response_shape_matches_what_the_app_answers(
        wired: Notify, clock: FrozenClock) -> None:
    world = make_world(wired, clock)
    app = create_app(wired)
    world.app = app
    admin = AdminClient(app, clock)
    api = world.client(KeyType.NORMAL)
    document = build_document(app)
    sid, uid = world.service.id, world.user.id
    other_user = admin.post("/user", json={"name": "Other", "email_address": "other@example.gov.uk",
                                           "password": "a long enough password"}).json["data"]["id"]
    org = admin.post("/organisations", json={"name": "Org", "organisation_type": "central"}).json["id"]
    sms = api.post("/v2/notifications/sms", json={"phone_number": "07700900555",
                                                  "template_id": str(world.sms.id),
                                                  "personalisation": {"name": "A"}}).json["id"]
    from notify.usecases.providers import ensure_default_providers

    ensure_default_providers(wired)
    providers = admin.get("/provider-details").json["provider_details"]
    ids: dict[str, Any] = {"service_id": sid, "user_id": uid, "template_id": world.sms.id, "notification_id": sms,
                           "organisation_id": org, "version": 1, "key_id": world.keys[KeyType.TEAM].id,
                           "notification_type": "sms", "provider": "fake-sms",
                           "provider_id": providers[0]["id"] if providers else uuid4()}
    email_branding = admin.post("/email-branding", json={"name": "Brand", "colour": "#000000"})
    letter_branding = admin.post("/letter-branding", json={"name": "Brand", "filename": "brand"})
    world.update_service(permissions=world.service.permissions | {"inbound_sms", "upload_document"},
                         contact_link="https://example.gov.uk/contact")
    emailed = api.post("/v2/notifications/email", json={
        "email_address": "team.member@example.gov.uk", "template_id": str(world.email.id),
        "personalisation": {"name": {"file": "bmFtZQo=", "filename": "a.txt",
                                     "confirm_email_before_download": False}}}).json
    ids["document_id"] = emailed["content"]["body"].split("/d/", 1)[1].split("/")[1].split(",")[0]
    from notify.usecases.inbound_numbers import add_inbound_numbers
    from notify.usecases.notify_provider_receipts import letter_callback_token

    add_inbound_numbers(wired, ["07700900333"], provider="mmg")
    attachment_id = uuid4()
    ids["letter_attachment_id"] = attachment_id
    from ..pdfs import make_pdf

    uploaded_pdf = uuid4()
    assert wired.uploads is not None
    wired.uploads.put(sid, uploaded_pdf, make_pdf(), {"content_type": "application/pdf"})
    letter_job = admin.post(f"/service/{sid}/job/upload", json={
        "template_id": str(world.letter.id), "original_file_name": "letters.csv",
        "csv": "address_line_1,address_line_2,postcode,name\nThe Occupier,1 High Street,SW1A 1AA,A\n"}).json["data"]["id"]
    admin.post(f"/service/{sid}/job", json={"id": letter_job, "created_by": str(uid)})
    from notify.usecases import jobs

    jobs.process_job(attrs.evolve(wired, queue=None), UUID(letter_job))  # letters wait for the print run
    unprinted = factories.notification(sid, template_id=world.letter.id, notification_type=NotificationType.LETTER,
                                       to="A", created_at=clock.now())
    with wired.uow() as uow:  # a letter still waiting for its print run, for the cancel call
        uow.notifications.add(unprinted)
        uow.commit()

    # (method, route, body, query, kind) in an order that leaves the world usable for the calls after it
    calls: list[tuple[str, str, Any, str, str]] = [
        ("GET", "/_status", None, "", "none"),
        ("POST", "/_status", None, "simple=1", "none"),
        ("GET", "/", None, "", "none"),
        ("POST", "/", None, "", "none"),
        ("GET", "/_status/live-service-and-organisation-counts", None, "", "admin"),
        ("GET", "/sms-rate", None, "", "admin"),
        ("GET", "/letter-rates", None, "", "admin"),
        ("GET", "/service/{service_id}/organisation", None, "", "admin"),
        ("GET", "/complaint", None, "page=1", "admin"),
        ("POST", "/platform-admin/find-by-uuid", {"uuid": str(sid)}, "", "admin"),
        ("POST", "/platform-admin/users-list", {"take_part_in_research": True}, "", "admin"),
        ("GET", "/complaint/count-by-date-range", None, "start_date=2024-01-01&end_date=2024-01-02", "admin"),
        ("GET", "/openapi.json", None, "", "none"),
        ("GET", "/service", None, "detailed=true", "admin"),
        ("POST", "/service", {"name": "Another", "user_id": str(uid)}, "", "admin"),
        ("GET", "/service/find-services-by-name", None, "service_name=Serv", "admin"),
        ("GET", "/service/{service_id}", None, "detailed=true", "admin"),
        ("POST", "/service/{service_id}", {"rate_limit": 3000}, "", "admin"),
        ("GET", "/service/{service_id}/users", None, "", "admin"),
        ("POST", "/service/{service_id}/users/{user_id}", {"permissions": []}, "", "admin:other_user"),
        ("DELETE", "/service/{service_id}/users/{user_id}", None, "", "admin:other_user"),
        ("GET", "/service/{service_id}/history", None, "", "admin"),
        ("GET", "/service/{service_id}/guest-list", None, "", "admin"),
        ("PUT", "/service/{service_id}/guest-list", {"email_addresses": ["a@example.gov.uk"]}, "", "admin"),
        ("GET", "/service/{service_id}/statistics", None, "", "admin"),
        ("GET", "/service/{service_id}/notifications/monthly", None, "year=2024", "admin"),
        ("GET", "/service/{service_id}/template", None, "", "admin"),
        ("POST", "/service/{service_id}/template", {"name": "T", "template_type": "sms", "content": "Hi",
                                                    "created_by": str(uid)}, "", "admin"),
        ("GET", "/service/{service_id}/template/{template_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/template/{template_id}", {"name": "Renamed", "created_by": str(uid)}, "",
         "admin"),
        ("GET", "/service/{service_id}/template/{template_id}/version/{version}", None, "", "admin"),
        ("GET", "/service/{service_id}/template/{template_id}/versions", None, "", "admin"),
        ("GET", "/service/{service_id}/template/{template_id}/preview", None, "name=A", "admin"),
        ("POST", "/service/{service_id}/job/upload", {"template_id": str(world.sms.id), "original_file_name": "a.csv",
                                                      "csv": "phone number,name\n07700900555,A\n"}, "", "admin"),
        ("POST", "/service/{service_id}/job", {"id": "{upload}", "created_by": str(uid),
                                               "scheduled_for": (clock.now() + timedelta(days=1)).isoformat()}, "", "admin"),
        ("GET", "/service/{service_id}/job", None, "", "admin"),
        ("GET", "/service/{service_id}/job/scheduled-job-stats", None, "", "admin"),
        ("GET", "/service/{service_id}/job/{job_id}", None, "", "admin"),
        ("GET", "/service/{service_id}/job/{job_id}/notification_count", None, "", "admin"),
        ("GET", "/service/{service_id}/job/{job_id}/notifications", None, "", "admin"),
        ("GET", "/service/{service_id}/notifications", None, "include_from_test_key=true", "admin"),
        ("POST", "/service/{service_id}/notifications", {"include_from_test_key": True}, "", "admin"),
        ("POST", "/service/{service_id}/send-notification", {"template_id": str(world.email.id),
                                                             "to": world.user.email_address,
                                                             "personalisation": {"name": "A"}, "created_by": str(uid)},
         "", "admin"),
        ("GET", "/service/{service_id}/notifications/count", None, "", "admin"),
        ("GET", "/service/{service_id}/notifications/csv", None, "", "admin"),
        ("POST", "/service/{service_id}/notifications/csv", None, "page_size=1", "admin"),
        ("GET", "/service/{service_id}/notifications/templates_usage/monthly", None, "year=2026", "admin"),
        ("GET", "/service/{service_id}/notifications/{notification_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/data-retention", {"notification_type": "sms", "days_of_retention": 3}, "",
         "admin"),
        ("GET", "/service/{service_id}/data-retention", None, "", "admin"),
        ("GET", "/service/{service_id}/data-retention/{data_retention_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/data-retention/{data_retention_id}", {"days_of_retention": 4}, "", "admin"),
        ("GET", "/service/{service_id}/data-retention/notification-type/{notification_type}", None, "", "admin"),
        ("POST", "/service/{service_id}/billing/free-sms-fragment-limit", {"free_sms_fragment_limit": 10}, "",
         "admin"),
        ("GET", "/service/{service_id}/billing/free-sms-fragment-limit", None, "", "admin"),
        ("GET", "/service/{service_id}/billing/monthly-usage", None, "year=2026", "admin"),
        ("GET", "/service/{service_id}/billing/yearly-usage-summary", None, "year=2026", "admin"),
        ("GET", "/platform-stats", None, "", "admin"),
        ("GET", "/platform-stats/daily-volumes-report", None, "start_date=2026-06-01&end_date=2026-06-30", "admin"),
        ("GET", "/platform-stats/daily-sms-provider-volumes-report", None, "start_date=2026-06-01&end_date=2026-06-30", "admin"),
        ("GET", "/platform-stats/volumes-by-service", None, "start_date=2026-06-01&end_date=2026-06-30", "admin"),
        ("GET", "/platform-stats/data-for-billing-report", None, "start_date=2026-06-01&end_date=2026-06-30", "admin"),
        ("GET", "/platform-stats/data-for-dvla-billing-report", None, "start_date=2026-06-01&end_date=2026-06-30", "admin"),
        ("GET", "/performance-dashboard", None, "", "admin"),
        ("GET", "/service/live-services-data", None, "", "admin"),
        ("GET", "/service/monthly-data-by-service", None, "start_date=2026-06-01&end_date=2026-06-30", "admin"),
        ("GET", "/organisations/{organisation_id}/services-with-usage", None, "year=2026", "admin"),
        ("POST", "/service/{service_id}/job/{job_id}/cancel", None, "", "admin"),
        ("POST", "/service/{service_id}/api-key", {"name": "K", "key_type": "normal", "created_by": str(uid)}, "",
         "admin"),
        ("GET", "/service/{service_id}/api-keys", None, "", "admin"),
        ("GET", "/service/{service_id}/api-keys/{key_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/callback-api", {"url": "https://example.gov.uk/receipts",
                                                        "bearer_token": "a-long-enough-token",
                                                        "updated_by_id": str(uid),
                                                        "callback_type": "delivery_status"}, "", "admin"),
        ("POST", "/service/{service_id}/callback-api/{callback_api_id}",
         {"url": "https://example.gov.uk/moved", "updated_by_id": str(uid), "callback_type": "delivery_status"},
         "", "admin"),
        ("GET", "/service/{service_id}/callback-api/{callback_api_id}", None, "callback_type=delivery_status",
         "admin"),
        ("DELETE", "/service/{service_id}/callback-api/{callback_api_id}", None, "callback_type=delivery_status",
         "admin"),
        ("POST", "/user", {"name": "New", "email_address": "new@example.gov.uk",
                           "password": "a long enough password"}, "", "admin"),
        ("GET", "/user/{user_id}", None, "", "admin"),
        ("POST", "/user/{user_id}", {"name": "Renamed"}, "", "admin"),
        ("POST", "/user/email", {"email": world.user.email_address}, "", "admin"),
        ("POST", "/user/{user_id}/verify/password", {"password": "correct horse battery staple"}, "", "admin"),
        ("POST", "/user/{user_id}/service/{service_id}/permission", {"permissions": []}, "", "admin"),
        ("GET", "/user/{user_id}/organisations-and-services", None, "", "admin"),
        ("POST", "/user/{user_id}/reset-failed-login-count", None, "", "admin"),
        ("POST", "/user/{user_id}/archive", None, "", "admin:other_user"),
        ("POST", "/user/{user_id}/activate", None, "", "admin:other_user"),
        ("GET", "/organisations", None, "", "admin"),
        ("POST", "/organisations", {"name": "Org 2", "organisation_type": "local"}, "", "admin"),
        ("GET", "/organisations/{organisation_id}", None, "", "admin"),
        ("POST", "/organisations/{organisation_id}", {"crown": True}, "", "admin"),
        ("POST", "/organisations/{organisation_id}/service", {"service_id": str(sid)}, "", "admin"),
        ("GET", "/organisations/{organisation_id}/services", None, "", "admin"),
        ("POST", "/organisations/{organisation_id}/users/{user_id}", {}, "", "admin"),
        ("POST", "/user/{user_id}/organisation/{organisation_id}/permissions",
         {"permissions": [{"permission": "can_make_services_live"}]}, "", "admin"),
        ("GET", "/organisations/{organisation_id}/users", None, "", "admin"),
        ("DELETE", "/organisations/{organisation_id}/users/{user_id}", None, "", "admin"),
        ("GET", "/provider-details", None, "", "admin"),
        ("GET", "/provider-details/{provider_id}", None, "", "admin"),
        ("POST", "/provider-details/{provider_id}", {"priority": 20}, "", "admin"),
        ("GET", "/provider-details/{provider_id}/versions", None, "", "admin"),
        ("GET", "/email-branding", None, "", "admin"),
        ("POST", "/email-branding", {"name": "Brand 2"}, "", "admin"),
        ("GET", "/email-branding/{branding_id}", None, "", "admin:email_branding"),
        ("POST", "/email-branding/{branding_id}", {"text": "x"}, "", "admin:email_branding"),
        ("GET", "/letter-branding", None, "", "admin"),
        ("POST", "/letter-branding", {"name": "Brand 2", "filename": "b2"}, "", "admin"),
        ("GET", "/letter-branding/{branding_id}", None, "", "admin:letter_branding"),
        ("POST", "/letter-branding/{branding_id}", {"filename": "b3"}, "", "admin:letter_branding"),
        ("POST", "/service/{service_id}/sms-sender", {"sms_sender": "07700900111", "is_default": False}, "", "admin"),
        ("GET", "/service/{service_id}/sms-sender", None, "", "admin"),
        ("GET", "/service/{service_id}/sms-sender/{sms_sender_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/sms-sender/{sms_sender_id}", {"sms_sender": "07700900111",
                                                                      "is_default": False}, "", "admin"),
        ("POST", "/notifications/sms/receive/fake", {"source": "07700900222", "destination": "447700900111",
                                                     "message": "Hello", "id": "ref-1"}, "", "provider"),
        ("GET", "/service/{service_id}/inbound-sms", None, "phone_number=07700900222&limit=5", "admin"),
        ("POST", "/service/{service_id}/inbound-sms", {"phone_number": "07700900222"}, "", "admin"),
        ("GET", "/service/{service_id}/inbound-sms/summary", None, "", "admin"),
        ("GET", "/service/{service_id}/inbound-sms/{inbound_sms_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/sms-sender/{sms_sender_id}/archive", None, "", "admin"),
        ("POST", "/service/{service_id}/email-reply-to", {"email_address": "replies@example.gov.uk"}, "", "admin"),
        ("GET", "/service/{service_id}/email-reply-to", None, "", "admin"),
        ("GET", "/service/{service_id}/email-reply-to/{reply_to_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/email-reply-to/{reply_to_id}", {"email_address": "other@example.gov.uk"}, "",
         "admin"),
        ("POST", "/service/{service_id}/email-reply-to/{reply_to_id}/archive", None, "", "admin"),
        ("POST", "/service/{service_id}/letter-contact", {"contact_block": "Office", "is_default": True}, "",
         "admin"),
        ("GET", "/service/{service_id}/letter-contact", None, "", "admin"),
        ("GET", "/service/{service_id}/letter-contact/{letter_contact_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/letter-contact/{letter_contact_id}", {"contact_block": "Office 2",
                                                                             "is_default": True}, "", "admin"),
        ("POST", "/service/{service_id}/letter-contact/{letter_contact_id}/archive", None, "", "admin"),
        ("POST", "/v2/notifications/sms", {"phone_number": "07700900555", "template_id": str(world.sms.id),
                                           "personalisation": {"name": "A"}}, "", "service"),
        ("POST", "/v2/notifications/email", {"email_address": "team.member@example.gov.uk",
                                             "template_id": str(world.email.id),
                                             "personalisation": {"name": "A"}}, "", "service"),
        ("POST", "/unsubscribe/{notification_id}/{token}", "List-Unsubscribe=One-Click", "", "none:unsubscribe"),
        ("GET", "/service/{service_id}/unsubscribe-request-statistics", None, "", "admin"),
        ("GET", "/service/{service_id}/unsubscribe-request-reports-summary", None, "", "admin"),
        ("POST", "/service/{service_id}/create-unsubscribe-request-report", {
            "count": 1, "earliest_timestamp": "2000-01-01T00:00:00.000000Z",
            "latest_timestamp": "2100-01-01T00:00:00.000000Z"}, "", "admin"),
        ("GET", "/service/{service_id}/unsubscribe-request-report/{batch_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/process-unsubscribe-request-report/{batch_id}",
         {"report_has_been_processed": True}, "", "admin"),
        ("POST", "/v2/notifications/letter", {"template_id": str(world.letter.id),
                                              "personalisation": {**ADDRESS, "name": "A"}}, "", "service"),
        ("GET", "/v2/notifications/{notification_id}/pdf", None, "", "service:letter"),
        ("POST", "/service/{service_id}/notifications/{notification_id}/cancel", None, "", "admin:unprinted"),
        ("GET", "/d/{service_id}/{document_id}", None, "", "none"),
        ("POST", "/d/{service_id}/{document_id}", None, "", "none"),
        ("GET", "/d/{service_id}/{document_id}/download", None, "", "none"),
        ("GET", "/v2/notifications", None, "", "service"),
        ("GET", "/v2/notifications/{notification_id}", None, "", "service"),
        ("GET", "/v2/template/{template_id}", None, "", "service"),
        ("GET", "/v2/template/{template_id}/version/{version:int}", None, "", "service"),
        ("POST", "/v2/template/{template_id}/preview", {"personalisation": {"name": "A"}}, "", "service"),
        ("GET", "/v2/templates", None, "", "service"),
        ("GET", "/v2/received-text-messages", None, "", "service"),
        ("POST", "/provider-callbacks/{provider}", {"reference": sms, "status": "delivered"}, "",
         "gateway:gateway"),
        ("POST", "/notifications/{notification_type}/fake/{provider}", {"id": sms, "status": "delivered"}, "",
         "provider"),
        ("POST", "/notifications/sms/mmg", {"status": "3", "CID": sms}, "", "provider"),
        ("POST", "/notifications/sms/firetext", f"status=0&reference={sms}", "", "form"),
        ("POST", "/notifications/sms/receive/mmg", {"MSISDN": "447700900222", "Number": "447700900111",
                                                    "Message": "Hi", "ID": "mmg-1"}, "", "provider"),
        ("POST", "/notifications/sms/receive/firetext", "source=447700900222&destination=447700900111&message=Hi",
         "", "form"),
        ("POST", "/notifications/letter/status", {
            "id": "event-1", "time": "2026-06-15T15:00:00Z", "metadata": {"correlationId": "c-1"},
            "data": {"jobId": sms, "jobStatus": "REJECTED", "transitionDate": "2026-06-15T15:00:00Z"}},
         f"token={letter_callback_token(wired, UUID(sms))}", "none"),
        ("POST", "/user/{user_id}/{code_type}-code", {"to": "07700900123"}, "", "admin:sms_code"),
        ("POST", "/user/{user_id}/verify/code", {"code": "{sms_code}", "code_type": "sms"}, "", "admin"),
        ("POST", "/user/{user_id}/update-password", {"_password": "correct horse battery staple"}, "", "admin"),
        ("POST", "/user/find-users-by-email", {"email": "example"}, "", "admin"),
        ("POST", "/user/reset-password", {"email": world.user.email_address}, "", "admin"),
        ("POST", "/user/{user_id}/email-verification", {}, "", "admin"),
        ("POST", "/user/{user_id}/change-email-verification", {"email": "new@example.gov.uk"}, "", "admin"),
        ("POST", "/user/{user_id}/email-already-registered", {"email": "new@example.gov.uk"}, "", "admin"),
        ("POST", "/service/{service_id}/invite", {"email_address": "invited@example.gov.uk", "from_user": str(uid),
                                                  "permissions": "send_messages"}, "", "admin"),
        ("GET", "/service/{service_id}/invite", None, "", "admin"),
        ("GET", "/service/{service_id}/invite/{invited_user_id}", None, "", "admin"),
        ("GET", "/invite/service/{token}", None, "", "admin"),
        ("GET", "/invite/service/check/{token}", None, "", "admin"),
        ("POST", "/service/{service_id}/invite/{invited_user_id}", {"status": "cancelled"}, "", "admin"),
        ("POST", "/service/{service_id}/service-join-request", {"requester_id": "{other_user}",
                                                                "contacted_user_ids": [str(uid)]}, "", "admin"),
        ("GET", "/service/{service_id}/service-join-request/{request_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/service-join-request/{request_id}", {"status": "rejected",
                                                                             "status_changed_by_id": str(uid)}, "",
         "admin"),
        ("POST", "/organisation/{organisation_id}/invite", {"email_address": "invited@example.gov.uk",
                                                            "invited_by": str(uid)}, "", "admin"),
        ("GET", "/organisation/{organisation_id}/invite", None, "", "admin"),
        ("GET", "/organisation/{organisation_id}/invite/{invited_org_user_id}", None, "", "admin"),
        ("GET", "/invite/organisation/{token}", None, "", "admin"),
        ("GET", "/invite/organisation/check/{token}", None, "", "admin"),
        ("POST", "/organisation/{organisation_id}/invite/{invited_org_user_id}", {"status": "cancelled"}, "",
         "admin"),
        ("POST", "/service/{service_id}/template-folder", {"name": "Folder", "parent_id": None}, "", "admin"),
        ("GET", "/service/{service_id}/template-folder", None, "", "admin"),
        ("POST", "/service/{service_id}/template-folder/{template_folder_id}",
         {"name": "Renamed", "users_with_permission": [str(uid)]}, "", "admin"),
        ("POST", "/service/{service_id}/template-folder/{template_folder_id}/contents",
         {"templates": [str(world.sms.id)], "folders": []}, "", "admin"),
        ("POST", "/service/{service_id}/template-folder/contents", {"templates": [str(world.sms.id)], "folders": []},
         "", "admin"),
        ("DELETE", "/service/{service_id}/template-folder/{template_folder_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/contact-list", {"id": str(uuid4()), "original_file_name": "people.csv",
                                                        "row_count": 3, "template_type": "email",
                                                        "created_by": str(uid)}, "", "admin"),
        ("GET", "/service/{service_id}/contact-list", None, "", "admin"),
        ("GET", "/service/{service_id}/contact-list/{contact_list_id}", None, "", "admin"),
        ("DELETE", "/service/{service_id}/contact-list/{contact_list_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/report-request", {"user_id": str(uid), "report_type": "notifications_report"},
         "", "admin"),
        ("GET", "/service/{service_id}/report-request/{request_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/templates/{template_id}/template_email_files",
         {"filename": "guide.pdf", "created_by_id": str(uid)}, "", "admin:email_template"),
        ("POST", "/service/{service_id}/templates/{template_id}/template_email_files/{template_email_file_id}",
         {"pending": False}, "", "admin:email_template"),
        ("GET", "/service/{service_id}/templates/{template_id}/template_email_files", None, "",
         "admin:email_template"),
        ("GET", "/service/{service_id}/templates/{template_id}/template_email_files/{template_email_file_id}", None, "",
         "admin:email_template"),
        ("POST", "/service/{service_id}/templates/{template_id}/template_email_files/{template_email_file_id}/archive",
         {"archived_by_id": str(uid)}, "", "admin:email_template"),
        ("GET", "/inbound-number", None, "", "admin"),
        ("GET", "/inbound-number/available", None, "", "admin"),
        ("POST", "/inbound-number/service/{service_id}", {}, "", "admin"),
        ("GET", "/inbound-number/service/{service_id}", None, "", "admin"),
        ("GET", "/service/{service_id}/inbound-sms/most-recent-usage", None, "", "admin"),
        ("POST", "/inbound-number/service/{service_id}/off", None, "", "admin"),
        ("POST", "/service/{service_id}/inbound-sms/remove", {"archive": False}, "", "admin"),
        ("GET", "/service/{service_id}/template-statistics", None, "whole_days=7", "admin"),
        ("GET", "/service/{service_id}/template-statistics/last-used/{template_id}", None, "", "admin"),
        ("GET", "/service/{service_id}/upload", None, "", "admin"),
        ("GET", "/service/{service_id}/upload/uploaded-letters/{letter_print_date}", None, "", "admin:print_day"),
        ("GET", "/service/{service_id}/template/precompiled", None, "", "admin"),
        ("GET", "/service/{service_id}/template/preview/{notification_id}/{file_type}", None, "", "admin:letter_pdf"),
        ("POST", "/letters/returned", {"references": ["REF0000000000001"]}, "", "admin"),
        ("POST", "/service/{service_id}/send-pdf-letter", {
            "file_id": str(uploaded_pdf), "filename": "letter.pdf", "created_by": str(uid),
            "recipient_address": "The Occupier%0A1 High Street%0ASW1A 1AA", "postage": "second"}, "", "admin"),
        ("POST", "/service/{service_id}/job/{job_id}/cancel-letter-job", None, "", "admin:letter_job"),
        ("POST", "/letter-attachment", {"upload_id": str(attachment_id), "created_by_id": str(uid),
                                        "original_filename": "extra.pdf", "page_count": 1,
                                        "template_id": str(world.letter.id)}, "", "admin"),
        ("GET", "/letter-attachment/{letter_attachment_id}", None, "", "admin"),
        ("POST", "/letter-attachment/{letter_attachment_id}/archive", {"archived_by": str(uid)}, "", "admin"),
        ("GET", "/service/{service_id}/returned-letter-statistics", None, "", "admin"),
        ("GET", "/service/{service_id}/returned-letter-summary", None, "", "admin"),
        ("GET", "/service/{service_id}/returned-letters", None, "reported_at=2026-06-15", "admin"),
        ("POST", "/user/{user_id}/webauthn", {"name": "Key", **_registered_key()}, "", "admin"),
        ("GET", "/user/{user_id}/webauthn", None, "", "admin"),
        ("POST", "/user/{user_id}/webauthn/{webauthn_credential_id}", {"name": "Office key"}, "", "admin"),
        ("POST", "/user/{user_id}/complete/webauthn-login", {"successful": True}, "", "admin"),
        ("DELETE", "/user/{user_id}/webauthn/{webauthn_credential_id}", None, "", "admin"),
        ("POST", "/service/{service_id}/api-key/revoke/{key_id}", {}, "", "admin"),
        ("POST", "/service/{service_id}/archive", None, "", "admin"),
        ("GET", "/organisations/by-domain", None, "domain=empty.gov.uk", "admin"),
        ("GET", "/organisations/search", None, "name=org", "admin"),
        ("GET", "/service/{service_id}/inbound-sms/most-recent", None, "page=1", "admin"),
        ("GET", "/email-branding/{branding_id}/orgs_and_services", None, "", "admin:email_branding"),
        ("GET", "/letter-branding/{branding_id}/orgs_and_services", None, "", "admin:letter_branding"),
        ("POST", "/email-branding/get-name-for-alt-text", {"alt_text": "Blue"}, "", "admin"),
        ("POST", "/letter-branding/get-unique-name", {"name": "HM Blue"}, "", "admin"),
        ("POST", "/organisations/{organisation_id}/email-branding-pool", {"branding_ids": ["{email_branding}"]}, "",
         "admin:email_branding"),
        ("GET", "/organisations/{organisation_id}/email-branding-pool", None, "", "admin"),
        ("DELETE", "/organisations/{organisation_id}/email-branding-pool/{email_branding_id}", None, "",
         "admin:email_branding"),
        ("POST", "/organisations/{organisation_id}/letter-branding-pool", {"branding_ids": ["{letter_branding}"]},
         "", "admin:letter_branding"),
        ("GET", "/organisations/{organisation_id}/letter-branding-pool", None, "", "admin"),
        ("DELETE", "/organisations/{organisation_id}/letter-branding-pool/{letter_branding_id}", None, "",
         "admin:letter_branding"),
        ("POST", "/email-branding/{branding_id}/archive", None, "", "admin:spare_email_branding"),
        ("POST", "/events", {"event_type": "sucessful_login", "data": {"user_id": str(uid)}}, "", "admin"),
        ("GET", "/protected-sender-id/check", None, "sender_id=GOVUK", "admin"),
        ("POST", "/organisations/notify-users-of-request-to-go-live/{service_id}", None, "", "admin:go_live"),
        ("POST", "/organisations/notify-org-member-about-next-steps-of-go-live-request/{service_id}",
         {"to": "approver@example.gov.uk", "service_name": "Going live", "body": "Next"}, "", "admin:go_live"),
        ("POST", "/organisations/notify-service-member-of-rejected-go-live-request/{service_id}", {
            "name": "A", "service_name": "Going live", "organisation_name": "Org", "reason": "Not yet",
            "organisation_team_member_name": "B", "organisation_team_member_email": "b@example.gov.uk"}, "",
         "admin:go_live"),
        ("POST", "/service/{service_id}/email-reply-to/verify", {"email": "check@example.gov.uk"}, "", "admin"),
        ("POST", "/organisations/{organisation_id}/archive", None, "", "admin:empty_org"),
    ]
    extra = {"other_user": {"user_id": other_user},
             "email_branding": {"branding_id": (email_branding.json.get("data") or {}).get("id"),
                                "email_branding_id": (email_branding.json.get("data") or {}).get("id")},
             "letter_branding": {"branding_id": letter_branding.json.get("id"),
                                 "letter_branding_id": letter_branding.json.get("id")},
             "spare_email_branding": {"branding_id": admin.post("/email-branding", json={
                 "name": "Spare"}).json["data"]["id"]},
             "go_live": {"service_id": _requesting_to_go_live(admin, org, uid)},
             "gateway": {"provider": "sms-gateway"}, "unprinted": {"notification_id": unprinted.id},
             "sms_code": {"code_type": "sms"}, "letter_job": {"job_id": letter_job}, "print_day": {"letter_print_date": "2026-06-15"},
             "email_template": {"template_id": world.email.id},
             "empty_org": {"organisation_id": admin.post("/organisations", json={
                 "name": "Empty", "organisation_type": "central", "domains": ["empty.gov.uk"]}).json["id"]}}
    checked = set()
    raw = falcon.testing.TestClient(app)
    for method, route, body, query, kind in calls:
        kind, _, more = kind.partition(":")
        path = route.replace("{version:int}", "{version}").format(**{**ids, **extra.get(more, {})})
        if isinstance(body, dict) and body.get("id") == "{upload}":
            body = {**body, "id": ids["job_id"]}
        if isinstance(body, dict) and body.get("branding_ids") in (["{email_branding}"], ["{letter_branding}"]):
            body = {"branding_ids": [extra[more]["branding_id"]]}
        if isinstance(body, dict) and body.get("requester_id") == "{other_user}":
            body = {**body, "requester_id": other_user}
        if isinstance(body, dict) and body.get("code") == "{sms_code}":  # the code the platform service texted
            with wired.uow() as uow:
                texted = uow.notifications.list_for_service(platform_service.SERVICE_ID)[0]
            body = {**body, "code": texted.personalisation["verify_code"]}
        if kind == "admin":
            result = admin._call(method, path, json=body, query_string=query)  # noqa: SLF001
        elif kind == "service":
            result = api._call(method, path, json=body, query_string=query)  # noqa: SLF001
        elif kind == "gateway":  # a real provider's callback, signed as the HTTP SMS gateway signs
            from notify.adapters.providers.signing import signed_headers

            data = json.dumps(body).encode()
            result = raw.simulate_request(method, path, body=data, query_string=query,
                                          headers=signed_headers(GATEWAY_SECRET, data, clock.now()))
        elif kind == "form":  # a provider posting a form, as Firetext does
            result = raw.simulate_request(method, path, body=body, query_string=query, headers={
                **PROVIDER_AUTH, "Content-Type": "application/x-www-form-urlencoded"})
        else:
            headers = PROVIDER_AUTH if kind == "provider" else {}
            if isinstance(body, str):  # a form, as mail clients post a one-click unsubscribe
                result = raw.simulate_request(method, path, body=body, query_string=query, headers={
                    **headers, "Content-Type": "application/x-www-form-urlencoded"})
            else:
                result = raw.simulate_request(method, path, json=body, query_string=query, headers=headers)
        assert 200 <= result.status_code < 300, (method, route, result.status_code, result.text)
        schema = _schema(document, method, route, result.status_code)
        if schema is not None:
            jsonschema.validate(result.json, schema)
        checked.add((method, route))
        if route.endswith("/job/upload"):
            ids["job_id"] = result.json["data"]["id"]
        if (method, route) == ("POST", "/service/{service_id}/sms-sender"):
            ids["sms_sender_id"] = result.json["id"]
        if (method, route) == ("POST", "/service/{service_id}/email-reply-to"):
            ids["reply_to_id"] = result.json["data"]["id"]
        if (method, route) == ("POST", "/service/{service_id}/letter-contact"):
            ids["letter_contact_id"] = result.json["data"]["id"]
        if (method, route) == ("POST", "/user/{user_id}/webauthn"):
            ids["webauthn_credential_id"] = result.json["data"]["id"]
        if (method, route) == ("POST", "/v2/notifications/email"):
            with wired.uow() as uow:
                emailed_now = uow.notifications.get(sid, UUID(result.json["id"]))
            link = unsubscribe.unsubscribe_url(wired, emailed_now, template_asks=True) or ""
            extra["unsubscribe"] = {"notification_id": emailed_now.id, "token": link.rsplit("/", 1)[1]}
        if (method, route) == ("POST", "/service/{service_id}/create-unsubscribe-request-report"):
            ids["batch_id"] = result.json["report_id"]
        if (method, route) == ("POST", "/v2/notifications/letter"):
            extra["letter"] = {"notification_id": result.json["id"]}
            extra["letter_pdf"] = {"notification_id": result.json["id"], "file_type": "pdf"}
        if (method, route) == ("GET", "/service/{service_id}/inbound-sms"):
            ids["inbound_sms_id"] = result.json["data"][0]["id"]
        if (method, route) == ("POST", "/service/{service_id}/data-retention"):
            ids["data_retention_id"] = result.json["result"]["id"]
        if (method, route) == ("POST", "/organisation/{organisation_id}/invite"):
            ids["invited_org_user_id"] = result.json["data"]["id"]
            with wired.uow() as uow:
                [invitation] = [n for n in uow.notifications.list_for_service(platform_service.SERVICE_ID)
                                if n.template_id == platform_service.ORGANISATION_INVITE]
            ids["token"] = invitation.personalisation["url"].rsplit("/", 1)[1]
        if (method, route) == ("POST", "/service/{service_id}/service-join-request"):
            ids["request_id"] = result.json["service_join_request_id"]
        if (method, route) == ("POST", "/service/{service_id}/invite"):
            ids["invited_user_id"] = result.json["data"]["id"]
            with wired.uow() as uow:
                [invitation] = [n for n in uow.notifications.list_for_service(platform_service.SERVICE_ID)
                                if n.template_id == platform_service.SERVICE_INVITE]
            ids["token"] = invitation.personalisation["url"].rsplit("/", 1)[1]
        if (method, route) == ("POST", "/service/{service_id}/template-folder"):
            ids["template_folder_id"] = result.json["data"]["id"]
        if (method, route) == ("POST", "/service/{service_id}/contact-list"):
            ids["contact_list_id"] = result.json["id"]
        if (method, route) == ("POST", "/service/{service_id}/report-request"):
            ids["request_id"] = result.json["data"]["id"]
        if (method, route) == ("POST", "/service/{service_id}/templates/{template_id}/template_email_files"):
            ids["template_email_file_id"] = result.json["data"]["id"]
        if (method, route) == ("POST", "/service/{service_id}/callback-api"):
            ids["callback_api_id"] = result.json["data"]["id"]
    assert checked == {(r.method, r.path) for r in routes(app)}


def _requesting_to_go_live(admin: Any, organisation_id: str, user_id: UUID) -> str:
    """A trial service in the organisation that `user_id` asked to make live."""
    service_id = admin.post("/service", json={"name": "Going live", "user_id": str(user_id)}).json["data"]["id"]
    admin.post(f"/organisations/{organisation_id}/service", json={"service_id": service_id})
    admin.post(f"/service/{service_id}", json={"go_live_user": str(user_id)})
    return str(service_id)


def _registered_key() -> dict[str, str]:
    """A security key as the admin app posts it once it has verified the registration."""
    from notify.adapters.webauthn import PyWebauthnVerifier

    from ..software_authenticator import ORIGIN, RP_ID, SoftwareAuthenticator

    challenge = b"a registration challenge"
    key = PyWebauthnVerifier().verify_registration(SoftwareAuthenticator().register(challenge), challenge=challenge,
                                                   origin=ORIGIN, rp_id=RP_ID)
    return {"credential_data": key.credential_data, "registration_response": key.registration_response}


def test_documented_error_shapes_match_what_the_app_answers(app: falcon.App, admin: AdminClient) -> None:
    document = build_document(app)
    raw = falcon.testing.TestClient(app)
    cases = [
        (admin.get(f"/service/{uuid4()}"), "GET", "/service/{service_id}"),
        (admin.post("/service", json={"name": ""}), "POST", "/service"),
        (raw.simulate_get("/service"), "GET", "/service"),
        (raw.simulate_get("/v2/notifications"), "GET", "/v2/notifications"),
        (raw.simulate_post("/v2/notifications/sms", headers={"Authorization": "Bearer x"}), "POST",
         "/v2/notifications/sms"),
    ]
    for result, method, route in cases:
        assert 400 <= result.status_code < 500
        jsonschema.validate(result.json, _schema(document, method, route, result.status_code))
