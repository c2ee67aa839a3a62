"""The health check's answer."""

from __future__ import annotations

from attrs import define


@define(kw_only=True)
class Health:
    status: str
    db_version: str
