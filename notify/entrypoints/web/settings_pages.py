"""A service's settings: its name, trial or live, senders, reply-to addresses, letter contact blocks, limits,
callbacks and data retention. Each part of the page is its own form posting to its own section, which calls
the use case that already guards that setting; the page is only for members who may manage settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import falcon
from attrs import frozen

from notify.domain import errors
from notify.domain.constants import CallbackType, NotificationType, UserPermission
from notify.domain.user import User
from notify.usecases.app import Notify
from notify.usecases import callback_apis, data_retention, letter_contacts, senders, services
from notify.usecases.web_templates import Membership

from .pages import Page, PageNotFound, problems_of

CALLBACKS = {"delivery-status": (CallbackType.DELIVERY_STATUS, "Delivery receipts"),
             "inbound-sms": (CallbackType.INBOUND_SMS, "Received text messages")}
LIMITS = {"rate_limit": "API requests a minute", "email_message_limit": "Emails a day",
          "sms_message_limit": "Text messages a day", "letter_message_limit": "Letters a day",
          "international_sms_message_limit": "International text messages a day"}
RETENTION_CHANNELS = {NotificationType.EMAIL: "Emails", NotificationType.SMS: "Text messages",
                      NotificationType.LETTER: "Letters"}


class _Settings(Page):
    def _member(self, req: falcon.Request, service_id: str) -> tuple[User, Membership]:
        user = self.signed_in(req)
        return user, self.member(req, user, service_id, UserPermission.MANAGE_SETTINGS)

    def show(self, req: falcon.Request, resp: falcon.Response, user: User, membership: Membership, *,
             status: int = 200, errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
             done: str = "") -> None:
        service_id = membership.service.id
        callbacks = {slug: callback_apis.find_cached(self.notify, service_id, kind)
                     for slug, (kind, _) in CALLBACKS.items()}
        retention = {r.retention.notification_type: r.retention
                     for r in data_retention.list_retention(self.notify, service_id)}
        self.render(req, resp, "settings.html", status=status, signed_in=user, service=membership.service,
                    sms_senders=senders.list_sms_senders(self.notify, service_id),
                    reply_tos=senders.list_reply_tos(self.notify, service_id),
                    letter_contacts=letter_contacts.list_letter_contacts(self.notify, service_id),
                    callbacks=callbacks, callback_names=CALLBACKS, limits=LIMITS, retention=retention,
                    retention_channels=RETENTION_CHANNELS, platform_admin=user.platform_admin,
                    errors=errors or {}, values=values or {}, done=done)


class SettingsPage(_Settings):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user, membership = self._member(req, service_id)
        self.show(req, resp, user, membership, done=self.session(req).pop("done", ""))


class SettingsSectionPage(_Settings):
    """One form of the settings page: on success back to the page saying what was kept, else the page again
    with the problem against its field."""

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, section: str) -> None:
        user, membership = self._member(req, service_id)
        form = self.form(req)
        change = SECTIONS.get(section)
        if change is None or (section in ADMIN_ONLY and not user.platform_admin):
            raise PageNotFound()
        try:
            done = change(self, user, membership.service.id, form)
        except errors.NotFound:
            raise PageNotFound() from None
        except errors.NotifyError as exc:
            self.show(req, resp, user, membership, status=400, errors=_on_fields(exc, section, form), values=form)
            return
        self.session(req)["done"] = done
        self.redirect(req, resp, f"/services/{membership.service.id}/settings")


def _name(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    name = form.get("name", "").strip()
    if not name:
        raise errors.InvalidRequest("Enter a service name", field="name")
    services.update_service(page.notify, service_id, {"name": name})
    return "Service name changed"


def _go_live(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    live = form.get("live") == "yes"
    changes: dict[str, Any] = {"restricted": not live}
    if live:  # who asked to go live stays recorded as such (the admin, when nobody asked)
        requester = services.get_service(page.notify, service_id).go_live_user_id
        changes |= {"go_live_user_id": requester or user.id, "go_live_at": page.notify.clock.now()}
    services.update_service(page.notify, service_id, changes)
    return "The service is live" if live else "The service is in trial mode"


def _request_go_live(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    """A trial service's open request to go live is its requester's name on it, as Notify keeps it; platform
    admins see it in their services list and make the service live."""
    if not services.get_service(page.notify, service_id).restricted:
        raise errors.InvalidRequest("The service is already live", field="status")
    services.update_service(page.notify, service_id, {"go_live_user_id": user.id})
    return "You asked for the service to go live: a platform admin will make it live"


def _limits(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    changes = {name: _whole_number(form.get(name, ""), name) for name in LIMITS}
    services.update_service(page.notify, service_id, changes)
    return "Limits changed"


def _whole_number(raw: str, field: str, *, least: int = 0) -> int:
    if not raw.strip().isdigit() or int(raw) < least:
        raise errors.InvalidRequest(f"Enter a whole number{' of at least ' + str(least) if least else ''}",
                                    field=field)
    return int(raw)


def _sms_sender(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    senders.add_sms_sender(page.notify, service_id, sms_sender=form.get("sms_sender", "").strip(),
                           is_default=form.get("sms_sender_default") == "yes")
    return "Text message sender added"


def _reply_to(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    first = not any(not r.archived for r in senders.list_reply_tos(page.notify, service_id))
    senders.add_reply_to(page.notify, service_id, email_address=form.get("email_address", "").strip(),
                         is_default=first or form.get("reply_to_default") == "yes")
    return "Reply-to email address added"


def _letter_contact(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    first = not any(not c.archived for c in letter_contacts.list_letter_contacts(page.notify, service_id))
    letter_contacts.add_letter_contact(page.notify, service_id, contact_block=form.get("contact_block", "").strip(),
                                       is_default=first or form.get("contact_default") == "yes")
    return "Letter contact block added"


@frozen
class Choices:
    """One of the service's lists with a default (SMS senders, reply-to addresses, letter contact blocks): how
    to read an item, make it the default, remove it, and name it in the page's message."""

    get: Callable[[Notify, UUID, UUID], Any]
    make_default: Callable[[Notify, UUID, Any], object]
    archive: Callable[[Notify, UUID, UUID], object]
    describe: Callable[[Any], str]


CHOICES = {
    "sms-sender": Choices(
        senders.get_sms_sender,
        lambda n, s, x: senders.update_sms_sender(n, s, x.id, sms_sender=x.sms_sender, is_default=True),
        senders.archive_sms_sender, lambda x: f"Text message sender {x.sms_sender}"),
    "reply-to": Choices(
        senders.get_reply_to,
        lambda n, s, x: senders.update_reply_to(n, s, x.id, email_address=x.email_address, is_default=True),
        senders.archive_reply_to, lambda x: f"Reply-to address {x.email_address}"),
    "letter-contact": Choices(
        letter_contacts.get_letter_contact,
        lambda n, s, x: letter_contacts.update_letter_contact(n, s, x.id, contact_block=x.contact_block,
                                                              is_default=True),
        letter_contacts.archive_letter_contact, lambda x: "Letter contact block"),
}


def _make_default(kind: Choices) -> Callable[[Page, User, UUID, dict[str, str]], str]:
    def change(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
        item = kind.get(page.notify, service_id, _chosen(form))
        kind.make_default(page.notify, service_id, item)
        return f"{kind.describe(item)} is the default"

    return change


def _remove(kind: Choices) -> Callable[[Page, User, UUID, dict[str, str]], str]:
    def change(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
        item = kind.get(page.notify, service_id, _chosen(form))
        kind.archive(page.notify, service_id, item.id)
        return f"{kind.describe(item)} removed"

    return change


def _chosen(form: dict[str, str]) -> UUID:
    """The sender, address or contact block a button is for (not one of this service's: not found)."""
    try:
        return UUID(form.get("id", ""))
    except ValueError:
        raise PageNotFound() from None


def _callback(slug: str) -> Callable[[Page, User, UUID, dict[str, str]], str]:
    kind, label = CALLBACKS[slug]

    def change(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
        url = form.get(f"{slug}-url", "").strip()
        token = form.get(f"{slug}-bearer_token", "")
        current = callback_apis.find_cached(page.notify, service_id, kind)
        if current is None:
            callback_apis.create_callback_api(page.notify, service_id, url=url, bearer_token=token,
                                              updated_by_id=user.id, callback_type=kind)
        else:  # an empty token field keeps the stored one (it is never shown back)
            callback_apis.update_callback_api(page.notify, service_id, current.id, callback_type=kind,
                                              updated_by_id=user.id, url=url, bearer_token=token or None)
        return f"{label} callback saved"

    return change


def _callback_remove(slug: str) -> Callable[[Page, User, UUID, dict[str, str]], str]:
    kind, label = CALLBACKS[slug]

    def remove(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
        current = callback_apis.find_cached(page.notify, service_id, kind)
        if current is not None:
            callback_apis.delete_callback_api(page.notify, service_id, current.id, callback_type=kind)
        return f"{label} callback removed"

    return remove


def _retention(page: Page, user: User, service_id: UUID, form: dict[str, str]) -> str:
    current = {r.retention.notification_type: r.retention
               for r in data_retention.list_retention(page.notify, service_id)}
    for channel in RETENTION_CHANNELS:
        field = f"retention-{channel.value}"
        raw = form.get(field, "").strip()
        if not raw:
            continue
        days = _whole_number(raw, field, least=1)
        try:
            if channel in current:
                if current[channel].days_of_retention != days:
                    data_retention.change_retention(page.notify, service_id, current[channel].id,
                                                    days_of_retention=days)
            else:
                data_retention.add_retention(page.notify, service_id, notification_type=channel,
                                             days_of_retention=days)
        except errors.NotifyError as exc:
            raise errors.InvalidRequest(exc.message, field=field) from None
    return "Data retention changed"


SECTIONS: dict[str, Callable[[Page, User, UUID, dict[str, str]], str]] = {
    "name": _name, "go-live": _go_live, "request-go-live": _request_go_live, "limits": _limits, "sms-sender": _sms_sender, "reply-to": _reply_to,
    "letter-contact": _letter_contact, "retention": _retention,
    **{f"{slug}-default": _make_default(kind) for slug, kind in CHOICES.items()},
    **{f"{slug}-remove": _remove(kind) for slug, kind in CHOICES.items()},
    **{slug: _callback(slug) for slug in CALLBACKS},
    **{f"{slug}-remove": _callback_remove(slug) for slug in CALLBACKS},
}
ADMIN_ONLY = frozenset({"go-live", "limits"})  # as Notify: going live and limits are the platform team's call

# The field a refusal is shown against when the core names none of the section's own.
MAIN_FIELD = {"name": "name", "go-live": "status", "request-go-live": "status", "limits": "rate_limit", "sms-sender": "sms_sender",
              "reply-to": "email_address", "letter-contact": "contact_block", "retention": "retention-email",
              **{f"{slug}-{act}": field for slug, field in (("sms-sender", "sms_sender"), ("reply-to", "email_address"),
                                                            ("letter-contact", "contact_block"))
                 for act in ("default", "remove")},
              **{slug: f"{slug}-url" for slug in CALLBACKS}, **{f"{slug}-remove": f"{slug}-url" for slug in CALLBACKS}}


def _on_fields(exc: errors.NotifyError, section: str, form: dict[str, str]) -> dict[str, str]:
    """The core's problems against the form's fields (a callback's `url` is its `<section>-url` field)."""
    shown: dict[str, str] = {}
    for name, message in problems_of(exc, MAIN_FIELD[section]).items():
        field = name if name in form else f"{section}-{name}" if f"{section}-{name}" in form else MAIN_FIELD[section]
        shown[field] = f"{shown[field]} {message}" if field in shown else message
    return shown
