"""`notify purge`: the purge now, on the configured store, saying what it moved."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from notify.bootstrap import open_stores
from notify.config import Settings
from tests import factories

from .test_startup import _main


def test_notify_purge_moves_what_is_past_retention(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    stores = open_stores(Settings(database_url=url, secret_keys=("k",)))
    owner = factories.user()
    service = factories.service(created_by=owner.id)
    now = datetime.now(timezone.utc)
    old, new = (factories.notification(service.id, created_at=now - timedelta(days=days)) for days in (30, 1))
    with stores.uow() as uow:
        uow.users.add(owner)
        uow.services.add(service)
        uow.notifications.add_many([old, new])
        uow.commit()

    code, out, _ = _main(monkeypatch, capsys, "purge", NOTIFY_DATABASE_URL=url, NOTIFY_SECRET_KEY="k",
                         NOTIFY_UPLOAD_DIR=str(tmp_path / "uploads"))

    assert code == 0
    assert "notify purge: 1 notifications past retention moved to history" in out
    with stores.uow() as uow:
        assert [n.id for n in uow.notifications.find_many([old.id, new.id])] == [new.id]
        assert uow.notification_history.find(old.id) is not None
    for engine in stores.engines:
        engine.dispose()
