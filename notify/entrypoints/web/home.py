"""The signed-in user's services, and adding one."""

from __future__ import annotations

import falcon

from notify.domain import errors
from notify.usecases import services

from .pages import Page


class HomePage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = self.signed_in(req)
        self.render(req, resp, "home.html", signed_in=user, values={},
                    services=services.list_services(self.notify, only_active=True, user_id=user.id))

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = self.signed_in(req)
        form = self.form(req)
        name = form.get("name", "").strip()
        problem = "" if name else "Enter a service name"
        if not problem:
            try:
                service = services.create_service(self.notify, name=name, user_id=user.id)
            except errors.NotifyError as exc:
                problem = exc.message
        if problem:
            self.render(req, resp, "home.html", status=400, signed_in=user, values={"name": name},
                        errors={"name": problem},
                        services=services.list_services(self.notify, only_active=True, user_id=user.id))
            return
        self.redirect(req, resp, f"/services/{service.id}/templates")
