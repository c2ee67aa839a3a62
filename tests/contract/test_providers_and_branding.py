from __future__ import annotations

from uuid import uuid4

import pytest
from attrs import evolve

from notify.domain import errors
from notify.domain.constants import BrandType, NotificationType

from .helpers import NewUow, email_branding, later, letter_branding, provider


def test_providers_are_versioned(new_uow: NewUow) -> None:
    p = provider(active=True, supports_international=True)
    v2 = p.changed(now=later(hours=1), priority=50)
    with new_uow() as uow:
        uow.providers.add(p)
        uow.providers.update(v2)
        uow.commit()
    with new_uow() as uow:
        assert uow.providers.get(p.id) == v2
        assert uow.providers.versions(p.id) == [v2, p]
        with pytest.raises(errors.ConcurrentUpdate):
            uow.providers.update(evolve(p, version=2))
        with pytest.raises(errors.ProviderNotFound):
            uow.providers.get(uuid4())
        with pytest.raises(errors.AlreadyExists):
            uow.providers.add(provider(identifier=p.identifier))


def test_providers_list_by_type_then_priority_highest_first(new_uow: NewUow) -> None:
    low, high = provider(priority=10, identifier="b"), provider(priority=90, identifier="a")
    email = provider(notification_type=NotificationType.EMAIL, priority=1)
    with new_uow() as uow:
        for p in (low, high, email):
            uow.providers.add(p)
        uow.commit()
    with new_uow() as uow:
        assert uow.providers.list() == [email, high, low]


def test_provider_credentials_are_replaced_whole_removed_when_empty_and_not_versioned(new_uow: NewUow) -> None:
    smtp, other = provider(identifier="smtp"), provider(identifier="twilio")
    with new_uow() as uow:
        uow.providers.add(smtp)
        uow.providers.add(other)
        assert uow.providers.credentials() == {}
        uow.providers.set_credentials(smtp.id, {"url": "smtp://a.example.org", "password": "one"})
        uow.providers.set_credentials(other.id, {"auth_token": "two"})
        uow.commit()
    with new_uow() as uow:
        assert uow.providers.credentials() == {smtp.id: {"url": "smtp://a.example.org", "password": "one"},
                                               other.id: {"auth_token": "two"}}
        uow.providers.set_credentials(smtp.id, {"password": "three"})
        uow.providers.set_credentials(other.id, {})
        uow.commit()
    with new_uow() as uow:
        assert uow.providers.credentials() == {smtp.id: {"password": "three"}}
        assert uow.providers.versions(smtp.id) == [smtp]
        uow.providers.set_credentials(smtp.id, {"password": "rolled back"})  # no commit
    with new_uow() as uow:
        assert uow.providers.credentials() == {smtp.id: {"password": "three"}}
        with pytest.raises(errors.ProviderNotFound):
            uow.providers.set_credentials(uuid4(), {"password": "x"})


def test_email_branding(new_uow: NewUow) -> None:
    b = email_branding(name="b", colour="#ff0000", brand_type=BrandType.BOTH, created_at=later(), text="t")
    a = email_branding(name="A")
    with new_uow() as uow:
        uow.email_branding.add(b)
        uow.email_branding.add(a)
        with pytest.raises(errors.AlreadyExists):
            uow.email_branding.add(email_branding(name="b"))
        uow.commit()
    changed = b.changed(now=later(hours=1), logo="logo.png")
    with new_uow() as uow:
        uow.email_branding.update(changed)
        with pytest.raises(errors.AlreadyExists):
            uow.email_branding.update(evolve(a, name="b"))
        with pytest.raises(errors.BrandingNotFound):
            uow.email_branding.update(email_branding())
        uow.commit()
    with new_uow() as uow:
        assert uow.email_branding.get(b.id) == changed
        assert uow.email_branding.list() == [a, changed]
        with pytest.raises(errors.BrandingNotFound):
            uow.email_branding.get(uuid4())


def test_letter_branding(new_uow: NewUow) -> None:
    b = letter_branding(name="b")
    with new_uow() as uow:
        uow.letter_branding.add(b)
        with pytest.raises(errors.AlreadyExists):
            uow.letter_branding.add(letter_branding(filename=b.filename))
        with pytest.raises(errors.AlreadyExists):
            uow.letter_branding.add(letter_branding(name="b"))
        a = letter_branding(name="A")
        uow.letter_branding.add(a)
        uow.commit()
    changed = b.changed(now=later(), filename="new-file")
    with new_uow() as uow:
        uow.letter_branding.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.letter_branding.get(b.id) == changed
        assert uow.letter_branding.list() == [a, changed]
        with pytest.raises(errors.BrandingNotFound):
            uow.letter_branding.update(letter_branding())
