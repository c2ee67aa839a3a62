"""A service's sent messages, newest first: filtered by channel and by status (sending, delivered, failed), and
searched by recipient or reference. A search is posted, never put in the address: a recipient is personal."""

from __future__ import annotations

from collections.abc import Mapping

import falcon

from notify.domain.constants import DELIVERED_STATUSES, FAILURE_STATUSES, NotificationStatus, UserPermission
from notify.domain.notification_filter import NotificationFilter, search_term
from notify.domain.statistics import CHANNELS
from notify.usecases import admin_notifications

from .dashboard_page import CHANNEL_NAMES
from .pages import Page

PAGE_SIZE = 50
STATUS_GROUPS = {
    "sending": tuple(sorted(set(NotificationStatus) - DELIVERED_STATUSES - FAILURE_STATUSES
                            - {NotificationStatus.CANCELLED, NotificationStatus.RETURNED_LETTER})),
    "delivered": tuple(sorted(DELIVERED_STATUSES)),
    "failed": tuple(sorted(FAILURE_STATUSES)),
}


def _filter(values: Mapping[str, str]) -> NotificationFilter:
    """The filter the chosen channel, status group and search make (unknown choices are ignored)."""
    channels = tuple(c for c in CHANNELS if c.value == values.get("channel"))
    term = values.get("search", "").strip()
    return NotificationFilter(notification_types=channels or None, statuses=STATUS_GROUPS.get(values.get("status", "")),
                              recipient_or_reference=(search_term(term), term) if term else None)


class ActivityPage(Page):
    def _show(self, req: falcon.Request, resp: falcon.Response, service_id: str, values: dict[str, str],
              page: int) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, UserPermission.VIEW_ACTIVITY)
        found = admin_notifications.list_notifications(self.notify, membership.service.id, _filter(values),
                                                       page=page, page_size=PAGE_SIZE)
        self.render(req, resp, "activity.html", signed_in=user, service=membership.service, found=found,
                    values=values, channels=CHANNELS, channel_names=CHANNEL_NAMES, statuses=list(STATUS_GROUPS))

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        page = req.get_param_as_int("page", min_value=1) or 1
        self._show(req, resp, service_id, {k: req.get_param(k) or "" for k in ("channel", "status")}, page)

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        self.signed_in(req)
        form = self.form(req)
        self._show(req, resp, service_id, {k: form.get(k, "") for k in ("channel", "status", "search")}, 1)
