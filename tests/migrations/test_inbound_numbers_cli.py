"""`notify inbound-numbers add` and `notify protected-sender-ids add`: an operator puts bought numbers into the
pool (stored, listed once each) and protects sender ids."""

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


def test_protected_sender_ids_are_added_by_an_operator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'protected.db'}"
    assert _main(monkeypatch, capsys, "db", "upgrade", NOTIFY_DATABASE_URL=url)[0] == 0
    code, out, _ = _main(monkeypatch, capsys, "protected-sender-ids", "add", "Big Bank", "bigbank",
                         NOTIFY_DATABASE_URL=url, NOTIFY_SECRET_KEY="k")
    assert code == 0 and out.splitlines() == ["Big Bank: protected", "bigbank: protected"]
    stores = open_stores(Settings(database_url=url, database_bulk_url=url, secret_keys=("k",)))
    try:
        with stores.uow() as uow:
            assert uow.protected_sender_ids.is_protected("bigbank")
            assert not uow.protected_sender_ids.is_protected("Big Bank")  # stored as compared
    finally:
        for engine in stores.engines:
            engine.dispose()
    refused = _main(monkeypatch, capsys, "protected-sender-ids", "add", "x", NOTIFY_DATABASE_URL="memory")
    assert refused[0] == 2 and "NOTIFY_DATABASE_URL" in refused[2]
