"""Platform-admin lookups on the admin API."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from notify.usecases.platform_admin import Found

from .fields import required


@define(kw_only=True)
class FindByUuid:
    uuid: UUID = required()


@define(kw_only=True)
class FoundOut:
    type: str
    context: dict[str, str]  # what the admin needs to build the record's page address: its service, if any

    @classmethod
    def of(cls, found: Found) -> FoundOut:
        return cls(type=found.type,
                   context={"service_id": str(found.service_id)} if found.service_id is not None else {})
