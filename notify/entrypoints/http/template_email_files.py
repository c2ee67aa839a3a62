"""Admin API: /service/{id}/templates/{template_id}/template_email_files (files sent as links in emails)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import template_email_files as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.template_email_files import ArchiveEmailFile, CreateEmailFile, EmailFileFields, EmailFileOut


class TemplateEmailFileResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/templates/{template_id}/template_email_files
    @operation(response=list[EmailFileOut], key="data")
    def on_get(self, req: falcon.Request, service_id: UUID, template_id: UUID) -> list[EmailFileOut]:
        """The template's live files."""
        return [EmailFileOut.of(f) for f in usecases.list_files(self._notify, service_id, template_id)]

    @operation(body=CreateEmailFile, response=EmailFileOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, template_id: UUID,
                body: CreateEmailFile) -> EmailFileOut:
        """A new file on an email template, pending until it is made live."""
        return EmailFileOut.of(usecases.create_file(
            self._notify, service_id, template_id, file_id=body.id, filename=body.filename,
            link_text=body.link_text, retention_period=body.retention_period if "retention_period" in body.given
            else None, validate_users_email=body.validate_users_email if "validate_users_email" in body.given
            else None, created_by=body.created_by_id))

    # /service/{service_id}/templates/{template_id}/template_email_files/{template_email_file_id}
    @operation(response=EmailFileOut, key="data")
    def on_get_item(self, req: falcon.Request, service_id: UUID, template_id: UUID,
                    template_email_file_id: UUID) -> EmailFileOut:
        return EmailFileOut.of(usecases.get_file(self._notify, service_id, template_id, template_email_file_id))

    @operation(body=EmailFileFields, response=EmailFileOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, template_id: UUID, template_email_file_id: UUID,
                     body: EmailFileFields) -> EmailFileOut:
        """Change a file; `pending: false` makes a pending file live."""
        return EmailFileOut.of(usecases.update_file(self._notify, service_id, template_id, template_email_file_id,
                                                    body.changed()))

    # /service/{service_id}/templates/{template_id}/template_email_files/{template_email_file_id}/archive
    @operation(body=ArchiveEmailFile, response=EmailFileOut, key="data")
    def on_post_archive(self, req: falcon.Request, service_id: UUID, template_id: UUID,
                        template_email_file_id: UUID, body: ArchiveEmailFile) -> EmailFileOut:
        """Take the file off the template."""
        return EmailFileOut.of(usecases.archive_file(self._notify, service_id, template_id, template_email_file_id,
                                                     archived_by=body.archived_by_id))
