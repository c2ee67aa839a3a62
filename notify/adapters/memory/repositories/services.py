"""Services (every version kept), their guest lists and their members."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.service import GuestListEntry, Service, ServiceUser

from .base import MemoryRepository, VersionedRepository
from .memberships import MembershipRepository


class InMemoryServiceRepository(VersionedRepository[Service]):
    table_name = "services"
    not_found = errors.ServiceNotFound

    def add(self, service: Service) -> None:
        self._add_versioned(service, lambda s: s.name == service.name, "service")

    def update(self, service: Service) -> None:
        self._update_versioned(service, lambda s: s.name == service.name)

    def get(self, service_id: UUID) -> Service:
        return self._get(service_id)

    def find_by_name(self, name: str) -> Service | None:
        wanted = name.lower()
        return next((s for s in self._rows.values() if s.name.lower() == wanted), None)

    def list(self, *, only_active: bool = False, user_id: UUID | None = None) -> Sequence[Service]:
        rows: Iterable[Service] = self._rows.values()
        if only_active:
            rows = (s for s in rows if s.active)
        if user_id is not None:
            member_of = {m.service_id for m in self._session.table("service_users").values() if m.user_id == user_id}
            rows = (s for s in rows if s.id in member_of)
        return sorted(rows, key=lambda s: (s.created_at, s.id))

    def search_by_name(self, fragment: str) -> Sequence[Service]:
        wanted = fragment.lower()
        return sorted((s for s in self._rows.values() if wanted in s.name.lower()), key=lambda s: s.name)

    def history(self, service_id: UUID) -> Sequence[Service]:
        return sorted(self._versions_of(lambda s: s.id == service_id), key=lambda s: s.version)

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[Service]:
        return sorted((s for s in self._rows.values() if s.organisation_id == organisation_id),
                      key=lambda s: (s.name, s.id))


class InMemoryGuestListRepository(MemoryRepository[tuple[GuestListEntry, ...]]):
    table_name = "guest_list"

    def replace(self, service_id: UUID, entries: Sequence[GuestListEntry]) -> None:
        self._session.put(self.table_name, service_id, tuple(entries))

    def list_for_service(self, service_id: UUID) -> Sequence[GuestListEntry]:
        return list(self._rows.get(service_id, ()))


class InMemoryServiceUserRepository(MembershipRepository[ServiceUser]):
    table_name, owner, what = "service_users", "service_id", "service user"

    def _no_member_to_update(self) -> errors.NotFound:
        return self.not_found()

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceUser]:
        return sorted(self._of("service_id", service_id), key=_member_order)

    def list_for_user(self, user_id: UUID) -> Sequence[ServiceUser]:
        return sorted(self._of("user_id", user_id), key=_member_order)


def _member_order(member: ServiceUser) -> tuple[str, str]:
    return (str(member.service_id), str(member.user_id))
