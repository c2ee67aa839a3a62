"""A service's API keys: the list (live ones, and those revoked lately), a new key whose secret is shown on the
page that made it and never again (not put in an address or a cookie), and revoking one."""

from __future__ import annotations

import falcon

from notify.domain import errors
from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType, UserPermission
from notify.domain.user import User
from notify.usecases import api_keys
from notify.usecases.web_templates import Membership

from .pages import Page, PageNotFound, page_id, problems_of

KEY_TYPES = {KeyType.NORMAL: "Live – sends to anyone", KeyType.TEAM: "Team and guest list – limits who you can send to",
             KeyType.TEST: "Test – pretends to send messages"}


def key_string(key: ApiKey) -> str:
    """What a client library is given: the key's name, the service's id and the secret, as Notify shows it."""
    return f"{key.name.lower().replace(' ', '_')}-{key.service_id}-{key.secret}"


class ApiKeysPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_API_KEYS)
        self.render(req, resp, "api_keys.html", signed_in=user, service=membership.service, key_types=KEY_TYPES,
                    keys=api_keys.list_api_keys(self.notify, membership.service.id))


class NewApiKeyPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_API_KEYS)
        self.render(req, resp, "api_key_form.html", signed_in=user, service=membership.service, key_types=KEY_TYPES,
                    values={"key_type": KeyType.NORMAL.value})

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_API_KEYS)
        form = self.form(req)
        values = {"name": form.get("name", "").strip(), "key_type": form.get("key_type", "")}
        problems: dict[str, str] = {}
        if not values["name"]:
            problems["name"] = "Enter a name for this key"
        if values["key_type"] not in {k.value for k in KeyType}:
            problems["key_type"] = "Select a type of key"
        if not problems:
            try:
                key = api_keys.create_api_key(self.notify, membership.service.id, name=values["name"],
                                              key_type=KeyType(values["key_type"]), created_by=user.id)
            except errors.NotifyError as exc:
                problems = problems_of(exc, "name")
            else:
                self.render(req, resp, "api_key_created.html", signed_in=user, service=membership.service,
                            key=key, key_string=key_string(key))
                return
        self.render(req, resp, "api_key_form.html", status=400, signed_in=user, service=membership.service,
                    key_types=KEY_TYPES, values=values, errors=problems)


class RevokeApiKeyPage(Page):
    def _key(self, req: falcon.Request, service_id: str, key_id: str) -> tuple[User, Membership, ApiKey]:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.MANAGE_API_KEYS)
        try:
            key = api_keys.get_api_key(self.notify, membership.service.id, page_id(key_id))
        except errors.NotFound:
            raise PageNotFound() from None
        if key.revoked:
            raise PageNotFound()
        return user, membership, key

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, key_id: str) -> None:
        user, membership, key = self._key(req, service_id, key_id)
        self.render(req, resp, "api_key_revoke.html", signed_in=user, service=membership.service, key=key)

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, key_id: str) -> None:
        user, membership, key = self._key(req, service_id, key_id)
        self.form(req)
        api_keys.revoke_api_key(self.notify, key.service_id, key.id, by=user.id)
        self.redirect(req, resp, f"/services/{key.service_id}/api-keys")
