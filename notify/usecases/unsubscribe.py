"""One-click unsubscribe (RFC 8058), as Notify runs it: emails sent with a template that asks for it carry a
signed link to `POST /unsubscribe/{notification id}/{token}` (the `List-Unsubscribe` header and the API's view
of the notification); a mail client posting to it records a request for the service, once while the service
has not dealt with it; the service batches requests into reports, downloads them and marks them processed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from attrs import frozen

from notify.domain import errors, signed_tokens
from notify.domain.constants import NotificationType
from notify.domain.notification import Notification
from notify.domain.notification_history import NotificationHistory
from notify.domain.unsubscribe import (
    INVALID_LINK,
    LINK_LIFETIME,
    LINK_PURPOSE,
    UnbatchedSummary,
    UnsubscribeRequest,
    UnsubscribeRequestReport,
    UnsubscribeRequestReportNotFound,
    UnsubscribeStatistics,
    archive_cutoffs,
    still_waiting,
    unbatched_summary,
    unsubscribe_page_path,
    unsubscribe_path,
)

from notify.ports.unit_of_work import UnitOfWork

from .app import Notify

class InvalidUnsubscribeLink(errors.NotFound):
    def __init__(self) -> None:
        super().__init__(INVALID_LINK, field="unsubscribe request")


def unsubscribe_url(notify: Notify, notification: Notification, *, template_asks: bool) -> str | None:
    """The link an email's `List-Unsubscribe` header carries: the sender's own when it gave one, else ours when
    the template asks for one (None without a key to sign it with: the email goes without)."""
    return unsubscribe_links(notify, notification, template_asks=template_asks)[0]


def unsubscribe_links(notify: Notify, notification: Notification, *,
                      template_asks: bool) -> tuple[str | None, str | None]:
    """The header's link (as `unsubscribe_url`) and the body's: ours whenever the template asks, never the
    sender's (as Notify's). Signed once for both."""
    if notification.notification_type is not NotificationType.EMAIL:
        return notification.one_click_unsubscribe_url, None
    token = _own_token(notify, notification) if template_asks else None
    if token is None:
        return notification.one_click_unsubscribe_url, None
    return (notification.one_click_unsubscribe_url or notify.base_url() + unsubscribe_path(notification.id, token),
            notify.base_url() + unsubscribe_page_path(notification.id, token))


def _own_token(notify: Notify, notification: Notification) -> str | None:
    if not notify.admin_client_secrets:
        return None
    return signed_tokens.sign({"n": str(notification.id), "e": notification.to}, key=notify.admin_client_secrets[0],
                              purpose=LINK_PURPOSE, now=notify.clock.now())


def check_link(notify: Notify, notification_id: UUID, token: str) -> None:
    """InvalidUnsubscribeLink unless the link is one we signed for this notification and it has not expired."""
    _email_in(notify, notification_id, token)


def _email_in(notify: Notify, notification_id: UUID, token: str) -> str:
    """The address the link was made for; any secret in use may have signed it (they rotate within its year)."""
    for key in notify.admin_client_secrets:
        try:
            payload = signed_tokens.unsign(token, key=key, purpose=LINK_PURPOSE, now=notify.clock.now(),
                                           max_age=LINK_LIFETIME)
        except errors.InvalidToken:
            continue
        if payload.get("n") == str(notification_id) and isinstance(payload.get("e"), str):
            return str(payload["e"])
    raise InvalidUnsubscribeLink()


def unsubscribe(notify: Notify, notification_id: UUID, token: str) -> None:
    """Record the request (no sign-in: the link is the credential). Asking again before the service has dealt
    with the last request changes nothing; a forged, expired or unknown link is InvalidUnsubscribeLink."""
    email_address = _email_in(notify, notification_id, token)
    with notify.uow() as uow:
        previous = uow.unsubscribe_requests.latest_for_notification(notification_id)
        if previous is not None:
            report_id = previous.unsubscribe_request_report_id
            report = uow.unsubscribe_request_reports.find(report_id) if report_id else None
            if still_waiting(previous, report):
                return
        # past its service's retention it is in history, without the address (which the link carries)
        notification = uow.notifications.find(notification_id) or uow.notification_history.find(notification_id)
        if notification is None:
            raise InvalidUnsubscribeLink()
        uow.unsubscribe_requests.add(UnsubscribeRequest(
            id=notify.ids.new(), notification_id=notification.id, service_id=notification.service_id,
            template_id=notification.template_id, template_version=notification.template_version,
            email_address=email_address, created_at=notify.clock.now()))
        uow.commit()


def remove_archived_requests(notify: Notify) -> int:
    """Nightly, as Notify archives them: requests a week after their report was made, a request in no report
    90 days after it came. Its report then no longer shows in the summary."""
    reported_before, unreported_before = archive_cutoffs(notify.clock.now())
    with notify.uow() as uow:
        removed = uow.unsubscribe_requests.remove_archived(reports_made_before=reported_before,
                                                           unreported_made_before=unreported_before)
        uow.commit()
    return removed


# -- the service's side ---------------------------------------------------------------------------------------

def statistics(notify: Notify, service_id: UUID) -> UnsubscribeStatistics | None:
    """None when the service has never had a request (Notify answers `{}`)."""
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        found = uow.unsubscribe_requests.statistics(service_id)
    return None if found.latest is None else found


@frozen
class ReportsSummary:
    unbatched: UnbatchedSummary | None  # shown first, when there are requests in no report yet
    reports: Sequence[UnsubscribeRequestReport]  # newest first


def reports_summary(notify: Notify, service_id: UUID) -> ReportsSummary:
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        return ReportsSummary(unbatched_summary(uow.unsubscribe_requests.unbatched(service_id)),
                              uow.unsubscribe_request_reports.list_with_requests(service_id))


def create_report(notify: Notify, service_id: UUID, *, count: int, earliest: datetime,
                  latest: datetime) -> UnsubscribeRequestReport:
    """A report of the service's unreported requests made from `earliest` to `latest` (what the summary showed
    the service); `count` is kept as given, as Notify does."""
    if earliest > latest:
        raise errors.ValidationFailed({"earliest_timestamp": ["must not be after latest_timestamp"]})
    report = UnsubscribeRequestReport(id=notify.ids.new(), service_id=service_id, count=count,
                                      earliest_timestamp=earliest, latest_timestamp=latest,
                                      created_at=notify.clock.now())
    with notify.uow() as uow:
        uow.services.get(service_id)
        uow.unsubscribe_request_reports.add(report)
        uow.unsubscribe_requests.assign_to_report(service_id, report.id, earliest=earliest, latest=latest)
        uow.commit()
    return report


def mark_report(notify: Notify, service_id: UUID, report_id: UUID, *, processed: bool) -> None:
    with notify.uow() as uow:
        report = _report(uow, service_id, report_id, f"No UnsubscribeRequestReport found for id:{report_id}")
        uow.unsubscribe_request_reports.update(report.marked(processed=processed, now=notify.clock.now()))
        uow.commit()


@frozen
class ReportRow:
    email_address: str
    template_name: str
    original_file_name: str  # "N/A" when not sent from a spreadsheet
    template_sent_at: datetime | None
    unsubscribe_request_received_at: datetime


def report_rows(notify: Notify, service_id: UUID,
                report_id: UUID) -> tuple[UnsubscribeRequestReport, Sequence[ReportRow]]:
    """The report and its requests, by template name, spreadsheet and send time, each descending (Notify's
    order)."""
    with notify.read_uow() as uow:
        report = _report(uow, service_id, report_id, f"No report available for {report_id}")
        requests = uow.unsubscribe_requests.in_report(service_id, report_id)
        ids = [r.notification_id for r in requests]
        sent: dict[UUID, Notification | NotificationHistory] = {n.id: n for n in uow.notifications.find_many(ids)}
        for purged in set(ids) - set(sent):
            if (found := uow.notification_history.find(purged)) is not None:
                sent[purged] = found
        names: dict[UUID, str] = {}
        files: dict[UUID, str] = {}
        rows = []
        for request in requests:
            if request.template_id not in names:
                names[request.template_id] = uow.templates.get(service_id, request.template_id).name
            notification = sent.get(request.notification_id)
            job_id = notification.job_id if notification else None
            if job_id is not None and job_id not in files:
                job = uow.jobs.find(job_id)
                files[job_id] = job.original_file_name if job else "N/A"
            rows.append(ReportRow(request.email_address, names[request.template_id],
                                  files[job_id] if job_id is not None else "N/A",
                                  notification.sent_at if notification else None, request.created_at))
    rows.sort(key=lambda r: (r.template_name, r.original_file_name, r.template_sent_at is not None,
                             r.template_sent_at or r.unsubscribe_request_received_at), reverse=True)
    return report, rows


def _report(uow: UnitOfWork, service_id: UUID, report_id: UUID, message: str) -> UnsubscribeRequestReport:
    """Another service's report is not found, as an unknown one is (Notify's words)."""
    try:
        return uow.unsubscribe_request_reports.get(service_id, report_id)
    except UnsubscribeRequestReportNotFound:
        raise UnsubscribeRequestReportNotFound(message, field="batch_id") from None
