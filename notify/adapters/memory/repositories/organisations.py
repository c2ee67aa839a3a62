"""Organisations and their members."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.organisation import Organisation, OrganisationUser

from .base import MemoryRepository


class InMemoryOrganisationRepository(MemoryRepository[Organisation]):
    table_name = "organisations"
    not_found = errors.OrganisationNotFound

    def add(self, organisation: Organisation) -> None:
        self._insert(organisation.id, organisation, self._clash(organisation), "organisation")

    def update(self, organisation: Organisation) -> None:
        self._replace(organisation.id, organisation, self._clash(organisation))

    @staticmethod
    def _clash(organisation: Organisation) -> Callable[[Organisation], bool]:
        """Same name whatever its case, or a domain another organisation already has (SQL: domain is a key)."""
        return lambda o: o.name.lower() == organisation.name.lower() or bool(o.domains & organisation.domains)

    def get(self, organisation_id: UUID) -> Organisation:
        return self._get(organisation_id)

    def list(self) -> Sequence[Organisation]:
        return sorted(self._rows.values(), key=lambda o: o.name)


class InMemoryOrganisationUserRepository(MemoryRepository[OrganisationUser]):
    table_name = "organisation_users"

    def add(self, member: OrganisationUser) -> None:
        self._insert((member.organisation_id, member.user_id), member, what="organisation user")

    def update(self, member: OrganisationUser) -> None:
        if (member.organisation_id, member.user_id) not in self._rows:
            raise errors.UserNotFound("User not found")
        self._session.put(self.table_name, (member.organisation_id, member.user_id), member)

    def remove(self, organisation_id: UUID, user_id: UUID) -> None:
        if (organisation_id, user_id) not in self._rows:
            raise errors.UserNotFound("User not found")
        self._session.delete(self.table_name, (organisation_id, user_id))

    def find(self, organisation_id: UUID, user_id: UUID) -> OrganisationUser | None:
        return self._rows.get((organisation_id, user_id))

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[OrganisationUser]:
        return sorted((m for m in self._rows.values() if m.organisation_id == organisation_id),
                      key=lambda m: str(m.user_id))

    def list_for_user(self, user_id: UUID) -> Sequence[OrganisationUser]:
        return sorted((m for m in self._rows.values() if m.user_id == user_id),
                      key=lambda m: str(m.organisation_id))
