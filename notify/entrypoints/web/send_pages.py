"""Sending one message from a template (a field per placeholder), and the message's status."""

from __future__ import annotations

import falcon

from notify.domain import errors, message
from notify.domain.constants import NotificationType, TemplateType, UserPermission
from notify.domain.job import ADDRESS_COLUMNS
from notify.domain.template import Template
from notify.usecases import templates, web_sending

from .pages import Page, PageNotFound, page_id, problems_of
from .templates_pages import _template

SEND_PERMISSION = {TemplateType.SMS: UserPermission.SEND_TEXTS, TemplateType.EMAIL: UserPermission.SEND_EMAILS,
                   TemplateType.LETTER: UserPermission.SEND_LETTERS}
RECIPIENT_LABEL = {TemplateType.SMS: "Mobile number", TemplateType.EMAIL: "Email address"}


ADDRESS_LINES = 6
REQUIRED_ADDRESS_LINES = 3  # Notify's minimum: the last one a postcode


def _fields(template: Template) -> list[tuple[str, str, bool]]:
    """(form field, label, required) for the recipient and each placeholder; field names are positional so a
    placeholder with spaces or brackets makes a valid id. A letter's address lines are personalisation
    address_line_1 ... as the API takes them."""
    names = [n for n in message.placeholder_names(template)
             if n.lower() not in ADDRESS_COLUMNS and not n.lower().startswith("address_line_")]
    fields: list[tuple[str, str, bool]] = []
    if template.template_type is TemplateType.LETTER:
        fields = [(f"address_line_{i}", f"Address line {i}", i <= REQUIRED_ADDRESS_LINES)
                  for i in range(1, ADDRESS_LINES + 1)]
    else:
        fields = [("recipient", RECIPIENT_LABEL[template.template_type], True)]
    return fields + [(f"field-{index}", name, True) for index, name in enumerate(names)]


def _personalisation(fields: list[tuple[str, str, bool]], values: dict[str, str]) -> dict[str, str]:
    return {(label if name.startswith("field-") else name): values[name] for name, label, _ in fields
            if name != "recipient" and values[name]}


class SendPage(Page):
    def _allowed(self, req: falcon.Request, service_id: str, template_id: str) -> tuple[object, Template]:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        template = _template(self, membership, template_id)
        if not membership.can(SEND_PERMISSION[template.template_type]):
            raise falcon.HTTPForbidden(title="Forbidden", description="You do not have permission to send these")
        return membership, template

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user = self.signed_in(req)
        membership, template = self._allowed(req, service_id, template_id)
        self.render(req, resp, "send.html", signed_in=user, service=membership.service,  # type: ignore[attr-defined]
                    template=template, fields=_fields(template), values={})

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user = self.signed_in(req)
        membership, template = self._allowed(req, service_id, template_id)
        service = membership.service  # type: ignore[attr-defined]
        form = self.form(req)
        fields = _fields(template)
        values = {name: form.get(name, "").strip() for name, _, _ in fields}
        problems = {name: f"Enter {label.lower()}" for name, label, required in fields
                    if not values[name] and required}
        if not problems:
            personalisation = _personalisation(fields, values)
            try:
                sent = web_sending.send_one_off(self.notify, service.id, template_id=template.id,
                                                created_by=user.id, recipient=values.get("recipient"),
                                                personalisation=personalisation)
            except errors.NotifyError as exc:
                problems = problems_of(exc, "recipient" if "recipient" in values else fields[0][0])
                problems = {k if k in values else fields[0][0]: v for k, v in problems.items()}
            else:
                self.redirect(req, resp, f"/services/{service.id}/notifications/{sent.id}")
                return
        self.render(req, resp, "send.html", status=400, signed_in=user, service=service, template=template,
                    fields=fields, values=values, errors=problems)


class NotificationPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, notification_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        try:
            sent = web_sending.get_sent(self.notify, membership.service.id, page_id(notification_id))
        except errors.NotFound:
            raise PageNotFound() from None
        template = templates.get_template_version(self.notify, membership.service.id, sent.template_id,
                                                  sent.template_version).template
        self.render(req, resp, "notification.html", signed_in=user, service=membership.service, sent=sent,
                    template=template, is_letter=sent.notification_type is NotificationType.LETTER)
