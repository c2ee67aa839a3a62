"""Template folders, contact lists, report requests and template email files: each stays with its service,
round-trips and lists in its order; a template moves between folders without a new version."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from notify.domain import errors
from notify.domain.constants import TemplateType
from notify.domain.contact_list import ContactList, ContactListNotFound
from notify.domain.report_request import (REPORT_TYPE_NOTIFICATIONS, ReportRequest, ReportRequestNotFound,
                                          ReportStatus, StatusFilter)
from notify.domain.template_email_file import TemplateEmailFile, TemplateEmailFileNotFound
from notify.domain.template_folder import TemplateFolder, TemplateFolderNotFound

from .helpers import NewUow, add_service, add_user, later, template


def folder(service_id: UUID, name: str, parent_id: UUID | None = None) -> TemplateFolder:
    return TemplateFolder(id=uuid4(), service_id=service_id, name=name, parent_id=parent_id)


def test_folders_round_trip_by_name_and_stay_with_their_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    top = folder(service.id, "Reminders")
    inner, first = folder(service.id, "Overdue", top.id), folder(service.id, "Appointments")
    theirs = folder(other.id, "Theirs")
    with new_uow() as uow:
        for f in (top, inner, first, theirs):
            uow.template_folders.add(f)
        uow.commit()
    with new_uow() as uow:
        assert uow.template_folders.list_for_service(service.id) == [first, inner, top]
        assert uow.template_folders.get(service.id, inner.id) == inner
        with pytest.raises(TemplateFolderNotFound):
            uow.template_folders.get(other.id, inner.id)
        with pytest.raises(TemplateFolderNotFound):
            uow.template_folders.update(TemplateFolder(id=theirs.id, service_id=service.id, name="Taken"))
        with pytest.raises(TemplateFolderNotFound):
            uow.template_folders.remove(service.id, theirs.id)


def test_folders_are_renamed_moved_and_removed(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    a, b = folder(service.id, "A"), folder(service.id, "B")
    with new_uow() as uow:
        uow.template_folders.add(a)
        uow.template_folders.add(b)
        uow.commit()
    with new_uow() as uow:
        uow.template_folders.update(b.renamed("  Bee ").moved_to(a.id))
        uow.commit()
    with new_uow() as uow:
        assert uow.template_folders.get(service.id, b.id) == TemplateFolder(id=b.id, service_id=service.id,
                                                                            name="Bee", parent_id=a.id)
        uow.template_folders.update(uow.template_folders.get(service.id, b.id).moved_to(None))
        uow.template_folders.remove(service.id, a.id)
        uow.commit()
    with new_uow() as uow:
        assert [f.name for f in uow.template_folders.list_for_service(service.id)] == ["Bee"]


def test_a_template_moves_into_a_folder_without_a_new_version(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    service, other = add_service(new_uow, owner), add_service(new_uow)
    f = folder(service.id, "Letters")
    t = template(service.id, owner.id)
    with new_uow() as uow:
        uow.template_folders.add(f)
        uow.templates.add(t)
        uow.commit()
    with new_uow() as uow:
        uow.templates.move_to_folder(service.id, t.id, f.id)
        uow.commit()
    with new_uow() as uow:
        moved = uow.templates.get(service.id, t.id)
        assert moved.folder_id == f.id and moved.version == 1
        assert len(uow.templates.versions(service.id, t.id)) == 1
        with pytest.raises(errors.TemplateNotFound):
            uow.templates.move_to_folder(other.id, t.id, None)


def contact_list(service_id: UUID, user_id: UUID, minutes: float = 0) -> ContactList:
    return ContactList(id=uuid4(), service_id=service_id, original_file_name="people.csv", row_count=3,
                       template_type=TemplateType.EMAIL, created_by_id=user_id, created_at=later(minutes=minutes))


def test_contact_lists_newest_first_archived_ones_left_out(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    service, other = add_service(new_uow, owner), add_service(new_uow)
    old, new, gone = (contact_list(service.id, owner.id, m) for m in (0, 5, 10))
    with new_uow() as uow:
        for c in (old, new, gone):
            uow.contact_lists.add(c)
        uow.contact_lists.update(gone.archived_at(later(minutes=11)))
        uow.commit()
    with new_uow() as uow:
        assert uow.contact_lists.list_for_service(service.id) == [new, old]
        assert uow.contact_lists.get(service.id, gone.id).archived
        assert uow.contact_lists.list_for_service(other.id) == []
        with pytest.raises(ContactListNotFound):
            uow.contact_lists.get(other.id, old.id)


def test_report_requests_are_listed_per_user_and_updated(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    service, other = add_service(new_uow, owner), add_service(new_uow)
    asks = [ReportRequest(id=uuid4(), user_id=owner.id, service_id=service.id, report_type=REPORT_TYPE_NOTIFICATIONS,
                          status=ReportStatus.PENDING, notification_type="all", notification_status=StatusFilter.ALL,
                          created_at=later(minutes=m)) for m in (1, 0)]
    with new_uow() as uow:
        for a in asks:
            uow.report_requests.add(a)
        uow.commit()
    done = asks[0].moved_to(ReportStatus.STORED, later(minutes=2))
    with new_uow() as uow:
        uow.report_requests.update(done)
        uow.commit()
    with new_uow() as uow:
        assert uow.report_requests.list_for_user(service.id, owner.id) == [asks[1], done]
        assert uow.report_requests.get(service.id, done.id) == done
        with pytest.raises(ReportRequestNotFound):
            uow.report_requests.get(other.id, done.id)


def test_template_email_files_stay_with_their_template(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    service = add_service(new_uow, owner)
    t, u = template(service.id, owner.id), template(service.id, owner.id)
    files = [TemplateEmailFile(id=uuid4(), service_id=service.id, template_id=t.id, template_version=1,
                               filename=f"file{n}.pdf", link_text=None, retention_period=26,
                               validate_users_email=True, pending=True, created_at=later(minutes=n),
                               created_by_id=owner.id) for n in (1, 0)]
    with new_uow() as uow:
        uow.templates.add(t)
        uow.templates.add(u)
        for f in files:
            uow.template_email_files.add(f)
        uow.commit()
    archived = files[0].archived(by=owner.id, now=later(minutes=3))
    with new_uow() as uow:
        uow.template_email_files.update(archived)
        uow.commit()
    with new_uow() as uow:
        assert uow.template_email_files.list_for_template(service.id, t.id) == [files[1], archived]
        assert uow.template_email_files.list_for_template(service.id, u.id) == []
        with pytest.raises(TemplateEmailFileNotFound):
            uow.template_email_files.get(service.id, u.id, archived.id)


def test_report_requests_made_before_a_time_across_services(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    services = [add_service(new_uow, owner), add_service(new_uow, owner)]
    made = [ReportRequest(id=uuid4(), user_id=owner.id, service_id=s.id, report_type=REPORT_TYPE_NOTIFICATIONS,
                          status=ReportStatus.STORED, notification_type="all", notification_status=StatusFilter.ALL,
                          created_at=later(minutes=m)) for s, m in ((services[0], 2), (services[1], 1), (services[0], 9))]
    with new_uow() as uow:
        for r in made:
            uow.report_requests.add(r)
        uow.report_requests.update(made[0].moved_to(ReportStatus.DELETED, later(minutes=3)))
        uow.commit()
    with new_uow() as uow:
        assert uow.report_requests.list_created_before(later(minutes=5)) == [made[1]]
