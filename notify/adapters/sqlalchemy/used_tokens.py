"""Token ids seen, in the database: one upsert per token that carries an id, so a replay is refused by every
process sharing the database. A row whose token has expired is taken over by the same key again (the upsert's
WHERE), and expired rows are deleted now and then so the table stays the size of one token window.

Cheap by construction, as it runs on every such request: one statement in autocommit (no BEGIN/COMMIT round
trips), and on PostgreSQL the table is UNLOGGED (no WAL, no fsync at commit). A crash may forget the last
30 seconds of ids, letting a token captured just before it be replayed once more within its window."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from notify.domain.errors import StoreUnavailable

from .dialects import dialect_for
from .engine import describe, reason
from .tables import used_tokens

PURGE_EVERY_SECONDS = 60.0


class SqlAlchemyUsedTokens:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        statement = dialect_for(engine).insert(used_tokens).values(key=sa.bindparam("key"), expires_at=sa.bindparam("expires_at"))
        self._claim = statement.on_conflict_do_update(
            index_elements=[used_tokens.c.key], set_={"expires_at": statement.excluded.expires_at},
            where=used_tokens.c.expires_at <= sa.bindparam("now", type_=used_tokens.c.expires_at.type),
        ).returning(used_tokens.c.key)
        self._purge = sa.delete(used_tokens).where(
            used_tokens.c.expires_at <= sa.bindparam("now", type_=used_tokens.c.expires_at.type))
        self._next_purge = 0.0
        self._purge_lock = threading.Lock()

    def first_use(self, key: str, *, expires_at: datetime, now: datetime) -> bool:
        try:
            with self._connect() as connection:
                claimed = connection.execute(self._claim, {"key": key, "expires_at": expires_at, "now": now}).first()
                if self._purge_due():
                    connection.execute(self._purge, {"now": now})
        except sa.exc.DBAPIError as exc:
            raise StoreUnavailable(f"the database at {describe(self._engine)} is unavailable: {reason(exc)}") \
                from None
        return claimed is not None

    def _connect(self) -> Any:
        if self._engine.dialect.name == "postgresql":
            return self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._engine.begin()  # SQLite: local, nothing to save; its engine issues BEGIN IMMEDIATE itself

    def _purge_due(self) -> bool:
        with self._purge_lock:
            if time.monotonic() < self._next_purge:
                return False
            self._next_purge = time.monotonic() + PURGE_EVERY_SECONDS
            return True
