"""Organisations and their members."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.organisation import Organisation, OrganisationUser

from .base import MemoryRepository
from .memberships import MembershipRepository


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


class InMemoryOrganisationUserRepository(MembershipRepository[OrganisationUser]):
    table_name, owner, what = "organisation_users", "organisation_id", "organisation user"

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[OrganisationUser]:
        return sorted(self._of("organisation_id", organisation_id), key=lambda m: str(m.user_id))

    def list_for_user(self, user_id: UUID) -> Sequence[OrganisationUser]:
        return sorted(self._of("user_id", user_id), key=lambda m: str(m.organisation_id))
