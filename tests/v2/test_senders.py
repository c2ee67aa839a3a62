"""POST /v2/notifications/{sms,email} with sms_sender_id / email_reply_to_id: the chosen sender is what the
response shows, what the notification keeps (reply_to_text) and what the provider is given."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from notify.domain.notification import Notification
from notify.usecases import senders

from .conftest import ApiClient, Fakes, World, make_world


def sms(world: World, **overrides: Any) -> dict[str, Any]:
    return {"phone_number": "07700900123", "template_id": str(world.sms.id), "personalisation": {"name": "Jo"},
            **overrides}


def email(world: World, **overrides: Any) -> dict[str, Any]:
    return {"email_address": "someone@example.com", "template_id": str(world.email.id),
            "personalisation": {"name": "Jo"}, **overrides}


def stored(world: World, notification_id: str) -> Notification:
    with world.notify.uow() as uow:
        return uow.notifications.get(world.service.id, UUID(notification_id))


def test_without_a_sender_id_the_services_default_sender_is_used(world: World, api: ApiClient, fakes: Fakes) -> None:
    result = api.post("/v2/notifications/sms", json=sms(world))
    assert result.json["content"]["from_number"] == "GOVUK"
    assert stored(world, result.json["id"]).reply_to_text == "GOVUK"
    senders.add_sms_sender(world.notify, world.service.id, sms_sender="07700900111", is_default=True)
    result = api.post("/v2/notifications/sms", json=sms(world))
    assert result.json["content"]["from_number"] == "447700900111"
    assert stored(world, result.json["id"]).reply_to_text == "447700900111"
    assert fakes.sms.sent[-1].details["sender"] == "447700900111"


def test_a_chosen_sms_sender_is_shown_kept_and_given_to_the_provider(world: World, api: ApiClient,
                                                                    fakes: Fakes) -> None:
    chosen = senders.add_sms_sender(world.notify, world.service.id, sms_sender="Tax", is_default=False)
    result = api.post("/v2/notifications/sms", json=sms(world, sms_sender_id=str(chosen.id)))
    assert result.status_code == 201, result.json
    assert result.json["content"]["from_number"] == "Tax"
    assert stored(world, result.json["id"]).reply_to_text == "Tax"
    assert fakes.sms.sent[-1].details["sender"] == "Tax"


def test_a_chosen_reply_to_is_kept_and_given_to_the_provider(world: World, api: ApiClient, fakes: Fakes) -> None:
    result = api.post("/v2/notifications/email", json=email(world))
    assert stored(world, result.json["id"]).reply_to_text is None  # no reply-to address yet
    default = senders.add_reply_to(world.notify, world.service.id, email_address="main@example.gov.uk",
                                   is_default=True)
    other = senders.add_reply_to(world.notify, world.service.id, email_address="other@example.gov.uk",
                                 is_default=False)
    result = api.post("/v2/notifications/email", json=email(world))
    assert stored(world, result.json["id"]).reply_to_text == default.email_address
    result = api.post("/v2/notifications/email", json=email(world, email_reply_to_id=str(other.id)))
    assert result.status_code == 201, result.json
    assert stored(world, result.json["id"]).reply_to_text == "other@example.gov.uk"
    assert fakes.email.sent[-1].details["reply_to"] == "other@example.gov.uk"


def test_archived_unknown_or_another_services_senders_are_refused(world: World, api: ApiClient) -> None:
    other_world = make_world(world.notify, world.clock)
    theirs = senders.add_sms_sender(world.notify, other_world.service.id, sms_sender="Theirs", is_default=False)
    their_reply_to = senders.add_reply_to(world.notify, other_world.service.id, email_address="a@example.gov.uk",
                                          is_default=True)
    archived = senders.add_sms_sender(world.notify, world.service.id, sms_sender="Old", is_default=False)
    senders.archive_sms_sender(world.notify, world.service.id, archived.id)
    sid = world.service.id
    for sender_id in (theirs.id, archived.id, uuid4()):
        result = api.post("/v2/notifications/sms", json=sms(world, sms_sender_id=str(sender_id)))
        assert (result.status_code, result.json["errors"]) == (400, [{
            "error": "BadRequestError",
            "message": f"sms_sender_id {sender_id} does not exist in database for service id {sid}"}])
    for reply_to_id in (their_reply_to.id, uuid4()):
        result = api.post("/v2/notifications/email", json=email(world, email_reply_to_id=str(reply_to_id)))
        assert (result.status_code, result.json["errors"]) == (400, [{
            "error": "BadRequestError",
            "message": f"email_reply_to_id {reply_to_id} does not exist in database for service id {sid}"}])
    bad = api.post("/v2/notifications/sms", json=sms(world, sms_sender_id="not-a-uuid"))
    assert bad.json["errors"] == [{"error": "ValidationError", "message": "sms_sender_id is not a valid UUID"}]
