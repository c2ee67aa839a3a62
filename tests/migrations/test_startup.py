"""Start-up and `notify db`: the default SQLite file is created, keyed and migrated on first start; a wrong
URL or an unreachable server stops start-up with one clear line and a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from notify.adapters.sqlalchemy import migrate
from notify.bootstrap import StartupError, open_stores
from notify.config import Settings
from notify.domain.errors import StoredDataUnreadable
from tests import factories
from tests.postgres_server import database_url_for_this_run


def _notify(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NOTIFY_")}
    return subprocess.run([sys.executable, "-m", "notify", *args], cwd=cwd, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_the_default_store_is_a_sqlite_file_made_keyed_and_migrated_on_first_start(tmp_path: Path,
                                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines: list[str] = []
    stores = open_stores(Settings(), say=lines.append)
    user = factories.user()
    with stores.uow() as uow:
        uow.users.add(user)
        uow.commit()
    assert (tmp_path / "notify.db").exists()
    key_file = tmp_path / "notify.db.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert any("migrating" in line for line in lines) and any("generated" in line for line in lines)
    for engine in stores.engines:
        engine.dispose()

    again = open_stores(Settings(), say=lines.append)  # second start: same key, nothing to migrate
    with again.uow() as uow:
        assert uow.users.get(user.id) == user
    for engine in again.engines:
        engine.dispose()


def test_a_changed_key_fails_loudly_instead_of_reading_garbage(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    stores = open_stores(Settings(database_url=url, secret_keys=("first",)))
    service_owner = factories.user()
    with stores.uow() as uow:
        uow.users.add(service_owner)
        service = factories.service(created_by=service_owner.id)
        uow.services.add(service)
        uow.notifications.add(factories.notification(service.id, personalisation={"a": "b"}))
        uow.commit()
    wrong = open_stores(Settings(database_url=url, secret_keys=("second",)))
    with wrong.uow() as uow, pytest.raises(StoredDataUnreadable):
        uow.notifications.list_for_service(service.id)


@pytest.mark.postgres
def test_postgresql_without_a_secret_key_refuses_to_start() -> None:
    with pytest.raises(StartupError, match="NOTIFY_SECRET_KEY"):
        open_stores(Settings(database_url=database_url_for_this_run()))


@pytest.mark.postgres
def test_postgresql_with_a_key_is_migrated_on_start_and_has_a_bulk_replica() -> None:
    url = database_url_for_this_run()
    stores = open_stores(Settings(database_url=url, database_bulk_url=url, secret_keys=("k",)))
    assert stores.bulk_uow is not None
    with stores.bulk_uow() as uow:
        assert uow.services.list() is not None
    for engine in stores.engines:
        engine.dispose()


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str,
          **env: str) -> tuple[int, str, str]:
    """`notify …` in this process (a subprocess costs a second of imports each)."""
    from notify.__main__ import main

    for name in [k for k in os.environ if k.startswith("NOTIFY_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("url", "wanted"), [
    ("mysql://root@127.0.0.1/test", "unsupported database 'mysql'"),
    ("nonsense", "not a database URL"),
    ("postgresql+psycopg://postgres@127.0.0.1:1/none", "cannot reach the database"),
    ("sqlite:////no/such/folder/n.db", "no folder"),
])
def test_a_bad_store_stops_start_up_with_one_clear_line(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str], url: str,
                                                        wanted: str) -> None:
    code, _, err = _main(monkeypatch, capsys, "serve", "--port", "1", NOTIFY_DATABASE_URL=url,
                         NOTIFY_SECRET_KEY="k")
    assert code == 2
    assert err.count("\n") == 1 and wanted in err and err.startswith("notify: ")


def test_the_real_command_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    result = _notify(tmp_path, "serve", "--port", "1", NOTIFY_DATABASE_URL="nonsense")
    assert result.returncode == 2
    assert result.stderr == "notify: not a database URL: 'nonsense' (want postgresql+psycopg://…, " \
                            "sqlite:///path or memory)\n"


def test_db_commands_manage_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def notify(*args: str, database: str = url) -> str:
        code, out, _ = _main(monkeypatch, capsys, "db", *args, NOTIFY_DATABASE_URL=database)
        assert code == 0
        return out

    assert "at base (empty)" in notify("current")
    assert f"at {migrate.head()};" in notify("upgrade")
    previous = ScriptDirectory.from_config(migrate.config()).get_revision(migrate.head()).down_revision
    assert f"at {previous};" in notify("downgrade", "-1")
    assert "at base" in notify("downgrade", "base")
    assert "no schema" in notify("current", database="memory")
