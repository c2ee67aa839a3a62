"""Admin API: /service/{service_id}/template — versioned templates, their history and previews."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

import falcon
from attrs import define

from notify.domain.constants import LetterLanguage, Postage, TemplateType
from notify.domain.errors import ValidationFailed
from notify.domain.template import Template
from notify.domain.user import User
from notify.usecases import templates as usecases
from notify.usecases.app import Notify
from notify.usecases.templates import TemplateVersion

from .wire import INT_MAX, body, dump, optional, parse, path_uuid, required

NO_FOLDERS = "Template folder not found"


@define(kw_only=True)
class TemplateFields:
    """What the admin app may set on a template (every field optional: updates merge over the current one)."""

    name: str = optional(max_length=255, not_blank=True)
    template_type: TemplateType = optional()
    content: str = optional(not_blank=True)
    subject: str | None = optional()
    postage: Postage | None = optional()
    letter_languages: LetterLanguage | None = optional()
    letter_welsh_subject: str | None = optional()
    letter_welsh_content: str | None = optional()
    has_unsubscribe_link: bool = optional()
    parent_folder_id: UUID | None = optional()
    reply_to: UUID | None = optional()
    created_by: UUID = optional()
    service: UUID = optional()  # sent by Notify's admin app; the path says which service


@define(kw_only=True)
class CreateTemplate(TemplateFields):
    name: str = required(max_length=255, not_blank=True)
    template_type: TemplateType = required()
    content: str = required(not_blank=True)
    created_by: UUID = required()


@define(kw_only=True)
class UpdateTemplate(TemplateFields):
    archived: bool = optional()


def _to_domain(values: dict[str, Any]) -> dict[str, Any]:
    values.pop("service", None)
    if values.pop("parent_folder_id", None) is not None:  # no folders here yet: only "none" exists
        raise ValidationFailed({"parent_folder_id": [NO_FOLDERS]})
    if values.get("postage") is not None:
        values["postage"] = values["postage"].value
    return values


def template_json(template: Template) -> dict[str, Any]:
    return {
        "id": str(template.id),
        "name": template.name,
        "template_type": template.template_type.value,
        "content": template.content,
        "subject": template.subject,
        "created_at": dump(template.created_at),
        "updated_at": dump(template.updated_at),
        "created_by": str(template.created_by),
        "version": template.version,
        "archived": template.archived,
        "hidden": template.hidden,
        "postage": template.postage,
        "service": str(template.service_id),
        "folder": dump(template.folder_id),
        "reply_to": dump(template.reply_to),
        "reply_to_text": None,
        "redact_personalisation": template.redact_personalisation,
        "process_type": template.process_type,
        "is_precompiled_letter": template.hidden and template.template_type is TemplateType.LETTER,
        "letter_attachment": None,
        "letter_languages": dump(template.letter_languages),
        "letter_welsh_subject": template.letter_welsh_subject,
        "letter_welsh_content": template.letter_welsh_content,
        "has_unsubscribe_link": template.has_unsubscribe_link,
        "email_files": [],
    }


def _creator_json(user: User | None, user_id: UUID) -> dict[str, Any]:
    if user is None:
        return {"id": str(user_id), "name": None, "email_address": None}
    return {"id": str(user.id), "name": user.name, "email_address": user.email_address}


def version_json(version: TemplateVersion) -> dict[str, Any]:
    return {**template_json(version.template),
            "created_by": _creator_json(version.created_by, version.template.created_by)}


def list_item_json(template: Template) -> dict[str, Any]:
    return {"id": str(template.id), "name": template.name, "template_type": template.template_type.value,
            "folder": dump(template.folder_id),
            "is_precompiled_letter": template.hidden and template.template_type is TemplateType.LETTER}


def _version(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValidationFailed({"version": ["Not a valid integer."]}) from None
    if number < 1:
        raise ValidationFailed({"version": ["Must be greater than or equal to 1."]})
    if number > INT_MAX:
        raise ValidationFailed({"version": [f"Must be less than or equal to {INT_MAX}."]})
    return number


class TemplateResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/template
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        raw_type = req.get_param("template_type")
        template_type = None
        if raw_type is not None:
            template_type = parse({"template_type": raw_type}, TemplateFields, partial=True)["template_type"]
        found = usecases.list_templates(self._notify, path_uuid(service_id, "service_id"), template_type)
        resp.media = {"data": [list_item_json(t) for t in found]}

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        values = _to_domain(parse(body(req), CreateTemplate))
        template = usecases.create_template(self._notify, sid, **values)
        resp.status = falcon.HTTP_201
        resp.media = {"data": template_json(template)}

    # /service/{service_id}/template/{template_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        template = usecases.get_template(self._notify, path_uuid(service_id, "service_id"),
                                         path_uuid(template_id, "template_id"))
        resp.media = {"data": template_json(template)}

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        sid, tid = path_uuid(service_id, "service_id"), path_uuid(template_id, "template_id")
        values = _to_domain(parse(body(req), UpdateTemplate, partial=True))
        by = values.pop("created_by", None)
        template = usecases.update_template(self._notify, sid, tid, values, by=by)
        resp.media = {"data": template_json(template)}

    # /service/{service_id}/template/{template_id}/version/{version}
    def on_get_version(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str,
                       version: str) -> None:
        found = usecases.get_template_version(self._notify, path_uuid(service_id, "service_id"),
                                              path_uuid(template_id, "template_id"), _version(version))
        resp.media = {"data": version_json(found)}

    # /service/{service_id}/template/{template_id}/versions
    def on_get_versions(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                        template_id: str) -> None:
        found = usecases.list_template_versions(self._notify, path_uuid(service_id, "service_id"),
                                                path_uuid(template_id, "template_id"))
        resp.media = {"data": [version_json(v) for v in found]}

    # /service/{service_id}/template/{template_id}/preview?<personalisation>
    def on_get_preview(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                       template_id: str) -> None:
        values = {name: found[-1] for name, found in parse_qs(req.query_string, keep_blank_values=True).items()}
        template, content, subject = usecases.preview_template(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(template_id, "template_id"), values)
        resp.media = {**template_json(template), "content": content, "subject": subject}
