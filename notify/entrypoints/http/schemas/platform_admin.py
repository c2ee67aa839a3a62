"""Platform-admin lookups on the admin API."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from attrs import define

from notify.domain.user_filter import UserFilter
from notify.usecases.platform_admin import Found

from .fields import optional, required


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


@define(kw_only=True)
class UsersListQuery:
    """At least one criterion must be named (an empty body would list every user)."""
    logged_in_start: date | None = optional()
    logged_in_end: date | None = optional()
    created_start: date | None = optional()
    created_end: date | None = optional()
    take_part_in_research: bool | None = optional()

    def criteria(self) -> UserFilter:
        return UserFilter(logged_in_start=self.logged_in_start, logged_in_end=self.logged_in_end,
                          created_start=self.created_start, created_end=self.created_end,
                          take_part_in_research=self.take_part_in_research)
