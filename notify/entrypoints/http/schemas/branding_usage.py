"""What GET /{email,letter}-branding/{id}/orgs_and_services answers."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from attrs import define


@define(kw_only=True)
class NamedRef:
    id: UUID
    name: str


@define(kw_only=True)
class BrandingUsersOut:
    services: list[NamedRef]
    organisations: list[NamedRef]

    @classmethod
    def of(cls, services: Sequence[tuple[UUID, str]], organisations: Sequence[tuple[UUID, str]]) -> BrandingUsersOut:
        return cls(services=[NamedRef(id=i, name=n) for i, n in services],
                   organisations=[NamedRef(id=i, name=n) for i, n in organisations])
