"""The platform admin's pages: every service, organisation and user (searched by email address), the
providers (priority, on or off, and whether failover has demoted one) and the platform's usage. They exist
only for platform admins: anyone else is told the page is not found."""

from __future__ import annotations

from datetime import timedelta

import falcon

from notify.domain import errors
from notify.domain.facts import uk_date
from notify.domain.user import User
from notify.usecases import organisations, platform_stats, providers, services, user_accounts

from .pages import Page, PageNotFound, Web, page_id, problems_of

AREAS = {"services": "Services", "organisations": "Organisations", "users": "Users", "providers": "Providers",
         "usage": "Usage"}
USAGE_DAYS = 7
CHANNEL_NAMES = {"email": "Emails", "sms": "Text messages", "letter": "Letters"}


class PlatformPage(Page):
    def admin(self, req: falcon.Request) -> User:
        user = self.signed_in(req)
        if not user.platform_admin:
            raise PageNotFound()
        return user

    def show(self, req: falcon.Request, resp: falcon.Response, user: User, area: str, *, status: int = 200,
             **context: object) -> None:
        self.render(req, resp, f"platform_{area}.html", status=status, signed_in=user, areas=AREAS, area=area,
                    **context)


class PlatformServicesPage(PlatformPage):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = self.admin(req)
        search = (req.get_param("name") or "").strip()
        found = services.find_services_by_name(self.notify, search) if search else services.list_services(self.notify)
        self.show(req, resp, user, "services", services=found, search=search,
                  organisation_names=services.organisation_names(self.notify, found))


class PlatformOrganisationsPage(PlatformPage):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = self.admin(req)
        self.show(req, resp, user, "organisations", organisations=organisations.list_organisations(self.notify))


class PlatformUsersPage(PlatformPage):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = self.admin(req)
        search = (req.get_param("email") or "").strip()
        problems: dict[str, str] = {}
        found: list[User] = []
        if search:
            try:
                found = list(user_accounts.find_users_by_email(self.notify, search))
            except errors.NotifyError:
                problems["email"] = "Enter more of the email address"
        self.show(req, resp, user, "users", status=400 if problems else 200, users=found, search=search,
                  searched=bool(search), errors=problems)


class PlatformProvidersPage(PlatformPage):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = self.admin(req)
        self.show(req, resp, user, "providers", providers=providers.list_providers(self.notify),
                  done=self.session(req).pop("done", ""))


class PlatformProviderPage(PlatformPage):
    """Changing one provider's priority and whether it is used (each change a new version, by this admin)."""

    def on_post(self, req: falcon.Request, resp: falcon.Response, provider_id: str) -> None:
        user = self.admin(req)
        form = self.form(req)
        try:
            current = providers.get_provider(self.notify, page_id(provider_id)).provider
        except errors.NotFound:
            raise PageNotFound() from None
        raw = form.get("priority", "").strip()
        problems = {} if raw.isdigit() and 1 <= int(raw) <= 100 else {
            f"priority-{current.id}": "Enter a priority from 1 to 100"}
        if not problems:
            try:
                providers.update_provider(self.notify, current.id, created_by=user.id, priority=int(raw),
                                          active=form.get("active") == "yes")
            except errors.NotifyError as exc:
                problems = problems_of(exc, f"priority-{current.id}")
        if problems:
            self.show(req, resp, user, "providers", status=400, providers=providers.list_providers(self.notify),
                      done="", errors=problems)
            return
        self.session(req)["done"] = f"{current.display_name} changed"
        self.redirect(req, resp, "/platform/providers")


class PlatformUsagePage(PlatformPage):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = self.admin(req)
        last = uk_date(self.notify.clock.now())
        first = last - timedelta(days=USAGE_DAYS - 1)
        self.show(req, resp, user, "usage", first=first, last=last, channel_names=CHANNEL_NAMES,
                  stats=platform_stats.platform_stats(self.notify, first, last),
                  by_service=platform_stats.volumes_by_service(self.notify, first, last))


def platform_routes(web: Web) -> list[tuple[str, object]]:
    return [("/platform/services", PlatformServicesPage(web)),
            ("/platform/organisations", PlatformOrganisationsPage(web)),
            ("/platform/users", PlatformUsersPage(web)),
            ("/platform/providers", PlatformProvidersPage(web)),
            ("/platform/providers/{provider_id}", PlatformProviderPage(web)),
            ("/platform/usage", PlatformUsagePage(web))]
