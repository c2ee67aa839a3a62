"""Admin API: /service/{service_id}/template — versioned templates, their history and previews."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import template_email_files as email_files
from notify.usecases import letter_attachments
from notify.usecases import templates as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.template_email_files import EmailFileShown
from .schemas.letter_attachments import LetterAttachmentOut
from .schemas.templates import (
    CreateTemplate, TemplateListItem, TemplateOut, TemplatesQuery, TemplateVersionOut, UpdateTemplate,
    preview_personalisation,
)


class TemplateResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/template
    @operation(query=TemplatesQuery, response=list[TemplateListItem], key="data")
    def on_get(self, req: falcon.Request, service_id: UUID, query: TemplatesQuery) -> list[TemplateListItem]:
        """The service's templates, optionally of one type."""
        found = usecases.list_templates(self._notify, service_id, query.template_type)
        return [TemplateListItem.of(t) for t in found]

    @operation(body=CreateTemplate, response=TemplateOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateTemplate) -> TemplateOut:
        """A new template (version 1)."""
        return TemplateOut.of(usecases.create_template(self._notify, service_id, created_by=body.created_by,
                                                       **body.template_changes()))

    # /service/{service_id}/template/{template_id}
    @operation(response=TemplateOut, key="data")
    def on_get_item(self, req: falcon.Request, service_id: UUID, template_id: UUID) -> TemplateOut:
        """A template as it is now, with the files its emails link to and the pages printed after it (its
        `letter_attachment`) when it has them."""
        template = usecases.get_template(self._notify, service_id, template_id)
        attached = letter_attachments.live_attachment(self._notify, template_id)
        return TemplateOut.of(template, email_files=[EmailFileShown.of(f)
                                                     for f in email_files.files_of(self._notify, template)],
                              letter_attachment=LetterAttachmentOut.of(attached) if attached else None)

    @operation(body=UpdateTemplate, response=TemplateOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, template_id: UUID,
                     body: UpdateTemplate) -> TemplateOut:
        """Change a template (a new version when something changed); `archived: true` archives it."""
        by = body.created_by if "created_by" in body.given else None
        return TemplateOut.of(usecases.update_template(self._notify, service_id, template_id,
                                                       body.template_changes(), by=by))

    # /service/{service_id}/template/{template_id}/version/{version}
    @operation(response=TemplateVersionOut, key="data")
    def on_get_version(self, req: falcon.Request, service_id: UUID, template_id: UUID,
                       version: int) -> TemplateVersionOut:
        """One version of a template, with its author."""
        return TemplateVersionOut.of(usecases.get_template_version(self._notify, service_id, template_id, version))

    # /service/{service_id}/template/{template_id}/versions
    @operation(response=list[TemplateVersionOut], key="data")
    def on_get_versions(self, req: falcon.Request, service_id: UUID, template_id: UUID) -> list[TemplateVersionOut]:
        """Every version of a template, with their authors."""
        return [TemplateVersionOut.of(v) for v in usecases.list_template_versions(self._notify, service_id,
                                                                                   template_id)]

    # /service/{service_id}/template/{template_id}/preview?<personalisation>
    @operation(response=TemplateOut)
    def on_get_preview(self, req: falcon.Request, service_id: UUID, template_id: UUID) -> TemplateOut:
        """The template filled in with the query's values (each parameter a placeholder)."""
        template, content, subject = usecases.preview_template(
            self._notify, service_id, template_id, preview_personalisation(req.query_string))
        return TemplateOut.of(template, content=content, subject=subject)
