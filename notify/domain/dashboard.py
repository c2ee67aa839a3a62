"""A service's dashboard figures: sent, delivered and failed per channel for each of the last 7 UK days and
each month of the financial year, the failure rate and the most used templates, folded from the sums of the
daily status facts of past days and today's live counts (a dashboard never reads a year of notifications)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from uuid import UUID

from attrs import frozen

from .constants import NotificationStatus, NotificationType, TemplateType
from .statistics import CHANNELS, StatusCount, TemplateStatusCount, summarise

TOP_TEMPLATES = 5


@frozen
class Figures:
    """One channel's messages: sent (cancelled ones aside), delivered and failed."""

    sent: int = 0
    delivered: int = 0
    failed: int = 0

    @property
    def failure_rate(self) -> float:
        """Failed as a share of sent, in percent (0 when nothing was sent)."""
        return round(100 * self.failed / self.sent, 1) if self.sent else 0.0


@frozen
class Bar:
    """One day or month: its label and each channel's figures."""

    label: str
    channels: dict[NotificationType, Figures]

    @property
    def total(self) -> Figures:
        return _add(self.channels.values())


@frozen
class TopTemplate:
    template_id: UUID
    name: str
    template_type: TemplateType
    sent: int


@frozen
class Dashboard:
    days: list[Bar]
    months: list[Bar]
    top_templates: list[TopTemplate]

    @property
    def week(self) -> dict[NotificationType, Figures]:
        """Each channel's figures over the last 7 days."""
        return {channel: _add(day.channels[channel] for day in self.days) for channel in CHANNELS}


def _add(figures: Iterable[Figures]) -> Figures:
    every = list(figures)
    return Figures(sum(f.sent for f in every), sum(f.delivered for f in every), sum(f.failed for f in every))


def month_label(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _bars(labels: Sequence[str], counts: Iterable[StatusCount]) -> list[Bar]:
    by_label: dict[str, list[StatusCount]] = {label: [] for label in labels}
    for count in counts:
        if count.period in by_label:
            by_label[count.period].append(count)
    bars = []
    for label, rows in by_label.items():
        stats = summarise(rows)
        bars.append(Bar(label, {channel: Figures(stats[channel.value]["requested"], stats[channel.value]["delivered"],
                                                 stats[channel.value]["failed"]) for channel in CHANNELS}))
    return bars


def fold(*, days: Sequence[date], months: Sequence[date], counts: Iterable[StatusCount],
         template_counts: Iterable[TemplateStatusCount],
         template_names: dict[UUID, tuple[str, TemplateType]]) -> Dashboard:
    """`counts` labelled with a day (ISO) or a month (`month_label`) of `days` and `months` (each month's first
    day); `template_counts` are the sends over `days`: the top templates are those that sent most."""
    rows = list(counts)
    sent: dict[UUID, int] = {}
    for count in template_counts:
        if count.status is not NotificationStatus.CANCELLED:
            sent[count.template_id] = sent.get(count.template_id, 0) + count.count
    top = sorted(((n, template_id) for template_id, n in sent.items() if template_id in template_names),
                 key=lambda pair: (-pair[0], str(pair[1])))[:TOP_TEMPLATES]
    return Dashboard(days=_bars([d.isoformat() for d in days], rows),
                     months=_bars([month_label(m) for m in months], rows),
                     top_templates=[TopTemplate(template_id, *template_names[template_id], n) for n, template_id in top])
