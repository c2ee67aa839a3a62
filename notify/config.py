"""Settings from the environment: the only place that reads os.environ."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping

from attrs import frozen

DEFAULT_ADMIN_CLIENT_ID = "notify-admin"


@frozen(kw_only=True)
class Settings:
    admin_client_id: str = DEFAULT_ADMIN_CLIENT_ID
    # Several secrets may be current at once, so a secret can be rotated without downtime.
    admin_client_secrets: tuple[str, ...] = ()
    database_url: str | None = None  # None: the in-memory store
    generated_admin_secret: bool = False  # True when no secret was configured and one was made up

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        configured = tuple(s.strip() for s in env.get("NOTIFY_ADMIN_CLIENT_SECRET", "").split(",") if s.strip())
        return cls(
            admin_client_id=env.get("NOTIFY_ADMIN_CLIENT_ID") or DEFAULT_ADMIN_CLIENT_ID,
            admin_client_secrets=configured or (secrets.token_urlsafe(32),),
            database_url=env.get("NOTIFY_DATABASE_URL") or None,
            generated_admin_secret=not configured,
        )
