"""A service's templates: the list, a new or changed template with its preview (and, for text messages, how
many parts it is sent in), one template, its versions, archiving it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon

from notify.domain import errors
from notify.domain.constants import TemplateType, UserPermission
from notify.domain.template import Template
from notify.domain.user import User
from notify.usecases import template_folders, templates, web_templates

from .pages import Page, PageNotFound, page_id, problems_of

TYPE_NAMES = {TemplateType.SMS: "Text message", TemplateType.EMAIL: "Email", TemplateType.LETTER: "Letter"}


def _template(page: Page, membership: web_templates.Membership, template_id: str) -> Template:
    """A template the member may see: one in a folder not shared with them is not found."""
    try:
        template = templates.get_template(page.notify, membership.service.id, page_id(template_id))
    except errors.NotFound:
        raise PageNotFound() from None
    if template.archived or not membership.sees(template):
        raise PageNotFound()
    return template


def _folder_id(req: falcon.Request) -> UUID | None:
    value = req.get_param("folder")
    return page_id(value) if value else None


class TemplatesPage(Page):
    """One level of the service's folders with the templates in it; POST makes a folder there."""

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        self._show(req, resp, user, self.member(req, user, service_id), _folder_id(req))

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_TEMPLATES)
        parent_id = _folder_id(req)
        self._level(membership, parent_id)  # the parent must be one the member sees
        name = self.form(req).get("name", "")
        try:
            made = template_folders.create_folder(self.notify, membership.service.id, name=name,
                                                  parent_id=parent_id)
        except errors.NotifyError as exc:
            problems = {"name": "Enter a name for the folder"} if not name.strip() else problems_of(exc, "name")
            self._show(req, resp, user, membership, parent_id, errors=problems, status=400)
            return
        self.redirect(req, resp, f"/services/{membership.service.id}/templates?folder={made.folder.id}")

    def _level(self, membership: web_templates.Membership, folder_id: UUID | None) -> web_templates.FolderPage:
        try:
            return web_templates.folder_page(self.notify, membership, folder_id)
        except errors.NotFound:
            raise PageNotFound() from None

    def _show(self, req: falcon.Request, resp: falcon.Response, user: User, membership: web_templates.Membership,
              folder_id: UUID | None, *, status: int = 200, **context: Any) -> None:
        self.render(req, resp, "templates.html", status=status, signed_in=user, service=membership.service,
                    level=self._level(membership, folder_id), type_names=TYPE_NAMES,
                    can_manage=membership.can(UserPermission.MANAGE_TEMPLATES), **context)


class TemplateFormPage(Page):
    """New (no template id) or edit: "Preview" shows the draft as it would be sent, "Save" saves it."""

    def _type(self, req: falcon.Request, existing: Template | None) -> TemplateType:
        if existing is not None:
            return existing.template_type
        try:
            return TemplateType(req.get_param("type") or "sms")
        except ValueError:
            raise PageNotFound() from None

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str,
               template_id: str | None = None) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_TEMPLATES)
        existing = _template(self, membership, template_id) if template_id else None
        values = {"name": existing.name, "subject": existing.subject or "", "content": existing.content} \
            if existing else {}
        self.render(req, resp, "template_form.html", signed_in=user, service=membership.service,
                    template_type=self._type(req, existing), type_names=TYPE_NAMES, existing=existing,
                    values=values, preview=None)

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                template_id: str | None = None) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_TEMPLATES)
        service = membership.service
        existing = _template(self, membership, template_id) if template_id else None
        kind = self._type(req, existing)
        form = self.form(req)
        values = {k: form.get(k, "") for k in ("name", "subject", "content")}
        values["content"] = values["content"].replace("\r\n", "\n")
        problems: dict[str, str] = {}
        if not values["name"].strip():
            problems["name"] = "Enter a name for this template"
        if not values["content"].strip():
            problems["content"] = "Enter the message"
        if kind is not TemplateType.SMS and not values["subject"].strip():
            problems["subject"] = "Enter a subject" if kind is TemplateType.EMAIL else "Enter a heading"
        preview = None
        subject = values["subject"] if kind is not TemplateType.SMS else None
        if not problems:
            try:
                preview = web_templates.preview_draft(service, user.id, template_type=kind, name=values["name"],
                                                      content=values["content"], subject=subject,
                                                      now=self.notify.clock.now())
            except errors.NotifyError as exc:
                problems.update(problems_of(exc, "content"))
        if not problems and form.get("action") == "save":
            try:
                if existing is None:
                    folder_id = _folder_id(req)
                    web_templates.folder_page(self.notify, membership, folder_id)  # one the member sees
                    saved = templates.create_template(self.notify, service.id, name=values["name"],
                                                      template_type=kind, content=values["content"],
                                                      subject=subject, created_by=user.id, folder_id=folder_id)
                else:
                    saved = templates.update_template(self.notify, service.id, existing.id, {
                        "name": values["name"], "content": values["content"], "subject": subject}, by=user.id)
            except errors.NotifyError as exc:
                problems.update(problems_of(exc, "content"))
            else:
                self.redirect(req, resp, f"/services/{service.id}/templates/{saved.id}")
                return
        self.render(req, resp, "template_form.html", status=400 if problems else 200, signed_in=user,
                    service=service, template_type=kind, type_names=TYPE_NAMES, existing=existing, values=values,
                    preview=preview, errors=problems)


class TemplatePage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        template = _template(self, membership, template_id)
        preview = web_templates.preview_draft(
            membership.service, user.id, template_type=template.template_type, name=template.name,
            content=template.content, subject=template.subject, now=self.notify.clock.now())
        self.render(req, resp, "template.html", signed_in=user, service=membership.service, template=template,
                    preview=preview, type_names=TYPE_NAMES,
                    can_manage=membership.can(UserPermission.MANAGE_TEMPLATES))


class VersionsPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        template = _template(self, membership, template_id)
        self.render(req, resp, "versions.html", signed_in=user, service=membership.service, template=template,
                    versions=templates.list_template_versions(self.notify, membership.service.id, template.id))


class ArchivePage(Page):
    """GET asks to confirm; POST archives (the template leaves the list; its versions stay for its messages)."""

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_TEMPLATES)
        self.render(req, resp, "archive.html", signed_in=user, service=membership.service,
                    template=_template(self, membership, template_id))

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_TEMPLATES)
        template = _template(self, membership, template_id)
        self.form(req)
        templates.archive_template(self.notify, membership.service.id, template.id, by=user.id)
        self.redirect(req, resp, f"/services/{membership.service.id}/templates")
