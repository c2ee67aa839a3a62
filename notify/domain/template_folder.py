"""Template folders: a service's tree of folders that group its templates, each seen only by the team members
given access to it (a member's folder permissions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from uuid import UUID

from attrs import evolve, frozen

from .errors import InvalidRequest, NotFound, ValidationFailed


class TemplateFolderNotFound(NotFound): ...


@frozen(kw_only=True)
class TemplateFolder:
    id: UUID
    service_id: UUID
    name: str
    parent_id: UUID | None = None

    def renamed(self, name: str) -> TemplateFolder:
        return evolve(self, name=checked_name(name))

    def moved_to(self, parent_id: UUID | None) -> TemplateFolder:
        return evolve(self, parent_id=parent_id)


def checked_name(name: str) -> str:
    """Surrounding spaces are dropped; a name of only spaces is refused."""
    if not name.strip():
        raise ValidationFailed({"name": ["name is too short"]})
    return name.strip()


def ancestors(folder_id: UUID, folders: Mapping[UUID, TemplateFolder]) -> list[UUID]:
    """The folder's parent, grandparent... up to the top (the tree has no cycles: moves refuse them)."""
    found: list[UUID] = []
    current = folders[folder_id].parent_id if folder_id in folders else None
    while current is not None and current not in found:
        found.append(current)
        current = folders[current].parent_id if current in folders else None
    return found


def check_move(folder_id: UUID, target_id: UUID | None, folders: Mapping[UUID, TemplateFolder]) -> None:
    """A folder cannot go into itself nor into one of its own subfolders."""
    if folder_id == target_id:
        raise InvalidRequest("You cannot move a folder to itself")
    if target_id is not None and folder_id in ancestors(target_id, folders):
        raise InvalidRequest("You cannot move a folder to one of its subfolders")


def visible_folders(folders: Iterable[TemplateFolder], permitted: frozenset[UUID]) -> set[UUID]:
    """The folders a member may see: those they are given, and the ancestors that lead to them (shown so the
    way down is there, as Notify's admin shows them)."""
    by_id = {f.id: f for f in folders}
    visible = {f for f in permitted if f in by_id}
    for folder_id in list(visible):
        visible.update(ancestors(folder_id, by_id))
    return visible
