"""A service's dashboard: each channel's messages over the last 7 days and this financial year's months as
bar charts drawn on the server, with the failure rate and the most used templates."""

from __future__ import annotations

from datetime import date

import falcon

from notify.domain.constants import NotificationType
from notify.domain.statistics import CHANNELS
from notify.usecases import dashboard

from .charts import chart
from .pages import Page
from .templates_pages import TYPE_NAMES

CHANNEL_NAMES = {NotificationType.EMAIL: "Emails", NotificationType.SMS: "Text messages",
                 NotificationType.LETTER: "Letters"}


class DashboardPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        figures = dashboard.service_dashboard(self.notify, membership.service.id)
        days = [date.fromisoformat(bar.label) for bar in figures.days]
        months = [date.fromisoformat(bar.label + "-01") for bar in figures.months]
        day_labels = [f"{d:%a} {d.day} {d:%b}" for d in days]
        month_labels = [f"{m:%B %Y}" for m in months]
        self.render(req, resp, "dashboard.html", signed_in=user, service=membership.service, figures=figures,
                    channels=CHANNELS, channel_names=CHANNEL_NAMES, type_names=TYPE_NAMES,
                    day_labels=day_labels, month_labels=month_labels,
                    day_charts={c: chart(figures.days, c, day_labels) for c in CHANNELS},
                    month_charts={c: chart(figures.months, c, month_labels) for c in CHANNELS},
                    day_ticks=[f"{d:%a}" for d in days], month_ticks=[f"{m:%b}" for m in months])
