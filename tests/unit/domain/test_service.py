"""Service rules: versions, archiving and the sender name derived from the service name."""

from __future__ import annotations

from datetime import timedelta

import pytest

from notify.domain.service import email_local_part

from ... import factories
from ...fakes import T0


def test_every_change_is_a_new_version() -> None:
    service = factories.service()
    changed = service.changed(now=T0 + timedelta(minutes=1), restricted=False)
    assert (changed.version, changed.restricted, changed.updated_at) == (2, False, T0 + timedelta(minutes=1))
    assert service.version == 1  # frozen: the old version is untouched


def test_archiving_deactivates_and_frees_the_name() -> None:
    service = factories.service(name="Parking", email_sender_local_part="parking")
    archived = service.archived(now=T0)
    assert archived.active is False
    assert archived.name == "_archived_2026-06-15-12:00:00_Parking"
    assert archived.email_sender_local_part == "_archived_2026-06-15-12:00:00_parking"
    assert archived.archived(now=T0 + timedelta(days=1)) is archived


@pytest.mark.parametrize(("name", "local_part"), [
    ("My Service", "my.service"), ("Tax - reminders!", "tax.reminders"), ("under_score", "under.score"),
    ("???", "service"),
])
def test_the_email_sender_comes_from_the_name(name: str, local_part: str) -> None:
    assert email_local_part(name) == local_part


def test_permissions_are_checked_by_name() -> None:
    service = factories.service(permissions=frozenset({"sms"}))
    assert service.has_permission("sms") and not service.has_permission("email")
