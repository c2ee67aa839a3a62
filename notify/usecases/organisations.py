"""Organisations: the bodies that own services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from notify.domain import errors
from notify.domain.organisation import Organisation

from .app import Notify


def create_organisation(notify: Notify, *, name: str, **details: Any) -> Organisation:
    organisation = Organisation(id=notify.ids.new(), name=name, created_at=notify.clock.now(), **details)
    with notify.uow() as uow:
        if any(o.name.lower() == name.lower() for o in uow.organisations.list()):
            raise errors.InvalidRequest("Organisation name already exists", field="name")
        uow.organisations.add(organisation)
        uow.commit()
    return organisation


def get_organisation(notify: Notify, organisation_id: UUID) -> Organisation:
    with notify.uow() as uow:
        return uow.organisations.get(organisation_id)


def list_organisations(notify: Notify) -> Sequence[Organisation]:
    with notify.uow() as uow:
        return uow.organisations.list()
