"""Secrets at rest: api key secrets, personalisation and callback bearer tokens are stored encrypted; the
wrong key fails loudly; several keys decrypt, so keys can be rotated. SQL stores only (memory keeps objects)."""

from __future__ import annotations

from uuid import uuid4

import pytest
import sqlalchemy as sa

from notify.adapters.sqlalchemy import Cipher, SqlAlchemyUnitOfWork, tables
from notify.domain.constants import NotificationType
from notify.domain.errors import StoredDataUnreadable
from notify.domain.provider import ProviderDetails
from tests import factories, storage

from .helpers import add_service, api_key, callback

SQL_STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=SQL_STORES)
def engine(request: pytest.FixtureRequest) -> sa.Engine:
    engine = storage.engine_for(request.param)
    storage.truncate_all(engine)
    return engine


def _stored(engine: sa.Engine, column: sa.Column) -> str:  # type: ignore[type-arg]
    with engine.connect() as connection:
        return connection.execute(sa.select(column)).scalar_one()


def _seed(engine: sa.Engine, cipher: Cipher):  # type: ignore[no-untyped-def]
    def new_uow() -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(engine, cipher)

    service = add_service(new_uow)
    key = api_key(service.id, service.created_by, secret="plain-secret-value")
    cb = callback(service.id, service.created_by, bearer_token="plain-bearer-token")
    n = factories.notification(service.id, personalisation={"name": "plain-personal-name"})
    with new_uow() as uow:
        uow.api_keys.add(key)
        uow.callback_apis.add(cb)
        uow.notifications.add(n)
        uow.commit()
    return service, key, cb, n


def test_secrets_are_stored_encrypted_and_read_back_plain(engine: sa.Engine) -> None:
    cipher = Cipher(["key-one"])
    service, key, cb, n = _seed(engine, cipher)
    for column, plain in ((tables.api_keys.c.secret, "plain-secret-value"),
                          (tables.api_keys_history.c.secret, "plain-secret-value"),
                          (tables.service_callback_api.c.bearer_token, "plain-bearer-token"),
                          (tables.notifications.c._personalisation, "plain-personal-name")):
        stored = _stored(engine, column)
        assert plain not in stored
        assert cipher.decrypt(stored) is not None
    with SqlAlchemyUnitOfWork(engine, cipher) as uow:
        assert uow.api_keys.get(service.id, key.id).secret == "plain-secret-value"
        assert uow.callback_apis.get(service.id, cb.id).bearer_token == "plain-bearer-token"
        assert uow.notifications.get(service.id, n.id).personalisation == {"name": "plain-personal-name"}


def test_the_wrong_key_fails_loudly(engine: sa.Engine) -> None:
    service, key, cb, n = _seed(engine, Cipher(["key-one"]))
    with SqlAlchemyUnitOfWork(engine, Cipher(["another-key"])) as uow:
        with pytest.raises(StoredDataUnreadable, match="NOTIFY_SECRET_KEY"):
            uow.api_keys.get(service.id, key.id)
        with pytest.raises(StoredDataUnreadable):
            uow.callback_apis.get(service.id, cb.id)
        with pytest.raises(StoredDataUnreadable):
            uow.notifications.get(service.id, n.id)


def test_old_keys_still_decrypt_after_rotation(engine: sa.Engine) -> None:
    service, key, _, n = _seed(engine, Cipher(["old-key"]))
    rotated = Cipher(["new-key", "old-key"])
    with SqlAlchemyUnitOfWork(engine, rotated) as uow:
        assert uow.api_keys.get(service.id, key.id).secret == "plain-secret-value"
        assert uow.notifications.get(service.id, n.id).personalisation == {"name": "plain-personal-name"}
    assert Cipher(["new-key"]).decrypt(rotated.encrypt("x")) == "x"  # the first key encrypts
    with pytest.raises(StoredDataUnreadable):
        Cipher(["old-key"]).decrypt(rotated.encrypt("x"))


def test_tampered_or_foreign_values_are_refused() -> None:
    cipher = Cipher(["k"])
    token = cipher.encrypt("hello")
    for bad in (token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], "plaintext", "g1.!!!", ""):
        with pytest.raises(StoredDataUnreadable):
            cipher.decrypt(bad)


def test_a_generated_key_and_a_passphrase_are_both_accepted() -> None:
    from notify.adapters.sqlalchemy.crypto import generate_key

    for key in (generate_key(), "a passphrase of any length"):
        assert Cipher([key]).decrypt(Cipher([key]).encrypt("hello")) == "hello"



def test_provider_credentials_are_stored_encrypted_and_read_back_plain(engine: sa.Engine) -> None:
    cipher = Cipher(["key-one"])
    provider = ProviderDetails(id=uuid4(), identifier="smtp", display_name="SMTP",
                               notification_type=NotificationType.EMAIL, priority=100, active=True)
    with SqlAlchemyUnitOfWork(engine, cipher) as uow:
        uow.providers.add(provider)
        uow.providers.set_credentials(provider.id, {"password": "plain-smtp-password", "user": "plain-user"})
        uow.commit()
    with engine.connect() as connection:
        row = connection.execute(sa.select(tables.provider_credentials)).one()
    stored = " ".join(str(value) for value in row)
    assert "plain-smtp-password" not in stored and "plain-user" not in stored and "password" not in stored
    with SqlAlchemyUnitOfWork(engine, cipher) as uow:
        assert uow.providers.credentials() == {provider.id: {"password": "plain-smtp-password",
                                                             "user": "plain-user"}}
    with SqlAlchemyUnitOfWork(engine, Cipher(["another-key"])) as uow, pytest.raises(StoredDataUnreadable):
        uow.providers.credentials()
