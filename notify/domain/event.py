"""Something the admin app records for the platform's own audit (a sign-in, a changed setting): its type and
whatever data it chose, kept as given."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import frozen


@frozen(kw_only=True)
class Event:
    id: UUID
    event_type: str
    created_at: datetime
    data: Mapping[str, Any]
