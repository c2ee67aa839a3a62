"""`notify inbound-numbers add`: an operator puts bought numbers into the pool (stored, listed once each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notify.bootstrap import open_stores
from notify.config import Settings

from .test_startup import _main


def test_numbers_are_added_to_the_pool_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'pool.db'}"
    assert _main(monkeypatch, capsys, "db", "upgrade", NOTIFY_DATABASE_URL=url)[0] == 0
    code, out, _ = _main(monkeypatch, capsys, "inbound-numbers", "add", "--provider", "mmg", "07700900001",
                         "07700900002", NOTIFY_DATABASE_URL=url, NOTIFY_SECRET_KEY="k")
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == ["07700900001", "07700900002"]
    again = _main(monkeypatch, capsys, "inbound-numbers", "add", "--provider", "mmg", "07700900001",
                  NOTIFY_DATABASE_URL=url, NOTIFY_SECRET_KEY="k")
    assert again[0] == 1 and "already exists" in again[2]
    stores = open_stores(Settings(database_url=url, database_bulk_url=url, secret_keys=("k",)))
    try:
        with stores.uow() as uow:
            assert [(n.number, n.provider, n.service_id, n.active) for n in uow.inbound_numbers.list_all()] == [
                ("07700900001", "mmg", None, True), ("07700900002", "mmg", None, True)]
    finally:
        for engine in stores.engines:
            engine.dispose()


def test_the_memory_store_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _main(monkeypatch, capsys, "inbound-numbers", "add", "--provider", "mmg", "07700900001",
                         NOTIFY_DATABASE_URL="memory")
    assert code == 2 and "NOTIFY_DATABASE_URL" in err
