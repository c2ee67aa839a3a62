"""POST /v2/notifications/{sms,email,letter}: Notify's JSON, rules and messages."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain.constants import KeyType, NotificationStatus, TemplateType
from notify.usecases import services
from notify.usecases.app import Notify

from .conftest import ADDRESS, ApiClient, Fakes, World


def errors(result: Any) -> list[dict[str, str]]:
    return result.json["errors"]


def sms_body(world: World, **overrides: Any) -> dict[str, Any]:
    return {"phone_number": "+447700900123", "template_id": str(world.sms.id),
            "personalisation": {"name": "Jo"}, **overrides}


def test_sms_is_accepted_with_notifys_response(world: World, api: ApiClient) -> None:
    result = api.post("/v2/notifications/sms", json=sms_body(world, reference="ref-1"))
    assert result.status_code == 201, result.json
    body = result.json
    assert body["reference"] == "ref-1"
    assert body["uri"] == f"http://falconframework.org/v2/notifications/{body['id']}"
    assert body["template"] == {"id": str(world.sms.id), "version": 1,
                                "uri": f"http://falconframework.org/services/{world.service.id}/templates/{world.sms.id}"}
    assert body["scheduled_for"] is None
    assert body["content"] == {"body": "Hello Jo", "from_number": "GOVUK"}
    assert "sanitised_content" not in body


def test_email_response_has_subject_sender_and_sanitised_content(world: World, api: ApiClient) -> None:
    result = api.post("/v2/notifications/email", json={
        "email_address": "Someone@Example.com", "template_id": str(world.email.id),
        "personalisation": {"name": "Jo"}, "one_click_unsubscribe_url": "https://example.com/unsub"})
    assert result.status_code == 201, result.json
    content = result.json["content"]
    assert content["body"] == "Dear Jo, hello"
    assert content["subject"] == "Subject Jo"
    assert content["from_email"].endswith("@notifications.service.gov.uk")
    assert content["one_click_unsubscribe_url"] == "https://example.com/unsub"
    assert result.json["sanitised_content"] == {}


def test_letter_is_accepted_and_reported_as_accepted(world: World, api: ApiClient, fakes: Fakes) -> None:
    fakes.queue.hold = True
    result = api.post("/v2/notifications/letter", json={
        "template_id": str(world.letter.id), "personalisation": {**ADDRESS, "name": "Jo"}})
    assert result.status_code == 201, result.json
    assert result.json["content"] == {"body": "Dear Jo", "subject": "Subject Jo"}
    got = api.get(f"/v2/notifications/{result.json['id']}").json
    assert got["status"] == "accepted"
    assert got["line_1"] == "The Occupier" and got["postcode"] == "SW1A 1AA"
    assert got["postage"] == "second"


@pytest.mark.parametrize(("body", "messages"), [
    ({}, ["phone_number is a required property", "template_id is a required property"]),
    ({"phone_number": "07700900123", "template_id": "nope"}, ["template_id is not a valid UUID"]),
    ({"phone_number": "07700900123", "template_id": str(uuid4()), "foo": 1},
     ["Additional properties are not allowed (foo was unexpected)"]),
    ({"phone_number": "07700900123", "template_id": str(uuid4()), "personalisation": "not_a_dict"},
     ["personalisation not_a_dict is not of type object"]),
    ({"phone_number": "07700900123", "template_id": str(uuid4()), "reference": "x" * 1001},
     [f"reference {'x' * 1001} is too long"]),
    ({"phone_number": "07700900123", "template_id": str(uuid4()), "scheduled_for": "tomorrow"},
     ["scheduled_for datetime format is invalid. It must be a valid ISO8601 date time format, "
      "https://en.wikipedia.org/wiki/ISO_8601"]),
])
def test_schema_errors_list_every_problem(api: ApiClient, body: dict[str, Any], messages: list[str]) -> None:
    result = api.post("/v2/notifications/sms", json=body)
    assert result.status_code == 400
    assert result.json == {"status_code": 400,
                           "errors": [{"error": "ValidationError", "message": m} for m in messages]}


def test_invalid_json_is_a_bad_request(api: ApiClient) -> None:
    result = api.post("/v2/notifications/sms", body="{not json", headers={"Content-Type": "text/plain"})
    assert result.status_code == 400
    assert errors(result) == [{"error": "BadRequestError", "message": "Invalid JSON supplied in POST data"}]


@pytest.mark.parametrize(("number", "message"), [
    ("0770090", "Not enough digits"),
    ("07700 900 123 4567 89", "Too many digits"),
    ("0770090012a", "Must not contain letters or symbols"),
])
def test_bad_phone_numbers_are_validation_errors(world: World, api: ApiClient, number: str, message: str) -> None:
    result = api.post("/v2/notifications/sms", json=sms_body(world, phone_number=number))
    assert result.status_code == 400
    assert errors(result) == [{"error": "ValidationError", "message": f"phone_number {message}"}]


def test_bad_email_is_a_validation_error(world: World, api: ApiClient) -> None:
    result = api.post("/v2/notifications/email", json={"email_address": "nope", "template_id": str(world.email.id),
                                                       "personalisation": {"name": "x"}})
    assert errors(result) == [{"error": "ValidationError", "message": "email_address Not a valid email address"}]


def test_template_rules(world: World, api: ApiClient) -> None:
    def message(template_id: Any, path: str = "sms") -> str:
        return errors(api.post(f"/v2/notifications/{path}", json=sms_body(world, template_id=str(template_id))))[0][
            "message"]

    assert message(uuid4()) == "Template not found"
    assert message(world.email.id) == "email template is not suitable for sms notification"
    archived = world.add_template(archived=True)
    assert message(archived.id) == "Template has been deleted"
    hidden = world.add_template(hidden=True)
    assert message(hidden.id) == "Template not found"


def test_missing_personalisation_names_every_placeholder(world: World, api: ApiClient) -> None:
    template = world.add_template(content="((First Name)) ((last_name)) ((name))")
    result = api.post("/v2/notifications/sms", json=sms_body(world, template_id=str(template.id),
                                                             personalisation={"name": "x"}))
    assert result.status_code == 400
    assert errors(result) == [{"error": "BadRequestError",
                               "message": "Missing personalisation: First Name, last_name"}]


def test_sms_over_918_characters_is_refused(world: World, api: ApiClient) -> None:
    result = api.post("/v2/notifications/sms", json=sms_body(world, personalisation={"name": "a" * 920}))
    assert errors(result) == [{"error": "BadRequestError", "message":
                               "Your message is too long. Text messages cannot be longer than 918 characters. "
                               "Your message is 926 characters long."}]


def test_empty_message_is_refused(world: World, api: ApiClient) -> None:
    template = world.add_template(content="((name))")
    result = api.post("/v2/notifications/sms", json=sms_body(world, template_id=str(template.id),
                                                             personalisation={"name": ""}))
    assert errors(result) == [{"error": "BadRequestError", "message": "Your message is empty."}]


@pytest.mark.parametrize(("kind", "name"), [("sms", "text messages"), ("email", "emails"), ("letter", "letters")])
def test_service_permission_per_channel(world: World, api: ApiClient, kind: str, name: str) -> None:
    world.update_service(permissions=[p for p in world.service.permissions if p != kind])
    template = {"sms": world.sms, "email": world.email, "letter": world.letter}[kind]
    body = {"template_id": str(template.id), "personalisation": {**ADDRESS, "name": "x"},
            "phone_number": "07700900123", "email_address": "a@b.com"}
    body = {k: v for k, v in body.items()
            if k in ("template_id", "personalisation") or (kind, k) in (("sms", "phone_number"),
                                                                       ("email", "email_address"))}
    result = api.post(f"/v2/notifications/{kind}", json=body)
    assert errors(result) == [{"error": "BadRequestError", "message": f"Service is not allowed to send {name}"}]


def test_international_numbers_need_the_permission(world: World, api: ApiClient) -> None:
    world.update_service(permissions=["sms", "email", "letter"])
    result = api.post("/v2/notifications/sms", json=sms_body(world, phone_number="+33 6 12 34 56 78"))
    assert errors(result) == [{"error": "BadRequestError", "message": "Cannot send to international mobile numbers"}]


def test_uk_landlines_need_the_permission(world: World, api: ApiClient) -> None:
    result = api.post("/v2/notifications/sms", json=sms_body(world, phone_number="020 7946 0000"))
    assert errors(result) == [{"error": "InvalidPhoneError", "message": "Not a UK mobile number"}]


def test_international_sms_stores_prefix_and_rate_multiplier(world: World, api: ApiClient, notify: Notify,
                                                             fakes: Fakes) -> None:
    result = api.post("/v2/notifications/sms", json=sms_body(world, phone_number="+49 1512 3456789"))
    assert result.status_code == 201, result.json
    with notify.uow() as uow:
        n = uow.notifications.get(world.service.id, UUID(result.json["id"]))
    assert (n.international, n.phone_prefix, n.rate_multiplier) == (True, "49", 4.0)
    assert n.status is NotificationStatus.SENT  # international SMS go to `sent`
    assert n.billable_units == 1


TRIAL = ("Can’t send to this recipient when service is in trial mode – see "
         "https://www.notifications.service.gov.uk/trial-mode")


def test_trial_mode_only_sends_to_team_and_guest_list(world: World, api: ApiClient) -> None:
    world.update_service(restricted=True)
    refused = api.post("/v2/notifications/sms", json=sms_body(world, phone_number="07700900999"))
    assert refused.status_code == 400
    assert errors(refused) == [{"error": "BadRequestError", "message": TRIAL}]
    assert api.post("/v2/notifications/sms", json=sms_body(world, phone_number="+44 7700 900555")).status_code == 201
    email = {"email_address": "TEAM.member@example.gov.uk", "template_id": str(world.email.id),
             "personalisation": {"name": "x"}}
    assert api.post("/v2/notifications/email", json=email).status_code == 201
    services.replace_guest_list(world.notify, world.service.id, email_addresses=[], phone_numbers=["07700 900999"])
    assert api.post("/v2/notifications/sms", json=sms_body(world, phone_number="+447700900999")).status_code == 201


def test_trial_mode_does_not_restrict_test_keys(world: World) -> None:
    world.update_service(restricted=True)
    result = world.client(KeyType.TEST).post("/v2/notifications/sms", json=sms_body(world, phone_number="07700900999"))
    assert result.status_code == 201


def test_team_keys_only_send_to_the_team(world: World) -> None:
    team = world.client(KeyType.TEAM)
    result = team.post("/v2/notifications/sms", json=sms_body(world, phone_number="07700900999"))
    assert errors(result) == [{"error": "BadRequestError",
                               "message": "Can’t send to this recipient using a team-only API key"}]
    assert team.post("/v2/notifications/sms", json=sms_body(world, phone_number="07700900555")).status_code == 201


def test_letters_refused_for_team_keys_and_trial_services(world: World) -> None:
    body = {"template_id": str(world.letter.id), "personalisation": {**ADDRESS, "name": "x"}}
    result = world.client(KeyType.TEAM).post("/v2/notifications/letter", json=body)
    assert result.status_code == 403
    assert errors(result) == [{"error": "BadRequestError", "message": "Cannot send letters with a team api key"}]
    world.update_service(restricted=True)
    result = world.client().post("/v2/notifications/letter", json=body)
    assert result.status_code == 403
    assert errors(result) == [{"error": "BadRequestError", "message": "Cannot send letters when service is in trial mode"}]
    assert world.client(KeyType.TEST).post("/v2/notifications/letter", json=body).status_code == 201


def test_letter_address_errors(world: World, api: ApiClient) -> None:
    result = api.post("/v2/notifications/letter", json={
        "template_id": str(world.letter.id), "personalisation": {"address_line_1": "A", "postcode": "SW1A 1AA",
                                                                 "name": "x"}})
    assert result.status_code == 400
    assert errors(result) == [{"error": "ValidationError", "message": "Address must be at least 3 lines"}]
    result = api.post("/v2/notifications/letter", json={"template_id": str(world.letter.id)})
    assert errors(result) == [{"error": "ValidationError", "message": "personalisation is a required property"}]


def test_sender_ids_must_exist(world: World, api: ApiClient) -> None:
    sender = uuid4()
    result = api.post("/v2/notifications/sms", json=sms_body(world, sms_sender_id=str(sender)))
    assert errors(result) == [{"error": "BadRequestError", "message":
                               f"sms_sender_id {sender} does not exist in database for service id {world.service.id}"}]


def test_simulated_recipients_answer_201_but_store_nothing(world: World, api: ApiClient, fakes: Fakes) -> None:
    result = api.post("/v2/notifications/sms", json=sms_body(world, phone_number="07700 900000"))
    assert result.status_code == 201
    assert api.get(f"/v2/notifications/{result.json['id']}").status_code == 404
    email = api.post("/v2/notifications/email", json={
        "email_address": "simulate-delivered@notifications.service.gov.uk", "template_id": str(world.email.id),
        "personalisation": {"name": "x"}})
    assert email.status_code == 201
    assert fakes.sms.sent == [] and fakes.email.sent == []


def test_rate_limit_is_a_token_bucket_per_key_type(world: World, api: ApiClient) -> None:
    world.update_service(rate_limit=6)  # a bucket of 3, a token every 10 s
    for _ in range(3):
        assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 201
    result = api.post("/v2/notifications/sms", json=sms_body(world))
    assert result.status_code == 429
    assert errors(result) == [{"error": "RateLimitError",
                               "message": "Exceeded rate limit for key type LIVE of 6 requests per 60 seconds"}]
    assert world.client(KeyType.TEAM).post("/v2/notifications/sms",
                                           json=sms_body(world, phone_number="07700900555")).status_code == 201
    world.clock.advance(seconds=9)
    assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 429
    world.clock.advance(seconds=1)
    assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 201
    assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 429


def test_daily_limit_per_channel(world: World, api: ApiClient) -> None:
    world.update_service(sms_message_limit=1)
    assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 201
    result = api.post("/v2/notifications/sms", json=sms_body(world))
    assert result.status_code == 429
    assert errors(result) == [{"error": "TooManyRequestsError",
                               "message": "Exceeded send limits (sms: 1) for today"}]
    # test keys never count against (or hit) the daily limits; other channels have their own
    assert world.client(KeyType.TEST).post("/v2/notifications/sms", json=sms_body(world)).status_code == 201
    email = {"email_address": "a@b.com", "template_id": str(world.email.id), "personalisation": {"name": "x"}}
    assert api.post("/v2/notifications/email", json=email).status_code == 201
    world.clock.advance(days=1)
    assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 201


def test_international_sms_daily_limit(world: World, api: ApiClient) -> None:
    world.update_service(international_sms_message_limit=1)
    assert api.post("/v2/notifications/sms", json=sms_body(world, phone_number="+33612345678")).status_code == 201
    result = api.post("/v2/notifications/sms", json=sms_body(world, phone_number="+33612345678"))
    assert errors(result) == [{"error": "TooManyRequestsError",
                               "message": "Exceeded send limits (international_sms: 1) for today"}]
    assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 201


def test_a_refused_send_does_not_use_the_daily_limit(world: World, api: ApiClient) -> None:
    world.update_service(sms_message_limit=1)
    assert api.post("/v2/notifications/sms", json=sms_body(world, phone_number="07700900999",
                                                           template_id=str(uuid4()))).status_code == 400
    assert api.post("/v2/notifications/sms", json=sms_body(world)).status_code == 201


def test_email_templates_are_not_for_letters(world: World, api: ApiClient) -> None:
    result = api.post("/v2/notifications/letter", json={"template_id": str(world.email.id),
                                                        "personalisation": ADDRESS})
    assert errors(result)[0]["message"] == "email template is not suitable for letter notification"
    assert TemplateType.EMAIL.value == "email"
