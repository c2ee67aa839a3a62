"""The nightly purge: notifications past their service's retention for their channel leave for history (without
recipient or content; test keys' are deleted), with their letter PDFs; jobs past it lose their spreadsheet and
are archived; files sent by email go once their own retention has ended. Batched, a transaction each, so sends never wait long behind it; safe in any number of processes
at once (each batch takes rows nobody else holds) and to run again (what is gone stays gone)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date, datetime
from uuid import UUID

from notify.domain.constants import NotificationType
from notify.domain.notification_history import (
    PURGE_BATCH,
    Expiry,
    PurgeReport,
    expiries,
    job_expired,
    purge_day,
    purge_due,
)

from . import report_requests, unsubscribe
from .app import Notify
from .documents import remove_expired_documents


def purge_expired(notify: Notify, *, batch: int = PURGE_BATCH) -> PurgeReport:
    now = notify.clock.now()
    with notify.uow() as uow:
        service_ids = [s.id for s in uow.services.list()]
        retentions = uow.data_retention.list_all()
    report = PurgeReport()
    every = expiries(service_ids, retentions, now)
    for expiry in every:
        report += _move_notifications(notify, expiry, batch)
    for service_id in service_ids:
        report += _archive_jobs(notify, service_id, [e for e in every if e.service_id == service_id], now)
        report += PurgeReport(documents_removed=remove_expired_documents(notify, service_id))
    return report + PurgeReport(unsubscribe_requests_removed=unsubscribe.remove_archived_requests(notify),
                                reports_removed=report_requests.remove_expired_reports(notify))


def _move_notifications(notify: Notify, expiry: Expiry, batch: int) -> PurgeReport:
    moved = letters = 0
    while True:
        with notify.uow() as uow:
            ids = uow.notification_history.move_expired(expiry, limit=batch)
            # Before the commit: should it fail, the letters are still there to be purged again, never a PDF
            # left behind with nothing pointing at it.
            letters += _remove_letters(notify, expiry, ids)
            uow.commit()
        moved += len(ids)
        if len(ids) < batch:  # the rest (if any) is another purge's, or a send's for now
            return PurgeReport(moved=moved, letters_removed=letters)


def _remove_letters(notify: Notify, expiry: Expiry, ids: Sequence[UUID]) -> int:
    if expiry.notification_type is not NotificationType.LETTER or notify.letter_store is None:
        return 0
    for notification_id in ids:
        notify.letter_store.delete(expiry.service_id, notification_id)
    return len(ids)


def _archive_jobs(notify: Notify, service_id: UUID, its: Sequence[Expiry], now: datetime) -> PurgeReport:
    by_channel = {e.notification_type: e for e in its}
    with notify.uow() as uow:
        jobs = [j for j in uow.jobs.list_for_service(service_id) if not j.archived]
        channels = {j.id: uow.templates.get_version(service_id, j.template_id, j.template_version).template_type
                    for j in jobs}
    archived = 0
    for job in jobs:
        if not job_expired(job.created_at, job.scheduled_for, job.archived, by_channel[channels[job.id]]):
            continue
        if notify.uploads is not None:
            notify.uploads.delete(service_id, job.id)
        with notify.uow() as uow:
            if uow.jobs.update_if_unchanged(job.changed(now=now, archived=True), previous=job):
                archived += 1
            uow.commit()
    return PurgeReport(jobs_archived=archived)


class NightlyPurge:
    """Once a UK day, from `hour` (UK time) on, for the periodic sweep to call: each process that sweeps purges
    once a night (a second one at the same time shares the work, a later one finds little left)."""

    def __init__(self, hour: int = 3) -> None:
        self.hour = hour
        self._last: date | None = None
        self._lock = threading.Lock()

    def due(self, notify: Notify) -> bool:
        """True once a night: the caller is then to run `purge_expired`."""
        now = notify.clock.now()
        with self._lock:
            if not purge_due(self._last, now, self.hour):
                return False
            self._last = purge_day(now)
            return True
