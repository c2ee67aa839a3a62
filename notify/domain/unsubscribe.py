"""One-click unsubscribe (RFC 8058): a recipient's request to stop a service's emails, made from the link in an
email sent with a template that asks for one, and the reports a service downloads to act on them.

A request waits for its service until it is put in a report and that report is marked processed; asking again
meanwhile is answered as a success and stores nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from attrs import evolve, frozen

from .errors import NotFound
from .statistics import LONDON, london_midnight

LINK_LIFETIME = timedelta(days=365)  # an old email's link still works for a year, as Notify's
UNBATCHED_KEPT_FOR = timedelta(days=90)  # requests never put in a report are archived after this
REPORT_KEPT_FOR = timedelta(days=7)  # a report's requests are archived this long after it was made
LINK_PURPOSE = "one-click-unsubscribe"  # what the link's token is signed for: no other token passes as one
INVALID_LINK = "This is not a valid unsubscribe link."


class UnsubscribeRequestReportNotFound(NotFound): ...


@frozen(kw_only=True)
class UnsubscribeRequest:
    id: UUID
    notification_id: UUID
    service_id: UUID
    template_id: UUID
    template_version: int
    email_address: str  # from the link's token: the notification may have lost its recipient by then
    created_at: datetime
    unsubscribe_request_report_id: UUID | None = None


@frozen(kw_only=True)
class UnsubscribeRequestReport:
    """A batch of a service's requests, between two instants, for the service to download and act on."""

    id: UUID
    service_id: UUID
    count: int
    earliest_timestamp: datetime
    latest_timestamp: datetime
    created_at: datetime
    processed_by_service_at: datetime | None = None

    def marked(self, *, processed: bool, now: datetime) -> UnsubscribeRequestReport:
        return evolve(self, processed_by_service_at=now if processed else None)

    @property
    def will_be_archived_at(self) -> datetime:
        return archived_at(self.created_at + REPORT_KEPT_FOR)


@frozen
class UnsubscribeStatistics:
    """Requests still waiting for the service (unreported, or in a report not yet processed), and when the
    newest request of all came."""

    waiting: int
    latest: datetime | None


@frozen
class UnbatchedSummary:
    """The requests not in any report yet, as the reports summary shows them (newest first)."""

    service_id: UUID
    count: int
    earliest_timestamp: datetime
    latest_timestamp: datetime
    will_be_archived_at: datetime


def unbatched_summary(newest_first: Sequence[UnsubscribeRequest]) -> UnbatchedSummary | None:
    if not newest_first:
        return None
    oldest, newest = newest_first[-1], newest_first[0]
    return UnbatchedSummary(newest.service_id, len(newest_first), oldest.created_at, newest.created_at,
                            archived_at(oldest.created_at + UNBATCHED_KEPT_FOR))


def archived_at(at: datetime) -> datetime:
    """The London midnight that ends the day `at` falls on: the first nightly purge after it removes them."""
    return london_midnight(at.astimezone(LONDON).date() + timedelta(days=1))


def archive_cutoffs(now: datetime) -> tuple[datetime, datetime]:
    """Requests in reports made before the first instant, and requests in no report made before the second, are
    archived (the nightly purge removes them, their email addresses with them)."""
    today = now.astimezone(LONDON).date()
    return london_midnight(today - REPORT_KEPT_FOR), london_midnight(today - UNBATCHED_KEPT_FOR)


def still_waiting(request: UnsubscribeRequest, report: UnsubscribeRequestReport | None) -> bool:
    """The service has not yet dealt with this request: a new one for the same email is a duplicate."""
    return request.unsubscribe_request_report_id is None or report is None or report.processed_by_service_at is None


def unsubscribe_path(notification_id: UUID, token: str) -> str:
    """The one-click link (RFC 8058: a mail client POSTs to it, no page)."""
    return f"/unsubscribe/{notification_id}/{token}"


def unsubscribe_page_path(notification_id: UUID, token: str) -> str:
    """The link a person follows from an email's body: a page that asks them to confirm (the web pages are
    mounted at /admin-ui), as Notify's body link opens a page of its admin site."""
    return f"/admin-ui{unsubscribe_path(notification_id, token)}"


BODY_LINK_TEXT = "Unsubscribe from these emails"


def with_unsubscribe_link(body: str, url: str) -> str:
    """An email's Markdown ending as Notify's emails whose template asks for an unsubscribe link end: a rule,
    then the link (in the plain text and the HTML part alike)."""
    return f"{body}\n\n---\n\n[{BODY_LINK_TEXT}]({url})"
