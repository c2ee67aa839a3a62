"""The sending rules, decided by the domain alone: no store, no clock."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.domain import sending
from notify.domain.constants import GuestListRecipientType, KeyType, NotificationType, TemplateType
from notify.domain.errors import Forbidden, InvalidRequest, ValidationFailed
from notify.domain.service import GuestListEntry, Service

from ... import factories

SMS = NotificationType.SMS.value


def _service(**overrides: Any) -> Service:
    return factories.service(**{"permissions": {SMS, "email", "letter"}, "restricted": False, **overrides})


def test_a_service_without_the_channel_permission_may_not_send_it() -> None:
    service = factories.service(permissions={"email"})
    template = factories.template(service.id)
    with pytest.raises(InvalidRequest, match="Service is not allowed to send text messages"):
        sending.check_template(service, template, NotificationType.SMS)


@pytest.mark.parametrize(("change", "message"), [
    ({"hidden": True}, "Template not found"),
    ({"archived": True}, "Template has been deleted"),
    ({"template_type": TemplateType.EMAIL}, "email template is not suitable for sms notification"),
])
def test_an_unusable_template_is_refused_with_notifys_message(change: dict[str, object], message: str) -> None:
    service = _service()
    template = factories.template(service.id, **change)
    with pytest.raises(InvalidRequest, match=message):
        sending.check_template(service, template, NotificationType.SMS)


def test_a_template_not_found_is_refused() -> None:
    with pytest.raises(InvalidRequest, match="Template not found"):
        sending.check_template(_service(), None, NotificationType.SMS)


def test_a_send_renders_and_checks_the_recipient() -> None:
    service = _service()
    template = factories.template(service.id)
    checked = sending.check_send(service, template, KeyType.NORMAL, "07700 900123", {"name": "Jo"}, allowed=None)
    assert checked.recipient.normalised_to == "447700900123"
    assert checked.message.sms_text is not None and "Hello Jo" in checked.message.sms_text


def test_an_invalid_phone_number_is_a_validation_failure() -> None:
    service = _service()
    with pytest.raises(ValidationFailed):
        sending.check_send(service, factories.template(service.id), KeyType.NORMAL, "not a number", {"name": "Jo"},
                           allowed=None)


def test_trial_mode_and_team_keys_reach_only_the_allowed_recipients() -> None:
    trial = _service(restricted=True)
    live = _service()
    sms = NotificationType.SMS
    assert sending.needs_allowed_list(trial, KeyType.NORMAL, sms)
    assert sending.needs_allowed_list(live, KeyType.TEAM, sms)
    assert not sending.needs_allowed_list(trial, KeyType.TEST, sms)
    assert not sending.needs_allowed_list(live, KeyType.NORMAL, sms)
    assert not sending.needs_allowed_list(trial, KeyType.NORMAL, NotificationType.LETTER)
    template = factories.template(trial.id)
    with pytest.raises(InvalidRequest, match="trial mode"):
        sending.check_send(trial, template, KeyType.NORMAL, "07700900123", {"name": "Jo"}, allowed=frozenset())
    with pytest.raises(InvalidRequest, match="team-only API key"):
        sending.check_send(live, template, KeyType.TEAM, "07700900123", {"name": "Jo"}, allowed=frozenset())
    sending.check_send(trial, template, KeyType.NORMAL, "07700900123", {"name": "Jo"},
                       allowed=frozenset({"447700900123"}))


def test_letters_are_refused_to_team_keys_and_in_trial_mode() -> None:
    letter = {"template_type": TemplateType.LETTER}
    live, trial = _service(), _service(restricted=True)
    address = {"name": "Jo", "address_line_1": "Jo", "address_line_2": "1 High Street", "postcode": "SW1A 1AA"}
    with pytest.raises(Forbidden, match="team api key"):
        sending.check_send(live, factories.template(live.id, **letter), KeyType.TEAM, None, address, allowed=None)
    with pytest.raises(Forbidden, match="trial mode"):
        sending.check_send(trial, factories.template(trial.id, **letter), KeyType.NORMAL, None, address,
                           allowed=None)


def test_the_allowed_recipients_are_the_team_and_the_guest_list_normalised() -> None:
    team = [factories.user(email_address="Jo@Example.gov.uk", mobile_number="07700 900111")]
    guests = [GuestListEntry(id=uuid4(), service_id=uuid4(), recipient_type=GuestListRecipientType.MOBILE,
                             recipient="+44 7700 900222", created_at=factories.T0),
              GuestListEntry(id=uuid4(), service_id=uuid4(), recipient_type=GuestListRecipientType.MOBILE,
                             recipient="nonsense", created_at=factories.T0)]
    assert sending.allowed_recipients(team, guests) == {"jo@example.gov.uk", "447700900111", "447700900222"}
