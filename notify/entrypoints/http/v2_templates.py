"""Public API: GET /v2/template/{id}[/version/{v}], GET /v2/templates, POST /v2/template/{id}/preview."""

from __future__ import annotations

import html
from typing import Any

import falcon

from notify.domain.constants import TemplateType
from notify.domain.errors import TemplateNotFound
from notify.domain.message import Message
from notify.domain.template import Template
from notify.usecases import v2_templates as usecases
from notify.usecases.app import Notify
from notify.usecases.v2_templates import TemplateView

from . import v2_schema as schema
from .wire import dump

TYPE_NAMES = [t.value for t in TemplateType]


def template_json(view: TemplateView) -> dict[str, Any]:
    t = view.template
    return {
        "id": str(t.id),
        "type": t.template_type.value,
        "created_at": dump(t.created_at),
        "updated_at": dump(t.updated_at) if t.updated_at else None,
        "created_by": view.created_by_email,
        "version": t.version,
        "body": t.content,
        "subject": None if t.template_type is TemplateType.SMS else t.subject,
        "name": t.name,
        "personalisation": {name: {"required": True} for name in view.placeholders},
        "postage": t.postage,
        "letter_contact_block": view.letter_contact_block,
    }


def email_html(body: str) -> str:
    """A plain HTML rendering of the email body (paragraphs and line breaks; no markdown)."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def preview_json(template: Template, message: Message) -> dict[str, Any]:
    email = template.template_type is TemplateType.EMAIL
    return {"id": str(template.id), "type": template.template_type.value, "version": template.version,
            "body": message.body, "html": email_html(message.body) if email else None,
            "subject": message.subject if template.template_type is not TemplateType.SMS else None,
            "postage": template.postage}


class TemplateResource:
    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def on_get(self, req: falcon.Request, resp: falcon.Response, template_id: str) -> None:
        tid = schema.path_uuid(template_id, "id")
        resp.media = template_json(usecases.get_template(self._notify, req.context.auth, tid))

    def on_get_version(self, req: falcon.Request, resp: falcon.Response, template_id: str, version: int) -> None:
        tid = schema.path_uuid(template_id, "id")
        if version < 1:
            raise TemplateNotFound()
        resp.media = template_json(usecases.get_template(self._notify, req.context.auth, tid, version))

    def on_post_preview(self, req: falcon.Request, resp: falcon.Response, template_id: str) -> None:
        tid = schema.path_uuid(template_id, "id")
        data = schema.validate(schema.read_json(req), {"personalisation": schema.obj})
        template, message = usecases.preview_template(self._notify, req.context.auth, tid,
                                                      data.get("personalisation") or {})
        resp.media = preview_json(template, message)


class TemplatesResource:
    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = schema.query(req, {"type": schema.one_of(TYPE_NAMES)})
        kind = TemplateType(params["type"]) if "type" in params else None
        resp.media = {"templates": [template_json(v) for v in usecases.list_templates(
            self._notify, req.context.auth, kind)]}
