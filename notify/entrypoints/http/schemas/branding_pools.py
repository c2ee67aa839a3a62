"""An organisation's branding pools on the wire."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from .fields import required


@define(kw_only=True)
class BrandingIds:
    branding_ids: list[UUID] = required()
