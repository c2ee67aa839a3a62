"""The page an email's unsubscribe link opens: no sign-in (the signed link is the credential); the reader
confirms with a button, so a mail scanner that follows links unsubscribes nobody."""

from __future__ import annotations

import falcon

from notify.domain import errors
from notify.usecases import unsubscribe

from .pages import Page, PageNotFound, page_id


class UnsubscribePage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, notification_id: str, token: str) -> None:
        try:
            unsubscribe.check_link(self.notify, page_id(notification_id), token)
        except errors.NotFound:
            raise PageNotFound() from None
        self.render(req, resp, "unsubscribe.html", done=False)

    def on_post(self, req: falcon.Request, resp: falcon.Response, notification_id: str, token: str) -> None:
        self.form(req)
        try:
            unsubscribe.unsubscribe(self.notify, page_id(notification_id), token)
        except errors.NotFound:
            raise PageNotFound() from None
        self.render(req, resp, "unsubscribe.html", done=True)
