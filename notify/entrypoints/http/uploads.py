"""Admin API: /service/{id}/upload (spreadsheets and uploaded letters) and the letters of one print run."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import falcon

from notify.domain.errors import InvalidRequest
from notify.usecases import uploads as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.admin_notifications import AdminNotificationOut, JobNotificationList
from .schemas.jobs import PageLinks
from .schemas.uploads import PagesQuery, UploadList, UploadRow, UploadsQuery


class UploadResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/upload
    @operation(query=UploadsQuery, response=UploadList)
    def on_get(self, req: falcon.Request, service_id: UUID, query: UploadsQuery) -> UploadList:
        """Spreadsheets sent and days of uploaded letters, newest first, a page at a time."""
        result = usecases.list_uploads(self._notify, service_id, limit_days=query.limit_days, page=query.page)
        links = PageLinks.numbered(f"/service/{service_id}/upload", query.page, result.page_size, result.total)
        return UploadList(data=[UploadRow.of(u) for u in result.uploads], page_size=result.page_size,
                          total=result.total, links=links)

    # /service/{service_id}/upload/uploaded-letters/{letter_print_date}
    @operation(query=PagesQuery, response=JobNotificationList)
    def on_get_letters(self, req: falcon.Request, service_id: UUID, letter_print_date: str,
                       query: PagesQuery) -> JobNotificationList:
        """The letters uploaded as PDFs that go in that day's print run (`YYYY-MM-DD`)."""
        try:
            day = datetime.strptime(letter_print_date, "%Y-%m-%d").date()
        except ValueError:
            raise InvalidRequest(f"{letter_print_date} is not a date (YYYY-MM-DD)") from None
        page = usecases.uploaded_letters(self._notify, service_id, day, page=query.page)
        total = page.total or 0
        links = PageLinks.numbered(f"/service/{service_id}/upload/uploaded-letters/{day.isoformat()}", query.page,
                                   page.page_size, total)
        return JobNotificationList(notifications=[AdminNotificationOut.of(v) for v in page.notifications],
                                   page_size=page.page_size, total=total, links=links)


