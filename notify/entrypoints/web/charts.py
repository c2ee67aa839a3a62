"""Bar charts drawn on the server: the geometry of one stacked bar (delivered, failed, still on its way) per
day or month, for the page to draw as SVG (no script, no inline style: the CSP allows neither)."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from notify.domain.dashboard import Bar, Figures
from notify.domain.constants import NotificationType

WIDTH, HEIGHT = 320, 150
AXIS = 20  # room under the bars for their labels


@frozen
class Segment:
    kind: str  # delivered, failed or pending: its CSS class
    y: float
    height: float


@frozen
class DrawnBar:
    label: str
    title: str
    x: float
    width: float
    figures: Figures
    segments: list[Segment]


@frozen
class Chart:
    width: int
    height: int
    baseline: int
    bars: list[DrawnBar]


def chart(bars: Sequence[Bar], channel: NotificationType, labels: Sequence[str]) -> Chart:
    """`labels` name each bar on the axis (short) and in its title."""
    top = max((bar.channels[channel].sent for bar in bars), default=0) or 1
    room = HEIGHT - AXIS - 5
    slot = WIDTH / max(len(bars), 1)
    drawn: list[DrawnBar] = []
    for bar, label in zip(bars, labels, strict=True):
        figures = bar.channels[channel]
        pending = max(figures.sent - figures.delivered - figures.failed, 0)
        segments: list[Segment] = []
        y = float(HEIGHT - AXIS)
        for kind, count in (("delivered", figures.delivered), ("failed", figures.failed), ("pending", pending)):
            height = room * count / top
            if height:
                y -= height
                segments.append(Segment(kind, round(y, 1), round(height, 1)))
        drawn.append(DrawnBar(label, f"{label}: {figures.sent} sent, {figures.delivered} delivered, "
                                     f"{figures.failed} failed", round(slot * len(drawn) + slot * 0.15, 1),
                              round(slot * 0.7, 1), figures, segments))
    return Chart(WIDTH, HEIGHT, HEIGHT - AXIS, drawn)
